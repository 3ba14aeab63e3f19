package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// failWriter fails every write, as stdout does on a full disk.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// runIO runs runlog with an environment of env only (plus a config folder
// without a config file), and returns the exit status, stdout and stderr.
func runIO(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	e := map[string]string{"XDG_CONFIG_HOME": t.TempDir(), "RUNLOG_JOURNAL": filepath.Join(t.TempDir(), "journal.md")}
	for k, v := range env {
		e[k] = v
	}
	var out, errOut bytes.Buffer
	code := mainIO(args, IOStreams{Out: &out, ErrOut: &errOut, Getenv: mapEnv(e)})
	return code, out.String(), errOut.String()
}

// TestExitStatuses: every status a script can tell apart, with the reason
// in plain words on stderr.
func TestExitStatuses(t *testing.T) {
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.fit")
	os.WriteFile(broken, []byte("not a FIT file"), 0o644)
	one := filepath.Join(demoDir, "2026-11-04-run.fit")
	unknownKey := writeConfig(t, "height_cm: 180\nshoe_size: 44\n")
	numbDir := t.TempDir()
	files, _ := filepath.Glob(filepath.Join(demoDir, "*.fit"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		os.WriteFile(filepath.Join(numbDir, filepath.Base(f)), b, 0o644)
	}
	os.WriteFile(filepath.Join(numbDir, "notes.md"), []byte("- 2026-11-04 numb toes, shoes too tight\n- 2026-11-11 numb toes again, tight laces\n- 2026-11-02 feet fine\n"), 0o644)
	// The same with one broken file more: both 3 and 4 apply, 4 wins.
	numbBroken := t.TempDir()
	ents, _ := os.ReadDir(numbDir)
	for _, e := range ents {
		b, _ := os.ReadFile(filepath.Join(numbDir, e.Name()))
		os.WriteFile(filepath.Join(numbBroken, e.Name()), b, 0o644)
	}
	os.WriteFile(filepath.Join(numbBroken, "broken.fit"), []byte("not a FIT file"), 0o644)

	for _, c := range []struct {
		name string
		env  map[string]string
		args []string
		want int
		says string
	}{
		{"all read", nil, []string{"analyze", one}, exitOK, ""},
		{"nothing found", nil, []string{"analyze", t.TempDir()}, exitFailed, "no FIT files found"},
		{"nothing readable", nil, []string{"analyze", broken}, exitFailed, "broken.fit"},
		{"inspect nothing readable", nil, []string{"inspect", broken}, exitFailed, ""},
		{"some unreadable", nil, []string{"analyze", one, broken}, exitPartial, "broken.fit"},
		{"inspect some unreadable", nil, []string{"inspect", one, broken}, exitPartial, ""},
		{"missing notes file", nil, []string{"analyze", "--notes", filepath.Join(dir, "none.md"), one}, exitPartial, "none.md"},
		{"bad flag", nil, []string{"analyze", "--height-cm", "abc", one}, exitUsage, `"abc" for "--height-cm" flag: not a number`},
		{"bad env height", map[string]string{"RUNLOG_HEIGHT_CM": "abc"}, []string{"analyze", one}, exitUsage, "RUNLOG_HEIGHT_CM=abc: not a number of centimetres"},
		{"env height out of range", map[string]string{"RUNLOG_HEIGHT_CM": "17"}, []string{"analyze", one}, exitUsage, "RUNLOG_HEIGHT_CM=17"},
		{"bad env zone", map[string]string{"RUNLOG_TZ": "Mars/Olympus"}, []string{"analyze", one}, exitUsage, `RUNLOG_TZ "Mars/Olympus": not a time zone`},
		{"bad env format", map[string]string{"RUNLOG_FORMAT": "xml"}, []string{"analyze", one}, exitUsage, "xml"},
		{"unknown config key", map[string]string{"RUNLOG_CONFIG": unknownKey}, []string{"analyze", one}, exitUsage, `"shoe_size" is not a key runlog knows`},
		{"config path missing", map[string]string{"RUNLOG_CONFIG": filepath.Join(dir, "nope.yaml")}, []string{"analyze", one}, exitUsage, "nope.yaml (from RUNLOG_CONFIG) does not exist"},
		{"config path missing, note list", map[string]string{"RUNLOG_CONFIG": filepath.Join(dir, "nope.yaml")}, []string{"note", "list"}, exitUsage, "nope.yaml"},
		{"fail-on", nil, []string{"analyze", "--fail-on", "likely", numbDir}, exitAttention, "--fail-on likely"},
		{"fail-on and unreadable: 4 wins", nil, []string{"analyze", "--fail-on", "likely", numbBroken}, exitAttention, "broken.fit"},
		{"unreadable without fail-on reached", nil, []string{"analyze", "--fail-on", "doctor", numbBroken}, exitPartial, "broken.fit"},
	} {
		code, _, stderr := runIO(t, c.env, c.args...)
		if code != c.want || !strings.Contains(stderr, c.says) {
			t.Errorf("%s: exit %d, want %d; stderr should say %q:\n%s", c.name, code, c.want, c.says, stderr)
		}
		if strings.Contains(stderr, "strconv.") {
			t.Errorf("%s: a Go error leaks: %s", c.name, stderr)
		}
	}
}

// TestWriteFailureIsAnError: a report that cannot be written (> /dev/full)
// is exit 1, saying so.
func TestWriteFailureIsAnError(t *testing.T) {
	for _, args := range [][]string{
		{"analyze", filepath.Join(demoDir, "2026-11-04-run.fit")},
		{"analyze", "--format", "json", filepath.Join(demoDir, "2026-11-04-run.fit")},
		{"inspect", filepath.Join(demoDir, "2026-11-04-run.fit")},
		{"note", "path"},
		{"note", "list", "--format", "json"},
		{"config", "path"},
	} {
		var errOut bytes.Buffer
		code := mainIO(args, IOStreams{Out: failWriter{}, ErrOut: &errOut, Getenv: mapEnv(map[string]string{"XDG_CONFIG_HOME": t.TempDir()})})
		if code != exitFailed || !strings.Contains(errOut.String(), "could not be written") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut.String())
		}
	}
	if f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0); err == nil {
		defer f.Close()
		var errOut bytes.Buffer
		if code := Main([]string{"analyze", demoDir}, f, &errOut); code != exitFailed {
			t.Errorf("> /dev/full: exit %d: %s", code, errOut.String())
		}
	}
}
