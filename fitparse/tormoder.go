package fitparse

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"time"

	tfit "github.com/tormoder/fit"
)

// decodeTormoder decodes every FIT sequence in r with github.com/tormoder/fit.
// On an error it returns the sequences read so far, the partly read current
// one included, together with the error, so that a file cut short can be
// salvaged by the caller. A CRC mismatch wraps errCRC.
func decodeTormoder(r *bytes.Reader) (out []decoded, err error) {
	defer func() {
		// tormoder panics on some malformed input ("internal decoder error");
		// runlog never passes a panic on to the user.
		if p := recover(); p != nil {
			err = fmt.Errorf("FIT decoder failed: %v", p)
		}
	}()
	// A chained file is several FIT sequences back to back; tormoder's own
	// DecodeChained flattens its errors to text, so loop here instead.
	// tormoder's profile has no stance_time_balance: read from the bytes.
	all := make([]byte, r.Size())
	_, _ = r.ReadAt(all, 0)
	balances := recordBalances(all)
	for seq := 1; r.Len() > 0; seq++ {
		before := r.Len()
		f, err := tfit.Decode(r)
		if err != nil && seq > 1 && f == nil && len(out) > 0 {
			// Bytes after the last complete sequence that do not start a
			// new one: keep the runs, say what was ignored.
			out[len(out)-1].Warnings = append(out[len(out)-1].Warnings,
				fmt.Sprintf("%d bytes after FIT sequence %d are not FIT data and were ignored", before, seq-1))
			return out, nil
		}
		if f != nil {
			var bal []uint16
			if seq-1 < len(balances) {
				bal = balances[seq-1]
			}
			d := fromTormoder(f, bal)
			d.FileSport, d.HasFileSport = headSportAt(r, r.Size()-int64(before))
			out = append(out, d)
		}
		if err != nil {
			// Only the file CRC keeps tormoder's IntegrityError type; a
			// header CRC failure comes back flattened to text.
			var ie tfit.IntegrityError
			if errors.As(err, &ie) {
				return out, fmt.Errorf("sequence %d: %w (%v)", seq, errCRC, err)
			}
			return out, fmt.Errorf("sequence %d: %w", seq, err)
		}
	}
	return out, nil
}

