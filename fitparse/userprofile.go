package fitparse

import (
	"encoding/binary"

	"github.com/muktihari/fit/profile/untyped/fieldnum"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
)

// userProfileHeightCM returns the height in the first sequence's
// user_profile, NaN when there is none. tormoder's activity decoding drops
// user_profile messages, so files it reads get their height from here.
// Watches write the profile before the records, so this walks the message
// frames of the first sequence (FIT protocol: record headers, definitions,
// data sizes) without decoding them, and stops at the first record. It
// allocates nothing: it runs for every file.
func userProfileHeightCM(data []byte) float64 {
	v, ok := headByte(data, mesgnum.UserProfile, fieldnum.UserProfileHeight, func(v byte) bool { return v != mkInvalidU8 && v != 0 })
	if !ok {
		return nan
	}
	return float64(v) // metres with scale 100: the raw value is cm
}

// headSport returns the sport of the first sequence's first sport message
// (mesg 12) written before the records; ok is false when there is none.
func headSport(data []byte) (sport uint8, ok bool) {
	return headByte(data, mesgnum.Sport, fieldnum.SportSport, func(v byte) bool { return v != mkInvalidU8 })
}

// headByte returns the first value, accepted by valid, of the one-byte field
// fieldNum of message mesg among the messages before the first record of the
// first sequence in data; ok is false when there is none or the frames are
// damaged before one is found.
func headByte(data []byte, mesg uint16, fieldNum byte, valid func(byte) bool) (byte, bool) {
	if len(data) < 12 || (data[0] != 12 && data[0] != 14) {
		return 0, false
	}
	end := int(data[0]) + int(binary.LittleEndian.Uint32(data[4:8]))
	end = min(end, len(data))
	var defs [16]struct {
		global  uint16
		size    int // bytes of a data message's fields, developer fields included
		fieldAt int // offset of the wanted field in the data, -1 when absent
		ok      bool
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
				return 0, false
			}
			switch d.global {
			case mesgnum.Record:
				return 0, false // the wanted messages come before the records
			case mesg:
				if d.fieldAt >= 0 {
					if v := data[i+1+d.fieldAt]; valid(v) {
						return v, true
					}
				}
			}
			i += 1 + d.size
		default: // a definition message
			if i+6 > end {
				return 0, false
			}
			local, n := h&0x0F, int(data[i+5])
			d := &defs[local]
			d.global = binary.LittleEndian.Uint16(data[i+3 : i+5])
			if data[i+2] == 1 {
				d.global = binary.BigEndian.Uint16(data[i+3 : i+5])
			}
			d.size, d.fieldAt, d.ok = 0, -1, true
			j := i + 6
			if j+3*n > end {
				return 0, false
			}
			for k := 0; k < n; k, j = k+1, j+3 {
				if d.global == mesg && data[j] == fieldNum && data[j+1] == 1 {
					d.fieldAt = d.size
				}
				d.size += int(data[j+1])
			}
			if h&0x20 != 0 { // developer fields
				if j >= end {
					return 0, false
				}
				nd := int(data[j])
				j++
				if j+3*nd > end {
					return 0, false
				}
				for k := 0; k < nd; k, j = k+1, j+3 {
					d.size += int(data[j+1])
				}
			}
			i = j
		}
	}
	return 0, false
}
