package state

// DynamoDB holds the DynamoDB tables of every scanned region.
//
// Gaps: a failed ListTables hides a region's tables (operation ListTables,
// no resource); a failed per-table read is recorded for the table's ARN
// under DescribeTable, DescribeContinuousBackups (PITR) or GetResourcePolicy.
type DynamoDB struct {
	Tables []DynamoDBTable `json:"tables,omitempty"`
}

// DynamoDBTable is a DynamoDB table with the settings the checks read.
type DynamoDBTable struct {
	Meta
	Name   string `json:"name"`
	Status string `json:"status,omitempty"`
	// SSEType is KMS when the table is encrypted under a KMS key (AWS
	// managed aws/dynamodb or customer managed), "" when it uses the AWS
	// owned key (DescribeTable then returns no SSEDescription).
	SSEType string `json:"sse_type,omitempty"`
	// KMSKeyARN is the KMS key protecting the table; empty for the AWS owned key.
	KMSKeyARN string `json:"kms_key_arn,omitempty"`
	// PITR is true when point-in-time recovery (continuous backups) is on.
	PITR bool `json:"pitr"`
	// DeletionProtection is true when the table cannot be deleted until it is turned off.
	DeletionProtection bool `json:"deletion_protection"`
	// BillingMode is PROVISIONED or PAY_PER_REQUEST (on-demand).
	BillingMode string `json:"billing_mode,omitempty"`
	// AutoScaling is true when Application Auto Scaling manages both read and
	// write capacity of a provisioned table.
	AutoScaling bool `json:"auto_scaling,omitempty"`
	// ReplicaRegions are the other regions of a global table (version 2019.11.21).
	ReplicaRegions []string `json:"replica_regions,omitempty"`
	// ResourcePolicy is the table's resource-based policy, empty when none.
	ResourcePolicy string `json:"resource_policy,omitempty"`
}

// AWSOwnedKey is true when the table is encrypted with the AWS owned key,
// DynamoDB's default, which the customer can neither see nor control.
func (t DynamoDBTable) AWSOwnedKey() bool { return t.KMSKeyARN == "" }
