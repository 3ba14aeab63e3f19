package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestCommittedTestdataIsCurrent: the files committed in testdata/ are what
// the generator writes now, so the documented values in testdata/README.md
// are the values in the files. Run `make testdata` when this fails.
func TestCommittedTestdataIsCurrent(t *testing.T) {
	out := t.TempDir()
	if err := generate(out); err != nil {
		t.Fatal(err)
	}
	committed := filepath.Join("..", "..", "testdata")
	n := 0
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, path)
		want, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		got, err := os.ReadFile(filepath.Join(committed, rel))
		if err != nil {
			t.Errorf("%s: generated but not committed (%v); run make testdata", rel, err)
			return nil
		}
		if !bytes.Equal(got, want) {
			t.Errorf("testdata/%s differs from what the generator writes; run make testdata", rel)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Errorf("only %d files generated", n)
	}
}
