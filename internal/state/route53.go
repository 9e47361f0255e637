package state

// Route53 holds the account's Route 53 hosted zones (a global service)
// and, for public zones, their DNS query logging and DNSSEC signing.
//
// Gaps: ListHostedZones hides every zone; ListQueryLoggingConfigs (every
// query logging configuration of the account in bulk) hides which public
// zones log queries; GetDNSSEC is recorded per public zone ARN.
type Route53 struct {
	HostedZones []HostedZone `json:"hosted_zones,omitempty"`
}

// HostedZone is a Route 53 hosted zone.
type HostedZone struct {
	Meta
	// ID is the zone's ID without the "/hostedzone/" prefix.
	ID   string `json:"id"`
	Name string `json:"name"`
	// Private zones answer only inside their VPCs.
	Private     bool `json:"private,omitempty"`
	RecordCount int  `json:"record_count,omitempty"`
	// QueryLogGroupARN is the CloudWatch Logs log group a query logging
	// configuration sends the zone's queries to ("" when none).
	QueryLogGroupARN string `json:"query_log_group_arn,omitempty"`
	// DNSSECRead is true once GetDNSSEC answered for the (public) zone;
	// DNSSECStatus is its ServeSignature: SIGNING, NOT_SIGNING, DELETING,
	// ACTION_NEEDED or INTERNAL_FAILURE.
	DNSSECRead   bool   `json:"dnssec_read,omitempty"`
	DNSSECStatus string `json:"dnssec_status,omitempty"`
}
