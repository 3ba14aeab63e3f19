package synth

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	mdecoder "github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/filedef"
	"github.com/tormoder/fit"
)

var (
	nan     = math.NaN()
	testDay = time.Date(2026, 11, 2, 6, 10, 0, 0, time.UTC)
)

func goodForm(minutes float64) Spec {
	return Spec{
		Start:        testDay,
		UTCOffset:    time.Hour,
		Segments:     []Segment{{DurationS: minutes * 60, SpeedMPS: 3.0, CadenceSPM: 172, GCTms: 245, VOmm: 80}},
		Seed:         1,
		HeartRateBPM: 148,
		HeightCM:     178,
	}
}

func encode(t *testing.T, legs ...Spec) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := EncodeMultisport(&b, legs); err != nil {
		t.Fatalf("encode: %v", err)
	}
	return b.Bytes()
}

func decode(t *testing.T, b []byte) (*fit.File, *fit.ActivityFile) {
	t.Helper()
	f, err := fit.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("tormoder decode: %v", err)
	}
	a, err := f.Activity()
	if err != nil {
		t.Fatalf("not an activity file: %v", err)
	}
	return f, a
}

// Decoded record values in plain units; NaN when the field is invalid.
func spm(r *fit.RecordMsg) float64 {
	if r.Cadence == 0xFF {
		return nan
	}
	frac := 0.0
	if r.FractionalCadence != 0xFF {
		frac = float64(r.FractionalCadence) / 128
	}
	return 2 * (float64(r.Cadence) + frac)
}

func gct(r *fit.RecordMsg) float64 { return r.GetStanceTimeScaled() }
func vo(r *fit.RecordMsg) float64  { return r.GetVerticalOscillationScaled() }
func mps(r *fit.RecordMsg) float64 { return r.GetSpeedScaled() }

// weights returns the seconds each record covers, worked out from the
// timestamps and the timer events: the time since the previous record or
// since the timer last (re)started, whichever is later.
func weights(t *testing.T, a *fit.ActivityFile) []float64 {
	t.Helper()
	var starts []time.Time
	for _, e := range a.Events {
		if e.Event == fit.EventTimer && e.EventType == fit.EventTypeStart {
			starts = append(starts, e.Timestamp)
		}
	}
	if len(starts) == 0 {
		t.Fatal("no timer start event")
	}
	w := make([]float64, len(a.Records))
	var prev time.Time
	for i, r := range a.Records {
		from := prev
		for _, s := range starts {
			if !s.After(r.Timestamp) && s.After(from) {
				from = s
			}
		}
		w[i] = r.Timestamp.Sub(from).Seconds()
		if w[i] <= 0 {
			t.Fatalf("record %d at %v covers %v s", i, r.Timestamp, w[i])
		}
		prev = r.Timestamp
	}
	return w
}

func weightedMean(vals, w []float64) float64 {
	var s, sw float64
	for i, v := range vals {
		if !math.IsNaN(v) {
			s += v * w[i]
			sw += w[i]
		}
	}
	return s / sw
}

func mean(vals []float64) float64 {
	return weightedMean(vals, slices.Repeat([]float64{1}, len(vals)))
}

func column(rs []*fit.RecordMsg, f func(*fit.RecordMsg) float64) []float64 {
	out := make([]float64, len(rs))
	for i, r := range rs {
		out[i] = f(r)
	}
	return out
}

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(got) || math.Abs(got-want) > tol {
		t.Errorf("%s = %.4f, want %.4f ± %.4f", what, got, want, tol)
	}
}

// definitions walks a FIT file and returns, per global message number, the
// field numbers of every definition message, so tests can tell a field that
// is absent from the file from one written with its invalid value.
func definitions(t *testing.T, b []byte) map[uint16][][]uint8 {
	t.Helper()
	if len(b) < 16 || b[0] != 14 || string(b[8:12]) != ".FIT" {
		t.Fatal("bad FIT header")
	}
	size := int(binary.LittleEndian.Uint32(b[4:]))
	data := b[14 : 14+size]
	out := map[uint16][][]uint8{}
	var sizes [16]int
	for i := 0; i < len(data); {
		h := data[i]
		i++
		local := h & 0x0F
		if h&0x80 != 0 {
			t.Fatal("compressed timestamp header: not written by synth")
		}
		if h&0x40 != 0 {
			global := binary.LittleEndian.Uint16(data[i+2:])
			n := int(data[i+4])
			i += 5
			var nums []uint8
			total := 0
			for k := 0; k < n; k++ {
				nums = append(nums, data[i])
				total += int(data[i+1])
				i += 3
			}
			out[global] = append(out[global], nums)
			sizes[local] = total
			continue
		}
		i += sizes[local]
	}
	return out
}

