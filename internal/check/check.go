// Package check defines what a check is (its metadata and its pure
// evaluation function) and what it produces (results with a status).
package check

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// Status is the outcome of evaluating one check against one resource.
type Status string

// The statuses a result can have. Unknown is never a pass.
const (
	Pass          Status = "pass"
	Fail          Status = "fail"
	Unknown       Status = "unknown"
	NotApplicable Status = "not_applicable"
	Waived        Status = "waived"
	Manual        Status = "manual"
)

// Statuses lists every status in report order.
var Statuses = []Status{Fail, Unknown, Waived, Manual, Pass, NotApplicable}

// ParseStatus reads a status name.
func ParseStatus(s string) (Status, error) {
	for _, x := range Statuses {
		if string(x) == s {
			return x, nil
		}
	}
	return "", fmt.Errorf("unknown status %q (want one of pass, fail, unknown, not_applicable, waived, manual)", s)
}

// Severity ranks how much a failed check matters.
type Severity int

// Severities from least to most severe.
const (
	Info Severity = iota
	Low
	Medium
	High
	Critical
)

var severityNames = []string{"info", "low", "medium", "high", "critical"}

func (s Severity) String() string {
	if s < Info || s > Critical {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity reads a severity name (case-insensitive).
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if strings.EqualFold(n, s) {
			return Severity(i), nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want one of info, low, medium, high, critical)", s)
}

// MarshalJSON writes the severity's name.
func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// UnmarshalJSON reads a severity's name.
func (s *Severity) UnmarshalJSON(b []byte) error {
	var n string
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	v, err := ParseSeverity(n)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Area is one of the customer's duty areas; every check belongs to one.
type Area string

// The ten areas of the customer's half of the model.
const (
	Identity            Area = "identity"
	Patching            Area = "patching"
	EncryptionAtRest    Area = "encryption-at-rest"
	EncryptionInTransit Area = "encryption-in-transit"
	KeyCustody          Area = "key-custody"
	AccessSharing       Area = "access-and-sharing"
	Network             Area = "network"
	Logging             Area = "logging"
	Backup              Area = "backup"
	DataResidency       Area = "data-residency"
)

// Areas lists every area in report order.
var Areas = []Area{Identity, Patching, EncryptionAtRest, EncryptionInTransit, KeyCustody,
	AccessSharing, Network, Logging, Backup, DataResidency}

// ParseArea reads an area name.
func ParseArea(s string) (Area, error) {
	for _, a := range Areas {
		if string(a) == s {
			return a, nil
		}
	}
	names := make([]string, len(Areas))
	for i, a := range Areas {
		names[i] = string(a)
	}
	return "", fmt.Errorf("unknown area %q (want one of %s)", s, strings.Join(names, ", "))
}

// Remediation tells the customer how to fix a failure three ways.
type Remediation struct {
	// Console is the steps in the AWS console, in words.
	Console string `json:"console"`
	// CLI is an AWS CLI command (placeholders in <angle brackets>).
	CLI string `json:"cli"`
	// Terraform is a Terraform snippet.
	Terraform string `json:"terraform"`
}

// Func evaluates a check over an account under the customer's policy. It
// must be pure: no I/O, no clock (use a.CollectedAt or p.Now), no globals.
type Func func(a *state.Account, p *policy.Policy) []Result

// Check is one verifiable customer duty.
type Check struct {
	// ID is stable forever: snake_case, <service>_<what>.
	ID          string      `json:"id"`
	Title       string      `json:"title"`
	Description string      `json:"description,omitempty"`
	Area        Area        `json:"area"`
	Service     string      `json:"service"`
	Severity    Severity    `json:"severity"`
	Remediation Remediation `json:"remediation"`
	// Rationale says why the duty matters (internal/checks/meta). It starts
	// as the description, so it is left out of JSON and printed by
	// `checks show` only where it says more.
	Rationale string `json:"-"`
	// References are the documentation pages (URLs) the check's text cites;
	// framework controls are not repeated here (internal/frameworks).
	References []string `json:"references,omitempty"`
	// Reads lists the state the check reads, as the inputs the collectors
	// declare they fill (internal/collect/ops.go). The check looks up
	// coverage gaps only for these (state.Gaps.ForInput), and a test fails
	// on any lookup outside them; the fault tests expect the check not to
	// pass a resource whose declared input could not be read.
	Reads []state.Input `json:"-"`
	// Run evaluates the check.
	Run Func `json:"-"`
}

// Result is one check's verdict on one resource.
type Result struct {
	CheckID string `json:"check_id"`
	Status  Status `json:"status"`
	// Severity is the check's severity after policy overrides and data
	// sensitivity are applied.
	Severity Severity `json:"severity"`
	// Resource is the ARN (or account/region pseudo-ARN) the result is about.
	Resource string `json:"resource"`
	Region   string `json:"region,omitempty"`
	// Message is the evidence for pass/fail, or the reason for
	// unknown/not_applicable/manual.
	Message string `json:"message"`
	// Waiver is set when Status is waived.
	Waiver *policy.Waiver `json:"waiver,omitempty"`
	// Tags are the resource's tags (used for data classification); not serialised.
	Tags map[string]string `json:"-"`
}

// newResult builds a result about the resource m. The exported helpers
// below take the resource as a type parameter, not as a state.Resource: a
// state struct passed as an interface was copied to the heap for every
// result (some hundreds of bytes each, about a third of what evaluating
// 1M resources allocated), while a type parameter is passed as it is.
func newResult(st Status, m state.Meta, format string, args ...any) Result {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	return MessageR(m, st, msg)
}

// MessageR is a result of status st for resource r with a message built
// already, taken as it is (not a format): for a check whose many results
// share a few messages, built once each instead of once per result.
func MessageR[R state.Resource](r R, st Status, message string) Result {
	m := r.Ref()
	return Result{Status: st, Resource: m.ARN, Region: m.Region, Message: message, Tags: m.Tags}
}

// PassR is a passing result for resource r with evidence.
func PassR[R state.Resource](r R, format string, args ...any) Result {
	return newResult(Pass, r.Ref(), format, args...)
}

// FailR is a failing result for resource r with evidence.
func FailR[R state.Resource](r R, format string, args ...any) Result {
	return newResult(Fail, r.Ref(), format, args...)
}

// UnknownR is an unknown result for resource r with the reason.
func UnknownR[R state.Resource](r R, format string, args ...any) Result {
	return newResult(Unknown, r.Ref(), format, args...)
}

// GapR is an unknown result caused by a coverage gap.
func GapR[R state.Resource](r R, g state.Gap) Result {
	m := r.Ref()
	return Result{Status: Unknown, Resource: m.ARN, Region: m.Region, Message: "could not read " + g.String(), Tags: m.Tags}
}

// NotApplicableR is a not_applicable result with the reason.
func NotApplicableR[R state.Resource](r R, format string, args ...any) Result {
	return newResult(NotApplicable, r.Ref(), format, args...)
}

// ManualR is a result that needs a human, with guidance.
func ManualR[R state.Resource](r R, format string, args ...any) Result {
	return newResult(Manual, r.Ref(), format, args...)
}

// Ref builds a resource reference from an ARN and region, for results about
// things that are not state structs (the account, a region's settings).
func Ref(arn, region string) state.Meta { return state.Meta{ARN: arn, Region: region} }

// resultsKey is the key of an evaluation's spare result slices
// (state.Derive).
type resultsKey struct{}

func newResultSpares() *state.Spares[Result] { return state.NewSpares[Result](8) }

// Results returns an empty slice with room for n results for a check to
// fill: within an evaluation, one that an earlier check's results were
// copied out of (Recycle) when one is large enough, else a new one. Each
// check allocating its own slices cost 0.6 GB at 1M resources.
func Results(a *state.Account, n int) []Result {
	return state.Derive(a, resultsKey{}, newResultSpares).Get(n)[:0]
}

// Recycle hands back the results a check returned once the evaluation has
// copied them out; neither the caller nor the check may use rs again.
func Recycle(a *state.Account, rs []Result) {
	state.Derive(a, resultsKey{}, newResultSpares).Put(rs)
}
