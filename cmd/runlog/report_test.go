package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/runlog/runlog/analysis"
)

func TestNewReportCmdParsesFlags(t *testing.T) {
	var got *ReportOptions
	cmd := newReportCmd(IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}, func(o *ReportOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--since", "7d", "--until", "yesterday", "--tz", "Europe/Berlin", "--fail-on", "doctor", "--format", "json", "runs", "more"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Since != "7d" || got.Until != "yesterday" || got.TZ != "Europe/Berlin" || got.FailOn != "doctor" || got.Format != "json" ||
		!got.FormatSet || strings.Join(got.Paths, ",") != "runs,more" {
		t.Errorf("options = %+v", got)
	}
	cmd = newReportCmd(IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}, func(o *ReportOptions) error { got = o; return nil })
	cmd.SetArgs(nil)
	if err := cmd.Execute(); err != nil || got.Since != "" || got.Until != "" || got.FormatSet || len(got.Paths) != 0 {
		t.Errorf("defaults: %v %+v", err, got)
	}
}

// TestReportPeriod: the dates a period accepts, its default (the 7 days
// up to today in the runner's zone) and its edges.
func TestReportPeriod(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	// 23:30 UTC on 30 Nov is already 1 Dec in Berlin and Tokyo.
	now := time.Date(2026, 11, 30, 23, 30, 0, 0, time.UTC)
	for _, c := range []struct {
		since, until string
		loc          *time.Location
		want         [2]string
		bad          string
	}{
		{"", "", time.UTC, [2]string{"2026-11-24", "2026-11-30"}, ""},
		{"", "", berlin, [2]string{"2026-11-25", "2026-12-01"}, ""},
		{"", "", tokyo, [2]string{"2026-11-25", "2026-12-01"}, ""},
		{"", "yesterday", time.UTC, [2]string{"2026-11-23", "2026-11-29"}, ""},
		{"7d", "today", time.UTC, [2]string{"2026-11-23", "2026-11-30"}, ""},
		{"2026-11-01", "2026-11-30", time.UTC, [2]string{"2026-11-01", "2026-11-30"}, ""},
		{"today", "", time.UTC, [2]string{"2026-11-30", "2026-11-30"}, ""},
		{"2026-12-05", "2026-12-01", time.UTC, [2]string{}, "after --until"},
		{"last week", "", time.UTC, [2]string{}, `--since "last week": want YYYY-MM-DD`},
		{"", "2026-13-01", time.UTC, [2]string{}, "--until"},
	} {
		o := ReportOptions{Since: c.since, Until: c.until}
		s, u, err := o.period(now, c.loc)
		if c.bad != "" {
			if _, usage := err.(usageError); !usage || !strings.Contains(err.Error(), c.bad) {
				t.Errorf("%q..%q: err %v, want a usage error saying %q", c.since, c.until, err, c.bad)
			}
			continue
		}
		if err != nil || s != c.want[0] || u != c.want[1] {
			t.Errorf("%q..%q in %s: %s..%s %v, want %v", c.since, c.until, c.loc, s, u, err, c.want)
		}
	}
}

// TestRunDay: a run belongs to the day it started, in its own zone when
// the file gives one, else in the runner's.
func TestRunDay(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	// 23:30 local in UTC+2, running past midnight: 21:30 UTC.
	own := analysis.RunResult{Start: time.Date(2026, 11, 23, 21, 30, 0, 0, time.UTC), HasUTCOffset: true, UTCOffset: 2 * time.Hour, TimerS: 70 * 60}
	if d, ok := analysis.RunDay(&own, time.UTC); !ok || d != "2026-11-23" {
		t.Errorf("across midnight in its own zone: %s", d)
	}
	// 23:30 UTC started in UTC−5 at 18:30: its own day, whatever --tz says.
	west := analysis.RunResult{Start: time.Date(2026, 11, 23, 23, 30, 0, 0, time.UTC), HasUTCOffset: true, UTCOffset: -5 * time.Hour}
	if d, _ := analysis.RunDay(&west, berlin); d != "2026-11-23" {
		t.Errorf("own zone beats the runner's: %s", d)
	}
	// No offset in the file: the runner's zone decides.
	bare := analysis.RunResult{Start: time.Date(2026, 11, 23, 23, 30, 0, 0, time.UTC)}
	if d, _ := analysis.RunDay(&bare, berlin); d != "2026-11-24" {
		t.Errorf("no offset, Berlin: %s", d)
	}
	if d, _ := analysis.RunDay(&bare, time.UTC); d != "2026-11-23" {
		t.Errorf("no offset, UTC: %s", d)
	}
	if _, ok := analysis.RunDay(&analysis.RunResult{Start: bare.Start, ClockNotSet: true}, time.UTC); ok {
		t.Error("a run whose watch clock was never set has a day")
	}
}

