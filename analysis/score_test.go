package analysis

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/runlog/runlog/fitparse"
)

// Properties of issue 10, points 1–4: one score per run from its own data
// and its own runner's baseline only; warm-up, minimum length, norms over
// jogging speeds, fatigue beyond the change of pace. Runs are built sample
// by sample (genRun) so that form can follow speed exactly.

// phase is a stretch of a generated run; the form moves linearly from the
// start values to the end values (End* NaN: constant).
type phase struct {
	minutes                float64
	speed, cadence, gct    float64
	endSpeed, endCad, endG float64
}

func steady(min, v, c, g float64) phase {
	return phase{minutes: min, speed: v, cadence: c, gct: g, endSpeed: math.NaN(), endCad: math.NaN(), endG: math.NaN()}
}

// atNorm is the population's typical form at speed v: cadence 150 + 6.0·v,
// contact 263·(v/3.08)^−0.5 (science.md), written out here rather than
// taken from the code under test.
func atNorm(min, v float64) phase {
	return steady(min, v, 150+6.0*v, 263*math.Pow(v/3.08, -0.5))
}

// genRun builds a run with a record every 2 s, a little deterministic
// jitter, on watch serial in the folder of source.
func genRun(source, serial string, start time.Time, seed uint64, phases ...phase) fitparse.Run {
	rng := rand.New(rand.NewPCG(seed, 7))
	r := fitparse.Run{Source: source, Sport: "running", SubSport: "generic", Start: start, HeightCM: math.NaN(),
		Device: fitparse.Device{Manufacturer: "garmin", Product: "fr255", Serial: serial}}
	t, dist := start, 0.0
	lerp := func(a, b, f float64) float64 {
		if math.IsNaN(b) {
			return a
		}
		return a + (b-a)*f
	}
	for _, p := range phases {
		n := int(p.minutes * 30)
		for i := 0; i < n; i++ {
			f := float64(i) / float64(n)
			v := lerp(p.speed, p.endSpeed, f) + 0.04*(rng.Float64()-0.5)
			dist += 2 * v
			t = t.Add(2 * time.Second)
			r.Samples = append(r.Samples, fitparse.Sample{T: t, DistanceM: dist, SpeedMPS: v, HeartRateBPM: math.NaN(),
				CadenceSPM: lerp(p.cadence, p.endCad, f) + 2*(rng.Float64()-0.5), GCTms: lerp(p.gct, p.endG, f) + 6*(rng.Float64()-0.5),
				GCTPercent: math.NaN(), VOmm: 80, AltitudeM: math.NaN(), TemperatureC: math.NaN()})
		}
	}
	r.TimerS = t.Sub(start).Seconds()
	r.ElapsedS, r.DistanceM = r.TimerS, dist
	return r
}

func measured(r fitparse.Run) RunResult { return Measured(&r, nil, Options{}) }

// runner generates n runs of one athlete on one watch in one folder, at
// speeds spread over 2.4–3.8 m/s, with a cadence offset from the norm
// (their own style) and a contact time at it.
func runner(name, serial, folder string, n int, cadOffset float64, seed uint64) []RunResult {
	var out []RunResult
	at := time.Date(2026, 9, 1, 7, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		v := 2.4 + 1.4*float64(i%5)/4 + 0.05*float64(i/5)
		ph := atNorm(30, v)
		ph.cadence += cadOffset
		if i%3 == 2 { // a few runs with worse form, so scores differ
			ph.cadence -= 10
			ph.gct += 30
		}
		src := fmt.Sprintf("%s/%s-%02d.fit", folder, name, i)
		out = append(out, measured(genRun(src, serial, at.Add(time.Duration(i)*26*time.Hour), seed+uint64(i), ph)))
	}
	return out
}

// estimateOf runs Estimate over copies of runs and returns the estimates
// by source.
func estimateOf(runs []RunResult) map[string]RunResult {
	cp := make([]RunResult, len(runs))
	for i := range runs {
		cp[i] = runs[i]
		cp[i].Measure.Splits = append([]Split(nil), runs[i].Measure.Splits...)
	}
	Estimate(cp)
	out := map[string]RunResult{}
	for _, r := range cp {
		out[r.Source] = r
	}
	return out
}

