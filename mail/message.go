// Package mail turns rendered digest letters into RFC 5322 messages and
// delivers them: over SMTP with github.com/wneessen/go-mail (one connection for
// many messages, a TLS policy, optional DKIM), or as .eml files in a folder.
// It also signs and verifies the tokens of unsubscribe links.
//
// It does not render letters (see package templates), keep an outbox or
// decide what to retry (the caller does, from the per-message outcome that
// Send reports and from IsTemporary/IsPermanent).
package mail

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Message is one letter to one subscriber.
type Message struct {
	// Key is the idempotency key (subscriber + digest period). It names the
	// .eml file and seeds a stable Message-ID, so that a message sent again
	// after a crash carries the same Message-ID.
	Key               string
	From, FromName    string
	To, ToName        string // one recipient: never a list
	Subject           string
	Text, HTML        string
	UnsubscribeURL    string // https link: List-Unsubscribe with one-click POST (RFC 8058)
	UnsubscribeMailto string // address or mailto: URI, added to List-Unsubscribe
	Date              time.Time
}

// ErrInvalid marks a message that cannot be built (no recipient, a list of
// recipients, no date...). Such an error is permanent for that message.
var ErrInvalid = errors.New("invalid message")

// Build returns the RFC 5322 bytes of m: a multipart/alternative message with
// the text and HTML parts (or a single part when one is empty). Both
// transports send exactly these bytes (SMTP adds a DKIM signature when set).
// Build is deterministic: the same Message gives the same bytes.
func Build(m Message) ([]byte, error) {
	msg, err := newMsg(m)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if _, err := msg.WriteTo(&b); err != nil {
		return nil, fmt.Errorf("mail: writing message %s: %w", m.Key, err)
	}
	return b.Bytes(), nil
}

// newMsg builds the go-mail message both transports use.
func newMsg(m Message) (*gomail.Msg, error) {
	invalid := func(format string, args ...any) error {
		return fmt.Errorf("mail: message %s: %w: %s", m.Key, ErrInvalid, fmt.Sprintf(format, args...))
	}
	if m.Date.IsZero() {
		return nil, invalid("no date")
	}
	if m.Text == "" && m.HTML == "" {
		return nil, invalid("no body")
	}
	seed := sha256.Sum256([]byte(m.Key + "\x00" + m.To))
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent(), gomail.WithBoundary("digestd-"+hex.EncodeToString(seed[:12])))
	if err := msg.FromFormat(oneLine(m.FromName), m.From); err != nil {
		return nil, invalid("from %q: %v", m.From, err)
	}
	if strings.ContainsAny(m.To, ",;") {
		return nil, invalid("to %q is a list; one recipient per message", m.To)
	}
	if err := msg.AddToFormat(oneLine(m.ToName), m.To); err != nil {
		return nil, invalid("to %q: %v", m.To, err)
	}
	msg.Subject(oneLine(m.Subject))
	msg.SetDateWithValue(m.Date)
	msg.SetMessageIDWithValue(messageID(m, seed[:]))
	msg.SetUserAgent("digestd")
	msg.SetBulk()
	msg.SetGenHeader(gomail.Header("Auto-Submitted"), "auto-generated")

	if list, oneClick, err := listUnsubscribe(m.UnsubscribeURL, m.UnsubscribeMailto); err != nil {
		return nil, invalid("%v", err)
	} else if list != "" {
		// One preformatted header only: go-mail writes those in map order.
		msg.SetGenHeaderPreformatted(gomail.HeaderListUnsubscribe, list)
		if oneClick {
			msg.SetGenHeader(gomail.HeaderListUnsubscribePost, "List-Unsubscribe=One-Click")
		}
	}

	switch {
	case m.Text != "" && m.HTML != "":
		msg.SetBodyString(gomail.TypeTextPlain, m.Text)
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	case m.Text != "":
		msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	default:
		msg.SetBodyString(gomail.TypeTextHTML, m.HTML)
	}
	return msg, nil
}

// messageID is stable for a key and recipient: "<hash.digestd@sender-domain>".
func messageID(m Message, seed []byte) string {
	domain := "digestd.invalid"
	if i := strings.LastIndexByte(m.From, '@'); i >= 0 && i+1 < len(m.From) {
		domain = strings.Trim(m.From[i+1:], "<> ")
	}
	return hex.EncodeToString(seed[:16]) + ".digestd@" + domain
}

// listUnsubscribe is the List-Unsubscribe value for an http(s) link and a
// mailto address (either may be empty), and whether the link allows RFC 8058
// one-click POST (https only).
func listUnsubscribe(link, mailto string) (list string, oneClick bool, err error) {
	var uris []string
	if link = strings.TrimSpace(link); link != "" {
		u, err := url.Parse(link)
		if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
			return "", false, fmt.Errorf("unsubscribe URL %q is not an http(s) URL", link)
		}
		uris = append(uris, "<"+u.String()+">")
		oneClick = u.Scheme == "https"
	}
	if mailto = strings.TrimSpace(mailto); mailto != "" {
		if !strings.HasPrefix(strings.ToLower(mailto), "mailto:") {
			mailto = "mailto:" + mailto
		}
		if strings.ContainsAny(mailto, "<>\r\n ") {
			return "", false, fmt.Errorf("unsubscribe mailto %q is not a mailto URI", mailto)
		}
		uris = append(uris, "<"+mailto+">")
	}
	return strings.Join(uris, ", "), oneClick, nil
}

// oneLine replaces control characters (line breaks above all) by spaces, so
// that no header value can start another header.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.Map(func(c rune) rune {
		if c < 0x20 || c == 0x7f {
			return ' '
		}
		return c
	}, s)), " ")
}
