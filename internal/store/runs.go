package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// ErrNoRun is returned for a run ID that no stored scan or shard names.
var ErrNoRun = errors.New("no such run in the store")

// FinishShard records that shard (0 to shards-1) of run finished: every
// account it was given was read and its scans recorded. Recording it again
// (a shard retried) keeps the latest time.
func (s *Store) FinishShard(ctx context.Context, run string, shard, shards int, at time.Time) error {
	if run == "" || shards < 1 || shard < 0 || shard >= shards {
		return s.wrap("record the shard", fmt.Errorf("shard %d/%d of run %q: not a shard", shard, shards, run))
	}
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO run_shards (run_id, shard, shards, finished_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (run_id, shard) DO UPDATE SET shards = excluded.shards, finished_at = excluded.finished_at`),
		run, shard, shards, at.UnixMilli())
	return s.wrap("record the shard", err)
}

// RunState is how far a run split into shards has got.
type RunState struct {
	ID string `json:"run_id"`
	// Shards is n, the number of shards the run was split into.
	Shards int `json:"shards"`
	// Finished and Missing are shard indexes (0 to n-1), ascending.
	Finished []int `json:"finished"`
	Missing  []int `json:"missing"`
	// Scans are the run's recorded scans (one per account), ascending.
	Scans []int64 `json:"scans"`
}

// Complete reports whether every shard of the run finished.
func (r RunState) Complete() bool { return len(r.Missing) == 0 }

// Describe says in words which shards are missing, e.g. "2 of 3 shards
// finished; missing: 1".
func (r RunState) Describe() string {
	if r.Complete() {
		return fmt.Sprintf("finished: all %d shards recorded", r.Shards)
	}
	miss := make([]string, len(r.Missing))
	for i, m := range r.Missing {
		miss[i] = fmt.Sprint(m)
	}
	return fmt.Sprintf("not finished: %d of %d shards recorded; missing shard %s (of 0-%d)", len(r.Finished), r.Shards,
		strings.Join(miss, ", "), r.Shards-1)
}

// Run reads the state of run: its shard count (from its finished shards,
// else its scans), which shards finished and which are missing, and its
// scans. A run no scan or shard names is ErrNoRun; shards that disagree on
// n are an error.
func (s *Store) Run(ctx context.Context, run string) (RunState, error) {
	st := RunState{ID: run, Finished: []int{}, Missing: []int{}, Scans: []int64{}}
	counts := map[int]bool{}
	rs, err := s.db.QueryContext(ctx, s.q(`SELECT shard, shards FROM run_shards WHERE run_id = ? ORDER BY shard`), run)
	if err != nil {
		return st, s.wrap("read the run", err)
	}
	for rs.Next() {
		var shard, n int
		if err := rs.Scan(&shard, &n); err != nil {
			rs.Close()
			return st, s.wrap("read the run", err)
		}
		st.Finished = append(st.Finished, shard)
		counts[n] = true
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return st, s.wrap("read the run", err)
	}
	rs, err = s.db.QueryContext(ctx, s.q(`SELECT id, shards FROM scans WHERE run_id = ? ORDER BY id`), run)
	if err != nil {
		return st, s.wrap("read the run", err)
	}
	for rs.Next() {
		var id int64
		var n sql.NullInt64
		if err := rs.Scan(&id, &n); err != nil {
			rs.Close()
			return st, s.wrap("read the run", err)
		}
		st.Scans = append(st.Scans, id)
		// An unsplit run records 0 shards on its scans: one shard.
		counts[max(1, int(n.Int64))] = true
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return st, s.wrap("read the run", err)
	}
	if len(counts) == 0 {
		return st, fmt.Errorf("%w: %s", ErrNoRun, run)
	}
	if len(counts) > 1 {
		var ns []string
		for n := range counts {
			ns = append(ns, fmt.Sprint(n))
		}
		sort.Strings(ns)
		return st, s.wrap("read the run", fmt.Errorf("run %s: its shards disagree on how many there are (%s)", run, strings.Join(ns, ", ")))
	}
	for n := range counts {
		st.Shards = n
	}
	done := map[int]bool{}
	for _, f := range st.Finished {
		done[f] = true
	}
	for i := 0; i < st.Shards; i++ {
		if !done[i] {
			st.Missing = append(st.Missing, i)
		}
	}
	return st, nil
}
