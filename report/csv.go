package report

import (
	"encoding/csv"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/runlog/runlog/analysis"
	"github.com/runlog/runlog/analysis/notes"
)

// csvHeader names the columns of the CSV report: one row a run, for a
// coach's spreadsheet. Units are in the names, as in the JSON.
var csvHeader = []string{"start", "utc_offset", "source", "session", "sub_sport", "distance_m", "timer_s",
	"avg_pace_s_per_km", "avg_cadence_spm", "avg_gct_ms", "avg_vo_mm", "avg_step_length_m", "avg_duty_factor",
	"overstride_score", "overstride_level", "overstride_confidence", "worst_km",
	"fatigue_cadence_drop_spm", "fatigue_gct_rise_ms", "numb", "foot", "onset_km", "onset_min", "gear", "main_reason",
	// Added for issue 8 (point 8), at the end so that existing columns keep their place.
	"running_s", "left_walking_s", "left_standing_s", "left_no_data_s",
	"watch_cadence_spm", "watch_gct_ms", "timer_cadence_spm", "timer_gct_ms", "watch_cadence_check", "watch_gct_check",
	// Added for issue 9: why numb is empty (notes not read with file:line
	// and why, no notes, --unlogged unknown); empty when numb is set.
	"numbness_unknown_reason",
	// Where the input was partial: the file cut short, what was repaired or
	// could not be read as usual (the report's "Read with care"), and, on
	// a row of its own, a file that could not be read at all.
	"truncated", "warnings", "error",
	// Added for issue 14, after error so that every column keeps its
	// place: the left foot's share of ground contact, running time on
	// descents, the file's temperature, where its altitude comes from.
	"balance_left_pct", "downhill_share_pct", "temperature_c", "altitude_source",
	// The km the run's pair (gear) had run before it, how that is known
	// (new, stated, runs_given: a lower bound) and whether the pair was
	// new or worn; empty when not known. As in the JSON.
	"shoe_km_before", "shoe_km_from", "shoe_new", "shoe_worn",
	// An onset noted in words ("halfway", "end"), and when numbness began
	// in timer seconds however it was noted; as in the JSON.
	"onset_when", "onset_timer_s"}

// csvErrorCol is the index of the error column.
var csvErrorCol = slices.Index(csvHeader, "error")

// CSV writes one row per run, then one per file that could not be read
// (source and error filled, the rest empty); a value not measured is an
// empty cell.
func CSV(w io.Writer, res *analysis.Result) error {
	cw := csv.NewWriter(w)
	cw.Write(csvHeader)
	for i := range res.Runs {
		r := &res.Runs[i]
		f := r.Form()
		offset := ""
		if r.HasUTCOffset {
			offset = offsetString(r.UTCOffset)
		}
		numb := ""
		switch r.Numbness.Reported {
		case notes.Yes:
			numb = "yes"
		case notes.No:
			numb = "no"
		}
		timer := r.Measure.Timer()
		checks := map[string]string{} // metric → agrees, explained or unexplained; "" without a watch figure
		for j := range r.Watch {
			checks[r.Watch[j].Metric] = checkState(&r.Watch[j])
		}
		worst, reason := "", ""
		if r.Overstride.WorstKm > 0 {
			worst = strconv.Itoa(r.Overstride.WorstKm)
		}
		if len(r.Overstride.Reasons) > 0 {
			reason = r.Overstride.Reasons[0]
		}
		cw.Write([]string{r.Start.UTC().Format(time.RFC3339), offset, text(r.Source), strconv.Itoa(r.Session), r.SubSport,
			cell(r.DistanceM, 1), cell(r.TimerS, 1), cell(r.AvgPaceSPerKm(), 1), cell(f.CadenceSPM, 1), cell(f.GCTms, 1),
			cell(f.VOmm, 1), cell(f.StepLengthM, 3), cell(f.DutyFactor, 3),
			cell(r.Overstride.Score, 0), r.Overstride.Level, r.Overstride.Confidence, worst,
			cell(r.Fatigue.CadenceDropSPM, 1), cell(r.Fatigue.GCTRiseMS, 1), numb, r.Numbness.Foot,
			cell(r.Numbness.OnsetKm, 2), cell(r.Numbness.OnsetMin, 1), text(r.Gear), text(reason),
			cell(r.RunningS(), 1), cell(r.LeftOut.WalkingS, 1), cell(r.LeftOut.StandingS, 1), cell(r.LeftOut.NoDataS, 1),
			cell(r.DeviceAvg.CadenceSPM, 1), cell(r.DeviceAvg.GCTms, 1), cell(timer.CadenceSPM, 1), cell(timer.GCTms, 1),
			checks["avg_cadence_spm"], checks["avg_gct_ms"], text(r.Numbness.UnknownReason),
			strconv.FormatBool(r.Truncated), text(strings.Join(r.Warnings, " | ")), "",
			cell(r.Extras.BalanceLeftPct, 2), cell(r.Extras.Hills.DownhillSharePct, 1), cell(r.Extras.TemperatureC, 1), r.Extras.Hills.AltitudeSource,
			cell(r.ShoeKmBefore, 1), r.ShoeKmFrom, knownBool(r.ShoeNew()), knownBool(r.ShoeWorn()),
			onsetWhen(&r.Numbness), cell(r.Numbness.OnsetTimerS, 0)})
	}
	for _, e := range res.Errors {
		row := make([]string, len(csvHeader))
		row[2], row[csvErrorCol] = text(e.Source), text(e.Err)
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// onsetWhen is an onset noted in words ("halfway", "end") when the note
// gives no km or minutes; "" otherwise.
func onsetWhen(n *analysis.Numbness) string {
	if math.IsNaN(n.OnsetKm) && math.IsNaN(n.OnsetMin) {
		return n.Facts.OnsetWhen
	}
	return ""
}

// knownBool is "true" or "false", or empty when not known.
func knownBool(v, known bool) string {
	if !known {
		return ""
	}
	return strconv.FormatBool(v)
}

// cell formats a number for CSV: empty when not measured.
func cell(v float64, digits int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(*num(v, digits), 'f', -1, 64)
}

// text guards a free-text cell (a file name, a shoe, a reason) against
// spreadsheet formula injection: a cell starting with =, +, -, @, a tab or
// a carriage return is run as a formula by Excel, LibreOffice and Google
// Sheets, so it gets a leading apostrophe, which they show as text
// (OWASP, "CSV Injection"). Numeric cells never pass through here.
func text(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
