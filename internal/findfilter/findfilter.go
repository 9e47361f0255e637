// Package findfilter turns the findings filters people write (flags of
// `shoulder findings`, the query of the dashboard's explorer) into one
// store.FindingFilter: status, severity, area, service, check, framework
// control, account, OU, first seen before/after and sort. Both front ends
// call Spec.Filter, so the same filter selects the same rows in both
// (TestCLIAndExplorerAgree in internal/serve).
package findfilter

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/datamap"
	"github.com/shoulder-dev/shoulder/internal/frameworks"
	"github.com/shoulder-dev/shoulder/internal/store"
)

// Spec is a findings filter as written: each list an OR of its values,
// the lists an AND. Values are trimmed; empty ones are ignored.
type Spec struct {
	// Statuses are check statuses, gone (no longer reported) or open
	// (failing: a fail, or a failure under a waiver).
	Statuses   []string
	Severities []string
	Areas      []string
	Services   []string
	Checks     []string
	// Controls are framework controls, FRAMEWORK:CONTROL (fsbp:S3.1,
	// cis-v7.0:2.1.1, cis-5.0:1.4), resolved to the checks that evidence
	// them.
	Controls []string
	Accounts []string
	// OUs are OU paths or names (Workloads, Root/Workloads/Prod); an OU
	// matches the accounts recorded in it or any OU below it.
	OUs []string
	// Since and Before bound when a finding was first seen: an age (7d,
	// 8w, 36h: that long before now) or a date (2026-01-31, its start in
	// UTC).
	Since, Before string
	// Sort is one of store.Sorts (empty: by account, check, region,
	// resource).
	Sort string
}

// Error is a bad value of one filter; Field is the filter's name
// (status, control, since, ...), which each front end writes its own way
// (--status, filter status).
type Error struct {
	Field string
	Err   error
}

