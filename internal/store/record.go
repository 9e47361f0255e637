package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shoulder-dev/shoulder/internal/engine"
)

// Key identifies a finding's lifecycle.
type Key struct {
	Check    string
	Account  string
	Region   string
	Resource string
}

// State is what a lifecycle tracks of a result; an event is recorded each
// time it changes. A result that a scan covering it no longer reports is
// gone: its state is the last one with Present false.
type State struct {
	Present bool
	Status  string
	// Severity is the severity after policy overrides and sensitivity.
	Severity string
	// WaivedFrom is the status a waiver replaced ("" when not waived).
	WaivedFrom string
	// Waiver identifies the waiver applied ("" when none).
	Waiver string
}

// Failing reports whether the state counts as an open failure: a present
// fail, or a present failure a waiver accepted (a waiver does not fix
// anything). Leaving it resolves the finding; entering it again reopens it.
func (s State) Failing() bool {
	return s.Present && (s.Status == "fail" || (s.Status == "waived" && s.WaivedFrom == "fail"))
}

// Result is one result of a scan.
type Result struct {
	Key
	State
	Message string
}

// Scan is one scan to record: its metadata, its scope and its results.
type Scan struct {
	// RecordedAt is when the scan is recorded (zero: now).
	RecordedAt  time.Time
	EvaluatedAt time.Time
	CollectedAt time.Time
	Who         string
	Source      string
	// Accounts, Regions and Checks are the scan's scope: a stored finding of
	// one of these accounts, checks and regions that the scan does not
	// report is gone. Regions of the results and the global region ("")
	// are always in scope.
	Accounts     []string
	Regions      []string
	Checks       []string
	PolicySource string
	PolicyHash   string
	Version      string
	Applicable   int
	Evaluated    int
	// Counts summarises the results (any JSON; history reads it).
	Counts any
	// Gaps are the coverage gaps (any JSON).
	Gaps any
	// ReportMeta is what rebuilding the scan's report needs besides the
	// lifecycles (any JSON; FromReport fills it, ScanReport reads it).
	ReportMeta any
	// RunID and Shard/Shards tie the shards of one run together (later).
	RunID  string
	Shard  int
	Shards int
	// Results are the scan's results; of two with one key the first counts.
	// A scan made by FromReport leaves them empty and reads its report's
	// findings instead.
	Results []Result
	// Contexts are what the account page needs of each account besides
	// its findings (the services in use, the data map); kept when they
	// differ from the account's latest (migration 0004).
	Contexts []AccountContext

	// report, when set (FromReport), holds the results in place of Results;
	// compact, when set (Recording), likewise.
	report  *engine.Report
	compact *compactResults
}

// numResults, keyAt and resultAt read the scan's results one at a time:
// the report's findings for a scan made by FromReport, the compact results
// of a Recording's, else Results. No
// copy of them all is made.
func (sc *Scan) numResults() int {
	if sc.report != nil {
		return len(sc.report.Results)
	}
	if sc.compact != nil {
		return len(sc.compact.rows)
	}
	return len(sc.Results)
}

func (sc *Scan) keyAt(i int) Key {
	if sc.report != nil {
		return findingKey(sc.report, &sc.report.Results[i])
	}
	if sc.compact != nil {
		return sc.compact.key(i)
	}
	return sc.Results[i].Key
}

func (sc *Scan) resultAt(i int) Result {
	if sc.report != nil {
		return findingResult(sc.report, &sc.report.Results[i])
	}
	if sc.compact != nil {
		return sc.compact.result(i)
	}
	return sc.Results[i]
}

// scope answers whether a stored finding is one the scan covered.
type scope struct {
	accounts []string
	checks   []string
	regions  []string
	check    map[string]bool
	region   map[string]bool
}

func (sc *Scan) scope() scope {
	acc := map[string]bool{}
	for _, a := range sc.Accounts {
		acc[a] = true
	}
	chk := map[string]bool{}
	for _, c := range sc.Checks {
		chk[c] = true
	}
	reg := map[string]bool{"": true}
	for _, r := range sc.Regions {
		reg[r] = true
	}
	for i, n := 0, sc.numResults(); i < n; i++ {
		r := sc.keyAt(i)
		acc[r.Account] = true
		chk[r.Check] = true
		reg[r.Region] = true
	}
	return scope{accounts: sortedKeys(acc), checks: sortedKeys(chk), regions: sortedKeys(reg), check: chk, region: reg}
}