// fromTormoder converts one decoded tormoder file; balances are the raw
// stance_time_balance of its record messages in file order
// (recordBalances), which tormoder itself does not read.
func fromTormoder(f *tfit.File, balances []uint16) decoded {
	d := decoded{
		FileType:     uint8(f.FileId.Type),
		Manufacturer: uint16(f.FileId.Manufacturer),
		Product:      f.FileId.Product,
		Serial:       f.FileId.SerialNumber,
		HeightCM:     nan,
	}
	if d.Serial == 0xFFFFFFFF {
		d.Serial = 0
	}
	// tormoder's ActivityFile drops user_profile messages, so the runner's
	// height is only known when muktihari reads the file.
	a, err := f.Activity()
	if err != nil || a == nil {
		return d
	}
	for _, di := range a.DeviceInfos {
		if di != nil {
			d.deviceSensor(uint8(di.SourceType), di.DeviceType)
		}
	}
	if a.Activity != nil {
		if !tfit.IsBaseTime(a.Activity.Timestamp) && !a.Activity.Timestamp.IsZero() {
			d.ActivityTime = a.Activity.Timestamp.UTC()
		}
		if lt := a.Activity.LocalTimestamp; !lt.IsZero() && !tfit.IsBaseTime(lt) {
			// tormoder returns local_timestamp in a fixed zone whose wall clock
			// is the local time; keep that wall clock, labelled UTC.
			_, offS := lt.Zone()
			d.LocalTimestamp = lt.UTC().Add(time.Duration(offS) * time.Second)
		}
	}
	for _, s := range a.Sessions {
		if s == nil {
			continue
		}
		cad := nan
		if s.AvgCadence != 0xFF {
			frac := 0.0
			if s.AvgFractionalCadence != 0xFF {
				frac = float64(s.AvgFractionalCadence) / 128
			}
			cad = 2 * (float64(s.AvgCadence) + frac)
		}
		speed := s.GetEnhancedAvgSpeedScaled()
		if math.IsNaN(speed) {
			speed = s.GetAvgSpeedScaled()
		}
		d.Sessions = append(d.Sessions, session{
			Start:     tTime(s.StartTime),
			End:       tTime(s.Timestamp),
			Sport:     uint8(s.Sport),
			SubSport:  uint8(s.SubSport),
			TimerS:    s.GetTotalTimerTimeScaled(),
			ElapsedS:  s.GetTotalElapsedTimeScaled(),
			DistanceM: s.GetTotalDistanceScaled(),
			Avg: Averages{
				SpeedMPS:     speed,
				HeartRateBPM: u8(s.AvgHeartRate),
				CadenceSPM:   cad,
				GCTms:        s.GetAvgStanceTimeScaled(),
				VOmm:         s.GetAvgVerticalOscillationScaled(),
				StepLengthMM: nan, // not in tormoder v0.15.0's profile
			},
		})
	}
	for _, l := range a.Laps {
		if l == nil {
			continue
		}
		d.Laps = append(d.Laps, lapMsg{
			Start:     tTime(l.StartTime),
			End:       tTime(l.Timestamp),
			TimerS:    l.GetTotalTimerTimeScaled(),
			ElapsedS:  l.GetTotalElapsedTimeScaled(),
			DistanceM: l.GetTotalDistanceScaled(),
			Sport:     uint8(l.Sport),
		})
	}
	for _, e := range a.Events {
		if e == nil {
			continue
		}
		d.Events = append(d.Events, event{T: tTime(e.Timestamp), Event: uint8(e.Event), EventType: uint8(e.EventType)})
	}
	// Records are written in place: a season of files goes through here,
	// and copying each 96-byte Sample through append costs measurably.
	d.Records = make([]Sample, len(a.Records))
	n := 0
	// tormoder expands compressed_speed_distance into speed and distance
	// with the wrong scales (speed read as 1/1000 m/s where the field holds
	// 1/100, distance as 1/100 m where it holds 1/16) and a running total
	// kept in a package variable across files; runlog decodes the raw bytes
	// itself, with a total that starts afresh in each sequence.
	var csd compressedSpeedDistance
	for k, m := range a.Records {
		if m == nil {
			continue
		}
		cSpeed, cDist, hasCSD := csd.next(m.CompressedSpeedDistance)
		if m.Timestamp.IsZero() || tfit.IsBaseTime(m.Timestamp) {
			continue
		}
		s := &d.Records[n]
		n++
		s.T = m.Timestamp.UTC()
		s.DistanceM = m.GetDistanceScaled()
		if s.SpeedMPS = m.GetEnhancedSpeedScaled(); math.IsNaN(s.SpeedMPS) {
			s.SpeedMPS = m.GetSpeedScaled()
		}
		if hasCSD {
			// tormoder overwrote speed and distance from the compressed
			// field; a speed field of the record's own survives only as
			// enhanced_speed (copied before the overwrite), a distance field
			// of its own not at all.
			if s.SpeedMPS = m.GetEnhancedSpeedScaled(); math.IsNaN(s.SpeedMPS) {
				s.SpeedMPS = cSpeed
			}
			s.DistanceM = cDist
		}
		s.HeartRateBPM = u8(m.HeartRate)
		s.CadenceSPM = cadenceSPM(m.Cadence, m.FractionalCadence)
		s.GCTms = positive(m.GetStanceTimeScaled())
		s.GCTPercent = positive(m.GetStanceTimePercentScaled())
		s.VOmm = positive(m.GetVerticalOscillationScaled())
		if s.AltitudeM = m.GetEnhancedAltitudeScaled(); math.IsNaN(s.AltitudeM) {
			s.AltitudeM = m.GetAltitudeScaled()
		}
		s.TemperatureC = nan
		if m.Temperature != 0x7F {
			s.TemperatureC = float64(m.Temperature)
		}
		s.StanceBalanceLeftPct = nan
		if k < len(balances) {
			s.StanceBalanceLeftPct = stanceBalance(balances[k])
		}
	}
	d.Records = d.Records[:n]
	return d
}

// headSportAt reads the sport message of the sequence that starts at byte
// off of r (tormoder's activity decoding drops sport messages). Watches
// write it before the records, near the start: only the first 64 KiB of the
// sequence are looked at.
func headSportAt(r *bytes.Reader, off int64) (uint8, bool) {
	head := make([]byte, min(r.Size()-off, 64<<10))
	n, _ := r.ReadAt(head, off)
	return headSport(head[:n])
}

// tTime is a tormoder time in UTC, or the zero time when the field was
// absent (tormoder gives the FIT epoch for it).
func tTime(t time.Time) time.Time {
	if t.IsZero() || tfit.IsBaseTime(t) {
		return time.Time{}
	}
	return t.UTC()
}
