package analysis

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/runlog/runlog/analysis/notes"
	"github.com/runlog/runlog/fitparse"
)

// Result is what one analysis produced: everything a report renders.
type Result struct {
	Runs       []RunResult
	Skipped    []fitparse.Skip // inputs and sessions that are not runs
	Duplicates []fitparse.Skip // second copies of a run, each naming the copy kept
	Errors     []InputError
	Notes      NotesSummary
	Comparison *Comparison // nil without both numb and clean runs
	Shoes      Shoes       // each pair's distance over the runs given, and numbness against shoe age
	Advice     Advice      // causes, FAQ, when to see a doctor, fixes
}

// InputError is an input that could not be read.
type InputError struct {
	Source string
	Err    string // names the file and says why
}

// RunResult is one run as runlog reports it. NaN marks an unmeasured value.
type RunResult struct {
	Source       string
	Session      int
	Start        time.Time // UTC
	UTCOffset    time.Duration
	HasUTCOffset bool
	Sport        string
	SubSport     string
	Treadmill    bool
	Device       fitparse.Device
	Decoder      string
	Truncated    bool
	ClockNotSet  bool    // the watch's clock was never set: Start is not the day it was run (fitparse.Run.ClockNotSet)
	DistanceM    float64 // session total, or from the records when absent
	TimerS       float64 // session total, or from the records when absent
	ElapsedS     float64 // session elapsed time, pauses included; NaN when unknown
	Gear         string  // the shoe, from the notes (Strava's Activity Gear, a shoes column); "" when unknown
	// ShoeKmBefore is the distance the run's pair had run before it (km),
	// NaN when the shoe is unknown; ShoeKmFrom says how it is known
	// (ShoeKmFromNew, ShoeKmFromStated, ShoeKmFromRunsGiven: a lower
	// bound), "" when unknown. CountShoes (shoes.go) fills both.
	ShoeKmBefore float64
	ShoeKmFrom   string
	// ShoePair is which pair of the run's shoe name it was run in (1; 2
	// after a note called a pair of that name new once the first had run
	// NewShoeKm); 0 when the shoe is unknown.
	ShoePair   int
	HeightCM   float64 // the height the run was judged with; NaN when unknown
	Measure    Measure // running-only form: whole run, splits, thirds
	Overstride Overstride
	Fatigue    Fatigue
	Numbness   Numbness // what the notes say; Reported Unknown when no notes were given
	// DeviceAvg is the watch's own session summary; a value the watch
	// did not measure (absent, or 0 in the file) is NaN (DeviceAverages).
	DeviceAvg fitparse.Averages
	// LeftOut is the timer time runlog's running-only averages leave out,
	// by reason; Measure.Run.RunningS is the time they count.
	LeftOut LeftOut
	// Watch sets runlog's cadence and contact time beside the watch's own
	// session figures (one check per figure the watch has, cadence first).
	Watch    []WatchCheck
	Warnings []string // what reading the file could not do as usual, in plain words (fitparse writes them so)
	// Extras is what the watch recorded beyond form: left/right balance,
	// hills, temperature (extras.go); OnsetExtras the same in the minutes
	// before numbness began, nil without a known onset.
	Extras      Extras
	OnsetExtras *OnsetExtras
}

// OnTreadmill reports whether the run was on a treadmill: the watch's
// sub-sport says so (Treadmill), or a note matched to the run does. It is
// the one definition of a treadmill run: the comparison table, the
// verdicts and every report use it.
func (r *RunResult) OnTreadmill() bool { return r.Treadmill || r.TreadmillNoted() }

// TreadmillNoted reports whether a note matched to the run says it was on
// a treadmill (or indoors) while the watch does not.
func (r *RunResult) TreadmillNoted() bool {
	return !r.Treadmill && has(r.Numbness.Facts.Context, "treadmill")
}

// RunningS is the time runlog's averages count: timer time less pauses,
// standing and walk breaks.
func (r *RunResult) RunningS() float64 { return r.Measure.Run.RunningS }

// WatchDiffers returns the checks where runlog and the watch differ by
// more than the tolerance.
func (r *RunResult) WatchDiffers() []WatchCheck {
	var out []WatchCheck
	for _, c := range r.Watch {
		if c.Differs {
			out = append(out, c)
		}
	}
	return out
}

// Form is the whole run's running-only form.
func (r *RunResult) Form() *Form { return &r.Measure.Run }

// AvgPaceSPerKm is the running pace in seconds per kilometre; NaN without
// speed.
func (r *RunResult) AvgPaceSPerKm() float64 {
	if !(r.Measure.Run.SpeedMPS > 0) {
		return math.NaN()
	}
	return 1000 / r.Measure.Run.SpeedMPS
}

