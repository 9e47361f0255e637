package state

// MQ holds the Amazon MQ brokers of every scanned region (svc-mq).
//
// Gaps: ListBrokers hides a region's brokers; DescribeBroker (every
// setting the checks judge: logs, minor version upgrades, public access,
// encryption, tags) is recorded per broker ARN.
type MQ struct {
	Brokers []MQBroker `json:"brokers,omitempty"`
}

// MQBroker is an Amazon MQ broker (ActiveMQ or RabbitMQ) with what
// DescribeBroker reports of it.
type MQBroker struct {
	Meta
	ID   string `json:"id"`
	Name string `json:"name"`
	// EngineType is ACTIVEMQ or RABBITMQ.
	EngineType string `json:"engine_type"`
	// DeploymentMode is SINGLE_INSTANCE, ACTIVE_STANDBY_MULTI_AZ or
	// CLUSTER_MULTI_AZ.
	DeploymentMode string `json:"deployment_mode,omitempty"`
	// State is RUNNING, CREATION_IN_PROGRESS, REBOOT_IN_PROGRESS, ...
	State string `json:"state,omitempty"`
	// Described is true once DescribeBroker answered for the broker; the
	// fields below are empty until then.
	Described     bool   `json:"described,omitempty"`
	EngineVersion string `json:"engine_version,omitempty"`
	// AutoMinorVersionUpgrade is true when Amazon MQ applies new minor
	// engine versions in the maintenance window.
	AutoMinorVersionUpgrade bool `json:"auto_minor_version_upgrade,omitempty"`
	// PubliclyAccessible is true when the broker's endpoints resolve to
	// public addresses reachable from the internet.
	PubliclyAccessible bool `json:"publicly_accessible,omitempty"`
	// AWSOwnedKey is true when the broker's storage is encrypted with a key
	// Amazon MQ owns (the default, and the only choice for RabbitMQ);
	// otherwise KMSKeyID names the customer managed key, or is empty for
	// the AWS managed key aws/mq.
	AWSOwnedKey bool   `json:"aws_owned_key,omitempty"`
	KMSKeyID    string `json:"kms_key_id,omitempty"`
	// GeneralLogs and AuditLogs are true when the broker publishes its
	// general and (ActiveMQ only) audit logs to CloudWatch Logs.
	GeneralLogs bool `json:"general_logs,omitempty"`
	AuditLogs   bool `json:"audit_logs,omitempty"`
	// AuthenticationStrategy is SIMPLE (broker users) or LDAP.
	AuthenticationStrategy string `json:"authentication_strategy,omitempty"`
}

// ActiveMQ reports whether the broker runs Apache ActiveMQ (audit logs
// exist for ActiveMQ only).
func (b MQBroker) ActiveMQ() bool { return b.EngineType == "ACTIVEMQ" }

// Public reports whether the broker accepts connections from the internet:
// the one answer the check and the data map give.
func (b MQBroker) Public() bool { return b.Described && b.PubliclyAccessible }
