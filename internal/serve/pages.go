package serve

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/store"
)

// checkIndex is the built-in checks' text by ID: the store keeps check IDs,
// the registry says their area, title and remediation.
type checkIndex struct {
	byID   map[string]check.Check
	byArea map[check.Area][]string
}

func newCheckIndex() checkIndex {
	ix := checkIndex{byID: map[string]check.Check{}, byArea: map[check.Area][]string{}}
	for _, c := range checks.All() {
		ix.byID[c.ID] = c
		ix.byArea[c.Area] = append(ix.byArea[c.Area], c.ID)
	}
	return ix
}

// area is a check's area ("" for a check this binary does not know).
func (ix checkIndex) area(id string) check.Area { return ix.byID[id].Area }

// accountSummary is one row of the overview.
type accountSummary struct {
	Account  string
	Scan     store.ScanRow
	Failures map[string]int // by severity
	Failing  int
	Coverage engine.Coverage
	Percent  float64
	Cells    []heatCell
}

// heatCell is one account × area cell: failing findings and a level 0-4.
type heatCell struct {
	Area  check.Area
	N     int
	Level int
	Link  string
}

// overviewView is the overview page's data, computed once per store
// generation and shared read-only by the requests of that generation.
type overviewView struct {
	Title      string
	Accounts   []*accountSummary
	Areas      []check.Area
	Severities []string
}

func (s *Server) overview(w http.ResponseWriter, r *http.Request) {
	gen, err := s.st.Generation(r.Context())
	if err != nil {
		s.internal(w, r, err)
		return
	}
	v, err := s.cache.overview(gen, func() (*overviewView, error) { return s.buildOverview(r.Context()) })
	if err != nil {
		s.internal(w, r, err)
		return
	}
	sc := s.scopeOf(r)
	h, err := s.history(r.Context(), sc)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "overview", struct {
		*overviewView
		History *historyView
	}{v.within(sc), h})
}

func (s *Server) buildOverview(ctx context.Context) (*overviewView, error) {
	counts, err := s.st.CurrentCounts(ctx)
	if err != nil {
		return nil, err
	}
	latest, err := s.st.LatestScans(ctx)
	if err != nil {
		return nil, err
	}
	byAcct := map[string]*accountSummary{}
	perArea := map[string]map[check.Area]int{}
	get := func(a string) *accountSummary {
		if byAcct[a] == nil {
			byAcct[a] = &accountSummary{Account: a, Scan: latest[a], Failures: map[string]int{}}
			perArea[a] = map[check.Area]int{}
		}
		return byAcct[a]
	}
	for a := range latest {
		get(a)
	}
	max := 0
	for _, c := range counts {
		sum := get(c.Account)
		sum.Coverage.Add(check.Status(c.Status), check.Status(c.WaivedFrom), c.N)
		if c.Status == string(check.Fail) {
			sum.Failures[c.Severity] += c.N
			sum.Failing += c.N
			perArea[c.Account][s.meta.area(c.Check)] += c.N
			if n := perArea[c.Account][s.meta.area(c.Check)]; n > max {
				max = n
			}
		}
	}
	var rows []*accountSummary
	for a, sum := range byAcct {
		sum.Percent = sum.Coverage.Percent()
		for _, area := range check.Areas {
			n := perArea[a][area]
			q := url.Values{"account": {a}, "area": {string(area)}, "status": {string(check.Fail)}}
			sum.Cells = append(sum.Cells, heatCell{Area: area, N: n, Level: level(n, max), Link: "/findings?" + q.Encode()})
		}
		rows = append(rows, sum)
	}
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		for _, sev := range severityOrder() {
			if a.Failures[sev] != b.Failures[sev] {
				return a.Failures[sev] > b.Failures[sev]
			}
		}
		return a.Account < b.Account
	})
	return &overviewView{"Overview", rows, check.Areas, severityOrder()}, nil
}

// within is the overview as a viewer of scope sc sees it: the accounts it
// may not see are left out, and the heatmap's levels are recomputed over
// the accounts left (a level relative to the whole organization's worst
// cell would tell a limited viewer about accounts it may not see). The
// cached view is shared, so this copies.
func (v *overviewView) within(sc Scope) *overviewView {
	out := *v
	out.Accounts = nil
	max := 0
	for _, a := range v.Accounts {
		if sc.Allows(a.Account) {
			out.Accounts = append(out.Accounts, a)
			for _, c := range a.Cells {
				if c.N > max {
					max = c.N
				}
			}
		}
	}
	if len(out.Accounts) == len(v.Accounts) {
		return &out
	}
	for i, a := range out.Accounts {
		cp := *a
		cp.Cells = make([]heatCell, len(a.Cells))
		for j, c := range a.Cells {
			c.Level = level(c.N, max)
			cp.Cells[j] = c
		}
		out.Accounts[i] = &cp
	}
	return &out
}

