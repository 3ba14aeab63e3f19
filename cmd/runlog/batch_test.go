package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestNewBatchCmdParsesFlags(t *testing.T) {
	var got *BatchOptions
	cmd := newBatchCmd(IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}, func(o *BatchOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--out", "reports", "--format", "json", "--fail-on", "likely", "--workers", "3", "athletes"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Dir != "athletes" || got.OutDir != "reports" || got.Format != "json" || !got.FormatSet || got.FailOn != "likely" || got.Input.Workers != 3 {
		t.Errorf("options = %+v", got)
	}
	if code, _, _ := runIO(t, nil, "batch"); code != exitUsage {
		t.Errorf("no folder: exit %d", code)
	}
	if code, _, _ := runIO(t, nil, "batch", "a", "b"); code != exitUsage {
		t.Errorf("two folders: exit %d", code)
	}
}

// coachDir builds a coach's folder of generated athletes from the demo
// runs: ana has a red flag (a doctor), bob a likely cause, cara no notes
// and a broken file, and "dan:the/man" (as far as a file system allows)
// a name that must be made safe.
func coachDir(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	files, _ := filepath.Glob(filepath.Join(demoDir, "*.fit"))
	athlete := func(name, notesText string, fits []string) string {
		dir := filepath.Join(root, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range fits {
			b, _ := os.ReadFile(f)
			os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644)
		}
		if notesText != "" {
			os.WriteFile(filepath.Join(dir, "notes.md"), []byte(notesText), 0o644)
		}
		return dir
	}
	athlete("ana", "- 2026-11-04 numb toes\n- 2026-11-05 feet still numb at rest, all evening\n", files)
	athlete("bob", "- 2026-11-04 numb toes, shoes too tight\n- 2026-11-11 numb toes again, tight laces\n- 2026-11-02 feet fine\n", files)
	cara := athlete("cara", "", files[:3])
	os.WriteFile(filepath.Join(cara, "broken.fit"), []byte("not a FIT file"), 0o644)
	athlete("dan:the man", "", files[:2])
	os.WriteFile(filepath.Join(root, "stray.fit"), []byte("x"), 0o644)
	os.MkdirAll(filepath.Join(root, ".hidden"), 0o755)
	return root
}

type rosterDoc struct {
	Schema   string
	Athletes []struct {
		Name         string
		Runs         int
		NumbRuns     int      `json:"numb_runs"`
		LikelyCauses []string `json:"likely_causes"`
		SeeDoctor    bool     `json:"see_doctor"`
		Errors       []struct{ Source, Error string }
		Report       string
	}
}

