package responsibility

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// DutyStatus is how far the customer meets one duty.
type DutyStatus string

// The statuses of a duty in the matrix.
const (
	// Met: every resource the duty's checks evaluated passes (or its
	// failure is waived: a risk accepted explicitly).
	Met DutyStatus = "met"
	// PartlyMet: some resources meet the duty, some do not.
	PartlyMet DutyStatus = "partly_met"
	// NotMet: no evaluated resource meets the duty.
	NotMet DutyStatus = "not_met"
	// Unknown: nothing fails, but some resources could not be evaluated.
	Unknown DutyStatus = "unknown"
	// Manual: no API decides the duty; a person must, with the guidance.
	Manual DutyStatus = "manual"
	// NotApplicable: the duty's checks found nothing to apply to.
	NotApplicable DutyStatus = "not_applicable"
)

// DutyStatuses lists the statuses, worst first.
var DutyStatuses = []DutyStatus{NotMet, PartlyMet, Unknown, Manual, Met, NotApplicable}

// Matrix is the catalog joined with one scan's findings, for the services
// the account uses.
type Matrix struct {
	AccountID   string    `json:"account_id"`
	AccountName string    `json:"account_name,omitempty"`
	Source      string    `json:"source,omitempty"`
	Policy      string    `json:"policy,omitempty"`
	CollectedAt time.Time `json:"collected_at"`
	// Services are the services in use, in catalog order.
	Services []ServiceRow `json:"services"`
	// NotInUse lists the catalog's services the account does not use.
	NotInUse []string `json:"not_in_use"`
	Summary  Summary  `json:"summary"`
}

// Summary counts the duties of the services in use by status.
type Summary struct {
	Duties   int                `json:"duties"`
	ByStatus map[DutyStatus]int `json:"by_status"`
}

// ServiceRow is one service in use with AWS's duties and the customer's.
type ServiceRow struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Model Model  `json:"model"`
	Usage Usage  `json:"usage"`
	// AWS are AWS's duties for the service: context, never findings.
	AWS    []string  `json:"aws"`
	Duties []DutyRow `json:"duties"`
}

// Counts are resource counts behind a duty, by how each resource fares:
// a resource with any failing result does not meet the duty; one with an
// unknown result (and no failure) is unknown.
type Counts struct {
	Met           int `json:"met"`
	NotMet        int `json:"not_met"`
	Unknown       int `json:"unknown"`
	Waived        int `json:"waived"`
	Manual        int `json:"manual"`
	NotApplicable int `json:"not_applicable"`
}

// DutyRow is one customer duty and how far it is met.
type DutyRow struct {
	ID     string     `json:"id"`
	Title  string     `json:"title"`
	Area   check.Area `json:"area"`
	Status DutyStatus `json:"status"`
	// Reason explains the status in words (counts, the first unknown
	// reason, or the guidance of a manual duty).
	Reason string `json:"reason"`
	// WorstSeverity is the highest severity among failing results, after
	// policy overrides and sensitivity; empty when nothing fails.
	WorstSeverity string `json:"worst_severity,omitempty"`
	// Resources is the number of distinct resources the checks evaluated.
	Resources int      `json:"resources"`
	Counts    Counts   `json:"counts"`
	Checks    []string `json:"checks,omitempty"`
	// FailingChecks are the checks with failures, most failing resources
	// first, for `shoulder scan --check`.
	FailingChecks []string `json:"failing_checks,omitempty"`
	Guidance      string   `json:"guidance,omitempty"`
}

// Options choose what the matrix shows.
type Options struct {
	// AllServices includes services the account does not use.
	AllServices bool
}

// Build joins the catalog with a report over account a.
func Build(c *Catalog, a *state.Account, rep *engine.Report, o Options) *Matrix {
	return BuildWith(c, func(id string) Usage {
		u, _ := UsageOf(a, id)
		return u
	}, rep, o)
}

// Usages is each catalog service's usage in account a, the services in
// use (or whose listing could not be read) only: what BuildWith needs of
// the account, small enough to keep with a stored scan.
func Usages(c *Catalog, a *state.Account) map[string]Usage {
	out := map[string]Usage{}
	for _, s := range c.Services {
		if u, _ := UsageOf(a, s.ID); u.InUse() {
			out[s.ID] = u
		}
	}
	return out
}

// BuildWith is Build with each service's usage given by usage instead of
// counted in the account's state (a stored scan keeps Usages, not the
// state): the one join of catalog and report both use.
func BuildWith(c *Catalog, usage func(serviceID string) Usage, rep *engine.Report, o Options) *Matrix {
	m := &Matrix{
		AccountID: rep.AccountID, AccountName: rep.AccountName, Source: rep.Source, Policy: rep.Policy,
		CollectedAt: rep.CollectedAt, Services: []ServiceRow{}, NotInUse: []string{},
		Summary: Summary{ByStatus: map[DutyStatus]int{}},
	}
	for _, s := range DutyStatuses {
		m.Summary.ByStatus[s] = 0
	}
	byCheck := map[string][]*engine.Finding{}
	for i := range rep.Results {
		f := &rep.Results[i]
		byCheck[f.CheckID] = append(byCheck[f.CheckID], f)
	}
	for _, s := range c.Services {
		u := usage(s.ID)
		if !s.AccountWide && !u.InUse() && !o.AllServices {
			m.NotInUse = append(m.NotInUse, s.ID)
			continue
		}
		row := ServiceRow{ID: s.ID, Name: s.Name, Model: s.Model, Usage: u, AWS: s.AWS}
		for _, d := range s.Duties {
			dr := evaluate(d, byCheck)
			if dr.Status == NotApplicable && !u.InUse() && u.Gap == nil && !s.AccountWide {
				dr.Reason = "the account does not use " + s.Name
			}
			row.Duties = append(row.Duties, dr)
			m.Summary.Duties++
			m.Summary.ByStatus[dr.Status]++
		}
		m.Services = append(m.Services, row)
	}
	return m
}

