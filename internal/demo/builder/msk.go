package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// msk adds Alpenglow's Apache Kafka (svc-msk): the Frankfurt shop's order
// bus (provisioned, TLS among brokers and to clients, IAM authentication,
// broker volumes under the data-lake key) and its serverless clickstream
// cluster; the marketing agency's cluster in N. Virginia (plain text among
// brokers and accepted from clients, unauthenticated access) and a
// leftover Irish cluster with public broker addresses (SCRAM, TLS only).
// The shop's connector sinks order events to the data lake over TLS with
// its worker logs in CloudWatch Logs; the agency's CRM sync reaches its
// cluster in plain text without authentication or logs. Every cluster's
// policy was read (exposure-gaps): the agency's cluster lets the untrusted
// partner's account connect; the others have none.
func (x *b) msk() {
	fra, dub, iad := "eu-central-1", "eu-west-1", "us-east-1"
	cluster := func(region, name, id string, t map[string]string, k state.MSKCluster) state.MSKCluster {
		k.Meta, k.Name, k.State = state.Meta{ARN: x.arn("kafka", region, "cluster/"+name+"/"+id), Region: region, Tags: t}, name, "ACTIVE"
		if k.Type == "" {
			k.Type, k.EncryptionReported = "PROVISIONED", true
		}
		k.PolicyRead = true // exposure-gaps
		return k
	}
	x.a.MSK.Clusters = append(x.a.MSK.Clusters,
		cluster(fra, "orders-bus", "6b1d2c3e-4f50-4a6b-9c7d-8e9f0a1b2c3d-2", tags("owner", "shop", "data-classification", "confidential"), state.MSKCluster{
			KafkaVersion: "3.6.0", InClusterTLS: true, ClientBroker: "TLS", KMSKeyID: x.datalakeKey(fra), PublicAccess: "DISABLED", IAMAuth: true}),
		cluster(fra, "clickstream-lite", "7c2e3d4f-5061-4b7c-8d8e-9f0a1b2c3d4e-s1", tags("owner", "shop"), state.MSKCluster{Type: "SERVERLESS"}),
		cluster(iad, "marketing-events", "8d3f4e50-6172-4c8d-9e9f-0a1b2c3d4e5f-3", tags("owner", "marketing", "data-classification", "confidential"), state.MSKCluster{
			KafkaVersion: "2.8.1", ClientBroker: "TLS_PLAINTEXT", PublicAccess: "DISABLED", Unauthenticated: true,
			Policy: `{"Version":"2012-10-17","Statement":[{"Sid":"AgencyConnects","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + UntrustedPartner + `:root"},` +
				`"Action":["kafka:CreateVpcConnection","kafka:GetBootstrapBrokers","kafka:DescribeClusterV2"],"Resource":"` +
				x.arn("kafka", iad, "cluster/marketing-events/8d3f4e50-6172-4c8d-9e9f-0a1b2c3d4e5f-3") + `"}]}`}),
		cluster(dub, "agency-legacy", "9e405f61-7283-4d9e-8f0a-1b2c3d4e5f60-1", tags("owner", "marketing"), state.MSKCluster{
			KafkaVersion: "3.5.1", InClusterTLS: true, ClientBroker: "TLS", PublicAccess: "SERVICE_PROVIDED_EIPS", SCRAMAuth: true}),
	)
	connector := func(region, name, id string, k state.MSKConnector) state.MSKConnector {
		k.Meta, k.Name, k.State = state.Meta{ARN: x.arn("kafkaconnect", region, "connector/"+name+"/"+id), Region: region}, name, "RUNNING"
		return k
	}
	x.a.MSK.Connectors = append(x.a.MSK.Connectors,
		connector(fra, "orders-to-lake", "0f516072-8394-4eaf-9a1b-2c3d4e5f6071-2", state.MSKConnector{EncryptionInTransit: "TLS", Authentication: "IAM",
			LogDestinations: []string{"cloudwatch-logs"}}),
		connector(iad, "crm-sync", "1a627183-94a5-4fb0-8b2c-3d4e5f607182-1", state.MSKConnector{EncryptionInTransit: "PLAINTEXT", Authentication: "NONE"}),
	)
}
