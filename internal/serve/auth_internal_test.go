package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// clock is a test clock the tests move.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func TestThrottle(t *testing.T) {
	c := &clock{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	th := newThrottle(3, time.Minute, 4, c.now)
	for i := 0; i < 3; i++ {
		if b, _ := th.blocked("a"); b {
			t.Fatalf("blocked after %d failures", i)
		}
		th.fail("a")
	}
	if b, until := th.blocked("a"); !b || !until.Equal(c.t.Add(time.Minute)) {
		t.Fatalf("not blocked after 3 failures (until %v)", until)
	}
	if b, _ := th.blocked("b"); b {
		t.Error("another key is blocked")
	}
	c.t = c.t.Add(time.Minute)
	if b, _ := th.blocked("a"); b {
		t.Error("still blocked after the window")
	}
	th.fail("a")
	th.succeed("a")
	if th.size() != 0 {
		t.Errorf("succeed kept the key (%d keys)", th.size())
	}
	// A flood of keys: memory stays bounded, the newest are counted.
	for i := 0; i < 100; i++ {
		c.t = c.t.Add(time.Millisecond)
		th.fail(fmt.Sprint("k", i))
	}
	if th.size() > 4 {
		t.Errorf("%d keys held, bound 4", th.size())
	}
	for i := 0; i < 3; i++ {
		th.fail("k99")
	}
	if b, _ := th.blocked("k99"); !b {
		t.Error("the newest key was evicted")
	}
}

