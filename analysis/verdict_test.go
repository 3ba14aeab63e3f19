package analysis

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/runlog/runlog/analysis/notes"
)

// Properties of the verdicts (issue 10 points 5 and 8), over generated
// athletes (athlete and day are in advice_test.go).

func cause(res Result, id string) CauseVerdict {
	for _, c := range res.Advice.Causes {
		if c.ID == id {
			return c
		}
	}
	return CauseVerdict{}
}

func linesFor(c CauseVerdict) []string {
	var out []string
	for _, l := range c.Lines {
		if l.Weighs == WeighsFor {
			out = append(out, l.Text)
		}
	}
	return out
}

// TestFeatureAsCommonOnCleanRunsIsNoEvidence: a factor given to the same
// share of numb and clean runs (overstriding, the treadmill, a shoe, tight
// shoes in the notes) never weighs for a cause, and the cause it would
// support is neither likely nor possible; its line says it is as common
// on clean runs.
func TestFeatureAsCommonOnCleanRunsIsNoEvidence(t *testing.T) {
	type factor struct {
		name, cause string
		day         func(with, numb bool) day
	}
	numbNote := func(numb bool) string {
		if numb {
			return "numb toes"
		}
		return "no numbness"
	}
	factors := []factor{
		{"overstriding", "running_form", func(with, numb bool) day {
			if with {
				return day{"overstride", "", numbNote(numb)}
			}
			return day{"good", "", numbNote(numb)}
		}},
		{"treadmill", "running_form", func(with, numb bool) day {
			if with {
				return day{"treadmill", "", numbNote(numb)}
			}
			return day{"good", "", numbNote(numb)}
		}},
		{"shoe", "wrong_shoes", func(with, numb bool) day {
			if with {
				return day{"good", "Racer", numbNote(numb)}
			}
			return day{"good", "Cruiser", numbNote(numb)}
		}},
		{"tight shoes noted", "wrong_shoes", func(with, numb bool) day {
			n := numbNote(numb)
			if with {
				n += ", shoes feel tight"
			}
			return day{"good", "", n}
		}},
	}
	rng := rand.New(rand.NewPCG(10, 10))
	for _, f := range factors {
		for trial := 0; trial < 12; trial++ {
			n := 2 + rng.IntN(6) // runs a group
			k := 1 + rng.IntN(n) // runs with the factor, in each group
			var days []day
			for i := 0; i < n; i++ {
				days = append(days, f.day(i < k, true), f.day(i < k, false))
			}
			rng.Shuffle(len(days), func(i, j int) { days[i], days[j] = days[j], days[i] })
			res := athlete(t, days)
			c := cause(res, f.cause)
			if fl := linesFor(c); len(fl) > 0 || c.Verdict == VerdictLikely || c.Verdict == VerdictPossible {
				t.Fatalf("%s on %d of %d numb and clean runs alike: %s is %s, lines for it %q\nall: %q", f.name, k, n, f.cause, c.Verdict, fl, c.Evidence)
			}
			if k < n && !strings.Contains(strings.Join(c.Evidence, "|"), "as common on clean runs") {
				t.Errorf("%s on %d of %d runs alike: no 'as common on clean runs' line: %q", f.name, k, n, c.Evidence)
			}
		}
	}
}

