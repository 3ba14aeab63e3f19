package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden reports in testdata/golden (go test ./cmd/runlog -run Golden -update)")

// goldenFormats are the report formats with a golden file each.
var goldenFormats = []struct{ format, ext string }{{"text", "txt"}, {"json", "json"}, {"csv", "csv"}, {"md", "md"}, {"html", "html"}}

// demoArgs analyse the demo athlete the same way on any machine: from the
// repository root, so that sources read testdata/demo/...; without the
// runner's journal or config (TestMain points both at nothing); note
// times in UTC; one worker.
func demoArgs(format string, extra ...string) []string {
	return append([]string{"analyze", "--format", format, "--no-journal", "--tz", "UTC", "--workers", "1"}, append(extra, "testdata/demo")...)
}

// TestGoldenReports renders the demo athlete in every format and compares
// the bytes with testdata/golden/demo.*: a change to any report, the CSV
// columns or the runlog/v1 JSON shows in review as a change to these
// files. -update rewrites them.
func TestGoldenReports(t *testing.T) {
	golden, err := filepath.Abs(filepath.Join("testdata", "golden"))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join("..", ".."))
	for _, f := range goldenFormats {
		t.Run(f.format, func(t *testing.T) {
			var out, errOut bytes.Buffer
			if code := Main(demoArgs(f.format), &out, &errOut); code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut.String())
			}
			path := filepath.Join(golden, "demo."+f.ext)
			if *update {
				if err := os.MkdirAll(golden, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./cmd/runlog -run Golden -update to write it)", err)
			}
			if d := lineDiff(string(want), out.String()); d != "" {
				t.Errorf("%s differs from the golden file (go test ./cmd/runlog -run Golden -update rewrites it if the change is meant):\n%s", path, d)
			}
		})
	}
}

// lineDiff is a unified diff of want and got around their first differing
// line, "" when they are equal.
func lineDiff(want, got string) string {
	if want == got {
		return ""
	}
	a, b := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	// The end of the difference: the first line after i where both
	// continue alike, looked for from the end.
	ea, eb := len(a), len(b)
	for ea > i && eb > i && a[ea-1] == b[eb-1] {
		ea--
		eb--
	}
	from := max(0, i-3)
	var s strings.Builder
	fmt.Fprintf(&s, "--- golden\n+++ got\n@@ -%d,%d +%d,%d @@\n", from+1, min(ea+3, len(a))-from, from+1, min(eb+3, len(b))-from)
	for _, l := range a[from:i] {
		s.WriteString(" " + l + "\n")
	}
	const most = 20
	for k, l := range a[i:ea] {
		if k == most {
			fmt.Fprintf(&s, "-... (%d more)\n", ea-i-most)
			break
		}
		s.WriteString("-" + l + "\n")
	}
	for k, l := range b[i:eb] {
		if k == most {
			fmt.Fprintf(&s, "+... (%d more)\n", eb-i-most)
			break
		}
		s.WriteString("+" + l + "\n")
	}
	for _, l := range a[ea:min(ea+3, len(a))] {
		s.WriteString(" " + l + "\n")
	}
	return s.String()
}

func TestLineDiff(t *testing.T) {
	if d := lineDiff("a\nb\nc\n", "a\nb\nc\n"); d != "" {
		t.Errorf("equal texts differ: %q", d)
	}
	d := lineDiff("1\n2\n3\n4\n5\n6\n", "1\n2\n3\nfour\n5\n6\n")
	if !strings.Contains(d, "\n-4\n+four\n") || !strings.Contains(d, " 3\n") || !strings.Contains(d, " 5\n") {
		t.Errorf("diff:\n%s", d)
	}
}

