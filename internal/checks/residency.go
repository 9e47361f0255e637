package checks

import (
	"path"
	"sort"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/iampolicy"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/regions"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// residencyChecks decide where the customer's data lives against the
// policy's allowed_regions. Without allowed regions they are not_applicable.
func residencyChecks() []check.Check {
	return []check.Check{
		accountEnabledRegionsAllowed(),
		organizationsRegionDenySCP(),
		s3BucketInAllowedRegion(),
		s3ReplicationInAllowedRegion(),
		residencyStore("ec2_volume_in_allowed_region", "EBS volumes", "ec2", state.InputEC2Volumes, volumesOf, ebsMoveFix()),
		residencyStore("ec2_snapshot_in_allowed_region", "EBS snapshots (including cross-region copies)", "ec2", state.InputEC2Snapshots, snapshotsOf, ebsMoveFix()),
		residencyStore("rds_instance_in_allowed_region", "RDS DB instances", "rds", state.InputRDSInstances, dbInstancesOf, rdsMoveFix()),
		residencyStore("rds_cluster_in_allowed_region", "RDS/Aurora DB clusters", "rds", state.InputRDSClusters, dbClustersOf, rdsMoveFix()),
		residencyStoreGaps("rds_snapshot_in_allowed_region", "RDS snapshots (including cross-region copies)", "rds", "rds", snapshotListOps, dbSnapshotsOf, rdsMoveFix()),
		residencyStore("redshift_cluster_in_allowed_region", "Redshift clusters", "redshift", state.InputRedshiftClusters, redshiftOf, rdsMoveFix()),
		residencyStore("workspaces_workspace_in_allowed_region", "WorkSpaces (their root and user volumes)", "workspaces", state.InputWorkSpaces, workspacesOf, workspacesMoveFix()),
		residencyStore("dynamodb_table_in_allowed_region", "DynamoDB tables", "dynamodb", state.InputDynamoDBTables, dynamoTablesOf, dynamoMoveFix()),
		residencyStoreGaps("efs_filesystem_in_allowed_region", "EFS file systems", "efs", efsService, []state.Input{state.InputEFSFileSystems}, fileSystemsOf, efsMoveFix()),
		residencyStore("backup_vault_in_allowed_region", "AWS Backup vaults (and the recovery points in them)", "backup", state.InputBackupVaults, vaultsOf, backupVaultMoveFix()),
		residencyStore("sqs_queue_in_allowed_region", "SQS queues (the messages in them)", "sqs", state.InputSQSQueues, queuesOf, queueMoveFix()),
		residencyStore("secretsmanager_secret_in_allowed_region", "Secrets Manager secrets (including replicas)", "secretsmanager", state.InputSecrets, secretsOf, secretMoveFix()),
		residencyStore("ecr_repository_in_allowed_region", "ECR repositories (the images in them)", "ecr", state.InputECRRepositories, repositoriesOf, repositoryMoveFix()),
		dynamodbTableReplicaInAllowedRegion(),
		efsFilesystemReplicationInAllowedRegion(),
		backupPlanCopyInAllowedRegion(),
		rdsInstanceReplicaInAllowedRegion(),
		rdsInstanceBackupReplicationInAllowedRegion(),
		rdsClusterGlobalInAllowedRegion(),
		rdsClusterReplicaInAllowedRegion(),
		redshiftClusterSnapshotCopyInAllowedRegion(),
		kmsKeyReplicaInAllowedRegion(),
		cloudtrailLogsInAllowedRegion(),
		configDeliveryInAllowedRegion(),
	}
}

// residencyNotConfigured is the single result of a residency check when the
// policy names no allowed regions.
func residencyNotConfigured(a *state.Account) []check.Result {
	return []check.Result{check.NotApplicableR(accountRef(a),
		"the policy names no allowed regions: set allowed_regions (or allowed_jurisdictions) in shoulder.yaml to check where data lives")}
}

// disallowed returns the regions of list the policy does not allow, described.
func disallowed(p *policy.Policy, list []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range list {
		if r == "" || seen[r] || p.RegionAllowed(r) {
			continue
		}
		seen[r] = true
		out = append(out, regions.Describe(r))
	}
	return out
}

// allowedList renders the policy's allowed regions for messages.
func allowedList(p *policy.Policy) string { return strings.Join(p.AllowedRegions, ", ") }

// arnRegion returns the region field of an ARN ("" when absent).
func arnRegion(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 {
		return ""
	}
	return parts[3]
}

// unscannedOutside returns one unknown result when enabled regions outside
// the allowed set were not scanned: stores there are invisible, so "none
// found outside" would be an unproven pass.
func unscannedOutside(a *state.Account, p *policy.Policy, what string) []check.Result {
	// Without the region listing, the regions beyond the scanned ones are
	// not known at all: what lives there is unseen, not absent.
	if g, ok := a.Gaps.ForInput(state.InputRegions, "", ""); ok {
		return []check.Result{check.UnknownR(accountRef(a), "could not read %s: the account's enabled regions are unknown, so %s outside the scanned regions (%s) are not seen",
			g.String(), what, strings.Join(a.ScannedRegions(), ", "))}
	}
	var miss []string
	for _, r := range a.Regions {
		if r.Enabled && !r.Scanned && !p.RegionAllowed(r.Name) {
			miss = append(miss, r.Name)
		}
	}
	if len(miss) == 0 {
		return nil
	}
	return []check.Result{check.UnknownR(accountRef(a), "%d enabled regions outside the allowed set were not scanned (%s): %s there are not seen", len(miss), strings.Join(miss, ", "), what)}
}

func ebsMoveFix() check.Remediation {
	return check.Remediation{
		Console:   "Copy the snapshot to an allowed region (EC2 > Snapshots > Actions > Copy snapshot), restore from it there, verify, then delete the volume and snapshots outside the allowed regions.",
		CLI:       "aws ec2 copy-snapshot --source-region <SOURCE_REGION> --source-snapshot-id <SNAPSHOT_ID> --region <ALLOWED_REGION> --encrypted\naws ec2 delete-snapshot --snapshot-id <SNAPSHOT_ID> --region <SOURCE_REGION>",
		Terraform: "resource \"aws_ebs_snapshot_copy\" \"in_eu\" {\n  provider           = aws.allowed_region\n  source_snapshot_id = \"<SNAPSHOT_ID>\"\n  source_region      = \"<SOURCE_REGION>\"\n  encrypted          = true\n}",
	}
}

func rdsMoveFix() check.Remediation {
	return check.Remediation{
		Console:   "Copy the latest snapshot to an allowed region, restore it there, repoint the applications, then delete the database and its snapshots outside the allowed regions. Add a region-deny SCP so it cannot recur.",
		CLI:       "aws rds copy-db-snapshot --source-db-snapshot-identifier <SNAPSHOT_ARN> --target-db-snapshot-identifier <NAME> --region <ALLOWED_REGION> --kms-key-id <KEY>\naws rds restore-db-instance-from-db-snapshot --db-snapshot-identifier <NAME> --db-instance-identifier <DB> --region <ALLOWED_REGION>",
		Terraform: "provider \"aws\" {\n  region              = \"eu-central-1\" # an allowed region\n  allowed_account_ids = [var.account_id]\n}",
	}
}

func workspacesMoveFix() check.Remediation {
	return check.Remediation{
		Console:   "Register a directory in an allowed region, create the users' WorkSpaces there (migrate user volumes via backup), then remove the WorkSpaces outside the allowed regions.",
		CLI:       "aws workspaces create-workspaces --workspaces DirectoryId=<DIR_ID>,UserName=<USER>,BundleId=<BUNDLE_ID> --region <ALLOWED_REGION>\naws workspaces terminate-workspaces --terminate-workspace-requests WorkspaceId=<WS_ID> --region <SOURCE_REGION>",
		Terraform: "resource \"aws_workspaces_workspace\" \"this\" {\n  provider     = aws.allowed_region\n  directory_id = aws_workspaces_directory.eu.id\n  bundle_id    = var.bundle_id\n  user_name    = var.user\n}",
	}
}

func volumesOf(a *state.Account) []state.Resource      { return resources(a.EC2.Volumes) }
func snapshotsOf(a *state.Account) []state.Resource    { return resources(a.EC2.Snapshots) }
func dbInstancesOf(a *state.Account) []state.Resource  { return resources(a.RDS.Instances) }
func dbClustersOf(a *state.Account) []state.Resource   { return resources(a.RDS.Clusters) }
func dbSnapshotsOf(a *state.Account) []state.Resource  { return resources(a.RDS.Snapshots) }
func redshiftOf(a *state.Account) []state.Resource     { return resources(a.Redshift.Clusters) }
func workspacesOf(a *state.Account) []state.Resource   { return resources(a.WorkSpaces.Workspaces) }
func dynamoTablesOf(a *state.Account) []state.Resource { return resources(a.DynamoDB.Tables) }
func fileSystemsOf(a *state.Account) []state.Resource  { return resources(a.EFS.FileSystems) }
func vaultsOf(a *state.Account) []state.Resource       { return resources(a.Backup.Vaults) }
func queuesOf(a *state.Account) []state.Resource       { return resources(a.SQS.Queues) }
func secretsOf(a *state.Account) []state.Resource      { return resources(a.SecretsManager.Secrets) }
func repositoriesOf(a *state.Account) []state.Resource { return resources(a.ECR.Repositories) }

func queueMoveFix() check.Remediation {
	return check.Remediation{
		Console:   "Create the queue in an allowed region (SQS > Create queue), point producers and consumers at it, let the old queue drain, then delete it.",
		CLI:       "aws sqs create-queue --queue-name <QUEUE> --region <ALLOWED_REGION>\naws sqs delete-queue --queue-url <OLD_QUEUE_URL> --region <SOURCE_REGION>",
		Terraform: "resource \"aws_sqs_queue\" \"this\" {\n  provider = aws.allowed_region\n  name     = \"<QUEUE>\"\n}",
	}
}

func secretMoveFix() check.Remediation {
	return check.Remediation{
		Console:   "Secrets Manager > secret > Replicate secret to an allowed region, promote the replica to a standalone secret, repoint applications, then delete the secret (or replica) outside the allowed regions.",
		CLI:       "aws secretsmanager replicate-secret-to-regions --secret-id <SECRET> --add-replica-regions Region=<ALLOWED_REGION>\naws secretsmanager remove-regions-from-replication --secret-id <SECRET> --remove-replica-regions <REGION>",
		Terraform: "resource \"aws_secretsmanager_secret\" \"this\" {\n  provider = aws.allowed_region\n  name     = \"<SECRET>\"\n}",
	}
}

func repositoryMoveFix() check.Remediation {
	return check.Remediation{
		Console:   "Create the repository in an allowed region, push the images there (or use ECR replication to an allowed region), repoint deployments, then delete the repository outside the allowed regions.",
		CLI:       "aws ecr create-repository --repository-name <REPO> --region <ALLOWED_REGION>\naws ecr delete-repository --repository-name <REPO> --force --region <SOURCE_REGION>",
		Terraform: "resource \"aws_ecr_repository\" \"this\" {\n  provider = aws.allowed_region\n  name     = \"<REPO>\"\n}",
	}
}

func resources[T state.Resource](items []T) []state.Resource {
	out := make([]state.Resource, len(items))
	for i, x := range items {
		out[i] = x
	}
	return out
}

// copiedFrom names a resource's source region when it is a cross-region copy.
func copiedFrom(r state.Resource) string {
	switch x := r.(type) {
	case state.Snapshot:
		return x.SourceRegion
	case state.DBSnapshot:
		return x.SourceRegion
	}
	return ""
}

// residencyStore builds the "every <store> lives in an allowed region" check.
func residencyStore(id, what, service string, list state.Input, items func(*state.Account) []state.Resource, fix check.Remediation) check.Check {
	return residencyStoreGaps(id, what, service, service, []state.Input{list}, items, fix)
}

// residencyStoreGaps is residencyStore for services whose gap prefix differs
// from the check's service name (EFS: elasticfilesystem) or whose state is
// filled by several listings (RDS snapshots: DB and cluster snapshots).
func residencyStoreGaps(id, what, service, gapService string, list []state.Input, items func(*state.Account) []state.Resource, fix check.Remediation) check.Check {
	return check.Check{
		ID:          id,
		Title:       what + " are in allowed regions",
		Description: "Where data is stored decides which country's law applies to it; " + what + " must stay in the regions the policy allows (allowed_regions).",
		Area:        check.DataResidency,
		Service:     service,
		Severity:    check.High,
		Remediation: fix,
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			if !p.RegionsConfigured() {
				return residencyNotConfigured(a)
			}
			out := unscannedOutside(a, p, what)
			return append(out, eachRegional(a, gapService, list, items(a), func(r state.Resource) check.Result {
				reg := r.Ref().Region
				from := ""
				if src := copiedFrom(r); src != "" {
					from = " (copied from " + src + ")"
				}
				if p.RegionAllowed(reg) {
					return check.PassR(r, "in %s%s", regions.Describe(reg), from)
				}
				return check.FailR(r, "in %s%s, outside the allowed regions (%s)", regions.Describe(reg), from, allowedList(p))
			})...)
		},
	}
}