// TestNoCauseWithoutEvidence: over random athletes, no cause is likely or
// possible without a line that weighs for it, every verdict is one of the
// four, and no line is printed twice.
func TestNoCauseWithoutEvidence(t *testing.T) {
	pool := []string{"", "", "fine", "no numbness", "left foot numb after 3 km", "both feet numb", "numb toes, tight shoes",
		"burning between the third and fourth toes", "tingling on the treadmill", "right foot asleep at the end",
		"numb, narrow shoes", "pins and needles in the ball of my foot", "still numb the next day", "numb at rest, diabetic"}
	kinds := []string{"good", "overstride", "treadmill", "nocadence"}
	shoes := []string{"", "A", "B"}
	rng := rand.New(rand.NewPCG(11, 12))
	for trial := 0; trial < 150; trial++ {
		var days []day
		for i := 0; i < 1+rng.IntN(12); i++ {
			days = append(days, day{kinds[rng.IntN(len(kinds))], shoes[rng.IntN(len(shoes))], pool[rng.IntN(len(pool))]})
		}
		res := athlete(t, days)
		for _, c := range res.Advice.Causes {
			switch c.Verdict {
			case VerdictLikely, VerdictPossible:
				if len(linesFor(c)) == 0 {
					t.Fatalf("trial %d: %s is %s without a line for it: %q (days %+v)", trial, c.ID, c.Verdict, c.Evidence, days)
				}
			case VerdictUnlikely, VerdictUnknown:
			default:
				t.Fatalf("trial %d: %s has verdict %q", trial, c.ID, c.Verdict)
			}
			seen := map[string]bool{}
			for _, e := range c.Evidence {
				if seen[e] {
					t.Fatalf("trial %d: %s repeats %q", trial, c.ID, e)
				}
				seen[e] = true
			}
		}
		// Fixes only for likely and possible causes.
		judged := map[string]bool{}
		for _, c := range res.Advice.Causes {
			if c.Verdict == VerdictLikely || c.Verdict == VerdictPossible {
				for _, f := range c.Fixes {
					judged[f] = true
				}
			}
		}
		for _, f := range res.Advice.Fixes {
			if !judged[f.ID] {
				t.Fatalf("trial %d: fix %s for no likely or possible cause (%+v)", trial, f.ID, res.Advice.Causes)
			}
		}
	}
}

// TestUnlikelyNeedsJudgedRuns: a cause is unlikely only from at least
// MinJudgedRuns numb and clean runs (or MinJudgedRuns runs without any
// numbness); from zero judged runs, and from fewer, it is unknown.
func TestUnlikelyNeedsJudgedRuns(t *testing.T) {
	// Zero judged runs: notes on days without runs, unlogged runs unknown.
	var b Builder
	b.Notes = NotesInput{Given: true, Location: time.UTC, Unlogged: UnloggedUnknown}
	for i := 0; i < 6; i++ {
		r := template(t, "good")
		r.Start = time.Date(2026, 10, 1+i, 6, 0, 0, 0, time.UTC)
		b.res.Runs = append(b.res.Runs, r)
		b.Notes.Entries = append(b.Notes.Entries, entry(time.Date(2026, 12, 1+i, 0, 0, 0, 0, time.UTC).Format("2006-01-02"), "feet fine", ""))
	}
	for _, c := range b.Result().Advice.Causes {
		if c.Verdict != VerdictUnknown {
			t.Errorf("zero judged runs: %s is %s (%q)", c.ID, c.Verdict, c.Evidence)
		}
	}
	// Random athletes: whenever a cause is unlikely, enough runs were
	// judged.
	pool := []string{"", "fine", "no numbness", "numb toes", "left foot numb", "both feet numb", "numb, tight shoes"}
	kinds := []string{"good", "overstride", "treadmill", "nocadence"}
	rng := rand.New(rand.NewPCG(3, 4))
	unlikely := 0
	for trial := 0; trial < 200; trial++ {
		var days []day
		for i := 0; i < 1+rng.IntN(10); i++ {
			days = append(days, day{kinds[rng.IntN(len(kinds))], "", pool[rng.IntN(len(pool))]})
		}
		res := athlete(t, days)
		numb, clean, numbCad, cleanCad := 0, 0, 0, 0
		for _, r := range res.Runs {
			cad := r.Overstride.Level != LevelUnknown && r.Overstride.Level != ""
			switch r.Numbness.Reported {
			case notes.Yes:
				numb++
				if cad {
					numbCad++
				}
			case notes.No:
				clean++
				if cad {
					cleanCad++
				}
			}
		}
		for _, c := range res.Advice.Causes {
			if c.Verdict != VerdictUnlikely {
				continue
			}
			unlikely++
			n, cl := numb, clean
			if c.ID == "running_form" && numb > 0 {
				n, cl = numbCad, cleanCad
			}
			if numb == 0 && numb+clean >= MinJudgedRuns {
				continue
			}
			if n < MinJudgedRuns || cl < MinJudgedRuns {
				t.Fatalf("trial %d: %s unlikely from %d numb and %d clean runs: %q", trial, c.ID, n, cl, c.Evidence)
			}
		}
	}
	if unlikely == 0 {
		t.Error("no athlete had an unlikely cause: the property was never tried")
	}
}

