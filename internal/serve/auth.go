package serve

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Auth configures the dashboard's login (docs/serve.md, "Authentication").
// With Users or OIDC set, every page but /login and /static needs a
// session.
type Auth struct {
	// Users is the users file (nil: none).
	Users *Users
	// OIDC is the OpenID Connect login (nil: none).
	OIDC *OIDC
	// Idle and Absolute end a session (defaults DefaultIdle and
	// DefaultAbsolute).
	Idle, Absolute time.Duration
	// PublicURL is the address users reach the server at (the OIDC
	// redirect base); https there marks cookies Secure (a TLS-terminating
	// reverse proxy).
	PublicURL string
	// TLSCert and TLSKey serve HTTPS (both or neither).
	TLSCert, TLSKey string
	// Now is the clock (nil: time.Now); tests move it.
	Now func() time.Time
}

// Session timeouts by default.
const (
	DefaultIdle     = 30 * time.Minute
	DefaultAbsolute = 12 * time.Hour
)

// Bounds on what the server holds for clients it does not know yet.
const (
	maxSessions     = 10_000
	maxThrottleKeys = 10_000
	userFailures    = 5  // per user name per window
	addrFailures    = 30 // per client address per window (a proxy's clients share one)
	throttleWindow  = 15 * time.Minute
	maxFormBytes    = 8 << 10
)

// authState is a configured Auth with its live sessions and counters.
type authState struct {
	Auth
	on       bool // a login is needed
	secure   bool // cookies are Secure, HSTS is sent
	sessions *sessions
	byUser   *throttle
	byAddr   *throttle
	key      []byte // the CSRF tokens' HMAC key, per process
	origin   *http.CrossOriginProtection
	ous      ouCache
	file     *userFile // the users file as served (nil: none)
}

// Configure sets the server's authentication and transport before it
// serves. It returns an error for an inconsistent configuration.
func (s *Server) Configure(a Auth) error {
	if (a.TLSCert == "") != (a.TLSKey == "") {
		return errors.New("--tls-cert and --tls-key go together")
	}
	if a.Idle == 0 {
		a.Idle = DefaultIdle
	}
	if a.Absolute == 0 {
		a.Absolute = DefaultAbsolute
	}
	if a.Idle < 0 || a.Absolute < 0 {
		return errors.New("session timeouts must be positive")
	}
	if a.Now == nil {
		a.Now = time.Now
	}
	st := &authState{Auth: a, on: a.Users != nil || a.OIDC != nil, secure: a.TLSCert != ""}
	if a.PublicURL != "" {
		u, err := url.Parse(a.PublicURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return fmt.Errorf("--public-url %q: want http(s)://HOST[:PORT][/PATH]", a.PublicURL)
		}
		st.secure = st.secure || u.Scheme == "https"
	}
	st.sessions = newSessions(a.Idle, a.Absolute, maxSessions, a.Now)
	st.byUser = newThrottle(userFailures, throttleWindow, maxThrottleKeys, a.Now)
	st.byAddr = newThrottle(addrFailures, throttleWindow, maxThrottleKeys, a.Now)
	st.key = []byte(randomID())
	st.origin = http.NewCrossOriginProtection()
	if a.PublicURL != "" {
		u, _ := url.Parse(a.PublicURL)
		if err := st.origin.AddTrustedOrigin(u.Scheme + "://" + u.Host); err != nil {
			return fmt.Errorf("--public-url: %w", err)
		}
	}
	if a.Users != nil {
		a.Users.prepare()
		st.file = newUserFile(a.Users)
	}
	on := st.on
	for _, t := range s.pages {
		t.Funcs(template.FuncMap{"authOn": func() bool { return on }})
	}
	s.auth = st
	return nil
}

// LoginNeeded reports whether the server asks for a login.
func (s *Server) LoginNeeded() bool { return s.auth != nil && s.auth.on }

type ctxKey struct{}

// sessionOf is the request's session (nil without authentication).
func sessionOf(r *http.Request) *session {
	s, _ := r.Context().Value(ctxKey{}).(*session)
	return s
}

func (a *authState) cookieName() string {
	if a.secure {
		return "__Host-shoulder" // Secure, Path=/, no Domain: the browser enforces it
	}
	return "shoulder"
}

func (a *authState) preName() string { return a.cookieName() + "-login" }

func (a *authState) cookie(name, value string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge, HttpOnly: true,
		Secure: a.secure, SameSite: http.SameSiteStrictMode}
}

