package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/runlog/runlog/analysis"
)

// Markdown writes res as Markdown: headings, tables and lists that read as
// plain text in a mail and render on any forge. Every string is escaped
// for Markdown (md), so a note, a shoe or a file name cannot open a
// heading, a link, a table cell or a code span.
func Markdown(w io.Writer, res *analysis.Result) error {
	ew := &errWriter{w: w}
	v := newView(res)
	p := func(format string, a ...any) { fmt.Fprintf(ew, format, a...) }
	p("# runlog report\n\n")
	if d := v.Doctor; d != nil && d.Banner != "" {
		p("> **%s**\n\n", md(d.Banner))
	}
	if len(v.Runs) == 0 {
		p("No runs found.\n")
	} else {
		p("## Runs\n\n")
		mdTable(ew, []string{"date", "kind", "km", "timer", "running", "pace/km", "numb", "shoe", "file"}, "llrrrrlll", len(v.Runs), func(i int) []string {
			r := v.Runs[i]
			return []string{r.Date, r.Kind, r.Km, r.Timer, r.Running, r.Pace, r.Numb, dash(r.Shoe), r.File}
		})
		p("\n## Running form\n\n")
		mdTable(ew, []string{"date", "spm", "contact ms", "osc mm", "step m", "overstride", "worst km"}, "lrrrrlr", len(v.Runs), func(i int) []string {
			r := v.Runs[i]
			return []string{r.Date, r.SPM, r.GCT, r.VO, r.Step, r.Overstride, r.Worst}
		})
		p("\n")
		mdLine(ew, "", md(v.Legend))
		if v.UTCNote {
			p("\nA time ending in Z is UTC: the file does not say which time zone the run was in.\n")
		}
		if x := v.Extras; x != nil && len(x.Rows) > 0 {
			p("\n## What else the watch recorded\n\n")
			mdTable(ew, []string{"date", "left %", "downhill %", "descent spm", "descent ms", "temp °C", "altitude"}, "lrrrrrl", len(x.Rows), func(i int) []string {
				r := x.Rows[i]
				return []string{r.Date, r.Balance, r.Downhill, r.DescentSPM, r.DescentMS, r.Temp, r.Altitude}
			})
			p("\n")
			mdLine(ew, "", md(x.Legend))
		}
		mdLabelled(ew, "Where the watch's own figure differs (its averages count all timer time)", v.Watch)
		mdLabelled(ew, "Why (the main reason per run)", v.Why)
		mdLabelled(ew, "Before numbness began (the 10 minutes before onset against the run's first 10)", v.Onset)
		if len(v.Splits) > 0 {
			p("\n## Numb runs, km by km (running time only)\n")
			for _, st := range v.Splits {
				p("\n### %s %s\n\n", md(st.Date), md(st.Detail))
				for _, n := range st.Notes {
					mdLine(ew, "- ", "note: "+md(n))
				}
				if len(st.Notes) > 0 {
					p("\n")
				}
				head, align := []string{"km", "pace/km", "spm", "contact ms", "score", "numbness"}, "rrrrrl"
				if st.HasBalance {
					head, align = []string{"km", "pace/km", "spm", "contact ms", "left %", "score", "numbness"}, "rrrrrrl"
				}
				mdTable(ew, head, align, len(st.Rows), func(i int) []string {
					r := st.Rows[i]
					mark := ""
					if r.Onset {
						mark = "numb from here"
					}
					if st.HasBalance {
						return []string{r.Km, r.Pace, r.SPM, r.GCT, r.Left, r.Score, mark}
					}
					return []string{r.Km, r.Pace, r.SPM, r.GCT, r.Score, mark}
				})
			}
		}
	}
	mdLabelled(ew, "Read with care: what runlog could not read as usual", v.Problems)
	if n := v.Notes; n != nil {
		p("\n## Notes\n\n")
		head := md(n.Head)
		if len(n.Files) > 0 {
			files := make([]string, len(n.Files))
			for i, f := range n.Files {
				files[i] = md(f)
			}
			head += " (from " + strings.Join(files, ", ") + ")"
		}
		mdLine(ew, "", head+".")
		if len(n.Unmatched) > 0 {
			p("\nWithout a run:\n\n")
			for _, u := range n.Unmatched {
				if u.Label == "" { // "… and N more"
					mdLine(ew, "- ", md(u.Text))
					continue
				}
				mdLine(ew, "- ", "**"+md(u.Label)+"** "+md(u.Text))
			}
		}
		if n.UnreadHead != "" {
			p("\n%s:\n\n", md(n.UnreadHead))
			for _, u := range n.Unread {
				mdLine(ew, "- ", "**"+md(u.Label)+"** "+md(u.Text))
			}
			p("\n")
			mdLine(ew, "", md(n.UnreadFix))
		}
		if n.Warnings != "" {
			p("\n")
			mdLine(ew, "", md(n.Warnings))
		}
	}
	mdShoes(ew, v.Shoes)
	if c := v.Comparison; c != nil {
		p("\n## %s\n\n", md(c.Head))
		mdTable(ew, []string{"measure", "numb vs clean", "p", "what it means"}, "llll", len(c.Rows), func(i int) []string { return c.Rows[i][:] })
		for _, s := range c.Caution {
			p("\n")
			mdLine(ew, "", "Note: "+md(s)+".")
		}
	}
	if x := v.Extras; x != nil {
		items := make([]labelled, len(x.WhatElse))
		for i, it := range x.WhatElse {
			items[i] = labelled{it.Label + ":", it.Text} // "Temperature: not recorded", as in the text report
		}
		mdLabelled(ew, "What else the watch shows (against the numb runs)", items)
	}
	if a := v.Advice; a != nil {
		p("\n## Which causes of numb feet fit your data\n\n")
		if a.Shared != "" {
			mdLine(ew, "", md(a.Shared))
		}
		for _, c := range a.Causes {
			mdLine(ew, "- ", "**"+md(c.Verdict)+"**: "+md(c.Title))
			for _, e := range c.Evidence {
				mdLine(ew, "  - ", md(e))
			}
		}
		for _, q := range a.FAQ {
			p("\n### %s\n\n", md(q.Question))
			mdLine(ew, "", md(q.Answer))
			p("\n")
			mdLine(ew, "", md(q.Data))
		}
		if a.LoggingGuide != "" {
			p("\n## How to note numbness\n\n")
			mdLine(ew, "", md(a.LoggingGuide))
		}
		if len(a.Fixes) > 0 {
			p("\n## What to try (for the likely and possible causes)\n\n")
			for i, f := range a.Fixes {
				if i > 0 {
					p("\n")
				}
				mdLine(ew, fmt.Sprintf("%d. ", i+1), "**"+md(f.Title)+"**: "+md(f.How))
				p("\n")
				mdLine(ew, "   ", "*"+md(f.Why)+"*")
			}
		}
		if len(a.Prevention) > 0 {
			p("\n## Whatever the cause\n\n")
			for _, f := range a.Prevention {
				mdLine(ew, "- ", "**"+md(f.Title)+"**: "+md(f.How))
			}
		}
		p("\n## When to see a doctor\n\n")
		for _, r := range a.Doctor {
			mdLine(ew, "- ", md(r))
		}
		if a.DoctorAdvice != "" {
			p("\n")
			mdLine(ew, "", md(a.DoctorAdvice))
		}
	}
	if v.Disclaimer != "" {
		p("\n")
		mdLine(ew, "", "*"+md(v.Disclaimer)+"*")
	}
	if v.Tail != "" {
		p("\n")
		mdLine(ew, "", md(v.Tail))
	}
	return ew.err
}

