package fitparse

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzZipInput feeds arbitrary bytes to Inputs as a file named *.zip. Whatever
// the bytes, listing and reading must not panic, every failure must come back
// as an error that names the input, and no input may yield more than the
// size limit.
func FuzzZipInput(f *testing.F) {
	const limit = 64 << 10 // bytes; small so that bombs found by the fuzzer stay cheap

	seed := func(items map[string][]byte, method uint16) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for name, data := range items {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
			if err != nil {
				f.Fatal(err)
			}
			w.Write(data)
		}
		if err := zw.Close(); err != nil {
			f.Fatal(err)
		}
		return buf.Bytes()
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("\x0e\x10gzipped FIT-ish bytes"))
	zw.Close()

	f.Add(seed(map[string][]byte{"a.fit": []byte("\x0e\x10abc.FIT")}, zip.Deflate))
	f.Add(seed(map[string][]byte{"dir/b.fit": []byte("stored"), "c.fit.gz": gz.Bytes()}, zip.Store))
	f.Add(seed(map[string][]byte{"x.fit": make([]byte, 2*limit)}, zip.Deflate))
	// Odd paths are read, a nested zip is listed with an error.
	f.Add(seed(map[string][]byte{"../../etc/evil.fit": []byte("x"), "inner.zip": []byte("PK\x05\x06"), "./.a.fit": nil}, zip.Store))
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18))) // empty archive
	f.Add([]byte{})
	f.Add(gz.Bytes())
	// Found by this fuzzer: an entry with corrupt deflate data, whose
	// reader's Close used to repeat the read error.
	f.Add([]byte("PK\x03\x04\x14\x00\b\x00\b\x00\x00\x00\x00\x00\x00\x00\x00\x00@\x00\x00\x00\x00\x00\x00\x00\x05\x000\x00" +
		strings.Repeat("0", 36) + "PK\x01\x02000000\b\x0000000200000000\x00\x00\x05\x00\x00\x00\x00\x0000000000\x00\x00\x00\x000.fit" +
		"PK\x05\x06000000\x01\x000\x00\x00\x00B\x00\x00\x00\x00\x00"))

	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "in.zip")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		for in := range Inputs([]string{path}, InputOptions{MaxDecompressedBytes: limit}) {
			if !strings.HasPrefix(in.Name, path) {
				t.Fatalf("input %q not named after %q", in.Name, path)
			}
			rc, err := in.Open()
			if err != nil {
				if !strings.HasPrefix(err.Error(), in.Name+": ") {
					t.Fatalf("open error %q does not start with the name %q", err, in.Name)
				}
				continue
			}
			n, err := io.Copy(io.Discard, rc)
			if n > limit {
				t.Fatalf("%s: read %d bytes, limit %d", in.Name, n, limit)
			}
			if err != nil && !strings.HasPrefix(err.Error(), in.Name+": ") {
				t.Fatalf("read error %q does not start with the name %q", err, in.Name)
			}
			if err := rc.Close(); err != nil {
				t.Fatalf("close: %v", err)
			}
		}
	})
}
