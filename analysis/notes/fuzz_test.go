package notes

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// readerHeads put the fuzzer's bytes behind the start that sends Read to
// one reader, so that each reader is fuzzed on its own and not only the one
// the mutated bytes happen to look like.
var readerHeads = []string{
	"# notes\n", // journal
	"Date,Time,Side,Onset (km),Severity,Notes\n", // CSV
	"date;text\n", // CSV, semicolons
	"[",           // JSON array
	"{\"date\":",  // JSON Lines / one object
	"Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Filename\n", // Strava's activities.csv
}

// FuzzReadFormats: each notes reader (journal, CSV, JSON, JSON Lines,
// Strava's activities.csv) on arbitrary bytes keeps the invariants
// FuzzRead checks (checkRead). The first byte picks the reader. Seeded
// from the notes files in testdata and the demo athlete's.
func FuzzReadFormats(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*"))
	files = append(files, filepath.Join("..", "..", "testdata", "demo", "notes.md"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil || len(b) == 0 {
			continue
		}
		b = b[:min(len(b), 2048)]
		for k, h := range readerHeads {
			if bytes.HasPrefix(b, []byte(h)) || k == 0 {
				f.Add(byte(k), b)
			}
		}
	}
	f.Add(byte(1), []byte("2026-11-20,07:10,L,5,3,\"numb\nat 5k\"\n"))
	f.Add(byte(5), []byte("1,\"Nov 20, 2026, 7:10:23 AM\",Easy,Run,\"numb toes\",activities/1.fit.gz\n"))
	f.Add(byte(3), []byte("{\"date\":\"2026-11-20\",\"text\":\"numb\"}]"))
	f.Fuzz(func(t *testing.T, k byte, data []byte) {
		head := readerHeads[int(k)%len(readerHeads)]
		in := append([]byte(head), data...)
		entries, warnings, err := ReadWith("fuzz", bytes.NewReader(in), Options{})
		checkRead(t, entries, warnings, err)
	})
}

// FuzzAppendFile: AppendNote on a real file holding arbitrary bytes either
// refuses and leaves the file as it was, or leaves a file from which every
// note read before, and the new one, read back.
func FuzzAppendFile(f *testing.F) {
	for _, name := range []string{"journal.md", "notes.json", "notes.jsonl", "semicolon.csv", "spreadsheet.csv", "table.md", "activities.csv"} {
		if b, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(byte(0), b[:min(len(b), 2048)], "numb toes at 5 km")
			f.Add(byte(len(name)), b[:min(len(b), 2048)], "left foot, \"tingling\"")
		}
	}
	f.Add(byte(1), []byte(""), "x")
	f.Add(byte(2), []byte("[]"), "a\nb")
	exts := []string{".md", ".csv", ".json", ".jsonl", ".txt"}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, ext byte, old []byte, text string) {
		if len(old) > 1<<15 || len(text) > 1<<10 {
			return
		}
		path := filepath.Join(dir, "notes"+exts[int(ext)%len(exts)])
		os.Remove(path)
		if err := os.WriteFile(path, old, 0o600); err != nil {
			t.Fatal(err)
		}
		before, _, berr := ReadFile(path)
		e := Entry{When: time.Date(2026, 11, 20, 7, 10, 0, 0, time.UTC), HasTime: true, Text: text,
			OnsetKm: math.NaN(), OnsetMin: math.NaN()}
		_, err := AppendNote(path, e, Options{})
		now, rerr := os.ReadFile(path)
		if rerr != nil {
			t.Fatal(rerr)
		}
		if err != nil {
			var re *RefusedError
			if !errors.As(err, &re) || !strings.Contains(err.Error(), path) {
				t.Fatalf("not a refusal naming the file: %v", err)
			}
			if !bytes.Equal(now, old) {
				t.Fatalf("a refused note changed the file:\n%q\n%q", old, now)
			}
			return
		}
		if berr != nil {
			t.Fatalf("appended to a file that could not be read (%v)", berr)
		}
		after, _, err := ReadFile(path)
		if err != nil || len(after) != len(before)+1 {
			t.Fatalf("%d notes before, %d after (%v):\n%q", len(before), len(after), err, now)
		}
	})
}

// TestNotesOnOneLine: found by FuzzReadFormats. Two notes of a JSON stream
// on one line, the second without a year: the first kept its own date
// (it used to take the second's and be lost), and the second takes its
// year from the first.
func TestNotesOnOneLine(t *testing.T) {
	in := `{"date":"2026-11-20","note":"a"}{"date":"9 Jul","note":"b"}` + "\n"
	got, warnings, err := Read("s.json", strings.NewReader(in))
	if err != nil || len(got) != 2 || len(warnings) != 0 {
		t.Fatalf("%d notes, warnings %v, %v", len(got), warnings, err)
	}
	if got[0].Text != "a" || got[0].When.Format("2006-01-02") != "2026-11-20" ||
		got[1].Text != "b" || got[1].When.Format("2006-01-02") != "2026-07-09" {
		t.Errorf("read as %v %q, %v %q", got[0].When, got[0].Text, got[1].When, got[1].Text)
	}
}

// TestNotesBounds: a notes file over MaxFileBytes is refused before it is
// read, with an error naming it; a line over MaxLineBytes is skipped with a
// warning and the notes around it are read.
func TestNotesBounds(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "notes.md")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(MaxFileBytes + 1) // sparse: nothing is written
	f.Close()
	if _, _, err := ReadFile(big); !errors.Is(err, ErrTooLarge) || !strings.HasPrefix(err.Error(), big+": ") {
		t.Errorf("over MaxFileBytes: %v", err)
	}
	long := "2026-11-20 numb\n2026-11-21 " + strings.Repeat("x", MaxLineBytes+1) + "\n2026-11-22 numb again\n"
	got, warnings, err := Read("long.md", strings.NewReader(long))
	if err != nil || len(got) != 2 || len(warnings) != 1 || warnings[0].Line != 2 {
		t.Errorf("long line: %d notes, warnings %v, %v", len(got), warnings, err)
	}
}
