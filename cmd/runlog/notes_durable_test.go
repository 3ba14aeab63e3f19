package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/runlog/runlog/analysis/notes"
)

// runlogProcess is `runlog args...` as a process of its own: the test
// binary, made runlog by RUNLOG_TEST_AS_MAIN (TestMain).
func runlogProcess(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	// Under the race detector a process sleeps 1 s at exit unless told not to.
	cmd.Env = append(os.Environ(), "RUNLOG_TEST_AS_MAIN=1", "GORACE=atexit_sleep_ms=0")
	return cmd
}

// readWhole reads path as analyze does and fails on any note it could
// not read: a half-written file would show as one.
func readWhole(t *testing.T, path string) []notes.Entry {
	t.Helper()
	got, warnings, err := notes.ReadFile(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for _, w := range warnings {
		if w.Unread > 0 {
			t.Fatalf("%s: a note could not be read: %s\n%s", path, w, mustRead(path))
		}
	}
	return got
}

func mustRead(path string) string {
	b, _ := os.ReadFile(path)
	return string(b)
}

// TestConcurrentNoteAdd: 20 `runlog note add` processes at once on the
// same notes file leave 20 notes, in each format (journal, CSV, JSON,
// JSON Lines); while they run, every read of the file (as analyze reads
// it) parses whole — no partial file is ever visible, even where a note is
// added by renaming a new file over the old one (JSON).
func TestConcurrentNoteAdd(t *testing.T) {
	const n = 20
	for _, name := range []string{"journal.md", "notes.csv", "notes.json", "notes.jsonl"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), name)
			var wg sync.WaitGroup
			errs := make([]string, n)
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					cmd := runlogProcess("note", "add", "--notes", path, "--date", fmt.Sprintf("2026-11-%02d", i+1), "--foot", "left", fmt.Sprintf("numb toes, note %d", i))
					if out, err := cmd.CombinedOutput(); err != nil {
						errs[i] = fmt.Sprintf("note %d: %v: %s", i, err, out)
					}
				}()
			}
			stop := make(chan struct{})
			reads := 0
			go func() {
				wg.Wait()
				close(stop)
			}()
			for done := false; !done; {
				select {
				case <-stop:
					done = true
				default:
					if _, err := os.Stat(path); err == nil {
						readWhole(t, path)
						reads++
					}
					time.Sleep(2 * time.Millisecond)
				}
			}
			for _, e := range errs {
				if e != "" {
					t.Error(e)
				}
			}
			got := readWhole(t, path)
			seen := map[string]bool{}
			for _, e := range got {
				seen[e.Text] = true
			}
			for i := range n {
				if !seen[fmt.Sprintf("numb toes, note %d", i)] {
					t.Errorf("note %d is missing", i)
				}
			}
			if len(got) != n {
				t.Errorf("%d notes, want %d:\n%s", len(got), n, mustRead(path))
			}
			t.Logf("%d notes; the file was read whole %d times while they were added", len(got), reads)
		})
	}
}

// TestNoteAddKilled: `runlog note add` processes killed (SIGKILL) at random
// moments while they add to a large notes file leave a file that still
// reads whole, holding every note that was there before and every note
// whose process finished.
//
// Under the race detector (a process takes some 1.5 s) or -short, only the
// journal (appended to) and JSON (renamed over) are tried, 3 kills each.
func TestNoteAddKilled(t *testing.T) {
	formats, kills := []string{"journal.md", "notes.csv", "notes.json", "notes.jsonl"}, 6
	if raceOn || testing.Short() {
		formats, kills = []string{"journal.md", "notes.json"}, 3
	}
	for _, name := range formats {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), name)
			// A large file first (some 25 KB), so that an update takes a while.
			var e []string
			for i := range 400 {
				day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%2000)
				e = append(e, fmt.Sprintf("%s|numb toes after the long hill, old note %d", day.Format("2006-01-02"), i))
			}
			if err := os.WriteFile(path, largeNotes(name, e), 0o600); err != nil {
				t.Fatal(err)
			}
			before := len(readWhole(t, path))
			// One add to the end, timed; then adds killed at points spread
			// over that time, from start-up to the write and its rename.
			start := time.Now()
			if out, err := runlogProcess("note", "add", "--notes", path, "--date", "2026-11-19", "timed note").CombinedOutput(); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			full := time.Since(start)
			finished := 1
			for i := range kills {
				cmd := runlogProcess("note", "add", "--notes", path, "--date", "2026-11-20", fmt.Sprintf("new note %d", i))
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				time.Sleep(full * time.Duration(i+1) / time.Duration(kills+1))
				cmd.Process.Kill()
				if err := cmd.Wait(); err == nil {
					finished++
				}
			}
			got := readWhole(t, path)
			if len(got) < before+finished || len(got) > before+1+kills {
				t.Fatalf("%d notes, want %d to %d", len(got), before+finished, before+1+kills)
			}
			leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*runlog-*"))
			t.Logf("one add takes %v; %d of %d finished before the kill; %d notes added; temporary files left: %d",
				full.Round(time.Millisecond), finished, kills+1, len(got)-before, len(leftovers))
		})
	}
}

