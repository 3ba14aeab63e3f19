// Package cache keeps runlog's per-file results (analysis.FileResult) in a
// SQLite database, so that a rerun over an archive decodes only the files
// that changed. It never changes what runlog prints: a hit returns the
// result a fresh measurement of the same bytes gives, and any problem with
// the database (corrupt, locked, another program's) makes runlog warn and
// measure as if there were no cache.
//
// The database is modernc.org/sqlite (pure Go: no C compiler needed), in
// WAL mode with a busy timeout, so that two runlog processes can share it.
// Its tables are documented in docs/cache.md.
package cache

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/runlog/runlog/analysis"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Schema names the layout of the database; a database with another
// schema is rebuilt.
const Schema = "runlog.cache/1"

// FileName is the database's name in the cache folder.
const FileName = "cache.db"

// Cache is an open cache. A nil *Cache is a cache that is off: Get always
// misses and Put does nothing.
type Cache struct {
	db      *sql.DB
	getStmt *sql.Stmt
	path    string
	version int
	warn    func(string)
	once    sync.Once // the first failure is reported, not every one

	hits, misses atomic.Int64
}

// resultLayout fingerprints the Go types a stored result is laid out in.
var resultLayout = typeFingerprint(reflect.TypeOf(analysis.FileResult{}))

// BusyTimeout is how long a query waits for another runlog that holds the
// database before it gives up (and the file is measured without the cache).
var BusyTimeout = 10 * time.Second

// Stats returns how many Gets hit and missed.
func (c *Cache) Stats() (hits, misses int64) {
	if c == nil {
		return 0, 0
	}
	return c.hits.Load(), c.misses.Load()
}

// Key identifies one input's bytes and how they were measured.
type Key struct {
	Source  string // the input's name as given (it is in the output)
	Path    string // absolute path; "archive.zip!entry" for a zip entry
	Size    int64  // bytes of the file on disk (for a zip entry, the archive)
	ModTime int64  // modification time of the file on disk, Unix ns
	SHA256  string // hex SHA-256 of the file's size, first and last HashSpan bytes
	Options string // the measuring options (height, decoder, size limit)
}

// HashSpan is how much of each end of a file the key's hash covers. The
// whole file is not hashed: on a hit runlog would read every byte of an
// archive only to learn it had not changed, which costs as much as the
// lookup it guards. A FIT file ends with a CRC of all its bytes, so its
// last bytes change whenever any byte does; with the size and the
// modification time, the key misses only an edit that keeps the size,
// puts the modification time back and changes only the middle of a file
// whose writer did not update its CRC (docs/cache.md).
const HashSpan = 4 << 10

// NewKey makes the key of an input named source, whose bytes are in the
// file file on disk (for a zip entry, the archive); options says how it
// is measured. It reads at most 2×HashSpan bytes of the file.
func NewKey(source, file, options string) (Key, error) {
	k := Key{Source: source, Path: source, Options: options}
	if abs, err := filepath.Abs(file); err == nil {
		k.Path = abs + strings.TrimPrefix(source, file)
	}
	f, err := os.Open(file)
	if err != nil {
		return k, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return k, err
	}
	if !info.Mode().IsRegular() {
		return k, fmt.Errorf("%s is not a regular file", file)
	}
	k.Size, k.ModTime = info.Size(), info.ModTime().UnixNano()
	h := sha256.New()
	fmt.Fprintf(h, "%d\n", k.Size)
	head := make([]byte, min(k.Size, HashSpan))
	if _, err := io.ReadFull(f, head); err != nil {
		return k, err
	}
	h.Write(head)
	if k.Size > HashSpan {
		tail := make([]byte, min(k.Size-HashSpan, HashSpan))
		if _, err := f.ReadAt(tail, k.Size-int64(len(tail))); err != nil {
			return k, err
		}
		h.Write(tail)
	}
	k.SHA256 = hex.EncodeToString(h.Sum(nil))
	return k, nil
}

