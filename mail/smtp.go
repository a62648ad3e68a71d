package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/textproto"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	gomail "github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"
)

// Errors that Send and Check return for a connection that could not be used.
// Messages are not attempted after any of them.
var (
	// ErrConnection: the server could not be reached, or the connection broke
	// (refused, reset, timed out). Temporary.
	ErrConnection = errors.New("SMTP connection failed")
	// ErrTLS: the TLS policy could not be met (no STARTTLS under "mandatory",
	// a failed handshake or certificate check). Not temporary: fix the
	// server or the configuration.
	ErrTLS = errors.New("SMTP TLS policy not met")
	// ErrAuth: authentication was refused, or would have been sent without TLS.
	ErrAuth = errors.New("SMTP authentication failed")
)

// SMTPConfig says how to reach the SMTP server.
type SMTPConfig struct {
	Host string
	// Port defaults to 587; 465 means implicit TLS (SMTPS) rather than STARTTLS.
	Port               int
	Username, Password string // authentication (PLAIN or LOGIN, over TLS only) when Username is set
	// TLS is "mandatory" (default: refuse a server without STARTTLS),
	// "opportunistic" (STARTTLS when offered) or "none" (never; only when set).
	TLS string
	// Timeout bounds the connection and each message's exchange (default 30s).
	Timeout time.Duration
	// HELO is the name given in EHLO (default: this host's name).
	HELO string
	// DKIM signs every message when set.
	DKIM *DKIMConfig
	// TLSConfig overrides the TLS settings (e.g. a private CA); nil means the
	// system roots, the server name Host and TLS 1.2 or later.
	TLSConfig *tls.Config
}

// DKIMConfig names the signing domain, the selector and the file holding the
// private key (PEM: RSA in PKCS#1 or PKCS#8, or Ed25519 in PKCS#8).
type DKIMConfig struct {
	Domain, Selector, KeyFile string
}

// SMTP is the transport that sends over SMTP with go-mail. Each Send uses one
// connection for all its messages (reconnecting only if the server drops it).
// Its methods may be called from several goroutines; each call has its own
// connection.
type SMTP struct {
	cfg  SMTPConfig
	opts []gomail.Option
	// implicitTLS: TLS from the first byte (SMTPS, port 465), not STARTTLS.
	implicitTLS bool
}

// NewSMTP checks cfg and loads the DKIM key; it does not connect.
func NewSMTP(cfg SMTPConfig) (*SMTP, error) {
	if cfg.Host == "" {
		return nil, errors.New("mail: smtp: no host")
	}
	if cfg.Port == 0 {
		cfg.Port = 587
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	opts := []gomail.Option{
		gomail.WithPort(cfg.Port),
		gomail.WithTimeout(cfg.Timeout),
		gomail.WithTLSConfig(tlsConfig(cfg)),
		// One connection, many messages: no NOOP before and no RSET after
		// each message (a dead connection shows at MAIL FROM just as well).
		gomail.WithoutNoop(),
		gomail.WithoutRset(),
	}
	if cfg.HELO != "" {
		opts = append(opts, gomail.WithHELO(cfg.HELO))
	}
	switch strings.ToLower(cfg.TLS) {
	case "", "mandatory":
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
		cfg.TLS = "mandatory"
	case "opportunistic":
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	case "none":
		if cfg.Port == 465 {
			return nil, errors.New(`mail: smtp: tls = "none" with port 465 (implicit TLS)`)
		}
		if cfg.Username != "" {
			return nil, errors.New(`mail: smtp: tls = "none" with a username: credentials are only sent over TLS`)
		}
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		return nil, fmt.Errorf(`mail: smtp: tls = %q: want "mandatory", "opportunistic" or "none"`, cfg.TLS)
	}
	if cfg.DKIM != nil {
		signer, err := loadDKIM(*cfg.DKIM)
		if err != nil {
			return nil, err
		}
		opts = append(opts, gomail.WithAlwaysDKIMSign(signer))
	}
	return &SMTP{cfg: cfg, opts: opts, implicitTLS: cfg.Port == 465}, nil
}

func loadDKIM(c DKIMConfig) (*gomail.DKIMSigner, error) {
	if c.Domain == "" || c.Selector == "" || c.KeyFile == "" {
		return nil, errors.New("mail: dkim: domain, selector and key file are all needed")
	}
	pemBytes, err := os.ReadFile(c.KeyFile)
	if err != nil {
		return nil, fmt.Errorf("mail: dkim: reading key: %w", err)
	}
	key, err := gomail.PrivKeyFromPEM(pemBytes)
	if err != nil {
		return nil, fmt.Errorf("mail: dkim: key in %s: %w", c.KeyFile, err)
	}
	signer := gomail.NewDKIMSigner(c.Domain, c.Selector, key)
	// RFC 8058: the one-click headers must be covered by the signature.
	// go-mail v0.8.1 hard-wraps a tag longer than a line in the middle of a
	// name, which breaks relaxed verification, so h= must stay within one
	// line (about 75 characters): these seven fit, Content-Type and
	// MIME-Version do not (the body hash covers the parts either way).
	signer.SignHeaders("From", "To", "Subject", "Date", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post")
	signer.HeaderCanonicalization(gomail.CanonicalizationRelaxed)
	signer.BodyCanonicalization(gomail.CanonicalizationRelaxed)
	if err := signer.ValidateConfig(); err != nil {
		return nil, fmt.Errorf("mail: dkim: %w", err)
	}
	return signer, nil
}

func (s *SMTP) addr() string { return net.JoinHostPort(s.cfg.Host, fmt.Sprint(s.cfg.Port)) }

// session is one connection to the server.
type session struct {
	client *gomail.Client
	conn   *smtp.Client
	stop   func() bool // releases the context watch
}

// dial connects, says EHLO, applies the TLS policy and authenticates. A
// cancelled ctx aborts the connection at any step, also in the middle of a
// message (the connection's deadline is moved to the past).
func (s *SMTP) dial(ctx context.Context) (*session, error) {
	var (
		mu   sync.Mutex
		raw  net.Conn
		stop = func() bool { return false }
	)
	dialer := func(dctx context.Context, network, address string) (net.Conn, error) {
		var d net.Dialer
		c, err := d.DialContext(dctx, network, address)
		if err != nil {
			return nil, err
		}
		mu.Lock()
		raw = c
		stop = context.AfterFunc(ctx, func() { c.SetDeadline(time.Unix(1, 0)) })
		mu.Unlock()
		if s.implicitTLS {
			tc := tls.Client(c, tlsConfig(s.cfg))
			if err := tc.HandshakeContext(dctx); err != nil {
				return nil, fmt.Errorf("%w: %w", ErrTLS, err)
			}
			return tc, nil
		}
		return c, nil
	}
	fail := func(err error) (*session, error) {
		mu.Lock()
		defer mu.Unlock()
		stop()
		if raw != nil {
			raw.Close()
		}
		return nil, fmt.Errorf("mail: connecting to %s: %w", s.addr(), err)
	}
	auth := &tlsOnlyAuth{username: s.cfg.Username, password: s.cfg.Password, host: s.cfg.Host}
	opts := append(slices.Clip(s.opts), gomail.WithDialContextFunc(dialer))
	if s.implicitTLS {
		opts = append(opts, gomail.WithSSL()) // the dialer does the handshake
	}
	if s.cfg.Username != "" {
		opts = append(opts, gomail.WithSMTPAuthCustom(auth))
	}
	client, err := gomail.NewClient(s.cfg.Host, opts...)
	if err != nil {
		return fail(err)
	}
	conn, err := client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return fail(ctx.Err())
		}
		return fail(s.classifyDial(err, auth.started))
	}
	if s.cfg.TLS == "mandatory" {
		if st, err := conn.GetTLSConnectionState(); err != nil || !st.HandshakeComplete {
			return fail(fmt.Errorf("%w: connection is not encrypted", ErrTLS))
		}
	}
	mu.Lock()
	defer mu.Unlock()
	return &session{client: client, conn: conn, stop: stop}, nil
}

