package checks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/iampolicy"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func organizationChecks() []check.Check {
	return []check.Check{
		organizationsAccountInPolicyOrg(),
		organizationsSCPEffective(),
		organizationsManagementNoWorkloads(),
		organizationsMemberRootCentralized(),
		organizationsAccountInPolicyOU(),
		organizationsSecurityDelegatedAdmins(),
	}
}

func organizationsAccountInPolicyOrg() check.Check {
	return check.Check{
		ID: "organizations_account_in_policy_org",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			ref := accountRef(a)
			if p == nil || p.OrganizationID == "" {
				return []check.Result{check.NotApplicableR(ref, "the policy names no organization: set organization_id in shoulder.yaml")}
			}
			if g, ok := a.Gaps.ForInputs("", "", state.InputOrganization); ok {
				return []check.Result{check.GapR(ref, g)}
			}
			switch {
			case a.Organization == nil:
				return []check.Result{check.FailR(ref, "the account is not a member of any organization; the policy expects %s", p.OrganizationID)}
			case a.Organization.ID != p.OrganizationID:
				return []check.Result{check.FailR(ref, "the account is a member of %s, not of %s as the policy says", a.Organization.ID, p.OrganizationID)}
			}
			return []check.Result{check.PassR(ref, "the account is a member of %s", p.OrganizationID)}
		},
	}
}

// orgMissing answers for an account whose organization is unknown: a gap
// when membership could not be read, else not applicable (standalone).
func orgMissing(a *state.Account) []check.Result {
	if g, ok := a.Gaps.ForInputs("", "", state.InputOrganization); ok {
		return []check.Result{check.GapR(accountRef(a), g)}
	}
	return []check.Result{check.NotApplicableR(accountRef(a), "the account is not in an AWS organization")}
}

// fullAccessOnly reports whether an SCP document only allows everything
// (AWS's FullAWSAccess or a copy of it): attached alone, it restricts
// nothing. An unparsable document is not judged full access.
func fullAccessOnly(doc string) bool {
	pol, err := iampolicy.Parse(doc)
	if err != nil || len(pol.Statements) == 0 {
		return false
	}
	for _, st := range pol.Statements {
		if st.Effect != iampolicy.Allow || st.NotAction != nil || len(st.Condition) > 0 {
			return false
		}
		all := false
		for _, x := range st.Action {
			all = all || x == "*"
		}
		if !all {
			return false
		}
	}
	return true
}

func organizationsSCPEffective() check.Check {
	return check.Check{
		ID: "organizations_scp_effective",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			ref := accountRef(a)
			v := orgView(a)
			if v.org == nil {
				return orgMissing(a)
			}
			if isManagement(a) {
				return []check.Result{check.NotApplicableR(ref, "SCPs never apply to the management account (organizations_management_account_no_workloads keeps it empty)")}
			}
			if g, ok := v.gaps.ForInputs("", "", state.InputSCPs); ok {
				return []check.Result{check.GapR(ref, g)}
			}
			var unread *state.Gap
			var unplaced string
			for _, scp := range v.org.SCPs {
				if g, ok := v.gaps.ForInputs("", scp.ARN, state.InputSCPDocuments, state.InputSCPTargets); ok {
					if unread == nil {
						unread = &g
					}
					continue
				}
				if fullAccessOnly(scp.Document) {
					continue
				}
				applies, known := v.org.Tree.AppliesTo(scp.Targets, a.AccountID)
				switch {
				case !known:
					unplaced = scp.Name
				case applies:
					return []check.Result{check.PassR(ref, "SCP %s (%s), attached to %s, restricts the account%s", scp.Name, scp.ID, strings.Join(scp.Targets, ", "), v.from())}
				}
			}
			switch {
			case unread != nil:
				return []check.Result{check.GapR(ref, *unread)}
			case unplaced != "":
				return []check.Result{check.UnknownR(ref, "SCP %s is attached to an organizational unit, and the OU tree that would place this account under it was not read", unplaced)}
			case len(v.org.SCPs) == 0 && !v.applied:
				return []check.Result{check.UnknownR(ref, "SCPs were not read: a member account cannot list them; scan from the management account or a delegated administrator")}
			}
			return []check.Result{check.FailR(ref, "only full-access SCPs (FullAWSAccess) apply to the account: no guardrail restricts it%s", v.from())}
		},
	}
}

// logBuckets returns the buckets that receive logs (CloudTrail trails,
// Config delivery channels, S3 server access logs): the only buckets a
// management account should hold.
func logBuckets(a *state.Account) map[string]bool {
	out := map[string]bool{}
	for _, t := range a.CloudTrail.Trails {
		out[t.S3Bucket] = true
	}
	for _, d := range a.Config.DeliveryChannels {
		out[d.S3Bucket] = true
	}
	for _, b := range a.S3.Buckets {
		if b.Logging != nil {
			out[b.Logging.TargetBucket] = true
		}
	}
	delete(out, "")
	return out
}

