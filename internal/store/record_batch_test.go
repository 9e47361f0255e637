package store

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/policy"
)

// batchReport is a report of more results than two insert batches hold:
// day 0 every key once plus duplicates (the first counts) and a waived
// failure; day 1 drops every fifth result (gone) and turns every seventh
// failure into a pass (resolved).
func batchReport(day int) *engine.Report {
	n := 2*recordBatch + 123
	rep := &engine.Report{AccountID: "111122223333", RegionsScanned: []string{"eu-west-1", "us-east-1"},
		ChecksRun: []string{"c0", "c1", "c2"}}
	regions := []string{"eu-west-1", "us-east-1", ""}
	for i := n - 1; i >= 0; i-- { // out of key order, as checks produce them
		if day == 1 && i%5 == 0 {
			continue
		}
		st := check.Fail
		if i%3 == 0 || (day == 1 && i%7 == 0) {
			st = check.Pass
		}
		f := engine.Finding{Result: check.Result{CheckID: fmt.Sprint("c", i%3), Status: st, Severity: check.High,
			Region: regions[i%len(regions)], Resource: fmt.Sprintf("arn:aws:s3:::b%06d", i), Message: fmt.Sprint("m", i, "d", day)},
			AccountID: rep.AccountID}
		if i == 11 {
			f.WaivedFrom, f.Status = f.Status, check.Waived
			f.Waiver = &policy.Waiver{Check: f.CheckID, Resource: f.Resource, Reason: "accepted", Owner: "o"}
		}
		rep.Results = append(rep.Results, f)
		if i%1000 == 1 { // a duplicate key with another status: the first counts
			d := f
			d.Status, d.Message = check.Unknown, "duplicate"
			rep.Results = append(rep.Results, d)
		}
	}
	return rep
}

// asResults is the scan of FromReport with its results copied into
// Results, as callers without a report fill it.
func asResults(sc *Scan) *Scan {
	cp := *sc
	cp.report = nil
	for i := 0; i < sc.numResults(); i++ {
		cp.Results = append(cp.Results, sc.resultAt(i))
	}
	return &cp
}

// TestRecordInBatches records scans of more results than fit one insert
// batch, read from the report (FromReport) and from a copy in Results, on
// every backend: both store the same lifecycles and events; every key is
// one lifecycle whose first result counts; new lifecycles are numbered in
// key order across batches; gone and resolved findings get their events.
func TestRecordInBatches(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			var lcs [2]map[Key][]Event
			var fss [2]map[Key]Finding
			for v, name := range []string{"report", "results"} {
				s := open(t, b.dsn(t))
				for day := 0; day < 2; day++ {
					sc := FromReport(batchReport(day), Meta{Who: "t", RecordedAt: time.Unix(1_800_000_000+int64(day)*86400, 0)})
					if name == "results" {
						sc = asResults(sc)
					}
					if _, err := s.Record(ctx, sc); err != nil {
						t.Fatalf("%s day %d: %v", name, day, err)
					}
				}
				var err error
				if lcs[v], err = s.Lifecycles(ctx); err != nil {
					t.Fatal(err)
				}
				if fss[v], err = s.Findings(ctx); err != nil {
					t.Fatal(err)
				}
				rows, err := s.db.QueryContext(ctx, `SELECT check_id, account, region, resource FROM findings ORDER BY id`)
				if err != nil {
					t.Fatal(err)
				}
				var prev Key
				for i := 0; rows.Next(); i++ {
					var k Key
					if err := rows.Scan(&k.Check, &k.Account, &k.Region, &k.Resource); err != nil {
						t.Fatal(err)
					}
					if i > 0 && !prev.less(k) {
						t.Fatalf("%s: lifecycle %v numbered after %v: not in key order", name, k, prev)
					}
					prev = k
				}
				rows.Close()
			}
			if !reflect.DeepEqual(lcs[0], lcs[1]) || !reflect.DeepEqual(fss[0], fss[1]) {
				t.Fatal("the scans recorded from the report and from Results differ")
			}
			n := 2*recordBatch + 123
			if len(fss[0]) != n {
				t.Fatalf("%d lifecycles, want %d (one per key)", len(fss[0]), n)
			}
			var gone, resolved, waivedSeen int
			for k, f := range fss[0] {
				var i int
				fmt.Sscanf(k.Resource, "arn:aws:s3:::b%06d", &i)
				evs := lcs[0][k]
				switch {
				case f.Message == "duplicate":
					t.Fatalf("%v: the duplicate counted, not the first result", k)
				case i%5 == 0:
					if f.Present || len(evs) != 2 || evs[1].State.Present {
						t.Fatalf("%v: dropped on day 1 but stored %+v with events %+v", k, f, evs)
					}
					gone++
				case i%7 == 0 && i%3 != 0:
					if f.Status != "pass" || f.ResolvedScan == 0 || len(evs) != 2 {
						t.Fatalf("%v: fixed on day 1 but stored %+v with events %+v", k, f, evs)
					}
					resolved++
				default:
					if !f.Present || len(evs) != 1 {
						t.Fatalf("%v: unchanged but stored %+v with events %+v", k, f, evs)
					}
				}
				if i == 11 && f.WaivedFrom == "fail" && f.Waiver != "" {
					waivedSeen++
				}
			}
			if gone == 0 || resolved == 0 || waivedSeen != 1 {
				t.Fatalf("gone %d, resolved %d, waived %d: the scans do not exercise what they should", gone, resolved, waivedSeen)
			}
		})
	}
}
