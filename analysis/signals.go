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
// knowledge rules (knowledge.yaml), with how many runs or notes it rests on
// and the values its sentences quote.
type Signal struct {
	Value float64
	N     int
	Vars  map[string]string
}

// signalNames lists every signal the knowledge file may name; a rule naming
// another is an error when the file is loaded.
var signalNames = map[string]bool{
	"shoe_rate_gap": true, "tight_shoe_notes": true, "top_of_foot_notes": true, "one_foot_share": true,
	"onset_spread": true, "numb_overstride_share": true, "overstride_score_gap": true, "cadence_gap": true,
	"gct_gap": true, "onset_form_worse": true, "fatigue_numb_share": true, "third_fourth_notes": true,
	"forefoot_notes": true, "burning_pebble_notes": true, "narrow_shoe_notes": true, "both_feet_share": true,
	"rest_or_lasting_notes": true, "diabetes_b_notes": true, "local_causes_weak": true, "numb_share": true,
	"treadmill_numb": true,
}

// Onset-window thresholds for "form was worse before onset": a cadence
// this many spm lower, or contact this many ms longer, than in the first
// 10 minutes. Half and equal to the fatigue drift thresholds at a typical
// 165 spm and 250 ms (analysis/overstride.go).
const (
	onsetWorseCadenceSPM = 3
	onsetWorseGCTms      = 10
)

