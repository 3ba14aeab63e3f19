package notes

import (
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// want is what a test expects of one entry; zero fields are not checked,
// except that km and min 0 mean "not given" (NaN) in the entry's columns.
type want struct {
	line     int
	when     string // "2006-01-02" or "2006-01-02 15:04:05" (HasTime)
	utc      bool
	text     string
	foot     string
	km, min  float64
	severity int
	shoes    string
	fit      string
	sport    string
	numb     Tri
	factFoot string
	factKm   float64
	factMin  float64
	factWhen string
	ctx      string
}

func checkEntries(t *testing.T, file string, got []Entry, wants []want) {
	t.Helper()
	if len(got) != len(wants) {
		for _, e := range got {
			t.Logf("got %s:%d %q", e.File, e.Line, e.Text)
		}
		t.Fatalf("%s: %d entries, want %d", file, len(got), len(wants))
	}
	for i, w := range wants {
		e := got[i]
		layout := "2006-01-02"
		if e.HasTime {
			layout = "2006-01-02 15:04:05"
		}
		var bad []string
		fail := func(what string, g any) { bad = append(bad, what+"="+fmtValue(g)) }
		if e.File != file {
			fail("file", e.File)
		}
		if e.Line != w.line {
			fail("line", e.Line)
		}
		if e.When.Format(layout) != w.when || e.When.Location() != time.UTC {
			fail("when", e.When.Format(layout))
		}
		if e.WhenUTC != w.utc {
			fail("utc", e.WhenUTC)
		}
		if e.Text != w.text {
			fail("text", e.Text)
		}
		if e.Foot != w.foot {
			fail("foot", e.Foot)
		}
		if !sameFloat(e.OnsetKm, w.km) {
			fail("km", e.OnsetKm)
		}
		if !sameFloat(e.OnsetMin, w.min) {
			fail("min", e.OnsetMin)
		}
		if e.Severity != w.severity {
			fail("severity", e.Severity)
		}
		if e.Shoes != w.shoes {
			fail("shoes", e.Shoes)
		}
		if e.FITFile != w.fit {
			fail("fit", e.FITFile)
		}
		if e.Sport != w.sport {
			fail("sport", e.Sport)
		}
		f := e.Facts
		if f.Numbness != w.numb {
			fail("numb", f.Numbness)
		}
		if f.Foot != w.factFoot {
			fail("facts.foot", f.Foot)
		}
		if !sameFloat(f.OnsetKm, w.factKm) {
			fail("facts.km", f.OnsetKm)
		}
		if !sameFloat(f.OnsetMin, w.factMin) {
			fail("facts.min", f.OnsetMin)
		}
		if f.OnsetWhen != w.factWhen {
			fail("facts.when", f.OnsetWhen)
		}
		if !equal(f.Context, ids(w.ctx)) {
			fail("facts.ctx", f.Context)
		}
		if len(bad) > 0 {
			t.Errorf("%s entry %d: %s", file, i, strings.Join(bad, ", "))
		}
	}
}

func fmtValue(v any) string {
	switch x := v.(type) {
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.Itoa(x)
	}
	return fmtAny(v)
}

func checkWarnings(t *testing.T, got []Warning, want []string) {
	t.Helper()
	var g []string
	for _, w := range got {
		g = append(g, w.String())
	}
	if strings.Join(g, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(g, "\n"), strings.Join(want, "\n"))
	}
}

// readTestdata reads a file of testdata and checks that reading left it as
// it was (bytes and modification time).
func readTestdata(t *testing.T, name string) ([]Entry, []Warning, error) {
	t.Helper()
	path := filepath.Join("testdata", name)
	return readUnchanged(t, path)
}

func readUnchanged(t *testing.T, path string) ([]Entry, []Warning, error) {
	t.Helper()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	entries, warnings, rerr := ReadFile(path)
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	info2, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) || !info.ModTime().Equal(info2.ModTime()) || info.Mode() != info2.Mode() {
		t.Errorf("%s changed by reading it", path)
	}
	return entries, warnings, rerr
}

