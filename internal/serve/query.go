package serve

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/store"
)

// The findings explorer's filters live in the URL query, so a view is a
// permalink: status, severity, area, check and account (each repeatable, an
// OR of its values; different filters AND), page and per (page size).
const (
	defaultPer = 50
	maxPer     = 500
	maxPage    = 1_000_000
	maxValues  = 50 // values of one filter
)

// statusOpen is the status filter for the failing findings (a fail, or a
// failure a waiver accepted: store.State.Failing).
const statusOpen = "open"

var (
	accountRE = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,64}$`)
	checkRE   = regexp.MustCompile(`^[a-z0-9_]{1,128}$`)
)

// validAccount accepts the account IDs the store can hold (12 digits from
// AWS; tests and other sources use other names) and nothing that needs
// escaping in a path.
func validAccount(s string) bool { return accountRE.MatchString(s) }

// query is a parsed, validated findings query.
type query struct {
	Statuses   []string
	Severities []string
	Areas      []string
	Checks     []string
	Accounts   []string
	Page, Per  int
	ix         checkIndex
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

func parseQuery(v url.Values, ix checkIndex) (query, error) {
	q := query{Page: 1, Per: defaultPer, ix: ix}
	for key := range v {
		switch key {
		case "status", "severity", "area", "check", "account", "page", "per":
		default:
			return q, fmt.Errorf("unknown filter %q (want status, severity, area, check, account, page, per)", key)
		}
		if len(v[key]) > maxValues {
			return q, fmt.Errorf("filter %s: more than %d values", key, maxValues)
		}
	}
	var err error
	if q.Statuses, err = each(v["status"], "status", func(s string) error {
		if s == statusOpen {
			return nil
		}
		_, err := check.ParseStatus(s)
		return err
	}); err != nil {
		return q, err
	}
	if len(q.Statuses) > 1 && q.Has(q.Statuses, statusOpen) {
		return q, fmt.Errorf("filter status: %q (failing: fail, or a failure under a waiver) does not combine with other statuses", statusOpen)
	}
	if q.Severities, err = each(v["severity"], "severity", func(s string) error {
		sev, err := check.ParseSeverity(s)
		if err == nil && sev.String() != s {
			return fmt.Errorf("severity %q: write it %q", s, sev.String())
		}
		return err
	}); err != nil {
		return q, err
	}
	if q.Areas, err = each(v["area"], "area", func(s string) error { _, err := check.ParseArea(s); return err }); err != nil {
		return q, err
	}
	if q.Checks, err = each(split(v["check"]), "check", func(s string) error {
		if !checkRE.MatchString(s) {
			return fmt.Errorf("check %q: not a check ID", s)
		}
		return nil
	}); err != nil {
		return q, err
	}
	if q.Accounts, err = each(split(v["account"]), "account", func(s string) error {
		if !validAccount(s) {
			return fmt.Errorf("account %q: not an account ID", s)
		}
		return nil
	}); err != nil {
		return q, err
	}
	if q.Page, err = number(v.Get("page"), "page", 1, 1, maxPage); err != nil {
		return q, err
	}
	if q.Per, err = number(v.Get("per"), "per", defaultPer, 1, maxPer); err != nil {
		return q, err
	}
	return q, nil
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

// filter is the store query of q (without its page).
func (q query) filter() store.FindingFilter {
	f := store.FindingFilter{Accounts: q.Accounts, Severities: q.Severities}
	if len(q.Statuses) == 1 && q.Statuses[0] == statusOpen {
		f.Failing = true
	} else {
		f.Statuses = q.Statuses
	}
	if len(q.Areas) > 0 || len(q.Checks) > 0 {
		f.RestrictChecks = true
		f.Checks = q.checkIDs()
	}
	return f
}

// checkIDs are the checks the area and check filters leave: the checks
// named, or the areas' checks, or the named checks of those areas.
func (q query) checkIDs() []string {
	if len(q.Areas) == 0 {
		return q.Checks
	}
	inArea := map[string]bool{}
	for _, a := range q.Areas {
		for _, id := range q.ix.byArea[check.Area(a)] {
			inArea[id] = true
		}
	}
	var out []string
	if len(q.Checks) == 0 {
		for id := range inArea {
			out = append(out, id)
		}
	} else {
		for _, id := range q.Checks {
			if inArea[id] {
				out = append(out, id)
			}
		}
	}
	sort.Strings(out)
	return out
}

// values is q as a URL query (without the page), for links and exports.
func (q query) values() url.Values {
	v := url.Values{}
	for k, vals := range map[string][]string{"status": q.Statuses, "severity": q.Severities, "area": q.Areas,
		"check": q.Checks, "account": q.Accounts} {
		if len(vals) > 0 {
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
