package mail

import (
	"github.com/digestd/digestd/internal/mailpittest"

	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// subscribers makes n personal messages.
func subscribers(n int) []Message {
	msgs := make([]Message, n)
	for i := range msgs {
		m := testMessage(0)
		addr := "sub" + itoa(i) + "@example.org"
		m.Key, m.To, m.ToName = "2026-11-21/"+addr, addr, "Subscriber "+itoa(i)
		m.UnsubscribeURL = "https://news.example.org/unsubscribe/" + UnsubscribeToken([]byte("k"), addr)
		m.Text = "Hello " + itoa(i) + "\n\nThe stories of the day.\n"
		m.HTML = "<!DOCTYPE html><html><body><p>Hello " + itoa(i) + "</p></body></html>\n"
		msgs[i] = m
	}
	return msgs
}

// outcomes records done calls.
type outcomes struct {
	mu   sync.Mutex
	idx  []int
	errs map[int]error
}

func (o *outcomes) done(i int, err error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.errs == nil {
		o.errs = map[int]error{}
	}
	o.idx = append(o.idx, i)
	o.errs[i] = err
}

func (o *outcomes) sent() int {
	n := 0
	for _, err := range o.errs {
		if err == nil {
			n++
		}
	}
	return n
}

func TestSMTPDeliversEachSubscriber(t *testing.T) {
	mp := mailpittest.Start(t)
	s, err := NewSMTP(plainConfig(mp))
	if err != nil {
		t.Fatal(err)
	}
	msgs := subscribers(5)
	var o outcomes
	if err := s.Send(context.Background(), msgs, o.done); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(o.idx, []int{0, 1, 2, 3, 4}) || o.sent() != 5 {
		t.Fatalf("done calls %v, errors %v", o.idx, o.errs)
	}
	got := mp.Messages(t)
	if len(got) != 5 {
		t.Fatalf("mailpit holds %d messages, want 5", len(got))
	}
	byTo := map[string]mailpittest.Summary{}
	for _, g := range got {
		if len(g.To) != 1 || len(g.Cc) != 0 || len(g.Bcc) != 0 {
			t.Errorf("message %s: To %v Cc %v Bcc %v; want exactly one To", g.ID, g.To, g.Cc, g.Bcc)
			continue
		}
		byTo[g.To[0].Address] = g
	}
	for i, m := range msgs {
		t.Run(m.To, func(t *testing.T) {
			g, ok := byTo[m.To]
			if !ok {
				t.Fatal("not delivered")
			}
			built, _ := Build(m)
			want := parse(t, built).header.Get("Message-Id")
			if "<"+g.MessageID+">" != want {
				t.Errorf("Message-ID %q, want %s", g.MessageID, want)
			}
			if g.From.Address != m.From || g.Subject != m.Subject || g.To[0].Name != m.ToName {
				t.Errorf("From %v Subject %q To %v", g.From, g.Subject, g.To)
			}
			p := parse(t, mp.Raw(t, g.ID))
			for _, h := range []string{"Date", "Message-Id", "From", "To", "List-Unsubscribe", "List-Unsubscribe-Post", "Mime-Version"} {
				if p.header.Get(h) == "" {
					t.Errorf("header %s missing", h)
				}
			}
			if p.header.Get("List-Unsubscribe") != "<"+m.UnsubscribeURL+">, <mailto:"+m.UnsubscribeMailto+">" {
				t.Errorf("List-Unsubscribe = %q", p.header.Get("List-Unsubscribe"))
			}
			if p.text != m.Text || p.html != m.HTML {
				t.Errorf("parts differ: text %q html %q", p.text, p.html)
			}
			full := mp.Message(t, g.ID)
			if !strings.Contains(full.Text, "Hello "+itoa(i)) || !strings.Contains(full.HTML, "<p>Hello "+itoa(i)+"</p>") {
				t.Errorf("mailpit parts: %q / %q", full.Text, full.HTML)
			}
		})
	}
}

func TestSMTPDKIM(t *testing.T) {
	mp := mailpittest.Start(t)
	dir := t.TempDir()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(dir, "dkim.pem")
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}), 0o600)
	cfg := plainConfig(mp)
	cfg.DKIM = &DKIMConfig{Domain: "news.example.org", Selector: "digest2026", KeyFile: keyFile}
	s, err := NewSMTP(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var o outcomes
	if err := s.Send(context.Background(), subscribers(2), o.done); err != nil || o.sent() != 2 {
		t.Fatalf("Send: %v, %v", err, o.errs)
	}
	for _, g := range mp.Messages(t) {
		raw := mp.Raw(t, g.ID)
		p := parse(t, raw)
		sig := p.header.Get("Dkim-Signature")
		if sig == "" {
			t.Fatalf("no DKIM-Signature:\n%s", raw)
		}
		verifyDKIM(t, raw, &key.PublicKey, "news.example.org", "digest2026")
	}

	t.Run("bad key file", func(t *testing.T) {
		os.WriteFile(keyFile, []byte("not a key"), 0o600)
		if _, err := NewSMTP(cfg); err == nil {
			t.Error("NewSMTP accepted a broken key")
		}
	})
}

