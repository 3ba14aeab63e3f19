package report

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/runlog/runlog/analysis"
	"github.com/runlog/runlog/analysis/notes"
)

// missing is how text output shows a value the watch did not record.
const missing = "-"

// TextOptions are how the text report is laid out.
type TextOptions struct {
	// Width is the widest line prose wraps to, in columns; 0 means
	// DefaultTextWidth, and less than MinTextWidth means MinTextWidth.
	// The two run tables need up to 80 columns whatever the width.
	Width int
}

// DefaultTextWidth is the text report's width when stdout is not a
// terminal: lines that survive a mail (docs/decisions.md).
const DefaultTextWidth = 100

// MinTextWidth is the narrowest the text report wraps to.
const MinTextWidth = 60

func (o TextOptions) width() int {
	switch {
	case o.Width <= 0:
		return DefaultTextWidth
	case o.Width < MinTextWidth:
		return MinTextWidth
	}
	return o.Width
}

// Text writes res for a person to read: two tables of runs (what was run,
// then its form), the reasons, the numb runs' kilometres, the notes, the
// comparison and the advice, wrapped to opt's width.
func Text(w io.Writer, res *analysis.Result, opt TextOptions) error {
	width := opt.width()
	ew := &errWriter{w: w}
	adv := &res.Advice
	if adv.SeeDoctor.Advised && adv.SeeDoctor.Banner != "" {
		// Red flags lead: they matter more than anything below.
		fmt.Fprintln(ew, wrapWords(adv.SeeDoctor.Banner, 0, width, ""))
		fmt.Fprintln(ew)
	}
	if len(res.Runs) == 0 {
		fmt.Fprintln(ew, "No runs found.")
	} else {
		runTables(ew, res)
		fmt.Fprintln(ew, wrapWords(`Averages count running time only: "running" is the timer time less standing, walk breaks `+
			`and records without speed or cadence (pauses are not timer time). spm: cadence in steps per minute; `+
			`contact: ground-contact time; osc: vertical oscillation; step: step length; pace: running pace; overstride: level and score 0-100; worst km: the km that scored highest, on runs of moderate or high overstriding.`, 0, width, ""))
		for i := range res.Runs {
			if !res.Runs[i].HasUTCOffset {
				fmt.Fprintln(ew, wrapWords("A time ending in Z is UTC: the file does not say which time zone the run was in.", 0, width, ""))
				break
			}
		}
		watchSection(ew, res, width)
		extrasTable(ew, res, width) // issue 14
		fmt.Fprintln(ew, "\nWhy (the main reason per run):")
		for i := range res.Runs {
			r := &res.Runs[i]
			if len(r.Overstride.Reasons) > 0 {
				prefix := "  " + dateText(r) + "  "
				fmt.Fprintln(ew, prefix+wrapWords(r.Overstride.Reasons[0], len(prefix), width, strings.Repeat(" ", len(prefix))))
			}
		}
		onsetText(ew, res, width)
		splitsText(ew, res, width)
	}
	problemsSection(ew, res, width)
	notesText(ew, res, width)
	shoesText(ew, res, width, true)
	comparisonText(ew, res.Comparison, width)
	if len(res.Runs) > 0 {
		whatElseText(ew, adv, width) // issue 14
	}
	adviceText(ew, adv, len(res.Runs), width)
	var tail []string
	if n := len(res.Skipped); n > 0 {
		tail = append(tail, plural(n, "input or session", "inputs or sessions")+" skipped (not runs)")
	}
	if n := len(res.Duplicates); n > 0 {
		tail = append(tail, plural(n, "second copy of a run", "second copies of runs")+" left out")
	}
	if n := len(res.Errors); n > 0 {
		tail = append(tail, plural(n, "file", "files")+" could not be read")
	}
	if len(tail) > 0 {
		fmt.Fprintf(ew, "\n%s\n", wrapWords(strings.Join(tail, ", ")+"; details on stderr.", 0, width, ""))
	}
	return ew.err
}

