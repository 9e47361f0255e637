package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/shoulder-dev/shoulder/internal/awsfake"
	awscollect "github.com/shoulder-dev/shoulder/internal/collect/aws"
	"github.com/shoulder-dev/shoulder/internal/collect/mototest"
	"github.com/shoulder-dev/shoulder/internal/demo/builder"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/report"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestAccountsFlagErrors: bad account IDs, role names and combinations are
// refused before any call, exit 2 with a message naming the problem.
func TestAccountsFlagErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"scan", "--accounts", "12345"}, "want 12 digits"},
		{[]string{"scan", "--accounts", "1111222233334"}, "want 12 digits"},
		{[]string{"scan", "--accounts", "11112222333a"}, "want 12 digits"},
		{[]string{"scan", "--accounts", "111122223333,"}, "want 12 digits"},
		{[]string{"scan", "--accounts", "111122223333", "--member-role", "audit/ShoulderAudit"}, "plain role name"},
		{[]string{"scan", "--accounts", "111122223333", "--member-role", "arn:aws:iam::111122223333:role/X"}, "plain role name"},
		{[]string{"scan", "--accounts", "111122223333", "--member-role", "bad role"}, "IAM role name"},
		{[]string{"scan", "--accounts", "111122223333", "--member-role", ""}, "IAM role name"},
		{[]string{"scan", "--member-role", "X"}, "--member-role needs --accounts"},
		{[]string{"scan", "--accounts", "111122223333", "--role-arn", "arn:aws:iam::111122223333:role/X"}, "exclusive"},
		{[]string{"scan", "--accounts", "111122223333", "--demo"}, "--demo"},
		{[]string{"scan", "--accounts", "111122223333", "--format", "json"}, "needs -o DIR"},
		{[]string{"collect", "--accounts", "12345", "-o", dir}, "want 12 digits"},
		{[]string{"collect", "--accounts", "111122223333", "-o", file}, "needs a directory"},
		{[]string{"collect", "--accounts", "111122223333"}, "--output FILE is required"},
		{[]string{"scan", "--accounts", "111122223333", "--format", "json", "-o", file}, "needs a directory"},
		{[]string{"collect", "--accounts", "111122223333", "--demo", "-o", dir}, "--demo"},
	} {
		code, _, errOut := run(t, tc.args...)
		if code != ExitError || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
}

func TestMemberRoleARN(t *testing.T) {
	arn, err := awscollect.MemberRoleARN("111122223333", "ShoulderAudit")
	if err != nil || arn != "arn:aws:iam::111122223333:role/ShoulderAudit" {
		t.Errorf("got %q, %v", arn, err)
	}
}

// TestAccountsRoleRefused: of two accounts, the one whose role cannot be
// assumed (the fake serves one account and refuses AssumeRole into any
// other) is a reported gap with its reason; the other is scanned, and the
// run goes on; when no account can be read the exit code is 2.
func TestAccountsRoleRefused(t *testing.T) {
	t.Setenv("AWS_ACCESS_KEY_ID", "testing")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "testing")
	t.Setenv("AWS_REGION", "eu-west-1")
	r := startFake(t, awsfake.Options{})
	live := []string{"-q", "--endpoint-url", r.URL, "--regions", "eu-west-1", "--fail-on", "none"}
	dir := filepath.Join(t.TempDir(), "org", "reports") // created as needed
	code, out, errOut := run(t, append([]string{"scan", "--accounts", builder.AccountID + ",444455556666", "--format", "json", "-o", dir}, live...)...)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if out != "" {
		t.Errorf("stdout %q, want the reports in -o DIR", out)
	}
	// The demo account is a member: the organization-wide reads only the
	// management account may make are denied to it, so outside an
	// organization run (which applies the management account's facts) its
	// read is partial.
	for _, want := range []string{"account 444455556666 NOT READ", "AccessDenied", "2 accounts: 0 read fully, 1 partly (coverage gaps), 1 not at all"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	// One report for the run beside each account's: both accounts listed,
	// the refused one with its reason, every result naming its account.
	b, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatalf("the run's combined report: %v", err)
	}
	comb, err := report.ReadJSON("report.json", b)
	if err != nil {
		t.Fatal(err)
	}
	if len(comb.Report.Accounts) != 2 || comb.Report.Accounts[1].Read != engine.ReadNone || comb.Report.Accounts[1].Reason == "" {
		t.Errorf("combined report accounts: %+v", comb.Report.Accounts)
	}
	for _, r := range comb.Report.Results {
		if r.AccountID != builder.AccountID {
			t.Fatalf("a result of account %q in the combined report", r.AccountID)
		}
	}
	b, err = os.ReadFile(filepath.Join(dir, builder.AccountID, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		AccountID string `json:"account_id"`
		Results   []any  `json:"results"`
	}
	if err := json.Unmarshal(b, &rep); err != nil || rep.AccountID != builder.AccountID || len(rep.Results) == 0 {
		t.Errorf("report of %s: account %q, %d results, %v", builder.AccountID, rep.AccountID, len(rep.Results), err)
	}
	if _, err := os.Stat(filepath.Join(dir, "444455556666")); !os.IsNotExist(err) {
		t.Errorf("the refused account has a report directory: %v", err)
	}
	var sum struct {
		Accounts []accountRead `json:"accounts"`
	}
	b, err = os.ReadFile(filepath.Join(dir, "accounts.json"))
	if err != nil || json.Unmarshal(b, &sum) != nil || len(sum.Accounts) != 2 {
		t.Fatalf("accounts.json: %s, %v", b, err)
	}
	if a := sum.Accounts[1]; a.AccountID != "444455556666" || a.Read != "none" || !strings.Contains(a.Reason, "AccessDenied") || a.Summary != nil {
		t.Errorf("refused account: %+v", a)
	}
	if a := sum.Accounts[0]; a.AccountID != builder.AccountID || a.Read == "none" || a.Summary == nil || a.Summary.Total == 0 {
		t.Errorf("read account: %+v", a)
	}

	// Nothing readable: exit 2, no snapshot.
	cdir := t.TempDir()
	code, _, errOut = run(t, "collect", "-q", "--endpoint-url", r.URL, "--regions", "eu-west-1", "--accounts", "444455556666,555566667777", "-o", cdir)
	if code != ExitError || !strings.Contains(errOut, "no account could be read") || !strings.Contains(errOut, "2 not at all") {
		t.Errorf("collect, no account readable: exit %d: %s", code, errOut)
	}
	if m, _ := filepath.Glob(filepath.Join(cdir, "*[0-9].json")); len(m) != 0 {
		t.Errorf("snapshots written for unreadable accounts: %v", m)
	}
}

