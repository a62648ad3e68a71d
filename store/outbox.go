package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Letter states in the outbox.
const (
	LetterPending    = "pending"    // rendered, not yet accepted by the mail server
	LetterSent       = "sent"       // accepted; its articles are delivered to the subscriber
	LetterFailed     = "failed"     // permanently rejected
	LetterSuperseded = "superseded" // replaced by a newer letter covering the same articles and more
	LetterCancelled  = "cancelled"  // its subscriber unsubscribed or was flagged before it went out
)

// Letter is one rendered digest for one subscriber, stored before it is sent so that a crash
// or a failed server loses nothing.
type Letter struct {
	Key         string // idempotency key: subscriber + period
	Subscriber  string
	PeriodStart time.Time
	PeriodEnd   time.Time
	Articles    []string // article ids it delivers
	Stories     []string // story ids it carries (their readers are recorded when it is sent)
	Message     []byte   // the message to send, as the sender encodes it
	Status      string
	Attempts    int
	LastError   string
	CreatedAt   time.Time
	SentAt      time.Time
}

// ErrLetterExists is returned by Enqueue when the letter's key is already in the outbox.
var ErrLetterExists = errors.New("store: letter already in the outbox")

// Enqueue stores a new pending letter and supersedes the subscriber's older pending ones whose
// articles it all covers (the usual case: it covers everything since the subscriber's last
// successful delivery), so that those are never sent as well. A pending letter with an article
// the new one lacks stays pending, so that nothing is lost.
func (s *Store) Enqueue(ctx context.Context, l Letter, now time.Time) error {
	arts, err := json.Marshal(l.Articles)
	if err != nil {
		return fmt.Errorf("store: enqueue %s: %w", l.Key, err)
	}
	stories, err := json.Marshal(orEmpty(l.Stories))
	if err != nil {
		return fmt.Errorf("store: enqueue %s: %w", l.Key, err)
	}
	return s.tx(ctx, "enqueue "+l.Key, func(tx *sql.Tx) error {
		var status string
		err := tx.QueryRowContext(ctx, `SELECT status FROM outbox WHERE key = ?`, l.Key).Scan(&status)
		if err == nil {
			return fmt.Errorf("%w (%s, %s)", ErrLetterExists, l.Key, status)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		// An address that left while the letter was being built gets it cancelled, not sent.
		status = LetterPending
		var sub string
		err = tx.QueryRowContext(ctx, `SELECT status FROM subscribers WHERE email = ?`, l.Subscriber).Scan(&sub)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err == nil && sub != SubscriberActive {
			status = LetterCancelled
		} else if err := supersede(ctx, tx, l); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO outbox(key, subscriber, period_start, period_end, created_at, status, articles, stories, message)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			l.Key, l.Subscriber, unix(l.PeriodStart), unix(l.PeriodEnd), unix(now), status, string(arts), string(stories), l.Message)
		return err
	})
}

// Pending returns the letters still to send, oldest first.
func (s *Store) Pending(ctx context.Context) ([]Letter, error) {
	return s.letters(ctx, `WHERE status = ? ORDER BY created_at, key`, LetterPending)
}

// Letters returns every letter of one status (for reports), newest first, at most limit.
func (s *Store) Letters(ctx context.Context, status string, limit int) ([]Letter, error) {
	return s.letters(ctx, `WHERE status = ? ORDER BY created_at DESC, key LIMIT ?`, status, limit)
}

