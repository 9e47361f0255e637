package store

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// childEnv makes the test binary record scans until it is killed (see
// TestKilledScanLeavesNothing).
const childEnv = "SHOULDER_STORE_TEST_CHILD"

func TestMain(m *testing.M) {
	if dsn := os.Getenv(childEnv); dsn != "" {
		recordForever(dsn)
		return
	}
	os.Exit(m.Run())
}

// recordForever records scans of killedN new results each (one account per
// scan) until the process is killed.
func recordForever(dsn string) {
	ctx := context.Background()
	s, err := Open(ctx, dsn)
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	for i := 0; ; i++ {
		sc := synthScan(killedN, 1, fmt.Sprint("acct", i))
		fmt.Println("recording", i)
		if _, err := s.Record(ctx, sc); err != nil {
			fmt.Println("record:", err)
			os.Exit(1)
		}
	}
}

const killedN = 30_000

// TestKilledScanLeavesNothing kills a process while it records scans: every
// scan the store shows afterwards is whole (all its results and events), and
// none is half there.
func TestKilledScanLeavesNothing(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			dsn := b.dsn(t)
			open(t, dsn).Close() // migrated before the child starts
			for round, delay := range []time.Duration{150 * time.Millisecond, 700 * time.Millisecond} {
				cmd := exec.Command(os.Args[0], "-test.run=^$")
				cmd.Env = append(os.Environ(), childEnv+"="+dsn)
				out, err := cmd.StdoutPipe()
				if err != nil {
					t.Fatal(err)
				}
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				sc := bufio.NewScanner(out)
				if !sc.Scan() || !strings.HasPrefix(sc.Text(), "recording") {
					cmd.Process.Kill()
					t.Fatalf("child: %q", sc.Text())
				}
				time.Sleep(delay)
				cmd.Process.Kill() // SIGKILL: no cleanup runs
				cmd.Wait()
				s := open(t, dsn)
				scans, err := s.Scans(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				in, err := s.Info(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				var results int64
				for _, r := range scans {
					results += r.Results
					if r.Results != killedN {
						t.Errorf("round %d: scan %d has %d results, want %d", round, r.ID, r.Results, killedN)
					}
				}
				if in.Findings != results || in.Events != results {
					t.Errorf("round %d: %d scans with %d results, but %d findings and %d events: a partial scan is visible",
						round, len(scans), results, in.Findings, in.Events)
				}
				s.Close()
			}
		})
	}
}

// TestSchemaNewerRefused: a store migrated by a newer shoulder is refused,
// naming both versions; reopening a current store migrates nothing.
func TestSchemaNewerRefused(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			dsn := b.dsn(t)
			s := open(t, dsn)
			if s.SchemaVersion() != SchemaVersion() || SchemaVersion() < 1 {
				t.Fatalf("schema version %d, binary %d", s.SchemaVersion(), SchemaVersion())
			}
			s.Close()
			s = open(t, dsn) // idempotent
			var rows int
			if err := s.db.QueryRow(`SELECT COUNT(*) FROM shoulder_schema`).Scan(&rows); err != nil || rows != SchemaVersion() {
				t.Fatalf("%d version rows after reopening (%v), want %d", rows, err, SchemaVersion())
			}
			if _, err := s.db.Exec(s.q(`INSERT INTO shoulder_schema (version) VALUES (?)`), 99); err != nil {
				t.Fatal(err)
			}
			s.Close()
			_, err := Open(context.Background(), dsn)
			if !errors.Is(err, ErrTooNew) {
				t.Fatalf("open = %v, want ErrTooNew", err)
			}
			want := fmt.Sprintf("schema version 99, this shoulder knows up to version %d", SchemaVersion())
			if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), Redact(dsn)) {
				t.Errorf("error %q lacks %q or the store's name", err, want)
			}
		})
	}
}

// TestConcurrentFirstStart: processes that start at once on a new store
// migrate it once between them.
func TestConcurrentFirstStart(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			dsn := b.dsn(t)
			var wg sync.WaitGroup
			errs := make([]error, 6)
			for i := range errs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					s, err := Open(context.Background(), dsn)
					if err == nil {
						s.Close()
					}
					errs[i] = err
				}()
			}
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Errorf("opener %d: %v", i, err)
				}
			}
			s := open(t, dsn)
			var rows int
			if err := s.db.QueryRow(`SELECT COUNT(*) FROM shoulder_schema`).Scan(&rows); err != nil || rows != SchemaVersion() {
				t.Errorf("%d version rows (%v), want %d", rows, err, SchemaVersion())
			}
		})
	}
}