// largeNotes writes entries ("date|text") in the format of name.
func largeNotes(name string, entries []string) []byte {
	var b bytes.Buffer
	switch filepath.Ext(name) {
	case ".csv":
		b.WriteString("Date,Notes\n")
	case ".json":
		b.WriteString("[\n")
	default:
		b.WriteString("# notes\n")
	}
	for i, e := range entries {
		date, text, _ := strings.Cut(e, "|")
		switch filepath.Ext(name) {
		case ".csv":
			fmt.Fprintf(&b, "%s,%s\n", date, strings.ReplaceAll(text, ",", ";"))
		case ".json":
			sep := ","
			if i == len(entries)-1 {
				sep = ""
			}
			fmt.Fprintf(&b, "{\"date\": %q, \"text\": %q}%s\n", date, text, sep)
		case ".jsonl":
			if i == 0 {
				b.Reset()
			}
			fmt.Fprintf(&b, "{\"date\": %q, \"text\": %q}\n", date, text)
		default:
			fmt.Fprintf(&b, "%s %s\n", date, text)
		}
	}
	if filepath.Ext(name) == ".json" {
		b.WriteString("]\n")
	}
	return b.Bytes()
}

// TestAnalyzeLeavesNotesAlone: reading notes never changes them — every
// notes file's bytes (and modification time) are the same after analyze.
func TestAnalyzeLeavesNotesAlone(t *testing.T) {
	dir := t.TempDir()
	demo := filepath.Join("..", "..", "testdata", "demo")
	runs, _ := filepath.Glob(filepath.Join(demo, "*.fit"))
	for _, r := range runs[:3] {
		b, _ := os.ReadFile(r)
		os.WriteFile(filepath.Join(dir, filepath.Base(r)), b, 0o644)
	}
	files := map[string][]byte{
		"notes.md":       []byte("# log\n2026-11-04 numb left toes at 5 km\n"),
		"numbness.csv":   []byte("Date,Notes\n2026-11-02,numb\n2026-02-30,bad date\n"),
		"notes.json":     []byte(`[{"date": "2026-11-06", "text": "tingling"}]`),
		"numbness.jsonl": []byte("{\"date\": \"2026-11-04\", \"text\": \"x\"}\n{bad\n"),
	}
	sums := map[string][32]byte{}
	mtimes := map[string]time.Time{}
	for name, b := range files {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o644)
		old := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		os.Chtimes(p, old, old)
		sums[name] = sha256.Sum256(b)
		mtimes[name] = old
	}
	journal := filepath.Join(dir, "journal", "journal.md")
	os.MkdirAll(filepath.Dir(journal), 0o700)
	os.WriteFile(journal, []byte("2026-11-06 both feet numb\n"), 0o600)
	t.Setenv("RUNLOG_JOURNAL", journal)
	jsum := sha256.Sum256([]byte("2026-11-06 both feet numb\n"))
	for _, format := range []string{"text", "json", "html"} {
		var out, errOut bytes.Buffer
		if code := Main([]string{"analyze", "--no-cache", "--format", format, dir}, &out, &errOut); code != exitOK && code != exitPartial {
			t.Fatalf("analyze: exit %d: %s", code, errOut.String())
		}
	}
	for name := range files {
		p := filepath.Join(dir, name)
		b, _ := os.ReadFile(p)
		fi, _ := os.Stat(p)
		if sha256.Sum256(b) != sums[name] || !fi.ModTime().Equal(mtimes[name]) {
			t.Errorf("%s changed by analyze", name)
		}
	}
	if b, _ := os.ReadFile(journal); sha256.Sum256(b) != jsum {
		t.Error("the journal changed by analyze")
	}
}

// TestNoConfigWritten: runlog reads its config file and never creates one
// (nor its folder), so there is no config file whose mode to get wrong;
// `runlog config path` only prints where it would be.
func TestNoConfigWritten(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config")
	t.Setenv("XDG_CONFIG_HOME", cfg)
	t.Setenv("HOME", t.TempDir())
	j := filepath.Join(t.TempDir(), "j.md")
	for _, args := range [][]string{{"config", "path"}, {"note", "add", "--notes", j, "x"}, {"note", "list", "--notes", j},
		{"analyze", "--no-cache", filepath.Join("..", "..", "testdata", "demo")}} {
		var out, errOut bytes.Buffer
		Main(args, &out, &errOut)
	}
	if _, err := os.Stat(cfg); err == nil {
		t.Errorf("%s was created", cfg)
	}
}
