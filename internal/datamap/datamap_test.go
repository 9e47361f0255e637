package datamap

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/custody"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const (
	own       = "111122223333"
	trusted   = "444455556666"
	untrusted = "777788889999"
)

var when = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

func account(mut ...func(*state.Account)) *state.Account {
	a := &state.Account{AccountID: own, Partition: "aws", CollectedAt: when,
		Regions: []state.Region{{Name: "eu-west-1", Enabled: true, Scanned: true}, {Name: "us-east-1", Enabled: true, Scanned: true}}}
	for _, m := range mut {
		m(a)
	}
	return a
}

func arn(service, region, res string) string {
	return fmt.Sprintf("arn:aws:%s:%s:%s:%s", service, region, own, res)
}

func bucket(name, region string, mut func(*state.Bucket)) func(*state.Account) {
	return func(a *state.Account) {
		b := state.Bucket{Meta: state.Meta{ARN: "arn:aws:s3:::" + name, Region: region}, Name: name, OwnerID: "owner",
			Encryption: &state.BucketEncryption{Algorithm: "AES256"}}
		if mut != nil {
			mut(&b)
		}
		a.S3.Buckets = append(a.S3.Buckets, b)
	}
}

func pol(mut func(*policy.Policy)) *policy.Policy {
	p := &policy.Policy{TrustedAccounts: []string{trusted}, AllowedRegions: []string{"eu-west-1"}}
	if mut != nil {
		mut(p)
	}
	return p
}

func storeOf(t *testing.T, m *Map, arn string) Store {
	t.Helper()
	for _, s := range m.Stores {
		if s.ARN == arn {
			return s
		}
	}
	t.Fatalf("no store %s in %d stores", arn, len(m.Stores))
	return Store{}
}

func allow(s string) string {
	return `{"Version":"2012-10-17","Statement":[` + s + `]}`
}

