package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const (
	dsCacheGroupARN = "arn:aws:elasticache:eu-west-1:" + testAccountID + ":replicationgroup:sessions"
	dsCacheNodeARN  = "arn:aws:elasticache:eu-west-1:" + testAccountID + ":cluster:sessions-001"
	dsCacheAloneARN = "arn:aws:elasticache:eu-west-1:" + testAccountID + ":cluster:scratch"
)

// dsCacheGroup adds replication group "sessions" in eu-west-1 with its
// node sessions-001: encrypted both ways (TLS required), RBAC, failover,
// 7 days of snapshots, minor upgrades, its own subnet group; edited by mut.
func dsCacheGroup(mut func(g *state.CacheReplicationGroup, k *state.CacheCluster)) func(*state.Account) {
	return func(a *state.Account) {
		g := state.CacheReplicationGroup{Meta: state.Meta{ARN: dsCacheGroupARN, Region: "eu-west-1"}, ID: "sessions", Engine: "redis",
			TransitEncryption: true, TransitEncryptionMode: "required", AtRestEncryption: true, UserGroupIDs: []string{"app-users"},
			AutomaticFailover: "enabled", MultiAZ: "enabled", SnapshotRetentionDays: 7, Members: []string{"sessions-001"}}
		k := state.CacheCluster{Meta: state.Meta{ARN: dsCacheNodeARN, Region: "eu-west-1"}, ID: "sessions-001", Engine: "redis",
			EngineVersion: "7.1.0", ReplicationGroupID: "sessions", AutoMinorVersionUpgrade: true, SubnetGroup: "app-private",
			SnapshotRetentionDays: 7, TransitEncryption: true, AtRestEncryption: true}
		if mut != nil {
			mut(&g, &k)
		}
		a.ElastiCache.ReplicationGroups = append(a.ElastiCache.ReplicationGroups, g)
		a.ElastiCache.Clusters = append(a.ElastiCache.Clusters, k)
	}
}

// dsCacheAlone adds standalone cluster "scratch" of engine in eu-west-1,
// with nothing turned on, edited by mut.
func dsCacheAlone(engine string, mut func(k *state.CacheCluster)) func(*state.Account) {
	return func(a *state.Account) {
		k := state.CacheCluster{Meta: state.Meta{ARN: dsCacheAloneARN, Region: "eu-west-1"}, ID: "scratch", Engine: engine,
			EngineVersion: "1.6.22", SubnetGroup: "default"}
		if mut != nil {
			mut(&k)
		}
		a.ElastiCache.Clusters = append(a.ElastiCache.Clusters, k)
	}
}

func elastiCacheCases() map[string][]checkCase {
	type mut = func(*state.CacheReplicationGroup, *state.CacheCluster)
	grp := func(name string, m mut, want ...check.Status) checkCase {
		return checkCase{name: name, acct: baseAccount(dsCacheGroup(m)), want: want}
	}
	groupsDenied := checkCase{name: "groups listing denied", acct: baseAccount(dsCacheGroup(nil),
		dsGap("elasticache", "eu-west-1", "DescribeReplicationGroups", "")), want: dsWant(dsU)}
	clustersDenied := checkCase{name: "clusters listing denied", acct: baseAccount(dsCacheGroup(nil),
		dsGap("elasticache", "eu-west-1", "DescribeCacheClusters", "")), want: dsWant(dsU)}
	// A store check: the group passes and the standalone node's listing
	// is unknown.
	storeClustersDenied := checkCase{name: "clusters listing denied", acct: baseAccount(dsCacheGroup(nil),
		dsGap("elasticache", "eu-west-1", "DescribeCacheClusters", "")), want: dsWant(dsP, dsU)}
	storeUnknowns := []checkCase{groupsDenied, storeClustersDenied}
	return map[string][]checkCase{
		"elasticache_backups_enabled": append([]checkCase{
			grp("7 days", nil, dsP),
			grp("retention 0", func(g *state.CacheReplicationGroup, _ *state.CacheCluster) { g.SnapshotRetentionDays = 0 }, dsF),
			{name: "standalone redis without snapshots", acct: baseAccount(dsCacheAlone("redis", nil)), want: dsWant(dsF), msg: "redis cluster scratch"},
			{name: "memcached is not judged", acct: baseAccount(dsCacheAlone("memcached", nil)), want: nil},
		}, storeUnknowns...),
		"elasticache_encrypted_at_rest": append([]checkCase{
			grp("encrypted", nil, dsP),
			grp("plain", func(g *state.CacheReplicationGroup, _ *state.CacheCluster) { g.AtRestEncryption = false }, dsF),
			{name: "standalone valkey", acct: baseAccount(dsCacheAlone("valkey", func(k *state.CacheCluster) { k.AtRestEncryption = true })), want: dsWant(dsP)},
		}, storeUnknowns...),
		"elasticache_encrypted_in_transit": append([]checkCase{
			grp("required", nil, dsP),
			grp("preferred", func(g *state.CacheReplicationGroup, _ *state.CacheCluster) { g.TransitEncryptionMode = "preferred" }, dsF),
			grp("off", func(g *state.CacheReplicationGroup, _ *state.CacheCluster) {
				g.TransitEncryption, g.TransitEncryptionMode = false, ""
			}, dsF),
			{name: "memcached plain", acct: baseAccount(dsCacheAlone("memcached", nil)), want: dsWant(dsF), msg: "plain-text"},
		}, storeUnknowns...),
		"elasticache_auth_enabled": append([]checkCase{
			grp("rbac", nil, dsP),
			grp("auth token", func(g *state.CacheReplicationGroup, _ *state.CacheCluster) {
				g.UserGroupIDs, g.AuthTokenEnabled = nil, true
			}, dsP),
			grp("open", func(g *state.CacheReplicationGroup, _ *state.CacheCluster) { g.UserGroupIDs = nil }, dsF),
		}, storeUnknowns...),
		"elasticache_automatic_failover": {
			grp("enabled", nil, dsP),
			grp("disabled", func(g *state.CacheReplicationGroup, _ *state.CacheCluster) { g.AutomaticFailover = "disabled" }, dsF),
			grp("not reported", func(g *state.CacheReplicationGroup, _ *state.CacheCluster) { g.AutomaticFailover = "" }, dsU),
			groupsDenied,
		},
		"elasticache_auto_minor_version_upgrade": {
			grp("on", nil, dsP),
			grp("off", func(_ *state.CacheReplicationGroup, k *state.CacheCluster) { k.AutoMinorVersionUpgrade = false }, dsF),
			{name: "memcached off", acct: baseAccount(dsCacheAlone("memcached", nil)), want: dsWant(dsF), msg: "memcached 1.6.22"},
			clustersDenied,
		},
		"elasticache_not_default_subnet_group": {
			grp("own group", nil, dsP),
			grp("default", func(_ *state.CacheReplicationGroup, k *state.CacheCluster) { k.SubnetGroup = "default" }, dsF),
			grp("not reported", func(_ *state.CacheReplicationGroup, k *state.CacheCluster) { k.SubnetGroup = "" }, dsU),
			clustersDenied,
		},
	}
}
