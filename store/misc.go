package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Validators are a source's conditional-GET validators.
type Validators struct{ ETag, LastModified string }

// Validators returns what the source last answered with (zero when nothing is stored).
func (s *Store) Validators(ctx context.Context, source string) (Validators, error) {
	var v Validators
	err := s.db.QueryRowContext(ctx, `SELECT etag, last_modified FROM sources WHERE name = ?`, source).Scan(&v.ETag, &v.LastModified)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return v, fmt.Errorf("store: validators of %s: %w", source, err)
	}
	return v, nil
}

// SetValidators stores a source's validators after a run that used what it gathered.
func (s *Store) SetValidators(ctx context.Context, source string, v Validators, now time.Time) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO sources(name, etag, last_modified, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT(name) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, updated_at = excluded.updated_at`,
		source, v.ETag, v.LastModified, unix(now))
	if err != nil {
		return fmt.Errorf("store: validators of %s: %w", source, err)
	}
	return nil
}

// Get reads a cached value (the summary cache).
func (s *Store) Get(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM cache WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("store: cache get: %w", err)
	}
	return v, true, nil
}

// Put stores a cached value.
func (s *Store) Put(ctx context.Context, key, value string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO cache(key, value, created_at) VALUES (?, ?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value, time.Now().UTC().Unix())
	if err != nil {
		return fmt.Errorf("store: cache put: %w", err)
	}
	return nil
}

// Run is one finished run as the store records it.
type Run struct {
	ID         int64
	StartedAt  time.Time
	FinishedAt time.Time
	Kind       string // "run", "preview", "scheduled"
	Status     string // "ok", "nothing new", "failed"
	Report     string // JSON
}

// RecordRun stores a run report.
func (s *Store) RecordRun(ctx context.Context, r Run) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO runs(started_at, finished_at, kind, status, report) VALUES (?, ?, ?, ?, ?)`,
		unix(r.StartedAt), unix(r.FinishedAt), r.Kind, r.Status, r.Report)
	if err != nil {
		return fmt.Errorf("store: record run: %w", err)
	}
	return nil
}

// Runs returns the latest runs, newest first.
func (s *Store) Runs(ctx context.Context, limit int) ([]Run, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, started_at, finished_at, kind, status, report FROM runs ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("store: runs: %w", err)
	}
	defer rows.Close()
	var out []Run
	for rows.Next() {
		var r Run
		var st, fin int64
		if err := rows.Scan(&r.ID, &st, &fin, &r.Kind, &r.Status, &r.Report); err != nil {
			return nil, fmt.Errorf("store: runs: %w", err)
		}
		r.StartedAt, r.FinishedAt = fromUnix(st), fromUnix(fin)
		out = append(out, r)
	}
	return out, rows.Err()
}
