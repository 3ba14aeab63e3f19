package fitparse

import (
	"bytes"
	"math"
	"testing"
	"time"

	"github.com/runlog/runlog/fitparse/synth"
)

// TestStanceBalanceFixture reads stance_time_balance (record field 84) from
// a Forerunner 920XT run with a Running Dynamics pod, with both decoders.
// Its 2103 records with the field average 47.3 % (issue 14's figure), but
// 32 of them hold 0, which the pod writes when it measured nothing (no foot
// carries 0 % of the contact time): runlog leaves those out, and the 2071
// measured records average 47.99 %, the watch's own session figure
// (avg_stance_time_balance 4799). Files without the field give NaN.
func TestStanceBalanceFixture(t *testing.T) {
	raw := recordBalances(fixture(t, "fr920xt-run-dynamics.fit"))
	sum, n, zeros := 0.0, 0, 0
	for _, v := range raw[0] {
		if v != balanceInvalid {
			sum += float64(v) / 100
			n++
			if v == 0 {
				zeros++
			}
		}
	}
	if n != 2103 || zeros != 32 || math.Abs(sum/float64(n)-47.3) > 0.05 {
		t.Errorf("raw field: %d values, %d zeros, mean %.2f; want 2103, 32, 47.3", n, zeros, sum/float64(n))
	}

	for _, c := range []struct {
		file       string
		want       float64 // mean of the recorded values; NaN: none recorded
		minRecords int
	}{
		{"fr920xt-run-dynamics.fit", 47.99, 2000},
		{"fenix5-run-short.fit", 52.5, 15},
		{"fenix2-run.fit", math.NaN(), 0},
		{"fr920xt-run.fit", math.NaN(), 0},
	} {
		data := fixture(t, c.file)
		for _, dec := range []string{DecoderMuktihari, DecoderTormoder} {
			f := DecodeWith(c.file, data, DecodeOptions{Decoder: dec})
			if f.Err != nil {
				t.Fatalf("%s (%s): %v", c.file, dec, f.Err)
			}
			runs := f.Runs()
			if len(runs) != 1 {
				t.Fatalf("%s (%s): %d runs", c.file, dec, len(runs))
			}
			sum, n := 0.0, 0
			for _, s := range runs[0].Samples {
				if v := s.StanceBalanceLeftPct; !math.IsNaN(v) {
					if v <= 0 || v >= 100 {
						t.Errorf("%s (%s): balance %v outside 0–100", c.file, dec, v)
					}
					sum += v
					n++
				}
			}
			if math.IsNaN(c.want) {
				if n != 0 {
					t.Errorf("%s (%s): %d records with a balance; the file has none", c.file, dec, n)
				}
				continue
			}
			if n < c.minRecords {
				t.Errorf("%s (%s): %d records with a balance, want at least %d", c.file, dec, n, c.minRecords)
				continue
			}
			if got := sum / float64(n); math.Abs(got-c.want) > 0.02 {
				t.Errorf("%s (%s): mean balance %.2f %% left, want %.1f", c.file, dec, got, c.want)
			}
		}
	}
}

// TestAltitudeSourceFixtures: watches that list an onboard barometer in
// device_info record barometric altitude; one that lists GPS and no
// barometer, GPS altitude; a file without source types says nothing.
func TestAltitudeSourceFixtures(t *testing.T) {
	for _, c := range []struct{ file, want string }{
		{"fr920xt-run-dynamics.fit", AltitudeBarometric},
		{"fenix5-run-short.fit", AltitudeBarometric},
		{"fr965-run-summary-first.fit", AltitudeBarometric},
		{"fr55-walk.fit", AltitudeGPS},
		{"fenix2-run.fit", AltitudeUnknown},
		{"stryd-run-devfields.fit", AltitudeUnknown},
	} {
		data := fixture(t, c.file)
		data, _ = normalizeBaseTypes(data)
		mseqs, err := decodeMuktihari(bytes.NewReader(data))
		if err != nil || len(mseqs) == 0 {
			t.Fatalf("%s: %v", c.file, err)
		}
		if got := mseqs[0].altitudeSource(); got != c.want {
			t.Errorf("%s (muktihari): altitude source %q, want %q", c.file, got, c.want)
		}
		tormoderMu.Lock()
		tseqs, err := decodeTormoder(bytes.NewReader(data))
		tormoderMu.Unlock()
		if err != nil || len(tseqs) == 0 {
			continue // tormoder refuses some files (fr55-walk.fit)
		}
		if got := tseqs[0].altitudeSource(); got != c.want {
			t.Errorf("%s (tormoder): altitude source %q, want %q", c.file, got, c.want)
		}
	}
}