// verdict is how one resource fares on a duty.
type verdict int

const (
	vNA verdict = iota
	vManual
	vMet
	vWaived
	vUnknown
	vNotMet
)

func verdictOf(s check.Status) verdict {
	switch s {
	case check.Fail:
		return vNotMet
	case check.Unknown:
		return vUnknown
	case check.Waived:
		return vWaived
	case check.Pass:
		return vMet
	case check.Manual:
		return vManual
	}
	return vNA
}

func evaluate(d Duty, byCheck map[string][]*engine.Finding) DutyRow {
	dr := DutyRow{ID: d.ID, Title: d.Title, Area: d.Area, Checks: d.Checks, Guidance: strings.TrimSpace(d.Guidance)}
	if d.Manual {
		dr.Status, dr.Reason = Manual, "no API decides this duty: a person verifies it (see guidance)"
		return dr
	}
	per := map[string]verdict{}
	var order []string
	firstMsg := map[verdict]string{}
	worst := check.Severity(-1)
	failing := map[string]map[string]bool{} // check -> failing resources
	for _, id := range d.Checks {
		for _, f := range byCheck[id] {
			if len(d.Resources) > 0 && !matchesAny(d.Resources, f.Resource) {
				continue
			}
			v := verdictOf(f.Status)
			if _, seen := per[f.Resource]; !seen {
				order = append(order, f.Resource)
			}
			if v > per[f.Resource] {
				per[f.Resource] = v
			}
			if _, ok := firstMsg[v]; !ok {
				firstMsg[v] = f.Message
			}
			if f.Status == check.Fail {
				if failing[id] == nil {
					failing[id] = map[string]bool{}
				}
				failing[id][f.Resource] = true
				if f.Severity > worst {
					worst = f.Severity
				}
			}
		}
	}
	for _, r := range order {
		switch per[r] {
		case vNotMet:
			dr.Counts.NotMet++
		case vUnknown:
			dr.Counts.Unknown++
		case vWaived:
			dr.Counts.Waived++
		case vMet:
			dr.Counts.Met++
		case vManual:
			dr.Counts.Manual++
		default:
			dr.Counts.NotApplicable++
		}
	}
	dr.Resources = len(order)
	if worst >= 0 {
		dr.WorstSeverity = worst.String()
	}
	for _, id := range d.Checks {
		if len(failing[id]) > 0 {
			dr.FailingChecks = append(dr.FailingChecks, id)
		}
	}
	sort.SliceStable(dr.FailingChecks, func(i, j int) bool {
		return len(failing[dr.FailingChecks[i]]) > len(failing[dr.FailingChecks[j]])
	})
	// Which checks fail, when the duty has several: the first thing a
	// reader wants to know about a duty that is not met.
	failNote := ""
	if len(d.Checks) > 1 && len(dr.FailingChecks) > 0 {
		var parts []string
		for i, id := range dr.FailingChecks {
			if i == 3 {
				parts = append(parts, fmt.Sprintf("%d more", len(dr.FailingChecks)-3))
				break
			}
			parts = append(parts, fmt.Sprintf("%s on %d", id, len(failing[id])))
		}
		failNote = " (" + strings.Join(parts, ", ") + ")"
	}
	c := dr.Counts
	evaluated := c.Met + c.NotMet + c.Unknown + c.Waived
	unknownNote := ""
	if c.Unknown > 0 {
		unknownNote = fmt.Sprintf("; %s could not be evaluated (%s)", plural(c.Unknown, "resource"), firstMsg[vUnknown])
	}
	switch {
	case c.NotMet > 0 && c.Met+c.Waived > 0:
		dr.Status = PartlyMet
		dr.Reason = fmt.Sprintf("%d of %d resources meet it, %d %s not%s%s", c.Met+c.Waived, evaluated, c.NotMet, map[bool]string{true: "does", false: "do"}[c.NotMet == 1], failNote, unknownNote)
	case c.NotMet > 0:
		dr.Status = NotMet
		if c.NotMet == 1 {
			dr.Reason = "1 resource does not meet it: " + firstMsg[vNotMet] + failNote + unknownNote
		} else {
			dr.Reason = fmt.Sprintf("none of %d resources meets it%s%s", c.NotMet, failNote, unknownNote)
		}
	case c.Unknown > 0:
		dr.Status = Unknown
		dr.Reason = fmt.Sprintf("%d of %d resources could not be evaluated: %s", c.Unknown, evaluated, firstMsg[vUnknown])
	case c.Met+c.Waived > 0:
		dr.Status = Met
		dr.Reason = "all " + plural(c.Met+c.Waived, "resource") + " meet it"
		if c.Met+c.Waived == 1 {
			dr.Reason = "the 1 resource meets it"
		}
		if c.Waived > 0 {
			dr.Reason += fmt.Sprintf(" (%d by waiver: risk accepted)", c.Waived)
		}
	case c.Manual > 0:
		dr.Status = Manual
		dr.Reason = firstMsg[vManual]
	case c.NotApplicable > 0:
		dr.Status = NotApplicable
		dr.Reason = firstMsg[vNA]
	default:
		// A check that lists nothing to evaluate: there is nothing of the
		// kind it covers. Had the listing failed, the check would have
		// said unknown.
		dr.Status = NotApplicable
		dr.Reason = "nothing in the account for these checks to evaluate"
	}
	return dr
}

func matchesAny(patterns []string, arn string) bool {
	for _, p := range patterns {
		if engine.MatchResource(p, arn) {
			return true
		}
	}
	return false
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
