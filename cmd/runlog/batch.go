package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/runlog/runlog/analysis"
	"github.com/runlog/runlog/cmd/runlog/cache"
	"github.com/runlog/runlog/fitparse"
	"github.com/runlog/runlog/report"
	"github.com/spf13/cobra"
)

// BatchOptions holds what `runlog batch` was asked to do.
type BatchOptions struct {
	IO         IOStreams
	Dir        string
	Format     string // text, json, md or html
	FormatSet  bool
	OutDir     string // --out: one report per athlete plus the roster; "" for the roster on stdout only
	DateOrder  string
	Unlogged   string
	TZ         string
	FailOn     string
	Input      inputFlags
	Cache      cacheFlags
	ConfigPath string // a config file a test names
}

const batchLong = `Analyse a coach's athletes: each folder in DIR is one athlete, named after
the folder, with their runs (FIT files, archives, folders inside) and notes
(notes.*, numbness.* and activities.csv at the top of the folder) found as
'runlog analyze' finds them. runlog's own journal is not read: it is yours,
not your athletes'. Each athlete is analysed on their own (their own
baseline), several at once; files at the top of DIR and hidden folders are
left out.

stdout gets the roster, ordered by the attention each athlete needs: a
doctor advised first, then more causes judged likely, then a larger share of
numb runs, then by name. --format json gives schema runlog.batch/v1:
  {"schema":"runlog.batch/v1","athletes":[{"name","runs","numb_runs",
   "likely_causes","with_numb_runs","see_doctor","errors","notes_unread"}]}
--format md gives a Markdown table, --format html one self-contained page
(inline CSS, no script), both with the columns athlete, runs, numb runs,
likely causes, also with numb runs (what the watch or notes record beyond
form that goes with the numb runs: balance, downhill, onset_descent,
temperature, cold_notes), doctor advised, errors, notes unread; every name
and file name in them is escaped.

--out DIR writes one report per athlete in the format asked,
DIR/<name>.txt, .json (the runlog/v1 document), .md or .html, and the
roster, DIR/roster.txt, .json, .md or .html; in JSON, Markdown and HTML
the roster names or links each athlete's report, relative to DIR. Names
are made safe for file names (no path separator, no leading dot); two
athletes whose names come out the same get -2, -3. Files are created
private (0600, folders 0700): they are health data.

One athlete's unreadable file never hides another's report: it is listed
under that athlete, and the exit status is 3. Exit statuses: runlog --help.`

func newBatchCmd(ios IOStreams, runF func(*BatchOptions) error) *cobra.Command {
	opts := &BatchOptions{IO: ios}
	cmd := &cobra.Command{
		Use:     "batch DIR",
		Short:   "Analyse a folder of athletes (a folder each) and rank them by the attention they need",
		Long:    batchLong,
		Example: "  runlog batch ~/coaching/athletes\n  runlog batch --out reports/ --format json ~/coaching/athletes\n  runlog batch --out reports/ --format html ~/coaching/athletes   # open reports/roster.html",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return argsError{fmt.Errorf("%s needs exactly one folder of athletes, got %d arguments\nRun '%s --help' for usage.", cmd.CommandPath(), len(args), cmd.CommandPath())}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = args[0]
			opts.FormatSet = cmd.Flags().Changed("format")
			if runF != nil {
				return runF(opts)
			}
			return runBatch(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Format, "format", "f", "text", "output format: text, json (roster: runlog.batch/v1; athletes' reports: runlog/v1), md or html")
	f.StringVar(&opts.OutDir, "out", "", "write one report per athlete and the roster into this folder (created, private)")
	f.StringVar(&opts.DateOrder, "date-order", "", `numeric dates valid both ways (03/04/2024) in the athletes' notes: "dmy" or "mdy"`)
	f.StringVar(&opts.Unlogged, "unlogged", "", `what a run no note mentions means: "clean" (default) or "unknown"`)
	f.StringVar(&opts.TZ, "tz", "", "time zone of note times for runs without one (IANA name); default $RUNLOG_TZ, the config file, the system's")
	f.StringVar(&opts.FailOn, "fail-on", "", `exit 4 when any athlete's report needs attention: "doctor", "likely" or "possible" (as analyze)`)
	opts.Input.register(f)
	opts.Cache.register(f)
	return cmd
}

// athleteFolder is an athlete's folder and name.
type athleteFolder struct{ Name, Path string }

// athleteFolders lists the athlete folders of dir, sorted by name, and the
// entries left out (files at the top).
func athleteFolders(dir string) ([]athleteFolder, []string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, err
	}
	var out []athleteFolder
	var left []string
	for _, e := range entries { // sorted by name
		p := filepath.Join(dir, e.Name())
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		isDir := e.IsDir()
		if e.Type()&os.ModeSymlink != 0 {
			if info, err := os.Stat(p); err == nil && info.IsDir() {
				isDir = true
			}
		}
		if !isDir {
			left = append(left, p)
			continue
		}
		out = append(out, athleteFolder{Name: e.Name(), Path: p})
	}
	return out, left, nil
}

