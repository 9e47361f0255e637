// Package engine evaluates checks over an account and applies the
// customer's policy to the results: severity overrides, data sensitivity
// and waivers. It produces a Report that every renderer reads.
package engine

import (
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
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

// Run evaluates checks over a in parallel and applies p. A check that panics
// yields one unknown result naming the panic: a bug in a check must never
// read as a pass.
func Run(checks []check.Check, a *state.Account, p *policy.Policy) *Report {
	if p == nil {
		p = policy.Default()
	}
	now := p.Clock(a.CollectedAt)
	per := make([][]pending, len(checks))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				rs := runOne(checks[i], a, p)
				// Each check's results are ordered here, in parallel, so the
				// report needs no global sort of millions of findings.
				byResource := func(x, y check.Result) int { return strings.Compare(x.Resource, y.Resource) }
				if !slices.IsSortedFunc(rs, byResource) {
					slices.SortStableFunc(rs, byResource)
				}
				per[i] = compact(rs)
			}
		}()
	}
	for i := range checks {
		next <- i
	}
	close(next)
	wg.Wait()

	n := 0
	for _, rs := range per {
		n += len(rs)
	}
	ouPath := ""
	if a.Organization != nil {
		ouPath = a.Organization.Tree.Path(a.AccountID)
	}
	rep := &Report{
		AccountID: a.AccountID, AccountName: a.Name, Source: a.Source, Policy: p.Source,
		CollectedAt: a.CollectedAt, EvaluatedAt: now,
		Results: make([]Finding, 0, n),
		Gaps:    a.Gaps.Sorted(),
		// Never nil: an empty list says "none", absence "not recorded".
		ChecksRun:      make([]string, 0, len(checks)),
		RegionsScanned: append([]string{}, a.ScannedRegions()...),
	}
	used := make([]bool, len(p.Waivers))
	for _, i := range reportOrder(checks) {
		c := checks[i]
		rep.ChecksRun = append(rep.ChecksRun, c.ID)
		sev := c.Severity
		if s, ok := p.SeverityOverrides[c.ID]; ok {
			if v, err := check.ParseSeverity(s); err == nil {
				sev = v
			}
		}
		for _, pr := range per[i] {
			r := check.Result{CheckID: c.ID, Status: pr.status, Severity: sev, Resource: pr.resource, Region: pr.region,
				Message: pr.message, Waiver: pr.waiver, Tags: pr.tags}
			f := Finding{Result: r, Title: c.Title, Area: c.Area, Service: c.Service,
				AccountID: a.AccountID, AccountName: a.Name, OUPath: ouPath}
			f.Sensitive = p.IsSensitive(r.Tags)
			if f.Sensitive && raisesWithSensitivity(c.Area) && r.Status == check.Fail && f.Severity < check.Critical {
				f.Severity++
			}
			if r.Status == check.Fail || r.Status == check.Unknown {
				applyWaiver(&f, p, now, used)
			}
			rep.Results = append(rep.Results, f)
		}
	}
	ran := make(map[string]bool, len(checks))
	for _, c := range checks {
		ran[c.ID] = true
	}
	unscanned := unscannedRegions(a)
	for i, w := range p.Waivers {
		switch {
		case w.Expired(now):
			rep.WaiverIssues = append(rep.WaiverIssues, WaiverIssue{Waiver: w, Problem: WaiverExpired})
		case used[i]:
		case !ran[w.Check]:
			rep.WaiverIssues = append(rep.WaiverIssues, WaiverIssue{Waiver: w, Problem: WaiverUnevaluated,
				Reason: "not evaluated in this scan: its check " + w.Check + " was not run (--check or --framework)"})
		case len(unscanned) > 0 && !scannedRegion(a, w.Resource):
			rep.WaiverIssues = append(rep.WaiverIssues, WaiverIssue{Waiver: w, Problem: WaiverUnevaluated,
				Reason: "not evaluated in this scan: enabled regions not scanned (--regions): " + strings.Join(unscanned, ", ")})
		default:
			rep.WaiverIssues = append(rep.WaiverIssues, WaiverIssue{Waiver: w, Problem: WaiverStale})
		}
	}
	rep.Summary = summarise(rep.Results, a, len(checks))
	return rep
}

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

// pending is a check's result between evaluation and the report, without
// the fields the engine sets itself (check ID, severity). Every check's
// results are held until the last check is done, and then at the same time
// as the report's findings: at that peak this form, exactly sized, takes
// two thirds of the memory of the checks' own slices.
type pending struct {
	status   check.Status
	resource string
	region   string
	message  string
	waiver   *policy.Waiver
	tags     map[string]string
}

// compact turns a check's results into pending ones.
func compact(rs []check.Result) []pending {
	out := make([]pending, len(rs))
	for i := range rs {
		r := &rs[i]
		out[i] = pending{status: r.Status, resource: r.Resource, region: r.Region, message: r.Message, waiver: r.Waiver, tags: r.Tags}
	}
	return out
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

func summarise(fs []Finding, a *state.Account, nChecks int) Summary {
	return SummaryOf(fs, a.Gaps.CountByReason(), nChecks)
}

// SummaryOf counts results as Run does: per status and failing severity
// (every one present, zero or not), with the state's gaps per reason and
// the number of checks run. The store calls it for the reports it
// rebuilds, so both count alike.
func SummaryOf(fs []Finding, gapsByReason map[state.GapReason]int, nChecks int) Summary {
	s := Summary{
		Total:          len(fs),
		ByStatus:       map[check.Status]int{},
		FailBySeverity: map[string]int{},
		GapsByReason:   gapsByReason,
		Checks:         nChecks,
	}
	for _, st := range check.Statuses {
		s.ByStatus[st] = 0
	}
	for i := check.Info; i <= check.Critical; i++ {
		s.FailBySeverity[i.String()] = 0
	}
	for _, f := range fs {
		s.ByStatus[f.Status]++
		if f.Status == check.Fail {
			s.FailBySeverity[f.Severity.String()]++
		}
	}
	return s
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
	n := 0
	for _, f := range r.Results {
		if f.Status == check.Fail && f.Severity >= min {
			n++
		}
	}
	return n
}
