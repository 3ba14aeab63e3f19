package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/runlog/runlog/analysis"
	"github.com/runlog/runlog/report"
	"github.com/spf13/cobra"
)

// AnalyzeOptions holds what `runlog analyze` was asked to do.
type AnalyzeOptions struct {
	IO         IOStreams
	Paths      []string
	Format     string
	Out        string // --out: write the report to this file (atomically) instead of stdout
	Input      inputFlags
	Height     heightFlag
	ConfigPath string // a config file a test names; "" means $RUNLOG_CONFIG or the user's config folder
	FormatSet  bool   // --format was given: it beats $RUNLOG_FORMAT and the config file
	Notes      []string
	NoJournal  bool   // --no-journal: do not read runlog's own journal
	DateOrder  string // "", "dmy" or "mdy" (--date-order; else environment, config)
	Unlogged   string // "", "clean" or "unknown"
	TZ         string // IANA zone for note times of runs without an offset
	FailOn     string // "", "doctor", "likely" or "possible": exit 4 when reached
	Cache      cacheFlags
}

// averagesHelp says what runlog's averages mean, with the thresholds the
// analysis uses.
var averagesHelp = fmt.Sprintf(`Averages are weighted by time and count running time only: pauses, standing
(cadence 0 or slower than %.1f m/s) and walk breaks (cadence under %d spm) are
left out, because they say nothing about running form. A watch averages over
all its timer time, so its own figures can be lower in cadence and longer in
contact time. Where they differ by more than %d spm or %d ms, the report shows
the watch's figure under the table and says why: the walking and standing
time runlog left out, when counting it gives the watch's figure, or
"unexplained" when it does not. JSON: runs[].watch_check; CSV: watch_* columns.`,
	analysis.StandingSpeedMPS, analysis.WalkCadenceMaxSPM, analysis.WatchTolCadenceSPM, analysis.WatchTolGCTms)

