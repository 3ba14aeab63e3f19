package notes

import (
	"strings"
	"testing"
)

// lite is what the tests of the new shapes expect of an entry: line, date
// (and time), text, numbness and the foot the facts give.
type lite struct {
	line int
	when string // "2006-01-02" or "2006-01-02 15:04" when the entry has a time
	text string
	numb Tri
	foot string // Facts.Foot
}

func checkLite(t *testing.T, got []Entry, want []lite) {
	t.Helper()
	if len(got) != len(want) {
		for _, e := range got {
			t.Logf("got %s:%d %s %q", e.File, e.Line, e.When, e.Text)
		}
		t.Fatalf("%d entries, want %d", len(got), len(want))
	}
	for i, w := range want {
		e := got[i]
		layout := "2006-01-02"
		if e.HasTime {
			layout = "2006-01-02 15:04"
		}
		if e.Line != w.line || e.When.Format(layout) != w.when || e.Text != w.text || e.Facts.Numbness != w.numb || e.Facts.Foot != w.foot {
			t.Errorf("entry %d: line %d, %s, %q, numb %s, foot %q; want %+v", i, e.Line, e.When.Format(layout), e.Text, fmtAny(e.Facts.Numbness), e.Facts.Foot, w)
		}
	}
}

// unreadWant is what a test expects of one warning: its line, how many
// notes it says were not read, the candidate dates, and words of its message.
type unreadWant struct {
	line   int
	unread int
	dates  string // space-separated Day strings
	msg    string // a part of the message
}

