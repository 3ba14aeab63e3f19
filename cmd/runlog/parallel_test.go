package main

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestOrderedMapKeepsOrder runs items that finish in a random order and
// checks that every result comes back, in the input's order, for any
// number of workers.
func TestOrderedMapKeepsOrder(t *testing.T) {
	const n = 200
	in := func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
	for _, workers := range []int{0, 1, 2, 7} {
		rng := rand.New(rand.NewPCG(1, uint64(workers)))
		delays := make([]time.Duration, n)
		for i := range delays {
			delays[i] = time.Duration(rng.IntN(300)) * time.Microsecond
		}
		var got []int
		for v := range orderedMap(in, workers, func(i int) int { time.Sleep(delays[i]); return i * i }) {
			got = append(got, v)
		}
		want := make([]int, n)
		for i := range want {
			want[i] = i * i
		}
		if !slices.Equal(got, want) {
			t.Errorf("workers %d: results out of order or missing: got %d results, first %v", workers, len(got), got[:min(5, len(got))])
		}
	}
}

// TestOrderedMapStopsEarly breaks out of the loop and checks that no
// goroutine is left behind and the input is not read to its end.
func TestOrderedMapStopsEarly(t *testing.T) {
	before := runtime.NumGoroutine()
	read := 0
	in := func(yield func(int) bool) {
		for i := range 1_000_000 {
			read++
			if !yield(i) {
				return
			}
		}
	}
	for v := range orderedMap(in, 4, func(i int) int { return i }) {
		if v == 10 {
			break
		}
	}
	if read > 100 {
		t.Errorf("the input was read %d items deep after stopping at 10; in-flight items should be bounded", read)
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if g := runtime.NumGoroutine(); g > before {
		t.Errorf("%d goroutines after stopping, %d before", g, before)
	}
}

// TestWorkersSameBytes runs analyze and inspect in every format over the
// generated files, the demo athlete and, when present, the real fixtures,
// with one worker and with several: stdout and stderr must be identical.
func TestWorkersSameBytes(t *testing.T) {
	paths := []string{filepath.Join("..", "..", "testdata"), demoDir}
	if _, err := os.Stat(fixtureDir); err == nil {
		paths = append(paths, fixtureDir)
	} else {
		t.Logf("real FIT fixtures not found at %s: comparing on the generated files only", fixtureDir)
	}
	for _, args := range [][]string{
		{"analyze", "--format", "text"},
		{"analyze", "--format", "json"},
		{"analyze", "--format", "csv"},
		{"inspect", "--format", "json"},
	} {
		var outs, errs []string
		for _, w := range []string{"1", "2", "5"} {
			var out, errOut bytes.Buffer
			code := Main(append(append(slices.Clone(args), "--workers", w), paths...), &out, &errOut)
			if code == exitUsage {
				t.Fatalf("%v --workers %s: usage error: %s", args, w, errOut.String())
			}
			outs, errs = append(outs, out.String()), append(errs, errOut.String())
		}
		if len(outs[0]) < 100 {
			t.Fatalf("%v printed almost nothing: %q", args, outs[0])
		}
		for i := 1; i < len(outs); i++ {
			if outs[i] != outs[0] || errs[i] != errs[0] {
				t.Errorf("%v: output with several workers differs from --workers 1", args)
			}
		}
	}
}

// TestDecoderFlag: --decoder picks the decoder that reads first (the JSON
// says which read each run), and an unknown name is a usage error.
func TestDecoderFlag(t *testing.T) {
	for _, dec := range []string{"muktihari", "tormoder"} {
		var out, errOut bytes.Buffer
		Main([]string{"analyze", "--format", "json", "--decoder", dec, filepath.Join("..", "..", "testdata", "fit", "good-form.fit")}, &out, &errOut)
		var doc struct {
			Runs []struct{ Decoder string } `json:"runs"`
		}
		if err := json.Unmarshal(out.Bytes(), &doc); err != nil || len(doc.Runs) == 0 {
			t.Fatalf("--decoder %s: %v; stderr %s", dec, err, errOut.String())
		}
		if doc.Runs[0].Decoder != dec {
			t.Errorf("--decoder %s: the run was read by %q", dec, doc.Runs[0].Decoder)
		}
	}
	var out, errOut bytes.Buffer
	if code := Main([]string{"inspect", "--decoder", "fitsdk", "x.fit"}, &out, &errOut); code != exitUsage || !strings.Contains(errOut.String(), "tormoder") {
		t.Errorf("unknown decoder: exit %d, stderr %q", code, errOut.String())
	}
}
