package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/runlog/runlog/analysis/notes"
)

// unreadDoc is the part of the JSON report about notes not read.
type unreadDoc struct {
	Runs []struct {
		Source   string
		Numbness struct {
			Reported      *bool
			Foot          string
			UnknownReason *string `json:"unknown_reason"`
			Notes         []struct {
				File string
				Line int
			}
		}
	}
	Errors []struct{ Source, Error string }
	Notes  struct {
		Given       bool
		Read        int
		Files       []string
		UnreadCount int `json:"unread_count"`
		Unread      []struct {
			File           string
			Line           *int
			Reason         string
			CandidateDates []string `json:"candidate_dates"`
		}
	}
}

func analyzeUnread(t *testing.T, args ...string) (unreadDoc, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(append([]string{"analyze", "--format", "json", "--tz", "Europe/Berlin"}, args...), &out, &errOut)
	var doc unreadDoc
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("exit %d, not JSON: %v\n%s\n%s", code, err, out.String(), errOut.String())
	}
	return doc, errOut.String(), code
}

// numbByDate is each run's numbness by its file's date: "yes", "no" or
// "unknown".
func numbByDate(doc unreadDoc) map[string]string {
	out := map[string]string{}
	for _, r := range doc.Runs {
		date := filepath.Base(r.Source)[:10]
		switch {
		case r.Numbness.Reported == nil:
			out[date] = "unknown"
		case *r.Numbness.Reported:
			out[date] = "yes"
		default:
			out[date] = "no"
		}
	}
	return out
}

func checkNumb(t *testing.T, label string, got map[string]string, want map[string]string) {
	t.Helper()
	for date, w := range want {
		if got[date] != w {
			t.Errorf("%s: run of %s is %q, want %q", label, date, got[date], w)
		}
	}
}

// handNotes is a journal as a runner keeps it: a month heading, dates
// written several ways, one with the year left out, two numeric dates that
// read day or month first, a typo, shoes mentioned as fine.
const handNotes = `## November 2026
Mon 2 Nov - easy 6k, shoes fine, laces normal
04/11/2026 left toes numb after 3 km
Fri 6 Nov: numb toes again in the rigth foot at the end
Nov 8: long run, same shoes as always, no numbness
10.11.2026 pins and needles left foot, 25 min in
`

