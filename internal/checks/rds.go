package checks

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// rdsChecks are the customer's duties on RDS and Aurora: encryption at
// rest and in transit, exposure and sharing, backups and resilience,
// authentication, upgrades and logs. AWS patches the engine host; these
// are the settings AWS leaves to the customer.
func rdsChecks() []check.Check {
	return []check.Check{
		rdsInstanceStorageEncrypted(),
		rdsClusterStorageEncrypted(),
		rdsSnapshotEncrypted(),
		rdsSnapshotNotPublic(),
		rdsSnapshotSharedTrusted(),
		rdsInstanceTLSEnforced(),
		rdsClusterTLSEnforced(),
		rdsInstanceCACertificateCurrent(),
		rdsInstanceBackupRetention(),
		rdsClusterBackupRetention(),
		rdsInstanceDeletionProtection(),
		rdsClusterDeletionProtection(),
		rdsInstanceMultiAZ(),
		rdsClusterMultiAZ(),
		rdsInstanceNotPublic(),
		rdsInstanceIAMAuth(),
		rdsClusterIAMAuth(),
		rdsInstanceDefaultAdminUsername(),
		rdsClusterDefaultAdminUsername(),
		rdsInstanceAutoMinorUpgrade(),
		rdsClusterAutoMinorUpgrade(),
		rdsInstanceLogging(),
		rdsClusterLogging(),
		rdsInstanceEnhancedMonitoring(),
		rdsInstanceCopyTagsToSnapshot(),
		rdsClusterCopyTagsToSnapshot(),
		rdsInstanceDefaultPort(),
		rdsEventSubscriptionCritical(),
	}
}

func eachDBInstance(a *state.Account, judge func(d state.DBInstance) check.Result) []check.Result {
	return eachRegional(a, "rds", []state.Input{state.InputRDSInstances}, a.RDS.Instances, judge)
}

func eachDBCluster(a *state.Account, judge func(c state.DBCluster) check.Result) []check.Result {
	return eachRegional(a, "rds", []state.Input{state.InputRDSClusters}, a.RDS.Clusters, judge)
}

// memberNA is the result for a setting that a cluster member inherits.
func memberNA(d state.DBInstance, what string) check.Result {
	return check.NotApplicableR(d, "%s is a member of cluster %s, which holds its %s", d.ID, d.ClusterID, what)
}

// engineFamily reduces an RDS engine name to its family: postgres, mysql,
// mariadb, sqlserver, oracle, db2, aurora-mysql or aurora-postgresql.
func engineFamily(engine string) string {
	e := strings.TrimPrefix(engine, "custom-")
	switch {
	case e == "aurora" || e == "aurora-mysql":
		return "aurora-mysql"
	case e == "aurora-postgresql":
		return "aurora-postgresql"
	case strings.HasPrefix(e, "sqlserver"):
		return "sqlserver"
	case strings.HasPrefix(e, "oracle"):
		return "oracle"
	case strings.HasPrefix(e, "db2"):
		return "db2"
	}
	return e
}

// majorVersion is the leading number of an engine version ("15.7" -> 15).
func majorVersion(v string) int {
	n, _ := strconv.Atoi(strings.SplitN(v, ".", 2)[0])
	return n
}

func rdsInstanceStorageEncrypted() check.Check {
	return check.Check{
		ID:          "rds_instance_storage_encrypted",
		Title:       "RDS DB instances encrypt their storage",
		Description: "Storage encryption covers the instance's data, logs, automated backups, read replicas and snapshots. It can only be chosen at creation.",
		Area:        check.EncryptionAtRest,
		Service:     "rds",
		Severity:    check.High,
		Remediation: check.Remediation{
			Console:   "RDS > Snapshots > take a snapshot > Actions > Copy snapshot > Enable encryption with a KMS key; restore a new instance from the encrypted copy and switch clients over.",
			CLI:       "aws rds create-db-snapshot --db-instance-identifier <DB> --db-snapshot-identifier <DB>-pre-enc\naws rds copy-db-snapshot --source-db-snapshot-identifier <DB>-pre-enc --target-db-snapshot-identifier <DB>-enc --kms-key-id <KEY_ARN>\naws rds restore-db-instance-from-db-snapshot --db-instance-identifier <DB>-new --db-snapshot-identifier <DB>-enc",
			Terraform: "resource \"aws_db_instance\" \"this\" {\n  storage_encrypted = true\n  kms_key_id        = aws_kms_key.rds.arn\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachDBInstance(a, func(d state.DBInstance) check.Result {
				if d.ClusterID != "" {
					return memberNA(d, "storage encryption")
				}
				if d.StorageEncrypted {
					return check.PassR(d, "%s storage is encrypted with %s", d.ID, orDefault(d.KMSKeyID, "the AWS managed key aws/rds"))
				}
				return check.FailR(d, "%s storage is not encrypted", d.ID)
			})
		},
	}
}

// orDefault returns s, or dflt when s is empty.
func orDefault(s, dflt string) string {
	if s == "" {
		return dflt
	}
	return s
}

func rdsClusterStorageEncrypted() check.Check {
	return check.Check{
		ID:          "rds_cluster_storage_encrypted",
		Title:       "RDS and Aurora DB clusters encrypt their storage",
		Description: "Cluster storage encryption covers the cluster volume, its backups and snapshots; it can only be chosen at creation.",
		Area:        check.EncryptionAtRest,
		Service:     "rds",
		Severity:    check.High,
		Remediation: check.Remediation{
			Console:   "RDS > cluster > Actions > Take snapshot; Snapshots > Copy with encryption (or Restore snapshot with Enable encryption and a KMS key) to a new cluster; switch clients over.",
			CLI:       "aws rds create-db-cluster-snapshot --db-cluster-identifier <CLUSTER> --db-cluster-snapshot-identifier <CLUSTER>-pre-enc\naws rds restore-db-cluster-from-snapshot --db-cluster-identifier <CLUSTER>-enc --snapshot-identifier <CLUSTER>-pre-enc --engine <ENGINE> --kms-key-id <KEY_ARN>",
			Terraform: "resource \"aws_rds_cluster\" \"this\" {\n  storage_encrypted = true\n  kms_key_id        = aws_kms_key.rds.arn\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachDBCluster(a, func(c state.DBCluster) check.Result {
				if c.StorageEncrypted {
					return check.PassR(c, "%s storage is encrypted with %s", c.ID, orDefault(c.KMSKeyID, "the AWS managed key aws/rds"))
				}
				return check.FailR(c, "%s storage is not encrypted", c.ID)
			})
		},
	}
}

