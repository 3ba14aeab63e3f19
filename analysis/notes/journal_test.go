package notes

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func day(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, time.UTC)
}

// entry is an Entry with the "not given" values a reader would fill in.
func entry(when time.Time, hasTime bool, text string) Entry {
	return Entry{When: when, HasTime: hasTime, Text: text, OnsetKm: math.NaN(), OnsetMin: math.NaN()}
}

func TestDefaultJournalPath(t *testing.T) {
	t.Setenv(JournalEnv, "/somewhere/else/notes.md")
	if p, err := DefaultJournalPath(); err != nil || p != "/somewhere/else/notes.md" {
		t.Errorf("with %s set: %q, %v", JournalEnv, p, err)
	}
	t.Setenv(JournalEnv, "")

	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	t.Setenv("home", home)
	t.Setenv("LocalAppData", filepath.Join(home, "AppData", "Local"))
	var want string
	switch runtime.GOOS {
	case "windows":
		want = filepath.Join(home, "AppData", "Local", "runlog", "journal.md")
	case "darwin", "ios":
		want = filepath.Join(home, "Library", "Application Support", "runlog", "journal.md")
	case "plan9":
		want = filepath.Join(home, "lib", "runlog", "journal.md")
	default:
		xdg := filepath.Join(home, "xdg")
		t.Setenv("XDG_DATA_HOME", xdg)
		if p, err := DefaultJournalPath(); err != nil || p != filepath.Join(xdg, "runlog", "journal.md") {
			t.Errorf("with XDG_DATA_HOME: %q, %v", p, err)
		}
		t.Setenv("XDG_DATA_HOME", "relative/dir") // invalid per the spec: ignored
		want = filepath.Join(home, ".local", "share", "runlog", "journal.md")
	}
	if p, err := DefaultJournalPath(); err != nil || p != want {
		t.Errorf("DefaultJournalPath() = %q, %v; want %q", p, err, want)
	}
}

func TestFormatEntry(t *testing.T) {
	full := entry(day(2026, 11, 20, 7, 10), true, "numb toes after the long hill")
	full.Foot, full.OnsetKm, full.Severity, full.Shoes = "left", 5, 3, "Pegasus 40"
	miles := entry(day(2026, 11, 21, 0, 0), false, "tingling\r\n\tagain on the treadmill\x1b[0m ")
	miles.Foot, miles.OnsetKm, miles.OnsetMin = "Both", 3*1.609344, 25
	odd := entry(day(2026, 1, 2, 18, 5), true, "\ufeffsore\u200b arch\x00")
	odd.Shoes, odd.Foot = " Clifton 9; wide — old\n", "right"
	cases := []struct {
		e    Entry
		want string
	}{
		{full, "2026-11-20 07:10 left foot; at 5 km; severity 3/5; shoes: Pegasus 40 — numb toes after the long hill"},
		{miles, "2026-11-21 both feet; at 4.83 km; at 25 min — tingling again on the treadmill[0m"},
		{odd, "2026-01-02 18:05 right foot; shoes: Clifton 9, wide - old — sore arch"},
		{entry(day(2026, 11, 22, 6, 45), true, "easy 8 km, no numbness today"), "2026-11-22 06:45 — easy 8 km, no numbness today"},
		{Entry{When: day(2026, 11, 23, 0, 0), Text: "zero-valued entry"}, "2026-11-23 — zero-valued entry"},
		{entry(day(2026, 11, 24, 0, 0), false, "7:10 start, numb at the end"), "2026-11-24 — 7:10 start, numb at the end"},
		{entry(day(2026, 11, 24, 9, 0), true, "pm run — numb"), "2026-11-24 09:00 — pm run — numb"},
	}
	for _, c := range cases {
		got, err := FormatEntry(c.e)
		if err != nil || got != c.want {
			t.Errorf("FormatEntry(%+v)\n got %q, %v\nwant %q", c.e, got, err, c.want)
		}
	}

	bad := map[string]Entry{
		"no date":    {Text: "x"},
		"empty text": entry(day(2026, 1, 1, 0, 0), false, " \n\t\x07 "),
		"utc":        {When: day(2026, 1, 1, 0, 0), WhenUTC: true, Text: "x"},
		"foot":       {When: day(2026, 1, 1, 0, 0), Foot: "middle", Text: "x"},
		"severity":   {When: day(2026, 1, 1, 0, 0), Severity: 6, Text: "x"},
		"negative":   {When: day(2026, 1, 1, 0, 0), OnsetKm: -1, Text: "x"},
		"infinite":   {When: day(2026, 1, 1, 0, 0), OnsetMin: math.Inf(1), Text: "x"},
		"too long":   entry(day(2026, 1, 1, 0, 0), false, strings.Repeat("numb ", MaxEntryBytes/5+1)),
	}
	for name, e := range bad {
		if got, err := FormatEntry(e); err == nil {
			t.Errorf("%s: FormatEntry accepted it as %q", name, got)
		}
	}
}

