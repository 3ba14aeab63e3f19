package report

import (
	"math"
	"strings"
	"testing"

	"github.com/runlog/runlog/analysis"
	"github.com/runlog/runlog/analysis/notes"
)

// Lines that disagreed with the rest of a report (issue 10).

func TestNumbDetailBothFeet(t *testing.T) {
	r := analysis.RunResult{Numbness: analysis.Numbness{Reported: notes.Yes, Foot: "both", OnsetKm: 3, OnsetMin: math.NaN(), OnsetTimerS: math.NaN()}}
	if got := numbDetail(&r); got != "(numb: both feet, from km 3)" {
		t.Errorf("both feet: %q", got)
	}
}

func TestNoNegativeZero(t *testing.T) {
	for _, v := range []float64{-0.04, -0.0, -0.004} {
		if got := fixed(v, 1); got != "0.0" {
			t.Errorf("fixed(%v, 1) = %q", v, got)
		}
	}
	if got := fixed(-0.06, 1); got != "-0.1" {
		t.Errorf("fixed(-0.06, 1) = %q", got)
	}
}

// TestComparisonRowsSayTheirRuns: a row over fewer runs than the heading's
// groups says over how many; the treadmill row counts a run a note puts on
// a treadmill, and the runs table says so.
func TestComparisonRowsSayTheirRuns(t *testing.T) {
	c := &analysis.Comparison{NumbRuns: 5, CleanRuns: 4, Metrics: []analysis.MetricComparison{
		{Metric: "avg_cadence_spm", NNumb: 5, NClean: 3, MeanNumb: 150, MeanClean: 170, PValue: 0.01},
		{Metric: "distance_m", NNumb: 5, NClean: 4, MeanNumb: 5000, MeanClean: 5000, PValue: 0.5},
	}}
	rows := comparisonRows(c)
	if !strings.HasSuffix(rows[0][1], "(5 vs 3 runs)") || strings.Contains(rows[1][1], "runs)") {
		t.Errorf("rows %q", rows)
	}
	r := analysis.RunResult{SubSport: "generic", Numbness: analysis.Numbness{Facts: notes.Facts{Context: []string{"treadmill"}}}}
	if !r.OnTreadmill() || kindText(&r) != "treadmill (note)" {
		t.Errorf("a treadmill run by its note: %v %q", r.OnTreadmill(), kindText(&r))
	}
}

// TestPeriodChangeAsPrinted: the change column is the change of the
// figures as printed: 172.4 against 171.6 prints "172  172  0", not "+1",
// and an unchanged figure is "0", not "-0".
func TestPeriodChangeAsPrinted(t *testing.T) {
	p := &analysis.Period{Form: analysis.FormMeans{Runs: 3, CadenceSPM: 172.4, GCTms: 244.9, Overstride: 0.2},
		Before: analysis.FormMeans{Runs: 3, CadenceSPM: 171.6, GCTms: 245.2, Overstride: 0.4}}
	var b strings.Builder
	formText(&b, p)
	out := b.String()
	for _, want := range []string{"172          172     0 spm", "245          245     0 ms"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "-0") || strings.Contains(out, "+1") {
		t.Errorf("a change the printed figures do not show:\n%s", out)
	}
}

// TestOnsetLineNotRecorded: a run without cadence or contact time says so
// before its onset, instead of "cadence - vs - spm".
func TestOnsetLineNotRecorded(t *testing.T) {
	nan := math.NaN()
	win := &analysis.OnsetWindow{FromTimerS: 1620, ToTimerS: 2220,
		Before: analysis.Form{SpeedMPS: 4.46, CadenceSPM: nan, GCTms: nan},
		Start:  analysis.Form{SpeedMPS: 4.6, CadenceSPM: nan, GCTms: nan}}
	r := &analysis.RunResult{Extras: analysis.Extras{BalanceLeftPct: nan}}
	if got := onsetLine(r, win); got != "minutes 27–37: cadence not recorded, ground contact not recorded, pace 3:44 vs 3:37 /km" {
		t.Errorf("%q", got)
	}
	// With left/right balance, its share before onset against the run's.
	r.Extras.BalanceLeftPct, r.OnsetExtras = 48.04, &analysis.OnsetExtras{BalanceLeftPct: 47.84}
	if got := onsetLine(r, win); !strings.HasSuffix(got, "; left foot 47.8 % of ground contact before onset, 48.0 % over the run") {
		t.Errorf("%q", got)
	}
}
