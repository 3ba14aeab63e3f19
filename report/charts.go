package report

import (
	"bytes"
	"fmt"
	"html"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/runlog/runlog/analysis"
	"github.com/runlog/runlog/analysis/notes"
)

// Chart colours. The HTML page's own CSS uses none of them, so a test can
// find the charts in a screenshot by these colours alone.
var (
	colNumb    = color.RGBA{R: 0xc0, G: 0x39, B: 0x2b, A: 0xff} // numb runs, the onset line
	colClean   = color.RGBA{R: 0x1f, G: 0x6f, B: 0xb4, A: 0xff} // clean runs, cadence
	colUnknown = color.RGBA{R: 0x8c, G: 0x8c, B: 0x8c, A: 0xff} // runs whose numbness is unknown
	colContact = color.RGBA{R: 0x2e, G: 0x8b, B: 0x57, A: 0xff} // contact time
	colNorm    = color.RGBA{R: 0x33, G: 0x33, B: 0x33, A: 0xff} // the population norm
	colSplit   = color.RGBA{R: 0xbb, G: 0xbb, B: 0xbb, A: 0xff} // km marks
)

// chart is one figure of the HTML report: an inline SVG drawn from
// runlog's own numbers (every label is a number or a fixed word, and
// vgsvg escapes text besides), and the same content in words.
type chart struct {
	ID      string
	Title   string
	SVG     string // <svg>…</svg>, role="img" with Alt as its aria-label
	Alt     string // what the chart shows, in words, with the numbers
	WidthPt float64
}

// chartWidth and panelHeight are the size of a chart and of one of its
// panels in points (1 pt = 4/3 CSS px).
const (
	chartWidth  = 540
	panelHeight = 190
)

// renderPanels draws plots one above the other into one SVG.
func renderPanels(alt string, plots ...*plot.Plot) (string, error) {
	h := vg.Length(panelHeight * len(plots))
	c := vgsvg.New(vg.Points(chartWidth), h)
	dc := draw.New(c)
	tiles := draw.Tiles{Rows: len(plots), Cols: 1, PadY: vg.Points(4)}
	for i, p := range plots {
		p.Draw(tiles.At(dc, 0, i))
	}
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return "", err
	}
	s := buf.String()
	// Inline SVG needs no XML declaration or generator comment.
	i := strings.Index(s, "<svg")
	if i < 0 {
		return "", fmt.Errorf("vgsvg wrote no <svg> element")
	}
	s = s[i:]
	s = `<svg role="img" aria-label="` + html.EscapeString(alt) + `"` + s[len("<svg"):]
	return s, nil
}

// newPlot is a plot with runlog's fonts and a light grid.
func newPlot(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	p.Title.TextStyle.Font.Size = vg.Points(11)
	p.X.Label.TextStyle.Font.Size = vg.Points(9)
	p.Y.Label.TextStyle.Font.Size = vg.Points(9)
	p.Add(plotter.NewGrid())
	p.Legend.Top = true
	p.Legend.TextStyle.Font.Size = vg.Points(8)
	// Liberation Sans is metric-compatible with Arial, which the page's
	// CSS falls back to where Liberation is not installed, so labels keep
	// the width gonum measured them at.
	for _, f := range []*font.Font{&p.Title.TextStyle.Font, &p.X.Label.TextStyle.Font, &p.Y.Label.TextStyle.Font,
		&p.X.Tick.Label.Font, &p.Y.Tick.Label.Font, &p.Legend.TextStyle.Font} {
		f.Variant = "Sans"
	}
	return p
}

// vline is a vertical line at x over the y range [lo, hi].
func vline(x, lo, hi float64, c color.Color, dashed bool, width vg.Length) (*plotter.Line, error) {
	l, err := plotter.NewLine(plotter.XYs{{X: x, Y: lo}, {X: x, Y: hi}})
	if err != nil {
		return nil, err
	}
	l.Color = c
	l.Width = width
	if dashed {
		l.Dashes = []vg.Length{vg.Points(3), vg.Points(3)}
	}
	return l, nil
}

