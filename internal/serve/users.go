package serve

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

// The users file (docs/serve.md, "Users file") holds one user a line:
//
//	NAME:BCRYPT_HASH:ACCOUNTS:OUS
//
// ACCOUNTS and OUS are comma-separated lists (either may be empty; both
// empty means every account). OUs are OU paths as the store records them
// ("Root/Workloads/Prod"): an OU covers its own accounts and its
// descendants'. Blank lines and lines starting with # are ignored.
// `shoulder serve adduser` writes it; it is mode 0600.

// MinPassword is the shortest password adduser accepts.
const MinPassword = 12

// maxPassword is bcrypt's limit: it ignores bytes past 72.
const maxPassword = 72

// bcryptCost is the hashing cost of new passwords.
const bcryptCost = 12

var (
	userRE = regexp.MustCompile(`^[A-Za-z0-9._@+-]{1,64}$`)
	ouRE   = regexp.MustCompile(`^[^,:\s/][^,:]{0,511}$`)
)

// Grant is what a viewer may see: every account, or the accounts and OUs
// named.
type Grant struct {
	All      bool
	Accounts []string
	OUs      []string
}

// User is one users-file entry.
type User struct {
	Name  string
	Hash  []byte
	Grant Grant
	line  int
}

// Users is a parsed users file.
type Users struct {
	path  string
	users []User
	byKey map[string]int
	dummy []byte
}

// ParseUsers reads the users file at path; an error names path:line.
func ParseUsers(path string) (*Users, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read the users file: %w", err)
	}
	u, err := parseUsers(path, b)
	if err != nil {
		return nil, err
	}
	u.prepare()
	return u, nil
}

func parseUsers(path string, b []byte) (*Users, error) {
	u := &Users{path: path, byKey: map[string]int{}}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		usr, err := parseUserLine(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		if first, dup := u.byKey[usr.Name]; dup {
			return nil, fmt.Errorf("%s:%d: user %q again (first on line %d)", path, n, usr.Name, u.users[first].line)
		}
		usr.line = n
		u.byKey[usr.Name] = len(u.users)
		u.users = append(u.users, usr)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", path, n+1, err)
	}
	return u, nil
}

func parseUserLine(line string) (User, error) {
	parts := strings.Split(line, ":")
	if len(parts) != 4 {
		return User{}, fmt.Errorf("want NAME:BCRYPT_HASH:ACCOUNTS:OUS (4 fields separated by ':'), got %d fields", len(parts))
	}
	usr := User{Name: parts[0], Hash: []byte(parts[1])}
	if !userRE.MatchString(usr.Name) {
		return User{}, fmt.Errorf("user name %q: want 1-64 letters, digits or . _ @ + -", usr.Name)
	}
	if _, err := bcrypt.Cost(usr.Hash); err != nil {
		return User{}, fmt.Errorf("user %s: the password hash is not a bcrypt hash (write it with shoulder serve adduser): %w", usr.Name, err)
	}
	var err error
	if usr.Grant.Accounts, err = list(parts[2], "account", validAccount); err != nil {
		return User{}, fmt.Errorf("user %s: %w", usr.Name, err)
	}
	if usr.Grant.OUs, err = list(parts[3], "OU path", func(s string) bool { return ouRE.MatchString(s) }); err != nil {
		return User{}, fmt.Errorf("user %s: %w", usr.Name, err)
	}
	for i, o := range usr.Grant.OUs {
		usr.Grant.OUs[i] = normOU(o)
	}
	usr.Grant.All = len(usr.Grant.Accounts) == 0 && len(usr.Grant.OUs) == 0
	return usr, nil
}

// list splits a comma-separated field, validating each value.
func list(s, what string, ok func(string) bool) ([]string, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var out []string
	for _, v := range strings.Split(s, ",") {
		v = strings.TrimSpace(v)
		if !ok(v) {
			return nil, fmt.Errorf("%s %q is not valid", what, v)
		}
		out = append(out, v)
	}
	sort.Strings(out)
	return out, nil
}

// normOU writes an OU path as the store does: "Root/A/B", no trailing
// slash; a path given without its root ("A/B") is under Root.
func normOU(p string) string {
	p = strings.Trim(strings.TrimSpace(p), "/")
	if p != "Root" && !strings.HasPrefix(p, "Root/") {
		p = "Root/" + p
	}
	return p
}

