package gather

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// DefaultMaxBytes is the default cap on one body or file (5 MiB).
const DefaultMaxBytes = 5 << 20

// Files is a source of scraped text files on disk. Path is a file, a folder
// (read recursively; hidden files and folders are skipped) or a glob. Files
// ending in .txt, .html, .htm or .md are read; other files in a folder or a
// glob are skipped, and a file named directly with another extension gives
// an item with Err. MaxBytes caps one file (0 = DefaultMaxBytes).
type Files struct {
	Name, Path string
	MaxBytes   int64
}

// Gather reads every file of the source in sorted path order. since and st
// are not used: a file carries no trustworthy date (its mtime is not the
// article's), so every file is returned and the caller judges what is new.
// A missing path or a glob matching nothing is a source error.
func (f Files) Gather(ctx context.Context, since time.Time, st State) (Result, error) {
	paths, direct, err := f.list()
	if err != nil {
		return Result{}, err
	}
	limit := f.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	items := make([]Item, 0, len(paths))
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return Result{Items: items}, fmt.Errorf("gather: files %s: %w", f.Name, err)
		}
		items = append(items, f.read(p, direct, limit))
	}
	return Result{Items: items}, nil
}

// list expands Path into sorted absolute file paths. direct is true when
// Path names one file.
func (f Files) list() ([]string, bool, error) {
	if strings.TrimSpace(f.Path) == "" {
		return nil, false, fmt.Errorf("gather: files %s: no path", f.Name)
	}
	info, statErr := os.Stat(f.Path)
	switch {
	case statErr == nil && !info.IsDir():
		abs, err := filepath.Abs(f.Path)
		if err != nil {
			return nil, false, fmt.Errorf("gather: files %s: %w", f.Name, err)
		}
		return []string{abs}, true, nil
	case statErr == nil:
		paths, err := walk(f.Path)
		if err != nil {
			return nil, false, fmt.Errorf("gather: files %s: read folder %s: %w", f.Name, f.Path, err)
		}
		return paths, false, nil
	case !hasMeta(f.Path):
		return nil, false, fmt.Errorf("gather: files %s: %w", f.Name, statErr)
	}
	matches, err := filepath.Glob(f.Path)
	if err != nil {
		return nil, false, fmt.Errorf("gather: files %s: bad pattern %s: %w", f.Name, f.Path, err)
	}
	if len(matches) == 0 {
		return nil, false, fmt.Errorf("gather: files %s: no file matches %s: %w", f.Name, f.Path, fs.ErrNotExist)
	}
	var paths []string
	for _, m := range matches {
		info, err := os.Stat(m)
		if err != nil {
			continue // vanished or a dangling link
		}
		if info.IsDir() {
			sub, err := walk(m)
			if err != nil {
				return nil, false, fmt.Errorf("gather: files %s: read folder %s: %w", f.Name, m, err)
			}
			paths = append(paths, sub...)
			continue
		}
		if fileType(m) != "" {
			abs, err := filepath.Abs(m)
			if err != nil {
				return nil, false, fmt.Errorf("gather: files %s: %w", f.Name, err)
			}
			paths = append(paths, abs)
		}
	}
	slices.Sort(paths)
	return slices.Compact(paths), false, nil
}

func hasMeta(p string) bool { return strings.ContainsAny(p, `*?[\`) }

// walk lists the readable files under dir, recursively, sorted, skipping
// hidden entries. A symbolic link to a file is read; one to a folder is not
// followed (no cycles).
func walk(dir string) ([]string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	var paths []string
	err = filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != abs && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if fileType(p) == "" {
			return nil
		}
		if d.Type().IsRegular() {
			paths = append(paths, p)
		} else if d.Type()&fs.ModeSymlink != 0 {
			if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
				paths = append(paths, p) // a link to a file; links to folders are not followed
			}
		}
		return nil
	})
	slices.Sort(paths)
	return paths, err
}

// fileType maps a file name's extension to the content type of its body,
// "" for files gather does not read.
func fileType(p string) string {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".txt":
		return TypePlain
	case ".md", ".markdown":
		return TypeMarkdown
	case ".html", ".htm":
		return TypeHTML
	}
	return ""
}

// FileURL returns the file:// URL of an absolute path.
func FileURL(abs string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

// read reads one file into an item; failures go on the item.
func (f Files) read(p string, direct bool, limit int64) Item {
	it := Item{Source: f.Name, Kind: KindFiles, URL: FileURL(p)}
	ct := fileType(p)
	if ct == "" && direct {
		it.Err = fmt.Errorf("gather: file %s: unsupported extension %q (want .txt, .html, .htm or .md)", p, filepath.Ext(p))
		return it
	}
	body, err := readCapped(p, limit)
	if err != nil {
		it.Err = fmt.Errorf("gather: file %s: %w", p, err)
		return it
	}
	kind := docText
	if ct == TypeHTML {
		kind = docHTML
	}
	text, _, err := toUTF8(body, "", kind)
	if err != nil {
		it.Err = fmt.Errorf("gather: file %s: %w", p, err)
		return it
	}
	it.Body, it.ContentType = text, ct
	return it
}

// readCapped reads a whole file of at most max bytes without reading more
// than max+1 bytes of a larger one.
func readCapped(p string, limit int64) ([]byte, error) {
	fh, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	if info, err := fh.Stat(); err == nil && info.Size() > limit {
		return nil, fmt.Errorf("%d bytes, more than %d: %w", info.Size(), limit, ErrTooLarge)
	}
	b, err := io.ReadAll(io.LimitReader(fh, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("more than %d bytes: %w", limit, ErrTooLarge)
	}
	return b, nil
}
