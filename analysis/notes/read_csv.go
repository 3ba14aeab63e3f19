package notes

// CSV notes with a header row, and the column (or JSON key) names and
// values shared with read_json.go.
//
// Column names are matched loosely: case, spaces and punctuation are
// ignored ("Onset (km)", "onset_km" and "OnsetKm" are the same column).
// The names understood are in columnNames. Unknown columns are named in one
// warning and otherwise ignored. When a name repeats, the first non-empty
// value wins; several text columns are joined with a newline.
//
// Values:
//   - date: any form of read_date.go, with or without a time: 2026-11-20,
//     2026/11/20, 15/08/2015, "9 Jul 2024", "July 9, 2024 7:10 pm",
//     "2026-11-20 07:10", 2026-11-20T07:10:00; in CSV also a spreadsheet
//     serial (45482, 45482.25). A zone (Z, +01:00) makes it a UTC instant
//     (WhenUTC); without one it is local wall-clock time.
//   - time: 07:10, 7:10:23, 7.10, 7:10 pm (overrides a time in the date).
//   - foot: left/l, right/r, both/b/bilateral/l+r, or words ("left foot").
//   - onset: a number with an optional unit: 5, 5km, 5 k, 3 mi, 800 m,
//     25 min, 1.5 h, 0:25:00 (h:mm:ss) or 25:00 (mm:ss). A bare number is
//     in the column's unit: km for "onset", "at" and "onset_km", miles for
//     "onset_mi", minutes for "onset_min". An explicit unit wins over the
//     column's. "m" is metres from 100 up and minutes below (runners write
//     800m and 20m). Words ("halfway", "at the end") set the relative onset.
//     A decimal comma (5,5) is read as a decimal point.
//   - severity: a whole number 0–5, optionally written "3/5"; 0 (or
//     "none") says there was no numbness, 1–5 that there was, when neither
//     a numbness column nor the text says; anything else is a warning and
//     is ignored.
//   - numbness: yes/no, true/false, 1/0, x, y/n, or words ("numb", "no
//     numbness"); a JSON true/false or number (0: none). It wins over the
//     text.

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// field is what a column or JSON key means.
type field int

const (
	fNone field = iota
	fDate
	fTime
	fFoot
	fOnset    // bare number: km
	fOnsetKm  // bare number: km
	fOnsetMi  // bare number: miles
	fOnsetMin // bare number: minutes
	fSeverity
	fShoes
	fSurface
	fText
	fNumb
	nFields
)

// columnNames maps normalized column names (see normName) to fields.
var columnNames = map[string]field{}

func init() {
	for f, names := range map[field]string{
		fDate:     "date day when datetime timestamp rundate activitydate startdate dateofrun rundatetime",
		fTime:     "time clock starttime timeofday",
		fFoot:     "foot feet side whichfoot",
		fOnset:    "onset at onsetat after onsetafter",
		fOnsetKm:  "onsetkm km atkm onsetkilometers onsetkilometres onsetdistance onsetdistancekm",
		fOnsetMi:  "onsetmi onsetmile onsetmiles atmi atmile mi miles",
		fOnsetMin: "onsetmin onsetmins onsetminutes onsettime atmin min mins minutes",
		fSeverity: "severity sev pain painlevel intensity level score rating",
		fShoes:    "shoes shoe gear footwear trainers sneakers shoesgear shoegear",
		fSurface:  "surface terrain ground",
		fText:     "note notes text comment comments description desc entry memo details remarks symptoms",
		fNumb:     "numb numbness wentnumb numbfeet numbtoes anynumbness tingling",
	} {
		for _, n := range strings.Fields(names) {
			columnNames[n] = f
		}
	}
}

// qualifiedRe is a column name with a qualifier after its one word:
// "Notes, free text", "Date (local)", "Shoes [model]".
var qualifiedRe = regexp.MustCompile(`^\s*([\pL\pN]+)\s*(?:,.*|\(.*\)|\[.*\])\s*$`)

// columnField is what a column (or JSON key) named h means: by its whole
// name (see normName), else by its one word before a qualifier.
func columnField(h string) field {
	if f := columnNames[normName(h)]; f != fNone {
		return f
	}
	if m := qualifiedRe.FindStringSubmatch(h); m != nil {
		return columnNames[normName(m[1])]
	}
	return fNone
}

