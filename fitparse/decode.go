package fitparse

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/muktihari/fit/decoder"
)

// DecodeOptions choose how DecodeWith reads a file. The zero value is the
// default, the one Decode uses.
type DecodeOptions struct {
	// Decoder names the FIT decoder that reads first: "" or
	// DecoderMuktihari (the default) reads with muktihari and falls back
	// to tormoder; DecoderTormoder reads with tormoder and falls back to
	// muktihari. Any other name is an error (CheckDecoder).
	Decoder string
}

// CheckDecoder reports whether name is a decoder DecodeOptions accepts: "",
// DecoderMuktihari or DecoderTormoder. The error says which names are
// known, for a command line to show as it is.
func CheckDecoder(name string) error {
	switch name {
	case "", DecoderMuktihari, DecoderTormoder:
		return nil
	}
	return fmt.Errorf("unknown FIT decoder %q: use %q (the default) or %q", name, DecoderMuktihari, DecoderTormoder)
}

// Decode reads the FIT bytes of one input named source with the default
// options: DecodeWith(source, data, DecodeOptions{}). It is safe to call
// from several goroutines at once.
func Decode(source string, data []byte) File {
	return DecodeWith(source, data, DecodeOptions{})
}

// DecodeWith reads the FIT bytes of one input named source.
//
// muktihari (github.com/muktihari/fit) reads the file first, unless
// opt.Decoder asks for tormoder (github.com/tormoder/fit v0.15.0). A whole,
// undamaged file is read by muktihari's raw decoder with runlog's own field
// reader (decodeFast, fast.go); any other, or one that reader refuses, by
// muktihari's full decoder through runlog's streaming listener, which
// salvages and reports damage. Both give the same result on every file the
// first reads (fast_test.go); File.Decoder is "muktihari" for either.
// When the first decoder refuses a file for any reason but a CRC mismatch,
// the other one reads it; File.Decoder says which one did. A file whose CRC does not match is an error, because
// runlog cannot tell which of its numbers are damaged (docs/decisions.md).
// A file cut short is salvaged up to the cut (File.Truncated) from the
// decoder that read further before it.
//
// Before decoding, base-type bytes in message definitions are read the way
// Garmin's FIT SDK reads them (normalizeBaseTypes), and bytes after the last
// complete FIT sequence that do not start another one are set aside; each
// is a File warning. data is never modified.
//
// Errors name source and say the reason in plain words; the decoders' own
// errors stay reachable through errors.Unwrap, errors.Is and errors.As.
// DecodeWith is safe to call from several goroutines at once (calls into
// tormoder, which keeps state in package variables, take turns).
func DecodeWith(source string, data []byte, opt DecodeOptions) File {
	if err := CheckDecoder(opt.Decoder); err != nil {
		return File{Source: source, Err: fmt.Errorf("%s: %w", source, err)}
	}
	if len(data) == 0 {
		return File{Source: source, Err: fmt.Errorf("%s: empty file", source)}
	}
	if !looksLikeFIT(data) {
		return File{Source: source, Err: fmt.Errorf("%s: not a FIT file (no \".FIT\" signature in the header)", source)}
	}
	// w tells how the bytes are framed: where a cut falls, whether bytes
	// trail the last sequence.
	fixed, replaced, w := normalizeWalk(data)
	if n := w.DevFieldDescriptions; n > MaxDevFieldDescriptions {
		return File{Source: source, Err: fmt.Errorf("%s: the file holds %d developer field declarations, more than the %d different developer fields "+
			"a FIT file can name; it is not a real recording, and runlog does not read it", source, n, MaxDevFieldDescriptions)}
	}
	var notes []string
	if w.End == walkTrailing {
		fixed = fixed[:w.EndAt]
		notes = append(notes, fmt.Sprintf("%d bytes after FIT sequence %d are not FIT data and were ignored", len(data)-w.EndAt, w.seq+1))
	}
	if replaced > 0 {
		fields := "1 of its fields"
		if replaced > 1 {
			fields = fmt.Sprintf("%d of its fields", replaced)
		}
		notes = append(notes, fmt.Sprintf("the file marks the type of %s in a nonstandard way, as programs that re-save watch files do; "+
			"runlog read them as Garmin's own FIT software does", fields))
	}

	order := [2]string{DecoderMuktihari, DecoderTormoder}
	if opt.Decoder == DecoderTormoder {
		order = [2]string{DecoderTormoder, DecoderMuktihari}
	}
	var (
		seqs [2][]decoded
		errs [2]error
	)
	for k, name := range order {
		seqs[k], errs[k] = decodeWith(name, fixed)
		if errs[k] == nil {
			f := buildFile(source, name, seqs[k], false)
			f.Warnings = append(f.Warnings, notes...)
			return f
		}
		if errors.Is(errs[k], errCRC) {
			return File{Source: source, Decoder: name, Err: &plainError{
				msg:   fmt.Sprintf("%s: %v; the file is damaged and runlog does not trust its numbers", source, errCRC),
				cause: errs[k],
			}}
		}
	}
	// Both failed. A stream that simply ends early is a file cut short:
	// keep what the decoder that got further read before the cut.
	if isCut(errs[0]) || isCut(errs[1]) {
		best := 0
		if records(seqs[1]) > records(seqs[0]) || !isCut(errs[0]) {
			best = 1
		}
		if records(seqs[best]) > 0 {
			f := buildFile(source, order[best], seqs[best], true)
			f.Warnings = append(f.Warnings, "file is cut short: "+cutWarning(w)+"; read up to the cut")
			f.Warnings = append(f.Warnings, notes...)
			return f
		}
		return File{Source: source, Err: &plainError{
			msg:   fmt.Sprintf("%s: the file is cut short before any record: %s", source, cutWarning(w)),
			cause: errors.Join(errs[0], errs[1]),
		}}
	}
	why := unreadableReason(w, errs)
	if w.End == walkDone && binary.LittleEndian.Uint32(data[4:8]) == 0 && w.seq == 0 {
		why = "it holds no messages at all (its header announces 0 bytes of data): an empty FIT file"
	}
	return File{Source: source, Err: &plainError{
		msg:   fmt.Sprintf("%s: not readable as FIT: %s", source, why),
		cause: errors.Join(errs[0], errs[1]),
	}}
}

