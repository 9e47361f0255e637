// Package store keeps shoulder's results over time: each scan's metadata and
// each finding as a lifecycle keyed by (check, account, region, resource),
// with one event per change, so storage grows with change and not with the
// number of scans (docs/store.md).
//
// One Store type runs the same SQL on two backends: an embedded SQLite file
// (modernc.org/sqlite, pure Go; the default in the user's data directory) and
// PostgreSQL (pgx) for teams. What differs between them (placeholders, the
// lock that serialises writers, bulk inserts, size) is behind the dialect
// interface; everything else, the lifecycle rules above all, is shared.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// Store is an open results store.
type Store struct {
	db      *sql.DB
	d       dialect
	name    string // the store named for humans: a path, or a URL without its password
	secret  string // the password, scrubbed from every error
	version int    // the schema version after migrations
	// recordPage is how many stored lifecycles a recording reads at a
	// time (0: defaultRecordPage; tests make it small).
	recordPage int
}

// dialect is what differs between the backends.
type dialect interface {
	// kind is "sqlite" or "postgres".
	kind() string
	// rebind turns the shared SQL's ? placeholders into the backend's.
	rebind(q string) string
	// migrate runs fn (which applies the pending migrations in tx) while
	// no other process can migrate the same store.
	migrate(ctx context.Context, db *sql.DB, fn func(tx *sql.Tx) error) error
	// lockWriters, inside a recording or pruning transaction, makes other
	// writers wait until it ends.
	lockWriters(ctx context.Context, tx *sql.Tx) error
	// insert adds rows to table in bulk within tx (COPY on PostgreSQL,
	// batched multi-row INSERTs on SQLite): each row holds the values of
	// cols, and every row has the values of fixed besides.
	insert(ctx context.Context, conn *sql.Conn, tx *sql.Tx, table string, cols []string, fixed []fixedCol, rows [][]any) error
	// writer prepares the connection of a recording; restore undoes it
	// before the connection returns to the pool.
	writer(ctx context.Context, conn *sql.Conn) (restore func(), err error)
	// size is the bytes the store's tables take.
	size(ctx context.Context, db *sql.DB) (int64, error)
	// compact returns freed space after a prune.
	compact(ctx context.Context, db *sql.DB) error
}

// IsPostgres reports whether dsn names a PostgreSQL store.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// DefaultPath is the default SQLite store under the data directory:
// $XDG_DATA_HOME/shoulder/shoulder.db, else ~/.local/share/shoulder/shoulder.db
// on Linux and the BSDs, ~/Library/Application Support/shoulder/shoulder.db on
// macOS and %LocalAppData%\shoulder\shoulder.db on Windows. getenv is the
// caller's environment (tests pass their own); it is an error when it names
// no directory, so a store is never created somewhere unexpected.
func DefaultPath(getenv func(string) string) (string, error) {
	if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "shoulder", "shoulder.db"), nil
	}
	switch runtime.GOOS {
	case "windows":
		if d := getenv("LocalAppData"); d != "" {
			return filepath.Join(d, "shoulder", "shoulder.db"), nil
		}
	case "darwin":
		if h := getenv("HOME"); h != "" {
			return filepath.Join(h, "Library", "Application Support", "shoulder", "shoulder.db"), nil
		}
	default:
		if h := getenv("HOME"); h != "" {
			return filepath.Join(h, ".local", "share", "shoulder", "shoulder.db"), nil
		}
	}
	return "", errors.New("no data directory for the results store: set XDG_DATA_HOME or HOME, or pass --store DSN (or --no-store)")
}

// Redact names dsn for humans: a PostgreSQL URL without its password, a
// SQLite path as it is.
func Redact(dsn string) string {
	name, _ := redact(dsn)
	return name
}

func redact(dsn string) (name, secret string) {
	if !IsPostgres(dsn) {
		return strings.TrimPrefix(dsn, "sqlite:"), ""
	}
	u, err := url.Parse(dsn)
	if err != nil {
		// Never echo an unparsable URL: it may hold the password.
		return "postgres://(unparsable URL)", ""
	}
	if p, ok := u.User.Password(); ok {
		secret = p
	}
	return u.Redacted(), secret
}

// Error is a store failure: it names the store (never its password).
type Error struct {
	Store string
	Op    string
	Err   error
	// msg is the message with the password scrubbed.
	msg string
}

func (e *Error) Error() string { return e.msg }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

func (s *Store) wrap(op string, err error) error {
	return newError(s.name, s.secret, op, err)
}

func newError(name, secret, op string, err error) error {
	if err == nil {
		return nil
	}
	var se *Error
	if errors.As(err, &se) {
		return err
	}
	msg := fmt.Sprintf("results store %s: %s: %v", name, op, err)
	if secret != "" {
		msg = strings.ReplaceAll(msg, secret, "xxxxx")
	}
	return &Error{Store: name, Op: op, Err: err, msg: msg}
}

