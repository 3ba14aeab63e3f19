package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/runlog/runlog/analysis"
	"github.com/runlog/runlog/fitparse"
)

// leg is a stretch of 1-Hz samples at one speed, cadence and contact time.
type leg struct {
	n                 int
	speed, cad, gctMS float64
}

// watchRun measures a hand-made 1-Hz run through analysis, with the watch's
// session figures dev and the given reading warnings.
func watchRun(t *testing.T, legs []leg, dev fitparse.Averages, warnings []string) analysis.RunResult {
	t.Helper()
	nan := math.NaN()
	t0 := time.Date(2026, 5, 14, 10, 5, 0, 0, time.UTC)
	run := fitparse.Run{Source: "w.fit", Sport: "running", SubSport: "generic", Start: t0, TimerS: nan, ElapsedS: nan, DistanceM: nan, DeviceAvg: dev}
	i := 0
	for _, l := range legs {
		for k := 0; k < l.n; k++ {
			run.Samples = append(run.Samples, fitparse.Sample{T: t0.Add(time.Duration(i) * time.Second), DistanceM: nan,
				SpeedMPS: l.speed, HeartRateBPM: nan, CadenceSPM: l.cad, GCTms: l.gctMS, GCTPercent: nan, VOmm: nan, AltitudeM: nan, TemperatureC: nan})
			i++
		}
	}
	return analysis.Measured(&run, warnings, analysis.Options{})
}

// allTimerMean is the plain time-weighted mean of get over every sample
// but the first (which stands for no time), as a watch averages.
func allTimerMean(legs []leg, get func(l leg) float64) float64 {
	var sum, n float64
	first := true
	for _, l := range legs {
		for k := 0; k < l.n; k++ {
			if first {
				first = false
				continue
			}
			if v := get(l); !math.IsNaN(v) {
				sum += v
				n++
			}
		}
	}
	return sum / n
}

var breakLegs = []leg{
	{600, 3.0, 170, 250},
	{120, 1.4, 110, math.NaN()}, // a walk break: 2:00
	{60, 0, 0, math.NaN()},      // standing: 1:00
	{300, 3.0, 170, 250},
}

func watchResult(t *testing.T, dev fitparse.Averages, warnings []string) analysis.Result {
	res := analysis.Result{Runs: []analysis.RunResult{watchRun(t, breakLegs, dev, warnings)}}
	return res
}

func devAvg(cad, gct float64) fitparse.Averages {
	nan := math.NaN()
	return fitparse.Averages{SpeedMPS: nan, HeartRateBPM: nan, CadenceSPM: cad, GCTms: gct, VOmm: nan, StepLengthMM: nan}
}

func TestTextRunningTimeAndWatch(t *testing.T) {
	watchCad := allTimerMean(breakLegs, func(l leg) float64 { return l.cad })
	res := watchResult(t, devAvg(watchCad, 250), nil)
	var buf bytes.Buffer
	if err := Text(&buf, &res, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	lines := strings.Split(out, "\n")
	// lines[0] is "Runs:", then the runs table's heading and first row.
	for _, h := range []string{"timer", "running", "pace/km"} {
		if !strings.Contains(lines[1], h) {
			t.Errorf("heading lacks %q: %q", h, lines[1])
		}
	}
	if len(lines[1]) > DefaultTextWidth {
		t.Errorf("table %d columns wide, more than %d", len(lines[1]), DefaultTextWidth)
	}
	r := &res.Runs[0]
	if !strings.Contains(lines[2], clock(r.TimerS)) || !strings.Contains(lines[2], clock(r.RunningS())) || clock(r.TimerS) == clock(r.RunningS()) {
		t.Errorf("row should show timer %s and running %s: %q", clock(r.TimerS), clock(r.RunningS()), lines[2])
	}
	if !strings.Contains(out, "Averages count running time only") {
		t.Error("the report does not say averages count running time only")
	}
	want := fmt.Sprintf("cadence: watch %.0f spm, runlog 170. The watch also counts 2:00 of walking and 1:00 standing that runlog leaves out; counting them too, runlog gets %.0f spm.", watchCad, watchCad)
	if flat := strings.Join(strings.Fields(out), " "); !strings.Contains(flat, want) {
		t.Errorf("text lacks %q:\n%s", want, out)
	}
	if strings.Contains(out, "ground contact: watch") {
		t.Errorf("contact time agrees with the watch and should not be listed:\n%s", out)
	}
	in := false
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "Where the watch"):
			in = true
		case l == "":
			in = false
		case in && len([]rune(l)) > DefaultTextWidth:
			t.Errorf("watch line longer than %d: %q", DefaultTextWidth, l)
		}
	}
	if !strings.Contains(out, "Where the watch") {
		t.Error("no watch section")
	}
}

func TestTextWatchUnexplained(t *testing.T) {
	watchCad := allTimerMean(breakLegs, func(l leg) float64 { return l.cad }) - 10 // more than the breaks explain
	res := watchResult(t, devAvg(watchCad, math.NaN()), nil)
	var buf bytes.Buffer
	if err := Text(&buf, &res, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(buf.String()), " ")
	if !strings.Contains(flat, "Unexplained: runlog's differs by") || !strings.Contains(flat, "does not explain it") || strings.Contains(flat, "counting them too") {
		t.Errorf("an unexplained difference must say so and give no reason:\n%s", buf.String())
	}
}