// LocalStart is the start in the run's own time zone when the file gives
// one, else UTC.
func (r *RunResult) LocalStart() time.Time { return localTime(r.Start, r.UTCOffset, r.HasUTCOffset) }

// localTime is t in the fixed zone of offset when has, else t as it is.
func localTime(t time.Time, offset time.Duration, has bool) time.Time {
	if !has {
		return t
	}
	return t.In(time.FixedZone("", int(offset/time.Second)))
}

// Options are the runner's facts analysis needs beyond the files.
type Options struct {
	// HeightCM is the runner's height (flag, environment or config file);
	// NaN or 0: use the FIT user profile when a file has one.
	HeightCM float64
}

// Builder collects a Result one file at a time; samples are measured and
// dropped as each file is added, so memory stays flat over a season. The
// overstride estimates wait for Result, when the runner's own baseline
// over all runs is known.
type Builder struct {
	Options Options
	Notes   NotesInput // read before the files; matched in Result
	res     Result
	seen    map[string]int // run identity → index of the copy kept in res.Runs
}

// FileResult is one input measured on its own: what MeasureFile gives and
// Builder.AddMeasured takes. Measuring needs nothing from other files, so
// files can be measured in parallel and added in a fixed order.
type FileResult struct {
	Source string
	Runs   []RunResult // every running session, measured; duplicates are dropped by AddMeasured
	Skip   []fitparse.Skip
	Err    *InputError // nil when the file, or a salvaged part of it, was read
}

// MeasureFile measures every running session of f and lists what f holds
// that is not a run. It reads nothing but f and is safe for concurrent use.
func MeasureFile(f *fitparse.File, opt Options) FileResult {
	fr := FileResult{Source: f.Source}
	if f.Err != nil {
		fr.Err = &InputError{Source: f.Source, Err: f.Err.Error()}
		return fr
	}
	fr.Skip = f.Skipped()
	for _, run := range f.Runs() {
		fr.Runs = append(fr.Runs, Measured(&run, f.Warnings, opt))
	}
	return fr
}

// Add analyses every session of f: runs are summarised, other sessions are
// listed as skipped, an unreadable file as an error.
func (b *Builder) Add(f *fitparse.File) { b.AddMeasured(MeasureFile(f, b.Options)) }

// AddMeasured adds one measured file. Files must be added in a fixed order
// for the output to be the same bytes every time: the first of two copies
// of a run is the one kept.
func (b *Builder) AddMeasured(fr FileResult) {
	if fr.Err != nil {
		b.res.Errors = append(b.res.Errors, *fr.Err)
		return
	}
	b.res.Skipped = append(b.res.Skipped, fr.Skip...)
	if b.seen == nil {
		b.seen = map[string]int{}
	}
	for _, run := range fr.Runs {
		// The same run can come twice: a watch's .fit beside the .fit.gz of
		// a Strava export, a folder named along with a file inside it, or a
		// copy cut short beside the whole file. It is counted once, so that
		// it does not weigh double in the baseline and the comparison, and
		// the more complete copy is the one kept, whichever came first.
		id := fmt.Sprintf("%s|%s|%s|%d|%d", run.Device.Manufacturer, run.Device.Product, run.Device.Serial, run.Start.Unix(), run.Session)
		i, dup := b.seen[id]
		if !dup || run.Start.IsZero() {
			b.seen[id] = len(b.res.Runs)
			b.res.Runs = append(b.res.Runs, run)
			continue
		}
		kept := &b.res.Runs[i]
		drop := run
		if moreComplete(&run, kept) {
			drop, *kept = *kept, run
		}
		b.res.Duplicates = append(b.res.Duplicates, fitparse.Skip{Source: drop.Source, Session: drop.Session,
			Reason: fmt.Sprintf("the same run as %s (same watch and start time), which is the more complete copy", kept.Source)})
	}
}

// moreComplete reports whether a is a more complete copy of a run than b:
// not cut short where b is, else more running time, else more timer time.
// Ties keep b, the copy added first.
func moreComplete(a, b *RunResult) bool {
	if a.Truncated != b.Truncated {
		return !a.Truncated
	}
	if ra, rb := a.RunningS(), b.RunningS(); ra != rb {
		return ra > rb
	}
	return a.TimerS > b.TimerS
}

