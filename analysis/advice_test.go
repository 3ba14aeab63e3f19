package analysis

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/runlog/runlog/analysis/notes"
	"github.com/runlog/runlog/fitparse/synth"
)

// Generated runs are decoded once and copied: an athlete is a set of these
// on different days.
var (
	templatesOnce sync.Once
	templates     map[string]RunResult
)

func template(t testing.TB, kind string) RunResult {
	templatesOnce.Do(func() {
		templates = map[string]RunResult{}
		at := time.Date(2026, 9, 1, 6, 0, 0, 0, time.UTC)
		for name, spec := range map[string]synth.Spec{
			"good":       {Start: at, Seed: 1, UTCOffset: time.Hour, Segments: []synth.Segment{minutes(goodForm, 30)}},
			"long":       {Start: at, Seed: 5, UTCOffset: time.Hour, Segments: []synth.Segment{minutes(goodForm, 90)}},
			"overstride": {Start: at, Seed: 2, UTCOffset: time.Hour, Segments: []synth.Segment{minutes(overstride, 30)}},
			"treadmill":  {Start: at, Seed: 3, UTCOffset: time.Hour, SubSport: "treadmill", Segments: []synth.Segment{minutes(goodForm, 30)}},
			// Slow jogs and fast runs at the cadence and contact time
			// their speed calls for (science.md: 150 + 6·v spm, contact
			// 263·(v/3.08)^−0.5 ms), written out rather than taken from
			// the code under test.
			"slow":  {Start: at, Seed: 6, UTCOffset: time.Hour, Segments: []synth.Segment{minutes(synth.Segment{SpeedMPS: 2.3, CadenceSPM: 164, GCTms: 304, VOmm: 80}, 35)}},
			"fast":  {Start: at, Seed: 7, UTCOffset: time.Hour, Segments: []synth.Segment{minutes(synth.Segment{SpeedMPS: 3.6, CadenceSPM: 172, GCTms: 243, VOmm: 80}, 30)}},
			"short": {Start: at, Seed: 8, UTCOffset: time.Hour, Segments: []synth.Segment{minutes(goodForm, 8)}},
			"nocadence": {Start: at, Seed: 4, UTCOffset: time.Hour, NoCadence: true,
				Segments: []synth.Segment{{DurationS: 1800, SpeedMPS: 3, CadenceSPM: nan(), GCTms: nan(), VOmm: nan()}}},
		} {
			run := synthRun(t, spec)
			templates[name] = Measured(&run, nil, Options{})
		}
	})
	r := templates[kind]
	r.Measure.Splits = append([]Split(nil), r.Measure.Splits...)
	return r
}

// day is one run of an athlete and the note written about it ("" none).
type day struct {
	kind, shoe, note string
}

// athlete builds runs on consecutive days from 2026-10-01 and notes for
// them, plus extra notes on days without runs, and runs the whole result.
func athlete(t testing.TB, days []day, extraNotes ...string) Result {
	t.Helper()
	var b Builder
	b.Notes.Location = time.UTC
	for i, d := range days {
		r := template(t, d.kind)
		r.Start = time.Date(2026, 10, 1+i, 6, 0, 0, 0, time.UTC)
		r.Source = r.Start.Format("2006-01-02") + ".fit"
		b.res.Runs = append(b.res.Runs, r)
		if d.note != "" {
			b.Notes.Given = true
			b.Notes.Entries = append(b.Notes.Entries, entry(r.Start.Format("2006-01-02"), d.note, d.shoe))
		}
	}
	for i, n := range extraNotes {
		b.Notes.Given = true
		b.Notes.Entries = append(b.Notes.Entries, entry(time.Date(2026, 12, 1+i, 0, 0, 0, 0, time.UTC).Format("2006-01-02"), n, ""))
	}
	return b.Result()
}

func entry(date, text, shoe string) notes.Entry {
	w, _ := time.Parse("2006-01-02", date)
	return notes.Entry{File: "notes.md", Line: 1, When: w, Text: text, Shoes: shoe, OnsetKm: nan(), OnsetMin: nan(), Facts: notes.Extract(text)}
}