func sameEstimate(a, b RunResult) bool {
	sa, sb := a.Overstride.Score, b.Overstride.Score
	return (sa == sb || math.IsNaN(sa) && math.IsNaN(sb)) && a.Overstride.Level == b.Overstride.Level &&
		strings.Join(a.Overstride.Reasons, "|") == strings.Join(b.Overstride.Reasons, "|") &&
		a.Overstride.WorstKm == b.Overstride.WorstKm
}

// TestOtherRunnersChangeNoScore: adding another runner's runs — another
// watch in another folder, or the same watch model without a serial in
// another folder, or the same serial in another folder — changes no score
// of the first runner, who has a baseline of their own that those runs
// would move if they were pooled into it.
func TestOtherRunnersChangeNoScore(t *testing.T) {
	a := runner("a", "111", "/runs/anna", 8, +8, 1) // quick steps: 8 spm over the norm
	alone := estimateOf(a)
	own := 0
	for _, r := range alone {
		if r.Overstride.Reference == "own" {
			own++
		}
	}
	if 2*own <= len(a) { // the fastest run lies beyond the others' speeds: population
		t.Fatalf("%d of %d runs judged against their own baseline; the property needs one", own, len(a))
	}
	others := map[string][]RunResult{
		"another watch and folder":      runner("b", "222", "/runs/ben", 8, -12, 100),
		"the same serial, other folder": runner("c", "111", "/runs/carl", 8, -12, 200),
		"no serial, same model":         runner("d", "", "/runs/dora", 8, -12, 300),
	}
	for what, b := range others {
		with := estimateOf(append(append([]RunResult(nil), a...), b...))
		for src, r := range alone {
			if !sameEstimate(r, with[src]) {
				t.Errorf("%s: %s went from %s %.1f %q to %s %.1f %q", what, src, r.Overstride.Level, r.Overstride.Score, r.Overstride.Reasons,
					with[src].Overstride.Level, with[src].Overstride.Score, with[src].Overstride.Reasons)
			}
		}
	}
	// The control: pooled into one baseline (same watch, same folder) the
	// other runner's slower steps do move the first runner's scores, so
	// the property above is not true by accident.
	b := runner("b", "111", "/runs/anna", 8, -12, 100)
	pooled := estimateOf(append(append([]RunResult(nil), a...), b...))
	moved := 0
	for src, r := range alone {
		if !sameEstimate(r, pooled[src]) {
			moved++
		}
	}
	if moved == 0 {
		t.Error("pooling another runner's runs into one folder and watch moved no score: the test cannot fail")
	}
}

