// Package report renders analysis results. It only formats: every number it
// prints was computed in package analysis.
package report

import (
	"fmt"
	"io"
	"math"
	"slices"
	"time"

	"github.com/runlog/runlog/analysis"
	"github.com/runlog/runlog/analysis/notes"
)

// Schema names the JSON layout; scripts depend on it (docs/json-schema.md).
const Schema = "runlog/v1"

type jsonDoc struct {
	Schema string `json:"schema"`
	// see_doctor comes first: red flags lead every output.
	SeeDoctor  jsonDoctor      `json:"see_doctor"`
	Runs       []jsonRun       `json:"runs"`
	Skipped    []jsonSkipped   `json:"skipped"`
	Errors     []jsonError     `json:"errors"`
	Notes      jsonNotes       `json:"notes"`
	Comparison *jsonComparison `json:"comparison"`
	Causes     []jsonCause     `json:"causes"`
	FAQ        []jsonFAQ       `json:"faq"`
	Fixes      []jsonFix       `json:"fixes"`
	Disclaimer string          `json:"disclaimer"`
	// Added for issue 10: what helps whatever the cause, and how to note
	// numbness (null when notes were given).
	Prevention   []jsonFix `json:"prevention"`
	LoggingGuide *string   `json:"logging_guide"`
	// Added for issue 14: whether balance, hills and cold go with the
	// numb runs (json_extras.go).
	WhatElse []jsonFinding `json:"what_else"`
	// Added for issue 14: each pair's distance over the runs given, and
	// numb against clean runs on new and worn pairs (json_shoes.go).
	Shoes jsonShoes `json:"shoes"`
}

type jsonDoctor struct {
	Advised bool     `json:"advised"`
	Reasons []string `json:"reasons"`
	// Added for issue 10: a non-urgent check for a possible doctor-level
	// cause, and the advice in words.
	Check  bool   `json:"check"`
	Advice string `json:"advice"`
}

type jsonCause struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Verdict  string   `json:"verdict"`
	Evidence []string `json:"evidence"`
	Fixes    []string `json:"fixes"`
	About    string   `json:"about"`
	// Lines is evidence with how each line weighs (issue 10).
	Lines []jsonLine `json:"lines"`
}

type jsonLine struct {
	Text   string `json:"text"`
	Weighs string `json:"weighs"` // for, against, none
}

type jsonFAQ struct {
	ID       string   `json:"id"`
	Question string   `json:"question"`
	Applies  bool     `json:"applies"`
	Answer   string   `json:"answer"`
	Evidence []string `json:"evidence"`
}

type jsonFix struct {
	ID    string   `json:"id"`
	Title string   `json:"title"`
	How   string   `json:"how"`
	Why   []string `json:"why"`
}

type jsonNotes struct {
	Given     bool            `json:"given"`
	Read      int             `json:"read"`
	Matched   int             `json:"matched"`
	Unmatched []jsonUnmatched `json:"unmatched"`
	Warnings  []string        `json:"warnings"`
	// Added for issue 9: the notes not read, and how many.
	UnreadCount int          `json:"unread_count"`
	Unread      []jsonUnread `json:"unread"`
	Files       []string     `json:"files"` // the notes files read, the journal included
}

// jsonUnread is a note (line null: a whole notes file) that was not read.
type jsonUnread struct {
	File           string   `json:"file"`
	Line           *int     `json:"line"`
	Reason         string   `json:"reason"`
	Notes          int      `json:"notes"`
	CandidateDates []string `json:"candidate_dates"`
	UnknownRuns    int      `json:"unknown_runs"`
}

type jsonNoteRef struct {
	File string `json:"file"`
	Line *int   `json:"line"`
}

type jsonUnmatched struct {
	Date string `json:"date"`
	Text string `json:"text"`
	Why  string `json:"why"`
}

type jsonNumbness struct {
	Reported *bool    `json:"reported"`
	Foot     string   `json:"foot"`
	OnsetKm  *float64 `json:"onset_km"`
	OnsetMin *float64 `json:"onset_min"`
	// Added for issue 14: an onset noted in words ("halfway", "end"),
	// and when numbness began in timer seconds however it was noted
	// (km, minutes or words); null when not known.
	OnsetWhen   *string          `json:"onset_when"`
	OnsetTimerS *float64         `json:"onset_timer_s"`
	Notes       []jsonNote       `json:"notes"`
	OnsetWindow *jsonOnsetWindow `json:"onset_window"`
	// Added for issue 9: why reported is null, and the notes not read
	// that may be about the run.
	UnknownReason *string       `json:"unknown_reason"`
	UnreadNotes   []jsonNoteRef `json:"unread_notes"`
}

