package gather

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// writeTree writes files (relative path -> content) under a new temp folder.
func writeTree(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func mustEncode(t *testing.T, cm *charmap.Charmap, s string) []byte {
	t.Helper()
	b, err := cm.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestFilesFolder(t *testing.T) {
	cyr := mustEncode(t, charmap.Windows1251,
		`<html><head><meta charset="windows-1251"><title>x</title></head><body><p>Переговори в Женеві</p></body></html>`)
	dir := writeTree(t, map[string][]byte{
		"b.txt":             []byte(" date 2025-03-01 200\nTalks resume in Geneva\nBody text.\n"),
		"a.md":              []byte("# Heading\n\nText.\n"),
		"sub/c.html":        []byte("<p>nested</p>"),
		"sub/d.HTM":         cyr,
		"skip.json":         []byte(`{"a":1}`),
		".hidden.txt":       []byte("hidden"),
		".git/config.txt":   []byte("hidden folder"),
		"bin.txt":           append([]byte("PK\x03\x04"), make([]byte, 64)...),
		"big.txt":           bytes.Repeat([]byte("word "), 300),
		"latin1.txt":        mustEncode(t, charmap.ISO8859_1, "Caf\u00e9 cr\u00e8me and na\u00efve r\u00e9sum\u00e9"),
		"utf8bom.txt":       append([]byte{0xEF, 0xBB, 0xBF}, "Київ"...),
		"mostly-utf8.txt":   []byte("Київ — Женева \xff ok"),
		"nested/deep/e.txt": []byte("deep"),
		"cp1251.txt":        mustEncode(t, charmap.Windows1251, "Київ і Варшава підписали меморандум про співпрацю в енергетиці."),
		"koi8.txt":          mustEncode(t, charmap.KOI8R, "Переговоры в Женеве продолжатся в четверг, сообщили дипломаты."),
		"german.txt":        mustEncode(t, charmap.Windows1252, "Die Größe der Delegation überraschte die Beobachter in Genf."),
	})
	res, err := Files{Name: "scraped", Path: dir, MaxBytes: 1000}.Gather(context.Background(), time.Now(), State{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	byName := map[string]Item{}
	for _, it := range res.Items {
		if it.Source != "scraped" || it.Kind != KindFiles || !it.Published.IsZero() {
			t.Errorf("%s: bad source/kind/published: %+v", it.URL, it)
		}
		if !strings.HasPrefix(it.URL, "file://"+filepath.ToSlash(dir)+"/") {
			t.Errorf("URL %q is not a file:// URL under %s", it.URL, dir)
		}
		rel := strings.TrimPrefix(it.URL, "file://"+filepath.ToSlash(dir)+"/")
		names = append(names, rel)
		byName[rel] = it
	}
	want := []string{"a.md", "b.txt", "big.txt", "bin.txt", "cp1251.txt", "german.txt", "koi8.txt", "latin1.txt", "mostly-utf8.txt", "nested/deep/e.txt", "sub/c.html", "sub/d.HTM", "utf8bom.txt"}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Fatalf("files\n got %v\nwant %v", names, want)
	}
	tests := []struct {
		name, file, ctype, contains string
		err                         error
	}{
		{"markdown", "a.md", TypeMarkdown, "# Heading", nil},
		{"seed shape kept verbatim", "b.txt", TypePlain, " date 2025-03-01 200\nTalks resume", nil},
		{"html", "sub/c.html", TypeHTML, "<p>nested</p>", nil},
		{"windows-1251 meta", "sub/d.HTM", TypeHTML, "Переговори в Женеві", nil},
		{"meta relabelled", "sub/d.HTM", TypeHTML, `charset="UTF-8"`, nil},
		{"latin-1 fallback", "latin1.txt", TypePlain, "Café crème and naïve résumé", nil},
		{"undeclared windows-1251", "cp1251.txt", TypePlain, "Київ і Варшава підписали меморандум про співпрацю в енергетиці.", nil},
		{"undeclared koi8-r", "koi8.txt", TypePlain, "Переговоры в Женеве продолжатся в четверг, сообщили дипломаты.", nil},
		{"undeclared windows-1252 with a pair", "german.txt", TypePlain, "Die Größe der Delegation überraschte", nil},
		{"bom stripped", "utf8bom.txt", TypePlain, "Київ", nil},
		{"stray byte replaced", "mostly-utf8.txt", TypePlain, "Женева \uFFFD ok", nil},
		{"binary", "bin.txt", "", "", ErrBinary},
		{"too large", "big.txt", "", "", ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := byName[tt.file]
			if tt.err != nil {
				if !errors.Is(it.Err, tt.err) {
					t.Fatalf("Err = %v, want %v", it.Err, tt.err)
				}
				if !strings.Contains(it.Err.Error(), tt.file) {
					t.Errorf("error %q does not name the file", it.Err)
				}
				if it.Body != nil || it.ContentType != "" {
					t.Errorf("failed item has a body")
				}
				return
			}
			if it.Err != nil {
				t.Fatalf("Err = %v", it.Err)
			}
			if it.ContentType != tt.ctype {
				t.Errorf("ContentType = %q, want %q", it.ContentType, tt.ctype)
			}
			if !strings.Contains(string(it.Body), tt.contains) {
				t.Errorf("body %q does not contain %q", it.Body, tt.contains)
			}
		})
	}
}

func TestFilesPaths(t *testing.T) {
	dir := writeTree(t, map[string][]byte{
		"x/one.txt": []byte("one"), "x/two.txt": []byte("two"), "y/three.md": []byte("three"),
		"y/skip.csv": []byte("a,b"), "note.rtf": []byte("{\\rtf1}"),
	})
	tests := []struct {
		name, path string
		want       []string // base names, in order
		err        error
	}{
		{"single file", filepath.Join(dir, "x", "two.txt"), []string{"two.txt"}, nil},
		{"glob", filepath.Join(dir, "*", "*.txt"), []string{"one.txt", "two.txt"}, nil},
		{"glob of folders", filepath.Join(dir, "?"), []string{"one.txt", "two.txt", "three.md"}, nil},
		{"direct unsupported file is an item error", filepath.Join(dir, "note.rtf"), []string{"note.rtf"}, nil},
		{"missing path", filepath.Join(dir, "nope"), nil, fs.ErrNotExist},
		{"glob without match", filepath.Join(dir, "*.pdf"), nil, fs.ErrNotExist},
		{"empty path", "", nil, errors.New("no path")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Files{Name: "f", Path: tt.path}.Gather(context.Background(), time.Time{}, State{})
			if tt.err != nil {
				if err == nil {
					t.Fatalf("no error, items %v", res.Items)
				}
				if errors.Is(tt.err, fs.ErrNotExist) && !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("error %v is not ErrNotExist", err)
				}
				if tt.path != "" && !strings.Contains(err.Error(), tt.path) {
					t.Errorf("error %q does not name the path %q", err, tt.path)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, it := range res.Items {
				got = append(got, filepath.Base(it.URL))
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	t.Run("unsupported direct file has Err", func(t *testing.T) {
		res, err := Files{Name: "f", Path: filepath.Join(dir, "note.rtf")}.Gather(context.Background(), time.Time{}, State{})
		if err != nil || len(res.Items) != 1 || res.Items[0].Err == nil {
			t.Fatalf("want one item with Err, got %+v, %v", res.Items, err)
		}
	})
	t.Run("symbolic links", func(t *testing.T) {
		linked := t.TempDir()
		if err := os.Symlink(filepath.Join(dir, "x", "one.txt"), filepath.Join(linked, "link.txt")); err != nil {
			t.Skip(err)
		}
		os.Symlink(dir, filepath.Join(linked, "folder"))                                  // not followed
		os.Symlink(filepath.Join(dir, "gone.txt"), filepath.Join(linked, "dangling.txt")) // skipped
		res, err := Files{Name: "f", Path: linked}.Gather(context.Background(), time.Time{}, State{})
		if err != nil || len(res.Items) != 1 || string(res.Items[0].Body) != "one" {
			t.Errorf("got %+v, %v; want the one linked file", res.Items, err)
		}
	})
	t.Run("cancelled context", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := (Files{Name: "f", Path: dir}).Gather(ctx, time.Time{}, State{}); !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	})
}

// sharedDir finds /work/shared (or $DIGESTD_SHARED) and skips when absent.
func sharedDir(t testing.TB, sub string) string {
	t.Helper()
	dir := os.Getenv("DIGESTD_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	p := filepath.Join(dir, sub)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared data %s not found (set DIGESTD_SHARED): %v", p, err)
	}
	return p
}

func TestFilesSharedSeeds(t *testing.T) {
	seeds := sharedDir(t, "seeds")
	res, err := Files{Name: "seeds", Path: seeds}.Gather(context.Background(), time.Time{}, State{})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := filepath.Glob(filepath.Join(seeds, "*.txt"))
	if len(res.Items) != len(want) || len(want) == 0 {
		t.Fatalf("got %d items, want %d", len(res.Items), len(want))
	}
	for i, it := range res.Items {
		abs, _ := filepath.Abs(want[i])
		if it.URL != FileURL(abs) || it.Err != nil || it.ContentType != TypePlain || len(it.Body) == 0 {
			t.Errorf("item %d: URL %q (want %q), Err %v, type %q, %d bytes", i, it.URL, FileURL(abs), it.Err, it.ContentType, len(it.Body))
		}
	}
}
