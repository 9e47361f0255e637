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
	sc := newScan(rep, m)
	sc.report = rep
	counts := newCounts()
	rm := newReportMeta(rep)
	for i := range rep.Results {
		f := &rep.Results[i]
		counts.add(rep, f)
		rm.add(rep, f)
	}
	sc.Counts, sc.ReportMeta = counts, rm
	return sc
}

// newScan is the Scan of rep without its results and their counts.
func newScan(rep *engine.Report, m Meta) *Scan {
	cov := rep.Coverage()
	return &Scan{
		RecordedAt: m.RecordedAt, EvaluatedAt: rep.EvaluatedAt, CollectedAt: rep.CollectedAt,
		Who: m.Who, Source: rep.Source, Accounts: []string{rep.AccountID},
		Regions: rep.RegionsScanned, Checks: rep.ChecksRun,
		PolicySource: rep.Policy, PolicyHash: m.PolicyHash, Version: m.Version,
		Applicable: cov.Applicable, Evaluated: cov.Evaluated,
		Gaps:  rep.Gaps,
		RunID: m.RunID, Shard: m.Shard, Shards: m.Shards,
	}
}

func newCounts() Counts {
	return Counts{ByStatus: map[string]int{}, FailBySeverity: map[string]int{}, FailByArea: map[string]int{}, FailByAccount: map[string]int{}}
}

// add counts one result of rep.
func (c *Counts) add(rep *engine.Report, f *engine.Finding) {
	c.ByStatus[string(f.Status)]++
	if f.Status == check.Fail {
		c.FailBySeverity[f.Severity.String()]++
		c.FailByArea[string(f.Area)]++
		c.FailByAccount[accountOf(rep, f)]++
	}
}

// Recording builds the Scan of a finished report whose results are not
// held but passed a batch at a time (a scan streamed into a spill file and
// read back as its reports are written, engine.ReadSpill): each finding
// is counted and described as FromReport does, and kept only as what the
// store records of it, compactly (compactResults). The Scan is the one
// FromReport makes of the report holding the results.
type Recording struct {
	rep    *engine.Report
	sc     *Scan
	counts Counts
	rm     *reportMeta
	res    *compactResults
	// resources shares each resource's ARN between its checks' results.
	resources map[string]string
}

// NewRecording starts the Scan of rep (whose results are added with Add).
func NewRecording(rep *engine.Report, m Meta) *Recording {
	return &Recording{rep: rep, sc: newScan(rep, m), counts: newCounts(), rm: newReportMeta(rep),
		res:       &compactResults{index: map[string]uint32{}, rows: make([]compactResult, 0, rep.Summary.Total)},
		resources: map[string]string{}}
}

// Add takes the next batch of the report's results, in the report's
// order; the findings are not kept.
func (r *Recording) Add(fs []engine.Finding) {
	// A check repeats its messages ("versioning is enabled"): shared
	// within the batch, without a map of every message of the scan.
	msgs := map[string]string{}
	for i := range fs {
		f := &fs[i]
		r.counts.add(r.rep, f)
		r.rm.add(r.rep, f)
		res := findingResult(r.rep, f)
		c := r.res
		row := compactResult{
			check: c.at(res.Check), account: c.at(res.Account), region: c.at(res.Region),
			status: c.at(res.Status), severity: c.at(res.Severity), waivedFrom: c.at(res.WaivedFrom), waiver: c.at(res.Waiver),
			resource: shared(r.resources, res.Resource), message: shared(msgs, res.Message),
		}
		r.res.rows = append(r.res.rows, row)
	}
}

// shared is s, or the equal string m holds (s is added when none).
func shared(m map[string]string, s string) string {
	if t, ok := m[s]; ok {
		return t
	}
	m[s] = s
	return s
}

// Scan is the scan to record, with every result added; the Recording must
// not be used afterwards.
func (r *Recording) Scan() *Scan {
	sc := r.sc
	r.res.index = nil
	sc.compact, sc.Counts, sc.ReportMeta = r.res, r.counts, r.rm
	r.res, r.resources = nil, nil
	return sc
}

// compactResults are a Recording's results: the strings that take few
// values (check, account, region, status, severity, the status waived
// and the waiver) as indexes into one table, the resource and message as
// they are. A quarter of a million results cost 64 bytes each, not a
// Result's 152.
type compactResults struct {
	strs  []string
	index map[string]uint32
	rows  []compactResult
}

type compactResult struct {
	check, account, region, status, severity, waivedFrom, waiver uint32
	resource, message                                            string
}

// at is the index of s in the table, added when new.
func (c *compactResults) at(s string) uint32 {
	if i, ok := c.index[s]; ok {
		return i
	}
	i := uint32(len(c.strs))
	c.strs = append(c.strs, s)
	c.index[s] = i
	return i
}

func (c *compactResults) key(i int) Key {
	r := &c.rows[i]
	return Key{Check: c.strs[r.check], Account: c.strs[r.account], Region: c.strs[r.region], Resource: r.resource}
}

func (c *compactResults) result(i int) Result {
	r := &c.rows[i]
	return Result{Key: c.key(i), Message: r.message,
		State: State{Present: true, Status: c.strs[r.status], Severity: c.strs[r.severity], WaivedFrom: c.strs[r.waivedFrom], Waiver: c.strs[r.waiver]}}
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
