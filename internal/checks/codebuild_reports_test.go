package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// dsCBReports adds report group "unit" in eu-west-1 exporting to S3 under
// a customer managed key, edited by mut.
func dsCBReports(mut func(g *state.CodeBuildReportGroup)) func(*state.Account) {
	return func(a *state.Account) {
		g := state.CodeBuildReportGroup{Meta: state.Meta{ARN: "arn:aws:codebuild:eu-west-1:" + testAccountID + ":report-group/unit", Region: "eu-west-1"},
			Name: "unit", Type: "TEST", ExportType: "S3", ExportBucket: "test-results",
			ExportEncryptionKey: "arn:aws:kms:eu-west-1:" + testAccountID + ":key/1"}
		if mut != nil {
			mut(&g)
		}
		a.CodeBuild.ReportGroups = append(a.CodeBuild.ReportGroups, g)
	}
}

func codeBuildReportCases() map[string][]checkCase {
	c := func(name string, mut func(*state.CodeBuildReportGroup), msg string, want check.Status, more ...func(*state.Account)) checkCase {
		return checkCase{name: name, acct: baseAccount(append([]func(*state.Account){dsCBReports(mut)}, more...)...), want: dsWant(want), msg: msg}
	}
	return map[string][]checkCase{
		"codebuild_report_group_export_encrypted": {
			c("customer key", nil, "key/1", dsP),
			c("aws managed key", func(g *state.CodeBuildReportGroup) { g.ExportEncryptionKey = "" }, "AWS managed key", dsP),
			c("encryption disabled", func(g *state.CodeBuildReportGroup) { g.ExportEncryptionDisabled = true }, "unencrypted", dsF),
			c("no export", func(g *state.CodeBuildReportGroup) { g.ExportType, g.ExportBucket = "NO_EXPORT", "" }, "", dsNA),
			c("not described", func(g *state.CodeBuildReportGroup) { g.ExportType = "" }, "not reported", dsU),
			c("listing denied", nil, "", dsU, dsGap("codebuild", "eu-west-1", "ListReportGroups", "")),
			c("batch denied", nil, "", dsU, dsGap("codebuild", "eu-west-1", "BatchGetReportGroups", "")),
			{name: "listing denied elsewhere", acct: baseAccount(dsCBReports(nil), dsGap("codebuild", "us-east-1", "ListReportGroups", "")), want: dsWant(dsU, dsP)},
		},
	}
}
