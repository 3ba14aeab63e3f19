package fitparse

import (
	"encoding/binary"
	"math"
	"reflect"
	"strconv"
	"time"
)

// fitWriter writes small FIT files by hand, message by message, for the
// shapes of file the fast path must read exactly as muktihari does:
// compressed timestamps, big-endian definitions, fields declared with
// other sizes or types than the profile's, developer fields, chained
// sequences. No encoder writes those on purpose.
type fitWriter struct {
	msgs []byte
	be   [16]bool // local type → its definition is big-endian
}

// fitField is one field definition: number, size, base type.
type fitField struct{ num, size, bt byte }

// def writes a definition of global message global for local type local
// (big-endian when be), with developer field definitions devs (number,
// size, developer data index) when there are any.
func (w *fitWriter) def(local byte, be bool, global uint16, fields []fitField, devs ...fitField) {
	h := 0x40 | local
	if len(devs) > 0 {
		h |= 0x20
	}
	arch := byte(0)
	g := binary.LittleEndian.AppendUint16(nil, global)
	if be {
		arch = 1
		g = binary.BigEndian.AppendUint16(nil, global)
	}
	w.msgs = append(w.msgs, h, 0, arch, g[0], g[1], byte(len(fields)))
	for _, f := range fields {
		w.msgs = append(w.msgs, f.num, f.size, f.bt)
	}
	if len(devs) > 0 {
		w.msgs = append(w.msgs, byte(len(devs)))
		for _, f := range devs {
			w.msgs = append(w.msgs, f.num, f.size, f.bt)
		}
	}
	w.be[local] = be
}

// data writes a data message with record header h; each value is written
// in its size (1, 2, 4 or 8 bytes as given by its length in b) in the byte
// order of the local type's definition.
func (w *fitWriter) data(h byte, local byte, vals ...fitVal) {
	w.msgs = append(w.msgs, h)
	for _, v := range vals {
		b := make([]byte, 8)
		if w.be[local] {
			binary.BigEndian.PutUint64(b, v.v)
			b = b[8-v.n:]
		} else {
			binary.LittleEndian.PutUint64(b, v.v)
			b = b[:v.n]
		}
		w.msgs = append(w.msgs, b...)
	}
}

// fitVal is a value of n bytes.
type fitVal struct {
	v uint64
	n int
}

func v1(x uint64) fitVal { return fitVal{x, 1} }
func v2(x uint64) fitVal { return fitVal{x, 2} }
func v3(x uint64) fitVal { return fitVal{x, 3} }
func v4(x uint64) fitVal { return fitVal{x, 4} }
func v8(x uint64) fitVal { return fitVal{x, 8} }

// file wraps the messages in a header of hdrSize bytes (12, or 14 with its
// CRC) and the file CRC.
func (w *fitWriter) file(hdrSize int) []byte {
	h := []byte{byte(hdrSize), 0x20, 0x5C, 0x08, 0, 0, 0, 0, '.', 'F', 'I', 'T'}
	binary.LittleEndian.PutUint32(h[4:8], uint32(len(w.msgs)))
	if hdrSize == 14 {
		h = binary.LittleEndian.AppendUint16(h, crcUpdate(0, h))
	}
	out := append(h, w.msgs...)
	return binary.LittleEndian.AppendUint16(out, crcUpdate(0, out))
}

// FIT base-type bytes (FIT SDK Profile.xlsx, fit_base_type).
const (
	btEnum    = 0x00
	btSint8   = 0x01
	btUint8   = 0x02
	btUint16  = 0x84
	btUint32  = 0x86
	btUint32z = 0x8C
	btByte    = 0x0D
	btString  = 0x07
)

// fitTime is a FIT date_time for t.
func fitTime(t time.Time) uint64 { return uint64(t.Unix() - fitEpochUnix) }

var fitT0 = time.Date(2026, 3, 14, 6, 30, 0, 0, time.UTC)

// fileID writes a file_id definition (local 0) and message.
func (w *fitWriter) fileID(serial uint64) {
	w.def(0, false, 0, []fitField{{0, 1, btEnum}, {1, 2, btUint16}, {2, 2, btUint16}, {3, 4, btUint32z}, {4, 4, btUint32}})
	w.data(0x00, 0, v1(4), v2(1), v2(2697), v4(serial), v4(fitTime(fitT0)))
}

