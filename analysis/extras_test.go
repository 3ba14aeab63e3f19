package analysis

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/runlog/runlog/fitparse"
	"github.com/runlog/runlog/fitparse/synth"
)

// extrasAthlete measures one generated run per day from 2026-01-05 (specs
// get that start) and notes[i] about day i, and returns the whole result.
func extrasAthlete(t *testing.T, specs []synth.Spec, notesText []string) Result {
	t.Helper()
	var b Builder
	b.Notes.Location = time.UTC
	for i, spec := range specs {
		spec.Start = time.Date(2026, 1, 5+i, 7, 0, 0, 0, time.UTC)
		spec.Seed = int64(10 + i)
		run := synthRun(t, spec)
		r := Measured(&run, nil, Options{})
		r.Source = spec.Start.Format("2006-01-02") + ".fit"
		b.res.Runs = append(b.res.Runs, r)
		if notesText[i] != "" {
			b.Notes.Given = true
			b.Notes.Entries = append(b.Notes.Entries, entry(spec.Start.Format("2006-01-02"), notesText[i], ""))
		}
	}
	res := b.Result()
	checkCounts(t, res, "athlete with balance, grades or temperature")
	return res
}

func finding(t *testing.T, res Result, id string) Finding {
	t.Helper()
	for _, f := range res.Advice.WhatElse {
		if f.ID == id {
			return f
		}
	}
	t.Fatalf("no finding %q in %+v", id, res.Advice.WhatElse)
	return Finding{}
}

func flat(m float64) synth.Segment { return minutes(goodForm, m) }

func tilted(m, grade float64) synth.Segment {
	s := minutes(goodForm, m)
	s.GradePct = grade
	return s
}

// TestHillyAthlete: a runner numb only on runs with a long descent, from
// its middle. The downhill share sets numb runs apart, the onsets fall on
// descents, and the running-form cause says so; the watch's altitude source
// is said.
func TestHillyAthlete(t *testing.T) {
	hilly := synth.Spec{Barometer: true, Segments: []synth.Segment{flat(10), tilted(10, -8), flat(10)}}
	level := synth.Spec{Barometer: true, Segments: []synth.Segment{flat(30)}}
	var specs []synth.Spec
	var text []string
	for i := 0; i < 4; i++ {
		specs = append(specs, hilly, level)
		text = append(text, "left toes numb at 15 min", "feet fine")
	}
	res := extrasAthlete(t, specs, text)
	for _, r := range res.Runs {
		h := r.Extras.Hills
		if h.AltitudeSource != fitparse.AltitudeBarometric {
			t.Errorf("%s: altitude source %q", r.Source, h.AltitudeSource)
		}
		want := 0.0
		if r.Numbness.Foot == "left" {
			want = 100.0 / 3 // 10 of 30 minutes, less the edges the window cannot grade
		}
		if math.Abs(h.DownhillSharePct-want) > 3 {
			t.Errorf("%s: downhill share %.1f %%, want about %.0f", r.Source, h.DownhillSharePct, want)
		}
	}
	f := finding(t, res, "downhill")
	if f.Verdict != FindingSeparates || !strings.Contains(f.Text, "barometric altitude") {
		t.Errorf("downhill finding: %s: %s", f.Verdict, f.Text)
	}
	o := finding(t, res, "onset_descent")
	if o.Verdict != FindingSeparates || o.Signal.Vars["count"] != "4" {
		t.Errorf("onset finding: %s: %s", o.Verdict, o.Text)
	}
	if ev := evidence(res, "running_form"); !strings.Contains(ev, "on descents against") || !strings.Contains(ev, "began on a descent on 4 of 4") {
		t.Errorf("running_form evidence lacks the descents:\n%s", ev)
	}
	for _, id := range []string{"balance", "temperature"} {
		if g := finding(t, res, id); g.Verdict != FindingNotRecorded || !strings.HasPrefix(g.Text, "not recorded") {
			t.Errorf("%s: %s: %s", id, g.Verdict, g.Text)
		}
	}
	// A coach's roster names what goes with the numb runs.
	if s := Summarize(&Athlete{Name: "hilly", Result: res}); strings.Join(s.WithNumb, ",") != "downhill,onset_descent" ||
		strings.Join(s.WithNumbTitles, ",") != "downhill running,onset on a descent" {
		t.Errorf("roster: with numb runs %q, want downhill and onset_descent", s.WithNumb)
	}
}

