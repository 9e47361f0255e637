package state

// Athena holds the Amazon Athena workgroups of every scanned region
// (svc-glue).
//
// Gaps: ListWorkGroups hides a region's workgroups; GetWorkGroup (the
// configuration) is recorded per workgroup ARN.
type Athena struct {
	WorkGroups []AthenaWorkGroup `json:"workgroups,omitempty"`
}

// AthenaWorkGroup is an Athena workgroup with its configuration.
type AthenaWorkGroup struct {
	Meta
	Name string `json:"name"`
	// State is ENABLED or DISABLED.
	State string `json:"state,omitempty"`
	// Described is true once GetWorkGroup answered for it; the fields
	// below are empty until then.
	Described bool `json:"described,omitempty"`
	// PublishMetrics is true when the workgroup publishes query metrics to
	// CloudWatch (FSBP Athena.4's "logging").
	PublishMetrics bool `json:"publish_metrics,omitempty"`
	// Enforce is true when the workgroup's settings override the client's.
	Enforce bool `json:"enforce,omitempty"`
	// OutputLocation is the S3 location of query results.
	OutputLocation string `json:"output_location,omitempty"`
	// ResultEncryption is SSE_S3, SSE_KMS or CSE_KMS, empty when query
	// results are not encrypted by the workgroup; ResultKMSKey names the
	// key of the KMS options.
	ResultEncryption string `json:"result_encryption,omitempty"`
	ResultKMSKey     string `json:"result_kms_key,omitempty"`
}
