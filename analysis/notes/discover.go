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

// Discover lists the notes files at the top of each folder and each zip
// archive in paths (a Strava bulk export keeps activities.csv at the top of
// its zip), sorted within each. Archive entries are named
// "archive.zip!entry". Files named directly in paths are not notes: give
// those with --notes. Folders or archives that cannot be listed are
// skipped here; reading the runs reports them.
func Discover(paths []string) []string {
	var out []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			continue
		}
		if info.IsDir() {
			entries, err := os.ReadDir(p)
			if err != nil {
				continue
			}
			for _, e := range entries { // ReadDir sorts by name
				if e.Type().IsRegular() && IsNotesName(e.Name()) {
					out = append(out, filepath.Join(p, e.Name()))
				}
			}
			continue
		}
		if strings.EqualFold(filepath.Ext(p), ".zip") {
			zr, err := zip.OpenReader(p)
			if err != nil {
				continue
			}
			var names []string
			for _, f := range zr.File {
				if !strings.Contains(f.Name, "/") && !f.FileInfo().IsDir() && IsNotesName(f.Name) {
					names = append(names, f.Name)
				}
			}
			zr.Close()
			sort.Strings(names)
			for _, n := range names {
				out = append(out, p+"!"+n)
			}
		}
	}
	return out
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
