package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// dataSyncChecks are the customer's duties on AWS DataSync (svc-mq): AWS
// runs the transfer service and its agents' control plane, but whether a
// task leaves a record in CloudWatch Logs of what it copied is the task
// owner's setting.
func dataSyncChecks() []check.Check {
	return []check.Check{{
		ID: "datasync_task_logging_enabled",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "datasync", []state.Input{state.InputDataSyncTasks}, a.DataSync.Tasks, func(t state.DataSyncTask) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputDataSyncTaskDetails, t.Region, t.ARN); ok {
					return check.GapR(t, g)
				}
				if !t.Described {
					return check.UnknownR(t, "task %s's settings were not reported", t.Name)
				}
				return dataSyncLogging(t)
			})
		},
	}}
}

// dataSyncLogging: FSBP DataSync.1, the task publishes logs to a
// CloudWatch log group (DataSyncTask.Logging: a group, and a level other
// than OFF).
func dataSyncLogging(t state.DataSyncTask) check.Result {
	switch {
	case t.LogGroupARN == "":
		return check.FailR(t, "task %s has no CloudWatch log group", t.Name)
	case !t.Logging():
		return check.FailR(t, "task %s names log group %s but its log level is OFF", t.Name, t.LogGroupARN)
	}
	return check.PassR(t, "task %s logs to %s (level %s)", t.Name, t.LogGroupARN, orUnreported(t.LogLevel))
}
