package analysis

import (
	"math"
	"os"
	"strings"
	"testing"

	"github.com/runlog/runlog/fitparse"
	"github.com/runlog/runlog/fitparse/synth"
)

// TestClassifyMatchesIsRunning: Classify says "running" exactly when
// IsRunning does, over a grid that crosses every threshold.
func TestClassifyMatchesIsRunning(t *testing.T) {
	nan := math.NaN()
	for _, v := range []float64{nan, 0, 0.5, StandingSpeedMPS - 0.01, StandingSpeedMPS, 1.5, NoCadenceRunSpeedMPS - 0.01, NoCadenceRunSpeedMPS, 3} {
		for _, c := range []float64{nan, 0, 60, WalkCadenceMaxSPM - 1, WalkCadenceMaxSPM, 170} {
			s := fitparse.Sample{SpeedMPS: v, CadenceSPM: c}
			if got, want := Classify(&s) == MotionRunning, IsRunning(&s); got != want {
				t.Errorf("speed %v cadence %v: Classify %v, IsRunning %v", v, c, Classify(&s), want)
			}
		}
	}
}

func TestClassifyReasons(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		speed, cad float64
		want       Motion
	}{
		{3, 170, MotionRunning},
		{1.4, 110, MotionWalking},
		{1.5, nan, MotionWalking}, // no cadence, slower than a run
		{0, 0, MotionStanding},
		{2.5, 0, MotionStanding}, // cadence 0: not stepping, whatever the GPS says
		{0.4, 150, MotionStanding},
		{nan, nan, MotionNoData},
	} {
		if got := Classify(&fitparse.Sample{SpeedMPS: c.speed, CadenceSPM: c.cad}); got != c.want {
			t.Errorf("speed %v cadence %v: %v, want %v", c.speed, c.cad, got, c.want)
		}
	}
}

// breaksSpec is a run with a walk break, a pause and a stop at a crossing;
// its watch-style (all timer time) averages follow from the segments.
func breaksSpec(walkGCTms float64) synth.Spec {
	nan := math.NaN()
	return synth.Spec{Start: start, Seed: 11, Segments: []synth.Segment{
		run(600, 3.0, 170, 250, 80),
		{DurationS: 120, SpeedMPS: 1.4, CadenceSPM: 110, GCTms: walkGCTms, VOmm: nan}, // walk break
		run(600, 3.0, 170, 250, 80),
		{DurationS: 90, Paused: true},
		{DurationS: 60, SpeedMPS: 0, CadenceSPM: 0, GCTms: nan, VOmm: nan}, // standing at a crossing
		run(300, 3.0, 170, 250, 80),
	}}
}

// Watch-style averages of breaksSpec, time-weighted over the 1680 s of
// timer time: 1500 s running at 170 spm, 120 s walking at 110, 60 s at 0.
const (
	breaksTimerCadenceSPM = (1500*170 + 120*110 + 60*0) / 1680.0
	breaksWalkGCTms       = 600                                       // walking stance is far longer than running
	breaksTimerGCTms      = (1500*250 + 120*breaksWalkGCTms) / 1620.0 // standing has no contact time
)

func TestLeftOutByReason(t *testing.T) {
	r := synthRun(t, breaksSpec(math.NaN()))
	m := MeasureRun(&r, ScopeRunning)
	lo := m.LeftOut()
	near(t, "walking s", lo.WalkingS, 120, 3)
	near(t, "standing s", lo.StandingS, 60, 3)
	near(t, "no data s", lo.NoDataS, 0, 0)
	near(t, "running + left out = timer", m.Run.RunningS+lo.TotalS(), m.RecordTimerS, 1e-6)
	near(t, "timer-scope cadence", m.Timer().CadenceSPM, breaksTimerCadenceSPM, 1)
	allM := MeasureRun(&r, ScopeTimer)
	if got := allM.LeftOut().TotalS(); got != 0 {
		t.Errorf("ScopeTimer left out %v s, want 0", got)
	}
	// The single pass's timer scope is what a separate ScopeTimer pass gives.
	all := allM.Run
	near(t, "timer cadence vs ScopeTimer pass", m.Timer().CadenceSPM, all.CadenceSPM, 1e-9)
	near(t, "timer contact vs ScopeTimer pass", m.Timer().GCTms, all.GCTms, 1e-9)
}