func TestSessions(t *testing.T) {
	c := &clock{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	ss := newSessions(30*time.Minute, 2*time.Hour, 3, c.now)
	id, _ := ss.create("alice", false, Grant{All: true})
	if len(id) != 43 { // 32 bytes, base64url without padding
		t.Errorf("session ID %q is not 256 bits", id)
	}
	if id2, _ := ss.create("alice", false, Grant{All: true}); id2 == id {
		t.Error("two sessions share an ID")
	}
	for _, step := range []struct {
		after time.Duration
		alive bool
	}{{29 * time.Minute, true}, {29 * time.Minute, true}, {29 * time.Minute, true}, {29 * time.Minute, true}, {5 * time.Minute, false}} {
		c.t = c.t.Add(step.after)
		if _, ok := ss.get(id); ok != step.alive {
			t.Fatalf("at +%v: alive %v, want %v (absolute 2h)", step.after, ok, step.alive)
		}
	}
	id, _ = ss.create("bob", false, Grant{})
	c.t = c.t.Add(30 * time.Minute)
	if _, ok := ss.get(id); ok {
		t.Error("alive after the idle timeout")
	}
	id, _ = ss.create("carol", false, Grant{})
	ss.destroy(id)
	if _, ok := ss.get(id); ok {
		t.Error("alive after destroy")
	}
	if _, ok := ss.get(""); ok {
		t.Error("an empty ID has a session")
	}
	for i := 0; i < 10; i++ {
		c.t = c.t.Add(time.Second)
		ss.create("many", false, Grant{})
	}
	if ss.size() > 3 {
		t.Errorf("%d sessions held, bound 3", ss.size())
	}
}

func TestParseUsers(t *testing.T) {
	h, err := bcrypt.GenerateFromPassword([]byte("correct horse battery"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	hash := string(h)
	for _, tc := range []struct {
		name, text string
		err        string // "" = parses
		want       []Grant
	}{
		{"all", "# c\n\nalice:" + hash + "::\n", "", []Grant{{All: true}}},
		{"accounts and OUs", "bob:" + hash + ":111111111111,222222222222:Workloads/Prod, Root/Sandbox/\n", "",
			[]Grant{{Accounts: []string{"111111111111", "222222222222"}, OUs: []string{"Root/Sandbox", "Root/Workloads/Prod"}}}},
		{"three fields", "alice:" + hash + ":\n", "users:1: want NAME:BCRYPT_HASH:ACCOUNTS:OUS", nil},
		{"bad name", "\nal ice:" + hash + "::\n", "users:2: user name", nil},
		{"not bcrypt", "alice:plaintext::\n", "users:1: user alice: the password hash is not a bcrypt hash", nil},
		{"bad account", "alice:" + hash + ":12<script>:\n", "users:1: user alice: account", nil},
		{"duplicate", "alice:" + hash + "::\n#\nalice:" + hash + "::\n", "users:3: user \"alice\" again (first on line 1)", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, err := parseUsers("users", []byte(tc.text))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for i, g := range tc.want {
				if got := u.users[i].Grant; fmt.Sprint(got) != fmt.Sprint(g) {
					t.Errorf("grant %+v, want %+v", got, g)
				}
			}
		})
	}
}

func TestAddUserAndAuthenticate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "users")
	if err := AddUser(path, "alice", "short", nil, nil); err == nil || !strings.Contains(err.Error(), "at least") {
		t.Fatalf("a short password: %v", err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("a refused user created the file")
	}
	if err := AddUser(path, "alice", "alice's long password", nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := AddUser(path, "bob", "bob's long password!", []string{"111111111111"}, []string{"Root/Prod"}); err != nil {
		t.Fatal(err)
	}
	if err := AddUser(path, "alice", "alice's new password", nil, nil); err != nil { // replaces her line
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	b, _ := os.ReadFile(path)
	if strings.Contains(string(b), "password") || strings.Count(string(b), "alice:") != 1 {
		t.Errorf("file:\n%s", b)
	}
	u, err := ParseUsers(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		user, pw string
		ok       bool
	}{
		{"alice", "alice's new password", true},
		{"alice", "alice's long password", false},
		{"bob", "bob's long password!", true},
		{"bob", "alice's new password", false},
		{"nobody", "alice's new password", false},
		{"", "", false},
	} {
		usr, ok := u.Authenticate(tc.user, tc.pw)
		if ok != tc.ok || (ok && usr.Name != tc.user) {
			t.Errorf("Authenticate(%s, %s) = %v, %v", tc.user, tc.pw, usr.Name, ok)
		}
	}
	if usr, _ := u.Authenticate("bob", "bob's long password!"); usr.Grant.All || fmt.Sprint(usr.Grant.OUs) != "[Root/Prod]" {
		t.Errorf("bob's grant %+v", usr.Grant)
	}
	if u.dummy == nil {
		t.Error("no dummy hash for unknown users")
	}
	// A malformed file is left alone.
	os.WriteFile(path, []byte("garbage\n"), 0o600)
	if err := AddUser(path, "carol", "carol's long password", nil, nil); err == nil || !strings.Contains(err.Error(), path+":1") {
		t.Errorf("malformed file: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "garbage\n" {
		t.Errorf("the malformed file was changed: %q", b)
	}
}

func TestUnderOU(t *testing.T) {
	for _, tc := range []struct {
		ou, path string
		want     bool
	}{
		{"Root/Workloads", "Root/Workloads", true},
		{"Root/Workloads", "Root/Workloads/Prod", true},
		{"Root/Workloads", "Root/WorkloadsX", false},
		{"Root/Workloads", "Root/Sandbox/Workloads", false},
		{"Root/Workloads", "", false},
		{normOU("Workloads/"), "Root/Workloads/Dev", true},
		{normOU("Root"), "Root/Anything", true},
	} {
		if got := underOU(tc.ou, tc.path); got != tc.want {
			t.Errorf("underOU(%q, %q) = %v", tc.ou, tc.path, got)
		}
	}
}

func TestLocalNext(t *testing.T) {
	for in, want := range map[string]string{
		"/findings?status=open": "/findings?status=open",
		"":                      "/",
		"//evil.example/":       "/",
		"/\\evil.example":       "/",
		"https://evil.example/": "/",
		"/login?next=/":         "/",
		"/x\r\nSet-Cookie: a=b": "/",
	} {
		if got := localNext(in); got != want {
			t.Errorf("localNext(%q) = %q, want %q", in, got, want)
		}
	}
}

// BenchmarkAuthenticate measures a login's password check at the cost
// adduser writes: a known user with the right or a wrong password, and an
// unknown user (compared against the dummy hash), which should cost the
// same so that timing does not reveal names.
func BenchmarkAuthenticate(b *testing.B) {
	h, err := bcrypt.GenerateFromPassword([]byte("correct horse battery"), bcryptCost)
	if err != nil {
		b.Fatal(err)
	}
	u, err := parseUsers("users", []byte("alice:"+string(h)+"::\n"))
	if err != nil {
		b.Fatal(err)
	}
	u.prepare()
	for _, bc := range []struct{ name, user, pw string }{
		{"known-right", "alice", "correct horse battery"},
		{"known-wrong", "alice", "wrong horse battery"},
		{"unknown", "mallory", "correct horse battery"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				u.Authenticate(bc.user, bc.pw)
			}
		})
	}
}

// TestSessionsPerUser: a user holds at most maxPerUser sessions; a new
// login ends that user's oldest, and no other user's (a single sign-on
// user of the same name is another user).
func TestSessionsPerUser(t *testing.T) {
	c := &clock{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	ss := newSessions(time.Hour, 12*time.Hour, 1000, c.now)
	other, _ := ss.create("bob", true, Grant{All: true})
	sso, _ := ss.create("alice", false, Grant{All: true})
	var ids []string
	for i := 0; i < maxPerUser+3; i++ {
		c.t = c.t.Add(time.Second)
		id, _ := ss.create("alice", true, Grant{All: true})
		ids = append(ids, id)
	}
	for i, id := range ids {
		_, alive := ss.get(id)
		if want := i >= 3; alive != want {
			t.Errorf("alice's session %d of %d: alive %v, want %v", i+1, len(ids), alive, want)
		}
	}
	if _, ok := ss.get(other); !ok {
		t.Error("another user's session ended")
	}
	if _, ok := ss.get(sso); !ok {
		t.Error("the single sign-on user alice lost a session to the users file's alice")
	}
	if n := ss.size(); n != maxPerUser+2 {
		t.Errorf("%d sessions, want %d", n, maxPerUser+2)
	}
}