// TestDescentAgainstFlat: cadence on a descent is compared with flat
// running at the same speed: a runner who drops 8 spm downhill shows it.
func TestDescentAgainstFlat(t *testing.T) {
	down := tilted(10, -8)
	down.CadenceSPM -= 8
	down.GCTms += 10
	spec := synth.Spec{Start: time.Date(2026, 1, 5, 7, 0, 0, 0, time.UTC), Seed: 7,
		Segments: []synth.Segment{flat(10), down, flat(10)}}
	run := synthRun(t, spec)
	r := Measured(&run, nil, Options{})
	d := r.Extras.Hills.Descent
	if d.MatchedS < 300 || math.Abs(d.CadenceSPM+8) > 1 || math.Abs(d.GCTms-10) > 2 || !(d.StepLengthM > 0) {
		t.Errorf("descent against flat: %+v; want about -8 spm, +10 ms, a longer step over 300 s or more", d)
	}
	if r.Extras.Hills.AltitudeSource != fitparse.AltitudeUnknown {
		t.Errorf("altitude source %q without device_info sensors", r.Extras.Hills.AltitudeSource)
	}
	// A treadmill has no grades.
	spec.SubSport = "treadmill"
	tm := synthRun(t, spec)
	if h := Measured(&tm, nil, Options{}).Extras.Hills; h.GradedS != 0 || !math.IsNaN(h.DownhillSharePct) {
		t.Errorf("treadmill hills: %+v", h)
	}
}

// TestBalanceAthlete: a runner whose numb (left) foot carries a longer
// contact on numb runs. Balance is measured per run, per km and before
// onset, and running form gets the evidence.
func TestBalanceAthlete(t *testing.T) {
	numb := func(pct float64) synth.Spec {
		s := goodForm
		s.StanceBalanceLeftPct = pct
		return synth.Spec{Segments: []synth.Segment{minutes(s, 30)}}
	}
	var specs []synth.Spec
	var text []string
	for i := 0; i < 4; i++ {
		specs = append(specs, numb(52.4), numb(49.8))
		text = append(text, "left foot went numb after 25 min", "no numbness today")
	}
	res := extrasAthlete(t, specs, text)
	r := res.Runs[0]
	if math.Abs(r.Extras.BalanceLeftPct-52.4) > 0.01 || len(r.Extras.SplitBalanceLeftPct) != len(r.Measure.Splits) ||
		math.Abs(r.Extras.SplitBalanceLeftPct[1]-52.4) > 0.01 {
		t.Errorf("balance %v, per km %v (%d splits)", r.Extras.BalanceLeftPct, r.Extras.SplitBalanceLeftPct, len(r.Measure.Splits))
	}
	if r.OnsetExtras == nil || math.Abs(r.OnsetExtras.BalanceLeftPct-52.4) > 0.01 {
		t.Errorf("onset extras %+v", r.OnsetExtras)
	}
	f := finding(t, res, "balance")
	if f.Verdict != FindingSeparates || f.Signal.Vars["side"] != "left" || f.Signal.Vars["gap"] != "2.6" {
		t.Errorf("balance finding: %s: %s", f.Verdict, f.Text)
	}
	if ev := evidence(res, "running_form"); !strings.Contains(ev, "the left foot stays longer on the ground on numb runs: 52.4 %") {
		t.Errorf("running_form evidence lacks the balance:\n%s", ev)
	}
	// The same shift as common on clean runs is no evidence.
	specs[1], specs[3], specs[5], specs[7] = numb(52.4), numb(52.4), numb(52.4), numb(52.4)
	res = extrasAthlete(t, specs, text)
	if f := finding(t, res, "balance"); f.Verdict != FindingSame {
		t.Errorf("balance alike on clean runs: %s: %s", f.Verdict, f.Text)
	}
	if ev := evidence(res, "running_form"); !strings.Contains(ev, "the left foot does not stay longer on the ground on numb runs") {
		t.Errorf("running_form evidence should say as on clean runs:\n%s", ev)
	}
}

