package analysis

import (
	"math"
	"time"

	"github.com/runlog/runlog/fitparse"
)

// Form is a time-weighted aggregate of running samples: what one run, one
// kilometre split, one third of a run or one window looks like. Every value
// is NaN when no running sample in it carried the measurement.
type Form struct {
	RunningS         float64 // seconds of running the aggregate covers
	SpeedMPS         float64
	HeartRateBPM     float64
	CadenceSPM       float64
	GCTms            float64
	VOmm             float64
	StepLengthM      float64 // speed ÷ (cadence / 60), per sample
	DutyFactor       float64 // contact time × cadence ÷ 120000: share of the stride a foot is on the ground
	VerticalRatioPct float64 // vertical oscillation ÷ step length, %
}

// DutyFactor is the share of a stride one foot spends on the ground:
// contact time (ms) × cadence (steps/min) ÷ 120000 (a stride is two steps,
// a minute 60000 ms). NaN when either is missing.
func DutyFactor(gctMS, cadenceSPM float64) float64 {
	if !(gctMS > 0) || !(cadenceSPM > 0) {
		return math.NaN()
	}
	return gctMS * cadenceSPM / 120000
}

// VerticalRatioPct is vertical oscillation as a percentage of step length.
func VerticalRatioPct(voMM, stepLengthM float64) float64 {
	if !(voMM > 0) || !(stepLengthM > 0) {
		return math.NaN()
	}
	return voMM / (stepLengthM * 1000) * 100
}

// acc accumulates Form sums; sums add, so aggregates of aggregates are exact.
type acc struct {
	runningS float64
	m        [8]mean // speed, hr, cadence, gct, vo, step, duty factor, vertical ratio
}

// values are one sample's measurements in acc's order, derived ones
// included.
// It is StepLengthM, DutyFactor and VerticalRatioPct written out with two
// divisions instead of five: it runs for every sample of a season.
func values(s *fitparse.Sample) [8]float64 {
	v, c := s.SpeedMPS, s.CadenceSPM
	step, df, vr := math.NaN(), math.NaN(), math.NaN()
	if c > 0 { // false for NaN too
		if df = s.GCTms * c * (1.0 / 120000); !(df > 0) { // NaN without contact time
			df = math.NaN()
		}
		if v > 0 {
			step = 60 * v / c
			if vr = s.VOmm * c / (600 * v); !(vr > 0) { // vo ÷ (step in mm) × 100
				vr = math.NaN()
			}
		}
	}
	return [8]float64{v, s.HeartRateBPM, c, s.GCTms, s.VOmm, step, df, vr}
}

func (a *acc) add(s *fitparse.Sample, w float64) {
	v := values(s)
	a.addValues(&v, w)
}

func (a *acc) addValues(v *[8]float64, w float64) {
	a.runningS += w
	for i := range a.m {
		a.m[i].add(v[i], w)
	}
}

// paceAcc accumulates the four values a run's thirds and bins keep:
// speed, heart rate, cadence and contact time (acc's first four).
type paceAcc struct {
	runningS float64
	m        [4]mean
}

func (a *paceAcc) add(v *[8]float64, w float64) {
	a.runningS += w
	for i := range a.m {
		a.m[i].add(v[i], w)
	}
}

func (a *paceAcc) merge(b *paceAcc) {
	a.runningS += b.runningS
	for i := range a.m {
		a.m[i].sumW += b.m[i].sumW
		a.m[i].sumWX += b.m[i].sumWX
	}
}

// form gives the four values; the rest are NaN.
func (a *paceAcc) form() Form {
	nan := math.NaN()
	return Form{RunningS: a.runningS, SpeedMPS: a.m[0].value(), HeartRateBPM: a.m[1].value(),
		CadenceSPM: a.m[2].value(), GCTms: a.m[3].value(), VOmm: nan, StepLengthM: nan, DutyFactor: nan, VerticalRatioPct: nan}
}

// BinS is the length of a Bin in timer seconds.
const BinS = 30

// Bin is BinS seconds of a run's timer time: what a run keeps of its
// samples after they are dropped, so that any span of it (the minutes
// before a numbness onset, the thirds) can still be measured.
type Bin struct {
	EndTimerS    float64 // timer time at the bin's last sample
	EndDistanceM float64 // distance at the bin's last sample
	pace         paceAcc
}

