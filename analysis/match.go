package analysis

import (
	"fmt"
	"math"
	"path"
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
	Given    bool // notes files were found or named; false: numbness is unknown for every run
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
	Read      int
	Matched   int
	Unmatched []UnmatchedNote
	Warnings  []string // "file:line: message"
}

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
	sum := NotesSummary{Given: in.Given, Read: len(in.Entries)}
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
	out := make([]Numbness, len(runs))
	for ri := range runs {
		out[ri] = numbnessOf(&runs[ri], in, facts[ri])
		out[ri].Notes = matched[ri]
		out[ri].Shoes = shoes[ri]
	}
	return sum, out
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
	// A note time inside a run's span.
	if e.HasTime {
		for i := range runs {
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
		if localDate(&runs[i], loc) == noteDate(e, &runs[i], loc) {
			same = append(same, i)
		}
	}
	switch {
	case len(same) == 0:
		return -1, "", "no run on that date"
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

// numbnessOf merges the facts of the notes matched to a run.
func numbnessOf(r *RunResult, in NotesInput, matched []*notes.Facts) Numbness {
	n := Numbness{Reported: notes.Unknown, Foot: "unknown", OnsetKm: math.NaN(), OnsetMin: math.NaN(), OnsetTimerS: math.NaN()}
	n.Facts.OnsetKm, n.Facts.OnsetMin = math.NaN(), math.NaN()
	if !in.Given {
		return n
	}
	if len(matched) == 0 {
		if in.Unlogged != UnloggedUnknown {
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