// underOU reports whether an account at OU path acct is in ou or one of
// its descendants. Paths compare exactly, segment by segment: an OU named
// like another one elsewhere in the tree does not match.
func underOU(ou, acct string) bool {
	return acct != "" && (acct == ou || strings.HasPrefix(acct, ou+"/"))
}

// Len is the number of users.
func (u *Users) Len() int { return len(u.users) }

// Authenticate checks name and password. An unknown name costs the same
// bcrypt comparison as a known one (against a dummy hash of the file's
// highest cost), so the time taken does not tell which names exist.
func (u *Users) Authenticate(name, password string) (User, bool) {
	i, known := u.byKey[name]
	hash := u.dummy
	if known {
		hash = u.users[i].Hash
	}
	err := bcrypt.CompareHashAndPassword(hash, []byte(password))
	if err != nil || !known {
		return User{}, false
	}
	return u.users[i], true
}

// prepare computes the dummy hash, before the server shares u.
func (u *Users) prepare() {
	if u.dummy != nil {
		return
	}
	u.dummy, _ = bcrypt.GenerateFromPassword([]byte(randomID()), u.highestCost())
}

// highestCost is the highest bcrypt cost of u's hashes (at least
// bcrypt's minimum): the dummy hash's.
func (u *Users) highestCost() int {
	cost := bcrypt.MinCost
	for _, usr := range u.users {
		if c := costOf(usr.Hash); c > cost {
			cost = c
		}
	}
	return cost
}

// costOf is a bcrypt hash's cost (-1 for none).
func costOf(hash []byte) int {
	c, err := bcrypt.Cost(hash)
	if err != nil {
		return -1
	}
	return c
}

// AddUser sets name's password and grant in the users file at path,
// creating it, and rewrites it atomically with mode 0600. An existing
// user's line is replaced. The password must be MinPassword to 72 bytes.
func AddUser(path, name, password string, accounts, ous []string) error {
	if !userRE.MatchString(name) {
		return fmt.Errorf("user name %q: want 1-64 letters, digits or . _ @ + -", name)
	}
	if len(password) < MinPassword {
		return fmt.Errorf("the password is %d characters; it needs at least %d", len(password), MinPassword)
	}
	if len(password) > maxPassword {
		return fmt.Errorf("the password is %d bytes; bcrypt reads at most %d", len(password), maxPassword)
	}
	for _, a := range accounts {
		if !validAccount(a) {
			return fmt.Errorf("account %q is not an account ID", a)
		}
	}
	for _, o := range ous {
		if !ouRE.MatchString(o) {
			return fmt.Errorf("OU path %q: want a path such as Root/Workloads/Prod, without ',' or ':'", o)
		}
	}
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("read the users file: %w", err)
	}
	if _, err := parseUsers(path, old); err != nil {
		return fmt.Errorf("the users file is malformed, so it is left alone: %w", err)
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcryptCost)
	if err != nil {
		return fmt.Errorf("hash the password: %w", err)
	}
	entry := strings.Join([]string{name, string(hash), strings.Join(accounts, ","), strings.Join(ous, ",")}, ":")
	var out []string
	replaced := false
	for _, line := range strings.Split(strings.TrimRight(string(old), "\n"), "\n") {
		if f := strings.SplitN(strings.TrimSpace(line), ":", 2); len(f) == 2 && f[0] == name && !strings.HasPrefix(f[0], "#") {
			line, replaced = entry, true
		}
		if line != "" || len(out) > 0 {
			out = append(out, line)
		}
	}
	if !replaced {
		if len(out) == 0 {
			out = append(out, "# shoulder serve users: NAME:BCRYPT_HASH:ACCOUNTS:OUS (docs/serve.md)")
		}
		out = append(out, entry)
	}
	return writeAtomic(path, []byte(strings.Join(out, "\n")+"\n"))
}

// writeAtomic replaces path with b (mode 0600) through a temporary file in
// the same directory and a rename: a reader sees the old file or the new.
func writeAtomic(path string, b []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".shoulder-users-*")
	if err != nil {
		return fmt.Errorf("write the users file: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // fails harmlessly after the rename
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return fmt.Errorf("write the users file: %w", err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return fmt.Errorf("write the users file: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("write the users file: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write the users file: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write the users file: %w", err)
	}
	return nil
}
