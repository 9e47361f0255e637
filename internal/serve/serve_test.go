package serve_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/regions"
	"github.com/shoulder-dev/shoulder/internal/report"
	"github.com/shoulder-dev/shoulder/internal/serve"
	"github.com/shoulder-dev/shoulder/internal/store"
	"github.com/shoulder-dev/shoulder/internal/synth"
)

// The PostgreSQL cases run against SHOULDER_TEST_POSTGRES (a superuser DSN,
// a database per test), as internal/store's tests do; CI sets
// SHOULDER_REQUIRE_POSTGRES=1, so they fail there rather than skip.
const (
	pgEnv      = "SHOULDER_TEST_POSTGRES"
	pgRequired = "SHOULDER_REQUIRE_POSTGRES"
)

type backend struct {
	name string
	dsn  func(t *testing.T) string
}

func backends() []backend {
	return []backend{
		{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "shoulder.db") }},
		{"postgres", pgDatabase},
	}
}

func pgDatabase(t *testing.T) string {
	t.Helper()
	admin := os.Getenv(pgEnv)
	if admin == "" {
		if os.Getenv(pgRequired) == "1" {
			t.Fatalf("%s=1 but %s is not set", pgRequired, pgEnv)
		}
		t.Skip("no PostgreSQL: dir=$(mktemp -d); eval \"$(.ci/pg.sh start $dir)\" then rerun (and .ci/pg.sh stop $dir)")
	}
	cfg, err := pgx.ParseConfig(admin)
	if err != nil {
		t.Fatalf("%s: %v", pgEnv, err)
	}
	db := stdlib.OpenDB(*cfg)
	var b [6]byte
	rand.Read(b[:])
	name := "shoulder_serve_" + hex.EncodeToString(b[:])
	if _, err := db.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		db.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
		db.Close()
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// demoReport is scan --demo's report: every check over the demo account
// under its own policy.
func demoReport(t testing.TB) *engine.Report {
	t.Helper()
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	names := policy.Names{Jurisdiction: func(s string) ([]string, error) { return regions.InJurisdiction(s), nil }}
	pol, err := policy.Parse("demo shoulder.yaml", demo.Policy(), names)
	if err != nil {
		t.Fatal(err)
	}
	return engine.Run(checks.All(), a, pol)
}

// synthReports are two synthetic organization members evaluated under the
// default policy.
func synthReports(t testing.TB) []*engine.Report {
	t.Helper()
	o := synth.OrgOptions{Seed: 7, Accounts: 3, Regions: []string{"eu-west-1", "us-east-1"}, Resources: 60}
	var out []*engine.Report
	for i := 1; i < 3; i++ {
		out = append(out, engine.Run(checks.All(), synth.OrgAccount(o, i), policy.Default()))
	}
	return out
}

var (
	reportsOnce sync.Once
	reports     []*engine.Report
)

// filled opens a store at dsn holding the demo's and two synthetic
// accounts' scans (the demo recorded twice, as a daily scan would be).
func filled(t *testing.T, dsn string) *store.Store {
	t.Helper()
	reportsOnce.Do(func() { reports = append([]*engine.Report{demoReport(t)}, synthReports(t)...) })
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, r := range append(reports, reports[0]) {
		if _, err := st.Record(ctx, store.FromReport(r, store.Meta{Who: "test@host", Version: "test"})); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func newServer(t *testing.T, st *store.Store) (*httptest.Server, *bytes.Buffer) {
	t.Helper()
	var logs bytes.Buffer
	var mu sync.Mutex
	s, err := serve.New(st, "test", func(f string, a ...any) { mu.Lock(); fmt.Fprintf(&logs, f+"\n", a...); mu.Unlock() })
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts, &logs
}

func get(t *testing.T, ts *httptest.Server, path string) (int, http.Header, string) {
	t.Helper()
	res, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, res.Header, string(b)
}

// key is a finding's identity in the tests.
type key struct{ Account, Check, Region, Resource string }

// expected is the test's own reading of a filter over every stored
// lifecycle (store.Findings) and the check registry's areas.
func expected(t *testing.T, st *store.Store, keep func(f store.Finding, area check.Area) bool) []key {
	t.Helper()
	all, err := st.Findings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	byID := checks.ByID()
	var out []key
	for k, f := range all {
		if keep(f, byID[k.Check].Area) {
			out = append(out, key{k.Account, k.Check, k.Region, k.Resource})
		}
	}
	sortKeys(out)
	return out
}

func sortKeys(ks []key) {
	sort.Slice(ks, func(i, j int) bool { return fmt.Sprint(ks[i]) < fmt.Sprint(ks[j]) })
}

// exported reads the JSON export of the explorer's query q.
func exported(t *testing.T, ts *httptest.Server, q string) []key {
	t.Helper()
	code, h, body := get(t, ts, "/findings.json?"+q)
	if code != http.StatusOK {
		t.Fatalf("export %s: %d %s", q, code, body)
	}
	if ct := h.Get("Content-Type"); ct != "application/json" {
		t.Errorf("export content type %q", ct)
	}
	var doc struct {
		Tool    string `json:"tool"`
		Results []struct {
			AccountID string `json:"account_id"`
			CheckID   string `json:"check_id"`
			Region    string `json:"region"`
			Resource  string `json:"resource"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil || doc.Tool != "shoulder" {
		t.Fatalf("export %s: not the JSON report (%v)", q, err)
	}
	var out []key
	for _, r := range doc.Results {
		out = append(out, key{r.AccountID, r.CheckID, r.Region, r.Resource})
	}
	sortKeys(out)
	return out
}

var (
	totalRE = regexp.MustCompile(`<span id="total">(\d+)</span>`)
	rowRE   = regexp.MustCompile(`(?s)<tbody>(.*?)</tbody>`)
	nextRE  = regexp.MustCompile(`rel="next" href="([^"]+)"`)
)

// TestFindingsFilters compares the explorer (its count, its pages and its
// export) with the test's own selection of the stored findings, per filter.
func TestFindingsFilters(t *testing.T) {
	const demoAcct = "210987654321"
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			st := filled(t, b.dsn(t))
			ts, _ := newServer(t, st)
			synth1 := synth.OrgAccountID(1)
			cases := []struct {
				name string
				q    url.Values
				keep func(store.Finding, check.Area) bool
			}{
				{"everything", url.Values{}, func(store.Finding, check.Area) bool { return true }},
				{"open", url.Values{"status": {"open"}}, func(f store.Finding, _ check.Area) bool { return f.Failing() }},
				{"fail high or critical", url.Values{"status": {"fail"}, "severity": {"high", "critical"}},
					func(f store.Finding, _ check.Area) bool {
						return f.Present && f.Status == "fail" && (f.Severity == "high" || f.Severity == "critical")
					}},
				{"waived", url.Values{"status": {"waived"}}, func(f store.Finding, _ check.Area) bool { return f.Present && f.Status == "waived" }},
				{"one account, one area", url.Values{"account": {synth1}, "area": {"network"}},
					func(f store.Finding, a check.Area) bool { return f.Account == synth1 && a == check.Network }},
				{"two accounts unknown", url.Values{"account": {demoAcct + "," + synth1}, "status": {"unknown"}},
					func(f store.Finding, _ check.Area) bool {
						return f.Present && (f.Account == demoAcct || f.Account == synth1) && f.Status == "unknown"
					}},
				{"check", url.Values{"check": {"s3_bucket_public_access_block"}},
					func(f store.Finding, _ check.Area) bool { return f.Check == "s3_bucket_public_access_block" }},
				{"check outside its area", url.Values{"check": {"s3_bucket_public_access_block"}, "area": {"identity"}},
					func(store.Finding, check.Area) bool { return false }},
				{"unknown account", url.Values{"account": {"999999999999"}}, func(store.Finding, check.Area) bool { return false }},
			}
			nonEmpty := 0
			for _, c := range cases {
				want := expected(t, st, c.keep)
				if len(want) > 0 {
					nonEmpty++
				}
				if got := exported(t, ts, c.q.Encode()); fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("%s: export has %d findings, want %d", c.name, len(got), len(want))
				}
				// Walk the pages (37 a page) by their next links.
				q := url.Values{"per": {"37"}}
				for k, v := range c.q {
					q[k] = v
				}
				path, rows, pages := "/findings?"+q.Encode(), 0, 0
				for path != "" {
					code, _, body := get(t, ts, strings.ReplaceAll(path, "&amp;", "&"))
					if code != http.StatusOK {
						t.Fatalf("%s: %s: %d", c.name, path, code)
					}
					m := totalRE.FindStringSubmatch(body)
					if m == nil || m[1] != fmt.Sprint(len(want)) {
						t.Fatalf("%s: total %v, want %d", c.name, m, len(want))
					}
					n := 0
					if tb := rowRE.FindStringSubmatch(body); tb != nil {
						n = strings.Count(tb[1], "<tr>")
					}
					if n > 37 {
						t.Fatalf("%s: %d rows on a page of 37", c.name, n)
					}
					rows += n
					pages++
					path = ""
					if nx := nextRE.FindStringSubmatch(body); nx != nil {
						path = nx[1]
					}
				}
				if rows != len(want) || (len(want) > 0 && pages != (len(want)+36)/37) {
					t.Errorf("%s: %d rows on %d pages, want %d", c.name, rows, pages, len(want))
				}
			}
			if nonEmpty < 6 {
				t.Fatalf("only %d cases select findings: the store is not filled as the test expects", nonEmpty)
			}
		})
	}
}

