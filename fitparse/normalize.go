package fitparse

import (
	"encoding/binary"
)

// canonicalBaseType is the base-type byte the FIT profile gives each
// base-type number (the byte's low 5 bits), bit 7 being the "endian
// ability" flag of the multi-byte types (FIT SDK Profile.xlsx, Types sheet,
// fit_base_type; FIT protocol, "Base Type" field of a field definition).
// Numbers the profile does not define have no entry (0).
var canonicalBaseType = [32]byte{
	0x00: 0x00, // enum
	0x01: 0x01, // sint8
	0x02: 0x02, // uint8
	0x03: 0x83, // sint16
	0x04: 0x84, // uint16
	0x05: 0x85, // sint32
	0x06: 0x86, // uint32
	0x07: 0x07, // string
	0x08: 0x88, // float32
	0x09: 0x89, // float64
	0x0A: 0x0A, // uint8z
	0x0B: 0x8B, // uint16z
	0x0C: 0x8C, // uint32z
	0x0D: 0x0D, // byte
	0x0E: 0x8E, // sint64
	0x0F: 0x8F, // uint64
	0x10: 0x90, // uint64z
}

// canonical returns the profile's byte for base-type byte b's number, or b
// itself when the number is not one the profile defines.
func canonical(b byte) byte {
	n := b & 0x1F
	if n > 0x10 {
		return b
	}
	return canonicalBaseType[n]
}

// normalizeBaseTypes reads a field definition's base type the way Garmin's
// FIT SDK does: from the base-type number (byte & 0x1F), ignoring the endian
// flag and reserved bits. Programs that re-save FIT files sometimes write
// the number without the flag (0x06 for uint32 where the profile has 0x86),
// and both decoders refuse such a definition. normalizeBaseTypes walks
// every definition message of every sequence (frameWalker) and returns the
// bytes with each such base-type byte replaced by the profile's, and how
// many it replaced. Data messages are never changed.
//
// Copy on write: when nothing needs replacing, data itself comes back.
// Otherwise a patched copy does, and in each sequence that was patched the
// file CRC is adjusted by the CRC difference between the original and the
// patched bytes, so the copy's CRC matches exactly when the original's
// did: a damaged file stays damaged. data is never modified.
func normalizeBaseTypes(data []byte) (out []byte, replaced int) {
	out, replaced, _ = normalizeWalk(data)
	return out, replaced
}

// normalizeWalk is normalizeBaseTypes that also returns its finished walk
// over data's frames (End, EndAt: where and why the framing ends), so that
// Decode walks each file once.
func normalizeWalk(data []byte) (out []byte, replaced int, w frameWalker) {
	out = data
	w = newFrameWalker(data)
	lastSeq := -1
	var seqs []int // sequences that were patched, each once
	for f, ok := w.next(); ok; f, ok = w.next() {
		if !f.Definition {
			continue
		}
		for k := 0; k < f.NFields; k++ {
			i := f.Fields + 3*k + 2
			c := canonical(data[i])
			if c == data[i] {
				continue
			}
			if replaced == 0 {
				out = append([]byte(nil), data...)
			}
			out[i] = c
			replaced++
			if f.Seq != lastSeq {
				start, _ := w.SeqSpan()
				seqs = append(seqs, start)
				lastSeq = f.Seq
			}
		}
	}
	for _, start := range seqs {
		resignSequence(data, out, start)
	}
	return out, replaced, w
}

// resignSequence adjusts the file CRC of the sequence whose header is at
// start in patched (a copy of orig differing only inside that sequence's
// data): the stored CRC becomes stored ^ crc(orig) ^ crc(patched), over the
// header and data, which equals crc(patched) exactly when stored equalled
// crc(orig). The CRC is thus judged on the original bytes. A sequence whose
// CRC the bytes do not reach is left alone.
func resignSequence(orig, patched []byte, start int) {
	end := int64(start) + int64(orig[start]) + int64(binary.LittleEndian.Uint32(orig[start+4:start+8]))
	if end+2 > int64(len(orig)) {
		return // cut short: no file CRC to adjust
	}
	e := int(end)
	stored := binary.LittleEndian.Uint16(orig[e : e+2])
	binary.LittleEndian.PutUint16(patched[e:e+2], stored^crcUpdate(0, orig[start:e])^crcUpdate(0, patched[start:e]))
}
