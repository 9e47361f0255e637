package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// svc-search: OpenSearch Service domains.

const (
	dsDomainARN = "arn:aws:es:eu-west-1:" + testAccountID + ":domain/search"
	// dsDomainOpen grants every es action to everyone; dsDomainX to an
	// untrusted account.
	dsDomainOpen = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"es:*","Resource":"` + dsDomainARN + `/*"}]}`
	dsDomainX    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"es:ESHttpGet","Resource":"` + dsDomainARN + `/*"}]}`
)

// dsDomain adds domain "search" in eu-west-1 of engine (OpenSearch when
// ""), described and meeting every duty: in a VPC, encrypted both ways,
// HTTPS with TLS 1.2, error and audit logs, three data nodes over zones,
// three masters, fine-grained access, up to date; edited by mut.
func dsDomain(engine string, mut func(d *state.OpenSearchDomain)) func(*state.Account) {
	return func(a *state.Account) {
		if engine == "" {
			engine = state.EngineOpenSearch
		}
		d := state.OpenSearchDomain{Meta: state.Meta{ARN: dsDomainARN, Region: "eu-west-1"}, Name: "search", EngineType: engine, Described: true,
			EngineVersion: "OpenSearch_2.13", VPCID: "vpc-0own1111", SubnetIDs: []string{"subnet-1"}, SecurityGroupIDs: []string{"sg-1"},
			EncryptedAtRest: true, KMSKeyID: "arn:aws:kms:eu-west-1:" + testAccountID + ":key/search", NodeToNode: true,
			EnforceHTTPS: true, TLSPolicy: "Policy-Min-TLS-1-2-2019-07", Logs: []string{"AUDIT_LOGS", "ES_APPLICATION_LOGS"},
			InstanceCount: 3, ZoneAwareness: true, MasterCount: 3, FineGrained: true}
		if mut != nil {
			mut(&d)
		}
		a.OpenSearch.Domains = append(a.OpenSearch.Domains, d)
	}
}

// publicEndpoint takes the domain out of its VPC (a public endpoint).
func publicEndpoint(d *state.OpenSearchDomain) {
	d.VPCID, d.SubnetIDs, d.SecurityGroupIDs = "", nil, nil
}

// domainCases are the pass, fail and unknown cases of one question, asked
// of engine's domains; a domain of the other engine gets no result.
func domainCases(engine string, pass, fail func(*state.OpenSearchDomain), failMsg string) []checkCase {
	other := state.EngineElasticsearch
	if engine == state.EngineElasticsearch {
		other = state.EngineOpenSearch
	}
	return []checkCase{
		{name: "meets it", acct: baseAccount(dsDomain(engine, pass)), want: dsWant(dsP)},
		{name: "fails it", acct: baseAccount(dsDomain(engine, fail)), want: dsWant(dsF), msg: failMsg},
		{name: "other engine", acct: baseAccount(dsDomain(other, fail)), want: dsWant()},
		{name: "not described", acct: baseAccount(dsDomain(engine, func(d *state.OpenSearchDomain) { d.Described = false })), want: dsWant(dsU), msg: "not reported"},
		{name: "status denied", acct: baseAccount(dsDomain(engine, func(d *state.OpenSearchDomain) { d.Described = false }),
			dsGap("es", "eu-west-1", "DescribeDomains", "")), want: dsWant(dsU), msg: "DescribeDomains"},
		{name: "listing denied", acct: baseAccount(dsDomain(engine, nil), dsGap("es", "eu-west-1", "ListDomainNames", "")), want: dsWant(dsU)},
	}
}

