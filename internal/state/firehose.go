package state

// Firehose holds the Amazon Data Firehose delivery streams of every
// scanned region.
//
// Gaps: ListDeliveryStreams hides a region's delivery streams;
// DescribeDeliveryStream (source, encryption, destinations) is recorded
// per delivery stream ARN.
type Firehose struct {
	DeliveryStreams []DeliveryStream `json:"delivery_streams,omitempty"`
}

// DeliveryStream is a Firehose delivery stream.
type DeliveryStream struct {
	Meta
	Name string `json:"name"`
	// Described is true once DescribeDeliveryStream answered for it; the
	// fields below are empty until then.
	Described bool   `json:"described,omitempty"`
	Status    string `json:"status,omitempty"`
	// Type is the source: DirectPut, KinesisStreamAsSource, MSKAsSource
	// or DatabaseAsSource.
	Type string `json:"type,omitempty"`
	// SourceStreamARN is the Kinesis data stream a KinesisStreamAsSource
	// delivery stream reads from.
	SourceStreamARN string `json:"source_stream_arn,omitempty"`
	// EncryptionStatus is Firehose's server-side encryption: ENABLED,
	// ENABLING, DISABLED, DISABLING or ..._FAILED; KeyType is
	// AWS_OWNED_CMK or CUSTOMER_MANAGED_CMK, with KMSKeyARN for the latter.
	EncryptionStatus string `json:"encryption_status,omitempty"`
	KeyType          string `json:"key_type,omitempty"`
	KMSKeyARN        string `json:"kms_key_arn,omitempty"`
	// Destinations are the kinds of destination it delivers to (s3,
	// redshift, opensearch, splunk, http, ...).
	Destinations []string `json:"destinations,omitempty"`
}

// FromKinesis reports whether the delivery stream reads a Kinesis data
// stream: its records then rest in that stream, encrypted (or not) by the
// stream's own settings, and Firehose's server-side encryption does not
// apply.
func (d DeliveryStream) FromKinesis() bool { return d.Type == "KinesisStreamAsSource" }

// Encrypted reports whether Firehose's own server-side encryption is on
// (or being turned on).
func (d DeliveryStream) Encrypted() bool {
	return d.EncryptionStatus == "ENABLED" || d.EncryptionStatus == "ENABLING"
}
