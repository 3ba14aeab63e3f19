package fitparse

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tfit "github.com/tormoder/fit"
)

// benchFiles are the real fixtures tormoder reads whole: the files on which
// fitparse's cost can be compared with a bare tormoder decode.
var benchFiles = []string{
	"fenix2-run.fit", "fenix5-run-short.fit", "fr920xt-run.fit", "fr920xt-run-dynamics.fit",
	"stryd-run-devfields.fit", "fr920xt-triathlon.fit", "forerunner15-run-nocadence.fit", "edge810-ride.fit",
}

func loadBench(b *testing.B, names []string) ([][]byte, int64) {
	var all [][]byte
	var n int64
	for _, name := range names {
		data := fixture(b, name)
		all = append(all, data)
		n += int64(len(data))
	}
	return all, n
}

// BenchmarkDecode reports decoding speed in MB/s over the real fixtures:
// a bare tormoder fit.Decode of the bytes, fitparse.Decode of the same bytes
// (muktihari, conversion to Runs), the same with tormoder first, and the
// muktihari fallback on the files tormoder refuses.
func BenchmarkDecode(b *testing.B) {
	files, size := loadBench(b, benchFiles)
	b.Run("tormoder-bare", func(b *testing.B) {
		b.SetBytes(size)
		for i := 0; i < b.N; i++ {
			for _, data := range files {
				if _, err := tfit.Decode(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("fitparse", func(b *testing.B) {
		b.SetBytes(size)
		for i := 0; i < b.N; i++ {
			for _, data := range files {
				if f := Decode("bench.fit", data); f.Err != nil {
					b.Fatal(f.Err)
				}
			}
		}
	})
	b.Run("fitparse-tormoder", func(b *testing.B) {
		b.SetBytes(size)
		for i := 0; i < b.N; i++ {
			for _, data := range files {
				if f := DecodeWith("bench.fit", data, DecodeOptions{Decoder: DecoderTormoder}); f.Err != nil || f.Decoder != DecoderTormoder {
					b.Fatal(f.Decoder, f.Err)
				}
			}
		}
	})
	b.Run("fitparse-fallback", func(b *testing.B) {
		files, size := loadBench(b, []string{"fr255-triathlon.fit", "fr55-walk.fit"})
		b.SetBytes(size)
		for i := 0; i < b.N; i++ {
			for _, data := range files {
				if f := DecodeWith("bench.fit", data, DecodeOptions{Decoder: DecoderTormoder}); f.Err != nil {
					b.Fatal(f.Err)
				}
			}
		}
	})
}

// BenchmarkDecodeOverhead measures fitparse's cost over a bare tormoder
// decode of the same bytes, with tormoder first, interleaving the two so
// that machine noise hits both alike. It reports overhead-% = (fitparse
// time / bare time − 1) × 100; issue 2 allows at most 10.
func BenchmarkDecodeOverhead(b *testing.B) {
	files, size := loadBench(b, benchFiles)
	b.SetBytes(size)
	var bare, ours time.Duration
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		for _, data := range files {
			tfit.Decode(bytes.NewReader(data))
		}
		t1 := time.Now()
		for _, data := range files {
			DecodeWith("bench.fit", data, DecodeOptions{Decoder: DecoderTormoder})
		}
		bare += t1.Sub(t0)
		ours += time.Since(t1)
	}
	b.ReportMetric(100*(float64(ours)/float64(bare)-1), "overhead-%")
}

// BenchmarkDecoderRatio compares fitparse's two decoders on the same bytes,
// interleaved so that machine noise hits both alike, and reports
// tormoder/muktihari = (time with tormoder first / time with muktihari, the
// default) — how many times faster the default reads (docs/decisions.md).
func BenchmarkDecoderRatio(b *testing.B) {
	files, size := loadBench(b, benchFiles)
	b.SetBytes(2 * size)
	var mk, tm time.Duration
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		for _, data := range files {
			DecodeWith("bench.fit", data, DecodeOptions{Decoder: DecoderMuktihari})
		}
		t1 := time.Now()
		for _, data := range files {
			DecodeWith("bench.fit", data, DecodeOptions{Decoder: DecoderTormoder})
		}
		mk += t1.Sub(t0)
		tm += time.Since(t1)
	}
	b.ReportMetric(float64(tm)/float64(mk), "tormoder/muktihari")
}

// wholeFixtures are the real fixtures the fast path reads (every one but
// corrupt-*.fit), as DecodeWith hands them to the decoders.
func wholeFixtures(b *testing.B) ([][]byte, int64) {
	var files [][]byte
	var size int64
	for _, c := range fastCases(b) {
		if !c.real || strings.HasPrefix(filepath.Base(c.name), "corrupt-") {
			continue
		}
		data := asDecodeWithGives(c.data)
		files, size = append(files, data), size+int64(len(data))
	}
	if len(files) == 0 {
		b.Skipf("real FIT fixtures not found at %s: skipping", fixtureDir)
	}
	return files, size
}

// BenchmarkFastPath reads the whole real fixtures with the fast path
// (decodeFast) and with muktihari's full decoder (decodeMuktihari), each
// alone, for MB/s and allocations.
func BenchmarkFastPath(b *testing.B) {
	files, size := wholeFixtures(b)
	for _, dec := range []struct {
		name string
		fn   func([]byte) ([]decoded, error)
	}{
		{"fast", decodeFast},
		{"full", func(d []byte) ([]decoded, error) { return decodeMuktihari(bytes.NewReader(d)) }},
	} {
		b.Run(dec.name, func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				for _, data := range files {
					if _, err := dec.fn(data); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// BenchmarkFastVsFull reads the same files with muktihari's full decoder
// and with the fast path, interleaved so that machine noise hits both
// alike, and reports full/fast = full decoder's time ÷ fast path's time.
func BenchmarkFastVsFull(b *testing.B) {
	files, size := wholeFixtures(b)
	b.SetBytes(2 * size)
	var full, fast time.Duration
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		for _, data := range files {
			decodeMuktihari(bytes.NewReader(data))
		}
		t1 := time.Now()
		for _, data := range files {
			if _, err := decodeFast(data); err != nil {
				b.Fatal(err)
			}
		}
		full += t1.Sub(t0)
		fast += time.Since(t1)
	}
	b.ReportMetric(float64(full)/float64(fast), "full/fast")
}
