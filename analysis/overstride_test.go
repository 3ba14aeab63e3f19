package analysis

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/runlog/runlog/fitparse"
	"github.com/runlog/runlog/fitparse/synth"
)

var (
	goodForm = synth.Segment{SpeedMPS: 3.0, CadenceSPM: 172, GCTms: 245, VOmm: 80}
	// overstride sits below the 1st percentile of cadence at its speed:
	// (148 − 168) ÷ 8 spm = z −2.5 (docs/overstriding.md), with contact
	// time 16 % over the 267 ms norm. (156 spm, the value before issue 10,
	// is z −1.5 there: usual.)
	overstride = synth.Segment{SpeedMPS: 3.0, CadenceSPM: 148, GCTms: 310, VOmm: 98}
)

func minutes(s synth.Segment, m float64) synth.Segment { s.DurationS = m * 60; return s }

// formSpecs are the three runs of issue 3 with known form.
func formSpecs(day int) map[string]synth.Spec {
	at := time.Date(2026, 10, day, 7, 0, 0, 0, time.UTC)
	return map[string]synth.Spec{
		"good":       {Start: at, Seed: int64(day), Segments: []synth.Segment{minutes(goodForm, 25)}},
		"overstride": {Start: at.Add(2 * time.Hour), Seed: int64(day) + 100, Segments: []synth.Segment{minutes(overstride, 25)}},
		"fatigue": {Start: at.Add(4 * time.Hour), Seed: int64(day) + 200, Segments: []synth.Segment{minutes(goodForm, 40)},
			FatigueFrom: 0.6, FatigueCadenceDropSPM: 12, FatigueGCTRiseMS: 35},
	}
}

func estimateAlone(t *testing.T, spec synth.Spec) RunResult {
	t.Helper()
	run := synthRun(t, spec)
	runs := []RunResult{Measured(&run, nil, Options{})}
	Estimate(runs)
	return runs[0]
}

// TestKnownFormLevels: the generated runs land in the right level, alone
// (population norms only) and among a fortnight of runs of one watch. The
// fortnight's runs all go at 3.0 m/s, so no baseline forms (their speeds
// spread less than BaselineMinSpeedSpreadMPS) and the levels and
// confidence stay the population's. The fatigue run's form stays within
// the usual range at its speed even in its last third (160 spm, 280 ms
// at 3 m/s: z −1.0), so it is low, with fatigue named and its worst km in
// the last third.
func TestKnownFormLevels(t *testing.T) {
	want := map[string]string{"good": LevelLow, "overstride": LevelHigh, "fatigue": LevelLow}
	for name, spec := range formSpecs(10) {
		r := estimateAlone(t, spec)
		if r.Overstride.Level != want[name] {
			t.Errorf("%s alone: level %s (score %.0f), want %s; reasons %q", name, r.Overstride.Level, r.Overstride.Score, want[name], r.Overstride.Reasons)
		}
		if r.Overstride.Confidence != "medium" {
			t.Errorf("%s alone: confidence %s, want medium (cadence and contact, no baseline)", name, r.Overstride.Confidence)
		}
		if named := strings.Contains(strings.Join(r.Overstride.Reasons, " "), "fatigue:"); named != (name == "fatigue") {
			t.Errorf("%s alone: fatigue named %v; reasons %q", name, named, r.Overstride.Reasons)
		}
	}
	var b Builder
	for day := 1; day <= 4; day++ {
		for _, spec := range formSpecs(day) {
			run := synthRun(t, spec)
			b.res.Runs = append(b.res.Runs, Measured(&run, nil, Options{}))
		}
	}
	res := b.Result()
	counts := map[string]int{}
	scores := map[string]float64{}
	for _, r := range res.Runs {
		var kind string
		switch {
		case r.Start.Hour() == 7:
			kind = "good"
		case r.Start.Hour() == 9:
			kind = "overstride"
		default:
			kind = "fatigue"
		}
		counts[kind]++
		scores[kind] = math.Max(scores[kind], r.Overstride.Score)
		if r.Overstride.Level != want[kind] {
			t.Errorf("%s %s among 12 runs: level %s (score %.0f), want %s; %q", kind, r.Start.Format("01-02"), r.Overstride.Level, r.Overstride.Score, want[kind], r.Overstride.Reasons)
		}
		if r.Overstride.Confidence != "medium" || r.Overstride.Reference != "population" {
			t.Errorf("%s among runs of one speed: confidence %s against %q, want medium against population", kind, r.Overstride.Confidence, r.Overstride.Reference)
		}
		if kind == "fatigue" {
			if r.Overstride.WorstKm < 6 {
				t.Errorf("fatigue run: worst km %d, want one in the last third", r.Overstride.WorstKm)
			}
			if !strings.Contains(strings.Join(r.Overstride.Reasons, " "), "fatigue: cadence fell") {
				t.Errorf("fatigue run: reasons do not name the drift: %q", r.Overstride.Reasons)
			}
			// The thirds after the warm-up: 10–20 and 30–40 min. The
			// spec's drift grows linearly from minute 24 to the full 12
			// spm and 35 ms at minute 40: over 30–40 it averages
			// 12·(35−24)/16 = 8.25 spm and 35·11/16 = 24.1 ms.
			near(t, "fatigue cadence drop", r.Fatigue.CadenceDropSPM, 8.25, 1)
			near(t, "fatigue contact rise", r.Fatigue.GCTRiseMS, 24.1, 3)
		}
	}
	if counts["good"] != 4 || counts["overstride"] != 4 || counts["fatigue"] != 4 {
		t.Fatalf("runs by kind: %v", counts)
	}
	if !(scores["fatigue"] > 0) {
		t.Errorf("the fatigue runs' worst kilometres raise no score: %v", scores)
	}
}

