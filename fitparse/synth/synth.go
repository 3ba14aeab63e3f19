// Package synth writes small synthetic FIT activity files whose running form
// is known in advance, so runlog's parser and analysis can be tested against
// exact expectations.
//
// A Spec describes one session as a list of Segments (a steady stretch of
// running or walking, or a pause). Encode turns it into a complete activity
// file: file_id, an optional user_profile (height), device_info, timer
// events, one record per RecordEveryS seconds, one lap per kilometre, a
// session and an activity message. EncodeMultisport writes several sessions
// (for example a cycling leg and then a run) into one file.
//
// # Why not tormoder's encoder
//
// github.com/tormoder/fit v0.15.0 can encode files, but it cannot serve here:
// it builds the definition of every repeated message type from a Go map, so
// the field order (and thus the bytes) changes from one run to the next; it
// writes messages grouped by type (all sessions, then all laps, then all
// records, then all events) instead of in time order; and its ActivityFile has
// no user_profile. This package therefore carries a small FIT writer of its
// own (protocol 2.0 header, little-endian definition and data messages, the
// FIT CRC-16). The tests decode the output with tormoder, and with
// muktihari for the fields tormoder v0.15 does not know.
//
// # Conventions of the generated files
//
//   - Every record closes the interval before it: a record stamped t carries the
//     speed, cadence and so on of the RecordEveryS seconds (or fewer, at the end
//     of a segment) that end at t, and the cumulative distance at t. There is no
//     record at the timer start. Lap and session averages weight each record by
//     the seconds it covers; paused time is never covered.
//   - Record distance accumulates over the whole file; in a multisport file the
//     second session's records start where the first session's ended.
//   - A pause writes a timer stop event (event_type stop) at its start and a timer
//     start event at its end, and no records in between. The timer start of
//     each session and its timer stop_all close the session.
//   - Laps close at the first record whose session distance reaches a whole
//     kilometre (lap_trigger distance); the last lap closes at the session end
//     (lap_trigger session_end).
//   - A value that is not measured is written as the FIT invalid value of its
//     base type. A field that no record of a session carries is left out of that
//     session's record definition altogether (like a watch without the sensor).
//   - Running and walking cadence is stored the FIT way, in strides per minute:
//     cadence + fractional_cadence/128 = steps per minute / 2. For cycling the
//     segment's CadenceSPM is taken as pedal revolutions per minute and stored
//     unhalved.
//   - stance_time_percent is the ground-contact time as a share of the stride
//     (two steps): GCTms × SPM / 1200. step_length (record field 85, session
//     field 134, which tormoder v0.15 does not know) is speed / (SPM/60),
//     written only when ground-contact time is.
//   - GradePct tilts a segment: altitude changes by GradePct/100 × the
//     distance each record covers, on top of the base altitude and its drift.
//   - stance_time_balance (record field 84, the left foot's share of contact
//     time, % × 100) is written from Segment.StanceBalanceLeftPct, without
//     jitter; temperature (record field 13, sint8 °C) from Spec.TemperatureC
//     when Spec.HasTemperature, rounded to whole degrees. Spec.Barometer adds
//     a device_info message that lists an onboard barometer.
//   - Jitter: every record draws five uniform values from math/rand/v2's PCG
//     seeded with Spec.Seed, so equal Specs give equal bytes.
package synth

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"time"

	"github.com/muktihari/fit/kit/hash/crc16"
)

// Jitter amplitudes: each record's value is the target plus a uniform draw
// in [-amplitude, +amplitude] (before the FIT quantisation).
const (
	JitterSpeedMPS     = 0.05
	JitterCadenceSPM   = 1.5
	JitterGCTms        = 4.0
	JitterVOmm         = 3.0
	JitterHeartRateBPM = 2.0
)

// Identity written to file_id and device_info. The manufacturer is FIT's
// "development" (255), so no real watch model is claimed.
const (
	Manufacturer = 255 // FIT manufacturer "development"
	Product      = 1
	ProductName  = "runlog synth"
	SerialNumber = 3900123456
)

// AltitudeM is the base altitude of outdoor runs; it drifts by ±1.5 m with a
// 10-minute period. Treadmill and indoor sessions stay at exactly this value.
const AltitudeM = 52.0

// Segment is a steady stretch of a session. Segments follow each other
// without gaps.
type Segment struct {
	DurationS  float64 // whole seconds, > 0
	SpeedMPS   float64 // target speed, m/s (>= 0; 0 means standing, no jitter)
	CadenceSPM float64 // steps per minute (rpm for cycling); NaN = not recorded, 0 is a real 0
	GCTms      float64 // ground-contact time, ms; NaN or 0 = not recorded
	VOmm       float64 // vertical oscillation, mm; NaN or 0 = not recorded
	// CadenceFactor multiplies the cadence as written (0 means 1): 0.5
	// writes it halved, as some watches do over a stretch of a run (a Suunto
	// Ambit3 did for 1000 s), 2 doubled. Derived fields (stance-time percent,
	// step length) and the lap and session averages follow what was written.
	CadenceFactor float64
	// GradePct is the slope of the segment, % (rise over run; negative is
	// downhill); 0 is flat. Indoor sessions ignore it.
	GradePct float64
	// StanceBalanceLeftPct is the left foot's share of ground-contact time,
	// %, written to every record of the segment; 0 or NaN = not recorded.
	StanceBalanceLeftPct float64
	// Paused stops the timer for the segment: no records, a timer stop event
	// at its start and a timer start event at its end. A pause may not open or
	// close a session, nor follow another pause.
	Paused bool
}

