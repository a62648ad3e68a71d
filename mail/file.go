package mail

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// File is the transport that writes each message as Dir/<key>.eml. Writing
// the same key again replaces the file: one file per subscriber per period.
type File struct {
	Dir string
}

// Send writes msgs one by one, each atomically (a temporary file renamed into
// place), calling done(i, err) after each. It returns an error when the folder
// cannot be created; a message that cannot be built or written is reported to
// done and the others are still written.
func (f File) Send(ctx context.Context, msgs []Message, done func(i int, err error)) error {
	if err := os.MkdirAll(f.Dir, 0o755); err != nil {
		return fmt.Errorf("mail: creating outbox %s: %w", f.Dir, err)
	}
	for i, m := range msgs {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("mail: writing to %s: %w", f.Dir, err)
		}
		err := f.write(m)
		if done != nil {
			done(i, err)
		}
	}
	return nil
}

// Path is where Send writes the message with this key.
func (f File) Path(key string) string { return filepath.Join(f.Dir, SafeName(key)+".eml") }

func (f File) write(m Message) error {
	b, err := Build(m)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(f.Dir, ".tmp-*.eml")
	if err != nil {
		return fmt.Errorf("mail: writing %s: %w", m.Key, err)
	}
	_, werr := tmp.Write(b)
	if werr == nil {
		werr = tmp.Sync()
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), f.Path(m.Key))
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("mail: writing %s: %w", f.Path(m.Key), werr)
	}
	// Make the rename itself durable before the caller records "sent".
	if d, err := os.Open(f.Dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// SafeName turns a key into a file name: letters, digits, '.', '-', '_' and
// '@' are kept, anything else becomes '_'; a short hash of the key is
// appended when something was replaced (or the name was cut), so that two
// keys never share a file.
func SafeName(key string) string {
	var b strings.Builder
	changed := false
	for _, c := range key {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '@',
			c == '.' && b.Len() > 0:
			b.WriteRune(c)
		default:
			b.WriteByte('_')
			changed = true
		}
	}
	name := b.String()
	if len(name) > 120 {
		name, changed = name[:120], true
	}
	if changed || name == "" {
		h := sha256.Sum256([]byte(key))
		name += "-" + hex.EncodeToString(h[:6])
	}
	return name
}
