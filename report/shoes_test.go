package report

import (
	"bytes"
	"encoding/json"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/runlog/runlog/analysis"
	"github.com/runlog/runlog/analysis/notes"
)

// shoeResult: five runs of 30 km, a new pair (the note on its first run
// says so) and a pair first seen in the runs given, whose name is long
// and carries markup; one run names no shoe. Shoe distances are counted
// by analysis.CountShoes, as Builder.Result does.
func shoeResult() analysis.Result {
	nan := math.NaN()
	odd := "Trail <b>Beast</b> | *GTX* extra long name edition"
	var res analysis.Result
	for i, gear := range []string{"Pegasus 40", odd, "Pegasus 40", "", odd, "Pegasus 40"} {
		r := analysis.RunResult{Source: "r.fit", Start: time.Date(2026, 10, 1+i, 6, 0, 0, 0, time.UTC), DistanceM: 30000, TimerS: 9000,
			Gear: gear, HeightCM: nan, Measure: analysis.Measure{Run: analysis.Form{CadenceSPM: nan, GCTms: nan, VOmm: nan, StepLengthM: nan, SpeedMPS: 3.3}},
			Overstride: analysis.Overstride{Level: analysis.LevelUnknown, Score: nan},
			Extras: analysis.Extras{BalanceLeftPct: nan, TemperatureC: nan, Hills: analysis.Hills{DownhillSharePct: nan,
				Descent: analysis.DescentForm{CadenceSPM: nan, GCTms: nan, StepLengthM: nan}}}}
		r.Numbness = analysis.Numbness{Reported: notes.No, OnsetKm: nan, OnsetMin: nan, OnsetTimerS: nan}
		if i%2 == 0 {
			r.Numbness.Reported, r.Numbness.Foot = notes.Yes, "left"
		}
		if i == 0 {
			r.Numbness.Notes = []analysis.MatchedNote{{File: "notes.md", Line: 1, Text: "new shoes, left foot numb", By: "date"}}
		}
		res.Runs = append(res.Runs, r)
	}
	res.Shoes = analysis.CountShoes(res.Runs, nil)
	return res
}

func TestShoesSection(t *testing.T) {
	res := shoeResult()
	for _, width := range []int{60, 100} {
		var buf bytes.Buffer
		if err := Text(&buf, &res, TextOptions{Width: width}); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		section := out[strings.Index(out, "Shoes (km counted over the 6 runs given"):]
		for _, l := range strings.Split(section, "\n") {
			if n := len([]rune(l)); n > max(width, 80) {
				t.Errorf("width %d: %d columns: %q", width, n, l)
			}
		}
		for _, want := range []string{"Pegasus 40  0 (new)", "Pegasus 40       30", "Pegasus 40       60", "Trail <b>…me edition      ≥ 0",
			"≥ 30", "≥ 60", "1 run names no shoe", "Runs in a pair's first 80 km (new): 2 of 2 numb runs"} {
			if !strings.Contains(section, want) {
				t.Errorf("width %d: no %q in\n%s", width, want, section)
			}
		}
	}
	var md bytes.Buffer
	if err := Markdown(&md, &res); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "## Shoes") || strings.Contains(md.String(), "<b>Beast") || strings.Contains(md.String(), "| *GTX*") {
		t.Errorf("markdown shoes section unescaped or missing:\n%s", md.String())
	}
	var page bytes.Buffer
	if err := HTML(&page, &res); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page.String(), "<h2>Shoes</h2>") || strings.Contains(page.String(), "<b>Beast") ||
		!strings.Contains(page.String(), "<td>0 (new)</td>") {
		t.Errorf("html shoes section unescaped or missing")
	}
}

