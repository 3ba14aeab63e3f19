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

// TestSpanEnd: each rule for an end that is missing or not after the start,
// in its order of preference.
func TestSpanEnd(t *testing.T) {
	t0 := time.Date(2026, 5, 14, 4, 0, 0, 0, time.UTC)
	at := func(s float64) time.Time { return t0.Add(time.Duration(s * float64(time.Second))) }
	records := []Sample{{T: at(1)}, {T: at(500)}, {T: at(900)}}
	starts := []time.Time{t0, at(600)}
	cases := []struct {
		name      string
		start     time.Time
		end       time.Time
		elapsedS  float64
		starts    []time.Time
		want      time.Time
		wantRule  int
		recordsIn []Sample
	}{
		{"end after start is kept", t0, at(300), 100, starts, at(300), endAsWritten, records},
		{"end equal to start: elapsed", t0, t0, 450.5, starts, at(450.5), endFromElapsed, records},
		{"end before start: elapsed", t0, at(-10), 450, starts, at(450), endFromElapsed, records},
		{"end missing: elapsed", t0, time.Time{}, 450, starts, at(450), endFromElapsed, records},
		{"no elapsed: next start", t0, t0, math.NaN(), starts, at(600), endFromNext, records},
		{"zero elapsed: next start", t0, t0, 0, starts, at(600), endFromNext, records},
		{"no elapsed, no next: last record", at(600), at(600), math.NaN(), starts, at(900), endFromRecords, records},
		{"nothing to go by", at(600), at(600), math.NaN(), starts, at(600), endUnknown, nil},
	}
	for _, c := range cases {
		got, rule := spanEnd(c.start, c.end, c.elapsedS, c.starts, c.recordsIn)
		if !got.Equal(c.want) || rule != c.wantRule {
			t.Errorf("%s: end %v (rule %d), want %v (rule %d)", c.name, got, rule, c.want, c.wantRule)
		}
	}
}

// TestSummaryFirstGenerated: a file whose laps and session come before the
// records, their end equal to their start, keeps every record in its
// session with either decoder, and its laps end where the next begins.
func TestSummaryFirstGenerated(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "fit", "summary-first.fit"))
	if err != nil {
		t.Fatal(err)
	}
	for _, dec := range []string{DecoderTormoder, DecoderMuktihari} {
		var seqs []decoded
		if dec == DecoderTormoder {
			seqs, err = decodeTormoder(bytes.NewReader(data))
		} else {
			seqs, err = decodeMuktihari(bytes.NewReader(data))
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(seqs) != 1 || len(seqs[0].Sessions) != 1 || !seqs[0].Sessions[0].End.Equal(seqs[0].Sessions[0].Start) {
			t.Fatalf("%s: the file does not have the shape under test", dec)
		}
		f := buildFile("summary-first.fit", dec, seqs, false)
		runs := f.Runs()
		if len(runs) != 1 {
			t.Fatalf("%s: %d runs", dec, len(runs))
		}
		r := runs[0]
		if got, want := len(r.Samples), len(seqs[0].Records); got != want {
			t.Errorf("%s: %d of %d records in the session", dec, got, want)
		}
		if got := r.Samples[len(r.Samples)-1].T.Sub(r.Start).Seconds(); math.Abs(got-r.ElapsedS) > 2 {
			t.Errorf("%s: last sample %.0f s after the start, session lasts %.0f s", dec, got, r.ElapsedS)
		}
		if len(r.Laps) != 4 {
			t.Fatalf("%s: %d laps, want 4", dec, len(r.Laps))
		}
		for i, l := range r.Laps {
			if !l.End.After(l.Start) {
				t.Errorf("%s: lap %d ends %v, not after its start %v", dec, i, l.End, l.Start)
			}
			if i+1 < len(r.Laps) && !l.End.Equal(r.Laps[i+1].Start) {
				t.Errorf("%s: lap %d ends %v, the next starts %v", dec, i, l.End, r.Laps[i+1].Start)
			}
		}
		checkSamples(t, r)
		if len(r.Warnings) != 0 {
			t.Errorf("%s: warnings %q for an end that the elapsed time gives exactly", dec, r.Warnings)
		}
	}
}

// TestSummaryFirstFixture: the Forerunner 965 file that writes its summary
// first. Before the span rules only 1 of its 4,488 records fell inside the
// session.
func TestSummaryFirstFixture(t *testing.T) {
	f := Decode("fr965-run-summary-first.fit", fixture(t, "fr965-run-summary-first.fit"))
	if f.Err != nil {
		t.Fatal(f.Err)
	}
	runs := f.Runs()
	if len(runs) != 1 {
		t.Fatalf("%d runs", len(runs))
	}
	r := runs[0]
	if len(r.Samples) < 4400 {
		t.Errorf("%d samples in the session; the file holds about 4,500 records", len(r.Samples))
	}
	if len(r.Laps) != 12 {
		t.Errorf("%d laps, want 12", len(r.Laps))
	}
	for i, l := range r.Laps {
		if !l.End.After(l.Start) {
			t.Errorf("lap %d: end %v not after start %v", i, l.End, l.Start)
		}
	}
}

// TestFewRecordsWarning: a running session that gets almost none of the
// file's records while most lie outside every session is said so in plain
// words; a session holding its records gets no such warning.
func TestFewRecordsWarning(t *testing.T) {
	t0 := time.Date(2026, 5, 14, 4, 0, 0, 0, time.UTC)
	var recs []Sample
	for s := 0; s < 3000; s++ {
		recs = append(recs, Sample{T: t0.Add(time.Duration(s) * time.Second), SpeedMPS: 3, CadenceSPM: 170,
			DistanceM: 3 * float64(s), HeartRateBPM: nan, GCTms: nan, GCTPercent: nan, VOmm: nan, AltitudeM: nan, TemperatureC: nan})
	}
	mk := func(start, end time.Time) decoded {
		return decoded{FileType: fileTypeActivity, Manufacturer: 0xFFFF, Product: 0xFFFF, HeightCM: nan, Records: recs,
			Sessions: []session{{Start: start, End: end, Sport: sportRunning, TimerS: nan, ElapsedS: nan, DistanceM: nan,
				Avg: Averages{nan, nan, nan, nan, nan, nan}}}}
	}
	// Ten minutes that end 2 s before the records start: 1 record (at the
	// shared second) of 3000.
	bad := buildFile("x.fit", "", []decoded{mk(t0.Add(-600*time.Second), t0)}, false)
	w := strings.Join(bad.Sessions[0].Warnings, "; ")
	if !strings.Contains(w, "only 1 of the file's 3000 records") || !strings.Contains(w, "2999 records lie outside every session") {
		t.Errorf("warnings %q", w)
	}
	good := buildFile("x.fit", "", []decoded{mk(t0, t0.Add(3000*time.Second))}, false)
	if len(good.Sessions[0].Warnings) != 0 {
		t.Errorf("session holding every record warned: %q", good.Sessions[0].Warnings)
	}
}
