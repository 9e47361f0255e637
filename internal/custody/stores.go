package custody

import "github.com/shoulder-dev/shoulder/internal/state"

// Store is one place where customer data rests, with the key protecting it.
type Store struct {
	// Resource is the store's ARN, region and tags.
	Resource state.Meta
	// Service is the AWS service prefix: s3, ec2, rds, redshift,
	// workspaces, dynamodb, elasticfilesystem, backup, sqs, secretsmanager
	// ecr, elasticache, kinesis, firehose or es (OpenSearch Service).
	// ecr, elasticache, kinesis, firehose, kafka or redshift-serverless.
	Service string
	// Kind names the resource type: bucket, volume, snapshot, db-instance,
	// db-cluster, db-snapshot, cluster, workspace, table, file-system,
	// backup-vault, queue, secret, repository, replication-group,
	// cache-cluster, stream, delivery-stream or domain.
	// cache-cluster, stream, delivery-stream, msk-cluster or
	// serverless-namespace; dax-cluster (svc-dax: service dax);
	// fsx-file-system (svc-fsx: service fsx); replication-instance
	// (service dms); broker (svc-mq: service mq); directory-bucket
	// (svc-s3dir: service s3express).
	Kind string
	// KeyRef is the key as the store names it (ID, ARN or alias); empty
	// when the store is unencrypted or uses its service's default key.
	KeyRef string
	// Level is the store's custody level.
	Level Level
	// Gap is set when the store's encryption settings, or the key they
	// name, could not be read; Level is then Unknown.
	Gap *state.Gap
}

// Ref returns the store's identity, so a Store can be handed to a check result.
func (s Store) Ref() state.Meta { return s.Resource }

