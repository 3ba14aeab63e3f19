package fitparse

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/muktihari/fit/profile/typedef"
)

// File is what runlog read from one input: every session in it, running or
// not, or the reason it could not be read.
type File struct {
	Source    string
	Decoder   string // DecoderTormoder or DecoderMuktihari; "" when unread
	Device    Device
	Truncated bool     // the file was cut short and salvaged up to the cut
	Warnings  []string // problems that did not stop reading
	// Sessions holds every session in file order (across chained
	// sequences). Only those with Sport "running" are runs; see Runs.
	Sessions []Run
	// NotActivity is the FIT file type when the input is a valid FIT file
	// that holds no activity (settings, monitoring, ...); "" otherwise.
	NotActivity string
	Err         error // nil when the file, or a salvaged part of it, was read
	// noSession says why a file without any session message, whose records
	// were judged, gave no run ("14 records over 0:13 without a session;
	// they do not look like running (standing: ...)"); "" otherwise.
	noSession string
}

// Skip is an input or session that was read but is not a run.
type Skip struct {
	Source  string
	Session int // -1 for the whole input
	Reason  string
}

// Runs returns the running sessions of f, whatever their sub-sport.
func (f File) Runs() []Run {
	var runs []Run
	for _, s := range f.Sessions {
		if s.Sport == "running" {
			runs = append(runs, s)
		}
	}
	return runs
}

// Skipped returns what f holds that is not a run, each with its reason.
func (f File) Skipped() []Skip {
	if f.Err != nil {
		return nil
	}
	if f.NotActivity != "" {
		return []Skip{{Source: f.Source, Session: -1, Reason: "not an activity file (FIT file type " + f.NotActivity + ")"}}
	}
	var out []Skip
	for _, s := range f.Sessions {
		if s.Sport == "running" {
			continue
		}
		reason := fmt.Sprintf("session %d is %s, not running", s.SessionIndex, sportLabel(s.Sport, s.SubSport))
		if s.notRun != "" {
			reason = fmt.Sprintf("session %d %s", s.SessionIndex, s.notRun)
		}
		out = append(out, Skip{Source: f.Source, Session: s.SessionIndex, Reason: reason})
	}
	if len(f.Sessions) == 0 {
		reason := f.noSession
		if reason == "" {
			reason = "activity file without sessions or records"
		}
		out = append(out, Skip{Source: f.Source, Session: -1, Reason: reason})
	}
	return out
}

// sportWord names a sport for a sentence: "run" for running.
func sportWord(sport string) string {
	if sport == "running" {
		return "run"
	}
	return sport + " session"
}

func sportLabel(sport, sub string) string {
	if sub == "" || sub == "generic" {
		return sport
	}
	return sport + "/" + sub
}

// buildFile turns decoded sequences into a File. truncated says the input
// was cut short; the session in progress at the cut is then rebuilt from its
// records and marked Truncated.
func buildFile(source, decoder string, seqs []decoded, truncated bool) File {
	f := File{Source: source, Decoder: decoder, Truncated: truncated}
	idx := 0
	for si, d := range seqs {
		if si == 0 || f.Device == (Device{}) {
			f.Device = deviceOf(d)
		}
		if d.FileType != fileTypeActivity {
			if len(seqs) == 1 {
				f.NotActivity = fileTypeName(d.FileType)
			}
			continue
		}
		f.Warnings = append(f.Warnings, d.Warnings...)
		offset, hasOffset := utcOffset(d)
		last := si == len(seqs)-1
		records := d.Records
		if !inTimeOrder(records) {
			records = append([]Sample(nil), records...)
			sort.SliceStable(records, func(i, j int) bool { return records[i].T.Before(records[j].T) })
		}
		sessions, spanNotes := sessionSpans(d.Sessions, records)
		d.Laps = lapSpans(d.Laps, records)
		// Records after the last complete session belong to the session the
		// watch was recording when the file was cut; a sequence without any
		// session is judged by its records.
		var open *session
		cut := truncated && last
		if cut || len(sessions) == 0 {
			after := time.Time{}
			if n := len(sessions); n > 0 {
				after = sessions[n-1].End
			}
			if s, ok := openSession(records, d.Laps, after); ok {
				open = &s
			}
		}
		first := len(f.Sessions)
		for i := range sessions {
			r := buildRun(source, decoder, d, sessions[i], records)
			r.SessionIndex = idx
			idx++
			r.UTCOffset, r.HasUTCOffset = offset, hasOffset
			if truncated && last && open == nil && i == len(sessions)-1 {
				r.Truncated = true
			}
			r.Warnings = append(r.Warnings, spanNotes[i]...)
			f.Sessions = append(f.Sessions, r)
		}
		warnFewRecords(f.Sessions[first:], sessions, records)
		if open != nil {
			lo := sort.Search(len(records), func(i int) bool { return !records[i].T.Before(open.Start) })
			span := records[lo:]
			v := unsavedSport(d, d.Laps, open.Start, open.End, span, len(sessions) > 0)
			open.Sport = v.Sport
			n, dur := len(span), spoken(open.End.Sub(open.Start))
			if !cut && v.Sport == sportUnknown {
				// No session at all and nothing that looks like running.
				if len(seqs) == 1 {
					f.noSession = fmt.Sprintf("%d records over %s without a session; they do not look like running (%s)", n, dur, v.Why)
				}
				continue
			}
			r := buildRun(source, decoder, d, *open, records)
			r.SessionIndex = idx
			idx++
			r.UTCOffset, r.HasUTCOffset = offset, hasOffset
			r.Truncated = cut
			switch {
			case v.Sport == sportUnknown:
				r.Sport = "unknown"
				r.notRun = fmt.Sprintf("was not saved before the file was cut, and its %d records do not look like running (%s)", n, v.Why)
			case cut:
				r.Warnings = append(r.Warnings, fmt.Sprintf("the file ends before this session was saved: its sport (%s) is taken from %s, and totals are computed from the records up to the cut", r.Sport, v.From))
			default:
				r.Warnings = append(r.Warnings, fmt.Sprintf("the file has no session message: this %s was built from its %d records over %s (sport taken from %s)", sportWord(r.Sport), n, dur, v.From))
			}
			f.Sessions = append(f.Sessions, r)
		}
	}
	return f
}