// Measured measures one run; its overstride estimate is left for Estimate.
func Measured(run *fitparse.Run, fileWarnings []string, opt Options) RunResult {
	m := MeasureRun(run, ScopeRunning)
	height := opt.HeightCM
	if !(height > 0) {
		height = run.HeightCM
	}
	rr := RunResult{
		Source: run.Source, Session: run.SessionIndex, Start: run.Start,
		UTCOffset: run.UTCOffset, HasUTCOffset: run.HasUTCOffset,
		Sport: run.Sport, SubSport: run.SubSport, Treadmill: run.Treadmill(),
		Device: run.Device, Decoder: run.Decoder, Truncated: run.Truncated, ClockNotSet: run.ClockNotSet,
		DistanceM: run.DistanceM, TimerS: run.TimerS, ElapsedS: run.ElapsedS, HeightCM: height,
		Measure: m, DeviceAvg: DeviceAverages(run.DeviceAvg), LeftOut: m.LeftOut(),
	}
	rr.Watch = WatchChecks(&m, rr.DeviceAvg)
	rr.Extras = MeasureExtras(run, &m)
	if math.IsNaN(rr.DistanceM) {
		rr.DistanceM = m.RecordDistanceM
	}
	if math.IsNaN(rr.TimerS) {
		rr.TimerS = m.RecordTimerS
	}
	rr.Warnings = append(append(rr.Warnings, fileWarnings...), run.Warnings...)
	return rr
}

// Result returns the collected result with runs in a stable order: by start
// time, then source and session, so the same inputs give the same bytes.
func (b *Builder) Result() Result {
	Estimate(b.res.Runs)
	runs := b.res.Runs
	sort.SliceStable(runs, func(i, j int) bool {
		a, c := runs[i], runs[j]
		if !a.Start.Equal(c.Start) {
			return a.Start.Before(c.Start)
		}
		if a.Source != c.Source {
			return a.Source < c.Source
		}
		return a.Session < c.Session
	})
	b.res.Errors = append(b.res.Errors, b.Notes.Errors...)
	var numb []Numbness
	b.res.Notes, numb = MatchNotes(runs, b.Notes)
	for i := range runs {
		runs[i].Numbness = numb[i]
		if runs[i].TreadmillNoted() {
			runs[i].Extras.dropGrades() // a treadmill has no hills (grades: the watch's treadmill sub-sport)
		}
		if numb[i].Reported == notes.Yes {
			runs[i].OnsetExtras = runs[i].Extras.Onset(numb[i].OnsetTimerS)
		}
		if numb[i].Shoes != "" && runs[i].Gear == "" {
			runs[i].Gear = numb[i].Shoes
		}
		// A treadmill run by its note carries the estimate's treadmill
		// caution too, as one by the watch's sub-sport does (OnTreadmill).
		if o := &runs[i].Overstride; runs[i].TreadmillNoted() && o.Level != LevelUnknown && o.Level != "" {
			o.Reasons = append(o.Reasons[:len(o.Reasons):len(o.Reasons)], treadmillReason+" (the notes say it was on a treadmill)")
		}
	}
	sameShoeNames(runs)
	b.res.Shoes = CountShoes(runs, &b.Notes)
	shoeMarksUsed(&b.res.Notes, b.Notes.Entries)
	b.res.Comparison = Compare(runs)
	if c := b.res.Comparison; c != nil {
		c.NewShoes, c.WornShoes = b.res.Shoes.New, b.res.Shoes.Worn
	}
	if k, err := LoadKnowledge(); err != nil {
		b.res.Errors = append(b.res.Errors, InputError{Source: "analysis/knowledge.yaml", Err: err.Error()})
	} else {
		b.res.Advice = Advise(k, runs, b.res.Comparison, &b.Notes)
	}
	return b.res
}

// Estimate fills every run's overstride and fatigue estimate. Each run is
// judged against the runner's own baseline where one exists, else the
// population norms. The baseline of a run is fitted over the other runs
// with the same RunnerKey (same watch, same folder), never the run itself
// (leave-one-out), and needs MinBaselineRuns of them over
// BaselineMinSpeedSpreadMPS; so a run's estimate depends on its own data
// and on the runs that share its baseline only.
func Estimate(runs []RunResult) {
	groups := map[string][]int{}
	for i := range runs {
		k := RunnerKey(&runs[i])
		groups[k] = append(groups[k], i)
	}
	for _, idx := range groups {
		for _, i := range idx {
			var others [][]Split
			for _, k := range idx {
				if k != i {
					others = append(others, runs[k].Measure.Splits)
				}
			}
			var base *Baseline
			if len(others) >= MinBaselineRuns {
				if bl := FitBaseline(others); bl.HasCadence {
					base = &bl
				}
			}
			r := &runs[i]
			r.Overstride, r.Fatigue = EstimateOverstride(&r.Measure, base, r.HeightCM, r.Treadmill)
		}
	}
}
