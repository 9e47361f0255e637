package state

import "testing"

// TestForInput: a lookup by input finds a gap of any operation that fills
// it, per resource, per listing, per region or for the whole service, and
// nothing for another input; an input no operation fills is missing.
func TestForInput(t *testing.T) {
	const bucket = "arn:aws:s3:::b"
	for _, tc := range []struct {
		name   string
		gap    Gap
		in     Input
		region string
		arn    string
		want   bool
	}{
		{"per resource", Gap{Service: "s3", Region: "eu-west-1", Operation: "GetBucketPolicy", Resource: bucket, Reason: ReasonAccessDenied}, InputS3BucketPolicy, "eu-west-1", bucket, true},
		{"other resource", Gap{Service: "s3", Region: "eu-west-1", Operation: "GetBucketPolicy", Resource: "arn:aws:s3:::other", Reason: ReasonAccessDenied}, InputS3BucketPolicy, "eu-west-1", bucket, false},
		{"other input", Gap{Service: "s3", Region: "eu-west-1", Operation: "GetBucketAcl", Resource: bucket, Reason: ReasonAccessDenied}, InputS3BucketPolicy, "eu-west-1", bucket, false},
		{"same action, other service", Gap{Service: "s3control", Operation: "GetPublicAccessBlock", Reason: ReasonAccessDenied}, InputS3BucketPublicAccessBlock, "eu-west-1", bucket, false},
		{"global gap covers every region", Gap{Service: "ec2", Operation: "DescribeSubnets", Reason: ReasonAccessDenied}, InputEC2Subnets, "eu-west-1", "", true},
		{"regional gap, other region", Gap{Service: "ec2", Region: "us-east-1", Operation: "DescribeSubnets", Reason: ReasonAccessDenied}, InputEC2Subnets, "eu-west-1", "", false},
		{"whole service", Gap{Service: "kms", Region: "eu-west-1", Operation: AllOperations, Reason: ReasonNotEnabled}, InputKMSKeyPolicy, "eu-west-1", "arn:aws:kms:eu-west-1:1:key/k", true},
		{"disabled region", Gap{Service: AllOperations, Region: "eu-west-1", Operation: AllOperations, Reason: ReasonRegionDisabled}, InputLambdaFunctions, "eu-west-1", "", true},
		{"second operation of an input", Gap{Service: "iam", Operation: "GenerateCredentialReport", Reason: ReasonThrottled}, InputIAMCredentialReport, "", "", true},
		{"unbound input is missing", Gap{Service: "s3", Operation: "GetBucketAcl", Reason: ReasonAccessDenied}, Input("no.such.input"), "", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := NewGaps(tc.gap)
			got, ok := g.ForInput(tc.in, tc.region, tc.arn)
			if ok != tc.want {
				t.Fatalf("ForInput = %v, %v; want found=%v", got, ok, tc.want)
			}
			if tc.in == "no.such.input" && got.Reason != ReasonUnsupported {
				t.Errorf("unbound input: reason %s, want unsupported", got.Reason)
			}
		})
	}
}

// TestObserve: every lookup, by input or by name, reaches the observer.
func TestObserve(t *testing.T) {
	var g Gaps
	var seen []Lookup
	g.Observe(func(l Lookup) { seen = append(seen, l) })
	g.ForInputs("eu-west-1", "", InputEC2VPCs, InputEC2Subnets)
	g.Find("s3", "", "ListBuckets", "")
	g.Observe(nil)
	g.ForInput(InputEC2VPCs, "", "")
	want := []Lookup{{Input: InputEC2VPCs}, {Input: InputEC2Subnets}, {Service: "s3", Operation: "ListBuckets"}}
	if len(seen) != len(want) {
		t.Fatalf("seen %v, want %v", seen, want)
	}
	for i := range want {
		if seen[i] != want[i] {
			t.Errorf("lookup %d = %v, want %v", i, seen[i], want[i])
		}
	}
}

// TestInputsOf: the inverse of the binding.
func TestInputsOf(t *testing.T) {
	if got := InputsOf("backup", "GetBackupSelection"); len(got) != 1 || got[0] != InputBackupSelections {
		t.Errorf("InputsOf(backup, GetBackupSelection) = %v", got)
	}
	if got := InputsOf("backup", "DescribeBackupVault"); got != nil {
		t.Errorf("an undeclared operation fills %v", got)
	}
	if len(Inputs()) == 0 {
		t.Error("no inputs bound")
	}
}