func accountEnabledRegionsAllowed() check.Check {
	return check.Check{
		ID:          "account_enabled_regions_allowed",
		Title:       "Opt-in regions are enabled only within the allowed regions",
		Description: "Regions launched since 2019 must be opted into; each one enabled outside the allowed set is a place data can go (and attackers can hide resources). Regions enabled by default cannot be disabled: guard those with a region-deny SCP.",
		Area:        check.DataResidency,
		Service:     "account",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "Account > AWS Regions: Disable each opt-in region outside the allowed set (its resources must be deleted first).",
			CLI:       "aws account disable-region --region-name <REGION>",
			Terraform: "resource \"aws_account_region\" \"off\" {\n  region_name = \"<REGION>\"\n  enabled     = false\n}",
		},
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			if !p.RegionsConfigured() {
				return residencyNotConfigured(a)
			}
			// Without the region listing the collector knows only the
			// regions it scanned (the home region, or --regions): which
			// opt-in regions are enabled is unknown, not "none".
			if g, ok := a.Gaps.ForInput(state.InputRegions, "", ""); ok {
				return []check.Result{check.GapR(accountRef(a), g)}
			}
			if len(a.Regions) == 0 {
				return []check.Result{check.UnknownR(accountRef(a), "the account's regions were not collected")}
			}
			var out []check.Result
			for _, r := range a.Regions {
				info, known := regions.Lookup(r.Name)
				optIn := r.OptInStatus == "opted-in" || (r.OptInStatus == "" && r.Enabled && known && info.OptIn)
				if !optIn {
					continue
				}
				ref := check.Ref(a.ARNPrefix()+"account::"+a.AccountID+":region/"+r.Name, r.Name)
				if p.RegionAllowed(r.Name) {
					out = append(out, check.PassR(ref, "opt-in region %s is enabled and allowed", regions.Describe(r.Name)))
				} else {
					out = append(out, check.FailR(ref, "opt-in region %s is enabled but not allowed (%s)", regions.Describe(r.Name), allowedList(p)))
				}
			}
			if len(out) == 0 {
				out = append(out, check.PassR(accountRef(a), "no opt-in region is enabled"))
			}
			return out
		},
	}
}