func verdicts(res Result) map[string]string {
	m := map[string]string{}
	for _, c := range res.Advice.Causes {
		m[c.ID] = c.Verdict
	}
	return m
}

func evidence(res Result, id string) string {
	for _, c := range res.Advice.Causes {
		if c.ID == id {
			return strings.Join(c.Evidence, " | ")
		}
	}
	return ""
}

// TestScenarioWrongShoes: numb only in one pair, notes of tight shoes.
func TestScenarioWrongShoes(t *testing.T) {
	var days []day
	for i := 0; i < 5; i++ {
		days = append(days, day{"good", "Racer", "left foot numb after 5 km, shoes feel tight over the top"}, day{"good", "Cruiser", "easy run, feet fine"})
	}
	res := athlete(t, days)
	v := verdicts(res)
	if v["wrong_shoes"] != VerdictLikely || v["running_form"] == VerdictLikely || v["running_form"] == VerdictPossible {
		t.Fatalf("verdicts %v\nshoes: %s\nform: %s", v, evidence(res, "wrong_shoes"), evidence(res, "running_form"))
	}
	for _, part := range []string{"5 of 5 numb runs were in Racer, against 0 of 5 clean runs", "notes mention tight shoes or laces on 5 of 5 numb runs and 0 of 5 clean runs"} {
		if !strings.Contains(evidence(res, "wrong_shoes"), part) {
			t.Errorf("shoe evidence lacks %q: %s", part, evidence(res, "wrong_shoes"))
		}
	}
	if !strings.Contains(evidence(res, "running_form"), "as common on clean runs: moderate or high overstriding on 0 of 5 numb runs, 0 of 5 clean runs") {
		t.Errorf("form evidence: %s", evidence(res, "running_form"))
	}
	if res.Advice.Fixes[0].ID != "bigger_shoe" && res.Advice.Fixes[0].ID != "loosen_laces" {
		t.Errorf("first fix %s, want a shoe fix", res.Advice.Fixes[0].ID)
	}
	if !faq(res, "one_foot") || faq(res, "treadmill") {
		t.Errorf("FAQ: %+v", res.Advice.FAQ)
	}
}

// TestScenarioRunningForm: numb on the overstriding days only.
func TestScenarioRunningForm(t *testing.T) {
	var days []day
	for i := 0; i < 4; i++ {
		days = append(days, day{"overstride", "", "toes went numb"}, day{"good", "", "good run"})
	}
	res := athlete(t, days)
	v := verdicts(res)
	// No shoe named and "toes" said: neither the shoes nor Morton's
	// neuroma can be judged (issue 10: unlikely needs evidence against).
	if v["running_form"] != VerdictLikely || v["wrong_shoes"] != VerdictUnknown || v["mortons_neuroma"] != VerdictUnknown {
		t.Fatalf("verdicts %v\nform: %s", v, evidence(res, "running_form"))
	}
	if ev := evidence(res, "running_form"); !strings.Contains(ev, "moderate or high overstriding on 4 of 4 numb runs against 0 of 4 clean runs") || !strings.Contains(ev, "for their speed, numb runs step") {
		t.Errorf("form evidence: %s", ev)
	}
	if top := res.Advice.Fixes[0].ID; top != "quicker_steps" && top != "exercise_more" && top != "stretch" {
		t.Errorf("first fix %s, want a form fix", top)
	}
}

// TestScenarioMortons: burning between the third and fourth toes.
func TestScenarioMortons(t *testing.T) {
	var days []day
	for i := 0; i < 3; i++ {
		days = append(days, day{"good", "", "burning and numb between the third and fourth toes, narrow shoes"}, day{"good", "", "no numbness"})
	}
	res := athlete(t, days)
	if v := verdicts(res); v["mortons_neuroma"] != VerdictLikely {
		t.Fatalf("verdicts %v\n%s", v, evidence(res, "mortons_neuroma"))
	}
	if !strings.Contains(evidence(res, "mortons_neuroma"), "3 of 3 numb-run notes place it between the third and fourth toes") {
		t.Errorf("evidence: %s", evidence(res, "mortons_neuroma"))
	}
}

