package analysis

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/runlog/runlog/analysis/notes"
	"gonum.org/v1/gonum/stat"
)

// Signal is one number analysis reads off the runs and notes for the
// knowledge rules (knowledge.yaml), with how many runs or notes it rests on,
// the p-value of its test (NaN when it is not a comparison) and the values
// its sentences quote.
type Signal struct {
	Value float64
	N     int
	P     float64
	Vars  map[string]string
}

// SignalFunc reads one signal; false when the data cannot give it (then no
// rule on it holds).
type SignalFunc func(d *evidenceData) (Signal, bool)

// Signals is the registry the knowledge file names its signals from; a
// rule naming a signal not in it is an error when the file is loaded.
// There are two kinds (docs/causes.md):
//
//   - factors, which any run can have (a shoe, the treadmill, overstriding,
//     tight laces in a note): each compares numb runs with clean ones, Value
//     is the effect size (the likelihood ratio for shares, the difference
//     of speed-adjusted residuals for values) and P the small-sample test
//     (Fisher's exact test, Welch's t-test);
//   - descriptions of the numbness itself (where, which foot, how it
//     feels, at rest), which exist only when numbness does and are counted
//     from the notes.
var Signals = map[string]SignalFunc{
	// Factors.
	"shoe_ratio":           shoeRatio,
	"new_shoe_share":       newShoeShare,
	"worn_shoe_share":      wornShoeShare,
	"shoe_age_unrecorded":  shoeAgeUnrecorded,
	"tight_shoe_notes":     tightShoeNotes,
	"narrow_shoe_notes":    narrowShoeNotes,
	"treadmill_share":      treadmillShare,
	"overstride_share":     overstrideShare,
	"cadence_z_gap":        cadenceZGap,
	"gct_z_gap":            gctZGap,
	"overstride_score_gap": overstrideScoreGap,
	"fatigue_share":        fatigueShare,
	"local_factor_found":   localFactorFound,
	"local_causes_weak":    localCausesWeak,
	"shoes_named":          shoesNamed,
	// What else the watch records (signals_extras.go, docs/factors.md).
	"balance_side_gap":   balanceSideGap,
	"downhill_share_gap": downhillShareGap,
	"onset_descent":      onsetDescent,
	"temperature_gap":    temperatureGap,
	"cold_notes":         coldNotes,
	// Descriptions of the numbness.
	"top_of_foot_notes":      topOfFootNotes,
	"third_fourth_notes":     thirdFourthNotes,
	"forefoot_notes":         forefootNotes,
	"burning_pebble_notes":   burningPebbleNotes,
	"places_noted":           placesNoted,
	"forefoot_or_toes_notes": forefootOrToesNotes,
	"same_foot_share":        sameFootShare,
	"both_feet_share":        bothFeetShare,
	"onset_spread":           onsetSpread,
	"rest_or_lasting_notes":  restOrLastingNotes,
	"diabetes_b_notes":       diabetesBNotes,
	"numb_share":             numbShare,
}

// Thresholds for "a factor sets numb runs apart" (docs/causes.md). They are
// Go constants, not knowledge-file values, because local_causes_weak and
// local_factor_found must ask the same question of every factor that the
// rules ask of one.
const (
	// SeparatesLR: a likelihood ratio under 2 is "rarely important"
	// (Jaeschke, Guyatt & Sackett 1994, JAMA 271:703); the ratio of
	// shares as the effect size: Deeks & Altman 2004, BMJ 329:168.
	SeparatesLR = 2.0
	// SeparatesZ: half a between-runner SD of the speed-adjusted residual
	// (cadence_z), about 4 spm against the ±8 spm spread of preferred
	// cadence (Eur J Sport Sci 2020;20(2):182–190).
	SeparatesZ = 0.5
	// SeparatesP: runlog's "possible difference; more runs would tell"
	// level (interpret in compare.go), loose on purpose: with 3 runs a
	// group no test reaches 0.05 (../shared/science.md).
	SeparatesP = 0.2
	// MinJudgedRuns: runs a group before runlog calls a cause unlikely
	// for want of evidence, and before "no factor sets numb runs apart"
	// means anything: 4 numb and 4 clean runs are the fewest with which a
	// rank or Fisher test can reach p < 0.05 (../shared/science.md).
	// Fewer, and absence of a difference says nothing (Altman & Bland 1995,
	// BMJ 311:485): the cause is unknown.
	MinJudgedRuns = 4
)