// runChart draws a numb run along its timer time from its 30-s bins:
// cadence above, contact time below, km marks in grey and the onset in
// red.
func runChart(r *analysis.RunResult, idx int) (*chart, error) {
	date := strings.TrimSpace(dateText(r))
	var cad, gct plotter.XYs
	for i := range r.Measure.Bins {
		b := &r.Measure.Bins[i]
		f := b.Form()
		x := b.EndTimerS / 60
		if !math.IsNaN(f.CadenceSPM) {
			cad = append(cad, plotter.XY{X: x, Y: f.CadenceSPM})
		}
		if !math.IsNaN(f.GCTms) {
			gct = append(gct, plotter.XY{X: x, Y: f.GCTms})
		}
	}
	if len(cad) == 0 && len(gct) == 0 {
		return nil, nil
	}
	onsetMin := math.NaN()
	if t := r.Numbness.OnsetTimerS; !math.IsNaN(t) {
		onsetMin = t / 60
	}
	var kms []float64
	for _, sp := range r.Measure.Splits {
		if t := r.Measure.TimerAtDistance(float64(sp.Km) * 1000); !math.IsNaN(t) {
			kms = append(kms, t/60)
		}
	}
	panel := func(title, yLabel string, pts plotter.XYs, c color.Color, name string) (*plot.Plot, error) {
		p := newPlot(title, "timer time (min)", yLabel)
		if len(pts) == 0 {
			return p, nil
		}
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, q := range pts {
			lo, hi = math.Min(lo, q.Y), math.Max(hi, q.Y)
		}
		// Whole tens bound the axis, so that its ticks are whole numbers.
		pad := math.Max(5, (hi-lo)*0.15)
		// Room above the line for the legend.
		lo, hi = math.Floor((lo-pad)/10)*10, math.Ceil((hi+3*pad)/10)*10
		p.Y.Min, p.Y.Max = lo, hi
		for _, k := range kms {
			l, err := vline(k, lo, hi, colSplit, true, vg.Points(0.7))
			if err != nil {
				return nil, err
			}
			p.Add(l)
		}
		l, err := plotter.NewLine(pts)
		if err != nil {
			return nil, err
		}
		l.Color, l.Width = c, vg.Points(1.5)
		p.Add(l)
		p.Legend.Add(name, l)
		if len(kms) > 0 {
			k, _ := vline(kms[0], lo, hi, colSplit, true, vg.Points(0.7))
			p.Legend.Add("km mark", k)
		}
		if !math.IsNaN(onsetMin) {
			o, err := vline(onsetMin, lo, hi, colNumb, false, vg.Points(2))
			if err != nil {
				return nil, err
			}
			p.Add(o)
			p.Legend.Add("numbness began", o)
		}
		return p, nil
	}
	p1, err := panel("Cadence along the run, "+date, "cadence (spm)", cad, colClean, "cadence, 30-s means")
	if err != nil {
		return nil, err
	}
	p2, err := panel("Ground-contact time along the run, "+date, "contact (ms)", gct, colContact, "contact time, 30-s means")
	if err != nil {
		return nil, err
	}
	alt := fmt.Sprintf("Run of %s, %s km in %s timer time: cadence %s and ground-contact time %s in 30-second means.",
		date, fixed(r.DistanceM/1000, 2), clock(r.TimerS), seriesRange(cad, "spm"), seriesRange(gct, "ms"))
	if !math.IsNaN(onsetMin) {
		alt += fmt.Sprintf(" Numbness began at minute %.0f", onsetMin)
		if k := r.OnsetKmIndex(); k > 0 {
			alt += fmt.Sprintf(" (km %d)", k)
		}
		alt += "."
	} else {
		alt += " The notes give no onset."
	}
	if len(kms) > 0 {
		alt += fmt.Sprintf(" Grey dashed lines mark each of the %d kilometres.", len(kms))
	}
	svg, err := renderPanels(alt, p1, p2)
	if err != nil {
		return nil, err
	}
	return &chart{ID: fmt.Sprintf("run-%d", idx+1), Title: "Cadence and contact time along the run of " + date + " " + numbDetail(r),
		SVG: svg, Alt: alt, WidthPt: chartWidth}, nil
}

