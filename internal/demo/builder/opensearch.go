package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// openSearch adds Alpenglow's OpenSearch Service domains (svc-search): in
// Frankfurt, the shop's product search (OpenSearch, in the VPC's private
// subnets, encrypted under the data-lake key, TLS 1.2, error and audit
// logs, three data nodes over three zones, three masters, fine-grained
// access) and the security team's audit archive on the legacy
// Elasticsearch engine, set up the same way; in Ireland, the support
// team's log search, an Elasticsearch domain from 2019 on a public
// endpoint with an access policy open to everyone, one node and none of
// the rest; in N. Virginia, the agency's campaign search, OpenSearch on a
// public endpoint shared with the agency's account (untrusted), HTTPS but
// TLS 1.0, two nodes, nothing encrypted or logged, no fine-grained access
// and a software update waiting.
func (x *b) openSearch() {
	fra, dub, iad := "eu-central-1", "eu-west-1", "us-east-1"
	domain := func(region, name, engine, version string, t map[string]string, d state.OpenSearchDomain) state.OpenSearchDomain {
		d.Meta, d.Name, d.EngineType, d.EngineVersion, d.Described = state.Meta{ARN: x.arn("es", region, "domain/"+name), Region: region, Tags: t},
			name, engine, version, true
		return d
	}
	secure := func(region string) state.OpenSearchDomain {
		return state.OpenSearchDomain{VPCID: vpcOf(region), SubnetIDs: []string{"subnet-00pri", "subnet-01pri", "subnet-02pri"},
			SecurityGroupIDs: []string{"sg-app-" + region}, EncryptedAtRest: true, KMSKeyID: x.datalakeKey(region), NodeToNode: true,
			EnforceHTTPS: true, TLSPolicy: "Policy-Min-TLS-1-2-PFS-2023-10", Logs: []string{"AUDIT_LOGS", "ES_APPLICATION_LOGS"},
			InstanceCount: 3, ZoneAwareness: true, MasterCount: 3, FineGrained: true,
			AccessPolicy: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"es:ESHttp*","Resource":"` +
				x.arn("es", region, "domain/*") + `"}]}`}
	}
	open := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"es:*","Resource":"` + x.arn("es", dub, "domain/support-logs/*") + `"}]}`
	agency := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + UntrustedPartner + `:root"},"Action":["es:ESHttpGet","es:ESHttpPost"],"Resource":"` +
		x.arn("es", iad, "domain/campaign-search/*") + `"}]}`
	x.a.OpenSearch.Domains = append(x.a.OpenSearch.Domains,
		domain(fra, "product-search", state.EngineOpenSearch, "OpenSearch_2.13", tags("owner", "shop", "data-classification", "internal"), secure(fra)),
		domain(fra, "audit-archive", state.EngineElasticsearch, "Elasticsearch_7.10", tags("owner", "security", "data-classification", "confidential"), secure(fra)),
		domain(dub, "support-logs", state.EngineElasticsearch, "Elasticsearch_6.8", tags("owner", "support", "data-classification", "confidential"), state.OpenSearchDomain{
			AccessPolicy: open, TLSPolicy: "Policy-Min-TLS-1-0-2019-07", InstanceCount: 1}),
		domain(iad, "campaign-search", state.EngineOpenSearch, "OpenSearch_1.3", tags("owner", "marketing", "data-classification", "internal"), state.OpenSearchDomain{
			AccessPolicy: agency, EnforceHTTPS: true, TLSPolicy: "Policy-Min-TLS-1-0-2019-07", InstanceCount: 2, UpdateAvailable: true}),
	)
}