func readJournal(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestAppendCreatesJournal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "runlog", "journal.md")
	e := entry(day(2026, 11, 20, 7, 10), true, "numb toes")
	e.Foot = "left"
	if err := Append(path, e); err != nil {
		t.Fatal(err)
	}
	want := JournalHeader + "\n2026-11-20 07:10 left foot — numb toes\n"
	if got := readJournal(t, path); got != want {
		t.Fatalf("new journal:\n%q\nwant\n%q", got, want)
	}
	if runtime.GOOS != "windows" {
		for p, mode := range map[string]fs.FileMode{path: 0o600, filepath.Dir(path): 0o700 | fs.ModeDir, filepath.Dir(filepath.Dir(path)): 0o700 | fs.ModeDir} {
			if info, err := os.Stat(p); err != nil || info.Mode() != mode {
				t.Errorf("%s: mode %v (%v), want %v", p, info.Mode(), err, mode)
			}
		}
	}

	// A second append keeps the first line and adds no second header.
	if err := Append(path, entry(day(2026, 11, 21, 0, 0), false, "fine today")); err != nil {
		t.Fatal(err)
	}
	want += "2026-11-21 — fine today\n"
	if got := readJournal(t, path); got != want {
		t.Fatalf("after two appends:\n%q\nwant\n%q", got, want)
	}
}

func TestAppendKeepsExistingBytes(t *testing.T) {
	for name, old := range map[string]string{
		"trailing newline":    "my notes\n2026-10-01 numb left foot at 6k\n",
		"no trailing newline": "2026-10-01 numb left foot at 6k\r\n- 2026-10-02 tingling",
		"crlf":                "2026-10-01 numb\r\n",
		"empty":               "",
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "journal.txt")
			if err := os.WriteFile(path, []byte(old), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := Append(path, entry(day(2026, 11, 20, 0, 0), false, "numb")); err != nil {
				t.Fatal(err)
			}
			got := readJournal(t, path)
			if !strings.HasPrefix(got, old) {
				t.Fatalf("existing bytes changed:\n%q\nnow\n%q", old, got)
			}
			want := "2026-11-20 — numb\n"
			switch {
			case old == "":
				want = JournalHeader + "\n" + want // an empty file is treated as new
			case !strings.HasSuffix(old, "\n"):
				want = "\n" + want
			}
			if rest := got[len(old):]; rest != want {
				t.Errorf("appended %q, want %q", rest, want)
			}
			if runtime.GOOS != "windows" {
				if info, _ := os.Stat(path); info.Mode().Perm() != 0o644 {
					t.Errorf("mode of an existing journal changed to %v", info.Mode())
				}
			}
		})
	}
}

func TestAppendRefusesBadEntryWithoutTouchingDisk(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "journal.md")
	err := Append(path, entry(day(2026, 11, 20, 0, 0), false, "\n"))
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "empty") {
		t.Fatalf("err = %v, want one naming %s and saying the text is empty", err, path)
	}
	if _, err := os.Stat(filepath.Dir(path)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a refused entry created %s", filepath.Dir(path))
	}
}

