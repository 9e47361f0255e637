package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" driver (pure Go, no cgo)
)

// sqliteDialect is the embedded backend. Every transaction begins
// IMMEDIATE (the DSN's _txlock), so it holds the file's write lock from its
// start: migrations and recordings of several processes run one after the
// other, each waiting up to the busy timeout.
type sqliteDialect struct{ path string }

func (sqliteDialect) kind() string           { return "sqlite" }
func (sqliteDialect) rebind(q string) string { return q }

func (sqliteDialect) migrate(ctx context.Context, db *sql.DB, fn func(tx *sql.Tx) error) error {
	return inTx(ctx, db, fn)
}

func (sqliteDialect) lockWriters(context.Context, *sql.Tx) error { return nil }

// sqliteMmap is how much of the file a reading connection maps.
const sqliteMmap = 256 << 20

// writer turns memory mapping off for a recording: it reads every stored
// lifecycle of its accounts once, and mapped, each page it read would stay
// in the process's resident set (a second 50k-resource scan into one store
// peaked at 540 MiB, 330 of them mapped file; bench/RESULTS.md), where
// SQLite's own cache is bounded (cache_size).
// The connection gets back the mapping it had (none in a store opened
// ForRecording, sqliteMmap otherwise).
func (sqliteDialect) writer(ctx context.Context, conn *sql.Conn) (func(), error) {
	var was int64
	if err := conn.QueryRowContext(ctx, `PRAGMA mmap_size`).Scan(&was); err != nil {
		return nil, fmt.Errorf("read memory mapping: %w", err)
	}
	if was == 0 {
		return func() {}, nil
	}
	if _, err := conn.ExecContext(ctx, `PRAGMA mmap_size=0`); err != nil {
		return nil, fmt.Errorf("turn off memory mapping: %w", err)
	}
	return func() { conn.ExecContext(context.Background(), fmt.Sprintf(`PRAGMA mmap_size=%d`, was)) }, nil
}

// sqliteBatch bounds one INSERT's rows; with 20 columns it stays far below
// SQLite's limit of 32766 parameters.
const sqliteBatch = 500

func (sqliteDialect) insert(ctx context.Context, _ *sql.Conn, tx *sql.Tx, table string, cols []string, fixed []fixedCol, rows [][]any) error {
	// The fixed values are written into the statement: binding them for
	// every row cost a fifth of a recording's CPU (BenchmarkRecord).
	all := slices.Clone(cols)
	one := strings.Repeat("?,", len(cols))
	for _, f := range fixed {
		lit, err := f.literal()
		if err != nil {
			return fmt.Errorf("insert into %s: %w", table, err)
		}
		all = append(all, f.name)
		one += lit + ","
	}
	one = "(" + strings.TrimSuffix(one, ",") + ")"
	head := "INSERT INTO " + table + " (" + strings.Join(all, ",") + ") VALUES "
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	args := make([]any, 0, sqliteBatch*len(cols))
	for start := 0; start < len(rows); start += sqliteBatch {
		end := min(start+sqliteBatch, len(rows))
		args = args[:0]
		for _, r := range rows[start:end] {
			args = append(args, r...)
		}
		n := end - start
		if n == sqliteBatch {
			if full == nil {
				var err error
				if full, err = tx.PrepareContext(ctx, head+strings.TrimSuffix(strings.Repeat(one+",", n), ",")); err != nil {
					return fmt.Errorf("insert into %s: %w", table, err)
				}
			}
			if _, err := full.ExecContext(ctx, args...); err != nil {
				return fmt.Errorf("insert into %s: %w", table, err)
			}
			continue
		}
		if _, err := tx.ExecContext(ctx, head+strings.TrimSuffix(strings.Repeat(one+",", n), ","), args...); err != nil {
			return fmt.Errorf("insert into %s: %w", table, err)
		}
	}
	return nil
}

func (sqliteDialect) size(ctx context.Context, db *sql.DB) (int64, error) {
	var pages, pageSize int64
	if err := db.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
		return 0, err
	}
	if err := db.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&pageSize); err != nil {
		return 0, err
	}
	return pages * pageSize, nil
}

func (sqliteDialect) compact(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, `VACUUM`)
	return err
}

// inTx runs fn in a transaction, committed when fn succeeds.
func inTx(ctx context.Context, db *sql.DB, fn func(tx *sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
