package analysis

import (
	"fmt"
	"math"
)

// The overstride model: how the score is made from cadence and contact
// time against references, and how the score reads as a level. Sources and
// reasoning: docs/overstriding.md.
const (
	// cadenceDeficitFull: a cadence this far (10 %) below the reference
	// counts fully. Heiderscheit et al. (2011, Med Sci Sports Exerc 43:296)
	// raised step rate by 5 and 10 %: 5 % already reduced loading at the
	// knee, 10 % also at the hip; 10 % is the step-up a runner with this
	// deficit would be advised to try.
	cadenceDeficitFull = 0.10
	// gctExcessFull: contact time this far (17 %) above the reference
	// counts fully: Garmin's "red" contact-time band (slowest 5 % of its
	// runners) starts at 308 ms, 17 % above the 263 ms centre of its middle
	// band.
	gctExcessFull = 0.17
	// Weights of the two signals. Cadence weighs more: the foot lands
	// closer under the hip as step rate rises (Lieberman et al. 2015, J Exp
	// Biol 218:3406: 5.9 % closer per 5 strides/min), which is what
	// overstriding is; contact time is a second, noisier proxy.
	weightCadence = 0.55
	weightGCT     = 0.45

	// Level bands of the 0–100 score (runlog's choice): below 25 the run
	// is within a quarter of the full signals on average; from 50 it is at
	// least half-way on both.
	levelModerateFrom = 25
	levelHighFrom     = 50

	// A split counts for the worst km only with this much in it.
	worstSplitMinM = 500
	worstSplitMinS = 120

	// Confidence: a run shorter than this (running time) is one step less
	// certain.
	confidentRunningS = 600

	// Fatigue drift is named in the reasons from these sizes: a cadence
	// drop of half the 5 % step-rate change Heiderscheit et al. found to
	// matter, and a contact-time rise of 4 %, a third of the width of one
	// of Garmin's contact-time colour bands.
	fatigueCadenceDropFrac = 0.025
	fatigueGCTRiseFrac     = 0.04
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
}

// Fatigue is how form drifted from the first to the last third of the
// running time. NaN when not measured.
type Fatigue struct {
	CadenceDropSPM float64 // first third minus last third
	GCTRiseMS      float64 // last third minus first third
}

// FatigueOf compares the first and last thirds of a measured run.
func FatigueOf(m *Measure) Fatigue {
	return Fatigue{
		CadenceDropSPM: m.FirstThird.CadenceSPM - m.LastThird.CadenceSPM,
		GCTRiseMS:      m.LastThird.GCTms - m.FirstThird.GCTms,
	}
}

// refKind says where a reference comes from.
type refKind int

const (
	refPopulation refKind = iota // typical runners at that speed
	refOwn                       // the runner's own baseline at that speed
	refFresh                     // the run's own first third, moved to that speed
)

// reference is what a cadence or contact time is judged against.
type reference struct {
	value float64
	kind  refKind
}

// describe names the reference for a reason, e.g. "the 165 spm typical at
// that speed".
func (r reference) describe(unit string, baselineRuns int) string {
	switch r.kind {
	case refOwn:
		return fmt.Sprintf("your own %.0f %s at that speed (from %d runs)", r.value, unit, baselineRuns)
	case refFresh:
		return fmt.Sprintf("your %.0f %s in the first third of this run", r.value, unit)
	default:
		return fmt.Sprintf("the %.0f %s typical at that speed", r.value, unit)
	}
}

// references judge one run: the population norm, the runner's own
// baseline, and the run's own first third (fresh form at its speed).
type references struct {
	heightCM float64
	baseline *Baseline
	fresh    Form // the run's first third; NaN fields when unknown
}

// cadence returns the highest reference cadence at speed v: a lower
// cadence than any of them is a deficit.
func (rf *references) cadence(v float64) reference {
	best := reference{PopulationCadenceSPM(v, rf.heightCM), refPopulation}
	if b := rf.baseline; b != nil && b.HasCadence {
		if own := b.CadenceSPM(v); own > best.value {
			best = reference{own, refOwn}
		}
	}
	if f := rf.fresh; !math.IsNaN(f.CadenceSPM) && !math.IsNaN(f.SpeedMPS) {
		// Fresh form moved to speed v along the runner's (or the
		// population's) cadence–speed line.
		if fresh := f.CadenceSPM * rf.shapeCadence(v) / rf.shapeCadence(f.SpeedMPS); fresh > best.value {
			best = reference{fresh, refFresh}
		}
	}
	return best
}

// gct returns the lowest reference contact time at speed v.
func (rf *references) gct(v float64) reference {
	best := reference{PopulationGCTms(v, rf.heightCM), refPopulation}
	if b := rf.baseline; b != nil && b.HasGCT {
		if own := b.GCTms(v); own < best.value {
			best = reference{own, refOwn}
		}
	}
	if f := rf.fresh; !math.IsNaN(f.GCTms) && !math.IsNaN(f.SpeedMPS) {
		if fresh := f.GCTms * rf.shapeGCT(v) / rf.shapeGCT(f.SpeedMPS); fresh < best.value {
			best = reference{fresh, refFresh}
		}
	}
	return best
}