// TestBucketExposure covers every way a bucket is reached: policy, ACL,
// Block Public Access, replication to another account, unreadable policy.
func TestBucketExposure(t *testing.T) {
	publicRead := allow(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`)
	toAccount := func(acct string) string {
		return allow(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + acct + `:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`)
	}
	orgWide := allow(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abcdefghij"}}}`)
	bpaAll := &state.PublicAccessBlock{BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true}
	tests := []struct {
		name    string
		mut     func(*state.Bucket)
		acct    func(*state.Account)
		p       func(*policy.Policy)
		level   string
		detail  string
		shareTo []Share
	}{
		{name: "no policy, no ACL", level: Private},
		{name: "public policy", mut: func(b *state.Bucket) { b.Policy = publicRead }, level: Public, detail: "the bucket policy grants to everyone: statement 1 (s3:GetObject)"},
		{name: "public policy behind RestrictPublicBuckets", mut: func(b *state.Bucket) { b.Policy = publicRead; b.PublicAccessBlock = bpaAll }, level: Private, detail: "neutralised by RestrictPublicBuckets"},
		{name: "public policy, account-level BPA", mut: func(b *state.Bucket) { b.Policy = publicRead }, acct: func(a *state.Account) { a.S3.AccountPublicAccessBlock = bpaAll }, level: Private},
		// The checks' rule: an unread Block Public Access could neutralise
		// the public policy, so the bucket is neither public nor private.
		{name: "public policy, account-level BPA unread", mut: func(b *state.Bucket) { b.Policy = publicRead }, acct: func(a *state.Account) {
			a.S3.AccountPublicAccessBlock = nil
			a.Gaps.Add(state.Gap{Service: "s3control", Operation: "GetPublicAccessBlock", Reason: state.ReasonAccessDenied})
		}, level: Unknown, detail: "GetPublicAccessBlock"},
		{name: "shared with a trusted account", mut: func(b *state.Bucket) { b.Policy = toAccount(trusted) }, level: Shared, shareTo: []Share{{Account: trusted, Trusted: true, Via: "bucket policy"}}},
		{name: "shared with an untrusted account", mut: func(b *state.Bucket) { b.Policy = toAccount(untrusted) }, level: Shared, shareTo: []Share{{Account: untrusted, Via: "bucket policy"}}},
		{name: "own account only", mut: func(b *state.Bucket) { b.Policy = toAccount(own) }, level: Private},
		{name: "organization-wide, the policy's organization", mut: func(b *state.Bucket) { b.Policy = orgWide }, p: func(p *policy.Policy) { p.OrganizationID = "o-abcdefghij" },
			level: Shared, shareTo: []Share{{Account: "aws:PrincipalOrgID=o-abcdefghij", Trusted: true, Via: "bucket policy"}}},
		{name: "organization-wide, another organization", mut: func(b *state.Bucket) { b.Policy = orgWide },
			level: Shared, shareTo: []Share{{Account: "aws:PrincipalOrgID=o-abcdefghij", Trusted: false, Via: "bucket policy"}}},
		{name: "public ACL", mut: func(b *state.Bucket) {
			b.ObjectOwnership = "ObjectWriter"
			b.ACLGrants = []state.ACLGrant{{GranteeType: "Group", GranteeURI: state.AllUsersURI, Permission: "READ"}}
		}, level: Public, detail: "the ACL grants READ to AllUsers"},
		{name: "public ACL ignored by BPA", mut: func(b *state.Bucket) {
			b.ObjectOwnership = "ObjectWriter"
			b.ACLGrants = []state.ACLGrant{{GranteeType: "Group", GranteeURI: state.AllUsersURI, Permission: "READ"}}
			b.PublicAccessBlock = &state.PublicAccessBlock{IgnorePublicAcls: true}
		}, level: Private},
		{name: "ACL grant to another canonical user", mut: func(b *state.Bucket) {
			b.ObjectOwnership = "BucketOwnerPreferred"
			b.ACLGrants = []state.ACLGrant{{GranteeType: "CanonicalUser", GranteeID: "owner", Permission: "FULL_CONTROL"}, {GranteeType: "CanonicalUser", GranteeID: "c0ffee", Permission: "READ"}}
		}, level: Shared, shareTo: []Share{{Account: "c0ffee", Via: "bucket ACL"}}},
		{name: "replication to another account", mut: func(b *state.Bucket) {
			b.Replication = []state.ReplicationRule{{Enabled: true, DestinationBucket: "arn:aws:s3:::dr", DestinationRegion: "eu-west-1", DestinationAccount: untrusted}}
		}, level: Shared, shareTo: []Share{{Account: untrusted, Via: "replication"}}},
		{name: "policy unreadable", acct: func(a *state.Account) {
			a.Gaps.Add(state.Gap{Service: "s3", Region: "eu-west-1", Operation: "GetBucketPolicy", Resource: "arn:aws:s3:::b", Reason: state.ReasonAccessDenied})
		}, level: Unknown, detail: "could not read s3 GetBucketPolicy"},
		{name: "ACL unreadable", acct: func(a *state.Account) {
			a.Gaps.Add(state.Gap{Service: "s3", Region: "eu-west-1", Operation: "GetBucketAcl", Resource: "arn:aws:s3:::b", Reason: state.ReasonAccessDenied})
		}, mut: func(b *state.Bucket) { b.ObjectOwnership = "ObjectWriter" }, level: Unknown, detail: "GetBucketAcl"},
		{name: "ACL unreadable but ACLs disabled", acct: func(a *state.Account) {
			a.Gaps.Add(state.Gap{Service: "s3", Region: "eu-west-1", Operation: "GetBucketAcl", Resource: "arn:aws:s3:::b", Reason: state.ReasonAccessDenied})
		}, mut: func(b *state.Bucket) { b.ObjectOwnership = "BucketOwnerEnforced" }, level: Private},
		{name: "unparseable policy", mut: func(b *state.Bucket) { b.Policy = "{not json" }, level: Unknown, detail: "could not be parsed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			muts := []func(*state.Account){bucket("b", "eu-west-1", tc.mut)}
			if tc.acct != nil {
				muts = append(muts, tc.acct)
			}
			m := Build(account(muts...), pol(tc.p))
			e := storeOf(t, m, "arn:aws:s3:::b").Exposure
			if e.Level != tc.level || !strings.Contains(e.Detail, tc.detail) {
				t.Errorf("exposure %s %q, want %s %q", e.Level, e.Detail, tc.level, tc.detail)
			}
			if tc.shareTo != nil && !reflect.DeepEqual(e.SharedWith, tc.shareTo) {
				t.Errorf("shared with %+v, want %+v", e.SharedWith, tc.shareTo)
			}
		})
	}
}

