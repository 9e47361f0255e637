package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const (
	dsMSKClusterARN   = "arn:aws:kafka:eu-west-1:" + testAccountID + ":cluster/events/1111-2222"
	dsMSKConnectorARN = "arn:aws:kafkaconnect:eu-west-1:" + testAccountID + ":connector/to-lake/3333"
)

// dsMSKCluster adds provisioned cluster "events" in eu-west-1: TLS among
// brokers and to clients, private, IAM authentication only; edited by mut.
func dsMSKCluster(mut func(k *state.MSKCluster)) func(*state.Account) {
	return func(a *state.Account) {
		k := state.MSKCluster{Meta: state.Meta{ARN: dsMSKClusterARN, Region: "eu-west-1"}, Name: "events", Type: "PROVISIONED", State: "ACTIVE",
			KafkaVersion: "3.6.0", EncryptionReported: true, InClusterTLS: true, ClientBroker: "TLS", PublicAccess: "DISABLED", IAMAuth: true}
		if mut != nil {
			mut(&k)
		}
		a.MSK.Clusters = append(a.MSK.Clusters, k)
	}
}

// dsMSKConnector adds connector "to-lake" in eu-west-1: TLS, IAM, logging
// to CloudWatch Logs; edited by mut.
func dsMSKConnector(mut func(k *state.MSKConnector)) func(*state.Account) {
	return func(a *state.Account) {
		k := state.MSKConnector{Meta: state.Meta{ARN: dsMSKConnectorARN, Region: "eu-west-1"}, Name: "to-lake", State: "RUNNING",
			EncryptionInTransit: "TLS", Authentication: "IAM", LogDestinations: []string{"cloudwatch-logs"}}
		if mut != nil {
			mut(&k)
		}
		a.MSK.Connectors = append(a.MSK.Connectors, k)
	}
}

// serverless turns the cluster into MSK Serverless, which reports none of
// the provisioned settings.
func serverless(k *state.MSKCluster) {
	*k = state.MSKCluster{Meta: k.Meta, Name: k.Name, Type: "SERVERLESS", State: "ACTIVE"}
}

