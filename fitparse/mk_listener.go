package fitparse

import (
	"math"
	"time"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/factory"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/profile/untyped/fieldnum"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
	"github.com/muktihari/fit/proto"
)

// mkFactory hands the decoder the FIT profile's field definitions, like
// factory.StandardFactory, but remembers each answer. The standard factory
// allocates a new FieldBase for every field its profile does not name, on
// every message (most of the allocations on 2020s Garmin files, which carry
// many such fields); here each one is allocated once per decode. The decoder
// sets an unknown field's base type, type and array flag from the message
// definition every time before it uses them, and keeps no field beyond the
// message in broadcast-only mode, so sharing the FieldBase is safe. One
// mkFactory serves one decode: it is not safe for concurrent use.
type mkFactory struct {
	lastNum typedef.MesgNum
	last    *[256]*proto.FieldBase
	byMesg  map[typedef.MesgNum]*[256]*proto.FieldBase
}

func (f *mkFactory) CreateField(mesgNum typedef.MesgNum, num byte) proto.Field {
	if f.last == nil || f.lastNum != mesgNum {
		t, ok := f.byMesg[mesgNum]
		if !ok {
			if f.byMesg == nil {
				f.byMesg = make(map[typedef.MesgNum]*[256]*proto.FieldBase)
			}
			t = new([256]*proto.FieldBase)
			f.byMesg[mesgNum] = t
		}
		f.lastNum, f.last = mesgNum, t
	}
	fb := f.last[num]
	if fb == nil {
		fb = factory.StandardFactory().CreateField(mesgNum, num).FieldBase
		f.last[num] = fb
	}
	return proto.Field{FieldBase: fb}
}

// mkListener turns the decoder's messages into the decoded of the sequence
// being read. It implements decoder.MesgListener.
type mkListener struct {
	cur       decoded
	seenFile  bool // a file_id was read in this sequence (the first one counts)
	recordCap int
	csd       compressedSpeedDistance // this sequence's compressed_speed_distance total
}

var _ decoder.MesgListener = (*mkListener)(nil)

// begin starts a new sequence whose data section is dataSize bytes long
// (as far as the input holds it).
func (l *mkListener) begin(dataSize int64) {
	l.cur = decoded{
		FileType:     mkInvalidU8,
		Manufacturer: mkInvalidU16,
		Product:      mkInvalidU16,
		HeightCM:     nan,
	}
	l.seenFile = false
	l.csd = compressedSpeedDistance{}
	// Running files hold about one record per 40–70 bytes of data (measured
	// on the fixtures); reserving for one per 48 bytes saves most regrowth
	// (growing the slice was a tenth of analyze's time before).
	l.recordCap = int(dataSize / 48)
}

// OnMesg handles one decoded message. The message's fields are only valid
// during the call, so everything needed is copied out here.
func (l *mkListener) OnMesg(m proto.Message) {
	switch m.Num {
	case mesgnum.Record:
		l.record(m.Fields)
	case mesgnum.Event:
		l.event(m.Fields)
	case mesgnum.Lap:
		l.lap(m.Fields)
	case mesgnum.Session:
		l.session(m.Fields)
	case mesgnum.Activity:
		l.activity(m.Fields)
	case mesgnum.FileId:
		l.fileID(m.Fields)
	case mesgnum.Sport:
		l.sport(m.Fields)
	case mesgnum.DeviceInfo:
		var st, dt uint8 = mkInvalidU8, mkInvalidU8
		for i := range m.Fields {
			switch f := &m.Fields[i]; f.Num {
			case fieldnum.DeviceInfoSourceType:
				st = f.Value.Uint8()
			case fieldnum.DeviceInfoDeviceType:
				dt = f.Value.Uint8()
			}
		}
		l.cur.deviceSensor(st, dt)
	case mesgnum.UserProfile:
		for i := range m.Fields {
			if f := &m.Fields[i]; f.Num == fieldnum.UserProfileHeight {
				// height is metres with scale 100, so the raw number is cm.
				if h := f.Value.Uint8(); h != mkInvalidU8 {
					l.cur.HeightCM = float64(h)
				}
			}
		}
	}
}

