// Package diff compares two scan results (`shoulder scan --format json`)
// and says what changed: new failures, fixed ones, failures that remain,
// and results whose status changed otherwise. A result is identified by its
// check ID and resource ARN.
package diff

import (
	"sort"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
)

// Change is one (check, resource) pair whose outcome is reported.
type Change struct {
	CheckID  string `json:"check_id"`
	Resource string `json:"resource"`
	Region   string `json:"region,omitempty"`
	Title    string `json:"title,omitempty"`
	Area     string `json:"area,omitempty"`
	Service  string `json:"service,omitempty"`
	// OldStatus is empty when the pair is absent from the old result.
	OldStatus check.Status `json:"old_status,omitempty"`
	// NewStatus is empty when the pair is absent from the new result.
	NewStatus check.Status `json:"new_status,omitempty"`
	// Severity is the new result's severity, or the old one's when the
	// pair is gone.
	Severity check.Severity `json:"severity"`
	// Message is the new result's evidence, or the old one's when gone.
	Message string `json:"message,omitempty"`
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
	// Changed lists other status changes between two present results, e.g.
	// pass -> unknown (coverage lost) or fail -> waived (risk accepted).
	Changed []Change `json:"changed"`
}

type key struct{ check, resource string }

// Compare computes the diff of two reports. Each list is ordered by
// severity (highest first), then check ID and resource.
func Compare(old, new *engine.Report) *Diff {
	d := &Diff{NewFailures: []Change{}, Fixed: []Change{}, StillFailing: []Change{}, Changed: []Change{}}
	before := make(map[key]*engine.Finding, len(old.Results))
	for i := range old.Results {
		f := &old.Results[i]
		before[key{f.CheckID, f.Resource}] = f
	}
	seen := make(map[key]bool, len(new.Results))
	for i := range new.Results {
		n := &new.Results[i]
		k := key{n.CheckID, n.Resource}
		seen[k] = true
		o := before[k]
		c := change(n)
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
		case o != nil && o.Status != n.Status:
			d.Changed = append(d.Changed, c)
		}
	}
	for i := range old.Results {
		o := &old.Results[i]
		if seen[key{o.CheckID, o.Resource}] || o.Status != check.Fail {
			continue
		}
		c := change(o)
		c.OldStatus = o.Status
		d.Fixed = append(d.Fixed, c)
	}
	for _, l := range [][]Change{d.NewFailures, d.Fixed, d.StillFailing, d.Changed} {
		sortChanges(l)
	}
	return d
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
		if a.CheckID != b.CheckID {
			return a.CheckID < b.CheckID
		}
		return a.Resource < b.Resource
	})
}

// NewAtOrAbove counts new failures with severity >= min.
func (d *Diff) NewAtOrAbove(min check.Severity) int {
	n := 0
	for _, c := range d.NewFailures {
		if c.Severity >= min {
			n++
		}
	}
	return n
}
