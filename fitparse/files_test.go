package fitparse

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestFilesGenerated reads the generated testdata end to end: folders, a zip
// with a .fit and a .FIT.gz entry (a nested zip listed with an error, not
// opened), a chained file and a multisport file.
func TestFilesGenerated(t *testing.T) {
	dir := filepath.Join("..", "testdata", "fit")
	got := map[string]File{}
	var order []string
	for f := range Files([]string{dir}, InputOptions{}) {
		name, _ := filepath.Rel(dir, f.Source)
		if strings.Contains(f.Source, "!") {
			name = "archive.zip!" + strings.SplitN(f.Source, "!", 2)[1]
		}
		got[name] = f
		order = append(order, name)
	}
	want := map[string]int{ // runs per input
		"archive.zip!runs/a.fit": 1, "archive.zip!runs/b.FIT.gz": 1, "chained.fit": 2, "multisport.fit": 1,
		"good-form.fit": 1, "overstride.fit": 1, "fatigue-overstride.fit": 1, "treadmill.fit": 1,
		"no-dynamics.fit": 1, "no-cadence.fit": 1, "walk-breaks.fit": 1,
		"summary-first.fit": 1, "sparse-records.fit": 1, "halved-cadence.fit": 1,
	}
	for name, runs := range want {
		f, ok := got[name]
		if !ok {
			t.Errorf("%s not read (got %v)", name, order)
			continue
		}
		if f.Err != nil || len(f.Runs()) != runs {
			t.Errorf("%s: err %v, %d runs, want %d", name, f.Err, len(f.Runs()), runs)
		}
	}
	if f, ok := got["archive.zip!inner.zip"]; !ok || f.Err == nil || !strings.Contains(f.Err.Error(), "a zip inside a zip is not read; unpack it first") {
		t.Errorf("the nested zip: %v (read %v)", f.Err, order)
	}
	delete(got, "archive.zip!inner.zip")
	if len(got) != len(want) {
		t.Errorf("read %d inputs, want %d: %v", len(got), len(want), order)
	}
	if f := got["multisport.fit"]; len(f.Skipped()) != 2 || f.Runs()[0].SessionIndex != 2 {
		t.Errorf("multisport: skipped %v", f.Skipped())
	}
	if f := got["treadmill.fit"]; len(f.Runs()) == 1 && !f.Runs()[0].Treadmill() {
		t.Error("treadmill sub-sport not recognised")
	}
}