// TestOneFootOnlyForTheSameFoot: the one-foot answer, and the shoe line on
// one foot, apply only when every numb run with a foot noted names the
// same one.
func TestOneFootOnlyForTheSameFoot(t *testing.T) {
	feet := []string{"left foot numb", "right foot numb", "both feet numb", "numb toes"}
	rng := rand.New(rand.NewPCG(5, 6))
	applied := 0
	for trial := 0; trial < 60; trial++ {
		var days []day
		sides := map[string]int{}
		noted := 0
		for i := 0; i < 1+rng.IntN(6); i++ {
			n := feet[rng.IntN(len(feet))]
			days = append(days, day{"good", "", n}, day{"good", "", "fine"})
			if n != "numb toes" {
				noted++
				sides[strings.Fields(n)[0]]++
			}
		}
		res := athlete(t, days)
		same := noted >= 2 && (sides["left"] == noted || sides["right"] == noted)
		if faq(res, "one_foot") != same {
			t.Fatalf("feet %v (%d noted): one_foot applies %v", sides, noted, faq(res, "one_foot"))
		}
		if got := strings.Contains(evidence(res, "wrong_shoes"), "foot every time"); got != same {
			t.Fatalf("feet %v: shoe line on one foot %v", sides, got)
		}
		if same {
			applied++
		}
	}
	if applied == 0 {
		t.Error("the same foot never came up: the property was never tried")
	}
	// Issue 10's report: left on one run, right on another is not one foot.
	if res := athlete(t, []day{{"good", "", "left foot numb"}, {"good", "", "right foot numb"}, {"good", "", "fine"}}); faq(res, "one_foot") {
		t.Errorf("left once and right once: one_foot applies: %+v", res.Advice.FAQ)
	}
}

// TestTreadmillOnlyNumbness: numbness on the treadmill runs only weighs
// for form and pounding (the article's treadmill answer), and against
// "nothing else explains it" for nerve damage, which is neither likely nor
// possible.
func TestTreadmillOnlyNumbness(t *testing.T) {
	for n := MinJudgedRuns; n <= MinJudgedRuns+3; n++ {
		var days []day
		for i := 0; i < n; i++ {
			days = append(days, day{"treadmill", "", "numb toes"}, day{"good", "", "feet fine"})
		}
		res := athlete(t, days)
		form, pn := cause(res, "running_form"), cause(res, "peripheral_neuropathy")
		if form.Verdict != VerdictPossible && form.Verdict != VerdictLikely || !strings.Contains(strings.Join(linesFor(form), "|"), "on a treadmill") {
			t.Errorf("%d treadmill-only numb runs: form %s %q", n, form.Verdict, form.Evidence)
		}
		if pn.Verdict == VerdictPossible || pn.Verdict == VerdictLikely || !strings.Contains(strings.Join(pn.Evidence, "|"), "the treadmill may set") {
			t.Errorf("%d treadmill-only numb runs: nerve damage %s %q", n, pn.Verdict, pn.Evidence)
		}
		if !faq(res, "treadmill") {
			t.Errorf("%d treadmill-only numb runs: the treadmill answer does not apply", n)
		}
	}
	// The same runs with numbness on no factor at all: "nothing else
	// explains it" holds.
	var days []day
	for i := 0; i < MinJudgedRuns; i++ {
		days = append(days, day{"good", "", "numb toes"}, day{"good", "", "feet fine"})
	}
	if ev := evidence(athlete(t, days), "peripheral_neuropathy"); !strings.Contains(ev, "nothing runlog could compare sets the numb runs apart") {
		t.Errorf("no factor: nerve damage evidence %q", ev)
	}
}

