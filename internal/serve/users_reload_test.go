package serve_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/shoulder-dev/shoulder/internal/serve"
)

// TestUsersFileReload: `serve --users FILE` follows the file without a
// restart. A user added by adduser logs in; a removed user's session ends
// at its next request and the user cannot log in; a user whose grant
// changed logs in again; the others keep their sessions. A malformed
// version is logged once with FILE:LINE and the last good one served. A
// change the file's size and time do not show is read on ReloadUsers
// (SIGHUP).
func TestUsersFileReload(t *testing.T) {
	st := ouStore(t)
	h, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "users")
	write := func(lines ...string) { // NAME:ACCOUNTS:OUS, through a rename as adduser does
		t.Helper()
		var b strings.Builder
		for _, l := range lines {
			name, rest, _ := strings.Cut(l, ":")
			fmt.Fprintf(&b, "%s:%s:%s\n", name, h, rest)
		}
		tmp := path + ".new"
		if err := os.WriteFile(tmp, []byte(b.String()), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, path); err != nil {
			t.Fatal(err)
		}
	}
	write("alice::", "carol::", "dave::")
	users, err := serve.ParseUsers(path)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var logged strings.Builder
	s, err := serve.New(st, "test", func(f string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(&logged, f+"\n", args...)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Configure(serve.Auth{Users: users}); err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, s)
	log := func() string { mu.Lock(); defer mu.Unlock(); return logged.String() }
	in := func(name string) *browser {
		t.Helper()
		b := newBrowser(t, ts)
		if res := b.login(name, password); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s cannot log in: %d", name, res.StatusCode)
		}
		return b
	}
	loggedIn := func(b *browser) bool {
		t.Helper()
		res, _ := b.get("/findings")
		return res.StatusCode == http.StatusOK
	}
	canLogIn := func(name string) bool {
		t.Helper()
		return newBrowser(t, ts).login(name, password).StatusCode == http.StatusSeeOther
	}
	alice, carol, dave := in("alice"), in("carol"), in("dave")

	// adduser while the server runs.
	if canLogIn("bob") {
		t.Fatal("bob logs in before adduser")
	}
	if err := serve.AddUser(path, "bob", password, nil, nil); err != nil {
		t.Fatal(err)
	}
	bob := in("bob")

	// alice removed, carol limited to one account.
	lines, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, l := range strings.Split(strings.TrimSpace(string(lines)), "\n") {
		if name, _, _ := strings.Cut(l, ":"); name == "alice" || name == "carol" {
			continue
		}
		kept = append(kept, l)
	}
	hash := func(name string) string { // the line's hash, for a rewrite that keeps it
		for _, l := range strings.Split(string(lines), "\n") {
			if f := strings.Split(l, ":"); len(f) == 4 && f[0] == name {
				return f[1]
			}
		}
		t.Fatalf("%s not in the file", name)
		return ""
	}
	kept = append(kept, "carol:"+hash("carol")+":"+prodAcct+":")
	if err := os.WriteFile(path, []byte(strings.Join(kept, "\n")+"\n"), 0o600); err != nil { // in place this time
		t.Fatal(err)
	}
	if loggedIn(alice) {
		t.Error("a removed user's session still serves pages")
	}
	if canLogIn("alice") {
		t.Error("a removed user logs in")
	}
	if loggedIn(carol) {
		t.Error("a session outlived its user's grant change")
	}
	carol = in("carol")
	if res, _ := carol.get("/accounts/" + devAcct); res.StatusCode != http.StatusNotFound {
		t.Errorf("carol's new grant is not applied: %d for another account", res.StatusCode)
	}
	if !loggedIn(bob) || !loggedIn(dave) {
		t.Error("an unchanged user's session ended")
	}

	// A malformed version: logged once with its line, the last good one served.
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(append([]byte(nil), good...), "not a user line\n"...), 0o600); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if !loggedIn(bob) {
			t.Fatal("a malformed users file ended a session")
		}
	}
	if !canLogIn("dave") || canLogIn("alice") {
		t.Error("a malformed users file is not served as its last good version")
	}
	where := fmt.Sprintf("%s:%d:", path, strings.Count(string(good), "\n")+1)
	if n := strings.Count(log(), where); n != 1 {
		t.Errorf("the malformed file logged %d times with %q, want once:\n%s", n, where, log())
	}

	// A change neither the size nor the time shows (a rewrite in place,
	// its time set back): read on ReloadUsers, as on SIGHUP.
	if err := os.WriteFile(path, good, 0o600); err != nil {
		t.Fatal(err)
	}
	if !loggedIn(dave) {
		t.Fatal("dave's session ended")
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	swapped := strings.Replace(string(good), "dave:", "erin:", 1)
	if err := os.WriteFile(path, []byte(swapped), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, time.Time{}, fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	if !loggedIn(dave) || canLogIn("erin") {
		t.Fatal("the rewrite was noticed without ReloadUsers: this test cannot tell what ReloadUsers does")
	}
	s.ReloadUsers()
	if loggedIn(dave) || canLogIn("dave") || !canLogIn("erin") {
		t.Error("ReloadUsers did not read the file again")
	}
}

// newTestServer serves s's handler on loopback until the test ends.
func newTestServer(t *testing.T, s *serve.Server) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts
}
