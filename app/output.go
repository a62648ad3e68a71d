package app

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/digestd/digestd/config"
	"github.com/digestd/digestd/digest"
	"github.com/digestd/digestd/mail"
	"github.com/digestd/digestd/templates"
)

// writeOutputs writes digest.json, digest.html, digest.txt and one .eml per letter into dir.
func writeOutputs(dir string, b *digest.Build, set *templates.Set, c *config.Config, letters []digest.Composed) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("out: %w", err)
	}
	js, err := json.MarshalIndent(b.Digest, "", "  ")
	if err != nil {
		return fmt.Errorf("out: encode digest.json: %w", err)
	}
	r, err := set.Render(templates.Data{Digest: b.Digest, Stories: b.Digest.Stories, Location: c.Location(),
		Why: fmt.Sprintf("Preview of %s.", c.Digest.Title)})
	if err != nil {
		return fmt.Errorf("out: render: %w", err)
	}
	files := map[string][]byte{
		"digest.json": append(js, '\n'),
		"digest.html": []byte(r.HTML),
		"digest.txt":  []byte(r.Text),
	}
	// Letters from an earlier preview in the same folder would mislead: replace them.
	old, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	for _, f := range old {
		os.Remove(f)
	}
	for _, l := range letters {
		raw, err := mail.Build(l.Message)
		if err != nil {
			return fmt.Errorf("out: letter to %s: %w", l.Message.To, err)
		}
		files[mail.SafeName(l.Message.To)+".eml"] = raw
	}
	for name, data := range files {
		if err := writeFileAtomic(filepath.Join(dir, name), data); err != nil {
			return err
		}
	}
	return nil
}

func writeFileAtomic(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("out: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("out: %w", err)
	}
	return nil
}
