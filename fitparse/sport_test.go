package fitparse

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRecordsWithoutSessionFixture: the FIT SDK sample cut after 14
// records (no lap, session or activity) is skipped with the true reason.
func TestRecordsWithoutSessionFixture(t *testing.T) {
	f := Decode("sdk-records-no-session.fit", fixture(t, "sdk-records-no-session.fit"))
	if f.Err != nil || len(f.Runs()) != 0 {
		t.Fatalf("err %v, %d runs", f.Err, len(f.Runs()))
	}
	sk := f.Skipped()
	want := "14 records over 13 s without a session; they do not look like running (standing"
	if len(sk) != 1 || !strings.HasPrefix(sk[0].Reason, want) {
		t.Errorf("skipped %+v, want a reason starting %q", sk, want)
	}
}

// generated reads a generated file with muktihari, the decoder that keeps
// sport messages and lap sports alike with tormoder (see the differential
// test), as decoded sequences.
func generated(t *testing.T, name string) []decoded {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "fit", name))
	if err != nil {
		t.Fatal(err)
	}
	seqs, err := decodeMuktihari(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return seqs
}

// TestRecordsWithoutSessionRunning: records that look like running become a
// run, with a warning that says how it was built; records of a ride whose
// sport message says cycling do not.
func TestRecordsWithoutSessionRunning(t *testing.T) {
	seqs := generated(t, "good-form.fit")
	seqs[0].Sessions, seqs[0].Laps = nil, nil
	f := buildFile("x.fit", "", seqs, false)
	runs := f.Runs()
	if len(runs) != 1 || len(runs[0].Samples) != 1500 {
		t.Fatalf("%d runs (want 1 with 1500 samples): %+v", len(runs), f.Skipped())
	}
	if w := strings.Join(runs[0].Warnings, "; "); !strings.Contains(w, "no session message: this run was built from its 1500 records") ||
		!strings.Contains(w, "from its records (median moving speed 10.8 km/h, cadence 172 spm)") {
		t.Errorf("warnings %q", w)
	}

	seqs[0].FileSport, seqs[0].HasFileSport = 2, true // cycling
	g := buildFile("x.fit", "", seqs, false)
	if len(g.Runs()) != 0 || len(g.Skipped()) != 1 || g.Skipped()[0].Reason != "session 0 is cycling, not running" {
		t.Errorf("sport message cycling: runs %d, skipped %+v", len(g.Runs()), g.Skipped())
	}
}

// TestUnsavedSessionSport: a session cut off before it was saved takes its
// sport from its laps, else from its records; a ride is never a run.
func TestUnsavedSessionSport(t *testing.T) {
	read := func(name string, frac float64) File {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "fit", name))
		if err != nil {
			t.Fatal(err)
		}
		f := Decode(name, data[:int(frac*float64(len(data)))])
		if f.Err != nil || !f.Truncated {
			t.Fatalf("%s cut at %.0f%%: err %v truncated %v", name, 100*frac, f.Err, f.Truncated)
		}
		return f
	}
	reasons := func(f File) string {
		var out []string
		for _, s := range f.Skipped() {
			out = append(out, s.Reason)
		}
		return strings.Join(out, "; ")
	}
	// The bike leg before its first lap: 27 km/h is no run.
	if f := read("multisport.fit", 0.05); len(f.Runs()) != 0 || !strings.Contains(reasons(f), "was not saved before the file was cut") ||
		!strings.Contains(reasons(f), "median moving speed 27 km/h") {
		t.Errorf("bike leg, no lap yet: %d runs, skipped %q", len(f.Runs()), reasons(f))
	}
	// The bike leg after a few laps (lap sport cycling).
	if f := read("multisport.fit", 0.3); len(f.Runs()) != 0 || reasons(f) != "session 0 is cycling, not running" {
		t.Errorf("bike leg with laps: %d runs, skipped %q", len(f.Runs()), reasons(f))
	}
	// A run before its first lap: judged running by its records.
	f := read("good-form.fit", 0.1)
	if len(f.Runs()) != 1 || !strings.Contains(strings.Join(f.Runs()[0].Warnings, ";"), "its sport (running) is taken from its records") {
		t.Errorf("run without a lap: %d runs, warnings %q", len(f.Runs()), f.Sessions[0].Warnings)
	}
	// A run after some laps: from its laps.
	f = read("good-form.fit", 0.6)
	if len(f.Runs()) != 1 || !strings.Contains(strings.Join(f.Runs()[0].Warnings, ";"), "its sport (running) is taken from its laps") {
		t.Errorf("run with laps: %d runs, warnings %q", len(f.Runs()), f.Sessions[0].Warnings)
	}
}

// TestRecordsLookLikeRunning covers each verdict on hand-made records.
func TestRecordsLookLikeRunning(t *testing.T) {
	cases := []struct {
		name string
		v, c float64
		ok   bool
		part string
	}{
		{"run", 3, 170, true, "median moving speed 10.8 km/h, cadence 170 spm"},
		{"run without cadence", 3, nan, true, "median moving speed 10.8 km/h"},
		{"standing", 0.2, 0, false, "standing"},
		{"ride", 7.8, 180, false, "28 km/h is faster than anyone runs"},
		{"walk", 1.4, 110, false, "walking: median cadence 110 spm"},
		{"slow, no cadence", 1.5, nan, false, "walking pace"},
		{"nothing", nan, nan, false, "neither speed nor cadence"},
	}
	for _, c := range cases {
		var rs []Sample
		for i := 0; i < 20; i++ {
			rs = append(rs, running(float64(i), c.v, c.c))
		}
		ok, desc := recordsLookLikeRunning(rs)
		if ok != c.ok || !strings.Contains(desc, c.part) {
			t.Errorf("%s: %v %q, want %v and %q", c.name, ok, desc, c.ok, c.part)
		}
	}
}

// TestHeadSport: the sport message is read before the records, for the
// files tormoder reads too (its activity decoding drops sport messages).
func TestHeadSport(t *testing.T) {
	for name, want := range map[string]int{"fr920xt-run.fit": 1, "fr55-walk.fit": 11, "fr920xt-triathlon.fit": 5, "fenix2-run.fit": -1} {
		s, ok := headSport(fixture(t, name))
		if (want < 0) == ok || (ok && int(s) != want) {
			t.Errorf("%s: sport %d (%v), want %d", name, s, ok, want)
		}
	}
}
