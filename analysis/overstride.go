package analysis

import (
	"fmt"
	"math"
)

// The overstride model: how a run's cadence and contact time are judged
// against speed, how the judgement reads as a score and a level, and how
// fatigue is told from a change of pace. Sources and reasoning:
// docs/overstriding.md (the published numbers: ../shared/science.md).
const (
	// WarmUpS is the running time (s) at the start of a run that is
	// settling, not form: it is never a worst km, nor part of the span the
	// run is judged on, nor of a baseline. Gait settles over the first
	// 6–15 minutes (Lavcanska et al. 2005, Hum Mov Sci 24:544; J Sports
	// Sci 2020, 38:2321); 10 minutes is the middle of that range. Time, not
	// distance: a first km lasts 4 minutes for one runner and 8 for a
	// jogger, while settling takes minutes.
	WarmUpS = 600
	// MinJudgedS is the running time (s) after the warm-up a run needs to
	// be judged at all (runlog's choice: 10 minutes hold at least a full
	// km even at a 2 m/s jog, so the worst km has a span to stand against,
	// and a run must then last 20 minutes, the length of a short easy run).
	// Shorter runs are "unknown", with the reason.
	MinJudgedS = 600

	// Level bands of the 0–100 score. The score maps how unusual the
	// cadence is at that speed (z, in between-runner SDs) so that z = −1.645
	// (5th percentile, "notable") scores 25 and z = −2.33 (1st percentile,
	// "strong") scores 50 (science.md: Garmin-style percentile bands, made
	// speed-specific); linear in between, 0 at z = 0, 100 at z = −4.66.
	levelModerateFrom = 25
	levelHighFrom     = 50

	// A split counts for the worst km only with this much in it (runlog's
	// choice: a shorter last split is a minute or two of a cool-down and
	// would make the worst km a matter of chance).
	worstSplitMinM = 500
	worstSplitMinS = 120

	// Fatigue drift beyond what the pace explains is named from these
	// sizes: a cadence drop of half the 5 % step-rate change Heiderscheit
	// et al. (2011, Med Sci Sports Exerc 43:296) found to alter loading, and
	// a contact-time rise of 4 %, under half the 10 % between-runner SD of
	// contact time at a speed (science.md).
	fatigueCadenceDropFrac = 0.025
	fatigueGCTRiseFrac     = 0.04
	// fatigueMaxSpeedChange: when speed changed more than this (fraction of
	// the first third's) fatigue is "not assessable" (science.md: Apte et
	// al. 2021; Zandbergen et al. 2023: a change of pace masks or mimics
	// fatigue, and the correction becomes an extrapolation).
	fatigueMaxSpeedChange = 0.10
	// matchedSpeedTol, matchedMinS: when speed changed more than that,
	// fatigue is judged on the bins of the first and last thirds run
	// within ±5 % of one speed, if each side holds 2 minutes of running
	// (runlog's choice: ±5 % is half the 10 % above, so the pace
	// correction between matched windows stays small; 2 minutes are four
	// 30-s bins, the worst-km minimum).
	matchedSpeedTol = 0.05
	matchedMinS     = 120
)

// Level names.
const (
	LevelLow      = "low"
	LevelModerate = "moderate"
	LevelHigh     = "high"
	LevelUnknown  = "unknown"
)

// Overstride is the overstriding estimate for a run or a split.
type Overstride struct {
	Score      float64  // 0–100; NaN when unknown
	Level      string   // low, moderate, high, unknown
	Confidence string   // low, medium, high
	Reasons    []string // sentences with numbers, most telling first
	WorstKm    int      // 0 when not applicable (splits; runs without a usable split)
	// CadenceZ is how unusual the cadence is at that speed, in
	// between-runner SDs (negative: lower than the reference); NaN when
	// unknown. For a run: the span after the warm-up.
	CadenceZ float64
	// GCTZ is the same for contact time, signed so that negative is
	// longer than the reference; NaN without contact time.
	GCTZ float64
	// Reference is "population" or "own" (the runner's baseline); "" when
	// unknown.
	Reference string
	// WarmUp marks a split that overlaps the first WarmUpS of running:
	// not judged.
	WarmUp bool
}