// TestBatchRoster: the roster ranks athletes by attention; a broken file
// is listed under its athlete and hides no one; runlog's own journal (here
// with a red flag on every run's day) is nobody's.
func TestBatchRoster(t *testing.T) {
	root := coachDir(t)
	journal := filepath.Join(t.TempDir(), "journal.md")
	os.WriteFile(journal, []byte("- 2026-11-02 back pain and numb toes\n- 2026-11-06 back pain and numb toes\n"), 0o600)
	env := map[string]string{"RUNLOG_JOURNAL": journal}
	code, out, stderr := runIO(t, env, "batch", "--format", "json", root)
	if code != exitPartial {
		t.Errorf("exit %d, want %d (cara's broken file): %s", code, exitPartial, stderr)
	}
	var doc rosterDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var names []string
	for _, a := range doc.Athletes {
		names = append(names, a.Name)
	}
	if doc.Schema != "runlog.batch/v1" || strings.Join(names, ",") != "ana,bob,cara,dan:the man" {
		t.Fatalf("roster %s: %v", doc.Schema, names)
	}
	ana, bob, cara, dan := doc.Athletes[0], doc.Athletes[1], doc.Athletes[2], doc.Athletes[3]
	if !ana.SeeDoctor || ana.Runs != 8 || ana.NumbRuns < 1 {
		t.Errorf("ana: %+v", ana)
	}
	if bob.SeeDoctor || len(bob.LikelyCauses) == 0 || bob.NumbRuns != 2 {
		t.Errorf("bob (the journal's back pain must not reach him): %+v", bob)
	}
	if cara.SeeDoctor || cara.Runs != 3 || len(cara.Errors) != 1 || !strings.Contains(cara.Errors[0].Error, "broken.fit") {
		t.Errorf("cara: %+v", cara)
	}
	if dan.Runs != 2 || len(dan.Errors) != 0 {
		t.Errorf("dan: %+v", dan)
	}
	if !strings.Contains(stderr, "stray.fit is not in an athlete folder") || strings.Contains(out, ".hidden") {
		t.Errorf("stray file or hidden folder: %s", stderr)
	}
	// Text, and the same bytes with any number of workers.
	_, one, _ := runIO(t, env, "batch", "--workers", "1", root)
	_, four, _ := runIO(t, env, "batch", "--workers", "4", root)
	if one != four || !strings.Contains(one, "ana ") || strings.Index(one, "ana ") > strings.Index(one, "bob ") {
		t.Errorf("workers change the roster, or the order is wrong:\n%s\n---\n%s", one, four)
	}
	// --fail-on: reached by ana, it wins over cara's broken file.
	if code, _, stderr := runIO(t, env, "batch", "--fail-on", "doctor", root); code != exitAttention || !strings.Contains(stderr, "ana: a doctor is advised") {
		t.Errorf("--fail-on doctor: exit %d %s", code, stderr)
	}
}

