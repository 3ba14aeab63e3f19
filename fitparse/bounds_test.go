package fitparse

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestZipBombOfZeros: a zip holding 2 GiB of zeros as one .fit entry (a
// ~2 MB file: deflate packs zeros about 1000:1) is refused within seconds,
// and reading it never holds more than a few tens of MB: the entry is
// refused by its declared size when listed, and when the header lies about
// the size, by the bound as it is read.
func TestZipBombOfZeros(t *testing.T) {
	dir := t.TempDir()
	const total = 2 << 30
	zero := make([]byte, 1<<20)
	// The deflate stream is built from one block: 1 MiB of zeros deflated
	// by a fresh writer and flushed (byte-aligned, non-final, with no
	// reference to earlier data), repeated 2048 times, then an empty final
	// block. Deflating 2 GiB for real takes a minute under -race.
	var blk bytes.Buffer
	fw, _ := flate.NewWriter(&blk, flate.BestCompression)
	fw.Write(zero)
	fw.Flush()
	var end bytes.Buffer
	fe, _ := flate.NewWriter(&end, flate.BestCompression)
	fe.Close()
	stream := append(bytes.Repeat(blk.Bytes(), total/len(zero)), end.Bytes()...)
	crc := crc32.NewIEEE()
	for n := 0; n < total; n += len(zero) {
		crc.Write(zero)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "runs/bomb.fit", Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(len(stream)), UncompressedSize64: total})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(stream)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	honest := buf.Bytes()
	build := func(name string, lie bool) string {
		b := append([]byte(nil), honest...)
		if lie {
			// Declare 63 MiB in the central directory (and the local
			// header), under the limit, as a bomb would to slip past the
			// check at listing time: reading stops at 63 MiB + 1.
			cd := bytes.LastIndex(b, []byte("PK\x01\x02"))
			binary.LittleEndian.PutUint32(b[cd+24:], 63<<20)
			binary.LittleEndian.PutUint32(b[22:], 63<<20)
		}
		if !lie {
			// The archive is what it claims: read whole (without the
			// bound), it holds 2 GiB of zeros.
			zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
			if err != nil {
				t.Fatal(err)
			}
			if testing.Short() || raceOn {
				// reading 2 GiB costs too long here
			} else if rc, err := zr.File[0].Open(); err != nil {
				t.Fatal(err)
			} else if n, err := io.Copy(io.Discard, rc); n != total || err != nil {
				t.Fatalf("the bomb holds %d bytes (%v), want %d", n, err, int64(total))
			}
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes", name, len(b))
		return p
	}
	for _, tc := range []struct {
		name string
		lie  bool
	}{{"honest.zip", false}, {"lying.zip", true}} {
		p := build(tc.name, tc.lie)
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		var files []File
		for f := range Files([]string{p}, InputOptions{}) {
			files = append(files, f)
		}
		took := time.Since(start)
		runtime.ReadMemStats(&after)
		if len(files) != 1 || files[0].Err == nil || !errors.Is(files[0].Err, ErrTooLarge) {
			t.Fatalf("%s: %d files, err %v", tc.name, len(files), files[0].Err)
		}
		msg := files[0].Err.Error()
		if !strings.HasPrefix(msg, p+"!runs/bomb.fit: ") || !strings.Contains(msg, "64 MiB") && !strings.Contains(msg, "zip bomb") {
			t.Errorf("%s: error %q", tc.name, msg)
		}
		alloc := after.TotalAlloc - before.TotalAlloc
		t.Logf("%s: refused in %v, %d MB allocated, heap %d MB: %s", tc.name, took.Round(time.Millisecond), alloc>>20, after.HeapSys>>20, msg)
		if took > 10*time.Second {
			t.Errorf("%s: took %v", tc.name, took)
		}
		if alloc > 200<<20 || after.HeapSys > 200<<20 {
			t.Errorf("%s: %d MB allocated, heap %d MB: over 200 MB", tc.name, alloc>>20, after.HeapSys>>20)
		}
	}
}

// TestAbsurdFITSizes: a FIT header declaring 4 GiB of data is refused as
// cut short, and a file of a million developer field descriptions is
// refused from their count, each without decoding what is not there.
func TestAbsurdFITSizes(t *testing.T) {
	// 4 GiB declared, 40 bytes there: refused from the bytes at hand,
	// nothing reserved for what the header claims.
	b := append(mkHeader(0xFFFFFFFF), make([]byte, 40)...)
	f, alloc := decodeAlloc("huge.fit", b)
	if f.Err == nil || !strings.HasPrefix(f.Err.Error(), "huge.fit: ") || alloc > 10<<20 {
		t.Errorf("4 GiB declared: %v, %d MB allocated", f.Err, alloc>>20)
	}

	// A million field_description messages (global 206: developer data
	// index, field number, base type), after a developer_data_id (207):
	// refused by their count before any decoder runs, so the bytes are
	// walked once and nothing is decoded (no wall clock: the allocation
	// shows it).
	devFields := func(n int) []byte {
		var body []byte
		body = append(body, 0x40, 0, 0, 207, 0, 1, 3, 1, 0x02) // definition, local 0: developer_data_index
		body = append(body, 0x00, 0)
		body = append(body, 0x41, 0, 0, 206, 0, 3, 0, 1, 0x02, 1, 1, 0x02, 2, 1, 0x02) // local 1
		for i := range n {
			body = append(body, 0x01, 0, byte(i), 0x02)
		}
		file := append(mkHeader(uint32(len(body))), body...)
		return binary.LittleEndian.AppendUint16(file, crcUpdate(0, file))
	}
	const n = 1_000_000
	file := devFields(n)
	f, alloc = decodeAlloc("devfields.fit", file)
	t.Logf("%d developer field descriptions (%d bytes): %d KB allocated; err %v", n, len(file), alloc>>10, f.Err)
	if f.Err == nil || !strings.HasPrefix(f.Err.Error(), "devfields.fit: ") || !strings.Contains(f.Err.Error(), "1000000 developer field declarations") {
		t.Errorf("a million developer fields: err %v, want it refused naming the file and the count", f.Err)
	}
	if len(f.Runs()) != 0 {
		t.Errorf("runs from a file of field descriptions")
	}
	if alloc > 1<<20 {
		t.Errorf("%d KB allocated refusing it: it was decoded, not refused from the count", alloc>>10)
	}
	// At the bound the file is read (and has no runs), as any file of
	// developer fields alone.
	if f, _ := decodeAlloc("at-bound.fit", devFields(MaxDevFieldDescriptions)); f.Err != nil && strings.Contains(f.Err.Error(), "declarations") {
		t.Errorf("%d developer fields refused: %v", MaxDevFieldDescriptions, f.Err)
	}
}

// decodeAlloc decodes data and returns the bytes allocated meanwhile.
func decodeAlloc(name string, data []byte) (File, uint64) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f := Decode(name, data)
	runtime.ReadMemStats(&after)
	return f, after.TotalAlloc - before.TotalAlloc
}

