package serve_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/csv"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/serve"
	"github.com/shoulder-dev/shoulder/internal/store"
	"github.com/shoulder-dev/shoulder/internal/synth"
)

// The accounts of ouStore: the demo's (no organization) and two members
// at the OU paths below.
var (
	prodAcct = synth.OrgAccountID(1)
	devAcct  = synth.OrgAccountID(2)
	ouOf     = map[string]string{prodAcct: "Root/Workloads/Prod", devAcct: "Root/Sandbox"}
)

// ouStore is filled's store with the synthetic members recorded as an
// organization's, under OU paths.
func ouStore(t *testing.T) *store.Store {
	t.Helper()
	st := filled(t, filepath.Join(t.TempDir(), "shoulder.db"))
	for _, r := range reports[1:] {
		cp := *r
		cp.Results = append([]engine.Finding(nil), r.Results...)
		for i := range cp.Results {
			cp.Results[i].OUPath = ouOf[cp.Results[i].AccountID]
		}
		if _, err := st.Record(context.Background(), store.FromReport(&cp, store.Meta{Who: "test@host", Version: "test"})); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// password is every test user's.
const password = "a long enough password"

// usersFile writes a users file (cheap bcrypt cost: the tests log in
// often) with lines NAME:ACCOUNTS:OUS.
func usersFile(t *testing.T, lines ...string) *serve.Users {
	t.Helper()
	h, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, l := range lines {
		name, rest, _ := strings.Cut(l, ":")
		fmt.Fprintf(&b, "%s:%s:%s\n", name, h, rest)
	}
	path := filepath.Join(t.TempDir(), "users")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	u, err := serve.ParseUsers(path)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// authServer serves st with the users file and auth options a.
func authServer(t *testing.T, st *store.Store, a serve.Auth) (*httptest.Server, *serve.Server) {
	t.Helper()
	var mu sync.Mutex
	s, err := serve.New(st, "test", func(f string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if strings.Contains(fmt.Sprintf(f, args...), password) {
			t.Errorf("the server logged a password")
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Configure(a); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts, s
}

// browser is a cookie-keeping client that does not follow redirects.
type browser struct {
	t  *testing.T
	ts *httptest.Server
	c  *http.Client
}

func newBrowser(t *testing.T, ts *httptest.Server) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t, ts, &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

func (b *browser) do(req *http.Request) (*http.Response, string) {
	b.t.Helper()
	res, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

func (b *browser) get(path string) (*http.Response, string) {
	b.t.Helper()
	req, _ := http.NewRequest("GET", b.ts.URL+path, nil)
	return b.do(req)
}

func (b *browser) post(path string, form url.Values, hdr map[string]string) (*http.Response, string) {
	b.t.Helper()
	req, _ := http.NewRequest("POST", b.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	return b.do(req)
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (b *browser) csrf(path string) string {
	b.t.Helper()
	_, body := b.get(path)
	m := csrfRE.FindStringSubmatch(body)
	if m == nil {
		b.t.Fatalf("%s has no CSRF token:\n%s", path, body)
	}
	return m[1]
}

// login logs in through the form and returns the response.
func (b *browser) login(user, pw string) *http.Response {
	b.t.Helper()
	tok := b.csrf("/login")
	res, _ := b.post("/login", url.Values{"user": {user}, "password": {pw}, "csrf": {tok}, "next": {"/findings"}}, nil)
	return res
}

func (b *browser) cookie(name string) *http.Cookie {
	u, _ := url.Parse(b.ts.URL)
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// TestLoginFlow walks the login: the gate, the form's CSRF defences, a
// wrong and a right password, the session cookie, logout.
func TestLoginFlow(t *testing.T) {
	st := filled(t, filepath.Join(t.TempDir(), "shoulder.db"))
	ts, _ := authServer(t, st, serve.Auth{Users: usersFile(t, "alice::")})
	b := newBrowser(t, ts)

	// Without a session: pages go to /login, exports are 401, the
	// stylesheet and the login page are served.
	for _, tc := range []struct {
		path string
		code int
		loc  string
	}{
		{"/", http.StatusSeeOther, "/login?next=%2F"},
		{"/findings?status=open", http.StatusSeeOther, "/login?next=%2Ffindings%3Fstatus%3Dopen"},
		{"/accounts/210987654321", http.StatusSeeOther, "/login?next=%2Faccounts%2F210987654321"},
		{"/logout", http.StatusSeeOther, "/login?next=%2Flogout"},
		{"/nowhere", http.StatusSeeOther, "/login?next=%2Fnowhere"},
		{"/findings.csv", http.StatusUnauthorized, ""},
		{"/findings.json?status=open", http.StatusUnauthorized, ""},
		{"/static/serve.css", http.StatusOK, ""},
		{"/login", http.StatusOK, ""},
	} {
		res, body := b.get(tc.path)
		if res.StatusCode != tc.code || res.Header.Get("Location") != tc.loc {
			t.Errorf("GET %s: %d %q, want %d %q", tc.path, res.StatusCode, res.Header.Get("Location"), tc.code, tc.loc)
		}
		if res.Header.Get("Content-Security-Policy") != serve.CSP || res.Header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("GET %s: security headers missing", tc.path)
		}
		if tc.code == http.StatusUnauthorized && strings.Contains(body, "account") {
			t.Errorf("GET %s: the 401 shows data: %s", tc.path, body)
		}
	}

	b.csrf("/login")
	pre := b.cookie("shoulder-login")
	if pre == nil {
		t.Fatal("no pre-session cookie")
	}
	form := func(user, pw, tok string) url.Values {
		return url.Values{"user": {user}, "password": {pw}, "csrf": {tok}, "next": {"/findings"}}
	}
	for _, tc := range []struct {
		name string
		form func(tok string) url.Values
		hdr  map[string]string
		code int
	}{
		{"no token", func(string) url.Values { return form("alice", password, "") }, nil, http.StatusForbidden},
		{"forged token", func(string) url.Values { return form("alice", password, strings.Repeat("A", 43)) }, nil, http.StatusForbidden},
		{"cross-site fetch", func(tok string) url.Values { return form("alice", password, tok) }, map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
		{"foreign origin", func(tok string) url.Values { return form("alice", password, tok) }, map[string]string{"Origin": "https://evil.example"}, http.StatusForbidden},
		{"wrong password", func(tok string) url.Values { return form("alice", "wrong password!!", tok) }, nil, http.StatusUnauthorized},
		{"unknown user", func(tok string) url.Values { return form("mallory", password, tok) }, nil, http.StatusUnauthorized},
	} {
		res, _ := b.post("/login", tc.form(b.csrf("/login")), tc.hdr)
		if res.StatusCode != tc.code {
			t.Errorf("%s: %d, want %d", tc.name, res.StatusCode, tc.code)
		}
		if b.cookie("shoulder") != nil {
			t.Fatalf("%s: a session cookie was set", tc.name)
		}
	}

	// A token of another pre-session does not do.
	oldTok := b.csrf("/login")
	b.csrf("/login")
	res, _ := b.post("/login", form("alice", password, oldTok), nil)
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("a stale pre-session's token: %d, want 403", res.StatusCode)
	}
	res = b.login("alice", password)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/findings" {
		t.Fatalf("login: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	var sc *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "shoulder" {
			sc = c
		}
	}
	if sc == nil || !sc.HttpOnly || sc.SameSite != http.SameSiteStrictMode || sc.Path != "/" || sc.Secure {
		t.Fatalf("session cookie %+v: want HttpOnly, SameSite=Strict, Path=/, not Secure over plain HTTP", sc)
	}
	if sc.Value == pre.Value || len(sc.Value) != 43 {
		t.Errorf("session ID %q: reused the pre-session's or not 256 bits", sc.Value)
	}
	if res, body := b.get("/findings?status=open"); res.StatusCode != http.StatusOK || !strings.Contains(body, `href="/logout"`) {
		t.Errorf("after login: %d, logout link %v", res.StatusCode, strings.Contains(body, `href="/logout"`))
	}
	if res, _ := b.get("/findings.csv"); res.StatusCode != http.StatusOK {
		t.Errorf("export after login: %d", res.StatusCode)
	}
	if res, _ := b.post("/findings", url.Values{}, nil); res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /findings with a session: %d, want 405", res.StatusCode)
	}

	// Logging in again rotates the ID; the old one is dead.
	old := b.cookie("shoulder").Value
	b.login("alice", password)
	if now := b.cookie("shoulder").Value; now == old {
		t.Error("a second login kept the session ID")
	}
	stale := newBrowser(t, ts)
	u, _ := url.Parse(ts.URL)
	stale.c.Jar.SetCookies(u, []*http.Cookie{{Name: "shoulder", Value: old}})
	if res, _ := stale.get("/"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the replaced session still works: %d", res.StatusCode)
	}

	// Logout: POST with the session's token only.
	ltok := b.csrf("/logout")
	if res, _ := b.post("/logout", url.Values{"csrf": {"x"}}, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("logout without the token: %d", res.StatusCode)
	}
	if res, _ := b.post("/logout", url.Values{"csrf": {ltok}}, map[string]string{"Sec-Fetch-Site": "cross-site"}); res.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site logout: %d", res.StatusCode)
	}
	kept := b.cookie("shoulder").Value
	res, _ = b.post("/logout", url.Values{"csrf": {ltok}}, map[string]string{"Sec-Fetch-Site": "same-origin"})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login" {
		t.Errorf("logout: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	if res, _ := b.get("/"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("after logout: %d, want a redirect to /login", res.StatusCode)
	}
	stale.c.Jar.SetCookies(u, []*http.Cookie{{Name: "shoulder", Value: kept}})
	if res, _ := stale.get("/"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the logged-out session ID still works: %d", res.StatusCode)
	}
}

// TestLoginThrottle: after 5 failures a user is refused (429) even with
// the right password, and so is an address after 30, whatever the name.
func TestLoginThrottle(t *testing.T) {
	st := filled(t, filepath.Join(t.TempDir(), "shoulder.db"))
	ts, _ := authServer(t, st, serve.Auth{Users: usersFile(t, "alice::", "bob::")})
	b := newBrowser(t, ts)
	for i := 0; i < 5; i++ {
		if res := b.login("alice", "wrong password!"); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i, res.StatusCode)
		}
	}
	res := b.login("alice", password)
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Fatalf("the right password after 5 failures: %d (Retry-After %q), want 429", res.StatusCode, res.Header.Get("Retry-After"))
	}
	if res := b.login("bob", password); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("another user from the same address: %d", res.StatusCode)
	}
	for i := 0; i < 30; i++ {
		b.login(fmt.Sprint("guess", i), "wrong password!")
	}
	if res := b.login("bob", password); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("after 30 failures from one address: %d, want 429", res.StatusCode)
	}
}

// TestSessionTimeouts: a session ends after the idle timeout without a
// request, and after the absolute timeout whatever its use.
func TestSessionTimeouts(t *testing.T) {
	st := filled(t, filepath.Join(t.TempDir(), "shoulder.db"))
	var mu sync.Mutex
	now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	ts, _ := authServer(t, st, serve.Auth{Users: usersFile(t, "alice::"), Idle: 10 * time.Minute, Absolute: time.Hour, Now: clock})
	b := newBrowser(t, ts)
	b.login("alice", password)
	for i := 0; i < 5; i++ {
		advance(9 * time.Minute)
		if res, _ := b.get("/"); res.StatusCode != http.StatusOK {
			t.Fatalf("active session at +%dm: %d", 9*(i+1), res.StatusCode)
		}
	}
	advance(9 * time.Minute) // 54m: still within the hour
	if res, _ := b.get("/"); res.StatusCode != http.StatusOK {
		t.Fatalf("at 54m: %d", res.StatusCode)
	}
	advance(7 * time.Minute) // 61m
	if res, _ := b.get("/"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("past the absolute timeout: %d", res.StatusCode)
	}
	b.login("alice", password)
	advance(10 * time.Minute)
	if res, _ := b.get("/"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("past the idle timeout: %d", res.StatusCode)
	}
}

// TestSecureTransport: over TLS, or behind an HTTPS reverse proxy
// (--public-url https://), the cookie is Secure with the __Host- prefix and
// HSTS is sent; the proxy's origin is trusted for the login's POST.
func TestSecureTransport(t *testing.T) {
	st := filled(t, filepath.Join(t.TempDir(), "shoulder.db"))
	s, err := serve.New(st, "test", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Configure(serve.Auth{Users: usersFile(t, "alice::")}); err != nil {
		t.Fatal(err)
	}
	tls := httptest.NewTLSServer(s.Handler())
	defer tls.Close()
	res, err := tls.Client().Get(tls.URL + "/login")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if h := res.Header.Get("Strict-Transport-Security"); !strings.Contains(h, "max-age=") {
		t.Errorf("over TLS: HSTS %q", h)
	}

	ts, _ := authServer(t, st, serve.Auth{Users: usersFile(t, "alice::"), PublicURL: "https://shoulder.example.com"})
	b := newBrowser(t, ts)
	res, body := b.get("/login")
	if h := res.Header.Get("Strict-Transport-Security"); h == "" {
		t.Error("behind an HTTPS proxy: no HSTS")
	}
	var pre *http.Cookie
	for _, c := range res.Cookies() {
		pre = c
	}
	if pre == nil || pre.Name != "__Host-shoulder-login" || !pre.Secure {
		t.Fatalf("pre-session cookie %+v: want Secure, __Host-", pre)
	}
	// The cookie jar keeps Secure cookies off http://; send it by hand,
	// as the proxy would.
	tok := csrfRE.FindStringSubmatch(body)[1]
	form := url.Values{"user": {"alice"}, "password": {password}, "csrf": {tok}}
	req, _ := http.NewRequest("POST", ts.URL+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://shoulder.example.com")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.AddCookie(&http.Cookie{Name: pre.Name, Value: pre.Value})
	res, _ = b.do(req)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login through the proxy's origin: %d", res.StatusCode)
	}
	var sc *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "__Host-shoulder" {
			sc = c
		}
	}
	if sc == nil || !sc.Secure || !sc.HttpOnly || sc.SameSite != http.SameSiteStrictMode {
		t.Errorf("session cookie %+v", sc)
	}
}

// TestLimitedViewer: a user limited to one account (by ID, or by an OU
// that holds it) sees that account only, however asked: the overview (its
// heatmap scaled to its own cells), account pages by URL, the explorer
// with and without an account filter, its pages, and both exports.
func TestLimitedViewer(t *testing.T) {
	st := ouStore(t)
	users := usersFile(t, "all::", "prod:"+prodAcct+":", "prodou::Workloads", "both::Root/Workloads,Root/Sandbox", "none:999999999999:")
	ts, _ := authServer(t, st, serve.Auth{Users: users})
	all := newBrowser(t, ts)
	all.login("all", password)
	for _, tc := range []struct {
		user string
		sees []string
	}{
		{"prod", []string{prodAcct}},
		{"prodou", []string{prodAcct}},
		{"both", []string{prodAcct, devAcct}},
		{"none", nil},
		{"all", []string{demoAccount, prodAcct, devAcct}},
	} {
		t.Run(tc.user, func(t *testing.T) {
			b := newBrowser(t, ts)
			if res := b.login(tc.user, password); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("login: %d", res.StatusCode)
			}
			sees := map[string]bool{}
			for _, a := range tc.sees {
				sees[a] = true
			}
			// Account pages.
			for _, a := range []string{demoAccount, prodAcct, devAcct} {
				res, body := b.get("/accounts/" + a)
				if sees[a] != (res.StatusCode == http.StatusOK) {
					t.Errorf("/accounts/%s: %d", a, res.StatusCode)
				}
				if !sees[a] && strings.Contains(body, "findings") && strings.Contains(body, a+"</") {
					t.Errorf("/accounts/%s shows the account", a)
				}
			}
			// The overview: its rows, and heat levels scaled to them.
			_, body := b.get("/")
			_, full := all.get("/")
			for _, a := range []string{demoAccount, prodAcct, devAcct} {
				if strings.Contains(body, `href="/accounts/`+a+`"`) != sees[a] {
					t.Errorf("overview row of %s shown: %v", a, !sees[a])
				}
			}
			if got, want := heatLevels(body), expectedLevels(full, tc.sees); got != want {
				t.Errorf("overview heatmap levels %s, want %s (scaled to the visible accounts)", got, want)
			}
			// The explorer, its exports and pages, whatever account is asked.
			for _, q := range []string{"", "account=" + demoAccount, "account=" + devAcct + "," + prodAcct,
				"status=open&account=" + demoAccount + "&account=" + prodAcct, "per=7&page=2", "status=fail&page=3&per=5"} {
				want := map[string]int{}
				for _, k := range all.exportJSON(q) {
					if sees[k.Account] {
						want[k.Account]++
					}
				}
				got := map[string]int{}
				for _, k := range b.exportJSON(q) {
					got[k.Account]++
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("JSON export %q: %v, want %v", q, got, want)
				}
				res, csvBody := b.get("/findings.csv?" + q)
				if res.StatusCode != http.StatusOK {
					t.Fatalf("CSV %q: %d", q, res.StatusCode)
				}
				if byAcct := csvAccounts(t, csvBody); fmt.Sprint(byAcct) != fmt.Sprint(want) {
					t.Errorf("CSV export %q: %v, want %v", q, byAcct, want)
				}
				// Walk the explorer's pages.
				path := "/findings?" + q
				seen := map[string]int{}
				for i := 0; path != "" && i < 200; i++ {
					_, page := b.get(path)
					for _, a := range []string{demoAccount, prodAcct, devAcct} {
						seen[a] += strings.Count(page, `<td><a href="/accounts/`+a+`">`)
					}
					path = ""
					if m := nextRE.FindStringSubmatch(page); m != nil {
						path = strings.ReplaceAll(m[1], "&amp;", "&")
					}
				}
				for a, n := range seen {
					if n > 0 && !sees[a] {
						t.Errorf("explorer %q shows %d findings of %s", q, n, a)
					}
				}
			}
		})
	}
}

