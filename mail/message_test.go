package mail

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	stdmail "net/mail"
	"strings"
	"testing"
	"time"
)

func testMessage(i int) Message {
	return Message{
		Key:               "digest-2026-11-21/sub" + string(rune('a'+i%26)) + "@example.org",
		From:              "digest@news.example.org",
		FromName:          "Ukraine diplomacy",
		To:                "sub" + string(rune('a'+i%26)) + "@example.org",
		ToName:            "Subscriber Ü",
		Subject:           "Ukraine diplomacy — 21 Nov: 6 stories",
		Text:              "Hello\n\nThe stories of the day.\n",
		HTML:              "<!DOCTYPE html><html><body><p>Hello</p><p>The stories of the day: &lt;b&gt;</p></body></html>\n",
		UnsubscribeURL:    "https://news.example.org/unsubscribe?t=abc.def",
		UnsubscribeMailto: "unsubscribe@news.example.org",
		Date:              time.Date(2026, 11, 21, 7, 0, 0, 0, time.FixedZone("EET", 2*3600)),
	}
}

// parsed is a built message read back with the standard library.
type parsed struct {
	header     stdmail.Header
	text, html string
}

func parse(t *testing.T, raw []byte) parsed {
	t.Helper()
	msg, err := stdmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("reading message: %v\n%s", err, raw)
	}
	p := parsed{header: msg.Header}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	if mt != "multipart/alternative" {
		body, _ := io.ReadAll(msg.Body)
		p.text = strings.ReplaceAll(string(body), "\r\n", "\n")
		return p
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := mr.NextPart() // decodes quoted-printable
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(part)
		if err != nil {
			t.Fatal(err)
		}
		body := strings.ReplaceAll(string(b), "\r\n", "\n") // quoted-printable lines end in CRLF
		switch ct, _, _ := mime.ParseMediaType(part.Header.Get("Content-Type")); ct {
		case "text/plain":
			p.text = body
		case "text/html":
			p.html = body
		}
	}
	return p
}

func TestBuild(t *testing.T) {
	m := testMessage(0)
	raw, err := Build(m)
	if err != nil {
		t.Fatal(err)
	}
	p := parse(t, raw)
	dec := new(mime.WordDecoder)
	subject, _ := dec.DecodeHeader(p.header.Get("Subject"))
	tests := []struct{ name, got, want string }{
		{"subject", subject, m.Subject},
		{"list-unsubscribe", p.header.Get("List-Unsubscribe"), "<https://news.example.org/unsubscribe?t=abc.def>, <mailto:unsubscribe@news.example.org>"},
		{"one-click", p.header.Get("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click"},
		{"text part", p.text, m.Text},
		{"html part", p.html, m.HTML},
		{"precedence", p.header.Get("Precedence"), "bulk"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
	t.Run("date", func(t *testing.T) {
		d, err := p.header.Date()
		if err != nil || !d.Equal(m.Date) {
			t.Errorf("Date = %v, %v; want %v", d, err, m.Date)
		}
	})
	t.Run("from and single to", func(t *testing.T) {
		from, err := p.header.AddressList("From")
		if err != nil || len(from) != 1 || from[0].Address != m.From || from[0].Name != m.FromName {
			t.Errorf("From = %v, %v", from, err)
		}
		to, err := p.header.AddressList("To")
		if err != nil || len(to) != 1 || to[0].Address != m.To || to[0].Name != m.ToName {
			t.Errorf("To = %v, %v", to, err)
		}
		if p.header.Get("Cc") != "" || p.header.Get("Bcc") != "" {
			t.Error("Cc/Bcc set")
		}
	})
	t.Run("message-id stable per key", func(t *testing.T) {
		id := p.header.Get("Message-Id")
		if !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, ".digestd@news.example.org>") {
			t.Errorf("Message-ID = %q", id)
		}
		again, _ := Build(m)
		if !bytes.Equal(raw, again) {
			t.Error("Build is not deterministic")
		}
		other := m
		other.Key += "x"
		raw2, _ := Build(other)
		if id2 := parse(t, raw2).header.Get("Message-Id"); id2 == id {
			t.Error("two keys share a Message-ID")
		}
	})
}

func TestBuildUnsubscribeVariants(t *testing.T) {
	tests := []struct {
		name, url, mailto, wantList, wantPost string
	}{
		{"https and mailto", "https://x.example/u", "mailto:u@x.example?subject=stop", "<https://x.example/u>, <mailto:u@x.example?subject=stop>", "List-Unsubscribe=One-Click"},
		{"https only", "https://x.example/u", "", "<https://x.example/u>", "List-Unsubscribe=One-Click"},
		{"http is listed, not one-click", "http://x.example/u", "", "<http://x.example/u>", ""},
		{"mailto only", "", "u@x.example", "<mailto:u@x.example>", ""},
		{"none", "", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := testMessage(1)
			m.UnsubscribeURL, m.UnsubscribeMailto = tt.url, tt.mailto
			raw, err := Build(m)
			if err != nil {
				t.Fatal(err)
			}
			h := parse(t, raw).header
			if got := h.Get("List-Unsubscribe"); got != tt.wantList {
				t.Errorf("List-Unsubscribe = %q, want %q", got, tt.wantList)
			}
			if got := h.Get("List-Unsubscribe-Post"); got != tt.wantPost {
				t.Errorf("List-Unsubscribe-Post = %q, want %q", got, tt.wantPost)
			}
		})
	}
}

func TestBuildSinglePart(t *testing.T) {
	m := testMessage(2)
	m.HTML = ""
	raw, err := Build(m)
	if err != nil {
		t.Fatal(err)
	}
	p := parse(t, raw)
	if ct := p.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("Content-Type = %q", ct)
	}
}

func TestBuildInvalid(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Message)
	}{
		{"no date", func(m *Message) { m.Date = time.Time{} }},
		{"no body", func(m *Message) { m.Text, m.HTML = "", "" }},
		{"list of recipients", func(m *Message) { m.To = "a@example.org, b@example.org" }},
		{"bad to", func(m *Message) { m.To = "not an address" }},
		{"empty to", func(m *Message) { m.To = "" }},
		{"bad from", func(m *Message) { m.From = "nobody" }},
		{"bad unsubscribe url", func(m *Message) { m.UnsubscribeURL = "javascript:alert(1)" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := testMessage(3)
			tt.change(&m)
			_, err := Build(m)
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
			if !IsPermanent(err) || IsTemporary(err) {
				t.Errorf("an invalid message should be permanent, not temporary: %v", err)
			}
		})
	}
}

func TestBuildHeaderInjection(t *testing.T) {
	m := testMessage(4)
	m.Subject = "Hi\r\nBcc: victim@example.org"
	m.ToName = "Name\r\nBcc: victim@example.org"
	raw, err := Build(m)
	if err != nil {
		t.Fatal(err)
	}
	h := parse(t, raw).header
	if h.Get("Bcc") != "" {
		t.Errorf("header injected:\n%s", raw)
	}
}
