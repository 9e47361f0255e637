package engine_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/regions"
	"github.com/shoulder-dev/shoulder/internal/state"
	"github.com/shoulder-dev/shoulder/internal/synth"
)

// recorder is a sink that copies what it is given, and can fail after a
// number of checks.
type recorder struct {
	starts, ends int
	header       engine.Report
	checks       []string
	findings     []engine.Finding
	failAfter    int // fail on this call of Findings (1-based); 0 never
}

func (r *recorder) Start(h *engine.Report) error {
	r.starts++
	r.header = *h
	return nil
}

func (r *recorder) Findings(c *check.Check, fs []engine.Finding) error {
	r.checks = append(r.checks, c.ID)
	if r.failAfter > 0 && len(r.checks) == r.failAfter {
		return errors.New("disk full")
	}
	r.findings = append(r.findings, fs...)
	return nil
}

func (r *recorder) End(*engine.Report) error {
	r.ends++
	return nil
}

func demoPolicy(t *testing.T) *policy.Policy {
	t.Helper()
	names := policy.Names{Jurisdiction: func(s string) ([]string, error) { return regions.InJurisdiction(s), nil }}
	p, err := policy.Parse("demo shoulder.yaml", demo.Policy(), names)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestStreamAgreesWithRun: the findings streamed, one check after another,
// are Run's results in the same order, and the summary, waiver issues,
// coverage and failure counts of the streamed report (which holds no
// results) are those Run counts from its results.
func TestStreamAgreesWithRun(t *testing.T) {
	d, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		a    *state.Account
		p    *policy.Policy
	}{
		{"demo", d, demoPolicy(t)},
		{"synthetic", synth.Account(synth.Options{Seed: 7, Resources: 3000}), policy.Default()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			all := checks.All()
			want := engine.Run(all, tc.a, tc.p)
			rec := &recorder{}
			got, err := engine.Stream(all, tc.a, tc.p, rec)
			if err != nil {
				t.Fatal(err)
			}
			if rec.starts != 1 || rec.ends != 1 || len(rec.checks) != len(all) {
				t.Fatalf("sink called Start %d, End %d, Findings %d times for %d checks", rec.starts, rec.ends, len(rec.checks), len(all))
			}
			if !reflect.DeepEqual(rec.checks, want.ChecksRun) {
				t.Errorf("checks streamed out of report order")
			}
			if len(rec.findings) != len(want.Results) || len(want.Results) == 0 {
				t.Fatalf("streamed %d findings, Run %d", len(rec.findings), len(want.Results))
			}
			for i := range want.Results {
				if !reflect.DeepEqual(rec.findings[i], want.Results[i]) {
					t.Fatalf("finding %d differs:\nstream %+v\nrun    %+v", i, rec.findings[i], want.Results[i])
				}
			}
			if got.Results != nil || rec.header.Results != nil {
				t.Errorf("a streamed report holds results")
			}
			if rec.header.AccountID != want.AccountID || !reflect.DeepEqual(rec.header.ChecksRun, want.ChecksRun) ||
				!reflect.DeepEqual(rec.header.Gaps, want.Gaps) || !rec.header.EvaluatedAt.Equal(want.EvaluatedAt) {
				t.Errorf("header differs from Run's report")
			}
			if !reflect.DeepEqual(got.Summary, want.Summary) {
				t.Errorf("summary: stream %+v, run %+v", got.Summary, want.Summary)
			}
			if !reflect.DeepEqual(got.WaiverIssues, want.WaiverIssues) {
				t.Errorf("waiver issues: stream %+v, run %+v", got.WaiverIssues, want.WaiverIssues)
			}
			if got.Coverage() != want.Coverage() {
				t.Errorf("coverage: stream %v, run %v", got.Coverage(), want.Coverage())
			}
			for s := check.Info; s <= check.Critical; s++ {
				if g, w := got.FailuresAtOrAbove(s), want.FailuresAtOrAbove(s); g != w {
					t.Errorf("failures at or above %v: stream %d, run %d", s, g, w)
				}
			}
		})
	}
}

// TestStreamStopsOnSinkError: a sink that fails (a full disk) stops the
// evaluation, its error is returned and End is never called.
func TestStreamStopsOnSinkError(t *testing.T) {
	d, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{failAfter: 3}
	_, err = engine.Stream(checks.All(), d, demoPolicy(t), rec)
	if err == nil || err.Error() != "disk full" {
		t.Fatalf("err = %v, want the sink's", err)
	}
	if len(rec.checks) != 3 || rec.ends != 0 {
		t.Errorf("after the error: %d checks streamed, End called %d times", len(rec.checks), rec.ends)
	}
}

// TestSharedEvaluationAgreesWithChecksAlone: what an evaluation shares
// between its checks (policy parses, indexes, reused result and finding
// slices; state.Derive, state.Spares) changes no result: every check's
// findings are what the check returns when run alone on the account.
func TestSharedEvaluationAgreesWithChecksAlone(t *testing.T) {
	d, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		a    *state.Account
		p    *policy.Policy
	}{
		{"demo", d, demoPolicy(t)},
		{"synthetic", synth.Account(synth.Options{Seed: 3, Resources: 4000}), policy.Default()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			all := checks.All()
			rec := &recorder{}
			if _, err := engine.Stream(all, tc.a, tc.p, rec); err != nil {
				t.Fatal(err)
			}
			byCheck := map[string][]engine.Finding{}
			for _, f := range rec.findings {
				byCheck[f.CheckID] = append(byCheck[f.CheckID], f)
			}
			n := 0
			for _, c := range all {
				alone := c.Run(tc.a, tc.p)
				slices.SortStableFunc(alone, func(x, y check.Result) int { return strings.Compare(x.Resource, y.Resource) })
				got := byCheck[c.ID]
				if len(got) != len(alone) {
					t.Fatalf("%s: %d results alone, %d in the evaluation", c.ID, len(alone), len(got))
				}
				for i, r := range alone {
					n++
					f := got[i]
					same := f.Resource == r.Resource && f.Region == r.Region &&
						(f.Status == r.Status && f.Message == r.Message ||
							// A waiver turns a result into waived and says so.
							f.Status == check.Waived && strings.HasPrefix(f.Message, r.Message+" [waived"))
					if !same {
						t.Fatalf("%s result %d alone: %v %s %q; in the evaluation: %v %s %q", c.ID, i, r.Status, r.Resource, r.Message, f.Status, f.Resource, f.Message)
					}
				}
			}
			if n != len(rec.findings) || n == 0 {
				t.Errorf("checks alone gave %d results, the evaluation %d findings", n, len(rec.findings))
			}
		})
	}
}
