package checks

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// mskChecks are the customer's duties on Amazon MSK and MSK Connect: AWS
// runs the brokers, ZooKeeper/KRaft and the connector workers, but how
// brokers talk to each other and to clients, whether they are reachable
// from the internet, whether clients must authenticate, and whether
// connectors encrypt and log are the owner's settings. A serverless
// cluster is always private, encrypted in transit and IAM-authenticated.
func mskChecks() []check.Check {
	return []check.Check{
		mskClusterCheck("msk_cluster_encrypted_in_transit", mskInCluster),
		mskClusterCheck("msk_cluster_client_tls_only", mskClientTLS),
		mskClusterCheck("msk_cluster_public_access_disabled", mskPublic),
		mskClusterCheck("msk_cluster_unauthenticated_access_disabled", mskUnauthenticated),
		mskConnectorCheck("msk_connector_encrypted_in_transit", mskConnectorTLS),
		mskConnectorCheck("msk_connector_logging_enabled", mskConnectorLogging),
		policyCheck(mskPolicy, scopeSharing), // exposure-gaps
	}
}

// mskPolicy is the sharing check's view of MSK clusters (exposure-gaps): the
// cluster policy judged by internal/exposure as every other store's; a
// cluster whose policy was never read is unknown, not private.
var mskPolicy = policyStoreSpec{prefix: "msk_cluster",
	policyRead: state.InputMSKClusterPolicy,
	each: func(a *state.Account, judge func(state.Resource, string, string) check.Result) []check.Result {
		return eachRegional(a, "kafka", []state.Input{state.InputMSKClusters}, a.MSK.Clusters, func(k state.MSKCluster) check.Result {
			if _, gapped := a.Gaps.ForInput(state.InputMSKClusterPolicy, k.Region, k.ARN); !gapped && !k.PolicyRead {
				return check.UnknownR(k, "cluster %s's policy was not reported", k.Name)
			}
			return judge(k, "cluster "+k.Name, k.Policy)
		})
	}}

// mskClusterCheck judges every listed cluster.
func mskClusterCheck(id string, judge func(state.MSKCluster) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "kafka", []state.Input{state.InputMSKClusters}, a.MSK.Clusters, judge)
		},
	}
}

// mskConnectorCheck judges every listed connector.
func mskConnectorCheck(id string, judge func(state.MSKConnector) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "kafkaconnect", []state.Input{state.InputMSKConnectors}, a.MSK.Connectors, judge)
		},
	}
}

// mskInCluster: brokers replicate to each other over TLS (FSBP MSK.1).
func mskInCluster(k state.MSKCluster) check.Result {
	switch {
	case k.Serverless():
		return check.PassR(k, "serverless cluster %s always encrypts traffic in transit", k.Name)
	case !k.EncryptionReported:
		return check.UnknownR(k, "cluster %s's encryption in transit was not reported", k.Name)
	case k.InClusterTLS:
		return check.PassR(k, "cluster %s's brokers talk to each other over TLS", k.Name)
	}
	return check.FailR(k, "cluster %s's brokers replicate to each other in plain text", k.Name)
}

// mskClientTLS: clients reach brokers over TLS only (no PLAINTEXT
// listener).
func mskClientTLS(k state.MSKCluster) check.Result {
	switch {
	case k.Serverless():
		return check.PassR(k, "serverless cluster %s accepts TLS connections only", k.Name)
	case !k.EncryptionReported:
		return check.UnknownR(k, "cluster %s's encryption in transit was not reported", k.Name)
	case k.ClientBroker == "TLS":
		return check.PassR(k, "cluster %s accepts TLS connections only", k.Name)
	}
	return check.FailR(k, "cluster %s accepts plain-text client connections (client-broker %s)", k.Name, k.ClientBroker)
}

// mskPublic: brokers have no public addresses (FSBP MSK.4).
func mskPublic(k state.MSKCluster) check.Result {
	switch {
	case k.Serverless():
		return check.PassR(k, "serverless cluster %s is reachable only from its VPCs", k.Name)
	case k.Public():
		return check.FailR(k, "cluster %s's brokers have public addresses (public access %s)", k.Name, k.PublicAccess)
	}
	return check.PassR(k, "cluster %s's brokers have no public addresses", k.Name)
}

// mskUnauthenticated: every client authenticates (FSBP MSK.6).
func mskUnauthenticated(k state.MSKCluster) check.Result {
	if k.Serverless() {
		return check.PassR(k, "serverless cluster %s authenticates every client with IAM", k.Name)
	}
	var by []string
	for _, m := range []struct {
		on   bool
		name string
	}{{k.IAMAuth, "IAM"}, {k.SCRAMAuth, "SASL/SCRAM"}, {k.TLSAuth, "mutual TLS"}} {
		if m.on {
			by = append(by, m.name)
		}
	}
	switch {
	case len(by) == 0:
		return check.FailR(k, "cluster %s lets clients connect without authenticating (no authentication configured)", k.Name)
	case k.Unauthenticated:
		return check.FailR(k, "cluster %s also lets clients connect without authenticating, besides %s", k.Name, strings.Join(by, ", "))
	}
	return check.PassR(k, "cluster %s authenticates every client (%s)", k.Name, strings.Join(by, ", "))
}

// mskConnectorTLS: the connector reaches its cluster over TLS (FSBP MSK.3).
func mskConnectorTLS(k state.MSKConnector) check.Result {
	switch k.EncryptionInTransit {
	case "TLS":
		return check.PassR(k, "connector %s reaches its Apache Kafka cluster over TLS", k.Name)
	case "":
		return check.UnknownR(k, "connector %s's encryption in transit was not reported", k.Name)
	}
	return check.FailR(k, "connector %s reaches its Apache Kafka cluster in plain text (%s)", k.Name, k.EncryptionInTransit)
}

// mskConnectorLogging: worker logs are delivered somewhere (FSBP MSK.5).
func mskConnectorLogging(k state.MSKConnector) check.Result {
	if len(k.LogDestinations) == 0 {
		return check.FailR(k, "connector %s delivers no worker logs", k.Name)
	}
	return check.PassR(k, "connector %s delivers worker logs to %s", k.Name, strings.Join(k.LogDestinations, ", "))
}
