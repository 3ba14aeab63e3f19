package fitparse

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/runlog/runlog/fitparse/synth"
)

// TestDecodeFixtures checks what runlog makes of each real watch file.
func TestDecodeFixtures(t *testing.T) {
	cases := []struct {
		file       string
		decoder    string
		runs       []int // session indexes of the running sessions
		skipped    int   // sessions or inputs listed as not runs
		errPart    string
		truncated  bool
		subSport   string
		hasOffset  bool
		manufactur string
	}{
		{file: "fenix2-run.fit", decoder: DecoderMuktihari, runs: []int{0}, subSport: "generic", hasOffset: true, manufactur: "garmin"},
		{file: "fenix5-run-short.fit", decoder: DecoderMuktihari, runs: []int{0}, subSport: "generic", hasOffset: true, manufactur: "garmin"},
		{file: "fr920xt-run.fit", decoder: DecoderMuktihari, runs: []int{0}, subSport: "generic", hasOffset: true, manufactur: "garmin"},
		{file: "fr920xt-run-dynamics.fit", decoder: DecoderMuktihari, runs: []int{0}, subSport: "generic", hasOffset: true, manufactur: "garmin"},
		{file: "stryd-run-devfields.fit", decoder: DecoderMuktihari, runs: []int{0}, subSport: "generic", manufactur: "stryd"},
		{file: "fr920xt-triathlon.fit", decoder: DecoderMuktihari, runs: []int{4}, skipped: 4, subSport: "generic", hasOffset: true, manufactur: "garmin"},
		{file: "fr255-triathlon.fit", decoder: DecoderMuktihari, runs: []int{4}, skipped: 4, subSport: "generic", hasOffset: true, manufactur: "garmin"},
		{file: "forerunner15-run-nocadence.fit", decoder: DecoderMuktihari, runs: []int{0}, subSport: "generic", hasOffset: true, manufactur: "garmin"},
		{file: "fr55-walk.fit", decoder: DecoderMuktihari, skipped: 1, manufactur: "garmin"},
		{file: "edge810-ride.fit", decoder: DecoderMuktihari, skipped: 1, manufactur: "garmin"},
		{file: "corrupt-filecrc.fit", errPart: "CRC"},
		{file: "sdk-records-no-session.fit", decoder: DecoderMuktihari, skipped: 1, manufactur: "dynastream"},
		{file: "corrupt-truncated.fit", decoder: DecoderMuktihari, runs: []int{0}, truncated: true, subSport: "generic", manufactur: "dynastream"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			f := Decode(c.file, fixture(t, c.file))
			if c.errPart != "" {
				if f.Err == nil || !strings.Contains(f.Err.Error(), c.errPart) || !strings.Contains(f.Err.Error(), c.file) {
					t.Fatalf("error = %v, want one naming %s and %q", f.Err, c.file, c.errPart)
				}
				return
			}
			if f.Err != nil {
				t.Fatalf("unexpected error: %v", f.Err)
			}
			if f.Decoder != c.decoder {
				t.Errorf("decoder = %q, want %q", f.Decoder, c.decoder)
			}
			if f.Truncated != c.truncated {
				t.Errorf("truncated = %v, want %v", f.Truncated, c.truncated)
			}
			if f.Device.Manufacturer != c.manufactur {
				t.Errorf("manufacturer = %q, want %q", f.Device.Manufacturer, c.manufactur)
			}
			runs := f.Runs()
			if len(runs) != len(c.runs) {
				t.Fatalf("%d runs, want %d", len(runs), len(c.runs))
			}
			if got := len(f.Skipped()); got != c.skipped {
				t.Errorf("%d skipped, want %d: %+v", got, c.skipped, f.Skipped())
			}
			for i, r := range runs {
				if r.SessionIndex != c.runs[i] {
					t.Errorf("run %d is session %d, want %d", i, r.SessionIndex, c.runs[i])
				}
				if r.SubSport != c.subSport || r.Decoder != c.decoder || r.Source != c.file {
					t.Errorf("run %d: sub-sport %q decoder %q source %q", i, r.SubSport, r.Decoder, r.Source)
				}
				if r.HasUTCOffset != c.hasOffset {
					t.Errorf("run %d: has UTC offset %v, want %v", i, r.HasUTCOffset, c.hasOffset)
				}
				if r.Truncated != c.truncated {
					t.Errorf("run %d: truncated %v, want %v", i, r.Truncated, c.truncated)
				}
				checkSamples(t, r)
			}
		})
	}
}

