package store

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestLockIsExclusiveAndReleased(t *testing.T) {
	a := open(t)
	b, err := Open(context.Background(), a.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	unlock, err := a.Lock("run", t0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = b.Lock("serve", t0)
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "run, pid") {
		t.Fatalf("second lock: %v, want ErrLocked naming the holder", err)
	}
	unlock()
	unlock2, err := b.Lock("serve", t0)
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	unlock2()
}
