package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/runlog/runlog/analysis"
	"github.com/runlog/runlog/analysis/notes"
)

// PeriodSchema names the JSON of `runlog report`.
const PeriodSchema = "runlog.report/v1"

// PeriodText writes a period report for a person (a cron job's weekly
// mail): red flags of the period first, then the period's runs and notes,
// its form against the 4 weeks before, and the causes, fixes and doctor
// advice judged on the whole history up to the period's end; the older red
// flags, with their dates, last.
func PeriodText(w io.Writer, p *analysis.Period, opt TextOptions) error {
	periodWidth := opt.width()
	ew := &errWriter{w: w}
	if len(p.RedFlags) > 0 {
		fmt.Fprintln(ew, "SEE A DOCTOR: a red flag was noted in this period:")
		for _, rf := range p.RedFlags {
			redFlagLine(ew, rf, periodWidth)
		}
		fmt.Fprintln(ew)
	}
	zone := ""
	if p.Zone != "" {
		zone = " (" + p.Zone + ")"
	}
	fmt.Fprintf(ew, "runlog report %s to %s%s\n", p.Since, p.Until, zone)
	if len(p.Runs) == 0 {
		fmt.Fprintln(ew, "\nNo runs in this period.")
	} else {
		km, secs := 0.0, 0.0
		for i := range p.Runs {
			if d := p.Runs[i].DistanceM; d > 0 {
				km += d / 1000
			}
			if s := p.Runs[i].RunningS(); s > 0 {
				secs += s
			}
		}
		fmt.Fprintf(ew, "\n%s, %s km, %s running:\n", plural(len(p.Runs), "run", "runs"), fixed(km, 1), clock(secs))
		tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "date\tkm\trunning\trun pace/km\tspm\tcontact ms\toverstride\tnumb\t")
		for i := range p.Runs {
			r := &p.Runs[i]
			f := r.Form()
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", dateText(r), fixed(r.DistanceM/1000, 2), clock(r.RunningS()),
				clock(r.AvgPaceSPerKm()), fixed(f.CadenceSPM, 0), fixed(f.GCTms, 0), levelText(&r.Overstride), numbText(&r.Numbness))
		}
		tw.Flush()
	}
	if p.Undated > 0 {
		fmt.Fprintf(ew, "(%s left out: the watch's clock was never set, so the day is unknown.)\n", plural(p.Undated, "run", "runs"))
	}
	if len(p.Notes) > 0 {
		fmt.Fprintln(ew, "\nNotes in this period:")
		for _, n := range p.Notes {
			prefix := "  " + n.Day + "  "
			fmt.Fprintln(ew, prefix+wrapWords(Printable(n.Text), len(prefix), periodWidth, strings.Repeat(" ", len(prefix))))
		}
	}
	if len(p.OlderRedFlags) > 0 {
		fmt.Fprintln(ew, "\nRed flags noted before this period (they advised a doctor then; a new one would lead this report):")
		for _, rf := range p.OlderRedFlags {
			redFlagLine(ew, rf, periodWidth)
		}
	}
	formText(ew, p)
	h := &p.History
	numb := 0
	for i := range h.Runs {
		if h.Runs[i].Numbness.Reported == notes.Yes {
			numb++
		}
	}
	fmt.Fprintln(ew, "\n"+wrapWords(fmt.Sprintf("Judged on all %s up to %s (%s with numbness): the shoes, what else the watch shows, and the causes.",
		plural(len(h.Runs), "run", "runs"), p.Until, plural(numb, "run", "runs")), 0, periodWidth, ""))
	unreadText(ew, &h.Notes, periodWidth)
	if len(h.Runs) > 0 {
		shoesText(ew, h, periodWidth, false)
		whatElseText(ew, &h.Advice, periodWidth) // issue 14
	}
	adviceText(ew, &h.Advice, len(h.Runs), periodWidth) // its doctor advice names older red flags (Period.SplitPeriod)
	if n := len(h.Errors); n > 0 {
		fmt.Fprintf(ew, "\n%s could not be read; details on stderr.\n", plural(n, "file", "files"))
	}
	return ew.err
}

func redFlagLine(w io.Writer, rf analysis.RedFlagNote, periodWidth int) {
	prefix := "  " + rf.Day + "  "
	text := fmt.Sprintf("%s (%s:%d)", strings.ReplaceAll(strings.Join(rf.Flags, ", "), "_", " "), rf.File, rf.Line)
	if rf.Text != "" {
		text += ": " + rf.Text
	}
	fmt.Fprintln(w, prefix+wrapWords(Printable(text), len(prefix), periodWidth, strings.Repeat(" ", len(prefix))))
}