// TestConcurrentScans: two writers on one store (two connections, as two
// processes would) both get recorded, whole.
func TestConcurrentScans(t *testing.T) {
	const n = 5000
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			dsn := b.dsn(t)
			open(t, dsn).Close()
			var wg sync.WaitGroup
			errs := make([]error, 4)
			for i := range errs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					s, err := Open(context.Background(), dsn)
					if err != nil {
						errs[i] = err
						return
					}
					defer s.Close()
					// Writers 0 and 1 share an account: their lifecycles meet.
					_, errs[i] = s.Record(context.Background(), synthScan(n, 1, fmt.Sprint("acct", i/2)))
				}()
			}
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Fatalf("writer %d: %v", i, err)
				}
			}
			s := open(t, dsn)
			in, err := s.Info(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			// Two accounts, n lifecycles each; the second scan of an account
			// changed nothing.
			if in.Scans != 4 || in.Findings != 2*n || in.Events != 2*n {
				t.Errorf("%+v: want 4 scans, %d findings and events", in, 2*n)
			}
		})
	}
}

// TestPrune removes old scans, their events and long-gone findings, and
// keeps what is still present.
func TestPrune(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 1, 1+d, 0, 0, 0, 0, time.UTC) }
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			s := open(t, b.dsn(t))
			ctx := context.Background()
			keep := res("c", "a", "", "keep", "fail", "high")
			goes := res("c", "a", "", "goes", "fail", "high")
			for d := 0; d < 10; d++ {
				sc := &Scan{RecordedAt: day(d), Accounts: []string{"a"}, Checks: []string{"c"}, Results: []Result{keep}}
				if d < 3 {
					sc.Results = append(sc.Results, goes)
				}
				if d == 6 {
					k := keep
					k.Status = "pass"
					sc.Results = []Result{k}
				}
				if _, err := s.Record(ctx, sc); err != nil {
					t.Fatal(err)
				}
			}
			p, err := s.Prune(ctx, day(5))
			if err != nil {
				t.Fatal(err)
			}
			// Scans of days 0-4; events: goes' first (day 0) and gone
			// (day 3); goes itself. keep's first event (day 0) stays: its
			// state when day 5 began, which rebuilding day 5 needs.
			if p != (Pruned{Scans: 5, Events: 2, Findings: 1}) {
				t.Errorf("pruned %+v", p)
			}
			fs, err := s.Findings(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(fs) != 1 || fs[keep.Key].Status != "fail" || fs[keep.Key].LastSeenScan == 0 {
				t.Errorf("after prune: %+v", fs)
			}
			lcs, _ := s.Lifecycles(ctx)
			if len(lcs[keep.Key]) != 3 { // day 0 fail (the state at day 5), day 6 pass, day 7 fail again
				t.Errorf("kept events %+v", lcs[keep.Key])
			}
			in, _ := s.Info(ctx)
			if in.Scans != 5 || in.Oldest != day(5) {
				t.Errorf("info after prune %+v", in)
			}
		})
	}
}

// TestRedact: a PostgreSQL URL is named without its password.
func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://u:secret@h:5432/db?sslmode=disable": "postgres://u:xxxxx@h:5432/db?sslmode=disable",
		"postgresql://h/db":                             "postgresql://h/db",
		"/tmp/x.db":                                     "/tmp/x.db",
		"sqlite:/tmp/x.db":                              "/tmp/x.db",
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
	err := newError("postgres://u:xxxxx@h/db", "secret", "connect", errors.New("auth for secret failed"))
	if strings.Contains(err.Error(), "secret") {
		t.Errorf("password in %q", err)
	}
}

// TestSQLitePathWithURICharacters: a data directory whose name holds
// characters an SQLite URI gives a meaning ('#' a fragment, '%' an escape)
// is the store's directory, not cut short: the file is where it was asked
// to be, 0600, and a second open finds the same store.
func TestSQLitePathWithURICharacters(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "team#1 100%")
	path := filepath.Join(dir, "shoulder.db")
	for i := 0; i < 2; i++ {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		if _, err := s.Record(ctx, synthScan(3, 1, "acct")); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatalf("the store is not at %s: %v", path, err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "team")); err == nil {
		t.Errorf("a store was created at the path cut at '#'")
	}
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	in, err := s.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if in.Scans != 2 {
		t.Errorf("%d scans in the store, want the 2 recorded", in.Scans)
	}
}

