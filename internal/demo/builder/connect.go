package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// connect adds Alpenglow's Amazon Connect instances (svc-connect): the
// Frankfurt customer-support desk publishes its flow logs to CloudWatch;
// the marketing agency's outbound campaign center in N. Virginia has flow
// logs switched off.
func (x *b) connect() {
	fra, iad := "eu-central-1", "us-east-1"
	inst := func(region, alias, id, idm string, logs bool) state.ConnectInstance {
		return state.ConnectInstance{Meta: state.Meta{ARN: x.arn("connect", region, "instance/"+id), Region: region}, ID: id, Alias: alias,
			Status: "ACTIVE", IdentityManagementType: idm, FlowLogsRead: true, FlowLogs: logs}
	}
	x.a.Connect.Instances = append(x.a.Connect.Instances,
		inst(fra, "alpenglow-support", "3f6c2a1e-8b4d-4e7a-9c1f-2d5e6a7b8c90", "SAML", true),
		inst(iad, "agency-outbound", "7a9b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d", "CONNECT_MANAGED", false),
	)
}
