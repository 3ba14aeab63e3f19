package analysis

import (
	"fmt"
	"math"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/runlog/runlog/analysis/notes"
)

// Unlogged says what a run no note mentions means when notes were given.
const (
	// UnloggedClean: runners log the bad days, so a run without a note
	// counts as numbness-free (the default; docs/notes.md).
	UnloggedClean = "clean"
	// UnloggedUnknown: such a run's numbness is unknown (null).
	UnloggedUnknown = "unknown"
)

// NotesInput is what was read from the runner's notes.
type NotesInput struct {
	Given    bool     // notes files were found or named; false: numbness is unknown for every run
	Files    []string // the notes files read (or tried), in the order read
	Entries  []notes.Entry
	Warnings []notes.Warning
	// Location is the time zone of note times for runs whose file gives
	// no UTC offset (the configured zone, else the system's).
	Location *time.Location
	Unlogged string       // UnloggedClean (default) or UnloggedUnknown
	Errors   []InputError // notes files that could not be read
}

// Numbness is what the notes say about one run.
type Numbness struct {
	Reported notes.Tri // Yes, No, or Unknown (JSON null)
	Foot     string    // left, right, both, one, unknown
	OnsetKm  float64   // as noted; NaN when not
	OnsetMin float64   // as noted; NaN when not
	// OnsetTimerS is when numbness began in the run's timer time, from
	// the noted km, minutes or "halfway"/"end"; NaN when not known.
	OnsetTimerS float64
	Notes       []MatchedNote
	Facts       notes.Facts // the merged facts of every note on the run
	Window      *OnsetWindow
	// Shoes is the shoe the first matched note names ("" when none); the
	// Builder makes it the run's Gear when the run has none.
	Shoes string
	// UnknownReason says, in plain words, why Reported is Unknown: no
	// notes given, no note on the run with --unlogged unknown, or notes
	// not read that may be about the run (with file:line and why). ""
	// when Reported is Yes or No.
	UnknownReason string
	// Unread are the notes not read that may be about this run (their
	// candidate dates include the run's date). They make a run unknown
	// unless a note that was read reports numbness on it.
	Unread []NoteRef
}

// NoteRef names a note by its file and line (0: the whole file).
type NoteRef struct {
	File string
	Line int
}

// String is "file:line", or the file alone for line 0.
func (r NoteRef) String() string {
	if r.Line <= 0 {
		return r.File
	}
	return fmt.Sprintf("%s:%d", r.File, r.Line)
}

// UnreadNote is a note runlog could not read (notes.Warning with Unread >
// 0), or a notes file that could not be read at all (Line 0), and the runs
// it leaves unknown.
type UnreadNote struct {
	File   string
	Line   int // 0: the whole file could not be read
	Reason string
	// Notes is how many notes it stands for: 1, more for the last warning
	// of a file with too many, 0 for a whole file (not known).
	Notes int
	// Dates are the dates it may be about (Year 0: that month and day in
	// any year). Empty: no date could be read, so it may be about any run
	// from the first to the last date its file gives (any run at all when
	// the file gives none, or could not be read).
	Dates []notes.Day
	Runs  int // runs whose numbness it leaves unknown
}

// MatchedNote is a note linked to a run, and how it was linked.
type MatchedNote struct {
	File string
	Line int
	Text string
	By   string // "file", "time" or "date"
}

// NotesSummary is the notes part of a Result.
type NotesSummary struct {
	Given     bool
	Files     []string // the notes files read (or tried), in the order read
	Read      int
	Matched   int
	Unmatched []UnmatchedNote
	Warnings  []string // "file:line: message"
	// Unread are the notes (and notes files) that were not read, in the
	// order read; UnreadCount is how many notes they stand for (a whole
	// file not read counts in Unread but not in UnreadCount).
	Unread      []UnreadNote
	UnreadCount int
}

// whyNoRunThatDate is why a dated note matched no run.
const whyNoRunThatDate = "no run on that date"