// Stores lists every data store in the account state with its custody
// level: S3 buckets, EBS volumes and snapshots, RDS instances (outside
// clusters), clusters and snapshots, Redshift clusters, WorkSpaces,
// DynamoDB tables, EFS file systems, AWS Backup vaults, SQS queues,
// Secrets Manager secrets and ECR repositories.
func Stores(a *state.Account) []Store {
	ix := NewIndex(a.KMS.Keys)
	// Sized once: at most one store per resource listed below.
	out := make([]Store, 0, storesCap(a))
	add := func(m state.Meta, service, kind string, encrypted bool, ref string, dflt Level) {
		s := Store{Resource: m, Service: service, Kind: kind, KeyRef: ref}
		switch {
		case !encrypted:
			s.Level = None
		case ref == "":
			s.Level = dflt
		default:
			s.Level = ix.Level(m.Region, ref)
			if g, ok := ix.Gap(&a.Gaps, m.Region, ref); ok {
				gc := g // g itself escaped: one gap allocated per store, gap or not
				s.Gap = &gc
			}
		}
		out = append(out, s)
	}
	withGap := func(g state.Gap, m state.Meta, service, kind string) {
		gc := g
		out = append(out, Store{Resource: m, Service: service, Kind: kind, Level: Unknown, Gap: &gc})
	}
	// unread adds the store as unknown when the read its custody comes
	// from failed (with the gap) or did not describe it, and says so.
	unread := func(in state.Input, m state.Meta, described bool, service, kind string) bool {
		if g, ok := a.Gaps.ForInput(in, m.Region, m.ARN); ok {
			withGap(g, m, service, kind)
			return true
		}
		if !described {
			out = append(out, Store{Resource: m, Service: service, Kind: kind, Level: Unknown})
			return true
		}
		return false
	}

	for _, b := range a.S3.Buckets {
		if g, ok := a.Gaps.ForInput(state.InputS3BucketEncryption, b.Region, b.ARN); ok {
			withGap(g, b.Meta, "s3", "bucket")
			continue
		}
		ref, dflt := BucketKey(b.Encryption)
		add(b.Meta, "s3", "bucket", true, ref, dflt)
	}
	for _, v := range a.EC2.Volumes {
		add(v.Meta, "ec2", "volume", v.Encrypted, v.KMSKeyID, AWSManaged)
	}
	for _, s := range a.EC2.Snapshots {
		add(s.Meta, "ec2", "snapshot", s.Encrypted, s.KMSKeyID, AWSManaged)
	}
	for _, d := range a.RDS.Instances {
		if d.ClusterID != "" {
			continue // an Aurora member's storage is its cluster's
		}
		add(d.Meta, "rds", "db-instance", d.StorageEncrypted, d.KMSKeyID, AWSManaged)
	}
	for _, c := range a.RDS.Clusters {
		add(c.Meta, "rds", "db-cluster", c.StorageEncrypted, c.KMSKeyID, AWSManaged)
	}
	for _, s := range a.RDS.Snapshots {
		add(s.Meta, "rds", "db-snapshot", s.Encrypted, s.KMSKeyID, AWSManaged)
	}
	for _, c := range a.Redshift.Clusters {
		add(c.Meta, "redshift", "cluster", c.Encrypted, c.KMSKeyID, AWSManaged)
	}
	for _, w := range a.WorkSpaces.Workspaces {
		// The weaker volume decides: an unencrypted root or user volume
		// leaves data in clear.
		add(w.Meta, "workspaces", "workspace", w.RootVolumeEncryption && w.UserVolumeEncryption, w.VolumeEncryptionKey, AWSManaged)
	}
	for _, t := range a.DynamoDB.Tables {
		if g, ok := a.Gaps.ForInput(state.InputDynamoDBTableDescription, t.Region, t.ARN); ok {
			withGap(g, t.Meta, "dynamodb", "table")
			continue
		}
		add(t.Meta, "dynamodb", "table", true, t.KMSKeyARN, AWSOwned)
	}
	for _, f := range a.EFS.FileSystems {
		add(f.Meta, "elasticfilesystem", "file-system", f.Encrypted, f.KMSKeyID, AWSManaged)
	}
	for _, v := range a.Backup.Vaults {
		if g, ok := a.Gaps.ForInput(state.InputBackupVaults, v.Region, v.ARN); ok {
			withGap(g, v.Meta, "backup", "backup-vault")
			continue
		}
		// A vault always has a key; an empty one means it was not reported.
		add(v.Meta, "backup", "backup-vault", true, v.EncryptionKeyARN, Unknown)
	}
	for _, q := range a.SQS.Queues {
		if g, ok := a.Gaps.ForInput(state.InputSQSQueueAttributes, q.Region, q.ARN); ok {
			withGap(g, q.Meta, "sqs", "queue")
			continue
		}
		// SSE-SQS: a key SQS owns; SSE-KMS names its key (alias/aws/sqs
		// is the AWS managed one).
		add(q.Meta, "sqs", "queue", q.Encrypted(), q.KMSKeyID, AWSOwned)
	}
	for _, s := range a.SecretsManager.Secrets {
		// Secrets are always encrypted; no key means aws/secretsmanager.
		add(s.Meta, "secretsmanager", "secret", true, s.KMSKeyID, AWSManaged)
	}
	for _, r := range a.ECR.Repositories {
		switch r.EncryptionType {
		case "KMS", "KMS_DSSE": // no key means aws/ecr
			add(r.Meta, "ecr", "repository", true, r.KMSKeyID, AWSManaged)
		default: // AES256: S3-managed keys ECR owns
			add(r.Meta, "ecr", "repository", true, "", AWSOwned)
		}
	}
	// svc-data: ElastiCache. A cache's store is its replication group, or
	// the cluster when it belongs to none. Encryption at rest without a
	// key is ElastiCache's own (AWS owned) key.
	for _, g := range a.ElastiCache.ReplicationGroups {
		add(g.Meta, "elasticache", "replication-group", g.AtRestEncryption, g.KMSKeyID, AWSOwned)
	}
	for _, k := range a.ElastiCache.Clusters {
		if k.Standalone() {
			add(k.Meta, "elasticache", "cache-cluster", k.AtRestEncryption, "", AWSOwned)
		}
	}
	// svc-stream: Kinesis Data Streams. Encryption is in each stream's
	// summary; KMS without a customer key is alias/aws/kinesis, the AWS
	// managed key. A summary that was not read leaves custody unknown.
	for _, s := range a.Kinesis.Streams {
		if unread(state.InputKinesisStreamSummary, s.Meta, s.Described, "kinesis", "stream") {
			continue
		}
		add(s.Meta, "kinesis", "stream", s.Encrypted(), s.KMSKeyID, AWSManaged)
	}
	// svc-stream: Firehose delivery streams that take records directly
	// (or from MSK or a database) buffer them under Firehose's own
	// encryption: an AWS owned key unless a customer managed key is named.
	// A delivery stream that reads a Kinesis data stream is not a store of
	// its own: its records rest in the source stream, listed above.
	for _, d := range a.Firehose.DeliveryStreams {
		if unread(state.InputFirehoseDescription, d.Meta, d.Described, "firehose", "delivery-stream") {
			continue
		}
		if d.FromKinesis() {
			continue
		}
		key := ""
		if d.KeyType == "CUSTOMER_MANAGED_CMK" {
			key = d.KMSKeyARN
		}
		add(d.Meta, "firehose", "delivery-stream", d.Encrypted(), key, AWSOwned)
	}
	// svc-search: OpenSearch Service domains (both engines). Encryption at
	// rest is in DescribeDomains; without a key it is aws/es, the AWS
	// managed key. A status that was not read leaves custody unknown.
	for _, d := range a.OpenSearch.Domains {
		if unread(state.InputOpenSearchDomainStatus, d.Meta, d.Described, "es", "domain") {
			continue
		}
		add(d.Meta, "es", "domain", d.EncryptedAtRest, d.KMSKeyID, AWSManaged)
	}
	// svc-msk: MSK clusters always encrypt their storage. A provisioned
	// cluster names the key of its broker volumes (none: the AWS managed
	// key aws/kafka); a serverless cluster uses keys MSK owns.
	for _, k := range a.MSK.Clusters {
		dflt := AWSManaged
		if k.Serverless() {
			dflt = AWSOwned
		}
		add(k.Meta, "kafka", "msk-cluster", true, k.KMSKeyID, dflt)
	}
	// svc-msk: Redshift Serverless namespaces are always encrypted: with
	// a key AWS owns unless a customer managed key is named.
	for _, n := range a.RedshiftServerless.Namespaces {
		key := n.KMSKeyID
		if n.AWSOwnedKey() {
			key = ""
		}
		add(n.Meta, "redshift-serverless", "serverless-namespace", true, key, AWSOwned)
	}
	// svc-s3dir: S3 directory buckets, judged by the general purpose
	// bucket's rule (BucketKey); a directory bucket always encrypts, so an
	// answer without a default encryption leaves custody unknown.
	for _, b := range a.S3Express.Buckets {
		if g, ok := a.Gaps.ForInput(state.InputS3DirectoryBucketEncryption, b.Region, b.ARN); ok {
			withGap(g, b.Meta, "s3express", "directory-bucket")
			continue
		}
		if b.Encryption == nil {
			out = append(out, Store{Resource: b.Meta, Service: "s3express", Kind: "directory-bucket", Level: Unknown})
			continue
		}
		ref, dflt := BucketKey(b.Encryption)
		add(b.Meta, "s3express", "directory-bucket", true, ref, dflt)
	}
	// svc-dax: DAX clusters encrypt at rest only with a key AWS owns (no
	// customer managed key can be chosen); unknown when the listing
	// reported no SSE status.
	for _, c := range a.DAX.Clusters {
		on, reported := c.EncryptedAtRest()
		if !reported {
			out = append(out, Store{Resource: c.Meta, Service: "dax", Kind: "dax-cluster", Level: Unknown})
			continue
		}
		add(c.Meta, "dax", "dax-cluster", on, "", AWSOwned)
	}
	// svc-fsx: FSx always encrypts at rest. Every type but Lustre scratch
	// names its KMS key (aws/fsx unless the owner chose one); a scratch
	// file system uses keys FSx owns. A key not reported on any other
	// file system leaves its custody unknown.
	for _, f := range a.FSx.FileSystems {
		switch {
		case f.KMSKeyID != "":
			add(f.Meta, "fsx", "fsx-file-system", true, f.KMSKeyID, AWSManaged)
		case f.Scratch():
			add(f.Meta, "fsx", "fsx-file-system", true, "", AWSOwned)
		default:
			out = append(out, Store{Resource: f.Meta, Service: "fsx", Kind: "fsx-file-system", Level: Unknown})
		}
	}
	// exposure-gaps: DMS replication instances hold the data in flight
	// (cached changes, LOB staging, task logs) on storage DMS always
	// encrypts: with the AWS managed key aws/dms unless a customer key is
	// named. Endpoints hold connection settings, not data: the databases
	// they name are stores of their own where shoulder reads them.
	for _, i := range a.DMS.ReplicationInstances {
		add(i.Meta, "dms", "replication-instance", true, i.KMSKeyID, AWSManaged)
	}
	// svc-mq: Amazon MQ brokers always encrypt their storage: with a key
	// Amazon MQ owns (the default, and RabbitMQ's only choice), the AWS
	// managed key aws/mq when no key is named, or the customer managed key
	// named. A description that was not read leaves custody unknown.
	for _, k := range a.MQ.Brokers {
		if unread(state.InputMQBrokerDetails, k.Meta, k.Described, "mq", "broker") {
			continue
		}
		if k.AWSOwnedKey {
			add(k.Meta, "mq", "broker", true, "", AWSOwned)
			continue
		}
		add(k.Meta, "mq", "broker", true, k.KMSKeyID, AWSManaged)
	}
	return out
}

