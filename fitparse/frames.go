package fitparse

import "encoding/binary"

// FIT message framing (FIT protocol, "File Structure" and "Record Header"):
// a file is one or more sequences, each a 12- or 14-byte header (size byte,
// protocol, profile, data size as uint32 LE at 4–7, ".FIT" at 8–11, optional
// header CRC at 12–13), data size bytes of messages, and a 2-byte file CRC.
// Each message starts with a 1-byte record header:
//
//   - bit 7 set: a data message with a compressed-timestamp header; local
//     message type in bits 5–6;
//   - bit 6 set: a definition message (bit 5: it has developer fields);
//     local message type in bits 0–3;
//   - otherwise a data message of local type bits 0–3.
//
// A definition is: reserved byte, architecture (0 little-, 1 big-endian),
// global message number (2 bytes), field count, 3 bytes per field (number,
// size, base type), and with developer fields a count and 3 bytes each
// (number, size, developer data index). A data message is as long as the
// sizes its definition declares.

// frame is one message of a FIT file, as frameWalker finds it. Offsets are
// into the walked bytes.
type frame struct {
	At         int    // offset of the record header byte
	End        int    // offset just past the message
	Seq        int    // 0-based number of the sequence holding it
	Definition bool   // a definition message (else a data message)
	Local      byte   // local message type
	Global     uint16 // global message number (a data message: of its definition)
	// Definition only: offset of the first 3-byte field definition, and
	// how many there are (developer field definitions not included).
	Fields, NFields int
}

// walkEnd says why a frameWalker stopped.
type walkEnd int

const (
	walkRunning  walkEnd = iota
	walkDone             // every sequence ended with its CRC, nothing after
	walkTrailing         // bytes after the last complete sequence do not start a new one
	walkCut              // the bytes end before the sequence does
	walkBroken           // a header or message that is not FIT framing
)

// frameWalker steps through the message frames of every sequence of a FIT
// file without decoding them. It reads only the bytes, never writes them,
// allocates nothing, and stops at the first byte it cannot place; End and
// EndAt then say why and where. The zero value is not usable: see
// newFrameWalker.
type frameWalker struct {
	data     []byte
	pos      int   // offset of the next message
	seq      int   // current sequence, 0-based; -1 before the first header
	seqStart int   // offset of the current sequence's header
	dataEnd  int64 // offset just past the current sequence's data, as its header announces
	defs     [16]struct {
		global uint16
		size   int // bytes of a data message after its header, developer fields included
		ok     bool
	}

	// DevFieldDescriptions counts the field_description data messages
	// (global 206, which declare developer fields) walked so far.
	DevFieldDescriptions int

	End walkEnd
	// EndAt is, for walkCut, the offset of the message (or header, or
	// file CRC) the bytes end inside, or len(data) when they end between
	// two messages; for walkTrailing, the offset of the first trailing
	// byte; for walkBroken, the offset of the header or message that
	// could not be placed.
	EndAt int
}

// mesgFieldDescription is the FIT field_description message, which
// declares one developer field (FIT SDK Profile.xlsx, Messages sheet).
const mesgFieldDescription = 206

// MaxDevFieldDescriptions bounds the developer field declarations
// (field_description messages) one FIT file may hold. A developer field is
// named by its developer data index and field number, a byte each, so
// there are at most 256 × 256 = 65,536 different ones; the real files seen
// declare a few dozen (a Stryd pod: 11). A file declaring more is refused
// before it is decoded (issue 13: "a million developer fields is refused
// quickly"; docs/decisions.md, bounds).
const MaxDevFieldDescriptions = 256 * 256

func newFrameWalker(data []byte) frameWalker {
	return frameWalker{data: data, seq: -1}
}

// SeqSpan returns the current sequence's header offset and the offset just
// past its data as the header announces it (possibly beyond the bytes).
func (w *frameWalker) SeqSpan() (start int, dataEnd int64) {
	return w.seqStart, w.dataEnd
}

// next returns the next message frame; ok is false when the walk has ended.
func (w *frameWalker) next() (f frame, ok bool) {
	if w.End != walkRunning {
		return frame{}, false
	}
	for w.seq < 0 || int64(w.pos) >= w.dataEnd {
		if !w.nextSequence() {
			return frame{}, false
		}
	}
	b := w.data
	i := w.pos
	if i >= len(b) {
		return w.stop(walkCut, len(b))
	}
	h := b[i]
	f = frame{At: i, Seq: w.seq}
	if h&0x80 != 0 || h&0x40 == 0 {
		f.Local = h & 0x0F
		if h&0x80 != 0 {
			f.Local = (h >> 5) & 0x03
		}
		d := &w.defs[f.Local]
		if !d.ok {
			return w.stop(walkBroken, i)
		}
		f.Global = d.global
		f.End = i + 1 + d.size
		if f.Global == mesgFieldDescription {
			w.DevFieldDescriptions++
		}
	} else {
		f.Definition = true
		f.Local = h & 0x0F
		if i+6 > len(b) {
			return w.stop(walkCut, i)
		}
		f.Global = binary.LittleEndian.Uint16(b[i+3 : i+5])
		if b[i+2] == 1 {
			f.Global = binary.BigEndian.Uint16(b[i+3 : i+5])
		}
		f.Fields, f.NFields = i+6, int(b[i+5])
		j := f.Fields + 3*f.NFields
		if j > len(b) {
			return w.stop(walkCut, i)
		}
		size := 0
		for k := f.Fields + 1; k < j; k += 3 {
			size += int(b[k])
		}
		if h&0x20 != 0 { // developer field definitions
			if j >= len(b) {
				return w.stop(walkCut, i)
			}
			nd := int(b[j])
			j++
			if j+3*nd > len(b) {
				return w.stop(walkCut, i)
			}
			for k := j + 1; k < j+3*nd; k += 3 {
				size += int(b[k])
			}
			j += 3 * nd
		}
		f.End = j
		d := &w.defs[f.Local]
		d.global, d.size, d.ok = f.Global, size, true
	}
	if int64(f.End) > w.dataEnd {
		return w.stop(walkBroken, i) // a message that runs past its sequence's data
	}
	if f.End > len(b) {
		return w.stop(walkCut, i)
	}
	w.pos = f.End
	return f, true
}

// nextSequence moves past the current sequence's file CRC to the next
// sequence's header; false when the walk ends there.
func (w *frameWalker) nextSequence() bool {
	b := w.data
	at := 0
	if w.seq >= 0 {
		crcAt := w.dataEnd // the data are complete here: next checked that
		if crcAt+2 > int64(len(b)) {
			w.stop(walkCut, int(crcAt))
			return false
		}
		at = int(crcAt) + 2
		if at == len(b) {
			w.stop(walkDone, at)
			return false
		}
	}
	// A header: size 12 or 14, ".FIT" at 8–11.
	if len(b)-at < 12 || (b[at] != 12 && b[at] != 14) || string(b[at+8:at+12]) != ".FIT" {
		if w.seq < 0 {
			w.stop(walkBroken, at)
		} else {
			w.stop(walkTrailing, at)
		}
		return false
	}
	size := int(b[at])
	if at+size > len(b) {
		w.stop(walkCut, at)
		return false
	}
	w.seq++
	w.seqStart = at
	w.pos = at + size
	w.dataEnd = int64(w.pos) + int64(binary.LittleEndian.Uint32(b[at+4:at+8]))
	w.defs = [16]struct {
		global uint16
		size   int
		ok     bool
	}{}
	return true
}

func (w *frameWalker) stop(e walkEnd, at int) (frame, bool) {
	w.End, w.EndAt = e, at
	return frame{}, false
}
