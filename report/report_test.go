package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/runlog/runlog/analysis"
	"github.com/runlog/runlog/analysis/notes"
	"github.com/runlog/runlog/fitparse"
)

func sampleResult() analysis.Result {
	nan := math.NaN()
	return analysis.Result{
		Runs: []analysis.RunResult{{
			Source: "a.zip!runs/x.fit", Session: 2, Start: time.Date(2026, 11, 20, 6, 10, 0, 0, time.UTC),
			UTCOffset: time.Hour, HasUTCOffset: true, Sport: "running", SubSport: "treadmill", Treadmill: true,
			Decoder: "muktihari", DistanceM: 10012.34, TimerS: 3001,
			Measure: analysis.Measure{Run: analysis.Form{RunningS: 2950, SpeedMPS: 3.4, HeartRateBPM: nan, CadenceSPM: 172.44, GCTms: nan, VOmm: nan,
				StepLengthM: 1.18, DutyFactor: nan, VerticalRatioPct: nan}},
			Overstride: analysis.Overstride{Score: 12.4, Level: "low", Confidence: "low", Reasons: []string{"cadence 172 spm at 12.2 km/h is not below the 168 spm typical at that speed"}},
			Fatigue:    analysis.Fatigue{CadenceDropSPM: 1.04, GCTRiseMS: nan},
			HeightCM:   nan,
			DeviceAvg:  fitparse.Averages{SpeedMPS: 3.39, HeartRateBPM: nan, CadenceSPM: 171.9, GCTms: nan, VOmm: nan, StepLengthMM: nan},
		}},
		Skipped: []fitparse.Skip{{Source: "ride.fit", Session: 0, Reason: "session 0 is cycling, not running"}, {Source: "s.fit", Session: -1, Reason: "not an activity"}},
		Errors:  []analysis.InputError{{Source: "bad.fit", Err: "bad.fit: file CRC does not match"}},
	}
}

func TestJSONNullsAndFields(t *testing.T) {
	res := sampleResult()
	var buf bytes.Buffer
	if err := JSON(&buf, &res); err != nil {
		t.Fatal(err)
	}
	var doc map[string]interface{}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	run := doc["runs"].([]interface{})[0].(map[string]interface{})
	if run["avg_gct_ms"] != nil || run["avg_heart_rate_bpm"] != nil {
		t.Errorf("unmeasured values must be null: gct %v hr %v", run["avg_gct_ms"], run["avg_heart_rate_bpm"])
	}
	if run["avg_cadence_spm"] != 172.4 || run["start"] != "2026-11-20T06:10:00Z" || run["utc_offset"] != "+01:00" || run["treadmill"] != true {
		t.Errorf("run fields: %v", run)
	}
	sk := doc["skipped"].([]interface{})
	if sk[0].(map[string]interface{})["session"] != 0.0 || sk[1].(map[string]interface{})["session"] != nil {
		t.Errorf("skipped sessions: %v", sk)
	}
	if e := doc["errors"].([]interface{})[0].(map[string]interface{}); e["source"] != "bad.fit" || !strings.Contains(e["error"].(string), "CRC") {
		t.Errorf("errors: %v", e)
	}
	if strings.Contains(buf.String(), "NaN") {
		t.Error("NaN leaked into JSON")
	}
}

func TestJSONEmptyListsAreArrays(t *testing.T) {
	var buf bytes.Buffer
	if err := JSON(&buf, &analysis.Result{}); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{`"runs": []`, `"skipped": []`, `"errors": []`, `"causes": []`, `"faq": []`, `"fixes": []`, `"reasons": []`, `"comparison": null`} {
		if !strings.Contains(buf.String(), k) {
			t.Errorf("missing %s in %s", k, buf.String())
		}
	}
}