// evidenceData is what the signals are computed from.
type evidenceData struct {
	runs       []RunResult
	numb       []*RunResult // runs whose notes report numbness
	clean      []*RunResult // runs reported or counted free of it
	known      []*RunResult // numb and clean
	cmp        *Comparison
	numbFacts  []notes.Facts // the merged facts of each numb run
	allFacts   []notes.Facts // every note read, matched or not
	numbNotes  int           // notes reporting numbness, matched or not
	notesGiven bool
	// clockNotSet counts the runs whose watch clock was never set: no
	// note can be matched to them by date.
	clockNotSet int
}

func newEvidenceData(runs []RunResult, cmp *Comparison, in *NotesInput) *evidenceData {
	d := &evidenceData{runs: runs, cmp: cmp, notesGiven: in.Given}
	for i := range runs {
		if runs[i].ClockNotSet {
			d.clockNotSet++
		}
		switch runs[i].Numbness.Reported {
		case notes.Yes:
			d.numb = append(d.numb, &runs[i])
			d.numbFacts = append(d.numbFacts, runs[i].Numbness.Facts)
			d.known = append(d.known, &runs[i])
		case notes.No:
			d.clean = append(d.clean, &runs[i])
			d.known = append(d.known, &runs[i])
		}
	}
	for i := range in.Entries {
		d.allFacts = append(d.allFacts, in.Entries[i].Facts)
		if in.Entries[i].Facts.Numbness == notes.Yes {
			d.numbNotes++
		}
	}
	return d
}

// computeSignals reads every registered signal the data supports, in name
// order.
func computeSignals(d *evidenceData) map[string]Signal {
	names := make([]string, 0, len(Signals))
	for n := range Signals {
		names = append(names, n)
	}
	sort.Strings(names)
	s := map[string]Signal{}
	for _, n := range names {
		if sig, ok := Signals[n](d); ok {
			s[n] = sig
		}
	}
	return s
}

// ---- Factors: numb runs against clean runs ----

// share compares how many numb and clean runs have a feature (has reports
// the feature and whether it is known for the run). Value is the
// likelihood ratio, the share among numb runs over the share among clean
// runs: +Inf when no clean run has it and some numb run does, 1 when no run
// has it; how sure that is, small groups being what they are, is P,
// Fisher's exact test. N is the smaller group.
//
// subset names the runs the feature is known for when they are not all
// ("with a note"): the lines then say "3 clean runs with a note", so that
// no count reads as a different number of clean runs than the comparison
// table's.
func (d *evidenceData) share(subset string, has func(*RunResult) (bool, bool)) (Signal, bool) {
	count := func(runs []*RunResult) (yes, n int) {
		for _, r := range runs {
			if v, ok := has(r); ok {
				n++
				if v {
					yes++
				}
			}
		}
		return
	}
	a, n1 := count(d.numb)
	c, n0 := count(d.clean)
	if n1 == 0 || n0 == 0 {
		return Signal{}, false
	}
	var lr float64
	switch {
	case a == 0 && c == 0:
		lr = 1
	case c == 0:
		lr = math.Inf(1)
	default:
		lr = (float64(a) / float64(n1)) / (float64(c) / float64(n0))
	}
	lrText := fmt.Sprintf("%.1f", lr)
	if math.IsInf(lr, 1) {
		lrText = "∞"
	}
	p := fisherP(a, n1-a, c, n0-c)
	numbRuns, cleanRuns := groupPair(n1, len(d.numb), n0, len(d.clean), subset)
	return Signal{Value: lr, N: min(n1, n0), P: p, Vars: vars("numb", a, "n_numb", n1, "clean", c, "n_clean", n0,
		"numb_runs", numbRuns, "clean_runs", cleanRuns,
		"lr", lrText, "p", pStr(p))}, true
}

// groupRuns names n runs of a group ("numb" or "clean") of total runs:
// "5 numb runs", or, when n is not the whole group, with the subset that
// makes the difference: "3 clean runs with a note".
func groupRuns(n, total int, group, subset string) string {
	s := plural(n, group+" run")
	if n != total && subset != "" {
		s += " " + subset
	}
	return s
}