// handmadeFiles are hand-written files, each a shape of FIT data the fast
// path reads and must read as muktihari does, keyed by a name that says
// what it holds.
func handmadeFiles() map[string][]byte {
	out := map[string][]byte{}
	t0 := fitTime(fitT0)

	// Compressed timestamps and compressed_speed_distance, as a Forerunner
	// 70 writes them: one record with a full timestamp, then records whose
	// header carries only the time's low five bits, rolling over.
	compressed := func(be bool) []byte {
		var w fitWriter
		w.fileID(123456)
		w.def(1, be, 20, []fitField{{253, 4, btUint32}, {3, 1, btUint8}, {8, 3, btByte}, {4, 1, btUint8}})
		w.data(0x01, 1, v4(t0), v1(120), v3(0x000000), v1(80))
		w.def(2, be, 20, []fitField{{3, 1, btUint8}, {8, 3, btByte}, {4, 1, btUint8}})
		lo := t0 & 0x1F
		dist := uint64(0)
		for i := uint64(1); i <= 80; i++ {
			dist += 45 // 2.8 m in 1/16 m
			speed := uint64(280 + i%7)
			csd := speed | (dist&0xFFF)<<12
			off := (lo + i*3) & 0x1F // 3 s apart: rolls over every ~11 records
			w.data(0x80|2<<5|byte(off), 2, v1(130+i%20), v3(csd), v1(82+i%3))
		}
		// A timer event with a compressed header too.
		w.def(3, be, 21, []fitField{{0, 1, btEnum}, {1, 1, btEnum}})
		w.data(0x80|3<<5|byte((lo+241)&0x1F), 3, v1(0), v1(4))
		return w.file(14)
	}
	out["compressed timestamps and speed"] = compressed(false)
	out["compressed timestamps, big-endian"] = compressed(true)

	// Every message runlog reads, big-endian, with a 12-byte header.
	{
		var w fitWriter
		w.def(0, true, 0, []fitField{{0, 1, btEnum}, {1, 2, btUint16}, {2, 2, btUint16}, {3, 4, btUint32z}})
		w.data(0x00, 0, v1(6), v2(1), v2(3113), v4(0xDEADBEEF))
		// A second file_id: only the first counts.
		w.data(0x00, 0, v1(4), v2(2), v2(3114), v4(0xFEEDBEEF))
		w.def(1, true, 3, []fitField{{1, 1, btEnum}, {3, 1, btUint8}})
		w.data(0x01, 1, v1(1), v1(181))
		w.def(2, true, 12, []fitField{{0, 1, btEnum}, {1, 1, btEnum}})
		w.data(0x02, 2, v1(1), v1(0))
		w.def(3, true, 23, []fitField{{253, 4, btUint32}, {25, 1, btEnum}, {1, 1, btUint8}})
		w.data(0x03, 3, v4(t0), v1(5), v1(4))
		w.data(0x03, 3, v4(t0), v1(5), v1(0))
		w.def(4, true, 21, []fitField{{253, 4, btUint32}, {0, 1, btEnum}, {1, 1, btEnum}})
		w.data(0x04, 4, v4(t0), v1(0), v1(0))
		w.def(5, true, 20, []fitField{{253, 4, btUint32}, {5, 4, btUint32}, {6, 2, btUint16}, {2, 2, btUint16},
			{3, 1, btUint8}, {4, 1, btUint8}, {53, 1, btUint8}, {41, 2, btUint16}, {40, 2, btUint16},
			{39, 2, btUint16}, {84, 2, btUint16}, {13, 1, btSint8}, {73, 4, btUint32}, {78, 4, btUint32}})
		for i := uint64(0); i < 30; i++ {
			w.data(0x05, 5, v4(t0+1+i), v4(300*i), v2(3100+i), v2(2700+i), v1(140), v1(85), v1(64),
				v2(2450), v2(3300), v2(830), v2(4950+i), v1(0xF6), v4(3105+i), v4(2701+i))
		}
		w.def(6, true, 19, []fitField{{253, 4, btUint32}, {2, 4, btUint32}, {7, 4, btUint32}, {8, 4, btUint32}, {9, 4, btUint32}, {25, 1, btEnum}})
		w.data(0x06, 6, v4(t0+31), v4(t0), v4(31000), v4(30000), v4(8700), v1(1))
		w.def(7, true, 18, []fitField{{253, 4, btUint32}, {2, 4, btUint32}, {5, 1, btEnum}, {6, 1, btEnum},
			{7, 4, btUint32}, {8, 4, btUint32}, {9, 4, btUint32}, {14, 2, btUint16}, {124, 4, btUint32},
			{16, 1, btUint8}, {18, 1, btUint8}, {92, 1, btUint8}, {41, 2, btUint16}, {89, 2, btUint16}, {134, 2, btUint16}})
		w.data(0x07, 7, v4(t0+31), v4(t0), v1(1), v1(0), v4(31000), v4(30000), v4(8700), v2(2900), v4(2901),
			v1(141), v1(85), v1(64), v2(2450), v2(830), v2(1050))
		w.def(8, true, 34, []fitField{{253, 4, btUint32}, {5, 4, btUint32}})
		w.data(0x08, 8, v4(t0+32), v4(t0+32+3600))
		// A second activity without local_timestamp keeps the first's.
		w.def(8, true, 34, []fitField{{253, 4, btUint32}})
		w.data(0x08, 8, v4(t0+33))
		out["every message, big-endian, 12-byte header"] = w.file(12)
	}

	// Fields declared with another size or base type than the profile's:
	// muktihari types them by the profile, reads the first value of a
	// longer field and zero-pads a shorter one.
	odd := func(be bool) []byte {
		var w fitWriter
		w.fileID(42)
		w.def(1, be, 20, []fitField{
			{253, 4, btUint32},
			{6, 4, btUint32},   // speed (uint16) declared uint32
			{5, 3, btUint16},   // distance (uint32) in 3 bytes
			{3, 2, btUint8},    // heart rate as two bytes
			{4, 3, btUint8},    // cadence as three
			{13, 1, btUint8},   // temperature (sint8) declared uint8
			{2, 3, btByte},     // altitude (uint16) in 3 bytes
			{73, 8, btUint32},  // enhanced_speed as two uint32
			{41, 1, btUint16},  // stance_time in 1 byte
			{8, 2, btByte},     // compressed_speed_distance in 2 bytes
			{39, 5, btUint16},  // vertical_oscillation in 5 bytes
			{40, 0, btUint16},  // stance_time_percent with size 0
			{84, 2, btString},  // stance_time_balance declared string
			{78, 4, btUint32z}, // enhanced_altitude declared uint32z
		})
		for i := uint64(0); i < 12; i++ {
			w.data(0x01, 1, v4(t0+i), v4(0x00010BB8+i), v3(0x010000+1000*i), v2(0x0102), v3(0x030201), v1(0xFE),
				v3(0x0A0B0C), v8(0x11223344_00000C1C+i), v1(250), v2(0x1234), fitVal{0x0102030405, 5}, v2(5010), v4(2600+i))
		}
		return w.file(14)
	}
	out["odd field sizes and types"] = odd(false)
	out["odd field sizes and types, big-endian"] = odd(true)

	// Developer fields (as Stryd writes them), skipped by size, with a
	// valid field description.
	{
		var w fitWriter
		w.fileID(7)
		w.def(1, false, 207, []fitField{{3, 1, btUint8}})
		w.data(0x01, 1, v1(0))
		w.def(2, false, 206, []fitField{{0, 1, btUint8}, {1, 1, btUint8}, {2, 1, btUint8}, {3, 8, btString}})
		w.data(0x02, 2, v1(0), v1(0), v1(btUint16), v8(0x7265776f70)) // "power"
		w.def(3, false, 20, []fitField{{253, 4, btUint32}, {4, 1, btUint8}}, fitField{0, 2, 0}, fitField{1, 3, 0})
		for i := uint64(0); i < 10; i++ {
			w.data(0x03, 3, v4(t0+i), v1(84), v2(250+i), v3(i))
		}
		out["developer fields"] = w.file(14)
	}

	// A message the profile does not know, with a uint32 timestamp: it
	// moves the clock compressed timestamps count from.
	{
		var w fitWriter
		w.fileID(8)
		w.def(1, false, 0xFF01, []fitField{{253, 4, btUint32}, {0, 2, btUint16}})
		w.data(0x01, 1, v4(t0+100), v2(7))
		w.def(2, false, 20, []fitField{{3, 1, btUint8}})
		for i := uint64(1); i < 40; i++ {
			w.data(0x80|2<<5|byte((t0+100+i)&0x1F), 2, v1(100+i))
		}
		// The same unknown message with field 253 as an array of two
		// uint32: not a timestamp for muktihari, so the clock stays.
		w.def(1, false, 0xFF01, []fitField{{253, 8, btUint32}})
		w.data(0x01, 1, v8(0xFFFF_0000_FFFF_0000))
		w.data(0x80|2<<5|byte((t0+150)&0x1F), 2, v1(99))
		out["unknown message moves the clock"] = w.file(14)
	}

	// Two chained sequences: the second starts with compressed timestamps
	// before any full one, so its clock must start from zero again (a
	// record at the FIT epoch is no real time and is dropped), and its
	// file_id, sport and definitions are its own.
	{
		first := compressed(false)
		var w fitWriter
		w.fileID(99)
		w.def(1, false, 12, []fitField{{0, 1, btEnum}})
		w.data(0x01, 1, v1(2))
		w.def(2, false, 20, []fitField{{3, 1, btUint8}})
		for i := uint64(1); i < 5; i++ {
			w.data(0x80|2<<5|byte(i), 2, v1(110))
		}
		w.def(2, false, 20, []fitField{{253, 4, btUint32}, {3, 1, btUint8}})
		w.data(0x02, 2, v4(t0+5000), v1(111))
		// A compressed header on a message with a timestamp of its own:
		// the field wins.
		w.data(0x80|2<<5|byte((t0+5001)&0x1F), 2, v4(t0+5003), v1(112))
		w.data(0x80|2<<5|byte((t0+5004)&0x1F), 2, v4(mkInvalidU32), v1(113))
		out["chained sequences"] = append(first, w.file(12)...)
	}
	return out
}

