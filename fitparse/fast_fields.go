package fitparse

import (
	"encoding/binary"
	"fmt"

	"github.com/muktihari/fit/profile"
	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/factory"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/profile/untyped/fieldnum"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
)

// Field plans of the fast path (fast.go). For each message definition the
// fast path works out once where each field runlog reads sits in the data
// message and how muktihari's decoder would type it; every data message is
// then a handful of fixed-offset loads into a fieldVals, which the same
// conversions as mkListener's (addRecord, addSession, addLap, addEvent)
// turn into a decoded.

// fieldVals holds one message's raw field values, the FIT numbers as
// stored (a sint8 as its byte), each its base type's invalid value when the
// message lacks the field. The slot constants below index it.
type fieldVals [16]uint32

// Slots of the messages runlog reads (FIT SDK Profile.xlsx, Messages sheet).
const (
	// record (mesg 20)
	recTimestamp = iota
	recDistance
	recSpeed
	recEnhSpeed
	recAltitude
	recEnhAltitude
	recHeartRate
	recCadence
	recFracCadence
	recStance
	recStancePct
	recVO
	recBalance
	recTemperature
)

const (
	// session (mesg 18)
	sesStart = iota
	sesEnd
	sesSport
	sesSubSport
	sesTimer
	sesElapsed
	sesDistance
	sesAvgSpeed
	sesEnhAvgSpeed
	sesHeartRate
	sesCadence
	sesFracCadence
	sesStance
	sesVO
	sesStepLength
)

const (
	// lap (mesg 19)
	lapSport = iota
	lapStart
	lapEnd
	lapTimer
	lapElapsed
	lapDistance
)

const (
	// event (mesg 21)
	evTimestamp = iota
	evEvent
	evType
)

// Slots of the messages only the fast path reads through fieldVals
// (mkListener reads them field by field).
const (
	actTimestamp = iota // activity (mesg 34)
	actLocal
)

const (
	fidType = iota // file_id (mesg 0)
	fidManufacturer
	fidProduct
	fidSerial
)

const spSport = 0 // sport (mesg 12)

const (
	diSource = iota // device_info (mesg 23)
	diDeviceType
)

const upHeight = 0 // user_profile (mesg 3)

const (
	fdIndex = iota // field_description (mesg 206)
	fdNumber
	fdBaseType
)

// Invalid values of each message's slots: the value mkListener's getters
// leave when the message lacks the field.
var (
	recordInvalid = fieldVals{
		recTimestamp: mkInvalidU32, recDistance: mkInvalidU32, recSpeed: mkInvalidU16,
		recEnhSpeed: mkInvalidU32, recAltitude: mkInvalidU16, recEnhAltitude: mkInvalidU32,
		recHeartRate: mkInvalidU8, recCadence: mkInvalidU8, recFracCadence: mkInvalidU8,
		recStance: mkInvalidU16, recStancePct: mkInvalidU16, recVO: mkInvalidU16,
		recBalance: mkInvalidU16, recTemperature: mkInvalidS8,
	}
	sessionInvalid = fieldVals{
		sesStart: mkInvalidU32, sesEnd: mkInvalidU32, sesSport: mkInvalidU8, sesSubSport: mkInvalidU8,
		sesTimer: mkInvalidU32, sesElapsed: mkInvalidU32, sesDistance: mkInvalidU32,
		sesAvgSpeed: mkInvalidU16, sesEnhAvgSpeed: mkInvalidU32, sesHeartRate: mkInvalidU8,
		sesCadence: mkInvalidU8, sesFracCadence: mkInvalidU8, sesStance: mkInvalidU16,
		sesVO: mkInvalidU16, sesStepLength: mkInvalidU16,
	}
	lapInvalid = fieldVals{
		lapSport: mkInvalidU8, lapStart: mkInvalidU32, lapEnd: mkInvalidU32,
		lapTimer: mkInvalidU32, lapElapsed: mkInvalidU32, lapDistance: mkInvalidU32,
	}
	eventInvalid = fieldVals{evTimestamp: mkInvalidU32, evEvent: mkInvalidU8, evType: mkInvalidU8}
)

// getter is the proto.Value method mkListener reads a field with. The
// method gives the value only when muktihari decoded the field as that
// type, and a fixed "wrong type" value otherwise (getterWrong).
type getter uint8

