package report

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/runlog/runlog/analysis"
)

// shoesView is the "Shoes" section (issue 14 point 6) as every format
// shows it: each pair's distance over the runs given, each run's shoe and
// the distance its pair had run before it, and numb against clean runs on
// new and worn pairs. Strings are raw: each renderer escapes them.
type shoesView struct {
	// NotRecorded replaces everything else when no run names its shoe:
	// why shoe mileage is not recorded.
	NotRecorded string
	Head        string
	Pairs       []shoePairRow
	Runs        []shoeRunRow
	Unnamed     string   // "3 runs name no shoe", "" when every run does
	Legend      string   // what the columns mean
	Age         []string // new and worn pairs against numbness
}

type shoePairRow struct {
	Shoe, Runs, Numb, CountedKm, NowKm, First, Last string
}

type shoeRunRow struct {
	Date, Shoe, KmBefore, Numb string
}

// shoeNameWidth is how many runes of a shoe's name the text tables show,
// so that they stay within 80 columns.
const shoeNameWidth = 20

// shortMiddle shortens s to n runes by leaving out its middle: a shoe's
// model number is at the end of its name ("Saucony End…n Speed 3"), so
// two models of one line stay apart.
func shortMiddle(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	head := (n - 1) / 2
	return string(r[:head]) + "…" + string(r[len(r)-(n-1-head):])
}

// newShoesView formats res.Shoes; nil without runs.
func newShoesView(res *analysis.Result) *shoesView {
	if len(res.Runs) == 0 {
		return nil
	}
	sh := &res.Shoes
	if sh.Named == 0 {
		return &shoesView{NotRecorded: "No run names its shoe (Strava's Activity Gear, a shoes column, " +
			`or "shoes: NAME" in a note), so the distance of each pair and shoe age against numbness are unknown.`}
	}
	v := &shoesView{Head: fmt.Sprintf("Shoes (km counted over the %s given, in date order):", plural(sh.Runs, "run", "runs"))}
	for i := range sh.Pairs {
		p := &sh.Pairs[i]
		now := fmt.Sprintf("%.0f", p.LastKm)
		if p.LastKmAtLeast {
			now = "≥ " + now
		}
		v.Pairs = append(v.Pairs, shoePairRow{Shoe: p.Label(sh.PairsOf(p.Shoe)), Runs: fmt.Sprint(p.Runs), Numb: fmt.Sprint(p.NumbRuns),
			CountedKm: fmt.Sprintf("%.1f", p.CountedKm), NowKm: now, First: p.First.Format("2006-01-02"), Last: p.Last.Format("2006-01-02")})
	}
	for i := range res.Runs {
		r := &res.Runs[i]
		if r.ShoeKmFrom == "" {
			continue
		}
		shoe := r.Gear
		if r.ShoePair > 0 {
			shoe = (&analysis.ShoePair{Shoe: r.Gear, Pair: r.ShoePair}).Label(sh.PairsOf(r.Gear))
		}
		v.Runs = append(v.Runs, shoeRunRow{Date: strings.TrimSpace(dateText(r)), Shoe: shoe, KmBefore: shoeKmText(r), Numb: numbText(&r.Numbness)})
	}
	if n := sh.Runs - sh.Named; n > 0 {
		v.Unnamed = plural(n, "run names no shoe: it is", "runs name no shoe: they are") + " not counted."
	}
	v.Legend = `km now: the pair's distance after its last run given; "≥" where what it ran before its first run ` +
		`given is unknown (runlog counts from 0 km when a note on or before a pair's first run says "new shoes", ` +
		`and from a distance a note gives, e.g. "420 km on them").`
	v.Age = append(v.Age,
		shoeAgeText(fmt.Sprintf("a pair's first %.0f km (new)", analysis.NewShoeKm), sh.New, sh.NewKnown, res.Comparison),
		shoeAgeText(fmt.Sprintf("a pair past %.0f km (worn)", analysis.WornShoeKm), sh.Worn, sh.WornKnown, res.Comparison))
	return v
}

// shoeAgeText sets numb against clean runs on one shoe age, or says why
// it cannot.
func shoeAgeText(what string, s *analysis.ShareComparison, known analysis.KnownRuns, c *analysis.Comparison) string {
	switch {
	case s != nil:
		// Counts that are not the comparison's whole groups say which runs
		// they count, as the verdicts do.
		group := func(n, all int, name string) string {
			g := plural(n, name+" run", name+" runs")
			if c != nil && n != all {
				g += " with their pair's distance known"
			}
			return g
		}
		var numbAll, cleanAll int
		if c != nil {
			numbAll, cleanAll = c.NumbRuns, c.CleanRuns
		}
		numb, clean := group(s.NumbTotal, numbAll, "numb"), group(s.CleanTotal, cleanAll, "clean")
		if math.IsNaN(s.PValue) {
			return fmt.Sprintf("Runs in %s: %d of %s, %d of %s: %s.", what, s.NumbYes, numb, s.CleanYes, clean, s.Interpretation)
		}
		return fmt.Sprintf("Runs in %s: %d of %s, %d of %s (Fisher %s): %s.",
			what, s.NumbYes, numb, s.CleanYes, clean, pText(s.PValue), s.Interpretation)
	case c == nil:
		return fmt.Sprintf("Runs in %s: not compared: the notes give no numb and clean runs to set against each other.", what)
	}
	return fmt.Sprintf("Runs in %s: unknown: it is known for %s and %s, and a comparison needs both.", what,
		plural(known.Numb, "numb run", "numb runs"), plural(known.Clean, "clean run", "clean runs"))
}

