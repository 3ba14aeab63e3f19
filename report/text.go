package report

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/runlog/runlog/analysis"
)

// missing is how text output shows a value the watch did not record.
const missing = "-"

// Text writes res as a table, one run a line, for a person to read.
func Text(w io.Writer, res *analysis.Result) error {
	ew := &errWriter{w: w}
	if len(res.Runs) == 0 {
		fmt.Fprintln(ew, "No runs found.")
	} else {
		tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "date\tkind\tkm\ttime\tpace/km\tcadence spm\tcontact ms\tvert osc mm\tstep m\toverstride\tworst km\t")
		for i := range res.Runs {
			r := &res.Runs[i]
			kind := r.SubSport
			if kind == "generic" || kind == "" {
				kind = "run"
			}
			if r.Truncated {
				kind += " (cut)"
			}
			f := r.Form()
			worst := missing
			if r.Overstride.WorstKm > 0 && r.Overstride.Level != analysis.LevelLow {
				worst = fmt.Sprint(r.Overstride.WorstKm)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n",
				dateText(r), kind, fixed(r.DistanceM/1000, 2), clock(r.TimerS), clock(r.AvgPaceSPerKm()),
				fixed(f.CadenceSPM, 0), fixed(f.GCTms, 0), fixed(f.VOmm, 0),
				fixed(f.StepLengthM, 2), levelText(&r.Overstride), worst)
		}
		tw.Flush()
		fmt.Fprintln(ew, "\nWhy (the main reason per run):")
		for i := range res.Runs {
			r := &res.Runs[i]
			if len(r.Overstride.Reasons) > 0 {
				fmt.Fprintf(ew, "  %s  %s\n", dateText(r), r.Overstride.Reasons[0])
			}
		}
	}
	var notes []string
	if n := len(res.Skipped); n > 0 {
		notes = append(notes, plural(n, "input or session", "inputs or sessions")+" skipped (not runs)")
	}
	if n := len(res.Errors); n > 0 {
		notes = append(notes, plural(n, "file", "files")+" could not be read")
	}
	if len(notes) > 0 {
		fmt.Fprintf(ew, "\n%s; details on stderr.\n", strings.Join(notes, ", "))
	}
	return ew.err
}

// levelText is the overstride level with its score, e.g. "high 62".
func levelText(o *analysis.Overstride) string {
	if o.Level == "" || o.Level == analysis.LevelUnknown {
		return analysis.LevelUnknown
	}
	return fmt.Sprintf("%s %.0f", o.Level, o.Score)
}

func dateText(r *analysis.RunResult) string {
	t := r.LocalStart()
	if !r.HasUTCOffset {
		return t.UTC().Format("2006-01-02 15:04Z")
	}
	return t.Format("2006-01-02 15:04")
}

// fixed formats v with the given decimals, or missing for NaN.
func fixed(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return missing
	}
	return fmt.Sprintf("%.*f", decimals, v)
}

// clock formats seconds as h:mm:ss, or m:ss under an hour.
func clock(s float64) string {
	if math.IsNaN(s) || math.IsInf(s, 0) || s < 0 {
		return missing
	}
	t := int(math.Round(s))
	if t >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", t/3600, t/60%60, t%60)
	}
	return fmt.Sprintf("%d:%02d", t/60, t%60)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// errWriter remembers the first write error so renderers can check once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}
