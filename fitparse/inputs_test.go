package fitparse

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
)

// writeFile creates path (and its parents) holding data.
func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func gzipBytes(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type zipItem struct {
	name string
	data []byte
}

// zipBytes builds an archive with the items in the order given (a trailing
// "/" makes a directory entry).
func zipBytes(t *testing.T, items ...zipItem) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, it := range items {
		w, err := zw.Create(it.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(it.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// collect runs the iterator to the end.
func collect(paths []string, opt InputOptions) []Input {
	var out []Input
	for in := range Inputs(paths, opt) {
		out = append(out, in)
	}
	return out
}

func names(ins []Input) []string {
	var s []string
	for _, in := range ins {
		s = append(s, in.Name)
	}
	return s
}

// contents reads every input, failing the test on any error.
func contents(t *testing.T, ins []Input) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, in := range ins {
		b, err := in.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", in.Name, err)
		}
		m[in.Name] = string(b)
	}
	return m
}

func TestInputsWalkOrderExtensionsHidden(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"b.fit":              []byte("b"),
		"Z.fit":              []byte("Z"), // upper case sorts first: order is by bytes
		"a/x.fit":            []byte("ax"),
		"a/y.FIT":            []byte("ay"),
		"a/deep/er/d.Fit":    []byte("d"),
		"c.Fit.GZ":           gzipBytes(t, []byte("c")),
		"notes.txt":          []byte("skip: not a FIT name"),
		"run.fit.bak":        []byte("skip"),
		"gz.gz":              gzipBytes(t, []byte("skip")),
		".hidden.fit":        []byte("skip: hidden file"),
		".git/objects/z.fit": []byte("skip: hidden dir"),
		"a/._x.fit":          []byte("skip: AppleDouble"),
	}
	for name, data := range files {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), data)
	}
	// Make sure the directory walk picks up no directories named like files.
	if err := os.MkdirAll(filepath.Join(dir, "dir.fit"), 0o755); err != nil {
		t.Fatal(err)
	}
	extra := filepath.Join(t.TempDir(), "extra.fit")
	writeFile(t, extra, []byte("extra"))

	ins := collect([]string{extra, dir}, InputOptions{})
	want := []string{
		extra,
		filepath.Join(dir, "Z.fit"),
		filepath.Join(dir, "a", "deep", "er", "d.Fit"),
		filepath.Join(dir, "a", "x.fit"),
		filepath.Join(dir, "a", "y.FIT"),
		filepath.Join(dir, "b.fit"),
		filepath.Join(dir, "c.Fit.GZ"),
	}
	if got := names(ins); !slices.Equal(got, want) {
		t.Fatalf("names:\n got %q\nwant %q", got, want)
	}
	got := contents(t, ins)
	if got[filepath.Join(dir, "c.Fit.GZ")] != "c" || got[filepath.Join(dir, "a", "deep", "er", "d.Fit")] != "d" || got[extra] != "extra" {
		t.Errorf("contents: %q", got)
	}

	// Same inputs, same order, every time.
	if again := names(collect([]string{extra, dir}, InputOptions{})); !slices.Equal(again, want) {
		t.Errorf("second walk differs: %q", again)
	}
}

func TestInputsHiddenRootIsWalked(t *testing.T) {
	// Only hidden names *inside* a walked tree are skipped; a root the user
	// named is walked even if it starts with a dot.
	dir := filepath.Join(t.TempDir(), ".runs")
	writeFile(t, filepath.Join(dir, "r.fit"), []byte("r"))
	ins := collect([]string{dir}, InputOptions{})
	if got := names(ins); !slices.Equal(got, []string{filepath.Join(dir, "r.fit")}) {
		t.Errorf("got %q", got)
	}
}

