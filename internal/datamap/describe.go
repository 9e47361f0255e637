package datamap

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/shoulder-dev/shoulder/internal/custody"
	"github.com/shoulder-dev/shoulder/internal/exposure"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// index finds the state behind a custody.Store by ARN.
type index struct {
	a         *state.Account
	buckets   map[string]*state.Bucket
	volumes   map[string]*state.Volume
	snapshots map[string]*state.Snapshot
	dbs       map[string]*state.DBInstance
	clusters  map[string]*state.DBCluster
	dbSnaps   map[string]*state.DBSnapshot
	redshift  map[string]*state.RedshiftCluster
	desktops  map[string]*state.Workspace
	tables    map[string]*state.DynamoDBTable
	files     map[string]*state.FileSystem
	vaults    map[string]*state.BackupVault
	queues    map[string]*state.Queue
	secrets   map[string]*state.Secret
	repos     map[string]*state.ECRRepository
	// svc-data: ElastiCache replication groups and standalone clusters.
	cacheGroups   map[string]*state.CacheReplicationGroup
	cacheClusters map[string]*state.CacheCluster
	// svc-stream: Kinesis data streams.
	streams    map[string]*state.KinesisStream
	deliveries map[string]*state.DeliveryStream
	// svc-search: OpenSearch Service domains.
	domains map[string]*state.OpenSearchDomain
	// svc-msk: MSK clusters.
	mskClusters map[string]*state.MSKCluster
	// exposure-gaps: DMS replication instances.
	dmsInstances map[string]*state.DMSReplicationInstance
	// svc-msk: Redshift Serverless namespaces, and whether a workgroup of
	// each (by region and namespace name) is publicly accessible.
	rssNamespaces map[string]*state.ServerlessNamespace
	rssPublic     map[[2]string]bool
	// svc-fsx: FSx file systems.
	fsx map[string]*state.FSxFileSystem
	// svc-mq: Amazon MQ brokers.
	mqBrokers map[string]*state.MQBroker
	// svc-s3dir: S3 directory buckets.
	dirBuckets map[string]*state.DirectoryBucket
	// protected maps a resource ARN to its AWS Backup protection.
	protected map[string]*state.ProtectedResource
	// volSnaps lists the EBS snapshots of each volume ID and instSnaps the
	// RDS instance snapshots of each source instance ID, in state order:
	// looking them up per store instead of scanning every snapshot keeps a
	// large account's data map linear.
	volSnaps  map[string][]*state.Snapshot
	instSnaps map[string][]*state.DBSnapshot
	keys      *custody.Index
	// ctx is the exposure context, built on first use (the policy is known
	// only then).
	ctx *exposure.Context
}

// context returns the exposure context of the account under p.
func (ix *index) context(p *policy.Policy) exposure.Context {
	if ix.ctx == nil {
		c := exposure.NewContext(ix.a, p)
		ix.ctx = &c
	}
	return *ix.ctx
}

