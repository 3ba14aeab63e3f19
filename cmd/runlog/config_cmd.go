package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"
)

// newConfigCmd groups the commands about runlog's configuration file.
func newConfigCmd(ios IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Where runlog's configuration file is",
		Long: `runlog reads an optional YAML configuration file: $` + configEnv + ` when set (it must
exist), else runlog/config.yaml in your configuration folder (~/.config on
Linux, ~/Library/Application Support on macOS, %AppData% on Windows).
Flags beat environment variables, which beat the file. Keys:

  height_cm: 178             # RUNLOG_HEIGHT_CM, --height-cm
  timezone: Europe/Berlin    # RUNLOG_TZ, --tz: note times, report periods
  unlogged: clean            # RUNLOG_UNLOGGED, --unlogged (or unknown)
  date_order: dmy            # RUNLOG_DATE_ORDER, --date-order (or mdy)
  journal: ~/numb.md         # RUNLOG_JOURNAL, note --notes: runlog's journal
  format: text               # RUNLOG_FORMAT, --format (text, json or csv)
  runs: ~/runs               # RUNLOG_RUNS: what runlog report reads by default

A key runlog does not know is an error (exit 2) that names it. No analysis
threshold is a key: each has a cited source (docs/analysis.md).`,
		Args: noteNoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newConfigPathCmd(ios, nil))
	return cmd
}

// ConfigPathOptions holds what `runlog config path` needs.
type ConfigPathOptions struct {
	IO IOStreams
}

func newConfigPathCmd(ios IOStreams, runF func(*ConfigPathOptions) error) *cobra.Command {
	opts := &ConfigPathOptions{IO: ios}
	return &cobra.Command{
		Use:   "path",
		Short: "Print where runlog's configuration file is",
		Long: `Print the path of the configuration file runlog reads. The path alone goes to
stdout; when the file does not exist, stderr says so (an error, exit 2, when
$` + configEnv + ` names it).`,
		Example: "  runlog config path\n  $EDITOR \"$(runlog config path)\"",
		Args:    noteNoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runConfigPath(opts)
		},
	}
}

func runConfigPath(opts *ConfigPathOptions) error {
	path, explicit, err := configPath(opts.IO)
	if err != nil {
		return fmt.Errorf("cannot locate the configuration folder (set %s to choose a file): %w", configEnv, err)
	}
	if _, err := fmt.Fprintln(opts.IO.Out, path); err != nil {
		return outputError(err)
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if explicit {
			return usageError{fmt.Errorf("config file %s (from %s) does not exist", path, configEnv)}
		}
		fmt.Fprintln(opts.IO.ErrOut, "runlog: the config file does not exist; runlog runs without it")
	}
	return nil
}
