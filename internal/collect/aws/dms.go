package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	dms "github.com/aws/aws-sdk-go-v2/service/databasemigrationservice"
	dmstypes "github.com/aws/aws-sdk-go-v2/service/databasemigrationservice/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// dms reads a region's DMS replication instances, endpoints and
// replication tasks (with their settings documents), each in one
// paginated bulk listing, 100 a page; nothing is read per item.
func (c *collector) dms(ctx context.Context, region string) {
	cl := dms.NewFromConfig(c.cfg, func(o *dms.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("dms", region))
	})
	var insts []state.DMSReplicationInstance
	if c.do(ctx, "dms", "DescribeReplicationInstances", region, "", nil, func(ctx context.Context) error {
		params := dms.DescribeReplicationInstancesInput{MaxRecords: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.DescribeReplicationInstances(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, x := range page.ReplicationInstances {
				insts = append(insts, state.DMSReplicationInstance{Meta: meta(str(x.ReplicationInstanceArn), region, nil),
					ID: str(x.ReplicationInstanceIdentifier), PubliclyAccessible: x.PubliclyAccessible, AutoMinorVersionUpgrade: x.AutoMinorVersionUpgrade,
					MultiAZ: x.MultiAZ, KMSKeyID: str(x.KmsKeyId), EngineVersion: str(x.EngineVersion)})
			}
			return page.Marker, nil
		})
	}) == nil {
		c.rec.Update(func(a *state.Account) { a.DMS.ReplicationInstances = append(a.DMS.ReplicationInstances, insts...) })
	}

	var eps []state.DMSEndpoint
	if c.do(ctx, "dms", "DescribeEndpoints", region, "", nil, func(ctx context.Context) error {
		params := dms.DescribeEndpointsInput{MaxRecords: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.DescribeEndpoints(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, x := range page.Endpoints {
				eps = append(eps, dmsEndpoint(x, region))
			}
			return page.Marker, nil
		})
	}) == nil {
		c.rec.Update(func(a *state.Account) { a.DMS.Endpoints = append(a.DMS.Endpoints, eps...) })
	}

	var tasks []state.DMSTask
	if c.do(ctx, "dms", "DescribeReplicationTasks", region, "", nil, func(ctx context.Context) error {
		params := dms.DescribeReplicationTasksInput{MaxRecords: sdk.Int32(100), WithoutSettings: sdk.Bool(false)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.DescribeReplicationTasks(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, x := range page.ReplicationTasks {
				t := state.DMSTask{Meta: meta(str(x.ReplicationTaskArn), region, nil), ID: str(x.ReplicationTaskIdentifier)}
				t.SettingsRead, t.LoggingEnabled, t.LogSeverity = state.DMSTaskLogging(str(x.ReplicationTaskSettings))
				tasks = append(tasks, t)
			}
			return page.Marker, nil
		})
	}) == nil {
		c.rec.Update(func(a *state.Account) { a.DMS.Tasks = append(a.DMS.Tasks, tasks...) })
	}
}

// dmsEndpoint is the state of one described endpoint; its credentials
// (user name, password, secrets) are not kept.
func dmsEndpoint(x dmstypes.Endpoint, region string) state.DMSEndpoint {
	e := state.DMSEndpoint{Meta: meta(str(x.EndpointArn), region, nil), ID: str(x.EndpointIdentifier), Type: string(x.EndpointType),
		Engine: str(x.EngineName), SSLMode: string(x.SslMode)}
	if s := x.NeptuneSettings; s != nil {
		e.NeptuneIAMAuth = b(s.IamAuthEnabled)
	}
	if s := x.MongoDbSettings; s != nil {
		e.MongoAuthType = string(s.AuthType)
	}
	if s := x.RedisSettings; s != nil {
		e.RedisSSLProtocol = string(s.SslSecurityProtocol)
	}
	return e
}