// UnmatchedNote is a note no run was found for.
type UnmatchedNote struct {
	Date string // YYYY-MM-DD as written (local), or the UTC date for Strava
	Text string
	Why  string
}

// OnsetWindowS is the span compared around a numbness onset (issue 4): the
// 10 minutes before onset against the run's first 10 running minutes.
const OnsetWindowS = 600

// OnsetWindow compares form just before numbness began with the same run's
// first running minutes.
type OnsetWindow struct {
	FromTimerS, ToTimerS float64 // the window before onset, timer seconds
	Before               Form    // speed, heart rate, cadence, contact time
	Start                Form    // the first OnsetWindowS seconds of running
}

// MatchNotes links each note to the run it describes and returns what the
// notes say about every run, in the order of runs: by Strava Filename
// exactly; else a note time inside a run's span; else the same local date,
// the nearest run when several. It does not change runs; Builder.Result
// applies the result.
func MatchNotes(runs []RunResult, in NotesInput) (NotesSummary, []Numbness) {
	sum := NotesSummary{Given: in.Given, Files: in.Files, Read: len(in.Entries)}
	for _, w := range in.Warnings {
		sum.Warnings = append(sum.Warnings, w.String())
	}
	loc := in.Location
	if loc == nil {
		loc = time.UTC
	}
	matched := make([][]MatchedNote, len(runs))
	facts := make([][]*notes.Facts, len(runs))
	shoes := make([]string, len(runs))
	for i := range in.Entries {
		e := &in.Entries[i]
		ri, by, why := matchOne(runs, e, loc)
		if ri < 0 {
			sum.Unmatched = append(sum.Unmatched, UnmatchedNote{Date: e.When.Format("2006-01-02"), Text: e.Text, Why: why})
			continue
		}
		if why != "" {
			sum.Warnings = append(sum.Warnings, fmt.Sprintf("%s:%d: %s", e.File, e.Line, why))
		}
		sum.Matched++
		matched[ri] = append(matched[ri], MatchedNote{File: e.File, Line: e.Line, Text: e.Text, By: by})
		facts[ri] = append(facts[ri], &e.Facts)
		if e.Shoes != "" && shoes[ri] == "" {
			shoes[ri] = e.Shoes
		}
	}
	unread, perRun := unreadNotes(runs, in, loc)
	out := make([]Numbness, len(runs))
	for ri := range runs {
		n := numbnessOf(&runs[ri], in, facts[ri])
		n.Notes = matched[ri]
		n.Shoes = shoes[ri]
		if len(perRun[ri]) > 0 {
			var why []string
			for _, k := range perRun[ri] {
				u := &unread[k]
				n.Unread = append(n.Unread, NoteRef{File: u.File, Line: u.Line})
				why = append(why, NoteRef{File: u.File, Line: u.Line}.String()+": "+u.Reason)
			}
			if n.Reported != notes.Yes {
				// A note that was read may say the run was fine; one
				// that was not may say otherwise.
				n.Reported = notes.Unknown
				n.UnknownReason = "not read, may be about this run: " + strings.Join(why, "; ")
				for _, k := range perRun[ri] {
					unread[k].Runs++
				}
			}
		}
		out[ri] = n
	}
	sum.Unread = unread
	for _, u := range unread {
		sum.UnreadCount += u.Notes
	}
	return sum, out
}