// groupPair names both groups of a comparison, numb first, as groupRuns
// does, except that when both are subsets the subset is said once, after
// the clean runs, where it reads for both: "4 numb runs and 5 clean runs
// with an overstriding estimate", not "with an overstriding estimate"
// twice. Templates print numb_runs before clean_runs, joined by "and" or
// a comma.
func groupPair(n1, all1, n0, all0 int, subset string) (numb, clean string) {
	numb, clean = groupRuns(n1, all1, "numb", subset), groupRuns(n0, all0, "clean", subset)
	if subset != "" && n1 != all1 && n0 != all0 {
		numb = plural(n1, "numb run")
	}
	return numb, clean
}

// Subsets of runs a signal can be known for (groupRuns).
const (
	withNote     = "with a note"
	withEstimate = "with an overstriding estimate"
	withShoe     = "with a shoe named"
	withFatigue  = "long enough to judge fading form"
	withShoeAge  = "with their shoe's distance known"
	withFoot     = "with a foot noted"
	// what the watch recorded beyond form (issue 14)
	withBalance     = "with left/right balance recorded"
	withGrades      = "with grades recorded"
	withTemperature = "with a temperature recorded"
)

// metricGap reads one metric of the numb-against-clean comparison (the
// report's own table, compare.go): Value is sign × (numb − clean), P
// Welch's test.
//
// over is "" when the metric is known for every numb and clean run, else
// "; over 5 numb runs and 3 clean runs with an overstriding estimate".
func (d *evidenceData) metricGap(metric string, sign float64, digits int, subset string) (Signal, bool) {
	m := d.metric(metric)
	if m == nil || m.NNumb == 0 || m.NClean == 0 {
		return Signal{}, false
	}
	over := ""
	if m.NNumb != len(d.numb) || m.NClean != len(d.clean) {
		numbRuns, cleanRuns := groupPair(m.NNumb, len(d.numb), m.NClean, len(d.clean), subset)
		over = "; over " + numbRuns + " and " + cleanRuns
	}
	return Signal{Value: sign * m.Difference, N: min(m.NNumb, m.NClean), P: m.PValue, Vars: vars(
		"numb", fmtNum(m.MeanNumb, digits), "clean", fmtNum(m.MeanClean, digits),
		"gap", fmtNum(sign*m.Difference, digits), "neg_gap", fmtNum(-sign*m.Difference, digits),
		"p", pStr(m.PValue), "n_numb", m.NNumb, "n_clean", m.NClean, "over", over)}, true
}

// metric is the comparison's row for a metric; nil without it.
func (d *evidenceData) metric(name string) *MetricComparison {
	if d.cmp == nil {
		return nil
	}
	for i := range d.cmp.Metrics {
		if d.cmp.Metrics[i].Metric == name {
			return &d.cmp.Metrics[i]
		}
	}
	return nil
}

// fmtNum writes v with the given decimals, never as "-0.0".
func fmtNum(v float64, digits int) string {
	s := fmt.Sprintf("%.*f", digits, v)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	return s
}

// noteSays reports whether a run's notes name any of the fact ids; a run
// without notes does not (it is known: nothing was noted).
func noteSays(r *RunResult, ids ...string) bool {
	f := &r.Numbness.Facts
	for _, id := range ids {
		if has(f.Context, id) || has(f.Places, id) || has(f.Symptoms, id) {
			return true
		}
	}
	return false
}

// shoeRatio: the shoe (from the notes' gear) whose runs were numb most
// often, as a likelihood ratio: the share of numb runs in it over the share
// of clean runs in it; Fisher's test. Shoes are named only when at least
// two are.
func shoeRatio(d *evidenceData) (Signal, bool) {
	if d.cmp == nil || len(d.cmp.Shoes) < 2 {
		return Signal{}, false
	}
	var best Signal
	found := false
	for _, sh := range d.cmp.Shoes { // by name: ties keep the first
		name := sh.Shoe
		s, ok := d.share(withShoe, func(r *RunResult) (bool, bool) { return r.Gear == name, r.Gear != "" })
		if ok && (!found || s.Value > best.Value) {
			best, found = s, true
			best.Vars["shoe"] = name
		}
	}
	return best, found
}