// TestScenarioNeuropathy: both feet, lasting, diabetes — and a doctor.
func TestScenarioNeuropathy(t *testing.T) {
	var days []day
	for i := 0; i < 3; i++ {
		days = append(days, day{"good", "", "both feet numb, still numb hours after the run"}, day{"good", "", "feet fine"})
	}
	res := athlete(t, days, "my doctor says my diabetes is under control")
	if v := verdicts(res); v["peripheral_neuropathy"] != VerdictLikely {
		t.Fatalf("verdicts %v\n%s", v, evidence(res, "peripheral_neuropathy"))
	}
	d := res.Advice.SeeDoctor
	if !d.Advised || !strings.Contains(strings.Join(d.Reasons, "|"), "lasts or does not go away") || !strings.Contains(strings.Join(d.Reasons, "|"), "diabetes") {
		t.Errorf("doctor: %+v", d)
	}
	if faq(res, "one_foot") {
		t.Error("one_foot applies to numbness in both feet")
	}
}

// TestScenarioTreadmillFAQ: numb on the treadmill days. Since issue 10 the
// answer applies only when the treadmill sets numb runs apart (3 against 3
// runs is the fewest with Fisher p < 0.2), not from one numb treadmill run.
func TestScenarioTreadmillFAQ(t *testing.T) {
	var days []day
	for i := 0; i < 3; i++ {
		days = append(days, day{"treadmill", "", "numb feet on the treadmill"}, day{"good", "", "fine"})
	}
	res := athlete(t, days)
	if !faq(res, "treadmill") {
		t.Fatalf("FAQ: %+v", res.Advice.FAQ)
	}
	for _, q := range res.Advice.FAQ {
		if q.ID == "treadmill" && !strings.Contains(q.Evidence[0], "3 of 3 numb runs and 0 of 3 clean runs were on a treadmill") {
			t.Errorf("treadmill evidence %q", q.Evidence)
		}
	}
	if res = athlete(t, days[:4]); faq(res, "treadmill") {
		t.Errorf("2 against 2 runs cannot set the treadmill apart, yet the FAQ applies: %+v", res.Advice.FAQ)
	}
}

// TestScenarioRedFlags: each red flag, wherever it is noted, leads to a
// doctor, in the knowledge file's order.
func TestScenarioRedFlags(t *testing.T) {
	for text, want := range map[string]string{
		"numb toes and my lower back hurts": "back pain",
		"numb foot with neck pain":          "neck pain",
		"numb foot, excruciating pain":      "severe pain",
		"numb even sitting on the couch":    "at rest",
		"numb toes woke me up at night":     "at night",
		"numb for two days now":             "lasts or does not go away",
		"I am diabetic and my feet go numb": "diabetes",
	} {
		res := athlete(t, []day{{"good", "", "fine"}}, text)
		d := res.Advice.SeeDoctor
		if !d.Advised || len(d.Reasons) == 0 || !strings.Contains(d.Reasons[0], want) {
			t.Errorf("%q: doctor %+v, want a reason about %q", text, d, want)
		}
	}
	res := athlete(t, []day{{"good", "", "numb toes"}, {"good", "", "fine"}})
	if res.Advice.SeeDoctor.Advised {
		t.Errorf("no red flag, yet a doctor: %+v", res.Advice.SeeDoctor)
	}
	// Every run numb: the article's "every time you run".
	var days []day
	for i := 0; i < 6; i++ {
		days = append(days, day{"good", "", "numb toes again"})
	}
	if d := athlete(t, days).Advice.SeeDoctor; !d.Advised || !strings.Contains(d.Reasons[0], "6 of 6 runs") {
		t.Errorf("numb on every run: %+v", d)
	}
}

