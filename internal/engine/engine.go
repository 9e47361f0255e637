// Package engine evaluates checks over an account and applies the
// customer's policy to the results: severity overrides, data sensitivity
// and waivers. It produces a Report that every renderer reads.
package engine

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// Report is the outcome of one evaluation.
type Report struct {
	AccountID   string `json:"account_id"`
	AccountName string `json:"account_name,omitempty"`
	Source      string `json:"source,omitempty"`
	// Policy names the policy file in effect, empty for the defaults.
	Policy      string    `json:"policy,omitempty"`
	CollectedAt time.Time `json:"collected_at"`
	EvaluatedAt time.Time `json:"evaluated_at"`
	// Results are ordered by area, service, check ID, resource.
	Results []Finding `json:"results"`
	Summary Summary   `json:"summary"`
	// Gaps are the coverage gaps of the state, ordered.
	Gaps []state.Gap `json:"gaps"`
	// WaiverIssues are expired or stale waivers.
	WaiverIssues []WaiverIssue `json:"waiver_issues,omitempty"`
	// ChecksRun are the IDs of the checks evaluated, in report order, and
	// RegionsScanned the regions whose resources were read: what a later
	// diff needs to tell a result that is gone (fixed) from one that was
	// outside a narrower scan (not evaluated). Absent in results written
	// before they were added.
	ChecksRun      []string `json:"checks_run"`
	RegionsScanned []string `json:"regions_scanned"`
	// OrganizationID is the AWS Organization of a combined report (see
	// Combine), empty for one account or when unknown.
	OrganizationID string `json:"organization_id,omitempty"`
	// Accounts lists the accounts of a combined report, each with how far
	// it was read and its own summary; absent for a single-account report.
	// A combined report has an empty AccountID: every finding names its
	// account.
	Accounts []AccountEntry `json:"accounts,omitempty"`
	// Run ties the reports of one several-account run (--accounts, --org)
	// together: its ID and, for a run split with --shard, which part this
	// is. Absent for single-account runs.
	Run *RunInfo `json:"run,omitempty"`

	// tally counts the findings of a streamed report (see Stream), whose
	// Results are not kept; nil when the counts come from Results.
	tally *tally
}

// RunInfo names one several-account run and the shard of it a report
// covers: the shards of one run share ID and Shards, and each holds the
// accounts org.ShardOf assigns to its Shard.
type RunInfo struct {
	ID string `json:"id"`
	// Shard is this part (0 to Shards-1); Shards is 1 when unsplit.
	Shard  int `json:"shard"`
	Shards int `json:"shards"`
}

// counts is the tally of the report's findings: the streamed one, or one
// over Results.
func (r *Report) counts() *tally {
	if r.tally != nil {
		return r.tally
	}
	return tallyOf(r.Results)
}

// Finding is a result with the metadata of its check, as reports show it.
type Finding struct {
	check.Result
	Title   string     `json:"title"`
	Area    check.Area `json:"area"`
	Service string     `json:"service"`
	// AccountID is the account the result is about; AccountName (the
	// account's alias or Organizations name) and OUPath (its OU path, e.g.
	// "Root/Workloads/Prod") are set where known.
	AccountID   string `json:"account_id"`
	AccountName string `json:"account_name,omitempty"`
	OUPath      string `json:"ou_path,omitempty"`
	// Sensitive is true when the resource's classification tag marks it sensitive.
	Sensitive bool `json:"sensitive,omitempty"`
	// WaivedFrom is the status a waiver replaced (fail or unknown); see
	// Coverage. It is not written out.
	WaivedFrom check.Status `json:"-"`
}

// Summary counts results.
type Summary struct {
	Total    int                  `json:"total"`
	ByStatus map[check.Status]int `json:"by_status"`
	// FailBySeverity counts failures per severity.
	FailBySeverity map[string]int `json:"fail_by_severity"`
	// UnknownByReason counts unknown results by the gap reason behind them
	// (or "other").
	GapsByReason map[state.GapReason]int `json:"gaps_by_reason"`
	Checks       int                     `json:"checks"`
}

// WaiverIssue reports a waiver that no longer applies, applies to nothing,
// or could not be judged.
type WaiverIssue struct {
	Waiver policy.Waiver `json:"waiver"`
	// Problem is expired, stale (it matched no failing or unknown result of
	// a scan that ran its check over every enabled region) or unevaluated
	// (not evaluated in this scan: its check was not run, or some enabled
	// regions were not scanned, so whether it still matches is not known).
	Problem string `json:"problem"`
	// Reason says why an unevaluated waiver was not evaluated.
	Reason string `json:"reason,omitempty"`
}

// Waiver problems.
const (
	WaiverExpired     = "expired"
	WaiverStale       = "stale"
	WaiverUnevaluated = "unevaluated"
)

// Run evaluates checks over a in parallel and applies p, and returns the
// whole report: what renderers that need every result at once (table,
// HTML, matrix) read. It is Stream with a sink that keeps every finding, so
// both give the same findings in the same order. A check that panics yields
// one unknown result naming the panic: a bug in a check must never read as
// a pass.
func Run(checks []check.Check, a *state.Account, p *policy.Policy) *Report {
	k := &keeper{}
	rep, _ := stream(checks, a, p, k, true) // keeper never fails
	n := 0
	for _, fs := range k.per {
		n += len(fs)
	}
	rep.Results = make([]Finding, 0, n)
	for _, fs := range k.per {
		rep.Results = append(rep.Results, fs...)
	}
	// The results are the report's own from here on, and a caller may
	// change them: count from them, not from the tally of the stream.
	rep.tally = nil
	return rep
}

