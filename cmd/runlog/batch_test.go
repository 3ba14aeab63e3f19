package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
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
