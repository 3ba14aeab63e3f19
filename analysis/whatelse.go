package analysis

import (
	"fmt"
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
	// Verdict: "goes with numb runs", "could be chance", "as on clean
	// runs", "not compared" or "not recorded".
	Verdict string
	Text    string // one sentence with the numbers
}

// Finding verdicts.
const (
	FindingSeparates   = "goes with numb runs"
	FindingChance      = "could be chance"
	FindingSame        = "as on clean runs"
	FindingNotCompared = "not compared"
	FindingNotRecorded = "not recorded"
)

// whatElse reads the findings in a fixed order.
func whatElse(d *evidenceData, sig map[string]Signal) []Finding {
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
	var out []Finding
	add := func(id, title string, recorded int, signal string, limit float64, describe func(s Signal) string, none string) {
		f := Finding{ID: id, Title: title, Recorded: recorded}
		s, ok := sig[signal]
		switch {
		case recorded == 0:
			f.Verdict, f.Text = FindingNotRecorded, none
		case !ok:
			f.Verdict = FindingNotCompared
			f.Text = fmt.Sprintf("recorded on %s, but %s", plural(recorded, "run"), notComparedWhy(d, id))
		default:
			f.Signal = &s
			switch {
			case math.IsNaN(s.P):
				// One run a side, or no spread: a gap of any size says
				// nothing yet, so no verdict either way.
				f.Verdict = FindingNotCompared
			case s.Value >= limit && s.P < SeparatesP:
				f.Verdict = FindingSeparates
			case s.Value >= limit:
				f.Verdict = FindingChance
			default:
				f.Verdict = FindingSame
			}
			f.Text = describe(s) + ": " + f.Verdict
			if f.Verdict == FindingNotCompared {
				f.Text = describe(s) + ": too few runs to compare"
			}
		}
		out = append(out, f)
	}
	add("balance", "Left/right balance", count(func(r *RunResult) float64 { return r.Extras.BalanceLeftPct }), "balance_side_gap", BalanceGapPct,
		func(s Signal) string {
			return fmt.Sprintf("the %s foot's share of ground contact is %s %% on numb runs against %s %% on clean ones (%s numb and %s clean; gap %s points, Welch %s)",
				s.Vars["side"], s.Vars["numb"], s.Vars["clean"], s.Vars["n_numb"], s.Vars["n_clean"], s.Vars["gap"], s.Vars["p"])
		}, "not recorded: it needs a chest strap or pod with running dynamics")
	add("downhill", "Downhill running", count(func(r *RunResult) float64 { return r.Extras.Hills.DownhillSharePct }), "downhill_share_gap", DownhillGapPct,
		func(s Signal) string {
			return fmt.Sprintf("descents (grade %.0f %% or steeper) take %s %% of running time on numb runs against %s %% on clean ones (%s numb and %s clean; Welch %s; %s)",
				DescentGradePct, s.Vars["numb"], s.Vars["clean"], s.Vars["n_numb"], s.Vars["n_clean"], s.Vars["p"], altitudeWords(sources))
		}, "not recorded: no altitude with distance (or treadmill runs only)")
	add("onset_descent", "Onset on a descent", onsets, "onset_descent", SeparatesLR,
		func(s Signal) string {
			return fmt.Sprintf("numbness began on a descent on %s of %s numb runs with an onset, where descents were %s %% of their running time (ratio %s, binomial %s)",
				s.Vars["count"], s.Vars["n"], s.Vars["share"], s.Vars["ratio"], s.Vars["p"])
		}, "not recorded: no numb run has both a noted onset and grades around it")
	add("temperature", "Temperature", count(func(r *RunResult) float64 { return r.Extras.TemperatureC }), "temperature_gap", ColdGapC,
		func(s Signal) string {
			return fmt.Sprintf("the watch's sensor read %s °C on numb runs against %s °C on clean ones (%s numb and %s clean; Welch %s); "+
				"a wrist sensor is warmed by the arm and reads above the air",
				s.Vars["numb"], s.Vars["clean"], s.Vars["n_numb"], s.Vars["n_clean"], s.Vars["p"])
		}, "not recorded: the watch wrote no temperature")
	add("cold_notes", "Cold in the notes", noted, "cold_notes", SeparatesLR,
		func(s Signal) string {
			return fmt.Sprintf("notes mention cold on %s of %s and %s of %s (Fisher %s)",
				s.Vars["numb"], s.Vars["numb_runs"], s.Vars["clean"], s.Vars["clean_runs"], s.Vars["p"])
		}, "no notes to read")
	return out
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