// refusedHandmade are hand-written files the fast path must leave to
// muktihari although muktihari reads them: a definition that names a
// field runlog reads twice.
func refusedHandmade() map[string][]byte {
	t0 := fitTime(fitT0)
	var w fitWriter
	w.fileID(1)
	w.def(1, false, 20, []fitField{{253, 4, btUint32}, {3, 1, btUint8}, {3, 1, btUint8}})
	w.data(0x01, 1, v4(t0), v1(150), v1(0xFF))
	out := map[string][]byte{"a field twice": w.file(14)}
	// An architecture byte other than 0 and 1: muktihari reads it as
	// big-endian, the FIT protocol does not define it.
	w = fitWriter{}
	w.fileID(1)
	w.def(1, true, 20, []fitField{{253, 4, btUint32}, {6, 2, btUint16}})
	w.msgs[len(w.msgs)-10] = 2
	w.data(0x01, 1, v4(t0), v2(3000))
	out["architecture byte 2"] = w.file(14)
	return out
}

// rejectedHandmade are hand-written files muktihari rejects and so must the
// fast path.
func rejectedHandmade() map[string][]byte {
	t0 := fitTime(fitT0)
	out := map[string][]byte{}
	{
		// A developer field whose description has no valid base type.
		var w fitWriter
		w.fileID(7)
		w.def(2, false, 206, []fitField{{0, 1, btUint8}, {1, 1, btUint8}, {2, 1, btUint8}})
		w.data(0x02, 2, v1(0), v1(0), v1(0x55))
		w.def(3, false, 20, []fitField{{253, 4, btUint32}}, fitField{0, 2, 0})
		w.data(0x03, 3, v4(t0), v2(250))
		out["developer field of a bad description"] = w.file(14)
	}
	{
		// A base type FIT does not define.
		var w fitWriter
		w.fileID(7)
		w.def(3, false, 20, []fitField{{253, 4, btUint32}, {3, 1, 0x1F}})
		w.data(0x03, 3, v4(t0), v1(1))
		out["undefined base type"] = w.file(14)
	}
	return out
}