func checkUnread(t *testing.T, got []Warning, want []unreadWant) {
	t.Helper()
	if len(got) != len(want) {
		for _, w := range got {
			t.Logf("got %v (unread %d, dates %v)", w, w.Unread, w.Dates)
		}
		t.Fatalf("%d warnings, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		var dates []string
		for _, d := range g.Dates {
			dates = append(dates, d.String())
		}
		if g.Line != w.line || g.Unread != w.unread || strings.Join(dates, " ") != w.dates || !strings.Contains(g.Msg, w.msg) {
			t.Errorf("warning %d: %v (unread %d, dates %v); want %+v", i, g, g.Unread, dates, w)
		}
	}
}

// TestReadRunnerLog: a Markdown log as a runner keeps it, with date
// headings, dates without a year, day-first and ambiguous dates, a typo
// in a weekday, and lines without a date.
func TestReadRunnerLog(t *testing.T) {
	entries, warnings, err := readTestdata(t, "runner-log.md")
	if err != nil {
		t.Fatal(err)
	}
	checkLite(t, entries, []lite{
		{6, "2024-07-08", "easy 6k, feet fine", No, ""},
		{7, "2024-07-08", "new insoles feel great", Unknown, ""},
		// "Tue 9 July" takes 2024 from the heading of line 5.
		{10, "2024-07-09", "Left toes went numb at 5km, laces too tight\nloosened them and it went away", Yes, "left"},
		{14, "2024-07-10", "12k tempo, pins and needles in right forefoot after 25 min", Yes, "right"},
		{19, "2024-07-12", "long run 20k, both feet numb at the end", Yes, "both"},
		{20, "2024-07-13", "tingling L foot", Yes, "left"},
		{23, "2024-07-14 07:30", "right heel burning again", Yes, "right"},
	})
	checkUnread(t, warnings, []unreadWant{
		{3, 0, "", "no date at the start of the line"},
		{17, 1, "2024-07-11 2024-11-07", "date heading on line 16"},
		{21, 1, "2024-03-07 2024-07-03", `date "03/07/2024" reads as 7 March 2024 or 3 July 2024`},
		{22, 1, "2024-07-14", "was a Sunday, not a Saturday"},
		{26, 1, "", "no date heading above it"},
		{27, 0, "", "no date at the start of the line"},
	})

	// With the date order given, the ambiguous dates are read.
	entries, warnings, err = ReadFileWith("testdata/runner-log.md", Options{DateOrder: DayFirst})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 9 || entries[4].Line != 17 || entries[4].When.Format("2006-01-02") != "2024-07-11" ||
		entries[7].Line != 21 || entries[7].When.Format("2006-01-02") != "2024-07-03" || entries[7].Facts.Numbness != No {
		t.Errorf("dmy: %d entries %+v", len(entries), entries)
	}
	if len(warnings) != 4 {
		t.Errorf("dmy: warnings %v", warnings)
	}
}

func TestReadYearFromAround(t *testing.T) {
	for _, c := range []struct {
		name, in string
		entries  []lite
		warnings []unreadWant
	}{
		{"year after", "9 July: numb toes\n2024-07-10 fine\n", []lite{{1, "2024-07-09", "numb toes", Yes, ""}, {2, "2024-07-10", "fine", Unknown, ""}}, nil},
		{"year before wins", "2023-07-01 x\n9 July: numb toes\n2024-07-10 fine\n", []lite{{1, "2023-07-01", "x", Unknown, ""}, {2, "2023-07-09", "numb toes", Yes, ""}, {3, "2024-07-10", "fine", Unknown, ""}}, nil},
		{"no year anywhere", "Tue 9 July: numb toes\n", nil, []unreadWant{{1, 1, "--07-09", "no dated note in the file"}}},
		{"new year", "2024-12-30 numb toes\n2 Jan: tingling\n", []lite{{1, "2024-12-30", "numb toes", Yes, ""}},
			[]unreadWant{{2, 1, "2024-01-02 2025-01-02", "between 2024 and 2025"}}},
		{"29 February", "2023-03-01 x\n29 Feb: numb\n", []lite{{1, "2023-03-01", "x", Unknown, ""}}, []unreadWant{{2, 1, "--02-29", "has no 29 February"}}},
		{"month heading", "# July 2024\n## Tue 9 July\n- numb toes\n", []lite{{3, "2024-07-09", "numb toes", Yes, ""}}, nil},
		{"year heading", "# 2023\nDec 31: numb\nJan 1: fine\n", []lite{{2, "2023-12-31", "numb", Yes, ""}, {3, "2023-01-01", "fine", Unknown, ""}}, nil},
		{"iso month heading", "## 2024-07\n### Tue 9 July\n07:10 numb toes\n7:30 pm: tingling\n12:00\n", []lite{
			{3, "2024-07-09 07:10", "numb toes", Yes, ""}, {4, "2024-07-09 19:30", "tingling", Yes, ""}, {5, "2024-07-09 12:00", "12:00", Unknown, ""}}, nil},
		{"csv", "date,note\n2024-07-08,fine\nJuly 9,numb\n", []lite{{2, "2024-07-08", "fine", Unknown, ""}, {3, "2024-07-09", "numb", Yes, ""}}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			entries, warnings, err := Read("n.md", strings.NewReader(c.in))
			if err != nil {
				t.Fatal(err)
			}
			checkLite(t, entries, c.entries)
			checkUnread(t, warnings, c.warnings)
		})
	}
}