// unreadNotes lists the notes that were not read (warnings with Unread >
// 0) and the notes files that could not be read, and for each run the
// indexes of those that may be about it: a candidate date on the run's
// local date (Year 0: its month and day, any year); no candidate date:
// every run from the first to the last date the same file gives, or every
// run when it gives none; a file not read: every run.
func unreadNotes(runs []RunResult, in NotesInput, loc *time.Location) ([]UnreadNote, [][]int) {
	type span struct{ from, to string }
	spans := map[string]*span{}
	dated := map[string][]datedLine{} // per file, its dated notes in line order
	widen := func(file, date string) {
		sp := spans[file]
		if sp == nil {
			spans[file] = &span{date, date}
			return
		}
		sp.from, sp.to = min(sp.from, date), max(sp.to, date)
	}
	for i := range in.Entries {
		e := &in.Entries[i]
		if e.When.IsZero() {
			continue
		}
		d := e.When
		if e.WhenUTC {
			d = d.In(loc)
		}
		widen(e.File, d.Format("2006-01-02"))
		dated[e.File] = append(dated[e.File], datedLine{e.Line, d.Format("2006-01-02")})
	}
	var list []UnreadNote
	for _, w := range in.Warnings {
		if w.Unread <= 0 {
			continue
		}
		for _, d := range w.Dates {
			if d.Year != 0 {
				widen(w.File, d.String())
			}
		}
		list = append(list, UnreadNote{File: w.File, Line: w.Line, Reason: w.Msg, Notes: w.Unread, Dates: w.Dates})
	}
	for _, e := range in.Errors {
		list = append(list, UnreadNote{File: e.Source, Reason: e.Err})
	}
	perRun := make([][]int, len(runs))
	for ri := range runs {
		date := localDate(&runs[ri], loc)
		for k := range list {
			u := &list[k]
			hit := false
			switch {
			case u.Line == 0:
				hit = true
			case len(u.Dates) == 0:
				from, to := "", "9999-12-31"
				if sp := spans[u.File]; sp != nil {
					from, to = sp.from, sp.to
				}
				from, to = between(dated[u.File], u.Line, from, to)
				hit = date >= from && date <= to
			default:
				for _, d := range u.Dates {
					if d.String() == date || (d.Year == 0 && d.String()[2:] == date[5:]) {
						hit = true
						break
					}
				}
			}
			if hit {
				perRun[ri] = append(perRun[ri], k)
			}
		}
	}
	return list, perRun
}

// datedLine is a note that was read: its line in its file and its date.
type datedLine struct {
	line int
	date string // 2006-01-02
}

// between narrows the dates an undated line of a journal may be about,
// from the dated notes around it: a journal keeps its notes in date order,
// so a line between a note of the 4th and one of the 8th is about the 4th
// to the 8th, and a line after the last note (in a journal written oldest
// first) about that day or later. When the file's dates are in no order,
// or it has none, the span given (the whole file's) stands.
func between(notes []datedLine, line int, from, to string) (string, string) {
	if len(notes) == 0 {
		return from, to
	}
	sorted := slices.SortedFunc(slices.Values(notes), func(a, b datedLine) int { return a.line - b.line })
	up, down := true, true
	for i := 1; i < len(sorted); i++ {
		up = up && sorted[i].date >= sorted[i-1].date
		down = down && sorted[i].date <= sorted[i-1].date
	}
	if !up && !down {
		return from, to
	}
	prev, next := "", ""
	for _, n := range sorted {
		if n.line < line {
			prev = n.date
		} else if n.line > line && next == "" {
			next = n.date
		}
	}
	switch {
	case prev != "" && next != "":
		return min(prev, next), max(prev, next)
	case prev != "" && up && !down:
		return prev, "9999-12-31"
	case prev != "" && down && !up:
		return "", prev
	case next != "" && up && !down:
		return "", next
	case next != "" && down && !up:
		return next, "9999-12-31"
	}
	return from, to
}

