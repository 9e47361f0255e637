package state

// Transfer holds the AWS Transfer Family servers and connectors of every
// scanned region.
//
// Gaps: ListServers and ListConnectors hide a region's servers and
// connectors; DescribeServer and DescribeConnector are recorded per server
// or connector ARN.
type Transfer struct {
	Servers    []TransferServer    `json:"servers,omitempty"`
	Connectors []TransferConnector `json:"connectors,omitempty"`
}

// TransferServer is a Transfer Family server (SFTP, FTPS, FTP or AS2).
type TransferServer struct {
	Meta
	ID string `json:"id"`
	// EndpointType is PUBLIC, VPC or VPC_ENDPOINT; State is ONLINE,
	// OFFLINE, STARTING, ...; Domain is S3 or EFS; IdentityProviderType is
	// SERVICE_MANAGED, API_GATEWAY, AWS_DIRECTORY_SERVICE or AWS_LAMBDA.
	// The listing carries them.
	EndpointType         string `json:"endpoint_type,omitempty"`
	State                string `json:"state,omitempty"`
	Domain               string `json:"domain,omitempty"`
	IdentityProviderType string `json:"identity_provider_type,omitempty"`
	LoggingRole          string `json:"logging_role,omitempty"`
	// Described is true once DescribeServer answered for it; the fields
	// below are empty until then.
	Described bool `json:"described,omitempty"`
	// Protocols are the file transfer protocols clients connect with:
	// SFTP, FTP, FTPS, AS2.
	Protocols []string `json:"protocols,omitempty"`
	// AddressAllocationIDs are the Elastic IPs of a VPC endpoint that makes
	// it reachable from the internet; VPCID is the VPC of a VPC endpoint.
	AddressAllocationIDs []string `json:"address_allocation_ids,omitempty"`
	VPCID                string   `json:"vpc_id,omitempty"`
	SecurityPolicyName   string   `json:"security_policy_name,omitempty"`
	// StructuredLogDestinations are the CloudWatch log groups structured
	// logs go to (set without a logging role).
	StructuredLogDestinations []string `json:"structured_log_destinations,omitempty"`
}

// InternetFacing reports whether anyone on the internet can reach the
// server's endpoint: a PUBLIC endpoint, or a VPC endpoint with Elastic IPs.
// Reachable is not the same as open: users still authenticate.
func (s TransferServer) InternetFacing() bool {
	return s.EndpointType == "PUBLIC" || (s.EndpointType == "VPC" && len(s.AddressAllocationIDs) > 0)
}

// Speaks reports whether the server accepts protocol p (SFTP, FTP, ...).
func (s TransferServer) Speaks(p string) bool {
	for _, x := range s.Protocols {
		if x == p {
			return true
		}
	}
	return false
}

// TransferConnector is a Transfer Family connector (an AS2 or SFTP client
// that AWS runs for the customer toward a partner's server).
type TransferConnector struct {
	Meta
	ID  string `json:"id"`
	URL string `json:"url,omitempty"`
	// Described is true once DescribeConnector answered for it; the fields
	// below are empty until then.
	Described bool `json:"described,omitempty"`
	// Kind is AS2 or SFTP; LoggingRole is the IAM role that lets it write
	// to CloudWatch Logs (none: no logs).
	Kind        string `json:"kind,omitempty"`
	LoggingRole string `json:"logging_role,omitempty"`
}