func TestReadJournal(t *testing.T) {
	entries, warnings, err := readTestdata(t, "journal.md")
	if err != nil {
		t.Fatal(err)
	}
	f := "testdata/journal.md"
	checkEntries(t, f, entries, []want{
		{line: 7, when: "2026-11-20 07:10:00", text: "left toes numb at 5k, new shoes\nwent away a minute after I loosened the laces",
			numb: Yes, factFoot: "left", factKm: 5, ctx: "laces new_shoes"},
		{line: 9, when: "2026-11-21", text: "both feet fine", numb: No},
		{line: 10, when: "2026-11-22 18:30:00", text: "pins and needles at the end, treadmill", numb: Yes, factWhen: "end", ctx: "treadmill"},
		{line: 11, when: "2026-11-23 06:45:30", text: "numb between 3rd and 4th toes after 25 min", numb: Yes, factMin: 25},
		// Day-first, and read: 20.11.2026 cannot be month-first.
		{line: 18, when: "2026-11-20", text: "day-first date"},
		{line: 21, when: "2026-11-26 19:05:00", text: "easy 8k, no numbness today, just a sore heel", numb: No},
		// runlog's own fields are read back into the columns.
		{line: 22, when: "2026-11-27", text: "numb toes after the long hill", foot: "left", km: 5, severity: 3, shoes: "Pegasus 40",
			numb: Yes, factFoot: "left", factKm: 5},
	})
	checkWarnings(t, warnings, []string{
		f + `:3: no date at the start of the line: "Notes from my runs, one per line."`,
		f + `:17: invalid date "2026-02-30": skipped`,
		f + `:19: invalid time "25:10": skipped`,
		f + `:24: no date at the start of the line: "random words without a date"`,
	})
	// Line 20 ("2026-11-25" alone) is a date heading with no note under
	// it before the rule on line 23.
	for _, w := range warnings {
		if want := map[int]int{3: 0, 17: 1, 19: 1, 24: 0}[w.Line]; w.Unread != want {
			t.Errorf("%v: unread %d, want %d", w, w.Unread, want)
		}
	}
	if d := warnings[2].Dates; len(d) != 1 || d[0] != (Day{2026, 11, 24}) {
		t.Errorf("bad time: dates %v, want the line's date", d)
	}
	if warnings[1].Dates != nil {
		t.Errorf("impossible date: dates %v, want none", warnings[1].Dates)
	}
}

func TestReadJournalLineEndingsAndBOM(t *testing.T) {
	in := "\ufeff# log\r\n2026-11-20 07:10: numb toes\r\n\r\n- 2026-11-21T18:00 - tingling\r\n"
	entries, warnings, err := Read("n.txt", strings.NewReader(in))
	if err != nil || len(warnings) != 0 {
		t.Fatal(err, warnings)
	}
	checkEntries(t, "n.txt", entries, []want{
		{line: 2, when: "2026-11-20 07:10:00", text: "numb toes", numb: Yes},
		{line: 4, when: "2026-11-21 18:00:00", text: "tingling", numb: Yes},
	})
}

func TestReadCSV(t *testing.T) {
	entries, warnings, err := readTestdata(t, "loose.csv")
	if err != nil {
		t.Fatal(err)
	}
	f := "testdata/loose.csv"
	checkEntries(t, f, entries, []want{
		{line: 2, when: "2026-11-20 07:10:00", text: "toes numb, went away after stopping", foot: "left", km: 5, severity: 3, shoes: "Pegasus 40",
			numb: Yes, factFoot: "left", factKm: 5},
		{line: 3, when: "2026-11-21", text: "tingling", foot: "right", km: 4.828032, shoes: "Pegasus 40",
			numb: Yes, factFoot: "right", factKm: 4.828032},
		{line: 4, when: "2026-11-22 18:30:00", text: "pins and needles", foot: "both", numb: Yes, factFoot: "both", factWhen: "halfway"},
		{line: 5, when: "2026-11-23", text: "numb", numb: Yes}, // month-first: 23 cannot be a month
		{line: 7, when: "2026-11-24", text: "no numbness", min: 25, severity: 2, numb: No, factMin: 25, ctx: "treadmill"},
	})
	checkWarnings(t, warnings, []string{
		f + `:1: unknown columns ignored: "Mood"`,
		f + `:3: severity "6" is not a whole number from 0 to 5: ignored`,
		f + `:7: foot "sideways" not understood (want left, right or both): ignored`,
	})
	if entries[0].Surface != "road" || entries[4].Surface != "treadmill" {
		t.Errorf("surface: %q, %q", entries[0].Surface, entries[4].Surface)
	}
}

