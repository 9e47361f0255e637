package store

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"
)

// day0 is when the history tests' first scan is recorded.
var day0 = time.Date(2026, 3, 1, 6, 0, 0, 0, time.UTC)

// hres is a result of the history tests.
func hres(acct, chk, resource, status, sev string) Result {
	return Result{Key: Key{Check: chk, Account: acct, Region: "eu-west-1", Resource: resource},
		State: State{Present: true, Status: status, Severity: sev}, Message: status + " " + resource}
}

// historyScan is a scan of acct on day d with its results and counts as
// FromReport makes them.
func historyScan(d int, acct string, rs ...Result) *Scan {
	c := Counts{ByStatus: map[string]int{}, FailBySeverity: map[string]int{}, FailByArea: map[string]int{}, FailByAccount: map[string]int{}}
	checks := map[string]bool{"c1": true, "c2": true}
	for _, r := range rs {
		c.ByStatus[r.Status]++
		if r.Status == "fail" {
			c.FailBySeverity[r.Severity]++
			c.FailByArea["identity"]++
			c.FailByAccount[r.Account]++
		}
		checks[r.Check] = true
	}
	return &Scan{RecordedAt: day0.AddDate(0, 0, d), Accounts: []string{acct}, Regions: []string{"eu-west-1"},
		Checks: sortedKeys(checks), Results: rs, Counts: c}
}

