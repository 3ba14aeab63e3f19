package notes

// JSON notes: an array of objects, an object holding one array of objects
// ({"entries": [...]}, {"data": {"notes": [...]}}), JSON Lines (one object
// per line), or a stream of (possibly pretty-printed) objects. An object
// holding several arrays of objects is refused: which one holds the notes
// is not clear. Keys mean what CSV columns
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
	"strconv"
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

func parseJSONArray(name string, data []byte, d *dater) []Entry {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil { // the '['
		d.w.unread(1, nil, "invalid JSON: %v: file skipped", err)
		return nil
	}
	return parseJSONElements(name, data, dec, d, false)
}

// parseJSONElements reads the elements of the array whose '[' dec has just
// read, and its ']'; wrapped: the array is inside an object.
func parseJSONElements(name string, data []byte, dec *json.Decoder, d *dater, wrapped bool) []Entry {
	w := d.w
	var (
		entries []Entry
		unknown unknownKeys
	)
	defer unknown.report(w)
	for i := 1; dec.More(); i++ {
		line := lineAt(data, nextValue(data, dec.InputOffset()))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			w.unread(jsonErrLine(data, err, line), nil, "element %d: invalid JSON (%v): the rest of the file is ignored", i, err)
			return entries
		}
		warn := rowWarn{w: w, line: line, prefix: fmt.Sprintf("element %d: ", i)}
		if e, ok := objectEntry(name, i, raw, warn, &unknown, d); ok {
			entries = append(entries, e)
		}
	}
	if _, err := dec.Token(); err != nil { // the ']'
		w.add(lineAt(data, len(data)), "the array is not closed (%v)", err)
	} else if rest := bytes.TrimSpace(data[dec.InputOffset():]); len(rest) > 0 && !wrapped {
		w.add(lineAt(data, int(dec.InputOffset())), "text after the JSON array ignored")
	}
	return entries
}

// parseJSONTop reads JSON that starts with '{': one object that holds an
// array of notes, else JSON Lines or a stream of objects.
func parseJSONTop(name string, data []byte, d *dater) []Entry {
	paths := wrapperPaths(data)
	switch {
	case len(paths) == 1:
		return parseWrapped(name, data, paths[0], d)
	case len(paths) > 1:
		names := make([]string, len(paths))
		for i, p := range paths {
			names[i] = strconv.Quote(strings.Join(p, "."))
		}
		d.w.unread(1, nil, "the JSON object holds several lists of objects (%s): which one holds the notes is not clear, so none is read; keep one list, or give its notes as a top-level array", strings.Join(names, ", "))
		return nil
	}
	return parseJSONObjects(name, data, d)
}

// wrapperPaths returns, when data is one JSON object wrapping lists of
// notes, the paths of those lists (one: the notes; several: unclear); none
// when data is JSON Lines or a stream of objects.
func wrapperPaths(data []byte) [][]string {
	var top any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&top); err != nil || dec.More() {
		return nil
	}
	obj, ok := top.(map[string]any)
	if !ok {
		return nil
	}
	paths := notesArrays(obj, nil, 0)
	if isNote(obj) {
		// A note with a list in it ("laps": [...]) is a note; an
		// export with a "date" of its own holds dated notes.
		kept := paths[:0]
		for _, p := range paths {
			if datedObjects(lookup(obj, p)) {
				kept = append(kept, p)
			}
		}
		paths = kept
	}
	return paths
}

// isNote: obj has a date key, so it is a note (JSON Lines of one line),
// not a wrapper around the notes.
func isNote(obj map[string]any) bool {
	for k := range obj {
		if columnField(k) == fDate {
			return true
		}
	}
	return false
}

// lookup is the value at path in obj.
func lookup(obj map[string]any, path []string) any {
	var v any = obj
	for _, k := range path {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	return v
}

// datedObjects: v is an array of objects with a date key.
func datedObjects(v any) bool {
	list, _ := v.([]any)
	for _, x := range list {
		if obj, ok := x.(map[string]any); ok && isNote(obj) {
			return true
		}
	}
	return false
}

// maxJSONDepth bounds how deep parseJSONTop looks for the array of notes.
const maxJSONDepth = 4

// notesArrays lists the paths (keys, sorted) of the arrays of objects in
// obj and the objects it holds, down to maxJSONDepth.
func notesArrays(obj map[string]any, path []string, depth int) [][]string {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out [][]string
	for _, k := range keys {
		p := append(append([]string(nil), path...), k)
		switch v := obj[k].(type) {
		case []any:
			objects := len(v) > 0
			for _, x := range v {
				_, isObj := x.(map[string]any)
				objects = objects && isObj
			}
			if objects {
				out = append(out, p)
			}
		case map[string]any:
			if depth+1 < maxJSONDepth {
				out = append(out, notesArrays(v, p, depth+1)...)
			}
		}
	}
	return out
}

// parseWrapped reads the array at path inside the top-level object.
func parseWrapped(name string, data []byte, path []string, d *dater) []Entry {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := walkTo(dec, path); err != nil {
		d.w.unread(1, nil, "the list of notes at %q could not be found (%v): file skipped", strings.Join(path, "."), err)
		return nil
	}
	return parseJSONElements(name, data, dec, d, true)
}

// walkTo reads dec up to and including the '[' of the array at path
// (object keys from the top-level object).
func walkTo(dec *json.Decoder, path []string) error {
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return errors.New("not an object")
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := t.(string)
		if key != path[0] {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return err
			}
			continue
		}
		if len(path) == 1 {
			if t, err := dec.Token(); err != nil || t != json.Delim('[') {
				return errors.New("not an array")
			}
			return nil
		}
		return walkTo(dec, path[1:])
	}
	return errors.New("no such key")
}

// parseJSONObjects reads JSON Lines, or any stream of objects. The whole
// input is first decoded as a stream, which also allows objects spread over
// several lines; if that fails, it is read line by line so that one bad
// line costs only that line.
func parseJSONObjects(name string, data []byte, d *dater) []Entry {
	w := d.w
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
				w.unread(i+1, nil, "invalid JSON: %v: line skipped", json.Unmarshal(b, &raw))
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
		warn := rowWarn{w: w, line: v.line}
		if e, ok := objectEntry(name, v.line, v.raw, warn, &unknown, d); ok {
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
func objectEntry(file string, entryLine int, raw json.RawMessage, warn rowWarn, unknown *unknownKeys, d *dater) (Entry, bool) {
	if len(raw) > MaxLineBytes {
		warn.unread(nil, "too long (%d bytes, at most %d): skipped", len(raw), MaxLineBytes)
		return Entry{}, false
	}
	var obj map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil || obj == nil {
		warn.unread(nil, "not a JSON object: skipped")
		return Entry{}, false
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)

	var v values
	for _, k := range keys {
		f := columnField(k)
		if f == fNone {
			if unknown.keys == nil {
				unknown.keys, unknown.line = map[string]bool{}, warn.line
			}
			unknown.keys[k] = true
			continue
		}
		switch x := obj[k].(type) {
		case string:
			v.set(f, x)
		case json.Number:
			v.set(f, x.String())
		case bool:
			if f != fNumb {
				warn.add("%q: want text or a number: ignored", k)
				continue
			}
			v.set(f, strconv.FormatBool(x))
		case nil:
		default:
			warn.add("%q: want text or a number: ignored", k)
		}
	}
	return v.entry(file, entryLine, d, warn)
}
