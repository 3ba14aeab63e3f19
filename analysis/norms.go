package analysis

import (
	"math"
	"path/filepath"
	"strings"

	"gonum.org/v1/gonum/stat"
)

// Population references for running form at a given speed, and the
// runner's own baseline. Every number is explained, with its source, in
// docs/overstriding.md; the published relations are gathered in
// ../shared/science.md.
const (
	// Cadence against speed, recreational runners wearing watches:
	// cadence ≈ 150 + 6.0·v spm (v in m/s), between-runner SD ≈ 8 spm at a
	// given speed, valid about 1.6–4.7 m/s (van Oeveren et al. 2019, 256
	// runners, 16,000 h of watch data). It agrees within ~3 spm with de
	// Ruiter et al. 2020 (Eur J Sport Sci 20:182: 165 ± 8 spm at 3.04 m/s)
	// and Lieberman et al. 2015 (J Exp Biol 218:3406: 170 ± 7 at 3.0 m/s).
	popCadenceInterceptSPM = 150
	popCadenceSlope        = 6.0 // spm per m/s
	popCadenceSDSPM        = 8

	// Contact time against speed: GCT_ref(v) ≈ 263·(v/3.08)^−0.5 ms,
	// between-runner SD ≈ 10 %. 263 ms is the centre of Garmin's published
	// running-dynamics bands; the exponent is bracketed 0.3–0.87 (Hoyt et
	// al. 2000, J Exp Biol 203:221, as the upper bound; the shared fixtures
	// fit ≈ 0.47). Duty factor falls with speed (Bonnaerens et al. 2021,
	// BMJ Open Sport Exerc Med 7:e000996: 0.43–0.56 below 2.6 m/s), so a
	// constant duty factor would make slow joggers look like overstriders.
	popGCTms       = 263
	popGCTSpeedMPS = 3.08
	popGCTExponent = -0.5
	popGCTSDFrac   = 0.10
	refSpeedMinMPS = 1.6 // lower end of the speeds the references cover (van Oeveren 2019)
	refSpeedMaxMPS = 4.7 // upper end: above ~65–70 % of top speed cadence climbs faster than linearly

	// zNotable and zStrong are the 5th and 1st percentiles of a normal
	// spread: a percentile rule as Garmin's colour bands use, made
	// speed-specific (science.md, "What overstriding is").
	zNotable = -1.645
	zStrong  = -2.33

	// refHeightCM and heightExponent scale the expected cadence for the
	// runner's height. By dynamic similarity (Alexander & Jayes 1983,
	// J Zool 201:135) stride length grows with leg length^0.7 at equal
	// speed, so cadence goes with leg length^-0.7; science.md calls −0.7 an
	// upper bound (de Ruiter 2020: r −0.5 to −0.66; Cavanagh & Kram 1989:
	// not significant). runlog assumes 175 cm for the reference runners.
	refHeightCM    = 175
	heightExponent = -0.7

	// legPerHeight: leg length (hip to floor) is 0.53 of standing height
	// (Drillis & Contini 1966, as tabulated in Winter, Biomechanics and
	// Motor Control of Human Movement).
	legPerHeight = 0.53
)

// MinBaselineRuns is how many other runs of the same runner (same watch,
// same folder) with cadence are needed before a run is judged against the
// runner's own form instead of the population's (runlog's choice: with
// fewer, one odd run moves the line by more than the 8 spm spread it is
// meant to replace; docs/overstriding.md).
const MinBaselineRuns = 5

// BaselineMinSpeedSpreadMPS: the baseline runs' average speeds must span
// at least this much (fastest minus slowest, m/s) for a slope on speed to
// mean something: 0.5 m/s is about 2 km/h, five times the few-percent
// speed error of a watch at 3 m/s (runlog's choice; docs/overstriding.md).
const BaselineMinSpeedSpreadMPS = 0.5

// baselineReachMPS: the runner's own line is used only within this much of
// the speeds it was fitted on; beyond, the population norm (runlog's
// choice: a line is not extrapolated further than half the
// minimum spread it needs).
const baselineReachMPS = 0.25

// InReferenceRange reports whether speed v (m/s) lies within the speeds
// the population references were measured over (1.6–4.7 m/s).
func InReferenceRange(v float64) bool { return v >= refSpeedMinMPS && v <= refSpeedMaxMPS }

// refSpeed is the speed a reference is evaluated at: v itself within the
// reference range, else the nearest end of it (the reasons say so).
func refSpeed(v float64) float64 {
	return math.Min(refSpeedMaxMPS, math.Max(refSpeedMinMPS, v))
}

// heightFactor scales cadence for height; 1 when the height is unknown.
func heightFactor(heightCM float64) float64 {
	if !(heightCM > 100 && heightCM < 250) {
		return 1
	}
	return math.Pow(heightCM/refHeightCM, heightExponent)
}

