package state

// Connect holds the Amazon Connect instances of every scanned region
// (svc-connect).
//
// Gaps: ListInstances hides a region's instances; DescribeInstanceAttribute
// (the flow-logs attribute the check judges) is recorded per instance ARN.
type Connect struct {
	Instances []ConnectInstance `json:"instances,omitempty"`
}

// ConnectInstance is an Amazon Connect instance with its CONTACTFLOW_LOGS
// attribute.
type ConnectInstance struct {
	Meta
	// ID is the instance identifier (the last part of its ARN).
	ID string `json:"id"`
	// Alias is the instance's name, part of its access URL.
	Alias string `json:"alias,omitempty"`
	// Status is CREATION_IN_PROGRESS, ACTIVE or CREATION_FAILED.
	Status string `json:"status,omitempty"`
	// IdentityManagementType is SAML, CONNECT_MANAGED or EXISTING_DIRECTORY.
	IdentityManagementType string `json:"identity_management_type,omitempty"`
	// FlowLogsRead is true once DescribeInstanceAttribute answered for
	// CONTACTFLOW_LOGS; FlowLogs is meaningless until then.
	FlowLogsRead bool `json:"flow_logs_read,omitempty"`
	// FlowLogs is the CONTACTFLOW_LOGS attribute: the instance publishes
	// its flow logs to a CloudWatch Logs group (/aws/connect/<alias>).
	FlowLogs bool `json:"flow_logs,omitempty"`
}
