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
	var (
		avgSpeed             uint16 = mkInvalidU16
		enhAvgSpeed          uint32 = mkInvalidU32
		cad, frac            uint8  = mkInvalidU8, mkInvalidU8
		timer, elapsed, dist uint32 = mkInvalidU32, mkInvalidU32, mkInvalidU32
		startRaw, endRaw     uint32 = mkInvalidU32, mkInvalidU32
		hr                   uint8  = mkInvalidU8
		stance, vo, stepLen  uint16 = mkInvalidU16, mkInvalidU16, mkInvalidU16
		sport, subSport      uint8  = mkInvalidU8, mkInvalidU8
	)
	for i := range fields {
		f := &fields[i]
		switch f.Num {
		case fieldnum.SessionStartTime:
			startRaw = f.Value.Uint32()
		case fieldnum.SessionTimestamp:
			endRaw = f.Value.Uint32()
		case fieldnum.SessionSport:
			sport = f.Value.Uint8()
		case fieldnum.SessionSubSport:
			subSport = f.Value.Uint8()
		case fieldnum.SessionTotalTimerTime:
			timer = f.Value.Uint32()
		case fieldnum.SessionTotalElapsedTime:
			elapsed = f.Value.Uint32()
		case fieldnum.SessionTotalDistance:
			dist = f.Value.Uint32()
		case fieldnum.SessionAvgSpeed:
			avgSpeed = f.Value.Uint16()
		case fieldnum.SessionEnhancedAvgSpeed:
			enhAvgSpeed = f.Value.Uint32()
		case fieldnum.SessionAvgHeartRate:
			hr = f.Value.Uint8()
		case fieldnum.SessionAvgCadence:
			cad = f.Value.Uint8()
		case fieldnum.SessionAvgFractionalCadence:
			frac = f.Value.Uint8()
		case fieldnum.SessionAvgStanceTime:
			stance = f.Value.Uint16()
		case fieldnum.SessionAvgVerticalOscillation:
			vo = f.Value.Uint16()
		case fieldnum.SessionAvgStepLength:
			stepLen = f.Value.Uint16()
		}
	}
	speed := mkU32(enhAvgSpeed, 1000)
	if math.IsNaN(speed) {
		speed = mkU16(avgSpeed, 1000)
	}
	l.cur.Sessions = append(l.cur.Sessions, session{
		Start:     mkTime(startRaw),
		End:       mkTime(endRaw),
		Sport:     sport,
		SubSport:  subSport,
		TimerS:    mkU32(timer, 1000),
		ElapsedS:  mkU32(elapsed, 1000),
		DistanceM: mkU32(dist, 100),
		Avg: Averages{
			SpeedMPS:     speed,
			HeartRateBPM: u8(hr),
			CadenceSPM:   cadenceSPM(cad, frac),
			GCTms:        mkU16(stance, 10),
			VOmm:         mkU16(vo, 10),
			StepLengthMM: mkU16(stepLen, 10),
		},
	})
}

func (l *mkListener) lap(fields []proto.Field) {
	var startRaw, endRaw, timer, elapsed, dist uint32 = mkInvalidU32, mkInvalidU32, mkInvalidU32, mkInvalidU32, mkInvalidU32
	var sport uint8 = mkInvalidU8
	for i := range fields {
		f := &fields[i]
		switch f.Num {
		case fieldnum.LapSport:
			sport = f.Value.Uint8()
		case fieldnum.LapStartTime:
			startRaw = f.Value.Uint32()
		case fieldnum.LapTimestamp:
			endRaw = f.Value.Uint32()
		case fieldnum.LapTotalTimerTime:
			timer = f.Value.Uint32()
		case fieldnum.LapTotalElapsedTime:
			elapsed = f.Value.Uint32()
		case fieldnum.LapTotalDistance:
			dist = f.Value.Uint32()
		}
	}
	l.cur.Laps = append(l.cur.Laps, lapMsg{
		Start:     mkTime(startRaw),
		End:       mkTime(endRaw),
		TimerS:    mkU32(timer, 1000),
		ElapsedS:  mkU32(elapsed, 1000),
		DistanceM: mkU32(dist, 100),
		Sport:     sport,
	})
}

