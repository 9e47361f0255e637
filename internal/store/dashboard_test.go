package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"
	"time"
)

// dashboardScans records two scans of two accounts with waived results and
// a result that went away, so every state the filters judge is there.
func dashboardScans(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	for i, acct := range []string{"111111111111", "222222222222"} {
		sc := synthScan(400, uint64(i+1), acct)
		for j := range sc.Results {
			if j%7 == 0 {
				r := &sc.Results[j]
				r.WaivedFrom = []string{"fail", "unknown"}[j%2]
				r.Status = "waived"
			}
		}
		if _, err := s.Record(ctx, sc); err != nil {
			t.Fatal(err)
		}
		churn(sc, rand.New(rand.NewPCG(9, uint64(i))), 0.2, 1)
		if _, err := s.Record(ctx, sc); err != nil {
			t.Fatal(err)
		}
	}
}

// TestFailingSQLAgrees holds the dashboard's SQL form of "failing" to
// State.Failing over every lifecycle, and the filters and pages to the
// lifecycles they select.
func TestFailingSQLAgrees(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			s := open(t, b.dsn(t))
			dashboardScans(t, s)
			ctx := context.Background()
			all, err := s.Findings(ctx)
			if err != nil {
				t.Fatal(err)
			}
			cases := []struct {
				name string
				f    FindingFilter
				keep func(Finding) bool
			}{
				{"failing", FindingFilter{Statuses: []string{StatusOpen}}, func(f Finding) bool { return f.Failing() }},
				{"present", FindingFilter{Statuses: []string{"pass", "fail", "unknown", "waived", "manual", "not_applicable"}}, func(f Finding) bool { return f.Present }},
				{"all", FindingFilter{}, func(Finding) bool { return true }},
				{"account high", FindingFilter{Accounts: []string{"222222222222"}, Severities: []string{"high"}},
					func(f Finding) bool { return f.Account == "222222222222" && f.Severity == "high" }},
				{"status and check", FindingFilter{Statuses: []string{"unknown", "waived"}, Checks: []string{"service01_check_001", "service02_check_002"}},
					func(f Finding) bool {
						return f.Present && (f.Status == "unknown" || f.Status == "waived") &&
							(f.Check == "service01_check_001" || f.Check == "service02_check_002")
					}},
				{"no checks", FindingFilter{RestrictChecks: true}, func(Finding) bool { return false }},
			}
			for _, c := range cases {
				var want []string
				for k, f := range all {
					if c.keep(f) {
						want = append(want, fmt.Sprint(k))
					}
				}
				sort.Strings(want)
				// Read in pages of 37: together they are the whole selection, once each.
				var got []string
				for off := 0; ; off += 37 {
					f := c.f
					f.Limit, f.Offset = 37, off
					rows, total, err := s.QueryFindings(ctx, f)
					if err != nil {
						t.Fatal(err)
					}
					if total != int64(len(want)) {
						t.Fatalf("%s: total %d, want %d", c.name, total, len(want))
					}
					if len(rows) == 0 {
						break
					}
					for _, r := range rows {
						got = append(got, fmt.Sprint(r.Key))
					}
				}
				// Pages are in the key's order on each backend (its collation);
				// compared here as sets, duplicates included.
				sort.Strings(got)
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("%s: %d findings, want %d (other findings, or one twice)", c.name, len(got), len(want))
				}
				if c.name == "failing" && len(want) == 0 {
					t.Fatal("no failing findings: the case proves nothing")
				}
			}
		})
	}
}

// TestLatestScanAndGeneration: an account's latest scan agrees with
// LatestScans, and the generation changes with every recorded scan and
// every prune that removed something, and only then.
func TestLatestScanAndGeneration(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			s := open(t, b.dsn(t))
			ctx := context.Background()
			g0, err := s.Generation(ctx)
			if err != nil {
				t.Fatal(err)
			}
			dashboardScans(t, s)
			g1, _ := s.Generation(ctx)
			g1again, _ := s.Generation(ctx)
			all, err := s.LatestScans(ctx)
			if err != nil || len(all) != 2 {
				t.Fatalf("latest scans %v, %v", all, err)
			}
			for acct, want := range all {
				got, ok, err := s.LatestScan(ctx, acct)
				if err != nil || !ok || got.ID != want.ID {
					t.Errorf("%s: latest scan %d (%v, %v), want %d", acct, got.ID, ok, err, want.ID)
				}
			}
			if _, ok, err := s.LatestScan(ctx, "999999999999"); ok || err != nil {
				t.Errorf("an unknown account has a latest scan (%v)", err)
			}
			if _, err := s.Prune(ctx, time.Now().Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
			g2, _ := s.Generation(ctx)
			// A prune that removes nothing leaves the dashboard's answers
			// valid; a scan recorded after a prune is a new generation
			// again (never one seen before).
			if _, err := s.Prune(ctx, time.Now().Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
			g3, _ := s.Generation(ctx)
			dashboardScans(t, s)
			g4, _ := s.Generation(ctx)
			if g0 == g1 || g1 != g1again || g2 == g1 || g3 != g2 || g4 == g3 || g4 == g1 || g4 == g0 {
				t.Errorf("generations %q %q %q %q %q %q", g0, g1, g1again, g2, g3, g4)
			}
		})
	}
}
