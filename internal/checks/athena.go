package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// athenaChecks are the customer's duties on Amazon Athena (svc-glue): AWS
// runs the query engine, but whether a workgroup's queries leave metrics in
// CloudWatch and whether their results are encrypted are the workgroup
// owner's settings.
func athenaChecks() []check.Check {
	return []check.Check{athenaWorkGroupCheck("athena_workgroup_logging_enabled", athenaLogging),
		athenaWorkGroupCheck("athena_workgroup_results_encrypted", athenaResultsEncrypted)}
}

// athenaWorkGroupCheck judges every described workgroup with judge; a
// configuration that was not read is unknown with its gap.
func athenaWorkGroupCheck(id string, judge func(state.AthenaWorkGroup) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "athena", []state.Input{state.InputAthenaWorkGroups}, a.Athena.WorkGroups, func(w state.AthenaWorkGroup) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputAthenaWorkGroupConfig, w.Region, w.ARN); ok {
					return check.GapR(w, g)
				}
				if !w.Described {
					return check.UnknownR(w, "workgroup %s's configuration was not reported", w.Name)
				}
				return judge(w)
			})
		},
	}
}

// athenaLogging: FSBP Athena.4, the workgroup publishes query metrics to
// CloudWatch.
func athenaLogging(w state.AthenaWorkGroup) check.Result {
	if w.PublishMetrics {
		return check.PassR(w, "workgroup %s publishes query metrics to CloudWatch", w.Name)
	}
	return check.FailR(w, "workgroup %s publishes no query metrics to CloudWatch", w.Name)
}

// athenaResultsEncrypted: the workgroup encrypts query results and
// enforces it, so no client can write them in clear text.
func athenaResultsEncrypted(w state.AthenaWorkGroup) check.Result {
	switch {
	case w.ResultEncryption == "":
		return check.FailR(w, "workgroup %s does not encrypt query results", w.Name)
	case !w.Enforce:
		return check.FailR(w, "workgroup %s encrypts query results with %s but does not enforce its settings, so clients may override them", w.Name, w.ResultEncryption)
	}
	return check.PassR(w, "workgroup %s encrypts query results with %s and enforces its settings", w.Name, w.ResultEncryption)
}
