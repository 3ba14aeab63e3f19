package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/runlog/runlog/fitparse"
)

// filesRuns reads one input (a zip included) through fitparse.Files and
// returns its runs, skipping when the real fixtures are absent.
func filesRuns(t *testing.T, path string) []fitparse.Run {
	t.Helper()
	if _, err := os.Stat(path); os.IsNotExist(err) {
		t.Skipf("%s not found (real fixtures live in ../shared beside the project): skipping", path)
	}
	var runs []fitparse.Run
	n := 0
	for f := range fitparse.Files([]string{path}, fitparse.InputOptions{}) {
		if f.Err != nil {
			t.Fatal(f.Err)
		}
		n++
		runs = append(runs, f.Runs()...)
	}
	if n == 0 {
		t.Fatalf("%s: no input read", path)
	}
	return runs
}

// TestAmbit3HalvedCadence: the Suunto Ambit3 run recorded cadence at half
// its value from 567 s to 1567 s (SOURCES.md). That stretch is now doubled
// and named, never counted as walking: nearly all of the timer time is
// running, and the running cadence is the ≈166 spm of its running records
// read as steps.
func TestAmbit3HalvedCadence(t *testing.T) {
	runs := filesRuns(t, filepath.Join(fixtureDir, "ambit3-run-halved-cadence.fit.zip"))
	if len(runs) != 1 {
		t.Fatalf("%d runs, want 1", len(runs))
	}
	run := runs[0]
	near(t, "timer s", run.TimerS, 6642.2, tolTimerRel*6642.2)
	near(t, "distance m", run.DistanceM, 20041, tolDistanceRel*20041)
	m := MeasureRun(&run, ScopeRunning)
	near(t, "running cadence spm", m.Run.CadenceSPM, 166, tolCadenceSPM)
	if m.Run.RunningS < 0.95*run.TimerS {
		t.Errorf("running %.0f s of %.0f s timer time: the halved stretch (1000 s) is still lost", m.Run.RunningS, run.TimerS)
	}
	var warned string
	for _, w := range run.Warnings {
		if strings.Contains(w, "half its value") {
			warned = w
		}
	}
	if warned == "" {
		t.Fatalf("no warning about the halved cadence: %q", run.Warnings)
	}
	// The stretch the warning names starts and ends within 5 s of the
	// source's 567 s and 1567 s (m:ss of the run).
	from, to := spanOf(t, warned)
	if from < 562 || from > 572 || to < 1562 || to > 1572 {
		t.Errorf("stretch %d–%d s, want about 567–1567 s: %q", from, to, warned)
	}
	// Inside it, no running-speed record keeps a halved cadence, and nearly
	// all count as running. (A few records where the watch switched between
	// the two readings hold 100–150 spm, neither half nor whole; they are
	// left as recorded.)
	var fast, counted int
	for i := range run.Samples {
		s := &run.Samples[i]
		at := s.T.Sub(run.Start).Seconds()
		if at <= 600 || at >= 1500 || !(s.SpeedMPS > 2.5) {
			continue
		}
		fast++
		if IsRunning(s) {
			counted++
		}
		if s.CadenceSPM > 60 && s.CadenceSPM < 100 {
			t.Fatalf("record at %.0f s (%.1f m/s) still has a halved %.0f spm", at, s.SpeedMPS, s.CadenceSPM)
		}
	}
	if float64(counted) < 0.97*float64(fast) {
		t.Errorf("%d of %d running-speed records in the stretch count as running", counted, fast)
	}
}

// spanOf reads "from m:ss to m:ss" out of a warning, in seconds.
func spanOf(t *testing.T, w string) (int, int) {
	t.Helper()
	f := strings.Fields(w[strings.Index(w, " from ")+1:])
	if len(f) < 4 || f[0] != "from" || f[2] != "to" {
		t.Fatalf("cannot read a span from %q", w)
	}
	sec := func(s string) int {
		d, err := time.ParseDuration(strings.Replace(s, ":", "m", 1) + "s")
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		return int(d.Seconds())
	}
	return sec(f[1]), sec(f[3])
}

// TestSparseRecordsRunningTime: the generated run whose records are split
// in two and interleaved with position-only records keeps all its running
// time (it lost half before the repair) and its form.
func TestSparseRecordsRunningTime(t *testing.T) {
	runs := filesRuns(t, filepath.Join("..", "testdata", "fit", "sparse-records.fit"))
	run := runs[0]
	m := MeasureRun(&run, ScopeRunning)
	if m.Run.RunningS < run.TimerS-3 {
		t.Errorf("running %.0f s of %.0f s", m.Run.RunningS, run.TimerS)
	}
	near(t, "cadence spm", m.Run.CadenceSPM, 172, tolCadenceSPM)
	near(t, "contact ms", m.Run.GCTms, 245, tolGCTms)
	near(t, "oscillation mm", m.Run.VOmm, 80, tolVOmm)
}

// TestHalvedCadenceRunningTime: in the generated run with ten halved
// minutes and 40 halved seconds, only the 40 s (too short to judge) are
// left out of the running time.
func TestHalvedCadenceRunningTime(t *testing.T) {
	run := filesRuns(t, filepath.Join("..", "testdata", "fit", "halved-cadence.fit"))[0]
	m := MeasureRun(&run, ScopeRunning)
	near(t, "running s", m.Run.RunningS, run.TimerS-40, 3)
	near(t, "cadence spm", m.Run.CadenceSPM, 170, tolCadenceSPM)
}
