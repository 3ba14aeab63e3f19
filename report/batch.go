package report

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
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
	fmt.Fprintln(tw, "  athlete\truns\tnumb\tdoctor\tlikely causes\talso with numb runs\tnot read")
	for _, s := range list {
		doctor := "-"
		if s.SeeDoctor {
			doctor = "ADVISED"
		}
		likely := strings.Join(s.LikelyCauses, ", ")
		if likely == "" {
			likely = "-"
		}
		also := strings.Join(s.WithNumbTitles, ", ")
		if also == "" {
			also = "-"
		}
		bad := "-"
		if n := len(s.Errors) + s.NotesUnread; n > 0 {
			bad = fmt.Sprint(n)
		}
		fmt.Fprintf(tw, "  %s\t%d\t%d\t%s\t%s\t%s\t%s\n", Printable(s.Name), s.Runs, s.Numb, doctor, likely, also, bad)
	}
	tw.Flush()
	for _, s := range list {
		for _, e := range s.Errors {
			fmt.Fprintln(ew, "  "+wrapWords(Printable(s.Name)+": not read: "+Printable(e.Err), 2, rosterWidth, "    "))
		}
		for _, u := range s.Unread {
			fmt.Fprintln(ew, "  "+wrapWords(Printable(s.Name)+": note not read: "+Printable(unreadWhere(u)), 2, rosterWidth, "    "))
		}
	}
	fmt.Fprintln(ew, "\n"+wrapWords(rosterLegend, 0, rosterWidth, ""))
	fmt.Fprintln(ew, "\nrunlog is not medical advice; each athlete's own report says why.")
	return ew.err
}