// TestColdAthlete: a runner numb on cold mornings, by the watch's sensor and
// by the notes. Cold is not counted for nerve damage; the cold FAQ answers.
func TestColdAthlete(t *testing.T) {
	run := func(c float64) synth.Spec {
		return synth.Spec{TemperatureC: c, HasTemperature: true, Segments: []synth.Segment{flat(30)}}
	}
	var specs []synth.Spec
	var text []string
	for i := 0; i < 4; i++ {
		specs = append(specs, run(float64(-3+i)), run(float64(14+i)))
		text = append(text, "freezing morning, -5C, toes numb", "mild, feet fine")
	}
	res := extrasAthlete(t, specs, text)
	f := finding(t, res, "temperature")
	if f.Verdict != FindingSeparates || f.Signal.Vars["numb"] != "-2" || f.Signal.Vars["clean"] != "16" ||
		!strings.Contains(f.Text, "wrist") {
		t.Errorf("temperature finding: %s: %s", f.Verdict, f.Text)
	}
	if c := finding(t, res, "cold_notes"); c.Verdict != FindingSeparates {
		t.Errorf("cold notes finding: %s: %s", c.Verdict, c.Text)
	}
	if !faq(res, "cold") || !faq(res, "cold_notes") {
		t.Error("the cold FAQ does not apply")
	}
	// Shown, never weighed: not among the factors that would explain the
	// numbness otherwise, and no line about cold counts either way.
	ev := evidence(res, "peripheral_neuropathy")
	if !strings.Contains(ev, "not counted: numb runs were colder") || strings.Contains(ev, "colder runs") {
		t.Errorf("neuropathy evidence:\n%s", ev)
	}
	for _, c := range res.Advice.Causes {
		if c.ID == "peripheral_neuropathy" && c.Verdict == VerdictLikely {
			t.Error("cold made nerve damage likely")
		}
		for _, l := range c.Lines {
			if strings.Contains(l.Text, "cold") && l.Weighs != WeighsNone {
				t.Errorf("%s: a line about cold weighs %s: %s", c.ID, l.Weighs, l.Text)
			}
		}
	}
}

// TestExtrasFixture: a Forerunner 920XT run with a Running Dynamics pod and
// a barometer: balance over running time agrees with the watch's own
// session figure (47.99 % left), per km too; a Fenix 2 run records a
// temperature and no balance.
func TestExtrasFixture(t *testing.T) {
	run := fixtureRun(t, "fr920xt-run-dynamics.fit", 0)
	r := Measured(&run, nil, Options{})
	e := r.Extras
	if math.Abs(e.BalanceLeftPct-47.99) > 0.3 {
		t.Errorf("balance %.2f %% left, the watch says 47.99", e.BalanceLeftPct)
	}
	if len(e.SplitBalanceLeftPct) != len(r.Measure.Splits) {
		t.Errorf("%d split balances for %d splits", len(e.SplitBalanceLeftPct), len(r.Measure.Splits))
	}
	for i, v := range e.SplitBalanceLeftPct {
		if !(v > 44 && v < 52) {
			t.Errorf("km %d: balance %.1f", i+1, v)
		}
	}
	if e.Hills.AltitudeSource != fitparse.AltitudeBarometric || !(e.Hills.GradedS > 0.9*r.RunningS()) {
		t.Errorf("hills %+v over %.0f s running", e.Hills, r.RunningS())
	}
	if !math.IsNaN(e.TemperatureC) {
		t.Errorf("temperature %v; the file has none", e.TemperatureC)
	}
	t.Logf("fr920xt: balance %.2f %% left, downhill %.1f %% of %.0f s graded", e.BalanceLeftPct, e.Hills.DownhillSharePct, e.Hills.GradedS)
	run = fixtureRun(t, "fenix2-run.fit", 0)
	e = Measured(&run, nil, Options{}).Extras
	if !(e.TemperatureC > -30 && e.TemperatureC < 45) || !math.IsNaN(e.BalanceLeftPct) || e.Hills.AltitudeSource != fitparse.AltitudeUnknown {
		t.Errorf("fenix2: temperature %v, balance %v, altitude %q", e.TemperatureC, e.BalanceLeftPct, e.Hills.AltitudeSource)
	}
}

