package state

import "testing"

func TestGapsFindWholeRegion(t *testing.T) {
	g := NewGaps(Gap{Service: AllOperations, Region: "me-south-1", Operation: AllOperations, Reason: ReasonRegionDisabled})
	if x, ok := g.Find("ec2", "me-south-1", "DescribeInstances", "arn:aws:ec2:me-south-1:1:instance/i-1"); !ok || x.Reason != ReasonRegionDisabled {
		t.Errorf("a region-wide gap hides every service's data there: got %+v, %v", x, ok)
	}
	if _, ok := g.Find("ec2", "eu-west-1", "DescribeInstances", ""); ok {
		t.Error("a region-wide gap must not hide other regions")
	}
	if _, ok := g.Find("iam", "", "GetAccountSummary", ""); ok {
		t.Error("a region-wide gap must not hide global data")
	}
}