func s3BucketInAllowedRegion() check.Check {
	return check.Check{
		ID:          "s3_bucket_in_allowed_region",
		Title:       "S3 buckets are in allowed regions",
		Description: "A bucket's region is where its objects are stored; buckets must stay in the regions the policy allows (allowed_regions).",
		Area:        check.DataResidency,
		Service:     "s3",
		Severity:    check.High,
		Remediation: check.Remediation{
			Console:   "Create a bucket in an allowed region, copy the objects (S3 Batch Replication or aws s3 sync), switch the applications, then empty and delete the old bucket.",
			CLI:       "aws s3 mb s3://<NEW_BUCKET> --region <ALLOWED_REGION>\naws s3 sync s3://<OLD_BUCKET> s3://<NEW_BUCKET>\naws s3 rb s3://<OLD_BUCKET> --force",
			Terraform: "resource \"aws_s3_bucket\" \"data\" {\n  provider = aws.allowed_region\n  bucket   = \"<NEW_BUCKET>\"\n}",
		},
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			if !p.RegionsConfigured() {
				return residencyNotConfigured(a)
			}
			if g, ok := listingGap(a, "", state.InputS3Buckets); ok {
				return []check.Result{check.GapR(accountRef(a), g)}
			}
			var out []check.Result
			for _, b := range a.S3.Buckets {
				switch {
				case b.Region == "":
					if g, ok := a.Gaps.ForInput(state.InputS3BucketRegion, "", b.ARN); ok {
						out = append(out, check.GapR(b, g))
					} else {
						out = append(out, check.UnknownR(b, "the region of %s was not collected", b.Name))
					}
				case p.RegionAllowed(b.Region):
					out = append(out, check.PassR(b, "%s is in %s", b.Name, regions.Describe(b.Region)))
				default:
					out = append(out, check.FailR(b, "%s is in %s, outside the allowed regions (%s)", b.Name, regions.Describe(b.Region), allowedList(p)))
				}
			}
			return out
		},
	}
}

