package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMain keeps the tests away from the runner's own journal and
// settings: analyze reads runlog's journal by default, so every test gets a
// journal path that does not exist unless the test writes it.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "runlog-test-")
	if err != nil {
		panic(err)
	}
	os.Setenv("RUNLOG_JOURNAL", filepath.Join(dir, "no-journal", "journal.md"))
	os.Setenv("RUNLOG_CONFIG", filepath.Join(dir, "no-config.yaml"))
	for _, k := range []string{"RUNLOG_DATE_ORDER", "RUNLOG_UNLOGGED", "RUNLOG_TZ", "RUNLOG_HEIGHT_CM"} {
		os.Unsetenv(k)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
