package notes

// Adding a note to a notes file in the file's own format: a row under a
// CSV header, an element of a JSON array (in an object or not), a JSON
// Lines object, or a journal line. Whatever is written must read back:
// the new content is read before anything is written, and a note the
// reader would skip, or that would cost a note already there, is refused.

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// RefusedError is AppendNote declining to write: the file's format cannot
// hold the note in a way the reader reads back (a CSV header without a
// text column, invalid JSON, Strava's export), or the note itself is not
// valid. Nothing was written.
type RefusedError struct {
	File   string
	Reason string
}

func (e *RefusedError) Error() string {
	return e.File + ": " + e.Reason + "; nothing was written"
}

func refuse(file, format string, args ...any) error {
	return &RefusedError{File: file, Reason: fmt.Sprintf(format, args...)}
}

// appendPlan is how a note goes into a file: bytes added at its end, or
// (Whole != nil) the file's new content, written atomically.
type appendPlan struct {
	Add   []byte
	Whole []byte
	Shown string // what was added, for the runner: the line, row or element
}

// AppendNote adds e to the notes file at path, keeping the file's format:
//
//   - a CSV notes file (a header with a date column): a row under the
//     header, with the same delimiter and line ending, the note's fields in
//     the columns the header names (date, time, foot, onset, severity,
//     shoes, text); fields without a column go before the text in the
//     journal's layout ("left foot; at 5 km — numb toes"). A header without
//     a text column is refused.
//   - a JSON array of notes, or an object holding one (what the reader
//     reads): one more element at the end of that array, with the keys the
//     elements already use; the file is rewritten atomically (a temporary
//     file renamed over it), every other byte kept.
//   - JSON Lines (or a stream of objects): one more object on a line.
//   - anything else the reader reads as a journal: one journal line (see
//     FormatEntry).
//
// A file that does not exist or is empty is started by its name: .csv
// (.tsv) with a header, .json as an array, .jsonl/.ndjson as JSON Lines,
// anything else as a journal with JournalHeader. Strava's activities.csv,
// a file named .csv/.json that does not hold notes in that format, a file
// runlog cannot read, and a note the reader would not read back from the
// new content (with every note already there) are refused with a
// *RefusedError; nothing is written then.
//
// The update holds the same lock as Append, re-reads the file under it,
// appends with one write (cut off again on failure) or renames a complete
// new file over it, and fsyncs. It returns what was added, as written.
func AppendNote(path string, e Entry, opts Options) (string, error) {
	if err := opts.check(); err != nil {
		return "", err
	}
	if _, err := FormatEntry(e); err != nil {
		return "", refuse(path, "%v", err)
	}
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		return "", refuse(path, "not a regular file")
	}
	created, err := mkdirs(filepath.Dir(path))
	if err != nil {
		return "", fileErr(path, "cannot create its folder", err)
	}
	// A retry means another process renamed its update over the file
	// while this one waited for the lock on the old one: it made progress,
	// so retrying is not a livelock. Twenty processes adding to one JSON
	// file at once need several retries each (a bound of 5 attempts lost
	// notes); the bound is the lock's own timeout.
	deadline := time.Now().Add(lockTimeout)
	for {
		shown, retry, err := updateNotes(path, e, opts, created)
		if !retry || time.Now().After(deadline) {
			return shown, err
		}
	}
}

