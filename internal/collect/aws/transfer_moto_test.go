package aws

import (
	"context"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/transfer"
	trtypes "github.com/aws/aws-sdk-go-v2/service/transfer/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// buildTransfer (svc-netfw) creates a Transfer Family server and a
// connector in the region: when secure an SFTP server inside the VPC
// without Elastic IPs and an SFTP connector that logs; otherwise a public
// server speaking SFTP and FTP and a connector without a logging role.
func buildTransfer(ctx context.Context, cfg sdk.Config, r string, secure bool, vpcID, subnetID string) {
	c := transfer.NewFromConfig(cfg)
	role := "arn:aws:iam::" + motoAccount + ":role/transfer-logs"
	in := &transfer.CreateServerInput{Domain: trtypes.DomainS3, IdentityProviderType: trtypes.IdentityProviderTypeServiceManaged,
		Tags: []trtypes.Tag{{Key: sdk.String("owner"), Value: sdk.String("partners")}}}
	if secure {
		in.Protocols, in.EndpointType, in.LoggingRole = []trtypes.Protocol{trtypes.ProtocolSftp}, trtypes.EndpointTypeVpc, sdk.String(role)
		in.EndpointDetails = &trtypes.EndpointDetails{VpcId: sdk.String(vpcID), SubnetIds: []string{subnetID}}
	} else {
		in.Protocols, in.EndpointType = []trtypes.Protocol{trtypes.ProtocolSftp, trtypes.ProtocolFtp}, trtypes.EndpointTypePublic
	}
	must(c.CreateServer(ctx, in))
	cin := &transfer.CreateConnectorInput{Url: sdk.String("sftp://partner.example.com"), AccessRole: sdk.String("arn:aws:iam::" + motoAccount + ":role/connector"),
		SftpConfig: &trtypes.SftpConnectorConfig{UserSecretId: sdk.String("arn:aws:secretsmanager:" + r + ":" + motoAccount + ":secret:partner")}}
	if secure {
		cin.LoggingRole = sdk.String(role)
	}
	must(c.CreateConnector(ctx, cin))
}

// TestMotoTransfer: servers and connectors are listed and each described
// with what the checks judge, in every region.
func TestMotoTransfer(t *testing.T) {
	_, res := collected(t)
	a := res.Account
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			var servers []state.TransferServer
			for _, s := range a.Transfer.Servers {
				if s.Region == r {
					servers = append(servers, s)
				}
			}
			if len(servers) != 1 {
				t.Fatalf("servers in %s: %+v", r, servers)
			}
			s := servers[0]
			eq(t, "described", s.Described, true)
			eq(t, "state", s.State, "ONLINE")
			eq(t, "owner tag", s.Tags["owner"], "partners")
			eq(t, "ftp", s.Speaks("FTP"), !secure)
			eq(t, "sftp", s.Speaks("SFTP"), true)
			eq(t, "internet facing", s.InternetFacing(), !secure)
			var conns []state.TransferConnector
			for _, k := range a.Transfer.Connectors {
				if k.Region == r {
					conns = append(conns, k)
				}
			}
			if len(conns) != 1 {
				t.Fatalf("connectors in %s: %+v", r, conns)
			}
			k := conns[0]
			eq(t, "connector described", k.Described, true)
			eq(t, "connector kind", k.Kind, "SFTP")
			eq(t, "connector url", k.URL, "sftp://partner.example.com")
			eq(t, "connector logs", k.LoggingRole != "", secure)
		})
	}
}