// TestRecordingStoreIsNotMapped: a SQLite store opened for recording
// (ForRecording) reads its file through SQLite's page cache, so the
// pages a recording touches do not pile up in the process's resident
// set; a store opened for reading (the dashboard) maps it. Every pooled
// connection has the setting.
func TestRecordingStoreIsNotMapped(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		opts []Option
		want int64
	}{
		{"reader", nil, 268435456},
		{"recorder", []Option{ForRecording()}, 0},
	} {
		s, err := Open(ctx, filepath.Join(dir, "s.db"), tc.opts...)
		if err != nil {
			t.Fatal(err)
		}
		// Several connections at once: each is opened with the pragma.
		conns := make([]*sql.Conn, 3)
		for i := range conns {
			c, err := s.db.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			conns[i] = c
			var got int64
			if err := c.QueryRowContext(ctx, `PRAGMA mmap_size`).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("%s: connection %d maps %d bytes, want %d", tc.name, i, got, tc.want)
			}
		}
		for _, c := range conns {
			c.Close()
		}
		s.Close()
	}
}

// TestPruneAccountContext: a prune removes the account context rows and
// the finished runs' shard rows that no kept scan refers to, and every
// kept scan still finds the context it found before, on every backend.
func TestPruneAccountContext(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 1, 1+d, 0, 0, 0, 0, time.UTC) }
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			s := open(t, b.dsn(t))
			ctx := context.Background()
			// Account a changes on days 0, 2 and 7; b on days 0 and 1 and
			// is scanned until day 3; c is scanned every day, unchanged.
			usage := map[string]map[int]string{"a": {0: "a0", 2: "a2", 7: "a7"}, "b": {0: "b0", 1: "b1"}, "c": {0: "c0"}}
			cur := map[string]string{}
			var ids []int64
			for d := 0; d < 10; d++ {
				accts := []string{"a", "c"}
				if d <= 3 {
					accts = append(accts, "b")
				}
				sc := &Scan{RecordedAt: day(d), Accounts: accts, Checks: []string{"x"}, RunID: fmt.Sprint("run", d), Shard: 0, Shards: 1}
				for _, a := range accts {
					if u, ok := usage[a][d]; ok {
						cur[a] = u
					}
					sc.Contexts = append(sc.Contexts, AccountContext{Account: a, Usage: cur[a], DataMap: map[string]string{}})
				}
				id, err := s.Record(ctx, sc)
				if err != nil {
					t.Fatal(err)
				}
				if err := s.FinishShard(ctx, sc.RunID, 0, 1, day(d)); err != nil {
					t.Fatal(err)
				}
				ids = append(ids, id)
			}
			before := map[[2]string]string{}
			for d := 5; d < 10; d++ {
				for _, a := range []string{"a", "c"} {
					c, ok, err := s.ContextAt(ctx, a, ids[d])
					if err != nil || !ok {
						t.Fatalf("day %d %s: %v %v", d, a, ok, err)
					}
					before[[2]string{fmt.Sprint(d), a}] = c.Usage
				}
			}
			p, err := s.Prune(ctx, day(5))
			if err != nil {
				t.Fatal(err)
			}
			// a0 (a2 is the state on day 5), b0 and b1 (b is in no kept scan); a2, a7 and c0 stay.
			// Runs of days 0-4 lost their scans.
			if p.Contexts != 3 || p.Shards != 5 || p.Scans != 5 {
				t.Errorf("pruned %+v, want 3 contexts, 5 shard rows and 5 scans", p)
			}
			for k, want := range before {
				d := 0
				fmt.Sscan(k[0], &d)
				c, ok, err := s.ContextAt(ctx, k[1], ids[d])
				if err != nil || !ok || c.Usage != want {
					t.Errorf("day %d account %s after prune: %q %v %v, want %q", d, k[1], c.Usage, ok, err, want)
				}
			}
			var rows int
			if err := s.db.QueryRow(`SELECT COUNT(*) FROM account_context`).Scan(&rows); err != nil || rows != 3 {
				t.Errorf("%d context rows left (%v), want 3", rows, err)
			}
			if _, err := s.Run(ctx, "run4"); !errors.Is(err, ErrNoRun) {
				t.Errorf("the run of day 4 after prune: %v, want ErrNoRun", err)
			}
			if st, err := s.Run(ctx, "run5"); err != nil || !st.Complete() {
				t.Errorf("the run of day 5 after prune: %+v %v, want complete", st, err)
			}
		})
	}
}
