package notes

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeZip(t *testing.T, path string, names ...string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("2024-07-09 numb toes\n"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// TestDiscover: notes at the top of a folder, beside FIT files named one
// by one (a shell glob; each folder once), at the top of a zip or of its
// one top folder.
func TestDiscover(t *testing.T) {
	dir := t.TempDir()
	runs, other := filepath.Join(dir, "runs"), filepath.Join(dir, "other")
	for _, d := range []string{runs, other, filepath.Join(runs, "sub")} {
		os.MkdirAll(d, 0o755)
	}
	for _, f := range []string{"runs/a.fit", "runs/b.FIT", "runs/notes.md", "runs/readme.txt", "runs/sub/notes.txt", "other/c.fit.gz", "other/Numbness.csv"} {
		os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644)
	}
	writeZip(t, filepath.Join(dir, "top.zip"), "activities.csv", "activities/1.fit.gz", "sub/notes.md")
	writeZip(t, filepath.Join(dir, "folder.zip"), "ana/", "ana/notes.md", "ana/runs/1.fit", "ana/deep/notes.txt", "__MACOSX/ana/._notes.md")
	writeZip(t, filepath.Join(dir, "two.zip"), "ana/notes.md", "ben/notes.md")

	got := Discover([]string{
		filepath.Join(runs, "a.fit"), filepath.Join(runs, "b.FIT"), // a glob: runs/notes.md once
		filepath.Join(other, "c.fit.gz"),
		filepath.Join(dir, "top.zip"), filepath.Join(dir, "folder.zip"), filepath.Join(dir, "two.zip"),
		runs, // the same folder named again: not listed twice
	})
	want := []string{
		filepath.Join(runs, "notes.md"),
		filepath.Join(other, "Numbness.csv"),
		filepath.Join(dir, "top.zip") + "!activities.csv",
		filepath.Join(dir, "folder.zip") + "!ana/notes.md",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Discover:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A zipped folder's notes read like any other.
	entries, _, err := ReadPath(filepath.Join(dir, "folder.zip") + "!ana/notes.md")
	if err != nil || len(entries) != 1 {
		t.Errorf("reading the zipped folder's notes: %v %v", entries, err)
	}
}

func TestIsNotesFile(t *testing.T) {
	for name, want := range map[string]bool{
		"notes.csv": true, "log.CSV": true, "journal.md": true, "x/training.txt": true, "export.json": true, "a.jsonl": true,
		"Numbness.xyz": true, "activities.csv": true,
		"run.fit": false, "run.fit.gz": false, "export.zip": false, "notes": false, "photo.jpg": false,
	} {
		if IsNotesFile(name) != want {
			t.Errorf("IsNotesFile(%q) = %v", name, !want)
		}
	}
}
