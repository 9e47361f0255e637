package checks

import "github.com/shoulder-dev/shoulder/internal/state"

// dsEngineCluster adds cluster "graph" of engine in eu-west-1 with every
// duty met (encrypted, 7 days of backups, audit log, deletion
// protection, IAM auth, tags copied), edited by mut.
func dsEngineCluster(engine string, mut func(c *state.DBCluster)) func(*state.Account) {
	return func(a *state.Account) {
		c := state.DBCluster{Meta: state.Meta{ARN: "arn:aws:rds:eu-west-1:" + testAccountID + ":cluster:graph", Region: "eu-west-1"}, ID: "graph",
			Engine: engine, StorageEncrypted: true, BackupRetentionDays: 7, DeletionProtection: true, IAMAuth: true, CopyTagsToSnapshot: true,
			EnabledLogs: []string{"audit"}}
		if mut != nil {
			mut(&c)
		}
		a.RDS.Clusters = append(a.RDS.Clusters, c)
	}
}

const dsEngineSnapARN = "arn:aws:rds:eu-west-1:" + testAccountID + ":cluster-snapshot:graph-manual"

// dsEngineSnapshot adds a private, encrypted manual cluster snapshot of
// engine, edited by mut.
func dsEngineSnapshot(engine string, mut func(s *state.DBSnapshot)) func(*state.Account) {
	return func(a *state.Account) {
		s := state.DBSnapshot{Meta: state.Meta{ARN: dsEngineSnapARN, Region: "eu-west-1"}, ID: "graph-manual", Cluster: true,
			Engine: engine, Encrypted: true, Type: "manual", SourceID: "graph"}
		if mut != nil {
			mut(&s)
		}
		a.RDS.Snapshots = append(a.RDS.Snapshots, s)
	}
}

func docdbNeptuneCases() map[string][]checkCase {
	out := map[string][]checkCase{}
	clusterCases := func(engine, id string, breaks func(*state.DBCluster)) {
		out[id] = []checkCase{
			{name: "met", acct: baseAccount(dsEngineCluster(engine, nil)), want: dsWant(dsP)},
			{name: "not met", acct: baseAccount(dsEngineCluster(engine, breaks)), want: dsWant(dsF)},
			{name: "aurora is not judged", acct: baseAccount(dsEngineCluster("aurora-postgresql", breaks)), want: nil},
			{name: "listing denied", acct: baseAccount(dsEngineCluster(engine, nil), dsGap("rds", "eu-west-1", "DescribeDBClusters", "")), want: dsWant(dsU)},
		}
	}
	for _, engine := range []string{"docdb", "neptune"} {
		clusterCases(engine, engine+"_cluster_encrypted", func(c *state.DBCluster) { c.StorageEncrypted = false })
		clusterCases(engine, engine+"_cluster_backup_retention", func(c *state.DBCluster) { c.BackupRetentionDays = 1 })
		clusterCases(engine, engine+"_cluster_audit_logs", func(c *state.DBCluster) { c.EnabledLogs = []string{"profiler"} })
		clusterCases(engine, engine+"_cluster_deletion_protection", func(c *state.DBCluster) { c.DeletionProtection = false })
		out[engine+"_cluster_snapshot_not_public"] = []checkCase{
			{name: "private", acct: baseAccount(dsEngineSnapshot(engine, nil)), want: dsWant(dsP)},
			{name: "shared with a trusted account", acct: baseAccount(dsEngineSnapshot(engine, func(s *state.DBSnapshot) { s.SharedWith = []string{"444455556666"} })), want: dsWant(dsP)},
			{name: "public", acct: baseAccount(dsEngineSnapshot(engine, func(s *state.DBSnapshot) { s.SharedWith = []string{"all"} })), want: dsWant(dsF), msg: "any AWS account"},
			{name: "mysql snapshot is not judged", acct: baseAccount(dsEngineSnapshot("aurora-mysql", func(s *state.DBSnapshot) { s.SharedWith = []string{"all"} })), want: nil},
			{name: "sharing denied", acct: baseAccount(dsEngineSnapshot(engine, nil), dsGap("rds", "eu-west-1", "DescribeDBClusterSnapshotAttributes", dsEngineSnapARN)), want: dsWant(dsU)},
			{name: "listing denied", acct: baseAccount(dsEngineSnapshot(engine, nil), dsGap("rds", "eu-west-1", "DescribeDBClusterSnapshots", "")), want: dsWant(dsU)},
		}
	}
	clusterCases("neptune", "neptune_cluster_iam_auth", func(c *state.DBCluster) { c.IAMAuth = false })
	clusterCases("neptune", "neptune_cluster_copy_tags_to_snapshot", func(c *state.DBCluster) { c.CopyTagsToSnapshot = false })
	out["neptune_cluster_snapshot_encrypted"] = []checkCase{
		{name: "encrypted", acct: baseAccount(dsEngineSnapshot("neptune", nil)), want: dsWant(dsP)},
		{name: "plain", acct: baseAccount(dsEngineSnapshot("neptune", func(s *state.DBSnapshot) { s.Encrypted = false })), want: dsWant(dsF)},
		{name: "docdb snapshot is not judged", acct: baseAccount(dsEngineSnapshot("docdb", func(s *state.DBSnapshot) { s.Encrypted = false })), want: nil},
		{name: "listing denied", acct: baseAccount(dsEngineSnapshot("neptune", nil), dsGap("rds", "eu-west-1", "DescribeDBClusterSnapshots", "")), want: dsWant(dsU)},
	}
	return out
}
