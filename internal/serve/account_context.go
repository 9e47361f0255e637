package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/datamap"
	"github.com/shoulder-dev/shoulder/internal/responsibility"
	"github.com/shoulder-dev/shoulder/internal/store"
)

// The account page's responsibility matrix and data map, from what the
// latest scan kept of the account (store.ContextAt): the matrix is
// responsibility.BuildWith over the kept usages and the scan's rebuilt
// report (the join `shoulder matrix` makes), the data map the kept
// datamap.Map, filtered by datamap's own filter (as `shoulder datamap`).

// accountKept is an account's matrix and data map as of its latest scan.
type accountKept struct {
	Matrix *responsibility.Matrix
	Map    *datamap.Map
	// Scan recorded them (the latest change at or before the latest scan).
	Scan int64
}

// kept reads account's matrix and data map as of scan (nil when the scan
// kept none: recorded before migration 0004), once per store generation.
func (s *Server) kept(ctx context.Context, scan store.ScanRow, account string) (*accountKept, error) {
	v, err := s.pagesCache.get(ctx, s.generation, fmt.Sprintf("kept|%s|%d", account, scan.ID), func() (any, error) {
		c, ok, err := s.st.ContextAt(ctx, account, scan.ID)
		if err != nil || !ok {
			return (*accountKept)(nil), err
		}
		var usage map[string]responsibility.Usage
		if err := json.Unmarshal([]byte(c.Usage), &usage); err != nil {
			return nil, fmt.Errorf("account %s's kept services: %w", account, err)
		}
		var m datamap.Map
		if err := json.Unmarshal([]byte(c.DataMap), &m); err != nil {
			return nil, fmt.Errorf("account %s's kept data map: %w", account, err)
		}
		rep, err := s.st.ScanReport(ctx, scan.ID, checks.ByID())
		if err != nil {
			return nil, err
		}
		mine := rep.Results[:0:0]
		for _, f := range rep.Results {
			if f.AccountID == account {
				mine = append(mine, f)
			}
		}
		one := *rep
		one.Results, one.AccountID = mine, account
		mx := responsibility.BuildWith(s.duties, func(id string) responsibility.Usage { return usage[id] }, &one, responsibility.Options{})
		return &accountKept{Matrix: mx, Map: &m, Scan: c.Scan}, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*accountKept), nil
}

// matrixView is the matrix as the account page draws it.
type matrixView struct {
	Services []responsibility.ServiceRow
	Summary  []statusN
	NotInUse int
}

type statusN struct {
	Status responsibility.DutyStatus
	N      int
}

func viewMatrix(m *responsibility.Matrix) *matrixView {
	if m == nil {
		return nil
	}
	v := &matrixView{Services: m.Services, NotInUse: len(m.NotInUse)}
	for _, st := range responsibility.DutyStatuses {
		if n := m.Summary.ByStatus[st]; n > 0 {
			v.Summary = append(v.Summary, statusN{st, n})
		}
	}
	return v
}

// dataFilters are the data map's URL parameters, each repeatable or a
// comma-separated list (custody is one LEVEL, >=LEVEL, =LEVEL or <LEVEL).
var dataFilters = []string{"region", "custody", "exposure", "class", "sort"}

// parseDataFilter reads the data map's filter from q with datamap's own
// validation (what `shoulder datamap --region --custody --exposure
// --class --sort` accepts).
func parseDataFilter(q url.Values) (datamap.Filter, string, error) {
	for k := range q {
		known := false
		for _, f := range dataFilters {
			known = known || k == f
		}
		if !known {
			return datamap.Filter{}, "", fmt.Errorf("unknown filter %q (want %s)", k, strings.Join(dataFilters, ", "))
		}
	}
	list := func(k string) []string {
		var out []string
		for _, v := range q[k] {
			for _, x := range strings.Split(v, ",") {
				if x = strings.TrimSpace(x); x != "" {
					out = append(out, x)
				}
			}
		}
		return out
	}
	f := datamap.Filter{Regions: list("region"), Exposures: list("exposure"), Classes: list("class"), Custody: strings.TrimSpace(q.Get("custody"))}
	if len(q["custody"]) > 1 {
		return f, "", fmt.Errorf("custody takes one level (LEVEL, >=LEVEL, =LEVEL or <LEVEL)")
	}
	if err := f.Validate(); err != nil {
		return f, "", err
	}
	sortKey := q.Get("sort")
	if sortKey == "" {
		sortKey = "region"
	}
	ok := false
	for _, k := range datamap.SortKeys() {
		ok = ok || k == sortKey
	}
	if !ok {
		return f, "", fmt.Errorf("sort=%q: want one of %s", sortKey, strings.Join(datamap.SortKeys(), ", "))
	}
	return f, sortKey, nil
}

// dataPage is /accounts/{id}/data: the account's data map, filtered.
func (s *Server) dataPage(w http.ResponseWriter, r *http.Request) {
	s.dataIn(w, r, s.scopeOf(r))
}

// dataIn answers the data map page for a viewer of scope sc.
func (s *Server) dataIn(w http.ResponseWriter, r *http.Request, sc Scope) {
	id := r.PathValue("id")
	if !validAccount(id) {
		s.fail(w, http.StatusBadRequest, "not an account ID")
		return
	}
	if !sc.Allows(id) {
		s.fail(w, http.StatusNotFound, "no stored scan covers this account")
		return
	}
	f, sortKey, err := parseDataFilter(r.URL.Query())
	if err != nil {
		s.fail(w, http.StatusBadRequest, err.Error())
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
	k, err := s.kept(r.Context(), scan, id)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	var m *datamap.Map
	all := 0
	if k != nil {
		cp := *k.Map
		cp.Stores = append([]datamap.Store(nil), k.Map.Stores...)
		all = len(cp.Stores)
		cp.Select(f, sortKey)
		m = &cp
	}
	q := r.URL.Query()
	s.render(w, http.StatusOK, "data", struct {
		Title     string
		Account   string
		Scan      store.ScanRow
		Map       *datamap.Map
		All       int
		Region    string
		Custody   string
		Exposure  string
		Class     string
		Sort      string
		SortKeys  []string
		Exposures []string
	}{"Data map of " + id, id, scan, m, all, strings.Join(q["region"], ","), q.Get("custody"),
		strings.Join(q["exposure"], ","), strings.Join(q["class"], ","), sortKey, datamap.SortKeys(),
		[]string{datamap.Public, datamap.Shared, datamap.Unknown, datamap.Private}})
}
