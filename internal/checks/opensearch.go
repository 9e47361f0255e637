package checks

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/exposure"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// openSearchChecks are the customer's duties on Amazon OpenSearch Service
// domains (svc-search): AWS runs the nodes, patches what it is asked to
// and snapshots the data, but where the endpoint is reachable, who the
// access policy lets in, encryption, TLS, logs and the cluster's shape are
// the domain owner's settings.
//
// One function answers each question for both engines. FSBP has two
// controls for most questions (Opensearch.N for OpenSearch-engine
// domains, ES.N for Elasticsearch-engine ones, which Security Hub judges
// as different resource types), so each such question is two check IDs,
// one per engine, each mapped to its own control; questions FSBP asks of
// one engine only (ES.7, Opensearch.7, Opensearch.10) are one check over
// that engine's domains.
func openSearchChecks() []check.Check {
	var out []check.Check
	for _, q := range []struct {
		what  string
		judge domainJudge
	}{
		{"encrypted_at_rest", domainEncryptedAtRest},
		{"in_vpc", domainInVPC},
		{"node_to_node_encryption", domainNodeToNode},
		{"error_logging", domainErrorLogging},
		{"audit_logging", domainAuditLogging},
		{"three_data_nodes", domainThreeDataNodes},
		{"latest_tls_policy", domainLatestTLS},
	} {
		out = append(out, domainCheck("opensearch_domain_"+q.what, state.EngineOpenSearch, q.judge),
			domainCheck("elasticsearch_domain_"+q.what, state.EngineElasticsearch, q.judge))
	}
	return append(out,
		domainCheck("elasticsearch_domain_three_dedicated_masters", state.EngineElasticsearch, domainDedicatedMasters),
		domainCheck("opensearch_domain_fine_grained_access", state.EngineOpenSearch, domainFineGrained),
		domainCheck("opensearch_domain_software_updated", state.EngineOpenSearch, domainSoftwareUpdated),
		domainCheck(policyTrustedID, "", domainPolicyTrusted),
	)
}

// policyTrustedID is the access-policy check, the one whose verdict
// depends on the account's own networks.
const policyTrustedID = "opensearch_domain_policy_trusted"

// domainJudge answers one question about a described domain; c judges its
// access policy.
type domainJudge func(d state.OpenSearchDomain, c exposure.Context) check.Result

// domainCheck judges every described domain of engine (both when "");
// one whose status was not read is unknown, with the read's gap when one
// was recorded.
func domainCheck(id, engine string, judge domainJudge) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			c := exposureContext(a, p)
			domains := a.OpenSearch.Domains
			if engine != "" {
				domains = make([]state.OpenSearchDomain, 0, len(a.OpenSearch.Domains))
				for _, d := range a.OpenSearch.Domains {
					if d.EngineType == engine {
						domains = append(domains, d)
					}
				}
			}
			return eachRegional(a, "es", []state.Input{state.InputOpenSearchDomains}, domains, func(d state.OpenSearchDomain) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputOpenSearchDomainStatus, d.Region, d.ARN); ok {
					return check.GapR(d, g)
				}
				if !d.Described {
					return check.UnknownR(d, "domain %s's status was not reported", d.Name)
				}
				if id == policyTrustedID && (d.InVPC() || pinsNetwork(d.AccessPolicy)) {
					// A grant bounded by the domain's VPC, or pinned to a VPC
					// or VPC endpoint, is judged against the account's own
					// networks: unread, the verdict is unknown.
					if g, ok := networksGap(a); ok {
						return check.GapR(d, g)
					}
				}
				return judge(d, c)
			})
		},
	}
}

func domainEncryptedAtRest(d state.OpenSearchDomain, _ exposure.Context) check.Result {
	if !d.EncryptedAtRest {
		return check.FailR(d, "domain %s does not encrypt its indexes, logs, swap files and automated snapshots at rest", d.Name)
	}
	key := d.KMSKeyID
	if key == "" {
		key = "the AWS managed key aws/es"
	}
	return check.PassR(d, "domain %s encrypts its data at rest under %s", d.Name, key)
}

// domainInVPC is FSBP Opensearch.2 / ES.2: a domain outside a VPC has a
// public endpoint (exposure.JudgeDomain, the rule the data map shows).
func domainInVPC(d state.OpenSearchDomain, c exposure.Context) check.Result {
	v := exposure.JudgeDomain(d.Network(), d.AccessPolicy, c)
	if !v.PublicEndpoint {
		return check.PassR(d, "domain %s is in %s: its endpoint is reachable only from that network", d.Name, v.VPCID)
	}
	switch {
	case v.Level == exposure.Unknown:
		return check.FailR(d, "domain %s has a public endpoint (not in a VPC); its access policy could not be judged: %v", d.Name, v.Err)
	case len(v.At(exposure.Public)) > 0:
		return check.FailR(d, "domain %s has a public endpoint (not in a VPC) and its access policy grants to everyone: %s",
			d.Name, strings.Join(v.Describe(exposure.Public), "; "))
	}
	return check.FailR(d, "domain %s has a public endpoint (not in a VPC): only its access policy keeps the internet out", d.Name)
}

