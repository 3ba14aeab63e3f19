package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAdviceInReports: the demo athlete's report ends with what to try,
// when to see a doctor and the disclaimer; red flags lead both outputs.
func TestAdviceInReports(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := Main([]string{"analyze", "--tz", "UTC", demoDir}, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	text := out.String()
	iTry, iDoc := strings.Index(text, "\nWhat to try"), strings.Index(text, "\nWhen to see a doctor:")
	if iTry < 0 || iDoc < iTry || !strings.HasSuffix(strings.TrimSpace(text), "runlog is not medical advice; it points at what your data fit and cannot examine your feet.") {
		t.Fatalf("text report does not end with what to try, the doctor and the disclaimer:\n%s", text)
	}
	for _, want := range []string{"Which causes of numb feet fit your data:", "Shoes that squeeze the foot", "Overstriding, heavy landings and pounding",
		"Morton's neuroma", "Nerve damage (peripheral neuropathy)"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	// The demo journal notes tingling on a rest day: a red flag, so the
	// report opens with it.
	if !strings.HasPrefix(text, "SEE A DOCTOR") {
		t.Errorf("red flags do not lead the text report:\n%.200s", text)
	}

	out.Reset()
	if code := Main([]string{"analyze", "--format", "json", "--tz", "UTC", demoDir}, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d", code)
	}
	raw := out.String()
	if iSchema, iDoctor, iRuns := strings.Index(raw, `"schema"`), strings.Index(raw, `"see_doctor"`), strings.Index(raw, `"runs"`); !(iSchema < iDoctor && iDoctor < iRuns) {
		t.Errorf("see_doctor is not first after schema")
	}
	var doc struct {
		SeeDoctor struct {
			Advised bool
			Reasons []string
		} `json:"see_doctor"`
		Causes []struct {
			ID, Verdict string
			Evidence    []string
		}
		FAQ []struct {
			ID      string
			Applies bool
		}
		Fixes []struct {
			ID  string
			Why []string
		}
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if !doc.SeeDoctor.Advised || len(doc.Causes) != 4 || len(doc.FAQ) != 4 || len(doc.Fixes) < 4 {
		t.Errorf("advice: %+v", doc)
	}
	for _, c := range doc.Causes {
		if (c.Verdict == "likely" || c.Verdict == "possible") && len(c.Evidence) == 0 {
			t.Errorf("%s is %s without evidence", c.ID, c.Verdict)
		}
	}
}

// TestFailOn: cron jobs get exit 1 when the report needs attention.
func TestFailOn(t *testing.T) {
	dir := t.TempDir()
	files, _ := filepath.Glob(filepath.Join(demoDir, "*.fit"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644)
	}
	var out, errOut bytes.Buffer
	if code := Main([]string{"analyze", "--fail-on", "likely", dir}, &out, &errOut); code != exitOK {
		t.Errorf("no notes, nothing likely: exit %d", code)
	}
	os.WriteFile(filepath.Join(dir, "notes.md"), []byte("- 2026-11-04 numb toes, shoes too tight\n- 2026-11-11 numb toes again, tight laces\n- 2026-11-02 feet fine\n"), 0o644)
	errOut.Reset()
	if code := Main([]string{"analyze", "--fail-on", "likely", dir}, &out, &errOut); code != exitAttention || !strings.Contains(errOut.String(), "--fail-on likely") {
		t.Errorf("a likely cause: exit %d, stderr %s", code, errOut.String())
	}
	if code := Main([]string{"analyze", "--fail-on", "doctor", dir}, &out, &errOut); code != exitOK {
		t.Errorf("no red flag with --fail-on doctor: exit %d", code)
	}
	if code := Main([]string{"analyze", "--fail-on", "sometimes", dir}, &out, &errOut); code != exitUsage {
		t.Errorf("bad --fail-on: exit %d", code)
	}
}

// copyDemoRuns copies the demo athlete's FIT files, without its notes, to
// a temporary folder.
func copyDemoRuns(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files, _ := filepath.Glob(filepath.Join(demoDir, "*.fit"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestEvidenceLinesOnce: in the text report every evidence line of every
// cause is printed once (issue 10 saw one five times), for the demo
// athlete and for generated notes on its runs.
func TestEvidenceLinesOnce(t *testing.T) {
	dir := copyDemoRuns(t)
	journals := []string{
		"", // the demo's own notes
		"- 2026-11-04 left foot numb, tight shoes\n- 2026-11-11 left foot numb, laces tight\n- 2026-11-15 left foot numb after 3 km\n- 2026-11-02 feet fine\n",
		"- 2026-11-06 numb on the treadmill\n- 2026-11-08 both feet numb\n- 2026-11-10 numb toes, still numb at night\n",
		"- 2026-11-04 burning between the third and fourth toes\n- 2026-11-11 numb ball of the foot, narrow shoes\n- 2026-11-13 fine\n",
	}
	for i, journal := range journals {
		args := []string{"analyze", "--tz", "UTC", demoDir}
		if journal != "" {
			os.WriteFile(filepath.Join(dir, "notes.md"), []byte(journal), 0o644)
			args = []string{"analyze", "--tz", "UTC", dir}
		}
		var text, js, errOut bytes.Buffer
		Main(args, &text, &errOut)
		Main(append([]string{args[0], "--format", "json"}, args[1:]...), &js, &errOut)
		var doc struct {
			Causes []struct{ Evidence []string }
		}
		if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, c := range doc.Causes {
			for _, e := range c.Evidence {
				// The line's start: text wraps long lines at 100 columns.
				head := e[:min(len(e), 60)]
				if got := strings.Count(text.String(), head); got != 1 {
					t.Errorf("journal %d: %q printed %d times:\n%s", i, head, got, text.String())
				}
				n++
			}
		}
		if n == 0 {
			t.Errorf("journal %d: no evidence at all", i)
		}
	}
}

// TestNoFixesWithoutNotes: without notes runlog cannot tell numb runs from
// clean ones: no fixes, the guide to noting numbness instead, in both
// outputs.
func TestNoFixesWithoutNotes(t *testing.T) {
	dir := copyDemoRuns(t)
	var text, js, errOut bytes.Buffer
	if code := Main([]string{"analyze", dir}, &text, &errOut); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	out := text.String()
	if strings.Contains(out, "What to try") || !strings.Contains(out, "How to note numbness:") || !strings.Contains(out, "runlog note add") ||
		strings.Count(out, "Whatever the cause:") != 1 {
		t.Errorf("text without notes:\n%s", out)
	}
	Main([]string{"analyze", "--format", "json", dir}, &js, &errOut)
	var doc struct {
		Fixes        []json.RawMessage `json:"fixes"`
		LoggingGuide *string           `json:"logging_guide"`
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Fixes) != 0 || doc.LoggingGuide == nil || !strings.Contains(*doc.LoggingGuide, "notes.md") {
		t.Errorf("JSON without notes: fixes %d, guide %v", len(doc.Fixes), doc.LoggingGuide)
	}
}
