package report

import (
	_ "embed"
	"html/template"
	"io"

	"github.com/runlog/runlog/analysis"
)

//go:embed report.html.tmpl
var htmlTemplate string

// page is what the HTML template shows: the report's view and its charts.
type page struct {
	*view
	Weeks  *chartHTML
	Speed  *chartHTML
	PerRun []*chartHTML
}

// chartHTML is a chart ready for the template: its SVG is trusted markup,
// drawn by gonum/plot from runlog's numbers, its text is escaped by the
// template like every other string.
type chartHTML struct {
	ID, Title, Alt string
	SVG            template.HTML
}

var pageTemplate = template.Must(template.New("report").Parse(htmlTemplate))

// HTML writes res as one self-contained page: inline CSS and SVG charts,
// no script, nothing fetched from the network. html/template escapes
// every string from the runner's files (notes, shoes, file names).
func HTML(w io.Writer, res *analysis.Result) error {
	pg := page{view: newView(res)}
	wrap := func(c *chart, err error) (*chartHTML, error) {
		if err != nil || c == nil {
			return nil, err
		}
		// The SVG comes from renderPanels over our own numbers; vgsvg
		// escapes its text too (html.EscapeString).
		return &chartHTML{ID: c.ID, Title: c.Title, Alt: c.Alt, SVG: template.HTML(c.SVG)}, nil
	}
	var err error
	if pg.Weeks, err = wrap(weeksChart(analysis.Weeks(res.Runs))); err != nil {
		return err
	}
	if pg.Speed, err = wrap(speedChart(res.Runs)); err != nil {
		return err
	}
	for i := range res.Runs {
		r := &res.Runs[i]
		if runClass(r) != "numb" {
			continue
		}
		c, err := wrap(runChart(r, i))
		if err != nil {
			return err
		}
		if c != nil {
			pg.PerRun = append(pg.PerRun, c)
		}
	}
	ew := &errWriter{w: w}
	if err := pageTemplate.Execute(ew, &pg); err != nil {
		return err
	}
	return ew.err
}