func TestRecordsCarryTheChosenForm(t *testing.T) {
	s := goodForm(10)
	b := encode(t, s)
	f, a := decode(t, b)

	if f.FileId.Type != fit.FileTypeActivity || f.FileId.Manufacturer != fit.ManufacturerDevelopment ||
		f.FileId.SerialNumber != SerialNumber || !f.FileId.TimeCreated.Equal(testDay) {
		t.Errorf("file_id = %+v", f.FileId)
	}
	if len(a.DeviceInfos) != 1 || a.DeviceInfos[0].Manufacturer != fit.ManufacturerDevelopment {
		t.Errorf("device_info = %+v", a.DeviceInfos)
	}
	if len(a.Records) != 600 {
		t.Fatalf("%d records, want 600", len(a.Records))
	}
	q := 1.0 / 64 // one 1/128 stride step, in steps per minute
	for i, r := range a.Records {
		if want := testDay.Add(time.Duration(i+1) * time.Second); !r.Timestamp.Equal(want) {
			t.Fatalf("record %d at %v, want %v", i, r.Timestamp, want)
		}
		near(t, "cadence", spm(r), 172, JitterCadenceSPM+q)
		near(t, "stance time", gct(r), 245, JitterGCTms+0.05)
		near(t, "vertical oscillation", vo(r), 80, JitterVOmm+0.05)
		near(t, "speed", mps(r), 3.0, JitterSpeedMPS+0.0005)
		near(t, "heart rate", float64(r.HeartRate), 148, JitterHeartRateBPM+0.5)
		near(t, "stance time %", r.GetStanceTimePercentScaled(), gct(r)*spm(r)/1200, 0.01)
		near(t, "altitude", r.GetAltitudeScaled(), AltitudeM, 1.5+0.2)
		if i > 0 {
			step := r.GetDistanceScaled() - a.Records[i-1].GetDistanceScaled()
			near(t, "distance step", step, mps(r), 0.011)
		}
	}
	// Jitter averages out: the means sit on the targets.
	near(t, "mean cadence", mean(column(a.Records, spm)), 172, 0.2)
	near(t, "mean stance time", mean(column(a.Records, gct)), 245, 0.5)
	near(t, "mean VO", mean(column(a.Records, vo)), 80, 0.4)
	near(t, "mean speed", mean(column(a.Records, mps)), 3.0, 0.006)

	if len(a.Sessions) != 1 || a.Sessions[0].Sport != fit.SportRunning || a.Sessions[0].SubSport != fit.SubSportGeneric {
		t.Fatalf("sessions = %+v", a.Sessions)
	}
	if a.Activity == nil || a.Activity.NumSessions != 1 || a.Activity.Type != fit.ActivityModeManual {
		t.Fatalf("activity = %+v", a.Activity)
	}
	// tormoder returns local_timestamp as the activity's instant in a fixed
	// zone whose offset is local minus UTC.
	if _, off := a.Activity.LocalTimestamp.Zone(); off != 3600 || !a.Activity.LocalTimestamp.Equal(a.Activity.Timestamp) {
		t.Errorf("local_timestamp %v (offset %d s), timestamp %v; want offset 3600 s", a.Activity.LocalTimestamp, off, a.Activity.Timestamp)
	}

	defs := definitions(t, b)
	if len(defs[mesgRecord]) != 1 {
		t.Fatalf("%d record definitions, want 1", len(defs[mesgRecord]))
	}
	for _, num := range []uint8{253, 5, 6, 73, 2, 78, 3, 4, 53, 41, 40, 39, 85} {
		if !slices.Contains(defs[mesgRecord][0], num) {
			t.Errorf("record definition lacks field %d", num)
		}
	}
	if len(defs[mesgUserProfile]) != 1 {
		t.Errorf("want one user_profile definition, got %v", defs[mesgUserProfile])
	}
}