func newIndex(a *state.Account) *index {
	ix := &index{a: a, buckets: map[string]*state.Bucket{}, volumes: map[string]*state.Volume{}, snapshots: map[string]*state.Snapshot{},
		dbs: map[string]*state.DBInstance{}, clusters: map[string]*state.DBCluster{}, dbSnaps: map[string]*state.DBSnapshot{},
		redshift: map[string]*state.RedshiftCluster{}, desktops: map[string]*state.Workspace{}, tables: map[string]*state.DynamoDBTable{},
		files: map[string]*state.FileSystem{}, vaults: map[string]*state.BackupVault{},
		queues: map[string]*state.Queue{}, secrets: map[string]*state.Secret{}, repos: map[string]*state.ECRRepository{}, protected: map[string]*state.ProtectedResource{},
		volSnaps: map[string][]*state.Snapshot{}, instSnaps: map[string][]*state.DBSnapshot{},
		keys: custody.NewIndex(a.KMS.Keys)}
	for i := range a.S3.Buckets {
		ix.buckets[a.S3.Buckets[i].ARN] = &a.S3.Buckets[i]
	}
	for i := range a.EC2.Volumes {
		ix.volumes[a.EC2.Volumes[i].ARN] = &a.EC2.Volumes[i]
	}
	for i := range a.EC2.Snapshots {
		sn := &a.EC2.Snapshots[i]
		ix.snapshots[sn.ARN] = sn
		if sn.VolumeID != "" {
			ix.volSnaps[sn.VolumeID] = append(ix.volSnaps[sn.VolumeID], sn)
		}
	}
	for i := range a.RDS.Instances {
		ix.dbs[a.RDS.Instances[i].ARN] = &a.RDS.Instances[i]
	}
	for i := range a.RDS.Clusters {
		ix.clusters[a.RDS.Clusters[i].ARN] = &a.RDS.Clusters[i]
	}
	for i := range a.RDS.Snapshots {
		sn := &a.RDS.Snapshots[i]
		ix.dbSnaps[sn.ARN] = sn
		if !sn.Cluster {
			ix.instSnaps[sn.SourceID] = append(ix.instSnaps[sn.SourceID], sn)
		}
	}
	for i := range a.Redshift.Clusters {
		ix.redshift[a.Redshift.Clusters[i].ARN] = &a.Redshift.Clusters[i]
	}
	for i := range a.WorkSpaces.Workspaces {
		ix.desktops[a.WorkSpaces.Workspaces[i].ARN] = &a.WorkSpaces.Workspaces[i]
	}
	for i := range a.DynamoDB.Tables {
		ix.tables[a.DynamoDB.Tables[i].ARN] = &a.DynamoDB.Tables[i]
	}
	for i := range a.EFS.FileSystems {
		ix.files[a.EFS.FileSystems[i].ARN] = &a.EFS.FileSystems[i]
	}
	for i := range a.Backup.Vaults {
		ix.vaults[a.Backup.Vaults[i].ARN] = &a.Backup.Vaults[i]
	}
	for i := range a.SQS.Queues {
		ix.queues[a.SQS.Queues[i].ARN] = &a.SQS.Queues[i]
	}
	for i := range a.SecretsManager.Secrets {
		ix.secrets[a.SecretsManager.Secrets[i].ARN] = &a.SecretsManager.Secrets[i]
	}
	for i := range a.ECR.Repositories {
		ix.repos[a.ECR.Repositories[i].ARN] = &a.ECR.Repositories[i]
	}
	// svc-s3dir: S3 directory buckets
	ix.dirBuckets = make(map[string]*state.DirectoryBucket, len(a.S3Express.Buckets))
	for i := range a.S3Express.Buckets {
		ix.dirBuckets[a.S3Express.Buckets[i].ARN] = &a.S3Express.Buckets[i]
	}
	// svc-data: ElastiCache
	ix.cacheGroups = make(map[string]*state.CacheReplicationGroup, len(a.ElastiCache.ReplicationGroups))
	for i := range a.ElastiCache.ReplicationGroups {
		ix.cacheGroups[a.ElastiCache.ReplicationGroups[i].ARN] = &a.ElastiCache.ReplicationGroups[i]
	}
	ix.cacheClusters = make(map[string]*state.CacheCluster, len(a.ElastiCache.Clusters))
	for i := range a.ElastiCache.Clusters {
		ix.cacheClusters[a.ElastiCache.Clusters[i].ARN] = &a.ElastiCache.Clusters[i]
	}
	// svc-stream: Kinesis Data Streams
	ix.streams = make(map[string]*state.KinesisStream, len(a.Kinesis.Streams))
	for i := range a.Kinesis.Streams {
		ix.streams[a.Kinesis.Streams[i].ARN] = &a.Kinesis.Streams[i]
	}
	ix.deliveries = make(map[string]*state.DeliveryStream, len(a.Firehose.DeliveryStreams))
	for i := range a.Firehose.DeliveryStreams {
		ix.deliveries[a.Firehose.DeliveryStreams[i].ARN] = &a.Firehose.DeliveryStreams[i]
	}
	ix.domains = make(map[string]*state.OpenSearchDomain, len(a.OpenSearch.Domains))
	for i := range a.OpenSearch.Domains {
		ix.domains[a.OpenSearch.Domains[i].ARN] = &a.OpenSearch.Domains[i]
	}
	ix.mskClusters = make(map[string]*state.MSKCluster, len(a.MSK.Clusters))
	for i := range a.MSK.Clusters {
		ix.mskClusters[a.MSK.Clusters[i].ARN] = &a.MSK.Clusters[i]
	}
	ix.dmsInstances = make(map[string]*state.DMSReplicationInstance, len(a.DMS.ReplicationInstances))
	for i := range a.DMS.ReplicationInstances {
		ix.dmsInstances[a.DMS.ReplicationInstances[i].ARN] = &a.DMS.ReplicationInstances[i]
	}
	ix.rssNamespaces = make(map[string]*state.ServerlessNamespace, len(a.RedshiftServerless.Namespaces))
	for i := range a.RedshiftServerless.Namespaces {
		ix.rssNamespaces[a.RedshiftServerless.Namespaces[i].ARN] = &a.RedshiftServerless.Namespaces[i]
	}
	ix.fsx = make(map[string]*state.FSxFileSystem, len(a.FSx.FileSystems))
	for i := range a.FSx.FileSystems {
		ix.fsx[a.FSx.FileSystems[i].ARN] = &a.FSx.FileSystems[i]
	}
	ix.rssPublic = map[[2]string]bool{}
	for _, w := range a.RedshiftServerless.Workgroups {
		if w.PubliclyAccessible {
			ix.rssPublic[[2]string{w.Region, w.Namespace}] = true
		}
	}
	ix.mqBrokers = make(map[string]*state.MQBroker, len(a.MQ.Brokers))
	for i := range a.MQ.Brokers {
		ix.mqBrokers[a.MQ.Brokers[i].ARN] = &a.MQ.Brokers[i]
	}
	for i := range a.Backup.ProtectedResources {
		ix.protected[a.Backup.ProtectedResources[i].ResourceARN] = &a.Backup.ProtectedResources[i]
	}
	return ix
}

// gap reports a per-resource (or listing-level) gap for one of inputs.
func (ix *index) gap(region, arn string, inputs ...state.Input) (state.Gap, bool) {
	return ix.a.Gaps.ForInputs(region, arn, inputs...)
}

