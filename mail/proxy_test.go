package mail

import (
	"github.com/digestd/digestd/internal/mailpittest"

	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// cutProxy relays SMTP between the client and Mailpit and breaks the first
// connection once, at a chosen point, to test what Send does when a server
// drops it. Later connections are relayed untouched.
type cutProxy struct {
	addr     string
	upstream string
	// beforeMail cuts when the client sends its nth MAIL FROM, before relaying
	// it: that message was not sent.
	beforeMail int
	// afterData cuts once the server has accepted the nth message, without
	// relaying its 250 reply: delivered, but the client cannot know.
	afterData int
	// stallMail stops relaying (without closing) at the nth MAIL FROM: the
	// client must give up on its own timeout.
	stallMail int
	conns     atomic.Int32
}

func startCutProxy(t *testing.T, upstream string, p *cutProxy) *cutProxy {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	p.addr, p.upstream = l.Addr().String(), upstream
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go p.relay(c, p.conns.Add(1) == 1)
		}
	}()
	return p
}

func (p *cutProxy) relay(client net.Conn, cut bool) {
	defer client.Close()
	server, err := net.Dial("tcp", p.upstream)
	if err != nil {
		return
	}
	defer server.Close()
	var swallow atomic.Bool // drop the next reply and hang up
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // server -> client
		defer wg.Done()
		r := bufio.NewReader(server)
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				client.Close()
				return
			}
			if swallow.Load() && strings.HasPrefix(line, "250") {
				client.Close()
				server.Close()
				return
			}
			if _, err := io.WriteString(client, line); err != nil {
				return
			}
		}
	}()
	r, w := bufio.NewReader(client), bufio.NewWriter(server)
	mails, datas, inData := 0, 0, false
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			break
		}
		switch {
		case inData && line == ".\r\n":
			inData = false
			datas++
			if cut && datas == p.afterData {
				swallow.Store(true)
			}
		case !inData && strings.HasPrefix(strings.ToUpper(line), "DATA"):
			inData = true
		case !inData && strings.HasPrefix(strings.ToUpper(line), "MAIL FROM"):
			mails++
			if cut && mails == p.stallMail {
				io.Copy(io.Discard, r) // until the client hangs up
				server.Close()
				wg.Wait()
				return
			}
			if cut && mails == p.beforeMail {
				w.Flush()
				client.Close()
				server.Close()
				wg.Wait()
				return
			}
		}
		w.WriteString(line)
		if r.Buffered() == 0 { // relay whole writes, not line by line
			if err := w.Flush(); err != nil {
				break
			}
		}
	}
	server.Close()
	wg.Wait()
}

func proxyConfig(p *cutProxy) SMTPConfig {
	host, port, _ := net.SplitHostPort(p.addr)
	n, _ := strconv.Atoi(port)
	return SMTPConfig{Host: host, Port: n, TLS: "none"}
}

func TestSMTPReconnects(t *testing.T) {
	t.Run("no drop: one connection for all", func(t *testing.T) {
		mp := mailpittest.Start(t)
		p := startCutProxy(t, mp.Addr(), &cutProxy{})
		s, _ := NewSMTP(proxyConfig(p))
		var o outcomes
		if err := s.Send(context.Background(), subscribers(20), o.done); err != nil || o.sent() != 20 {
			t.Fatalf("Send: %v %v", err, o.errs)
		}
		if c := p.conns.Load(); c != 1 {
			t.Errorf("%d connections for 20 messages, want 1", c)
		}
	})
	t.Run("dropped before a message: sent again, once", func(t *testing.T) {
		mp := mailpittest.Start(t)
		p := startCutProxy(t, mp.Addr(), &cutProxy{beforeMail: 3})
		s, err := NewSMTP(proxyConfig(p))
		if err != nil {
			t.Fatal(err)
		}
		var o outcomes
		if err := s.Send(context.Background(), subscribers(5), o.done); err != nil {
			t.Fatal(err)
		}
		if o.sent() != 5 || len(o.idx) != 5 {
			t.Errorf("done %v %v; want 5 successes, one call each", o.idx, o.errs)
		}
		if n := mp.Count(t); n != 5 {
			t.Errorf("%d arrived, want 5", n)
		}
		if c := p.conns.Load(); c != 2 {
			t.Errorf("%d connections, want 2", c)
		}
	})
	t.Run("stalled: timeout, then sent again on a new connection", func(t *testing.T) {
		mp := mailpittest.Start(t)
		p := startCutProxy(t, mp.Addr(), &cutProxy{stallMail: 2})
		cfg := proxyConfig(p)
		cfg.Timeout = time.Second
		s, _ := NewSMTP(cfg)
		var o outcomes
		start := time.Now()
		if err := s.Send(context.Background(), subscribers(3), o.done); err != nil {
			t.Fatal(err)
		}
		if o.sent() != 3 || len(o.idx) != 3 {
			t.Errorf("done %v %v", o.idx, o.errs)
		}
		if n := mp.Count(t); n != 3 {
			t.Errorf("%d arrived, want 3", n)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("took %v with a 1s timeout", d)
		}
	})
	t.Run("dropped while awaiting the reply: reported unknown, not resent", func(t *testing.T) {
		mp := mailpittest.Start(t)
		p := startCutProxy(t, mp.Addr(), &cutProxy{afterData: 2})
		s, _ := NewSMTP(proxyConfig(p))
		var o outcomes
		if err := s.Send(context.Background(), subscribers(4), o.done); err != nil {
			t.Fatal(err)
		}
		if len(o.idx) != 4 || o.sent() != 3 {
			t.Fatalf("done %v %v", o.idx, o.errs)
		}
		if err := o.errs[1]; !IsTemporary(err) || !errors.Is(err, ErrConnection) {
			t.Errorf("message 1: %v, want a temporary ErrConnection", err)
		}
		// The server had it: this is the one window SMTP leaves open.
		if n := mp.Count(t); n != 4 {
			t.Errorf("%d arrived, want 4", n)
		}
	})
}
