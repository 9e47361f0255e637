// Package synth generates large, random but valid account states for
// benchmarks and property tests. The same seed gives the same account.
package synth

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// Options size a generated account.
type Options struct {
	Seed    uint64
	Regions []string
	// Resources is the approximate total number of resources.
	Resources int
}

// Epoch is the generated accounts' collection time.
var Epoch = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// Account generates an account of about o.Resources resources spread over
// o.Regions: mostly instances, volumes, snapshots and security groups (as
// in real large accounts), plus buckets, keys, IAM users and databases.
func Account(o Options) *state.Account {
	if len(o.Regions) == 0 {
		o.Regions = []string{"eu-west-1", "eu-central-1", "us-east-1", "us-west-2"}
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x5b0))
	const id = "123456789012"
	a := &state.Account{AccountID: id, Partition: "aws", CollectedAt: Epoch, Source: "synthetic", Name: fmt.Sprintf("synthetic-%d", o.Resources)}
	for _, r := range o.Regions {
		a.Regions = append(a.Regions, state.Region{Name: r, Enabled: true, Scanned: true, OptInStatus: "opt-in-not-required"})
		a.EC2.RegionSettings = append(a.EC2.RegionSettings, state.EC2RegionSettings{Region: r, EBSEncryptionByDefault: rng.IntN(2) == 0})
	}
	arn := func(svc, region, res string) string { return fmt.Sprintf("arn:aws:%s:%s:%s:%s", svc, region, id, res) }
	a.IAM.Summary = map[string]int{"AccountMFAEnabled": rng.IntN(2), "AccountAccessKeysPresent": rng.IntN(2)}
	a.CloudTrail.Trails = []state.Trail{{Meta: state.Meta{ARN: arn("cloudtrail", o.Regions[0], "trail/main"), Region: o.Regions[0]}, Name: "main", HomeRegion: o.Regions[0],
		IsMultiRegion: true, IsLogging: true, ManagementEvents: true, ReadWriteType: "All"}}
	n := o.Resources
	// Shares: instances 25%, volumes 25%, snapshots 25%, SGs 10%, buckets 5%,
	// users 4%, keys 3%, DB instances 3%.
	share := func(pct int) int { return n * pct / 100 }
	for i := 0; i < share(10); i++ {
		r := o.Regions[i%len(o.Regions)]
		sid := fmt.Sprintf("sg-%08x", i)
		g := state.SecurityGroup{Meta: state.Meta{ARN: arn("ec2", r, "security-group/"+sid), Region: r}, ID: sid, Name: fmt.Sprintf("g%d", i), VPCID: "vpc-1",
			Ingress: []state.SGRule{{Protocol: "tcp", FromPort: 443, ToPort: 443, CIDRs: []string{"0.0.0.0/0"}}}}
		if rng.IntN(20) == 0 {
			g.Ingress = append(g.Ingress, state.SGRule{Protocol: "tcp", FromPort: 22, ToPort: 22, CIDRs: []string{"0.0.0.0/0"}})
		}
		a.EC2.SecurityGroups = append(a.EC2.SecurityGroups, g)
	}
	for i := 0; i < share(25); i++ {
		r := o.Regions[i%len(o.Regions)]
		iid, vid := fmt.Sprintf("i-%012x", i), fmt.Sprintf("vol-%012x", i)
		a.EC2.Instances = append(a.EC2.Instances, state.Instance{Meta: state.Meta{ARN: arn("ec2", r, "instance/"+iid), Region: r, Tags: map[string]string{"Name": iid}},
			ID: iid, State: "running", ImageID: "ami-1", LaunchTime: Epoch.Add(-time.Duration(rng.IntN(1000)) * time.Hour),
			MetadataHTTPTokens: []string{"required", "optional"}[rng.IntN(2)], VolumeIDs: []string{vid}, SecurityGroups: []string{fmt.Sprintf("sg-%08x", i%max(1, share(10)))}})
		a.EC2.Volumes = append(a.EC2.Volumes, state.Volume{Meta: state.Meta{ARN: arn("ec2", r, "volume/"+vid), Region: r}, ID: vid, SizeGiB: 8 + rng.IntN(500),
			State: "in-use", Encrypted: rng.IntN(3) > 0, AttachedTo: iid, CreateTime: Epoch.Add(-time.Duration(rng.IntN(5000)) * time.Hour)})
		sid := fmt.Sprintf("snap-%012x", i)
		a.EC2.Snapshots = append(a.EC2.Snapshots, state.Snapshot{Meta: state.Meta{ARN: arn("ec2", r, "snapshot/"+sid), Region: r}, ID: sid, VolumeID: vid,
			Encrypted: rng.IntN(3) > 0, StartTime: Epoch.Add(-time.Duration(rng.IntN(5000)) * time.Hour)})
	}
	for i := 0; i < share(5); i++ {
		r := o.Regions[i%len(o.Regions)]
		name := fmt.Sprintf("bucket-%08x", i)
		b := state.Bucket{Meta: state.Meta{ARN: "arn:aws:s3:::" + name, Region: r}, Name: name, CreationDate: Epoch, ObjectOwnership: "BucketOwnerEnforced",
			Encryption: &state.BucketEncryption{Algorithm: "AES256"}}
		if rng.IntN(10) == 0 {
			b.ObjectOwnership = "ObjectWriter"
			b.ACLGrants = []state.ACLGrant{{GranteeType: "Group", GranteeURI: state.AllUsersURI, Permission: "READ"}}
		}
		a.S3.Buckets = append(a.S3.Buckets, b)
	}
	for i := 0; i < share(4); i++ {
		name := fmt.Sprintf("user-%06d", i)
		a.IAM.Users = append(a.IAM.Users, state.User{Meta: state.Meta{ARN: "arn:aws:iam::" + id + ":user/" + name}, Name: name, CreateDate: Epoch})
	}
	for i := 0; i < share(3); i++ {
		r := o.Regions[i%len(o.Regions)]
		kid := fmt.Sprintf("%08x-0000-4000-8000-000000000000", i)
		a.KMS.Keys = append(a.KMS.Keys, state.Key{Meta: state.Meta{ARN: arn("kms", r, "key/"+kid), Region: r}, ID: kid, Manager: "CUSTOMER", Origin: "AWS_KMS",
			State: "Enabled", Usage: "ENCRYPT_DECRYPT", Spec: "SYMMETRIC_DEFAULT", CreationDate: Epoch, RotationEnabled: rng.IntN(2) == 0})
	}
	for i := 0; i < share(3); i++ {
		r := o.Regions[i%len(o.Regions)]
		did := fmt.Sprintf("db-%06d", i)
		a.RDS.Instances = append(a.RDS.Instances, state.DBInstance{Meta: state.Meta{ARN: arn("rds", r, "db:"+did), Region: r}, ID: did, Engine: "postgres", EngineVersion: "16.4",
			PubliclyAccessible: rng.IntN(10) == 0, StorageEncrypted: rng.IntN(4) > 0, BackupRetentionDays: rng.IntN(15)})
	}
	return a
}

// Count returns the number of resources in the account's resource lists.
func Count(a *state.Account) int {
	return len(a.EC2.Instances) + len(a.EC2.Volumes) + len(a.EC2.Snapshots) + len(a.EC2.SecurityGroups) +
		len(a.S3.Buckets) + len(a.IAM.Users) + len(a.KMS.Keys) + len(a.RDS.Instances)
}