// checkSamples asserts the invariants every Run's samples keep: inside the
// session, in time order, and never 0 for a measurement that was missing.
func checkSamples(t *testing.T, r Run) {
	t.Helper()
	if len(r.Samples) == 0 {
		t.Fatalf("session %d has no samples", r.SessionIndex)
	}
	for i, s := range r.Samples {
		if s.T.Before(r.Start) {
			t.Fatalf("sample %d at %v is before the session start %v", i, s.T, r.Start)
		}
		if i > 0 && s.T.Before(r.Samples[i-1].T) {
			t.Fatalf("sample %d out of order", i)
		}
		for name, v := range map[string]float64{"GCTms": s.GCTms, "VOmm": s.VOmm, "GCTPercent": s.GCTPercent} {
			if v == 0 {
				t.Fatalf("sample %d: %s is 0; a missing value must be NaN", i, name)
			}
		}
		if s.CadenceSPM < 0 || s.CadenceSPM > 400 {
			t.Fatalf("sample %d: cadence %v spm is not a step rate", i, s.CadenceSPM)
		}
	}
}

func TestCadenceSPM(t *testing.T) {
	cases := []struct {
		strides, frac uint8
		want          float64
	}{
		{81, 0, 162},
		{81, 64, 163},   // half a stride per minute is one step
		{86, 0xFF, 172}, // fraction absent
		{0, 0, 0},       // standing still is a measured 0
	}
	for _, c := range cases {
		if got := cadenceSPM(c.strides, c.frac); got != c.want {
			t.Errorf("cadenceSPM(%d, %d) = %v, want %v", c.strides, c.frac, got, c.want)
		}
	}
	if !math.IsNaN(cadenceSPM(0xFF, 0)) {
		t.Error("absent cadence must be NaN")
	}
}

// TestBadInput: every kind of unreadable input is an error naming the
// file, never a panic.
func TestBadInput(t *testing.T) {
	good := fixture(t, "fr920xt-run.fit")
	crc := append([]byte(nil), good...)
	crc[len(crc)-1] ^= 0xFF
	header := append([]byte(nil), good[:14]...)
	notFIT := []byte("date,text\n2026-11-20,left foot numb after 5 km\n")
	garbled := append([]byte(nil), good...)
	for i := 200; i < 260; i++ {
		garbled[i] = 0xEE
	}
	for name, data := range map[string][]byte{
		"empty.fit": nil, "notes.fit": notFIT, "crc.fit": crc, "header-only.fit": header,
		"three.fit": good[:3], "garbled.fit": garbled,
	} {
		f := Decode(name, data)
		if f.Err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if !strings.HasPrefix(f.Err.Error(), name+": ") {
			t.Errorf("%s: error %q does not start with the file name", name, f.Err)
		}
	}
	if f := Decode("crc.fit", crc); !errors.Is(f.Err, errCRC) {
		t.Errorf("CRC damage: %v does not say CRC", f.Err)
	}
}

// TestTruncatedSalvage cuts a real run at several points: what precedes
// the cut is read intact and the run is marked truncated.
func TestTruncatedSalvage(t *testing.T) {
	data := fixture(t, "fr920xt-run-dynamics.fit")
	full := Decode("full.fit", data).Runs()[0]
	for _, frac := range []float64{0.3, 0.6, 0.95} {
		cut := data[:int(float64(len(data))*frac)]
		f := Decode("cut.fit", cut)
		if f.Err != nil {
			t.Fatalf("cut at %.0f%%: %v", 100*frac, f.Err)
		}
		runs := f.Runs()
		if len(runs) != 1 || !runs[0].Truncated || !f.Truncated {
			t.Fatalf("cut at %.0f%%: runs=%d truncated=%v", 100*frac, len(runs), f.Truncated)
		}
		r := runs[0]
		if len(r.Samples) == 0 || len(r.Samples) >= len(full.Samples) {
			t.Fatalf("cut at %.0f%%: %d samples of %d", 100*frac, len(r.Samples), len(full.Samples))
		}
		for i, s := range r.Samples {
			if !sameSample(s, full.Samples[i]) {
				t.Fatalf("cut at %.0f%%: sample %d differs from the whole file's: %+v vs %+v", 100*frac, i, s, full.Samples[i])
			}
		}
		if !(r.DistanceM > 0 && r.DistanceM < full.DistanceM) {
			t.Errorf("cut at %.0f%%: distance %.1f m, whole run %.1f m", 100*frac, r.DistanceM, full.DistanceM)
		}
		if len(f.Warnings) == 0 || !strings.Contains(f.Warnings[0], "cut short") {
			t.Errorf("cut at %.0f%%: warnings %q", 100*frac, f.Warnings)
		}
	}
}