// describe fills exposure, backup and data copies for the store.
func (ix *index) describe(s *Store, cs custody.Store, p *policy.Policy) {
	arn, region := cs.Resource.ARN, cs.Resource.Region
	s.Exposure = Exposure{Level: Private}
	switch cs.Kind {
	case "bucket":
		if b := ix.buckets[arn]; b != nil {
			ix.bucket(s, b, p)
		}
	case "volume":
		if v := ix.volumes[arn]; v != nil {
			s.Exposure.Detail = "volumes attach only to instances in the account"
			ix.volume(s, v, p)
		}
	case "snapshot":
		if sn := ix.snapshots[arn]; sn != nil {
			if g, ok := ix.gap(region, arn, state.InputEC2SnapshotSharing); ok {
				s.Exposure = Exposure{Level: Unknown, Detail: "could not read " + g.String()}
				switch {
				case sn.Public():
					s.Exposure = Exposure{Level: Public, Detail: "restorable by any AWS account"}
				case ix.a.EC2.PublicListed(region):
					s.Exposure.Detail = "not public; the accounts it is shared with were not read: " + g.String()
				}
			} else {
				s.Exposure = shareList(ix.a, p, sn.SharedWith, "snapshot permission", "restorable by any AWS account")
			}
			s.Backup = Backup{State: IsBackup, Detail: []string{"snapshot of " + orDash(sn.VolumeID)}}
			if sn.SourceRegion != "" && sn.SourceRegion != region {
				s.Backup.Detail = append(s.Backup.Detail, "cross-region copy from "+sn.SourceRegion)
			}
		}
	case "db-instance":
		if d := ix.dbs[arn]; d != nil {
			ix.dbInstance(s, d, p)
		}
	case "db-cluster":
		if c := ix.clusters[arn]; c != nil {
			if c.PubliclyAccessible {
				s.Exposure = Exposure{Level: Public, Detail: "publicly accessible endpoint"}
			}
			s.Backup = retention(c.BackupRetentionDays, "automated backups")
			ix.awsBackup(s, arn, region)
			for _, r := range c.GlobalClusterRegions {
				if r != region {
					s.Copies = append(s.Copies, Copy{Kind: CopyReplica, Where: where(r, p), Target: "global database member"})
				}
			}
		}
	case "db-snapshot":
		if sn := ix.dbSnaps[arn]; sn != nil {
			in := state.InputRDSSnapshotSharing
			if sn.Cluster {
				in = state.InputRDSClusterSnapshotSharing
			}
			if g, ok := ix.gap(region, arn, in); ok {
				s.Exposure = Exposure{Level: Unknown, Detail: "could not read " + g.String()}
			} else {
				s.Exposure = shareList(ix.a, p, sn.SharedWith, "snapshot permission", "restorable by any AWS account")
			}
			s.Backup = Backup{State: IsBackup, Detail: []string{sn.Type + " snapshot of " + orDash(sn.SourceID)}}
			if sn.SourceRegion != "" && sn.SourceRegion != region {
				s.Backup.Detail = append(s.Backup.Detail, "cross-region copy from "+sn.SourceRegion)
			}
		}
	case "cluster":
		if c := ix.redshift[arn]; c != nil {
			if c.PubliclyAccessible {
				s.Exposure = Exposure{Level: Public, Detail: "publicly accessible endpoint"}
			}
			s.Backup = retention(c.AutomatedSnapshotRetention, "automated snapshots")
			ix.awsBackup(s, arn, region)
			if r := c.CrossRegionSnapshotCopyRegion; r != "" && r != region {
				s.Copies = append(s.Copies, Copy{Kind: CopySnapshotCopy, Where: where(r, p), Target: "cross-region snapshot copy"})
			}
		}
	case "workspace":
		if ix.desktops[arn] != nil {
			s.Exposure.Detail = "reached only through the WorkSpaces client by its user"
			// WorkSpaces snapshots root and user volumes automatically
			// (every 12 hours) for restore and rebuild.
			s.Backup = Backup{State: Protected, Detail: []string{"WorkSpaces automatic volume snapshots (restore, rebuild)"}}
		}
	case "table":
		if t := ix.tables[arn]; t != nil {
			ix.table(s, t, p)
		}
	case "file-system":
		if f := ix.files[arn]; f != nil {
			ix.fileSystem(s, f, p)
		}
	case "backup-vault":
		if v := ix.vaults[arn]; v != nil {
			ix.vault(s, v, p)
		}
	case "queue":
		if q := ix.queues[arn]; q != nil {
			s.Exposure = ix.policyExposure(region, arn, q.Policy, "queue policy", p, state.InputSQSQueueAttributes)
			// SQS keeps messages until consumed or their retention ends;
			// there is nothing to restore them from.
			s.Backup = Backup{State: Unprotected, Detail: []string{"SQS keeps no backups of messages"}}
		}
	case "secret":
		if sc := ix.secrets[arn]; sc != nil {
			s.Exposure = ix.policyExposure(region, arn, sc.Policy, "secret resource policy", p, state.InputSecretPolicy)
			s.Backup = Backup{State: Unprotected, Detail: []string{"previous version kept (AWSPREVIOUS); a deleted secret is recoverable only within its recovery window"}}
			if r := sc.PrimaryRegion; r != "" && r != region {
				s.Backup = Backup{State: IsBackup, Detail: []string{"replica of the secret in " + r}}
			}
		}
	case "repository":
		if r := ix.repos[arn]; r != nil {
			s.Exposure = ix.policyExposure(region, arn, r.Policy, "repository policy", p, state.InputECRRepositoryPolicy)
			s.Backup = Backup{State: Unprotected, Detail: []string{"AWS Backup does not cover ECR; images are rebuilt or replicated"}}
		}
	// svc-data: ElastiCache
	case "replication-group":
		if g := ix.cacheGroups[arn]; g != nil {
			s.Exposure.Detail = cacheReach
			s.Backup = retention(g.SnapshotRetentionDays, "automatic snapshots")
			if g.GlobalGroupID != "" {
				s.Backup.Detail = append(s.Backup.Detail, "member ("+orDash(g.GlobalRole)+") of global datastore "+g.GlobalGroupID)
			}
		}
	case "cache-cluster":
		if k := ix.cacheClusters[arn]; k != nil {
			s.Exposure.Detail = cacheReach
			if k.Redis() {
				s.Backup = retention(k.SnapshotRetentionDays, "automatic snapshots")
			} else {
				s.Backup = Backup{State: Unprotected, Detail: []string{"Memcached keeps data in memory only; no snapshots"}}
			}
		}
	// svc-stream: Kinesis Data Streams. Who else may read a stream is its
	// resource policy's verdict (exposure-gaps), unknown when the policy
	// was not read; retention is replay, not a copy.
	case "stream":
		if st := ix.streams[arn]; st != nil {
			s.Exposure = ix.policyExposure(region, arn, st.Policy, "stream resource policy", p, state.InputKinesisStreamPolicy)
			if !st.PolicyRead && s.Exposure.Level != Unknown {
				s.Exposure = Exposure{Level: Unknown, Detail: "resource policy not reported; IAM and any stream policy decide who reads the records"}
			}
			d := "AWS Backup does not cover Kinesis; records are replayable until they expire"
			if st.RetentionHours > 0 {
				d = fmt.Sprintf("AWS Backup does not cover Kinesis; records are replayable for %d hours", st.RetentionHours)
			}
			s.Backup = Backup{State: Unprotected, Detail: []string{d}}
		}
	// svc-stream: a Firehose delivery stream has no resource policy and
	// no endpoint of its own beyond the Firehose API (IAM decides who puts
	// records); it only buffers records until they are delivered.
	// svc-search: an OpenSearch Service domain's reach is its endpoint's
	// placement and its access policy, judged by exposure.JudgeDomain (the
	// rule of the OpenSearch checks); the service snapshots every domain
	// hourly into its own storage and keeps the snapshots 14 days.
	case "domain":
		if d := ix.domains[arn]; d != nil {
			s.Exposure = ix.domainExposure(region, d, p)
			s.Backup = Backup{State: Protected, Detail: []string{"automated snapshots by OpenSearch Service (hourly, kept 14 days)"}}
		}
	case "delivery-stream":
		if d := ix.deliveries[arn]; d != nil {
			s.Exposure.Detail = "no resource policy; IAM decides who puts records"
			s.Backup = Backup{State: Unprotected, Detail: []string{"buffers records only until delivery to " + orDash(strings.Join(d.Destinations, ", "))}}
		}
	// svc-msk: an MSK cluster with public access has brokers with public
	// addresses; otherwise it is reached from its VPCs and, across
	// accounts, through its cluster policy (exposure-gaps: judged by
	// internal/exposure, unknown while not read). AWS Backup does not
	// cover MSK.
	case "msk-cluster":
		if k := ix.mskClusters[arn]; k != nil {
			s.Exposure = ix.policyExposure(region, arn, k.Policy, "cluster policy", p, state.InputMSKClusterPolicy)
			if !k.PolicyRead && s.Exposure.Level != Unknown {
				s.Exposure = Exposure{Level: Unknown, Detail: "cluster policy not reported; IAM, the cluster policy and Kafka ACLs decide who reads the topics"}
			}
			if k.Public() {
				s.Exposure = Exposure{Level: Public, Detail: "brokers have public addresses (" + k.PublicAccess + ")"}
			}
			s.Backup = Backup{State: Unprotected, Detail: []string{"AWS Backup does not cover MSK; records are kept only for their topics' retention"}}
		}
	// svc-msk: a Redshift Serverless namespace is reached through its
	// workgroups' endpoints: public when one of them is publicly
	// accessible. Redshift Serverless keeps recovery points every 30
	// minutes for a day; AWS Backup may hold more.
	case "serverless-namespace":
		if n := ix.rssNamespaces[arn]; n != nil {
			s.Name = n.Name
			if ix.rssPublic[[2]string{region, n.Name}] {
				s.Exposure = Exposure{Level: Public, Detail: "a workgroup's endpoint is publicly accessible"}
			}
			s.Backup = retention(1, "automatic recovery points (every 30 minutes)")
			ix.awsBackup(s, arn, region)
		}
	// svc-s3dir: an S3 directory bucket keeps its data in one zone of its
	// region; its policy is judged like every resource policy (S3 keeps
	// Block Public Access on for it); AWS Backup does not protect it and
	// it has no versioning or replication: nothing restores its objects.
	case "directory-bucket":
		if b := ix.dirBuckets[arn]; b != nil {
			s.Name, s.Zone = b.Name, b.Zone()
			s.Exposure = ix.policyExposure(region, arn, b.Policy, "bucket policy", p, state.InputS3DirectoryBucketPolicy)
			s.Backup = Backup{State: Unprotected, Detail: []string{"AWS Backup does not protect S3 directory buckets, which have no versioning or replication: nothing restores a deleted object"}}
			if cs.Gap == nil && cs.Level == custody.Unknown && cs.KeyRef == "" {
				s.Encryption.Reason = "GetBucketEncryption reported no default encryption"
			}
		}
	// svc-dax: a DAX cluster has only VPC endpoints (no public address
	// exists) and holds copies of the items of the DynamoDB tables it
	// fronts: a copy, restored from those tables, not something to back up.
	case "dax-cluster":
		s.Exposure = Exposure{Level: Private, Detail: "reachable only inside its VPC; its security groups and IAM decide who reads the cache"}
		s.Backup = Backup{State: IsBackup, Detail: []string{"a cache of the DynamoDB tables it fronts"}}
	// svc-fsx: an FSx file system has no public endpoint: clients reach
	// its network interfaces in the VPC as their security groups allow.
	case "fsx-file-system":
		if f := ix.fsx[arn]; f != nil {
			ix.fsxFileSystem(s, f, p)
		}
	// exposure-gaps: a DMS replication instance is public when it has a
	// public IP address (as dms_replication_instance_not_public judges);
	// it holds data in flight, a copy of its source endpoints' databases,
	// so there is nothing of its own to back up.
	case "replication-instance":
		if i := ix.dmsInstances[arn]; i != nil {
			s.Name = i.ID
			s.Exposure = Exposure{Level: Private, Detail: "no public IP address; reachable from its VPC as its security groups allow"}
			if i.PubliclyAccessible {
				s.Exposure = Exposure{Level: Public, Detail: "publicly accessible: the instance has a public IP address"}
			}
			d := "data in flight between its endpoints' databases, which are the stores to back up"
			if i.MultiAZ {
				d += "; a Multi-AZ standby keeps the instance running"
			}
			s.Backup = Backup{State: IsBackup, Detail: []string{d}}
		}
	// svc-mq: an Amazon MQ broker has no resource policy: publicly
	// accessible (MQBroker.Public, the rule of mq_broker_not_public) it
	// takes connections from the internet, otherwise only from its VPC;
	// unread, its reach is unknown. AWS Backup does not cover Amazon MQ, and
	// messages live only until consumed.
	case "broker":
		if k := ix.mqBrokers[arn]; k != nil {
			s.Name = k.Name
			s.Exposure = mqExposure(ix, region, k)
			s.Backup = Backup{State: Unprotected, Detail: []string{"AWS Backup does not cover Amazon MQ; messages are kept only until consumed or expired"}}
		}
	}
	if s.Backup.State == "" {
		s.Backup.State = BackupUnknown
	}
}

