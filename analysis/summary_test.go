package analysis

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/runlog/runlog/fitparse"
	"github.com/runlog/runlog/fitparse/synth"
)

// synthRun encodes spec with runlog's generator and decodes it back.
func synthRun(t testing.TB, spec synth.Spec) fitparse.Run {
	t.Helper()
	var buf bytes.Buffer
	if err := synth.Encode(&buf, spec); err != nil {
		t.Fatal(err)
	}
	f := fitparse.Decode("synth.fit", buf.Bytes())
	if f.Err != nil {
		t.Fatal(f.Err)
	}
	runs := f.Runs()
	if len(runs) != 1 {
		t.Fatalf("%d runs, want 1", len(runs))
	}
	return runs[0]
}

var start = time.Date(2026, 11, 2, 6, 10, 0, 0, time.UTC)

func run(s float64, speed, cad, gct, vo float64) synth.Segment {
	return synth.Segment{DurationS: s, SpeedMPS: speed, CadenceSPM: cad, GCTms: gct, VOmm: vo}
}

// TestRunningOnly: walk breaks, standing and pauses are left out of the
// averages, and running time is what remains.
func TestRunningOnly(t *testing.T) {
	nan := math.NaN()
	r := synthRun(t, synth.Spec{Start: start, Seed: 3, Segments: []synth.Segment{
		run(600, 3.0, 170, 250, 80),
		{DurationS: 120, SpeedMPS: 1.4, CadenceSPM: 110, GCTms: nan, VOmm: nan}, // walk break
		run(600, 3.0, 170, 250, 80),
		{DurationS: 90, Paused: true},
		{DurationS: 60, SpeedMPS: 0, CadenceSPM: 0, GCTms: nan, VOmm: nan}, // standing at a crossing
		run(300, 3.0, 170, 250, 80),
	}})
	got := MeasureRun(&r, ScopeRunning).Run
	near(t, "running time s", got.RunningS, 1500, 3)
	near(t, "cadence spm", got.CadenceSPM, 170, 0.5)
	near(t, "contact ms", got.GCTms, 250, 1)
	near(t, "speed m/s", got.SpeedMPS, 3.0, 0.02)
	near(t, "step length m", got.StepLengthM, 3.0/(170.0/60), 0.01)
	near(t, "duty factor", got.DutyFactor, 250*170/120000.0, 0.003)
	all := MeasureRun(&r, ScopeTimer)
	near(t, "timer s (records)", all.RecordTimerS, 1680, 3) // the pause is not timer time
	if !(all.Run.CadenceSPM < 160) {
		t.Errorf("timer-scope cadence %.1f should include the walk and the standing", all.Run.CadenceSPM)
	}
}

// TestNoCadence: speed alone decides, and cadence-based values stay NaN.
func TestNoCadence(t *testing.T) {
	nan := math.NaN()
	r := synthRun(t, synth.Spec{Start: start, Seed: 4, NoCadence: true, Segments: []synth.Segment{
		run(600, 3.0, nan, nan, nan),
		{DurationS: 300, SpeedMPS: 1.3, CadenceSPM: nan, GCTms: nan, VOmm: nan},
	}})
	got := MeasureRun(&r, ScopeRunning).Run
	near(t, "running time s", got.RunningS, 600, 3)
	for name, v := range map[string]float64{"cadence": got.CadenceSPM, "contact": got.GCTms, "step": got.StepLengthM, "vo": got.VOmm} {
		if !math.IsNaN(v) {
			t.Errorf("%s = %v without a cadence sensor, want NaN", name, v)
		}
	}
}

func TestIsRunning(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		speed, cad float64
		want       bool
	}{
		{3.0, 170, true},
		{3.0, 120, false}, // walking cadence
		{0.5, 150, false}, // standing
		{2.5, nan, true},  // no cadence, running speed
		{1.5, nan, false}, // no cadence, walking speed
		{nan, 165, true},  // treadmill without speed
		{nan, nan, false},
	}
	for _, c := range cases {
		if got := IsRunning(&fitparse.Sample{SpeedMPS: c.speed, CadenceSPM: c.cad}); got != c.want {
			t.Errorf("IsRunning(speed %v, cadence %v) = %v, want %v", c.speed, c.cad, got, c.want)
		}
	}
}

