package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// docdbNeptune adds Alpenglow's DocumentDB and Neptune clusters (read
// through the RDS API like its Aurora clusters): the Frankfurt order
// catalog (DocumentDB) and fraud graph (Neptune) meet every duty; the
// Irish profile store a contractor migrated from MongoDB and the
// recommendations graph prototype meet none, and each left a public,
// unencrypted snapshot behind.
func (x *b) docdbNeptune() {
	fra, dub := "eu-central-1", "eu-west-1"
	good := func(region, id, engine, version string) state.DBCluster {
		return state.DBCluster{Meta: state.Meta{ARN: x.arn("rds", region, "cluster:"+id), Region: region, Tags: tags("owner", "platform", "data-classification", "confidential")},
			ID: id, Engine: engine, EngineVersion: version, StorageEncrypted: true, KMSKeyID: x.datalakeKey(region), BackupRetentionDays: 14,
			DeletionProtection: true, IAMAuth: engine == "neptune", MultiAZ: true, CopyTagsToSnapshot: true, EnabledLogs: []string{"audit"},
			AutoMinorVersionUpgrade: true, Members: []string{id + "-1", id + "-2"}, MasterUsername: "catalog_admin"}
	}
	bad := func(region, id, engine, version string) state.DBCluster {
		return state.DBCluster{Meta: state.Meta{ARN: x.arn("rds", region, "cluster:"+id), Region: region, Tags: tags("owner", "data", "data-classification", "pii")},
			ID: id, Engine: engine, EngineVersion: version, BackupRetentionDays: 1, Members: []string{id + "-1"}, MasterUsername: "admin"}
	}
	snap := func(region, id, source, engine string, secure bool) state.DBSnapshot {
		s := state.DBSnapshot{Meta: state.Meta{ARN: x.arn("rds", region, "cluster-snapshot:"+id), Region: region}, ID: id, Cluster: true,
			SourceID: source, Engine: engine, Encrypted: secure, Created: days(40), Type: "manual"}
		if secure {
			s.KMSKeyID = x.datalakeKey(region)
		} else {
			s.SharedWith = []string{"all"}
		}
		return s
	}
	x.a.RDS.Clusters = append(x.a.RDS.Clusters,
		good(fra, "order-catalog", "docdb", "5.0.0"),
		good(fra, "fraud-graph", "neptune", "1.4.5.1"),
		bad(dub, "profiles-docdb", "docdb", "4.0.0"),
		bad(dub, "recs-graph", "neptune", "1.3.2.1"),
	)
	x.a.RDS.Snapshots = append(x.a.RDS.Snapshots,
		snap(fra, "order-catalog-before-upgrade", "order-catalog", "docdb", true),
		snap(fra, "fraud-graph-before-upgrade", "fraud-graph", "neptune", true),
		snap(dub, "profiles-migration-export", "profiles-docdb", "docdb", false),
		snap(dub, "recs-graph-demo", "recs-graph", "neptune", false),
	)
}
