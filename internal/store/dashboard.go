package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
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

// Generation identifies the store's content as the dashboard shows it: it
// changes when a scan is recorded or a prune removes anything, so answers
// computed from one generation can be reused until it changes. It is one
// row (migration 0006) that Record and Prune bump in their transactions
// (bumpGeneration): the dashboard reads it before every cached answer, and
// counting the scans instead cost in proportion to the stored history.
func (s *Store) Generation(ctx context.Context) (string, error) {
	var n int64
	if err := s.db.QueryRowContext(ctx, `SELECT n FROM store_generation`).Scan(&n); err != nil {
		return "", s.wrap("read the store's generation", err)
	}
	return strconv.FormatInt(n, 10), nil
}

// bumpGeneration starts a new generation within a writer's transaction.
func bumpGeneration(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `UPDATE store_generation SET n = n + 1`); err != nil {
		return fmt.Errorf("start a new generation: %w", err)
	}
	return nil
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