// reportDir is the demo athlete's runs with notes as given.
func reportDir(t *testing.T, notesText string) string {
	t.Helper()
	dir := t.TempDir()
	files, _ := filepath.Glob(filepath.Join(demoDir, "*.fit"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644)
	}
	if notesText != "" {
		os.WriteFile(filepath.Join(dir, "notes.md"), []byte(notesText), 0o644)
	}
	return dir
}

// runReportAt runs runlog report with the clock at now and no environment
// but an empty config folder.
func runReportAt(t *testing.T, now time.Time, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	ios := IOStreams{Out: &out, ErrOut: &errOut, Now: func() time.Time { return now },
		Getenv: mapEnv(map[string]string{"XDG_CONFIG_HOME": t.TempDir(), "RUNLOG_JOURNAL": filepath.Join(t.TempDir(), "j.md")})}
	code := mainIO(append([]string{"report"}, args...), ios)
	return code, out.String(), errOut.String()
}

type reportDoc struct {
	Schema, Since, Until string
	Runs                 []struct{ Start string }
	RedFlags             []struct{ Date string } `json:"red_flags"`
	OlderRedFlags        []struct{ Date string } `json:"older_red_flags"`
	Form                 struct{ Runs int }
	Before               struct{ Runs int } `json:"form_before"`
	History              struct {
		Runs      []struct{ Start string }
		SeeDoctor struct {
			Advised bool
			Advice  string `json:"advice"`
		} `json:"see_doctor"`
	}
}

func reportJSON(t *testing.T, out string) reportDoc {
	t.Helper()
	var d reportDoc
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	return d
}

// TestReportTimeZoneDecidesToday: at 23:30 UTC on 16 Nov it is already 17
// Nov in Tokyo: the default period moves by a day and loses the 10th.
func TestReportTimeZoneDecidesToday(t *testing.T) {
	dir := reportDir(t, "")
	now := time.Date(2026, 11, 16, 23, 30, 0, 0, time.UTC)
	_, out, _ := runReportAt(t, now, "--format", "json", "--tz", "UTC", dir)
	d := reportJSON(t, out)
	if d.Since != "2026-11-10" || d.Until != "2026-11-16" || len(d.Runs) != 4 || d.Form.Runs != 4 || d.Before.Runs != 4 {
		t.Errorf("UTC: %s..%s, %d runs, before %d", d.Since, d.Until, len(d.Runs), d.Before.Runs)
	}
	_, out, _ = runReportAt(t, now, "--format", "json", "--tz", "Asia/Tokyo", dir)
	d = reportJSON(t, out)
	if d.Since != "2026-11-11" || d.Until != "2026-11-17" || len(d.Runs) != 3 {
		t.Errorf("Tokyo: %s..%s, %d runs", d.Since, d.Until, len(d.Runs))
	}
	// The history ends with --until: runs after it are not judged.
	_, out, _ = runReportAt(t, now, "--format", "json", "--tz", "UTC", "--until", "2026-11-06", dir)
	d = reportJSON(t, out)
	if len(d.History.Runs) != 3 || len(d.Runs) != 3 {
		t.Errorf("--until 2026-11-06: history %d runs, period %d", len(d.History.Runs), len(d.Runs))
	}
}

