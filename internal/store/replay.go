package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// A stored scan's report is rebuilt from the lifecycles (docs/store.md,
// "Reports of stored scans"), not kept as a file per scan: the store keeps
// growing with change rather than with scans. A lifecycle was in scan S
// when its state after S's last event up to S is present and S covered its
// account, check and region (a covered lifecycle S did not report went
// gone at S). The rest of the report, small and per scan, is the scan's
// report_meta (reportMeta). What neither keeps is not rebuilt: evidence
// text that changed while the state did not (the message is the one of the
// last state change).

// reportMeta is a scan's report besides its results and what each result
// carries besides its lifecycle: per scan, it costs the accounts, waivers
// and sensitive resources of the scan, not its results.
type reportMeta struct {
	AccountName    string                `json:"account_name,omitempty"`
	OrganizationID string                `json:"organization_id,omitempty"`
	RegionsScanned []string              `json:"regions_scanned"`
	WaiverIssues   []engine.WaiverIssue  `json:"waiver_issues,omitempty"`
	Accounts       []engine.AccountEntry `json:"accounts,omitempty"`
	// Names are each result account's name and OU path.
	Names map[string][2]string `json:"names,omitempty"`
	// Sensitive are the resources whose classification marks them
	// sensitive (Finding.Sensitive is the resource's).
	Sensitive []string `json:"sensitive,omitempty"`
	// WaiverLines are the lines of the waivers applied, by waiver ID.
	WaiverLines map[string]int `json:"waiver_lines,omitempty"`
	// sensitive is the set of Sensitive while the results are added.
	sensitive map[string]bool
}

// newReportMeta is the report meta of rep without its results (add).
func newReportMeta(rep *engine.Report) *reportMeta {
	m := &reportMeta{AccountName: rep.AccountName, OrganizationID: rep.OrganizationID,
		RegionsScanned: rep.RegionsScanned, WaiverIssues: rep.WaiverIssues, Accounts: rep.Accounts,
		Names: map[string][2]string{}, WaiverLines: map[string]int{}, sensitive: map[string]bool{}}
	if m.RegionsScanned == nil {
		m.RegionsScanned = []string{}
	}
	return m
}

// add takes what one result of rep carries besides its lifecycle.
func (m *reportMeta) add(rep *engine.Report, f *engine.Finding) {
	acct := accountOf(rep, f)
	if _, ok := m.Names[acct]; !ok && (f.AccountName != "" || f.OUPath != "") {
		m.Names[acct] = [2]string{f.AccountName, f.OUPath}
	}
	if f.Sensitive && !m.sensitive[f.Resource] {
		m.sensitive[f.Resource] = true
		m.Sensitive = append(m.Sensitive, f.Resource)
	}
	if f.Waiver != nil && f.Waiver.Line != 0 {
		m.WaiverLines[waiverID(&f.Result)] = f.Waiver.Line
	}
}

