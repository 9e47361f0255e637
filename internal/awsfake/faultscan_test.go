package awsfake_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/awsfake"
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/collect"
	collectaws "github.com/shoulder-dev/shoulder/internal/collect/aws"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/state"
	"github.com/shoulder-dev/shoulder/internal/synth"
)

// demoWithoutGaps is the expressible demo account with its own gaps
// removed: the fault tests inject their own.
func demoWithoutGaps(t testing.TB) *state.Account {
	t.Helper()
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	a.Gaps = state.Gaps{}
	return awsfake.Expressible(a)
}

// scan collects from a fake serving a with the given faults and runs every
// check over the result.
func scan(t testing.TB, a *state.Account, o awsfake.Options, tune func(*collectaws.Options)) (*collectaws.Result, *engine.Report, awsfake.Stats) {
	t.Helper()
	r := start(t, a, o)
	res := collectFrom(t, r, a, tune)
	return res, engine.Run(checks.All(), res.Account, nil), r.Stats()
}

type resultKey struct{ check, resource string }

func index(rep *engine.Report) map[resultKey]engine.Finding {
	m := map[resultKey]engine.Finding{}
	for _, f := range rep.Results {
		m[resultKey{f.CheckID, f.Resource}] = f
	}
	return m
}

// attributable reports whether a result is an unknown that gives its
// reason. (Checks that consult the gaps name the operation; checks that
// notice a missing reference, such as a key that is not among the
// collected keys, say so in their own words.)
func attributable(f engine.Finding, action string) bool {
	return f.Status == check.Unknown && strings.TrimSpace(f.Message) != ""
}

// violation is one result that broke the fault property.
type violation struct {
	check string
	what  string
}

// compareUnderFault checks the fault tests' property: every result that
// differs from the fault-free scan is an unknown that gives its reason; no
// result became pass (or fail, or not_applicable) on missing data; a result
// that vanished (its resource could not be listed) is replaced by an
// unknown of the same check. It returns how many results changed and the
// violations.
func compareUnderFault(base, faulted *engine.Report, action string) (int, []violation) {
	b, f := index(base), index(faulted)
	changed := 0
	var out []violation
	unknownByCheck := map[string]bool{}
	for k, x := range f {
		if attributable(x, action) {
			unknownByCheck[k.check] = true
		}
	}
	for k, was := range b {
		now, ok := f[k]
		switch {
		case !ok:
			changed++
			if !unknownByCheck[k.check] {
				out = append(out, violation{k.check, fmt.Sprintf("%s (%s) vanished without an unknown of the same check", k.resource, was.Status)})
			}
		case now.Status != was.Status:
			changed++
			if !attributable(now, action) {
				out = append(out, violation{k.check, fmt.Sprintf("%s went %s -> %s (%q)", k.resource, was.Status, now.Status, now.Message)})
			}
		}
	}
	for k, now := range f {
		if _, ok := b[k]; ok {
			continue
		}
		changed++
		if !attributable(now, action) {
			out = append(out, violation{k.check, fmt.Sprintf("new result on %s is %s (%q)", k.resource, now.Status, now.Message)})
		}
	}
	return changed, out
}

// TestAccessDeniedMakesOnlyItsChecksUnknown denies one operation at a time
// (every declared operation, in every region) and compares the scan with
// the fault-free one. The operations the built-in checks read are listed in
// mustMatter: denying one of them must change at least one result.
func TestAccessDeniedMakesOnlyItsChecksUnknown(t *testing.T) {
	a := demoWithoutGaps(t)
	_, base, _ := scan(t, a, awsfake.Options{}, nil)
	mustMatter := map[string]bool{
		// Not GetBucketAcl: the demo's account-level IgnorePublicAcls makes
		// every ACL irrelevant to publicity, so an unread ACL changes nothing.
		"s3:ListBuckets": true, "s3:GetBucketPolicy": true, "ec2:DescribeSecurityGroups": true,
		"ec2:GetEbsEncryptionByDefault": true, "cloudtrail:DescribeTrails": true, "kms:ListKeys": true,
		// The demo's WorkSpaces are classified confidential by their tags:
		// without them, their key custody requirement is unknown.
		"tagging:GetResources": true,
		// The demo's contractor-ssh group admits SSH from a prefix list:
		// without the list or its entries, its verdicts are unknown.
		"ec2:DescribeManagedPrefixLists": true, "ec2:GetManagedPrefixListEntries": true,
	}
	ops := collect.Operations()
	if testing.Short() {
		var few []collect.Operation
		for _, op := range ops {
			if mustMatter[op.Key()] {
				few = append(few, op)
			}
		}
		ops = few
	}
	for _, op := range ops {
		if op.Service == "sts" {
			continue // without the caller's identity nothing is collected: Collect fails, tested in collect/aws
		}
		t.Run(op.Key(), func(t *testing.T) {
			fault := awsfake.Fault{Service: op.Service, Action: op.Action, Kind: awsfake.FaultAccessDenied}
			res, rep, st := scan(t, a, awsfake.Options{Faults: []awsfake.Fault{fault}}, func(o *collectaws.Options) { o.MaxAttempts = 2 })
			denied := st.Faulted[op.Key()]
			gaps := 0
			for _, g := range res.Account.Gaps.All() {
				if g.Service == op.Service && g.Operation == op.Action {
					gaps++
					if g.Reason != state.ReasonAccessDenied {
						t.Errorf("gap %s has reason %s, want access_denied", g, g.Reason)
					}
				}
			}
			if denied > 0 && gaps == 0 {
				t.Errorf("%d calls denied but no gap recorded", denied)
			}
			changed, bad := compareUnderFault(base, rep, op.Action)
			for _, v := range bad {
				t.Errorf("%s with %s denied: %s", v.check, op.Key(), v.what)
			}
			if mustMatter[op.Key()] && changed == 0 {
				t.Errorf("denying %s changed no result: the checks that read it did not notice", op.Key())
			}
		})
	}
}

