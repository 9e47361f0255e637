package store

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestStatesAtAgreesWithScans records random scans and requires the state
// StatesAt reconstructs at each scan's time to be that scan's results for
// every key it covered (and, for the keys it did not, the state before),
// on both backends.
func TestStatesAtAgreesWithScans(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			s := open(t, b.dsn(t))
			for seed := uint64(1); seed <= 4; seed++ {
				prefix := fmt.Sprint("at", seed)
				accounts := []string{prefix + "-a", prefix + "-b"}
				scans := randomScans(rand.New(rand.NewPCG(seed, 11)), prefix, 10)
				before, err := s.StatesAt(ctx, accounts, scans[0].RecordedAt.Add(-time.Millisecond))
				if err != nil {
					t.Fatal(err)
				}
				if len(before) != 0 {
					t.Fatalf("seed %d: %d states before the first scan", seed, len(before))
				}
				model := map[Key]State{}
				var then []map[Key]State // the model after each scan
				for i, sc := range scans {
					if _, err := s.Record(ctx, sc); err != nil {
						t.Fatal(err)
					}
					// The model: covered keys take the scan's state (first
					// result of a key counts), the others keep theirs.
					reported := map[Key]State{}
					for _, r := range sc.Results {
						if _, dup := reported[r.Key]; !dup {
							reported[r.Key] = r.State
						}
					}
					for k := range model {
						if covered(sc, k) {
							delete(model, k)
						}
					}
					for k, st := range reported {
						model[k] = st
					}
					gotM := statesAt(ctx, t, s, accounts, sc.RecordedAt)
					if !reflect.DeepEqual(gotM, model) {
						t.Fatalf("seed %d scan %d: StatesAt has %d states, the scans say %d:\n%v\n%v", seed, i, len(gotM), len(model), gotM, model)
					}
					// The scan's own results are the states of its keys.
					for k, st := range reported {
						if gotM[k] != st {
							t.Fatalf("seed %d scan %d: %v is %+v, the scan recorded %+v", seed, i, k, gotM[k], st)
						}
					}
					then = append(then, maps.Clone(model))
				}
				// Every scan's time again, now that later scans changed
				// these accounts' lifecycles: the state then, not now.
				for i, sc := range scans {
					gotM := statesAt(ctx, t, s, accounts, sc.RecordedAt)
					if !reflect.DeepEqual(gotM, then[i]) {
						t.Fatalf("seed %d, after every scan, at scan %d: StatesAt has %d states, the scans said %d:\n%v\n%v",
							seed, i, len(gotM), len(then[i]), gotM, then[i])
					}
				}
				// Now: the findings' current state.
				later := scans[len(scans)-1].RecordedAt.Add(time.Hour)
				now, err := s.StatesAt(ctx, accounts, later)
				if err != nil {
					t.Fatal(err)
				}
				cur, err := s.Findings(ctx)
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for k, f := range cur {
					if f.Present && (k.Account == accounts[0] || k.Account == accounts[1]) {
						n++
					}
				}
				if len(now) != n {
					t.Errorf("seed %d: %d states now, %d present findings", seed, len(now), n)
				}
				for _, r := range now {
					if f := cur[r.Key]; f.State != r.State {
						t.Errorf("seed %d: %v now %+v, finding %+v", seed, r.Key, r.State, f.State)
					}
				}
				// The scope: one account's states are that account's only.
				one, err := s.StatesAt(ctx, accounts[:1], later)
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range one {
					if r.Account != accounts[0] {
						t.Fatalf("StatesAt(%s) returned %s's %v", accounts[0], r.Account, r.Key)
					}
				}
				if none, err := s.StatesAt(ctx, []string{}, later); err != nil || len(none) != 0 {
					t.Errorf("no accounts: %d states, %v", len(none), err)
				}
			}
		})
	}
}

// waiverOf is a waiver as FromReport stores it.
func waiverOf(chk, res, owner, expires string) string {
	exp, _ := time.Parse(time.DateOnly, expires)
	pw := &policy.Waiver{Check: chk, Resource: res, Reason: "accepted", Owner: owner, Expires: exp}
	return waiverID(&check.Result{Waiver: pw})
}

