package analysis

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/runlog/runlog/analysis/notes"
	"github.com/runlog/runlog/fitparse/synth"
	"gonum.org/v1/gonum/stat"
)

// measuredRun generates, decodes and measures a run starting at start
// (UTC) with the UTC offset its file gives.
func measuredRun(t *testing.T, source string, start time.Time, offset time.Duration, segs ...synth.Segment) RunResult {
	t.Helper()
	spec := synth.Spec{Start: start, UTCOffset: offset, Seed: start.Unix(), Segments: segs}
	run := synthRun(t, spec)
	run.Source = source
	rr := Measured(&run, nil, Options{})
	if offset == 0 {
		rr.HasUTCOffset = false // as a file without local_timestamp
	}
	return rr
}

func note(file string, line int, when string, text string) notes.Entry {
	layout := "2006-01-02 15:04"
	hasTime := len(when) > 10
	if !hasTime {
		layout = "2006-01-02"
	}
	w, err := time.Parse(layout, when)
	if err != nil {
		panic(err)
	}
	return notes.Entry{File: file, Line: line, When: w, HasTime: hasTime, Text: text, OnsetKm: math.NaN(), OnsetMin: math.NaN(),
		Facts: notes.Extract(text)}
}

func utc(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestMatchNotes(t *testing.T) {
	cet := time.Hour
	runs := []RunResult{
		measuredRun(t, "export.zip!activities/111.fit.gz", utc("2026-11-02 06:10"), cet, minutes(goodForm, 12)),
		measuredRun(t, "runs/tue.fit", utc("2026-11-03 06:10"), cet, minutes(goodForm, 12)),
		measuredRun(t, "runs/thu-am.fit", utc("2026-11-05 06:00"), cet, minutes(goodForm, 20)),
		measuredRun(t, "runs/thu-pm.fit", utc("2026-11-05 17:00"), cet, minutes(goodForm, 10)),
		measuredRun(t, "runs/sat.fit", utc("2026-11-07 23:30"), 0, minutes(goodForm, 12)), // no offset: the runner's zone decides its date
		measuredRun(t, "runs/sun.fit", utc("2026-11-08 08:00"), cet, minutes(goodForm, 12)),
	}
	strava := note("activities.csv", 2, "2026-11-02 06:10", "left foot went numb after 5 km")
	strava.WhenUTC, strava.FITFile = true, "activities/111.fit.gz"
	missing := note("activities.csv", 3, "2026-11-09 06:10", "numb toes")
	missing.WhenUTC, missing.FITFile = true, "activities/999.fit.gz"
	entries := []notes.Entry{
		strava, missing,
		note("journal.md", 4, "2026-11-03 07:20", "tingling in the right toes"),    // 07:20 local is inside the run
		note("journal.md", 5, "2026-11-05", "numb ball of the foot"),               // two runs that day
		note("journal.md", 6, "2026-11-05 18:30", "evening run fine, no numbness"), // nearest by time: the evening run
		note("journal.md", 7, "2026-11-08", "both feet numb at the end"),           // 2026-11-08 in Berlin is the sat.fit run (00:30 local)
		note("journal.md", 8, "2026-11-20", "numb again"),                          // no run that day
	}
	berlin := time.FixedZone("CET", 3600)
	before := fmt.Sprintf("%+v", runs)
	sum, numb := MatchNotes(runs, NotesInput{Given: true, Entries: entries, Location: berlin})
	if after := fmt.Sprintf("%+v", runs); after != before {
		t.Error("MatchNotes changed the runs it was given")
	}
	if len(numb) != len(runs) {
		t.Fatalf("%d results for %d runs", len(numb), len(runs))
	}
	if sum.Read != 7 || sum.Matched != 5 || len(sum.Unmatched) != 2 {
		t.Fatalf("read %d matched %d unmatched %+v", sum.Read, sum.Matched, sum.Unmatched)
	}
	if !strings.Contains(sum.Unmatched[0].Why, "activities/999.fit.gz") || sum.Unmatched[1].Why != "no run on that date" {
		t.Errorf("unmatched reasons: %+v", sum.Unmatched)
	}
	want := []struct {
		reported notes.Tri
		foot, by string
	}{
		{notes.Yes, "left", "file"},
		{notes.Yes, "right", "time"},
		{notes.Yes, "unknown", "date"}, // the longer of the two Thursday runs
		{notes.No, "unknown", "date"},  // "no numbness" at 18:30: nearest is the evening run
		{notes.Yes, "both", "date"},    // Saturday 23:30 UTC is Sunday in Berlin
		{notes.No, "unknown", ""},      // no note: counted numbness-free
	}
	for i, w := range want {
		n := numb[i]
		by := ""
		if len(n.Notes) > 0 {
			by = n.Notes[0].By
		}
		if n.Reported != w.reported || n.Foot != w.foot || by != w.by {
			t.Errorf("%s: reported %v foot %s by %q; want %v %s %q", runs[i].Source, n.Reported, n.Foot, by, w.reported, w.foot, w.by)
		}
	}
	if !strings.Contains(strings.Join(sum.Warnings, "\n"), "journal.md:5: 2 runs on 2026-11-05") {
		t.Errorf("no warning for the ambiguous date: %q", sum.Warnings)
	}
	if got := numb[0].OnsetKm; got != 5 {
		t.Errorf("onset km %v, want 5", got)
	}

	// --unlogged unknown: a run without a note is not counted as clean.
	_, numb = MatchNotes(runs, NotesInput{Given: true, Entries: entries[:1], Location: berlin, Unlogged: UnloggedUnknown})
	if numb[5].Reported != notes.Unknown || numb[0].Reported != notes.Yes {
		t.Errorf("unlogged unknown: %v / %v", numb[5].Reported, numb[0].Reported)
	}
	// No notes at all: unknown everywhere.
	_, numb = MatchNotes(runs, NotesInput{})
	for i, n := range numb {
		if n.Reported != notes.Unknown {
			t.Errorf("%s: %v without notes", runs[i].Source, n.Reported)
		}
	}
}

// TestOnsetWindow: numbness noted at 20 minutes into a run whose form
// broke down after 12: the 10 minutes before onset overstride, the first
// 10 do not.
func TestOnsetWindow(t *testing.T) {
	runs := []RunResult{measuredRun(t, "r.fit", utc("2026-11-10 06:00"), time.Hour, minutes(goodForm, 12), minutes(overstride, 14))}
	_, numb := MatchNotes(runs, NotesInput{Given: true, Entries: []notes.Entry{note("j.md", 1, "2026-11-10", "feet numb after 20 min")}})
	n := numb[0]
	if n.Reported != notes.Yes || n.OnsetMin != 20 || n.Window == nil {
		t.Fatalf("numbness %+v", n)
	}
	near(t, "onset timer s", n.OnsetTimerS, 1200, 1e-9)
	near(t, "before onset: cadence", n.Window.Before.CadenceSPM, 0.2*goodForm.CadenceSPM+0.8*overstride.CadenceSPM, 2)
	near(t, "first 10 minutes: cadence", n.Window.Start.CadenceSPM, 172, 1)
	if !(n.Window.Before.GCTms > n.Window.Start.GCTms+30) {
		t.Errorf("contact before onset %.0f ms, at the start %.0f ms", n.Window.Before.GCTms, n.Window.Start.GCTms)
	}
	// An onset in km goes through the run's distance: 3 km at 3 m/s ≈ 1000 s.
	_, numb = MatchNotes(runs, NotesInput{Given: true, Entries: []notes.Entry{note("j.md", 1, "2026-11-10", "numb toes at 3 km")}})
	near(t, "onset at 3 km", numb[0].OnsetTimerS, 1000, BinS+5)
	// Too early for two separate windows: no window rather than an overlap.
	_, numb = MatchNotes(runs, NotesInput{Given: true, Entries: []notes.Entry{note("j.md", 1, "2026-11-10", "numb after 5 minutes")}})
	if numb[0].Window != nil {
		t.Error("a window for an onset at 5 minutes")
	}
}

func TestCompare(t *testing.T) {
	var runs []RunResult
	for i := 0; i < 12; i++ {
		segs := minutes(goodForm, 15)
		if i%2 == 0 {
			segs = minutes(overstride, 15)
		}
		r := measuredRun(t, "r.fit", utc("2026-10-01 06:00").AddDate(0, 0, i), time.Hour, segs)
		r.Numbness.Reported = notes.No
		r.Gear = "Daily"
		if i%2 == 0 {
			r.Numbness.Reported = notes.Yes
			r.Gear = "Racer"
		}
		r.Treadmill = i < 4
		runs = append(runs, r)
	}
	Estimate(runs)
	c := Compare(runs)
	if c == nil || c.NumbRuns != 6 || c.CleanRuns != 6 {
		t.Fatalf("comparison %+v", c)
	}
	cad := c.Metrics[0]
	if cad.Metric != "avg_cadence_spm" || !(cad.Difference < -14) || !(cad.PValue < 0.001) || !strings.HasPrefix(cad.Interpretation, "a clear difference") {
		t.Errorf("cadence: %+v", cad)
	}
	if c.Treadmill.NumbYes != 2 || c.Treadmill.CleanYes != 2 || !(c.Treadmill.PValue > 0.99) {
		t.Errorf("treadmill: %+v", c.Treadmill)
	}
	if len(c.Shoes) != 2 || c.Shoes[1].Shoe != "Racer" || c.Shoes[1].Rate != 1 || c.Shoes[0].Rate != 0 {
		t.Errorf("shoes: %+v", c.Shoes)
	}
	near(t, "shoe p (6/6 vs 0/6)", c.Shoes[1].PValue, 2.0/924, 1e-9) // C(12,6) = 924 tables; two extreme ones
	if len(c.Caution) != 1 {
		t.Errorf("caution with 6 and 6 runs: %q", c.Caution)
	}
	small := Compare(runs[:4])
	if small == nil || !strings.Contains(small.Caution[0], "only 2 runs with numbness and 2 without") {
		t.Errorf("small groups: %+v", small)
	}
	if Compare(runs[1:2]) != nil {
		t.Error("a comparison with no numb runs")
	}
}

func TestFisherAndWelch(t *testing.T) {
	// The tea-tasting table: two-sided p = 34/70.
	near(t, "Fisher [[3 1] [1 3]]", fisherP(3, 1, 1, 3), 34.0/70, 1e-12)
	if !math.IsNaN(fisherP(0, 0, 3, 3)) {
		t.Error("Fisher with an empty row")
	}
	// Equal sizes and spreads: Welch reduces to Student's t with 18
	// degrees of freedom, whose two-sided 5 % point is 2.101.
	b := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	_, v := stat.MeanVariance(b, nil)
	d := 2.101 * math.Sqrt(2*v/10)
	a := make([]float64, len(b))
	for i := range b {
		a[i] = b[i] + d
	}
	near(t, "Welch at t = 2.101, df = 18", welchP(a, b), 0.05, 0.0005)
	if !math.IsNaN(welchP([]float64{1}, b)) {
		t.Error("Welch with one value")
	}
}

// TestUnreadNotesMakeRunsUnknown: a note that was not read leaves the runs
// it may be about unknown, never clean: both readings of an ambiguous date,
// for a line without a date the runs between the dated notes around it, a
// month and day without a year in any year, every run for a file that could
// not be read.
func TestUnreadNotesMakeRunsUnknown(t *testing.T) {
	cet := time.Hour
	runs := []RunResult{
		measuredRun(t, "a.fit", utc("2024-03-04 06:00"), cet, minutes(goodForm, 12)),
		measuredRun(t, "b.fit", utc("2024-04-03 06:00"), cet, minutes(goodForm, 12)),
		measuredRun(t, "c.fit", utc("2024-04-10 06:00"), cet, minutes(goodForm, 12)),
		measuredRun(t, "d.fit", utc("2024-05-20 06:00"), cet, minutes(goodForm, 12)),
		measuredRun(t, "e.fit", utc("2024-07-09 06:00"), cet, minutes(goodForm, 12)),
		measuredRun(t, "f.fit", utc("2023-07-09 06:00"), cet, minutes(goodForm, 12)),
	}
	journal := "# Spring 2024\n" +
		"2024-03-01 easy 5k, feet fine\n" +
		"03/04/2024 left toes went numb at 6k\n" + // line 3: 4 March or 3 April
		"10 Apr 2024 - shoes fine, no numbness\n" +
		"toes numb again, forgot the date\n" + // line 5: no date at all
		"20 May 2024: tingling in the right foot\n"
	entries, warnings, err := notes.Read("journal.md", strings.NewReader(journal))
	if err != nil {
		t.Fatal(err)
	}
	in := NotesInput{Given: true, Entries: entries, Warnings: warnings, Location: time.FixedZone("CET", 3600)}
	sum, numb := MatchNotes(runs, in)
	if sum.UnreadCount != 2 || len(sum.Unread) != 2 || sum.Unread[0].Line != 3 || sum.Unread[1].Line != 5 {
		t.Fatalf("unread %d: %+v", sum.UnreadCount, sum.Unread)
	}
	want := []notes.Tri{notes.Unknown, notes.Unknown, notes.Unknown, notes.Yes, notes.No, notes.No}
	for i, w := range want {
		if numb[i].Reported != w {
			t.Errorf("%s: reported %v, want %v (%s)", runs[i].Source, numb[i].Reported, w, numb[i].UnknownReason)
		}
	}
	// The 4 March run: the ambiguous line may be about it, and the reason
	// names it; the undated line, between notes of 10 April and 20 May,
	// is not about March.
	if r := numb[0].UnknownReason; !strings.Contains(r, "journal.md:3: ") || strings.Contains(r, "journal.md:5: ") {
		t.Errorf("reason %q", r)
	}
	// 10 April has a note saying it was fine, but the undated line may be
	// about it too; 20 May reports numbness, which no unread note undoes.
	if len(numb[2].Unread) != 1 || numb[2].Unread[0] != (NoteRef{"journal.md", 5}) || numb[3].UnknownReason != "" || len(numb[3].Unread) != 1 {
		t.Errorf("10 April %+v / 20 May %+v", numb[2].Unread, numb[3])
	}
	if sum.Unread[0].Runs != 2 || sum.Unread[1].Runs != 1 {
		t.Errorf("runs made unknown: %d, %d", sum.Unread[0].Runs, sum.Unread[1].Runs)
	}

	// A month and day without a year: that day in every year of the runs.
	in.Warnings = append(in.Warnings, notes.Warning{File: "log.txt", Line: 2, Msg: "no year", Unread: 1, Dates: []notes.Day{{Month: time.July, Day: 9}}})
	_, numb = MatchNotes(runs, in)
	if numb[4].Reported != notes.Unknown || numb[5].Reported != notes.Unknown || !strings.Contains(numb[5].UnknownReason, "log.txt:2: no year") {
		t.Errorf("9 July: %+v / %+v", numb[4], numb[5])
	}
	// A notes file that could not be read: every run but the numb one.
	in.Warnings = warnings
	in.Errors = []InputError{{Source: "notes.csv", Err: "notes.csv: not a text notes file"}}
	sum, numb = MatchNotes(runs, in)
	for i, n := range numb {
		if (n.Reported == notes.Unknown) != (i != 3) || (i != 3 && !strings.Contains(n.UnknownReason, "notes.csv: not a text")) {
			t.Errorf("%s with notes.csv unreadable: %v %q", runs[i].Source, n.Reported, n.UnknownReason)
		}
	}
	if sum.UnreadCount != 2 || len(sum.Unread) != 3 || sum.Unread[2].Line != 0 {
		t.Errorf("unread with a file error: %d %+v", sum.UnreadCount, sum.Unread)
	}
	// The reasons of runs left unknown by other causes.
	if _, numb = MatchNotes(runs[:1], NotesInput{}); numb[0].UnknownReason != "no notes given" {
		t.Errorf("no notes: %q", numb[0].UnknownReason)
	}
	if _, numb = MatchNotes(runs[:1], NotesInput{Given: true, Unlogged: UnloggedUnknown}); !strings.Contains(numb[0].UnknownReason, "--unlogged unknown") {
		t.Errorf("unlogged: %q", numb[0].UnknownReason)
	}
}

// TestClockNotSetRunIsNeverMatchedByDate: a run whose watch clock was never
// set (its start is power-on time, shown as 1990) takes no note by date or
// time, even one written on that 1990 date, and without a note it is
// unknown, never clean; the run next to it is matched as usual.
func TestClockNotSetRunIsNeverMatchedByDate(t *testing.T) {
	bogus := measuredRun(t, "fr70.fit", utc("2026-11-01 06:44"), 0, minutes(goodForm, 12))
	bogus.Start, bogus.ClockNotSet = utc("1990-07-18 06:44"), true // as fitparse reads such a file
	real := measuredRun(t, "sun.fit", utc("2026-11-08 08:00"), time.Hour, minutes(goodForm, 12))
	runs := []RunResult{bogus, real}
	in := NotesInput{Given: true, Location: time.UTC, Entries: []notes.Entry{
		note("notes.md", 1, "1990-07-18", "numb left toes"),
		note("notes.md", 2, "2026-11-08", "easy run, feet fine"),
	}}
	sum, numb := MatchNotes(runs, in)
	if numb[0].Reported != notes.Unknown || !strings.Contains(numb[0].UnknownReason, "clock was not set") {
		t.Errorf("clock-not-set run: %+v", numb[0])
	}
	if numb[1].Reported != notes.No {
		t.Errorf("the other run: %v, want no numbness", numb[1].Reported)
	}
	if sum.Matched != 1 || len(sum.Unmatched) != 1 {
		t.Errorf("matched %d, unmatched %+v", sum.Matched, sum.Unmatched)
	}
}

// TestBetween: an undated line of a journal is about the days between the
// dated notes around it; after the last note of a journal kept oldest
// first, that day or later (newest first: that day or earlier); in a file
// whose dates are in no order, the file's whole span.
func TestBetween(t *testing.T) {
	up := []datedLine{{1, "2026-11-02"}, {3, "2026-11-04"}, {5, "2026-11-08"}}
	down := []datedLine{{1, "2026-11-08"}, {3, "2026-11-04"}, {5, "2026-11-02"}}
	mixed := []datedLine{{1, "2026-11-04"}, {3, "2026-11-08"}, {5, "2026-11-02"}}
	const from, to = "2026-11-02", "2026-11-08"
	for _, c := range []struct {
		name             string
		notes            []datedLine
		line             int
		wantFrom, wantTo string
	}{
		{"between, oldest first", up, 4, "2026-11-04", "2026-11-08"},
		{"between, newest first", down, 4, "2026-11-02", "2026-11-04"},
		{"after the last, oldest first", up, 6, "2026-11-08", "9999-12-31"},
		{"after the last, newest first", down, 6, "", "2026-11-02"},
		{"before the first, oldest first", up, 0, "", "2026-11-02"},
		{"no order", mixed, 4, from, to},
		{"no dated notes", nil, 4, from, to},
	} {
		if f, tt := between(c.notes, c.line, from, to); f != c.wantFrom || tt != c.wantTo {
			t.Errorf("%s: %s..%s, want %s..%s", c.name, f, tt, c.wantFrom, c.wantTo)
		}
	}
}

// TestShortUnloggedRunNotClean: a run of under MinUnloggedCleanS of
// running without a note is unknown, saying why; with a note saying it
// was fine it is clean, and a note of numbness makes it numb.
func TestShortUnloggedRunNotClean(t *testing.T) {
	runs := []RunResult{
		measuredRun(t, "short.fit", utc("2024-03-04 06:00"), 0, minutes(goodForm, 1)),
		measuredRun(t, "short-fine.fit", utc("2024-03-05 06:00"), 0, minutes(goodForm, 1)),
		measuredRun(t, "short-numb.fit", utc("2024-03-06 06:00"), 0, minutes(goodForm, 1)),
		measuredRun(t, "long.fit", utc("2024-03-07 06:00"), 0, minutes(goodForm, 12)),
	}
	entries, _, err := notes.Read("notes.md", strings.NewReader("2024-03-05 feet fine\n2024-03-06 toes numb already\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, numb := MatchNotes(runs, NotesInput{Given: true, Entries: entries, Location: time.UTC})
	want := []notes.Tri{notes.Unknown, notes.No, notes.Yes, notes.No}
	for i, w := range want {
		if numb[i].Reported != w {
			t.Errorf("%s: reported %v, want %v (%s)", runs[i].Source, numb[i].Reported, w, numb[i].UnknownReason)
		}
	}
	if !strings.Contains(numb[0].UnknownReason, "too short to count it as clean") {
		t.Errorf("why unknown: %q", numb[0].UnknownReason)
	}
}
