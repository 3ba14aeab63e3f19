package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/runlog/runlog/analysis"
)

// InspectText writes what each input holds, for a person.
func InspectText(w io.Writer, files []analysis.FileInfo) error {
	ew := &errWriter{w: w}
	for i, f := range files {
		if i > 0 {
			fmt.Fprintln(ew)
		}
		fmt.Fprintln(ew, Printable(f.Source))
		if f.Err != "" {
			fmt.Fprintln(ew, "  error: "+wrapWords(Printable(f.Err), 9, inspectWidth, "    "))
			continue
		}
		fmt.Fprintf(ew, "  device:   %s\n", deviceText(f))
		fmt.Fprintf(ew, "  decoder:  %s\n", f.Decoder)
		if f.NotActivity != "" {
			fmt.Fprintf(ew, "  not an activity (FIT file type %s)\n", f.NotActivity)
		}
		for _, why := range f.Skipped {
			fmt.Fprintln(ew, "  skipped: "+wrapWords(why, 11, inspectWidth, "    "))
		}
		for _, s := range f.Sessions {
			what := s.Sport + "/" + s.SubSport
			if !s.IsRun {
				what += " (skipped: not running)"
			}
			line := fmt.Sprintf("session %d: %s, %s, %s records, %s km, timer %s", s.Index, what,
				inspectStart(&s), fmt.Sprint(s.Records), fixed(s.DistanceM/1000, 2), clock(s.TimerS))
			fmt.Fprintln(ew, "  "+wrapWords(line, 2, inspectWidth, "    "))
			var cov []string
			for _, c := range s.Coverage {
				if c.Records > 0 {
					cov = append(cov, fmt.Sprintf("%s %s%%", c.Field, fixed(c.Percent, 0)))
				}
			}
			if len(cov) > 0 {
				fmt.Fprintf(ew, "    fields: %s\n", wrap(cov, 68, "            "))
			} else {
				fmt.Fprintln(ew, "    fields: none")
			}
			for _, wn := range s.Warnings {
				fmt.Fprintln(ew, "    warning: "+wrapWords(wn, 13, inspectWidth, "      "))
			}
		}
		for _, wn := range f.Warnings {
			fmt.Fprintln(ew, "  warning: "+wrapWords(wn, 11, inspectWidth, "    "))
		}
	}
	return ew.err
}

// inspectWidth is the width inspect's text wraps its sentences to.
const inspectWidth = 100

// inspectStart is a session's start as analyze shows it — local time when
// the file gives its offset ("2014-12-29 05:38 +08:00"), else UTC with a
// Z — so that a note dated from it lands on the run.
func inspectStart(s *analysis.SessionInfo) string {
	if !s.HasUTCOffset {
		return s.Start.UTC().Format("2006-01-02 15:04:05Z")
	}
	return s.LocalStart().Format("2006-01-02 15:04:05 -07:00")
}

func deviceText(f analysis.FileInfo) string {
	parts := []string{}
	if f.Device.Manufacturer != "" {
		parts = append(parts, f.Device.Manufacturer)
	}
	if p := f.Device.Product; p != "" {
		if strings.Trim(p, "0123456789") == "" {
			// A number: the FIT profile has no name for this product.
			p = "product " + p
		}
		parts = append(parts, p)
	}
	if len(parts) == 0 {
		return "unknown"
	}
	s := strings.Join(parts, " ")
	if f.Device.Serial != "" {
		s += " (serial " + f.Device.Serial + ")"
	}
	return s
}

// wrap joins parts with ", ", starting a new line, indented by cont,
// before a line would pass width.
func wrap(parts []string, width int, cont string) string {
	var b strings.Builder
	line := 0
	for i, part := range parts {
		if i > 0 {
			if line+len(part)+2 > width {
				b.WriteString(",\n" + cont)
				line = 0
			} else {
				b.WriteString(", ")
				line += 2
			}
		}
		b.WriteString(part)
		line += len(part)
	}
	return b.String()
}

type jsonInspect struct {
	Schema string            `json:"schema"`
	Files  []jsonInspectFile `json:"files"`
}

type jsonInspectFile struct {
	Source      string               `json:"source"`
	Error       *string              `json:"error"`
	Decoder     *string              `json:"decoder"`
	Device      jsonDevice           `json:"device"`
	Truncated   bool                 `json:"truncated"`
	NotActivity *string              `json:"not_activity"`
	Skipped     []string             `json:"skipped"` // why the whole file holds no run
	Sessions    []jsonInspectSession `json:"sessions"`
	Warnings    []string             `json:"warnings"`
}

type jsonInspectSession struct {
	Index     int                `json:"index"`
	Sport     string             `json:"sport"`
	SubSport  string             `json:"sub_sport"`
	Start     string             `json:"start"`
	IsRun     bool               `json:"is_run"`
	Records   int                `json:"records"`
	TimerS    *float64           `json:"timer_s"`
	DistanceM *float64           `json:"distance_m"`
	Truncated bool               `json:"truncated"`
	Coverage  map[string]float64 `json:"coverage_percent"`
	Warnings  []string           `json:"warnings"`
}

// InspectJSON writes what each input holds as JSON (schema runlog-inspect/v1).
func InspectJSON(w io.Writer, files []analysis.FileInfo) error {
	doc := jsonInspect{Schema: "runlog-inspect/v1", Files: []jsonInspectFile{}}
	for _, f := range files {
		jf := jsonInspectFile{Source: f.Source, Error: str(f.Err), Decoder: str(f.Decoder),
			Device:    jsonDevice{Manufacturer: str(f.Device.Manufacturer), Product: str(f.Device.Product), Serial: str(f.Device.Serial)},
			Truncated: f.Truncated, NotActivity: str(f.NotActivity),
			Sessions: []jsonInspectSession{}, Warnings: append([]string{}, f.Warnings...), Skipped: append([]string{}, f.Skipped...)}
		for _, s := range f.Sessions {
			js := jsonInspectSession{Index: s.Index, Sport: s.Sport, SubSport: s.SubSport,
				Start: s.Start.UTC().Format(time.RFC3339), IsRun: s.IsRun, Records: s.Records,
				TimerS: num(s.TimerS, 1), DistanceM: num(s.DistanceM, 1), Truncated: s.Truncated,
				Coverage: map[string]float64{}, Warnings: append([]string{}, s.Warnings...)}
			for _, c := range s.Coverage {
				js.Coverage[c.Field] = *num(c.Percent, 1)
			}
			jf.Sessions = append(jf.Sessions, js)
		}
		doc.Files = append(doc.Files, jf)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