// bucketRegion finds a bucket's region by ARN or name in the state.
func bucketRegion(a *state.Account, arnOrName string) (string, bool) {
	name := strings.TrimPrefix(arnOrName, "arn:aws:s3:::")
	if i := strings.Index(name, ":::"); i >= 0 { // other partitions
		name = name[i+3:]
	}
	for _, b := range a.S3.Buckets {
		if b.Name == name && b.Region != "" {
			return b.Region, true
		}
	}
	return "", false
}

func s3ReplicationInAllowedRegion() check.Check {
	return check.Check{
		ID:          "s3_replication_in_allowed_region",
		Title:       "S3 replication copies data only to allowed regions",
		Description: "Replication rules copy every new object to the destination bucket's region; a destination outside the allowed regions moves the data out of its jurisdiction.",
		Area:        check.DataResidency,
		Service:     "s3",
		Severity:    check.High,
		Remediation: check.Remediation{
			Console:   "S3 > bucket > Management > Replication rules: edit the rule to a destination bucket in an allowed region, or delete it; then delete the replicated copies.",
			CLI:       "aws s3api put-bucket-replication --bucket <BUCKET> --replication-configuration file://replication-to-allowed-region.json",
			Terraform: "resource \"aws_s3_bucket_replication_configuration\" \"this\" {\n  bucket = aws_s3_bucket.source.id\n  role   = aws_iam_role.replication.arn\n  rule {\n    status = \"Enabled\"\n    destination { bucket = aws_s3_bucket.replica_in_allowed_region.arn }\n  }\n}",
		},
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			if !p.RegionsConfigured() {
				return residencyNotConfigured(a)
			}
			if g, ok := listingGap(a, "", state.InputS3Buckets); ok {
				return []check.Result{check.GapR(accountRef(a), g)}
			}
			var out []check.Result
			for _, b := range a.S3.Buckets {
				if g, ok := a.Gaps.ForInput(state.InputS3BucketReplication, b.Region, b.ARN); ok {
					out = append(out, check.GapR(b, g))
					continue
				}
				var bad, unknown []string
				n := 0
				for _, r := range b.Replication {
					if !r.Enabled {
						continue
					}
					n++
					reg := r.DestinationRegion
					if reg == "" {
						reg, _ = bucketRegion(a, r.DestinationBucket)
					}
					switch {
					case reg == "":
						unknown = append(unknown, r.DestinationBucket)
					case !p.RegionAllowed(reg):
						bad = append(bad, r.DestinationBucket+" in "+regions.Describe(reg))
					}
				}
				switch {
				case n == 0:
				case len(bad) > 0:
					out = append(out, check.FailR(b, "%s replicates to %s", b.Name, strings.Join(bad, ", ")))
				case len(unknown) > 0:
					out = append(out, check.UnknownR(b, "%s replicates to %s, whose region is not known", b.Name, strings.Join(unknown, ", ")))
				default:
					out = append(out, check.PassR(b, "%s replicates only to allowed regions", b.Name))
				}
			}
			return out
		},
	}
}

// copiesCheck builds a check over resources with copies in other regions:
// regionsOf returns the regions holding copies (nil when the resource has
// none). list is the listing input; item, when set, is the per-resource
// input that holds the copies: a resource whose item could not be read is
// unknown, since its empty copy list proves nothing.
func copiesCheck[T state.Resource](c check.Check, service string, list, item state.Input, items func(*state.Account) []T, regionsOf func(T) []string, label func(T) string) check.Check {
	if c.Service == "" {
		c.Service = service
	}
	c.Area, c.Severity = check.DataResidency, check.High
	c.Run = func(a *state.Account, p *policy.Policy) []check.Result {
		if !p.RegionsConfigured() {
			return residencyNotConfigured(a)
		}
		var out []check.Result
		bad := regionalListingUnknown(a, service, &out, list)
		for _, x := range items(a) {
			if bad[x.Ref().Region] {
				continue
			}
			if item != "" {
				if g, ok := a.Gaps.ForInput(item, x.Ref().Region, x.Ref().ARN); ok {
					out = append(out, check.GapR(x, g))
					continue
				}
			}
			regs := regionsOf(x)
			if len(regs) == 0 {
				continue
			}
			if d := disallowed(p, regs); len(d) > 0 {
				out = append(out, check.FailR(x, "%s has copies in %s, outside the allowed regions (%s)", label(x), strings.Join(d, ", "), allowedList(p)))
			} else {
				out = append(out, check.PassR(x, "%s has copies only in allowed regions (%s)", label(x), strings.Join(regs, ", ")))
			}
		}
		return out
	}
	return c
}

func rdsInstanceReplicaInAllowedRegion() check.Check {
	return copiesCheck(check.Check{
		ID:          "rds_instance_replica_in_allowed_region",
		Title:       "RDS read replicas (and their sources) are in allowed regions",
		Description: "A cross-region read replica is a full, continuously updated copy of the database in another region.",
		Remediation: check.Remediation{
			Console:   "RDS > Databases > the replica outside the allowed regions > Actions > Delete (or promote and migrate it into an allowed region first).",
			CLI:       "aws rds delete-db-instance --db-instance-identifier <REPLICA> --region <REGION> --skip-final-snapshot",
			Terraform: "resource \"aws_db_instance\" \"replica\" {\n  provider            = aws.allowed_region\n  replicate_source_db = aws_db_instance.primary.arn\n  instance_class      = \"db.r6g.large\"\n}",
		},
	}, "rds", state.InputRDSInstances, "", func(a *state.Account) []state.DBInstance { return a.RDS.Instances }, func(d state.DBInstance) []string {
		return replicaRegions(d.Region, d.ReadReplicaSource, d.ReadReplicas)
	}, func(d state.DBInstance) string { return d.ID })
}

