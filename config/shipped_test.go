package config

import (
	"path/filepath"
	"testing"
)

// The configuration files shipped at the repository root must load as they are.
func TestShippedConfigsValidate(t *testing.T) {
	for _, name := range []string{"config.toml", "seeds.toml"} {
		t.Run(name, func(t *testing.T) {
			c, err := Load(filepath.Join("..", name), func(string) string { return "" })
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Sources) == 0 {
				t.Fatal("no sources")
			}
		})
	}
}