// normName lower-cases s and keeps only its letters and digits.
func normName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// sepLineRe is the line Excel reads (and some exports write) before the
// header to name the separator: "sep=;".
var sepLineRe = regexp.MustCompile(`^"?sep=([,;\t|])"?$`)

// csvHeader returns the first non-blank line split as CSV on the
// delimiter (',', ';' or tab) that makes it a notes header with the most
// columns, and that delimiter. A first line
// "sep=;" names the delimiter and is skipped: skip is how many bytes of
// data come before the CSV. It returns no fields for a line that is a
// Markdown heading or table, or not valid CSV.
func csvHeader(data []byte) (header []string, comma rune, skip int) {
	var line []byte
	for rest := data; len(rest) > 0 && len(bytes.TrimSpace(line)) == 0; {
		line, rest, _ = bytes.Cut(rest, []byte{'\n'})
		skip = len(data) - len(rest)
	}
	line = bytes.TrimSpace(line)
	comma = 0
	if m := sepLineRe.FindSubmatch(line); m != nil {
		comma = rune(m[1][0])
		line = nil
		for rest := data[skip:]; len(rest) > 0 && len(bytes.TrimSpace(line)) == 0; {
			line, rest, _ = bytes.Cut(rest, []byte{'\n'})
		}
		line = bytes.TrimSpace(line)
	} else {
		skip = 0
	}
	if len(line) == 0 || line[0] == '#' || line[0] == '|' || len(line) > MaxLineBytes {
		return nil, ',', 0
	}
	split := func(c rune) []string {
		r := csv.NewReader(bytes.NewReader(line))
		r.Comma = c
		r.TrimLeadingSpace = true
		rec, err := r.Read()
		if err != nil {
			return nil
		}
		return rec
	}
	if comma != 0 {
		return split(comma), comma, skip
	}
	// The delimiter that makes a notes header, else the most columns; a
	// tie goes to ',' then ';' then tab. Quoted names may hold the others:
	// "Date";"Notes, free text".
	var best []string
	bestScore := -1
	comma = ','
	for _, c := range []rune{',', ';', '\t'} {
		rec := split(c)
		score := len(rec)
		if isNotesHeader(rec) || isStravaHeader(rec) {
			score += 1 << 20
		}
		if rec != nil && score > bestScore {
			best, bestScore, comma = rec, score, c
		}
	}
	return best, comma, 0
}

// isNotesHeader: at least two columns, one of them a date.
func isNotesHeader(header []string) bool {
	if len(header) < 2 {
		return false
	}
	for _, h := range header {
		if columnField(h) == fDate {
			return true
		}
	}
	return false
}

// parseCSV reads a notes CSV; the CSV starts skip bytes into data (after a
// "sep=" line).
func parseCSV(name string, data []byte, comma rune, skip int, d *dater) []Entry {
	w := d.w
	lines := bytes.Count(data[:skip], []byte{'\n'}) // before the CSV
	r := csv.NewReader(bytes.NewReader(data[skip:]))
	r.Comma = comma
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err != nil {
		w.unread(1, nil, "unreadable header: %v: file skipped", csvErr(err))
		return nil
	}
	headerLine, _ := r.FieldPos(0)
	headerLine += lines
	kinds := make([]field, len(header))
	var unknown []string
	for i, h := range header {
		kinds[i] = columnField(h)
		if kinds[i] == fNone && strings.TrimSpace(h) != "" {
			unknown = append(unknown, strconv.Quote(strings.TrimSpace(h)))
		}
	}
	if len(unknown) > 0 && !slices.Contains(kinds, fText) && !slices.Contains(kinds, fNumb) {
		// No column runlog knows holds the runner's words ("How it
		// went"): the columns it does not know are the note's text, so
		// that every row is not read as a run without numbness.
		for i := range kinds {
			if kinds[i] == fNone && strings.TrimSpace(header[i]) != "" {
				kinds[i] = fText
			}
		}
		w.add(headerLine, "no notes column by a name runlog knows: read %s as the note's text", strings.Join(unknown, ", "))
	} else if len(unknown) > 0 {
		w.add(headerLine, "unknown columns ignored: %s", strings.Join(unknown, ", "))
	}

	var entries []Entry
	eachRow(r, w, lines, func(line int, rec []string) {
		var v values
		v.serial = true
		for i, s := range rec {
			if i < len(kinds) {
				v.set(kinds[i], s)
			}
		}
		if e, ok := v.entry(name, line, d, rowWarn{w: w, line: line}); ok {
			entries = append(entries, e)
		}
	})
	return entries
}