// PopulationCadenceSPM is the cadence typical of recreational runners at
// speed v (m/s), for a runner of heightCM (NaN: unknown): 150 + 6.0·v
// (van Oeveren et al. 2019). Outside 1.6–4.7 m/s it is the value at the
// nearest end of that range.
func PopulationCadenceSPM(v, heightCM float64) float64 {
	return (popCadenceInterceptSPM + popCadenceSlope*refSpeed(v)) * heightFactor(heightCM)
}

// PopulationGCTms is the contact time (ms) typical at speed v (m/s):
// 263·(v/3.08)^−0.5; outside 1.6–4.7 m/s the value at the nearest end.
func PopulationGCTms(v float64) float64 {
	return popGCTms * math.Pow(refSpeed(v)/popGCTSpeedMPS, popGCTExponent)
}

// line is y = A + B·x.
type line struct{ A, B float64 }

func (l line) at(x float64) float64 { return l.A + l.B*x }

// Baseline is the runner's own form against speed, fitted over the
// kilometre splits (warm-up left out) of their other runs. Valid only from
// MinBaselineRuns runs with cadence over BaselineMinSpeedSpreadMPS.
type Baseline struct {
	Runs       int  // runs with cadence and speed that went into it
	HasCadence bool // cadence line fitted
	HasGCT     bool // contact-time line fitted (MinBaselineRuns runs with contact time)
	Cadence    line // spm against m/s
	GCT        line // ms against m/s
	// MinSpeedMPS, MaxSpeedMPS: the split speeds the lines were fitted on.
	MinSpeedMPS, MaxSpeedMPS float64
}

// covers reports whether the own line may be used at speed v.
func (b *Baseline) covers(v float64) bool {
	return v >= b.MinSpeedMPS-baselineReachMPS && v <= b.MaxSpeedMPS+baselineReachMPS
}

// CadenceSPM is the runner's own cadence at speed v.
func (b *Baseline) CadenceSPM(v float64) float64 { return b.Cadence.at(v) }

// GCTms is the runner's own contact time at speed v.
func (b *Baseline) GCTms(v float64) float64 { return b.GCT.at(v) }

// baselinePoints collects, per run, the splits that carry speed and the
// measurement, weighted by running time.
type baselinePoints struct {
	runs          int
	runSpeeds     []float64 // each run's mean speed over its points
	speed, y, wts []float64
}

func (p *baselinePoints) addRun(splits []Split, get func(Form) float64) {
	n := len(p.y)
	sw, swv := 0.0, 0.0
	for i, s := range splits {
		v, y := s.Form.SpeedMPS, get(s.Form)
		if math.IsNaN(v) || math.IsNaN(y) || s.Form.RunningS < 60 || inWarmUp(splits, i) {
			continue
		}
		p.speed = append(p.speed, v)
		p.y = append(p.y, y)
		p.wts = append(p.wts, s.Form.RunningS)
		sw += s.Form.RunningS
		swv += s.Form.RunningS * v
	}
	if len(p.y) > n {
		p.runs++
		p.runSpeeds = append(p.runSpeeds, swv/sw)
	}
}

// fit regresses y on speed (gonum/stat, weighted least squares); false
// with too few runs or too little spread of their speeds.
func (p *baselinePoints) fit() (line, bool) {
	if p.runs < MinBaselineRuns {
		return line{}, false
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range p.runSpeeds {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if !(hi-lo >= BaselineMinSpeedSpreadMPS) {
		return line{}, false
	}
	a, b := stat.LinearRegression(p.speed, p.y, p.wts, false)
	return line{A: a, B: b}, true
}

// FitBaseline fits the runner's own cadence and contact time against speed
// from the splits of their runs (one slice of splits per run; kilometres
// that overlap the warm-up are left out). HasCadence is false with
// fewer than MinBaselineRuns runs or speeds spread less than
// BaselineMinSpeedSpreadMPS.
func FitBaseline(runs [][]Split) Baseline {
	var cad, gct baselinePoints
	for _, splits := range runs {
		cad.addRun(splits, func(f Form) float64 { return f.CadenceSPM })
		gct.addRun(splits, func(f Form) float64 { return f.GCTms })
	}
	b := Baseline{Runs: cad.runs}
	b.Cadence, b.HasCadence = cad.fit()
	if b.HasCadence {
		b.GCT, b.HasGCT = gct.fit()
		b.MinSpeedMPS, b.MaxSpeedMPS = math.Inf(1), math.Inf(-1)
		for _, v := range cad.speed {
			b.MinSpeedMPS, b.MaxSpeedMPS = math.Min(b.MinSpeedMPS, v), math.Max(b.MaxSpeedMPS, v)
		}
	}
	return b
}

// RunnerKey says whose runs may share a baseline: the same watch (its
// serial, else manufacturer and product when the file gives no serial) in
// the same folder (the run's Source directory; for a file inside an
// archive, the archive's directory). Runs of different keys are never
// pooled into one "your own" baseline.
func RunnerKey(r *RunResult) string {
	watch := "serial:" + r.Device.Serial
	if r.Device.Serial == "" {
		watch = "product:" + r.Device.Manufacturer + "/" + r.Device.Product
	}
	src, _, _ := strings.Cut(r.Source, "!")
	return watch + "|" + filepath.Dir(src)
}
