package notes

// Reading notes files: limits, format detection and warnings. The formats
// themselves are in read_journal.go, read_csv.go, read_json.go and
// read_strava.go.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"unicode/utf8"
)

// MaxFileBytes is the largest notes file runlog reads (32 MiB). A journal
// of a note a day for a lifetime is well under 10 MiB, and Strava's
// activities.csv for thousands of activities is a few MiB; anything bigger
// is almost surely the wrong file. ReadFile checks the size before reading;
// Read stops after MaxFileBytes+1 bytes.
const MaxFileBytes = 32 << 20

// MaxLineBytes bounds one journal line, JSON Lines line, CSV row or JSON
// array element (64 KiB). A longer one is skipped with a warning, so one
// runaway line cannot hide the rest of the file.
const MaxLineBytes = 64 << 10

// maxWarnings bounds the warnings of one file; the rest are counted in a
// last warning.
const maxWarnings = 50

// sniffBytes is how much of the start of a file the binary check looks at.
const sniffBytes = 1024

var (
	// ErrNotText is returned (wrapped, with the file name) for a file whose
	// first KB holds NUL bytes or invalid UTF-8.
	ErrNotText = errors.New("not a text notes file")
	// ErrTooLarge is returned (wrapped, with the file name) for a file over
	// MaxFileBytes.
	ErrTooLarge = errors.New("file too large for a notes file")
)

// Warning is a line (or row, or array element) of a notes file that runlog
// could not use, or a problem with the file that does not stop reading it.
//
// A note that was not read at all (a journal line, CSV row, JSON element)
// has Unread > 0, and Dates says which runs it may be about, so that those
// runs can be counted as unknown rather than clean.
type Warning struct {
	File string
	Line int // 1-based, in the same unit as Entry.Line; at least 1
	Msg  string
	// Unread is how many notes this warning stands for that were not
	// read: 1 for a skipped note; 0 for a note that was still read (an
	// ignored column, say) or a remark about the file; more on the last
	// warning of a file with too many warnings.
	Unread int
	// Dates are the dates the unread notes may be about, sorted, without
	// repeats: one when the date was read but the note was not (a bad
	// time, a weekday that does not fit), two for a date that reads day
	// or month first (03/04/2024: 2024-03-04 and 2024-04-03), a Day with
	// Year 0 when only the month and day are known ("Tue 9 July" with no
	// dated note around it), the years either side when a year taken
	// from the notes around is in doubt. Empty while Unread > 0: no date
	// could be read, so the note may be about any run.
	Dates []Day
}

// String formats w as "file:line: msg".
func (w Warning) String() string {
	return w.File + ":" + strconv.Itoa(w.Line) + ": " + w.Msg
}

// ReadFile reads the notes file at path (see Read). The file is opened
// read-only and never changed; a file larger than MaxFileBytes is refused
// before it is read.
func ReadFile(path string) ([]Entry, []Warning, error) {
	return ReadFileWith(path, Options{})
}