// Open opens (or creates) the cache in dir, for results of the given
// analysis version. warn receives what went wrong, in plain words; Open
// itself never fails: a cache that cannot be used is nil (off), after a
// warning. dir is created private (0700), the database file 0600.
func Open(dir string, version int, warn func(string)) *Cache {
	if warn == nil {
		warn = func(string) {}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		warn(fmt.Sprintf("cache folder %s cannot be created (%v); running without the cache", dir, plainErr(err)))
		return nil
	}
	path := filepath.Join(dir, FileName)
	c, err := open(path, version, warn)
	if err == nil {
		return c
	}
	var foreign errForeign
	if errors.As(err, &foreign) {
		warn(fmt.Sprintf("cache %s is not runlog's (%s); running without the cache", path, foreign.why))
		return nil
	}
	if !corrupt(err) {
		// Locked past the busy timeout, or the disk: leave it alone.
		warn(fmt.Sprintf("cache %s cannot be used (%v); running without the cache", path, err))
		return nil
	}
	// Corrupt: set it aside and start again.
	aside := path + ".corrupt"
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(aside + suffix)
		os.Rename(path+suffix, aside+suffix)
	}
	warn(fmt.Sprintf("cache %s could not be read (%v); moved to %s and rebuilt", path, err, filepath.Base(aside)))
	c, err = open(path, version, warn)
	if err != nil {
		warn(fmt.Sprintf("cache %s cannot be rebuilt (%v); running without the cache", path, err))
		return nil
	}
	return c
}

// corrupt reports whether err says the database file is damaged (not
// locked, not missing).
func corrupt(err error) bool {
	s := err.Error()
	return strings.Contains(s, "not a SQLite database") || strings.Contains(s, "not a database") ||
		strings.Contains(s, "malformed") || strings.Contains(s, "corrupt")
}

type errForeign struct{ why string }

func (e errForeign) Error() string { return e.why }

const createSQL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
	source    TEXT NOT NULL,
	path      TEXT NOT NULL,
	options   TEXT NOT NULL,
	size      INTEGER NOT NULL,
	mtime_ns  INTEGER NOT NULL,
	sha256    TEXT NOT NULL,
	version   INTEGER NOT NULL,
	layout    TEXT NOT NULL,
	result    BLOB NOT NULL,
	cached_at TEXT NOT NULL,
	PRIMARY KEY (source, path, options)
);
CREATE TABLE IF NOT EXISTS runs (
	path            TEXT NOT NULL,
	source          TEXT NOT NULL,
	session         INTEGER NOT NULL,
	start_utc       TEXT,
	local_date      TEXT,
	sport           TEXT,
	sub_sport       TEXT,
	device          TEXT,
	distance_m      REAL,
	timer_s         REAL,
	running_s       REAL,
	avg_speed_mps   REAL,
	avg_cadence_spm REAL,
	avg_gct_ms      REAL,
	avg_vo_mm       REAL,
	avg_step_m      REAL,
	avg_hr_bpm      REAL,
	sha256          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_by_file ON runs (source, path);
CREATE INDEX IF NOT EXISTS runs_by_start ON runs (start_utc);
`

func open(path string, version int, warn func(string)) (*Cache, error) {
	// A file that is there but is not SQLite at all is corrupt; SQLite
	// itself would only say so at the first query.
	if b, err := readHead(path); err == nil && len(b) > 0 && !bytes.HasPrefix(b, []byte("SQLite format 3\x00")) {
		return nil, errors.New("not a SQLite database")
	}
	// Create the file private before SQLite opens it: SQLite gives the
	// WAL and shared-memory files it adds the database file's mode, and
	// a chmod afterwards would leave them (and a window) as the umask says.
	if f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600); err == nil {
		f.Chmod(0o600)
		f.Close()
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Chmod(path+suffix, 0o600) // left by an older runlog, if any
	}
	dsn := "file:" + path + fmt.Sprintf("?_pragma=busy_timeout(%d)&", BusyTimeout.Milliseconds()) + "_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1) // one connection: the workers' queries take turns, never deadlock
	fail := func(err error) (*Cache, error) {
		db.Close()
		return nil, err
	}
	// A cache of this schema needs nothing written: one read says so,
	// and the write transaction below (a WAL commit on every run) is
	// left out. Anything else is checked again inside it.
	var current string
	if db.QueryRow(`SELECT value FROM meta WHERE key='schema'`).Scan(&current) == nil && current == Schema {
		return ready(db, path, version, warn)
	}
	// Check and create in one write transaction (BEGIN IMMEDIATE, waiting
	// for the busy timeout): two runlogs starting on a new cache at once
	// take turns, and neither sees the other's half-made tables.
	tx, err := db.Begin()
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	// Someone else's database: tables but no runlog meta.
	var n int
	if err := tx.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type='table'`).Scan(&n); err != nil {
		return fail(err)
	}
	var schema string
	err = tx.QueryRow(`SELECT value FROM meta WHERE key='schema'`).Scan(&schema)
	switch {
	case n == 0:
	case err != nil && strings.Contains(err.Error(), "no such table"):
		return fail(errForeign{fmt.Sprintf("it has %d tables and no runlog schema", n)})
	case errors.Is(err, sql.ErrNoRows):
		// runlog's meta table without a schema: made by a runlog that
		// stopped half-way; create what is missing.
	case err != nil:
		return fail(err)
	case schema != Schema:
		if _, err := tx.Exec(`DROP TABLE IF EXISTS files; DROP TABLE IF EXISTS runs; DELETE FROM meta`); err != nil {
			return fail(err)
		}
		warn(fmt.Sprintf("cache %s was made by another runlog (%s); rebuilt", path, schema))
	}
	if _, err := tx.Exec(createSQL); err != nil {
		return fail(err)
	}
	if _, err := tx.Exec(`INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)`, Schema); err != nil {
		return fail(err)
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return ready(db, path, version, warn)
}