// formText sets the period's form beside the 4 weeks before it.
func formText(w io.Writer, p *analysis.Period) {
	a, b := p.Form, p.Before
	fmt.Fprintf(w, "\nForm, this period against the %d days before (%s vs %s; the mean of each run's figure):\n",
		analysis.BeforeDays, plural(a.Runs, "run", "runs"), plural(b.Runs, "run", "runs"))
	if a.Runs == 0 || b.Runs == 0 {
		fmt.Fprintln(w, "  nothing to compare: runs are needed on both sides.")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row := func(label string, x, y float64, unit string) {
		diff := missing
		if !math.IsNaN(x) && !math.IsNaN(y) {
			// The change of the figures as printed: 172.4 against 171.6
			// prints "172  172", so the change is 0, not +1 (nor "-0").
			diff = fmt.Sprintf("%+.0f", math.Round(x)-math.Round(y))
			if diff == "+0" || diff == "-0" {
				diff = "0"
			}
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s %s\n", label, fixed(x, 0), fixed(y, 0), diff, unit)
	}
	fmt.Fprintln(tw, "  \tthis period\tbefore\tchange")
	row("cadence", a.CadenceSPM, b.CadenceSPM, "spm")
	row("ground contact", a.GCTms, b.GCTms, "ms")
	row("overstride score", a.Overstride, b.Overstride, "(0-100, higher: more overstriding)")
	tw.Flush()
}

type jsonRedFlag struct {
	Date  string   `json:"date"`
	File  string   `json:"file"`
	Line  int      `json:"line"`
	Flags []string `json:"flags"`
	Text  string   `json:"text"`
}

type jsonFormMeans struct {
	Runs            int      `json:"runs"`
	CadenceSPM      *float64 `json:"cadence_spm"`
	GCTms           *float64 `json:"gct_ms"`
	OverstrideScore *float64 `json:"overstride_score"`
}

type jsonPeriodNote struct {
	Date string `json:"date"`
	File string `json:"file"`
	Line int    `json:"line"`
	Text string `json:"text"`
}

type jsonPeriod struct {
	Schema        string           `json:"schema"`
	Since         string           `json:"since"`
	Until         string           `json:"until"`
	Zone          string           `json:"zone"`
	RedFlags      []jsonRedFlag    `json:"red_flags"`
	Runs          []jsonRun        `json:"runs"`
	Undated       int              `json:"undated_runs"`
	Notes         []jsonPeriodNote `json:"notes"`
	Form          jsonFormMeans    `json:"form"`
	Before        jsonFormMeans    `json:"form_before"`
	BeforeDays    int              `json:"before_days"`
	OlderRedFlags []jsonRedFlag    `json:"older_red_flags"`
	// History is the runlog/v1 document of every run up to Until: its
	// causes, fixes and see_doctor are the report's.
	History json.RawMessage `json:"history"`
}

// PeriodJSON writes a period report as one runlog.report/v1 object.
func PeriodJSON(w io.Writer, p *analysis.Period) error {
	var hist bytes.Buffer
	if err := JSON(&hist, &p.History); err != nil {
		return err
	}
	flags := func(in []analysis.RedFlagNote) []jsonRedFlag {
		out := []jsonRedFlag{}
		for _, rf := range in {
			out = append(out, jsonRedFlag{Date: rf.Day, File: rf.File, Line: rf.Line, Flags: rf.Flags, Text: rf.Text})
		}
		return out
	}
	means := func(m analysis.FormMeans) jsonFormMeans {
		return jsonFormMeans{Runs: m.Runs, CadenceSPM: num(m.CadenceSPM, 1), GCTms: num(m.GCTms, 1), OverstrideScore: num(m.Overstride, 1)}
	}
	doc := jsonPeriod{Schema: PeriodSchema, Since: p.Since, Until: p.Until, Zone: p.Zone, RedFlags: flags(p.RedFlags),
		Runs: []jsonRun{}, Undated: p.Undated, Notes: []jsonPeriodNote{}, Form: means(p.Form), Before: means(p.Before),
		BeforeDays: analysis.BeforeDays, OlderRedFlags: flags(p.OlderRedFlags), History: bytes.TrimSpace(hist.Bytes())}
	for i := range p.Runs {
		doc.Runs = append(doc.Runs, toJSONRun(&p.Runs[i]))
	}
	for _, n := range p.Notes {
		doc.Notes = append(doc.Notes, jsonPeriodNote{Date: n.Day, File: n.File, Line: n.Line, Text: n.Text})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
