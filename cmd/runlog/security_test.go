package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHostileNames: names from inside an archive or a notes file are shown,
// escaped, and never used as paths to write. An athlete's zip holds runs
// named "../../evil.fit", "/tmp/…/evil-abs.fit" and "<script>….fit"; its
// notes carry "../../evil" and <script> in the text, the shoes and the
// Strava-style file name. analyze (text, md, html, json, csv, --out) and
// batch --out write only where they were told, and no report holds the
// markup unescaped.
func TestHostileNames(t *testing.T) {
	root := t.TempDir()
	coach := filepath.Join(root, "coach")
	ana := filepath.Join(coach, "ana")
	os.MkdirAll(ana, 0o755)
	run, err := os.ReadFile(filepath.Join("..", "..", "testdata", "demo", "2026-11-04-run.fit"))
	if err != nil {
		t.Fatal(err)
	}
	run2, _ := os.ReadFile(filepath.Join("..", "..", "testdata", "demo", "2026-11-06-run.fit"))
	run3, _ := os.ReadFile(filepath.Join("..", "..", "testdata", "demo", "2026-11-08-run.fit"))
	abs := filepath.Join(root, "abs", "evil-abs.fit")
	notesCSV := []byte("Date,Notes,Shoes,Filename\n" +
		"2026-11-04,numb toes <script>alert('n')</script> ../../evil,<script>alert('s')</script>,../../evil-note.fit\n" +
		"2026-11-06,\"left foot <img src=x onerror=alert(1)>\",../../evil-shoe,/tmp/evil\n")
	// The same notes beside the zip (read as a folder's notes) and at its
	// top (read when the zip is named).
	os.WriteFile(filepath.Join(ana, "notes.csv"), notesCSV, 0o644)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range map[string][]byte{
		"../../evil.fit":                  run,
		abs:                               run2,
		"<script>alert('f')</script>.fit": run3,
		"notes.csv":                       notesCSV,
	} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	zw.Close()
	os.WriteFile(filepath.Join(ana, "export.zip"), buf.Bytes(), 0o644)

	before := listTree(t, root)
	cwd, _ := os.Getwd()
	outDir := filepath.Join(root, "out")
	os.MkdirAll(outDir, 0o700)
	outputs := map[string]string{}
	for _, format := range []string{"text", "md", "html", "json", "csv"} {
		var out, errOut bytes.Buffer
		code := Main([]string{"analyze", "--no-cache", "--format", format, ana}, &out, &errOut)
		if code != exitOK && code != exitPartial {
			t.Fatalf("analyze %s: exit %d: %s", format, code, errOut.String())
		}
		outputs[format] = out.String()
	}
	var out, errOut bytes.Buffer
	if code := Main([]string{"analyze", "--no-cache", "--format", "html", "--out", filepath.Join(outDir, "r.html"), ana}, &out, &errOut); code != exitOK && code != exitPartial {
		t.Fatalf("analyze --out: exit %d: %s", code, errOut.String())
	}
	out.Reset()
	if code := Main([]string{"analyze", "--no-cache", "--format", "html", filepath.Join(ana, "export.zip")}, &out, &errOut); code != exitOK && code != exitPartial {
		t.Fatalf("analyze export.zip: exit %d: %s", code, errOut.String())
	}
	outputs["html of the zip"] = out.String()
	reports := filepath.Join(outDir, "reports")
	if code := Main([]string{"batch", "--no-cache", "--out", reports, "--format", "json", coach}, &out, &errOut); code != exitOK && code != exitPartial {
		t.Fatalf("batch --out: exit %d: %s", code, errOut.String())
	}

	// Written: only what was asked for, under outDir.
	after := listTree(t, root)
	for p := range after {
		if !before[p] && !strings.HasPrefix(p, outDir+string(filepath.Separator)) && p != outDir {
			t.Errorf("written outside --out: %s", p)
		}
		if strings.Contains(filepath.Base(p), "evil") && !before[p] {
			t.Errorf("a file named from inside the archive or notes: %s", p)
		}
	}
	// Where a name used as a path would land, from every folder involved.
	for _, base := range []string{cwd, root, coach, ana, outDir, reports} {
		for _, name := range []string{"../../evil.fit", "../../evil-note.fit", "../../evil-shoe", "../../evil"} {
			if p := filepath.Join(base, name); !before[p] {
				if _, err := os.Stat(p); err == nil {
					t.Errorf("%s was written", p)
				}
			}
		}
	}
	if _, err := os.Stat(abs); err == nil {
		t.Errorf("%s was written", abs)
	}
	html, _ := os.ReadFile(filepath.Join(outDir, "r.html"))
	outputs["html --out"] = string(html)

	// Shown, escaped.
	for _, want := range []string{"export.zip!../../evil.fit", "export.zip!<script>alert('f')</script>.fit", "export.zip!" + abs} {
		if !strings.Contains(outputs["csv"], want) {
			t.Errorf("the CSV report does not name the run %q:\n%s", want, outputs["csv"])
		}
	}
	for _, f := range []string{"html", "html --out", "html of the zip"} {
		low := strings.ToLower(outputs[f])
		for _, bad := range []string{"<script", "<img", "onerror=alert"} {
			if strings.Contains(low, bad) {
				t.Errorf("%s report holds %q unescaped", f, bad)
			}
		}
		if !strings.Contains(outputs[f], "&lt;script&gt;") {
			t.Errorf("%s report does not show the escaped names", f)
		}
	}
	md := outputs["md"]
	for _, bad := range []string{"<script", "<img"} {
		if i := strings.Index(md, bad); i >= 0 && (i == 0 || md[i-1] != '\\') {
			t.Errorf("markdown holds %q unescaped", bad)
		}
	}
}

// listTree lists every path under root.
func listTree(t *testing.T, root string) map[string]bool {
	t.Helper()
	got := map[string]bool{}
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil {
			got[p] = true
		}
		if d != nil && d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		return nil
	})
	return got
}
