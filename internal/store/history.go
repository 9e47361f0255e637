package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ErrNoScan is returned for a scan reference that names no stored scan.
var ErrNoScan = errors.New("no such scan in the store")

// RecentScans lists up to limit stored scans, newest first (all when limit
// is 0 or less).
func (s *Store) RecentScans(ctx context.Context, limit int) ([]ScanRow, error) {
	tail := `ORDER BY id DESC`
	if limit > 0 {
		tail += ` LIMIT ` + strconv.Itoa(limit)
	}
	return s.scanRows(ctx, tail)
}

// ResolveScan turns a scan reference into a stored scan's ID: "last" (the
// newest scan), an age such as "7d" or "36h" (the newest scan recorded at
// least that long before now), or a scan ID. A reference that names no
// stored scan is ErrNoScan; age parsing is the caller's (parseAge).
func (s *Store) ResolveScan(ctx context.Context, ref string, age time.Duration, now time.Time) (int64, error) {
	var (
		id  sql.NullInt64
		err error
	)
	switch {
	case ref == "last":
		err = s.db.QueryRowContext(ctx, `SELECT MAX(id) FROM scans`).Scan(&id)
	case age > 0:
		err = s.db.QueryRowContext(ctx, s.q(`SELECT MAX(id) FROM scans WHERE recorded_at <= ?`),
			now.Add(-age).UnixMilli()).Scan(&id)
	default:
		n, perr := strconv.ParseInt(ref, 10, 64)
		if perr != nil || n <= 0 {
			return 0, fmt.Errorf("%q is not a scan: want last, an age such as 7d, or a scan ID (shoulder history lists them)", ref)
		}
		err = s.db.QueryRowContext(ctx, s.q(`SELECT id FROM scans WHERE id = ?`), n).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			err = nil
		}
	}
	if err != nil {
		return 0, s.wrap("find the scan", err)
	}
	if !id.Valid {
		if age > 0 {
			return 0, fmt.Errorf("%w: none recorded %s or longer ago", ErrNoScan, ref)
		}
		return 0, fmt.Errorf("%w: %s", ErrNoScan, ref)
	}
	return id.Int64, nil
}

// TrendPoint is one stored scan's failing results, per severity, area and
// account.
type TrendPoint struct {
	ScanID     int64          `json:"scan_id"`
	RecordedAt time.Time      `json:"recorded_at"`
	Accounts   []string       `json:"accounts"`
	Failing    int            `json:"failing"`
	BySeverity map[string]int `json:"by_severity"`
	ByArea     map[string]int `json:"by_area"`
	ByAccount  map[string]int `json:"by_account"`
}

// Trends reads the failing results of every scan recorded at or after
// since (all with a zero since), oldest first, from each scan's counts: one
// row per scan, so it costs the number of scans, not of results. A scan
// recorded before counts per account existed counts all its failures
// against its one account (left out of ByAccount when it had several).
func (s *Store) Trends(ctx context.Context, since time.Time) ([]TrendPoint, error) {
	rs, err := s.db.QueryContext(ctx, s.q(`SELECT id, recorded_at, accounts, counts FROM scans
		WHERE recorded_at >= ? ORDER BY id`), since.UnixMilli())
	if err != nil {
		return nil, s.wrap("read trends", err)
	}
	defer rs.Close()
	var out []TrendPoint
	for rs.Next() {
		p, err := scanTrendPoint(rs)
		if err != nil {
			return nil, s.wrap("read trends", err)
		}
		out = append(out, p)
	}
	return out, s.wrap("read trends", rs.Err())
}

// ScanHeads lists every stored scan's ID, time and accounts, oldest first:
// the points of Trends without their counts (empty maps). It reads none of
// a scan's large columns, so over a year of scans it costs a fraction of
// Trends; a caller that needs the counts of some scans only (the
// dashboard's trend of the last days) chooses them from it and reads them
// with TrendsOf.
func (s *Store) ScanHeads(ctx context.Context) ([]TrendPoint, error) {
	rs, err := s.db.QueryContext(ctx, `SELECT id, recorded_at, accounts FROM scans ORDER BY id`)
	if err != nil {
		return nil, s.wrap("read the scans", err)
	}
	defer rs.Close()
	var out []TrendPoint
	for rs.Next() {
		var id, at int64
		var accounts string
		if err := rs.Scan(&id, &at, &accounts); err != nil {
			return nil, s.wrap("read the scans", err)
		}
		p, err := trendPoint(id, at, accounts, "")
		if err != nil {
			return nil, s.wrap("read the scans", err)
		}
		out = append(out, p)
	}
	return out, s.wrap("read the scans", rs.Err())
}

