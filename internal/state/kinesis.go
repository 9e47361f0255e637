package state

// Kinesis holds the Kinesis Data Streams of every scanned region.
//
// Gaps: ListStreams hides a region's streams; DescribeStreamSummary
// (encryption, key, retention, capacity mode) and GetResourcePolicy (who
// else may read or write the stream) are recorded per stream ARN.
type Kinesis struct {
	Streams []KinesisStream `json:"streams,omitempty"`
}

// KinesisStream is a Kinesis data stream.
type KinesisStream struct {
	Meta
	Name string `json:"name"`
	// Status is CREATING, DELETING, ACTIVE or UPDATING.
	Status string `json:"status,omitempty"`
	// Mode is the capacity mode: PROVISIONED or ON_DEMAND.
	Mode string `json:"mode,omitempty"`
	// Described is true once DescribeStreamSummary answered for the
	// stream; the fields below are empty until then.
	Described bool `json:"described,omitempty"`
	// EncryptionType is NONE or KMS (server-side encryption of records).
	EncryptionType string `json:"encryption_type,omitempty"`
	// KMSKeyID is the key as the stream names it: "alias/aws/kinesis" (the
	// AWS managed key), a customer managed key's ID, ARN or alias.
	KMSKeyID string `json:"kms_key_id,omitempty"`
	// RetentionHours is how long records stay readable (24 to 8760).
	RetentionHours int `json:"retention_hours,omitempty"`
	// OpenShards is the number of open shards.
	OpenShards int `json:"open_shards,omitempty"`
	// PolicyRead is true once GetResourcePolicy answered for the stream
	// (exposure-gaps); Policy is empty until then, and after it when the
	// stream has no resource policy.
	PolicyRead bool `json:"policy_read,omitempty"`
	// Policy is the stream's resource policy document, "" for none.
	Policy string `json:"policy,omitempty"`
}

// Encrypted reports whether the stream encrypts its records at rest.
func (s KinesisStream) Encrypted() bool { return s.EncryptionType == "KMS" }
