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

// FromReport turns a report into a Scan to record.
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
		Results: make([]Result, 0, len(rep.Results)),
	}
	counts := Counts{ByStatus: map[string]int{}, FailBySeverity: map[string]int{}, FailByArea: map[string]int{}, FailByAccount: map[string]int{}}
	for i := range rep.Results {
		f := &rep.Results[i]
		r := Result{
			Key: Key{Check: f.CheckID, Account: accountOf(rep, f), Region: f.Region, Resource: f.Resource},
			State: State{Present: true, Status: string(f.Status), Severity: f.Severity.String(),
				Waiver: waiverID(&f.Result)},
			Message: f.Message,
		}
		if f.Status == check.Waived {
			r.WaivedFrom = string(f.WaivedFrom)
		}
		counts.ByStatus[r.Status]++
		if f.Status == check.Fail {
			counts.FailBySeverity[r.Severity]++
			counts.FailByArea[string(f.Area)]++
			counts.FailByAccount[r.Account]++
		}
		sc.Results = append(sc.Results, r)
	}
	sc.Counts = counts
	sc.ReportMeta = reportMetaOf(rep)
	return sc
}
