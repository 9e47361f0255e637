package aws

import (
	"context"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	sfntypes "github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// buildStepFunctions creates state machine "checkout" in the region: when
// secure it logs errors with execution data to a log group and traces
// with X-Ray; otherwise it has no logging configuration.
func buildStepFunctions(ctx context.Context, cfg sdk.Config, r string, secure bool) {
	c := sfn.NewFromConfig(cfg)
	in := &sfn.CreateStateMachineInput{Name: sdk.String("checkout"), Type: sfntypes.StateMachineTypeStandard,
		RoleArn:    sdk.String("arn:aws:iam::" + motoAccount + ":role/states"),
		Definition: sdk.String(`{"StartAt":"Done","States":{"Done":{"Type":"Succeed"}}}`)}
	if secure {
		in.LoggingConfiguration = &sfntypes.LoggingConfiguration{Level: sfntypes.LogLevelError, IncludeExecutionData: true,
			Destinations: []sfntypes.LogDestination{{CloudWatchLogsLogGroup: &sfntypes.CloudWatchLogsLogGroup{
				LogGroupArn: sdk.String("arn:aws:logs:" + r + ":" + motoAccount + ":log-group:/states/checkout:*")}}}}
		in.TracingConfiguration = &sfntypes.TracingConfiguration{Enabled: true}
	}
	must(c.CreateStateMachine(ctx, in))
}

// TestMotoStepFunctions: the listing and each state machine's description
// are read back with what the check judges, in every region.
func TestMotoStepFunctions(t *testing.T) {
	_, res := collected(t)
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			m := find(t, "state machine", res.Account.StepFunctions.StateMachines,
				func(x state.StateMachine) string { return x.Region + "/" + x.Name }, r+"/checkout")
			eq(t, "arn", m.ARN, "arn:aws:states:"+r+":"+motoAccount+":stateMachine:checkout")
			eq(t, "type", m.Type, "STANDARD")
			eq(t, "described", m.Described, true)
			eq(t, "log level", m.LogLevel, map[bool]string{true: "ERROR", false: "OFF"}[secure])
			eq(t, "logs errors", m.LogsAtLeast("ERROR"), secure)
			eq(t, "execution data", m.IncludeExecutionData, secure)
			eq(t, "log groups", len(m.LogGroups), map[bool]int{true: 1, false: 0}[secure])
		})
	}
}
