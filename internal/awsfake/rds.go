package awsfake

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

func (s *Server) rdsService() *service {
	return &service{name: "rds", proto: protoQuery, xmlns: "http://rds.amazonaws.com/doc/2014-10-31/", ops: map[string]handler{
		"DescribeDBInstances":                 rdsDescribeDBInstances,
		"DescribeDBClusters":                  rdsDescribeDBClusters,
		"DescribeGlobalClusters":              rdsDescribeGlobalClusters,
		"DescribeDBSnapshots":                 rdsDescribeDBSnapshots,
		"DescribeDBSnapshotAttributes":        rdsDescribeDBSnapshotAttributes,
		"DescribeDBClusterSnapshots":          rdsDescribeDBClusterSnapshots,
		"DescribeDBClusterSnapshotAttributes": rdsDescribeDBClusterSnapshotAttributes,
		"DescribeDBParameterGroups":           rdsDescribeDBParameterGroups,
		"DescribeDBParameters":                rdsDescribeDBParameters,
		"DescribeDBClusterParameterGroups":    rdsDescribeDBClusterParameterGroups,
		"DescribeDBClusterParameters":         rdsDescribeDBClusterParameters,
		"DescribePendingMaintenanceActions":   rdsDescribePendingMaintenanceActions,
		"DescribeEventSubscriptions":          rdsDescribeEventSubscriptions,
		"DescribeDBProxies":                   rdsDescribeDBProxies, // svc-gaps
	}}
}

// rdsPage pages with MaxRecords (20..100, default 100) and Marker.
func (c *call) rdsPage(n int) (start, end int, next string, err error) {
	m, err := c.num("MaxRecords", 0)
	if err != nil {
		return 0, 0, "", err
	}
	if m != 0 && (m < 20 || m > 100) {
		return 0, 0, "", errf(400, "InvalidParameterValue", "Invalid value %d for MaxRecords. Must be between 20 and 100", m)
	}
	return page(c.action, n, c.str("Marker"), m, 100, 100)
}

