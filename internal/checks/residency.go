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
		residencyStore("ec2_volume_in_allowed_region", "EBS volumes", "ec2", state.InputEC2Volumes, volumesOf),
		residencyStore("ec2_snapshot_in_allowed_region", "EBS snapshots (including cross-region copies)", "ec2", state.InputEC2Snapshots, snapshotsOf),
		residencyStore("rds_instance_in_allowed_region", "RDS DB instances", "rds", state.InputRDSInstances, dbInstancesOf),
		residencyStore("rds_cluster_in_allowed_region", "RDS/Aurora DB clusters", "rds", state.InputRDSClusters, dbClustersOf),
		residencyStoreGaps("rds_snapshot_in_allowed_region", "RDS snapshots (including cross-region copies)", "rds", snapshotListOps, dbSnapshotsOf),
		residencyStore("redshift_cluster_in_allowed_region", "Redshift clusters", "redshift", state.InputRedshiftClusters, redshiftOf),
		residencyStore("workspaces_workspace_in_allowed_region", "WorkSpaces (their root and user volumes)", "workspaces", state.InputWorkSpaces, workspacesOf),
		residencyStore("dynamodb_table_in_allowed_region", "DynamoDB tables", "dynamodb", state.InputDynamoDBTables, dynamoTablesOf),
		residencyStoreGaps("efs_filesystem_in_allowed_region", "EFS file systems", efsService, []state.Input{state.InputEFSFileSystems}, fileSystemsOf),
		residencyStore("backup_vault_in_allowed_region", "AWS Backup vaults (and the recovery points in them)", "backup", state.InputBackupVaults, vaultsOf),
		residencyStore("sqs_queue_in_allowed_region", "SQS queues (the messages in them)", "sqs", state.InputSQSQueues, queuesOf),
		residencyStore("secretsmanager_secret_in_allowed_region", "Secrets Manager secrets (including replicas)", "secretsmanager", state.InputSecrets, secretsOf),
		residencyStore("ecr_repository_in_allowed_region", "ECR repositories (the images in them)", "ecr", state.InputECRRepositories, repositoriesOf),
		// svc-data: ElastiCache
		residencyStoreGaps("elasticache_in_allowed_region", "ElastiCache caches (the data in them)", "elasticache",
			[]state.Input{state.InputCacheReplicationGroups, state.InputCacheClusters}, cachesOf),
		// svc-stream: Kinesis Data Streams
		residencyStore("kinesis_stream_in_allowed_region", "Kinesis data streams (the records in them)", "kinesis", state.InputKinesisStreams, streamsOf),
		residencyStore("firehose_delivery_stream_in_allowed_region", "Firehose delivery streams (the records they buffer)", "firehose", state.InputFirehoseStreams, deliveryStreamsOf),
		// svc-search: OpenSearch Service domains (both engines)
		residencyStore("opensearch_domain_in_allowed_region", "OpenSearch Service domains (the indexes in them)", "es", state.InputOpenSearchDomains, domainsOf),
		// svc-msk: Amazon MSK clusters
		residencyStore("msk_cluster_in_allowed_region", "MSK clusters (the records in their topics)", "kafka", state.InputMSKClusters, mskClustersOf),
		residencyStore("redshiftserverless_namespace_in_allowed_region", "Redshift Serverless namespaces (the data in them)", "redshift-serverless",
			state.InputServerlessNamespaces, serverlessNamespacesOf),
		// svc-dax: DynamoDB Accelerator clusters
		residencyStore("dax_cluster_in_allowed_region", "DAX clusters (the items they cache)", "dax", state.InputDAXClusters, daxClustersOf),
		// svc-fsx: Amazon FSx file systems (all four types)
		residencyStore("fsx_file_system_in_allowed_region", "FSx file systems (the files on them)", "fsx", state.InputFSxFileSystems, fsxFileSystemsOf),
		// exposure-gaps: DMS replication instances (the data in flight)
		residencyStore("dms_replication_instance_in_allowed_region", "DMS replication instances (the data they migrate)", "dms",
			state.InputDMSReplicationInstances, dmsInstancesOf),
		// svc-mq: Amazon MQ brokers
		residencyStore("mq_broker_in_allowed_region", "Amazon MQ brokers (the messages they hold)", "mq", state.InputMQBrokers, mqBrokersOf),
		// svc-s3dir: S3 directory buckets
		residencyStore("s3_directory_bucket_in_allowed_region", "S3 directory buckets (the objects in them)", "s3express", state.InputS3DirectoryBuckets, directoryBucketsOf),
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

// cachesOf lists ElastiCache's stores: replication groups and the
// clusters outside any group (svc-data).
func cachesOf(a *state.Account) []state.Resource {
	out := resources(a.ElastiCache.ReplicationGroups)
	for _, k := range a.ElastiCache.Clusters {
		if k.Standalone() {
			out = append(out, k)
		}
	}
	return out
}