func TestInputsZipEntries(t *testing.T) {
	dir := t.TempDir()
	inner := zipBytes(t, zipItem{"nested.fit", []byte("nested")})
	archive := filepath.Join(dir, "a.zip")
	writeFile(t, archive, zipBytes(t,
		zipItem{"z.fit", []byte("z")},
		zipItem{"dir/", nil},
		zipItem{"dir/x.fit", []byte("x")},
		zipItem{"dir/sub/y.FIT.gz", gzipBytes(t, []byte("y"))},
		zipItem{"inner.zip", inner},
		zipItem{"readme.txt", []byte("not an input")},
		zipItem{".trash/old.fit", []byte("hidden")},
		zipItem{"__MACOSX/dir/._x.fit", []byte("AppleDouble")},
		zipItem{"A.fit", []byte("A")},
	))

	ins := collect([]string{dir}, InputOptions{})
	want := []string{
		archive + "!A.fit",
		archive + "!dir/sub/y.FIT.gz",
		archive + "!dir/x.fit",
		archive + "!inner.zip", // listed, not opened
		archive + "!z.fit",
	}
	if got := names(ins); !slices.Equal(got, want) {
		t.Fatalf("names:\n got %q\nwant %q", got, want)
	}
	if err := ins[3].Err; err == nil || !strings.HasSuffix(err.Error(), "!inner.zip: a zip inside a zip is not read; unpack it first") {
		t.Errorf("nested zip: %v", err)
	}
	ins = slices.Delete(ins, 3, 4)
	got := contents(t, ins)
	if got[archive+"!dir/sub/y.FIT.gz"] != "y" || got[archive+"!dir/x.fit"] != "x" || got[archive+"!A.fit"] != "A" {
		t.Errorf("contents: %q", got)
	}
}

func TestInputsZipEntriesOpenedLaterAndConcurrently(t *testing.T) {
	dir := t.TempDir()
	archive := filepath.Join(dir, "many.zip")
	var items []zipItem
	for i := range 20 {
		items = append(items, zipItem{"run" + strconv.Itoa(100+i) + ".fit", bytes.Repeat([]byte{byte(i)}, 5000)})
	}
	writeFile(t, archive, zipBytes(t, items...))

	// Collect first, open afterwards: the archive has been closed by then
	// and must be reopened transparently.
	ins := collect([]string{archive}, InputOptions{})
	if len(ins) != 20 {
		t.Fatalf("got %d inputs", len(ins))
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(ins))
	for i, in := range ins {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, err := in.ReadAll()
			if err != nil {
				errs <- err
				return
			}
			if !bytes.Equal(b, bytes.Repeat([]byte{byte(i)}, 5000)) {
				errs <- errors.New(in.Name + ": wrong bytes")
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	// An archive replaced after listing is refused, not misread.
	writeFile(t, archive, zipBytes(t, zipItem{"other.fit", []byte("other, longer content")}))
	_, err := ins[0].Open()
	if err == nil || !strings.Contains(err.Error(), "changed") || !strings.HasPrefix(err.Error(), ins[0].Name) {
		t.Errorf("open after replacement: %v", err)
	}
}

func TestInputsMissingPathDoesNotStopOthers(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.fit")
	writeFile(t, good, []byte("good"))
	missing := filepath.Join(dir, "missing.fit")
	missingDir := filepath.Join(dir, "nope", "athlete")

	ins := collect([]string{missing, good, missingDir}, InputOptions{})
	if got := names(ins); !slices.Equal(got, []string{missing, good, missingDir}) {
		t.Fatalf("names %q", got)
	}
	for _, i := range []int{0, 2} {
		err := ins[i].Err
		if err == nil || !errors.Is(err, fs.ErrNotExist) || !strings.HasPrefix(err.Error(), ins[i].Name+": ") {
			t.Errorf("%s: err = %v", ins[i].Name, err)
		}
		if _, oerr := ins[i].Open(); oerr != err {
			t.Errorf("Open on an error input returned %v, want its Err", oerr)
		}
	}
	if ins[1].Err != nil {
		t.Errorf("good input has error %v", ins[1].Err)
	}
}

func TestInputsUnreadableDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can read anything")
	}
	dir := t.TempDir()
	locked := filepath.Join(dir, "a-locked")
	writeFile(t, filepath.Join(locked, "x.fit"), []byte("x"))
	writeFile(t, filepath.Join(dir, "b.fit"), []byte("b"))
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })

	secret := filepath.Join(t.TempDir(), "secret.fit")
	writeFile(t, secret, []byte("s"))
	if err := os.Chmod(secret, 0); err != nil {
		t.Fatal(err)
	}

	ins := collect([]string{dir, secret}, InputOptions{})
	if len(ins) != 3 || ins[0].Name != locked || !errors.Is(ins[0].Err, fs.ErrPermission) || ins[1].Err != nil {
		t.Fatalf("got %q, first err %v", names(ins), ins[0].Err)
	}
	// A file named explicitly is sniffed while listing, so it fails there.
	if ins[2].Name != secret || !errors.Is(ins[2].Err, fs.ErrPermission) {
		t.Errorf("unreadable explicit file: %q %v", ins[2].Name, ins[2].Err)
	}
}

