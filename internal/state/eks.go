package state

// EKS holds the EKS clusters of every scanned region.
//
// Gaps: ListClusters hides a region's clusters; DescribeCluster (endpoint
// access, version, secrets encryption, control-plane logging, tags) is
// recorded per cluster ARN.
type EKS struct {
	Clusters []EKSCluster `json:"clusters,omitempty"`
}

// EKSCluster is an EKS cluster.
type EKSCluster struct {
	Meta
	Name string `json:"name"`
	// Version is the Kubernetes minor version (1.31); empty when the
	// cluster was not described.
	Version string `json:"version,omitempty"`
	// EndpointPublicAccess and EndpointPrivateAccess are the API server
	// endpoint's access settings; PublicAccessCIDRs the CIDRs allowed to
	// reach the public endpoint (0.0.0.0/0 unless restricted).
	EndpointPublicAccess  bool     `json:"endpoint_public_access,omitempty"`
	EndpointPrivateAccess bool     `json:"endpoint_private_access,omitempty"`
	PublicAccessCIDRs     []string `json:"public_access_cidrs,omitempty"`
	// SecretsKMSKeyARN is the KMS key envelope-encrypting Kubernetes
	// secrets; empty when secrets encryption is not configured.
	SecretsKMSKeyARN string `json:"secrets_kms_key_arn,omitempty"`
	// LogTypes are the control-plane log types sent to CloudWatch Logs
	// (api, audit, authenticator, controllerManager, scheduler).
	LogTypes []string `json:"log_types,omitempty"`
}

// Logs reports whether the cluster sends the control-plane log type t.
func (c EKSCluster) Logs(t string) bool {
	for _, x := range c.LogTypes {
		if x == t {
			return true
		}
	}
	return false
}
