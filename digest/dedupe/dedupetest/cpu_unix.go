//go:build unix

package dedupetest

import (
	"syscall"
	"time"
)

// CPUTime is the user and system CPU time used by this process so far, for
// benchmarks on a shared machine where wall time says little. It is 0 where
// the platform cannot tell.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