func TestInputsExplicitFilesAnyName(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.txt")
	writeFile(t, notes, []byte("ran 10k, toes numb"))
	gz := filepath.Join(dir, "download") // gzip, told by its magic bytes
	writeFile(t, gz, gzipBytes(t, []byte("gzipped")))
	zipped := filepath.Join(dir, "export.dat") // zip, told by its magic bytes
	writeFile(t, zipped, zipBytes(t, zipItem{"r.fit", []byte("r")}))
	rawGz := filepath.Join(dir, "mislabelled.fit.gz") // not really gzip
	writeFile(t, rawGz, []byte("\x0e\x10plain"))
	empty := filepath.Join(dir, "empty")
	writeFile(t, empty, nil)

	ins := collect([]string{notes, gz, zipped, rawGz, empty}, InputOptions{})
	want := []string{notes, gz, zipped + "!r.fit", rawGz, empty}
	if got := names(ins); !slices.Equal(got, want) {
		t.Fatalf("names:\n got %q\nwant %q", got, want)
	}
	got := contents(t, ins)
	if got[notes] != "ran 10k, toes numb" || got[gz] != "gzipped" || got[zipped+"!r.fit"] != "r" ||
		got[rawGz] != "\x0e\x10plain" || got[empty] != "" {
		t.Errorf("contents %q", got)
	}
}

func TestInputsSymlinks(t *testing.T) {
	dir := t.TempDir()
	other := t.TempDir()
	writeFile(t, filepath.Join(other, "elsewhere.fit"), []byte("e"))
	writeFile(t, filepath.Join(other, "target.bin"), []byte("t"))
	root := filepath.Join(dir, "runs")
	writeFile(t, filepath.Join(root, "a.fit"), []byte("a"))
	links := map[string]string{
		filepath.Join(root, "linkdir"):    other,                                  // not followed
		filepath.Join(root, "linked.fit"): filepath.Join(other, "target.bin"),     // read
		filepath.Join(root, "broken.fit"): filepath.Join(other, "does-not-exist"), // error item
		filepath.Join(dir, "rootlink"):    root,                                   // named root: walked
	}
	for link, target := range links {
		if err := os.Symlink(target, link); err != nil {
			t.Skip("symlinks unavailable:", err)
		}
	}
	ins := collect([]string{root, filepath.Join(dir, "rootlink")}, InputOptions{})
	want := []string{
		filepath.Join(root, "a.fit"), filepath.Join(root, "broken.fit"), filepath.Join(root, "linked.fit"),
		filepath.Join(dir, "rootlink", "a.fit"), filepath.Join(dir, "rootlink", "broken.fit"), filepath.Join(dir, "rootlink", "linked.fit"),
	}
	if got := names(ins); !slices.Equal(got, want) {
		t.Fatalf("names:\n got %q\nwant %q", got, want)
	}
	if !errors.Is(ins[1].Err, fs.ErrNotExist) {
		t.Errorf("broken link: %v", ins[1].Err)
	}
	if b, err := ins[2].ReadAll(); err != nil || string(b) != "t" {
		t.Errorf("linked file: %q, %v", b, err)
	}
}

