package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// The dashboard's reads (shoulder serve): the current state of every
// lifecycle, summarised per account, and a filtered, paginated list of
// findings. Every value is a bound parameter; the indexes of migration 0002
// and the lifecycle key serve the filters.

// failingSQL is State.Failing in SQL: a present fail, or a present failure a
// waiver accepted. TestFailingSQLAgrees holds the two to each other. The
// CASE keeps the planners off findings_status: the failing findings are a
// large share of all, and reading the key's index in order until a page is
// full is cheaper than collecting and sorting all of them (the OR of two
// status ranges would need a sort).
const failingSQL = `(present = 1 AND (CASE WHEN status = 'fail' OR (status = 'waived' AND waived_from = 'fail') THEN 1 ELSE 0 END) = 1)`

// StatusCount counts an account's present findings of one check, status,
// waived-from status and severity.
type StatusCount struct {
	Account    string
	Check      string
	Status     string
	WaivedFrom string
	Severity   string
	N          int
}

// CurrentCounts counts the present findings per account, check, status,
// waived-from status and severity: the current state the overview
// summarises (one row per group, not per finding).
func (s *Store) CurrentCounts(ctx context.Context) ([]StatusCount, error) {
	rs, err := s.db.QueryContext(ctx, `SELECT account, check_id, status, waived_from, severity, COUNT(*)
		FROM findings WHERE present = 1 GROUP BY account, check_id, status, waived_from, severity
		ORDER BY account, check_id, status, waived_from, severity`)
	if err != nil {
		return nil, s.wrap("count current findings", err)
	}
	defer rs.Close()
	var out []StatusCount
	for rs.Next() {
		var c StatusCount
		if err := rs.Scan(&c.Account, &c.Check, &c.Status, &c.WaivedFrom, &c.Severity, &c.N); err != nil {
			return nil, s.wrap("count current findings", err)
		}
		out = append(out, c)
	}
	return out, s.wrap("count current findings", rs.Err())
}

// LatestScans returns, per account, the latest scan that covered it.
func (s *Store) LatestScans(ctx context.Context) (map[string]ScanRow, error) {
	rs, err := s.db.QueryContext(ctx, `SELECT c.account, s.id, s.recorded_at, s.who, s.source, s.accounts,
		s.regions, s.version, s.policy_hash, s.results, s.applicable, s.evaluated, s.run_id, s.shard, s.shards
		FROM (SELECT account, MAX(last_scan) AS scan FROM coverage GROUP BY account) c
		JOIN scans s ON s.id = c.scan ORDER BY c.account`)
	if err != nil {
		return nil, s.wrap("read latest scans", err)
	}
	defer rs.Close()
	out := map[string]ScanRow{}
	for rs.Next() {
		var acct string
		var r ScanRow
		var at int64
		if err := rs.Scan(&acct, &r.ID, &at, &r.Who, &r.Source, &r.Accounts, &r.Regions, &r.Version,
			&r.PolicyHash, &r.Results, &r.Applicable, &r.Evaluated, &r.RunID, &r.Shard, &r.Shards); err != nil {
			return nil, s.wrap("read latest scans", err)
		}
		r.RecordedAt = time.UnixMilli(at).UTC()
		out[acct] = r
	}
	return out, s.wrap("read latest scans", rs.Err())
}

// FindingFilter selects findings. Empty lists select everything; each
// non-empty list is an OR of its values, the lists an AND.
type FindingFilter struct {
	Accounts   []string
	Statuses   []string
	Severities []string
	// Checks limits the checks; with RestrictChecks an empty list matches
	// nothing (an area without checks).
	Checks         []string
	RestrictChecks bool
	// Failing keeps the failing findings only (State.Failing).
	Failing bool
	// Gone includes the findings no longer present.
	Gone bool
	// Limit (at most MaxLimit; 0 means MaxLimit) and Offset page the list,
	// ordered by the lifecycle key (account, check, region, resource).
	Limit, Offset int
}

// MaxLimit is the most findings one query returns.
const MaxLimit = 100_000

// FindingRow is one finding as the dashboard shows it.
type FindingRow struct {
	Key
	State
	Message      string
	FirstSeen    time.Time
	FailingSince time.Time
	Reopened     int64
}

