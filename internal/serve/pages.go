package serve

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/frameworks"
	"github.com/shoulder-dev/shoulder/internal/store"
)

// checkIndex is the built-in checks' text by ID: the store keeps check IDs,
// the registry says their area, title and remediation.
type checkIndex struct {
	byID   map[string]check.Check
	byArea map[check.Area][]string
	// all and frameworks are what the findings filters resolve against.
	all        []check.Check
	frameworks []frameworks.Framework
}

func newCheckIndex() (checkIndex, error) {
	fws, err := frameworks.All()
	if err != nil {
		return checkIndex{}, err
	}
	ix := checkIndex{byID: map[string]check.Check{}, byArea: map[check.Area][]string{}, all: checks.All(), frameworks: fws}
	for _, c := range ix.all {
		ix.byID[c.ID] = c
		ix.byArea[c.Area] = append(ix.byArea[c.Area], c.ID)
	}
	return ix, nil
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
	// Severity is Failures in severityOrder, for the row's cells.
	Severity []severityCount
	// Row and Heat are the account's rows of the two overview tables,
	// rendered once per store generation by the page's own templates
	// (account-row, heat-row: escaped as every page is): the overview
	// then writes 200 accounts' rows instead of evaluating some 9,000
	// template actions per request, which was most of its time.
	Row, Heat template.HTML
}

// severityCount is an account's failing findings of one severity.
type severityCount struct {
	Name string
	N    int
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
	gen, err := s.generation(r.Context())
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
	mine, err := s.within(v, sc)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "overview", struct {
		*overviewView
		History *historyView
	}{mine, h})
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
		for _, sev := range severityOrder() {
			sum.Severity = append(sum.Severity, severityCount{sev, sum.Failures[sev]})
		}
		if sum.Row, err = s.overviewRow("account-row", sum); err != nil {
			return nil, err
		}
		if sum.Heat, err = s.overviewRow("heat-row", sum); err != nil {
			return nil, err
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

// overviewRow renders one account's row of the overview (the account-row
// or heat-row template), escaped as every page is.
func (s *Server) overviewRow(name string, sum *accountSummary) (template.HTML, error) {
	var b strings.Builder
	if err := s.pages["overview"].ExecuteTemplate(&b, name, sum); err != nil {
		return "", fmt.Errorf("render the overview: %w", err)
	}
	return template.HTML(b.String()), nil
}

// within is the overview as a viewer of scope sc sees it: the accounts it
// may not see are left out, and the heatmap's levels are recomputed (and
// its rows rendered again) over the accounts left: a level relative to the
// whole organization's worst cell would tell a limited viewer about
// accounts it may not see. The cached view is shared, so this copies.
func (s *Server) within(v *overviewView, sc Scope) (*overviewView, error) {
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
		return &out, nil
	}
	for i, a := range out.Accounts {
		cp := *a
		cp.Cells = make([]heatCell, len(a.Cells))
		for j, c := range a.Cells {
			c.Level = level(c.N, max)
			cp.Cells[j] = c
		}
		var err error
		if cp.Heat, err = s.overviewRow("heat-row", &cp); err != nil {
			return nil, err
		}
		out.Accounts[i] = &cp
	}
	return &out, nil
}