// TestPages renders every page on a filled store and on an empty one.
func TestPages(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			st := filled(t, b.dsn(t))
			ts, logs := newServer(t, st)
			open := expected(t, st, func(f store.Finding, _ check.Area) bool {
				return f.Account == "210987654321" && f.Failing()
			})
			cases := []struct {
				path string
				want []string
			}{
				{"/", []string{`id="heatmap"`, `href="/accounts/210987654321"`, `href="/accounts/` + synth.OrgAccountID(2) + `"`,
					`/findings?account=210987654321&amp;area=network&amp;status=fail`, "Coverage"}},
				{"/accounts/210987654321", []string{fmt.Sprintf("Open findings (%d)", len(open)), "Explore these findings"}},
				{"/findings?status=open&severity=critical", []string{`<option selected>critical</option>`, `<option selected>open</option>`}},
				{"/static/serve.css", []string{".h4{"}},
			}
			for _, c := range cases {
				code, _, body := get(t, ts, c.path)
				if code != http.StatusOK {
					t.Fatalf("%s: %d", c.path, code)
				}
				for _, w := range c.want {
					if !strings.Contains(body, w) {
						t.Errorf("%s lacks %q", c.path, w)
					}
				}
			}
			if len(open) == 0 {
				t.Fatal("the demo account has no open finding: the account page proves nothing")
			}
			// The heatmap's demo network cell counts the demo's failing network findings.
			nfail := expected(t, st, func(f store.Finding, a check.Area) bool {
				return f.Account == "210987654321" && a == check.Network && f.Status == "fail"
			})
			_, _, body := get(t, ts, "/")
			cell := regexp.MustCompile(`area=network&amp;status=fail">(\d+)</a>`).FindAllStringSubmatch(body, -1)
			found := false
			for _, m := range cell {
				if m[1] == fmt.Sprint(len(nfail)) {
					found = true
				}
			}
			if !found || len(nfail) == 0 {
				t.Errorf("no heatmap cell of %d network failures (cells %v)", len(nfail), cell)
			}
			if logs.Len() > 0 {
				t.Errorf("server logged: %s", logs)
			}

			empty, err := store.Open(context.Background(), b.dsn(t))
			if err != nil {
				t.Fatal(err)
			}
			defer empty.Close()
			ets, _ := newServer(t, empty)
			if code, _, body := get(t, ets, "/"); code != http.StatusOK || !strings.Contains(body, "holds no scan yet") {
				t.Errorf("empty store overview: %d", code)
			}
		})
	}
}

