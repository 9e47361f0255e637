package serve

import (
	"reflect"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/store"
)

func TestScopeFilter(t *testing.T) {
	for _, tc := range []struct {
		name   string
		sc     Scope
		asked  []string
		want   []string
		wantOK bool
	}{
		{"all, no account asked", AllAccounts(), nil, nil, true},
		{"all, one asked", AllAccounts(), []string{"b"}, []string{"b"}, true},
		{"limited, none asked: its own", OnlyAccounts("b", "a"), nil, []string{"a", "b"}, true},
		{"limited, own asked", OnlyAccounts("a", "b"), []string{"b"}, []string{"b"}, true},
		{"limited, other asked", OnlyAccounts("a"), []string{"c"}, nil, false},
		{"limited, mixed asked", OnlyAccounts("a"), []string{"c", "a"}, []string{"a"}, true},
		{"limited to nothing", OnlyAccounts(), nil, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := tc.sc.Filter(store.FindingFilter{Accounts: tc.asked, Statuses: []string{store.StatusOpen}})
			if ok != tc.wantOK || !reflect.DeepEqual(got.Accounts, tc.want) || len(got.Statuses) != 1 {
				t.Fatalf("Filter(%v) = %v, %v; want %v, %v (other fields kept)", tc.asked, got.Accounts, ok, tc.want, tc.wantOK)
			}
			for _, id := range got.Accounts {
				if !tc.sc.Allows(id) {
					t.Errorf("Filter kept %s, which Allows refuses", id)
				}
			}
		})
	}
}
