package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// The one findings query: `shoulder findings` and the dashboard's explorer
// (and its exports) build a FindingFilter (internal/findfilter parses both
// front ends' input into it) and read its rows through EachFinding,
// ListFindings or QueryFindings. Every value is a bound parameter.

// Pseudo-statuses a FindingFilter accepts besides the check statuses.
const (
	// StatusGone selects lifecycles no longer reported.
	StatusGone = "gone"
	// StatusOpen selects the failing ones (State.Failing: a present fail,
	// or a present failure a waiver accepted).
	StatusOpen = "open"
)

// Sort orders of a FindingFilter. Each ends with the lifecycle key
// (account, check, region, resource), which is unique, so every order is
// total and pages never overlap.
const (
	SortKey       = ""           // account, check, region, resource
	SortAccount   = "account"    // the same as SortKey
	SortSeverity  = "severity"   // most severe first
	SortFirstSeen = "first_seen" // oldest first
	SortCheck     = "check"      // check, then account, region, resource
)

// Sorts lists the sort orders by name, for help and errors.
var Sorts = []string{SortAccount, SortCheck, SortFirstSeen, SortSeverity}

// FindingFilter selects findings. Empty lists select everything; each
// non-empty list is an OR of its values, the lists an AND.
type FindingFilter struct {
	Accounts []string
	// Statuses are current statuses of present findings (fail, pass, ...),
	// StatusGone (no longer reported) and StatusOpen (failing). Empty:
	// every lifecycle, present or gone.
	Statuses   []string
	Severities []string
	// Checks limits the checks; with RestrictChecks an empty list matches
	// nothing (an area, service or control without checks).
	Checks         []string
	RestrictChecks bool
	// FirstSeenSince and FirstSeenBefore bound when a lifecycle was first
	// seen (zero: unbounded): since <= first seen < before.
	FirstSeenSince, FirstSeenBefore time.Time
	// Sort is one of the Sort* orders.
	Sort string
	// Limit (at most MaxLimit; 0 means MaxLimit for ListFindings, no limit
	// for EachFinding) and Offset page the list.
	Limit, Offset int
}

// MaxLimit is the most findings one ListFindings returns.
const MaxLimit = 100_000

// FindingRow is one lifecycle as the findings queries list it.
type FindingRow struct {
	Key
	State
	Message      string
	FirstSeen    time.Time
	LastSeen     time.Time
	FailingSince time.Time
	Resolved     time.Time
	Reopened     int64
}

// CountKey identifies what f counts (its page and order aside), for
// caching counts per store generation.
func (f FindingFilter) CountKey() string {
	return fmt.Sprintf("%q|%q|%q|%q|%v|%d|%d", f.Accounts, f.Statuses, f.Severities, f.Checks, f.RestrictChecks,
		f.FirstSeenSince.UnixMilli(), f.FirstSeenBefore.UnixMilli())
}

