package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"
	"time"
)

func res(check, account, region, resource, status, severity string) Result {
	return Result{Key: Key{Check: check, Account: account, Region: region, Resource: resource},
		State: State{Present: true, Status: status, Severity: severity}, Message: status}
}

func waived(r Result, from, waiver string) Result {
	r.Status, r.WaivedFrom, r.Waiver = "waived", from, waiver
	return r
}

// TestRecordLifecycle follows one finding through the states a lifecycle
// records, on every backend.
func TestRecordLifecycle(t *testing.T) {
	const acct = "111122223333"
	key := Key{Check: "s3_x", Account: acct, Region: "eu-west-1", Resource: "arn:b"}
	other := res("s3_x", acct, "eu-west-1", "arn:other", "pass", "high")
	base := func(status, sev string) Result { return res("s3_x", acct, "eu-west-1", "arn:b", status, sev) }
	scope := func(rs ...Result) *Scan {
		return &Scan{Accounts: []string{acct}, Regions: []string{"eu-west-1"}, Checks: []string{"s3_x"}, Results: rs}
	}
	steps := []struct {
		name string
		scan *Scan
		// want is the finding's state after the scan; changed whether an
		// event was recorded.
		want         State
		changed      bool
		resolved     bool
		reopened     int64
		failingSince bool
	}{
		{"appears failing", scope(base("fail", "high"), other), State{true, "fail", "high", "", ""}, true, false, 0, true},
		{"unchanged", scope(base("fail", "high"), other), State{true, "fail", "high", "", ""}, false, false, 0, true},
		{"severity raised", scope(base("fail", "critical"), other), State{true, "fail", "critical", "", ""}, true, false, 0, true},
		{"waived: still open", scope(waived(base("fail", "critical"), "fail", "w1"), other), State{true, "waived", "critical", "fail", "w1"}, true, false, 0, true},
		{"fixed", scope(base("pass", "critical"), other), State{true, "pass", "critical", "", ""}, true, true, 0, true},
		{"fails again: reopened", scope(base("fail", "critical"), other), State{true, "fail", "critical", "", ""}, true, false, 1, true},
		{"outside a narrower scan: untouched", &Scan{Accounts: []string{acct}, Regions: []string{"us-east-1"}, Checks: []string{"s3_x"}}, State{true, "fail", "critical", "", ""}, false, false, 1, true},
		{"other check only: untouched", &Scan{Accounts: []string{acct}, Regions: []string{"eu-west-1"}, Checks: []string{"iam_y"}}, State{true, "fail", "critical", "", ""}, false, false, 1, true},
		{"gone (resource deleted): resolved", scope(other), State{false, "fail", "critical", "", ""}, true, true, 1, true},
		{"still gone", scope(other), State{false, "fail", "critical", "", ""}, false, true, 1, true},
		{"back failing: reopened", scope(base("fail", "critical"), other), State{true, "fail", "critical", "", ""}, true, false, 2, true},
	}
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			s := open(t, b.dsn(t))
			ctx := context.Background()
			var ids []int64
			lastSeen := int64(0)
			for i, st := range steps {
				st.scan.RecordedAt = time.Unix(1_800_000_000+int64(i)*86400, 0)
				id, err := s.Record(ctx, st.scan)
				if err != nil {
					t.Fatalf("%s: %v", st.name, err)
				}
				ids = append(ids, id)
				fs, err := s.Findings(ctx)
				if err != nil {
					t.Fatal(err)
				}
				f, ok := fs[key]
				if !ok {
					t.Fatalf("%s: no lifecycle for %v", st.name, key)
				}
				if f.State != st.want {
					t.Errorf("%s: state %+v, want %+v", st.name, f.State, st.want)
				}
				if (f.ChangedScan == id) != st.changed {
					t.Errorf("%s: changed in scan %d, this scan %d, want changed=%v", st.name, f.ChangedScan, id, st.changed)
				}
				if (f.ResolvedScan != 0) != st.resolved || f.Reopened != st.reopened {
					t.Errorf("%s: resolved scan %d reopened %d, want resolved=%v reopened %d", st.name, f.ResolvedScan, f.Reopened, st.resolved, st.reopened)
				}
				if f.FirstSeenScan != ids[0] {
					t.Errorf("%s: first seen %d, want %d", st.name, f.FirstSeenScan, ids[0])
				}
				for _, r := range st.scan.Results {
					if r.Key == key {
						lastSeen = id
					}
				}
				if f.LastSeenScan != lastSeen {
					t.Errorf("%s: last seen %d, want %d", st.name, f.LastSeenScan, lastSeen)
				}
				if f.FailingSince.IsZero() == st.failingSince {
					t.Errorf("%s: failing since %v", st.name, f.FailingSince)
				}
			}
			lcs, err := s.Lifecycles(ctx)
			if err != nil {
				t.Fatal(err)
			}
			changes := 0
			for _, st := range steps {
				if st.changed {
					changes++
				}
			}
			if got := len(lcs[key]); got != changes {
				t.Errorf("%d events, want one per change (%d)", got, changes)
			}
			// The passing neighbour never changed: one event, however many scans.
			if got := len(lcs[other.Key]); got != 1 {
				t.Errorf("unchanged lifecycle has %d events, want 1", got)
			}
		})
	}
}

