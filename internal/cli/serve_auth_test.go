package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runStdin(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	app := &App{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(stdin),
		IsTTY: func(io.Writer) bool { return false }, Getenv: withDataDir(t, func(string) string { return "" })}
	code := app.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

// TestServeAddUser: adduser reads the password from a pipe, refuses short
// ones, and writes a 0600 users file that serve --users accepts; a
// malformed users file stops serve with exit 2 and its file:line.
func TestServeAddUser(t *testing.T) {
	dir := t.TempDir()
	users := filepath.Join(dir, "users")
	for _, tc := range []struct {
		name, stdin string
		args        []string
		code        int
		stderr      string
	}{
		{"short password", "short\n", []string{"alice"}, ExitError, "at least 12"},
		{"no password", "", []string{"alice"}, ExitError, "no password on standard input"},
		{"bad account", "a long enough password\n", []string{"alice", "--accounts", "1;DROP"}, ExitError, "not an account ID"},
		{"no file", "a long enough password\n", []string{"alice", "--users", ""}, ExitError, "needs --users"},
		{"ok", "a long enough password\n", []string{"alice", "--accounts", "111111111111", "--ous", "Root/Prod"}, ExitOK, "user alice saved"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"serve", "adduser", "--users", users}, tc.args...)
			code, _, stderr := runStdin(t, tc.stdin, args...)
			if code != tc.code || !strings.Contains(stderr, tc.stderr) {
				t.Errorf("exit %d, stderr %q; want %d, %q", code, stderr, tc.code, tc.stderr)
			}
		})
	}
	fi, err := os.Stat(users)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("users file mode %v", fi.Mode().Perm())
	}
	b, _ := os.ReadFile(users)
	if !strings.Contains(string(b), "alice:$2") || !strings.Contains(string(b), ":111111111111:Root/Prod") || strings.Contains(string(b), "long enough") {
		t.Errorf("users file:\n%s", b)
	}

	bad := filepath.Join(dir, "bad")
	os.WriteFile(bad, []byte("# users\nalice:notahash::\n"), 0o600)
	db := filepath.Join(dir, "s.db")
	code, _, stderr := run(t, "serve", "--listen", "0.0.0.0:0", "--users", bad, "--store", db)
	if code != ExitError || !strings.Contains(stderr, bad+":2:") {
		t.Errorf("malformed users file: exit %d, stderr %q", code, stderr)
	}
	empty := filepath.Join(dir, "empty")
	os.WriteFile(empty, []byte("# nobody\n"), 0o600)
	if code, _, stderr := run(t, "serve", "--users", empty, "--store", db); code != ExitError || !strings.Contains(stderr, "no user") {
		t.Errorf("empty users file: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := run(t, "serve", "--users", users, "--tls-cert", "c.pem", "--store", db); code != ExitError || !strings.Contains(stderr, "--tls-key") {
		t.Errorf("--tls-cert alone: exit %d, stderr %q", code, stderr)
	}
	access := filepath.Join(dir, "access.yaml")
	os.WriteFile(access, []byte("groups:\n  secops: {all: true}\n"), 0o600)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--oidc-issuer", "https://login.example.com"}, "needs --access"},
		{[]string{"--access", access}, "needs --oidc-issuer"},
		{[]string{"--oidc-issuer", "https://login.example.com", "--access", bad}, "--access: " + bad},
		{[]string{"--oidc-issuer", "https://login.example.com", "--access", access, "--public-url", "https://s.example.com"}, "SHOULDER_OIDC_CLIENT_ID"},
	} {
		code, _, stderr := run(t, append([]string{"serve", "--listen", "0.0.0.0:0", "--store", db}, tc.args...)...)
		if code != ExitError || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2, %q", tc.args, code, stderr, tc.want)
		}
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("the store was opened before the refusal (%v)", err)
	}
}
