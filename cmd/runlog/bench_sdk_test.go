package main

import (
	"bufio"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// jsBenchDir holds the Node script that times Garmin's JavaScript FIT SDK
// (testdata/jsbench; `npm ci` there installs the SDK).
var jsBenchDir = filepath.Join("..", "..", "testdata", "jsbench")

// jsSDK is a running `node decode.mjs --serve` over a set of files: each
// pass decodes every file once with Garmin's SDK and reports the time the
// decoding took inside Node (start-up, loading the SDK and reading the
// files are not counted).
type jsSDK struct {
	cmd   *exec.Cmd
	in    io.WriteCloser
	out   *bufio.Scanner
	ready struct {
		Files  int                 `json:"files"`
		Bytes  int64               `json:"bytes"`
		ColdNS int64               `json:"cold_ns"`
		Errors map[string][]string `json:"errors"`
	}
}

// startJSSDK starts the Node script over paths, or skips b with how to
// install what is missing.
func startJSSDK(b *testing.B, paths []string) *jsSDK {
	b.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		b.Skip("node not found: install Node.js (20 or later) to compare with Garmin's JavaScript FIT SDK")
	}
	if _, err := os.Stat(filepath.Join(jsBenchDir, "node_modules", "@garmin", "fitsdk")); err != nil {
		b.Skipf("Garmin's JavaScript FIT SDK is not installed: run `npm ci --prefix %s` (or make bench-js)", jsBenchDir)
	}
	abs := make([]string, len(paths))
	for i, p := range paths {
		abs[i], _ = filepath.Abs(p)
	}
	js := &jsSDK{cmd: exec.Command(node, append([]string{"decode.mjs", "--serve"}, abs...)...)}
	js.cmd.Dir = jsBenchDir
	js.cmd.Stderr = os.Stderr
	if js.in, err = js.cmd.StdinPipe(); err != nil {
		b.Fatal(err)
	}
	stdout, err := js.cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := js.cmd.Start(); err != nil {
		b.Fatal(err)
	}
	js.out = bufio.NewScanner(stdout)
	js.out.Buffer(make([]byte, 1<<20), 1<<20)
	if !js.out.Scan() {
		js.stop()
		b.Fatalf("node decode.mjs printed nothing: %v", js.out.Err())
	}
	if err := json.Unmarshal(js.out.Bytes(), &js.ready); err != nil {
		js.stop()
		b.Fatalf("node decode.mjs: %v: %s", err, js.out.Bytes())
	}
	return js
}

// pass asks for one more decoding of every file and returns its time.
func (js *jsSDK) pass(b *testing.B) time.Duration {
	if _, err := io.WriteString(js.in, "\n"); err != nil {
		b.Fatal(err)
	}
	if !js.out.Scan() {
		b.Fatalf("node decode.mjs stopped: %v", js.out.Err())
	}
	ns, err := strconv.ParseInt(strings.TrimSpace(js.out.Text()), 10, 64)
	if err != nil {
		b.Fatalf("node decode.mjs: %v", err)
	}
	return time.Duration(ns)
}

func (js *jsSDK) stop() {
	js.in.Close()
	js.cmd.Wait()
}

// BenchmarkAnalyzeVsJSSDK measures `runlog analyze` end to end (read the
// files, decode, measure, judge, render JSON) against Garmin's official
// JavaScript FIT SDK decoding the same files and nothing else (issue 13
// asks runlog to be at least 10× as fast). The files are the real fixtures
// and the demo runs that the SDK reads without an error (it refuses
// compressed-timestamp records and trips on one triathlon file; those are
// left out of both sides). The SDK runs in one Node process for the whole
// benchmark, so V8 has optimised its code after the first pass; each
// iteration times one SDK pass (measured inside Node: bytes already in
// memory, start-up not counted), then runlog with --workers 1, then with
// --workers 2, so that machine noise hits them alike. Reported:
// speedup-1w = SDK time ÷ runlog time with one worker (the SDK uses one
// core), speedup-2w the same with two, and speedup-cold-1w against the
// SDK's first pass in a fresh process (what a one-off script pays)
// divided by the mean one-worker runlog time.
func BenchmarkAnalyzeVsJSSDK(b *testing.B) {
	var cand []string
	for _, pat := range []string{filepath.Join(fixtureDir, "*.fit"), filepath.Join(demoDir, "*.fit")} {
		names, _ := filepath.Glob(pat)
		cand = append(cand, names...)
	}
	if len(cand) == 0 {
		b.Skip("no FIT files found")
	}
	// First find the files the SDK reads whole, then serve only those.
	js := startJSSDK(b, cand)
	var paths []string
	for _, p := range cand {
		abs, _ := filepath.Abs(p)
		if len(js.ready.Errors[abs]) == 0 {
			paths = append(paths, p)
		}
	}
	if len(paths) < len(cand) {
		js.stop()
		js = startJSSDK(b, paths)
	}
	defer js.stop()
	if len(js.ready.Errors) > 0 {
		b.Fatalf("the SDK reported errors on its second start: %v", js.ready.Errors)
	}
	analyze := func(workers string) {
		args := append([]string{"analyze", "--no-cache", "--no-journal", "--format", "json", "--workers", workers}, paths...)
		if code := Main(args, io.Discard, io.Discard); code != exitOK && code != exitPartial {
			b.Fatalf("runlog analyze: exit %d", code)
		}
	}
	// One pass of each before timing: page cache, V8's optimiser.
	js.pass(b)
	analyze("1")
	b.ResetTimer()
	var sdk, one, two time.Duration
	for i := 0; i < b.N; i++ {
		sdk += js.pass(b)
		t0 := time.Now()
		analyze("1")
		t1 := time.Now()
		analyze("2")
		t2 := time.Now()
		one, two = one+t1.Sub(t0), two+t2.Sub(t1)
	}
	b.ReportMetric(float64(sdk)/float64(one), "speedup-1w")
	b.ReportMetric(float64(sdk)/float64(two), "speedup-2w")
	b.ReportMetric(float64(js.ready.ColdNS)/(float64(one)/float64(b.N)), "speedup-cold-1w")
	b.ReportMetric(float64(sdk.Milliseconds())/float64(b.N), "sdk-ms/op")
	b.ReportMetric(float64(one.Milliseconds())/float64(b.N), "runlog-1w-ms/op")
	b.ReportMetric(float64(len(paths)), "files")
	b.ReportMetric(float64(js.ready.Bytes)/1e6, "MB")
}