// TestOverstrideReasonsCarryNumbers: the main reason of an overstriding run
// names its cadence, speed and how far below the reference it is.
func TestOverstrideReasonsCarryNumbers(t *testing.T) {
	r := estimateAlone(t, formSpecs(11)["overstride"])
	first := r.Overstride.Reasons[0]
	for _, part := range []string{"148 spm", "10.8 km/h", "% below", "typical", "lowest 1 % at that speed"} {
		if !strings.Contains(first, part) {
			t.Errorf("main reason %q lacks %q", first, part)
		}
	}
	if len(r.Overstride.Reasons) < 2 || !strings.Contains(r.Overstride.Reasons[1], "310 ms") {
		t.Errorf("contact-time reason missing: %q", r.Overstride.Reasons)
	}
}

func TestMissingCadenceOrContact(t *testing.T) {
	nan := math.NaN()
	at := time.Date(2026, 10, 3, 7, 0, 0, 0, time.UTC)
	noCad := estimateAlone(t, synth.Spec{Start: at, Seed: 1, NoCadence: true, Segments: []synth.Segment{{DurationS: 1500, SpeedMPS: 3, CadenceSPM: nan, GCTms: nan, VOmm: nan}}})
	if noCad.Overstride.Level != LevelUnknown || !math.IsNaN(noCad.Overstride.Score) || !strings.Contains(noCad.Overstride.Reasons[0], "no cadence") {
		t.Errorf("no cadence: %+v", noCad.Overstride)
	}
	noGCT := estimateAlone(t, synth.Spec{Start: at, Seed: 2, Segments: []synth.Segment{{DurationS: 1500, SpeedMPS: 3, CadenceSPM: 156, GCTms: nan, VOmm: nan}}})
	o := noGCT.Overstride
	if o.Level == LevelUnknown || o.Confidence != "low" || !strings.Contains(strings.Join(o.Reasons, " "), "no ground-contact time") {
		t.Errorf("no contact time: %+v", o)
	}
	if !math.IsNaN(noGCT.Form().GCTms) || !math.IsNaN(noGCT.Form().DutyFactor) {
		t.Error("a missing contact time must stay NaN, never be guessed")
	}
}