func checkOf(t *testing.T, rr *RunResult, metric string) WatchCheck {
	t.Helper()
	for _, c := range rr.Watch {
		if c.Metric == metric {
			return c
		}
	}
	t.Fatalf("no watch check for %s in %+v", metric, rr.Watch)
	return WatchCheck{}
}

// TestWatchCheckExplained: a watch that averages every timer second says
// less cadence than runlog; the check finds the walk and the stop, and that
// counting them gives the watch's figure.
func TestWatchCheckExplained(t *testing.T) {
	r := synthRun(t, breaksSpec(math.NaN()))
	r.DeviceAvg = fitparse.Averages{CadenceSPM: breaksTimerCadenceSPM, GCTms: 250, SpeedMPS: math.NaN(),
		HeartRateBPM: math.NaN(), VOmm: math.NaN(), StepLengthMM: math.NaN()}
	rr := Measured(&r, nil, Options{})
	c := checkOf(t, &rr, "avg_cadence_spm")
	if !c.Differs || !c.Explained {
		t.Fatalf("cadence check %+v: want differs and explained", c)
	}
	near(t, "runlog cadence", c.RunlogValue, 170, 1)
	near(t, "timer-scope cadence", c.TimerValue, breaksTimerCadenceSPM, 1)
	near(t, "walking s", c.Left.WalkingS, 120, 3)
	near(t, "standing s", c.Left.StandingS, 60, 3)
	if g := checkOf(t, &rr, "avg_gct_ms"); g.Differs || g.Explained {
		t.Errorf("contact time check %+v: runlog and watch agree, want neither differs nor explained", g)
	}
	near(t, "running s", rr.RunningS(), 1500, 3)
	near(t, "left out s", rr.LeftOut.TotalS(), 180, 4)
}

// TestWatchCheckContactTime: walking steps are long on the ground; the
// watch counts them, standing (no contact time) counts for neither.
func TestWatchCheckContactTime(t *testing.T) {
	r := synthRun(t, breaksSpec(breaksWalkGCTms))
	r.DeviceAvg.CadenceSPM, r.DeviceAvg.GCTms = math.NaN(), breaksTimerGCTms
	rr := Measured(&r, nil, Options{})
	if len(rr.Watch) != 1 {
		t.Fatalf("%d checks, want only contact time (the watch has no cadence figure)", len(rr.Watch))
	}
	c := rr.Watch[0]
	if c.Metric != "avg_gct_ms" || !c.Differs || !c.Explained {
		t.Fatalf("check %+v: want contact time, differs, explained", c)
	}
	near(t, "walking s with contact time", c.Left.WalkingS, 120, 3)
	near(t, "standing s with contact time", c.Left.StandingS, 0, 0)
}

// TestWatchCheckUnexplained: when counting the left-out time does not
// bring runlog to the watch's figure, the check says so.
func TestWatchCheckUnexplained(t *testing.T) {
	r := synthRun(t, breaksSpec(math.NaN()))
	r.DeviceAvg.CadenceSPM = breaksTimerCadenceSPM - 8 // beyond what the breaks explain
	rr := Measured(&r, nil, Options{})
	c := checkOf(t, &rr, "avg_cadence_spm")
	if !c.Differs || c.Explained {
		t.Errorf("check %+v: want differs, not explained", c)
	}

	// Nothing left out: runlog and the watch count the same time.
	steady := synthRun(t, synth.Spec{Start: start, Seed: 12, Segments: []synth.Segment{run(900, 3.0, 170, 250, 80)}})
	steady.DeviceAvg.CadenceSPM = 164
	rr = Measured(&steady, nil, Options{})
	c = checkOf(t, &rr, "avg_cadence_spm")
	if !c.Differs || c.Explained || c.Left.TotalS() > 1 {
		t.Errorf("check %+v: want differs, not explained, nothing left out", c)
	}

	// Within the tolerance: no difference to explain.
	steady.DeviceAvg.CadenceSPM = 170 + WatchTolCadenceSPM/2.0
	rr = Measured(&steady, nil, Options{})
	if c = checkOf(t, &rr, "avg_cadence_spm"); c.Differs || c.Explained {
		t.Errorf("check %+v: want agreement", c)
	}
}

