package mail

// A harness that runs Mailpit, a real SMTP server, for the integration tests.
// They skip unless $DIGESTD_MAILPIT names the binary (tools/build-mailpit.sh
// builds it).

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

type mailpit struct {
	smtpPort int
	api      string
	log      *syncBuffer
}

// syncBuffer collects Mailpit's output while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// freePort finds a port nothing listens on (another process may take it
// before Mailpit does; unlikely on a test machine).
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startMailpit runs Mailpit with extra flags and stops it when the test ends.
func startMailpit(t testing.TB, extra ...string) *mailpit {
	t.Helper()
	return startMailpitOn(t, 0, extra...)
}

// startMailpitOn is startMailpit with the SMTP port given (0: any free one).
func startMailpitOn(t testing.TB, smtpPort int, extra ...string) *mailpit {
	t.Helper()
	bin := os.Getenv("DIGESTD_MAILPIT")
	if bin == "" {
		t.Skip("DIGESTD_MAILPIT is unset: build Mailpit with tools/build-mailpit.sh and set it to the binary to run the SMTP integration tests")
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("DIGESTD_MAILPIT=%s: %v", bin, err)
	}
	if smtpPort == 0 {
		smtpPort = freePort(t)
	}
	mp := &mailpit{smtpPort: smtpPort, log: new(syncBuffer)}
	httpPort := freePort(t)
	mp.api = fmt.Sprintf("http://127.0.0.1:%d", httpPort)
	args := append([]string{
		"--listen", fmt.Sprintf("127.0.0.1:%d", httpPort),
		"--smtp", fmt.Sprintf("127.0.0.1:%d", mp.smtpPort),
		"--database", filepath.Join(t.TempDir(), "mailpit.db"),
		"--disable-version-check", "--smtp-disable-rdns", "--max", "0",
	}, extra...)
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = mp.log, mp.log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
		if t.Failed() {
			t.Logf("mailpit output:\n%s", mp.log)
		}
	})
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(mp.api + "/readyz")
		if err == nil {
			resp.Body.Close()
			if c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", mp.smtpPort)); err == nil {
				c.Close()
				return mp
			}
		}
		select {
		case <-exited:
			t.Fatalf("mailpit exited:\n%s", mp.log)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("mailpit not ready after 20s:\n%s", mp.log)
		}
	}
}

type mpAddress struct{ Name, Address string }

type mpSummary struct {
	ID, MessageID, Subject string
	From                   mpAddress
	To, Cc, Bcc            []mpAddress
}

func (mp *mailpit) get(t testing.TB, path string, v any) []byte {
	t.Helper()
	resp, err := http.Get(mp.api + path)
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

// messages lists what arrived, newest first.
func (mp *mailpit) messages(t testing.TB) []mpSummary {
	t.Helper()
	var list struct {
		Total    int
		Messages []mpSummary
	}
	mp.get(t, "/api/v1/messages?limit=100000", &list)
	return list.Messages
}

func (mp *mailpit) count(t testing.TB) int {
	t.Helper()
	var list struct {
		Total int `json:"messages_count"`
	}
	mp.get(t, "/api/v1/messages?limit=1", &list)
	return list.Total
}

func (mp *mailpit) raw(t testing.TB, id string) []byte {
	t.Helper()
	return mp.get(t, "/api/v1/message/"+id+"/raw", nil)
}

type mpMessage struct {
	Text, HTML string
}

func (mp *mailpit) message(t testing.TB, id string) mpMessage {
	t.Helper()
	var m mpMessage
	mp.get(t, "/api/v1/message/"+id, &m)
	return m
}

// selfSigned writes a certificate and key for 127.0.0.1 and localhost into
// dir and returns their paths and a pool that trusts the certificate.
func selfSigned(t testing.TB, dir string) (certFile, keyFile string, pool *x509.CertPool) {
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

// plainConfig is an SMTP config for a Mailpit without TLS.
func plainConfig(mp *mailpit) SMTPConfig {
	return SMTPConfig{Host: "127.0.0.1", Port: mp.smtpPort, TLS: "none", Timeout: 10 * time.Second, HELO: "digestd.test"}
}

func tlsClientConfig(pool *x509.CertPool) *tls.Config {
	return &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
}

func itoa(i int) string { return strconv.Itoa(i) }

func (mp *mailpit) addr() string { return "127.0.0.1:" + itoa(mp.smtpPort) }
