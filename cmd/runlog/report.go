package main

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/runlog/runlog/analysis"
	"github.com/runlog/runlog/report"
	"github.com/spf13/cobra"
)

// ReportOptions holds what `runlog report` was asked to do: the analysis
// options of analyze, and the period.
type ReportOptions struct {
	AnalyzeOptions
	Since, Until string // as given: YYYY-MM-DD, today, yesterday, Nd (N days ago); "" for the default
}

const reportLong = `Report one period — by default the 7 days up to today, in your time zone
(--tz, else $RUNLOG_TZ, the config file's timezone, else the system's) — for a
weekly cron job or a look back:

  - red flags noted in the period first: they advise a doctor;
  - the period's runs and notes;
  - its form (cadence, ground contact, overstride score) against the 28 days
    before it;
  - the causes that fit, what to try and when to see a doctor, judged on the
    whole history up to --until (runs and notes after it are left out);
  - red flags noted before the period, listed with their dates. They do not
    advise a doctor again and do not trigger --fail-on: a new one does. In
    the same way, a note not read triggers --fail-on only when it may be
    about the period (a date in it, or no date read at all); older ones are
    listed under the causes.

A run belongs to the day it started, in its own time zone (the file's), else
yours: a run from 23:30 to 00:40 counts on the first day. Dates: 2026-11-23,
today, yesterday, or Nd for N days ago (7d). --since defaults to 6 days before
--until, so a period is 7 days; both ends are included.

Inputs are those of analyze (FIT files, archives, folders, notes files); with
none, the runs folder of the config file (runs:) or $RUNLOG_RUNS. A period
without runs is a short report, exit 0. Exit statuses: see runlog --help.`

