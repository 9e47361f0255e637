package state

import "time"

// CloudTrail holds the trails visible from the account (including
// organization trails created in the management account).
type CloudTrail struct {
	Trails []Trail `json:"trails,omitempty"`
}

// Trail is a CloudTrail trail with its status and event selectors.
type Trail struct {
	Meta
	Name string `json:"name"`
	// HomeRegion is where the trail was created.
	HomeRegion     string `json:"home_region"`
	IsMultiRegion  bool   `json:"is_multi_region"`
	IsOrganization bool   `json:"is_organization,omitempty"`
	// OwnerAccountID is the account that owns the trail (differs for organization trails).
	OwnerAccountID           string     `json:"owner_account_id,omitempty"`
	IsLogging                bool       `json:"is_logging"`
	LogFileValidation        bool       `json:"log_file_validation"`
	KMSKeyID                 string     `json:"kms_key_id,omitempty"`
	S3Bucket                 string     `json:"s3_bucket,omitempty"`
	IncludeGlobalEvents      bool       `json:"include_global_events"`
	CloudWatchLogGroupARN    string     `json:"cloudwatch_log_group_arn,omitempty"`
	LatestCloudWatchDelivery *time.Time `json:"latest_cloudwatch_delivery,omitempty"`
	LatestDelivery           *time.Time `json:"latest_delivery,omitempty"`
	// ManagementEvents is true when the selectors record read and write management events.
	ManagementEvents bool `json:"management_events"`
	// ReadWriteType of management events: All, ReadOnly, WriteOnly.
	ReadWriteType string `json:"read_write_type,omitempty"`
	// S3DataEvents: ReadOnly, WriteOnly, All, or "" when object-level logging is off.
	S3DataEventsRead  bool `json:"s3_data_events_read,omitempty"`
	S3DataEventsWrite bool `json:"s3_data_events_write,omitempty"`
	// S3DataEventBuckets are the bucket ARNs (or ARN prefixes) the S3 data
	// event selectors are limited to; empty with S3DataEventsRead/Write set
	// means every current and future bucket.
	S3DataEventBuckets []string `json:"s3_data_event_buckets,omitempty"`
}

// Config holds the AWS Config recorders and delivery channels per region.
type Config struct {
	Recorders        []ConfigRecorder  `json:"recorders,omitempty"`
	DeliveryChannels []DeliveryChannel `json:"delivery_channels,omitempty"`
	// Aggregators are the account's configuration aggregators
	// (DescribeConfigurationAggregators), per region.
	Aggregators []ConfigAggregator `json:"aggregators,omitempty"`
}

// ConfigRecorder is a configuration recorder and its status.
type ConfigRecorder struct {
	Meta
	Name                       string `json:"name"`
	RoleARN                    string `json:"role_arn,omitempty"`
	AllSupported               bool   `json:"all_supported"`
	IncludeGlobalResourceTypes bool   `json:"include_global_resource_types"`
	Recording                  bool   `json:"recording"`
	LastStatus                 string `json:"last_status,omitempty"` // SUCCESS, FAILURE, PENDING
	// ServiceLinked is true for recorders AWS manages for another service.
	ServiceLinked bool `json:"service_linked,omitempty"`
}

// DeliveryChannel is where Config delivers its snapshots.
type DeliveryChannel struct {
	Meta
	Name     string `json:"name"`
	S3Bucket string `json:"s3_bucket,omitempty"`
	SNSTopic string `json:"sns_topic,omitempty"`
}

// GuardDuty holds the detectors per region.
type GuardDuty struct {
	Detectors []Detector `json:"detectors,omitempty"`
	// OrgConfigs are the organization configurations of the account's
	// detectors, readable only by the GuardDuty delegated administrator.
	OrgConfigs []GuardDutyOrgConfig `json:"org_configs,omitempty"`
}

// Detector is a GuardDuty detector.
type Detector struct {
	Meta
	ID     string `json:"id"`
	Status string `json:"status"` // ENABLED or DISABLED
	// AdministratorAccountID is set when the organization's delegated admin manages it.
	AdministratorAccountID string `json:"administrator_account_id,omitempty"`
	// Features maps a protection plan (S3_DATA_EVENTS, EKS_AUDIT_LOGS,
	// EBS_MALWARE_PROTECTION, RDS_LOGIN_EVENTS, LAMBDA_NETWORK_LOGS,
	// RUNTIME_MONITORING, ...) to ENABLED or DISABLED. A feature's additional
	// configuration is keyed FEATURE/NAME, e.g.
	// RUNTIME_MONITORING/EKS_ADDON_MANAGEMENT.
	Features map[string]string `json:"features,omitempty"`
	// HighSeverityFindings counts active findings of severity >= 7.
	HighSeverityFindings int `json:"high_severity_findings,omitempty"`
}
