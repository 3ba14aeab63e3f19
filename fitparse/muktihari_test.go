package fitparse

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"testing"
)

// mkFixtureDir is where the real FIT files live: ../shared/fixtures/fit from
// the repository root, kept out of the repository (see SOURCES.md there).
func mkFixtureDir(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join("..", "..", "shared", "fixtures", "fit")
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		tb.Skipf("real FIT fixtures not found at %s (they live outside the repository, in ../shared); skipping", dir)
	}
	return dir
}

func mkReadFixture(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(mkFixtureDir(tb), name))
	if err != nil {
		tb.Fatalf("reading fixture: %v", err)
	}
	return b
}

// mkNear reports whether got is within tol of want; a NaN want asks for NaN.
func mkNear(got, want, tol float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) <= tol
}

// TestDecodeMuktihariRunningFixtures checks every running activity among the
// fixtures against the watch's own session summary as listed in
// ../shared/fixtures/SOURCES.md (rounded there to the digits shown).
func TestDecodeMuktihariRunningFixtures(t *testing.T) {
	const (
		tolCad  = 0.01   // SOURCES.md shows 2 decimals
		tolDyn  = 0.051  // GCT, VO, step length: 1 decimal
		tolTime = 0.0015 // timer: up to 3 decimals
		tolDist = 0.006  // distance: 2 decimals
	)
	na := math.NaN()
	cases := []struct {
		file                   string
		session                int
		cad, gct, vo, stepLen  float64
		timer, dist            float64
		wantGCT, wantVOSamples bool // records carry contact time / oscillation
	}{
		{"fenix2-run.fit", 0, 162, 252, 106.2, na, 2832, 9008.22, true, true},
		{"fenix5-run-short.fit", 0, 167.34, 270.3, 76.2, 971.7, 56.887, 157.56, true, true},
		{"fr920xt-run.fit", 0, 167.33, 290.5, 70.6, na, 3967.026, 12579.16, true, true},
		{"fr920xt-run-dynamics.fit", 0, 173.28, 265.8, 81.8, 1185.1, 2124.084, 7278.71, true, true},
		{"stryd-run-devfields.fit", 0, 148, na, na, na, 3424, 6753.99, true, true},
		{"fr920xt-triathlon.fit", 4, 170.12, 279.8, 71.8, na, 1497.138, 5057.6, true, true},
		{"fr255-triathlon.fit", 4, 161.41, 276, 90.2, 1054.4, 1573.613, 4491.51, true, true},
		{"forerunner15-run-nocadence.fit", 0, na, na, na, na, 2223.803, 10010.82, false, false},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			seqs, err := decodeMuktihari(bytes.NewReader(mkReadFixture(t, c.file)))
			if err != nil {
				t.Fatalf("decodeMuktihari: %v", err)
			}
			if len(seqs) != 1 {
				t.Fatalf("got %d FIT sequences, want 1", len(seqs))
			}
			d := seqs[0]
			if d.FileType != fileTypeActivity {
				t.Errorf("file type %d, want %d (activity)", d.FileType, fileTypeActivity)
			}
			if c.session >= len(d.Sessions) {
				t.Fatalf("only %d sessions, want session #%d", len(d.Sessions), c.session)
			}
			s := d.Sessions[c.session]
			if s.Sport != sportRunning {
				t.Errorf("session %d sport %d, want %d (running)", c.session, s.Sport, sportRunning)
			}
			checks := []struct {
				name           string
				got, want, tol float64
			}{
				{"avg cadence spm", s.Avg.CadenceSPM, c.cad, tolCad},
				{"avg GCT ms", s.Avg.GCTms, c.gct, tolDyn},
				{"avg VO mm", s.Avg.VOmm, c.vo, tolDyn},
				{"avg step length mm", s.Avg.StepLengthMM, c.stepLen, tolDyn},
				{"timer s", s.TimerS, c.timer, tolTime},
				{"distance m", s.DistanceM, c.dist, tolDist},
			}
			for _, k := range checks {
				if !mkNear(k.got, k.want, k.tol) {
					t.Errorf("session %d %s = %v, want %v", c.session, k.name, k.got, k.want)
				}
			}
			if s.Start.IsZero() || !s.End.After(s.Start) {
				t.Errorf("session span %v – %v is not a valid interval", s.Start, s.End)
			}

			if len(d.Records) == 0 {
				t.Fatal("no records")
			}
			var inSession, gct, vo int
			for i, r := range d.Records {
				if r.T.IsZero() || r.T.Location().String() != "UTC" {
					t.Fatalf("record %d has time %v, want a UTC time", i, r.T)
				}
				if i > 0 && !r.T.After(d.Records[i-1].T) {
					t.Fatalf("record %d at %v does not follow record %d at %v", i, r.T, i-1, d.Records[i-1].T)
				}
				if r.GCTms == 0 || r.VOmm == 0 || r.GCTPercent == 0 {
					t.Fatalf("record %d has a 0 where a missing value must be NaN: %+v", i, r)
				}
				if !r.T.Before(s.Start) && !r.T.After(s.End) {
					inSession++
				}
				if !math.IsNaN(r.GCTms) {
					gct++
				}
				if !math.IsNaN(r.VOmm) {
					vo++
				}
			}
			if inSession == 0 {
				t.Errorf("no record inside the running session %v – %v", s.Start, s.End)
			}
			if (gct > 0) != c.wantGCT || (vo > 0) != c.wantVOSamples {
				t.Errorf("records with contact time %d, with oscillation %d; want some: %v, %v", gct, vo, c.wantGCT, c.wantVOSamples)
			}
			if c.file == "forerunner15-run-nocadence.fit" {
				for i, r := range d.Records {
					if !math.IsNaN(r.CadenceSPM) {
						t.Fatalf("record %d has cadence %v in a file without cadence", i, r.CadenceSPM)
					}
				}
			}
		})
	}
}

