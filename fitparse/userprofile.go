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
