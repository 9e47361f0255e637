package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeRefusesWithoutAuth: any address but loopback is refused with
// exit 2 and a message naming the missing authentication, before the store
// is opened (none is created).
func TestServeRefusesWithoutAuth(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:8080", ":8080", "[::]:8080", "10.1.2.3:8080", "nonsense"} {
		t.Run(addr, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "s.db")
			code, _, stderr := run(t, "serve", "--listen", addr, "--store", db)
			if code != ExitError {
				t.Fatalf("exit %d, want 2; stderr %s", code, stderr)
			}
			want := "needs authentication"
			if addr == "nonsense" {
				want = "want HOST:PORT"
			}
			if !strings.Contains(stderr, want) || !strings.Contains(stderr, "--listen") {
				t.Errorf("stderr %q lacks %q", stderr, want)
			}
			if _, err := os.Stat(db); !os.IsNotExist(err) {
				t.Errorf("the store was opened before the refusal (%v)", err)
			}
		})
	}
}

// TestServeHelp teaches the loopback rule and how to log in.
func TestServeHelp(t *testing.T) {
	code, out, _ := run(t, "serve", "--help")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	for _, w := range []string{"--listen", "127.0.0.1:8080", "with no\nlogin", "--users", "adduser", "--tls-cert", "--public-url", "--idle-timeout", "SSH port", "--store", "SIGHUP", "in the server's memory only"} {
		if !strings.Contains(out, w) {
			t.Errorf("help lacks %q", w)
		}
	}
}