func TestReadSpreadsheetCSV(t *testing.T) {
	entries, warnings, err := readTestdata(t, "spreadsheet.csv")
	if err != nil {
		t.Fatal(err)
	}
	// Month-first dates that read both ways are not read without a date order.
	checkLite(t, entries, []lite{
		{6, "2024-07-11", "tingling both feet", Yes, "both"}, // serial 45484
		{7, "2024-07-13 18:00", "burning right heel", Yes, "right"},
		{9, "2024-07-14", "easy run", No, ""}, // severity "none"
	})
	checkUnread(t, warnings, []unreadWant{
		{3, 1, "2024-07-09 2024-09-07", "day or month first"},
		{5, 1, "2024-07-10 2024-10-07", "day or month first"},
		{10, 1, "2024-04-07 2024-07-04", "day or month first"},
	})

	entries, warnings, err = ReadFileWith("testdata/spreadsheet.csv", Options{DateOrder: MonthFirst})
	if err != nil || len(warnings) != 0 {
		t.Fatal(err, warnings)
	}
	checkLite(t, entries, []lite{
		{3, "2024-07-09 07:10", "toes numb at 5k\nwent away after loosening laces", Yes, "left"},
		{5, "2024-07-10", "laces normal, same shoes as always", No, ""}, // Numb? no
		{6, "2024-07-11", "tingling both feet", Yes, "both"},
		{7, "2024-07-13 18:00", "burning right heel", Yes, "right"},
		{9, "2024-07-14", "easy run", No, ""},
		{10, "2024-07-04", "", Yes, ""}, // Numb? x
	})
	if e := entries[0]; e.Severity != 3 || e.Shoes != "Pegasus 40" || e.Foot != "left" || e.Numb != Yes {
		t.Errorf("columns: %+v", e)
	}
	if e := entries[1]; e.Severity != 0 || e.Numb != No {
		t.Errorf("severity 0: %+v", e)
	}
}

func TestReadWrappedJSON(t *testing.T) {
	entries, warnings, err := readTestdata(t, "export.json")
	if err != nil {
		t.Fatal(err)
	}
	checkLite(t, entries, []lite{
		{1, "2024-07-09", "toes", Yes, "left"}, // "numb": true
		{2, "2024-07-10", "long run", No, ""},  // "numbness": false
		{3, "2024-07-11", "easy", No, ""},      // "severity": 0
		{4, "2024-07-12", "after the hill", Yes, ""},
		{6, "2024-07-13", "left toes tingling", Yes, "left"},
	})
	checkUnread(t, warnings, []unreadWant{
		{11, 1, "2024-03-04 2024-04-03", "element 5: "},
		{12, 0, "", `element 6: numbness "sometimes" not understood`},
	})

	for _, c := range []struct {
		name, in string
		entries  int
		warnings []unreadWant
	}{
		{"entries", `{"entries":[{"date":"2024-07-09","note":"numb"},{"date":"2024-07-10","note":"fine"}]}`, 2, nil},
		{"array first", "{\"notes\": [\n{\"date\":\"2024-07-09\"}\n],\n\"count\": 1}\n", 1, nil},
		{"several arrays", `{"runs":[{"km":5}],"notes":[{"date":"2024-07-09"}]}`, 0,
			[]unreadWant{{1, 1, "", `several lists of objects ("notes", "runs")`}}},
		{"a note with a list", `{"date":"2024-07-09","note":"numb","laps":[{"km":1}]}`, 1,
			[]unreadWant{{1, 0, "", `unknown fields ignored: "laps"`}}},
		{"export with a date", `{"date":"2024-07-20","count":2,"entries":[{"date":"2024-07-09","note":"numb"},{"date":"2024-07-10"}]}`, 2, nil},
		{"json lines", "{\"date\":\"2024-07-09\",\"numb\":true}\n{\"date\":\"2024-07-10\",\"numb\":false,\"severity\":0}\n{\"when\":\"9 Jul 2024\",\"numbness\":1}\n", 3, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			entries, warnings, err := Read(c.name+".json", strings.NewReader(c.in))
			if err != nil || len(entries) != c.entries {
				t.Fatalf("%v: %d entries %+v", err, len(entries), entries)
			}
			checkUnread(t, warnings, c.warnings)
		})
	}
	entries, _, _ = Read("l.jsonl", strings.NewReader("{\"date\":\"2024-07-09\",\"numb\":true}\n{\"date\":\"2024-07-10\",\"numb\":false,\"severity\":0}\n"))
	if len(entries) != 2 || entries[0].Facts.Numbness != Yes || entries[1].Facts.Numbness != No {
		t.Errorf("booleans: %+v", entries)
	}
}

