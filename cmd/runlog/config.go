package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/runlog/runlog/analysis/notes"
	"gopkg.in/yaml.v3"
)

// configEnv names the environment variable that chooses the config file.
const configEnv = "RUNLOG_CONFIG"

// Config is runlog's configuration file, YAML at configPath(). Flags beat
// environment variables, which beat the file. No analysis threshold is
// tunable: each has a cited source (docs/analysis.md, docs/overstriding.md)
// and the issues never asked for one to be changed, so none is a key.
//
//	height_cm: 178               # the runner's height; RUNLOG_HEIGHT_CM
//	timezone: Europe/Berlin      # the runner's zone: note times, report periods; RUNLOG_TZ
//	unlogged: clean              # or unknown; RUNLOG_UNLOGGED
//	date_order: dmy              # or mdy: numeric dates in notes that read both ways; RUNLOG_DATE_ORDER
//	journal: ~/notes/numb.md     # the notes path: runlog's own journal; RUNLOG_JOURNAL
//	format: text                 # default --format: text, json, csv, md or html (each command uses those it has); RUNLOG_FORMAT
//	runs: ~/runs                 # the folder runlog report reads when given none; RUNLOG_RUNS
type Config struct {
	HeightCM  float64 `yaml:"height_cm"`
	TimeZone  string  `yaml:"timezone"`
	Unlogged  string  `yaml:"unlogged"`
	DateOrder string  `yaml:"date_order"`
	Journal   string  `yaml:"journal"`
	Format    string  `yaml:"format"`
	Runs      string  `yaml:"runs"`
}

// configPath is $RUNLOG_CONFIG, else runlog/config.yaml in the user's
// configuration directory (os.UserConfigDir: ~/.config on Linux,
// ~/Library/Application Support on macOS, %AppData% on Windows).
// explicit says the path came from the environment, where a file that
// does not exist is a mistake rather than no configuration.
func configPath(ios IOStreams) (path string, explicit bool, err error) {
	if p := ios.getenv(configEnv); p != "" {
		return p, true, nil
	}
	dir, err := userConfigDir(ios)
	if err != nil {
		return "", false, err
	}
	return filepath.Join(dir, "runlog", "config.yaml"), false, nil
}

// userConfigDir is os.UserConfigDir with the environment read through
// ios (XDG_CONFIG_HOME on Unix), so tests choose it.
func userConfigDir(ios IOStreams) (string, error) {
	if d := ios.getenv("XDG_CONFIG_HOME"); d != "" && filepath.IsAbs(d) && !isDarwinOrWindows() {
		return d, nil
	}
	return os.UserConfigDir()
}

// userConfig reads the configuration file for a command: path when a test
// names one, else configPath. A file that does not exist is no
// configuration, unless $RUNLOG_CONFIG named it; every problem with the
// file is a usage error (exit 2) that names it.
func userConfig(ios IOStreams, path string) (Config, error) {
	explicit := path != ""
	if path == "" {
		p, fromEnv, err := configPath(ios)
		if err != nil {
			return Config{}, nil // no config folder: no configuration
		}
		path, explicit = p, fromEnv
	}
	if explicit {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return Config{}, usageError{fmt.Errorf("config file %s (from %s) does not exist", path, configEnv)}
		}
	}
	c, err := loadConfig(path)
	if err != nil {
		return c, usageError{err}
	}
	return c, nil
}

// loadConfig reads the configuration file; a missing file is an empty
// configuration, a malformed one an error naming the file.
func loadConfig(path string) (Config, error) {
	var c Config
	if path == "" {
		return c, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("config %s: %w", path, err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true) // a misspelt key is an error, not silently ignored
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return c, fmt.Errorf("config %s: %s", path, yamlProblem(err))
	}
	if c.HeightCM != 0 && !validHeight(c.HeightCM) {
		return c, fmt.Errorf("config %s: height_cm %v is not a height in centimetres (100–250)", path, c.HeightCM)
	}
	if c.Format != "" {
		if err := checkFormat(c.Format, "text", "json", "csv", "md", "html"); err != nil {
			return c, fmt.Errorf("config %s: format %q: use text, json, csv, md or html", path, c.Format)
		}
	}
	return c, nil
}

// yamlProblem says in plain words what yaml.v3 found wrong: an unknown key
// by name, else the decoder's own message without its package prefix.
func yamlProblem(err error) string {
	s := strings.TrimPrefix(err.Error(), "yaml: ")
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		parts := make([]string, len(te.Errors))
		for i, e := range te.Errors {
			if strings.Contains(e, "not found in type") {
				// "line 1: field hieght_cm not found in type main.Config"
				line, rest, _ := strings.Cut(e, ": field ")
				name, _, _ := strings.Cut(rest, " not found")
				parts[i] = fmt.Sprintf("%s: %q is not a key runlog knows (keys: height_cm, timezone, unlogged, date_order, journal, format, runs)", line, name)
				continue
			}
			parts[i] = e
		}
		s = strings.Join(parts, "; ")
	}
	return s
}

func validHeight(cm float64) bool { return cm >= 100 && cm <= 250 }

// heightFlag is --height-cm with the environment and config file behind it.
type heightFlag struct {
	HeightCM float64 // 0: not given on the command line
}

// resolve returns the height to use (NaN when none is known: the FIT user
// profile may still give one) and a usage error for a bad flag or
// environment value.
func (h heightFlag) resolve(cfg Config, getenv func(string) string) (float64, error) {
	if h.HeightCM != 0 {
		if !validHeight(h.HeightCM) {
			return math.NaN(), usageError{fmt.Errorf("--height-cm %v is not a height in centimetres (100–250)", h.HeightCM)}
		}
		return h.HeightCM, nil
	}
	if env := getenv("RUNLOG_HEIGHT_CM"); env != "" {
		v, err := strconv.ParseFloat(strings.TrimSpace(env), 64)
		if err != nil {
			return math.NaN(), usageError{fmt.Errorf("RUNLOG_HEIGHT_CM=%s: not a number of centimetres", env)}
		}
		if !validHeight(v) {
			return math.NaN(), usageError{fmt.Errorf("RUNLOG_HEIGHT_CM=%s: not a height in centimetres (100–250)", env)}
		}
		return v, nil
	}
	if c := cfg.HeightCM; c != 0 {
		return c, nil
	}
	return math.NaN(), nil
}

// resolveFormat is --format when given, else $RUNLOG_FORMAT, else the
// config file's format, else text.
func resolveFormat(flag string, changed bool, cfg Config, getenv func(string) string) string {
	if changed {
		return flag
	}
	return firstNonEmpty(getenv("RUNLOG_FORMAT"), cfg.Format, flag, "text")
}

// resolveJournal is the journal: flag, else $RUNLOG_JOURNAL, else the
// config file's journal, else the per-user data folder.
func resolveJournal(flag string, cfg Config, getenv func(string) string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	if p := getenv(notes.JournalEnv); p != "" {
		return p, nil
	}
	if cfg.Journal != "" {
		return expandHome(cfg.Journal), nil
	}
	return notes.DefaultJournalPathEnv(getenv)
}

// expandHome turns a leading ~/ into the home folder.
func expandHome(p string) string {
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if h, err := os.UserHomeDir(); err == nil {
			return filepath.Join(h, rest)
		}
	}
	return p
}
