// Package diff compares two scan results (`shoulder scan --format json`)
// and says what changed: new failures, fixed ones, failures that remain,
// failures that are no longer evaluated, and results whose status changed
// otherwise. A result is identified by its check ID and resource ARN.
//
// A failure is fixed only when the new scan evaluated it and it passes (or
// no longer applies), or its resource is gone from a scan that covered the
// same check, region and account. A failure that became unknown, or whose
// check or region the new scan did not cover, is "no longer evaluated":
// never fixed.
package diff

import (
	"slices"
	"sort"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
)

// Change is one (check, resource) pair whose outcome is reported.
type Change struct {
	// AccountID is the account of the result (of either side's result:
	// the result's own, or its report's).
	AccountID string `json:"account_id,omitempty"`
	CheckID   string `json:"check_id"`
	Resource  string `json:"resource"`
	Region    string `json:"region,omitempty"`
	Title     string `json:"title,omitempty"`
	Area      string `json:"area,omitempty"`
	Service   string `json:"service,omitempty"`
	// OldStatus is empty when the pair is absent from the old result.
	OldStatus check.Status `json:"old_status,omitempty"`
	// NewStatus is empty when the pair is absent from the new result.
	NewStatus check.Status `json:"new_status,omitempty"`
	// Severity is the new result's severity, or the old one's when the
	// pair is gone.
	Severity check.Severity `json:"severity"`
	// Message is the new result's evidence, or the old one's when gone.
	Message string `json:"message,omitempty"`
	// Reason says why a failure is no longer evaluated (only there).
	Reason string `json:"reason,omitempty"`
}

// Side describes one of the two inputs.
type Side struct {
	File        string `json:"file"`
	AccountID   string `json:"account_id"`
	EvaluatedAt string `json:"evaluated_at"`
	Results     int    `json:"results"`
}

// Diff is the comparison of two results.
type Diff struct {
	Old Side `json:"old"`
	New Side `json:"new"`
	// New lists results that fail now and did not fail before (absent,
	// passing, unknown, waived, ...).
	NewFailures []Change `json:"new_failures"`
	// Fixed lists results that failed and now pass, are not applicable, or
	// are gone (the resource was deleted or the check no longer applies).
	Fixed []Change `json:"fixed"`
	// StillFailing lists results that fail in both.
	StillFailing []Change `json:"still_failing"`
	// NoLongerEvaluated lists results that failed and are not evaluated
	// now: unknown in the new result, or absent from it because the new
	// scan did not run their check, did not scan their region, or is of
	// another account. They are not fixed; Reason says why.
	NoLongerEvaluated []Change `json:"no_longer_evaluated"`
	// Changed lists other status changes between two present results, e.g.
	// pass -> unknown (coverage lost) or fail -> waived (risk accepted).
	Changed []Change `json:"changed"`
	// Narrowed says what the old scan evaluated and the new one did not.
	Narrowed Narrowing `json:"narrowed"`
	// Accounts compares the accounts when either side is an organization's
	// combined result (absent for two single-account results): every
	// account of either side, with what changed in it. An account absent
	// from one side is listed, never dropped.
	Accounts []AccountChange `json:"accounts,omitempty"`
}

// AccountChange is one account of an organization diff.
type AccountChange struct {
	AccountID string `json:"account_id"`
	Name      string `json:"name,omitempty"`
	// OldRead and NewRead are the read levels (full, partial, none) on
	// each side; empty where the account is absent.
	OldRead string `json:"old_read,omitempty"`
	NewRead string `json:"new_read,omitempty"`
	// Note says why an account is not compared in full: absent from a
	// side, or not read in it.
	Note              string `json:"note,omitempty"`
	NewFailures       int    `json:"new_failures"`
	Fixed             int    `json:"fixed"`
	StillFailing      int    `json:"still_failing"`
	NoLongerEvaluated int    `json:"no_longer_evaluated"`
}

// Narrowing is the coverage of the old scan missing from the new one.
type Narrowing struct {
	// Checks run in the old scan and not in the new one.
	Checks []string `json:"checks"`
	// Regions scanned in the old scan and not in the new one.
	Regions []string `json:"regions"`
	// AccountChanged is true when the results are of different accounts.
	AccountChanged bool `json:"account_changed,omitempty"`
}

// key identifies a result: its account, check and resource.
type key struct{ account, check, resource string }

// accountOf is the account a result of r is about.
func accountOf(r *engine.Report, f *engine.Finding) string {
	if f.AccountID != "" {
		return f.AccountID
	}
	return r.AccountID
}

