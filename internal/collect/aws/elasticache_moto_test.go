package aws

import (
	"context"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/elasticache"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// buildElastiCache creates replication group "sessions" (two nodes) and a
// standalone Memcached cluster "pages" in the region: when secure the
// group encrypts both ways (TLS required), requires an AUTH token, fails
// over automatically, keeps 7 days of snapshots and lives in its own
// subnet group; otherwise none of that.
func buildElastiCache(ctx context.Context, cfg sdk.Config, secure bool, subnet string) {
	c := elasticache.NewFromConfig(cfg)
	in := &elasticache.CreateReplicationGroupInput{ReplicationGroupId: sdk.String("sessions"), ReplicationGroupDescription: sdk.String("web sessions"),
		Engine: sdk.String("redis"), EngineVersion: sdk.String("7.1"), CacheNodeType: sdk.String("cache.t4g.small"), NumCacheClusters: sdk.Int32(2),
		AutoMinorVersionUpgrade: sdk.Bool(secure)}
	if secure {
		must(c.CreateCacheSubnetGroup(ctx, &elasticache.CreateCacheSubnetGroupInput{CacheSubnetGroupName: sdk.String("cache-private"),
			CacheSubnetGroupDescription: sdk.String("private"), SubnetIds: []string{subnet}}))
		in.CacheSubnetGroupName = sdk.String("cache-private")
		in.AtRestEncryptionEnabled, in.TransitEncryptionEnabled = sdk.Bool(true), sdk.Bool(true)
		in.AuthToken = sdk.String("a-long-enough-auth-token-0123456789")
		in.AutomaticFailoverEnabled, in.SnapshotRetentionLimit = sdk.Bool(true), sdk.Int32(7)
	}
	must(c.CreateReplicationGroup(ctx, in))
	must(c.CreateCacheCluster(ctx, &elasticache.CreateCacheClusterInput{CacheClusterId: sdk.String("pages"), Engine: sdk.String("memcached"),
		CacheNodeType: sdk.String("cache.t4g.micro"), NumCacheNodes: sdk.Int32(1), AutoMinorVersionUpgrade: sdk.Bool(secure)}))
}

// TestMotoElastiCache: both listings are read back with what the checks
// judge, in every region.
func TestMotoElastiCache(t *testing.T) {
	_, res := collected(t)
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			g := find(t, "replication group", res.Account.ElastiCache.ReplicationGroups,
				func(x state.CacheReplicationGroup) string { return x.Region + "/" + x.ID }, r+"/sessions")
			eq(t, "arn", g.ARN, "arn:aws:elasticache:"+r+":"+motoAccount+":replicationgroup:sessions")
			eq(t, "at rest", g.AtRestEncryption, secure)
			eq(t, "in transit", g.TransitEncryption, secure)
			eq(t, "auth", g.AuthTokenEnabled, secure)
			eq(t, "failover", g.AutomaticFailover, map[bool]string{true: "enabled", false: "disabled"}[secure])
			eq(t, "retention", g.SnapshotRetentionDays, map[bool]int{true: 7, false: 0}[secure])
			// This moto names one member whatever NumCacheClusters says,
			// and does not list a group's nodes in DescribeCacheClusters
			// (AWS does; the fake's tests cover them).
			if len(g.Members) == 0 {
				t.Errorf("replication group without members: %+v", g)
			}
			m := find(t, "cache cluster", res.Account.ElastiCache.Clusters,
				func(x state.CacheCluster) string { return x.Region + "/" + x.ID }, r+"/pages")
			eq(t, "engine", m.Engine, "memcached")
			eq(t, "standalone", m.Standalone(), true)
			eq(t, "minor upgrades", m.AutoMinorVersionUpgrade, secure)
		})
	}
}