func (f FindingFilter) where() (string, []any) {
	var conds []string
	var args []any
	in := func(col string, vals []string) {
		ph := strings.TrimSuffix(strings.Repeat("?,", len(vals)), ",")
		conds = append(conds, col+" IN ("+ph+")")
		for _, v := range vals {
			args = append(args, v)
		}
	}
	if !f.Gone {
		conds = append(conds, "present = 1")
	}
	if f.Failing {
		conds = append(conds, failingSQL)
	}
	if len(f.Accounts) > 0 {
		in("account", f.Accounts)
	}
	if len(f.Statuses) > 0 {
		in("status", f.Statuses)
	}
	if len(f.Severities) > 0 {
		in("severity", f.Severities)
	}
	if len(f.Checks) > 0 {
		in("check_id", f.Checks)
	} else if f.RestrictChecks {
		conds = append(conds, "1 = 0")
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
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
	if err := s.db.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM findings`+where), args...).Scan(&total); err != nil {
		return 0, s.wrap("count findings", err)
	}
	return total, nil
}

// ListFindings returns the page of findings f selects, in the lifecycle
// key's order.
func (s *Store) ListFindings(ctx context.Context, f FindingFilter) ([]FindingRow, error) {
	if f.Limit <= 0 || f.Limit > MaxLimit {
		f.Limit = MaxLimit
	}
	if f.Offset < 0 {
		return nil, s.wrap("query findings", fmt.Errorf("negative offset %d", f.Offset))
	}
	where, args := f.where()
	rs, err := s.db.QueryContext(ctx, s.q(`SELECT check_id, account, region, resource, present, status, severity,
		waived_from, waiver, message, first_seen_at, failing_since_at, reopened
		FROM findings`+where+` ORDER BY account, check_id, region, resource LIMIT ? OFFSET ?`),
		append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, s.wrap("query findings", err)
	}
	defer rs.Close()
	var out []FindingRow
	for rs.Next() {
		var r FindingRow
		var present, first int64
		var since sql.NullInt64
		if err := rs.Scan(&r.Check, &r.Account, &r.Region, &r.Resource, &present, &r.Status, &r.Severity,
			&r.WaivedFrom, &r.Waiver, &r.Message, &first, &since, &r.Reopened); err != nil {
			return nil, s.wrap("query findings", err)
		}
		r.Present = present == 1
		r.FirstSeen = time.UnixMilli(first).UTC()
		if since.Valid {
			r.FailingSince = time.UnixMilli(since.Int64).UTC()
		}
		out = append(out, r)
	}
	return out, s.wrap("query findings", rs.Err())
}

// Generation identifies the store's content as the dashboard shows it: it
// changes when a scan is recorded or pruned, so answers computed from one
// generation can be reused until it changes.
func (s *Store) Generation(ctx context.Context) (string, error) {
	var hi, lo, n int64
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0), COALESCE(MIN(id), 0), COUNT(*) FROM scans`).Scan(&hi, &lo, &n); err != nil {
		return "", s.wrap("read the store's generation", err)
	}
	return fmt.Sprintf("%d-%d-%d", hi, lo, n), nil
}

// LatestScan returns the latest scan that covered account (false when none).
func (s *Store) LatestScan(ctx context.Context, account string) (ScanRow, bool, error) {
	var r ScanRow
	var at int64
	err := s.db.QueryRowContext(ctx, s.q(`SELECT s.id, s.recorded_at, s.who, s.source, s.accounts, s.regions, s.version,
		s.policy_hash, s.results, s.applicable, s.evaluated, s.run_id, s.shard, s.shards
		FROM scans s WHERE s.id = (SELECT MAX(last_scan) FROM coverage WHERE account = ?)`), account).Scan(
		&r.ID, &at, &r.Who, &r.Source, &r.Accounts, &r.Regions, &r.Version, &r.PolicyHash, &r.Results,
		&r.Applicable, &r.Evaluated, &r.RunID, &r.Shard, &r.Shards)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	if err != nil {
		return r, false, s.wrap("read the latest scan", err)
	}
	r.RecordedAt = time.UnixMilli(at).UTC()
	return r, true, nil
}
