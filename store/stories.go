package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Story is a story reported in a digest, remembered so that a later digest can tell an update
// from a new story.
type Story struct {
	ID        string
	Headline  string
	Signature []byte // the story package's signature, encoded by the caller
	Reported  time.Time
}

// RecordStories remembers reported stories; a story reported again keeps its id and gets the
// newer signature.
func (s *Store) RecordStories(ctx context.Context, stories []Story) error {
	return s.tx(ctx, "record stories", func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `INSERT INTO stories(id, headline, signature, reported_at) VALUES (?, ?, ?, ?)
			ON CONFLICT(id) DO UPDATE SET headline = excluded.headline, signature = excluded.signature, reported_at = excluded.reported_at`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, x := range stories {
			if _, err := st.ExecContext(ctx, x.ID, x.Headline, x.Signature, unix(x.Reported)); err != nil {
				return fmt.Errorf("story %s: %w", x.ID, err)
			}
		}
		return nil
	})
}

// StoriesSince returns the stories reported at or after since, oldest first.
func (s *Store) StoriesSince(ctx context.Context, since time.Time) ([]Story, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, headline, signature, reported_at FROM stories WHERE reported_at >= ? ORDER BY reported_at, id`, unix(since))
	if err != nil {
		return nil, fmt.Errorf("store: stories: %w", err)
	}
	defer rows.Close()
	var out []Story
	for rows.Next() {
		var x Story
		var at int64
		if err := rows.Scan(&x.ID, &x.Headline, &x.Signature, &at); err != nil {
			return nil, fmt.Errorf("store: stories: %w", err)
		}
		x.Reported = fromUnix(at)
		out = append(out, x)
	}
	return out, rows.Err()
}