func TestInputsCorruptZip(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "a-bad.zip")
	writeFile(t, bad, []byte("PK\x03\x04 this is not really an archive"))
	writeFile(t, filepath.Join(dir, "b.fit"), []byte("b"))
	// A real archive cut short loses its central directory.
	full := zipBytes(t, zipItem{"r.fit", bytes.Repeat([]byte("r"), 1000)})
	cut := filepath.Join(dir, "c-cut.zip")
	writeFile(t, cut, full[:len(full)/2])

	ins := collect([]string{dir}, InputOptions{})
	if got := names(ins); !slices.Equal(got, []string{bad, filepath.Join(dir, "b.fit"), cut}) {
		t.Fatalf("names %q", got)
	}
	for _, in := range []Input{ins[0], ins[2]} {
		if !errors.Is(in.Err, zip.ErrFormat) || in.Err.Error() != in.Name+": not a readable zip archive (its table of contents is missing or damaged; a download cut short loses it)" {
			t.Errorf("%s: %v", in.Name, in.Err)
		}
	}
}

func TestInputsEarlyBreak(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.zip"), zipBytes(t, zipItem{"1.fit", nil}, zipItem{"2.fit", nil}))
	writeFile(t, filepath.Join(dir, "b.fit"), nil)
	// The iterator must stop at once: calling yield again after a break
	// would panic in the range-over-func machinery.
	for stopAt := 1; stopAt <= 3; stopAt++ {
		n := 0
		for range Inputs([]string{dir, dir}, InputOptions{}) {
			n++
			if n == stopAt {
				break
			}
		}
		if n != stopAt {
			t.Errorf("stopAt %d: saw %d", stopAt, n)
		}
	}
}

func TestInputsEmptyAndZeroValue(t *testing.T) {
	ins := collect([]string{""}, InputOptions{})
	if len(ins) != 1 || ins[0].Err == nil {
		t.Fatalf("empty path: %+v", ins)
	}
	if _, err := (Input{Name: "x"}).Open(); err == nil {
		t.Error("zero Input opened")
	}
	if len(collect(nil, InputOptions{})) != 0 {
		t.Error("no paths should yield nothing")
	}
}

func TestInputReaderCloseAndReadAfterClose(t *testing.T) {
	p := filepath.Join(t.TempDir(), "r.fit")
	writeFile(t, p, []byte("data"))
	in := collect([]string{p}, InputOptions{})[0]
	rc, err := in.Open()
	if err != nil {
		t.Fatal(err)
	}
	if err := rc.Close(); err != nil {
		t.Fatal(err)
	}
	if err := rc.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := rc.Read(make([]byte, 4)); !errors.Is(err, os.ErrClosed) {
		t.Errorf("read after close: %v", err)
	}
}

const testLimit = 1 << 20 // 1 MiB, small so that bomb tests stay quick

// writeGzipZeros streams n zero bytes through gzip into path, so the test
// never holds the decompressed data in memory.
func writeGzipZeros(t *testing.T, path string, n int64) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw, err := gzip.NewWriterLevel(f, gzip.BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.CopyN(zw, zeroReader{}, n); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// drain reads r to the end and returns how many bytes it gave.
func drain(r io.Reader) (int64, error) {
	return io.Copy(io.Discard, r)
}

// wantTooLarge checks the shape of a size error.
func wantTooLarge(t *testing.T, name string, err error, mentions string) {
	t.Helper()
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("%s: want ErrTooLarge, got %v", name, err)
	}
	if msg := err.Error(); !strings.HasPrefix(msg, name+": ") || !strings.Contains(msg, mentions) {
		t.Errorf("error %q should start with %q and mention %q", msg, name, mentions)
	}
}

func TestInputsGzipBomb(t *testing.T) {
	bomb := filepath.Join(t.TempDir(), "bomb.fit.gz")
	writeGzipZeros(t, bomb, 200<<20) // 200 MiB of zeros, about 0.9 MB on disk

	in := collect([]string{bomb}, InputOptions{MaxDecompressedBytes: testLimit})[0]
	rc, err := in.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	n, err := drain(rc)
	wantTooLarge(t, bomb, err, ": more than 1 MiB once decompressed; the limit can be raised")
	if n != testLimit {
		t.Errorf("read %d bytes before the error, want exactly the limit %d", n, testLimit)
	}
	// The error is sticky.
	if _, err2 := rc.Read(make([]byte, 10)); !errors.Is(err2, ErrTooLarge) {
		t.Errorf("second read: %v", err2)
	}
	b, err := in.ReadAll()
	wantTooLarge(t, bomb, err, ": more than 1 MiB once decompressed; the limit can be raised")
	if len(b) > testLimit {
		t.Errorf("ReadAll returned %d bytes, over the limit", len(b))
	}
}