// TestScoreDependsOnlyOnItsBaseline: for random subsets of a pool of runs
// of several runners, a run's estimate among the subset equals its
// estimate among just the runs of the subset that share its RunnerKey;
// and a run is never part of its own baseline (leave-one-out: a run
// judged among copies of itself alone has no baseline).
func TestScoreDependsOnlyOnItsBaseline(t *testing.T) {
	var pool []RunResult
	pool = append(pool, runner("a", "111", "/x", 7, +6, 1)...)
	pool = append(pool, runner("b", "222", "/x", 7, -6, 50)...)
	pool = append(pool, runner("c", "111", "/y", 6, 0, 90)...)
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 12; trial++ {
		var sub []RunResult
		for _, r := range pool {
			if rng.Float64() < 0.7 {
				sub = append(sub, r)
			}
		}
		all := estimateOf(sub)
		byKey := map[string][]RunResult{}
		for _, r := range sub {
			byKey[RunnerKey(&r)] = append(byKey[RunnerKey(&r)], r)
		}
		for _, group := range byKey {
			mine := estimateOf(group)
			for src, r := range mine {
				if !sameEstimate(r, all[src]) {
					t.Fatalf("trial %d: %s is %s %.1f among its own runs, %s %.1f among all", trial, src,
						r.Overstride.Level, r.Overstride.Score, all[src].Overstride.Level, all[src].Overstride.Score)
				}
			}
		}
	}
	// Leave-one-out: among MinBaselineRuns runs of one runner no run has
	// a baseline (each has only MinBaselineRuns−1 others); with one more,
	// each run's baseline counts the MinBaselineRuns others, never itself.
	five := runner("z", "9", "/z", MinBaselineRuns, -4, 7)
	for src, r := range estimateOf(five) {
		if r.Overstride.Reference != "population" {
			t.Errorf("%s judged against %q among %d runs: it is part of its own baseline", src, r.Overstride.Reference, len(five))
		}
	}
	six := runner("z", "9", "/z", MinBaselineRuns+1, -4, 7)
	own := 0
	for src, r := range estimateOf(six) {
		if r.Overstride.Reference == "own" {
			own++
			if want := fmt.Sprintf("(%d runs)", MinBaselineRuns); !strings.Contains(r.Overstride.Reasons[0]+r.Overstride.Reasons[1], want) {
				t.Errorf("%s: baseline not of the %d other runs: %q", src, MinBaselineRuns, r.Overstride.Reasons)
			}
		}
	}
	if own == 0 {
		t.Errorf("no run of %d has a baseline", len(six))
	}
}

// TestSlowdownAtNormIsNotFatigue: a run that slows down, at every moment
// at the form its speed calls for, is not fatigued — whether it slows by
// 8 % (corrected) or 20 % (not assessable); the reason says what the pace
// explains. The control, the same slowdown with cadence falling 8 spm
// beyond it, is fatigue.
func TestSlowdownAtNormIsNotFatigue(t *testing.T) {
	at := time.Date(2026, 10, 1, 7, 0, 0, 0, time.UTC)
	slowdown := func(v0, v1, extraDrop float64) RunResult {
		warm := atNorm(10, v0)
		ramp := atNorm(36, v0)
		ramp.endSpeed = v1
		ramp.endCad = 150 + 6.0*v1 - extraDrop
		ramp.endG = 263 * math.Pow(v1/3.08, -0.5)
		rr := []RunResult{measured(genRun("/s/run.fit", "1", at, 5, warm, ramp))}
		Estimate(rr)
		return rr[0]
	}
	for _, c := range []struct {
		v0, v1     float64
		assessable bool
	}{{3.2, 2.95, true}, {3.35, 2.9, true}, {3.3, 2.7, false}, {2.4, 2.2, true}} {
		r := slowdown(c.v0, c.v1, 0)
		f := r.Fatigue
		named := false
		for _, why := range r.Overstride.Reasons {
			named = named || strings.HasPrefix(why, "fatigue:")
		}
		if f.Fatigued || f.Assessable != c.assessable || named {
			t.Errorf("%.2f→%.2f m/s at the norm: fatigued %v, assessable %v (want %v); %+v; %q", c.v0, c.v1, f.Fatigued, f.Assessable, c.assessable, f, r.Overstride.Reasons)
		}
		if !(f.GCTRiseMS > 5) || math.Abs(f.GCTRiseBeyondPaceMS) > 4 || math.Abs(f.CadenceDropBeyondPaceSPM) > 1.5 {
			t.Errorf("%.2f→%.2f m/s: contact rose %.1f ms, %.1f beyond the pace; cadence %.1f beyond: the pace should explain the drift",
				c.v0, c.v1, f.GCTRiseMS, f.GCTRiseBeyondPaceMS, f.CadenceDropBeyondPaceSPM)
		}
		if fatigueReason(&r.Measure, f) != "" {
			t.Errorf("%.2f→%.2f m/s: fatigueReason %q", c.v0, c.v1, fatigueReason(&r.Measure, f))
		}
	}
	// The reason names what was removed when the raw drift looked like
	// fatigue (contact 4 % longer or more).
	r := slowdown(3.35, 2.9, 0)
	if j := strings.Join(r.Overstride.Reasons, " "); !strings.Contains(j, "no fatigue: contact rose") || !strings.Contains(j, "of it the slower pace") {
		t.Errorf("reasons do not say what the slower pace explains: %q", r.Overstride.Reasons)
	}
	r = slowdown(3.3, 2.7, 0)
	if j := strings.Join(r.Overstride.Reasons, " "); !strings.Contains(j, "fatigue not assessable (speed -") || !strings.Contains(j, "of it the slower pace") {
		t.Errorf("a 15 %% slowdown: %q", r.Overstride.Reasons)
	}
	if f := slowdown(3.2, 2.95, 8).Fatigue; !f.Fatigued {
		t.Errorf("8 spm beyond the pace is not fatigue: %+v", f)
	}
	// The runner's own speed relation is used where it exists: a runner
	// whose cadence moves 14 spm per m/s slows from 3.2 to 2.95 m/s and
	// loses 3.5 spm, all of it their pace; the population's 6 spm per m/s
	// would leave 2 spm of "fatigue".
	first := Form{RunningS: 600, SpeedMPS: 3.2, CadenceSPM: 175, GCTms: 240}
	last := Form{RunningS: 600, SpeedMPS: 2.95, CadenceSPM: 175 - 14*0.25, GCTms: 240}
	b := &Baseline{Runs: 6, HasCadence: true, Cadence: line{A: 130, B: 14}}
	if f := FatigueOf(first, last, b, math.NaN()); !f.OwnSlope || math.Abs(f.CadenceDropBeyondPaceSPM) > 1e-9 {
		t.Errorf("own slope not used: %+v", f)
	}
	if f := FatigueOf(first, last, nil, math.NaN()); f.OwnSlope || math.Abs(f.CadenceDropBeyondPaceSPM-(3.5-6*0.25)) > 1e-9 {
		t.Errorf("population slope: %+v", f)
	}
}

