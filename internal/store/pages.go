package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// The dashboard's reads beyond the findings explorer (shoulder serve's
// overview history, frameworks, waivers and account pages). Each takes the
// accounts it may read: nil means every account, an empty non-nil list
// none (the viewer's scope decides, internal/serve/scope.go).

// inAccounts is the condition "col is one of accounts" and its arguments;
// nil accounts select every account, an empty list none.
func inAccounts(col string, accounts []string) (string, []any) {
	if accounts == nil {
		return "1 = 1", nil
	}
	if len(accounts) == 0 {
		return "1 = 0", nil
	}
	args := make([]any, len(accounts))
	for i, a := range accounts {
		args[i] = a
	}
	return col + " IN (" + strings.TrimSuffix(strings.Repeat("?,", len(accounts)), ",") + ")", args
}

// MeanTimeToResolveIn is MeanTimeToResolve over the lifecycles of accounts
// only (nil: every account).
func (s *Store) MeanTimeToResolveIn(ctx context.Context, accounts []string) ([]Resolution, error) {
	cond, args := inAccounts("account", accounts)
	rs, err := s.db.QueryContext(ctx, s.q(`SELECT severity, COUNT(*), AVG(resolved_at - failing_since_at) FROM findings
		WHERE resolved_at IS NOT NULL AND failing_since_at IS NOT NULL AND `+cond+` GROUP BY severity`), args...)
	if err != nil {
		return nil, s.wrap("mean time to resolve", err)
	}
	defer rs.Close()
	var out []Resolution
	for rs.Next() {
		var r Resolution
		var mean float64
		if err := rs.Scan(&r.Severity, &r.Resolved, &mean); err != nil {
			return nil, s.wrap("mean time to resolve", err)
		}
		r.Mean = time.Duration(mean * float64(time.Millisecond))
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return severityRank(out[i].Severity) > severityRank(out[j].Severity) })
	return out, s.wrap("mean time to resolve", rs.Err())
}

// ReadLevels says how fully each account was read by the latest scan that
// covered it: engine.ReadFull, ReadPartial or ReadNone (an account a
// combined report names as not read, which no scan covered). A combined report's
// scan names each account's level (its report_meta accounts); a one-account
// scan's level is engine.ReadLevel of its gaps, the rule `--accounts` uses.
func (s *Store) ReadLevels(ctx context.Context) (map[string]string, error) {
	rs, err := s.db.QueryContext(ctx, `SELECT c.account, s.gaps, s.report_meta
		FROM (SELECT account, MAX(last_scan) AS scan FROM coverage GROUP BY account) c
		JOIN scans s ON s.id = c.scan ORDER BY c.account`)
	if err != nil {
		return nil, s.wrap("read coverage levels", err)
	}
	defer rs.Close()
	out := map[string]string{}
	// Accounts a combined report names but could not read have no
	// coverage: their level is the report's.
	named := map[string]string{}
	for rs.Next() {
		var acct, gapsText, metaText string
		if err := rs.Scan(&acct, &gapsText, &metaText); err != nil {
			return nil, s.wrap("read coverage levels", err)
		}
		var meta reportMeta
		if err := json.Unmarshal([]byte(metaText), &meta); err != nil {
			return nil, s.wrap("read coverage levels", fmt.Errorf("account %s: report meta: %w", acct, err))
		}
		level := ""
		for _, e := range meta.Accounts {
			if e.ID == acct {
				level = e.Read
			}
			named[e.ID] = e.Read
		}
		if level == "" {
			var gaps []state.Gap
			if gapsText != "" && gapsText != "null" {
				if err := json.Unmarshal([]byte(gapsText), &gaps); err != nil {
					return nil, s.wrap("read coverage levels", fmt.Errorf("account %s: gaps: %w", acct, err))
				}
			}
			level = engine.ReadLevel(gaps)
		}
		out[acct] = level
	}
	for a, l := range named {
		if _, ok := out[a]; !ok {
			out[a] = l
		}
	}
	return out, s.wrap("read coverage levels", rs.Err())
}

