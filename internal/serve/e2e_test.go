package serve_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/serve"
	"github.com/shoulder-dev/shoulder/internal/store"
)

// payloads break out of HTML text, attributes, URLs, comments and
// templates; each one that executed would set window.__xss.
var payloads = []string{
	`<script>window.__xss=1</script>`,
	`"><img src=x onerror="window.__xss=2">`,
	`'><svg onload=window.__xss=3>`,
	`javascript:window.__xss=4`,
	`</td></tr></tbody></table><h1 id="pwn">owned</h1><table><tr><td>`,
	`<!-- {{.}} ${window.__xss=5} --><iframe src="javascript:window.top.__xss=6">`,
	`<a href="javascript:window.__xss=7" id="pwnlink">click</a><style>body{display:none}</style>`,
}

const hostileAcct = "444444444444"

// hostileStore records a scan whose resource names, tag evidence, regions,
// check IDs and one account ID carry the payloads.
func hostileStore(t *testing.T) (*store.Store, int) {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "shoulder.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sc := &store.Scan{Accounts: []string{hostileAcct}, Regions: []string{"eu-west-1"}}
	for i, p := range payloads {
		sc.Results = append(sc.Results,
			store.Result{Key: store.Key{Check: "s3_bucket_public_access_block", Account: hostileAcct, Region: "eu-west-1",
				Resource: "arn:aws:s3:::" + p},
				State:   store.State{Present: true, Status: "fail", Severity: "high"},
				Message: fmt.Sprintf("tag Name=%s; tag owner=%s (%d)", p, p, i)},
			store.Result{Key: store.Key{Check: "x" + p, Account: hostileAcct, Region: p, Resource: fmt.Sprint("r", i)},
				State:   store.State{Present: true, Status: "fail", Severity: "critical"},
				Message: p})
	}
	sc.Results = append(sc.Results, store.Result{Key: store.Key{Check: "iam_root_mfa_enabled", Account: payloads[1], Resource: payloads[0]},
		State: store.State{Present: true, Status: "fail", Severity: "critical"}, Message: payloads[2]})
	if _, err := st.Record(context.Background(), sc); err != nil {
		t.Fatal(err)
	}
	return st, 2 * len(payloads)
}

// TestHostilePayloadsInChromium loads every page of a store full of
// payloads in headless Chromium, once as served (strict CSP) and once with
// the CSP removed, so escaping alone is proven: nothing executes, no
// element is injected, every table keeps its columns, the payloads show as
// text, and (with the CSP) the browser logs nothing, no violation either.
func TestHostilePayloadsInChromium(t *testing.T) {
	st, n := hostileStore(t)
	s, err := serve.New(st, "test", func(f string, a ...any) { t.Errorf("server logged: "+f, a...) })
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	noCSP := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(stripCSP{w}, r)
	})
	b := startBrowser(t)
	for _, srv := range []struct {
		name string
		h    http.Handler
		csp  bool
	}{{"with CSP", h, true}, {"without CSP", noCSP, false}} {
		ts := httptest.NewServer(srv.h)
		pages := []struct {
			path string
			rows int // rows of table#findings
		}{
			{"/", -1},
			{"/accounts/" + hostileAcct, n},
			{"/findings?account=" + hostileAcct, n},
			{"/findings", n + 1},
		}
		for _, p := range pages {
			b.ClearLogged()
			b.Navigate(t, ts.URL+p.path)
			var got struct {
				XSS      any
				Injected int
				Title    string
				Bad      []string
				Rows     int
				Text     string
				Visible  bool
			}
			b.Eval(t, `(() => {
				const bad = [];
				for (const tb of document.querySelectorAll('table')) {
					const cols = tb.querySelectorAll('thead th').length;
					for (const tr of tb.querySelectorAll('tbody tr')) {
						if (tr.children.length !== cols) bad.push(tb.id + ': ' + tr.children.length + ' cells, ' + cols + ' columns');
					}
				}
				const f = document.querySelector('table#findings');
				return {
					XSS: window.__xss === undefined ? null : window.__xss,
					Injected: document.querySelectorAll('script, img, svg, iframe, style, #pwn, #pwnlink, [onerror], [onload], [href^="javascript:"]').length,
					Title: document.title,
					Bad: bad,
					Rows: f ? f.querySelectorAll('tbody tr').length : -1,
					Text: document.body.innerText,
					Visible: getComputedStyle(document.body).display !== 'none',
				};
			})()`, &got)
			where := srv.name + " " + p.path
			if got.XSS != nil || got.Injected != 0 || !got.Visible {
				t.Errorf("%s: payload took effect: __xss=%v, %d injected elements, body visible %v", where, got.XSS, got.Injected, got.Visible)
			}
			if len(got.Bad) > 0 {
				t.Errorf("%s: table structure broken: %v", where, got.Bad)
			}
			if p.rows >= 0 && got.Rows != p.rows {
				t.Errorf("%s: %d rows, want %d", where, got.Rows, p.rows)
			}
			if !strings.HasSuffix(got.Title, "· shoulder") {
				t.Errorf("%s: title %q", where, got.Title)
			}
			if p.rows >= 0 {
				for _, pl := range payloads {
					if !strings.Contains(got.Text, pl) {
						t.Errorf("%s: payload %q not shown as text", where, pl)
					}
				}
			} else if !strings.Contains(got.Text, payloads[1]) { // the hostile account's row
				t.Errorf("%s: the hostile account is not shown as text", where)
			}
			if srv.csp && len(b.Logged()) > 0 {
				t.Errorf("%s: the browser logged %v", where, b.Logged())
			}
		}
		ts.Close()
	}
}

// stripCSP drops the Content-Security-Policy header, to test escaping on
// its own.
type stripCSP struct{ http.ResponseWriter }

func (s stripCSP) WriteHeader(code int) {
	s.Header().Del("Content-Security-Policy")
	s.ResponseWriter.WriteHeader(code)
}

func (s stripCSP) Write(b []byte) (int, error) {
	s.Header().Del("Content-Security-Policy")
	return s.ResponseWriter.Write(b)
}
