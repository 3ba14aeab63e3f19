package analysis

import (
	"math"
	"testing"
	"time"

	"github.com/runlog/runlog/analysis/notes"
)

func TestWeeks(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 7, 0, 0, 0, time.UTC) }
	runs := []RunResult{
		{Start: day(2), DistanceM: 5000, Overstride: Overstride{Score: 10, Level: LevelLow}, Numbness: Numbness{Reported: notes.No}},
		{Start: day(4), DistanceM: 4000, Overstride: Overstride{Score: 60, Level: LevelHigh}, Numbness: Numbness{Reported: notes.Yes}},
		{Start: day(8), DistanceM: 3000, Overstride: Overstride{Score: math.NaN(), Level: LevelUnknown}},             // Sunday: same ISO week
		{Start: day(9), DistanceM: 6000, Overstride: Overstride{Score: 30, Level: LevelModerate}, ClockNotSet: true}, // left out
		{Start: day(10), DistanceM: 6000, Overstride: Overstride{Score: 30, Level: LevelModerate}, Numbness: Numbness{Reported: notes.Yes}},
	}
	ws := Weeks(runs)
	if len(ws) != 2 {
		t.Fatalf("weeks: %+v", ws)
	}
	w := ws[0]
	if w.Year != 2026 || w.Week != 45 || w.Runs != 3 || w.NumbRuns != 1 || w.UnknownRuns != 1 || w.MeanOverstrideScore != 35 || w.DistanceM != 12000 {
		t.Errorf("first week: %+v", w)
	}
	if w := ws[1]; w.Week != 46 || w.Runs != 1 || w.NumbRuns != 1 || w.MeanOverstrideScore != 30 {
		t.Errorf("second week: %+v", w)
	}
	if ws := Weeks([]RunResult{{Start: day(3), Overstride: Overstride{Score: math.NaN(), Level: LevelUnknown}}}); !math.IsNaN(ws[0].MeanOverstrideScore) {
		t.Errorf("a week without scores has a mean: %+v", ws)
	}
}

func TestOnsetKmIndex(t *testing.T) {
	r := RunResult{Numbness: Numbness{OnsetKm: 3, OnsetTimerS: 900}}
	if got := r.OnsetKmIndex(); got != 3 {
		t.Errorf("noted km 3: got km %d", got)
	}
	r.Numbness.OnsetKm = math.NaN()
	r.Measure.Bins = []Bin{{EndTimerS: 300, EndDistanceM: 900}, {EndTimerS: 600, EndDistanceM: 1800}, {EndTimerS: 900, EndDistanceM: 2700}}
	if got := r.OnsetKmIndex(); got != 3 {
		t.Errorf("onset at 900 s (2.7 km): got km %d", got)
	}
	r.Numbness.OnsetTimerS = math.NaN()
	if got := r.OnsetKmIndex(); got != 0 {
		t.Errorf("no onset: got km %d", got)
	}
}
