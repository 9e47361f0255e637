package collect

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/state"
)

func TestDeclarationInvariants(t *testing.T) {
	seen := map[string]bool{}
	for _, o := range Operations() {
		if seen[o.Key()] {
			t.Errorf("%s declared twice", o.Key())
		}
		seen[o.Key()] = true
		if !IsRead(o.Action) {
			t.Errorf("%s is not a read by the read rule", o.Key())
		}
		if !IsReadPermission(o.Permission) {
			t.Errorf("%s: permission %q is not service:ReadAction", o.Key(), o.Permission)
		}
		switch o.Scope {
		case Global, Regional, PerItem:
		default:
			t.Errorf("%s: scope %q", o.Key(), o.Scope)
		}
		if o.Rate.RPS <= 0 || o.Rate.Burst < 1 {
			t.Errorf("%s: rate %s", o.Key(), o.Rate)
		}
		if len(o.Fills) == 0 {
			t.Errorf("%s: says nothing about what it fills", o.Key())
		}
	}
}

// The IAM permission differs from the API action for these; a table of
// them guards against a "tidy-up" that breaks the policy.
func TestPermissionsThatDifferFromTheAction(t *testing.T) {
	d, err := NewDeclaration(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ service, action, perm string }{
		{"s3", "ListBuckets", "s3:ListAllMyBuckets"},
		{"s3", "GetBucketEncryption", "s3:GetEncryptionConfiguration"},
		{"s3", "GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock"},
		{"s3", "GetBucketLifecycleConfiguration", "s3:GetLifecycleConfiguration"},
		{"s3", "GetBucketReplication", "s3:GetReplicationConfiguration"},
		{"s3", "GetObjectLockConfiguration", "s3:GetBucketObjectLockConfiguration"},
		{"s3", "GetBucketNotificationConfiguration", "s3:GetBucketNotification"},
		{"s3", "GetBucketLocation", "s3:GetBucketLocation"},
		{"s3control", "GetPublicAccessBlock", "s3:GetAccountPublicAccessBlock"},
		{"iam", "GetAccountAuthorizationDetails", "iam:GetAccountAuthorizationDetails"},
		{"iam", "GetCredentialReport", "iam:GetCredentialReport"},
		{"iam", "GenerateCredentialReport", "iam:GenerateCredentialReport"},
		{"tagging", "GetResources", "tag:GetResources"},
		{"apigateway", "GetRestApis", "apigateway:GET"},
		{"apigatewayv2", "GetRoutes", "apigateway:GET"},
	} {
		o, ok := d.Lookup(c.service, c.action)
		if !ok || o.Permission != c.perm {
			t.Errorf("%s:%s permission = %q, want %q", c.service, c.action, o.Permission, c.perm)
		}
	}
}

func TestIsRead(t *testing.T) {
	for action, want := range map[string]bool{
		"DescribeInstances": true, "GetBucketPolicy": true, "ListKeys": true, "BatchGetItem": true, "SearchResources": true,
		"LookupEvents": true, "GenerateCredentialReport": true,
		"PutBucketPolicy": false, "CreateKey": false, "DeleteBucket": false, "ModifySnapshotAttribute": false,
		"GenerateDataKey": false, "AssumeRole": true, "AssumeRoleWithSAML": false, "Getaway": false, "Describe": false, "UpdateTrail": false, "StartLogging": false,
	} {
		if got := IsRead(action); got != want {
			t.Errorf("IsRead(%s) = %v, want %v", action, got, want)
		}
	}
}

func TestIsReadPermission(t *testing.T) {
	for p, want := range map[string]bool{
		"s3:GetBucketPolicy": true, "ec2:DescribeInstances": true, "apigateway:GET": true,
		"apigateway:PATCH": false, "apigateway:PUT": false, "apigateway:DELETE": false, "apigateway:POST": false,
		"s3:PutBucketPolicy": false, "GET": false, ":GetX": false, "ec2:GET": false,
	} {
		if got := IsReadPermission(p); got != want {
			t.Errorf("IsReadPermission(%s) = %v, want %v", p, got, want)
		}
	}
}

func TestPolicyJSON(t *testing.T) {
	b, err := PolicyJSON()
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{`"Version": "2012-10-17"`, `"s3:GetAccountPublicAccessBlock"`, `"s3:ListAllMyBuckets"`, `"iam:GetAccountAuthorizationDetails"`, `"Resource": "*"`} {
		if !strings.Contains(s, want) {
			t.Errorf("policy lacks %s", want)
		}
	}
	if strings.Contains(s, `"s3:ListBuckets"`) {
		t.Error("s3:ListBuckets is not an IAM action")
	}
	if n := len(LeastPrivilegePolicy().Statement[0].Action); n != len(Permissions(Operations())) || n < 80 {
		t.Errorf("policy has %d actions", n)
	}
}

