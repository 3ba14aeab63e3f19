package notes

import (
	"archive/zip"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// IsNotesName reports whether a file name is one runlog reads as notes
// without being told: notes.*, numbness.* or activities.csv (Strava's bulk
// export), in any letter case.
func IsNotesName(name string) bool {
	base := strings.ToLower(path.Base(filepath.ToSlash(name)))
	return base == "activities.csv" || strings.HasPrefix(base, "notes.") || strings.HasPrefix(base, "numbness.")
}

// notesExts are the file name endings of notes files named among the
// inputs of an analysis (see IsNotesFile).
var notesExts = []string{".txt", ".md", ".markdown", ".csv", ".tsv", ".json", ".jsonl", ".ndjson"}

// IsNotesFile reports whether a file named among the FIT inputs is a notes
// file to read as notes: a name IsNotesName knows, or one ending in .txt,
// .md, .markdown, .csv, .tsv, .json, .jsonl or .ndjson (any letter case). A
// FIT file is never named so.
func IsNotesFile(name string) bool {
	if IsNotesName(name) {
		return true
	}
	ext := strings.ToLower(path.Ext(filepath.ToSlash(name)))
	for _, e := range notesExts {
		if ext == e {
			return true
		}
	}
	return false
}

// isFITName: .fit or .fit.gz, any letter case.
func isFITName(name string) bool {
	n := strings.ToLower(name)
	return strings.HasSuffix(n, ".fit") || strings.HasSuffix(n, ".fit.gz")
}

// Discover lists the notes files of the inputs in paths, sorted within
// each place they are found:
//
//   - at the top of each folder;
//   - in the folder of each FIT file (.fit, .fit.gz) named on its own, as
//     a shell glob names them (runlog analyze ~/runs/*.fit reads
//     ~/runs/notes.md), each folder once;
//   - at the top of each zip archive (a Strava bulk export keeps
//     activities.csv there), or, when everything in the archive is in one
//     top folder (a zipped folder), at the top of that folder.
//
// Archive entries are named "archive.zip!entry". Folders or archives that
// cannot be listed are skipped here; reading the runs reports them. The
// same folder reached twice is listed once.
func Discover(paths []string) []string {
	var out []string
	dirs := map[string]bool{}
	listDir := func(dir string) {
		key := dir
		if abs, err := filepath.Abs(dir); err == nil {
			key = abs
		}
		if dirs[key] {
			return
		}
		dirs[key] = true
		entries, err := os.ReadDir(dir)
		if err != nil {
			return
		}
		for _, e := range entries { // ReadDir sorts by name
			if e.Type().IsRegular() && IsNotesName(e.Name()) {
				out = append(out, filepath.Join(dir, e.Name()))
			}
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			continue
		}
		switch {
		case info.IsDir():
			listDir(p)
		case strings.EqualFold(filepath.Ext(p), ".zip"):
			for _, n := range zipNotes(p) {
				out = append(out, p+"!"+n)
			}
		case info.Mode().IsRegular() && isFITName(p):
			listDir(filepath.Dir(p))
		}
	}
	return out
}

// zipNotes lists, sorted, the notes files at the top of the archive, or at
// the top of its one top folder when every entry is inside it.
func zipNotes(p string) []string {
	zr, err := zip.OpenReader(p)
	if err != nil {
		return nil
	}
	defer zr.Close()
	var top, inFolder []string
	folders := map[string]bool{}
	for _, f := range zr.File {
		name := strings.TrimPrefix(f.Name, "./")
		first, rest, nested := strings.Cut(name, "/")
		if !nested {
			if !f.FileInfo().IsDir() {
				folders[""] = true // a file at the top
				if IsNotesName(name) {
					top = append(top, f.Name)
				}
			}
			continue
		}
		if first == "__MACOSX" || strings.HasPrefix(first, ".") {
			continue
		}
		folders[first] = true
		if rest != "" && !strings.Contains(rest, "/") && !f.FileInfo().IsDir() && IsNotesName(rest) {
			inFolder = append(inFolder, f.Name)
		}
	}
	if len(top) == 0 && len(folders) == 1 && !folders[""] {
		top = inFolder
	}
	sort.Strings(top)
	return top
}

// ReadPath reads a notes file named by path, or by "archive.zip!entry" for
// an entry of a zip archive (as Discover names them).
func ReadPath(name string) ([]Entry, []Warning, error) {
	return ReadPathWith(name, Options{})
}

// ReadPathWith is ReadPath with options.
func ReadPathWith(name string, opts Options) ([]Entry, []Warning, error) {
	archive, entry, ok := strings.Cut(name, "!")
	if !ok || !strings.EqualFold(filepath.Ext(archive), ".zip") {
		return ReadFileWith(name, opts)
	}
	if err := opts.check(); err != nil {
		return nil, nil, err
	}
	zr, err := zip.OpenReader(archive)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", archive, err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != entry {
			continue
		}
		if f.UncompressedSize64 > MaxFileBytes {
			return nil, nil, tooLarge(name, int64(f.UncompressedSize64))
		}
		rc, err := f.Open()
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		defer rc.Close()
		return ReadWith(name, rc, opts)
	}
	return nil, nil, fmt.Errorf("%s: no such entry in the archive", name)
}
