package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const dsAthenaARN = "arn:aws:athena:eu-west-1:" + testAccountID + ":workgroup/analysts"

// dsAthena adds workgroup "analysts" in eu-west-1, described: metrics on,
// results SSE_KMS under an enforced configuration; edited by mut.
func dsAthena(mut func(w *state.AthenaWorkGroup)) func(*state.Account) {
	return func(a *state.Account) {
		w := state.AthenaWorkGroup{Meta: state.Meta{ARN: dsAthenaARN, Region: "eu-west-1"}, Name: "analysts", State: "ENABLED", Described: true,
			PublishMetrics: true, Enforce: true, OutputLocation: "s3://results/analysts/", ResultEncryption: "SSE_KMS", ResultKMSKey: dsKeyARN}
		if mut != nil {
			mut(&w)
		}
		a.Athena.WorkGroups = append(a.Athena.WorkGroups, w)
	}
}

func athenaCases() map[string][]checkCase {
	c := func(name string, m func(*state.AthenaWorkGroup), want check.Status, msg string) checkCase {
		return checkCase{name: name, acct: baseAccount(dsAthena(m)), want: dsWant(want), msg: msg}
	}
	undescribed := func(w *state.AthenaWorkGroup) { w.Described, w.PublishMetrics, w.ResultEncryption = false, false, "" }
	common := []checkCase{
		c("not described", undescribed, dsU, "not reported"),
		{name: "configuration denied", acct: baseAccount(dsAthena(undescribed), dsGap("athena", "eu-west-1", "GetWorkGroup", dsAthenaARN)), want: dsWant(dsU)},
		{name: "listing denied", acct: baseAccount(dsAthena(nil), dsGap("athena", "eu-west-1", "ListWorkGroups", "")), want: dsWant(dsU)},
	}
	return map[string][]checkCase{
		"athena_workgroup_logging_enabled": append([]checkCase{
			c("metrics", nil, dsP, "publishes"),
			c("no metrics", func(w *state.AthenaWorkGroup) { w.PublishMetrics = false }, dsF, "no query metrics"),
		}, common...),
		"athena_workgroup_results_encrypted": append([]checkCase{
			c("kms enforced", nil, dsP, "SSE_KMS"),
			c("s3 enforced", func(w *state.AthenaWorkGroup) { w.ResultEncryption, w.ResultKMSKey = "SSE_S3", "" }, dsP, "SSE_S3"),
			c("not enforced", func(w *state.AthenaWorkGroup) { w.Enforce = false }, dsF, "may override"),
			c("clear", func(w *state.AthenaWorkGroup) { w.ResultEncryption, w.ResultKMSKey = "", "" }, dsF, "does not encrypt"),
		}, common...),
	}
}
