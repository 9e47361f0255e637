package checks

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// analyzerEvidence answers from IAM Access Analyzer's bulk findings whether
// a resource of the account in region can be reached from outside the
// account. covered is true when an active ACCOUNT analyzer of the region
// had its findings read, so that the absence of a finding means no access
// from outside the account; an ORGANIZATION analyzer stays silent about
// sharing inside the organization, which the policy may not trust, so it
// covers nothing (its findings still count). found are the active findings
// that match the resource.
func analyzerEvidence(a *state.Account, region string, match func(state.AnalyzerFinding) bool) (analyzer string, found []state.AnalyzerFinding, covered bool) {
	read := map[string]bool{}
	for _, an := range a.IAM.AccessAnalyzers {
		if an.Region != region || !an.External() || an.Status != "ACTIVE" {
			continue
		}
		if _, gap := a.Gaps.ForInput(state.InputAccessAnalyzerFindings, region, an.ARN); gap {
			continue
		}
		read[an.ARN] = true
		if an.Type == "ACCOUNT" && !covered {
			analyzer, covered = an.Name, true
		}
	}
	for _, f := range a.IAM.AnalyzerFindings {
		if read[f.Analyzer] && f.Status == "ACTIVE" && match(f) {
			found = append(found, f)
		}
	}
	return analyzer, found, covered
}

// snapshotFinding matches Access Analyzer findings on EBS snapshot id
// (their ARNs carry the account, the state's do not).
func snapshotFinding(id string) func(state.AnalyzerFinding) bool {
	return func(f state.AnalyzerFinding) bool {
		return f.ResourceType == "AWS::EC2::Snapshot" && strings.HasSuffix(f.Resource, ":snapshot/"+id)
	}
}
