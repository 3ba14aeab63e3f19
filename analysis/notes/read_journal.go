package notes

// The journal format: a text or Markdown file with one note per line.
//
//	# November                                  heading: ignored
//	- 2026-11-20 07:10 — left toes numb at 5k   a note (bullet optional)
//	  went away after a minute                  indented: continues the note above
//	2026/11/21: both feet fine                  "/" in the date, ":" as separator
//	Tue 9 July 2024 | tingling                  any date form of read_date.go
//	// comment                                  ignored, like "; ..." and <!-- ... -->
//	## 2026-11-22                               a date heading: dates the lines under it
//	- numb toes at 5k                           a note of 2026-11-22
//	felt fine otherwise                         another note of 2026-11-22
//	| Date | Foot | Notes |                     a Markdown table: each row a note,
//	|------|------|-------|                     columns named as in CSV (read_csv.go)
//	| 9 Jul 2024 | left | numb at 5k |
//
// A note line is an optional bullet ("- ", "* ", "+ ", "1. ", "1) ", an
// optional "[ ] " or "[x] " task box), a date (see read_date.go), an
// optional time (HH:MM, H:MM, with seconds, am/pm, "T" between date and
// time), an optional separator (":", "|", ",", "-", "—", "–") and the
// text. runlog's own journal lines (see FormatEntry) also carry fields
// before " — " ("left foot; at 5 km; severity 3/5; shoes: X"), which are
// read into the entry's columns.
//
// A line under a date heading may start with a time ("07:10 numb toes").
// A heading that names only a year or a month and year ("## July 2024",
// "## 2024-07")
// gives its year to the dates without one below it (see dater).
//
// A date heading is a Markdown heading that starts with a date ("## Tue 9
// July"), or a line that is only a date (bullet, bold and a trailing ":"
// allowed). Every bullet and plain line after it, up to the next heading,
// is a note of that date; a table under it without a date column takes
// its date too. Text after the date in a heading is a note only if it says
// something about the feet ("## 2024-07-09 left toes numb").
//
// Blank lines, other headings (#), comments and rules (---, ***, ```) are
// skipped silently; a heading or a rule ends a date heading's section. An indented line right after a note continues that
// note. Any other line is a warning; it counts as a note not read (see
// Warning.Unread) when runlog reads something about the feet in it, or
// when its date could not be used (ambiguous, impossible, a weekday that
// does not fit), or when it is longer than MaxLineBytes.

