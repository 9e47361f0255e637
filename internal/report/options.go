package report

import (
	"sort"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
)

// Options carry what the renderers need beyond the engine.Report: check
// metadata (descriptions, remediation), framework references and the
// optional views other packages compute. Every field may be left empty: a
// renderer then omits what it cannot say, and the HTML report shows the
// section as "not available".
//
// The views are plain data so that this package imports neither the check
// registry nor the responsibility or framework packages; the CLI fills them.
type Options struct {
	// Version is shoulder's version, written into tool metadata.
	Version string
	// Checks holds check metadata by ID: title, description, remediation.
	Checks map[string]check.Check
	// Controls maps a check ID to the framework controls it evidences,
	// each as "framework:control" (e.g. "cis-5.0:1.4").
	Controls map[string][]string
	// Frameworks is the per-framework control status; nil when unavailable.
	Frameworks []Framework
	// Responsibility is the duty matrix; nil when unavailable.
	Responsibility *Responsibility
	// DataMap lists the account's data stores; nil when unavailable.
	DataMap *DataMap
	// Region is the Security Hub region ASFF findings are imported into (it
	// goes into ProductArn). Empty means the region with most findings.
	Region string
	// Table controls the terminal table.
	Table TableOptions
	// Trend is the failures per severity of stored scans up to this one,
	// oldest first (report --scan reads them from the results store); the
	// HTML report draws them as lines from two points on. Nil without a
	// store.
	Trend []TrendPoint
}

// TrendPoint is one stored scan's failures per severity.
type TrendPoint struct {
	// Label names the scan (its ID and date).
	Label      string
	BySeverity map[string]int
}

// Framework is one compliance framework's controls with their status.
type Framework struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Version  string    `json:"version,omitempty"`
	Controls []Control `json:"controls"`
}

// Control is one framework control and what the checks behind it say.
type Control struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Status is pass, fail, unknown, manual, waived or not_applicable.
	Status check.Status `json:"status"`
	// Checks are the IDs of the checks that evidence the control.
	Checks []string `json:"checks,omitempty"`
	// Counts of the results behind the control, by status.
	Counts map[check.Status]int `json:"counts,omitempty"`
	// Reason explains the status in a sentence.
	Reason string `json:"reason,omitempty"`
	// Guidance tells a human what to verify where no API decides.
	Guidance string `json:"guidance,omitempty"`
}

// Responsibility is the shared responsibility matrix joined with findings.
type Responsibility struct {
	Services []ServiceDuties `json:"services"`
}

// ServiceDuties is one service's split of duties.
type ServiceDuties struct {
	Service string `json:"service"`
	// Model is infrastructure, managed or abstracted.
	Model string `json:"model"`
	// AWSDuties are what AWS carries (context, never findings).
	AWSDuties []string `json:"aws_duties,omitempty"`
	Duties    []Duty   `json:"duties"`
}

// Duty is one customer duty of a service and whether it is met.
type Duty struct {
	Name string     `json:"name"`
	Area check.Area `json:"area"`
	// Status is met, not_met, partly_met, unknown, manual or not_applicable.
	Status string `json:"status"`
	// Checks are the IDs of the checks that verify the duty.
	Checks []string `json:"checks,omitempty"`
	// Worst is the highest severity among failures ("" when none).
	Worst     string `json:"worst,omitempty"`
	Resources int    `json:"resources"`
	Detail    string `json:"detail,omitempty"`
}

// DataMap is where the account's data lives, in what form and open to whom.
type DataMap struct {
	Stores []DataStore `json:"stores"`
}

// DataStore is one place data is kept.
type DataStore struct {
	ARN     string `json:"arn"`
	Kind    string `json:"kind"`
	Service string `json:"service"`
	Region  string `json:"region"`
	// Country is the ISO 3166 code of the region's country ("" if unknown).
	Country string `json:"country,omitempty"`
	// Allowed says whether the region is one the policy allows; nil when
	// the policy names no allowed regions.
	Allowed *bool `json:"allowed,omitempty"`
	// Backup is protected, unprotected, is_backup or unknown.
	Backup string `json:"backup,omitempty"`
	// Custody is the key custody level: none, aws_owned, aws_managed,
	// customer_managed, imported, cloudhsm, external_key_store or unknown.
	Custody string `json:"custody"`
	// Exposure is public, shared_trusted, shared_untrusted, private or unknown.
	Exposure       string   `json:"exposure"`
	Classification string   `json:"classification,omitempty"`
	Copies         []string `json:"copies,omitempty"`
}

// dutyStatus maps a duty's status to the result status that colours it:
// a duty partly met still has failures.
func dutyStatus(s string) check.Status {
	switch s {
	case "met":
		return check.Pass
	case "not_met", "partly_met":
		return check.Fail
	case "unknown":
		return check.Unknown
	case "manual":
		return check.Manual
	case "waived":
		return check.Waived
	}
	return check.NotApplicable
}

// statusRank orders statuses from worst to best for "worst status" views.
func statusRank(s check.Status) int {
	switch s {
	case check.Fail:
		return 0
	case check.Unknown:
		return 1
	case check.Waived:
		return 2
	case check.Manual:
		return 3
	case check.Pass:
		return 4
	case check.NotApplicable:
		return 5
	}
	return 6
}

// title returns a finding's check title, falling back to the check ID.
func (o *Options) title(f *engine.Finding) string {
	if f.Title != "" {
		return f.Title
	}
	if c, ok := o.Checks[f.CheckID]; ok && c.Title != "" {
		return c.Title
	}
	return f.CheckID
}

// controls returns the sorted framework references of a check.
func (o *Options) controls(id string) []string {
	cs := append([]string(nil), o.Controls[id]...)
	sort.Strings(cs)
	return cs
}

// remediationText is the console remediation of a check, or "".
func (o *Options) remediationText(id string) string {
	return strings.TrimSpace(o.Checks[id].Remediation.Console)
}

// arnParts splits an ARN into partition, service, region, account and
// resource; ok is false for strings that are not ARNs.
func arnParts(arn string) (partition, service, region, account, resource string, ok bool) {
	p := strings.SplitN(arn, ":", 6)
	if len(p) != 6 || p[0] != "arn" {
		return "", "", "", "", "", false
	}
	return p[1], p[2], p[3], p[4], p[5], true
}

// resourceName is the last path element of an ARN's resource, for display.
func resourceName(arn string) string {
	_, _, _, _, res, ok := arnParts(arn)
	if !ok {
		return arn
	}
	if i := strings.LastIndexAny(res, "/:"); i >= 0 && i < len(res)-1 {
		return res[i+1:]
	}
	return res
}

// resourceType is the ARN's resource type (e.g. "security-group", "user",
// "bucket" for S3), or "" when it has none.
func resourceType(arn string) string {
	_, svc, _, _, res, ok := arnParts(arn)
	if !ok {
		return ""
	}
	if svc == "s3" && !strings.Contains(res, "/") && !strings.Contains(res, ":") {
		return "bucket"
	}
	if i := strings.IndexAny(res, "/:"); i > 0 {
		return res[:i]
	}
	return res
}