// TestBadInput: malformed filters, huge pages, injection attempts and
// unknown accounts are answered 400/404 with a message, never a 500, and
// parameters reach the store as bound values only.
func TestBadInput(t *testing.T) {
	st := filled(t, filepath.Join(t.TempDir(), "shoulder.db"))
	ts, logs := newServer(t, st)
	cases := []struct {
		path string
		code int
		want string
	}{
		{"/findings?status=broken", 400, "unknown status"},
		{"/findings?sort=random", 400, "not a sort order"},
		{"/findings?severity=urgent", 400, "filter severity"},
		{"/findings?control=fsbp:NOPE", 400, "has no control"},
		{"/findings?control=S3.1", 400, "FRAMEWORK:CONTROL"},
		{"/findings?service=nosuch", 400, "not a service"},
		{"/findings?since=yesterday", 400, "filter since"},
		{"/findings.sarif?before=2026-13-45", 400, "filter before"},
		{"/findings?area=nowhere", 400, "unknown area"},
		{"/findings?check=x%27%3BDROP+TABLE+findings%3B--", 400, "not a check ID"},
		{"/findings?account=%27+OR+1%3D1--", 400, "not an account ID"},
		{"/findings?account=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 400, "&lt;script&gt;"},
		{"/findings?page=0", 400, "whole number"},
		{"/findings?page=99999999999999999999", 400, "whole number"},
		{"/findings?per=100000", 400, "whole number"},
		{"/findings?bogus=1", 400, "unknown filter"},
		{"/findings.csv?status=nope", 400, "unknown status"},
		{"/findings?page=1000000", 200, `<span id="total">`},
		{"/accounts/999999999999", 404, "no stored scan"},
		{"/accounts/%3Cimg%20src=x%3E", 400, "not an account ID"},
		{"/nowhere", 404, "no such page"},
	}
	for _, c := range cases {
		code, _, body := get(t, ts, c.path)
		if code != c.code || !strings.Contains(body, c.want) {
			t.Errorf("%s: %d, want %d with %q; body %.300s", c.path, code, c.code, c.want, body)
		}
		if strings.Contains(body, "<script>") || strings.Contains(body, "<img src=x>") {
			t.Errorf("%s: the input is echoed unescaped", c.path)
		}
	}
	// The findings table is still there after the injection attempts.
	if n, err := st.Findings(context.Background()); err != nil || len(n) == 0 {
		t.Fatalf("findings after injection attempts: %d, %v", len(n), err)
	}
	if logs.Len() > 0 {
		t.Errorf("bad input logged as an internal error: %s", logs)
	}
}

// TestHeaders: every response carries the security headers; every method
// but GET and HEAD is refused with 405.
func TestHeaders(t *testing.T) {
	st := filled(t, filepath.Join(t.TempDir(), "shoulder.db"))
	ts, _ := newServer(t, st)
	want := map[string]string{
		"Content-Security-Policy": serve.CSP,
		"X-Content-Type-Options":  "nosniff",
		"X-Frame-Options":         "DENY",
		"Referrer-Policy":         "no-referrer",
		"Cache-Control":           "no-store",
	}
	if !strings.Contains(serve.CSP, "default-src 'none'") || !strings.Contains(serve.CSP, "frame-ancestors 'none'") ||
		strings.Contains(serve.CSP, "unsafe") || strings.Contains(serve.CSP, "script-src") {
		t.Errorf("CSP %q is not strict", serve.CSP)
	}
	paths := []string{"/", "/accounts/210987654321", "/findings", "/findings.csv", "/findings.json", "/static/serve.css",
		"/nowhere", "/findings?status=broken"}
	for _, p := range paths {
		for _, m := range []string{"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"} {
			req, _ := http.NewRequest(m, ts.URL+p, strings.NewReader("x=1"))
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			for h, v := range want {
				if got := res.Header.Get(h); got != v {
					t.Errorf("%s %s: %s = %q, want %q", m, p, h, got, v)
				}
			}
			readOnly := m == "GET" || m == "HEAD"
			if !readOnly && (res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "GET, HEAD") {
				t.Errorf("%s %s: %d (Allow %q), want 405", m, p, res.StatusCode, res.Header.Get("Allow"))
			}
			if readOnly && res.StatusCode == http.StatusMethodNotAllowed {
				t.Errorf("%s %s: 405", m, p)
			}
		}
	}
}

// TestExportCSV: the CSV export is the report's CSV (its columns), one row
// per finding of the view, with formula cells defused.
func TestExportCSV(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "shoulder.db")
	st := filled(t, dsn)
	ctx := context.Background()
	sc := &store.Scan{Accounts: []string{"333333333333"}, Checks: []string{"iam_root_mfa_enabled"}, Results: []store.Result{{
		Key:     store.Key{Check: "iam_root_mfa_enabled", Account: "333333333333", Resource: "=HYPERLINK(\"http://evil\")"},
		State:   store.State{Present: true, Status: "fail", Severity: "critical"},
		Message: "@SUM(1+1)",
	}}}
	if _, err := st.Record(ctx, sc); err != nil {
		t.Fatal(err)
	}
	ts, _ := newServer(t, st)
	code, h, body := get(t, ts, "/findings.csv?status=open&account=333333333333")
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") || !strings.Contains(h.Get("Content-Disposition"), "attachment") {
		t.Fatalf("CSV export: %d %v", code, h)
	}
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(recs[0]) != fmt.Sprint(report.CSVColumns()) || len(recs) != 2 {
		t.Fatalf("CSV: header %v, %d rows", recs[0], len(recs)-1)
	}
	row := recs[1]
	if row[0] != "333333333333" || row[8] != `'=HYPERLINK("http://evil")` || row[9] != "'@SUM(1+1)" || row[3] != "identity" {
		t.Errorf("CSV row %q", row)
	}
	// The whole open view: as many rows as the explorer counts.
	want := expected(t, st, func(f store.Finding, _ check.Area) bool { return f.Failing() })
	_, _, all := get(t, ts, "/findings.csv?status=open")
	recs, err = csv.NewReader(strings.NewReader(all)).ReadAll()
	if err != nil || len(recs)-1 != len(want) {
		t.Errorf("CSV of the open view: %d rows, want %d (%v)", len(recs)-1, len(want), err)
	}
}