// updateNotes does one locked update; retry: the file was replaced while
// it was being locked.
func updateNotes(path string, e Entry, opts Options, createdDirs []string) (shown string, retry bool, err error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return "", false, fileErr(path, "cannot open", err)
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fileErr(path, "cannot close", cerr)
		}
	}()
	unlock, err := lockJournal(f, path)
	if err != nil {
		return "", false, err
	}
	defer func() {
		if uerr := unlock(); uerr != nil && err == nil {
			err = fileErr(path, "cannot release the lock", uerr)
		}
	}()
	info, err := f.Stat()
	if err != nil {
		return "", false, fileErr(path, "cannot stat", err)
	}
	if now, err := os.Stat(path); err != nil || !os.SameFile(info, now) {
		return "", true, fileErr(path, "the file was replaced while runlog was writing to it", err)
	}
	if info.Size() > MaxFileBytes {
		return "", false, refuse(path, "%v", tooLarge(path, info.Size()))
	}
	old, err := os.ReadFile(path)
	if err != nil {
		return "", false, fileErr(path, "cannot read", err)
	}
	plan, err := planAppend(path, old, e, opts)
	if err != nil {
		return "", false, err
	}
	if plan.Whole != nil && len(old) > 0 {
		if err := replaceFile(path, plan.Whole, info.Mode().Perm()); err != nil {
			return "", false, err
		}
		return plan.Shown, false, nil
	}
	buf := plan.Add
	if plan.Whole != nil {
		buf = plan.Whole
	}
	size := int64(len(old))
	if _, err := f.Write(buf); err != nil {
		_ = f.Truncate(size)
		return "", false, fileErr(path, "cannot write", err)
	}
	if err := f.Sync(); err != nil {
		return "", false, fileErr(path, "cannot flush to disk", err)
	}
	if size == 0 {
		for _, d := range append([]string{filepath.Dir(path)}, parents(createdDirs)...) {
			if err := syncDir(d); err != nil {
				return "", false, fileErr(path, "cannot flush its folder to disk", err)
			}
		}
	}
	return plan.Shown, false, nil
}

