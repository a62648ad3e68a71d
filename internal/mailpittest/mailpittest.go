// Package mailpittest runs Mailpit, a real SMTP server with an HTTP API, for integration tests,
// and reads what arrived. Tests that use it skip unless $DIGESTD_MAILPIT names the binary
// (tools/build-mailpit.sh builds it). It is for tests only.
package mailpittest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"
)

// Server is a running Mailpit.
type Server struct {
	// SMTPPort is where it takes mail; API is the base URL of its HTTP API.
	SMTPPort int
	API      string
	// Log is what Mailpit printed.
	Log *SyncBuffer
}

// SyncBuffer collects Mailpit's output while the test reads it.
type SyncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p.
func (s *SyncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String is what was written.
func (s *SyncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// FreePort finds a port nothing listens on (another process may take it
// before Mailpit does; unlikely on a test machine).
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Start runs Mailpit with extra flags and stops it when the test ends.
func Start(t testing.TB, extra ...string) *Server {
	t.Helper()
	return StartOn(t, 0, extra...)
}

// StartOn is Start with the SMTP port given (0: any free one).
func StartOn(t testing.TB, smtpPort int, extra ...string) *Server {
	t.Helper()
	bin := os.Getenv("DIGESTD_MAILPIT")
	if bin == "" {
		t.Skip("DIGESTD_MAILPIT is unset: build Mailpit with tools/build-mailpit.sh and set it to the binary to run the SMTP integration tests")
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("DIGESTD_MAILPIT=%s: %v", bin, err)
	}
	if smtpPort == 0 {
		smtpPort = FreePort(t)
	}
	mp := &Server{SMTPPort: smtpPort, Log: new(SyncBuffer)}
	httpPort := FreePort(t)
	mp.API = fmt.Sprintf("http://127.0.0.1:%d", httpPort)
	args := append([]string{
		"--listen", fmt.Sprintf("127.0.0.1:%d", httpPort),
		"--smtp", fmt.Sprintf("127.0.0.1:%d", mp.SMTPPort),
		"--database", filepath.Join(t.TempDir(), "mailpit.db"),
		"--disable-version-check", "--smtp-disable-rdns", "--max", "0",
	}, extra...)
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = mp.Log, mp.Log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
		if t.Failed() {
			t.Logf("mailpit output:\n%s", mp.Log)
		}
	})
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(mp.API + "/readyz")
		if err == nil {
			resp.Body.Close()
			if c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", mp.SMTPPort)); err == nil {
				c.Close()
				return mp
			}
		}
		select {
		case <-exited:
			t.Fatalf("mailpit exited:\n%s", mp.Log)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("mailpit not ready after 20s:\n%s", mp.Log)
		}
	}
}

// Address is a mail address as the API shows it.
type Address struct{ Name, Address string }

// Summary is one message in the API's list.
type Summary struct {
	ID, MessageID, Subject string
	From                   Address
	To, Cc, Bcc            []Address
}

// Get reads an API path into v (when not nil) and returns the body.
func (mp *Server) Get(t testing.TB, path string, v any) []byte {
	t.Helper()
	resp, err := http.Get(mp.API + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %v %s", path, resp.StatusCode, err, b)
	}
	if v != nil {
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
	}
	return b
}

// Messages lists what arrived, newest first.
func (mp *Server) Messages(t testing.TB) []Summary {
	t.Helper()
	var list struct {
		Total    int
		Messages []Summary
	}
	mp.Get(t, "/api/v1/messages?limit=100000", &list)
	return list.Messages
}

// Count is how many messages arrived.
func (mp *Server) Count(t testing.TB) int {
	t.Helper()
	var list struct {
		Total int `json:"messages_count"`
	}
	mp.Get(t, "/api/v1/messages?limit=1", &list)
	return list.Total
}

// Raw is one message as it arrived.
func (mp *Server) Raw(t testing.TB, id string) []byte {
	t.Helper()
	return mp.Get(t, "/api/v1/message/"+id+"/raw", nil)
}

// Message is one message's parts.
type Message struct {
	Text, HTML string
}

// Message returns one message's text and HTML parts.
func (mp *Server) Message(t testing.TB, id string) Message {
	t.Helper()
	var m Message
	mp.Get(t, "/api/v1/message/"+id, &m)
	return m
}

// SelfSigned writes a certificate and key for 127.0.0.1 and localhost into
// dir and returns their paths and a pool that trusts the certificate.
func SelfSigned(t testing.TB, dir string) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "127.0.0.1"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

// TLSClientConfig trusts pool.
func TLSClientConfig(pool *x509.CertPool) *tls.Config {
	return &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
}

// Addr is the SMTP address.
func (mp *Server) Addr() string { return "127.0.0.1:" + strconv.Itoa(mp.SMTPPort) }