// TestCheckListen: loopback always; any other address only with a login,
// and the refusal says how to configure one.
func TestCheckListen(t *testing.T) {
	cases := []struct {
		addr            string
		ok, okWithLogin bool
	}{
		{"127.0.0.1:8080", true, true},
		{"127.0.0.2:9000", true, true},
		{"[::1]:8080", true, true},
		{"localhost:8080", true, true},
		{"0.0.0.0:8080", false, true},
		{":8080", false, true},
		{"[::]:8080", false, true},
		{"192.168.1.10:8080", false, true},
		{"example.com:80", false, true},
		{"127.0.0.1", false, false},
		{"", false, false},
	}
	for _, c := range cases {
		err := serve.CheckListen(c.addr, false)
		if (err == nil) != c.ok {
			t.Errorf("%q: %v, want ok=%v", c.addr, err, c.ok)
		}
		if !c.ok && c.addr != "" && c.addr != "127.0.0.1" {
			if !errors.Is(err, serve.ErrNeedsAuth) {
				t.Errorf("%q: %v does not say authentication is needed", c.addr, err)
			}
			for _, how := range []string{"--users", "adduser", "--oidc-issuer", "SHOULDER_OIDC_CLIENT_ID", "--tls-cert"} {
				if !strings.Contains(err.Error(), how) {
					t.Errorf("%q: %v does not say %s", c.addr, err, how)
				}
			}
		}
		if err := serve.CheckListen(c.addr, true); (err == nil) != c.okWithLogin {
			t.Errorf("%q with a login: %v, want ok=%v", c.addr, err, c.okWithLogin)
		}
	}
	// Serve refuses too, before listening.
	s, err := serve.New(nil, "test", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Serve(context.Background(), "0.0.0.0:0", nil); !errors.Is(err, serve.ErrNeedsAuth) {
		t.Errorf("Serve on 0.0.0.0: %v", err)
	}
}

// TestServeShutsDown serves on a free loopback port and stops when the
// context ends.
func TestServeShutsDown(t *testing.T) {
	st := filled(t, filepath.Join(t.TempDir(), "shoulder.db"))
	s, err := serve.New(st, "test", nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, "127.0.0.1:0", func(a net.Addr) { addr <- a.String() }) }()
	res, err := http.Get("http://" + <-addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("GET /: %d", res.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve after cancel: %v", err)
	}
}

// TestCacheFollowsTheStore: the overview and the explorer's counts are
// reused within a store generation, and a recorded or pruned scan shows at
// once.
func TestCacheFollowsTheStore(t *testing.T) {
	st := filled(t, filepath.Join(t.TempDir(), "shoulder.db"))
	ts, _ := newServer(t, st)
	const acct = "555555555555"
	q := "/findings?account=" + acct
	for _, p := range []string{"/", q} {
		if _, _, body := get(t, ts, p); strings.Contains(body, `href="/accounts/`+acct+`"`) {
			t.Fatalf("%s shows the account before its scan", p)
		}
	}
	_, _, body := get(t, ts, q)
	if !strings.Contains(body, `<span id="total">0</span>`) {
		t.Fatalf("explorer before the scan: %.200s", body)
	}
	sc := &store.Scan{Accounts: []string{acct}, Results: []store.Result{{Key: store.Key{Check: "iam_root_mfa_enabled", Account: acct, Resource: "root"},
		State: store.State{Present: true, Status: "fail", Severity: "critical"}}}}
	if _, err := st.Record(context.Background(), sc); err != nil {
		t.Fatal(err)
	}
	if _, _, body := get(t, ts, "/"); !strings.Contains(body, `href="/accounts/`+acct+`"`) {
		t.Error("the overview does not show the new scan's account")
	}
	if _, _, body := get(t, ts, q); !strings.Contains(body, `<span id="total">1</span>`) {
		t.Error("the explorer's count does not follow the new scan")
	}
	// Pruning every scan keeps the present findings (docs/store.md) but
	// not the scans: the overview no longer dates them.
	today := time.Now().UTC().Format("2006-01-02")
	if _, _, body := get(t, ts, "/"); !strings.Contains(body, today) {
		t.Fatal("the overview does not date the latest scans")
	}
	if _, err := st.Prune(context.Background(), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, _, body := get(t, ts, "/"); strings.Contains(body, today) || !strings.Contains(body, `href="/accounts/`+acct+`"`) {
		t.Error("the overview still shows pruned scans, or lost the present findings")
	}
}
