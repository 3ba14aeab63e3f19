package notes

// Dates and times in notes. Only year-first dates are read (2026-11-20,
// 2026/11/20): 11/10/2026 is the 10th of November in the US and the 11th
// of October elsewhere, and a wrong guess would link a note to the wrong
// run, so day-first and month-first dates are reported instead.

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// whenRe matches a date with an optional time at the start of a string:
// YYYY-MM-DD or YYYY/MM/DD, then optionally "T" or spaces and H:MM or
// HH:MM[:SS[.fff]], an optional am/pm, and an optional zone (Z or ±hh:mm)
// right after the time.
var whenRe = regexp.MustCompile(`(?i)^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:(?:t|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:[ \t]*([ap])\.?m\b\.?)?(z|[+-]\d{2}:?\d{2})?)?\b`)

// notYearFirstRe spots day-first or month-first dates (20.11.2026,
// 11/20/2026) to say why they are not read.
var notYearFirstRe = regexp.MustCompile(`^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b`)

// clockRe is a time column: 7:10, 07:10:23, 7.10, 7:10 pm.
var clockRe = regexp.MustCompile(`(?i)^(\d{1,2})[:.](\d{2})(?::(\d{2}))?(?:\s*([ap])\.?m\.?)?$`)

// when is a parsed date and time (see Entry.When).
type when struct {
	t       time.Time
	hasTime bool
	utc     bool
}

// whenPrefix reads a date (and time) at the start of s. It returns the
// length of what it read; n == 0 means s does not start with a date. A
// date that is there but impossible (2026-02-30, 25:10) is an error.
func whenPrefix(s string) (w when, n int, err error) {
	m := whenRe.FindStringSubmatchIndex(s)
	if m == nil {
		return when{}, 0, nil
	}
	part := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return s[m[2*i]:m[2*i+1]]
	}
	y, _ := strconv.Atoi(part(1))
	mo, _ := strconv.Atoi(part(2))
	d, _ := strconv.Atoi(part(3))
	date := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if date.Year() != y || int(date.Month()) != mo || date.Day() != d || !plausibleYear(y) {
		return when{}, m[1], fmt.Errorf("invalid date %q", s[:m[1]])
	}
	w.t = date
	if part(4) == "" {
		return w, m[1], nil
	}
	h, mi, sec, ok := clock(part(4), part(5), part(6), part(7))
	if !ok {
		return when{}, m[1], fmt.Errorf("invalid time %q", strings.TrimSpace(s[m[8]:m[1]]))
	}
	w.t = date.Add(time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute + time.Duration(sec)*time.Second)
	w.hasTime = true
	if zone := strings.ToUpper(part(8)); zone != "" {
		if zone != "Z" {
			zone = strings.Replace(zone, ":", "", 1)
			off, _ := strconv.Atoi(zone[1:3])
			offm, _ := strconv.Atoi(zone[3:])
			if off > 23 || offm > 59 {
				return when{}, m[1], fmt.Errorf("invalid time zone %q", part(8))
			}
			shift := time.Duration(off)*time.Hour + time.Duration(offm)*time.Minute
			if zone[0] == '+' {
				shift = -shift
			}
			w.t = w.t.Add(shift)
		}
		w.utc = true
	}
	return w, m[1], nil
}

// plausibleYear: a year outside 1900–2200 is a typo, not a run.
func plausibleYear(y int) bool { return y >= 1900 && y <= 2200 }

// clock validates hour, minute, second and an optional "a"/"p" (12-hour
// clock) given as digit strings.
func clock(hs, ms, ss, ampm string) (h, m, s int, ok bool) {
	h, _ = strconv.Atoi(hs)
	m, _ = strconv.Atoi(ms)
	if ss != "" {
		s, _ = strconv.Atoi(ss)
	}
	if m > 59 || s > 59 {
		return 0, 0, 0, false
	}
	switch strings.ToLower(ampm) {
	case "":
		return h, m, s, h <= 23
	case "a", "p":
		if h < 1 || h > 12 {
			return 0, 0, 0, false
		}
		h %= 12
		if strings.EqualFold(ampm, "p") {
			h += 12
		}
	}
	return h, m, s, true
}

// parseWhen reads a whole date column or field, with its time when the
// time column (timeStr) is empty: "2026-11-20", "2026-11-20 07:10",
// "2026-11-20T07:10:00Z". A non-empty timeStr sets the wall-clock time.
func parseWhen(dateStr, timeStr string) (when, error) {
	dateStr = strings.TrimSpace(dateStr)
	w, n, err := whenPrefix(dateStr)
	switch {
	case err != nil:
		return when{}, err
	case n == 0 && notYearFirstRe.MatchString(dateStr):
		return when{}, fmt.Errorf("date %q is not year-first (write YYYY-MM-DD)", dateStr)
	case n == 0 || strings.TrimSpace(dateStr[n:]) != "":
		return when{}, fmt.Errorf("not a date: %q", clip(dateStr))
	}
	if timeStr = strings.TrimSpace(timeStr); timeStr != "" {
		m := clockRe.FindStringSubmatch(timeStr)
		if m == nil {
			return when{}, fmt.Errorf("not a time: %q", clip(timeStr))
		}
		h, mi, s, ok := clock(m[1], m[2], m[3], m[4])
		if !ok {
			return when{}, fmt.Errorf("invalid time %q", timeStr)
		}
		y, mo, d := w.t.Date()
		w = when{t: time.Date(y, mo, d, h, mi, s, 0, time.UTC), hasTime: true}
	}
	return w, nil
}

// clip shortens s for a warning.
func clip(s string) string {
	const n = 40
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}