// snapshotListOps are the listings that fill state.RDS.Snapshots.
var snapshotListOps = []state.Input{state.InputRDSSnapshots, state.InputRDSClusterSnapshots}

func rdsSnapshotEncrypted() check.Check {
	return check.Check{
		ID:          "rds_snapshot_encrypted",
		Title:       "RDS DB and cluster snapshots are encrypted",
		Description: "A snapshot is a full copy of the database; unencrypted, it can be copied or restored in clear by anyone allowed to see it.",
		Area:        check.EncryptionAtRest,
		Service:     "rds",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "RDS > Snapshots > snapshot > Actions > Copy snapshot > Enable encryption, choose a KMS key > Copy; delete the unencrypted original.",
			CLI:       "aws rds copy-db-snapshot --source-db-snapshot-identifier <SNAP> --target-db-snapshot-identifier <SNAP>-enc --kms-key-id <KEY_ARN>\naws rds delete-db-snapshot --db-snapshot-identifier <SNAP>",
			Terraform: "# Snapshots inherit encryption from their source: encrypt the instance or cluster\n# (storage_encrypted = true) and re-take the snapshot.",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "rds", snapshotListOps, a.RDS.Snapshots, func(s state.DBSnapshot) check.Result {
				if s.Encrypted {
					return check.PassR(s, "snapshot %s is encrypted", s.ID)
				}
				return check.FailR(s, "snapshot %s of %s is not encrypted", s.ID, s.SourceID)
			})
		},
	}
}

// snapshotAttrsGap reports a gap hiding a snapshot's restore attribute.
func snapshotAttrsGap(a *state.Account, s state.DBSnapshot) (state.Gap, bool) {
	in := state.InputRDSSnapshotSharing
	if s.Cluster {
		in = state.InputRDSClusterSnapshotSharing
	}
	return a.Gaps.ForInput(in, s.Region, s.ARN)
}

func rdsSnapshotNotPublic() check.Check {
	return check.Check{
		ID:          "rds_snapshot_not_public",
		Title:       "RDS DB and cluster snapshots are not public",
		Description: "A public snapshot can be restored by any AWS account, handing over the whole database.",
		Area:        check.AccessSharing,
		Service:     "rds",
		Severity:    check.Critical,
		Remediation: check.Remediation{
			Console:   "RDS > Snapshots > snapshot > Actions > Share snapshot > DB snapshot visibility: Private > Save.",
			CLI:       "aws rds modify-db-snapshot-attribute --db-snapshot-identifier <SNAP> --attribute-name restore --values-to-remove all\naws rds modify-db-cluster-snapshot-attribute --db-cluster-snapshot-identifier <SNAP> --attribute-name restore --values-to-remove all",
			Terraform: "resource \"aws_db_snapshot\" \"this\" {\n  db_instance_identifier = aws_db_instance.this.identifier\n  db_snapshot_identifier = \"<SNAP>\"\n  shared_accounts        = [] # never [\"all\"]\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "rds", snapshotListOps, a.RDS.Snapshots, func(s state.DBSnapshot) check.Result {
				if g, ok := snapshotAttrsGap(a, s); ok {
					return check.GapR(s, g)
				}
				if s.Public() {
					return check.FailR(s, "snapshot %s can be restored by any AWS account", s.ID)
				}
				return check.PassR(s, "snapshot %s is private", s.ID)
			})
		},
	}
}

func rdsSnapshotSharedTrusted() check.Check {
	return check.Check{
		ID:          "rds_snapshot_shared_trusted",
		Title:       "RDS snapshots are shared only with trusted accounts",
		Description: "Every account a snapshot is shared with can restore the database; sharing must go only to accounts the customer trusts (trusted_accounts in shoulder.yaml).",
		Area:        check.AccessSharing,
		Service:     "rds",
		Severity:    check.High,
		Remediation: check.Remediation{
			Console:   "RDS > Snapshots > snapshot > Actions > Share snapshot > remove the account IDs you do not trust > Save.",
			CLI:       "aws rds modify-db-snapshot-attribute --db-snapshot-identifier <SNAP> --attribute-name restore --values-to-remove <ACCOUNT_ID>",
			Terraform: "resource \"aws_db_snapshot\" \"this\" {\n  db_instance_identifier = aws_db_instance.this.identifier\n  db_snapshot_identifier = \"<SNAP>\"\n  shared_accounts        = [\"<TRUSTED_ACCOUNT_ID>\"]\n}",
		},
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			return eachRegional(a, "rds", snapshotListOps, a.RDS.Snapshots, func(s state.DBSnapshot) check.Result {
				if g, ok := snapshotAttrsGap(a, s); ok {
					return check.GapR(s, g)
				}
				if s.Public() {
					return check.FailR(s, "snapshot %s is public: every AWS account can restore it", s.ID)
				}
				if bad := untrustedAccounts(a, p, s.SharedWith); len(bad) > 0 {
					return check.FailR(s, "snapshot %s is shared with untrusted account(s) %s", s.ID, strings.Join(bad, ", "))
				}
				if len(s.SharedWith) > 0 {
					return check.PassR(s, "snapshot %s is shared only with trusted account(s) %s", s.ID, strings.Join(s.SharedWith, ", "))
				}
				return check.PassR(s, "snapshot %s is not shared", s.ID)
			})
		},
	}
}

// tlsSetting says which parameter enforces TLS for an engine family, which
// values mean "enforced", and whether the engine enforces it by default.
func tlsSetting(family, version string) (param string, on []string, defaultOn, known bool) {
	switch family {
	case "postgres":
		// RDS for PostgreSQL 15 and later ship with rds.force_ssl=1.
		return "rds.force_ssl", []string{"1"}, majorVersion(version) >= 15, true
	case "aurora-postgresql":
		return "rds.force_ssl", []string{"1"}, false, true
	case "sqlserver":
		return "rds.force_ssl", []string{"1"}, false, true
	case "mysql", "mariadb", "aurora-mysql":
		return "require_secure_transport", []string{"1", "ON", "on", "true", "TRUE"}, false, true
	}
	// Oracle and Db2 enforce TLS through option groups and listener
	// settings that shoulder does not collect.
	return "", nil, false, false
}

