package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// TestMain points HOME and XDG_DATA_HOME of this test process at a
// temporary directory, so that nothing the tests run (an App reading
// os.Getenv, a benchmark) can record into the real user's results store;
// the Apps that take their own environment get withDataDir.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "shoulder-cli-home-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	os.Setenv("HOME", dir)
	os.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	os.Unsetenv(storeEnv)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// withDataDir gives a test App's environment its own data directory (unless
// the test names one), so a scan's results store is a temporary file.
func withDataDir(t testing.TB, getenv func(string) string) func(string) string {
	dir := t.TempDir()
	return func(k string) string {
		if v := getenv(k); v != "" {
			return v
		}
		if k == "XDG_DATA_HOME" {
			return dir
		}
		return ""
	}
}

// TestScanRecordsInDataDir: a scan is recorded in the data directory's
// store (0600 in a 0700 directory), every scan adds one, --no-store none.
func TestScanRecordsInDataDir(t *testing.T) {
	data := t.TempDir()
	env := map[string]string{"XDG_DATA_HOME": data}
	db := filepath.Join(data, "shoulder", "shoulder.db")
	if code, _, errb := runEnv(t, env, "scan", "--demo", "--no-store"); code != ExitFindings {
		t.Fatalf("exit %d: %s", code, errb)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Fatalf("--no-store created %s (%v)", db, err)
	}
	for i := 1; i <= 2; i++ {
		if code, _, errb := runEnv(t, env, "scan", "--demo"); code != ExitFindings {
			t.Fatalf("exit %d: %s", code, errb)
		}
		code, out, errb := runEnv(t, env, "store", "info", "--format", "json")
		if code != ExitOK {
			t.Fatalf("store info exit %d: %s", code, errb)
		}
		var info struct {
			Store    string `json:"store"`
			Kind     string `json:"kind"`
			Scans    int    `json:"scans"`
			Findings int    `json:"findings"`
			Events   int    `json:"events"`
			Schema   int    `json:"schema_version"`
			Size     int64  `json:"size_bytes"`
		}
		if err := json.Unmarshal([]byte(out), &info); err != nil {
			t.Fatalf("store info json: %v\n%s", err, out)
		}
		if info.Store != db || info.Kind != "sqlite" || info.Scans != i || info.Schema < 1 || info.Size <= 0 {
			t.Errorf("after %d scans: %+v", i, info)
		}
		// The demo does not change between scans: no new events.
		if info.Findings == 0 || info.Events != info.Findings {
			t.Errorf("after %d scans: %d findings, %d events; want one event per finding", i, info.Findings, info.Events)
		}
	}
	// A scan whose formats could stream is recorded whole: every finding
	// is still there (no "gone" events), and one more scan is counted.
	if code, _, errb := runEnv(t, env, "scan", "--demo", "--format", "json,csv", "-o", t.TempDir()+"/"); code != ExitFindings {
		t.Fatalf("exit %d: %s", code, errb)
	}
	code, out, _ := runEnv(t, env, "store", "info", "--format", "json")
	var after struct {
		Scans    int `json:"scans"`
		Findings int `json:"findings"`
		Events   int `json:"events"`
	}
	if err := json.Unmarshal([]byte(out), &after); code != ExitOK || err != nil {
		t.Fatalf("store info exit %d: %v", code, err)
	}
	if after.Scans != 3 || after.Events != after.Findings {
		t.Errorf("after a json,csv scan: %+v; want 3 scans and no new events", after)
	}
	for path, want := range map[string]os.FileMode{db: 0o600, filepath.Dir(db): 0o700} {
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != want {
			t.Errorf("%s mode %v, want %v", path, st.Mode().Perm(), want)
		}
	}
	code, out, _ = runEnv(t, env, "store", "info")
	if code != ExitOK || !strings.Contains(out, "scans           3") || !strings.Contains(out, db) {
		t.Errorf("store info table (exit %d):\n%s", code, out)
	}
	// SHOULDER_STORE names another store.
	other := filepath.Join(t.TempDir(), "team.db")
	env[storeEnv] = other
	if code, _, errb := runEnv(t, env, "scan", "--demo"); code != ExitFindings {
		t.Fatalf("exit %d: %s", code, errb)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("SHOULDER_STORE ignored: %v", err)
	}
}

