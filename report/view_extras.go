package report

import (
	"fmt"
	"strings"

	"github.com/runlog/runlog/analysis"
	"github.com/runlog/runlog/analysis/notes"
)

// extrasView is what the watch recorded beyond form (issue 14), for the
// Markdown and HTML reports: a row per run when any run recorded it, and
// the athlete's findings.
type extrasView struct {
	Rows     []extrasRowView // nil when no run recorded any of it
	Legend   string
	WhatElse []labelled // title, sentence with the numbers
}

type extrasRowView struct {
	Date, Balance, Downhill, Temp, Altitude string
	NumbYes                                 bool
}

// extrasLegend explains the columns of the extras table.
var extrasLegend = fmt.Sprintf("left %%: the left foot's share of ground-contact time (50 = even); downhill %%: running time on "+
	"grades of %.0f %% or steeper, over %.0f m of distance; temp: the watch's own sensor, which a wrist warms above the air; "+
	"altitude: barometric, gps or unknown, as the file tells; \"-\": not recorded.", analysis.DescentGradePct, analysis.GradeWindowM)

func newExtrasView(res *analysis.Result) *extrasView {
	if len(res.Runs) == 0 {
		return nil
	}
	x := &extrasView{Legend: extrasLegend}
	if hasExtras(res) {
		for i := range res.Runs {
			r := &res.Runs[i]
			row := extrasRow(r)
			x.Rows = append(x.Rows, extrasRowView{Date: strings.TrimSpace(dateText(r)), Balance: row[0], Downhill: row[1],
				Temp: row[2], Altitude: row[3], NumbYes: r.Numbness.Reported == notes.Yes})
		}
	}
	for _, f := range res.Advice.WhatElse {
		x.WhatElse = append(x.WhatElse, labelled{f.Title, f.Text + "."})
	}
	return x
}
