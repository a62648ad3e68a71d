package mail

import (
	"net/url"
	"strings"
	"testing"
)

func TestUnsubscribeToken(t *testing.T) {
	secret := []byte("test secret, not a real one")
	tok := UnsubscribeToken(secret, "ann+news@example.org")
	if tok == "" || url.QueryEscape(tok) != tok || url.PathEscape(tok) != tok {
		t.Fatalf("token %q is not URL-safe", tok)
	}
	if email, ok := VerifyUnsubscribeToken(secret, tok); !ok || email != "ann+news@example.org" {
		t.Fatalf("Verify = %q, %v", email, ok)
	}
	forged := UnsubscribeToken([]byte("another secret"), "ann+news@example.org")
	payload, mac, _ := strings.Cut(tok, ".")
	bob := UnsubscribeToken(secret, "bob@example.org")
	bobPayload, _, _ := strings.Cut(bob, ".")
	flip := func(s string, i int) string {
		b := []byte(s)
		if b[i] == 'A' {
			b[i] = 'B'
		} else {
			b[i] = 'A'
		}
		return string(b)
	}
	bad := []struct{ name, token string }{
		{"other secret", forged},
		{"payload swapped", bobPayload + "." + mac},
		{"mac flipped", payload + "." + flip(mac, 3)},
		{"payload flipped", flip(payload, 0) + "." + mac},
		{"mac truncated", payload + "." + mac[:len(mac)-2]},
		{"no mac", payload},
		{"empty mac", payload + "."},
		{"empty", ""},
		{"dot", "."},
		{"not base64", "!!!.???"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			if email, ok := VerifyUnsubscribeToken(secret, tt.token); ok || email != "" {
				t.Errorf("Verify(%q) = %q, %v; want rejected", tt.token, email, ok)
			}
		})
	}
	t.Run("empty secret", func(t *testing.T) {
		if UnsubscribeToken(nil, "a@example.org") != "" {
			t.Error("token made without a secret")
		}
		if _, ok := VerifyUnsubscribeToken(nil, tok); ok {
			t.Error("verified without a secret")
		}
	})
}

func FuzzVerifyUnsubscribeToken(f *testing.F) {
	secret := []byte("fuzz secret")
	f.Add(UnsubscribeToken(secret, "a@example.org"))
	f.Add("YQ.AAAA")
	f.Fuzz(func(t *testing.T, token string) {
		email, ok := VerifyUnsubscribeToken(secret, token)
		if ok && UnsubscribeToken(secret, email) != token {
			// Only the canonical token of an address may verify.
			t.Errorf("non-canonical token %q verified for %q", token, email)
		}
	})
}
