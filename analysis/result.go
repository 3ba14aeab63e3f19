package analysis

import (
	"math"
	"sort"
	"time"

	"github.com/runlog/runlog/fitparse"
)

// Result is what one analysis produced: everything a report renders.
type Result struct {
	Runs    []RunResult
	Skipped []fitparse.Skip
	Errors  []InputError
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
	DistanceM    float64 // session total, or from the records when absent
	TimerS       float64 // session total, or from the records when absent
	Form         Summary // running-only averages
	DeviceAvg    fitparse.Averages
	Warnings     []string
}

// AvgPaceSPerKm is the running pace in seconds per kilometre; NaN without
// speed.
func (r *RunResult) AvgPaceSPerKm() float64 {
	if !(r.Form.AvgSpeedMPS > 0) {
		return math.NaN()
	}
	return 1000 / r.Form.AvgSpeedMPS
}

// LocalStart is the start in the run's own time zone when the file gives
// one, else UTC.
func (r *RunResult) LocalStart() time.Time {
	if !r.HasUTCOffset {
		return r.Start
	}
	return r.Start.In(time.FixedZone("", int(r.UTCOffset/time.Second)))
}

// Builder collects a Result one file at a time; samples are summarised and
// dropped as each file is added, so memory stays flat over a season.
type Builder struct {
	res Result
}

// Add analyses every session of f: runs are summarised, other sessions are
// listed as skipped, an unreadable file as an error.
func (b *Builder) Add(f *fitparse.File) {
	if f.Err != nil {
		b.res.Errors = append(b.res.Errors, InputError{Source: f.Source, Err: f.Err.Error()})
		return
	}
	b.res.Skipped = append(b.res.Skipped, f.Skipped()...)
	for _, run := range f.Runs() {
		b.res.Runs = append(b.res.Runs, Analyze(&run, f.Warnings))
	}
}

// Analyze summarises one run.
func Analyze(run *fitparse.Run, fileWarnings []string) RunResult {
	form := Summarize(run, ScopeRunning)
	rr := RunResult{
		Source: run.Source, Session: run.SessionIndex, Start: run.Start,
		UTCOffset: run.UTCOffset, HasUTCOffset: run.HasUTCOffset,
		Sport: run.Sport, SubSport: run.SubSport, Treadmill: run.Treadmill(),
		Device: run.Device, Decoder: run.Decoder, Truncated: run.Truncated,
		DistanceM: run.DistanceM, TimerS: run.TimerS,
		Form: form, DeviceAvg: run.DeviceAvg,
	}
	if math.IsNaN(rr.DistanceM) {
		rr.DistanceM = form.RecordDistanceM
	}
	if math.IsNaN(rr.TimerS) {
		rr.TimerS = form.RecordTimerS
	}
	rr.Warnings = append(append(rr.Warnings, fileWarnings...), run.Warnings...)
	return rr
}

// Result returns the collected result with runs in a stable order: by start
// time, then source and session, so the same inputs give the same bytes.
func (b *Builder) Result() Result {
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
	return b.res
}
