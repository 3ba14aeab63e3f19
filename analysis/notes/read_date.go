package notes

// Dates as runners write them, read by a small table-driven parser (see
// docs/decisions.md for why no date library is used: the ones on offer
// guess month-first for 03/04/2024, and runlog must never guess).
//
// A date at the start of a string, in one of these forms (letter case,
// and a trailing "." after a month or weekday name, do not matter):
//
//	2024-07-09  2024/07/09  2024.07.09      year first
//	15/08/2015  08/15/2015  15.08.2015  15-08-15   numeric, day or month first (see below)
//	9 Jul 2024  9th July 2024  9 of July  9-Jul-24  Tue 9 July   day, month name
//	July 9, 2024  March 14 2020  Tuesday, July 9   month name, day
//
// A weekday name may come first ("Tue", "Tues", "Tuesday"); with a year
// it must agree with the date. A month-name date may have no year: its
// year comes from the notes around it (see dater.resolve).
//
// Numeric dates with the year last are read only where one reading is a
// valid date (15/08/2015 is the 15th of August either way round); when
// both are (03/04/2024), Options.DateOrder decides, else the note is not
// read and its warning carries both candidate dates. A two-digit year is
// 20YY (FIT watches date from the 2000s); with one, the year-first reading
// counts too (24-07-09 may be 9 July 2024 or 24 July 2009). Numeric dates without a year
// (9/7) are not dates: runners write scores and fractions that way.

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Day is a calendar date a note is, or may be, about.
type Day struct {
	Year  int // 0: the note gives no year and no dated note near it does
	Month time.Month
	Day   int
}

// YearMissing reports whether d has a month and day but no year (match it
// to the runs' years).
func (d Day) YearMissing() bool { return d.Year == 0 }

