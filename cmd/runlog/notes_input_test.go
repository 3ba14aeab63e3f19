package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type numbDoc struct {
	Runs []struct {
		Source   string
		Gear     *string
		Numbness struct {
			Reported *bool
			Foot     string
			OnsetKm  *float64 `json:"onset_km"`
			Notes    []struct{ Text, File string }
		}
	}
	Errors []struct{ Source, Error string }
	Notes  struct {
		Given     bool
		Read      int
		Matched   int
		Unmatched []struct{ Date, Text string }
		Warnings  []string
	}
	Comparison *struct {
		NumbRuns  int `json:"numb_runs"`
		CleanRuns int `json:"clean_runs"`
	}
}

func analyzeJSON(t *testing.T, args ...string) (numbDoc, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(append([]string{"analyze", "--format", "json", "--tz", "Europe/Berlin"}, args...), &out, &errOut)
	var doc numbDoc
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("exit %d, not JSON: %v\n%s\n%s", code, err, out.String(), errOut.String())
	}
	return doc, errOut.String(), code
}

// athleteDir copies the demo runs into a folder with a notes file.
func athleteDir(t *testing.T, notesName, notesText string) string {
	t.Helper()
	dir := t.TempDir()
	files, _ := filepath.Glob(filepath.Join(demoDir, "*.fit"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644)
	}
	if notesName != "" {
		os.WriteFile(filepath.Join(dir, notesName), []byte(notesText), 0o644)
	}
	return dir
}

// TestNotesFoundInFolder: notes.* in the folder is read without a flag,
// matched to its runs, and the rest count as numbness-free.
func TestNotesFoundInFolder(t *testing.T) {
	dir := athleteDir(t, "Notes.md", "- 2026-11-04 07:40 left foot numb after 3 km\n- 2026-11-20 numb\nno date here\n")
	before, _ := os.ReadFile(filepath.Join(dir, "Notes.md"))
	doc, stderr, code := analyzeJSON(t, dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !doc.Notes.Given || doc.Notes.Read != 2 || doc.Notes.Matched != 1 || len(doc.Notes.Unmatched) != 1 || len(doc.Notes.Warnings) != 1 {
		t.Fatalf("notes summary: %+v", doc.Notes)
	}
	if !strings.Contains(stderr, "Notes.md:3:") {
		t.Errorf("the unusable line is not warned about with file:line: %s", stderr)
	}
	yes, no := 0, 0
	for _, r := range doc.Runs {
		switch {
		case r.Numbness.Reported == nil:
			t.Errorf("%s: numbness null with notes given", r.Source)
		case *r.Numbness.Reported:
			yes++
			if r.Numbness.Foot != "left" || r.Numbness.OnsetKm == nil || *r.Numbness.OnsetKm != 3 || !strings.HasSuffix(r.Source, "2026-11-04-run.fit") {
				t.Errorf("numb run: %+v", r)
			}
		default:
			no++
		}
	}
	if yes != 1 || no != 7 || doc.Comparison == nil || doc.Comparison.NumbRuns != 1 {
		t.Errorf("%d numb, %d clean, comparison %+v", yes, no, doc.Comparison)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "Notes.md"))
	if !bytes.Equal(before, after) {
		t.Error("reading the notes changed the file")
	}

	// --unlogged unknown: runs without a note are null, not clean.
	doc, _, _ = analyzeJSON(t, "--unlogged", "unknown", dir)
	nulls := 0
	for _, r := range doc.Runs {
		if r.Numbness.Reported == nil {
			nulls++
		}
	}
	if nulls != 7 {
		t.Errorf("--unlogged unknown: %d null runs, want 7", nulls)
	}
	// No notes anywhere: numbness is null on every run.
	doc, _, _ = analyzeJSON(t, athleteDir(t, "", ""))
	for _, r := range doc.Runs {
		if r.Numbness.Reported != nil || doc.Notes.Given {
			t.Fatalf("without notes: %+v", r.Numbness)
		}
	}
}