const (
	getU8    getter = iota // Value.Uint8
	getU16                 // Value.Uint16
	getU32                 // Value.Uint32
	getU32z                // Value.Uint32z
	getI8                  // Value.Int8
	getBytes               // Value.SliceUint8
)

// getterWrong is what each getter returns for a value of another type
// (muktihari proto/value.go): the base type's invalid value, 0 for
// Uint32z; a sint8 as its byte.
var getterWrong = [...]uint32{getU8: mkInvalidU8, getU16: mkInvalidU16, getU32: mkInvalidU32, getU32z: 0, getI8: mkInvalidS8}

// listenKind numbers the messages the fast path reads.
type listenKind int8

const (
	kindNone listenKind = iota - 1
	kindRecord
	kindSession
	kindLap
	kindEvent
	kindActivity
	kindFileID
	kindSport
	kindDeviceInfo
	kindUserProfile
	kindFieldDescription
	nKinds
)

type listenField struct {
	num  byte
	slot uint8
	get  getter
}

// listenMesgs lists, per message, the fields mkListener reads (mk_listener.go:
// the same field numbers and getters), plus field_description, whose fields
// muktihari's decoder reads to decode developer fields.
var listenMesgs = [nKinds]struct {
	num     typedef.MesgNum
	invalid fieldVals
	fields  []listenField
}{
	kindRecord: {mesgnum.Record, recordInvalid, []listenField{
		{fieldnum.RecordTimestamp, recTimestamp, getU32},
		{fieldnum.RecordDistance, recDistance, getU32},
		{fieldnum.RecordSpeed, recSpeed, getU16},
		{fieldnum.RecordEnhancedSpeed, recEnhSpeed, getU32},
		{fieldnum.RecordAltitude, recAltitude, getU16},
		{fieldnum.RecordEnhancedAltitude, recEnhAltitude, getU32},
		{fieldnum.RecordHeartRate, recHeartRate, getU8},
		{fieldnum.RecordCadence, recCadence, getU8},
		{fieldnum.RecordFractionalCadence, recFracCadence, getU8},
		{fieldnum.RecordStanceTime, recStance, getU16},
		{fieldnum.RecordStanceTimePercent, recStancePct, getU16},
		{fieldnum.RecordVerticalOscillation, recVO, getU16},
		{fieldnum.RecordStanceTimeBalance, recBalance, getU16},
		{fieldnum.RecordTemperature, recTemperature, getI8},
		{fieldnum.RecordCompressedSpeedDistance, 0, getBytes},
	}},
	kindSession: {mesgnum.Session, sessionInvalid, []listenField{
		{fieldnum.SessionStartTime, sesStart, getU32},
		{fieldnum.SessionTimestamp, sesEnd, getU32},
		{fieldnum.SessionSport, sesSport, getU8},
		{fieldnum.SessionSubSport, sesSubSport, getU8},
		{fieldnum.SessionTotalTimerTime, sesTimer, getU32},
		{fieldnum.SessionTotalElapsedTime, sesElapsed, getU32},
		{fieldnum.SessionTotalDistance, sesDistance, getU32},
		{fieldnum.SessionAvgSpeed, sesAvgSpeed, getU16},
		{fieldnum.SessionEnhancedAvgSpeed, sesEnhAvgSpeed, getU32},
		{fieldnum.SessionAvgHeartRate, sesHeartRate, getU8},
		{fieldnum.SessionAvgCadence, sesCadence, getU8},
		{fieldnum.SessionAvgFractionalCadence, sesFracCadence, getU8},
		{fieldnum.SessionAvgStanceTime, sesStance, getU16},
		{fieldnum.SessionAvgVerticalOscillation, sesVO, getU16},
		{fieldnum.SessionAvgStepLength, sesStepLength, getU16},
	}},
	kindLap: {mesgnum.Lap, lapInvalid, []listenField{
		{fieldnum.LapSport, lapSport, getU8},
		{fieldnum.LapStartTime, lapStart, getU32},
		{fieldnum.LapTimestamp, lapEnd, getU32},
		{fieldnum.LapTotalTimerTime, lapTimer, getU32},
		{fieldnum.LapTotalElapsedTime, lapElapsed, getU32},
		{fieldnum.LapTotalDistance, lapDistance, getU32},
	}},
	kindEvent: {mesgnum.Event, eventInvalid, []listenField{
		{fieldnum.EventTimestamp, evTimestamp, getU32},
		{fieldnum.EventEvent, evEvent, getU8},
		{fieldnum.EventEventType, evType, getU8},
	}},
	kindActivity: {mesgnum.Activity, fieldVals{actTimestamp: mkInvalidU32, actLocal: mkInvalidU32}, []listenField{
		{fieldnum.ActivityTimestamp, actTimestamp, getU32},
		{fieldnum.ActivityLocalTimestamp, actLocal, getU32},
	}},
	kindFileID: {mesgnum.FileId, fieldVals{fidType: mkInvalidU8, fidManufacturer: mkInvalidU16, fidProduct: mkInvalidU16, fidSerial: mkInvalidU32}, []listenField{
		{fieldnum.FileIdType, fidType, getU8},
		{fieldnum.FileIdManufacturer, fidManufacturer, getU16},
		{fieldnum.FileIdProduct, fidProduct, getU16},
		{fieldnum.FileIdSerialNumber, fidSerial, getU32z},
	}},
	kindSport: {mesgnum.Sport, fieldVals{spSport: mkInvalidU8}, []listenField{
		{fieldnum.SportSport, spSport, getU8},
	}},
	kindDeviceInfo: {mesgnum.DeviceInfo, fieldVals{diSource: mkInvalidU8, diDeviceType: mkInvalidU8}, []listenField{
		{fieldnum.DeviceInfoSourceType, diSource, getU8},
		{fieldnum.DeviceInfoDeviceType, diDeviceType, getU8},
	}},
	kindUserProfile: {mesgnum.UserProfile, fieldVals{upHeight: mkInvalidU8}, []listenField{
		{fieldnum.UserProfileHeight, upHeight, getU8},
	}},
	kindFieldDescription: {mesgnum.FieldDescription, fieldVals{fdIndex: mkInvalidU8, fdNumber: mkInvalidU8, fdBaseType: mkInvalidU8}, []listenField{
		{fieldnum.FieldDescriptionDeveloperDataIndex, fdIndex, getU8},
		{fieldnum.FieldDescriptionFieldDefinitionNumber, fdNumber, getU8},
		{fieldnum.FieldDescriptionFitBaseTypeId, fdBaseType, getU8},
	}},
}