func TestSnapshotsAndDatabasesExposure(t *testing.T) {
	a := account(func(a *state.Account) {
		a.EC2.Snapshots = []state.Snapshot{
			{Meta: state.Meta{ARN: arn("ec2", "eu-west-1", "snapshot/snap-pub"), Region: "eu-west-1"}, ID: "snap-pub", Encrypted: true, SharedWith: []string{"all"}},
			{Meta: state.Meta{ARN: arn("ec2", "eu-west-1", "snapshot/snap-shared"), Region: "eu-west-1"}, ID: "snap-shared", SharedWith: []string{trusted, untrusted}},
			{Meta: state.Meta{ARN: arn("ec2", "eu-west-1", "snapshot/snap-gap"), Region: "eu-west-1"}, ID: "snap-gap"},
		}
		a.Gaps.Add(state.Gap{Service: "ec2", Region: "eu-west-1", Operation: "DescribeSnapshotAttribute", Resource: arn("ec2", "eu-west-1", "snapshot/snap-gap"), Reason: state.ReasonThrottled})
		a.RDS.Instances = []state.DBInstance{{Meta: state.Meta{ARN: arn("rds", "eu-west-1", "db:pub"), Region: "eu-west-1"}, ID: "pub", PubliclyAccessible: true}}
		a.RDS.Snapshots = []state.DBSnapshot{{Meta: state.Meta{ARN: arn("rds", "eu-west-1", "snapshot:s"), Region: "eu-west-1"}, ID: "s", SourceID: "pub", Type: "manual", SharedWith: []string{untrusted}}}
		a.Redshift.Clusters = []state.RedshiftCluster{{Meta: state.Meta{ARN: arn("redshift", "eu-west-1", "cluster:dw"), Region: "eu-west-1"}, ID: "dw"}}
	})
	m := Build(a, pol(nil))
	tests := []struct {
		arn, level string
		shared     int
	}{
		{arn("ec2", "eu-west-1", "snapshot/snap-pub"), Public, 0},
		{arn("ec2", "eu-west-1", "snapshot/snap-shared"), Shared, 2},
		{arn("ec2", "eu-west-1", "snapshot/snap-gap"), Unknown, 0},
		{arn("rds", "eu-west-1", "db:pub"), Public, 0},
		{arn("rds", "eu-west-1", "snapshot:s"), Shared, 1},
		{arn("redshift", "eu-west-1", "cluster:dw"), Private, 0},
	}
	for _, tc := range tests {
		s := storeOf(t, m, tc.arn)
		if s.Exposure.Level != tc.level || len(s.Exposure.SharedWith) != tc.shared {
			t.Errorf("%s: %+v, want %s with %d shares", tc.arn, s.Exposure, tc.level, tc.shared)
		}
	}
	sh := storeOf(t, m, arn("ec2", "eu-west-1", "snapshot/snap-shared")).Exposure.SharedWith
	if !sh[0].Trusted || sh[1].Trusted {
		t.Errorf("trust per policy: %+v", sh)
	}
	if b := storeOf(t, m, arn("rds", "eu-west-1", "snapshot:s")).Backup; b.State != IsBackup || !strings.Contains(b.Detail[0], "manual snapshot of pub") {
		t.Errorf("snapshot backup: %+v", b)
	}
}

