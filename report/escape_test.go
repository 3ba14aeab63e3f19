package report

import (
	"bytes"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/runlog/runlog/analysis"
	"github.com/runlog/runlog/analysis/notes"
)

// hostile is a result whose file name, shoe and notes carry HTML, quotes,
// table pipes, a heading and a code span.
func hostile() analysis.Result {
	res := sampleResult()
	r := &res.Runs[0]
	r.Source = `runs/a<script>"f"|x.fit`
	r.Gear = `Pegasus "40" | <script>alert('g')</script>`
	r.Numbness = analysis.Numbness{Reported: notes.Yes, Foot: "left", OnsetKm: 1, OnsetMin: math.NaN(), OnsetTimerS: 300,
		Notes: []analysis.MatchedNote{{File: "n.md", Line: 1, Text: "# numb `code` <script>alert(\"n\")</script> | cell & more\nsecond line"}}}
	r.Measure.Splits = []analysis.Split{{Km: 1, DistanceM: 1000, Form: analysis.Form{SpeedMPS: 3.4, CadenceSPM: 171, GCTms: 250}}}
	res.Notes = analysis.NotesSummary{Given: true, Read: 2, Matched: 1, Files: []string{`notes|<b>.md`},
		Unmatched: []analysis.UnmatchedNote{{Date: "2026-11-21", Text: `- <img src=x onerror="alert(1)"> | [link](http://x)`, Why: "no run on that date"}}}
	return res
}

func TestMarkdownEscapesUserText(t *testing.T) {
	res := hostile()
	var buf bytes.Buffer
	if err := Markdown(&buf, &res); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<script>", "<img", "`code`", "](http", "\n# numb", "<b>"} {
		if regexp.MustCompile(`(^|[^\\])` + regexp.QuoteMeta(bad)).MatchString(out) {
			t.Errorf("markdown holds %q unescaped:\n%s", bad, out)
		}
	}
	for _, want := range []string{`a\<script\>"f"\|x.fit`, `Pegasus "40" \| \<script\>`, "\\# numb \\`code\\`", `second line`} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
	// Every table row has as many unescaped pipes as its heading.
	unescaped := regexp.MustCompile(`(^|[^\\])\|`)
	cols := 0
	for _, l := range strings.Split(out, "\n") {
		if !strings.HasPrefix(l, "|") {
			cols = 0
			continue
		}
		n := len(unescaped.FindAllString(l, -1))
		if cols == 0 {
			cols = n
		} else if n != cols && !strings.HasPrefix(l, "|-") {
			t.Errorf("table row with %d cell borders, its heading %d: %q", n, cols, l)
		}
	}
}

func TestHTMLEscapesUserText(t *testing.T) {
	res := hostile()
	var buf bytes.Buffer
	if err := HTML(&buf, &res); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	low := strings.ToLower(out)
	for _, bad := range []string{"<script", "<img", "onerror=\"", "<b>.md", "javascript:"} {
		if strings.Contains(low, bad) {
			t.Errorf("html holds %q unescaped", bad)
		}
	}
	for _, want := range []string{"a&lt;script&gt;&#34;f&#34;|x.fit", "Pegasus &#34;40&#34; | &lt;script&gt;", "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;"} {
		if !strings.Contains(out, want) {
			t.Errorf("html lacks %q", want)
		}
	}
	// The charts carry no user text at all: only numbers and fixed words.
	for _, svg := range regexp.MustCompile(`(?s)<svg.*?</svg>`).FindAllString(out, -1) {
		if strings.Contains(svg, "Pegasus") || strings.Contains(svg, "script") || strings.Contains(svg, "x.fit") {
			t.Errorf("a chart carries user text")
		}
	}
}