// Compare computes the diff of two reports. Each list is ordered by
// severity (highest first), then check ID and resource.
func Compare(old, new *engine.Report) *Diff {
	d := &Diff{NewFailures: []Change{}, Fixed: []Change{}, StillFailing: []Change{}, NoLongerEvaluated: []Change{}, Changed: []Change{}}
	cov := coverageOf(old, new)
	d.Narrowed = cov.narrowing(old)
	before := make(map[key]*engine.Finding, len(old.Results))
	for i := range old.Results {
		f := &old.Results[i]
		before[key{accountOf(old, f), f.CheckID, f.Resource}] = f
	}
	seen := make(map[key]bool, len(new.Results))
	for i := range new.Results {
		n := &new.Results[i]
		k := key{accountOf(new, n), n.CheckID, n.Resource}
		seen[k] = true
		o := before[k]
		c := change(n)
		if cov.org {
			c.AccountID = k.account
		}
		c.NewStatus = n.Status
		if o != nil {
			c.OldStatus = o.Status
		}
		switch {
		case n.Status == check.Fail && (o == nil || o.Status != check.Fail):
			d.NewFailures = append(d.NewFailures, c)
		case n.Status == check.Fail:
			d.StillFailing = append(d.StillFailing, c)
		case o != nil && o.Status == check.Fail && (n.Status == check.Pass || n.Status == check.NotApplicable):
			d.Fixed = append(d.Fixed, c)
		case o != nil && o.Status == check.Fail && n.Status == check.Unknown:
			c.Reason = "unknown in the new scan: " + n.Message
			d.NoLongerEvaluated = append(d.NoLongerEvaluated, c)
		case o != nil && o.Status != n.Status:
			d.Changed = append(d.Changed, c)
		}
	}
	for i := range old.Results {
		o := &old.Results[i]
		acct := accountOf(old, o)
		if seen[key{acct, o.CheckID, o.Resource}] || o.Status != check.Fail {
			continue
		}
		c := change(o)
		c.OldStatus = o.Status
		if cov.org {
			c.AccountID = acct
		}
		if why := cov.outside(acct, o); why != "" {
			c.Reason = why
			d.NoLongerEvaluated = append(d.NoLongerEvaluated, c)
			continue
		}
		d.Fixed = append(d.Fixed, c)
	}
	for _, l := range [][]Change{d.NewFailures, d.Fixed, d.StillFailing, d.NoLongerEvaluated, d.Changed} {
		sortChanges(l)
	}
	if cov.org {
		d.Accounts = compareAccounts(old, new, d)
	}
	return d
}

// accountEntries lists a report's accounts: a combined report's own, or
// the one account of a single report.
func accountEntries(r *engine.Report) []engine.AccountEntry {
	if r.IsOrg() {
		return r.Accounts
	}
	return []engine.AccountEntry{{ID: r.AccountID, Name: r.AccountName, Read: engine.ReadLevel(r.Gaps), RegionsScanned: r.RegionsScanned}}
}

// compareAccounts lists every account of either side with its changes.
func compareAccounts(old, new *engine.Report, d *Diff) []AccountChange {
	by := map[string]*AccountChange{}
	var ids []string
	get := func(id string) *AccountChange {
		a := by[id]
		if a == nil {
			a = &AccountChange{AccountID: id}
			by[id] = a
			ids = append(ids, id)
		}
		return a
	}
	for _, e := range accountEntries(old) {
		a := get(e.ID)
		a.OldRead, a.Name = e.Read, e.Name
	}
	for _, e := range accountEntries(new) {
		a := get(e.ID)
		a.NewRead = e.Read
		if e.Name != "" {
			a.Name = e.Name
		}
		if e.Read == engine.ReadNone {
			a.Note = "not read in the new scan: " + e.Reason
		}
	}
	for _, id := range ids {
		a := by[id]
		switch {
		case a.OldRead == "":
			a.Note = "only in the new result"
		case a.NewRead == "":
			a.Note = "only in the old result: its failures are no longer evaluated, not fixed"
		case a.OldRead == engine.ReadNone && a.Note == "":
			a.Note = "not read in the old scan"
		}
	}
	count := func(l []Change, n func(*AccountChange) *int) {
		for _, c := range l {
			*n(get(c.AccountID))++
		}
	}
	count(d.NewFailures, func(a *AccountChange) *int { return &a.NewFailures })
	count(d.Fixed, func(a *AccountChange) *int { return &a.Fixed })
	count(d.StillFailing, func(a *AccountChange) *int { return &a.StillFailing })
	count(d.NoLongerEvaluated, func(a *AccountChange) *int { return &a.NoLongerEvaluated })
	out := make([]AccountChange, 0, len(ids))
	sort.Strings(ids)
	for _, id := range ids {
		out = append(out, *by[id])
	}
	return out
}

// coverage is what the new scan evaluated.
type coverage struct {
	accountChanged bool
	// org is true when either side combines several accounts: results are
	// then compared per account, and newAccts/oldAccts hold each side's
	// accounts by ID.
	org                bool
	newAccts, oldAccts map[string]engine.AccountEntry
	// checks and regions of the new scan: its recorded lists, or for a
	// result written before they were recorded, the checks and regions its
	// results name (a check or region with no result at all in the new
	// scan then counts as not covered: the conservative reading).
	checks, regions map[string]bool
	// oldRegions are the regions the old scan recorded as scanned (nil when
	// not recorded). A result in a region neither scan covered came from a
	// listing that is not regional (S3 lists every bucket): its absence
	// from the new result is not narrowing.
	oldRegions map[string]bool
}

