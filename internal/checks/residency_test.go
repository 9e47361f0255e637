package checks

import (
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// nwEU is a residency policy that allows Ireland and Frankfurt.
func nwEU() *policy.Policy {
	return &policy.Policy{AllowedRegions: []string{"eu-west-1", "eu-central-1"}}
}

func nwMetaIn(region, service, res string) state.Meta {
	return state.Meta{ARN: "arn:aws:" + service + ":" + region + ":" + testAccountID + ":" + res, Region: region}
}

func nwBucket(name, region string, mut func(*state.Bucket)) func(*state.Account) {
	return func(a *state.Account) {
		b := state.Bucket{Meta: state.Meta{ARN: "arn:aws:s3:::" + name, Region: region}, Name: name}
		if mut != nil {
			mut(&b)
		}
		a.S3.Buckets = append(a.S3.Buckets, b)
	}
}

// storeCases gives the pass/fail/unknown cases of a "store in allowed
// region" check: add(region) appends one store in region.
func storeCases(service, op string, add func(region string) func(*state.Account)) []checkCase {
	return []checkCase{
		{name: "no allowed regions", acct: baseAccount(add("us-east-1")), want: sts(stNA), msg: "allowed_regions"},
		{name: "in ireland", acct: baseAccount(add("eu-west-1")), pol: nwEU(), want: sts(stP), msg: "Ireland"},
		{name: "in virginia", acct: baseAccount(add("us-east-1")), pol: nwEU(), want: sts(stF), msg: "us-east-1 (US East (N. Virginia), US)"},
		{name: "listing denied", acct: baseAccount(nwUSGap(service, op), add("eu-west-1")), pol: nwEU(), want: sts(stU, stP)},
		{name: "enabled region outside the set not scanned", acct: baseAccount(add("eu-west-1"), func(a *state.Account) {
			a.Regions = append(a.Regions, state.Region{Name: "ap-south-1", Enabled: true}, state.Region{Name: "eu-central-1", Enabled: true})
		}), pol: nwEU(), want: sts(stU, stP), msg: "ap-south-1"},
		// Regression: with the region listing denied the collector scans
		// only the home region (or --regions); stores elsewhere are unseen,
		// and the check used to pass on what it saw.
		{name: "region list not read", acct: baseAccount(add("eu-west-1"), withGap(regionsDenied)), pol: nwEU(), want: sts(stU, stP), msg: "DescribeRegions"},
	}
}

// regionsDenied is the gap the collector records when ec2:DescribeRegions
// is denied: it then knows only the regions it was asked to scan.
var regionsDenied = state.Gap{Service: "ec2", Operation: "DescribeRegions", Reason: state.ReasonAccessDenied}

func residencyCases() map[string][]checkCase {
	eu := nwEU()
	org := func(mgmt bool, scps ...state.SCP) func(*state.Account) {
		return func(a *state.Account) {
			a.Organization = &state.Organization{ID: "o-1", MasterAccountID: "100000000001", IsManagementAccount: mgmt, SCPs: scps}
		}
	}
	// inTree places the account in ou-1 under the root (ou-2 is a sibling).
	inTree := func(a *state.Account) {
		a.Organization.Tree = &state.OrgTree{Roots: []state.OrgRoot{{ID: "r-root"}},
			Units:    []state.OrgUnit{{ID: "ou-1", Name: "Workloads", ParentID: "r-root"}, {ID: "ou-2", Name: "Sandbox", ParentID: "r-root"}},
			Accounts: []state.OrgAccount{{ID: testAccountID, Status: "ACTIVE", ParentID: "ou-1"}, {ID: "100000000001", Status: "ACTIVE", ParentID: "r-root"}}}
	}
	scp := func(name, doc string, targets ...string) state.SCP {
		return state.SCP{Meta: state.Meta{ARN: "arn:aws:organizations::100000000001:policy/o-1/service_control_policy/p-" + name}, ID: "p-" + name, Name: name, Document: doc, Targets: targets}
	}
	regionDeny := func(op, vals string) string {
		return `{"Version":"2012-10-17","Statement":[{"Sid":"FullAccess","Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","NotAction":["iam:*","sts:*"],"Resource":"*","Condition":{"` + op + `":{"aws:RequestedRegion":` + vals + `}}}]}`
	}
	fullAccess := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`
	optedIn := func(name string) func(*state.Account) {
		return func(a *state.Account) {
			a.Regions = append(a.Regions, state.Region{Name: name, OptInStatus: "opted-in", Enabled: true, Scanned: true})
		}
	}
	euAndSouth := &policy.Policy{AllowedRegions: []string{"eu-west-1", "eu-south-1"}}
	db := func(mut func(*state.DBInstance)) func(*state.Account) {
		return func(a *state.Account) {
			d := state.DBInstance{Meta: nwEUMeta("rds", "db:db1"), ID: "db1"}
			mut(&d)
			a.RDS.Instances = append(a.RDS.Instances, d)
		}
	}
	cluster := func(regions ...string) func(*state.Account) {
		return func(a *state.Account) {
			a.RDS.Clusters = append(a.RDS.Clusters, state.DBCluster{Meta: nwEUMeta("rds", "cluster:c1"), ID: "c1", GlobalClusterRegions: regions})
		}
	}
	clusterIn := func(region string) func(func(*state.DBCluster)) func(*state.Account) {
		return func(mut func(*state.DBCluster)) func(*state.Account) {
			return func(a *state.Account) {
				c := state.DBCluster{Meta: state.Meta{ARN: "arn:aws:rds:" + region + ":" + testAccountID + ":cluster:c1", Region: region}, ID: "c1"}
				mut(&c)
				a.RDS.Clusters = append(a.RDS.Clusters, c)
			}
		}
	}
	euCluster, usCluster := clusterIn("eu-west-1"), clusterIn("us-east-1")
	redshift := func(copyTo string) func(*state.Account) {
		return func(a *state.Account) {
			a.Redshift.Clusters = append(a.Redshift.Clusters, state.RedshiftCluster{Meta: nwEUMeta("redshift", "cluster:rs1"), ID: "rs1", CrossRegionSnapshotCopyRegion: copyTo})
		}
	}
	key := func(typ string, replicas ...string) func(*state.Account) {
		return func(a *state.Account) {
			a.KMS.Keys = append(a.KMS.Keys, state.Key{Meta: nwEUMeta("kms", "key/mrk-1"), ID: "mrk-1", Manager: "CUSTOMER", MultiRegion: true, MultiRegionType: typ, ReplicaRegions: replicas})
		}
	}
	trail := func(bucket string) func(*state.Account) {
		return func(a *state.Account) {
			a.CloudTrail.Trails = append(a.CloudTrail.Trails, state.Trail{Meta: nwEUMeta("cloudtrail", "trail/main"), Name: "main", S3Bucket: bucket})
		}
	}
	channel := func(bucket string) func(*state.Account) {
		return func(a *state.Account) {
			a.Config.DeliveryChannels = append(a.Config.DeliveryChannels, state.DeliveryChannel{Meta: nwEUMeta("config", "delivery-channel/default"), Name: "default", S3Bucket: bucket})
		}
	}
	replicate := func(destBucket, destRegion string) func(*state.Bucket) {
		return func(b *state.Bucket) {
			b.Replication = []state.ReplicationRule{{ID: "r", Enabled: true, DestinationBucket: "arn:aws:s3:::" + destBucket, DestinationRegion: destRegion}}
		}
	}
	table := func(replicas ...string) func(*state.Account) {
		return func(a *state.Account) {
			a.DynamoDB.Tables = append(a.DynamoDB.Tables, state.DynamoDBTable{Meta: nwEUMeta("dynamodb", "table/t1"), Name: "t1", ReplicaRegions: replicas})
		}
	}
	fs := func(dest ...string) func(*state.Account) {
		return func(a *state.Account) {
			a.EFS.FileSystems = append(a.EFS.FileSystems, state.FileSystem{Meta: nwEUMeta("elasticfilesystem", "file-system/fs-1"), ID: "fs-1", ReplicationDestinations: dest})
		}
	}
	plan := func(copyRegions ...string) func(*state.Account) {
		return func(a *state.Account) {
			var rule state.BackupRule
			for _, r := range copyRegions {
				rule.CopyActions = append(rule.CopyActions, state.CopyAction{DestinationVaultARN: "arn:aws:backup:" + r + ":" + testAccountID + ":backup-vault:dr"})
			}
			a.Backup.Plans = append(a.Backup.Plans, state.BackupPlan{Meta: nwEUMeta("backup", "backup-plan:p1"), ID: "p1", Name: "daily", Rules: []state.BackupRule{rule}})
		}
	}
	return map[string][]checkCase{
		"account_enabled_regions_allowed": {
			{name: "no allowed regions", acct: baseAccount(optedIn("me-central-1")), want: sts(stNA)},
			{name: "no opt-in region enabled", acct: baseAccount(), pol: eu, want: sts(stP)},
			{name: "allowed opt-in region", acct: baseAccount(optedIn("eu-south-1")), pol: euAndSouth, want: sts(stP), msg: "eu-south-1"},
			{name: "forgotten pilot region", acct: baseAccount(optedIn("eu-south-1"), optedIn("me-central-1")), pol: euAndSouth, want: sts(stP, stF), msg: "eu-south-1"},
			{name: "opt-in known from the table when status is missing", acct: baseAccount(func(a *state.Account) {
				a.Regions = append(a.Regions, state.Region{Name: "af-south-1", Enabled: true})
			}), pol: eu, want: sts(stF)},
			{name: "regions not read", acct: &state.Account{AccountID: testAccountID, Partition: "aws", Gaps: state.NewGaps(state.Gap{Service: "ec2", Operation: "DescribeRegions", Reason: state.ReasonAccessDenied})}, pol: eu, want: sts(stU)},
			{name: "regions missing", acct: &state.Account{AccountID: testAccountID, Partition: "aws"}, pol: eu, want: sts(stU)},
			// Regression: the collector fills Regions with the scanned ones
			// when DescribeRegions is denied; that list says nothing about
			// which opt-in regions are enabled (this used to pass).
			{name: "region list denied, scanned regions known", acct: baseAccount(withGap(regionsDenied)), pol: eu, want: sts(stU), msg: "DescribeRegions"},
		},
		"organizations_region_deny_scp": {
			{name: "no allowed regions", acct: baseAccount(), want: sts(stNA)},
			{name: "standalone account", acct: baseAccount(), pol: eu, want: sts(stF), msg: "not in an organization"},
			{name: "organization not read", acct: baseAccount(withGap(state.Gap{Service: "organizations", Operation: "DescribeOrganization", Reason: state.ReasonAccessDenied})), pol: eu, want: sts(stU)},
			{name: "region deny on the allowed set", acct: baseAccount(org(false, scp("full", fullAccess, "r-root"), scp("regions", regionDeny("StringNotEquals", `["eu-west-1","eu-central-1"]`), "r-root"))), pol: eu, want: sts(stP), msg: "SCP regions"},
			{name: "single region as a string with IfExists", acct: baseAccount(org(false, scp("regions", regionDeny("StringNotEqualsIfExists", `"eu-west-1"`), "ou-1")), inTree), pol: eu, want: sts(stP), msg: "attached to ou-1"},
			{name: "deny leaves us-east-1 open", acct: baseAccount(org(false, scp("regions", regionDeny("StringNotEquals", `["eu-west-1","us-east-1"]`), "r-root"))), pol: eu, want: sts(stF), msg: "still permits us-east-1"},
			{name: "wildcard lets in london", acct: baseAccount(org(false, scp("regions", regionDeny("StringNotLike", `["eu-*"]`), "r-root"))), pol: eu, want: sts(stF), msg: "eu-west-2"},
			{name: "region deny not attached", acct: baseAccount(org(false, scp("regions", regionDeny("StringNotEquals", `["eu-west-1"]`)))), pol: eu, want: sts(stF), msg: "no SCP that applies"},
			{name: "only full access", acct: baseAccount(org(false, scp("full", fullAccess, "r-root"))), pol: eu, want: sts(stF)},
			{name: "region deny on an OU elsewhere in the tree", acct: baseAccount(org(false, scp("regions", regionDeny("StringNotEquals", `["eu-west-1"]`), "ou-2")), inTree), pol: eu, want: sts(stF), msg: "no SCP that applies to the account (0 attached"},
			{name: "region deny on an OU, tree not read", acct: baseAccount(org(false, scp("regions", regionDeny("StringNotEquals", `["eu-west-1"]`), "ou-1"))), pol: eu, want: sts(stU), msg: "OU tree"},
			{name: "management account: SCPs never apply", acct: baseAccount(org(true, scp("regions", regionDeny("StringNotEquals", `["eu-west-1"]`), "r-root"))), pol: eu, want: sts(stF), msg: "never restrict the management account"},
			{name: "member with the management account's facts", acct: baseAccount(org(false), withFacts(org(true, scp("regions", regionDeny("StringNotEquals", `["eu-west-1"]`), "ou-1")), inTree)), pol: eu, want: sts(stP), msg: "read from account 100000000001"},
			{name: "member with facts whose SCP documents were denied", acct: baseAccount(org(false), withFacts(org(true, scp("regions", regionDeny("StringNotEquals", `["eu-west-1"]`), "ou-1")), inTree,
				withGap(state.Gap{Service: "organizations", Operation: "DescribePolicy", Reason: state.ReasonAccessDenied}))), pol: eu, want: sts(stU)},
			{name: "member account cannot list", acct: baseAccount(org(false)), pol: eu, want: sts(stU), msg: "member account"},
			{name: "listing denied", acct: baseAccount(org(false), withGap(state.Gap{Service: "organizations", Operation: "ListPolicies", Reason: state.ReasonAccessDenied})), pol: eu, want: sts(stU)},
		},
		"s3_bucket_in_allowed_region": {
			{name: "no allowed regions", acct: baseAccount(nwBucket("b", "us-east-1", nil)), want: sts(stNA)},
			{name: "eu and us", acct: baseAccount(nwBucket("b1", "eu-west-1", nil), nwBucket("b2", "us-east-1", nil)), pol: eu, want: sts(stP, stF)},
			{name: "region not read", acct: baseAccount(nwBucket("b", "", nil), withGap(state.Gap{Service: "s3", Operation: "GetBucketLocation", Resource: "arn:aws:s3:::b", Reason: state.ReasonAccessDenied})), pol: eu, want: sts(stU)},
			{name: "region missing", acct: baseAccount(nwBucket("b", "", nil)), pol: eu, want: sts(stU)},
			{name: "listing denied", acct: baseAccount(withGap(state.Gap{Service: "s3", Operation: "ListBuckets", Reason: state.ReasonAccessDenied})), pol: eu, want: sts(stU)},
		},
		"s3_replication_in_allowed_region": {
			{name: "no allowed regions", acct: baseAccount(nwBucket("b", "eu-west-1", replicate("c", "us-east-1"))), want: sts(stNA)},
			{name: "replica in frankfurt", acct: baseAccount(nwBucket("b", "eu-west-1", replicate("c", "eu-central-1"))), pol: eu, want: sts(stP)},
			{name: "replica in virginia", acct: baseAccount(nwBucket("b", "eu-west-1", replicate("c", "us-east-1"))), pol: eu, want: sts(stF), msg: "arn:aws:s3:::c in us-east-1"},
			{name: "destination region from the state", acct: baseAccount(nwBucket("b", "eu-west-1", replicate("c", "")), nwBucket("c", "us-east-1", nil)), pol: eu, want: sts(stF)},
			{name: "destination region unknown", acct: baseAccount(nwBucket("b", "eu-west-1", replicate("elsewhere", ""))), pol: eu, want: sts(stU)},
			{name: "no replication", acct: baseAccount(nwBucket("b", "eu-west-1", nil)), pol: eu, want: nil},
			{name: "replication not read", acct: baseAccount(nwBucket("b", "eu-west-1", nil), withGap(state.Gap{Service: "s3", Region: "eu-west-1", Operation: "GetBucketReplication", Resource: "arn:aws:s3:::b", Reason: state.ReasonAccessDenied})), pol: eu, want: sts(stU)},
		},
		"ec2_volume_in_allowed_region": storeCases("ec2", "DescribeVolumes", func(r string) func(*state.Account) {
			return func(a *state.Account) {
				a.EC2.Volumes = append(a.EC2.Volumes, state.Volume{Meta: nwMetaIn(r, "ec2", "volume/vol-1"), ID: "vol-1"})
			}
		}),
		"ec2_snapshot_in_allowed_region": append(storeCases("ec2", "DescribeSnapshots", func(r string) func(*state.Account) {
			return func(a *state.Account) {
				a.EC2.Snapshots = append(a.EC2.Snapshots, state.Snapshot{Meta: nwMetaIn(r, "ec2", "snapshot/snap-1"), ID: "snap-1"})
			}
		}), checkCase{name: "copy that left the eu", acct: baseAccount(func(a *state.Account) {
			a.EC2.Snapshots = append(a.EC2.Snapshots, state.Snapshot{Meta: nwMetaIn("us-east-1", "ec2", "snapshot/snap-2"), ID: "snap-2", SourceRegion: "eu-west-1"})
		}), pol: eu, want: sts(stF), msg: "copied from eu-west-1"}),
		"rds_instance_in_allowed_region": storeCases("rds", "DescribeDBInstances", func(r string) func(*state.Account) {
			return func(a *state.Account) {
				a.RDS.Instances = append(a.RDS.Instances, state.DBInstance{Meta: nwMetaIn(r, "rds", "db:db1"), ID: "db1"})
			}
		}),
		"rds_cluster_in_allowed_region": storeCases("rds", "DescribeDBClusters", func(r string) func(*state.Account) {
			return func(a *state.Account) {
				a.RDS.Clusters = append(a.RDS.Clusters, state.DBCluster{Meta: nwMetaIn(r, "rds", "cluster:c1"), ID: "c1"})
			}
		}),
		"rds_snapshot_in_allowed_region": storeCases("rds", "DescribeDBSnapshots", func(r string) func(*state.Account) {
			return func(a *state.Account) {
				a.RDS.Snapshots = append(a.RDS.Snapshots, state.DBSnapshot{Meta: nwMetaIn(r, "rds", "snapshot:s1"), ID: "s1"})
			}
		}),
		"redshift_cluster_in_allowed_region": storeCases("redshift", "DescribeClusters", func(r string) func(*state.Account) {
			return func(a *state.Account) {
				a.Redshift.Clusters = append(a.Redshift.Clusters, state.RedshiftCluster{Meta: nwMetaIn(r, "redshift", "cluster:rs1"), ID: "rs1"})
			}
		}),
		"workspaces_workspace_in_allowed_region": storeCases("workspaces", "DescribeWorkspaces", func(r string) func(*state.Account) {
			return func(a *state.Account) {
				a.WorkSpaces.Workspaces = append(a.WorkSpaces.Workspaces, state.Workspace{Meta: nwMetaIn(r, "workspaces", "workspace/ws-1"), ID: "ws-1"})
			}
		}),
		"dynamodb_table_in_allowed_region": storeCases("dynamodb", "ListTables", func(r string) func(*state.Account) {
			return func(a *state.Account) {
				a.DynamoDB.Tables = append(a.DynamoDB.Tables, state.DynamoDBTable{Meta: nwMetaIn(r, "dynamodb", "table/t1"), Name: "t1"})
			}
		}),
		"efs_filesystem_in_allowed_region": storeCases("elasticfilesystem", "DescribeFileSystems", func(r string) func(*state.Account) {
			return func(a *state.Account) {
				a.EFS.FileSystems = append(a.EFS.FileSystems, state.FileSystem{Meta: nwMetaIn(r, "elasticfilesystem", "file-system/fs-1"), ID: "fs-1"})
			}
		}),
		"backup_vault_in_allowed_region": storeCases("backup", "ListBackupVaults", func(r string) func(*state.Account) {
			return func(a *state.Account) {
				a.Backup.Vaults = append(a.Backup.Vaults, state.BackupVault{Meta: nwMetaIn(r, "backup", "backup-vault:v1"), Name: "v1"})
			}
		}),
		"sqs_queue_in_allowed_region": storeCases("sqs", "ListQueues", func(r string) func(*state.Account) {
			return func(a *state.Account) {
				a.SQS.Queues = append(a.SQS.Queues, state.Queue{Meta: nwMetaIn(r, "sqs", "q1"), Name: "q1"})
			}
		}),
		"secretsmanager_secret_in_allowed_region": storeCases("secretsmanager", "ListSecrets", func(r string) func(*state.Account) {
			return func(a *state.Account) {
				a.SecretsManager.Secrets = append(a.SecretsManager.Secrets, state.Secret{Meta: nwMetaIn(r, "secretsmanager", "secret:s1-AbCdEf"), Name: "s1"})
			}
		}),
		"ecr_repository_in_allowed_region": storeCases("ecr", "DescribeRepositories", func(r string) func(*state.Account) {
			return func(a *state.Account) {
				a.ECR.Repositories = append(a.ECR.Repositories, state.ECRRepository{Meta: nwMetaIn(r, "ecr", "repository/r1"), Name: "r1"})
			}
		}),
		// svc-data: ElastiCache
		"elasticache_in_allowed_region": storeCases("elasticache", "DescribeReplicationGroups", func(r string) func(*state.Account) {
			return func(a *state.Account) {
				a.ElastiCache.ReplicationGroups = append(a.ElastiCache.ReplicationGroups,
					state.CacheReplicationGroup{Meta: nwMetaIn(r, "elasticache", "replicationgroup:g1"), ID: "g1"})
			}
		}),
		// svc-stream: Kinesis Data Streams
		"kinesis_stream_in_allowed_region": storeCases("kinesis", "ListStreams", func(r string) func(*state.Account) {
			return func(a *state.Account) {
				a.Kinesis.Streams = append(a.Kinesis.Streams, state.KinesisStream{Meta: nwMetaIn(r, "kinesis", "stream/s1"), Name: "s1"})
			}
		}),
		"dynamodb_table_replica_in_allowed_region": {
			{name: "no allowed regions", acct: baseAccount(table("us-east-1")), want: sts(stNA)},
			{name: "eu replica", acct: baseAccount(table("eu-central-1")), pol: eu, want: sts(stP)},
			{name: "us replica", acct: baseAccount(table("eu-central-1", "us-west-2")), pol: eu, want: sts(stF), msg: "table t1 has copies in us-west-2"},
			{name: "not global", acct: baseAccount(table()), pol: eu, want: nil},
			{name: "denied", acct: baseAccount(nwUSGap("dynamodb", "ListTables"), table("eu-central-1")), pol: eu, want: sts(stU, stP)},
		},
		"efs_filesystem_replication_in_allowed_region": {
			{name: "eu replica", acct: baseAccount(fs("eu-central-1")), pol: eu, want: sts(stP)},
			{name: "us replica", acct: baseAccount(fs("us-east-1")), pol: eu, want: sts(stF)},
			{name: "denied", acct: baseAccount(nwUSGap("elasticfilesystem", "DescribeFileSystems")), pol: eu, want: sts(stU)},
		},
		"backup_plan_copy_in_allowed_region": {
			{name: "no allowed regions", acct: baseAccount(plan("us-east-1")), want: sts(stNA)},
			{name: "copy to frankfurt", acct: baseAccount(plan("eu-central-1")), pol: eu, want: sts(stP)},
			{name: "copy to virginia", acct: baseAccount(plan("eu-central-1", "us-east-1")), pol: eu, want: sts(stF), msg: "us-east-1"},
			{name: "no copy", acct: baseAccount(plan()), pol: eu, want: nil},
			{name: "plan not read", acct: baseAccount(plan("us-east-1"), withGap(state.Gap{Service: "backup", Region: "eu-west-1", Operation: "GetBackupPlan", Resource: "arn:aws:backup:eu-west-1:" + testAccountID + ":backup-plan:p1", Reason: state.ReasonAccessDenied})), pol: eu, want: sts(stU)},
			{name: "plans denied", acct: baseAccount(nwUSGap("backup", "ListBackupPlans")), pol: eu, want: sts(stU)},
		},
		"rds_instance_replica_in_allowed_region": {
			{name: "no allowed regions", acct: baseAccount(db(func(d *state.DBInstance) { d.ReadReplicas = []string{"arn:aws:rds:us-east-1:1:db:r"} })), want: sts(stNA)},
			{name: "replica in frankfurt", acct: baseAccount(db(func(d *state.DBInstance) { d.ReadReplicas = []string{"arn:aws:rds:eu-central-1:1:db:r"} })), pol: eu, want: sts(stP)},
			{name: "replica in virginia", acct: baseAccount(db(func(d *state.DBInstance) { d.ReadReplicas = []string{"arn:aws:rds:us-east-1:1:db:r"} })), pol: eu, want: sts(stF), msg: "us-east-1"},
			{name: "replica of a source in ohio", acct: baseAccount(db(func(d *state.DBInstance) { d.ReadReplicaSource = "arn:aws:rds:us-east-2:1:db:src" })), pol: eu, want: sts(stF), msg: "us-east-2"},
			{name: "no replicas", acct: baseAccount(db(func(*state.DBInstance) {})), pol: eu, want: nil},
			{name: "denied", acct: baseAccount(nwEUGap("rds", "DescribeDBInstances")), pol: eu, want: sts(stU)},
			{name: "replica itself in virginia, source in frankfurt", acct: baseAccount(db(func(d *state.DBInstance) {
				d.Meta = state.Meta{ARN: "arn:aws:rds:us-east-1:" + testAccountID + ":db:db1", Region: "us-east-1"}
				d.ReadReplicaSource = "arn:aws:rds:eu-central-1:" + testAccountID + ":db:src"
			})), pol: eu, want: sts(stF), msg: "us-east-1"},
			{name: "same-region replica named by identifier", acct: baseAccount(db(func(d *state.DBInstance) { d.ReadReplicaSource = "src" })), pol: eu, want: sts(stP)},
		},
		"rds_instance_backup_replication_in_allowed_region": {
			{name: "to frankfurt", acct: baseAccount(db(func(d *state.DBInstance) { d.ReplicatedBackupRegions = []string{"eu-central-1"} })), pol: eu, want: sts(stP)},
			{name: "to virginia", acct: baseAccount(db(func(d *state.DBInstance) { d.ReplicatedBackupRegions = []string{"us-east-1"} })), pol: eu, want: sts(stF)},
			{name: "denied", acct: baseAccount(nwUSGap("rds", "DescribeDBInstances")), pol: eu, want: sts(stU)},
		},
		"rds_cluster_global_in_allowed_region": {
			{name: "eu secondaries", acct: baseAccount(cluster("eu-central-1")), pol: eu, want: sts(stP)},
			{name: "us secondary", acct: baseAccount(cluster("eu-central-1", "us-west-2")), pol: eu, want: sts(stF), msg: "us-west-2"},
			{name: "denied", acct: baseAccount(nwUSGap("rds", "DescribeDBClusters")), pol: eu, want: sts(stU)},
			{name: "member in virginia of an eu database", acct: baseAccount(usCluster(func(c *state.DBCluster) { c.GlobalClusterID, c.GlobalClusterRegions = "g", []string{"eu-central-1"} })),
				pol: eu, want: sts(stF), msg: "us-east-1"},
			{name: "global database not read", acct: baseAccount(cluster(), withGap(state.Gap{Service: "rds", Region: "eu-west-1", Operation: "DescribeGlobalClusters",
				Resource: "arn:aws:rds:eu-west-1:" + testAccountID + ":cluster:c1", Reason: state.ReasonAccessDenied})), pol: eu, want: sts(stU), msg: "DescribeGlobalClusters"},
		},
		"rds_cluster_replica_in_allowed_region": {
			{name: "no allowed regions", acct: baseAccount(euCluster(func(c *state.DBCluster) { c.ReadReplicas = []string{"arn:aws:rds:us-east-1:1:cluster:r"} })), want: sts(stNA)},
			{name: "replica in frankfurt", acct: baseAccount(euCluster(func(c *state.DBCluster) { c.ReadReplicas = []string{"arn:aws:rds:eu-central-1:1:cluster:r"} })), pol: eu, want: sts(stP)},
			{name: "replica in virginia", acct: baseAccount(euCluster(func(c *state.DBCluster) { c.ReadReplicas = []string{"arn:aws:rds:us-east-1:1:cluster:r"} })), pol: eu, want: sts(stF), msg: "us-east-1"},
			{name: "replica itself in virginia", acct: baseAccount(usCluster(func(c *state.DBCluster) { c.ReplicationSource = "arn:aws:rds:eu-central-1:1:cluster:src" })), pol: eu, want: sts(stF), msg: "us-east-1"},
			{name: "replica of a source in ohio", acct: baseAccount(euCluster(func(c *state.DBCluster) { c.ReplicationSource = "arn:aws:rds:us-east-2:1:cluster:src" })), pol: eu, want: sts(stF), msg: "us-east-2"},
			{name: "no replicas", acct: baseAccount(euCluster(func(*state.DBCluster) {})), pol: eu, want: nil},
			{name: "denied", acct: baseAccount(nwEUGap("rds", "DescribeDBClusters")), pol: eu, want: sts(stU)},
		},
		"redshift_cluster_snapshot_copy_in_allowed_region": {
			{name: "to frankfurt", acct: baseAccount(redshift("eu-central-1")), pol: eu, want: sts(stP)},
			{name: "to virginia", acct: baseAccount(redshift("us-east-1")), pol: eu, want: sts(stF)},
			{name: "no copy", acct: baseAccount(redshift("")), pol: eu, want: nil},
			{name: "denied", acct: baseAccount(nwUSGap("redshift", "DescribeClusters")), pol: eu, want: sts(stU)},
		},
		"kms_key_replica_in_allowed_region": {
			{name: "eu replica", acct: baseAccount(key("PRIMARY", "eu-central-1")), pol: eu, want: sts(stP)},
			{name: "us replica", acct: baseAccount(key("PRIMARY", "eu-central-1", "us-east-1")), pol: eu, want: sts(stF), msg: "key mrk-1"},
			{name: "replicas are judged through their primary", acct: baseAccount(key("REPLICA")), pol: eu, want: nil},
			{name: "denied", acct: baseAccount(nwUSGap("kms", "ListKeys")), pol: eu, want: sts(stU)},
		},
		"cloudtrail_logs_in_allowed_region": {
			{name: "no allowed regions", acct: baseAccount(trail("logs")), want: sts(stNA)},
			{name: "eu bucket", acct: baseAccount(trail("logs"), nwBucket("logs", "eu-west-1", nil)), pol: eu, want: sts(stP)},
			{name: "us bucket", acct: baseAccount(trail("logs"), nwBucket("logs", "us-east-1", nil)), pol: eu, want: sts(stF)},
			{name: "bucket in another account", acct: baseAccount(trail("org-logs")), pol: eu, want: sts(stU), msg: "not in this account"},
			// Regression: with the bucket listing denied, a missing bucket
			// was blamed on another account instead of the gap.
			{name: "bucket listing denied", acct: baseAccount(trail("logs"), withGap(state.Gap{Service: "s3", Operation: "ListBuckets", Reason: state.ReasonAccessDenied})), pol: eu, want: sts(stU), msg: "ListBuckets"},
			{name: "trails not read", acct: baseAccount(withGap(state.Gap{Service: "cloudtrail", Operation: "DescribeTrails", Reason: state.ReasonAccessDenied})), pol: eu, want: sts(stU)},
		},
		"config_delivery_in_allowed_region": {
			{name: "eu bucket", acct: baseAccount(channel("cfg"), nwBucket("cfg", "eu-central-1", nil)), pol: eu, want: sts(stP)},
			{name: "us bucket", acct: baseAccount(channel("cfg"), nwBucket("cfg", "us-east-1", nil)), pol: eu, want: sts(stF)},
			{name: "channels not read", acct: baseAccount(nwUSGap("config", "DescribeDeliveryChannels"), channel("cfg"), nwBucket("cfg", "eu-central-1", nil)), pol: eu, want: sts(stU, stP)},
		},
	}
}