// replicaRegions are the regions holding copies of a database with read
// replicas (ARNs; same-region ones may be bare identifiers) and, when it is
// itself a replica, its source: the source's region, and its own region,
// since a replica is a copy wherever it lives.
func replicaRegions(own, source string, replicas []string) []string {
	var out []string
	for _, r := range replicas {
		if reg := arnRegion(r); reg != "" {
			out = append(out, reg)
		}
	}
	if source != "" {
		out = append(out, own)
		if r := arnRegion(source); r != "" && r != own {
			out = append(out, r)
		}
	}
	return out
}

func rdsClusterReplicaInAllowedRegion() check.Check {
	return copiesCheck(check.Check{
		ID:          "rds_cluster_replica_in_allowed_region",
		Title:       "Aurora cross-region replica clusters (and their sources) are in allowed regions",
		Description: "A cross-region read replica cluster is a full, continuously updated copy of the cluster's data in another region.",
		Remediation: check.Remediation{
			Console:   "RDS > Databases > the replica cluster outside the allowed regions > Actions > Delete (or promote it and migrate the data into an allowed region first).",
			CLI:       "aws rds delete-db-cluster --db-cluster-identifier <REPLICA_CLUSTER> --region <REGION> --skip-final-snapshot",
			Terraform: "resource \"aws_rds_cluster\" \"replica\" {\n  provider                      = aws.allowed_region\n  replication_source_identifier = aws_rds_cluster.primary.arn\n}",
		},
	}, "rds", state.InputRDSClusters, "", func(a *state.Account) []state.DBCluster { return a.RDS.Clusters }, func(c state.DBCluster) []string {
		return replicaRegions(c.Region, c.ReplicationSource, c.ReadReplicas)
	}, func(c state.DBCluster) string { return c.ID })
}

func rdsInstanceBackupReplicationInAllowedRegion() check.Check {
	return copiesCheck(check.Check{
		ID:          "rds_instance_backup_replication_in_allowed_region",
		Title:       "RDS automated backups are replicated only to allowed regions",
		Description: "Cross-region automated backup replication keeps snapshots and transaction logs of the database in another region.",
		Remediation: check.Remediation{
			Console:   "RDS > Automated backups > Replicated > select > Actions > Stop replication; start it again toward an allowed region if needed.",
			CLI:       "aws rds stop-db-instance-automated-backups-replication --source-db-instance-arn <DB_ARN> --region <DESTINATION_REGION>",
			Terraform: "resource \"aws_db_instance_automated_backups_replication\" \"this\" {\n  provider               = aws.allowed_region\n  source_db_instance_arn = aws_db_instance.this.arn\n}",
		},
	}, "rds", state.InputRDSInstances, "", func(a *state.Account) []state.DBInstance { return a.RDS.Instances },
		func(d state.DBInstance) []string { return d.ReplicatedBackupRegions }, func(d state.DBInstance) string { return d.ID })
}

func rdsClusterGlobalInAllowedRegion() check.Check {
	return copiesCheck(check.Check{
		ID:          "rds_cluster_global_in_allowed_region",
		Title:       "Aurora global databases span only allowed regions",
		Description: "An Aurora global database replicates storage to secondary clusters in other regions within a second.",
		Remediation: check.Remediation{
			Console:   "RDS > Databases > the global database > the secondary cluster outside the allowed regions > Actions > Remove from global database, then delete it.",
			CLI:       "aws rds remove-from-global-cluster --global-cluster-identifier <GLOBAL_ID> --db-cluster-identifier <SECONDARY_ARN>",
			Terraform: "resource \"aws_rds_global_cluster\" \"this\" {\n  global_cluster_identifier = \"global\"\n  # only clusters in allowed regions join it\n}",
		},
	}, "rds", state.InputRDSClusters, state.InputRDSGlobalClusters, func(a *state.Account) []state.DBCluster { return a.RDS.Clusters },
		func(c state.DBCluster) []string {
			// Every member of a global database holds its data, so a
			// member's own region counts as one of the copies.
			if len(c.GlobalClusterRegions) == 0 {
				return nil
			}
			return append([]string{c.Region}, c.GlobalClusterRegions...)
		}, func(c state.DBCluster) string { return c.ID })
}

func redshiftClusterSnapshotCopyInAllowedRegion() check.Check {
	return copiesCheck(check.Check{
		ID:          "redshift_cluster_snapshot_copy_in_allowed_region",
		Title:       "Redshift cross-region snapshot copy targets an allowed region",
		Description: "Automatic cross-region snapshot copy puts every snapshot of the warehouse in the destination region.",
		Remediation: check.Remediation{
			Console:   "Redshift > Clusters > select > Actions > Configure cross-region snapshot: choose an allowed destination or turn it off; delete copies already made.",
			CLI:       "aws redshift disable-snapshot-copy --cluster-identifier <CLUSTER>\naws redshift enable-snapshot-copy --cluster-identifier <CLUSTER> --destination-region <ALLOWED_REGION>",
			Terraform: "resource \"aws_redshift_snapshot_copy\" \"this\" {\n  cluster_identifier = aws_redshift_cluster.this.id\n  destination_region = \"<ALLOWED_REGION>\"\n}",
		},
	}, "redshift", state.InputRedshiftClusters, "", func(a *state.Account) []state.RedshiftCluster { return a.Redshift.Clusters }, func(c state.RedshiftCluster) []string {
		if c.CrossRegionSnapshotCopyRegion == "" {
			return nil
		}
		return []string{c.CrossRegionSnapshotCopyRegion}
	}, func(c state.RedshiftCluster) string { return c.ID })
}