// Fatigue is how form drifted from the first to the last third of the
// running time after the warm-up, and how much of it the change of pace
// explains. NaN when not measured.
type Fatigue struct {
	CadenceDropSPM float64 // first third minus last third, as measured
	GCTRiseMS      float64 // last third minus first third, as measured
	SpeedChangePct float64 // last third against the first, %
	// CadenceDropFromPaceSPM and GCTRiseFromPaceMS are the parts of the
	// drift the change of speed explains, along the runner's own speed
	// relation when there is one, else the population's.
	CadenceDropFromPaceSPM float64
	GCTRiseFromPaceMS      float64
	// CadenceDropBeyondPaceSPM and GCTRiseBeyondPaceMS are what is left:
	// the drift fatigue is judged on.
	CadenceDropBeyondPaceSPM float64
	GCTRiseBeyondPaceMS      float64
	// Assessable is false when a third lacks cadence or speed, or speed
	// changed by more than 10 %.
	Assessable bool
	// Fatigued: assessable, and the drift beyond the pace crosses the
	// thresholds (docs/overstriding.md).
	Fatigued bool
	// OwnSlope: the correction used the runner's own speed relation.
	OwnSlope bool
	// MatchedSpeed: speed changed more than 10 % between the thirds, so
	// every value above compares only the stretches of the two thirds run
	// at one speed (±5 %).
	MatchedSpeed bool

	firstCadenceSPM, firstGCTms float64
}

// inWarmUp reports whether split i overlaps the first WarmUpS of running.
func inWarmUp(splits []Split, i int) bool {
	start := 0.0
	for k := 0; k < i; k++ {
		start += splits[k].Form.RunningS
	}
	return start < WarmUpS
}

// AfterWarmUp is the pace form of the running after the first WarmUpS
// seconds (speed, heart rate, cadence and contact time), with its first
// and last thirds by running time, at bin resolution: a bin belongs where
// its running-time midpoint falls.
func (m *Measure) AfterWarmUp() (whole, first, last Form) {
	total, a, c := m.afterWarmUpBins()
	fa, fc := sumBins(a), sumBins(c)
	return total.form(), fa.form(), fc.form()
}

// afterWarmUpBins gives the running after the warm-up and the bins of its
// first and last thirds.
func (m *Measure) afterWarmUpBins() (total paceAcc, first, last []*paceAcc) {
	var bins []*paceAcc
	done := 0.0
	for i := range m.Bins {
		p := &m.Bins[i].pace
		if p.runningS == 0 {
			continue
		}
		mid := done + p.runningS/2
		done += p.runningS
		if mid >= WarmUpS {
			bins = append(bins, p)
			total.merge(p)
		}
	}
	done = 0
	for _, p := range bins {
		switch mid := done + p.runningS/2; {
		case mid < total.runningS/3:
			first = append(first, p)
		case mid >= 2*total.runningS/3:
			last = append(last, p)
		}
		done += p.runningS
	}
	return total, first, last
}

func sumBins(bins []*paceAcc) paceAcc {
	var a paceAcc
	for _, p := range bins {
		a.merge(p)
	}
	return a
}

// matchedSpeed finds, in the first and last thirds after the warm-up, the
// bins run within matchedSpeedTol of one common speed, choosing the speed
// that gives the most time in the thin side; ok when both sides hold
// matchedMinS of running (science.md: when speed changed, compare
// matched-speed windows or call fatigue not assessable).
func matchedSpeed(first, last []*paceAcc) (a, c Form, ok bool) {
	in := func(bins []*paceAcc, v float64) (acc paceAcc) {
		for _, p := range bins {
			if s := p.m[0].value(); math.Abs(s-v) <= matchedSpeedTol*v {
				acc.merge(p)
			}
		}
		return acc
	}
	best := 0.0
	for _, p := range first {
		v := p.m[0].value()
		if math.IsNaN(v) || v <= 0 {
			continue
		}
		x, y := in(first, v), in(last, v)
		if t := math.Min(x.runningS, y.runningS); t > best {
			best, a, c = t, x.form(), y.form()
		}
	}
	return a, c, best >= matchedMinS
}

// reference is what a cadence or contact time is judged against.
type reference struct {
	value, sd float64
	own       bool
	runs      int
}