func TestInputsLimitBoundary(t *testing.T) {
	dir := t.TempDir()
	exact := filepath.Join(dir, "exact.fit.gz")
	over := filepath.Join(dir, "over.fit.gz")
	writeGzipZeros(t, exact, testLimit)
	writeGzipZeros(t, over, testLimit+1)
	plainExact := filepath.Join(dir, "plain-exact.fit")
	plainOver := filepath.Join(dir, "plain-over.fit")
	writeFile(t, plainExact, make([]byte, testLimit))
	writeFile(t, plainOver, make([]byte, testLimit+1))

	ins := collect([]string{exact, over, plainExact, plainOver}, InputOptions{MaxDecompressedBytes: testLimit})
	if b, err := ins[0].ReadAll(); err != nil || len(b) != testLimit {
		t.Errorf("exactly the limit: %d bytes, %v", len(b), err)
	}
	_, err := ins[1].ReadAll()
	wantTooLarge(t, over, err, ": more than 1 MiB once decompressed; the limit can be raised")
	if b, err := ins[2].ReadAll(); err != nil || len(b) != testLimit {
		t.Errorf("plain file at the limit: %d bytes, %v", len(b), err)
	}
	// An oversized plain file is refused by its size, before any read.
	_, err = ins[3].Open()
	wantTooLarge(t, plainOver, err, ": the file is larger than the 1 MiB limit; the limit can be raised")
}

func TestInputsDefaultLimit(t *testing.T) {
	if (InputOptions{}).limit() != DefaultMaxDecompressedBytes || (InputOptions{MaxDecompressedBytes: -5}).limit() != DefaultMaxDecompressedBytes {
		t.Error("zero or negative option should mean the default")
	}
	if (InputOptions{MaxDecompressedBytes: 7}).limit() != 7 {
		t.Error("explicit limit ignored")
	}
}

func TestInputsZipEntryDeclaredTooLarge(t *testing.T) {
	archive := filepath.Join(t.TempDir(), "big.zip")
	writeFile(t, archive, zipBytes(t,
		zipItem{"big.fit", make([]byte, 2*testLimit)}, // compresses to a few KB
		zipItem{"small.fit", []byte("small")},
	))
	ins := collect([]string{archive}, InputOptions{MaxDecompressedBytes: testLimit})
	if got := names(ins); !slices.Equal(got, []string{archive + "!big.fit", archive + "!small.fit"}) {
		t.Fatalf("names %q", got)
	}
	// Refused from the header alone, at listing time.
	wantTooLarge(t, archive+"!big.fit", ins[0].Err, ": its zip header says it holds 2 MiB once decompressed, more than the 1 MiB limit; the limit can be raised")
	if _, err := ins[0].Open(); err != ins[0].Err {
		t.Errorf("Open: %v", err)
	}
	if b, err := ins[1].ReadAll(); err != nil || string(b) != "small" {
		t.Errorf("small entry: %q, %v", b, err)
	}
}

