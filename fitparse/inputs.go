package fitparse

// This file is the input layer: it turns the paths a user typed into a
// deterministic sequence of byte streams, one per FIT file, without caring
// whether a stream lives in a plain file, a gzip file or a zip archive.

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// DefaultMaxDecompressedBytes is the per-input size bound used when
// InputOptions.MaxDecompressedBytes is zero or negative: 64 MiB.
//
// Why this number: a FIT record message carrying every running field
// (timestamp, position, distance, speed, altitude, heart rate, cadence,
// dynamics, power, temperature) is on the order of 50–100 bytes. A 24-hour
// run recorded every second is 86 400 records, about 10 MB with laps and
// events; a two-day ultra stays under 20 MB, and ordinary activities are a few
// hundred KB to a few MB. 64 MiB is several times the largest plausible file,
// yet small enough that a decompression bomb or a mislabelled disk image
// costs at most that much memory per input before it is refused.
const DefaultMaxDecompressedBytes int64 = 64 << 20

// MaxZipEntries bounds the entries of one zip archive, of any kind (FIT or
// not): 100 000. A decade of daily runs is under 4 000 files, and a
// watch maker's full data export a few tens of thousands of entries, while
// archive/zip keeps every entry's header in memory (some hundred bytes
// each), so an archive claiming millions of tiny entries is refused before
// its table of contents is read (docs/decisions.md).
const MaxZipEntries = 100_000

// ErrTooLarge reports that an input is, or would decompress to, more bytes
// than InputOptions.MaxDecompressedBytes allows, or that a zip entry inflates
// past the size its own header declares. Test with errors.Is.
var ErrTooLarge = errors.New("input too large")

// InputOptions tunes Inputs and Files.
type InputOptions struct {
	// MaxDecompressedBytes bounds, in bytes, what one input may yield after
	// decompression. Zero or negative means DefaultMaxDecompressedBytes.
	// There is deliberately no "unlimited" setting.
	MaxDecompressedBytes int64
	// RaiseLimitHow tells the user how to raise MaxDecompressedBytes, in the
	// caller's terms (a command line's flag, say: "--max-input-mb"); a size
	// error that the limit caused ends "the limit can be raised (RaiseLimitHow)".
	// fitparse names no flag of its own. Empty: "the limit can be raised".
	RaiseLimitHow string
	// Decode says how Files decodes each input (the decoder that reads
	// first); Inputs ignores it.
	Decode DecodeOptions
}

func (o InputOptions) limit() int64 {
	if o.MaxDecompressedBytes <= 0 {
		return DefaultMaxDecompressedBytes
	}
	return o.MaxDecompressedBytes
}

// sizeLimit is the size bound as the input layer passes it along.
type sizeLimit struct {
	n   int64  // bytes
	how string // InputOptions.RaiseLimitHow
}

func (o InputOptions) bound() sizeLimit { return sizeLimit{n: o.limit(), how: o.RaiseLimitHow} }

// raise is the end of a size error the limit caused.
func (l sizeLimit) raise() string {
	if l.how == "" {
		return "the limit can be raised"
	}
	return "the limit can be raised (" + l.how + ")"
}

// sizeText says a number of bytes in MiB ("64 MiB", "70.3 MiB"), or in
// bytes under one MiB.
func sizeText(n uint64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n == 1:
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
}

// Input is one candidate FIT byte stream found by Inputs.
//
// Err is set when the problem was already known while listing: the path does
// not exist or cannot be read, a zip archive is corrupt, a zip entry
// declares more than the size limit, or a zip entry is itself a zip. Problems found later (a bad gzip header,
// a stream that grows past the limit) come from Open or from Read.
//
// Inputs may be kept and opened after the iteration has moved on, opened more
// than once, and opened from several goroutines at the same time.
type Input struct {
	// Name is the path as found (the path given, or joined under a walked
	// directory), or for a zip entry "archive.zip!dir/entry.fit": the
	// archive's name, "!", and the entry name as stored in the archive.
	Name string
	// Err, when non-nil, says why this path or entry could not be opened
	// or listed. It starts with Name.
	Err error
	// Size is how many bytes the input holds as listed (a file's size, a
	// zip entry's declared size), so that callers can start the largest
	// first; 0 when unknown. Reading never trusts it.
	Size int64

	open func() (io.ReadCloser, error)
}