// describe names the reference for a reason, e.g. "the 168 typical".
func (r reference) describe() string {
	if r.own {
		return fmt.Sprintf("your own %.0f (%d runs)", r.value, r.runs)
	}
	return fmt.Sprintf("the %.0f typical", r.value)
}

// references judge one run: the runner's own baseline where it exists and
// covers the speed, else the population norm. One reference, not the
// strictest of several.
type references struct {
	heightCM float64
	baseline *Baseline
}

func (rf *references) own(v float64) bool {
	b := rf.baseline
	return b != nil && b.HasCadence && b.covers(v)
}

// cadence is the reference cadence at speed v (m/s); spread 8 spm, the
// between-runner SD at a speed (van Oeveren et al. 2019). Against the own
// line the spread stays the population's: conservative, as one runner's
// day-to-day spread is smaller and is not estimated from a few runs.
func (rf *references) cadence(v float64) reference {
	if rf.own(v) {
		return reference{value: rf.baseline.CadenceSPM(v), sd: popCadenceSDSPM, own: true, runs: rf.baseline.Runs}
	}
	return reference{value: PopulationCadenceSPM(v, rf.heightCM), sd: popCadenceSDSPM}
}

// gct is the reference contact time at speed v; spread 10 % of it.
func (rf *references) gct(v float64) reference {
	if rf.own(v) && rf.baseline.HasGCT {
		g := rf.baseline.GCTms(v)
		return reference{value: g, sd: popGCTSDFrac * g, own: true, runs: rf.baseline.Runs}
	}
	g := PopulationGCTms(v)
	return reference{value: g, sd: popGCTSDFrac * g}
}

// judgement is the judgement of one aggregate; its sentences are written
// only when asked for (a run has dozens of splits, most unremarkable).
type judgement struct {
	score        float64 // NaN: unknown
	z            float64 // the combined z the score reads
	zCad, zGCT   float64 // zGCT negative when contact is long; NaN without
	hasGCT       bool
	corroborated bool // contact time deepened the cadence's z
	outside      bool // speed outside the reference range
	cadRef       reference
	gctRef       reference
	form         Form
	// span names what form covers in a reason ("" for a km split): the
	// whole run is judged after its warm-up, so its figures differ from
	// the table's whole-run averages and the reason says so.
	span string
}

// judge scores one aggregate (a run's span or a split). Cadence is the
// measure: z = (cadence − reference) ÷ 8 spm. Contact time corroborates
// only: when the cadence is itself notable (z ≤ −1.645) and the contact
// long, the two are combined (Stouffer, (zc + zg)/√2) if that is lower;
// a long contact with a usual cadence is not overstriding (science.md:
// Bonnaerens 2021, Moore et al. 2019).
func (rf *references) judge(f Form) judgement {
	j := judgement{score: math.NaN(), z: math.NaN(), zCad: math.NaN(), zGCT: math.NaN(), form: f}
	v, c := f.SpeedMPS, f.CadenceSPM
	if math.IsNaN(v) || math.IsNaN(c) || f.RunningS <= 0 || v <= 0 {
		return j
	}
	j.outside = !InReferenceRange(v)
	j.cadRef = rf.cadence(v)
	j.zCad = (c - j.cadRef.value) / j.cadRef.sd
	j.z = j.zCad
	if g := f.GCTms; !math.IsNaN(g) {
		j.hasGCT = true
		j.gctRef = rf.gct(v)
		j.zGCT = (j.gctRef.value - g) / j.gctRef.sd
		if j.zCad <= zNotable && j.zGCT < 0 {
			if comb := (j.zCad + j.zGCT) / math.Sqrt2; comb < j.z {
				j.z, j.corroborated = comb, true
			}
		}
	}
	j.score = scoreOfZ(j.z)
	return j
}

// scoreOfZ maps a z (negative: unusually low cadence) to the 0–100 score:
// 0 at z ≥ 0, 25 at −1.645, 50 at −2.33, 100 from −4.66, linear between.
func scoreOfZ(z float64) float64 {
	d := -z
	switch {
	case math.IsNaN(d):
		return math.NaN()
	case d <= 0:
		return 0
	case d <= -zNotable:
		return levelModerateFrom * d / -zNotable
	case d <= -zStrong:
		return levelModerateFrom + (levelHighFrom-levelModerateFrom)*(d+zNotable)/(zNotable-zStrong)
	default:
		return math.Min(100, levelHighFrom+(100-levelHighFrom)*(d+zStrong)/-zStrong)
	}
}

