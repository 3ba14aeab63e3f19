package report

import (
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
	Date, Balance, Downhill, DescentSPM, DescentMS, Temp, Altitude string
	NumbYes                                                        bool
}

func newExtrasView(res *analysis.Result) *extrasView {
	if len(res.Runs) == 0 {
		return nil
	}
	x := &extrasView{Legend: extrasLegendText}
	if hasExtras(res) {
		for i := range res.Runs {
			r := &res.Runs[i]
			row := extrasRow(r)
			x.Rows = append(x.Rows, extrasRowView{Date: strings.TrimSpace(dateText(r)), Balance: row[0], Downhill: row[1],
				DescentSPM: row[2], DescentMS: row[3], Temp: row[4], Altitude: row[5], NumbYes: r.Numbness.Reported == notes.Yes})
		}
	}
	for _, f := range res.Advice.WhatElse {
		x.WhatElse = append(x.WhatElse, labelled{f.Title, f.Text + "."})
	}
	return x
}
