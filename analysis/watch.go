package analysis

import (
	"math"

	"github.com/runlog/runlog/fitparse"
)

// Tolerances within which runlog's running-only average and the watch's own
// session figure count as the same: ±2 spm cadence and ±6 ms contact time.
// Source: issue 8 (point 8), which takes the agreement tolerances of issue 2
// that docs/accuracy.md checks runlog against.
const (
	WatchTolCadenceSPM = 2
	WatchTolGCTms      = 6
)

// DeviceAverages returns the watch's session averages with every value that
// means "not measured" as NaN. A session summary holds 0, not the FIT
// invalid value, for cadence, contact time, oscillation and step length when
// no sensor measured them (the records do the same; fitparse turns their 0
// contact time and oscillation into NaN); a running session's average speed
// or heart rate of 0 is no measurement either.
func DeviceAverages(a fitparse.Averages) fitparse.Averages {
	pos := func(v float64) float64 {
		if v > 0 {
			return v
		}
		return math.NaN()
	}
	return fitparse.Averages{SpeedMPS: pos(a.SpeedMPS), HeartRateBPM: pos(a.HeartRateBPM),
		CadenceSPM: pos(a.CadenceSPM), GCTms: pos(a.GCTms), VOmm: pos(a.VOmm), StepLengthMM: pos(a.StepLengthMM)}
}

// LeftOut is timer time left out of runlog's running-only averages, by
// reason (the thresholds of Classify), in seconds.
type LeftOut struct {
	WalkingS  float64 // cadence under WalkCadenceMaxSPM, or slow without cadence
	StandingS float64 // cadence 0, or speed under StandingSpeedMPS
	NoDataS   float64 // neither speed nor cadence recorded
}

// TotalS is all the time left out.
func (l LeftOut) TotalS() float64 { return l.WalkingS + l.StandingS + l.NoDataS }

// LeftOut is all the timer time m's scope left out, by reason.
func (m *Measure) LeftOut() LeftOut {
	return LeftOut{WalkingS: m.left[MotionWalking].runningS, StandingS: m.left[MotionStanding].runningS,
		NoDataS: m.left[MotionNoData].runningS}
}

// leftWith is the timer time m's scope left out in samples that carried
// the pace value at index i of paceAcc (2 cadence, 3 contact time).
func (m *Measure) leftWith(i int) LeftOut {
	return LeftOut{WalkingS: m.left[MotionWalking].m[i].sumW, StandingS: m.left[MotionStanding].m[i].sumW,
		NoDataS: m.left[MotionNoData].m[i].sumW}
}

// WatchCheck sets one of runlog's running-only averages beside the watch's
// own session figure, and says whether the time runlog leaves out explains
// the difference.
type WatchCheck struct {
	Metric      string  // the average's JSON name: "avg_cadence_spm" or "avg_gct_ms"
	Unit        string  // "spm" or "ms"
	DeviceValue float64 // the watch's session average
	RunlogValue float64 // runlog's running-only average; NaN when it measured none
	// TimerValue is runlog's average over all timer time (ScopeTimer), the
	// scope of the watch's own summary; NaN when the records hold none.
	TimerValue float64
	Tolerance  float64 // WatchTolCadenceSPM or WatchTolGCTms
	// Left is the timer time runlog left out whose samples carried this
	// measurement: the time the watch counts and runlog does not.
	Left LeftOut
	// Differs: runlog's value is more than Tolerance from the watch's, or
	// runlog has none.
	Differs bool
	// Explained: Differs, yet over all timer time runlog agrees with the
	// watch within Tolerance, so the time left out is the reason. False when
	// the numbers do not show why (the difference is unexplained).
	Explained bool
}

// DiffersBy is runlog's value less the watch's; NaN when runlog has none.
func (c *WatchCheck) DiffersBy() float64 { return c.RunlogValue - c.DeviceValue }

// WatchChecks compares the running-only cadence and contact time of m with
// the watch's session averages dev (cleaned by DeviceAverages), one check
// for each of the two the watch has a figure for, cadence first.
func WatchChecks(m *Measure, dev fitparse.Averages) []WatchCheck {
	var out []WatchCheck
	timer := m.Timer()
	for _, c := range []struct {
		metric, unit     string
		device, run, tmr float64
		tol              float64
		acc              int // index in paceAcc
	}{
		{"avg_cadence_spm", "spm", dev.CadenceSPM, m.Run.CadenceSPM, timer.CadenceSPM, WatchTolCadenceSPM, 2},
		{"avg_gct_ms", "ms", dev.GCTms, m.Run.GCTms, timer.GCTms, WatchTolGCTms, 3},
	} {
		if math.IsNaN(c.device) {
			continue
		}
		wc := WatchCheck{Metric: c.metric, Unit: c.unit, DeviceValue: c.device, RunlogValue: c.run,
			TimerValue: c.tmr, Tolerance: c.tol, Left: m.leftWith(c.acc)}
		wc.Differs = !(math.Abs(c.run-c.device) <= c.tol)
		wc.Explained = wc.Differs && math.Abs(c.tmr-c.device) <= c.tol && wc.Left.TotalS() > 0
		out = append(out, wc)
	}
	return out
}
