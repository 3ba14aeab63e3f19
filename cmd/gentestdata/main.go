// Command gentestdata writes runlog's synthetic test files: FIT activities
// with known running form, made by package fitparse/synth.
//
//	go run ./cmd/gentestdata -out testdata
//
// It writes testdata/fit/*.fit, testdata/fit/archive.zip, the demo athlete
// folder testdata/demo/ and testdata/README.md, which lists every file with
// the values the generator put in it. The output is the same bytes on every
// run; files it does not know about are left alone.
//
//	go run ./cmd/gentestdata -club DIR [-athletes 6] [-runs 40]
//
// writes a club archive instead (not committed; for the scaling example and
// benchmarks, docs/scaling.md).
package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/runlog/runlog/fitparse/synth"
)

var nan = math.NaN()

// cet is the athlete's local offset in November (Central European Time).
const cet = time.Hour

// Running form presets: the targets the generator aims at.
var (
	goodForm   = synth.Segment{SpeedMPS: 3.0, CadenceSPM: 172, GCTms: 245, VOmm: 80}
	overstride = synth.Segment{SpeedMPS: 3.0, CadenceSPM: 156, GCTms: 295, VOmm: 98}
	walking    = synth.Segment{SpeedMPS: 1.4, CadenceSPM: 110, GCTms: nan, VOmm: nan}
	// demoOverstride is the demo runner's overstriding days: below the 1st
	// percentile of cadence at 3 m/s by the published spread ((148 − 168)
	// ÷ 8 spm = z −2.5; docs/overstriding.md). overstride's 156 spm is
	// within the usual range there (z −1.5).
	demoOverstride = synth.Segment{SpeedMPS: 3.0, CadenceSPM: 148, GCTms: 310, VOmm: 100}
)

func seg(form synth.Segment, minutes float64) synth.Segment {
	form.DurationS = minutes * 60
	return form
}

// local returns the UTC instant of a local (CET) wall-clock time.
func local(day string, hh, mm int) time.Time {
	d, err := time.Parse("2006-01-02", day)
	if err != nil {
		panic(err) // the dates below are constants
	}
	return d.Add(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute - cet)
}

func run(start time.Time, seed int64, every int, hr float64, segs ...synth.Segment) synth.Spec {
	return synth.Spec{
		Start:        start,
		UTCOffset:    cet,
		Segments:     segs,
		Seed:         seed,
		RecordEveryS: every,
		HeartRateBPM: hr,
		HeightCM:     178,
	}
}

func withFatigue(s synth.Spec) synth.Spec {
	s.FatigueFrom = 0.6
	s.FatigueCadenceDropSPM = 12
	s.FatigueGCTRiseMS = 35
	return s
}

// fitFile is one output file: one or more complete FIT files written back to
// back (chained), each holding one or more sessions (legs).
type fitFile struct {
	name  string // path below -out
	about string
	files [][]synth.Spec
}

func single(name, about string, s synth.Spec) fitFile {
	return fitFile{name: name, about: about, files: [][]synth.Spec{{s}}}
}

