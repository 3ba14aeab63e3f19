package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	_ "time/tzdata" // zone names work on systems without a zone database

	"github.com/runlog/runlog/analysis"
	"github.com/runlog/runlog/analysis/notes"
)

// dateOrderEnv names the environment variable behind --date-order.
const dateOrderEnv = "RUNLOG_DATE_ORDER"

// resolveDateOrder is --date-order, else $RUNLOG_DATE_ORDER, else the
// config file's date_order: "dmy", "mdy" or "" (ambiguous dates are not
// read). A bad value is a usage error naming where it came from.
func resolveDateOrder(flag string, cfg Config, getenv func(string) string) (string, error) {
	check := func(v, where string) (string, error) {
		switch v {
		case "", notes.DayFirst, notes.MonthFirst:
			return v, nil
		}
		return "", usageError{fmt.Errorf("%s %q: use dmy (day first, 03/04 is 3 April) or mdy (month first, 03/04 is March 4)", where, v)}
	}
	switch {
	case flag != "":
		return check(strings.ToLower(flag), "--date-order")
	case getenv(dateOrderEnv) != "":
		return check(strings.ToLower(getenv(dateOrderEnv)), dateOrderEnv)
	}
	return check(strings.ToLower(cfg.DateOrder), "config date_order")
}

// splitInputs separates the notes files named among the inputs (see
// notes.IsNotesFile) from the FIT inputs. Folders and archives are always
// FIT inputs; a notes name that is not a regular file stays an input, so
// that reading it reports why.
func splitInputs(paths []string) (fit, notesFiles []string) {
	for _, p := range paths {
		if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() && notes.IsNotesFile(p) {
			notesFiles = append(notesFiles, p)
			continue
		}
		fit = append(fit, p)
	}
	return fit, notesFiles
}

// notesKey identifies a notes file however it was reached (a relative or
// absolute path, a symbolic link, an archive entry), so it is read once.
func notesKey(name string) string {
	archive, entry, isEntry := strings.Cut(name, "!")
	if !isEntry || !strings.EqualFold(filepath.Ext(archive), ".zip") {
		archive, entry = name, ""
	}
	if real, err := filepath.EvalSymlinks(archive); err == nil {
		archive = real
	}
	if abs, err := filepath.Abs(archive); err == nil {
		archive = abs
	}
	if entry != "" {
		return archive + "!" + entry
	}
	return archive
}

// readNotes finds and reads the notes for an analysis: the notes files in
// the folders and archives given and beside FIT files named one by one,
// the notes files named among the inputs, every --notes file, and
// runlog's own journal unless --no-journal (a journal that does not exist
// yet is no notes, not an error). Each file is read once however it was
// reached. A notes file that cannot be read is an input error; its
// unusable lines are warnings.
func readNotes(opts *AnalyzeOptions, cfg Config, fitPaths, named []string) (analysis.NotesInput, error) {
	in := analysis.NotesInput{}
	unlogged := firstNonEmpty(opts.Unlogged, opts.IO.getenv("RUNLOG_UNLOGGED"), cfg.Unlogged, analysis.UnloggedClean)
	if unlogged != analysis.UnloggedClean && unlogged != analysis.UnloggedUnknown {
		return in, usageError{fmt.Errorf("unlogged %q (--unlogged, RUNLOG_UNLOGGED or the config file): use clean or unknown", unlogged)}
	}
	in.Unlogged = unlogged
	loc, err := resolveZone(opts.TZ, cfg, opts.IO.getenv)
	if err != nil {
		return in, err
	}
	in.Location = loc
	order, err := resolveDateOrder(opts.DateOrder, cfg, opts.IO.getenv)
	if err != nil {
		return in, err
	}
	readOpts := notes.Options{DateOrder: order}

	names := append(append(notes.Discover(fitPaths), named...), opts.Notes...)
	if !opts.NoJournal {
		if j, err := resolveJournal("", cfg, opts.IO.getenv); err == nil {
			if _, err := os.Stat(j); err == nil || !errors.Is(err, fs.ErrNotExist) {
				names = append(names, j)
			}
		}
	}
	seen := map[string]bool{}
	for _, name := range names {
		key := notesKey(name)
		if seen[key] {
			continue
		}
		seen[key] = true
		in.Given = true
		in.Files = append(in.Files, name)
		entries, warnings, err := notes.ReadPathWith(name, readOpts)
		if err != nil {
			in.Errors = append(in.Errors, analysis.InputError{Source: name, Err: errText(name, err)})
			continue
		}
		in.Entries = append(in.Entries, entries...)
		in.Warnings = append(in.Warnings, warnings...)
	}
	return in, nil
}

// resolveZone is the runner's time zone: --tz, else $RUNLOG_TZ, else the
// config file's timezone, else the system's. A name that is not a zone is
// a usage error naming where it came from.
func resolveZone(flag string, cfg Config, getenv func(string) string) (*time.Location, error) {
	tz, where := flag, "--tz"
	if tz == "" {
		tz, where = getenv("RUNLOG_TZ"), "RUNLOG_TZ"
	}
	if tz == "" {
		tz, where = cfg.TimeZone, "config timezone"
	}
	if tz == "" {
		return time.Local, nil
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil, usageError{fmt.Errorf("%s %q: not a time zone name (use an IANA name such as Europe/Berlin or UTC)", where, tz)}
	}
	return loc, nil
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