func (s *Store) letters(ctx context.Context, where string, args ...any) ([]Letter, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT key, subscriber, period_start, period_end, created_at, status, attempts,
		last_error, sent_at, articles, stories, message FROM outbox `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: read outbox: %w", err)
	}
	defer rows.Close()
	var out []Letter
	for rows.Next() {
		var l Letter
		var ps, pe, ca int64
		var sent sql.NullInt64
		var arts, stories string
		if err := rows.Scan(&l.Key, &l.Subscriber, &ps, &pe, &ca, &l.Status, &l.Attempts, &l.LastError, &sent, &arts, &stories, &l.Message); err != nil {
			return nil, fmt.Errorf("store: read outbox: %w", err)
		}
		l.PeriodStart, l.PeriodEnd, l.CreatedAt = fromUnix(ps), fromUnix(pe), fromUnix(ca)
		if sent.Valid {
			l.SentAt = fromUnix(sent.Int64)
		}
		if err := json.Unmarshal([]byte(arts), &l.Articles); err != nil {
			return nil, fmt.Errorf("store: letter %s: articles: %w", l.Key, err)
		}
		if err := json.Unmarshal([]byte(stories), &l.Stories); err != nil {
			return nil, fmt.Errorf("store: letter %s: stories: %w", l.Key, err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// MarkSent records, in one transaction, that the server accepted the letter: the letter is sent,
// its articles are delivered to its subscriber, and the subscriber's last delivery moves on.
// A letter that is no longer pending is left alone (it returns false).
func (s *Store) MarkSent(ctx context.Context, key string, now time.Time) (bool, error) {
	done := false
	err := s.tx(ctx, "mark "+key+" sent", func(tx *sql.Tx) error {
		var sub, arts, stories string
		var end int64
		err := tx.QueryRowContext(ctx, `SELECT subscriber, articles, stories, period_end FROM outbox WHERE key = ? AND status = ?`,
			key, LetterPending).Scan(&sub, &arts, &stories, &end)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		var ids, storyIDs []string
		if err := json.Unmarshal([]byte(arts), &ids); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(stories), &storyIDs); err != nil {
			return err
		}
		for _, id := range storyIDs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO story_readers(story_id, subscriber) VALUES (?, ?) ON CONFLICT DO NOTHING`, id, sub); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET status = ?, sent_at = ?, attempts = attempts + 1, last_error = '' WHERE key = ?`,
			LetterSent, unix(now), key); err != nil {
			return err
		}
		st, err := tx.PrepareContext(ctx, `INSERT INTO deliveries(article_id, subscriber, letter, delivered_at) VALUES (?, ?, ?, ?)
			ON CONFLICT(article_id, subscriber) DO NOTHING`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, id := range ids {
			if _, err := st.ExecContext(ctx, id, sub, key, unix(now)); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO subscribers(email, status, updated_at, last_delivery) VALUES (?, ?, ?, ?)
			ON CONFLICT(email) DO UPDATE SET last_delivery = max(COALESCE(subscribers.last_delivery, 0), excluded.last_delivery)`,
			sub, SubscriberActive, unix(now), end); err != nil {
			return err
		}
		done = true
		return nil
	})
	return done, err
}

// MarkAttempt records a failed attempt. A permanent failure ends the letter and flags its
// subscriber as rejected; a temporary one leaves it pending for the next run.
func (s *Store) MarkAttempt(ctx context.Context, key string, cause error, permanent bool, now time.Time) error {
	return s.tx(ctx, "mark "+key+" failed", func(tx *sql.Tx) error {
		status := LetterPending
		if permanent {
			status = LetterFailed
		}
		msg := ""
		if cause != nil {
			msg = cause.Error()
		}
		var sub string
		err := tx.QueryRowContext(ctx, `UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ? WHERE key = ? AND status = ? RETURNING subscriber`,
			status, msg, key, LetterPending).Scan(&sub)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil || !permanent {
			return err
		}
		if _, err = tx.ExecContext(ctx, `INSERT INTO subscribers(email, status, reason, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT(email) DO UPDATE SET status = excluded.status, reason = excluded.reason, updated_at = excluded.updated_at`,
			sub, SubscriberRejected, msg, unix(now)); err != nil {
			return err
		}
		return cancelPending(ctx, tx, sub, "subscriber "+SubscriberRejected)
	})
}

// supersede marks the subscriber's pending letters that l covers as superseded.
func supersede(ctx context.Context, tx *sql.Tx, l Letter) error {
	rows, err := tx.QueryContext(ctx, `SELECT key, articles FROM outbox WHERE subscriber = ? AND status = ?`, l.Subscriber, LetterPending)
	if err != nil {
		return err
	}
	covered := make(map[string]bool, len(l.Articles))
	for _, id := range l.Articles {
		covered[id] = true
	}
	var keys []string
	for rows.Next() {
		var key, arts string
		if err := rows.Scan(&key, &arts); err != nil {
			rows.Close()
			return err
		}
		var ids []string
		if err := json.Unmarshal([]byte(arts), &ids); err != nil {
			rows.Close()
			return fmt.Errorf("letter %s: %w", key, err)
		}
		all := true
		for _, id := range ids {
			all = all && covered[id]
		}
		if all {
			keys = append(keys, key)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, k := range keys {
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET status = ? WHERE key = ?`, LetterSuperseded, k); err != nil {
			return err
		}
	}
	return nil
}

// CancelPending cancels an address's pending letters (it left the configuration): they are never
// sent, even should the address come back.
func (s *Store) CancelPending(ctx context.Context, email, reason string) error {
	return s.tx(ctx, "cancel letters to "+email, func(tx *sql.Tx) error {
		return cancelPending(ctx, tx, strings.ToLower(email), reason)
	})
}

func cancelPending(ctx context.Context, tx *sql.Tx, email, reason string) error {
	_, err := tx.ExecContext(ctx, `UPDATE outbox SET status = ?, last_error = ? WHERE subscriber = ? AND status = ?`,
		LetterCancelled, reason, email, LetterPending)
	return err
}

func orEmpty(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}
