package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Story is a story reported in a digest, remembered so that a later digest can tell an update
// from a new story.
type Story struct {
	ID        string
	Headline  string
	Signature []byte // the story package's signature, encoded by the caller
	Reported  time.Time
	// Readers are the subscribers (lower case) whose letters carried the story.
	Readers []string
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
		rd, err := tx.PrepareContext(ctx, `INSERT INTO story_readers(story_id, subscriber) VALUES (?, ?) ON CONFLICT DO NOTHING`)
		if err != nil {
			return err
		}
		defer rd.Close()
		for _, x := range stories {
			if _, err := st.ExecContext(ctx, x.ID, x.Headline, x.Signature, unix(x.Reported)); err != nil {
				return fmt.Errorf("story %s: %w", x.ID, err)
			}
			for _, r := range x.Readers {
				if _, err := rd.ExecContext(ctx, x.ID, strings.ToLower(r)); err != nil {
					return fmt.Errorf("story %s: %w", x.ID, err)
				}
			}
		}
		return nil
	})
}

// StoriesSince returns the stories reported at or after since, oldest first.
func (s *Store) StoriesSince(ctx context.Context, since time.Time) ([]Story, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT s.id, s.headline, s.signature, s.reported_at,
			COALESCE((SELECT group_concat(r.subscriber, char(31)) FROM story_readers r WHERE r.story_id = s.id), '')
		FROM stories s WHERE s.reported_at >= ? ORDER BY s.reported_at, s.id`, unix(since))
	if err != nil {
		return nil, fmt.Errorf("store: stories: %w", err)
	}
	defer rows.Close()
	var out []Story
	for rows.Next() {
		var x Story
		var at int64
		var readers string
		if err := rows.Scan(&x.ID, &x.Headline, &x.Signature, &at, &readers); err != nil {
			return nil, fmt.Errorf("store: stories: %w", err)
		}
		x.Reported = fromUnix(at)
		if readers != "" {
			x.Readers = strings.Split(readers, "\x1f")
		}
		out = append(out, x)
	}
	return out, rows.Err()
}