// TestSnapshotSharingSkipped: where the per-snapshot sharing reads were
// skipped but the public snapshots were listed in bulk, a public snapshot
// is public and any other is unknown with the reason, never private.
func TestSnapshotSharingSkipped(t *testing.T) {
	for _, tc := range []struct {
		name, level, detail string
		listed, public      bool
	}{
		{name: "public, listed in bulk", listed: true, public: true, level: Public, detail: "any AWS account"},
		{name: "not public, listed in bulk", listed: true, level: Unknown, detail: "not public; the accounts it is shared with were not read"},
		{name: "not listed in bulk", level: Unknown, detail: "could not read"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := account(func(a *state.Account) {
				s := state.Snapshot{Meta: state.Meta{ARN: arn("ec2", "eu-west-1", "snapshot/snap-1"), Region: "eu-west-1"}, ID: "snap-1"}
				if tc.public {
					s.SharedWith = []string{"all"}
				}
				a.EC2.Snapshots = []state.Snapshot{s}
				if tc.listed {
					a.EC2.PublicSnapshotRegions = []string{"eu-west-1"}
				}
				a.Gaps.Add(state.Gap{Service: "ec2", Region: "eu-west-1", Operation: "DescribeSnapshotAttribute", Reason: state.ReasonSkipped, Message: "900 per-item calls not made"})
			})
			e := storeOf(t, Build(a, pol(nil)), arn("ec2", "eu-west-1", "snapshot/snap-1")).Exposure
			if e.Level != tc.level || !strings.Contains(e.Detail, tc.detail) {
				t.Errorf("exposure %s %q, want %s %q", e.Level, e.Detail, tc.level, tc.detail)
			}
		})
	}
}

