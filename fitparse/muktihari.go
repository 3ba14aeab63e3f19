package fitparse

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/kit/hash"
	"github.com/muktihari/fit/kit/hash/crc16"
	"github.com/muktihari/fit/profile/factory"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/profile/untyped/fieldnum"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
	"github.com/muktihari/fit/proto"
)

// errMuktihariPanic marks a panic inside github.com/muktihari/fit that
// decodeMuktihari caught and turned into an error.
var errMuktihariPanic = errors.New("muktihari FIT decoder panicked")

// fitEpochUnix is 1989-12-31T00:00:00Z, the zero of FIT date_time values,
// in Unix seconds (FIT SDK, "Date Time" base type).
const fitEpochUnix = 631065600

// Invalid ("not recorded") markers of the FIT base types used below
// (FIT SDK Profile.xlsx, Types sheet, base type invalid values).
const (
	mkInvalidU8  = 0xFF
	mkInvalidS8  = 0x7F
	mkInvalidU16 = 0xFFFF
	mkInvalidU32 = 0xFFFFFFFF
)

// decodeMuktihari reads every FIT sequence of r (a chained file holds several)
// with github.com/muktihari/fit and returns one decoded per sequence.
//
// Messages are consumed as the decoder produces them (a listener in
// broadcast-only mode), so the library never keeps the whole file in memory.
// When decoding fails part way, the sequences already finished are returned
// together with whatever the failing sequence yielded before the failure, and
// the error; only an unreadable header of the very first sequence gives a nil
// result. Data that ends before a sequence does is reported as
// io.ErrUnexpectedEOF. A header or file CRC mismatch wraps errCRC (the
// sequence's data is still returned). A panic inside the library is turned
// into an error.
func decodeMuktihari(r io.Reader) (out []decoded, err error) {
	l := new(mkListener)
	seq := 0      // 1-based number of the sequence being read
	open := false // l.cur holds a sequence not yet appended to out
	defer func() {
		if p := recover(); p != nil {
			if open {
				out = append(out, l.cur)
			}
			err = fmt.Errorf("FIT sequence %d: %w: %v", max(seq, 1), errMuktihariPanic, p)
		}
	}()

	// muktihari v0.26.1 leaves the file header out of the file CRC when the
	// header carries no CRC of its own (every 12-byte header, and 14-byte
	// headers whose CRC is 0), so it rejects such valid files; fixed upstream
	// in muktihari/fit#641. runlog checks both CRCs itself as the bytes stream
	// past, and turns the library's check off.
	crc := &mkCRCReader{r: r}
	dec := decoder.New(crc,
		decoder.WithFactory(&mkFactory{}),
		decoder.WithMesgListener(l),
		decoder.WithBroadcastOnly(), // messages go to l only; nothing is retained
		decoder.WithIgnoreChecksum(),
		// Component expansion copies speed into enhanced_speed (and altitude
		// into enhanced_altitude) through a float round trip that can lose
		// the last digit (4.012 m/s becomes 4.011); runlog wants the values
		// the watch wrote, and prefers an enhanced field only when the
		// watch wrote one.
		decoder.WithNoComponentExpansion(),
	)
	for dec.Next() {
		seq++
		// Read the header on its own first, so an unreadable header can be
		// told apart from a sequence that broke part way through.
		hdr, herr := dec.PeekFileHeader()
		if herr != nil {
			if seq == 1 {
				return nil, fmt.Errorf("not a readable FIT file: %w", herr)
			}
			if crc.zeroPaddingAt(seq - 1) {
				// Zero bytes after the last sequence are padding some
				// devices and copy tools leave; tormoder ends there too.
				return out, nil
			}
			return out, fmt.Errorf("FIT sequence %d (after %d complete): %w", seq, seq-1, herr)
		}
		l.begin(hdr.DataSize)
		open = true
		_, derr := dec.Decode()
		out = append(out, l.cur)
		open = false
		if derr != nil {
			if errors.Is(derr, io.EOF) {
				// The header promised more data than the input holds: the
				// file was cut short, even when the cut fell between two
				// fields. Say so the way io.ReadFull would.
				return out, fmt.Errorf("FIT sequence %d: data ends early: %w (%w)", seq, io.ErrUnexpectedEOF, derr)
			}
			return out, fmt.Errorf("FIT sequence %d: %w", seq, derr)
		}
		if cerr := crc.check(seq - 1); cerr != nil {
			return out, fmt.Errorf("FIT sequence %d: %w", seq, cerr)
		}
	}
	return out, nil
}

