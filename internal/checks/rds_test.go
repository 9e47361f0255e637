package checks

import (
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func dsRDSARN(kind, id string) string {
	return "arn:aws:rds:eu-west-1:" + testAccountID + ":" + kind + ":" + id
}

// dsDB adds a well-configured PostgreSQL 16 instance "db1" in eu-west-1, edited by mut.
func dsDB(mut func(d *state.DBInstance)) func(*state.Account) {
	return func(a *state.Account) {
		d := state.DBInstance{Meta: state.Meta{ARN: dsRDSARN("db", "db1"), Region: "eu-west-1"}, ID: "db1", Engine: "postgres", EngineVersion: "16.4",
			StorageEncrypted: true, KMSKeyID: dsKeyARN, BackupRetentionDays: 14, MultiAZ: true, DeletionProtection: true, AutoMinorVersionUpgrade: true,
			IAMAuth: true, ParameterGroups: []string{"secure"}, Port: 15432, EnabledLogs: []string{"postgresql"}, EnhancedMonitoring: true,
			CopyTagsToSnapshot: true, MasterUsername: "alp_master", CACertificate: "rds-ca-rsa2048-g1"}
		if mut != nil {
			mut(&d)
		}
		a.RDS.Instances = append(a.RDS.Instances, d)
	}
}

// dsCluster adds a well-configured Aurora PostgreSQL cluster "c1" in eu-west-1, edited by mut.
func dsCluster(mut func(c *state.DBCluster)) func(*state.Account) {
	return func(a *state.Account) {
		c := state.DBCluster{Meta: state.Meta{ARN: dsRDSARN("cluster", "c1"), Region: "eu-west-1"}, ID: "c1", Engine: "aurora-postgresql", EngineVersion: "16.2",
			StorageEncrypted: true, KMSKeyID: dsKeyARN, BackupRetentionDays: 7, DeletionProtection: true, IAMAuth: true, MultiAZ: true,
			ParameterGroup: "secure-cluster", EnabledLogs: []string{"postgresql"}, AutoMinorVersionUpgrade: true, CopyTagsToSnapshot: true, MasterUsername: "alp_master"}
		if mut != nil {
			mut(&c)
		}
		a.RDS.Clusters = append(a.RDS.Clusters, c)
	}
}

// dsMember is an Aurora member instance of cluster c1.
func dsMember(d *state.DBInstance) {
	d.ClusterID, d.Engine = "c1", "aurora-postgresql"
}

func dsDBSnap(mut func(s *state.DBSnapshot)) func(*state.Account) {
	return func(a *state.Account) {
		s := state.DBSnapshot{Meta: state.Meta{ARN: dsRDSARN("snapshot", "s1"), Region: "eu-west-1"}, ID: "s1", SourceID: "db1", Encrypted: true}
		if mut != nil {
			mut(&s)
		}
		a.RDS.Snapshots = append(a.RDS.Snapshots, s)
	}
}

func dsParamGroup(name string, cluster bool, params map[string]string) func(*state.Account) {
	return func(a *state.Account) {
		kind := "pg"
		if cluster {
			kind = "cluster-pg"
		}
		a.RDS.ParameterGroups = append(a.RDS.ParameterGroups, state.ParameterGroup{Meta: state.Meta{ARN: dsRDSARN(kind, name), Region: "eu-west-1"}, Name: name, Cluster: cluster, Parameters: params})
	}
}

func rdsCases() map[string][]checkCase {
	dbDenied := checkCase{name: "instances denied", acct: baseAccount(dsDB(nil), dsGap("rds", "eu-west-1", "DescribeDBInstances", "")), want: dsWant(dsU)}
	clDenied := checkCase{name: "clusters denied", acct: baseAccount(dsCluster(nil), dsGap("rds", "eu-west-1", "DescribeDBClusters", "")), want: dsWant(dsU)}
	snapDenied := checkCase{name: "snapshots denied", acct: baseAccount(dsDBSnap(nil), dsGap("rds", "eu-west-1", "DescribeDBSnapshots", "")), want: dsWant(dsU)}
	attrsDenied := checkCase{name: "attributes denied", acct: baseAccount(dsDBSnap(nil), dsGap("rds", "eu-west-1", "DescribeDBSnapshotAttributes", dsRDSARN("snapshot", "s1"))), want: dsWant(dsU)}
	member := checkCase{name: "aurora member", acct: baseAccount(dsDB(dsMember)), want: dsWant(dsNA), msg: "member of cluster c1"}
	trusting := &policy.Policy{TrustedAccounts: []string{"444455556666"}}
	return map[string][]checkCase{
		"rds_instance_storage_encrypted": {
			{name: "encrypted", acct: baseAccount(dsDB(nil)), want: dsWant(dsP)},
			{name: "plain", acct: baseAccount(dsDB(func(d *state.DBInstance) { d.StorageEncrypted, d.KMSKeyID = false, "" })), want: dsWant(dsF)},
			member, dbDenied,
		},
		"rds_cluster_storage_encrypted": {
			{name: "encrypted", acct: baseAccount(dsCluster(nil)), want: dsWant(dsP)},
			{name: "plain", acct: baseAccount(dsCluster(func(c *state.DBCluster) { c.StorageEncrypted = false })), want: dsWant(dsF)},
			clDenied,
		},
		"rds_snapshot_encrypted": {
			{name: "encrypted", acct: baseAccount(dsDBSnap(nil)), want: dsWant(dsP)},
			{name: "plain", acct: baseAccount(dsDBSnap(func(s *state.DBSnapshot) { s.Encrypted = false })), want: dsWant(dsF)},
			snapDenied,
			{name: "cluster snapshots denied", acct: baseAccount(dsDBSnap(nil), dsGap("rds", "eu-west-1", "DescribeDBClusterSnapshots", "")), want: dsWant(dsU)},
		},
		"rds_snapshot_not_public": {
			{name: "private", acct: baseAccount(dsDBSnap(nil)), want: dsWant(dsP)},
			{name: "public", acct: baseAccount(dsDBSnap(func(s *state.DBSnapshot) { s.SharedWith = []string{"all"} })), want: dsWant(dsF)},
			{name: "cluster snapshot attributes denied", acct: baseAccount(dsDBSnap(func(s *state.DBSnapshot) { s.Cluster = true }),
				dsGap("rds", "eu-west-1", "DescribeDBClusterSnapshotAttributes", dsRDSARN("snapshot", "s1"))), want: dsWant(dsU)},
			attrsDenied, snapDenied,
		},
		"rds_snapshot_shared_trusted": {
			{name: "unshared", acct: baseAccount(dsDBSnap(nil)), want: dsWant(dsP), msg: "not shared"},
			{name: "trusted", acct: baseAccount(dsDBSnap(func(s *state.DBSnapshot) { s.SharedWith = []string{"444455556666"} })), pol: trusting, want: dsWant(dsP)},
			{name: "untrusted", acct: baseAccount(dsDBSnap(func(s *state.DBSnapshot) { s.SharedWith = []string{"444455556666", "777788889999"} })), pol: trusting, want: dsWant(dsF), msg: "777788889999"},
			{name: "public", acct: baseAccount(dsDBSnap(func(s *state.DBSnapshot) { s.SharedWith = []string{"all"} })), want: dsWant(dsF), msg: "public"},
			attrsDenied,
		},
		"rds_instance_tls_enforced": {
			{name: "force_ssl on", acct: baseAccount(dsDB(nil), dsParamGroup("secure", false, map[string]string{"rds.force_ssl": "1"})), want: dsWant(dsP)},
			{name: "force_ssl off", acct: baseAccount(dsDB(nil), dsParamGroup("secure", false, map[string]string{"rds.force_ssl": "0"})), want: dsWant(dsF), msg: "rds.force_ssl=0"},
			{name: "pg16 default group enforces", acct: baseAccount(dsDB(func(d *state.DBInstance) { d.ParameterGroups = []string{"default.postgres16"} })), want: dsWant(dsP), msg: "engine default"},
			{name: "pg13 default group does not", acct: baseAccount(dsDB(func(d *state.DBInstance) {
				d.EngineVersion, d.ParameterGroups = "13.11", []string{"default.postgres13"}
			})), want: dsWant(dsF)},
			{name: "mysql on", acct: baseAccount(dsDB(func(d *state.DBInstance) { d.Engine = "mysql" }), dsParamGroup("secure", false, map[string]string{"require_secure_transport": "ON"})), want: dsWant(dsP)},
			{name: "sqlserver unset", acct: baseAccount(dsDB(func(d *state.DBInstance) { d.Engine = "sqlserver-se" }), dsParamGroup("secure", false, nil)), want: dsWant(dsF)},
			{name: "oracle", acct: baseAccount(dsDB(func(d *state.DBInstance) { d.Engine = "oracle-ee" })), want: dsWant(dsU), msg: "option group"},
			{name: "custom group not collected", acct: baseAccount(dsDB(nil)), want: dsWant(dsU), msg: "not collected"},
			{name: "parameters denied", acct: baseAccount(dsDB(nil), dsParamGroup("secure", false, map[string]string{"rds.force_ssl": "1"}),
				dsGap("rds", "eu-west-1", "DescribeDBParameters", dsRDSARN("pg", "secure"))), want: dsWant(dsU)},
			// Regression: a failed parameter group listing said "not
			// collected" (or judged a default group from engine defaults)
			// instead of naming the gap.
			{name: "group listing denied", acct: baseAccount(dsDB(nil), dsGap("rds", "eu-west-1", "DescribeDBParameterGroups", "")), want: dsWant(dsU), msg: "DescribeDBParameterGroups"},
			member, dbDenied,
		},
		"rds_cluster_tls_enforced": {
			{name: "on", acct: baseAccount(dsCluster(nil), dsParamGroup("secure-cluster", true, map[string]string{"rds.force_ssl": "1"})), want: dsWant(dsP)},
			{name: "instance group of the same name does not count", acct: baseAccount(dsCluster(nil), dsParamGroup("secure-cluster", false, map[string]string{"rds.force_ssl": "1"})), want: dsWant(dsU)},
			{name: "aurora mysql default", acct: baseAccount(dsCluster(func(c *state.DBCluster) { c.Engine, c.ParameterGroup = "aurora-mysql", "default.aurora-mysql8.0" })), want: dsWant(dsF)},
			{name: "denied", acct: baseAccount(dsCluster(nil), dsGap("rds", "eu-west-1", "DescribeDBClusterParameters", "")), want: dsWant(dsU)},
			clDenied,
		},
		"rds_instance_ca_certificate_current": {
			{name: "current", acct: baseAccount(dsDB(nil)), want: dsWant(dsP)},
			{name: "retired", acct: baseAccount(dsDB(func(d *state.DBInstance) { d.CACertificate = "rds-ca-2019" })), want: dsWant(dsF)},
			{name: "unreported", acct: baseAccount(dsDB(func(d *state.DBInstance) { d.CACertificate = "" })), want: dsWant(dsU)},
			{name: "unrecognised", acct: baseAccount(dsDB(func(d *state.DBInstance) { d.CACertificate = "rds-ca-future-g9" })), want: dsWant(dsU)},
			dbDenied,
		},
		"rds_instance_backup_retention": {
			{name: "14 days", acct: baseAccount(dsDB(nil)), want: dsWant(dsP)},
			{name: "14 days, policy asks 30", acct: baseAccount(dsDB(nil)), pol: &policy.Policy{MinBackupRetentionDays: 30}, want: dsWant(dsF), msg: "less than 30"},
			{name: "1 day", acct: baseAccount(dsDB(func(d *state.DBInstance) { d.BackupRetentionDays = 1 })), want: dsWant(dsF), msg: "1 day"},
			{name: "off", acct: baseAccount(dsDB(func(d *state.DBInstance) { d.BackupRetentionDays = 0 })), want: dsWant(dsF), msg: "turned off"},
			{name: "replica", acct: baseAccount(dsDB(func(d *state.DBInstance) { d.BackupRetentionDays, d.ReadReplicaSource = 0, dsRDSARN("db", "src") })), want: dsWant(dsNA)},
			member, dbDenied,
		},
		"rds_cluster_backup_retention": {
			{name: "7 days", acct: baseAccount(dsCluster(nil)), want: dsWant(dsP)},
			{name: "7 days, policy asks 14", acct: baseAccount(dsCluster(nil)), pol: &policy.Policy{MinBackupRetentionDays: 14}, want: dsWant(dsF), msg: "less than 14"},
			{name: "1 day", acct: baseAccount(dsCluster(func(c *state.DBCluster) { c.BackupRetentionDays = 1 })), want: dsWant(dsF)},
			clDenied,
		},
		"rds_instance_deletion_protection": {
			{name: "on", acct: baseAccount(dsDB(nil)), want: dsWant(dsP)},
			{name: "off", acct: baseAccount(dsDB(func(d *state.DBInstance) { d.DeletionProtection = false })), want: dsWant(dsF)},
			member, dbDenied,
		},
		"rds_cluster_deletion_protection": {
			{name: "on", acct: baseAccount(dsCluster(nil)), want: dsWant(dsP)},
			{name: "off", acct: baseAccount(dsCluster(func(c *state.DBCluster) { c.DeletionProtection = false })), want: dsWant(dsF)},
			clDenied,
		},
		"rds_instance_multi_az": {
			{name: "on", acct: baseAccount(dsDB(nil)), want: dsWant(dsP)},
			{name: "off", acct: baseAccount(dsDB(func(d *state.DBInstance) { d.MultiAZ = false })), want: dsWant(dsF)},
			member, dbDenied,
		},
		"rds_cluster_multi_az": {
			{name: "on", acct: baseAccount(dsCluster(nil)), want: dsWant(dsP)},
			{name: "off", acct: baseAccount(dsCluster(func(c *state.DBCluster) { c.MultiAZ = false })), want: dsWant(dsF)},
			clDenied,
		},
		"rds_instance_not_public": {
			{name: "private", acct: baseAccount(dsDB(nil)), want: dsWant(dsP)},
			{name: "public", acct: baseAccount(dsDB(func(d *state.DBInstance) { d.PubliclyAccessible = true })), want: dsWant(dsF)},
			dbDenied,
		},
		"rds_instance_iam_auth": {
			{name: "on", acct: baseAccount(dsDB(nil)), want: dsWant(dsP)},
			{name: "off", acct: baseAccount(dsDB(func(d *state.DBInstance) { d.IAMAuth = false })), want: dsWant(dsF)},
			{name: "sql server", acct: baseAccount(dsDB(func(d *state.DBInstance) { d.Engine, d.IAMAuth = "sqlserver-ee", false })), want: dsWant(dsNA)},
			member, dbDenied,
		},
		"rds_cluster_iam_auth": {
			{name: "on", acct: baseAccount(dsCluster(nil)), want: dsWant(dsP)},
			{name: "off", acct: baseAccount(dsCluster(func(c *state.DBCluster) { c.IAMAuth = false })), want: dsWant(dsF)},
			{name: "unsupported engine", acct: baseAccount(dsCluster(func(c *state.DBCluster) { c.Engine, c.IAMAuth = "docdb", false })), want: dsWant(dsNA)},
			clDenied,
		},
		"rds_instance_default_admin_username": {
			{name: "custom", acct: baseAccount(dsDB(nil)), want: dsWant(dsP)},
			{name: "postgres", acct: baseAccount(dsDB(func(d *state.DBInstance) { d.MasterUsername = "Postgres" })), want: dsWant(dsF)},
			{name: "unreported", acct: baseAccount(dsDB(func(d *state.DBInstance) { d.MasterUsername = "" })), want: dsWant(dsU)},
			member, dbDenied,
		},
		"rds_cluster_default_admin_username": {
			{name: "custom", acct: baseAccount(dsCluster(nil)), want: dsWant(dsP)},
			{name: "admin", acct: baseAccount(dsCluster(func(c *state.DBCluster) { c.MasterUsername = "admin" })), want: dsWant(dsF)},
			clDenied,
		},
		"rds_instance_auto_minor_upgrade": {
			{name: "on", acct: baseAccount(dsDB(nil)), want: dsWant(dsP)},
			{name: "off", acct: baseAccount(dsDB(func(d *state.DBInstance) { d.AutoMinorVersionUpgrade = false })), want: dsWant(dsF)},
			dbDenied,
		},
		"rds_cluster_auto_minor_upgrade": {
			{name: "on", acct: baseAccount(dsCluster(nil)), want: dsWant(dsP)},
			{name: "off", acct: baseAccount(dsCluster(func(c *state.DBCluster) { c.AutoMinorVersionUpgrade = false })), want: dsWant(dsF)},
			clDenied,
		},
		"rds_instance_logging": {
			{name: "postgresql", acct: baseAccount(dsDB(nil)), want: dsWant(dsP)},
			{name: "none", acct: baseAccount(dsDB(func(d *state.DBInstance) { d.EnabledLogs = nil })), want: dsWant(dsF)},
			{name: "mysql error only", acct: baseAccount(dsDB(func(d *state.DBInstance) { d.Engine, d.EnabledLogs = "mysql", []string{"error"} })), want: dsWant(dsF), msg: "audit"},
			{name: "unlisted engine with a log", acct: baseAccount(dsDB(func(d *state.DBInstance) { d.Engine, d.EnabledLogs = "db2-se", []string{"diag.log"} })), want: dsWant(dsP)},
			member, dbDenied,
		},
		"rds_cluster_logging": {
			{name: "postgresql", acct: baseAccount(dsCluster(nil)), want: dsWant(dsP)},
			{name: "aurora mysql without audit", acct: baseAccount(dsCluster(func(c *state.DBCluster) { c.Engine, c.EnabledLogs = "aurora-mysql", []string{"error", "slowquery"} })), want: dsWant(dsF)},
			clDenied,
		},
		"rds_instance_enhanced_monitoring": {
			{name: "on", acct: baseAccount(dsDB(nil)), want: dsWant(dsP)},
			{name: "off", acct: baseAccount(dsDB(func(d *state.DBInstance) { d.EnhancedMonitoring = false })), want: dsWant(dsF)},
			dbDenied,
		},
		"rds_instance_copy_tags_to_snapshot": {
			{name: "on", acct: baseAccount(dsDB(nil)), want: dsWant(dsP)},
			{name: "off", acct: baseAccount(dsDB(func(d *state.DBInstance) { d.CopyTagsToSnapshot = false })), want: dsWant(dsF)},
			member, dbDenied,
		},
		"rds_cluster_copy_tags_to_snapshot": {
			{name: "on", acct: baseAccount(dsCluster(nil)), want: dsWant(dsP)},
			{name: "off", acct: baseAccount(dsCluster(func(c *state.DBCluster) { c.CopyTagsToSnapshot = false })), want: dsWant(dsF)},
			clDenied,
		},
		"rds_instance_default_port": {
			{name: "custom", acct: baseAccount(dsDB(nil)), want: dsWant(dsP)},
			{name: "default", acct: baseAccount(dsDB(func(d *state.DBInstance) { d.Port = 5432 })), want: dsWant(dsF), msg: "5432"},
			{name: "unreported", acct: baseAccount(dsDB(func(d *state.DBInstance) { d.Port = 0 })), want: dsWant(dsU)},
			member, dbDenied,
		},
		"rds_event_subscription_critical": {
			{name: "all categories", acct: baseAccount(dsDB(nil), func(a *state.Account) {
				a.RDS.EventSubscriptions = []state.EventSubscription{{Meta: state.Meta{Region: "eu-west-1"}, Name: "all", Enabled: true}}
			}), want: dsWant(dsP)},
			{name: "instance events split over two", acct: baseAccount(dsDB(nil), func(a *state.Account) {
				a.RDS.EventSubscriptions = []state.EventSubscription{
					{Meta: state.Meta{Region: "eu-west-1"}, Name: "a", SourceType: "db-instance", Categories: []string{"failure", "maintenance"}, Enabled: true},
					{Meta: state.Meta{Region: "eu-west-1"}, Name: "b", SourceType: "db-instance", Categories: []string{"configuration change"}, Enabled: true},
				}
			}), want: dsWant(dsP)},
			{name: "disabled", acct: baseAccount(dsDB(nil), func(a *state.Account) {
				a.RDS.EventSubscriptions = []state.EventSubscription{{Meta: state.Meta{Region: "eu-west-1"}, Name: "all"}}
			}), want: dsWant(dsF), msg: "db-instance"},
			{name: "cluster events missing", acct: baseAccount(dsCluster(nil), func(a *state.Account) {
				a.RDS.EventSubscriptions = []state.EventSubscription{{Meta: state.Meta{Region: "eu-west-1"}, SourceType: "db-instance", Enabled: true}}
			}), want: dsWant(dsF), msg: "db-cluster"},
			{name: "no databases", acct: baseAccount(), want: nil},
			{name: "subscriptions denied", acct: baseAccount(dsDB(nil), dsGap("rds", "eu-west-1", "DescribeEventSubscriptions", "")), want: dsWant(dsU)},
			{name: "instances denied", acct: baseAccount(dsGap("rds", "us-east-1", "DescribeDBInstances", "")), want: dsWant(dsU)},
		},
	}
}