// model recomputes the lifecycles from the raw scans, key by key, without
// the store: a key's state at a scan is its result there; a key the scan
// covered (its account, check and region) but did not report is gone with
// its last state; otherwise it keeps its state. Events are the scans where
// the state changed.
type modelScan struct {
	id   int64
	scan *Scan
}

type modelFinding struct {
	events        []Event
	firstSeen     int64
	lastSeen      int64
	resolvedScan  int64
	reopened      int64
	everResolved  bool
	currentStatus State
}

// covered says whether scan sc covered key k, from its raw fields: the
// key's account, check and region are among the scan's own or its results'
// (the global region always is).
func covered(sc *Scan, k Key) bool {
	acct, chk, reg := false, false, k.Region == ""
	for _, a := range sc.Accounts {
		acct = acct || a == k.Account
	}
	for _, c := range sc.Checks {
		chk = chk || c == k.Check
	}
	for _, r := range sc.Regions {
		reg = reg || r == k.Region
	}
	for _, r := range sc.Results {
		acct = acct || r.Account == k.Account
		chk = chk || r.Check == k.Check
		reg = reg || r.Region == k.Region
	}
	return acct && chk && reg
}

func recompute(scans []modelScan) map[Key]*modelFinding {
	keys := map[Key]bool{}
	for _, ms := range scans {
		for _, r := range ms.scan.Results {
			keys[r.Key] = true
		}
	}
	out := map[Key]*modelFinding{}
	for k := range keys {
		m := &modelFinding{}
		var cur State
		known := false
		for _, ms := range scans {
			var next State
			reported := false
			for _, r := range ms.scan.Results {
				if r.Key == k {
					next, reported = r.State, true
					next.Present = true
					break
				}
			}
			switch {
			case reported:
				if !known {
					m.firstSeen = ms.id
				}
				m.lastSeen = ms.id
			case known && cur.Present && covered(ms.scan, k):
				next = cur
				next.Present = false
			default:
				continue
			}
			if known && next == cur {
				continue
			}
			was := known && cur.Failing()
			switch {
			case !was && next.Failing() && m.everResolved && m.resolvedScan != 0:
				m.reopened++
				m.resolvedScan = 0
			case was && !next.Failing():
				m.resolvedScan, m.everResolved = ms.id, true
			}
			m.events = append(m.events, Event{ScanID: ms.id, State: next})
			cur, known = next, true
		}
		m.currentStatus = cur
		out[k] = m
	}
	return out
}

// randomScans builds n scans of one account family: findings appear,
// disappear, change status and severity, get waived, and some scans are
// narrower (fewer checks, regions or accounts).
func randomScans(rng *rand.Rand, prefix string, n int) []*Scan {
	accounts := []string{prefix + "-a", prefix + "-b"}
	checks := []string{"c1", "c2", "c3"}
	regions := []string{"", "eu-west-1", "us-east-1"}
	resources := []string{"r1", "r2", "r3", "r4"}
	statuses := []string{"pass", "fail", "unknown", "not_applicable"}
	severities := []string{"low", "high", "critical"}
	cur := map[Key]Result{}
	var out []*Scan
	for i := 0; i < n; i++ {
		sc := &Scan{RecordedAt: time.Unix(1_800_000_000+int64(i)*86400, 0)}
		pick := func(all []string, keepAll float64) []string {
			if rng.Float64() < keepAll {
				return all
			}
			var sub []string
			for _, x := range all {
				if rng.IntN(2) == 0 {
					sub = append(sub, x)
				}
			}
			if len(sub) == 0 {
				sub = all[:1]
			}
			return sub
		}
		sc.Accounts, sc.Checks = pick(accounts, 0.7), pick(checks, 0.7)
		sc.Regions = pick(regions[1:], 0.7)
		for _, a := range sc.Accounts {
			for _, c := range sc.Checks {
				for _, rg := range append([]string{""}, sc.Regions...) {
					for _, rs := range resources {
						k := Key{Check: c, Account: a, Region: rg, Resource: rs}
						r, had := cur[k]
						switch x := rng.Float64(); {
						case !had && x < 0.5, had && x < 0.08: // absent, or disappears
							delete(cur, k)
							continue
						case !had || x < 0.2: // appears or changes status
							r = Result{Key: k, State: State{Present: true, Status: statuses[rng.IntN(len(statuses))],
								Severity: severities[rng.IntN(len(severities))]}, Message: fmt.Sprint("m", i)}
						case x < 0.3: // severity changes
							r.Severity = severities[rng.IntN(len(severities))]
						case x < 0.4 && (r.Status == "fail" || r.Status == "unknown"): // waived
							r.WaivedFrom, r.Status, r.Waiver = r.Status, "waived", fmt.Sprint("w", rng.IntN(2))
						}
						cur[k] = r
						sc.Results = append(sc.Results, r)
					}
				}
			}
		}
		rng.Shuffle(len(sc.Results), func(i, j int) { sc.Results[i], sc.Results[j] = sc.Results[j], sc.Results[i] })
		out = append(out, sc)
	}
	return out
}

