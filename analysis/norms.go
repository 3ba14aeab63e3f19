package analysis

import (
	"math"

	"gonum.org/v1/gonum/stat"
)

// Population references for running form at a given speed. Every number is
// explained, with its source, in docs/overstriding.md.
const (
	// normSpeedMPS, normCadenceSPM: 21 experienced recreational runners,
	// running outdoors at their comfortable 3.04 m/s, chose 165 ± 8 steps
	// per minute ("Individual optimal step frequency during outdoor
	// running", Eur J Sport Sci 2020;20(2):182–190,
	// doi:10.1080/17461391.2019.1626911). At a 15 % higher speed they chose
	// 3 spm more.
	normSpeedMPS   = 3.04
	normCadenceSPM = 165
	// normCadenceSlope is that change per m/s: 3 spm ÷ (0.15 × 3.04 m/s).
	normCadenceSlope = 3 / (0.15 * normSpeedMPS) // ≈ 6.6 spm per m/s

	// normDutyFactor: Garmin's running-dynamics colour bands put the
	// middle 40 % of its runners (green) at 249–277 ms contact and 164–173
	// spm; the band centres, 263 ms × 168.5 spm ÷ 120000, give 0.369. The
	// expected contact time at a speed is this duty factor at the expected
	// cadence: duty factor changes little with speed within a runner
	// (Lussiana et al. 2019, J Exp Biol 222:jeb192047), while contact time
	// shortens as cadence rises.
	normDutyFactor = 0.369

	// normSpeedMin/MaxMPS bound the speeds the references are evaluated
	// at: the studies behind them cover easy to brisk endurance running,
	// not walking or sprinting.
	normSpeedMinMPS = 2.0
	normSpeedMaxMPS = 5.5

	// refHeightCM and heightExponent scale the expected cadence for the
	// runner's height. By dynamic similarity (Alexander & Jayes 1983,
	// J Zool 201:135) stride length grows with leg length^0.7 at equal
	// speed, so cadence goes with leg length^-0.7. The study above does not
	// report its runners' heights; runlog assumes 175 cm.
	refHeightCM    = 175
	heightExponent = -0.7

	// legPerHeight: leg length (hip to floor) is 0.53 of standing height
	// (Drillis & Contini 1966, as tabulated in Winter, Biomechanics and
	// Motor Control of Human Movement).
	legPerHeight = 0.53
)

// MinBaselineRuns is how many runs with cadence the runner needs before
// runlog also judges a run against the runner's own form (issue 3).
const MinBaselineRuns = 5

// baselineMinSpeedSpreadMPS: with speeds spread less than this (standard
// deviation), a regression slope on speed means nothing; the population
// slope is used through the runner's own mean instead.
const baselineMinSpeedSpreadMPS = 0.2

func clampSpeed(v float64) float64 {
	return math.Min(normSpeedMaxMPS, math.Max(normSpeedMinMPS, v))
}

// heightFactor scales cadence for height; 1 when the height is unknown.
func heightFactor(heightCM float64) float64 {
	if !(heightCM > 100 && heightCM < 250) {
		return 1
	}
	return math.Pow(heightCM/refHeightCM, heightExponent)
}

// PopulationCadenceSPM is the cadence typical of recreational runners at
// speed v (m/s), for a runner of heightCM (NaN: unknown).
func PopulationCadenceSPM(v, heightCM float64) float64 {
	return (normCadenceSPM + normCadenceSlope*(clampSpeed(v)-normSpeedMPS)) * heightFactor(heightCM)
}

// PopulationGCTms is the contact time typical at speed v: the typical duty
// factor at the typical cadence.
func PopulationGCTms(v, heightCM float64) float64 {
	return normDutyFactor * 120000 / PopulationCadenceSPM(v, heightCM)
}

// line is y = A + B·x.
type line struct{ A, B float64 }

func (l line) at(x float64) float64 { return l.A + l.B*x }

// Baseline is the runner's own form against speed, fitted over their runs'
// kilometre splits. Valid only from MinBaselineRuns runs with cadence.
type Baseline struct {
	Runs       int  // runs with cadence and speed that went into it
	HasCadence bool // cadence line fitted
	HasGCT     bool // contact-time line fitted (MinBaselineRuns runs with contact time)
	Cadence    line // spm against m/s
	GCT        line // ms against m/s
}

// CadenceSPM is the runner's own cadence at speed v.
func (b *Baseline) CadenceSPM(v float64) float64 { return b.Cadence.at(clampSpeed(v)) }

// GCTms is the runner's own contact time at speed v.
func (b *Baseline) GCTms(v float64) float64 { return b.GCT.at(clampSpeed(v)) }

// baselinePoints collects, per run, the splits that carry speed and the
// measurement, weighted by running time.
type baselinePoints struct {
	runs          int
	speed, y, wts []float64
}

func (p *baselinePoints) addRun(splits []Split, get func(Form) float64) {
	n := len(p.y)
	for _, s := range splits {
		v, y := s.Form.SpeedMPS, get(s.Form)
		if math.IsNaN(v) || math.IsNaN(y) || s.Form.RunningS < 60 {
			continue
		}
		p.speed = append(p.speed, clampSpeed(v))
		p.y = append(p.y, y)
		p.wts = append(p.wts, s.Form.RunningS)
	}
	if len(p.y) > n {
		p.runs++
	}
}

// fit regresses y on speed (gonum/stat, weighted least squares). With too
// little spread in speed it keeps popSlope through the weighted means.
func (p *baselinePoints) fit(popSlope float64) (line, bool) {
	if p.runs < MinBaselineRuns {
		return line{}, false
	}
	meanV, sdV := stat.MeanStdDev(p.speed, p.wts)
	if !(sdV >= baselineMinSpeedSpreadMPS) {
		meanY := stat.Mean(p.y, p.wts)
		return line{A: meanY - popSlope*meanV, B: popSlope}, true
	}
	a, b := stat.LinearRegression(p.speed, p.y, p.wts, false)
	return line{A: a, B: b}, true
}

// FitBaseline fits the runner's own cadence and contact time against speed
// from the splits of their runs (one slice of splits per run).
func FitBaseline(runs [][]Split) Baseline {
	var cad, gct baselinePoints
	for _, splits := range runs {
		cad.addRun(splits, func(f Form) float64 { return f.CadenceSPM })
		gct.addRun(splits, func(f Form) float64 { return f.GCTms })
	}
	b := Baseline{Runs: cad.runs}
	b.Cadence, b.HasCadence = cad.fit(normCadenceSlope)
	// The population contact-time slope at the reference speed.
	gctSlope := (PopulationGCTms(normSpeedMPS+0.5, math.NaN()) - PopulationGCTms(normSpeedMPS-0.5, math.NaN()))
	b.GCT, b.HasGCT = gct.fit(gctSlope)
	return b
}