// safeName makes an athlete's name a file name: no path separator, no
// control character, nothing a shell or Windows refuses, no leading dot
// (so never "." or ".."), never empty.
func safeName(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r == '/' || r == '\\' || r == ':' || r == '*' || r == '?' || r == '"' || r == '<' || r == '>' || r == '|':
			b.WriteRune('_')
		case unicode.IsControl(r) || !unicode.IsPrint(r):
			b.WriteRune('_')
		default:
			b.WriteRune(r)
		}
	}
	s := strings.TrimRight(b.String(), " .")
	if s == "" || strings.HasPrefix(s, ".") {
		s = "_" + s
	}
	return s
}

// analyzeAthlete analyses one athlete's folder on its own: the folder's
// runs and notes, without runlog's own journal.
func analyzeAthlete(ad athleteFolder, base AnalyzeOptions, cfg Config, inOpts fitparse.InputOptions, c *cache.Cache) analysis.Athlete {
	a := analysis.Athlete{Name: ad.Name}
	opts := base
	opts.Paths, opts.Notes, opts.NoJournal = []string{ad.Path}, nil, true
	b := analysis.Builder{Options: analysis.Options{HeightCM: base.Height.HeightCM}}
	in, err := readNotes(&opts, cfg, opts.Paths, nil)
	if err != nil {
		a.Problems = append(a.Problems, err.Error())
	}
	b.Notes = in
	n := 0
	measure := cachedMeasure(c, inOpts, b.Options)
	for in := range fitparse.Inputs(opts.Paths, inOpts) {
		b.AddMeasured(measure(in))
		n++
	}
	a.Result = b.Result()
	if n == 0 {
		a.Problems = append(a.Problems, fmt.Sprintf("no FIT files found in %s", ad.Path))
	}
	return a
}

// runBatch analyses every athlete folder of opts.Dir and writes the roster
// (and, with --out, every athlete's report).
func runBatch(opts *BatchOptions) error {
	cfg, err := userConfig(opts.IO, opts.ConfigPath)
	if err != nil {
		return err
	}
	if !opts.FormatSet {
		if f := resolveFormat(opts.Format, false, cfg, opts.IO.getenv); f == "json" || f == "text" || f == "md" || f == "html" {
			opts.Format = f // the roster has no CSV
		}
	}
	if err := checkFormat(opts.Format, "text", "json", "md", "html"); err != nil {
		return err
	}
	switch opts.FailOn {
	case "", "doctor", analysis.VerdictLikely, analysis.VerdictPossible:
	default:
		return usageError{fmt.Errorf("--fail-on %q: use doctor, likely or possible", opts.FailOn)}
	}
	inOpts, err := opts.Input.options()
	if err != nil {
		return err
	}
	base := AnalyzeOptions{IO: opts.IO, DateOrder: opts.DateOrder, Unlogged: opts.Unlogged, TZ: opts.TZ}
	// Settings are checked once, before any athlete: a bad one is a usage
	// error, not one error per athlete.
	if _, err := readNotes(&AnalyzeOptions{IO: opts.IO, DateOrder: opts.DateOrder, Unlogged: opts.Unlogged, TZ: opts.TZ, NoJournal: true}, cfg, nil, nil); err != nil {
		return err
	}
	dirs, left, err := athleteFolders(opts.Dir)
	if err != nil {
		return fmt.Errorf("batch folder %s: %w", opts.Dir, plainIOError(err))
	}
	for _, p := range left {
		fmt.Fprintf(opts.IO.ErrOut, "runlog: batch: %s is not in an athlete folder; left out\n", report.Printable(p))
	}
	if len(dirs) == 0 {
		fmt.Fprintf(opts.IO.ErrOut, "runlog: no athlete folders in %s\n", report.Printable(opts.Dir))
		return errNothingRead
	}
	if opts.OutDir != "" {
		if err := os.MkdirAll(opts.OutDir, 0o700); err != nil {
			return fmt.Errorf("--out %s: %w", opts.OutDir, plainIOError(err))
		}
	}
	c, err := opts.Cache.open(opts.IO)
	if err != nil {
		return err
	}
	defer c.Close()
	// Athletes in parallel, each athlete's files one by one: the roster
	// is the same bytes with any number of workers.
	workers := opts.Input.Workers
	inOne := inOpts
	var list []analysis.Summary
	var athletes []analysis.Athlete
	prog := newProgress(opts.IO, func() int { return len(dirs) })
	type analysed struct {
		athlete analysis.Athlete
		summary analysis.Summary
	}
	results := mapLargestFirst(dirs, func(athleteFolder) int64 { return 0 }, workers, func(ad athleteFolder) analysed {
		a := analyzeAthlete(ad, base, cfg, inOne, c)
		s := analysis.Summarize(&a)
		if opts.OutDir == "" {
			a.Result.Runs = nil // the roster needs only the summary: keep memory flat
		}
		return analysed{a, s}
	}, func(r analysed) { prog.step(r.athlete.Name) })
	for _, r := range results {
		a := r.athlete
		list = append(list, r.summary)
		athletes = append(athletes, a)
	}
	prog.done()
	files := map[string]string{}
	if opts.OutDir != "" {
		if files, err = writeAthleteReports(opts, athletes); err != nil {
			return err
		}
	}
	analysis.SortRoster(list)
	var roster bytes.Buffer
	switch opts.Format {
	case "json":
		err = report.RosterJSON(&roster, list, files)
	case "md":
		err = report.RosterMarkdown(&roster, list, files)
	case "html":
		err = report.RosterHTML(&roster, list, files)
	default:
		err = report.RosterText(&roster, list)
	}
	if err != nil {
		return writeError(err)
	}
	if opts.OutDir != "" {
		name := filepath.Join(opts.OutDir, "roster."+ext(opts.Format))
		if err := writePrivate(name, roster.Bytes()); err != nil {
			return err
		}
	}
	if _, err := opts.IO.Out.Write(roster.Bytes()); err != nil {
		return writeError(err)
	}
	failed, attentionWhy := 0, ""
	for i := range athletes {
		a := &athletes[i]
		for _, e := range a.Result.Errors {
			fmt.Fprintf(opts.IO.ErrOut, "runlog: %s: error: %s\n", report.Printable(a.Name), report.Printable(e.Err))
		}
		for _, p := range a.Problems {
			fmt.Fprintf(opts.IO.ErrOut, "runlog: %s: %s\n", report.Printable(a.Name), report.Printable(p))
		}
		if len(a.Result.Errors) > 0 || len(a.Problems) > 0 {
			failed++
		}
		if why := attention(&a.Result, opts.FailOn); why != "" && attentionWhy == "" {
			attentionWhy = a.Name + ": " + why
		}
	}
	switch {
	case failed == len(athletes) && allEmpty(athletes):
		return errNothingRead
	case attentionWhy != "":
		fmt.Fprintf(opts.IO.ErrOut, "runlog: --fail-on %s: %s\n", opts.FailOn, report.Printable(attentionWhy))
		return errAttention
	case failed > 0:
		return errSomeFailed
	}
	return nil
}

