package main

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/runlog/runlog/analysis/notes"
	"github.com/runlog/runlog/report"
	"github.com/spf13/cobra"
)

// newNoteCmd groups the commands that write and read runlog's own journal.
func newNoteCmd(ios IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "note",
		Short: "Add to and list your numbness journal",
		Long: `Keep a numbness journal: one line per note, dated, in a plain text file that
you may also edit by hand and that 'runlog analyze' reads.

The journal is, unless --notes names another file:
  $` + notes.JournalEnv + ` when it is set, else
  Linux, BSD:  $XDG_DATA_HOME/runlog/journal.md (default ~/.local/share/runlog/journal.md)
  macOS:       ~/Library/Application Support/runlog/journal.md
  Windows:     %LocalAppData%\runlog\journal.md`,
		Args: noteNoArgs,
		// Runnable only so that an unknown subcommand is a usage error
		// (exit 2) rather than help with exit 0.
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newNoteAddCmd(ios, nil), newNoteListCmd(ios, nil), newNotePathCmd(ios, nil))
	return cmd
}

// NotePathOptions holds what `runlog note path` needs.
type NotePathOptions struct {
	IO IOStreams
}

// newNotePathCmd hands NotePathOptions to runF (runNotePath unless a test
// passes its own).
func newNotePathCmd(ios IOStreams, runF func(*NotePathOptions) error) *cobra.Command {
	opts := &NotePathOptions{IO: ios}
	return &cobra.Command{
		Use:   "path",
		Short: "Print where your numbness journal is",
		Long: `Print the path of runlog's own journal: the file 'runlog note add' writes to
and 'runlog analyze' reads (unless --no-journal). It is $` + notes.JournalEnv + ` when set,
else the per-user data folder (see 'runlog note --help'). The path alone goes to
stdout; when the file does not exist yet, stderr says so.`,
		Example: "  runlog note path\n  $EDITOR \"$(runlog note path)\"",
		Args:    noteNoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runNotePath(opts)
		},
	}
}

// runNotePath prints the journal's path.
func runNotePath(opts *NotePathOptions) error {
	cfg, err := userConfig(opts.IO, "")
	if err != nil {
		return err
	}
	path, err := resolveJournal("", cfg, opts.IO.getenv)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintln(opts.IO.Out, path); err != nil {
		return outputError(err)
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintln(opts.IO.ErrOut, "runlog: the journal does not exist yet; 'runlog note add' creates it")
	}
	return nil
}

// noteNoArgs refuses positional arguments with an error Main maps to exit 2.
func noteNoArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if cmd.HasSubCommands() {
		return argsError{fmt.Errorf("unknown command %q for %q\nRun '%s --help' for usage.", args[0], cmd.CommandPath(), cmd.CommandPath())}
	}
	return argsError{fmt.Errorf("%s takes no arguments, got %q\nRun '%s --help' for usage.", cmd.CommandPath(), args, cmd.CommandPath())}
}

// journalFlag registers --notes, shared by the note subcommands.
func journalFlag(cmd *cobra.Command, p *string) {
	cmd.Flags().StringVar(p, "notes", "", "journal file (default: $"+notes.JournalEnv+", else runlog's journal in your data folder)")
}

// NoteAddOptions holds what `runlog note add` was asked to write.
type NoteAddOptions struct {
	IO          IOStreams
	JournalPath string // --notes; "" means the default journal
	Date        string // --date: YYYY-MM-DD, today, yesterday; "" means today
	Time        string // --time: HH:MM; "" means now when Date is "", else no time
	Foot        string // --foot: left, right, both; "" when not given
	At          string // --at: onset as distance or time; "" when not given
	Severity    int    // --severity: 1–5; 0 when not rated
	Shoes       string // --shoes
	Text        []string
	Now         func() time.Time // the clock; IO.Now (or time.Now) unless a test sets it
}

