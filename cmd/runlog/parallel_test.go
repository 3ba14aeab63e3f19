package main

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestMapLargestFirstKeepsOrder runs items that finish in a random order
// and checks that every result comes back, in the items' order, for any
// number of workers, and that done sees each result once.
func TestMapLargestFirstKeepsOrder(t *testing.T) {
	const n = 200
	items := make([]int, n)
	for i := range items {
		items[i] = i
	}
	for _, workers := range []int{0, 1, 2, 7} {
		rng := rand.New(rand.NewPCG(1, uint64(workers)))
		delays := make([]time.Duration, n)
		sizes := make([]int64, n)
		for i := range delays {
			delays[i] = time.Duration(rng.IntN(300)) * time.Microsecond
			sizes[i] = int64(rng.IntN(5))
		}
		seen := 0
		got := mapLargestFirst(items, func(i int) int64 { return sizes[i] }, workers,
			func(i int) int { time.Sleep(delays[i]); return i * i }, func(int) { seen++ })
		want := make([]int, n)
		for i := range want {
			want[i] = i * i
		}
		if !slices.Equal(got, want) || seen != n {
			t.Errorf("workers %d: results out of order or missing (%d done calls): first %v", workers, seen, got[:min(5, len(got))])
		}
	}
}

// TestMapLargestFirstStartsLargest: with several workers the items are
// started largest first, so that the longest does not run alone at the
// end; with one worker they run in their own order.
func TestMapLargestFirstStartsLargest(t *testing.T) {
	items := []int64{3, 90, 1, 50, 7}
	var mu sync.Mutex
	var started []int64
	record := func(s int64) int64 {
		mu.Lock()
		started = append(started, s)
		mu.Unlock()
		// A worker holds its item a while, so the next one can start only
		// after one of the first two finishes.
		time.Sleep(50 * time.Millisecond)
		return s
	}
	mapLargestFirst(items, func(s int64) int64 { return s }, 2, record, nil)
	// Two workers take items as they free up, so only the first two
	// starts are fixed: the two largest.
	if len(started) != len(items) || !slices.Contains(started[:2], 90) || !slices.Contains(started[:2], 50) {
		t.Errorf("started %v, want 90 and 50 first", started)
	}
	started = nil
	mapLargestFirst(items, func(s int64) int64 { return s }, 1, record, nil)
	if !slices.Equal(started, items) {
		t.Errorf("one worker started %v, want the items' order %v", started, items)
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

// TestOutRefusesWhatItWouldReplace: --out writes plain files only, never
// renames a report over a link, a pipe or a device, never over a file the
// report was read from, and writes the report private (0600).
func TestOutRefusesWhatItWouldReplace(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.md")
	os.WriteFile(notes, []byte("- 2026-11-02 easy run, feet fine\n"), 0o644)
	target := filepath.Join(dir, "target.txt")
	os.WriteFile(target, []byte("keep me"), 0o644)
	link := filepath.Join(dir, "link.txt")
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	good := filepath.Join("..", "..", "testdata", "fit", "good-form.fit")
	for _, out := range []string{link, notes, dir} {
		var o, e bytes.Buffer
		code := Main([]string{"analyze", "--no-cache", "--no-journal", "--notes", notes, "--out", out, good}, &o, &e)
		if code != exitUsage {
			t.Errorf("--out %s: exit %d, want %d; stderr %s", out, code, exitUsage, e.String())
		}
	}
	if b, _ := os.ReadFile(notes); !strings.Contains(string(b), "feet fine") {
		t.Errorf("the notes file was overwritten: %q", b)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi, err)
	}
	report := filepath.Join(dir, "report.md")
	var o, e bytes.Buffer
	if code := Main([]string{"analyze", "--no-cache", "--no-journal", "-f", "md", "--out", report, good}, &o, &e); code != exitOK {
		t.Fatalf("plain --out: exit %d, %s", code, e.String())
	}
	if fi, err := os.Stat(report); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("report mode %v, %v; want 0600", fi.Mode(), err)
	}
}
