package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var fixtureDir = filepath.Join("..", "..", "..", "shared", "fixtures", "fit")

func fixturePath(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join(fixtureDir, name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("real FIT fixtures not found at %s (they live in ../shared beside the project): skipping", fixtureDir)
	}
	return p
}

// demoDir is the generated demo athlete committed in testdata.
var demoDir = filepath.Join("..", "..", "testdata", "demo")

func TestNewAnalyzeCmdParsesFlags(t *testing.T) {
	var got *AnalyzeOptions
	cmd := newAnalyzeCmd(IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}, func(o *AnalyzeOptions) error {
		got = o
		return nil
	})
	cmd.SetArgs([]string{"--format", "json", "--max-input-mb", "8", "a.fit", "dir"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got == nil || got.Format != "json" || got.Input.MaxInputMB != 8 || strings.Join(got.Paths, ",") != "a.fit,dir" {
		t.Fatalf("options = %+v", got)
	}
	cmd = newAnalyzeCmd(IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}, func(o *AnalyzeOptions) error {
		got = o
		return nil
	})
	cmd.SetArgs([]string{"-f", "text", "x"})
	if err := cmd.Execute(); err != nil || got.Format != "text" {
		t.Fatalf("short flag: %v %+v", err, got)
	}
}

func TestNewInspectCmdParsesFlags(t *testing.T) {
	var got *InspectOptions
	cmd := newInspectCmd(IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}, func(o *InspectOptions) error {
		got = o
		return nil
	})
	cmd.SetArgs([]string{"--format", "json", "a.fit"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got == nil || got.Format != "json" || len(got.Paths) != 1 || got.Input.MaxInputMB != 64 {
		t.Fatalf("options = %+v", got)
	}
}

func TestExitStatus(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want int
	}{
		{"help", []string{"--help"}, exitOK},
		{"version", []string{"--version"}, exitOK},
		{"unknown command", []string{"frobnicate"}, exitUsage},
		{"unknown flag", []string{"analyze", "--nope", demoDir}, exitUsage},
		{"no paths", []string{"analyze"}, exitUsage},
		{"bad format", []string{"analyze", "--format", "xml", demoDir}, exitUsage},
		{"bad size", []string{"inspect", "--max-input-mb", "0", demoDir}, exitUsage},
		{"demo", []string{"analyze", demoDir}, exitOK},
		{"missing path", []string{"analyze", demoDir, "no/such/dir"}, exitPartial},
		{"nothing found", []string{"analyze", t.TempDir()}, exitFailed},
	}
	for _, c := range cases {
		var out, errOut bytes.Buffer
		if got := Main(c.args, &out, &errOut); got != c.want {
			t.Errorf("%s: exit %d, want %d; stderr: %s", c.name, got, c.want, errOut.String())
		}
	}
	var out bytes.Buffer
	Main([]string{"--help"}, &out, &out)
	for _, s := range []string{"Exit status", "0  all inputs", "1  error: nothing", "2  usage", "3  some inputs", "4  --fail-on", "4 wins"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("help does not state %q", s)
		}
	}
}

// TestAnalyzeJSON runs the analyze command on the generated demo athlete and
// a real file, checking the runlog/v1 document it writes.
func TestAnalyzeJSON(t *testing.T) {
	var out, errOut bytes.Buffer
	err := runAnalyze(&AnalyzeOptions{IO: IOStreams{Out: &out, ErrOut: &errOut}, Paths: []string{demoDir}, Format: "json", Input: inputFlags{MaxInputMB: 64}})
	if err != nil {
		t.Fatalf("%v; stderr: %s", err, errOut.String())
	}
	var doc struct {
		Schema string                   `json:"schema"`
		Runs   []map[string]interface{} `json:"runs"`
		Errors []interface{}            `json:"errors"`
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out.String())
	}
	if doc.Schema != "runlog/v1" || len(doc.Runs) == 0 || len(doc.Errors) != 0 {
		t.Fatalf("schema %q, %d runs, %d errors", doc.Schema, len(doc.Runs), len(doc.Errors))
	}
	prev := ""
	for _, r := range doc.Runs {
		for _, k := range []string{"source", "session", "start", "sport", "sub_sport", "treadmill", "distance_m", "timer_s",
			"avg_speed_mps", "avg_cadence_spm", "avg_gct_ms", "avg_vo_mm", "avg_step_length_m", "decoder", "truncated"} {
			if _, ok := r[k]; !ok {
				t.Errorf("run lacks %q", k)
			}
		}
		start := r["start"].(string)
		if start < prev {
			t.Errorf("runs not in start order: %s after %s", start, prev)
		}
		prev = start
		if c, ok := r["avg_cadence_spm"].(float64); ok && (c < 140 || c > 200) {
			t.Errorf("%v: cadence %v spm is not a running step rate", r["source"], c)
		}
	}
}