// Open opens (creating and migrating when needed) the store dsn: a
// postgres:// or postgresql:// URL, or a SQLite file path (optionally
// "sqlite:PATH"; a query string after the path passes SQLite options such
// as _pragma=...). A new SQLite file is created with mode 0600 in a
// directory created with mode 0700. A store whose schema is newer than this
// binary's is refused, naming both versions.
func Open(ctx context.Context, dsn string, opts ...Option) (*Store, error) {
	var o openOptions
	for _, opt := range opts {
		opt(&o)
	}
	name, secret := redact(dsn)
	var (
		s   *Store
		err error
	)
	if IsPostgres(dsn) {
		s, err = openPostgres(dsn)
	} else {
		s, err = openSQLite(strings.TrimPrefix(dsn, "sqlite:"), o)
	}
	if err != nil {
		return nil, newError(name, secret, "open", err)
	}
	s.name, s.secret = name, secret
	// Two processes opening a new SQLite store at once can meet a lock
	// SQLite does not wait for (switching the new file to WAL): such a
	// start is retried, for as long as a writer would wait.
	for wait, deadline := 10*time.Millisecond, time.Now().Add(busyWait); ; wait = min(2*wait, time.Second) {
		err := s.db.PingContext(ctx)
		if err != nil {
			err = s.wrap("connect", err)
		} else {
			err = s.runMigrations(ctx)
		}
		if err == nil {
			return s, nil
		}
		if s.d.kind() != "sqlite" || !isBusy(err) || time.Now().Add(wait).After(deadline) {
			s.db.Close()
			return nil, err
		}
		select {
		case <-ctx.Done():
			s.db.Close()
			return nil, err
		case <-time.After(wait):
		}
	}
}

// Option changes how Open opens a store.
type Option func(*openOptions)

type openOptions struct {
	// unmapped: SQLite reads the file, it does not map it.
	unmapped bool
}

// ForRecording opens the store for a process that records scans and
// serves no reads (scan, collect): a SQLite file is read through SQLite's
// bounded page cache instead of being memory-mapped. A mapped file's
// pages count in the process's resident set as the recording touches
// them, up to the 256 MiB map, and an organization run that records
// hundreds of accounts into a store of gigabytes touched all of them
// (bench/RESULTS.md); the dashboard's readers keep the map.
func ForRecording() Option { return func(o *openOptions) { o.unmapped = true } }

// busyWait is how long a writer waits for another (SQLite's busy_timeout)
// and how long a start retries a lock SQLite does not wait for.
const busyWait = 60 * time.Second

// isBusy reports whether err is SQLite's "database is locked".
func isBusy(err error) bool {
	m := err.Error()
	return strings.Contains(m, "SQLITE_BUSY") || strings.Contains(m, "database is locked")
}

// Name is the store as error messages name it (no password).
func (s *Store) Name() string { return s.name }

// Kind is "sqlite" or "postgres".
func (s *Store) Kind() string { return s.d.kind() }

// SchemaVersion is the store's schema version.
func (s *Store) SchemaVersion() int { return s.version }

// Close closes the store.
func (s *Store) Close() error { return s.db.Close() }

func (s *Store) q(query string) string { return s.d.rebind(query) }

// openSQLite opens the file at path (with an optional ?query of driver
// options), creating it 0600 in a 0700 directory.
func openSQLite(spec string, o openOptions) (*Store, error) {
	path, query, _ := strings.Cut(spec, "?")
	if path == "" {
		return nil, errors.New("empty SQLite path")
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("create the store's directory: %w", err)
		}
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("create the store's file: %w", err)
	}
	f.Close()
	opts := url.Values{}
	if query != "" {
		if opts, err = url.ParseQuery(query); err != nil {
			return nil, fmt.Errorf("SQLite options %q: %w", query, err)
		}
	}
	// Writers wait for each other (a scan of 100k results holds the lock
	// for about a second) instead of failing; every transaction takes the
	// write lock when it begins, so two writers never deadlock upgrading.
	opts.Add("_pragma", "busy_timeout(60000)")
	// A new store gets 16 KiB pages (before WAL fixes the size; an
	// existing store keeps its own): a recording writes each page to the
	// WAL and again at the checkpoint, and a quarter of the pages means a
	// quarter of the writes (BenchmarkRecord sqlite/new, bench/RESULTS.md).
	opts.Add("_pragma", "page_size(16384)")
	// The driver runs _journal_mode after every _pragma (those run in
	// lexical order, where journal_mode would come before page_size).
	opts.Set("_journal_mode", "WAL")
	opts.Add("_pragma", "synchronous(NORMAL)")
	// 16 MiB of page cache: a scan's pages beyond it spill to the WAL
	// before it commits. The cache lives outside Go's heap and counts in
	// full in the process's resident set; 64 MiB recorded a 100k-result
	// scan no faster (BenchmarkRecord, CPU 2.6 s against 2.3 s).
	opts.Add("_pragma", "cache_size(-16384)")
	// Readers map the file (the operating system's page cache, shared by
	// every connection, instead of a copy per connection); a recording
	// process does not (ForRecording).
	if o.unmapped {
		opts.Add("_pragma", "mmap_size(0)")
	} else {
		opts.Add("_pragma", fmt.Sprintf("mmap_size(%d)", sqliteMmap))
	}
	opts.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+uriPath(path)+"?"+opts.Encode())
	if err != nil {
		return nil, err
	}
	// WAL lets readers run beside the one writer, but no faster than the
	// cores: a pool sized for them keeps its connections (and their page
	// caches) warm, where one connection per concurrent request (the
	// default: unbounded) makes every new one read the schema and its pages
	// again and the requests contend for the same cores.
	n := max(4, 2*runtime.NumCPU())
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	return &Store{db: db, d: sqliteDialect{path: path}}, nil
}

// uriPath escapes a file path for an SQLite URI filename, where '?' starts
// the options, '#' a fragment and '%' an escape: a data directory named
// "a#b" must not become a store at "a".
func uriPath(path string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
}
