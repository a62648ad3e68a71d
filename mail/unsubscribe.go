package mail

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strings"
)

// unsubscribeContext separates these MACs from any other use of the secret.
const unsubscribeContext = "digestd unsubscribe v1\x00"

// UnsubscribeToken returns the token of an unsubscribe link for email:
// base64url(email) "." base64url(HMAC-SHA256(secret, email)), safe in a URL
// path or query without escaping. An empty secret gives "" (no links).
func UnsubscribeToken(secret []byte, email string) string {
	if len(secret) == 0 {
		return ""
	}
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(email)) + "." + enc.EncodeToString(unsubscribeMAC(secret, email))
}

// VerifyUnsubscribeToken returns the email a token was made for, and whether
// the token is genuine (made with secret, unaltered). The MAC is compared in
// constant time. An empty secret verifies nothing.
func VerifyUnsubscribeToken(secret []byte, token string) (email string, ok bool) {
	if len(secret) == 0 {
		return "", false
	}
	payload, mac, found := strings.Cut(token, ".")
	if !found {
		return "", false
	}
	enc := base64.RawURLEncoding
	addr, err := enc.DecodeString(payload)
	if err != nil || len(addr) == 0 {
		return "", false
	}
	got, err := enc.DecodeString(mac)
	if err != nil {
		return "", false
	}
	if !hmac.Equal(got, unsubscribeMAC(secret, string(addr))) {
		return "", false
	}
	return string(addr), true
}

func unsubscribeMAC(secret []byte, email string) []byte {
	h := hmac.New(sha256.New, secret)
	h.Write([]byte(unsubscribeContext))
	h.Write([]byte(email))
	return h.Sum(nil)
}