// streamsOf lists the Kinesis data streams (svc-stream).
func streamsOf(a *state.Account) []state.Resource { return resources(a.Kinesis.Streams) }

// deliveryStreamsOf lists the Firehose delivery streams (svc-stream).
func deliveryStreamsOf(a *state.Account) []state.Resource {
	return resources(a.Firehose.DeliveryStreams)
}

// domainsOf lists the OpenSearch Service domains (svc-search).
func domainsOf(a *state.Account) []state.Resource { return resources(a.OpenSearch.Domains) }

// mskClustersOf lists the MSK clusters (svc-msk).
func mskClustersOf(a *state.Account) []state.Resource { return resources(a.MSK.Clusters) }

// serverlessNamespacesOf lists the Redshift Serverless namespaces (svc-msk).
func serverlessNamespacesOf(a *state.Account) []state.Resource {
	return resources(a.RedshiftServerless.Namespaces)
}

// daxClustersOf lists the DynamoDB Accelerator clusters (svc-dax).
func daxClustersOf(a *state.Account) []state.Resource { return resources(a.DAX.Clusters) }

// fsxFileSystemsOf lists the FSx file systems of every type (svc-fsx).
func fsxFileSystemsOf(a *state.Account) []state.Resource { return resources(a.FSx.FileSystems) }

// dmsInstancesOf lists the DMS replication instances (exposure-gaps).
func dmsInstancesOf(a *state.Account) []state.Resource { return resources(a.DMS.ReplicationInstances) }

// mqBrokersOf lists the Amazon MQ brokers (svc-mq).
func mqBrokersOf(a *state.Account) []state.Resource { return resources(a.MQ.Brokers) }

// directoryBucketsOf lists the S3 directory buckets (svc-s3dir).
func directoryBucketsOf(a *state.Account) []state.Resource { return resources(a.S3Express.Buckets) }

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
func residencyStore(id, what, service string, list state.Input, items func(*state.Account) []state.Resource) check.Check {
	return residencyStoreGaps(id, what, service, []state.Input{list}, items)
}

// residencyStoreGaps is residencyStore for services whose gap prefix differs
// from the check's service name (EFS: elasticfilesystem) or whose state is
// filled by several listings (RDS snapshots: DB and cluster snapshots).
func residencyStoreGaps(id, what, gapService string, list []state.Input, items func(*state.Account) []state.Resource) check.Check {
	return check.Check{
		ID: id,
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
		ID: "account_enabled_regions_allowed",
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
		ID: "s3_bucket_in_allowed_region",
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
		ID: "s3_replication_in_allowed_region",
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
		ID: "rds_instance_replica_in_allowed_region",
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
		ID: "rds_cluster_replica_in_allowed_region",
	}, "rds", state.InputRDSClusters, "", func(a *state.Account) []state.DBCluster { return a.RDS.Clusters }, func(c state.DBCluster) []string {
		return replicaRegions(c.Region, c.ReplicationSource, c.ReadReplicas)
	}, func(c state.DBCluster) string { return c.ID })
}

func rdsInstanceBackupReplicationInAllowedRegion() check.Check {
	return copiesCheck(check.Check{
		ID: "rds_instance_backup_replication_in_allowed_region",
	}, "rds", state.InputRDSInstances, "", func(a *state.Account) []state.DBInstance { return a.RDS.Instances },
		func(d state.DBInstance) []string { return d.ReplicatedBackupRegions }, func(d state.DBInstance) string { return d.ID })
}

func rdsClusterGlobalInAllowedRegion() check.Check {
	return copiesCheck(check.Check{
		ID: "rds_cluster_global_in_allowed_region",
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
		ID: "redshift_cluster_snapshot_copy_in_allowed_region",
	}, "redshift", state.InputRedshiftClusters, "", func(a *state.Account) []state.RedshiftCluster { return a.Redshift.Clusters }, func(c state.RedshiftCluster) []string {
		if c.CrossRegionSnapshotCopyRegion == "" {
			return nil
		}
		return []string{c.CrossRegionSnapshotCopyRegion}
	}, func(c state.RedshiftCluster) string { return c.ID })
}

func kmsKeyReplicaInAllowedRegion() check.Check {
	return copiesCheck(check.Check{
		ID: "kms_key_replica_in_allowed_region",
	}, "kms", state.InputKMSKeys, state.InputKMSKeyMetadata, func(a *state.Account) []state.Key { return a.KMS.Keys }, func(k state.Key) []string {
		if !k.MultiRegion || k.MultiRegionType != "PRIMARY" {
			return nil
		}
		return k.ReplicaRegions
	}, func(k state.Key) string { return "key " + k.ID })
}

