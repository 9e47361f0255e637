package serve_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"

	"strings"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/datamap"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/frameworks"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/regions"
	"github.com/shoulder-dev/shoulder/internal/reportview"
	"github.com/shoulder-dev/shoulder/internal/responsibility"
	"github.com/shoulder-dev/shoulder/internal/state"
	"github.com/shoulder-dev/shoulder/internal/store"
)

// The history, frameworks, waivers and account-change pages, over a store
// of dated scans: the demo account on two days (the second with the
// failures of three checks fixed and one passing result failing) and a
// synthetic account on the first.

var (
	day1 = time.Date(2026, 1, 10, 8, 0, 0, 0, time.UTC)
	day2 = time.Date(2026, 1, 12, 8, 0, 0, 0, time.UTC)
)

const demoAcct = "210987654321"

// history is the dated store's reports: the demo's on day 1 and day 2,
// the synthetic account's on day 1.
type history struct {
	demo1, demo2, synth *engine.Report
	// flipped counts the demo results day 2 changed.
	flipped int
}

func newHistory(t *testing.T) *history {
	t.Helper()
	reportsOnce.Do(func() { reports = append([]*engine.Report{demoReport(t)}, synthReports(t)...) })
	h := &history{demo1: reports[0], synth: reports[1]}
	d2 := *h.demo1
	d2.Results = append([]engine.Finding(nil), h.demo1.Results...)
	fixed := map[string]bool{}
	turned := false
	seen := map[string]bool{}
	for i := range d2.Results {
		f := &d2.Results[i]
		k := f.CheckID + "|" + f.AccountID + "|" + f.Region + "|" + f.Resource
		if seen[k] {
			continue // a duplicate key: the store keeps the first
		}
		seen[k] = true
		switch {
		case f.Status == check.Fail && (fixed[f.CheckID] || len(fixed) < 3):
			fixed[f.CheckID] = true
			f.Status = check.Pass
			h.flipped++
		case f.Status == check.Pass && !turned:
			turned = true
			f.Status = check.Fail
			h.flipped++
		}
	}
	h.demo2 = &d2
	return h
}

