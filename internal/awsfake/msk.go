package awsfake

import (
	"github.com/aws/aws-sdk-go-v2/service/kafka"
	kafkatypes "github.com/aws/aws-sdk-go-v2/service/kafka/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- Amazon MSK (restJson1, signing name kafka) ----

func (s *Server) kafkaService() *service {
	return &service{name: "kafka", proto: protoRestJSON,
		routes: []route{
			rt("GET", "/api/v2/clusters", "ListClustersV2"),
			rt("GET", "/api/v2/clusters/{clusterArn}", "DescribeClusterV2"),
			rt("POST", "/api/v2/clusters", "CreateClusterV2"),
			rt("DELETE", "/v1/clusters/{clusterArn}", "DeleteCluster"),
			rt("GET", "/v1/clusters/{clusterArn}/policy", "GetClusterPolicy"),
		},
		ops: map[string]handler{"ListClustersV2": kafkaListClustersV2, "GetClusterPolicy": kafkaGetClusterPolicy}}
}

// kafkaGetClusterPolicy answers a cluster's policy; like MSK it answers
// NotFoundException (404) for a cluster without one (exposure-gaps).
func kafkaGetClusterPolicy(c *call) (*reply, error) {
	arn := c.str("clusterArn")
	for _, k := range c.s.idx.mskClusters[c.region] {
		if k.ARN != arn {
			continue
		}
		if k.Policy == "" {
			return nil, errf(404, "NotFoundException", "There is no cluster policy attached to %s.", arn)
		}
		return c.jsonReply(&kafka.GetClusterPolicyOutput{Policy: p(k.Policy), CurrentVersion: p("K3AEGXETSR30VB")}), nil
	}
	return nil, errf(404, "NotFoundException", "The cluster %s does not exist.", arn)
}

// kafkaListClustersV2 pages with maxResults (1..100, default 10) and
// nextToken, each cluster with the settings MSK reports for its type.
func kafkaListClustersV2(c *call) (*reply, error) {
	ks := c.s.idx.mskClusters[c.region]
	start, end, next, err := c.pageOfLower(len(ks), 10, 100)
	if err != nil {
		return nil, err
	}
	out := &kafka.ListClustersV2Output{ClusterInfoList: []kafkatypes.Cluster{}, NextToken: sp(next)}
	for _, k := range ks[start:end] {
		out.ClusterInfoList = append(out.ClusterInfoList, kafkaCluster(k))
	}
	return c.jsonReply(out), nil
}

// kafkaCluster describes k as ListClustersV2 does.
func kafkaCluster(k *state.MSKCluster) kafkatypes.Cluster {
	x := kafkatypes.Cluster{ClusterArn: p(k.ARN), ClusterName: p(k.Name), ClusterType: kafkatypes.ClusterType(orDefault(k.Type, "PROVISIONED")),
		State: kafkatypes.ClusterState(orDefault(k.State, "ACTIVE")), CurrentVersion: p("K3AEGXETSR30VB"), Tags: k.Tags}
	if k.Serverless() {
		x.Serverless = &kafkatypes.Serverless{VpcConfigs: []kafkatypes.VpcConfig{{SubnetIds: []string{"subnet-0a1b2c3d"}}},
			ClientAuthentication: &kafkatypes.ServerlessClientAuthentication{Sasl: &kafkatypes.ServerlessSasl{Iam: &kafkatypes.Iam{Enabled: p(true)}}}}
		return x
	}
	pr := &kafkatypes.Provisioned{NumberOfBrokerNodes: p(int32(3)),
		BrokerNodeGroupInfo: &kafkatypes.BrokerNodeGroupInfo{ClientSubnets: []string{"subnet-0a1b2c3d"}, InstanceType: p("kafka.m5.large"),
			ConnectivityInfo: &kafkatypes.ConnectivityInfo{PublicAccess: &kafkatypes.PublicAccess{Type: p(orDefault(k.PublicAccess, "DISABLED"))}}},
		CurrentBrokerSoftwareInfo: &kafkatypes.BrokerSoftwareInfo{KafkaVersion: sp(k.KafkaVersion)},
		ClientAuthentication: &kafkatypes.ClientAuthentication{
			Sasl: &kafkatypes.Sasl{Iam: &kafkatypes.Iam{Enabled: p(k.IAMAuth)}, Scram: &kafkatypes.Scram{Enabled: p(k.SCRAMAuth)}},
			Tls:  &kafkatypes.Tls{Enabled: p(k.TLSAuth)}, Unauthenticated: &kafkatypes.Unauthenticated{Enabled: p(k.Unauthenticated)}}}
	if k.EncryptionReported {
		pr.EncryptionInfo = &kafkatypes.EncryptionInfo{
			EncryptionAtRest:    &kafkatypes.EncryptionAtRest{DataVolumeKMSKeyId: sp(k.KMSKeyID)},
			EncryptionInTransit: &kafkatypes.EncryptionInTransit{InCluster: p(k.InClusterTLS), ClientBroker: kafkatypes.ClientBroker(orDefault(k.ClientBroker, "TLS"))}}
	}
	x.Provisioned = pr
	return x
}

// ---- MSK Connect (restJson1, signing name kafkaconnect; the SDK client
// has no schema serializers, so bodies are built by hand) ----

func (s *Server) kafkaConnectService() *service {
	return &service{name: "kafkaconnect", proto: protoRestJSON,
		routes: []route{
			rt("GET", "/v1/connectors", "ListConnectors"),
			rt("GET", "/v1/connectors/{connectorArn}", "DescribeConnector"),
			rt("POST", "/v1/connectors", "CreateConnector"),
			rt("DELETE", "/v1/connectors/{connectorArn}", "DeleteConnector"),
		},
		ops: map[string]handler{"ListConnectors": kcListConnectors}}
}

// kcListConnectors pages with maxResults (1..100, default 10) and nextToken.
func kcListConnectors(c *call) (*reply, error) {
	ks := c.s.idx.mskConnectors[c.region]
	start, end, next, err := c.pageOfLower(len(ks), 10, 100)
	if err != nil {
		return nil, err
	}
	type enabled struct {
		Enabled bool `json:"enabled"`
	}
	conns := make([]map[string]any, 0, end-start)
	for _, k := range ks[start:end] {
		on := map[string]bool{}
		for _, d := range k.LogDestinations {
			on[d] = true
		}
		x := map[string]any{"connectorArn": k.ARN, "connectorName": k.Name, "connectorState": orDefault(k.State, "RUNNING"),
			"kafkaConnectVersion": "3.7.x", "creationTime": "2026-01-01T00:00:00Z",
			"logDelivery": map[string]any{"workerLogDelivery": map[string]any{"cloudWatchLogs": enabled{on["cloudwatch-logs"]},
				"firehose": enabled{on["firehose"]}, "s3": enabled{on["s3"]}}}}
		if k.EncryptionInTransit != "" {
			x["kafkaClusterEncryptionInTransit"] = map[string]string{"encryptionType": k.EncryptionInTransit}
		}
		if k.Authentication != "" {
			x["kafkaClusterClientAuthentication"] = map[string]string{"authenticationType": k.Authentication}
		}
		conns = append(conns, x)
	}
	out := map[string]any{"connectors": conns}
	if next != "" {
		out["nextToken"] = next
	}
	return c.rawJSON(out)
}
