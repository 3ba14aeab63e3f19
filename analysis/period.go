package analysis

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/runlog/runlog/analysis/notes"
)

// BeforeDays is how far back a period's form is compared: the 4 weeks
// before the period (issue 12).
const BeforeDays = 28

// Day is a calendar date, YYYY-MM-DD; dates in this form sort as strings.
type Day = string

// RunDay is the calendar day a run belongs to: the day it started, in its
// own time zone when the file gives one, else in loc (the runner's zone).
// A run across midnight belongs to the day it started. ok is false when
// the watch's clock was never set (the date is not the day it was run).
func RunDay(r *RunResult, loc *time.Location) (Day, bool) {
	if r.ClockNotSet || r.Start.IsZero() {
		return "", false
	}
	if r.HasUTCOffset {
		return r.LocalStart().Format(time.DateOnly), true
	}
	if loc == nil {
		loc = time.UTC
	}
	return r.Start.In(loc).Format(time.DateOnly), true
}

// NoteDay is the calendar day of a note: its own wall-clock date, or for
// a UTC instant (Strava) the date in loc.
func NoteDay(e *notes.Entry, loc *time.Location) Day {
	if e.WhenUTC && loc != nil {
		return e.When.In(loc).Format(time.DateOnly)
	}
	return e.When.Format(time.DateOnly)
}

// AddDays moves a day by n days (n may be negative).
func AddDays(d Day, n int) Day {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return t.AddDate(0, 0, n).Format(time.DateOnly)
}

// RedFlagNote is a note that holds a red flag, with its date.
type RedFlagNote struct {
	Day   Day
	File  string
	Line  int
	Flags []string // red-flag ids (notes.Facts.RedFlags)
	Text  string
}

// FormMeans are the means over a set of runs of each run's running-only
// cadence, contact time and overstride score; a mean over no measured run
// is NaN. Runs counts the runs, each mean's N the runs it covers.
type FormMeans struct {
	Runs                          int
	CadenceSPM, GCTms, Overstride float64
	NCadence, NGCT, NOverstride   int
}

// MeanForm averages the form of runs, each run weighing the same (a week's
// one long run does not outweigh its short ones).
func MeanForm(runs []RunResult) FormMeans {
	m := FormMeans{Runs: len(runs)}
	var sc, sg, so float64
	for i := range runs {
		f := runs[i].Form()
		if v := f.CadenceSPM; v > 0 {
			sc += v
			m.NCadence++
		}
		if v := f.GCTms; v > 0 {
			sg += v
			m.NGCT++
		}
		if v := runs[i].Overstride.Score; !math.IsNaN(v) && runs[i].Overstride.Level != LevelUnknown && runs[i].Overstride.Level != "" {
			so += v
			m.NOverstride++
		}
	}
	mean := func(s float64, n int) float64 {
		if n == 0 {
			return math.NaN()
		}
		return s / float64(n)
	}
	m.CadenceSPM, m.GCTms, m.Overstride = mean(sc, m.NCadence), mean(sg, m.NGCT), mean(so, m.NOverstride)
	return m
}

// PeriodNote is a note dated in the period.
type PeriodNote struct {
	Day  Day
	File string
	Line int
	Text string
}

// Period is a report over the days Since to Until (both included): the
// period's runs and notes, its form against the BeforeDays before it, and
// the causes judged from the whole history up to Until.
type Period struct {
	Since, Until Day
	Zone         string      // the runner's zone, by name
	Runs         []RunResult // the period's runs, in start order
	Notes        []PeriodNote
	Form, Before FormMeans // this period; the BeforeDays days before Since
	// RedFlags are the red-flag notes dated in the period: they lead the
	// report and alone advise a doctor for it. OlderRedFlags are those
	// before Since: listed with their dates, never advising on their own.
	RedFlags, OlderRedFlags []RedFlagNote
	// History is the analysis of every run and note up to Until, with the
	// red flags of notes before Since left out of its advice.
	History Result
	// Undated counts runs left out because their watch's clock was never
	// set: their day is unknown.
	Undated int
}

// PeriodNotes splits notes up to until into those in the period, the red
// flags in it and before it, and returns the entries the history is to be
// judged on: every note up to until, with the red flags of notes before
// since cleared (they are listed, not acted on: a red flag years ago must
// not make every weekly report say "see a doctor now").
func PeriodNotes(entries []notes.Entry, since, until Day, loc *time.Location) (in []PeriodNote, recent, older []RedFlagNote, history []notes.Entry) {
	for _, e := range entries {
		d := NoteDay(&e, loc)
		if d > until {
			continue
		}
		if len(e.Facts.RedFlags) > 0 {
			rf := RedFlagNote{Day: d, File: e.File, Line: e.Line, Flags: slices.Clone(e.Facts.RedFlags), Text: strings.TrimSpace(e.Text)}
			if d >= since {
				recent = append(recent, rf)
			} else {
				older = append(older, rf)
				e.Facts.RedFlags = nil
			}
		}
		if d >= since {
			in = append(in, PeriodNote{Day: d, File: e.File, Line: e.Line, Text: strings.TrimSpace(e.Text)})
		}
		history = append(history, e)
	}
	byDay := func(a, b RedFlagNote) int { return strings.Compare(a.Day+a.File, b.Day+b.File) }
	slices.SortStableFunc(recent, byDay)
	slices.SortStableFunc(older, byDay)
	slices.SortStableFunc(in, func(a, b PeriodNote) int { return strings.Compare(a.Day, b.Day) })
	return in, recent, older, history
}

// SplitPeriod fills p's runs and form from the history's runs, and words
// the history's doctor advice for red flags noted before the period
// (adviseEarlierRedFlags): call it once, after History is set.
func (p *Period) SplitPeriod(loc *time.Location) {
	var before []RunResult
	from := AddDays(p.Since, -BeforeDays)
	for _, r := range p.History.Runs {
		d, ok := RunDay(&r, loc)
		switch {
		case !ok:
			p.Undated++
		case d >= p.Since && d <= p.Until:
			p.Runs = append(p.Runs, r)
		case d >= from && d < p.Since:
			before = append(before, r)
		}
	}
	p.Form, p.Before = MeanForm(p.Runs), MeanForm(before)
	p.adviseEarlierRedFlags()
}

// adviseEarlierRedFlags says in the doctor advice that notes before the
// period had red flags, when nothing in the period advises a doctor: the
// advice is judged without them (they must not alarm every week), and
// "nothing in your notes calls for it" would then be untrue.
func (p *Period) adviseEarlierRedFlags() {
	d := &p.History.Advice.SeeDoctor
	k, err := LoadKnowledge()
	if len(p.OlderRedFlags) == 0 || d.Advised || err != nil {
		return
	}
	earlier := strings.Join(strings.Fields(strings.ReplaceAll(k.SeeDoctor.Earlier, "{notes}", plural(len(p.OlderRedFlags), "note"))), " ")
	if d.Check {
		d.Advice = earlier + " " + d.Advice
	} else {
		d.Advice = earlier
	}
}

// UnreadInPeriod are the history's notes not read that may be about the
// period: those with a candidate date in it, or with no date (they may be
// about any run). One whose every candidate date is before the period is
// left out: like an old red flag, it must not make every weekly report
// need attention.
func (p *Period) UnreadInPeriod() []UnreadNote {
	var out []UnreadNote
	for _, u := range p.History.Notes.Unread {
		keep := len(u.Dates) == 0
		for _, d := range u.Dates {
			if d.YearMissing() || d.String() >= p.Since {
				keep = true
			}
		}
		if keep {
			out = append(out, u)
		}
	}
	return out
}
