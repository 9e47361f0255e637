package synth

import (
	"fmt"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// elastiCache generates region r's ElastiCache replication groups (one
// to three nodes each) and standalone Memcached clusters, every field the
// collectors read drawn at random.
func (g *gen) elastiCache(r string) {
	for k := count(g.n, "cachegroup") / len(g.regions); k >= 0; k-- {
		if k == 0 && !g.coin() {
			break // about half the regions of a small account run none
		}
		id := g.id("cache-")
		grp := state.CacheReplicationGroup{Meta: state.Meta{ARN: g.arn("elasticache", r, "replicationgroup:"+id), Region: r, Tags: g.tags()},
			ID: id, Engine: g.pick("redis", "valkey"), TransitEncryption: g.chance(60), AtRestEncryption: g.chance(70),
			AutomaticFailover: g.pick("enabled", "disabled"), MultiAZ: g.pick("enabled", "disabled"), SnapshotRetentionDays: g.pick2(0, 1, 7, 35)}
		if grp.TransitEncryption {
			grp.TransitEncryptionMode = g.pick("required", "preferred")
		}
		if grp.AtRestEncryption && g.coin() {
			grp.KMSKeyID = g.arn("kms", r, "key/"+g.id(""))
		}
		switch g.rng.IntN(3) {
		case 0:
			grp.AuthTokenEnabled = true
		case 1:
			grp.UserGroupIDs = []string{g.id("ug-")}
		}
		version, minor, subnets := g.pick("6.2.6", "7.0.7", "7.1.0"), g.chance(80), g.pick("default", "cache-private", "cache-app")
		for n := 1 + g.rng.IntN(3); n > 0; n-- {
			node := fmt.Sprintf("%s-%03d", id, len(grp.Members)+1)
			grp.Members = append(grp.Members, node)
			g.a.ElastiCache.Clusters = append(g.a.ElastiCache.Clusters, state.CacheCluster{
				Meta: state.Meta{ARN: g.arn("elasticache", r, "cluster:"+node), Region: r, Tags: grp.Tags}, ID: node,
				Engine: grp.Engine, EngineVersion: version, ReplicationGroupID: id, AutoMinorVersionUpgrade: minor, SubnetGroup: subnets,
				SnapshotRetentionDays: grp.SnapshotRetentionDays, TransitEncryption: grp.TransitEncryption, AtRestEncryption: grp.AtRestEncryption,
				AuthTokenEnabled: grp.AuthTokenEnabled})
		}
		g.a.ElastiCache.ReplicationGroups = append(g.a.ElastiCache.ReplicationGroups, grp)
	}
	for k := count(g.n, "memcached") / len(g.regions); k > 0; k-- {
		id := g.id("mc-")
		g.a.ElastiCache.Clusters = append(g.a.ElastiCache.Clusters, state.CacheCluster{
			Meta: state.Meta{ARN: g.arn("elasticache", r, "cluster:"+id), Region: r, Tags: g.tags()}, ID: id, Engine: "memcached",
			EngineVersion: g.pick("1.6.17", "1.6.22"), AutoMinorVersionUpgrade: g.chance(80), SubnetGroup: g.pick("default", "cache-private"),
			TransitEncryption: g.chance(30)})
	}
}