// logBucketCheck builds a check that log deliveries land in allowed regions.
func logBucketCheck(c check.Check, service string, list state.Input, targets func(*state.Account) []logTarget) check.Check {
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
		ID: "cloudtrail_logs_in_allowed_region",
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
		ID: "config_delivery_in_allowed_region",
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
		ID: "organizations_region_deny_scp",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			if !p.RegionsConfigured() {
				return residencyNotConfigured(a)
			}
			return regionDenyVerdict(a, p)
		},
	}
}

// regionDenyVerdict judges whether an SCP that applies to the account (one
// attached to the account, to the root or to an OU above it in the tree)
// denies requests outside the allowed regions. It reads the organization
// facts through orgView: applied from the management account's scan, or
// the account's own reads.
func regionDenyVerdict(a *state.Account, p *policy.Policy) []check.Result {
	ref := accountRef(a)
	v := orgView(a)
	if v.org == nil {
		if g, ok := a.Gaps.ForInputs("", "", state.InputOrganization); ok {
			return []check.Result{check.GapR(ref, g)}
		}
		return []check.Result{check.FailR(ref, "the account is not in an organization, so no SCP can deny other regions")}
	}
	if isManagement(a) {
		return []check.Result{check.FailR(ref, "SCPs never restrict the management account: no SCP can keep its data in the allowed regions; keep workloads and data out of it")}
	}
	var best string
	var leaks []string
	// DescribePolicy and ListTargetsForPolicy are per SCP: an SCP
	// whose document or targets could not be read may be the one.
	var unread *state.Gap
	var unplaced string
	apply := 0
	for _, scp := range v.org.SCPs {
		if g, ok := v.gaps.ForInputs("", scp.ARN, state.InputSCPDocuments, state.InputSCPTargets); ok {
			if unread == nil {
				unread = &g
			}
			continue
		}
		applies, known := v.org.Tree.AppliesTo(scp.Targets, a.AccountID)
		if applies {
			apply++
		}
		stated, ok := regionDenyRegions(scp.Document)
		if !ok {
			continue
		}
		if !known {
			unplaced = scp.Name
			continue
		}
		if !applies {
			continue
		}
		extra := scpLeaks(stated, p)
		if len(extra) == 0 {
			return []check.Result{check.PassR(ref, "SCP %s (%s), attached to %s, denies requests outside %s%s", scp.Name, scp.ID, strings.Join(scp.Targets, ", "), strings.Join(stated, ", "), v.from())}
		}
		best, leaks = scp.Name, extra
	}
	if g, ok := v.gaps.ForInputs("", "", state.InputSCPs, state.InputSCPDocuments, state.InputSCPTargets); ok {
		return []check.Result{check.GapR(ref, g)}
	}
	if unread != nil {
		return []check.Result{check.GapR(ref, *unread)}
	}
	if best != "" {
		return []check.Result{check.FailR(ref, "SCP %s denies other regions but still permits %s, which the policy does not allow", best, strings.Join(leaks, ", "))}
	}
	if unplaced != "" {
		return []check.Result{check.UnknownR(ref, "SCP %s denies other regions from an organizational unit, and the OU tree that would place this account under it was not read", unplaced)}
	}
	if len(v.org.SCPs) == 0 && !v.applied {
		return []check.Result{check.UnknownR(ref, "SCPs were not read: a member account cannot list them; scan from the management account or a delegated administrator")}
	}
	return []check.Result{check.FailR(ref, "no SCP that applies to the account (%d attached to it, its OUs or the root) denies requests by aws:RequestedRegion%s", apply, v.from())}
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

func dynamodbTableReplicaInAllowedRegion() check.Check {
	return copiesCheck(check.Check{
		ID: "dynamodb_table_replica_in_allowed_region",
	}, "dynamodb", state.InputDynamoDBTables, state.InputDynamoDBTableDescription, func(a *state.Account) []state.DynamoDBTable { return a.DynamoDB.Tables },
		func(t state.DynamoDBTable) []string { return t.ReplicaRegions }, func(t state.DynamoDBTable) string { return "table " + t.Name })
}

func efsFilesystemReplicationInAllowedRegion() check.Check {
	return copiesCheck(check.Check{
		ID: "efs_filesystem_replication_in_allowed_region",
	}, "elasticfilesystem", state.InputEFSFileSystems, state.InputEFSReplication, func(a *state.Account) []state.FileSystem { return a.EFS.FileSystems },
		func(f state.FileSystem) []string { return f.ReplicationDestinations }, func(f state.FileSystem) string { return "file system " + f.ID })
}

func backupPlanCopyInAllowedRegion() check.Check {
	return check.Check{
		ID: "backup_plan_copy_in_allowed_region",
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