func (h *history) record(t *testing.T, dsn string) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	demoAcctState, demoPol := demoState(t)
	demoKept, err := reportview.Kept(demoAcctState, demoPol)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []struct {
		rep  *engine.Report
		at   time.Time
		kept *store.AccountContext
	}{{h.demo1, day1, demoKept}, {h.synth, day1.Add(time.Hour), nil}, {h.demo2, day2, demoKept}} {
		sc := store.FromReport(r.rep, store.Meta{Who: "test@host", Version: "test", RecordedAt: r.at})
		if r.kept != nil {
			sc.Contexts = []store.AccountContext{*r.kept}
		}
		if _, err := st.Record(ctx, sc); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// demoState is the demo account's state and policy (what scan --demo reads).
func demoState(t *testing.T) (*state.Account, *policy.Policy) {
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
	return a, pol
}

// TestAccountMatrixAndDataMap: the account page's duty matrix is the one
// `shoulder matrix` builds from the account's state and the scan
// (responsibility.Build), and the data map page's stores, per filter, are
// datamap.Build's under the same filter; an account whose scan kept
// neither says so.
func TestAccountMatrixAndDataMap(t *testing.T) {
	h := newHistory(t)
	acct, pol := demoState(t)
	cat, err := responsibility.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			st := h.record(t, b.dsn(t))
			ts, logs := newServer(t, st)
			_, _, body := get(t, ts, "/accounts/"+demoAcct)
			m := responsibility.Build(cat, acct, h.demo2, responsibility.Options{})
			table := regexp.MustCompile(`(?s)<table id="matrix">.*?</table>`).FindString(body)
			got := map[string]int{}
			for _, mm := range regexp.MustCompile(`<td><span class="flag flag-([a-z_]+)">`).FindAllStringSubmatch(table, -1) {
				got[mm[1]]++
			}
			for _, s := range responsibility.DutyStatuses {
				if got[string(s)] != m.Summary.ByStatus[s] {
					t.Errorf("matrix: %d duties %s, responsibility.Build says %d", got[string(s)], s, m.Summary.ByStatus[s])
				}
			}
			if n := strings.Count(table, `<tr class="dim">`); n != len(m.Services) || n == 0 {
				t.Errorf("matrix: %d services, want %d", n, len(m.Services))
			}
			if m.Summary.ByStatus[responsibility.NotMet] == 0 || m.Summary.ByStatus[responsibility.Met] == 0 {
				t.Fatal("the demo's matrix has no met or no unmet duty: the comparison proves little")
			}

			full := datamap.Build(acct, pol)
			cases := []struct {
				q string
				f datamap.Filter
			}{
				{"", datamap.Filter{}},
				{"exposure=public", datamap.Filter{Exposures: []string{"public"}}},
				{"region=EU&custody=%3E%3Dcustomer_managed", datamap.Filter{Regions: []string{"EU"}, Custody: ">=customer_managed"}},
				{"class=untagged,confidential&exposure=private", datamap.Filter{Classes: []string{"untagged", "confidential"}, Exposures: []string{"private"}}},
				{"region=us-east-1&sort=exposure", datamap.Filter{Regions: []string{"us-east-1"}}},
			}
			nonEmpty := 0
			for _, c := range cases {
				want := *full
				want.Stores = append([]datamap.Store(nil), full.Stores...)
				want.Select(c.f, "region")
				code, _, body := get(t, ts, "/accounts/"+demoAcct+"/data?"+c.q)
				if code != http.StatusOK {
					t.Fatalf("data %s: %d", c.q, code)
				}
				if m := totalRE.FindStringSubmatch(body); m == nil || m[1] != fmt.Sprint(len(want.Stores)) {
					t.Errorf("data %s: total %v, datamap selects %d", c.q, m, len(want.Stores))
				}
				for _, s := range want.Stores {
					if !strings.Contains(body, s.ARN) {
						t.Errorf("data %s: %s missing", c.q, s.ARN)
					}
				}
				if len(want.Stores) > 0 && len(want.Stores) < len(full.Stores) {
					nonEmpty++
				}
			}
			if nonEmpty < 2 {
				t.Errorf("only %d filters narrow the map: the cases prove little", nonEmpty)
			}
			// The synthetic account's scan kept nothing.
			_, _, body = get(t, ts, "/accounts/"+h.synth.AccountID)
			if !strings.Contains(body, "kept no services in use") {
				t.Error("an account without a kept context does not say so")
			}
			if code, _, body := get(t, ts, "/accounts/"+h.synth.AccountID+"/data"); code != http.StatusOK || !strings.Contains(body, "kept no data map") {
				t.Errorf("data map of an account without a kept context: %d", code)
			}
			if logs.Len() > 0 {
				t.Errorf("server logged: %s", logs)
			}
		})
	}
}

func failBySeverity(reps ...*engine.Report) map[string]int {
	out := map[string]int{}
	for _, r := range reps {
		for _, f := range r.Results {
			if f.Status == check.Fail {
				out[f.Severity.String()]++
			}
		}
	}
	return out
}