// TestSlowJoggerAtNormIsLow: joggers at 8:30/km (1.96 m/s) and around it,
// at the cadence and contact time usual at that pace, or one SD off on
// both, are low; neither measure counts as notable. A constant duty factor
// (0.369 at the norm cadence: 274 ms at 1.96 m/s) would put their 330 ms
// beyond the 5th percentile.
func TestSlowJoggerAtNormIsLow(t *testing.T) {
	at := time.Date(2026, 10, 2, 7, 0, 0, 0, time.UTC)
	for i, v := range []float64{1.96, 1.8, 2.2, 2.5} {
		for _, off := range []float64{0, 1} {
			ph := atNorm(40, v)
			ph.cadence -= off * 8
			ph.gct *= 1 + off*0.10
			rr := []RunResult{measured(genRun(fmt.Sprintf("/j/%d.fit", i), "1", at, uint64(i), ph))}
			Estimate(rr)
			o := rr[0].Overstride
			if o.Level != LevelLow || !(o.CadenceZ > zNotable) || !(o.GCTZ > zNotable) {
				t.Errorf("jogger at %.2f m/s, %.0f SD off the norm: %s %.0f (cadence z %.2f, contact z %.2f); %q", v, off, o.Level, o.Score, o.CadenceZ, o.GCTZ, o.Reasons)
			}
		}
	}
	// Outside the reference range the reason says so.
	rr := []RunResult{measured(genRun("/j/x.fit", "1", at, 9, atNorm(40, 1.5)))}
	Estimate(rr)
	if j := strings.Join(rr[0].Overstride.Reasons, " "); !strings.Contains(j, "outside the speeds the reference covers") {
		t.Errorf("1.5 m/s: %q", rr[0].Overstride.Reasons)
	}
}