// TestScenarioMissingData: no notes → unknown; notes but no numbness →
// unlikely; numb runs without cadence → form unknown.
func TestScenarioMissingData(t *testing.T) {
	res := athlete(t, []day{{"good", "", ""}, {"overstride", "", ""}})
	for id, v := range verdicts(res) {
		if v != VerdictUnknown {
			t.Errorf("no notes: %s is %s", id, v)
		}
	}
	// Without notes: no fixes (issue 10: not nine fixes for nothing), the
	// guide to noting numbness instead, prevention once.
	if len(res.Advice.Causes) != 4 || len(res.Advice.Fixes) != 0 || res.Advice.LoggingGuide == "" || len(res.Advice.Prevention) == 0 || res.Advice.Disclaimer == "" {
		t.Errorf("advice without notes: %+v", res.Advice)
	}
	// Notes without numbness: unlikely from MinJudgedRuns runs, unknown
	// below (issue 10: two runs rule nothing out).
	res = athlete(t, []day{{"good", "", "lovely run"}, {"overstride", "", "no numbness"}})
	for id, v := range verdicts(res) {
		if v != VerdictUnknown {
			t.Errorf("no numbness on 2 runs: %s is %s", id, v)
		}
	}
	res = athlete(t, []day{{"good", "", "lovely run"}, {"overstride", "", "no numbness"}, {"good", "", "fine"}, {"good", "", "fine"}})
	for id, v := range verdicts(res) {
		if v != VerdictUnlikely {
			t.Errorf("no numbness on 4 runs: %s is %s", id, v)
		}
	}
	if res.Advice.LoggingGuide != "" || len(res.Advice.Fixes) != 0 {
		t.Errorf("notes given, nothing likely: guide %q, fixes %+v", res.Advice.LoggingGuide, res.Advice.Fixes)
	}
	// Numb notes that match no run: runlog cannot judge, and says why.
	res = athlete(t, []day{{"good", "", ""}, {"good", "", ""}}, "numb toes", "numb again")
	for _, c := range res.Advice.Causes {
		if c.Verdict != VerdictUnknown || !strings.Contains(c.Evidence[0], "2 notes report numbness but match no run") {
			t.Errorf("numb notes without runs: %s %s %q", c.ID, c.Verdict, c.Evidence)
		}
	}
	res = athlete(t, []day{{"nocadence", "", "numb toes"}, {"nocadence", "", "fine"}})
	if v := verdicts(res); v["running_form"] != VerdictUnknown {
		t.Errorf("numb runs without cadence: form %s", v["running_form"])
	}
}

func faq(res Result, id string) bool {
	for _, q := range res.Advice.FAQ {
		if q.ID == id {
			return q.Applies
		}
	}
	return false
}

// TestKnowledgeIsData: a rule added to the file changes the advice with no
// Go change; a rule on an unknown signal is refused when loading.
func TestKnowledgeIsData(t *testing.T) {
	k, err := LoadKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, c := range k.Causes {
		ids[c.ID] = true
	}
	for _, id := range []string{"wrong_shoes", "running_form", "mortons_neuroma", "peripheral_neuropathy"} {
		if !ids[id] {
			t.Errorf("cause %s missing from the knowledge file", id)
		}
	}
	extra := bytes.Replace(knowledgeYAML, []byte("    rules:\n      - {signal: third_fourth_notes"),
		[]byte("    rules:\n      - {signal: same_foot_share, op: \">=\", value: 0.5, min_n: 1, strength: strong, text: \"one foot: {count} of {n}\"}\n      - {signal: third_fourth_notes"), 1)
	k2, err := parseKnowledge(extra)
	if err != nil {
		t.Fatal(err)
	}
	res := athlete(t, []day{{"good", "", "left foot numb"}, {"good", "", "fine"}})
	in := NotesInput{Given: true}
	adv := Advise(k2, res.Runs, res.Comparison, &in)
	for _, c := range adv.Causes {
		if c.ID == "mortons_neuroma" && !strings.Contains(strings.Join(c.Evidence, "|"), "one foot: 1 of 1") {
			t.Errorf("the added rule did not apply: %+v", c)
		}
	}
	bad := bytes.Replace(knowledgeYAML, []byte("signal: third_fourth_notes"), []byte("signal: fourth_fifth_notes"), 1)
	if _, err := parseKnowledge(bad); err == nil || !strings.Contains(err.Error(), "fourth_fifth_notes") {
		t.Errorf("unknown signal: %v", err)
	}
	if _, err := parseKnowledge([]byte("causes: [{id: x, fixes: [no_such_fix]}]\nverdict: {points: {strong: 2}}")); err == nil {
		t.Error("unknown fix accepted")
	}
}
