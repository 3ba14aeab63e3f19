package analysis

import (
	"math"

	"github.com/runlog/runlog/analysis/notes"
)

// Form is the bin's pace form: speed, heart rate, cadence and contact
// time over its running seconds (the rest NaN).
func (b *Bin) Form() Form { return b.pace.form() }

// Week is one ISO week of runs (Monday to Sunday, by each run's local
// date): what the weekly chart and table show.
type Week struct {
	Year, Week int // ISO 8601 year and week number
	Runs       int
	NumbRuns   int // runs a note reports numbness on
	// UnknownRuns are runs whose numbness is unknown (no notes, or notes
	// runlog could not read).
	UnknownRuns int
	// MeanOverstrideScore is the mean overstride score (0–100) of the
	// week's runs that have one; NaN when none has.
	MeanOverstrideScore float64
	DistanceM           float64
}

// Weeks groups runs by ISO week of their local start, in date order, with
// the weeks between that have no run left out. Runs whose watch clock was
// never set are left out (their date is not the day they were run).
func Weeks(runs []RunResult) []Week {
	var out []Week
	idx := map[[2]int]int{}
	sums := []float64{}
	counts := []int{}
	for i := range runs {
		r := &runs[i]
		if r.ClockNotSet || r.Start.IsZero() {
			continue
		}
		y, w := r.LocalStart().ISOWeek()
		k, ok := idx[[2]int{y, w}]
		if !ok {
			k = len(out)
			idx[[2]int{y, w}] = k
			out = append(out, Week{Year: y, Week: w})
			sums = append(sums, 0)
			counts = append(counts, 0)
		}
		wk := &out[k]
		wk.Runs++
		wk.DistanceM += r.DistanceM
		switch r.Numbness.Reported {
		case notes.Yes:
			wk.NumbRuns++
		case notes.Unknown:
			wk.UnknownRuns++
		}
		if s := r.Overstride.Score; !math.IsNaN(s) && r.Overstride.Level != LevelUnknown && r.Overstride.Level != "" {
			sums[k] += s
			counts[k]++
		}
	}
	for k := range out {
		out[k].MeanOverstrideScore = math.NaN()
		if counts[k] > 0 {
			out[k].MeanOverstrideScore = sums[k] / float64(counts[k])
		}
	}
	// Runs come sorted by start, but a run's local date can order weeks
	// differently near midnight; sort to be sure.
	sortWeeks(out)
	return out
}

func sortWeeks(ws []Week) {
	for i := 1; i < len(ws); i++ {
		for j := i; j > 0 && (ws[j].Year < ws[j-1].Year || ws[j].Year == ws[j-1].Year && ws[j].Week < ws[j-1].Week); j-- {
			ws[j], ws[j-1] = ws[j-1], ws[j]
		}
	}
}

// OnsetDistanceM is the distance (m) at which numbness began: the noted
// km, else the distance at the end of the 30-s bin the onset's timer time
// falls in (the last bin's when the onset is past it); NaN when the onset
// is not known.
func (r *RunResult) OnsetDistanceM() float64 {
	n := &r.Numbness
	if n.OnsetKm > 0 {
		return n.OnsetKm * 1000
	}
	if math.IsNaN(n.OnsetTimerS) {
		return math.NaN()
	}
	bins := r.Measure.Bins
	for i := range bins {
		if b := &bins[i]; b.EndTimerS >= n.OnsetTimerS {
			return b.EndDistanceM
		}
	}
	if len(bins) > 0 {
		// "At the end", or a noted minute past the last record.
		return bins[len(bins)-1].EndDistanceM
	}
	return math.NaN()
}

// OnsetKmIndex is the kilometre (1 for the first) numbness began in; 0
// when not known.
func (r *RunResult) OnsetKmIndex() int {
	d := r.OnsetDistanceM()
	if math.IsNaN(d) || d < 0 {
		return 0
	}
	return int(math.Ceil(d/1000 - 1e-9))
}
