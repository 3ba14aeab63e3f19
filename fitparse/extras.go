package fitparse

import (
	"encoding/binary"

	"github.com/muktihari/fit/profile/untyped/fieldnum"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
)

// FIT profile numbers for what runlog reads beyond form (FIT SDK
// Profile.xlsx): device_info source_type "local" (an onboard sensor of the
// recording device) and the local_device_type values gps and barometer.
const (
	sourceTypeLocal        = 5
	localDeviceGPS         = 0
	localDeviceBarometer   = 4
	balanceInvalid         = 0xFFFF
	balanceScale           = 100 // stance_time_balance: percent, scale 100
	recordStanceBalanceNum = fieldnum.RecordStanceTimeBalance
)

// stanceBalance converts a raw stance_time_balance (percent × 100) to the
// left foot's share in %. The invalid value and values outside 0–100
// (exclusive) are NaN: a watch writes 0 when the pod measured nothing, and
// a foot cannot carry all of the contact time or none of it while running.
func stanceBalance(raw uint16) float64 {
	if raw == balanceInvalid {
		return nan
	}
	v := float64(raw) / balanceScale
	if !(v > 0 && v < 100) {
		return nan
	}
	return v
}

// deviceSensor notes an onboard sensor listed by a device_info message.
func (d *decoded) deviceSensor(sourceType, deviceType uint8) {
	if sourceType != sourceTypeLocal {
		return
	}
	switch deviceType {
	case localDeviceBarometer:
		d.HasBarometer = true
	case localDeviceGPS:
		d.HasGPS = true
	}
}

// altitudeSource says where a sequence's altitude comes from. A watch with
// a barometric altimeter records its altitude from it (corrected with GPS
// now and then); a watch that lists GPS and no barometer records GPS
// altitude. The FIT records themselves never say, so a file without
// device_info (or without source types in it) is AltitudeUnknown.
func (d *decoded) altitudeSource() string {
	switch {
	case d.HasBarometer:
		return AltitudeBarometric
	case d.HasGPS:
		return AltitudeGPS
	}
	return AltitudeUnknown
}

// recordBalances returns, for each FIT sequence in data, the raw
// stance_time_balance of every record message in file order (balanceInvalid
// where the record has none). tormoder v0.15.0's profile predates the field
// and drops it, so the tormoder adapter reads it from the bytes here and
// pairs it with tormoder's records, which are every record message of the
// sequence in the same order. The walk stops where the framing does.
func recordBalances(data []byte) [][]uint16 {
	w := newFrameWalker(data)
	type def struct {
		at  int // offset of the field in the message's data; -1 when absent
		big bool
	}
	var defs [16]def
	reset := func() {
		for i := range defs {
			defs[i] = def{at: -1}
		}
	}
	var out [][]uint16
	for f, ok := w.next(); ok; f, ok = w.next() {
		for len(out) <= f.Seq {
			out = append(out, nil)
			reset()
		}
		if f.Definition {
			d := def{at: -1, big: data[f.At+2] == 1}
			if f.Global == mesgnum.Record {
				off := 0
				for k := 0; k < f.NFields; k++ {
					fd := data[f.Fields+3*k : f.Fields+3*k+3]
					if fd[0] == recordStanceBalanceNum && fd[1] == 2 {
						d.at = off
					}
					off += int(fd[1])
				}
			}
			defs[f.Local] = d
			continue
		}
		if f.Global != mesgnum.Record {
			continue
		}
		v := uint16(balanceInvalid)
		if d := defs[f.Local]; d.at >= 0 {
			b := data[f.At+1+d.at : f.At+3+d.at]
			if d.big {
				v = binary.BigEndian.Uint16(b)
			} else {
				v = binary.LittleEndian.Uint16(b)
			}
		}
		out[f.Seq] = append(out[f.Seq], v)
	}
	return out
}
