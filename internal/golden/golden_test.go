package golden

import (
	"path/filepath"
	"testing"
)

func TestCheckWritesThenCompares(t *testing.T) {
	path := filepath.Join(t.TempDir(), "testdata", "x.golden")
	Check(t, path, "hello\n", true)
	Check(t, path, "hello\n", false)
	ft := &testing.T{}
	done := make(chan struct{})
	go func() { defer close(done); Check(ft, path, "changed\n", false) }()
	<-done
	if !ft.Failed() {
		t.Error("a different output passed the golden check")
	}
}