// tormoderMu serialises every call into github.com/tormoder/fit: it keeps
// the running totals of accumulated fields (distance from
// compressed_speed_distance, cycles, power) in package variables that every
// decode updates, so two decodes at once would race. Those totals are never
// reset either, so they carry from one file to the next; runlog reads none
// of them (compressedSpeedDistance decodes the raw bytes itself).
var tormoderMu sync.Mutex

// decodeWith runs the named decoder adapter over data.
func decodeWith(name string, data []byte) ([]decoded, error) {
	if name == DecoderTormoder {
		tormoderMu.Lock()
		seqs, err := decodeTormoder(bytes.NewReader(data))
		tormoderMu.Unlock()
		// tormoder drops user_profile; the runner's height comes from a
		// short walk over the file's first messages.
		if len(seqs) > 0 {
			h := userProfileHeightCM(data)
			for i := range seqs {
				seqs[i].HeightCM = h
			}
		}
		return seqs, err
	}
	// muktihari's raw decoder with runlog's field reader reads whole,
	// undamaged files; everything else is read by muktihari's full decoder
	// (fast.go).
	if seqs, err := decodeFast(data); err == nil {
		return seqs, nil
	}
	return decodeMuktihari(bytes.NewReader(data))
}

// plainError is an error whose text is written for the runner. The
// decoders' own error, which names their internals, is its cause: reachable
// through errors.Unwrap, errors.Is and errors.As, never in the text.
type plainError struct {
	msg   string
	cause error
}

func (e *plainError) Error() string { return e.msg }
func (e *plainError) Unwrap() error { return e.cause }

// cutWarning says in plain words where the bytes of a file cut short end
// ("it ends …"), from the walk over its frames.
func cutWarning(w frameWalker) string {
	if w.End != walkCut {
		return "it ends before its last message is complete"
	}
	start, dataEnd := w.SeqSpan()
	switch {
	case w.seq < 0:
		return fmt.Sprintf("it ends at byte %d, inside its file header", len(w.data))
	case int64(w.EndAt) == dataEnd+2:
		return fmt.Sprintf("it ends at byte %d, inside the header of FIT sequence %d", len(w.data), w.seq+2)
	case int64(len(w.data)) == dataEnd:
		return fmt.Sprintf("it ends at byte %d, just before its closing checksum", len(w.data))
	case int64(w.EndAt) == dataEnd:
		return fmt.Sprintf("it ends at byte %d, inside its closing checksum", len(w.data))
	case w.EndAt == len(w.data):
		return fmt.Sprintf("it ends at byte %d, after its last complete message, short of the %d bytes its header announces", len(w.data), dataEnd+2-int64(start))
	}
	return fmt.Sprintf("it ends in the middle of a message at byte %d", w.EndAt)
}

// unreadableReason says in plain words why neither decoder read a file that
// is not cut short, as far as the framing walk and the decoders' errors
// tell it.
func unreadableReason(w frameWalker, errs [2]error) string {
	both := errors.Join(errs[0], errs[1])
	text := both.Error()
	switch {
	case w.End == walkBroken && w.EndAt > 0:
		return fmt.Sprintf("the message at byte %d does not follow the FIT format (a message of a type the file never defined, or one running past the data its header announces)", w.EndAt)
	case errors.Is(both, decoder.ErrMesgDefMissing):
		return "a message comes before the definition it needs"
	case strings.Contains(text, "basetype") || strings.Contains(text, "base type"):
		return "a message definition declares a field type the FIT protocol does not have, or a field size that does not fit its type"
	}
	return "neither FIT decoder could read its messages"
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