type jsonAthlete struct {
	Name         string      `json:"name"`
	Runs         int         `json:"runs"`
	NumbRuns     int         `json:"numb_runs"`
	LikelyCauses []string    `json:"likely_causes"`
	WithNumb     []string    `json:"with_numb_runs"` // what-else ids that go with numb runs (issue 14)
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
		ja := jsonAthlete{Name: s.Name, Runs: s.Runs, NumbRuns: s.Numb, LikelyCauses: append([]string{}, s.LikelyCauses...), WithNumb: append([]string{}, s.WithNumb...),
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

// rosterColumns are the roster's columns in Markdown and HTML.
var rosterColumns = []string{"athlete", "runs", "numb runs", "likely causes", "also with numb runs", "doctor advised", "errors", "notes unread"}

// rosterLegend says what the "also with numb runs" column holds.
const rosterLegend = "Also with numb runs: what the watch or notes record beyond form (left/right balance, downhill running, " +
	"onset on a descent, temperature, cold in the notes) that goes with the athlete's numb runs (p < 0.05; " +
	"the athlete's report, \"What else the watch shows\", has the numbers)."

// rosterWidth is the width the text roster wraps its sentences to.
const rosterWidth = 100

// rosterRow is an athlete's roster line as Markdown and HTML show it:
// figures formatted, strings still raw (each renderer escapes them).
type rosterRow struct {
	Name, Link                                     string // Link: the athlete's report file, percent-encoded, relative; "" without one
	Runs, Numb, Likely, Also, Doctor, Errs, Unread string
	SeeDoctor                                      bool
}

type rosterError struct{ Name, Err string }

type rosterView struct {
	Head       string
	Legend     string // what the "also with numb runs" column holds; "" without rows
	Rows       []rosterRow
	Errors     []rosterError
	Disclaimer string
}

const rosterDisclaimer = "runlog is not medical advice; each athlete's own report says why."

func newRosterView(list []analysis.Summary, files map[string]string) rosterView {
	v := rosterView{Disclaimer: rosterDisclaimer}
	if len(list) == 0 {
		v.Head = "No athletes: no folders in the batch folder."
		return v
	}
	v.Head = plural(len(list), "athlete", "athletes") + ", by the attention they need (doctor advised, likely causes, share of numb runs)."
	v.Legend = rosterLegend
	for _, s := range list {
		r := rosterRow{Name: Printable(s.Name), Runs: fmt.Sprint(s.Runs), Numb: fmt.Sprint(s.Numb),
			Likely: missing, Also: missing, Doctor: missing, Errs: missing, Unread: missing, SeeDoctor: s.SeeDoctor}
		if f := files[s.Name]; f != "" {
			r.Link = relLink(f)
		}
		if len(s.LikelyCauses) > 0 {
			r.Likely = Printable(strings.Join(s.LikelyCauses, ", "))
		}
		if len(s.WithNumb) > 0 {
			r.Also = strings.Join(s.WithNumbTitles, ", ")
		}
		if s.SeeDoctor {
			r.Doctor = "YES"
		}
		if len(s.Errors) > 0 {
			r.Errs = fmt.Sprint(len(s.Errors))
		}
		if s.NotesUnread > 0 {
			r.Unread = fmt.Sprint(s.NotesUnread)
		}
		v.Rows = append(v.Rows, r)
		for _, e := range s.Errors {
			v.Errors = append(v.Errors, rosterError{Name: Printable(s.Name), Err: Printable(e.Err)})
		}
		for _, u := range s.Unread {
			v.Errors = append(v.Errors, rosterError{Name: Printable(s.Name), Err: "note " + Printable(unreadWhere(u))})
		}
	}
	return v
}

// unreadWhere is an unread note as "file:line: why" (the file alone when
// the whole file was not read).
func unreadWhere(u analysis.UnreadNote) string {
	if u.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", u.File, u.Line, u.Reason)
	}
	return u.File + ": " + u.Reason
}

// relLink makes a file name in the roster's folder a relative link: every
// byte but letters, digits and -._~ percent-encoded, so that no name can
// end the link, name a scheme (a colon), a query or a fragment.
func relLink(file string) string {
	var b strings.Builder
	for i := 0; i < len(file); i++ {
		c := file[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// RosterMarkdown writes the roster as a Markdown table in the order given
// (by attention), then each athlete's unread inputs. files, when not nil,
// names each athlete's report file by athlete name: the athlete's cell
// links to it (relative to the roster's folder). Every name, file name and
// error is escaped for Markdown.
func RosterMarkdown(w io.Writer, list []analysis.Summary, files map[string]string) error {
	ew := &errWriter{w: w}
	v := newRosterView(list, files)
	fmt.Fprint(ew, "# runlog roster\n\n")
	mdLine(ew, "", md(v.Head))
	if len(v.Rows) > 0 {
		fmt.Fprintln(ew)
		head := make([]string, len(rosterColumns))
		for i, c := range rosterColumns {
			head[i] = md(c)
		}
		fmt.Fprintf(ew, "| %s |\n", strings.Join(head, " | "))
		fmt.Fprintln(ew, "|---|--:|--:|---|---|---|--:|--:|")
		for _, r := range v.Rows {
			name := md(r.Name)
			if r.Link != "" {
				name = "[" + name + "](" + r.Link + ")"
			}
			fmt.Fprintf(ew, "| %s |\n", strings.Join([]string{name, r.Runs, r.Numb, md(r.Likely), md(r.Also), r.Doctor, r.Errs, r.Unread}, " | "))
		}
		fmt.Fprintln(ew)
		mdLine(ew, "", md(v.Legend))
	}
	if len(v.Errors) > 0 {
		fmt.Fprint(ew, "\n## Not read\n\n")
		for _, e := range v.Errors {
			mdLine(ew, "- ", "**"+md(e.Name)+"**: "+md(e.Err))
		}
	}
	fmt.Fprintln(ew)
	mdLine(ew, "", "*"+md(v.Disclaimer)+"*")
	return ew.err
}

//go:embed roster.html.tmpl
var rosterHTMLTemplate string

var rosterTemplate = template.Must(template.New("roster").Parse(rosterHTMLTemplate))

// RosterHTML writes the roster as one self-contained page (inline CSS, no
// script): a table in the order given, each athlete linking to their
// report file when files names one (relative to the roster's folder).
// html/template escapes every name, file name and error.
func RosterHTML(w io.Writer, list []analysis.Summary, files map[string]string) error {
	v := newRosterView(list, files)
	ew := &errWriter{w: w}
	if err := rosterTemplate.Execute(ew, &v); err != nil {
		return err
	}
	return ew.err
}
