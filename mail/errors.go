package mail

import (
	"context"
	"errors"
	"net"
	"os"
	"syscall"

	gomail "github.com/wneessen/go-mail"
)

// IsTemporary reports whether err is worth retrying later: a 4xx reply, a
// refused, reset or lost connection (ErrConnection), a timeout, a cancelled
// context. ErrTLS, ErrAuth and ErrInvalid are not temporary.
func IsTemporary(err error) bool {
	if err == nil {
		return false
	}
	switch {
	case errors.Is(err, ErrInvalid), errors.Is(err, ErrTLS), errors.Is(err, ErrAuth):
		return false
	case errors.Is(err, ErrConnection):
		return true
	}
	var se *gomail.SendError
	if errors.As(err, &se) {
		if code := se.ErrorCode(); code >= 400 && code < 500 {
			return true
		} else if code >= 500 {
			return false
		}
		if se.IsTemp() {
			return true
		}
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) ||
		errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, syscall.EHOSTUNREACH) || errors.Is(err, syscall.ENETUNREACH) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// IsPermanent reports whether err rejects this message for this recipient
// for good: a 5xx reply to RCPT TO (no such user, mailbox disabled...), or a
// message that cannot be built (ErrInvalid). A 5xx to MAIL FROM or to the
// message's content is not: it would recur for every subscriber, so it is a
// failure of the run (check the sender and the server), not of the address.
func IsPermanent(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, ErrInvalid) {
		return true
	}
	var se *gomail.SendError
	if errors.As(err, &se) {
		return se.Reason == gomail.ErrSMTPRcptTo && se.ErrorCode() >= 500 && se.ErrorCode() < 600
	}
	return false
}
