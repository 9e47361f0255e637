package awsfake

import (
	dms "github.com/aws/aws-sdk-go-v2/service/databasemigrationservice"
	dmstypes "github.com/aws/aws-sdk-go-v2/service/databasemigrationservice/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- AWS Database Migration Service (awsJson1.1, X-Amz-Target
// AmazonDMSv20160101.*) ----

func (s *Server) dmsService() *service {
	return &service{name: "dms", proto: protoJSON, ops: map[string]handler{
		"DescribeReplicationInstances": dmsDescribeReplicationInstances,
		"DescribeEndpoints":            dmsDescribeEndpoints,
		"DescribeReplicationTasks":     dmsDescribeReplicationTasks,
	}}
}

// dmsPage pages a DMS listing: MaxRecords 20..100, default 100, Marker.
func dmsPage(c *call, n int) (start, end int, next string, err error) {
	mx, err := c.num("MaxRecords", 0)
	if err != nil {
		return 0, 0, "", err
	}
	if mx != 0 && (mx < 20 || mx > 100) {
		return 0, 0, "", errf(400, "InvalidParameterValueException", "MaxRecords must be between 20 and 100")
	}
	return page(c.action, n, c.str("Marker"), mx, 100, 100)
}

func dmsDescribeReplicationInstances(c *call) (*reply, error) {
	xs := c.s.idx.dmsInstances[c.region]
	start, end, next, err := dmsPage(c, len(xs))
	if err != nil {
		return nil, err
	}
	out := &dms.DescribeReplicationInstancesOutput{ReplicationInstances: []dmstypes.ReplicationInstance{}, Marker: sp(next)}
	for _, x := range xs[start:end] {
		out.ReplicationInstances = append(out.ReplicationInstances, dmstypes.ReplicationInstance{ReplicationInstanceArn: sp(x.ARN),
			ReplicationInstanceIdentifier: sp(x.ID), ReplicationInstanceClass: p("dms.t3.medium"), ReplicationInstanceStatus: p("available"),
			PubliclyAccessible: x.PubliclyAccessible, AutoMinorVersionUpgrade: x.AutoMinorVersionUpgrade, MultiAZ: x.MultiAZ,
			KmsKeyId: sp(x.KMSKeyID), EngineVersion: sp(x.EngineVersion), AllocatedStorage: 50, InstanceCreateTime: p(c.s.acct.CollectedAt)})
	}
	return c.jsonReply(out), nil
}

func dmsDescribeEndpoints(c *call) (*reply, error) {
	xs := c.s.idx.dmsEndpoints[c.region]
	start, end, next, err := dmsPage(c, len(xs))
	if err != nil {
		return nil, err
	}
	out := &dms.DescribeEndpointsOutput{Endpoints: []dmstypes.Endpoint{}, Marker: sp(next)}
	for _, x := range xs[start:end] {
		e := dmstypes.Endpoint{EndpointArn: sp(x.ARN), EndpointIdentifier: sp(x.ID), EndpointType: dmstypes.ReplicationEndpointTypeValue(x.Type),
			EngineName: sp(x.Engine), SslMode: dmstypes.DmsSslModeValue(orDefault(x.SSLMode, "none")), Status: p("active")}
		switch x.Engine {
		case "neptune":
			e.NeptuneSettings = &dmstypes.NeptuneSettings{IamAuthEnabled: p(x.NeptuneIAMAuth), S3BucketName: p("dms-neptune-staging"), S3BucketFolder: p(x.ID)}
		case "mongodb", "docdb":
			if x.MongoAuthType != "" {
				e.MongoDbSettings = &dmstypes.MongoDbSettings{AuthType: dmstypes.AuthTypeValue(x.MongoAuthType)}
			}
		case "redis":
			if x.RedisSSLProtocol != "" {
				e.RedisSettings = &dmstypes.RedisSettings{ServerName: p(x.ID + ".cache.amazonaws.com"), Port: 6379,
					SslSecurityProtocol: dmstypes.SslSecurityProtocolValue(x.RedisSSLProtocol)}
			}
		}
		out.Endpoints = append(out.Endpoints, e)
	}
	return c.jsonReply(out), nil
}

func dmsDescribeReplicationTasks(c *call) (*reply, error) {
	xs := c.s.idx.dmsTasks[c.region]
	start, end, next, err := dmsPage(c, len(xs))
	if err != nil {
		return nil, err
	}
	without, _ := c.body["WithoutSettings"].(bool)
	out := &dms.DescribeReplicationTasksOutput{ReplicationTasks: []dmstypes.ReplicationTask{}, Marker: sp(next)}
	for _, x := range xs[start:end] {
		t := dmstypes.ReplicationTask{ReplicationTaskArn: sp(x.ARN), ReplicationTaskIdentifier: sp(x.ID), MigrationType: dmstypes.MigrationTypeValueFullLoadAndCdc,
			Status: p("running")}
		if !without && x.SettingsRead {
			t.ReplicationTaskSettings = p(state.DMSTaskSettings(*x))
		}
		out.ReplicationTasks = append(out.ReplicationTasks, t)
	}
	return c.jsonReply(out), nil
}
