package fitparse

import (
	"bytes"
	"math"
	"testing"
)

// csdBytes packs speed (1/100 m/s) and a 12-bit distance (1/16 m) into the
// 3 bytes of compressed_speed_distance, as the FIT profile lays them out.
func csdBytes(speed, dist uint32) []byte {
	v := speed&0xFFF | (dist&0xFFF)<<12
	return []byte{byte(v), byte(v >> 8), byte(v >> 16)}
}

// TestCompressedSpeedDistance: speed is the low 12 bits in 1/100 m/s; the
// distance accumulates across the 12-bit rollover (every 4096/16 = 256 m).
func TestCompressedSpeedDistance(t *testing.T) {
	var c compressedSpeedDistance
	steps := []struct {
		speed, dist12 uint32
		wantDist16    uint32 // running total in 1/16 m
	}{
		{354, 4000, 4000},
		{355, 4090, 4090},
		{356, 10, 4096 + 10}, // wrapped: +16
		{0, 100, 4096 + 100},
		{4095, 100, 4096 + 100}, // standing still: no distance
		{300, 99, 2*4096 + 99},  // one short of a full lap of the counter
	}
	for i, s := range steps {
		speed, dist, ok := c.next(csdBytes(s.speed, s.dist12))
		if !ok {
			t.Fatalf("step %d: not ok", i)
		}
		if speed != float64(s.speed)/100 || dist != float64(s.wantDist16)/16 {
			t.Errorf("step %d: %v m/s %v m, want %v m/s %v m", i, speed, dist, float64(s.speed)/100, float64(s.wantDist16)/16)
		}
	}
	if got := csdBytes(354, 0); got[0] != 0x62 || got[1] != 0x01 || got[2] != 0 {
		t.Fatalf("csdBytes(354, 0) = % x, want 62 01 00", got)
	}
	for _, bad := range [][]byte{nil, {1, 2}, {0xFF, 0xFF, 0xFF}, {1, 2, 3, 4}} {
		before := c
		if s, d, ok := c.next(bad); ok || !math.IsNaN(s) || !math.IsNaN(d) || c != before {
			t.Errorf("% x: ok=%v %v %v, total changed %v", bad, ok, s, d, c != before)
		}
	}
}

// TestCompressedSpeedFixture checks the Forerunner 70 file, whose records
// carry speed and distance only in compressed_speed_distance, against the
// watch's own session: distance 10,248.67 m, average speed 2.735 m/s over
// the timer time (../shared/fixtures/SOURCES.md). Both adapters are checked,
// and the tormoder one twice, because tormoder keeps its own running
// distance in a package variable that carries over from one file to the
// next: runlog's values must not depend on what was decoded before.
func TestCompressedSpeedFixture(t *testing.T) {
	data := fixture(t, "fr70-run-compressed-speed.fit")
	for _, dec := range []struct {
		name   string
		decode func() ([]decoded, error)
	}{
		{DecoderMuktihari, func() ([]decoded, error) { return decodeMuktihari(bytes.NewReader(data)) }},
		{DecoderTormoder, func() ([]decoded, error) { return decodeTormoder(bytes.NewReader(data)) }},
		{DecoderTormoder + " again", func() ([]decoded, error) { return decodeTormoder(bytes.NewReader(data)) }},
	} {
		seqs, err := dec.decode()
		if err != nil {
			t.Fatalf("%s: %v", dec.name, err)
		}
		runs := buildFile("fr70.fit", "", seqs, false).Runs()
		if len(runs) != 1 {
			t.Fatalf("%s: %d runs", dec.name, len(runs))
		}
		r := runs[0]
		last := r.Samples[len(r.Samples)-1]
		if rel := math.Abs(last.DistanceM-10248.67) / 10248.67; !(rel <= 0.005) {
			t.Errorf("%s: last record's distance %.2f m, watch's session 10248.67 m", dec.name, last.DistanceM)
		}
		mean, timed := timeWeightedSpeed(r)
		if rel := math.Abs(mean-2.735) / 2.735; !(rel <= 0.02) {
			t.Errorf("%s: time-weighted record speed %.3f m/s over %.0f s, watch's session 2.735 m/s", dec.name, mean, timed)
		}
		// The speed must be read from most of the timer time, not a few records.
		if timed < 0.95*r.TimerS {
			t.Errorf("%s: speed known for %.0f s of %.0f s timer time", dec.name, timed, r.TimerS)
		}
	}
}

// timeWeightedSpeed is the mean of the records' speeds, each held until the
// next record and weighted by the timer time it covers (pauses left out),
// and the seconds of timer time with a known speed.
func timeWeightedSpeed(r Run) (meanMPS, seconds float64) {
	var sum float64
	for i := 0; i+1 < len(r.Samples); i++ {
		a, b := r.Samples[i].T, r.Samples[i+1].T
		dt := b.Sub(a).Seconds()
		for _, p := range r.Pauses {
			lo, hi := a, b
			if p.Start.After(lo) {
				lo = p.Start
			}
			if p.End.Before(hi) {
				hi = p.End
			}
			if hi.After(lo) {
				dt -= hi.Sub(lo).Seconds()
			}
		}
		if v := r.Samples[i].SpeedMPS; !math.IsNaN(v) && dt > 0 {
			sum += v * dt
			seconds += dt
		}
	}
	return sum / seconds, seconds
}
