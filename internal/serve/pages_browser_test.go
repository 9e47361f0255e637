package serve_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/regions"
	"github.com/shoulder-dev/shoulder/internal/reportview"
	"github.com/shoulder-dev/shoulder/internal/serve"
	"github.com/shoulder-dev/shoulder/internal/store"
)

var screenshots = flag.Bool("screenshots", false, "rewrite docs/serve-overview.png and docs/serve-account.png from a store of the demo organization")

// demoOrgStore records the demo organization (--demo-org) as daily scans
// over two weeks: each day the accounts fix some of their failures, and a
// few come back, so the overview has a trend and the account page changes.
func demoOrgStore(t *testing.T, dsn string, end time.Time) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	names := policy.Names{Jurisdiction: func(s string) ([]string, error) { return regions.InJurisdiction(s), nil }}
	pol, err := policy.Parse("demo shoulder.yaml", demo.Policy(), names)
	if err != nil {
		t.Fatal(err)
	}
	var reps []*engine.Report
	var kept []*store.AccountContext
	for _, id := range demo.OrgAccounts() {
		a, err := demo.LoadOrgAccount(id)
		if err != nil {
			t.Fatal(err)
		}
		reps = append(reps, engine.Run(checks.All(), a, pol))
		k, err := reportview.Kept(a, pol)
		if err != nil {
			t.Fatal(err)
		}
		kept = append(kept, k)
	}
	const days = 14
	for d := 0; d < days; d++ {
		for i, rep := range reps {
			r := *rep
			r.Results = append([]engine.Finding(nil), rep.Results...)
			for j := range r.Results {
				f := &r.Results[j]
				// Failures are fixed over the days (a share each day), a few
				// reopen every third day.
				if f.Status == check.Fail && (j*7+i)%(4*days) < d && !(d%3 == 0 && j%11 == 0) {
					f.Status = check.Pass
				}
			}
			at := end.AddDate(0, 0, d-days+1).Add(time.Duration(i) * time.Minute)
			sc := store.FromReport(&r, store.Meta{Who: "demo@shoulder", Version: "demo", RecordedAt: at})
			sc.Contexts = []store.AccountContext{*kept[i]}
			if _, err := st.Record(ctx, sc); err != nil {
				t.Fatal(err)
			}
		}
	}
	return st
}

// hostileWaivers records an account whose waivers (owner, reason,
// resource, check) and waiver issues carry the payloads.
func hostileWaivers(t *testing.T, st *store.Store, at time.Time) {
	t.Helper()
	sc := &store.Scan{RecordedAt: at, Accounts: []string{hostileAcct}, Regions: []string{"eu-west-1"}, Checks: []string{"s3_bucket_public_access_block"}}
	var issues []engine.WaiverIssue
	for i, p := range payloads {
		w := fmt.Sprintf(`{"Check":%q,"Resource":%q,"Reason":%q,"Owner":%q,"Expires":"2027-01-01"}`, "s3_bucket_public_access_block", p, p, p)
		sc.Results = append(sc.Results, store.Result{Key: store.Key{Check: "s3_bucket_public_access_block", Account: hostileAcct,
			Region: "eu-west-1", Resource: fmt.Sprint("arn:aws:s3:::b", i, p)},
			State: store.State{Present: true, Status: "waived", WaivedFrom: "fail", Severity: "high", Waiver: w}, Message: p})
		issues = append(issues, engine.WaiverIssue{Waiver: policy.Waiver{Check: p, Resource: p, Reason: p, Owner: p}, Problem: engine.WaiverStale})
	}
	sc.ReportMeta = map[string]any{"regions_scanned": []string{"eu-west-1"}, "waiver_issues": issues}
	if _, err := st.Record(context.Background(), sc); err != nil {
		t.Fatal(err)
	}
}

