package state

// MSK holds the Amazon MSK clusters and the MSK Connect connectors of
// every scanned region.
//
// Gaps: ListClustersV2 (service kafka) hides a region's clusters,
// ListConnectors (service kafkaconnect) its connectors. Both listings carry
// every setting the checks judge; only each cluster's policy
// (GetClusterPolicy, who in other accounts may connect) is read per
// cluster, its gaps recorded per cluster ARN.
type MSK struct {
	Clusters   []MSKCluster   `json:"clusters,omitempty"`
	Connectors []MSKConnector `json:"connectors,omitempty"`
}

// MSKCluster is an Amazon MSK cluster, provisioned or serverless.
type MSKCluster struct {
	Meta
	Name string `json:"name"`
	// Type is PROVISIONED or SERVERLESS.
	Type string `json:"type"`
	// State is ACTIVE, CREATING, UPDATING, DELETING, FAILED, ...
	State        string `json:"state,omitempty"`
	KafkaVersion string `json:"kafka_version,omitempty"`
	// The fields below describe a provisioned cluster; a serverless
	// cluster is always private to its VPCs, encrypted in transit and
	// authenticated with IAM, and leaves them empty.
	//
	// EncryptionReported is true when the listing carried the cluster's
	// encryption settings; InClusterTLS and ClientBroker are empty until
	// then.
	EncryptionReported bool `json:"encryption_reported,omitempty"`
	// InClusterTLS is true when brokers talk to each other over TLS.
	InClusterTLS bool `json:"in_cluster_tls,omitempty"`
	// ClientBroker is how clients reach brokers: TLS, TLS_PLAINTEXT or
	// PLAINTEXT.
	ClientBroker string `json:"client_broker,omitempty"`
	// KMSKeyID is the key that encrypts the brokers' volumes, empty for
	// the AWS managed key aws/kafka.
	KMSKeyID string `json:"kms_key_id,omitempty"`
	// PublicAccess is the brokers' public access: DISABLED (AWS's
	// default, also when the listing names none) or SERVICE_PROVIDED_EIPS.
	PublicAccess string `json:"public_access,omitempty"`
	// Unauthenticated is true when clients may connect without
	// authenticating: turned on, or no mechanism configured at all.
	Unauthenticated bool `json:"unauthenticated,omitempty"`
	// IAMAuth, SCRAMAuth and TLSAuth are the client authentication
	// mechanisms turned on (SASL/IAM, SASL/SCRAM, mutual TLS).
	IAMAuth   bool `json:"iam_auth,omitempty"`
	SCRAMAuth bool `json:"scram_auth,omitempty"`
	TLSAuth   bool `json:"tls_auth,omitempty"`
	// PolicyRead is true once GetClusterPolicy answered, a NotFound
	// included (the cluster has no policy) (exposure-gaps); Policy is the
	// cluster policy document, "" for none.
	PolicyRead bool   `json:"policy_read,omitempty"`
	Policy     string `json:"policy,omitempty"`
}

// Serverless reports whether the cluster is MSK Serverless.
func (c MSKCluster) Serverless() bool { return c.Type == "SERVERLESS" }

// Public reports whether the brokers have public addresses.
func (c MSKCluster) Public() bool {
	return !c.Serverless() && c.PublicAccess != "" && c.PublicAccess != "DISABLED"
}

// MSKConnector is an MSK Connect connector.
type MSKConnector struct {
	Meta
	Name string `json:"name"`
	// State is RUNNING, CREATING, UPDATING, DELETING, FAILED, ...
	State string `json:"state,omitempty"`
	// EncryptionInTransit is how the connector reaches its Apache Kafka
	// cluster: TLS or PLAINTEXT (empty when not reported).
	EncryptionInTransit string `json:"encryption_in_transit,omitempty"`
	// Authentication is NONE or IAM.
	Authentication string `json:"authentication,omitempty"`
	// LogDestinations are the worker log deliveries turned on:
	// cloudwatch-logs, firehose, s3.
	LogDestinations []string `json:"log_destinations,omitempty"`
}