func mskCases() map[string][]checkCase {
	c := func(name string, m func(*state.MSKCluster), want check.Status, msg string) checkCase {
		return checkCase{name: name, acct: baseAccount(dsMSKCluster(m)), want: dsWant(want), msg: msg}
	}
	k := func(name string, m func(*state.MSKConnector), want check.Status, msg string) checkCase {
		return checkCase{name: name, acct: baseAccount(dsMSKConnector(m)), want: dsWant(want), msg: msg}
	}
	clusterDenied := []checkCase{
		{name: "listing denied", acct: baseAccount(dsMSKCluster(nil), dsGap("kafka", "eu-west-1", "ListClustersV2", "")), want: dsWant(dsU)},
		{name: "listing denied elsewhere", acct: baseAccount(dsMSKCluster(nil), dsGap("kafka", "us-east-1", "ListClustersV2", "")), want: dsWant(dsU, dsP)},
	}
	connectorDenied := []checkCase{
		{name: "listing denied", acct: baseAccount(dsMSKConnector(nil), dsGap("kafkaconnect", "eu-west-1", "ListConnectors", "")), want: dsWant(dsU)},
		{name: "listing denied elsewhere", acct: baseAccount(dsMSKConnector(nil), dsGap("kafkaconnect", "us-east-1", "ListConnectors", "")), want: dsWant(dsU, dsP)},
	}
	// exposure-gaps: the cluster policy, judged as every store's.
	clusterPolicy := func(doc string) func(*state.Account) {
		return dsMSKCluster(func(k *state.MSKCluster) { k.PolicyRead, k.Policy = true, doc })
	}
	policyCases := append(sharingCases(scopeSharing, clusterPolicy, dsMSKClusterARN, "kafka:CreateVpcConnection", dsGap("kafka", "eu-west-1", "ListClustersV2", ""),
		dsGap("kafka", "eu-west-1", "GetClusterPolicy", dsMSKClusterARN)),
		checkCase{name: "policy not reported", acct: baseAccount(dsMSKCluster(nil)), want: dsWant(dsU), msg: "not reported"})
	notReported := func(k *state.MSKCluster) { k.EncryptionReported, k.InClusterTLS, k.ClientBroker = false, false, "" }
	return map[string][]checkCase{
		"msk_cluster_policy_trusted": policyCases,
		"msk_cluster_encrypted_in_transit": append([]checkCase{
			c("TLS among brokers", nil, dsP, "over TLS"),
			c("TLS among brokers, plain text to clients", func(k *state.MSKCluster) { k.ClientBroker = "TLS_PLAINTEXT" }, dsP, "over TLS"),
			c("plain text among brokers", func(k *state.MSKCluster) { k.InClusterTLS = false }, dsF, "plain text"),
			c("serverless", serverless, dsP, "serverless"),
			c("not reported", notReported, dsU, "not reported"),
		}, clusterDenied...),
		"msk_cluster_client_tls_only": append([]checkCase{
			c("TLS only", nil, dsP, "TLS connections only"),
			c("TLS and plain text", func(k *state.MSKCluster) { k.ClientBroker = "TLS_PLAINTEXT" }, dsF, "TLS_PLAINTEXT"),
			c("plain text", func(k *state.MSKCluster) { k.ClientBroker = "PLAINTEXT" }, dsF, "PLAINTEXT"),
			c("serverless", serverless, dsP, "serverless"),
			c("not reported", notReported, dsU, "not reported"),
		}, clusterDenied...),
		"msk_cluster_public_access_disabled": append([]checkCase{
			c("disabled", nil, dsP, "no public addresses"),
			c("default", func(k *state.MSKCluster) { k.PublicAccess = "" }, dsP, "no public addresses"),
			c("public", func(k *state.MSKCluster) { k.PublicAccess = "SERVICE_PROVIDED_EIPS" }, dsF, "SERVICE_PROVIDED_EIPS"),
			c("serverless", serverless, dsP, "serverless"),
		}, clusterDenied...),
		"msk_cluster_unauthenticated_access_disabled": append([]checkCase{
			c("IAM only", nil, dsP, "(IAM)"),
			c("SCRAM and mutual TLS", func(k *state.MSKCluster) { k.IAMAuth, k.SCRAMAuth, k.TLSAuth = false, true, true }, dsP, "SASL/SCRAM, mutual TLS"),
			c("IAM and unauthenticated", func(k *state.MSKCluster) { k.Unauthenticated = true }, dsF, "besides IAM"),
			c("nothing configured", func(k *state.MSKCluster) { k.IAMAuth, k.Unauthenticated = false, true }, dsF, "no authentication configured"),
			c("serverless", serverless, dsP, "IAM"),
		}, clusterDenied...),
		"msk_connector_encrypted_in_transit": append([]checkCase{
			k("TLS", nil, dsP, "over TLS"),
			k("plain text", func(k *state.MSKConnector) { k.EncryptionInTransit = "PLAINTEXT" }, dsF, "plain text"),
			k("not reported", func(k *state.MSKConnector) { k.EncryptionInTransit = "" }, dsU, "not reported"),
		}, connectorDenied...),
		"msk_connector_logging_enabled": append([]checkCase{
			k("CloudWatch Logs", nil, dsP, "cloudwatch-logs"),
			k("S3 and Firehose", func(k *state.MSKConnector) { k.LogDestinations = []string{"firehose", "s3"} }, dsP, "firehose, s3"),
			k("no logs", func(k *state.MSKConnector) { k.LogDestinations = nil }, dsF, "no worker logs"),
		}, connectorDenied...),
		"msk_cluster_in_allowed_region": storeCases("kafka", "ListClustersV2", func(r string) func(*state.Account) {
			return func(a *state.Account) {
				a.MSK.Clusters = append(a.MSK.Clusters, state.MSKCluster{Meta: nwMetaIn(r, "kafka", "cluster/c1/1"), Name: "c1", Type: "PROVISIONED"})
			}
		}),
	}
}
