package mail

import (
	"strconv"
	"time"

	"github.com/digestd/digestd/internal/mailpittest"
)

// plainConfig is an SMTP config for a Mailpit without TLS.
func plainConfig(mp *mailpittest.Server) SMTPConfig {
	return SMTPConfig{Host: "127.0.0.1", Port: mp.SMTPPort, TLS: "none", Timeout: 10 * time.Second, HELO: "digestd.test"}
}

func itoa(i int) string { return strconv.Itoa(i) }