// TestAnalyzeBadInputs: unreadable inputs are listed with their reason,
// the rest is still analysed, and the status says some failed.
func TestAnalyzeBadInputs(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "empty.fit"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "notes.fit"), []byte("2026-11-20 left foot numb at 5 km\n"), 0o644)
	unreadable := filepath.Join(dir, "locked.fit")
	os.WriteFile(unreadable, []byte("x"), 0o000)
	paths := []string{dir, demoDir}
	crc := filepath.Join(fixtureDir, "corrupt-filecrc.fit")
	if exists(crc) {
		paths = append(paths, crc)
	}
	var out, errOut bytes.Buffer
	err := runAnalyze(&AnalyzeOptions{IO: IOStreams{Out: &out, ErrOut: &errOut}, Paths: paths, Format: "json", Input: inputFlags{MaxInputMB: 64}})
	if err != errSomeFailed {
		t.Fatalf("err = %v, want errSomeFailed", err)
	}
	var doc struct {
		Runs   []interface{}                    `json:"runs"`
		Errors []struct{ Source, Error string } `json:"errors"`
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Runs) == 0 {
		t.Error("good inputs were not analysed")
	}
	want := map[string]string{"empty.fit": "empty", "notes.fit": "not a FIT file"}
	if exists(crc) {
		want["corrupt-filecrc.fit"] = "CRC"
	}
	if os.Geteuid() != 0 { // root reads files whatever their mode
		want["locked.fit"] = "permission denied"
	}
	for _, e := range doc.Errors {
		base := filepath.Base(e.Source)
		if w, ok := want[base]; ok {
			if !strings.Contains(e.Error, w) || !strings.Contains(e.Error, base) {
				t.Errorf("%s: error %q should name the file and say %q", base, e.Error, w)
			}
			delete(want, base)
		}
	}
	for base := range want {
		t.Errorf("no error listed for %s", base)
	}
}

func TestAnalyzeDeterministic(t *testing.T) {
	render := func() string {
		var out, errOut bytes.Buffer
		Main([]string{"analyze", "--format", "json", demoDir}, &out, &errOut)
		return out.String()
	}
	if a, b := render(), render(); a != b {
		t.Error("two runs on the same inputs gave different output")
	}
}