// TestRealRunsGetALevel: every real running session with cadence and
// contact time and enough running after the warm-up gets a level; the one
// without cadence and the 57-second one are unknown, with the reason.
func TestRealRunsGetALevel(t *testing.T) {
	for _, d := range deviceSummaries {
		run := fixtureRun(t, d.file, d.session)
		runs := []RunResult{Measured(&run, nil, Options{})}
		Estimate(runs)
		o := runs[0].Overstride
		hasCad := !math.IsNaN(runs[0].Form().CadenceSPM)
		long := runs[0].RunningS() >= WarmUpS+MinJudgedS+BinS
		switch {
		case !hasCad && o.Level != LevelUnknown:
			t.Errorf("%s: no cadence but level %s", d.file, o.Level)
		case hasCad && !long && (o.Level != LevelUnknown || !strings.Contains(o.Reasons[0], "too short to judge")):
			t.Errorf("%s: %.0f s of running but %+v", d.file, runs[0].RunningS(), o)
		case hasCad && long && (o.Level == LevelUnknown || math.IsNaN(o.Score) || len(o.Reasons) == 0):
			t.Errorf("%s: cadence recorded but no estimate: %+v", d.file, o)
		}
	}
}

// TestHigherCadenceNeverRaisesScore is the monotonicity property: at equal
// speed and contact time, more steps per minute never make the estimate
// worse — for random forms, with and without a baseline and a height.
func TestHigherCadenceNeverRaisesScore(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	base := &Baseline{Runs: 6, HasCadence: true, HasGCT: true, Cadence: line{A: 150, B: 7}, GCT: line{A: 300, B: -15}, MinSpeedMPS: 2.5, MaxSpeedMPS: 4}
	for i := 0; i < 2000; i++ {
		v := 1.2 + 5*rng.Float64()
		c := 130 + 70*rng.Float64()
		g := 180 + 180*rng.Float64()
		h := math.NaN()
		if i%2 == 0 {
			h = 150 + 50*rng.Float64()
		}
		bl := base
		if i%3 == 0 {
			bl = nil
		}
		mk := func(cad float64) Measure {
			return steadyMeasure(Form{SpeedMPS: v, CadenceSPM: cad, GCTms: g}, 1800)
		}
		lo, hi := mk(c), mk(c+1+10*rng.Float64())
		a, _ := EstimateOverstride(&lo, bl, h, false)
		b, _ := EstimateOverstride(&hi, bl, h, false)
		if math.IsNaN(a.Score) || b.Score > a.Score+1e-9 {
			t.Fatalf("v=%.2f g=%.0f h=%.0f: cadence %.1f → score %.2f, cadence %.1f → score %.2f", v, g, h, lo.Run.CadenceSPM, a.Score, hi.Run.CadenceSPM, b.Score)
		}
	}
	// The same on a real decoded run: every sample a few steps quicker.
	run := synthRun(t, formSpecs(12)["overstride"])
	quicker := run
	quicker.Samples = append([]fitparse.Sample(nil), run.Samples...)
	for i := range quicker.Samples {
		quicker.Samples[i].CadenceSPM += 4
	}
	slow, fast := []RunResult{Measured(&run, nil, Options{})}, []RunResult{Measured(&quicker, nil, Options{})}
	Estimate(slow)
	Estimate(fast)
	if !(fast[0].Overstride.Score < slow[0].Overstride.Score) {
		t.Errorf("4 spm quicker throughout did not lower the score: %.1f to %.1f", slow[0].Overstride.Score, fast[0].Overstride.Score)
	}
}

func TestDeterministic(t *testing.T) {
	run := synthRun(t, formSpecs(13)["fatigue"])
	a, b := []RunResult{Measured(&run, nil, Options{})}, []RunResult{Measured(&run, nil, Options{})}
	Estimate(a)
	Estimate(b)
	if a[0].Overstride.Score != b[0].Overstride.Score || strings.Join(a[0].Overstride.Reasons, "|") != strings.Join(b[0].Overstride.Reasons, "|") {
		t.Error("the same run gave two different estimates")
	}
}

