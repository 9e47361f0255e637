package serve

import (
	"bytes"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
)

// userFile is the users file as the server serves it: the last good
// version read, read again at the first request after the file changed
// (another file, size or modification time: `shoulder serve adduser`
// replaces it by a rename) or when asked (SIGHUP: Server.ReloadUsers). A
// version that does not parse, holds no user or cannot be read is logged
// (FILE:LINE) and the last good one kept. The sessions of a user the new
// version removes or changes (password or grant) end.
type userFile struct {
	path string
	cur  atomic.Pointer[Users]

	mu   sync.Mutex  // held while the file is checked and read
	seen os.FileInfo // the file as last read, good or not
	bad  string      // the last problem logged, not logged again
}

func newUserFile(u *Users) *userFile {
	f := &userFile{path: u.path}
	f.cur.Store(u)
	f.seen, _ = os.Stat(u.path)
	return f
}

// same reports whether a and b are one version of the file.
func same(a, b os.FileInfo) bool {
	return a != nil && b != nil && os.SameFile(a, b) && a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}

// check reads the file again when it changed since last read (always with
// force) and returns the users now served and the names whose sessions
// must end. logf reports a version that is not served.
func (f *userFile) check(force bool, logf func(string, ...any)) (*Users, []string) {
	fi, statErr := os.Stat(f.path)
	f.mu.Lock()
	defer f.mu.Unlock()
	old := f.cur.Load()
	if !force && statErr == nil && same(fi, f.seen) {
		return old, nil
	}
	problem := func(err error) (*Users, []string) {
		if msg := err.Error(); force || msg != f.bad {
			f.bad = msg
			logf("shoulder serve: %v; still serving the users file as last read (%d user(s))", err, old.Len())
		}
		return old, nil
	}
	if statErr != nil {
		return problem(fmt.Errorf("read the users file: %w", statErr))
	}
	f.seen = fi
	b, err := os.ReadFile(f.path)
	if err != nil {
		return problem(fmt.Errorf("read the users file: %w", err))
	}
	u, err := parseUsers(f.path, b)
	if err != nil {
		return problem(err)
	}
	if u.Len() == 0 {
		return problem(fmt.Errorf("%s: no user in it", f.path))
	}
	if costOf(old.dummy) == u.highestCost() {
		u.dummy = old.dummy // bcrypt at that cost again would only take time
	}
	u.prepare()
	f.cur.Store(u)
	f.bad = ""
	var ended []string
	for _, o := range old.users {
		i, ok := u.byKey[o.Name]
		if !ok || !sameUser(o, u.users[i]) {
			ended = append(ended, o.Name)
		}
	}
	logf("shoulder serve: users file %s read again: %d user(s); sessions ended for %d removed or changed", f.path, u.Len(), len(ended))
	return u, ended
}

// sameUser reports whether a and b have one password and one grant.
func sameUser(a, b User) bool {
	return bytes.Equal(a.Hash, b.Hash) && a.Grant.All == b.Grant.All &&
		fmt.Sprint(a.Grant.Accounts) == fmt.Sprint(b.Grant.Accounts) && fmt.Sprint(a.Grant.OUs) == fmt.Sprint(b.Grant.OUs)
}

// users is the users file as served now, read again first when it changed
// (nil without a users file); the sessions of the users it removed or
// changed end here, before the request is looked at.
func (s *Server) users() *Users {
	a := s.auth
	if a == nil || a.file == nil {
		return nil
	}
	return s.reloadUsers(false)
}

func (s *Server) reloadUsers(force bool) *Users {
	u, ended := s.auth.file.check(force, s.logf)
	if len(ended) > 0 {
		s.auth.sessions.endUsers(ended)
	}
	return u
}

// ReloadUsers reads the users file again now, whether or not it looks
// changed (shoulder serve does on SIGHUP); without a users file it does
// nothing.
func (s *Server) ReloadUsers() {
	if s.auth != nil && s.auth.file != nil {
		s.reloadUsers(true)
	}
}