func (rf *references) shapeCadence(v float64) float64 {
	if b := rf.baseline; b != nil && b.HasCadence && b.CadenceSPM(v) > 0 {
		return b.CadenceSPM(v)
	}
	return PopulationCadenceSPM(v, rf.heightCM)
}

func (rf *references) shapeGCT(v float64) float64 {
	if b := rf.baseline; b != nil && b.HasGCT && b.GCTms(v) > 0 {
		return b.GCTms(v)
	}
	return PopulationGCTms(v, rf.heightCM)
}

func (rf *references) baselineRuns() int {
	if rf.baseline == nil {
		return 0
	}
	return rf.baseline.Runs
}

// judgement is the score of one aggregate; its sentences are written only
// when asked for (a run has dozens of splits, most of them unremarkable).
type judgement struct {
	score                float64 // NaN: unknown
	hasGCT               bool
	cadSignal, gctSignal float64 // 0–1
	cadDefPct, gctExcPct float64 // deficit / excess against the reference, %
	cadRef, gctRef       reference
	form                 Form
}

// judge scores one aggregate (a run or a split) against the references.
func (rf *references) judge(f Form) judgement {
	j := judgement{score: math.NaN(), form: f}
	v, c := f.SpeedMPS, f.CadenceSPM
	if math.IsNaN(v) || math.IsNaN(c) || f.RunningS <= 0 {
		return j
	}
	j.cadRef = rf.cadence(v)
	j.cadDefPct = 100 * (j.cadRef.value - c) / j.cadRef.value
	j.cadSignal = clamp01(j.cadDefPct / 100 / cadenceDeficitFull)
	j.score = 100 * j.cadSignal
	if g := f.GCTms; !math.IsNaN(g) {
		j.hasGCT = true
		j.gctRef = rf.gct(v)
		j.gctExcPct = 100 * (g - j.gctRef.value) / j.gctRef.value
		j.gctSignal = clamp01(j.gctExcPct / 100 / gctExcessFull)
		j.score = 100 * (weightCadence*j.cadSignal + weightGCT*j.gctSignal)
	}
	return j
}

// cadReason says how the cadence compares.
func (j *judgement) cadReason(rf *references) string {
	f := j.form
	kmh := f.SpeedMPS * 3.6
	if j.cadDefPct >= 0.5 {
		return fmt.Sprintf("cadence %.0f spm at %.1f km/h is %.0f %% below %s", f.CadenceSPM, kmh, j.cadDefPct, j.cadRef.describe("spm", rf.baselineRuns()))
	}
	return fmt.Sprintf("cadence %.0f spm at %.1f km/h is in line with or above the %.0f spm typical at that speed",
		f.CadenceSPM, kmh, PopulationCadenceSPM(f.SpeedMPS, rf.heightCM))
}

// gctReason says how the contact time compares; "" without one.
func (j *judgement) gctReason(rf *references) string {
	if !j.hasGCT {
		return ""
	}
	f := j.form
	kmh := f.SpeedMPS * 3.6
	if j.gctExcPct >= 0.5 {
		return fmt.Sprintf("ground contact %.0f ms at %.1f km/h is %.0f %% longer than %s", f.GCTms, kmh, j.gctExcPct, j.gctRef.describe("ms", rf.baselineRuns()))
	}
	return fmt.Sprintf("ground contact %.0f ms at %.1f km/h is in line with or shorter than the %.0f ms typical at that speed",
		f.GCTms, kmh, PopulationGCTms(f.SpeedMPS, rf.heightCM))
}

// stepReason compares step length with leg length; "" without a height.
func (j *judgement) stepReason(rf *references) string {
	f, h := j.form, rf.heightCM
	if heightFactor(h) == 1 || math.IsNaN(f.StepLengthM) {
		return ""
	}
	leg := legPerHeight * h / 100
	expected := f.SpeedMPS / (PopulationCadenceSPM(f.SpeedMPS, h) / 60)
	return fmt.Sprintf("step length %.2f m is %.2f× your leg length (%.2f m from %.0f cm); about %.2f× is typical at that speed",
		f.StepLengthM, f.StepLengthM/leg, leg, h, expected/leg)
}

func clamp01(x float64) float64 { return math.Min(1, math.Max(0, x)) }

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