// fsxFileSystem describes an FSx file system (svc-fsx): private (no
// public endpoint exists), backed up by its automatic daily backups and
// AWS Backup, and copied to the S3 bucket a Lustre data repository exports
// to.
func (ix *index) fsxFileSystem(s *Store, f *state.FSxFileSystem, p *policy.Policy) {
	s.Name = f.ID
	if n := f.Tags["Name"]; n != "" {
		s.Name = n
	}
	s.Exposure.Detail = "no public endpoint; reachable from its VPC through its network interfaces as their security groups allow"
	switch {
	case f.Scratch():
		s.Backup = Backup{State: Unprotected, Detail: []string{"scratch file system: no backups and no replica"}}
	case f.AutomaticBackupRetentionDays == nil:
		s.Backup = Backup{State: BackupUnknown, Detail: []string{"automatic backup retention not reported"}}
	default:
		s.Backup = retention(*f.AutomaticBackupRetentionDays, "automatic daily backups")
	}
	if f.ImportPath != "" {
		s.Backup.Detail = append(s.Backup.Detail, "imports from the S3 data repository "+f.ImportPath)
	}
	if f.ExportPath != "" {
		s.Backup.Detail = append(s.Backup.Detail, "exports to the S3 data repository "+f.ExportPath)
		bucket, _, _ := strings.Cut(strings.TrimPrefix(f.ExportPath, "s3://"), "/")
		for _, b := range ix.a.S3.Buckets {
			if b.Name == bucket && b.Region != "" && b.Region != f.Region {
				s.Copies = append(s.Copies, Copy{Kind: CopyReplication, Where: where(b.Region, p), Target: f.ExportPath})
			}
		}
	}
	if !f.Scratch() {
		ix.awsBackup(s, f.ARN, f.Region)
	}
}