// TestPagesQueries checks the dashboard's reads over a small history:
// changes of the latest scan, waivers with the findings they cover,
// waiver issues, read levels, scans of a date and the time to resolve per
// account set, on both backends.
func TestPagesQueries(t *testing.T) {
	const a, b = "111111111111", "222222222222"
	w1 := waiverOf("c2", "r4", "ops@example.com", "2027-01-31")
	waivedR4 := hres(a, "c2", "r4", "waived", "high")
	waivedR4.WaivedFrom, waivedR4.Waiver = "fail", w1
	scans := []*Scan{
		historyScan(0, a, hres(a, "c1", "r1", "fail", "critical"), hres(a, "c1", "r2", "fail", "high"), hres(a, "c2", "r3", "pass", "low"), hres(a, "c2", "r5", "pass", "low")),
		historyScan(1, b, hres(b, "c1", "q1", "fail", "medium")),
		historyScan(2, a, hres(a, "c1", "r1", "pass", "critical"), hres(a, "c1", "r2", "fail", "high"), hres(a, "c2", "r3", "pass", "low"),
			hres(a, "c2", "r7", "pass", "low")),
		// day 4: r1 fails again (reopened), r2 fixed, r3 gone, r4 new and
		// waived, r5 back (changed), r6 new, r7 fails for the first time.
		historyScan(4, a, hres(a, "c1", "r1", "fail", "critical"), hres(a, "c1", "r2", "pass", "high"), waivedR4,
			hres(a, "c2", "r5", "pass", "low"), hres(a, "c2", "r6", "pass", "low"), hres(a, "c2", "r7", "fail", "low")),
	}
	scans[3].ReportMeta = &reportMeta{WaiverIssues: []engine.WaiverIssue{{Waiver: policy.Waiver{Check: "c9", Resource: "*", Owner: "sec"}, Problem: engine.WaiverStale}}}
	scans[1].Gaps = []state.Gap{{Operation: "ListBuckets", Reason: state.ReasonAccessDenied}}
	for _, bk := range backends() {
		t.Run(bk.name, func(t *testing.T) {
			ctx := context.Background()
			s := open(t, bk.dsn(t))
			var ids []int64
			for _, sc := range scans {
				id, err := s.Record(ctx, sc)
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, id)
			}

			changes, n, err := s.ChangesIn(ctx, ids[3], a, 100)
			if err != nil {
				t.Fatal(err)
			}
			kinds := map[string]string{}
			for _, c := range changes {
				kinds[c.Resource] = c.Kind
			}
			want := map[string]string{"r1": ChangeReopened, "r2": ChangeFixed, "r3": ChangeGone, "r4": ChangeNew,
				"r5": ChangeChanged, "r6": ChangeNew, "r7": ChangeFailing}
			if !reflect.DeepEqual(kinds, want) || n != len(want) {
				t.Errorf("changes %v (%d), want %v", kinds, n, want)
			}
			if cut, n, _ := s.ChangesIn(ctx, ids[3], a, 2); len(cut) != 2 || n != 7 {
				t.Errorf("limited changes: %d of %d, want 2 of 7", len(cut), n)
			}
			if other, _, _ := s.ChangesIn(ctx, ids[3], b, 100); len(other) != 0 {
				t.Errorf("account b has %d changes in a's scan", len(other))
			}

			ws, counts, err := s.Waivers(ctx, nil, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(ws) != 1 || ws[0].Owner != "ops@example.com" || ws[0].Expires.Format(time.DateOnly) != "2027-01-31" ||
				len(ws[0].Findings) != 1 || ws[0].Findings[0].Resource != "r4" || counts[ws[0].ID] != 1 {
				t.Errorf("waivers %+v %v", ws, counts)
			}
			if ws, _, _ := s.Waivers(ctx, []string{b}, 10); len(ws) != 0 {
				t.Errorf("account b sees a's waiver: %+v", ws)
			}
			issues, err := s.WaiverIssues(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(issues) != 1 || len(issues[a]) != 1 || issues[a][0].Problem != engine.WaiverStale {
				t.Errorf("waiver issues %+v", issues)
			}
			if issues, _ := s.WaiverIssues(ctx, []string{b}); len(issues) != 0 {
				t.Errorf("account b sees a's waiver issues: %+v", issues)
			}

			levels, err := s.ReadLevels(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if levels[a] != engine.ReadFull || levels[b] != engine.ReadPartial {
				t.Errorf("read levels %v", levels)
			}

			at, err := s.ScansAt(ctx, nil, day0.AddDate(0, 0, 3))
			if err != nil {
				t.Fatal(err)
			}
			if at[a].ID != ids[2] || at[b].ID != ids[1] || len(at[a].ChecksRun) != 2 {
				t.Errorf("scans at day 3: %+v", at)
			}
			if at, _ := s.ScansAt(ctx, []string{b}, day0.AddDate(0, 0, 3)); len(at) != 1 || at[b].ID != ids[1] {
				t.Errorf("b's scan at day 3: %+v", at)
			}
			if at, _ := s.ScansAt(ctx, nil, day0.Add(-time.Hour)); len(at) != 0 {
				t.Errorf("scans before the first: %+v", at)
			}

			all, err := s.MeanTimeToResolve(ctx)
			if err != nil {
				t.Fatal(err)
			}
			onlyB, err := s.MeanTimeToResolveIn(ctx, []string{b})
			if err != nil {
				t.Fatal(err)
			}
			// a resolved r2 (day 0 -> 4; r1 fails again, so its spell
			// counts none); b nothing.
			if len(all) != 1 || all[0].Severity != "high" || all[0].Mean != 96*time.Hour || len(onlyB) != 0 {
				t.Errorf("time to resolve: all %+v, b only %+v", all, onlyB)
			}
		})
	}
}

// TestAccountContext: an account's context is kept when it changes only,
// and a scan's context is the latest at or before it, on both backends.
func TestAccountContext(t *testing.T) {
	const a = "111111111111"
	type usage map[string]int
	for _, bk := range backends() {
		t.Run(bk.name, func(t *testing.T) {
			ctx := context.Background()
			s := open(t, bk.dsn(t))
			var ids []int64
			for i, u := range []usage{{"s3": 2}, {"s3": 2}, {"s3": 3}} {
				sc := historyScan(i, a, hres(a, "c1", "r1", "fail", "high"))
				sc.Contexts = []AccountContext{{Account: a, Usage: u, DataMap: map[string]any{"stores": []string{fmt.Sprint("b", u["s3"])}}}}
				id, err := s.Record(ctx, sc)
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, id)
			}
			if _, ok, err := s.ContextAt(ctx, a, ids[0]-1); ok || err != nil {
				t.Errorf("a context before the first scan: %v %v", ok, err)
			}
			want := []struct {
				scan  int64
				usage string
			}{{ids[0], `{"s3":2}`}, {ids[0], `{"s3":2}`}, {ids[2], `{"s3":3}`}}
			for i, w := range want {
				c, ok, err := s.ContextAt(ctx, a, ids[i])
				if err != nil || !ok || c.Scan != w.scan || c.Usage != w.usage {
					t.Errorf("scan %d: context %+v %v %v, want scan %d %s", i, c, ok, err, w.scan, w.usage)
				}
			}
			if _, ok, _ := s.ContextAt(ctx, "222222222222", ids[2]); ok {
				t.Error("another account has a's context")
			}
		})
	}
}

// statesAt is StatesAt's answer as a map of key to state.
func statesAt(ctx context.Context, t *testing.T, s *Store, accounts []string, at time.Time) map[Key]State {
	t.Helper()
	got, err := s.StatesAt(ctx, accounts, at)
	if err != nil {
		t.Fatal(err)
	}
	m := make(map[Key]State, len(got))
	for _, r := range got {
		m[r.Key] = r.State
	}
	return m
}