// TestStoreBadInput: malformed store flags fail before the scan, exit 2.
func TestStoreBadInput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.json")
	for _, tc := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"scan", "--demo", "--store", "mysql://db/x", "--format", "json", "-o", out}, nil, `unsupported store "mysql://"`},
		{[]string{"scan", "--demo", "--no-store", "--store", "x.db"}, nil, "contradict"},
		{[]string{"scan", "--demo"}, map[string]string{storeEnv: "redis://h"}, storeEnv + `: unsupported store`},
		{[]string{"store", "prune"}, nil, "--older-than is required"},
		{[]string{"store", "prune", "--older-than", "soon"}, nil, "not an age"},
		{[]string{"store", "prune", "--older-than", "-3d"}, nil, "must be positive"},
		{[]string{"store", "info", "--format", "xml"}, nil, "not table or json"},
	} {
		code, _, errb := runEnv(t, tc.env, tc.args...)
		if code != ExitError || !strings.Contains(errb, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errb, tc.want)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused --store still ran the scan: %v", err)
	}
	// No data directory at all: a clear error, not a store somewhere odd.
	var o, e strings.Builder
	app := &App{Stdout: &o, Stderr: &e, Stdin: strings.NewReader(""), IsTTY: func(io.Writer) bool { return false },
		Getenv: func(string) string { return "" }}
	if code := app.Run(context.Background(), []string{"scan", "--demo"}); code != ExitError || !strings.Contains(e.String(), "no data directory") {
		t.Errorf("without HOME or XDG_DATA_HOME: exit %d, %q", code, e.String())
	}
}

// TestStoreFaults: a store that cannot be opened or written fails the
// scan with exit 2 and an error naming the store (never its password), and
// the scan's -o outputs are written all the same.
func TestStoreFaults(t *testing.T) {
	tmp := t.TempDir()
	corrupt := filepath.Join(tmp, "corrupt.db")
	if err := os.WriteFile(corrupt, []byte(strings.Repeat("this is not a database\n", 400)), 0o600); err != nil {
		t.Fatal(err)
	}
	notDir := filepath.Join(tmp, "file")
	if err := os.WriteFile(notDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, dsn, want, secret string
	}{
		{"corrupted SQLite file", corrupt, "not a database", ""},
		{"directory is a file", filepath.Join(notDir, "shoulder.db"), "not a directory", ""},
		// max_page_count caps the file: the schema fits, the demo's results
		// do not, as on a full disk.
		{"disk full", filepath.Join(tmp, "full.db") + "?_pragma=max_page_count(24)", "full", ""},
		{"unreachable PostgreSQL", "postgres://shoulder:s3cr3t-pw@127.0.0.1:1/shoulder?sslmode=disable&connect_timeout=5", "connect", "s3cr3t-pw"},
	}
	if os.Geteuid() != 0 { // root writes into a read-only directory all the same
		ro := filepath.Join(tmp, "readonly")
		if err := os.Mkdir(ro, 0o500); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, struct{ name, dsn, want, secret string }{"read-only directory", filepath.Join(ro, "shoulder.db"), "permission denied", ""})
	}
	if admin := os.Getenv("SHOULDER_TEST_POSTGRES"); admin != "" {
		cases = append(cases, struct{ name, dsn, want, secret string }{"wrong password", wrongPassword(t, admin), "password authentication failed", "wr0ng-pw"})
	} else if os.Getenv("SHOULDER_REQUIRE_POSTGRES") == "1" {
		t.Fatal("SHOULDER_REQUIRE_POSTGRES=1 but SHOULDER_TEST_POSTGRES is not set (see .ci/pg.sh)")
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "results.json")
			code, _, errb := runEnv(t, nil, "scan", "--demo", "--format", "json", "-o", out, "--store", tc.dsn)
			if code != ExitError {
				t.Fatalf("exit %d, want 2: %s", code, errb)
			}
			name := strings.SplitN(tc.dsn, "?", 2)[0]
			if u, err := url.Parse(tc.dsn); err == nil && u.User != nil {
				name = u.Redacted()
			}
			if !strings.Contains(errb, "results store") || !strings.Contains(errb, strings.SplitN(name, "?", 2)[0]) || !strings.Contains(errb, tc.want) {
				t.Errorf("stderr %q: want the store %s named and %q", errb, name, tc.want)
			}
			if tc.secret != "" && strings.Contains(errb, tc.secret) {
				t.Errorf("stderr shows the password: %q", errb)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatalf("-o output not written: %v", err)
			}
			var rep struct {
				Results []json.RawMessage `json:"results"`
			}
			if err := json.Unmarshal(b, &rep); err != nil || len(rep.Results) == 0 {
				t.Errorf("-o output is not the report: %v", err)
			}
		})
	}
}

// wrongPassword creates the role shoulder_pw (scram auth, see .ci/pg.sh)
// and returns a DSN with a wrong password for it.
func wrongPassword(t *testing.T, admin string) string {
	t.Helper()
	cfg, err := pgx.ParseConfig(admin)
	if err != nil {
		t.Fatal(err)
	}
	db := stdlib.OpenDB(*cfg)
	defer db.Close()
	if _, err := db.ExecContext(context.Background(), `DO $$ BEGIN
		IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'shoulder_pw') THEN
			CREATE ROLE shoulder_pw LOGIN PASSWORD 'right-pw';
		END IF; END $$`); err != nil {
		t.Fatalf("create role: %v", err)
	}
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword("shoulder_pw", "wr0ng-pw")
	return u.String()
}