func kmsKeyReplicaInAllowedRegion() check.Check {
	return copiesCheck(check.Check{
		ID:          "kms_key_replica_in_allowed_region",
		Title:       "Multi-region KMS keys are replicated only to allowed regions",
		Description: "A replica key can decrypt everything its primary encrypted, in the replica's region: key material outside the allowed regions makes the data there readable.",
		Remediation: check.Remediation{
			Console:   "KMS > Customer managed keys > the replica key in the region outside the allowed set > Key actions > Schedule key deletion.",
			CLI:       "aws kms schedule-key-deletion --key-id <REPLICA_KEY_ARN> --pending-window-in-days 30 --region <REGION>",
			Terraform: "resource \"aws_kms_replica_key\" \"this\" {\n  provider        = aws.allowed_region\n  primary_key_arn = aws_kms_key.primary.arn\n}",
		},
	}, "kms", state.InputKMSKeys, state.InputKMSKeyMetadata, func(a *state.Account) []state.Key { return a.KMS.Keys }, func(k state.Key) []string {
		if !k.MultiRegion || k.MultiRegionType != "PRIMARY" {
			return nil
		}
		return k.ReplicaRegions
	}, func(k state.Key) string { return "key " + k.ID })
}

// logBucketCheck builds a check that log deliveries land in allowed regions.
func logBucketCheck(c check.Check, service string, list state.Input, targets func(*state.Account) []logTarget) check.Check {
	c.Area, c.Service, c.Severity = check.DataResidency, service, check.Medium
	c.Run = func(a *state.Account, p *policy.Policy) []check.Result {
		if !p.RegionsConfigured() {
			return residencyNotConfigured(a)
		}
		var out []check.Result
		if g, ok := listingGap(a, "", list); ok {
			return []check.Result{check.GapR(accountRef(a), g)}
		}
		bad := regionalListingUnknown(a, service, &out, list)
		for _, t := range targets(a) {
			if bad[t.res.Ref().Region] || t.bucket == "" {
				continue
			}
			reg, ok := bucketRegion(a, t.bucket)
			if !ok {
				if g, gapped := listingGap(a, "", state.InputS3Buckets); gapped {
					out = append(out, check.GapR(t.res, g))
					continue
				}
			}
			switch {
			case !ok:
				out = append(out, check.UnknownR(t.res, "%s delivers to bucket %s, which is not in this account's state: its region cannot be read", t.name, t.bucket))
			case p.RegionAllowed(reg):
				out = append(out, check.PassR(t.res, "%s delivers to %s in %s", t.name, t.bucket, regions.Describe(reg)))
			default:
				out = append(out, check.FailR(t.res, "%s delivers to %s in %s, outside the allowed regions (%s)", t.name, t.bucket, regions.Describe(reg), allowedList(p)))
			}
		}
		return out
	}
	return c
}

type logTarget struct {
	res    state.Resource
	name   string
	bucket string
}

func cloudtrailLogsInAllowedRegion() check.Check {
	return logBucketCheck(check.Check{
		ID:          "cloudtrail_logs_in_allowed_region",
		Title:       "CloudTrail delivers its logs to buckets in allowed regions",
		Description: "Audit logs hold account activity, resource names and source addresses; they are data too and must stay in the allowed regions.",
		Remediation: check.Remediation{
			Console:   "CloudTrail > Trails > select > General details > Edit: choose (or create) a log bucket in an allowed region.",
			CLI:       "aws cloudtrail update-trail --name <TRAIL> --s3-bucket-name <BUCKET_IN_ALLOWED_REGION>",
			Terraform: "resource \"aws_cloudtrail\" \"main\" {\n  # ...\n  s3_bucket_name = aws_s3_bucket.trail_in_allowed_region.id\n}",
		},
	}, "cloudtrail", state.InputCloudTrailTrails, func(a *state.Account) []logTarget {
		var out []logTarget
		for _, t := range a.CloudTrail.Trails {
			out = append(out, logTarget{t, "trail " + t.Name, t.S3Bucket})
		}
		return out
	})
}

func configDeliveryInAllowedRegion() check.Check {
	return logBucketCheck(check.Check{
		ID:          "config_delivery_in_allowed_region",
		Title:       "AWS Config delivers configuration snapshots to buckets in allowed regions",
		Description: "Configuration snapshots and history describe every resource in the account; they must stay in the allowed regions.",
		Remediation: check.Remediation{
			Console:   "AWS Config > Settings > Edit: Delivery method, choose a bucket in an allowed region.",
			CLI:       "aws configservice put-delivery-channel --delivery-channel name=default,s3BucketName=<BUCKET_IN_ALLOWED_REGION>",
			Terraform: "resource \"aws_config_delivery_channel\" \"this\" {\n  name           = \"default\"\n  s3_bucket_name = aws_s3_bucket.config_in_allowed_region.id\n}",
		},
	}, "config", state.InputConfigDeliveryChannels, func(a *state.Account) []logTarget {
		var out []logTarget
		for _, d := range a.Config.DeliveryChannels {
			out = append(out, logTarget{d, "delivery channel " + d.Name + " (" + d.Region + ")", d.S3Bucket})
		}
		return out
	})
}

