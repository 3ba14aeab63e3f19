package fitparse

// The FIT file CRC (FIT protocol, "CRC") is CRC-16 with the reflected
// polynomial 0xA001, initial value 0 and no final xor: the CRC-16/ARC of the
// catalogues. Garmin's SDK and muktihari compute it four bits at a time;
// every byte of every file passes through it, and at that speed it was a
// fifth of `runlog analyze`'s time (docs/performance.md). crcUpdate does the
// same arithmetic eight bytes at a time ("slicing-by-8", Intel 2008:
// Kounavis & Berry, "Novel Table Lookup-Based Algorithms for
// High-Performance CRC Generation"); a test checks it against muktihari's
// implementation on random bytes.

// crcTables[k][b] is the CRC of byte b followed by k zero bytes.
var crcTables = func() (t [8][256]uint16) {
	for i := range 256 {
		c := uint16(i)
		for range 8 {
			if c&1 != 0 {
				c = c>>1 ^ 0xA001
			} else {
				c >>= 1
			}
		}
		t[0][i] = c
	}
	for i := range 256 {
		c := t[0][i]
		for k := 1; k < 8; k++ {
			c = t[0][byte(c)] ^ c>>8
			t[k][i] = c
		}
	}
	return t
}()

// crcUpdate returns the FIT CRC of the bytes that gave crc followed by p.
// The CRC of nothing is 0.
func crcUpdate(crc uint16, p []byte) uint16 {
	t := &crcTables
	for len(p) >= 8 {
		crc ^= uint16(p[0]) | uint16(p[1])<<8
		crc = t[7][byte(crc)] ^ t[6][crc>>8] ^ t[5][p[2]] ^ t[4][p[3]] ^
			t[3][p[4]] ^ t[2][p[5]] ^ t[1][p[6]] ^ t[0][p[7]]
		p = p[8:]
	}
	for _, b := range p {
		crc = t[0][byte(crc)^b] ^ crc>>8
	}
	return crc
}