// tlsVerdict decides TLS enforcement from a parameter group (nil when the
// engine defaults apply). It returns the status and evidence.
func tlsVerdict(family, version, group string, pg *state.ParameterGroup) (check.Status, string) {
	param, on, defOn, _ := tlsSetting(family, version)
	v, set := "", false
	if pg != nil {
		v, set = pg.Parameters[param]
	}
	if !set {
		if defOn {
			return check.Pass, fmt.Sprintf("%s is left at the engine default, which enforces TLS (parameter group %s)", param, group)
		}
		return check.Fail, fmt.Sprintf("%s is not set in parameter group %s: the engine accepts unencrypted connections", param, group)
	}
	for _, o := range on {
		if v == o {
			return check.Pass, fmt.Sprintf("%s=%s in parameter group %s", param, v, group)
		}
	}
	return check.Fail, fmt.Sprintf("%s=%s in parameter group %s: unencrypted connections are accepted", param, v, group)
}

// findParamGroup returns the named parameter group of a region from list;
// cluster selects cluster parameter groups.
func findParamGroup(list []state.ParameterGroup, region, name string, cluster bool) *state.ParameterGroup {
	for i := range list {
		if list[i].Name == name && list[i].Region == region && list[i].Cluster == cluster {
			return &list[i]
		}
	}
	return nil
}

// paramGroupGap reports a gap hiding a parameter group's values.
func paramGroupGap(a *state.Account, service, region, name string, cluster bool) (state.Gap, bool) {
	// The group's listing, then its parameters: a group missing from a
	// failed listing is as unread as one whose parameters failed.
	list, params, kind := state.InputRDSParameterGroups, state.InputRDSParameters, "pg"
	if cluster {
		list, params, kind = state.InputRDSClusterParameterGroups, state.InputRDSClusterParameters, "cluster-pg"
	}
	if service == "redshift" {
		list, params, kind = state.InputRedshiftParameterGroups, state.InputRedshiftParameters, "parametergroup"
	}
	arn := a.ARNPrefix() + service + ":" + region + ":" + a.AccountID + ":" + kind + ":" + name
	return a.Gaps.ForInputs(region, arn, list, params)
}

// tlsResult judges TLS enforcement of an RDS resource through its
// parameter group.
func tlsResult(a *state.Account, r state.Resource, id, engine, version, group string, cluster bool) check.Result {
	family := engineFamily(engine)
	if _, _, _, known := tlsSetting(family, version); !known {
		return check.UnknownR(r, "%s (%s) enforces TLS through option group or listener settings, which are not collected", id, engine)
	}
	region := r.Ref().Region
	if group == "" {
		return check.UnknownR(r, "%s has no parameter group in the state", id)
	}
	if g, ok := paramGroupGap(a, "rds", region, group, cluster); ok {
		return check.GapR(r, g)
	}
	pg := findParamGroup(a.RDS.ParameterGroups, region, group, cluster)
	if pg == nil && !strings.HasPrefix(group, "default.") {
		return check.UnknownR(r, "parameter group %s of %s was not collected", group, id)
	}
	st, msg := tlsVerdict(family, version, group, pg)
	if st == check.Pass {
		return check.PassR(r, "%s: %s", id, msg)
	}
	return check.FailR(r, "%s: %s", id, msg)
}

func rdsInstanceTLSEnforced() check.Check {
	return check.Check{
		ID:          "rds_instance_tls_enforced",
		Title:       "RDS DB instances refuse unencrypted connections",
		Description: "Clients choose whether to use TLS unless the server insists: rds.force_ssl (PostgreSQL, SQL Server) or require_secure_transport (MySQL, MariaDB) must be on in the instance's parameter group.",
		Area:        check.EncryptionInTransit,
		Service:     "rds",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "RDS > Parameter groups > create a custom group for the engine family (default groups cannot be edited) > set rds.force_ssl=1 or require_secure_transport=ON > attach it to the instance (Modify > DB parameter group) and reboot.",
			CLI:       "aws rds create-db-parameter-group --db-parameter-group-name <PG> --db-parameter-group-family <FAMILY> --description 'TLS only'\naws rds modify-db-parameter-group --db-parameter-group-name <PG> --parameters ParameterName=rds.force_ssl,ParameterValue=1,ApplyMethod=pending-reboot\naws rds modify-db-instance --db-instance-identifier <DB> --db-parameter-group-name <PG> --apply-immediately",
			Terraform: "resource \"aws_db_parameter_group\" \"tls\" {\n  family = \"postgres16\"\n  parameter {\n    name         = \"rds.force_ssl\"\n    value        = \"1\"\n    apply_method = \"pending-reboot\"\n  }\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachDBInstance(a, func(d state.DBInstance) check.Result {
				if d.ClusterID != "" && strings.HasPrefix(engineFamily(d.Engine), "aurora") {
					return memberNA(d, "TLS setting (cluster parameter group)")
				}
				group := ""
				if len(d.ParameterGroups) > 0 {
					group = d.ParameterGroups[0]
				}
				return tlsResult(a, d, d.ID, d.Engine, d.EngineVersion, group, false)
			})
		},
	}
}

func rdsClusterTLSEnforced() check.Check {
	return check.Check{
		ID:          "rds_cluster_tls_enforced",
		Title:       "RDS and Aurora DB clusters refuse unencrypted connections",
		Description: "For clusters the TLS switch lives in the cluster parameter group: rds.force_ssl for Aurora PostgreSQL, require_secure_transport for Aurora MySQL.",
		Area:        check.EncryptionInTransit,
		Service:     "rds",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "RDS > Parameter groups > create a DB cluster parameter group > set rds.force_ssl=1 or require_secure_transport=ON > RDS > cluster > Modify > DB cluster parameter group > apply and reboot the writer.",
			CLI:       "aws rds modify-db-cluster-parameter-group --db-cluster-parameter-group-name <PG> --parameters ParameterName=require_secure_transport,ParameterValue=ON,ApplyMethod=immediate\naws rds modify-db-cluster --db-cluster-identifier <CLUSTER> --db-cluster-parameter-group-name <PG> --apply-immediately",
			Terraform: "resource \"aws_rds_cluster_parameter_group\" \"tls\" {\n  family = \"aurora-postgresql16\"\n  parameter {\n    name  = \"rds.force_ssl\"\n    value = \"1\"\n  }\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachDBCluster(a, func(c state.DBCluster) check.Result {
				return tlsResult(a, c, c.ID, c.Engine, c.EngineVersion, c.ParameterGroup, true)
			})
		},
	}
}

