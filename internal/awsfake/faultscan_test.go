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
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/regions"
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
	// Without its gaps the demo reads as the security services' delegated
	// administrator would: their organization configuration is readable.
	a.GuardDuty.OrgConfigs, a.SecurityHub.OrgConfigs = nil, nil
	for _, d := range a.GuardDuty.Detectors {
		a.GuardDuty.OrgConfigs = append(a.GuardDuty.OrgConfigs, state.GuardDutyOrgConfig{Region: d.Region, DetectorID: d.ID, AutoEnable: "NONE"})
	}
	for _, h := range a.SecurityHub.Hubs {
		a.SecurityHub.OrgConfigs = append(a.SecurityHub.OrgConfigs, state.SecurityHubOrgConfig{Region: h.Region, ConfigurationType: "LOCAL"})
	}
	return awsfake.Expressible(a)
}

// scan collects from a fake serving a with the given faults and runs every
// check over the result under the demo's policy (so the residency checks,
// which need allowed regions, are judged too).
func scan(t testing.TB, a *state.Account, o awsfake.Options, tune func(*collectaws.Options)) (*collectaws.Result, *engine.Report, awsfake.Stats) {
	t.Helper()
	r := start(t, a, o)
	res := collectFrom(t, r, a, tune)
	return res, engine.Run(checks.All(), res.Account, demoPolicy(t)), r.Stats()
}

