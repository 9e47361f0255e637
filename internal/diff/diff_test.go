package diff

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
)

func rep(fs ...engine.Finding) *engine.Report {
	return &engine.Report{AccountID: "111111111111", Results: fs}
}

func fnd(id, res string, st check.Status, sev check.Severity) engine.Finding {
	return engine.Finding{Result: check.Result{CheckID: id, Resource: res, Status: st, Severity: sev, Message: string(st) + " " + res}}
}

func keys(l []Change) []string {
	var out []string
	for _, c := range l {
		out = append(out, c.CheckID+"@"+c.Resource+":"+string(c.OldStatus)+">"+string(c.NewStatus))
	}
	return out
}

func TestCompare(t *testing.T) {
	old := rep(
		fnd("a", "r1", check.Pass, check.High),        // -> fail: new
		fnd("a", "r2", check.Fail, check.High),        // -> fail: still
		fnd("a", "r3", check.Fail, check.High),        // -> pass: fixed
		fnd("a", "r4", check.Fail, check.Medium),      // gone: fixed
		fnd("a", "r5", check.Pass, check.Low),         // -> unknown: changed
		fnd("a", "r6", check.Fail, check.Critical),    // -> unknown: no longer evaluated, not fixed
		fnd("a", "r7", check.Fail, check.High),        // -> waived: changed
		fnd("b", "r1", check.Unknown, check.Critical), // -> fail: new
		fnd("b", "r2", check.Pass, check.Low),         // gone, was passing: not reported
		fnd("b", "r3", check.Fail, check.Low),         // -> not_applicable: fixed
		fnd("b", "r4", check.Waived, check.High),      // -> fail (waiver expired): new
	)
	cur := rep(
		fnd("a", "r1", check.Fail, check.High),
		fnd("a", "r2", check.Fail, check.High),
		fnd("a", "r3", check.Pass, check.High),
		fnd("a", "r5", check.Unknown, check.Low),
		fnd("a", "r6", check.Unknown, check.Critical),
		fnd("a", "r7", check.Waived, check.High),
		fnd("b", "r1", check.Fail, check.Critical),
		fnd("b", "r3", check.NotApplicable, check.Low),
		fnd("b", "r4", check.Fail, check.High),
		fnd("c", "r9", check.Fail, check.Low), // absent before: new
		fnd("c", "r8", check.Pass, check.Low), // absent before, passing: not reported
	)
	d := Compare(old, cur)
	tests := []struct {
		name string
		got  []Change
		want []string
	}{
		{"new", d.NewFailures, []string{"b@r1:unknown>fail", "a@r1:pass>fail", "b@r4:waived>fail", "c@r9:>fail"}},
		{"fixed", d.Fixed, []string{"a@r3:fail>pass", "a@r4:fail>", "b@r3:fail>not_applicable"}},
		{"still", d.StillFailing, []string{"a@r2:fail>fail"}},
		{"no longer evaluated", d.NoLongerEvaluated, []string{"a@r6:fail>unknown"}},
		{"changed", d.Changed, []string{"a@r7:fail>waived", "a@r5:pass>unknown"}},
	}
	for _, tc := range tests {
		if g := strings.Join(keys(tc.got), " "); g != strings.Join(tc.want, " ") {
			t.Errorf("%s = %s\nwant %s", tc.name, g, strings.Join(tc.want, " "))
		}
	}
	if n := d.NewAtOrAbove(check.High); n != 3 {
		t.Errorf("NewAtOrAbove(high) = %d, want 3", n)
	}
	if n := d.NewAtOrAbove(check.Critical); n != 1 {
		t.Errorf("NewAtOrAbove(critical) = %d, want 1", n)
	}
	if n := Compare(cur, cur).NewAtOrAbove(check.Info); n != 0 {
		t.Errorf("a result compared with itself has %d new failures", n)
	}
	// The failure that became unknown holds the gate at critical.
	if n := d.GateAtOrAbove(check.Critical); n != 2 {
		t.Errorf("GateAtOrAbove(critical) = %d, want 2 (b@r1 new, a@r6 no longer evaluated)", n)
	}
}

func regional(id, res, region string, st check.Status, sev check.Severity) engine.Finding {
	f := fnd(id, res, st, sev)
	f.Region = region
	return f
}