// TestDecodeMuktihariDetails pins values read from the fixtures that the
// session averages do not cover: device, time zone, height, records.
func TestDecodeMuktihariDetails(t *testing.T) {
	seqs, err := decodeMuktihari(bytes.NewReader(mkReadFixture(t, "fenix5-run-short.fit")))
	if err != nil {
		t.Fatal(err)
	}
	d := seqs[0]
	if d.Manufacturer != 1 || d.Product != 2697 || d.Serial != 3945849289 {
		t.Errorf("device %d/%d/%d, want garmin(1)/fenix5(2697)/3945849289", d.Manufacturer, d.Product, d.Serial)
	}
	if off := d.LocalTimestamp.Sub(d.ActivityTime).Hours(); off != -7 {
		t.Errorf("UTC offset %vh, want -7h", off)
	}
	if d.HeightCM != 175 {
		t.Errorf("height %v cm, want 175", d.HeightCM)
	}
	if n := len(d.Records); n != 21 {
		t.Errorf("%d records, want 21", n)
	}
	last := d.Records[len(d.Records)-1]
	want := Sample{DistanceM: 157.56, SpeedMPS: 2.865, HeartRateBPM: 112, CadenceSPM: 176,
		GCTms: 258, GCTPercent: 38.25, VOmm: 81, AltitudeM: 4.2, TemperatureC: 24}
	pairs := [][2]float64{
		{last.DistanceM, want.DistanceM}, {last.SpeedMPS, want.SpeedMPS}, {last.HeartRateBPM, want.HeartRateBPM},
		{last.CadenceSPM, want.CadenceSPM}, {last.GCTms, want.GCTms}, {last.GCTPercent, want.GCTPercent},
		{last.VOmm, want.VOmm}, {last.AltitudeM, want.AltitudeM}, {last.TemperatureC, want.TemperatureC},
	}
	for i, p := range pairs {
		if !mkNear(p[0], p[1], 1e-9) {
			t.Errorf("last record field %d = %v, want %v (%+v)", i, p[0], p[1], last)
		}
	}
	if len(d.Laps) != 1 || !mkNear(d.Laps[0].DistanceM, 157.56, 1e-9) {
		t.Errorf("laps %+v, want one of 157.56 m", d.Laps)
	}
	var timer int
	for _, e := range d.Events {
		if e.Event == eventTimer {
			timer++
		}
	}
	if timer == 0 {
		t.Errorf("no timer events among %+v", d.Events)
	}

	// Stryd writes no local_timestamp and no serial of its own kind.
	seqs, err = decodeMuktihari(bytes.NewReader(mkReadFixture(t, "stryd-run-devfields.fit")))
	if err != nil {
		t.Fatal(err)
	}
	if d := seqs[0]; !d.LocalTimestamp.IsZero() || d.ActivityTime.IsZero() || !math.IsNaN(d.HeightCM) {
		t.Errorf("stryd: local %v, activity %v, height %v; want zero, set, NaN", d.LocalTimestamp, d.ActivityTime, d.HeightCM)
	}
}