func TestReadSemicolonCSV(t *testing.T) {
	entries, warnings, err := readTestdata(t, "semicolon.csv")
	if err != nil || len(warnings) != 0 {
		t.Fatal(err, warnings)
	}
	checkEntries(t, "testdata/semicolon.csv", entries, []want{
		{line: 2, when: "2026-11-20", text: "numb toes; left foot", km: 5.5, numb: Yes, factFoot: "left", factKm: 5.5},
		{line: 3, when: "2026-11-21", text: "feet fine", numb: No},
	})
}

func TestReadJSONArray(t *testing.T) {
	entries, warnings, err := readTestdata(t, "notes.json")
	if err != nil {
		t.Fatal(err)
	}
	f := "testdata/notes.json"
	checkEntries(t, f, entries, []want{
		{line: 1, when: "2026-11-20 07:10:00", text: "numb toes", foot: "left", km: 5, severity: 3, shoes: "Pegasus 40",
			numb: Yes, factFoot: "left", factKm: 5},
		{line: 2, when: "2026-11-21 06:00:00", utc: true, text: "tingling on the treadmill", min: 25, numb: Yes, factMin: 25, ctx: "treadmill"},
		{line: 5, when: "2026-11-22", text: "pins and needles", numb: Yes},
	})
	checkWarnings(t, warnings, []string{
		f + `:3: unknown fields ignored: "mood"`,
		f + `:4: element 3: not a JSON object: skipped`,
		f + `:5: element 4: invalid date "2026-13-01": skipped`,
		f + `:6: element 5: "severity": want text or a number: ignored`,
	})
}