// ready prepares the lookup of an open cache of the current schema.
func ready(db *sql.DB, path string, version int, warn func(string)) (*Cache, error) {
	get, err := db.Prepare(`SELECT size, mtime_ns, sha256, version, layout, result FROM files WHERE source=? AND path=? AND options=?`)
	if err != nil {
		db.Close()
		return nil, err
	}
	os.Chmod(path, 0o600)
	return &Cache{db: db, getStmt: get, path: path, version: version, warn: warn}, nil
}

func readHead(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, 16)
	n, _ := f.Read(b)
	return b[:n], nil
}

// Path is the database file; "" for a cache that is off.
func (c *Cache) Path() string {
	if c == nil {
		return ""
	}
	return c.path
}

// Close closes the database.
func (c *Cache) Close() error {
	if c == nil {
		return nil
	}
	c.getStmt.Close()
	return c.db.Close()
}

func (c *Cache) failed(what string, err error) {
	c.once.Do(func() {
		c.warn(fmt.Sprintf("cache %s: %s failed (%v); measuring without it", c.path, what, err))
	})
}

// Get returns the cached result for k, and whether there was one made from
// the same bytes (size, modification time, SHA-256) by the same analysis
// version.
func (c *Cache) Get(k Key) (analysis.FileResult, bool) {
	if c == nil {
		return analysis.FileResult{}, false
	}
	fr, ok := c.get(k)
	if ok {
		c.hits.Add(1)
	} else {
		c.misses.Add(1)
	}
	return fr, ok
}

func (c *Cache) get(k Key) (analysis.FileResult, bool) {
	var r stored
	err := c.getStmt.QueryRow(k.Source, k.Path, k.Options).Scan(&r.size, &r.mtime, &r.sum, &r.version, &r.layout, &r.blob)
	if errors.Is(err, sql.ErrNoRows) {
		return analysis.FileResult{}, false
	}
	if err != nil {
		c.failed("reading", err)
		return analysis.FileResult{}, false
	}
	return c.result(k, &r)
}

// stored is a row of the files table, as a lookup reads it.
type stored struct {
	size, mtime int64
	sum, layout string
	version     int
	blob        []byte
}

// result is the FileResult a stored row holds for k: a miss when the row
// is for other bytes, another analysis version or another layout, or does
// not decode (the file is then measured again).
func (c *Cache) result(k Key, r *stored) (analysis.FileResult, bool) {
	if r.size != k.Size || r.mtime != k.ModTime || r.sum != k.SHA256 || r.version != c.version || r.layout != resultLayout {
		return analysis.FileResult{}, false
	}
	var fr analysis.FileResult
	if err := decode(r.blob, &fr); err != nil {
		return analysis.FileResult{}, false
	}
	return fr, true
}

// Batch is the stored rows of a set of keys, read ahead in a few queries
// (Prefetch); its Get answers as Cache.Get does. It is safe for
// concurrent use.
type Batch struct {
	c     *Cache
	asked map[[3]string]bool    // the keys read ahead, by source, path, options
	rows  map[[3]string]*stored // the rows found for them
}

// prefetchChunk bounds the keys of one query (SQLite allows 32,766 bound
// values; a few hundred keep each statement small).
const prefetchChunk = 400

