package reportview

import (
	"fmt"

	"github.com/shoulder-dev/shoulder/internal/datamap"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/responsibility"
	"github.com/shoulder-dev/shoulder/internal/state"
	"github.com/shoulder-dev/shoulder/internal/store"
)

// Kept is what a recorded scan keeps of the account besides its results,
// for the dashboard's account page (docs/store.md, "What is kept"): each
// service's usage (responsibility.Usages: what the duty matrix decides "in
// use" from, so responsibility.BuildWith rebuilds the matrix `shoulder
// matrix` prints) and the data map (datamap.Build under the account's
// policy, as `shoulder datamap`), without the scan's header (source,
// policy file, collection time), so an unchanged account costs the store
// nothing.
func Kept(acct *state.Account, pol *policy.Policy) (*store.AccountContext, error) {
	cat, err := responsibility.Load()
	if err != nil {
		return nil, fmt.Errorf("the responsibility catalog: %w", err)
	}
	m := datamap.Build(acct, pol)
	kept := &datamap.Map{AccountID: m.AccountID, AccountName: m.AccountName, AllowedRegions: m.AllowedRegions,
		Stores: m.Stores, Incomplete: m.Incomplete, Summary: m.Summary}
	return &store.AccountContext{Account: acct.AccountID, Usage: responsibility.Usages(cat, acct), DataMap: kept}, nil
}