// domainPolicyTrusted judges the access policy with internal/exposure's
// verdict as reach (exposure.JudgeDomain): grants to everyone fail on a
// public endpoint, grants to untrusted principals everywhere.
func domainPolicyTrusted(d state.OpenSearchDomain, c exposure.Context) check.Result {
	v := exposure.JudgeDomain(d.Network(), d.AccessPolicy, c)
	return exposureResult(scopeSharing, d, "domain "+d.Name, v.Verdict)
}

func domainNodeToNode(d state.OpenSearchDomain, _ exposure.Context) check.Result {
	if !d.NodeToNode {
		return check.FailR(d, "domain %s sends data between its nodes unencrypted", d.Name)
	}
	return check.PassR(d, "domain %s encrypts data between its nodes (TLS)", d.Name)
}

func domainErrorLogging(d state.OpenSearchDomain, _ exposure.Context) check.Result {
	if !d.Logging("ES_APPLICATION_LOGS") {
		return check.FailR(d, "domain %s publishes no error logs to CloudWatch Logs", d.Name)
	}
	return check.PassR(d, "domain %s publishes its error logs to CloudWatch Logs", d.Name)
}

func domainAuditLogging(d state.OpenSearchDomain, _ exposure.Context) check.Result {
	if !d.Logging("AUDIT_LOGS") {
		return check.FailR(d, "domain %s publishes no audit logs to CloudWatch Logs", d.Name)
	}
	return check.PassR(d, "domain %s publishes its audit logs to CloudWatch Logs", d.Name)
}

// domainThreeDataNodes: at least three data nodes spread over
// availability zones (FSBP Opensearch.6 / ES.6 check both).
func domainThreeDataNodes(d state.OpenSearchDomain, _ exposure.Context) check.Result {
	switch {
	case d.InstanceCount < 3:
		return check.FailR(d, "domain %s has %d data node(s), fewer than three", d.Name, d.InstanceCount)
	case !d.ZoneAwareness:
		return check.FailR(d, "domain %s has %d data nodes in one availability zone (zone awareness off)", d.Name, d.InstanceCount)
	}
	return check.PassR(d, "domain %s has %d data nodes spread over availability zones", d.Name, d.InstanceCount)
}

// domainTLSPolicies are the TLS security policies that accept TLS 1.2 and
// later only (FSBP Opensearch.8 / ES.8's latest policies).
var domainTLSPolicies = map[string]bool{"Policy-Min-TLS-1-2-2019-07": true, "Policy-Min-TLS-1-2-PFS-2023-10": true}

func domainLatestTLS(d state.OpenSearchDomain, _ exposure.Context) check.Result {
	switch {
	case !d.EnforceHTTPS:
		return check.FailR(d, "domain %s accepts plain HTTP (HTTPS not enforced)", d.Name)
	case !domainTLSPolicies[d.TLSPolicy]:
		return check.FailR(d, "domain %s accepts TLS older than 1.2 (TLS security policy %q)", d.Name, d.TLSPolicy)
	}
	return check.PassR(d, "domain %s enforces HTTPS with TLS security policy %s", d.Name, d.TLSPolicy)
}

func domainDedicatedMasters(d state.OpenSearchDomain, _ exposure.Context) check.Result {
	if d.MasterCount < 3 {
		return check.FailR(d, "domain %s has %d dedicated master node(s), fewer than three", d.Name, d.MasterCount)
	}
	return check.PassR(d, "domain %s has %d dedicated master nodes", d.Name, d.MasterCount)
}

func domainFineGrained(d state.OpenSearchDomain, _ exposure.Context) check.Result {
	if !d.FineGrained {
		return check.FailR(d, "domain %s has no fine-grained access control: every caller the access policy admits can read and write every index", d.Name)
	}
	return check.PassR(d, "domain %s has fine-grained access control", d.Name)
}

func domainSoftwareUpdated(d state.OpenSearchDomain, _ exposure.Context) check.Result {
	if d.UpdateAvailable {
		return check.FailR(d, "domain %s has a service software update available that is not installed", d.Name)
	}
	return check.PassR(d, "domain %s runs the latest service software", d.Name)
}
