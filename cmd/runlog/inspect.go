package main

import (
	"fmt"
	"slices"

	"github.com/runlog/runlog/analysis"
	"github.com/runlog/runlog/fitparse"
	"github.com/runlog/runlog/report"
	"github.com/spf13/cobra"
)

// InspectOptions holds what `runlog inspect` was asked to do.
type InspectOptions struct {
	IO     IOStreams
	Paths  []string
	Format string
	Input  inputFlags
}

// newInspectCmd parses flags into InspectOptions and hands them to runF
// (runInspect unless a test passes its own).
func newInspectCmd(ios IOStreams, runF func(*InspectOptions) error) *cobra.Command {
	opts := &InspectOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "inspect FILE...",
		Short: "Show what a FIT file holds: device, sessions, form fields and their coverage",
		Long: `Show what each FIT file holds: the device, every session with its sport and
sub-sport, the number of records, which running-form fields are present and in
what share of the records, the decoder used, and any warnings.`,
		Example: "  runlog inspect run.fit\n  runlog inspect --format json export.zip",
		Args:    requireArgs(1, "FIT file, archive or folder"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(opts)
			}
			return runInspect(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output format: text or json")
	opts.Input.register(cmd.Flags())
	return cmd
}

// runInspect reads every input and prints what it holds.
func runInspect(opts *InspectOptions) error {
	if err := checkFormat(opts.Format, "text", "json"); err != nil {
		return err
	}
	inOpts, err := opts.Input.options()
	if err != nil {
		return err
	}
	var infos []analysis.FileInfo
	failed := 0
	inspect := func(in fitparse.Input) analysis.FileInfo {
		f := fitparse.ReadInput(in, inOpts.Decode)
		return analysis.Inspect(&f)
	}
	ins := slices.Collect(fitparse.Inputs(opts.Paths, inOpts))
	for _, info := range mapLargestFirst(ins, inputSize, opts.Input.Workers, inspect, nil) {
		if info.Err != "" {
			failed++
		}
		infos = append(infos, info)
	}
	if opts.Format == "json" {
		err = report.InspectJSON(opts.IO.Out, infos)
	} else {
		err = report.InspectText(opts.IO.Out, infos)
	}
	if err != nil {
		return writeError(err)
	}
	if len(infos) == 0 {
		fmt.Fprintln(opts.IO.ErrOut, "runlog: no FIT files found")
	}
	// Unreadable inputs are listed on stderr too, as analyze lists them
	// (runlog --help, exit statuses).
	for _, info := range infos {
		if info.Err != "" {
			fmt.Fprintf(opts.IO.ErrOut, "runlog: error: %s\n", report.Printable(info.Err))
		}
	}
	return inputsStatus(len(infos), failed)
}