// TestOverviewHistory: the trend chart's points are the failures per
// severity at the end of each day (each account by its latest scan), the
// page carries no inline style, the time to resolve is the store's and
// the coverage counts the accounts by read level.
func TestOverviewHistory(t *testing.T) {
	h := newHistory(t)
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			st := h.record(t, b.dsn(t))
			ts, logs := newServer(t, st)
			code, _, body := get(t, ts, "/")
			if code != http.StatusOK {
				t.Fatalf("overview: %d", code)
			}
			if !strings.Contains(body, `class="chart chart-trend"`) {
				t.Fatal("no trend chart")
			}
			if strings.Contains(body, " style=") || strings.Contains(body, "<script") {
				t.Error("the overview carries an inline style or script, which the CSP refuses")
			}
			days := map[string]map[string]int{
				"2026-01-10": failBySeverity(h.demo1, h.synth),
				"2026-01-12": failBySeverity(h.demo2, h.synth),
			}
			lines := 0
			for sev := check.Critical; sev >= check.Info; sev-- {
				if days["2026-01-10"][sev.String()]+days["2026-01-12"][sev.String()] == 0 {
					continue
				}
				lines++
				for day, by := range days {
					want := fmt.Sprintf("<title>%s, %s: %d</title>", day, sev, by[sev.String()])
					if !strings.Contains(body, want) {
						t.Errorf("the chart lacks %s", want)
					}
				}
			}
			if n := strings.Count(body, "<polyline"); n != lines || lines == 0 {
				t.Errorf("%d lines, want %d", n, lines)
			}
			if days["2026-01-10"]["high"] == days["2026-01-12"]["high"] && days["2026-01-10"]["critical"] == days["2026-01-12"]["critical"] &&
				days["2026-01-10"]["medium"] == days["2026-01-12"]["medium"] {
				t.Fatal("the two days fail alike: the trend proves nothing")
			}

			res, err := st.MeanTimeToResolve(context.Background())
			if err != nil || len(res) == 0 {
				t.Fatalf("time to resolve: %v %v", res, err)
			}
			for _, r := range res {
				if r.Mean != day2.Sub(day1) {
					t.Errorf("%s resolved in %v, want %v", r.Severity, r.Mean, day2.Sub(day1))
				}
				want := fmt.Sprintf(`<td class="sev-%s">%s</td><td class="num">%d</td><td class="num">2.0 days</td>`, r.Severity, r.Severity, r.Resolved)
				if !strings.Contains(body, want) {
					t.Errorf("the page lacks %s", want)
				}
			}

			levels := map[string]int{}
			for _, r := range []*engine.Report{h.demo2, h.synth} {
				levels[engine.ReadLevel(r.Gaps)]++
			}
			want := fmt.Sprintf("fully by their latest scan: <strong>%d</strong>, partly: <strong>%d</strong>, not at all: <strong>0</strong>",
				levels[engine.ReadFull], levels[engine.ReadPartial])
			if !strings.Contains(body, want) {
				t.Errorf("coverage: the page lacks %q", want)
			}
			if logs.Len() > 0 {
				t.Errorf("server logged: %s", logs)
			}
		})
	}
}

var controlRE = regexp.MustCompile(`(?s)<tr>\s*<th scope="row">([^<]*)</th>.*?<span class="flag flag-([a-z_]+)">`)

// controls reads the frameworks page's control statuses.
func controls(t *testing.T, body string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, m := range controlRE.FindAllStringSubmatch(body, -1) {
		out[m[1]] = m[2]
	}
	return out
}

// assessed is frameworks.Assess over reports, as `scan --framework` judges.
func assessed(fw *frameworks.Framework, reps ...*engine.Report) map[string]string {
	var all []engine.Finding
	ran := map[string]bool{}
	for _, r := range reps {
		all = append(all, r.Results...)
		for _, c := range r.ChecksRun {
			ran[c] = true
		}
	}
	out := map[string]string{}
	for _, c := range frameworks.Assess(fw, all, ran).Controls {
		out[c.ID] = string(c.Status)
	}
	return out
}

// TestFrameworksPage: every framework's verdicts, for the demo account and
// the organization, now and on each stored date, equal frameworks.Assess
// over the reports recorded then.
func TestFrameworksPage(t *testing.T) {
	h := newHistory(t)
	fws, err := frameworks.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			st := h.record(t, b.dsn(t))
			ts, logs := newServer(t, st)
			differ := false
			for i := range fws {
				fw := &fws[i]
				cases := []struct {
					q    string
					want map[string]string
				}{
					{"account=" + demoAcct + "&at=2026-01-10", assessed(fw, h.demo1)},
					{"account=" + demoAcct + "&at=2026-01-11", assessed(fw, h.demo1)},
					{"account=" + demoAcct + "&at=2026-01-12", assessed(fw, h.demo2)},
					{"account=" + demoAcct, assessed(fw, h.demo2)},
					{"at=2026-01-10", assessed(fw, h.demo1, h.synth)},
					{"", assessed(fw, h.demo2, h.synth)},
				}
				for _, c := range cases {
					code, _, body := get(t, ts, "/frameworks?framework="+fw.ID+"&"+c.q)
					if code != http.StatusOK {
						t.Fatalf("%s %s: %d", fw.ID, c.q, code)
					}
					got := controls(t, body)
					if len(got) != len(fw.Controls) {
						t.Fatalf("%s %s: %d controls on the page, the framework has %d", fw.ID, c.q, len(got), len(fw.Controls))
					}
					for id, st := range c.want {
						if got[id] != st {
							t.Errorf("%s %s: control %s is %s, Assess says %s", fw.ID, c.q, id, got[id], st)
						}
					}
				}
				a1, a2 := assessed(fw, h.demo1), assessed(fw, h.demo2)
				for id := range a1 {
					differ = differ || a1[id] != a2[id]
				}
			}
			if !differ {
				t.Fatal("no control differs between the two days: the dates prove nothing")
			}
			if logs.Len() > 0 {
				t.Errorf("server logged: %s", logs)
			}
		})
	}
}

