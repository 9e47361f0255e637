package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// withFacts builds the management account's state with mutate (its
// organization, trails, analyzers, gaps), extracts its org facts and
// applies them to the account under test, as an organization run does.
func withFacts(mutate ...func(*state.Account)) func(*state.Account) {
	return func(a *state.Account) {
		mgmt := &state.Account{AccountID: "100000000001", Partition: "aws", CollectedAt: testTime, Regions: a.Regions}
		for _, m := range mutate {
			m(mgmt)
		}
		if mgmt.Organization != nil {
			mgmt.Organization.IsManagementAccount = true
			mgmt.Organization.MasterAccountID = mgmt.AccountID
		}
		if err := a.ApplyOrgFacts(state.OrgFactsOf(mgmt)); err != nil {
			panic(err)
		}
	}
}

// orgFactsCases: the org-aware verdicts, with the management account's
// facts applied (pass from present facts, fail, unknown where they were
// not read), and the organization checks.
func orgFactsCases() map[string][]checkCase {
	const mgmtID = "100000000001"
	member := func(a *state.Account) {
		a.Organization = &state.Organization{ID: "o-abcdefghij", MasterAccountID: mgmtID}
	}
	mgmtOrg := func(mut ...func(o *state.Organization)) func(*state.Account) {
		return func(a *state.Account) {
			a.Organization = &state.Organization{ID: "o-abcdefghij", MasterAccountID: a.AccountID, IsManagementAccount: true}
			for _, m := range mut {
				m(a.Organization)
			}
		}
	}
	tree := func(parent string) func(o *state.Organization) {
		return func(o *state.Organization) {
			o.Tree = &state.OrgTree{Roots: []state.OrgRoot{{ID: "r-ab12"}},
				Units: []state.OrgUnit{{ID: "ou-ab12-prod0001", Name: "Workloads", ParentID: "r-ab12"}, {ID: "ou-ab12-prodeu01", Name: "Prod", ParentID: "ou-ab12-prod0001"},
					{ID: "ou-ab12-sandbox1", Name: "Sandbox", ParentID: "r-ab12"}},
				Accounts: []state.OrgAccount{{ID: testAccountID, Status: "ACTIVE", ParentID: parent}, {ID: mgmtID, Status: "ACTIVE", ParentID: "r-ab12"}}}
		}
	}
	scp := func(name, doc string, targets ...string) func(o *state.Organization) {
		return func(o *state.Organization) {
			o.SCPs = append(o.SCPs, state.SCP{Meta: state.Meta{ARN: "arn:aws:organizations::" + mgmtID + ":policy/o-abcdefghij/service_control_policy/p-" + name},
				ID: "p-" + name, Name: name, Document: doc, Targets: targets})
		}
	}
	full := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	guard := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["organizations:LeaveOrganization","cloudtrail:StopLogging"],"Resource":"*"}]}`
	orgTrail := func(logging bool) func(*state.Account) {
		return func(a *state.Account) {
			a.CloudTrail.Trails = append(a.CloudTrail.Trails, state.Trail{Meta: state.Meta{ARN: "arn:aws:cloudtrail:eu-west-1:" + mgmtID + ":trail/org", Region: "eu-west-1"},
				Name: "org", HomeRegion: "eu-west-1", IsMultiRegion: true, IsOrganization: true, OwnerAccountID: mgmtID, IsLogging: logging,
				LogFileValidation: true, ManagementEvents: true, ReadWriteType: "All", S3Bucket: "org-trail-logs"})
		}
	}
	gdOrg := func(auto string) func(*state.Account) {
		return func(a *state.Account) {
			for _, r := range []string{"eu-west-1", "us-east-1"} {
				a.GuardDuty.OrgConfigs = append(a.GuardDuty.OrgConfigs, state.GuardDutyOrgConfig{Region: r, DetectorID: "gd-" + r, AutoEnable: auto})
			}
		}
	}
	orgAnalyzer := func(a *state.Account) {
		for _, r := range []string{"eu-west-1", "us-east-1"} {
			a.IAM.AccessAnalyzers = append(a.IAM.AccessAnalyzers, state.Analyzer{Meta: state.Meta{ARN: "arn:aws:access-analyzer:" + r + ":" + mgmtID + ":analyzer/org", Region: r}, Name: "org", Type: "ORGANIZATION", Status: "ACTIVE"})
		}
	}
	denied := func(service, op string) func(*state.Account) {
		return withGap(state.Gap{Service: service, Operation: op, Reason: state.ReasonAccessDenied})
	}
	rootRow := func(password, key bool) func(*state.Account) {
		return func(a *state.Account) {
			a.IAM.CredentialReport = append(a.IAM.CredentialReport, state.CredentialReportRow{User: state.RootUserName, ARN: "arn:aws:iam::" + a.AccountID + ":root", PasswordEnabled: password, AccessKey1Active: key})
		}
	}
	features := func(fs ...string) func(o *state.Organization) {
		return func(o *state.Organization) { o.IAMFeatures = fs }
	}
	admins := func(ds ...state.DelegatedAdmin) func(o *state.Organization) {
		return func(o *state.Organization) { o.DelegatedAdmins = ds }
	}
	all := []string{state.PrincipalGuardDuty, state.PrincipalSecurityHub, state.PrincipalConfig, state.PrincipalAccessAnalyzer, state.PrincipalMacie, state.PrincipalInspector}
	ous := &policy.Policy{OrganizationOUs: []string{"ou-ab12-prod0001"}}
	P, F, U, NA := check.Pass, check.Fail, check.Unknown, check.NotApplicable
	six := func(s check.Status) []check.Status { return []check.Status{s, s, s, s, s, s} }
	bucket := func(name string) func(*state.Account) {
		return func(a *state.Account) {
			a.S3.Buckets = append(a.S3.Buckets, state.Bucket{Meta: state.Meta{ARN: "arn:aws:s3:::" + name, Region: "eu-west-1"}, Name: name})
		}
	}
	return map[string][]checkCase{
		"cloudtrail_multi_region_enabled": {
			{name: "member covered by the organization trail", acct: baseAccount(member, withFacts(mgmtOrg(), orgTrail(true))), want: []check.Status{P}, msg: "read from account " + mgmtID},
			{name: "member, organization trail stopped", acct: baseAccount(member, withFacts(mgmtOrg(), orgTrail(false))), want: []check.Status{F}},
			{name: "member, trails unread, organization trail status unread", acct: baseAccount(member, denied("cloudtrail", "DescribeTrails"),
				withFacts(mgmtOrg(), orgTrail(true), denied("cloudtrail", "GetTrailStatus"))), want: []check.Status{U}},
		},
		"guardduty_enabled": {
			{name: "member unread, organization auto-enables all", acct: baseAccount(member, denied("guardduty", "ListDetectors"), withFacts(mgmtOrg(), gdOrg("ALL"))), want: []check.Status{P, P}, msg: "AutoEnableOrganizationMembers ALL"},
			{name: "member unread, organization auto-enables new accounts only", acct: baseAccount(member, denied("guardduty", "ListDetectors"), withFacts(mgmtOrg(), gdOrg("NEW"))), want: []check.Status{U, U}},
			{name: "member without a detector despite auto-enable", acct: baseAccount(member, withFacts(mgmtOrg(), gdOrg("ALL"))), want: []check.Status{F, F}, msg: "not enrolled"},
		},
		"accessanalyzer_enabled": {
			{name: "member covered by an organization analyzer", acct: baseAccount(member, withFacts(mgmtOrg(), orgAnalyzer)), want: []check.Status{P, P}, msg: "organization analyzer org"},
			{name: "member listing denied, organization analyzer", acct: baseAccount(member, denied("access-analyzer", "ListAnalyzers"), withFacts(mgmtOrg(), orgAnalyzer)), want: []check.Status{P, P}},
			{name: "member listing denied, facts without analyzers", acct: baseAccount(member, denied("access-analyzer", "ListAnalyzers"), withFacts(mgmtOrg())), want: []check.Status{U, U}},
		},
		"organizations_scp_effective": {
			{name: "guardrail on the account's OU", acct: baseAccount(member, withFacts(mgmtOrg(tree("ou-ab12-prodeu01"), scp("full", full, "r-ab12"), scp("guard", guard, "ou-ab12-prod0001")))), want: []check.Status{P}, msg: "SCP guard"},
			{name: "only FullAWSAccess", acct: baseAccount(member, withFacts(mgmtOrg(tree("ou-ab12-prodeu01"), scp("full", full, "r-ab12")))), want: []check.Status{F}, msg: "only full-access"},
			{name: "guardrail on another OU", acct: baseAccount(member, withFacts(mgmtOrg(tree("ou-ab12-sandbox1"), scp("full", full, "r-ab12"), scp("guard", guard, "ou-ab12-prod0001")))), want: []check.Status{F}},
			{name: "guardrail on an OU, tree not read", acct: baseAccount(member, withFacts(mgmtOrg(scp("guard", guard, "ou-ab12-prod0001")))), want: []check.Status{U}, msg: "OU tree"},
			{name: "member without facts", acct: baseAccount(member, denied("organizations", "ListPolicies")), want: []check.Status{U}},
			{name: "facts with SCP documents denied", acct: baseAccount(member, withFacts(mgmtOrg(tree("ou-ab12-prodeu01"), scp("guard", guard, "r-ab12")), denied("organizations", "DescribePolicy"))), want: []check.Status{U}},
			{name: "management account", acct: baseAccount(mgmtOrg()), want: []check.Status{NA}, msg: "never apply"},
			{name: "standalone", acct: baseAccount(), want: []check.Status{NA}},
		},
		"organizations_management_account_no_workloads": {
			{name: "only the trail bucket", acct: baseAccount(mgmtOrg(), orgTrail(true), bucket("org-trail-logs")), want: []check.Status{P}},
			{name: "a data bucket", acct: baseAccount(mgmtOrg(), orgTrail(true), bucket("org-trail-logs"), bucket("customer-exports")), want: []check.Status{F}, msg: "bucket customer-exports"},
			{name: "seven data buckets: the first five in order, the rest counted", acct: baseAccount(mgmtOrg(), orgTrail(true), bucket("org-trail-logs"),
				bucket("g"), bucket("c"), bucket("e"), bucket("a"), bucket("f"), bucket("b"), bucket("d")), want: []check.Status{F},
				msg: "workloads: bucket a (eu-west-1), bucket b (eu-west-1), bucket c (eu-west-1), bucket d (eu-west-1), bucket e (eu-west-1) and 2 more"},
			{name: "instances unread", acct: baseAccount(mgmtOrg(), withGap(state.Gap{Service: "ec2", Region: "us-east-1", Operation: "DescribeInstances", Reason: state.ReasonAccessDenied})), want: []check.Status{U}},
			{name: "member", acct: baseAccount(member, bucket("data")), want: []check.Status{NA}, msg: "member"},
		},
		"organizations_member_root_centralized": {
			{name: "centralised root access on", acct: baseAccount(member, withFacts(mgmtOrg(features(state.OrgFeatureRootCredentials, state.OrgFeatureRootSessions)))), want: []check.Status{P}, msg: "RootSessions"},
			{name: "centralised but root keeps a password", acct: baseAccount(member, rootRow(true, false), withFacts(mgmtOrg(features(state.OrgFeatureRootCredentials)))), want: []check.Status{F}, msg: "still has a password"},
			{name: "off, root without credentials", acct: baseAccount(member, rootRow(false, false), withFacts(mgmtOrg())), want: []check.Status{P}},
			{name: "off, root with keys", acct: baseAccount(member, rootRow(false, true), withFacts(mgmtOrg())), want: []check.Status{F}, msg: "access keys"},
			{name: "features and report unread", acct: baseAccount(member, denied("iam", "ListOrganizationsFeatures"), denied("iam", "GetCredentialReport")), want: []check.Status{U}},
			{name: "management account", acct: baseAccount(mgmtOrg()), want: []check.Status{NA}},
		},
		"organizations_account_in_policy_ou": {
			{name: "in a child of the named OU", acct: baseAccount(member, withFacts(mgmtOrg(tree("ou-ab12-prodeu01")))), pol: ous, want: []check.Status{P}, msg: "Root/Workloads/Prod"},
			{name: "in the sandbox", acct: baseAccount(member, withFacts(mgmtOrg(tree("ou-ab12-sandbox1")))), pol: ous, want: []check.Status{F}, msg: "Root/Sandbox"},
			{name: "tree not read", acct: baseAccount(member), pol: ous, want: []check.Status{U}},
			{name: "membership unread", acct: baseAccount(denied("organizations", "DescribeOrganization")), pol: ous, want: []check.Status{U}},
			{name: "policy names no OU", acct: baseAccount(member), want: []check.Status{NA}},
		},
		"organizations_security_delegated_admins": {
			{name: "security account administers all", acct: baseAccount(mgmtOrg(admins(state.DelegatedAdmin{AccountID: "222233334444", ServicePrincipals: all}))), want: six(P)},
			{name: "management administers GuardDuty, nothing else", acct: baseAccount(mgmtOrg(admins(state.DelegatedAdmin{AccountID: testAccountID, ServicePrincipals: []string{state.PrincipalGuardDuty}}))), want: six(F), msg: "management account itself"},
			{name: "listing denied", acct: baseAccount(mgmtOrg(), denied("organizations", "ListDelegatedAdministrators")), want: six(U)},
			{name: "services of the admin unread", acct: baseAccount(mgmtOrg(admins(state.DelegatedAdmin{AccountID: "222233334444"})), denied("organizations", "ListDelegatedServicesForAccount")), want: six(U)},
			{name: "member", acct: baseAccount(member), want: []check.Status{NA}},
		},
	}
}