// token is the CSRF token of purpose bound to id (the pre-session or the
// session): an HMAC under the process's key, so it is worthless for any
// other cookie.
func (a *authState) token(purpose, id string) string {
	m := hmac.New(sha256.New, a.key)
	m.Write([]byte(purpose + "\x00" + id))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func (a *authState) validToken(purpose, id, got string) bool {
	return id != "" && hmac.Equal([]byte(a.token(purpose, id)), []byte(got))
}

// gate lets a request through when it has a live session (or needs none:
// the login pages, the stylesheet); a page without one is sent to /login,
// an export answered 401.
func (s *Server) gate(next http.Handler) http.Handler {
	a := s.auth
	if a == nil || !a.on {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch p := r.URL.Path; {
		case p == "/login", p == "/login/oidc", p == "/login/callback", strings.HasPrefix(p, "/static/"):
			next.ServeHTTP(w, r)
			return
		}
		s.users() // a user the file no longer holds has no session from here on
		c, err := r.Cookie(a.cookieName())
		var sess *session
		if err == nil {
			sess, _ = a.sessions.get(c.Value)
		}
		if sess == nil {
			if isExport(r.URL.Path) {
				w.Header().Set("WWW-Authenticate", `Cookie realm="shoulder"`)
				http.Error(w, "log in first: exports need a session (open /login)", http.StatusUnauthorized)
				return
			}
			http.Redirect(w, r, "/login?"+url.Values{"next": {r.URL.RequestURI()}}.Encode(), http.StatusSeeOther)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, sess)))
	})
}

func isExport(path string) bool {
	return strings.HasSuffix(path, ".csv") || strings.HasSuffix(path, ".json")
}

// localNext is where to go after login: a path on this server only (no
// scheme, no host, no "//" or "/\" that a browser reads as a host).
func localNext(next string) string {
	if next == "" || next[0] != '/' || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") ||
		strings.ContainsAny(next, "\r\n\t") || strings.HasPrefix(next, "/login") || strings.HasPrefix(next, "/logout") {
		return "/"
	}
	return next
}

// clientAddr is the address a login attempt came from (the peer: behind a
// reverse proxy, the proxy's).
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// loginView is the login and logout pages' data.
type loginView struct {
	Title    string
	Logout   bool
	User     string
	Password bool // a users file: show the form
	OIDC     bool // show the single sign-on button
	Token    string
	Next     string
	Message  string
}

// loginPage shows the login form, starting a pre-session whose token the
// form carries.
func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	a := s.auth
	if a == nil || !a.on {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.showLogin(w, r, http.StatusOK, "")
}

func (s *Server) showLogin(w http.ResponseWriter, r *http.Request, code int, msg string) {
	a := s.auth
	pre := randomID()
	http.SetCookie(w, a.cookie(a.preName(), pre, 3600))
	s.render(w, code, "login", loginView{Title: "Log in", Password: a.Users != nil, OIDC: a.OIDC != nil,
		Token: a.token("login", pre), Next: localNext(r.FormValue("next")), Message: msg})
}

// checkPost is the CSRF defence of a state-changing request: the browser's
// Sec-Fetch-Site/Origin say it comes from this site, and the form carries
// the token bound to the cookie id.
func (s *Server) checkPost(w http.ResponseWriter, r *http.Request, purpose, id string) bool {
	if err := s.auth.origin.Check(r); err != nil {
		http.Error(w, "cross-origin request refused", http.StatusForbidden)
		return false
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return false
	}
	if !s.auth.validToken(purpose, id, r.PostForm.Get("csrf")) {
		http.Error(w, "the form expired or did not come from this server: reload it", http.StatusForbidden)
		return false
	}
	return true
}

// checkLoginForm checks a POST of the login page's forms (password or
// single sign-on): its CSRF token is bound to the pre-session cookie.
func (s *Server) checkLoginForm(w http.ResponseWriter, r *http.Request) bool {
	pre := ""
	if c, err := r.Cookie(s.auth.preName()); err == nil {
		pre = c.Value
	}
	return s.checkPost(w, r, "login", pre)
}

