package cache

import (
	"database/sql"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/runlog/runlog/analysis"
	"github.com/runlog/runlog/fitparse"
)

var demoDir = filepath.Join("..", "..", "..", "testdata", "demo")

// measured is a real FileResult: a demo run, measured.
func measured(t testing.TB) (Key, analysis.FileResult) {
	t.Helper()
	p := filepath.Join(demoDir, "2026-11-04-run.fit")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	f := fitparse.Decode(p, data)
	fr := analysis.MeasureFile(&f, analysis.Options{HeightCM: math.NaN()})
	if len(fr.Runs) != 1 {
		t.Fatalf("demo file: %d runs", len(fr.Runs))
	}
	k, err := NewKey(p, p, "opts")
	if err != nil {
		t.Fatal(err)
	}
	return k, fr
}

func warnings() (func(string), *[]string) {
	var mu sync.Mutex
	var got []string
	return func(s string) { mu.Lock(); got = append(got, s); mu.Unlock() }, &got
}

// TestRoundTrip: what Put stores, Get returns, down to the fields the
// analysis keeps unexported (a report computed from either is the same).
func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	k, fr := measured(t)
	c := Open(dir, 1, nil)
	defer c.Close()
	if _, ok := c.Get(k); ok {
		t.Fatal("hit in an empty cache")
	}
	c.Put(k, fr)
	got, ok := c.Get(k)
	if !ok {
		t.Fatal("miss after Put")
	}
	a, b := fr.Runs[0].Measure, got.Runs[0].Measure
	if fmt.Sprint(a.Timer(), a.Left(analysis.Motion(0)), a.Left(analysis.Motion(1))) != fmt.Sprint(b.Timer(), b.Left(analysis.Motion(0)), b.Left(analysis.Motion(1))) || a.Timer().RunningS == 0 {
		t.Errorf("timer form: %+v != %+v", a.Timer(), b.Timer())
	}
	if len(a.Bins) != len(b.Bins) || a.Span(0, 600).CadenceSPM != b.Span(0, 600).CadenceSPM {
		t.Errorf("bins differ: %d vs %d", len(a.Bins), len(b.Bins))
	}
	if h, m := c.Stats(); h != 1 || m != 1 {
		t.Errorf("stats %d hits %d misses", h, m)
	}
	if info, err := os.Stat(filepath.Join(dir, FileName)); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("cache file mode: %v %v", info.Mode(), err)
	}
	// The runs table, as docs/cache.md shows it.
	db, _ := sql.Open("sqlite", filepath.Join(dir, FileName))
	defer db.Close()
	var start string
	var cad float64
	if err := db.QueryRow(`SELECT start_utc, avg_cadence_spm FROM runs`).Scan(&start, &cad); err != nil || start != "2026-11-04T06:10:00Z" || cad < 140 {
		t.Errorf("runs table: %q %v %v", start, cad, err)
	}
}

// TestInvalidation: a touched file, an edited file, another analysis
// version or other options are measured again.
func TestInvalidation(t *testing.T) {
	dir := t.TempDir()
	k, fr := measured(t)
	c := Open(dir, 1, nil)
	c.Put(k, fr)
	for name, k2 := range map[string]Key{
		"touched": {Source: k.Source, Path: k.Path, Size: k.Size, ModTime: k.ModTime + 1, SHA256: k.SHA256, Options: k.Options},
		"edited":  {Source: k.Source, Path: k.Path, Size: k.Size, ModTime: k.ModTime, SHA256: strings.Repeat("0", 64), Options: k.Options},
		"resized": {Source: k.Source, Path: k.Path, Size: k.Size + 1, ModTime: k.ModTime, SHA256: k.SHA256, Options: k.Options},
		"options": {Source: k.Source, Path: k.Path, Size: k.Size, ModTime: k.ModTime, SHA256: k.SHA256, Options: "height_cm=180"},
		"renamed": {Source: "elsewhere.fit", Path: k.Path, Size: k.Size, ModTime: k.ModTime, SHA256: k.SHA256, Options: k.Options},
	} {
		if _, ok := c.Get(k2); ok {
			t.Errorf("%s: hit", name)
		}
	}
	if _, ok := c.Get(k); !ok {
		t.Error("unchanged: miss")
	}
	c.Close()
	bumped := Open(dir, 2, nil)
	defer bumped.Close()
	if _, ok := bumped.Get(k); ok {
		t.Error("version bump: hit")
	}
	bumped.Put(k, fr)
	if _, ok := bumped.Get(k); !ok {
		t.Error("after the bump, a new Put is a hit")
	}
	// An error result is never stored.
	bad := analysis.FileResult{Source: "x.fit", Err: &analysis.InputError{Source: "x.fit", Err: "x.fit: gone"}}
	kb := Key{Source: "x.fit", Path: "/x.fit", Options: "opts"}
	bumped.Put(kb, bad)
	if _, ok := bumped.Get(kb); ok {
		t.Error("an input error was cached")
	}
}

