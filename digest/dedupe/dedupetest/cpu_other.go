//go:build !unix

package dedupetest

import "time"

// CPUTime is 0 on platforms without getrusage.
func CPUTime() time.Duration { return 0 }