// Open returns the input's decompressed bytes. A gzip stream (recognised by
// its magic bytes 1f 8b, whatever the file is called; a FIT file can never
// start with them) is decompressed, anything else is returned as is.
//
// The reader is bounded: once more than MaxDecompressedBytes bytes have come
// out of it, Read returns an error that names the input and the limit and
// wraps ErrTooLarge; at most one byte past the limit is ever decompressed.
// Every other error also starts with the input's name. The caller must Close
// the reader.
func (in Input) Open() (io.ReadCloser, error) {
	if in.Err != nil {
		return nil, in.Err
	}
	if in.open == nil {
		return nil, fmt.Errorf("%s: input has no source", in.Name)
	}
	return in.open()
}

// ReadAll opens the input, reads it to the end and closes it. On a read
// error it returns the bytes read before the error together with the error,
// so a caller can try to salvage a truncated .fit.gz; the bytes are never
// more than the size limit. Callers should still check errors.Is(err,
// ErrTooLarge) before using partial data.
func (in Input) ReadAll() ([]byte, error) {
	rc, err := in.Open()
	if err != nil {
		return nil, err
	}
	var b []byte
	if br, ok := rc.(*boundedReader); ok && br.sizeHint > 0 {
		b, err = readAllSized(rc, br.sizeHint)
	} else {
		b, err = io.ReadAll(rc)
	}
	if cerr := rc.Close(); err == nil && cerr != nil {
		err = cerr
	}
	return b, err
}

// readAllSized is io.ReadAll into a buffer of the expected size (+1, to see
// the end without growing): io.ReadAll starts at 512 bytes and doubles, and a
// season of files passes here. A reader that yields more than size still
// reads whole; the buffer grows as append grows it.
func readAllSized(r io.Reader, size int64) ([]byte, error) {
	b := make([]byte, 0, size+1)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}

// Inputs lists the FIT inputs found under paths, lazily: nothing is walked or
// opened before the caller asks for the next Input, and breaking out of the
// loop stops the walk. It starts no goroutines and leaves no file open
// between steps except the zip archive whose entries are being yielded.
//
// Rules:
//   - Paths are visited in the order given. A path that is missing or
//     unreadable yields one Input with Err set, and the walk goes on.
//   - A directory is walked recursively in lexical order. Files and
//     directories whose name starts with "." are skipped, symbolic links to
//     directories are not followed (a link to a file is read), and only
//     files ending in .fit, .fit.gz or .zip (in any letter case) are taken;
//     everything else is skipped silently.
//   - A file named in paths is read whatever it is called: it is a zip
//     archive when it starts with "PK\x03\x04" or "PK\x05\x06" or is named
//     *.zip, otherwise a (possibly gzipped) stream. So "runlog inspect
//     notes.txt" yields notes.txt, which fails later as "not a FIT file".
//     "-" is not special: read standard input by naming /dev/stdin.
//   - In a zip archive, entries ending in .fit or .fit.gz at any depth are
//     inputs, in order of entry name, whatever their path ("../x.fit" and
//     "/abs/x.fit" too: names are shown, never used as paths to write). An
//     entry ending in .zip is listed with Err set ("a zip inside a zip is
//     not read; unpack it first"), so the report shows it. Other entries
//     are ignored, as are entries with a path element starting with "."
//     (other than "." and "..") or named "__MACOSX" (the AppleDouble
//     "._run.fit" files macOS adds, which are not FIT data). A corrupt
//     archive yields one Input with Err set.
//
// An empty result is not an error; the caller decides whether "nothing found"
// deserves a warning.
func Inputs(paths []string, opt InputOptions) iter.Seq[Input] {
	limit := opt.bound()
	return func(yield func(Input) bool) {
		for _, p := range paths {
			if !listPath(p, limit, yield) {
				return
			}
		}
	}
}

// listPath yields the inputs for one command-line path. It reports whether
// the caller wants more.
func listPath(p string, limit sizeLimit, yield func(Input) bool) bool {
	if p == "" {
		return yield(Input{Name: p, Err: errors.New(`"": empty path`)})
	}
	fi, err := os.Stat(p)
	if err != nil {
		return yield(errInput(p, err))
	}
	if fi.IsDir() {
		return walkDir(p, limit, yield)
	}
	if hasSuffixFold(p, ".zip") {
		return listZip(p, limit, yield)
	}
	if fi.Mode().IsRegular() {
		magic, err := readMagic(p)
		if err != nil {
			return yield(errInput(p, err))
		}
		if isZipMagic(magic) {
			return listZip(p, limit, yield)
		}
	}
	// Pipes and devices (e.g. /dev/stdin) cannot be read twice, so they are
	// not sniffed here; Open looks for the gzip magic as it reads.
	in := fileInput(p, limit)
	if fi.Mode().IsRegular() {
		in.Size = fi.Size()
	}
	return yield(in)
}