// rank says how unusual a z is at that speed.
func rank(z float64, low string) string {
	switch {
	case z <= zStrong:
		return low + " 1 % at that speed"
	case z <= zNotable:
		return low + " 5 % at that speed"
	default:
		return "usual at that speed"
	}
}

// cadReason says how the cadence compares.
func (j *judgement) cadReason() string {
	f := j.form
	kmh := f.SpeedMPS * 3.6
	switch pct := 100 * (j.cadRef.value - f.CadenceSPM) / j.cadRef.value; {
	case pct >= 0.5:
		return fmt.Sprintf("cadence %.0f spm%s at %.1f km/h: %.0f %% below %s, %s",
			f.CadenceSPM, j.span, kmh, pct, j.cadRef.describe(), rank(j.zCad, "lowest"))
	case pct > -0.5:
		return fmt.Sprintf("cadence %.0f spm%s at %.1f km/h: in line with %s at that speed", f.CadenceSPM, j.span, kmh, j.cadRef.describe())
	default:
		return fmt.Sprintf("cadence %.0f spm%s at %.1f km/h: above %s at that speed", f.CadenceSPM, j.span, kmh, j.cadRef.describe())
	}
}

// gctReason says how the contact time compares; "" without one.
func (j *judgement) gctReason() string {
	if !j.hasGCT {
		return ""
	}
	f := j.form
	kmh := f.SpeedMPS * 3.6
	pct := 100 * (f.GCTms - j.gctRef.value) / j.gctRef.value
	switch {
	case pct <= -0.5:
		return fmt.Sprintf("contact %.0f ms%s at %.1f km/h: under %s at that speed", f.GCTms, j.span, kmh, j.gctRef.describe())
	case pct < 0.5:
		return fmt.Sprintf("contact %.0f ms%s at %.1f km/h: in line with %s at that speed", f.GCTms, j.span, kmh, j.gctRef.describe())
	}
	return fmt.Sprintf("contact %.0f ms%s at %.1f km/h: %.0f %% over %s, %s", f.GCTms, j.span, kmh, pct, j.gctRef.describe(), rank(j.zGCT, "longest"))
}

// stepReason compares step length with leg length; "" without a height.
func (j *judgement) stepReason(rf *references) string {
	f, h := j.form, rf.heightCM
	if heightFactor(h) == 1 || !(f.CadenceSPM > 0) {
		return ""
	}
	step := f.SpeedMPS / (f.CadenceSPM / 60)
	leg := legPerHeight * h / 100
	expected := f.SpeedMPS / (PopulationCadenceSPM(f.SpeedMPS, h) / 60)
	return fmt.Sprintf("step %.2f m is %.2f× your leg length (%.2f m from %.0f cm); %.2f× is typical",
		step, step/leg, leg, h, expected/leg)
}

// outsideReason says that the speed lies outside the references' range.
func outsideReason(v float64) string {
	return fmt.Sprintf("%.1f km/h is outside the speeds the reference covers (%.1f–%.1f): judged at %.1f",
		v*3.6, refSpeedMinMPS*3.6, refSpeedMaxMPS*3.6, refSpeed(v)*3.6)
}

// LevelOf reads a score as a level.
func LevelOf(score float64) string {
	switch {
	case math.IsNaN(score):
		return LevelUnknown
	case score >= levelHighFrom:
		return LevelHigh
	case score >= levelModerateFrom:
		return LevelModerate
	default:
		return LevelLow
	}
}

func unknown(why string) Overstride {
	return Overstride{Score: math.NaN(), Level: LevelUnknown, Confidence: "low", Reasons: []string{why},
		CadenceZ: math.NaN(), GCTZ: math.NaN()}
}