// TrendsOf is Trends for the scans ids only (ascending), oldest first; an
// ID no stored scan has is left out.
func (s *Store) TrendsOf(ctx context.Context, ids []int64) ([]TrendPoint, error) {
	const batch = 500
	out := make([]TrendPoint, 0, len(ids))
	for start := 0; start < len(ids); start += batch {
		part := ids[start:min(start+batch, len(ids))]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		rs, err := s.db.QueryContext(ctx, s.q(`SELECT id, recorded_at, accounts, counts FROM scans WHERE id IN (`+
			strings.TrimSuffix(strings.Repeat("?,", len(part)), ",")+`) ORDER BY id`), args...)
		if err != nil {
			return nil, s.wrap("read trends", err)
		}
		for rs.Next() {
			p, err := scanTrendPoint(rs)
			if err != nil {
				rs.Close()
				return nil, s.wrap("read trends", err)
			}
			out = append(out, p)
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return nil, s.wrap("read trends", err)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ScanID < out[j].ScanID })
	return out, nil
}

// scanTrendPoint reads one row of id, recorded_at, accounts, counts.
func scanTrendPoint(rs *sql.Rows) (TrendPoint, error) {
	var id, at int64
	var accounts, counts string
	if err := rs.Scan(&id, &at, &accounts, &counts); err != nil {
		return TrendPoint{}, err
	}
	return trendPoint(id, at, accounts, counts)
}

// trendPoint is one scan's point from its stored accounts and counts (the
// one reading of a scan's counts as a trend).
func trendPoint(id, at int64, accounts, counts string) (TrendPoint, error) {
	p := TrendPoint{ScanID: id, RecordedAt: time.UnixMilli(at).UTC()}
	if accounts != "" {
		p.Accounts = strings.Split(accounts, ",")
	}
	var c Counts
	if counts != "" && counts != "null" {
		if err := json.Unmarshal([]byte(counts), &c); err != nil {
			return p, fmt.Errorf("scan %d's counts: %w", id, err)
		}
	}
	p.BySeverity, p.ByArea, p.ByAccount = nonNil(c.FailBySeverity), nonNil(c.FailByArea), nonNil(c.FailByAccount)
	p.Failing = c.ByStatus["fail"]
	switch {
	case c.FailByAccount != nil:
		// Every account scanned, failing or not.
		for _, a := range p.Accounts {
			p.ByAccount[a] += 0
		}
	case len(p.Accounts) == 1:
		p.ByAccount[p.Accounts[0]] = p.Failing
	}
	return p, nil
}

func nonNil(m map[string]int) map[string]int {
	if m == nil {
		return map[string]int{}
	}
	return m
}

// Growth is an account whose failures grew between the last two scans
// that covered it.
type Growth struct {
	Account    string `json:"account"`
	FromScan   int64  `json:"from_scan"`
	ToScan     int64  `json:"to_scan"`
	From       int    `json:"from"`
	To         int    `json:"to"`
	Difference int    `json:"difference"`
}

// Grown returns the accounts whose failing results grew between the last
// two of the points that name them, largest growth first (then by
// account). points are oldest first (Trends).
func Grown(points []TrendPoint) []Growth {
	type last2 struct {
		prev, cur *TrendPoint
	}
	by := map[string]*last2{}
	for i := range points {
		p := &points[i]
		for acct := range p.ByAccount {
			l := by[acct]
			if l == nil {
				l = &last2{}
				by[acct] = l
			}
			l.prev, l.cur = l.cur, p
		}
	}
	var out []Growth
	for acct, l := range by {
		if l.prev == nil {
			continue
		}
		from, to := l.prev.ByAccount[acct], l.cur.ByAccount[acct]
		if to > from {
			out = append(out, Growth{Account: acct, FromScan: l.prev.ScanID, ToScan: l.cur.ScanID, From: from, To: to, Difference: to - from})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Difference != out[j].Difference {
			return out[i].Difference > out[j].Difference
		}
		return out[i].Account < out[j].Account
	})
	return out
}

// Resolution is the mean time to resolve the failures of one severity.
type Resolution struct {
	Severity string        `json:"severity"`
	Resolved int64         `json:"resolved"`
	Mean     time.Duration `json:"mean_ns"`
}

// MeanTimeToResolve averages, per severity, how long resolved failures
// were failing: from when each lifecycle last started failing to the scan
// that resolved it (a reopened lifecycle counts its last failing spell; a
// lifecycle failing again now counts none). The severity is the
// lifecycle's latest.
func (s *Store) MeanTimeToResolve(ctx context.Context) ([]Resolution, error) {
	return s.MeanTimeToResolveIn(ctx, nil)
}

func severityRank(s string) int {
	for i, x := range []string{"info", "low", "medium", "high", "critical"} {
		if x == s {
			return i
		}
	}
	return -1
}