// tightShoeNotes: notes of tight or narrow shoes or tight laces on
// numb runs against clean runs (the article: tight shoes and laces). Only
// runs with a note count: a clean run nobody wrote about could not mention
// its shoes, and counting it would make any noted factor look like a
// numb-run factor.
//
// When no note mentions them at all, the notes say nothing about the shoes
// (a runner who does not write "my shoes were fine" has not said so): no
// signal, so that the shoes are not judged from silence.
func tightShoeNotes(d *evidenceData) (Signal, bool) {
	return d.noted(func(r *RunResult) (bool, bool) {
		// New shoes are not here: a new pair is no complaint (shoe age is
		// its own signal, new_shoe_share, counted in km).
		return noteSays(r, "tight_shoes", "narrow_shoes", "laces"), len(r.Numbness.Notes) > 0
	})
}

// noted is share over the runs with a note, for a feature only a note can
// show: no signal when no note shows it.
func (d *evidenceData) noted(has func(*RunResult) (bool, bool)) (Signal, bool) {
	s, ok := d.share(withNote, has)
	if !ok || s.Vars["numb"] == "0" && s.Vars["clean"] == "0" {
		return Signal{}, false
	}
	return s, true
}

// narrowShoeNotes: notes of narrow or tight shoes on numb runs against
// clean runs with a note (the article: Morton's neuroma and shoes that
// squeeze).
func narrowShoeNotes(d *evidenceData) (Signal, bool) {
	return d.noted(func(r *RunResult) (bool, bool) {
		return noteSays(r, "narrow_shoes", "tight_shoes"), len(r.Numbness.Notes) > 0
	})
}

// treadmillShare: treadmill runs (RunResult.OnTreadmill: the FIT
// sub-sport, or a note saying so, as in the comparison table) among numb
// runs against clean runs (the article's treadmill answer: form and
// pounding).
func treadmillShare(d *evidenceData) (Signal, bool) {
	return d.share("", func(r *RunResult) (bool, bool) { return r.OnTreadmill(), true })
}

// overstrideShare: runs with moderate or high overstriding (judged against
// speed, docs/overstriding.md) among numb runs against clean runs.
func overstrideShare(d *evidenceData) (Signal, bool) {
	return d.share(withEstimate, func(r *RunResult) (bool, bool) {
		known := r.Overstride.Level != LevelUnknown && r.Overstride.Level != ""
		return known && r.Overstride.Level != LevelLow, known
	})
}

// cadenceZGap: the speed-adjusted cadence residual (Overstride.CadenceZ,
// in between-runner SDs), clean minus numb: positive when numb runs step
// slower than their speed calls for; Welch's test (compare.go).
//
// Its var raw explains, when the table's raw cadence or contact time differ
// (p < SeparatesP), why that difference is not what the rule weighs: it
// goes with the runs' speeds, or it is smaller than SeparatesZ for them.
func cadenceZGap(d *evidenceData) (Signal, bool) {
	s, ok := d.metricGap("overstride_cadence_z", -1, 1, withEstimate)
	if ok {
		s.Vars["raw"] = d.rawNote()
	}
	return s, ok
}

