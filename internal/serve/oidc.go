package serve

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
	"gopkg.in/yaml.v3"
)

// OpenID Connect login (docs/serve.md, "OpenID Connect"): the authorization
// code flow with state, nonce and PKCE (S256). The ID token's groups claim
// decides what the user sees, through the access file.

// Access maps OIDC groups to grants (the --access file). A user sees the
// union of their groups' grants; a user none of whose groups has an entry
// is refused.
type Access struct {
	// Claim is the ID token claim that lists the groups ("groups").
	Claim  string
	groups map[string]Grant
}

// accessFile is the --access file's YAML.
type accessFile struct {
	// Claim names the groups claim (default "groups").
	Claim  string                 `yaml:"claim"`
	Groups map[string]accessEntry `yaml:"groups"`
}

type accessEntry struct {
	All      bool     `yaml:"all"`
	Accounts []string `yaml:"accounts"`
	OUs      []string `yaml:"ous"`
}

// ParseAccess reads the access file at path.
func ParseAccess(path string) (*Access, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read the access file: %w", err)
	}
	return parseAccess(path, b)
}

func parseAccess(path string, b []byte) (*Access, error) {
	var f accessFile
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(f.Groups) == 0 {
		return nil, fmt.Errorf("%s: no groups: map each group to all: true, accounts: [...] or ous: [...]", path)
	}
	a := &Access{Claim: f.Claim, groups: map[string]Grant{}}
	if a.Claim == "" {
		a.Claim = "groups"
	}
	for name, e := range f.Groups {
		g := Grant{All: e.All, Accounts: append([]string(nil), e.Accounts...)}
		if e.All && (len(e.Accounts) > 0 || len(e.OUs) > 0) {
			return nil, fmt.Errorf("%s: group %q: all: true sees every account; drop its accounts and ous", path, name)
		}
		if !e.All && len(e.Accounts) == 0 && len(e.OUs) == 0 {
			return nil, fmt.Errorf("%s: group %q sees nothing: give all: true, accounts or ous (or leave the group out)", path, name)
		}
		for _, id := range e.Accounts {
			if !validAccount(id) {
				return nil, fmt.Errorf("%s: group %q: account %q is not an account ID", path, name, id)
			}
		}
		for _, o := range e.OUs {
			if !ouRE.MatchString(o) {
				return nil, fmt.Errorf("%s: group %q: OU path %q is not valid", path, name, o)
			}
			g.OUs = append(g.OUs, normOU(o))
		}
		a.groups[name] = g
	}
	return a, nil
}

// grant is the union of groups' grants; ok is false when no group has an
// entry.
func (a *Access) grant(groups []string) (Grant, bool) {
	var g Grant
	ok := false
	for _, name := range groups {
		e, found := a.groups[name]
		if !found {
			continue
		}
		ok = true
		g.All = g.All || e.All
		g.Accounts = append(g.Accounts, e.Accounts...)
		g.OUs = append(g.OUs, e.OUs...)
	}
	if g.All {
		g.Accounts, g.OUs = nil, nil
	}
	sort.Strings(g.Accounts)
	sort.Strings(g.OUs)
	return g, ok
}

// OIDC is a configured OpenID Connect login.
type OIDC struct {
	conf     oauth2.Config
	verifier *oidc.IDTokenVerifier
	access   *Access
	client   *http.Client
	flows    *flows
}

// OIDCConfig is what NewOIDC needs.
type OIDCConfig struct {
	Issuer, ClientID, ClientSecret string
	// PublicURL is the server's address as users reach it; the redirect
	// URI is PublicURL/login/callback (register it with the provider).
	PublicURL string
	Access    *Access
	// Client is the HTTP client that reaches the provider (nil: the
	// default); Now is the clock (nil: time.Now).
	Client *http.Client
	Now    func() time.Time
}

// NewOIDC discovers the issuer's endpoints and keys (its
// /.well-known/openid-configuration).
func NewOIDC(ctx context.Context, c OIDCConfig) (*OIDC, error) {
	switch {
	case c.Issuer == "":
		return nil, errors.New("--oidc-issuer: no issuer URL")
	case c.ClientID == "" || c.ClientSecret == "":
		return nil, errors.New("OpenID Connect needs SHOULDER_OIDC_CLIENT_ID and SHOULDER_OIDC_CLIENT_SECRET in the environment")
	case c.PublicURL == "":
		return nil, errors.New("OpenID Connect needs --public-url (the redirect URI is PUBLIC_URL/login/callback)")
	case c.Access == nil:
		return nil, errors.New("OpenID Connect needs --access FILE (which groups see which accounts)")
	}
	if c.Client == nil {
		c.Client = &http.Client{Timeout: 30 * time.Second}
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	pctx := oidc.ClientContext(ctx, c.Client)
	p, err := oidc.NewProvider(pctx, c.Issuer)
	if err != nil {
		return nil, fmt.Errorf("--oidc-issuer %s: discovery: %w", c.Issuer, err)
	}
	o := &OIDC{
		conf: oauth2.Config{ClientID: c.ClientID, ClientSecret: c.ClientSecret, Endpoint: p.Endpoint(),
			RedirectURL: strings.TrimSuffix(c.PublicURL, "/") + "/login/callback",
			Scopes:      []string{oidc.ScopeOpenID, "profile", "email", c.Access.Claim}},
		verifier: p.VerifierContext(pctx, &oidc.Config{ClientID: c.ClientID, Now: c.Now}),
		access:   c.Access,
		client:   c.Client,
		flows:    &flows{byState: map[string]*flow{}, max: maxFlows, ttl: flowTTL, now: c.Now},
	}
	return o, nil
}

// Bounds on pending logins.
const (
	maxFlows = 10_000
	flowTTL  = 10 * time.Minute
)

// flow is a login sent to the provider and not back yet.
type flow struct {
	nonce, verifier, next string
	browser               [32]byte // SHA-256 of the flow cookie that started it
	started               time.Time
}

// flows holds pending logins by state: single use, at most max, expiring.
type flows struct {
	mu      sync.Mutex
	byState map[string]*flow
	max     int
	ttl     time.Duration
	now     func() time.Time
}

func (fs *flows) add(state string, f *flow) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if len(fs.byState) >= fs.max {
		var oldest string
		for k, v := range fs.byState {
			if fs.now().Sub(v.started) >= fs.ttl {
				delete(fs.byState, k)
			} else if oldest == "" || v.started.Before(fs.byState[oldest].started) {
				oldest = k
			}
		}
		if len(fs.byState) >= fs.max {
			delete(fs.byState, oldest)
		}
	}
	fs.byState[state] = f
}