// login checks a users-file login: CSRF, throttling, then the password.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	a := s.auth
	if a == nil || a.Users == nil {
		s.fail(w, http.StatusNotFound, "no password login on this server")
		return
	}
	if !s.checkLoginForm(w, r) {
		return
	}
	name, password := r.PostForm.Get("user"), r.PostForm.Get("password")
	addr := clientAddr(r)
	blockedU, untilU := a.byUser.blocked("u:" + name)
	blockedA, untilA := a.byAddr.blocked(addr)
	if blockedU || blockedA {
		until := untilU
		if untilA.After(until) {
			until = untilA
		}
		w.Header().Set("Retry-After", fmt.Sprint(int(until.Sub(a.Now()).Seconds())+1))
		s.showLogin(w, r, http.StatusTooManyRequests, "Too many failed logins: try again after "+until.UTC().Format("15:04 UTC")+".")
		return
	}
	usr, ok := s.users().Authenticate(name, password)
	if !ok {
		a.byUser.fail("u:" + name)
		a.byAddr.fail(addr)
		s.logf("shoulder serve: failed login for %q from %s", name, addr)
		s.showLogin(w, r, http.StatusUnauthorized, "Wrong user name or password.")
		return
	}
	a.byUser.succeed("u:" + name)
	s.startSession(w, r, usr.Name, true, usr.Grant, localNext(r.PostForm.Get("next")), false)
}

// startSession ends any session the browser had (the ID is never reused
// across a login), starts a new one (fromFile: a users-file login) and
// sends the browser to next. With viaPage the redirect is a page of its own (after a cross-site redirect
// from an identity provider, a SameSite=Strict cookie is sent only on a
// navigation this site starts).
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, user string, fromFile bool, g Grant, next string, viaPage bool) {
	a := s.auth
	if c, err := r.Cookie(a.cookieName()); err == nil {
		a.sessions.destroy(c.Value)
	}
	id, _ := a.sessions.create(user, fromFile, g)
	http.SetCookie(w, a.cookie(a.cookieName(), id, int(a.Absolute.Seconds())))
	http.SetCookie(w, a.cookie(a.preName(), "", -1))
	s.logf("shoulder serve: %s logged in from %s", user, clientAddr(r))
	if viaPage {
		s.render(w, http.StatusOK, "login", loginView{Title: "Logged in", User: user, Next: next})
		return
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// logoutPage asks to confirm the logout (a POST with the session's token).
func (s *Server) logoutPage(w http.ResponseWriter, r *http.Request) {
	sess := sessionOf(r)
	if sess == nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.render(w, http.StatusOK, "login", loginView{Title: "Log out", Logout: true, User: sess.user, Token: sess.csrf})
}

// logout destroys the session.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	a := s.auth
	sess := sessionOf(r)
	if a == nil || sess == nil {
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	if err := a.origin.Check(r); err != nil {
		http.Error(w, "cross-origin request refused", http.StatusForbidden)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil || !hmac.Equal([]byte(r.PostForm.Get("csrf")), []byte(sess.csrf)) {
		http.Error(w, "the form expired or did not come from this server: reload it", http.StatusForbidden)
		return
	}
	if c, err := r.Cookie(a.cookieName()); err == nil {
		a.sessions.destroy(c.Value)
	}
	http.SetCookie(w, a.cookie(a.cookieName(), "", -1))
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// postAllowed is the state-changing requests the dashboard answers: login
// and logout, when a login is configured.
func (s *Server) postAllowed(r *http.Request) bool {
	if !s.LoginNeeded() || r.Method != http.MethodPost {
		return false
	}
	switch r.URL.Path {
	case "/login", "/logout", "/login/oidc":
		return true
	}
	return false
}

// grantScope is the scope of g: its accounts and the accounts whose
// recorded OU path is under one of its OUs.
func (s *Server) grantScope(r *http.Request, g Grant) Scope {
	if g.All {
		return AllAccounts()
	}
	ids := append([]string(nil), g.Accounts...)
	if len(g.OUs) > 0 {
		paths, err := s.auth.ous.get(r.Context(), s)
		if err != nil {
			// Fail closed: the OUs' accounts are left out.
			s.logf("shoulder serve: resolve OUs: %v", err)
		}
		for acct, p := range paths {
			for _, ou := range g.OUs {
				if underOU(ou, p) {
					ids = append(ids, acct)
					break
				}
			}
		}
	}
	return OnlyAccounts(ids...)
}

// ouCache holds the accounts' OU paths of one store generation.
type ouCache struct {
	mu    sync.Mutex
	gen   string
	paths map[string]string
}

func (c *ouCache) get(ctx context.Context, s *Server) (map[string]string, error) {
	gen, err := s.generation(ctx)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.gen == gen && c.paths != nil {
		p := c.paths
		c.mu.Unlock()
		return p, nil
	}
	c.mu.Unlock()
	p, err := s.st.AccountOUPaths(ctx)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.gen, c.paths = gen, p
	c.mu.Unlock()
	return p, nil
}