func (l *mkListener) fileID(fields []proto.Field) {
	if l.seenFile {
		return
	}
	l.seenFile = true
	for i := range fields {
		f := &fields[i]
		switch f.Num {
		case fieldnum.FileIdType:
			l.cur.FileType = f.Value.Uint8()
		case fieldnum.FileIdManufacturer:
			l.cur.Manufacturer = f.Value.Uint16()
		case fieldnum.FileIdProduct:
			// For Garmin the profile names this garmin_product; the raw
			// number is the same either way.
			l.cur.Product = f.Value.Uint16()
		case fieldnum.FileIdSerialNumber:
			// uint32z: 0 is its own "invalid"; 0xFFFF_FFFF also means unset.
			if s := f.Value.Uint32z(); s != mkInvalidU32 {
				l.cur.Serial = s
			}
		}
	}
}

// sport keeps the sport of the sequence's first sport message.
func (l *mkListener) sport(fields []proto.Field) {
	if l.cur.HasFileSport {
		return
	}
	for i := range fields {
		if f := &fields[i]; f.Num == fieldnum.SportSport {
			if v := f.Value.Uint8(); v != mkInvalidU8 {
				l.cur.FileSport, l.cur.HasFileSport = v, true
			}
		}
	}
}

func (l *mkListener) activity(fields []proto.Field) {
	for i := range fields {
		f := &fields[i]
		switch f.Num {
		case fieldnum.ActivityTimestamp:
			l.cur.ActivityTime = mkTime(f.Value.Uint32())
		case fieldnum.ActivityLocalTimestamp:
			// Seconds since the FIT epoch on the local wall clock; read as
			// if UTC, so LocalTimestamp − ActivityTime is the UTC offset.
			l.cur.LocalTimestamp = mkTime(f.Value.Uint32())
		}
	}
}

func (l *mkListener) session(fields []proto.Field) {
	v := sessionInvalid
	for i := range fields {
		f := &fields[i]
		switch f.Num {
		case fieldnum.SessionStartTime:
			v[sesStart] = f.Value.Uint32()
		case fieldnum.SessionTimestamp:
			v[sesEnd] = f.Value.Uint32()
		case fieldnum.SessionSport:
			v[sesSport] = uint32(f.Value.Uint8())
		case fieldnum.SessionSubSport:
			v[sesSubSport] = uint32(f.Value.Uint8())
		case fieldnum.SessionTotalTimerTime:
			v[sesTimer] = f.Value.Uint32()
		case fieldnum.SessionTotalElapsedTime:
			v[sesElapsed] = f.Value.Uint32()
		case fieldnum.SessionTotalDistance:
			v[sesDistance] = f.Value.Uint32()
		case fieldnum.SessionAvgSpeed:
			v[sesAvgSpeed] = uint32(f.Value.Uint16())
		case fieldnum.SessionEnhancedAvgSpeed:
			v[sesEnhAvgSpeed] = f.Value.Uint32()
		case fieldnum.SessionAvgHeartRate:
			v[sesHeartRate] = uint32(f.Value.Uint8())
		case fieldnum.SessionAvgCadence:
			v[sesCadence] = uint32(f.Value.Uint8())
		case fieldnum.SessionAvgFractionalCadence:
			v[sesFracCadence] = uint32(f.Value.Uint8())
		case fieldnum.SessionAvgStanceTime:
			v[sesStance] = uint32(f.Value.Uint16())
		case fieldnum.SessionAvgVerticalOscillation:
			v[sesVO] = uint32(f.Value.Uint16())
		case fieldnum.SessionAvgStepLength:
			v[sesStepLength] = uint32(f.Value.Uint16())
		}
	}
	l.addSession(&v)
}

// addSession appends the session whose raw field values (the FIT numbers,
// each its base type's invalid value when absent) are v, indexed by the
// ses* slots. The listener and the fast path (fast.go) both end here.
func (l *mkListener) addSession(v *fieldVals) {
	speed := mkU32(v[sesEnhAvgSpeed], 1000)
	if math.IsNaN(speed) {
		speed = mkU16(uint16(v[sesAvgSpeed]), 1000)
	}
	l.cur.Sessions = append(l.cur.Sessions, session{
		Start:     mkTime(v[sesStart]),
		End:       mkTime(v[sesEnd]),
		Sport:     uint8(v[sesSport]),
		SubSport:  uint8(v[sesSubSport]),
		TimerS:    mkU32(v[sesTimer], 1000),
		ElapsedS:  mkU32(v[sesElapsed], 1000),
		DistanceM: mkU32(v[sesDistance], 100),
		Avg: Averages{
			SpeedMPS:     speed,
			HeartRateBPM: u8(uint8(v[sesHeartRate])),
			CadenceSPM:   cadenceSPM(uint8(v[sesCadence]), uint8(v[sesFracCadence])),
			GCTms:        mkU16(uint16(v[sesStance]), 10),
			VOmm:         mkU16(uint16(v[sesVO]), 10),
			StepLengthMM: mkU16(uint16(v[sesStepLength]), 10),
		},
	})
}