func TestAppendErrorsNameThePath(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "plain")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The journal's folder is a regular file.
	path := filepath.Join(file, "journal.md")
	err := Append(path, entry(day(2026, 11, 20, 0, 0), false, "numb"))
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("err = %v, want one naming %s", err, path)
	}
	// The journal is a directory.
	err = Append(dir, entry(day(2026, 11, 20, 0, 0), false, "numb"))
	if err == nil || !strings.Contains(err.Error(), dir) {
		t.Errorf("err = %v, want one naming %s", err, dir)
	}
}

func TestAppendPermissionDenied(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("directory modes do not deny writes on Windows")
	}
	if os.Geteuid() == 0 {
		t.Skip("root writes whatever the modes say")
	}
	locked := filepath.Join(t.TempDir(), "locked")
	if err := os.Mkdir(locked, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o700) })
	for _, path := range []string{filepath.Join(locked, "journal.md"), filepath.Join(locked, "runlog", "journal.md")} {
		err := Append(path, entry(day(2026, 11, 20, 0, 0), false, "numb"))
		if err == nil || !strings.Contains(err.Error(), path) || !errors.Is(err, fs.ErrPermission) ||
			!strings.Contains(err.Error(), "permission denied") {
			t.Errorf("%s: err = %v, want permission denied naming the path", path, err)
		}
	}
}

// concurrentText is the text of writer w's i-th entry: long enough (about
// 1 KiB) that interleaved writes would show, and self-checking.
func concurrentText(w, i int) string {
	return fmt.Sprintf("writer %d entry %d %s end", w, i, strings.Repeat(strconv.Itoa(w%10), 900+w))
}

// checkConcurrentJournal verifies the journal holds the header and exactly
// writers×each intact entries, each writer's in the order it wrote them.
func checkConcurrentJournal(t *testing.T, path string, writers, each int) {
	t.Helper()
	got := readJournal(t, path)
	if !strings.HasSuffix(got, "\n") {
		t.Error("journal does not end with a newline")
	}
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if lines[0] != JournalHeader {
		t.Fatalf("first line %q, want the header", lines[0])
	}
	lines = lines[1:]
	if len(lines) != writers*each {
		t.Fatalf("%d entries, want %d", len(lines), writers*each)
	}
	next := make([]int, writers)
	for n, l := range lines {
		var w, i int
		if _, err := fmt.Sscanf(l, "2026-11-20 07:10 — writer %d entry %d", &w, &i); err != nil || w < 0 || w >= writers {
			t.Fatalf("line %d is not an entry: %.80q", n+2, l)
		}
		if want := "2026-11-20 07:10 — " + concurrentText(w, i); l != want {
			t.Fatalf("line %d is damaged: %.80q…", n+2, l)
		}
		if i != next[w] {
			t.Fatalf("line %d: writer %d's entry %d, want %d (lost or out of order)", n+2, w, i, next[w])
		}
		next[w]++
	}
}

func TestAppendConcurrentGoroutines(t *testing.T) {
	const writers, each = 8, 25
	path := filepath.Join(t.TempDir(), "runlog", "journal.md")
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				if err := Append(path, entry(day(2026, 11, 20, 7, 10), true, concurrentText(w, i))); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	checkConcurrentJournal(t, path, writers, each)
}

// helperEnv makes the test binary act as one appending process (see
// TestJournalHelperProcess) instead of running the tests.
const helperEnv = "RUNLOG_JOURNAL_TEST_HELPER"

// TestAppendConcurrentProcesses appends from several processes at once: the
// test binary re-executed as TestJournalHelperProcess.
func TestAppendConcurrentProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	const procs, each = 6, 25
	exe, err := os.Executable()
	if err != nil {
		t.Skip("cannot find the test binary:", err)
	}
	path := filepath.Join(t.TempDir(), "runlog", "journal.md")
	cmds := make([]*exec.Cmd, procs)
	outs := make([]*strings.Builder, procs)
	for p := range procs {
		cmd := exec.Command(exe, "-test.run=^TestJournalHelperProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s|%d|%d", helperEnv, path, p, each))
		outs[p] = &strings.Builder{}
		cmd.Stdout, cmd.Stderr = outs[p], outs[p]
		cmds[p] = cmd
	}
	// Start them all before waiting for any, so they overlap.
	for p, cmd := range cmds {
		if err := cmd.Start(); err != nil {
			t.Fatalf("process %d: %v", p, err)
		}
	}
	for p, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("process %d: %v\n%s", p, err, outs[p])
		}
	}
	checkConcurrentJournal(t, path, procs, each)
}