func organizationsRegionDenySCP() check.Check {
	return check.Check{
		ID:          "organizations_region_deny_scp",
		Title:       "A service control policy denies requests outside the allowed regions",
		Description: "Regions enabled by default cannot be switched off; only an SCP that denies actions when aws:RequestedRegion is not an allowed region stops anyone (even administrators) from creating data there.",
		Area:        check.DataResidency,
		Service:     "organizations",
		Severity:    check.High,
		Remediation: check.Remediation{
			Console:   "In the management account: AWS Organizations > Policies > Service control policies > Create policy: Deny NotAction [global services] when StringNotEquals aws:RequestedRegion [allowed regions]; attach it to the root or the workload OUs.",
			CLI:       "aws organizations create-policy --type SERVICE_CONTROL_POLICY --name region-deny --description 'deny outside allowed regions' --content file://region-deny.json\naws organizations attach-policy --policy-id <POLICY_ID> --target-id <ROOT_OR_OU_ID>",
			Terraform: "resource \"aws_organizations_policy\" \"region_deny\" {\n  name    = \"region-deny\"\n  type    = \"SERVICE_CONTROL_POLICY\"\n  content = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Effect    = \"Deny\"\n      NotAction = [\"iam:*\", \"organizations:*\", \"sts:*\", \"support:*\", \"cloudfront:*\", \"route53:*\"]\n      Resource  = \"*\"\n      Condition = { StringNotEquals = { \"aws:RequestedRegion\" = var.allowed_regions } }\n    }]\n  })\n}",
		},
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			if !p.RegionsConfigured() {
				return residencyNotConfigured(a)
			}
			ref := accountRef(a)
			if a.Organization == nil {
				if g, ok := a.Gaps.ForInputs("", "", state.InputOrganization); ok {
					return []check.Result{check.GapR(ref, g)}
				}
				return []check.Result{check.FailR(ref, "the account is not in an organization, so no SCP can deny other regions")}
			}
			var best string
			var leaks []string
			// DescribePolicy and ListTargetsForPolicy are per SCP: an SCP
			// whose document or targets could not be read may be the one.
			var unread *state.Gap
			for _, scp := range a.Organization.SCPs {
				if g, ok := a.Gaps.ForInputs("", scp.ARN, state.InputSCPDocuments, state.InputSCPTargets); ok {
					if unread == nil {
						unread = &g
					}
					continue
				}
				if len(scp.Targets) == 0 {
					continue
				}
				stated, ok := regionDenyRegions(scp.Document)
				if !ok {
					continue
				}
				extra := scpLeaks(stated, p)
				if len(extra) == 0 {
					return []check.Result{check.PassR(ref, "SCP %s (%s) denies requests outside %s", scp.Name, scp.ID, strings.Join(stated, ", "))}
				}
				best, leaks = scp.Name, extra
			}
			if g, ok := a.Gaps.ForInputs("", "", state.InputSCPs, state.InputSCPDocuments, state.InputSCPTargets); ok {
				return []check.Result{check.GapR(ref, g)}
			}
			if unread != nil {
				return []check.Result{check.GapR(ref, *unread)}
			}
			if best != "" {
				return []check.Result{check.FailR(ref, "SCP %s denies other regions but still permits %s, which the policy does not allow", best, strings.Join(leaks, ", "))}
			}
			if len(a.Organization.SCPs) == 0 && !a.Organization.IsManagementAccount {
				return []check.Result{check.UnknownR(ref, "SCPs were not read: a member account cannot list them; scan from the management account or a delegated administrator")}
			}
			return []check.Result{check.FailR(ref, "none of the %d attached SCPs denies requests by aws:RequestedRegion", len(a.Organization.SCPs))}
		},
	}
}

// scpLeaks returns the known regions an SCP's allow-list (values, possibly
// with * and ? wildcards) admits that the policy does not allow.
func scpLeaks(stated []string, p *policy.Policy) []string {
	var out []string
	for _, info := range regions.All() {
		for _, pat := range stated {
			if ok, _ := path.Match(pat, info.Region); ok && !p.RegionAllowed(info.Region) {
				out = append(out, info.Region)
				break
			}
		}
	}
	for _, pat := range stated { // regions the table does not know
		if !strings.ContainsAny(pat, "*?") {
			if _, known := regions.Lookup(pat); !known && !p.RegionAllowed(pat) {
				out = append(out, pat)
			}
		}
	}
	sort.Strings(out)
	return out
}

// regionDenyRegions finds a Deny statement conditioned on aws:RequestedRegion
// not matching a list (StringNotEquals / StringNotLike, with or without
// IfExists) and returns that list: the regions the SCP still permits.
func regionDenyRegions(doc string) ([]string, bool) {
	pol, err := iampolicy.Parse(doc)
	if err != nil {
		return nil, false
	}
	for _, s := range pol.Statements {
		if s.Effect != iampolicy.Deny {
			continue
		}
		for _, c := range s.Conditions("aws:RequestedRegion") {
			switch strings.TrimSuffix(strings.ToLower(c.Operator), "ifexists") {
			case "stringnotequals", "stringnotlike", "stringnotequalsignorecase":
				if len(c.Values) > 0 {
					return c.Values, true
				}
			}
		}
	}
	return nil, false
}

func dynamoMoveFix() check.Remediation {
	return check.Remediation{
		Console:   "Export the table to S3 in an allowed region (or restore a backup there), import it as a new table in the allowed region, switch the applications, then delete the table outside the allowed regions.",
		CLI:       "aws dynamodb export-table-to-point-in-time --table-arn <TABLE_ARN> --s3-bucket <BUCKET_IN_ALLOWED_REGION>\naws dynamodb import-table --s3-bucket-source S3Bucket=<BUCKET> --input-format DYNAMODB_JSON --table-creation-parameters file://table.json --region <ALLOWED_REGION>",
		Terraform: "resource \"aws_dynamodb_table\" \"this\" {\n  provider = aws.allowed_region\n  # ...\n}",
	}
}

