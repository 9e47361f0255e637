package serve_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/serve"
)

// requestLog records what the server answered, to see the browser's
// export reach it with its session.
type requestLog struct {
	mu   sync.Mutex
	seen []string // "METHOD PATH?QUERY STATUS"
}

type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (l *requestLog) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w}
		h.ServeHTTP(sw, r)
		l.mu.Lock()
		l.seen = append(l.seen, r.Method+" "+r.URL.RequestURI()+" "+http.StatusText(sw.code))
		l.mu.Unlock()
	})
}

// waitFor waits until a request whose line starts with prefix was
// answered, and returns its line.
func (l *requestLog) waitFor(t *testing.T, prefix string) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		l.mu.Lock()
		for _, s := range l.seen {
			if strings.HasPrefix(s, prefix) {
				l.mu.Unlock()
				return s
			}
		}
		l.mu.Unlock()
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the server never saw %s", prefix)
	return ""
}

// pageState is what the browser tests read of a page.
type pageState struct {
	Path     string
	Search   string
	Href     string
	Title    string
	Total    string
	Rows     int
	Sevs     []string
	Accounts []string
	Foreign  []string // resources loaded from anywhere but the server
	Styled   bool     // the stylesheet is among the resources (the check sees them)
}

const readPage = `(() => {
	const t = document.querySelector('#total');
	const rows = [...document.querySelectorAll('table#findings tbody tr')];
	return {
		Path: location.pathname, Search: location.search, Href: location.href, Title: document.title,
		Total: t ? t.textContent : '',
		Rows: rows.length,
		Sevs: [...new Set(rows.map(r => r.children[2].textContent.trim()))],
		Accounts: [...new Set(rows.map(r => r.children[0].textContent.trim()))],
		Styled: performance.getEntriesByType('resource').some(e => e.name === location.origin + '/static/serve.css'),
		Foreign: performance.getEntries().filter(e => e.entryType === 'navigation' || e.entryType === 'resource').map(e => e.name).filter(n => !n.startsWith(location.origin + '/')),
	};
})()`

