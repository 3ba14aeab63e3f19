package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/runlog/runlog/analysis/notes"
)

func testIO() (IOStreams, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return IOStreams{Out: &out, ErrOut: &errOut}, &out, &errOut
}

func TestNewNoteAddCmdParsesFlags(t *testing.T) {
	ios, _, _ := testIO()
	var got *NoteAddOptions
	cmd := newNoteAddCmd(ios, func(o *NoteAddOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--notes", "j.md", "--date", "2026-11-20", "--time", "07:10", "--foot", "left",
		"--at", "5 km", "--severity", "3", "--shoes", "Pegasus 40", "numb", "toes", "--", "-5 °C"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got == nil || got.JournalPath != "j.md" || got.Date != "2026-11-20" || got.Time != "07:10" || got.Foot != "left" ||
		got.At != "5 km" || got.Severity != 3 || got.Shoes != "Pegasus 40" || strings.Join(got.Text, "|") != "numb|toes|-5 °C" {
		t.Fatalf("options = %+v", got)
	}
	if got.Now == nil {
		t.Error("Now is not set to a clock")
	}

	// Defaults: nothing given but the text.
	cmd = newNoteAddCmd(ios, func(o *NoteAddOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"tingling"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.JournalPath != "" || got.Date != "" || got.Time != "" || got.Foot != "" || got.At != "" || got.Severity != 0 || got.Shoes != "" {
		t.Errorf("defaults = %+v", got)
	}
}

func TestNewNoteListCmdParsesFlags(t *testing.T) {
	ios, _, _ := testIO()
	var got *NoteListOptions
	cmd := newNoteListCmd(ios, func(o *NoteListOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--notes", "j.md", "-f", "json"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got == nil || got.JournalPath != "j.md" || got.Format != "json" {
		t.Fatalf("options = %+v", got)
	}
	cmd = newNoteListCmd(ios, func(o *NoteListOptions) error { got = o; return nil })
	cmd.SetArgs(nil)
	if err := cmd.Execute(); err != nil || got.Format != "text" || got.JournalPath != "" {
		t.Fatalf("defaults: %v %+v", err, got)
	}
}

// fixedNow is the clock of the note tests: 20 Nov 2026, 07:10 local time.
func fixedNow() time.Time { return time.Date(2026, 11, 20, 7, 10, 42, 0, time.Local) }

func TestRunNoteAdd(t *testing.T) {
	path := filepath.Join(t.TempDir(), "runlog", "journal.md")
	cases := []struct {
		opts NoteAddOptions
		want string
	}{
		{NoteAddOptions{Foot: "left", At: "5km", Severity: 3, Shoes: "Pegasus 40", Text: []string{"numb toes after", "the long hill"}},
			"2026-11-20 07:10 left foot; at 5 km; severity 3/5; shoes: Pegasus 40 — numb toes after the long hill"},
		{NoteAddOptions{Date: "yesterday", At: "3mi", Foot: "Both", Text: []string{"tingling\non the treadmill"}},
			"2026-11-19 both feet; at 3 mi — tingling on the treadmill"}, // miles stay miles
		{NoteAddOptions{Date: "2026-11-02", Time: "6:05", At: "25 min", Text: []string{"pins and needles"}},
			"2026-11-02 06:05 at 25 min — pins and needles"},
		{NoteAddOptions{Date: "today", Time: "18:30", At: "1:30", Text: []string{"right", "foot", "asleep"}},
			"2026-11-20 18:30 at 90 min — right foot asleep"},
		{NoteAddOptions{Date: "Today", Text: []string{"no numbness today"}},
			"2026-11-20 — no numbness today"},
	}
	want := notes.JournalHeader + "\n"
	for _, c := range cases {
		ios, out, errOut := testIO()
		opts := c.opts
		opts.IO, opts.JournalPath, opts.Now = ios, path, fixedNow
		if err := runNoteAdd(&opts); err != nil {
			t.Fatalf("%+v: %v", c.opts, err)
		}
		if out.String() != c.want+"\n" {
			t.Errorf("stdout %q, want %q", out.String(), c.want+"\n")
		}
		if errOut.String() != "runlog: noted in "+path+"\n" {
			t.Errorf("stderr %q", errOut.String())
		}
		want += c.want + "\n"
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != want {
		t.Fatalf("journal (%v):\n%s\nwant\n%s", err, got, want)
	}
}

func TestNoteEntryFields(t *testing.T) {
	e, err := noteEntry(&NoteAddOptions{At: "3 miles", Severity: 5, Text: []string{"x"}}, fixedNow())
	if err != nil {
		t.Fatal(err)
	}
	if !e.HasTime || e.When != time.Date(2026, 11, 20, 7, 10, 0, 0, time.UTC) || e.WhenUTC {
		t.Errorf("when = %v (has time %v, UTC %v), want the floating 2026-11-20 07:10", e.When, e.HasTime, e.WhenUTC)
	}
	if math.Abs(e.OnsetKm-4.828032) > 1e-9 || !math.IsNaN(e.OnsetMin) || e.Severity != 5 {
		t.Errorf("entry = %+v", e)
	}
	if e.OnsetUnit != "mi" {
		t.Errorf("3 miles kept as %q", e.OnsetUnit)
	}
}

// TestParseOnset is the --at table: units as runners write them, h:mm, and
// a bare number refused with the forms that work.
func TestParseOnset(t *testing.T) {
	nan := math.NaN()
	same := func(a, b float64) bool { return math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) < 1e-9 }
	for _, c := range []struct {
		in      string
		km, min float64
		unit    string
		errHas  string // "" when accepted
	}{
		{"5 km", 5, nan, "", ""},
		{"5km", 5, nan, "", ""},
		{"5,5 km", 5.5, nan, "", ""},
		{"42.2K", 42.2, nan, "", ""},
		{"3 mi", 3 * kmPerMile, nan, "mi", ""},
		{"3 miles", 3 * kmPerMile, nan, "mi", ""},
		{"0.5mi", 0.5 * kmPerMile, nan, "mi", ""},
		{"25 min", nan, 25, "", ""},
		{"25min", nan, 25, "", ""},
		{"1 minute", nan, 1, "", ""},
		{"1:30", nan, 90, "", ""},
		{"0:45", nan, 45, "", ""},
		{"5", nan, nan, "", `"5 km", "5km", "3 mi", "3 miles", "25 min" or "1:30"`},
		{"12.5", nan, nan, "", "needs its unit"},
		{"5m", nan, nan, "", "metres or minutes"},
		{"5 furlongs", nan, nan, "", `unknown unit "furlongs"`},
		{"0km", nan, nan, "", "positive"},
		{"0:00", nan, nan, "", "after the start"},
		{"1:75", nan, nan, "", "3 miles"},
		{"halfway", nan, nan, "", "h:mm"},
		{"25:00", nan, nan, "", `for minutes write "25 min"`},
		{"9999 km", nan, nan, "", "longer than any run"},
		{"2000 min", nan, nan, "", "longer than any run"},
	} {
		km, min, unit, err := parseOnset(c.in)
		if c.errHas != "" {
			if err == nil || !strings.Contains(err.Error(), c.errHas) {
				t.Errorf("parseOnset(%q): error %v, want one saying %q", c.in, err, c.errHas)
			}
			continue
		}
		if err != nil || !same(km, c.km) || !same(min, c.min) || unit != c.unit {
			t.Errorf("parseOnset(%q) = %v km, %v min, unit %q, %v; want %v, %v, %q", c.in, km, min, unit, err, c.km, c.min, c.unit)
		}
	}
}

func TestNoteAddDefaultJournal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "env", "journal.md")
	t.Setenv(notes.JournalEnv, path)
	var out, errOut bytes.Buffer
	if code := Main([]string{"note", "add", "--date", "2026-01-05", "numb", "toes"}, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if got, _ := os.ReadFile(path); !strings.HasSuffix(string(got), "\n2026-01-05 — numb toes\n") {
		t.Errorf("$%s journal holds %q", notes.JournalEnv, got)
	}
	// --notes beats the environment.
	flag := filepath.Join(t.TempDir(), "flag.md")
	if code := Main([]string{"note", "add", "--notes", flag, "--date", "2026-01-06", "fine"}, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if got, _ := os.ReadFile(flag); !strings.HasSuffix(string(got), "\n2026-01-06 — fine\n") {
		t.Errorf("--notes journal holds %q", got)
	}
}

func TestNoteExitStatus(t *testing.T) {
	dir := t.TempDir()
	j := filepath.Join(dir, "journal.md")
	plain := filepath.Join(dir, "plain")
	os.WriteFile(plain, []byte("x"), 0o644)
	cases := []struct {
		name string
		args []string
		want int
		says string
	}{
		{"no text", []string{"note", "add", "--notes", j}, exitUsage, "note text"},
		{"blank text", []string{"note", "add", "--notes", j, " ", "\n"}, exitUsage, "empty"},
		{"bad date", []string{"note", "add", "--notes", j, "--date", "20/11/2026", "x"}, exitUsage, "--date"},
		{"future date", []string{"note", "add", "--notes", j, "--date", "2999-01-01", "x"}, exitUsage, "future"},
		{"bad time", []string{"note", "add", "--notes", j, "--time", "7pm", "x"}, exitUsage, "--time"},
		{"bad foot", []string{"note", "add", "--notes", j, "--foot", "lefty", "x"}, exitUsage, "--foot"},
		{"bad at", []string{"note", "add", "--notes", j, "--at", "5 furlongs", "x"}, exitUsage, "--at"},
		{"metres or minutes", []string{"note", "add", "--notes", j, "--at", "5m", "x"}, exitUsage, "metres or minutes"},
		{"bare number", []string{"note", "add", "--notes", j, "--at", "5", "x"}, exitUsage, `"3 miles"`},
		{"zero at", []string{"note", "add", "--notes", j, "--at", "0km", "x"}, exitUsage, "positive"},
		{"severity high", []string{"note", "add", "--notes", j, "--severity", "6", "x"}, exitUsage, "--severity"},
		{"severity word", []string{"note", "add", "--notes", j, "--severity", "bad", "x"}, exitUsage, "--severity"},
		{"unknown flag", []string{"note", "add", "--notes", j, "--mood", "ok", "x"}, exitUsage, "--mood"},
		{"unknown subcommand", []string{"note", "frob"}, exitUsage, "frob"},
		{"list args", []string{"note", "list", "--notes", j, "extra"}, exitUsage, "no arguments"},
		{"list format", []string{"note", "list", "--notes", j, "--format", "xml"}, exitUsage, "--format"},
		{"unwritable", []string{"note", "add", "--notes", filepath.Join(plain, "journal.md"), "x"}, exitFailed, filepath.Join(plain, "journal.md")},
		{"help", []string{"note", "--help"}, exitOK, ""},
		{"bare note", []string{"note"}, exitOK, ""},
		{"missing journal", []string{"note", "list", "--notes", filepath.Join(dir, "none.md")}, exitOK, "no notes yet"},
	}
	for _, c := range cases {
		var out, errOut bytes.Buffer
		if got := Main(c.args, &out, &errOut); got != c.want || !strings.Contains(errOut.String(), c.says) {
			t.Errorf("%s: exit %d, want %d; stderr %q should say %q", c.name, got, c.want, errOut.String(), c.says)
		}
	}
	if _, err := os.Stat(j); err == nil {
		t.Error("a refused note created the journal")
	}
}

func TestNoteListMissingJournal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none.md")
	for format, want := range map[string]string{"text": "", "json": "[]\n"} {
		ios, out, errOut := testIO()
		if err := runNoteList(&NoteListOptions{IO: ios, JournalPath: path, Format: format}); err != nil {
			t.Fatal(err)
		}
		if out.String() != want || !strings.Contains(errOut.String(), "no notes yet") {
			t.Errorf("%s: stdout %q, stderr %q", format, out.String(), errOut.String())
		}
	}
}

// writeListJournal appends three notes with runlog note add and one line by
// hand that is not a note.
func writeListJournal(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "journal.md")
	for _, o := range []NoteAddOptions{
		{Date: "2026-11-18", Time: "07:10", Foot: "left", At: "5km", Severity: 3, Shoes: "Pegasus 40", Text: []string{"numb toes after the long hill"}},
		{Date: "2026-11-19", At: "25min", Foot: "right", Text: []string{"tingling in the ball of the foot"}},
		{Date: "2026-11-20", Time: "06:45", Text: []string{"easy 8 km, no numbness today"}},
	} {
		ios, _, errOut := testIO()
		o.IO, o.JournalPath, o.Now = ios, path, fixedNow
		if err := runNoteAdd(&o); err != nil {
			t.Fatalf("%v: %s", err, errOut)
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("shoes felt tight all week\n")
	f.Close()
	return path
}

func TestNoteListText(t *testing.T) {
	path := writeListJournal(t)
	ios, out, errOut := testIO()
	if err := runNoteList(&NoteListOptions{IO: ios, JournalPath: path, Format: "text"}); err != nil {
		t.Fatalf("%v: %s", err, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines, want 3:\n%s", len(lines), out)
	}
	for i, want := range [][]string{
		{"2026-11-18 07:10  left ", "5 km", "sev 3", "numb toes after the long hill"},
		{"2026-11-19 -      right", "25 min", "tingling in the ball of the foot"},
		{"2026-11-20 06:45  -    ", "easy 8 km, no numbness today"},
	} {
		for _, s := range want {
			if !strings.Contains(lines[i], s) {
				t.Errorf("line %d %q lacks %q", i+1, lines[i], s)
			}
		}
	}
	if !strings.Contains(errOut.String(), "warning") || !strings.Contains(errOut.String(), path) {
		t.Errorf("the line that is not a note gave no warning naming the journal: %q", errOut)
	}
}

func TestNoteListJSON(t *testing.T) {
	path := writeListJournal(t)
	ios, out, errOut := testIO()
	if err := runNoteList(&NoteListOptions{IO: ios, JournalPath: path, Format: "json"}); err != nil {
		t.Fatalf("%v: %s", err, errOut)
	}
	var list []map[string]any
	if err := json.Unmarshal(out.Bytes(), &list); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(list) != 3 {
		t.Fatalf("%d notes, want 3:\n%s", len(list), out)
	}
	for _, n := range list {
		for _, k := range []string{"date", "time", "foot", "onset_km", "onset_min", "severity", "shoes", "text", "file", "line"} {
			if _, ok := n[k]; !ok {
				t.Errorf("note lacks %q: %v", k, n)
			}
		}
		if n["file"] != path {
			t.Errorf("file %v, want %s", n["file"], path)
		}
	}
	first, second, third := list[0], list[1], list[2]
	if first["date"] != "2026-11-18" || first["time"] != "07:10" || first["foot"] != "left" || first["onset_km"] != 5.0 ||
		first["onset_min"] != nil || first["line"] != 2.0 || !strings.Contains(first["text"].(string), "numb toes after the long hill") {
		t.Errorf("first note: %v", first)
	}
	if second["time"] != nil || second["foot"] != "right" || second["onset_min"] != 25.0 || second["onset_km"] != nil || second["line"] != 3.0 {
		t.Errorf("second note: %v", second)
	}
	if third["foot"] != nil || third["severity"] != nil || third["shoes"] != nil || third["onset_km"] != nil {
		t.Errorf("third note: %v", third)
	}
}