func (l *mkListener) lap(fields []proto.Field) {
	v := lapInvalid
	for i := range fields {
		f := &fields[i]
		switch f.Num {
		case fieldnum.LapSport:
			v[lapSport] = uint32(f.Value.Uint8())
		case fieldnum.LapStartTime:
			v[lapStart] = f.Value.Uint32()
		case fieldnum.LapTimestamp:
			v[lapEnd] = f.Value.Uint32()
		case fieldnum.LapTotalTimerTime:
			v[lapTimer] = f.Value.Uint32()
		case fieldnum.LapTotalElapsedTime:
			v[lapElapsed] = f.Value.Uint32()
		case fieldnum.LapTotalDistance:
			v[lapDistance] = f.Value.Uint32()
		}
	}
	l.addLap(&v)
}

// addLap appends the lap whose raw field values are v (lap* slots).
func (l *mkListener) addLap(v *fieldVals) {
	l.cur.Laps = append(l.cur.Laps, lapMsg{
		Start:     mkTime(v[lapStart]),
		End:       mkTime(v[lapEnd]),
		TimerS:    mkU32(v[lapTimer], 1000),
		ElapsedS:  mkU32(v[lapElapsed], 1000),
		DistanceM: mkU32(v[lapDistance], 100),
		Sport:     uint8(v[lapSport]),
	})
}

func (l *mkListener) event(fields []proto.Field) {
	v := eventInvalid
	for i := range fields {
		f := &fields[i]
		switch f.Num {
		case fieldnum.EventTimestamp:
			v[evTimestamp] = f.Value.Uint32()
		case fieldnum.EventEvent:
			v[evEvent] = uint32(f.Value.Uint8())
		case fieldnum.EventEventType:
			v[evType] = uint32(f.Value.Uint8())
		}
	}
	l.addEvent(&v)
}

// addEvent appends the event whose raw field values are v (ev* slots).
func (l *mkListener) addEvent(v *fieldVals) {
	l.cur.Events = append(l.cur.Events, event{
		T:         mkTime(v[evTimestamp]),
		Event:     uint8(v[evEvent]),
		EventType: uint8(v[evType]),
	})
}

// record appends one Sample. Component expansion is off (decodeMuktihari),
// so speed and altitude arrive as the watch wrote them, in either width, and
// enhanced_speed or enhanced_altitude only when the watch wrote those; the
// decoder turns compressed-timestamp headers into an ordinary timestamp field.
// compressed_speed_distance arrives as its raw bytes (the profile declares it
// a byte array) and is decoded by addRecord.
func (l *mkListener) record(fields []proto.Field) {
	v := recordInvalid
	var csd []byte
	for i := range fields {
		f := &fields[i]
		switch f.Num {
		case fieldnum.RecordTimestamp:
			v[recTimestamp] = f.Value.Uint32()
		case fieldnum.RecordDistance:
			v[recDistance] = f.Value.Uint32()
		case fieldnum.RecordSpeed:
			v[recSpeed] = uint32(f.Value.Uint16())
		case fieldnum.RecordEnhancedSpeed:
			v[recEnhSpeed] = f.Value.Uint32()
		case fieldnum.RecordAltitude:
			v[recAltitude] = uint32(f.Value.Uint16())
		case fieldnum.RecordEnhancedAltitude:
			v[recEnhAltitude] = f.Value.Uint32()
		case fieldnum.RecordHeartRate:
			v[recHeartRate] = uint32(f.Value.Uint8())
		case fieldnum.RecordCadence:
			v[recCadence] = uint32(f.Value.Uint8())
		case fieldnum.RecordFractionalCadence:
			v[recFracCadence] = uint32(f.Value.Uint8())
		case fieldnum.RecordStanceTime:
			v[recStance] = uint32(f.Value.Uint16())
		case fieldnum.RecordStanceTimePercent:
			v[recStancePct] = uint32(f.Value.Uint16())
		case fieldnum.RecordVerticalOscillation:
			v[recVO] = uint32(f.Value.Uint16())
		case fieldnum.RecordStanceTimeBalance:
			v[recBalance] = uint32(f.Value.Uint16())
		case fieldnum.RecordTemperature:
			v[recTemperature] = uint32(uint8(f.Value.Int8()))
		case fieldnum.RecordCompressedSpeedDistance:
			csd = f.Value.SliceUint8() // nil unless it decoded as a byte array
		}
	}
	l.addRecord(&v, csd)
}