// EstimateOverstride scores a measured run and fills its splits' estimates.
// The run's score is the mean of its whole-run score and its worst
// kilometre's, so that a run that overstrides only for part of its length
// still shows it. baseline may be nil; heightCM may be NaN.
func EstimateOverstride(m *Measure, baseline *Baseline, heightCM float64, treadmill bool) (Overstride, Fatigue) {
	rf := references{heightCM: heightCM, baseline: baseline, fresh: m.FirstThird}
	fat := FatigueOf(m)
	whole := rf.judge(m.Run)
	if math.IsNaN(whole.score) {
		why := "no cadence recorded: overstriding cannot be estimated from this run"
		if !math.IsNaN(m.Run.CadenceSPM) {
			why = "no speed recorded: cadence cannot be judged without the speed it was run at"
		}
		if m.Run.RunningS <= 0 {
			why = "no running found in the records"
		}
		return Overstride{Score: math.NaN(), Level: LevelUnknown, Confidence: "low", Reasons: []string{why}}, fat
	}
	worst, worstScore := 0, math.Inf(-1)
	for i := range m.Splits {
		sp := &m.Splits[i]
		j := rf.judge(sp.Form)
		sp.Overstride = Overstride{Score: j.score, Level: LevelOf(j.score), Confidence: confidenceOf(j.hasGCT, sp.Form.RunningS, baseline)}
		if sp.Overstride.Level != LevelLow && sp.Overstride.Level != LevelUnknown {
			// Reasons only where a split stands out.
			for _, r := range []string{j.cadReason(&rf), j.gctReason(&rf)} {
				if r != "" {
					sp.Overstride.Reasons = append(sp.Overstride.Reasons, r)
				}
			}
		}
		if sp.DistanceM >= worstSplitMinM && sp.Form.RunningS >= worstSplitMinS && j.score > worstScore {
			worst, worstScore = sp.Km, j.score
		}
	}
	score := whole.score
	if worst > 0 {
		score = (whole.score + worstScore) / 2
	}
	o := Overstride{Score: score, Level: LevelOf(score), Confidence: confidenceOf(whole.hasGCT, m.Run.RunningS, baseline), WorstKm: worst}

	// Reasons, the larger signal first.
	type reason struct {
		weight float64
		text   string
	}
	rs := []reason{{weightCadence * whole.cadSignal, whole.cadReason(&rf)}}
	if whole.hasGCT {
		rs = append(rs, reason{weightGCT * whole.gctSignal, whole.gctReason(&rf)})
	}
	if len(rs) == 2 && rs[1].weight > rs[0].weight+0.01 {
		rs[0], rs[1] = rs[1], rs[0]
	}
	var lead []string // a bad stretch says more than a fair average
	if worst > 0 && worstScore-whole.score >= 10 && worstScore >= levelModerateFrom {
		if s := fatigueReason(m, fat); s != "" {
			lead = append(lead, s)
		}
		lead = append(lead, fmt.Sprintf("km %d is the worst (score %.0f against %.0f for the whole run)", worst, worstScore, whole.score))
	}
	o.Reasons = append(o.Reasons, lead...)
	for _, r := range rs {
		o.Reasons = append(o.Reasons, r.text)
	}
	if len(lead) == 0 {
		if s := fatigueReason(m, fat); s != "" {
			o.Reasons = append(o.Reasons, s)
		}
	}
	if s := whole.stepReason(&rf); s != "" {
		o.Reasons = append(o.Reasons, s)
	}
	if !whole.hasGCT {
		o.Reasons = append(o.Reasons, "no ground-contact time recorded: the estimate rests on cadence and speed alone")
	}
	if treadmill {
		o.Reasons = append(o.Reasons, "treadmill run: the watch estimates speed from arm or foot motion, so the speed the cadence is judged at may be a little off")
	}
	return o, fat
}

// fatigueReason names a drift past the thresholds, "" otherwise.
func fatigueReason(m *Measure, f Fatigue) string {
	first := m.FirstThird
	cadDrift := f.CadenceDropSPM >= fatigueCadenceDropFrac*first.CadenceSPM
	gctDrift := f.GCTRiseMS >= fatigueGCTRiseFrac*first.GCTms
	if !cadDrift && !gctDrift {
		return ""
	}
	var parts []string
	if cadDrift {
		parts = append(parts, fmt.Sprintf("cadence fell %.0f spm", f.CadenceDropSPM))
	}
	if gctDrift {
		parts = append(parts, fmt.Sprintf("ground contact rose %.0f ms", f.GCTRiseMS))
	}
	s := "fatigue: " + join(parts) + " from the first to the last third of the run"
	if dv := m.LastThird.SpeedMPS - first.SpeedMPS; math.Abs(dv) >= 0.05*first.SpeedMPS {
		s += fmt.Sprintf(" (while speed changed from %.1f to %.1f km/h)", first.SpeedMPS*3.6, m.LastThird.SpeedMPS*3.6)
	}
	return s
}

func join(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	default:
		return parts[0] + " and " + parts[1]
	}
}

// confidenceOf grades how far an estimate can be trusted: medium with
// cadence and contact time, low with cadence alone or under ten minutes of
// running, one step up with the runner's own baseline.
func confidenceOf(hasGCT bool, runningS float64, b *Baseline) string {
	steps := 1
	if !hasGCT {
		steps--
	}
	if runningS < confidentRunningS {
		steps--
	}
	if b != nil && b.HasCadence {
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