// walkDir yields the inputs under the directory root. os.DirFS is used
// rather than filepath.WalkDir so that a root which is itself a symbolic link
// to a directory is still walked (the user named it), while links met inside
// the tree are not followed.
func walkDir(root string, limit sizeLimit, yield func(Input) bool) bool {
	more := true
	stop := func(ok bool) error {
		more = ok
		if !ok {
			return fs.SkipAll
		}
		return nil
	}
	_ = fs.WalkDir(os.DirFS(root), ".", func(p string, d fs.DirEntry, err error) error {
		name := root
		if p != "." {
			name = filepath.Join(root, filepath.FromSlash(p))
		}
		if err != nil {
			// An unreadable directory (or one that vanished): report it and
			// carry on with its siblings.
			return stop(yield(errInput(name, err)))
		}
		if p != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		isZip := hasSuffixFold(d.Name(), ".zip")
		if !isZip && !isFITName(d.Name()) {
			return nil
		}
		var size int64
		if !d.Type().IsRegular() {
			// A symbolic link is read only when it leads to a regular file;
			// one leading to a directory is not followed, and pipes, sockets
			// and devices inside a tree are not inputs.
			fi, err := os.Stat(name)
			if err != nil {
				return stop(yield(errInput(name, err)))
			}
			if !fi.Mode().IsRegular() {
				return nil
			}
			size = fi.Size()
		} else if fi, err := d.Info(); err == nil {
			size = fi.Size()
		}
		if isZip {
			return stop(listZip(name, limit, yield))
		}
		in := fileInput(name, limit)
		in.Size = size
		return stop(yield(in))
	})
	return more
}

// fileInput is a plain or gzipped file, opened only when asked.
func fileInput(name string, limit sizeLimit) Input {
	return Input{Name: name, open: func() (io.ReadCloser, error) {
		f, err := os.Open(name)
		if err != nil {
			return nil, nameErr(name, err)
		}
		fi, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, nameErr(name, err)
		}
		if fi.IsDir() {
			f.Close()
			return nil, fmt.Errorf("%s: is a directory", name)
		}
		size := int64(-1)
		if fi.Mode().IsRegular() {
			size = fi.Size()
		}
		return newStream(name, f, size, limit, f.Close, "")
	}}
}

// listZip yields the FIT entries of the zip archive at path.
func listZip(path string, limit sizeLimit, yield func(Input) bool) bool {
	a := &archive{path: path}
	if err := a.acquire(); err != nil {
		return yield(errInput(path, err))
	}
	// The listing holds the archive open while its entries are yielded, so
	// entries opened inside the loop body share one file descriptor.
	defer a.release()
	if n, ok := zipDeclaredEntries(a, a.size); ok && n > MaxZipEntries {
		return yield(Input{Name: path, Err: &plainError{
			msg:   fmt.Sprintf("%s: the zip archive declares %d entries, more than the %d runlog reads from one archive; unpack it and name its folder instead", path, n, MaxZipEntries),
			cause: ErrTooLarge,
		}})
	}
	zr, err := zip.NewReader(a, a.size)
	if err == nil && len(zr.File) > MaxZipEntries {
		return yield(Input{Name: path, Err: &plainError{
			msg:   fmt.Sprintf("%s: the zip archive holds %d entries, more than the %d runlog reads from one archive; unpack it and name its folder instead", path, len(zr.File), MaxZipEntries),
			cause: ErrTooLarge,
		}})
	}
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		// Entry names are never used as file system paths here, so an
		// "insecure" name (../x.fit) is harmless and not refused.
		if errors.Is(err, zip.ErrFormat) {
			return yield(Input{Name: path, Err: &plainError{
				msg:   path + ": not a readable zip archive (its table of contents is missing or damaged; a download cut short loses it)",
				cause: err,
			}})
		}
		return yield(errInput(path, err))
	}
	var files []*zip.File
	for _, zf := range zr.File {
		if (isFITName(zf.Name) || hasSuffixFold(zf.Name, ".zip")) && !hiddenEntry(zf.Name) {
			files = append(files, zf)
		}
	}
	slices.SortStableFunc(files, func(x, y *zip.File) int { return strings.Compare(x.Name, y.Name) })
	for _, zf := range files {
		name := path + "!" + zf.Name
		in := Input{Name: name, Size: int64(min(zf.UncompressedSize64, uint64(limit.n)))}
		if !isFITName(zf.Name) {
			// Shown, not read: archives are unpacked one level only, so
			// a nested archive cannot multiply a zip bomb, and the runner
			// learns why its runs are missing.
			in.Err = fmt.Errorf("%s: a zip inside a zip is not read; unpack it first", name)
		} else if zf.UncompressedSize64 > uint64(limit.n) {
			in.Err = &plainError{
				msg: fmt.Sprintf("%s: its zip header says it holds %s once decompressed, more than the %s limit; %s",
					name, sizeText(zf.UncompressedSize64), sizeText(uint64(limit.n)), limit.raise()),
				cause: ErrTooLarge,
			}
		} else {
			in.open = func() (io.ReadCloser, error) { return a.openEntry(name, zf, limit) }
		}
		if !yield(in) {
			return false
		}
	}
	return true
}

