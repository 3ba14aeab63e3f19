package notes

// runlog's own journal: where it lives, how one entry is written as a line,
// and how a line is appended safely while other runlog processes may be
// appending to the same file.

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// JournalEnv is the environment variable that, when set to a non-empty
// path, names the journal runlog writes to and reads by default. It takes
// precedence over the per-OS location; a --notes flag on the command line
// takes precedence over it.
const JournalEnv = "RUNLOG_JOURNAL"

// JournalHeader is the first line of a journal that runlog creates. It is a
// Markdown heading, which the journal reader skips like any other line that
// does not start with a date.
const JournalHeader = "# runlog journal — one entry per line: date [time] text"

// MaxEntryBytes bounds one formatted journal line (without its newline).
// Notes are a sentence or two; the bound keeps a line well inside what
// line-oriented readers and editors handle, and catches a file piped in by
// mistake as the note's text.
const MaxEntryBytes = 4096

// DefaultJournalPath returns where runlog keeps the runner's journal:
//
//   - $RUNLOG_JOURNAL, when set, on every OS;
//   - Linux, the BSDs and other Unix: $XDG_DATA_HOME/runlog/journal.md when
//     XDG_DATA_HOME is an absolute path, else ~/.local/share/runlog/journal.md
//     (the XDG Base Directory specification's data directory);
//   - macOS (and iOS): ~/Library/Application Support/runlog/journal.md;
//   - Windows: %LocalAppData%\runlog\journal.md;
//   - Plan 9: $home/lib/runlog/journal.md.
//
// The Go standard library has os.UserConfigDir and os.UserCacheDir but no
// data directory, hence this function. Neither the directory nor the file is
// created here; Append does that on first use.
func DefaultJournalPath() (string, error) { return DefaultJournalPathEnv(os.Getenv) }

// DefaultJournalPathEnv is DefaultJournalPath with the environment read
// through getenv, so that callers can test it without a real environment.
func DefaultJournalPathEnv(getenv func(string) string) (string, error) {
	if p := getenv(JournalEnv); p != "" {
		return p, nil
	}
	dir, err := userDataDir(getenv)
	if err != nil {
		return "", fmt.Errorf("cannot locate runlog's journal (set %s to choose one): %w", JournalEnv, err)
	}
	return filepath.Join(dir, "runlog", "journal.md"), nil
}

// userDataDir is the per-user directory for application data, following the
// same conventions as os.UserConfigDir.
func userDataDir(getenv func(string) string) (string, error) {
	switch runtime.GOOS {
	case "windows":
		if d := getenv("LocalAppData"); d != "" {
			return d, nil
		}
		return "", errors.New("%LocalAppData% is not set")
	case "darwin", "ios":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, "Library", "Application Support"), nil
	case "plan9":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, "lib"), nil
	default:
		// The XDG specification says a relative value is invalid and must
		// be ignored.
		if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
			return d, nil
		}
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, ".local", "share"), nil
	}
}