// TestWarmUpKmNeverWorst: whatever the warm-up looks like — here always
// worse than the rest — no km that overlaps the first WarmUpS of running
// is the worst km, and the warm-up does not raise the run's score.
func TestWarmUpKmNeverWorst(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	at := time.Date(2026, 10, 3, 7, 0, 0, 0, time.UTC)
	for i := 0; i < 12; i++ {
		v := 2.2 + 2*rng.Float64()
		warm := atNorm(10+4*rng.Float64(), v*0.9)
		warm.cadence -= 12 + 10*rng.Float64()
		warm.gct += 40
		main := atNorm(20+20*rng.Float64(), v)
		main.cadence -= 6 * rng.Float64()
		rr := []RunResult{measured(genRun("/w/r.fit", "1", at, uint64(i), warm, main))}
		Estimate(rr)
		o, m := rr[0].Overstride, rr[0].Measure
		if o.WorstKm == 0 {
			t.Fatalf("run %d: no worst km; %q", i, o.Reasons)
		}
		startS := 0.0
		for _, sp := range m.Splits {
			if sp.Km == o.WorstKm && (startS < WarmUpS || sp.WarmUp) {
				t.Errorf("run %d at %.1f m/s: worst km %d starts at %.0f s of running, in the warm-up", i, v, sp.Km, startS)
			}
			startS += sp.Form.RunningS
		}
		without := []RunResult{measured(genRun("/w/r.fit", "1", at, uint64(i), atNorm(10, v), main))}
		Estimate(without)
		if math.Abs(without[0].Overstride.Score-o.Score) > 3 {
			t.Errorf("run %d: a bad warm-up moved the score from %.1f to %.1f", i, without[0].Overstride.Score, o.Score)
		}
		if o.Level != LevelUnknown && !strings.Contains(strings.Join(o.Reasons, " "), fmt.Sprintf("worst km, km %d", o.WorstKm)) {
			t.Errorf("run %d: the reasons do not say how the score combines the worst km: %q", i, o.Reasons)
		}
	}
}

// TestShortRunIsUnknown: a run with less than MinJudgedS of running after
// the warm-up is unknown, with the reason; from there it is judged.
func TestShortRunIsUnknown(t *testing.T) {
	at := time.Date(2026, 10, 4, 7, 0, 0, 0, time.UTC)
	for _, min := range []float64{3, 12, 19, 21, 30} {
		rr := []RunResult{measured(genRun("/m/r.fit", "1", at, 1, atNorm(min, 3.0)))}
		Estimate(rr)
		o := rr[0].Overstride
		short := min*60 < WarmUpS+MinJudgedS
		if short != (o.Level == LevelUnknown) || short && (!math.IsNaN(o.Score) || !strings.Contains(o.Reasons[0], "too short to judge")) {
			t.Errorf("%.0f min: %s %.1f %q", min, o.Level, o.Score, o.Reasons)
		}
	}
}

// TestFixtureLevelsAloneAndTogether: no real fixture run's estimate
// changes between being analysed alone and with all the others.
func TestFixtureLevelsAloneAndTogether(t *testing.T) {
	if _, err := os.Stat(fixtureDir); err != nil {
		t.Skipf("real FIT fixtures not found at %s: skipping", fixtureDir)
	}
	var all []RunResult
	for f := range fitparse.Files([]string{fixtureDir}, fitparse.InputOptions{}) {
		fr := MeasureFile(&f, Options{})
		all = append(all, fr.Runs...)
	}
	if len(all) < 5 {
		t.Fatalf("%d fixture runs", len(all))
	}
	together := estimateOf(all)
	for _, r := range all {
		alone := estimateOf([]RunResult{r})[r.Source]
		if !sameEstimate(alone, together[r.Source]) {
			t.Errorf("%s: alone %s %.1f, with the others %s %.1f", r.Source, alone.Overstride.Level, alone.Overstride.Score,
				together[r.Source].Overstride.Level, together[r.Source].Overstride.Score)
		}
	}
}