// mdWidth is where Markdown prose wraps, so that it reads in a mail as
// plain text; tables are not wrapped (a row is one line).
const mdWidth = 100

// mdLine writes prefix and the escaped text wrapped to mdWidth, lines
// after the first indented as deep as the prefix (a list item's lazy
// continuation). A word that would start a list or a heading at the start
// of a wrapped line gets a backslash.
func mdLine(w io.Writer, prefix, escaped string) {
	indent := strings.Repeat(" ", len([]rune(prefix)))
	lines := strings.Split(wrapWords(escaped, len([]rune(prefix)), mdWidth, indent), "\n")
	for i := 1; i < len(lines); i++ {
		word, _, _ := strings.Cut(strings.TrimLeft(lines[i], " "), " ")
		if word == "-" || word == "+" || word == "=" || strings.HasPrefix(word, "#") || strings.HasPrefix(word, ">") ||
			len(word) > 1 && allDigits(word[:len(word)-1]) && strings.ContainsRune(".)", rune(word[len(word)-1])) {
			lines[i] = indent + "\\" + strings.TrimLeft(lines[i], " ")
		}
	}
	fmt.Fprintln(w, prefix+strings.Join(lines, "\n"))
}

// mdLabelled writes a section of labelled lines as a list; nothing when
// there are none.
func mdLabelled(w io.Writer, head string, items []labelled) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(w, "\n## %s\n\n", md(head))
	for _, it := range items {
		mdLine(w, "- ", "**"+md(it.Label)+"** "+md(it.Text))
	}
}

// mdTable writes a table; align holds one letter a column, l or r.
func mdTable(w io.Writer, head []string, align string, n int, row func(int) []string) {
	cells := func(c []string) {
		for i := range c {
			c[i] = md(c[i])
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(c, " | "))
	}
	cells(append([]string(nil), head...))
	sep := make([]string, len(head))
	for i := range sep {
		sep[i] = "---"
		if align[i] == 'r' {
			sep[i] = "--:"
		}
	}
	fmt.Fprintf(w, "|%s|\n", strings.Join(sep, "|"))
	for i := 0; i < n; i++ {
		cells(append([]string(nil), row(i)...))
	}
}

// dash is s, or missing when s is empty.
func dash(s string) string {
	if s == "" {
		return missing
	}
	return s
}

// mdSpecial are the characters escaped wherever they are: each can start
// emphasis, a code span, a link, raw HTML, an entity or a table cell.
const mdSpecial = "\\`*_[]<>|&~"

// md escapes s for Markdown: control characters are written as Go escapes
// (Printable), so s stays on one line; the characters that Markdown reads
// anywhere get a backslash, as do a leading # and a leading +, - or = or
// number's dot or parenthesis followed by a space, which would start a
// heading or a list. A lone "-" (a missing value) is left as it is.
func md(s string) string {
	s = Printable(s)
	var b strings.Builder
	// A list marker or heading needs a space (or the end) after it.
	marker := func(i int) bool { return i+1 == len(s) || s[i+1] == ' ' }
	for i, r := range s {
		switch {
		case strings.ContainsRune(mdSpecial, r):
			b.WriteByte('\\')
		case i == 0 && r == '#':
			b.WriteByte('\\')
		case i == 0 && strings.ContainsRune("+-=", r) && marker(i) && len(s) > 1:
			b.WriteByte('\\')
		case (r == '.' || r == ')') && i > 0 && allDigits(s[:i]) && marker(i):
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