// TestOverstridingNotLikelyWhileScoresAlike: when the report's own
// comparison shows numb and clean runs scoring alike for overstriding,
// form is never likely, whatever else holds: here two strong rules added to
// the knowledge file that hold on any numb runs.
func TestOverstridingNotLikelyWhileScoresAlike(t *testing.T) {
	extra := strings.Replace(string(knowledgeYAML), "    fixes: [quicker_steps, stretch, exercise_more]\n    rules:\n",
		"    fixes: [quicker_steps, stretch, exercise_more]\n    rules:\n"+
			"      - {signal: numb_share, op: \">=\", value: 0, min_n: 1, strength: strong, text: \"test: numb share\"}\n"+
			"      - {signal: same_foot_share, op: \">=\", value: 0, min_n: 1, strength: strong, text: \"test: same foot\"}\n", 1)
	k, err := parseKnowledge([]byte(extra))
	if err != nil {
		t.Fatal(err)
	}
	for n := 2; n <= 6; n++ {
		for _, kind := range []string{"good", "overstride"} {
			var days []day
			for i := 0; i < n; i++ {
				days = append(days, day{kind, "", "left foot numb"}, day{kind, "", "feet fine"})
			}
			res := athlete(t, days)
			in := NotesInput{Given: true}
			adv := Advise(k, res.Runs, res.Comparison, &in)
			for _, c := range adv.Causes {
				if c.ID == "running_form" && (c.Verdict == VerdictLikely || !strings.Contains(strings.Join(c.Evidence, "|"), "do not score higher for overstriding")) {
					t.Errorf("%d %s runs numb and clean alike: form %s %q", n, kind, c.Verdict, c.Evidence)
				}
			}
		}
	}
}

// TestRegistryNamesResolve: every signal the knowledge file names is in
// the registry, and a name that is not is refused at load.
func TestRegistryNamesResolve(t *testing.T) {
	k, err := LoadKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	var rules []Rule
	for _, c := range k.Causes {
		rules = append(rules, c.Rules...)
		for _, r := range c.Unknown {
			if r.Signal != "" {
				rules = append(rules, r)
			}
		}
	}
	rules = append(rules, k.SeeDoctor.Rules...)
	for _, q := range k.FAQ {
		rules = append(rules, q.Rule)
	}
	used := map[string]bool{}
	for _, r := range rules {
		if Signals[r.Signal] == nil {
			t.Errorf("knowledge.yaml names %q, not in the registry", r.Signal)
		}
		used[r.Signal] = true
	}
	for name := range Signals {
		if !used[name] {
			t.Errorf("signal %q is registered but no rule uses it", name)
		}
	}
	bad := strings.Replace(string(knowledgeYAML), "signal: both_feet_share", "signal: both_feet_shares", 1)
	if _, err := parseKnowledge([]byte(bad)); err == nil || !strings.Contains(err.Error(), "both_feet_shares") {
		t.Errorf("an unknown signal name was accepted: %v", err)
	}
}

// TestDoctorCheckWithoutUrgency: possible nerve damage (no red flag) asks
// for a check, without the urgent advice; a red flag advises a doctor.
func TestDoctorCheckWithoutUrgency(t *testing.T) {
	var days []day
	for i := 0; i < MinJudgedRuns; i++ {
		days = append(days, day{"good", "", "numb toes"}, day{"good", "", "feet fine"})
	}
	res := athlete(t, days)
	d := res.Advice.SeeDoctor
	if v := verdicts(res)["peripheral_neuropathy"]; v != VerdictPossible {
		t.Fatalf("nerve damage %s: %q", v, evidence(res, "peripheral_neuropathy"))
	}
	if d.Advised || !d.Check || d.Banner != "" || !strings.Contains(d.Advice, "Nerve damage") || !strings.Contains(d.Advice, "worth it") {
		t.Errorf("possible nerve damage: %+v", d)
	}
	res = athlete(t, days, "numb for two days now")
	if d := res.Advice.SeeDoctor; !d.Advised || d.Check || d.Banner == "" || d.Advice == "" {
		t.Errorf("a red flag: %+v", d)
	}
}

// TestLongRunsAreAFactor: numbness only on the long runs, with form, shoes
// and surface alike, is something about the runs: "nothing else explains
// it" does not hold, so nerve damage gets no support from it, and the
// report names the run length.
func TestLongRunsAreAFactor(t *testing.T) {
	var days []day
	for i := 0; i < MinJudgedRuns+1; i++ {
		days = append(days, day{"long", "", "numb toes"}, day{"good", "", "feet fine"})
	}
	pn := cause(athlete(t, days), "peripheral_neuropathy")
	if pn.Verdict == VerdictPossible || pn.Verdict == VerdictLikely {
		t.Errorf("numb only on long runs: nerve damage %s %q", pn.Verdict, pn.Evidence)
	}
	if ev := strings.Join(pn.Evidence, "|"); !strings.Contains(ev, "longer runs may set the numb runs apart") {
		t.Errorf("nerve damage evidence does not name the run length: %q", ev)
	}
}
