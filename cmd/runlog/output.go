package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// writeReport renders the report to stdout, or with --out to the file
// named: rendered in memory first and written atomically, so that a
// reader (a browser, a mail job) never sees half a report, and a failed
// run leaves the file as it was.
func writeReport(out string, stdout io.Writer, render func(io.Writer) error) error {
	if out == "" {
		return render(stdout)
	}
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	return writeFileAtomic(out, buf.Bytes())
}

// writeFileAtomic writes data to a temporary file in path's folder and
// renames it over path: on one file system the rename is atomic.
func writeFileAtomic(path string, data []byte) (err error) {
	if err := checkOutPath(path); err != nil {
		return err
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("--out %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
			err = fmt.Errorf("--out %s: %w", path, err)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	// CreateTemp makes the file private (0600), and it stays so: a report
	// holds health notes, like batch's reports and the cache.
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// checkOutPath refuses an --out path that is anything but a plain file or
// a new name: renaming over a device (/dev/full), a named pipe, a folder or
// a symbolic link would replace it rather than write to it.
func checkOutPath(path string) error {
	fi, err := os.Lstat(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return usageError{fmt.Errorf("--out %s: %w", path, err)}
	}
	if !fi.Mode().IsRegular() {
		return usageError{fmt.Errorf("--out %s: not a plain file (a device, pipe, folder or link); runlog writes reports only to plain files, which it replaces whole", path)}
	}
	return nil
}

// checkOutNotInputs refuses an --out path that is one of the files the
// report was made from: a FIT file or a notes file would be replaced by
// the report, and a notes file so overwritten loses the runner's notes.
func checkOutNotInputs(out string, inputs []string) error {
	if out == "" {
		return nil
	}
	ofi, err := os.Stat(out)
	if err != nil {
		return nil // a new file: nothing to lose
	}
	for _, in := range inputs {
		if fi, err := os.Stat(in); err == nil && os.SameFile(ofi, fi) {
			return usageError{fmt.Errorf("--out %s: that is one of the files read (%s); choose another name", out, in)}
		}
	}
	return nil
}
