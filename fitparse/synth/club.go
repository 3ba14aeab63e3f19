package synth

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"time"
)

// ClubStart is the first day of a generated club archive: athlete a's run i
// starts on day i after it, at 06:00 UTC plus a minutes.
var ClubStart = time.Date(2025, 1, 1, 6, 0, 0, 0, time.UTC)

// ClubRun is the i-th run (from 0) of athlete a (from 0) of a generated
// club archive: an hour's run recorded every second, as most watches record
// by default (3,600 records, about 110 KB), in a form that differs by
// athlete (cadence 158–178 spm, contact time 240–300 ms at 2.7–3.3 m/s)
// and from run to run (every 3rd run has a 2-minute walk break, every 5th a
// pause of 3 minutes, every 4th fatigue over its last third, every 7th is
// on a treadmill). It serves the benchmarks of growth and peak memory over
// 1,000 files and the scaling example (docs/performance.md,
// docs/scaling.md): plausible, varied, and the same bytes every time.
func ClubRun(a, i int) Spec {
	speed := 2.7 + 0.6*float64(a%5)/4                 // m/s
	cad := 158 + 20*float64((a*3)%5)/4                // spm
	gct := 300 - 60*float64((a*3)%5)/4 + float64(i%3) // ms: faster turnover, shorter contact
	vo := 95 - 15*float64((a*3)%5)/4 + float64(i%2)*2 // mm
	form := Segment{SpeedMPS: speed + 0.05*float64(i%4), CadenceSPM: cad + float64(i%3), GCTms: gct, VOmm: vo}
	walk := Segment{DurationS: 120, SpeedMPS: 1.4, CadenceSPM: 112, GCTms: math.NaN(), VOmm: math.NaN()}
	var segs []Segment
	add := func(s Segment, seconds float64) {
		s.DurationS = seconds
		segs = append(segs, s)
	}
	switch {
	case i%3 == 0:
		add(form, 1500)
		segs = append(segs, walk)
		add(form, 3600-1500-120)
	case i%5 == 0:
		add(form, 1800)
		segs = append(segs, Segment{DurationS: 180, Paused: true})
		add(form, 1800)
	default:
		add(form, 3600)
	}
	s := Spec{
		Start:        ClubStart.AddDate(0, 0, i).Add(time.Duration(a) * time.Minute),
		UTCOffset:    time.Hour,
		Segments:     segs,
		Seed:         int64(a)*100_000 + int64(i),
		RecordEveryS: 1,
		HeartRateBPM: 140 + float64(a%4)*5,
		HeightCM:     165 + float64(a%4)*5,
	}
	if i%4 == 1 {
		s.FatigueFrom, s.FatigueCadenceDropSPM, s.FatigueGCTRiseMS = 0.66, 8, 25
	}
	if i%7 == 6 {
		s.SubSport = "treadmill"
	}
	return s
}

// ClubNote is athlete a's numbness note about run i, "" for none: the
// athletes who run with the two lowest cadences and longest contact times
// (athletes 1, 3, 6, 8, ... counted from 1) note numbness after every run
// without a walk break, the others after every 10th run.
func ClubNote(a, i int) string {
	day := ClubStart.AddDate(0, 0, i).Format("2006-01-02")
	switch {
	case (a*3)%5 <= 1 && i%3 != 0:
		return day + " left forefoot numb after 40 min, went away at home"
	case i%10 == 9:
		return day + " toes of the right foot tingling at the end"
	}
	return ""
}

// WriteClub writes a club archive below dir: one folder per athlete
// (athlete-01, athlete-02, ...), each holding runs ClubRun files named by
// their date (2025-01-01-run.fit, ...) and the athlete's notes.md
// (ClubNote). It returns the FIT files' paths, athlete by athlete.
func WriteClub(dir string, athletes, runs int) ([]string, error) {
	var paths []string
	var b bytes.Buffer
	for a := range athletes {
		folder := filepath.Join(dir, fmt.Sprintf("athlete-%02d", a+1))
		if err := os.MkdirAll(folder, 0o755); err != nil {
			return nil, err
		}
		var notes bytes.Buffer
		for i := range runs {
			if n := ClubNote(a, i); n != "" {
				notes.WriteString("- " + n + "\n")
			}
		}
		if err := os.WriteFile(filepath.Join(folder, "notes.md"), notes.Bytes(), 0o644); err != nil {
			return nil, err
		}
		for i := range runs {
			s := ClubRun(a, i)
			b.Reset()
			if err := Encode(&b, s); err != nil {
				return nil, fmt.Errorf("athlete %d run %d: %w", a+1, i, err)
			}
			p := filepath.Join(folder, s.Start.Format("2006-01-02")+"-run.fit")
			if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
				return nil, err
			}
			paths = append(paths, p)
		}
	}
	return paths, nil
}
