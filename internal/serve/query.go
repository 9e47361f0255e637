package serve

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/shoulder-dev/shoulder/internal/findfilter"
	"github.com/shoulder-dev/shoulder/internal/store"
)

// The findings explorer's filters live in the URL query, so a view is a
// permalink: status, severity, area, service, check, control, account, ou
// (each repeatable, an OR of its values; different filters AND), since and
// before (first seen), sort, page and per (page size). They mean what the
// flags of `shoulder findings` mean: both go through findfilter.Spec.
const (
	defaultPer = 50
	maxPer     = 500
	maxPage    = 1_000_000
	maxValues  = 50 // values of one filter
)

// statusOpen is the status filter for the failing findings (a fail, or a
// failure a waiver accepted: store.State.Failing).
const statusOpen = store.StatusOpen

// validAccount accepts the account IDs the store can hold and nothing that
// needs escaping in a path.
func validAccount(s string) bool { return findfilter.ValidAccount(s) }

// filterKeys are the query parameters of a findings view, in the order
// the error message lists them.
var filterKeys = []string{"status", "severity", "area", "service", "check", "control", "account", "ou", "since", "before", "sort", "page", "per"}

// query is a findings query as the URL holds it (the form shows it back);
// filterOf resolves it into the store's filter.
type query struct {
	Statuses   []string
	Severities []string
	Areas      []string
	Services   []string
	Checks     []string
	Controls   []string
	Accounts   []string
	OUs        []string
	Since      string
	Before     string
	Sort       string
	Page, Per  int
}

// Has reports whether v is among vals (for the form's selected options).
func (q query) Has(vals []string, v string) bool {
	for _, x := range vals {
		if x == v {
			return true
		}
	}
	return false
}

// parseQuery reads the URL's filters; their values are judged by filterOf.
func parseQuery(v url.Values) (query, error) {
	q := query{Page: 1, Per: defaultPer}
	for key := range v {
		ok := false
		for _, k := range filterKeys {
			ok = ok || k == key
		}
		if !ok {
			return q, fmt.Errorf("unknown filter %q (want %s)", key, strings.Join(filterKeys, ", "))
		}
		if len(v[key]) > maxValues {
			return q, fmt.Errorf("filter %s: more than %d values", key, maxValues)
		}
	}
	list := func(key string) []string {
		out, _ := each(split(v[key]), key, func(string) error { return nil })
		return out
	}
	q.Statuses, q.Severities, q.Areas, q.Services = list("status"), list("severity"), list("area"), list("service")
	q.Checks, q.Controls, q.Accounts = list("check"), list("control"), list("account")
	// OU names may hold spaces and commas: one value per parameter.
	q.OUs, _ = each(v["ou"], "ou", func(string) error { return nil })
	q.Since, q.Before, q.Sort = v.Get("since"), v.Get("before"), v.Get("sort")
	var err error
	if q.Page, err = number(v.Get("page"), "page", 1, 1, maxPage); err != nil {
		return q, err
	}
	if q.Per, err = number(v.Get("per"), "per", defaultPer, 1, maxPer); err != nil {
		return q, err
	}
	return q, nil
}

// spec is q as the filter parser shared with `shoulder findings` takes it.
func (q query) spec() findfilter.Spec {
	return findfilter.Spec{Statuses: q.Statuses, Severities: q.Severities, Areas: q.Areas, Services: q.Services,
		Checks: q.Checks, Controls: q.Controls, Accounts: q.Accounts, OUs: q.OUs, Since: q.Since, Before: q.Before,
		Sort: q.Sort}
}

// filterOf resolves q into the store's filter (without its page); a bad
// value is a *findfilter.Error, answered 400.
func (s *Server) filterOf(r *http.Request, q query) (store.FindingFilter, error) {
	f, err := q.spec().Filter(r.Context(), s.catalog(), time.Now())
	var fe *findfilter.Error
	if errors.As(err, &fe) {
		return f, badRequest{fmt.Errorf("filter %s: %w", fe.Field, fe.Err)}
	}
	return f, err
}

// badRequest marks an error the client caused (HTTP 400).
type badRequest struct{ error }

// catalog is what the filters resolve against: the checks, the frameworks
// and the store's recorded OU paths.
func (s *Server) catalog() findfilter.Catalog {
	return findfilter.Catalog{Checks: s.meta.all, Frameworks: s.meta.frameworks, OUPaths: s.st.OUPaths}
}

// each validates a filter's values, dropping empty ones (an unselected
// form field) and duplicates, in a stable order.
func each(vals []string, name string, ok func(string) error) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, s := range vals {
		if s == "" || seen[s] {
			continue
		}
		if err := ok(s); err != nil {
			return nil, fmt.Errorf("filter %s: %w", name, err)
		}
		seen[s] = true
		out = append(out, s)
	}
	sort.Strings(out)
	return out, nil
}

// split reads the values of a text field that may hold several (the form's
// check and account inputs): separated by spaces or commas.
func split(vals []string) []string {
	var out []string
	for _, v := range vals {
		out = append(out, strings.FieldsFunc(v, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })...)
	}
	return out
}

func number(s, name string, def, lo, hi int) (int, error) {
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%s %q: want a whole number from %d to %d", name, s, lo, hi)
	}
	return n, nil
}

// values is q as a URL query (without the page), for links and exports.
func (q query) values() url.Values {
	v := url.Values{}
	for k, vals := range map[string][]string{"status": q.Statuses, "severity": q.Severities, "area": q.Areas,
		"service": q.Services, "check": q.Checks, "control": q.Controls, "account": q.Accounts, "ou": q.OUs,
		"since": {q.Since}, "before": {q.Before}, "sort": {q.Sort}} {
		if len(vals) > 0 && vals[0] != "" {
			v[k] = vals
		}
	}
	if q.Per != defaultPer {
		v.Set("per", strconv.Itoa(q.Per))
	}
	return v
}

// pager links the previous and next pages.
type pager struct {
	Page, Last int
	Prev, Next string
}

func newPager(path string, base url.Values, q query, total int64) pager {
	last := int((total + int64(q.Per) - 1) / int64(q.Per))
	if last < 1 {
		last = 1
	}
	p := pager{Page: q.Page, Last: last}
	link := func(n int) string {
		v := url.Values{}
		for k, vals := range base {
			v[k] = vals
		}
		if q.Per != defaultPer {
			v.Set("per", strconv.Itoa(q.Per))
		}
		v.Set("page", strconv.Itoa(n))
		return path + "?" + v.Encode()
	}
	if q.Page > 1 {
		p.Prev = link(min(q.Page-1, last))
	}
	if q.Page < last {
		p.Next = link(q.Page + 1)
	}
	return p
}
