package analysis

import (
	"fmt"
	"maps"
	"math"

	"github.com/runlog/runlog/fitparse"
)

// Finding says, for one thing the watch records beyond form, whether it
// goes with the numb runs: the section "What else the watch shows" of a
// report. It is read from the same signals the causes are judged on.
type Finding struct {
	ID       string // balance, downhill, onset_descent, temperature, cold_notes
	Title    string // what it is, for people
	Recorded int    // runs where the watch (or the notes) recorded it
	// Signal is the comparison of numb with clean runs; nil when there
	// is none (not recorded, no numb or no clean runs with it, no side).
	Signal *Signal
	// Verdict: "goes with numb runs" (p < ClearP), "may go with numb
	// runs; more runs would tell" (p < SeparatesP), "could be chance",
	// "as on clean runs", "not compared" or "not recorded".
	Verdict string
	Text    string // one sentence with the numbers
}

// Finding verdicts.
const (
	FindingSeparates   = "goes with numb runs"
	FindingMaybe       = "may go with numb runs; more runs would tell"
	FindingChance      = "could be chance"
	FindingSame        = "as on clean runs"
	FindingNotCompared = "not compared"
	FindingNotRecorded = "not recorded"
)

// whatElse reads the findings in the knowledge file's order.
func whatElse(k *Knowledge, d *evidenceData, sig map[string]Signal) []Finding {
	count := func(get func(*RunResult) float64) int {
		n := 0
		for i := range d.runs {
			if !math.IsNaN(get(&d.runs[i])) {
				n++
			}
		}
		return n
	}
	noted := 0
	for i := range d.runs {
		if len(d.runs[i].Numbness.Notes) > 0 {
			noted++
		}
	}
	onsets := 0
	for _, r := range d.numb {
		if r.OnsetExtras != nil && r.OnsetExtras.DescentKnown {
			onsets++
		}
	}
	sources := map[string]int{}
	for i := range d.runs {
		if !math.IsNaN(d.runs[i].Extras.Hills.DownhillSharePct) {
			sources[d.runs[i].Extras.Hills.AltitudeSource]++
		}
	}
	recorded := map[string]int{
		"balance":       count(func(r *RunResult) float64 { return r.Extras.BalanceLeftPct }),
		"downhill":      count(func(r *RunResult) float64 { return r.Extras.Hills.DownhillSharePct }),
		"onset_descent": onsets,
		"temperature":   count(func(r *RunResult) float64 { return r.Extras.TemperatureC }),
		"cold_notes":    noted,
	}
	var out []Finding
	for _, line := range k.WhatElse {
		f := Finding{ID: line.ID, Title: line.Title, Recorded: recorded[line.ID]}
		s, ok := sig[line.Signal]
		switch {
		case f.Recorded == 0:
			f.Verdict, f.Text = FindingNotRecorded, line.None
		case !ok:
			f.Verdict = FindingNotCompared
			f.Text = fmt.Sprintf("recorded on %s, but %s", plural(f.Recorded, "run"), notComparedWhy(d, line.ID))
		default:
			f.Signal = &s
			limit := findingLimits[line.Signal]
			switch {
			case math.IsNaN(s.P):
				// One run a side, or no spread: a gap of any size says
				// nothing yet, so no verdict either way.
				f.Verdict = FindingNotCompared
			case s.Value >= limit && s.P < ClearP:
				f.Verdict = FindingSeparates
			case s.Value >= limit && s.P < SeparatesP:
				// The comparison table's "a possible difference; more
				// runs would tell".
				f.Verdict = FindingMaybe
			case s.Value >= limit:
				f.Verdict = FindingChance
			default:
				f.Verdict = FindingSame
			}
			vs := s
			vs.Vars = maps.Clone(s.Vars)
			vs.Vars["grade"] = fmt.Sprintf("%.0f", DescentGradePct)
			vs.Vars["altitude"] = altitudeWords(sources)
			f.Text = fill(line.Text, vs)
			if f.Verdict == FindingSame && line.Same != "" {
				f.Text += ": " + line.Same
			} else if f.Verdict != FindingNotCompared {
				// Not compared: the sentence's test already says
				// "too few runs for a test".
				f.Text += ": " + f.Verdict
			}
		}
		out = append(out, f)
	}
	return out
}

// findingLimits are the gaps from which a what-else line says a thing
// goes with the numb runs: each signal's own threshold, the one the
// causes use (signals_extras.go and signals.go give the sources).
var findingLimits = map[string]float64{
	"balance_side_gap":   BalanceGapPct,
	"downhill_share_gap": DownhillGapPct,
	"onset_descent":      SeparatesLR,
	"temperature_gap":    ColdGapC,
	"cold_notes":         SeparatesLR,
}

// notComparedWhy says why a recorded value could not be compared.
func notComparedWhy(d *evidenceData, id string) string {
	switch {
	case !d.notesGiven:
		return "no notes tell numb runs from clean ones"
	case len(d.numb) == 0:
		return "no run was numb"
	case len(d.clean) == 0:
		return "no run was clean"
	case id == "balance" && d.balanceSide() == "":
		return "no note names the numb foot (left or right)"
	case id == "downhill":
		return fmt.Sprintf("no run has descents of %.0f %% or steeper", DescentGradePct)
	case id == "onset_descent":
		return fmt.Sprintf("the numb runs with an onset have no descents of %.0f %% or steeper", DescentGradePct)
	}
	return "not on both numb and clean runs"
}

// altitudeWords says where the compared grades come from.
func altitudeWords(sources map[string]int) string {
	switch {
	case len(sources) == 1 && sources[fitparse.AltitudeBarometric] > 0:
		return "barometric altitude"
	case len(sources) == 1 && sources[fitparse.AltitudeGPS] > 0:
		return "GPS altitude, rough on grades"
	case len(sources) == 1:
		return "altitude source unknown"
	}
	return "altitude from mixed sources"
}
