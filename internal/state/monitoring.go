package state

import (
	"strings"
	"time"
)

// CloudWatchLogs holds the log groups of every scanned region with the
// metric filters defined on them (the first half of CIS monitoring: a
// filter turns matching CloudTrail events into a metric).
type CloudWatchLogs struct {
	LogGroups []LogGroup `json:"log_groups,omitempty"`
}

// LogGroup is a CloudWatch Logs log group. Its ARN is the form without the
// trailing ":*" (arn:aws:logs:REGION:ACCOUNT:log-group:NAME).
type LogGroup struct {
	Meta
	Name string `json:"name"`
	// RetentionDays is how long events are kept; 0 means never expire.
	RetentionDays int    `json:"retention_days,omitempty"`
	KMSKeyID      string `json:"kms_key_id,omitempty"`
	// MetricFilters are the filters on the group (DescribeMetricFilters).
	MetricFilters []MetricFilter `json:"metric_filters,omitempty"`
}

// MetricFilter turns log events that match Pattern into metric data points.
type MetricFilter struct {
	Name string `json:"name"`
	// Pattern is the filter pattern exactly as AWS returns it.
	Pattern string `json:"pattern"`
	// Metrics are the metric transformations (AWS allows one per filter).
	Metrics []MetricTransformation `json:"metrics,omitempty"`
}

// MetricTransformation names the metric a filter publishes.
type MetricTransformation struct {
	Name      string `json:"name"`
	Namespace string `json:"namespace"`
	Value     string `json:"value,omitempty"`
}

// LogGroup returns the log group named by an ARN as CloudTrail records it
// (arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*), if the state holds it.
func (c *CloudWatchLogs) LogGroup(arn string) (*LogGroup, bool) {
	want := strings.TrimSuffix(arn, ":*")
	for i := range c.LogGroups {
		if strings.TrimSuffix(c.LogGroups[i].ARN, ":*") == want {
			return &c.LogGroups[i], true
		}
	}
	return nil, false
}

// CloudWatch holds the metric alarms of every scanned region.
type CloudWatch struct {
	Alarms []MetricAlarm `json:"alarms,omitempty"`
}

// MetricAlarm is a CloudWatch alarm on a single metric. Alarms built on
// metric math (several metrics) leave MetricName empty.
type MetricAlarm struct {
	Meta
	Name               string  `json:"name"`
	MetricName         string  `json:"metric_name,omitempty"`
	Namespace          string  `json:"namespace,omitempty"`
	Statistic          string  `json:"statistic,omitempty"`
	ComparisonOperator string  `json:"comparison_operator,omitempty"`
	Threshold          float64 `json:"threshold,omitempty"`
	EvaluationPeriods  int     `json:"evaluation_periods,omitempty"`
	// ActionsEnabled is false when the alarm's actions are switched off.
	ActionsEnabled bool `json:"actions_enabled"`
	// AlarmActions are the ARNs notified when the alarm fires (SNS topics,
	// Auto Scaling policies, ...).
	AlarmActions []string `json:"alarm_actions,omitempty"`
	// State is OK, ALARM or INSUFFICIENT_DATA.
	State string `json:"state,omitempty"`
}

// SNS holds the SNS topics of every scanned region with their subscriptions.
type SNS struct {
	Topics []Topic `json:"topics,omitempty"`
}

// Topic is an SNS topic.
type Topic struct {
	Meta
	Name string `json:"name"`
	// Policy is the topic's access policy document.
	Policy   string `json:"policy,omitempty"`
	KMSKeyID string `json:"kms_key_id,omitempty"`
	// Subscriptions are the topic's subscriptions (ListSubscriptionsByTopic).
	Subscriptions []Subscription `json:"subscriptions,omitempty"`
}

// Subscription is an SNS subscription. AWS reports an unconfirmed one with
// the ARN "PendingConfirmation"; it delivers nothing until confirmed.
type Subscription struct {
	ARN      string `json:"arn,omitempty"`
	Protocol string `json:"protocol"` // email, sms, https, sqs, lambda, ...
	Endpoint string `json:"endpoint,omitempty"`
	// PendingConfirmation is true until the endpoint confirms.
	PendingConfirmation bool `json:"pending_confirmation,omitempty"`
}

// Topic returns the topic with the given ARN, if the state holds it.
func (s *SNS) Topic(arn string) (*Topic, bool) {
	for i := range s.Topics {
		if s.Topics[i].ARN == arn {
			return &s.Topics[i], true
		}
	}
	return nil, false
}

// Confirmed counts the topic's confirmed subscriptions.
func (t *Topic) Confirmed() int {
	n := 0
	for _, s := range t.Subscriptions {
		if !s.PendingConfirmation && s.ARN != "PendingConfirmation" {
			n++
		}
	}
	return n
}

// SecurityHub holds the Security Hub hub of each scanned region where it
// is enabled. A scanned region with no hub (and no gap) has it disabled.
type SecurityHub struct {
	Hubs []Hub `json:"hubs,omitempty"`
	// OrgConfigs are Security Hub's organization configuration per region,
	// readable only by the Security Hub delegated administrator.
	OrgConfigs []SecurityHubOrgConfig `json:"org_configs,omitempty"`
}

// Hub is Security Hub enabled in one region.
type Hub struct {
	Meta
	SubscribedAt *time.Time `json:"subscribed_at,omitempty"`
	// AdministratorAccountID is set when the organization's administrator
	// account manages this member's Security Hub.
	AdministratorAccountID string `json:"administrator_account_id,omitempty"`
	// Standards are the ARNs of the enabled standards.
	Standards []string `json:"standards,omitempty"`
}