func coverageOf(old, new *engine.Report) *coverage {
	c := &coverage{checks: map[string]bool{}, regions: map[string]bool{}, org: old.IsOrg() || new.IsOrg()}
	c.accountChanged = !c.org && old.AccountID != new.AccountID
	if c.org {
		c.newAccts, c.oldAccts = map[string]engine.AccountEntry{}, map[string]engine.AccountEntry{}
		for _, e := range accountEntries(new) {
			c.newAccts[e.ID] = e
		}
		for _, e := range accountEntries(old) {
			c.oldAccts[e.ID] = e
		}
	}
	if new.ChecksRun != nil {
		for _, id := range new.ChecksRun {
			c.checks[id] = true
		}
	} else {
		for i := range new.Results {
			c.checks[new.Results[i].CheckID] = true
		}
	}
	if old.RegionsScanned != nil {
		c.oldRegions = map[string]bool{}
		for _, r := range old.RegionsScanned {
			c.oldRegions[r] = true
		}
	}
	if new.RegionsScanned != nil {
		for _, r := range new.RegionsScanned {
			c.regions[r] = true
		}
	} else {
		for i := range new.Results {
			c.regions[new.Results[i].Region] = true
		}
	}
	return c
}

// outside says why an old result absent from the new one was not
// evaluated by the new scan, or "" when the new scan covered it (so its
// absence means the resource or the finding is gone).
func (c *coverage) outside(acct string, o *engine.Finding) string {
	if c.org {
		e, ok := c.newAccts[acct]
		switch {
		case !ok:
			return "account " + acct + " is not in the new result"
		case e.Read == engine.ReadNone:
			return "account " + acct + " was not read in the new scan: " + e.Reason
		case !c.checks[o.CheckID]:
			return "check " + o.CheckID + " was not run in the new scan"
		}
		if o.Region != "" && e.RegionsScanned != nil && !slices.Contains(e.RegionsScanned, o.Region) {
			if oe, ok := c.oldAccts[acct]; !ok || oe.RegionsScanned == nil || slices.Contains(oe.RegionsScanned, o.Region) {
				return "region " + o.Region + " of account " + acct + " was not scanned in the new scan"
			}
		}
		return ""
	}
	switch {
	case c.accountChanged:
		return "the new result is of another account"
	case !c.checks[o.CheckID]:
		return "check " + o.CheckID + " was not run in the new scan"
	case o.Region != "" && !c.regions[o.Region] && (c.oldRegions == nil || c.oldRegions[o.Region]):
		return "region " + o.Region + " was not scanned in the new scan"
	}
	return ""
}

// narrowing lists the old scan's checks and regions the new one lacks.
func (c *coverage) narrowing(old *engine.Report) Narrowing {
	n := Narrowing{Checks: []string{}, Regions: []string{}, AccountChanged: c.accountChanged}
	oldChecks, oldRegions := old.ChecksRun, old.RegionsScanned
	if oldChecks == nil || oldRegions == nil {
		seenC, seenR := map[string]bool{}, map[string]bool{}
		for i := range old.Results {
			f := &old.Results[i]
			seenC[f.CheckID] = true
			if oldRegions == nil && f.Region != "" {
				seenR[f.Region] = true
			}
		}
		if oldChecks == nil {
			oldChecks = sortedKeys(seenC)
		}
		if oldRegions == nil {
			oldRegions = sortedKeys(seenR)
		}
	}
	for _, id := range oldChecks {
		if !c.checks[id] {
			n.Checks = append(n.Checks, id)
		}
	}
	for _, r := range oldRegions {
		if !c.regions[r] {
			n.Regions = append(n.Regions, r)
		}
	}
	sort.Strings(n.Checks)
	sort.Strings(n.Regions)
	return n
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func change(f *engine.Finding) Change {
	return Change{CheckID: f.CheckID, Resource: f.Resource, Region: f.Region, Title: f.Title, Area: string(f.Area),
		Service: f.Service, Severity: f.Severity, Message: f.Message}
}

func sortChanges(l []Change) {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		if a.AccountID != b.AccountID {
			return a.AccountID < b.AccountID
		}
		if a.CheckID != b.CheckID {
			return a.CheckID < b.CheckID
		}
		return a.Resource < b.Resource
	})
}

// NewAtOrAbove counts new failures with severity >= min.
func (d *Diff) NewAtOrAbove(min check.Severity) int { return atOrAbove(d.NewFailures, min) }

// GateAtOrAbove counts what fails the diff's gate at severity >= min: new
// failures, and failures no longer evaluated (a failure hidden by a
// narrower or degraded scan is treated as still failing, and must not let
// the gate pass as if it were fixed).
func (d *Diff) GateAtOrAbove(min check.Severity) int {
	return atOrAbove(d.NewFailures, min) + atOrAbove(d.NoLongerEvaluated, min)
}

func atOrAbove(l []Change, min check.Severity) int {
	n := 0
	for _, c := range l {
		if c.Severity >= min {
			n++
		}
	}
	return n
}
