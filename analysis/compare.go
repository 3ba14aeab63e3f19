package analysis

import (
	"fmt"
	"math"
	"sort"

	"github.com/runlog/runlog/analysis/notes"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// SmallGroup is the group size under which a comparison carries a plain
// warning: with fewer than 5 runs on either side, a difference is a hint,
// not a finding.
const SmallGroup = 5

// Comparison sets the runs with numbness against the runs without.
type Comparison struct {
	NumbRuns, CleanRuns int
	Metrics             []MetricComparison // in a fixed order
	Treadmill           ShareComparison
	Shoes               []ShoeRate // by name
	// NewShoes and WornShoes: runs on a pair's first NewShoeKm and past
	// WornShoeKm (shoes.go); nil when not known for numb or clean runs.
	NewShoes, WornShoes *ShareComparison
	Caution             []string
}

// MetricComparison compares one measurement's mean between the groups with
// Welch's t-test, which does not assume equal variances and uses the t
// distribution, so it holds for small groups of roughly normal values.
type MetricComparison struct {
	Metric         string // e.g. "avg_cadence_spm"
	NNumb, NClean  int    // runs with the value in each group
	MeanNumb       float64
	MeanClean      float64
	Difference     float64 // numb − clean
	PValue         float64 // two-sided; NaN when a group has fewer than 2 values
	Interpretation string
}

// ShareComparison compares a yes/no property (a treadmill run) between the
// groups with Fisher's exact test, exact for any group size.
type ShareComparison struct {
	NumbYes, NumbTotal   int
	CleanYes, CleanTotal int
	PValue               float64
	Interpretation       string // as for MetricComparison
}

// ShoeRate is the numbness rate of runs in one shoe against the rest,
// Fisher's exact test between them.
type ShoeRate struct {
	Shoe               string
	NumbRuns, Runs     int
	OtherNumb, OtherRs int
	Rate, OtherRate    float64
	PValue             float64
	Interpretation     string // as for MetricComparison
}

// comparedMetrics are the run values compared, in order, each with the
// precision the reports print its mean at (report/text.go comparisonRows):
// shown rounds a mean as printed.
var comparedMetrics = []struct {
	name  string
	get   func(*RunResult) float64
	shown func(float64) float64
}{
	{"avg_cadence_spm", func(r *RunResult) float64 { return r.Measure.Run.CadenceSPM }, digits(0)},
	{"avg_gct_ms", func(r *RunResult) float64 { return r.Measure.Run.GCTms }, digits(0)},
	{"avg_step_length_m", func(r *RunResult) float64 { return r.Measure.Run.StepLengthM }, digits(2)},
	// Speed (running only): cadence and contact time follow it, so a
	// difference in raw cadence between slower numb runs and faster clean
	// ones is read beside it (docs/causes.md).
	{"avg_speed_mps", func(r *RunResult) float64 { return r.Measure.Run.SpeedMPS },
		func(v float64) float64 { return math.Round(1000 / v) }}, // printed as pace, whole s/km
	{"overstride_score", func(r *RunResult) float64 { return r.Overstride.Score }, digits(0)},
	// The speed-adjusted residuals (between-runner SDs at the run's speed,
	// docs/overstriding.md): long slow runs do not pass for bad form.
	{"overstride_cadence_z", func(r *RunResult) float64 { return r.Overstride.CadenceZ }, digits(1)},
	{"overstride_gct_z", func(r *RunResult) float64 { return r.Overstride.GCTZ }, digits(1)},
	{"distance_m", func(r *RunResult) float64 { return r.DistanceM }, func(v float64) float64 { return math.Round(v / 10) }}, // km, 2 decimals
	{"timer_s", func(r *RunResult) float64 { return r.TimerS }, digits(0)},
}

// digits rounds to n decimals.
func digits(n int) func(float64) float64 {
	p := math.Pow(10, float64(n))
	return func(v float64) float64 { return math.Round(v*p) / p }
}

// AlikeShown is the interpretation of a difference too small to show: the
// means print the same, so the table does not call it a difference,
// whatever a test on runs of nearly no spread says (a runner repeating one
// loop has distances metres apart).
const AlikeShown = "alike to the precision shown"

// Compare sets runs whose notes report numbness against runs reported (or
// counted) free of it. Nil when either group is empty.
func Compare(runs []RunResult) *Comparison {
	var numb, clean []*RunResult
	for i := range runs {
		switch runs[i].Numbness.Reported {
		case notes.Yes:
			numb = append(numb, &runs[i])
		case notes.No:
			clean = append(clean, &runs[i])
		}
	}
	if len(numb) == 0 || len(clean) == 0 {
		return nil
	}
	c := &Comparison{NumbRuns: len(numb), CleanRuns: len(clean)}
	for _, m := range comparedMetrics {
		a, b := metricValues(numb, m.get), metricValues(clean, m.get)
		mc := MetricComparison{Metric: m.name, NNumb: len(a), NClean: len(b), MeanNumb: meanOf(a), MeanClean: meanOf(b), PValue: math.NaN()}
		mc.Difference = mc.MeanNumb - mc.MeanClean
		mc.PValue = welchP(a, b)
		mc.Interpretation = interpret(mc.PValue, len(a), len(b))
		if len(a) > 0 && len(b) > 0 && m.shown(mc.MeanNumb) == m.shown(mc.MeanClean) && !math.IsNaN(mc.PValue) {
			mc.Interpretation = AlikeShown
		}
		c.Metrics = append(c.Metrics, mc)
	}
	// A treadmill run by the watch's sub-sport or by its note: the
	// definition the verdicts use too (RunResult.OnTreadmill).
	tm := ShareComparison{NumbTotal: len(numb), CleanTotal: len(clean)}
	for _, r := range numb {
		if r.OnTreadmill() {
			tm.NumbYes++
		}
	}
	for _, r := range clean {
		if r.OnTreadmill() {
			tm.CleanYes++
		}
	}
	tm.PValue = fisherP(tm.NumbYes, tm.NumbTotal-tm.NumbYes, tm.CleanYes, tm.CleanTotal-tm.CleanYes)
	switch tm.NumbYes + tm.CleanYes {
	case 0:
		tm.Interpretation = "no run was on a treadmill"
	case tm.NumbTotal + tm.CleanTotal:
		tm.Interpretation = "every run was on a treadmill"
	default:
		tm.Interpretation = interpret(tm.PValue, tm.NumbTotal, tm.CleanTotal)
	}
	c.Treadmill = tm
	c.Shoes = shoeRates(numb, clean)
	if len(numb) < SmallGroup || len(clean) < SmallGroup {
		c.Caution = append(c.Caution, fmt.Sprintf("only %d runs with numbness and %d without: differences here are hints to watch, not findings", len(numb), len(clean)))
	}
	c.Caution = append(c.Caution, "a difference between the groups shows what goes with numbness in your runs, not what causes it")
	return c
}

func metricValues(runs []*RunResult, get func(*RunResult) float64) []float64 {
	var out []float64
	for _, r := range runs {
		if v := get(r); !math.IsNaN(v) {
			out = append(out, v)
		}
	}
	return out
}

func meanOf(x []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	return stat.Mean(x, nil)
}

// welchP is the two-sided p-value of Welch's t-test; NaN when a group has
// fewer than two values. With no spread in either group it is the limit:
// 0 when the means differ, 1 when they are equal.
func welchP(a, b []float64) float64 {
	if len(a) < 2 || len(b) < 2 {
		return math.NaN()
	}
	ma, va := stat.MeanVariance(a, nil)
	mb, vb := stat.MeanVariance(b, nil)
	sa, sb := va/float64(len(a)), vb/float64(len(b))
	se := math.Sqrt(sa + sb)
	if !(se > 0) {
		// No spread in either group: t is infinite when the means differ
		// (p → 0) and undefined when they are equal (no difference: 1).
		if ma != mb {
			return 0
		}
		return 1
	}
	t := (ma - mb) / se
	df := (sa + sb) * (sa + sb) / (sa*sa/float64(len(a)-1) + sb*sb/float64(len(b)-1))
	st := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}
	return 2 * st.Survival(math.Abs(t))
}

