package awsfake

import (
	"github.com/aws/aws-sdk-go-v2/service/elasticache"
	ectypes "github.com/aws/aws-sdk-go-v2/service/elasticache/types"
)

// ---- ElastiCache (awsQuery, 2015-02-02) ----

func (s *Server) elastiCacheService() *service {
	return &service{name: "elasticache", proto: protoQuery, xmlns: "http://elasticache.amazonaws.com/doc/2015-02-02/", ops: map[string]handler{
		"DescribeReplicationGroups": ecDescribeReplicationGroups,
		"DescribeCacheClusters":     ecDescribeCacheClusters,
	}}
}

// ecDescribeReplicationGroups pages with MaxRecords (20..100, default 100)
// and Marker, as ElastiCache does.
func ecDescribeReplicationGroups(c *call) (*reply, error) {
	xs := c.s.idx.cacheGroups[c.region]
	start, end, next, err := c.rdsPage(len(xs))
	if err != nil {
		return nil, err
	}
	out := &elasticache.DescribeReplicationGroupsOutput{ReplicationGroups: []ectypes.ReplicationGroup{}, Marker: sp(next)}
	for _, g := range xs[start:end] {
		x := ectypes.ReplicationGroup{ReplicationGroupId: sp(g.ID), ARN: sp(g.ARN), Engine: sp(g.Engine), Status: p("available"),
			TransitEncryptionEnabled: p(g.TransitEncryption), AtRestEncryptionEnabled: p(g.AtRestEncryption), KmsKeyId: sp(g.KMSKeyID),
			AuthTokenEnabled: p(g.AuthTokenEnabled), UserGroupIds: nilIfEmpty(g.UserGroupIDs),
			AutomaticFailover: ectypes.AutomaticFailoverStatus(g.AutomaticFailover), MultiAZ: ectypes.MultiAZStatus(g.MultiAZ),
			SnapshotRetentionLimit: p(int32(g.SnapshotRetentionDays)), MemberClusters: nilIfEmpty(g.Members),
			TransitEncryptionMode: ectypes.TransitEncryptionMode(g.TransitEncryptionMode)}
		if g.GlobalGroupID != "" {
			x.GlobalReplicationGroupInfo = &ectypes.GlobalReplicationGroupInfo{GlobalReplicationGroupId: p(g.GlobalGroupID), GlobalReplicationGroupMemberRole: sp(g.GlobalRole)}
		}
		out.ReplicationGroups = append(out.ReplicationGroups, x)
	}
	return c.queryReply(out), nil
}

func ecDescribeCacheClusters(c *call) (*reply, error) {
	xs := c.s.idx.cacheClusters[c.region]
	start, end, next, err := c.rdsPage(len(xs))
	if err != nil {
		return nil, err
	}
	out := &elasticache.DescribeCacheClustersOutput{CacheClusters: []ectypes.CacheCluster{}, Marker: sp(next)}
	for _, k := range xs[start:end] {
		out.CacheClusters = append(out.CacheClusters, ectypes.CacheCluster{CacheClusterId: sp(k.ID), ARN: sp(k.ARN), Engine: sp(k.Engine),
			EngineVersion: sp(k.EngineVersion), CacheClusterStatus: p("available"), ReplicationGroupId: sp(k.ReplicationGroupID),
			AutoMinorVersionUpgrade: p(k.AutoMinorVersionUpgrade), CacheSubnetGroupName: sp(k.SubnetGroup),
			SnapshotRetentionLimit: p(int32(k.SnapshotRetentionDays)), TransitEncryptionEnabled: p(k.TransitEncryption),
			AtRestEncryptionEnabled: p(k.AtRestEncryption), AuthTokenEnabled: p(k.AuthTokenEnabled)})
	}
	return c.queryReply(out), nil
}