// seriesRange says "from 148 to 152 spm", or "not recorded".
func seriesRange(pts plotter.XYs, unit string) string {
	if len(pts) == 0 {
		return "not recorded"
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, q := range pts {
		lo, hi = math.Min(lo, q.Y), math.Max(hi, q.Y)
	}
	if fixed(lo, 0) == fixed(hi, 0) {
		return "steady at " + fixed(lo, 0) + " " + unit
	}
	return "from " + fixed(lo, 0) + " to " + fixed(hi, 0) + " " + unit
}

// runClass sorts a run for the speed chart: numb, clean or unknown.
func runClass(r *analysis.RunResult) string {
	switch r.Numbness.Reported {
	case notes.Yes:
		return "numb"
	case notes.No:
		return "clean"
	}
	return "unknown"
}

// speedChart sets every run's cadence and contact time against its
// running speed, numb and clean runs in different marks, with the
// population's typical cadence and contact time at each speed.
func speedChart(runs []analysis.RunResult) (*chart, error) {
	type group struct {
		name   string
		c      color.Color
		shape  draw.GlyphDrawer
		cad    plotter.XYs
		gct    plotter.XYs
		counts int
	}
	groups := []*group{
		{name: "numb runs", c: colNumb, shape: draw.PyramidGlyph{}},
		{name: "clean runs", c: colClean, shape: draw.CircleGlyph{}},
		{name: "numbness unknown", c: colUnknown, shape: draw.CrossGlyph{}},
	}
	byClass := map[string]*group{"numb": groups[0], "clean": groups[1], "unknown": groups[2]}
	minV, maxV := math.Inf(1), math.Inf(-1)
	for i := range runs {
		r := &runs[i]
		f := r.Form()
		v := f.SpeedMPS
		if !(v > 0) {
			continue
		}
		g := byClass[runClass(r)]
		g.counts++
		x := v * 3.6
		if !math.IsNaN(f.CadenceSPM) {
			g.cad = append(g.cad, plotter.XY{X: x, Y: f.CadenceSPM})
		}
		if !math.IsNaN(f.GCTms) {
			g.gct = append(g.gct, plotter.XY{X: x, Y: f.GCTms})
		}
		minV, maxV = math.Min(minV, v), math.Max(maxV, v)
	}
	if math.IsInf(minV, 1) {
		return nil, nil
	}
	lo, hi := minV-0.3, maxV+0.3
	norm := func(f func(v float64) float64) plotter.XYs {
		var pts plotter.XYs
		for i := 0; i <= 20; i++ {
			v := lo + (hi-lo)*float64(i)/20
			pts = append(pts, plotter.XY{X: v * 3.6, Y: f(v)})
		}
		return pts
	}
	panel := func(title, yLabel string, pick func(*group) plotter.XYs, normPts plotter.XYs) (*plot.Plot, error) {
		p := newPlot(title, "running speed (km/h)", yLabel)
		p.X.Min, p.X.Max = lo*3.6, hi*3.6
		// The y range holds the marks and the norm, with room above
		// them for the legend.
		ylo, yhi := math.Inf(1), math.Inf(-1)
		for _, pts := range []plotter.XYs{normPts, pick(groups[0]), pick(groups[1]), pick(groups[2])} {
			for _, q := range pts {
				ylo, yhi = math.Min(ylo, q.Y), math.Max(yhi, q.Y)
			}
		}
		pad := math.Max(5, (yhi-ylo)*0.1)
		p.Y.Min, p.Y.Max = math.Floor((ylo-pad)/10)*10, math.Ceil((yhi+4*pad)/10)*10
		l, err := plotter.NewLine(normPts)
		if err != nil {
			return nil, err
		}
		l.Color, l.Width, l.Dashes = colNorm, vg.Points(1), []vg.Length{vg.Points(4), vg.Points(2)}
		p.Add(l)
		p.Legend.Add("typical at that speed", l)
		for _, g := range groups {
			pts := pick(g)
			if len(pts) == 0 {
				continue
			}
			s, err := plotter.NewScatter(pts)
			if err != nil {
				return nil, err
			}
			s.GlyphStyle = draw.GlyphStyle{Color: g.c, Radius: vg.Points(4.5), Shape: g.shape}
			p.Add(s)
			p.Legend.Add(g.name, s)
		}
		return p, nil
	}
	p1, err := panel("Cadence against speed, one mark per run", "cadence (spm)", func(g *group) plotter.XYs { return g.cad },
		norm(func(v float64) float64 { return analysis.PopulationCadenceSPM(v, math.NaN()) }))
	if err != nil {
		return nil, err
	}
	p2, err := panel("Ground-contact time against speed, one mark per run", "contact (ms)", func(g *group) plotter.XYs { return g.gct },
		norm(analysis.PopulationGCTms))
	if err != nil {
		return nil, err
	}
	var parts []string
	for _, g := range groups {
		if g.counts == 0 {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s: %s, cadence %s, contact %s", g.name, plural(g.counts, "run", "runs"),
			meanText(g.cad, "spm"), meanText(g.gct, "ms")))
	}
	alt := fmt.Sprintf("Each run's running cadence and ground-contact time against its running speed (%s to %s km/h), "+
		"with the dashed line typical of recreational runners at each speed (cadence about 150 + 6 per m/s: %s spm at %s km/h). %s.",
		fixed(minV*3.6, 1), fixed(maxV*3.6, 1), fixed(analysis.PopulationCadenceSPM(minV, math.NaN()), 0), fixed(minV*3.6, 1),
		strings.Join(parts, "; "))
	svg, err := renderPanels(alt, p1, p2)
	if err != nil {
		return nil, err
	}
	return &chart{ID: "speed", Title: "Numb against clean runs: cadence and contact time against speed", SVG: svg, Alt: alt, WidthPt: chartWidth}, nil
}

