package serve_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"

	"github.com/shoulder-dev/shoulder/internal/serve"
)

const (
	clientID     = "shoulder-dashboard"
	clientSecret = "s3cret-for-tests"
)

// provider is an OpenID Connect provider on loopback: discovery, JWKS,
// an authorization endpoint that approves at once, and a token endpoint
// that checks the client, the code, the redirect URI and the PKCE
// verifier before it signs an ID token (RS256, go-jose). claims, when set,
// edits the ID token's claims (a test's bad token).
type provider struct {
	srv    *httptest.Server
	key    *rsa.PrivateKey
	mu     sync.Mutex
	codes  map[string]url.Values // the authorization request of each code
	groups []string
	claims func(map[string]any)
	auth   url.Values // the last authorization request
}

func newProvider(t *testing.T) *provider {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	p := &provider{key: key, codes: map[string]url.Values{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]any{
			"issuer": p.srv.URL, "authorization_endpoint": p.srv.URL + "/authorize",
			"token_endpoint": p.srv.URL + "/token", "jwks_uri": p.srv.URL + "/jwks",
			"response_types_supported": []string{"code"}, "subject_types_supported": []string{"public"},
			"id_token_signing_alg_values_supported": []string{"RS256"},
		})
	})
	mux.HandleFunc("GET /jwks", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &key.PublicKey, KeyID: "k1", Algorithm: "RS256", Use: "sig"}}})
	})
	mux.HandleFunc("GET /authorize", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		p.mu.Lock()
		p.auth = q
		p.mu.Unlock()
		if q.Get("response_type") != "code" || q.Get("client_id") != clientID || q.Get("code_challenge_method") != "S256" ||
			q.Get("code_challenge") == "" || q.Get("state") == "" || q.Get("nonce") == "" {
			http.Error(w, "bad authorization request", http.StatusBadRequest)
			return
		}
		code := base64.RawURLEncoding.EncodeToString(sha256.New().Sum([]byte(q.Get("state"))))[:20]
		p.mu.Lock()
		p.codes[code] = q
		p.mu.Unlock()
		http.Redirect(w, r, q.Get("redirect_uri")+"?"+url.Values{"code": {code}, "state": {q.Get("state")}}.Encode(), http.StatusFound)
	})
	mux.HandleFunc("POST /token", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		id, secret, ok := r.BasicAuth()
		if !ok {
			id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
		}
		p.mu.Lock()
		q := p.codes[r.PostForm.Get("code")]
		delete(p.codes, r.PostForm.Get("code"))
		groups, edit := p.groups, p.claims
		p.mu.Unlock()
		sum := sha256.Sum256([]byte(r.PostForm.Get("code_verifier")))
		if id != clientID || secret != clientSecret || q == nil || r.PostForm.Get("redirect_uri") != q.Get("redirect_uri") ||
			base64.RawURLEncoding.EncodeToString(sum[:]) != q.Get("code_challenge") {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			w.Write([]byte(`{"error":"invalid_grant"}`))
			return
		}
		now := time.Now()
		claims := map[string]any{"iss": p.srv.URL, "sub": "u-1", "aud": clientID, "iat": now.Unix(),
			"exp": now.Add(time.Hour).Unix(), "nonce": q.Get("nonce"), "email": "dana@example.com", "groups": groups}
		if edit != nil {
			edit(claims)
		}
		sig, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: key}, (&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", "k1"))
		if err != nil {
			t.Error(err)
			return
		}
		payload, _ := json.Marshal(claims)
		obj, err := sig.Sign(payload)
		if err != nil {
			t.Error(err)
			return
		}
		raw, _ := obj.CompactSerialize()
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"access_token": "at", "token_type": "Bearer", "expires_in": 3600, "id_token": raw})
	})
	p.srv = httptest.NewServer(mux)
	t.Cleanup(p.srv.Close)
	return p
}

const accessYAML = `# which groups see which accounts
groups:
  secops: {all: true}
  payments:
    accounts: ["%s"]
  sandbox:
    ous: [Sandbox]
`

