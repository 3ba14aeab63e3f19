package analysis

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/runlog/runlog/fitparse"
)

// TestCorruptionSweep damages every real fixture many ways — cut at offsets
// spread over the file and at each of its first 64 bytes, and with random
// bytes flipped (a seeded RNG, so a failure reproduces) — and reads each
// damaged copy in one folder together with an intact file, the way
// `runlog analyze` reads a folder. For every damaged copy: no panic, no hang
// (each file gets perFile), and it ends as runs (possibly cut short),
// skipped sessions, or an error that names it; the intact file's result is
// the same as when it is read alone.
//
// Under the race detector or -short it takes fewer variants (12 cuts, the
// first 16 bytes, 8 flipped copies per file instead of 40, 64 and 30).
func TestCorruptionSweep(t *testing.T) {
	names, _ := filepath.Glob(filepath.Join(fixtureDir, "*.fit*"))
	if len(names) == 0 {
		t.Skipf("real FIT fixtures not found at %s (they live in ../shared beside the project): skipping", fixtureDir)
	}
	cuts, head, flips := 40, 64, 30
	if raceOn || testing.Short() {
		cuts, head, flips = 12, 16, 8
	}
	const perFile = 10 * time.Second
	opt := Options{HeightCM: math.NaN()}

	intactName := "fenix5-run-short.fit"
	intactBytes, err := os.ReadFile(filepath.Join(fixtureDir, intactName))
	if err != nil {
		t.Fatal(err)
	}
	// The intact file's result read alone, under the name it has in dir.
	alone := func(dir string) FileResult {
		name := filepath.Join(dir, "zz-"+intactName)
		f := fitparse.Decode(name, intactBytes)
		fr := MeasureFile(&f, opt)
		if fr.Err != nil || len(fr.Runs) != 1 {
			t.Fatalf("%s alone: %+v", intactName, fr.Err)
		}
		return fr
	}

	rng := rand.New(rand.NewPCG(13, 13))
	total := 0
	for _, path := range names {
		orig, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		base := filepath.Base(path)
		ext := ".fit"
		if strings.HasSuffix(base, ".zip") {
			ext = ".zip"
		}
		dir := t.TempDir()
		write := func(name string, b []byte) {
			if err := os.WriteFile(filepath.Join(dir, name+ext), b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		for i := 1; i <= cuts; i++ {
			n := len(orig) * i / (cuts + 1)
			write(fmt.Sprintf("cut-%07d", n), orig[:n])
		}
		for n := 0; n < min(head, len(orig)); n++ {
			write(fmt.Sprintf("cut-%07d", n), orig[:n])
		}
		for i := 0; i < flips; i++ {
			b := append([]byte(nil), orig...)
			for k := 1 + rng.IntN(8); k > 0; k-- {
				b[rng.IntN(len(b))] ^= byte(1 + rng.IntN(255))
			}
			write(fmt.Sprintf("flip-%02d", i), b)
		}
		if err := os.WriteFile(filepath.Join(dir, "zz-"+intactName), intactBytes, 0o600); err != nil {
			t.Fatal(err)
		}

		// The folder is read as analyze reads it (fitparse.Files), in a
		// goroutine, so that a hang is a failure naming the file, not a
		// test binary killed at the deadline.
		results := make(chan FileResult)
		go func() {
			defer close(results)
			for f := range fitparse.Files([]string{dir}, fitparse.InputOptions{}) {
				results <- MeasureFile(&f, opt)
			}
		}()
		last := "(none yet)"
		var intact *FileResult
		for done := false; !done; {
			select {
			case fr, ok := <-results:
				if !ok {
					done = true
					break
				}
				total++
				last = fr.Source
				name := strings.TrimPrefix(fr.Source, dir+string(filepath.Separator))
				if strings.HasPrefix(name, "zz-") {
					fr := fr
					intact = &fr
					continue
				}
				switch {
				case fr.Err != nil:
					if !strings.HasPrefix(fr.Err.Err, fr.Source) {
						t.Errorf("%s %s: error does not name the file: %s", base, name, fr.Err.Err)
					}
				case len(fr.Runs) > 0 || len(fr.Skip) > 0:
				default:
					t.Errorf("%s %s: neither runs, nor skipped, nor an error", base, name)
				}
			case <-time.After(perFile):
				t.Fatalf("%s: no result %v after %s", base, perFile, last)
			}
		}
		if intact == nil {
			t.Fatalf("%s: the intact file was not read beside the damaged ones", base)
		}
		if got, w := fmt.Sprintf("%+v", *intact), fmt.Sprintf("%+v", alone(dir)); got != w {
			t.Errorf("%s: the intact file read beside the damaged ones differs from it read alone:\n%s\n%s", base, got, w)
		}
	}
	t.Logf("%d files read (%d fixtures, %d cuts + %d head cuts + %d flips each)", total, len(names), cuts, head, flips)
}
