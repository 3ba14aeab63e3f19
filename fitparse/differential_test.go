package fitparse

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// TestDecodersAgree is the differential test of the two adapters: on every
// real file both decoders read, they yield the same Runs — same sessions,
// laps, pauses and totals, the same sample count and times, and values equal
// within rounding. Two fields are known to differ and are left out: the
// runner's height and the device's step-length average, which tormoder
// v0.15.0's profile does not carry (docs/decisions.md).
//
// Files cut short are compared too, on what both read before the cut; the
// generated files in testdata/ take part whether or not ../shared is there.
// Records whose speed and distance come only from compressed_speed_distance
// (fr70-run-compressed-speed.fit) are compared like any other.
func TestDecodersAgree(t *testing.T) {
	compared := 0
	seen := map[string]bool{}
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "fit", "*.fit"))
	names, _ := filepath.Glob(filepath.Join(fixtureDir, "*.fit"))
	if len(names) > 0 {
		paths = append(paths, names...)
	} else {
		t.Logf("real FIT fixtures not found at %s: comparing the generated files only", fixtureDir)
	}
	for _, path := range paths {
		name := filepath.Base(path)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		// Both read the bytes as Decode gives them: base-type bytes
		// normalised (fr230-run-resaved.fit needs it).
		data, _ = normalizeBaseTypes(data)
		tseqs, terr := decodeTormoder(bytes.NewReader(data))
		mseqs, merr := decodeMuktihari(bytes.NewReader(data))
		cut := isCut(terr) && isCut(merr)
		if (terr != nil || merr != nil) && !cut {
			t.Logf("%s: not read by both (tormoder: %v; muktihari: %v)", name, terr, merr)
			continue
		}
		compared++
		seen[name] = true
		tf := buildFile(name, "", tseqs, cut)
		mf := buildFile(name, "", mseqs, cut)
		if diffs := diffFiles(tf, mf); len(diffs) > 0 {
			for i, d := range diffs {
				if i == 10 {
					t.Errorf("%s: ... %d more", name, len(diffs)-10)
					break
				}
				t.Errorf("%s: %s", name, d)
			}
		}
	}
	if compared < 8 {
		t.Errorf("only %d files were read by both decoders; expected every valid one tormoder reads", compared)
	}
	if len(names) > 0 { // the real fixtures are there: these must take part
		for _, name := range []string{"fr230-run-resaved.fit", "fr70-run-compressed-speed.fit", "corrupt-truncated.fit", "fenix2-run.fit"} {
			if !seen[name] {
				t.Errorf("%s was not compared", name)
			}
		}
	}
}