// The second decoder reads what tormoder v0.15 does not: enhanced_speed as
// written, step length and the user profile.
func TestMuktihariReadsTheSameFile(t *testing.T) {
	s := goodForm(5)
	s.SubSport = "treadmill"
	b := encode(t, s)
	dec := mdecoder.New(bytes.NewReader(b))
	m, err := dec.Decode()
	if err != nil {
		t.Fatalf("muktihari decode: %v", err)
	}
	act := filedef.NewActivity(m.Messages...)
	if act.UserProfile == nil || act.UserProfile.Height != 178 {
		t.Errorf("user_profile = %+v, want height 1.78 m", act.UserProfile)
	}
	if len(act.Records) != 300 {
		t.Fatalf("%d records, want 300", len(act.Records))
	}
	for i, r := range act.Records {
		if r.EnhancedSpeed != uint32(r.Speed) || r.Speed == 0xFFFF {
			t.Fatalf("record %d: speed %d, enhanced_speed %d", i, r.Speed, r.EnhancedSpeed)
		}
		if r.EnhancedAltitude != uint32(r.Altitude) || r.AltitudeScaled() != AltitudeM {
			t.Fatalf("record %d: treadmill altitude %v (enhanced %d)", i, r.AltitudeScaled(), r.EnhancedAltitude)
		}
		cadSPM := 2 * (float64(r.Cadence) + float64(r.FractionalCadence)/128)
		want := float64(r.Speed) / (cadSPM / 60) // mm per step
		near(t, "step length", r.StepLengthScaled(), want, 0.06)
	}
	if len(act.Sessions) != 1 || act.Sessions[0].AvgStepLength == 0xFFFF {
		t.Fatalf("session avg_step_length missing: %+v", act.Sessions)
	}
	near(t, "avg step length", act.Sessions[0].AvgStepLengthScaled(), 3000/(172.0/60), 6)
	if got := act.Sessions[0].SubSport.String(); got != "treadmill" {
		t.Errorf("sub_sport = %s", got)
	}
	if act.Activity == nil || act.Activity.LocalTimestamp.Sub(act.Activity.Timestamp) != time.Hour {
		t.Errorf("activity = %+v", act.Activity)
	}
}

func walkBreaks() Spec {
	run := Segment{DurationS: 300, SpeedMPS: 2.9, CadenceSPM: 170, GCTms: 250, VOmm: 82}
	walk := Segment{DurationS: 60, SpeedMPS: 1.4, CadenceSPM: 110, GCTms: nan, VOmm: nan}
	return Spec{
		Start:        testDay,
		Segments:     []Segment{run, walk, run, {DurationS: 90, Paused: true}, run, walk, {DurationS: 200, SpeedMPS: 2.9, CadenceSPM: 170, GCTms: 250, VOmm: 82}},
		Seed:         7,
		HeartRateBPM: 140,
		RecordEveryS: 3, // 200 s is not a multiple: the segment's last record covers 2 s
	}
}

func TestPauseIsTimerStopStartWithoutRecords(t *testing.T) {
	_, a := decode(t, encode(t, walkBreaks()))
	pauseStart := testDay.Add((300 + 60 + 300) * time.Second)
	pauseEnd := pauseStart.Add(90 * time.Second)
	end := pauseEnd.Add((300 + 60 + 200) * time.Second)

	type ev struct {
		at  time.Time
		typ fit.EventType
	}
	var got []ev
	for _, e := range a.Events {
		if e.Event != fit.EventTimer {
			t.Errorf("unexpected event %v", e.Event)
		}
		got = append(got, ev{e.Timestamp, e.EventType})
	}
	want := []ev{
		{testDay, fit.EventTypeStart},
		{pauseStart, fit.EventTypeStop},
		{pauseEnd, fit.EventTypeStart},
		{end, fit.EventTypeStopAll},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("timer events\n got %v\nwant %v", got, want)
	}
	for _, r := range a.Records {
		if r.Timestamp.After(pauseStart) && !r.Timestamp.After(pauseEnd) {
			t.Errorf("record at %v inside the pause", r.Timestamp)
		}
	}
	sess := a.Sessions[0]
	near(t, "elapsed", sess.GetTotalElapsedTimeScaled(), end.Sub(testDay).Seconds(), 0)
	near(t, "timer", sess.GetTotalTimerTimeScaled(), end.Sub(testDay).Seconds()-90, 0)
}

