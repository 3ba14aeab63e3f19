package fitparse

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 20, 7, 0, 0, 0, time.UTC)

// blank is a sample at second s with nothing measured.
func blank(s float64) Sample {
	return Sample{T: t0.Add(time.Duration(s * float64(time.Second))), DistanceM: nan, SpeedMPS: nan, HeartRateBPM: nan,
		CadenceSPM: nan, GCTms: nan, GCTPercent: nan, VOmm: nan, AltitudeM: nan, TemperatureC: nan}
}

func running(s, v, c float64) Sample {
	x := blank(s)
	x.SpeedMPS, x.CadenceSPM = v, c
	return x
}

func TestMergeSameTime(t *testing.T) {
	a := blank(1)
	a.SpeedMPS, a.DistanceM = 3, 10
	b := blank(1)
	b.CadenceSPM, b.SpeedMPS, b.HeartRateBPM = 170, 9, 150 // speed already known: the first's is kept
	c := blank(1)
	c.HeartRateBPM, c.GCTms = 99, 250
	d := running(2, 3.1, 172)
	in := []Sample{a, b, c, d}
	out, _ := repairSamples(in, t0, true)
	if len(out) != 2 {
		t.Fatalf("%d samples, want 2", len(out))
	}
	m := out[0]
	if !m.T.Equal(a.T) || m.SpeedMPS != 3 || m.DistanceM != 10 || m.CadenceSPM != 170 || m.HeartRateBPM != 150 || m.GCTms != 250 {
		t.Errorf("merged %+v", m)
	}
	if !math.IsNaN(m.VOmm) || !math.IsNaN(m.AltitudeM) {
		t.Errorf("a value nobody measured is no longer NaN: %+v", m)
	}
	if !math.IsNaN(in[0].CadenceSPM) {
		t.Error("the input was modified")
	}
}

func TestCarryForward(t *testing.T) {
	in := []Sample{running(0, 3, 170), blank(2), blank(5), blank(6), running(10, 0, 0), blank(11)}
	in[2].HeartRateBPM = 140
	out, _ := repairSamples(in, t0, true)
	want := []struct{ v, c float64 }{{3, 170}, {3, 170}, {3, 170}, {nan, nan}, {0, 0}, {0, 0}}
	for i, w := range want {
		if !sameValue(out[i].SpeedMPS, w.v) || !sameValue(out[i].CadenceSPM, w.c) {
			t.Errorf("sample %d: speed %v cadence %v, want %v %v", i, out[i].SpeedMPS, out[i].CadenceSPM, w.v, w.c)
		}
	}
	if !math.IsNaN(out[1].HeartRateBPM) || !math.IsNaN(out[1].GCTms) {
		t.Error("only speed and cadence are carried")
	}
	if !math.IsNaN(in[1].SpeedMPS) {
		t.Error("the input was modified")
	}
}

// stretch returns n one-second samples from second from at speed v with
// cadence c, plus jitter-free continuation.
func stretch(from, n int, v, c float64) []Sample {
	var out []Sample
	for i := 0; i < n; i++ {
		out = append(out, running(float64(from+i), v, c))
	}
	return out
}

