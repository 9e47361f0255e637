package state

// OpenSearch holds the Amazon OpenSearch Service domains of every scanned
// region, of both engines (OpenSearch and the legacy Elasticsearch): the
// opensearch API lists and describes both.
//
// Gaps: ListDomainNames hides a region's domains; DescribeDomains (every
// setting below, five domains a call) is recorded per region, so a failed
// batch leaves its domains undescribed.
type OpenSearch struct {
	Domains []OpenSearchDomain `json:"domains,omitempty"`
}

// The engine types ListDomainNames reports.
const (
	EngineOpenSearch    = "OpenSearch"
	EngineElasticsearch = "Elasticsearch"
)

// OpenSearchDomain is an OpenSearch Service domain.
type OpenSearchDomain struct {
	Meta
	Name string `json:"name"`
	// EngineType is OpenSearch or Elasticsearch.
	EngineType string `json:"engine_type"`
	// Described is true once DescribeDomains answered for the domain; the
	// fields below are empty until then.
	Described bool `json:"described,omitempty"`
	// EngineVersion is e.g. "OpenSearch_2.13" or "Elasticsearch_7.10".
	EngineVersion string `json:"engine_version,omitempty"`
	// VPCID is the VPC of a domain placed in one (VPCOptions); empty for a
	// domain with a public endpoint.
	VPCID            string   `json:"vpc_id,omitempty"`
	SubnetIDs        []string `json:"subnet_ids,omitempty"`
	SecurityGroupIDs []string `json:"security_group_ids,omitempty"`
	// AccessPolicy is the domain's resource-based access policy document.
	AccessPolicy string `json:"access_policy,omitempty"`
	// EncryptedAtRest and KMSKeyID: encryption at rest and its key (an
	// ARN or ID; empty means the AWS managed key aws/es).
	EncryptedAtRest bool   `json:"encrypted_at_rest,omitempty"`
	KMSKeyID        string `json:"kms_key_id,omitempty"`
	// NodeToNode is node-to-node encryption.
	NodeToNode bool `json:"node_to_node,omitempty"`
	// EnforceHTTPS and TLSPolicy are the endpoint options
	// (TLSSecurityPolicy, e.g. Policy-Min-TLS-1-2-2019-07).
	EnforceHTTPS bool   `json:"enforce_https,omitempty"`
	TLSPolicy    string `json:"tls_policy,omitempty"`
	// Logs are the log types published to CloudWatch Logs and enabled
	// (ES_APPLICATION_LOGS, AUDIT_LOGS, INDEX_SLOW_LOGS, SEARCH_SLOW_LOGS).
	Logs []string `json:"logs,omitempty"`
	// InstanceCount is the number of data nodes; ZoneAwareness spreads
	// them over availability zones.
	InstanceCount int  `json:"instance_count,omitempty"`
	ZoneAwareness bool `json:"zone_awareness,omitempty"`
	// MasterCount is the number of dedicated master nodes (0 without).
	MasterCount int `json:"master_count,omitempty"`
	// FineGrained is fine-grained access control (AdvancedSecurityOptions).
	FineGrained bool `json:"fine_grained,omitempty"`
	// UpdateAvailable: a service software update is available and not
	// installed (ServiceSoftwareOptions).
	UpdateAvailable bool `json:"update_available,omitempty"`
}

// InVPC reports whether the domain's endpoint is inside a VPC.
func (d OpenSearchDomain) InVPC() bool { return d.Network() != "" }

// Network names the network a domain in a VPC is reachable from: its VPC,
// or the VPC of its first subnet when the answer named subnets only; ""
// for a domain with a public endpoint.
func (d OpenSearchDomain) Network() string {
	switch {
	case d.VPCID != "":
		return d.VPCID
	case len(d.SubnetIDs) > 0:
		return "the VPC of " + d.SubnetIDs[0]
	}
	return ""
}

// Logging reports whether log type t is published and enabled.
func (d OpenSearchDomain) Logging(t string) bool {
	for _, l := range d.Logs {
		if l == t {
			return true
		}
	}
	return false
}