// eachRow calls fn with every data row of r and the line it starts on (the
// header's line and offset lines before it excluded); a row that cannot be
// parsed, or is longer than MaxLineBytes, is a warning.
func eachRow(r *csv.Reader, w *warner, offset int, fn func(line int, rec []string)) {
	last := 1
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			line := last + 1
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			w.unread(line+offset, nil, "unreadable row: %v: skipped", csvErr(err))
			last = line
			continue
		}
		line, _ := r.FieldPos(0)
		last = line
		if size := recordSize(rec); size > MaxLineBytes {
			w.unread(line+offset, nil, "row too long (%d bytes, at most %d): skipped", size, MaxLineBytes)
			continue
		}
		fn(line+offset, rec)
	}
}

// rowWarn gives the warnings of one row, object or table row.
type rowWarn struct {
	w      *warner
	line   int
	prefix string // "element 3: " in a JSON array
}

func (r rowWarn) add(format string, args ...any) { r.w.add(r.line, r.prefix+format, args...) }

func (r rowWarn) unread(dates []Day, format string, args ...any) {
	r.w.unread(r.line, dates, r.prefix+format, args...)
}

// csvErr words a CSV error; a ParseError keeps its line.
func csvErr(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Sprintf("%v (line %d)", pe.Err, pe.Line)
	}
	return err.Error()
}

func recordSize(rec []string) int {
	n := 0
	for _, s := range rec {
		n += len(s)
	}
	return n
}

// values are one row's (or object's) values by field.
type values struct {
	v      [nFields]string
	text   []string
	serial bool // a bare 5-digit date is a spreadsheet serial (CSV)
}

// set keeps the first non-empty value of a field; text values add up.
func (v *values) set(f field, s string) {
	s = strings.TrimSpace(s)
	switch {
	case s == "" || f == fNone:
	case f == fDate && isWeekday(s):
		// A "Day" column of weekday names beside the date column.
	case f == fText:
		v.text = append(v.text, s)
	case v.v[f] == "":
		v.v[f] = s
	}
}

// entry builds the Entry of a row. Problems are reported through warn; ok
// is false when the row has no usable date (or nothing at all). A date
// without a year is left to d (see dater).
func (v *values) entry(file string, line int, d *dater, warn rowWarn) (e Entry, ok bool) {
	if v.v[fDate] == "" {
		empty := len(v.text) == 0
		for _, s := range v.v {
			empty = empty && s == ""
		}
		if !empty {
			warn.unread(nil, "no date: skipped")
		}
		return Entry{}, false
	}
	e = Entry{File: file, Line: line, Text: strings.Join(v.text, "\n"), OnsetKm: math.NaN(), OnsetMin: math.NaN(),
		Shoes: v.v[fShoes], Surface: v.v[fSurface]}
	st, err := parseWhen(v.v[fDate], v.v[fTime], d.opts.DateOrder, v.serial)
	if err != nil && v.v[fTime] != "" {
		// A time column runlog cannot read (a run's duration, "morning")
		// costs the time, not the note.
		if st2, err2 := parseWhen(v.v[fDate], "", d.opts.DateOrder, v.serial); err2 == nil {
			warn.add("%v: the time is ignored", err)
			st, err = st2, nil
		}
	}
	if err != nil && st.problem == "" {
		warn.unread(nil, "%v: skipped", err)
		return Entry{}, false
	}
	if !d.entryWhen(&e, st, v.v[fDate], warn) {
		return Entry{}, false
	}

	if s := v.v[fFoot]; s != "" {
		if foot, ok := footValue(s); ok {
			e.Foot = foot
		} else {
			warn.add("foot %q not understood (want left, right or both): ignored", clip(s))
		}
	}
	var relative string
	for _, c := range []struct {
		f    field
		unit string
	}{{fOnset, "km"}, {fOnsetKm, "km"}, {fOnsetMi, "mi"}, {fOnsetMin, "min"}} {
		s := v.v[c.f]
		if s == "" {
			continue
		}
		km, mins, rel, ok := onsetValue(s, c.unit)
		if !ok {
			warn.add("onset %q not understood (want e.g. 5 km, 3 mi, 25 min, halfway): ignored", clip(s))
			continue
		}
		if !math.IsNaN(km) && math.IsNaN(e.OnsetKm) {
			e.OnsetKm = km
		}
		if !math.IsNaN(mins) && math.IsNaN(e.OnsetMin) {
			e.OnsetMin = mins
		}
		if relative == "" {
			relative = rel
		}
	}
	severity := -1
	if s := v.v[fSeverity]; s != "" {
		if n, ok := severityValue(s); ok {
			e.Severity, severity = n, n
		} else {
			warn.add("severity %q is not a whole number from 0 to 5: ignored", clip(s))
		}
	}
	if s := v.v[fNumb]; s != "" {
		if t, ok := numbValue(s); ok {
			e.Numb = t
		} else {
			warn.add("numbness %q not understood (want yes or no): ignored", clip(s))
		}
	}
	e.fill()
	if relative != "" {
		e.Facts.OnsetWhen = relative
	}
	// A severity says whether there was numbness when nothing else does.
	if e.Facts.Numbness == Unknown && severity >= 0 {
		e.Facts.Numbness = map[bool]Tri{true: Yes, false: No}[severity > 0]
	}
	return e, true
}

