package cli

import (
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/awsfake"
	"github.com/shoulder-dev/shoulder/internal/synth"
)

// TestRegionsFlag: --regions is judged like the policy file's regions. A
// malformed name or a well-formed one the endpoint does not list is refused
// with exit 2 and a did-you-mean; a well-formed region missing from
// shoulder's table but listed by the endpoint (a newer region) is scanned
// with a warning.
func TestRegionsFlag(t *testing.T) {
	acct := synth.Account(synth.Options{Seed: 3, Resources: 40, Regions: []string{"eu-west-1", "xx-future-1"}})
	fake, err := awsfake.Start(acct, awsfake.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer fake.Close()
	t.Setenv("AWS_ACCESS_KEY_ID", "testing")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "testing")
	t.Setenv("AWS_SESSION_TOKEN", "")
	t.Setenv("AWS_REGION", "eu-west-1")
	t.Setenv("AWS_PROFILE", "")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	const warning = "not in shoulder's region table"
	tests := []struct {
		regions  string
		code     int // -1: 0 or 1 (the scan ran)
		want     []string
		wantNone string
	}{
		{"eu-wset-1", ExitError, []string{`--regions: unknown region "eu-wset-1" (did you mean eu-west-1?)`, "the endpoint does not list it"}, ""},
		{"eu-west", ExitError, []string{`unknown region "eu-west" (did you mean eu-west-1?)`, "not a region name"}, ""},
		{"eu-west-1,", ExitError, []string{`unknown region ""`, "not a region name"}, ""},
		{"xx-future-1", -1, []string{"region xx-future-1 is listed by the endpoint", warning}, ""},
		{"eu-west-1", -1, nil, warning},
	}
	for _, tc := range tests {
		t.Run(tc.regions, func(t *testing.T) {
			code, _, stderr := run(t, "scan", "--endpoint-url", fake.URL, "--regions", tc.regions, "-q", "--check", "s3_bucket_acl_not_public", "--format", "json", "--fail-on", "none")
			switch {
			case tc.code == -1 && code != ExitOK:
				t.Errorf("exit %d, want the scan to run; stderr: %s", code, stderr)
			case tc.code != -1 && code != tc.code:
				t.Errorf("exit %d, want %d; stderr: %s", code, tc.code, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q lacks %q", stderr, w)
				}
			}
			if tc.wantNone != "" && strings.Contains(stderr, tc.wantNone) {
				t.Errorf("stderr %q has %q", stderr, tc.wantNone)
			}
		})
	}
	// Without the endpoint's region list nothing tells a new region from a
	// typo: refused; a region in the table is still scanned.
	denied, err := awsfake.Start(acct, awsfake.Options{Faults: []awsfake.Fault{{Service: "ec2", Action: "DescribeRegions", Kind: awsfake.FaultAccessDenied}}})
	if err != nil {
		t.Fatal(err)
	}
	defer denied.Close()
	code, _, stderr := run(t, "scan", "--endpoint-url", denied.URL, "--regions", "xx-future-1", "-q", "--check", "s3_bucket_acl_not_public", "--format", "json", "--fail-on", "none")
	if code != ExitError || !strings.Contains(stderr, "could not be read to confirm it") {
		t.Errorf("unknown region without DescribeRegions: exit %d, stderr %q; want 2 and the reason", code, stderr)
	}
	code, _, stderr = run(t, "scan", "--endpoint-url", denied.URL, "--regions", "eu-west-1", "-q", "--check", "s3_bucket_acl_not_public", "--format", "json", "--fail-on", "none")
	if code != ExitOK {
		t.Errorf("known region without DescribeRegions: exit %d, stderr %q; want the scan to run", code, stderr)
	}
}