// TestCompareNarrowed: a failure absent from a narrower or degraded new
// scan is never fixed; it is "no longer evaluated", holds the gate, and
// says why. Only a scan that covered the same check, region and account
// can call an absent failure fixed.
func TestCompareNarrowed(t *testing.T) {
	old := rep(
		regional("a", "r1", "eu-west-1", check.Fail, check.High),      // region dropped
		regional("a", "r2", "eu-central-1", check.Fail, check.High),   // gone in a covered region: fixed
		regional("b", "r3", "eu-central-1", check.Fail, check.Medium), // check dropped
		regional("c", "r4", "eu-central-1", check.Fail, check.Low),    // -> unknown (degraded)
		regional("c", "r5", "ap-south-1", check.Fail, check.Low),      // region neither scan covered (global listing): gone = fixed
		regional("c", "r6", "", check.Fail, check.Low),                // global, check still run: gone = fixed
		regional("b", "r7", "eu-central-1", check.Pass, check.High),   // pass, check dropped: not a failure
	)
	old.ChecksRun = []string{"a", "b", "c"}
	old.RegionsScanned = []string{"eu-central-1", "eu-west-1"}
	unknown := regional("c", "r4", "eu-central-1", check.Unknown, check.Low)
	unknown.Message = "access denied"
	cur := rep(regional("a", "x", "eu-central-1", check.Pass, check.High), unknown)
	cur.ChecksRun = []string{"a", "c"}
	cur.RegionsScanned = []string{"eu-central-1"}

	tests := []struct {
		name      string
		old, cur  *engine.Report
		nle       []string
		fixed     []string
		narrowed  Narrowing
		gateHigh  int
		reasonFor map[string]string
	}{
		{
			name: "recorded coverage", old: old, cur: cur,
			nle:      []string{"a@r1:fail>", "b@r3:fail>", "c@r4:fail>unknown"},
			fixed:    []string{"a@r2:fail>", "c@r5:fail>", "c@r6:fail>"},
			narrowed: Narrowing{Checks: []string{"b"}, Regions: []string{"eu-west-1"}},
			gateHigh: 1,
			reasonFor: map[string]string{"a@r1": "region eu-west-1 was not scanned in the new scan",
				"b@r3": "check b was not run in the new scan", "c@r4": "unknown in the new scan: access denied"},
		},
		{
			// Results written before checks_run/regions_scanned: a check or
			// region with no result at all in the new scan is not covered.
			name: "inferred coverage", old: strip(old), cur: strip(cur),
			nle:      []string{"a@r1:fail>", "b@r3:fail>", "c@r4:fail>unknown", "c@r5:fail>"},
			fixed:    []string{"a@r2:fail>", "c@r6:fail>"},
			narrowed: Narrowing{Checks: []string{"b"}, Regions: []string{"ap-south-1", "eu-west-1"}},
			gateHigh: 1,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := Compare(tc.old, tc.cur)
			if g, w := strings.Join(keys(d.NoLongerEvaluated), " "), strings.Join(tc.nle, " "); g != w {
				// keys are sorted by severity, then check, then resource
				t.Errorf("no longer evaluated = %s\nwant %s", g, w)
			}
			if g, w := strings.Join(keys(d.Fixed), " "), strings.Join(tc.fixed, " "); g != w {
				t.Errorf("fixed = %s\nwant %s", g, w)
			}
			if strings.Join(d.Narrowed.Checks, ",") != strings.Join(tc.narrowed.Checks, ",") || strings.Join(d.Narrowed.Regions, ",") != strings.Join(tc.narrowed.Regions, ",") || d.Narrowed.AccountChanged {
				t.Errorf("narrowed = %+v, want %+v", d.Narrowed, tc.narrowed)
			}
			if n := d.GateAtOrAbove(check.High); n != tc.gateHigh {
				t.Errorf("GateAtOrAbove(high) = %d, want %d", n, tc.gateHigh)
			}
			if n := d.NewAtOrAbove(check.Info); n != 0 {
				t.Errorf("%d new failures, want 0", n)
			}
			for _, c := range d.NoLongerEvaluated {
				if want, ok := tc.reasonFor[c.CheckID+"@"+c.Resource]; ok && c.Reason != want {
					t.Errorf("%s@%s: reason %q, want %q", c.CheckID, c.Resource, c.Reason, want)
				}
				if c.Reason == "" {
					t.Errorf("%s@%s: no reason", c.CheckID, c.Resource)
				}
			}
		})
	}
}

func strip(r *engine.Report) *engine.Report {
	c := *r
	c.ChecksRun, c.RegionsScanned = nil, nil
	return &c
}

// TestCompareAccountChanged: nothing of another account's result fixes a
// failure.
func TestCompareAccountChanged(t *testing.T) {
	old := rep(fnd("a", "arn:aws:s3:::b", check.Fail, check.High))
	cur := rep(fnd("a", "arn:aws:s3:::other", check.Pass, check.High))
	cur.AccountID = "222222222222"
	d := Compare(old, cur)
	if len(d.Fixed) != 0 || len(d.NoLongerEvaluated) != 1 || d.NoLongerEvaluated[0].Reason != "the new result is of another account" || !d.Narrowed.AccountChanged {
		t.Errorf("fixed %v, no longer evaluated %+v, narrowed %+v", keys(d.Fixed), d.NoLongerEvaluated, d.Narrowed)
	}
	if d.GateAtOrAbove(check.High) != 1 {
		t.Error("a failure of the old account passes the gate")
	}
}

func TestRenderers(t *testing.T) {
	d := Compare(rep(fnd("a", "arn:aws:s3:::b", check.Pass, check.High), fnd("z", "arn:aws:s3:::gone", check.Fail, check.Medium)), rep(fnd("a", "arn:aws:s3:::b", check.Fail, check.High), fnd("x|y", "arn:aws:s3:::c", check.Fail, check.Low)))
	d.Old, d.New = Side{File: "old.json", AccountID: "1"}, Side{File: "new.json", AccountID: "2"}
	var b bytes.Buffer
	if err := JSON(&b, d); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		SchemaVersion int            `json:"schema_version"`
		Summary       map[string]int `json:"summary"`
		NewFailures   []Change       `json:"new_failures"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.SchemaVersion != SchemaVersion || doc.Summary["new_failures"] != 2 || doc.Summary["no_longer_evaluated"] != 1 || len(doc.NewFailures) != 2 || doc.NewFailures[0].Severity != check.High {
		t.Errorf("JSON: %+v", doc)
	}
	b.Reset()
	if err := Table(&b, d); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"NEW FAILURES (2)", "[pass -> fail]", "different accounts", "NO LONGER EVALUATED (not fixed) (1)", "not evaluated: check z was not run in the new scan", "it did not evaluate 1 check (z) of the old scan"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
	b.Reset()
	if err := Markdown(&b, d); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"### New failures (2)", "| 🔴 new failures | 2 |", "### No longer evaluated (not fixed) (1)", "| 🟡 no longer evaluated (not fixed) | 1 |", "| `a` | `s3:::b` |", "x\\|y"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, b.String())
		}
	}
}
