package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/runlog/runlog/analysis"
)

// BatchSchema names the JSON roster of `runlog batch`.
const BatchSchema = "runlog.batch/v1"

// RosterText writes the roster for a coach: one athlete a line, in the
// order given (by attention), then each athlete's unread inputs.
func RosterText(w io.Writer, list []analysis.Summary) error {
	ew := &errWriter{w: w}
	if len(list) == 0 {
		fmt.Fprintln(ew, "No athletes: no folders in the batch folder.")
		return ew.err
	}
	fmt.Fprintf(ew, "%s, by the attention they need (doctor advised, likely causes, share of numb runs):\n\n", plural(len(list), "athlete", "athletes"))
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  athlete\truns\tnumb\tdoctor\tlikely causes\tnot read")
	for _, s := range list {
		doctor := "-"
		if s.SeeDoctor {
			doctor = "ADVISED"
		}
		likely := strings.Join(s.LikelyCauses, ", ")
		if likely == "" {
			likely = "-"
		}
		bad := "-"
		if n := len(s.Errors) + s.NotesUnread; n > 0 {
			bad = fmt.Sprint(n)
		}
		fmt.Fprintf(tw, "  %s\t%d\t%d\t%s\t%s\t%s\n", Printable(s.Name), s.Runs, s.Numb, doctor, likely, bad)
	}
	tw.Flush()
	for _, s := range list {
		for _, e := range s.Errors {
			fmt.Fprintf(ew, "  %s: not read: %s\n", Printable(s.Name), Printable(e.Err))
		}
	}
	fmt.Fprintln(ew, "\nrunlog is not medical advice; each athlete's own report says why.")
	return ew.err
}

type jsonAthlete struct {
	Name         string      `json:"name"`
	Runs         int         `json:"runs"`
	NumbRuns     int         `json:"numb_runs"`
	LikelyCauses []string    `json:"likely_causes"`
	SeeDoctor    bool        `json:"see_doctor"`
	Errors       []jsonError `json:"errors"`
	NotesUnread  int         `json:"notes_unread"`
	Report       string      `json:"report,omitempty"` // the athlete's report file, with --out
}

type jsonRoster struct {
	Schema   string        `json:"schema"`
	Athletes []jsonAthlete `json:"athletes"`
}

// RosterJSON writes the roster as one runlog.batch/v1 object. files, when
// not nil, names each athlete's report file by athlete name.
func RosterJSON(w io.Writer, list []analysis.Summary, files map[string]string) error {
	doc := jsonRoster{Schema: BatchSchema, Athletes: []jsonAthlete{}}
	for _, s := range list {
		ja := jsonAthlete{Name: s.Name, Runs: s.Runs, NumbRuns: s.Numb, LikelyCauses: append([]string{}, s.LikelyCauses...),
			SeeDoctor: s.SeeDoctor, Errors: []jsonError{}, NotesUnread: s.NotesUnread, Report: files[s.Name]}
		for _, e := range s.Errors {
			ja.Errors = append(ja.Errors, jsonError{Source: e.Source, Error: e.Err})
		}
		doc.Athletes = append(doc.Athletes, ja)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