// TestOneStory: the run's score, its level, the worst km and the reason
// that combines them tell one story: the score is the mean of the span
// after the warm-up and the worst km, the worst km is the highest-scoring
// judged split, and the reason carries those very numbers.
func TestOneStory(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	at := time.Date(2026, 10, 5, 7, 0, 0, 0, time.UTC)
	for i := 0; i < 10; i++ {
		v := 2.4 + 1.5*rng.Float64()
		bad := atNorm(4+4*rng.Float64(), v)
		bad.cadence -= 10 + 15*rng.Float64()
		bad.gct *= 1.15
		rr := []RunResult{measured(genRun("/o/r.fit", "1", at, uint64(i), atNorm(10+10*rng.Float64(), v), bad, atNorm(10+10*rng.Float64(), v)))}
		Estimate(rr)
		o, m := rr[0].Overstride, &rr[0].Measure
		var rf references
		after, _, _ := m.AfterWarmUp()
		whole := rf.judge(after)
		best, bestKm := math.Inf(-1), 0
		for _, sp := range m.Splits {
			if !sp.Overstride.WarmUp && sp.DistanceM >= worstSplitMinM && sp.Form.RunningS >= worstSplitMinS && sp.Overstride.Score > best {
				best, bestKm = sp.Overstride.Score, sp.Km
			}
		}
		if bestKm != o.WorstKm || math.Abs(o.Score-(whole.score+best)/2) > 1e-9 || o.Level != LevelOf(o.Score) {
			t.Errorf("run %d: score %.2f (%s), worst km %d; after warm-up %.2f, best split km %d at %.2f", i, o.Score, o.Level, o.WorstKm, whole.score, bestKm, best)
		}
		want := fmt.Sprintf("score %.0f: mean of the run after warm-up (%.0f) and its worst km, km %d (%.0f)", o.Score, whole.score, bestKm, best)
		if !strings.Contains(strings.Join(o.Reasons, "|"), want) {
			t.Errorf("run %d: no %q in %q", i, want, o.Reasons)
		}
		if best-whole.score >= 10 && o.Reasons[0] != want {
			t.Errorf("run %d: the worst km moves the score but does not lead: %q", i, o.Reasons)
		}
	}
}

// TestIssue10Runner: the run of issue 10 — 183 spm and 206 ms at 4:30/km
// after a sluggish first km (it was "moderate" from its warm-up km judged
// against the first third of the run) — is low, and its first km is not
// its worst.
func TestIssue10Runner(t *testing.T) {
	at := time.Date(2026, 10, 6, 7, 0, 0, 0, time.UTC)
	v := 1000 / 270.0
	rr := []RunResult{measured(genRun("/i/r.fit", "1", at, 3, steady(5, v*0.85, 160, 290), steady(35, v, 183, 206)))}
	Estimate(rr)
	if o := rr[0].Overstride; o.Level != LevelLow || o.WorstKm == 1 {
		t.Errorf("183 spm, 206 ms at 4:30/km: %s %.0f, worst km %d; %q", o.Level, o.Score, o.WorstKm, o.Reasons)
	}
}

// TestMatchedSpeedFatigue: a run whose last third is 13 % slower than its
// first, but whose first third also holds 3 minutes at the last third's
// speed, is judged on those matched stretches: at the norm, no fatigue;
// with cadence 8 spm lower in the last third, fatigue.
func TestMatchedSpeedFatigue(t *testing.T) {
	at := time.Date(2026, 10, 7, 7, 0, 0, 0, time.UTC)
	mk := func(drop float64) Fatigue {
		last := atNorm(10, 2.7)
		last.cadence -= drop
		rr := []RunResult{measured(genRun("/f/r.fit", "1", at, 4,
			atNorm(10, 3.3), atNorm(7, 3.3), atNorm(3, 2.7), atNorm(10, 3.0), last))}
		Estimate(rr)
		return rr[0].Fatigue
	}
	f := mk(0)
	if !f.MatchedSpeed || !f.Assessable || f.Fatigued || math.Abs(f.SpeedChangePct) > 5 {
		t.Errorf("slowdown at the norm with matched stretches: %+v", f)
	}
	if f := mk(8); !f.MatchedSpeed || !f.Fatigued || math.Abs(f.CadenceDropSPM-8) > 1.5 {
		t.Errorf("8 spm lower at matched speed: %+v", f)
	}
}
