package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/elasticache"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// elastiCache reads a region's replication groups and cache clusters with
// the two bulk listings (100 a page); nothing is read per item. Tags come
// from the Tagging API (taggedTypes).
func (c *collector) elastiCache(ctx context.Context, region string) {
	cl := elasticache.NewFromConfig(c.cfg, func(o *elasticache.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("elasticache", region))
	})
	var groups []state.CacheReplicationGroup
	if err := c.do(ctx, "elasticache", "DescribeReplicationGroups", region, "", nil, func(ctx context.Context) error {
		params := elasticache.DescribeReplicationGroupsInput{MaxRecords: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.DescribeReplicationGroups(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, g := range page.ReplicationGroups {
				id := str(g.ReplicationGroupId)
				arn := str(g.ARN)
				if arn == "" {
					arn = c.arn("elasticache", region, c.accountID, "replicationgroup:"+id)
				}
				x := state.CacheReplicationGroup{Meta: meta(arn, region, nil), ID: id, Engine: str(g.Engine),
					TransitEncryption: b(g.TransitEncryptionEnabled), TransitEncryptionMode: string(g.TransitEncryptionMode),
					AtRestEncryption: b(g.AtRestEncryptionEnabled), KMSKeyID: str(g.KmsKeyId),
					AuthTokenEnabled: b(g.AuthTokenEnabled), UserGroupIDs: g.UserGroupIds,
					AutomaticFailover: string(g.AutomaticFailover), MultiAZ: string(g.MultiAZ),
					SnapshotRetentionDays: i32(g.SnapshotRetentionLimit), Members: g.MemberClusters}
				if gi := g.GlobalReplicationGroupInfo; gi != nil {
					x.GlobalGroupID, x.GlobalRole = str(gi.GlobalReplicationGroupId), str(gi.GlobalReplicationGroupMemberRole)
				}
				groups = append(groups, x)
			}
			return page.Marker, nil
		})
	}); err == nil {
		c.rec.Update(func(a *state.Account) {
			a.ElastiCache.ReplicationGroups = append(a.ElastiCache.ReplicationGroups, groups...)
		})
	}
	var clusters []state.CacheCluster
	if err := c.do(ctx, "elasticache", "DescribeCacheClusters", region, "", nil, func(ctx context.Context) error {
		params := elasticache.DescribeCacheClustersInput{MaxRecords: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.DescribeCacheClusters(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, k := range page.CacheClusters {
				id := str(k.CacheClusterId)
				arn := str(k.ARN)
				if arn == "" {
					arn = c.arn("elasticache", region, c.accountID, "cluster:"+id)
				}
				clusters = append(clusters, state.CacheCluster{Meta: meta(arn, region, nil), ID: id,
					Engine: str(k.Engine), EngineVersion: str(k.EngineVersion), ReplicationGroupID: str(k.ReplicationGroupId),
					AutoMinorVersionUpgrade: b(k.AutoMinorVersionUpgrade), SubnetGroup: str(k.CacheSubnetGroupName),
					SnapshotRetentionDays: i32(k.SnapshotRetentionLimit), TransitEncryption: b(k.TransitEncryptionEnabled),
					AtRestEncryption: b(k.AtRestEncryptionEnabled), AuthTokenEnabled: b(k.AuthTokenEnabled)})
			}
			return page.Marker, nil
		})
	}); err == nil {
		c.rec.Update(func(a *state.Account) { a.ElastiCache.Clusters = append(a.ElastiCache.Clusters, clusters...) })
	}
}