// Certificate authorities RDS serves: the current ones (valid to 2061 and
// later) and the retired ones (rds-ca-2019 expired in August 2024).
var (
	currentRDSCAs = map[string]bool{"rds-ca-rsa2048-g1": true, "rds-ca-rsa4096-g1": true, "rds-ca-ecc384-g1": true}
	retiredRDSCAs = map[string]bool{"rds-ca-2019": true, "rds-ca-2015": true, "rds-ca-2010": true}
)

func rdsInstanceCACertificateCurrent() check.Check {
	return check.Check{
		ID:          "rds_instance_ca_certificate_current",
		Title:       "RDS DB instances use a current certificate authority",
		Description: "Clients that verify the server certificate fail, or fall back to not verifying, when the instance presents a certificate from a retired CA.",
		Area:        check.EncryptionInTransit,
		Service:     "rds",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "RDS > instance > Modify > Connectivity > Certificate authority: rds-ca-rsa2048-g1 (or rsa4096/ecc384) > apply; update client trust stores with the new CA bundle first.",
			CLI:       "aws rds modify-db-instance --db-instance-identifier <DB> --ca-certificate-identifier rds-ca-rsa2048-g1 --apply-immediately",
			Terraform: "resource \"aws_db_instance\" \"this\" {\n  ca_cert_identifier = \"rds-ca-rsa2048-g1\"\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachDBInstance(a, func(d state.DBInstance) check.Result {
				switch {
				case d.CACertificate == "":
					return check.UnknownR(d, "%s: certificate authority was not reported", d.ID)
				case currentRDSCAs[d.CACertificate]:
					return check.PassR(d, "%s uses %s", d.ID, d.CACertificate)
				case retiredRDSCAs[d.CACertificate]:
					return check.FailR(d, "%s uses the retired CA %s", d.ID, d.CACertificate)
				default:
					return check.UnknownR(d, "%s uses CA %s, which shoulder does not recognise", d.ID, d.CACertificate)
				}
			})
		},
	}
}

func rdsInstanceBackupRetention() check.Check {
	return check.Check{
		ID:          "rds_instance_backup_retention",
		Title:       "RDS DB instances keep automated backups for at least 7 days (policy)",
		Description: "Automated backups give point-in-time recovery within the retention window; 0 turns them off and 1 day leaves no time to notice a problem.",
		Area:        check.Backup,
		Service:     "rds",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "RDS > instance > Modify > Additional configuration > Backup retention period: 7 days or more > apply.",
			CLI:       "aws rds modify-db-instance --db-instance-identifier <DB> --backup-retention-period 14 --apply-immediately",
			Terraform: "resource \"aws_db_instance\" \"this\" {\n  backup_retention_period = 14\n}",
		},
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			minDays := p.BackupRetentionDays()
			return eachDBInstance(a, func(d state.DBInstance) check.Result {
				switch {
				case d.ClusterID != "":
					return memberNA(d, "backup retention")
				case d.ReadReplicaSource != "" && d.BackupRetentionDays == 0:
					return check.NotApplicableR(d, "%s is a read replica of %s, whose backups cover it", d.ID, d.ReadReplicaSource)
				case d.BackupRetentionDays == 0:
					return check.FailR(d, "%s has automated backups turned off", d.ID)
				case d.BackupRetentionDays < minDays:
					return check.FailR(d, "%s keeps backups for %d day(s), less than %d", d.ID, d.BackupRetentionDays, minDays)
				default:
					return check.PassR(d, "%s keeps backups for %d days", d.ID, d.BackupRetentionDays)
				}
			})
		},
	}
}

func rdsClusterBackupRetention() check.Check {
	return check.Check{
		ID:          "rds_cluster_backup_retention",
		Title:       "RDS and Aurora DB clusters keep automated backups for at least 7 days (policy)",
		Description: "Cluster backups are continuous within the retention window (1 to 35 days); a short window leaves little time to notice corruption or deletion.",
		Area:        check.Backup,
		Service:     "rds",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "RDS > cluster > Modify > Backup > Backup retention period: 7 days or more > apply.",
			CLI:       "aws rds modify-db-cluster --db-cluster-identifier <CLUSTER> --backup-retention-period 14 --apply-immediately",
			Terraform: "resource \"aws_rds_cluster\" \"this\" {\n  backup_retention_period = 14\n}",
		},
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			minDays := p.BackupRetentionDays()
			return eachDBCluster(a, func(c state.DBCluster) check.Result {
				if c.BackupRetentionDays < minDays {
					return check.FailR(c, "%s keeps backups for %d day(s), less than %d", c.ID, c.BackupRetentionDays, minDays)
				}
				return check.PassR(c, "%s keeps backups for %d days", c.ID, c.BackupRetentionDays)
			})
		},
	}
}

func rdsInstanceDeletionProtection() check.Check {
	return check.Check{
		ID:          "rds_instance_deletion_protection",
		Title:       "RDS DB instances have deletion protection",
		Description: "Deletion protection makes a delete call fail until someone deliberately turns it off, guarding against mistakes and careless automation.",
		Area:        check.Backup,
		Service:     "rds",
		Severity:    check.Low,
		Remediation: check.Remediation{
			Console:   "RDS > instance > Modify > Deletion protection: tick Enable deletion protection > apply.",
			CLI:       "aws rds modify-db-instance --db-instance-identifier <DB> --deletion-protection --apply-immediately",
			Terraform: "resource \"aws_db_instance\" \"this\" {\n  deletion_protection = true\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachDBInstance(a, func(d state.DBInstance) check.Result {
				if d.ClusterID != "" && strings.HasPrefix(engineFamily(d.Engine), "aurora") {
					return memberNA(d, "deletion protection")
				}
				if d.DeletionProtection {
					return check.PassR(d, "%s has deletion protection", d.ID)
				}
				return check.FailR(d, "%s can be deleted in one call", d.ID)
			})
		},
	}
}