// tlsConfig is cfg.TLSConfig, or the system roots and TLS 1.2 or later, for
// the server name Host.
func tlsConfig(cfg SMTPConfig) *tls.Config {
	if cfg.TLSConfig == nil {
		return &tls.Config{ServerName: cfg.Host, MinVersion: tls.VersionTLS12}
	}
	c := cfg.TLSConfig.Clone()
	if c.ServerName == "" {
		c.ServerName = cfg.Host
	}
	return c
}

// classifyDial tags a failed connection with ErrConnection, ErrTLS or ErrAuth.
func (s *SMTP) classifyDial(err error, authStarted bool) error {
	var tpe *textproto.Error
	var certErr *tls.CertificateVerificationError
	var recErr tls.RecordHeaderError
	switch {
	case errors.Is(err, ErrTLS), errors.Is(err, ErrAuth):
		return err
	case authStarted:
		return fmt.Errorf("%w: %w", ErrAuth, err)
	case strings.Contains(err.Error(), "STARTTLS"):
		return fmt.Errorf("%w: %w", ErrTLS, err)
	case errors.As(err, &certErr), errors.As(err, &recErr), strings.Contains(err.Error(), "tls:"), strings.Contains(err.Error(), "x509:"):
		return fmt.Errorf("%w: %w", ErrTLS, err)
	case errors.As(err, &tpe) && tpe.Code >= 500:
		return err // the server refuses us outright (554 at the greeting)
	default:
		return fmt.Errorf("%w: %w", ErrConnection, err)
	}
}

func (sess *session) close() {
	sess.stop()
	if err := sess.client.CloseWithSMTPClient(sess.conn); err != nil {
		sess.conn.Close()
	}
}

// abandon drops a connection that is broken or in an unknown state.
func (sess *session) abandon() {
	sess.stop()
	sess.conn.Close()
}

// Check connects, says EHLO, applies the TLS policy and authenticates, then
// says QUIT. It sends nothing.
func (s *SMTP) Check(ctx context.Context) error {
	sess, err := s.dial(ctx)
	if err != nil {
		return err
	}
	sess.close()
	return nil
}

// tlsOnlyAuth authenticates with PLAIN (or LOGIN when PLAIN is not offered)
// and refuses to send credentials over a connection without TLS.
type tlsOnlyAuth struct {
	username, password, host string
	started                  bool
	inner                    smtp.Auth
}

func (a *tlsOnlyAuth) Start(server *smtp.ServerInfo) (string, []byte, error) {
	a.started = true
	if !server.TLS {
		return "", nil, fmt.Errorf("%w: refusing to send credentials without TLS", ErrAuth)
	}
	switch {
	case slices.Contains(server.Auth, "PLAIN"):
		a.inner = smtp.PlainAuth("", a.username, a.password, a.host, false)
	case slices.Contains(server.Auth, "LOGIN"):
		a.inner = smtp.LoginAuth(a.username, a.password, a.host, false)
	default:
		return "", nil, fmt.Errorf("%w: server offers neither PLAIN nor LOGIN (offers %v)", ErrAuth, server.Auth)
	}
	return a.inner.Start(server)
}

func (a *tlsOnlyAuth) Next(fromServer []byte, more bool) ([]byte, error) {
	return a.inner.Next(fromServer, more)
}
