package collect

import (
	"strings"
	"testing"
)

func TestParseDetails(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Details
		bad  bool
	}{
		{in: "", want: DetailsAuto},
		{in: "auto", want: DetailsAuto},
		{in: "all", want: DetailsAll},
		{in: "none", want: DetailsNone},
		{in: "deep", bad: true},
		{in: "ALL", bad: true},
	} {
		got, err := ParseDetails(tc.in)
		if tc.bad {
			if err == nil || !strings.Contains(err.Error(), "auto, all, none") {
				t.Errorf("ParseDetails(%q) = %v, %v; want an error naming the choices", tc.in, got, err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseDetails(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestDetailsSkip(t *testing.T) {
	d, err := NewDeclaration(nil)
	if err != nil {
		t.Fatal(err)
	}
	attr, _ := d.Lookup("ec2", "DescribeSnapshotAttribute")
	keys, _ := d.Lookup("iam", "ListAccessKeys")
	notDetail, _ := d.Lookup("s3", "GetBucketPolicy")
	// A check judges the snapshot attribute: budgeted, not a detail.
	if attr.Detail || !attr.Budgeted || !keys.Detail || keys.Budgeted || notDetail.Detail || notDetail.Budgeted {
		t.Fatalf("flags: snapshot attribute %+v, access keys %+v, bucket policy %+v", attr, keys, notDetail)
	}
	// EC2: 20/s burst 100, so auto allows 100 + 20*30 = 700 calls a region.
	for _, tc := range []struct {
		name string
		mode Details
		op   Operation
		n    int
		skip bool
		msg  string
	}{
		{name: "auto within budget", mode: DetailsAuto, op: attr, n: 700},
		{name: "auto over budget", mode: DetailsAuto, op: attr, n: 2500, skip: true, msg: "2500 per-item calls for ec2.snapshots.shared_with not made: at 20/s burst 100 they would take about 2m0s"},
		{name: "auto nothing to read", mode: DetailsAuto, op: attr, n: 0},
		{name: "all reads everything", mode: DetailsAll, op: attr, n: 1_000_000},
		{name: "auto over budget says checks are unknown", mode: DetailsAuto, op: attr, n: 2500, skip: true, msg: "answer unknown"},
		{name: "none keeps judged reads within budget", mode: DetailsNone, op: attr, n: 700},
		{name: "none skips judged reads over budget", mode: DetailsNone, op: attr, n: 2500, skip: true, msg: "answer unknown"},
		{name: "none skips", mode: DetailsNone, op: keys, n: 1, skip: true, msg: "--details none"},
		{name: "none skips details within budget", mode: DetailsNone, op: keys, n: 5, skip: true, msg: "no check judges them"},
		{name: "none never skips what checks need", mode: DetailsNone, op: notDetail, n: 5},
		{name: "auto never skips what checks need", mode: DetailsAuto, op: notDetail, n: 1_000_000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg, skip := tc.mode.Skip(tc.op, tc.n)
			if skip != tc.skip {
				t.Fatalf("skip = %v, want %v (%s)", skip, tc.skip, msg)
			}
			if !strings.Contains(msg, tc.msg) {
				t.Errorf("message %q lacks %q", msg, tc.msg)
			}
			if skip && !strings.Contains(msg, "--details all") && tc.mode != DetailsNone {
				t.Errorf("message %q does not say how to read them", msg)
			}
		})
	}
}