func TestText(t *testing.T) {
	res := sampleResult()
	var buf bytes.Buffer
	if err := Text(&buf, &res, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, s := range []string{"2026-11-20 07:10", "treadmill", "10.01", "50:01", "4:54", "172", "1.18", "1 file could not be read",
		"low 12", "Why", "2026-11-20 07:10   cadence 172 spm at 12.2 km/h is not below"} {
		if !strings.Contains(out, s) {
			t.Errorf("text lacks %q:\n%s", s, out)
		}
	}
	lines := strings.Split(out, "\n")
	// lines[2] is the first run's row of the runs table, the form table's
	// below it; both fit 100 columns.
	form := lines[slices.Index(lines, "Running form:")+2]
	if !strings.Contains(form, " - ") {
		t.Errorf("missing values should show as '-': %q", form)
	}
	for _, l := range lines {
		if n := len([]rune(l)); n > DefaultTextWidth {
			t.Errorf("line %d columns wide: %q", n, l)
		}
	}
}

func TestClock(t *testing.T) {
	for s, want := range map[float64]string{59.6: "1:00", 3600: "1:00:00", 3725: "1:02:05", math.NaN(): "-", -1: "-"} {
		if got := clock(s); got != want {
			t.Errorf("clock(%v) = %q, want %q", s, got, want)
		}
	}
}

func TestCSV(t *testing.T) {
	res := sampleResult()
	rows, col := csvRows(t, &res)
	// A row per run, then a row per file that could not be read.
	if len(rows) != 2+len(res.Errors) || len(rows[0]) != len(rows[1]) || rows[0][0] != "start" {
		t.Fatalf("rows: %q", rows)
	}
	for i, e := range res.Errors {
		row := rows[2+i]
		if row[2] != e.Source || row[csvErrorCol] != e.Err || row[0] != "" {
			t.Errorf("error row %d: %q", i, row)
		}
	}
	if col["avg_cadence_spm"] != "172.4" || col["avg_gct_ms"] != "" || col["overstride_level"] != "low" || col["utc_offset"] != "+01:00" || col["sub_sport"] != "treadmill" {
		t.Errorf("row: %v", col)
	}
}

// TestAdviceWithoutNotes: with every cause unknown for one reason, the
// text says it once, not under every cause, and gives the guide to noting
// numbness instead of fixes.
func TestAdviceWithoutNotes(t *testing.T) {
	res := sampleResult()
	why := "no notes were given, so runlog cannot tell which runs went numb"
	for _, id := range []string{"wrong_shoes", "running_form", "mortons_neuroma", "peripheral_neuropathy"} {
		res.Advice.Causes = append(res.Advice.Causes, analysis.CauseVerdict{ID: id, Title: id, Verdict: analysis.VerdictUnknown, Evidence: []string{why}})
	}
	res.Advice.LoggingGuide = "note the date, the foot and the shoes"
	res.Advice.Prevention = []analysis.FixInfo{{ID: "warm_up", Title: "A warm-up", How: "easy moves"}}
	res.Advice.Disclaimer = "not medical advice"
	var buf bytes.Buffer
	if err := Text(&buf, &res, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	out := strings.Join(strings.Fields(buf.String()), " ")
	if strings.Count(out, why) != 1 || strings.Contains(out, "What to try") || !strings.Contains(out, "note the date, the foot and the shoes") ||
		strings.Count(out, "A warm-up: easy moves") != 1 {
		t.Errorf("text:\n%s", out)
	}
}

// TestCSVSaysWhatWasPartial: a run cut short or repaired says so in its
// row, so a coach's spreadsheet sees what the text report's "Read with
// care" says.
func TestCSVSaysWhatWasPartial(t *testing.T) {
	res := sampleResult()
	res.Runs[0].Truncated = true
	res.Runs[0].Warnings = []string{"file is cut short: read up to the cut", "cadence was recorded at half its value; doubled"}
	_, col := csvRows(t, &res)
	if col["truncated"] != "true" || col["warnings"] != strings.Join(res.Runs[0].Warnings, " | ") {
		t.Errorf("truncated %q, warnings %q", col["truncated"], col["warnings"])
	}
}

// TestUnreadNotesInEveryFormat: notes that were not read, and the runs
// they leave unknown, are in the text, JSON and CSV reports themselves.
func TestUnreadNotesInEveryFormat(t *testing.T) {
	res := sampleResult()
	res.Runs[0].Numbness = analysis.Numbness{Reported: notes.Unknown, Foot: "unknown", OnsetKm: math.NaN(), OnsetMin: math.NaN(),
		UnknownReason: `not read, may be about this run: notes.md:7: date "03/04/2026" reads as 3 April or 4 March (day or month first?)`,
		Unread:        []analysis.NoteRef{{File: "notes.md", Line: 7}}}
	res.Notes = analysis.NotesSummary{Given: true, Read: 4, UnreadCount: 2, Unread: []analysis.UnreadNote{
		{File: "notes.md", Line: 7, Reason: `date "03/04/2026" reads as 3 April or 4 March (day or month first?)`, Notes: 1,
			Dates: []notes.Day{{Year: 2026, Month: 3, Day: 4}, {Year: 2026, Month: 4, Day: 3}}, Runs: 1},
		{File: "notes.md", Line: 9, Reason: "no date at the start of the line", Notes: 1},
		{File: "log.csv", Reason: "log.csv: not a text notes file"},
	}}

	var text bytes.Buffer
	if err := Text(&text, &res, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Not read: 2 notes and 1 notes file;", "notes.md:7  date \"03/04/2026\"", "(1 run left", "notes.md:9  no date", "log.csv  log.csv: not a text", "--date-order"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, text.String())
		}
	}

	var js bytes.Buffer
	if err := JSON(&js, &res); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Notes struct {
			UnreadCount int `json:"unread_count"`
			Unread      []struct {
				File           string
				Line           *int
				Reason         string
				CandidateDates []string `json:"candidate_dates"`
				UnknownRuns    int      `json:"unknown_runs"`
			}
		}
		Runs []struct {
			Numbness struct {
				Reported      *bool
				UnknownReason *string `json:"unknown_reason"`
				UnreadNotes   []struct {
					File string
					Line *int
				} `json:"unread_notes"`
			}
		}
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	u := doc.Notes.Unread
	if doc.Notes.UnreadCount != 2 || len(u) != 3 || u[0].Line == nil || *u[0].Line != 7 || strings.Join(u[0].CandidateDates, ",") != "2026-03-04,2026-04-03" ||
		u[0].UnknownRuns != 1 || u[1].CandidateDates == nil || len(u[1].CandidateDates) != 0 || u[2].Line != nil || u[2].File != "log.csv" {
		t.Errorf("notes.unread: %d %+v", doc.Notes.UnreadCount, u)
	}
	n := doc.Runs[0].Numbness
	if n.Reported != nil || n.UnknownReason == nil || !strings.Contains(*n.UnknownReason, "notes.md:7") || len(n.UnreadNotes) != 1 || *n.UnreadNotes[0].Line != 7 {
		t.Errorf("run numbness: %+v", n)
	}

	var c bytes.Buffer
	if err := CSV(&c, &res); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&c).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range rows[0] {
		if h == "numbness_unknown_reason" {
			col = i
		}
	}
	if col < 0 || !strings.Contains(rows[1][col], "notes.md:7: date") {
		t.Errorf("CSV unknown reason column %d: %v", col, rows)
	}
}

