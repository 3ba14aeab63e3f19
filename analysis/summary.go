// Package analysis computes running form from fitparse Runs. It does no I/O
// (analysis/notes, which reads note files, is the one exception).
package analysis

import (
	"math"
	"time"

	"github.com/runlog/runlog/fitparse"
)

// Thresholds that tell running from standing and walking. Sources and
// reasoning: docs/analysis.md.
const (
	// StandingSpeedMPS: below this the runner is standing or shuffling.
	// Comfortable walking speed of adults is about 1.2–1.4 m/s
	// (Bohannon 1997); anything under 1.0 m/s is slower than a walk.
	StandingSpeedMPS = 1.0
	// WalkCadenceMaxSPM: step rates below this are walking. Walking
	// cadence rarely exceeds 130–135 spm even when brisk, while running
	// cadence in recreational runners is seldom below 140 spm
	// (Tudor-Locke et al. 2018, CADENCE-Adults; Heiderscheit et al. 2011).
	WalkCadenceMaxSPM = 140
	// NoCadenceRunSpeedMPS: without cadence, a sample is running at or
	// above this speed, just below the preferred walk–run transition
	// speed of about 2.0 m/s (Hreljac 1993).
	NoCadenceRunSpeedMPS = 1.8
	// MaxSampleWeightS caps how long one record may stand for. Watches
	// with "smart recording" write a record every 1–8 s (Garmin); a longer
	// gap without a timer event is a recording gap, not data.
	MaxSampleWeightS = 30
)

// Summary is one run's form, averaged over the time the runner was running.
// NaN marks a measurement the watch did not record.
type Summary struct {
	// From the records: cumulative distance covered and timer time (span
	// minus pauses), to cross-check the session totals.
	RecordDistanceM float64
	RecordTimerS    float64
	RunningS        float64 // time counted as running, seconds
	AvgSpeedMPS     float64
	AvgHeartRateBPM float64
	AvgCadenceSPM   float64
	AvgGCTms        float64
	AvgVOmm         float64
	AvgStepLengthM  float64 // speed ÷ (cadence / 60), per sample
}

// Scope selects the samples an average is taken over.
type Scope int

const (
	// ScopeRunning counts only samples where the runner was running:
	// timer on, not standing, not walking. runlog reports this.
	ScopeRunning Scope = iota
	// ScopeTimer counts every sample while the timer ran, as watches do
	// for their own session averages (standing at a crossing included).
	ScopeTimer
)

// Weights returns how many seconds each sample stands for: the time since
// the previous sample (a record reports the interval that ends at it), less
// any paused time, capped at MaxSampleWeightS. The first sample weighs 0.
func Weights(r *fitparse.Run) []float64 {
	w := make([]float64, len(r.Samples))
	p := 0
	for i := 1; i < len(r.Samples); i++ {
		a, b := r.Samples[i-1].T, r.Samples[i].T
		dt := b.Sub(a).Seconds()
		for p < len(r.Pauses) && !r.Pauses[p].End.After(a) {
			p++
		}
		for q := p; q < len(r.Pauses) && r.Pauses[q].Start.Before(b); q++ {
			dt -= overlapS(a, b, r.Pauses[q])
		}
		w[i] = math.Max(0, math.Min(dt, MaxSampleWeightS))
	}
	return w
}

func overlapS(a, b time.Time, s fitparse.Span) float64 {
	lo, hi := a, b
	if s.Start.After(lo) {
		lo = s.Start
	}
	if s.End.Before(hi) {
		hi = s.End
	}
	if !hi.After(lo) {
		return 0
	}
	return hi.Sub(lo).Seconds()
}

// IsRunning reports whether a sample shows running rather than standing
// or walking, by the thresholds above. A sample without speed or cadence is
// judged by what it has; one with neither is not counted.
func IsRunning(s fitparse.Sample) bool {
	hasSpeed, hasCad := !math.IsNaN(s.SpeedMPS), !math.IsNaN(s.CadenceSPM)
	switch {
	case hasCad && s.CadenceSPM < WalkCadenceMaxSPM:
		return false
	case hasSpeed && s.SpeedMPS < StandingSpeedMPS:
		return false
	case !hasCad && hasSpeed:
		return s.SpeedMPS >= NoCadenceRunSpeedMPS
	default:
		return hasCad || hasSpeed
	}
}

// StepLengthM is the distance covered per step: speed ÷ (steps per second).
// NaN when either is missing or cadence is 0.
func StepLengthM(speedMPS, cadenceSPM float64) float64 {
	if !(cadenceSPM > 0) || math.IsNaN(speedMPS) {
		return math.NaN()
	}
	return speedMPS / (cadenceSPM / 60)
}

// Summarize averages a run's samples over scope, weighting each sample by
// Weights.
func Summarize(r *fitparse.Run, scope Scope) Summary {
	w := Weights(r)
	var speed, hr, cad, gct, vo, step mean
	s := Summary{RecordDistanceM: recordDistanceM(r.Samples), RecordTimerS: 0}
	for i, x := range r.Samples {
		s.RecordTimerS += w[i]
		if scope == ScopeRunning && !IsRunning(x) {
			continue
		}
		s.RunningS += w[i]
		speed.add(x.SpeedMPS, w[i])
		hr.add(x.HeartRateBPM, w[i])
		cad.add(x.CadenceSPM, w[i])
		gct.add(x.GCTms, w[i])
		vo.add(x.VOmm, w[i])
		step.add(StepLengthM(x.SpeedMPS, x.CadenceSPM), w[i])
	}
	if len(r.Samples) == 0 {
		s.RecordTimerS = math.NaN()
	}
	s.AvgSpeedMPS, s.AvgHeartRateBPM, s.AvgCadenceSPM = speed.value(), hr.value(), cad.value()
	s.AvgGCTms, s.AvgVOmm, s.AvgStepLengthM = gct.value(), vo.value(), step.value()
	return s
}

// recordDistanceM is the distance the records cover: the last cumulative
// distance less the first.
func recordDistanceM(samples []fitparse.Sample) float64 {
	first, last := math.NaN(), math.NaN()
	for _, x := range samples {
		if !math.IsNaN(x.DistanceM) {
			if math.IsNaN(first) {
				first = x.DistanceM
			}
			last = x.DistanceM
		}
	}
	return last - first
}

// mean is a weighted mean that skips NaN values.
type mean struct{ sumW, sumWX float64 }

func (m *mean) add(x, w float64) {
	if math.IsNaN(x) || w <= 0 {
		return
	}
	m.sumW += w
	m.sumWX += w * x
}

func (m *mean) value() float64 {
	if m.sumW == 0 {
		return math.NaN()
	}
	return m.sumWX / m.sumW
}
