package serve

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/frameworks"
	"github.com/shoulder-dev/shoulder/internal/store"
)

// The frameworks page: per-control verdicts of one framework
// (frameworks.Assess, as `shoulder scan --framework` judges them) for one
// account or every account the viewer may see, now or as of a stored
// date (?at=YYYY-MM-DD: the lifecycles' state at the end of that day,
// store.StatesAt).

// frameworksView is the frameworks page's data.
type frameworksView struct {
	Title      string
	Frameworks []frameworkLink
	Framework  frameworks.Assessment
	Account    string
	At         string
	// Scans counts the accounts judged and Latest is the newest scan
	// among them.
	Scans    int
	Latest   time.Time
	Statuses []statusCount
	Controls []controlView
}

type frameworkLink struct {
	ID, Name, Link string
	Current        bool
}

type statusCount struct {
	Status check.Status
	N      int
}

type controlView struct {
	frameworks.ControlResult
	Checks []checkLink
}

type checkLink struct {
	frameworks.CheckTally
	Link string
}

// parseAt reads ?at=: a date (YYYY-MM-DD) not after today, meaning the end
// of that day (UTC); "" means now.
func parseAt(v string, now time.Time) (time.Time, error) {
	if v == "" {
		return now, nil
	}
	d, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("at=%q is not a date: want YYYY-MM-DD", v)
	}
	if d.After(now) {
		return time.Time{}, fmt.Errorf("at=%s is in the future", v)
	}
	return d.Add(24*time.Hour - time.Millisecond), nil
}

func (s *Server) frameworksPage(w http.ResponseWriter, r *http.Request) {
	s.frameworksIn(w, r, s.scopeOf(r))
}

// frameworksIn answers the frameworks page for a viewer of scope sc.
func (s *Server) frameworksIn(w http.ResponseWriter, r *http.Request, sc Scope) {
	q := r.URL.Query()
	for k := range q {
		if k != "framework" && k != "account" && k != "at" {
			s.fail(w, http.StatusBadRequest, fmt.Sprintf("unknown parameter %q (want framework, account, at)", k))
			return
		}
	}
	fws, err := frameworks.All()
	if err != nil {
		s.internal(w, r, err)
		return
	}
	id := q.Get("framework")
	if id == "" {
		id = fws[0].ID
	}
	fw, err := frameworks.Find(fws, id)
	if err != nil {
		s.fail(w, http.StatusNotFound, "no such framework")
		return
	}
	at, err := parseAt(q.Get("at"), time.Now().UTC())
	if err != nil {
		s.fail(w, http.StatusBadRequest, err.Error())
		return
	}
	accounts := scopeAccounts(sc)
	acct := q.Get("account")
	if acct != "" {
		if !validAccount(acct) {
			s.fail(w, http.StatusBadRequest, "not an account ID")
			return
		}
		if !sc.Allows(acct) {
			// As an unknown account: nothing is learnt about it.
			s.fail(w, http.StatusNotFound, "no stored scan covers this account")
			return
		}
		accounts = []string{acct}
	}
	st, err := s.stateAt(r.Context(), accounts, at, q.Get("at"))
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if len(st.scans) == 0 {
		switch {
		case acct != "" && q.Get("at") == "":
			s.fail(w, http.StatusNotFound, "no stored scan covers this account")
		case q.Get("at") != "":
			s.fail(w, http.StatusNotFound, "no stored scan was recorded by "+q.Get("at"))
		default:
			s.fail(w, http.StatusNotFound, "the results store holds no scan yet")
		}
		return
	}
	as := frameworks.Assess(fw, st.findings, st.ran)
	v := frameworksView{Title: fw.Name + " " + fw.Version, Framework: as, Account: acct, At: q.Get("at"), Scans: len(st.scans)}
	for _, sa := range st.scans {
		if sa.RecordedAt.After(v.Latest) {
			v.Latest = sa.RecordedAt
		}
	}
	for _, f := range fws {
		l := url.Values{"framework": {f.ID}}
		if acct != "" {
			l.Set("account", acct)
		}
		if v.At != "" {
			l.Set("at", v.At)
		}
		v.Frameworks = append(v.Frameworks, frameworkLink{ID: f.ID, Name: f.Name + " " + f.Version, Link: "/frameworks?" + l.Encode(), Current: f.ID == fw.ID})
	}
	for _, stt := range as.Statuses() {
		v.Statuses = append(v.Statuses, statusCount{stt, as.Summary[stt]})
	}
	for _, c := range as.Controls {
		cv := controlView{ControlResult: c}
		for _, t := range c.Checks {
			cl := checkLink{CheckTally: t}
			if v.At == "" && t.Ran {
				l := url.Values{"check": {t.CheckID}}
				if acct != "" {
					l.Set("account", acct)
				}
				cl.Link = "/findings?" + l.Encode()
			}
			cv.Checks = append(cv.Checks, cl)
		}
		v.Controls = append(v.Controls, cv)
	}
	s.render(w, http.StatusOK, "frameworks", v)
}

// dateState is the findings of some accounts at one time and the checks
// their scans then ran.
type dateState struct {
	scans    map[string]store.ScanAt
	findings []engine.Finding
	ran      map[string]bool
}

// stateAt reads the state of accounts (nil: all) at at, once per store
// generation for a date (day, "" for now: the current generation's now).
func (s *Server) stateAt(ctx context.Context, accounts []string, at time.Time, day string) (*dateState, error) {
	v, err := s.pagesCache.get(ctx, s.generation, "state|"+day+"|"+scopeKey(accounts), func() (any, error) {
		scans, err := s.st.ScansAt(ctx, accounts, at)
		if err != nil {
			return nil, err
		}
		ds := &dateState{scans: scans, ran: map[string]bool{}}
		if len(scans) == 0 {
			return ds, nil
		}
		for _, sa := range scans {
			for _, c := range sa.ChecksRun {
				ds.ran[c] = true
			}
		}
		rs, err := s.st.StatesAt(ctx, accounts, at)
		if err != nil {
			return nil, err
		}
		ds.findings = make([]engine.Finding, len(rs))
		for i, r := range rs {
			ds.findings[i] = engine.Finding{Result: check.Result{CheckID: r.Check, Status: check.Status(r.Status),
				Resource: r.Resource, Region: r.Region}, AccountID: r.Account}
			ds.ran[r.Check] = true
		}
		return ds, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*dateState), nil
}
