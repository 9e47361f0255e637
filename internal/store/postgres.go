package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// postgresDialect is the team backend, through pgx's database/sql driver.
// Migrations hold a session advisory lock; recordings and prunes an
// advisory transaction lock, so writers run one after the other (the
// lifecycle update reads, then writes, the findings of its accounts).
type postgresDialect struct{}

// Advisory lock keys (arbitrary, fixed): one for migrations, one for writers.
const (
	pgMigrateLock = 0x73686f756c6465 // "shoulde"
	pgWriteLock   = 0x73686f756c6466
)

func openPostgres(dsn string) (*Store, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	if cfg.ConnectTimeout == 0 {
		// An unreachable host fails the scan's recording in bounded time
		// (connect_timeout in the URL overrides it).
		cfg.ConnectTimeout = 15 * time.Second
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(4)
	return &Store{db: db, d: postgresDialect{}}, nil
}

func (postgresDialect) kind() string { return "postgres" }

// rebind numbers the ? placeholders ($1, $2, ...); the shared SQL has no ?
// inside string literals.
func (postgresDialect) rebind(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (postgresDialect) migrate(ctx context.Context, db *sql.DB, fn func(tx *sql.Tx) error) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, pgMigrateLock); err != nil {
		return fmt.Errorf("migration lock: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, pgMigrateLock)
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func (postgresDialect) lockWriters(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, pgWriteLock)
	return err
}

// insert COPYs the rows on the transaction's own connection.
func (postgresDialect) insert(ctx context.Context, conn *sql.Conn, _ *sql.Tx, table string, cols []string, fixed []fixedCol, rows [][]any) error {
	if conn == nil {
		return errors.New("postgres insert needs the transaction's connection")
	}
	all := slices.Clone(cols)
	for _, f := range fixed {
		all = append(all, f.name)
	}
	src := &withFixed{rows: rows, fixed: fixed, row: make([]any, 0, len(all)), i: -1}
	return conn.Raw(func(dc any) error {
		pc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		_, err := pc.Conn().CopyFrom(ctx, pgx.Identifier{table}, all, src)
		if err != nil {
			return fmt.Errorf("copy into %s: %w", table, err)
		}
		return nil
	})
}

// withFixed is a COPY source of rows followed by the fixed values (COPY
// takes no expressions). Each row is encoded before the next is asked
// for, so one buffer serves them all.
type withFixed struct {
	rows  [][]any
	fixed []fixedCol
	row   []any
	i     int
}

func (w *withFixed) Next() bool { w.i++; return w.i < len(w.rows) }

func (w *withFixed) Values() ([]any, error) {
	w.row = append(w.row[:0], w.rows[w.i]...)
	for _, f := range w.fixed {
		w.row = append(w.row, f.val)
	}
	return w.row, nil
}

func (w *withFixed) Err() error { return nil }

func (postgresDialect) size(ctx context.Context, db *sql.DB) (int64, error) {
	var n int64
	err := db.QueryRowContext(ctx, `SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::bigint
		FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
		WHERE ns.nspname = current_schema() AND c.relkind = 'r'
		AND c.relname IN ('scans', 'findings', 'finding_events', 'coverage', 'shoulder_schema')`).Scan(&n)
	return n, err
}

func (postgresDialect) writer(context.Context, *sql.Conn) (func(), error) { return func() {}, nil }

func (postgresDialect) compact(context.Context, *sql.DB) error { return nil }