// kindOf returns the listenKind of global message number num, kindNone for
// messages the fast path does not read.
func kindOf(num uint16) listenKind {
	switch num {
	case mesgnum.Record:
		return kindRecord
	case mesgnum.Session:
		return kindSession
	case mesgnum.Lap:
		return kindLap
	case mesgnum.Event:
		return kindEvent
	case mesgnum.Activity:
		return kindActivity
	case mesgnum.FileId:
		return kindFileID
	case mesgnum.Sport:
		return kindSport
	case mesgnum.DeviceInfo:
		return kindDeviceInfo
	case mesgnum.UserProfile:
		return kindUserProfile
	case mesgnum.FieldDescription:
		return kindFieldDescription
	}
	return kindNone
}

// valueType is the Go type muktihari's proto.UnmarshalValue gives a field,
// as far as the getters tell types apart.
type valueType uint8

const (
	vtOther valueType = iota
	vtUint8
	vtUint16
	vtUint32
	vtInt8
	vtSliceUint8
)

// mkValueType is the type proto.UnmarshalValue (muktihari
// proto/value_unmarshal.go) gives a field of base type bt, profile type pt,
// decoded as an array or not.
func mkValueType(bt basetype.BaseType, pt profile.ProfileType, array bool) valueType {
	switch bt {
	case basetype.Sint8:
		if !array {
			return vtInt8
		}
	case basetype.Enum, basetype.Byte, basetype.Uint8, basetype.Uint8z:
		switch {
		case pt == profile.Bool: // Bool or []Bool
		case array:
			return vtSliceUint8
		default:
			return vtUint8
		}
	case basetype.Uint16, basetype.Uint16z:
		if !array {
			return vtUint16
		}
	case basetype.Uint32, basetype.Uint32z:
		if !array {
			return vtUint32
		}
	}
	return vtOther
}

// getterType is the value type for which each getter gives the value.
var getterType = [...]valueType{getU8: vtUint8, getU16: vtUint16, getU32: vtUint32, getU32z: vtUint32, getI8: vtInt8, getBytes: vtSliceUint8}

