package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Seen is an article as the store remembers it.
type Seen struct {
	ID        string
	URL       string
	Hash      int64  // hash of the normalised text
	Sig       []byte // near-duplicate signature (dedupe.Fingerprint's binary form)
	Title     string
	Source    string
	Published time.Time
}

// FirstSeen returns when each of ids was first recorded; ids never recorded are absent.
func (s *Store) FirstSeen(ctx context.Context, ids []string) (map[string]time.Time, error) {
	out := make(map[string]time.Time, len(ids))
	for chunk := range chunks(ids, 500) {
		q := `SELECT id, first_seen FROM articles WHERE id IN (` + placeholders(len(chunk)) + `)`
		rows, err := s.db.QueryContext(ctx, q, anys(chunk)...)
		if err != nil {
			return nil, fmt.Errorf("store: first seen: %w", err)
		}
		for rows.Next() {
			var id string
			var ts int64
			if err := rows.Scan(&id, &ts); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: first seen: %w", err)
			}
			out[id] = fromUnix(ts)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: first seen: %w", err)
		}
	}
	return out, nil
}

// RecordSeen remembers articles; an article already known keeps its first-seen time, and its
// hash and signature are refreshed unless it was delivered (the delivered text is what later
// copies are compared with: a teaser seen again must not replace it).
func (s *Store) RecordSeen(ctx context.Context, arts []Seen, now time.Time) error {
	return s.tx(ctx, "record seen articles", func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `INSERT INTO articles(id, url, hash, sig, title, source, published, first_seen)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT(id) DO UPDATE SET url = excluded.url, title = excluded.title,
				published = COALESCE(excluded.published, articles.published),
				hash = CASE WHEN EXISTS (SELECT 1 FROM deliveries WHERE article_id = articles.id) THEN articles.hash ELSE excluded.hash END,
				sig = CASE WHEN EXISTS (SELECT 1 FROM deliveries WHERE article_id = articles.id) THEN articles.sig ELSE excluded.sig END`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, a := range arts {
			if _, err := st.ExecContext(ctx, a.ID, a.URL, a.Hash, a.Sig, a.Title, a.Source, nullTime(a.Published), unix(now)); err != nil {
				return fmt.Errorf("article %s: %w", a.ID, err)
			}
		}
		return nil
	})
}

// Delivered is an article that reached at least one subscriber.
type Delivered struct {
	Seen
	// Subscribers are the addresses it was delivered to.
	Subscribers []string
	At          time.Time // the latest delivery
}

// DeliveredSince returns the articles delivered to anyone at or after since, with whom they
// reached: the memory a new digest is checked against.
func (s *Store) DeliveredSince(ctx context.Context, since time.Time) ([]Delivered, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.url, a.hash, a.sig, a.title, a.source, a.published,
			group_concat(d.subscriber, char(31)), max(d.delivered_at)
		FROM deliveries d JOIN articles a ON a.id = d.article_id
		WHERE d.delivered_at >= ?
		GROUP BY a.id ORDER BY a.id`, unix(since))
	if err != nil {
		return nil, fmt.Errorf("store: delivered articles: %w", err)
	}
	defer rows.Close()
	var out []Delivered
	for rows.Next() {
		var d Delivered
		var pub sql.NullInt64
		var subs string
		var at int64
		if err := rows.Scan(&d.ID, &d.URL, &d.Hash, &d.Sig, &d.Title, &d.Source, &pub, &subs, &at); err != nil {
			return nil, fmt.Errorf("store: delivered articles: %w", err)
		}
		if pub.Valid {
			d.Published = fromUnix(pub.Int64)
		}
		d.Subscribers = strings.Split(subs, "\x1f")
		d.At = fromUnix(at)
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: delivered articles: %w", err)
	}
	return out, nil
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func chunks(ss []string, n int) func(func([]string) bool) {
	return func(yield func([]string) bool) {
		for len(ss) > 0 {
			k := min(n, len(ss))
			if !yield(ss[:k]) {
				return
			}
			ss = ss[k:]
		}
	}
}
