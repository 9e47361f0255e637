package state

// ElasticBeanstalk holds the AWS Elastic Beanstalk environments of every
// scanned region.
//
// Gaps: DescribeEnvironments hides a region's environments;
// DescribeConfigurationSettings (health reporting, managed updates, log
// streaming) is recorded per environment ARN.
type ElasticBeanstalk struct {
	Environments []BeanstalkEnvironment `json:"environments,omitempty"`
}

// The option namespaces and names of an environment's configuration that
// the checks read (DescribeConfigurationSettings' OptionSettings).
const (
	BeanstalkHealthNamespace   = "aws:elasticbeanstalk:healthreporting:system"
	BeanstalkManagedNamespace  = "aws:elasticbeanstalk:managedactions"
	BeanstalkUpdateNamespace   = "aws:elasticbeanstalk:managedactions:platformupdate"
	BeanstalkLogsNamespace     = "aws:elasticbeanstalk:cloudwatch:logs"
	BeanstalkOptionSystemType  = "SystemType"
	BeanstalkOptionManaged     = "ManagedActionsEnabled"
	BeanstalkOptionUpdateLevel = "UpdateLevel"
	BeanstalkOptionStreamLogs  = "StreamLogs"
	BeanstalkOptionRetention   = "RetentionInDays"
)

// BeanstalkEnvironment is an Elastic Beanstalk environment (not
// terminated): its application, platform and, once its configuration was
// read, the settings the checks judge.
type BeanstalkEnvironment struct {
	Meta
	Name        string `json:"name"`
	ID          string `json:"id,omitempty"`
	Application string `json:"application,omitempty"`
	// Platform is the platform ARN (or the solution stack name when no
	// ARN is reported).
	Platform string `json:"platform,omitempty"`
	// Tier is WebServer or Worker.
	Tier   string `json:"tier,omitempty"`
	Status string `json:"status,omitempty"`
	// Configured is true once DescribeConfigurationSettings answered for
	// the environment; the fields below are their defaults until then.
	Configured bool `json:"configured,omitempty"`
	// HealthReporting is "enhanced" or "basic" (the
	// healthreporting:system SystemType option; absent is basic).
	HealthReporting string `json:"health_reporting,omitempty"`
	// ManagedUpdates is true when managed platform updates are on
	// (managedactions ManagedActionsEnabled).
	ManagedUpdates bool `json:"managed_updates,omitempty"`
	// UpdateLevel is "minor" or "patch" (platformupdate UpdateLevel).
	UpdateLevel string `json:"update_level,omitempty"`
	// StreamLogs is true when instance logs stream to CloudWatch Logs
	// (cloudwatch:logs StreamLogs), kept for LogRetentionDays days (0
	// when logs are not streamed).
	StreamLogs       bool `json:"stream_logs,omitempty"`
	LogRetentionDays int  `json:"log_retention_days,omitempty"`
}

// EnhancedHealth reports whether the environment uses enhanced health
// reporting.
func (e BeanstalkEnvironment) EnhancedHealth() bool { return e.HealthReporting == "enhanced" }
