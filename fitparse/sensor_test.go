package fitparse

import (
	"bytes"
	"encoding/binary"
	"path/filepath"

	"math"
	"strings"
	"testing"
	"time"

	"github.com/runlog/runlog/fitparse/synth"
)

// TestImpossibleValuesRepair: values no runner produces become NaN with one
// warning per field, the record's other values stay, and a session that is
// not running (a ride is faster than 12.5 m/s) is left alone.
func TestImpossibleValuesRepair(t *testing.T) {
	var in []Sample
	for i := 0; i < 120; i++ {
		s := running(float64(i), 3, 170)
		s.GCTms, s.VOmm, s.HeartRateBPM = 250, 80, 150
		switch {
		case i >= 10 && i < 22:
			s.CadenceSPM = 500
		case i == 30:
			s.GCTms = 3000
		case i == 31:
			s.GCTms = 20
		case i >= 40 && i < 43:
			s.VOmm = 400
		case i == 50:
			s.SpeedMPS = 20
		case i == 60:
			s.CadenceSPM = 300 // on the bound: kept
			s.GCTms = 1000
		}
		in = append(in, s)
	}
	out, w := repairSamples(in, t0, true)
	want := []string{
		"12 records with cadence above 300 spm were left out as sensor errors",
		"1 record with ground contact time above 1000 ms was left out as a sensor error",
		"1 record with ground contact time below 50 ms was left out as a sensor error",
		"3 records with vertical oscillation above 300 mm were left out as sensor errors",
		"1 record with speed above 12.5 m/s was left out as a sensor error",
	}
	if strings.Join(w, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(w, "\n"), strings.Join(want, "\n"))
	}
	for _, i := range []int{10, 21} {
		if !math.IsNaN(out[i].CadenceSPM) || out[i].SpeedMPS != 3 || out[i].GCTms != 250 {
			t.Errorf("sample %d: %+v, want cadence NaN and the rest kept", i, out[i])
		}
	}
	if !math.IsNaN(out[30].GCTms) || !math.IsNaN(out[31].GCTms) || !math.IsNaN(out[41].VOmm) || !math.IsNaN(out[50].SpeedMPS) {
		t.Errorf("spikes kept: %+v %+v %+v %+v", out[30], out[31], out[41], out[50])
	}
	if out[60].CadenceSPM != 300 || out[60].GCTms != 1000 || out[50].CadenceSPM != 170 {
		t.Errorf("values within the bounds changed: %+v %+v", out[60], out[50])
	}
	if in[10].CadenceSPM != 500 {
		t.Error("the input was modified")
	}
	ride, w := repairSamples(in, t0, false)
	if len(w) != 0 || ride[50].SpeedMPS != 20 {
		t.Errorf("not running: warnings %q, speed %v", w, ride[50].SpeedMPS)
	}
}

// TestImpossibleValuesGenerated: a generated run with a cadence and a
// contact-time spike reads, through both decoders, with the spikes missing
// and named in warnings.
func TestImpossibleValuesGenerated(t *testing.T) {
	var buf bytes.Buffer
	err := synth.Encode(&buf, synth.Spec{Start: time.Date(2026, 11, 20, 7, 0, 0, 0, time.UTC), Seed: 3,
		Segments: []synth.Segment{
			{DurationS: 300, SpeedMPS: 3, CadenceSPM: 170, GCTms: 250, VOmm: 80},
			{DurationS: 12, SpeedMPS: 3, CadenceSPM: 480, GCTms: 250, VOmm: 80},
			{DurationS: 5, SpeedMPS: 3, CadenceSPM: 170, GCTms: 3000, VOmm: 80},
			{DurationS: 300, SpeedMPS: 3, CadenceSPM: 170, GCTms: 250, VOmm: 80},
		}})
	if err != nil {
		t.Fatal(err)
	}
	for _, dec := range []string{DecoderMuktihari, DecoderTormoder} {
		f := DecodeWith("spikes.fit", buf.Bytes(), DecodeOptions{Decoder: dec})
		if f.Err != nil || len(f.Runs()) != 1 {
			t.Fatalf("%s: %v", dec, f.Err)
		}
		r := f.Runs()[0]
		for _, w := range []string{
			"12 records with cadence above 300 spm were left out as sensor errors",
			"5 records with ground contact time above 1000 ms were left out as sensor errors",
		} {
			if !contains(r.Warnings, w) {
				t.Errorf("%s: warnings %q lack %q", dec, r.Warnings, w)
			}
		}
		for _, s := range r.Samples {
			if s.CadenceSPM > maxCadenceSPM || s.GCTms > maxGCTms {
				t.Fatalf("%s: a spike is still there: %+v", dec, s)
			}
		}
	}
}

// TestImpossibleValuesNotOnRealRuns: no real file trips the bounds; a rule
// that fires on real running is wrong.
func TestImpossibleValuesNotOnRealRuns(t *testing.T) {
	var files []File
	for _, n := range allFixtures(t) {
		for _, dec := range []string{DecoderMuktihari, DecoderTormoder} {
			files = append(files, DecodeWith(n, fixture(t, n), DecodeOptions{Decoder: dec}))
		}
	}
	zips, _ := filepath.Glob(filepath.Join(fixtureDir, "*.zip")) // the Ambit3 run
	for f := range Files(zips, InputOptions{}) {
		files = append(files, f)
	}
	for _, f := range files {
		n, dec := f.Source, f.Decoder
		{
			for _, r := range f.Sessions {
				for _, w := range r.Warnings {
					if strings.Contains(w, "sensor error") || strings.Contains(w, "no speed or distance") {
						t.Errorf("%s (%s) session %d: %q", n, dec, r.SessionIndex, w)
					}
				}
			}
		}
	}
}