// TestLifecycleProperty records random sequences of scans in every
// backend and requires the stored lifecycles, first/last seen, resolution
// and reopen counts to equal the ones recomputed from the raw scans, and
// SQLite's to equal PostgreSQL's.
func TestLifecycleProperty(t *testing.T) {
	const seeds, scansPer = 12, 14
	got := map[string]map[Key][]Event{}
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			s := open(t, b.dsn(t))
			ctx := context.Background()
			all := map[Key][]Event{}
			for seed := uint64(1); seed <= seeds; seed++ {
				rng := rand.New(rand.NewPCG(seed, 7))
				var recorded []modelScan
				for _, sc := range randomScans(rng, fmt.Sprint("acct", seed), scansPer) {
					id, err := s.Record(ctx, sc)
					if err != nil {
						t.Fatalf("seed %d: %v", seed, err)
					}
					recorded = append(recorded, modelScan{id: id, scan: sc})
				}
				want := recompute(recorded)
				lcs, err := s.Lifecycles(ctx)
				if err != nil {
					t.Fatal(err)
				}
				fs, err := s.Findings(ctx)
				if err != nil {
					t.Fatal(err)
				}
				prefix := fmt.Sprint("acct", seed, "-")
				n := 0
				for k, evs := range lcs {
					if len(k.Account) < len(prefix) || k.Account[:len(prefix)] != prefix {
						continue
					}
					n++
					m, ok := want[k]
					if !ok {
						t.Fatalf("seed %d: stored lifecycle %v that no scan reported", seed, k)
					}
					if !reflect.DeepEqual(evs, m.events) {
						t.Errorf("seed %d %v:\nstored     %v\nrecomputed %v", seed, k, evs, m.events)
					}
					f := fs[k]
					if f.FirstSeenScan != m.firstSeen || f.LastSeenScan != m.lastSeen || f.ResolvedScan != m.resolvedScan ||
						f.Reopened != m.reopened || f.State != m.currentStatus {
						t.Errorf("seed %d %v: stored first %d last %d resolved %d reopened %d %+v, recomputed first %d last %d resolved %d reopened %d %+v",
							seed, k, f.FirstSeenScan, f.LastSeenScan, f.ResolvedScan, f.Reopened, f.State,
							m.firstSeen, m.lastSeen, m.resolvedScan, m.reopened, m.currentStatus)
					}
					all[k] = renumber(evs, recorded)
				}
				if n != len(want) {
					t.Errorf("seed %d: %d stored lifecycles, %d recomputed", seed, n, len(want))
				}
			}
			got[b.name] = all
		})
	}
	if got["sqlite"] != nil && got["postgres"] != nil && !reflect.DeepEqual(got["sqlite"], got["postgres"]) {
		t.Error("SQLite and PostgreSQL recorded different lifecycles")
	}
}

// renumber replaces scan IDs by the scan's position in its sequence, so
// backends that number scans differently compare.
func renumber(evs []Event, recorded []modelScan) []Event {
	pos := map[int64]int64{}
	for i, r := range recorded {
		pos[r.id] = int64(i)
	}
	out := make([]Event, len(evs))
	for i, e := range evs {
		out[i] = Event{ScanID: pos[e.ScanID], State: e.State}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ScanID < out[j].ScanID })
	return out
}
