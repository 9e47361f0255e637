package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// Alpenglow's organization as its management account (100000000001) reads
// it: the demo account sits in Root/Workloads/Analytics. A baseline
// guardrail SCP is attached to the root, but the EU-only region deny only
// to the Regulated OU (the analytics account was never moved there); IAM's
// centralised root access has only root sessions on, so the member's own
// root credentials decide. The demo scans as a member, so its own reads of
// these facts are denied; the management account's facts are applied as
// an organization run does (state.OrgFactsOf, Account.ApplyOrgFacts).
const (
	mgmtAccountID  = "100000000001"
	orgRootID      = "r-alpg"
	ouWorkloads    = "ou-alpg-workload"
	ouAnalytics    = "ou-alpg-analytic"
	ouRegulated    = "ou-alpg-regulate"
	ouSecurity     = "ou-alpg-security"
	ouDev          = "ou-alpg-devtest1"
	ouSandbox      = "ou-alpg-sandbox1"
	securityAcctID = "100000000002"
)

// managementOrganization is the organization as the management account
// reads it: one tree and one set of policies for the demo account's
// applied facts (orgFacts) and the --demo-org management account
// (BuildOrg).
func managementOrganization() *state.Organization {
	pol := func(kind, id, name, doc string, targets ...string) state.SCP {
		return state.SCP{Meta: state.Meta{ARN: "arn:aws:organizations::" + mgmtAccountID + ":policy/" + OrgID + "/" + kind + "/" + id}, ID: id, Name: name, Document: doc, Targets: targets}
	}
	org := &state.Organization{ID: OrgID, MasterAccountID: mgmtAccountID, IsManagementAccount: true,
		Tree: &state.OrgTree{
			Roots: []state.OrgRoot{{ID: orgRootID, Name: "Root"}},
			Units: []state.OrgUnit{
				{ID: ouWorkloads, Name: "Workloads", ParentID: orgRootID},
				{ID: ouAnalytics, Name: "Analytics", ParentID: ouWorkloads},
				{ID: ouRegulated, Name: "Regulated", ParentID: ouWorkloads},
				{ID: ouSecurity, Name: "Security", ParentID: orgRootID},
				{ID: ouDev, Name: "Dev", ParentID: ouWorkloads},
				{ID: ouSandbox, Name: "Sandbox", ParentID: orgRootID},
			},
			Accounts: []state.OrgAccount{
				{ID: mgmtAccountID, Name: "alpenglow-management", Status: "ACTIVE", ParentID: orgRootID},
				{ID: securityAcctID, Name: "alpenglow-security", Status: "ACTIVE", ParentID: ouSecurity},
				{ID: AccountID, Name: "alpenglow-prod", Status: "ACTIVE", ParentID: ouAnalytics},
				{ID: DevAccount, Name: "alpenglow-dev", Status: "ACTIVE", ParentID: ouDev},
				{ID: SandboxAccount, Name: "alpenglow-sandbox", Status: "ACTIVE", ParentID: ouSandbox},
			},
		},
		SCPs: []state.SCP{
			pol("service_control_policy", "p-FullAWSAccess", "FullAWSAccess", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`, orgRootID),
			pol("service_control_policy", "p-baseline01", "baseline-guardrails", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["organizations:LeaveOrganization","cloudtrail:StopLogging","cloudtrail:DeleteTrail","guardduty:DeleteDetector"],"Resource":"*"}]}`, orgRootID),
			pol("service_control_policy", "p-euonly01", "eu-only", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotAction":["iam:*","organizations:*","sts:*","support:*","cloudfront:*","route53:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-central-1","eu-west-1"]}}}]}`, ouRegulated),
		},
		BackupPolicies:  []state.SCP{pol("backup_policy", "p-backup01", "daily-eu-backups", `{"plans":{"daily":{"regions":{"@@assign":["eu-central-1"]}}}}`, ouRegulated)},
		TagPolicies:     []state.SCP{pol("tag_policy", "p-tags0001", "data-classification", `{"tags":{"data-classification":{"tag_key":{"@@assign":"data-classification"}}}}`, orgRootID)},
		TrustedServices: []string{state.PrincipalGuardDuty, state.PrincipalSecurityHub, state.PrincipalConfig, "cloudtrail.amazonaws.com", "iam.amazonaws.com"},
		DelegatedAdmins: []state.DelegatedAdmin{{AccountID: securityAcctID, Name: "alpenglow-security", ServicePrincipals: []string{state.PrincipalGuardDuty, state.PrincipalSecurityHub}}},
		IAMFeatures:     []string{state.OrgFeatureRootSessions},
	}
	return org
}

// managementGuardDuty is the management account's GuardDuty organization
// configuration.
func managementGuardDuty() []state.GuardDutyOrgConfig {
	return []state.GuardDutyOrgConfig{{Region: "eu-central-1", DetectorID: "gd-mgmt-eu-central-1", AutoEnable: "NEW"}}
}

func (x *b) orgFacts() {
	mgmt := &state.Account{AccountID: mgmtAccountID, Partition: "aws", CollectedAt: Now, Organization: managementOrganization()}
	mgmt.GuardDuty.OrgConfigs = managementGuardDuty()
	if err := x.a.ApplyOrgFacts(state.OrgFactsOf(mgmt)); err != nil {
		panic(err) // the builder's own organization: a bug if it does not match
	}

	// As a member, the demo's own reads of the org-wide facts are denied.
	deny := func(service, region, op, res, msg string) {
		x.a.Gaps.Add(state.Gap{Service: service, Region: region, Operation: op, Resource: res, Reason: state.ReasonAccessDenied, Message: msg})
	}
	deny("organizations", "", "ListDelegatedAdministrators", "", "AccessDeniedException: only the management account or a delegated administrator can list delegated administrators")
	deny("organizations", "", "ListAWSServiceAccessForOrganization", "", "AccessDeniedException: only the management account or a delegated administrator can list trusted services")
	deny("iam", "", "ListOrganizationsFeatures", "", "AccessDenied: member accounts cannot list the organization's IAM features")
	for _, d := range x.a.GuardDuty.Detectors {
		deny("guardduty", d.Region, "DescribeOrganizationConfiguration", d.ARN, "BadRequestException: the current account is not the GuardDuty delegated administrator")
	}
	for _, h := range x.a.SecurityHub.Hubs {
		deny("securityhub", h.Region, "DescribeOrganizationConfiguration", "", "AccessDeniedException: the account is not the Security Hub administrator")
	}
}
