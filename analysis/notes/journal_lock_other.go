//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd)

package notes

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"strconv"
	"time"
)

// lockJournal takes the journal's lock by creating "PATH.lock" exclusively
// (O_CREATE|O_EXCL), retrying until lockTimeout. On these systems the
// standard library offers no portable advisory lock. The lock file holds the
// process id of its owner; if a runlog process dies while holding it, the
// file stays and later appends fail after lockTimeout with a message that
// says which file to remove.
func lockJournal(f *os.File, path string) (unlock func() error, err error) {
	lock := path + ".lock"
	deadline := time.Now().Add(lockTimeout)
	wait := time.Millisecond
	for {
		l, err := os.OpenFile(lock, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			_, werr := l.WriteString(strconv.Itoa(os.Getpid()) + "\n")
			cerr := l.Close()
			if werr == nil {
				werr = cerr
			}
			if werr != nil {
				_ = os.Remove(lock)
				return nil, journalErr(path, "cannot write the lock file "+lock, werr)
			}
			return func() error { return os.Remove(lock) }, nil
		}
		// Windows reports creating a file that its owner is deleting as
		// access denied; treat that like an existing lock and retry.
		pending := runtime.GOOS == "windows" && errors.Is(err, fs.ErrPermission)
		if !errors.Is(err, fs.ErrExist) && !pending {
			return nil, journalErr(path, "cannot create the lock file "+lock, err)
		}
		if time.Now().After(deadline) {
			if pending {
				return nil, journalErr(path, "cannot create the lock file "+lock, err)
			}
			return nil, journalErr(path, "cannot lock",
				fmt.Errorf("%s has existed for over %s; if no runlog is running, a crashed one left it behind: remove it", lock, lockTimeout))
		}
		time.Sleep(wait)
		if wait < 20*time.Millisecond {
			wait *= 2
		}
	}
}

// syncDir is a no-op here: Windows cannot open a directory to flush it, and
// its file systems record the new directory entry with the file's metadata.
func syncDir(string) error { return nil }
