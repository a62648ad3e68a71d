package mail

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFileSend(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "outbox")
	f := File{Dir: dir}
	msgs := []Message{testMessage(0), testMessage(1), testMessage(2)}
	msgs[1].To = "a@example.org, b@example.org" // invalid: reported, others written
	var outcomes []error
	var order []int
	err := f.Send(context.Background(), msgs, func(i int, err error) {
		order = append(order, i)
		outcomes = append(outcomes, err)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(order) != 3 || order[0] != 0 || order[1] != 1 || order[2] != 2 {
		t.Fatalf("done order = %v", order)
	}
	if outcomes[0] != nil || outcomes[2] != nil || outcomes[1] == nil || !IsPermanent(outcomes[1]) {
		t.Fatalf("outcomes = %v", outcomes)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Fatalf("%d files in outbox, want 2 (no temporary files left)", len(entries))
	}
	for _, i := range []int{0, 2} {
		got, err := os.ReadFile(f.Path(msgs[i].Key))
		if err != nil {
			t.Fatal(err)
		}
		want, _ := Build(msgs[i])
		if string(got) != string(want) {
			t.Errorf("file %d holds other bytes than Build", i)
		}
	}

	t.Run("same key replaces", func(t *testing.T) {
		m := msgs[0]
		m.Text = "second version\n"
		if err := f.Send(context.Background(), []Message{m}, nil); err != nil {
			t.Fatal(err)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 2 {
			t.Errorf("%d files, want 2", len(entries))
		}
		got, _ := os.ReadFile(f.Path(m.Key))
		if !strings.Contains(string(got), "second version") {
			t.Error("file not replaced")
		}
	})

	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		called := false
		if err := f.Send(ctx, msgs[:1], func(int, error) { called = true }); err == nil || called {
			t.Errorf("err = %v, called = %v", err, called)
		}
	})

	t.Run("folder cannot be made", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "file")
		os.WriteFile(file, nil, 0o644)
		if err := (File{Dir: filepath.Join(file, "sub")}).Send(context.Background(), msgs[:1], nil); err == nil {
			t.Error("no error")
		}
	})
}

func TestSafeName(t *testing.T) {
	tests := []struct{ key, want string }{
		{"ann@example.org", "ann@example.org"},
		{"2026-11-21_ann@example.org", "2026-11-21_ann@example.org"},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			if got := SafeName(tt.key); got != tt.want {
				t.Errorf("SafeName(%q) = %q, want %q", tt.key, got, tt.want)
			}
		})
	}
	distinct := []string{"a/b", "a_b", "a:b", "../etc/passwd", ".hidden", "", strings.Repeat("x", 200), strings.Repeat("x", 201)}
	seen := map[string]string{}
	for _, k := range distinct {
		n := SafeName(k)
		if strings.ContainsAny(n, `/\:`) || strings.HasPrefix(n, ".") || n == "" || len(n) > 140 {
			t.Errorf("SafeName(%q) = %q is not a safe file name", k, n)
		}
		if prev, ok := seen[n]; ok {
			t.Errorf("SafeName(%q) = SafeName(%q) = %q", k, prev, n)
		}
		seen[n] = k
	}
}

func FuzzSafeName(f *testing.F) {
	f.Add("ann@example.org")
	f.Add("../../x")
	f.Fuzz(func(t *testing.T, key string) {
		n := SafeName(key)
		if n == "" || strings.ContainsAny(n, "/\\\x00") || n == "." || n == ".." || strings.HasPrefix(n, ".") {
			t.Errorf("SafeName(%q) = %q", key, n)
		}
	})
}
