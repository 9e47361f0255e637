package checks

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const (
	trustRoleARN = "arn:aws:iam::" + testAccountID + ":role/app"
	// ghProvider is the account's GitHub Actions OIDC provider.
	ghProvider = "arn:aws:iam::" + testAccountID + ":oidc-provider/token.actions.githubusercontent.com"
)

// trustRole adds customer role "app" with trust policy doc.
func trustRole(doc string) func(*state.Account) {
	return func(a *state.Account) {
		a.IAM.Roles = append(a.IAM.Roles, state.Role{Meta: state.Meta{ARN: trustRoleARN}, Name: "app", AssumeRolePolicyDocument: doc})
	}
}

// trustDoc wraps statements in a policy document.
func trustDoc(stmts ...string) string {
	s := `{"Version":"2012-10-17","Statement":[`
	for i, st := range stmts {
		if i > 0 {
			s += ","
		}
		s += st
	}
	return s + "]}"
}

// Statements from the AWS documentation each case cites.
const (
	// Create a role to delegate permissions to an AWS service:
	// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-service.html
	trustEC2 = `{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}`
	// Secure API access with MFA:
	// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html
	trustOwnMFA = `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + testAccountID + `:root"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}`
	// How to use an external ID when granting access to your AWS resources
	// to a third party:
	// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html
	trustVendor       = `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"sts:AssumeRole"}`
	trustVendorWithID = `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"Unique-ID-12345"}}}`
	trustPartner      = `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole"}`
	// IAM JSON policy elements: Principal:
	// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
	trustAnyone = `{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}`
	trustOrg    = `{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-own1234567"}}}`
	// Configuring OpenID Connect in Amazon Web Services (GitHub Docs):
	// https://docs.github.com/en/actions/deployment/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
	trustGitHubAudOnly = `{"Effect":"Allow","Principal":{"Federated":"` + ghProvider + `"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}}`
	trustGitHubPinned  = `{"Effect":"Allow","Principal":{"Federated":"` + ghProvider + `"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:octo-org/octo-repo:ref:refs/heads/main"}}}`
	trustGitHubAnyRepo = `{"Effect":"Allow","Principal":{"Federated":"` + ghProvider + `"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:*"}}}`
	// Create a role for a third-party identity provider (SAML 2.0 federation):
	// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html
	trustSAML = `{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::` + testAccountID + `:saml-provider/Okta"},"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}`
)