// Spec describes one session (one activity file for Encode).
type Spec struct {
	// Start is the timer start (truncated to the second). In EncodeMultisport
	// a zero Start on a later leg means "right where the previous leg ended".
	Start time.Time
	// UTCOffset is local time minus UTC, written as the activity's
	// local_timestamp; whole seconds, at most ±18 h. Only the first leg's value
	// is used in a multisport file.
	UTCOffset time.Duration
	// Sport is "running" (default when empty), "walking", "cycling",
	// "transition", "hiking" or "generic".
	Sport string
	// SubSport is "generic" (default when empty), "treadmill", "street",
	// "trail", "track", "indoor_running", "road" or "indoor_cycling".
	SubSport string
	Segments []Segment
	// FatigueFrom is the share of the session's timer time (0..1) after which
	// fatigue sets in; 0 disables it. From there cadence falls and contact
	// time rises linearly, reaching the full FatigueCadenceDropSPM and
	// FatigueGCTRiseMS at the end of the session.
	FatigueFrom           float64
	FatigueCadenceDropSPM float64
	FatigueGCTRiseMS      float64
	// NoCadence leaves the cadence fields out of the file entirely.
	NoCadence bool
	// Seed drives the jitter; the same Spec always gives the same bytes.
	Seed int64
	// RecordEveryS is the record interval in seconds; 0 means 1.
	RecordEveryS int
	// HeartRateBPM is the target heart rate; 0 or NaN = no heart rate.
	HeartRateBPM float64
	// SummaryFirst writes the session's laps and its session message before
	// its records, each with its timestamp (its end) equal to its start_time,
	// as the Forerunner 965 (2026 firmware) does; total_elapsed_time still
	// gives the true length.
	SummaryFirst bool
	// SplitRecords writes every record as two record messages with the same
	// timestamp: the first with distance, speed and altitude, the second with
	// heart rate, cadence and running dynamics.
	SplitRecords bool
	// PositionOnly writes, one second after every record that the next
	// record follows by two seconds or more (RecordEveryS >= 2), a record that
	// carries only its timestamp and a position (position_lat/long), as some
	// Suunto watches write between their data records.
	PositionOnly bool
	// TemperatureC is written to every record (whole °C) when
	// HasTemperature; otherwise no record carries a temperature.
	TemperatureC   float64
	HasTemperature bool
	// Barometer lists an onboard barometer in device_info (source_type
	// local, device_type barometer), as watches with a barometric
	// altimeter do. Only the first leg's value is used.
	Barometer bool
	// HeightCM is written as user_profile height; 0 = no user_profile.
	// Only the first leg's value is used in a multisport file.
	HeightCM float64
}

// Totals are the summary values Encode writes into one session message,
// decoded back to plain units. Averages are NaN where the session message
// does not carry the field.
type Totals struct {
	Sport, SubSport string
	Start, End      time.Time // UTC
	ElapsedS        float64   // includes pauses
	TimerS          float64   // excludes pauses
	DistanceM       float64
	Records, Laps   int
	AvgSpeedMPS     float64
	AvgHeartRateBPM float64
	AvgCadenceSPM   float64 // steps per minute (rpm for cycling)
	AvgGCTms        float64
	AvgVOmm         float64
	AvgStepLengthMM float64
}

// Encode writes one activity file with a single session described by s.
func Encode(w io.Writer, s Spec) error {
	return EncodeMultisport(w, []Spec{s})
}

// EncodeMultisport writes one activity file holding one session per leg, in
// order. The file's identity, user profile and UTC offset come from the
// first leg. With more than one leg the activity type is auto_multi_sport.
func EncodeMultisport(w io.Writer, legs []Spec) error {
	if w == nil {
		return errors.New("synth: nil writer")
	}
	p, err := build(legs)
	if err != nil {
		return err
	}
	data := p.bytes()
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("synth: writing FIT file: %w", err)
	}
	return nil
}

// Describe returns, per leg, the session values that EncodeMultisport would
// write for legs (Encode for a single Spec), without writing anything.
func Describe(legs ...Spec) ([]Totals, error) {
	p, err := build(legs)
	if err != nil {
		return nil, err
	}
	return p.totals, nil
}

// ---------------------------------------------------------------------------
// Profile numbers (FIT SDK profile) used below.

const (
	mesgFileID      = 0
	mesgUserProfile = 3
	mesgSession     = 18
	mesgLap         = 19
	mesgRecord      = 20
	mesgEvent       = 21
	mesgDeviceInfo  = 23
	mesgActivity    = 34

	fileTypeActivity = 4

	eventTimer    = 0
	eventSession  = 8
	eventLap      = 9
	eventActivity = 26

	eventTypeStart   = 0
	eventTypeStop    = 1
	eventTypeStopAll = 4

	lapTriggerDistance   = 2
	lapTriggerSessionEnd = 7

	sessionTriggerActivityEnd = 0

	activityManual         = 0
	activityAutoMultiSport = 1

	sourceTypeLocal = 5

	localDeviceBarometer = 4

	sportCycling = 2
)

var sports = map[string]uint8{
	"generic": 0, "running": 1, "cycling": 2, "transition": 3, "walking": 11, "hiking": 17,
}

