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

// TestAbsurdFITSizes: a FIT header declaring 4 GiB of data, and a file of a
// million developer field descriptions, are dealt with quickly: the first
// is refused as cut short, the second read to the end without a run (there
// is none) in bounded time and memory.
func TestAbsurdFITSizes(t *testing.T) {
	// 4 GiB declared, 40 bytes there.
	b := append(mkHeader(0xFFFFFFFF), make([]byte, 40)...)
	start := time.Now()
	f := Decode("huge.fit", b)
	if f.Err == nil || !strings.HasPrefix(f.Err.Error(), "huge.fit: ") || time.Since(start) > time.Second {
		t.Errorf("4 GiB declared: %v after %v", f.Err, time.Since(start))
	}

	// A million field_description messages (global 206: developer data
	// index, field number, base type), after a developer_data_id (207).
	var body []byte
	body = append(body, 0x40, 0, 0, 207, 0, 1, 3, 1, 0x02) // definition, local 0: developer_data_index
	body = append(body, 0x00, 0)
	body = append(body, 0x41, 0, 0, 206, 0, 3, 0, 1, 0x02, 1, 1, 0x02, 2, 1, 0x02) // local 1
	const n = 1_000_000
	for i := range n {
		body = append(body, 0x01, 0, byte(i), 0x02)
	}
	file := append(mkHeader(uint32(len(body))), body...)
	file = binary.LittleEndian.AppendUint16(file, crcUpdate(0, file))
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start = time.Now()
	f = Decode("devfields.fit", file)
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	t.Logf("%d developer field descriptions (%d bytes): %v, %d MB allocated; err %v", n, len(file), took.Round(time.Millisecond), (after.TotalAlloc-before.TotalAlloc)>>20, f.Err)
	if len(f.Runs()) != 0 {
		t.Errorf("runs from a file of field descriptions")
	}
	if f.Err != nil && !strings.HasPrefix(f.Err.Error(), "devfields.fit: ") {
		t.Errorf("error does not name the file: %v", f.Err)
	}
	if limit := 10 * time.Second; took > limit {
		t.Errorf("took %v, over %v", took, limit)
	}
	if a := after.TotalAlloc - before.TotalAlloc; a > 500<<20 {
		t.Errorf("%d MB allocated", a>>20)
	}
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