// allEmpty reports whether no athlete has a single run.
func allEmpty(as []analysis.Athlete) bool {
	for i := range as {
		if len(as[i].Result.Runs) > 0 || len(as[i].Result.Skipped) > 0 {
			return false
		}
	}
	return true
}

// ext is the file name extension of a report in format.
func ext(format string) string {
	switch format {
	case "json", "md", "html":
		return format
	}
	return "txt"
}

// writeAthleteReports writes each athlete's report into --out, under a
// safe and unique file name; it returns the file of each athlete by name.
func writeAthleteReports(opts *BatchOptions, athletes []analysis.Athlete) (map[string]string, error) {
	files := map[string]string{}
	used := map[string]bool{"roster": true}
	for i := range athletes {
		a := &athletes[i]
		base := safeName(a.Name)
		name := base
		for k := 2; used[strings.ToLower(name)]; k++ {
			name = fmt.Sprintf("%s-%d", base, k)
		}
		used[strings.ToLower(name)] = true
		var buf bytes.Buffer
		var err error
		switch opts.Format {
		case "json":
			err = report.JSON(&buf, &a.Result)
		case "md":
			err = report.Markdown(&buf, &a.Result)
		case "html":
			err = report.HTML(&buf, &a.Result)
		default:
			err = report.Text(&buf, &a.Result, report.TextOptions{})
		}
		if err != nil {
			return nil, writeError(err)
		}
		file := name + "." + ext(opts.Format)
		if err := writePrivate(filepath.Join(opts.OutDir, file), buf.Bytes()); err != nil {
			return nil, err
		}
		files[a.Name] = file
	}
	return files, nil
}

// writePrivate writes a report file readable by its owner only.
func writePrivate(name string, data []byte) error {
	if err := os.WriteFile(name, data, 0o600); err != nil {
		return writeError(fmt.Errorf("%s: %w", name, plainIOError(err)))
	}
	return os.Chmod(name, 0o600) // an existing file keeps its mode otherwise
}

// plainIOError drops the operation and path Go puts in a *PathError (the
// caller names the file): "no such file or directory".
func plainIOError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