// TestWaiversPage: the demo's valid waiver is listed with its owner,
// expiry and the finding it covers; its expired one is flagged.
func TestWaiversPage(t *testing.T) {
	h := newHistory(t)
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			st := h.record(t, b.dsn(t))
			ts, _ := newServer(t, st)
			code, _, body := get(t, ts, "/waivers")
			if code != http.StatusOK {
				t.Fatalf("waivers: %d", code)
			}
			covered := map[string][]string{}
			for _, f := range h.demo2.Results {
				if f.Status == check.Waived && f.Waiver != nil {
					covered[f.Waiver.Owner+"|"+f.Waiver.Expires.Format(time.DateOnly)] = append(covered[f.Waiver.Owner+"|"+f.Waiver.Expires.Format(time.DateOnly)], f.Resource)
				}
			}
			if len(covered) == 0 || len(h.demo2.WaiverIssues) == 0 {
				t.Fatal("the demo waives nothing or has no waiver issue: the page proves nothing")
			}
			applied := regexp.MustCompile(`(?s)<table id="applied">.*?</table>`).FindString(body)
			for k, res := range covered {
				owner, exp, _ := strings.Cut(k, "|")
				if !strings.Contains(applied, "<td>"+owner+"</td>") || !strings.Contains(applied, exp) {
					t.Errorf("the applied waivers lack %s until %s", owner, exp)
				}
				if !strings.Contains(applied, fmt.Sprintf("<summary>%d finding(s)</summary>", len(res))) {
					t.Errorf("the waiver of %s does not cover %d findings", owner, len(res))
				}
				for _, r := range res {
					if !strings.Contains(applied, r) {
						t.Errorf("the waiver of %s does not list %s", owner, r)
					}
				}
			}
			issues := regexp.MustCompile(`(?s)<table id="issues">.*?</table>`).FindString(body)
			for _, wi := range h.demo2.WaiverIssues {
				if !strings.Contains(issues, `<span class="flag flag-`+wi.Problem+`">`+wi.Problem+`</span>`) ||
					!strings.Contains(issues, wi.Waiver.Check) {
					t.Errorf("the issues lack %s %s", wi.Problem, wi.Waiver.Check)
				}
			}
		})
	}
}

// TestAccountChanges: the account page lists what its latest scan changed.
func TestAccountChanges(t *testing.T) {
	h := newHistory(t)
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			st := h.record(t, b.dsn(t))
			ts, _ := newServer(t, st)
			code, _, body := get(t, ts, "/accounts/"+demoAcct)
			if code != http.StatusOK {
				t.Fatalf("account: %d", code)
			}
			if want := fmt.Sprintf("Changed since the previous scan (%d)", h.flipped); !strings.Contains(body, want) || h.flipped < 2 {
				t.Errorf("the account page lacks %q", want)
			}
			table := regexp.MustCompile(`(?s)<table id="changes">.*?</table>`).FindString(body)
			kinds := map[string]int{}
			for _, m := range regexp.MustCompile(`<span class="flag flag-[a-z]+">([a-z]+)</span>`).FindAllStringSubmatch(table, -1) {
				kinds[m[1]]++
			}
			if kinds["fixed"] != h.flipped-1 || kinds["failing"] != 1 {
				t.Errorf("changes by kind %v, want %d fixed and 1 failing", kinds, h.flipped-1)
			}
			// The synthetic account's only scan changed everything from nothing.
			_, _, body = get(t, ts, "/accounts/"+h.synth.AccountID)
			if want := fmt.Sprintf("Changed since the previous scan (%d)", len(h.synth.Results)); !strings.Contains(body, want) {
				t.Errorf("the synthetic account lacks %q", want)
			}
		})
	}
}

