package fitparse

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// goInternals are bits of Go library error text a runner should never see.
var goInternals = []string{"gzip:", "flate:", "zip:", "unexpected EOF", "MaxDecompressedBytes", "strconv."}

func plainText(t *testing.T, err error) {
	t.Helper()
	for _, bad := range goInternals {
		if strings.Contains(err.Error(), bad) {
			t.Errorf("error %q shows Go internals (%q)", err, bad)
		}
	}
}

// TestInputErrorsPlain: a .gz file cut short or damaged, and a zip entry
// compressed with an unknown method, are said in plain words, while
// errors.Is still finds the library's error.
func TestInputErrorsPlain(t *testing.T) {
	dir := t.TempDir()
	payload := bytes.Repeat([]byte("runlog FIT bytes "), 4000)
	gz := gzipBytes(t, payload)

	cut := filepath.Join(dir, "cut.fit.gz")
	writeFile(t, cut, gz[:len(gz)/2])
	bad := filepath.Join(dir, "badsum.fit.gz")
	flipped := append([]byte(nil), gz...)
	flipped[len(flipped)-6] ^= 0xFF // the CRC-32 in the gzip trailer
	writeFile(t, bad, flipped)

	var raw bytes.Buffer
	zw := zip.NewWriter(&raw)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "odd.fit", Method: 99, CompressedSize64: 3, UncompressedSize64: 3})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("abc"))
	zw.Close()
	odd := filepath.Join(dir, "odd.zip")
	writeFile(t, odd, raw.Bytes())

	for _, c := range []struct {
		path, name, want string
		is               error
	}{
		{cut, cut, cut + ": the .gz file is cut short (its compressed data ends early)", io.ErrUnexpectedEOF},
		{bad, bad, bad + ": the .gz file is damaged (its checksum does not match its contents)", nil},
		{odd, odd + "!odd.fit", odd + "!odd.fit: the zip entry is compressed with a method runlog cannot unpack (only stored and deflated entries can be read)", zip.ErrAlgorithm},
	} {
		ins := collect([]string{c.path}, InputOptions{})
		if len(ins) != 1 || ins[0].Name != c.name {
			t.Fatalf("%s: inputs %q", c.path, names(ins))
		}
		_, err := ins[0].ReadAll()
		if err == nil || err.Error() != c.want {
			t.Errorf("error %v\nwant  %s", err, c.want)
			continue
		}
		if c.is != nil && !errors.Is(err, c.is) {
			t.Errorf("%v does not wrap %v", err, c.is)
		}
		plainText(t, err)
	}
}

// TestInputSizeErrorNamesTheCallersWay: the size error says the limit in
// MiB and, when the caller says how, how to raise it; fitparse names no flag.
func TestInputSizeErrorNamesTheCallersWay(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big.fit.gz")
	writeGzipZeros(t, big, 2*testLimit)
	for _, c := range []struct{ how, want string }{
		{"", big + ": more than 1 MiB once decompressed; the limit can be raised"},
		{"--max-input-mb", big + ": more than 1 MiB once decompressed; the limit can be raised (--max-input-mb)"},
	} {
		in := collect([]string{big}, InputOptions{MaxDecompressedBytes: testLimit, RaiseLimitHow: c.how})[0]
		_, err := in.ReadAll()
		if !errors.Is(err, ErrTooLarge) || err.Error() != c.want {
			t.Errorf("error %v\nwant  %s", err, c.want)
		}
		plainText(t, err)
	}
	if got := sizeText(uint64(DefaultMaxDecompressedBytes)); got != "64 MiB" {
		t.Errorf("default limit reads %q", got)
	}
}