// zipDeclaredEntries reads how many entries the zip archive in r (size
// bytes) declares in its end-of-central-directory record (or the zip64
// one), without reading the directory itself. ok is false when the record
// cannot be found; zip.NewReader then says what is wrong.
func zipDeclaredEntries(r io.ReaderAt, size int64) (n uint64, ok bool) {
	const eocdLen, maxComment = 22, 1<<16 - 1
	tail := min(size, eocdLen+maxComment)
	buf := make([]byte, tail)
	if _, err := r.ReadAt(buf, size-tail); err != nil && err != io.EOF {
		return 0, false
	}
	i := bytes.LastIndex(buf, []byte("PK\x05\x06"))
	if i < 0 || len(buf)-i < eocdLen {
		return 0, false
	}
	n = uint64(binary.LittleEndian.Uint16(buf[i+10:]))
	if n != 0xFFFF || i < 20 || string(buf[i-20:i-16]) != "PK\x06\x07" {
		return n, true
	}
	// zip64: the locator before the record gives the zip64 record's offset.
	off := binary.LittleEndian.Uint64(buf[i-20+8:])
	rec := make([]byte, 40)
	if off > uint64(size) {
		return 0, false
	}
	if _, err := r.ReadAt(rec, int64(off)); err != nil || string(rec[:4]) != "PK\x06\x06" {
		return 0, false
	}
	return binary.LittleEndian.Uint64(rec[32:]), true
}

// archive is a zip file shared by the Inputs of its entries. The central
// directory is parsed once; the file descriptor is open only while the
// listing runs or an entry reader is open, and is reopened on demand, so
// keeping thousands of Inputs costs no descriptors.
type archive struct {
	path string

	mu    sync.Mutex
	f     *os.File
	users int         // open entry readers, plus one while listing
	id    os.FileInfo // the file as first opened
	size  int64       // bytes, as first opened
}

// acquire makes sure the archive is open and counts one more user.
func (a *archive) acquire() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.users == 0 {
		f, err := os.Open(a.path)
		if err != nil {
			return err
		}
		fi, err := f.Stat()
		if err != nil {
			f.Close()
			return err
		}
		switch {
		case !fi.Mode().IsRegular():
			f.Close()
			return errors.New("zip archive is not a regular file")
		case a.id == nil:
			a.id, a.size = fi, fi.Size()
		case !os.SameFile(a.id, fi) || fi.Size() != a.size || !fi.ModTime().Equal(a.id.ModTime()):
			// The directory parsed earlier no longer describes this file.
			f.Close()
			return errors.New("zip archive changed since it was listed")
		}
		a.f = f
	}
	a.users++
	return nil
}

// release drops one user and closes the file after the last.
func (a *archive) release() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.users--
	if a.users > 0 || a.f == nil {
		return nil
	}
	err := a.f.Close()
	a.f = nil
	return err
}

// ReadAt lets archive/zip read the file; it is only called by a holder of a
// reference, so the file cannot be closed underneath it.
func (a *archive) ReadAt(p []byte, off int64) (int, error) {
	a.mu.Lock()
	f := a.f
	a.mu.Unlock()
	if f == nil {
		return 0, os.ErrClosed
	}
	return f.ReadAt(p, off)
}