// replaceFile writes data to a temporary file beside path and renames it
// over path, so that a reader sees the old file or the new one, never half.
func replaceFile(path string, data []byte, perm os.FileMode) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".runlog-*")
	if err != nil {
		return fileErr(path, "cannot create a temporary file beside it", err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return fileErr(path, "cannot write the new content", err)
	}
	if err := tmp.Chmod(perm); err != nil {
		return fileErr(path, "cannot keep its permissions", err)
	}
	if err := tmp.Sync(); err != nil {
		return fileErr(path, "cannot flush to disk", err)
	}
	if err := tmp.Close(); err != nil {
		return fileErr(path, "cannot close the new content", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fileErr(path, "cannot replace it", err)
	}
	done = true
	if err := syncDir(dir); err != nil {
		return fileErr(path, "cannot flush its folder to disk", err)
	}
	return nil
}

func fileErr(path, step string, err error) error {
	if err == nil {
		return fmt.Errorf("%s: %s", path, step)
	}
	var pe *os.PathError
	if errors.As(err, &pe) && pe.Path == path {
		err = pe.Err
	}
	return fmt.Errorf("%s: %s: %w", path, step, err)
}

var bom = []byte("\xef\xbb\xbf")

// planAppend decides how e goes into the notes file name whose content is
// old, and checks that the result reads back: every note read before, and
// e. It does no I/O.
func planAppend(name string, old []byte, e Entry, opts Options) (appendPlan, error) {
	if _, err := FormatEntry(e); err != nil {
		return appendPlan{}, refuse(name, "%v", err)
	}
	if len(old) > MaxFileBytes {
		return appendPlan{}, refuse(name, "%v", tooLarge(name, int64(len(old))))
	}
	oldEntries, oldWarnings, err := ReadWith(name, bytes.NewReader(old), opts)
	if len(bytes.TrimSpace(old)) > 0 && err != nil {
		return appendPlan{}, refuse(name, "runlog cannot read it: %s", strings.TrimPrefix(err.Error(), name+": "))
	}
	ext := strings.ToLower(filepath.Ext(name))
	body := bytes.TrimPrefix(old, bom)
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	var plan appendPlan
	switch {
	case len(trimmed) == 0:
		plan, err = planNew(name, ext, old, e)
	case trimmed[0] == '[':
		plan, err = planJSONArray(name, old, nil, e)
	case trimmed[0] == '{':
		switch paths := wrapperPaths(body); len(paths) {
		case 0:
			// One JSON object that is not a note wraps its notes in a
			// list; an empty list has no objects to recognise it by.
			if obj, whole := wrapperObject(body); whole {
				if key, ok := onlyEmptyList(obj); ok {
					plan, err = planJSONArray(name, old, []string{key}, e)
				} else {
					err = refuse(name, "the JSON object holds no list of notes to add to")
				}
				break
			}
			plan, err = planJSONLines(name, old, e)
		case 1:
			plan, err = planJSONArray(name, old, paths[0], e)
		default:
			err = refuse(name, "the JSON object holds several lists of objects: runlog does not know which one holds the notes")
		}
	default:
		header, comma, _ := csvHeader(body)
		switch {
		case isStravaHeader(header):
			err = refuse(name, "this is Strava's export (activities.csv); runlog does not write to it: add the note to your journal or your own notes file")
		case isNotesHeader(header):
			plan, err = planCSV(name, old, header, comma, e)
		case ext == ".csv" || ext == ".tsv":
			err = refuse(name, "its first line is not a notes header with a date column (e.g. Date,Notes)")
		case ext == ".json" || ext == ".jsonl" || ext == ".ndjson":
			err = refuse(name, "it is named %s but does not hold JSON", ext)
		default:
			plan, err = planJournal(old, e)
		}
	}
	if err != nil {
		return appendPlan{}, err
	}
	content := plan.Whole
	if content == nil {
		content = append(append([]byte(nil), old...), plan.Add...)
	}
	if err := readsBack(name, content, oldEntries, oldWarnings, e, opts); err != nil {
		return appendPlan{}, err
	}
	return plan, nil
}

// readsBack checks that content holds every note of oldEntries, unchanged
// and in order, then e as its last note, and no more notes not read than
// before.
func readsBack(name string, content []byte, oldEntries []Entry, oldWarnings []Warning, e Entry, opts Options) error {
	got, warnings, err := ReadWith(name, bytes.NewReader(content), opts)
	if err != nil {
		return refuse(name, "the note would not read back: %s", strings.TrimPrefix(err.Error(), name+": "))
	}
	if len(got) != len(oldEntries)+1 {
		return refuse(name, "the note would not read back as one more note (%d notes before, %d after)", len(oldEntries), len(got))
	}
	for i, o := range oldEntries {
		n := got[i]
		if n.Line != o.Line || !n.When.Equal(o.When) || n.Text != o.Text {
			return refuse(name, "adding the note would change how the note on line %d reads", o.Line)
		}
	}
	last := got[len(got)-1]
	if !sameWhen(last, e) || !strings.Contains(last.Text, cleanText(e.Text)) {
		return refuse(name, "the note would read back differently (%s %q)", last.When.Format("2006-01-02 15:04"), clip(last.Text))
	}
	if unread(warnings) > unread(oldWarnings) {
		return refuse(name, "the note would not be read")
	}
	return nil
}

func sameWhen(got, e Entry) bool {
	if got.When.Format("2006-01-02") != e.When.Format("2006-01-02") || got.HasTime != e.HasTime || got.WhenUTC {
		return false
	}
	return !e.HasTime || got.When.Format("15:04") == e.When.Format("15:04")
}

func unread(ws []Warning) int {
	n := 0
	for _, w := range ws {
		n += w.Unread
	}
	return n
}

// planJournal adds one journal line, after a newline when the file does
// not end with one; a new file starts with JournalHeader.
func planJournal(old []byte, e Entry) (appendPlan, error) {
	line, err := FormatEntry(e)
	if err != nil {
		return appendPlan{}, err
	}
	var b []byte
	switch {
	case len(old) == 0:
		b = append(b, JournalHeader+"\n"...)
	case old[len(old)-1] != '\n':
		b = append(b, '\n')
	}
	b = append(b, line...)
	b = append(b, '\n')
	return appendPlan{Add: b, Shown: line}, nil
}

// planNew starts a notes file by its name's ending.
func planNew(name, ext string, old []byte, e Entry) (appendPlan, error) {
	switch ext {
	case ".csv", ".tsv":
		comma := ','
		if ext == ".tsv" {
			comma = '\t'
		}
		header := []string{"date", "time", "foot", "onset", "severity", "shoes", "notes"}
		row, shown := csvRow(header, e)
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.Comma = comma
		w.Write(header)
		w.Write(row)
		w.Flush()
		return appendPlan{Whole: buf.Bytes(), Shown: shown(comma)}, nil
	case ".json":
		elem := jsonElement(nil, e)
		pretty, _ := json.MarshalIndent(elem, "  ", "  ")
		return appendPlan{Whole: []byte("[\n  " + string(pretty) + "\n]\n"), Shown: compact(elem)}, nil
	case ".jsonl", ".ndjson":
		elem := jsonElement(nil, e)
		return appendPlan{Whole: []byte(compact(elem) + "\n"), Shown: compact(elem)}, nil
	}
	return planJournal(old, e)
}

// planCSV adds one row under a notes header.
func planCSV(name string, old []byte, header []string, comma rune, e Entry) (appendPlan, error) {
	hasText := false
	for _, h := range header {
		hasText = hasText || columnField(h) == fText
	}
	if !hasText {
		return appendPlan{}, refuse(name, "its header has no text or notes column (%s), so the note's words would be lost", strings.Join(header, string(comma)))
	}
	row, shown := csvRow(header, e)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma = comma
	w.UseCRLF = bytes.Contains(old, []byte("\r\n"))
	w.Write(row)
	w.Flush()
	var add []byte
	if len(old) > 0 && old[len(old)-1] != '\n' {
		if w.UseCRLF {
			add = append(add, '\r')
		}
		add = append(add, '\n')
	}
	return appendPlan{Add: append(add, buf.Bytes()...), Shown: shown(comma)}, nil
}

// csvRow fills the columns header names with e's fields; fields without a
// column go before the text in the journal's layout.
func csvRow(header []string, e Entry) ([]string, func(rune) string) {
	row := make([]string, len(header))
	col := map[field]int{}
	for i, h := range header {
		if f := columnField(h); f != fNone {
			if _, seen := col[f]; !seen {
				col[f] = i
			}
		}
	}
	put := func(f field, v string) bool {
		i, ok := col[f]
		if ok {
			row[i] = v
		}
		return ok
	}
	var extra []string
	date := e.When.Format("2006-01-02")
	if e.HasTime && !put(fTime, e.When.Format("15:04")) {
		date += e.When.Format(" 15:04")
	}
	put(fDate, date)
	if foot := footWords(e.Foot); foot != "" && !put(fFoot, e.Foot) {
		extra = append(extra, foot)
	}
	if !math.IsNaN(e.OnsetKm) && e.OnsetKm > 0 {
		s, _, _ := onsetDistance(e)
		ok := false
		switch {
		case e.OnsetUnit == "mi" && has(col, fOnsetMi):
			ok = put(fOnsetMi, decimal(e.OnsetKm/kmPerMile))
		case has(col, fOnsetKm):
			ok = put(fOnsetKm, decimal(e.OnsetKm))
		case has(col, fOnset):
			ok = put(fOnset, s)
			delete(col, fOnset)
		}
		if !ok {
			extra = append(extra, "at "+s)
		}
	}
	if !math.IsNaN(e.OnsetMin) && e.OnsetMin > 0 {
		s, _, _ := onset(e.OnsetMin, 10, "min")
		ok := false
		switch {
		case has(col, fOnsetMin):
			ok = put(fOnsetMin, decimal(e.OnsetMin))
		case has(col, fOnset):
			ok = put(fOnset, s)
		}
		if !ok {
			extra = append(extra, "at "+s)
		}
	}
	if e.Severity > 0 && !put(fSeverity, strconv.Itoa(e.Severity)) {
		extra = append(extra, fmt.Sprintf("severity %d/5", e.Severity))
	}
	if shoes := cleanShoes(e.Shoes); shoes != "" && !put(fShoes, shoes) {
		extra = append(extra, "shoes: "+shoes)
	}
	text := cleanText(e.Text)
	if len(extra) > 0 {
		text = strings.Join(extra, "; ") + " — " + text
	}
	put(fText, text)
	return row, func(comma rune) string {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.Comma = comma
		w.Write(row)
		w.Flush()
		return strings.TrimRight(buf.String(), "\r\n")
	}
}

func has(col map[field]int, f field) bool { _, ok := col[f]; return ok }

func footWords(foot string) string {
	switch foot {
	case "left", "right":
		return foot + " foot"
	case "both":
		return "both feet"
	}
	return ""
}

// decimal is v rounded to 0.01, in plain decimal form.
func decimal(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// member is one key and value of a JSON object, kept in order.
type member struct {
	key string
	val any
}

type object []member

func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(m.key)
		v, err := json.Marshal(m.val)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func compact(o object) string {
	b, _ := json.Marshal(o)
	return string(b)
}

// jsonElement builds e as an object with the keys the file's notes use
// (keys: key by field, the first seen), else runlog's names.
func jsonElement(keys map[field]string, e Entry) object {
	key := func(f field, def string) string {
		if k, ok := keys[f]; ok {
			return k
		}
		return def
	}
	var o object
	date := e.When.Format("2006-01-02")
	_, timeKey := keys[fTime]
	if e.HasTime && !timeKey {
		date += e.When.Format(" 15:04")
	}
	o = append(o, member{key(fDate, "date"), date})
	if e.HasTime && timeKey {
		o = append(o, member{keys[fTime], e.When.Format("15:04")})
	}
	if e.Foot != "" {
		o = append(o, member{key(fFoot, "foot"), e.Foot})
	}
	onsetUsed := false
	if !math.IsNaN(e.OnsetKm) && e.OnsetKm > 0 {
		s, _, _ := onsetDistance(e)
		switch _, hasMi := keys[fOnsetMi]; {
		case e.OnsetUnit == "mi" && hasMi:
			o = append(o, member{keys[fOnsetMi], json.Number(decimal(e.OnsetKm / kmPerMile))})
		case keys[fOnsetKm] != "":
			o = append(o, member{keys[fOnsetKm], json.Number(decimal(e.OnsetKm))})
		case keys[fOnset] != "":
			o = append(o, member{keys[fOnset], s})
			onsetUsed = true
		case e.OnsetUnit == "mi":
			o = append(o, member{"onset_mi", json.Number(decimal(e.OnsetKm / kmPerMile))})
		default:
			o = append(o, member{"onset_km", json.Number(decimal(e.OnsetKm))})
		}
	}
	if !math.IsNaN(e.OnsetMin) && e.OnsetMin > 0 {
		s, _, _ := onset(e.OnsetMin, 10, "min")
		switch {
		case keys[fOnsetMin] != "":
			o = append(o, member{keys[fOnsetMin], json.Number(strconv.FormatFloat(math.Round(e.OnsetMin*10)/10, 'f', -1, 64))})
		case keys[fOnset] != "" && !onsetUsed:
			o = append(o, member{keys[fOnset], s})
		default:
			o = append(o, member{"onset_min", json.Number(strconv.FormatFloat(math.Round(e.OnsetMin*10)/10, 'f', -1, 64))})
		}
	}
	if e.Severity > 0 {
		o = append(o, member{key(fSeverity, "severity"), e.Severity})
	}
	if shoes := cleanShoes(e.Shoes); shoes != "" {
		o = append(o, member{key(fShoes, "shoes"), shoes})
	}
	o = append(o, member{key(fText, "text"), cleanText(e.Text)})
	return o
}

// noteKeys collects, over the objects in raws, the first key (in sorted
// order, object by object) that means each field.
func noteKeys(raws []json.RawMessage) map[field]string {
	keys := map[field]string{}
	for _, raw := range raws {
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil {
			continue
		}
		names := make([]string, 0, len(obj))
		for k := range obj {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			if f := columnField(k); f != fNone {
				if _, ok := keys[f]; !ok {
					keys[f] = k
				}
			}
		}
	}
	return keys
}

// planJSONArray adds e at the end of the array at path (nil: the
// top-level array), keeping every other byte; the element is indented
// like the one before it.
func planJSONArray(name string, old []byte, path []string, e Entry) (appendPlan, error) {
	body := bytes.TrimPrefix(old, bom)
	off := len(old) - len(body)
	dec := json.NewDecoder(bytes.NewReader(body))
	if path == nil {
		if t, err := dec.Token(); err != nil || t != json.Delim('[') {
			return appendPlan{}, refuse(name, "not a JSON array")
		}
	} else if err := walkTo(dec, path); err != nil {
		return appendPlan{}, refuse(name, "the list of notes at %q cannot be found: %v", strings.Join(path, "."), err)
	}
	open := int(dec.InputOffset()) // just after '['
	var raws []json.RawMessage
	lastStart, lastEnd := -1, -1
	for dec.More() {
		start := nextValue(body, dec.InputOffset())
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return appendPlan{}, refuse(name, "invalid JSON on line %d (%v): fix it first", jsonErrLine(body, err, lineAt(body, start)), err)
		}
		raws = append(raws, raw)
		lastStart, lastEnd = start, int(dec.InputOffset())
	}
	if t, err := dec.Token(); err != nil || t != json.Delim(']') {
		return appendPlan{}, refuse(name, "the JSON array is not closed")
	}
	elem := jsonElement(noteKeys(raws), e)
	var insert string
	at := lastEnd
	if lastStart >= 0 {
		ws := lastStart
		for ws > open && strings.IndexByte(" \t\r\n", body[ws-1]) >= 0 {
			ws--
		}
		lead := string(body[ws:lastStart])
		indent := lead
		if i := strings.LastIndexByte(lead, '\n'); i >= 0 {
			indent = lead[i+1:]
		}
		text := compact(elem)
		if strings.Contains(lead, "\n") {
			b, _ := json.MarshalIndent(elem, indent, detectStep(raws, indent))
			text = string(b)
		}
		insert = "," + lead + text
	} else {
		at = open
		b, _ := json.MarshalIndent(elem, "  ", "  ")
		insert = "\n  " + string(b) + "\n"
	}
	whole := make([]byte, 0, len(old)+len(insert))
	whole = append(whole, old[:off+at]...)
	whole = append(whole, insert...)
	whole = append(whole, old[off+at:]...)
	return appendPlan{Whole: whole, Shown: compact(elem)}, nil
}

// detectStep guesses the indentation step inside the elements: the
// leading white space of their second line beyond indent, else two
// spaces.
func detectStep(raws []json.RawMessage, indent string) string {
	for _, raw := range raws {
		lines := strings.SplitN(string(raw), "\n", 3)
		if len(lines) < 2 {
			continue
		}
		l := lines[1]
		lead := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if step, ok := strings.CutPrefix(lead, indent); ok && step != "" {
			return step
		}
	}
	return "  "
}

// planJSONLines adds e as one more object on its own line.
func planJSONLines(name string, old []byte, e Entry) (appendPlan, error) {
	var raws []json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(old, bom)))
	for {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			break
		}
		raws = append(raws, raw)
	}
	elem := compact(jsonElement(noteKeys(raws), e))
	var add []byte
	if len(old) > 0 && old[len(old)-1] != '\n' {
		add = append(add, '\n')
	}
	add = append(add, elem...)
	add = append(add, '\n')
	return appendPlan{Add: add, Shown: elem}, nil
}

// wrapperObject decodes body as one JSON object that is not itself a note
// (it has no date); whole is false for anything else (JSON Lines, a note).
func wrapperObject(body []byte) (map[string]any, bool) {
	var top any
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&top); err != nil || dec.More() {
		return nil, false
	}
	obj, ok := top.(map[string]any)
	if !ok || isNote(obj) {
		return nil, false
	}
	return obj, true
}

// onlyEmptyList returns the key of obj's one empty list, when it has
// exactly one list and it is empty: where the notes of a new export go.
func onlyEmptyList(obj map[string]any) (string, bool) {
	key, n := "", 0
	for k, v := range obj {
		if a, ok := v.([]any); ok {
			n++
			if len(a) == 0 {
				key = k
			}
		}
	}
	return key, n == 1 && key != ""
}