// ScanAt is the latest scan of an account recorded at or before a time.
type ScanAt struct {
	ID         int64
	RecordedAt time.Time
	// ChecksRun are the checks the scan ran.
	ChecksRun []string
}

// ScansAt returns, for each of accounts (nil: every account the store
// knows), the latest scan recorded at or before at that covered it; an
// account no scan covered by then is absent.
func (s *Store) ScansAt(ctx context.Context, accounts []string, at time.Time) (map[string]ScanAt, error) {
	want := set(accounts)
	rs, err := s.db.QueryContext(ctx, s.q(`SELECT id, recorded_at, accounts FROM scans WHERE recorded_at <= ? ORDER BY id DESC`),
		at.UnixMilli())
	if err != nil {
		return nil, s.wrap("find the scans of a date", err)
	}
	out := map[string]ScanAt{}
	var ids []int64
	for rs.Next() {
		var id, rec int64
		var accts string
		if err := rs.Scan(&id, &rec, &accts); err != nil {
			rs.Close()
			return nil, s.wrap("find the scans of a date", err)
		}
		used := false
		for _, a := range splitList(accts) {
			if _, seen := out[a]; seen || (accounts != nil && !want[a]) {
				continue
			}
			out[a] = ScanAt{ID: id, RecordedAt: time.UnixMilli(rec).UTC()}
			used = true
		}
		if used {
			ids = append(ids, id)
		}
		if accounts != nil && len(out) == len(want) {
			break
		}
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return nil, s.wrap("find the scans of a date", err)
	}
	run := map[int64][]string{}
	for len(ids) > 0 {
		n := min(len(ids), 500)
		batch := make([]any, n)
		for i, id := range ids[:n] {
			batch[i] = id
		}
		ids = ids[n:]
		crs, err := s.db.QueryContext(ctx, s.q(`SELECT id, `+checksRunColumn+` FROM scans WHERE id IN (`+
			strings.TrimSuffix(strings.Repeat("?,", n), ",")+`)`), batch...)
		if err != nil {
			return nil, s.wrap("find the scans of a date", err)
		}
		// Scans of one run share their checks: decode each text once.
		decoded := map[string][]string{}
		for crs.Next() {
			var id int64
			var text string
			if err := crs.Scan(&id, &text); err != nil {
				crs.Close()
				return nil, s.wrap("find the scans of a date", err)
			}
			cs, ok := decoded[text]
			if !ok {
				if err := json.Unmarshal([]byte(text), &cs); err != nil {
					crs.Close()
					return nil, s.wrap("find the scans of a date", fmt.Errorf("scan %d's checks: %w", id, err))
				}
				decoded[text] = cs
			}
			run[id] = cs
		}
		crs.Close()
		if err := crs.Err(); err != nil {
			return nil, s.wrap("find the scans of a date", err)
		}
	}
	for a, sa := range out {
		sa.ChecksRun = run[sa.ID]
		out[a] = sa
	}
	return out, nil
}