// rawNote is "" unless the comparison's raw cadence or contact time differ
// between numb and clean runs (p < SeparatesP); then it says by how much
// and whether the runs' speeds explain it (a cadence 6 spm higher per m/s
// and a contact time shorter with speed: norms.go), e.g. "; the raw
// cadence (164 against 172 spm, p < 0.001) goes with the speeds (8.3
// against 13.0 km/h), which call for it".
func (d *evidenceData) rawNote() string {
	cad, gct, v := d.metric("avg_cadence_spm"), d.metric("avg_gct_ms"), d.metric("avg_speed_mps")
	var parts []string
	explained := true
	if cad != nil && cad.PValue < SeparatesP && cad.Interpretation != AlikeShown {
		parts = append(parts, fmt.Sprintf("cadence (%s against %s spm, %s)", fmtNum(cad.MeanNumb, 0), fmtNum(cad.MeanClean, 0), pStr(cad.PValue)))
		if v != nil && !math.IsNaN(v.Difference) {
			want := PopulationCadenceSPM(v.MeanNumb, math.NaN()) - PopulationCadenceSPM(v.MeanClean, math.NaN())
			explained = explained && want*cad.Difference > 0 && math.Abs(want) >= 0.5*math.Abs(cad.Difference)
		}
	}
	if gct != nil && gct.PValue < SeparatesP && gct.Interpretation != AlikeShown {
		parts = append(parts, fmt.Sprintf("contact time (%s against %s ms, %s)", fmtNum(gct.MeanNumb, 0), fmtNum(gct.MeanClean, 0), pStr(gct.PValue)))
		if v != nil && !math.IsNaN(v.Difference) {
			want := PopulationGCTms(v.MeanNumb) - PopulationGCTms(v.MeanClean)
			explained = explained && want*gct.Difference > 0 && math.Abs(want) >= 0.5*math.Abs(gct.Difference)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	raw, verb := "; the table's raw "+strings.Join(parts, " and "), " differs"
	if len(parts) > 1 {
		verb = " differ"
	}
	if explained && v != nil && !math.IsNaN(v.Difference) {
		pace := "slower"
		if v.Difference > 0 {
			pace = "faster"
		}
		return raw + verb + fmt.Sprintf(" because numb runs were %s (%s against %s km/h), which calls for it", pace, fmtNum(v.MeanNumb*3.6, 1), fmtNum(v.MeanClean*3.6, 1))
	}
	return raw + verb + " by less, for the runs' speeds, than the 0.5 SD that counts"
}

// gctZGap: the same for contact time (GCTZ is negative when longer than
// the reference), clean minus numb: positive when numb runs stay longer on
// the ground than their speed calls for.
func gctZGap(d *evidenceData) (Signal, bool) {
	return d.metricGap("overstride_gct_z", -1, 1, withEstimate)
}

// overstrideScoreGap: the mean overstride score, numb minus clean, as the
// report's comparison shows it (Welch's test).
func overstrideScoreGap(d *evidenceData) (Signal, bool) {
	return d.metricGap("overstride_score", 1, 0, withEstimate)
}

// fatigueShare: runs whose form faded beyond what the pace explains
// (Fatigue.Fatigued, docs/overstriding.md) among numb runs against clean
// runs; runs where fatigue is not assessable are left out.
func fatigueShare(d *evidenceData) (Signal, bool) {
	return d.share(withFatigue, func(r *RunResult) (bool, bool) { return r.Fatigue.Fatigued, r.Fatigue.Assessable })
}

// longerRuns: how many times longer (timer time) numb runs are than clean
// ones, on average; Welch's test on the durations (compare.go). It backs no
// cause by itself, but numbness that comes with long runs is something
// about the runs — time for a shoe to press as the feet swell, or for
// landings to add up — so it stops "nothing else explains it".
func longerRuns(d *evidenceData) (Signal, bool) {
	if d.cmp == nil {
		return Signal{}, false
	}
	for _, m := range d.cmp.Metrics {
		if m.Metric == "timer_s" && m.NNumb > 0 && m.NClean > 0 && m.MeanClean > 0 {
			return Signal{Value: m.MeanNumb / m.MeanClean, N: min(m.NNumb, m.NClean), P: m.PValue}, true
		}
	}
	return Signal{}, false
}

// LongerRunsRatio is how many times longer numb runs must be, on average,
// for their length to count as setting them apart (with p < SeparatesP):
// half as long again. runlog's own choice, of the size of SeparatesLR
// (docs/causes.md).
const LongerRunsRatio = 1.5

// factorNames are the factors local_causes_weak and local_factor_found
// ask about, with how the report names them.
var factorNames = []struct {
	name  string
	read  SignalFunc
	limit float64 // the effect size that counts
}{
	{"a shoe", shoeRatio, SeparatesLR}, {"tight shoes or laces in the notes", tightShoeNotes, SeparatesLR},
	{"new shoes", newShoeShare, SeparatesLR}, {"worn shoes", wornShoeShare, SeparatesLR},
	{"the treadmill", treadmillShare, SeparatesLR}, {"overstriding", overstrideShare, SeparatesLR},
	{"cadence for the speed", cadenceZGap, SeparatesZ}, {"fading form", fatigueShare, SeparatesLR},
	{"longer runs", longerRuns, LongerRunsRatio},
	{"the numb foot's share of ground contact", balanceSideGap, BalanceGapPct},
	{"downhill running", downhillShareGap, DownhillGapPct}, {"onsets on descents", onsetDescent, SeparatesLR},
	// Cold is not here: it narrows the vessels, and may come with nerve
	// damage as without it, so it neither rules nerve damage in nor out
	// (knowledge.yaml, peripheral_neuropathy).
}

// separating lists the factors that set numb runs apart: an effect of at
// least SeparatesLR (shares) or SeparatesZ (residuals) with p < SeparatesP;
// checked are those the data could compare, unchecked those it could not.
func separating(d *evidenceData) (found, checked, unchecked []string) {
	for _, f := range factorNames {
		s, ok := f.read(d)
		if !ok {
			unchecked = append(unchecked, f.name)
			continue
		}
		checked = append(checked, f.name)
		if s.Value >= f.limit && s.P < SeparatesP {
			found = append(found, f.name)
		}
	}
	return found, checked, unchecked
}

// andList joins names as a sentence does: "a, b and c".
func andList(names []string) string {
	if n := len(names); n > 1 {
		return strings.Join(names[:n-1], ", ") + " and " + names[n-1]
	}
	return strings.Join(names, "")
}

// localFactorFound: 1 when a factor sets the numb runs apart, naming it;
// then "nothing else explains it" (the article's reasoning for nerve
// damage) does not hold.
func localFactorFound(d *evidenceData) (Signal, bool) {
	found, _, _ := separating(d)
	if len(found) == 0 {
		return Signal{}, false
	}
	return Signal{Value: 1, N: len(d.known), P: math.NaN(), Vars: vars("factors", andList(found))}, true
}

// localCausesWeak: 1 when no factor sets the numb runs apart over at
// least MinJudgedRuns numb and MinJudgedRuns clean runs: the article's
// "when the other causes are ruled out". Fewer runs rule out nothing.
func localCausesWeak(d *evidenceData) (Signal, bool) {
	if len(d.numb) < MinJudgedRuns || len(d.clean) < MinJudgedRuns {
		return Signal{}, false
	}
	found, checked, unchecked := separating(d)
	if len(found) > 0 || len(checked) == 0 {
		return Signal{}, false
	}
	// The factors the data could not compare are named: "nothing else
	// explains it" is only as wide as what was compared.
	not := ""
	if len(unchecked) > 0 {
		not = "; not ruled out, for want of data: " + andList(unchecked)
	}
	return Signal{Value: 1, N: len(d.known), P: math.NaN(), Vars: vars("n_numb", len(d.numb), "n_clean", len(d.clean),
		"checked", andList(checked), "unchecked", not)}, true
}

// shoesNamed: how many shoes the notes (or a gear column) name on the
// numb and clean runs; the shoe cause's unknown rules say from it why the
// shoes cannot be judged.
func shoesNamed(d *evidenceData) (Signal, bool) {
	if len(d.known) == 0 {
		return Signal{}, false
	}
	seen := map[string]bool{}
	for _, r := range d.known {
		if r.Gear != "" {
			seen[r.Gear] = true
		}
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return Signal{Value: float64(len(names)), N: len(d.known), P: math.NaN(), Vars: vars("count", len(names), "shoes", strings.Join(names, ", "))}, true
}

// ---- Descriptions of the numbness, from the numb runs' notes ----

// footPlaces are the places on the foot a note can name (notes.Facts.Places).
var footPlaces = []string{"toes", "third_fourth_toes", "ball_of_foot", "top_of_foot", "sole", "arch", "heel"}

// placedRuns are the numb runs whose notes say where on the foot it was,
// and the places they name.
func (d *evidenceData) placedRuns() (runs []*RunResult, where map[string]bool) {
	where = map[string]bool{}
	for _, r := range d.numb {
		placed := false
		for _, p := range footPlaces {
			if has(r.Numbness.Facts.Places, p) {
				placed, where[p] = true, true
			}
		}
		if placed {
			runs = append(runs, r)
		}
	}
	return runs, where
}

// placesNoted: how many numb runs' notes say where on the foot it was.
func placesNoted(d *evidenceData) (Signal, bool) {
	if len(d.numb) == 0 {
		return Signal{}, false
	}
	runs, where := d.placedRuns()
	return Signal{Value: float64(len(runs)), N: len(d.numb), P: math.NaN(), Vars: vars("count", len(runs), "where", words(where))}, true
}

// forefootOrToesNotes: of the numb runs whose notes say where, how many
// place it in the toes or the ball of the foot, where Morton's neuroma is
// felt (the article); N is the runs that say where. None of several is
// evidence against the neuroma.
func forefootOrToesNotes(d *evidenceData) (Signal, bool) {
	runs, where := d.placedRuns()
	if len(runs) == 0 {
		return Signal{}, false
	}
	count := 0
	for _, r := range runs {
		if noteSays(r, "toes", "third_fourth_toes", "ball_of_foot") {
			count++
		}
	}
	return Signal{Value: float64(count), N: len(runs), P: math.NaN(), Vars: vars("count", count, "n", len(runs), "where", words(where),
		"runs", groupRuns(len(runs), len(d.numb), "numb", "with a place noted"))}, true
}

// countNumbFacts counts numb runs whose notes name any of the ids.
func (d *evidenceData) countNumbFacts(ids ...string) (Signal, bool) {
	if len(d.numb) == 0 {
		return Signal{}, false
	}
	count, seen := 0, map[string]bool{}
	for _, f := range d.numbFacts {
		hit := false
		for _, id := range ids {
			if has(f.Context, id) || has(f.Places, id) || has(f.Symptoms, id) {
				hit, seen[id] = true, true
			}
		}
		if hit {
			count++
		}
	}
	n := len(d.numb)
	return Signal{Value: float64(count), N: n, P: math.NaN(), Vars: vars("count", count, "n", n, "what", words(seen), "where", words(seen))}, true
}

// topOfFootNotes: numb-run notes placing it on the top of the foot, where
// a tight shoe presses (the article).
func topOfFootNotes(d *evidenceData) (Signal, bool) { return d.countNumbFacts("top_of_foot") }

// thirdFourthNotes: between the third and fourth toes, the usual place of
// Morton's neuroma (the article).
func thirdFourthNotes(d *evidenceData) (Signal, bool) { return d.countNumbFacts("third_fourth_toes") }

// forefootNotes: the ball of the foot or between the toes (the article:
// Morton's neuroma is near the ball of the foot).
func forefootNotes(d *evidenceData) (Signal, bool) {
	return d.countNumbFacts("ball_of_foot", "third_fourth_toes")
}

// burningPebbleNotes: burning or a pebble feeling, the usual description of
// Morton's neuroma (the article's source, AJR 2017 "Walking on Pebbles").
func burningPebbleNotes(d *evidenceData) (Signal, bool) { return d.countNumbFacts("burning", "pebble") }

// countAllNotes counts notes (any, also on rest days) naming any of the ids
// among their red flags or context.
func (d *evidenceData) countAllNotes(ids ...string) (Signal, bool) {
	if len(d.allFacts) == 0 {
		return Signal{}, false
	}
	count, seen := 0, map[string]bool{}
	for _, f := range d.allFacts {
		hit := false
		for _, id := range ids {
			if has(f.RedFlags, id) || has(f.Context, id) {
				hit, seen[id] = true, true
			}
		}
		if hit {
			count++
		}
	}
	return Signal{Value: float64(count), N: count, P: math.NaN(), Vars: vars("count", count, "notes", plural(count, "note"), "n", len(d.allFacts), "what", words(seen))}, true
}

// restOrLastingNotes: numbness at rest, at night or lasting, in any note
// (the article: numbness that does not go away).
func restOrLastingNotes(d *evidenceData) (Signal, bool) {
	return d.countAllNotes("at_rest", "at_night", "lasting")
}

// diabetesBNotes: diabetes or a B-vitamin deficiency in any note (the
// article's causes of nerve damage).
func diabetesBNotes(d *evidenceData) (Signal, bool) {
	return d.countAllNotes("diabetes", "b_vitamin_deficiency")
}

// feet counts the numb runs by the foot their notes name (left, right,
// both, one); said is how many name one.
func (d *evidenceData) feet() (map[string]int, int) {
	feet, said := map[string]int{}, 0
	for _, r := range d.numb {
		if f := r.Numbness.Foot; f != "" && f != "unknown" {
			feet[f]++
			said++
		}
	}
	return feet, said
}

// sameFootShare: the share of numb runs with a foot noted that name the
// same single foot (left, or right). "One foot" without a side, or the left
// on one run and the right on another, is not the same foot (the article's
// one-foot answer is about one shoe on one side).
func sameFootShare(d *evidenceData) (Signal, bool) {
	feet, said := d.feet()
	if said == 0 {
		return Signal{}, false
	}
	side, n := "left", feet["left"]
	if feet["right"] > n {
		side, n = "right", feet["right"]
	}
	return Signal{Value: float64(n) / float64(said), N: said, P: math.NaN(), Vars: vars("count", n, "n", said, "side", side,
		"runs", groupRuns(said, len(d.numb), "numb", withFoot))}, true
}

// bothFeetShare: the share of numb runs with a foot noted that name both
// (the article: nerve damage affects the feet, not one shoe).
func bothFeetShare(d *evidenceData) (Signal, bool) {
	feet, said := d.feet()
	if said == 0 {
		return Signal{}, false
	}
	return Signal{Value: float64(feet["both"]) / float64(said), N: said, P: math.NaN(), Vars: vars("count", feet["both"], "n", said,
		"runs", groupRuns(said, len(d.numb), "numb", withFoot))}, true
}

// onsetSpread: the coefficient of variation of the noted onsets (km, else
// minutes): small when numbness starts at the same point of each run, as
// pressure that builds up would.
func onsetSpread(d *evidenceData) (Signal, bool) {
	var kms, mins []float64
	for _, r := range d.numb {
		if !math.IsNaN(r.Numbness.OnsetKm) {
			kms = append(kms, r.Numbness.OnsetKm)
		} else if !math.IsNaN(r.Numbness.OnsetMin) {
			mins = append(mins, r.Numbness.OnsetMin)
		}
	}
	onset, unit := kms, "km"
	if len(mins) > len(kms) {
		onset, unit = mins, "min"
	}
	if len(onset) < 2 {
		return Signal{}, false
	}
	m, sd := stat.MeanStdDev(onset, nil)
	if !(m > 0) {
		return Signal{}, false
	}
	return Signal{Value: sd / m, N: len(onset), P: math.NaN(), Vars: vars("mean", fmt.Sprintf("%.1f", m), "unit", unit, "n", len(onset),
		"runs", groupRuns(len(onset), len(d.numb), "numb", "with an onset noted"))}, true
}

// numbShare: numb runs among all runs (all, not only those with a known
// answer: with --unlogged unknown the runner may have noted only the bad
// days); the article's "every time you run".
func numbShare(d *evidenceData) (Signal, bool) {
	if len(d.known) == 0 {
		return Signal{}, false
	}
	return Signal{Value: float64(len(d.numb)) / float64(len(d.runs)), N: len(d.runs), P: math.NaN(), Vars: vars("count", len(d.numb), "n", len(d.runs))}, true
}

func has(list []string, id string) bool {
	for _, s := range list {
		if s == id {
			return true
		}
	}
	return false
}

// vars builds a template map from name, value pairs.
func vars(kv ...any) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = fmt.Sprint(kv[i+1])
	}
	return m
}

// pStr writes a p-value as the comparison table does (3 decimals), so
// that 0.196 does not read as 0.20 beside a threshold of 0.2.
//
// It carries its own sign, "p = 0.196" or, as the table writes it,
// "p < 0.001"; "no test" when there is none.
func pStr(p float64) string {
	switch {
	case math.IsNaN(p):
		return "no test"
	case p < 0.001:
		return "p < 0.001"
	}
	return fmt.Sprintf("p = %.3f", p)
}

// words lists fact ids as plain words, sorted: "laces, tight shoes".
func words(ids map[string]bool) string {
	var out []string
	for id := range ids {
		out = append(out, strings.ReplaceAll(strings.ReplaceAll(id, "third_fourth_toes", "between the third and fourth toes"), "_", " "))
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}
