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
		fnd("a", "r6", check.Fail, check.Critical),    // -> unknown: changed, not fixed
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
		{"changed", d.Changed, []string{"a@r6:fail>unknown", "a@r7:fail>waived", "a@r5:pass>unknown"}},
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
}

func TestRenderers(t *testing.T) {
	d := Compare(rep(fnd("a", "arn:aws:s3:::b", check.Pass, check.High)), rep(fnd("a", "arn:aws:s3:::b", check.Fail, check.High), fnd("x|y", "arn:aws:s3:::c", check.Fail, check.Low)))
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
	if doc.SchemaVersion != SchemaVersion || doc.Summary["new_failures"] != 2 || len(doc.NewFailures) != 2 || doc.NewFailures[0].Severity != check.High {
		t.Errorf("JSON: %+v", doc)
	}
	b.Reset()
	if err := Table(&b, d); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"NEW FAILURES (2)", "[pass -> fail]", "different accounts"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
	b.Reset()
	if err := Markdown(&b, d); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"### New failures (2)", "| 🔴 new failures | 2 |", "| `a` | `s3:::b` |", "x\\|y"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, b.String())
		}
	}
}