// demoPolicy is the demo company's policy (EU regions, trusted accounts).
func demoPolicy(t testing.TB) *policy.Policy {
	t.Helper()
	names := policy.Names{Jurisdiction: func(s string) ([]string, error) { return regions.InJurisdiction(s), nil }}
	p, err := policy.Parse("demo shoulder.yaml", demo.Policy(), names)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// inScope reports whether result f is about data gap g hides: the
// resource g names, or (a listing gap) anything in g's region, anything
// at all when g has no region, and account-level results.
func inScope(f engine.Finding, g state.Gap) bool {
	if g.Resource != "" {
		return f.Resource == g.Resource
	}
	return g.Region == "" || f.Region == "" || f.Region == g.Region
}

// passesDespiteDenial is the fault tests' second property: a check that
// declares it reads an input op fills (check.Check.Reads) must not keep
// answering pass on data the denial hid. A pass on a resource whose own
// read was denied is always wrong; a pass in a region (or account) whose
// listing was denied is wrong unless the check also answered unknown
// naming op, i.e. it noticed the listing was missing (a check may still
// pass what it judges without that input: a Lambda function outside any
// VPC needs no subnet).
func passesDespiteDenial(rep *engine.Report, gaps []state.Gap, op collect.Operation) []violation {
	readers := readersOf(op)
	var denied []state.Gap
	for _, g := range gaps {
		if g.Service == op.Service && g.Operation == op.Action {
			denied = append(denied, g)
		}
	}
	noticed := map[string]bool{}
	for _, f := range rep.Results {
		if readers[f.CheckID] && f.Status == check.Unknown && strings.Contains(f.Message, " "+op.Action) {
			noticed[f.CheckID] = true
		}
	}
	exempt := decidedWithout()
	var out []violation
	for _, f := range rep.Results {
		if !readers[f.CheckID] || f.Status != check.Pass || exempt[f.CheckID+" "+op.Key()] != "" {
			continue
		}
		for _, g := range denied {
			if inScope(f, g) && (g.Resource != "" || !noticed[f.CheckID]) {
				out = append(out, violation{f.CheckID, fmt.Sprintf("passes %s (%q) though it reads %s and %s was denied", f.Resource, f.Message, strings.Join(inputsOf(op), ", "), g)})
				break
			}
		}
	}
	return out
}

// decidedWithout lists, per "check operation", the checks that declare an
// input the operation fills yet rightly pass without it, and why. Any
// other pass on data a denial hid breaks passesDespiteDenial.
func decidedWithout() map[string]string {
	m := map[string]string{}
	// One publicity rule (checks.BucketPublicity): a setting matters only
	// when another grants to everyone and nothing read neutralises it
	// (no public grant read -> private, whatever Block Public Access
	// says; public grants neutralised by the account's BPA -> private
	// without the bucket's). s3_publicity_test.go runs every shape with
	// each setting unread and expects unknown where it is needed.
	// s3_bucket_cross_account_trusted: an ACL matters only where ACLs are
	// enabled (the demo's buckets enforce bucket ownership), and Block
	// Public Access never limits grants to named accounts.
	for _, c := range []string{"s3_bucket_no_public_write", "s3_bucket_acl_not_public", "s3_bucket_policy_not_public", "cloudtrail_bucket_not_public", "s3_bucket_cross_account_trusted"} {
		for _, op := range []string{"s3:GetBucketAcl", "s3:GetBucketPolicy", "s3:GetPublicAccessBlock", "s3control:GetPublicAccessBlock"} {
			m[c+" "+op] = "S3 publicity needs a setting only where another grants to everyone"
		}
	}
	// Whether a snapshot is public comes in bulk from DescribeSnapshots
	// (RestorableByUserIds=all); the per-snapshot attribute only names
	// the accounts it is shared with.
	m["ec2_snapshot_public_not_restorable ec2:DescribeSnapshotAttribute"] = "public snapshots are listed in bulk"
	// Where an external-access analyzer exists, its findings
	// (ListFindingsV2) answer for snapshots whose attribute was not read.
	m["ec2_snapshot_shared_trusted_only ec2:DescribeSnapshotAttribute"] = "Access Analyzer findings are the evidence"
	// A denied GenerateCredentialReport leaves the last report (at most
	// four hours old) readable by GetCredentialReport; a denied
	// GetCredentialReport is what hides it (and those checks go unknown).
	for _, c := range []string{"iam_user_no_initial_access_key", "iam_user_unused_password_disabled", "iam_user_single_active_access_key",
		"iam_user_console_mfa_enabled", "iam_user_unused_access_key_disabled", "iam_user_access_key_rotated"} {
		m[c+" iam:GenerateCredentialReport"] = "the existing credential report is still read"
	}
	// These judge a trail by DescribeTrails' own fields; status and event
	// selectors only decide which trail covers the account.
	m["cloudtrail_trail_logging cloudtrail:GetEventSelectors"] = "logging status is GetTrailStatus's"
	for _, c := range []string{"cloudtrail_log_file_validation_enabled", "cloudtrail_kms_encryption_enabled", "cloudtrail_cloudwatch_logs_enabled"} {
		m[c+" cloudtrail:GetTrailStatus"] = "judged from the trail's DescribeTrails fields"
		m[c+" cloudtrail:GetEventSelectors"] = "judged from the trail's DescribeTrails fields"
	}
	// A data-event selector on every bucket needs no bucket list.
	m["cloudtrail_s3_data_events_write_enabled s3:ListBuckets"] = "a selector on all buckets"
	// A prefix list matters only in a rule that covers the judged ports;
	// the checks answer unknown for those (netfix's cases in
	// internal/checks), and pass groups with no such rule.
	for _, c := range []string{"ec2_sg_cifs_restricted", "ec2_sg_no_db_ports_from_internet", "redshift_cluster_port_restricted" /* svc-gaps3 */} {
		m[c+" ec2:DescribeManagedPrefixLists"] = "no rule covering the judged ports names a prefix list"
		m[c+" ec2:GetManagedPrefixListEntries"] = "no rule covering the judged ports names a prefix list"
	}
	// The region setting blocks all sharing whatever snapshots exist.
	m["ec2_snapshot_public_access_blocked ec2:DescribeSnapshots"] = "the setting alone decides"
	// svc-api: the account's own VPC endpoints and VPCs only add trust; a
	// REST API policy verdict read without them can only fail wrongly,
	// never pass wrongly, and those failures are withheld as unknown.
	for _, op := range []string{"ec2:DescribeVpcEndpoints", "ec2:DescribeVpcs"} {
		m["apigateway_rest_api_policy_trusted "+op] = "own networks only add trust: passes stand, failures pinned to a network are withheld"
	}
	// svc-compute2: one IMDSv2 rule (checks.launchIMDSv2) consults the
	// region's account default only where a launch template or
	// configuration sets no metadata version (unread there: unknown); a
	// template or configuration that requires tokens passes on its own.
	for _, c := range []string{"ec2_instance_launch_template_imdsv2", "autoscaling_launch_config_imdsv2", "autoscaling_group_imdsv2"} {
		m[c+" ec2:GetInstanceMetadataDefaults"] = "the account default matters only where no metadata version is set"
	}
	return m
}

// undeclaredReads is the converse of passesDespiteDenial: a check whose
// result changed when op was denied reads what op fills, so it must
// declare one of those inputs in its Reads (else the gap table, the reads
// test and the pass property do not know it depends on op).
func undeclaredReads(base, faulted *engine.Report, op collect.Operation) []violation {
	declares := readersOf(op)
	b, f := index(base), index(faulted)
	changed := map[string]string{}
	for k, x := range b {
		if y, ok := f[k]; !ok || y.Status != x.Status {
			changed[k.check] = k.resource
		}
	}
	for k := range f {
		if _, ok := b[k]; !ok {
			changed[k.check] = k.resource
		}
	}
	var out []violation
	for id, res := range changed {
		if !declares[id] {
			out = append(out, violation{id, fmt.Sprintf("changed on %s but declares no input %s fills (%s): add it to internal/checks/reads.go", res, op.Key(), strings.Join(inputsOf(op), ", "))})
		}
	}
	return out
}

// readersOf returns the IDs of the checks that declare (Reads) an input
// op fills.
func readersOf(op collect.Operation) map[string]bool {
	out := map[string]bool{}
	for _, c := range checks.All() {
		for _, in := range c.Reads {
			for _, r := range in.Operations() {
				if r.Service == op.Service && r.Operation == op.Action {
					out[c.ID] = true
				}
			}
		}
	}
	return out
}

func inputsOf(op collect.Operation) []string {
	var out []string
	for _, in := range op.Fills {
		out = append(out, string(in))
	}
	return out
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
			bad = append(bad, passesDespiteDenial(rep, res.Account.Gaps.All(), op)...)
			bad = append(bad, undeclaredReads(base, rep, op)...)
			for _, v := range bad {
				t.Errorf("%s with %s denied: %s", v.check, op.Key(), v.what)
			}
			if mustMatter[op.Key()] && changed == 0 {
				t.Errorf("denying %s changed no result: the checks that read it did not notice", op.Key())
			}
		})
	}
}

