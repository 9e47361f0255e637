package responsibility

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// fixed is a check that returns the given results.
func fixed(id string, area check.Area, sev check.Severity, rs ...check.Result) check.Check {
	return check.Check{ID: id, Title: id, Area: area, Service: "s3", Severity: sev,
		Run: func(*state.Account, *policy.Policy) []check.Result { return rs }}
}

func res(st check.Status, arn, msg string) check.Result {
	return check.Result{Status: st, Resource: arn, Message: msg}
}

const testCatalog = `services:
  - id: s3
    name: Amazon S3
    model: abstracted
    aws: [durability]
    duties:
      - id: s3.met
        title: all pass
        area: backup
        checks: [t_pass]
      - id: s3.partly
        title: some fail
        area: access-and-sharing
        checks: [t_pass, t_mixed]
      - id: s3.notmet
        title: all fail
        area: encryption-at-rest
        checks: [t_fail]
      - id: s3.unknown
        title: pass and unknown
        area: logging
        checks: [t_pass, t_unknown]
      - id: s3.manual
        title: a person decides
        area: data-residency
        manual: true
        guidance: Classify every bucket.
      - id: s3.na
        title: nothing applies
        area: data-residency
        checks: [t_na]
      - id: s3.empty
        title: nothing listed
        area: backup
        checks: [t_empty]
      - id: s3.filtered
        title: only this service's stores
        area: key-custody
        checks: [t_cross]
        resources: ["arn:aws:s3:::*"]
      - id: s3.waived
        title: accepted risk
        area: backup
        checks: [t_waivable]
  - id: rds
    name: Amazon RDS
    model: managed
    aws: [engine patches]
    duties:
      - id: rds.x
        title: x
        area: backup
        checks: [t_pass]
  - id: iam
    name: IAM
    model: abstracted
    account_wide: true
    aws: [identity service]
    duties:
      - id: iam.x
        title: x
        area: identity
        checks: [t_empty]
`

