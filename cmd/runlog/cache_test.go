package main

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// cacheInputs is a folder of real runs to cache: the demo athlete and,
// when present, the real watch files.
func cacheInputs(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	copyAll := func(from string) {
		ents, _ := os.ReadDir(from)
		for _, e := range ents {
			if e.Type().IsRegular() {
				b, _ := os.ReadFile(filepath.Join(from, e.Name()))
				os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644)
			}
		}
	}
	copyAll(demoDir)
	copyAll(fixtureDir)
	return dir
}

// TestCacheSameBytes: a cold run, a warm run and a run without the cache
// print the same bytes, in every format and command.
func TestCacheSameBytes(t *testing.T) {
	in := cacheInputs(t)
	cacheDir := filepath.Join(t.TempDir(), "cache")
	now := time.Date(2026, 11, 16, 12, 0, 0, 0, time.UTC)
	run := func(env map[string]string, args ...string) (int, string, string) {
		e := map[string]string{"RUNLOG_CACHE_DIR": cacheDir, "RUNLOG_TZ": "UTC"}
		for k, v := range env {
			e[k] = v
		}
		var out, errOut strings.Builder
		code := mainIO(args, IOStreams{Out: &out, ErrOut: &errOut, Getenv: mapEnv(e), Now: func() time.Time { return now }})
		return code, out.String(), errOut.String()
	}
	for _, args := range [][]string{
		{"analyze", "--format", "json", in},
		{"analyze", "--format", "text", in},
		{"analyze", "--format", "csv", "--height-cm", "180", in},
		{"report", "--format", "json", in},
	} {
		os.RemoveAll(cacheDir)
		c0, none, nerr := run(map[string]string{"RUNLOG_NO_CACHE": "1"}, args...)
		if _, err := os.Stat(cacheDir); err == nil {
			t.Errorf("%v: RUNLOG_NO_CACHE=1 made a cache", args)
		}
		c1, cold, cerr := run(nil, args...)
		c2, warm, werr := run(nil, args...)
		if none != cold || cold != warm || nerr != cerr || cerr != werr || c0 != c1 || c1 != c2 {
			t.Errorf("%v: output differs with the cache (exit %d %d %d)", args, c0, c1, c2)
		}
		if info, err := os.Stat(cacheDir); err != nil || info.Mode().Perm() != 0o700 {
			t.Errorf("%v: cache folder %v %v", args, info, err)
		}
	}

	// Touch and edit: a file changed since it was cached is measured again.
	_, before, _ := run(nil, "analyze", "--format", "json", in)
	victim := filepath.Join(in, "2026-11-04-run.fit")
	later := time.Now().Add(time.Hour)
	os.Chtimes(victim, later, later)
	if _, touched, _ := run(nil, "analyze", "--format", "json", in); touched != before {
		t.Error("touching a file changed the report")
	}
	b, _ := os.ReadFile(filepath.Join(demoDir, "2026-11-11-run.fit"))
	os.WriteFile(victim, b, 0o644) // another run under the same name
	os.Chtimes(victim, later, later)
	_, fresh, _ := run(map[string]string{"RUNLOG_NO_CACHE": "1"}, "analyze", "--format", "json", in)
	_, edited, _ := run(nil, "analyze", "--format", "json", in)
	if edited != fresh || edited == before {
		t.Error("an edited file was served from the cache")
	}

	// A corrupt cache: a warning, the same report, and a cache again.
	os.WriteFile(filepath.Join(cacheDir, "cache.db"), []byte("garbage garbage garbage"), 0o600)
	code, out, stderr := run(nil, "analyze", "--format", "json", in)
	if out != fresh || !strings.Contains(stderr, "runlog: warning: cache") || code == exitFailed {
		t.Errorf("corrupt cache: exit %d, stderr %s", code, stderr)
	}
	// --no-cache and --cache-dir.
	other := filepath.Join(t.TempDir(), "c2")
	if _, out, _ := run(nil, "analyze", "--format", "json", "--cache-dir", other, in); out != fresh || !exists(filepath.Join(other, "cache.db")) {
		t.Error("--cache-dir not used")
	}
	nocache := filepath.Join(t.TempDir(), "c3")
	if _, out, _ := run(nil, "analyze", "--format", "json", "--no-cache", "--cache-dir", nocache, in); out != fresh || exists(nocache) {
		t.Error("--no-cache made a cache")
	}
	if code, _, stderr := run(map[string]string{"RUNLOG_NO_CACHE": "maybe"}, "analyze", in); code != exitUsage || !strings.Contains(stderr, "RUNLOG_NO_CACHE=maybe") {
		t.Errorf("RUNLOG_NO_CACHE=maybe: exit %d %s", code, stderr)
	}
}

// TestCacheConcurrentRuns: two runlog runs at once against one cache both
// print the report a run without the cache prints.
func TestCacheConcurrentRuns(t *testing.T) {
	in := cacheInputs(t)
	cacheDir := t.TempDir()
	env := func(off bool) map[string]string {
		e := map[string]string{"RUNLOG_CACHE_DIR": cacheDir}
		if off {
			e["RUNLOG_NO_CACHE"] = "1"
		}
		return e
	}
	_, want, _ := runIO(t, env(true), "analyze", "--format", "json", "--workers", "2", in)
	var wg sync.WaitGroup
	outs := make([]string, 4)
	errs := make([]string, 4)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, outs[i], errs[i] = runIO(t, env(false), "analyze", "--format", "json", "--workers", "2", in)
		}()
	}
	wg.Wait()
	for i := range outs {
		if outs[i] != want || strings.Contains(errs[i], "runlog: warning: cache") {
			t.Errorf("run %d: differs from the run without cache, or warned: %s", i, errs[i])
		}
	}
}