// TestWhereAndCopies: region, country and jurisdiction of stores and of
// every kind of copy, with the policy's verdict on each region.
func TestWhereAndCopies(t *testing.T) {
	mrk := arn("kms", "eu-west-1", "key/mrk-1")
	a := account(
		bucket("rep", "eu-west-1", func(b *state.Bucket) {
			b.Encryption = &state.BucketEncryption{Algorithm: "aws:kms", KMSKeyID: mrk}
			b.Replication = []state.ReplicationRule{{Enabled: true, DestinationBucket: "arn:aws:s3:::rep-us", DestinationRegion: "us-east-1"},
				{Enabled: false, DestinationBucket: "arn:aws:s3:::off", DestinationRegion: "ap-south-1"}}
		}),
		func(a *state.Account) {
			a.KMS.Keys = []state.Key{{Meta: state.Meta{ARN: mrk, Region: "eu-west-1"}, ID: "mrk-1", Manager: "CUSTOMER", Origin: "AWS_KMS", MultiRegion: true,
				MultiRegionType: "PRIMARY", PrimaryRegion: "eu-west-1", ReplicaRegions: []string{"us-east-1"}}}
			a.RDS.Instances = []state.DBInstance{{Meta: state.Meta{ARN: arn("rds", "eu-west-1", "db:main"), Region: "eu-west-1"}, ID: "main", BackupRetentionDays: 7,
				ReplicatedBackupRegions: []string{"eu-central-1"}, ReadReplicas: []string{arn("rds", "us-east-1", "db:main-us")}}}
			a.RDS.Snapshots = []state.DBSnapshot{{Meta: state.Meta{ARN: arn("rds", "us-east-1", "snapshot:main-copy"), Region: "us-east-1"}, ID: "main-copy", SourceID: "main", SourceRegion: "eu-west-1", Type: "manual"}}
			a.DynamoDB.Tables = []state.DynamoDBTable{{Meta: state.Meta{ARN: arn("dynamodb", "eu-west-1", "table/t"), Region: "eu-west-1"}, Name: "t", PITR: true, ReplicaRegions: []string{"eu-west-1", "ap-northeast-1"}}}
			a.EFS.FileSystems = []state.FileSystem{{Meta: state.Meta{ARN: arn("elasticfilesystem", "eu-west-1", "file-system/fs-1"), Region: "eu-west-1"}, ID: "fs-1", Encrypted: true, ReplicationDestinations: []string{"eu-central-1"}}}
			a.Redshift.Clusters = []state.RedshiftCluster{{Meta: state.Meta{ARN: arn("redshift", "eu-west-1", "cluster:dw"), Region: "eu-west-1"}, ID: "dw", AutomatedSnapshotRetention: 1, CrossRegionSnapshotCopyRegion: "us-east-1"}}
			a.EC2.Volumes = []state.Volume{{Meta: state.Meta{ARN: arn("ec2", "eu-west-1", "volume/vol-1"), Region: "eu-west-1"}, ID: "vol-1", Encrypted: true}}
			a.EC2.Snapshots = []state.Snapshot{
				{Meta: state.Meta{ARN: arn("ec2", "eu-west-1", "snapshot/snap-1"), Region: "eu-west-1"}, ID: "snap-1", VolumeID: "vol-1", Encrypted: true, StartTime: when},
				{Meta: state.Meta{ARN: arn("ec2", "us-east-1", "snapshot/snap-2"), Region: "us-east-1"}, ID: "snap-2", VolumeID: "vol-1", Encrypted: true, SourceRegion: "eu-west-1"},
			}
			a.Backup.Vaults = []state.BackupVault{{Meta: state.Meta{ARN: arn("backup", "eu-west-1", "backup-vault:main"), Region: "eu-west-1"}, Name: "main", EncryptionKeyARN: mrk}}
			a.Backup.Plans = []state.BackupPlan{{Meta: state.Meta{ARN: arn("backup", "eu-west-1", "backup-plan:p"), Region: "eu-west-1"}, ID: "p", Name: "p",
				Rules:      []state.BackupRule{{Name: "daily", TargetVault: "main", CopyActions: []state.CopyAction{{DestinationVaultARN: "arn:aws:backup:eu-central-1:" + trusted + ":backup-vault:dr"}}}},
				Selections: []state.BackupSelection{{Name: "tagged", Tags: []state.TagCondition{{Key: "backup", Value: "daily"}}}}}}
			a.EFS.FileSystems[0].Tags = map[string]string{"backup": "daily"}
		})
	m := Build(a, pol(func(p *policy.Policy) { p.AllowedRegions = []string{"eu-west-1", "eu-central-1"} }))
	type cp struct{ kind, region, account string }
	copiesOf := func(s Store) []cp {
		var out []cp
		for _, c := range s.Copies {
			out = append(out, cp{c.Kind, c.Region, c.Account})
		}
		return out
	}
	tests := []struct {
		arn  string
		want []cp
	}{
		{"arn:aws:s3:::rep", []cp{{CopyReplication, "us-east-1", ""}, {CopyKeyReplica, "us-east-1", ""}}},
		{arn("rds", "eu-west-1", "db:main"), []cp{{CopyBackupCopy, "eu-central-1", ""}, {CopyReplica, "us-east-1", ""}, {CopySnapshotCopy, "us-east-1", ""}}},
		{arn("dynamodb", "eu-west-1", "table/t"), []cp{{CopyReplica, "ap-northeast-1", ""}}},
		{arn("elasticfilesystem", "eu-west-1", "file-system/fs-1"), []cp{{CopyReplication, "eu-central-1", ""}, {CopyBackupCopy, "eu-central-1", trusted}}},
		{arn("redshift", "eu-west-1", "cluster:dw"), []cp{{CopySnapshotCopy, "us-east-1", ""}}},
		{arn("ec2", "eu-west-1", "volume/vol-1"), []cp{{CopySnapshotCopy, "us-east-1", ""}}},
		{arn("backup", "eu-west-1", "backup-vault:main"), []cp{{CopyBackupCopy, "eu-central-1", trusted}, {CopyKeyReplica, "us-east-1", ""}}},
	}
	for _, tc := range tests {
		if got := copiesOf(storeOf(t, m, tc.arn)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: copies %+v, want %+v", tc.arn, got, tc.want)
		}
	}
	s := storeOf(t, m, "arn:aws:s3:::rep")
	if s.Region != "eu-west-1" || s.Country != "IE" || s.Jurisdiction != "EU" || s.Location != "Europe (Ireland)" || s.Allowed == nil || !*s.Allowed {
		t.Errorf("where: %+v", s.Where)
	}
	if c := s.Copies[0]; c.Country != "US" || c.Allowed == nil || *c.Allowed {
		t.Errorf("copy where: %+v", c.Where)
	}
	if got := m.Summary.CopiesOutsideAllowed; got != 6 {
		t.Errorf("stores with copies outside: %d, want 6 (bucket, db, table, cluster, volume, vault)", got)
	}
	if m.Summary.OutsideAllowed != 2 { // the two us-east-1 copies: snap-2 and main-copy
		t.Errorf("stores outside allowed regions: %d, want 2", m.Summary.OutsideAllowed)
	}
	// Without allowed regions, nothing is judged.
	m = Build(a, &policy.Policy{})
	if s := storeOf(t, m, "arn:aws:s3:::rep"); s.Allowed != nil || s.Copies[0].Allowed != nil {
		t.Error("no allowed regions in the policy, yet a verdict")
	}
}

