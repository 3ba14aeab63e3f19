package fitparse

import (
	"math/rand/v2"
	"testing"

	"github.com/muktihari/fit/kit/hash/crc16"
)

// TestCRCMatchesMuktihari compares crcUpdate with muktihari's nibble-wise
// FIT CRC on random bytes of every length up to 70, split at a random
// point (the CRC is computed in pieces as bytes stream past), and on the
// real fixtures, whose stored CRCs it must reproduce.
func TestCRCMatchesMuktihari(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 16))
	for n := 0; n <= 70; n++ {
		for range 20 {
			p := make([]byte, n)
			for i := range p {
				p[i] = byte(rng.UintN(256))
			}
			h := crc16.New()
			h.Write(p)
			cut := 0
			if n > 0 {
				cut = rng.IntN(n + 1)
			}
			if got, want := crcUpdate(crcUpdate(0, p[:cut]), p[cut:]), h.Sum16(); got != want {
				t.Fatalf("%d bytes split at %d: crcUpdate %#04x, muktihari %#04x", n, cut, got, want)
			}
		}
	}
	for _, name := range []string{"fenix2-run.fit", "fr965-run-summary-first.fit"} {
		data := fixture(t, name)
		n := len(data) - 2
		stored := uint16(data[n]) | uint16(data[n+1])<<8
		if got := crcUpdate(0, data[:n]); got != stored {
			t.Errorf("%s: CRC %#04x, the file stores %#04x", name, got, stored)
		}
	}
}

func BenchmarkCRC(b *testing.B) {
	p := make([]byte, 1<<16)
	for i := range p {
		p[i] = byte(i * 7)
	}
	b.Run("runlog", func(b *testing.B) {
		b.SetBytes(int64(len(p)))
		for i := 0; i < b.N; i++ {
			crcUpdate(0, p)
		}
	})
	b.Run("muktihari", func(b *testing.B) {
		b.SetBytes(int64(len(p)))
		for i := 0; i < b.N; i++ {
			h := crc16.New()
			h.Write(p)
		}
	})
}