// TestFewDescentsSayNothing: numb runs with a short descent far from the
// onset, where chance would put less than one onset on a descent: none
// there is "too few runs for a test", not "no more often than chance".
func TestFewDescentsSayNothing(t *testing.T) {
	short := synth.Spec{Barometer: true, Segments: []synth.Segment{flat(27), tilted(1, -8), flat(2)}}
	level := synth.Spec{Barometer: true, Segments: []synth.Segment{flat(30)}}
	var specs []synth.Spec
	var text []string
	for i := 0; i < 4; i++ {
		specs = append(specs, short, level)
		text = append(text, "left toes numb at 10 min", "feet fine")
	}
	res := extrasAthlete(t, specs, text)
	o := finding(t, res, "onset_descent")
	if o.Verdict != FindingNotCompared || !strings.Contains(o.Text, "too few runs for a test") {
		t.Errorf("onset finding: %s: %s", o.Verdict, o.Text)
	}
}

// TestTreadmillByNoteHasNoHills: a run the watch recorded as an outdoor
// run, with altitude that falls, but whose note says treadmill, has no
// grades: a treadmill's hills are its incline, which the watch does not
// record.
func TestTreadmillByNoteHasNoHills(t *testing.T) {
	hilly := synth.Spec{Barometer: true, Segments: []synth.Segment{flat(10), tilted(10, -8), flat(10)}}
	res := extrasAthlete(t, []synth.Spec{hilly, hilly}, []string{"treadmill, toes numb at 5 min", "outside, feet fine"})
	for _, r := range res.Runs {
		tm, share := r.TreadmillNoted(), r.Extras.Hills.DownhillSharePct
		if tm != math.IsNaN(share) {
			t.Errorf("%s: treadmill by note %v, downhill share %.1f %%", r.Source, tm, share)
		}
		if tm && r.OnsetExtras != nil && r.OnsetExtras.DescentKnown {
			t.Errorf("%s: a treadmill onset has grades around it", r.Source)
		}
	}
}

// TestFindingLimitsMatchRules: "What else the watch shows" and the causes'
// rules judge a signal from the same gap: every rule of a what-else signal
// in knowledge.yaml compares with findingLimits' value.
func TestFindingLimitsMatchRules(t *testing.T) {
	k, err := LoadKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	var rules []Rule
	for _, c := range k.Causes {
		rules = append(rules, c.Rules...)
	}
	for _, q := range k.FAQ {
		rules = append(rules, q.Rule)
	}
	for _, line := range k.WhatElse {
		limit, ok := findingLimits[line.Signal]
		if !ok {
			t.Errorf("what_else %s: no limit for %s", line.ID, line.Signal)
		}
		for _, r := range rules {
			if r.Signal == line.Signal && r.Value != limit {
				t.Errorf("%s: a rule compares with %v, what else with %v", r.Signal, r.Value, limit)
			}
		}
	}
}
