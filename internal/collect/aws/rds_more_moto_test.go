package aws

import (
	"context"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// svc-gaps: RDS.14 backtracking, RDS.43 proxies and EC2.181 launch
// template volumes against moto.

// buildRDSMore creates region r's Aurora MySQL cluster "bt-<r>" (a 24-hour
// backtrack window when secure, none otherwise) and RDS Proxy "app-proxy"
// (TLS required when secure) in the scenario's subnet.
func buildRDSMore(ctx context.Context, cfg sdk.Config, r string, secure bool, subnet string) {
	rc := rds.NewFromConfig(cfg)
	in := &rds.CreateDBClusterInput{DBClusterIdentifier: sdk.String("bt-" + r), Engine: sdk.String("aurora-mysql"),
		MasterUsername: sdk.String("dbadmin"), MasterUserPassword: sdk.String("Passw0rd!Passw0rd"), StorageEncrypted: sdk.Bool(true)}
	if secure {
		in.BacktrackWindow = sdk.Int64(86400)
	}
	must(rc.CreateDBCluster(ctx, in))
	must(rc.CreateDBProxy(ctx, &rds.CreateDBProxyInput{DBProxyName: sdk.String("app-proxy"), EngineFamily: rdstypes.EngineFamilyPostgresql,
		RoleArn: sdk.String("arn:aws:iam::" + motoAccount + ":role/proxy"), VpcSubnetIds: []string{subnet}, RequireTLS: sdk.Bool(secure),
		Auth: []rdstypes.UserAuthConfig{{AuthScheme: rdstypes.AuthSchemeSecrets, SecretArn: sdk.String("arn:aws:secretsmanager:" + r + ":" + motoAccount + ":secret:db")}}}))
}

// TestMotoRDSMore: the backtrack window comes with DescribeDBClusters and
// the proxies' RequireTLS with DescribeDBProxies, in every region.
func TestMotoRDSMore(t *testing.T) {
	_, res := collected(t)
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			cl := find(t, "cluster", res.Account.RDS.Clusters, func(x state.DBCluster) string { return x.Region + "/" + x.ID }, r+"/bt-"+r)
			eq(t, "backtrack window", cl.BacktrackWindow, map[bool]int64{true: 86400, false: 0}[secure])
			px := find(t, "proxy", res.Account.RDS.Proxies, func(x state.DBProxy) string { return x.Region + "/" + x.Name }, r+"/app-proxy")
			eq(t, "arn", px.ARN != "", true)
			eq(t, "engine family", px.EngineFamily, "POSTGRESQL")
			eq(t, "require tls", px.RequireTLS, secure)
			if _, ok := res.Account.Gaps.Find("rds", r, "DescribeDBProxies", ""); ok {
				t.Errorf("DescribeDBProxies gap in %s", r)
			}
			// EC2.181: the launch template's data volume, read from $Default.
			lt := find(t, "launch template", res.Account.EC2.LaunchTemplates, func(x state.LaunchTemplate) string { return x.Region + "/" + x.Name }, r+"/app-"+r)
			if len(lt.EBSVolumes) != 1 || lt.EBSVolumes[0].Device != "/dev/sdf" || lt.EBSVolumes[0].Encrypted == nil || *lt.EBSVolumes[0].Encrypted != secure {
				t.Errorf("launch template volumes = %+v, want /dev/sdf encrypted=%v", lt.EBSVolumes, secure)
			}
		})
	}
}
