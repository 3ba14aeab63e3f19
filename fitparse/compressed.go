package fitparse

// compressedSpeedDistance follows FIT record field 8,
// compressed_speed_distance, through one FIT sequence. The field is 3 bytes,
// little-endian: the low 12 bits are speed in 1/100 m/s, the high 12 bits the
// low 12 bits of the running distance in 1/16 m, which wraps every 256 m
// (FIT SDK Profile.xlsx, record message: components speed (scale 100) and
// distance (scale 16, accumulate)). Each value is added to the running total
// as its difference from the previous value modulo 2^12, the way the FIT SDK
// accumulates a component.
//
// Both adapters use it, with one value per sequence they read, so nothing is
// carried from one file (or sequence) to the next. The zero value starts a
// sequence.
type compressedSpeedDistance struct {
	total uint32 // running distance, 1/16 m
	last  uint32 // previous 12-bit distance value
}

// next reads one record's raw field bytes. ok is false, and nothing is
// accumulated, when the field is not 3 bytes long or is the byte array's
// invalid value (every byte 0xFF). speedMPS is metres per second;
// distanceM the cumulative distance in metres since the sequence's first
// record with the field.
func (c *compressedSpeedDistance) next(b []byte) (speedMPS, distanceM float64, ok bool) {
	if len(b) != 3 || (b[0] == 0xFF && b[1] == 0xFF && b[2] == 0xFF) {
		return nan, nan, false
	}
	speed := uint32(b[0]) | uint32(b[1]&0x0F)<<8
	dist := uint32(b[1]>>4) | uint32(b[2])<<4
	c.total += (dist - c.last) & 0xFFF
	c.last = dist
	return float64(speed) / 100, float64(c.total) / 16, true
}
