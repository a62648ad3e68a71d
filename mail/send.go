package mail

import (
	"context"
	"errors"
	"fmt"

	gomail "github.com/wneessen/go-mail"
)

// maxReconnects bounds the reconnections in a row that deliver nothing.
const maxReconnects = 2

// Send delivers msgs over one connection, in order, calling done(i, err) as
// soon as message i's outcome is known: nil once the server has accepted it
// (250 after DATA), else an error for which IsTemporary or IsPermanent says
// what to do. A message that cannot be built is reported to done and skipped.
//
// Send returns an error (ErrConnection, ErrTLS, ErrAuth, or the context's)
// when it cannot go on: the server cannot be reached, the TLS policy is not
// met, authentication fails, or the connection breaks and cannot be made
// again. The messages that done was not called for were not sent.
//
// If the connection breaks before a message's final "." was sent, that
// message is sent again on a new connection. If it breaks after, while
// waiting for the server's reply, the message may or may not have been
// accepted: it is reported as a temporary failure (so a later run may
// deliver it twice; the stable Message-ID lets clients fold the copies).
func (s *SMTP) Send(ctx context.Context, msgs []Message, done func(i int, err error)) error {
	if done == nil {
		done = func(int, error) {}
	}
	if len(msgs) == 0 {
		return nil
	}
	sess, err := s.dial(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if sess != nil {
			sess.close()
		}
	}()
	reconnects := 0
	for i := 0; i < len(msgs); i++ {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("mail: sending to %s: %w", s.addr(), err)
		}
		m := msgs[i]
		msg, err := newMsg(m)
		if err != nil {
			done(i, err)
			continue
		}
		err = sess.client.SendWithSMTPClient(sess.conn, msg)
		if msg.IsDelivered() {
			done(i, nil)
			reconnects = 0
			if err != nil { // accepted, then the connection failed (e.g. at RSET)
				sess.abandon()
				if sess, err = s.redial(ctx); err != nil {
					return err
				}
			}
			continue
		}
		var se *gomail.SendError
		if errors.As(err, &se) && se.ErrorCode() >= 400 {
			// The server answered for this message; the connection is fine.
			done(i, fmt.Errorf("mail: sending %s to %s: %w", m.Key, m.To, err))
			continue
		}
		// No reply: the connection failed.
		if ctx.Err() != nil {
			sess.abandon()
			sess = nil
			return fmt.Errorf("mail: sending to %s: %w", s.addr(), ctx.Err())
		}
		sess.abandon()
		sess = nil
		if reconnects++; reconnects > maxReconnects {
			return fmt.Errorf("mail: sending %s to %s: %w: %w", m.Key, m.To, ErrConnection, err)
		}
		if !errors.As(err, &se) || se.Reason != gomail.ErrSMTPDataClose {
			i-- // never reached the end of DATA: not delivered, send it again
		} else {
			done(i, fmt.Errorf("mail: sending %s to %s: %w: outcome unknown: %w", m.Key, m.To, ErrConnection, err))
		}
		if sess, err = s.redial(ctx); err != nil {
			return err
		}
	}
	return nil
}

func (s *SMTP) redial(ctx context.Context) (*session, error) {
	sess, err := s.dial(ctx)
	if err != nil {
		return nil, fmt.Errorf("mail: reconnecting: %w", err)
	}
	return sess, nil
}