// EstimateOverstride scores a measured run and fills its splits' estimates.
// The run is judged on its running after the warm-up (WarmUpS); its score
// is the mean of that span's score and its worst km's (kilometres that
// overlap the warm-up excluded), so that a run that overstrides for part of
// its length still shows it, and the reasons say so. Every judgement is
// against one reference at the speed it was run: the runner's own baseline
// (nil: none) where it covers the speed, else the population norm.
// heightCM may be NaN.
func EstimateOverstride(m *Measure, baseline *Baseline, heightCM float64, treadmill bool) (Overstride, Fatigue) {
	rf := references{heightCM: heightCM, baseline: baseline}
	for i := range m.Splits {
		m.Splits[i].Overstride = unknown("")
		m.Splits[i].Overstride.Reasons = nil
	}
	after, first, last := m.AfterWarmUp()
	fat := FatigueOf(first, last, baseline, heightCM)
	if !fat.Assessable && math.Abs(fat.SpeedChangePct) > 100*fatigueMaxSpeedChange {
		_, fb, lb := m.afterWarmUpBins()
		if a, c, ok := matchedSpeed(fb, lb); ok {
			if mf := FatigueOf(a, c, baseline, heightCM); mf.Assessable {
				fat = mf
				fat.MatchedSpeed = true
			}
		}
	}
	switch {
	case m.Run.RunningS <= 0:
		return unknown("no running found in the records"), fat
	case math.IsNaN(m.Run.CadenceSPM):
		return unknown("no cadence recorded: overstriding cannot be estimated from this run"), fat
	case math.IsNaN(m.Run.SpeedMPS):
		return unknown("no speed recorded: cadence cannot be judged without the speed it was run at"), fat
	case !(after.RunningS >= MinJudgedS-BinS/2): // the span is counted in BinS steps
		return unknown(fmt.Sprintf("too short to judge: %.1f min of running; %d needed (a %d-min warm-up, then %d)",
			m.Run.RunningS/60, (WarmUpS+MinJudgedS)/60, WarmUpS/60, MinJudgedS/60)), fat
	}
	whole := rf.judge(after)
	whole.span = " after warm-up"
	if math.IsNaN(whole.score) {
		return unknown("no cadence or speed after the warm-up: overstriding cannot be estimated"), fat
	}
	worst, worstJ := 0, judgement{score: math.Inf(-1)}
	for i := range m.Splits {
		sp := &m.Splits[i]
		if inWarmUp(m.Splits, i) {
			sp.Overstride.WarmUp = true
			sp.Overstride.Reasons = []string{fmt.Sprintf("warm-up (first %d min of running): not judged", WarmUpS/60)}
			continue
		}
		j := rf.judge(sp.Form)
		sp.Overstride = overstrideOf(&j, j.score)
		if sp.Overstride.Level != LevelLow && sp.Overstride.Level != LevelUnknown {
			// Reasons only where a split stands out.
			for _, r := range []string{j.cadReason(), j.gctReason()} {
				if r != "" {
					sp.Overstride.Reasons = append(sp.Overstride.Reasons, r)
				}
			}
		}
		if sp.DistanceM >= worstSplitMinM && sp.Form.RunningS >= worstSplitMinS && j.score > worstJ.score {
			worst, worstJ = sp.Km, j
		}
	}
	score := whole.score
	if worst > 0 {
		score = (whole.score + worstJ.score) / 2
	}
	o := overstrideOf(&whole, score)
	o.WorstKm = worst

	var combined string
	if worst > 0 {
		combined = fmt.Sprintf("score %.0f: mean of the run after warm-up (%.0f) and its worst km, km %d (%.0f)",
			score, whole.score, worst, worstJ.score)
	}
	// A bad stretch says more than a fair average: lead with it when it
	// moves the score by 10 points or changes the level the table shows,
	// so that the first reason always explains the table's level.
	leads := worst > 0 && (worstJ.score-whole.score >= 10 || LevelOf(score) != LevelOf(whole.score))
	if leads {
		o.Reasons = append(o.Reasons, combined)
	}
	togetherLeads := whole.corroborated && rank(whole.z, "") != rank(whole.zCad, "")
	if togetherLeads {
		// The level comes from cadence and contact time together, beyond
		// what the cadence alone says: say so first, so that the first
		// reason explains the table's level.
		f := whole.form
		o.Reasons = append(o.Reasons, fmt.Sprintf("cadence %.0f spm (%.0f %% below %s) and contact %.0f ms (%.0f %% over %s)%s at %.1f km/h: together in the %s",
			f.CadenceSPM, 100*(whole.cadRef.value-f.CadenceSPM)/whole.cadRef.value, whole.cadRef.describe(),
			f.GCTms, 100*(f.GCTms-whole.gctRef.value)/whole.gctRef.value, whole.gctRef.describe(),
			whole.span, f.SpeedMPS*3.6, rank(whole.z, "lowest")))
	}
	o.Reasons = append(o.Reasons, whole.cadReason())
	if r := whole.gctReason(); r != "" {
		o.Reasons = append(o.Reasons, r)
	}
	if whole.hasGCT && whole.zGCT <= zNotable && whole.zCad > zNotable {
		o.Reasons = append(o.Reasons, "long contact with a usual cadence is not counted as overstriding")
	} else if whole.corroborated && !togetherLeads {
		o.Reasons = append(o.Reasons, "the long contact adds to the low cadence in the score")
	}
	if whole.outside {
		o.Reasons = append(o.Reasons, outsideReason(after.SpeedMPS))
	}
	if worst > 0 && !leads {
		o.Reasons = append(o.Reasons, combined)
	}
	if s := fatigueNote(fat); s != "" {
		o.Reasons = append(o.Reasons, s)
	}
	if s := whole.stepReason(&rf); s != "" {
		o.Reasons = append(o.Reasons, s)
	}
	if !whole.hasGCT {
		o.Reasons = append(o.Reasons, "no ground-contact time recorded: the estimate rests on cadence alone")
	}
	if treadmill {
		o.Reasons = append(o.Reasons, treadmillReason)
	}
	return o, fat
}