// fisherP is the two-sided p-value of Fisher's exact test on the table
// [[a b] [c d]]: the probability of tables with the same margins at most as
// likely as this one.
func fisherP(a, b, c, d int) float64 {
	row1, col1, n := a+b, a+c, a+b+c+d
	if n == 0 || row1 == 0 || row1 == n || col1 == 0 || col1 == n {
		return math.NaN() // nothing varies: no test
	}
	logP := func(x int) float64 {
		return lchoose(row1, x) + lchoose(n-row1, col1-x) - lchoose(n, col1)
	}
	observed := logP(a)
	p := 0.0
	for x := max(0, col1-(n-row1)); x <= min(row1, col1); x++ {
		if lp := logP(x); lp <= observed+1e-9 {
			p += math.Exp(lp)
		}
	}
	return math.Min(1, p)
}

func lchoose(n, k int) float64 {
	a, _ := math.Lgamma(float64(n + 1))
	b, _ := math.Lgamma(float64(k + 1))
	c, _ := math.Lgamma(float64(n - k + 1))
	return a - b - c
}

// ClearP is the usual significance level: below it the comparison table
// calls a difference a difference ("clear" from SmallGroup runs a side).
const ClearP = 0.05

// interpret words a p-value: below ClearP a difference; below SeparatesP
// (0.2, runlog's choice, loose on purpose for groups of a few runs) one
// worth watching; from SmallGroup runs a side a "clear" one.
func interpret(p float64, na, nb int) string {
	switch {
	case math.IsNaN(p):
		return "too few runs to test"
	case p < ClearP && min(na, nb) >= SmallGroup:
		return "a clear difference (p < 0.05)"
	case p < ClearP:
		return "a difference (p < 0.05), but from few runs"
	case p < SeparatesP:
		return "a possible difference; more runs would tell"
	default:
		return "no clear difference"
	}
}