// storesCap is the most stores Stores may list: one per resource of
// every list it ranges over, one term per loop. Stores that outgrew their
// first slice were copied into larger ones: 0.1 GB more at 1M resources
// (TestStoresSizedOnce fails when a loop is missing here).
func storesCap(a *state.Account) int {
	return len(a.S3.Buckets) + len(a.EC2.Volumes) + len(a.EC2.Snapshots) + len(a.RDS.Instances) +
		len(a.RDS.Clusters) + len(a.RDS.Snapshots) + len(a.Redshift.Clusters) + len(a.WorkSpaces.Workspaces) +
		len(a.DynamoDB.Tables) + len(a.EFS.FileSystems) + len(a.Backup.Vaults) + len(a.SQS.Queues) +
		len(a.SecretsManager.Secrets) + len(a.ECR.Repositories) + len(a.ElastiCache.ReplicationGroups) +
		len(a.ElastiCache.Clusters) + len(a.Kinesis.Streams) + len(a.Firehose.DeliveryStreams) +
		len(a.OpenSearch.Domains) + len(a.MSK.Clusters) + len(a.RedshiftServerless.Namespaces) +
		len(a.S3Express.Buckets) + len(a.DAX.Clusters) + len(a.FSx.FileSystems) +
		len(a.DMS.ReplicationInstances) + len(a.MQ.Brokers)
}

