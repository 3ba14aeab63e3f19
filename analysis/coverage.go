package analysis

import (
	"math"

	"github.com/runlog/runlog/fitparse"
)

// FieldCoverage is the share of records that carry one measurement.
type FieldCoverage struct {
	Field   string  // JSON-style name, e.g. "cadence"
	Records int     // records with a value
	Percent float64 // 0–100 of all records
}

// coverageFields lists the sample fields in the order reports show them.
var coverageFields = []struct {
	name string
	get  func(fitparse.Sample) float64
}{
	{"distance", func(s fitparse.Sample) float64 { return s.DistanceM }},
	{"speed", func(s fitparse.Sample) float64 { return s.SpeedMPS }},
	{"heart_rate", func(s fitparse.Sample) float64 { return s.HeartRateBPM }},
	{"cadence", func(s fitparse.Sample) float64 { return s.CadenceSPM }},
	{"ground_contact_time", func(s fitparse.Sample) float64 { return s.GCTms }},
	{"ground_contact_percent", func(s fitparse.Sample) float64 { return s.GCTPercent }},
	{"vertical_oscillation", func(s fitparse.Sample) float64 { return s.VOmm }},
	{"altitude", func(s fitparse.Sample) float64 { return s.AltitudeM }},
	{"temperature", func(s fitparse.Sample) float64 { return s.TemperatureC }},
	{"stance_time_balance", func(s fitparse.Sample) float64 { return s.StanceBalanceLeftPct }},
}

// Coverage counts, for every measurement, how many samples carry it.
func Coverage(samples []fitparse.Sample) []FieldCoverage {
	out := make([]FieldCoverage, len(coverageFields))
	for i, f := range coverageFields {
		out[i].Field = f.name
		for _, s := range samples {
			if !math.IsNaN(f.get(s)) {
				out[i].Records++
			}
		}
		if len(samples) > 0 {
			out[i].Percent = 100 * float64(out[i].Records) / float64(len(samples))
		}
	}
	return out
}