// addRecord appends the Sample whose raw field values are v (rec* slots;
// temperature is the sint8's byte) and whose compressed_speed_distance
// bytes are csd (nil when absent). Its speed and distance are used only
// where the record has no speed or distance field of its own.
func (l *mkListener) addRecord(v *fieldVals, csd []byte) {
	ts, dist := v[recTimestamp], v[recDistance]
	speed, enhSpeed := uint16(v[recSpeed]), v[recEnhSpeed]
	// The running distance advances with every record that carries the
	// field, placed in a run or not.
	cSpeed, cDist, hasCSD := l.csd.next(csd)
	// Without a time the sample cannot be placed in a run. A raw 0 (the FIT
	// epoch itself) is no real recording time either.
	if ts == mkInvalidU32 || ts == 0 {
		return
	}
	s := Sample{
		T:            mkTime(ts),
		DistanceM:    mkU32(dist, 100),
		SpeedMPS:     mkU32(enhSpeed, 1000),
		HeartRateBPM: u8(uint8(v[recHeartRate])),
		CadenceSPM:   cadenceSPM(uint8(v[recCadence]), uint8(v[recFracCadence])),
		// Watches write 0 contact time, stance % or oscillation when the
		// sensor measured nothing (standing still, no pod), so 0 is missing.
		GCTms:        positive(mkU16(uint16(v[recStance]), 10)),
		GCTPercent:   positive(mkU16(uint16(v[recStancePct]), 100)),
		VOmm:         positive(mkU16(uint16(v[recVO]), 10)),
		AltitudeM:    nan,
		TemperatureC: nan,
		// stance_time_balance: the left foot's share of contact time.
		StanceBalanceLeftPct: stanceBalance(uint16(v[recBalance])),
	}
	if math.IsNaN(s.SpeedMPS) {
		s.SpeedMPS = mkU16(speed, 1000)
	}
	if hasCSD {
		if speed == mkInvalidU16 && enhSpeed == mkInvalidU32 {
			s.SpeedMPS = cSpeed
		}
		if dist == mkInvalidU32 {
			s.DistanceM = cDist
		}
	}
	// altitude: metres = raw/5 − 500 (scale 5, offset 500), both widths.
	if enhAlt, alt := v[recEnhAltitude], uint16(v[recAltitude]); enhAlt != mkInvalidU32 {
		s.AltitudeM = float64(enhAlt)/5 - 500
	} else if alt != mkInvalidU16 {
		s.AltitudeM = float64(alt)/5 - 500
	}
	if temp := int8(uint8(v[recTemperature])); temp != mkInvalidS8 {
		s.TemperatureC = float64(temp)
	}
	if l.cur.Records == nil {
		l.cur.Records = make([]Sample, 0, max(l.recordCap, 16))
	}
	l.cur.Records = append(l.cur.Records, s)
}

// mkTime converts a FIT date_time (seconds since the FIT epoch) to UTC; the
// invalid value and 0 give the zero time.
func mkTime(raw uint32) time.Time {
	if raw == mkInvalidU32 || raw == 0 {
		return time.Time{}
	}
	return time.Unix(fitEpochUnix+int64(raw), 0).UTC()
}

// mkU16 returns raw/scale, NaN when raw is the uint16 invalid value.
func mkU16(raw uint16, scale float64) float64 {
	if raw == mkInvalidU16 {
		return nan
	}
	return float64(raw) / scale
}

// mkU32 returns raw/scale, NaN when raw is the uint32 invalid value.
func mkU32(raw uint32, scale float64) float64 {
	if raw == mkInvalidU32 {
		return nan
	}
	return float64(raw) / scale
}