func TestSMTPServerDown(t *testing.T) {
	port := mailpittest.FreePort(t) // nothing listens there
	s, err := NewSMTP(SMTPConfig{Host: "127.0.0.1", Port: port, TLS: "none", Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var o outcomes
	err = s.Send(context.Background(), subscribers(2), o.done)
	if err == nil || !IsTemporary(err) || !errors.Is(err, ErrConnection) {
		t.Fatalf("err = %v (temporary %v), want a temporary ErrConnection", err, IsTemporary(err))
	}
	if len(o.idx) != 0 {
		t.Errorf("done called %v", o.idx)
	}
	if err := s.Check(context.Background()); !IsTemporary(err) {
		t.Errorf("Check = %v, want temporary", err)
	}
}

// The server down for the first attempt, then up: the first Send fails
// temporarily and reports nothing; the retry delivers each message once.
func TestSMTPServerDownThenUp(t *testing.T) {
	port := mailpittest.FreePort(t)
	s, err := NewSMTP(SMTPConfig{Host: "127.0.0.1", Port: port, TLS: "none", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	msgs := subscribers(3)
	var first outcomes
	if err := s.Send(context.Background(), msgs, first.done); !IsTemporary(err) || len(first.idx) != 0 {
		t.Fatalf("first attempt: %v, done %v", err, first.idx)
	}
	mp := mailpittest.StartOn(t, port)
	var second outcomes
	if err := s.Send(context.Background(), msgs, second.done); err != nil || second.sent() != 3 {
		t.Fatalf("second attempt: %v, %v", err, second.errs)
	}
	if n := mp.Count(t); n != 3 {
		t.Errorf("%d arrived, want 3", n)
	}
}

// A server that accepts the connection and says nothing: the timeout ends it.
func TestSMTPSilentServer(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	port := l.Addr().(*net.TCPAddr).Port
	s, _ := NewSMTP(SMTPConfig{Host: "127.0.0.1", Port: port, TLS: "none", Timeout: 500 * time.Millisecond})
	start := time.Now()
	var o outcomes
	err = s.Send(context.Background(), subscribers(1), o.done)
	if !IsTemporary(err) || len(o.idx) != 0 {
		t.Errorf("err = %v (temporary %v), done %v", err, IsTemporary(err), o.idx)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("gave up after %v with a 500ms timeout", d)
	}

	t.Run("context ends it before the timeout", func(t *testing.T) {
		s, _ := NewSMTP(SMTPConfig{Host: "127.0.0.1", Port: port, TLS: "none", Timeout: time.Minute})
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		start := time.Now()
		err := s.Check(ctx)
		if !errors.Is(err, context.DeadlineExceeded) || !IsTemporary(err) {
			t.Errorf("err = %v", err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("returned after %v", d)
		}
	})
}

func TestSMTPRecipientOutcomes(t *testing.T) {
	t.Run("permanent", func(t *testing.T) {
		mp := mailpittest.Start(t, "--smtp-allowed-recipients", `^sub[02]@`)
		s, _ := NewSMTP(plainConfig(mp))
		var o outcomes
		if err := s.Send(context.Background(), subscribers(3), o.done); err != nil {
			t.Fatal(err)
		}
		if o.errs[0] != nil || o.errs[2] != nil {
			t.Errorf("accepted addresses failed: %v", o.errs)
		}
		if err := o.errs[1]; err == nil || !IsPermanent(err) || IsTemporary(err) || !strings.Contains(err.Error(), "sub1@example.org") {
			t.Errorf("rejected address: %v, want permanent naming it", err)
		}
		if n := mp.Count(t); n != 2 {
			t.Errorf("%d arrived, want 2", n)
		}
	})
	t.Run("temporary", func(t *testing.T) {
		mp := mailpittest.Start(t, "--chaos-triggers", "Recipient:451:100")
		s, _ := NewSMTP(plainConfig(mp))
		var o outcomes
		if err := s.Send(context.Background(), subscribers(3), o.done); err != nil {
			t.Fatal(err)
		}
		if len(o.idx) != 3 {
			t.Fatalf("done calls %v", o.idx)
		}
		for i, err := range o.errs {
			if !IsTemporary(err) || IsPermanent(err) {
				t.Errorf("message %d: %v, want temporary", i, err)
			}
		}
	})
}

func TestSMTPCancelStopsBetweenMessages(t *testing.T) {
	mp := mailpittest.Start(t)
	s, _ := NewSMTP(plainConfig(mp))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var o outcomes
	err := s.Send(ctx, subscribers(10), func(i int, err error) {
		o.done(i, err)
		if i == 2 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if o.sent() != 3 || len(o.idx) != 3 {
		t.Errorf("done %v", o.idx)
	}
	if n := mp.Count(t); n != 3 {
		t.Errorf("%d arrived, want 3: every accepted message reported, no other sent", n)
	}
}

func TestNewSMTPConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  SMTPConfig
		ok   bool
	}{
		{"defaults", SMTPConfig{Host: "smtp.example.org"}, true},
		{"no host", SMTPConfig{}, false},
		{"bad tls", SMTPConfig{Host: "h", TLS: "sometimes"}, false},
		{"none with user", SMTPConfig{Host: "h", TLS: "none", Username: "u"}, false},
		{"none on 465", SMTPConfig{Host: "h", TLS: "none", Port: 465}, false},
		{"dkim missing key", SMTPConfig{Host: "h", DKIM: &DKIMConfig{Domain: "d", Selector: "s", KeyFile: "/nonexistent"}}, false},
		{"dkim incomplete", SMTPConfig{Host: "h", DKIM: &DKIMConfig{Domain: "d"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewSMTP(tt.cfg)
			if (err == nil) != tt.ok {
				t.Errorf("err = %v, want ok %v", err, tt.ok)
			}
		})
	}
}