// newAnalyzeCmd parses flags into AnalyzeOptions and hands them to runF
// (runAnalyze unless a test passes its own).
func newAnalyzeCmd(ios IOStreams, runF func(*AnalyzeOptions) error) *cobra.Command {
	opts := &AnalyzeOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "analyze PATH...",
		Short: "Report running form, overstriding, numbness notes and the causes that fit",
		Long: `Report each run's date, kind, distance, timer time, running time, running
pace and running form: cadence (steps per minute), ground-contact time (ms),
vertical oscillation (mm) and step length (m), with an overstriding estimate
(score, level, confidence, reasons, worst km).

` + averagesHelp + `

Numbness notes are linked to their runs: notes.*, numbness.* and
activities.csv in a folder given, beside FIT files named one by one, or at the
top of a zip (or of its one top folder); notes files (.md, .txt, .csv, .json,
.jsonl) named among the inputs; --notes; and runlog's own journal (the one
'runlog note add' writes; 'runlog note path' prints where) unless --no-journal.
Numb runs are compared with clean ones, and the report ends with the known
causes of numb feet that fit the data, what to try, and when to see a doctor.
runlog is not medical advice.

A note runlog cannot read (an ambiguous date like 03/04/2024 without
--date-order, a line about the feet with no date) is listed in the report
with file:line and why, and the runs it may be about count as unknown, not
clean. --fail-on counts such notes as needing attention.

The report is text, wrapped to the terminal's width (100 columns off a
terminal, so that it survives a mail), or --format json (schema runlog/v1),
csv (a row per run), md (Markdown), html (one page with charts that works
offline) or jsonl (JSON Lines: one line per run, each the run's object of
runlog/v1, for DuckDB, Spark or Beam over a club's archive; skipped files and
errors go to stderr). --out FILE writes it to FILE instead of stdout.

Files that hold no run (rides, swims, walks, settings) are listed as skipped;
files that cannot be read are listed as errors and make the exit status 3
(1 when nothing could be read; see runlog --help).`,
		Example: "  runlog analyze ~/runs\n  runlog analyze --notes journal.md --height-cm 178 ~/runs\n  runlog analyze --format json --fail-on doctor export.zip > report.json",
		Args:    requireArgs(1, "FIT file, archive or folder"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			opts.FormatSet = cmd.Flags().Changed("format")
			if runF != nil {
				return runF(opts)
			}
			return runAnalyze(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "text", "output format: text, json (schema runlog/v1), jsonl (one run per line), csv (a row per run), md (Markdown) or html (one page with charts, works offline)")
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "write the report to `FILE` (replaced atomically) instead of stdout")
	cmd.Flags().Float64Var(&opts.Height.HeightCM, "height-cm", 0,
		"the runner's height in cm, to judge step length against leg length (else $RUNLOG_HEIGHT_CM, the config file, or the watch's user profile)")
	cmd.Flags().StringArrayVar(&opts.Notes, "notes", nil,
		"a numbness notes file (journal .txt/.md, CSV, JSON, JSON Lines or Strava's activities.csv); repeatable. notes.*, numbness.* and activities.csv in a folder given are read without it")
	cmd.Flags().BoolVar(&opts.NoJournal, "no-journal", false,
		"do not read runlog's own journal (the file 'runlog note add' writes; 'runlog note path' prints it)")
	cmd.Flags().StringVar(&opts.DateOrder, "date-order", "",
		`how to read numeric dates in notes that are valid both ways (03/04/2024): "dmy" (day first) or "mdy" (month first); default: $`+dateOrderEnv+`, the config file, else such notes are not read and are reported`)
	cmd.Flags().StringVar(&opts.Unlogged, "unlogged", "",
		`what a run no note mentions means when notes are given: "clean" (numbness-free; the default) or "unknown"`)
	cmd.Flags().StringVar(&opts.TZ, "tz", "",
		"time zone of note times, for runs whose file gives no UTC offset (IANA name, e.g. Europe/Berlin; default: $RUNLOG_TZ, the config file, then the system's)")
	cmd.Flags().StringVar(&opts.FailOn, "fail-on", "",
		`exit 4 when the report needs attention: "doctor" (a doctor is advised), "likely" (also when a cause is likely) or "possible" (also when one is possible); at every level also when notes could not be read; for cron jobs`)
	opts.Input.register(cmd.Flags())
	opts.Cache.register(cmd.Flags())
	return cmd
}