// mqExposure is how an Amazon MQ broker is reached (svc-mq).
func mqExposure(ix *index, region string, k *state.MQBroker) Exposure {
	if g, ok := ix.gap(region, k.ARN, state.InputMQBrokerDetails); ok {
		return Exposure{Level: Unknown, Detail: "could not read " + g.String()}
	}
	switch {
	case !k.Described:
		return Exposure{Level: Unknown, Detail: "broker description not reported"}
	case k.Public():
		return Exposure{Level: Public, Detail: "publicly accessible: its endpoints take connections from the internet; broker users decide who reads the messages"}
	}
	return Exposure{Level: Private, Detail: "reachable only inside its VPC; its security groups and broker users decide who reads the messages"}
}

// cacheReach is how an ElastiCache cache is reached: nodes have no public
// address and no resource policy, so its security groups decide (svc-data).
const cacheReach = "no public endpoint; reachable from the VPC as its security groups allow"

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func retention(days int, what string) Backup {
	if days > 0 {
		return Backup{State: Protected, Detail: []string{fmt.Sprintf("%s kept %d days", what, days)}}
	}
	return Backup{State: Unprotected, Detail: []string{what + " off"}}
}

// awsBackup adds AWS Backup protection (a recovery point exists).
func (ix *index) awsBackup(s *Store, arn, region string) {
	if pr := ix.protected[arn]; pr != nil {
		d := "AWS Backup recovery point"
		if !pr.LastBackupTime.IsZero() {
			d += fmt.Sprintf(", last %s", pr.LastBackupTime.Format("2006-01-02"))
		}
		s.Backup.Detail = append(s.Backup.Detail, d)
		s.Backup.State = Protected
		return
	}
	if s.Backup.State != Protected {
		if g, ok := ix.gap(region, "", state.InputBackupProtectedResources); ok {
			s.Backup.State = BackupUnknown
			s.Backup.Detail = append(s.Backup.Detail, "AWS Backup coverage unknown: "+g.String())
		}
	}
}

