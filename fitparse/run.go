// Package fitparse turns the files that running watches export into Runs.
//
// It walks files, directories, .fit.gz files and .zip archives, decodes FIT
// data with github.com/muktihari/fit through runlog's own streaming listener
// (falling back to github.com/tormoder/fit v0.15.0 for files muktihari
// refuses, or the other way round on request: DecodeOptions), splits chained
// and multisport files into one Run per running session and salvages files
// cut short. Before decoding, base-type bytes in message definitions are
// read the way Garmin's FIT SDK reads them. Decoding is safe from several
// goroutines at once. Nothing outside this package imports a FIT library.
package fitparse

import (
	"math"
	"time"
)

// Decoder names recorded in Run.Decoder.
const (
	DecoderTormoder  = "tormoder"
	DecoderMuktihari = "muktihari"
)

// Sample is one record of a run. Every measurement is NaN when the watch did
// not record it; it is never 0 for "missing".
type Sample struct {
	T            time.Time // UTC
	DistanceM    float64   // cumulative distance, metres
	SpeedMPS     float64   // metres per second (enhanced_speed preferred)
	HeartRateBPM float64   // beats per minute
	CadenceSPM   float64   // steps per minute = 2 × (cadence + fractional_cadence/128)
	GCTms        float64   // ground-contact (stance) time, milliseconds
	GCTPercent   float64   // stance time as % of the step
	VOmm         float64   // vertical oscillation, millimetres
	AltitudeM    float64   // metres (enhanced_altitude preferred)
	TemperatureC float64   // degrees Celsius

	// StanceBalanceLeftPct is the left foot's share of ground-contact time,
	// % (50 = even): FIT record field 84 stance_time_balance, percent with
	// scale 100. The FIT profile does not name the side; runlog reads it as
	// the left share, as Garmin Connect shows it (docs/factors.md).
	StanceBalanceLeftPct float64
}

// Device identifies the recording watch.
type Device struct {
	Manufacturer string // e.g. "garmin"; "" when the file does not say
	Product      string // e.g. "fr920xt", or the product number when unnamed
	Serial       string // "" when the file does not say
}

// Averages are the device's own session summary values, kept so runlog's
// numbers can be checked against them. NaN where the session lacks a field.
type Averages struct {
	SpeedMPS     float64
	HeartRateBPM float64
	CadenceSPM   float64 // steps per minute
	GCTms        float64
	VOmm         float64
	StepLengthMM float64 // only where the decoder's profile knows the field
}

// Lap is one lap message inside the run's session.
type Lap struct {
	Start     time.Time
	End       time.Time // the lap's end; see sessionSpans for where it comes from when the file's is unusable
	TimerS    float64
	ElapsedS  float64
	DistanceM float64
}

// Span is a time interval [Start, End).
type Span struct {
	Start, End time.Time
}

// Run is one running session.
type Run struct {
	Source       string // file path, or "archive.zip!path/in/archive.fit"
	SessionIndex int    // index of the session in the file (across chained sequences)
	Device       Device
	Sport        string // FIT sport name, e.g. "running"
	SubSport     string // FIT sub-sport name, e.g. "generic", "treadmill", "trail"
	Start        time.Time
	// UTCOffset is local time minus UTC, from the activity's local_timestamp;
	// valid only when HasUTCOffset.
	UTCOffset    time.Duration
	HasUTCOffset bool
	TimerS       float64 // session total_timer_time (pauses excluded), seconds
	ElapsedS     float64 // session total_elapsed_time, seconds
	DistanceM    float64 // session total_distance, metres
	Truncated    bool    // file was cut short; the run ends at the cut
	// ClockNotSet says the watch's clock had not been set when the run was
	// recorded: its start time is below 0x10000000 s (268,435,456 s, about
	// 8.5 years) after the FIT epoch 1989-12-31T00:00:00Z, i.e. before
	// 1998-07-04, which the FIT profile defines not as a date but as
	// "system time (seconds from device power on)" (FIT SDK Profile.xlsx,
	// type date_time; Garmin's FIT cookbook, "Working with Date Time
	// Values"). Start and every sample time are then right relative to one
	// another but say nothing about the day the run took place.
	ClockNotSet bool
	Decoder     string // DecoderTormoder or DecoderMuktihari
	DeviceAvg   Averages
	HeightCM    float64 // from the FIT user profile; NaN when absent
	Laps        []Lap
	Pauses      []Span   // timer stopped (from timer stop/start events)
	Samples     []Sample // sorted by T
	Warnings    []string

	// AltitudeSource says where the records' altitude comes from, as far
	// as the file tells: AltitudeBarometric when the watch lists an onboard
	// barometer among its devices (device_info source_type local,
	// device_type barometer), AltitudeGPS when it lists onboard GPS and no
	// barometer, AltitudeUnknown otherwise (docs/factors.md).
	AltitudeSource string

	// notRun completes "session N ..." in the skip reason of a session that
	// has no sport of its own and whose records do not look like running.
	notRun string
}

// Altitude sources (Run.AltitudeSource).
const (
	AltitudeBarometric = "barometric"
	AltitudeGPS        = "gps"
	AltitudeUnknown    = "unknown"
)

// Treadmill reports whether the session's sub-sport says it was run on a
// treadmill (or indoors, where a treadmill is the usual case).
func (r *Run) Treadmill() bool {
	return r.SubSport == "treadmill" || r.SubSport == "indoor_running"
}

// nan is shorthand for an absent measurement.
var nan = math.NaN()
