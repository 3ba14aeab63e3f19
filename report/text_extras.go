package report

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/runlog/runlog/analysis"
)

// hasExtras reports whether any run recorded balance, grades or a
// temperature.
func hasExtras(res *analysis.Result) bool {
	for i := range res.Runs {
		e := &res.Runs[i].Extras
		if !math.IsNaN(e.BalanceLeftPct) || !math.IsNaN(e.Hills.DownhillSharePct) || !math.IsNaN(e.TemperatureC) {
			return true
		}
	}
	return false
}

// extrasRow is a run's balance, downhill share, cadence and contact time
// on descents against the flat at the same speed, temperature and
// altitude source (as the file tells it, as in the JSON) as the tables
// show them.
func extrasRow(r *analysis.RunResult) [6]string {
	e := &r.Extras
	alt := e.Hills.AltitudeSource
	if alt == "" {
		alt = "unknown"
	}
	d := &e.Hills.Descent
	return [6]string{fixed(e.BalanceLeftPct, 1), fixed(e.Hills.DownhillSharePct, 0), signed(d.CadenceSPM, 0), signed(d.GCTms, 0),
		fixed(e.TemperatureC, 0), alt}
}

// extrasLegendText explains the columns of the extras tables.
var extrasLegendText = fmt.Sprintf("left %%: the left foot's share of ground-contact time (50 = even); downhill %%: running time on "+
	"grades of %.0f %% or steeper, over %.0f m of distance; descent spm, ms: cadence and ground contact on those descents minus "+
	"flat running at the same speed; temp: the watch's own sensor, which a wrist warms above the air; "+
	"altitude: barometric, gps or unknown, as the file tells; \"-\": not recorded.", analysis.DescentGradePct, analysis.GradeWindowM)

// extrasTable writes, when any run recorded them, each run's left/right
// balance, share of running on descents and temperature (at most 80
// columns, like the other run tables).
func extrasTable(w io.Writer, res *analysis.Result, width int) {
	if !hasExtras(res) {
		return
	}
	fmt.Fprintln(w, "\nWhat else the watch recorded:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "date\tleft %\tdownhill %\tdescent spm\tms\ttemp °C\taltitude\t")
	for i := range res.Runs {
		r := &res.Runs[i]
		row := extrasRow(r)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", dateText(r), row[0], row[1], row[2], row[3], row[4], row[5])
	}
	tw.Flush()
	fmt.Fprintln(w, wrapWords(extrasLegendText, 0, width, ""))
}

// whatElseText says, per athlete, whether balance, hills and cold go with
// the numb runs, with the numbers, or that they were not recorded.
func whatElseText(w io.Writer, adv *analysis.Advice, width int) {
	if len(adv.WhatElse) == 0 {
		return
	}
	fmt.Fprintln(w, "\nWhat else the watch shows (against the numb runs):")
	for _, f := range adv.WhatElse {
		prefix := "  " + f.Title + ": "
		fmt.Fprintln(w, prefix+wrapWords(Printable(f.Text)+".", len(prefix), width, strings.Repeat(" ", 4)))
	}
}
