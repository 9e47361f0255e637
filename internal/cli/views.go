package cli

import (
	"fmt"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/frameworks"
	"github.com/shoulder-dev/shoulder/internal/report"
)

// reportOptions gathers what the renderers need besides the report: check
// metadata, the framework controls each check evidences, and every
// framework's control status judged from this scan. The report package
// takes them as plain structs; this is where they are converted.
func reportOptions(sel []check.Check, rep *engine.Report) (report.Options, error) {
	o := report.Options{Version: Version, Checks: map[string]check.Check{}, Controls: map[string][]string{}}
	for _, c := range checks.All() {
		o.Checks[c.ID] = c
	}
	fws, err := frameworks.All()
	if err != nil {
		return o, withCode(ExitError, fmt.Errorf("loading the embedded frameworks: %w", err))
	}
	for id, refs := range frameworks.Reverse(fws) {
		for _, r := range refs {
			o.Controls[id] = append(o.Controls[id], r.String())
		}
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
