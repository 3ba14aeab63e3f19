package main

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// Exit statuses, as `runlog --help` states them. They follow restic (1 a
// failure, 3 some source files unreadable) and gh (2 usage, 1 failure);
// 4 is runlog's own: --fail-on reached.
const (
	exitOK        = 0
	exitFailed    = 1 // nothing could be done: nothing found or read, a report not written
	exitUsage     = 2 // a bad command, flag, environment value or config file
	exitPartial   = 3 // some inputs could not be read; the rest is reported
	exitAttention = 4 // --fail-on reached (wins over 3)
)

// usageError marks a mistake in how runlog was called.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// errSomeFailed says the report was written but some inputs failed; the
// failures themselves were already reported (exit 3).
var errSomeFailed = errors.New("some inputs could not be read")

// errNothingRead says no input could be read at all (exit 1): nothing
// found to read is not success. The reason was already reported.
var errNothingRead = errors.New("nothing could be read")

// errAttention says the report reached the --fail-on level (exit 4); why
// was already reported.
var errAttention = errors.New("--fail-on reached")

// writeError says the report could not be written (exit 1), e.g. to a
// full disk.
func writeError(err error) error {
	return fmt.Errorf("the report could not be written: %w", err)
}

// outputError says a command's output other than a report (a path, the
// notes) could not be written (exit 1).
func outputError(err error) error {
	return fmt.Errorf("the output could not be written: %w", err)
}

// inputsStatus is the error for a command that read n inputs of which
// failed could not be read: nil when all were read, errSomeFailed when
// some were, errNothingRead when none was (or none was found).
func inputsStatus(n, failed int) error {
	switch {
	case n == 0 || failed >= n:
		return errNothingRead
	case failed > 0:
		return errSomeFailed
	}
	return nil
}

const rootLong = `runlog reads the FIT files running watches export, measures running form
(cadence, ground-contact time, vertical oscillation, step length) and helps a
runner whose feet go numb see which known causes fit their data.

Inputs are .fit, .fit.gz and .zip files, or folders of them (searched
recursively). Numbness notes files (.md, .txt, .csv, .json, .jsonl) named
among the inputs of analyze are read as notes.

Exit status (for scripts and cron jobs):
  0  all inputs were read and the report was written
  1  error: nothing could be done (no FIT file found, none could be read,
     or the report could not be written)
  2  usage error: an unknown command or flag, a missing argument, a bad
     flag or environment value (RUNLOG_HEIGHT_CM=abc), a config file that
     is malformed, has a key runlog does not know, or ($RUNLOG_CONFIG)
     does not exist
  3  some inputs could not be read: they are listed on stderr and in the
     report, and the rest is reported
  4  --fail-on was reached (a doctor is advised, a cause is likely, ...);
     when inputs were also unreadable, 4 wins: the report needs attention
     either way, and stderr lists the unreadable inputs`

// newRootCmd builds the command tree. It only wires flags to options.
func newRootCmd(ios IOStreams) *cobra.Command {
	root := &cobra.Command{
		Use:           "runlog",
		Short:         "Running form and foot numbness, from your watch's FIT files",
		Long:          rootLong,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%s\nRun '%s --help' for usage.", plainFlagError(err), c.CommandPath())}
	})
	root.AddCommand(newInspectCmd(ios, nil), newAnalyzeCmd(ios, nil), newReportCmd(ios, nil), newBatchCmd(ios, nil), newNoteCmd(ios), newConfigCmd(ios))
	return root
}

// strconvSyntax matches what pflag quotes from strconv for a value that is
// not a number.
var strconvSyntax = regexp.MustCompile(`strconv\.Parse\w+: parsing "[^"]*": (invalid syntax|value out of range)`)

// plainFlagError words a flag error without Go's package names:
// `--height-cm: strconv.ParseFloat: parsing "abc": invalid syntax` becomes
// `... not a number`.
func plainFlagError(err error) string {
	return strconvSyntax.ReplaceAllStringFunc(err.Error(), func(m string) string {
		if strings.HasSuffix(m, "out of range") {
			return "a number out of range"
		}
		return "not a number"
	})
}

// Main runs runlog with args and returns the exit status.
func Main(args []string, out, errOut io.Writer) int {
	return mainIO(args, systemIO(out, errOut))
}

// mainIO is Main with every stream, the environment and the clock given.
func mainIO(args []string, ios IOStreams) int {
	errOut := ios.ErrOut
	root := newRootCmd(ios)
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errAttention):
		return exitAttention
	case errors.Is(err, errSomeFailed):
		return exitPartial
	case errors.Is(err, errNothingRead):
		return exitFailed
	case isUsage(err, cmd):
		fmt.Fprintln(errOut, "runlog:", err)
		return exitUsage
	default:
		fmt.Fprintln(errOut, "runlog:", err)
		return exitFailed
	}
}

// isUsage reports whether err comes from how runlog was called: a flag,
// an argument count, or an unknown command.
func isUsage(err error, cmd *cobra.Command) bool {
	var ue usageError
	if errors.As(err, &ue) {
		return true
	}
	// cobra reports unknown commands and argument-count errors as plain
	// errors before any run function starts.
	return cmd == nil || !cmd.Runnable() || isArgsError(err)
}

func isArgsError(err error) bool {
	var ae argsError
	return errors.As(err, &ae)
}

// argsError wraps a positional-argument validation failure.
type argsError struct{ error }

// requireArgs is cobra.MinimumNArgs with an error runlog maps to exit 2.
func requireArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return argsError{fmt.Errorf("%s needs at least %d %s\nRun '%s --help' for usage.", cmd.CommandPath(), n, what, cmd.CommandPath())}
		}
		return nil
	}
}
