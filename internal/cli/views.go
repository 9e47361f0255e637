package cli

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/report"
	"github.com/shoulder-dev/shoulder/internal/reportview"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// reportOptions gathers what the renderers need besides the report (see
// reportview.Options); with views false only the check metadata
// (reportview.Meta), for renderers that read no views. A failure to load
// embedded data is a bug: exit 2.
func reportOptions(sel []check.Check, acct *state.Account, rep *engine.Report, pol *policy.Policy, views bool) (report.Options, error) {
	var o report.Options
	var err error
	if views {
		o, err = reportview.Options(Version, sel, acct, rep, pol)
	} else {
		o, err = reportview.Meta(Version)
	}
	if err != nil {
		return o, withCode(ExitError, err)
	}
	return o, nil
}