func roleTrustCases() map[string][]checkCase {
	partnerTrusted := &policy.Policy{TrustedAccounts: []string{"444455556666"}}
	serviceLinked := func(a *state.Account) {
		a.IAM.Roles = append(a.IAM.Roles, state.Role{Meta: state.Meta{ARN: "arn:aws:iam::" + testAccountID + ":role/aws-service-role/x/AWSServiceRoleForX"},
			Name: "AWSServiceRoleForX", ServiceLinked: true, AssumeRolePolicyDocument: trustDoc(`{"Effect":"Allow","Principal":{"Service":"x.amazonaws.com"},"Action":"sts:AssumeRole"}`)})
	}
	// Common cases: every check answers unknown without the trust policy,
	// and not applicable where AWS owns the trust or there are no roles.
	common := []checkCase{
		{name: "iam denied", acct: baseAccount(trustRole(trustDoc(trustVendor)), dsGap("iam", "", "GetAccountAuthorizationDetails", "")), want: dsWant(dsU), msg: "GetAccountAuthorizationDetails"},
		{name: "trust policy not read", acct: baseAccount(trustRole("")), want: dsWant(dsU), msg: "not read"},
		{name: "garbled", acct: baseAccount(trustRole("{")), want: dsWant(dsU), msg: "could not be parsed"},
		{name: "wildcard account refused", acct: baseAccount(trustRole(trustDoc(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::*:root"},"Action":"sts:AssumeRole"}`))), want: dsWant(dsU), msg: "wildcard"},
		{name: "service-linked", acct: baseAccount(serviceLinked), want: dsWant(dsNA)},
		{name: "no roles", acct: baseAccount(), want: dsWant(dsNA)},
		{name: "service principal", acct: baseAccount(trustRole(trustDoc(trustEC2))), want: dsWant(dsP)},
		{name: "own account with MFA", acct: baseAccount(trustRole(trustDoc(trustOwnMFA))), want: dsWant(dsP)},
		{name: "own SAML provider", acct: baseAccount(trustRole(trustDoc(trustSAML))), want: dsWant(dsP)},
		{name: "GitHub aud and sub pinned", acct: baseAccount(trustRole(trustDoc(trustGitHubPinned))), want: dsWant(dsP)},
		{name: "own organization", acct: baseAccount(trustRole(trustDoc(trustOrg))), pol: &policy.Policy{OrganizationID: "o-own1234567"}, want: dsWant(dsP)},
	}
	with := func(cs ...checkCase) []checkCase { return append(append([]checkCase{}, common...), cs...) }
	return map[string][]checkCase{
		"iam_role_trust_not_public": with(
			checkCase{name: "everyone", acct: baseAccount(trustRole(trustDoc(trustAnyone))), want: dsWant(dsF), msg: "everyone"},
			checkCase{name: "GitHub aud only", acct: baseAccount(trustRole(trustDoc(trustGitHubAudOnly))), want: dsWant(dsF), msg: "token.actions.githubusercontent.com:sub"},
			checkCase{name: "GitHub any repository", acct: baseAccount(trustRole(trustDoc(trustGitHubAnyRepo))), want: dsWant(dsF), msg: "token.actions.githubusercontent.com:sub"},
			checkCase{name: "vendor is not everyone", acct: baseAccount(trustRole(trustDoc(trustVendor))), want: dsWant(dsP)},
		),
		"iam_role_trust_trusted_accounts": with(
			checkCase{name: "vendor untrusted", acct: baseAccount(trustRole(trustDoc(trustVendorWithID))), want: dsWant(dsF), msg: "999988887777"},
			checkCase{name: "partner trusted", acct: baseAccount(trustRole(trustDoc(trustPartner))), pol: partnerTrusted, want: dsWant(dsP)},
			checkCase{name: "partner not listed", acct: baseAccount(trustRole(trustDoc(trustPartner))), want: dsWant(dsF), msg: "444455556666"},
			checkCase{name: "foreign organization", acct: baseAccount(trustRole(trustDoc(trustOrg))), want: dsWant(dsF)},
		),
		"iam_role_trust_external_id": with(
			checkCase{name: "vendor without external ID", acct: baseAccount(trustRole(trustDoc(trustVendor))), want: dsWant(dsF), msg: "999988887777"},
			checkCase{name: "vendor with external ID", acct: baseAccount(trustRole(trustDoc(trustVendorWithID))), want: dsWant(dsP)},
			checkCase{name: "trusted partner needs none", acct: baseAccount(trustRole(trustDoc(trustPartner))), pol: partnerTrusted, want: dsWant(dsP)},
			checkCase{name: "GitHub OIDC is not an account", acct: baseAccount(trustRole(trustDoc(trustGitHubAudOnly))), want: dsWant(dsP)},
		),
	}
}

// trustShape is a shape of internal/exposure/testdata/trust.json.
type trustShape struct {
	corpusShape
	WantErr         bool `json:"want_error"`
	NeedsExternalID bool `json:"needs_external_id"`
}

// TestRoleTrustAgreement: on every shape of the trust corpus, put as a
// role's trust policy, the three trust checks give the verdict the shape
// names (the same reading as the data-store agreement test, agreeWant),
// and the external ID check fails exactly where the corpus says a grant
// lacks one.
func TestRoleTrustAgreement(t *testing.T) {
	data, err := os.ReadFile("../exposure/testdata/trust.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Shapes []trustShape `json:"shapes"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Shapes) < 50 {
		t.Fatalf("trust corpus holds %d shapes", len(f.Shapes))
	}
	by := ByID()
	scopes := map[string]exposureScope{"iam_role_trust_not_public": scopePublic, "iam_role_trust_trusted_accounts": scopeTrusted}
	for _, sh := range f.Shapes {
		a, p := baseAccount(trustRole(sh.doc())), sh.policyFile()
		for id, sc := range scopes {
			got, msg, ok := statusOn(t, by[id], a, p, trustRoleARN)
			if !ok {
				t.Fatalf("%s: %s gave no result", sh.Name, id)
			}
			if want, any := agreeWant(sh.Want, sc, id); !any && got != want {
				t.Errorf("%s: %s = %s, want %s (shape %s)\n%s", sh.Name, id, got, want, sh.Want, msg)
			} else if any && got == check.Unknown {
				t.Errorf("%s: %s = unknown on a readable shape\n%s", sh.Name, id, msg)
			}
		}
		want := check.Pass
		switch {
		case sh.Want == "unknown":
			want = check.Unknown
		case sh.NeedsExternalID:
			want = check.Fail
		}
		if got, msg, _ := statusOn(t, by["iam_role_trust_external_id"], a, p, trustRoleARN); got != want {
			t.Errorf("%s: iam_role_trust_external_id = %s, want %s\n%s", sh.Name, got, want, msg)
		}
	}
}
