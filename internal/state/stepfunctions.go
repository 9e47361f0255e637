package state

// StepFunctions holds the AWS Step Functions state machines of every
// scanned region.
//
// Gaps: ListStateMachines hides a region's state machines;
// DescribeStateMachine (logging, tracing, encryption) is recorded per
// state machine ARN.
type StepFunctions struct {
	StateMachines []StateMachine `json:"state_machines,omitempty"`
}

// StateMachine is a Step Functions state machine. Its definition is not
// kept: no check reads it, and it can be large.
type StateMachine struct {
	Meta
	Name string `json:"name"`
	// Type is STANDARD or EXPRESS.
	Type string `json:"type,omitempty"`
	// Described is true once DescribeStateMachine answered for it; the
	// fields below are empty until then.
	Described bool `json:"described,omitempty"`
	// LogLevel is ALL, ERROR, FATAL or OFF (no logging configuration
	// reported is OFF).
	LogLevel string `json:"log_level,omitempty"`
	// IncludeExecutionData is true when logs carry execution input and
	// output.
	IncludeExecutionData bool `json:"include_execution_data,omitempty"`
	// LogGroups are the CloudWatch Logs log group ARNs logs go to.
	LogGroups []string `json:"log_groups,omitempty"`
	// Tracing is true when X-Ray tracing is on.
	Tracing bool `json:"tracing,omitempty"`
	// EncryptionType is AWS_OWNED_KEY or CUSTOMER_MANAGED_KMS_KEY, with
	// KMSKeyID for the latter.
	EncryptionType string `json:"encryption_type,omitempty"`
	KMSKeyID       string `json:"kms_key_id,omitempty"`
}

// LogsAtLeast reports whether the state machine logs events of level min
// (ALL < ERROR < FATAL in what they include) or more: ALL covers ERROR,
// ERROR covers FATAL, OFF covers nothing.
func (m StateMachine) LogsAtLeast(min string) bool {
	rank := map[string]int{"ALL": 3, "ERROR": 2, "FATAL": 1}
	return rank[m.LogLevel] >= rank[min] && rank[m.LogLevel] > 0
}