func (a *acc) merge(b *acc) {
	a.runningS += b.runningS
	for i := range a.m {
		a.m[i].sumW += b.m[i].sumW
		a.m[i].sumWX += b.m[i].sumWX
	}
}

func (a *acc) subtract(b *acc) {
	a.runningS -= b.runningS
	for i := range a.m {
		a.m[i].sumW -= b.m[i].sumW
		a.m[i].sumWX -= b.m[i].sumWX
	}
}

func (a *acc) form() Form {
	return Form{RunningS: a.runningS, SpeedMPS: a.m[0].value(), HeartRateBPM: a.m[1].value(),
		CadenceSPM: a.m[2].value(), GCTms: a.m[3].value(), VOmm: a.m[4].value(),
		StepLengthM: a.m[5].value(), DutyFactor: a.m[6].value(), VerticalRatioPct: a.m[7].value()}
}

// Split is one kilometre of a run, by the distance the watch recorded.
type Split struct {
	Km        int     // 1 for the first kilometre
	DistanceM float64 // distance covered in it (1000 except the last)
	Form      Form
	Overstride
}

// Measure is everything runlog measures on one run's samples in one pass.
type Measure struct {
	Run        Form // whole run, running samples only
	Splits     []Split
	FirstThird Form  // first third of the running time: speed, heart rate, cadence and contact time only
	LastThird  Form  // last third, the same fields
	Bins       []Bin // the run in BinS-second steps of timer time
	// RecordDistanceM and RecordTimerS come from the records alone, to
	// cross-check the session totals.
	RecordDistanceM float64
	RecordTimerS    float64
	// timer is the pace form over every second the timer ran (the scope of
	// the watch's own session averages); left is the timer time the scope
	// left out, by Motion (nothing with ScopeTimer). See Timer and Left.
	timer paceAcc
	left  [motionKinds]paceAcc
}

// Timer is the run's pace form over all its timer time, as a watch
// averages for its session summary (ScopeTimer): speed, heart rate, cadence
// and contact time.
func (m *Measure) Timer() Form { return m.timer.form() }

// Left is the pace form of the timer time the measure's scope left out
// because the runner was doing k (walking, standing, or no data).
// Left(k).RunningS is that time in seconds, whatever was recorded in it.
func (m *Measure) Left(k Motion) Form {
	if k < 0 || k >= motionKinds {
		var none paceAcc
		return none.form()
	}
	return m.left[k].form()
}

