package fitparse

import (
	"errors"
	"time"
)

// decoded is one FIT sequence as a decoder adapter reads it: converted to SI
// units and NaN-for-missing, before it is split into Runs. Both adapters
// (tormoder.go, muktihari.go) fill it the same way, so everything after this
// point (build.go) is shared and the differential test compares like with like.
type decoded struct {
	FileType       uint8     // FIT file type; 4 is activity
	Manufacturer   uint16    // FIT manufacturer number; 0xFFFF when absent
	Product        uint16    // FIT product number; 0xFFFF when absent
	Serial         uint32    // 0 when absent
	ActivityTime   time.Time // activity message timestamp (UTC); zero when absent
	LocalTimestamp time.Time // activity local_timestamp as if UTC; zero when absent
	HeightCM       float64   // user profile height; NaN when absent
	// Onboard sensors the sequence's device_info messages list (source_type
	// local): a barometer (local_device_type 4) and GPS (0).
	HasBarometer, HasGPS bool
	// FileSport is the sport of the sequence's first sport message (mesg 12,
	// the activity profile the watch recorded with); valid only when
	// HasFileSport.
	FileSport    uint8
	HasFileSport bool
	Sessions     []session
	Laps         []lapMsg
	Events       []event
	Records      []Sample // in file order
	Warnings     []string // problems that did not stop decoding
}

// session is a FIT session message. Times are UTC; the zero time when absent.
type session struct {
	Start     time.Time // start_time
	End       time.Time // timestamp (session end)
	Sport     uint8
	SubSport  uint8
	TimerS    float64 // NaN when absent
	ElapsedS  float64 // NaN when absent
	DistanceM float64 // NaN when absent
	Avg       Averages
}

// lapMsg is a FIT lap message.
type lapMsg struct {
	Start     time.Time
	End       time.Time
	TimerS    float64
	ElapsedS  float64
	DistanceM float64
	Sport     uint8 // FIT sport (lap field 25); 0xFF when absent
}

// event is a FIT event message; only timer events matter to runlog.
type event struct {
	T         time.Time
	Event     uint8 // 0 = timer
	EventType uint8 // 0 start, 1 stop, 4 stop_all, 8 stop_disable, 9 stop_disable_all
}

// FIT profile numbers used by the adapters and build.go (FIT SDK Profile.xlsx).
const (
	fileTypeActivity   = 4
	eventTimer         = 0
	eventTypeStart     = 0
	eventTypeStop      = 1
	eventTypeStopAll   = 4
	eventTypeStopDisab = 8 // stop_disable
	eventTypeStopDAll  = 9 // stop_disable_all
	sportRunning       = 1
)

// errCRC marks a file whose checksum does not match its contents. Both
// adapters wrap it so the caller can tell a CRC mismatch from other damage.
var errCRC = errors.New("file CRC does not match")

// cadenceSPM converts FIT running cadence (strides per minute, plus a
// fraction in 1/128) to steps per minute. 0xFF marks an absent value.
func cadenceSPM(strides, fraction uint8) float64 {
	if strides == 0xFF {
		return nan
	}
	f := 0.0
	if fraction != 0xFF {
		f = float64(fraction) / 128
	}
	return 2 * (float64(strides) + f)
}

// u8 returns an unsigned byte field as float64, NaN for the invalid 0xFF.
func u8(v uint8) float64 {
	if v == 0xFF {
		return nan
	}
	return float64(v)
}

// positive keeps a measurement that is only meaningful above zero (contact
// time, vertical oscillation): watches write 0 when the sensor measured
// nothing, so 0 becomes NaN.
func positive(v float64) float64 {
	if v > 0 {
		return v
	}
	return nan
}