func TestReadJSONLines(t *testing.T) {
	entries, warnings, err := readTestdata(t, "notes.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	f := "testdata/notes.jsonl"
	checkEntries(t, f, entries, []want{
		{line: 1, when: "2026-11-20", text: "numb toes at 5k", numb: Yes, factKm: 5},
		{line: 2, when: "2026-11-21", text: "tingling", foot: "left", numb: Yes, factFoot: "left"},
		{line: 5, when: "2026-11-23", text: "burning", min: 30, numb: Yes, factMin: 30},
	})
	checkWarnings(t, warnings, []string{f + `:3: invalid JSON: invalid character 'b' looking for beginning of value: line skipped`})
	if warnings[0].Unread != 1 || warnings[0].Dates != nil {
		t.Errorf("unread %d dates %v", warnings[0].Unread, warnings[0].Dates)
	}
}

func TestReadJSONStreamAndTruncatedArray(t *testing.T) {
	pretty := "{\n  \"date\": \"2026-11-20\",\n  \"note\": \"numb\"\n}\n{\n  \"date\": \"2026-11-21\",\n  \"note\": \"fine\"\n}\n"
	entries, warnings, err := Read("s.json", strings.NewReader(pretty))
	if err != nil || len(warnings) != 0 || len(entries) != 2 || entries[0].Line != 1 || entries[1].Line != 5 {
		t.Errorf("pretty stream: %v %v %+v", err, warnings, entries)
	}
	cut := "[\n{\"date\": \"2026-11-20\", \"note\": \"numb\"},\n{\"date\": \"2026-11-21\", \"no"
	entries, warnings, err = Read("cut.json", strings.NewReader(cut))
	if err != nil || len(entries) != 1 || len(warnings) != 1 || warnings[0].Line != 3 ||
		!strings.Contains(warnings[0].Msg, "element 2: invalid JSON") {
		t.Errorf("truncated array: %v %v %+v", err, warnings, entries)
	}
}

func TestReadStrava(t *testing.T) {
	entries, warnings, err := readTestdata(t, "activities.csv")
	if err != nil {
		t.Fatal(err)
	}
	f := "testdata/activities.csv"
	checkEntries(t, f, entries, []want{
		{line: 2, when: "2026-11-20 07:10:23", utc: true,
			text:  "Easy 10k with the club.\nLeft toes went numb at 6k, \"pins and needles\" after that.\nNew Pegasus, laced tight",
			shoes: "Pegasus 41", fit: "activities/12345678901.fit.gz", sport: "Run",
			numb: Yes, factFoot: "left", factKm: 6, ctx: "laces"},
		// Lines are where rows start (row 2 spans lines 2-3). Line 4 is a
		// Ride: skipped. Line 5 has no file (a manual entry).
		{line: 5, when: "2026-11-21 06:05:00", utc: true, text: "no numbness today", shoes: "Pegasus 41", sport: "Run", numb: No},
		{line: 6, when: "2026-11-22 09:00:00", utc: true, shoes: "Speedgoat 5", fit: "activities/12345678904.gpx.gz", sport: "Trail Run"},
		{line: 8, when: "2026-11-23 12:15:00", utc: true, text: "right foot tingling\nafter 20 min",
			fit: "activities/12345678906.fit.gz", sport: "Virtual Run", numb: Yes, factFoot: "right", factMin: 20},
	})
	checkWarnings(t, warnings, []string{
		f + `:7: Activity Date "22/11/2026 18:00" not understood (want e.g. "Nov 20, 2026, 7:10:23 AM"): skipped`,
	})
}

func TestReadStravaBrokenQuote(t *testing.T) {
	in := "Activity ID,Activity Date,Activity Type,Activity Description,Filename\n" +
		"1,\"Nov 20, 2026, 7:10:23 AM\",Run,numb toes,activities/1.fit.gz\n" +
		"2,\"Nov 21, 2026, 7:10:23 AM\",Run,\"never closed,activities/2.fit.gz\n"
	entries, warnings, err := Read("a.csv", strings.NewReader(in))
	if err != nil || len(entries) != 1 || len(warnings) != 1 || warnings[0].Line != 3 {
		t.Errorf("%v %v %+v", err, warnings, entries)
	}
}

func TestReadEmpty(t *testing.T) {
	entries, warnings, err := readTestdata(t, "empty.txt")
	if err != nil || len(entries) != 0 {
		t.Fatal(err, entries)
	}
	checkWarnings(t, warnings, []string{"testdata/empty.txt:1: empty file: no notes"})
	for _, in := range []string{"\ufeff", " \n\t\n"} {
		if entries, warnings, err := Read("e", strings.NewReader(in)); err != nil || len(entries) != 0 || len(warnings) != 1 {
			t.Errorf("%q: %v %v %v", in, entries, warnings, err)
		}
	}
}

func TestReadBinary(t *testing.T) {
	_, _, err := readTestdata(t, "binary.dat")
	if !errors.Is(err, ErrNotText) || !strings.Contains(err.Error(), "testdata/binary.dat") {
		t.Errorf("binary file: %v", err)
	}
	// Latin-1, not UTF-8, in the first KB.
	if _, _, err := Read("latin1.txt", strings.NewReader("2026-11-20 pied gauche engourdi \xe0 5 km\n")); !errors.Is(err, ErrNotText) {
		t.Errorf("latin-1: %v", err)
	}
	// A character cut by the 1 KB window is fine.
	in := strings.Repeat("x", sniffBytes-1) + "é\n2026-11-20 numb\n"
	if entries, _, err := Read("cut.txt", strings.NewReader(in)); err != nil || len(entries) != 1 {
		t.Errorf("cut character: %v %v", entries, err)
	}
	// Invalid UTF-8 later on: replaced, with a warning on its line.
	in = "2026-11-20 numb\n" + strings.Repeat("# filler\n", 200) + "2026-11-21 bad \xff byte\n"
	entries, warnings, err := Read("late.txt", strings.NewReader(in))
	if err != nil || len(entries) != 2 || !utf8.ValidString(entries[1].Text) || len(warnings) != 1 || warnings[0].Line != 202 {
		t.Errorf("late invalid UTF-8: %v %v %v", entries, warnings, err)
	}
}

func TestReadTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.md")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	// 40 MiB, written as real bytes so the test does not depend on
	// sparse files.
	line := []byte("2026-11-20 numb toes at 5k\n")
	chunk := bytes.Repeat(line, (1<<20)/len(line))
	for written := 0; written < 40<<20; written += len(chunk) {
		if _, err := f.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	// ReadFile refuses it from its size, before reading.
	_, _, err = readUnchanged(t, path)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), path) {
		t.Errorf("40 MiB file: %v", err)
	}
	// Through Read (no size known in advance) it stops after the limit.
	_, _, err = Read("pipe", io.LimitReader(repeatReader(line), 40<<20))
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("40 MiB stream: %v", err)
	}
}

