package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// stepFunctions adds Alpenglow's Step Functions state machines (svc-msk):
// the Frankfurt shop's order fulfilment workflow logs errors to CloudWatch
// Logs with X-Ray tracing, its refund workflow (Express) logs everything;
// the agency's lead-scoring workflow in N. Virginia logs nothing and a
// nightly export there only fatal errors.
func (x *b) stepFunctions() {
	fra, iad := "eu-central-1", "us-east-1"
	machine := func(region, name, typ, level string, m state.StateMachine) state.StateMachine {
		m.Meta, m.Name, m.Type, m.Described, m.LogLevel = state.Meta{ARN: x.arn("states", region, "stateMachine:"+name), Region: region}, name, typ, true, level
		if level != "OFF" {
			m.LogGroups = []string{x.arn("logs", region, "log-group:/aws/vendedlogs/states/"+name+":*")}
		}
		return m
	}
	x.a.StepFunctions.StateMachines = append(x.a.StepFunctions.StateMachines,
		machine(fra, "order-fulfilment", "STANDARD", "ERROR", state.StateMachine{Tracing: true, EncryptionType: "CUSTOMER_MANAGED_KMS_KEY", KMSKeyID: x.datalakeKey(fra)}),
		machine(fra, "refunds", "EXPRESS", "ALL", state.StateMachine{EncryptionType: "AWS_OWNED_KEY"}),
		machine(iad, "lead-scoring", "STANDARD", "OFF", state.StateMachine{EncryptionType: "AWS_OWNED_KEY"}),
		machine(iad, "nightly-crm-export", "STANDARD", "FATAL", state.StateMachine{IncludeExecutionData: true, EncryptionType: "AWS_OWNED_KEY"}),
	)
}
