package state

// DAX holds the DynamoDB Accelerator (DAX) clusters of every scanned
// region.
//
// Gaps: DescribeClusters hides a region's clusters. The listing carries
// every setting the checks judge (encryption at rest and in transit);
// nothing is read per item.
type DAX struct {
	Clusters []DAXCluster `json:"clusters,omitempty"`
}

// DAXCluster is a DynamoDB Accelerator cluster: an in-memory cache in
// front of DynamoDB that holds copies of the items it serves.
type DAXCluster struct {
	Meta
	Name     string `json:"name"`
	Status   string `json:"status,omitempty"`
	NodeType string `json:"node_type,omitempty"`
	// Nodes is the cluster's total node count.
	Nodes int `json:"nodes,omitempty"`
	// SSEStatus is ENABLED, ENABLING, DISABLED or DISABLING, as
	// SSEDescription reports; empty when none was reported. DAX encrypts
	// at rest only with a key AWS owns.
	SSEStatus string `json:"sse_status,omitempty"`
	// EndpointEncryption is TLS or NONE (ClusterEndpointEncryptionType);
	// empty when none was reported.
	EndpointEncryption string `json:"endpoint_encryption,omitempty"`
	SubnetGroup        string `json:"subnet_group,omitempty"`
	// SecurityGroups are the IDs of the cluster's VPC security groups.
	SecurityGroups []string `json:"security_groups,omitempty"`
	IAMRoleARN     string   `json:"iam_role_arn,omitempty"`
}

// EncryptedAtRest reports whether server-side encryption is on (ENABLED)
// and whether the listing reported it at all.
func (c DAXCluster) EncryptedAtRest() (on, reported bool) {
	return c.SSEStatus == "ENABLED", c.SSEStatus != ""
}