// oidcServer serves st with OpenID Connect against p.
func oidcServer(t *testing.T, p *provider) *httptest.Server {
	t.Helper()
	st := ouStore(t)
	var h http.Handler
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	t.Cleanup(ts.Close)
	path := filepath.Join(t.TempDir(), "access.yaml")
	os.WriteFile(path, []byte(strings.Replace(accessYAML, "%s", prodAcct, 1)), 0o600)
	access, err := serve.ParseAccess(path)
	if err != nil {
		t.Fatal(err)
	}
	o, err := serve.NewOIDC(context.Background(), serve.OIDCConfig{Issuer: p.srv.URL, ClientID: clientID,
		ClientSecret: clientSecret, PublicURL: ts.URL, Access: access})
	if err != nil {
		t.Fatal(err)
	}
	s, err := serve.New(st, "test", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Configure(serve.Auth{OIDC: o, PublicURL: ts.URL}); err != nil {
		t.Fatal(err)
	}
	h = s.Handler()
	return ts
}

// TestOIDCLogin runs the authorization code flow against the loopback
// provider: a good login (limited by its group, or all), and the refusals:
// wrong audience, expired token, bad nonce, bad state, a flow finished in
// another browser, a group without access.
func TestOIDCLogin(t *testing.T) {
	p := newProvider(t)
	ts := oidcServer(t, p)
	for _, tc := range []struct {
		name     string
		groups   []string
		claims   func(map[string]any)
		state    func(string) string // edits the state sent back
		other    bool                // the callback lands in another browser
		code     int                 // of the callback
		accounts map[string]bool     // account page → seen
	}{
		{name: "payments group", groups: []string{"payments", "unknown"}, code: http.StatusOK,
			accounts: map[string]bool{prodAcct: true, devAcct: false, demoAccount: false}},
		{name: "sandbox OU", groups: []string{"sandbox"}, code: http.StatusOK,
			accounts: map[string]bool{prodAcct: false, devAcct: true, demoAccount: false}},
		{name: "secops sees all", groups: []string{"secops", "payments"}, code: http.StatusOK,
			accounts: map[string]bool{prodAcct: true, devAcct: true, demoAccount: true}},
		{name: "wrong audience", groups: []string{"secops"}, claims: func(c map[string]any) { c["aud"] = "another-app" }, code: http.StatusUnauthorized},
		{name: "expired", groups: []string{"secops"}, claims: func(c map[string]any) {
			c["exp"] = time.Now().Add(-time.Hour).Unix()
			c["iat"] = time.Now().Add(-2 * time.Hour).Unix()
		}, code: http.StatusUnauthorized},
		{name: "bad nonce", groups: []string{"secops"}, claims: func(c map[string]any) { c["nonce"] = "replayed" }, code: http.StatusUnauthorized},
		{name: "no nonce", groups: []string{"secops"}, claims: func(c map[string]any) { delete(c, "nonce") }, code: http.StatusUnauthorized},
		{name: "other issuer", groups: []string{"secops"}, claims: func(c map[string]any) { c["iss"] = "https://evil.example" }, code: http.StatusUnauthorized},
		{name: "bad state", groups: []string{"secops"}, state: func(s string) string { return s + "x" }, code: http.StatusBadRequest},
		{name: "another browser", groups: []string{"secops"}, other: true, code: http.StatusBadRequest},
		{name: "group without access", groups: []string{"interns"}, code: http.StatusForbidden},
		{name: "no groups", code: http.StatusForbidden},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p.mu.Lock()
			p.groups, p.claims = tc.groups, tc.claims
			p.mu.Unlock()
			b := newBrowser(t, ts)
			tok := b.csrf("/login")
			res, _ := b.post("/login/oidc", url.Values{"csrf": {tok}, "next": {"/findings"}}, nil)
			loc := res.Header.Get("Location")
			if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, p.srv.URL+"/authorize?") {
				t.Fatalf("start: %d %q", res.StatusCode, loc)
			}
			req, _ := http.NewRequest("GET", loc, nil)
			res, body := b.do(req)
			cb := res.Header.Get("Location")
			if res.StatusCode != http.StatusFound || !strings.HasPrefix(cb, ts.URL+"/login/callback?") {
				t.Fatalf("provider: %d %q %s", res.StatusCode, cb, body)
			}
			p.mu.Lock()
			if got := p.auth.Get("redirect_uri"); got != ts.URL+"/login/callback" {
				t.Errorf("redirect_uri %q", got)
			}
			p.mu.Unlock()
			if tc.state != nil {
				u, _ := url.Parse(cb)
				q := u.Query()
				q.Set("state", tc.state(q.Get("state")))
				u.RawQuery = q.Encode()
				cb = u.String()
			}
			fin := b
			if tc.other {
				fin = newBrowser(t, ts)
			}
			req, _ = http.NewRequest("GET", cb, nil)
			res, body = fin.do(req)
			if res.StatusCode != tc.code {
				t.Fatalf("callback: %d, want %d: %s", res.StatusCode, tc.code, body)
			}
			if tc.code != http.StatusOK {
				if fin.cookie("shoulder") != nil {
					t.Fatal("a refused login got a session")
				}
				if r, _ := fin.get("/"); r.StatusCode != http.StatusSeeOther {
					t.Errorf("after a refused login: %d", r.StatusCode)
				}
				return
			}
			if !strings.Contains(body, `url=/findings`) || !strings.Contains(body, "dana@example.com") {
				t.Errorf("the logged-in page does not continue to /findings: %s", body)
			}
			for a, seen := range tc.accounts {
				if r, _ := b.get("/accounts/" + a); (r.StatusCode == http.StatusOK) != seen {
					t.Errorf("/accounts/%s: %d, want seen=%v", a, r.StatusCode, seen)
				}
			}
			// The state is single use.
			req, _ = http.NewRequest("GET", cb, nil)
			if r, _ := b.do(req); r.StatusCode != http.StatusBadRequest {
				t.Errorf("a replayed callback: %d", r.StatusCode)
			}
		})
	}
}

func TestParseAccess(t *testing.T) {
	for _, tc := range []struct {
		name, text, err string
	}{
		{"good", "claim: roles\ngroups:\n  a: {all: true}\n  b: {accounts: ['111111111111'], ous: [Root/X]}\n", ""},
		{"unknown key", "groups:\n  a: {everything: true}\n", "access.yaml: yaml: unmarshal errors:\n  line 2"},
		{"empty group", "groups:\n  a: {}\n", "group \"a\" sees nothing"},
		{"all and accounts", "groups:\n  a: {all: true, accounts: ['111111111111']}\n", "drop its accounts"},
		{"bad account", "groups:\n  a: {accounts: ['1 OR 1=1']}\n", "not an account ID"},
		{"no groups", "claim: groups\n", "no groups"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "access.yaml")
			os.WriteFile(path, []byte(tc.text), 0o600)
			_, err := serve.ParseAccess(path)
			if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
				t.Errorf("error %v, want %q", err, tc.err)
			}
		})
	}
}