// StatesAt answers "what was the state of each lifecycle at time at": for
// every lifecycle of accounts (nil: all), its state after its last event
// recorded at or before at, the present ones only, in key order. It is the
// one answer to "status of key K at time T"; right after a scan recorded
// at T it is that scan's results for the accounts, checks and regions it
// covered (TestStatesAtAgreesWithScans), and from the newest scan on it is
// the findings' current state, which it then reads instead of the events.
func (s *Store) StatesAt(ctx context.Context, accounts []string, at time.Time) ([]Result, error) {
	var newest sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT MAX(recorded_at) FROM scans`).Scan(&newest); err != nil {
		return nil, s.wrap("read the state of a date", err)
	}
	cond, args := inAccounts("f.account", accounts)
	var rs *sql.Rows
	var err error
	if newest.Valid && at.UnixMilli() >= newest.Int64 {
		// Every event is at or before at: the last one is the current state.
		rs, err = s.db.QueryContext(ctx, s.q(`SELECT f.id, f.check_id, f.account, f.region, f.resource, f.present,
			f.status, f.severity, f.waived_from, f.waiver, f.message
			FROM findings f WHERE `+cond+` AND f.present = 1 ORDER BY f.account, f.check_id, f.region, f.resource`), args...)
	} else {
		// A lifecycle with no event after at is in the state its row
		// holds, its last event's (Record writes both alike; ScanReport
		// relies on it too). Only the lifecycles with an event after at
		// (finding_events_at, migration 0006) are looked up in their
		// events: each one's last event at or before at. Over a year of
		// daily scans a date of last week reads a few thousand events
		// instead of every event up to it (bench/RESULTS.md).
		const changed = `SELECT e.finding_id FROM finding_events e WHERE e.at > ?`
		ms := at.UnixMilli()
		all := append(append(append(append([]any{}, args...), ms), args...), ms, ms)
		rs, err = s.db.QueryContext(ctx, s.q(`SELECT f.id, f.check_id, f.account, f.region, f.resource, f.present,
			f.status, f.severity, f.waived_from, f.waiver, f.message
			FROM findings f WHERE `+cond+` AND f.present = 1 AND f.id NOT IN (`+changed+`)
			UNION ALL
			SELECT f.id, f.check_id, f.account, f.region, f.resource, e.present,
			e.status, e.severity, e.waived_from, e.waiver, e.message
			FROM findings f JOIN finding_events e ON e.finding_id = f.id
			WHERE `+cond+` AND f.id IN (`+changed+`)
			AND e.scan_id = (SELECT MAX(e2.scan_id) FROM finding_events e2 WHERE e2.finding_id = f.id AND e2.at <= ?)`), all...)
	}
	if err != nil {
		return nil, s.wrap("read the state of a date", err)
	}
	defer rs.Close()
	var out []Result
	last := int64(-1)
	for rs.Next() {
		var id, present int64
		var r Result
		if err := rs.Scan(&id, &r.Check, &r.Account, &r.Region, &r.Resource, &present, &r.Status, &r.Severity,
			&r.WaivedFrom, &r.Waiver, &r.Message); err != nil {
			return nil, s.wrap("read the state of a date", err)
		}
		r.Present = present == 1
		if id == last {
			out[len(out)-1] = r
		} else {
			out = append(out, r)
			last = id
		}
	}
	if err := rs.Err(); err != nil {
		return nil, s.wrap("read the state of a date", err)
	}
	kept := out[:0]
	for _, r := range out {
		if r.Present {
			kept = append(kept, r)
		}
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].Key.less(kept[j].Key) })
	return kept, nil
}

// Change is how one lifecycle changed in a scan.
type Change struct {
	Key
	// Kind is new (first seen), failing (failing for the first time),
	// reopened (failing again after it was resolved), fixed (failing
	// before, not now: passing, waived from another status, or gone),
	// gone (no longer reported) or changed (any other change of status,
	// severity or waiver), by the store's rule of failing (State.Failing).
	Kind   string
	Before State
	After  State
}

// The kinds of Change.
const (
	ChangeNew      = "new"
	ChangeFailing  = "failing"
	ChangeReopened = "reopened"
	ChangeFixed    = "fixed"
	ChangeGone     = "gone"
	ChangeChanged  = "changed"
)

// ChangeKinds lists the kinds of Change in the order pages show them.
var ChangeKinds = []string{ChangeNew, ChangeFailing, ChangeReopened, ChangeFixed, ChangeGone, ChangeChanged}

// ChangesIn lists how the lifecycles of account changed in scan id,
// against their state before it (at most limit, in key order; the second
// result is how many there are in all).
func (s *Store) ChangesIn(ctx context.Context, id int64, account string, limit int) ([]Change, int, error) {
	rs, err := s.db.QueryContext(ctx, s.q(`SELECT f.id, f.check_id, f.account, f.region, f.resource,
		e.present, e.status, e.severity, e.waived_from, e.waiver,
		p.present, p.status, p.severity, p.waived_from, p.waiver
		FROM finding_events e JOIN findings f ON f.id = e.finding_id
		LEFT JOIN finding_events p ON p.finding_id = e.finding_id
			AND p.scan_id = (SELECT MAX(p2.scan_id) FROM finding_events p2 WHERE p2.finding_id = e.finding_id AND p2.scan_id < e.scan_id)
		WHERE e.scan_id = ? AND f.account = ?
		ORDER BY f.check_id, f.region, f.resource`), id, account)
	if err != nil {
		return nil, 0, s.wrap("read a scan's changes", err)
	}
	var out []Change
	var newlyFailing []int // indexes in out of changes into failing
	var ids []any
	n := 0
	for rs.Next() {
		var c Change
		var fid, present int64
		var pPresent sql.NullInt64
		var pStatus, pSeverity, pWaivedFrom, pWaiver sql.NullString
		if err := rs.Scan(&fid, &c.Check, &c.Account, &c.Region, &c.Resource,
			&present, &c.After.Status, &c.After.Severity, &c.After.WaivedFrom, &c.After.Waiver,
			&pPresent, &pStatus, &pSeverity, &pWaivedFrom, &pWaiver); err != nil {
			rs.Close()
			return nil, 0, s.wrap("read a scan's changes", err)
		}
		c.After.Present = present == 1
		if pPresent.Valid {
			c.Before = State{Present: pPresent.Int64 == 1, Status: pStatus.String, Severity: pSeverity.String,
				WaivedFrom: pWaivedFrom.String, Waiver: pWaiver.String}
		}
		c.Kind = changeKind(pPresent.Valid, c.Before, c.After)
		n++
		if len(out) < limit {
			if c.Kind == ChangeFailing {
				newlyFailing = append(newlyFailing, len(out))
				ids = append(ids, fid)
			}
			out = append(out, c)
		}
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return nil, 0, s.wrap("read a scan's changes", err)
	}
	if len(ids) == 0 {
		return out, n, nil
	}
	// Failing again after an earlier failing state is a reopening (the
	// recorder's rule: it resolved when it stopped failing).
	failedBefore := map[Key]bool{}
	ers, err := s.db.QueryContext(ctx, s.q(`SELECT f.check_id, f.account, f.region, f.resource, e.present, e.status, e.waived_from
		FROM finding_events e JOIN findings f ON f.id = e.finding_id
		WHERE e.scan_id < ? AND e.finding_id IN (`+strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")+`)`),
		append([]any{id}, ids...)...)
	if err != nil {
		return nil, 0, s.wrap("read a scan's changes", err)
	}
	defer ers.Close()
	for ers.Next() {
		var k Key
		var st State
		var present int64
		if err := ers.Scan(&k.Check, &k.Account, &k.Region, &k.Resource, &present, &st.Status, &st.WaivedFrom); err != nil {
			return nil, 0, s.wrap("read a scan's changes", err)
		}
		st.Present = present == 1
		if st.Failing() {
			failedBefore[k] = true
		}
	}
	if err := ers.Err(); err != nil {
		return nil, 0, s.wrap("read a scan's changes", err)
	}
	for _, i := range newlyFailing {
		if failedBefore[out[i].Key] {
			out[i].Kind = ChangeReopened
		}
	}
	return out, n, nil
}

// changeKind names a change from before (had: a state existed) to after;
// a lifecycle that starts failing is ChangeFailing here (ChangesIn tells
// a reopening from its earlier events).
func changeKind(had bool, before, after State) string {
	switch {
	case !had:
		return ChangeNew
	case before.Failing() && !after.Failing():
		return ChangeFixed
	case !before.Failing() && after.Failing():
		return ChangeFailing
	case !after.Present:
		return ChangeGone
	}
	return ChangeChanged
}

// WaiverUse is one waiver as the lifecycles carry it, with the findings of
// accounts it is applied to now.
type WaiverUse struct {
	// ID is the waiver as stored (what it matches, owner, reason, expiry).
	ID       string
	Check    string
	Resource string
	Reason   string
	Owner    string
	// Expires is the waiver's expiry (zero: none).
	Expires  time.Time
	Findings []Key
}

// Waivers lists the waivers applied to present findings of accounts (nil:
// all), by waiver, each with the findings it covers (at most limit keys per
// waiver are kept).
func (s *Store) Waivers(ctx context.Context, accounts []string, limit int) ([]WaiverUse, map[string]int, error) {
	cond, args := inAccounts("account", accounts)
	rs, err := s.db.QueryContext(ctx, s.q(`SELECT check_id, account, region, resource, waiver FROM findings
		WHERE present = 1 AND waiver <> '' AND `+cond+` ORDER BY waiver, account, check_id, region, resource`), args...)
	if err != nil {
		return nil, nil, s.wrap("read waivers", err)
	}
	defer rs.Close()
	by := map[string]*WaiverUse{}
	counts := map[string]int{}
	var order []string
	for rs.Next() {
		var k Key
		var id string
		if err := rs.Scan(&k.Check, &k.Account, &k.Region, &k.Resource, &id); err != nil {
			return nil, nil, s.wrap("read waivers", err)
		}
		w := by[id]
		if w == nil {
			var v struct{ Check, Resource, Reason, Owner, Expires string }
			if err := json.Unmarshal([]byte(id), &v); err != nil {
				return nil, nil, s.wrap("read waivers", fmt.Errorf("waiver %q: %w", id, err))
			}
			w = &WaiverUse{ID: id, Check: v.Check, Resource: v.Resource, Reason: v.Reason, Owner: v.Owner}
			if v.Expires != "" && v.Expires != "0001-01-01" {
				if w.Expires, err = time.Parse(time.DateOnly, v.Expires); err != nil {
					return nil, nil, s.wrap("read waivers", fmt.Errorf("waiver %q: expiry: %w", id, err))
				}
			}
			by[id] = w
			order = append(order, id)
		}
		counts[id]++
		if len(w.Findings) < limit {
			w.Findings = append(w.Findings, k)
		}
	}
	if err := rs.Err(); err != nil {
		return nil, nil, s.wrap("read waivers", err)
	}
	out := make([]WaiverUse, len(order))
	for i, id := range order {
		out[i] = *by[id]
	}
	return out, counts, nil
}

// WaiverIssues returns the waiver issues (expired, stale, unevaluated)
// that the latest scan of each of accounts (nil: all) reported, by
// account. A scan of several accounts reports its issues for each.
func (s *Store) WaiverIssues(ctx context.Context, accounts []string) (map[string][]engine.WaiverIssue, error) {
	cond, args := inAccounts("c.account", accounts)
	rs, err := s.db.QueryContext(ctx, s.q(`SELECT c.account, s.report_meta
		FROM (SELECT account, MAX(last_scan) AS scan FROM coverage GROUP BY account) c
		JOIN scans s ON s.id = c.scan WHERE `+cond+` ORDER BY c.account`), args...)
	if err != nil {
		return nil, s.wrap("read waiver issues", err)
	}
	defer rs.Close()
	out := map[string][]engine.WaiverIssue{}
	for rs.Next() {
		var acct, metaText string
		if err := rs.Scan(&acct, &metaText); err != nil {
			return nil, s.wrap("read waiver issues", err)
		}
		var meta reportMeta
		if err := json.Unmarshal([]byte(metaText), &meta); err != nil {
			return nil, s.wrap("read waiver issues", fmt.Errorf("account %s: report meta: %w", acct, err))
		}
		if len(meta.WaiverIssues) > 0 {
			out[acct] = meta.WaiverIssues
		}
	}
	return out, s.wrap("read waiver issues", rs.Err())
}