const demoAccount = "210987654321"

// exportJSON is the accounts of the JSON export of q, as b's user gets it.
func (b *browser) exportJSON(q string) []key {
	b.t.Helper()
	res, body := b.get("/findings.json?" + q)
	if res.StatusCode != http.StatusOK {
		b.t.Fatalf("export %q: %d %s", q, res.StatusCode, body)
	}
	var doc struct {
		Results []struct {
			AccountID string `json:"account_id"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		b.t.Fatalf("export %q: %v", q, err)
	}
	var out []key
	for _, r := range doc.Results {
		out = append(out, key{Account: r.AccountID})
	}
	return out
}

var heatRE = regexp.MustCompile(`<tr><th scope="row"><a href="/accounts/([^"]+)">[^<]*</a></th>\s*((?:<td class="heat h\d">.*?</td>)+)</tr>`)
var cellRE = regexp.MustCompile(`<td class="heat h(\d)">(?:<a [^>]*>)?(\d+)`)

// heatLevels lists each heatmap row's account, levels and counts.
func heatLevels(body string) string {
	var out []string
	for _, m := range heatRE.FindAllStringSubmatch(body, -1) {
		var cells []string
		for _, c := range cellRE.FindAllStringSubmatch(m[2], -1) {
			cells = append(cells, c[1]+"/"+c[2])
		}
		out = append(out, m[1]+":"+strings.Join(cells, ","))
	}
	return strings.Join(out, " ")
}

// expectedLevels recomputes the levels (0-4 of the visible maximum, the
// page's rule) of the full overview's rows of accounts.
func expectedLevels(full string, accounts []string) string {
	keep := map[string]bool{}
	for _, a := range accounts {
		keep[a] = true
	}
	type row struct {
		acct string
		ns   []int
	}
	var rows []row
	max := 0
	for _, m := range heatRE.FindAllStringSubmatch(full, -1) {
		if !keep[m[1]] {
			continue
		}
		r := row{acct: m[1]}
		for _, c := range cellRE.FindAllStringSubmatch(m[2], -1) {
			n, _ := strconv.Atoi(c[2])
			r.ns = append(r.ns, n)
			if n > max {
				max = n
			}
		}
		rows = append(rows, r)
	}
	var out []string
	for _, r := range rows {
		var cells []string
		for _, n := range r.ns {
			lv := 0
			if n > 0 && max > 0 {
				lv = 1 + (n*4-1)/max
			}
			cells = append(cells, fmt.Sprintf("%d/%d", lv, n))
		}
		out = append(out, r.acct+":"+strings.Join(cells, ","))
	}
	return strings.Join(out, " ")
}

func csvAccounts(t *testing.T, body string) map[string]int {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("CSV: %v", err)
	}
	col := -1
	for i, h := range recs[0] {
		if h == "account_id" {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("CSV has no account_id column: %v", recs[0])
	}
	out := map[string]int{}
	for _, r := range recs[1:] {
		out[r[col]]++
	}
	return out
}

// TestServeTLS serves HTTPS with --tls-cert/--tls-key on a free loopback
// port: the login page comes over TLS with HSTS and a Secure cookie.
func TestServeTLS(t *testing.T) {
	st := filled(t, filepath.Join(t.TempDir(), "shoulder.db"))
	dir := t.TempDir()
	certPEM, keyPEM := selfSigned(t)
	cert, key := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(cert, certPEM, 0o600)
	os.WriteFile(key, keyPEM, 0o600)
	s, err := serve.New(st, "test", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Configure(serve.Auth{Users: usersFile(t, "alice::"), TLSCert: cert, TLSKey: key}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, "127.0.0.1:0", func(a net.Addr) { addr <- a.String() }) }()
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(certPEM)
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	res, err := c.Get("https://" + <-addr + "/login")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Header.Get("Strict-Transport-Security") == "" || res.TLS == nil {
		t.Errorf("over TLS: %d, HSTS %q", res.StatusCode, res.Header.Get("Strict-Transport-Security"))
	}
	if cs := res.Cookies(); len(cs) != 1 || !cs[0].Secure || cs[0].Name != "__Host-shoulder-login" {
		t.Errorf("cookies over TLS: %v", cs)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve: %v", err)
	}
	if err := s.Configure(serve.Auth{TLSCert: cert}); err == nil {
		t.Error("--tls-cert without --tls-key accepted")
	}
}

// selfSigned is a certificate for 127.0.0.1 and its key, PEM.
func selfSigned(t *testing.T) ([]byte, []byte) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb})
}