type jsonNote struct {
	Text    string `json:"text"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	Matched string `json:"matched_by"`
}

type jsonOnsetWindow struct {
	FromMin float64  `json:"from_min"`
	ToMin   float64  `json:"to_min"`
	Before  jsonForm `json:"before_onset"`
	Start   jsonForm `json:"first_10_min"`
}

// jsonForm is a Form: a whole run, a split, or a window before onset.
type jsonForm struct {
	RunningS        *float64 `json:"running_s"`
	AvgSpeedMPS     *float64 `json:"avg_speed_mps"`
	AvgHeartRateBPM *float64 `json:"avg_heart_rate_bpm"`
	AvgCadenceSPM   *float64 `json:"avg_cadence_spm"`
	AvgGCTms        *float64 `json:"avg_gct_ms"`
	AvgVOmm         *float64 `json:"avg_vo_mm"`
	AvgStepLengthM  *float64 `json:"avg_step_length_m"`
	AvgDutyFactor   *float64 `json:"avg_duty_factor"`
	AvgVertRatioPct *float64 `json:"avg_vertical_ratio_pct"`
}

func toJSONForm(f *analysis.Form) jsonForm {
	return jsonForm{RunningS: num(f.RunningS, 1), AvgSpeedMPS: num(f.SpeedMPS, 3), AvgHeartRateBPM: num(f.HeartRateBPM, 1),
		AvgCadenceSPM: num(f.CadenceSPM, 1), AvgGCTms: num(f.GCTms, 1), AvgVOmm: num(f.VOmm, 1),
		AvgStepLengthM: num(f.StepLengthM, 3), AvgDutyFactor: num(f.DutyFactor, 3), AvgVertRatioPct: num(f.VerticalRatioPct, 1)}
}

type jsonComparison struct {
	NumbRuns  int          `json:"numb_runs"`
	CleanRuns int          `json:"clean_runs"`
	Metrics   []jsonMetric `json:"metrics"`
	Treadmill jsonShare    `json:"treadmill"`
	Shoes     []jsonShoe   `json:"shoes"`
	Test      string       `json:"test"`
	Caution   []string     `json:"caution"`
}

type jsonMetric struct {
	Metric         string   `json:"metric"`
	NNumb          int      `json:"n_numb"`
	NClean         int      `json:"n_clean"`
	MeanNumb       *float64 `json:"mean_numb"`
	MeanClean      *float64 `json:"mean_clean"`
	Difference     *float64 `json:"difference"`
	PValue         *float64 `json:"p_value"`
	Interpretation string   `json:"interpretation"`
}

type jsonShare struct {
	NumbTreadmill  int      `json:"numb_on_treadmill"`
	NumbRuns       int      `json:"numb_runs"`
	CleanTreadmill int      `json:"clean_on_treadmill"`
	CleanRuns      int      `json:"clean_runs"`
	PValue         *float64 `json:"p_value"`
	Interpretation string   `json:"interpretation"`
}

type jsonShoe struct {
	Shoe           string   `json:"shoe"`
	Runs           int      `json:"runs"`
	NumbRuns       int      `json:"numb_runs"`
	Rate           *float64 `json:"numbness_rate"`
	OtherRate      *float64 `json:"other_shoes_rate"`
	PValue         *float64 `json:"p_value"`
	Interpretation string   `json:"interpretation"`
}

type jsonRun struct {
	Source    string  `json:"source"`
	Session   int     `json:"session"`
	Start     string  `json:"start"`
	UTCOffset *string `json:"utc_offset"`
	Sport     string  `json:"sport"`
	SubSport  string  `json:"sub_sport"`
	Treadmill bool    `json:"treadmill"`
	// TreadmillFrom says who says it was a treadmill run: "watch" (the
	// FIT sub-sport) or "note"; null when it was not (issue 10).
	TreadmillFrom *string  `json:"treadmill_from"`
	DistanceM     *float64 `json:"distance_m"`
	TimerS        *float64 `json:"timer_s"`
	jsonForm
	AvgPaceSPerKm *float64     `json:"avg_pace_s_per_km"`
	HeightCM      *float64     `json:"height_cm"`
	Overstride    jsonOS       `json:"overstride"`
	Fatigue       jsonFat      `json:"fatigue"`
	Splits        []jsonSplit  `json:"splits"`
	Numbness      jsonNumbness `json:"numbness"`
	Decoder       string       `json:"decoder"`
	Truncated     bool         `json:"truncated"`
	Gear          *string      `json:"gear"`
	jsonShoeRun                // shoe_km_before, shoe_km_from, shoe_new, shoe_worn (json_shoes.go)
	Device        jsonDevice   `json:"device"`
	Warnings      []string     `json:"warnings"`
	// LeftOut is the timer time the averages leave out, by reason.
	LeftOut jsonLeftOut `json:"left_out_s"`
	// WatchCheck sets runlog's averages beside the watch's own figures.
	WatchCheck jsonWatchChecks `json:"watch_check"`
	// Added for issue 14: balance, hills, temperature (json_extras.go).
	jsonRunExtras
}

type jsonLeftOut struct {
	Walking  *float64 `json:"walking"`
	Standing *float64 `json:"standing"`
	NoData   *float64 `json:"no_data"`
}

func toJSONLeftOut(l analysis.LeftOut) jsonLeftOut {
	return jsonLeftOut{Walking: num(l.WalkingS, 1), Standing: num(l.StandingS, 1), NoData: num(l.NoDataS, 1)}
}

// jsonWatchChecks holds one check per average; null when the watch has no
// figure for it.
type jsonWatchChecks struct {
	CadenceSPM *jsonWatchCheck `json:"avg_cadence_spm"`
	GCTms      *jsonWatchCheck `json:"avg_gct_ms"`
}

// jsonWatchCheck values are in the unit the average's name ends with.
type jsonWatchCheck struct {
	Watch       *float64    `json:"watch"`
	Runlog      *float64    `json:"runlog"`
	TimerScope  *float64    `json:"timer_scope"`
	Tolerance   float64     `json:"tolerance"`
	Differs     bool        `json:"differs"`
	Explained   bool        `json:"explained"`
	LeftOut     jsonLeftOut `json:"left_out_s"`
	Explanation *string     `json:"explanation"`
}

func toJSONWatchChecks(cs []analysis.WatchCheck) jsonWatchChecks {
	var j jsonWatchChecks
	for i := range cs {
		c := &cs[i]
		jc := &jsonWatchCheck{Watch: num(c.DeviceValue, 1), Runlog: num(c.RunlogValue, 1), TimerScope: num(c.TimerValue, 1),
			Tolerance: c.Tolerance, Differs: c.Differs, Explained: c.Explained, LeftOut: toJSONLeftOut(c.Left)}
		if c.Differs {
			s := watchText(c)
			jc.Explanation = &s
		}
		switch c.Metric {
		case "avg_cadence_spm":
			j.CadenceSPM = jc
		case "avg_gct_ms":
			j.GCTms = jc
		}
	}
	return j
}

type jsonOS struct {
	Score      *float64 `json:"score"`
	Level      string   `json:"level"`
	Confidence string   `json:"confidence"`
	Reasons    []string `json:"reasons"`
	WorstKm    *int     `json:"worst_km"`
	CadenceZ   *float64 `json:"cadence_z"` // how unusual the cadence is at that speed, in SDs
	GCTZ       *float64 `json:"gct_z"`     // the same for contact time; negative: longer
	Reference  *string  `json:"reference"` // "population" or "own"; null when unknown
	WarmUp     bool     `json:"warm_up"`   // a split in the warm-up: not judged
}

type jsonFat struct {
	CadenceDropSPM           *float64 `json:"cadence_drop_spm"`
	GCTRiseMS                *float64 `json:"gct_rise_ms"`
	SpeedChangePct           *float64 `json:"speed_change_pct"`
	CadenceDropFromPaceSPM   *float64 `json:"cadence_drop_from_pace_spm"`
	GCTRiseFromPaceMS        *float64 `json:"gct_rise_from_pace_ms"`
	CadenceDropBeyondPaceSPM *float64 `json:"cadence_drop_beyond_pace_spm"`
	GCTRiseBeyondPaceMS      *float64 `json:"gct_rise_beyond_pace_ms"`
	Assessable               bool     `json:"assessable"`
	Fatigued                 bool     `json:"fatigued"`
	OwnSlope                 bool     `json:"own_slope"`
	MatchedSpeed             bool     `json:"matched_speed"`
}

type jsonSplit struct {
	Km        int      `json:"km"`
	DistanceM *float64 `json:"distance_m"`
	jsonForm
	Overstride     jsonOS   `json:"overstride"`
	BalanceLeftPct *float64 `json:"balance_left_pct"` // issue 14
}

type jsonDevice struct {
	Manufacturer *string   `json:"manufacturer"`
	Product      *string   `json:"product"`
	Serial       *string   `json:"serial"`
	Summary      *jsonAvgs `json:"summary,omitempty"`
}

// jsonAvgs are the watch's own session averages, kept beside runlog's.
type jsonAvgs struct {
	SpeedMPS     *float64 `json:"avg_speed_mps"`
	HeartRateBPM *float64 `json:"avg_heart_rate_bpm"`
	CadenceSPM   *float64 `json:"avg_cadence_spm"`
	GCTms        *float64 `json:"avg_gct_ms"`
	VOmm         *float64 `json:"avg_vo_mm"`
	StepLengthM  *float64 `json:"avg_step_length_m"`
}

type jsonSkipped struct {
	Source    string `json:"source"`
	Session   *int   `json:"session"`
	Reason    string `json:"reason"`
	Duplicate bool   `json:"duplicate"` // a second copy of a run that is reported
}

type jsonError struct {
	Source string `json:"source"`
	Error  string `json:"error"`
}

// JSON writes res as one runlog/v1 JSON object.
func JSON(w io.Writer, res *analysis.Result) error {
	// The runs are converted and written one at a time (writeWithRuns):
	// a club's thousand runs never sit in memory as JSON at once.
	doc := jsonDoc{Schema: Schema, Runs: []jsonRun{}, Skipped: []jsonSkipped{}, Errors: []jsonError{}}
	for i, s := range append(slices.Clone(res.Skipped), res.Duplicates...) {
		js := jsonSkipped{Source: s.Source, Reason: s.Reason, Duplicate: i >= len(res.Skipped)}
		if s.Session >= 0 {
			n := s.Session
			js.Session = &n
		}
		doc.Skipped = append(doc.Skipped, js)
	}
	for _, e := range res.Errors {
		doc.Errors = append(doc.Errors, jsonError{Source: e.Source, Error: e.Err})
	}
	doc.Notes = jsonNotes{Given: res.Notes.Given, Read: res.Notes.Read, Matched: res.Notes.Matched,
		Unmatched: []jsonUnmatched{}, Warnings: append([]string{}, res.Notes.Warnings...)}
	for _, u := range res.Notes.Unmatched {
		doc.Notes.Unmatched = append(doc.Notes.Unmatched, jsonUnmatched{Date: u.Date, Text: u.Text, Why: u.Why})
	}
	doc.Notes.UnreadCount, doc.Notes.Unread = res.Notes.UnreadCount, []jsonUnread{}
	doc.Notes.Files = append([]string{}, res.Notes.Files...)
	for _, u := range res.Notes.Unread {
		ju := jsonUnread{File: u.File, Line: lineNum(u.Line), Reason: u.Reason, Notes: u.Notes, CandidateDates: []string{}, UnknownRuns: u.Runs}
		for _, d := range u.Dates {
			ju.CandidateDates = append(ju.CandidateDates, d.String())
		}
		doc.Notes.Unread = append(doc.Notes.Unread, ju)
	}
	if c := res.Comparison; c != nil {
		doc.Comparison = toJSONComparison(c)
	}
	doc.Shoes = toJSONShoes(&res.Shoes)
	adv := &res.Advice
	doc.SeeDoctor = jsonDoctor{Advised: adv.SeeDoctor.Advised, Reasons: append([]string{}, adv.SeeDoctor.Reasons...),
		Check: adv.SeeDoctor.Check, Advice: adv.SeeDoctor.Advice}
	doc.Causes, doc.FAQ, doc.Fixes, doc.Prevention = []jsonCause{}, []jsonFAQ{}, []jsonFix{}, []jsonFix{}
	for _, c := range adv.Causes {
		jc := jsonCause{ID: c.ID, Title: c.Title, Verdict: c.Verdict, Lines: []jsonLine{},
			Evidence: append([]string{}, c.Evidence...), Fixes: append([]string{}, c.Fixes...), About: c.About}
		for _, l := range c.Lines {
			jc.Lines = append(jc.Lines, jsonLine{Text: l.Text, Weighs: l.Weighs})
		}
		doc.Causes = append(doc.Causes, jc)
	}
	for _, p := range adv.Prevention {
		doc.Prevention = append(doc.Prevention, jsonFix{ID: p.ID, Title: p.Title, How: p.How, Why: []string{}})
	}
	doc.LoggingGuide = str(adv.LoggingGuide)
	for _, q := range adv.FAQ {
		doc.FAQ = append(doc.FAQ, jsonFAQ{ID: q.ID, Question: q.Question, Applies: q.Applies, Answer: q.Answer, Evidence: append([]string{}, q.Evidence...)})
	}
	for _, f := range adv.Fixes {
		doc.Fixes = append(doc.Fixes, jsonFix{ID: f.ID, Title: f.Title, How: f.How, Why: append([]string{}, f.Why...)})
	}
	doc.Disclaimer = adv.Disclaimer
	doc.WhatElse = toJSONFindings(adv.WhatElse)
	return writeWithRuns(w, &doc, res.Runs)
}

func toJSONRun(r *analysis.RunResult) jsonRun {
	f := &r.Measure.Run
	jr := jsonRun{
		Source: r.Source, Session: r.Session,
		Start: r.Start.UTC().Format(time.RFC3339),
		Sport: r.Sport, SubSport: r.SubSport, Treadmill: r.OnTreadmill(),
		DistanceM: num(r.DistanceM, 1), TimerS: num(r.TimerS, 1),
		jsonForm: toJSONForm(f), AvgPaceSPerKm: num(r.AvgPaceSPerKm(), 1),
		HeightCM:   num(r.HeightCM, 0),
		Overstride: toJSONOS(&r.Overstride),
		Fatigue:    toJSONFat(&r.Fatigue),
		Splits:     []jsonSplit{},
		Decoder:    r.Decoder, Truncated: r.Truncated,
		Device: jsonDevice{
			Manufacturer: str(r.Device.Manufacturer), Product: str(r.Device.Product), Serial: str(r.Device.Serial),
			Summary: &jsonAvgs{
				SpeedMPS: num(r.DeviceAvg.SpeedMPS, 3), HeartRateBPM: num(r.DeviceAvg.HeartRateBPM, 1),
				CadenceSPM: num(r.DeviceAvg.CadenceSPM, 1), GCTms: num(r.DeviceAvg.GCTms, 1),
				VOmm: num(r.DeviceAvg.VOmm, 1), StepLengthM: num(r.DeviceAvg.StepLengthMM/1000, 3),
			},
		},
		Warnings:   append([]string{}, r.Warnings...),
		LeftOut:    toJSONLeftOut(r.LeftOut),
		WatchCheck: toJSONWatchChecks(r.Watch),
		Gear:       str(r.Gear),
		Numbness:   toJSONNumbness(&r.Numbness),
		// issue 14
		jsonRunExtras: toJSONRunExtras(r),
	}
	jr.jsonShoeRun = toJSONShoeRun(r)
	if r.HasUTCOffset {
		s := offsetString(r.UTCOffset)
		jr.UTCOffset = &s
	}
	switch {
	case r.Treadmill:
		jr.TreadmillFrom = str("watch")
	case r.TreadmillNoted():
		jr.TreadmillFrom = str("note")
	}
	for i := range r.Measure.Splits {
		sp := &r.Measure.Splits[i]
		jr.Splits = append(jr.Splits, jsonSplit{Km: sp.Km, DistanceM: num(sp.DistanceM, 1), jsonForm: toJSONForm(&sp.Form),
			Overstride: toJSONOS(&sp.Overstride), BalanceLeftPct: num(splitBalance(r, i), 2)})
	}
	return jr
}

func toJSONOS(o *analysis.Overstride) jsonOS {
	j := jsonOS{Score: num(o.Score, 0), Level: o.Level, Confidence: o.Confidence, Reasons: append([]string{}, o.Reasons...)}
	if j.Level == "" {
		j.Level = analysis.LevelUnknown
	}
	if o.WorstKm > 0 {
		k := o.WorstKm
		j.WorstKm = &k
	}
	j.CadenceZ, j.GCTZ, j.Reference, j.WarmUp = num(o.CadenceZ, 2), num(o.GCTZ, 2), str(o.Reference), o.WarmUp
	return j
}

func toJSONFat(f *analysis.Fatigue) jsonFat {
	return jsonFat{CadenceDropSPM: num(f.CadenceDropSPM, 1), GCTRiseMS: num(f.GCTRiseMS, 1),
		SpeedChangePct:         num(f.SpeedChangePct, 1),
		CadenceDropFromPaceSPM: num(f.CadenceDropFromPaceSPM, 1), GCTRiseFromPaceMS: num(f.GCTRiseFromPaceMS, 1),
		CadenceDropBeyondPaceSPM: num(f.CadenceDropBeyondPaceSPM, 1), GCTRiseBeyondPaceMS: num(f.GCTRiseBeyondPaceMS, 1),
		Assessable: f.Assessable, Fatigued: f.Fatigued, OwnSlope: f.OwnSlope, MatchedSpeed: f.MatchedSpeed}
}

// num rounds v to digits decimals; nil (JSON null) when v is NaN or ±Inf.
func num(v float64, digits int) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	p := math.Pow(10, float64(digits))
	r := math.Round(v*p) / p
	if r == 0 {
		r = 0 // no "-0"
	}
	return &r
}

// lineNum is a 1-based line, or nil (JSON null) for 0: a whole file.
func lineNum(n int) *int {
	if n <= 0 {
		return nil
	}
	return &n
}

func str(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// offsetString formats a UTC offset as "+02:00".
func offsetString(d time.Duration) string {
	sign := '+'
	if d < 0 {
		sign, d = '-', -d
	}
	m := int(d / time.Minute)
	return fmt.Sprintf("%c%02d:%02d", sign, m/60, m%60)
}

func toJSONNumbness(n *analysis.Numbness) jsonNumbness {
	j := jsonNumbness{Foot: n.Foot, OnsetKm: num(n.OnsetKm, 2), OnsetMin: num(n.OnsetMin, 1), OnsetTimerS: num(n.OnsetTimerS, 0),
		Notes: []jsonNote{}}
	if w := onsetWhen(n); w != "" {
		j.OnsetWhen = str(w)
	}
	switch n.Reported {
	case notes.Yes, notes.No:
		b := n.Reported == notes.Yes
		j.Reported = &b
	}
	if j.Foot == "" {
		j.Foot = "unknown"
	}
	for _, m := range n.Notes {
		j.Notes = append(j.Notes, jsonNote{Text: m.Text, File: m.File, Line: m.Line, Matched: m.By})
	}
	j.UnknownReason, j.UnreadNotes = str(n.UnknownReason), []jsonNoteRef{}
	for _, u := range n.Unread {
		j.UnreadNotes = append(j.UnreadNotes, jsonNoteRef{File: u.File, Line: lineNum(u.Line)})
	}
	if w := n.Window; w != nil {
		j.OnsetWindow = &jsonOnsetWindow{FromMin: *num(w.FromTimerS/60, 1), ToMin: *num(w.ToTimerS/60, 1),
			Before: toJSONForm(&w.Before), Start: toJSONForm(&w.Start)}
	}
	return j
}

func toJSONComparison(c *analysis.Comparison) *jsonComparison {
	j := &jsonComparison{NumbRuns: c.NumbRuns, CleanRuns: c.CleanRuns, Metrics: []jsonMetric{}, Shoes: []jsonShoe{},
		Test:    "Welch's t-test for means (two-sided); Fisher's exact test for the treadmill share and shoes",
		Caution: append([]string{}, c.Caution...)}
	for _, m := range c.Metrics {
		j.Metrics = append(j.Metrics, jsonMetric{Metric: m.Metric, NNumb: m.NNumb, NClean: m.NClean,
			MeanNumb: num(m.MeanNumb, 2), MeanClean: num(m.MeanClean, 2), Difference: num(m.Difference, 2),
			PValue: num(m.PValue, 4), Interpretation: m.Interpretation})
	}
	t := c.Treadmill
	j.Treadmill = jsonShare{NumbTreadmill: t.NumbYes, NumbRuns: t.NumbTotal, CleanTreadmill: t.CleanYes, CleanRuns: t.CleanTotal, PValue: num(t.PValue, 4), Interpretation: t.Interpretation}
	for _, s := range c.Shoes {
		j.Shoes = append(j.Shoes, jsonShoe{Shoe: s.Shoe, Runs: s.Runs, NumbRuns: s.NumbRuns, Rate: num(s.Rate, 3),
			OtherRate: num(s.OtherRate, 3), PValue: num(s.PValue, 4), Interpretation: s.Interpretation})
	}
	return j
}
