package serve

import (
	"context"
	"net/url"

	"github.com/shoulder-dev/shoulder/internal/store"
)

// What changed in an account's latest scan against the state before it
// (the lifecycles' events of that scan, store.ChangesIn): new, fixed,
// reopened, gone and other changes.

// maxChanges is how many changes the account page lists.
const maxChanges = 200

type changesView struct {
	Scan    int64
	Total   int
	Counts  map[string]int
	Kinds   []string
	Changes []changeView
}

type changeView struct {
	store.Change
	Title string
}

// accountLinks are an account's other pages.
type accountLinks struct {
	Frameworks, Waivers, Data string
}

func linksOf(id string) accountLinks {
	return accountLinks{Frameworks: "/frameworks?" + url.Values{"account": {id}}.Encode(), Waivers: "/waivers",
		Data: "/accounts/" + url.PathEscape(id) + "/data"}
}

// changes reads what scan changed in account's lifecycles.
func (s *Server) changes(ctx context.Context, scan store.ScanRow, account string) (*changesView, error) {
	cs, n, err := s.st.ChangesIn(ctx, scan.ID, account, maxChanges)
	if err != nil {
		return nil, err
	}
	v := &changesView{Scan: scan.ID, Total: n, Counts: map[string]int{},
		Kinds: store.ChangeKinds}
	for _, c := range cs {
		v.Counts[c.Kind]++
		v.Changes = append(v.Changes, changeView{Change: c, Title: s.meta.byID[c.Check].Title})
	}
	return v, nil
}
