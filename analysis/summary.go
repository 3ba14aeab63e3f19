// Package analysis computes running form from fitparse Runs. It does no I/O
// (analysis/notes, which reads note files, is the one exception).
package analysis

import (
	"math"

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

// keeps reports whether scope counts sample s.
func (sc Scope) keeps(s *fitparse.Sample) bool {
	return sc == ScopeTimer || IsRunning(s)
}

// Weights returns how many seconds each sample stands for: the time since
// the previous sample (a record reports the interval that ends at it), less
// any paused time, capped at MaxSampleWeightS. The first sample weighs 0.
func Weights(r *fitparse.Run) []float64 {
	w := make([]float64, len(r.Samples))
	wr := newWeigher(r)
	for i := range w {
		w[i] = wr.next()
	}
	return w
}

// weigher yields Weights one sample at a time, in order, without
// allocating. Times are compared as Unix nanoseconds: MeasureRun walks a
// season of samples this way.
type weigher struct {
	r       *fitparse.Run
	i, p    int
	prevNS  int64
	pauseNS [][2]int64 // pauses as [start, end) in Unix nanoseconds
}

func newWeigher(r *fitparse.Run) weigher {
	wr := weigher{r: r}
	for _, p := range r.Pauses {
		wr.pauseNS = append(wr.pauseNS, [2]int64{p.Start.UnixNano(), p.End.UnixNano()})
	}
	return wr
}

// next returns the weight of the next sample.
func (wr *weigher) next() float64 {
	curNS := wr.r.Samples[wr.i].T.UnixNano()
	first := wr.i == 0
	wr.i++
	prevNS := wr.prevNS
	wr.prevNS = curNS
	if first {
		return 0
	}
	dtNS := curNS - prevNS
	for wr.p < len(wr.pauseNS) && wr.pauseNS[wr.p][1] <= prevNS {
		wr.p++
	}
	for q := wr.p; q < len(wr.pauseNS) && wr.pauseNS[q][0] < curNS; q++ {
		lo, hi := max(prevNS, wr.pauseNS[q][0]), min(curNS, wr.pauseNS[q][1])
		if hi > lo {
			dtNS -= hi - lo
		}
	}
	dt := float64(dtNS) / 1e9
	switch {
	case !(dt > 0):
		return 0
	case dt > MaxSampleWeightS:
		return MaxSampleWeightS
	}
	return dt
}

// IsRunning reports whether a sample shows running rather than standing
// or walking, by the thresholds above. A sample without speed or cadence is
// judged by what it has; one with neither is not counted.
func IsRunning(s *fitparse.Sample) bool {
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

// Motion is what a sample shows the runner doing, by the thresholds above.
type Motion int

const (
	MotionRunning  Motion = iota
	MotionWalking         // cadence under WalkCadenceMaxSPM, or no cadence and slower than NoCadenceRunSpeedMPS
	MotionStanding        // cadence 0, or speed under StandingSpeedMPS
	MotionNoData          // neither speed nor cadence
	motionKinds
)

// String names the motion as reports do.
func (m Motion) String() string {
	switch m {
	case MotionRunning:
		return "running"
	case MotionWalking:
		return "walking"
	case MotionStanding:
		return "standing"
	}
	return "no data"
}

// Classify says whether a sample shows running, walking, standing, or
// carries neither speed nor cadence. Classify(s) == MotionRunning exactly
// when IsRunning(s); the other kinds say why a sample is left out.
func Classify(s *fitparse.Sample) Motion {
	hasSpeed, hasCad := !math.IsNaN(s.SpeedMPS), !math.IsNaN(s.CadenceSPM)
	switch {
	case !hasSpeed && !hasCad:
		return MotionNoData
	case hasCad && s.CadenceSPM <= 0, hasSpeed && s.SpeedMPS < StandingSpeedMPS:
		return MotionStanding
	case hasCad && s.CadenceSPM < WalkCadenceMaxSPM:
		return MotionWalking
	case !hasCad && s.SpeedMPS < NoCadenceRunSpeedMPS:
		return MotionWalking
	}
	return MotionRunning
}

// StepLengthM is the distance covered per step: speed ÷ (steps per second).
// NaN when either is missing or cadence is 0.
func StepLengthM(speedMPS, cadenceSPM float64) float64 {
	if !(cadenceSPM > 0) || math.IsNaN(speedMPS) {
		return math.NaN()
	}
	return speedMPS / (cadenceSPM / 60)
}

// mean is a weighted mean that skips NaN values.
type mean struct{ sumW, sumWX float64 }

// add adds x with weight w (> 0; callers skip weightless samples).
func (m *mean) add(x, w float64) {
	if x == x { // not NaN
		m.sumW += w
		m.sumWX += w * x
	}
}

func (m *mean) value() float64 {
	if m.sumW <= 1e-9 { // also absorbs rounding left by subtracting sums
		return math.NaN()
	}
	return m.sumWX / m.sumW
}
