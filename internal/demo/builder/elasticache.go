package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// elastiCache adds Alpenglow's caches: the Frankfurt shop keeps checkout
// sessions in a Redis OSS replication group that is encrypted both ways
// under the data-lake key, authenticates through RBAC, fails over across
// zones, keeps a week of snapshots and lives in private subnets; the
// catalog's Memcached cluster in Ireland sits in the default subnet group
// with plain-text traffic and no minor upgrades; and the marketing
// agency's lead cache in N. Virginia (Redis OSS 6.2, one node) has none
// of it: no encryption, no AUTH, no failover, no snapshots.
func (x *b) elastiCache() {
	fra, dub, iad := "eu-central-1", "eu-west-1", "us-east-1"
	group := func(region, id string, t map[string]string, g state.CacheReplicationGroup) state.CacheReplicationGroup {
		g.Meta, g.ID, g.Engine = state.Meta{ARN: x.arn("elasticache", region, "replicationgroup:"+id), Region: region, Tags: t}, id, "redis"
		return g
	}
	node := func(region, id string, t map[string]string, k state.CacheCluster) state.CacheCluster {
		k.Meta, k.ID = state.Meta{ARN: x.arn("elasticache", region, "cluster:"+id), Region: region, Tags: t}, id
		return k
	}
	shop := tags("owner", "shop", "data-classification", "confidential")
	leads := tags("owner", "marketing", "data-classification", "confidential")
	x.a.ElastiCache.ReplicationGroups = append(x.a.ElastiCache.ReplicationGroups,
		group(fra, "checkout-sessions", shop, state.CacheReplicationGroup{TransitEncryption: true, TransitEncryptionMode: "required",
			AtRestEncryption: true, KMSKeyID: x.datalakeKey(fra), UserGroupIDs: []string{"checkout-users"},
			AutomaticFailover: "enabled", MultiAZ: "enabled", SnapshotRetentionDays: 7,
			Members: []string{"checkout-sessions-001", "checkout-sessions-002"}}),
		group(iad, "marketing-leads", leads, state.CacheReplicationGroup{AutomaticFailover: "disabled", MultiAZ: "disabled",
			Members: []string{"marketing-leads-001"}}),
	)
	redis := func(group string, version string, minor bool, subnets string, secure bool) state.CacheCluster {
		return state.CacheCluster{Engine: "redis", EngineVersion: version, ReplicationGroupID: group, AutoMinorVersionUpgrade: minor,
			SubnetGroup: subnets, TransitEncryption: secure, AtRestEncryption: secure}
	}
	x.a.ElastiCache.Clusters = append(x.a.ElastiCache.Clusters,
		node(fra, "checkout-sessions-001", shop, redis("checkout-sessions", "7.1.0", true, "cache-private", true)),
		node(fra, "checkout-sessions-002", shop, redis("checkout-sessions", "7.1.0", true, "cache-private", true)),
		node(dub, "catalog-cache", tags("owner", "shop"), state.CacheCluster{Engine: "memcached", EngineVersion: "1.6.22", SubnetGroup: "default"}),
		node(iad, "marketing-leads-001", leads, redis("marketing-leads", "6.2.6", false, "default", false)),
	)
}