// FormatEntry writes e as one journal line, without the trailing newline.
// The layout is
//
//	DATE [TIME] [FIELDS ]— TEXT
//
// where
//
//   - DATE is e.When's calendar date as YYYY-MM-DD;
//   - TIME is e.When's wall-clock time as HH:MM (24 h), present when
//     e.HasTime;
//   - FIELDS are the structured fields that are set, in this order,
//     separated by "; ":
//     "left foot" | "right foot" | "both feet"   (e.Foot)
//     "at N km"                                  (e.OnsetKm > 0; rounded to 0.01 km, i.e. 10 m)
//     "at N mi"                                  (the same when e.OnsetUnit is "mi": in miles, rounded to 0.01 mi)
//     "at N min"                                 (e.OnsetMin > 0; rounded to 0.1 min)
//     "severity N/5"                             (e.Severity 1–5)
//     "shoes: NAME"                              (e.Shoes)
//     N is a plain decimal number ("5", "4.83"), never in exponent form;
//   - "— " is U+2014 EM DASH and a space: it always precedes the text, so
//     text that starts like a time ("7:10 easy run", "pm run") or with a
//     separator ("- ", ": ") is never taken for part of the date;
//   - TEXT is e.Text with every run of white space (newlines and tabs
//     included) collapsed to one space, other control and format characters
//     (e.g. ESC, NUL, BOM, zero-width joiners) removed, and leading/trailing
//     spaces trimmed.
//
// Examples:
//
//	2026-11-20 07:10 left foot; at 5 km; severity 3/5; shoes: Pegasus 40 — numb toes after the long hill
//	2026-11-21 both feet; at 25 min — tingling again on the treadmill
//	2026-11-22 06:45 — easy 8 km, no numbness today
//
// The journal reader reads the fields back into the entry's Foot, OnsetKm,
// OnsetMin, Severity and Shoes, and the text after the dash into Text; the
// fields are also ordinary words, so a person (or the text extractor) reads
// the foot and onset from the line like any hand-written note. A shoe name
// is cleaned like the text, and its ";" and "—" are replaced by "," and "-"
// so that it cannot end the fields early.
//
// FormatEntry refuses an entry with no date, with a UTC instant rather than a
// local wall-clock time (WhenUTC), with a foot other than left, right or
// both, with a severity outside 0–5, with a negative or infinite onset, with
// empty text (after cleaning), or whose line would exceed MaxEntryBytes.
// Other fields of Entry (File, Line, Surface, FITFile, Sport, Facts) are not
// written.
func FormatEntry(e Entry) (string, error) {
	if e.When.IsZero() {
		return "", errors.New("note has no date")
	}
	if e.WhenUTC {
		return "", errors.New("a journal line holds the runner's local date and time, not a UTC instant")
	}
	text := cleanText(e.Text)
	if text == "" {
		return "", errors.New("note text is empty")
	}

	var fields []string
	switch foot := strings.ToLower(strings.TrimSpace(e.Foot)); foot {
	case "":
	case "left", "right":
		fields = append(fields, foot+" foot")
	case "both":
		fields = append(fields, "both feet")
	default:
		return "", fmt.Errorf("foot %q: want left, right or both", e.Foot)
	}
	if s, ok, err := onsetDistance(e); err != nil {
		return "", err
	} else if ok {
		fields = append(fields, "at "+s)
	}
	if s, ok, err := onset(e.OnsetMin, 10, "min"); err != nil {
		return "", err
	} else if ok {
		fields = append(fields, "at "+s)
	}
	switch {
	case e.Severity == 0:
	case e.Severity >= 1 && e.Severity <= 5:
		fields = append(fields, fmt.Sprintf("severity %d/5", e.Severity))
	default:
		return "", fmt.Errorf("severity %d: want 1 to 5 (0 when not rated)", e.Severity)
	}
	if shoes := cleanShoes(e.Shoes); shoes != "" {
		fields = append(fields, "shoes: "+shoes)
	}

	var b strings.Builder
	b.WriteString(e.When.Format("2006-01-02"))
	if e.HasTime {
		b.WriteString(e.When.Format(" 15:04"))
	}
	b.WriteByte(' ')
	if len(fields) > 0 {
		b.WriteString(strings.Join(fields, "; "))
		b.WriteByte(' ')
	}
	b.WriteString("— ")
	b.WriteString(text)
	if b.Len() > MaxEntryBytes {
		return "", fmt.Errorf("note is too long: %d bytes as a journal line, at most %d", b.Len(), MaxEntryBytes)
	}
	return b.String(), nil
}

// onsetDistance formats e's onset distance in its own unit: km, or miles
// when e.OnsetUnit is "mi".
func onsetDistance(e Entry) (string, bool, error) {
	switch e.OnsetUnit {
	case "":
		return onset(e.OnsetKm, 100, "km")
	case "mi":
		return onset(e.OnsetKm/kmPerMile, 100, "mi")
	}
	return "", false, fmt.Errorf("onset unit %q: want km or mi", e.OnsetUnit)
}

// onset formats a positive distance or duration rounded to 1/scale of its
// unit; zero or NaN means "not given".
func onset(v, scale float64, unit string) (string, bool, error) {
	switch {
	case math.IsNaN(v) || v == 0:
		return "", false, nil
	case math.IsInf(v, 0) || v < 0:
		return "", false, fmt.Errorf("onset %v %s: want a positive number", v, unit)
	}
	r := math.Round(v*scale) / scale
	if r == 0 {
		r = 1 / scale // keep a tiny onset visible rather than dropping it
	}
	return strconv.FormatFloat(r, 'f', -1, 64) + " " + unit, true, nil
}