// MeasureRun walks a run's samples once, giving the whole run, per-km
// splits, 30-s bins and, from the bins, the first and last thirds of the
// time scope keeps (ScopeRunning: running only).
func MeasureRun(r *fitparse.Run, scope Scope) Measure {
	var m Measure
	wr := newWeigher(r)
	var split, total acc
	km := 1
	splitStartM := 0.0
	dist0, distM := math.NaN(), 0.0
	timerS := 0.0
	closeSplit := func(endM float64) {
		if split.runningS > 0 || endM > splitStartM {
			m.Splits = append(m.Splits, Split{Km: km, DistanceM: endM - splitStartM, Form: split.form()})
		}
		total.merge(&split)
		split = acc{}
		km++
		splitStartM = endM
	}
	if n := len(r.Samples); n > 1 {
		m.Bins = make([]Bin, 0, int(r.Samples[n-1].T.Sub(r.Samples[0].T).Seconds()/BinS)+1)
	}
	for i := range r.Samples {
		s := &r.Samples[i]
		w := wr.next()
		m.RecordTimerS += w
		// Distance along the run: the watch's cumulative distance, or the
		// integral of speed where the record has none.
		if !math.IsNaN(s.DistanceM) {
			if math.IsNaN(dist0) {
				dist0 = s.DistanceM
			}
			distM = s.DistanceM - dist0
		} else if !math.IsNaN(s.SpeedMPS) {
			distM += s.SpeedMPS * w
		}
		for distM >= float64(km)*1000 {
			closeSplit(float64(km) * 1000)
		}
		timerS += w
		// The bin of the interval's midpoint.
		b := int((timerS - w/2) / BinS)
		for len(m.Bins) <= b {
			m.Bins = append(m.Bins, Bin{EndTimerS: timerS, EndDistanceM: distM})
		}
		bin := &m.Bins[b]
		bin.EndTimerS, bin.EndDistanceM = timerS, distM
		if w == 0 {
			continue
		}
		// The watch's scope keeps every sample; the four pace values are
		// the sample's own fields, so nothing is derived for it.
		raw := [8]float64{s.SpeedMPS, s.HeartRateBPM, s.CadenceSPM, s.GCTms}
		m.timer.add(&raw, w)
		if !scope.keeps(s) {
			m.left[Classify(s)].add(&raw, w)
			continue
		}
		v := values(s)
		split.addValues(&v, w)
		bin.pace.add(&v, w)
	}
	closeSplit(distM)
	m.RecordDistanceM = math.NaN()
	if !math.IsNaN(dist0) || distM > 0 {
		m.RecordDistanceM = distM
	}
	if len(r.Samples) == 0 {
		m.RecordTimerS = math.NaN()
	}
	// Thirds of the running time, at bin resolution: a bin belongs to the
	// third its running-time midpoint falls in.
	var first, last paceAcc
	doneS := 0.0
	for i := range m.Bins {
		p := &m.Bins[i].pace
		switch mid := doneS + p.runningS/2; {
		case p.runningS == 0:
		case mid < total.runningS/3:
			first.merge(p)
		case mid >= 2*total.runningS/3:
			last.merge(p)
		}
		doneS += p.runningS
	}
	m.Run, m.FirstThird, m.LastThird = total.form(), first.form(), last.form()
	return m
}

// Span is the pace form of the bins that end in (fromS, toS] of timer
// time: speed, heart rate, cadence and contact time.
func (m *Measure) Span(fromS, toS float64) Form {
	var a paceAcc
	for i := range m.Bins {
		if e := m.Bins[i].EndTimerS; e > fromS && e <= toS {
			a.merge(&m.Bins[i].pace)
		}
	}
	return a.form()
}

// FirstRunningS is the pace form of the run's first s seconds of running.
func (m *Measure) FirstRunningS(s float64) Form {
	var a paceAcc
	for i := range m.Bins {
		if a.runningS >= s {
			break
		}
		a.merge(&m.Bins[i].pace)
	}
	return a.form()
}

// TimerAtDistance is the timer time at which the run reached distM
// metres; NaN when it never did.
func (m *Measure) TimerAtDistance(distM float64) float64 {
	for i := range m.Bins {
		if m.Bins[i].EndDistanceM >= distM {
			return m.Bins[i].EndTimerS
		}
	}
	return math.NaN()
}

// Window is the form over a span of a run.
type Window struct {
	Start, End time.Time // the window covers records stamped in (Start, End]
	Form       Form
}

// Rolling returns the form over windows of width wall-clock time, one
// starting every step from the first sample, counting running samples only
// (a record stands for the interval that ends at it). Windows without
// running keep RunningS 0, so a window's index maps to its time.
func Rolling(r *fitparse.Run, width, step time.Duration) []Window {
	n := len(r.Samples)
	if n == 0 || width <= 0 || step <= 0 {
		return nil
	}
	w := Weights(r)
	// prefix[i] sums the running samples before index i; sums subtract.
	prefix := make([]acc, n+1)
	for i := range r.Samples {
		prefix[i+1] = prefix[i]
		if w[i] > 0 && IsRunning(&r.Samples[i]) {
			prefix[i+1].add(&r.Samples[i], w[i])
		}
	}
	t0, tEnd := r.Samples[0].T, r.Samples[n-1].T
	var out []Window
	lo, hi := 0, 0
	for start := t0; start.Before(tEnd); start = start.Add(step) {
		end := start.Add(width)
		for lo < n && !r.Samples[lo].T.After(start) {
			lo++
		}
		for hi < n && !r.Samples[hi].T.After(end) {
			hi++
		}
		win := prefix[hi]
		win.subtract(&prefix[lo])
		out = append(out, Window{Start: start, End: end, Form: win.form()})
	}
	return out
}