// isWeekday: s is only a weekday name ("Tue", "Tuesday").
func isWeekday(s string) bool {
	_, ok := weekdayNames[strings.TrimSuffix(strings.ToLower(strings.TrimSpace(s)), ".")]
	return ok
}

// numbValue reads a numbness column or field.
func numbValue(s string) (Tri, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "y", "true", "t", "x", "✓", "✔", "1", "numb", "ja", "oui", "si", "sí":
		return Yes, true
	case "no", "n", "false", "f", "0", "none", "-", "nope", "nein", "non":
		return No, true
	}
	if n, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil && n >= 0 && n <= 10 {
		return map[bool]Tri{true: Yes, false: No}[n > 0], true
	}
	if t := Extract(s).Numbness; t != Unknown {
		return t, true
	}
	return Unknown, false
}

// footValue reads a foot column.
func footValue(s string) (string, bool) {
	switch normName(s) {
	case "left", "l", "lt", "leftfoot":
		return "left", true
	case "right", "r", "rt", "rightfoot":
		return "right", true
	case "both", "b", "bothfeet", "bilateral", "lr", "rl", "leftright", "rightleft", "leftandright", "rightandleft":
		return "both", true
	}
	switch f := Extract(s).Foot; f {
	case "left", "right", "both":
		return f, true
	}
	return "", false
}

var (
	quantityRe = regexp.MustCompile(`^(\d+(?:[.,]\d+)?) ?([a-z]*)\.?$`)
	durationRe = regexp.MustCompile(`^(\d{1,3}):(\d{2})(?::(\d{2}))?$`)
)

// onsetValue reads an onset column whose bare numbers are in unit ("km",
// "mi" or "min"). It returns NaN for what the value does not give.
func onsetValue(s, unit string) (km, mins float64, relative string, ok bool) {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	if m := durationRe.FindStringSubmatch(s); m != nil {
		a, _ := strconv.ParseFloat(m[1], 64)
		b, _ := strconv.ParseFloat(m[2], 64)
		if m[3] == "" { // mm:ss
			return math.NaN(), a + b/60, "", b < 60
		}
		c, _ := strconv.ParseFloat(m[3], 64)
		return math.NaN(), a*60 + b + c/60, "", b < 60 && c < 60
	}
	if m := quantityRe.FindStringSubmatch(s); m != nil {
		n, err := strconv.ParseFloat(strings.Replace(m[1], ",", ".", 1), 64)
		u := m[2]
		if u == "" {
			u = unit
		}
		if km, mins, ok := quantity(n, u); ok && err == nil {
			return km, mins, "", true
		}
		return math.NaN(), math.NaN(), "", false
	}
	f := Extract(s)
	if f.OnsetWhen == "" && math.IsNaN(f.OnsetKm) && math.IsNaN(f.OnsetMin) {
		return math.NaN(), math.NaN(), "", false
	}
	return f.OnsetKm, f.OnsetMin, f.OnsetWhen, true
}

var severityRe = regexp.MustCompile(`^(\d+)(?:\.0+)?(?: ?/ ?5)?$`)

// severityValue reads a severity 0–5 ("none" is 0).
func severityValue(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "none") {
		return 0, true
	}
	m := severityRe.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil && n >= 0 && n <= 5
}

// sortedKeys returns the keys of a set, sorted; nil for an empty set.
func sortedKeys(set map[string]bool) []string {
	if len(set) == 0 {
		return nil
	}
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
