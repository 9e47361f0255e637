package synth

import (
	"strings"
	"testing"
)

// TestOrgAccounts: each generated account has its own ID in its ARNs, is a
// member of the one organization, and sits where the tree says.
func TestOrgAccounts(t *testing.T) {
	o := OrgOptions{Seed: 3, Accounts: 5, Resources: 300, Mix: func(i int) int { return 200 + 100*i }}
	tree := OrgTree(o)
	wantPath := []string{"Root", "Root/Workloads/Prod", "Root/Workloads/Dev", "Root/Sandbox", "Root/Workloads/Prod"}
	seen := map[string]bool{}
	for i := 0; i < o.Accounts; i++ {
		a := OrgAccount(o, i)
		id := OrgAccountID(i)
		if a.AccountID != id || seen[id] {
			t.Fatalf("account %d: ID %s (want %s, once)", i, a.AccountID, id)
		}
		seen[id] = true
		if a.Organization == nil || a.Organization.ID != OrgID || a.Organization.IsManagementAccount != (i == 0) || (a.Organization.Tree != nil) != (i == 0) {
			t.Errorf("account %d: organization %+v", i, a.Organization)
		}
		if got := tree.Path(id); got != wantPath[i] {
			t.Errorf("account %d: OU path %q, want %q", i, got, wantPath[i])
		}
		for _, u := range a.IAM.Users {
			if !strings.Contains(u.ARN, ":"+id+":") {
				t.Fatalf("account %d: user ARN %s names another account", i, u.ARN)
			}
		}
		if n := Count(a); n < o.Mix(i)/2 {
			t.Errorf("account %d: %d resources, want about %d (the mix)", i, n, o.Mix(i))
		}
	}
	if a, b := OrgAccount(o, 2), OrgAccount(o, 2); Count(a) != Count(b) || len(a.IAM.Users) != len(b.IAM.Users) {
		t.Error("the same options and index must give the same account")
	}
}