func fixtures() []fitFile {
	treadmill := run(local("2026-10-20", 18, 30), 104, 2, 145, seg(synth.Segment{SpeedMPS: 2.8, CadenceSPM: 166, GCTms: 262, VOmm: 86}, 20))
	treadmill.SubSport = "treadmill"

	noDyn := run(local("2026-10-21", 7, 0), 105, 2, 150, seg(synth.Segment{SpeedMPS: 3.1, CadenceSPM: 170, GCTms: nan, VOmm: nan}, 20))

	noCad := run(local("2026-10-22", 7, 0), 106, 2, 146, seg(synth.Segment{SpeedMPS: 2.9, CadenceSPM: nan, GCTms: nan, VOmm: nan}, 15))
	noCad.NoCadence = true

	easy := synth.Segment{SpeedMPS: 2.9, CadenceSPM: 170, GCTms: 250, VOmm: 82}
	walkBreaks := run(local("2026-10-23", 7, 0), 107, 2, 142,
		seg(easy, 6), seg(walking, 1), seg(easy, 5),
		synth.Segment{DurationS: 90, Paused: true},
		seg(easy, 4), seg(walking, 1), seg(easy, 4))

	bike := run(local("2026-10-25", 9, 0), 108, 2, 135, seg(synth.Segment{SpeedMPS: 7.5, CadenceSPM: 88, GCTms: nan, VOmm: nan}, 12))
	bike.Sport, bike.SubSport = "cycling", "road"
	transition := synth.Spec{Sport: "transition", Seed: 109, RecordEveryS: 2, HeartRateBPM: 128,
		Segments: []synth.Segment{{DurationS: 90, SpeedMPS: 1.2, CadenceSPM: nan, GCTms: nan, VOmm: nan}}}
	brick := run(time.Time{}, 110, 2, 150, seg(goodForm, 12))

	summaryFirst := run(local("2026-10-31", 7, 0), 116, 2, 149, seg(goodForm, 20))
	summaryFirst.SummaryFirst = true

	sparse := run(local("2026-11-01", 7, 0), 117, 2, 148, seg(goodForm, 15))
	sparse.SplitRecords, sparse.PositionOnly = true, true

	halved := func(form synth.Segment, minutes float64) synth.Segment {
		s := seg(form, minutes)
		s.CadenceFactor = 0.5
		return s
	}
	steady := synth.Segment{SpeedMPS: 3.1, CadenceSPM: 170, GCTms: nan, VOmm: nan}
	halvedCad := run(local("2026-10-19", 8, 0), 118, 1, 151,
		seg(steady, 8), halved(steady, 10), seg(steady, 6),
		synth.Segment{DurationS: 40, SpeedMPS: 3.1, CadenceSPM: 170, GCTms: nan, VOmm: nan, CadenceFactor: 0.5},
		seg(steady, 5))

	return []fitFile{
		single("fit/good-form.fit", "steady run, good form",
			run(local("2026-10-15", 7, 5), 101, 1, 148, seg(goodForm, 25))),
		single("fit/overstride.fit", "steady run, overstriding: low cadence, long contact",
			run(local("2026-10-16", 7, 5), 102, 1, 152, seg(overstride, 15))),
		single("fit/fatigue-overstride.fit", "starts with good form; from 60 % of the timer time cadence falls by up to 12 spm and contact time rises by up to 35 ms (linear, full at the end)",
			withFatigue(run(local("2026-10-18", 9, 30), 103, 2, 150, seg(goodForm, 30)))),
		single("fit/treadmill.fit", "treadmill run (sub_sport treadmill), constant altitude", treadmill),
		single("fit/no-dynamics.fit", "cadence but no running-dynamics pod: stance time and vertical oscillation are absent from the record definition", noDyn),
		single("fit/no-cadence.fit", "no cadence, no dynamics: the cadence fields are absent from the file", noCad),
		single("fit/walk-breaks.fit", "run 6 min, walk 1 min, run 5 min, pause 90 s (timer stop/start events, no records), run 4 min, walk 1 min, run 4 min; walking records carry cadence but invalid stance time and VO", walkBreaks),
		{name: "fit/multisport.fit", about: "one activity, three sessions: cycling (road; cadence in rpm), transition, running",
			files: [][]synth.Spec{{bike, transition, brick}}},
		single("fit/summary-first.fit", "steady run, good form; laps and session written before the records, each with its timestamp (end) equal to its start_time (as the Forerunner 965 does)", summaryFirst),
		single("fit/sparse-records.fit", "steady run, good form; every record split into two messages with one timestamp (distance/speed/altitude, then heart rate/cadence/dynamics), and a position-only record one second after each (as Suunto watches write)", sparse),
		single("fit/halved-cadence.fit", "steady run at 3.1 m/s and 170 spm, no dynamics pod; cadence written halved (85 spm) from 8:00 to 18:00 and again for 40 s from 24:00 to 24:40", halvedCad),
		{name: "fit/chained.fit", about: "two complete FIT files back to back: a morning run with good form and an evening run overstriding",
			files: [][]synth.Spec{
				{run(local("2026-10-27", 7, 0), 111, 2, 147, seg(goodForm, 12))},
				{run(local("2026-10-27", 18, 0), 112, 2, 153, seg(overstride, 10))},
			}},
	}
}

