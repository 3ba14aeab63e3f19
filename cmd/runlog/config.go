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

	"gopkg.in/yaml.v3"
)

// Config is runlog's configuration file, YAML at configPath(). Flags beat
// environment variables, which beat the file.
//
//	height_cm: 178               # the runner's height; RUNLOG_HEIGHT_CM
//	timezone: Europe/Berlin      # zone of note times for runs without one; RUNLOG_TZ
//	unlogged: clean              # or unknown; RUNLOG_UNLOGGED
//	date_order: dmy              # or mdy: numeric dates in notes that read both ways; RUNLOG_DATE_ORDER
type Config struct {
	HeightCM  float64 `yaml:"height_cm"`
	TimeZone  string  `yaml:"timezone"`
	Unlogged  string  `yaml:"unlogged"`
	DateOrder string  `yaml:"date_order"`
}

// configPath is $RUNLOG_CONFIG, else runlog/config.yaml in the user's
// configuration directory (os.UserConfigDir: ~/.config on Linux,
// ~/Library/Application Support on macOS, %AppData% on Windows).
func configPath() (string, error) {
	if p := os.Getenv("RUNLOG_CONFIG"); p != "" {
		return p, nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "runlog", "config.yaml"), nil
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
		return c, fmt.Errorf("config %s: %v", path, err)
	}
	if c.HeightCM != 0 && !validHeight(c.HeightCM) {
		return c, fmt.Errorf("config %s: height_cm %v is not a height in centimetres (100–250)", path, c.HeightCM)
	}
	return c, nil
}

func validHeight(cm float64) bool { return cm >= 100 && cm <= 250 }

// heightFlag is --height-cm with the environment and config file behind it.
type heightFlag struct {
	HeightCM float64 // 0: not given on the command line
}

// resolve returns the height to use (NaN when none is known: the FIT user
// profile may still give one) and a usage error for a bad flag.
func (h heightFlag) resolve(cfg Config) (float64, error) {
	if h.HeightCM != 0 {
		if !validHeight(h.HeightCM) {
			return math.NaN(), usageError{fmt.Errorf("--height-cm %v is not a height in centimetres (100–250)", h.HeightCM)}
		}
		return h.HeightCM, nil
	}
	if env := os.Getenv("RUNLOG_HEIGHT_CM"); env != "" {
		v, err := strconv.ParseFloat(env, 64)
		if err != nil || !validHeight(v) {
			return math.NaN(), fmt.Errorf("RUNLOG_HEIGHT_CM=%q is not a height in centimetres (100–250)", env)
		}
		return v, nil
	}
	if c := cfg.HeightCM; c != 0 {
		return c, nil
	}
	return math.NaN(), nil
}
