package state

import "time"

// SSM holds Systems Manager inventory: which instances are managed and
// their patch compliance.
type SSM struct {
	ManagedInstances []ManagedInstance `json:"managed_instances,omitempty"`
	PatchCompliance  []PatchCompliance `json:"patch_compliance,omitempty"`
	Documents        []SSMDocument     `json:"documents,omitempty"`
}

// ManagedInstance is an instance the SSM agent reports.
type ManagedInstance struct {
	Meta
	InstanceID   string    `json:"instance_id"`
	PingStatus   string    `json:"ping_status"` // Online, ConnectionLost, Inactive
	PlatformType string    `json:"platform_type,omitempty"`
	PlatformName string    `json:"platform_name,omitempty"`
	AgentVersion string    `json:"agent_version,omitempty"`
	LastPingTime time.Time `json:"last_ping_time"`
}

// PatchCompliance is an instance's patch compliance summary.
type PatchCompliance struct {
	Meta
	InstanceID string `json:"instance_id"`
	// Status is COMPLIANT or NON_COMPLIANT.
	Status string `json:"status"`
	// Severity is the highest missing patch severity (CRITICAL, HIGH, ...).
	Severity          string    `json:"severity,omitempty"`
	MissingCount      int       `json:"missing_count,omitempty"`
	LastOperationTime time.Time `json:"last_operation_time"`
}

// SSMDocument is a document the account owns.
type SSMDocument struct {
	Meta
	Name       string   `json:"name"`
	Public     bool     `json:"public"`
	SharedWith []string `json:"shared_with,omitempty"`
}
