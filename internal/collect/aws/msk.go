package aws

import (
	"context"
	"errors"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kafka"
	kafkatypes "github.com/aws/aws-sdk-go-v2/service/kafka/types"
	"github.com/aws/aws-sdk-go-v2/service/kafkaconnect"
	kctypes "github.com/aws/aws-sdk-go-v2/service/kafkaconnect/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// msk reads a region's Amazon MSK clusters (ListClustersV2: provisioned
// and serverless with their encryption, public access, authentication and
// tags) and MSK Connect connectors (ListConnectors: encryption in transit,
// authentication, worker log delivery), each in one paginated listing;
// only each cluster's policy (GetClusterPolicy, exposure-gaps) is read per
// cluster.
func (c *collector) msk(ctx context.Context, region string) {
	c.sub("kafkaconnect", region, "", func(ctx context.Context) { c.mskConnectors(ctx, region) }, "ListConnectors")

	cl := kafka.NewFromConfig(c.cfg, func(o *kafka.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("kafka", region))
	})
	var clusters []state.MSKCluster
	err := c.do(ctx, "kafka", "ListClustersV2", region, "", nil, func(ctx context.Context) error {
		params := kafka.ListClustersV2Input{MaxResults: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListClustersV2(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, x := range page.ClusterInfoList {
				clusters = append(clusters, mskCluster(x, region))
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(clusters), func() {
		c.rec.Update(func(a *state.Account) { a.MSK.Clusters = append(a.MSK.Clusters, clusters...) })
	})
	for i := range clusters {
		k := &clusters[i]
		c.item("kafka", region, k.ARN, done, func(ctx context.Context) {
			// NotFoundException: the cluster has no policy.
			err := c.do(ctx, "kafka", "GetClusterPolicy", region, k.ARN, []string{"NotFoundException"}, func(ctx context.Context) error {
				out, err := cl.GetClusterPolicy(ctx, &kafka.GetClusterPolicyInput{ClusterArn: sdk.String(k.ARN)})
				if err != nil {
					return err
				}
				k.PolicyRead, k.Policy = true, str(out.Policy)
				return nil
			})
			if errors.Is(err, errAbsent) {
				k.PolicyRead = true
			}
		}, "GetClusterPolicy")
	}
}

// mskCluster is the state of one listed cluster.
func mskCluster(x kafkatypes.Cluster, region string) state.MSKCluster {
	k := state.MSKCluster{Meta: meta(str(x.ClusterArn), region, x.Tags), Name: str(x.ClusterName), Type: string(x.ClusterType),
		State: string(x.State)}
	if x.Serverless != nil && k.Type == "" {
		k.Type = "SERVERLESS"
	}
	p := x.Provisioned
	if p == nil {
		return k
	}
	if k.Type == "" {
		k.Type = "PROVISIONED"
	}
	if s := p.CurrentBrokerSoftwareInfo; s != nil {
		k.KafkaVersion = str(s.KafkaVersion)
	}
	if e := p.EncryptionInfo; e != nil {
		if t := e.EncryptionInTransit; t != nil {
			k.EncryptionReported = true
			// AWS's default for both when the answer leaves them out.
			k.InClusterTLS, k.ClientBroker = t.InCluster == nil || *t.InCluster, orTLS(string(t.ClientBroker))
		}
		if r := e.EncryptionAtRest; r != nil {
			k.KMSKeyID = str(r.DataVolumeKMSKeyId)
		}
	}
	k.PublicAccess = "DISABLED"
	if g := p.BrokerNodeGroupInfo; g != nil && g.ConnectivityInfo != nil && g.ConnectivityInfo.PublicAccess != nil {
		if t := str(g.ConnectivityInfo.PublicAccess.Type); t != "" {
			k.PublicAccess = t
		}
	}
	if a := p.ClientAuthentication; a != nil {
		if s := a.Sasl; s != nil {
			k.IAMAuth = s.Iam != nil && b(s.Iam.Enabled)
			k.SCRAMAuth = s.Scram != nil && b(s.Scram.Enabled)
		}
		k.TLSAuth = a.Tls != nil && b(a.Tls.Enabled)
		k.Unauthenticated = a.Unauthenticated != nil && b(a.Unauthenticated.Enabled)
	}
	// No mechanism at all: clients connect without authenticating.
	if !k.IAMAuth && !k.SCRAMAuth && !k.TLSAuth {
		k.Unauthenticated = true
	}
	return k
}

// orTLS is the client-broker setting, TLS (AWS's default) when empty.
func orTLS(s string) string {
	if s == "" {
		return "TLS"
	}
	return s
}

// mskConnectors lists a region's MSK Connect connectors.
func (c *collector) mskConnectors(ctx context.Context, region string) {
	cl := kafkaconnect.NewFromConfig(c.cfg, func(o *kafkaconnect.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("kafkaconnect", region))
	})
	var connectors []state.MSKConnector
	err := c.do(ctx, "kafkaconnect", "ListConnectors", region, "", nil, func(ctx context.Context) error {
		params := kafkaconnect.ListConnectorsInput{MaxResults: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListConnectors(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, x := range page.Connectors {
				connectors = append(connectors, mskConnector(x, region))
			}
			return page.NextToken, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.MSK.Connectors = append(a.MSK.Connectors, connectors...) })
	}
}

// mskConnector is the state of one listed connector.
func mskConnector(x kctypes.ConnectorSummary, region string) state.MSKConnector {
	k := state.MSKConnector{Meta: meta(str(x.ConnectorArn), region, nil), Name: str(x.ConnectorName), State: string(x.ConnectorState)}
	if e := x.KafkaClusterEncryptionInTransit; e != nil {
		k.EncryptionInTransit = string(e.EncryptionType)
	}
	if a := x.KafkaClusterClientAuthentication; a != nil {
		k.Authentication = string(a.AuthenticationType)
	}
	if l := x.LogDelivery; l != nil && l.WorkerLogDelivery != nil {
		w := l.WorkerLogDelivery
		if w.CloudWatchLogs != nil && w.CloudWatchLogs.Enabled {
			k.LogDestinations = append(k.LogDestinations, "cloudwatch-logs")
		}
		if w.Firehose != nil && w.Firehose.Enabled {
			k.LogDestinations = append(k.LogDestinations, "firehose")
		}
		if w.S3 != nil && w.S3.Enabled {
			k.LogDestinations = append(k.LogDestinations, "s3")
		}
	}
	return k
}