// keeper is the sink behind Run: it owns each check's findings (stream
// does not reuse their slice).
type keeper struct{ per [][]Finding }

func (k *keeper) Start(*Report) error { return nil }
func (k *keeper) Findings(_ *check.Check, fs []Finding) error {
	k.per = append(k.per, fs)
	return nil
}
func (k *keeper) End(*Report) error { return nil }

// unscannedRegions lists the regions enabled for the account that were not
// scanned: a waiver that matched nothing may match a resource there.
func unscannedRegions(a *state.Account) []string {
	var out []string
	for _, r := range a.Regions {
		if r.Enabled && !r.Scanned {
			out = append(out, r.Name)
		}
	}
	sort.Strings(out)
	return out
}

// scannedRegion reports whether a waiver's resource pattern names one
// region (arn:PARTITION:SERVICE:REGION:...) and that region was scanned.
// A global ARN, a wildcard region or a pattern that is not an ARN could
// match a resource in any region.
func scannedRegion(a *state.Account, pattern string) bool {
	parts := strings.SplitN(pattern, ":", 5)
	if len(parts) < 5 || parts[0] != "arn" || parts[3] == "" || strings.ContainsAny(parts[3], "*?") {
		return false
	}
	for _, r := range a.Regions {
		if r.Name == parts[3] {
			return r.Scanned
		}
	}
	return false
}

// raisesWithSensitivity lists the areas whose failures grow more severe on
// sensitive data: how it is stored, under whose key, who can reach it, and
// whether it can be recovered.
func raisesWithSensitivity(a check.Area) bool {
	switch a {
	case check.EncryptionAtRest, check.EncryptionInTransit, check.KeyCustody, check.AccessSharing, check.Backup, check.DataResidency:
		return true
	}
	return false
}

func applyWaiver(f *Finding, p *policy.Policy, now time.Time, used []bool) {
	for i, w := range p.Waivers {
		if w.Check != f.CheckID || !MatchResource(w.Resource, f.Resource) {
			continue
		}
		if w.Expired(now) {
			continue // an expired waiver no longer applies; it is reported on its own
		}
		used[i] = true
		wc := w
		f.Waiver = &wc
		f.Message = fmt.Sprintf("%s [waived by %s until %s: %s]", f.Message, w.Owner, w.Expires.Format("2006-01-02"), w.Reason)
		f.WaivedFrom = f.Status
		f.Status = check.Waived
		return
	}
}

// MatchResource reports whether an ARN matches a waiver pattern: exact, or a
// glob where * matches any run of characters (including / and :).
func MatchResource(pattern, arn string) bool {
	if pattern == arn || pattern == "*" {
		return true
	}
	// path.Match stops * at "/", which ARNs contain, so match without segments.
	return globMatch(pattern, arn)
}

func globMatch(p, s string) bool {
	for len(p) > 0 {
		switch p[0] {
		case '*':
			for len(p) > 0 && p[0] == '*' {
				p = p[1:]
			}
			if p == "" {
				return true
			}
			for i := 0; i <= len(s); i++ {
				if globMatch(p, s[i:]) {
					return true
				}
			}
			return false
		case '?':
			if s == "" {
				return false
			}
			p, s = p[1:], s[1:]
		default:
			if s == "" || p[0] != s[0] {
				return false
			}
			p, s = p[1:], s[1:]
		}
	}
	return s == ""
}

func runOne(c check.Check, a *state.Account, p *policy.Policy) (out []check.Result) {
	defer func() {
		if r := recover(); r != nil {
			out = []check.Result{{Status: check.Unknown, Resource: a.AccountARN(),
				Message: fmt.Sprintf("check %s crashed: %v", c.ID, r)}}
		}
	}()
	return c.Run(a, p)
}

func areaRank(a check.Area) int {
	for i, x := range check.Areas {
		if x == a {
			return i
		}
	}
	return len(check.Areas)
}

// reportOrder returns the check indices ordered by area, service and ID:
// with each check's results ordered by resource, that is the report's order.
func reportOrder(checks []check.Check) []int {
	idx := make([]int, len(checks))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(x, y int) bool {
		a, b := &checks[idx[x]], &checks[idx[y]]
		if ra, rb := areaRank(a.Area), areaRank(b.Area); ra != rb {
			return ra < rb
		}
		if a.Service != b.Service {
			return a.Service < b.Service
		}
		return a.ID < b.ID
	})
	return idx
}

// SummaryOf counts results as Run does (the same tally): per status and
// failing severity (every one present, zero or not), with the state's
// gaps per reason and the number of checks run. The store calls it for the
// reports it rebuilds, so both count alike.
func SummaryOf(fs []Finding, gapsByReason map[state.GapReason]int, nChecks int) Summary {
	return tallyOf(fs).summaryWith(gapsByReason, nChecks)
}

// DropTags forgets the resources' tags the results carry (they decide
// sensitivity during Run; of the renderers only ASFF prints them). The tag
// maps belong to the account state, so without this the results keep part
// of the state alive after it is no longer needed.
func (r *Report) DropTags() {
	for i := range r.Results {
		r.Results[i].Tags = nil
	}
}

// IsOrg reports whether the report combines several accounts (Combine).
func (r *Report) IsOrg() bool { return len(r.Accounts) > 0 }

// FailuresAtOrAbove counts failures with severity >= min.
func (r *Report) FailuresAtOrAbove(min check.Severity) int {
	return r.counts().failuresAtOrAbove(min)
}
