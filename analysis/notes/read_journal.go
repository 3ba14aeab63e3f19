package notes

// The journal format: a text or Markdown file with one note per line.
//
//	# November                                  heading: ignored
//	- 2026-11-20 07:10 — left toes numb at 5k   a note (bullet optional)
//	  went away after a minute                  indented: continues the note above
//	2026/11/21: both feet fine                  "/" in the date, ":" as separator
//	// comment                                  ignored, like "; ..." and <!-- ... -->
//
// A note line is an optional bullet ("- ", "* ", "+ ", "1. ", "1) ", an
// optional "[ ] " or "[x] " task box), a year-first date (YYYY-MM-DD or
// YYYY/MM/DD), an optional time (HH:MM, H:MM, with seconds, am/pm, "T"
// between date and time), an optional separator (":", "|", ",", "-", "—",
// "–") and the text. runlog's own journal lines (see FormatEntry) also carry
// fields before " — " ("left foot; at 5 km; severity 3/5; shoes: X"), which
// are read into the entry's columns.
//
// Blank lines, headings (#), comments and rules (---, ***, ```) are skipped
// silently. An indented line right after a note continues that note. Any
// other line is a warning, as is an impossible date or a line longer than
// MaxLineBytes.

import (
	"bytes"
	"math"
	"regexp"
	"strconv"
	"strings"
)

var (
	bulletRe = regexp.MustCompile(`^(?:[-*+]|\d{1,3}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?`)
	sepRe    = regexp.MustCompile(`^[ \t]*(?:[:|,—–]|-+(?:[ \t]|$))?[ \t]*`)
	ruleRe   = regexp.MustCompile("^(?:[-*_=]+|(?:~~~|```).*)$")

	// runlog's own fields, written by FormatEntry.
	fieldFootRe     = regexp.MustCompile(`^(left|right) foot$|^(both) feet$`)
	fieldOnsetRe    = regexp.MustCompile(`^at (\d+(?:\.\d+)?) (km|min)$`)
	fieldSeverityRe = regexp.MustCompile(`^severity ([1-5])/5$`)
)

func parseJournal(name string, data []byte, w *warner) []Entry {
	var (
		entries   []Entry
		open      = false // the last entry may still get continuation lines
		inComment = false // inside a multi-line <!-- ... -->
	)
	for n, raw := range bytes.Split(data, []byte{'\n'}) {
		line := n + 1
		if len(raw) > MaxLineBytes {
			w.add(line, "line too long (%d bytes, at most %d): skipped", len(raw), MaxLineBytes)
			open = false
			continue
		}
		s := strings.TrimRight(string(raw), " \t\r")
		t := strings.TrimSpace(s)
		switch {
		case inComment:
			inComment = !strings.Contains(t, "-->")
			continue
		case strings.HasPrefix(t, "<!--"):
			inComment = !strings.Contains(t[4:], "-->")
			continue
		case t == "" || strings.HasPrefix(t, "#"):
			open = false
			continue
		case strings.HasPrefix(t, "//") || strings.HasPrefix(t, ";") || ruleRe.MatchString(t):
			continue
		}

		body := t[len(bulletRe.FindString(t)):]
		wh, n, err := whenPrefix(body)
		if err != nil {
			w.add(line, "%v: line skipped", err)
			open = false
			continue
		}
		if n == 0 {
			indented := s != "" && (s[0] == ' ' || s[0] == '\t')
			switch {
			case open && indented:
				e := &entries[len(entries)-1]
				e.Text = strings.TrimSpace(e.Text + "\n" + body)
			case notYearFirstRe.MatchString(body):
				w.add(line, "date %q is not year-first (write YYYY-MM-DD): line skipped", notYearFirstRe.FindString(body))
				open = false
			default:
				w.add(line, "no date at the start of the line: %q", clip(t))
				open = false
			}
			continue
		}

		e := Entry{File: name, Line: line, When: wh.t, HasTime: wh.hasTime, WhenUTC: wh.utc,
			OnsetKm: math.NaN(), OnsetMin: math.NaN()}
		e.Text = strings.TrimSpace(body[n+len(sepRe.FindString(body[n:])):])
		journalFields(&e)
		entries = append(entries, e)
		open = true
	}

	kept := entries[:0]
	for _, e := range entries {
		if e.Text == "" {
			w.add(e.Line, "no note after the date: line skipped")
			continue
		}
		e.fill()
		kept = append(kept, e)
	}
	return kept
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
			if m[2] == "km" {
				f.OnsetKm = v
			} else {
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