// TestHandWrittenNotesLandOnRuns: each line lands on its run; the two
// numeric dates that read both ways are not guessed: their runs are
// unknown, with the candidate dates, until --date-order (or the
// environment, or the config file) says how to read them.
func TestHandWrittenNotesLandOnRuns(t *testing.T) {
	dir := athleteDir(t, "notes.md", handNotes)
	doc, stderr, code := analyzeUnread(t, dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	checkNumb(t, "no date order", numbByDate(doc), map[string]string{
		"2026-11-02": "no", "2026-11-04": "unknown", "2026-11-06": "yes", "2026-11-08": "no",
		"2026-11-10": "unknown", "2026-11-11": "no", "2026-11-13": "no", "2026-11-15": "no",
	})
	u := doc.Notes.Unread
	if doc.Notes.UnreadCount != 2 || len(u) != 2 || *u[0].Line != 3 || *u[1].Line != 6 ||
		strings.Join(u[0].CandidateDates, " ") != "2026-04-11 2026-11-04" || strings.Join(u[1].CandidateDates, " ") != "2026-10-11 2026-11-10" {
		t.Errorf("notes.unread: %d %+v", doc.Notes.UnreadCount, u)
	}
	for _, r := range doc.Runs {
		if strings.Contains(r.Source, "2026-11-04") && (r.Numbness.UnknownReason == nil || !strings.Contains(*r.Numbness.UnknownReason, "notes.md:3: ")) {
			t.Errorf("11-04 unknown reason: %v", r.Numbness.UnknownReason)
		}
	}

	dmy := map[string]string{"2026-11-04": "yes", "2026-11-10": "yes", "2026-11-02": "no", "2026-11-06": "yes"}
	doc, _, _ = analyzeUnread(t, "--date-order", "dmy", dir)
	checkNumb(t, "--date-order dmy", numbByDate(doc), dmy)
	if doc.Notes.UnreadCount != 0 {
		t.Errorf("--date-order dmy leaves %d notes unread", doc.Notes.UnreadCount)
	}
	// Month first: 11 April and 11 October have no run.
	doc, _, _ = analyzeUnread(t, "--date-order", "mdy", dir)
	checkNumb(t, "--date-order mdy", numbByDate(doc), map[string]string{"2026-11-04": "no", "2026-11-10": "no"})

	t.Setenv("RUNLOG_DATE_ORDER", "dmy")
	doc, _, _ = analyzeUnread(t, dir)
	checkNumb(t, "RUNLOG_DATE_ORDER=dmy", numbByDate(doc), dmy)
	// The flag beats the environment.
	doc, _, _ = analyzeUnread(t, "--date-order", "mdy", dir)
	checkNumb(t, "flag over environment", numbByDate(doc), map[string]string{"2026-11-04": "no"})

	t.Setenv("RUNLOG_DATE_ORDER", "")
	t.Setenv("RUNLOG_CONFIG", writeConfig(t, "date_order: dmy\n"))
	doc, _, _ = analyzeUnread(t, dir)
	checkNumb(t, "config date_order", numbByDate(doc), dmy)
}

func TestResolveDateOrder(t *testing.T) {
	for _, c := range []struct {
		flag, env, cfg, want string
		usage, fails         bool
	}{
		{"", "", "", "", false, false},
		{"dmy", "mdy", "mdy", "dmy", false, false},
		{"", "MDY", "dmy", "mdy", false, false},
		{"", "", "mdy", "mdy", false, false},
		{"ymd", "", "", "", true, true},
		// A bad environment or config value is a usage error too (exit 2).
		{"", "day-first", "", "", true, true},
		{"", "", "yes", "", true, true},
	} {
		env := mapEnv(map[string]string{"RUNLOG_DATE_ORDER": c.env})
		got, err := resolveDateOrder(c.flag, Config{DateOrder: c.cfg}, env)
		_, isUsage := err.(usageError)
		if got != c.want || (err != nil) != c.fails || isUsage != c.usage {
			t.Errorf("flag %q env %q config %q: %q %v", c.flag, c.env, c.cfg, got, err)
		}
		if err != nil && !strings.Contains(err.Error(), "dmy") {
			t.Errorf("the error does not say what works: %v", err)
		}
	}
}

func TestNewAnalyzeCmdParsesNotesFlags(t *testing.T) {
	var got *AnalyzeOptions
	cmd := newAnalyzeCmd(IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}, func(o *AnalyzeOptions) error {
		got = o
		return nil
	})
	cmd.SetArgs([]string{"--date-order", "mdy", "--no-journal", "--notes", "a.csv", "runs"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.DateOrder != "mdy" || !got.NoJournal || strings.Join(got.Notes, ",") != "a.csv" {
		t.Errorf("options %+v", got)
	}
	var list *NoteListOptions
	lc := newNoteListCmd(IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}, func(o *NoteListOptions) error {
		list = o
		return nil
	})
	lc.SetArgs([]string{"--date-order", "dmy"})
	if err := lc.Execute(); err != nil || list.DateOrder != "dmy" {
		t.Errorf("note list --date-order: %v %+v", err, list)
	}
	var code int
	var out, errOut bytes.Buffer
	if code = Main([]string{"analyze", "--date-order", "ymd", demoDir}, &out, &errOut); code != exitUsage || !strings.Contains(errOut.String(), "dmy") {
		t.Errorf("--date-order ymd: exit %d, %s", code, errOut.String())
	}
}

// TestUnreadNoteMakesRunsUnknown: a line about the feet without a date may
// be about any run from the first to the last date of its file: those runs
// are unknown, not clean; the report says which line and why in every
// format, and --fail-on treats it as needing attention.
func TestUnreadNoteMakesRunsUnknown(t *testing.T) {
	text := "2026-11-04 left toes numb after 3 km\n" +
		"toes went numb again, forgot to write the date\n" +
		"2026-11-10 easy, feet fine\n"
	dir := athleteDir(t, "notes.txt", text)
	doc, stderr, code := analyzeUnread(t, dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	checkNumb(t, "undated line", numbByDate(doc), map[string]string{
		"2026-11-02": "no", "2026-11-04": "yes", "2026-11-06": "unknown", "2026-11-08": "unknown",
		"2026-11-10": "unknown", "2026-11-11": "no", "2026-11-15": "no",
	})
	if doc.Notes.UnreadCount != 1 || len(doc.Notes.Unread[0].CandidateDates) != 0 {
		t.Errorf("unread: %+v", doc.Notes.Unread)
	}

	var out, errOut bytes.Buffer
	code = Main([]string{"analyze", "--fail-on", "possible", dir}, &out, &errOut)
	if code != exitAttention || !strings.Contains(errOut.String(), "notes not read (") || !strings.Contains(errOut.String(), "notes.txt:2") {
		t.Errorf("--fail-on possible with a note not read: exit %d, stderr %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "Not read: 1 note;") || !strings.Contains(out.String(), "notes.txt:2  no date") {
		t.Errorf("text report lacks the note not read:\n%s", out.String())
	}
	out.Reset()
	if code := Main([]string{"analyze", "--fail-on", "doctor", dir}, &out, &errOut); code != exitAttention {
		t.Errorf("--fail-on doctor with a note not read: exit %d", code)
	}
	out.Reset()
	Main([]string{"analyze", "--format", "csv", dir}, &out, &errOut)
	rows, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, row := range rows[1:] {
		unknown := row[col["numb"]] == ""
		reason := row[col["numbness_unknown_reason"]]
		if unknown != strings.Contains(reason, "notes.txt:2: no date") {
			t.Errorf("CSV %s: numb %q, reason %q", row[col["source"]], row[col["numb"]], reason)
		}
	}

	// Once the line has its date, nothing is left unknown and --fail-on
	// possible has nothing to say about unread notes.
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte(strings.Replace(text, "toes went", "2026-11-08 toes went", 1)), 0o644)
	doc, _, _ = analyzeUnread(t, dir)
	checkNumb(t, "dated", numbByDate(doc), map[string]string{"2026-11-06": "no", "2026-11-08": "yes", "2026-11-10": "no"})
	errOut.Reset()
	Main([]string{"analyze", "--fail-on", "possible", dir}, &out, &errOut)
	if strings.Contains(errOut.String(), "notes not read") {
		t.Errorf("--fail-on with every note read: %s", errOut.String())
	}
}

// TestAnalyzeReadsTheJournal: analyze reads runlog's own journal unless
// --no-journal, and a journal that is also the folder's notes file is read
// once.
func TestAnalyzeReadsTheJournal(t *testing.T) {
	dir := athleteDir(t, "", "")
	journal := filepath.Join(t.TempDir(), "journal.md")
	t.Setenv(notes.JournalEnv, journal)
	doc, _, _ := analyzeUnread(t, dir)
	if doc.Notes.Given {
		t.Errorf("no journal yet, no notes: %+v", doc.Notes)
	}
	var out, errOut bytes.Buffer
	if code := Main([]string{"note", "add", "--date", "2026-11-04", "--foot", "left", "--at", "3 km", "numb toes"}, &out, &errOut); code != exitOK {
		t.Fatalf("note add: exit %d %s", code, errOut.String())
	}
	doc, _, _ = analyzeUnread(t, dir)
	got := numbByDate(doc)
	checkNumb(t, "journal", got, map[string]string{"2026-11-04": "yes", "2026-11-02": "no"})
	if strings.Join(doc.Notes.Files, ",") != journal {
		t.Errorf("notes files %q, want the journal", doc.Notes.Files)
	}
	doc, _, _ = analyzeUnread(t, "--no-journal", dir)
	if doc.Notes.Given || numbByDate(doc)["2026-11-04"] != "unknown" {
		t.Errorf("--no-journal still read the journal: %+v", doc.Notes)
	}

	// The journal kept in the athlete folder as notes.md, reached two ways.
	t.Setenv(notes.JournalEnv, filepath.Join(dir, "notes.md"))
	Main([]string{"note", "add", "--date", "2026-11-06", "numb toes"}, &out, &errOut)
	doc, _, _ = analyzeUnread(t, dir, "--notes", filepath.Join(dir, ".", "notes.md"))
	if doc.Notes.Read != 1 || len(doc.Notes.Files) != 1 {
		t.Errorf("a note seen three ways read %d times, from %q", doc.Notes.Read, doc.Notes.Files)
	}
}

// TestNotesBesideGlobbedFITFiles: runlog analyze ~/runs/*.fit reads
// ~/runs/notes.md.
func TestNotesBesideGlobbedFITFiles(t *testing.T) {
	dir := athleteDir(t, "notes.md", "- 2026-11-04 left toes numb\n")
	files, _ := filepath.Glob(filepath.Join(dir, "*.fit"))
	doc, stderr, code := analyzeUnread(t, files...)
	if code != exitOK || !doc.Notes.Given || doc.Notes.Read != 1 {
		t.Fatalf("exit %d, notes %+v: %s", code, doc.Notes, stderr)
	}
	checkNumb(t, "glob", numbByDate(doc), map[string]string{"2026-11-04": "yes", "2026-11-02": "no"})
}

// TestNotesFileAmongInputs: runlog analyze notes.csv run.fit reads the CSV
// as notes, not as a FIT file that failed.
func TestNotesFileAmongInputs(t *testing.T) {
	runs := athleteDir(t, "", "")
	notesCSV := filepath.Join(t.TempDir(), "log.csv")
	os.WriteFile(notesCSV, []byte("Date;Notes\n4 Nov 2026;left toes numb\n"), 0o644)
	doc, stderr, code := analyzeUnread(t, notesCSV, filepath.Join(runs, "2026-11-04-run.fit"), filepath.Join(runs, "2026-11-06-run.fit"))
	if code != exitOK || len(doc.Errors) != 0 || strings.Contains(stderr, "not a FIT file") {
		t.Fatalf("exit %d, errors %+v: %s", code, doc.Errors, stderr)
	}
	if len(doc.Runs) != 2 || doc.Notes.Read != 1 {
		t.Fatalf("%d runs, %d notes", len(doc.Runs), doc.Notes.Read)
	}
	checkNumb(t, "named notes", numbByDate(doc), map[string]string{"2026-11-04": "yes", "2026-11-06": "no"})
}

func TestNotePath(t *testing.T) {
	journal := filepath.Join(t.TempDir(), "j", "journal.md")
	t.Setenv(notes.JournalEnv, journal)
	var out, errOut bytes.Buffer
	if code := Main([]string{"note", "path"}, &out, &errOut); code != exitOK || out.String() != journal+"\n" || !strings.Contains(errOut.String(), "does not exist yet") {
		t.Errorf("note path: exit %d, %q, %q", code, out.String(), errOut.String())
	}
	Main([]string{"note", "add", "numb toes"}, &out, &errOut)
	out.Reset()
	errOut.Reset()
	if code := Main([]string{"note", "path"}, &out, &errOut); code != exitOK || out.String() != journal+"\n" || errOut.Len() != 0 {
		t.Errorf("note path after add: exit %d, %q, %q", code, out.String(), errOut.String())
	}
	if code := Main([]string{"note", "path", "extra"}, &out, &errOut); code != exitUsage {
		t.Errorf("note path extra: exit %d", code)
	}
	// The run function alone, with its IO injected.
	var o2, e2 bytes.Buffer
	if err := runNotePath(&NotePathOptions{IO: IOStreams{Out: &o2, ErrOut: &e2}}); err != nil || o2.String() != journal+"\n" {
		t.Errorf("runNotePath: %v %q", err, o2.String())
	}
}

// TestNoteAddEveryFormatReadsBack: note add keeps each notes file's format,
// and analyze then finds the note on its run.
func TestNoteAddEveryFormatReadsBack(t *testing.T) {
	for _, c := range []struct{ file, old string }{
		{"notes.md", "## November 2026\nMon 2 Nov - easy, feet fine\n"},
		{"notes.txt", "2026-11-02 easy, feet fine"},
		{"notes.csv", "Date;Foot;Notes\n13.11.2026;;easy, shoes fine\n"},
		{"notes.json", "[\n  {\"date\": \"Nov 2, 2026\", \"text\": \"easy, feet fine\"}\n]\n"},
		{"notes.jsonl", "{\"date\": \"2026-11-02\", \"numb\": false}\n"},
		{"numbness.json", "{\"app\": \"x\", \"entries\": [{\"when\": \"2026-11-02\", \"notes\": \"fine\"}]}"},
	} {
		t.Run(c.file, func(t *testing.T) {
			dir := athleteDir(t, c.file, c.old)
			var out, errOut bytes.Buffer
			code := Main([]string{"note", "add", "--notes", filepath.Join(dir, c.file), "--date", "2026-11-04", "--foot", "left", "--at", "3 mi", "toes", "numb"}, &out, &errOut)
			if code != exitOK || !strings.Contains(out.String(), "toes numb") {
				t.Fatalf("note add: exit %d, %q %s", code, out.String(), errOut.String())
			}
			doc, stderr, _ := analyzeUnread(t, "--no-journal", dir)
			if doc.Notes.Read != 2 || doc.Notes.UnreadCount != 0 {
				t.Fatalf("read %d, unread %d: %s", doc.Notes.Read, doc.Notes.UnreadCount, stderr)
			}
			checkNumb(t, c.file, numbByDate(doc), map[string]string{"2026-11-02": "no", "2026-11-04": "yes"})
			for _, r := range doc.Runs {
				if strings.Contains(r.Source, "2026-11-04") && r.Numbness.Foot != "left" {
					t.Errorf("foot %q", r.Numbness.Foot)
				}
			}
		})
	}
	// A CSV whose header has no text column: refused, exit 2, untouched.
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "log.csv")
	old := "Date,Foot,Severity\n2026-11-02,left,2\n"
	os.WriteFile(csvPath, []byte(old), 0o644)
	var out, errOut bytes.Buffer
	code := Main([]string{"note", "add", "--notes", csvPath, "numb"}, &out, &errOut)
	if data, _ := os.ReadFile(csvPath); code != exitUsage || string(data) != old || !strings.Contains(errOut.String(), "no text or notes column") || out.Len() != 0 {
		t.Errorf("CSV without a text column: exit %d, %q, file %q", code, errOut.String(), data)
	}
}

// TestNoteListDateOrder: note list reads dates that read both ways only
// with a date order, and otherwise says why on stderr.
func TestNoteListDateOrder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.md")
	os.WriteFile(path, []byte("03/04/2026 left toes numb\n2026-04-05 fine\n"), 0o644)
	ios, out, errOut := testIO()
	if err := runNoteList(&NoteListOptions{IO: ios, JournalPath: path, Format: "text"}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "left toes") || !strings.Contains(errOut.String(), "journal.md:1: date \"03/04/2026\" reads as") {
		t.Errorf("without a date order:\n%s\n%s", out.String(), errOut.String())
	}
	for order, date := range map[string]string{"dmy": "2026-04-03", "mdy": "2026-03-04"} {
		ios, out, _ := testIO()
		if err := runNoteList(&NoteListOptions{IO: ios, JournalPath: path, Format: "text", DateOrder: order}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), date) || !strings.Contains(out.String(), "left toes") {
			t.Errorf("--date-order %s:\n%s", order, out.String())
		}
	}
	ios, _, _ = testIO()
	if err := runNoteList(&NoteListOptions{IO: ios, JournalPath: path, Format: "text", DateOrder: "ymd"}); err == nil {
		t.Error("--date-order ymd accepted")
	}
}
