//go:build unix

package cache

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestCachePrivate: the cache holds health data, so its folders are created
// 0700 and every file in it (the database, its WAL and shared-memory files)
// is 0600 from the moment it exists, whatever the umask allows.
func TestCachePrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	root := t.TempDir()
	dir := filepath.Join(root, "a", "runlog")
	c := Open(dir, 1, func(s string) { t.Error(s) })
	if c == nil {
		t.Fatal("no cache")
	}
	k, fr := measured(t)
	c.Put(k, fr)
	if _, ok := c.Get(k); !ok {
		t.Error("not stored")
	}
	check := func() {
		for _, d := range []string{filepath.Join(root, "a"), dir} {
			if fi, err := os.Stat(d); err != nil || fi.Mode().Perm() != 0o700 {
				t.Errorf("%s: %v %v, want 0700", d, fi.Mode().Perm(), err)
			}
		}
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			fi, _ := e.Info()
			if fi.Mode().Perm() != 0o600 {
				t.Errorf("%s: %v, want 0600", e.Name(), fi.Mode().Perm())
			}
		}
		if len(ents) == 0 {
			t.Error("no files")
		}
	}
	check()
	c.Close()
	check()
}