// TestDifferentialCatchesDifferences makes sure diffFiles is not blind: a
// changed value, a dropped sample and a moved time are each reported.
func TestDifferentialCatchesDifferences(t *testing.T) {
	data := fixture(t, "fenix5-run-short.fit")
	seqs, err := decodeMuktihari(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	base := buildFile("x", "", seqs, false)
	for name, mutate := range map[string]func(*File){
		"value":           func(f *File) { f.Sessions[0].Samples[5].CadenceSPM += 0.5 },
		"count":           func(f *File) { f.Sessions[0].Samples = f.Sessions[0].Samples[1:] },
		"time":            func(f *File) { f.Sessions[0].Samples[3].T = f.Sessions[0].Samples[3].T.Add(1e9) },
		"nan":             func(f *File) { f.Sessions[0].Samples[10].GCTms = math.NaN() },
		"balance":         func(f *File) { f.Sessions[0].Samples[7].StanceBalanceLeftPct += 0.5 },
		"altitude source": func(f *File) { f.Sessions[0].AltitudeSource = AltitudeGPS },
		"totals":          func(f *File) { f.Sessions[0].DistanceM++ },
	} {
		other := buildFile("x", "", seqs, false)
		other.Sessions[0].Samples = append([]Sample(nil), base.Sessions[0].Samples...)
		mutate(&other)
		if len(diffFiles(base, other)) == 0 {
			t.Errorf("a changed %s went unnoticed", name)
		}
	}
}

func diffFiles(a, b File) []string {
	var d []string
	if a.Device != b.Device {
		d = append(d, fmt.Sprintf("device %+v vs %+v", a.Device, b.Device))
	}
	if len(a.Sessions) != len(b.Sessions) {
		return append(d, fmt.Sprintf("%d sessions vs %d", len(a.Sessions), len(b.Sessions)))
	}
	for i := range a.Sessions {
		x, y := a.Sessions[i], b.Sessions[i]
		p := fmt.Sprintf("session %d: ", i)
		if x.Sport != y.Sport || x.SubSport != y.SubSport || !x.Start.Equal(y.Start) ||
			x.UTCOffset != y.UTCOffset || x.HasUTCOffset != y.HasUTCOffset || x.SessionIndex != y.SessionIndex ||
			x.AltitudeSource != y.AltitudeSource {
			d = append(d, p+fmt.Sprintf("identity %s/%s %v %v vs %s/%s %v %v", x.Sport, x.SubSport, x.Start, x.UTCOffset, y.Sport, y.SubSport, y.Start, y.UTCOffset))
		}
		for _, v := range [][3]interface{}{
			{"timer", x.TimerS, y.TimerS}, {"elapsed", x.ElapsedS, y.ElapsedS}, {"distance", x.DistanceM, y.DistanceM},
			{"avg speed", x.DeviceAvg.SpeedMPS, y.DeviceAvg.SpeedMPS}, {"avg hr", x.DeviceAvg.HeartRateBPM, y.DeviceAvg.HeartRateBPM},
			{"avg cadence", x.DeviceAvg.CadenceSPM, y.DeviceAvg.CadenceSPM}, {"avg gct", x.DeviceAvg.GCTms, y.DeviceAvg.GCTms},
			{"avg vo", x.DeviceAvg.VOmm, y.DeviceAvg.VOmm},
		} {
			if !sameValue(v[1].(float64), v[2].(float64)) {
				d = append(d, p+fmt.Sprintf("%s %v vs %v", v[0], v[1], v[2]))
			}
		}
		if fmt.Sprint(x.Laps) != fmt.Sprint(y.Laps) || fmt.Sprint(x.Pauses) != fmt.Sprint(y.Pauses) {
			d = append(d, p+fmt.Sprintf("laps/pauses %v %v vs %v %v", x.Laps, x.Pauses, y.Laps, y.Pauses))
		}
		if len(x.Samples) != len(y.Samples) {
			d = append(d, p+fmt.Sprintf("%d samples vs %d", len(x.Samples), len(y.Samples)))
			continue
		}
		for j := range x.Samples {
			s, u := x.Samples[j], y.Samples[j]
			if !s.T.Equal(u.T) {
				d = append(d, p+fmt.Sprintf("sample %d time %v vs %v", j, s.T, u.T))
				continue
			}
			for _, v := range [][3]interface{}{
				{"distance", s.DistanceM, u.DistanceM}, {"speed", s.SpeedMPS, u.SpeedMPS}, {"hr", s.HeartRateBPM, u.HeartRateBPM},
				{"cadence", s.CadenceSPM, u.CadenceSPM}, {"gct", s.GCTms, u.GCTms}, {"gct%", s.GCTPercent, u.GCTPercent},
				{"vo", s.VOmm, u.VOmm}, {"altitude", s.AltitudeM, u.AltitudeM}, {"temperature", s.TemperatureC, u.TemperatureC},
				{"stance balance", s.StanceBalanceLeftPct, u.StanceBalanceLeftPct},
			} {
				if !sameValue(v[1].(float64), v[2].(float64)) {
					d = append(d, p+fmt.Sprintf("sample %d %s %v vs %v", j, v[0], v[1], v[2]))
				}
			}
		}
	}
	return d
}

// sameValue compares two measurements within rounding; two NaNs are equal.
func sameValue(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(a))
}