func TestWalkBreakRecordsHaveNoDynamics(t *testing.T) {
	b := encode(t, walkBreaks())
	_, a := decode(t, b)
	walkFrom := testDay.Add(300 * time.Second)
	walkTo := walkFrom.Add(60 * time.Second)
	var walking, running int
	for _, r := range a.Records {
		if r.Timestamp.After(walkFrom) && !r.Timestamp.After(walkTo) {
			walking++
			near(t, "walk cadence", spm(r), 110, JitterCadenceSPM+1.0/64)
			near(t, "walk speed", mps(r), 1.4, JitterSpeedMPS+0.0005)
			if r.StanceTime != 0xFFFF || r.VerticalOscillation != 0xFFFF || r.StanceTimePercent != 0xFFFF {
				t.Errorf("walk record at %v has dynamics %d/%d/%d", r.Timestamp, r.StanceTime, r.VerticalOscillation, r.StanceTimePercent)
			}
		} else if r.Timestamp.Before(walkFrom) {
			running++
			if r.StanceTime == 0xFFFF || r.VerticalOscillation == 0xFFFF {
				t.Errorf("run record at %v lacks dynamics", r.Timestamp)
			}
		}
	}
	if walking != 20 || running != 99 {
		t.Errorf("%d walking and %d early running records, want 20 and 99", walking, running)
	}
	// The fields stay in the definition: walking records carry invalid values.
	if defs := definitions(t, b)[mesgRecord]; !slices.Contains(defs[0], 41) {
		t.Errorf("record definition %v lacks stance_time", defs)
	}
}

func TestFatigueLowersCadenceInTheLastThird(t *testing.T) {
	s := goodForm(30)
	s.FatigueFrom = 0.6
	s.FatigueCadenceDropSPM = 12
	s.FatigueGCTRiseMS = 35
	_, a := decode(t, encode(t, s))
	n := len(a.Records)
	if n != 1800 {
		t.Fatalf("%d records", n)
	}
	cad, g := column(a.Records, spm), column(a.Records, gct)
	// The ramp is linear from 60 % to 100 %, so over the last third
	// (66.7 %..100 %) it averages (0.8333 - 0.6) / 0.4 = 0.583 of the drop.
	near(t, "first third cadence", mean(cad[:n/3]), 172, 0.2)
	near(t, "first 60% cadence", mean(cad[:n*6/10]), 172, 0.2)
	near(t, "last third cadence", mean(cad[2*n/3:]), 172-12*0.5833, 0.25)
	near(t, "last minute cadence", mean(cad[n-60:]), 172-12*(1-30.0/1800/0.4), 0.5)
	near(t, "first third stance", mean(g[:n/3]), 245, 0.5)
	near(t, "last third stance", mean(g[2*n/3:]), 245+35*0.5833, 0.6)

	// Without fatigue the same seed keeps the cadence up to the end.
	s.FatigueFrom = 0
	_, a = decode(t, encode(t, s))
	near(t, "no-fatigue last third cadence", mean(column(a.Records, spm)[2*n/3:]), 172, 0.2)
}