// openSession builds a session from the records after the time after (all
// records when after is zero); ok is false when there are none.
func openSession(records []Sample, laps []lapMsg, after time.Time) (session, bool) {
	i := sort.Search(len(records), func(i int) bool { return records[i].T.After(after) })
	rs := records[i:]
	if len(rs) == 0 {
		return session{}, false
	}
	s := session{
		Start:     rs[0].T,
		End:       rs[len(rs)-1].T,
		Sport:     sportUnknown, // decided by the caller (unsavedSport)
		TimerS:    nan,
		ElapsedS:  rs[len(rs)-1].T.Sub(rs[0].T).Seconds(),
		DistanceM: nan,
		Avg:       Averages{nan, nan, nan, nan, nan, nan},
	}
	for j := len(rs) - 1; j >= 0; j-- {
		if !math.IsNaN(rs[j].DistanceM) {
			s.DistanceM = rs[j].DistanceM
			break
		}
	}
	if !after.IsZero() && !math.IsNaN(s.DistanceM) {
		// Cumulative distance may carry on from the previous session.
		for _, r := range rs {
			if !math.IsNaN(r.DistanceM) {
				s.DistanceM -= r.DistanceM
				break
			}
		}
	}
	return s, true
}

// buildRun cuts one session's records, laps and pauses out of a sequence.
func buildRun(source, decoder string, d decoded, s session, records []Sample) Run {
	r := Run{
		Source:    source,
		Sport:     sportName(s.Sport),
		SubSport:  subSportName(s.SubSport),
		Start:     s.Start,
		TimerS:    s.TimerS,
		ElapsedS:  s.ElapsedS,
		DistanceM: s.DistanceM,
		Decoder:   decoder,
		Device:    deviceOf(d), // chained sequences may come from different watches
		DeviceAvg: s.Avg,
		HeightCM:  d.HeightCM,
		// Per sequence: chained sequences may come from different watches.
		AltitudeSource: d.altitudeSource(),
	}
	start, end := s.Start, s.End
	if start.IsZero() || end.Before(start) {
		r.Warnings = append(r.Warnings, "session has no valid start or end time; its records cannot be told apart")
		return r
	}
	if clockNotSet(start) {
		r.ClockNotSet = true
		r.Warnings = append(r.Warnings, fmt.Sprintf(
			"the watch's clock was not set when this run was recorded: %s is not the date it was run, so notes cannot be matched to it by date",
			start.UTC().Format("2006-01-02")))
	}
	lo := sort.Search(len(records), func(i int) bool { return !records[i].T.Before(start) })
	hi := sort.Search(len(records), func(i int) bool { return records[i].T.After(end) })
	if lo < hi {
		var notes []string
		r.Samples, notes = repairSamples(records[lo:hi:hi], start, s.Sport == sportRunning)
		r.Warnings = append(r.Warnings, notes...)
	}
	for _, l := range d.Laps {
		if !l.Start.Before(start) && !l.Start.After(end) {
			r.Laps = append(r.Laps, Lap{Start: l.Start, End: l.End, TimerS: l.TimerS, ElapsedS: l.ElapsedS, DistanceM: l.DistanceM})
		}
	}
	r.Pauses = pauses(d.Events, start, end)
	if math.IsNaN(r.TimerS) {
		r.TimerS = end.Sub(start).Seconds()
		for _, p := range r.Pauses {
			r.TimerS -= p.End.Sub(p.Start).Seconds()
		}
	}
	return r
}