// TestWarningsInReport: where input was partial the report itself says so:
// each run's warnings under its date, and each file that could not be read
// with why, in the text and the JSON.
func TestWarningsInReport(t *testing.T) {
	warn := "cadence was recorded at half its value from 9:29 to 26:07 of the run; doubled"
	res := watchResult(t, devAvg(math.NaN(), math.NaN()), []string{warn})
	res.Errors = []analysis.InputError{{Source: "bad.fit", Err: "bad.fit: file CRC does not match"}}
	var text, js bytes.Buffer
	if err := Text(&text, &res, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := JSON(&js, &res); err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(text.String()), " ")
	if !strings.Contains(flat, "Read with care") || !strings.Contains(flat, dateText(&res.Runs[0])+" "+warn) {
		t.Errorf("text does not list the run's warning under its date:\n%s", text.String())
	}
	if !strings.Contains(flat, "not read bad.fit: file CRC does not match") {
		t.Errorf("text does not list the unreadable file:\n%s", text.String())
	}
	if !strings.Contains(js.String(), "doubled") || !strings.Contains(js.String(), "file CRC does not match") {
		t.Errorf("JSON lacks the warning or the error:\n%s", js.String())
	}
}

func TestJSONWatchCheck(t *testing.T) {
	watchCad := allTimerMean(breakLegs, func(l leg) float64 { return l.cad })
	res := watchResult(t, devAvg(watchCad, 250), nil)
	var buf bytes.Buffer
	if err := JSON(&buf, &res); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Runs []struct {
			RunningS float64            `json:"running_s"`
			TimerS   float64            `json:"timer_s"`
			LeftOut  map[string]float64 `json:"left_out_s"`
			Watch    map[string]*struct {
				Watch, Runlog      *float64
				TimerScope         *float64 `json:"timer_scope"`
				Differs, Explained bool
				LeftOut            map[string]float64 `json:"left_out_s"`
				Explanation        *string
			} `json:"watch_check"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	r := doc.Runs[0]
	if r.LeftOut["walking"] != 120 || r.LeftOut["standing"] != 60 || r.LeftOut["no_data"] != 0 {
		t.Errorf("left_out_s %v, want walking 120, standing 60, no_data 0", r.LeftOut)
	}
	if math.Abs(r.RunningS+180-r.TimerS) > 1 {
		t.Errorf("running_s %v + 180 s left out should be timer_s %v", r.RunningS, r.TimerS)
	}
	cad, gct := r.Watch["avg_cadence_spm"], r.Watch["avg_gct_ms"]
	if cad == nil || gct == nil {
		t.Fatalf("watch_check: %s", buf.String())
	}
	if !cad.Differs || !cad.Explained || cad.Explanation == nil || cad.TimerScope == nil || math.Abs(*cad.TimerScope-watchCad) > 0.1 {
		t.Errorf("cadence check: %+v", cad)
	}
	if gct.Differs || gct.Explained || gct.Explanation != nil {
		t.Errorf("contact-time check should agree: %+v", gct)
	}

	// No watch figure: null, not a check against 0.
	res = watchResult(t, devAvg(math.NaN(), 0), nil)
	buf.Reset()
	JSON(&buf, &res)
	if !strings.Contains(buf.String(), `"avg_cadence_spm": null`) || !strings.Contains(buf.String(), `"avg_gct_ms": null`) {
		t.Errorf("watch_check without watch figures should be null:\n%s", buf.String())
	}
}

func TestCSVWatchColumns(t *testing.T) {
	watchCad := allTimerMean(breakLegs, func(l leg) float64 { return l.cad })
	res := watchResult(t, devAvg(watchCad, math.NaN()), nil)
	rows, col := csvRows(t, &res)
	head := rows[0]
	if head[34] != "watch_gct_check" || head[24] != "main_reason" {
		t.Errorf("new columns must come after the old ones: %q", head)
	}
	r := &res.Runs[0]
	if col["running_s"] != cell(r.RunningS(), 1) || col["left_walking_s"] != "120" || col["left_standing_s"] != "60" ||
		col["watch_cadence_spm"] != cell(watchCad, 1) || col["watch_gct_ms"] != "" || col["watch_cadence_check"] != "explained" ||
		col["watch_gct_check"] != "" || col["timer_cadence_spm"] != cell(watchCad, 1) {
		t.Errorf("row: %v", col)
	}
}

func TestInspectNamesUnnamedProduct(t *testing.T) {
	for dev, want := range map[fitparse.Device]string{
		{Manufacturer: "garmin", Product: "fr965"}: "garmin fr965",
		{Manufacturer: "garmin", Product: "1932"}:  "garmin product 1932",
		{Manufacturer: "stryd"}:                    "stryd",
	} {
		if got := deviceText(analysis.FileInfo{Device: dev}); got != want {
			t.Errorf("deviceText(%+v) = %q, want %q", dev, got, want)
		}
	}
}

// TestWrapKeepsUnits: a line break never parts a number from its unit.
func TestWrapKeepsUnits(t *testing.T) {
	s := "Unexplained: runlog's differs by 16 ms, and leaving out 0:49 of walking does not explain it at 12.2 km/h (Fisher p = 0.196; Welch p < 0.001)."
	for width := 20; width <= 60; width++ {
		for _, line := range strings.Split(wrapWords(s, 0, width, ""), "\n") {
			f := strings.Fields(line)
			if len(f) > 0 && (units[strings.TrimRight(f[0], ".,;:)")] || f[0] == "=" || f[0] == "<" ||
				strings.HasPrefix(f[0], "0.196") || strings.HasPrefix(f[0], "0.001")) {
				t.Fatalf("width %d: a line starts with a unit or a parted equation: %q", width, line)
			}
		}
	}
}
