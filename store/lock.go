package store

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"time"
)

// ErrLocked is returned by Lock when another process holds the run lock.
var ErrLocked = errors.New("another digestd run holds the lock")

// Lock takes the run lock, so that only one process gathers and sends at a time. It is an OS
// file lock on the database's ".lock" file beside it: the kernel drops it when the process dies,
// even by kill -9, so a crash never leaves a stale lock. owner is written into the file to tell
// who holds it. Lock does not wait; the returned function releases the lock.
func (s *Store) Lock(owner string, now time.Time) (func(), error) {
	path := s.path + ".lock"
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("store: open lock %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		held, _ := os.ReadFile(path)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w (%s)", ErrLocked, strings.TrimSpace(string(held)))
		}
		return nil, fmt.Errorf("store: lock %s: %w", path, err)
	}
	_ = f.Truncate(0)
	_, _ = f.WriteAt([]byte(fmt.Sprintf("%s, pid %d, since %s\n", owner, os.Getpid(), now.Format(time.RFC3339))), 0)
	return func() {
		_ = f.Truncate(0)
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
