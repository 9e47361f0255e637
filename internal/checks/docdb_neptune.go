package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// docdbNeptuneChecks are the customer's duties on Amazon DocumentDB and
// Amazon Neptune clusters. Both are served by the RDS API: their clusters
// and cluster snapshots are the ones DescribeDBClusters and
// DescribeDBClusterSnapshots already return (engine docdb or neptune), so
// nothing is read twice; these checks judge them by engine, with the
// same rules as the RDS cluster checks (snapshot publicity
// DBSnapshot.Public, backup retention the policy's minimum).
func docdbNeptuneChecks() []check.Check {
	return []check.Check{
		engineClusterCheck("docdb_cluster_encrypted", "docdb", clusterEncrypted),
		engineClusterCheck("docdb_cluster_backup_retention", "docdb", clusterBackupRetention),
		engineSnapshotCheck("docdb_cluster_snapshot_not_public", "docdb", clusterSnapshotNotPublic),
		engineClusterCheck("docdb_cluster_audit_logs", "docdb", clusterAuditLogs),
		engineClusterCheck("docdb_cluster_deletion_protection", "docdb", clusterDeletionProtection),
		engineClusterCheck("neptune_cluster_encrypted", "neptune", clusterEncrypted),
		engineClusterCheck("neptune_cluster_audit_logs", "neptune", clusterAuditLogs),
		engineSnapshotCheck("neptune_cluster_snapshot_not_public", "neptune", clusterSnapshotNotPublic),
		engineClusterCheck("neptune_cluster_deletion_protection", "neptune", clusterDeletionProtection),
		engineClusterCheck("neptune_cluster_backup_retention", "neptune", clusterBackupRetention),
		engineSnapshotCheck("neptune_cluster_snapshot_encrypted", "neptune", clusterSnapshotEncrypted),
		engineClusterCheck("neptune_cluster_iam_auth", "neptune", clusterIAMAuth),
		engineClusterCheck("neptune_cluster_copy_tags_to_snapshot", "neptune", clusterCopyTags),
	}
}

// engineClusterCheck judges the DB clusters of one engine (DocumentDB or
// Neptune) from the RDS cluster listing; a region whose listing failed is
// unknown.
func engineClusterCheck(id, engine string, judge func(c state.DBCluster, p *policy.Policy) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			var mine []state.DBCluster
			for _, c := range a.RDS.Clusters {
				if state.EngineService(c.Engine) == engine {
					mine = append(mine, c)
				}
			}
			return eachRegional(a, "rds", []state.Input{state.InputRDSClusters}, mine, func(c state.DBCluster) check.Result { return judge(c, p) })
		},
	}
}

// engineSnapshotCheck judges the manual and automated cluster snapshots of
// one engine.
func engineSnapshotCheck(id, engine string, judge func(a *state.Account, s state.DBSnapshot) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var mine []state.DBSnapshot
			for _, s := range a.RDS.Snapshots {
				if s.Cluster && state.EngineService(s.Engine) == engine {
					mine = append(mine, s)
				}
			}
			return eachRegional(a, "rds", []state.Input{state.InputRDSClusterSnapshots}, mine, func(s state.DBSnapshot) check.Result { return judge(a, s) })
		},
	}
}

func clusterEncrypted(c state.DBCluster, _ *policy.Policy) check.Result {
	if c.StorageEncrypted {
		return check.PassR(c, "cluster %s encrypts its storage with %s", c.ID, orDefault(c.KMSKeyID, "the service's AWS managed key"))
	}
	return check.FailR(c, "cluster %s does not encrypt its storage", c.ID)
}

func clusterBackupRetention(c state.DBCluster, p *policy.Policy) check.Result {
	if min := p.BackupRetentionDays(); c.BackupRetentionDays < min {
		return check.FailR(c, "cluster %s keeps backups for %d day(s), less than %d", c.ID, c.BackupRetentionDays, min)
	}
	return check.PassR(c, "cluster %s keeps backups for %d days", c.ID, c.BackupRetentionDays)
}

func clusterAuditLogs(c state.DBCluster, _ *policy.Policy) check.Result {
	for _, l := range c.EnabledLogs {
		if l == "audit" {
			return check.PassR(c, "cluster %s publishes its audit log to CloudWatch Logs", c.ID)
		}
	}
	return check.FailR(c, "cluster %s does not publish its audit log to CloudWatch Logs", c.ID)
}

func clusterDeletionProtection(c state.DBCluster, _ *policy.Policy) check.Result {
	if c.DeletionProtection {
		return check.PassR(c, "cluster %s has deletion protection", c.ID)
	}
	return check.FailR(c, "cluster %s can be deleted in one call", c.ID)
}

func clusterIAMAuth(c state.DBCluster, _ *policy.Policy) check.Result {
	if c.IAMAuth {
		return check.PassR(c, "cluster %s authenticates with IAM", c.ID)
	}
	return check.FailR(c, "cluster %s does not use IAM database authentication", c.ID)
}

func clusterCopyTags(c state.DBCluster, _ *policy.Policy) check.Result {
	if c.CopyTagsToSnapshot {
		return check.PassR(c, "cluster %s copies its tags to snapshots", c.ID)
	}
	return check.FailR(c, "cluster %s does not copy its tags to snapshots", c.ID)
}

// clusterSnapshotNotPublic is the one rule for a DB or cluster snapshot's
// publicity, of every engine (rds_snapshot_not_public uses it too):
// unread sharing is unknown.
func clusterSnapshotNotPublic(a *state.Account, s state.DBSnapshot) check.Result {
	if g, ok := snapshotAttrsGap(a, s); ok {
		return check.GapR(s, g)
	}
	if s.Public() {
		return check.FailR(s, "snapshot %s can be restored by any AWS account", s.ID)
	}
	return check.PassR(s, "snapshot %s is private", s.ID)
}

func clusterSnapshotEncrypted(_ *state.Account, s state.DBSnapshot) check.Result {
	if s.Encrypted {
		return check.PassR(s, "cluster snapshot %s is encrypted", s.ID)
	}
	return check.FailR(s, "cluster snapshot %s is not encrypted", s.ID)
}
