package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/runlog/runlog/fitparse/synth"
)

// BenchmarkScale1000 generates a club archive of 1,000 hour-long runs
// (10 athletes × 100, recorded every second: synth.ClubRun, 114 MB, in a
// temporary folder) and measures how runlog grows with it (issue 13):
//
//   - growth: `runlog analyze --workers 1 --format json` over the first 10,
//     100 and 1,000 of the files, each size repeated so that every
//     iteration analyses 1,000 files at each size, interleaved; reports
//     ms per file at each size and per-file-1000/10 = time per file at
//     1,000 ÷ at 10 (1 is linear; above 1, each file costs more in a
//     larger batch);
//   - peak-memory: the peak resident memory of `runlog analyze --format
//     json` over all 1,000 files in a process of its own (runlog built by
//     the benchmark), with 1 and 2 workers, and over 10 files for the
//     base (issue 13: at most 100 MB for 1,000 files). It is the kernel's
//     high-water mark of the process's own memory (VmHWM in
//     /proc/PID/status), read every millisecond while it runs: the
//     rusage max RSS that wait4 reports is no good here, because Go starts
//     a child with vfork and Linux then keeps the parent's (this
//     benchmark's, 100 MB and more) high-water mark as the child's.
//
// Reproduce: go test ./cmd/runlog -run '^$' -bench Scale1000 -benchtime 1x
func BenchmarkScale1000(b *testing.B) {
	if raceOn {
		b.Skip("the race detector multiplies time and memory: run without -race")
	}
	dir := b.TempDir()
	t0 := time.Now()
	paths, err := synth.WriteClub(dir, 10, 100)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("generated %d files in %v", len(paths), time.Since(t0).Round(time.Millisecond))
	// Files in the order athletes run them: day by day, athlete by athlete,
	// so the first 10 are 10 athletes' first run, not one athlete's.
	var order []string
	for i := range 100 {
		for a := range 10 {
			order = append(order, paths[a*100+i])
		}
	}
	analyze := func(files []string) {
		args := append([]string{"analyze", "--no-cache", "--no-journal", "--format", "json", "--workers", "1"}, files...)
		if code := Main(args, io.Discard, io.Discard); code != exitOK {
			b.Fatalf("runlog analyze: exit %d", code)
		}
	}
	b.Run("growth", func(b *testing.B) {
		sizes := []int{10, 100, 1000}
		took := make([]time.Duration, len(sizes))
		for i := 0; i < b.N; i++ {
			for k, n := range sizes {
				t := time.Now()
				for range 1000 / n {
					analyze(order[:n])
				}
				took[k] += time.Since(t)
			}
		}
		for k, n := range sizes {
			b.ReportMetric(float64(took[k].Microseconds())/1000/float64(b.N*1000), "ms/file-at-"+strconv.Itoa(n))
		}
		b.ReportMetric(float64(took[2])/float64(took[0]), "per-file-1000/10")
	})
	b.Run("peak-memory", func(b *testing.B) {
		if runtime.GOOS != "linux" {
			b.Skip("max RSS is read from Linux's rusage")
		}
		// runlog itself, not this test binary (whose test files' package
		// variables add to its memory).
		bin := filepath.Join(b.TempDir(), "runlog")
		build := exec.Command("go", "build", "-o", bin, ".")
		// TestMain points XDG_CACHE_HOME at a temporary folder; without it
		// go finds its usual build cache (else it builds everything anew).
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, "XDG_CACHE_HOME=") {
				build.Env = append(build.Env, kv)
			}
		}
		if out, err := build.CombinedOutput(); err != nil {
			b.Fatalf("go build: %v\n%s", err, out)
		}
		var base, one, two float64
		for i := 0; i < b.N; i++ {
			base += peakRSSMB(b, bin, "2", order[:10])
			one += peakRSSMB(b, bin, "1", []string{dir})
			two += peakRSSMB(b, bin, "2", []string{dir})
		}
		n := float64(b.N)
		b.ReportMetric(base/n, "MB-10-files")
		b.ReportMetric(one/n, "MB-1000-files-1w")
		b.ReportMetric(two/n, "MB-1000-files-2w")
	})
}

// peakRSSMB runs `bin analyze --format json` over inputs and returns its
// peak resident memory in MB (10^6 bytes): the largest VmHWM read from
// /proc/PID/status every millisecond until it exits (a rise in its last
// millisecond could be missed).
func peakRSSMB(b *testing.B, bin, workers string, inputs []string) float64 {
	b.Helper()
	cmd := exec.Command(bin, append([]string{"analyze", "--no-cache", "--no-journal", "--format", "json", "--workers", workers}, inputs...)...)
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		b.Fatalf("runlog analyze: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
	peakKB := 0
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for {
		if kb := vmHWMKB(status); kb > peakKB {
			peakKB = kb
		}
		select {
		case err := <-done:
			if err != nil {
				b.Fatalf("runlog analyze over %d inputs: %v", len(inputs), err)
			}
			if peakKB == 0 {
				b.Skip("no VmHWM in /proc")
			}
			return float64(peakKB) * 1024 / 1e6
		case <-tick.C:
		}
	}
}

// vmHWMKB reads a process's resident high-water mark (kB) from its
// /proc status file; 0 when it cannot (the process has ended).
func vmHWMKB(status string) int {
	data, err := os.ReadFile(status)
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return kb
		}
	}
	return 0
}
