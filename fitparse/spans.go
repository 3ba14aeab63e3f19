package fitparse

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// Session and lap spans (docs/decisions.md, "Session and lap spans").
//
// A session or lap message's timestamp is its end. Some watches write the
// summary messages before the records, with the timestamp equal to the
// start_time (Forerunner 965, 2026 firmware); others leave it out. Such an
// end is replaced, in this order, by
//
//  1. start_time + total_elapsed_time, when the elapsed time is known and > 0;
//  2. the start of the next session (or lap) that starts after this one;
//  3. the time of the last record.
//
// Records, laps and pauses are then cut by the repaired span.

// sessionSpans returns a copy of sessions with every unusable end repaired,
// and per session the warnings to give when the end had to be guessed
// (rules 2 and 3: rule 1 is exact and needs no warning). records are sorted
// by time.
func sessionSpans(sessions []session, records []Sample) ([]session, [][]string) {
	out := append([]session(nil), sessions...)
	notes := make([][]string, len(out))
	starts := make([]time.Time, len(out))
	for i := range out {
		starts[i] = out[i].Start
	}
	for i := range out {
		end, how := spanEnd(out[i].Start, out[i].End, out[i].ElapsedS, starts, records)
		out[i].End = end
		switch how {
		case endFromNext:
			notes[i] = append(notes[i], "the session's end time is missing or not after its start; it was taken to end where the next session starts")
		case endFromRecords:
			notes[i] = append(notes[i], "the session's end time is missing or not after its start; it was taken to end with the file's last record")
		}
	}
	return out, notes
}

// lapSpans returns a copy of laps with every unusable end repaired by the
// same rules as sessions.
func lapSpans(laps []lapMsg, records []Sample) []lapMsg {
	if len(laps) == 0 {
		return laps
	}
	out := append([]lapMsg(nil), laps...)
	starts := make([]time.Time, len(out))
	for i := range out {
		starts[i] = out[i].Start
	}
	for i := range out {
		out[i].End, _ = spanEnd(out[i].Start, out[i].End, out[i].ElapsedS, starts, records)
	}
	return out
}

// How spanEnd found an end.
const (
	endAsWritten = iota
	endFromElapsed
	endFromNext
	endFromRecords
	endUnknown
)

// spanEnd returns the end of a span that starts at start and whose message
// says it ends at end after elapsedS seconds (NaN when absent), given the
// starts of its sibling spans and the sorted records.
func spanEnd(start, end time.Time, elapsedS float64, starts []time.Time, records []Sample) (time.Time, int) {
	if start.IsZero() || end.After(start) {
		return end, endAsWritten
	}
	if elapsedS > 0 && elapsedS < maxSpanS {
		return start.Add(time.Duration(math.Round(elapsedS * 1e9))), endFromElapsed
	}
	var next time.Time
	for _, s := range starts {
		if s.After(start) && (next.IsZero() || s.Before(next)) {
			next = s
		}
	}
	if !next.IsZero() {
		return next, endFromNext
	}
	if n := len(records); n > 0 && records[n-1].T.After(start) {
		return records[n-1].T, endFromRecords
	}
	return end, endUnknown
}

// maxSpanS bounds a believable elapsed time: a week. The longest foot races
// (multi-day ultras) last a few days; a larger value is a damaged field.
const maxSpanS = 7 * 24 * 3600

// Few records in a running session: a running session of at least
// fewRecordsMinS seconds that holds less than fewRecordsShare of the
// sequence's records, while at least strayRecordsShare of them lie outside
// every session, gets a warning instead of a silent "no running found". The
// shares are deliberately far apart: a session that lasts minutes at any
// recording interval a watch uses (1–8 s) holds dozens of records, and a
// sequence whose records mostly lie outside every session means its spans
// and records disagree; together they point at the file, not the runner.
const (
	fewRecordsMinS    = 120
	fewRecordsShare   = 0.05
	strayRecordsShare = 0.5
)

// warnFewRecords adds the few-records warning to the running runs among
// runs, which were built from sessions (same order) over records.
func warnFewRecords(runs []Run, sessions []session, records []Sample) {
	n := len(records)
	if n == 0 {
		return
	}
	inside := make([]bool, n)
	counts := make([]int, len(sessions))
	for i, s := range sessions {
		if s.Start.IsZero() || s.End.Before(s.Start) {
			continue
		}
		lo := sort.Search(n, func(k int) bool { return !records[k].T.Before(s.Start) })
		hi := sort.Search(n, func(k int) bool { return records[k].T.After(s.End) })
		for k := lo; k < hi; k++ {
			inside[k] = true
		}
		counts[i] = max(hi-lo, 0)
	}
	stray := 0
	for _, in := range inside {
		if !in {
			stray++
		}
	}
	if float64(stray) < strayRecordsShare*float64(n) {
		return
	}
	for i := range runs {
		s := sessions[i]
		if runs[i].Sport != "running" || s.End.Sub(s.Start).Seconds() < fewRecordsMinS {
			continue
		}
		if float64(counts[i]) < fewRecordsShare*float64(n) {
			runs[i].Warnings = append(runs[i].Warnings, fmt.Sprintf(
				"only %d of the file's %d records fall within this session (%s long); %d records lie outside every session, so this run's form cannot be measured from its records",
				counts[i], n, clock(s.End.Sub(s.Start)), stray))
		}
	}
}

// clock formats a duration as m:ss or h:mm:ss.
func clock(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	if s < 0 {
		s = 0
	}
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// spoken formats a duration for a sentence: "13 s" under a minute, else as
// clock does.
func spoken(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%d s", int(d.Round(time.Second).Seconds()))
	}
	return clock(d)
}