// TestCorruptForeignLocked: a cache runlog cannot use is rebuilt or
// bypassed, with a warning, and never stops it.
func TestCorruptForeignLocked(t *testing.T) {
	k, fr := measured(t)

	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, FileName), []byte("this is not a database, it is a shopping list"), 0o600)
	warn, got := warnings()
	c := Open(dir, 1, warn)
	if c == nil || len(*got) != 1 || !strings.Contains((*got)[0], "moved to cache.db.corrupt and rebuilt") {
		t.Fatalf("corrupt: %v %q", c, *got)
	}
	c.Put(k, fr)
	if _, ok := c.Get(k); !ok {
		t.Error("rebuilt cache does not work")
	}
	c.Close()

	// A cache file cut in half (a crash mid-copy): rebuilt too.
	whole, _ := os.ReadFile(filepath.Join(dir, FileName))
	if len(whole) > 200 {
		os.WriteFile(filepath.Join(dir, FileName), whole[:100], 0o600)
		os.Remove(filepath.Join(dir, FileName+"-wal"))
		warn, got = warnings()
		c = Open(dir, 1, warn)
		if c != nil {
			c.Put(k, fr)
			c.Get(k)
			c.Close()
		}
		if len(*got) == 0 {
			t.Error("a cache cut short gave no warning")
		}
	}

	foreign := t.TempDir()
	db, _ := sql.Open("sqlite", filepath.Join(foreign, FileName))
	if _, err := db.Exec(`CREATE TABLE photos (id INTEGER, name TEXT); INSERT INTO photos VALUES (1, 'holiday')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	warn, got = warnings()
	if c := Open(foreign, 1, warn); c != nil || len(*got) != 1 || !strings.Contains((*got)[0], "is not runlog's") {
		t.Errorf("foreign: %v %q", c, *got)
	}
	db, _ = sql.Open("sqlite", filepath.Join(foreign, FileName))
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM photos`).Scan(&n); err != nil || n != 1 {
		t.Errorf("another program's database was touched: %v %d", err, n)
	}
	db.Close()

	// Locked: another process holds a write transaction; Put gives up
	// after the busy timeout with one warning, Get still answers.
	old := BusyTimeout
	BusyTimeout = 200 * time.Millisecond
	defer func() { BusyTimeout = old }()
	locked := t.TempDir()
	warn, got = warnings()
	c = Open(locked, 1, warn)
	defer c.Close()
	holder, _ := sql.Open("sqlite", "file:"+filepath.Join(locked, FileName)+"?_pragma=busy_timeout(100)")
	defer holder.Close()
	conn, err := holder.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(t.Context(), `BEGIN EXCLUSIVE`); err != nil {
		t.Fatal(err)
	}
	c.Put(k, fr)
	c.Put(k, fr)
	if len(*got) != 1 || !strings.Contains((*got)[0], "writing failed") {
		t.Errorf("locked: %q", *got)
	}
	conn.ExecContext(t.Context(), `ROLLBACK`)
}

// TestConcurrentCaches: two caches (as two runlog processes) on one file,
// each writing and reading from several goroutines, lose nothing.
func TestConcurrentCaches(t *testing.T) {
	dir := t.TempDir()
	k, fr := measured(t)
	warn, got := warnings()
	a, b := Open(dir, 1, warn), Open(dir, 1, warn)
	defer a.Close()
	defer b.Close()
	var wg sync.WaitGroup
	for g := range 4 {
		c := a
		if g%2 == 1 {
			c = b
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 25 {
				ki := k
				ki.Source = fmt.Sprintf("run-%d-%d.fit", g%2, i) // both caches write the same 50 keys
				c.Put(ki, fr)
				if _, ok := c.Get(ki); !ok {
					t.Errorf("goroutine %d: miss right after Put of %s", g, ki.Source)
				}
			}
		}()
	}
	wg.Wait()
	if len(*got) != 0 {
		t.Errorf("warnings: %q", *got)
	}
	for i := range 25 {
		for s := range 2 {
			ki := k
			ki.Source = fmt.Sprintf("run-%d-%d.fit", s, i)
			if _, ok := a.Get(ki); !ok {
				t.Errorf("%s lost", ki.Source)
			}
		}
	}
}