func organizationsManagementNoWorkloads() check.Check {
	return check.Check{
		ID: "organizations_management_account_no_workloads",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			ref := accountRef(a)
			if a.Organization == nil && a.OrgFacts == nil {
				return orgMissing(a)
			}
			if !isManagement(a) {
				return []check.Result{check.NotApplicableR(ref, "the account is a member; the check judges the organization's management account")}
			}
			// The message names the first five workloads in order and
			// counts the rest: only those five are kept (rendering and
			// sorting every resource of the account was 47 MB at 1M
			// resources, for one result).
			const named = 5
			var first []string // sorted, at most named
			var found int
			var buf []byte
			add := func(kind, name, region string) {
				found++
				buf = append(append(append(append(append(append(buf[:0], kind...), ' '), name...), " ("...), region...), ')')
				if len(first) == named && string(buf) >= first[named-1] {
					return
				}
				w := string(buf)
				i, _ := slices.BinarySearch(first, w)
				first = slices.Insert(first, i, w)
				if len(first) > named {
					first = first[:named]
				}
			}
			for _, in := range a.EC2.Instances {
				if in.State != "terminated" && in.State != "shutting-down" {
					add("instance", in.ID, in.Region)
				}
			}
			for _, d := range a.RDS.Instances {
				add("database", d.ID, d.Region)
			}
			for _, d := range a.RDS.Clusters {
				add("cluster", d.ID, d.Region)
			}
			for _, f := range a.Lambda.Functions {
				add("function", f.Name, f.Region)
			}
			for _, c := range a.Redshift.Clusters {
				add("Redshift cluster", c.ID, c.Region)
			}
			for _, t := range a.DynamoDB.Tables {
				add("table", t.Name, t.Region)
			}
			for _, f := range a.EFS.FileSystems {
				add("file system", f.ID, f.Region)
			}
			logs := logBuckets(a)
			for _, b := range a.S3.Buckets {
				if !logs[b.Name] {
					add("bucket", b.Name, b.Region)
				}
			}
			if found > 0 {
				more := ""
				if found > named {
					more = fmt.Sprintf(" and %d more", found-named)
				}
				return []check.Result{check.FailR(ref, "the management account holds workloads: %s%s", strings.Join(first, ", "), more)}
			}
			ins := []state.Input{state.InputS3Buckets, state.InputCloudTrailTrails, state.InputConfigDeliveryChannels, state.InputS3BucketLogging}
			if g, ok := a.Gaps.ForInputs("", "", ins...); ok {
				return []check.Result{check.GapR(ref, g)}
			}
			regional := []state.Input{state.InputEC2Instances, state.InputRDSInstances, state.InputRDSClusters, state.InputLambdaFunctions,
				state.InputRedshiftClusters, state.InputDynamoDBTables, state.InputEFSFileSystems}
			for _, r := range a.ScannedRegions() {
				if g, ok := a.Gaps.ForInputs(r, "", regional...); ok {
					return []check.Result{check.GapR(ref, g)}
				}
			}
			return []check.Result{check.PassR(ref, "no instances, databases, functions, tables, file systems or non-log buckets in the %d scanned regions", len(a.ScannedRegions()))}
		},
	}
}

func organizationsMemberRootCentralized() check.Check {
	return check.Check{
		ID: "organizations_member_root_centralized",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			ref := accountRef(a)
			v := orgView(a)
			if v.org == nil {
				return orgMissing(a)
			}
			if isManagement(a) {
				return []check.Result{check.NotApplicableR(ref, "centralised root access covers member accounts; the management account's root is judged by the root user checks")}
			}
			root, haveRoot := a.IAM.Root()
			_, reportGap := a.Gaps.ForInputs("", "", state.InputIAMCredentialReport)
			creds := haveRoot && !reportGap && (root.PasswordEnabled || root.AccessKey1Active || root.AccessKey2Active)
			if v.org.HasIAMFeature(state.OrgFeatureRootCredentials) {
				if creds {
					return []check.Result{check.FailR(ref, "centralised root credentials management is on%s, but this account's root still has %s: delete them", v.from(), rootCreds(root))}
				}
				feats := state.OrgFeatureRootCredentials
				if v.org.HasIAMFeature(state.OrgFeatureRootSessions) {
					feats += " and " + state.OrgFeatureRootSessions
				}
				return []check.Result{check.PassR(ref, "centralised root access (%s) is on for member accounts%s", feats, v.from())}
			}
			featGap, featUnread := v.gaps.ForInputs("", "", state.InputIAMOrgFeatures)
			switch {
			case reportGap || !haveRoot:
				if featUnread {
					return []check.Result{check.GapR(ref, featGap)}
				}
				if g, ok := a.Gaps.ForInputs("", "", state.InputIAMCredentialReport); ok {
					return []check.Result{check.GapR(ref, g)}
				}
				return []check.Result{check.UnknownR(ref, "the credential report has no root row, and centralised root access is off")}
			case creds:
				why := "centralised root credentials management is off"
				if featUnread {
					why = "centralised root access could not be read"
				}
				return []check.Result{check.FailR(ref, "%s and the member's root user has %s", why, rootCreds(root))}
			}
			return []check.Result{check.PassR(ref, "the member's root user has no password and no access keys")}
		},
	}
}

