package analysis

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Signals on what else the watch records (issue 14): left/right balance,
// hills and cold. They are factors like the others in signals.go: each sets
// numb runs against clean ones and counts only where it sets them apart
// (docs/factors.md has every threshold and its source).
const (
	// BalanceGapPct: the numb foot's share of contact time must be at
	// least 1.5 percentage points higher on numb runs than on clean ones.
	// It is the width of the middle bands of Garmin's colour gauge for
	// ground-contact time balance (green up to 50.7 %, orange 50.8–52.2 %,
	// red beyond, 40/25/5 % of runners: Garmin owner's manuals, "GCT
	// balance"): a move from even into the red.
	BalanceGapPct = 1.5
	// DownhillGapPct: numb runs must spend at least 10 percentage points
	// more of their running time on descents than clean runs. runlog's
	// choice: a tenth of the run, about a kilometre of a 10-km run, is the
	// least that a runner would call "the long descent".
	DownhillGapPct = 10.0
	// ColdGapC: numb runs must be at least 5 °C colder than clean runs by
	// the watch's sensor. runlog's choice: a wrist sensor reads several
	// degrees above the air, by how much depending on sleeves and wind,
	// so smaller gaps could be clothing rather than weather.
	ColdGapC = 5.0
)

// balanceSide is the one foot the numb runs' notes name most (left or
// right), "" when none names a single side.
func (d *evidenceData) balanceSide() string {
	feet, _ := d.feet()
	switch {
	case feet["left"] == 0 && feet["right"] == 0:
		return ""
	case feet["right"] > feet["left"]:
		return "right"
	}
	return "left"
}

// sideShare is the share of contact time on side for a run, %.
func sideShare(r *RunResult, side string) float64 {
	if side == "right" {
		return 100 - r.Extras.BalanceLeftPct
	}
	return r.Extras.BalanceLeftPct
}

// valueGap compares a per-run value between numb and clean runs as
// metricGap does for the report's comparison: Value is sign × (numb −
// clean), P Welch's test, N the smaller group. Its numb_runs and
// clean_runs say how many runs of each group had the value, naming subset
// where that is not the whole group (groupRuns).
func (d *evidenceData) valueGap(get func(*RunResult) float64, sign float64, digits int, subset string) (Signal, bool) {
	a, b := metricValues(d.numb, get), metricValues(d.clean, get)
	if len(a) == 0 || len(b) == 0 {
		return Signal{}, false
	}
	mn, mc := meanOf(a), meanOf(b)
	p := welchP(a, b)
	numbRuns, cleanRuns := groupPair(len(a), len(d.numb), len(b), len(d.clean), subset)
	return Signal{Value: sign * (mn - mc), N: min(len(a), len(b)), P: p, Vars: vars(
		"numb", fmt.Sprintf("%.*f", digits, mn), "clean", fmt.Sprintf("%.*f", digits, mc),
		"gap", fmt.Sprintf("%.*f", digits, sign*(mn-mc)), "p", pStr(p), "n_numb", len(a), "n_clean", len(b),
		"numb_runs", numbRuns, "clean_runs", cleanRuns)}, true
}

// balanceSideGap: the numb foot's share of ground-contact time on numb
// runs minus the same on clean runs, percentage points (the article's "one
// foot" case: does the numb foot stay longer on the ground?); Welch's test.
// The foot is the one the numb runs' notes name most.
func balanceSideGap(d *evidenceData) (Signal, bool) {
	side := d.balanceSide()
	if side == "" {
		return Signal{}, false
	}
	s, ok := d.valueGap(func(r *RunResult) float64 { return sideShare(r, side) }, 1, 1, withBalance)
	if ok {
		s.Vars["side"] = side
	}
	return s, ok
}

// downhillShareGap: the share of running time on descents (grade ≤
// DescentGradePct), numb runs minus clean runs, percentage points.
// Without any descent on the compared runs there is nothing to compare.
func downhillShareGap(d *evidenceData) (Signal, bool) {
	any := false
	for _, r := range d.known {
		any = any || r.Extras.Hills.DownhillSharePct > 0
	}
	if !any {
		return Signal{}, false
	}
	return d.valueGap(func(r *RunResult) float64 { return r.Extras.Hills.DownhillSharePct }, 1, 0, withGrades)
}

// temperatureGap: the file's temperature, clean runs minus numb runs, °C:
// positive when numb runs were colder.
func temperatureGap(d *evidenceData) (Signal, bool) {
	return d.valueGap(func(r *RunResult) float64 { return r.Extras.TemperatureC }, -1, 0, withTemperature)
}

// coldNotes: notes of cold (cold, freezing, frost, below zero, −5 °C, …)
// on numb runs against clean runs with a note, as a likelihood ratio with
// Fisher's test (like tightShoeNotes: a run nobody wrote about could not
// mention the weather).
func coldNotes(d *evidenceData) (Signal, bool) {
	return d.share(withNote, func(r *RunResult) (bool, bool) { return noteSays(r, "cold"), len(r.Numbness.Notes) > 0 })
}

// onsetDescent: of the numb runs whose onset has grades around it, the
// share where it began on a descent, over the share of their running time
// spent on descents (what chance would give): a ratio like the likelihood
// ratios of the other factors. P is the binomial test of that many onsets
// on descents given the time share (one-sided: more than chance); NaN when
// no onset was on a descent and chance would expect less than one there.
func onsetDescent(d *evidenceData) (Signal, bool) {
	k, n := 0, 0
	var shares []float64
	for _, r := range d.numb {
		o := r.OnsetExtras
		if o == nil || !o.DescentKnown || math.IsNaN(r.Extras.Hills.DownhillSharePct) {
			continue
		}
		n++
		if o.OnDescent {
			k++
		}
		shares = append(shares, r.Extras.Hills.DownhillSharePct/100)
	}
	if n == 0 {
		return Signal{}, false
	}
	p0 := meanOf(shares)
	if p0 == 0 && k == 0 {
		return Signal{}, false // no descents on these runs: nothing to compare
	}
	var ratio, p float64
	switch {
	case k == 0 && float64(n)*p0 < 1:
		// Chance would put less than one onset on a descent: none there
		// says nothing either way (no test; "too few runs for a test").
		ratio, p = 0, math.NaN()
	case k == 0:
		ratio, p = 0, 1
	case p0 == 0:
		ratio, p = math.Inf(1), 0
	default:
		ratio = (float64(k) / float64(n)) / p0
		b := distuv.Binomial{N: float64(n), P: math.Min(p0, 1)}
		p = b.Survival(float64(k) - 0.5) // P(X ≥ k)
	}
	text := fmt.Sprintf("%.1f", ratio)
	if math.IsInf(ratio, 1) {
		text = "∞"
	}
	return Signal{Value: ratio, N: n, P: p, Vars: vars("count", k, "n", n, "share", fmt.Sprintf("%.0f", 100*p0),
		"ratio", text, "p", pStr(p))}, true
}
