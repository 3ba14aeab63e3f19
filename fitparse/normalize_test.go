package fitparse

import (
	"bytes"
	"encoding/binary"
	"math"
	"strings"
	"testing"
)

// synthNonstandard is a small FIT file, written byte by byte, whose
// definitions declare three fields with base-type bytes that lack the endian
// flag (0x04 for uint16, 0x06 for uint32), among definitions with developer
// fields, a big-endian definition, and a compressed-timestamp data message,
// so that the framing walk has to step over each of them to find the next.
// It returns the file and the offsets of the three nonstandard bytes.
func synthNonstandard() ([]byte, []int) {
	var data []byte
	var at []int
	put := func(b ...byte) { data = append(data, b...) }
	mark := func() { at = append(at, 14+len(data)-1) }
	ts := make([]byte, 4)
	binary.LittleEndian.PutUint32(ts, 1100000000) // 2024-11-09, seconds since the FIT epoch

	// file_id: type enum, manufacturer (uint16 written as 0x04), time_created (uint32 written as 0x06).
	put(0x40, 0, 0, 0, 0, 3, 0, 1, 0x00, 1, 2, 0x04)
	mark()
	put(4, 4, 0x06)
	mark()
	put(0x00, 4, 1, 0)
	put(ts...)
	// record with timestamp, heart_rate and a 2-byte developer field.
	put(0x61, 0, 0, 20, 0, 2, 253, 4, 0x86, 3, 1, 0x02, 1, 0, 2, 0)
	put(0x01)
	put(ts...)
	put(150, 0xAA, 0xBB)
	// The same local type under a compressed-timestamp header (offset 5).
	put(0x80|1<<5|5, 0, 0, 0, 0, 151, 0xAA, 0xBB)
	// A big-endian definition of event (21) with data (uint16 written as 0x04).
	put(0x42, 0, 1, 0, 21, 1, 2, 2, 0x04)
	mark()
	put(0x02, 0x01, 0x2C)

	out := append(mkHeader(uint32(len(data))), data...)
	return binary.LittleEndian.AppendUint16(out, mkCRC(out)), at
}

func TestNormalizeBaseTypesSynthetic(t *testing.T) {
	in, at := synthNonstandard()
	orig := append([]byte(nil), in...)
	out, n := normalizeBaseTypes(in)
	if n != 3 {
		t.Fatalf("replaced %d bytes, want 3", n)
	}
	if !bytes.Equal(in, orig) {
		t.Fatal("the input was modified")
	}
	want := append([]byte(nil), in...)
	want[at[0]], want[at[1]], want[at[2]] = 0x84, 0x86, 0x84
	// The file CRC (the last 2 bytes) matched the original, so it matches
	// the copy.
	binary.LittleEndian.PutUint16(want[len(want)-2:], mkCRC(want[:len(want)-2]))
	if !bytes.Equal(out, want) {
		t.Fatalf("normalised bytes differ:\n got % x\nwant % x", out, want)
	}
	// Idempotent, and copy on write: a canonical file comes back as is.
	again, m := normalizeBaseTypes(out)
	if m != 0 || &again[0] != &out[0] {
		t.Errorf("second pass replaced %d bytes (or copied)", m)
	}

	// A file whose CRC did not match still does not: flip a data byte, or
	// the very byte normalisation rewrites.
	for _, i := range []int{len(in) - 3, at[1]} {
		bad := append([]byte(nil), in...)
		bad[i] ^= 0x20
		fixed, _ := normalizeBaseTypes(bad)
		if mkCRC(fixed[:len(fixed)-2]) == binary.LittleEndian.Uint16(fixed[len(fixed)-2:]) {
			t.Errorf("byte %d changed: the normalised copy's CRC matches", i)
		}
	}
	// Cut short: patched, nothing beyond the bytes touched.
	cut, n := normalizeBaseTypes(in[:len(in)-4])
	if n != 3 || len(cut) != len(in)-4 {
		t.Errorf("cut file: %d replaced, %d bytes", n, len(cut))
	}
}