func (a *archive) openEntry(name string, zf *zip.File, limit sizeLimit) (io.ReadCloser, error) {
	if err := a.acquire(); err != nil {
		return nil, nameErr(name, err)
	}
	rc, err := zf.Open()
	if err != nil {
		a.release()
		return nil, readErr(name, err, "zip")
	}
	closeAll := func() error {
		// The decompressor's Close only repeats the error a Read already
		// returned (e.g. corrupt deflate data); what Close must report is a
		// failure to release the file.
		rc.Close()
		return a.release()
	}
	r, err := newStream(name, &zipEntry{rc: rc, declared: zf.UncompressedSize64}, -1, limit, closeAll, "zip")
	if b, ok := r.(*boundedReader); ok && b.container == "zip" {
		// What the zip header declares, within the limit: a lie costs at
		// most one allocation of the limit's size.
		b.sizeHint = int64(min(zf.UncompressedSize64, uint64(limit.n)))
	}
	return r, err
}

// zipEntry turns archive/zip's complaint about an entry that inflates past
// its declared size (reported as a bare zip.ErrFormat, at the first byte too
// many) into a size error, because that is what it is: a lying header is the
// usual shape of a zip bomb.
type zipEntry struct {
	rc       io.Reader
	declared uint64 // uncompressed bytes, from the central directory
}

func (z *zipEntry) Read(p []byte) (int, error) {
	n, err := z.rc.Read(p)
	if errors.Is(err, zip.ErrFormat) {
		err = &plainError{
			msg:   fmt.Sprintf("the entry decompresses to more than the %s its zip header declares, the usual shape of a zip bomb", sizeText(z.declared)),
			cause: errors.Join(ErrTooLarge, err),
		}
	}
	return n, err
}

// newStream sniffs src for gzip and wraps it in the size bound. rawSize is
// the stored size in bytes when known (-1 otherwise), so an oversized plain
// file is refused before any read. closeFn releases src. container is
// "zip" for a zip entry, "" for a file: it words the errors.
func newStream(name string, src io.Reader, rawSize int64, limit sizeLimit, closeFn func() error, container string) (io.ReadCloser, error) {
	br := bufio.NewReader(src)
	magic, err := br.Peek(2)
	if err != nil && err != io.EOF {
		closeFn()
		return nil, readErr(name, err, container)
	}
	var r io.Reader = br
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			closeFn()
			return nil, readErr(name, err, "gz")
		}
		r = zr
		container = "gz"
	} else if rawSize > limit.n {
		closeFn()
		size, max := sizeText(uint64(rawSize)), sizeText(uint64(limit.n))
		msg := fmt.Sprintf("%s: the file is %s, more than the %s limit; %s", name, size, max, limit.raise())
		if fmt.Sprintf("%.1f", float64(rawSize)/(1<<20)) == fmt.Sprintf("%.1f", float64(limit.n)/(1<<20)) {
			// "1.0 MiB, more than the 1 MiB limit" says nothing.
			msg = fmt.Sprintf("%s: the file is larger than the %s limit; %s", name, max, limit.raise())
		}
		return nil, &plainError{msg: msg, cause: ErrTooLarge}
	}
	b := &boundedReader{name: name, r: r, left: limit.n, limit: limit, close: closeFn, container: container}
	if container == "" && rawSize > 0 {
		b.sizeHint = rawSize // a plain file yields what it holds
	}
	return b, nil
}

// readErr names the input and says in plain words what went wrong while
// reading it: a .gz file or zip entry cut short or damaged. container is
// "gz" when a gzip layer was read, "zip" for a zip entry, "" for a plain
// file. The library's own error stays reachable through errors.Is and As.
func readErr(name string, err error, container string) error {
	what := map[string]string{"gz": "the .gz file", "zip": "the zip entry"}[container]
	var corrupt flate.CorruptInputError
	var msg string
	switch {
	case what == "":
		return nameErr(name, err)
	case errors.Is(err, io.ErrUnexpectedEOF):
		msg = what + " is cut short (its compressed data ends early)"
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, zip.ErrChecksum):
		msg = what + " is damaged (its checksum does not match its contents)"
	case errors.Is(err, gzip.ErrHeader):
		msg = "the file starts like a .gz file, but its gzip header is damaged"
	case errors.As(err, &corrupt):
		msg = what + " is damaged (its compressed data cannot be unpacked)"
	case errors.Is(err, zip.ErrAlgorithm):
		msg = "the zip entry is compressed with a method runlog cannot unpack (only stored and deflated entries can be read)"
	default:
		return nameErr(name, err)
	}
	return &plainError{msg: name + ": " + msg, cause: err}
}