func rootCreds(r state.CredentialReportRow) string {
	var out []string
	if r.PasswordEnabled {
		out = append(out, "a password")
	}
	if r.AccessKey1Active || r.AccessKey2Active {
		out = append(out, "active access keys")
	}
	return strings.Join(out, " and ")
}

func organizationsAccountInPolicyOU() check.Check {
	return check.Check{
		ID: "organizations_account_in_policy_ou",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			ref := accountRef(a)
			if p == nil || len(p.OrganizationOUs) == 0 {
				return []check.Result{check.NotApplicableR(ref, "the policy names no organizational units: set organization_ous in shoulder.yaml")}
			}
			v := orgView(a)
			if v.org == nil {
				if g, ok := a.Gaps.ForInputs("", "", state.InputOrganization); ok {
					return []check.Result{check.GapR(ref, g)}
				}
				return []check.Result{check.FailR(ref, "the account is not in an organization; the policy expects it in %s", strings.Join(p.OrganizationOUs, ", "))}
			}
			anc := v.org.Tree.Ancestors(a.AccountID)
			if anc == nil {
				return []check.Result{check.UnknownR(ref, "the organization's OU tree was not read (or does not list the account): scan from the management account or a delegated administrator")}
			}
			want := map[string]bool{}
			for _, ou := range p.OrganizationOUs {
				want[ou] = true
			}
			for _, x := range anc {
				if want[x] {
					return []check.Result{check.PassR(ref, "the account sits in %s, under %s%s", v.org.Tree.Path(a.AccountID), x, v.from())}
				}
			}
			return []check.Result{check.FailR(ref, "the account sits in %s (%s), outside the OUs the policy names (%s)", v.org.Tree.Path(a.AccountID), anc[0], strings.Join(p.OrganizationOUs, ", "))}
		},
	}
}

// securityServices are the services whose organization-wide
// administration belongs in a delegated administrator account.
var securityServices = []struct{ principal, name string }{
	{state.PrincipalGuardDuty, "GuardDuty"},
	{state.PrincipalSecurityHub, "Security Hub"},
	{state.PrincipalConfig, "AWS Config"},
	{state.PrincipalAccessAnalyzer, "IAM Access Analyzer"},
	{state.PrincipalMacie, "Macie"},
	{state.PrincipalInspector, "Inspector"},
}

func organizationsSecurityDelegatedAdmins() check.Check {
	return check.Check{
		ID: "organizations_security_delegated_admins",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			if a.Organization == nil {
				return orgMissing(a)
			}
			if !isManagement(a) {
				return []check.Result{check.NotApplicableR(accountRef(a), "the organization's delegated administrators are judged in the management account's scan (%s)", a.Organization.MasterAccountID)}
			}
			o := a.Organization
			out := make([]check.Result, 0, len(securityServices))
			ref := func(principal string) state.Meta {
				return check.Ref(a.ARNPrefix()+"organizations::"+a.AccountID+":organization/"+o.ID+"/delegated-administrator/"+principal, "")
			}
			listGap, unlisted := a.Gaps.ForInputs("", "", state.InputOrgDelegatedAdmins)
			for _, svc := range securityServices {
				if unlisted {
					out = append(out, check.GapR(ref(svc.principal), listGap))
					continue
				}
				var admin string
				var unread *state.Gap
				for _, d := range o.DelegatedAdmins {
					arn := a.ARNPrefix() + "organizations::" + o.MasterAccountID + ":account/" + o.ID + "/" + d.AccountID
					if g, ok := a.Gaps.ForInputs("", arn, state.InputOrgDelegatedServices); ok {
						if unread == nil {
							unread = &g
						}
						continue
					}
					for _, sp := range d.ServicePrincipals {
						if sp == svc.principal {
							admin = d.AccountID
						}
					}
				}
				switch {
				case admin == a.AccountID:
					out = append(out, check.FailR(ref(svc.principal), "the management account itself is %s's delegated administrator: move it to a security tooling account", svc.name))
				case admin != "":
					out = append(out, check.PassR(ref(svc.principal), "%s is administered by delegated administrator %s", svc.name, admin))
				case unread != nil:
					out = append(out, check.GapR(ref(svc.principal), *unread))
				default:
					out = append(out, check.FailR(ref(svc.principal), "%s has no delegated administrator", svc.name))
				}
			}
			return out
		},
	}
}
