package notes

// Dates and times in notes. The date forms are in read_date.go; this file
// adds the time after a date, time columns, and the years of dates written
// without one.

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// timeRe matches a time right after a date: "T" or spaces (and an
// optional comma or "at") then H:MM or HH:MM[:SS[.fff]], an optional
// am/pm, and an optional zone (Z or ±hh:mm) right after the time.
var timeRe = regexp.MustCompile(`(?i)^(?:t|,?[ \t]+(?:at[ \t]+)?)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:[ \t]*([ap])\.?m\b\.?)?(z|[+-]\d{2}:?\d{2})?\b`)

// clockRe is a time column: 7:10, 07:10:23, 7.10, 7:10 pm.
var clockRe = regexp.MustCompile(`(?i)^(\d{1,2})[:.](\d{2})(?::(\d{2}))?(?:\s*([ap])\.?m\.?)?$`)

// when is a parsed date and time (see Entry.When).
type when struct {
	t       time.Time
	hasTime bool
	utc     bool
}

// stamp is a date, and maybe a time, read at the start of a string.
type stamp struct {
	dateAt
	hasTime bool
	clock   time.Duration // since midnight
	utc     bool
	shift   time.Duration // added to the wall-clock time to give UTC
}

// readStamp reads a date and an optional time at the start of s. st.n is
// the length read, 0 when s does not start with a date; st.problem says
// why a date that is there cannot be used as is.
func readStamp(s, order string) stamp {
	st := stamp{dateAt: readDate(s, order)}
	if st.n == 0 {
		return st
	}
	m := timeRe.FindStringSubmatchIndex(s[st.n:])
	if m == nil {
		return st
	}
	rest := s[st.n:]
	part := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return rest[m[2*i]:m[2*i+1]]
	}
	end := st.n + m[1]
	h, mi, sec, ok := clock(part(1), part(2), part(3), part(4))
	if !ok {
		if st.problem == "" {
			st.problem = fmt.Sprintf("invalid time %q", strings.TrimSpace(strings.TrimPrefix(rest[m[2]:m[1]], ",")))
		}
		st.n = end
		return st
	}
	st.n = end
	st.hasTime = true
	st.clock = time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute + time.Duration(sec)*time.Second
	if zone := strings.ToUpper(part(5)); zone != "" {
		if zone != "Z" {
			zone = strings.Replace(zone, ":", "", 1)
			off, _ := strconv.Atoi(zone[1:3])
			offm, _ := strconv.Atoi(zone[3:])
			if off > 23 || offm > 59 {
				if st.problem == "" {
					st.problem = fmt.Sprintf("invalid time zone %q", part(5))
				}
				return st
			}
			st.shift = time.Duration(off)*time.Hour + time.Duration(offm)*time.Minute
			if zone[0] == '+' {
				st.shift = -st.shift
			}
		}
		st.utc = true
	}
	return st
}

// at is the stamp's time on day d.
func (st stamp) at(d Day) when {
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Add(st.clock + st.shift)
	return when{t: t, hasTime: st.hasTime, utc: st.utc}
}

