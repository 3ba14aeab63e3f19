package report

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/runlog/runlog/analysis/notes"
)

// noteJSON is one note in `runlog note list --format json`; null where
// the note does not say.
type noteJSON struct {
	Date     string   `json:"date"`
	Time     *string  `json:"time"`
	Foot     *string  `json:"foot"`
	OnsetKm  *float64 `json:"onset_km"`
	OnsetMin *float64 `json:"onset_min"`
	Severity *int     `json:"severity"`
	Shoes    *string  `json:"shoes"`
	Text     string   `json:"text"`
	File     string   `json:"file"`
	Line     int      `json:"line"`
}

// NotesJSON prints the notes of a journal as a JSON array.
func NotesJSON(w io.Writer, entries []notes.Entry) error {
	list := make([]noteJSON, 0, len(entries))
	for i := range entries {
		list = append(list, noteView(&entries[i]))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(list)
}

// noteView is what list shows of an entry: the explicit field when the
// note has one, else what its text says.
func noteView(e *notes.Entry) noteJSON {
	v := noteJSON{Date: e.When.Format("2006-01-02"), Text: e.Text, File: e.File, Line: e.Line}
	if e.HasTime {
		t := e.When.Format("15:04")
		v.Time = &t
	}
	foot := e.Foot
	if foot == "" {
		foot = e.Facts.Foot
	}
	if foot != "" {
		v.Foot = &foot
	}
	v.OnsetKm = firstNumber(e.OnsetKm, e.Facts.OnsetKm)
	v.OnsetMin = firstNumber(e.OnsetMin, e.Facts.OnsetMin)
	if e.Severity != 0 {
		s := e.Severity
		v.Severity = &s
	}
	if e.Shoes != "" {
		s := e.Shoes
		v.Shoes = &s
	}
	return v
}

// firstNumber returns the first value that is given (not NaN), or nil.
func firstNumber(vs ...float64) *float64 {
	for _, v := range vs {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			return &v
		}
	}
	return nil
}

// NotesText prints the notes of a journal one per line, in aligned
// columns: date, time, foot, onset, severity, text ("-" where not given).
func NotesText(w io.Writer, entries []notes.Entry) error {
	for i := range entries {
		n := noteView(&entries[i])
		tm, foot, onset, sev := "-", "-", "-", "-"
		if n.Time != nil {
			tm = *n.Time
		}
		if n.Foot != nil {
			foot = *n.Foot
		}
		switch {
		case n.OnsetKm != nil:
			onset = strconv.FormatFloat(math.Round(*n.OnsetKm*100)/100, 'f', -1, 64) + " km"
		case n.OnsetMin != nil:
			onset = strconv.FormatFloat(math.Round(*n.OnsetMin*10)/10, 'f', -1, 64) + " min"
		}
		if n.Severity != nil {
			sev = "sev " + strconv.Itoa(*n.Severity)
		}
		if _, err := fmt.Fprintf(w, "%s %-5s  %-5s  %-8s  %-5s  %s\n", n.Date, tm, foot, onset, sev, n.Text); err != nil {
			return err
		}
	}
	return nil
}
