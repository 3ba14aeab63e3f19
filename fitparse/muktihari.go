package fitparse

import (
	"errors"
	"fmt"
	"io"

	"github.com/muktihari/fit/decoder"
)

// errMuktihariPanic marks a panic inside github.com/muktihari/fit that
// decodeMuktihari caught and turned into an error.
var errMuktihariPanic = errors.New("muktihari FIT decoder panicked")

// fitEpochUnix is 1989-12-31T00:00:00Z, the zero of FIT date_time values,
// in Unix seconds (FIT SDK, "Date Time" base type).
const fitEpochUnix = 631065600

// Invalid ("not recorded") markers of the FIT base types used below
// (FIT SDK Profile.xlsx, Types sheet, base type invalid values).
const (
	mkInvalidU8  = 0xFF
	mkInvalidS8  = 0x7F
	mkInvalidU16 = 0xFFFF
	mkInvalidU32 = 0xFFFFFFFF
)

// decodeMuktihari reads every FIT sequence of r (a chained file holds several)
// with github.com/muktihari/fit and returns one decoded per sequence.
//
// Messages are consumed as the decoder produces them (a listener in
// broadcast-only mode), so the library never keeps the whole file in memory.
// When decoding fails part way, the sequences already finished are returned
// together with whatever the failing sequence yielded before the failure, and
// the error; only an unreadable header of the very first sequence gives a nil
// result. Data that ends before a sequence does is reported as
// io.ErrUnexpectedEOF. A header or file CRC mismatch wraps errCRC (the
// sequence's data is still returned). A panic inside the library is turned
// into an error.
func decodeMuktihari(r io.Reader) (out []decoded, err error) {
	l := new(mkListener)
	avail := int64(1024 * 48) // bytes r can still give; unknown: reserve for 1024 records
	if lr, ok := r.(interface{ Len() int }); ok {
		avail = int64(lr.Len())
	}
	seq := 0      // 1-based number of the sequence being read
	open := false // l.cur holds a sequence not yet appended to out
	defer func() {
		if p := recover(); p != nil {
			if open {
				out = append(out, l.cur)
			}
			err = fmt.Errorf("FIT sequence %d: %w: %v", max(seq, 1), errMuktihariPanic, p)
		}
	}()

	// muktihari v0.26.1 leaves the file header out of the file CRC when the
	// header carries no CRC of its own (every 12-byte header, and 14-byte
	// headers whose CRC is 0), so it rejects such valid files; fixed upstream
	// in muktihari/fit#641. runlog checks both CRCs itself as the bytes stream
	// past, and turns the library's check off.
	crc := &mkCRCReader{r: r}
	dec := decoder.New(crc,
		decoder.WithFactory(&mkFactory{}),
		decoder.WithMesgListener(l),
		decoder.WithBroadcastOnly(), // messages go to l only; nothing is retained
		decoder.WithIgnoreChecksum(),
		// Component expansion copies speed into enhanced_speed (and altitude
		// into enhanced_altitude) through a float round trip that can lose
		// the last digit (4.012 m/s becomes 4.011); runlog wants the values
		// the watch wrote, and prefers an enhanced field only when the
		// watch wrote one.
		decoder.WithNoComponentExpansion(),
	)
	for dec.Next() {
		seq++
		// Read the header on its own first, so an unreadable header can be
		// told apart from a sequence that broke part way through.
		hdr, herr := dec.PeekFileHeader()
		if herr != nil {
			if seq == 1 {
				return nil, fmt.Errorf("not a readable FIT file: %w", herr)
			}
			if crc.zeroPaddingAt(seq - 1) {
				// Zero bytes after the last sequence are padding some
				// devices and copy tools leave; tormoder ends there too.
				return out, nil
			}
			return out, fmt.Errorf("FIT sequence %d (after %d complete): %w", seq, seq-1, herr)
		}
		// Reserve records for the data the header announces, but never for
		// more bytes than the input holds (a damaged header may claim 4 GB).
		l.begin(min(int64(hdr.DataSize), avail))
		open = true
		_, derr := dec.Decode()
		out = append(out, l.cur)
		open = false
		if derr != nil {
			if errors.Is(derr, io.EOF) {
				// The header promised more data than the input holds: the
				// file was cut short, even when the cut fell between two
				// fields. Say so the way io.ReadFull would.
				return out, fmt.Errorf("FIT sequence %d: data ends early: %w (%w)", seq, io.ErrUnexpectedEOF, derr)
			}
			return out, fmt.Errorf("FIT sequence %d: %w", seq, derr)
		}
		if cerr := crc.check(seq - 1); cerr != nil {
			return out, fmt.Errorf("FIT sequence %d: %w", seq, cerr)
		}
	}
	return out, nil
}