// repeatReader repeats b forever.
type repeatReader []byte

func (r repeatReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		n += copy(p[n:], r)
	}
	return n, nil
}

func TestReadLongLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "long.md")
	long := "2026-11-21 " + strings.Repeat("numb ", 2<<20/5)
	data := "2026-11-20 numb toes\n" + long + "\n2026-11-22 tingling\n"
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	entries, warnings, err := readUnchanged(t, path)
	if err != nil || len(entries) != 2 || entries[1].Line != 3 {
		t.Fatalf("%v %+v", err, entries)
	}
	if len(warnings) != 1 || warnings[0].Line != 2 || !strings.Contains(warnings[0].Msg, "line too long") {
		t.Errorf("warnings: %v", warnings)
	}
	// The same in a CSV field (row 3: the header is row 1) and a JSON
	// Lines line.
	for _, c := range []struct {
		name, in string
		line     int
	}{
		{"long.csv", "date,note\n2026-11-20,numb\n2026-11-21,\"" + strings.Repeat("x", 2<<20) + "\"\n2026-11-22,ok\n", 3},
		{"long.jsonl", "{\"date\":\"2026-11-20\"}\n{\"date\":\"2026-11-21\",\"note\":\"" + strings.Repeat("x", 2<<20) + "\"}\n{\"date\":\"2026-11-22\"}\n", 2},
	} {
		entries, warnings, err := Read(c.name, strings.NewReader(c.in))
		if err != nil || len(entries) != 2 || len(warnings) != 1 || warnings[0].Line != c.line {
			t.Errorf("%s: %v %d entries %v", c.name, err, len(entries), warnings)
		}
	}
}

func TestReadManyBadLines(t *testing.T) {
	in := strings.Repeat("not a note\n", 1000)
	_, warnings, err := Read("bad.txt", strings.NewReader(in))
	if err != nil || len(warnings) != maxWarnings+1 || warnings[maxWarnings].Msg != "950 more warnings not shown" {
		t.Errorf("%v: %d warnings, last %v", err, len(warnings), warnings[len(warnings)-1])
	}
}

// TestDetect: the format comes from the content, not the name.
func TestDetect(t *testing.T) {
	for _, c := range []struct {
		name, in string
		text     string // of the only entry
	}{
		{"notes.txt", "date,note\n2026-11-20,numb as CSV\n", "numb as CSV"},
		{"notes.csv", "2026-11-20, numb as a journal\n", "numb as a journal"},
		{"notes.md", "When;Comment\n2026-11-20;semicolons\n", "semicolons"},
		{"notes.csv", "day\tnotes\n2026-11-20\ttabs\n", "tabs"},
		{"x", "  \n[{\"day\": \"2026-11-20\", \"comment\": \"array\"}]", "array"},
		{"x", "{\"when\": \"2026-11-20\", \"text\": \"object\"}", "object"},
		{"activities.txt", "Activity ID,Activity Date,Activity Type,Activity Description\n1,\"Nov 20, 2026, 7:10:23 AM\",Run,strava\n", "strava"},
		{"notes.md", "# Date, note\n2026-11-20 heading is not a header\n", "heading is not a header"},
	} {
		entries, warnings, err := Read(c.name, strings.NewReader(c.in))
		if err != nil || len(warnings) != 0 || len(entries) != 1 || entries[0].Text != c.text {
			t.Errorf("%s %q: %v %v %+v", c.name, c.in, err, warnings, entries)
		}
	}
}

func TestWarningString(t *testing.T) {
	w := Warning{File: "notes.md", Line: 12, Msg: "no date"}
	if w.String() != "notes.md:12: no date" {
		t.Error(w.String())
	}
}