func (l *mkListener) event(fields []proto.Field) {
	e := event{Event: mkInvalidU8, EventType: mkInvalidU8}
	for i := range fields {
		f := &fields[i]
		switch f.Num {
		case fieldnum.EventTimestamp:
			e.T = mkTime(f.Value.Uint32())
		case fieldnum.EventEvent:
			e.Event = f.Value.Uint8()
		case fieldnum.EventEventType:
			e.EventType = f.Value.Uint8()
		}
	}
	l.cur.Events = append(l.cur.Events, e)
}

// record appends one Sample. Component expansion is off (decodeMuktihari),
// so speed and altitude arrive as the watch wrote them, in either width, and
// enhanced_speed or enhanced_altitude only when the watch wrote those; the
// decoder turns compressed-timestamp headers into an ordinary timestamp field.
// compressed_speed_distance arrives as its raw 3 bytes and is decoded here
// (compressedSpeedDistance); its speed and distance are used only where the
// record has no speed or distance field of its own.
func (l *mkListener) record(fields []proto.Field) {
	var (
		csd                        []byte
		ts, dist, enhSpeed, enhAlt uint32 = mkInvalidU32, mkInvalidU32, mkInvalidU32, mkInvalidU32
		speed, alt                 uint16 = mkInvalidU16, mkInvalidU16
		stance, stancePct, vo      uint16 = mkInvalidU16, mkInvalidU16, mkInvalidU16
		balance                    uint16 = mkInvalidU16
		hr, cad, frac              uint8  = mkInvalidU8, mkInvalidU8, mkInvalidU8
		temp                       int8   = mkInvalidS8
	)
	for i := range fields {
		f := &fields[i]
		switch f.Num {
		case fieldnum.RecordTimestamp:
			ts = f.Value.Uint32()
		case fieldnum.RecordDistance:
			dist = f.Value.Uint32()
		case fieldnum.RecordSpeed:
			speed = f.Value.Uint16()
		case fieldnum.RecordEnhancedSpeed:
			enhSpeed = f.Value.Uint32()
		case fieldnum.RecordAltitude:
			alt = f.Value.Uint16()
		case fieldnum.RecordEnhancedAltitude:
			enhAlt = f.Value.Uint32()
		case fieldnum.RecordHeartRate:
			hr = f.Value.Uint8()
		case fieldnum.RecordCadence:
			cad = f.Value.Uint8()
		case fieldnum.RecordFractionalCadence:
			frac = f.Value.Uint8()
		case fieldnum.RecordStanceTime:
			stance = f.Value.Uint16()
		case fieldnum.RecordStanceTimePercent:
			stancePct = f.Value.Uint16()
		case fieldnum.RecordVerticalOscillation:
			vo = f.Value.Uint16()
		case fieldnum.RecordStanceTimeBalance:
			balance = f.Value.Uint16()
		case fieldnum.RecordTemperature:
			temp = f.Value.Int8()
		case fieldnum.RecordCompressedSpeedDistance:
			csd = f.Value.SliceUint8() // nil unless declared as bytes
		}
	}
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
		HeartRateBPM: u8(hr),
		CadenceSPM:   cadenceSPM(cad, frac),
		// Watches write 0 contact time, stance % or oscillation when the
		// sensor measured nothing (standing still, no pod), so 0 is missing.
		GCTms:        positive(mkU16(stance, 10)),
		GCTPercent:   positive(mkU16(stancePct, 100)),
		VOmm:         positive(mkU16(vo, 10)),
		AltitudeM:    nan,
		TemperatureC: nan,
		// stance_time_balance: the left foot's share of contact time.
		StanceBalanceLeftPct: stanceBalance(balance),
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
	if enhAlt != mkInvalidU32 {
		s.AltitudeM = float64(enhAlt)/5 - 500
	} else if alt != mkInvalidU16 {
		s.AltitudeM = float64(alt)/5 - 500
	}
	if temp != mkInvalidS8 {
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
