// Package reportview builds the optional views of a report (framework
// control status, the duty matrix, the data map) and the check metadata the
// renderers need, from the packages that own them. The report package takes
// them as plain structs and imports none of those packages; this is where
// they are converted.
package reportview

import (
	"fmt"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/datamap"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/frameworks"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/report"
	"github.com/shoulder-dev/shoulder/internal/responsibility"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// Options gathers what the renderers need besides the report: check
// metadata, the framework controls each check evidences, every framework's
// control status judged from this scan (sel are the checks it ran), the duty
// matrix and the data map. Errors come from loading the embedded data.
func Options(version string, sel []check.Check, acct *state.Account, rep *engine.Report, pol *policy.Policy) (report.Options, error) {
	o, err := Meta(version)
	if err != nil {
		return o, err
	}
	fws, err := frameworks.All()
	if err != nil {
		return o, fmt.Errorf("loading the embedded frameworks: %w", err)
	}
	ran := map[string]bool{}
	for _, c := range sel {
		ran[c.ID] = true
	}
	for i := range fws {
		o.Frameworks = append(o.Frameworks, frameworkView(frameworks.Assess(&fws[i], rep.Results, ran)))
	}
	cat, err := responsibility.Load()
	if err != nil {
		return o, fmt.Errorf("loading the responsibility catalog: %w", err)
	}
	o.Responsibility = matrixView(responsibility.Build(cat, acct, rep, responsibility.Options{}))
	o.DataMap = dataMapView(datamap.Build(acct, pol))
	return o, nil
}

// Meta gathers the part of Options every renderer may read and that does
// not depend on the scan's size: check metadata and the framework controls
// each check evidences. Options adds the views (framework status, duty
// matrix, data map), which only some renderers read.
func Meta(version string) (report.Options, error) {
	o := report.Options{Version: version, Checks: map[string]check.Check{}, Controls: map[string][]string{}}
	for _, c := range checks.All() {
		o.Checks[c.ID] = c
	}
	fws, err := frameworks.All()
	if err != nil {
		return o, fmt.Errorf("loading the embedded frameworks: %w", err)
	}
	for id, refs := range frameworks.Reverse(fws) {
		for _, r := range refs {
			o.Controls[id] = append(o.Controls[id], r.String())
		}
	}
	return o, nil
}

// matrixView converts the duty matrix for the report.
func matrixView(m *responsibility.Matrix) *report.Responsibility {
	out := &report.Responsibility{Services: []report.ServiceDuties{}}
	for _, s := range m.Services {
		sd := report.ServiceDuties{Service: s.ID, Model: string(s.Model), AWSDuties: s.AWS}
		for _, d := range s.Duties {
			detail := d.Reason
			if d.Guidance != "" {
				detail = strings.TrimSpace(detail + " " + d.Guidance)
			}
			sd.Duties = append(sd.Duties, report.Duty{Name: d.Title, Area: d.Area, Status: string(d.Status), Worst: d.WorstSeverity,
				Resources: d.Resources, Detail: detail, Checks: d.Checks})
		}
		out.Services = append(out.Services, sd)
	}
	return out
}

// dataMapView converts the data map for the report. A store shared with
// any untrusted account counts as shared_untrusted.
func dataMapView(m *datamap.Map) *report.DataMap {
	out := &report.DataMap{Stores: []report.DataStore{}}
	for _, s := range m.Stores {
		ds := report.DataStore{ARN: s.ARN, Kind: s.Kind, Service: s.Service, Region: s.Region, Country: s.Country, Allowed: s.Allowed,
			Custody: s.Encryption.Custody, Exposure: s.Exposure.Level, Classification: s.Classification, Backup: s.Backup.State}
		if ds.Exposure == datamap.Shared {
			ds.Exposure = "shared_trusted"
			for _, sh := range s.Exposure.SharedWith {
				if !sh.Trusted {
					ds.Exposure = "shared_untrusted"
				}
			}
		}
		for _, c := range s.Copies {
			where := nonEmptyStr(c.Region, "another region")
			if c.Account != "" {
				where += " (account " + c.Account + ")"
			}
			ds.Copies = append(ds.Copies, c.Kind+" to "+where)
		}
		out.Stores = append(out.Stores, ds)
	}
	return out
}

func nonEmptyStr(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// frameworkView converts a framework assessment for the report.
func frameworkView(as frameworks.Assessment) report.Framework {
	fw := report.Framework{ID: as.Framework, Name: as.Name, Version: as.Version}
	for _, c := range as.Controls {
		ctl := report.Control{ID: c.ID, Title: c.Title, Status: c.Status, Reason: c.Reason, Guidance: c.Guidance, Counts: map[check.Status]int{}}
		for _, t := range c.Checks {
			ctl.Checks = append(ctl.Checks, t.CheckID)
			for st, n := range t.Resources {
				ctl.Counts[st] += n
			}
		}
		fw.Controls = append(fw.Controls, ctl)
	}
	return fw
}

// OrgOptions gathers the options of a combined report (engine.Combine):
// Meta and every framework's control status over all the accounts'
// results. The duty matrix and data map are per account (see `matrix` and
// `datamap` over the organization) and stay unavailable here.
func OrgOptions(version string, sel []check.Check, rep *engine.Report) (report.Options, error) {
	o, err := Meta(version)
	if err != nil {
		return o, err
	}
	fws, err := frameworks.All()
	if err != nil {
		return o, fmt.Errorf("loading the embedded frameworks: %w", err)
	}
	ran := map[string]bool{}
	for _, c := range sel {
		ran[c.ID] = true
	}
	for i := range fws {
		o.Frameworks = append(o.Frameworks, frameworkView(frameworks.Assess(&fws[i], rep.Results, ran)))
	}
	return o, nil
}