func rdsClusterDeletionProtection() check.Check {
	return check.Check{
		ID:          "rds_cluster_deletion_protection",
		Title:       "RDS and Aurora DB clusters have deletion protection",
		Description: "Deletion protection makes a delete call fail until someone deliberately turns it off.",
		Area:        check.Backup,
		Service:     "rds",
		Severity:    check.Low,
		Remediation: check.Remediation{
			Console:   "RDS > cluster > Modify > Deletion protection: tick Enable deletion protection > apply.",
			CLI:       "aws rds modify-db-cluster --db-cluster-identifier <CLUSTER> --deletion-protection --apply-immediately",
			Terraform: "resource \"aws_rds_cluster\" \"this\" {\n  deletion_protection = true\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachDBCluster(a, func(c state.DBCluster) check.Result {
				if c.DeletionProtection {
					return check.PassR(c, "%s has deletion protection", c.ID)
				}
				return check.FailR(c, "%s can be deleted in one call", c.ID)
			})
		},
	}
}

func rdsInstanceMultiAZ() check.Check {
	return check.Check{
		ID:          "rds_instance_multi_az",
		Title:       "RDS DB instances run Multi-AZ",
		Description: "A Multi-AZ instance keeps a synchronous standby in another Availability Zone and fails over to it automatically.",
		Area:        check.Backup,
		Service:     "rds",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "RDS > instance > Modify > Availability & durability > Create a standby instance (Multi-AZ) > apply (in the maintenance window to avoid a performance dip).",
			CLI:       "aws rds modify-db-instance --db-instance-identifier <DB> --multi-az",
			Terraform: "resource \"aws_db_instance\" \"this\" {\n  multi_az = true\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachDBInstance(a, func(d state.DBInstance) check.Result {
				if d.ClusterID != "" {
					return memberNA(d, "availability (cluster topology)")
				}
				if d.MultiAZ {
					return check.PassR(d, "%s is Multi-AZ", d.ID)
				}
				return check.FailR(d, "%s runs in a single Availability Zone", d.ID)
			})
		},
	}
}

func rdsClusterMultiAZ() check.Check {
	return check.Check{
		ID:          "rds_cluster_multi_az",
		Title:       "RDS and Aurora DB clusters span several Availability Zones",
		Description: "A cluster whose instances all sit in one Availability Zone has nowhere to fail over to.",
		Area:        check.Backup,
		Service:     "rds",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "RDS > cluster > Actions > Add reader > choose a different Availability Zone.",
			CLI:       "aws rds create-db-instance --db-instance-identifier <CLUSTER>-reader --db-cluster-identifier <CLUSTER> --engine <ENGINE> --db-instance-class <CLASS> --availability-zone <OTHER_AZ>",
			Terraform: "resource \"aws_rds_cluster_instance\" \"reader\" {\n  cluster_identifier = aws_rds_cluster.this.id\n  availability_zone  = \"<OTHER_AZ>\"\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachDBCluster(a, func(c state.DBCluster) check.Result {
				if c.MultiAZ {
					return check.PassR(c, "%s spans several Availability Zones", c.ID)
				}
				return check.FailR(c, "%s runs in a single Availability Zone", c.ID)
			})
		},
	}
}

func rdsInstanceNotPublic() check.Check {
	return check.Check{
		ID:          "rds_instance_not_public",
		Title:       "RDS DB instances are not publicly accessible",
		Description: "A publicly accessible instance gets a DNS name resolving to a public IP; only its security group then stands between the database and the internet.",
		Area:        check.AccessSharing,
		Service:     "rds",
		Severity:    check.Critical,
		Remediation: check.Remediation{
			Console:   "RDS > instance > Modify > Connectivity > Additional configuration > Not publicly accessible > apply. Reach it through a VPN, bastion or SSM port forwarding instead.",
			CLI:       "aws rds modify-db-instance --db-instance-identifier <DB> --no-publicly-accessible --apply-immediately",
			Terraform: "resource \"aws_db_instance\" \"this\" {\n  publicly_accessible = false\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachDBInstance(a, func(d state.DBInstance) check.Result {
				if d.PubliclyAccessible {
					return check.FailR(d, "%s is publicly accessible", d.ID)
				}
				return check.PassR(d, "%s is private", d.ID)
			})
		},
	}
}

// iamAuthSupported reports whether RDS IAM database authentication exists
// for the engine family.
func iamAuthSupported(family string) bool {
	switch family {
	case "postgres", "mysql", "mariadb", "aurora-mysql", "aurora-postgresql":
		return true
	}
	return false
}

func rdsInstanceIAMAuth() check.Check {
	return check.Check{
		ID:          "rds_instance_iam_auth",
		Title:       "RDS DB instances accept IAM database authentication",
		Description: "IAM authentication replaces long-lived database passwords with 15-minute tokens tied to IAM identities, so access is granted and revoked in one place.",
		Area:        check.Identity,
		Service:     "rds",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "RDS > instance > Modify > Database authentication > Password and IAM database authentication > apply; then grant rds_iam (PostgreSQL) or AWSAuthenticationPlugin (MySQL) to database users.",
			CLI:       "aws rds modify-db-instance --db-instance-identifier <DB> --enable-iam-database-authentication --apply-immediately",
			Terraform: "resource \"aws_db_instance\" \"this\" {\n  iam_database_authentication_enabled = true\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachDBInstance(a, func(d state.DBInstance) check.Result {
				switch {
				case d.ClusterID != "" && strings.HasPrefix(engineFamily(d.Engine), "aurora"):
					return memberNA(d, "authentication settings")
				case !iamAuthSupported(engineFamily(d.Engine)):
					return check.NotApplicableR(d, "%s: IAM database authentication is not available for %s", d.ID, d.Engine)
				case d.IAMAuth:
					return check.PassR(d, "%s accepts IAM authentication", d.ID)
				default:
					return check.FailR(d, "%s accepts database passwords only", d.ID)
				}
			})
		},
	}
}

