//go:build tools

// Package tools pins the development tools digestd's tests use (Mailpit, a
// real SMTP server for the mail integration tests), so that `go mod tidy` in
// this module keeps them. It is a separate module: nothing here is linked into
// digestd.
package tools

import _ "github.com/axllent/mailpit"
