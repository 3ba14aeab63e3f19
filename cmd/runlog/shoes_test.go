package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestShoeMileageRealFiles: real watch files in a Strava-style export
// whose activities.csv names each run's shoe (Activity Gear): each run's
// shoe_km_before is the distance of the earlier runs in the same pair,
// counted from 0 where the description calls the pair new and as a lower
// bound where nothing does; the text report has the Shoes section.
func TestShoeMileageRealFiles(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "activities"), 0o755)
	rows := []struct{ file, date, gear, text string }{
		{"fr920xt-run.fit", "Dec 29, 2014, 5:38:00 AM", "Kinvara 14", "new shoes, left foot numb at 5 km"},
		{"fenix2-run.fit", "Aug 15, 2015, 4:45:00 PM", "Kinvara 14", "left toes numb after 3 km"},
		{"stryd-run-devfields.fit", "Jan 17, 2017, 5:06:00 PM", "Kinvara 14", "no numbness"},
		{"fr920xt-run-dynamics.fit", "Jan 1, 2019, 4:37:00 PM", "Pegasus 40", "easy, feet fine"},
		{"fr965-run-summary-first.fit", "May 14, 2026, 12:05:00 PM", "Pegasus 40", "no numbness"},
	}
	csv := "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Activity Gear,Filename\n"
	for i, r := range rows {
		b, err := os.ReadFile(fixturePath(t, r.file))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "activities", r.file), b, 0o644)
		csv += strings.Join([]string{string(rune('1' + i)), `"` + r.date + `"`, "Run", "Run", `"` + r.text + `"`, r.gear, "activities/" + r.file}, ",") + "\n"
	}
	os.WriteFile(filepath.Join(dir, "activities.csv"), []byte(csv), 0o644)

	var out, errOut bytes.Buffer
	if code := Main([]string{"analyze", "--format", "json", "--no-journal", "--no-cache", dir}, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var doc struct {
		Runs []struct {
			Source       string
			DistanceM    float64  `json:"distance_m"`
			Gear         *string  `json:"gear"`
			ShoeKmBefore *float64 `json:"shoe_km_before"`
			ShoeKmFrom   *string  `json:"shoe_km_from"`
		}
		Shoes struct {
			Pairs []struct {
				Shoe      string
				Runs      int
				NumbRuns  int     `json:"numb_runs"`
				CountedKm float64 `json:"counted_km"`
			}
		}
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Runs) != len(rows) {
		t.Fatalf("%d runs: %s", len(doc.Runs), errOut.String())
	}
	sum := map[string]float64{}
	from := map[string]string{"Kinvara 14": "new", "Pegasus 40": "runs_given"}
	for _, r := range doc.Runs {
		if r.Gear == nil || r.ShoeKmBefore == nil || r.ShoeKmFrom == nil {
			t.Fatalf("%s: gear %v, km %v", r.Source, r.Gear, r.ShoeKmBefore)
		}
		g := *r.Gear
		if math.Abs(*r.ShoeKmBefore-sum[g]) > 0.06 || *r.ShoeKmFrom != from[g] {
			t.Errorf("%s in %s: %.1f km before from %s, want %.1f from %s", r.Source, g, *r.ShoeKmBefore, *r.ShoeKmFrom, sum[g], from[g])
		}
		sum[g] += r.DistanceM / 1000
	}
	if p := doc.Shoes.Pairs; len(p) != 2 || p[0].Shoe != "Kinvara 14" || p[0].Runs != 3 || p[0].NumbRuns != 2 || math.Abs(p[0].CountedKm-sum["Kinvara 14"]) > 0.1 {
		t.Errorf("pairs %+v", p)
	}

	out.Reset()
	Main([]string{"analyze", "--no-journal", "--no-cache", dir}, &out, &errOut)
	text := out.String()
	for _, want := range []string{"Shoes (km counted over the 5 runs given", "Kinvara 14  0 (new)", "Pegasus 40      ≥ 0",
		"Runs in a pair's first 80 km (new):", "2014-12-29  2017-01-17"} {
		if !strings.Contains(text, want) {
			t.Errorf("text report lacks %q:\n%s", want, text[strings.Index(text, "Shoes"):])
		}
	}
}

// TestBalanceInEveryTextReport: a numb run of a watch that records
// left/right balance shows it per km (a "left %" column) and before the
// onset, in the text and Markdown reports, not only in the JSON.
func TestBalanceInEveryTextReport(t *testing.T) {
	fit := filepath.Join(fixtureDir, "fr920xt-run-dynamics.fit")
	if _, err := os.Stat(fit); err != nil {
		t.Skipf("real FIT fixtures not found at %s: skipping", fixtureDir)
	}
	notesFile := filepath.Join(t.TempDir(), "notes.md")
	os.WriteFile(notesFile, []byte("1 Jan 2019: left foot numb at 5 km\n"), 0o600)
	for _, format := range []string{"text", "md"} {
		code, out, stderr := runIO(t, nil, "analyze", "--no-cache", "--format", format, fit, notesFile)
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", format, code, stderr)
		}
		flat := strings.Join(strings.Fields(out), " ") // the sentence may be wrapped
		if !strings.Contains(out, "left %") || !regexp.MustCompile(`left foot 4\d\.\d % of ground contact before onset, 48\.0 % over the run`).MatchString(flat) {
			t.Errorf("%s report lacks the balance per km or before onset:\n%s", format, out)
		}
	}
}