func rdsClusterIAMAuth() check.Check {
	return check.Check{
		ID:          "rds_cluster_iam_auth",
		Title:       "RDS and Aurora DB clusters accept IAM database authentication",
		Description: "IAM authentication replaces long-lived database passwords with short-lived tokens tied to IAM identities.",
		Area:        check.Identity,
		Service:     "rds",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "RDS > cluster > Modify > Database authentication > Password and IAM database authentication > apply.",
			CLI:       "aws rds modify-db-cluster --db-cluster-identifier <CLUSTER> --enable-iam-database-authentication --apply-immediately",
			Terraform: "resource \"aws_rds_cluster\" \"this\" {\n  iam_database_authentication_enabled = true\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachDBCluster(a, func(c state.DBCluster) check.Result {
				switch {
				case !iamAuthSupported(engineFamily(c.Engine)):
					return check.NotApplicableR(c, "%s: IAM database authentication is not available for %s", c.ID, c.Engine)
				case c.IAMAuth:
					return check.PassR(c, "%s accepts IAM authentication", c.ID)
				default:
					return check.FailR(c, "%s accepts database passwords only", c.ID)
				}
			})
		},
	}
}

// defaultAdminNames are master user names that tools and attackers try first.
var defaultAdminNames = map[string]bool{"admin": true, "administrator": true, "root": true, "postgres": true, "sa": true, "master": true, "awsuser": true}

func adminNameResult(r state.Resource, id, user string) check.Result {
	switch {
	case user == "":
		return check.UnknownR(r, "%s: master user name was not reported", id)
	case defaultAdminNames[strings.ToLower(user)]:
		return check.FailR(r, "%s uses the well-known master user name %q", id, user)
	default:
		return check.PassR(r, "%s uses a custom master user name", id)
	}
}

func rdsInstanceDefaultAdminUsername() check.Check {
	return check.Check{
		ID:          "rds_instance_default_admin_username",
		Title:       "RDS DB instances do not use a well-known master user name",
		Description: "With a default name such as admin or postgres, an attacker only has to guess the password.",
		Area:        check.Identity,
		Service:     "rds",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "The master user name cannot be changed: restore a snapshot to a new instance with a custom master user name, or create a new admin user, grant it the rights and disable logins for the default one.",
			CLI:       "aws rds restore-db-instance-from-db-snapshot --db-instance-identifier <DB>-new --db-snapshot-identifier <SNAP>  # then create the new admin in SQL",
			Terraform: "resource \"aws_db_instance\" \"this\" {\n  username = \"alp_<random>\" # not admin, postgres, root, sa\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachDBInstance(a, func(d state.DBInstance) check.Result {
				if d.ClusterID != "" && strings.HasPrefix(engineFamily(d.Engine), "aurora") {
					return memberNA(d, "master user")
				}
				return adminNameResult(d, d.ID, d.MasterUsername)
			})
		},
	}
}

func rdsClusterDefaultAdminUsername() check.Check {
	return check.Check{
		ID:          "rds_cluster_default_admin_username",
		Title:       "RDS and Aurora DB clusters do not use a well-known master user name",
		Description: "With a default name such as admin or postgres, an attacker only has to guess the password.",
		Area:        check.Identity,
		Service:     "rds",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "The master user name cannot be changed: restore the cluster from a snapshot with a custom master user name, or create a new admin user and disable logins for the default one.",
			CLI:       "aws rds restore-db-cluster-from-snapshot --db-cluster-identifier <CLUSTER>-new --snapshot-identifier <SNAP> --engine <ENGINE>",
			Terraform: "resource \"aws_rds_cluster\" \"this\" {\n  master_username = \"alp_<random>\"\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachDBCluster(a, func(c state.DBCluster) check.Result {
				return adminNameResult(c, c.ID, c.MasterUsername)
			})
		},
	}
}

func rdsInstanceAutoMinorUpgrade() check.Check {
	return check.Check{
		ID:          "rds_instance_auto_minor_upgrade",
		Title:       "RDS DB instances take minor engine upgrades automatically",
		Description: "AWS patches the host, but applying engine minor versions (which carry security fixes) is the customer's choice; auto minor version upgrade applies them in the maintenance window.",
		Area:        check.Patching,
		Service:     "rds",
		Severity:    check.High,
		Remediation: check.Remediation{
			Console:   "RDS > instance > Modify > Maintenance > Auto minor version upgrade: Enable > apply.",
			CLI:       "aws rds modify-db-instance --db-instance-identifier <DB> --auto-minor-version-upgrade --apply-immediately",
			Terraform: "resource \"aws_db_instance\" \"this\" {\n  auto_minor_version_upgrade = true\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachDBInstance(a, func(d state.DBInstance) check.Result {
				if d.AutoMinorVersionUpgrade {
					return check.PassR(d, "%s upgrades minor versions automatically", d.ID)
				}
				return check.FailR(d, "%s (%s %s) does not take minor upgrades automatically", d.ID, d.Engine, d.EngineVersion)
			})
		},
	}
}

func rdsClusterAutoMinorUpgrade() check.Check {
	return check.Check{
		ID:          "rds_cluster_auto_minor_upgrade",
		Title:       "RDS and Aurora DB clusters take minor engine upgrades automatically",
		Description: "Minor versions carry security fixes; with auto minor version upgrade the cluster takes them in its maintenance window.",
		Area:        check.Patching,
		Service:     "rds",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "RDS > cluster > Modify > Maintenance > Auto minor version upgrade: Enable > apply.",
			CLI:       "aws rds modify-db-cluster --db-cluster-identifier <CLUSTER> --auto-minor-version-upgrade --apply-immediately",
			Terraform: "resource \"aws_rds_cluster_instance\" \"this\" {\n  auto_minor_version_upgrade = true\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachDBCluster(a, func(c state.DBCluster) check.Result {
				if c.AutoMinorVersionUpgrade {
					return check.PassR(c, "%s upgrades minor versions automatically", c.ID)
				}
				return check.FailR(c, "%s (%s %s) does not take minor upgrades automatically", c.ID, c.Engine, c.EngineVersion)
			})
		},
	}
}

// requiredLogs lists, per engine family, the log exports that record
// database activity; nil means any export will do.
func requiredLogs(family string) []string {
	switch family {
	case "postgres", "aurora-postgresql":
		return []string{"postgresql"}
	case "mysql", "mariadb", "aurora-mysql":
		return []string{"audit", "error"}
	case "sqlserver":
		return []string{"error"}
	case "oracle":
		return []string{"audit", "alert"}
	}
	return nil
}