// TestReportRedFlags: a red flag noted in the period leads the report and
// triggers --fail-on doctor; an older one is listed with its date and
// triggers nothing.
func TestReportRedFlags(t *testing.T) {
	dir := reportDir(t, "- 2026-11-04 left foot numb after 3 km\n- 2026-11-05 toes still numb at rest, all evening\n- 2026-11-11 numb left foot again\n")
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

	// In the period (1 to 7 Nov): first line, exit 4 with --fail-on doctor.
	code, out, stderr := runReportAt(t, now, "--tz", "UTC", "--since", "2026-11-01", "--until", "2026-11-07", "--fail-on", "doctor", dir)
	if code != exitAttention || !strings.HasPrefix(out, "SEE A DOCTOR: a red flag was noted in this period:\n  2026-11-05") {
		t.Errorf("red flag in the period: exit %d, stderr %s\n%s", code, stderr, out)
	}
	// Later (24 to 30 Nov): listed with its date, no banner, exit 0.
	code, out, stderr = runReportAt(t, now, "--tz", "UTC", "--fail-on", "doctor", dir)
	if code != exitOK || strings.Contains(out, "SEE A DOCTOR") || !strings.Contains(out, "Red flags noted before this period") ||
		!strings.Contains(out, "2026-11-05  at rest") {
		t.Errorf("older red flag: exit %d, stderr %s\n%s", code, stderr, out)
	}
	// The doctor section does not say nothing calls for a doctor while an
	// older red flag stands: it names it, before the disclaimer.
	flat := strings.Join(strings.Fields(out), " ")
	doctor := flat[strings.Index(flat, "When to see a doctor:"):]
	if !strings.HasPrefix(doctor, "When to see a doctor: Notes before this period (1 note, listed above) mention signs that call for a doctor") ||
		strings.Contains(flat, "Nothing in your notes calls for it") {
		t.Errorf("the doctor section forgets the older red flag:\n%s", out)
	}
	_, out, _ = runReportAt(t, now, "--tz", "UTC", "--format", "json", dir)
	if d := reportJSON(t, out); !strings.HasPrefix(d.History.SeeDoctor.Advice, "Notes before this period (1 note") {
		t.Errorf("JSON doctor advice: %q", d.History.SeeDoctor.Advice)
	}
	_, out, _ = runReportAt(t, now, "--tz", "UTC", "--format", "json", dir)
	d := reportJSON(t, out)
	if d.Schema != "runlog.report/v1" || len(d.RedFlags) != 0 || len(d.OlderRedFlags) != 1 || d.OlderRedFlags[0].Date != "2026-11-05" || d.History.SeeDoctor.Advised {
		t.Errorf("older red flag in JSON: %+v", d)
	}
	// analyze, over all time, still advises a doctor: the rule is the report's.
	if code, out, _ := runIO(t, nil, "analyze", "--fail-on", "doctor", dir); code != exitAttention || !strings.Contains(out, "SEE A DOCTOR") {
		t.Errorf("analyze: exit %d", code)
	}
}

// TestReportEmptyPeriod: a period without runs is a short report, exit 0;
// nothing to read at all is exit 1.
func TestReportEmptyPeriod(t *testing.T) {
	dir := reportDir(t, "")
	now := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	code, out, stderr := runReportAt(t, now, "--tz", "UTC", dir)
	if code != exitOK || !strings.Contains(out, "runlog report 2027-02-23 to 2027-03-01 (UTC)\n\nNo runs in this period.") {
		t.Errorf("empty period: exit %d, %s\n%s", code, stderr, out)
	}
	if code, _, stderr := runReportAt(t, now, t.TempDir()); code != exitFailed || !strings.Contains(stderr, "no FIT files found") {
		t.Errorf("nothing to read: exit %d %s", code, stderr)
	}
	if code, _, stderr := runReportAt(t, now); code != exitUsage || !strings.Contains(stderr, "runs:") {
		t.Errorf("no path and no runs folder: exit %d %s", code, stderr)
	}
	// The runs folder from the environment.
	var out2, errOut bytes.Buffer
	ios := IOStreams{Out: &out2, ErrOut: &errOut, Now: func() time.Time { return now },
		Getenv: mapEnv(map[string]string{"XDG_CONFIG_HOME": t.TempDir(), "RUNLOG_RUNS": dir, "RUNLOG_TZ": "UTC"})}
	if code := mainIO([]string{"report", "--since", "2026-11-01", "--until", "2026-11-30"}, ios); code != exitOK || !strings.Contains(out2.String(), "8 runs") {
		t.Errorf("RUNLOG_RUNS: exit %d %s\n%s", code, errOut.String(), out2.String())
	}
}

// TestReportUnreadNotesOfThePast: a note not read, dated only before the
// period, does not make the weekly report need attention; one in it does.
func TestReportUnreadNotesOfThePast(t *testing.T) {
	dir := reportDir(t, "- 03/11/2026 numb toes\n- 2026-11-11 feet fine\n")
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	if code, _, stderr := runReportAt(t, now, "--tz", "UTC", "--fail-on", "possible", dir); code != exitOK {
		t.Errorf("old unread note: exit %d %s", code, stderr)
	}
	if code, _, stderr := runReportAt(t, now, "--tz", "UTC", "--since", "2026-03-01", "--fail-on", "possible", dir); code != exitAttention || !strings.Contains(stderr, "notes not read") {
		t.Errorf("unread note in the period: exit %d %s", code, stderr)
	}
}

// TestZoneName: the heading names the runner's zone; the system's zone,
// which Go calls "Local", is said as local time with its abbreviation.
func TestZoneName(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	if got := zoneName(berlin, "2026-07-01"); got != "Europe/Berlin" {
		t.Errorf("Berlin: %q", got)
	}
	if got := zoneName(time.Local, "2026-07-01"); !strings.HasPrefix(got, "local time, ") || strings.Contains(got, "Local") {
		t.Errorf("the system's zone: %q", got)
	}
}