const noteAddLong = `Append one note to your numbness journal. The words after the flags are the
note's text; write what you felt, where and when, in your own words. Quote
the text or put -- before it if it starts with a dash.

The note is dated now (your computer's local time) unless --date is given;
with --date and no --time the note has a date only. --at says when the
numbness started: "5 km", "5km", "3 mi", "3 miles", "25 min" or "1:30" (h:mm);
a number needs its unit. Miles are kept as miles. --severity rates it from 1
(barely noticeable) to 5 (worst).

In a journal (.md, .txt) the note becomes one line, structured fields first:
  2026-11-20 07:10 left foot; at 5 km; severity 3/5; shoes: Pegasus 40 — numb toes
A --notes file in another format keeps its format: a row under a CSV header
(same delimiter, the header's columns), one more element of a JSON array (the
file is rewritten atomically), one more JSON Lines object. A new file is
started by its name (.csv, .json, .jsonl; else a journal). The note is added
at the end; notes already there are never changed, and notes added at the same
time from several terminals or scripts do not mix. runlog reads the result
before writing it: a note it would not read back (a CSV header without a text
column, broken JSON, Strava's activities.csv) is refused and nothing is
written.

On success the note as written is printed on stdout (so a script can keep or
check it) and the file's path on stderr. Nothing else is printed, and the
exit status is 0; it is 2 when a flag is invalid or the file cannot hold the
note, and 1 when the file cannot be written.`

// newNoteAddCmd parses flags into NoteAddOptions and hands them to runF
// (runNoteAdd unless a test passes its own).
func newNoteAddCmd(ios IOStreams, runF func(*NoteAddOptions) error) *cobra.Command {
	opts := &NoteAddOptions{IO: ios, Now: ios.now}
	cmd := &cobra.Command{
		Use:   "add [flags] TEXT...",
		Short: "Append a note to your numbness journal",
		Long:  noteAddLong,
		Example: `  runlog note add --foot left --at 5km --severity 3 numb toes after the long hill
  runlog note add --date yesterday --time 18:30 --shoes "Pegasus 40" tingling in the ball of the right foot
  runlog note add --notes ~/athletes/ana/notes.md --at 25min -- -5 °C, both feet numb`,
		Args: requireArgs(1, "word of note text"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Text = args
			if runF != nil {
				return runF(opts)
			}
			return runNoteAdd(opts)
		},
	}
	journalFlag(cmd, &opts.JournalPath)
	f := cmd.Flags()
	f.StringVar(&opts.Date, "date", "", "day of the note: YYYY-MM-DD, today or yesterday (default today)")
	f.StringVar(&opts.Time, "time", "", "time of the note, HH:MM in 24 h (default now, or none when --date is given)")
	f.StringVar(&opts.Foot, "foot", "", "numb foot: left, right or both")
	f.StringVar(&opts.At, "at", "", `when numbness started, with its unit: "5 km", "5km", "3 mi", "3 miles", "25 min" or "1:30" (h:mm)`)
	f.IntVar(&opts.Severity, "severity", 0, "how bad, from 1 (barely) to 5 (worst); 0 or left out means not rated")
	f.StringVar(&opts.Shoes, "shoes", "", "shoes worn on the run")
	return cmd
}