// equalDecoded reports the first difference between two decoder results,
// "" when they are equal: every field, NaN equal to NaN.
func equalDecoded(a, b []decoded) string {
	return deepDiff("decoded", reflect.ValueOf(a), reflect.ValueOf(b))
}

func deepDiff(path string, a, b reflect.Value) string {
	if a.Type() == reflect.TypeOf(time.Time{}) {
		if ta, tb := a.Interface().(time.Time), b.Interface().(time.Time); ta != tb {
			return path + ": " + ta.String() + " vs " + tb.String()
		}
		return ""
	}
	switch a.Kind() {
	case reflect.Slice:
		if a.Len() != b.Len() {
			return path + ": length " + strconv.Itoa(a.Len()) + " vs " + strconv.Itoa(b.Len())
		}
		for i := 0; i < a.Len(); i++ {
			if d := deepDiff(path+"["+strconv.Itoa(i)+"]", a.Index(i), b.Index(i)); d != "" {
				return d
			}
		}
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if d := deepDiff(path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i)); d != "" {
				return d
			}
		}
	case reflect.Float64:
		x, y := a.Float(), b.Float()
		if x != y && !(math.IsNaN(x) && math.IsNaN(y)) {
			return path + ": " + strconv.FormatFloat(x, 'g', -1, 64) + " vs " + strconv.FormatFloat(y, 'g', -1, 64)
		}
	default:
		if !reflect.DeepEqual(a.Interface(), b.Interface()) {
			return path + ": differs"
		}
	}
	return ""
}