// TestStravaExportZip: a Strava bulk export (activities.csv beside
// activities/*.fit.gz in one zip) links each row to its file exactly.
func TestStravaExportZip(t *testing.T) {
	fit, err := os.ReadFile(filepath.Join(demoDir, "2026-11-11-run.fit"))
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(fit)
	zw.Close()
	csv := "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Activity Private Note,Activity Gear,Filename,Elapsed Time,Distance\n" +
		"123,\"Nov 11, 2026, 6:10:00 AM\",Morning Run,Run,\"Toes went numb\nafter 2 km\",1320,3.96,,Ghost 15,activities/123.fit.gz,1320.0,3960.0\n" +
		"124,\"Nov 12, 2026, 6:10:00 AM\",Ride,Ride,numb hands,3600,30,,,activities/124.fit.gz,3600.0,30000.0\n" +
		"125,\"Nov 13, 2026, 6:10:00 AM\",Run,Run,numb again,1320,3.9,,Ghost 15,activities/125.fit.gz,1320.0,3900.0\n"
	p := filepath.Join(t.TempDir(), "export_1.zip")
	f, _ := os.Create(p)
	z := zip.NewWriter(f)
	for name, data := range map[string][]byte{"activities.csv": []byte(csv), "activities/123.fit.gz": gz.Bytes()} {
		w, _ := z.Create(name)
		w.Write(data)
	}
	z.Close()
	f.Close()
	doc, stderr, code := analyzeJSON(t, p)
	if code != exitOK || len(doc.Runs) != 1 {
		t.Fatalf("exit %d, %d runs: %s", code, len(doc.Runs), stderr)
	}
	r := doc.Runs[0]
	if r.Numbness.Reported == nil || !*r.Numbness.Reported || r.Gear == nil || *r.Gear != "Ghost 15" || len(r.Numbness.Notes) != 1 {
		t.Errorf("run: %+v", r)
	}
	if len(doc.Notes.Unmatched) != 1 || doc.Notes.Unmatched[0].Text != "numb again" {
		t.Errorf("the row whose file is missing should be listed: %+v", doc.Notes.Unmatched)
	}
}

func TestNotesFlagErrors(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := Main([]string{"analyze", "--unlogged", "maybe", demoDir}, &out, &errOut); code != exitUsage {
		t.Errorf("--unlogged maybe: exit %d", code)
	}
	if code := Main([]string{"analyze", "--tz", "Mars/Olympus", demoDir}, &out, &errOut); code != exitUsage {
		t.Errorf("bad --tz: exit %d", code)
	}
	doc, _, code := analyzeJSON(t, "--notes", filepath.Join(t.TempDir(), "missing.md"), demoDir)
	if code != exitPartial || len(doc.Errors) != 1 || !strings.Contains(doc.Errors[0].Error, "missing.md") || len(doc.Runs) == 0 {
		t.Errorf("missing notes file: exit %d, errors %+v", code, doc.Errors)
	}
}

// TestNotesOnRealFiles links a journal to real watch files, whose dates are
// local to the zone each file gives (UTC+8, UTC+2, UTC−7...).
func TestNotesOnRealFiles(t *testing.T) {
	fixturePath(t, "fenix2-run.fit")
	notesFile := filepath.Join(t.TempDir(), "journal.md")
	os.WriteFile(notesFile, []byte(
		"- 2014-12-29 05:50 right foot numb after 8 km\n"+ // fr920xt-run starts 05:38 local (UTC+8)
			"- 2015-08-15 feet fine today\n"+ // fenix2, UTC+2
			"- 2017-06-11 07:40 tingling toes, both feet\n"+ // fenix5, 07:34 local (UTC−7)
			"- 2014-12-14 numb left toes in the run leg of the triathlon\n"), 0o644)
	doc, stderr, code := analyzeJSON(t, "--notes", notesFile, fixtureDir)
	if code != exitPartial { // the corrupt fixtures are errors
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := map[string]struct {
		reported bool
		foot     string
	}{"fr920xt-run.fit": {true, "right"}, "fenix2-run.fit": {false, "unknown"}, "fenix5-run-short.fit": {true, "both"}, "fr920xt-triathlon.fit": {true, "left"}}
	seen := 0
	for _, r := range doc.Runs {
		w, ok := want[filepath.Base(r.Source)]
		if !ok {
			continue
		}
		seen++
		if r.Numbness.Reported == nil || *r.Numbness.Reported != w.reported || r.Numbness.Foot != w.foot {
			t.Errorf("%s: numbness %+v, want reported %v foot %s", filepath.Base(r.Source), r.Numbness, w.reported, w.foot)
		}
	}
	if seen != 4 || doc.Notes.Matched != 4 || doc.Comparison == nil {
		t.Errorf("%d runs seen, %d notes matched, comparison %v", seen, doc.Notes.Matched, doc.Comparison)
	}
}
