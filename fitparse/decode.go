package fitparse

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
)

// Decode reads the FIT bytes of one input named source.
//
// tormoder reads the file first. When it fails on a file that may still be
// valid FIT (its open issue #88: firmware from 2021 on writes some fields
// wider than tormoder's profile), muktihari reads it instead. A file cut
// short is salvaged up to the cut (File.Truncated); a file whose CRC does not
// match is an error, because runlog cannot tell which of its numbers are
// damaged (docs/decisions.md).
func Decode(source string, data []byte) File {
	if len(data) == 0 {
		return File{Source: source, Err: fmt.Errorf("%s: empty file", source)}
	}
	if !looksLikeFIT(data) {
		return File{Source: source, Err: fmt.Errorf("%s: not a FIT file (no \".FIT\" signature in the header)", source)}
	}
	seqs, terr := decodeTormoder(bytes.NewReader(data))
	if terr == nil {
		// tormoder drops user_profile; the runner's height comes from a
		// short read of the file's first messages.
		h := userProfileHeightCM(data)
		for i := range seqs {
			seqs[i].HeightCM = h
		}
		return buildFile(source, DecoderTormoder, seqs, false)
	}
	if errors.Is(terr, errCRC) {
		return File{Source: source, Decoder: DecoderTormoder, Err: fmt.Errorf("%s: %w; the file is damaged and runlog does not trust its numbers", source, errCRC)}
	}
	mseqs, merr := decodeMuktihari(bytes.NewReader(data))
	if merr == nil {
		return buildFile(source, DecoderMuktihari, mseqs, false)
	}
	if errors.Is(merr, errCRC) {
		return File{Source: source, Decoder: DecoderMuktihari, Err: fmt.Errorf("%s: %w; the file is damaged and runlog does not trust its numbers", source, errCRC)}
	}
	// Both failed. A stream that simply ends early is a file cut short:
	// keep what the decoder that got furthest read before the cut.
	if isCut(terr) || isCut(merr) {
		name, best, err := DecoderTormoder, seqs, terr
		if records(mseqs) > records(seqs) || !isCut(terr) {
			name, best, err = DecoderMuktihari, mseqs, merr
		}
		if records(best) > 0 {
			f := buildFile(source, name, best, true)
			f.Warnings = append(f.Warnings, fmt.Sprintf("file is cut short (%v); read up to the cut", err))
			return f
		}
		return File{Source: source, Err: fmt.Errorf("%s: file is cut short before any record: %v", source, err)}
	}
	return File{Source: source, Err: fmt.Errorf("%s: not readable as FIT: %v (the fallback decoder: %v)", source, terr, merr)}
}

// looksLikeFIT checks the file header: a size of 12 or 14 bytes and the
// ".FIT" signature at bytes 8–11 (FIT protocol, file header).
func looksLikeFIT(b []byte) bool {
	if len(b) < 12 {
		return false
	}
	return (b[0] == 12 || b[0] == 14) && string(b[8:12]) == ".FIT"
}

// isCut reports whether a decoder error means the data ended early.
func isCut(err error) bool {
	return err != nil && strings.Contains(err.Error(), "unexpected EOF")
}

func records(seqs []decoded) int {
	n := 0
	for _, d := range seqs {
		n += len(d.Records)
	}
	return n
}
