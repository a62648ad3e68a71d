// Package golden compares a test's output with a golden file (testdata/NAME.golden), or rewrites
// the file when the test runs with -update (go/printer's pattern). Each test package declares its
// own -update flag and passes its value. It is for tests only.
package golden

import (
	"os"
	"path/filepath"
	"testing"
)

// Check compares got with the file at path; with update it writes got there instead.
func Check(t testing.TB, path, got string, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if got != string(want) {
		t.Errorf("%s: output differs from the golden file (go test -update rewrites it; review the diff)\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}