// TestNewPagesBadInput: unknown accounts, malformed and out-of-range dates,
// unknown frameworks and parameters, huge page numbers: 400 or 404 with a
// message, never a 500 and never the input unescaped.
func TestNewPagesBadInput(t *testing.T) {
	h := newHistory(t)
	st := h.record(t, backends()[0].dsn(t))
	ts, logs := newServer(t, st)
	future := time.Now().UTC().AddDate(0, 0, 2).Format(time.DateOnly)
	cases := []struct {
		path string
		code int
		want string
	}{
		{"/frameworks?account=999999999999", 404, "no stored scan covers this account"},
		{"/frameworks?account=999999999999&at=2026-01-12", 404, "no stored scan"},
		{"/frameworks?account=%3Cscript%3E", 400, "not an account ID"},
		{"/frameworks?at=2026-13-01", 400, "not a date"},
		{"/frameworks?at=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 400, "&lt;script&gt;"},
		{"/frameworks?at=yesterday", 400, "not a date"},
		{"/frameworks?at=2000-01-01", 404, "no stored scan was recorded by 2000-01-01"},
		{"/frameworks?at=" + future, 400, "in the future"},
		{"/frameworks?framework=cis-9.9", 404, "no such framework"},
		{"/frameworks?framework=%27%20OR%201%3D1", 404, "no such framework"},
		{"/frameworks?page=99999999999999999999", 400, "unknown parameter"},
		{"/waivers?page=99999999999999999999", 400, "no parameters"},
		{"/accounts/" + demoAcct + "?page=99999999999999999999", 400, "whole number"},
		{"/accounts/" + demoAcct + "?page=1000000", 200, "Changed since the previous scan"},
		{"/accounts/999999999999", 404, "no stored scan"},
		{"/accounts/999999999999/data", 404, "no stored scan"},
		{"/accounts/%3Cscript%3E/data", 400, "not an account ID"},
		{"/accounts/" + demoAcct + "/data?exposure=everyone", 400, "not public, shared, private or unknown"},
		{"/accounts/" + demoAcct + "/data?custody=%3E%3Dsomething", 400, "custody"},
		{"/accounts/" + demoAcct + "/data?region=%3Cscript%3E", 400, "&lt;script&gt;"},
		{"/accounts/" + demoAcct + "/data?sort=size", 400, "sort="},
		{"/accounts/" + demoAcct + "/data?page=99999999999999999999", 400, "unknown filter"},
		{"/frameworks?framework=fsbp-1.0.0&account=" + demoAcct + "&at=2026-01-10", 200, "Foundational"},
	}
	for _, c := range cases {
		code, _, body := get(t, ts, c.path)
		if code != c.code || !strings.Contains(body, c.want) {
			t.Errorf("%s: %d, want %d with %q; body %.300s", c.path, code, c.code, c.want, body)
		}
		if strings.Contains(body, "<script>") {
			t.Errorf("%s: the input is echoed unescaped", c.path)
		}
	}
	if logs.Len() > 0 {
		t.Errorf("bad input logged as an internal error: %s", logs)
	}

	// An empty store: every new page answers, none fails.
	empty, err := store.Open(context.Background(), backends()[0].dsn(t))
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	ets, elogs := newServer(t, empty)
	for _, c := range []struct {
		path string
		code int
	}{{"/", 200}, {"/waivers", 200}, {"/frameworks", 404}, {"/frameworks?at=2026-01-10", 404}} {
		if code, _, _ := get(t, ets, c.path); code != c.code {
			t.Errorf("empty store %s: %d, want %d", c.path, code, c.code)
		}
	}
	if elogs.Len() > 0 {
		t.Errorf("empty store logged: %s", elogs)
	}
}