// TestAuthInChromium logs in through the form in headless Chromium, opens
// the overview, clicks a heatmap cell, filters the findings, follows the
// permalink, exports CSV, opens two framework views, logs out, and is sent to /login on the next page;
// the browser logs nothing (no console error, no CSP violation) and loads
// nothing from anywhere but the server.
func TestAuthInChromium(t *testing.T) {
	st := ouStore(t)
	s, err := serve.New(st, "test", func(f string, a ...any) {})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Configure(serve.Auth{Users: usersFile(t, "alice::", "pat:"+prodAcct+":")}); err != nil {
		t.Fatal(err)
	}
	var log requestLog
	ts := httptest.NewServer(log.wrap(s.Handler()))
	defer ts.Close()
	b := startBrowser(t)
	var p pageState
	check := func(step string) {
		t.Helper()
		b.Eval(t, readPage, &p)
		if !p.Styled {
			t.Errorf("%s: the stylesheet is not among the page's resources", step)
		}
		if len(p.Foreign) > 0 {
			t.Errorf("%s: loaded from elsewhere: %v", step, p.Foreign)
		}
		if l := b.Logged(); len(l) > 0 {
			t.Errorf("%s: the browser logged %v", step, l)
			b.ClearLogged()
		}
	}

	for _, user := range []string{"pat", "alice"} {
		b.Navigate(t, ts.URL+"/findings?status=open")
		check(user + ": unauthenticated")
		if p.Path != "/login" || !strings.Contains(p.Search, "next=") {
			t.Fatalf("%s: not sent to /login: %s", user, p.Href)
		}
		// A wrong password first: the form comes back with a message.
		b.Eval(t, `(() => { document.querySelector('#user').value = '`+user+`'; document.querySelector('#password').value = 'not the password'; return true; })()`, nil)
		b.ClickAndWait(t, "#login button")
		var msg string
		b.Eval(t, `document.querySelector('[role=alert]') ? document.querySelector('[role=alert]').textContent : ''`, &msg)
		if !strings.Contains(msg, "Wrong user name or password") {
			t.Errorf("%s: wrong password: message %q", user, msg)
		}
		b.ClearLogged() // the 401 response is logged by the browser as a failed load
		b.Eval(t, `(() => { document.querySelector('#user').value = '`+user+`'; document.querySelector('#password').value = '`+password+`'; return true; })()`, nil)
		b.ClickAndWait(t, "#login button")
		check(user + ": login")
		if p.Path != "/findings" || p.Search != "?status=open" {
			t.Fatalf("%s: after login at %s, want the page asked for", user, p.Href)
		}
		if user == "pat" {
			if strings.Join(p.Accounts, ",") != prodAcct {
				t.Errorf("pat sees the findings of %v, want %s only", p.Accounts, prodAcct)
			}
			b.ClickAndWait(t, "a.logout")
			b.ClickAndWait(t, "#logout button")
			check("pat: logout")
		}
	}

	// The overview, then a heatmap cell.
	b.Navigate(t, ts.URL+"/")
	check("overview")
	if p.Path != "/" || !strings.HasPrefix(p.Title, "Overview") {
		t.Fatalf("overview: at %s (%q)", p.Href, p.Title)
	}
	var cell struct{ N, Href string }
	b.Eval(t, `(() => { const a = document.querySelector('#heatmap td.heat a'); return {N: a.textContent, Href: a.getAttribute('href')}; })()`, &cell)
	b.ClickAndWait(t, "#heatmap td.heat a")
	check("heatmap cell")
	if p.Path+p.Search != cell.Href || p.Total != cell.N {
		t.Errorf("heatmap cell %s (%s findings): at %s with %s", cell.Href, cell.N, p.Path+p.Search, p.Total)
	}

	// Filter: the open findings of severity high.
	b.Eval(t, `(() => {
		const f = document.querySelector('form.filters');
		for (const o of f.querySelector('select[name=status]').options) o.selected = o.value === 'open';
		for (const o of f.querySelector('select[name=severity]').options) o.selected = o.value === 'high';
		for (const o of f.querySelector('select[name=area]').options) o.selected = false;
		f.querySelector('input[name=account]').value = '';
		return true;
	})()`, nil)
	b.ClickAndWait(t, "form.filters button")
	check("filter")
	q, _ := url.ParseQuery(strings.TrimPrefix(p.Search, "?"))
	if q.Get("severity") != "high" || q.Get("status") != "open" || p.Rows == 0 || strings.Join(p.Sevs, ",") != "high" {
		t.Fatalf("filter: at %s, %d rows of severities %v", p.Href, p.Rows, p.Sevs)
	}
	filtered := p

	// The permalink, opened anew, is the same view.
	b.Navigate(t, "about:blank")
	b.Navigate(t, filtered.Href)
	check("permalink")
	if p.Href != filtered.Href || p.Total != filtered.Total || p.Rows != filtered.Rows {
		t.Errorf("permalink: %s with %s/%d, want %s/%d", p.Href, p.Total, p.Rows, filtered.Total, filtered.Rows)
	}

	// Export CSV: the browser downloads it with its session.
	b.Click(t, `a[href^="/findings.csv"]`)
	line := log.waitFor(t, "GET /findings.csv?")
	if !strings.HasSuffix(line, " OK") || !strings.Contains(line, "severity=high") {
		t.Errorf("CSV export: %s", line)
	}

	// Open a framework view from the navigation, then another framework
	// from its tabs: each lists its controls with a verdict.
	b.Navigate(t, ts.URL+"/")
	b.ClickAndWait(t, `nav a[href="/frameworks"]`)
	check("frameworks")
	var fw struct {
		Path     string
		Controls int
		Verdicts int
	}
	readFW := `(() => ({Path: location.pathname + location.search,
		Controls: document.querySelectorAll('#controls tbody tr').length,
		Verdicts: document.querySelectorAll('#controls tbody tr .flag').length}))()`
	b.Eval(t, readFW, &fw)
	if fw.Path != "/frameworks" || fw.Controls == 0 || fw.Verdicts != fw.Controls {
		t.Errorf("framework view: %+v, want /frameworks with a verdict per control", fw)
	}
	b.ClickAndWait(t, `#frameworks a:not([aria-current])`)
	check("another framework")
	b.Eval(t, readFW, &fw)
	if !strings.HasPrefix(fw.Path, "/frameworks?") || fw.Controls == 0 || fw.Verdicts != fw.Controls {
		t.Errorf("framework tab: %+v, want another framework's controls", fw)
	}

	// Log out, and the next page asks for a login again.
	b.Navigate(t, ts.URL+"/")
	b.ClickAndWait(t, "a.logout")
	check("logout page")
	if p.Path != "/logout" {
		t.Fatalf("logout link: at %s", p.Href)
	}
	b.ClickAndWait(t, "#logout button")
	check("logged out")
	if p.Path != "/login" {
		t.Errorf("after logout: at %s", p.Href)
	}
	b.Navigate(t, filtered.Href)
	check("after logout")
	if p.Path != "/login" {
		t.Errorf("a page after logout: at %s, want /login", p.Href)
	}
	log.mu.Lock()
	defer log.mu.Unlock()
	for _, s := range log.seen {
		if strings.HasPrefix(s, "POST ") && !strings.HasPrefix(s, "POST /login ") && !strings.HasPrefix(s, "POST /logout ") {
			t.Errorf("an unexpected state-changing request: %s", s)
		}
	}
}