// boundedReader hands out at most limit bytes and fails as soon as the
// source offers one more. All errors but io.EOF are prefixed with the name
// and sticky.
type boundedReader struct {
	name      string
	r         io.Reader
	sizeHint  int64 // bytes the input is expected to yield, for ReadAll; 0 when unknown
	left      int64 // bytes still allowed
	limit     sizeLimit
	container string // as newStream's
	err       error
	close     func() error
	closed    bool
}

func (b *boundedReader) Read(p []byte) (int, error) {
	if b.closed {
		return 0, fmt.Errorf("%s: %w", b.name, os.ErrClosed)
	}
	if b.err != nil {
		return 0, b.err
	}
	if len(p) == 0 {
		return 0, nil
	}
	if b.left <= 0 {
		// The allowance is used up: a stream that ends exactly here is
		// fine, one more byte is too many.
		var one [1]byte
		n, err := io.ReadFull(b.r, one[:])
		if n > 0 {
			b.err = &plainError{
				msg:   fmt.Sprintf("%s: more than %s once decompressed; %s", b.name, sizeText(uint64(b.limit.n)), b.limit.raise()),
				cause: ErrTooLarge,
			}
		} else {
			b.fail(err)
		}
		return 0, b.err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	if err != nil {
		b.fail(err)
	}
	return n, b.err
}

func (b *boundedReader) fail(err error) {
	if err == io.EOF {
		b.err = io.EOF
		return
	}
	var pe *plainError
	if errors.As(err, &pe) { // zipEntry's: say it after the name
		b.err = &plainError{msg: b.name + ": " + pe.msg, cause: err}
		return
	}
	b.err = readErr(b.name, err, b.container)
}

// Close releases the file or archive behind the reader. Closing twice is
// harmless.
func (b *boundedReader) Close() error {
	if b.closed {
		return nil
	}
	b.closed = true
	if err := b.close(); err != nil {
		return nameErr(b.name, err)
	}
	return nil
}

// readMagic returns up to the first 4 bytes of the file at path.
func readMagic(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, 4)
	n, err := io.ReadFull(f, buf)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, err
	}
	return buf[:n], nil
}

// isZipMagic recognises a local file header or an empty archive's
// end-of-central-directory record.
func isZipMagic(b []byte) bool {
	s := string(b)
	return s == "PK\x03\x04" || s == "PK\x05\x06"
}

func isFITName(name string) bool {
	return hasSuffixFold(name, ".fit") || hasSuffixFold(name, ".fit.gz")
}

// hasSuffixFold reports whether s ends with suffix, ignoring ASCII case
// only, so no exotic Unicode folding can make a name match. suffix must be
// lower case.
func hasSuffixFold(s, suffix string) bool {
	if len(s) < len(suffix) {
		return false
	}
	tail := s[len(s)-len(suffix):]
	for i := 0; i < len(suffix); i++ {
		c := tail[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != suffix[i] {
			return false
		}
	}
	return true
}

// hiddenEntry reports whether a zip entry lies in, or is, a dot-file or the
// __MACOSX metadata tree. Both separators are accepted because some Windows
// tools store backslashes. The path elements "." and ".." are not hidden
// names: "../runs/a.fit" and "./a.fit" are read like any entry (entry names
// are only ever shown, never used as paths to write).
func hiddenEntry(name string) bool {
	for _, el := range strings.FieldsFunc(name, func(r rune) bool { return r == '/' || r == '\\' }) {
		if el == "." || el == ".." {
			continue
		}
		if strings.HasPrefix(el, ".") || el == "__MACOSX" {
			return true
		}
	}
	return false
}

// errInput is an Input that could not be listed.
func errInput(name string, err error) Input {
	return Input{Name: name, Err: nameErr(name, err)}
}

// nameErr prefixes err with name. A *fs.PathError is unwrapped first, since
// its own path (often relative to a walked root) would only repeat or
// contradict the name; errors.Is(err, fs.ErrNotExist) still works.
func nameErr(name string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("%s: %w", name, err)
}