func TestRateOverrides(t *testing.T) {
	d, err := NewDeclaration(map[string]Rate{"ec2": {RPS: 5, Burst: 5}, "ec2:DescribeInstances": {RPS: 50, Burst: 60}, "rds:*": {RPS: 1, Burst: 2}})
	if err != nil {
		t.Fatal(err)
	}
	if o, _ := d.Lookup("ec2", "DescribeInstances"); o.Rate != (Rate{50, 60}) {
		t.Errorf("the action override wins over the service's: %s", o.Rate)
	}
	if o, _ := d.Lookup("ec2", "DescribeVpcs"); o.Rate != (Rate{5, 5}) {
		t.Errorf("service override: %s", o.Rate)
	}
	if o, _ := d.Lookup("rds", "DescribeDBInstances"); o.Rate != (Rate{1, 2}) || o.Bucket() != "rds:*" {
		t.Errorf("pool override: %s %s", o.Rate, o.Bucket())
	}
	if _, err := NewDeclaration(map[string]Rate{"ec2:DescribeInstaces": {1, 1}}); err == nil || !strings.Contains(err.Error(), "DescribeInstaces") {
		t.Errorf("a typo must be an error, got %v", err)
	}
	if _, err := NewDeclaration(map[string]Rate{"ec2": {0, 1}}); err == nil {
		t.Error("a zero rate must be an error")
	}
}

type apiErr struct {
	code, msg string
	status    int
}

func (e apiErr) Error() string        { return e.code + ": " + e.msg }
func (e apiErr) ErrorCode() string    { return e.code }
func (e apiErr) ErrorMessage() string { return e.msg }
func (e apiErr) HTTPStatusCode() int  { return e.status }

type statusOnly int

func (s statusOnly) Error() string       { return fmt.Sprintf("http %d, deserialization failed", int(s)) }
func (s statusOnly) HTTPStatusCode() int { return int(s) }

func TestClassify(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	bg := context.Background()
	for _, c := range []struct {
		ctx  context.Context
		err  error
		want state.GapReason
	}{
		{bg, apiErr{"AccessDenied", "no", 403}, state.ReasonAccessDenied},
		{bg, apiErr{"AccessDeniedException", "with an explicit deny in a service control policy", 400}, state.ReasonAccessDenied},
		{bg, apiErr{"UnauthorizedOperation", "", 403}, state.ReasonAccessDenied},
		{bg, apiErr{"AuthorizationError", "", 403}, state.ReasonAccessDenied},
		{bg, apiErr{"Throttling", "", 400}, state.ReasonThrottled},
		{bg, apiErr{"ThrottlingException", "", 400}, state.ReasonThrottled},
		{bg, apiErr{"RequestLimitExceeded", "", 503}, state.ReasonThrottled},
		{bg, apiErr{"SlowDown", "", 503}, state.ReasonThrottled},
		{bg, apiErr{"TooManyRequestsException", "", 429}, state.ReasonThrottled},
		{bg, statusOnly(429), state.ReasonThrottled},
		{bg, apiErr{"OptInRequired", "", 401}, state.ReasonNotEnabled},
		{bg, apiErr{"SubscriptionRequiredException", "", 400}, state.ReasonNotEnabled},
		{bg, apiErr{"BadRequestException", "The account is not subscribed", 400}, state.ReasonNotEnabled},
		{bg, apiErr{"NotImplemented", "", 501}, state.ReasonNotImplemented},
		{bg, statusOnly(500), state.ReasonNotImplemented},
		{bg, statusOnly(404), state.ReasonNotImplemented},
		{bg, apiErr{"InternalError", "", 500}, state.ReasonError},
		{bg, fmt.Errorf("call: %w", context.DeadlineExceeded), state.ReasonTimeout},
		{cancelled, fmt.Errorf("call: %w", context.Canceled), state.ReasonCancelled},
		{bg, errors.New("unexpected EOF"), state.ReasonError},
	} {
		if got := Classify(c.ctx, c.err); got != c.want {
			t.Errorf("Classify(%v) = %s, want %s", c.err, got, c.want)
		}
	}
	if m := Message(apiErr{"AccessDenied", "not allowed", 403}); m != "AccessDenied: not allowed" {
		t.Errorf("Message = %q", m)
	}
}