// TestGoldenJSONDocumented: every key of the demo's runlog/v1 document is
// documented in docs/json-schema.md, so that the schema page cannot fall
// behind the JSON.
func TestGoldenJSONDocumented(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "golden", "demo.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "json-schema.md"))
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	if m, _ := v.(map[string]any); m["schema"] != "runlog/v1" {
		t.Fatalf("schema %v", m["schema"])
	}
	keys := map[string]bool{}
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				keys[k] = true
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	var missing []string
	for k := range keys {
		if !regexp.MustCompile(`["` + "`" + `]` + regexp.QuoteMeta(k) + `["` + "`" + `]`).Match(doc) {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("docs/json-schema.md does not document %v", missing)
	}
}

// TestOutFile: --out writes the same bytes as stdout, for every format,
// and leaves no temporary file beside it.
func TestOutFile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(filepath.Join("..", ".."))
	for _, f := range goldenFormats {
		var stdout, errOut bytes.Buffer
		if code := Main(demoArgs(f.format), &stdout, &errOut); code != exitOK {
			t.Fatalf("%s: exit %d: %s", f.format, code, errOut.String())
		}
		path := filepath.Join(dir, "report."+f.ext)
		// A file already there is replaced.
		if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		errOut.Reset()
		if code := Main(demoArgs(f.format, "--out", path), &out, &errOut); code != exitOK {
			t.Fatalf("%s --out: exit %d: %s", f.format, code, errOut.String())
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if out.Len() != 0 || !bytes.Equal(got, stdout.Bytes()) {
			t.Errorf("%s: --out wrote %d bytes (stdout %d), and %d bytes to stdout", f.format, len(got), stdout.Len(), out.Len())
		}
		if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 { // health notes: private
			t.Errorf("%s: mode %v, %v", f.format, st.Mode(), err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(goldenFormats) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("files left in the folder: %v", names)
	}
	var out, errOut bytes.Buffer
	if code := Main(demoArgs("html", "--out", filepath.Join(dir, "no-such-folder", "r.html")), &out, &errOut); code == exitOK || !strings.Contains(errOut.String(), "--out") {
		t.Errorf("--out into a missing folder: exit %d, stderr %q", code, errOut.String())
	}
}

// TestTextWidthFromTerminal: on a terminal the text report wraps to its
// width (never under 60); off one, and with --out, to 100.
func TestTextWidthFromTerminal(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	widest := func(ios IOStreams, out string) (int, string) {
		t.Helper()
		var buf, errOut bytes.Buffer
		ios.Out, ios.ErrOut = &buf, &errOut
		opts := &AnalyzeOptions{IO: ios, Paths: []string{"testdata/demo"}, Format: "text", Out: out, NoJournal: true, TZ: "UTC",
			Input: inputFlags{MaxInputMB: 64, Workers: 1}}
		if err := runAnalyze(opts); err != nil {
			t.Fatalf("%v: %s", err, errOut.String())
		}
		text := buf.String()
		if out != "" {
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			text = string(b)
		}
		n := 0
		for _, l := range strings.Split(text, "\n") {
			n = max(n, len([]rune(l)))
		}
		return n, text
	}
	if n, _ := widest(IOStreams{}, ""); n > 100 || n < 95 {
		t.Errorf("off a terminal: widest line %d, want up to 100", n)
	}
	if n, _ := widest(IOStreams{OutTerminal: true, Width: 72}, ""); n > 80 {
		t.Errorf("72-column terminal: widest line %d (the tables need 80, prose 72)", n)
	}
	if n, _ := widest(IOStreams{OutTerminal: true, Width: 160}, ""); n <= 100 {
		t.Errorf("160-column terminal: widest line %d, the reasons should use the width", n)
	}
	if n, _ := widest(IOStreams{OutTerminal: true, Width: 160}, filepath.Join(t.TempDir(), "r.txt")); n > 100 {
		t.Errorf("--out from a wide terminal: widest line %d, want up to 100", n)
	}
}

// TestReportsSameWithAnyWorkers: md and html are the same bytes whether
// one worker reads the files or several.
func TestReportsSameWithAnyWorkers(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	for _, format := range []string{"md", "html"} {
		var a, b, errOut bytes.Buffer
		Main(demoArgs(format), &a, &errOut)
		args := demoArgs(format)
		for i, s := range args {
			if s == "--workers" {
				args[i+1] = "4"
			}
		}
		Main(args, &b, &errOut)
		if a.Len() == 0 || !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: %d bytes with one worker, %d with four, or they differ", format, a.Len(), b.Len())
		}
	}
}
