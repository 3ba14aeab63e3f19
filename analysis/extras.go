package analysis

import (
	"math"
	"slices"
	"sort"

	"github.com/runlog/runlog/fitparse"
)

// What else the watch records (issue 14): the left/right balance of
// ground-contact time, hills from altitude, and the file's temperature.
// Every threshold below is explained, with its source, in docs/factors.md.
const (
	// GradeWindowM is the stretch of distance a grade is measured over,
	// centred on the sample: 100 m. FIT altitude comes in 0.2 m steps
	// (scale 5) and a barometric altimeter wanders by about half a metre
	// between records; over 100 m that is a grade error of about 0.5 %,
	// a tenth of DescentGradePct. Shorter windows turn that noise into
	// false descents; much longer ones blur a short steep descent into
	// the flat around it.
	GradeWindowM = 100.0
	// DescentGradePct: running on a grade of −5 % or steeper counts as
	// downhill. Gottschall & Kram 2005 (J Biomech 38:445) found larger
	// impact and braking force peaks than on the level from their
	// shallowest downhill, −3° (−5.2 %), at 3 m/s.
	DescentGradePct = -5.0
	// FlatGradePct: |grade| ≤ 1 % is flat. Padulo et al. 2012 (J Strength
	// Cond Res 26:1331) saw step length and frequency change already at a
	// 2 % slope, so "flat" must stay well under 2 %.
	FlatGradePct = 1.0
	// SpeedBinMPS: descents and flat running are compared within speed
	// bins 0.3 m/s wide (about ±0.15 m/s): cadence moves by about 6 spm per
	// m/s (../shared/science.md), so ±0.15 m/s is ±1 spm, under the
	// watch's own jitter.
	SpeedBinMPS = 0.3
	// MinMatchedS is the least running time, on descents and on the flat
	// each, a speed bin needs to take part in the comparison: runlog's
	// choice, one 30-s bin (BinS) of each, so that a few records at a
	// bin's edge do not stand for a descent.
	MinMatchedS = 30.0
	// OnsetDescentS: an onset counts as "during a descent" when at least
	// half of the graded running time in the OnsetDescentS before it (and
	// the 30-s bin it falls in) was on descents. A noted onset is rough (a
	// whole km or minute), so one instant would be too precise.
	OnsetDescentS = 120.0
)

// Extras is what a run's watch recorded beyond running form. Every value
// is NaN when the watch did not record it.
type Extras struct {
	// BalanceLeftPct is the left foot's share of ground-contact time, %,
	// time-weighted over running samples (50 = even).
	BalanceLeftPct float64
	// SplitBalanceLeftPct is the same per km split: index Km−1 of
	// Measure.Splits.
	SplitBalanceLeftPct []float64
	// TemperatureC is the file's temperature sensor, time-weighted over
	// running samples. On a wrist watch the sensor sits against the skin
	// and reads warmer than the air (docs/factors.md).
	TemperatureC float64
	Hills        Hills
	bins         []extraBin // aligned with Measure.Bins
}

// Hills is the run's grade profile.
type Hills struct {
	// AltitudeSource is fitparse's: "barometric", "gps" or "unknown".
	AltitudeSource string
	// GradedS is the running time with a grade (altitude and distance
	// over GradeWindowM around the sample); DownhillS and FlatS are the
	// parts of it on descents (≤ DescentGradePct) and on the flat.
	GradedS, DownhillS, FlatS float64
	// DownhillSharePct is DownhillS ÷ GradedS × 100; NaN without grades.
	DownhillSharePct float64
	// Descent is form on descents against flat running at the same speed.
	Descent DescentForm
}

// DescentForm is cadence, contact time and step length on descents minus
// the same on the flat, within SpeedBinMPS speed bins, weighted by the
// descent time of each bin; NaN when no bin has both.
type DescentForm struct {
	MatchedS    float64 // descent running time in bins that have flat running too
	CadenceSPM  float64
	GCTms       float64
	StepLengthM float64
}

// extraBin is one BinS bin of timer time.
type extraBin struct {
	EndTimerS      float64
	balance        mean
	downS, gradedS float64
	runningS       float64
}

