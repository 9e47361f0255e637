package state

import (
	"reflect"
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
