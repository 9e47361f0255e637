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
		ID: "rds_instance_storage_encrypted",
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
		ID: "rds_cluster_storage_encrypted",
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
		ID: "rds_snapshot_encrypted",
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
		ID: "rds_snapshot_not_public",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "rds", snapshotListOps, a.RDS.Snapshots, func(s state.DBSnapshot) check.Result {
				return clusterSnapshotNotPublic(a, s)
			})
		},
	}
}

func rdsSnapshotSharedTrusted() check.Check {
	return check.Check{
		ID: "rds_snapshot_shared_trusted",
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
		ID: "rds_instance_tls_enforced",
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
		ID: "rds_cluster_tls_enforced",
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
		ID: "rds_instance_ca_certificate_current",
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
		ID: "rds_instance_backup_retention",
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
		ID: "rds_cluster_backup_retention",
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
		ID: "rds_instance_deletion_protection",
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
		ID: "rds_cluster_deletion_protection",
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
		ID: "rds_instance_multi_az",
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
		ID: "rds_cluster_multi_az",
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
		ID: "rds_instance_not_public",
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
		ID: "rds_instance_iam_auth",
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
		ID: "rds_cluster_iam_auth",
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
		ID: "rds_instance_default_admin_username",
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
		ID: "rds_cluster_default_admin_username",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachDBCluster(a, func(c state.DBCluster) check.Result {
				return adminNameResult(c, c.ID, c.MasterUsername)
			})
		},
	}
}

func rdsInstanceAutoMinorUpgrade() check.Check {
	return check.Check{
		ID: "rds_instance_auto_minor_upgrade",
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
		ID: "rds_cluster_auto_minor_upgrade",
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
		ID: "rds_instance_logging",
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
		ID: "rds_cluster_logging",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachDBCluster(a, func(c state.DBCluster) check.Result {
				return logsResult(c, c.ID, c.Engine, c.EnabledLogs)
			})
		},
	}
}

func rdsInstanceEnhancedMonitoring() check.Check {
	return check.Check{
		ID: "rds_instance_enhanced_monitoring",
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
		ID: "rds_instance_copy_tags_to_snapshot",
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
		ID: "rds_cluster_copy_tags_to_snapshot",
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
		ID: "rds_instance_default_port",
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
		ID: "rds_event_subscription_critical",
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
