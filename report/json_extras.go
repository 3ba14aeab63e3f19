package report

import (
	"math"

	"github.com/runlog/runlog/analysis"
)

// jsonRunExtras are a run's fields for what the watch records beyond form
// (issue 14, docs/json-schema.md); every value null where not recorded.
type jsonRunExtras struct {
	BalanceLeftPct   *float64         `json:"balance_left_pct"`   // left foot's share of ground contact, %
	DownhillSharePct *float64         `json:"downhill_share_pct"` // running time on descents, % of the graded time
	TemperatureC     *float64         `json:"temperature_c"`      // the file's sensor (on the wrist: warmer than the air)
	AltitudeSource   string           `json:"altitude_source"`    // barometric, gps, unknown
	Hills            jsonHills        `json:"hills"`
	OnsetExtras      *jsonOnsetExtras `json:"onset_extras"` // the minutes before numbness began; null without an onset
}

type jsonHills struct {
	GradedS       float64         `json:"graded_s"`
	DownhillS     float64         `json:"downhill_s"`
	FlatS         float64         `json:"flat_s"`
	DescentVsFlat jsonDescentForm `json:"descent_vs_flat"`
}

// jsonDescentForm is descent minus flat at the same speed.
type jsonDescentForm struct {
	MatchedS    float64  `json:"matched_s"`
	CadenceSPM  *float64 `json:"cadence_spm"`
	GCTms       *float64 `json:"gct_ms"`
	StepLengthM *float64 `json:"step_length_m"`
}

type jsonOnsetExtras struct {
	BalanceLeftPct   *float64 `json:"balance_left_pct"`
	DownhillSharePct *float64 `json:"downhill_share_pct"`
	OnDescent        *bool    `json:"on_descent"` // null when there are no grades before the onset
}

func toJSONRunExtras(r *analysis.RunResult) jsonRunExtras {
	e := &r.Extras
	h := &e.Hills
	j := jsonRunExtras{
		BalanceLeftPct: num(e.BalanceLeftPct, 2), DownhillSharePct: num(h.DownhillSharePct, 1),
		TemperatureC: num(e.TemperatureC, 1), AltitudeSource: h.AltitudeSource,
		Hills: jsonHills{GradedS: math.Round(h.GradedS), DownhillS: math.Round(h.DownhillS), FlatS: math.Round(h.FlatS),
			DescentVsFlat: jsonDescentForm{MatchedS: math.Round(h.Descent.MatchedS), CadenceSPM: num(h.Descent.CadenceSPM, 1),
				GCTms: num(h.Descent.GCTms, 1), StepLengthM: num(h.Descent.StepLengthM, 3)}},
	}
	if j.AltitudeSource == "" {
		j.AltitudeSource = "unknown"
	}
	if o := r.OnsetExtras; o != nil {
		j.OnsetExtras = &jsonOnsetExtras{BalanceLeftPct: num(o.BalanceLeftPct, 2), DownhillSharePct: num(o.DownhillSharePct, 1)}
		if o.DescentKnown {
			d := o.OnDescent
			j.OnsetExtras.OnDescent = &d
		}
	}
	return j
}

// splitBalance is the balance of split i of r; NaN when not recorded.
func splitBalance(r *analysis.RunResult, i int) float64 {
	if i < len(r.Extras.SplitBalanceLeftPct) {
		return r.Extras.SplitBalanceLeftPct[i]
	}
	return math.NaN()
}

// jsonFinding is one line of "what else the watch shows".
type jsonFinding struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Recorded int      `json:"recorded_runs"`
	Verdict  string   `json:"verdict"`
	Text     string   `json:"text"`
	Effect   *float64 `json:"effect"`  // the signal's value: points, °C or ratio (docs/factors.md); null when not compared
	PValue   *float64 `json:"p_value"` // null when not compared or untestable
}

func toJSONFindings(fs []analysis.Finding) []jsonFinding {
	out := []jsonFinding{}
	for _, f := range fs {
		j := jsonFinding{ID: f.ID, Title: f.Title, Recorded: f.Recorded, Verdict: f.Verdict, Text: f.Text}
		if s := f.Signal; s != nil {
			j.Effect, j.PValue = num(s.Value, 2), num(s.P, 3)
		}
		out = append(out, j)
	}
	return out
}
