package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/transfer"
	trtypes "github.com/aws/aws-sdk-go-v2/service/transfer/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// transferFamily reads a region's Transfer Family servers and connectors
// (1,000 a page each) and describes each once: a server's protocols and
// Elastic IPs, a connector's logging role are in no listing.
func (c *collector) transferFamily(ctx context.Context, region string) {
	cl := transfer.NewFromConfig(c.cfg, func(o *transfer.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("transfer", region))
	})
	c.transferServers(ctx, cl, region)
	c.transferConnectors(ctx, cl, region)
}

func (c *collector) transferServers(ctx context.Context, cl *transfer.Client, region string) {
	var servers []state.TransferServer
	err := c.do(ctx, "transfer", "ListServers", region, "", nil, func(ctx context.Context) error {
		params := transfer.ListServersInput{MaxResults: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListServers(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, x := range page.Servers {
				servers = append(servers, state.TransferServer{Meta: meta(str(x.Arn), region, nil), ID: str(x.ServerId),
					EndpointType: string(x.EndpointType), State: string(x.State), Domain: string(x.Domain),
					IdentityProviderType: string(x.IdentityProviderType), LoggingRole: str(x.LoggingRole)})
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(servers), func() {
		c.rec.Update(func(a *state.Account) { a.Transfer.Servers = append(a.Transfer.Servers, servers...) })
	})
	for i := range servers {
		s := &servers[i]
		c.item("transfer", region, s.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "transfer", "DescribeServer", region, s.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribeServer(ctx, &transfer.DescribeServerInput{ServerId: sdk.String(s.ID)})
				if err != nil {
					return err
				}
				x := out.Server
				if x == nil {
					return nil
				}
				s.Described = true
				for _, p := range x.Protocols {
					s.Protocols = append(s.Protocols, string(p))
				}
				if e := x.EndpointDetails; e != nil {
					s.AddressAllocationIDs, s.VPCID = e.AddressAllocationIds, str(e.VpcId)
				}
				if x.EndpointType != "" {
					s.EndpointType = string(x.EndpointType)
				}
				s.SecurityPolicyName, s.StructuredLogDestinations = str(x.SecurityPolicyName), x.StructuredLogDestinations
				if r := str(x.LoggingRole); r != "" {
					s.LoggingRole = r
				}
				s.Tags = tagMap(x.Tags, func(t trtypes.Tag) (*string, *string) { return t.Key, t.Value })
				return nil
			})
		}, "DescribeServer")
	}
}

func (c *collector) transferConnectors(ctx context.Context, cl *transfer.Client, region string) {
	var conns []state.TransferConnector
	err := c.do(ctx, "transfer", "ListConnectors", region, "", nil, func(ctx context.Context) error {
		params := transfer.ListConnectorsInput{MaxResults: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListConnectors(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, x := range page.Connectors {
				conns = append(conns, state.TransferConnector{Meta: meta(str(x.Arn), region, nil), ID: str(x.ConnectorId), URL: str(x.Url)})
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(conns), func() {
		c.rec.Update(func(a *state.Account) { a.Transfer.Connectors = append(a.Transfer.Connectors, conns...) })
	})
	for i := range conns {
		k := &conns[i]
		c.item("transfer", region, k.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "transfer", "DescribeConnector", region, k.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribeConnector(ctx, &transfer.DescribeConnectorInput{ConnectorId: sdk.String(k.ID)})
				if err != nil {
					return err
				}
				x := out.Connector
				if x == nil {
					return nil
				}
				k.Described, k.LoggingRole = true, str(x.LoggingRole)
				if u := str(x.Url); u != "" {
					k.URL = u
				}
				switch {
				case x.As2Config != nil:
					k.Kind = "AS2"
				case x.SftpConfig != nil:
					k.Kind = "SFTP"
				}
				k.Tags = tagMap(x.Tags, func(t trtypes.Tag) (*string, *string) { return t.Key, t.Value })
				return nil
			})
		}, "DescribeConnector")
	}
}
