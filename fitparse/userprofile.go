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
	w := newFrameWalker(data)
	// Offset of user_profile.height in each local type's data, -1 when absent.
	var heightAt [16]int
	for f, ok := w.next(); ok && f.Seq == 0; f, ok = w.next() {
		if f.Definition {
			heightAt[f.Local] = -1
			if f.Global != mesgnum.UserProfile {
				continue
			}
			off := 0
			for k := 0; k < f.NFields; k++ {
				fd := data[f.Fields+3*k : f.Fields+3*k+3]
				if fd[0] == fieldnum.UserProfileHeight && fd[1] == 1 {
					heightAt[f.Local] = off
				}
				off += int(fd[1])
			}
			continue
		}
		switch f.Global {
		case mesgnum.Record:
			return nan // records come after the profile
		case mesgnum.UserProfile:
			if at := heightAt[f.Local]; at >= 0 {
				if v := data[f.At+1+at]; v != mkInvalidU8 && v != 0 {
					return float64(v) // metres with scale 100: the raw value is cm
				}
			}
		}
	}
	return nan
}