func TestBackupStates(t *testing.T) {
	a := account(
		bucket("versioned", "eu-west-1", func(b *state.Bucket) { b.Versioning = "Enabled" }),
		bucket("bare", "eu-west-1", nil),
		bucket("hidden", "eu-west-1", nil),
		func(a *state.Account) {
			a.Gaps.Add(state.Gap{Service: "s3", Region: "eu-west-1", Operation: "GetBucketVersioning", Resource: "arn:aws:s3:::hidden", Reason: state.ReasonAccessDenied})
			a.RDS.Instances = []state.DBInstance{{Meta: state.Meta{ARN: arn("rds", "eu-west-1", "db:nobackup"), Region: "eu-west-1"}, ID: "nobackup"}}
			a.DynamoDB.Tables = []state.DynamoDBTable{{Meta: state.Meta{ARN: arn("dynamodb", "eu-west-1", "table/t"), Region: "eu-west-1"}, Name: "t"}}
			a.Backup.ProtectedResources = []state.ProtectedResource{{ResourceARN: arn("dynamodb", "eu-west-1", "table/t"), LastBackupTime: when}}
			a.EFS.FileSystems = []state.FileSystem{{Meta: state.Meta{ARN: arn("elasticfilesystem", "eu-west-1", "file-system/fs-1"), Region: "eu-west-1"}, ID: "fs-1", BackupPolicy: "DISABLED"}}
			a.WorkSpaces.Workspaces = []state.Workspace{{Meta: state.Meta{ARN: arn("workspaces", "eu-west-1", "workspace/ws-1"), Region: "eu-west-1"}, ID: "ws-1"}}
		})
	m := Build(a, pol(nil))
	tests := []struct{ arn, state, detail string }{
		{"arn:aws:s3:::versioned", Protected, "versioning"},
		{"arn:aws:s3:::bare", Unprotected, ""},
		{"arn:aws:s3:::hidden", BackupUnknown, "GetBucketVersioning"},
		{arn("rds", "eu-west-1", "db:nobackup"), Unprotected, "automated backups off"},
		{arn("dynamodb", "eu-west-1", "table/t"), Protected, "AWS Backup recovery point, last 2026-11-01"},
		{arn("elasticfilesystem", "eu-west-1", "file-system/fs-1"), Unprotected, "automatic backups off"},
		{arn("workspaces", "eu-west-1", "workspace/ws-1"), Protected, "automatic volume snapshots"},
	}
	for _, tc := range tests {
		b := storeOf(t, m, tc.arn).Backup
		if b.State != tc.state || !strings.Contains(strings.Join(b.Detail, "; "), tc.detail) {
			t.Errorf("%s: %+v, want %s %q", tc.arn, b, tc.state, tc.detail)
		}
	}
	// AWS Backup's listing failed: an unprotected store is unknown, not unprotected.
	a.Gaps.Add(state.Gap{Service: "backup", Region: "eu-west-1", Operation: "ListProtectedResources", Reason: state.ReasonAccessDenied})
	if b := storeOf(t, Build(a, pol(nil)), "arn:aws:s3:::bare").Backup; b.State != BackupUnknown {
		t.Errorf("with AWS Backup unreadable: %+v", b)
	}
}

