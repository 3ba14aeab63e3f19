package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMain keeps the tests away from the runner's own journal and
// settings: analyze reads runlog's journal by default, so every test gets a
// journal path that does not exist unless the test writes it.
//
// With RUNLOG_TEST_AS_MAIN=1 the test binary is runlog itself: tests that
// need real processes (notes_durable_test.go) run it with runlog's
// arguments.
func TestMain(m *testing.M) {
	if os.Getenv("RUNLOG_TEST_AS_MAIN") == "1" {
		os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
	}
	dir, err := os.MkdirTemp("", "runlog-test-")
	if err != nil {
		panic(err)
	}
	os.Setenv("RUNLOG_JOURNAL", filepath.Join(dir, "no-journal", "journal.md"))
	// No config file: the user's config folder is an empty one.
	os.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	os.Setenv("XDG_CACHE_HOME", filepath.Join(dir, "cache"))
	for _, k := range []string{"RUNLOG_CONFIG", "RUNLOG_DATE_ORDER", "RUNLOG_UNLOGGED", "RUNLOG_TZ", "RUNLOG_HEIGHT_CM", "RUNLOG_FORMAT", "RUNLOG_CACHE_DIR", "RUNLOG_NO_CACHE"} {
		os.Unsetenv(k)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
