package main

import (
	"fmt"
	"os"
	"strings"
	"time"
	_ "time/tzdata" // zone names work on systems without a zone database

	"github.com/runlog/runlog/analysis"
	"github.com/runlog/runlog/analysis/notes"
)

// readNotes finds and reads the notes for an analysis: the notes files in
// the folders and archives given, then every --notes file. A notes file
// that cannot be read is reported on stderr and as an input error; its
// unusable lines are warnings.
func readNotes(opts *AnalyzeOptions, cfg Config) (analysis.NotesInput, error) {
	in := analysis.NotesInput{}
	unlogged := firstNonEmpty(opts.Unlogged, os.Getenv("RUNLOG_UNLOGGED"), cfg.Unlogged, analysis.UnloggedClean)
	if unlogged != analysis.UnloggedClean && unlogged != analysis.UnloggedUnknown {
		return in, usageError{fmt.Errorf("--unlogged %q: use clean or unknown", unlogged)}
	}
	in.Unlogged = unlogged
	tz := firstNonEmpty(opts.TZ, os.Getenv("RUNLOG_TZ"), cfg.TimeZone)
	in.Location = time.Local
	if tz != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			return in, usageError{fmt.Errorf("time zone %q: %v", tz, err)}
		}
		in.Location = loc
	}
	seen := map[string]bool{}
	for _, name := range append(notes.Discover(opts.Paths), opts.Notes...) {
		if seen[name] {
			continue
		}
		seen[name] = true
		in.Given = true
		entries, warnings, err := notes.ReadPath(name)
		if err != nil {
			in.Errors = append(in.Errors, analysis.InputError{Source: name, Err: errText(name, err)})
			continue
		}
		in.Entries = append(in.Entries, entries...)
		in.Warnings = append(in.Warnings, warnings...)
	}
	return in, nil
}

// errText makes sure an error names its file.
func errText(name string, err error) string {
	s := err.Error()
	if strings.Contains(s, name) {
		return s
	}
	return name + ": " + s
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