// shoeRates lists, for every shoe named in the notes, how often runs in it
// were numb against runs in the other shoes.
func shoeRates(numb, clean []*RunResult) []ShoeRate {
	type tally struct{ numb, runs int }
	by := map[string]*tally{}
	totalNumb, total := 0, 0
	add := func(r *RunResult, isNumb bool) {
		if r.Gear == "" {
			return
		}
		t := by[r.Gear]
		if t == nil {
			t = &tally{}
			by[r.Gear] = t
		}
		t.runs++
		total++
		if isNumb {
			t.numb++
			totalNumb++
		}
	}
	for _, r := range numb {
		add(r, true)
	}
	for _, r := range clean {
		add(r, false)
	}
	names := make([]string, 0, len(by))
	for name := range by {
		names = append(names, name)
	}
	sort.Strings(names)
	var out []ShoeRate
	for _, name := range names {
		t := by[name]
		s := ShoeRate{Shoe: name, NumbRuns: t.numb, Runs: t.runs, OtherNumb: totalNumb - t.numb, OtherRs: total - t.runs}
		s.Rate = float64(t.numb) / float64(t.runs)
		s.OtherRate = math.NaN()
		if s.OtherRs > 0 {
			s.OtherRate = float64(s.OtherNumb) / float64(s.OtherRs)
		}
		s.PValue = fisherP(t.numb, t.runs-t.numb, s.OtherNumb, s.OtherRs-s.OtherNumb)
		s.Interpretation = interpret(s.PValue, s.Runs, s.OtherRs)
		out = append(out, s)
	}
	return out
}