// TestDecodeMuktihariNotRuns: files tormoder cannot read, or that are not
// runs, still decode.
func TestDecodeMuktihariNotRuns(t *testing.T) {
	cases := []struct {
		file  string
		sport uint8
	}{
		{"fr55-walk.fit", 11},   // walking
		{"edge810-ride.fit", 2}, // cycling; 14-byte header with header CRC 0
	}
	for _, c := range cases {
		seqs, err := decodeMuktihari(bytes.NewReader(mkReadFixture(t, c.file)))
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
			continue
		}
		if len(seqs) != 1 || len(seqs[0].Sessions) != 1 || len(seqs[0].Records) == 0 {
			t.Errorf("%s: %d sequences, want 1 with one session and records", c.file, len(seqs))
			continue
		}
		if got := seqs[0].Sessions[0].Sport; got != c.sport {
			t.Errorf("%s: sport %d, want %d", c.file, got, c.sport)
		}
	}
}

func TestDecodeMuktihariCorruptFixtures(t *testing.T) {
	seqs, err := decodeMuktihari(bytes.NewReader(mkReadFixture(t, "corrupt-filecrc.fit")))
	if !errors.Is(err, errCRC) {
		t.Errorf("corrupt-filecrc.fit: error %v, want one wrapping errCRC", err)
	}
	if len(seqs) != 1 || len(seqs[0].Records) == 0 {
		t.Errorf("corrupt-filecrc.fit: want the data read before the CRC check, got %d sequences", len(seqs))
	}

	seqs, err = decodeMuktihari(bytes.NewReader(mkReadFixture(t, "corrupt-truncated.fit")))
	if err == nil || errors.Is(err, errCRC) {
		t.Fatalf("corrupt-truncated.fit: error %v, want a decode error that is not a CRC error", err)
	}
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("corrupt-truncated.fit: error %v does not wrap io.ErrUnexpectedEOF", err)
	}
	if len(seqs) != 1 || len(seqs[0].Records) == 0 || len(seqs[0].Sessions) == 0 {
		t.Errorf("corrupt-truncated.fit: want the partial sequence with its records and session, got %d sequences", len(seqs))
	}
}

// mkSprint renders decoded values for comparison (NaN prints equal to NaN).
func mkSprint(v any) string { return fmt.Sprintf("%+v", v) }