func TestTokenBucketPaces(t *testing.T) {
	now := time.Unix(0, 0)
	tb := NewTokenBucket(Rate{RPS: 10, Burst: 2})
	tb.now = func() time.Time { return now }
	var waits []time.Duration
	for i := 0; i < 4; i++ {
		waits = append(waits, tb.reserve())
	}
	// Two from the burst at once, then one every 100ms.
	want := []time.Duration{0, 0, 100 * time.Millisecond, 200 * time.Millisecond}
	for i := range want {
		if waits[i] != want[i] {
			t.Fatalf("waits = %v, want %v", waits, want)
		}
	}
	now = now.Add(time.Second) // refills, capped at the burst
	if d := tb.reserve(); d != 0 {
		t.Errorf("after a second the bucket has tokens again, waited %v", d)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	slow := NewTokenBucket(Rate{RPS: 0.001, Burst: 1})
	slow.reserve()
	if _, err := slow.Wait(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Wait on a cancelled context = %v", err)
	}
}

func TestPoolRunsNestedTasksBounded(t *testing.T) {
	p := NewPool(context.Background(), 3)
	var running, peak, ran int32
	var task func(depth int) Task
	task = func(depth int) Task {
		return Task{Run: func(context.Context) {
			n := atomic.AddInt32(&running, 1)
			for {
				old := atomic.LoadInt32(&peak)
				if n <= old || atomic.CompareAndSwapInt32(&peak, old, n) {
					break
				}
			}
			time.Sleep(time.Millisecond)
			if depth < 3 {
				p.Submit(task(depth + 1))
				p.Submit(task(depth + 1))
			}
			atomic.AddInt32(&ran, 1)
			atomic.AddInt32(&running, -1)
		}}
	}
	p.Submit(task(0))
	p.Wait()
	if ran != 15 {
		t.Errorf("ran %d tasks, want 15", ran)
	}
	if peak > 3 {
		t.Errorf("%d tasks ran at once with 3 workers", peak)
	}
}

func TestPoolSkipsAfterCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	p := NewPool(ctx, 2)
	var ran, skipped int32
	child := func() Task {
		return Task{Run: func(context.Context) { atomic.AddInt32(&ran, 1) }, Skipped: func() { atomic.AddInt32(&skipped, 1) }}
	}
	// A task that is interrupted, then finds per-item work: the work is skipped.
	p.Submit(Task{Run: func(context.Context) {
		atomic.AddInt32(&ran, 1)
		cancel()
		for i := 0; i < 5; i++ {
			p.Submit(child())
		}
	}})
	p.Wait()
	if ran != 1 || skipped != 5 {
		t.Errorf("ran %d, skipped %d; want 1 and 5", ran, skipped)
	}
}

func TestStatsTable(t *testing.T) {
	s := NewStats()
	s.Attempt("ec2", "DescribeInstances", 20*time.Millisecond, 0, false, true)
	s.Attempt("ec2", "DescribeInstances", 30*time.Millisecond, 5*time.Millisecond, true, false)
	s.Failed("s3", "GetBucketPolicy")
	ec2 := s.Snapshot()[0]
	if ec2.Last <= 0 || ec2.Last > time.Minute {
		t.Errorf("last attempt at %v after the start", ec2.Last)
	}
	tot := s.Totals()
	if tot.Calls != 2 || tot.Retries != 1 || tot.Throttles != 1 || tot.Errors != 1 || tot.MaxLatency != 30*time.Millisecond {
		t.Errorf("totals = %+v", tot)
	}
	var b strings.Builder
	if err := s.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"DescribeInstances", "GetBucketPolicy", "THROTTLES", "LAST S", "total"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}

func TestProgressRender(t *testing.T) {
	var p *Progress
	p.Started("x", "y") // a nil tracker ignores calls
	p = NewProgress()
	p.Queued("eu-west-1", "ec2")
	p.Queued("eu-west-1", "ec2")
	p.Queued("", "iam")
	p.Started("eu-west-1", "ec2")
	p.Throttled("eu-west-1", "ec2")
	p.Started("", "iam")
	p.Finished("", "iam", true)
	out := p.Render()
	for _, want := range []string{"1/3 tasks", "eu-west-1", " 0/1  services done, running: ec2, throttled: ec2×1", "global", " 1/1  services done"} {
		if !strings.Contains(out, want) {
			t.Errorf("progress lacks %q:\n%s", want, out)
		}
	}
}