// policyExposure is the exposure of a store whose resource policy was read
// by the operations filling in (unknown when that read failed).
func (ix *index) policyExposure(region, arn, doc, via string, p *policy.Policy, in state.Input) Exposure {
	if g, ok := ix.gap(region, arn, in); ok {
		return Exposure{Level: Unknown, Detail: "could not read " + g.String()}
	}
	return resourcePolicy(ix.context(p), doc, via)
}

// domainExposure is an OpenSearch Service domain's reach (svc-search):
// the access policy's verdict as exposure.JudgeDomain bounds it, with the
// endpoint's placement.
func (ix *index) domainExposure(region string, d *state.OpenSearchDomain, p *policy.Policy) Exposure {
	if g, ok := ix.gap(region, d.ARN, state.InputOpenSearchDomainStatus); ok {
		return Exposure{Level: Unknown, Detail: "could not read " + g.String()}
	}
	if !d.Described {
		return Exposure{Level: Unknown, Detail: "domain status not reported"}
	}
	v := exposure.JudgeDomain(d.Network(), d.AccessPolicy, ix.context(p))
	e := fromVerdict(v.Verdict, "access policy")
	where := "public endpoint"
	if !v.PublicEndpoint {
		where = "endpoint in " + v.VPCID
	}
	if e.Detail == "" {
		e.Detail = where
	} else {
		e.Detail = where + "; " + e.Detail
	}
	return e
}

// resourcePolicy shows a resource policy's exposure verdict (internal/exposure,
// the one the sharing checks report): who outside the account it lets act,
// and whether everyone can.
func resourcePolicy(c exposure.Context, doc, via string) Exposure {
	return fromVerdict(exposure.Judge(doc, c), via)
}

// fromVerdict turns an exposure verdict into the map's exposure.
func fromVerdict(v exposure.Verdict, via string) Exposure {
	if v.Level == exposure.Unknown {
		return Exposure{Level: Unknown, Detail: fmt.Sprintf("%s: %v", via, v.Err)}
	}
	e := Exposure{Level: Private}
	var acts []string
	for _, g := range v.Grants {
		if g.Level == exposure.Public {
			acts = append(acts, g.Actions...)
		}
	}
	if len(acts) > 0 {
		e.Level = Public
		e.Detail = fmt.Sprintf("%s grants %s to everyone", via, strings.Join(dedupe(acts), ", "))
	}
	e.SharedWith = shares(v.Grants, via)
	if e.Level == Private && len(e.SharedWith) > 0 {
		e.Level = Shared
	}
	return e
}

// shares lists the grants below Public as shares, one per grantee.
func shares(gs []exposure.Grant, via string) []Share {
	var out []Share
	seen := map[string]bool{}
	for _, g := range gs {
		if g.Level == exposure.Public || g.Who == "" || seen[g.Who] {
			continue
		}
		seen[g.Who] = true
		out = append(out, Share{Account: g.Who, Trusted: g.Level == exposure.SharedTrusted, Via: via})
	}
	return out
}

// shareList turns a sharing permission (account IDs, "all" for public)
// into an exposure.
func shareList(a *state.Account, p *policy.Policy, ids []string, via, publicDetail string) Exposure {
	e := Exposure{Level: Private}
	for _, id := range ids {
		switch {
		case id == "all":
			e.Level, e.Detail = Public, publicDetail
		case id == "" || id == a.AccountID:
		default:
			e.SharedWith = append(e.SharedWith, Share{Account: id, Trusted: p.IsTrustedAccount(id), Via: via})
		}
	}
	if e.Level == Private && len(e.SharedWith) > 0 {
		e.Level = Shared
	}
	return e
}