func TestDecodeMuktihariChained(t *testing.T) {
	a := mkReadFixture(t, "fenix5-run-short.fit")
	b := mkReadFixture(t, "fr920xt-run.fit")
	one, err := decodeMuktihari(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	two, err := decodeMuktihari(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	want := mkSprint(append(one, two...))
	chained := append(append([]byte{}, a...), b...)

	got, err := decodeMuktihari(bytes.NewReader(chained))
	if err != nil || mkSprint(got) != want {
		t.Fatalf("chained: %d sequences, error %v; want the two files' sequences", len(got), err)
	}

	// Zero padding after the last sequence is not an error.
	got, err = decodeMuktihari(bytes.NewReader(append(append([]byte{}, chained...), 0, 0, 0, 0)))
	if err != nil || mkSprint(got) != want {
		t.Errorf("chained + zero padding: %d sequences, error %v", len(got), err)
	}

	// Other trailing bytes are reported, after the complete sequences.
	got, err = decodeMuktihari(bytes.NewReader(append(append([]byte{}, chained...), "garbage"...)))
	if err == nil || mkSprint(got) != want {
		t.Errorf("chained + garbage: %d sequences, error %v; want both sequences and an error", len(got), err)
	}

	// A CRC error in the second sequence keeps the first.
	bad := append([]byte{}, chained...)
	bad[len(bad)-1] ^= 0xFF
	got, err = decodeMuktihari(bytes.NewReader(bad))
	if !errors.Is(err, errCRC) || len(got) != 2 || mkSprint(got[0]) != mkSprint(one[0]) {
		t.Errorf("second sequence CRC broken: %d sequences, error %v", len(got), err)
	}
}

// mkCRC is the FIT CRC-16 of b, written bit by bit as in the FIT protocol
// document, independent of the crc16 package both the adapter and synth use.
func mkCRC(b []byte) uint16 {
	var crc uint16
	for _, x := range b {
		crc ^= uint16(x)
		for i := 0; i < 8; i++ {
			if crc&1 != 0 {
				crc = crc>>1 ^ 0xA001
			} else {
				crc >>= 1
			}
		}
	}
	return crc
}

// mkReheader rewrites a 14-byte-header FIT file with a header of hdrSize
// bytes (12, or 14 with header CRC hdrCRC) and a freshly computed file CRC.
func mkReheader(src []byte, hdrSize int, hdrCRC func(h []byte) uint16) []byte {
	dataSize := int(binary.LittleEndian.Uint32(src[4:8]))
	data := src[14 : 14+dataSize]
	out := make([]byte, 0, hdrSize+dataSize+2)
	out = append(out, byte(hdrSize))
	out = append(out, src[1:12]...)
	if hdrSize == 14 {
		out = binary.LittleEndian.AppendUint16(out, hdrCRC(out))
	}
	out = append(out, data...)
	return binary.LittleEndian.AppendUint16(out, mkCRC(out))
}

// TestDecodeMuktihariHeaderCRC covers both header forms. muktihari v0.26.1
// computes the file CRC without the header when the header has no CRC of its
// own (muktihari/fit#641), so these files check runlog's own CRC reader.
func TestDecodeMuktihariHeaderCRC(t *testing.T) {
	src := mkReadFixture(t, "fenix5-run-short.fit")
	if mkCRC(src[:len(src)-2]) != binary.LittleEndian.Uint16(src[len(src)-2:]) {
		t.Fatal("test CRC disagrees with the fixture's own file CRC")
	}
	ref, err := decodeMuktihari(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		file    []byte
		wantCRC bool
	}{
		{"12-byte header", mkReheader(src, 12, nil), false},
		{"14-byte header, CRC 0", mkReheader(src, 14, func([]byte) uint16 { return 0 }), false},
		{"14-byte header, CRC set", mkReheader(src, 14, func(h []byte) uint16 { return mkCRC(h) }), false},
		{"14-byte header, CRC wrong", mkReheader(src, 14, func(h []byte) uint16 { return mkCRC(h) ^ 1 }), true},
	}
	for _, c := range cases {
		got, err := decodeMuktihari(bytes.NewReader(c.file))
		if c.wantCRC != errors.Is(err, errCRC) || (!c.wantCRC && err != nil) {
			t.Errorf("%s: error %v, want CRC error %v", c.name, err, c.wantCRC)
		}
		if mkSprint(got) != mkSprint(ref) {
			t.Errorf("%s: decoded data differs from the original file's", c.name)
		}
	}
	// A flipped data byte is caught by the file CRC or by the decoder.
	for _, pos := range []int{100, len(src) / 2, len(src) - 3} {
		bad := append([]byte{}, src...)
		bad[pos] ^= 0x01
		if _, err := decodeMuktihari(bytes.NewReader(bad)); err == nil {
			t.Errorf("byte %d flipped: no error", pos)
		}
	}
}

// TestDecodeMuktihariEveryCut cuts a real file at every length: each cut is
// an error, never a panic; from a complete header on, the partial sequence
// comes back and the error says the data ended early.
func TestDecodeMuktihariEveryCut(t *testing.T) {
	src := mkReadFixture(t, "fenix5-run-short.fit")
	prev := 0
	for n := 0; n < len(src); n++ {
		got, err := decodeMuktihari(bytes.NewReader(src[:n]))
		if err == nil {
			t.Fatalf("cut at %d: no error", n)
		}
		if errors.Is(err, errMuktihariPanic) {
			t.Fatalf("cut at %d: %v", n, err)
		}
		if n < 14 {
			if got != nil {
				t.Fatalf("cut at %d (inside the header): got %d sequences, want nil", n, len(got))
			}
			continue
		}
		if len(got) != 1 || !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatalf("cut at %d: %d sequences, error %v; want 1 and io.ErrUnexpectedEOF", n, len(got), err)
		}
		if r := len(got[0].Records); r < prev {
			t.Fatalf("cut at %d: %d records, fewer than a shorter cut's %d", n, r, prev)
		} else {
			prev = r
		}
	}
	if prev != 21 {
		t.Errorf("the longest cut kept %d records, want all 21", prev)
	}
}

// mkHeader is a 14-byte FIT header (protocol 2.0, profile 21.40) announcing
// dataSize bytes of data, with a correct header CRC.
func mkHeader(dataSize uint32) []byte {
	h := []byte{14, 0x20, 0x5C, 0x08, 0, 0, 0, 0, '.', 'F', 'I', 'T'}
	binary.LittleEndian.PutUint32(h[4:8], dataSize)
	return binary.LittleEndian.AppendUint16(h, mkCRC(h))
}

// mkSynthetic are small broken inputs, shared by the table test and the fuzz
// seeds.
func mkSynthetic() map[string][]byte {
	rnd := rand.New(rand.NewSource(1))
	random := make([]byte, 4096)
	rnd.Read(random)
	garbage := make([]byte, 200)
	rnd.Read(garbage)

	// A definition of record (20) with one field whose base type is 0x77,
	// which FIT does not define.
	badBaseType := []byte{0x40, 0, 0, 20, 0, 1, 253, 4, 0x77}
	// A data message for local type 3, which was never defined.
	noDefinition := []byte{0x03, 1, 2, 3, 4}
	// A file_id definition followed by a data message cut short.
	shortData := []byte{0x40, 0, 0, 0, 0, 2, 0, 1, 0x00, 1, 2, 0x84, 0x00, 4}

	withHeader := func(data []byte, size uint32) []byte {
		return append(mkHeader(size), data...)
	}
	return map[string][]byte{
		"empty":                         {},
		"3 bytes":                       {14, 0x20, 0x5C},
		"random bytes":                  random,
		"header only":                   mkHeader(100),
		"header and garbage":            withHeader(garbage, uint32(len(garbage))),
		"header with data size 0":       withHeader(garbage, 0),
		"header promising 4 GiB":        withHeader(garbage, 0xFFFFFFF0),
		"undefined base type":           withHeader(badBaseType, uint32(len(badBaseType))),
		"data before its definition":    withHeader(noDefinition, uint32(len(noDefinition))),
		"message cut short":             withHeader(shortData, uint32(len(shortData))+10),
		"12-byte header without .FIT":   {12, 0x10, 0, 0, 10, 0, 0, 0, 'J', 'U', 'N', 'K', 1, 2},
		"header size byte 13":           append([]byte{13}, garbage...),
		"two headers and nothing else":  append(mkHeader(14), mkHeader(14)...),
		"valid header, 1 byte of data":  withHeader([]byte{0x40}, 1),
		"FIT magic in a 14-byte header": []byte("\x0e\x20\x5c\x08\x01\x00\x00\x00.FIT\xff\xff\x00"),
	}
}

func TestDecodeMuktihariBrokenInputs(t *testing.T) {
	for name, in := range mkSynthetic() {
		t.Run(name, func(t *testing.T) {
			got, err := decodeMuktihari(bytes.NewReader(in))
			if err == nil {
				t.Fatalf("no error; got %d sequences", len(got))
			}
			if errors.Is(err, errMuktihariPanic) {
				t.Fatalf("the decoder panicked: %v", err)
			}
		})
	}
}

// mkCheckInvariants holds for whatever decodeMuktihari returns.
func mkCheckInvariants(t *testing.T, in []byte, got []decoded, err error) {
	t.Helper()
	if errors.Is(err, errMuktihariPanic) {
		t.Fatalf("the decoder panicked on %d bytes: %v", len(in), err)
	}
	if err == nil && len(got) == 0 {
		t.Fatalf("no error and no sequence for %d bytes", len(in))
	}
	for _, d := range got {
		for i, r := range d.Records {
			if r.T.IsZero() {
				t.Fatalf("record %d without a time was kept", i)
			}
			if r.GCTms == 0 || r.VOmm == 0 || r.GCTPercent == 0 {
				t.Fatalf("record %d has 0 for a missing value: %+v", i, r)
			}
		}
	}
}

func FuzzDecodeMuktihari(f *testing.F) {
	for _, in := range mkSynthetic() {
		f.Add(in)
	}
	f.Add(mkHeader(0))
	// The real files seed it when present, cut to their first KiB (header,
	// file_id, the first definitions). Go's fuzzer minimises each new
	// interesting input by trying to drop every byte range, which takes time
	// quadratic in its length: inputs grown from whole 100–270 KB files, or
	// even 8 KiB heads, used up a 30-second run in minimisation alone.
	// Whole files, and every cut of one, are covered by the tests above.
	const maxSeed = 1 << 10
	dir := filepath.Join("..", "..", "shared", "fixtures", "fit")
	if ents, err := os.ReadDir(dir); err == nil {
		for _, e := range ents {
			if b, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil {
				f.Add(b[:min(len(b), maxSeed)])
			}
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		got, err := decodeMuktihari(bytes.NewReader(in))
		mkCheckInvariants(t, in, got, err)
	})
}

func BenchmarkDecodeMuktihari(b *testing.B) {
	for _, name := range []string{"fr255-triathlon.fit", "fenix2-run.fit"} {
		src := mkReadFixture(b, name)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := decodeMuktihari(bytes.NewReader(src)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