func TestCustodyAndClassification(t *testing.T) {
	cmk := arn("kms", "eu-west-1", "key/k1")
	a := account(
		bucket("sse-s3", "eu-west-1", func(b *state.Bucket) { b.Tags = map[string]string{"data-classification": "pii"} }),
		bucket("cmk", "eu-west-1", func(b *state.Bucket) {
			b.Encryption = &state.BucketEncryption{Algorithm: "aws:kms", KMSKeyID: cmk}
			b.Tags = map[string]string{"Data-Classification": "internal"}
		}),
		bucket("foreign-key", "eu-west-1", func(b *state.Bucket) {
			b.Encryption = &state.BucketEncryption{Algorithm: "aws:kms", KMSKeyID: "arn:aws:kms:eu-west-1:999999999999:key/x"}
		}),
		func(a *state.Account) {
			a.KMS.Keys = []state.Key{{Meta: state.Meta{ARN: cmk, Region: "eu-west-1"}, ID: "k1", Manager: "CUSTOMER", Origin: "AWS_KMS"}}
			a.EC2.Volumes = []state.Volume{{Meta: state.Meta{ARN: arn("ec2", "eu-west-1", "volume/vol-1"), Region: "eu-west-1"}, ID: "vol-1"}}
		})
	m := Build(a, pol(nil))
	tests := []struct{ arn, custody, class string }{
		{"arn:aws:s3:::sse-s3", "aws_owned", "pii"},
		{"arn:aws:s3:::cmk", "customer_managed", "internal"},
		{"arn:aws:s3:::foreign-key", "unknown", ""},
		{arn("ec2", "eu-west-1", "volume/vol-1"), "none", ""},
	}
	for _, tc := range tests {
		s := storeOf(t, m, tc.arn)
		if s.Encryption.Custody != tc.custody || s.Classification != tc.class {
			t.Errorf("%s: custody %s class %q, want %s %q", tc.arn, s.Encryption.Custody, s.Classification, tc.custody, tc.class)
		}
	}
	if s := storeOf(t, m, "arn:aws:s3:::foreign-key"); !strings.Contains(s.Encryption.Reason, "not in the scanned KMS keys") {
		t.Errorf("unknown custody without a reason: %+v", s.Encryption)
	}
	if !storeOf(t, m, "arn:aws:s3:::sse-s3").Sensitive || storeOf(t, m, "arn:aws:s3:::cmk").Sensitive {
		t.Error("sensitivity per the default sensitive values")
	}
	if got := m.Summary.ByCustody; got["aws_owned"] != 1 || got["customer_managed"] != 1 || got["unknown"] != 1 || got["none"] != 1 {
		t.Errorf("summary by custody %v", got)
	}
}

func demoLikeStores() []Store {
	mk := func(name, region, country, jur, custody, exposure, class string, sensitive bool, shares ...Share) Store {
		return Store{Kind: "bucket", Name: name, ARN: "arn:aws:s3:::" + name, Where: Where{Region: region, Country: country, Jurisdiction: jur},
			Classification: class, Sensitive: sensitive, Encryption: Encryption{Custody: custody}, Exposure: Exposure{Level: exposure, SharedWith: shares}}
	}
	return []Store{
		mk("a", "us-east-1", "US", "US", "none", Public, "internal", false),
		mk("b", "eu-west-1", "IE", "EU", "customer_managed", Private, "pii", true),
		mk("c", "eu-central-1", "DE", "EU", "aws_managed", Shared, "", false, Share{Account: trusted, Trusted: true}),
		mk("d", "eu-central-1", "DE", "EU", "unknown", Unknown, "confidential", true),
		mk("e", "me-central-1", "AE", "Middle-East", "cloudhsm", Shared, "internal", false, Share{Account: untrusted}),
	}
}

func names(stores []Store) string {
	var out []string
	for _, s := range stores {
		out = append(out, s.Name)
	}
	return strings.Join(out, "")
}