// runNoteAdd validates the options, appends the note and reports it.
func runNoteAdd(opts *NoteAddOptions) error {
	now := opts.IO.now
	if opts.Now != nil {
		now = opts.Now
	}
	e, err := noteEntry(opts, now())
	if err != nil {
		return usageError{err}
	}
	if _, err := notes.FormatEntry(e); err != nil {
		return usageError{err}
	}
	cfg, err := userConfig(opts.IO, "")
	if err != nil {
		return err
	}
	path, err := resolveJournal(opts.JournalPath, cfg, opts.IO.getenv)
	if err != nil {
		return err
	}
	shown, err := notes.AppendNote(path, e, notes.Options{})
	var refused *notes.RefusedError
	if errors.As(err, &refused) {
		return usageError{err}
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(opts.IO.Out, shown)
	fmt.Fprintf(opts.IO.ErrOut, "runlog: noted in %s\n", path)
	return nil
}

// noteEntry turns the flags into an Entry, with now as "now".
func noteEntry(opts *NoteAddOptions, now time.Time) (notes.Entry, error) {
	e := notes.Entry{OnsetKm: math.NaN(), OnsetMin: math.NaN(), Shoes: opts.Shoes}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	var d time.Time
	switch s := strings.ToLower(strings.TrimSpace(opts.Date)); s {
	case "", "today":
		d = today
	case "yesterday":
		d = today.AddDate(0, 0, -1)
	default:
		var err error
		if d, err = time.Parse("2006-01-02", s); err != nil {
			return e, fmt.Errorf("--date %q: want YYYY-MM-DD, today or yesterday", opts.Date)
		}
		if d.After(today) {
			return e, fmt.Errorf("--date %s is in the future (today is %s)", s, today.Format("2006-01-02"))
		}
	}
	switch {
	case opts.Time != "":
		h, m, ok := parseClock(opts.Time)
		if !ok {
			return e, fmt.Errorf("--time %q: want HH:MM, 00:00 to 23:59", opts.Time)
		}
		d = d.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
		e.HasTime = true
	case opts.Date == "":
		d = d.Add(time.Duration(now.Hour())*time.Hour + time.Duration(now.Minute())*time.Minute)
		e.HasTime = true
	}
	e.When = d

	switch foot := strings.ToLower(strings.TrimSpace(opts.Foot)); foot {
	case "", "left", "right", "both":
		e.Foot = foot
	default:
		return e, fmt.Errorf("--foot %q: want left, right or both", opts.Foot)
	}
	if opts.At != "" {
		km, min, unit, err := parseOnset(opts.At)
		if err != nil {
			return e, err
		}
		e.OnsetKm, e.OnsetMin, e.OnsetUnit = km, min, unit
	}
	if opts.Severity < 0 || opts.Severity > 5 {
		return e, fmt.Errorf("--severity %d: want 1 (barely) to 5 (worst)", opts.Severity)
	}
	e.Severity = opts.Severity
	e.Text = strings.Join(opts.Text, " ")
	return e, nil
}

// parseClock reads H:MM or HH:MM on a 24-hour clock.
func parseClock(s string) (h, m int, ok bool) {
	hs, ms, found := strings.Cut(strings.TrimSpace(s), ":")
	if !found || len(hs) < 1 || len(hs) > 2 || len(ms) != 2 {
		return 0, 0, false
	}
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, 0, false
	}
	return h, m, true
}

var (
	onsetRE      = regexp.MustCompile(`^([0-9]+(?:[.,][0-9]+)?)\s*([a-z]*)$`)
	onsetClockRE = regexp.MustCompile(`^([0-9]{1,2}):([0-5][0-9])$`)
)

// kmPerMile is the international mile, 1609.344 m.
const kmPerMile = 1.609344

// onsetUnits says which --at forms work, for errors.
const onsetUnits = `use a distance or time into the run with its unit: "5 km", "5km", "3 mi", "3 miles", "25 min" or "1:30" (h:mm)`

// parseOnset reads --at: a positive number with its unit (km, mi, min and
// their spelled-out forms), or h:mm. A bare number is refused: km or
// miles, minutes or laps cannot be told. Miles are returned in km with
// unit "mi", so that the note keeps them as miles. The value not given is
// NaN.
func parseOnset(s string) (km, min float64, unit string, err error) {
	km, min = math.NaN(), math.NaN()
	t := strings.ToLower(strings.TrimSpace(s))
	if m := onsetClockRE.FindStringSubmatch(t); m != nil {
		h, _ := strconv.Atoi(m[1])
		mm, _ := strconv.Atoi(m[2])
		if h*60+mm == 0 {
			return km, min, "", fmt.Errorf("--at %q: the time must be after the start", s)
		}
		if mm >= 60 || h*60+mm > maxOnsetMin {
			return km, min, "", fmt.Errorf("--at %q: as h:mm that is %d h %d min into the run; for minutes write \"%d min\"", s, h, mm, h)
		}
		return km, float64(h*60 + mm), "", nil
	}
	m := onsetRE.FindStringSubmatch(t)
	if m == nil {
		return km, min, "", fmt.Errorf("--at %q: %s", s, onsetUnits)
	}
	v, err := strconv.ParseFloat(strings.Replace(m[1], ",", ".", 1), 64)
	if err != nil || v <= 0 {
		return km, min, "", fmt.Errorf("--at %q: the number must be positive", s)
	}
	switch m[2] {
	case "":
		return km, min, "", fmt.Errorf("--at %q: a number needs its unit; %s", s, onsetUnits)
	case "k", "km", "kms", "kilometer", "kilometers", "kilometre", "kilometres":
		km = v
	case "mi", "mile", "miles":
		km, unit = v*kmPerMile, "mi"
	case "min", "mins", "minute", "minutes":
		min = v
	case "m":
		return km, min, "", fmt.Errorf("--at %q: \"m\" could be metres or minutes; %s", s, onsetUnits)
	default:
		return km, min, "", fmt.Errorf("--at %q: unknown unit %q; %s", s, m[2], onsetUnits)
	}
	if km > maxOnsetKm || min > maxOnsetMin {
		return math.NaN(), math.NaN(), "", fmt.Errorf("--at %q: longer than any run runlog reads (%d km, %d h)", s, maxOnsetKm, maxOnsetMin/60)
	}
	return km, min, unit, nil
}