// ReadFileWith is ReadFile with options.
func ReadFileWith(path string, opts Options) ([]Entry, []Warning, error) {
	if err := opts.check(); err != nil {
		return nil, nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err // *fs.PathError names the file
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if info.IsDir() {
		return nil, nil, fmt.Errorf("%s: is a folder, not a notes file", path)
	}
	if info.Mode().IsRegular() && info.Size() > MaxFileBytes {
		return nil, nil, tooLarge(path, info.Size())
	}
	return ReadWith(path, f, opts)
}

// Read reads a notes file from r; name is used for Entry.File, warnings and
// errors. The format is detected from the content, not the name:
//
//   - JSON when the first non-space byte is '[' (an array of objects) or
//     '{' (one object holding one array of objects, JSON Lines, or a
//     stream of objects);
//   - Strava's activities.csv when the first line is a CSV header with
//     "Activity ID" and "Activity Date" columns;
//   - CSV when the first line, split on ',' (or ';' or tab, whichever is
//     most frequent, or as a first line "sep=;" says), has at least two
//     columns one of which is a date column (see the column names in
//     read_csv.go);
//   - otherwise a journal: one note per line starting with a date, date
//     headings, Markdown tables (read_journal.go).
//
// Dates are read as read_date.go says; one that reads both day and month
// first is read only with opts.DateOrder (ReadWith), else reported.
//
// A UTF-8 byte order mark is skipped. The error is non-nil only when
// nothing in the file can be used: it could not be read, it is over
// MaxFileBytes (ErrTooLarge), or its first KB is not UTF-8 text (ErrNotText).
// Everything else, line by line, is a Warning; a note not read is one with
// Unread > 0 and the dates it may be about. An empty file gives no entries
// and one warning. Entries come in line order.
func Read(name string, r io.Reader) ([]Entry, []Warning, error) {
	return ReadWith(name, r, Options{})
}

// ReadWith is Read with options; an Options it does not understand is an
// error.
func ReadWith(name string, r io.Reader, opts Options) ([]Entry, []Warning, error) {
	if err := opts.check(); err != nil {
		return nil, nil, err
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > MaxFileBytes {
		return nil, nil, tooLarge(name, -1)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !looksLikeText(data) {
		return nil, nil, fmt.Errorf("%s: %w (binary data in its first %d bytes)", name, ErrNotText, sniffBytes)
	}
	w := &warner{file: name}
	if len(bytes.TrimSpace(data)) == 0 {
		w.add(1, "empty file: no notes")
		return nil, w.done(), nil
	}
	if !utf8.Valid(data) {
		off := firstInvalidUTF8(data)
		w.add(lineAt(data, off), "invalid UTF-8 (replaced by U+FFFD)")
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}

	d := &dater{opts: opts, w: w, pending: map[int][]pendingDate{}}
	var entries []Entry
	switch trimmed := bytes.TrimLeft(data, " \t\r\n"); {
	case trimmed[0] == '[':
		entries = parseJSONArray(name, data, d)
	case trimmed[0] == '{':
		entries = parseJSONTop(name, data, d)
	default:
		header, comma, skip := csvHeader(data)
		switch {
		case isStravaHeader(header):
			entries = parseStrava(name, data, w)
		case isNotesHeader(header):
			entries = parseCSV(name, data, comma, skip, d)
		default:
			entries = parseJournal(name, data, d)
		}
	}
	return d.resolve(entries), w.done(), nil
}

func tooLarge(name string, size int64) error {
	if size < 0 {
		return fmt.Errorf("%s: %w (over %d MiB)", name, ErrTooLarge, MaxFileBytes>>20)
	}
	return fmt.Errorf("%s: %w (%d bytes, at most %d MiB)", name, ErrTooLarge, size, MaxFileBytes>>20)
}

// looksLikeText reports whether the first sniffBytes of data have no NUL
// byte and are valid UTF-8 (a character cut by the sniff window is fine).
func looksLikeText(data []byte) bool {
	head := data[:min(len(data), sniffBytes)]
	if bytes.IndexByte(head, 0) >= 0 {
		return false
	}
	for i := 0; i < len(head); {
		r, size := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && size == 1 {
			// Invalid, unless it is a character cut by the window (the
			// rest of the file is checked later).
			return len(head) < len(data) && i > len(head)-utf8.UTFMax
		}
		i += size
	}
	return true
}

func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// lineAt is the 1-based line of byte offset off.
func lineAt(data []byte, off int) int {
	return bytes.Count(data[:min(off, len(data))], []byte{'\n'}) + 1
}

// warner collects the warnings of one file, at most maxWarnings of them;
// the notes not read among the rest are counted, with their dates, in a
// last warning.
type warner struct {
	file    string
	list    []Warning
	dropped int
	// Of the dropped warnings: the unread notes, their dates, and whether
	// one of them had no date.
	droppedUnread  int
	droppedDates   []Day
	droppedUndated bool
}

// add is a warning about a note that was still read, or about the file.
func (w *warner) add(line int, format string, args ...any) {
	w.put(Warning{File: w.file, Line: max(line, 1), Msg: fmt.Sprintf(format, args...)})
}

// unread is a warning about a note that was not read; dates are the dates
// it may be about (none: any).
func (w *warner) unread(line int, dates []Day, format string, args ...any) {
	w.put(Warning{File: w.file, Line: max(line, 1), Msg: fmt.Sprintf(format, args...), Unread: 1, Dates: uniqueDays(dates)})
}

func (w *warner) put(x Warning) {
	if len(w.list) < maxWarnings {
		w.list = append(w.list, x)
		return
	}
	w.dropped++
	if x.Unread > 0 {
		w.droppedUnread += x.Unread
		w.droppedDates = append(w.droppedDates, x.Dates...)
		w.droppedUndated = w.droppedUndated || len(x.Dates) == 0
	}
}

// done returns the warnings in line order.
func (w *warner) done() []Warning {
	sort.SliceStable(w.list, func(i, j int) bool { return w.list[i].Line < w.list[j].Line })
	if w.dropped > 0 {
		last := w.list[len(w.list)-1].Line
		x := Warning{File: w.file, Line: last, Msg: fmt.Sprintf("%d more warnings not shown", w.dropped), Unread: w.droppedUnread}
		if w.droppedUnread > 0 {
			x.Msg = fmt.Sprintf("%d more warnings not shown (%d more notes not read)", w.dropped, w.droppedUnread)
			if !w.droppedUndated {
				x.Dates = uniqueDays(w.droppedDates)
			}
		}
		w.list = append(w.list, x)
		w.dropped, w.droppedUnread, w.droppedDates, w.droppedUndated = 0, 0, nil, false
	}
	return w.list
}

// uniqueDays sorts days and drops repeats; nil for none.
func uniqueDays(days []Day) []Day {
	if len(days) == 0 {
		return nil
	}
	out := append([]Day(nil), days...)
	sortDays(out)
	k := 1
	for i := 1; i < len(out); i++ {
		if out[i] != out[k-1] {
			out[k] = out[i]
			k++
		}
	}
	return out[:k]
}
