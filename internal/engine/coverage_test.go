package engine

import (
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
)

func TestCoverage(t *testing.T) {
	r := func(st check.Status, res string) check.Result {
		return check.Result{Status: st, Resource: "arn:aws:s3:::" + res, Message: "m"}
	}
	waive := &policy.Policy{Waivers: []policy.Waiver{
		{Check: "test_fixed", Resource: "arn:aws:s3:::waived-*", Reason: "r", Owner: "o", Expires: now.AddDate(0, 1, 0)},
	}}
	for _, tc := range []struct {
		name                  string
		results               []check.Result
		pol                   *policy.Policy
		applicable, evaluated int
		percent               float64
		below                 map[float64]bool
	}{
		{"all evaluated", []check.Result{r(check.Pass, "a"), r(check.Fail, "b")}, nil, 2, 2, 100, map[float64]bool{100: false}},
		{"n/a and manual do not count", []check.Result{r(check.Pass, "a"), r(check.NotApplicable, "b"), r(check.Manual, "c"), r(check.Unknown, "d")}, nil,
			2, 1, 50, map[float64]bool{50: false, 50.1: true}},
		{"nothing applies", []check.Result{r(check.NotApplicable, "a")}, nil, 0, 0, 100, map[float64]bool{100: false}},
		{"nothing evaluated", []check.Result{r(check.Unknown, "a"), r(check.Unknown, "b")}, nil, 2, 0, 0, map[float64]bool{0: false, 1: true}},
		// A waived failure was evaluated; a waived unknown was not.
		{"waivers", []check.Result{r(check.Fail, "waived-fail"), r(check.Unknown, "waived-unknown"), r(check.Pass, "c")}, waive,
			3, 2, 66.6, map[float64]bool{66.6: false, 66.7: true}},
		// 999 of 1000 is shown as 99.9, never rounded up to 100.
		{"rounds down", append(repeat(r(check.Pass, "p"), 999), r(check.Unknown, "u")), nil, 1000, 999, 99.9, map[float64]bool{100: true, 99.9: false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := Run([]check.Check{fixed(tc.results...)}, acct(), tc.pol)
			c := rep.Coverage()
			if c.Applicable != tc.applicable || c.Evaluated != tc.evaluated || c.Percent() != tc.percent {
				t.Errorf("coverage %+v %.1f%%, want %d/%d %.1f%%", c, c.Percent(), tc.evaluated, tc.applicable, tc.percent)
			}
			for min, want := range tc.below {
				if c.Below(min) != want {
					t.Errorf("Below(%v) = %v", min, !want)
				}
			}
		})
	}
}

func repeat(r check.Result, n int) []check.Result {
	out := make([]check.Result, n)
	for i := range out {
		out[i] = r
		out[i].Resource += string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676))
	}
	return out
}
