package analysis

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/runlog/runlog/fitparse"
)

var fixtureDir = filepath.Join("..", "..", "shared", "fixtures", "fit")

// fixtureRun decodes session `session` of a real watch file, skipping the
// test when ../shared/fixtures is not beside the project.
func fixtureRun(t testing.TB, file string, session int) fitparse.Run {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureDir, file))
	if os.IsNotExist(err) {
		t.Skipf("real FIT fixtures not found at %s (they live in ../shared beside the project): skipping", fixtureDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	f := fitparse.Decode(file, b)
	if f.Err != nil {
		t.Fatal(f.Err)
	}
	for _, r := range f.Runs() {
		if r.SessionIndex == session {
			return r
		}
	}
	t.Fatalf("%s has no running session %d", file, session)
	return fitparse.Run{}
}

// deviceSummaries are the watches' own session values, copied from
// ../shared/fixtures/SOURCES.md (an oracle independent of runlog). NaN: the
// watch did not record it.
var deviceSummaries = []struct {
	file                       string
	session                    int
	cadenceSPM, gctMS, voMM    float64
	timerS, distanceM          float64
	gctPlainMeanOfRecordsCheck bool // see docs/accuracy.md
}{
	{"fenix2-run.fit", 0, 162, 252, 106.2, 2832, 9008.22, true},
	{"fenix5-run-short.fit", 0, 167.34, 270.3, 76.2, 56.887, 157.56, false},
	{"fr920xt-run.fit", 0, 167.33, 290.5, 70.6, 3967.026, 12579.16, false},
	{"fr920xt-run-dynamics.fit", 0, 173.28, 265.8, 81.8, 2124.084, 7278.71, false},
	{"stryd-run-devfields.fit", 0, 148, math.NaN(), math.NaN(), 3424, 6753.99, false},
	{"fr920xt-triathlon.fit", 4, 170.12, 279.8, 71.8, 1497.138, 5057.6, false},
	{"fr255-triathlon.fit", 4, 161.41, 276, 90.2, 1573.613, 4491.51, false},
	{"forerunner15-run-nocadence.fit", 0, math.NaN(), math.NaN(), math.NaN(), 2223.803, 10010.82, false},
	// Laps and session written before the records (docs/decisions.md,
	// "Session and lap spans"); its 773 s at cadence 0 are in the watch's
	// cadence average.
	{"fr965-run-summary-first.fit", 0, 121.6, 271.8, 91.6, 4487.8, 11232.7, false},
}

// TestSummaryFirstRunningOnly: over running samples only, the Forerunner 965
// file that writes its summary first agrees with the plain figures of its
// running records (SOURCES.md: 159.5 spm, 270.5 ms, 103.3 mm), and most of
// its timer time is running.
func TestSummaryFirstRunningOnly(t *testing.T) {
	run := fixtureRun(t, "fr965-run-summary-first.fit", 0)
	m := MeasureRun(&run, ScopeRunning)
	near(t, "running cadence spm", m.Run.CadenceSPM, 159.5, tolCadenceSPM)
	near(t, "running contact ms", m.Run.GCTms, 270.5, tolGCTms)
	near(t, "running oscillation mm", m.Run.VOmm, 103.3, tolVOmm)
	// 773 s at cadence 0 are standing; the rest of the 4488 s is mostly running.
	if m.Run.RunningS < 0.5*run.TimerS || m.Run.RunningS > run.TimerS-773+1 {
		t.Errorf("running time %.0f s of %.0f s timer time", m.Run.RunningS, run.TimerS)
	}
}

// Tolerances from issue 2.
const (
	tolCadenceSPM  = 2
	tolGCTms       = 6
	tolVOmm        = 3
	tolDistanceRel = 0.01
	tolTimerRel    = 0.02
)

// TestAgreesWithDevice: over the same scope the watch uses (every second
// the timer ran), runlog's averages from the records agree with the watch's
// own session summary; distance and timer time computed from the records
// agree with the session totals.
func TestAgreesWithDevice(t *testing.T) {
	for _, d := range deviceSummaries {
		t.Run(d.file, func(t *testing.T) {
			run := fixtureRun(t, d.file, d.session)
			all := MeasureRun(&run, ScopeTimer)
			s := all.Run
			near(t, "cadence spm", s.CadenceSPM, d.cadenceSPM, tolCadenceSPM)
			if d.gctPlainMeanOfRecordsCheck {
				// The watch's session value is not reproducible from its
				// records; compare with the plain mean of those records.
				near(t, "contact ms vs plain mean of records", s.GCTms, plainMean(run.Samples, func(x fitparse.Sample) float64 { return x.GCTms }), tolGCTms)
			} else if !math.IsNaN(d.gctMS) {
				near(t, "contact ms", s.GCTms, d.gctMS, tolGCTms)
			}
			if !math.IsNaN(d.voMM) {
				near(t, "vertical oscillation mm", s.VOmm, d.voMM, tolVOmm)
			}
			near(t, "distance m (records)", all.RecordDistanceM, d.distanceM, tolDistanceRel*d.distanceM)
			near(t, "timer s (records)", all.RecordTimerS, d.timerS, tolTimerRel*d.timerS)
			near(t, "distance m (session)", run.DistanceM, d.distanceM, tolDistanceRel*d.distanceM)
			near(t, "timer s (session)", run.TimerS, d.timerS, tolTimerRel*d.timerS)

			// runlog reports running time only: it can only drop time, and
			// a run with a cadence must keep most of its time.
			r := MeasureRun(&run, ScopeRunning).Run
			if r.RunningS > s.RunningS+1e-9 {
				t.Errorf("running time %.1f s exceeds timer time %.1f s", r.RunningS, s.RunningS)
			}
			if r.RunningS < 0.5*s.RunningS {
				t.Errorf("only %.0f of %.0f s counted as running", r.RunningS, s.RunningS)
			}
			if !math.IsNaN(d.cadenceSPM) && !(r.CadenceSPM >= s.CadenceSPM-tolCadenceSPM) {
				t.Errorf("running cadence %.1f below the all-timer cadence %.1f: standing and walking were not removed", r.CadenceSPM, s.CadenceSPM)
			}
		})
	}
}

// TestFenix2LapsAgree backs the fenix2 contact-time exception: lap by lap,
// runlog's averages agree with the watch's own lap values except in the
// cool-down lap, where the watch's 302 ms is not in its records.
func TestFenix2LapsAgree(t *testing.T) {
	run := fixtureRun(t, "fenix2-run.fit", 0)
	deviceLapGCTms := []float64{253, 227, 218} // the watch's lap messages 0–2
	if len(run.Laps) != 4 {
		t.Fatalf("%d laps, want 4", len(run.Laps))
	}
	for i, want := range deviceLapGCTms {
		lap := run
		end := run.Laps[i].Start.Add(secondsToDuration(run.Laps[i].ElapsedS))
		lap.Samples = nil
		for _, s := range run.Samples {
			if !s.T.Before(run.Laps[i].Start) && !s.T.After(end) {
				lap.Samples = append(lap.Samples, s)
			}
		}
		near(t, "lap contact ms", MeasureRun(&lap, ScopeTimer).Run.GCTms, want, tolGCTms)
	}
}

func plainMean(samples []fitparse.Sample, get func(fitparse.Sample) float64) float64 {
	var sum, n float64
	for _, s := range samples {
		if v := get(s); !math.IsNaN(v) {
			sum += v
			n++
		}
	}
	return sum / n
}

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(want) {
		if !math.IsNaN(got) {
			t.Errorf("%s = %.2f, want none (NaN)", what, got)
		}
		return
	}
	if !(math.Abs(got-want) <= tol) {
		t.Errorf("%s = %.2f, want %.2f ± %.2f", what, got, want, tol)
	}
}
