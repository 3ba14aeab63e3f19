package analysis

import (
	"testing"
	"time"

	"github.com/runlog/runlog/fitparse"
	"github.com/runlog/runlog/fitparse/synth"
)

// threeHourRun is a 3-hour run recorded every second, with fatigue, walk
// breaks and a pause: the issue-3 benchmark input.
func threeHourRun(b *testing.B) []byte {
	segs := []synth.Segment{}
	for i := 0; i < 6; i++ {
		segs = append(segs, minutes(goodForm, 28), synth.Segment{DurationS: 60, SpeedMPS: 1.4, CadenceSPM: 110, GCTms: 0, VOmm: 0})
	}
	segs = append(segs[:len(segs)-1], synth.Segment{DurationS: 60, Paused: true}, minutes(goodForm, 6))
	return encodeSynth(b, synth.Spec{Start: time.Date(2026, 10, 1, 6, 0, 0, 0, time.UTC), Seed: 9, Segments: segs,
		FatigueFrom: 0.6, FatigueCadenceDropSPM: 10, FatigueGCTRiseMS: 30, HeartRateBPM: 150})
}

// BenchmarkAnalyze reports what analysing a 3-hour 1 Hz run costs next to
// decoding it, interleaving the two: analysis-% = analysis time ÷ decode
// time × 100 (issue 3 allows under 5).
func BenchmarkAnalyze(b *testing.B) {
	data := threeHourRun(b)
	var decode, analyse time.Duration
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		f := fitparse.Decode("3h.fit", data)
		t1 := time.Now()
		run := f.Runs()[0]
		runs := []RunResult{Measured(&run, nil, Options{})}
		Estimate(runs)
		decode += t1.Sub(t0)
		analyse += time.Since(t1)
		if len(runs[0].Measure.Splits) < 25 {
			b.Fatalf("%d splits", len(runs[0].Measure.Splits))
		}
	}
	b.ReportMetric(100*float64(analyse)/float64(decode), "analysis-%")
	b.ReportMetric(float64(analyse.Nanoseconds())/float64(b.N), "analysis-ns/run")
}

// BenchmarkMeasureOnly is the analysis of the same run without decoding in
// between (for profiling; BenchmarkAnalyze is the measure).
func BenchmarkMeasureOnly(b *testing.B) {
	run := fitparse.Decode("3h.fit", threeHourRun(b)).Runs()[0]
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		runs := []RunResult{Measured(&run, nil, Options{})}
		Estimate(runs)
	}
}