// TestHistoryQueries records a week of scans of two accounts and checks
// every history answer against what the scans say, on both backends.
func TestHistoryQueries(t *testing.T) {
	const a, b = "111111111111", "222222222222"
	scans := []*Scan{
		// day 0: a fails r1 (critical) and r2 (high).
		historyScan(0, a, hres(a, "c1", "r1", "fail", "critical"), hres(a, "c1", "r2", "fail", "high"), hres(a, "c2", "r3", "pass", "low")),
		// day 1: b fails one.
		historyScan(1, b, hres(b, "c1", "q1", "fail", "medium")),
		// day 2: a fixes r1 (2 days), r2 still fails.
		historyScan(2, a, hres(a, "c1", "r1", "pass", "critical"), hres(a, "c1", "r2", "fail", "high"), hres(a, "c2", "r3", "pass", "low")),
		// day 3: b grows to three failures, q2 and q3 new.
		historyScan(3, b, hres(b, "c1", "q1", "fail", "medium"), hres(b, "c1", "q2", "fail", "low"), hres(b, "c2", "q3", "fail", "low")),
		// day 6: a's r2 is gone (resolved after 6 days), r3 fails now.
		historyScan(6, a, hres(a, "c1", "r1", "pass", "critical"), hres(a, "c2", "r3", "fail", "low")),
	}
	for _, bk := range backends() {
		t.Run(bk.name, func(t *testing.T) {
			ctx := context.Background()
			s := open(t, bk.dsn(t))
			if _, err := s.ResolveScan(ctx, "last", 0, day0); !errors.Is(err, ErrNoScan) {
				t.Errorf("last of an empty store: %v, want ErrNoScan", err)
			}
			var ids []int64
			for _, sc := range scans {
				id, err := s.Record(ctx, sc)
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, id)
			}

			recent, err := s.RecentScans(ctx, 2)
			if err != nil {
				t.Fatal(err)
			}
			if len(recent) != 2 || recent[0].ID != ids[4] || recent[1].ID != ids[3] {
				t.Errorf("recent scans %+v, want %d then %d", recent, ids[4], ids[3])
			}

			now := day0.AddDate(0, 0, 7)
			refs := []struct {
				ref  string
				age  time.Duration
				want int64
				err  error
			}{
				{"last", 0, ids[4], nil},
				{"3d", 72 * time.Hour, ids[3], nil}, // recorded at day 4 or before
				{"6d", 144 * time.Hour, ids[1], nil},
				{"30d", 720 * time.Hour, 0, ErrNoScan},
				{"2", 0, 2, nil},
				{"999", 0, 0, ErrNoScan},
			}
			for _, r := range refs {
				got, err := s.ResolveScan(ctx, r.ref, r.age, now)
				if r.err != nil {
					if !errors.Is(err, r.err) {
						t.Errorf("%s: %v, want %v", r.ref, err, r.err)
					}
					continue
				}
				if err != nil || got != r.want {
					t.Errorf("%s: %d, %v; want %d", r.ref, got, err, r.want)
				}
			}
			if _, err := s.ResolveScan(ctx, "yesterday", 0, now); err == nil || errors.Is(err, ErrNoScan) {
				t.Errorf("a malformed reference: %v, want a syntax error", err)
			}

			trends, err := s.Trends(ctx, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			if len(trends) != len(scans) {
				t.Fatalf("%d trend points, want %d", len(trends), len(scans))
			}
			for i, p := range trends {
				c := scans[i].Counts.(Counts)
				if p.Failing != c.ByStatus["fail"] || !reflect.DeepEqual(p.BySeverity, c.FailBySeverity) ||
					!reflect.DeepEqual(p.ByAccount, c.FailByAccount) || !p.RecordedAt.Equal(scans[i].RecordedAt) {
					t.Errorf("trend %d: %+v, want the counts %+v", i, p, c)
				}
			}
			// The heads are the points without counts, and the points of
			// some scans are those of Trends (an unknown ID left out).
			heads, err := s.ScanHeads(ctx)
			if err != nil || len(heads) != len(trends) {
				t.Fatalf("%d scan heads (%v), want %d", len(heads), err, len(trends))
			}
			for i, h := range heads {
				p := trends[i]
				if h.ScanID != p.ScanID || !h.RecordedAt.Equal(p.RecordedAt) || !reflect.DeepEqual(h.Accounts, p.Accounts) ||
					h.Failing != 0 || len(h.BySeverity) != 0 || len(h.ByArea) != 0 {
					t.Errorf("head %d: %+v, want the point %+v without counts", i, h, p)
				}
			}
			some, err := s.TrendsOf(ctx, []int64{ids[1], ids[3], ids[4], 999})
			if err != nil || !reflect.DeepEqual(some, []TrendPoint{trends[1], trends[3], trends[4]}) {
				t.Errorf("trends of scans %d, %d, %d: %+v, %v", ids[1], ids[3], ids[4], some, err)
			}
			late, err := s.Trends(ctx, day0.AddDate(0, 0, 3))
			if err != nil || len(late) != 2 || late[0].ScanID != ids[3] {
				t.Errorf("trends since day 3: %+v, %v", late, err)
			}

			grown := Grown(trends)
			want := []Growth{{Account: b, FromScan: ids[1], ToScan: ids[3], From: 1, To: 3, Difference: 2}}
			if !reflect.DeepEqual(grown, want) {
				t.Errorf("grown %+v, want %+v (a went from 1 to 1)", grown, want)
			}

			mttr, err := s.MeanTimeToResolve(ctx)
			if err != nil {
				t.Fatal(err)
			}
			wantMTTR := []Resolution{
				{Severity: "critical", Resolved: 1, Mean: 48 * time.Hour},
				{Severity: "high", Resolved: 1, Mean: 144 * time.Hour},
			}
			if !reflect.DeepEqual(mttr, wantMTTR) {
				t.Errorf("mean time to resolve %+v, want %+v", mttr, wantMTTR)
			}

			queries := []struct {
				name string
				f    FindingFilter
				want []string // resources
			}{
				{"all", FindingFilter{}, []string{"r1", "r2", "r3", "q1", "q2", "q3"}},
				{"failing", FindingFilter{Statuses: []string{"fail"}}, []string{"r3", "q1", "q2", "q3"}},
				{"gone", FindingFilter{Statuses: []string{"gone"}}, []string{"r2"}},
				{"gone or pass", FindingFilter{Statuses: []string{"gone", "pass"}}, []string{"r1", "r2"}},
				{"severity", FindingFilter{Severities: []string{"low"}}, []string{"r3", "q2", "q3"}},
				{"check and account", FindingFilter{Checks: []string{"c2"}, Accounts: []string{b}}, []string{"q3"}},
				{"first seen since day 3", FindingFilter{FirstSeenSince: day0.AddDate(0, 0, 3)}, []string{"q2", "q3"}},
				{"first seen before day 1", FindingFilter{FirstSeenBefore: day0.AddDate(0, 0, 1)}, []string{"r1", "r2", "r3"}},
				{"limit", FindingFilter{Limit: 1}, []string{"r1"}},
				{"open or gone", FindingFilter{Statuses: []string{StatusOpen, StatusGone}}, []string{"r2", "r3", "q1", "q2", "q3"}},
				// Most severe first, then the key (r3 before q2 and q3: account a first).
				{"sort severity", FindingFilter{Sort: SortSeverity}, []string{"r1", "r2", "q1", "r3", "q2", "q3"}},
				{"sort severity, second page", FindingFilter{Sort: SortSeverity, Limit: 2, Offset: 2}, []string{"q1", "r3"}},
				{"sort check", FindingFilter{Sort: SortCheck}, []string{"r1", "r2", "q1", "q2", "r3", "q3"}},
				{"sort first seen, account b", FindingFilter{Sort: SortFirstSeen, Accounts: []string{b}}, []string{"q1", "q2", "q3"}},
				{"sort account", FindingFilter{Sort: SortAccount, Severities: []string{"low"}}, []string{"r3", "q2", "q3"}},
			}
			for _, q := range queries {
				rows, err := s.ListFindings(ctx, q.f)
				if err != nil {
					t.Fatalf("%s: %v", q.name, err)
				}
				got := []string{}
				for _, r := range rows {
					got = append(got, r.Resource)
				}
				if !reflect.DeepEqual(got, q.want) {
					t.Errorf("%s: %v, want %v", q.name, got, q.want)
				}
			}
			rows, err := s.ListFindings(ctx, FindingFilter{Checks: []string{"c1"}, Accounts: []string{a}})
			if err != nil {
				t.Fatal(err)
			}
			// r1 resolved on day 2 and still seen on day 6; r2 gone on day 6,
			// last seen on day 2.
			if len(rows) != 2 || !rows[0].Resolved.Equal(day0.AddDate(0, 0, 2)) || !rows[0].LastSeen.Equal(day0.AddDate(0, 0, 6)) ||
				rows[1].Present || !rows[1].LastSeen.Equal(day0.AddDate(0, 0, 2)) || !rows[1].FirstSeen.Equal(day0) {
				t.Errorf("lifecycle times %+v", rows)
			}
		})
	}
}