// FIT times: seconds since the FIT epoch; a date_time below
// fitSystemTimeMax counts seconds from the device's power-on instead (FIT
// SDK Profile.xlsx, type date_time: "if date_time is < 0x10000000 then it
// is system time (seconds from device power on)").
var (
	fitEpoch         = time.Date(1989, 12, 31, 0, 0, 0, 0, time.UTC)
	fitSystemTimeMax = fitEpoch.Add(0x10000000 * time.Second) // 1998-07-04T12:54:56Z
)

// clockNotSet reports whether t, a FIT date_time converted as seconds since
// the FIT epoch, is really system time: the watch's clock had not been set.
func clockNotSet(t time.Time) bool {
	return !t.IsZero() && t.Before(fitSystemTimeMax)
}

// pauses returns the spans inside [start, end] during which the timer was
// stopped, from timer stop and start events.
func pauses(events []event, start, end time.Time) []Span {
	var out []Span
	var stopped time.Time
	for _, e := range events {
		if e.Event != eventTimer || e.T.Before(start) || e.T.After(end) {
			continue
		}
		switch e.EventType {
		case eventTypeStop, eventTypeStopAll, eventTypeStopDisab, eventTypeStopDAll:
			if stopped.IsZero() {
				stopped = e.T
			}
		case eventTypeStart:
			if !stopped.IsZero() && e.T.After(stopped) {
				out = append(out, Span{Start: stopped, End: e.T})
			}
			stopped = time.Time{}
		}
	}
	return out
}

// utcOffset is the activity's local time minus UTC, rounded to the quarter
// hour (local_timestamp and timestamp may be written a few seconds apart;
// every time zone in use is a whole number of quarter hours, e.g. Nepal's
// +05:45). Zones in use run from UTC−12 to UTC+14 (IANA tz database); an
// offset outside ±14 h is a watch clock that was never set.
func utcOffset(d decoded) (time.Duration, bool) {
	if d.LocalTimestamp.IsZero() || d.ActivityTime.IsZero() {
		return 0, false
	}
	off := d.LocalTimestamp.Sub(d.ActivityTime).Round(15 * time.Minute)
	if off < -14*time.Hour || off > 14*time.Hour {
		return 0, false
	}
	return off, true
}

func deviceOf(d decoded) Device {
	var dev Device
	if d.Manufacturer != 0xFFFF && d.Manufacturer != 0 {
		dev.Manufacturer = profileName(typedef.Manufacturer(d.Manufacturer).String(), int(d.Manufacturer))
	}
	// A product number means something only under its manufacturer; files
	// re-saved by other programs often write product 0 and no manufacturer.
	if d.Product != 0xFFFF && !(dev.Manufacturer == "" && d.Product == 0) {
		if d.Manufacturer == uint16(typedef.ManufacturerGarmin) || d.Manufacturer == uint16(typedef.ManufacturerDynastream) || d.Manufacturer == uint16(typedef.ManufacturerDynastreamOem) {
			dev.Product = profileName(typedef.GarminProduct(d.Product).String(), int(d.Product))
		} else {
			dev.Product = strconv.Itoa(int(d.Product))
		}
	}
	if d.Serial != 0 {
		dev.Serial = strconv.FormatUint(uint64(d.Serial), 10)
	}
	return dev
}

func sportName(n uint8) string { return profileName(typedef.Sport(n).String(), int(n)) }
func subSportName(n uint8) string {
	if n == 0xFF {
		return "generic" // the file does not say; see docs/decisions.md
	}
	return profileName(typedef.SubSport(n).String(), int(n))
}
func fileTypeName(n uint8) string { return profileName(typedef.File(n).String(), int(n)) }

// profileName returns the FIT profile's name, or the number when the
// profile has no name for it.
func profileName(name string, n int) string {
	if strings.Contains(name, "Invalid(") {
		return strconv.Itoa(n)
	}
	return name
}

// inTimeOrder reports whether records are sorted by time (they nearly
// always are; a plain loop is cheaper than sort.SliceIsSorted's closure).
func inTimeOrder(records []Sample) bool {
	for i := 1; i < len(records); i++ {
		if records[i].T.Before(records[i-1].T) {
			return false
		}
	}
	return true
}