// TestJournalHelperProcess is not a test: run by TestAppendConcurrentProcesses
// with helperEnv set to "PATH|WRITER|COUNT", it appends COUNT entries as
// writer WRITER.
func TestJournalHelperProcess(t *testing.T) {
	spec := os.Getenv(helperEnv)
	if spec == "" {
		t.Skip("helper process for TestAppendConcurrentProcesses")
	}
	parts := strings.Split(spec, "|")
	w, _ := strconv.Atoi(parts[1])
	each, _ := strconv.Atoi(parts[2])
	for i := range each {
		if err := Append(parts[0], entry(day(2026, 11, 20, 7, 10), true, concurrentText(w, i))); err != nil {
			t.Fatal(err)
		}
	}
}

// TestFormatEntryRoundTrip appends entries and reads them back with the
// journal reader: every field FormatEntry writes comes back, and the facts
// merged from the fields and the text agree with them.
func TestFormatEntryRoundTrip(t *testing.T) {
	nan := math.NaN()
	type fields struct {
		foot          string
		km, min       float64
		sev           int
		shoes, text   string
		wantShoes     string
		wantText      string
		wantNumb      Tri
		wantKm, wantM float64
	}
	cases := []struct {
		when    time.Time
		hasTime bool
		f       fields
	}{
		{day(2026, 11, 20, 7, 10), true, fields{foot: "left", km: 5, sev: 3, shoes: "Pegasus 40", text: "numb toes after the long hill",
			wantShoes: "Pegasus 40", wantNumb: Yes, wantKm: 5, wantM: nan}},
		{day(2026, 11, 21, 0, 0), false, fields{foot: "both", km: 3 * 1.609344, min: 25, text: "tingling\nagain on the treadmill",
			wantText: "tingling again on the treadmill", wantNumb: Yes, wantKm: 4.83, wantM: 25}},
		{day(2026, 11, 22, 18, 5), true, fields{foot: "right", min: 42.25, sev: 5, shoes: "Clifton 9; wide — old", text: "ball of the foot went numb",
			wantShoes: "Clifton 9, wide - old", wantNumb: Yes, wantKm: nan, wantM: 42.3}},
		{day(2026, 11, 23, 6, 45), true, fields{km: nan, min: nan, text: "easy 8 km, no numbness today", wantNumb: No, wantKm: nan, wantM: nan}},
		{day(2026, 11, 24, 0, 0), false, fields{km: nan, min: nan, text: "7:10 start — numb at the end", wantNumb: Yes, wantKm: nan, wantM: nan}},
		{day(2026, 11, 25, 9, 0), true, fields{km: nan, min: nan, text: "pm run: numb toes", wantNumb: Yes, wantKm: nan, wantM: nan}},
		{day(2026, 11, 26, 0, 0), false, fields{km: nan, min: nan, text: "- : numb left toes", wantNumb: Yes, wantKm: nan, wantM: nan}},
		{day(2026, 11, 27, 23, 59), true, fields{sev: 1, km: 0.004, min: nan, text: "slight tingling", wantNumb: Yes, wantKm: 0.01, wantM: nan}},
	}
	path := filepath.Join(t.TempDir(), "journal.md")
	for _, c := range cases {
		e := Entry{When: c.when, HasTime: c.hasTime, Foot: c.f.foot, OnsetKm: c.f.km, OnsetMin: c.f.min, Severity: c.f.sev, Shoes: c.f.shoes, Text: c.f.text}
		if err := Append(path, e); err != nil {
			t.Fatal(err)
		}
	}
	got, warnings, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range warnings {
		t.Errorf("reader warning: %v", w)
	}
	if len(got) != len(cases) {
		t.Fatalf("read %d entries, want %d", len(got), len(cases))
	}
	same := func(a, b float64) bool { return math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) < 1e-9 }
	for i, c := range cases {
		g, f := got[i], c.f
		wantText := f.text
		if f.wantText != "" {
			wantText = f.wantText
		}
		if g.File != path || g.Line != i+2 {
			t.Errorf("entry %d: at %s:%d, want line %d", i, g.File, g.Line, i+2)
		}
		if !g.When.Equal(c.when) || g.HasTime != c.hasTime || g.WhenUTC {
			t.Errorf("entry %d: when %v (time %v, UTC %v), want %v (time %v)", i, g.When, g.HasTime, g.WhenUTC, c.when, c.hasTime)
		}
		if g.Text != wantText {
			t.Errorf("entry %d: text %q, want %q", i, g.Text, wantText)
		}
		if g.Foot != f.foot || !same(g.OnsetKm, f.wantKm) || !same(g.OnsetMin, f.wantM) || g.Severity != f.sev || g.Shoes != f.wantShoes {
			t.Errorf("entry %d: fields foot %q, %v km, %v min, severity %d, shoes %q; want %q, %v, %v, %d, %q",
				i, g.Foot, g.OnsetKm, g.OnsetMin, g.Severity, g.Shoes, f.foot, f.wantKm, f.wantM, f.sev, f.wantShoes)
		}
		// The facts merge the fields with the text; a field wins.
		if f.foot != "" && g.Facts.Foot != f.foot {
			t.Errorf("entry %d: facts foot %q, want %q", i, g.Facts.Foot, f.foot)
		}
		if !math.IsNaN(f.wantKm) && !same(g.Facts.OnsetKm, f.wantKm) {
			t.Errorf("entry %d: facts onset %v km, want %v", i, g.Facts.OnsetKm, f.wantKm)
		}
		if !math.IsNaN(f.wantM) && !same(g.Facts.OnsetMin, f.wantM) {
			t.Errorf("entry %d: facts onset %v min, want %v", i, g.Facts.OnsetMin, f.wantM)
		}
		if g.Facts.Numbness != f.wantNumb {
			t.Errorf("entry %d (%q): facts numbness %v, want %v", i, wantText, g.Facts.Numbness, f.wantNumb)
		}
	}

	// The same lines read back by the extractor alone, as a hand-written
	// note would be: the fields are words it understands.
	line, err := FormatEntry(Entry{When: day(2026, 11, 20, 7, 10), HasTime: true, Foot: "left", OnsetKm: 5, OnsetMin: nan, Text: "numb toes"})
	if err != nil {
		t.Fatal(err)
	}
	if f := Extract(line[len("2026-11-20 07:10 "):]); f.Foot != "left" || !same(f.OnsetKm, 5) || f.Numbness != Yes {
		t.Errorf("Extract(%q) = foot %q, onset %v km, numbness %v", line, f.Foot, f.OnsetKm, f.Numbness)
	}
}

// TestOnsetInMilesReadsBack: an onset given in miles is written in miles
// and read back as the same distance, still marked as miles.
func TestOnsetInMilesReadsBack(t *testing.T) {
	e := Entry{When: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), Text: "numb toes", OnsetKm: 3 * kmPerMile, OnsetMin: math.NaN(), OnsetUnit: "mi"}
	line, err := FormatEntry(e)
	if err != nil || line != "2026-11-20 at 3 mi — numb toes" {
		t.Fatalf("FormatEntry: %q, %v", line, err)
	}
	got, _, err := Read("j.md", strings.NewReader(line+"\n"))
	if err != nil || len(got) != 1 || got[0].OnsetUnit != "mi" || math.Abs(got[0].OnsetKm-3*kmPerMile) > 1e-9 || math.Abs(got[0].Facts.OnsetKm-3*kmPerMile) > 1e-9 {
		t.Errorf("read back: %+v, %v", got, err)
	}
	if _, err := FormatEntry(Entry{When: e.When, Text: "x", OnsetKm: 5, OnsetUnit: "furlong"}); err == nil {
		t.Error("an unknown onset unit was written")
	}
}
