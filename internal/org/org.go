// Package org chooses the accounts of an AWS Organization that one run
// reads: the whole organization (--org), the accounts under some OUs
// (--ous, nested OUs included), minus --exclude-accounts; accounts that are
// not active (suspended, pending closure, closed) are listed and skipped
// with the reason. It also holds the syntax rules for account and OU IDs
// that every flag naming one applies.
//
// It works on the tree that discovery read (state.OrgTree) and makes no
// call itself.
package org

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/state"
)

var (
	accountIDRe = regexp.MustCompile(`^[0-9]{12}$`)
	// ouIDRe and rootIDRe are Organizations' published ID patterns.
	ouIDRe   = regexp.MustCompile(`^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$`)
	rootIDRe = regexp.MustCompile(`^r-[0-9a-z]{4,32}$`)
)

// ValidateAccountID reports whether id is an AWS account ID (12 digits).
func ValidateAccountID(id string) error {
	if !accountIDRe.MatchString(id) {
		return fmt.Errorf("account ID %q: want 12 digits", id)
	}
	return nil
}

// ValidateUnitID reports whether id is an organizational unit ID
// (ou-xxxx-yyyyyyyy) or a root ID (r-xxxx), the targets --ous accepts.
func ValidateUnitID(id string) error {
	if ouIDRe.MatchString(id) || rootIDRe.MatchString(id) {
		return nil
	}
	return fmt.Errorf("OU ID %q: want ou- followed by 4-32 lowercase letters or digits, a dash and 8-32 more (e.g. ou-ab12-cdef3456), or a root ID r-xxxx", id)
}

// Status values of state.OrgAccount that are read.
const statusActive = "ACTIVE"

// Selection is what the flags ask for. The zero value selects every
// account of the organization.
type Selection struct {
	// Units limits the run to the accounts under these OUs or roots, at
	// any depth; empty means the whole organization.
	Units []string
	// Exclude lists accounts not to read (they are listed as skipped).
	Exclude []string
}

// Validate checks the IDs' syntax (not whether they exist).
func (s Selection) Validate() error {
	for _, u := range s.Units {
		if err := ValidateUnitID(u); err != nil {
			return fmt.Errorf("--ous: %w", err)
		}
	}
	for _, a := range s.Exclude {
		if err := ValidateAccountID(a); err != nil {
			return fmt.Errorf("--exclude-accounts: %w", err)
		}
	}
	return nil
}

// Account is one account of the selection, read or skipped.
type Account struct {
	ID     string
	Name   string
	Status string
	// Path is the OU path from the root ("Root/Workloads/Prod").
	Path string
	// Skip, when not empty, is why the account is not read.
	Skip string
}

// Select returns the accounts of tree that sel names, in account-ID order:
// those to read (Skip empty) and those listed but skipped with the reason
// (not active, excluded). It fails on bad IDs, an OU or an excluded account
// that is not in the tree, and an empty tree.
func Select(tree *state.OrgTree, sel Selection) ([]Account, error) {
	if err := sel.Validate(); err != nil {
		return nil, err
	}
	if tree == nil || len(tree.Accounts) == 0 {
		return nil, fmt.Errorf("the organization lists no account")
	}
	known := map[string]bool{}
	for _, r := range tree.Roots {
		known[r.ID] = true
	}
	for _, u := range tree.Units {
		known[u.ID] = true
	}
	under := map[string]bool{}
	for _, u := range sel.Units {
		if !known[u] {
			return nil, fmt.Errorf("--ous: %s is not an organizational unit or root of this organization (%s)", u, unitList(tree))
		}
		under[u] = true
	}
	excluded := map[string]bool{}
	for _, a := range sel.Exclude {
		if _, ok := tree.Account(a); !ok {
			return nil, fmt.Errorf("--exclude-accounts: %s is not an account of this organization", a)
		}
		excluded[a] = true
	}
	var out []Account
	for _, a := range tree.Accounts {
		if len(under) > 0 && !inUnits(tree, a.ID, under) {
			continue
		}
		acc := Account{ID: a.ID, Name: a.Name, Status: a.Status, Path: tree.Path(a.ID)}
		switch {
		case excluded[a.ID]:
			acc.Skip = "excluded by --exclude-accounts"
		case a.Status != statusActive:
			acc.Skip = skipReason(a.Status)
		}
		out = append(out, acc)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// inUnits reports whether account id sits under one of units, at any depth.
func inUnits(tree *state.OrgTree, id string, units map[string]bool) bool {
	for _, p := range tree.Ancestors(id) {
		if units[p] {
			return true
		}
	}
	return false
}

// skipReason says why an account that is not active is not read.
func skipReason(status string) string {
	switch status {
	case "SUSPENDED":
		return "account is SUSPENDED: AWS denies every call in it except support; nothing to read"
	case "PENDING_CLOSURE":
		return "account is PENDING_CLOSURE: it is being closed and cannot be read"
	case "CLOSED":
		return "account is CLOSED: it cannot be read"
	case "":
		return "account status unknown: Organizations did not say it is ACTIVE"
	}
	return "account is " + status + ", not ACTIVE"
}

// unitList names the tree's units for an error message (at most 10).
func unitList(tree *state.OrgTree) string {
	var ids []string
	for _, r := range tree.Roots {
		ids = append(ids, r.ID+" (root)")
	}
	for _, u := range tree.Units {
		ids = append(ids, u.ID+" ("+u.Name+")")
	}
	if len(ids) > 10 {
		ids = append(ids[:10], fmt.Sprintf("and %d more", len(ids)-10))
	}
	return "it has " + strings.Join(ids, ", ")
}