// take removes and returns the live flow of state.
func (fs *flows) take(state string) (*flow, bool) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	f := fs.byState[state]
	delete(fs.byState, state)
	if f == nil || fs.now().Sub(f.started) >= fs.ttl {
		return nil, false
	}
	return f, true
}

func (a *authState) flowCookie() string { return a.cookieName() + "-oidc" }

// oidcStart sends the browser to the provider: POST (with the login
// form's CSRF token) so no other site can start a login in its name.
func (s *Server) oidcStart(w http.ResponseWriter, r *http.Request) {
	a := s.auth
	if a == nil || a.OIDC == nil {
		s.fail(w, http.StatusNotFound, "no single sign-on on this server")
		return
	}
	if !s.checkLoginForm(w, r) {
		return
	}
	o := a.OIDC
	state, nonce, verifier, bind := randomID(), randomID(), oauth2.GenerateVerifier(), randomID()
	o.flows.add(state, &flow{nonce: nonce, verifier: verifier, next: localNext(r.PostForm.Get("next")),
		browser: sha256.Sum256([]byte(bind)), started: a.Now()})
	// Lax, not Strict: the provider's redirect back is a cross-site
	// navigation, on which a Strict cookie is not sent.
	http.SetCookie(w, &http.Cookie{Name: a.flowCookie(), Value: bind, Path: "/login/callback", MaxAge: int(flowTTL.Seconds()),
		HttpOnly: true, Secure: a.secure, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, o.conf.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)), http.StatusSeeOther)
}

// oidcCallback finishes the login the provider sends back: the state must
// name a pending flow of this browser, the code is exchanged with the PKCE
// verifier, the ID token verified (signature, issuer, audience, expiry) and
// its nonce matched, and the groups claim must grant something.
func (s *Server) oidcCallback(w http.ResponseWriter, r *http.Request) {
	a := s.auth
	if a == nil || a.OIDC == nil {
		s.fail(w, http.StatusNotFound, "no single sign-on on this server")
		return
	}
	o := a.OIDC
	q := r.URL.Query()
	f, ok := o.flows.take(q.Get("state"))
	c, err := r.Cookie(a.flowCookie())
	if !ok || err != nil || sha256.Sum256([]byte(c.Value)) != f.browser {
		s.fail(w, http.StatusBadRequest, "this login is unknown or expired (bad state): log in again")
		return
	}
	http.SetCookie(w, &http.Cookie{Name: a.flowCookie(), Value: "", Path: "/login/callback", MaxAge: -1,
		HttpOnly: true, Secure: a.secure, SameSite: http.SameSiteLaxMode})
	if e := q.Get("error"); e != "" {
		s.showLogin(w, r, http.StatusUnauthorized, "The identity provider refused the login: "+e+".")
		return
	}
	ctx := oidc.ClientContext(r.Context(), o.client)
	tok, err := o.conf.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(f.verifier))
	if err != nil {
		s.logf("shoulder serve: OIDC code exchange: %v", err)
		s.showLogin(w, r, http.StatusUnauthorized, "The login could not be completed (code exchange failed).")
		return
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		s.showLogin(w, r, http.StatusUnauthorized, "The identity provider sent no ID token.")
		return
	}
	idt, err := o.verifier.Verify(ctx, raw)
	if err != nil {
		s.logf("shoulder serve: OIDC ID token refused: %v", err)
		s.showLogin(w, r, http.StatusUnauthorized, "The identity provider's ID token was refused.")
		return
	}
	if idt.Nonce == "" || idt.Nonce != f.nonce {
		s.logf("shoulder serve: OIDC ID token refused: nonce mismatch")
		s.showLogin(w, r, http.StatusUnauthorized, "The identity provider's ID token was refused.")
		return
	}
	var claims map[string]any
	if err := idt.Claims(&claims); err != nil {
		s.showLogin(w, r, http.StatusUnauthorized, "The identity provider's ID token was refused.")
		return
	}
	user := idt.Subject
	if e, ok := claims["email"].(string); ok && e != "" {
		user = e
	}
	groups := stringList(claims[o.access.Claim])
	g, ok := o.access.grant(groups)
	if !ok {
		s.logf("shoulder serve: OIDC login of %s refused: none of the groups %v has an entry in the access file", user, groups)
		s.fail(w, http.StatusForbidden, "you are logged in at your identity provider, but none of your groups may see this dashboard; ask its administrator")
		return
	}
	s.startSession(w, r, user, false, g, f.next, true)
}

// stringList reads a claim that is a list of strings (or one string).
func stringList(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