// An onset beyond these is a typo, not a run: the longest single-stage
// ultramarathons are about 250 km, and a day is 24 hours.
const (
	maxOnsetKm  = 250
	maxOnsetMin = 24 * 60
)

// NoteListOptions holds what `runlog note list` was asked to print.
type NoteListOptions struct {
	IO          IOStreams
	JournalPath string // --notes; "" means the default journal
	Format      string // text or json
	DateOrder   string // --date-order: "", "dmy" or "mdy" (else environment, config)
	ConfigPath  string // a config file a test names; "" means $RUNLOG_CONFIG or the user's config folder
}

// newNoteListCmd parses flags into NoteListOptions and hands them to runF
// (runNoteList unless a test passes its own).
func newNoteListCmd(ios IOStreams, runF func(*NoteListOptions) error) *cobra.Command {
	opts := &NoteListOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "Print the notes in your numbness journal",
		Long: `Print the notes in the journal, in the order of its lines.

text: one note per line: date, time, foot, onset, severity and text; "-"
      marks what the note does not say.
json: an array of objects with date ("YYYY-MM-DD"), time ("HH:MM"),
      foot ("left", "right", "both", or "one" when the side is not said),
      onset_km, onset_min, severity (1-5), shoes, text, file and line;
      what the note does not say is null.

Foot and onset come from the note's fields when it has them (as 'runlog note
add' writes them), else from what its text says ("numb left toes at 6k").

Lines that are not notes are reported on stderr as warnings. A journal that
does not exist yet is not an error: "no notes yet" is printed on stderr (and
[] on stdout with --format json).`,
		Example: "  runlog note list\n  runlog note list --format json --notes ~/athletes/ana/notes.md",
		Args:    noteNoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runNoteList(opts)
		},
	}
	journalFlag(cmd, &opts.JournalPath)
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "text", "output format: text or json")
	cmd.Flags().StringVar(&opts.DateOrder, "date-order", "",
		`numeric dates valid both ways (03/04/2024): "dmy" (day first) or "mdy" (month first); default: $`+dateOrderEnv+`, the config file, else such notes are reported, not read`)
	return cmd
}

// runNoteList reads the journal and prints its notes.
func runNoteList(opts *NoteListOptions) error {
	if err := checkFormat(opts.Format, "text", "json"); err != nil {
		return err
	}
	cfg, err := userConfig(opts.IO, opts.ConfigPath)
	if err != nil {
		return err
	}
	order, err := resolveDateOrder(opts.DateOrder, cfg, opts.IO.getenv)
	if err != nil {
		return err
	}
	path, err := resolveJournal(opts.JournalPath, cfg, opts.IO.getenv)
	if err != nil {
		return err
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(opts.IO.ErrOut, "runlog: no notes yet (%s does not exist)\n", path)
		if opts.Format == "json" {
			if _, err := fmt.Fprintln(opts.IO.Out, "[]"); err != nil {
				return outputError(err)
			}
		}
		return nil
	}
	entries, warnings, err := readJournal(path, notes.Options{DateOrder: order})
	if err != nil {
		return err
	}
	if opts.Format == "json" {
		err = report.NotesJSON(opts.IO.Out, entries)
	} else {
		err = report.NotesText(opts.IO.Out, entries)
	}
	if err != nil {
		return outputError(err)
	}
	for _, w := range warnings {
		fmt.Fprintf(opts.IO.ErrOut, "runlog: warning: %s\n", w)
	}
	if len(entries) == 0 {
		fmt.Fprintf(opts.IO.ErrOut, "runlog: no notes yet in %s\n", path)
	}
	return nil
}

// readJournal reads the journal with the notes package's reader and returns
// its entries and warnings as "file:line: message".
func readJournal(path string, opts notes.Options) ([]notes.Entry, []string, error) {
	entries, warnings, err := notes.ReadFileWith(path, opts)
	if err != nil {
		return nil, nil, err
	}
	msgs := make([]string, len(warnings))
	for i, w := range warnings {
		msgs[i] = w.String()
	}
	return entries, msgs, nil
}