func sameSample(a, b Sample) bool {
	eq := func(x, y float64) bool { return x == y || (math.IsNaN(x) && math.IsNaN(y)) }
	return a.T.Equal(b.T) && eq(a.DistanceM, b.DistanceM) && eq(a.SpeedMPS, b.SpeedMPS) &&
		eq(a.HeartRateBPM, b.HeartRateBPM) && eq(a.CadenceSPM, b.CadenceSPM) && eq(a.GCTms, b.GCTms) &&
		eq(a.GCTPercent, b.GCTPercent) && eq(a.VOmm, b.VOmm) && eq(a.AltitudeM, b.AltitudeM) &&
		eq(a.TemperatureC, b.TemperatureC)
}

// TestChained: two FIT sequences back to back give the runs of both, with
// session indexes counted across the file.
func TestChained(t *testing.T) {
	a, b := fixture(t, "fr920xt-run.fit"), fixture(t, "fenix5-run-short.fit")
	f := Decode("chained.fit", append(append([]byte(nil), a...), b...))
	if f.Err != nil {
		t.Fatal(f.Err)
	}
	runs := f.Runs()
	if len(runs) != 2 || runs[0].SessionIndex != 0 || runs[1].SessionIndex != 1 {
		t.Fatalf("runs: %d, want 2 with sessions 0 and 1", len(runs))
	}
	one, two := Decode("a", a).Runs()[0], Decode("b", b).Runs()[0]
	if len(runs[0].Samples) != len(one.Samples) || len(runs[1].Samples) != len(two.Samples) {
		t.Errorf("samples %d+%d, want %d+%d", len(runs[0].Samples), len(runs[1].Samples), len(one.Samples), len(two.Samples))
	}
	if runs[0].Device.Product != "fr920xt" || runs[1].Device.Product != "fenix5" {
		t.Errorf("devices %q %q", runs[0].Device.Product, runs[1].Device.Product)
	}

	// Bytes after the last sequence that are not FIT: runs kept, warned.
	g := Decode("tail.fit", append(append([]byte(nil), a...), bytes.Repeat([]byte{0}, 40)...))
	if g.Err != nil || len(g.Runs()) != 1 || len(g.Warnings) == 0 {
		t.Errorf("trailing zeros: err=%v runs=%d warnings=%q", g.Err, len(g.Runs()), g.Warnings)
	}
}