// archive entries (all but inner.zip and readme.txt are runs runlog must find).
func archiveRuns() (a, b, nested synth.Spec) {
	a = run(local("2026-10-28", 7, 0), 113, 2, 148, seg(goodForm, 12))
	b = run(local("2026-10-29", 7, 0), 114, 2, 152, seg(overstride, 12))
	nested = run(local("2026-10-30", 7, 0), 115, 3, 148, seg(goodForm, 5))
	return a, b, nested
}

// demo is a runner's two weeks: good days, overstriding days, one treadmill
// run and one long run that falls apart.
func demo() []fitFile {
	tm := run(local("2026-11-06", 18, 15), 204, 3, 146, seg(synth.Segment{SpeedMPS: 2.8, CadenceSPM: 162, GCTms: 280, VOmm: 92}, 20))
	tm.SubSport = "treadmill"
	days := []struct {
		day   string
		about string
		spec  synth.Spec
	}{
		{"2026-11-02", "good form, 25 min", run(local("2026-11-02", 7, 10), 201, 3, 147, seg(goodForm, 25))},
		{"2026-11-04", "overstriding, 22 min", run(local("2026-11-04", 7, 10), 202, 3, 153, seg(demoOverstride, 22))},
		{"2026-11-06", "treadmill, mild overstride, 20 min", tm},
		{"2026-11-08", "long run, 40 min: good form, then fatigue from 60 % (−12 spm, +35 ms at the end)", withFatigue(run(local("2026-11-08", 9, 0), 203, 3, 150, seg(goodForm, 40)))},
		{"2026-11-10", "good form, 25 min", run(local("2026-11-10", 7, 10), 205, 3, 146, seg(goodForm, 25))},
		{"2026-11-11", "overstriding, 22 min", run(local("2026-11-11", 7, 10), 206, 3, 154, seg(synth.Segment{SpeedMPS: 3.0, CadenceSPM: 147, GCTms: 315, VOmm: 102}, 22))},
		{"2026-11-13", "good form, 20 min", run(local("2026-11-13", 7, 10), 207, 3, 147, seg(goodForm, 20))},
		{"2026-11-15", "overstriding, 30 min", run(local("2026-11-15", 9, 0), 208, 3, 155, seg(demoOverstride, 30))},
	}
	var out []fitFile
	for _, d := range days {
		out = append(out, single("demo/"+d.day+"-run.fit", d.about, d.spec))
	}
	return out
}

func main() {
	out := flag.String("out", "testdata", "directory to write the test files into")
	club := flag.String("club", "", "instead, write a generated club archive (a folder per athlete of hour-long runs and notes; synth.WriteClub) into this directory")
	athletes := flag.Int("athletes", 6, "with -club: number of athletes")
	runs := flag.Int("runs", 40, "with -club: runs per athlete, one a day")
	flag.Parse()
	if flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: gentestdata [-out dir] | -club dir [-athletes n] [-runs n]")
		os.Exit(2)
	}
	if *club != "" {
		paths, err := synth.WriteClub(*club, *athletes, *runs)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gentestdata:", err)
			os.Exit(1)
		}
		fmt.Fprintf(os.Stderr, "gentestdata: %d runs of %d athletes in %s\n", len(paths), *athletes, *club)
		return
	}
	if err := generate(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gentestdata:", err)
		os.Exit(1)
	}
}

func generate(out string) error {
	var readme strings.Builder
	readme.WriteString(readmeHead)

	section := func(title string, files []fitFile) error {
		fmt.Fprintf(&readme, "\n## %s\n\n", title)
		readme.WriteString(tableHead)
		for _, f := range files {
			data, err := encodeFile(f.files)
			if err != nil {
				return fmt.Errorf("%s: %w", f.name, err)
			}
			if err := write(out, f.name, data); err != nil {
				return err
			}
			if err := describe(&readme, f.name, f.about, f.files); err != nil {
				return fmt.Errorf("%s: %w", f.name, err)
			}
		}
		return nil
	}
	if err := section("testdata/fit", fixtures()); err != nil {
		return err
	}
	if err := writeArchive(out, &readme); err != nil {
		return err
	}
	if err := section("testdata/demo (an athlete folder: two weeks of runs)", demo()); err != nil {
		return err
	}
	if err := write(out, "demo/notes.md", []byte(demoNotes)); err != nil {
		return err
	}
	readme.WriteString(readmeTail)
	return write(out, "README.md", []byte(readme.String()))
}

