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
	// Descriptions of the numbness.
	"top_of_foot_notes":     topOfFootNotes,
	"third_fourth_notes":    thirdFourthNotes,
	"forefoot_notes":        forefootNotes,
	"burning_pebble_notes":  burningPebbleNotes,
	"same_foot_share":       sameFootShare,
	"both_feet_share":       bothFeetShare,
	"onset_spread":          onsetSpread,
	"rest_or_lasting_notes": restOrLastingNotes,
	"diabetes_b_notes":      diabetesBNotes,
	"numb_share":            numbShare,
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
}

func newEvidenceData(runs []RunResult, cmp *Comparison, in *NotesInput) *evidenceData {
	d := &evidenceData{runs: runs, cmp: cmp, notesGiven: in.Given}
	for i := range runs {
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
func (d *evidenceData) share(has func(*RunResult) (bool, bool)) (Signal, bool) {
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
	return Signal{Value: lr, N: min(n1, n0), P: p, Vars: vars("numb", a, "n_numb", n1, "clean", c, "n_clean", n0,
		"lr", lrText, "p", pStr(p))}, true
}

// metricGap reads one metric of the numb-against-clean comparison (the
// report's own table, compare.go): Value is sign × (numb − clean), P
// Welch's test.
func (d *evidenceData) metricGap(metric string, sign float64, digits int) (Signal, bool) {
	if d.cmp == nil {
		return Signal{}, false
	}
	for _, m := range d.cmp.Metrics {
		if m.Metric != metric || m.NNumb == 0 || m.NClean == 0 {
			continue
		}
		return Signal{Value: sign * m.Difference, N: min(m.NNumb, m.NClean), P: m.PValue, Vars: vars(
			"numb", fmt.Sprintf("%.*f", digits, m.MeanNumb), "clean", fmt.Sprintf("%.*f", digits, m.MeanClean),
			"gap", fmt.Sprintf("%.*f", digits, sign*m.Difference), "p", pStr(m.PValue), "n_numb", m.NNumb, "n_clean", m.NClean)}, true
	}
	return Signal{}, false
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
		s, ok := d.share(func(r *RunResult) (bool, bool) { return r.Gear == name, r.Gear != "" })
		if ok && (!found || s.Value > best.Value) {
			best, found = s, true
			best.Vars["shoe"] = name
		}
	}
	return best, found
}

// tightShoeNotes: notes of tight, narrow or new shoes or tight laces on
// numb runs against clean runs (the article: tight shoes and laces). Only
// runs with a note count: a clean run nobody wrote about could not mention
// its shoes, and counting it would make any noted factor look like a
// numb-run factor.
func tightShoeNotes(d *evidenceData) (Signal, bool) {
	return d.share(func(r *RunResult) (bool, bool) {
		return noteSays(r, "tight_shoes", "narrow_shoes", "new_shoes", "laces"), len(r.Numbness.Notes) > 0
	})
}

// narrowShoeNotes: notes of narrow or tight shoes on numb runs against
// clean runs with a note (the article: Morton's neuroma and shoes that
// squeeze).
func narrowShoeNotes(d *evidenceData) (Signal, bool) {
	return d.share(func(r *RunResult) (bool, bool) {
		return noteSays(r, "narrow_shoes", "tight_shoes"), len(r.Numbness.Notes) > 0
	})
}

// treadmillShare: treadmill runs (FIT sub-sport, or a note saying so)
// among numb runs against clean runs (the article's treadmill answer: form
// and pounding).
func treadmillShare(d *evidenceData) (Signal, bool) {
	return d.share(func(r *RunResult) (bool, bool) { return r.Treadmill || noteSays(r, "treadmill"), true })
}

// overstrideShare: runs with moderate or high overstriding (judged against
// speed, docs/overstriding.md) among numb runs against clean runs.
func overstrideShare(d *evidenceData) (Signal, bool) {
	return d.share(func(r *RunResult) (bool, bool) {
		known := r.Overstride.Level != LevelUnknown && r.Overstride.Level != ""
		return known && r.Overstride.Level != LevelLow, known
	})
}

// cadenceZGap: the speed-adjusted cadence residual (Overstride.CadenceZ,
// in between-runner SDs), clean minus numb: positive when numb runs step
// slower than their speed calls for; Welch's test (compare.go).
func cadenceZGap(d *evidenceData) (Signal, bool) { return d.metricGap("overstride_cadence_z", -1, 1) }

// gctZGap: the same for contact time (GCTZ is negative when longer than
// the reference), clean minus numb: positive when numb runs stay longer on
// the ground than their speed calls for.
func gctZGap(d *evidenceData) (Signal, bool) { return d.metricGap("overstride_gct_z", -1, 1) }

// overstrideScoreGap: the mean overstride score, numb minus clean, as the
// report's comparison shows it (Welch's test).
func overstrideScoreGap(d *evidenceData) (Signal, bool) { return d.metricGap("overstride_score", 1, 0) }

// fatigueShare: runs whose form faded beyond what the pace explains
// (Fatigue.Fatigued, docs/overstriding.md) among numb runs against clean
// runs; runs where fatigue is not assessable are left out.
func fatigueShare(d *evidenceData) (Signal, bool) {
	return d.share(func(r *RunResult) (bool, bool) { return r.Fatigue.Fatigued, r.Fatigue.Assessable })
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
}

// separating lists the factors that set numb runs apart: an effect of at
// least SeparatesLR (shares) or SeparatesZ (residuals) with p < SeparatesP.
func separating(d *evidenceData) (found []string, checked int) {
	for _, f := range factorNames {
		s, ok := f.read(d)
		if !ok {
			continue
		}
		checked++
		if s.Value >= f.limit && s.P < SeparatesP {
			found = append(found, f.name)
		}
	}
	return found, checked
}

// localFactorFound: 1 when a factor sets the numb runs apart, naming it;
// then "nothing else explains it" (the article's reasoning for nerve
// damage) does not hold.
func localFactorFound(d *evidenceData) (Signal, bool) {
	found, _ := separating(d)
	if len(found) == 0 {
		return Signal{}, false
	}
	list := found[0]
	if n := len(found); n > 1 {
		list = strings.Join(found[:n-1], ", ") + " and " + found[n-1]
	}
	return Signal{Value: 1, N: len(d.known), P: math.NaN(), Vars: vars("factors", list)}, true
}

// localCausesWeak: 1 when no factor sets the numb runs apart over at
// least MinJudgedRuns numb and MinJudgedRuns clean runs: the article's
// "when the other causes are ruled out". Fewer runs rule out nothing.
func localCausesWeak(d *evidenceData) (Signal, bool) {
	if len(d.numb) < MinJudgedRuns || len(d.clean) < MinJudgedRuns {
		return Signal{}, false
	}
	found, checked := separating(d)
	if len(found) > 0 || checked == 0 {
		return Signal{}, false
	}
	return Signal{Value: 1, N: len(d.known), P: math.NaN(), Vars: vars("n_numb", len(d.numb), "n_clean", len(d.clean))}, true
}

// ---- Descriptions of the numbness, from the numb runs' notes ----

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
	return Signal{Value: float64(n) / float64(said), N: said, P: math.NaN(), Vars: vars("count", n, "n", said, "side", side)}, true
}

// bothFeetShare: the share of numb runs with a foot noted that name both
// (the article: nerve damage affects the feet, not one shoe).
func bothFeetShare(d *evidenceData) (Signal, bool) {
	feet, said := d.feet()
	if said == 0 {
		return Signal{}, false
	}
	return Signal{Value: float64(feet["both"]) / float64(said), N: said, P: math.NaN(), Vars: vars("count", feet["both"], "n", said)}, true
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
	return Signal{Value: sd / m, N: len(onset), P: math.NaN(), Vars: vars("mean", fmt.Sprintf("%.1f", m), "unit", unit, "n", len(onset))}, true
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
func pStr(p float64) string {
	if math.IsNaN(p) {
		return "—"
	}
	return fmt.Sprintf("%.3f", p)
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