func TestMissingFieldsAreLeftOutOrInvalid(t *testing.T) {
	t.Run("no dynamics, no heart rate", func(t *testing.T) {
		s := goodForm(5)
		s.Segments[0].GCTms, s.Segments[0].VOmm = nan, 0
		s.HeartRateBPM = 0
		b := encode(t, s)
		_, a := decode(t, b)
		for _, r := range a.Records {
			if r.StanceTime != 0xFFFF || r.StanceTimePercent != 0xFFFF || r.VerticalOscillation != 0xFFFF || r.HeartRate != 0xFF {
				t.Fatalf("record %+v carries a value that was not recorded", r)
			}
			if r.Cadence == 0xFF || r.Cadence == 0 {
				t.Fatalf("record lacks cadence")
			}
		}
		sess := a.Sessions[0]
		if sess.AvgStanceTime != 0xFFFF || sess.AvgVerticalOscillation != 0xFFFF || sess.AvgHeartRate != 0xFF {
			t.Errorf("session invents averages: %d %d %d", sess.AvgStanceTime, sess.AvgVerticalOscillation, sess.AvgHeartRate)
		}
		def := definitions(t, b)[mesgRecord][0]
		for _, num := range []uint8{3, 39, 40, 41, 85} {
			if slices.Contains(def, num) {
				t.Errorf("record definition %v has field %d", def, num)
			}
		}
	})
	t.Run("no cadence", func(t *testing.T) {
		s := goodForm(5)
		s.NoCadence = true
		s.Segments[0].GCTms, s.Segments[0].VOmm = nan, nan
		b := encode(t, s)
		_, a := decode(t, b)
		for _, r := range a.Records {
			if r.Cadence != 0xFF || r.FractionalCadence != 0xFF {
				t.Fatalf("record has cadence %d/%d", r.Cadence, r.FractionalCadence)
			}
		}
		sess := a.Sessions[0]
		if sess.AvgCadence != 0xFF || sess.AvgFractionalCadence != 0xFF || sess.TotalCycles != 0xFFFFFFFF {
			t.Errorf("session cadence %d/%d, cycles %d", sess.AvgCadence, sess.AvgFractionalCadence, sess.TotalCycles)
		}
		def := definitions(t, b)[mesgRecord][0]
		if slices.Contains(def, 4) || slices.Contains(def, 53) {
			t.Errorf("record definition %v has cadence", def)
		}
	})
}