// fieldSpec is what the fast path needs of one field runlog reads: the
// slot, and how muktihari types it. muktihari decodes every field the FIT
// profile names with the profile's base type and array flag, whatever the
// definition declares (decoder.go, decodeFields): a definition's base type
// counts only for fields the profile does not name, and none of these is.
type fieldSpec struct {
	ok    bool // runlog reads this field of this message
	slot  uint8
	get   getter
	typed bool // muktihari's value has the getter's type: the getter gives the value
	size  int  // the profile base type's size in bytes
}

// fieldSpecs[kind][field number], filled from muktihari's own profile
// (factory.StandardFactory) at start-up.
var fieldSpecs = func() (t [nKinds][256]fieldSpec) {
	f := factory.StandardFactory()
	for k := range listenMesgs {
		m := &listenMesgs[k]
		for _, lf := range m.fields {
			fb := f.CreateField(m.num, lf.num)
			if fb.Name == factory.NameUnknown {
				panic(fmt.Sprintf("fitparse: muktihari's profile lacks field %d of message %d", lf.num, m.num))
			}
			t[k][lf.num] = fieldSpec{
				ok:    true,
				slot:  lf.slot,
				get:   lf.get,
				typed: mkValueType(fb.BaseType, fb.Type, fb.Array) == getterType[lf.get],
				size:  int(fb.BaseType.Size()),
			}
		}
	}
	return t
}()

// timestampIsUint32 reports whether muktihari decodes field 253 of message
// mesg, declared with base type bt and size bytes, as a single uint32: only
// such a timestamp field moves the decoder's clock for compressed
// timestamps (decoder.go, decodeFields). For a message whose profile names
// field 253 the profile's type counts, else the definition's (an unknown
// field is an array when its size is a multiple of its base type's size
// above one value).
func timestampIsUint32(mesg uint16, bt basetype.BaseType, size byte) bool {
	fb := factory.StandardFactory().CreateField(typedef.MesgNum(mesg), 253)
	if fb.Name != factory.NameUnknown {
		return mkValueType(fb.BaseType, fb.Type, fb.Array) == vtUint32
	}
	n := int(bt.Size())
	array := int(size) > n && int(size)%n == 0
	return mkValueType(bt, profile.ProfileType(bt&basetype.BaseTypeNumMask), array) == vtUint32
}

// loadHow says how a fieldLoad reads its bytes.
type loadHow uint8

const (
	ld1     loadHow = iota // one byte
	ld2LE                  // uint16, little-endian
	ld4LE                  // uint32, little-endian
	ld2BE                  // uint16, big-endian
	ld4BE                  // uint32, big-endian
	ldLE                   // k bytes, little-endian (a field shorter than its type)
	ldBE                   // k bytes, big-endian
	ldConst                // no bytes: the constant val (the getter's wrong-type value)
)

// fieldLoad reads one field of a data message into slot.
type fieldLoad struct {
	off  uint32 // offset in the data message, its record header byte included
	slot uint8
	how  loadHow
	k    uint8  // ldLE, ldBE: bytes to read
	val  uint32 // ldConst
}

// planLoad returns the load of a field of size bytes at off in a message
// of the given byte order, typed as muktihari types it: the first
// type-size bytes when the field is longer than its type (muktihari reads
// the first value only), and when it is shorter the bytes it has, zero
// padded at the high end as muktihari pads them.
func planLoad(s fieldSpec, off uint32, size byte, bigEndian bool) fieldLoad {
	l := fieldLoad{off: off, slot: s.slot}
	if !s.typed {
		l.how, l.val = ldConst, getterWrong[s.get]
		return l
	}
	k := min(int(size), s.size)
	switch {
	case k == 1:
		l.how = ld1
	case k == 2 && !bigEndian:
		l.how = ld2LE
	case k == 4 && !bigEndian:
		l.how = ld4LE
	case k == 2:
		l.how = ld2BE
	case k == 4:
		l.how = ld4BE
	case bigEndian:
		l.how, l.k = ldBE, uint8(k)
	default:
		l.how, l.k = ldLE, uint8(k)
	}
	return l
}

