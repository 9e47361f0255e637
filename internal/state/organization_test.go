package state

import (
	"reflect"
	"strings"
	"testing"
)

func TestOrgTreeAncestorsAndPath(t *testing.T) {
	tree := &OrgTree{
		Roots: []OrgRoot{{ID: "r-ab12"}},
		Units: []OrgUnit{
			{ID: "ou-ab12-work", Name: "Workloads", ParentID: "r-ab12"},
			{ID: "ou-ab12-prod", Name: "Prod", ParentID: "ou-ab12-work"},
		},
		Accounts: []OrgAccount{
			{ID: "111122223333", ParentID: "ou-ab12-prod", Status: "ACTIVE"},
			{ID: "444455556666", ParentID: "r-ab12", Status: "SUSPENDED"},
		},
	}
	cases := []struct {
		id   string
		anc  []string
		path string
	}{
		{"111122223333", []string{"ou-ab12-prod", "ou-ab12-work", "r-ab12"}, "Root/Workloads/Prod"},
		{"444455556666", []string{"r-ab12"}, "Root"},
		{"ou-ab12-prod", []string{"ou-ab12-work", "r-ab12"}, "Root/Workloads"},
		{"999999999999", nil, ""},
	}
	for _, c := range cases {
		if got := tree.Ancestors(c.id); !reflect.DeepEqual(got, c.anc) {
			t.Errorf("Ancestors(%s) = %v, want %v", c.id, got, c.anc)
		}
		if got := tree.Path(c.id); got != c.path {
			t.Errorf("Path(%s) = %q, want %q", c.id, got, c.path)
		}
	}
	if _, ok := tree.Account("444455556666"); !ok {
		t.Error("Account did not find a listed account")
	}
	var nilTree *OrgTree
	if nilTree.Ancestors("111122223333") != nil || nilTree.Path("x") != "" {
		t.Error("a nil tree must answer nothing")
	}
	// A cycle (malformed snapshot) must not loop forever.
	cyc := &OrgTree{Units: []OrgUnit{{ID: "ou-a", ParentID: "ou-b"}, {ID: "ou-b", ParentID: "ou-a"}}}
	if got := cyc.Ancestors("ou-a"); len(got) != 2 {
		t.Errorf("cycle: Ancestors = %v", got)
	}
}

func TestOrgTreeAppliesTo(t *testing.T) {
	tree := &OrgTree{
		Roots:    []OrgRoot{{ID: "r-ab12"}},
		Units:    []OrgUnit{{ID: "ou-ab12-work", ParentID: "r-ab12"}, {ID: "ou-ab12-prod", ParentID: "ou-ab12-work"}, {ID: "ou-ab12-sand", ParentID: "r-ab12"}},
		Accounts: []OrgAccount{{ID: "111122223333", ParentID: "ou-ab12-prod"}},
	}
	for _, c := range []struct {
		name           string
		tree           *OrgTree
		targets        []string
		applies, known bool
	}{
		{"on the root", tree, []string{"r-ab12"}, true, true},
		{"on the account", tree, []string{"111122223333"}, true, true},
		{"on an OU two levels up", tree, []string{"ou-ab12-work"}, true, true},
		{"on a sibling OU", tree, []string{"ou-ab12-sand"}, false, true},
		{"on another account", tree, []string{"444455556666"}, false, true},
		{"nowhere", tree, nil, false, true},
		{"on an OU, no tree", nil, []string{"ou-ab12-work"}, false, false},
		{"on the root, no tree", nil, []string{"r-ab12"}, true, true},
		{"on another account, no tree", nil, []string{"444455556666"}, false, true},
	} {
		applies, known := c.tree.AppliesTo(c.targets, "111122223333")
		if applies != c.applies || known != c.known {
			t.Errorf("%s: AppliesTo = %v, %v; want %v, %v", c.name, applies, known, c.applies, c.known)
		}
	}
}

// TestOrgFacts: the facts carry the organization, the organization trails
// and analyzers only, the regional org settings, and the source account's
// gaps on those reads (no others); applying them to a member of another
// organization is refused.
func TestOrgFacts(t *testing.T) {
	if OrgFactsOf(&Account{AccountID: "100000000001"}) != nil {
		t.Error("facts of an account outside an organization")
	}
	src := &Account{AccountID: "100000000001", Organization: &Organization{ID: "o-abcdefghij", MasterAccountID: "100000000001", IAMFeatures: []string{OrgFeatureRootSessions}}}
	src.CloudTrail.Trails = []Trail{{Name: "org", IsOrganization: true}, {Name: "local"}}
	src.IAM.AccessAnalyzers = []Analyzer{{Name: "org", Type: "ORGANIZATION"}, {Name: "acct", Type: "ACCOUNT"}}
	src.GuardDuty.OrgConfigs = []GuardDutyOrgConfig{{Region: "eu-west-1", AutoEnable: "ALL"}}
	src.Gaps.Add(Gap{Service: "organizations", Operation: "DescribePolicy", Resource: "arn:p", Reason: ReasonAccessDenied})
	src.Gaps.Add(Gap{Service: "s3", Operation: "GetBucketPolicy", Resource: "arn:aws:s3:::b", Reason: ReasonAccessDenied})
	f := OrgFactsOf(src)
	if len(f.Trails) != 1 || f.Trails[0].Name != "org" || len(f.Analyzers) != 1 || f.Analyzers[0].Name != "org" || len(f.GuardDuty) != 1 {
		t.Errorf("facts = %+v", f)
	}
	if !f.Organization.HasIAMFeature(OrgFeatureRootSessions) || f.Organization.HasIAMFeature(OrgFeatureRootCredentials) {
		t.Errorf("features = %v", f.Organization.IAMFeatures)
	}
	if _, ok := f.Gaps.ForInput(InputSCPDocuments, "", "arn:p"); !ok {
		t.Error("the SCP document gap did not travel with the facts")
	}
	if f.Gaps.Len() != 1 {
		t.Errorf("facts carry %d gaps, want only the organization one: %v", f.Gaps.Len(), f.Gaps.All())
	}
	member := &Account{AccountID: "111122223333", Organization: &Organization{ID: "o-abcdefghij"}}
	if err := member.ApplyOrgFacts(f); err != nil || member.OrgFacts != f {
		t.Errorf("ApplyOrgFacts = %v", err)
	}
	other := &Account{AccountID: "111122223333", Organization: &Organization{ID: "o-zzzzzzzzzz"}}
	if err := other.ApplyOrgFacts(f); err == nil || other.OrgFacts != nil {
		t.Error("facts of another organization were applied")
	}
}