// lyingZip writes an archive whose single deflated entry holds actual bytes
// of zeros while its headers claim declared bytes.
func lyingZip(t *testing.T, path, entry string, declared uint64, actual int64) {
	t.Helper()
	var raw bytes.Buffer
	fw, err := flate.NewWriter(&raw, flate.BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.CopyN(fw, zeroReader{}, actual); err != nil {
		t.Fatal(err)
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name:               entry,
		Method:             zip.Deflate,
		CRC32:              crc32.ChecksumIEEE(make([]byte, declared)),
		CompressedSize64:   uint64(raw.Len()),
		UncompressedSize64: declared,
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(raw.Bytes()); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, buf.Bytes())
}

func TestInputsZipEntryLyingHeader(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		file     string
		declared uint64
		says     string
	}{
		{"tiny-claim.zip", 100, "100 bytes"},    // claims 100 bytes
		{"limit-claim.zip", testLimit, "1 MiB"}, // claims exactly the limit, passes the header check
		{"zero-claim.zip", 0, "0 bytes"},        // claims to be empty
		{"gz-claim.zip", 100, "100 bytes"},      // same, with a .fit.gz entry name
	} {
		t.Run(tc.file, func(t *testing.T) {
			entry := "run.fit"
			if strings.HasPrefix(tc.file, "gz") {
				entry = "run.fit.gz"
			}
			archive := filepath.Join(dir, tc.file)
			lyingZip(t, archive, entry, tc.declared, 32<<20) // really 32 MiB, 32 times the limit
			ins := collect([]string{archive}, InputOptions{MaxDecompressedBytes: testLimit})
			if len(ins) != 1 || ins[0].Err != nil {
				t.Fatalf("listing: %q %v", names(ins), ins[0].Err)
			}
			name := archive + "!" + entry
			b, err := ins[0].ReadAll()
			wantTooLarge(t, name, err, ": the entry decompresses to more than the "+tc.says+" its zip header declares")
			if !errors.Is(err, zip.ErrFormat) {
				t.Errorf("lying header should also read as a zip format error: %v", err)
			}
			if uint64(len(b)) > tc.declared {
				t.Errorf("got %d bytes, more than the %d declared", len(b), tc.declared)
			}
		})
	}
}

// countingReader counts the bytes taken from r.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func TestInputBoundedStreamStopsEarly(t *testing.T) {
	// The bomb must be refused after reading a small part of it, not after
	// inflating all of it.
	path := filepath.Join(t.TempDir(), "bomb.gz")
	writeGzipZeros(t, path, 200<<20)
	compressed, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	src := &countingReader{r: bytes.NewReader(compressed)}
	rc, err := newStream("bomb.gz", src, -1, sizeLimit{n: testLimit}, func() error { return nil }, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := drain(rc); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("want ErrTooLarge, got %v", err)
	}
	if src.n > int64(len(compressed))/20 {
		t.Errorf("consumed %d of %d compressed bytes to refuse a 1 MiB limit", src.n, len(compressed))
	}
}

// openFDs counts this process's open file descriptors where the OS shows
// them; ok is false elsewhere.
func openFDs() (n int, ok bool) {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return 0, false
	}
	return len(entries), true
}

func TestInputsCloseFiles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.zip"), zipBytes(t, zipItem{"1.fit", []byte("1")}, zipItem{"2.fit.gz", gzipBytes(t, []byte("2"))}))
	writeFile(t, filepath.Join(dir, "b.fit"), []byte("b"))
	writeFile(t, filepath.Join(dir, "c.fit.gz"), gzipBytes(t, []byte("c")))
	writeFile(t, filepath.Join(dir, "bad.zip"), []byte("nope"))
	before, ok := openFDs()
	if !ok {
		t.Skip("no /proc/self/fd")
	}
	var kept []Input
	for in := range Inputs([]string{dir, filepath.Join(dir, "missing")}, InputOptions{}) {
		kept = append(kept, in)
		if in.Err == nil {
			if _, err := in.ReadAll(); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, in := range kept { // again, after the listing has finished
		if in.Err == nil {
			if _, err := in.ReadAll(); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Break out in the middle of an archive.
	for in := range Inputs([]string{dir}, InputOptions{}) {
		if strings.HasSuffix(in.Name, "!1.fit") {
			break
		}
	}
	if after, _ := openFDs(); after != before {
		t.Errorf("open descriptors: %d before, %d after", before, after)
	}
}

// TestReadAllSized: the sized read gives the same bytes as io.ReadAll
// whether the size hint is exact, too small or too large.
func TestReadAllSized(t *testing.T) {
	data := bytes.Repeat([]byte("FIT runlog "), 1000)
	for _, hint := range []int64{1, 100, int64(len(data)) - 1, int64(len(data)), int64(len(data)) + 1, 1 << 20} {
		got, err := readAllSized(iotest.HalfReader(bytes.NewReader(data)), hint)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("hint %d: %d bytes, err %v", hint, len(got), err)
		}
	}
	if _, err := readAllSized(iotest.ErrReader(io.ErrUnexpectedEOF), 10); err != io.ErrUnexpectedEOF {
		t.Errorf("error lost: %v", err)
	}
}
