package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// Exit statuses, as `runlog --help` states them.
const (
	exitOK     = 0
	exitFailed = 1 // some inputs could not be read (or a --fail-on threshold was reached)
	exitUsage  = 2
)

// usageError marks a mistake in how runlog was called.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// errSomeFailed says the report was written but some inputs failed; the
// failures themselves were already reported.
var errSomeFailed = errors.New("some inputs could not be read")

const rootLong = `runlog reads the FIT files running watches export, measures running form
(cadence, ground-contact time, vertical oscillation, step length) and helps a
runner whose feet go numb see which known causes fit their data.

Inputs are .fit, .fit.gz and .zip files, or folders of them (searched
recursively). Numbness notes files (.md, .txt, .csv, .json, .jsonl) named
among the inputs of analyze are read as notes.

Exit status:
  0  all inputs were read
  1  some inputs could not be read (they are listed; the rest is reported),
     or analyze --fail-on found what it was told to watch for
  2  usage error (unknown command or flag, missing argument)`

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
		return usageError{fmt.Errorf("%w\nRun '%s --help' for usage.", err, c.CommandPath())}
	})
	root.AddCommand(newInspectCmd(ios, nil), newAnalyzeCmd(ios, nil), newNoteCmd(ios))
	return root
}

// Main runs runlog with args and returns the exit status.
func Main(args []string, out, errOut io.Writer) int {
	root := newRootCmd(systemIO(out, errOut))
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errSomeFailed):
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
