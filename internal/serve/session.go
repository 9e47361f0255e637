package serve

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"sync"
	"time"
)

// session is one logged-in viewer, held on the server; the browser holds
// only its random ID.
type session struct {
	user string
	// fromFile: a users-file login (its user's sessions end when the file
	// removes or changes the user), else single sign-on.
	fromFile bool
	grant    Grant
	created  time.Time
	seen     time.Time
	csrf     string // the logout form's token
}

// sessions holds the live sessions by the SHA-256 of their ID (a memory
// dump shows no usable cookie), at most max of them: when full, expired
// sessions go first, then the least recently seen.
type sessions struct {
	mu       sync.Mutex
	byHash   map[[32]byte]*session
	idle     time.Duration
	absolute time.Duration
	max      int
	now      func() time.Time
}

func newSessions(idle, absolute time.Duration, max int, now func() time.Time) *sessions {
	return &sessions{byHash: map[[32]byte]*session{}, idle: idle, absolute: absolute, max: max, now: now}
}

// randomID is 256 random bits, URL-safe.
func randomID() string {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("crypto/rand failed: " + err.Error()) // never returns an error on supported systems
	}
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// create starts a session for user with a fresh ID (a login never reuses
// an ID the browser had before) and returns the ID.
func (ss *sessions) create(user string, fromFile bool, g Grant) (string, *session) {
	id := randomID()
	now := ss.now()
	s := &session{user: user, fromFile: fromFile, grant: g, created: now, seen: now, csrf: randomID()}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	ss.capUser(s)
	if len(ss.byHash) >= ss.max {
		ss.evict(now)
	}
	ss.byHash[sha256.Sum256([]byte(id))] = s
	return id, s
}

// get returns the live session of id and marks it seen; an expired one is
// destroyed.
func (ss *sessions) get(id string) (*session, bool) {
	if id == "" {
		return nil, false
	}
	k := sha256.Sum256([]byte(id))
	now := ss.now()
	ss.mu.Lock()
	defer ss.mu.Unlock()
	s := ss.byHash[k]
	if s == nil {
		return nil, false
	}
	if ss.expired(s, now) {
		delete(ss.byHash, k)
		return nil, false
	}
	s.seen = now
	return s, true
}

// destroy ends the session of id.
func (ss *sessions) destroy(id string) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	delete(ss.byHash, sha256.Sum256([]byte(id)))
}

// maxPerUser is how many sessions one user holds at once: a new login
// past it ends the user's oldest session, so a user (or a stolen password
// logging in again and again) cannot fill the server's sessions.
const maxPerUser = 10

// capUser ends the oldest sessions of s's user until one more fits under
// maxPerUser; mu held. A users-file user and a single sign-on user of the
// same name are different users.
func (ss *sessions) capUser(s *session) {
	for {
		n := 0
		var oldest [32]byte
		var at time.Time
		for k, o := range ss.byHash {
			if o.user != s.user || o.fromFile != s.fromFile {
				continue
			}
			n++
			if n == 1 || o.created.Before(at) {
				oldest, at = k, o.created
			}
		}
		if n < maxPerUser {
			return
		}
		delete(ss.byHash, oldest)
	}
}

// endUsers ends every session of the users-file users named.
func (ss *sessions) endUsers(names []string) {
	gone := map[string]bool{}
	for _, n := range names {
		gone[n] = true
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	for k, s := range ss.byHash {
		if s.fromFile && gone[s.user] {
			delete(ss.byHash, k)
		}
	}
}

func (ss *sessions) expired(s *session, now time.Time) bool {
	return !now.Before(s.seen.Add(ss.idle)) || !now.Before(s.created.Add(ss.absolute))
}

// evict drops expired sessions, or else the least recently seen; mu held.
func (ss *sessions) evict(now time.Time) {
	var oldest [32]byte
	var at time.Time
	found := false
	for k, s := range ss.byHash {
		if ss.expired(s, now) {
			delete(ss.byHash, k)
			continue
		}
		if !found || s.seen.Before(at) {
			oldest, at, found = k, s.seen, true
		}
	}
	if len(ss.byHash) >= ss.max && found {
		delete(ss.byHash, oldest)
	}
}

func (ss *sessions) size() int {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return len(ss.byHash)
}
