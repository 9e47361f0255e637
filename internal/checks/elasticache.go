package checks

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// elastiCacheChecks are the customer's duties on ElastiCache: AWS runs
// the nodes, replaces failed ones and patches the engine when asked, but
// encryption, authentication, backups, failover, minor upgrades and the
// network a cache lives in are the customer's settings.
func elastiCacheChecks() []check.Check {
	return []check.Check{
		cacheStoreCheck("elasticache_backups_enabled", true, cacheBackups),
		cacheStoreCheck("elasticache_encrypted_at_rest", true, cacheAtRest),
		cacheStoreCheck("elasticache_encrypted_in_transit", false, cacheInTransit),
		cacheStoreCheck("elasticache_auth_enabled", true, cacheAuth),
		elastiCacheAutomaticFailover(),
		cacheClusterCheck("elasticache_auto_minor_version_upgrade", cacheMinorUpgrades),
		cacheClusterCheck("elasticache_not_default_subnet_group", cacheSubnetGroup),
	}
}

// cacheStore is one ElastiCache data store: a replication group, or a
// cache cluster outside any group. The fields are the group's, or the
// standalone cluster's.
type cacheStore struct {
	state.Resource
	kind, id, engine string
	transit, atRest  bool
	transitMode      string
	auth             bool
	userGroups       []string
	retentionDays    int
}

func (s cacheStore) name() string { return s.kind + " " + s.id }

// cacheStores judges every ElastiCache store: each replication group
// (listed by DescribeReplicationGroups) and each standalone cluster
// (DescribeCacheClusters); redisOnly leaves Memcached clusters out (no
// backups, no encryption at rest, no AUTH). A listing that failed makes
// its region unknown.
func cacheStores(a *state.Account, redisOnly bool, judge func(cacheStore) check.Result) []check.Result {
	out := eachRegional(a, "elasticache", []state.Input{state.InputCacheReplicationGroups}, a.ElastiCache.ReplicationGroups,
		func(g state.CacheReplicationGroup) check.Result {
			return judge(cacheStore{Resource: g, kind: "replication group", id: g.ID, engine: g.Engine, transit: g.TransitEncryption,
				transitMode: g.TransitEncryptionMode, atRest: g.AtRestEncryption, auth: g.AuthTokenEnabled, userGroups: g.UserGroupIDs,
				retentionDays: g.SnapshotRetentionDays})
		})
	var alone []state.CacheCluster
	for _, k := range a.ElastiCache.Clusters {
		if k.Standalone() && (!redisOnly || k.Redis()) {
			alone = append(alone, k)
		}
	}
	return append(out, eachRegional(a, "elasticache", []state.Input{state.InputCacheClusters}, alone,
		func(k state.CacheCluster) check.Result {
			return judge(cacheStore{Resource: k, kind: k.Engine + " cluster", id: k.ID, engine: k.Engine, transit: k.TransitEncryption,
				atRest: k.AtRestEncryption, auth: k.AuthTokenEnabled, retentionDays: k.SnapshotRetentionDays})
		})...)
}

func cacheStoreCheck(id string, redisOnly bool, judge func(cacheStore) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return cacheStores(a, redisOnly, judge)
		},
	}
}

func cacheBackups(s cacheStore) check.Result {
	if s.retentionDays > 0 {
		return check.PassR(s, "%s keeps automatic snapshots for %d days", s.name(), s.retentionDays)
	}
	return check.FailR(s, "%s takes no automatic snapshots (retention 0)", s.name())
}

func cacheAtRest(s cacheStore) check.Result {
	if s.atRest {
		return check.PassR(s, "%s encrypts its disks and snapshots", s.name())
	}
	return check.FailR(s, "%s does not encrypt data at rest (swap, snapshots)", s.name())
}

func cacheInTransit(s cacheStore) check.Result {
	switch {
	case !s.transit:
		return check.FailR(s, "%s accepts only plain-text connections", s.name())
	case strings.EqualFold(s.transitMode, "preferred"):
		return check.FailR(s, "%s accepts TLS but still plain-text connections (transit encryption mode preferred)", s.name())
	}
	return check.PassR(s, "%s requires TLS", s.name())
}

func cacheAuth(s cacheStore) check.Result {
	switch {
	case len(s.userGroups) > 0:
		return check.PassR(s, "%s authenticates users through RBAC user groups (%s)", s.name(), strings.Join(s.userGroups, ", "))
	case s.auth:
		return check.PassR(s, "%s requires an AUTH token", s.name())
	}
	return check.FailR(s, "%s lets any client that reaches it in without AUTH or RBAC", s.name())
}

// elastiCacheAutomaticFailover judges replication groups only: a
// standalone cluster has no replica to fail over to.
func elastiCacheAutomaticFailover() check.Check {
	return check.Check{
		ID: "elasticache_automatic_failover",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "elasticache", []state.Input{state.InputCacheReplicationGroups}, a.ElastiCache.ReplicationGroups,
				func(g state.CacheReplicationGroup) check.Result {
					switch g.AutomaticFailover {
					case "enabled", "enabling":
						return check.PassR(g, "replication group %s fails over automatically (%s)", g.ID, g.AutomaticFailover)
					case "":
						return check.UnknownR(g, "replication group %s's automatic failover was not reported", g.ID)
					}
					return check.FailR(g, "replication group %s does not fail over automatically (%s)", g.ID, g.AutomaticFailover)
				})
		},
	}
}

// cacheClusterCheck judges every cache cluster (node) of every engine.
func cacheClusterCheck(id string, judge func(state.CacheCluster) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "elasticache", []state.Input{state.InputCacheClusters}, a.ElastiCache.Clusters, judge)
		},
	}
}

func cacheMinorUpgrades(k state.CacheCluster) check.Result {
	if k.AutoMinorVersionUpgrade {
		return check.PassR(k, "cache cluster %s takes minor engine upgrades automatically", k.ID)
	}
	return check.FailR(k, "cache cluster %s (%s %s) does not take minor engine upgrades automatically", k.ID, k.Engine, k.EngineVersion)
}

func cacheSubnetGroup(k state.CacheCluster) check.Result {
	switch k.SubnetGroup {
	case "":
		return check.UnknownR(k, "cache cluster %s's subnet group was not reported", k.ID)
	case "default":
		return check.FailR(k, "cache cluster %s uses the default subnet group (the default VPC's subnets)", k.ID)
	}
	return check.PassR(k, "cache cluster %s uses subnet group %s", k.ID, k.SubnetGroup)
}
