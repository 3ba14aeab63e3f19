package cache

import (
	"runtime"
	"strings"
	"testing"

	"github.com/runlog/runlog/analysis"
)

// FuzzDecode: the cache reader on arbitrary bytes (a damaged database's
// result blob) returns an error or a value, never panics (decode's recover
// is a safety net the fuzzer must never need), and costs memory in
// proportion to the bytes. Seeded with a demo run's stored result, whole
// and cut.
func FuzzDecode(f *testing.F) {
	_, fr := measured(f)
	blob, err := encode(&fr)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(blob)
	f.Add(blob[:len(blob)/2])
	f.Add(blob[:min(len(blob), 200)])
	f.Add([]byte{})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, data []byte) {
		var x analysis.FileResult
		err := decode(data, &x)
		if err != nil && strings.HasPrefix(err.Error(), "stored result is damaged:") {
			t.Fatalf("decode panicked: %v", err)
		}
	})
}

// TestDecodeClaimsMany: bytes claiming a million large elements in a few
// bytes are an error, without making room for a million elements first
// (8 GB here).
func TestDecodeClaimsMany(t *testing.T) {
	type big struct{ A [1024]float64 }
	junk := append([]byte{0xc1, 0x84, 0x3d}, make([]byte, 1000)...) // uvarint 1000001: 1e6 elements
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var x []big
	if err := decode(junk, &x); err == nil {
		t.Fatal("no error")
	}
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Errorf("decoding %d bytes allocated %d bytes", len(junk), n)
	}
}