func logsResult(r state.Resource, id, engine string, enabled []string) check.Result {
	req := requiredLogs(engineFamily(engine))
	if req == nil {
		if len(enabled) > 0 {
			return check.PassR(r, "%s exports %s to CloudWatch Logs", id, strings.Join(enabled, ", "))
		}
		return check.FailR(r, "%s exports no logs to CloudWatch Logs", id)
	}
	have := map[string]bool{}
	for _, l := range enabled {
		have[l] = true
	}
	var missing []string
	for _, l := range req {
		if !have[l] {
			missing = append(missing, l)
		}
	}
	if len(missing) > 0 {
		return check.FailR(r, "%s (%s) does not export %s logs to CloudWatch Logs", id, engine, strings.Join(missing, ", "))
	}
	return check.PassR(r, "%s exports %s to CloudWatch Logs", id, strings.Join(enabled, ", "))
}

func rdsInstanceLogging() check.Check {
	return check.Check{
		ID:          "rds_instance_logging",
		Title:       "RDS DB instances export their activity logs to CloudWatch Logs",
		Description: "Engine logs (postgresql; audit and error for MySQL and MariaDB; error for SQL Server; audit and alert for Oracle) kept in CloudWatch Logs outlive the instance and can be alarmed on.",
		Area:        check.Logging,
		Service:     "rds",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "RDS > instance > Modify > Log exports > tick the engine's logs (for MySQL/MariaDB audit logs also add the MARIADB_AUDIT_PLUGIN option) > apply.",
			CLI:       "aws rds modify-db-instance --db-instance-identifier <DB> --cloudwatch-logs-export-configuration '{\"EnableLogTypes\":[\"postgresql\"]}' --apply-immediately",
			Terraform: "resource \"aws_db_instance\" \"this\" {\n  enabled_cloudwatch_logs_exports = [\"postgresql\", \"upgrade\"]\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachDBInstance(a, func(d state.DBInstance) check.Result {
				if d.ClusterID != "" && strings.HasPrefix(engineFamily(d.Engine), "aurora") {
					return memberNA(d, "log exports")
				}
				return logsResult(d, d.ID, d.Engine, d.EnabledLogs)
			})
		},
	}
}

func rdsClusterLogging() check.Check {
	return check.Check{
		ID:          "rds_cluster_logging",
		Title:       "RDS and Aurora DB clusters export their activity logs to CloudWatch Logs",
		Description: "Aurora PostgreSQL should export postgresql logs, Aurora MySQL audit and error logs (with server_audit_logging on in the cluster parameter group).",
		Area:        check.Logging,
		Service:     "rds",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "RDS > cluster > Modify > Log exports > tick the engine's logs > apply.",
			CLI:       "aws rds modify-db-cluster --db-cluster-identifier <CLUSTER> --cloudwatch-logs-export-configuration '{\"EnableLogTypes\":[\"audit\",\"error\"]}' --apply-immediately",
			Terraform: "resource \"aws_rds_cluster\" \"this\" {\n  enabled_cloudwatch_logs_exports = [\"audit\", \"error\"]\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachDBCluster(a, func(c state.DBCluster) check.Result {
				return logsResult(c, c.ID, c.Engine, c.EnabledLogs)
			})
		},
	}
}

func rdsInstanceEnhancedMonitoring() check.Check {
	return check.Check{
		ID:          "rds_instance_enhanced_monitoring",
		Title:       "RDS DB instances have Enhanced Monitoring",
		Description: "Enhanced Monitoring reports operating-system metrics of the instance every few seconds: what is happening when the database misbehaves.",
		Area:        check.Logging,
		Service:     "rds",
		Severity:    check.Low,
		Remediation: check.Remediation{
			Console:   "RDS > instance > Modify > Monitoring > Enable Enhanced monitoring, granularity 60 seconds or less, monitoring role > apply.",
			CLI:       "aws rds modify-db-instance --db-instance-identifier <DB> --monitoring-interval 60 --monitoring-role-arn <ROLE_ARN> --apply-immediately",
			Terraform: "resource \"aws_db_instance\" \"this\" {\n  monitoring_interval = 60\n  monitoring_role_arn = aws_iam_role.rds_monitoring.arn\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachDBInstance(a, func(d state.DBInstance) check.Result {
				if d.EnhancedMonitoring {
					return check.PassR(d, "%s has Enhanced Monitoring", d.ID)
				}
				return check.FailR(d, "%s has no Enhanced Monitoring", d.ID)
			})
		},
	}
}

func rdsInstanceCopyTagsToSnapshot() check.Check {
	return check.Check{
		ID:          "rds_instance_copy_tags_to_snapshot",
		Title:       "RDS DB instances copy their tags to snapshots",
		Description: "Snapshots that inherit the instance's tags keep its data classification, so sensitivity-driven duties (encryption, sharing, custody) follow the data into its copies.",
		Area:        check.Backup,
		Service:     "rds",
		Severity:    check.Low,
		Remediation: check.Remediation{
			Console:   "RDS > instance > Modify > Backup > tick Copy tags to snapshots > apply.",
			CLI:       "aws rds modify-db-instance --db-instance-identifier <DB> --copy-tags-to-snapshot --apply-immediately",
			Terraform: "resource \"aws_db_instance\" \"this\" {\n  copy_tags_to_snapshot = true\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachDBInstance(a, func(d state.DBInstance) check.Result {
				if d.ClusterID != "" && strings.HasPrefix(engineFamily(d.Engine), "aurora") {
					return memberNA(d, "snapshot tagging")
				}
				if d.CopyTagsToSnapshot {
					return check.PassR(d, "%s copies its tags to snapshots", d.ID)
				}
				return check.FailR(d, "%s does not copy its tags (and classification) to snapshots", d.ID)
			})
		},
	}
}

func rdsClusterCopyTagsToSnapshot() check.Check {
	return check.Check{
		ID:          "rds_cluster_copy_tags_to_snapshot",
		Title:       "RDS and Aurora DB clusters copy their tags to snapshots",
		Description: "Snapshots that inherit the cluster's tags keep its data classification.",
		Area:        check.Backup,
		Service:     "rds",
		Severity:    check.Low,
		Remediation: check.Remediation{
			Console:   "RDS > cluster > Modify > Backup > tick Copy tags to snapshots > apply.",
			CLI:       "aws rds modify-db-cluster --db-cluster-identifier <CLUSTER> --copy-tags-to-snapshot --apply-immediately",
			Terraform: "resource \"aws_rds_cluster\" \"this\" {\n  copy_tags_to_snapshot = true\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachDBCluster(a, func(c state.DBCluster) check.Result {
				if c.CopyTagsToSnapshot {
					return check.PassR(c, "%s copies its tags to snapshots", c.ID)
				}
				return check.FailR(c, "%s does not copy its tags (and classification) to snapshots", c.ID)
			})
		},
	}
}