// evidenceData is what the signals are computed from.
type evidenceData struct {
	runs       []RunResult
	numb       []*RunResult // runs whose notes report numbness
	known      []*RunResult // runs whose numbness is known (true or false)
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

// computeSignals reads every signal that the data supports; a signal the
// data cannot give is absent, and rules on it do not hold.
func computeSignals(d *evidenceData) map[string]Signal {
	s := map[string]Signal{}
	nNumb := len(d.numb)
	countFacts := func(name string, ids ...string) {
		if nNumb == 0 {
			return
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
		s[name] = Signal{Value: float64(count), N: nNumb, Vars: vars("count", count, "n", nNumb, "what", words(seen), "where", words(seen))}
	}
	countFacts("tight_shoe_notes", "tight_shoes", "narrow_shoes", "new_shoes", "laces")
	countFacts("top_of_foot_notes", "top_of_foot")
	countFacts("third_fourth_notes", "third_fourth_toes")
	countFacts("forefoot_notes", "ball_of_foot", "third_fourth_toes")
	countFacts("burning_pebble_notes", "burning", "pebble")
	countFacts("narrow_shoe_notes", "narrow_shoes", "tight_shoes")

	// Red flags and context anywhere in the notes (a note on a rest day
	// counts too).
	allCount := func(name string, ids ...string) {
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
		if len(d.allFacts) > 0 {
			s[name] = Signal{Value: float64(count), N: count, Vars: vars("count", count, "notes", plural(count, "note"), "n", len(d.allFacts), "what", words(seen))}
		}
	}
	allCount("rest_or_lasting_notes", "at_rest", "at_night", "lasting")
	allCount("diabetes_b_notes", "diabetes", "b_vitamin_deficiency")

	// Which foot.
	if nNumb > 0 {
		feet := map[string]int{}
		said := 0
		for _, r := range d.numb {
			if f := r.Numbness.Foot; f != "" && f != "unknown" {
				feet[f]++
				said++
			}
		}
		if said > 0 {
			one := feet["left"] + feet["right"] + feet["one"]
			var side string
			switch l, r := feet["left"], feet["right"]; {
			case l > 0 && r > 0:
				side = fmt.Sprintf("left on %d, right on %d", l, r)
			case l > 0:
				side = "left"
			case r > 0:
				side = "right"
			default:
				side = "side not said"
			}
			s["one_foot_share"] = Signal{Value: float64(one) / float64(said), N: said, Vars: vars("count", one, "n", said, "side", side)}
			s["both_feet_share"] = Signal{Value: float64(feet["both"]) / float64(said), N: said, Vars: vars("count", feet["both"], "n", said)}
		}
	}

	// Where in the run it starts.
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
	if len(onset) >= 2 {
		m, sd := stat.MeanStdDev(onset, nil)
		if m > 0 {
			s["onset_spread"] = Signal{Value: sd / m, N: len(onset), Vars: vars("mean", fmt.Sprintf("%.1f", m), "unit", unit, "n", len(onset))}
		}
	}

	// Form on numb runs.
	withLevel, over, faded, withThirds := 0, 0, 0, 0
	windows, worse := 0, 0
	for _, r := range d.numb {
		if r.Overstride.Level != LevelUnknown && r.Overstride.Level != "" {
			withLevel++
			if r.Overstride.Level != LevelLow {
				over++
			}
		}
		if m := &r.Measure; !math.IsNaN(m.FirstThird.CadenceSPM) && !math.IsNaN(m.LastThird.CadenceSPM) {
			withThirds++
			if fatigueReason(m, r.Fatigue) != "" {
				faded++
			}
		}
		if w := r.Numbness.Window; w != nil {
			windows++
			if w.Start.CadenceSPM-w.Before.CadenceSPM >= onsetWorseCadenceSPM || w.Before.GCTms-w.Start.GCTms >= onsetWorseGCTms {
				worse++
			}
		}
	}
	if withLevel > 0 {
		s["numb_overstride_share"] = Signal{Value: float64(over) / float64(withLevel), N: withLevel, Vars: vars("count", over, "n", withLevel)}
	}
	if withThirds > 0 {
		s["fatigue_numb_share"] = Signal{Value: float64(faded) / float64(withThirds), N: withThirds, Vars: vars("count", faded, "n", withThirds)}
	}
	if windows > 0 {
		s["onset_form_worse"] = Signal{Value: float64(worse), N: windows, Vars: vars("count", worse, "n", windows)}
	}

	// Numb against clean.
	if c := d.cmp; c != nil {
		gap := func(name, metric string, sign float64, digits int) {
			for _, m := range c.Metrics {
				if m.Metric != metric || m.NNumb == 0 || m.NClean == 0 {
					continue
				}
				p := "—"
				if !math.IsNaN(m.PValue) {
					p = fmt.Sprintf("%.2f", m.PValue)
				}
				s[name] = Signal{Value: sign * m.Difference, N: min(m.NNumb, m.NClean), Vars: vars(
					"numb", fmt.Sprintf("%.*f", digits, m.MeanNumb), "clean", fmt.Sprintf("%.*f", digits, m.MeanClean),
					"gap", fmt.Sprintf("%.*f", digits, sign*m.Difference), "p", p, "n_numb", m.NNumb, "n_clean", m.NClean)}
			}
		}
		gap("overstride_score_gap", "overstride_score", 1, 0)
		gap("cadence_gap", "avg_cadence_spm", -1, 0)
		gap("gct_gap", "avg_gct_ms", 1, 0)
		if len(c.Shoes) >= 2 {
			worst := c.Shoes[0]
			for _, sh := range c.Shoes[1:] {
				if sh.Rate-sh.OtherRate > worst.Rate-worst.OtherRate {
					worst = sh
				}
			}
			p := "—"
			if !math.IsNaN(worst.PValue) {
				p = fmt.Sprintf("%.2f", worst.PValue)
			}
			s["shoe_rate_gap"] = Signal{Value: worst.Rate - worst.OtherRate, N: worst.Runs, Vars: vars("shoe", worst.Shoe,
				"numb", worst.NumbRuns, "runs", worst.Runs, "rate", pct(worst.Rate), "other_rate", pct(worst.OtherRate), "p", p)}
		}
		// Neither the shoe nor the stride sets numb runs apart.
		shoeGap, hasShoe := s["shoe_rate_gap"]
		formGap, hasForm := s["overstride_score_gap"]
		if hasForm && formGap.Value <= 5 && (!hasShoe || shoeGap.Value <= 0.10) {
			s["local_causes_weak"] = Signal{Value: 1, N: c.NumbRuns + c.CleanRuns, Vars: vars("n", c.NumbRuns+c.CleanRuns)}
		}
	}

	// How often numbness comes, and on the treadmill.
	if len(d.known) > 0 {
		// Over all runs, not only those with a known answer: with
		// --unlogged unknown the runner may have noted only the bad days.
		s["numb_share"] = Signal{Value: float64(nNumb) / float64(len(d.runs)), N: len(d.runs), Vars: vars("count", nNumb, "n", len(d.runs))}
		tm, tmNumb, out, outNumb := 0, 0, 0, 0
		for _, r := range d.known {
			isNumb := r.Numbness.Reported == notes.Yes
			if r.Treadmill {
				tm++
				if isNumb {
					tmNumb++
				}
			} else {
				out++
				if isNumb {
					outNumb++
				}
			}
		}
		if tm > 0 {
			outdoor := "no outdoor runs"
			if out > 0 {
				outdoor = fmt.Sprintf("%d of %d", outNumb, out)
			}
			s["treadmill_numb"] = Signal{Value: float64(tmNumb), N: tm, Vars: vars("count", tmNumb, "n", tm, "outdoor", outdoor)}
		}
	}
	return s
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

func pct(x float64) string {
	if math.IsNaN(x) {
		return "—"
	}
	return fmt.Sprintf("%.0f %%", 100*x)
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