// Prefetch reads the stored rows of keys, prefetchChunk keys a query, so
// that a run over many files makes a few queries instead of one a file.
// A nil Cache gives a Batch that always misses; a query that fails is
// reported once, and its keys are looked up on their own by Get.
func (c *Cache) Prefetch(keys []Key) *Batch {
	b := &Batch{c: c, asked: map[[3]string]bool{}, rows: map[[3]string]*stored{}}
	if c == nil || len(keys) == 0 {
		return b
	}
	// One query serves keys of one measuring options (a run's keys all
	// share them); any other key is looked up on its own by Get.
	var same []Key
	for _, k := range keys {
		if k.Options == keys[0].Options {
			same = append(same, k)
		}
	}
	for start := 0; start < len(same); start += prefetchChunk {
		chunk := same[start:min(start+prefetchChunk, len(same))]
		args := make([]any, 0, 2*len(chunk)+1)
		args = append(args, chunk[0].Options)
		marks := make([]string, len(chunk))
		for i, k := range chunk {
			marks[i] = "(?, ?)"
			args = append(args, k.Source, k.Path)
		}
		rows, err := c.db.Query(`SELECT source, path, size, mtime_ns, sha256, version, layout, result FROM files
			WHERE options = ? AND (source, path) IN (VALUES `+strings.Join(marks, ", ")+`)`, args...)
		if err != nil {
			c.failed("reading", err)
			continue
		}
		found := map[[3]string]*stored{}
		ok := true
		for rows.Next() {
			var source, path string
			r := &stored{}
			if err := rows.Scan(&source, &path, &r.size, &r.mtime, &r.sum, &r.version, &r.layout, &r.blob); err != nil {
				c.failed("reading", err)
				ok = false
				break
			}
			found[[3]string{source, path, chunk[0].Options}] = r
		}
		if err := rows.Err(); err != nil {
			c.failed("reading", err)
			ok = false
		}
		rows.Close()
		if !ok {
			continue // these keys are looked up one by one
		}
		for _, k := range chunk {
			b.asked[[3]string{k.Source, k.Path, k.Options}] = true
		}
		for id, r := range found {
			b.rows[id] = r
		}
	}
	return b
}

// Get returns the stored result for k, as Cache.Get does, from the rows
// read ahead; a key that was not read ahead is looked up on its own.
func (b *Batch) Get(k Key) (analysis.FileResult, bool) {
	if b.c == nil {
		return analysis.FileResult{}, false
	}
	id := [3]string{k.Source, k.Path, k.Options}
	if !b.asked[id] {
		return b.c.Get(k)
	}
	r, ok := b.rows[id]
	if !ok {
		b.c.misses.Add(1)
		return analysis.FileResult{}, false
	}
	fr, hit := b.c.result(k, r)
	if hit {
		b.c.hits.Add(1)
	} else {
		b.c.misses.Add(1)
	}
	return fr, hit
}

// Put stores fr as the result for k, with one row per run in the runs
// table. Results that hold an input error are not stored: the error may be
// the file system's, not the file's.
func (c *Cache) Put(k Key, fr analysis.FileResult) {
	if c == nil || fr.Err != nil {
		return
	}
	blob, err := encode(&fr)
	if err != nil {
		c.failed("encoding a result", err)
		return
	}
	tx, err := c.db.Begin()
	if err != nil {
		c.failed("writing", err)
		return
	}
	defer tx.Rollback()
	exec := func(q string, args ...any) bool {
		if _, err := tx.Exec(q, args...); err != nil {
			c.failed("writing", err)
			return false
		}
		return true
	}
	if !exec(`DELETE FROM runs WHERE source=? AND path=?`, k.Source, k.Path) ||
		!exec(`INSERT OR REPLACE INTO files (source, path, options, size, mtime_ns, sha256, version, layout, result, cached_at) VALUES (?,?,?,?,?,?,?,?,?,?)`,
			k.Source, k.Path, k.Options, k.Size, k.ModTime, k.SHA256, c.version, resultLayout, blob, time.Now().UTC().Format(time.RFC3339)) {
		return
	}
	for i := range fr.Runs {
		r := &fr.Runs[i]
		f := r.Form()
		local := ""
		if d, ok := analysis.RunDay(r, time.UTC); ok && r.HasUTCOffset {
			local = d
		}
		start := ""
		if !r.Start.IsZero() {
			start = r.Start.UTC().Format(time.RFC3339)
		}
		if !exec(`INSERT INTO runs VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			k.Path, k.Source, r.Session, start, nullable(local), r.Sport, r.SubSport,
			strings.TrimSpace(r.Device.Manufacturer+" "+r.Device.Product),
			num(r.DistanceM), num(r.TimerS), num(r.RunningS()), num(f.SpeedMPS), num(f.CadenceSPM), num(f.GCTms),
			num(f.VOmm), num(f.StepLengthM), num(f.HeartRateBPM), k.SHA256) {
			return
		}
	}
	if err := tx.Commit(); err != nil {
		c.failed("writing", err)
	}
}

// num is v for SQL, NULL when it was not measured.
func num(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return v
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func plainErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
