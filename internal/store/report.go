package store

import (
	"encoding/json"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
)

// Meta is what the caller knows of a scan besides its report.
type Meta struct {
	Who        string
	Version    string
	PolicyHash string
	RunID      string
	Shard      int
	Shards     int
	// RecordedAt is when it is recorded (zero: now).
	RecordedAt time.Time
}

// Counts summarises a scan's results for history.
type Counts struct {
	ByStatus       map[string]int `json:"by_status"`
	FailBySeverity map[string]int `json:"fail_by_severity"`
	FailByArea     map[string]int `json:"fail_by_area"`
	// FailByAccount counts failures per account (absent in scans recorded
	// before it was added; an account without failures is absent here
	// and has the scan's accounts to say it was scanned).
	FailByAccount map[string]int `json:"fail_by_account"`
}

// accountOf is the account a finding belongs to: its own (every finding
// names its account), else the report's.
func accountOf(rep *engine.Report, f *engine.Finding) string {
	if f.AccountID != "" {
		return f.AccountID
	}
	return rep.AccountID
}

// waiverID identifies a waiver in a lifecycle: what it matches, who owns it
// and until when; not where it is written (its line), which moves with
// unrelated edits of the policy file.
func waiverID(r *check.Result) string {
	if r.Waiver == nil {
		return ""
	}
	w := r.Waiver
	b, _ := json.Marshal(struct {
		Check, Resource, Reason, Owner, Expires string
	}{w.Check, w.Resource, w.Reason, w.Owner, w.Expires.Format(time.DateOnly)})
	return string(b)
}

// FromReport turns a report into a Scan to record. The scan reads its
// results from the report's findings as they are recorded rather than
// copying them (a 50k-resource account has a quarter of a million), so
// the report's findings must not change until the scan is recorded.
func FromReport(rep *engine.Report, m Meta) *Scan {
	cov := rep.Coverage()
	sc := &Scan{
		RecordedAt: m.RecordedAt, EvaluatedAt: rep.EvaluatedAt, CollectedAt: rep.CollectedAt,
		Who: m.Who, Source: rep.Source, Accounts: []string{rep.AccountID},
		Regions: rep.RegionsScanned, Checks: rep.ChecksRun,
		PolicySource: rep.Policy, PolicyHash: m.PolicyHash, Version: m.Version,
		Applicable: cov.Applicable, Evaluated: cov.Evaluated,
		Gaps:  rep.Gaps,
		RunID: m.RunID, Shard: m.Shard, Shards: m.Shards,
		report: rep,
	}
	counts := Counts{ByStatus: map[string]int{}, FailBySeverity: map[string]int{}, FailByArea: map[string]int{}, FailByAccount: map[string]int{}}
	for i := range rep.Results {
		f := &rep.Results[i]
		status := string(f.Status)
		counts.ByStatus[status]++
		if f.Status == check.Fail {
			counts.FailBySeverity[f.Severity.String()]++
			counts.FailByArea[string(f.Area)]++
			counts.FailByAccount[accountOf(rep, f)]++
		}
	}
	sc.Counts = counts
	sc.ReportMeta = reportMetaOf(rep)
	return sc
}

// findingKey is the lifecycle key of a report's finding.
func findingKey(rep *engine.Report, f *engine.Finding) Key {
	return Key{Check: f.CheckID, Account: accountOf(rep, f), Region: f.Region, Resource: f.Resource}
}

// findingResult is a report's finding as a result to record.
func findingResult(rep *engine.Report, f *engine.Finding) Result {
	r := Result{
		Key: findingKey(rep, f),
		State: State{Present: true, Status: string(f.Status), Severity: f.Severity.String(),
			Waiver: waiverID(&f.Result)},
		Message: f.Message,
	}
	if f.Status == check.Waived {
		r.WaivedFrom = string(f.WaivedFrom)
	}
	return r
}