// OnsetExtras is what the watch recorded in the OnsetWindowS before
// numbness began.
type OnsetExtras struct {
	BalanceLeftPct   float64 // NaN when not recorded
	DownhillSharePct float64 // of the graded running time; NaN without grades
	// OnDescent: at least half of the graded running time in the
	// OnsetDescentS before onset was downhill; Known false without grades
	// there.
	OnDescent, DescentKnown bool
}

// MeasureExtras reads balance, grades and temperature off a run's samples;
// m is the run's Measure (for its splits and bins).
func MeasureExtras(r *fitparse.Run, m *Measure) Extras {
	e := Extras{BalanceLeftPct: math.NaN(), TemperatureC: math.NaN()}
	e.Hills = Hills{AltitudeSource: r.AltitudeSource, DownhillSharePct: math.NaN(),
		Descent: DescentForm{CadenceSPM: math.NaN(), GCTms: math.NaN(), StepLengthM: math.NaN()}}
	if e.Hills.AltitudeSource == "" {
		e.Hills.AltitudeSource = fitparse.AltitudeUnknown
	}
	n := len(r.Samples)
	if n == 0 {
		return e
	}
	w := Weights(r)
	// Distance along the run, as MeasureRun counts it.
	dist := make([]float64, n)
	dist0, distM := math.NaN(), 0.0
	for i := range r.Samples {
		s := &r.Samples[i]
		if !math.IsNaN(s.DistanceM) {
			if math.IsNaN(dist0) {
				dist0 = s.DistanceM
			}
			distM = s.DistanceM - dist0
		} else if !math.IsNaN(s.SpeedMPS) {
			distM += s.SpeedMPS * w[i]
		}
		dist[i] = distM
	}
	grade := grades(r, dist)
	var bal, temp mean
	var splitBal []mean
	type speedBin struct{ down, flat [3]mean }
	bins := map[int]*speedBin{}
	timerS := 0.0
	for i := range r.Samples {
		s := &r.Samples[i]
		timerS += w[i]
		b := int((timerS - w[i]/2) / BinS)
		for len(e.bins) <= b {
			e.bins = append(e.bins, extraBin{EndTimerS: timerS})
		}
		bin := &e.bins[b]
		bin.EndTimerS = timerS
		if w[i] == 0 || !IsRunning(s) {
			continue
		}
		wt := w[i]
		bin.runningS += wt
		bal.add(s.StanceBalanceLeftPct, wt)
		bin.balance.add(s.StanceBalanceLeftPct, wt)
		temp.add(s.TemperatureC, wt)
		km := int(dist[i]/1000) + 1
		for len(splitBal) < km {
			splitBal = append(splitBal, mean{})
		}
		splitBal[km-1].add(s.StanceBalanceLeftPct, wt)
		g := grade[i]
		if math.IsNaN(g) {
			continue
		}
		bin.gradedS += wt
		e.Hills.GradedS += wt
		v := values(s)
		form := [3]float64{v[2], v[3], v[5]} // cadence, contact, step length
		switch {
		case g <= DescentGradePct:
			bin.downS += wt
			e.Hills.DownhillS += wt
		case math.Abs(g) <= FlatGradePct:
			e.Hills.FlatS += wt
		default:
			continue
		}
		if !(s.SpeedMPS > 0) {
			continue
		}
		k := int(s.SpeedMPS / SpeedBinMPS)
		sb := bins[k]
		if sb == nil {
			sb = &speedBin{}
			bins[k] = sb
		}
		for j := range form {
			if g <= DescentGradePct {
				sb.down[j].add(form[j], wt)
			} else {
				sb.flat[j].add(form[j], wt)
			}
		}
	}
	e.BalanceLeftPct, e.TemperatureC = bal.value(), temp.value()
	if !math.IsNaN(e.BalanceLeftPct) {
		e.SplitBalanceLeftPct = make([]float64, len(m.Splits))
		for i, sp := range m.Splits {
			e.SplitBalanceLeftPct[i] = math.NaN()
			if k := sp.Km - 1; k >= 0 && k < len(splitBal) {
				e.SplitBalanceLeftPct[i] = splitBal[k].value()
			}
		}
	}
	if e.Hills.GradedS > 0 {
		e.Hills.DownhillSharePct = 100 * e.Hills.DownhillS / e.Hills.GradedS
	}
	// Speed-matched descent minus flat, weighted by descent time. Bins
	// are summed in key order so that the same run gives the same bits.
	keys := make([]int, 0, len(bins))
	for k := range bins {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var diff [3]mean
	for _, k := range keys {
		sb := bins[k]
		for j := range diff {
			d, f := sb.down[j], sb.flat[j]
			if d.sumW < MinMatchedS || f.sumW < MinMatchedS {
				continue
			}
			diff[j].add(d.value()-f.value(), d.sumW)
		}
	}
	e.Hills.Descent.MatchedS = diff[0].sumW
	e.Hills.Descent.CadenceSPM, e.Hills.Descent.GCTms, e.Hills.Descent.StepLengthM = diff[0].value(), diff[1].value(), diff[2].value()
	return e
}

// dropGrades forgets the run's grades, as for a treadmill run: used when
// only a note says the run was on a treadmill (the watch's altitude there
// is the room's, or noise, never the belt's incline).
func (e *Extras) dropGrades() {
	e.Hills.GradedS, e.Hills.DownhillS, e.Hills.FlatS = 0, 0, 0
	e.Hills.DownhillSharePct = math.NaN()
	e.Hills.Descent = DescentForm{CadenceSPM: math.NaN(), GCTms: math.NaN(), StepLengthM: math.NaN()}
	for i := range e.bins {
		e.bins[i].downS, e.bins[i].gradedS = 0, 0
	}
}

// grades returns each sample's grade in % (rise over distance), measured
// over GradeWindowM of distance centred on it with altitude interpolated
// along the distance; NaN where the window runs past the run's recorded
// altitude, for samples without altitude, and on a treadmill.
func grades(r *fitparse.Run, dist []float64) []float64 {
	out := make([]float64, len(dist))
	for i := range out {
		out[i] = math.NaN()
	}
	if r.Treadmill() {
		return out
	}
	// The points with both, distance never going back.
	var d, a []float64
	for i := range r.Samples {
		alt := r.Samples[i].AltitudeM
		if math.IsNaN(alt) {
			continue
		}
		if n := len(d); n > 0 && dist[i] < d[n-1] {
			continue
		}
		d = append(d, dist[i])
		a = append(a, alt)
	}
	if len(d) < 2 {
		return out
	}
	half := GradeWindowM / 2
	// at interpolates the altitude at distance x (d[0] ≤ x ≤ d[last]).
	at := func(x float64) float64 {
		k := sort.SearchFloat64s(d, x) // first d[k] >= x
		if k == 0 || d[k] == x {
			return a[k]
		}
		f := (x - d[k-1]) / (d[k] - d[k-1])
		return a[k-1] + f*(a[k]-a[k-1])
	}
	for i := range r.Samples {
		if math.IsNaN(r.Samples[i].AltitudeM) {
			continue
		}
		x := dist[i]
		if x-half < d[0] || x+half > d[len(d)-1] {
			continue
		}
		out[i] = (at(x+half) - at(x-half)) / GradeWindowM * 100
	}
	return out
}

// Onset returns what the watch recorded in the OnsetWindowS before onsetS
// (timer seconds); nil when onsetS is NaN or no running falls there.
func (e *Extras) Onset(onsetS float64) *OnsetExtras {
	if math.IsNaN(onsetS) {
		return nil
	}
	var bal mean
	var run, graded, down, nearGraded, nearDown float64
	for i := range e.bins {
		b := &e.bins[i]
		end := b.EndTimerS
		if end <= onsetS-OnsetWindowS || end-BinS > onsetS {
			continue // ends before the window, or starts after the onset
		}
		run += b.runningS
		bal.sumW += b.balance.sumW
		bal.sumWX += b.balance.sumWX
		graded += b.gradedS
		down += b.downS
		if end > onsetS-OnsetDescentS {
			nearGraded += b.gradedS
			nearDown += b.downS
		}
	}
	if run == 0 {
		return nil
	}
	o := &OnsetExtras{BalanceLeftPct: bal.value(), DownhillSharePct: math.NaN()}
	if graded > 0 {
		o.DownhillSharePct = 100 * down / graded
	}
	if nearGraded > 0 {
		o.DescentKnown = true
		o.OnDescent = nearDown >= nearGraded/2
	}
	return o
}