func TestCadenceScale(t *testing.T) {
	cases := []struct {
		name     string
		in       []Sample
		wantWarn string
		check    func(out []Sample) bool
	}{
		{"halved 2 min at 3 m/s is doubled", append(append(stretch(0, 60, 3, 170), stretch(60, 120, 3, 85)...), stretch(180, 60, 3, 170)...),
			"cadence was recorded at half its value from 1:00 to 2:59 of the run (85 spm at 10.8 km/h); doubled",
			func(out []Sample) bool {
				return out[100].CadenceSPM == 170 && out[10].CadenceSPM == 170 && out[200].CadenceSPM == 170
			}},
		{"doubled 2 min is halved", append(stretch(0, 60, 3, 170), stretch(60, 120, 3, 340)...),
			"cadence was recorded at double its value from 1:00 to 2:59 of the run (340 spm at 10.8 km/h); halved",
			func(out []Sample) bool { return out[100].CadenceSPM == 170 }},
		{"a range of values is shown as one", append(stretch(0, 60, 3, 170), append(stretch(60, 60, 2.5, 80), stretch(120, 60, 3.5, 90)...)...),
			"(80–90 spm at 9.0–12.6 km/h); doubled",
			func(out []Sample) bool { return out[100].CadenceSPM == 160 && out[150].CadenceSPM == 180 }},
		{"halved 40 s is left alone", append(stretch(0, 60, 3, 170), stretch(60, 40, 3, 85)...), "",
			func(out []Sample) bool { return out[80].CadenceSPM == 85 }},
		{"walking at 1.4 m/s is walking", stretch(0, 300, 1.4, 110), "",
			func(out []Sample) bool { return out[100].CadenceSPM == 110 }},
		{"a cycling-like 85 at 7.5 m/s is not judged", stretch(0, 300, 7.5, 85), "",
			func(out []Sample) bool { return out[100].CadenceSPM == 85 }},
		{"a slow stretch inside a halved one is doubled too", append(append(stretch(0, 90, 3, 85), stretch(90, 20, 1.3, 55)...), stretch(110, 90, 3, 85)...),
			"from 0:00 to 3:19",
			func(out []Sample) bool { return out[100].CadenceSPM == 110 && out[0].CadenceSPM == 170 }},
	}
	for _, c := range cases {
		out, w := repairSamples(c.in, t0, true)
		got := strings.Join(w, "; ")
		if (c.wantWarn == "") != (got == "") || !strings.Contains(got, c.wantWarn) {
			t.Errorf("%s: warnings %q, want %q", c.name, got, c.wantWarn)
		}
		if !c.check(out) {
			t.Errorf("%s: cadences not as expected", c.name)
		}
	}
}

// decodeBoth reads a generated file with each decoder and builds its File.
func decodeBoth(t *testing.T, name string) map[string]File {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "fit", name))
	if err != nil {
		t.Fatal(err)
	}
	ts, terr := decodeTormoder(bytes.NewReader(data))
	ms, merr := decodeMuktihari(bytes.NewReader(data))
	if terr != nil || merr != nil {
		t.Fatalf("%s: %v / %v", name, terr, merr)
	}
	return map[string]File{DecoderTormoder: buildFile(name, DecoderTormoder, ts, false), DecoderMuktihari: buildFile(name, DecoderMuktihari, ms, false)}
}

// TestSparseRecordsGenerated: a record split into two messages with one
// timestamp is one sample again, and the position-only records between them
// carry the last speed and cadence, so no second of running is lost.
func TestSparseRecordsGenerated(t *testing.T) {
	for dec, f := range decodeBoth(t, "sparse-records.fit") {
		r := f.Runs()[0]
		// 450 data records every 2 s, a position record between each pair.
		if len(r.Samples) != 450+449 {
			t.Errorf("%s: %d samples, want 899", dec, len(r.Samples))
		}
		for i, s := range r.Samples {
			if i > 0 && !s.T.After(r.Samples[i-1].T) {
				t.Fatalf("%s: sample %d not after the previous", dec, i)
			}
			if math.IsNaN(s.SpeedMPS) || math.IsNaN(s.CadenceSPM) {
				t.Fatalf("%s: sample %d at %v lacks speed or cadence", dec, i, s.T)
			}
			if i%2 == 1 && !math.IsNaN(s.GCTms) {
				t.Fatalf("%s: position-only sample %d got a contact time", dec, i)
			}
			if i%2 == 0 && (math.IsNaN(s.GCTms) || math.IsNaN(s.HeartRateBPM) || math.IsNaN(s.DistanceM)) {
				t.Fatalf("%s: data sample %d lost the second message's values: %+v", dec, i, s)
			}
		}
		checkSamples(t, r)
	}
}

