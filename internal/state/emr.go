package state

// EMR holds the Amazon EMR clusters, security configurations and block
// public access settings of every scanned region.
//
// Gaps: ListClusters hides a region's active clusters and DescribeCluster
// (subnet, master DNS name, security configuration) is recorded per
// cluster ARN; GetBlockPublicAccessConfiguration hides a region's block
// public access; ListSecurityConfigurations hides a region's security
// configurations and DescribeSecurityConfiguration (the encryption
// settings) is recorded per configuration ARN.
type EMR struct {
	Clusters               []EMRCluster               `json:"clusters,omitempty"`
	SecurityConfigurations []EMRSecurityConfiguration `json:"security_configurations,omitempty"`
	// BlockPublicAccess is each scanned region's block public access
	// configuration.
	BlockPublicAccess []EMRBlockPublicAccess `json:"block_public_access,omitempty"`
}

// EMRCluster is an active EMR cluster (starting, bootstrapping, running
// or waiting; terminated clusters are not listed).
type EMRCluster struct {
	Meta
	ID   string `json:"id"`
	Name string `json:"name"`
	// State is STARTING, BOOTSTRAPPING, RUNNING or WAITING.
	State string `json:"state"`
	// Described is true once DescribeCluster was read.
	Described bool `json:"described,omitempty"`
	// SubnetID is the EC2 subnet of the cluster's instances.
	SubnetID string `json:"subnet_id,omitempty"`
	// MasterPublicDNSName is the primary node's DNS name: a public
	// ec2-*.compute.amazonaws.com name when the node has a public IP, a
	// private ip-*.internal one when it does not, empty until it runs.
	MasterPublicDNSName string `json:"master_public_dns_name,omitempty"`
	// SecurityConfiguration names the security configuration the cluster
	// was started with.
	SecurityConfiguration string `json:"security_configuration,omitempty"`
}

// EMRSecurityConfiguration is an EMR security configuration's encryption.
type EMRSecurityConfiguration struct {
	Meta
	Name string `json:"name"`
	// Described is true once DescribeSecurityConfiguration was read.
	Described bool `json:"described,omitempty"`
	// AtRest and InTransit are EnableAtRestEncryption and
	// EnableInTransitEncryption of its EncryptionConfiguration.
	AtRest    bool `json:"at_rest,omitempty"`
	InTransit bool `json:"in_transit,omitempty"`
}

// EMRBlockPublicAccess is a region's EMR block public access setting.
type EMRBlockPublicAccess struct {
	Region string `json:"region"`
	// Enabled is BlockPublicSecurityGroupRules: clusters may not start
	// with security groups open to the internet except on PermittedPorts.
	Enabled bool `json:"enabled"`
	// PermittedPorts are the exceptions ("22", "8080-8090").
	PermittedPorts []string `json:"permitted_ports,omitempty"`
}

// BlockPublicAccessIn returns the block public access recorded for a region.
func (e *EMR) BlockPublicAccessIn(region string) (EMRBlockPublicAccess, bool) {
	for _, x := range e.BlockPublicAccess {
		if x.Region == region {
			return x, true
		}
	}
	return EMRBlockPublicAccess{}, false
}