// FuzzDecode feeds arbitrary bytes to the whole decoding path, with each
// decoder reading first (so both decoders, the fallback from one to the
// other and the salvage of a file cut short all see the input): it must
// never panic, an error names the file, and whatever it returns keeps the
// Run invariants.
//
// Seeds are kept small (a short generated run, the heads of the real files
// and of testdata's generated ones, which are files cut short and so take
// the salvage path): with whole files the fuzzer spends its time
// minimising, not exploring. The real files are added when
// ../shared/fixtures/fit is present, never copied into the repository.
func FuzzDecode(f *testing.F) {
	var small bytes.Buffer
	err := synth.Encode(&small, synth.Spec{Start: time.Date(2026, 11, 20, 7, 0, 0, 0, time.UTC), Seed: 1,
		Segments: []synth.Segment{{DurationS: 20, SpeedMPS: 3, CadenceSPM: 170, GCTms: 250, VOmm: 80},
			{DurationS: 5, Paused: true}, {DurationS: 5, SpeedMPS: 3, CadenceSPM: 170, GCTms: 250, VOmm: 80}}})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(small.Bytes())
	f.Add(small.Bytes()[:len(small.Bytes())*2/3]) // cut short: salvaged
	for _, b := range fuzzSeedFiles() {
		f.Add(b[:min(len(b), 1024)])
		f.Add(b[:min(len(b), 300)])
	}
	f.Add([]byte{14, 0x10, 0, 0, 0, 0, 0, 0, '.', 'F', 'I', 'T', 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		if h := userProfileHeightCM(data); !(math.IsNaN(h) || (h > 0 && h < 255)) {
			t.Fatalf("height %v from arbitrary bytes", h)
		}
		orig := append([]byte(nil), data...)
		for _, dec := range []string{DecoderMuktihari, DecoderTormoder} {
			file := DecodeWith("fuzz.fit", data, DecodeOptions{Decoder: dec})
			if !bytes.Equal(data, orig) {
				t.Fatalf("%s: the input was modified", dec)
			}
			if file.Err != nil {
				if !strings.HasPrefix(file.Err.Error(), "fuzz.fit: ") {
					t.Fatalf("%s: error does not name the file: %v", dec, file.Err)
				}
				continue
			}
			for i, s := range file.Sessions {
				if s.SessionIndex != i || s.Source != "fuzz.fit" {
					t.Fatalf("%s: session %d has index %d, source %q", dec, i, s.SessionIndex, s.Source)
				}
				for j := 1; j < len(s.Samples); j++ {
					if s.Samples[j].T.Before(s.Samples[j-1].T) {
						t.Fatalf("%s: session %d: samples out of order", dec, i)
					}
				}
			}
			for _, sk := range file.Skipped() {
				if sk.Reason == "" {
					t.Fatalf("%s: skipped without a reason: %+v", dec, sk)
				}
			}
		}
	})
}

// fuzzSeedFiles returns the real FIT files (when ../shared/fixtures/fit is
// present) and the generated ones in ../testdata, whole, for fuzz targets to
// seed from.
func fuzzSeedFiles() [][]byte {
	var names []string
	for _, pat := range []string{filepath.Join(fixtureDir, "*.fit"), filepath.Join("..", "testdata", "fit", "*.fit"), filepath.Join("..", "testdata", "demo", "*.fit")} {
		m, _ := filepath.Glob(pat)
		names = append(names, m...)
	}
	var out [][]byte
	for _, n := range names {
		if b, err := os.ReadFile(n); err == nil {
			out = append(out, b)
		}
	}
	return out
}

// TestUserProfileHeight: the runner's height comes from the file's
// user_profile whichever decoder reads it.
func TestUserProfileHeight(t *testing.T) {
	for name, want := range map[string]float64{"fenix5-run-short.fit": 175, "fr255-triathlon.fit": 173, "fr920xt-run.fit": math.NaN()} {
		f := Decode(name, fixture(t, name))
		got := f.Runs()[0].HeightCM
		if got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Errorf("%s (%s): height %v cm, want %v", name, f.Decoder, got, want)
		}
	}
}

// TestProductWithoutManufacturer: a re-saved file's file_id with product 0
// and no manufacturer names no device, rather than "product 0".
func TestProductWithoutManufacturer(t *testing.T) {
	f := Decode("fr230-run-resaved.fit", fixture(t, "fr230-run-resaved.fit"))
	if f.Err != nil {
		t.Fatal(f.Err)
	}
	if f.Device.Manufacturer != "" || f.Device.Product != "" {
		t.Errorf("device = %+v, want none named", f.Device)
	}
	if g := deviceOf(decoded{Manufacturer: 1, Product: 0}); g.Product == "" {
		t.Errorf("a Garmin product 0 lost its number: %+v", g)
	}
}

// TestEmptyFITFile: a FIT file with a valid header and CRC but no
// messages is an error that says so, not "neither decoder could read it".
func TestEmptyFITFile(t *testing.T) {
	file := mkHeader(0)
	file = binary.LittleEndian.AppendUint16(file, crcUpdate(0, file))
	f := Decode("empty.fit", file)
	if f.Err == nil || !strings.Contains(f.Err.Error(), "empty.fit: not readable as FIT: it holds no messages at all") {
		t.Errorf("empty FIT file: %v", f.Err)
	}
}