// page counts the findings f selects (once per store generation and
// filter) and reads its page.
func (s *Server) page(ctx context.Context, f store.FindingFilter) ([]store.FindingRow, int64, error) {
	gen, err := s.generation(ctx)
	if err != nil {
		return nil, 0, err
	}
	key := f.CountKey()
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

// findingView is one finding with its check's text. Its fields are its
// own, a store.FindingRow's copied, not promoted from an embedded one: a
// template reads each field by name through reflect, and a promoted name
// is found by a search of the embedded structs that allocates, which was
// 12% of the load test's CPU (bench/RESULTS.md); TestFindingViewHasEveryField
// keeps the copy whole.
type findingView struct {
	Check, Account, Region, Resource     string
	Present                              bool
	Status, Severity, WaivedFrom, Waiver string
	Message                              string
	FirstSeen, LastSeen, FailingSince    time.Time
	Resolved                             time.Time
	Reopened                             int64
	Title                                string
	Area                                 check.Area
	Remediation                          string
	AccountLink                          string
}

func (s *Server) views(rows []store.FindingRow) []findingView {
	out := make([]findingView, len(rows))
	for i, r := range rows {
		c := s.meta.byID[r.Check]
		out[i] = findingView{Check: r.Check, Account: r.Account, Region: r.Region, Resource: r.Resource,
			Present: r.Present, Status: r.Status, Severity: r.Severity, WaivedFrom: r.WaivedFrom, Waiver: r.Waiver,
			Message: r.Message, FirstSeen: r.FirstSeen, LastSeen: r.LastSeen, FailingSince: r.FailingSince,
			Resolved: r.Resolved, Reopened: r.Reopened,
			Title: c.Title, Area: c.Area, Remediation: c.Remediation.Console,
			AccountLink: "/accounts/" + url.PathEscape(r.Account)}
	}
	return out
}

func (s *Server) account(w http.ResponseWriter, r *http.Request) {
	s.accountIn(w, r, s.scopeOf(r))
}

// errNoScan is an account page's answer for an account no stored scan
// covers (404, never cached).
var errNoScan = errors.New("no stored scan covers this account")

// maxAccountPages bounds the rendered account pages kept per generation.
const maxAccountPages = 256

// accountIn answers the account page for a viewer of scope sc. The page
// is rendered once per store generation, viewer scope, account and page
// of findings of the default size (s.accountPages): its four store reads (latest scan, open
// findings, changes, kept matrix) and its template, the largest, then
// cost one request of each generation, not each request. The scope is
// asked first and is part of the key, so a render never crosses viewers
// of different scopes.
func (s *Server) accountIn(w http.ResponseWriter, r *http.Request, sc Scope) {
	id := r.PathValue("id")
	if !validAccount(id) {
		s.fail(w, http.StatusBadRequest, "not an account ID")
		return
	}
	if !sc.Allows(id) {
		// The same answer as an unknown account: a viewer limited to
		// other accounts learns nothing about this one.
		s.fail(w, http.StatusNotFound, errNoScan.Error())
		return
	}
	q, err := parseQuery(r.URL.Query())
	if err != nil {
		s.fail(w, http.StatusBadRequest, err.Error())
		return
	}
	build := func() (any, error) { return s.buildAccount(r.Context(), r.URL.Path, id, q) }
	var v any
	if q.Per == defaultPer {
		key := fmt.Sprintf("account|%s|%s|%d", scopeKey(scopeAccounts(sc)), id, q.Page)
		v, err = s.accountPages.get(r.Context(), s.generation, key, build)
	} else {
		// Only pages of the default size are kept: maxAccountPages of
		// them stay a few MB, where 500-row pages would not.
		v, err = build()
	}
	switch {
	case errors.Is(err, errNoScan):
		s.fail(w, http.StatusNotFound, errNoScan.Error())
	case err != nil:
		s.internal(w, r, err)
	default:
		writePage(w, http.StatusOK, v.([]byte))
	}
}

// buildAccount reads and renders account id's page q (errNoScan when no
// stored scan covers it).
func (s *Server) buildAccount(ctx context.Context, path, id string, q query) ([]byte, error) {
	scan, ok, err := s.st.LatestScan(ctx, id)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errNoScan
	}
	f := store.FindingFilter{Accounts: []string{id}, Statuses: []string{statusOpen}, Limit: q.Per, Offset: (q.Page - 1) * q.Per}
	rows, total, err := s.page(ctx, f)
	if err != nil {
		return nil, err
	}
	changes, err := s.changes(ctx, scan, id)
	if err != nil {
		return nil, err
	}
	kept, err := s.kept(ctx, scan, id)
	if err != nil {
		return nil, err
	}
	var matrix *matrixView
	if kept != nil {
		matrix = viewMatrix(kept.Matrix)
	}
	base := url.Values{}
	return s.renderPage("account", struct {
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
	}{"Account " + id, id, scan, total, s.views(rows), newPager(path, base, q, total),
		"/findings?" + url.Values{"account": {id}, "status": {"open"}}.Encode(), changes, linksOf(id), matrix})
}

func (s *Server) findings(w http.ResponseWriter, r *http.Request) {
	q, f, ok := s.parseFilter(w, r)
	if !ok {
		return
	}
	f, any := s.scopeOf(r).Filter(f)
	f.Limit, f.Offset = q.Per, (q.Page-1)*q.Per
	var rows []store.FindingRow
	var total int64
	var err error
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
		Statuses   []option
		Severities []option
		Areas      []option
		Sorts      []option
		CSV, JSON  string
		SARIF      string
	}{"Findings", q, total, s.views(rows), newPager(r.URL.Path, q.values(), q, total),
		options(append([]string{statusOpen, store.StatusGone}, statusNames()...), q.Statuses),
		options(severityOrder(), q.Severities), options(areaNames(), q.Areas),
		options(otherSorts(), []string{q.Sort}),
		"/findings.csv?" + enc, "/findings.json?" + enc, "/findings.sarif?" + enc})
}

// parseFilter reads the request's findings query and resolves it into the
// store's filter; on bad input it answers 400 and ok is false.
func (s *Server) parseFilter(w http.ResponseWriter, r *http.Request) (q query, f store.FindingFilter, ok bool) {
	q, err := parseQuery(r.URL.Query())
	if err != nil {
		s.fail(w, http.StatusBadRequest, err.Error())
		return q, f, false
	}
	f, err = s.filterOf(r, q)
	var bad badRequest
	switch {
	case errors.As(err, &bad):
		s.fail(w, http.StatusBadRequest, bad.Error())
		return q, f, false
	case err != nil:
		s.internal(w, r, err)
		return q, f, false
	}
	return q, f, true
}

// option is one choice of a filter's select, and whether the view has it.
type option struct {
	Name     string
	Selected bool
}

func options(names, selected []string) []option {
	out := make([]option, len(names))
	for i, n := range names {
		out[i] = option{Name: n}
		for _, s := range selected {
			out[i].Selected = out[i].Selected || s == n
		}
	}
	return out
}

// otherSorts are the sort orders besides the default (account), which
// the form offers as its empty choice.
func otherSorts() []string {
	var out []string
	for _, o := range store.Sorts {
		if o != store.SortAccount {
			out = append(out, o)
		}
	}
	return out
}

func areaNames() []string {
	out := make([]string, len(check.Areas))
	for i, a := range check.Areas {
		out[i] = string(a)
	}
	return out
}

func statusNames() []string {
	out := make([]string, len(check.Statuses))
	for i, s := range check.Statuses {
		out[i] = string(s)
	}
	return out
}
