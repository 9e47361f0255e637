package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// codeBuildReportChecks are svc-gaps3's CodeBuild duty: report groups that
// export raw test results to S3 keep them encrypted (FSBP CodeBuild.7).
func codeBuildReportChecks() []check.Check {
	return []check.Check{{
		ID: "codebuild_report_group_export_encrypted",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "codebuild", []state.Input{state.InputCodeBuildReportGroups, state.InputCodeBuildReportGroupConfig},
				a.CodeBuild.ReportGroups, cbReportExportEncrypted)
		},
	}}
}

// cbReportExportEncrypted fails a report group exporting to S3 with
// encryption disabled; a group that exports nothing is not applicable.
func cbReportExportEncrypted(g state.CodeBuildReportGroup) check.Result {
	switch g.ExportType {
	case "NO_EXPORT":
		return check.NotApplicableR(g, "report group %s exports no raw results", g.Name)
	case "S3":
	default:
		return check.UnknownR(g, "report group %s: its export configuration was not reported", g.Name)
	}
	if g.ExportEncryptionDisabled {
		return check.FailR(g, "report group %s exports raw test results to s3://%s unencrypted", g.Name, g.ExportBucket)
	}
	key := g.ExportEncryptionKey
	if key == "" {
		key = "the AWS managed key for Amazon S3"
	}
	return check.PassR(g, "report group %s encrypts its exports to s3://%s with %s", g.Name, g.ExportBucket, key)
}