// mkCRCReader passes reads through unchanged while it follows the FIT
// sequences in the stream on its own: for each one it checks the optional
// header CRC (bytes 12–13 of a 14-byte header, 0 meaning "not set") and the
// file CRC after the data, which covers every byte from the start of the
// header to the end of the data (FIT protocol, "File CRC"). It works on the
// raw stream, so the decoder's read-ahead does not matter.
type mkCRCReader struct {
	r io.Reader

	state     int // mkCRCHeader, mkCRCData, mkCRCTrailer or mkCRCDone
	hdr       [14]byte
	hdrLen    int // bytes of hdr filled so far
	remaining uint32
	trailer   [2]byte
	trLen     int
	crc       hash.Hash16

	headerOK []bool // per sequence whose header was seen
	fileOK   []bool // per sequence whose file CRC was seen

	stopLead byte // in mkCRCDone: the byte that could not start a header
	stopSeq  int  // in mkCRCDone: index of the sequence it would have begun
}

const (
	mkCRCHeader = iota
	mkCRCData
	mkCRCTrailer
	mkCRCDone // not a FIT header: stop following the stream
)

func (c *mkCRCReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 {
		c.feed(p[:n])
	}
	return n, err
}

func (c *mkCRCReader) feed(b []byte) {
	for len(b) > 0 {
		switch c.state {
		case mkCRCHeader:
			if c.hdrLen == 0 && b[0] != 12 && b[0] != 14 {
				c.state, c.stopLead, c.stopSeq = mkCRCDone, b[0], len(c.headerOK)
				return
			}
			size := int(c.hdr[0])
			if c.hdrLen == 0 {
				size = int(b[0])
			}
			k := copy(c.hdr[c.hdrLen:size], b)
			c.sum().Write(b[:k])
			c.hdrLen += k
			b = b[k:]
			if c.hdrLen < size {
				return
			}
			ok := true
			if size == 14 {
				if want := binary.LittleEndian.Uint16(c.hdr[12:14]); want != 0 {
					h := crc16.New()
					h.Write(c.hdr[:12])
					ok = h.Sum16() == want
				}
			}
			c.headerOK = append(c.headerOK, ok)
			c.remaining = binary.LittleEndian.Uint32(c.hdr[4:8])
			c.state = mkCRCData
			if c.remaining == 0 {
				c.state = mkCRCTrailer
			}
		case mkCRCData:
			k := uint32(len(b))
			if k > c.remaining {
				k = c.remaining
			}
			c.sum().Write(b[:k])
			c.remaining -= k
			b = b[k:]
			if c.remaining == 0 {
				c.state = mkCRCTrailer
			}
		case mkCRCTrailer:
			k := copy(c.trailer[c.trLen:], b)
			c.trLen += k
			b = b[k:]
			if c.trLen < 2 {
				return
			}
			c.fileOK = append(c.fileOK, c.sum().Sum16() == binary.LittleEndian.Uint16(c.trailer[:]))
			c.crc.Reset()
			c.hdrLen, c.trLen = 0, 0
			c.state = mkCRCHeader
		default:
			return
		}
	}
}

// sum is the running FIT CRC-16 of the current sequence.
func (c *mkCRCReader) sum() hash.Hash16 {
	if c.crc == nil {
		c.crc = crc16.New()
	}
	return c.crc
}

// zeroPaddingAt reports whether the bytes where sequence i (0-based) would
// begin start with 0, which cannot be a FIT header size.
func (c *mkCRCReader) zeroPaddingAt(i int) bool {
	return c.state == mkCRCDone && c.stopSeq == i && c.stopLead == 0
}

// check reports a CRC mismatch of sequence i (0-based) as an error wrapping
// errCRC; nil when both CRCs match or the sequence was not followed.
func (c *mkCRCReader) check(i int) error {
	if i < len(c.headerOK) && !c.headerOK[i] {
		return fmt.Errorf("file header CRC does not match: %w", errCRC)
	}
	if i < len(c.fileOK) && !c.fileOK[i] {
		return errCRC
	}
	return nil
}

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
}