func (s scope) covers(k Key) bool { return s.check[k.Check] && s.region[k.Region] }

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// stored is a finding's row as the recorder needs it.
type stored struct {
	id           int64
	key          Key
	state        State
	failingSince sql.NullInt64
	resolved     sql.NullInt64
	resolvedAt   sql.NullInt64
	reopened     int64
}

// newFindingCols are the columns of a new lifecycle that vary from one to
// the next; the rest are the same for every new lifecycle of a scan
// (newFindingFixed).
var newFindingCols = []string{"id", "check_id", "account", "region", "resource", "status", "severity",
	"waived_from", "waiver", "message", "failing_since_at"}

func newFindingFixed(scanID, now int64) []fixedCol {
	return []fixedCol{{"present", int64(1)}, {"first_seen_scan", scanID}, {"first_seen_at", now},
		{"last_seen_scan", scanID}, {"last_seen_at", now}, {"changed_scan", scanID},
		{"resolved_scan", nil}, {"resolved_at", nil}, {"reopened", int64(0)}}
}

// eventCols are an event's columns but its scan and time (fixed per scan).
var eventCols = []string{"finding_id", "present", "status", "severity", "waived_from", "waiver", "message"}

// fixedCol is a column with one value for every row of an insert: an
// int64 or nil (NULL).
type fixedCol struct {
	name string
	val  any
}