func TestShoesJSON(t *testing.T) {
	res := shoeResult()
	var buf bytes.Buffer
	if err := JSON(&buf, &res); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Runs []struct {
			Gear         *string  `json:"gear"`
			ShoeKmBefore *float64 `json:"shoe_km_before"`
			ShoeKmFrom   *string  `json:"shoe_km_from"`
			ShoeNew      *bool    `json:"shoe_new"`
			ShoeWorn     *bool    `json:"shoe_worn"`
		} `json:"runs"`
		Shoes struct {
			RunsWithShoe int `json:"runs_with_shoe"`
			Pairs        []struct {
				Shoe      string   `json:"shoe"`
				StartKm   *float64 `json:"start_km"`
				StartFrom string   `json:"start_from"`
				AtLeast   bool     `json:"km_after_last_run_at_least"`
			} `json:"pairs"`
			New *struct {
				NumbYes int `json:"numb_yes"`
			} `json:"new"`
			Worn *struct{} `json:"worn"`
		} `json:"shoes"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	r0, r1, r3 := doc.Runs[0], doc.Runs[1], doc.Runs[3]
	if *r0.ShoeKmBefore != 0 || *r0.ShoeKmFrom != "new" || !*r0.ShoeNew || *r0.ShoeWorn {
		t.Errorf("run 0: %+v", r0)
	}
	if *r1.ShoeKmFrom != "runs_given" || r1.ShoeNew != nil || r1.ShoeWorn != nil {
		t.Errorf("run 1 (a lower bound of 0 km: new and worn unknown): %+v", r1)
	}
	if r3.Gear != nil || r3.ShoeKmBefore != nil || r3.ShoeKmFrom != nil || r3.ShoeNew != nil {
		t.Errorf("run 3 names no shoe: %+v", r3)
	}
	// Numb runs 0 and 2 are in Pegasus's first 80 km, run 4 in the other
	// pair at an unknown distance; no run is known worn, but Pegasus is
	// known not to be.
	if doc.Shoes.RunsWithShoe != 5 || len(doc.Shoes.Pairs) != 2 || *doc.Shoes.Pairs[0].StartKm != 0 || doc.Shoes.Pairs[0].AtLeast ||
		doc.Shoes.Pairs[1].StartKm != nil || !doc.Shoes.Pairs[1].AtLeast || doc.Shoes.New == nil || doc.Shoes.New.NumbYes != 2 || doc.Shoes.Worn == nil {
		t.Errorf("shoes: %+v", doc.Shoes)
	}
}

// TestShoesNotRecorded: without a shoe on any run, every format says
// shoe mileage is not recorded, and the JSON has no pairs.
func TestShoesNotRecorded(t *testing.T) {
	res := shoeResult()
	for i := range res.Runs {
		res.Runs[i].Gear = ""
	}
	res.Shoes = analysis.CountShoes(res.Runs, nil)
	var txt, md, page, js bytes.Buffer
	if err := Text(&txt, &res, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	Markdown(&md, &res)
	HTML(&page, &res)
	JSON(&js, &res)
	if !strings.Contains(txt.String(), "Shoes: not recorded. No run names its shoe") ||
		!strings.Contains(md.String(), "Not recorded. No run names its shoe") || !strings.Contains(page.String(), "Not recorded. No run names its shoe") {
		t.Error("a format does not say shoes are not recorded")
	}
	if !strings.Contains(js.String(), `"pairs": []`) || !strings.Contains(js.String(), `"new": null`) {
		t.Errorf("json shoes: %s", js.String()[strings.Index(js.String(), `"shoes": {`):])
	}
}

// TestPeriodShowsShoesAndWhatElse: the weekly report carries the Shoes
// section (pairs and shoe age, without the per-run list of the whole
// history) and "What else the watch shows", both judged on the history.
func TestPeriodShowsShoesAndWhatElse(t *testing.T) {
	res := shoeResult()
	k, err := analysis.LoadKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	res.Advice = analysis.Advise(k, res.Runs, res.Comparison, &analysis.NotesInput{Given: true})
	if len(res.Advice.WhatElse) == 0 {
		t.Fatal("the advice has no what-else findings")
	}
	p := analysis.Period{Since: "2026-10-05", Until: "2026-10-06", Runs: res.Runs[4:], History: res}
	var buf bytes.Buffer
	if err := PeriodText(&buf, &p, TextOptions{Width: 100}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"Shoes (km counted over the 6 runs given", "Runs in a pair's first 80 km (new)",
		"What else the watch shows", "Left/right balance: not recorded"} {
		if !strings.Contains(out, want) {
			t.Errorf("the period report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Per run, the km its pair had run before it") {
		t.Errorf("the period report lists every run of the history's shoes:\n%s", out)
	}
	if i, j := strings.Index(out, "What else the watch shows"), strings.Index(out, "Which causes"); i < 0 || j < i {
		t.Errorf("what else should come before the causes:\n%s", out)
	}
}

// TestCSVShoeColumns: each run's row carries its pair's km before it, how
// that is known and whether the pair was new or worn, as the JSON does;
// empty where not known.
func TestCSVShoeColumns(t *testing.T) {
	res := shoeResult()
	rows, _ := csvRows(t, &res)
	idx := map[string]int{}
	for i, h := range rows[0] {
		idx[h] = i
	}
	get := func(run int, name string) string { return rows[1+run][idx[name]] }
	for _, c := range []struct {
		run                   int
		km, from, isNew, worn string
	}{
		{0, "0", analysis.ShoeKmFromNew, "true", "false"},  // Pegasus 40, a note calls it new
		{2, "30", analysis.ShoeKmFromNew, "true", "false"}, // its second run
		{1, "0", analysis.ShoeKmFromRunsGiven, "", ""},     // the other pair: at least 0 km, new or not unknown
		{3, "", "", "", ""}, // no shoe named
		{5, "60", analysis.ShoeKmFromNew, "true", "false"}, // Pegasus 40's third run
	} {
		got := [4]string{get(c.run, "shoe_km_before"), get(c.run, "shoe_km_from"), get(c.run, "shoe_new"), get(c.run, "shoe_worn")}
		if want := [4]string{c.km, c.from, c.isNew, c.worn}; got != want {
			t.Errorf("run %d: shoe columns %q, want %q", c.run, got, want)
		}
	}
}

// TestShortMiddle: long shoe names keep their start and their model
// number, so two models of one line stay apart in the text tables.
func TestShortMiddle(t *testing.T) {
	a, b := shortMiddle("Saucony Endorphin Speed 3", 20), shortMiddle("Saucony Endorphin Speed 4", 20)
	if a == b || len([]rune(a)) != 20 || !strings.HasSuffix(a, "Speed 3") || !strings.HasPrefix(a, "Saucony") {
		t.Errorf("shortMiddle: %q and %q", a, b)
	}
	if got := shortMiddle("Pegasus  40", 20); got != "Pegasus 40" {
		t.Errorf("short name: %q", got)
	}
}

// TestOnsetInWords: an onset noted as "halfway" has no km or minutes, but
// its time in the run reaches the JSON and the CSV as it reaches the text.
func TestOnsetInWords(t *testing.T) {
	res := shoeResult()
	n := &res.Runs[0].Numbness
	n.Facts.OnsetWhen, n.OnsetTimerS = "halfway", 4500
	var buf bytes.Buffer
	if err := JSON(&buf, &res); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Runs []struct {
			Numbness struct {
				OnsetWhen   *string  `json:"onset_when"`
				OnsetTimerS *float64 `json:"onset_timer_s"`
			} `json:"numbness"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	got := doc.Runs[0].Numbness
	if got.OnsetWhen == nil || *got.OnsetWhen != "halfway" || got.OnsetTimerS == nil || *got.OnsetTimerS != 4500 {
		t.Errorf("JSON onset: %v %v", got.OnsetWhen, got.OnsetTimerS)
	}
	if r1 := doc.Runs[1].Numbness; r1.OnsetWhen != nil || r1.OnsetTimerS != nil {
		t.Errorf("a run without an onset: %v %v", r1.OnsetWhen, r1.OnsetTimerS)
	}
	_, col := csvRows(t, &res)
	if col["onset_when"] != "halfway" || col["onset_timer_s"] != "4500" {
		t.Errorf("CSV onset: %q %q", col["onset_when"], col["onset_timer_s"])
	}
}

// TestDescentColumns: cadence and contact time on descents against the
// flat at the same speed are in the text table, signed, "-" where not
// measured.
func TestDescentColumns(t *testing.T) {
	res := shoeResult()
	h := &res.Runs[0].Extras.Hills
	h.AltitudeSource, h.DownhillSharePct = "barometric", 30
	h.Descent = analysis.DescentForm{MatchedS: 600, CadenceSPM: -2.9, GCTms: 12.2, StepLengthM: 0.05}
	var buf bytes.Buffer
	if err := Text(&buf, &res, TextOptions{Width: 100}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !regexp.MustCompile(`2026-10-01 06:00Z\s+-\s+30\s+-3\s+\+12\s+-\s+barometric`).MatchString(out) ||
		!regexp.MustCompile(`2026-10-02 06:00Z\s+-\s+-\s+-\s+-\s+-\s+unknown`).MatchString(out) {
		t.Errorf("descent columns:\n%s", out)
	}
}

// TestShoeAgeUnknownSaysWhy: with shoe age known only on numb runs, the
// line says for how many runs of each it is known, not that it is known
// for none.
func TestShoeAgeUnknownSaysWhy(t *testing.T) {
	res := shoeResult()
	for i := range res.Runs {
		if res.Runs[i].Numbness.Reported == notes.No {
			res.Runs[i].Gear = ""
		}
	}
	res.Shoes = analysis.CountShoes(res.Runs, nil)
	res.Comparison = analysis.Compare(res.Runs)
	var buf bytes.Buffer
	if err := Text(&buf, &res, TextOptions{Width: 100}); err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(buf.String()), " ")
	if !strings.Contains(flat, "Runs in a pair's first 80 km (new): unknown: it is known for 2 numb runs and 0 clean runs, and a comparison needs both.") {
		t.Errorf("shoe age line:\n%s", buf.String())
	}
}
