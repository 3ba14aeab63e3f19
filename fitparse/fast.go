package fitparse

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/basetype"
)

// The fast path (issue 8 point 10). muktihari's generic decoder builds a
// typed value for every field of every message through its profile's
// field factory; that was three quarters of `runlog analyze`'s own time
// (docs/performance.md), for a dozen numbers per record. decodeFast reads
// the same decoded values without it: muktihari's RawDecoder (decoder.NewRaw)
// splits the bytes into file headers, definition messages, data messages
// and CRCs; for each definition fastDef.plan (fast_fields.go) works out
// once where the fields runlog reads sit and how muktihari would type them;
// each data message is then a few fixed-offset loads into a fieldVals,
// turned into samples, sessions and laps by mkListener's own conversions.
//
// decodeFast is right only for files it reads whole. It refuses, with an
// error, anything it is not sure of: bytes cut short or left over, a CRC
// that does not match, a definition muktihari refuses or the fast path does
// not read, a developer field whose description muktihari would reject, a
// panic. DecodeWith then reads the file with decodeMuktihari, which
// reports, salvages and warns as it always did: the fast path never decides
// how a damaged file reads. Tests hold it to decodeMuktihari's result on
// every file it accepts (fast_test.go).

// errFastRefused wraps every reason decodeFast gives for leaving a file to
// the full decoder.
var errFastRefused = errors.New("fast path refused the file")

// fastDecoder is the state of one decodeFast call. It is pooled: the
// RawDecoder alone holds a 130 KB buffer.
type fastDecoder struct {
	raw decoder.RawDecoder
	rd  bytes.Reader
	l   mkListener // the decoded being filled, and the conversions

	data     []byte
	pos      int   // bytes of data the RawDecoder has handed over
	seq      int   // sequences begun
	seqStart int   // offset of the current sequence's header
	dataEnd  int64 // offset just past the current sequence's data
	out      []decoded

	defs [16]fastDef
	// Compressed timestamps (FIT protocol, "Compressed Timestamp Header"):
	// the last full timestamp and its low five bits, as muktihari keeps
	// them (decoder.go, decodeMessageData and decodeFields).
	timestamp  uint32
	lastOffset byte
	// field_description messages of the sequence: muktihari refuses a
	// developer field whose first matching description has a base type FIT
	// does not define; badDesc says whether any description does.
	descs   []fieldDesc
	badDesc bool
}

type fieldDesc struct {
	ref   devRef
	valid bool
}

var fastPool = sync.Pool{New: func() any { return new(fastDecoder) }}

// decodeFast reads every FIT sequence of data (a whole file, as DecodeWith
// passes it after normalizeWalk) and returns one decoded per sequence,
// equal to what decodeMuktihari returns for the same bytes. Any error
// wraps errFastRefused and means "not read": the result is then nil and the
// caller must read data with decodeMuktihari.
func decodeFast(data []byte) (out []decoded, err error) {
	f := fastPool.Get().(*fastDecoder)
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("%w: panic: %v", errFastRefused, p)
			return // a decoder that panicked is not pooled again
		}
		f.release()
		fastPool.Put(f)
	}()
	f.data, f.pos, f.seq, f.out = data, 0, 0, nil
	f.rd.Reset(data)
	if _, err := f.raw.Decode(&f.rd, f.handle); err != nil {
		return nil, fmt.Errorf("%w: FIT sequence %d, byte %d: %w", errFastRefused, max(f.seq, 1), f.pos, err)
	}
	if f.seq == 0 || f.pos != len(data) {
		return nil, fmt.Errorf("%w: bytes after the last sequence", errFastRefused)
	}
	return f.out, nil
}

// release drops every reference into the caller's data and results, so a
// pooled decoder keeps nothing alive.
func (f *fastDecoder) release() {
	f.data, f.out = nil, nil
	f.l.cur = decoded{}
	f.rd.Reset(nil)
	clear(f.descs)
	f.descs = f.descs[:0]
}

// handle takes each piece the RawDecoder splits the bytes into.
func (f *fastDecoder) handle(flag decoder.RawFlag, b []byte) error {
	var err error
	switch flag {
	case decoder.RawFlagMesgData:
		err = f.message(b)
	case decoder.RawFlagMesgDef:
		err = f.definition(b)
	case decoder.RawFlagFileHeader:
		err = f.header(b)
	case decoder.RawFlagCRC:
		err = f.crc(b)
	}
	f.pos += len(b)
	if err == nil && flag != decoder.RawFlagCRC && int64(f.pos) > f.dataEnd {
		err = errors.New("a message runs past the data its header announces")
	}
	return err
}

// header starts a sequence: the header CRC is checked when the header has
// one (bytes 12–13 of a 14-byte header; 0 means none), and every
// per-sequence state starts afresh, so nothing carries from one sequence
// to the next.
func (f *fastDecoder) header(b []byte) error {
	f.seq++
	size := binary.LittleEndian.Uint32(b[4:8])
	if size == 0 {
		return errors.New("header announces no data") // muktihari: not a FIT file
	}
	if len(b) == 14 {
		if want := binary.LittleEndian.Uint16(b[12:14]); want != 0 && crcUpdate(0, b[:12]) != want {
			return errCRC
		}
	}
	f.seqStart = f.pos
	f.dataEnd = int64(f.pos) + int64(len(b)) + int64(size)
	for i := range f.defs {
		f.defs[i].defined = false
	}
	f.timestamp, f.lastOffset = 0, 0
	clear(f.descs)
	f.descs, f.badDesc = f.descs[:0], false
	// As decodeMuktihari: reserve records for the data the header
	// announces, never for more than the input holds.
	f.l.begin(min(int64(size), int64(len(f.data))))
	return nil
}