// TestGrownTable: growth between the last two scans of each account, not
// the first and last, and never a shrink.
func TestGrownTable(t *testing.T) {
	pt := func(id int64, by map[string]int) TrendPoint { return TrendPoint{ScanID: id, ByAccount: by} }
	cases := []struct {
		name   string
		points []TrendPoint
		want   []Growth
	}{
		{"no scans", nil, nil},
		{"one scan", []TrendPoint{pt(1, map[string]int{"a": 3})}, nil},
		{"shrank", []TrendPoint{pt(1, map[string]int{"a": 3}), pt(2, map[string]int{"a": 1})}, nil},
		{"grew then flat", []TrendPoint{pt(1, map[string]int{"a": 1}), pt(2, map[string]int{"a": 5}), pt(3, map[string]int{"a": 5})}, nil},
		{"interleaved accounts", []TrendPoint{pt(1, map[string]int{"a": 1}), pt(2, map[string]int{"b": 2}), pt(3, map[string]int{"a": 4}), pt(4, map[string]int{"b": 9})},
			[]Growth{{Account: "b", FromScan: 2, ToScan: 4, From: 2, To: 9, Difference: 7}, {Account: "a", FromScan: 1, ToScan: 3, From: 1, To: 4, Difference: 3}}},
		{"to zero failures and back", []TrendPoint{pt(1, map[string]int{"a": 0}), pt(2, map[string]int{"a": 2})},
			[]Growth{{Account: "a", FromScan: 1, ToScan: 2, From: 0, To: 2, Difference: 2}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Grown(tc.points); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestScanReportAfterPrune: a prune keeps each lifecycle's state when the
// first scan kept began, so the scans kept rebuild whole, after a second
// prune too.
func TestScanReportAfterPrune(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 1, 1+d, 0, 0, 0, 0, time.UTC) }
	const a = "111111111111"
	for _, bk := range backends() {
		t.Run(bk.name, func(t *testing.T) {
			ctx := context.Background()
			s := open(t, bk.dsn(t))
			ids := map[int]int64{}
			for d := 0; d < 10; d++ {
				st := "fail"
				if d == 6 {
					st = "pass"
				}
				sc := historyScan(0, a, hres(a, "c1", "keep", st, "high"), hres(a, "c2", "other", "pass", "low"))
				sc.RecordedAt = day(d)
				id, err := s.Record(ctx, sc)
				if err != nil {
					t.Fatal(err)
				}
				ids[d] = id
			}
			statusAt := func(d int) map[string]string {
				t.Helper()
				rep, err := s.ScanReport(ctx, ids[d], nil)
				if err != nil {
					t.Fatalf("day %d: %v", d, err)
				}
				out := map[string]string{}
				for _, f := range rep.Results {
					out[f.Resource] = string(f.Status)
				}
				return out
			}
			want := func(d int, keep string) {
				t.Helper()
				if got := statusAt(d); got["keep"] != keep || got["other"] != "pass" || len(got) != 2 {
					t.Errorf("day %d rebuilt %v, want keep %s and other pass", d, got, keep)
				}
			}
			want(5, "fail")
			if _, err := s.Prune(ctx, day(5)); err != nil {
				t.Fatal(err)
			}
			if _, err := s.ScanReport(ctx, ids[4], nil); !errors.Is(err, ErrNoScan) {
				t.Errorf("a pruned scan: %v, want ErrNoScan", err)
			}
			want(5, "fail")
			want(6, "pass")
			want(7, "fail")
			if _, err := s.Prune(ctx, day(8)); err != nil {
				t.Fatal(err)
			}
			want(8, "fail")
			want(9, "fail")
			lcs, err := s.Lifecycles(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if n := len(lcs[Key{Check: "c1", Account: a, Region: "eu-west-1", Resource: "keep"}]); n != 1 {
				t.Errorf("keep has %d events after the second prune, want 1 (day 7's)", n)
			}
		})
	}
}