// matchOne finds the run for one note: its index, how it matched, and a
// warning (when ambiguous) or the reason it did not match (index -1).
func matchOne(runs []RunResult, e *notes.Entry, loc *time.Location) (int, string, string) {
	if e.FITFile != "" {
		want := strings.TrimPrefix(path.Clean(strings.ReplaceAll(e.FITFile, `\`, "/")), "./")
		for i := range runs {
			src := strings.ReplaceAll(runs[i].Source, `\`, "/")
			if src == want || strings.HasSuffix(src, "/"+want) || strings.HasSuffix(src, "!"+want) {
				return i, "file", ""
			}
		}
		return -1, "", fmt.Sprintf("its file %s is not among the runs read", e.FITFile)
	}
	// A note time inside a run's span. A run whose watch clock was never
	// set has no real date: no note can be matched to it by time or date.
	if e.HasTime {
		for i := range runs {
			if runs[i].ClockNotSet {
				continue
			}
			t := noteInstant(e, &runs[i], loc)
			end := runs[i].Start.Add(time.Duration(spanS(&runs[i]) * float64(time.Second)))
			if !t.Before(runs[i].Start) && !t.After(end) {
				return i, "time", ""
			}
		}
	}
	// The same local date; the nearest run when several.
	var same []int
	for i := range runs {
		if !runs[i].ClockNotSet && localDate(&runs[i], loc) == noteDate(e, &runs[i], loc) {
			same = append(same, i)
		}
	}
	switch {
	case len(same) == 0:
		return -1, "", whyNoRunThatDate
	case len(same) == 1:
		return same[0], "date", ""
	}
	best := same[0]
	if e.HasTime {
		for _, i := range same[1:] {
			if dist(noteInstant(e, &runs[i], loc), &runs[i]) < dist(noteInstant(e, &runs[best], loc), &runs[best]) {
				best = i
			}
		}
		return best, "date", ""
	}
	// Only a date: the longest run that day, and say so.
	for _, i := range same[1:] {
		if runs[i].TimerS > runs[best].TimerS {
			best = i
		}
	}
	return best, "date", fmt.Sprintf("%d runs on %s; the note went to the longest (%s, %.1f km); add a time to choose",
		len(same), noteDate(e, &runs[best], loc), runs[best].LocalStart().Format("15:04"), runs[best].DistanceM/1000)
}

// spanS is how long a run lasted on the clock, pauses included.
func spanS(r *RunResult) float64 {
	if r.ElapsedS > 0 {
		return r.ElapsedS
	}
	return r.TimerS
}

// zoneOf is the run's own zone when its file gives one, else loc.
func zoneOf(r *RunResult, loc *time.Location) *time.Location {
	if r.HasUTCOffset {
		return time.FixedZone("", int(r.UTCOffset/time.Second))
	}
	return loc
}

// noteInstant places a note's time on the time line: a Strava time is
// already UTC; a journal time is the runner's wall clock in the run's zone.
func noteInstant(e *notes.Entry, r *RunResult, loc *time.Location) time.Time {
	if e.WhenUTC {
		return e.When
	}
	w := e.When
	return time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, zoneOf(r, loc))
}

// noteDate is the local date a note is about, as seen from run r.
func noteDate(e *notes.Entry, r *RunResult, loc *time.Location) string {
	if e.WhenUTC {
		return e.When.In(zoneOf(r, loc)).Format("2006-01-02")
	}
	return e.When.Format("2006-01-02")
}

func localDate(r *RunResult, loc *time.Location) string {
	return r.Start.In(zoneOf(r, loc)).Format("2006-01-02")
}

func dist(t time.Time, r *RunResult) time.Duration {
	d := t.Sub(r.Start)
	if d < 0 {
		return -d
	}
	return d
}

// MinUnloggedCleanS is the running time from which a run without a note
// counts as clean (runners log the bad days): the 10 minutes runlog
// compares before an onset (OnsetWindowS). A shorter run — a test of the
// watch, a file cut short, a warm-up saved on its own — could not show
// that numbness did not come, and counted clean it would weigh in every
// comparison (docs/decisions.md).
const MinUnloggedCleanS = OnsetWindowS

// minutesText is a running time for a sentence: "0:57", "12:30".
func minutesText(s float64) string {
	if math.IsNaN(s) || s < 0 {
		s = 0
	}
	t := int(s + 0.5)
	return fmt.Sprintf("%d:%02d", t/60, t%60)
}

// numbnessOf merges the facts of the notes matched to a run.
func numbnessOf(r *RunResult, in NotesInput, matched []*notes.Facts) Numbness {
	n := Numbness{Reported: notes.Unknown, Foot: "unknown", OnsetKm: math.NaN(), OnsetMin: math.NaN(), OnsetTimerS: math.NaN()}
	n.Facts.OnsetKm, n.Facts.OnsetMin = math.NaN(), math.NaN()
	if !in.Given {
		n.UnknownReason = "no notes given"
		return n
	}
	if len(matched) == 0 {
		if r.ClockNotSet {
			// Its date is not the day it was run: a note about it, if
			// any, could not be matched, so it cannot count as clean.
			n.UnknownReason = "the watch's clock was not set, so no note can be matched to this run by its date"
			return n
		}
		switch run := r.RunningS(); {
		case in.Unlogged == UnloggedUnknown:
			n.UnknownReason = "no note on this run (--unlogged unknown)"
		case !(run >= MinUnloggedCleanS):
			// A run too short for numbness to have come: without a note
			// saying it was fine, it tells nothing either way.
			n.UnknownReason = fmt.Sprintf("no note on this run, and %s of running is too short to count it as clean "+
				"(from %d minutes)", minutesText(run), MinUnloggedCleanS/60)
		default:
			n.Reported = notes.No
		}
		return n
	}
	n.Reported = notes.No // a note on the run that does not report numbness
	feet := map[string]bool{}
	for _, fp := range matched {
		f := *fp
		if f.Numbness == notes.Yes {
			n.Reported = notes.Yes
		}
		if f.Foot != "" {
			feet[f.Foot] = true
		}
		if math.IsNaN(n.OnsetKm) && math.IsNaN(n.OnsetMin) && n.Facts.OnsetWhen == "" {
			n.OnsetKm, n.OnsetMin = f.OnsetKm, f.OnsetMin
			n.Facts.OnsetWhen = f.OnsetWhen
		}
		n.Facts.Merge(&f)
	}
	n.Facts.OnsetKm, n.Facts.OnsetMin = n.OnsetKm, n.OnsetMin
	if f := notes.CombineFeet(feet); f != "" {
		n.Foot = f
	}
	n.Facts.Foot = n.Foot
	if n.Reported == notes.Yes {
		n.OnsetTimerS = onsetTimerS(&r.Measure, n.OnsetKm, n.OnsetMin, n.Facts.OnsetWhen, r.TimerS)
		if !math.IsNaN(n.OnsetTimerS) {
			n.Window = onsetWindow(&r.Measure, n.OnsetTimerS)
		}
	}
	return n
}

// onsetTimerS turns a noted onset into timer time: minutes directly, km
// through the run's distance, "halfway" and "end" through its length.
func onsetTimerS(m *Measure, km, min float64, when string, timerS float64) float64 {
	switch {
	case !math.IsNaN(min):
		return min * 60
	case !math.IsNaN(km):
		return m.TimerAtDistance(km * 1000)
	case when == "halfway":
		return timerS / 2
	case when == "end":
		return timerS
	}
	return math.NaN()
}

// onsetWindow measures the OnsetWindowS before onset and the run's first
// running minutes. Nil when the onset comes before the first window ends:
// the two would overlap.
func onsetWindow(m *Measure, onsetS float64) *OnsetWindow {
	if onsetS < 2*OnsetWindowS-BinS {
		return nil
	}
	w := &OnsetWindow{FromTimerS: onsetS - OnsetWindowS, ToTimerS: onsetS}
	w.Before = m.Span(w.FromTimerS, w.ToTimerS)
	w.Start = m.FirstRunningS(OnsetWindowS)
	if w.Before.RunningS == 0 || w.Start.RunningS == 0 {
		return nil
	}
	return w
}