// TestBaselineFit recovers a runner's own cadence–speed line from splits,
// needs MinBaselineRuns runs over BaselineMinSpeedSpreadMPS, and leaves
// the warm-up kilometres out (here they carry a cadence far off the line
// that would move it if counted).
func TestBaselineFit(t *testing.T) {
	var runs [][]Split
	for i := 0; i < MinBaselineRuns; i++ {
		splits := []Split{ // 10 minutes of warm-up
			{Km: 1, DistanceM: 1000, Form: Form{RunningS: 300, SpeedMPS: 3.3, CadenceSPM: 120, GCTms: 400}},
			{Km: 2, DistanceM: 1000, Form: Form{RunningS: 300, SpeedMPS: 3.3, CadenceSPM: 120, GCTms: 400}},
		}
		for k, v := range []float64{2.6, 3.0, 3.4, 3.8} {
			v += 0.2 * float64(i) // run means 3.2 … 4.0 m/s
			splits = append(splits, Split{Km: k + 3, DistanceM: 1000, Form: Form{RunningS: 300, SpeedMPS: v, CadenceSPM: 150 + 8*v, GCTms: 320 - 20*v}})
		}
		runs = append(runs, splits)
		b := FitBaseline(runs)
		if i < MinBaselineRuns-1 {
			if b.HasCadence {
				t.Fatalf("baseline from %d runs", i+1)
			}
			continue
		}
		if !b.HasCadence || !b.HasGCT || b.Runs != MinBaselineRuns {
			t.Fatalf("no baseline from %d runs: %+v", i+1, b)
		}
		near(t, "own cadence slope", b.Cadence.B, 8, 1e-6)
		near(t, "own cadence at 3 m/s", b.CadenceSPM(3), 174, 1e-6)
		near(t, "own contact at 3 m/s", b.GCTms(3), 260, 1e-6)
	}
	// Runs whose average speeds lie within 0.5 m/s: no baseline at all.
	var close [][]Split
	for i := 0; i < MinBaselineRuns+3; i++ {
		v := 3 + 0.05*float64(i)
		close = append(close, []Split{
			{Km: 1, DistanceM: 1000, Form: Form{RunningS: 600, SpeedMPS: v, CadenceSPM: 175, GCTms: 230}},
			{Km: 2, DistanceM: 1000, Form: Form{RunningS: 300, SpeedMPS: v - 0.3, CadenceSPM: 172, GCTms: 240}},
			{Km: 3, DistanceM: 1000, Form: Form{RunningS: 300, SpeedMPS: v + 0.3, CadenceSPM: 180, GCTms: 220}},
		})
	}
	if b := FitBaseline(close); b.HasCadence {
		t.Errorf("baseline from runs whose speeds spread 0.35 m/s: %+v", b)
	}
}

// TestOwnBaselineReason: a runner whose own cadence is high is judged
// against it, with the number of runs named; the own line replaces the
// population norm, so a runner whose own cadence is low is judged more
// leniently, not the strictest of the two.
func TestOwnBaselineReason(t *testing.T) {
	m := steadyMeasure(Form{SpeedMPS: 3, CadenceSPM: 170, GCTms: 240}, 1800)
	quick := &Baseline{Runs: 9, HasCadence: true, Cadence: line{A: 167, B: 6}, MinSpeedMPS: 2.5, MaxSpeedMPS: 3.5} // 185 spm at 3 m/s
	o, _ := EstimateOverstride(&m, quick, math.NaN(), false)
	if !strings.Contains(o.Reasons[0], "8 % below your own 185 (9 runs), lowest 5 % at that speed") || o.Reference != "own" {
		t.Errorf("reason: %q (reference %q)", o.Reasons[0], o.Reference)
	}
	alone, _ := EstimateOverstride(&m, nil, math.NaN(), false)
	if !(o.Score > alone.Score) {
		t.Errorf("against a quicker own baseline the score should rise: %.1f vs %.1f", o.Score, alone.Score)
	}
	slowM := steadyMeasure(Form{SpeedMPS: 3, CadenceSPM: 150, GCTms: 240}, 1800)
	slow := &Baseline{Runs: 9, HasCadence: true, Cadence: line{A: 134, B: 6}, MinSpeedMPS: 2.5, MaxSpeedMPS: 3.5} // 152 spm at 3 m/s
	own, _ := EstimateOverstride(&slowM, slow, math.NaN(), false)
	pop, _ := EstimateOverstride(&slowM, nil, math.NaN(), false)
	if !(own.Score < pop.Score) || own.Level != LevelLow || pop.Level != LevelModerate {
		t.Errorf("150 spm at 3 m/s: own baseline (152) gives %s %.0f, population (168) %s %.0f; want the own line to replace the norm",
			own.Level, own.Score, pop.Level, pop.Score)
	}
	// Outside the speeds the own line was fitted on, the population norm.
	fast := steadyMeasure(Form{SpeedMPS: 4.4, CadenceSPM: 170, GCTms: 220}, 1800)
	o, _ = EstimateOverstride(&fast, quick, math.NaN(), false)
	if o.Reference != "population" {
		t.Errorf("4.4 m/s against a line fitted on 2.5–3.5 m/s: reference %q", o.Reference)
	}
}

