package store

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"
	"time"
)

// brief is r as EachFindingBrief reads it: the fields a table shows.
func brief(r FindingRow) FindingRow {
	return FindingRow{Key: r.Key, State: State{Present: r.Present, Status: r.Status, Severity: r.Severity},
		FirstSeen: r.FirstSeen, Resolved: r.Resolved}
}

// TestEachFindingBriefAgrees: EachFindingBrief lists the rows EachFinding
// lists, in the same order, with the fields a table shows equal and the
// rest zero, on both backends, for filters, sorts and pages; its bad
// input is refused alike and an error from fn stops it.
func TestEachFindingBriefAgrees(t *testing.T) {
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
				{Sort: SortSeverity},
				{Sort: SortFirstSeen, Limit: 40, Offset: 100},
				{Sort: SortCheck, Offset: 850},
				{Statuses: []string{StatusGone}},
				{Statuses: []string{"fail", StatusOpen}, Severities: []string{"high", "critical"}},
				{Accounts: []string{"444455556666"}, FirstSeenSince: day.AddDate(0, 0, 2), Limit: 25},
				{Accounts: []string{"999999999999"}},
			} {
				var want []FindingRow
				resolved := 0
				if err := s.EachFinding(ctx, f, func(r FindingRow) error {
					want = append(want, brief(r))
					if !r.Resolved.IsZero() {
						resolved++
					}
					return nil
				}); err != nil {
					t.Fatal(err)
				}
				var got []FindingRow
				if err := s.EachFindingBrief(ctx, f, func(r FindingRow) error {
					got = append(got, r)
					return nil
				}); err != nil {
					t.Fatal(err)
				}
				if len(got) != len(want) {
					t.Fatalf("filter %d: %d rows, want %d", i, len(got), len(want))
				}
				for j := range got {
					if got[j] != want[j] {
						t.Fatalf("filter %d, row %d:\n got %+v\nwant %+v", i, j, got[j], want[j])
					}
				}
				if i == 0 && (len(want) < 800 || resolved == 0) {
					t.Fatalf("the history is too plain to test: %d rows, %d resolved", len(want), resolved)
				}
			}
			if err := s.EachFindingBrief(ctx, FindingFilter{Limit: -1}, func(FindingRow) error { return nil }); err == nil {
				t.Error("a negative limit was taken")
			}
			if err := s.EachFindingBrief(ctx, FindingFilter{Sort: "size"}, func(FindingRow) error { return nil }); err == nil {
				t.Error("an unknown sort was taken")
			}
			stop := errors.New("stop")
			n := 0
			if err := s.EachFindingBrief(ctx, FindingFilter{}, func(FindingRow) error { n++; return stop }); err != stop || n != 1 {
				t.Errorf("fn's error: %v after %d rows", err, n)
			}
		})
	}
}
