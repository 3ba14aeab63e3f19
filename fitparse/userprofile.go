package fitparse

import (
	"github.com/muktihari/fit/profile/untyped/fieldnum"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
)

// userProfileHeightCM returns the height in the first sequence's
// user_profile, NaN when there is none. tormoder's activity decoding drops
// user_profile messages, so files it reads get their height from here.
// Watches write the profile before the records, so this walks the message
// frames of the first sequence (frameWalker) without decoding them, and
// stops at the first record. It allocates nothing: it runs for every file
// tormoder reads.
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
	w := newFrameWalker(data)
	// Offset of the wanted field in each local type's data, -1 when absent.
	var fieldAt [16]int
	for f, ok := w.next(); ok && f.Seq == 0; f, ok = w.next() {
		if f.Definition {
			fieldAt[f.Local] = -1
			if f.Global != mesg {
				continue
			}
			off := 0
			for k := 0; k < f.NFields; k++ {
				fd := data[f.Fields+3*k : f.Fields+3*k+3]
				if fd[0] == fieldNum && fd[1] == 1 {
					fieldAt[f.Local] = off
				}
				off += int(fd[1])
			}
			continue
		}
		switch f.Global {
		case mesgnum.Record:
			return 0, false // the wanted messages come before the records
		case mesg:
			if at := fieldAt[f.Local]; at >= 0 {
				if v := data[f.At+1+at]; valid(v) {
					return v, true
				}
			}
		}
	}
	return 0, false
}