// meanText is "mean 160 spm" over pts, or "not recorded".
func meanText(pts plotter.XYs, unit string) string {
	if len(pts) == 0 {
		return "not recorded"
	}
	s := 0.0
	for _, q := range pts {
		s += q.Y
	}
	return "mean " + fixed(s/float64(len(pts)), 0) + " " + unit
}

// weeksChart shows each ISO week: runs and numb runs as bars, the mean
// overstride score below.
func weeksChart(weeks []analysis.Week) (*chart, error) {
	if len(weeks) == 0 {
		return nil, nil
	}
	names := make([]string, len(weeks))
	var runs, numb, score plotter.Values
	maxRuns := 0
	for i, w := range weeks {
		names[i] = fmt.Sprintf("%d-W%02d", w.Year, w.Week)
		runs = append(runs, float64(w.Runs))
		numb = append(numb, float64(w.NumbRuns))
		s := w.MeanOverstrideScore
		if math.IsNaN(s) {
			s = 0
		}
		score = append(score, s)
		maxRuns = max(maxRuns, w.Runs)
	}
	barW := vg.Points(math.Min(40, 360/float64(len(weeks))/2))
	p1 := newPlot("Runs and numb runs per week", "ISO week", "runs")
	p1.NominalX(names...)
	b1, err := plotter.NewBarChart(runs, barW)
	if err != nil {
		return nil, err
	}
	b1.Color, b1.LineStyle.Width, b1.Offset = colClean, 0, -barW/2
	b2, err := plotter.NewBarChart(numb, barW)
	if err != nil {
		return nil, err
	}
	b2.Color, b2.LineStyle.Width, b2.Offset = colNumb, 0, barW/2
	p1.Add(b1, b2)
	p1.Legend.Add("runs", b1)
	p1.Legend.Add("numb runs", b2)
	p1.Y.Min, p1.Y.Max = 0, float64(maxRuns)+1
	p1.Y.Tick.Marker = plot.TickerFunc(func(min, max float64) []plot.Tick {
		var t []plot.Tick
		for v := 0.0; v <= max; v++ {
			t = append(t, plot.Tick{Value: v, Label: fmt.Sprint(v)})
		}
		return t
	})
	p2 := newPlot("Mean overstride score per week", "ISO week", "score (0-100)")
	p2.NominalX(names...)
	b3, err := plotter.NewBarChart(score, barW)
	if err != nil {
		return nil, err
	}
	b3.Color, b3.LineStyle.Width = colUnknown, 0
	p2.Add(b3)
	p2.Y.Min, p2.Y.Max = 0, 100
	var parts []string
	for i, w := range weeks {
		s := "no score"
		if !math.IsNaN(w.MeanOverstrideScore) {
			s = "mean overstride score " + fixed(w.MeanOverstrideScore, 0)
		}
		parts = append(parts, fmt.Sprintf("%s: %s, %d numb, %s", names[i], plural(w.Runs, "run", "runs"), w.NumbRuns, s))
	}
	alt := "Runs, numb runs and the mean overstride score (0 to 100) per ISO week. " + strings.Join(parts, "; ") + "."
	svg, err := renderPanels(alt, p1, p2)
	if err != nil {
		return nil, err
	}
	return &chart{ID: "weeks", Title: "The weeks: runs, numb runs and overstriding", SVG: svg, Alt: alt, WidthPt: chartWidth}, nil
}
