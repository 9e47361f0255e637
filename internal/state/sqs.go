package state

// SQS holds the SQS queues of every scanned region.
//
// Gaps: ListQueues hides a region's queues; GetQueueAttributes (the
// queue's encryption and access policy) is recorded per queue ARN; the
// queues' tags come from the Tagging API (tagging GetResources).
type SQS struct {
	Queues []Queue `json:"queues,omitempty"`
}

// Queue is an SQS queue.
type Queue struct {
	Meta
	Name string `json:"name"`
	// URL is the queue URL the SQS API names the queue by.
	URL string `json:"url,omitempty"`
	// SQSManagedSSE is true when the queue is encrypted with SQS owned
	// keys (SSE-SQS).
	SQSManagedSSE bool `json:"sqs_managed_sse,omitempty"`
	// KMSKeyID is the KMS key of an SSE-KMS queue (ID, ARN or alias;
	// alias/aws/sqs is the AWS managed key); empty otherwise.
	KMSKeyID string `json:"kms_key_id,omitempty"`
	// Policy is the queue's access policy, empty when none.
	Policy string `json:"policy,omitempty"`
}

// Encrypted reports whether the queue is encrypted at rest (SSE-SQS or SSE-KMS).
func (q Queue) Encrypted() bool { return q.SQSManagedSSE || q.KMSKeyID != "" }