// cleanText makes s fit on one line: runs of white space (including line
// breaks) become one space, other control and invisible format characters
// are dropped, invalid UTF-8 bytes are replaced, and the ends are trimmed.
func cleanText(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToValidUTF8(s, string(utf8.RuneError)) {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// cleanShoes cleans a shoe name like text and removes the characters that
// delimit the fields of a journal line.
func cleanShoes(s string) string {
	s = strings.NewReplacer(";", ",", "—", "-").Replace(s)
	return cleanText(s)
}

// lockTimeout bounds how long Append waits for another runlog process to
// finish its append. An append takes milliseconds; waiting this long means
// something is stuck.
var lockTimeout = 30 * time.Second

// Append adds e to the journal at path as one line (see FormatEntry).
//
// On first use it creates the missing directories (mode 0700: the journal
// is health data) and the file (mode 0600), and starts the file with
// JournalHeader. It never changes bytes already in the file: it only appends,
// and when the file does not end with a newline (edited by hand) it adds one
// before the entry.
//
// Appends are safe against other runlog processes and goroutines appending
// to the same journal: Append holds an exclusive lock while it writes (an
// advisory flock(2) on the journal on Linux, macOS and the BSDs; a
// "PATH.lock" file created exclusively elsewhere), writes the newline, header
// and entry with a single write on a file opened with O_APPEND, and calls
// fsync on the file — and on its directory when the file was new — before it
// releases the lock. If the write fails part-way, the partial line is cut off
// again, so a failed append leaves the file as it was.
//
// Errors name the journal and say which step failed and why.
func Append(path string, e Entry) error {
	line, err := FormatEntry(e)
	if err != nil {
		return fmt.Errorf("journal %s: %w", path, err)
	}
	created, err := mkdirs(filepath.Dir(path))
	if err != nil {
		return journalErr(path, "cannot create its folder", err)
	}
	for attempt := 0; ; attempt++ {
		retry, err := appendLine(path, line, created)
		if !retry || attempt == 5 {
			return err
		}
	}
}

// appendLine does one locked append. retry is true when the file was
// replaced (renamed over, e.g. by an editor) between opening and locking it,
// so the lock and the write would go to a file that is no longer the
// journal.
func appendLine(path, line string, createdDirs []string) (retry bool, err error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return false, journalErr(path, "cannot open", err)
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = journalErr(path, "cannot close", cerr)
		}
	}()
	unlock, err := lockJournal(f, path)
	if err != nil {
		return false, err
	}
	defer func() {
		if uerr := unlock(); uerr != nil && err == nil {
			err = journalErr(path, "cannot release the lock", uerr)
		}
	}()

	info, err := f.Stat()
	if err != nil {
		return false, journalErr(path, "cannot stat", err)
	}
	if now, err := os.Stat(path); err != nil || !os.SameFile(info, now) {
		return true, journalErr(path, "the file was replaced while runlog was appending to it", err)
	}
	size := info.Size()

	var buf []byte
	if size == 0 {
		buf = append(buf, JournalHeader+"\n"...)
	} else {
		last, err := lastByte(path, size)
		if err != nil {
			return false, journalErr(path, "cannot read its end", err)
		}
		if last != '\n' {
			buf = append(buf, '\n')
		}
	}
	buf = append(buf, line...)
	buf = append(buf, '\n')

	if _, err := f.Write(buf); err != nil {
		// Cut off whatever part of the line reached the file; the lock
		// guarantees nothing was appended after it.
		_ = f.Truncate(size)
		return false, journalErr(path, "cannot write", err)
	}
	if err := f.Sync(); err != nil {
		return false, journalErr(path, "cannot flush to disk", err)
	}
	if size == 0 {
		// A new file exists once its directory entry is on disk too; so do
		// the folders created for it.
		dirs := append([]string{filepath.Dir(path)}, parents(createdDirs)...)
		for _, d := range dirs {
			if err := syncDir(d); err != nil {
				return false, journalErr(path, "cannot flush its folder to disk", err)
			}
		}
	}
	return false, nil
}

// lastByte reads the byte at size-1 through a separate read-only handle
// (the append handle is write-only).
func lastByte(path string, size int64) (byte, error) {
	r, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer r.Close()
	var b [1]byte
	if _, err := r.ReadAt(b[:], size-1); err != nil {
		return 0, err
	}
	return b[0], nil
}

// mkdirs is os.MkdirAll(dir, 0o700) that also returns the directories it
// created, outermost first.
func mkdirs(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; {
		if _, err := os.Stat(d); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			break // let MkdirAll report it
		}
		missing = append([]string{d}, missing...)
		up := filepath.Dir(d)
		if up == d {
			break
		}
		d = up
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	return missing, nil
}

// parents returns the parent of each directory, innermost first, so that
// syncing them records each created directory in its parent.
func parents(dirs []string) []string {
	var out []string
	for i := len(dirs) - 1; i >= 0; i-- {
		out = append(out, filepath.Dir(dirs[i]))
	}
	return out
}

// journalErr builds "journal PATH: STEP: REASON". When err is about the
// journal file itself its path is not repeated.
func journalErr(path, step string, err error) error {
	if err == nil {
		return fmt.Errorf("journal %s: %s", path, step)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == path {
		err = pe.Err
	}
	return fmt.Errorf("journal %s: %s: %w", path, step, err)
}