// shoeKmText is the distance a run's pair had run before it: "0 (new)",
// "312", "≥ 120" (a lower bound), "" when the shoe is unknown.
func shoeKmText(r *analysis.RunResult) string {
	if r.ShoeKmFrom == "" || math.IsNaN(r.ShoeKmBefore) {
		return ""
	}
	km := fmt.Sprintf("%.0f", r.ShoeKmBefore)
	switch {
	case r.ShoeKmFrom == analysis.ShoeKmFromRunsGiven:
		return "≥ " + km
	case r.ShoeKmFrom == analysis.ShoeKmFromNew && r.ShoeKmBefore == 0:
		return "0 (new)"
	}
	return km
}

// shoesText writes the Shoes section of the text report: each pair, then
// (with perRun) the km each run's pair had run before it, and how numbness
// goes with new and worn pairs. The weekly report leaves the per-run list
// out: its history can hold years of runs.
func shoesText(w io.Writer, res *analysis.Result, width int, perRun bool) {
	v := newShoesView(res)
	if v == nil {
		return
	}
	if v.NotRecorded != "" {
		fmt.Fprintln(w, "\n"+wrapWords("Shoes: not recorded. "+v.NotRecorded, 0, width, "  "))
		return
	}
	fmt.Fprintln(w, "\n"+v.Head)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "shoe\truns\tnumb\tkm counted\tkm now\tfirst run\tlast run\t")
	for _, p := range v.Pairs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", shortMiddle(Printable(p.Shoe), shoeNameWidth), p.Runs, p.Numb, p.CountedKm, p.NowKm, p.First, p.Last)
	}
	tw.Flush()
	fmt.Fprintln(w, "  "+wrapWords(v.Legend, 2, width, "  "))
	if perRun {
		fmt.Fprintln(w, "  Per run, the km its pair had run before it:")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		for _, r := range v.Runs {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t\n", r.Date, shortMiddle(Printable(r.Shoe), shoeNameWidth), r.KmBefore, r.Numb)
		}
		tw.Flush()
	}
	if v.Unnamed != "" {
		fmt.Fprintln(w, "  "+wrapWords(v.Unnamed, 2, width, "  "))
	}
	for _, a := range v.Age {
		fmt.Fprintln(w, "  "+wrapWords(a, 2, width, "    "))
	}
}

// shoeAgeRows are the comparison table's rows for new and worn pairs,
// where they are known.
func shoeAgeRows(c *analysis.Comparison) [][4]string {
	var rows [][4]string
	for _, a := range []struct {
		label string
		s     *analysis.ShareComparison
	}{{fmt.Sprintf("shoes under %.0f km", analysis.NewShoeKm), c.NewShoes}, {fmt.Sprintf("shoes past %.0f km", analysis.WornShoeKm), c.WornShoes}} {
		if s := a.s; s != nil {
			rows = append(rows, [4]string{a.label, fmt.Sprintf("%d of %d vs %d of %d", s.NumbYes, s.NumbTotal, s.CleanYes, s.CleanTotal), pText(s.PValue), s.Interpretation})
		}
	}
	return rows
}

// mdShoes writes the Shoes section as Markdown; nothing without runs.
func mdShoes(w io.Writer, v *shoesView) {
	if v == nil {
		return
	}
	fmt.Fprint(w, "\n## Shoes\n\n")
	if v.NotRecorded != "" {
		mdLine(w, "", md("Not recorded. "+v.NotRecorded))
		return
	}
	mdLine(w, "", md(v.Head))
	fmt.Fprintln(w)
	mdTable(w, []string{"shoe", "runs", "numb", "km counted", "km now", "first run", "last run"}, "lrrrrll", len(v.Pairs), func(i int) []string {
		p := v.Pairs[i]
		return []string{p.Shoe, p.Runs, p.Numb, p.CountedKm, p.NowKm, p.First, p.Last}
	})
	fmt.Fprintln(w)
	mdLine(w, "", md(v.Legend))
	fmt.Fprintln(w)
	mdTable(w, []string{"date", "shoe", "km before the run", "numb"}, "llrl", len(v.Runs), func(i int) []string {
		r := v.Runs[i]
		return []string{r.Date, r.Shoe, r.KmBefore, r.Numb}
	})
	fmt.Fprintln(w)
	if v.Unnamed != "" {
		mdLine(w, "", md(v.Unnamed))
		fmt.Fprintln(w)
	}
	for i, a := range v.Age {
		if i > 0 {
			fmt.Fprintln(w)
		}
		mdLine(w, "", md(a))
	}
}
