package notes

// JSON notes: an array of objects, JSON Lines (one object per line), or a
// stream of (possibly pretty-printed) objects. Keys mean what CSV columns
// mean and are matched the same loose way (read_csv.go); values may be
// strings or numbers ("onset_km": 5 and "onset": "5 km" both work).
//
// Entry.Line is the element's index + 1 in an array and the line where the
// object starts otherwise. Warnings give the line where the element starts
// (or where the JSON breaks); for an array they also name the element.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// unknownKeys collects the keys no field matches, for one warning per file.
type unknownKeys struct {
	keys map[string]bool
	line int // of the first object with an unknown key
}

func (u *unknownKeys) report(w *warner) {
	if len(u.keys) == 0 {
		return
	}
	names := sortedKeys(u.keys)
	for i, k := range names {
		names[i] = fmt.Sprintf("%q", k)
	}
	w.add(u.line, "unknown fields ignored: %s", strings.Join(names, ", "))
}

func parseJSONArray(name string, data []byte, w *warner) []Entry {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil { // the '['
		w.add(1, "invalid JSON: %v", err)
		return nil
	}
	var (
		entries []Entry
		unknown unknownKeys
	)
	defer unknown.report(w)
	for i := 1; dec.More(); i++ {
		line := lineAt(data, nextValue(data, dec.InputOffset()))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			w.add(jsonErrLine(data, err, line), "element %d: invalid JSON (%v): the rest of the file is ignored", i, err)
			return entries
		}
		prefix := fmt.Sprintf("element %d: ", i)
		warn := func(format string, args ...any) { w.add(line, prefix+format, args...) }
		if e, ok := objectEntry(name, i, line, raw, warn, &unknown); ok {
			entries = append(entries, e)
		}
	}
	if _, err := dec.Token(); err != nil { // the ']'
		w.add(lineAt(data, len(data)), "the array is not closed (%v)", err)
	} else if rest := bytes.TrimSpace(data[dec.InputOffset():]); len(rest) > 0 {
		w.add(lineAt(data, int(dec.InputOffset())), "text after the JSON array ignored")
	}
	return entries
}

// parseJSONObjects reads JSON Lines, or any stream of objects. The whole
// input is first decoded as a stream, which also allows objects spread over
// several lines; if that fails, it is read line by line so that one bad
// line costs only that line.
func parseJSONObjects(name string, data []byte, w *warner) []Entry {
	type value struct {
		raw  json.RawMessage
		line int
	}
	var vals []value
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		line := lineAt(data, nextValue(data, dec.InputOffset()))
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if err == io.EOF {
			break
		}
		if err != nil {
			vals = nil
			break
		}
		vals = append(vals, value{raw, line})
	}
	if vals == nil {
		for i, b := range bytes.Split(data, []byte{'\n'}) {
			b = bytes.TrimSpace(b)
			switch {
			case len(b) == 0:
			case len(b) > MaxLineBytes:
				vals = append(vals, value{b, i + 1}) // reported below
			case !json.Valid(b):
				var raw json.RawMessage
				w.add(i+1, "invalid JSON: %v", json.Unmarshal(b, &raw))
			default:
				vals = append(vals, value{b, i + 1})
			}
		}
	}

	var (
		entries []Entry
		unknown unknownKeys
	)
	defer unknown.report(w)
	for _, v := range vals {
		warn := func(format string, args ...any) { w.add(v.line, format, args...) }
		if e, ok := objectEntry(name, v.line, v.line, v.raw, warn, &unknown); ok {
			entries = append(entries, e)
		}
	}
	return entries
}

// nextValue skips white space and commas from off to where the next JSON
// value starts.
func nextValue(data []byte, off int64) int {
	i := int(off)
	for i < len(data) && bytes.IndexByte([]byte(" \t\r\n,"), data[i]) >= 0 {
		i++
	}
	return i
}

// jsonErrLine is the line of a syntax error, or def.
func jsonErrLine(data []byte, err error, def int) int {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return lineAt(data, int(se.Offset))
	}
	return def
}

// objectEntry builds the Entry of one JSON object. Keys are read in sorted
// order so that, of two keys meaning the same field, the choice does not
// depend on map order.
func objectEntry(file string, entryLine, line int, raw json.RawMessage, warn func(string, ...any), unknown *unknownKeys) (Entry, bool) {
	if len(raw) > MaxLineBytes {
		warn("too long (%d bytes, at most %d): skipped", len(raw), MaxLineBytes)
		return Entry{}, false
	}
	var obj map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil || obj == nil {
		warn("not a JSON object: skipped")
		return Entry{}, false
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)

	var v values
	for _, k := range keys {
		f := columnNames[normName(k)]
		if f == fNone {
			if unknown.keys == nil {
				unknown.keys, unknown.line = map[string]bool{}, line
			}
			unknown.keys[k] = true
			continue
		}
		switch x := obj[k].(type) {
		case string:
			v.set(f, x)
		case json.Number:
			v.set(f, x.String())
		case nil:
		default:
			warn("%q: want text or a number: ignored", k)
		}
	}
	return v.entry(file, entryLine, warn)
}