// crc ends a sequence: its data must end exactly where its header said,
// and the file CRC (header and data) must match.
func (f *fastDecoder) crc(b []byte) error {
	if int64(f.pos) != f.dataEnd {
		return errors.New("the data do not end where the header says")
	}
	if crcUpdate(0, f.data[f.seqStart:f.pos]) != binary.LittleEndian.Uint16(b) {
		return errCRC
	}
	f.out = append(f.out, f.l.cur)
	f.l.cur = decoded{}
	return nil
}

func (f *fastDecoder) definition(b []byte) error {
	d := &f.defs[b[0]&0x0F]
	d.defined = false
	if err := d.plan(b); err != nil {
		return err
	}
	if d.kind == kindRecord && f.l.cur.Records == nil {
		// The first record definition tells the size of a record: reserve
		// for the rest of the data being records of that size, which
		// comes closer than mkListener's one per 48 bytes (a compressed
		// Forerunner 70 record is 7 bytes, a Fenix 2 one 40), but never
		// more than one per 6 bytes, nor for more bytes than the input
		// holds (a damaged header may claim 4 GB).
		rest := min(f.dataEnd, int64(len(f.data))) - int64(f.pos+len(b))
		f.l.recordCap = int(min(rest/int64(d.size), rest/6))
	}
	return nil
}

// message reads one data message (b[0] is its record header).
func (f *fastDecoder) message(b []byte) error {
	h := b[0]
	local := h & 0x0F
	compressed := h&0x80 != 0
	if compressed {
		// Compressed timestamp header: local type in bits 5–6, the low five
		// bits of the time in bits 0–4, counted on from the last full
		// timestamp (rolling over every 32 s).
		local = (h >> 5) & 0x03
		off := h & 0x1F
		f.timestamp += uint32((off - f.lastOffset) & 0x1F)
		f.lastOffset = off
	}
	d := &f.defs[local]
	if !d.defined || len(b) != d.size {
		return fmt.Errorf("data message of local type %d does not match its definition", local)
	}
	if d.kind != kindNone {
		v := listenMesgs[d.kind].invalid
		present := d.present
		if compressed {
			// muktihari puts the header's time in front of the message's
			// fields as a uint32 timestamp field (field 253).
			if s := fieldSpecs[d.kind][253]; s.ok {
				v[s.slot] = f.timestamp
				if getterType[s.get] != vtUint32 {
					v[s.slot] = getterWrong[s.get]
				}
				present |= 1 << s.slot
			}
		}
		for i := range d.loads {
			l := &d.loads[i]
			v[l.slot] = l.load(b)
		}
		var csd []byte
		if d.hasCSD {
			csd = b[d.csdOff : d.csdOff+d.csdLen]
		}
		f.deliver(d.kind, &v, present, csd)
	}
	if d.hasTS {
		t := d.ts.load(b)
		f.timestamp, f.lastOffset = t, byte(t&0x1F)
	}
	if len(d.devs) > 0 && f.badDesc {
		for _, r := range d.devs {
			for _, fd := range f.descs {
				if fd.ref == r {
					if !fd.valid {
						return fmt.Errorf("developer field %d of index %d: its description has no valid base type", r.num, r.index)
					}
					break
				}
			}
		}
	}
	return nil
}

// deliver hands one message's values to the decoded being built, as
// mkListener.OnMesg does for the same message.
func (f *fastDecoder) deliver(k listenKind, v *fieldVals, present uint32, csd []byte) {
	l := &f.l
	switch k {
	case kindRecord:
		l.addRecord(v, csd)
	case kindSession:
		l.addSession(v)
	case kindLap:
		l.addLap(v)
	case kindEvent:
		l.addEvent(v)
	case kindActivity:
		// mkListener sets each of the two only when the message has it.
		if present&(1<<actTimestamp) != 0 {
			l.cur.ActivityTime = mkTime(v[actTimestamp])
		}
		if present&(1<<actLocal) != 0 {
			l.cur.LocalTimestamp = mkTime(v[actLocal])
		}
	case kindFileID:
		// The first file_id of the sequence counts (mkListener.fileID).
		if !l.seenFile {
			l.seenFile = true
			l.cur.FileType = uint8(v[fidType])
			l.cur.Manufacturer = uint16(v[fidManufacturer])
			l.cur.Product = uint16(v[fidProduct])
			if present&(1<<fidSerial) != 0 && v[fidSerial] != mkInvalidU32 {
				l.cur.Serial = v[fidSerial]
			}
		}
	case kindSport:
		if !l.cur.HasFileSport {
			if s := uint8(v[spSport]); s != mkInvalidU8 {
				l.cur.FileSport, l.cur.HasFileSport = s, true
			}
		}
	case kindDeviceInfo:
		l.cur.deviceSensor(uint8(v[diSource]), uint8(v[diDeviceType]))
	case kindUserProfile:
		if h := uint8(v[upHeight]); h != mkInvalidU8 {
			l.cur.HeightCM = float64(h)
		}
	case kindFieldDescription:
		fd := fieldDesc{
			ref:   devRef{num: uint8(v[fdNumber]), index: uint8(v[fdIndex])},
			valid: basetype.BaseType(uint8(v[fdBaseType])).Valid(),
		}
		f.descs = append(f.descs, fd)
		f.badDesc = f.badDesc || !fd.valid
	}
}