// TestNewKey: the key follows the file's size, modification time and both
// ends of its bytes.
func TestNewKey(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.fit")
	big := make([]byte, 3*HashSpan)
	os.WriteFile(p, big, 0o644)
	k1, err := NewKey(p, p, "o")
	if err != nil || k1.Size != int64(len(big)) || !filepath.IsAbs(k1.Path) {
		t.Fatalf("%+v %v", k1, err)
	}
	mtime := time.Unix(1700000000, 0)
	for name, edit := range map[string]func(b []byte) []byte{
		"head": func(b []byte) []byte { b[10] = 1; return b },
		"tail": func(b []byte) []byte { b[len(b)-10] = 1; return b },
		"size": func(b []byte) []byte { return append(b, 0) },
	} {
		os.WriteFile(p, big, 0o644)
		os.Chtimes(p, mtime, mtime)
		before, _ := NewKey(p, p, "o")
		b := edit(append([]byte(nil), big...))
		os.WriteFile(p, b, 0o644)
		os.Chtimes(p, mtime, mtime) // even with the time put back
		after, _ := NewKey(p, p, "o")
		if before == after {
			t.Errorf("%s edit: same key", name)
		}
	}
	os.Chtimes(p, mtime.Add(time.Second), mtime.Add(time.Second))
	k2, _ := NewKey(p, p, "o")
	k3, _ := NewKey(p, p, "o")
	if k2.ModTime == k1.ModTime || k2 != k3 {
		t.Error("touch does not change the key, or the key is not stable")
	}
	entry, _ := NewKey(p+"!x/run.fit", p, "o")
	if !strings.HasSuffix(entry.Path, "a.fit!x/run.fit") {
		t.Errorf("zip entry path %q", entry.Path)
	}
	if _, err := NewKey(dir, dir, "o"); err == nil {
		t.Error("a folder has a key")
	}
}

// TestDecodeDamaged: damaged bytes are an error, never a panic.
func TestDecodeDamaged(t *testing.T) {
	_, fr := measured(t)
	blob, err := encode(&fr)
	if err != nil {
		t.Fatal(err)
	}
	var back analysis.FileResult
	if err := decode(blob, &back); err != nil || back.Source != fr.Source || len(back.Runs) != 1 {
		t.Fatalf("round trip: %v", err)
	}
	for _, cut := range []int{0, 1, len(blob) / 3, len(blob) - 1} {
		var x analysis.FileResult
		if err := decode(blob[:cut], &x); err == nil {
			t.Errorf("cut at %d: no error", cut)
		}
	}
	junk := append([]byte(nil), blob...)
	for i := range junk {
		if i%7 == 0 {
			junk[i] ^= 0xff
		}
	}
	var x analysis.FileResult
	decode(junk, &x) // must not panic; an error or garbage the key never serves
	if err := decode(append(blob, 0), &x); err == nil {
		t.Error("bytes left over: no error")
	}
}

// TestPrefetch: rows read ahead answer as Get does — a stored key hits, an
// unknown one and one whose file changed miss, a key of other options
// (not read ahead) is looked up on its own — and a nil cache always misses.
func TestPrefetch(t *testing.T) {
	k, fr := measured(t)
	c := Open(t.TempDir(), 1, nil)
	defer c.Close()
	c.Put(k, fr)
	other := k
	other.Options = "other opts"
	c.Put(other, fr)
	unknown := k
	unknown.Source, unknown.Path = "elsewhere.fit", "/nowhere/elsewhere.fit"
	changed := k
	changed.Size++

	b := c.Prefetch([]Key{k, unknown, changed})
	if got, ok := b.Get(k); !ok || len(got.Runs) != 1 || got.Runs[0].Start != fr.Runs[0].Start {
		t.Errorf("stored key: hit %v", ok)
	}
	if _, ok := b.Get(unknown); ok {
		t.Error("a key never stored hits")
	}
	if _, ok := b.Get(changed); ok {
		t.Error("a key whose file changed hits")
	}
	if _, ok := b.Get(other); !ok {
		t.Error("a key of other options, not read ahead, misses")
	}
	if h, m := c.Stats(); h != 2 || m != 2 {
		t.Errorf("stats %d hits %d misses, want 2 and 2", h, m)
	}
	var off *Cache
	if _, ok := off.Prefetch([]Key{k}).Get(k); ok {
		t.Error("a cache that is off hits")
	}
	// More keys than one query takes.
	many := make([]Key, 2*prefetchChunk+1)
	for i := range many {
		many[i] = unknown
		many[i].Source = fmt.Sprintf("f%d.fit", i)
	}
	many[prefetchChunk+7] = k
	if _, ok := c.Prefetch(many).Get(k); !ok {
		t.Error("a stored key in the second query misses")
	}
}
