package fitparse

import (
	"strings"
	"testing"
	"time"
)

// TestClockNotSet: the FR70 fixture starts 1990-07-18, which is FIT system
// time (seconds since power-on), not a date; a normal run is not marked.
func TestClockNotSet(t *testing.T) {
	for _, c := range []struct {
		name string
		want bool
	}{{"fr70-run-compressed-speed.fit", true}, {"fenix2-run.fit", false}, {"fr965-run-summary-first.fit", false}} {
		for _, dec := range []string{DecoderMuktihari, DecoderTormoder} {
			f := DecodeWith(c.name, fixture(t, c.name), DecodeOptions{Decoder: dec})
			runs := f.Runs()
			if f.Err != nil || len(runs) != 1 {
				t.Fatalf("%s (%s): %v, %d runs", c.name, dec, f.Err, len(runs))
			}
			r := runs[0]
			warned := strings.Contains(strings.Join(r.Warnings, "\n"), "clock was not set")
			if r.ClockNotSet != c.want || warned != c.want {
				t.Errorf("%s (%s): ClockNotSet %v, warned %v, want %v (start %v, warnings %q)", c.name, dec, r.ClockNotSet, warned, c.want, r.Start, r.Warnings)
			}
			if c.want {
				want := "the watch's clock was not set when this run was recorded: 1990-07-18 is not the date it was run, so notes cannot be matched to it by date"
				if !contains(r.Warnings, want) {
					t.Errorf("%s (%s): warnings %q, want %q", c.name, dec, r.Warnings, want)
				}
			}
		}
	}
}

func TestClockNotSetBoundary(t *testing.T) {
	last := time.Date(1989, 12, 31, 0, 0, 0, 0, time.UTC).Add((0x10000000 - 1) * time.Second)
	for _, c := range []struct {
		t    time.Time
		want bool
	}{
		{time.Time{}, false},
		{time.Date(1990, 7, 18, 6, 44, 24, 0, time.UTC), true},
		{last, true},
		{last.Add(time.Second), false}, // 1998-07-04T12:54:56Z, the first real date
		{time.Date(2015, 8, 15, 0, 0, 0, 0, time.UTC), false},
	} {
		if got := clockNotSet(c.t); got != c.want {
			t.Errorf("clockNotSet(%v) = %v, want %v", c.t, got, c.want)
		}
	}
}

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}
