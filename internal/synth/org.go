package synth

import (
	"fmt"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// OrgID is the generated organization's ID.
const OrgID = "o-synth00001"

// OrgOptions size a generated organization: Accounts accounts (the first
// is the management account), each generated like Account with its own
// seed and ID.
type OrgOptions struct {
	Seed     uint64
	Accounts int
	Regions  []string
	// Resources is each account's approximate number of resources, unless
	// Mix says otherwise.
	Resources int
	// Mix, when set, gives account i its own number of resources (e.g. a
	// few large production accounts and many small sandboxes).
	Mix func(i int) int
}

// orgUnits are the generated OU tree's units; accounts after the
// management account are spread over them in turn.
var orgUnits = []state.OrgUnit{
	{ID: "ou-syn0-work", Name: "Workloads", ParentID: "r-syn0"},
	{ID: "ou-syn0-prod", Name: "Prod", ParentID: "ou-syn0-work"},
	{ID: "ou-syn0-dev", Name: "Dev", ParentID: "ou-syn0-work"},
	{ID: "ou-syn0-sbx", Name: "Sandbox", ParentID: "r-syn0"},
}

// OrgAccountID is the ID of the organization's account i (0 is the
// management account).
func OrgAccountID(i int) string { return fmt.Sprintf("%012d", 100000000000+i) }

// OrgAccountName is the name of account i in the organization.
func OrgAccountName(i int) string {
	if i == 0 {
		return "management"
	}
	return fmt.Sprintf("%s-%03d", orgUnits[1+(i-1)%3].Name, i)
}

// OrgTree is the generated organization's OU tree (Root, Workloads/Prod,
// Workloads/Dev, Sandbox) with every account: the management account in
// the root, the others in Prod, Dev and Sandbox in turn.
func OrgTree(o OrgOptions) *state.OrgTree {
	t := &state.OrgTree{Roots: []state.OrgRoot{{ID: "r-syn0", Name: "Root"}}, Units: append([]state.OrgUnit(nil), orgUnits...)}
	for i := 0; i < o.Accounts; i++ {
		parent := "r-syn0"
		if i > 0 {
			parent = orgUnits[1+(i-1)%3].ID
		}
		t.Accounts = append(t.Accounts, state.OrgAccount{ID: OrgAccountID(i), Name: OrgAccountName(i), Status: "ACTIVE", ParentID: parent})
	}
	return t
}

// OrgAccount generates the organization's account i. Accounts are built
// one at a time, so a test or benchmark over many holds one at a time; the
// same options and i give the same account. The management account's
// state holds the OU tree.
func OrgAccount(o OrgOptions, i int) *state.Account {
	n := o.Resources
	if o.Mix != nil {
		n = o.Mix(i)
	}
	id := OrgAccountID(i)
	a := Account(Options{Seed: o.Seed*1_000_003 + uint64(i), Regions: o.Regions, Resources: n, AccountID: id})
	a.Name, a.Alias = OrgAccountName(i), ""
	org := &state.Organization{ID: OrgID, MasterAccountID: OrgAccountID(0), IsManagementAccount: i == 0}
	if a.Organization != nil {
		org.SCPs = a.Organization.SCPs
	}
	if i == 0 {
		org.Tree = OrgTree(o)
	}
	a.Organization = org
	return a
}
