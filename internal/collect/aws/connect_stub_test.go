package aws

import "testing"

// TestStubConnect: the stub's Connect instance is listed and its
// CONTACTFLOW_LOGS attribute read through the real SDK (svc-connect; this
// moto serves neither usably).
func TestStubConnect(t *testing.T) {
	a := stubCollected(t).Account
	if len(a.Connect.Instances) != 1 {
		t.Fatalf("instances = %+v", a.Connect.Instances)
	}
	x := a.Connect.Instances[0]
	eq(t, "arn", x.ARN, "arn:aws:connect:eu-west-1:"+stubAccount+":instance/5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e5f")
	eq(t, "id", x.ID, "5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e5f")
	eq(t, "alias", x.Alias, "helpdesk")
	eq(t, "status", x.Status, "ACTIVE")
	eq(t, "identity", x.IdentityManagementType, "SAML")
	eq(t, "read", x.FlowLogsRead, true)
	eq(t, "flow logs", x.FlowLogs, false)
	if g, ok := a.Gaps.Find("connect", "eu-west-1", "DescribeInstanceAttribute", x.ARN); ok {
		t.Errorf("gap: %s", g)
	}
}