// TestCSVFormulaCells: a shoe, file name or error that a spreadsheet would
// run as a formula comes out as text; numbers, negative ones included, stay
// numbers.
func TestCSVFormulaCells(t *testing.T) {
	res := sampleResult()
	res.Runs[0].Gear = "=HYPERLINK(\"http://x\",\"shoe\")"
	res.Runs[0].Source = "@run.fit"
	res.Runs[0].Fatigue.CadenceDropSPM = -2.5
	res.Errors[0].Source = "+bad.fit"
	rows, col := csvRows(t, &res)
	if col["gear"] != "'"+res.Runs[0].Gear || col["source"] != "'@run.fit" || col["fatigue_cadence_drop_spm"] != "-2.5" {
		t.Errorf("run row: gear %q source %q drop %q", col["gear"], col["source"], col["fatigue_cadence_drop_spm"])
	}
	if got := rows[2][2]; got != "'+bad.fit" {
		t.Errorf("error row source %q", got)
	}
}

// csvRows writes res as CSV and reads it back: every row, and the first
// run's row by column name.
func csvRows(t *testing.T, res *analysis.Result) ([][]string, map[string]string) {
	t.Helper()
	var buf bytes.Buffer
	if err := CSV(&buf, res); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]string{}
	if len(rows) > 1 {
		for i, h := range rows[0] {
			col[h] = rows[1][i]
		}
	}
	return rows, col
}

// TestUnmatchedListBounded: a journal of years given with a few runs lists
// only the first notes without a run in the text report, and says how many
// more the JSON holds.
func TestUnmatchedListBounded(t *testing.T) {
	res := analysis.Result{Notes: analysis.NotesSummary{Given: true, Read: 500}}
	for i := 0; i < 500; i++ {
		res.Notes.Unmatched = append(res.Notes.Unmatched, analysis.UnmatchedNote{Date: fmt.Sprintf("2001-01-%02d", 1+i%28), Text: "easy", Why: "no run on that date"})
	}
	var buf bytes.Buffer
	if err := Text(&buf, &res, TextOptions{Width: 100}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if n := strings.Count(out, "(no run on that date)"); n != maxUnmatchedShown || !strings.Contains(out, "… and 480 more without a run") {
		t.Errorf("%d notes listed:\n%s", n, out)
	}
}
