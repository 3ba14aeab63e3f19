package fitparse

import (
	"os"
	"path/filepath"
	"testing"
)

// fixtureDir is where the real watch files live: ../shared/fixtures/fit
// beside the project (see ../shared/fixtures/SOURCES.md).
var fixtureDir = filepath.Join("..", "..", "shared", "fixtures", "fit")

// fixture returns the bytes of a real watch file, skipping the test with a
// clear message when the shared fixtures are not beside the project.
func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureDir, name))
	if os.IsNotExist(err) {
		t.Skipf("real FIT fixtures not found at %s (they live in ../shared beside the project): skipping", fixtureDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// allFixtures lists every real FIT file, skipping when there are none.
func allFixtures(t testing.TB) []string {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(fixtureDir, "*.fit"))
	if len(names) == 0 {
		t.Skipf("real FIT fixtures not found at %s (they live in ../shared beside the project): skipping", fixtureDir)
	}
	for i := range names {
		names[i] = filepath.Base(names[i])
	}
	return names
}

func readFixture(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join(fixtureDir, name))
}