func openSearchCases() map[string][]checkCase {
	questions := []struct {
		what       string
		pass, fail func(*state.OpenSearchDomain)
		msg        string
	}{
		{"encrypted_at_rest", func(d *state.OpenSearchDomain) { d.KMSKeyID = "" }, func(d *state.OpenSearchDomain) { d.EncryptedAtRest, d.KMSKeyID = false, "" }, "does not encrypt"},
		{"in_vpc", nil, func(d *state.OpenSearchDomain) { publicEndpoint(d); d.AccessPolicy = dsDomainOpen }, "grants to everyone"},
		{"node_to_node_encryption", nil, func(d *state.OpenSearchDomain) { d.NodeToNode = false }, "unencrypted"},
		{"error_logging", func(d *state.OpenSearchDomain) { d.Logs = []string{"ES_APPLICATION_LOGS"} }, func(d *state.OpenSearchDomain) { d.Logs = []string{"AUDIT_LOGS"} }, "no error logs"},
		{"audit_logging", func(d *state.OpenSearchDomain) { d.Logs = []string{"AUDIT_LOGS"} }, func(d *state.OpenSearchDomain) { d.Logs = []string{"ES_APPLICATION_LOGS"} }, "no audit logs"},
		{"three_data_nodes", nil, func(d *state.OpenSearchDomain) { d.InstanceCount = 2 }, "fewer than three"},
		{"latest_tls_policy", func(d *state.OpenSearchDomain) { d.TLSPolicy = "Policy-Min-TLS-1-2-PFS-2023-10" },
			func(d *state.OpenSearchDomain) { d.TLSPolicy = "Policy-Min-TLS-1-0-2019-07" }, "older than 1.2"},
	}
	out := map[string][]checkCase{}
	for _, q := range questions {
		out["opensearch_domain_"+q.what] = domainCases(state.EngineOpenSearch, q.pass, q.fail, q.msg)
		out["elasticsearch_domain_"+q.what] = domainCases(state.EngineElasticsearch, q.pass, q.fail, q.msg)
	}
	// Cases beyond the shared ones, where one question has more answers.
	c := func(name, engine string, m func(*state.OpenSearchDomain), want check.Status, msg string) checkCase {
		return checkCase{name: name, acct: baseAccount(dsDomain(engine, m)), want: dsWant(want), msg: msg}
	}
	out["opensearch_domain_in_vpc"] = append(out["opensearch_domain_in_vpc"],
		c("public endpoint, no policy", "", publicEndpoint, dsF, "only its access policy"),
		c("in a VPC, open policy", "", func(d *state.OpenSearchDomain) { d.AccessPolicy = dsDomainOpen }, dsP, "vpc-0own1111"))
	out["opensearch_domain_three_data_nodes"] = append(out["opensearch_domain_three_data_nodes"],
		c("one zone", "", func(d *state.OpenSearchDomain) { d.ZoneAwareness = false }, dsF, "one availability zone"))
	out["opensearch_domain_latest_tls_policy"] = append(out["opensearch_domain_latest_tls_policy"],
		c("plain http", "", func(d *state.OpenSearchDomain) { d.EnforceHTTPS = false }, dsF, "plain HTTP"))
	out["elasticsearch_domain_three_dedicated_masters"] = domainCases(state.EngineElasticsearch, nil,
		func(d *state.OpenSearchDomain) { d.MasterCount = 0 }, "0 dedicated master")
	out["opensearch_domain_fine_grained_access"] = domainCases(state.EngineOpenSearch, nil,
		func(d *state.OpenSearchDomain) { d.FineGrained = false }, "no fine-grained")
	out["opensearch_domain_software_updated"] = domainCases(state.EngineOpenSearch, nil,
		func(d *state.OpenSearchDomain) { d.UpdateAvailable = true }, "update available")
	out["opensearch_domain_policy_trusted"] = []checkCase{
		c("no policy", "", nil, dsP, "no resource policy"),
		c("public endpoint, open to everyone", "", func(d *state.OpenSearchDomain) { publicEndpoint(d); d.AccessPolicy = dsDomainOpen }, dsF, "grants to everyone"),
		c("in a VPC, open to everyone", "", func(d *state.OpenSearchDomain) { d.AccessPolicy = dsDomainOpen }, dsP, "anyone reaching vpc-0own1111"),
		c("elasticsearch, untrusted account", state.EngineElasticsearch, func(d *state.OpenSearchDomain) { d.AccessPolicy = dsDomainX }, dsF, "999988887777"),
		c("unparsable policy", "", func(d *state.OpenSearchDomain) { d.AccessPolicy = "{not json" }, dsU, "could not be parsed"),
		{name: "status denied", acct: baseAccount(dsDomain("", func(d *state.OpenSearchDomain) { d.Described = false }),
			dsGap("es", "eu-west-1", "DescribeDomains", "")), want: dsWant(dsU)},
	}
	out["opensearch_domain_in_allowed_region"] = storeCases("es", "ListDomainNames", func(r string) func(*state.Account) {
		return func(a *state.Account) {
			a.OpenSearch.Domains = append(a.OpenSearch.Domains, state.OpenSearchDomain{Meta: nwMetaIn(r, "es", "domain/d1"), Name: "d1", EngineType: state.EngineOpenSearch})
		}
	})
	return out
}
