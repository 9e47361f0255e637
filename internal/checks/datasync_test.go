package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const dsDataSyncARN = "arn:aws:datasync:eu-west-1:" + testAccountID + ":task/task-0123456789abcdef0"

// dsDataSync adds task "nightly-copy" in eu-west-1, described, logging
// transfers to a CloudWatch log group; edited by mut.
func dsDataSync(mut func(t *state.DataSyncTask)) func(*state.Account) {
	return func(a *state.Account) {
		t := state.DataSyncTask{Meta: state.Meta{ARN: dsDataSyncARN, Region: "eu-west-1"}, Name: "nightly-copy", Status: "AVAILABLE", TaskMode: "BASIC",
			Described: true, LogGroupARN: "arn:aws:logs:eu-west-1:" + testAccountID + ":log-group:/aws/datasync", LogLevel: "TRANSFER"}
		if mut != nil {
			mut(&t)
		}
		a.DataSync.Tasks = append(a.DataSync.Tasks, t)
	}
}

func dataSyncCases() map[string][]checkCase {
	c := func(name string, m func(*state.DataSyncTask), want check.Status, msg string) checkCase {
		return checkCase{name: name, acct: baseAccount(dsDataSync(m)), want: dsWant(want), msg: msg}
	}
	undescribed := func(t *state.DataSyncTask) { t.Described, t.LogGroupARN, t.LogLevel = false, "", "" }
	return map[string][]checkCase{
		"datasync_task_logging_enabled": {
			c("transfer level", nil, dsP, "level TRANSFER"),
			c("basic level", func(t *state.DataSyncTask) { t.LogLevel = "BASIC" }, dsP, "level BASIC"),
			c("no log group", func(t *state.DataSyncTask) { t.LogGroupARN, t.LogLevel = "", "OFF" }, dsF, "no CloudWatch log group"),
			c("log group, level off", func(t *state.DataSyncTask) { t.LogLevel = "OFF" }, dsF, "log level is OFF"),
			c("not described", undescribed, dsU, "not reported"),
			{name: "description denied", acct: baseAccount(dsDataSync(undescribed), dsGap("datasync", "eu-west-1", "DescribeTask", dsDataSyncARN)), want: dsWant(dsU), msg: "DescribeTask"},
			{name: "listing denied", acct: baseAccount(dsDataSync(nil), dsGap("datasync", "eu-west-1", "ListTasks", "")), want: dsWant(dsU)},
			{name: "listing denied elsewhere", acct: baseAccount(dsDataSync(nil), dsGap("datasync", "us-east-1", "ListTasks", "")), want: dsWant(dsU, dsP)},
		},
	}
}