// TestHalvedCadenceGenerated: the ten halved minutes are doubled and named
// in a warning; the 40 halved seconds later are too short to be judged.
func TestHalvedCadenceGenerated(t *testing.T) {
	for dec, f := range decodeBoth(t, "halved-cadence.fit") {
		r := f.Runs()[0]
		if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "half its value from 8:01 to 18:00 of the run") {
			t.Fatalf("%s: warnings %q", dec, r.Warnings)
		}
		for _, s := range r.Samples {
			at := s.T.Sub(r.Start).Seconds()
			switch {
			case at > 24*60 && at <= 24*60+40:
				if s.CadenceSPM > 90 {
					t.Fatalf("%s: the short halved stretch was changed at %.0f s: %.1f spm", dec, at, s.CadenceSPM)
				}
			case math.Abs(s.CadenceSPM-170) > 2*1.5+0.5: // synth jitter ±1.5 spm, doubled
				t.Fatalf("%s: cadence %.1f spm at %.0f s", dec, s.CadenceSPM, at)
			}
		}
	}
}

// FuzzRepair: arbitrary sample sequences never panic the repair; its output
// is sorted, never longer than its input, holds only times of the input, and
// never turns a missing value into 0.
func FuzzRepair(f *testing.F) {
	f.Add([]byte{0, 30, 170, 1, 0xFF, 0xFF, 1, 30, 85, 2, 30, 85})
	f.Add([]byte{0, 30, 85, 0, 0xFF, 170, 0, 0, 0, 200, 60, 200})
	// Impossible values: cadence 500 spm, speed 20 m/s, then 0xFF-only
	// records 39 s apart, a gap without speed that the warning names.
	f.Add([]byte{0, 30, 250, 1, 200, 85, 1, 30, 85, 39, 0xFF, 0xFF, 39, 0xFF, 0xFF, 1, 30, 85})
	f.Fuzz(func(t *testing.T, data []byte) {
		// Three bytes a sample: seconds after the previous one, speed in
		// 0.1 m/s and cadence in spm (0xFF: missing).
		var in []Sample
		at := 0.0
		for i := 0; i+2 < len(data) && len(in) < 2000; i += 3 {
			at += float64(data[i] % 40)
			s := blank(at)
			if data[i+1] != 0xFF {
				s.SpeedMPS = float64(data[i+1]) / 10
			}
			if data[i+2] != 0xFF {
				s.CadenceSPM = float64(data[i+2]) * 2
			}
			if data[i]&0x40 != 0 {
				s.HeartRateBPM = 0
			}
			in = append(in, s)
		}
		before := append([]Sample(nil), in...)
		out, _ := repairSamples(in, t0, true)
		for _, s := range out {
			if s.CadenceSPM > maxCadenceSPM || s.SpeedMPS > maxSpeedMPS {
				t.Fatalf("an impossible value was kept: %+v", s)
			}
		}
		if len(out) > len(in) {
			t.Fatalf("%d samples out of %d", len(out), len(in))
		}
		zeroIn := map[string]bool{}
		for _, s := range in {
			zeroIn["v"] = zeroIn["v"] || s.SpeedMPS == 0
			zeroIn["c"] = zeroIn["c"] || s.CadenceSPM == 0
			zeroIn["h"] = zeroIn["h"] || s.HeartRateBPM == 0
		}
		times := map[time.Time]bool{}
		for _, s := range in {
			times[s.T] = true
		}
		for i, s := range out {
			if i > 0 && !s.T.After(out[i-1].T) {
				t.Fatalf("output not sorted (or a time twice) at %d", i)
			}
			if !times[s.T] {
				t.Fatalf("output time %v not in the input", s.T)
			}
			if (s.SpeedMPS == 0 && !zeroIn["v"]) || (s.CadenceSPM == 0 && !zeroIn["c"]) || (s.HeartRateBPM == 0 && !zeroIn["h"]) {
				t.Fatalf("a missing value became 0: %+v", s)
			}
			if !math.IsNaN(s.GCTms) || !math.IsNaN(s.VOmm) {
				t.Fatalf("a value nobody measured appeared: %+v", s)
			}
		}
		for i := range in {
			if !sameSample(in[i], before[i]) {
				t.Fatalf("input sample %d was modified", i)
			}
		}
	})
}
