package aws

import "testing"

// TestStubGaps3 reads what svc-gaps3 added where moto lacks it, from the
// stub endpoint: CodeBuild report groups with their export settings.
func TestStubGaps3(t *testing.T) {
	a := stubCollected(t).Account
	if len(a.CodeBuild.ReportGroups) != 2 {
		t.Fatalf("report groups = %+v", a.CodeBuild.ReportGroups)
	}
	cov, unit := a.CodeBuild.ReportGroups[0], a.CodeBuild.ReportGroups[1] // sorted by ARN
	eq(t, "unit arn", unit.ARN, "arn:aws:codebuild:eu-west-1:"+stubAccount+":report-group/unit")
	eq(t, "unit region", unit.Region, "eu-west-1")
	eq(t, "unit export", unit.ExportType, "S3")
	eq(t, "unit bucket", unit.ExportBucket, "results")
	if !unit.ExportEncryptionDisabled {
		t.Errorf("unit: encryption disabled not read: %+v", unit)
	}
	eq(t, "coverage type", cov.Type, "CODE_COVERAGE")
	eq(t, "coverage export", cov.ExportType, "NO_EXPORT")
}