// TestMergeOrgFacts: facts read from the caller (a delegated
// administrator that could not list the policies) and from the management
// account (not GuardDuty's administrator: its organization configuration
// refused) join: the policies are the management account's, GuardDuty's
// configuration the caller's, the organization trail the copy read
// without a gap; a fact neither read (Security Hub's configuration) keeps
// its gap; neither input changes; another organization's facts are refused.
func TestMergeOrgFacts(t *testing.T) {
	trail := Trail{Meta: Meta{ARN: "arn:aws:cloudtrail:us-east-1:111111111111:trail/org", Region: "us-east-1"}, Name: "org", HomeRegion: "us-east-1", IsOrganization: true}
	caller := &OrgFacts{SourceAccountID: "222222222222",
		Organization: Organization{ID: "o-1", MasterAccountID: "111111111111"},
		GuardDuty:    []GuardDutyOrgConfig{{Region: "eu-west-1", DetectorID: "d1", AutoEnable: "ALL"}},
		Trails:       []Trail{trail},
		Gaps: NewGaps(
			Gap{Service: "organizations", Operation: "ListPolicies", Reason: ReasonAccessDenied},
			Gap{Service: "cloudtrail", Region: "us-east-1", Operation: "GetTrailStatus", Resource: trail.ARN, Reason: ReasonAccessDenied},
			Gap{Service: "securityhub", Region: "eu-west-1", Operation: "DescribeOrganizationConfiguration", Reason: ReasonAccessDenied},
		)}
	logging := trail
	logging.IsLogging = true
	mgmt := &OrgFacts{SourceAccountID: "111111111111",
		Organization: Organization{ID: "o-1", MasterAccountID: "111111111111", IsManagementAccount: true,
			SCPs: []SCP{{ID: "p-1", Name: "deny-regions"}}, DelegatedAdmins: []DelegatedAdmin{{AccountID: "222222222222"}}},
		Trails: []Trail{logging},
		Gaps: NewGaps(
			Gap{Service: "guardduty", Region: "eu-west-1", Operation: "DescribeOrganizationConfiguration", Resource: "arn:aws:guardduty:eu-west-1:111111111111:detector/d0", Reason: ReasonAccessDenied},
			Gap{Service: "securityhub", Region: "eu-west-1", Operation: "DescribeOrganizationConfiguration", Reason: ReasonAccessDenied},
		)}
	m, err := MergeOrgFacts(caller, mgmt)
	if err != nil {
		t.Fatal(err)
	}
	if m.SourceAccountID != "222222222222" || strings.Join(m.Sources, ",") != "222222222222,111111111111" {
		t.Errorf("sources: %s %v", m.SourceAccountID, m.Sources)
	}
	if len(m.Organization.SCPs) != 1 || len(m.Organization.DelegatedAdmins) != 0 {
		t.Errorf("policies %v (want the management account's), delegated admins %v (the caller read none without a gap: its own)", m.Organization.SCPs, m.Organization.DelegatedAdmins)
	}
	if _, gap := m.Gaps.ForInput(InputSCPs, "", ""); gap {
		t.Error("the policies the management account read are still a gap")
	}
	if len(m.GuardDuty) != 1 || m.GuardDuty[0].AutoEnable != "ALL" {
		t.Errorf("GuardDuty: %+v", m.GuardDuty)
	}
	if len(m.Trails) != 1 || !m.Trails[0].IsLogging {
		t.Errorf("trails: %+v, want the management account's copy (status read)", m.Trails)
	}
	if _, gap := m.Gaps.ForInputs("us-east-1", trail.ARN, InputCloudTrailStatus); gap {
		t.Error("the trail status the management account read is still a gap")
	}
	if _, gap := m.Gaps.ForInput(InputSecurityHubOrgConfig, "eu-west-1", ""); !gap {
		t.Error("Security Hub's configuration, read by neither, is no longer a gap")
	}
	if len(caller.Organization.SCPs) != 0 || caller.Trails[0].IsLogging || len(caller.Sources) != 0 {
		t.Error("the merge changed its input")
	}
	other := &OrgFacts{SourceAccountID: "333333333333", Organization: Organization{ID: "o-2"}}
	if _, err := MergeOrgFacts(caller, other); err == nil {
		t.Error("facts of another organization were merged")
	}
	if got, _ := MergeOrgFacts(nil, mgmt); got != mgmt {
		t.Error("merging into no facts is not the other facts")
	}
}
