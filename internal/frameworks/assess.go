package frameworks

import (
	"fmt"
	"sort"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
)

// Assessment is a framework judged from one scan's results.
type Assessment struct {
	Framework string          `json:"framework"`
	Name      string          `json:"name"`
	Version   string          `json:"version"`
	Controls  []ControlResult `json:"controls"`
	// Summary counts controls per status.
	Summary map[check.Status]int `json:"summary"`
}

// ControlResult is one control's verdict and the checks behind it.
type ControlResult struct {
	ID        string       `json:"id"`
	Title     string       `json:"title"`
	Automated bool         `json:"automated"`
	Status    check.Status `json:"status"`
	// Reason explains the status in a sentence.
	Reason   string       `json:"reason"`
	Guidance string       `json:"guidance,omitempty"`
	Checks   []CheckTally `json:"checks,omitempty"`
}

// CheckTally is one check's results as far as a control is concerned.
type CheckTally struct {
	CheckID string `json:"check_id"`
	// Ran is false when the check was not part of the scan (filtered out).
	Ran bool `json:"ran"`
	// Status is the check's overall status (see statusOf).
	Status check.Status `json:"status,omitempty"`
	// Resources counts the check's results per status.
	Resources map[check.Status]int `json:"resources,omitempty"`
}

// rank orders statuses from the one that decides a control first: any
// failure fails it; otherwise anything unknown leaves it unknown; a waived
// failure is reported as waived; a manual result needs a human; only then
// does a pass count; not_applicable decides nothing.
func rank(st check.Status) int {
	switch st {
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
	}
	return 5
}

// statusOf folds several statuses into one by rank; with none it is
// not_applicable.
func statusOf(counts map[check.Status]int) check.Status {
	best := check.NotApplicable
	for st, n := range counts {
		if n > 0 && rank(st) < rank(best) {
			best = st
		}
	}
	return best
}

// Assess judges every control of fw from a scan's findings. ran says which
// checks were part of the scan (a check with no results still ran).
func Assess(fw *Framework, findings []engine.Finding, ran map[string]bool) Assessment {
	per := map[string]map[check.Status]int{}
	for _, f := range findings {
		m := per[f.CheckID]
		if m == nil {
			m = map[check.Status]int{}
			per[f.CheckID] = m
		}
		m[f.Status]++
	}
	as := Assessment{Framework: fw.ID, Name: fw.Name, Version: fw.Version, Summary: map[check.Status]int{}}
	for _, c := range fw.Controls {
		cr := ControlResult{ID: c.ID, Title: c.Title, Automated: c.Automated, Guidance: c.Guidance}
		agg := map[check.Status]int{}
		nRan := 0
		for _, id := range c.Checks {
			t := CheckTally{CheckID: id, Ran: ran[id]}
			if t.Ran {
				nRan++
				t.Resources = per[id]
				t.Status = statusOf(per[id])
				agg[t.Status]++
			}
			cr.Checks = append(cr.Checks, t)
		}
		switch {
		case len(c.Checks) == 0 && !c.Automated:
			cr.Status, cr.Reason = check.Manual, "no API decides this control; verify it by hand"
		case len(c.Checks) == 0:
			cr.Status, cr.Reason = check.Unknown, "no shoulder check evidences this control yet"
		case nRan == 0:
			cr.Status, cr.Reason = check.Unknown, "none of its checks were part of this scan"
		default:
			cr.Status = statusOf(agg)
			cr.Reason = reason(cr.Status, agg, nRan, len(c.Checks))
		}
		as.Summary[cr.Status]++
		as.Controls = append(as.Controls, cr)
	}
	return as
}

func reason(st check.Status, agg map[check.Status]int, nRan, nChecks int) string {
	var s string
	switch st {
	case check.Fail:
		s = fmt.Sprintf("%d of %d check(s) fail", agg[check.Fail], nRan)
	case check.Unknown:
		s = fmt.Sprintf("nothing fails, but %d of %d check(s) could not be decided", agg[check.Unknown], nRan)
	case check.Waived:
		s = fmt.Sprintf("failures are waived in %d of %d check(s)", agg[check.Waived], nRan)
	case check.Manual:
		s = fmt.Sprintf("%d of %d check(s) need a human", agg[check.Manual], nRan)
	case check.Pass:
		s = fmt.Sprintf("all %d check(s) pass", nRan)
		if agg[check.NotApplicable] > 0 {
			s = fmt.Sprintf("%d check(s) pass, %d not applicable", agg[check.Pass], agg[check.NotApplicable])
		}
	default:
		s = "no check applies to this account"
	}
	if nRan < nChecks {
		s += fmt.Sprintf(" (%d check(s) not run)", nChecks-nRan)
	}
	return s
}

// Statuses returns the summary's statuses in report order with their counts.
func (as Assessment) Statuses() []check.Status {
	out := make([]check.Status, 0, len(as.Summary))
	for st := range as.Summary {
		out = append(out, st)
	}
	sort.Slice(out, func(i, j int) bool { return rank(out[i]) < rank(out[j]) })
	return out
}