func efsMoveFix() check.Remediation {
	return check.Remediation{
		Console:   "Create a file system in an allowed region (or a replica there with EFS replication, then fail over to it), copy the data, switch the mounts, delete the file system outside the allowed regions.",
		CLI:       "aws efs create-replication-configuration --source-file-system-id <FS_ID> --destinations Region=<ALLOWED_REGION>",
		Terraform: "resource \"aws_efs_file_system\" \"this\" {\n  provider  = aws.allowed_region\n  encrypted = true\n}",
	}
}

func backupVaultMoveFix() check.Remediation {
	return check.Remediation{
		Console:   "AWS Backup > Backup plans: target vaults in allowed regions only; let the recovery points in the other vault expire (or delete them), then delete the vault.",
		CLI:       "aws backup list-recovery-points-by-backup-vault --backup-vault-name <VAULT> --region <REGION>\naws backup delete-recovery-point --backup-vault-name <VAULT> --recovery-point-arn <RP_ARN> --region <REGION>\naws backup delete-backup-vault --backup-vault-name <VAULT> --region <REGION>",
		Terraform: "resource \"aws_backup_vault\" \"this\" {\n  provider = aws.allowed_region\n  name     = \"<VAULT>\"\n}",
	}
}

func dynamodbTableReplicaInAllowedRegion() check.Check {
	return copiesCheck(check.Check{
		ID:          "dynamodb_table_replica_in_allowed_region",
		Title:       "DynamoDB global tables replicate only to allowed regions",
		Description: "A global table keeps a full, writable replica of every item in each replica region.",
		Remediation: check.Remediation{
			Console:   "DynamoDB > Tables > the table > Global tables: delete the replica in the region outside the allowed set.",
			CLI:       "aws dynamodb update-table --table-name <TABLE> --replica-updates 'Delete={RegionName=<REGION>}'",
			Terraform: "resource \"aws_dynamodb_table\" \"this\" {\n  # ...\n  replica { region_name = \"<ALLOWED_REGION>\" } # only allowed regions\n}",
		},
	}, "dynamodb", state.InputDynamoDBTables, state.InputDynamoDBTableDescription, func(a *state.Account) []state.DynamoDBTable { return a.DynamoDB.Tables },
		func(t state.DynamoDBTable) []string { return t.ReplicaRegions }, func(t state.DynamoDBTable) string { return "table " + t.Name })
}

func efsFilesystemReplicationInAllowedRegion() check.Check {
	return copiesCheck(check.Check{
		ID:          "efs_filesystem_replication_in_allowed_region",
		Title:       "EFS replication copies file systems only to allowed regions",
		Description: "EFS replication keeps a read-only copy of every file in the destination region.",
		Service:     "efs",
		Remediation: check.Remediation{
			Console:   "EFS > File systems > the file system > Replication: delete the replication to the region outside the allowed set (then delete the replica file system there).",
			CLI:       "aws efs delete-replication-configuration --source-file-system-id <FS_ID>",
			Terraform: "resource \"aws_efs_replication_configuration\" \"this\" {\n  source_file_system_id = aws_efs_file_system.this.id\n  destination { region = \"<ALLOWED_REGION>\" }\n}",
		},
	}, "elasticfilesystem", state.InputEFSFileSystems, state.InputEFSReplication, func(a *state.Account) []state.FileSystem { return a.EFS.FileSystems },
		func(f state.FileSystem) []string { return f.ReplicationDestinations }, func(f state.FileSystem) string { return "file system " + f.ID })
}

func backupPlanCopyInAllowedRegion() check.Check {
	return check.Check{
		ID:          "backup_plan_copy_in_allowed_region",
		Title:       "AWS Backup copy actions keep copies in allowed regions",
		Description: "A copy action sends every recovery point of the rule to the destination vault's region; copies for disaster recovery must stay within the allowed regions.",
		Area:        check.DataResidency,
		Service:     "backup",
		Severity:    check.High,
		Remediation: check.Remediation{
			Console:   "AWS Backup > Backup plans > the plan > the rule > Edit > Generate copy: choose a destination vault in an allowed region; delete the copies already made outside it.",
			CLI:       "aws backup update-backup-plan --backup-plan-id <PLAN_ID> --backup-plan file://plan-with-allowed-copy.json",
			Terraform: "resource \"aws_backup_plan\" \"this\" {\n  rule {\n    # ...\n    copy_action {\n      destination_vault_arn = aws_backup_vault.dr_in_allowed_region.arn\n    }\n  }\n}",
		},
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			if !p.RegionsConfigured() {
				return residencyNotConfigured(a)
			}
			var out []check.Result
			bad := regionalListingUnknown(a, "backup", &out, state.InputBackupPlans)
			for _, plan := range a.Backup.Plans {
				if bad[plan.Region] {
					continue
				}
				if g, ok := a.Gaps.ForInput(state.InputBackupPlanRules, plan.Region, plan.ARN); ok {
					out = append(out, check.GapR(plan, g))
					continue
				}
				var regs []string
				for _, r := range plan.Rules {
					for _, c := range r.CopyActions {
						regs = append(regs, c.Region())
					}
				}
				switch d := disallowed(p, regs); {
				case len(regs) == 0:
				case len(d) > 0:
					out = append(out, check.FailR(plan, "plan %s copies recovery points to %s, outside the allowed regions (%s)", plan.Name, strings.Join(d, ", "), allowedList(p)))
				default:
					out = append(out, check.PassR(plan, "plan %s copies only to allowed regions", plan.Name))
				}
			}
			return out
		},
	}
}
