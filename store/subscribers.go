package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Subscriber states.
const (
	SubscriberActive       = "active"
	SubscriberRejected     = "rejected"     // the mail server refused the address for good; cleared by the operator
	SubscriberUnsubscribed = "unsubscribed" // the subscriber used the unsubscribe link
)

// SubscriberState is what the store knows of one address.
type SubscriberState struct {
	Email        string
	Status       string
	Reason       string
	UpdatedAt    time.Time
	LastDelivery time.Time // end of the period of the last accepted letter; zero when none
}

// Subscribers returns what the store knows of every address it has seen, by lower-case email.
func (s *Store) Subscribers(ctx context.Context) (map[string]SubscriberState, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT email, status, reason, updated_at, last_delivery FROM subscribers`)
	if err != nil {
		return nil, fmt.Errorf("store: subscribers: %w", err)
	}
	defer rows.Close()
	out := map[string]SubscriberState{}
	for rows.Next() {
		var st SubscriberState
		var upd int64
		var last sql.NullInt64
		if err := rows.Scan(&st.Email, &st.Status, &st.Reason, &upd, &last); err != nil {
			return nil, fmt.Errorf("store: subscribers: %w", err)
		}
		st.UpdatedAt = fromUnix(upd)
		if last.Valid {
			st.LastDelivery = fromUnix(last.Int64)
		}
		out[st.Email] = st
	}
	return out, rows.Err()
}

// SetSubscriberStatus flags an address (unsubscribed, rejected) or clears it (active). Addresses
// are kept in lower case. Flagging cancels the address's pending letters.
func (s *Store) SetSubscriberStatus(ctx context.Context, email, status, reason string, now time.Time) error {
	email = strings.ToLower(strings.TrimSpace(email))
	return s.tx(ctx, "set "+email+" "+status, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO subscribers(email, status, reason, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT(email) DO UPDATE SET status = excluded.status, reason = excluded.reason, updated_at = excluded.updated_at`,
			email, status, reason, unix(now)); err != nil {
			return err
		}
		if status == SubscriberActive {
			return nil
		}
		// An address that left gets nothing more, not even a letter still pending.
		return cancelPending(ctx, tx, email, "subscriber "+status)
	})
}
