package serve

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/store"
)

// TestNewPagesHonourScope: the history, frameworks and waivers pages of a
// viewer limited to some accounts count and show those accounts only, and
// answer another account's page as they answer an unknown one.
func TestNewPagesHonourScope(t *testing.T) {
	const a, b = "111111111111", "222222222222"
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "shoulder.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	day := time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC)
	waiver := `{"Check":"c1","Resource":"r2","Reason":"accepted","Owner":"owner-of-a","Expires":"2027-01-01"}`
	scan := func(d int, acct string, rs ...store.Result) *store.Scan {
		c := store.Counts{ByStatus: map[string]int{}, FailBySeverity: map[string]int{}, FailByArea: map[string]int{}, FailByAccount: map[string]int{}}
		for _, r := range rs {
			c.ByStatus[r.Status]++
			if r.Status == "fail" {
				c.FailBySeverity[r.Severity]++
				c.FailByAccount[acct]++
			}
		}
		return &store.Scan{RecordedAt: day.AddDate(0, 0, d), Accounts: []string{acct}, Checks: []string{"c1"},
			Regions: []string{"eu-west-1"}, Results: rs, Counts: c}
	}
	res := func(acct, resource, status, sev string) store.Result {
		return store.Result{Key: store.Key{Check: "c1", Account: acct, Region: "eu-west-1", Resource: resource},
			State: store.State{Present: true, Status: status, Severity: sev}}
	}
	waived := res(a, "r2", "waived", "low")
	waived.WaivedFrom, waived.Waiver = "fail", waiver
	for _, sc := range []*store.Scan{
		scan(0, a, res(a, "r1", "fail", "critical"), waived),
		scan(0, b, res(b, "q1", "fail", "high")),
		scan(1, a, res(a, "r1", "pass", "critical"), waived),
		scan(1, b, res(b, "q1", "fail", "high")),
	} {
		if _, err := st.Record(ctx, sc); err != nil {
			t.Fatal(err)
		}
	}
	s, err := New(st, "test", func(f string, args ...any) { t.Errorf("logged: "+f, args...) })
	if err != nil {
		t.Fatal(err)
	}

	points, err := st.Trends(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	onlyB := orgTrend(points, OnlyAccounts(b))
	if len(onlyB) != 2 || onlyB[0].BySeverity["critical"] != 0 || onlyB[1].BySeverity["high"] != 1 {
		t.Errorf("b's trend %+v", onlyB)
	}
	all := orgTrend(points, AllAccounts())
	if len(all) != 2 || all[0].BySeverity["critical"] != 1 || all[1].BySeverity["critical"] != 0 || all[1].BySeverity["high"] != 1 {
		t.Errorf("the organization's trend %+v", all)
	}
	if none := orgTrend(points, OnlyAccounts()); len(none) != 0 {
		t.Errorf("a viewer of no account sees a trend: %+v", none)
	}

	hb, err := s.buildHistory(ctx, OnlyAccounts(b))
	if err != nil {
		t.Fatal(err)
	}
	ha, err := s.buildHistory(ctx, OnlyAccounts(a))
	if err != nil {
		t.Fatal(err)
	}
	if len(hb.Resolve) != 0 || len(ha.Resolve) != 1 || hb.Full != 1 || ha.Full != 1 {
		t.Errorf("history of b %+v, of a %+v", hb, ha)
	}

	call := func(h func(http.ResponseWriter, *http.Request, Scope), path string, sc Scope) (int, string) {
		rec := httptest.NewRecorder()
		h(rec, httptest.NewRequest("GET", path, nil), sc)
		return rec.Code, rec.Body.String()
	}
	unknownCode, unknown := call(s.frameworksIn, "/frameworks?account=999999999999", OnlyAccounts(b))
	code, body := call(s.frameworksIn, "/frameworks?account="+a, OnlyAccounts(b))
	if code != http.StatusNotFound || code != unknownCode || body != unknown {
		t.Errorf("b's viewer on a's frameworks: %d, an unknown account %d; the pages differ: %v", code, unknownCode, body != unknown)
	}
	code, body = call(s.frameworksIn, "/frameworks?account="+a+"&at=2026-02-01", OnlyAccounts(b))
	if code != http.StatusNotFound {
		t.Errorf("b's viewer on a's frameworks of a date: %d", code)
	}
	if code, body = call(s.frameworksIn, "/frameworks", OnlyAccounts(b)); code != http.StatusOK || !strings.Contains(body, "1 account(s)") {
		t.Errorf("b's viewer on the organization's frameworks: %d, want one account", code)
	}
	dataReq := func(id string, sc Scope) (int, string) {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/accounts/"+id+"/data", nil)
		req.SetPathValue("id", id)
		s.dataIn(rec, req, sc)
		return rec.Code, rec.Body.String()
	}
	uc, ub := dataReq("999999999999", OnlyAccounts(b))
	if c, body := dataReq(a, OnlyAccounts(b)); c != http.StatusNotFound || c != uc || body != ub {
		t.Errorf("b's viewer on a's data map: %d, an unknown account %d", c, uc)
	}
	if c, _ := dataReq(a, OnlyAccounts(a)); c != http.StatusOK {
		t.Errorf("a's viewer on a's data map: %d", c)
	}
	if _, body = call(s.waiversIn, "/waivers", OnlyAccounts(b)); strings.Contains(body, "owner-of-a") || strings.Contains(body, a) {
		t.Error("b's viewer sees a's waiver")
	}
	if _, body = call(s.waiversIn, "/waivers", OnlyAccounts(a)); !strings.Contains(body, "owner-of-a") {
		t.Error("a's viewer does not see a's waiver")
	}
}

// TestAccountPageCacheKeepsScopes: the account page is rendered once per
// store generation and kept, but a kept render never answers a viewer of
// another scope: a viewer limited to b asking for a's page (rendered and
// kept for a's viewer) gets the unknown account's answer, and each scope's
// render is its own entry. A recorded scan renders the page again.
func TestAccountPageCacheKeepsScopes(t *testing.T) {
	const a, b = "111111111111", "222222222222"
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "shoulder.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res := func(acct, resource, status string) store.Result {
		return store.Result{Key: store.Key{Check: "iam_root_mfa_enabled", Account: acct, Region: "eu-west-1", Resource: resource},
			State: store.State{Present: true, Status: status, Severity: "critical"}}
	}
	record := func(acct string, rs ...store.Result) {
		t.Helper()
		if _, err := st.Record(ctx, &store.Scan{Accounts: []string{acct}, Checks: []string{"iam_root_mfa_enabled"}, Results: rs}); err != nil {
			t.Fatal(err)
		}
	}
	record(a, res(a, "secret-of-a", "fail"))
	record(b, res(b, "thing-of-b", "fail"))
	s, err := New(st, "test", func(f string, args ...any) { t.Errorf("logged: "+f, args...) })
	if err != nil {
		t.Fatal(err)
	}
	page := func(id string, sc Scope) (int, string) {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/accounts/"+id, nil)
		req.SetPathValue("id", id)
		s.accountIn(rec, req, sc)
		return rec.Code, rec.Body.String()
	}
	kept := func() int {
		s.accountPages.mu.Lock()
		defer s.accountPages.mu.Unlock()
		return len(s.accountPages.answers)
	}
	for i := 0; i < 2; i++ { // the second time from the cache
		if code, body := page(a, OnlyAccounts(a)); code != http.StatusOK || !strings.Contains(body, "secret-of-a") {
			t.Fatalf("a's viewer on a's page: %d", code)
		}
	}
	if n := kept(); n != 1 {
		t.Fatalf("%d pages kept after two requests of one page, want 1", n)
	}
	unknownCode, unknown := page("999999999999", OnlyAccounts(b))
	code, body := page(a, OnlyAccounts(b))
	if code != http.StatusNotFound || code != unknownCode || body != unknown || strings.Contains(body, "secret-of-a") {
		t.Errorf("b's viewer on a's kept page: %d, an unknown account %d; the pages differ: %v", code, unknownCode, body != unknown)
	}
	if code, body = page(b, OnlyAccounts(b)); code != http.StatusOK || strings.Contains(body, "secret-of-a") || !strings.Contains(body, "thing-of-b") {
		t.Errorf("b's viewer on b's page: %d", code)
	}
	if code, _ = page(a, AllAccounts()); code != http.StatusOK {
		t.Errorf("an unlimited viewer on a's page: %d", code)
	}
	if n := kept(); n != 3 {
		t.Errorf("%d pages kept, want 3 (a's for a's viewer and for every account's, b's for b's viewer)", n)
	}
	// Pages of another size are rendered, not kept (500-row pages would
	// make the bound of kept pages a bound of little).
	big := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/accounts/"+a+"?per=500", nil)
	req.SetPathValue("id", a)
	s.accountIn(big, req, OnlyAccounts(a))
	if big.Code != http.StatusOK || !strings.Contains(big.Body.String(), "secret-of-a") {
		t.Errorf("a 500-row page: %d", big.Code)
	}
	if n := kept(); n != 3 {
		t.Errorf("%d pages kept after a 500-row page, want 3", n)
	}
	// A new scan of a: its page follows.
	record(a, res(a, "secret-of-a", "pass"))
	if code, body = page(a, OnlyAccounts(a)); code != http.StatusOK || !strings.Contains(body, "No open finding") {
		t.Errorf("a's page after a's finding passed: %d, still open: %v", code, !strings.Contains(body, "No open finding"))
	}
	if n := kept(); n != 1 {
		t.Errorf("%d pages kept after a new scan, want only the new render", n)
	}
}