import (
	"bytes"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

var (
	bulletRe = regexp.MustCompile(`^(?:[-*+]|\d{1,3}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?`)
	sepRe    = regexp.MustCompile(`^[ \t]*(?:[:|,—–]|-+(?:[ \t]|$))?[ \t]*`)
	ruleRe   = regexp.MustCompile("^(?:[-*_=]+|(?:~~~|```).*)$")
	// tableSepRe is a Markdown table's line under its header: |---|:--:|
	tableSepRe = regexp.MustCompile(`^\|?(?:[ \t]*:?-+:?[ \t]*\|)+(?:[ \t]*:?-+:?[ \t]*)?$`)
	// lineTimeRe is a time at the start of a line under a date heading,
	// with its separator: "07:10 ", "7:10 pm: ".
	lineTimeRe = regexp.MustCompile(`(?i)^(\d{1,2}):(\d{2})(?:[ \t]*([ap])\.?m\b\.?)?(?:[ \t]*(?:[:|,—–]|-+)?[ \t]+|$)`)
	// emphasisRe is bold or italic around a whole line: **9 July**
	emphasisRe = regexp.MustCompile(`^(\*\*|__|\*|_)(.+?)(\*\*|__|\*|_)$`)

	// runlog's own fields, written by FormatEntry.
	fieldFootRe     = regexp.MustCompile(`^(left|right) foot$|^(both) feet$`)
	fieldOnsetRe    = regexp.MustCompile(`^at (\d+(?:\.\d+)?) (km|mi|min)$`)
	fieldSeverityRe = regexp.MustCompile(`^severity ([1-5])/5$`)
)

// dateHeading is the date heading the lines below are under.
type dateHeading struct {
	line    int
	st      stamp
	written string // the date as written
}

// journalTable is a Markdown table being read.
type journalTable struct {
	headerLine int
	header     []string
	kinds      []field // nil until the |---| line
	hasDate    bool
}

func parseJournal(name string, data []byte, d *dater) []Entry {
	w := d.w
	var (
		entries   []Entry
		open      = false // the last entry may still get continuation lines
		inComment = false // inside a multi-line <!-- ... -->
		heading   *dateHeading
		table     *journalTable
		unknown   = map[string]bool{}
		tableRows = map[int]bool{} // lines of the entries read from tables
	)
	// underHeading makes a note of text dated by the heading.
	underHeading := func(line int, text string) {
		e := Entry{File: name, Line: line, OnsetKm: math.NaN(), OnsetMin: math.NaN(), Text: text}
		warn := rowWarn{w: w, line: line}
		if heading.st.problem != "" {
			warn.unread(heading.st.days, "%s (date heading on line %d): skipped", heading.st.problem, heading.line)
			open = false
			return
		}
		st := heading.st
		if m := lineTimeRe.FindStringSubmatch(text); m != nil && !st.hasTime {
			// "07:10 numb toes" under a date heading: the note's time.
			if h, mi, _, ok := clock(m[1], m[2], "", m[3]); ok {
				st.hasTime = true
				st.clock = time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute
				e.Text = strings.TrimSpace(text[len(m[0]):])
			}
		}
		if e.Text == "" {
			e.Text = text
		}
		if d.entryWhen(&e, st, heading.written, warn) {
			journalFields(&e)
			entries = append(entries, e)
			open = true
		}
	}
	for n, raw := range bytes.Split(data, []byte{'\n'}) {
		line := n + 1
		if len(raw) > MaxLineBytes {
			var days []Day
			if heading != nil {
				days = heading.st.days
			}
			w.unread(line, days, "line too long (%d bytes, at most %d): skipped", len(raw), MaxLineBytes)
			open = false
			continue
		}
		s := strings.TrimRight(string(raw), " \t\r")
		t := strings.TrimSpace(s)
		if table != nil && !strings.HasPrefix(t, "|") {
			if table.kinds == nil {
				strayTableLine(w, table, heading)
			}
			table = nil
		}
		switch {
		case inComment:
			inComment = !strings.Contains(t, "-->")
			continue
		case strings.HasPrefix(t, "<!--"):
			inComment = !strings.Contains(t[4:], "-->")
			continue
		case t == "":
			open = false
			continue
		case strings.HasPrefix(t, "#"):
			open = false
			heading = nil
			title := strings.TrimSpace(strings.TrimRight(strings.TrimLeft(t, "#"), "#"))
			if y, ok := yearHeading(title); ok {
				d.seen(line, []Day{y})
			}
			if h, rest := readHeading(title, d.opts.DateOrder, line); h != nil {
				heading = h
				if h.st.problem == "" {
					d.seen(line, h.st.days)
				}
				if rest != "" && saysSomething(Extract(rest)) {
					underHeading(line, rest)
				}
			}
			continue
		case strings.HasPrefix(t, "//") || strings.HasPrefix(t, ";"):
			continue
		case ruleRe.MatchString(t):
			heading = nil // a rule ends a date heading's section
			open = false
			continue
		case strings.HasPrefix(t, "|"):
			open = false
			before := len(entries)
			table = journalTableLine(name, t, line, table, heading, d, unknown, &entries)
			if len(entries) > before {
				tableRows[line] = true
			}
			continue
		}

		body := t[len(bulletRe.FindString(t)):]
		plain := body
		if m := emphasisRe.FindStringSubmatch(body); m != nil {
			plain = m[2]
		}
		if h, rest := readHeading(plain, d.opts.DateOrder, line); h != nil && rest == "" {
			heading = h // a line that is only a date
			if h.st.problem == "" {
				d.seen(line, h.st.days)
			}
			open = false
			continue
		}
		st := readStamp(body, d.opts.DateOrder)
		if st.n == 0 {
			indented := s != "" && (s[0] == ' ' || s[0] == '\t')
			switch {
			case open && indented:
				e := &entries[len(entries)-1]
				e.Text = strings.TrimSpace(e.Text + "\n" + body)
			case heading != nil:
				underHeading(line, body)
			case saysSomething(Extract(body)):
				w.unread(line, nil, "no date at the start of the line, and no date heading above it: %q", clip(t))
				open = false
			default:
				w.add(line, "no date at the start of the line: %q", clip(t))
				open = false
			}
			continue
		}
		e := Entry{File: name, Line: line, OnsetKm: math.NaN(), OnsetMin: math.NaN()}
		e.Text = strings.TrimSpace(body[st.n+len(sepRe.FindString(body[st.n:])):])
		if !d.entryWhen(&e, st, strings.TrimSpace(body[:st.n]), rowWarn{w: w, line: line}) {
			open = false
			continue
		}
		journalFields(&e)
		entries = append(entries, e)
		open = true
	}
	if table != nil && table.kinds == nil {
		strayTableLine(w, table, heading)
	}
	if len(unknown) > 0 {
		names := sortedKeys(unknown)
		for i, k := range names {
			names[i] = strconv.Quote(k)
		}
		w.add(1, "unknown table columns ignored: %s", strings.Join(names, ", "))
	}

	kept := entries[:0]
	for _, e := range entries {
		if e.Text == "" && e.Numb == Unknown {
			w.unread(e.Line, nil, "no note after the date: line skipped")
			continue
		}
		if !tableRows[e.Line] {
			e.fill() // table rows were filled by values.entry
		}
		kept = append(kept, e)
	}
	return kept
}

// yearHeadingRe is a heading that names a year, or a month and year:
// "2024", "July 2024", "Jul. 2024".
var (
	yearHeadingRe  = regexp.MustCompile(`(?i)^(?:([a-z]{3,9})\.?[ \t]+)?(\d{4})$`)
	monthHeadingRe = regexp.MustCompile(`^(\d{4})[-/](\d{1,2})$`) // 2024-07
)

// yearHeading reads a heading that names a year (or a month and year) as
// the year of the dates without one below it: the day it gives is the
// middle of the year (of the month), so that the half-year check of
// dater.resolve covers the whole year (month).
func yearHeading(title string) (Day, bool) {
	if m := monthHeadingRe.FindStringSubmatch(title); m != nil {
		y, mo := atoi(m[1]), atoi(m[2])
		if !plausibleYear(y) || mo < 1 || mo > 12 {
			return Day{}, false
		}
		return Day{y, time.Month(mo), 15}, true
	}
	m := yearHeadingRe.FindStringSubmatch(title)
	if m == nil {
		return Day{}, false
	}
	y := atoi(m[2])
	if !plausibleYear(y) {
		return Day{}, false
	}
	if m[1] == "" {
		return Day{y, time.July, 2}, true
	}
	mo, ok := monthNames[strings.ToLower(m[1])]
	if !ok {
		return Day{}, false
	}
	return Day{y, mo, 15}, true
}

// readHeading reads a date at the start of title as a date heading; rest
// is the text after it (separators trimmed). nil: title does not start
// with a date.
func readHeading(title, order string, line int) (*dateHeading, string) {
	st := readStamp(title, order)
	if st.n == 0 {
		return nil, ""
	}
	rest := strings.TrimSpace(title[st.n+len(sepRe.FindString(title[st.n:])):])
	rest = strings.TrimSpace(strings.TrimRight(rest, ":"))
	return &dateHeading{line: line, st: st, written: strings.TrimSpace(title[:st.n])}, rest
}

// journalTableLine reads one line of a Markdown table and returns the
// table state after it.
func journalTableLine(name, t string, line int, table *journalTable, heading *dateHeading, d *dater, unknown map[string]bool, entries *[]Entry) *journalTable {
	cells := tableCells(t)
	switch {
	case table == nil:
		return &journalTable{headerLine: line, header: cells}
	case table.kinds == nil:
		if !tableSepRe.MatchString(t) {
			strayTableLine(d.w, table, heading)
			return &journalTable{headerLine: line, header: cells}
		}
		table.kinds = make([]field, len(table.header))
		for i, h := range table.header {
			table.kinds[i] = columnField(h)
			table.hasDate = table.hasDate || table.kinds[i] == fDate
			if table.kinds[i] == fNone && h != "" {
				unknown[h] = true
			}
		}
		return table
	}
	var v values
	for i, c := range cells {
		if i < len(table.kinds) {
			v.set(table.kinds[i], c)
		}
	}
	warn := rowWarn{w: d.w, line: line}
	if v.v[fDate] == "" && (heading != nil || !table.hasDate) {
		if heading == nil {
			warn.unread(nil, "table row without a date (no date column, no date heading above): skipped")
			return table
		}
		if heading.st.problem != "" {
			warn.unread(heading.st.days, "%s (date heading on line %d): skipped", heading.st.problem, heading.line)
			return table
		}
		v.v[fDate] = heading.written
	}
	if e, ok := v.entry(name, line, d, warn); ok {
		*entries = append(*entries, e)
	}
	return table
}

// strayTableLine warns of a line that starts with "|" but has no table
// under it; it is a note not read when it says something about the feet.
func strayTableLine(w *warner, table *journalTable, heading *dateHeading) {
	const msg = "a line starting with \"|\" but no table under it (no |---| line): ignored"
	if !saysSomething(Extract(strings.Join(table.header, " "))) {
		w.add(table.headerLine, msg)
		return
	}
	var days []Day
	if heading != nil {
		days = heading.st.days
	}
	w.unread(table.headerLine, days, msg)
}

// tableCells splits a Markdown table line into trimmed cells; "\|" is a
// "|" inside a cell.
func tableCells(t string) []string {
	t = strings.TrimSpace(t)
	t = strings.TrimPrefix(t, "|")
	if strings.HasSuffix(t, "|") && !strings.HasSuffix(t, "\\|") {
		t = t[:len(t)-1]
	}
	var cells []string
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		switch {
		case t[i] == '\\' && i+1 < len(t) && t[i+1] == '|':
			b.WriteByte('|')
			i++
		case t[i] == '|':
			cells = append(cells, strings.TrimSpace(b.String()))
			b.Reset()
		default:
			b.WriteByte(t[i])
		}
	}
	return append(cells, strings.TrimSpace(b.String()))
}

// journalFields reads the fields runlog writes before " — " (see
// FormatEntry) into e's columns and leaves the free text in e.Text. Text
// that does not have exactly that shape is left as it is.
func journalFields(e *Entry) {
	head, text, ok := strings.Cut(e.Text, " — ")
	if !ok {
		return
	}
	f := *e
	for _, field := range strings.Split(head, "; ") {
		if m := fieldFootRe.FindStringSubmatch(field); m != nil {
			f.Foot = m[1] + m[2]
		} else if m := fieldOnsetRe.FindStringSubmatch(field); m != nil {
			v, _ := strconv.ParseFloat(m[1], 64)
			switch m[2] {
			case "km":
				f.OnsetKm, f.OnsetUnit = v, ""
			case "mi":
				f.OnsetKm, f.OnsetUnit = v*kmPerMile, "mi"
			default:
				f.OnsetMin = v
			}
		} else if m := fieldSeverityRe.FindStringSubmatch(field); m != nil {
			f.Severity = int(m[1][0] - '0')
		} else if shoes, ok := strings.CutPrefix(field, "shoes: "); ok && shoes != "" {
			f.Shoes = shoes
		} else {
			return
		}
	}
	f.Text = strings.TrimSpace(text)
	*e = f
}