// TestGapWarningRepair: a stretch of records without speed or distance
// lasting a minute or more is named; shorter ones, and holes the
// carry-forward bridges, are not.
func TestGapWarningRepair(t *testing.T) {
	mk := func(gapFrom, gapTo int) []Sample {
		var in []Sample
		for i := 0; i < 600; i++ {
			s := running(float64(i), 3, 170)
			s.DistanceM = 3 * float64(i)
			if i >= gapFrom && i < gapTo {
				s = blank(float64(i)) // position only
			}
			in = append(in, s)
		}
		return in
	}
	_, w := repairSamples(mk(100, 400), t0, true)
	want := "no speed or distance recorded from 1:44 to 6:40 (4:56): km splits across it are approximate"
	if len(w) != 1 || w[0] != want {
		t.Errorf("warnings %q, want %q", w, want)
	}
	// 100–158 blank: carry fills 100–104, so 104 to 159 is 55 s.
	if _, w := repairSamples(mk(100, 159), t0, true); len(w) != 0 {
		t.Errorf("a 55 s gap: warnings %q", w)
	}
	if _, w := repairSamples(mk(100, 164), t0, true); len(w) != 1 || !strings.Contains(w[0], "from 1:44 to 2:44 (1:00)") {
		t.Errorf("a 60 s gap: warnings %q", w)
	}
	// A run that ends in the gap: it runs to the last record.
	if _, w := repairSamples(mk(500, 600), t0, true); len(w) != 1 || !strings.Contains(w[0], "from 8:24 to 9:59 (1:35)") {
		t.Errorf("a gap at the end: warnings %q", w)
	}
}

// TestGapWarningGenerated: a generated run whose records carry neither
// speed nor distance for five minutes (as a watch that wrote only positions
// would) warns, through both decoders.
func TestGapWarningGenerated(t *testing.T) {
	var buf bytes.Buffer
	err := synth.Encode(&buf, synth.Spec{Start: time.Date(2026, 11, 20, 7, 0, 0, 0, time.UTC), Seed: 4,
		Segments: []synth.Segment{{DurationS: 1800, SpeedMPS: 3, CadenceSPM: 170, GCTms: 250, VOmm: 80}}})
	if err != nil {
		t.Fatal(err)
	}
	start := uint32(time.Date(2026, 11, 20, 7, 0, 0, 0, time.UTC).Unix() - fitEpochUnix)
	data := editRecords(t, buf.Bytes(), func(ts uint32, field map[byte][]byte) {
		if ts > start+10*60 && ts <= start+15*60 {
			for _, n := range []byte{5, 6, 73} { // distance, speed, enhanced_speed
				if b, ok := field[n]; ok {
					for i := range b {
						b[i] = 0xFF
					}
				}
			}
		}
	})
	for _, dec := range []string{DecoderMuktihari, DecoderTormoder} {
		f := DecodeWith("gap.fit", data, DecodeOptions{Decoder: dec})
		if f.Err != nil || len(f.Runs()) != 1 {
			t.Fatalf("%s: %v", dec, f.Err)
		}
		want := "no speed or distance recorded from 10:05 to 15:01 (4:56): km splits across it are approximate"
		if r := f.Runs()[0]; !contains(r.Warnings, want) {
			t.Errorf("%s: warnings %q, want %q", dec, r.Warnings, want)
		}
	}
}

// editRecords calls edit for every record message of a little-endian FIT
// file with its timestamp and its fields' bytes (by field number, slices of
// a copy of data, which edit may change), then fixes the file CRC.
func editRecords(t *testing.T, data []byte, edit func(ts uint32, field map[byte][]byte)) []byte {
	t.Helper()
	out := append([]byte(nil), data...)
	type fdef struct{ num, size byte }
	var defs [16][]fdef
	w := newFrameWalker(out)
	for {
		f, ok := w.next()
		if !ok {
			break
		}
		if f.Definition {
			if out[f.At+2] != 0 {
				t.Fatal("editRecords reads little-endian files only")
			}
			defs[f.Local] = nil
			for k := 0; k < f.NFields; k++ {
				p := f.Fields + 3*k
				defs[f.Local] = append(defs[f.Local], fdef{out[p], out[p+1]})
			}
			continue
		}
		if f.Global != 20 || out[f.At]&0x80 != 0 {
			continue
		}
		field := map[byte][]byte{}
		p := f.At + 1
		for _, d := range defs[f.Local] {
			field[d.num] = out[p : p+int(d.size)]
			p += int(d.size)
		}
		ts, ok := field[253]
		if !ok || len(ts) != 4 {
			t.Fatal("a record without a 4-byte timestamp")
		}
		edit(binary.LittleEndian.Uint32(ts), field)
	}
	if w.End != walkDone {
		t.Fatalf("editRecords: the walk ended with %d at %d", w.End, w.EndAt)
	}
	n := len(out)
	binary.LittleEndian.PutUint16(out[n-2:], crcUpdate(0, out[:n-2]))
	return out
}