// String is "2024-07-09", or "--07-09" (ISO 8601's form for a date without
// a year) when the year is missing.
func (d Day) String() string {
	if d.Year == 0 {
		return fmt.Sprintf("--%02d-%02d", int(d.Month), d.Day)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Date orders for numeric dates that read both ways (Options.DateOrder).
const (
	DayFirst   = "dmy"
	MonthFirst = "mdy"
)

// Options are how notes are read. The zero value is the default.
type Options struct {
	// DateOrder decides numeric dates that are valid both ways round
	// (03/04/2024): DayFirst ("dmy") or MonthFirst ("mdy"). Empty: such a
	// note is not read and its warning gives both candidate dates.
	DateOrder string
}

func (o Options) check() error {
	switch o.DateOrder {
	case "", DayFirst, MonthFirst:
		return nil
	}
	return fmt.Errorf("date order %q not understood: want %q (day first), %q (month first) or nothing", o.DateOrder, DayFirst, MonthFirst)
}

var monthNames = map[string]time.Month{}
var weekdayNames = map[string]time.Weekday{}

func init() {
	for i, names := range []string{
		"january jan", "february feb", "march mar", "april apr", "may", "june jun",
		"july jul", "august aug", "september sep sept", "october oct", "november nov", "december dec",
	} {
		for _, n := range strings.Fields(names) {
			monthNames[n] = time.Month(i + 1)
		}
	}
	for i, names := range []string{
		"sunday sun", "monday mon", "tuesday tue tues", "wednesday wed weds",
		"thursday thu thur thurs", "friday fri", "saturday sat",
	} {
		for _, n := range strings.Fields(names) {
			weekdayNames[n] = time.Weekday(i)
		}
	}
}

// dateForm is one row of the date table: a pattern anchored at the start
// and how its groups map to year, month and day.
type dateForm struct {
	re *regexp.Regexp
	// read turns the submatches (m[0] is the whole match) into the
	// candidate dates, or says why they cannot be read. It may shorten
	// the match (n) when an optional tail turns out not to belong.
	read func(m []string, order string) (days []Day, n int, problem string)
	// weekday is the group of an optional weekday name; 0: none.
	weekday int
}

const (
	weekdayPart = `(?:([a-z]{3,9})\.?,?[ \t]+)?`
	ordinal     = `(?:st|nd|rd|th)?`
)

var dateForms = []dateForm{
	{regexp.MustCompile(`(?i)^(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})`), readYearFirst, 0},
	{regexp.MustCompile(`(?i)^(\d{1,2})([-/.])(\d{1,2})([-/.])(\d{4}|\d{2})`), readNumeric, 0},
	// 9 Jul 2024, Tue 9th of July, 9-Jul-24
	{regexp.MustCompile(`(?i)^` + weekdayPart + `(\d{1,2})` + ordinal + `(?:[ \t]+of)?(?:[ \t]+|-|/)([a-z]{3,9})\.?(?:(,?[ \t]+|-|/)(\d{4}|\d{2}))?`), readDayMonth, 1},
	// July 9, 2024, Tuesday, July 9
	{regexp.MustCompile(`(?i)^` + weekdayPart + `([a-z]{3,9})\.?[ \t]+(\d{1,2})` + ordinal + `(?:(,?[ \t]+)(\d{4}))?`), readMonthDay, 1},
}

// dateAt is the date at the start of s.
type dateAt struct {
	n          int   // bytes read; 0: s does not start with a date
	days       []Day // the candidates, sorted: one when read, more when the parts could be read more than one way
	hasWeekday bool
	weekday    time.Weekday
	problem    string // non-empty: the date is there but cannot be used (impossible, ambiguous)
}

// readDate reads the date at the start of s (see the top of this file).
func readDate(s, order string) dateAt {
	for _, f := range dateForms {
		m := f.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		days, n, problem := f.read(m, order)
		if n == 0 {
			continue
		}
		if n < len(s) && isWordByte(s[n]) && !((s[n] == 'T' || s[n] == 't') && n+1 < len(s) && isDigitByte(s[n+1])) ||
			n < len(s) && isDigitByte(s[n-1]) && n+1 < len(s) && (s[n] == '.' || s[n] == '/' || s[n] == '-') && isDigitByte(s[n+1]) {
			continue // "2024-07-091", "9 Julyish", "1/2/2024/5"; "2024-07-09T07:10" is fine
		}
		d := dateAt{n: n, days: days, problem: problem}
		if f.weekday > 0 && m[f.weekday] != "" {
			w, ok := weekdayNames[strings.ToLower(m[f.weekday])]
			if !ok {
				continue // "Ran 9 July": not a weekday, not a date
			}
			d.hasWeekday, d.weekday = true, w
		}
		if d.problem == "" && d.hasWeekday && len(d.days) == 1 && d.days[0].Year != 0 {
			d.problem = weekdayProblem(d.days[0], d.weekday)
		}
		return d
	}
	return dateAt{}
}

// weekdayProblem says why a date and its weekday disagree, or "".
func weekdayProblem(d Day, w time.Weekday) string {
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	if t.Weekday() == w {
		return ""
	}
	return fmt.Sprintf("%s was a %s, not a %s", t.Format("2 January 2006"), t.Weekday(), w)
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigitByte(c) || c == '_'
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// validDay reports whether y-m-d is a real date; y 0 (no year) allows 29
// February.
func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	if y == 0 {
		y = 2000 // a leap year
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d && int(t.Month()) == m
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func readYearFirst(m []string, _ string) ([]Day, int, string) {
	if m[2] != m[4] {
		return nil, 0, ""
	}
	y, mo, d := atoi(m[1]), atoi(m[3]), atoi(m[5])
	if !validDay(y, mo, d) || !plausibleYear(y) {
		return nil, len(m[0]), fmt.Sprintf("invalid date %q", m[0])
	}
	return []Day{{y, time.Month(mo), d}}, len(m[0]), ""
}

func readNumeric(m []string, order string) ([]Day, int, string) {
	if m[2] != m[4] {
		return nil, 0, ""
	}
	a, b, c := atoi(m[1]), atoi(m[3]), atoi(m[5])
	y := c
	if len(m[5]) == 2 {
		y += 2000
	}
	var days []Day
	var dmy, mdy *Day
	add := func(y, mo, d int) *Day {
		if !validDay(y, mo, d) || !plausibleYear(y) {
			return nil
		}
		day := Day{y, time.Month(mo), d}
		for i := range days {
			if days[i] == day {
				return &days[i]
			}
		}
		days = append(days, day)
		return &day
	}
	dmy = add(y, b, a)
	mdy = add(y, a, b)
	if len(m[5]) == 2 {
		add(2000+a, b, c) // 24-07-09 may be year first too
	}
	switch {
	case len(days) == 0:
		return nil, len(m[0]), fmt.Sprintf("invalid date %q", m[0])
	case len(days) == 1:
		return days, len(m[0]), ""
	case order == DayFirst && dmy != nil:
		return []Day{*dmy}, len(m[0]), ""
	case order == MonthFirst && mdy != nil:
		return []Day{*mdy}, len(m[0]), ""
	}
	sortDays(days)
	words := make([]string, len(days))
	for i, d := range days {
		words[i] = dayWords(d)
	}
	how := "day or month first?"
	if len(days) > 2 || dmy == nil || mdy == nil {
		how = "which part is the year?"
	}
	return days, len(m[0]), fmt.Sprintf("date %q reads as %s or %s (%s)",
		m[0], strings.Join(words[:len(words)-1], ", "), words[len(words)-1], how)
}

// readDayMonth: groups weekday, day, month, year separator, year.
func readDayMonth(m []string, _ string) ([]Day, int, string) {
	return monthNameDate(m[0], m[3], m[2], m[4], m[5])
}

// readMonthDay: groups weekday, month, day, year separator, year.
func readMonthDay(m []string, _ string) ([]Day, int, string) {
	return monthNameDate(m[0], m[2], m[3], m[4], m[5])
}

// monthNameDate checks a month-name date; whole is the match, sep and year
// its optional year part.
func monthNameDate(whole, month, day, sep, year string) ([]Day, int, string) {
	mo, ok := monthNames[strings.ToLower(month)]
	if !ok {
		return nil, 0, ""
	}
	n := len(whole)
	y := 0
	if year != "" {
		y = atoi(year)
		if len(year) == 2 {
			if sep != "-" && sep != "/" { // "9 July 10k": not a year
				n -= len(sep) + len(year)
				y = 0
			} else {
				y += 2000
			}
		}
	}
	d := atoi(day)
	if !validDay(y, int(mo), d) || y != 0 && !plausibleYear(y) {
		return nil, n, fmt.Sprintf("invalid date %q", strings.TrimSpace(whole[:n]))
	}
	return []Day{{y, mo, d}}, n, ""
}

// dayWords writes d for a warning: "3 April 2024".
func dayWords(d Day) string {
	if d.Year == 0 {
		return fmt.Sprintf("%d %s", d.Day, d.Month)
	}
	return fmt.Sprintf("%d %s %d", d.Day, d.Month, d.Year)
}

func sortDays(days []Day) {
	less := func(a, b Day) bool {
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		if a.Month != b.Month {
			return a.Month < b.Month
		}
		return a.Day < b.Day
	}
	for i := 1; i < len(days); i++ {
		for j := i; j > 0 && less(days[j], days[j-1]); j-- {
			days[j], days[j-1] = days[j-1], days[j]
		}
	}
}

// Spreadsheet serial dates. Excel and LibreOffice store a date as a number
// of days: in the 1900 date system (the default everywhere since 2011)
// serial 1 is 1 January 1900, and Lotus 1-2-3's bug is kept — 1900 is taken
// as a leap year, so serial 60 is a 29 February 1900 that never was. From
// serial 61 (1 March 1900) on, day N is N days after 30 December 1899. A
// fraction is the time of day (0.5 is noon). runlog reads serials in CSV
// date columns only, and only those from 1970 on (a bare small number in a
// date column is not a date); the 1904 date system of old Mac workbooks is
// not detected — its dates would come out four years and a day early — so
// export dates as text from such a workbook.
var serialRe = regexp.MustCompile(`^(\d{5})(?:\.(\d+))?$`)

// serialEpoch is day 0 of the 1900 date system for serials from 61 on.
var serialEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// serialDate reads a spreadsheet serial date (see above).
func serialDate(s string) (t time.Time, hasTime, ok bool) {
	m := serialRe.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false, false
	}
	days := atoi(m[1])
	t = serialEpoch.AddDate(0, 0, days)
	if t.Year() < 1970 || !plausibleYear(t.Year()) {
		return time.Time{}, false, false
	}
	if m[2] != "" {
		frac, err := strconv.ParseFloat("0."+m[2], 64)
		if err != nil {
			return time.Time{}, false, false
		}
		sec := min(int64(frac*86400+0.5), 86399)
		t = t.Add(time.Duration(sec) * time.Second)
		hasTime = true
	}
	return t, hasTime, true
}
