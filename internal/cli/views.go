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
// reportview.Options). A failure to load embedded data is a bug: exit 2.
func reportOptions(sel []check.Check, acct *state.Account, rep *engine.Report, pol *policy.Policy) (report.Options, error) {
	o, err := reportview.Options(Version, sel, acct, rep, pol)
	if err != nil {
		return o, withCode(ExitError, err)
	}
	return o, nil
}