// TestZipTooManyEntries: an archive with more than MaxZipEntries entries is
// one error naming it, refused from its declared count (here a lie: the
// archive is small) before its table of contents is read.
func TestZipTooManyEntries(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"a.fit", "notes.txt"} {
		w, _ := zw.Create(name)
		w.Write([]byte("x"))
	}
	zw.Close()
	b := buf.Bytes()
	eocd := bytes.LastIndex(b, []byte("PK\x05\x06"))
	dir := t.TempDir()
	for _, tc := range []struct {
		n    uint16
		want string
	}{{2, "a.fit"}} {
		c := append([]byte(nil), b...)
		binary.LittleEndian.PutUint16(c[eocd+8:], tc.n)
		binary.LittleEndian.PutUint16(c[eocd+10:], tc.n)
		p := filepath.Join(dir, "many.zip")
		os.WriteFile(p, c, 0o600)
		var got []string
		for in := range Inputs([]string{p}, InputOptions{}) {
			if in.Err != nil {
				got = append(got, in.Err.Error())
			} else {
				got = append(got, in.Name)
			}
		}
		if tc.n == 2 && (len(got) != 1 || got[0] != p+"!a.fit") {
			t.Errorf("2 entries: %q", got)
		}
	}
	if n, ok := zipDeclaredEntries(bytes.NewReader(b), int64(len(b))); !ok || n != 2 {
		t.Errorf("declared %d, %v", n, ok)
	}

	// A zip64 end record claiming 5 million entries, before the classic
	// one (whose count 0xFFFF says "see zip64").
	z := append([]byte(nil), b[:eocd]...)
	rec := len(z)
	z = append(z, "PK\x06\x06"...)
	z = binary.LittleEndian.AppendUint64(z, 44)
	z = append(z, 45, 0, 45, 0, 0, 0, 0, 0, 0, 0, 0, 0)
	z = binary.LittleEndian.AppendUint64(z, 5_000_000)
	z = binary.LittleEndian.AppendUint64(z, 5_000_000)
	z = binary.LittleEndian.AppendUint64(z, uint64(eocd)) // directory size: wrong, never read
	z = binary.LittleEndian.AppendUint64(z, 0)
	z = append(z, "PK\x06\x07"...)
	z = append(z, 0, 0, 0, 0)
	z = binary.LittleEndian.AppendUint64(z, uint64(rec))
	z = append(z, 1, 0, 0, 0)
	end := append([]byte(nil), b[eocd:]...)
	binary.LittleEndian.PutUint16(end[8:], 0xFFFF)
	binary.LittleEndian.PutUint16(end[10:], 0xFFFF)
	z = append(z, end...)
	p := filepath.Join(dir, "zip64.zip")
	os.WriteFile(p, z, 0o600)
	var got []Input
	for in := range Inputs([]string{p}, InputOptions{}) {
		got = append(got, in)
	}
	if len(got) != 1 || got[0].Err == nil || !errors.Is(got[0].Err, ErrTooLarge) ||
		got[0].Err.Error() != p+": the zip archive declares 5000000 entries, more than the 100000 runlog reads from one archive; unpack it and name its folder instead" {
		t.Errorf("5 million entries: %+v", got)
	}
}