// TestBatchOut: --out writes a private report per athlete, under a safe
// file name, and the roster.
func TestBatchOut(t *testing.T) {
	root := coachDir(t)
	out := filepath.Join(t.TempDir(), "reports")
	code, stdout, stderr := runIO(t, nil, "batch", "--out", out, "--format", "json", root)
	if code != exitPartial {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, name := range []string{"ana.json", "bob.json", "cara.json", "dan_the man.json", "roster.json"} {
		info, err := os.Stat(filepath.Join(out, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", name, info.Mode().Perm())
		}
	}
	if info, _ := os.Stat(out); info.Mode().Perm() != 0o700 {
		t.Errorf("--out folder: mode %v, want 0700", info.Mode().Perm())
	}
	var doc rosterDoc
	json.Unmarshal([]byte(stdout), &doc)
	if len(doc.Athletes) != 4 || doc.Athletes[3].Report != "dan_the man.json" {
		t.Errorf("roster report names: %+v", doc.Athletes)
	}
	roster, _ := os.ReadFile(filepath.Join(out, "roster.json"))
	if string(roster) != stdout {
		t.Error("roster.json differs from stdout")
	}
	var cara struct {
		Schema string
		Runs   []any
		Errors []struct{ Source string }
	}
	b, _ := os.ReadFile(filepath.Join(out, "cara.json"))
	if err := json.Unmarshal(b, &cara); err != nil || cara.Schema != "runlog/v1" || len(cara.Runs) != 3 || len(cara.Errors) != 1 {
		t.Errorf("cara.json: %v %+v", err, cara)
	}
}

func TestSafeName(t *testing.T) {
	for in, want := range map[string]string{
		"ana":        "ana",
		"..":         "_",
		".":          "_",
		".profile":   "_.profile",
		"a/b":        "a_b",
		`a\b`:        "a_b",
		"x\ny":       "x_y",
		"Zoë Müller": "Zoë Müller",
		"trailing. ": "trailing",
		"":           "_",
	} {
		got := safeName(in)
		if got != want || strings.ContainsAny(got, `/\`) || got == ".." || strings.HasPrefix(got, ".") {
			t.Errorf("safeName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestBatchNothing: a folder without athletes, or missing, is exit 1.
func TestBatchNothing(t *testing.T) {
	if code, _, stderr := runIO(t, nil, "batch", t.TempDir()); code != exitFailed || !strings.Contains(stderr, "no athlete folders") {
		t.Errorf("empty: exit %d %s", code, stderr)
	}
	missing := filepath.Join(t.TempDir(), "gone")
	if code, _, stderr := runIO(t, nil, "batch", missing); code != exitFailed || !strings.Contains(stderr, "gone: no such file") {
		t.Errorf("missing: exit %d %s", code, stderr)
	}
}

func TestNewBatchCmdParsesMdHTML(t *testing.T) {
	for _, format := range []string{"md", "html"} {
		var got *BatchOptions
		cmd := newBatchCmd(IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}, func(o *BatchOptions) error { got = o; return nil })
		cmd.SetArgs([]string{"-f", format, "--out", "reports", "athletes"})
		if err := cmd.Execute(); err != nil {
			t.Fatal(err)
		}
		if got.Format != format || !got.FormatSet || got.OutDir != "reports" || got.Dir != "athletes" {
			t.Errorf("--format %s: options = %+v", format, got)
		}
	}
	if code, _, stderr := runIO(t, nil, "batch", "--format", "csv", t.TempDir()); code != exitUsage || !strings.Contains(stderr, `"csv"`) {
		t.Errorf("--format csv: exit %d %s", code, stderr)
	}
}

// hostileName is an athlete folder name with HTML, a table pipe and a
// quote: user text that the md and html rosters must escape.
const hostileName = `ev"il|<script>alert(1)</script>`

// hostileCoachDir is coachDir plus an athlete named hostileName (the
// slashes of </script> are not possible in a folder name: "<\script>").
func hostileCoachDir(t *testing.T) (root, name string) {
	t.Helper()
	root = coachDir(t)
	name = strings.ReplaceAll(hostileName, "/", "\\")
	dir := filepath.Join(root, name)
	files, _ := filepath.Glob(filepath.Join(demoDir, "*.fit"))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(files[0])
	os.WriteFile(filepath.Join(dir, "a|<b>\"x\".fit"), b, 0o644)
	os.WriteFile(filepath.Join(dir, "<i>broken.fit"), []byte("not a FIT file"), 0o644)
	return root, name
}

// TestBatchMarkdown: the md roster is a table in the order of attention,
// escaped, the same bytes with any number of workers; --out writes
// <name>.md per athlete and roster.md linking to them.
func TestBatchMarkdown(t *testing.T) {
	root, _ := hostileCoachDir(t)
	code, one, stderr := runIO(t, nil, "batch", "--format", "md", "--workers", "1", root)
	if code != exitPartial {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	_, four, _ := runIO(t, nil, "batch", "--format", "md", "--workers", "4", root)
	if one != four {
		t.Errorf("workers change the md roster:\n%s\n---\n%s", one, four)
	}
	var rows []string
	for _, l := range strings.Split(one, "\n") {
		if strings.HasPrefix(l, "| ") {
			rows = append(rows, l)
		}
	}
	if len(rows) != 6 || rows[0] != "| athlete | runs | numb runs | likely causes | also with numb runs | doctor advised | errors | notes unread |" {
		t.Fatalf("md roster rows %q:\n%s", rows, one)
	}
	for i, prefix := range []string{"| ana | 8 | ", "| bob | 8 | 2 | ", "| cara | 3 | 0 | - | - | - | 1 | - |", "| dan:the man | 2 | 0 | - | - | - | - | - |", `| ev"il\|\<script\>alert(1)\<\\script\> | 1 | 0 | - | - | - | 1 | - |`} {
		if !strings.HasPrefix(rows[i+1], prefix) {
			t.Errorf("row %d = %q, want it to start %q", i+1, rows[i+1], prefix)
		}
	}
	if !strings.Contains(rows[1], "| YES |") {
		t.Errorf("ana's doctor: %q", rows[1])
	}
	for _, bad := range []string{"<script>", "<i>", "<b>"} {
		if regexp.MustCompile(`(^|[^\\])` + regexp.QuoteMeta(bad)).MatchString(one) {
			t.Errorf("md roster holds %q unescaped:\n%s", bad, one)
		}
	}
	if !strings.Contains(one, `/\<i\>broken.fit:`) {
		t.Errorf("md roster lacks the escaped broken file:\n%s", one)
	}

	out := filepath.Join(t.TempDir(), "reports")
	_, stdout, _ := runIO(t, nil, "batch", "--format", "md", "--out", out, root)
	for _, name := range []string{"ana.md", "bob.md", "cara.md", "dan_the man.md", "ev_il__script_alert(1)__script_.md", "roster.md"} {
		if info, err := os.Stat(filepath.Join(out, name)); err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v", name, err)
		}
	}
	roster, _ := os.ReadFile(filepath.Join(out, "roster.md"))
	if string(roster) != stdout {
		t.Error("roster.md differs from stdout")
	}
	for _, want := range []string{"| [ana](ana.md) | 8 |", "| [dan:the man](dan_the%20man.md) |", `| [ev"il\|\<script\>alert(1)\<\\script\>](ev_il__script_alert%281%29__script_.md) |`} {
		if !strings.Contains(stdout, want) {
			t.Errorf("roster.md lacks %q:\n%s", want, stdout)
		}
	}
	ana, _ := os.ReadFile(filepath.Join(out, "ana.md"))
	if !strings.HasPrefix(string(ana), "# runlog report\n") {
		t.Errorf("ana.md is not the Markdown report: %.100s", ana)
	}
}

// TestBatchHTML: the html roster is one page, no script, each athlete
// linking to <name>.html when --out wrote it; RUNLOG_FORMAT=html is used.
func TestBatchHTML(t *testing.T) {
	root, _ := hostileCoachDir(t)
	out := filepath.Join(t.TempDir(), "reports")
	code, stdout, stderr := runIO(t, map[string]string{"RUNLOG_FORMAT": "html"}, "batch", "--out", out, "--workers", "2", root)
	if code != exitPartial {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	roster, _ := os.ReadFile(filepath.Join(out, "roster.html"))
	if string(roster) != stdout || !strings.HasPrefix(stdout, "<!DOCTYPE html>") {
		t.Fatalf("roster.html differs from stdout, or is not a page:\n%.300s", stdout)
	}
	for _, name := range []string{"ana.html", "bob.html", "cara.html", "dan_the man.html", "ev_il__script_alert(1)__script_.html"} {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil || !strings.HasPrefix(string(b), "<!DOCTYPE html>") {
			t.Errorf("%s: %v", name, err)
		}
	}
	low := strings.ToLower(stdout)
	for _, bad := range []string{"<script", "<i>", "<b>\"", "<link", "http:", "https:"} {
		if strings.Contains(low, bad) {
			t.Errorf("html roster holds %q:\n%s", bad, stdout)
		}
	}
	for _, want := range []string{
		`<tr class="doctor"><td class="l"><a href="ana.html">ana</a></td><td>8</td>`,
		`<a href="dan_the%20man.html">dan:the man</a>`,
		`<a href="ev_il__script_alert%281%29__script_.html">ev&#34;il|&lt;script&gt;alert(1)&lt;\script&gt;</a></td><td>1</td><td>0</td><td class="l">-</td><td class="l">-</td><td class="l doctor">-</td><td>1</td><td>-</td></tr>`,
		`&lt;i&gt;broken.fit`,
		"<style>",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("html roster lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Index(stdout, ">ana<") > strings.Index(stdout, ">bob<") || strings.Index(stdout, ">bob<") > strings.Index(stdout, ">cara<") {
		t.Error("html roster not in the order of attention")
	}
	// Without --out: no links; any workers, same bytes.
	_, one, _ := runIO(t, nil, "batch", "--format", "html", "--workers", "1", root)
	_, four, _ := runIO(t, nil, "batch", "--format", "html", "--workers", "4", root)
	if one != four || strings.Contains(one, "<a ") || !strings.Contains(one, `<td class="l">ana</td>`) {
		t.Errorf("html roster without --out, or workers change it:\n%s", one)
	}
}
