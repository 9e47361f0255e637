package store

import (
	"context"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
)

// TestAccountOUPaths: each account's OU path is its latest covering
// scan's (a later scan that moved it wins); an account scanned outside an
// organization has none.
func TestAccountOUPaths(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			s := open(t, b.dsn(t))
			ctx := context.Background()
			record := func(acct, ou string) {
				t.Helper()
				rep := &engine.Report{AccountID: acct, RegionsScanned: []string{"eu-west-1"}, ChecksRun: []string{"c"},
					Results: []engine.Finding{{Result: check.Result{CheckID: "c", Status: check.Fail, Region: "eu-west-1", Resource: "r"},
						AccountID: acct, OUPath: ou}}}
				if _, err := s.Record(ctx, FromReport(rep, Meta{Who: "t"})); err != nil {
					t.Fatal(err)
				}
			}
			record("111111111111", "Root/Prod")
			record("222222222222", "Root/Dev")
			record("111111111111", "Root/Workloads/Prod")
			record("333333333333", "")
			got, err := s.AccountOUPaths(ctx)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]string{"111111111111": "Root/Workloads/Prod", "222222222222": "Root/Dev"}
			if len(got) != len(want) {
				t.Errorf("got %v, want %v", got, want)
			}
			for a, p := range want {
				if got[a] != p {
					t.Errorf("%s: %q, want %q", a, got[a], p)
				}
			}
		})
	}
}