func TestSessionAndLapsMatchRecords(t *testing.T) {
	for name, s := range map[string]Spec{"good form": goodForm(12), "walk breaks": walkBreaks()} {
		t.Run(name, func(t *testing.T) {
			_, a := decode(t, encode(t, s))
			w := weights(t, a)
			sess := a.Sessions[0]
			timer := 0.0
			for _, x := range w {
				timer += x
			}
			near(t, "timer", sess.GetTotalTimerTimeScaled(), timer, 0)
			last := a.Records[len(a.Records)-1]
			near(t, "distance", sess.GetTotalDistanceScaled(), last.GetDistanceScaled(), 0)
			near(t, "avg speed", sess.GetAvgSpeedScaled(), weightedMean(column(a.Records, mps), w), 0.0015)
			near(t, "enhanced avg speed", sess.GetEnhancedAvgSpeedScaled(), sess.GetAvgSpeedScaled(), 0)
			sessCad := 2 * (float64(sess.AvgCadence) + float64(sess.AvgFractionalCadence)/128)
			near(t, "avg cadence", sessCad, weightedMean(column(a.Records, spm), w), 1.0/128)
			near(t, "avg stance time", sess.GetAvgStanceTimeScaled(), weightedMean(column(a.Records, gct), w), 0.051)
			near(t, "avg VO", sess.GetAvgVerticalOscillationScaled(), weightedMean(column(a.Records, vo), w), 0.051)
			hr := column(a.Records, func(r *fit.RecordMsg) float64 { return float64(r.HeartRate) })
			near(t, "avg heart rate", float64(sess.AvgHeartRate), weightedMean(hr, w), 0.5)
			maxSpeed := slices.Max(column(a.Records, mps))
			near(t, "max speed", sess.GetMaxSpeedScaled(), maxSpeed, 0)

			// Laps partition the session.
			if int(sess.NumLaps) != len(a.Laps) || sess.FirstLapIndex != 0 {
				t.Fatalf("session says %d laps from %d, file has %d", sess.NumLaps, sess.FirstLapIndex, len(a.Laps))
			}
			wantLaps := int(math.Ceil(sess.GetTotalDistanceScaled() / 1000))
			if len(a.Laps) != wantLaps {
				t.Errorf("%d laps for %.0f m, want %d", len(a.Laps), sess.GetTotalDistanceScaled(), wantLaps)
			}
			var lapDist, lapTimer, lapElapsed float64
			prevEnd := sess.StartTime
			for i, l := range a.Laps {
				if !l.StartTime.Equal(prevEnd) {
					t.Errorf("lap %d starts %v, previous ended %v", i, l.StartTime, prevEnd)
				}
				prevEnd = l.Timestamp
				d := l.GetTotalDistanceScaled()
				if i < len(a.Laps)-1 {
					if l.LapTrigger != fit.LapTriggerDistance {
						t.Errorf("lap %d trigger %v", i, l.LapTrigger)
					}
					// A lap closes at the first record past the next whole km.
					km := math.Floor(lapDist/1000 + 1)
					if lapDist+d < km*1000 || lapDist+d > km*1000+3*3.1 {
						t.Errorf("lap %d ends at %.2f m", i, lapDist+d)
					}
				} else if l.LapTrigger != fit.LapTriggerSessionEnd {
					t.Errorf("last lap trigger %v", l.LapTrigger)
				}
				lapDist += d
				lapTimer += l.GetTotalTimerTimeScaled()
				lapElapsed += l.GetTotalElapsedTimeScaled()
			}
			near(t, "sum of lap distances", lapDist, sess.GetTotalDistanceScaled(), 0.001)
			near(t, "sum of lap timers", lapTimer, timer, 0)
			near(t, "sum of lap elapsed", lapElapsed, sess.GetTotalElapsedTimeScaled(), 0)
			if !prevEnd.Equal(sess.Timestamp) {
				t.Errorf("last lap ends %v, session %v", prevEnd, sess.Timestamp)
			}
			near(t, "activity timer", a.Activity.GetTotalTimerTimeScaled(), timer, 0)

			// Describe reports what was written.
			d, err := Describe(s)
			if err != nil {
				t.Fatal(err)
			}
			near(t, "Describe distance", d[0].DistanceM, sess.GetTotalDistanceScaled(), 0)
			near(t, "Describe cadence", d[0].AvgCadenceSPM, sessCad, 0)
			near(t, "Describe stance", d[0].AvgGCTms, sess.GetAvgStanceTimeScaled(), 0)
			if d[0].Records != len(a.Records) || d[0].Laps != len(a.Laps) {
				t.Errorf("Describe: %d records, %d laps", d[0].Records, d[0].Laps)
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	a, b := encode(t, walkBreaks()), encode(t, walkBreaks())
	if !bytes.Equal(a, b) {
		t.Fatal("same Spec, different bytes")
	}
	s := walkBreaks()
	s.Seed++
	if bytes.Equal(a, encode(t, s)) {
		t.Fatal("a different seed gave the same bytes")
	}
}

func TestMultisport(t *testing.T) {
	bike := Spec{
		Start:        testDay,
		Sport:        "cycling",
		SubSport:     "road",
		Segments:     []Segment{{DurationS: 600, SpeedMPS: 7.5, CadenceSPM: 88, GCTms: nan, VOmm: nan}},
		Seed:         3,
		HeartRateBPM: 135,
		HeightCM:     178,
	}
	tr := Spec{Sport: "transition", Segments: []Segment{{DurationS: 60, SpeedMPS: 1.2, CadenceSPM: nan}}}
	run := goodForm(10)
	run.Start = time.Time{}
	b := encode(t, bike, tr, run)
	_, a := decode(t, b)
	if len(a.Sessions) != 3 || a.Activity.NumSessions != 3 || a.Activity.Type != fit.ActivityModeAutoMultiSport {
		t.Fatalf("%d sessions, activity %+v", len(a.Sessions), a.Activity)
	}
	wantSports := []fit.Sport{fit.SportCycling, fit.SportTransition, fit.SportRunning}
	for i, s := range a.Sessions {
		if s.Sport != wantSports[i] || int(s.MessageIndex) != i {
			t.Errorf("session %d: sport %v, index %d", i, s.Sport, s.MessageIndex)
		}
		if i > 0 && !s.StartTime.Equal(a.Sessions[i-1].Timestamp) {
			t.Errorf("session %d starts %v, previous ended %v", i, s.StartTime, a.Sessions[i-1].Timestamp)
		}
	}
	lapStart := 0
	for i, s := range a.Sessions {
		if int(s.FirstLapIndex) != lapStart {
			t.Errorf("session %d first lap %d, want %d", i, s.FirstLapIndex, lapStart)
		}
		lapStart += int(s.NumLaps)
	}
	if lapStart != len(a.Laps) {
		t.Errorf("sessions claim %d laps, file has %d", lapStart, len(a.Laps))
	}
	bikeEnd := a.Sessions[0].Timestamp
	runStart := a.Sessions[2].StartTime
	var bikeRecs, runRecs []*fit.RecordMsg
	for _, r := range a.Records {
		switch {
		case !r.Timestamp.After(bikeEnd):
			bikeRecs = append(bikeRecs, r)
		case r.Timestamp.After(runStart):
			runRecs = append(runRecs, r)
		}
	}
	if len(bikeRecs) != 600 || len(runRecs) != 600 {
		t.Fatalf("%d bike and %d run records", len(bikeRecs), len(runRecs))
	}
	for _, r := range bikeRecs {
		// Pedal cadence is stored as is, not halved.
		near(t, "bike cadence", float64(r.Cadence)+float64(r.FractionalCadence)/128, 88, JitterCadenceSPM+1.0/128)
		if r.StanceTime != 0xFFFF {
			t.Fatal("bike record has stance time")
		}
	}
	near(t, "run cadence", mean(column(runRecs, spm)), 172, 0.25)
	// Distance keeps counting across sessions.
	if d0 := runRecs[0].GetDistanceScaled(); d0 < a.Sessions[0].GetTotalDistanceScaled() {
		t.Errorf("first run record at %.1f m, bike covered %.1f m", d0, a.Sessions[0].GetTotalDistanceScaled())
	}
	// The cycling and running records use different definitions.
	if n := len(definitions(t, b)[mesgRecord]); n != 3 {
		t.Errorf("%d record definitions, want 3 (bike, transition, run)", n)
	}
}

func TestChainedFilesDecode(t *testing.T) {
	one := goodForm(3)
	two := goodForm(4)
	two.Start = testDay.Add(10 * time.Hour)
	b := append(encode(t, one), encode(t, two)...)
	files, err := fit.DecodeChained(bytes.NewReader(b))
	if err != nil || len(files) != 2 {
		t.Fatalf("%d files, err %v", len(files), err)
	}
	a, _ := files[1].Activity()
	if len(a.Records) != 240 || !a.Sessions[0].StartTime.Equal(two.Start) {
		t.Errorf("second file: %d records from %v", len(a.Records), a.Sessions[0].StartTime)
	}
}

func TestBadSpecsAreErrors(t *testing.T) {
	ok := goodForm(1)
	mod := func(f func(*Spec)) Spec {
		s := ok
		s.Segments = slices.Clone(ok.Segments)
		f(&s)
		return s
	}
	seg := ok.Segments[0]
	pause := Segment{DurationS: 10, Paused: true}
	cases := map[string]Spec{
		"zero start":       mod(func(s *Spec) { s.Start = time.Time{} }),
		"before 1998":      mod(func(s *Spec) { s.Start = time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC) }),
		"after 2126":       mod(func(s *Spec) { s.Start = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC) }),
		"no segments":      mod(func(s *Spec) { s.Segments = nil }),
		"pause first":      mod(func(s *Spec) { s.Segments = []Segment{pause, seg} }),
		"pause last":       mod(func(s *Spec) { s.Segments = []Segment{seg, pause} }),
		"two pauses":       mod(func(s *Spec) { s.Segments = []Segment{seg, pause, pause, seg} }),
		"zero duration":    mod(func(s *Spec) { s.Segments[0].DurationS = 0 }),
		"half second":      mod(func(s *Spec) { s.Segments[0].DurationS = 10.5 }),
		"infinite":         mod(func(s *Spec) { s.Segments[0].DurationS = math.Inf(1) }),
		"NaN speed":        mod(func(s *Spec) { s.Segments[0].SpeedMPS = nan }),
		"negative speed":   mod(func(s *Spec) { s.Segments[0].SpeedMPS = -1 }),
		"huge cadence":     mod(func(s *Spec) { s.Segments[0].CadenceSPM = 1000 }),
		"negative GCT":     mod(func(s *Spec) { s.Segments[0].GCTms = -5 }),
		"huge VO":          mod(func(s *Spec) { s.Segments[0].VOmm = math.Inf(1) }),
		"sport":            mod(func(s *Spec) { s.Sport = "curling" }),
		"sub-sport":        mod(func(s *Spec) { s.SubSport = "moon" }),
		"fatigue from 1":   mod(func(s *Spec) { s.FatigueFrom = 1 }),
		"fatigue NaN drop": mod(func(s *Spec) { s.FatigueFrom, s.FatigueCadenceDropSPM = 0.5, nan }),
		"record every -1":  mod(func(s *Spec) { s.RecordEveryS = -1 }),
		"heart rate 400":   mod(func(s *Spec) { s.HeartRateBPM = 400 }),
		"height 300":       mod(func(s *Spec) { s.HeightCM = 300 }),
		"offset 0.5 s":     mod(func(s *Spec) { s.UTCOffset = 500 * time.Millisecond }),
		"offset 20 h":      mod(func(s *Spec) { s.UTCOffset = 20 * time.Hour }),
		"a week long":      mod(func(s *Spec) { s.Segments[0].DurationS = 8 * 24 * 3600 }),
	}
	for name, s := range cases {
		if err := Encode(&bytes.Buffer{}, s); err == nil {
			t.Errorf("%s: no error", name)
		}
		if _, err := Describe(s); err == nil {
			t.Errorf("%s: Describe gave no error", name)
		}
	}
	if err := Encode(&bytes.Buffer{}, ok); err != nil {
		t.Fatalf("the base spec must be valid: %v", err)
	}
	early := ok
	early.Start = ok.Start.Add(30 * time.Second) // leg 1 lasts 60 s
	if err := EncodeMultisport(&bytes.Buffer{}, []Spec{ok, early}); err == nil {
		t.Error("overlapping legs: no error")
	}
	if err := EncodeMultisport(&bytes.Buffer{}, nil); err == nil {
		t.Error("no legs: no error")
	}
	if err := Encode(nil, ok); err == nil {
		t.Error("nil writer: no error")
	}
	if err := Encode(failWriter{}, ok); err == nil {
		t.Error("failing writer: no error")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// Random specs, valid or not, must give an error or a decodable file.
func TestRandomSpecsNeverPanic(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	// or usually returns a value from good, now and then one from bad.
	or := func(good []float64, bad ...float64) float64 {
		if rng.IntN(15) == 0 {
			return bad[rng.IntN(len(bad))]
		}
		return good[rng.IntN(len(good))]
	}
	encoded := 0
	for i := range 2000 {
		s := Spec{
			Start:                 testDay.Add(time.Duration(rng.IntN(1000)) * time.Hour),
			Sport:                 []string{"", "running", "cycling", "walking", "bogus"}[rng.IntN(5)],
			FatigueFrom:           or([]float64{0, 0.5, 0.99}, 1, -1, nan),
			FatigueCadenceDropSPM: or([]float64{0, 12, -5}, 1e9, nan),
			FatigueGCTRiseMS:      or([]float64{0, 35}, math.Inf(1)),
			NoCadence:             rng.IntN(2) == 0,
			Seed:                  rng.Int64(),
			RecordEveryS:          int(or([]float64{0, 1, 7}, 4000, -2)),
			HeartRateBPM:          or([]float64{0, nan, 150}, 999, -1),
			HeightCM:              or([]float64{0, 178}, 30, nan),
		}
		for range rng.IntN(5) {
			s.Segments = append(s.Segments, Segment{
				DurationS:  or([]float64{1, 59, 600}, 0, -3, 2.5, nan, math.Inf(1)),
				SpeedMPS:   or([]float64{0, 3, 59.99}, 61, -0.1, nan),
				CadenceSPM: or([]float64{0, 172, 489, nan}, 491, -1),
				GCTms:      or([]float64{0, 245, 2999, nan}, 3001, math.Inf(-1)),
				VOmm:       or([]float64{0, 80, 1000, nan}, -2),
				Paused:     rng.IntN(4) == 0,
			})
		}
		var b bytes.Buffer
		if err := Encode(&b, s); err != nil {
			continue
		}
		encoded++
		if _, err := fit.Decode(bytes.NewReader(b.Bytes())); err != nil {
			t.Fatalf("spec %d %+v: encoded but does not decode: %v", i, s, err)
		}
	}
	t.Logf("%d of 2000 random specs were valid", encoded)
	if encoded < 100 {
		t.Errorf("only %d random specs were valid: the test exercises too little", encoded)
	}
}
