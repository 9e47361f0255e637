package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// The PostgreSQL tests run against the server SHOULDER_TEST_POSTGRES names
// (a superuser DSN; each test gets its own database). .ci/run starts one
// with .ci/pg.sh and sets SHOULDER_REQUIRE_POSTGRES=1, so CI fails rather
// than skips without it.
const (
	pgEnv      = "SHOULDER_TEST_POSTGRES"
	pgRequired = "SHOULDER_REQUIRE_POSTGRES"
	pgHowTo    = "no PostgreSQL: dir=$(mktemp -d); eval \"$(.ci/pg.sh start $dir)\" then rerun (and .ci/pg.sh stop $dir)"
)

// backend opens fresh stores of one kind.
type backend struct {
	name string
	// dsn returns the DSN of a new, empty store.
	dsn func(t *testing.T) string
}

// backends are SQLite always and PostgreSQL when the server is there.
func backends() []backend {
	return []backend{
		{name: "sqlite", dsn: func(t *testing.T) string { return filepath.Join(t.TempDir(), "shoulder.db") }},
		{name: "postgres", dsn: pgDatabase},
	}
}

// pgAdmin is the superuser DSN, failing or skipping the test without one.
func pgAdmin(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(pgEnv)
	if dsn == "" {
		if os.Getenv(pgRequired) == "1" {
			t.Fatalf("%s=1 but %s is not set: %s", pgRequired, pgEnv, pgHowTo)
		}
		t.Skip(pgHowTo)
	}
	return dsn
}

// pgDatabase creates a database for one test, dropped when it ends, and
// returns its DSN.
func pgDatabase(t *testing.T) string { return pgDatabaseTB(t) }

func pgDatabaseTB(t testing.TB) string { return pgDatabaseWith(t, "") }

// icuCollation makes a database whose text order is a language's (ICU
// en-US), not bytes'.
const icuCollation = ` TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'`

// pgDatabaseWith creates a database with the CREATE DATABASE options opts
// for one test, dropped when it ends, and returns its DSN.
func pgDatabaseWith(t testing.TB, opts string) string {
	t.Helper()
	admin := pgAdmin(t)
	db := pgOpen(t, admin)
	var b [6]byte
	rand.Read(b[:])
	name := "shoulder_t_" + hex.EncodeToString(b[:])
	if _, err := db.Exec(`CREATE DATABASE ` + name + opts); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		db.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
		db.Close()
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("%s: %v", pgEnv, err)
	}
	u.Path = "/" + name
	return u.String()
}

func pgOpen(t testing.TB, dsn string) *sql.DB {
	t.Helper()
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		t.Fatalf("%s: %v", pgEnv, err)
	}
	return stdlib.OpenDB(*cfg)
}

func open(t testing.TB, dsn string) *Store {
	t.Helper()
	s, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
