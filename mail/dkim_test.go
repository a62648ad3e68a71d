package mail

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// verifyDKIM checks a DKIM-Signature (rsa-sha256, relaxed/relaxed) as a
// receiving server would (RFC 6376 sections 3.4 and 3.7), with the public key
// given instead of looked up in DNS.
func verifyDKIM(t *testing.T, raw []byte, pub *rsa.PublicKey, domain, selector string) {
	t.Helper()
	if err := checkDKIM(raw, pub, domain, selector); err != nil {
		t.Errorf("%v\n%s", err, raw)
	}
}

func checkDKIM(raw []byte, pub *rsa.PublicKey, domain, selector string) error {
	raw = bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n"))
	head, body, ok := bytes.Cut(raw, []byte("\n\n"))
	if !ok {
		return errors.New("no header/body separator")
	}
	// Unfold the header into fields, keeping their raw text.
	var fields []string
	for _, line := range strings.Split(string(head), "\n") {
		if (strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")) && len(fields) > 0 {
			fields[len(fields)-1] += "\r\n" + line
		} else {
			fields = append(fields, line)
		}
	}
	var sigField string
	for _, f := range fields {
		if strings.HasPrefix(strings.ToLower(f), "dkim-signature:") {
			sigField = f
			break
		}
	}
	if sigField == "" {
		return errors.New("no DKIM-Signature")
	}
	tags := map[string]string{}
	for _, kv := range strings.Split(sigField[len("DKIM-Signature:"):], ";") {
		k, v, _ := strings.Cut(kv, "=")
		tags[strings.TrimSpace(k)] = strings.Join(strings.Fields(v), "")
	}
	for k, want := range map[string]string{"v": "1", "a": "rsa-sha256", "c": "relaxed/relaxed", "d": domain, "s": selector} {
		if tags[k] != want {
			return fmt.Errorf("tag %s = %q, want %q", k, tags[k], want)
		}
	}
	for _, h := range []string{"from", "to", "subject", "date", "message-id", "list-unsubscribe", "list-unsubscribe-post"} {
		if !strings.Contains(strings.ToLower(":"+tags["h"]+":"), ":"+h+":") {
			return fmt.Errorf("h= %q does not cover %s", tags["h"], h)
		}
	}

	// Body: relaxed canonicalization, then sha256.
	lines := strings.Split(string(body), "\n")
	ws := regexp.MustCompile(`[ \t]+`)
	for i, l := range lines {
		lines[i] = strings.TrimRight(ws.ReplaceAllString(l, " "), " ")
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	canonBody := ""
	if len(lines) > 0 {
		canonBody = strings.Join(lines, "\r\n") + "\r\n"
	}
	bh := sha256.Sum256([]byte(canonBody))
	if got := base64.StdEncoding.EncodeToString(bh[:]); got != tags["bh"] {
		return fmt.Errorf("body hash %s, signature says %s", got, tags["bh"])
	}

	relaxed := func(f string) string {
		name, value, _ := strings.Cut(f, ":")
		value = strings.ReplaceAll(value, "\r\n", "")
		value = strings.TrimSpace(ws.ReplaceAllString(value, " "))
		return strings.ToLower(strings.TrimSpace(name)) + ":" + value
	}
	// Headers named in h=, each instance taken from the bottom up.
	used := map[string]int{}
	var signed strings.Builder
	for _, name := range strings.Split(tags["h"], ":") {
		name = strings.ToLower(name)
		var instances []string
		for _, f := range fields {
			if n, _, _ := strings.Cut(f, ":"); strings.ToLower(strings.TrimSpace(n)) == name {
				instances = append(instances, f)
			}
		}
		k := len(instances) - 1 - used[name]
		used[name]++
		if k < 0 {
			continue // absent (or oversigned): contributes nothing
		}
		signed.WriteString(relaxed(instances[k]) + "\r\n")
	}
	parts := strings.Split(sigField, ";")
	for i, kv := range parts {
		if k, _, ok := strings.Cut(kv, "="); ok && strings.TrimSpace(k) == "b" {
			parts[i] = k + "="
		}
	}
	noB := strings.Join(parts, ";")
	signed.WriteString(relaxed(noB))
	sig, err := base64.StdEncoding.DecodeString(tags["b"])
	if err != nil {
		return fmt.Errorf("b= tag: %v", err)
	}
	digest := sha256.Sum256([]byte(signed.String()))
	if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, digest[:], sig); err != nil {
		return fmt.Errorf("DKIM signature does not verify: %v\nsigned data:\n%s", err, signed.String())
	}
	return nil
}

// TestDKIMSignature signs with the signer NewSMTP configures and verifies
// the result, then checks that the verifier catches tampering.
func TestDKIMSignature(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(t.TempDir(), "dkim.pem")
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}), 0o600)
	signer, err := loadDKIM(DKIMConfig{Domain: "news.example.org", Selector: "sel", KeyFile: keyFile})
	if err != nil {
		t.Fatal(err)
	}
	msg, err := newMsg(testMessage(0))
	if err != nil {
		t.Fatal(err)
	}
	msg.SetDKIM(signer)
	var b bytes.Buffer
	if _, err := msg.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	raw := b.Bytes()
	if err := checkDKIM(raw, &key.PublicKey, "news.example.org", "sel"); err != nil {
		t.Fatalf("%v\n%s", err, raw)
	}
	tampered := []struct{ name, old, new string }{
		{"subject", "Subject: =?UTF-8?q?Ukraine", "Subject: =?UTF-8?q?Russia"},
		{"unsubscribe link", "List-Unsubscribe: <https://news.example.org/", "List-Unsubscribe: <https://evil.example.org/"},
		{"body", "The stories of the day.", "The stories of the week."},
	}
	for _, tt := range tampered {
		t.Run(tt.name, func(t *testing.T) {
			bad := bytes.Replace(raw, []byte(tt.old), []byte(tt.new), 1)
			if bytes.Equal(bad, raw) {
				t.Fatalf("%q not found", tt.old)
			}
			if checkDKIM(bad, &key.PublicKey, "news.example.org", "sel") == nil {
				t.Error("tampered message verifies")
			}
		})
	}
	other, _ := rsa.GenerateKey(rand.Reader, 2048)
	if checkDKIM(raw, &other.PublicKey, "news.example.org", "sel") == nil {
		t.Error("verifies with another key")
	}
}
