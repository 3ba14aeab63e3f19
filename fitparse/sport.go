package fitparse

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// The sport of a session the file does not describe: one cut off before its
// session message was written, or the records of a file without any session
// (docs/decisions.md, "A session without a session message").

// Thresholds for judging records as running. The first three are the same
// as analysis's running-sample rules (docs/analysis.md), repeated here
// because analysis imports fitparse.
const (
	// sportStandMPS: slower than any walk (comfortable adult gait speed is
	// 1.2–1.4 m/s; Bohannon 1997, Age Ageing 26:15).
	sportStandMPS = 1.0
	// sportNoCadRunMPS: without cadence, running is at or above this,
	// just under the walk–run transition of about 2.0 m/s (Hreljac 1993).
	sportNoCadRunMPS = 1.8
	// sportWalkMaxSPM: walking cadence rarely exceeds 130–135 spm; running
	// is seldom below 140 (Tudor-Locke et al. 2018; Heiderscheit et al. 2011).
	sportWalkMaxSPM = 140
	// sportMaxRunMPS: faster than any sustained run. The men's 10,000 m
	// world record (26:11.00, Cheptegei 2020) averages 6.37 m/s and the
	// marathon record (2:00:35, Kiptum 2023) 5.83 m/s; a median moving
	// speed above 6.5 m/s (23.4 km/h) is a bike or a vehicle. Cycling
	// cadence (rpm) sits in the same FIT field and reads as 120–200 "spm",
	// so speed, not cadence, tells a ride from a run.
	sportMaxRunMPS = 6.5
	// sportRunShare: records look like running when at least half of those
	// with a speed or a cadence pass the running rules.
	sportRunShare = 0.5
)

// sportVerdict is where the sport of an unsaved session came from.
type sportVerdict struct {
	Sport uint8  // FIT sport; sportUnknown when the records are not running and nothing names a sport
	From  string // "its laps", "the file's sport message" or "its records (...)"
	Why   string // for sportUnknown: why the records do not look like running
}

// sportUnknown marks a session whose sport nothing names and whose records
// do not look like running.
const sportUnknown = 0xFF

// unsavedSport decides the sport of a session that spans [start, end] and
// has no session message: from the laps that start in it, when they name a
// sport (the sport with the most lap time when they differ); else from the
// file's sport message, but only when the sequence has no saved session
// (in a multisport file the sport message names the first leg: the
// Forerunner 920XT and 255 triathlons say swimming); else from the records.
func unsavedSport(d decoded, laps []lapMsg, start, end time.Time, records []Sample, hasSaved bool) sportVerdict {
	byTime := map[uint8]float64{}
	for _, l := range laps {
		if l.Sport == 0xFF || l.Start.Before(start) || l.Start.After(end) {
			continue
		}
		w := l.ElapsedS
		if !(w > 0) {
			w = 1
		}
		byTime[l.Sport] += w
	}
	if len(byTime) > 0 {
		best, bestW := uint8(0), -1.0
		for s, w := range byTime {
			if w > bestW || (w == bestW && s < best) {
				best, bestW = s, w
			}
		}
		return sportVerdict{Sport: best, From: "its laps"}
	}
	if d.HasFileSport && !hasSaved {
		return sportVerdict{Sport: d.FileSport, From: "the file's sport message"}
	}
	ok, desc := recordsLookLikeRunning(records)
	if ok {
		return sportVerdict{Sport: sportRunning, From: "its records (" + desc + ")"}
	}
	return sportVerdict{Sport: sportUnknown, Why: desc}
}

// recordsLookLikeRunning judges a span of records, counting records (not
// time): true when at least sportRunShare of those with a speed or a
// cadence pass the running rules above. desc describes the records in plain
// words: their median moving speed and cadence when they look like running,
// else what they look like instead.
func recordsLookLikeRunning(records []Sample) (bool, string) {
	var speeds, moving, cads []float64
	judged, run := 0, 0
	for i := range records {
		s := &records[i]
		v, c := s.SpeedMPS, s.CadenceSPM
		hasV, hasC := !math.IsNaN(v), !math.IsNaN(c)
		if !hasV && !hasC {
			continue
		}
		judged++
		if hasV {
			speeds = append(speeds, v)
			if v >= sportStandMPS {
				moving = append(moving, v)
				if hasC {
					cads = append(cads, c)
				}
			}
		}
		switch {
		case hasC && c < sportWalkMaxSPM:
		case hasV && (v < sportStandMPS || v > sportMaxRunMPS):
		case !hasC && v < sportNoCadRunMPS:
		default:
			run++
		}
	}
	if judged == 0 {
		return false, "they carry neither speed nor cadence"
	}
	medV, medMoving, medC := median(speeds), median(moving), median(cads)
	if float64(run) >= sportRunShare*float64(judged) {
		desc := fmt.Sprintf("median moving speed %.1f km/h", 3.6*medMoving)
		if !math.IsNaN(medC) {
			desc += fmt.Sprintf(", cadence %.0f spm", medC)
		}
		return true, desc
	}
	switch {
	case !math.IsNaN(medV) && medV < sportStandMPS:
		return false, fmt.Sprintf("standing: median speed %.1f km/h", 3.6*medV)
	case medMoving > sportMaxRunMPS:
		return false, fmt.Sprintf("median moving speed %.0f km/h is faster than anyone runs for long", 3.6*medMoving)
	case medC < sportWalkMaxSPM:
		return false, fmt.Sprintf("walking: median cadence %.0f spm at %.1f km/h", medC, 3.6*medMoving)
	case medMoving < sportNoCadRunMPS:
		return false, fmt.Sprintf("walking pace: median moving speed %.1f km/h", 3.6*medMoving)
	}
	return false, fmt.Sprintf("only %d of %d records are at running speed and cadence", run, judged)
}

// median of xs (sorted in place), NaN when empty.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return nan
	}
	sort.Float64s(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}