// storeListings are the listing inputs Stores depends on (S3's global
// bucket listing aside), one group per service, in a fixed order.
var storeListings = [][]state.Input{
	{state.InputEC2Volumes, state.InputEC2Snapshots},
	{state.InputRDSInstances, state.InputRDSClusters, state.InputRDSSnapshots, state.InputRDSClusterSnapshots},
	{state.InputRedshiftClusters},
	{state.InputWorkSpaces},
	{state.InputDynamoDBTables},
	{state.InputEFSFileSystems},
	{state.InputBackupVaults},
	{state.InputSQSQueues},
	{state.InputSecrets},
	{state.InputECRRepositories},
	{state.InputCacheReplicationGroups, state.InputCacheClusters}, // svc-data
	{state.InputKinesisStreams},                                   // svc-stream
	{state.InputFirehoseStreams},
	{state.InputOpenSearchDomains},       // svc-search
	{state.InputMSKClusters},             // svc-msk
	{state.InputServerlessNamespaces},    // svc-msk
	{state.InputDAXClusters},             // svc-dax
	{state.InputFSxFileSystems},          // svc-fsx
	{state.InputDMSReplicationInstances}, // exposure-gaps
	{state.InputMQBrokers},               // svc-mq
	{state.InputS3DirectoryBuckets},      // svc-s3dir
}

// ListingGaps returns every coverage gap that leaves Stores incomplete:
// S3's global bucket listing, then each scanned region's store listings in
// a fixed order. A gap's Region is empty for the global S3 listing.
func ListingGaps(a *state.Account) []state.Gap {
	var out []state.Gap
	if g, ok := a.Gaps.ForInput(state.InputS3Buckets, "", ""); ok {
		out = append(out, g)
	}
	for _, r := range a.ScannedRegions() {
		for _, l := range storeListings {
			if g, ok := a.Gaps.ForInputs(r, "", l...); ok {
				out = append(out, g)
			}
		}
	}
	return out
}

// ListingGap reports a coverage gap that leaves Stores incomplete in region:
// a store listing that failed there (or S3's global bucket listing). When it
// returns false, every store of the region was listed.
func ListingGap(a *state.Account, region string) (state.Gap, bool) {
	if g, ok := a.Gaps.ForInput(state.InputS3Buckets, "", ""); ok {
		return g, true
	}
	for _, l := range storeListings {
		if g, ok := a.Gaps.ForInputs(region, "", l...); ok {
			return g, true
		}
	}
	return state.Gap{}, false
}

// BucketKey is the key behind an S3 bucket's default encryption, for
// general purpose and directory buckets alike: SSE-S3 (AES256), or no
// default at all (since January 2023 S3 encrypts every new object with
// SSE-S3 anyway), is a key AWS owns; SSE-KMS and DSSE-KMS name their key
// (ref), and without one use the AWS managed key aws/s3 (dflt).
func BucketKey(e *state.BucketEncryption) (ref string, dflt Level) {
	if e == nil || e.Algorithm == "AES256" {
		return "", AWSOwned
	}
	return e.KMSKeyID, AWSManaged
}