func (e *Error) Error() string { return e.Field + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Catalog is what Filter resolves names against: the checks (areas and
// services), the frameworks (controls) and the accounts' recorded OU paths
// (read only when an OU is asked for).
type Catalog struct {
	Checks     []check.Check
	Frameworks []frameworks.Framework
	// OUPaths returns each account's recorded OU path (store.OUPaths).
	OUPaths func(context.Context) (map[string]string, error)
}

var (
	accountRE = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,64}$`)
	checkRE   = regexp.MustCompile(`^[a-z0-9_]{1,128}$`)
)

// ValidAccount accepts the account IDs the store can hold (12 digits from
// AWS; tests and other sources use other names) and nothing that needs
// escaping in a path.
func ValidAccount(s string) bool { return accountRE.MatchString(s) }

// Filter validates sp and resolves it into a store filter at time now. A
// bad value is an *Error; a filter that can match nothing (an OU without
// recorded accounts) selects nothing rather than failing.
func (sp Spec) Filter(ctx context.Context, cat Catalog, now time.Time) (store.FindingFilter, error) {
	var f store.FindingFilter
	var err error
	if f.Statuses, err = each("status", sp.Statuses, func(s string) (string, error) {
		s = strings.ToLower(s)
		if s == store.StatusGone || s == store.StatusOpen {
			return s, nil
		}
		st, err := check.ParseStatus(s)
		if err != nil {
			return "", fmt.Errorf("%w (or gone, open)", err)
		}
		return string(st), nil
	}); err != nil {
		return f, err
	}
	if f.Severities, err = each("severity", sp.Severities, func(s string) (string, error) {
		sv, err := check.ParseSeverity(strings.ToLower(s))
		if err != nil {
			return "", err
		}
		return sv.String(), nil
	}); err != nil {
		return f, err
	}
	known := map[string]check.Check{}
	for _, c := range cat.Checks {
		known[c.ID] = c
	}
	// Each of area, service, check and control narrows the checks.
	var sets []map[string]bool
	areas, err := each("area", sp.Areas, func(s string) (string, error) {
		a, err := check.ParseArea(s)
		return string(a), err
	})
	if err != nil {
		return f, err
	}
	if len(areas) > 0 {
		sets = append(sets, checksWhere(cat.Checks, func(c check.Check) bool { return contains(areas, string(c.Area)) }))
	}
	services := map[string]bool{}
	for _, c := range cat.Checks {
		services[strings.ToLower(c.Service)] = true
	}
	svcs, err := each("service", sp.Services, func(s string) (string, error) {
		s = strings.ToLower(s)
		if !services[s] {
			return "", fmt.Errorf("%q is not a service of any check (shoulder checks lists them)", s)
		}
		return s, nil
	})
	if err != nil {
		return f, err
	}
	if len(svcs) > 0 {
		sets = append(sets, checksWhere(cat.Checks, func(c check.Check) bool { return contains(svcs, strings.ToLower(c.Service)) }))
	}
	ids, err := each("check", sp.Checks, func(s string) (string, error) {
		if !checkRE.MatchString(s) {
			return "", fmt.Errorf("%q is not a check ID", s)
		}
		if _, ok := known[s]; !ok {
			return "", fmt.Errorf("%q is not a check (shoulder checks lists them)", s)
		}
		return s, nil
	})
	if err != nil {
		return f, err
	}
	if len(ids) > 0 {
		set := map[string]bool{}
		for _, id := range ids {
			set[id] = true
		}
		sets = append(sets, set)
	}
	if len(sp.Controls) > 0 {
		set := map[string]bool{}
		if _, err := each("control", sp.Controls, func(s string) (string, error) {
			c, err := findControl(cat.Frameworks, s)
			if err != nil {
				return "", err
			}
			for _, id := range c.Checks {
				set[id] = true
			}
			return s, nil
		}); err != nil {
			return f, err
		}
		sets = append(sets, set)
	}
	if len(sets) > 0 {
		f.RestrictChecks = true
		for id := range sets[0] {
			in := true
			for _, o := range sets[1:] {
				in = in && o[id]
			}
			if in {
				f.Checks = append(f.Checks, id)
			}
		}
		sort.Strings(f.Checks)
	}
	if f.Accounts, err = each("account", sp.Accounts, func(s string) (string, error) {
		if !ValidAccount(s) {
			return "", fmt.Errorf("%q is not an account ID", s)
		}
		return s, nil
	}); err != nil {
		return f, err
	}
	ous, err := each("ou", sp.OUs, func(s string) (string, error) {
		if len(s) > 1024 || strings.ContainsAny(s, "\x00\n\r") {
			return "", fmt.Errorf("%q is not an OU name or path", s)
		}
		return s, nil
	})
	if err != nil {
		return f, err
	}
	if len(ous) > 0 {
		if f.Accounts, err = inOUs(ctx, cat, ous, f.Accounts); err != nil {
			return f, err
		}
	}
	if f.FirstSeenSince, err = AgeOrDate(sp.Since, now); err != nil {
		return f, &Error{"since", err}
	}
	if f.FirstSeenBefore, err = AgeOrDate(sp.Before, now); err != nil {
		return f, &Error{"before", err}
	}
	f.Sort = strings.ToLower(strings.TrimSpace(sp.Sort))
	if f.Sort != "" && !contains(store.Sorts, f.Sort) {
		return f, &Error{"sort", fmt.Errorf("%q is not a sort order (want one of %s)", sp.Sort, strings.Join(store.Sorts, ", "))}
	}
	return f, nil
}

// inOUs narrows accounts (all when empty) to those recorded under any of
// ous. None left selects nothing: an account that cannot match.
func inOUs(ctx context.Context, cat Catalog, ous, accounts []string) ([]string, error) {
	if cat.OUPaths == nil {
		return nil, &Error{"ou", errors.New("OU paths are not known here")}
	}
	paths, err := cat.OUPaths(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for acct, p := range paths {
		if datamap.UnderAnyOU(ous, p) && (len(accounts) == 0 || contains(accounts, acct)) {
			out = append(out, acct)
		}
	}
	if len(out) == 0 {
		// No recorded account is there: the filter selects nothing. The
		// empty account ID is never stored.
		return []string{""}, nil
	}
	sort.Strings(out)
	return out, nil
}

// findControl resolves FRAMEWORK:CONTROL. The framework is its ID
// (cis-7.0, fsbp-1.0.0), with a "v" before the version (cis-v7.0), or
// without a version when only one is known (fsbp); the control is matched
// without regard to case.
func findControl(fws []frameworks.Framework, s string) (*frameworks.Control, error) {
	name, ctl, ok := strings.Cut(s, ":")
	if !ok || name == "" || ctl == "" {
		return nil, fmt.Errorf("%q: want FRAMEWORK:CONTROL, e.g. fsbp:S3.1 or cis-v7.0:2.1.1", s)
	}
	norm := strings.Replace(strings.ToLower(name), "-v", "-", 1)
	var fw *frameworks.Framework
	var ids, family []string
	for i := range fws {
		id := strings.ToLower(fws[i].ID)
		ids = append(ids, fws[i].ID)
		if id == norm {
			fw = &fws[i]
			break
		}
		if fam, _, _ := strings.Cut(id, "-"); fam == norm {
			family = append(family, fws[i].ID)
			if len(family) == 1 {
				fw = &fws[i]
			}
		}
	}
	if fw == nil || (strings.ToLower(fw.ID) != norm && len(family) > 1) {
		if len(family) > 1 {
			return nil, fmt.Errorf("%q: framework %q has several versions (%s): name one", s, name, strings.Join(family, ", "))
		}
		return nil, fmt.Errorf("%q: unknown framework %q (want one of %s)", s, name, strings.Join(ids, ", "))
	}
	for i := range fw.Controls {
		if strings.EqualFold(fw.Controls[i].ID, ctl) {
			return &fw.Controls[i], nil
		}
	}
	return nil, fmt.Errorf("%q: %s has no control %q (shoulder frameworks show %s lists them)", s, fw.ID, ctl, fw.ID)
}

func checksWhere(all []check.Check, keep func(check.Check) bool) map[string]bool {
	set := map[string]bool{}
	for _, c := range all {
		if keep(c) {
			set[c.ID] = true
		}
	}
	return set
}

// each validates a filter's values (trimmed, empty ones and duplicates
// dropped) into their canonical spelling, sorted.
func each(field string, vals []string, ok func(string) (string, error)) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, s := range vals {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		v, err := ok(s)
		if err != nil {
			return nil, &Error{field, err}
		}
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return out, nil
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// AgeOrDate reads an age (7d, 8w, 36h: that long before now) or a date
// (2026-01-31: its start, UTC); empty is the zero time.
func AgeOrDate(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	age, err := ParseAge(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w, or a date such as 2026-01-31", err)
	}
	return now.Add(-age), nil
}

// ParseAge reads an age: days (400d), weeks (8w) or a Go duration (36h).
func ParseAge(s string) (time.Duration, error) {
	var d time.Duration
	switch {
	case strings.HasSuffix(s, "d") || strings.HasSuffix(s, "w"):
		n, err := strconv.Atoi(s[:len(s)-1])
		if err != nil {
			return 0, fmt.Errorf("%q is not a number of days (400d) or weeks (8w)", s)
		}
		unit := 24 * time.Hour
		if strings.HasSuffix(s, "w") {
			unit *= 7
		}
		d = time.Duration(n) * unit
	default:
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, fmt.Errorf("%q is not an age such as 400d, 8w or 36h", s)
		}
	}
	if d <= 0 {
		return 0, fmt.Errorf("%q must be positive", s)
	}
	return d, nil
}
