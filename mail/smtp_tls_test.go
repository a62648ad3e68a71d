package mail

import (
	"github.com/digestd/digestd/internal/mailpittest"

	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestSMTPStartTLSMandatoryAgainstPlainServer(t *testing.T) {
	mp := mailpittest.Start(t)
	cfg := plainConfig(mp)
	cfg.TLS = "" // mandatory is the default
	s, err := NewSMTP(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var o outcomes
	err = s.Send(context.Background(), subscribers(3), o.done)
	if !errors.Is(err, ErrTLS) || !strings.Contains(err.Error(), "STARTTLS") {
		t.Fatalf("err = %v, want ErrTLS naming STARTTLS", err)
	}
	if IsTemporary(err) || IsPermanent(err) {
		t.Errorf("a TLS policy failure is a run failure: temporary %v permanent %v", IsTemporary(err), IsPermanent(err))
	}
	if len(o.idx) != 0 {
		t.Errorf("done called %v", o.idx)
	}
	if n := mp.Count(t); n != 0 {
		t.Errorf("%d messages arrived", n)
	}
	if err := s.Check(context.Background()); !errors.Is(err, ErrTLS) {
		t.Errorf("Check = %v, want ErrTLS", err)
	}
}

// Implicit TLS (SMTPS, normally port 465) with authentication.
func TestSMTPImplicitTLS(t *testing.T) {
	certFile, keyFile, pool := mailpittest.SelfSigned(t, t.TempDir())
	mp := mailpittest.Start(t, "--smtp-tls-cert", certFile, "--smtp-tls-key", keyFile, "--smtp-require-tls", "--smtp-auth-accept-any")
	s, err := NewSMTP(SMTPConfig{Host: "127.0.0.1", Port: mp.SMTPPort, Username: "u", Password: "p",
		Timeout: 5 * time.Second, TLSConfig: mailpittest.TLSClientConfig(pool)})
	if err != nil {
		t.Fatal(err)
	}
	s.implicitTLS = true // as for port 465
	var o outcomes
	if err := s.Send(context.Background(), subscribers(2), o.done); err != nil || o.sent() != 2 {
		t.Fatalf("Send: %v %v", err, o.errs)
	}
	if n := mp.Count(t); n != 2 {
		t.Errorf("%d arrived", n)
	}
}

func TestSMTPAuthOverSTARTTLS(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile, pool := mailpittest.SelfSigned(t, dir)
	mp := mailpittest.Start(t, "--smtp-tls-cert", certFile, "--smtp-tls-key", keyFile,
		"--smtp-require-starttls", "--smtp-auth-accept-any")
	tests := []struct {
		name, tls string
	}{
		{"mandatory", "mandatory"},
		{"opportunistic", "opportunistic"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := mp.Count(t)
			s, err := NewSMTP(SMTPConfig{Host: "127.0.0.1", Port: mp.SMTPPort, TLS: tt.tls, Username: "digest", Password: "secret",
				Timeout: 10 * time.Second, TLSConfig: mailpittest.TLSClientConfig(pool)})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Check(context.Background()); err != nil {
				t.Fatalf("Check: %v", err)
			}
			if mp.Count(t) != before {
				t.Error("Check sent something")
			}
			var o outcomes
			if err := s.Send(context.Background(), subscribers(3), o.done); err != nil || o.sent() != 3 {
				t.Fatalf("Send: %v %v", err, o.errs)
			}
			if got := mp.Count(t) - before; got != 3 {
				t.Errorf("%d arrived, want 3", got)
			}
		})
	}
	t.Run("untrusted certificate", func(t *testing.T) {
		s, _ := NewSMTP(SMTPConfig{Host: "127.0.0.1", Port: mp.SMTPPort, Username: "digest", Password: "secret", Timeout: 5 * time.Second})
		err := s.Check(context.Background())
		if !errors.Is(err, ErrTLS) || IsTemporary(err) {
			t.Errorf("Check = %v, want ErrTLS (certificate)", err)
		}
	})
}

func TestSMTPNoCredentialsWithoutTLS(t *testing.T) {
	mp := mailpittest.Start(t, "--smtp-auth-accept-any", "--smtp-auth-allow-insecure")
	cfg := plainConfig(mp)
	cfg.TLS, cfg.Username, cfg.Password = "opportunistic", "digest", "secret"
	s, err := NewSMTP(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var o outcomes
	err = s.Send(context.Background(), subscribers(1), o.done)
	if !errors.Is(err, ErrAuth) || len(o.idx) != 0 || mp.Count(t) != 0 {
		t.Fatalf("err = %v, done %v, arrived %d; want ErrAuth and nothing sent", err, o.idx, mp.Count(t))
	}
	if !strings.Contains(err.Error(), "without TLS") {
		t.Errorf("error should say why: %v", err)
	}
	cfg.TLS = "none"
	if _, err := NewSMTP(cfg); err == nil {
		t.Error(`tls = "none" with a username accepted`)
	}
}