// demoNotes is the demo runner's numbness journal: numb on the
// overstriding days and at the end of the long run, fine on the good days,
// one note without a run and one line runlog cannot use.
const demoNotes = `# Numbness journal (demo)

- 2026-11-02 07:40 easy run, feet fine
- 2026-11-04 07:40 left foot went numb after 3 km, toes tingling; new shoes felt tight across the top
- 2026-11-06 treadmill session, pins and needles in the left foot at the end
- 2026-11-08 long run: left toes numb from about 30 min, eased off after the run
- 2026-11-11 07:35 numb left foot again at 2 km, ball of the foot burning
- 2026-11-15 left foot numb after 20 min; laces tied tight
- 2026-11-17 rest day, left foot still tingling a little in the evening
fixed the laces, will see
`

func encodeFile(files [][]synth.Spec) ([]byte, error) {
	var b bytes.Buffer
	for _, legs := range files {
		if err := synth.EncodeMultisport(&b, legs); err != nil {
			return nil, err
		}
	}
	return b.Bytes(), nil
}

func write(out, name string, data []byte) error {
	path := filepath.Join(out, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "%7d  %s\n", len(data), path)
	return nil
}

// zipTime is the modification time stored in archive entries, fixed so the
// archives are byte-for-byte reproducible.
var zipTime = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

func writeArchive(out string, readme *strings.Builder) error {
	a, b, nested := archiveRuns()
	aData, err := encodeFile([][]synth.Spec{{a}})
	if err != nil {
		return err
	}
	bData, err := encodeFile([][]synth.Spec{{b}})
	if err != nil {
		return err
	}
	nData, err := encodeFile([][]synth.Spec{{nested}})
	if err != nil {
		return err
	}
	var gz bytes.Buffer
	zw, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if err != nil {
		return err
	}
	zw.Name = "b.FIT"
	zw.ModTime = zipTime
	if _, err := zw.Write(bData); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	inner, err := zipOf([]zipEntry{{"nested.fit", nData}})
	if err != nil {
		return err
	}
	outer, err := zipOf([]zipEntry{
		{"readme.txt", []byte("Exported activities.\nrunlog reads runs/a.fit and runs/b.FIT.gz; it must ignore inner.zip (archives inside archives are not opened).\n")},
		{"runs/a.fit", aData},
		{"runs/b.FIT.gz", gz.Bytes()},
		{"inner.zip", inner},
	})
	if err != nil {
		return err
	}
	if err := write(out, "fit/archive.zip", outer); err != nil {
		return err
	}
	entries := []struct {
		name, about string
		spec        synth.Spec
	}{
		{"fit/archive.zip!runs/a.fit", "good form (archive entry)", a},
		{"fit/archive.zip!runs/b.FIT.gz", "overstriding (gzip inside the archive, upper-case extension)", b},
		{"fit/archive.zip!inner.zip!nested.fit", "inside a nested zip: runlog must NOT read it", nested},
	}
	for _, e := range entries {
		if err := describe(readme, e.name, e.about, [][]synth.Spec{{e.spec}}); err != nil {
			return err
		}
	}
	fmt.Fprintf(readme, "| fit/archive.zip!readme.txt | – | not a FIT file: skipped |%s\n", strings.Repeat(" |", 9))
	return nil
}

type zipEntry struct {
	name string
	data []byte
}

