package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// openSearch generates region r's OpenSearch Service domains (svc-search):
// about a fifth on the legacy Elasticsearch engine; most in a VPC (a
// fifth on a public endpoint, half of those with an access policy open to
// everyone); most encrypted at rest and between nodes, HTTPS with a TLS
// 1.2 policy more often than not; error logs on half, audit logs (with
// fine-grained access) on a third; one to six data nodes, dedicated
// masters on the larger ones; an update waiting on a quarter.
func (g *gen) openSearch(r string) {
	for k := count(g.n, "osdomain") / len(g.regions); k > 0; k-- {
		name := g.id("search-")
		arn := g.arn("es", r, "domain/"+name)
		d := state.OpenSearchDomain{Meta: state.Meta{ARN: arn, Region: r, Tags: g.tags()}, Name: name, EngineType: state.EngineOpenSearch,
			Described: true, EngineVersion: g.pick("OpenSearch_2.13", "OpenSearch_2.11", "OpenSearch_1.3"),
			EncryptedAtRest: g.rng.IntN(5) != 0, NodeToNode: g.rng.IntN(5) != 0, EnforceHTTPS: g.rng.IntN(4) != 0,
			TLSPolicy:     g.pick("Policy-Min-TLS-1-2-2019-07", "Policy-Min-TLS-1-2-PFS-2023-10", "Policy-Min-TLS-1-0-2019-07"),
			InstanceCount: 1 + g.rng.IntN(6), UpdateAvailable: g.rng.IntN(4) == 0}
		if g.rng.IntN(5) == 0 {
			d.EngineType, d.EngineVersion = state.EngineElasticsearch, g.pick("Elasticsearch_7.10", "Elasticsearch_6.8")
		}
		if d.EncryptedAtRest && g.coin() {
			d.KMSKeyID = g.arn("kms", r, "key/"+g.id(""))
		}
		d.ZoneAwareness = d.InstanceCount > 1 && g.rng.IntN(4) != 0
		if d.InstanceCount >= 3 && g.coin() {
			d.MasterCount = 3
		}
		if g.coin() {
			d.Logs = append(d.Logs, "ES_APPLICATION_LOGS")
		}
		if d.NodeToNode && d.EncryptedAtRest && d.EnforceHTTPS && g.rng.IntN(3) == 0 {
			d.FineGrained = true
			d.Logs = append([]string{"AUDIT_LOGS"}, d.Logs...)
		}
		principal := `{"AWS":"arn:aws:iam::` + g.acct + `:root"}`
		if g.rng.IntN(5) == 0 {
			if g.coin() {
				principal = `{"AWS":"*"}`
			}
		} else {
			d.VPCID = "vpc-" + g.id("")
			d.SubnetIDs = []string{"subnet-" + g.id("")}
			d.SecurityGroupIDs = []string{"sg-" + g.id("")}
		}
		d.AccessPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + principal + `,"Action":"es:ESHttp*","Resource":"` + arn + `/*"}]}`
		g.a.OpenSearch.Domains = append(g.a.OpenSearch.Domains, d)
	}
}