// defaultPorts are the engines' well-known ports.
var defaultPorts = map[string]int{"postgres": 5432, "aurora-postgresql": 5432, "mysql": 3306, "mariadb": 3306, "aurora-mysql": 3306, "oracle": 1521, "sqlserver": 1433, "db2": 50000}

func rdsInstanceDefaultPort() check.Check {
	return check.Check{
		ID:          "rds_instance_default_port",
		Title:       "RDS DB instances do not listen on their engine's default port",
		Description: "A non-default port does not replace firewalling, but it takes the instance out of the cheapest internet-wide scans for that engine.",
		Area:        check.Network,
		Service:     "rds",
		Severity:    check.Low,
		Remediation: check.Remediation{
			Console:   "RDS > instance > Modify > Connectivity > Additional configuration > Database port: a non-default value > apply; update clients and security groups.",
			CLI:       "aws rds modify-db-instance --db-instance-identifier <DB> --db-port-number <PORT> --apply-immediately",
			Terraform: "resource \"aws_db_instance\" \"this\" {\n  port = 15432\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachDBInstance(a, func(d state.DBInstance) check.Result {
				def, known := defaultPorts[engineFamily(d.Engine)]
				switch {
				case d.ClusterID != "" && strings.HasPrefix(engineFamily(d.Engine), "aurora"):
					return memberNA(d, "port")
				case d.Port == 0:
					return check.UnknownR(d, "%s: port was not reported", d.ID)
				case !known:
					return check.NotApplicableR(d, "%s: no default port known for %s", d.ID, d.Engine)
				case d.Port == def:
					return check.FailR(d, "%s listens on %s's default port %d", d.ID, d.Engine, d.Port)
				default:
					return check.PassR(d, "%s listens on port %d", d.ID, d.Port)
				}
			})
		},
	}
}

// criticalEvents are the event categories a subscription must carry per
// source type (an empty category list in a subscription means all).
var criticalEvents = []struct {
	sourceType string
	categories []string
}{
	{"db-instance", []string{"maintenance", "configuration change", "failure"}},
	{"db-cluster", []string{"maintenance", "failure"}},
	{"db-parameter-group", []string{"maintenance", "configuration change"}},
}

func rdsEventSubscriptionCritical() check.Check {
	return check.Check{
		ID:          "rds_event_subscription_critical",
		Title:       "RDS event subscriptions report critical instance, cluster and parameter group events",
		Description: "Failures, maintenance and configuration changes of databases should reach a person: an enabled event subscription per source type in use, per region.",
		Area:        check.Logging,
		Service:     "rds",
		Severity:    check.Low,
		Remediation: check.Remediation{
			Console:   "RDS > Event subscriptions > Create: target an SNS topic, source type DB instances (and DB clusters, parameter groups), all instances, categories failure, maintenance, configuration change.",
			CLI:       "aws rds create-event-subscription --subscription-name critical-db-instance --sns-topic-arn <TOPIC_ARN> --source-type db-instance --event-categories failure maintenance 'configuration change'",
			Terraform: "resource \"aws_db_event_subscription\" \"instances\" {\n  name             = \"critical-db-instance\"\n  sns_topic        = aws_sns_topic.db_events.arn\n  source_type      = \"db-instance\"\n  event_categories = [\"failure\", \"maintenance\", \"configuration change\"]\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var out []check.Result
			for _, r := range a.ScannedRegions() {
				ref := regionRef(a, "rds", r)
				// The parameter group listings decide whether db-parameter-group
				// events are required: without them a pass would be unproven.
				if g, ok := a.Gaps.ForInputs(r, "", state.InputRDSInstances, state.InputRDSClusters, state.InputRDSParameterGroups, state.InputRDSClusterParameterGroups); ok {
					out = append(out, check.GapR(ref, g))
					continue
				}
				inUse := map[string]bool{}
				for _, d := range a.RDS.Instances {
					if d.Region == r {
						inUse["db-instance"] = true
					}
				}
				for _, c := range a.RDS.Clusters {
					if c.Region == r {
						inUse["db-cluster"] = true
					}
				}
				for _, pg := range a.RDS.ParameterGroups {
					if pg.Region == r && !strings.HasPrefix(pg.Name, "default.") {
						inUse["db-parameter-group"] = true
					}
				}
				if len(inUse) == 0 {
					continue // no databases in the region: nothing to hear about
				}
				if g, ok := a.Gaps.ForInput(state.InputRDSEventSubscriptions, r, ""); ok {
					out = append(out, check.GapR(ref, g))
					continue
				}
				var missing []string
				for _, ce := range criticalEvents {
					if !inUse[ce.sourceType] {
						continue
					}
					if !subscribed(a.RDS.EventSubscriptions, r, ce.sourceType, ce.categories) {
						missing = append(missing, fmt.Sprintf("%s (%s)", ce.sourceType, strings.Join(ce.categories, ", ")))
					}
				}
				sort.Strings(missing)
				if len(missing) > 0 {
					out = append(out, check.FailR(ref, "no enabled event subscription in %s for %s", r, strings.Join(missing, "; ")))
				} else {
					out = append(out, check.PassR(ref, "event subscriptions in %s cover the critical events of the databases there", r))
				}
			}
			return out
		},
	}
}

// subscribed reports whether enabled subscriptions of a region together
// cover the categories for a source type.
func subscribed(subs []state.EventSubscription, region, sourceType string, categories []string) bool {
	covered := map[string]bool{}
	for _, s := range subs {
		if s.Region != region || !s.Enabled || (s.SourceType != "" && s.SourceType != sourceType) {
			continue
		}
		if len(s.Categories) == 0 {
			return true
		}
		for _, c := range s.Categories {
			covered[c] = true
		}
	}
	for _, c := range categories {
		if !covered[c] {
			return false
		}
	}
	return true
}