func zipOf(entries []zipEntry) ([]byte, error) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(e.data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

const readmeHead = `# Test data

Generated by ` + "`go run ./cmd/gentestdata -out testdata`" + ` (` + "`make testdata`" + `) with
package ` + "`fitparse/synth`" + `. Do not edit the FIT files or this table by hand: change
the generator and run it again. The output is byte-for-byte reproducible.

How to read the tables:

- **Target** is what the generator aims at: speed (m/s), cadence (steps/min),
  ground-contact time (ms), vertical oscillation (mm). Every record adds
  uniform jitter of at most ±0.05 m/s, ±1.5 spm, ±4 ms, ±3 mm and ±2 bpm.
  "–" means the value is not recorded (absent or FIT-invalid, never 0).
- **Written** are the session message's values, which synth computes from the
  records it wrote (each record weighted by the seconds it covers; paused time
  excluded). Cadence is shown in steps/min; the file stores strides/min
  (` + "`cadence + fractional_cadence/128`" + ` = spm / 2), except for cycling (rpm).
- Times are local (UTC+01:00); every activity carries ` + "`local_timestamp`" + `, and
  every file has a user_profile with height 178 cm. Laps close every 1 km.
- Record distance is cumulative over the whole file (in multisport files the
  running session's records continue the cycling distance).
`

const tableHead = `| File | Session | Content | Start (local) | Sport | Timer / elapsed | Every | Target spd / spm / GCT / VO | Distance | Written spd / spm / GCT / VO | Records / laps | HR |
|---|---|---|---|---|---|---|---|---|---|---|---|
`

const readmeTail = `
Also worth knowing:

- testdata/demo/notes.md is the demo runner's numbness journal (written by the
  generator too): numb on the overstriding days, the treadmill day and at the
  end of the long run; fine on the good days; one note on a day without a run
  and one line without a date, which runlog reports as a warning.

- Fatigue ramps are linear over the timer time from 60 % to the end; averaged
  over the last third the cadence is 0.583 × 12 ≈ 7 spm lower and contact time
  0.583 × 35 ≈ 20 ms longer than before 60 %.
- Walk breaks run at 1.4 m/s and 110 spm with no running dynamics; the file's
  record definition still has the stance-time and VO fields, so those records
  carry the FIT invalid value.
- Device: manufacturer "development" (255), product 1, product name
  "runlog synth", serial 3900123456.
`

func describe(w io.Writer, name, about string, files [][]synth.Spec) error {
	idx := 0
	for _, legs := range files {
		totals, err := synth.Describe(legs...)
		if err != nil {
			return err
		}
		for i, t := range totals {
			s := legs[i]
			every := s.RecordEveryS
			if every == 0 {
				every = 1
			}
			sport := t.Sport
			if t.SubSport != "generic" {
				sport += "/" + t.SubSport
			}
			fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %s / %s | %d s | %s | %.0f m | %s / %s / %s / %s | %d / %d | %s |\n",
				name, idx, about,
				t.Start.Add(cet).Format("2006-01-02 15:04"),
				sport,
				mmss(t.TimerS), mmss(t.ElapsedS), every,
				targets(s),
				t.DistanceM,
				num(t.AvgSpeedMPS, 2), num(t.AvgCadenceSPM, 1), num(t.AvgGCTms, 1), num(t.AvgVOmm, 1),
				t.Records, t.Laps,
				num(t.AvgHeartRateBPM, 0))
			idx++
			about = "〃"
		}
	}
	return nil
}

// targets summarises the running segments' targets.
func targets(s synth.Spec) string {
	var parts []string
	seen := map[string]bool{}
	for _, g := range s.Segments {
		if g.Paused {
			continue
		}
		cad := num(g.CadenceSPM, 0)
		if s.NoCadence {
			cad = "–"
		}
		p := fmt.Sprintf("%.1f / %s / %s / %s", g.SpeedMPS, cad, num(zeroNaN(g.GCTms), 0), num(zeroNaN(g.VOmm), 0))
		if !seen[p] {
			seen[p] = true
			parts = append(parts, p)
		}
	}
	out := strings.Join(parts, "; ")
	if s.FatigueFrom > 0 {
		out += fmt.Sprintf("; fatigue from %.0f %%: −%.0f spm, +%.0f ms", s.FatigueFrom*100, s.FatigueCadenceDropSPM, s.FatigueGCTRiseMS)
	}
	return out
}

func zeroNaN(v float64) float64 {
	if v == 0 {
		return nan
	}
	return v
}

func num(v float64, prec int) string {
	if math.IsNaN(v) {
		return "–"
	}
	return fmt.Sprintf("%.*f", prec, v)
}

func mmss(s float64) string {
	return fmt.Sprintf("%d:%02d", int(s)/60, int(s)%60)
}
