package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
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
		args := append([]string{"analyze", "--no-cache", "--format", "json", "--workers", workers}, paths...)
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

// BenchmarkCacheWarmVsCold runs `runlog analyze` over 100 real files
// (copies of the fixtures and demo runs under different names) with an
// empty cache (cold: decode, measure, store) and with the cache filled by
// the run before (warm: read, hash, look up), interleaved, and reports
// warm-speedup = cold time ÷ warm time (issue 12 asks at least 10×;
// docs/performance.md). The output of both is checked to be the same bytes.
func BenchmarkCacheWarmVsCold(b *testing.B) {
	var srcs []string
	for _, pat := range []string{filepath.Join(fixtureDir, "*.fit"), filepath.Join(demoDir, "*.fit")} {
		names, _ := filepath.Glob(pat)
		for _, p := range names {
			if !strings.Contains(p, "corrupt") {
				srcs = append(srcs, p)
			}
		}
	}
	in := b.TempDir()
	for i := 0; i < 100; i++ {
		data, err := os.ReadFile(srcs[i%len(srcs)])
		if err != nil {
			b.Fatal(err)
		}
		os.WriteFile(filepath.Join(in, fmt.Sprintf("run-%03d.fit", i)), data, 0o644)
	}
	run := func(cacheDir string) string {
		var out bytes.Buffer
		ios := IOStreams{Out: &out, ErrOut: io.Discard, Getenv: mapEnv(map[string]string{"RUNLOG_CACHE_DIR": cacheDir, "RUNLOG_TZ": "UTC"})}
		if code := mainIO([]string{"analyze", "--no-journal", "--format", "json", "--workers", "1", in}, ios); code != exitOK && code != exitPartial {
			b.Fatalf("exit %d", code)
		}
		return out.String()
	}
	warmDir := b.TempDir()
	want := run(warmDir)
	b.ResetTimer()
	var cold, warm time.Duration
	for i := 0; i < b.N; i++ {
		coldDir := b.TempDir()
		t0 := time.Now()
		c := run(coldDir)
		t1 := time.Now()
		w := run(warmDir)
		t2 := time.Now()
		cold, warm = cold+t1.Sub(t0), warm+t2.Sub(t1)
		if c != want || w != want {
			b.Fatal("the cache changed the output")
		}
	}
	b.ReportMetric(float64(cold)/float64(warm), "warm-speedup")
	b.ReportMetric(float64(cold.Milliseconds())/float64(b.N), "cold-ms/op")
	b.ReportMetric(float64(warm.Milliseconds())/float64(b.N), "warm-ms/op")
}