// TestWeightsSkipPauses: a record after a pause stands only for the time
// since the timer restarted.
func TestWeightsSkipPauses(t *testing.T) {
	t0 := start
	r := fitparse.Run{
		Samples: []fitparse.Sample{{T: t0}, {T: t0.Add(10 * time.Second)}, {T: t0.Add(70 * time.Second)}, {T: t0.Add(75 * time.Second)}, {T: t0.Add(200 * time.Second)}},
		Pauses:  []fitparse.Span{{Start: t0.Add(12 * time.Second), End: t0.Add(65 * time.Second)}},
	}
	want := []float64{0, 10, 7, 5, MaxSampleWeightS}
	for i, w := range Weights(&r) {
		if math.Abs(w-want[i]) > 1e-9 {
			t.Errorf("weight %d = %v, want %v", i, w, want[i])
		}
	}
}

func TestCoverage(t *testing.T) {
	nan := math.NaN()
	samples := []fitparse.Sample{{CadenceSPM: 170, GCTms: 250, SpeedMPS: 3, DistanceM: nan, HeartRateBPM: nan, GCTPercent: nan, VOmm: nan, AltitudeM: nan, TemperatureC: nan, StanceBalanceLeftPct: 48},
		{CadenceSPM: 170, GCTms: nan, SpeedMPS: 3, DistanceM: nan, HeartRateBPM: nan, GCTPercent: nan, VOmm: nan, AltitudeM: nan, TemperatureC: nan, StanceBalanceLeftPct: nan}}
	for _, c := range Coverage(samples) {
		want := 0.0
		switch c.Field {
		case "cadence", "speed":
			want = 100
		case "ground_contact_time", "stance_time_balance":
			want = 50
		}
		if c.Percent != want {
			t.Errorf("%s coverage %v%%, want %v%%", c.Field, c.Percent, want)
		}
	}
}

// TestValuesMatchDefinitions: the fast per-sample path gives the same
// derived values as the exported definitions.
func TestValuesMatchDefinitions(t *testing.T) {
	nan := math.NaN()
	for _, s := range []fitparse.Sample{
		{SpeedMPS: 3.1, CadenceSPM: 171, GCTms: 244, VOmm: 81},
		{SpeedMPS: 3.1, CadenceSPM: 171, GCTms: nan, VOmm: nan},
		{SpeedMPS: 0, CadenceSPM: 0, GCTms: nan, VOmm: nan},
		{SpeedMPS: nan, CadenceSPM: 165, GCTms: 250, VOmm: 90},
	} {
		v := values(&s)
		step := StepLengthM(s.SpeedMPS, s.CadenceSPM)
		for i, want := range []float64{step, DutyFactor(s.GCTms, s.CadenceSPM), VerticalRatioPct(s.VOmm, step)} {
			got := v[5+i]
			if !(math.Abs(got-want) < 1e-9 || (math.IsNaN(got) && math.IsNaN(want))) {
				t.Errorf("%+v: derived value %d = %v, want %v", s, i, got, want)
			}
		}
	}
}

// TestDuplicateKeepsTheCompleteCopy: of two copies of one run (same watch,
// start and session), the report keeps the one not cut short, whichever
// order the files come in, and lists the other as a duplicate naming it.
func TestDuplicateKeepsTheCompleteCopy(t *testing.T) {
	start := time.Date(2026, 11, 2, 7, 0, 0, 0, time.UTC)
	whole := RunResult{Source: "z_full.fit", Start: start, TimerS: 2124}
	whole.Measure.Run.RunningS = 2058
	cut := RunResult{Source: "a_cut.fit", Start: start, TimerS: 1695, Truncated: true}
	cut.Measure.Run.RunningS = 1629
	for _, order := range [][]RunResult{{cut, whole}, {whole, cut}} {
		var b Builder
		for _, r := range order {
			b.AddMeasured(FileResult{Source: r.Source, Runs: []RunResult{r}})
		}
		if len(b.res.Runs) != 1 || b.res.Runs[0].Source != "z_full.fit" {
			t.Errorf("order %s, %s: kept %+v, want only z_full.fit", order[0].Source, order[1].Source, b.res.Runs)
		}
		if d := b.res.Duplicates; len(d) != 1 || d[0].Source != "a_cut.fit" || !strings.Contains(d[0].Reason, "z_full.fit") {
			t.Errorf("order %s, %s: duplicates %+v", order[0].Source, order[1].Source, d)
		}
	}
}
