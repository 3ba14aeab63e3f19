package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestReadmeGoVersion: the Go version the README asks for is the one go.mod
// needs (its go line), so that a fresh machine set up by the README builds
// runlog without fetching another toolchain.
func TestReadmeGoVersion(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	mod, err := os.ReadFile(filepath.Join("..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\d+\.\d+(?:\.\d+)?)$`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("go.mod has no go line")
	}
	r := regexp.MustCompile(`with Go (\d+\.\d+(?:\.\d+)?) or later`).FindSubmatch(readme)
	if r == nil {
		t.Fatal(`README does not say "with Go X.Y.Z or later"`)
	}
	if string(r[1]) != string(m[1]) {
		t.Errorf("README asks for Go %s, go.mod needs %s", r[1], m[1])
	}
}
