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
	t.Setenv("RUNLOG_HEIGHT_CM", "")
	if h, _ := (heightFlag{}).resolve(cfg); h != 170 {
		t.Errorf("config only: %v", h)
	}
	t.Setenv("RUNLOG_HEIGHT_CM", "180")
	if h, _ := (heightFlag{}).resolve(cfg); h != 180 {
		t.Errorf("environment over config: %v", h)
	}
	if h, _ := (heightFlag{HeightCM: 190}).resolve(cfg); h != 190 {
		t.Errorf("flag over environment: %v", h)
	}
	t.Setenv("RUNLOG_HEIGHT_CM", "")
	if h, _ := (heightFlag{}).resolve(Config{}); !math.IsNaN(h) {
		t.Errorf("nothing given: %v, want NaN (the watch's profile may know)", h)
	}
	if _, err := (heightFlag{HeightCM: 17}).resolve(Config{}); err == nil {
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