// TestRegionListDeniedWithoutRegions runs the fault properties once on the
// DescribeRegions fallback: no --regions, ec2:DescribeRegions denied, so
// the collector scans only the home region. The results it still gives
// (account-wide, and in the home region) never turn into a pass, and no
// check passes data the denial hid (passesDespiteDenial); the checks
// that read the region list (the enabled-regions check, the residency
// checks) answer unknown with the gap, never pass. Results in the regions
// the scan never reached vanish: outside the residency checks, a scan
// judges the regions it scanned, as with an explicit --regions (global
// resources such as S3 buckets are still read wherever they live).
func TestRegionListDeniedWithoutRegions(t *testing.T) {
	a := demoWithoutGaps(t)
	noRegions := func(o *collectaws.Options) { o.Regions = nil; o.MaxAttempts = 2 }
	_, base, _ := scan(t, a, awsfake.Options{}, noRegions)
	var op collect.Operation
	for _, o := range collect.Operations() {
		if o.Key() == "ec2:DescribeRegions" {
			op = o
		}
	}
	fault := awsfake.Fault{Service: "ec2", Action: "DescribeRegions", Kind: awsfake.FaultAccessDenied}
	res, rep, _ := scan(t, a, awsfake.Options{Faults: []awsfake.Fault{fault}}, noRegions)
	scanned := map[string]bool{"": true}
	for _, r := range res.Account.ScannedRegions() {
		scanned[r] = true
	}
	if len(scanned) != 2 {
		t.Fatalf("scanned %v, want only the home region", res.Account.ScannedRegions())
	}
	// What the faulted scan could reach: the home region, account-wide
	// results, and global resources read wherever they live (S3 buckets).
	reached := &engine.Report{}
	now := index(rep)
	for _, f := range base.Results {
		if _, still := now[resultKey{f.CheckID, f.Resource}]; still || scanned[f.Region] {
			reached.Results = append(reached.Results, f)
		}
	}
	// No result may become a pass. (Account-wide conclusions drawn from
	// the home region alone can turn into fails or not_applicable, e.g. a
	// trail's log group in an unscanned region reads as missing: that is
	// the "regions left out of the scan" item of issue #10, logged here.)
	var bad []violation
	_, changes := compareUnderFault(reached, rep, op.Action)
	for _, v := range changes {
		t.Logf("known limitation: %s: %s", v.check, v.what)
	}
	was := index(reached)
	for k, f := range now {
		if b, ok := was[k]; f.Status == check.Pass && (!ok || b.Status != check.Pass) {
			bad = append(bad, violation{k.check, fmt.Sprintf("%s became pass (%q)", k.resource, f.Message)})
		}
	}
	bad = append(bad, passesDespiteDenial(rep, res.Account.Gaps.All(), op)...)
	for _, v := range bad {
		t.Errorf("%s with %s denied: %s", v.check, op.Key(), v.what)
	}
	readers := 0
	for _, c := range checks.All() {
		reads := false
		for _, in := range c.Reads {
			reads = reads || in == state.InputRegions
		}
		if !reads {
			continue
		}
		readers++
		noticed := false
		for _, f := range rep.Results {
			if f.CheckID == c.ID && f.Status == check.Unknown && strings.Contains(f.Message, "DescribeRegions") {
				noticed = true
			}
		}
		if !noticed {
			t.Errorf("%s reads the region list but gave no unknown naming DescribeRegions", c.ID)
		}
	}
	if readers < 2 {
		t.Errorf("%d checks read the region list; want the enabled-regions check and the residency checks", readers)
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