// newReportCmd parses flags into ReportOptions and hands them to runF
// (runReport unless a test passes its own).
func newReportCmd(ios IOStreams, runF func(*ReportOptions) error) *cobra.Command {
	opts := &ReportOptions{AnalyzeOptions: AnalyzeOptions{IO: ios}}
	cmd := &cobra.Command{
		Use:     "report [PATH...]",
		Short:   "Report one period (default: the last 7 days) for a weekly cron job",
		Long:    reportLong,
		Example: "  runlog report ~/runs\n  runlog report --since 2026-11-01 --until 2026-11-30 ~/runs\n  runlog report --fail-on doctor --format json ~/runs > week.json",
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			opts.FormatSet = cmd.Flags().Changed("format")
			if runF != nil {
				return runF(opts)
			}
			return runReport(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Since, "since", "", "first day of the period: YYYY-MM-DD, today, yesterday or Nd (N days ago); default 6 days before --until")
	f.StringVar(&opts.Until, "until", "", "last day of the period, same forms; default today")
	f.StringVarP(&opts.Format, "format", "f", "text", "output format: text or json (schema runlog.report/v1)")
	f.Float64Var(&opts.Height.HeightCM, "height-cm", 0, "the runner's height in cm (else $RUNLOG_HEIGHT_CM, the config file, or the watch's user profile)")
	f.StringArrayVar(&opts.Notes, "notes", nil, "a numbness notes file; repeatable (as analyze)")
	f.BoolVar(&opts.NoJournal, "no-journal", false, "do not read runlog's own journal")
	f.StringVar(&opts.DateOrder, "date-order", "", `numeric dates valid both ways (03/04/2024): "dmy" or "mdy"`)
	f.StringVar(&opts.Unlogged, "unlogged", "", `what a run no note mentions means: "clean" (default) or "unknown"`)
	f.StringVar(&opts.TZ, "tz", "", "your time zone (IANA name): the period's days, and note times of runs without one; default $RUNLOG_TZ, the config file, the system's")
	f.StringVar(&opts.FailOn, "fail-on", "", `exit 4 when the period needs attention: "doctor", "likely" or "possible" (as analyze; red flags only when noted in the period)`)
	opts.Input.register(f)
	opts.Cache.register(f)
	return cmd
}

// relDays is the "Nd" form of a date: N days before today.
var relDays = regexp.MustCompile(`^(\d{1,5})d$`)

// parseDay reads a period's end as given, with today the runner's date.
func parseDay(s, flag string, today analysis.Day) (analysis.Day, error) {
	switch v := strings.ToLower(strings.TrimSpace(s)); {
	case v == "today":
		return today, nil
	case v == "yesterday":
		return analysis.AddDays(today, -1), nil
	case relDays.MatchString(v):
		n, _ := strconv.Atoi(relDays.FindStringSubmatch(v)[1])
		return analysis.AddDays(today, -n), nil
	default:
		t, err := time.Parse(time.DateOnly, v)
		if err != nil {
			return "", usageError{fmt.Errorf("%s %q: want YYYY-MM-DD, today, yesterday or Nd (N days ago, e.g. 7d)", flag, s)}
		}
		return t.Format(time.DateOnly), nil
	}
}

// period resolves --since and --until with now in loc.
func (o *ReportOptions) period(now time.Time, loc *time.Location) (since, until analysis.Day, err error) {
	today := now.In(loc).Format(time.DateOnly)
	until = today
	if o.Until != "" {
		if until, err = parseDay(o.Until, "--until", today); err != nil {
			return "", "", err
		}
	}
	since = analysis.AddDays(until, -6)
	if o.Since != "" {
		if since, err = parseDay(o.Since, "--since", today); err != nil {
			return "", "", err
		}
	}
	if since > until {
		return "", "", usageError{fmt.Errorf("--since %s is after --until %s", since, until)}
	}
	return since, until, nil
}

// runReport reads every input, analyses the history up to the period's end
// and writes the period's report.
func runReport(opts *ReportOptions) error {
	cfg, err := userConfig(opts.IO, opts.ConfigPath)
	if err != nil {
		return err
	}
	if !opts.FormatSet {
		// The environment's or config file's format applies when the
		// report has it (it has no CSV).
		if f := resolveFormat(opts.Format, false, cfg, opts.IO.getenv); f == "json" || f == "text" {
			opts.Format = f
		}
	}
	if err := checkFormat(opts.Format, "text", "json"); err != nil {
		return err
	}
	switch opts.FailOn {
	case "", "doctor", analysis.VerdictLikely, analysis.VerdictPossible:
	default:
		return usageError{fmt.Errorf("--fail-on %q: use doctor, likely or possible", opts.FailOn)}
	}
	if len(opts.Paths) == 0 {
		if p := firstNonEmpty(opts.IO.getenv("RUNLOG_RUNS"), cfg.Runs); p != "" {
			opts.Paths = []string{expandHome(p)}
		} else {
			return usageError{fmt.Errorf("runlog report needs a folder of runs: name it, or set runs: in the config file (%s) or $RUNLOG_RUNS\nRun 'runlog report --help' for usage.", "runlog config path")}
		}
	}
	loc, err := resolveZone(opts.TZ, cfg, opts.IO.getenv)
	if err != nil {
		return err
	}
	since, until, err := opts.period(opts.IO.now(), loc)
	if err != nil {
		return err
	}
	inOpts, err := opts.Input.options()
	if err != nil {
		return err
	}
	height, err := opts.Height.resolve(cfg, opts.IO.getenv)
	if err != nil {
		return err
	}
	a := &opts.AnalyzeOptions
	b := analysis.Builder{Options: analysis.Options{HeightCM: height}}
	fitPaths, notesNamed := splitInputs(a.Paths)
	if b.Notes, err = readNotes(a, cfg, fitPaths, notesNamed); err != nil {
		return err
	}
	p := analysis.Period{Since: since, Until: until, Zone: zoneName(loc, until)}
	p.Notes, p.RedFlags, p.OlderRedFlags, b.Notes.Entries = analysis.PeriodNotes(b.Notes.Entries, since, until, loc)

	frs, err := measureAll(a.IO, &a.Cache, fitPaths, inOpts, b.Options, a.Input.Workers)
	if err != nil {
		return err
	}
	inputs := len(frs)
	for _, fr := range frs {
		// The history ends with the period: later runs are left out.
		fr.Runs = slices.DeleteFunc(fr.Runs, func(r analysis.RunResult) bool {
			d, ok := analysis.RunDay(&r, loc)
			return ok && d > until
		})
		b.AddMeasured(fr)
	}
	p.History = b.Result()
	p.SplitPeriod(loc)
	if opts.Format == "json" {
		err = report.PeriodJSON(a.IO.Out, &p)
	} else {
		err = report.PeriodText(a.IO.Out, &p, report.TextOptions{Width: a.IO.Width})
	}
	if err != nil {
		return writeError(err)
	}
	res := &p.History
	for _, w := range res.Notes.Warnings {
		fmt.Fprintf(a.IO.ErrOut, "runlog: notes: %s\n", report.Printable(w))
	}
	for _, e := range res.Errors {
		fmt.Fprintf(a.IO.ErrOut, "runlog: error: %s\n", report.Printable(e.Err))
	}
	if inputs == 0 {
		fmt.Fprintln(a.IO.ErrOut, "runlog: no FIT files found")
	}
	// --fail-on looks at the period: the history's red flags before it were
	// cleared, and notes not read that are only about days before it do
	// not count.
	judged := *res
	judged.Notes.Unread = p.UnreadInPeriod()
	return analyzeStatus(&judged, inputs, opts.FailOn, a.IO)
}

// zoneName names the runner's zone for the report's heading: its name
// ("Europe/Berlin"), or for the system's zone, which Go calls "Local",
// "local time" with its abbreviation on the period's last day ("local
// time, CET").
func zoneName(loc *time.Location, until analysis.Day) string {
	if loc.String() != "Local" {
		return loc.String()
	}
	t, err := time.ParseInLocation("2006-01-02", string(until), loc)
	if err != nil {
		return "local time"
	}
	abbr, _ := t.Add(12 * time.Hour).Zone()
	return "local time, " + abbr
}
