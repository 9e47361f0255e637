package store

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// Info describes a store.
type Info struct {
	Kind          string
	Name          string
	SchemaVersion int
	// Size is the bytes the store's tables take.
	Size     int64
	Scans    int64
	Findings int64
	Events   int64
	// Oldest and Newest are when the first and last stored scans were
	// recorded (zero without scans).
	Oldest, Newest time.Time
}

// Info reads the store's size and counts.
func (s *Store) Info(ctx context.Context) (Info, error) {
	in := Info{Kind: s.Kind(), Name: s.name, SchemaVersion: s.version}
	var err error
	if in.Size, err = s.d.size(ctx, s.db); err != nil {
		return in, s.wrap("size", err)
	}
	var oldest, newest sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*), MIN(recorded_at), MAX(recorded_at) FROM scans`).Scan(&in.Scans, &oldest, &newest); err != nil {
		return in, s.wrap("count scans", err)
	}
	if oldest.Valid {
		in.Oldest, in.Newest = time.UnixMilli(oldest.Int64).UTC(), time.UnixMilli(newest.Int64).UTC()
	}
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM findings`).Scan(&in.Findings); err != nil {
		return in, s.wrap("count findings", err)
	}
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM finding_events`).Scan(&in.Events); err != nil {
		return in, s.wrap("count events", err)
	}
	return in, nil
}

// Pruned counts what Prune removed.
type Pruned struct {
	Scans    int64
	Events   int64
	Findings int64
	// Contexts are account_context rows no scan kept refers to; Shards
	// are run_shards rows of runs finished before the cutoff whose scans
	// are all gone.
	Contexts int64
	Shards   int64
	// CheckSets are lists of checks run that no scan kept ran.
	CheckSets int64
}

// Prune removes the scans recorded before cutoff, the events they
// recorded, and the lifecycles that have been gone since before cutoff.
// Lifecycles still present keep their current state (and first seen time);
// only their history before cutoff goes, but for its last event: the state
// each lifecycle was in when the first scan kept began, so the reports of
// the scans kept can still be rebuilt (ScanReport). Account context rows
// no kept scan refers to go too, and the shard rows of finished runs
// that no longer have a scan.
func (s *Store) Prune(ctx context.Context, cutoff time.Time) (Pruned, error) {
	var p Pruned
	c := cutoff.UnixMilli()
	err := inTx(ctx, s.db, func(tx *sql.Tx) error {
		if err := s.d.lockWriters(ctx, tx); err != nil {
			return err
		}
		steps := []struct {
			n *int64
			q string
		}{
			{&p.Events, `DELETE FROM finding_events WHERE finding_id IN (SELECT id FROM findings WHERE present=0 AND last_seen_at < ?)`},
			{&p.Findings, `DELETE FROM findings WHERE present=0 AND last_seen_at < ?`},
			{nil, `DELETE FROM finding_events WHERE scan_id NOT IN (SELECT id FROM scans WHERE recorded_at >= ?)
				AND scan_id < (SELECT MAX(e2.scan_id) FROM finding_events e2 WHERE e2.finding_id = finding_events.finding_id
				AND e2.scan_id NOT IN (SELECT id FROM scans WHERE recorded_at >= ?))`},
			{&p.Scans, `DELETE FROM scans WHERE recorded_at < ?`},
			// A kept scan refers to the context of each account it
			// covered: the account's latest row at or before it
			// (ContextAt). A row is kept when some remaining scan covering
			// its account lies between it and the account's next row
			// (an account ID holding LIKE's wildcards can only keep more).
			{&p.Contexts, `DELETE FROM account_context WHERE NOT EXISTS (SELECT 1 FROM scans k
				WHERE k.id >= account_context.scan_id
				AND k.id < COALESCE((SELECT MIN(n.scan_id) FROM account_context n
					WHERE n.account = account_context.account AND n.scan_id > account_context.scan_id), 9223372036854775807)
				AND ',' || k.accounts || ',' LIKE '%,' || account_context.account || ',%')`},
			// The check lists no kept scan ran.
			{&p.CheckSets, `DELETE FROM check_sets WHERE NOT EXISTS (SELECT 1 FROM scans k WHERE k.check_set = check_sets.id)`},
			// A finished run whose scans are all pruned: nothing to report.
			{&p.Shards, `DELETE FROM run_shards WHERE finished_at < ?
				AND NOT EXISTS (SELECT 1 FROM scans k WHERE k.run_id = run_shards.run_id)`},
		}
		for _, st := range steps {
			args := make([]any, strings.Count(st.q, "?"))
			for i := range args {
				args[i] = c
			}
			res, err := tx.ExecContext(ctx, s.q(st.q), args...)
			if err != nil {
				return err
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			if st.n != nil {
				*st.n += n
			} else {
				p.Events += n
			}
		}
		if p.Scans+p.Events+p.Findings+p.Contexts+p.Shards == 0 {
			return nil // nothing changed: the dashboard keeps its answers
		}
		return bumpGeneration(ctx, tx)
	})
	if err != nil {
		return p, s.wrap("prune", err)
	}
	if p.Scans+p.Events+p.Findings+p.Contexts+p.Shards > 0 {
		if err := s.d.compact(ctx, s.db); err != nil {
			return p, s.wrap("compact after prune", err)
		}
	}
	return p, nil
}

// Event is one change of a lifecycle.
type Event struct {
	ScanID int64
	State  State
}

// Lifecycles reads every lifecycle's events in scan order.
func (s *Store) Lifecycles(ctx context.Context) (map[Key][]Event, error) {
	rs, err := s.db.QueryContext(ctx, `SELECT f.check_id, f.account, f.region, f.resource, e.scan_id, e.present,
		e.status, e.severity, e.waived_from, e.waiver
		FROM finding_events e JOIN findings f ON f.id = e.finding_id ORDER BY f.id, e.scan_id`)
	if err != nil {
		return nil, s.wrap("read lifecycles", err)
	}
	defer rs.Close()
	out := map[Key][]Event{}
	for rs.Next() {
		var k Key
		var e Event
		var present int64
		if err := rs.Scan(&k.Check, &k.Account, &k.Region, &k.Resource, &e.ScanID, &present, &e.State.Status,
			&e.State.Severity, &e.State.WaivedFrom, &e.State.Waiver); err != nil {
			return nil, s.wrap("read lifecycles", err)
		}
		e.State.Present = present == 1
		out[k] = append(out[k], e)
	}
	return out, s.wrap("read lifecycles", rs.Err())
}

// Finding is a lifecycle's current row.
type Finding struct {
	Key
	State
	Message       string
	FirstSeenScan int64
	LastSeenScan  int64
	ChangedScan   int64
	// FailingSince is when it last started failing (zero if never).
	FailingSince time.Time
	// ResolvedScan is the scan that resolved it (0 while failing or never failed).
	ResolvedScan int64
	Reopened     int64
}

// Findings reads every lifecycle's current state.
func (s *Store) Findings(ctx context.Context) (map[Key]Finding, error) {
	// A present finding was last seen by the last scan that covered it.
	rs, err := s.db.QueryContext(ctx, `SELECT f.check_id, f.account, f.region, f.resource, f.present, f.status,
		f.severity, f.waived_from, f.waiver, f.message, f.first_seen_scan,
		CASE WHEN f.present = 1 AND c.last_scan IS NOT NULL THEN c.last_scan ELSE f.last_seen_scan END,
		f.changed_scan, f.failing_since_at, f.resolved_scan, f.reopened
		FROM findings f LEFT JOIN coverage c
		ON c.account = f.account AND c.check_id = f.check_id AND c.region = f.region`)
	if err != nil {
		return nil, s.wrap("read findings", err)
	}
	defer rs.Close()
	out := map[Key]Finding{}
	for rs.Next() {
		var f Finding
		var present int64
		var since, resolved sql.NullInt64
		if err := rs.Scan(&f.Check, &f.Account, &f.Region, &f.Resource, &present, &f.Status, &f.Severity,
			&f.WaivedFrom, &f.Waiver, &f.Message, &f.FirstSeenScan, &f.LastSeenScan, &f.ChangedScan, &since,
			&resolved, &f.Reopened); err != nil {
			return nil, s.wrap("read findings", err)
		}
		f.Present = present == 1
		if since.Valid {
			f.FailingSince = time.UnixMilli(since.Int64).UTC()
		}
		f.ResolvedScan = resolved.Int64
		out[f.Key] = f
	}
	return out, s.wrap("read findings", rs.Err())
}

// ScanRow is a stored scan's metadata.
type ScanRow struct {
	ID         int64
	RecordedAt time.Time
	Who        string
	Source     string
	Accounts   string
	Regions    string
	Version    string
	PolicyHash string
	Results    int64
	Applicable int64
	Evaluated  int64
	RunID      string
	Shard      int64
	Shards     int64
}

// Scans lists the stored scans, oldest first.
func (s *Store) Scans(ctx context.Context) ([]ScanRow, error) {
	return s.scanRows(ctx, `ORDER BY id`)
}

// scanRows reads stored scans in the order (and limit) tail gives: the one
// reader of the scans table's columns into ScanRow.
func (s *Store) scanRows(ctx context.Context, tail string) ([]ScanRow, error) {
	rs, err := s.db.QueryContext(ctx, `SELECT id, recorded_at, who, source, accounts, regions, version, policy_hash,
		results, applicable, evaluated, run_id, shard, shards FROM scans `+tail)
	if err != nil {
		return nil, s.wrap("read scans", err)
	}
	defer rs.Close()
	var out []ScanRow
	for rs.Next() {
		var r ScanRow
		var at int64
		if err := rs.Scan(&r.ID, &at, &r.Who, &r.Source, &r.Accounts, &r.Regions, &r.Version, &r.PolicyHash,
			&r.Results, &r.Applicable, &r.Evaluated, &r.RunID, &r.Shard, &r.Shards); err != nil {
			return nil, s.wrap("read scans", err)
		}
		r.RecordedAt = time.UnixMilli(at).UTC()
		out = append(out, r)
	}
	if err := rs.Err(); err != nil {
		return nil, s.wrap("read scans", err)
	}
	return out, nil
}
