//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package notes

import (
	"errors"
	"os"
	"syscall"
	"time"
)

// lockJournal takes an exclusive flock(2) on the open journal f. The lock
// belongs to f's open file description, so it excludes other processes and
// other goroutines that opened the journal themselves, and the kernel drops
// it if the process dies. It polls with a non-blocking lock so that a stuck
// holder turns into an error after lockTimeout instead of a hang.
func lockJournal(f *os.File, path string) (unlock func() error, err error) {
	fd := int(f.Fd())
	deadline := time.Now().Add(lockTimeout)
	wait := time.Millisecond
	for {
		err := syscall.Flock(fd, syscall.LOCK_EX|syscall.LOCK_NB)
		switch {
		case err == nil:
			return func() error { return syscall.Flock(fd, syscall.LOCK_UN) }, nil
		case errors.Is(err, syscall.EINTR):
			continue
		case !errors.Is(err, syscall.EWOULDBLOCK):
			return nil, journalErr(path, "cannot lock", err)
		}
		if time.Now().After(deadline) {
			return nil, journalErr(path, "cannot lock", errors.New("another process has held the lock for "+lockTimeout.String()))
		}
		time.Sleep(wait)
		if wait < 20*time.Millisecond {
			wait *= 2
		}
	}
}

// syncDir flushes a directory's entries to disk.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