// ScanReport rebuilds the report of stored scan id. checks gives each
// check's title, area and service (checks.ByID); a check no longer known
// keeps its ID only. An unknown id is ErrNoScan.
func (s *Store) ScanReport(ctx context.Context, id int64, checks map[string]check.Check) (*engine.Report, error) {
	var (
		recorded, evaluated, collected             int64
		source, accounts, regions, checksRun, gaps string
		policySource, metaText                     string
	)
	err := s.db.QueryRowContext(ctx, s.q(`SELECT recorded_at, evaluated_at, collected_at, source, accounts, regions,
		`+checksRunColumn+`, gaps, policy_source, report_meta FROM scans WHERE id = ?`), id).Scan(&recorded, &evaluated, &collected,
		&source, &accounts, &regions, &checksRun, &gaps, &policySource, &metaText)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("%w: %d", ErrNoScan, id)
		}
		return nil, s.wrap("read the scan", err)
	}
	rep := &engine.Report{
		Source: source, Policy: policySource,
		CollectedAt: time.UnixMilli(collected).UTC(), EvaluatedAt: time.UnixMilli(evaluated).UTC(),
	}
	if err := json.Unmarshal([]byte(checksRun), &rep.ChecksRun); err != nil {
		return nil, s.wrap("read the scan", fmt.Errorf("checks run: %w", err))
	}
	if err := json.Unmarshal([]byte(gaps), &rep.Gaps); err != nil {
		return nil, s.wrap("read the scan", fmt.Errorf("gaps: %w", err))
	}
	if rep.Gaps == nil {
		rep.Gaps = []state.Gap{}
	}
	var meta reportMeta
	if err := json.Unmarshal([]byte(metaText), &meta); err != nil {
		return nil, s.wrap("read the scan", fmt.Errorf("report meta: %w", err))
	}
	rep.AccountName, rep.OrganizationID = meta.AccountName, meta.OrganizationID
	rep.WaiverIssues, rep.Accounts = meta.WaiverIssues, meta.Accounts
	accts := splitList(accounts)
	if len(accts) == 1 && len(meta.Accounts) == 0 {
		rep.AccountID = accts[0]
	}
	// The scope (regions) holds the regions scanned and those of the
	// results; the report names the former (all of them in a scan recorded
	// before report_meta).
	regs := splitList(regions)
	rep.RegionsScanned = regs
	if meta.RegionsScanned != nil {
		rep.RegionsScanned = meta.RegionsScanned
	}
	sensitive := set(meta.Sensitive)
	inChecks, inRegions, inAccounts := set(rep.ChecksRun), set(append(regs, "")), set(accts)

	// Each lifecycle's last event up to the scan, of the scan's accounts.
	// A lifecycle that has not changed since the scan (changed_scan, the
	// scan of its last event, at or before it) is in the state its row
	// holds, which is that event's (Record writes both alike): only the
	// lifecycles changed since are looked up in their events. Rebuilding
	// the latest scan reads no event at all.
	inAcct := " AND f.account IN (" + strings.TrimSuffix(strings.Repeat("?,", len(accts)), ",") + ")"
	if len(accts) == 0 {
		inAcct = ""
	}
	args := []any{id}
	for _, a := range accts {
		args = append(args, a)
	}
	args = append(args, id, id)
	for _, a := range accts {
		args = append(args, a)
	}
	rs, err := s.db.QueryContext(ctx, s.q(`SELECT f.check_id, f.account, f.region, f.resource, f.present, f.status,
		f.severity, f.waived_from, f.waiver, f.message
		FROM findings f WHERE f.changed_scan <= ? AND f.present = 1`+inAcct+`
		UNION ALL
		SELECT f.check_id, f.account, f.region, f.resource, e.present, e.status,
		e.severity, e.waived_from, e.waiver, e.message
		FROM findings f JOIN finding_events e ON e.finding_id = f.id
		WHERE f.changed_scan > ? AND e.scan_id = (SELECT MAX(e2.scan_id) FROM finding_events e2 WHERE e2.finding_id = f.id AND e2.scan_id <= ?)
		AND e.present = 1`+inAcct), args...)
	if err != nil {
		return nil, s.wrap("rebuild the scan", err)
	}
	defer rs.Close()
	for rs.Next() {
		var r Result
		var present int64
		if err := rs.Scan(&r.Check, &r.Account, &r.Region, &r.Resource, &present, &r.Status, &r.Severity,
			&r.WaivedFrom, &r.Waiver, &r.Message); err != nil {
			return nil, s.wrap("rebuild the scan", err)
		}
		if !inChecks[r.Check] || !inRegions[r.Region] || !inAccounts[r.Account] {
			continue
		}
		f, err := finding(r, checks)
		if err != nil {
			return nil, s.wrap("rebuild the scan", err)
		}
		f.Sensitive = sensitive[f.Resource]
		if n, ok := meta.Names[f.AccountID]; ok {
			f.AccountName, f.OUPath = n[0], n[1]
		}
		if f.Waiver != nil {
			f.Waiver.Line = meta.WaiverLines[r.Waiver]
		}
		rep.Results = append(rep.Results, f)
	}
	if err := rs.Err(); err != nil {
		return nil, s.wrap("rebuild the scan", err)
	}
	sortFindings(rep.Results)
	g := state.NewGaps(rep.Gaps...)
	rep.Summary = engine.SummaryOf(rep.Results, g.CountByReason(), len(rep.ChecksRun))
	return rep, nil
}

func finding(r Result, checks map[string]check.Check) (engine.Finding, error) {
	sev, err := check.ParseSeverity(r.Severity)
	if err != nil {
		return engine.Finding{}, fmt.Errorf("%s %s: %w", r.Check, r.Resource, err)
	}
	f := engine.Finding{
		Result: check.Result{CheckID: r.Check, Status: check.Status(r.Status), Severity: sev,
			Resource: r.Resource, Region: r.Region, Message: r.Message},
		AccountID: r.Account,
	}
	if c, ok := checks[r.Check]; ok {
		f.Title, f.Area, f.Service = c.Title, c.Area, c.Service
	}
	if r.Waiver != "" {
		var w struct{ Check, Resource, Reason, Owner, Expires string }
		if err := json.Unmarshal([]byte(r.Waiver), &w); err != nil {
			return f, fmt.Errorf("%s %s: waiver: %w", r.Check, r.Resource, err)
		}
		pw := &policy.Waiver{Check: w.Check, Resource: w.Resource, Reason: w.Reason, Owner: w.Owner}
		if w.Expires != "" && w.Expires != "0001-01-01" {
			if pw.Expires, err = time.Parse(time.DateOnly, w.Expires); err != nil {
				return f, fmt.Errorf("%s %s: waiver expiry: %w", r.Check, r.Resource, err)
			}
		}
		f.Waiver = pw
	}
	if f.Status == check.Waived {
		f.WaivedFrom = check.Status(r.WaivedFrom)
	}
	return f, nil
}

// sortFindings puts results in report order: area, service, check, then
// resource (engine.Run's order), then account and region.
func sortFindings(fs []engine.Finding) {
	rank := map[check.Area]int{}
	for i, a := range check.Areas {
		rank[a] = i
	}
	ar := func(a check.Area) int {
		if r, ok := rank[a]; ok {
			return r
		}
		return len(check.Areas)
	}
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := &fs[i], &fs[j]
		if x, y := ar(a.Area), ar(b.Area); x != y {
			return x < y
		}
		if a.Service != b.Service {
			return a.Service < b.Service
		}
		if a.CheckID != b.CheckID {
			return a.CheckID < b.CheckID
		}
		if a.Resource != b.Resource {
			return a.Resource < b.Resource
		}
		if a.AccountID != b.AccountID {
			return a.AccountID < b.AccountID
		}
		return a.Region < b.Region
	})
}

func splitList(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

func set(l []string) map[string]bool {
	m := make(map[string]bool, len(l))
	for _, x := range l {
		m[x] = true
	}
	return m
}