// TestHeight: a taller runner is expected to take fewer, longer steps, so
// the same run scores lower, and the reasons compare step and leg length.
func TestHeight(t *testing.T) {
	m := steadyMeasure(Form{SpeedMPS: 3, CadenceSPM: 158, GCTms: 280}, 1800)
	short, _ := EstimateOverstride(&m, nil, 160, false)
	tall, _ := EstimateOverstride(&m, nil, 195, false)
	if !(tall.Score < short.Score) {
		t.Errorf("195 cm scored %.1f, 160 cm %.1f: taller should score lower", tall.Score, short.Score)
	}
	joined := strings.Join(tall.Reasons, " ")
	if !strings.Contains(joined, "× your leg length (1.03 m from 195 cm)") {
		t.Errorf("no step-to-leg reason: %q", tall.Reasons)
	}
	none, _ := EstimateOverstride(&m, nil, math.NaN(), false)
	if strings.Contains(strings.Join(none.Reasons, " "), "leg length") {
		t.Error("a leg-length reason without a height")
	}
}

// steadyMeasure is a run at one form for runningS seconds of running, in
// bins and whole kilometres, as MeasureRun would give it.
func steadyMeasure(f Form, runningS float64) Measure {
	f.RunningS = runningS
	f.StepLengthM = f.SpeedMPS / (f.CadenceSPM / 60)
	m := Measure{Run: f, FirstThird: f, LastThird: f}
	v := [8]float64{f.SpeedMPS, math.NaN(), f.CadenceSPM, f.GCTms}
	for t := 0.0; t < runningS; t += BinS {
		b := Bin{EndTimerS: t + BinS, EndDistanceM: (t + BinS) * f.SpeedMPS}
		b.pace.add(&v, BinS)
		m.Bins = append(m.Bins, b)
	}
	kmS := 1000 / f.SpeedMPS
	for km := 1; float64(km)*kmS <= runningS; km++ {
		sf := f
		sf.RunningS = kmS
		m.Splits = append(m.Splits, Split{Km: km, DistanceM: 1000, Form: sf})
	}
	return m
}

func TestSplitsAndRolling(t *testing.T) {
	nan := math.NaN()
	r := synthRun(t, synth.Spec{Start: time.Date(2026, 10, 4, 7, 0, 0, 0, time.UTC), Seed: 5, Segments: []synth.Segment{
		minutes(goodForm, 10), {DurationS: 120, SpeedMPS: 1.4, CadenceSPM: 110, GCTms: nan, VOmm: nan}, minutes(overstride, 10)}})
	m := MeasureRun(&r, ScopeRunning)
	total := 0.0
	for i, s := range m.Splits {
		if s.Km != i+1 {
			t.Errorf("split %d numbered %d", i, s.Km)
		}
		total += s.DistanceM
	}
	near(t, "splits add up to the distance", total, m.RecordDistanceM, 0.5)
	if len(m.Splits) != 4 {
		t.Errorf("%d splits for %.0f m", len(m.Splits), m.RecordDistanceM)
	}
	near(t, "first split cadence", m.Splits[0].Form.CadenceSPM, 172, 1)
	near(t, "last split cadence", m.Splits[len(m.Splits)-1].Form.CadenceSPM, overstride.CadenceSPM, 1)

	wins := Rolling(&r, time.Minute, 30*time.Second)
	if len(wins) < 40 {
		t.Fatalf("%d windows for a 22-minute run", len(wins))
	}
	walkStart := r.Start.Add(10 * time.Minute)
	for _, w := range wins {
		inWalk := w.Start.After(walkStart.Add(-time.Second)) && w.End.Before(walkStart.Add(121*time.Second))
		if inWalk && w.Form.RunningS != 0 {
			t.Errorf("window %v–%v inside the walk counts %.0f s of running", w.Start, w.End, w.Form.RunningS)
		}
		if w.End.Before(walkStart) && w.Form.RunningS > 0 && math.Abs(w.Form.CadenceSPM-172) > 2 {
			t.Errorf("window before the walk: cadence %.1f", w.Form.CadenceSPM)
		}
		if w.Start.After(walkStart.Add(3*time.Minute)) && w.Form.RunningS > 0 && math.Abs(w.Form.CadenceSPM-overstride.CadenceSPM) > 2 {
			t.Errorf("window after the walk: cadence %.1f", w.Form.CadenceSPM)
		}
	}
	between := m.Span(15*60, 20*60) // timer seconds
	near(t, "form between 15 and 20 min", between.CadenceSPM, overstride.CadenceSPM, 1)
	near(t, "running time between 15 and 20 min", between.RunningS, 300, 2)
}

