package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const dsStateMachineARN = "arn:aws:states:eu-west-1:" + testAccountID + ":stateMachine:checkout"

// dsStateMachine adds state machine "checkout" in eu-west-1, described:
// logging errors to a log group; edited by mut.
func dsStateMachine(mut func(m *state.StateMachine)) func(*state.Account) {
	return func(a *state.Account) {
		m := state.StateMachine{Meta: state.Meta{ARN: dsStateMachineARN, Region: "eu-west-1"}, Name: "checkout", Type: "STANDARD", Described: true,
			LogLevel: "ERROR", LogGroups: []string{"arn:aws:logs:eu-west-1:" + testAccountID + ":log-group:/states/checkout:*"}}
		if mut != nil {
			mut(&m)
		}
		a.StepFunctions.StateMachines = append(a.StepFunctions.StateMachines, m)
	}
}

func stepFunctionsCases() map[string][]checkCase {
	c := func(name string, m func(*state.StateMachine), want check.Status, msg string) checkCase {
		return checkCase{name: name, acct: baseAccount(dsStateMachine(m)), want: dsWant(want), msg: msg}
	}
	return map[string][]checkCase{
		"stepfunctions_state_machine_logging_enabled": {
			c("errors", nil, dsP, "level ERROR"),
			c("all", func(m *state.StateMachine) { m.LogLevel = "ALL" }, dsP, "level ALL"),
			c("fatal only", func(m *state.StateMachine) { m.LogLevel = "FATAL" }, dsF, "only fatal"),
			c("off", func(m *state.StateMachine) { m.LogLevel, m.LogGroups = "OFF", nil }, dsF, "level OFF"),
			c("not described", func(m *state.StateMachine) { m.Described, m.LogLevel = false, "" }, dsU, "not reported"),
			{name: "description denied", acct: baseAccount(dsStateMachine(func(m *state.StateMachine) { m.Described, m.LogLevel = false, "" }),
				dsGap("states", "eu-west-1", "DescribeStateMachine", dsStateMachineARN)), want: dsWant(dsU)},
			{name: "listing denied", acct: baseAccount(dsStateMachine(nil), dsGap("states", "eu-west-1", "ListStateMachines", "")), want: dsWant(dsU)},
			{name: "listing denied elsewhere", acct: baseAccount(dsStateMachine(nil), dsGap("states", "us-east-1", "ListStateMachines", "")), want: dsWant(dsU, dsP)},
		},
	}
}
