package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestHeightPrecedence: flag beats environment beats config file.
func TestHeightPrecedence(t *testing.T) {
	cfg, err := loadConfig(writeConfig(t, "height_cm: 170\n"))
	if err != nil {
		t.Fatal(err)
	}
	none := mapEnv(nil)
	env := mapEnv(map[string]string{"RUNLOG_HEIGHT_CM": "180"})
	if h, _ := (heightFlag{}).resolve(cfg, none); h != 170 {
		t.Errorf("config only: %v", h)
	}
	if h, _ := (heightFlag{}).resolve(cfg, env); h != 180 {
		t.Errorf("environment over config: %v", h)
	}
	if h, _ := (heightFlag{HeightCM: 190}).resolve(cfg, env); h != 190 {
		t.Errorf("flag over environment: %v", h)
	}
	if h, _ := (heightFlag{}).resolve(Config{}, none); !math.IsNaN(h) {
		t.Errorf("nothing given: %v, want NaN (the watch's profile may know)", h)
	}
	if _, err := (heightFlag{HeightCM: 17}).resolve(Config{}, none); err == nil {
		t.Error("17 cm accepted")
	}
}

func TestLoadConfigErrors(t *testing.T) {
	if c, err := loadConfig(filepath.Join(t.TempDir(), "none.yaml")); err != nil || c.HeightCM != 0 {
		t.Errorf("missing file: %v %+v", err, c)
	}
	if _, err := loadConfig(writeConfig(t, "")); err != nil {
		t.Errorf("empty file: %v", err)
	}
	for text, want := range map[string]string{
		"hieght_cm: 170\n":  "hieght_cm",
		"height_cm: tall\n": "tall",
		"height_cm: 999\n":  "999",
	} {
		p := writeConfig(t, text)
		_, err := loadConfig(p)
		if err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v should name the file and %q", text, err, want)
		}
	}
}

// TestAnalyzeUsesHeight: the height reaches the report, from the config
// file through the command.
func TestAnalyzeUsesHeight(t *testing.T) {
	t.Setenv("RUNLOG_HEIGHT_CM", "")
	t.Setenv("RUNLOG_CONFIG", writeConfig(t, "height_cm: 182\n"))
	var out, errOut bytes.Buffer
	if code := Main([]string{"analyze", "--format", "json", filepath.Join(demoDir, "2026-11-04-run.fit")}, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var doc struct {
		Runs []struct {
			HeightCM   float64 `json:"height_cm"`
			Overstride struct {
				Level   string
				Reasons []string
			}
		}
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	r := doc.Runs[0]
	if r.HeightCM != 182 || !strings.Contains(strings.Join(r.Overstride.Reasons, " "), "from 182 cm") {
		t.Errorf("height %v, reasons %q", r.HeightCM, r.Overstride.Reasons)
	}
	var got *AnalyzeOptions
	cmd := newAnalyzeCmd(IOStreams{Out: &out, ErrOut: &errOut}, func(o *AnalyzeOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--height-cm", "171.5", "x.fit"})
	if err := cmd.Execute(); err != nil || got.Height.HeightCM != 171.5 {
		t.Errorf("flag: %v %+v", err, got)
	}
}

// TestConfigPath: runlog config path prints $RUNLOG_CONFIG, else the file in
// the user's config folder; a $RUNLOG_CONFIG that does not exist is exit 2.
func TestConfigPath(t *testing.T) {
	cfgHome := t.TempDir()
	code, out, stderr := runIO(t, map[string]string{"XDG_CONFIG_HOME": cfgHome}, "config", "path")
	if code != exitOK || strings.TrimSpace(out) != filepath.Join(cfgHome, "runlog", "config.yaml") || !strings.Contains(stderr, "does not exist") {
		t.Errorf("default: exit %d, %q, %q", code, out, stderr)
	}
	p := writeConfig(t, "height_cm: 180\n")
	code, out, stderr = runIO(t, map[string]string{"RUNLOG_CONFIG": p}, "config", "path")
	if code != exitOK || strings.TrimSpace(out) != p || stderr != "" {
		t.Errorf("RUNLOG_CONFIG: exit %d, %q, %q", code, out, stderr)
	}
	missing := filepath.Join(t.TempDir(), "gone.yaml")
	code, _, stderr = runIO(t, map[string]string{"RUNLOG_CONFIG": missing}, "config", "path")
	if code != exitUsage || !strings.Contains(stderr, missing) {
		t.Errorf("missing RUNLOG_CONFIG: exit %d, %q", code, stderr)
	}
	if code, _, _ := runIO(t, nil, "config", "frob"); code != exitUsage {
		t.Errorf("config frob: exit %d", code)
	}
}

// TestConfigPrecedence: format and journal, like height: the flag beats
// the environment, which beats the file in the user's config folder.
func TestConfigPrecedence(t *testing.T) {
	cfgHome := t.TempDir()
	os.MkdirAll(filepath.Join(cfgHome, "runlog"), 0o700)
	cfgJournal := filepath.Join(t.TempDir(), "cfg-journal.md")
	os.WriteFile(filepath.Join(cfgHome, "runlog", "config.yaml"), []byte("format: csv\njournal: "+cfgJournal+"\n"), 0o600)
	one := filepath.Join(demoDir, "2026-11-04-run.fit")
	base := map[string]string{"XDG_CONFIG_HOME": cfgHome, "RUNLOG_JOURNAL": ""}
	_, out, _ := runIO(t, base, "analyze", one)
	if !strings.HasPrefix(out, "start,") {
		t.Errorf("config format csv not used:\n%.200s", out)
	}
	env := map[string]string{"XDG_CONFIG_HOME": cfgHome, "RUNLOG_JOURNAL": "", "RUNLOG_FORMAT": "json"}
	if _, out, _ = runIO(t, env, "analyze", one); !strings.HasPrefix(out, "{") {
		t.Errorf("RUNLOG_FORMAT json not used:\n%.200s", out)
	}
	if _, out, _ = runIO(t, env, "analyze", "--format", "text", one); strings.HasPrefix(out, "{") || strings.HasPrefix(out, "start,") || !strings.Contains(out, "overstride") {
		t.Errorf("--format text did not win:\n%.200s", out)
	}
	// The journal: config file, then environment, then flag.
	if _, out, _ := runIO(t, base, "note", "path"); strings.TrimSpace(out) != cfgJournal {
		t.Errorf("config journal: %q", out)
	}
	envJournal := filepath.Join(t.TempDir(), "env.md")
	if _, out, _ := runIO(t, map[string]string{"XDG_CONFIG_HOME": cfgHome, "RUNLOG_JOURNAL": envJournal}, "note", "path"); strings.TrimSpace(out) != envJournal {
		t.Errorf("RUNLOG_JOURNAL over config: %q", out)
	}
}

// TestConfigFormatsAreTheFlags: every --format analyze has is a valid
// config format, and an unknown one is refused naming the file.
func TestConfigFormatsAreTheFlags(t *testing.T) {
	for _, f := range []string{"text", "json", "csv", "md", "html"} {
		if _, err := loadConfig(writeConfig(t, "format: "+f+"\n")); err != nil {
			t.Errorf("format %s: %v", f, err)
		}
	}
	if _, err := loadConfig(writeConfig(t, "format: xml\n")); err == nil || !strings.Contains(err.Error(), "config.yaml") {
		t.Errorf("format xml: %v", err)
	}
}
