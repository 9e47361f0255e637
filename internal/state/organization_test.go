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