// runAnalyze reads every input, analyses its runs and writes the report.
func runAnalyze(opts *AnalyzeOptions) error {
	cfg, err := userConfig(opts.IO, opts.ConfigPath)
	if err != nil {
		return err
	}
	opts.Format = resolveFormat(opts.Format, opts.FormatSet, cfg, opts.IO.getenv)
	if err := checkFormat(opts.Format, "text", "json", "jsonl", "csv", "md", "html"); err != nil {
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
	height, err := opts.Height.resolve(cfg, opts.IO.getenv)
	if err != nil {
		return err
	}
	b := analysis.Builder{Options: analysis.Options{HeightCM: height}}
	fitPaths, notesNamed := splitInputs(opts.Paths)
	if b.Notes, err = readNotes(opts, cfg, fitPaths, notesNamed); err != nil {
		return err
	}
	frs, err := measureAll(opts.IO, &opts.Cache, fitPaths, inOpts, b.Options, opts.Input.Workers)
	if err != nil {
		return err
	}
	inputs := len(frs)
	for _, fr := range frs {
		b.AddMeasured(fr)
	}
	res := b.Result()
	if err := checkOutNotInputs(opts.Out, append(slices.Clone(opts.Paths), res.Notes.Files...)); err != nil {
		return err
	}
	err = writeReport(opts.Out, opts.IO.Out, func(w io.Writer) error {
		switch opts.Format {
		case "json":
			return report.JSON(w, &res)
		case "jsonl":
			return report.JSONL(w, &res)
		case "csv":
			return report.CSV(w, &res)
		case "md":
			return report.Markdown(w, &res)
		case "html":
			return report.HTML(w, &res)
		}
		// Off a terminal (a pipe, a mail, --out) Width is 0: 100 columns.
		width := opts.IO.Width
		if opts.Out != "" {
			width = 0
		}
		return report.Text(w, &res, report.TextOptions{Width: width})
	})
	if opts.Format == "text" || opts.Format == "jsonl" {
		// JSON Lines holds runs only: what was skipped is said here.
		for _, s := range append(slices.Clone(res.Skipped), res.Duplicates...) {
			fmt.Fprintf(opts.IO.ErrOut, "runlog: skipped %s: %s\n", report.Printable(s.Source), report.Printable(s.Reason))
		}
	}
	if err != nil {
		return writeError(err)
	}
	for _, r := range res.Runs {
		for _, w := range r.Warnings {
			fmt.Fprintf(opts.IO.ErrOut, "runlog: warning: %s (session %d): %s\n", report.Printable(r.Source), r.Session, report.Printable(w))
		}
	}
	for _, w := range res.Notes.Warnings {
		fmt.Fprintf(opts.IO.ErrOut, "runlog: notes: %s\n", report.Printable(w))
	}
	for _, e := range res.Errors {
		fmt.Fprintf(opts.IO.ErrOut, "runlog: error: %s\n", report.Printable(e.Err))
	}
	if inputs == 0 {
		fmt.Fprintln(opts.IO.ErrOut, "runlog: no FIT files found")
	}
	return analyzeStatus(&res, inputs, opts.FailOn, opts.IO)
}

// analyzeStatus is the outcome of an analysis of inputs FIT inputs:
// nothing read (exit 1), --fail-on reached (exit 4, which wins), some
// inputs unreadable (exit 3; notes files count), or nil.
func analyzeStatus(res *analysis.Result, inputs int, failOn string, ios IOStreams) error {
	fitFailed := 0
	for _, e := range res.Errors {
		if !isNotesError(res, e) {
			fitFailed++
		}
	}
	if st := inputsStatus(inputs, fitFailed); st == errNothingRead {
		return st
	}
	if why := attention(res, failOn); why != "" {
		fmt.Fprintf(ios.ErrOut, "runlog: --fail-on %s: %s\n", failOn, why)
		return errAttention
	}
	if len(res.Errors) > 0 {
		return errSomeFailed
	}
	return nil
}

// isNotesError reports whether e is about a notes file rather than a FIT
// input.
func isNotesError(res *analysis.Result, e analysis.InputError) bool {
	for _, f := range res.Notes.Files {
		if f == e.Source {
			return true
		}
	}
	return false
}

// attention says why the report reaches the --fail-on level ("" when
// not). Notes that were not read need attention at every level: one of
// them may report numbness, or a red flag.
func attention(res *analysis.Result, failOn string) string {
	if failOn == "" {
		return ""
	}
	if u := res.Notes.Unread; len(u) > 0 {
		where := make([]string, 0, 3)
		for _, x := range u[:min(len(u), 3)] {
			where = append(where, analysis.NoteRef{File: x.File, Line: x.Line}.String())
		}
		if len(u) > 3 {
			where = append(where, "...")
		}
		return fmt.Sprintf("notes not read (%s); the runs they may be about are unknown", strings.Join(where, ", "))
	}
	adv := &res.Advice
	if adv.SeeDoctor.Advised {
		return "a doctor is advised"
	}
	for _, c := range adv.Causes {
		if c.Verdict == analysis.VerdictLikely || (failOn == analysis.VerdictPossible && c.Verdict == analysis.VerdictPossible) {
			if failOn != "doctor" {
				return fmt.Sprintf("%s is %s", c.ID, c.Verdict)
			}
		}
	}
	return ""
}
