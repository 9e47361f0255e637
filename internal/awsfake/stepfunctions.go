package awsfake

import "github.com/shoulder-dev/shoulder/internal/state"

// ---- AWS Step Functions (awsJson1.0, X-Amz-Target AWSStepFunctions.*,
// signing name states; bodies by hand: the SDK's SFN client has no schema
// serializers. Member names are the deserializer's: lower camel case). ----

func (s *Server) stepFunctionsService() *service {
	return &service{name: "states", proto: protoJSON, jsonVersion: "1.0", ops: map[string]handler{
		"ListStateMachines":    sfnListStateMachines,
		"DescribeStateMachine": sfnDescribeStateMachine,
	}}
}

// sfnListStateMachines pages with maxResults (0..1000, default 100) and
// nextToken.
func sfnListStateMachines(c *call) (*reply, error) {
	ms := c.s.idx.stateMachines[c.region]
	start, end, next, err := c.pageOfLower(len(ms), 100, 1000)
	if err != nil {
		return nil, err
	}
	items := make([]map[string]any, 0, end-start)
	for _, m := range ms[start:end] {
		items = append(items, map[string]any{"stateMachineArn": m.ARN, "name": m.Name, "type": orDefault(m.Type, "STANDARD"), "creationDate": 1.7e9})
	}
	out := map[string]any{"stateMachines": items}
	if next != "" {
		out["nextToken"] = next
	}
	return c.rawJSON(out)
}

func sfnDescribeStateMachine(c *call) (*reply, error) {
	arn := c.str("stateMachineArn")
	for _, m := range c.s.idx.stateMachines[c.region] {
		if m.ARN != arn {
			continue
		}
		return c.rawJSON(sfnDescription(m))
	}
	return nil, errf(400, "StateMachineDoesNotExist", "State Machine Does Not Exist: '%s'", arn)
}

// sfnDescription is what DescribeStateMachine answers for m.
func sfnDescription(m *state.StateMachine) map[string]any {
	dests := []map[string]any{}
	for _, g := range m.LogGroups {
		dests = append(dests, map[string]any{"cloudWatchLogsLogGroup": map[string]string{"logGroupArn": g}})
	}
	out := map[string]any{"stateMachineArn": m.ARN, "name": m.Name, "status": "ACTIVE", "type": orDefault(m.Type, "STANDARD"),
		"definition": `{"StartAt":"Done","States":{"Done":{"Type":"Succeed"}}}`, "roleArn": "arn:aws:iam::" + arnAccount(m.ARN) + ":role/states",
		"creationDate":         1.7e9,
		"loggingConfiguration": map[string]any{"level": orDefault(m.LogLevel, "OFF"), "includeExecutionData": m.IncludeExecutionData, "destinations": dests},
		"tracingConfiguration": map[string]bool{"enabled": m.Tracing}}
	if m.EncryptionType != "" {
		e := map[string]any{"type": m.EncryptionType}
		if m.KMSKeyID != "" {
			e["kmsKeyId"] = m.KMSKeyID
		}
		out["encryptionConfiguration"] = e
	}
	return out
}
