package checks

import (
	"fmt"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/exposure"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestOrganizationTrustAgrees holds the two answers to "is this
// organization trusted?" to one another: an AMI launch permission to an
// organization (or one of its OUs) is trusted exactly when the exposure
// package trusts a resource-policy grant to everyone fenced by
// aws:PrincipalOrgID to that organization.
func TestOrganizationTrustAgrees(t *testing.T) {
	const own, foreign, listed = "o-own1234567", "o-foreign9876", "o-partner5555"
	pols := map[string]*policy.Policy{
		"nil policy":            nil,
		"organization_id":       {OrganizationID: own},
		"trusted_organizations": {TrustedOrganizations: []string{listed}},
		"both":                  {OrganizationID: own, TrustedOrganizations: []string{listed}},
	}
	a := &state.Account{AccountID: "111122223333"}
	for name, p := range pols {
		for _, org := range []string{own, foreign, listed} {
			doc := fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":%q}}}]}`, org)
			v := exposure.Judge(doc, exposure.NewContext(a, p))
			policyTrusts := v.Level == exposure.SharedTrusted
			for _, arn := range []string{
				"arn:aws:organizations::999988887777:organization/" + org,
				"arn:aws:organizations::999988887777:ou/" + org + "/ou-ab12-cd34ef56",
			} {
				if got := trustedOrganizationARN(p, arn); got != policyTrusts {
					t.Errorf("%s, %s: launch permission trusted=%v, resource policy verdict %v", name, arn, got, v.Level)
				}
			}
		}
	}
}