func dedupe(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func (ix *index) bucket(s *Store, b *state.Bucket, p *policy.Policy) {
	a := ix.a
	// Whether the bucket is public, and whom it is shared with, is the one
	// S3 rule of internal/exposure that the checks apply too.
	bv := exposure.JudgeBucket(a, b, ix.context(p), exposure.AnyAccess)
	s.Exposure = Exposure{Level: Private}
	s.Exposure.SharedWith = append(shares(bv.Policy.Sharing.Grants, "bucket policy"), shares(bv.ACL.Shares, "bucket ACL")...)
	switch bv.Level() {
	case exposure.Public:
		s.Exposure.Level, s.Exposure.Detail = Public, strings.Join(bv.OpenGrants(), "; ")
	case exposure.Unknown:
		s.Exposure.Level = Unknown
		if bv.Public() == exposure.Undecided {
			s.Exposure.Detail = bv.Undecided().UndecidedWhy()
		} else {
			s.Exposure.Detail = fmt.Sprintf("not public, but whom the bucket policy shares with is unknown: %v", bv.Policy.Sharing.Err)
		}
	default:
		if blocked := bv.BlockedGrants(); len(blocked) > 0 {
			s.Exposure.Detail = "not public: " + strings.Join(blocked, "; ")
		}
	}
	for _, r := range b.Replication {
		if !r.Enabled {
			continue
		}
		if r.DestinationAccount != "" && r.DestinationAccount != a.AccountID {
			s.Exposure.SharedWith = append(s.Exposure.SharedWith, Share{Account: r.DestinationAccount, Trusted: p.IsTrustedAccount(r.DestinationAccount), Via: "replication"})
		}
		dest := r.DestinationRegion
		if dest != b.Region || (r.DestinationAccount != "" && r.DestinationAccount != a.AccountID) {
			c := Copy{Kind: CopyReplication, Where: where(dest, p), Target: r.DestinationBucket}
			if r.DestinationAccount != a.AccountID {
				c.Account = r.DestinationAccount
			}
			s.Copies = append(s.Copies, c)
		}
	}
	if s.Exposure.Level == Private && len(s.Exposure.SharedWith) > 0 {
		s.Exposure.Level = Shared
	}
	// Backup: versions, an immutable copy, a replica, AWS Backup.
	if g, ok := ix.gap(b.Region, b.ARN, state.InputS3BucketVersioning); ok {
		s.Backup = Backup{State: BackupUnknown, Detail: []string{"could not read " + g.String()}}
		return
	}
	var d []string
	if b.Versioning == "Enabled" {
		d = append(d, "versioning")
	}
	if b.ObjectLock != nil && b.ObjectLock.Enabled {
		d = append(d, "Object Lock "+strings.ToLower(b.ObjectLock.Mode))
	}
	for _, r := range b.Replication {
		if r.Enabled {
			d = append(d, "replicated to "+strings.TrimPrefix(r.DestinationBucket, "arn:aws:s3:::"))
		}
	}
	s.Backup = Backup{State: Unprotected, Detail: d}
	if len(d) > 0 {
		s.Backup.State = Protected
	}
	ix.awsBackup(s, b.ARN, b.Region)
}

func (ix *index) volume(s *Store, v *state.Volume, p *policy.Policy) {
	// A snapshot of the volume lives in the volume's region; a copy in
	// another region names its source region (its volume ID is kept where
	// the source recorded it; AWS itself shows vol-ffffffff on copies).
	var local int
	var latest time.Time
	for _, sn := range ix.volSnaps[v.ID] { // none for a volume without an ID
		switch {
		case sn.Region == v.Region:
			local++
			if sn.StartTime.After(latest) {
				latest = sn.StartTime
			}
		case sn.SourceRegion == v.Region:
			s.Copies = append(s.Copies, Copy{Kind: CopySnapshotCopy, Where: where(sn.Region, p), Target: sn.ARN})
		}
	}
	s.Backup = Backup{State: Unprotected}
	if local > 0 {
		s.Backup = Backup{State: Protected, Detail: []string{fmt.Sprintf("%d snapshots, latest %s", local, latest.Format("2006-01-02"))}}
	}
	ix.awsBackup(s, v.ARN, v.Region)
	if s.Backup.State == Unprotected {
		if g, ok := ix.gap(v.Region, "", state.InputEC2Snapshots); ok {
			s.Backup = Backup{State: BackupUnknown, Detail: []string{"could not read " + g.String()}}
		}
	}
}

func (ix *index) dbInstance(s *Store, d *state.DBInstance, p *policy.Policy) {
	if d.PubliclyAccessible {
		s.Exposure = Exposure{Level: Public, Detail: "publicly accessible endpoint"}
	}
	s.Backup = retention(d.BackupRetentionDays, "automated backups")
	for _, r := range d.ReplicatedBackupRegions {
		if r != d.Region {
			s.Copies = append(s.Copies, Copy{Kind: CopyBackupCopy, Where: where(r, p), Target: "replicated automated backups"})
			s.Backup.Detail = append(s.Backup.Detail, "backups replicated to "+r)
		}
	}
	for _, rep := range d.ReadReplicas {
		if r := arnRegion(rep); r != "" && r != d.Region {
			s.Copies = append(s.Copies, Copy{Kind: CopyReplica, Where: where(r, p), Target: rep})
		}
	}
	// Manual snapshot copies of this instance in other regions.
	for _, sn := range ix.instSnaps[d.ID] {
		if sn.Region != d.Region {
			s.Copies = append(s.Copies, Copy{Kind: CopySnapshotCopy, Where: where(sn.Region, p), Target: sn.ARN})
		}
	}
	ix.awsBackup(s, d.ARN, d.Region)
}

func (ix *index) table(s *Store, t *state.DynamoDBTable, p *policy.Policy) {
	if g, ok := ix.gap(t.Region, t.ARN, state.InputDynamoDBResourcePolicy); ok {
		s.Exposure = Exposure{Level: Unknown, Detail: "could not read " + g.String()}
	} else {
		s.Exposure = resourcePolicy(ix.context(p), t.ResourcePolicy, "resource policy")
	}
	if g, ok := ix.gap(t.Region, t.ARN, state.InputDynamoDBPITR); ok {
		s.Backup = Backup{State: BackupUnknown, Detail: []string{"could not read " + g.String()}}
	} else if t.PITR {
		s.Backup = Backup{State: Protected, Detail: []string{"point-in-time recovery"}}
	} else {
		s.Backup = Backup{State: Unprotected, Detail: []string{"point-in-time recovery off"}}
	}
	ix.awsBackup(s, t.ARN, t.Region)
	for _, r := range t.ReplicaRegions {
		if r != t.Region {
			s.Copies = append(s.Copies, Copy{Kind: CopyReplica, Where: where(r, p), Target: "global table replica"})
		}
	}
}

func (ix *index) fileSystem(s *Store, f *state.FileSystem, p *policy.Policy) {
	if g, ok := ix.gap(f.Region, f.ARN, state.InputEFSFileSystemPolicy); ok {
		s.Exposure = Exposure{Level: Unknown, Detail: "could not read " + g.String()}
	} else {
		s.Exposure = resourcePolicy(ix.context(p), f.Policy, "file system policy")
		if s.Exposure.Level == Private && s.Exposure.Detail == "" {
			s.Exposure.Detail = "reachable through mount targets in the account's VPCs"
		}
	}
	switch {
	case f.BackupPolicy == "ENABLED" || f.BackupPolicy == "ENABLING":
		s.Backup = Backup{State: Protected, Detail: []string{"EFS automatic backups"}}
	default:
		if g, ok := ix.gap(f.Region, f.ARN, state.InputEFSBackupPolicy); ok {
			s.Backup = Backup{State: BackupUnknown, Detail: []string{"could not read " + g.String()}}
		} else {
			s.Backup = Backup{State: Unprotected, Detail: []string{"EFS automatic backups off"}}
		}
	}
	ix.awsBackup(s, f.ARN, f.Region)
	for _, r := range f.ReplicationDestinations {
		if r != f.Region {
			s.Copies = append(s.Copies, Copy{Kind: CopyReplication, Where: where(r, p), Target: "EFS replica"})
		}
	}
}

func (ix *index) vault(s *Store, v *state.BackupVault, p *policy.Policy) {
	if g, ok := ix.gap(v.Region, v.ARN, state.InputBackupVaultPolicy); ok {
		s.Exposure = Exposure{Level: Unknown, Detail: "could not read " + g.String()}
	} else {
		s.Exposure = resourcePolicy(ix.context(p), v.Policy, "vault access policy")
	}
	n := 0
	for _, rp := range ix.a.Backup.RecoveryPoints {
		if rp.VaultName == v.Name && rp.Region == v.Region {
			n++
		}
	}
	d := []string{fmt.Sprintf("%d recovery points", max(n, v.RecoveryPointsCount))}
	if v.Locked {
		d = append(d, "vault lock")
	}
	s.Backup = Backup{State: IsBackup, Detail: d}
	// Copy actions of plans that write to this vault send its recovery
	// points elsewhere.
	for _, plan := range ix.a.Backup.Plans {
		for _, r := range plan.Rules {
			if r.TargetVault != v.Name || plan.Region != v.Region {
				continue
			}
			for _, ca := range r.CopyActions {
				if ca.Region() == v.Region && (ca.Account() == "" || ca.Account() == ix.a.AccountID) {
					continue
				}
				c := Copy{Kind: CopyBackupCopy, Where: where(ca.Region(), p), Target: ca.DestinationVaultARN}
				if acc := ca.Account(); acc != "" && acc != ix.a.AccountID {
					c.Account = acc
				}
				s.Copies = append(s.Copies, c)
			}
		}
	}
}

// keyCopies adds the regions a multi-region key of the store is
// replicated to: whoever holds the data there can decrypt it there.
func (ix *index) keyCopies(s *Store, cs custody.Store, p *policy.Policy) {
	if cs.KeyRef == "" {
		return
	}
	k, ok := ix.keys.Lookup(cs.Resource.Region, cs.KeyRef)
	if !ok || !k.MultiRegion {
		return
	}
	regs := append([]string(nil), k.ReplicaRegions...)
	if k.PrimaryRegion != "" {
		regs = append(regs, k.PrimaryRegion)
	}
	for _, mk := range ix.a.KMS.Keys { // replicas the state lists as keys
		if mk.MultiRegion && mk.ID == k.ID {
			regs = append(regs, mk.Region)
		}
	}
	sort.Strings(regs)
	for _, r := range dedupe(regs) {
		if r != "" && r != cs.Resource.Region {
			s.Copies = append(s.Copies, Copy{Kind: CopyKeyReplica, Where: where(r, p), Target: k.ARN})
		}
	}
}

// backupCopies adds AWS Backup copy actions of plans that select the store.
func (ix *index) backupCopies(s *Store, m state.Meta, p *policy.Policy) {
	for _, plan := range ix.a.Backup.Plans {
		selected := false
		for _, sel := range plan.Selections {
			if sel.Selects(m.ARN, m.Tags) {
				selected = true
				break
			}
		}
		if !selected {
			continue
		}
		for _, r := range plan.Rules {
			for _, ca := range r.CopyActions {
				if ca.Region() == m.Region && (ca.Account() == "" || ca.Account() == ix.a.AccountID) {
					continue
				}
				c := Copy{Kind: CopyBackupCopy, Where: where(ca.Region(), p), Target: ca.DestinationVaultARN}
				if acc := ca.Account(); acc != "" && acc != ix.a.AccountID {
					c.Account = acc
				}
				s.Copies = append(s.Copies, c)
			}
		}
	}
}

func arnRegion(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 {
		return ""
	}
	return parts[3]
}