// TestDecodeNonstandardBaseTypes decodes the synthetic file: it is read,
// with a plain warning, and a tampered copy is a CRC error.
func TestDecodeNonstandardBaseTypes(t *testing.T) {
	in, _ := synthNonstandard()
	for _, dec := range []string{DecoderMuktihari, DecoderTormoder} {
		f := DecodeWith("resaved.fit", in, DecodeOptions{Decoder: dec})
		if f.Err != nil {
			t.Fatalf("%s: %v", dec, f.Err)
		}
		if f.Device.Manufacturer != "garmin" || len(f.Warnings) == 0 || !strings.Contains(f.Warnings[len(f.Warnings)-1], "marks the type of 3 of its fields in a nonstandard way") {
			t.Errorf("%s: manufacturer %q, warnings %q", dec, f.Device.Manufacturer, f.Warnings)
		}
	}
	bad := append([]byte(nil), in...)
	bad[len(bad)-3] ^= 1 // the event data
	if f := Decode("tampered.fit", bad); f.Err == nil || !strings.Contains(f.Err.Error(), "CRC") {
		t.Errorf("tampered: %v", f.Err)
	}
}

// TestResavedFixture: a Forerunner 230 run re-saved by another program
// declares developer_data_id field 4 as 0x06 (uint32 without its endian
// flag). Garmin's SDK reads it; so must runlog, with either decoder first,
// matching SOURCES.md: distance 4921.06 m, records' cadence 166.1 spm.
func TestResavedFixture(t *testing.T) {
	data := fixture(t, "fr230-run-resaved.fit")
	for _, dec := range []string{DecoderMuktihari, DecoderTormoder} {
		f := DecodeWith("fr230-run-resaved.fit", data, DecodeOptions{Decoder: dec})
		if f.Err != nil {
			t.Fatalf("%s: %v", dec, f.Err)
		}
		if f.Decoder != dec {
			t.Errorf("read by %s, want %s", f.Decoder, dec)
		}
		runs := f.Runs()
		if len(runs) != 1 {
			t.Fatalf("%s: %d runs", dec, len(runs))
		}
		r := runs[0]
		if math.Abs(r.DistanceM-4921.06) > 0.01 {
			t.Errorf("%s: distance %.2f m, want 4921.06", dec, r.DistanceM)
		}
		var sum, n float64
		for _, s := range r.Samples {
			if !math.IsNaN(s.CadenceSPM) {
				sum += s.CadenceSPM
				n++
			}
		}
		if mean := sum / n; math.Abs(mean-166.1) > 0.05 {
			t.Errorf("%s: records' mean cadence %.2f spm, want 166.1", dec, mean)
		}
		if len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0], "in a nonstandard way") {
			t.Errorf("%s: warnings %q", dec, f.Warnings)
		}
	}
}

// FuzzNormalize: on any bytes normalizeBaseTypes does not panic, keeps the
// length, never touches its input, and a second pass changes nothing.
func FuzzNormalize(f *testing.F) {
	in, _ := synthNonstandard()
	f.Add(in)
	f.Add(in[:40])
	for _, name := range []string{"fr230-run-resaved.fit", "fenix5-run-short.fit", "fr70-run-compressed-speed.fit"} {
		if b, err := readFixture(name); err == nil {
			f.Add(b[:min(len(b), 2048)])
		}
	}
	f.Add(append(mkHeader(0), 0, 0))
	f.Fuzz(func(t *testing.T, data []byte) {
		orig := append([]byte(nil), data...)
		out, n := normalizeBaseTypes(data)
		if len(out) != len(data) || !bytes.Equal(data, orig) {
			t.Fatalf("length %d → %d, or the input changed", len(data), len(out))
		}
		if n == 0 && !bytes.Equal(out, data) {
			t.Fatal("bytes changed with nothing replaced")
		}
		again, m := normalizeBaseTypes(out)
		if m != 0 || !bytes.Equal(again, out) {
			t.Fatalf("not idempotent: a second pass replaced %d bytes", m)
		}
	})
}
