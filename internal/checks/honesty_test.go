package checks

import (
	"time"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// honestyCases are the coverage-gap cases found by the honesty audit: each
// state holds a gap under the names the live collector records, and each
// check used to answer pass, fail or not_applicable on it from data nobody
// read. Every case expects unknown where the gap hides the answer.
func honestyCases() map[string][]checkCase {
	// The collector records DescribeKey per key ARN and then skips the key's
	// other calls; the key keeps only what ListKeys gave (no manager, spec or state).
	listedKeyOnly := func(a *state.Account) {
		a.KMS.Keys = append(a.KMS.Keys, state.Key{Meta: state.Meta{ARN: dsKeyARN, Region: "eu-west-1"}, ID: "k1"})
	}
	describeKeyDenied := dsGap("kms", "eu-west-1", "DescribeKey", dsKeyARN)
	keyUnread := checkCase{name: "DescribeKey denied", acct: baseAccount(listedKeyOnly, describeKeyDenied), want: dsWant(dsU)}

	clusterSnapsDenied := dsGap("rds", "eu-west-1", "DescribeDBClusterSnapshots", "")

	// One DB instance in eu-west-1 whose instance events are subscribed to.
	dbWithEvents := func(a *state.Account) {
		a.RDS.EventSubscriptions = []state.EventSubscription{{Meta: state.Meta{Region: "eu-west-1"}, Name: "db", Enabled: true, SourceType: "db-instance"}}
	}

	newSharingOnly := nwEC2Settings(state.EC2RegionSettings{SnapshotBlockPublicAccess: "block-new-sharing"}, state.EC2RegionSettings{SnapshotBlockPublicAccess: "block-new-sharing"})
	snapAttrDenied := dsGap("ec2", "eu-west-1", "DescribeSnapshotAttribute", nwEUMeta("ec2", "snapshot/snap-1").ARN)

	trail := func(t state.Trail) func(*state.Account) {
		return func(a *state.Account) {
			t.Meta = state.Meta{ARN: "arn:aws:cloudtrail:eu-west-1:" + testAccountID + ":trail/" + t.Name, Region: "eu-west-1"}
			t.HomeRegion = "eu-west-1"
			a.CloudTrail.Trails = append(a.CloudTrail.Trails, t)
		}
	}
	trailARN := "arn:aws:cloudtrail:eu-west-1:" + testAccountID + ":trail/main"
	// GetTrailStatus failed: IsLogging and the last delivery are zero values.
	statusDenied := dsGap("cloudtrail", "eu-west-1", "GetTrailStatus", trailARN)
	unreadTrail := state.Trail{Name: "main", IsMultiRegion: true, LogFileValidation: true,
		CloudWatchLogGroupARN: "arn:aws:logs:eu-west-1:" + testAccountID + ":log-group:trail:*"}

	detectorARN := "arn:aws:guardduty:eu-west-1:" + testAccountID + ":detector/d"
	// GetDetector failed: the detector keeps only its listed ID.
	listedDetector := func(a *state.Account) {
		a.GuardDuty.Detectors = append(a.GuardDuty.Detectors, state.Detector{Meta: state.Meta{ARN: detectorARN, Region: "eu-west-1"}, ID: "d"})
	}
	getDetectorDenied := dsGap("guardduty", "eu-west-1", "GetDetector", detectorARN)
	usDetectorsDenied := nwUSGap("guardduty", "ListDetectors")

	sensitiveDB := dsDB(func(d *state.DBInstance) { d.Tags = dsSensitive })

	// The management account lists one SCP whose document could not be read
	// (DescribePolicy is recorded per policy ARN).
	scpARN := "arn:aws:organizations::100000000001:policy/o-1/service_control_policy/p-regions"
	unreadSCP := func(a *state.Account) {
		a.Organization = &state.Organization{ID: "o-1", MasterAccountID: "100000000001", IsManagementAccount: false, // a delegated administrator: SCPs do not apply to the management account
			SCPs: []state.SCP{{Meta: state.Meta{ARN: scpARN}, ID: "p-regions", Name: "regions", Targets: []string{"r-root"}}}}
	}

	// A store, the default EBS key and a vault name the listed key whose
	// DescribeKey failed: who manages it is unknown, so is its custody.
	ebsDefaultIsKey := nwEC2Settings(state.EC2RegionSettings{EBSEncryptionByDefault: true, EBSDefaultKMSKeyID: dsKeyARN}, state.EC2RegionSettings{EBSEncryptionByDefault: true})

	// Tags read by a call of their own (per bucket, per table) failed: the
	// classification is unknown, not "untagged".
	bucketTagsDenied := dsGap("s3", "eu-west-1", "GetBucketTagging", "arn:aws:s3:::data")
	tableTagsDenied := dsGap("dynamodb", "eu-west-1", "ListTagsOfResource", dsTableARN)
	bucketTagsUnread := checkCase{name: "bucket tags denied", acct: baseAccount(dsBucket("data", nil), bucketTagsDenied), want: dsWant(dsU), msg: "GetBucketTagging"}
	tableTagsUnread := checkCase{name: "table tags denied", acct: baseAccount(dsKey(nil), dsTable(nil), tableTagsDenied), want: dsWant(dsU), msg: "ListTagsOfResource"}
	// A WorkSpace's tags come from the Tagging API's regional listing
	// (GetResources): when it failed, an unencrypted WorkSpace is not
	// "untagged, no requirement" but of unknown classification.
	wsARN := "arn:aws:workspaces:eu-west-1:" + testAccountID + ":workspace/ws-1"
	plainWorkspace := func(a *state.Account) {
		a.WorkSpaces.Workspaces = append(a.WorkSpaces.Workspaces, state.Workspace{Meta: state.Meta{ARN: wsARN, Region: "eu-west-1"}, ID: "ws-1", DirectoryID: "d-1"})
	}
	workspaceTagsUnread := checkCase{name: "workspace tags denied", acct: baseAccount(plainWorkspace, dsGap("tagging", "eu-west-1", "GetResources", "")), want: dsWant(dsU), msg: "GetResources"}
	workspaceUntagged := checkCase{name: "workspace tags read, none", acct: baseAccount(plainWorkspace), want: dsWant(dsNA)}

	// A bucket whose ACL grants READ to everyone: Block Public Access,
	// account or bucket, may still ignore the grant.
	publicACL := func(mut func(*state.Bucket)) func(*state.Account) {
		return dsBucket("data", func(b *state.Bucket) {
			b.ACLGrants = []state.ACLGrant{{GranteeType: "Group", GranteeURI: state.AllUsersURI, Permission: "READ"}}
			if mut != nil {
				mut(b)
			}
		})
	}
	accountBPADenied := dsGap("s3control", "", "GetPublicAccessBlock", "")

	// The plan's selection list was read but one selection was not.
	planP1ARN := "arn:aws:backup:eu-west-1:" + testAccountID + ":backup-plan:p1"
	selectionDenied := dsGap("backup", "eu-west-1", "GetBackupSelection", planP1ARN)
	noAutoFS := dsFS(func(f *state.FileSystem) { f.BackupPolicy = "DISABLED" })

	// DescribeLaunchTemplateVersions lists the templates: when it failed in
	// a region, that region's templates are absent, not "none".
	templateVersionsDenied := checkCase{name: "template versions denied, none listed", acct: baseAccount(nwEUGap("ec2", "DescribeLaunchTemplateVersions")), want: dsWant(dsU), msg: "DescribeLaunchTemplateVersions"}

	return map[string][]checkCase{
		"ec2_instance_launch_template_imdsv2":       {templateVersionsDenied},
		"ec2_instance_launch_template_no_public_ip": {templateVersionsDenied},
		"efs_file_system_in_backup_plan": {
			{name: "one selection denied", acct: baseAccount(noAutoFS, dsPlan("p1", nil), selectionDenied), want: dsWant(dsU), msg: "GetBackupSelection"},
			{name: "one selection denied, another selects", acct: baseAccount(noAutoFS, dsPlan("p1", nil, state.BackupSelection{Resources: []string{dsFSARN}}), selectionDenied), want: dsWant(dsP)},
		},
		"s3_bucket_acl_not_public": {
			{name: "account BPA denied", acct: baseAccount(publicACL(nil), accountBPADenied), want: dsWant(dsU), msg: "GetPublicAccessBlock"},
			{name: "account BPA denied, bucket BPA ignores", acct: baseAccount(publicACL(func(b *state.Bucket) { b.PublicAccessBlock = &state.PublicAccessBlock{IgnorePublicAcls: true} }), accountBPADenied), want: dsWant(dsP)},
			{name: "bucket BPA denied", acct: baseAccount(publicACL(nil), dsGap("s3", "eu-west-1", "GetPublicAccessBlock", "arn:aws:s3:::data")), want: dsWant(dsU), msg: "GetPublicAccessBlock"},
			{name: "account BPA ignores, bucket BPA denied", acct: baseAccount(publicACL(nil), dsGap("s3", "eu-west-1", "GetPublicAccessBlock", "arn:aws:s3:::data"),
				func(a *state.Account) {
					a.S3.AccountPublicAccessBlock = &state.PublicAccessBlock{IgnorePublicAcls: true}
				}), want: dsWant(dsP)},
		},
		"kms_data_store_custody": {
			{name: "store key DescribeKey denied", acct: baseAccount(listedKeyOnly, describeKeyDenied, sensitiveDB), want: dsWant(dsU), msg: "DescribeKey"},
			bucketTagsUnread, tableTagsUnread, workspaceTagsUnread, workspaceUntagged,
		},
		"s3_bucket_object_lock": {bucketTagsUnread},
		"s3_bucket_replication": {bucketTagsUnread},
		"ec2_ebs_default_encryption_cmk": {
			{name: "default key DescribeKey denied", acct: baseAccount(listedKeyOnly, describeKeyDenied, ebsDefaultIsKey), want: dsWant(dsU, dsF), msg: "DescribeKey"},
		},
		"backup_vault_encrypted_cmk": {
			{name: "vault key DescribeKey denied", acct: baseAccount(listedKeyOnly, describeKeyDenied, dsVault(dsKeyARN, nil)), want: dsWant(dsU), msg: "DescribeKey"},
		},
		"kms_key_rotation_enabled":        {keyUnread},
		"kms_key_grants_trusted":          {keyUnread},
		"kms_key_policy_not_public":       {keyUnread},
		"kms_key_policy_trusted":          {keyUnread},
		"kms_key_not_pending_deletion":    {keyUnread},
		"kms_key_pending_deletion_in_use": {keyUnread},
		"kms_key_replica_in_allowed_region": {
			{name: "DescribeKey denied", acct: baseAccount(listedKeyOnly, describeKeyDenied), pol: nwEU(), want: dsWant(dsU)},
		},
		"dynamodb_table_replica_in_allowed_region": {
			{name: "DescribeTable denied", acct: baseAccount(dsTable(nil), dsGap("dynamodb", "eu-west-1", "DescribeTable", dsTableARN)), pol: nwEU(), want: dsWant(dsU)},
		},
		"rds_snapshot_in_allowed_region": {
			{name: "cluster snapshots denied", acct: baseAccount(dsDBSnap(nil), clusterSnapsDenied), pol: nwEU(), want: dsWant(dsU)},
		},
		"rds_event_subscription_critical": {
			{name: "parameter groups read", acct: baseAccount(dsDB(nil), dbWithEvents), want: dsWant(dsP)},
			{name: "parameter groups denied", acct: baseAccount(dsDB(nil), dbWithEvents, dsGap("rds", "eu-west-1", "DescribeDBParameterGroups", "")), want: dsWant(dsU)},
		},
		"ec2_snapshot_public_access_blocked": {
			{name: "one snapshot's sharing denied", acct: baseAccount(newSharingOnly, nwSnapshot("snap-1"), snapAttrDenied), want: dsWant(dsU, dsP)},
		},
		"ec2_vpc_default_unused": {
			{name: "rds denied", acct: baseAccount(nwVPC("vpc-1", true), nwEUGap("rds", "DescribeDBInstances")), want: dsWant(dsU)},
			{name: "elbv2 denied", acct: baseAccount(nwVPC("vpc-1", true), nwEUGap(state.ELBServiceV2, "DescribeLoadBalancers")), want: dsWant(dsU)},
			{name: "rds denied but an instance is there", acct: baseAccount(nwVPC("vpc-1", true), nwInstance("i-1", nil), nwEUGap("rds", "DescribeDBInstances")), want: dsWant(dsF)},
		},
		"cloudtrail_cloudwatch_logs_enabled": {
			{name: "status denied", acct: baseAccount(trail(unreadTrail), statusDenied), want: dsWant(dsU)},
		},
		"cloudtrail_log_file_validation_enabled": {
			{name: "trails of one region denied", acct: baseAccount(trail(unreadTrail), nwUSGap("cloudtrail", "DescribeTrails")), want: dsWant(dsU, dsP)},
		},
		"cloudtrail_multi_region_enabled": {
			{name: "status denied", acct: baseAccount(trail(unreadTrail), statusDenied), want: dsWant(dsU)},
		},
		"cloudwatch_alarm_root_usage": {
			{name: "trail status denied", acct: baseAccount(trail(unreadTrail), statusDenied), want: dsWant(dsU)},
		},
		"guardduty_enabled": {
			{name: "GetDetector denied", acct: baseAccount(listedDetector, getDetectorDenied, usDetectorsDenied), want: dsWant(dsU, dsU)},
		},
		"guardduty_s3_protection_enabled": {
			{name: "GetDetector denied", acct: baseAccount(listedDetector, getDetectorDenied, usDetectorsDenied), want: dsWant(dsU, dsU)},
		},
		"organizations_region_deny_scp": {
			{name: "one SCP document denied", acct: baseAccount(unreadSCP, dsGap("organizations", "", "DescribePolicy", scpARN)), pol: nwEU(), want: dsWant(dsU)},
		},
		"backup_sensitive_resources_protected": {
			{name: "tables of one region denied", acct: baseAccount(sensitiveDB, dsProtected(dsRDSARN("db", "db1"), 24*time.Hour), nwUSGap("dynamodb", "ListTables")), want: dsWant(dsU, dsP)},
			bucketTagsUnread, tableTagsUnread,
		},
	}
}