// runTables writes the runs as two tables of at most 80 columns, one line
// a run in each: what was run (kind, distance, times, pace, numbness),
// then its form (cadence, contact, oscillation, step, overstriding). One
// table of all thirteen columns was 129 wide (docs/decisions.md).
func runTables(w io.Writer, res *analysis.Result) {
	fmt.Fprintln(w, "Runs:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "date\tkind\tkm\ttimer\trunning\tpace/km\tnumb\t")
	for i := range res.Runs {
		r := &res.Runs[i]
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n",
			dateText(r), kindText(r), fixed(r.DistanceM/1000, 2), clock(r.TimerS), clock(r.RunningS()), clock(r.AvgPaceSPerKm()), numbText(&r.Numbness))
	}
	tw.Flush()
	fmt.Fprintln(w, "\nRunning form:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "date\tspm\tcontact ms\tosc mm\tstep m\toverstride\tworst km\t")
	for i := range res.Runs {
		r := &res.Runs[i]
		f := r.Form()
		worst := missing
		if r.Overstride.WorstKm > 0 && r.Overstride.Level != analysis.LevelLow {
			worst = fmt.Sprint(r.Overstride.WorstKm)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n",
			dateText(r), fixed(f.CadenceSPM, 0), fixed(f.GCTms, 0), fixed(f.VOmm, 0),
			fixed(f.StepLengthM, 2), levelText(&r.Overstride), worst)
	}
	tw.Flush()
}

// kindText is the run's kind for the tables: its sub-sport ("run" when
// generic), "(cut)" when the file was cut short.
func kindText(r *analysis.RunResult) string {
	kind := r.SubSport
	if kind == "generic" || kind == "" {
		kind = "run"
	}
	if r.TreadmillNoted() {
		// A treadmill run by its note, as the comparison and the
		// verdicts count it (RunResult.OnTreadmill).
		kind = "treadmill (note)"
	}
	if r.Truncated {
		kind += " (cut)"
	}
	return kind
}

// splitsText gives each numb run's kilometres: pace, cadence, contact
// time and overstride score, the km numbness began in marked.
func splitsText(w io.Writer, res *analysis.Result, width int) {
	head := false
	for i := range res.Runs {
		r := &res.Runs[i]
		if r.Numbness.Reported != notes.Yes || len(r.Measure.Splits) == 0 {
			continue
		}
		if !head {
			fmt.Fprintln(w, "\nNumb runs, km by km (running time only):")
			head = true
		}
		fmt.Fprintln(w, "  "+wrapWords(dateText(r)+" "+numbDetail(r), 2, width, "    "))
		onset := r.OnsetKmIndex()
		balance := false // a split recorded left/right balance: show its column
		for k := range r.Measure.Splits {
			balance = balance || !math.IsNaN(splitBalance(r, k))
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		if balance {
			fmt.Fprintln(tw, "  km\tpace/km\tspm\tcontact ms\tleft %\tscore\t")
		} else {
			fmt.Fprintln(tw, "  km\tpace/km\tspm\tcontact ms\tscore\t")
		}
		for k, sp := range r.Measure.Splits {
			mark := ""
			if sp.Km == onset {
				mark = "  numb from here"
			}
			left := ""
			if balance {
				left = fixed(splitBalance(r, k), 1) + "\t"
			}
			fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s%s\t%s\n", sp.Km, clock(splitPace(&sp)), fixed(sp.Form.CadenceSPM, 0),
				fixed(sp.Form.GCTms, 0), left, scoreText(&sp.Overstride), mark)
		}
		tw.Flush()
	}
}

// numbDetail says which foot and when numbness began, e.g. "left foot,
// from km 3".
func numbDetail(r *analysis.RunResult) string {
	n := &r.Numbness
	parts := []string{}
	switch n.Foot {
	case "", "unknown":
	case "both":
		parts = append(parts, "both feet")
	default:
		parts = append(parts, n.Foot+" foot")
	}
	switch {
	case n.OnsetKm > 0:
		parts = append(parts, "from km "+trimZero(n.OnsetKm))
	case n.OnsetMin > 0:
		parts = append(parts, "from minute "+trimZero(n.OnsetMin))
	case !math.IsNaN(n.OnsetTimerS) && n.OnsetTimerS >= 0:
		parts = append(parts, "from minute "+fixed(n.OnsetTimerS/60, 0))
	}
	if len(parts) == 0 {
		return "(numb)"
	}
	return "(numb: " + strings.Join(parts, ", ") + ")"
}

// trimZero formats v with one decimal, dropping ".0".
func trimZero(v float64) string {
	return strings.TrimSuffix(fmt.Sprintf("%.1f", v), ".0")
}

// splitPace is the split's running pace in s/km; NaN without speed.
func splitPace(sp *analysis.Split) float64 {
	if !(sp.Form.SpeedMPS > 0) {
		return math.NaN()
	}
	return 1000 / sp.Form.SpeedMPS
}

// scoreText is an overstride score, or missing when unknown.
func scoreText(o *analysis.Overstride) string {
	if o.Level == "" || o.Level == analysis.LevelUnknown {
		return missing
	}
	return fixed(o.Score, 0)
}

// problemsSection says in the report itself where the input was partial:
// each run's warnings (a file cut short, a repaired stretch, a session
// built from records) and each file that could not be read, with why.
func problemsSection(w io.Writer, res *analysis.Result, width int) {
	head := false
	line := func(label, text string) {
		if !head {
			fmt.Fprintln(w, "\nRead with care: what runlog could not read as usual")
			head = true
		}
		prefix := "  " + label + "  "
		fmt.Fprintln(w, prefix+wrapWords(text, len(prefix), width, strings.Repeat(" ", len(prefix))))
	}
	for i := range res.Runs {
		r := &res.Runs[i]
		for _, warn := range r.Warnings {
			line(dateText(r), Printable(warn))
		}
	}
	for _, e := range res.Errors {
		line("not read", Printable(e.Err))
	}
}

// watchSection lists, under the table, each run whose cadence or contact
// time differs from the watch's own session figure, and why.
func watchSection(w io.Writer, res *analysis.Result, width int) {
	head := false
	for i := range res.Runs {
		r := &res.Runs[i]
		for _, c := range r.WatchDiffers() {
			if !head {
				fmt.Fprintln(w, "\nWhere the watch's own figure differs (its averages count all timer time):")
				head = true
			}
			prefix := "  " + dateText(r) + "  "
			fmt.Fprintln(w, prefix+wrapWords(watchText(&c), len(prefix), width, strings.Repeat(" ", len(prefix))))
		}
	}
}

// onsetText compares, for each run whose numbness has an onset, the
// minutes before it with the run's first minutes.
func onsetText(w io.Writer, res *analysis.Result, width int) {
	head := false
	for i := range res.Runs {
		r := &res.Runs[i]
		win := r.Numbness.Window
		if win == nil {
			continue
		}
		if !head {
			fmt.Fprintln(w, "\nBefore numbness began (the 10 minutes before onset against the run's first 10):")
			head = true
		}
		prefix := "  " + dateText(r) + "  "
		fmt.Fprintln(w, prefix+wrapWords(onsetLine(r, win), len(prefix), width, strings.Repeat(" ", len(prefix))))
	}
}

// onsetLine sets the minutes before onset against the run's first
// minutes; a measurement the run did not record in either is said to be
// not recorded, not printed as "- vs - spm". Where the run recorded
// left/right balance, the left foot's share before onset is set against
// the whole run's.
func onsetLine(r *analysis.RunResult, win *analysis.OnsetWindow) string {
	b, s := win.Before, win.Start
	pair := func(what string, x, y float64, unit string) string {
		if math.IsNaN(x) && math.IsNaN(y) {
			return what + " not recorded"
		}
		return fmt.Sprintf("%s %s vs %s %s", what, fixed(x, 0), fixed(y, 0), unit)
	}
	line := fmt.Sprintf("minutes %.0f–%.0f: %s, %s, pace %s vs %s /km", win.FromTimerS/60, win.ToTimerS/60,
		pair("cadence", b.CadenceSPM, s.CadenceSPM, "spm"), pair("ground contact", b.GCTms, s.GCTms, "ms"),
		clock(1000/b.SpeedMPS), clock(1000/s.SpeedMPS))
	if o := r.OnsetExtras; o != nil && !math.IsNaN(o.BalanceLeftPct) {
		line += fmt.Sprintf("; left foot %s %% of ground contact before onset, %s %% over the run",
			fixed(o.BalanceLeftPct, 1), fixed(r.Extras.BalanceLeftPct, 1))
	}
	return line
}

// verdictOrder lists causes from the best supported.
var verdictOrder = map[string]int{analysis.VerdictLikely: 0, analysis.VerdictPossible: 1, analysis.VerdictUnknown: 2, analysis.VerdictUnlikely: 3}

// adviceText ends the report: which causes fit, the FAQ that apply, what to
// try, when to see a doctor, and that runlog is not medical advice.
func adviceText(w io.Writer, adv *analysis.Advice, runs int, width int) {
	if len(adv.Causes) == 0 {
		return
	}
	if runs == 0 && !adv.SeeDoctor.Advised {
		fmt.Fprintf(w, "\n%s\n", wrapWords(adv.Disclaimer, 0, width, ""))
		return
	}
	// When no cause can be judged for one shared reason (no notes), say it
	// once instead of under every cause and every fix.
	shared := ""
	for i, c := range adv.Causes {
		if c.Verdict != analysis.VerdictUnknown || (i > 0 && c.Evidence[0] != shared) {
			shared = ""
			break
		}
		shared = c.Evidence[0]
	}
	if shared != "" {
		fmt.Fprintf(w, "\n%s\n", wrapWords("Which causes of numb feet fit your data: none can be judged yet: "+shared+".", 0, width, ""))
	} else {
		causes := append([]analysis.CauseVerdict(nil), adv.Causes...)
		sort.SliceStable(causes, func(i, j int) bool { return verdictOrder[causes[i].Verdict] < verdictOrder[causes[j].Verdict] })
		fmt.Fprintln(w, "\nWhich causes of numb feet fit your data:")
		printed := map[string]bool{}
		for _, c := range causes {
			fmt.Fprintln(w, wrapWords(fmt.Sprintf("  %-8s  %s", c.Verdict, c.Title), 0, width, strings.Repeat(" ", 12)))
			for _, e := range c.Evidence {
				if printed[e] {
					// A line shared by several causes (too few runs to
					// judge them) is printed once.
					head, _, _ := strings.Cut(e, ":")
					e = "as above: " + head
				}
				printed[e] = true
				fmt.Fprintln(w, "            - "+wrapWords(e, 14, width, strings.Repeat(" ", 14)))
			}
		}
	}
	for _, q := range adv.FAQ {
		if q.Applies {
			fmt.Fprintf(w, "\n%s\n  %s\n  %s\n", wrapWords(q.Question, 0, width, ""), wrapWords(q.Answer, 2, width, "  "),
				wrapWords("Your data: "+strings.Join(q.Evidence, "; ")+".", 2, width, "  "))
		}
	}
	if adv.LoggingGuide != "" {
		fmt.Fprintln(w, "\nHow to note numbness:")
		fmt.Fprintln(w, "  "+wrapWords(adv.LoggingGuide, 2, width, "  "))
	}
	if len(adv.Fixes) > 0 {
		fmt.Fprintln(w, "\nWhat to try (for the likely and possible causes):")
		for i, f := range adv.Fixes {
			prefix := fmt.Sprintf("  %d. ", i+1)
			fmt.Fprintln(w, prefix+wrapWords(f.Title+": "+f.How, len(prefix), width, "     "))
			fmt.Fprintln(w, "     "+wrapWords("why: "+strings.Join(f.Why, "; "), 5, width, "     "))
		}
	}
	if len(adv.Prevention) > 0 {
		fmt.Fprintln(w, "\nWhatever the cause:")
		for _, p := range adv.Prevention {
			fmt.Fprintln(w, "  - "+wrapWords(p.Title+": "+p.How, 4, width, "    "))
		}
	}
	fmt.Fprintln(w, "\nWhen to see a doctor:")
	for _, r := range adv.SeeDoctor.Reasons {
		fmt.Fprintln(w, "  - "+wrapWords(r, 4, width, "    "))
	}
	if adv.SeeDoctor.Advice != "" {
		fmt.Fprintln(w, "  "+wrapWords(adv.SeeDoctor.Advice, 2, width, "  "))
	}
	fmt.Fprintf(w, "\n%s\n", wrapWords(adv.Disclaimer, 0, width, ""))
}

// numbText is "yes", "no" (reported or counted clean) or missing.
func numbText(n *analysis.Numbness) string {
	switch n.Reported {
	case notes.Yes:
		if n.Foot != "" && n.Foot != "unknown" {
			return "yes, " + n.Foot
		}
		return "yes"
	case notes.No:
		return "no"
	}
	return missing
}

// notesText says what the notes gave.
func notesText(w io.Writer, res *analysis.Result, width int) {
	ns := res.Notes
	if !ns.Given {
		return
	}
	head := fmt.Sprintf("Notes: %s read, %d matched to runs", plural(ns.Read, "note", "notes"), ns.Matched)
	if len(ns.Files) > 0 {
		head += fmt.Sprintf(" (from %s)", Printable(strings.Join(ns.Files, ", ")))
	}
	if n := len(ns.Unmatched); n > 0 {
		head += fmt.Sprintf("; %d without a run:", n)
	}
	fmt.Fprintln(w, "\n"+wrapWords(head, 0, width, "  "))
	shown, more := unmatchedShown(&ns)
	for _, u := range shown {
		prefix := "  " + u.Date + "  "
		fmt.Fprintln(w, prefix+wrapWords(Printable(short(u.Text, 60))+" ("+u.Why+")", len(prefix), width, strings.Repeat(" ", len(prefix))))
	}
	if more != "" {
		fmt.Fprintln(w, "  "+wrapWords(more, 2, width, "  "))
	}
	unreadText(w, &ns, width)
	if n := len(ns.Warnings); n > 0 {
		fmt.Fprintf(w, "  %s about the notes on stderr.\n", plural(n, "warning", "warnings"))
	}
}

// maxUnmatchedShown is how many notes without a run the text, Markdown
// and HTML reports list: a journal of many years, given with a few runs,
// would otherwise print thousands of lines. The JSON lists every one.
const maxUnmatchedShown = 20

// unmatchedShown are the notes without a run a report lists, and what it
// says of the rest ("" when none is left out).
func unmatchedShown(ns *analysis.NotesSummary) ([]analysis.UnmatchedNote, string) {
	if n := len(ns.Unmatched); n > maxUnmatchedShown {
		return ns.Unmatched[:maxUnmatchedShown], fmt.Sprintf("… and %d more without a run (--format json lists every one).", n-maxUnmatchedShown)
	}
	return ns.Unmatched, ""
}

// unreadText lists the notes that were not read, with file:line and why,
// and how many runs each leaves unknown.
func unreadText(w io.Writer, ns *analysis.NotesSummary, width int) {
	if len(ns.Unread) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s:\n", unreadHead(ns))
	for _, u := range ns.Unread {
		where := analysis.NoteRef{File: u.File, Line: u.Line}.String()
		text := u.Reason
		if u.Runs > 0 {
			text += " (" + plural(u.Runs, "run", "runs") + " left unknown)"
		}
		prefix := "  " + where + "  "
		fmt.Fprintln(w, prefix+wrapWords(text, len(prefix), width, "    "))
	}
	fmt.Fprintln(w, "  "+wrapWords(unreadFix(ns), 2, width, "  "))
}

// unreadFix says what to do about the notes not read: fix the lines (and,
// for a date that reads day or month first, give --date-order), or for a
// whole file, what its line says.
func unreadFix(ns *analysis.NotesSummary) string {
	lines, dayOrMonth := false, false
	for _, u := range ns.Unread {
		lines = lines || u.Line > 0
		dayOrMonth = dayOrMonth || strings.Contains(u.Reason, "day or month first?")
	}
	switch {
	case dayOrMonth:
		return "Fix these lines (docs/notes.md); for dates that read day or month first, give --date-order dmy or mdy."
	case lines:
		return "Fix these lines (docs/notes.md)."
	}
	return "See why each file was not read, above (docs/notes.md)."
}

// comparisonLabels name the compared metrics for people, with units.
var comparisonLabels = map[string][2]string{
	"avg_cadence_spm":   {"cadence", "spm"},
	"avg_gct_ms":        {"ground contact", "ms"},
	"avg_step_length_m": {"step length", "m"},
	"avg_speed_mps":     {"pace", "/km"},
	"overstride_score":  {"overstride score", ""},
	// Speed-adjusted residuals: between-runner SDs from what the speed
	// calls for (negative: slower steps, longer contact).
	"overstride_cadence_z": {"cadence for the speed", "SD"},
	"overstride_gct_z":     {"contact for the speed", "SD"},
	"distance_m":           {"distance", "km"},
	"timer_s":              {"duration", ""},
}

// comparisonText sets numb runs against clean ones.
func comparisonText(w io.Writer, c *analysis.Comparison, width int) {
	if c == nil {
		return
	}
	fmt.Fprintf(w, "\nRuns with numbness against runs without (%d vs %d):\n", c.NumbRuns, c.CleanRuns)
	rows := comparisonRows(c)
	for i := range rows {
		rows[i][0] = Printable(rows[i][0]) // a shoe's name is the runner's
	}
	// Columns as a table, the meaning after them when it fits the width,
	// else on the lines below.
	var cols [3]int
	for _, r := range rows {
		for i := range cols {
			cols[i] = max(cols[i], len([]rune(r[i])))
		}
	}
	for _, r := range rows {
		line := "  "
		for i := range cols {
			line += r[i] + strings.Repeat(" ", cols[i]-len([]rune(r[i]))+2)
		}
		if r[3] == "" {
			fmt.Fprintln(w, strings.TrimRight(line, " "))
		} else if n := len([]rune(line)) + len([]rune(r[3])); n <= width {
			fmt.Fprintln(w, line+r[3])
		} else {
			fmt.Fprintln(w, strings.TrimRight(line, " "))
			fmt.Fprintln(w, "      "+wrapWords(r[3], 6, width, "      "))
		}
	}
	for _, s := range c.Caution {
		fmt.Fprintln(w, "  "+wrapWords("Note: "+s+".", 2, width, "    "))
	}
}

// comparisonRows are the comparison's lines for people: what is
// compared, the numb and clean figures with units, the p-value and what
// it means.
func comparisonRows(c *analysis.Comparison) [][4]string {
	var rows [][4]string // label, values, p, what it means
	for _, m := range c.Metrics {
		l := comparisonLabels[m.Metric]
		a, b := fixed(m.MeanNumb, 0), fixed(m.MeanClean, 0)
		switch m.Metric {
		case "avg_step_length_m":
			a, b = fixed(m.MeanNumb, 2), fixed(m.MeanClean, 2)
		case "distance_m":
			a, b = fixed(m.MeanNumb/1000, 2), fixed(m.MeanClean/1000, 2)
		case "timer_s":
			a, b = clock(m.MeanNumb), clock(m.MeanClean)
		case "avg_speed_mps":
			a, b = clock(1000/m.MeanNumb), clock(1000/m.MeanClean)
		case "overstride_cadence_z", "overstride_gct_z":
			a, b = fixed(m.MeanNumb, 1), fixed(m.MeanClean, 1)
		}
		values := strings.TrimSpace(fmt.Sprintf("%s vs %s %s", a, b, l[1]))
		if m.NNumb != c.NumbRuns || m.NClean != c.CleanRuns {
			// Not every run has this value: say over which runs, so the
			// row does not read as the heading's groups.
			values += fmt.Sprintf(" (%d vs %d runs)", m.NNumb, m.NClean)
		}
		rows = append(rows, [4]string{l[0], values, pText(m.PValue), m.Interpretation})
	}
	t := c.Treadmill
	rows = append(rows, [4]string{"on a treadmill", fmt.Sprintf("%d of %d vs %d of %d", t.NumbYes, t.NumbTotal, t.CleanYes, t.CleanTotal), pText(t.PValue), t.Interpretation})
	for _, sh := range c.Shoes {
		others := fmt.Sprintf("others: %d of %d", sh.OtherNumb, sh.OtherRs)
		if sh.OtherRs == 0 {
			others = "no run in another shoe"
		}
		rows = append(rows, [4]string{"shoe " + sh.Shoe, fmt.Sprintf("%d of %s numb (%s)", sh.NumbRuns, plural(sh.Runs, "run", "runs"), others), pText(sh.PValue), sh.Interpretation})
	}
	rows = append(rows, shoeAgeRows(c)...)
	return rows
}

func pText(p float64) string {
	if math.IsNaN(p) {
		return "p = -"
	}
	if p < 0.001 {
		return "p < 0.001"
	}
	return fmt.Sprintf("p = %.3f", p)
}

// short cuts s to n runes.
func short(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// levelText is the overstride level with its score, e.g. "high 62".
func levelText(o *analysis.Overstride) string {
	if o.Level == "" || o.Level == analysis.LevelUnknown {
		return analysis.LevelUnknown
	}
	return fmt.Sprintf("%s %.0f", o.Level, o.Score)
}

// Local times get a trailing space where UTC times have their "Z", so
// that every date is as wide and the text after it lines up.
func dateText(r *analysis.RunResult) string {
	t := r.LocalStart()
	if !r.HasUTCOffset {
		return t.UTC().Format("2006-01-02 15:04Z")
	}
	return t.Format("2006-01-02 15:04 ")
}

// fixed formats v with the given decimals, or missing for NaN.
func fixed(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return missing
	}
	s := fmt.Sprintf("%.*f", decimals, v)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-") // no "-0.0"
	}
	return s
}

// signed is fixed with a "+" before a positive value: a difference.
func signed(v float64, decimals int) string {
	s := fixed(v, decimals)
	if v > 0 && s != missing && strings.Trim(s, "0.") != "" {
		s = "+" + s
	}
	return s
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

// unreadHead is the heading of the notes that were not read, e.g. "Not read:
// 2 notes and 1 notes file; the runs they may be about count as unknown,
// not clean".
func unreadHead(ns *analysis.NotesSummary) string {
	files := 0
	for _, u := range ns.Unread {
		if u.Line == 0 {
			files++
		}
	}
	var what []string
	if ns.UnreadCount > 0 {
		what = append(what, plural(ns.UnreadCount, "note", "notes"))
	}
	if files > 0 {
		what = append(what, plural(files, "notes file", "notes files"))
	}
	return "Not read: " + strings.Join(what, " and ") + "; the runs they may be about count as unknown, not clean"
}
