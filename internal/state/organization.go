package state

import "strings"

// OrgAccount is one account of an AWS Organization as the management (or a
// delegated-administrator) account lists it.
type OrgAccount struct {
	ID    string `json:"id"`
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	// Status is Organizations' account state: ACTIVE, SUSPENDED,
	// PENDING_CLOSURE or CLOSED (the older Status field's values are mapped
	// onto these).
	Status string `json:"status"`
	// ParentID is the root (r-...) or organizational unit (ou-...) the
	// account sits in directly.
	ParentID string `json:"parent_id"`
}

// OrgUnit is one organizational unit of the OU tree.
type OrgUnit struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// ParentID is the root or OU the unit sits in.
	ParentID string `json:"parent_id"`
}

// OrgRoot is the root of the OU tree (an organization has one).
type OrgRoot struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

// OrgTree is the organization's structure: its roots, organizational
// units and accounts, each pointing at its parent. It is read once per
// organization run from the management or a delegated-administrator
// account; it is empty when the caller may not list it.
type OrgTree struct {
	Roots    []OrgRoot    `json:"roots,omitempty"`
	Units    []OrgUnit    `json:"units,omitempty"`
	Accounts []OrgAccount `json:"accounts,omitempty"`
}

// Account returns the account with the given ID.
func (t *OrgTree) Account(id string) (OrgAccount, bool) {
	if t == nil {
		return OrgAccount{}, false
	}
	for _, a := range t.Accounts {
		if a.ID == id {
			return a, true
		}
	}
	return OrgAccount{}, false
}

// Ancestors returns the IDs of the parents of a target (account or OU),
// nearest first, ending with the root: the targets whose attached policies
// (SCPs, backup and tag policies) apply to it. The result is nil when the
// target is not in the tree.
func (t *OrgTree) Ancestors(id string) []string {
	if t == nil {
		return nil
	}
	parent := map[string]string{}
	for _, a := range t.Accounts {
		parent[a.ID] = a.ParentID
	}
	for _, u := range t.Units {
		parent[u.ID] = u.ParentID
	}
	p, ok := parent[id]
	if !ok {
		return nil
	}
	var out []string
	for seen := map[string]bool{}; p != "" && !seen[p]; p = parent[p] {
		seen[p] = true
		out = append(out, p)
	}
	return out
}

// Path returns the names of the OUs from the root down to a target's
// parent, joined by "/" and starting with "Root" (for example
// "Root/Workloads/Prod"); empty when the target is not in the tree.
func (t *OrgTree) Path(id string) string {
	anc := t.Ancestors(id)
	if anc == nil {
		return ""
	}
	names := map[string]string{}
	for _, r := range t.Roots {
		names[r.ID] = "Root"
	}
	for _, u := range t.Units {
		names[u.ID] = u.Name
	}
	parts := make([]string, 0, len(anc))
	for i := len(anc) - 1; i >= 0; i-- {
		n := names[anc[i]]
		if n == "" {
			n = anc[i]
		}
		parts = append(parts, n)
	}
	return strings.Join(parts, "/")
}