// yearMissing: the stamp was read but its year must come from elsewhere.
func (st stamp) yearMissing() bool {
	return st.problem == "" && len(st.days) == 1 && st.days[0].Year == 0
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
// time column (timeStr) is empty: "2026-11-20", "9 Jul 2024",
// "2026-11-20 07:10", "2026-11-20T07:10:00Z", and spreadsheet serials
// (45482) when serial is set. A non-empty timeStr sets the wall-clock
// time. The stamp's problem (and the error) say why it cannot be used; its
// days are the candidate dates even then.
func parseWhen(dateStr, timeStr, order string, serial bool) (stamp, error) {
	dateStr = strings.TrimSpace(dateStr)
	var st stamp
	if t, hasTime, ok := serialDate(dateStr); serial && ok {
		y, mo, d := t.Date()
		st = stamp{dateAt: dateAt{n: len(dateStr), days: []Day{{y, mo, d}}}, hasTime: hasTime,
			clock: t.Sub(time.Date(y, mo, d, 0, 0, 0, 0, time.UTC))}
	} else {
		st = readStamp(dateStr, order)
	}
	switch {
	case st.n == 0 || strings.TrimSpace(dateStr[st.n:]) != "" && st.problem == "":
		return stamp{}, fmt.Errorf("not a date: %q", clip(dateStr))
	case st.problem != "":
		return st, fmt.Errorf("%s", st.problem)
	}
	if timeStr = strings.TrimSpace(timeStr); timeStr != "" {
		m := clockRe.FindStringSubmatch(timeStr)
		if m == nil {
			st.problem = fmt.Sprintf("not a time: %q", clip(timeStr))
			return st, fmt.Errorf("%s", st.problem)
		}
		h, mi, s, ok := clock(m[1], m[2], m[3], m[4])
		if !ok {
			st.problem = fmt.Sprintf("invalid time %q", timeStr)
			return st, fmt.Errorf("%s", st.problem)
		}
		st.hasTime, st.utc, st.shift = true, false, 0
		st.clock = time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute + time.Duration(s)*time.Second
	}
	return st, nil
}

// dater gives years to dates written without one ("Tue 9 July"): the year
// of the nearest dated note before it in the file, else after it. When the
// date that gives is more than half a year from that note's (a journal
// running from December into January), or its weekday does not fit, the
// note is not read: its warning gives the candidate years.
type dater struct {
	opts  Options
	w     *warner
	known []lineDay // notes with a full date (read or not), in any order
	// pending holds, by Entry.Line, the entries whose year is missing, in
	// the order they were read (a JSON stream can hold several notes on
	// one line); such an entry's When stays zero until resolve.
	pending map[int][]pendingDate
}

type lineDay struct {
	line int
	day  Day
}

type pendingDate struct {
	st      stamp
	written string  // the date as written, for the warning
	warn    rowWarn // where to warn
}

// seen records the date(s) of a note at line, for the notes around it
// without a year.
func (d *dater) seen(line int, days []Day) {
	for _, day := range days {
		if day.Year != 0 {
			d.known = append(d.known, lineDay{line, day})
			return
		}
	}
}

// entryWhen sets e's date from st, or marks it pending a year. ok is false
// (and a warning given) when st cannot be used.
func (d *dater) entryWhen(e *Entry, st stamp, written string, warn rowWarn) bool {
	if st.problem != "" {
		warn.unread(st.days, "%s: skipped", st.problem)
		return false
	}
	if st.yearMissing() {
		e.When = time.Time{}
		d.pending[e.Line] = append(d.pending[e.Line], pendingDate{st, written, warn})
		return true
	}
	wh := st.at(st.days[0])
	e.When, e.HasTime, e.WhenUTC = wh.t, wh.hasTime, wh.utc
	d.seen(e.Line, st.days)
	return true
}

// resolve gives the pending entries their years (see dater), drops those
// it cannot, and returns the entries in line order.
func (d *dater) resolve(entries []Entry) []Entry {
	if len(d.pending) == 0 {
		return entries
	}
	sort.SliceStable(d.known, func(i, j int) bool { return d.known[i].line < d.known[j].line })
	kept := entries[:0]
	for _, e := range entries {
		queue := d.pending[e.Line]
		if !e.When.IsZero() || len(queue) == 0 {
			kept = append(kept, e)
			continue
		}
		p := queue[0]
		d.pending[e.Line] = queue[1:]
		md := p.st.days[0]
		near, ok := d.nearest(e.Line)
		if !ok {
			p.warn.unread([]Day{md}, "date %q has no year, and no dated note in the file gives one: skipped", p.written)
			continue
		}
		day := Day{near.day.Year, md.Month, md.Day}
		if !validDay(day.Year, int(day.Month), day.Day) {
			p.warn.unread([]Day{md}, "date %q has no year, and %d (from line %d) has no %s: skipped", p.written, day.Year, near.line, dayWords(md))
			continue
		}
		ref := time.Date(near.day.Year, near.day.Month, near.day.Day, 0, 0, 0, 0, time.UTC)
		t := time.Date(day.Year, day.Month, day.Day, 0, 0, 0, 0, time.UTC)
		if gap := t.Sub(ref).Hours() / 24; gap > 183 || gap < -183 {
			other := day
			if gap > 0 {
				other.Year--
			} else {
				other.Year++
			}
			p.warn.unread([]Day{day, other}, "date %q has no year, and the nearest dated note (line %d, %s) leaves it between %d and %d: skipped",
				p.written, near.line, near.day, min(day.Year, other.Year), max(day.Year, other.Year))
			continue
		}
		if p.st.hasWeekday {
			if problem := weekdayProblem(day, p.st.weekday); problem != "" {
				p.warn.unread([]Day{day}, "date %q, with the year %d from line %d: %s: skipped", p.written, day.Year, near.line, problem)
				continue
			}
		}
		wh := p.st.at(day)
		e.When, e.HasTime, e.WhenUTC = wh.t, wh.hasTime, wh.utc
		kept = append(kept, e)
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].Line < kept[j].Line })
	return kept
}

// nearest is the dated note nearest before line (or on it), else after it.
func (d *dater) nearest(line int) (lineDay, bool) {
	i := sort.Search(len(d.known), func(i int) bool { return d.known[i].line > line })
	if i > 0 {
		return d.known[i-1], true
	}
	if i < len(d.known) {
		return d.known[i], true
	}
	return lineDay{}, false
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