// treadmillReason: on a treadmill the watch's speed, against which form
// is judged, is its own estimate (docs/overstriding.md).
const treadmillReason = "treadmill run: the watch estimates speed from arm or foot motion"

// overstrideOf is the estimate a judgement gives, with score (which for a
// run may combine the worst km).
func overstrideOf(j *judgement, score float64) Overstride {
	o := Overstride{Score: score, Level: LevelOf(score), Confidence: confidenceOf(j),
		CadenceZ: j.zCad, GCTZ: j.zGCT, Reference: "population"}
	if j.cadRef.own {
		o.Reference = "own"
	}
	if math.IsNaN(score) {
		o.Reference = ""
	}
	return o
}

// FatigueOf compares the first and last thirds of a run's running after
// the warm-up, and removes what the change of speed explains: along the
// runner's own cadence and contact-time lines when baseline has them,
// else the population relations (science.md: Zandbergen et al. 2023).
func FatigueOf(first, last Form, baseline *Baseline, heightCM float64) Fatigue {
	nan := math.NaN()
	f := Fatigue{
		CadenceDropSPM:         first.CadenceSPM - last.CadenceSPM,
		GCTRiseMS:              last.GCTms - first.GCTms,
		SpeedChangePct:         100 * (last.SpeedMPS - first.SpeedMPS) / first.SpeedMPS,
		CadenceDropFromPaceSPM: nan, GCTRiseFromPaceMS: nan,
		CadenceDropBeyondPaceSPM: nan, GCTRiseBeyondPaceMS: nan,
		firstCadenceSPM: first.CadenceSPM, firstGCTms: first.GCTms,
	}
	v1, v3 := first.SpeedMPS, last.SpeedMPS
	if math.IsNaN(v1) || math.IsNaN(v3) || !(v1 > 0) {
		f.SpeedChangePct = nan
		return f
	}
	if baseline != nil && baseline.HasCadence {
		f.OwnSlope = true
		f.CadenceDropFromPaceSPM = baseline.Cadence.B * (v1 - v3)
	} else {
		f.CadenceDropFromPaceSPM = PopulationCadenceSPM(v1, heightCM) - PopulationCadenceSPM(v3, heightCM)
	}
	if baseline != nil && baseline.HasGCT {
		f.GCTRiseFromPaceMS = baseline.GCT.B * (v3 - v1)
	} else {
		f.GCTRiseFromPaceMS = PopulationGCTms(v3) - PopulationGCTms(v1)
	}
	f.CadenceDropBeyondPaceSPM = f.CadenceDropSPM - f.CadenceDropFromPaceSPM
	f.GCTRiseBeyondPaceMS = f.GCTRiseMS - f.GCTRiseFromPaceMS
	f.Assessable = !math.IsNaN(f.CadenceDropSPM) && math.Abs(f.SpeedChangePct) <= 100*fatigueMaxSpeedChange
	f.Fatigued = f.Assessable && (f.cadenceBeyond() || f.gctBeyond())
	return f
}