func TestSort(t *testing.T) {
	tests := []struct{ key, want string }{
		{"region", "cdbea"},
		{"name", "abcde"},
		{"custody", "dacbe"},  // unknown first, then weakest
		{"exposure", "aedcb"}, // public, shared untrusted, unknown, shared trusted, private
		{"class", "dbeac"},    // sensitive first, then by class, untagged last
	}
	for _, tc := range tests {
		s := demoLikeStores()
		Sort(s, tc.key)
		if got := names(s); got != tc.want {
			t.Errorf("sort %s: %s, want %s", tc.key, got, tc.want)
		}
	}
}

func TestFilter(t *testing.T) {
	tests := []struct {
		f    Filter
		want string
	}{
		{Filter{}, "cdbea"},
		{Filter{Regions: []string{"EU"}}, "cdb"},
		{Filter{Regions: []string{"de", "us-east-1"}}, "cda"},
		{Filter{Exposures: []string{Public, Shared}}, "cea"},
		{Filter{Custody: "customer_managed"}, "be"},
		{Filter{Custody: ">=aws_managed"}, "cbe"},
		{Filter{Custody: "=aws_managed"}, "c"},
		{Filter{Custody: "<customer_managed"}, "ca"},
		{Filter{Custody: "=unknown"}, "d"},
		{Filter{Classes: []string{"untagged"}}, "c"},
		{Filter{Classes: []string{"PII", "confidential"}}, "db"},
		{Filter{Regions: []string{"EU"}, Exposures: []string{Private}}, "b"},
	}
	for _, tc := range tests {
		if err := tc.f.Validate(); err != nil {
			t.Fatalf("%+v: %v", tc.f, err)
		}
		m := &Map{Stores: demoLikeStores()}
		m.Select(tc.f, "region")
		if got := names(m.Stores); got != tc.want {
			t.Errorf("%+v: %s, want %s", tc.f, got, tc.want)
		}
		if m.Summary.Stores != len(tc.want) {
			t.Errorf("%+v: summary counts %d", tc.f, m.Summary.Stores)
		}
	}
	bad := []struct {
		f    Filter
		want string
	}{
		{Filter{Regions: []string{"eu-wset-1"}}, `--region: "eu-wset-1" is not a region`},
		{Filter{Exposures: []string{"open"}}, `--exposure: "open" is not public, shared, private or unknown`},
		{Filter{Custody: "customer"}, `--custody: unknown custody level "customer"`},
		{Filter{Custody: "<unknown"}, "--custody"},
	}
	for _, tc := range bad {
		if err := tc.f.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want %q", tc.f, err, tc.want)
		}
	}
}

func TestIncomplete(t *testing.T) {
	a := account(func(a *state.Account) {
		a.Gaps.Add(state.Gap{Service: "rds", Region: "us-east-1", Operation: "DescribeDBInstances", Reason: state.ReasonAccessDenied})
	})
	m := Build(a, pol(nil))
	if len(m.Incomplete) != 1 || m.Incomplete[0].Operation != "DescribeDBInstances" {
		t.Errorf("incomplete: %+v", m.Incomplete)
	}
}

// TestStoreNames: a store is named as its service names it, slashes of
// ECR namespaces and secret paths kept, the secret ARN's random suffix
// dropped.
func TestStoreNames(t *testing.T) {
	for _, tc := range []struct{ arn, want string }{
		{"arn:aws:s3:::logs", "logs"},
		{"arn:aws:dynamodb:eu-west-1:111122223333:table/orders", "orders"},
		{"arn:aws:sqs:eu-west-1:111122223333:jobs", "jobs"},
		{"arn:aws:ecr:eu-west-1:111122223333:repository/team/api", "team/api"},
		{"arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-AbCdEf", "prod/db"},
	} {
		if got := nameOf(custody.Store{Resource: state.Meta{ARN: tc.arn}}); got != tc.want {
			t.Errorf("nameOf(%s) = %q, want %q", tc.arn, got, tc.want)
		}
	}
}
