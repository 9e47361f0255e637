package serve

import (
	"net/http"
	"sort"

	"github.com/shoulder-dev/shoulder/internal/store"
)

// Scope is what one viewer may see: every account, or only some. Every
// page and export asks it, through Allows for one account and Filter for a
// store query, so that no handler decides access on its own.
type Scope struct {
	all      bool
	accounts map[string]bool
}

// AllAccounts is the scope of a viewer who may see everything (loopback
// without login).
func AllAccounts() Scope { return Scope{all: true} }

// OnlyAccounts is the scope of a viewer limited to the given accounts.
func OnlyAccounts(ids ...string) Scope {
	sc := Scope{accounts: map[string]bool{}}
	for _, id := range ids {
		sc.accounts[id] = true
	}
	return sc
}

// Allows reports whether the viewer may see account id.
func (sc Scope) Allows(id string) bool { return sc.all || sc.accounts[id] }

// Filter narrows f to the accounts the viewer may see. ok is false when
// nothing is left (the query would select nothing): the caller answers
// with an empty view instead of querying.
func (sc Scope) Filter(f store.FindingFilter) (out store.FindingFilter, ok bool) {
	if sc.all {
		return f, true
	}
	var keep []string
	if len(f.Accounts) == 0 {
		for id := range sc.accounts {
			keep = append(keep, id)
		}
		sort.Strings(keep)
	} else {
		for _, id := range f.Accounts {
			if sc.accounts[id] {
				keep = append(keep, id)
			}
		}
	}
	f.Accounts = keep
	return f, len(keep) > 0
}

// scopeOf is the scope of the request's viewer. Without authentication
// (loopback only, CheckListen) every viewer sees every account; with it,
// the session's grant decides (grantScope), and a request without a
// session (which the gate lets through to the login pages only) sees
// nothing.
func (s *Server) scopeOf(r *http.Request) Scope {
	if !s.LoginNeeded() {
		return AllAccounts()
	}
	sess := sessionOf(r)
	if sess == nil {
		return OnlyAccounts()
	}
	return s.grantScope(r, sess.grant)
}
