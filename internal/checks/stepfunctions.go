package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// stepFunctionsChecks are the customer's duties on AWS Step Functions: AWS
// runs the workflows, but whether their executions leave a record in
// CloudWatch Logs is the state machine owner's setting.
func stepFunctionsChecks() []check.Check {
	return []check.Check{stepFunctionsLogging()}
}

// stepFunctionsMinLogLevel is the least a state machine must log (FSBP
// StepFunctions.1 with its logLevel parameter set to ERROR).
const stepFunctionsMinLogLevel = "ERROR"

// stepFunctionsLogging judges every described state machine (FSBP
// StepFunctions.1): logging at level ERROR or ALL passes.
func stepFunctionsLogging() check.Check {
	return check.Check{
		ID: "stepfunctions_state_machine_logging_enabled",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "states", []state.Input{state.InputStateMachines}, a.StepFunctions.StateMachines, func(m state.StateMachine) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputStateMachineDescription, m.Region, m.ARN); ok {
					return check.GapR(m, g)
				}
				switch {
				case !m.Described:
					return check.UnknownR(m, "state machine %s's description was not reported", m.Name)
				case m.LogsAtLeast(stepFunctionsMinLogLevel):
					return check.PassR(m, "state machine %s logs executions at level %s", m.Name, m.LogLevel)
				case m.LogLevel == "FATAL":
					return check.FailR(m, "state machine %s logs only fatal errors (level FATAL, below %s)", m.Name, stepFunctionsMinLogLevel)
				}
				level := m.LogLevel
				if level == "" {
					level = "OFF"
				}
				return check.FailR(m, "state machine %s does not log its executions (level %s)", m.Name, level)
			})
		},
	}
}
