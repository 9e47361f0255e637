package state

import "time"

// SSM holds Systems Manager inventory: which instances are managed and
// their patch compliance.
type SSM struct {
	ManagedInstances []ManagedInstance `json:"managed_instances,omitempty"`
	PatchCompliance  []PatchCompliance `json:"patch_compliance,omitempty"`
	Documents        []SSMDocument     `json:"documents,omitempty"`
	// AssociationCompliance is each managed instance's State Manager
	// association compliance summary (ListResourceComplianceSummaries,
	// ComplianceType Association).
	AssociationCompliance []AssociationCompliance `json:"association_compliance,omitempty"`
	// RegionSettings are the per-region SSM service settings, one per scanned region.
	RegionSettings []SSMRegionSettings `json:"region_settings,omitempty"`
}

// AssociationCompliance is an instance's association compliance summary.
type AssociationCompliance struct {
	Meta
	InstanceID string `json:"instance_id"`
	// Status is COMPLIANT or NON_COMPLIANT.
	Status string `json:"status"`
	// NonCompliantCount is the number of associations that failed.
	NonCompliantCount int `json:"non_compliant_count,omitempty"`
}

// SSMRegionSettings are SSM service settings of one region.
type SSMRegionSettings struct {
	Region string `json:"region"`
	// DocumentPublicSharingBlocked is the block public sharing setting for
	// documents (/ssm/documents/console/public-sharing-permission = Disable).
	DocumentPublicSharingBlocked bool `json:"document_public_sharing_blocked"`
	// AutomationLogDestination is where SSM Automation sends the output
	// of its script steps (/ssm/automation/customer-script-log-destination):
	// CloudWatch, or None (AWS's default). Empty when it was not read,
	// which a gap on GetServiceSetting explains (svc-last: SSM.6).
	AutomationLogDestination string `json:"automation_log_destination,omitempty"`
}

// Settings returns the SSM settings recorded for a region.
func (s *SSM) Settings(region string) (SSMRegionSettings, bool) {
	for _, x := range s.RegionSettings {
		if x.Region == region {
			return x, true
		}
	}
	return SSMRegionSettings{}, false
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