func TestReadFileErrors(t *testing.T) {
	if _, _, err := ReadFile(filepath.Join(t.TempDir(), "missing.md")); err == nil || !strings.Contains(err.Error(), "missing.md") {
		t.Errorf("missing file: %v", err)
	}
	dir := t.TempDir()
	if _, _, err := ReadFile(dir); err == nil || !strings.Contains(err.Error(), dir) {
		t.Errorf("folder: %v", err)
	}
}

func TestOnsetAndDateValues(t *testing.T) {
	for _, c := range []struct {
		in, unit string
		km, min  float64
		when     string
		ok       bool
	}{
		{"5", "km", 5, 0, "", true},
		{"5", "min", 0, 5, "", true},
		{"3", "mi", 4.828032, 0, "", true},
		{"5km", "min", 5, 0, "", true},
		{"5 K", "km", 5, 0, "", true},
		{"800 m", "km", 0.8, 0, "", true},
		{"20m", "km", 0, 20, "", true},
		{"1.5 h", "km", 0, 90, "", true},
		{"0:25:30", "km", 0, 25.5, "", true},
		{"25:00", "km", 0, 25, "", true},
		{"5,5", "km", 5.5, 0, "", true},
		{"at the end", "km", 0, 0, "end", true},
		{"after 3 miles", "km", 4.828032, 0, "", true},
		{"soon", "km", 0, 0, "", false},
		{"5 parsecs", "km", 0, 0, "", false},
		{"1e400", "km", 0, 0, "", false},
		{"25:99", "km", 0, 0, "", false},
	} {
		km, mins, when, ok := onsetValue(c.in, c.unit)
		if ok != c.ok || ok && (!sameFloat(km, c.km) || !sameFloat(mins, c.min) || when != c.when) {
			t.Errorf("onsetValue(%q, %s) = %v %v %q %v", c.in, c.unit, km, mins, when, ok)
		}
	}
	for in, ok := range map[string]bool{
		"2026-11-20": true, "2026/11/20": true, "2026-1-5": true, "2026-11-20 07:10": true, "2026-11-20T07:10:00+01:00": true,
		"2026-11-20 7:10 pm": true, "2026-02-29": false, "2028-02-29": true, "2026-11-20 24:00": false, "20/11/2026": true,
		"Nov 20 2026": true, "2026-11-20 junk": false, "": false, "03/04/2026": false, "45482": false,
	} {
		if _, err := parseWhen(in, "", "", false); (err == nil) != ok {
			t.Errorf("parseWhen(%q): %v", in, err)
		}
	}
	st, err := parseWhen("2026-11-20T07:10:00+01:00", "", "", false)
	if w := st.at(st.days[0]); err != nil || !w.utc || w.t.Format("15:04") != "06:10" {
		t.Errorf("zone: %+v %v", st, err)
	}
	st, err = parseWhen("2026-11-20", "7:10 pm", "", false)
	if w := st.at(st.days[0]); err != nil || !w.hasTime || w.t.Format("15:04") != "19:10" {
		t.Errorf("time column: %+v %v", st, err)
	}
	if !math.IsNaN(Extract("").OnsetKm) {
		t.Error("empty text has an onset")
	}
}

func FuzzRead(f *testing.F) {
	// Small seeds, one per format and trap, so that the fuzzer mutates
	// quickly (the files in testdata are read by the tests above).
	for _, s := range []string{
		"# log\n- 2026-11-20 07:10 — left toes numb at 5k\n  more\nno date\n2026-02-30 x\n",
		"<!--\n2026-11-20 x\n-->\n2026/11/20T7:10 pm | numb\n",
		"Date,Time,Side,Onset (km),Severity,Mood\n2026-11-20,07:10,L,5,3,ok\n11/20/2026,,r,3 mi,9,\n",
		"date;onset;text\n2026-11-20;5,5;\"a;b\"\n",
		"[{\"date\":\"2026-11-20\",\"onset\":1e999,\"sev\":true},\"x\"]",
		"{\"date\":\"2026-11-20T07:10:00Z\"}\n{bad}\n",
		"Activity ID,Activity Date,Activity Type,Activity Description,Filename\n1,\"Nov 20, 2026, 7:10:23 AM\",Run,\"numb\nat 5k\",a.fit\n2,x,Ride,,\n",
		"\ufeffdate,date\n2026-11-20,\"y\n",
		"## Tue 9 July\n- numb toes\nfine\n**03/04/2024**\ntingling\n---\nleft foot numb\n2024-12-30 x\n2 Jan: y\n",
		"sep=;\nDate;Numb?;Severity;Comment\n07/09/2024;yes;0;\"a\nb\"\n45482.5;no;none;\n",
		"{\"data\":{\"notes\":[{\"date\":\"9 Jul 2024\",\"numb\":true},{\"date\":\"03/04/2024\"}]},\"x\":[{}]}",
		"{\"a\":{\"b\":{\"c\":[{\"date\":\"July 9, 2024\",\"severity\":0}]}}}\n",
		"| Date | Numb | Notes |\n|---|:-:|---|\n| 9 Jul | yes | a \\| b |\n| | | x |\n## 2024-07-09\n| Foot |\n|--|\n| left |\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := Options{}
		if len(data) > 0 && data[0]%3 == 1 {
			opts.DateOrder = DayFirst
		} else if len(data) > 0 && data[0]%3 == 2 {
			opts.DateOrder = MonthFirst
		}
		entries, warnings, err := ReadWith("fuzz", bytes.NewReader(data), opts)
		checkRead(t, entries, warnings, err)
	})
}

