package analysis

import (
	"time"

	"github.com/runlog/runlog/fitparse"
)

// FileInfo describes what one input holds, for `runlog inspect`.
type FileInfo struct {
	Source      string
	Decoder     string
	Device      fitparse.Device
	Truncated   bool
	NotActivity string
	Err         string
	Skipped     []string // why the whole file holds no run (e.g. records without a session that are not running)
	Warnings    []string // in plain words (PlainWarning)
	Sessions    []SessionInfo
}

// SessionInfo describes one session of a file.
type SessionInfo struct {
	Index     int
	Sport     string
	SubSport  string
	Start     time.Time
	TimerS    float64
	DistanceM float64
	Records   int
	Coverage  []FieldCoverage
	IsRun     bool
	Truncated bool
	Warnings  []string
	// UTCOffset is the run's local time minus UTC, as the file gives it;
	// valid only when HasUTCOffset.
	UTCOffset    time.Duration
	HasUTCOffset bool
}

// LocalStart is the session's start in its own zone when the file gives
// its UTC offset, as RunResult.LocalStart.
func (s *SessionInfo) LocalStart() time.Time { return localTime(s.Start, s.UTCOffset, s.HasUTCOffset) }

// Inspect summarises what a decoded file holds.
func Inspect(f *fitparse.File) FileInfo {
	fi := FileInfo{Source: f.Source, Decoder: f.Decoder, Device: f.Device,
		Truncated: f.Truncated, NotActivity: f.NotActivity, Warnings: f.Warnings}
	if f.Err != nil {
		fi.Err = f.Err.Error()
	}
	for _, sk := range f.Skipped() {
		if sk.Session < 0 && f.NotActivity == "" {
			fi.Skipped = append(fi.Skipped, sk.Reason)
		}
	}
	for _, s := range f.Sessions {
		fi.Sessions = append(fi.Sessions, SessionInfo{
			Index: s.SessionIndex, Sport: s.Sport, SubSport: s.SubSport, Start: s.Start,
			TimerS: s.TimerS, DistanceM: s.DistanceM, Records: len(s.Samples),
			Coverage: Coverage(s.Samples), IsRun: s.Sport == "running",
			Truncated: s.Truncated, Warnings: s.Warnings, UTCOffset: s.UTCOffset, HasUTCOffset: s.HasUTCOffset,
		})
	}
	return fi
}