// TestThrottlingStormCompletes throttles three of every four calls of one
// action in one region: the collection still completes with the same
// state, and the stats show the throttles and the retries.
func TestThrottlingStormCompletes(t *testing.T) {
	a := awsfake.Expressible(synth.Account(synth.Options{Seed: 11, Resources: 1500}))
	storm := awsfake.Fault{Service: "ec2", Action: "DescribeSnapshots", Region: a.ScannedRegions()[0], Kind: awsfake.FaultThrottle, Fail: 3, Of: 4}
	r := start(t, a, awsfake.Options{Faults: []awsfake.Fault{storm}})
	res := collectFrom(t, r, a, func(o *collectaws.Options) {
		o.MaxBackoff = 20 * time.Millisecond
		o.Rates = map[string]collect.Rate{"ec2:DescribeSnapshots": {RPS: 1000, Burst: 1000}}
	})
	assertSame(t, a, res.Account)
	var st collect.ActionStats
	for _, s := range res.Stats.Snapshot() {
		if s.Service == "ec2" && s.Action == "DescribeSnapshots" {
			st = s
		}
	}
	if st.Throttles == 0 || st.Retries < st.Throttles || st.Errors != 0 {
		t.Errorf("DescribeSnapshots stats %+v: want throttles, as many retries, no errors", st)
	}
	if fake := r.Stats().Throttled["ec2:DescribeSnapshots"]; int64(fake) != st.Throttles {
		t.Errorf("the fake throttled %d calls, the collector counted %d", fake, st.Throttles)
	}
}

// TestDisabledRegionIsNotAnError: a region the account has not opted in to
// is recorded as region_disabled, never called, and no check fails or
// errs on it; asking for it explicitly changes nothing.
func TestDisabledRegionIsNotAnError(t *testing.T) {
	a := awsfake.Expressible(synth.Account(synth.Options{Seed: 12, Resources: 300}))
	for _, ask := range [][]string{nil, append(a.ScannedRegions(), synth.DisabledRegion)} {
		t.Run(fmt.Sprint("regions=", ask), func(t *testing.T) {
			res, rep, st := scan(t, a, awsfake.Options{}, func(o *collectaws.Options) { o.Regions = ask })
			var reg state.Region
			for _, x := range res.Account.Regions {
				if x.Name == synth.DisabledRegion {
					reg = x
				}
			}
			if reg.Name == "" || reg.Enabled || reg.Scanned {
				t.Errorf("region %+v: want listed, not enabled, not scanned", reg)
			}
			found := false
			for _, g := range res.Account.Gaps.All() {
				if g.Region != synth.DisabledRegion {
					continue
				}
				if g.Reason != state.ReasonRegionDisabled {
					t.Errorf("gap %s: a disabled region is not an error", g)
				}
				found = true
			}
			if !found {
				t.Error("no region_disabled gap")
			}
			for k, n := range st.CallsByRegion {
				if strings.HasSuffix(k, "@"+synth.DisabledRegion) {
					t.Errorf("%d calls to the disabled region: %s", n, k)
				}
			}
			for _, f := range rep.Results {
				if f.Region == synth.DisabledRegion && f.Status != check.NotApplicable {
					t.Errorf("%s on %s in the disabled region: %s (%s)", f.CheckID, f.Resource, f.Status, f.Message)
				}
			}
		})
	}
}

// TestTimeoutIsAGapNotAHang: an action whose endpoint never answers
// becomes a timeout gap after the per-call timeout, and the collection
// finishes (the context bound only guards against a hang).
func TestTimeoutIsAGapNotAHang(t *testing.T) {
	a := awsfake.Expressible(synth.Account(synth.Options{Seed: 13, Resources: 300}))
	region := a.ScannedRegions()[0]
	hang := awsfake.Fault{Service: "kms", Action: "ListKeys", Region: region, Kind: awsfake.FaultTimeout}
	r := start(t, a, awsfake.Options{Faults: []awsfake.Fault{hang}})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	// The timeout is long enough that no answered call reaches it on a
	// loaded 2-core machine (at 300 ms, other regions' KMS calls sometimes
	// did under a full parallel test run), and short enough to keep the
	// test quick; fewer workers keep the load down.
	res, err := collectaws.Collect(ctx, collectOptions(r, a, func(o *collectaws.Options) {
		o.CallTimeout = 2 * time.Second
		o.Concurrency = 16
	}))
	if err != nil {
		t.Fatal(err)
	}
	if res.Interrupted {
		t.Fatal("the collection hung until the guard deadline")
	}
	g, ok := res.Account.Gaps.Find("kms", region, "ListKeys", "")
	if !ok || g.Reason != state.ReasonTimeout {
		t.Fatalf("want a timeout gap for kms ListKeys in %s, got %v %v", region, g, ok)
	}
	// Only that listing is missing: the other regions' keys were read.
	want := 0
	for _, k := range a.KMS.Keys {
		if k.Region != region {
			want++
		}
	}
	if got := len(res.Account.KMS.Keys); got != want {
		t.Errorf("%d keys collected, want the %d outside %s", got, want, region)
	}
}
