package state

// DataSync holds the AWS DataSync tasks of every scanned region (svc-mq).
//
// Gaps: ListTasks hides a region's tasks; DescribeTask (the log group and
// log level the check judges) is recorded per task ARN.
type DataSync struct {
	Tasks []DataSyncTask `json:"tasks,omitempty"`
}

// DataSyncTask is a DataSync task with what DescribeTask reports of it.
type DataSyncTask struct {
	Meta
	Name string `json:"name,omitempty"`
	// Status is AVAILABLE, CREATING, QUEUED, RUNNING or UNAVAILABLE.
	Status string `json:"status,omitempty"`
	// TaskMode is BASIC or ENHANCED.
	TaskMode string `json:"task_mode,omitempty"`
	// Described is true once DescribeTask answered for the task; the
	// fields below are empty until then.
	Described bool `json:"described,omitempty"`
	// LogGroupARN is the CloudWatch Logs group the task publishes to,
	// empty when none is configured.
	LogGroupARN string `json:"log_group_arn,omitempty"`
	// LogLevel is the task's Options.LogLevel: OFF, BASIC or TRANSFER
	// (empty when not reported).
	LogLevel string `json:"log_level,omitempty"`
}

// Logging reports whether the task publishes logs to CloudWatch Logs: a
// log group configured and the log level not OFF.
func (t DataSyncTask) Logging() bool { return t.LogGroupARN != "" && t.LogLevel != "OFF" }
