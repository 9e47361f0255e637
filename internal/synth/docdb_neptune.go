package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// docdbNeptune generates region r's DocumentDB and Neptune clusters (the
// RDS API lists them with the Aurora ones), every field their checks read
// drawn at random. No snapshots: the RDS snapshot mix stays as it was.
func (g *gen) docdbNeptune(r string) {
	for _, e := range []struct{ kind, engine, version string }{{"docdb", "docdb", "5.0.0"}, {"neptune", "neptune", "1.3.2.1"}} {
		for k := count(g.n, e.kind) / len(g.regions); k > 0; k-- {
			id := g.id(e.kind + "-")
			c := state.DBCluster{Meta: state.Meta{ARN: g.arn("rds", r, "cluster:"+id), Region: r, Tags: g.tags()}, ID: id, Engine: e.engine,
				EngineVersion: e.version, StorageEncrypted: g.chance(80), BackupRetentionDays: g.pick2(1, 7, 14, 35), DeletionProtection: g.coin(),
				IAMAuth: g.coin(), MultiAZ: g.coin(), AutoMinorVersionUpgrade: g.coin(), CopyTagsToSnapshot: g.coin(), MasterUsername: "admin"}
			if g.chance(60) {
				c.EnabledLogs = []string{"audit"}
			}
			if c.StorageEncrypted && g.coin() {
				c.KMSKeyID = g.arn("kms", r, "key/"+g.id(""))
			}
			g.a.RDS.Clusters = append(g.a.RDS.Clusters, c)
		}
	}
}