// TestRecordBalancesFraming: the raw scan finds the field wherever a record
// definition puts it, in either byte order, and gives the invalid value for
// records whose definition lacks it.
func TestRecordBalancesFraming(t *testing.T) {
	// Header (14 bytes), then: definition local 0 = record with timestamp
	// (253, 4 bytes) and field 84 (2 bytes), little-endian; one data
	// message; a big-endian definition of local 1 with field 84 first; one
	// data message; a record definition without the field; one message.
	body := []byte{
		0x40, 0, 0, 20, 0, 2, 253, 4, 0x86, 84, 2, 0x84,
		0x00, 1, 0, 0, 0, 0x76, 0x12, // 0x1276 = 4726 → 47.26 %
		0x41, 0, 1, 0, 20, 1, 84, 2, 0x84,
		0x01, 0x14, 0x82, // big-endian 0x1482 = 5250
		0x42, 0, 0, 20, 0, 1, 253, 4, 0x86,
		0x02, 2, 0, 0, 0,
	}
	data := append([]byte{14, 0x20, 0x54, 0x08, byte(len(body)), 0, 0, 0, '.', 'F', 'I', 'T', 0, 0}, body...)
	data = append(data, 0, 0) // CRC: not checked by the walk
	got := recordBalances(data)
	if len(got) != 1 || len(got[0]) != 3 {
		t.Fatalf("recordBalances = %v, want one sequence of 3 records", got)
	}
	if got[0][0] != 4726 || got[0][1] != 5250 || got[0][2] != balanceInvalid {
		t.Errorf("recordBalances = %v, want [4726 5250 %d]", got[0], balanceInvalid)
	}
	if v := stanceBalance(4726); math.Abs(v-47.26) > 1e-9 {
		t.Errorf("stanceBalance(4726) = %v", v)
	}
	for _, raw := range []uint16{0, 10000, balanceInvalid} {
		if v := stanceBalance(raw); !math.IsNaN(v) {
			t.Errorf("stanceBalance(%d) = %v, want NaN", raw, v)
		}
	}
}

// TestSynthExtras: the generator's stance_time_balance, temperature (below
// zero too), barometer and tilted segments come back through both decoders.
func TestSynthExtras(t *testing.T) {
	start := time.Date(2026, 1, 10, 7, 0, 0, 0, time.UTC)
	spec := synth.Spec{Start: start, Seed: 3, TemperatureC: -4, HasTemperature: true, Barometer: true,
		Segments: []synth.Segment{
			{DurationS: 300, SpeedMPS: 3, CadenceSPM: 170, GCTms: 250, VOmm: 80, StanceBalanceLeftPct: 51.5},
			{DurationS: 300, SpeedMPS: 3, CadenceSPM: 170, GCTms: 250, VOmm: 80, StanceBalanceLeftPct: 48.25, GradePct: -6},
		}}
	var buf bytes.Buffer
	if err := synth.Encode(&buf, spec); err != nil {
		t.Fatal(err)
	}
	for _, dec := range []string{DecoderMuktihari, DecoderTormoder} {
		f := DecodeWith("x.fit", buf.Bytes(), DecodeOptions{Decoder: dec})
		if f.Err != nil {
			t.Fatal(f.Err)
		}
		r := f.Runs()[0]
		if r.AltitudeSource != AltitudeBarometric {
			t.Errorf("%s: altitude source %q", dec, r.AltitudeSource)
		}
		first, last := r.Samples[10], r.Samples[len(r.Samples)-1]
		if first.StanceBalanceLeftPct != 51.5 || last.StanceBalanceLeftPct != 48.25 {
			t.Errorf("%s: balance %v, %v; want 51.5, 48.25", dec, first.StanceBalanceLeftPct, last.StanceBalanceLeftPct)
		}
		if first.TemperatureC != -4 || last.TemperatureC != -4 {
			t.Errorf("%s: temperature %v, %v; want -4", dec, first.TemperatureC, last.TemperatureC)
		}
		// 300 s at about 3 m/s down 6 %: about 54 m lower, give or take
		// the ±1.5 m drift and the speed jitter.
		mid := r.Samples[299]
		if drop := mid.AltitudeM - last.AltitudeM; drop < 50 || drop > 58 {
			t.Errorf("%s: the descent drops %.1f m, want about 54", dec, drop)
		}
	}
	// Without the options nothing extra is written.
	spec.HasTemperature, spec.Barometer = false, false
	spec.Segments[0].StanceBalanceLeftPct, spec.Segments[1].StanceBalanceLeftPct = 0, 0
	buf.Reset()
	if err := synth.Encode(&buf, spec); err != nil {
		t.Fatal(err)
	}
	r := Decode("x.fit", buf.Bytes()).Runs()[0]
	if s := r.Samples[5]; !math.IsNaN(s.TemperatureC) || !math.IsNaN(s.StanceBalanceLeftPct) || r.AltitudeSource != AltitudeUnknown {
		t.Errorf("unset options wrote temperature %v, balance %v, altitude source %q", s.TemperatureC, s.StanceBalanceLeftPct, r.AltitudeSource)
	}
}
