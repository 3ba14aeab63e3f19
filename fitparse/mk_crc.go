package fitparse

import (
	"encoding/binary"
	"fmt"
	"io"
)

// mkCRCReader passes reads through unchanged while it follows the FIT
// sequences in the stream on its own: for each one it checks the optional
// header CRC (bytes 12–13 of a 14-byte header, 0 meaning "not set") and the
// file CRC after the data, which covers every byte from the start of the
// header to the end of the data (FIT protocol, "File CRC"). It works on the
// raw stream, so the decoder's read-ahead does not matter.
type mkCRCReader struct {
	r io.Reader

	state     int // mkCRCHeader, mkCRCData, mkCRCTrailer or mkCRCDone
	hdr       [14]byte
	hdrLen    int // bytes of hdr filled so far
	remaining uint32
	trailer   [2]byte
	trLen     int
	crc       uint16 // FIT CRC of the current sequence so far

	headerOK []bool // per sequence whose header was seen
	fileOK   []bool // per sequence whose file CRC was seen

	stopLead byte // in mkCRCDone: the byte that could not start a header
	stopSeq  int  // in mkCRCDone: index of the sequence it would have begun
}

const (
	mkCRCHeader = iota
	mkCRCData
	mkCRCTrailer
	mkCRCDone // not a FIT header: stop following the stream
)

func (c *mkCRCReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 {
		c.feed(p[:n])
	}
	return n, err
}

func (c *mkCRCReader) feed(b []byte) {
	for len(b) > 0 {
		switch c.state {
		case mkCRCHeader:
			if c.hdrLen == 0 && b[0] != 12 && b[0] != 14 {
				c.state, c.stopLead, c.stopSeq = mkCRCDone, b[0], len(c.headerOK)
				return
			}
			size := int(c.hdr[0])
			if c.hdrLen == 0 {
				size = int(b[0])
			}
			k := copy(c.hdr[c.hdrLen:size], b)
			c.crc = crcUpdate(c.crc, b[:k])
			c.hdrLen += k
			b = b[k:]
			if c.hdrLen < size {
				return
			}
			ok := true
			if size == 14 {
				if want := binary.LittleEndian.Uint16(c.hdr[12:14]); want != 0 {
					ok = crcUpdate(0, c.hdr[:12]) == want
				}
			}
			c.headerOK = append(c.headerOK, ok)
			c.remaining = binary.LittleEndian.Uint32(c.hdr[4:8])
			c.state = mkCRCData
			if c.remaining == 0 {
				c.state = mkCRCTrailer
			}
		case mkCRCData:
			k := uint32(len(b))
			if k > c.remaining {
				k = c.remaining
			}
			c.crc = crcUpdate(c.crc, b[:k])
			c.remaining -= k
			b = b[k:]
			if c.remaining == 0 {
				c.state = mkCRCTrailer
			}
		case mkCRCTrailer:
			k := copy(c.trailer[c.trLen:], b)
			c.trLen += k
			b = b[k:]
			if c.trLen < 2 {
				return
			}
			c.fileOK = append(c.fileOK, c.crc == binary.LittleEndian.Uint16(c.trailer[:]))
			c.crc = 0
			c.hdrLen, c.trLen = 0, 0
			c.state = mkCRCHeader
		default:
			return
		}
	}
}

// zeroPaddingAt reports whether the bytes where sequence i (0-based) would
// begin start with 0, which cannot be a FIT header size.
func (c *mkCRCReader) zeroPaddingAt(i int) bool {
	return c.state == mkCRCDone && c.stopSeq == i && c.stopLead == 0
}

// check reports a CRC mismatch of sequence i (0-based) as an error wrapping
// errCRC; nil when both CRCs match or the sequence was not followed.
func (c *mkCRCReader) check(i int) error {
	if i < len(c.headerOK) && !c.headerOK[i] {
		return fmt.Errorf("file header CRC does not match: %w", errCRC)
	}
	if i < len(c.fileOK) && !c.fileOK[i] {
		return errCRC
	}
	return nil
}
