package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const dsConnectARN = "arn:aws:connect:eu-west-1:" + testAccountID + ":instance/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"

// dsConnect adds instance "support-desk" in eu-west-1 with its flow logs
// read and on; edited by mut.
func dsConnect(mut func(x *state.ConnectInstance)) func(*state.Account) {
	return func(a *state.Account) {
		x := state.ConnectInstance{Meta: state.Meta{ARN: dsConnectARN, Region: "eu-west-1"}, ID: "0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9",
			Alias: "support-desk", Status: "ACTIVE", IdentityManagementType: "SAML", FlowLogsRead: true, FlowLogs: true}
		if mut != nil {
			mut(&x)
		}
		a.Connect.Instances = append(a.Connect.Instances, x)
	}
}

func connectCases() map[string][]checkCase {
	c := func(name string, m func(*state.ConnectInstance), want check.Status, msg string) checkCase {
		return checkCase{name: name, acct: baseAccount(dsConnect(m)), want: dsWant(want), msg: msg}
	}
	unread := func(x *state.ConnectInstance) { x.FlowLogsRead, x.FlowLogs = false, false }
	return map[string][]checkCase{
		"connect_instance_flow_logs_enabled": {
			c("flow logs on", nil, dsP, "publishes flow logs"),
			c("flow logs off", func(x *state.ConnectInstance) { x.FlowLogs = false }, dsF, "CONTACTFLOW_LOGS is off"),
			c("not read", unread, dsU, "not reported"),
			{name: "attribute denied", acct: baseAccount(dsConnect(unread), dsGap("connect", "eu-west-1", "DescribeInstanceAttribute", dsConnectARN)), want: dsWant(dsU), msg: "DescribeInstanceAttribute"},
			{name: "listing denied", acct: baseAccount(dsConnect(nil), dsGap("connect", "eu-west-1", "ListInstances", "")), want: dsWant(dsU)},
			{name: "listing denied elsewhere", acct: baseAccount(dsConnect(nil), dsGap("connect", "us-east-1", "ListInstances", "")), want: dsWant(dsU, dsP)},
		},
	}
}