// load reads l's value from data message b (as long as its definition
// says, so every offset is in range).
func (l *fieldLoad) load(b []byte) uint32 {
	switch l.how {
	case ld1:
		return uint32(b[l.off])
	case ld2LE:
		return uint32(binary.LittleEndian.Uint16(b[l.off:]))
	case ld4LE:
		return binary.LittleEndian.Uint32(b[l.off:])
	case ld2BE:
		return uint32(binary.BigEndian.Uint16(b[l.off:]))
	case ld4BE:
		return binary.BigEndian.Uint32(b[l.off:])
	case ldLE:
		var v uint32
		for i := int(l.k) - 1; i >= 0; i-- {
			v = v<<8 | uint32(b[int(l.off)+i])
		}
		return v
	case ldBE:
		var v uint32
		for i := 0; i < int(l.k); i++ {
			v = v<<8 | uint32(b[int(l.off)+i])
		}
		return v
	}
	return l.val
}

// fastDef is the plan of one local message type: what a data message of
// it holds for runlog.
type fastDef struct {
	defined bool
	kind    listenKind
	loads   []fieldLoad // in definition order; no slot twice
	present uint32      // bit per slot that loads fill
	// compressed_speed_distance (record only): its bytes, when the
	// definition has it and muktihari decodes it as a byte array.
	csdOff, csdLen uint32
	hasCSD         bool
	// The last field 253 muktihari decodes as a uint32: it sets the clock
	// compressed timestamps count from.
	ts    fieldLoad
	hasTS bool
	size  int      // bytes of a data message, record header and developer fields included
	devs  []devRef // developer field definitions
}

// devRef names a developer field definition: field number and developer
// data index.
type devRef struct{ num, index byte }

// plan fills d from definition message b (record header at b[0], as the
// RawDecoder hands it over, developer field definitions included). It
// returns an error for a definition muktihari refuses (a base type FIT
// does not have) and for one the fast path does not read (an architecture
// byte other than 0 or 1, a field runlog reads declared twice), so the
// full decoder judges the file.
func (d *fastDef) plan(b []byte) error {
	h := b[0]
	arch := b[2]
	if arch > 1 {
		return fmt.Errorf("definition of local message %d: architecture byte %d", h&0x0F, arch)
	}
	be := arch == 1
	global := binary.LittleEndian.Uint16(b[3:5])
	if be {
		global = binary.BigEndian.Uint16(b[3:5])
	}
	n := int(b[5])
	d.kind = kindOf(global)
	d.loads = d.loads[:0]
	d.devs = d.devs[:0]
	d.present, d.hasCSD, d.hasTS = 0, false, false
	var specs *[256]fieldSpec
	if d.kind != kindNone {
		specs = &fieldSpecs[d.kind]
	}
	off := uint32(1) // after the record header
	for i := 0; i < n; i++ {
		num, size, bt := b[6+3*i], b[7+3*i], basetype.BaseType(b[8+3*i])
		if !bt.Valid() {
			return fmt.Errorf("definition of message %d: field %d has base type %#x", global, num, byte(bt))
		}
		if size == 0 {
			continue // muktihari drops it; it takes no bytes
		}
		if num == 253 && timestampIsUint32(global, bt, size) {
			d.ts, d.hasTS = planLoad(fieldSpec{typed: true, get: getU32, size: 4}, off, size, be), true
		}
		if specs != nil {
			if s := specs[num]; s.ok {
				if s.get == getBytes {
					if d.hasCSD {
						return fmt.Errorf("definition of message %d: field %d twice", global, num)
					}
					if s.typed {
						d.csdOff, d.csdLen, d.hasCSD = off, uint32(size), true
					}
				} else {
					if d.present&(1<<s.slot) != 0 {
						return fmt.Errorf("definition of message %d: field %d twice", global, num)
					}
					d.present |= 1 << s.slot
					d.loads = append(d.loads, planLoad(s, off, size, be))
				}
			}
		}
		off += uint32(size)
	}
	if h&0x20 != 0 {
		j := 6 + 3*n
		nd := int(b[j])
		for k := 0; k < nd; k++ {
			r := b[j+1+3*k : j+4+3*k]
			if r[1] == 0 {
				continue // muktihari drops it too
			}
			d.devs = append(d.devs, devRef{num: r[0], index: r[2]})
			off += uint32(r[1])
		}
	}
	d.size = int(off)
	d.defined = true
	return nil
}