// checkRead asserts what every read of the notes file "fuzz" must give,
// whatever its bytes: an error with no results, or warnings and entries
// that keep the reader's invariants.
func checkRead(t *testing.T, entries []Entry, warnings []Warning, err error) {
	t.Helper()
	if err != nil {
		if entries != nil || warnings != nil || !strings.HasPrefix(err.Error(), "fuzz: ") {
			t.Fatalf("error %v with results", err)
		}
		return
	}
	for i, w := range warnings {
		if w.Line < 1 || w.File != "fuzz" || w.Msg == "" || w.Unread < 0 || w.Unread == 0 && w.Dates != nil {
			t.Fatalf("bad warning %+v", w)
		}
		if i > 0 && warnings[i-1].Line > w.Line {
			t.Fatalf("warnings out of line order: %v", warnings)
		}
		for j, d := range w.Dates {
			if !validDay(d.Year, int(d.Month), d.Day) || j > 0 && !(w.Dates[j-1].String() < d.String()) {
				t.Fatalf("bad dates %v", w.Dates)
			}
		}
	}
	if len(warnings) > maxWarnings+1 {
		t.Fatalf("%d warnings", len(warnings))
	}
	for i, e := range entries {
		// Non-decreasing: a stream of JSON objects may hold several notes
		// on one line.
		if i > 0 && entries[i-1].Line > e.Line {
			t.Fatalf("entries out of order: %d then %d", entries[i-1].Line, e.Line)
		}
		if e.Line < 1 || e.File != "fuzz" || e.When.IsZero() || e.When.Location() != time.UTC || !plausibleYear(e.When.Year()) && !e.WhenUTC {
			t.Fatalf("bad entry %+v", e)
		}
		if e.Severity < 0 || e.Severity > 5 || !utf8.ValidString(e.Text) {
			t.Fatalf("bad entry %+v", e)
		}
		switch e.Foot {
		case "", "left", "right", "both":
		default:
			t.Fatalf("foot %q", e.Foot)
		}
	}
}

// TestReadCSVTextColumnUnnamed: a CSV whose words are in a column named as
// runlog does not know ("How it went") reads that column as the note's
// text; before, it was dropped, and every row read as a run without
// numbness (issue 10: a "no" that is really "unknown").
func TestReadCSVTextColumnUnnamed(t *testing.T) {
	data := "Date;Shoes;How it went\n1 Jul 2026;Racer;toes numb again after 4 km\n2 Jul 2026;Cruiser;easy, feet fine\n"
	entries, warnings, err := Read("n.csv", strings.NewReader(data))
	if err != nil || len(entries) != 2 {
		t.Fatalf("%d entries, %v", len(entries), err)
	}
	if entries[0].Text != "toes numb again after 4 km" || entries[0].Facts.Numbness != Yes || entries[0].Shoes != "Racer" || entries[1].Facts.Numbness == Yes {
		t.Errorf("entries %+v", entries)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0].String(), `read "How it went" as the note's text`) {
		t.Errorf("warnings %v", warnings)
	}
}