func TestBuildStatuses(t *testing.T) {
	c, err := Parse([]byte(testCatalog))
	if err != nil {
		t.Fatal(err)
	}
	a := &state.Account{AccountID: "111122223333", CollectedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		S3: state.S3{Buckets: []state.Bucket{{Meta: state.Meta{ARN: "arn:aws:s3:::a"}, Name: "a"}}}}
	b1, b2, b3 := "arn:aws:s3:::a", "arn:aws:s3:::b", "arn:aws:s3:::c"
	cs := []check.Check{
		fixed("t_pass", check.Backup, check.Low, res(check.Pass, b1, "ok"), res(check.Pass, b2, "ok"), res(check.Pass, b3, "ok")),
		fixed("t_mixed", check.AccessSharing, check.High, res(check.Pass, b1, "ok"), res(check.Fail, b2, "public"), res(check.Fail, b3, "public")),
		fixed("t_fail", check.EncryptionAtRest, check.Medium, res(check.Fail, b1, "unencrypted")),
		fixed("t_unknown", check.Logging, check.Low, res(check.Unknown, b2, "could not read s3 GetBucketLogging")),
		fixed("t_na", check.DataResidency, check.Low, res(check.NotApplicable, "arn:aws:iam::111122223333:root", "no allowed regions in the policy")),
		fixed("t_empty", check.Backup, check.Low),
		fixed("t_cross", check.KeyCustody, check.High, res(check.Fail, "arn:aws:ec2:eu-west-1:111122223333:volume/vol-1", "aws_managed"), res(check.Pass, b1, "customer_managed")),
		fixed("t_waivable", check.Backup, check.Critical, res(check.Fail, b1, "no versioning"), res(check.Pass, b2, "ok")),
	}
	p := &policy.Policy{Waivers: []policy.Waiver{{Check: "t_waivable", Resource: b1, Reason: "r", Owner: "o", Expires: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}}}
	rep := engine.Run(cs, a, p)
	m := Build(c, a, rep, Options{})

	if len(m.Services) != 2 || m.Services[0].ID != "s3" || m.Services[1].ID != "iam" {
		t.Fatalf("services in use: %+v", m.Services)
	}
	if len(m.NotInUse) != 1 || m.NotInUse[0] != "rds" {
		t.Errorf("not in use: %v", m.NotInUse)
	}
	got := map[string]DutyRow{}
	for _, s := range m.Services {
		for _, d := range s.Duties {
			got[d.ID] = d
		}
	}
	tests := []struct {
		id        string
		status    DutyStatus
		worst     string
		resources int
		reason    string
	}{
		{"s3.met", Met, "", 3, "all 3 resources meet it"},
		{"s3.partly", PartlyMet, "high", 3, "1 of 3 resources meet it, 2 do not (t_mixed on 2)"},
		{"s3.notmet", NotMet, "medium", 1, "1 resource does not meet it: unencrypted"},
		{"s3.unknown", Unknown, "", 3, "1 of 3 resources could not be evaluated: could not read s3 GetBucketLogging"},
		{"s3.manual", Manual, "", 0, "a person verifies it"},
		{"s3.na", NotApplicable, "", 1, "no allowed regions in the policy"},
		{"s3.empty", NotApplicable, "", 0, "nothing in the account"},
		{"s3.filtered", Met, "", 1, "the 1 resource meets it"},
		{"s3.waived", Met, "", 2, "(1 by waiver: risk accepted)"},
		{"iam.x", NotApplicable, "", 0, "nothing in the account"},
	}
	for _, tc := range tests {
		d, ok := got[tc.id]
		if !ok {
			t.Errorf("%s missing", tc.id)
			continue
		}
		if d.Status != tc.status || d.WorstSeverity != tc.worst || d.Resources != tc.resources || !strings.Contains(d.Reason, tc.reason) {
			t.Errorf("%s: status %s worst %q resources %d reason %q; want %s %q %d %q", tc.id, d.Status, d.WorstSeverity, d.Resources, d.Reason, tc.status, tc.worst, tc.resources, tc.reason)
		}
	}
	if d := got["s3.partly"]; d.Counts.Met != 1 || d.Counts.NotMet != 2 || len(d.FailingChecks) != 1 || d.FailingChecks[0] != "t_mixed" {
		t.Errorf("partly: counts %+v failing %v", d.Counts, d.FailingChecks)
	}
	if m.Summary.Duties != 10 || m.Summary.ByStatus[Met] != 3 || m.Summary.ByStatus[NotApplicable] != 3 {
		t.Errorf("summary %+v", m.Summary)
	}
	// A sensitive resource's failure is one severity higher in the matrix,
	// as in the scan.
	a.S3.Buckets[0].Tags = map[string]string{"data-classification": "pii"}
	cs[2] = fixed("t_fail", check.EncryptionAtRest, check.Medium, check.Result{Status: check.Fail, Resource: b1, Message: "x", Tags: a.S3.Buckets[0].Tags})
	m = Build(c, a, engine.Run(cs, a, p), Options{})
	for _, d := range m.Services[0].Duties {
		if d.ID == "s3.notmet" && d.WorstSeverity != "high" {
			t.Errorf("sensitive failure: worst %q, want high", d.WorstSeverity)
		}
	}
	// AllServices shows unused services too.
	if m := Build(c, a, rep, Options{AllServices: true}); len(m.Services) != 3 || len(m.NotInUse) != 0 {
		t.Errorf("AllServices: %d services, not in use %v", len(m.Services), m.NotInUse)
	}
}

// TestUsageGap: a service whose listing failed may be in use unseen; the
// matrix shows it rather than hide it.
func TestUsageGap(t *testing.T) {
	a := &state.Account{AccountID: "1", Regions: []state.Region{{Name: "eu-west-1", Enabled: true, Scanned: true}}}
	u, ok := UsageOf(a, "rds")
	if !ok || u.InUse() {
		t.Fatalf("empty account: %+v %v", u, ok)
	}
	a.Gaps.Add(state.Gap{Service: "rds", Region: "eu-west-1", Operation: "DescribeDBInstances", Reason: state.ReasonAccessDenied})
	if u, _ := UsageOf(a, "rds"); !u.InUse() || u.Gap == nil || u.Resources != 0 {
		t.Errorf("with a listing gap: %+v", u)
	}
	a.Gaps.Add(state.Gap{Service: "s3", Operation: "ListBuckets", Reason: state.ReasonAccessDenied})
	if u, _ := UsageOf(a, "s3"); u.Gap == nil {
		t.Error("a global listing gap is not seen")
	}
}

// TestBuildWithUsagesAgrees: the matrix from the kept usages (a stored
// scan's) equals the one from the account's state, on the demo.
func TestBuildWithUsagesAgrees(t *testing.T) {
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	rep := engine.Run(checks.All(), a, policy.Default())
	us := Usages(c, a)
	if len(us) == 0 {
		t.Fatal("the demo uses no service")
	}
	for _, o := range []Options{{}, {AllServices: true}} {
		want := Build(c, a, rep, o)
		got := BuildWith(c, func(id string) Usage { return us[id] }, rep, o)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%+v: the matrix from the usages differs from the state's", o)
		}
	}
}
