package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// groupKey names a FindingGroup.
func groupKey(g FindingGroup) string {
	return fmt.Sprintf("%q|%q|%q|%v|%q|%q", g.Check, g.Account, g.Region, g.Present, g.Status, g.Severity)
}

// widen extends the range r with t (a zero t leaves it; a zero r takes t).
func widen(r [2]time.Time, t time.Time) [2]time.Time {
	switch {
	case t.IsZero():
	case r[0].IsZero():
		r = [2]time.Time{t, t}
	case t.Before(r[0]):
		r[0] = t
	case t.After(r[1]):
		r[1] = t
	}
	return r
}

// TestEachFindingGroupAgrees: the groups EachFindingGroup reads are the
// findings EachFinding lists, grouped in Go by check, account, region,
// presence, status and severity, and FindingTimes their first-seen and
// resolved ranges, on both backends and for several filters; a page is
// refused.
func TestEachFindingGroupAgrees(t *testing.T) {
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			s := open(t, be.dsn(t))
			ctx := context.Background()
			rng := rand.New(rand.NewPCG(7, 7))
			day := time.Date(2026, 1, 1, 6, 0, 0, 0, time.UTC)
			a, b := synthScan(600, 1, "111122223333"), synthScan(300, 2, "444455556666")
			for d := 0; d < 6; d++ {
				for _, sc := range []*Scan{a, b} {
					churn(sc, rng, 0.1, d)
					sc.RecordedAt = day.AddDate(0, 0, d)
					if _, err := s.Record(ctx, sc); err != nil {
						t.Fatal(err)
					}
				}
				if d == 2 {
					a.Results = a.Results[:500] // the rest is gone from then on
				}
			}
			for i, f := range []FindingFilter{
				{},
				{Statuses: []string{StatusGone}},
				{Statuses: []string{"fail", StatusOpen}, Severities: []string{"high", "critical"}},
				{Accounts: []string{"444455556666"}, FirstSeenSince: day.AddDate(0, 0, 2)},
				{Accounts: []string{"999999999999"}},
			} {
				want := map[string]FindingGroup{}
				var first, res [2]time.Time
				resolved := 0
				if err := s.EachFinding(ctx, f, func(r FindingRow) error {
					g := FindingGroup{Check: r.Check, Account: r.Account, Region: r.Region, Present: r.Present,
						Status: r.Status, Severity: r.Severity}
					want[groupKey(g)] = g
					first = widen(first, r.FirstSeen)
					res = widen(res, r.Resolved)
					if !r.Resolved.IsZero() {
						resolved++
					}
					return nil
				}); err != nil {
					t.Fatal(err)
				}
				got := map[string]FindingGroup{}
				if err := s.EachFindingGroup(ctx, f, func(g FindingGroup) error {
					if _, dup := got[groupKey(g)]; dup {
						t.Errorf("filter %d: group %+v twice", i, g)
					}
					got[groupKey(g)] = g
					return nil
				}); err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("filter %d: %d groups, want %d", i, len(got), len(want))
				}
				gotFirst, gotRes, err := s.FindingTimes(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				if gotFirst != first || gotRes != res {
					t.Errorf("filter %d: times %v %v, want %v %v", i, gotFirst, gotRes, first, res)
				}
				if i == 0 && (len(want) < 50 || resolved == 0) {
					t.Fatalf("the history is too plain to test: %d groups, %d resolved", len(want), resolved)
				}
			}
			if err := s.EachFindingGroup(ctx, FindingFilter{Limit: 10}, func(FindingGroup) error { return nil }); err == nil {
				t.Error("a page was grouped")
			}
			if _, _, err := s.FindingTimes(ctx, FindingFilter{Offset: 10}); err == nil {
				t.Error("a page's times were read")
			}
		})
	}
}
