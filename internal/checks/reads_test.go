package checks

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/collect"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/regions"
	"github.com/shoulder-dev/shoulder/internal/state"
	"github.com/shoulder-dev/shoulder/internal/synth"
)

// readsScenario is one account and policy every check runs on while its
// gap lookups are recorded.
type readsScenario struct {
	name string
	acct *state.Account
	pol  *policy.Policy
}

func demoPolicy(t testing.TB) *policy.Policy {
	t.Helper()
	names := policy.Names{Jurisdiction: func(s string) ([]string, error) { return regions.InJurisdiction(s), nil }}
	pol, err := policy.Parse("demo shoulder.yaml", demo.Policy(), names)
	if err != nil {
		t.Fatal(err)
	}
	return pol
}

func loadDemo(t testing.TB) *state.Account {
	t.Helper()
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// readsScenarios: the demo and a synthetic account under the demo's policy
// (the demo also under the default one); the demo with each declared
// operation denied in turn (a gap with no region covers every region, and
// with no resource every resource); both with every operation denied; and
// the harness cases. Denying one operation at a time walks the paths a check takes
// past the first gap it meets.
func readsScenarios(t testing.TB) []readsScenario {
	t.Helper()
	pol := demoPolicy(t)
	sy := func() *state.Account { return synth.Account(synth.Options{Seed: 7, Resources: 60}) }
	out := []readsScenario{
		{"demo", loadDemo(t), pol},
		{"demo, default policy", loadDemo(t), policy.Default()},
		{"synth", sy(), pol},
	}
	ops := collect.Operations()
	all := loadDemo(t)
	allSynth := sy()
	for _, o := range ops {
		g := state.Gap{Service: o.Service, Operation: o.Action, Reason: state.ReasonAccessDenied, Message: "denied by the reads test"}
		a := loadDemo(t)
		a.Gaps.Add(g)
		all.Gaps.Add(g)
		allSynth.Gaps.Add(g)
		out = append(out, readsScenario{"demo without " + o.Key(), a, pol})
	}
	out = append(out, readsScenario{"demo without any operation", all, pol}, readsScenario{"synth without any operation", allSynth, pol})
	for id, cases := range allCases() {
		for _, c := range cases {
			p := c.pol
			if p == nil {
				p = policy.Default()
			}
			out = append(out, readsScenario{id + "/" + c.name, c.acct, p})
		}
	}
	return out
}

// observeLookups runs c on every scenario and returns the lookups it made.
func observeLookups(c check.Check, scenarios []readsScenario) map[state.Lookup]bool {
	seen := map[state.Lookup]bool{}
	for _, s := range scenarios {
		s.acct.Gaps.Observe(func(l state.Lookup) { seen[l] = true })
		if f := s.acct.OrgFacts; f != nil {
			f.Gaps.Observe(func(l state.Lookup) { seen[l] = true })
		}
		c.Run(s.acct, s.pol)
		s.acct.Gaps.Observe(nil)
		if f := s.acct.OrgFacts; f != nil {
			f.Gaps.Observe(nil)
		}
	}
	return seen
}

// readsProblems lists what is wrong with the lookups seen while running
// check c: an input it does not declare, an operation no collector
// declares, an operation looked up by name that fills none of its inputs.
// missing are the undeclared inputs, for the message that says what to add.
func readsProblems(c check.Check, seen map[state.Lookup]bool, declared map[string]bool) (problems []string, missing []string) {
	in := map[state.Input]bool{}
	for _, x := range c.Reads {
		in[x] = true
	}
	miss := map[string]bool{}
	for l := range seen {
		if l.Input != "" {
			if len(l.Input.Operations()) == 0 {
				problems = append(problems, fmt.Sprintf("looks up input %q, which no declared operation fills (an operation name passed where a state.Input constant belongs?)", l.Input))
				continue
			}
			if !in[l.Input] {
				miss[string(l.Input)] = true
			}
			continue
		}
		key := l.Service + ":" + l.Operation
		if !declared[key] {
			problems = append(problems, fmt.Sprintf("looks up operation %s, which no collector declares (internal/collect/ops.go)", key))
			continue
		}
		fills := state.InputsOf(l.Service, l.Operation)
		ok := false
		for _, x := range fills {
			ok = ok || in[x]
		}
		if !ok {
			problems = append(problems, fmt.Sprintf("looks up operation %s by name, filling %v, none of which it reads; look it up with Gaps.ForInput", key, fills))
		}
	}
	for x := range miss {
		missing = append(missing, x)
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		problems = append(problems, "looks up inputs it does not declare in checkReads (reads.go): "+strings.Join(missing, ", "))
	}
	sort.Strings(problems)
	return problems, missing
}

func declaredOperations() map[string]bool {
	declared := map[string]bool{}
	for _, o := range collect.Operations() {
		declared[o.Service+":"+o.Action] = true
	}
	return declared
}

// TestCheckReads: a check looks gaps up only for the inputs it declares in
// Reads (checkReads), and only by inputs or operations the collectors
// declare. A lookup by operation name (Gaps.Find) must name a declared
// operation that fills one of the check's inputs.
func TestCheckReads(t *testing.T) {
	scenarios := readsScenarios(t)
	declared := declaredOperations()
	reads := checkReads()
	for _, c := range All() {
		if _, ok := reads[c.ID]; !ok {
			t.Errorf("%s: no entry in checkReads (reads.go); list the inputs it reads", c.ID)
		}
		dup := map[state.Input]bool{}
		for _, x := range c.Reads {
			if dup[x] {
				t.Errorf("%s: reads %s twice", c.ID, x)
			}
			dup[x] = true
			if len(x.Operations()) == 0 {
				t.Errorf("%s: reads %s, which no declared operation fills", c.ID, x)
			}
		}
		problems, _ := readsProblems(c, observeLookups(c, scenarios), declared)
		for _, p := range problems {
			t.Errorf("%s: %s", c.ID, p)
		}
	}
}

// TestReadsProblems: the rule TestCheckReads applies catches each kind of
// stray lookup, and accepts the declared ones.
func TestReadsProblems(t *testing.T) {
	declared := declaredOperations()
	c := check.Check{ID: "x", Reads: []state.Input{state.InputS3Buckets, state.InputS3BucketPolicy}}
	for _, tc := range []struct {
		name   string
		lookup state.Lookup
		want   string // "" when fine
	}{
		{"declared input", state.Lookup{Input: state.InputS3BucketPolicy}, ""},
		{"undeclared input", state.Lookup{Input: state.InputS3BucketACL}, "does not declare"},
		{"operation of a declared input", state.Lookup{Service: "s3", Operation: "GetBucketPolicy"}, ""},
		{"operation of another input", state.Lookup{Service: "s3", Operation: "GetBucketAcl"}, "none of which it reads"},
		{"operation no collector declares", state.Lookup{Service: "backup", Operation: "DescribeBackupVault"}, "no collector declares"},
		{"operation name as an input", state.Lookup{Input: "GetBucketPolicy"}, "no declared operation fills"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			problems, _ := readsProblems(c, map[state.Lookup]bool{tc.lookup: true}, declared)
			got := strings.Join(problems, "; ")
			if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
				t.Errorf("problems = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestCheckReadsNamesRegisteredChecks: no entry of checkReads names a
// check that does not exist (a renamed check would keep stale reads).
func TestCheckReadsNamesRegisteredChecks(t *testing.T) {
	by := ByID()
	for id := range checkReads() {
		if _, ok := by[id]; !ok {
			t.Errorf("checkReads names %s, which is not a registered check", id)
		}
	}
}