func (f *Fatigue) cadenceRaw() bool {
	return f.CadenceDropSPM >= fatigueCadenceDropFrac*f.firstCadenceSPM
}
func (f *Fatigue) gctRaw() bool { return f.GCTRiseMS >= fatigueGCTRiseFrac*f.firstGCTms }
func (f *Fatigue) cadenceBeyond() bool {
	return f.CadenceDropBeyondPaceSPM >= fatigueCadenceDropFrac*f.firstCadenceSPM
}
func (f *Fatigue) gctBeyond() bool { return f.GCTRiseBeyondPaceMS >= fatigueGCTRiseFrac*f.firstGCTms }

// fatigueReason names fatigue when the drift beyond the change of pace
// crosses the thresholds; "" otherwise. (m is kept for callers.)
func fatigueReason(_ *Measure, f Fatigue) string {
	if !f.Fatigued {
		return ""
	}
	return fatigueNote(f)
}

// fatigueNote says what drifted and what the change of pace explains:
// "fatigue: …" when fatigue is named, "no fatigue: …" when the pace
// explains a drift that looked like it, "fatigue not assessable: …" when
// speed changed too much; "" when nothing drifted.
func fatigueNote(f Fatigue) string {
	cad, gct := f.cadenceRaw() || f.cadenceBeyond(), f.gctRaw() || f.gctBeyond()
	if !cad && !gct {
		return ""
	}
	var parts []string
	pace := "pace"
	if f.SpeedChangePct < 0 {
		pace = "slower pace"
	} else if f.SpeedChangePct > 0 {
		pace = "faster pace"
	}
	explained := func(raw, fromPace float64, against string) string {
		if fromPace > raw+0.5 {
			return fmt.Sprintf("; the %s alone explains %.0f", pace, fromPace)
		}
		if fromPace >= 0.5 {
			return fmt.Sprintf(", %.0f of it the %s", fromPace, pace)
		}
		if fromPace <= -0.5 {
			return fmt.Sprintf(" though the %s should have %s it %.0f", pace, against, -fromPace)
		}
		return ""
	}
	if cad {
		parts = append(parts, fmt.Sprintf("cadence fell %.0f spm", f.CadenceDropSPM)+explained(f.CadenceDropSPM, f.CadenceDropFromPaceSPM, "raised"))
	}
	if gct {
		parts = append(parts, fmt.Sprintf("contact rose %.0f ms", f.GCTRiseMS)+explained(f.GCTRiseMS, f.GCTRiseFromPaceMS, "shortened"))
	}
	if f.MatchedSpeed {
		if f.Fatigued {
			return "fatigue at matched speed: " + join(parts)
		}
		return "no fatigue at matched speed: " + join(parts)
	}
	switch {
	case f.Fatigued:
		return "fatigue: " + join(parts)
	case !f.Assessable:
		return fmt.Sprintf("fatigue not assessable (speed %+.0f %%): ", f.SpeedChangePct) + join(parts)
	default:
		return "no fatigue: " + join(parts)
	}
}

func join(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	default:
		return parts[0] + "; " + parts[1]
	}
}

// confidenceOf grades how far an estimate can be trusted: medium with
// cadence and contact time, one step lower with cadence alone or a speed
// outside the reference range, one step higher against the runner's own
// baseline.
func confidenceOf(j *judgement) string {
	steps := 1
	if !j.hasGCT {
		steps--
	}
	if j.outside {
		steps--
	}
	if j.cadRef.own {
		steps++
	}
	switch {
	case steps >= 2:
		return "high"
	case steps == 1:
		return "medium"
	default:
		return "low"
	}
}
