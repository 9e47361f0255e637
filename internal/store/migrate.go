package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// The migrations: migrations/<backend>/NNNN_name.sql, applied in order, each
// in the one transaction that also records the new version in
// shoulder_schema. Both backends have the same numbers; a migration is never
// edited once released, a change is a new file. The runner:
//
//  1. takes the backend's migration lock (a transaction that holds SQLite's
//     write lock from its start; a session advisory lock on PostgreSQL), so
//     two processes starting at once migrate one after the other and the
//     second finds nothing to do;
//  2. reads the version (0 for a new store) and refuses a store newer than
//     the newest migration this binary embeds, naming both versions;
//  3. applies each newer migration and records its number.
//
//go:embed migrations
var migrationFS embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists the backend's embedded migrations in order.
func migrations(kind string) ([]migration, error) {
	dir := path.Join("migrations", kind)
	entries, err := fs.ReadDir(migrationFS, dir)
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migration %s: name is not NNNN_name.sql", e.Name())
		}
		b, err := fs.ReadFile(migrationFS, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: want number %d", m.name, i+1)
		}
	}
	return out, nil
}

// SchemaVersion is the newest schema this binary knows.
func SchemaVersion() int {
	ms, err := migrations("sqlite")
	if err != nil {
		return 0
	}
	return len(ms)
}

// ErrTooNew is wrapped by the error of a store whose schema is newer than
// this binary's.
var ErrTooNew = fmt.Errorf("store schema is newer than this shoulder")

func (s *Store) runMigrations(ctx context.Context) error {
	ms, err := migrations(s.d.kind())
	if err != nil {
		return s.wrap("migrations", err)
	}
	err = s.d.migrate(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS shoulder_schema (version INTEGER NOT NULL)`); err != nil {
			return err
		}
		var cur int
		var v sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT MAX(version) FROM shoulder_schema`).Scan(&v); err != nil {
			return err
		}
		cur = int(v.Int64)
		if cur > len(ms) {
			return fmt.Errorf("%w: the store has schema version %d, this shoulder knows up to version %d; upgrade shoulder", ErrTooNew, cur, len(ms))
		}
		for _, m := range ms[cur:] {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO shoulder_schema (version) VALUES (?)`), m.version); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
		}
		s.version = max(cur, len(ms))
		return nil
	})
	return s.wrap("migrate", err)
}