// TestAccountsMoto: two accounts read through AssumeRole against moto,
// each snapshot holds its own account's resources under its own ID.
func TestAccountsMoto(t *testing.T) {
	url := mototest.StartT(t)
	t.Setenv("AWS_ACCESS_KEY_ID", "testing")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "testing")
	t.Setenv("AWS_REGION", "us-east-1")
	ctx := context.Background()
	accounts := []string{"111122223333", "444455556666"}
	for _, acct := range accounts {
		base, err := config.LoadDefaultConfig(ctx, config.WithRegion("eu-west-1"), config.WithBaseEndpoint(url),
			config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("testing", "testing", "")))
		if err != nil {
			t.Fatal(err)
		}
		base.Credentials = sdk.NewCredentialsCache(stscreds.NewAssumeRoleProvider(sts.NewFromConfig(base), "arn:aws:iam::"+acct+":role/ShoulderAudit"))
		s3c := s3.NewFromConfig(base, func(o *s3.Options) { o.UsePathStyle = true })
		if _, err := s3c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: sdk.String("bucket-of-" + acct),
			CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: "eu-west-1"}}); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	code, _, errOut := run(t, "collect", "-q", "--endpoint-url", url, "--regions", "eu-west-1", "--accounts", strings.Join(accounts, ","), "--external-id", "x", "-o", dir)
	if code != ExitOK {
		t.Fatalf("collect exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "2 accounts:") || !strings.Contains(errOut, "0 not at all") {
		t.Errorf("summary: %s", errOut)
	}
	for _, acct := range accounts {
		a, err := state.LoadSnapshot(filepath.Join(dir, acct+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, b := range a.S3.Buckets {
			names = append(names, b.Name)
		}
		if a.AccountID != acct || len(names) != 1 || names[0] != "bucket-of-"+acct {
			t.Errorf("snapshot of %s: account %s, buckets %v", acct, a.AccountID, names)
		}
	}
	// scan: one table per account on standard output, each titled with its account.
	code, out, errOut := run(t, "scan", "-q", "--endpoint-url", url, "--regions", "eu-west-1", "--accounts", strings.Join(accounts, ","), "--fail-on", "none")
	if code != ExitOK {
		t.Fatalf("scan exit %d: %s", code, errOut)
	}
	for _, acct := range accounts {
		if !strings.Contains(out, "account "+acct) {
			t.Errorf("scan output lacks the table of %s", acct)
		}
	}
}

// TestAccountReadRules: the read level and the refusal to file one
// account's results under another.
func TestAccountReadRules(t *testing.T) {
	for _, tc := range []struct {
		gaps []state.Gap
		want string
	}{
		{nil, "full"},
		{[]state.Gap{{Reason: state.ReasonSkipped}}, "full"},
		{[]state.Gap{{Reason: state.ReasonSkipped}, {Reason: state.ReasonAccessDenied}}, "partial"},
		{[]state.Gap{{Reason: state.ReasonRegionDisabled}}, "full"},
		{[]state.Gap{{Reason: state.ReasonRegionDisabled}, {Reason: state.ReasonCancelled}}, "partial"},
	} {
		if got := readLevel(tc.gaps); got != tc.want {
			t.Errorf("readLevel(%v) = %s, want %s", tc.gaps, got, tc.want)
		}
	}
	tgt := memberTarget{account: "111122223333", roleARN: "arn:aws:iam::111122223333:role/ShoulderAudit"}
	if err := wrongAccount(tgt, "111122223333"); err != nil {
		t.Errorf("same account refused: %v", err)
	}
	for _, got := range []string{"444455556666", ""} {
		if err := wrongAccount(tgt, got); err == nil {
			t.Errorf("credentials of %q filed under %s", got, tgt.account)
		}
	}
}

// TestAccountWorkers pins each account's pool when accounts are read side
// by side: twice its share of the calls in flight, at least 16, never more
// than the bound itself (one account alone keeps --concurrency workers).
func TestAccountWorkers(t *testing.T) {
	for _, tt := range []struct {
		calls, accounts, want int
	}{
		{128, 1, 128},
		{128, 2, 128},
		{128, 4, 64},
		{128, 8, 32},
		{128, 20, 16},
		{256, 20, 26},
		{128, 200, 16},
		{8, 4, 8},
		{10, 3, 10},
		{100, 3, 68},
	} {
		if got := accountWorkers(tt.calls, tt.accounts); got != tt.want {
			t.Errorf("accountWorkers(%d, %d) = %d, want %d", tt.calls, tt.accounts, got, tt.want)
		}
	}
}