// literal is the value as SQL.
func (f fixedCol) literal() (string, error) {
	switch v := f.val.(type) {
	case nil:
		return "NULL", nil
	case int64:
		return strconv.FormatInt(v, 10), nil
	}
	return "", fmt.Errorf("column %s: fixed value %T is neither an int64 nor nil", f.name, f.val)
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func jsonText(v any) (string, error) {
	if v == nil {
		return "null", nil
	}
	b, err := json.Marshal(v)
	return string(b), err
}

// Record stores a scan in one transaction: the scan row, new lifecycles,
// an event for each changed one (new, changed, gone, back) and the last
// seen time of each lifecycle the scan saw. Writers run one after the
// other; a failed or interrupted recording leaves nothing behind.
func (s *Store) Record(ctx context.Context, sc *Scan) (int64, error) {
	id, err := s.record(ctx, sc)
	return id, s.wrap("record the scan", err)
}

func (s *Store) record(ctx context.Context, sc *Scan) (scanID int64, err error) {
	at := sc.RecordedAt
	if at.IsZero() {
		at = time.Now()
	}
	now := at.UnixMilli()
	counts, err := jsonText(sc.Counts)
	if err != nil {
		return 0, err
	}
	gaps, err := jsonText(sc.Gaps)
	if err != nil {
		return 0, err
	}
	checksRun, err := jsonText(sc.Checks)
	if err != nil {
		return 0, err
	}
	reportMeta := "{}"
	if sc.ReportMeta != nil {
		if reportMeta, err = jsonText(sc.ReportMeta); err != nil {
			return 0, err
		}
	}
	sco := sc.scope()

	conn, err := s.db.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	restore, err := s.d.writer(ctx, conn)
	if err != nil {
		return 0, err
	}
	defer restore()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if err = s.d.lockWriters(ctx, tx); err != nil {
		return 0, err
	}
	checkSet, err := s.checkSet(ctx, tx, checksRun)
	if err != nil {
		return 0, err
	}
	err = tx.QueryRowContext(ctx, s.q(`INSERT INTO scans (recorded_at, evaluated_at, collected_at, who, source,
		accounts, regions, checks_run, check_set, policy_source, policy_hash, version, applicable, evaluated, results,
		counts, gaps, run_id, shard, shards, report_meta) VALUES (?,?,?,?,?,?,?,'',?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id`),
		now, sc.EvaluatedAt.UnixMilli(), sc.CollectedAt.UnixMilli(), sc.Who, sc.Source,
		strings.Join(sco.accounts, ","), strings.Join(sortedKeys(sco.region)[1:], ","), checkSet,
		sc.PolicySource, sc.PolicyHash, sc.Version, sc.Applicable, sc.Evaluated, sc.numResults(),
		counts, gaps, sc.RunID, sc.Shard, sc.Shards, reportMeta).Scan(&scanID)
	if err != nil {
		return 0, fmt.Errorf("insert the scan: %w", err)
	}

	if err = s.recordContexts(ctx, tx, scanID, sc.Contexts); err != nil {
		return 0, err
	}
	var nextID int64
	if err = tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM findings`).Scan(&nextID); err != nil {
		return 0, err
	}
	cov := map[Key]seenAt{}
	for _, acct := range sco.accounts {
		if err = s.loadCoverage(ctx, tx, acct, cov); err != nil {
			return 0, err
		}
	}
	upd, err := tx.PrepareContext(ctx, s.q(`UPDATE findings SET present=?, status=?, severity=?, waived_from=?,
		waiver=?, message=?, changed_scan=?, failing_since_at=?, resolved_scan=?, resolved_at=?, reopened=?,
		last_seen_scan=?, last_seen_at=? WHERE id=?`))
	if err != nil {
		return 0, err
	}
	defer upd.Close()

	// Rows are inserted in batches as they are made: a scan of a
	// quarter of a million results never holds them all as rows. Events
	// name new findings, so the findings batch is written first.
	newRows := &batcher{s: s, conn: conn, tx: tx, table: "findings", cols: newFindingCols, fixed: newFindingFixed(scanID, now)}
	events := &batcher{s: s, conn: conn, tx: tx, table: "finding_events", cols: eventCols,
		fixed: []fixedCol{{"scan_id", scanID}, {"at", now}}, before: newRows}
	event := func(id int64, st State, msg string) error {
		return events.add(ctx, []any{id, b2i(st.Present), st.Status, st.Severity, st.WaivedFrom, st.Waiver, msg})
	}
	change := func(row *stored, st State, msg string) error {
		was, is := row.state.Failing(), st.Failing()
		switch {
		case !was && is:
			row.failingSince = sql.NullInt64{Int64: now, Valid: true}
			if row.resolved.Valid {
				row.reopened++
				row.resolved, row.resolvedAt = sql.NullInt64{}, sql.NullInt64{}
			}
		case was && !is:
			row.resolved = sql.NullInt64{Int64: scanID, Valid: true}
			row.resolvedAt = sql.NullInt64{Int64: now, Valid: true}
		}
		row.state = st
		// A present finding is seen now; a gone one was last seen by the
		// previous scan that covered it.
		seen := seenAt{scan: scanID, at: now}
		if !st.Present {
			seen = cov[Key{Account: row.key.Account, Check: row.key.Check, Region: row.key.Region}]
		}
		if _, err := upd.ExecContext(ctx, b2i(st.Present), st.Status, st.Severity, st.WaivedFrom, st.Waiver, msg,
			scanID, row.failingSince, row.resolved, row.resolvedAt, row.reopened, seen.scan, seen.at, row.id); err != nil {
			return fmt.Errorf("update a finding: %w", err)
		}
		return event(row.id, st, msg)
	}

	// The comparison is streamed: the results are ordered by key (an
	// index each, not a copy), the stored lifecycles of the scan's
	// accounts are read a page at a time and each is looked up among the
	// results by binary search. Neither side is held in a map, so the
	// daily scan into a store that holds the account costs about what
	// the first one does (bench/RESULTS.md). The pages follow the
	// database's order of the key index (its collation), the lookup Go's
	// order: they need not agree.
	ord := sortedResults(sc)
	matched := make([]bool, len(ord))
	page := make([]stored, 0, s.recordPageSize())
	for _, acct := range sco.accounts {
		var after *Key
		for {
			if page, err = s.storedPage(ctx, tx, acct, after, page[:0]); err != nil {
				return 0, err
			}
			for i := range page {
				row := &page[i]
				if p, ok := ord.find(sc, row.key); ok {
					matched[p] = true
					r := sc.resultAt(int(ord[p]))
					st := r.State
					st.Present = true
					if row.state != st {
						if err = change(row, st, r.Message); err != nil {
							return 0, err
						}
					}
					continue
				}
				// Covered but not reported: gone.
				if row.state.Present && sco.covers(row.key) {
					st := row.state
					st.Present = false
					if err = change(row, st, ""); err != nil {
						return 0, err
					}
				}
			}
			if len(page) < cap(page) {
				break
			}
			last := page[len(page)-1].key
			after = &last
		}
	}
	// New lifecycles are numbered in key order, so the table and its key
	// index are appended to rather than written all over. Of two new
	// results with one key the first counts (the order is stable).
	for p, i := range ord {
		if matched[p] || (p > 0 && sc.keyAt(int(ord[p-1])) == sc.keyAt(int(i))) {
			continue // a stored lifecycle, or a duplicate key: the first result counts
		}
		r := sc.resultAt(int(i))
		nextID++
		st := r.State
		st.Present = true
		var since any
		if st.Failing() {
			since = now
		}
		if err = newRows.add(ctx, []any{nextID, r.Check, r.Account, r.Region, r.Resource, st.Status,
			st.Severity, st.WaivedFrom, st.Waiver, r.Message, since}); err != nil {
			return 0, err
		}
		if err = event(nextID, st, r.Message); err != nil {
			return 0, err
		}
	}
	if err = newRows.flush(ctx); err != nil {
		return 0, err
	}
	if err = events.flush(ctx); err != nil {
		return 0, err
	}
	// The scan covered its accounts' checks and regions: present findings
	// there were last seen now.
	var covRows [][]any
	for _, acct := range sco.accounts {
		for _, c := range sco.checks {
			for _, r := range sco.regions {
				covRows = append(covRows, []any{acct, c, r, scanID, now})
			}
		}
	}
	if err = s.upsertCoverage(ctx, tx, covRows); err != nil {
		return 0, err
	}
	if err = bumpGeneration(ctx, tx); err != nil {
		return 0, err
	}
	if err = tx.Commit(); err != nil {
		return 0, err
	}
	return scanID, nil
}

// recordBatch is how many rows a recording holds for one table before it
// inserts them (a multiple of SQLite's statement batch).
const recordBatch = 10 * sqliteBatch

// batcher inserts rows into one table of a recording's transaction in
// batches of recordBatch as they are made.
type batcher struct {
	s     *Store
	conn  *sql.Conn
	tx    *sql.Tx
	table string
	cols  []string
	fixed []fixedCol
	rows  [][]any
	// before is flushed first (its rows are named by these).
	before *batcher
}

// add queues row, inserting the batch once it is full.
func (b *batcher) add(ctx context.Context, row []any) error {
	b.rows = append(b.rows, row)
	if len(b.rows) < recordBatch {
		return nil
	}
	return b.flush(ctx)
}

// flush inserts the queued rows (after before's).
func (b *batcher) flush(ctx context.Context) error {
	if b.before != nil {
		if err := b.before.flush(ctx); err != nil {
			return err
		}
	}
	if len(b.rows) == 0 {
		return nil
	}
	if err := b.s.d.insert(ctx, b.conn, b.tx, b.table, b.cols, b.fixed, b.rows); err != nil {
		return err
	}
	clear(b.rows)
	b.rows = b.rows[:0]
	return nil
}

func (k Key) less(o Key) bool { return k.compare(o) < 0 }

// compare orders keys by account, check, region and resource.
func (k Key) compare(o Key) int {
	if c := strings.Compare(k.Account, o.Account); c != 0 {
		return c
	}
	if c := strings.Compare(k.Check, o.Check); c != 0 {
		return c
	}
	if c := strings.Compare(k.Region, o.Region); c != 0 {
		return c
	}
	return strings.Compare(k.Resource, o.Resource)
}

// seenAt is a scan and its time.
type seenAt struct{ scan, at int64 }

// loadCoverage reads the last covering scan of one account's checks and
// regions, keyed without a resource.
func (s *Store) loadCoverage(ctx context.Context, tx *sql.Tx, acct string, cov map[Key]seenAt) error {
	rs, err := tx.QueryContext(ctx, s.q(`SELECT check_id, region, last_scan, last_at FROM coverage WHERE account=?`), acct)
	if err != nil {
		return fmt.Errorf("read the coverage of %s: %w", acct, err)
	}
	defer rs.Close()
	for rs.Next() {
		k := Key{Account: acct}
		var v seenAt
		if err := rs.Scan(&k.Check, &k.Region, &v.scan, &v.at); err != nil {
			return err
		}
		cov[k] = v
	}
	return rs.Err()
}

// upsertCoverage records the scan as the last to cover each row's
// (account, check, region), in batches (the same SQL on both backends).
func (s *Store) upsertCoverage(ctx context.Context, tx *sql.Tx, rows [][]any) error {
	const batch = 500
	for start := 0; start < len(rows); start += batch {
		end := min(start+batch, len(rows))
		args := make([]any, 0, (end-start)*5)
		for _, r := range rows[start:end] {
			args = append(args, r...)
		}
		q := `INSERT INTO coverage (account, check_id, region, last_scan, last_at) VALUES ` +
			strings.TrimSuffix(strings.Repeat("(?,?,?,?,?),", end-start), ",") +
			` ON CONFLICT (account, check_id, region) DO UPDATE SET last_scan = excluded.last_scan, last_at = excluded.last_at`
		if _, err := tx.ExecContext(ctx, s.q(q), args...); err != nil {
			return fmt.Errorf("update coverage: %w", err)
		}
	}
	return nil
}

// resultOrder is a scan's result indexes ordered by key, stably: of two
// results with one key the first comes first.
type resultOrder []int32

func sortedResults(sc *Scan) resultOrder {
	ord := make(resultOrder, sc.numResults())
	for i := range ord {
		ord[i] = int32(i)
	}
	// Ties broken by index: stable, without a stable sort's extra passes.
	slices.SortFunc(ord, func(a, b int32) int {
		if c := sc.keyAt(int(a)).compare(sc.keyAt(int(b))); c != 0 {
			return c
		}
		return int(a - b)
	})
	return ord
}

// find returns the position in ord of the first result with key k.
func (ord resultOrder) find(sc *Scan, k Key) (int, bool) {
	p, ok := slices.BinarySearchFunc(ord, k, func(i int32, k Key) int { return sc.keyAt(int(i)).compare(k) })
	return p, ok
}

// defaultRecordPage is how many stored lifecycles a recording reads at a
// time.
const defaultRecordPage = 5000

func (s *Store) recordPageSize() int {
	if s.recordPage > 0 {
		return s.recordPage
	}
	return defaultRecordPage
}

// storedPage reads the next page of one account's lifecycles into page:
// up to cap(page), in the key index's order, after the key after (nil:
// from the start). The page is read whole before the caller writes (a
// PostgreSQL connection runs one statement at a time).
func (s *Store) storedPage(ctx context.Context, tx *sql.Tx, acct string, after *Key, page []stored) ([]stored, error) {
	const cols = `SELECT id, check_id, region, resource, present, status, severity,
		waived_from, waiver, failing_since_at, resolved_scan, resolved_at, reopened FROM findings WHERE account=?`
	const order = ` ORDER BY check_id, region, resource LIMIT ?`
	var (
		rs  *sql.Rows
		err error
	)
	if after == nil {
		rs, err = tx.QueryContext(ctx, s.q(cols+order), acct, cap(page))
	} else {
		rs, err = tx.QueryContext(ctx, s.q(cols+` AND (check_id, region, resource) > (?, ?, ?)`+order),
			acct, after.Check, after.Region, after.Resource, cap(page))
	}
	if err != nil {
		return page, fmt.Errorf("read the findings of %s: %w", acct, err)
	}
	defer rs.Close()
	for rs.Next() {
		r := stored{key: Key{Account: acct}}
		var present int64
		if err := rs.Scan(&r.id, &r.key.Check, &r.key.Region, &r.key.Resource, &present, &r.state.Status,
			&r.state.Severity, &r.state.WaivedFrom, &r.state.Waiver, &r.failingSince, &r.resolved, &r.resolvedAt, &r.reopened); err != nil {
			return page, fmt.Errorf("read the findings of %s: %w", acct, err)
		}
		r.state.Present = present == 1
		page = append(page, r)
	}
	if err := rs.Err(); err != nil {
		return page, fmt.Errorf("read the findings of %s: %w", acct, err)
	}
	return page, nil
}

// checksRunColumn reads a scan's checks (the JSON list) in a query of the
// scans table: its check set's list (migration 0007), or for scans recorded
// before it their own column.
const checksRunColumn = `COALESCE((SELECT c.checks FROM check_sets c WHERE c.id = scans.check_set), scans.checks_run)`

// checkSet returns the ID of the check set holding checks (a JSON list),
// adding it when no scan ran that list before. Two recordings adding the
// same list at once both end with the one row (the insert does nothing on
// a conflict).
func (s *Store) checkSet(ctx context.Context, tx *sql.Tx, checks string) (int64, error) {
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO check_sets (checks) VALUES (?) ON CONFLICT DO NOTHING`), checks); err != nil {
		return 0, fmt.Errorf("record the checks run: %w", err)
	}
	var id int64
	if err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM check_sets WHERE checks = ?`), checks).Scan(&id); err != nil {
		return 0, fmt.Errorf("record the checks run: %w", err)
	}
	return id, nil
}
