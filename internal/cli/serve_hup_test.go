//go:build unix

package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeReloadsUsersOnSIGHUP: a running `shoulder serve --users` reads
// the users file again on SIGHUP, even a change its size and time do not
// show.
func TestServeReloadsUsersOnSIGHUP(t *testing.T) {
	dir := t.TempDir()
	h, err := bcrypt.GenerateFromPassword([]byte("a long enough password"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	users := filepath.Join(dir, "users")
	if err := os.WriteFile(users, []byte("dave:"+string(h)+"::\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(users)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var errb syncBuffer
	app := &App{Stdout: io.Discard, Stderr: &errb, Stdin: strings.NewReader(""),
		IsTTY: func(io.Writer) bool { return false }, Getenv: withDataDir(t, func(string) string { return "" })}
	done := make(chan int, 1)
	go func() {
		done <- app.Run(ctx, []string{"serve", "--listen", "127.0.0.1:0", "--users", users, "--store", filepath.Join(dir, "s.db")})
	}()
	wait := func(what string) {
		t.Helper()
		for deadline := time.Now().Add(time.Minute); !strings.Contains(errb.String(), what); {
			if time.Now().After(deadline) {
				t.Fatalf("no %q in stderr:\n%s", what, errb.String())
			}
			select {
			case code := <-done:
				t.Fatalf("serve ended with %d:\n%s", code, errb.String())
			case <-time.After(10 * time.Millisecond):
			}
		}
	}
	wait("Ctrl-C stops") // listening: SIGHUP is handled from here on
	if err := os.WriteFile(users, []byte("erin:"+string(h)+"::\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(users, time.Time{}, fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	wait("read again: 1 user(s); sessions ended for 1 removed or changed")
	cancel()
	if code := <-done; code != ExitOK {
		t.Errorf("serve ended with %d:\n%s", code, errb.String())
	}
}