func TestReadMarkdownTableEdges(t *testing.T) {
	in := "## 2024-07-09\n| Date | Notes |\n|---|---|\n| | numb toes |\n| 2024-07-10 | fine |\n\n| left toes numb |\nno more table\n|foo|\n"
	entries, warnings, err := Read("t.md", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	checkLite(t, entries, []lite{
		{4, "2024-07-09", "numb toes", Yes, ""}, // an empty date cell takes the heading's date
		{5, "2024-07-10", "fine", Unknown, ""},
		{8, "2024-07-09", "no more table", Unknown, ""},
	})
	checkUnread(t, warnings, []unreadWant{
		{7, 1, "2024-07-09", "no table under it"}, // says something: a note not read
		{9, 0, "", "no table under it"},
	})
}

func TestReadMarkdownTable(t *testing.T) {
	entries, warnings, err := readTestdata(t, "table.md")
	if err != nil {
		t.Fatal(err)
	}
	checkLite(t, entries, []lite{
		{5, "2024-07-09", "numb toes at 5k", Yes, "left"},
		{7, "2024-07-11", "tingling | pins and needles", Yes, "both"},
		// No date column: the heading's date, its year from the rows above.
		{13, "2024-07-16", "burning heel", Yes, "right"},
	})
	checkUnread(t, warnings, []unreadWant{
		{6, 1, "2024-07-10 2024-10-07", "day or month first"},
		{8, 1, "", "no date"},
	})
}

// TestReadManyUnread: past the warning limit, the notes not read are
// still counted, with their dates, in the last warning.
func TestReadManyUnread(t *testing.T) {
	in := strings.Repeat("03/04/2024 numb\n", maxWarnings+10)
	_, warnings, _ := Read("many.md", strings.NewReader(in))
	last := warnings[len(warnings)-1]
	if len(warnings) != maxWarnings+1 || last.Unread != 10 || len(last.Dates) != 2 || !strings.Contains(last.Msg, "10 more notes not read") {
		t.Errorf("%d warnings, last %v %d %v", len(warnings), last, last.Unread, last.Dates)
	}
	in += "left toes numb\n" // no date: the dropped notes may be about any run
	_, warnings, _ = Read("many.md", strings.NewReader(in))
	if last := warnings[len(warnings)-1]; last.Unread != 11 || last.Dates != nil {
		t.Errorf("last %v %d %v", last, last.Unread, last.Dates)
	}
	total := 0
	for _, w := range warnings {
		total += w.Unread
	}
	if want := maxWarnings + 11; total != want {
		t.Errorf("%d notes not read, want %d", total, want)
	}
}

// TestReadCSVDayAndTimeColumns: a "Day" column of weekday names is not the
// date; a time column that is not a time of day costs the time, not the
// note.
func TestCSVDelimiter(t *testing.T) {
	for _, in := range []string{
		"\"Date\";\"Notes, free text\"\n2024-07-09;\"numb, left foot\"\n",
		"Date (local),Notes (free; text)\n2024-07-09,\"numb, left foot\"\n",
		"Date\tNotes, free; text\n2024-07-09\t\"numb, left foot\"\n",
	} {
		entries, warnings, err := Read("d.csv", strings.NewReader(in))
		if err != nil || len(warnings) != 0 || len(entries) != 1 || entries[0].Text != "numb, left foot" {
			t.Errorf("%q: %v %v %+v", in, err, warnings, entries)
		}
	}
}

func TestReadCSVDayAndTimeColumns(t *testing.T) {
	in := "Day,Date,Time,Notes\nTue,2024-07-09,7:10,numb toes\nWed,2024-07-10,45:10,fine\nThu,,,no date here\n"
	entries, warnings, err := Read("runs.csv", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	checkLite(t, entries, []lite{
		{2, "2024-07-09 07:10", "numb toes", Yes, ""},
		{3, "2024-07-10", "fine", Unknown, ""},
	})
	checkUnread(t, warnings, []unreadWant{
		{3, 0, "", `invalid time "45:10": the time is ignored`},
		{4, 1, "", "no date"},
	})
}