var _ decoder.MesgListener = (*mkListener)(nil)

// begin starts a new sequence whose data section is dataSize bytes long.
func (l *mkListener) begin(dataSize uint32) {
	l.cur = decoded{
		FileType:     mkInvalidU8,
		Manufacturer: mkInvalidU16,
		Product:      mkInvalidU16,
		HeightCM:     nan,
	}
	l.seenFile = false
	// Running files hold about one record per 40–70 bytes of data (measured
	// on the fixtures); reserving for one per 48 bytes saves most regrowth.
	// The header's size is not trusted beyond 1024 records (a damaged or
	// hostile header may claim 4 GB); append grows the slice past that.
	l.recordCap = int(min(dataSize/48, 1024))
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
	for i := range fields {
		f := &fields[i]
		switch f.Num {
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

// record appends one Sample. The decoder has already expanded components, so
// speed and altitude also appear as enhanced_speed and enhanced_altitude, and
// compressed timestamps arrive as an ordinary timestamp field.
func (l *mkListener) record(fields []proto.Field) {
	var (
		ts, dist, enhSpeed, enhAlt uint32 = mkInvalidU32, mkInvalidU32, mkInvalidU32, mkInvalidU32
		speed, alt                 uint16 = mkInvalidU16, mkInvalidU16
		stance, stancePct, vo      uint16 = mkInvalidU16, mkInvalidU16, mkInvalidU16
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
		case fieldnum.RecordTemperature:
			temp = f.Value.Int8()
		}
	}
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
	}
	if math.IsNaN(s.SpeedMPS) {
		s.SpeedMPS = mkU16(speed, 1000)
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

// userProfileHeightCM returns the height in the first sequence's
// user_profile, NaN when there is none. tormoder's activity decoding drops
// user_profile messages, so files it reads get their height from here.
// Watches write the profile before the records, so this walks the message
// frames of the first sequence (FIT protocol: record headers, definitions,
// data sizes) without decoding them, and stops at the first record. It
// allocates nothing: it runs for every file.
func userProfileHeightCM(data []byte) float64 {
	if len(data) < 12 || (data[0] != 12 && data[0] != 14) {
		return nan
	}
	end := int(data[0]) + int(binary.LittleEndian.Uint32(data[4:8]))
	end = min(end, len(data))
	var defs [16]struct {
		global   uint16
		size     int // bytes of a data message's fields, developer fields included
		heightAt int // offset of user_profile.height in the data, -1 when absent
		ok       bool
	}
	for i := int(data[0]); i < end; {
		h := data[i]
		switch {
		case h&0x80 != 0 || h&0x40 == 0: // a data message (compressed timestamp or normal header)
			local := h & 0x0F
			if h&0x80 != 0 {
				local = (h >> 5) & 0x03
			}
			d := &defs[local]
			if !d.ok || i+1+d.size > end {
				return nan
			}
			switch d.global {
			case mesgnum.Record:
				return nan // records come after the profile
			case mesgnum.UserProfile:
				if d.heightAt >= 0 {
					if v := data[i+1+d.heightAt]; v != mkInvalidU8 && v != 0 {
						return float64(v) // metres with scale 100: the raw value is cm
					}
				}
			}
			i += 1 + d.size
		default: // a definition message
			if i+6 > end {
				return nan
			}
			local, n := h&0x0F, int(data[i+5])
			d := &defs[local]
			d.global = binary.LittleEndian.Uint16(data[i+3 : i+5])
			if data[i+2] == 1 {
				d.global = binary.BigEndian.Uint16(data[i+3 : i+5])
			}
			d.size, d.heightAt, d.ok = 0, -1, true
			j := i + 6
			if j+3*n > end {
				return nan
			}
			for k := 0; k < n; k, j = k+1, j+3 {
				if d.global == mesgnum.UserProfile && data[j] == fieldnum.UserProfileHeight && data[j+1] == 1 {
					d.heightAt = d.size
				}
				d.size += int(data[j+1])
			}
			if h&0x20 != 0 { // developer fields
				if j >= end {
					return nan
				}
				nd := int(data[j])
				j++
				if j+3*nd > end {
					return nan
				}
				for k := 0; k < nd; k, j = k+1, j+3 {
					d.size += int(data[j+1])
				}
			}
			i = j
		}
	}
	return nan
}