func rdsTags(m map[string]string) []rdstypes.Tag {
	out := []rdstypes.Tag{}
	for _, k := range sortedKeys(m) {
		out = append(out, rdstypes.Tag{Key: p(k), Value: p(m[k])})
	}
	return out
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

func rdsDescribeDBInstances(c *call) (*reply, error) {
	xs := c.s.idx.dbInstances[c.region]
	start, end, next, err := c.rdsPage(len(xs))
	if err != nil {
		return nil, err
	}
	out := &rds.DescribeDBInstancesOutput{DBInstances: []rdstypes.DBInstance{}, Marker: sp(next)}
	for _, d := range xs[start:end] {
		in := rdstypes.DBInstance{
			DBInstanceIdentifier: sp(d.ID), DBInstanceArn: sp(d.ARN), Engine: sp(d.Engine), EngineVersion: sp(d.EngineVersion),
			DBInstanceClass: sp(d.Class), DBInstanceStatus: sp(d.Status), DBClusterIdentifier: sp(d.ClusterID),
			PubliclyAccessible: p(d.PubliclyAccessible), StorageEncrypted: p(d.StorageEncrypted), KmsKeyId: sp(d.KMSKeyID),
			BackupRetentionPeriod: p(int32(d.BackupRetentionDays)), MultiAZ: p(d.MultiAZ), DeletionProtection: p(d.DeletionProtection),
			AutoMinorVersionUpgrade: p(d.AutoMinorVersionUpgrade), IAMDatabaseAuthenticationEnabled: p(d.IAMAuth),
			PreferredMaintenanceWindow: sp(d.PreferredMaintenanceWindow), EnabledCloudwatchLogsExports: nilIfEmpty(d.EnabledLogs),
			CopyTagsToSnapshot: p(d.CopyTagsToSnapshot), MasterUsername: sp(d.MasterUsername), CACertificateIdentifier: sp(d.CACertificate),
			TagList: rdsTags(d.Tags),
		}
		if d.ReadReplicaSource != "" {
			in.ReadReplicaSourceDBInstanceIdentifier = p(d.ReadReplicaSource)
		}
		for _, g := range d.ParameterGroups {
			in.DBParameterGroups = append(in.DBParameterGroups, rdstypes.DBParameterGroupStatus{DBParameterGroupName: p(g), ParameterApplyStatus: p("in-sync")})
		}
		for _, g := range d.SecurityGroups {
			in.VpcSecurityGroups = append(in.VpcSecurityGroups, rdstypes.VpcSecurityGroupMembership{VpcSecurityGroupId: p(g), Status: p("active")})
		}
		if d.SubnetGroup != "" || d.VPCID != "" || len(d.SubnetIDs) > 0 {
			in.DBSubnetGroup = &rdstypes.DBSubnetGroup{DBSubnetGroupName: sp(d.SubnetGroup), VpcId: sp(d.VPCID)}
			for _, sn := range d.SubnetIDs {
				in.DBSubnetGroup.Subnets = append(in.DBSubnetGroup.Subnets, rdstypes.Subnet{SubnetIdentifier: p(sn), SubnetStatus: p("Active")})
			}
		}
		// Same-region replicas are named by identifier, others by ARN.
		for _, r := range d.ReadReplicas {
			if arnRegion(r) == c.region {
				r = r[strings.LastIndex(r, ":")+1:]
			}
			in.ReadReplicaDBInstanceIdentifiers = append(in.ReadReplicaDBInstanceIdentifiers, r)
		}
		if d.Port != 0 {
			in.Endpoint = &rdstypes.Endpoint{Address: p(d.ID + ".fake." + c.region + ".rds.amazonaws.com"), Port: p(int32(d.Port))}
			in.DbInstancePort = p(int32(0))
		}
		if d.EnhancedMonitoring {
			in.MonitoringInterval = p(int32(60))
			in.EnhancedMonitoringResourceArn = p(c.s.acct.ARNPrefix() + "logs:" + c.region + ":" + c.s.acct.AccountID + ":log-group:RDSOSMetrics:log-stream:" + d.ID)
		} else {
			in.MonitoringInterval = p(int32(0))
		}
		for _, r := range d.ReplicatedBackupRegions {
			in.DBInstanceAutomatedBackupsReplications = append(in.DBInstanceAutomatedBackupsReplications, rdstypes.DBInstanceAutomatedBackupsReplication{
				DBInstanceAutomatedBackupsArn: p(c.s.acct.ARNPrefix() + "rds:" + r + ":" + c.s.acct.AccountID + ":auto-backup:ab-" + shortHash(d.ARN+r)),
			})
		}
		out.DBInstances = append(out.DBInstances, in)
	}
	return c.queryReply(out), nil
}

func rdsDescribeDBClusters(c *call) (*reply, error) {
	xs := c.s.idx.dbClusters[c.region]
	start, end, next, err := c.rdsPage(len(xs))
	if err != nil {
		return nil, err
	}
	out := &rds.DescribeDBClustersOutput{DBClusters: []rdstypes.DBCluster{}, Marker: sp(next)}
	for _, d := range xs[start:end] {
		cl := rdstypes.DBCluster{
			DBClusterIdentifier: sp(d.ID), DBClusterArn: sp(d.ARN), Engine: sp(d.Engine), EngineVersion: sp(d.EngineVersion), EngineMode: sp(d.EngineMode),
			StorageEncrypted: p(d.StorageEncrypted), KmsKeyId: sp(d.KMSKeyID), BackupRetentionPeriod: p(int32(d.BackupRetentionDays)),
			DeletionProtection: p(d.DeletionProtection), IAMDatabaseAuthenticationEnabled: p(d.IAMAuth), MultiAZ: p(d.MultiAZ),
			DBClusterParameterGroup: sp(d.ParameterGroup), EnabledCloudwatchLogsExports: nilIfEmpty(d.EnabledLogs),
			AutoMinorVersionUpgrade: p(d.AutoMinorVersionUpgrade), CopyTagsToSnapshot: p(d.CopyTagsToSnapshot),
			PubliclyAccessible: p(d.PubliclyAccessible), MasterUsername: sp(d.MasterUsername), TagList: rdsTags(d.Tags), Status: p("available"),
		}
		if d.BacktrackWindow > 0 {
			cl.BacktrackWindow = p(d.BacktrackWindow)
		}
		for i, m := range d.Members {
			cl.DBClusterMembers = append(cl.DBClusterMembers, rdstypes.DBClusterMember{DBInstanceIdentifier: p(m), IsClusterWriter: p(i == 0)})
		}
		cl.GlobalClusterIdentifier, cl.ReplicationSourceIdentifier = sp(d.GlobalClusterID), sp(d.ReplicationSource)
		cl.ReadReplicaIdentifiers = nilIfEmpty(d.ReadReplicas)
		out.DBClusters = append(out.DBClusters, cl)
	}
	return c.queryReply(out), nil
}

// rdsDescribeGlobalClusters answers for one global database (the only form
// the collector sends): its members are the account's clusters that name
// it, plus one cluster in each region a member lists in
// GlobalClusterRegions where the state holds none (a region not scanned).
func rdsDescribeGlobalClusters(c *call) (*reply, error) {
	id := c.str("GlobalClusterIdentifier")
	if id == "" {
		return nil, errf(400, "InvalidParameterValue", "awsfake serves DescribeGlobalClusters for one GlobalClusterIdentifier")
	}
	var members []string
	have := map[string]bool{}
	for i := range c.s.acct.RDS.Clusters {
		d := &c.s.acct.RDS.Clusters[i]
		if d.GlobalClusterID == id {
			members = append(members, d.ARN)
			have[d.Region] = true
		}
	}
	if len(members) == 0 {
		return nil, errf(404, "GlobalClusterNotFoundFault", "Global cluster %s not found", id)
	}
	for i := range c.s.acct.RDS.Clusters {
		d := &c.s.acct.RDS.Clusters[i]
		if d.GlobalClusterID != id {
			continue
		}
		for _, r := range d.GlobalClusterRegions {
			if !have[r] {
				have[r] = true
				members = append(members, "arn:aws:rds:"+r+":"+c.s.acct.AccountID+":cluster:"+id+"-"+r)
			}
		}
	}
	g := rdstypes.GlobalCluster{GlobalClusterIdentifier: p(id), GlobalClusterArn: p("arn:aws:rds::" + c.s.acct.AccountID + ":global-cluster:" + id), Status: p("available")}
	for i, m := range members {
		g.GlobalClusterMembers = append(g.GlobalClusterMembers, rdstypes.GlobalClusterMember{DBClusterArn: p(m), IsWriter: p(i == 0)})
	}
	return c.queryReply(&rds.DescribeGlobalClustersOutput{GlobalClusters: []rdstypes.GlobalCluster{g}}), nil
}

// rdsSnapshots filters by SnapshotType when the client sends one (RDS
// lists automated and manual snapshots by default).
func (c *call) rdsSnapshots(xs []*state.DBSnapshot) []*state.DBSnapshot {
	t := c.str("SnapshotType")
	if t == "" {
		return xs
	}
	var out []*state.DBSnapshot
	for _, s := range xs {
		if orDefault(s.Type, "manual") == t {
			out = append(out, s)
		}
	}
	return out
}

func rdsDescribeDBSnapshots(c *call) (*reply, error) {
	xs := c.rdsSnapshots(c.s.idx.dbSnapshots[c.region])
	start, end, next, err := c.rdsPage(len(xs))
	if err != nil {
		return nil, err
	}
	out := &rds.DescribeDBSnapshotsOutput{DBSnapshots: []rdstypes.DBSnapshot{}, Marker: sp(next)}
	for _, s := range xs[start:end] {
		out.DBSnapshots = append(out.DBSnapshots, rdstypes.DBSnapshot{
			DBSnapshotIdentifier: sp(s.ID), DBSnapshotArn: sp(s.ARN), DBInstanceIdentifier: sp(s.SourceID), Engine: sp(s.Engine),
			Encrypted: p(s.Encrypted), KmsKeyId: sp(s.KMSKeyID), SnapshotCreateTime: tp(s.Created), SnapshotType: p(orDefault(s.Type, "manual")),
			SourceRegion: sp(s.SourceRegion), Status: p("available"), TagList: rdsTags(s.Tags),
		})
	}
	return c.queryReply(out), nil
}

func rdsDescribeDBClusterSnapshots(c *call) (*reply, error) {
	xs := c.rdsSnapshots(c.s.idx.dbClusterSnap[c.region])
	start, end, next, err := c.rdsPage(len(xs))
	if err != nil {
		return nil, err
	}
	out := &rds.DescribeDBClusterSnapshotsOutput{DBClusterSnapshots: []rdstypes.DBClusterSnapshot{}, Marker: sp(next)}
	for _, s := range xs[start:end] {
		cs := rdstypes.DBClusterSnapshot{
			DBClusterSnapshotIdentifier: sp(s.ID), DBClusterSnapshotArn: sp(s.ARN), DBClusterIdentifier: sp(s.SourceID), Engine: sp(s.Engine),
			StorageEncrypted: p(s.Encrypted), KmsKeyId: sp(s.KMSKeyID), SnapshotCreateTime: tp(s.Created), SnapshotType: p(orDefault(s.Type, "manual")),
			Status: p("available"), TagList: rdsTags(s.Tags),
		}
		if s.SourceRegion != "" {
			cs.SourceDBClusterSnapshotArn = p(strings.Replace(s.ARN, ":"+s.Region+":", ":"+s.SourceRegion+":", 1))
		}
		out.DBClusterSnapshots = append(out.DBClusterSnapshots, cs)
	}
	return c.queryReply(out), nil
}

func (c *call) rdsSnapshot(list []*state.DBSnapshot, param string) (*state.DBSnapshot, error) {
	id := c.str(param)
	c.resource = id
	for _, s := range list {
		if s.ID == id || s.ARN == id {
			return s, nil
		}
	}
	return nil, errf(404, "DBSnapshotNotFound", "DBSnapshot %s not found.", id)
}

func restoreAttr(s *state.DBSnapshot) []string {
	return append([]string{}, s.SharedWith...)
}

func rdsDescribeDBSnapshotAttributes(c *call) (*reply, error) {
	s, err := c.rdsSnapshot(c.s.idx.dbSnapshots[c.region], "DBSnapshotIdentifier")
	if err != nil {
		return nil, err
	}
	return c.queryReply(&rds.DescribeDBSnapshotAttributesOutput{DBSnapshotAttributesResult: &rdstypes.DBSnapshotAttributesResult{
		DBSnapshotIdentifier: p(s.ID),
		DBSnapshotAttributes: []rdstypes.DBSnapshotAttribute{{AttributeName: p("restore"), AttributeValues: restoreAttr(s)}},
	}}), nil
}

func rdsDescribeDBClusterSnapshotAttributes(c *call) (*reply, error) {
	s, err := c.rdsSnapshot(c.s.idx.dbClusterSnap[c.region], "DBClusterSnapshotIdentifier")
	if err != nil {
		return nil, errf(404, "DBClusterSnapshotNotFoundFault", "DBClusterSnapshot %s not found.", c.str("DBClusterSnapshotIdentifier"))
	}
	return c.queryReply(&rds.DescribeDBClusterSnapshotAttributesOutput{DBClusterSnapshotAttributesResult: &rdstypes.DBClusterSnapshotAttributesResult{
		DBClusterSnapshotIdentifier: p(s.ID),
		DBClusterSnapshotAttributes: []rdstypes.DBClusterSnapshotAttribute{{AttributeName: p("restore"), AttributeValues: restoreAttr(s)}},
	}}), nil
}

func rdsDescribeDBParameterGroups(c *call) (*reply, error) {
	xs := c.s.idx.dbParamGroups[c.region]
	start, end, next, err := c.rdsPage(len(xs))
	if err != nil {
		return nil, err
	}
	out := &rds.DescribeDBParameterGroupsOutput{DBParameterGroups: []rdstypes.DBParameterGroup{}, Marker: sp(next)}
	for _, g := range xs[start:end] {
		out.DBParameterGroups = append(out.DBParameterGroups, rdstypes.DBParameterGroup{DBParameterGroupName: sp(g.Name), DBParameterGroupFamily: sp(g.Family),
			DBParameterGroupArn: sp(g.ARN), Description: p(g.Name)})
	}
	return c.queryReply(out), nil
}

func rdsDescribeDBClusterParameterGroups(c *call) (*reply, error) {
	xs := c.s.idx.dbClusterPGs[c.region]
	start, end, next, err := c.rdsPage(len(xs))
	if err != nil {
		return nil, err
	}
	out := &rds.DescribeDBClusterParameterGroupsOutput{DBClusterParameterGroups: []rdstypes.DBClusterParameterGroup{}, Marker: sp(next)}
	for _, g := range xs[start:end] {
		out.DBClusterParameterGroups = append(out.DBClusterParameterGroups, rdstypes.DBClusterParameterGroup{DBClusterParameterGroupName: sp(g.Name),
			DBParameterGroupFamily: sp(g.Family), DBClusterParameterGroupArn: sp(g.ARN), Description: p(g.Name)})
	}
	return c.queryReply(out), nil
}

// paramsOf lists a group's parameters as user-set, sorted by name. A
// Source filter other than "user" (or none) yields nothing more: the state
// keeps only the values the checks read.
func (c *call) paramsOf(g *state.ParameterGroup) []rdstypes.Parameter {
	out := []rdstypes.Parameter{}
	if src := c.str("Source"); src != "" && src != "user" {
		return out
	}
	for _, k := range sortedKeys(g.Parameters) {
		out = append(out, rdstypes.Parameter{ParameterName: p(k), ParameterValue: p(g.Parameters[k]), Source: p("user"), IsModifiable: p(true),
			ApplyType: p("dynamic"), DataType: p("string")})
	}
	return out
}

func (c *call) paramGroup(list []*state.ParameterGroup, param string) (*state.ParameterGroup, error) {
	name := c.str(param)
	c.resource = name
	for _, g := range list {
		if g.Name == name {
			return g, nil
		}
	}
	return nil, errf(404, "DBParameterGroupNotFound", "DBParameterGroup not found: %s", name)
}

func rdsDescribeDBParameters(c *call) (*reply, error) {
	g, err := c.paramGroup(c.s.idx.dbParamGroups[c.region], "DBParameterGroupName")
	if err != nil {
		return nil, err
	}
	ps := c.paramsOf(g)
	start, end, next, err := c.rdsPage(len(ps))
	if err != nil {
		return nil, err
	}
	return c.queryReply(&rds.DescribeDBParametersOutput{Parameters: ps[start:end], Marker: sp(next)}), nil
}

func rdsDescribeDBClusterParameters(c *call) (*reply, error) {
	g, err := c.paramGroup(c.s.idx.dbClusterPGs[c.region], "DBClusterParameterGroupName")
	if err != nil {
		return nil, err
	}
	ps := c.paramsOf(g)
	start, end, next, err := c.rdsPage(len(ps))
	if err != nil {
		return nil, err
	}
	return c.queryReply(&rds.DescribeDBClusterParametersOutput{Parameters: ps[start:end], Marker: sp(next)}), nil
}

// rdsDescribePendingMaintenanceActions groups the state's actions by resource.
func rdsDescribePendingMaintenanceActions(c *call) (*reply, error) {
	var order []string
	by := map[string][]*state.PendingMaintenance{}
	for _, pm := range c.s.idx.pending[c.region] {
		if _, ok := by[pm.ResourceARN]; !ok {
			order = append(order, pm.ResourceARN)
		}
		by[pm.ResourceARN] = append(by[pm.ResourceARN], pm)
	}
	start, end, next, err := c.rdsPage(len(order))
	if err != nil {
		return nil, err
	}
	out := &rds.DescribePendingMaintenanceActionsOutput{PendingMaintenanceActions: []rdstypes.ResourcePendingMaintenanceActions{}, Marker: sp(next)}
	for _, arn := range order[start:end] {
		r := rdstypes.ResourcePendingMaintenanceActions{ResourceIdentifier: p(arn)}
		for _, pm := range by[arn] {
			r.PendingMaintenanceActionDetails = append(r.PendingMaintenanceActionDetails, rdstypes.PendingMaintenanceAction{
				Action: sp(pm.Action), Description: sp(pm.Description), AutoAppliedAfterDate: pm.AutoAppliedAfter,
				ForcedApplyDate: pm.ForcedApplyDate, CurrentApplyDate: pm.CurrentApplyDate,
			})
		}
		out.PendingMaintenanceActions = append(out.PendingMaintenanceActions, r)
	}
	return c.queryReply(out), nil
}

func rdsDescribeEventSubscriptions(c *call) (*reply, error) {
	xs := c.s.idx.eventSubs[c.region]
	start, end, next, err := c.rdsPage(len(xs))
	if err != nil {
		return nil, err
	}
	out := &rds.DescribeEventSubscriptionsOutput{EventSubscriptionsList: []rdstypes.EventSubscription{}, Marker: sp(next)}
	for _, e := range xs[start:end] {
		status := "active"
		if !e.Enabled {
			status = "inactive"
		}
		out.EventSubscriptionsList = append(out.EventSubscriptionsList, rdstypes.EventSubscription{
			CustSubscriptionId: sp(e.Name), EventSubscriptionArn: sp(e.ARN), SourceType: sp(e.SourceType),
			EventCategoriesList: nilIfEmpty(e.Categories), Enabled: p(e.Enabled), Status: p(status), CustomerAwsId: p(c.s.acct.AccountID),
			SnsTopicArn: p(c.s.acct.ARNPrefix() + "sns:" + c.region + ":" + c.s.acct.AccountID + ":rds-events"),
		})
	}
	return c.queryReply(out), nil
}

// globalClusterMember is the ARN of the region's member of global database
// id, "" when none: the collector reads a global database on behalf of that
// member, and faults name it.
func (c *call) globalClusterMember(id string) string {
	for i := range c.s.acct.RDS.Clusters {
		if d := &c.s.acct.RDS.Clusters[i]; d.GlobalClusterID == id && d.Region == c.region {
			return d.ARN
		}
	}
	return ""
}

// rdsDescribeDBProxies lists the region's RDS Proxies (svc-gaps).
func rdsDescribeDBProxies(c *call) (*reply, error) {
	var xs []*state.DBProxy
	for i := range c.s.acct.RDS.Proxies {
		if x := &c.s.acct.RDS.Proxies[i]; x.Region == c.region {
			xs = append(xs, x)
		}
	}
	start, end, next, err := c.rdsPage(len(xs))
	if err != nil {
		return nil, err
	}
	out := &rds.DescribeDBProxiesOutput{DBProxies: []rdstypes.DBProxy{}, Marker: sp(next)}
	for _, x := range xs[start:end] {
		status := x.Status
		if status == "" {
			status = "available"
		}
		out.DBProxies = append(out.DBProxies, rdstypes.DBProxy{
			DBProxyName: sp(x.Name), DBProxyArn: sp(x.ARN), EngineFamily: sp(x.EngineFamily), Status: rdstypes.DBProxyStatus(status),
			VpcId: sp(x.VPCID), RequireTLS: p(x.RequireTLS), IdleClientTimeout: p(int32(1800)),
			Endpoint: p(x.Name + ".proxy-fake." + c.region + ".rds.amazonaws.com"),
		})
	}
	return c.queryReply(out), nil
}
