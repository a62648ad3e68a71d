// Package store keeps digestd's state in one SQLite file (modernc.org/sqlite, pure Go): when each
// article was first seen, which articles each subscriber has been delivered, the outbox of rendered
// letters, conditional-GET validators per source, the summary cache, subscriber flags and run reports.
// It knows nothing of how a digest is built; the pipeline asks and records through small methods.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Store is an open state database. It is safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string
}

const schemaVersion = 1

const schema = `
CREATE TABLE IF NOT EXISTS meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
	id         TEXT PRIMARY KEY,
	url        TEXT NOT NULL,
	hash       INTEGER NOT NULL,
	sig        BLOB,
	title      TEXT NOT NULL,
	source     TEXT NOT NULL,
	published  INTEGER,
	first_seen INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_url ON articles(url);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(hash);
CREATE TABLE IF NOT EXISTS deliveries (
	article_id   TEXT NOT NULL,
	subscriber   TEXT NOT NULL,
	letter       TEXT NOT NULL,
	delivered_at INTEGER NOT NULL,
	PRIMARY KEY (article_id, subscriber)
);
CREATE INDEX IF NOT EXISTS deliveries_time ON deliveries(delivered_at);
CREATE TABLE IF NOT EXISTS outbox (
	key          TEXT PRIMARY KEY,
	subscriber   TEXT NOT NULL,
	period_start INTEGER NOT NULL,
	period_end   INTEGER NOT NULL,
	created_at   INTEGER NOT NULL,
	status       TEXT NOT NULL,
	attempts     INTEGER NOT NULL DEFAULT 0,
	last_error   TEXT NOT NULL DEFAULT '',
	sent_at      INTEGER,
	articles     TEXT NOT NULL,
	stories      TEXT NOT NULL DEFAULT '[]',
	message      BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_status ON outbox(status, subscriber);
CREATE TABLE IF NOT EXISTS subscribers (
	email         TEXT PRIMARY KEY,
	status        TEXT NOT NULL,
	reason        TEXT NOT NULL DEFAULT '',
	updated_at    INTEGER NOT NULL,
	last_delivery INTEGER
);
CREATE TABLE IF NOT EXISTS sources (
	name          TEXT PRIMARY KEY,
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	updated_at    INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS cache (
	key        TEXT PRIMARY KEY,
	value      TEXT NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS stories (
	id          TEXT PRIMARY KEY,
	headline    TEXT NOT NULL,
	signature   BLOB NOT NULL,
	reported_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS stories_time ON stories(reported_at);
CREATE TABLE IF NOT EXISTS story_readers (
	story_id   TEXT NOT NULL,
	subscriber TEXT NOT NULL,
	PRIMARY KEY (story_id, subscriber)
);
CREATE TABLE IF NOT EXISTS runs (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	started_at  INTEGER NOT NULL,
	finished_at INTEGER NOT NULL,
	kind        TEXT NOT NULL,
	status      TEXT NOT NULL,
	report      TEXT NOT NULL
);
`

// Open opens (creating when needed) the database at path, with WAL and a busy timeout so that
// a second process waits rather than fails.
func Open(ctx context.Context, path string) (*Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("store: create folder for %s: %w", path, err)
		}
	}
	dsn := (&url.URL{Scheme: "file", Path: path}).String() +
		"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s := &Store{db: db, path: path}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, schema); err != nil {
		return fmt.Errorf("store: create schema in %s: %w", s.path, err)
	}
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'schema'`).Scan(&v)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = s.db.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES ('schema', ?)`, fmt.Sprint(schemaVersion))
		if err != nil {
			return fmt.Errorf("store: record schema version: %w", err)
		}
	case err != nil:
		return fmt.Errorf("store: read schema version: %w", err)
	case v != fmt.Sprint(schemaVersion):
		return fmt.Errorf("store: %s has schema version %s; this digestd knows %d", s.path, v, schemaVersion)
	}
	return nil
}

func unix(t time.Time) int64 { return t.UTC().Unix() }

func fromUnix(v int64) time.Time { return time.Unix(v, 0).UTC() }

func nullTime(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: unix(t), Valid: true}
}

func (s *Store) tx(ctx context.Context, what string, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: %s: begin: %w", what, err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return fmt.Errorf("store: %s: %w", what, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: %s: commit: %w", what, err)
	}
	return nil
}