// TestDeviceAveragesZeroIsMissing: a 0 in the session summary means the
// watch measured nothing; it never becomes a figure runlog compares with.
func TestDeviceAveragesZeroIsMissing(t *testing.T) {
	a := DeviceAverages(fitparse.Averages{SpeedMPS: 0, HeartRateBPM: 0, CadenceSPM: 0, GCTms: 0, VOmm: 0, StepLengthMM: 0})
	for name, v := range map[string]float64{"speed": a.SpeedMPS, "heart rate": a.HeartRateBPM, "cadence": a.CadenceSPM,
		"contact": a.GCTms, "oscillation": a.VOmm, "step length": a.StepLengthMM} {
		if !math.IsNaN(v) {
			t.Errorf("%s = %v, want NaN", name, v)
		}
	}
	if b := DeviceAverages(fitparse.Averages{CadenceSPM: 171.5, GCTms: 248}); b.CadenceSPM != 171.5 || b.GCTms != 248 {
		t.Errorf("measured values changed: %+v", b)
	}
	r := synthRun(t, synth.Spec{Start: start, Seed: 13, Segments: []synth.Segment{run(300, 3.0, 170, 250, 80)}})
	r.DeviceAvg = fitparse.Averages{CadenceSPM: 170, GCTms: 0, VOmm: 0}
	rr := Measured(&r, nil, Options{})
	if !math.IsNaN(rr.DeviceAvg.GCTms) || !math.IsNaN(rr.DeviceAvg.VOmm) {
		t.Errorf("device averages %+v: 0 contact time and oscillation should be NaN", rr.DeviceAvg)
	}
	for _, c := range rr.Watch {
		if c.Metric == "avg_gct_ms" {
			t.Errorf("a contact-time check against the watch's 0: %+v", c)
		}
	}
}

// TestWatchChecksOnFixtures: on every running session of the real files
// with a cadence figure from the watch, runlog's cadence is within the
// tolerance of the watch's, or the check explains the difference; and an
// explanation is only given when a separate all-timer-time pass agrees with
// the watch.
func TestWatchChecksOnFixtures(t *testing.T) {
	if _, err := os.Stat(fixtureDir); err != nil {
		t.Skipf("real FIT fixtures not found at %s (they live in ../shared beside the project): skipping", fixtureDir)
	}
	checked := 0
	for f := range fitparse.Files([]string{fixtureDir}, fitparse.InputOptions{}) {
		for _, run := range f.Runs() {
			rr := Measured(&run, f.Warnings, Options{})
			if math.IsNaN(rr.DeviceAvg.CadenceSPM) {
				continue
			}
			name := f.Source[strings.LastIndex(f.Source, "/")+1:]
			all := MeasureRun(&run, ScopeTimer).Run
			for _, c := range rr.Watch {
				timer := all.CadenceSPM
				if c.Metric == "avg_gct_ms" {
					timer = all.GCTms
				}
				if c.Explained && !(math.Abs(timer-c.DeviceValue) <= c.Tolerance) {
					t.Errorf("%s: %s explained, but over all timer time runlog gets %.1f against the watch's %.1f", name, c.Metric, timer, c.DeviceValue)
				}
			}
			c := checkOf(t, &rr, "avg_cadence_spm")
			ok := !c.Differs || c.Explained
			checked++
			if !ok {
				t.Errorf("%s session %d: watch %.1f spm, runlog %.1f, all timer time %.1f, left out %+v: differs and not explained",
					name, run.SessionIndex, c.DeviceValue, c.RunlogValue, c.TimerValue, c.Left)
			}
		}
	}
	if checked < 5 {
		t.Errorf("only %d sessions checked", checked)
	}
}
