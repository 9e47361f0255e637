package store

import (
	"context"
	"fmt"
	"reflect"
	"strings"
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

// asRecording is the scan of rep built as a streamed scan builds it
// (Recording), its results added in batches of uneven sizes.
// The report's coverage counts every result (as a streamed report's
// does); its results are then only passed in batches.
func asRecording(rep *engine.Report, m Meta) *Scan {
	r := NewRecording(rep, m)
	held := rep.Results
	rep.Results = nil
	for lo, n := 0, 1; lo < len(held); lo, n = lo+n, n*3+1 {
		r.Add(held[lo:min(lo+n, len(held))])
	}
	return r.Scan()
}

// TestRecordInBatches records scans of more results than fit one insert
// batch, read from the report (FromReport), from a copy in Results and
// from batches of the report's results (Recording, what a streamed scan
// records), on every backend: all store the same scans, lifecycles and
// events; every key is
// one lifecycle whose first result counts; new lifecycles are numbered in
// key order across batches; gone and resolved findings get their events.
func TestRecordInBatches(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			var lcs [3]map[Key][]Event
			var fss [3]map[Key]Finding
			var scans [3][]string
			for v, name := range []string{"report", "results", "recording"} {
				s := open(t, b.dsn(t))
				for day := 0; day < 2; day++ {
					m := Meta{Who: "t", RecordedAt: time.Unix(1_800_000_000+int64(day)*86400, 0)}
					sc := FromReport(batchReport(day), m)
					switch name {
					case "results":
						sc = asResults(sc)
					case "recording":
						sc = asRecording(batchReport(day), m)
					}
					if _, err := s.Record(ctx, sc); err != nil {
						t.Fatalf("%s day %d: %v", name, day, err)
					}
				}
				srows, err := s.db.QueryContext(ctx, `SELECT accounts, regions, `+checksRunColumn+`, applicable, evaluated, results, counts, report_meta FROM scans ORDER BY id`)
				if err != nil {
					t.Fatal(err)
				}
				for srows.Next() {
					var c [8]string
					if err := srows.Scan(&c[0], &c[1], &c[2], &c[3], &c[4], &c[5], &c[6], &c[7]); err != nil {
						t.Fatal(err)
					}
					scans[v] = append(scans[v], strings.Join(c[:], "|"))
				}
				srows.Close()
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
			for v, name := range []string{"Results", "a Recording"} {
				if !reflect.DeepEqual(lcs[0], lcs[v+1]) || !reflect.DeepEqual(fss[0], fss[v+1]) || !reflect.DeepEqual(scans[0], scans[v+1]) {
					t.Fatalf("the scans recorded from the report and from %s differ", name)
				}
			}
			if len(scans[0]) != 2 {
				t.Fatalf("%d scans recorded, want 2", len(scans[0]))
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
