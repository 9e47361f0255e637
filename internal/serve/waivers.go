package serve

import (
	"net/http"
	"net/url"
	"sort"
	"time"

	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/store"
)

// The waivers page: every waiver applied to a present finding of the
// viewer's accounts, with its owner, reason, expiry and the findings it
// covers (as the lifecycles carry it), then the waivers the latest scans
// reported as expired, stale (covering nothing) or not evaluated.

// waiverKeys is how many covered findings the page lists per waiver.
const waiverKeys = 50

type waiverView struct {
	store.WaiverUse
	Expires  string
	Expired  bool
	Covers   int
	More     int
	Findings []waiverFinding
}

type waiverFinding struct {
	store.Key
	AccountLink string
}

type waiverIssueView struct {
	engine.WaiverIssue
	Expires  string
	Accounts []string
}

type waiversData struct {
	uses   []store.WaiverUse
	counts map[string]int
	issues map[string][]engine.WaiverIssue
}

func (s *Server) waiversPage(w http.ResponseWriter, r *http.Request) {
	s.waiversIn(w, r, s.scopeOf(r))
}

// waiversIn answers the waivers page for a viewer of scope sc.
func (s *Server) waiversIn(w http.ResponseWriter, r *http.Request, sc Scope) {
	if len(r.URL.Query()) > 0 {
		s.fail(w, http.StatusBadRequest, "the waivers page takes no parameters")
		return
	}
	accounts := scopeAccounts(sc)
	v, err := s.pagesCache.get(r.Context(), s.generation, "waivers|"+scopeKey(accounts), func() (any, error) {
		uses, counts, err := s.st.Waivers(r.Context(), accounts, waiverKeys)
		if err != nil {
			return nil, err
		}
		issues, err := s.st.WaiverIssues(r.Context(), accounts)
		if err != nil {
			return nil, err
		}
		return &waiversData{uses, counts, issues}, nil
	})
	if err != nil {
		s.internal(w, r, err)
		return
	}
	d := v.(*waiversData)
	today := time.Now().UTC().Truncate(24 * time.Hour)
	var applied []waiverView
	for _, u := range d.uses {
		wv := waiverView{WaiverUse: u, Covers: d.counts[u.ID], Expired: !u.Expires.IsZero() && u.Expires.Before(today)}
		if !u.Expires.IsZero() {
			wv.Expires = u.Expires.Format(time.DateOnly)
		}
		wv.More = wv.Covers - len(u.Findings)
		for _, k := range u.Findings {
			wv.Findings = append(wv.Findings, waiverFinding{k, "/accounts/" + url.PathEscape(k.Account)})
		}
		applied = append(applied, wv)
	}
	sort.SliceStable(applied, func(i, j int) bool { return applied[i].Covers > applied[j].Covers })
	// One row per issue, with the accounts whose latest scan reported it.
	byIssue := map[string]*waiverIssueView{}
	var order []string
	for acct, is := range d.issues {
		for _, wi := range is {
			k := wi.Problem + "|" + wi.Waiver.Check + "|" + wi.Waiver.Resource + "|" + wi.Waiver.Owner + "|" + wi.Waiver.Reason
			iv := byIssue[k]
			if iv == nil {
				iv = &waiverIssueView{WaiverIssue: wi}
				if !wi.Waiver.Expires.IsZero() {
					iv.Expires = wi.Waiver.Expires.Format(time.DateOnly)
				}
				byIssue[k] = iv
				order = append(order, k)
			}
			iv.Accounts = append(iv.Accounts, acct)
		}
	}
	sort.Strings(order)
	var issues []waiverIssueView
	for _, k := range order {
		sort.Strings(byIssue[k].Accounts)
		issues = append(issues, *byIssue[k])
	}
	expired, stale := 0, 0
	for _, iv := range issues {
		switch iv.Problem {
		case engine.WaiverExpired:
			expired++
		case engine.WaiverStale:
			stale++
		}
	}
	s.render(w, http.StatusOK, "waivers", struct {
		Title          string
		Applied        []waiverView
		Issues         []waiverIssueView
		Expired, Stale int
	}{"Waivers", applied, issues, expired, stale})
}