// page counts the findings f selects (once per store generation and
// filter) and reads its page.
func (s *Server) page(ctx context.Context, f store.FindingFilter) ([]store.FindingRow, int64, error) {
	gen, err := s.st.Generation(ctx)
	if err != nil {
		return nil, 0, err
	}
	key := fmt.Sprintf("%+v", store.FindingFilter{Accounts: f.Accounts, Statuses: f.Statuses, Severities: f.Severities,
		Checks: f.Checks, RestrictChecks: f.RestrictChecks, Failing: f.Failing, Gone: f.Gone})
	total, ok := s.cache.total(gen, key)
	if !ok {
		if total, err = s.st.CountFindings(ctx, f); err != nil {
			return nil, 0, err
		}
		s.cache.setTotal(gen, key, total)
	}
	if total == 0 || int64(f.Offset) >= total {
		return nil, total, nil
	}
	rows, err := s.st.ListFindings(ctx, f)
	return rows, total, err
}

// level buckets n of max into 0 (none) to 4.
func level(n, max int) int {
	if n == 0 || max == 0 {
		return 0
	}
	return 1 + (n*4-1)/max
}

// findingView is one finding with its check's text.
type findingView struct {
	store.FindingRow
	Title       string
	Area        check.Area
	Remediation string
	AccountLink string
}

func (s *Server) views(rows []store.FindingRow) []findingView {
	out := make([]findingView, len(rows))
	for i, r := range rows {
		c := s.meta.byID[r.Check]
		out[i] = findingView{FindingRow: r, Title: c.Title, Area: c.Area, Remediation: c.Remediation.Console,
			AccountLink: "/accounts/" + url.PathEscape(r.Account)}
	}
	return out
}

func (s *Server) account(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !validAccount(id) {
		s.fail(w, http.StatusBadRequest, "not an account ID")
		return
	}
	if !s.scopeOf(r).Allows(id) {
		// The same answer as an unknown account: a viewer limited to
		// other accounts learns nothing about this one.
		s.fail(w, http.StatusNotFound, "no stored scan covers this account")
		return
	}
	scan, ok, err := s.st.LatestScan(r.Context(), id)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if !ok {
		s.fail(w, http.StatusNotFound, "no stored scan covers this account")
		return
	}
	q, err := parseQuery(r.URL.Query(), s.meta)
	if err != nil {
		s.fail(w, http.StatusBadRequest, err.Error())
		return
	}
	f := store.FindingFilter{Accounts: []string{id}, Failing: true, Limit: q.Per, Offset: (q.Page - 1) * q.Per}
	rows, total, err := s.page(r.Context(), f)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	changes, err := s.changes(r.Context(), scan, id)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	kept, err := s.kept(r.Context(), scan, id)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	var matrix *matrixView
	if kept != nil {
		matrix = viewMatrix(kept.Matrix)
	}
	base := url.Values{}
	s.render(w, http.StatusOK, "account", struct {
		Title    string
		Account  string
		Scan     store.ScanRow
		Total    int64
		Findings []findingView
		Pages    pager
		Explore  string
		Changes  *changesView
		Links    accountLinks
		Matrix   *matrixView
	}{"Account " + id, id, scan, total, s.views(rows), newPager(r.URL.Path, base, q, total),
		"/findings?" + url.Values{"account": {id}, "status": {"open"}}.Encode(), changes, linksOf(id), matrix})
}

func (s *Server) findings(w http.ResponseWriter, r *http.Request) {
	q, err := parseQuery(r.URL.Query(), s.meta)
	if err != nil {
		s.fail(w, http.StatusBadRequest, err.Error())
		return
	}
	f, any := s.scopeOf(r).Filter(q.filter())
	f.Limit, f.Offset = q.Per, (q.Page-1)*q.Per
	var rows []store.FindingRow
	var total int64
	if any {
		if rows, total, err = s.page(r.Context(), f); err != nil {
			s.internal(w, r, err)
			return
		}
	}
	enc := q.values().Encode()
	s.render(w, http.StatusOK, "findings", struct {
		Title      string
		Q          query
		Total      int64
		Findings   []findingView
		Pages      pager
		Statuses   []string
		Severities []string
		Areas      []check.Area
		CSV, JSON  string
	}{"Findings", q, total, s.views(rows), newPager(r.URL.Path, q.values(), q, total),
		append([]string{"open"}, statusNames()...), severityOrder(), check.Areas,
		"/findings.csv?" + enc, "/findings.json?" + enc})
}

func statusNames() []string {
	out := make([]string, len(check.Statuses))
	for i, s := range check.Statuses {
		out[i] = string(s)
	}
	return out
}
