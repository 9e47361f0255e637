package org

import (
	"reflect"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// tree: Root{mgmt 100000000001, Workloads{Prod{200000000002, 200000000003 (suspended)}, Dev{300000000003}}, Sandbox{400000000004 (closed), 500000000005 (pending closure)}}
func testTree() *state.OrgTree {
	return &state.OrgTree{
		Roots: []state.OrgRoot{{ID: "r-ab12", Name: "Root"}},
		Units: []state.OrgUnit{
			{ID: "ou-ab12-work0001", Name: "Workloads", ParentID: "r-ab12"},
			{ID: "ou-ab12-prod0001", Name: "Prod", ParentID: "ou-ab12-work0001"},
			{ID: "ou-ab12-devv0001", Name: "Dev", ParentID: "ou-ab12-work0001"},
			{ID: "ou-ab12-sand0001", Name: "Sandbox", ParentID: "r-ab12"},
		},
		Accounts: []state.OrgAccount{
			{ID: "300000000003", Name: "dev", Status: "ACTIVE", ParentID: "ou-ab12-devv0001"},
			{ID: "100000000001", Name: "management", Status: "ACTIVE", ParentID: "r-ab12"},
			{ID: "200000000002", Name: "prod", Status: "ACTIVE", ParentID: "ou-ab12-prod0001"},
			{ID: "200000000003", Name: "prod-old", Status: "SUSPENDED", ParentID: "ou-ab12-prod0001"},
			{ID: "400000000004", Name: "sandbox-a", Status: "CLOSED", ParentID: "ou-ab12-sand0001"},
			{ID: "500000000005", Name: "sandbox-b", Status: "PENDING_CLOSURE", ParentID: "ou-ab12-sand0001"},
		},
	}
}

// TestSelect: which accounts each selection reads, skips (with which
// reason) and leaves out, in account-ID order.
func TestSelect(t *testing.T) {
	// read lists the read accounts, skip "ID:reason-fragment".
	for _, tc := range []struct {
		name       string
		sel        Selection
		read, skip []string
		err        string
	}{
		{name: "whole organization", sel: Selection{},
			read: []string{"100000000001", "200000000002", "300000000003"},
			skip: []string{"200000000003:SUSPENDED", "400000000004:CLOSED", "500000000005:PENDING_CLOSURE"}},
		{name: "nested OUs are included", sel: Selection{Units: []string{"ou-ab12-work0001"}},
			read: []string{"200000000002", "300000000003"}, skip: []string{"200000000003:SUSPENDED"}},
		{name: "one leaf OU", sel: Selection{Units: []string{"ou-ab12-devv0001"}}, read: []string{"300000000003"}},
		{name: "root ID is the whole tree", sel: Selection{Units: []string{"r-ab12"}},
			read: []string{"100000000001", "200000000002", "300000000003"},
			skip: []string{"200000000003:SUSPENDED", "400000000004:CLOSED", "500000000005:PENDING_CLOSURE"}},
		{name: "two OUs, overlapping", sel: Selection{Units: []string{"ou-ab12-prod0001", "ou-ab12-work0001"}},
			read: []string{"200000000002", "300000000003"}, skip: []string{"200000000003:SUSPENDED"}},
		{name: "only closed accounts", sel: Selection{Units: []string{"ou-ab12-sand0001"}},
			skip: []string{"400000000004:CLOSED", "500000000005:PENDING_CLOSURE"}},
		{name: "excluded account is listed as skipped", sel: Selection{Exclude: []string{"200000000002"}},
			read: []string{"100000000001", "300000000003"},
			skip: []string{"200000000002:--exclude-accounts", "200000000003:SUSPENDED", "400000000004:CLOSED", "500000000005:PENDING_CLOSURE"}},
		{name: "unknown OU", sel: Selection{Units: []string{"ou-ab12-nope0001"}}, err: "not an organizational unit"},
		{name: "bad OU syntax", sel: Selection{Units: []string{"ou-AB"}}, err: "want ou-"},
		{name: "an account is not an OU", sel: Selection{Units: []string{"200000000002"}}, err: "want ou-"},
		{name: "bad excluded ID", sel: Selection{Exclude: []string{"12345"}}, err: "want 12 digits"},
		{name: "excluded account not in the organization", sel: Selection{Exclude: []string{"999999999999"}}, err: "not an account of this organization"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Select(testTree(), tc.sel)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var read, skip []string
			for _, a := range got {
				if a.Skip == "" {
					read = append(read, a.ID)
					continue
				}
				skip = append(skip, a.ID+":"+a.Skip)
			}
			if !reflect.DeepEqual(read, tc.read) {
				t.Errorf("read %v, want %v", read, tc.read)
			}
			if len(skip) != len(tc.skip) {
				t.Fatalf("skipped %v, want %v", skip, tc.skip)
			}
			for i := range skip {
				id, frag, _ := strings.Cut(tc.skip[i], ":")
				if !strings.HasPrefix(skip[i], id+":") || !strings.Contains(skip[i], frag) {
					t.Errorf("skipped %q, want %s with %q", skip[i], id, frag)
				}
			}
		})
	}
}

// TestSelectCarriesNameAndPath: each selected account has its name and
// OU path from the tree.
func TestSelectCarriesNameAndPath(t *testing.T) {
	got, err := Select(testTree(), Selection{Units: []string{"ou-ab12-prod0001"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []Account{
		{ID: "200000000002", Name: "prod", Status: "ACTIVE", Path: "Root/Workloads/Prod"},
		{ID: "200000000003", Name: "prod-old", Status: "SUSPENDED", Path: "Root/Workloads/Prod", Skip: skipReason("SUSPENDED")},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestSelectEmptyTree(t *testing.T) {
	for _, tree := range []*state.OrgTree{nil, {}} {
		if _, err := Select(tree, Selection{}); err == nil || !strings.Contains(err.Error(), "no account") {
			t.Errorf("empty tree: %v", err)
		}
	}
}

func TestValidateIDs(t *testing.T) {
	for _, tc := range []struct {
		id      string
		account bool
		unit    bool
	}{
		{"111122223333", true, false},
		{"11112222333", false, false},
		{"1111222233334", false, false},
		{"11112222333a", false, false},
		{"", false, false},
		{"ou-ab12-cdef3456", false, true},
		{"ou-ab12-cdef345", false, false}, // second part under 8
		{"ou-ab1-cdef3456", false, false}, // first part under 4
		{"ou-AB12-cdef3456", false, false},
		{"r-ab12", false, true},
		{"r-AB12", false, false},
		{"ou-ab12-cdef3456/x", false, false},
	} {
		if got := ValidateAccountID(tc.id) == nil; got != tc.account {
			t.Errorf("ValidateAccountID(%q) ok=%v, want %v", tc.id, got, tc.account)
		}
		if got := ValidateUnitID(tc.id) == nil; got != tc.unit {
			t.Errorf("ValidateUnitID(%q) ok=%v, want %v", tc.id, got, tc.unit)
		}
	}
}