func (f FindingFilter) where() (string, []any) {
	var conds []string
	var args []any
	ph := func(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }
	in := func(col string, vals []string) {
		conds = append(conds, col+" IN ("+ph(len(vals))+")")
		for _, v := range vals {
			args = append(args, v)
		}
	}
	if len(f.Statuses) > 0 {
		var alts, plain []string
		for _, st := range f.Statuses {
			switch st {
			case StatusGone:
				alts = append(alts, "f.present = 0")
			case StatusOpen:
				alts = append(alts, failingSQL)
			default:
				plain = append(plain, st)
			}
		}
		if len(plain) > 0 {
			alts = append(alts, "(f.present = 1 AND f.status IN ("+ph(len(plain))+"))")
			for _, v := range plain {
				args = append(args, v)
			}
		}
		if len(alts) == 1 {
			conds = append(conds, alts[0])
		} else {
			conds = append(conds, "("+strings.Join(alts, " OR ")+")")
		}
	}
	if len(f.Accounts) > 0 {
		in("f.account", f.Accounts)
	}
	if len(f.Severities) > 0 {
		in("f.severity", f.Severities)
	}
	if len(f.Checks) > 0 {
		in("f.check_id", f.Checks)
	} else if f.RestrictChecks {
		conds = append(conds, "1 = 0")
	}
	if !f.FirstSeenSince.IsZero() {
		conds = append(conds, "f.first_seen_at >= ?")
		args = append(args, f.FirstSeenSince.UnixMilli())
	}
	if !f.FirstSeenBefore.IsZero() {
		conds = append(conds, "f.first_seen_at < ?")
		args = append(args, f.FirstSeenBefore.UnixMilli())
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// severityOrderSQL ranks severities most severe first.
const severityOrderSQL = `CASE f.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2
	WHEN 'low' THEN 3 WHEN 'info' THEN 4 ELSE 5 END`

func (f FindingFilter) orderBy() (string, error) {
	const key = "f.account, f.check_id, f.region, f.resource"
	switch f.Sort {
	case SortKey, SortAccount:
		return " ORDER BY " + key, nil
	case SortSeverity:
		return " ORDER BY " + severityOrderSQL + ", " + key, nil
	case SortFirstSeen:
		return " ORDER BY f.first_seen_at, " + key, nil
	case SortCheck:
		return " ORDER BY f.check_id, f.account, f.region, f.resource", nil
	}
	return "", fmt.Errorf("unknown sort %q (want one of %s)", f.Sort, strings.Join(Sorts, ", "))
}

// QueryFindings returns one page of the findings f selects and how many it
// selects in all.
func (s *Store) QueryFindings(ctx context.Context, f FindingFilter) ([]FindingRow, int64, error) {
	total, err := s.CountFindings(ctx, f)
	if err != nil || total == 0 || int64(f.Offset) >= total {
		return nil, total, err
	}
	rows, err := s.ListFindings(ctx, f)
	return rows, total, err
}

// CountFindings counts the findings f selects (its Limit and Offset aside).
func (s *Store) CountFindings(ctx context.Context, f FindingFilter) (int64, error) {
	where, args := f.where()
	var total int64
	if err := s.db.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM findings f`+where), args...).Scan(&total); err != nil {
		return 0, s.wrap("count findings", err)
	}
	return total, nil
}

// ListFindings returns the page of findings f selects (at most MaxLimit).
func (s *Store) ListFindings(ctx context.Context, f FindingFilter) ([]FindingRow, error) {
	if f.Limit <= 0 || f.Limit > MaxLimit {
		f.Limit = MaxLimit
	}
	var out []FindingRow
	err := s.EachFinding(ctx, f, func(r FindingRow) error {
		out = append(out, r)
		return nil
	})
	return out, err
}

// EachFinding calls fn with each finding f selects, in f's order, without
// holding them all (f.Limit 0: every one). An error from fn stops it and
// is returned as is.
//
// How it stays fast (bench/RESULTS.md): a page (Limit or Offset set) is
// chosen on the findings alone, so the rows an OFFSET skips are read from
// an index without their columns or their coverage, and only the page's
// rows are joined; a whole listing reads the coverage rows it needs once
// (few: one per account, check and region) instead of looking one up per
// finding.
func (s *Store) EachFinding(ctx context.Context, f FindingFilter, fn func(FindingRow) error) error {
	return s.eachFinding(ctx, f, false, fn)
}

// EachFindingBrief is EachFinding reading only what a table of findings
// shows: each row's Key, Present, Status, Severity, FirstSeen and Resolved
// (the rest is zero). It reads 9 columns a row instead of 16 and no
// coverage, the store's share of `shoulder findings --format table`.
func (s *Store) EachFindingBrief(ctx context.Context, f FindingFilter, fn func(FindingRow) error) error {
	return s.eachFinding(ctx, f, true, fn)
}

// eachFinding is EachFinding, or EachFindingBrief when brief: one query
// for both, so they select and order alike.
func (s *Store) eachFinding(ctx context.Context, f FindingFilter, brief bool, fn func(FindingRow) error) error {
	if f.Offset < 0 || f.Limit < 0 {
		return s.wrap("query findings", fmt.Errorf("negative limit %d or offset %d", f.Limit, f.Offset))
	}
	order, err := f.orderBy()
	if err != nil {
		return s.wrap("query findings", err)
	}
	where, args := f.where()
	// covered is the last scan that covered a present finding, which last
	// saw it (docs/store.md): joined for a page, looked up in lastAt for a
	// whole listing, not read for a brief one.
	cols := `f.check_id, f.account, f.region, f.resource, f.present, f.status, f.severity, f.waived_from,
		f.waiver, f.message, f.first_seen_at, f.last_seen_at, f.failing_since_at, f.resolved_at, f.reopened`
	covered, join := `, NULL`, ``
	if brief {
		cols = `f.check_id, f.account, f.region, f.resource, f.present, f.status, f.severity, f.first_seen_at, f.resolved_at`
		covered = ``
	}
	var q string
	var lastAt map[[3]string]int64
	if f.Limit > 0 || f.Offset > 0 {
		lim := int64(f.Limit)
		if lim == 0 {
			lim = 1 << 62
		}
		if !brief {
			covered, join = `, c.last_at`, ` LEFT JOIN coverage c
			ON c.account = f.account AND c.check_id = f.check_id AND c.region = f.region`
		}
		q = `SELECT ` + cols + covered + ` FROM (SELECT f.id FROM findings f` + where + order + ` LIMIT ? OFFSET ?) p
			JOIN findings f ON f.id = p.id` + join + order
		args = append(args, lim, f.Offset)
	} else {
		if !brief {
			if lastAt, err = s.coverageOf(ctx, f); err != nil {
				return err
			}
		}
		q = `SELECT ` + cols + covered + ` FROM findings f` + where + order
	}
	rs, err := s.db.QueryContext(ctx, s.q(q), args...)
	if err != nil {
		return s.wrap("query findings", err)
	}
	defer rs.Close()
	// The columns are scanned into one set of variables for every row:
	// variables declared per row escape (rs.Scan takes their addresses)
	// and cost 7 allocations a row.
	var c struct {
		check, account, region, resource, status, severity, waivedFrom, waiver, message string
		present, first, last, reopened                                                  int64
		since, resolved, covered                                                        sql.NullInt64
	}
	dest := []any{&c.check, &c.account, &c.region, &c.resource, &c.present, &c.status, &c.severity,
		&c.waivedFrom, &c.waiver, &c.message, &c.first, &c.last, &c.since, &c.resolved, &c.reopened, &c.covered}
	if brief {
		dest = []any{&c.check, &c.account, &c.region, &c.resource, &c.present, &c.status, &c.severity,
			&c.first, &c.resolved}
	}
	for rs.Next() {
		if err := rs.Scan(dest...); err != nil {
			return s.wrap("query findings", err)
		}
		r := FindingRow{Key: Key{Check: c.check, Account: c.account, Region: c.region, Resource: c.resource},
			State: State{Present: c.present == 1, Status: c.status, Severity: c.severity, WaivedFrom: c.waivedFrom,
				Waiver: c.waiver},
			Message: c.message, Reopened: c.reopened, FirstSeen: time.UnixMilli(c.first).UTC()}
		if !brief {
			last := c.last
			if r.Present {
				if lastAt != nil {
					c.covered.Int64, c.covered.Valid = lastAt[[3]string{r.Account, r.Check, r.Region}]
				}
				if c.covered.Valid {
					last = c.covered.Int64
				}
			}
			r.LastSeen = time.UnixMilli(last).UTC()
		}
		if c.since.Valid {
			r.FailingSince = time.UnixMilli(c.since.Int64).UTC()
		}
		if c.resolved.Valid {
			r.Resolved = time.UnixMilli(c.resolved.Int64).UTC()
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return s.wrap("query findings", rs.Err())
}

// coverageOf reads when each (account, check, region) the filter can
// select was last covered: the coverage rows of its accounts and checks.
func (s *Store) coverageOf(ctx context.Context, f FindingFilter) (map[[3]string]int64, error) {
	cf := FindingFilter{Accounts: f.Accounts, Checks: f.Checks, RestrictChecks: f.RestrictChecks}
	where, args := cf.where()
	rs, err := s.db.QueryContext(ctx, s.q(`SELECT f.account, f.check_id, f.region, f.last_at FROM coverage f`+where), args...)
	if err != nil {
		return nil, s.wrap("read coverage", err)
	}
	defer rs.Close()
	out := map[[3]string]int64{}
	for rs.Next() {
		var k [3]string
		var at int64
		if err := rs.Scan(&k[0], &k[1], &k[2], &at); err != nil {
			return nil, s.wrap("read coverage", err)
		}
		out[k] = at
	}
	return out, s.wrap("read coverage", rs.Err())
}

// OUPaths returns each stored account's OU path (e.g. Root/Workloads/Prod)
// as the latest scan that named one recorded it (scans.report_meta); an
// account never seen in an organization has none. It reads scans newest
// first and stops once every account with findings has its path.
func (s *Store) OUPaths(ctx context.Context) (map[string]string, error) {
	want := map[string]bool{}
	rs, err := s.db.QueryContext(ctx, `SELECT DISTINCT account FROM coverage`)
	if err != nil {
		return nil, s.wrap("read accounts", err)
	}
	for rs.Next() {
		var a string
		if err := rs.Scan(&a); err != nil {
			rs.Close()
			return nil, s.wrap("read accounts", err)
		}
		want[a] = true
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return nil, s.wrap("read accounts", err)
	}
	out := map[string]string{}
	seen := map[string]bool{}
	rs, err = s.db.QueryContext(ctx, `SELECT report_meta FROM scans ORDER BY id DESC`)
	if err != nil {
		return nil, s.wrap("read OU paths", err)
	}
	defer rs.Close()
	for rs.Next() && len(seen) < len(want) {
		var raw string
		if err := rs.Scan(&raw); err != nil {
			return nil, s.wrap("read OU paths", err)
		}
		var m struct {
			Accounts []struct {
				ID     string `json:"id"`
				OUPath string `json:"ou_path"`
			} `json:"accounts"`
			Names map[string][2]string `json:"names"`
		}
		if err := json.Unmarshal([]byte(raw), &m); err != nil {
			return nil, s.wrap("read OU paths", err)
		}
		note := func(acct, path string) {
			if !seen[acct] {
				seen[acct] = true
				if path != "" {
					out[acct] = path
				}
			}
		}
		for acct, n := range m.Names {
			note(acct, n[1])
		}
		for _, a := range m.Accounts {
			note(a.ID, a.OUPath)
		}
	}
	return out, s.wrap("read OU paths", rs.Err())
}