func TestInspect(t *testing.T) {
	p := fixturePath(t, "fr920xt-triathlon.fit")
	var out, errOut bytes.Buffer
	if code := Main([]string{"inspect", p}, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	text := out.String()
	for _, s := range []string{"garmin fr920xt", "decoder:  muktihari", "session 4: running/generic", "swimming/open_water (skipped", "ground_contact_time 100%", "264 records"} {
		if !strings.Contains(text, s) {
			t.Errorf("inspect output lacks %q:\n%s", s, text)
		}
	}
	out.Reset()
	if code := Main([]string{"inspect", "--format", "json", fixturePath(t, "fr255-triathlon.fit")}, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var doc struct {
		Files []struct {
			Decoder  string
			Sessions []struct {
				Sport    string
				Coverage map[string]float64 `json:"coverage_percent"`
			}
		}
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Files) != 1 || doc.Files[0].Decoder != "muktihari" || len(doc.Files[0].Sessions) < 5 {
		t.Fatalf("inspect json: %+v", doc)
	}
	if run := doc.Files[0].Sessions[4]; run.Sport != "running" || run.Coverage["cadence"] < 90 {
		t.Errorf("fr255 run session: %+v", run)
	}
	// The start is local time as analyze shows it (the file gives +08:00),
	// and an unreadable file is listed on stderr with exit 3.
	out.Reset()
	errOut.Reset()
	code := Main([]string{"inspect", fixturePath(t, "fr920xt-run.fit"), fixturePath(t, "corrupt-filecrc.fit")}, &out, &errOut)
	if code != exitPartial || !strings.Contains(out.String(), "2014-12-29 05:38:12 +08:00") ||
		!strings.Contains(errOut.String(), "runlog: error: ") || !strings.Contains(errOut.String(), "corrupt-filecrc.fit") {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out.String(), errOut.String())
	}
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// TestProgressOnlyOnATerminal: a pipe, a buffer or a file gets no
// progress, nor a terminal with NO_COLOR or TERM=dumb; a terminal gets a
// bar with files done of total and the rate when there are more than 20
// files, or once the work has taken more than a second.
func TestProgressOnlyOnATerminal(t *testing.T) {
	for _, c := range []struct {
		name     string
		terminal bool
		env      map[string]string
		files    int
		tick     time.Duration // the clock's step at each reading
		want     string        // "" for nothing on stderr
	}{
		{"pipe", false, nil, 50, 0, ""},
		{"terminal, many files", true, map[string]string{"TERM": "xterm"}, 50, 0, "/50, "},
		{"terminal, few files, quick", true, map[string]string{"TERM": "xterm"}, 5, 0, ""},
		{"terminal, few files, slow", true, map[string]string{"TERM": "xterm"}, 5, 400 * time.Millisecond, "/5, "},
		{"NO_COLOR", true, map[string]string{"NO_COLOR": "1"}, 50, 0, ""},
		{"dumb", true, map[string]string{"TERM": "dumb"}, 50, 0, ""},
	} {
		clock := time.Date(2026, 11, 30, 7, 0, 0, 0, time.UTC)
		var buf bytes.Buffer
		ios := IOStreams{Out: io.Discard, ErrOut: &buf, ErrTerminal: c.terminal, Getenv: mapEnv(c.env),
			Now: func() time.Time { clock = clock.Add(c.tick); return clock }}
		p := newProgress(ios, func() int { return c.files })
		for range c.files {
			p.step("a.fit")
		}
		got := buf.String()
		p.done()
		if c.want == "" && buf.Len() != 0 || c.want != "" && (!strings.Contains(got, c.want) || !strings.Contains(got, " files/")) {
			t.Errorf("%s: stderr %q, want %q and a rate", c.name, got, c.want)
		}
	}
}

// mapEnv is an environment for tests: only the variables in m are set.
func mapEnv(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// TestDuplicateRunsCountOnce: a folder and a file inside it name the same
// run twice; it is analysed once and the second is listed as skipped.
func TestDuplicateRunsCountOnce(t *testing.T) {
	one := filepath.Join(demoDir, "2026-11-02-run.fit")
	var out, errOut bytes.Buffer
	if code := Main([]string{"analyze", "--format", "json", demoDir, one}, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var doc struct {
		Runs    []struct{ Source string }
		Skipped []struct{ Source, Reason string }
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Runs) != 8 || len(doc.Skipped) != 1 || !strings.Contains(doc.Skipped[0].Reason, "the same run as") {
		t.Errorf("%d runs, skipped %+v", len(doc.Runs), doc.Skipped)
	}
}

// TestAnalyzeWarningsPlainOnStdout: on a real file cut short, the report
// itself says so in plain words (never the decoder's own error text), and
// stderr has the warning too.
func TestAnalyzeWarningsPlainOnStdout(t *testing.T) {
	p := fixturePath(t, "corrupt-truncated.fit")
	var out, errOut bytes.Buffer
	runAnalyze(&AnalyzeOptions{IO: IOStreams{Out: &out, ErrOut: &errOut}, Paths: []string{p}, Format: "text", Input: inputFlags{MaxInputMB: 64}})
	if !strings.Contains(out.String(), "Read with care") || !strings.Contains(out.String(), "file is cut short") {
		t.Errorf("report does not mention the warning:\n%s", out.String())
	}
	if strings.Contains(out.String(), "EOF") {
		t.Errorf("report prints the decoder's error:\n%s", out.String())
	}
	if !strings.Contains(errOut.String(), "cut short") {
		t.Errorf("stderr lacks the warning:\n%s", errOut.String())
	}
}

// TestAnalyzeHelpSaysRunningOnly: the help explains what the averages count
// and where the watch's figure is, with the thresholds analysis uses.
func TestAnalyzeHelpSaysRunningOnly(t *testing.T) {
	var out bytes.Buffer
	cmd := newAnalyzeCmd(IOStreams{Out: &out, ErrOut: &out}, nil)
	cmd.SetOut(&out)
	cmd.SetArgs([]string{"--help"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"running time only", "walk breaks (cadence under 140 spm)", "more than 2 spm or 6 ms", "watch_check"} {
		if !strings.Contains(strings.Join(strings.Fields(out.String()), " "), s) {
			t.Errorf("help lacks %q:\n%s", s, out.String())
		}
	}
}

// TestFileNamesCannotForgeLines: a file name holding a newline or a
// terminal escape is printed escaped, on stdout and stderr alike.
func TestFileNamesCannotForgeLines(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "x\nrunlog: all good\x1b[2J.fit")
	if err := os.WriteFile(name, []byte("not a FIT file at all"), 0o644); err != nil {
		t.Skipf("this file system refuses such a name: %v", err)
	}
	var out, errOut bytes.Buffer
	Main([]string{"analyze", dir}, &out, &errOut)
	for _, s := range []string{out.String(), errOut.String()} {
		if strings.Contains(s, "\nrunlog: all good") || strings.Contains(s, "\x1b") {
			t.Errorf("a file name forged a line or an escape:\n%s", s)
		}
	}
	if !strings.Contains(errOut.String(), `x\nrunlog: all good\x1b[2J.fit`) {
		t.Errorf("stderr does not name the file, escaped:\n%s", errOut.String())
	}
}