// TestNewPagesInChromium loads the overview (with its trend chart), an
// account page, the frameworks page now and on a date and the waivers page
// (whose waivers carry the payloads) in headless Chromium under the strict
// CSP: nothing executes, nothing is injected, every table keeps its
// columns, the chart is drawn, and the browser logs nothing (no CSP
// violation: the pages use no inline style or script). With -screenshots
// it rewrites the README's screenshots of the overview and an account
// page.
func TestNewPagesInChromium(t *testing.T) {
	end := time.Now().UTC().Truncate(24 * time.Hour).Add(-18 * time.Hour)
	st := demoOrgStore(t, filepath.Join(t.TempDir(), "shoulder.db"), end)
	hostile, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "hostile.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer hostile.Close()
	hostileWaivers(t, hostile, end)
	server := func(st *store.Store) *httptest.Server {
		s, err := serve.New(st, "test", func(f string, a ...any) { t.Errorf("server logged: "+f, a...) })
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(s.Handler())
		t.Cleanup(ts.Close)
		return ts
	}
	ts, hts := server(st), server(hostile)
	b := startBrowser(t)
	past := end.AddDate(0, 0, -7).Format(time.DateOnly)
	pages := []struct {
		ts         *httptest.Server
		path, shot string
		chart      bool
	}{
		{ts, "/", "serve-overview.png", true},
		{ts, "/accounts/210987654321", "serve-account.png", false},
		{ts, "/accounts/210987654321/data?exposure=public", "", false},
		{ts, "/frameworks?framework=cis-5.0", "", false},
		{ts, "/frameworks?framework=fsbp-1.0.0&account=210987654321&at=" + past, "", false},
		{ts, "/waivers", "", false},
		{hts, "/waivers", "", false},
		{hts, "/accounts/" + hostileAcct, "", false},
		{hts, "/", "", false},
	}
	for _, p := range pages {
		b.ClearLogged()
		b.Navigate(t, p.ts.URL+p.path)
		var got struct {
			XSS      any
			Injected int
			Bad      []string
			Chart    float64
			Text     string
		}
		b.Eval(t, `(() => {
			const bad = [];
			for (const tb of document.querySelectorAll('table')) {
				const cols = tb.querySelectorAll('thead th').length;
				for (const tr of tb.querySelectorAll('tbody tr')) {
					const cells = Array.from(tr.children).reduce((n, c) => n + (c.colSpan || 1), 0);
					if (cells !== cols) bad.push(tb.id + ': ' + cells + ' cells, ' + cols + ' columns');
				}
			}
			const chart = document.querySelector('svg.chart-trend');
			return {
				XSS: window.__xss === undefined ? null : window.__xss,
				Injected: document.querySelectorAll('script, img, iframe, style, #pwn, #pwnlink, [onerror], [onload], [href^="javascript:"], svg:not(.chart-trend)').length,
				Bad: bad,
				Chart: chart ? chart.getBoundingClientRect().width * chart.querySelectorAll('polyline').length : 0,
				Text: document.body.innerText,
			};
		})()`, &got)
		if got.XSS != nil || got.Injected != 0 {
			t.Errorf("%s: payload took effect: __xss=%v, %d injected elements", p.path, got.XSS, got.Injected)
		}
		if len(got.Bad) > 0 {
			t.Errorf("%s: table structure broken: %v", p.path, got.Bad)
		}
		if p.chart && got.Chart < 100 {
			t.Errorf("%s: the trend chart is not drawn (width x lines %.0f)", p.path, got.Chart)
		}
		if p.ts == hts && p.path == "/waivers" {
			for _, pl := range payloads {
				if !strings.Contains(got.Text, pl) {
					t.Errorf("waivers: payload %q not shown as text", pl)
				}
			}
		}
		if len(b.Logged()) > 0 {
			t.Errorf("%s: the browser logged %v", p.path, b.Logged())
		}
		if *screenshots && p.shot != "" {
			png := b.Screenshot(t, 1400)
			if !bytes.HasPrefix(png, []byte("\x89PNG")) {
				t.Fatalf("%s: not a PNG", p.path)
			}
			if err := os.WriteFile(filepath.Join("..", "..", "docs", p.shot), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
