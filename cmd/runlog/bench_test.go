package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/runlog/runlog/fitparse/baseline"
)

// BenchmarkAnalyzeVsTormoder measures `runlog analyze` end to end (read
// the files, decode, measure, judge, render JSON) against a bare tormoder
// fit.Decode of the same files' bytes, already in memory, doing nothing
// else. The three are interleaved in every iteration so machine noise hits
// them alike, and reported as ratios (issue 8 asks at least 1.5× with one
// worker, 2.8× with two): speedup-1w = bare time ÷ runlog time with
// --workers 1, speedup-2w the same with --workers 2. The files are the real
// fixtures that tormoder reads whole (docs/performance.md).
func BenchmarkAnalyzeVsTormoder(b *testing.B) {
	names, _ := filepath.Glob(filepath.Join(fixtureDir, "*.fit"))
	var paths []string
	var files [][]byte
	for _, p := range names {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		if baseline.TormoderDecode(data) != nil {
			continue // tormoder cannot read it: no yardstick
		}
		paths, files = append(paths, p), append(files, data)
	}
	if len(paths) == 0 {
		b.Skipf("real FIT fixtures not found at %s: skipping", fixtureDir)
	}
	var size int64
	for _, f := range files {
		size += int64(len(f))
	}
	analyze := func(workers string) {
		args := append([]string{"analyze", "--format", "json", "--workers", workers}, paths...)
		if code := Main(args, io.Discard, io.Discard); code == exitUsage {
			b.Fatal("usage error")
		}
	}
	b.SetBytes(size)
	b.ResetTimer()
	var bare, one, two time.Duration
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		for _, data := range files {
			baseline.TormoderDecode(data)
		}
		t1 := time.Now()
		analyze("1")
		t2 := time.Now()
		analyze("2")
		t3 := time.Now()
		bare, one, two = bare+t1.Sub(t0), one+t2.Sub(t1), two+t3.Sub(t2)
	}
	b.ReportMetric(float64(bare)/float64(one), "speedup-1w")
	b.ReportMetric(float64(bare)/float64(two), "speedup-2w")
	b.ReportMetric(float64(len(files)), "files")
}