// encodeSynth returns a generated file's bytes.
func encodeSynth(t testing.TB, spec synth.Spec) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := synth.Encode(&buf, spec); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestBinsKeepSpans: after the samples are gone, the bins still measure any
// stretch of the run: the first running minutes, the minutes before a
// given timer time, the time a distance was reached.
func TestBinsKeepSpans(t *testing.T) {
	r := synthRun(t, synth.Spec{Start: time.Date(2026, 10, 5, 7, 0, 0, 0, time.UTC), Seed: 6,
		Segments: []synth.Segment{minutes(goodForm, 12), {DurationS: 60, Paused: true}, minutes(overstride, 12)}})
	m := MeasureRun(&r, ScopeRunning)
	near(t, "last bin ends at the timer time", m.Bins[len(m.Bins)-1].EndTimerS, m.RecordTimerS, 1e-6)
	first := m.FirstRunningS(600)
	near(t, "first 10 running minutes: cadence", first.CadenceSPM, 172, 1)
	near(t, "first 10 running minutes: time", first.RunningS, 600, BinS)
	late := m.Span(m.RecordTimerS-600, m.RecordTimerS)
	near(t, "last 10 minutes: cadence", late.CadenceSPM, overstride.CadenceSPM, 1)
	near(t, "last 10 minutes: contact", late.GCTms, overstride.GCTms, 2)
	// 12 minutes at 3 m/s is 2160 m: 2 km is reached after 666 s of timer.
	near(t, "timer at 2 km", m.TimerAtDistance(2000), 667, BinS)
	if !math.IsNaN(m.TimerAtDistance(50000)) {
		t.Error("a distance never reached has a time")
	}
	var sum float64
	for _, b := range m.Bins {
		sum += b.pace.runningS
	}
	near(t, "bins hold all running time", sum, m.Run.RunningS, 1e-6)
}

// TestFirstReasonExplainsLevel: on every demo run the first reason names
// the level band the table shows: when contact time deepens a cadence
// that alone is in the lowest 5 % into the lowest 1 % (high), the first
// reason says so, rather than a cadence line that reads "lowest 5 %".
func TestFirstReasonExplainsLevel(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "demo", "*.fit"))
	if len(paths) == 0 {
		t.Fatal("no demo runs in testdata/demo")
	}
	together := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f := fitparse.Decode(p, data)
		for _, run := range f.Runs() {
			runs := []RunResult{Measured(&run, nil, Options{})}
			Estimate(runs)
			o := runs[0].Overstride
			first := o.Reasons[0]
			switch o.Level {
			case LevelHigh:
				if !strings.Contains(first, "lowest 1 %") {
					t.Errorf("%s: level high, first reason %q", filepath.Base(p), first)
				}
				if strings.Contains(first, "together") {
					together++
				}
			case LevelLow:
				if strings.Contains(first, "lowest") {
					t.Errorf("%s: level low, first reason %q", filepath.Base(p), first)
				}
			}
		}
	}
	if together == 0 {
		t.Error("no demo run's level comes from cadence and contact together: the test checks nothing of that case")
	}
}