var subSports = map[string]uint8{
	"generic": 0, "treadmill": 1, "street": 2, "trail": 3, "track": 4,
	"road": 7, "indoor_cycling": 6, "indoor_running": 45,
}

// Local message numbers, one per message type.
const (
	localFileID = iota
	localUserProfile
	localDeviceInfo
	localEvent
	localRecord
	localLap
	localSession
	localActivity
	localRecordB  // the second half of a split record (SplitRecords)
	localPosition // a position-only record (PositionOnly)
)

const (
	fitEpochUnix     = 631065600  // 1989-12-31T00:00:00Z
	systemTimeMarker = 0x10000000 // FIT times below this count from power-on
	maxRecords       = 500000
	maxElapsedS      = 7 * 24 * 3600
)

// ---------------------------------------------------------------------------
// Validation.

func validate(s Spec, leg int, multi bool) error {
	where := "synth: "
	if multi {
		where = fmt.Sprintf("synth: leg %d: ", leg)
	}
	bad := func(format string, a ...any) error {
		return errors.New(where + fmt.Sprintf(format, a...))
	}
	if (leg == 0 || !s.Start.IsZero()) && s.Start.Unix()-fitEpochUnix < systemTimeMarker {
		return bad("Start %v is missing or before 1998-07-04", s.Start)
	}
	if leg == 0 {
		if s.UTCOffset%time.Second != 0 || s.UTCOffset > 18*time.Hour || s.UTCOffset < -18*time.Hour {
			return bad("UTCOffset %v must be whole seconds within ±18h", s.UTCOffset)
		}
		if s.HeightCM != 0 && !(s.HeightCM >= 50 && s.HeightCM <= 254) {
			return bad("HeightCM %v must be 0 (absent) or 50..254", s.HeightCM)
		}
	}
	if _, ok := sports[sportName(s)]; !ok {
		return bad("unknown Sport %q", s.Sport)
	}
	if _, ok := subSports[subSportName(s)]; !ok {
		return bad("unknown SubSport %q", s.SubSport)
	}
	if len(s.Segments) == 0 {
		return bad("no segments")
	}
	if !finite(s.FatigueFrom) || s.FatigueFrom < 0 || s.FatigueFrom >= 1 {
		return bad("FatigueFrom %v must be in [0, 1)", s.FatigueFrom)
	}
	if !finite(s.FatigueCadenceDropSPM) || math.Abs(s.FatigueCadenceDropSPM) > 200 {
		return bad("FatigueCadenceDropSPM %v out of range", s.FatigueCadenceDropSPM)
	}
	if !finite(s.FatigueGCTRiseMS) || math.Abs(s.FatigueGCTRiseMS) > 1000 {
		return bad("FatigueGCTRiseMS %v out of range", s.FatigueGCTRiseMS)
	}
	if s.RecordEveryS < 0 || s.RecordEveryS > 3600 {
		return bad("RecordEveryS %d must be 0..3600", s.RecordEveryS)
	}
	if s.HasTemperature && !(s.TemperatureC >= -40 && s.TemperatureC <= 60) {
		return bad("TemperatureC %v must be -40..60", s.TemperatureC)
	}
	if s.HeartRateBPM != 0 && !math.IsNaN(s.HeartRateBPM) && !(s.HeartRateBPM >= 20 && s.HeartRateBPM <= 250) {
		return bad("HeartRateBPM %v must be 0, NaN or 20..250", s.HeartRateBPM)
	}
	var total, active float64
	var records int
	step := float64(recordEvery(s))
	for i, g := range s.Segments {
		if !finite(g.DurationS) || g.DurationS <= 0 || g.DurationS != math.Trunc(g.DurationS) {
			return bad("segment %d: DurationS %v must be a positive whole number of seconds", i, g.DurationS)
		}
		total += g.DurationS
		if total > maxElapsedS {
			return bad("segments last more than %d s", maxElapsedS)
		}
		if g.Paused {
			if i == 0 || i == len(s.Segments)-1 {
				return bad("segment %d: a pause may not open or close a session", i)
			}
			if s.Segments[i-1].Paused {
				return bad("segment %d: two pauses in a row", i)
			}
			continue
		}
		active += g.DurationS
		records += int(math.Ceil(g.DurationS / step))
		if !finite(g.CadenceFactor) || g.CadenceFactor < 0 || g.CadenceFactor > 4 {
			return bad("segment %d: CadenceFactor %v must be 0..4", i, g.CadenceFactor)
		}
		if !finite(g.SpeedMPS) || g.SpeedMPS < 0 || g.SpeedMPS > 60 {
			return bad("segment %d: SpeedMPS %v must be 0..60", i, g.SpeedMPS)
		}
		if !math.IsNaN(g.CadenceSPM) && !(g.CadenceSPM >= 0 && g.CadenceSPM <= 490) {
			return bad("segment %d: CadenceSPM %v must be NaN or 0..490", i, g.CadenceSPM)
		}
		if !math.IsNaN(g.GCTms) && !(g.GCTms >= 0 && g.GCTms <= 3000) {
			return bad("segment %d: GCTms %v must be NaN, 0 or up to 3000", i, g.GCTms)
		}
		if !finite(g.GradePct) || math.Abs(g.GradePct) > 45 {
			return bad("segment %d: GradePct %v must be within ±45", i, g.GradePct)
		}
		if !math.IsNaN(g.StanceBalanceLeftPct) && !(g.StanceBalanceLeftPct >= 0 && g.StanceBalanceLeftPct < 100) {
			return bad("segment %d: StanceBalanceLeftPct %v must be NaN, 0 or below 100", i, g.StanceBalanceLeftPct)
		}
		if !math.IsNaN(g.VOmm) && !(g.VOmm >= 0 && g.VOmm <= 1000) {
			return bad("segment %d: VOmm %v must be NaN, 0 or up to 1000", i, g.VOmm)
		}
	}
	if active == 0 {
		return bad("no running (unpaused) segment")
	}
	if records > maxRecords {
		return bad("%d records is more than %d", records, maxRecords)
	}
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func sportName(s Spec) string {
	if s.Sport == "" {
		return "running"
	}
	return s.Sport
}

func subSportName(s Spec) string {
	if s.SubSport == "" {
		return "generic"
	}
	return s.SubSport
}

func recordEvery(s Spec) int {
	if s.RecordEveryS == 0 {
		return 1
	}
	return s.RecordEveryS
}

// measured reports whether a GCT/VO/heart-rate target is set.
func measured(v float64) bool { return !math.IsNaN(v) && v != 0 }

// ---------------------------------------------------------------------------
// Building the message list.

type plan struct {
	msgs   []message
	totals []Totals
}

// rec is one record in quantised FIT units; -1 marks an absent value.
type rec struct {
	t       int64 // FIT seconds
	w       int64 // seconds covered
	distCM  int64 // cumulative over the file
	speedMM int64 // mm/s
	altQ    int64 // (m + 500) × 5
	hr      int64
	cad128  int64 // strides/min (rpm for cycling) × 128
	gct10   int64 // ms × 10
	pct100  int64 // % × 100
	vo10    int64 // mm × 10
	step10  int64 // mm × 10
	bal100  int64 // stance_time_balance, % × 100
	temp    int64 // °C as the sint8 byte (two's complement)
}

func build(legs []Spec) (*plan, error) {
	if len(legs) == 0 {
		return nil, errors.New("synth: no session to write")
	}
	if len(legs) > 100 {
		return nil, errors.New("synth: more than 100 sessions")
	}
	multi := len(legs) > 1
	for i, s := range legs {
		if err := validate(s, i, multi); err != nil {
			return nil, err
		}
	}
	first := legs[0]
	t := first.Start.Unix() - fitEpochUnix
	p := &plan{}
	p.msgs = append(p.msgs, message{global: mesgFileID, local: localFileID, fields: []field{
		enumF(0, fileTypeActivity),
		u16(1, Manufacturer),
		u16(2, Product),
		u32z(3, SerialNumber),
		u32(4, t),
		str(8, ProductName),
	}})
	if first.HeightCM > 0 {
		p.msgs = append(p.msgs, message{global: mesgUserProfile, local: localUserProfile, fields: []field{
			u8(3, int64(math.Round(first.HeightCM))), // scale 100: metres × 100 = cm
		}})
	}
	p.msgs = append(p.msgs, message{global: mesgDeviceInfo, local: localDeviceInfo, fields: []field{
		u32(253, t),
		u8(0, 0), // device_index: creator
		u16(2, Manufacturer),
		u32z(3, SerialNumber),
		u16(4, Product),
		u16(5, 100), // software_version 1.00
		enumF(25, sourceTypeLocal),
		str(27, ProductName),
	}})
	if first.Barometer {
		p.msgs = append(p.msgs, message{global: mesgDeviceInfo, local: localDeviceInfo, fields: []field{
			u32(253, t),
			u8(0, 1),                    // device_index 1
			u8(1, localDeviceBarometer), // device_type, read as local_device_type
			u16(2, Manufacturer),
			u32z(3, SerialNumber),
			u16(4, Product),
			u16(5, 100),
			enumF(25, sourceTypeLocal),
			str(27, ProductName),
		}})
	}

	var cumMM int64
	var timerMS int64
	lapIndex := 0
	for i, s := range legs {
		if i > 0 && !s.Start.IsZero() {
			ls := s.Start.Unix() - fitEpochUnix
			if ls < t {
				return nil, fmt.Errorf("synth: leg %d: Start %v is before the previous leg ended", i, s.Start)
			}
			t = ls
		}
		tot, err := p.addLeg(s, i, &t, &cumMM, &lapIndex)
		if err != nil {
			return nil, err
		}
		timerMS += int64(tot.TimerS * 1000)
		p.totals = append(p.totals, tot)
	}
	if t+int64(first.UTCOffset/time.Second) >= 0xFFFFFFFF || t >= 0xFFFFFFFF {
		return nil, errors.New("synth: the activity ends after the last FIT timestamp (2126)")
	}
	actType := int64(activityManual)
	if multi {
		actType = activityAutoMultiSport
	}
	p.msgs = append(p.msgs, message{global: mesgActivity, local: localActivity, fields: []field{
		u32(253, t),
		u32(0, timerMS),
		u16(1, int64(len(legs))),
		enumF(2, actType),
		enumF(3, eventActivity),
		enumF(4, eventTypeStop),
		u32(5, t+int64(first.UTCOffset/time.Second)),
	}})
	return p, nil
}

// item is a placeholder in the leg's time-ordered output.
type item struct {
	kind int // 0 message, 1 record, 2 lap
	idx  int
	msg  message
}

func timerEvent(t int64, eventType int64) message {
	return message{global: mesgEvent, local: localEvent, fields: []field{
		u32(253, t),
		enumF(0, eventTimer),
		enumF(1, eventType),
		u32(3, 0), // data: timer_trigger manual
		u8(4, 0),  // event_group
	}}
}

func (p *plan) addLeg(s Spec, legNo int, t, cumMM *int64, lapIndex *int) (Totals, error) {
	step := int64(recordEvery(s))
	sport := sports[sportName(s)]
	subSport := subSports[subSportName(s)]
	foot := sport != sportCycling
	indoor := subSportName(s) == "treadmill" || subSportName(s) == "indoor_running" || subSportName(s) == "indoor_cycling"
	var activeTotal int64
	for _, g := range s.Segments {
		if !g.Paused {
			activeTotal += int64(g.DurationS)
		}
	}
	// The stream constant only separates this generator's sequences from
	// other users of the same seed.
	rng := rand.New(rand.NewPCG(uint64(s.Seed), 0x72756e6c6f67))
	jitter := func() float64 { return rng.Float64()*2 - 1 }
	ramp := func(frac float64) float64 {
		if s.FatigueFrom == 0 || frac <= s.FatigueFrom {
			return 0
		}
		return (frac - s.FatigueFrom) / (1 - s.FatigueFrom)
	}

	legStart := *t
	legStartCM := roundDiv(*cumMM, 10)
	legStartMM := *cumMM
	var recs []rec
	var seq []item
	seq = append(seq, item{msg: timerEvent(legStart, eventTypeStart)})

	// Lap bookkeeping.
	type lapSpan struct {
		from, to int // record indexes [from, to)
		start    int64
		end      int64
		startCM  int64
		trigger  int64
	}
	var laps []lapSpan
	cur := lapSpan{start: legStart, startCM: legStartCM}
	nextLapMM := int64(1000000)

	lastActive := -1
	for i, g := range s.Segments {
		if !g.Paused {
			lastActive = i
		}
	}

	var active int64
	climbM := 0.0         // altitude gained on tilted segments so far, m
	prevRecT := int64(-1) // the previous record's time; -1 after a pause
	for si, g := range s.Segments {
		d := int64(g.DurationS)
		if g.Paused {
			prevRecT = -1
			seq = append(seq, item{msg: timerEvent(*t, eventTypeStop)})
			*t += d
			seq = append(seq, item{msg: timerEvent(*t, eventTypeStart)})
			continue
		}
		segStart := *t
		for prev := int64(0); prev < d; {
			end := min(prev+step, d)
			w := end - prev
			prev = end
			r := rec{t: segStart + end, w: w, hr: -1, cad128: -1, gct10: -1, pct100: -1, vo10: -1, step10: -1, bal100: -1, temp: -1}
			frac := float64(active+end) / float64(activeTotal)
			f := ramp(frac)
			// Always draw all five values so one field's presence never
			// shifts another field's noise.
			nv, nc, ng, no, nh := jitter(), jitter(), jitter(), jitter(), jitter()

			speed := g.SpeedMPS
			if speed > 0 {
				speed = max(0, speed+nv*JitterSpeedMPS)
			}
			r.speedMM = int64(math.Round(speed * 1000))
			*cumMM += r.speedMM * w
			r.distCM = roundDiv(*cumMM, 10)

			elapsed := float64(segStart + end - legStart)
			alt := AltitudeM
			if !indoor {
				climbM += g.GradePct / 100 * float64(r.speedMM) / 1000 * float64(w)
				alt += 1.5*math.Sin(2*math.Pi*elapsed/600) + climbM
			}
			r.altQ = int64(math.Round((alt + 500) * 5))

			if measured(s.HeartRateBPM) {
				r.hr = clamp(int64(math.Round(s.HeartRateBPM+nh*JitterHeartRateBPM)), 1, 254)
			}
			spm := math.NaN() // quantised steps per minute, for derived fields
			if !s.NoCadence && !math.IsNaN(g.CadenceSPM) {
				c := max(0, g.CadenceSPM-f*s.FatigueCadenceDropSPM+nc*JitterCadenceSPM)
				if g.CadenceFactor != 0 {
					c *= g.CadenceFactor
				}
				if foot {
					c /= 2
				}
				r.cad128 = clamp(int64(math.Round(c*128)), 0, 254*128+127)
				spm = float64(r.cad128) / 128
				if foot {
					spm *= 2
				}
			}
			if measured(g.GCTms) {
				gct := max(1, g.GCTms+f*s.FatigueGCTRiseMS+ng*JitterGCTms)
				r.gct10 = clamp(int64(math.Round(gct*10)), 10, 65534)
				if !math.IsNaN(spm) && spm > 0 && foot {
					pct := float64(r.gct10) / 10 * spm / 1200
					if q := int64(math.Round(pct * 100)); q <= 65534 {
						r.pct100 = q
					}
					stepMM := float64(r.speedMM) / (spm / 60)
					if q := int64(math.Round(stepMM * 10)); q <= 65534 {
						r.step10 = q
					}
				}
			}
			if measured(g.StanceBalanceLeftPct) {
				r.bal100 = int64(math.Round(g.StanceBalanceLeftPct * 100))
			}
			if s.HasTemperature {
				r.temp = int64(uint8(int8(math.Round(s.TemperatureC))))
			}
			if measured(g.VOmm) {
				vo := max(1, g.VOmm+no*JitterVOmm)
				r.vo10 = clamp(int64(math.Round(vo*10)), 10, 65534)
			}
			if s.PositionOnly && prevRecT >= 0 && r.t-prevRecT >= 2 {
				seq = append(seq, item{msg: positionMsg(prevRecT+1, len(recs))})
			}
			prevRecT = r.t
			recs = append(recs, r)
			seq = append(seq, item{kind: 1, idx: len(recs) - 1})

			lastOfLeg := si == lastActive && prev == d
			if !lastOfLeg && *cumMM-legStartMM >= nextLapMM {
				cur.to = len(recs)
				cur.end = r.t
				cur.trigger = lapTriggerDistance
				laps = append(laps, cur)
				seq = append(seq, item{kind: 2, idx: len(laps) - 1})
				cur = lapSpan{from: len(recs), start: r.t, startCM: r.distCM}
				for *cumMM-legStartMM >= nextLapMM {
					nextLapMM += 1000000
				}
			}
		}
		active += d
		*t = segStart + d
	}
	seq = append(seq, item{msg: timerEvent(*t, eventTypeStopAll)})
	cur.to = len(recs)
	cur.end = *t
	cur.trigger = lapTriggerSessionEnd
	laps = append(laps, cur)
	seq = append(seq, item{kind: 2, idx: len(laps) - 1})

	if *lapIndex+len(laps) > 65000 {
		return Totals{}, fmt.Errorf("synth: leg %d: too many laps", legNo)
	}

	// Messages for records and laps; columns nobody fills are dropped.
	recMsgs := make([]message, len(recs))
	var recMsgsB []message
	for i, r := range recs {
		recMsgs[i] = recordMsg(r)
	}
	if s.SplitRecords {
		recMsgsB = make([]message, len(recs))
		for i := range recMsgs {
			recMsgs[i], recMsgsB[i] = splitRecord(recMsgs[i])
		}
		compact(recMsgsB)
	}
	compact(recMsgs)
	lapMsgs := make([]message, len(laps))
	for i, l := range laps {
		a := summarize(recs[l.from:l.to], l.startCM)
		stamp := l.end
		if s.SummaryFirst {
			stamp = l.start
		}
		fields := []field{
			u32(253, stamp),
			u16(254, int64(*lapIndex+i)),
			enumF(0, eventLap),
			enumF(1, eventTypeStop),
			u32(2, l.start),
			u32(7, (l.end-l.start)*1000),
			u32(8, a.timerS*1000),
			u32(9, a.distCM),
			u32(10, a.cycles),
			u16(13, a.avgSpeedMM),
			u16(14, a.maxSpeedMM),
			u8(15, a.avgHR),
			u8(16, a.maxHR),
			u8(17, cadInt(a.avgCad128)),
			u8(18, cadInt(a.maxCad128)),
			u8(80, cadFrac(a.avgCad128)),
			u8(81, cadFrac(a.maxCad128)),
			enumF(24, l.trigger),
			enumF(25, int64(sport)),
			enumF(39, int64(subSport)),
			u16(77, a.avgVO10),
			u16(78, a.avgPct100),
			u16(79, a.avgGCT10),
			u32(110, a.avgSpeedMM),
			u32(111, a.maxSpeedMM),
			u16(120, a.avgStep10),
		}
		lapMsgs[i] = message{global: mesgLap, local: localLap, fields: fields}
	}
	compact(lapMsgs)

	a := summarize(recs, legStartCM)
	sessionStamp := *t
	if s.SummaryFirst {
		sessionStamp = legStart
	}
	session := []message{{global: mesgSession, local: localSession, fields: []field{
		u32(253, sessionStamp),
		u16(254, int64(legNo)),
		enumF(0, eventSession),
		enumF(1, eventTypeStop),
		u32(2, legStart),
		enumF(5, int64(sport)),
		enumF(6, int64(subSport)),
		u32(7, (*t-legStart)*1000),
		u32(8, a.timerS*1000),
		u32(9, a.distCM),
		u32(10, a.cycles),
		u16(14, a.avgSpeedMM),
		u16(15, a.maxSpeedMM),
		u8(16, a.avgHR),
		u8(17, a.maxHR),
		u8(18, cadInt(a.avgCad128)),
		u8(19, cadInt(a.maxCad128)),
		u16(25, int64(*lapIndex)),
		u16(26, int64(len(laps))),
		enumF(28, sessionTriggerActivityEnd),
		u16(89, a.avgVO10),
		u16(90, a.avgPct100),
		u16(91, a.avgGCT10),
		u8(92, cadFrac(a.avgCad128)),
		u8(93, cadFrac(a.maxCad128)),
		u32(124, a.avgSpeedMM),
		u32(125, a.maxSpeedMM),
		u16(134, a.avgStep10),
	}}}
	compact(session)
	if s.SummaryFirst {
		p.msgs = append(p.msgs, lapMsgs...)
		p.msgs = append(p.msgs, session[0])
	}
	for _, it := range seq {
		switch it.kind {
		case 0:
			p.msgs = append(p.msgs, it.msg)
		case 1:
			p.msgs = append(p.msgs, recMsgs[it.idx])
			if recMsgsB != nil {
				p.msgs = append(p.msgs, recMsgsB[it.idx])
			}
		case 2:
			if !s.SummaryFirst {
				p.msgs = append(p.msgs, lapMsgs[it.idx])
			}
		}
	}
	if !s.SummaryFirst {
		p.msgs = append(p.msgs, session[0])
	}
	*lapIndex += len(laps)

	cadScale := 128.0 / 2 // cad128 → steps per minute
	if !foot {
		cadScale = 128
	}
	return Totals{
		Sport:           sportName(s),
		SubSport:        subSportName(s),
		Start:           time.Unix(legStart+fitEpochUnix, 0).UTC(),
		End:             time.Unix(*t+fitEpochUnix, 0).UTC(),
		ElapsedS:        float64(*t - legStart),
		TimerS:          float64(a.timerS),
		DistanceM:       float64(a.distCM) / 100,
		Records:         len(recs),
		Laps:            len(laps),
		AvgSpeedMPS:     scaled(a.avgSpeedMM, 1000),
		AvgHeartRateBPM: scaled(a.avgHR, 1),
		AvgCadenceSPM:   scaled(a.avgCad128, cadScale),
		AvgGCTms:        scaled(a.avgGCT10, 10),
		AvgVOmm:         scaled(a.avgVO10, 10),
		AvgStepLengthMM: scaled(a.avgStep10, 10),
	}, nil
}

func recordMsg(r rec) message {
	speed16 := r.speedMM
	if speed16 > 65534 {
		speed16 = -1
	}
	return message{global: mesgRecord, local: localRecord, fields: []field{
		u32(253, r.t),
		u32(5, r.distCM),
		u16(6, speed16),
		u32(73, r.speedMM),
		u16(2, r.altQ),
		u32(78, r.altQ),
		u8(3, r.hr),
		u8(4, cadInt(r.cad128)),
		u8(53, cadFrac(r.cad128)),
		u16(41, r.gct10),
		u16(40, r.pct100),
		u16(39, r.vo10),
		u16(85, r.step10),
		u16(84, r.bal100),
		s8(13, r.temp),
	}}
}

// splitRecord splits a record message made by recordMsg into two with the
// same timestamp: distance, speed and altitude; then the rest.
func splitRecord(m message) (a, b message) {
	a = message{global: mesgRecord, local: localRecord}
	b = message{global: mesgRecord, local: localRecordB}
	for _, f := range m.fields {
		switch f.num {
		case 253:
			a.fields = append(a.fields, f)
			b.fields = append(b.fields, f)
		case 5, 6, 73, 2, 78:
			a.fields = append(a.fields, f)
		default:
			b.fields = append(b.fields, f)
		}
	}
	return a, b
}

// positionMsg is a record that carries only a timestamp and a position; n
// moves the position a little each time (semicircles: 2^31 per 180°).
func positionMsg(t int64, n int) message {
	const lat, long = 575000000, 195000000 // about 48.2° N, 16.3° E
	return message{global: mesgRecord, local: localPosition, fields: []field{
		u32(253, t),
		s32(0, lat+int64(n)*30),
		s32(1, long+int64(n)*40),
	}}
}

// agg holds a lap's or session's summary in FIT units; -1 = absent.
type agg struct {
	timerS, distCM, cycles                  int64
	avgSpeedMM, maxSpeedMM                  int64
	avgHR, maxHR                            int64
	avgCad128, maxCad128                    int64
	avgGCT10, avgPct100, avgVO10, avgStep10 int64
}

// summarize weights every record by the seconds it covers.
func summarize(rs []rec, startCM int64) agg {
	a := agg{maxSpeedMM: -1, maxHR: -1, maxCad128: -1}
	type mean struct{ sum, w float64 }
	var hr, cad, gct, pct, vo, step mean
	add := func(m *mean, v, w int64) {
		if v >= 0 {
			m.sum += float64(v) * float64(w)
			m.w += float64(w)
		}
	}
	res := func(m mean) int64 {
		if m.w == 0 {
			return -1
		}
		return int64(math.Round(m.sum / m.w))
	}
	var cycles float64
	last := startCM
	for _, r := range rs {
		a.timerS += r.w
		last = r.distCM
		a.maxSpeedMM = max(a.maxSpeedMM, r.speedMM)
		a.maxHR = max(a.maxHR, r.hr)
		a.maxCad128 = max(a.maxCad128, r.cad128)
		add(&hr, r.hr, r.w)
		add(&cad, r.cad128, r.w)
		add(&gct, r.gct10, r.w)
		add(&pct, r.pct100, r.w)
		add(&vo, r.vo10, r.w)
		add(&step, r.step10, r.w)
		if r.cad128 >= 0 {
			cycles += float64(r.cad128) / 128 * float64(r.w) / 60
		}
	}
	a.distCM = last - startCM
	a.avgSpeedMM = -1
	if a.timerS > 0 {
		a.avgSpeedMM = int64(math.Round(float64(a.distCM) * 10 / float64(a.timerS)))
	}
	if a.maxSpeedMM > 65534 {
		a.maxSpeedMM = -1
	}
	if a.avgSpeedMM > 65534 {
		a.avgSpeedMM = -1
	}
	a.avgHR, a.avgCad128 = res(hr), res(cad)
	a.avgGCT10, a.avgPct100, a.avgVO10, a.avgStep10 = res(gct), res(pct), res(vo), res(step)
	a.cycles = -1
	if cad.w > 0 {
		a.cycles = int64(math.Round(cycles))
	}
	return a
}

func cadInt(c128 int64) int64 {
	if c128 < 0 {
		return -1
	}
	return c128 / 128
}

func cadFrac(c128 int64) int64 {
	if c128 < 0 {
		return -1
	}
	return c128 % 128
}

func scaled(v int64, scale float64) float64 {
	if v < 0 {
		return math.NaN()
	}
	return float64(v) / scale
}

func clamp(v, lo, hi int64) int64 { return min(max(v, lo), hi) }

func roundDiv(v, d int64) int64 { return (v + d/2) / d }

// ---------------------------------------------------------------------------
// The FIT writer.

// FIT base types used here.
const (
	btEnum    = 0x00
	btSint8   = 0x01
	btUint8   = 0x02
	btString  = 0x07
	btUint16  = 0x84
	btUint32  = 0x86
	btUint32z = 0x8C
	btSint32  = 0x85
)

// field is one field of a data message. A negative value means "absent" and
// is written as the base type's invalid value.
type field struct {
	num  uint8
	bt   uint8
	size uint8
	val  int64
	s    string
}

func (f field) invalid() bool {
	if f.bt == btString {
		return f.s == ""
	}
	return f.val < 0
}

func enumF(num uint8, v int64) field { return field{num: num, bt: btEnum, size: 1, val: v} }
func s8(num uint8, v int64) field    { return field{num: num, bt: btSint8, size: 1, val: v} }
func u8(num uint8, v int64) field    { return field{num: num, bt: btUint8, size: 1, val: v} }
func u16(num uint8, v int64) field   { return field{num: num, bt: btUint16, size: 2, val: v} }
func u32(num uint8, v int64) field   { return field{num: num, bt: btUint32, size: 4, val: v} }
func u32z(num uint8, v int64) field  { return field{num: num, bt: btUint32z, size: 4, val: v} }

// s32 is a signed 32-bit field; only non-negative values are written here.
func s32(num uint8, v int64) field { return field{num: num, bt: btSint32, size: 4, val: v} }
func str(num uint8, s string) field {
	return field{num: num, bt: btString, size: uint8(len(s) + 1), s: s}
}

type message struct {
	global uint16
	local  uint8
	fields []field
}

// compact removes the fields that are absent from every message of ms (which
// all share one field layout).
func compact(ms []message) {
	if len(ms) == 0 {
		return
	}
	keep := make([]bool, len(ms[0].fields))
	for _, m := range ms {
		for i, f := range m.fields {
			if !f.invalid() {
				keep[i] = true
			}
		}
	}
	for j := range ms {
		out := ms[j].fields[:0:0]
		for i, f := range ms[j].fields {
			if keep[i] {
				out = append(out, f)
			}
		}
		ms[j].fields = out
	}
}

// bytes lays the messages out as a FIT file: 14-byte header, definition
// messages whenever a local message's layout changes, data messages, CRC.
func (p *plan) bytes() []byte {
	var body bytes.Buffer
	type layout struct {
		global uint16
		defs   string
	}
	var current [16]*layout
	for _, m := range p.msgs {
		var sig []byte
		for _, f := range m.fields {
			sig = append(sig, f.num, f.size, f.bt)
		}
		l := &layout{m.global, string(sig)}
		if c := current[m.local]; c == nil || *c != *l {
			current[m.local] = l
			body.WriteByte(0x40 | m.local) // definition message header
			body.WriteByte(0)              // reserved
			body.WriteByte(0)              // little-endian
			_ = binary.Write(&body, binary.LittleEndian, m.global)
			body.WriteByte(uint8(len(m.fields)))
			body.Write(sig)
		}
		body.WriteByte(m.local)
		for _, f := range m.fields {
			writeValue(&body, f)
		}
	}

	out := make([]byte, 14, 14+body.Len()+2)
	out[0] = 14
	out[1] = 0x20 // protocol 2.0
	binary.LittleEndian.PutUint16(out[2:], 2132)
	binary.LittleEndian.PutUint32(out[4:], uint32(body.Len()))
	copy(out[8:], ".FIT")
	binary.LittleEndian.PutUint16(out[12:], fitCRC(out[:12]))
	out = append(out, body.Bytes()...)
	return binary.LittleEndian.AppendUint16(out, fitCRC(out))
}

func writeValue(b *bytes.Buffer, f field) {
	if f.bt == btString {
		b.WriteString(f.s)
		b.WriteByte(0)
		return
	}
	v := uint64(f.val)
	if f.val < 0 {
		switch f.bt {
		case btUint32z:
			v = 0
		case btSint8:
			v = 0x7F
		default:
			v = math.MaxUint64 // all bits set: 0xFF, 0xFFFF or 0xFFFFFFFF
		}
	}
	switch f.size {
	case 1:
		b.WriteByte(uint8(v))
	case 2:
		_ = binary.Write(b, binary.LittleEndian, uint16(v))
	case 4:
		_ = binary.Write(b, binary.LittleEndian, uint32(v))
	}
}

// fitCRC is the FIT CRC-16 (FIT protocol, "CRC") of data, from muktihari's
// implementation of it.
func fitCRC(data []byte) uint16 {
	h := crc16.New()
	h.Write(data)
	return h.Sum16()
}
