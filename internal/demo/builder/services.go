package builder

import (
	"fmt"

	"github.com/shoulder-dev/shoulder/internal/state"
)

func defaultKeyPolicy() string {
	return `{"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + AccountID + `:root"},"Action":"kms:*","Resource":"*"}]}`
}

func (x *b) kms() {
	k := &x.a.KMS
	mk := func(region, id string, mut func(*state.Key)) {
		key := state.Key{Meta: state.Meta{ARN: x.arn("kms", region, "key/"+id), Region: region}, ID: id, Manager: "CUSTOMER", Origin: "AWS_KMS", State: "Enabled",
			Usage: "ENCRYPT_DECRYPT", Spec: "SYMMETRIC_DEFAULT", CreationDate: days(600), RotationEnabled: true, RotationPeriodDays: 365, Policy: defaultKeyPolicy()}
		mut(&key)
		k.Keys = append(k.Keys, key)
	}
	mk("eu-central-1", "1f0c6a7e-0000-4000-8000-00000000d474", func(k *state.Key) {
		k.Aliases = []string{"alias/datalake"}
		k.Tags = tags("data-classification", "confidential")
		k.MultiRegion, k.MultiRegionType, k.PrimaryRegion = true, "PRIMARY", "eu-central-1"
		k.ReplicaRegions = []string{"eu-west-1"}
	})
	mk("eu-west-1", "1f0c6a7e-0000-4000-8000-00000000d474", func(k *state.Key) {
		k.ID = "mrk-1f0c6a7e00004000800000000000d474"
		k.Aliases = []string{"alias/datalake"}
		k.MultiRegion, k.MultiRegionType, k.PrimaryRegion = true, "REPLICA", "eu-central-1"
	})
	mk("eu-central-1", "2b7d0000-0000-4000-8000-0000000hsm01", func(k *state.Key) {
		k.Aliases = []string{"alias/payroll-hsm"}
		k.Origin = "AWS_CLOUDHSM"
		k.RotationEnabled = false // keys in a custom key store cannot rotate automatically
	})
	mk("eu-central-1", "3c8e0000-0000-4000-8000-00000imported", func(k *state.Key) {
		k.Aliases = []string{"alias/customer-byok"}
		k.Origin = "EXTERNAL"
		k.RotationEnabled = false
	})
	mk("eu-west-1", "4d9f0000-0000-4000-8000-000000partner", func(k *state.Key) {
		k.Aliases = []string{"alias/shared-with-partner"}
		k.RotationEnabled = false
		k.Policy = `{"Version":"2012-10-17","Statement":[` +
			`{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + AccountID + `:root"},"Action":"kms:*","Resource":"*"},` +
			`{"Sid":"PartnerUse","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + UntrustedPartner + `:root"},"Action":["kms:Decrypt","kms:DescribeKey"],"Resource":"*"},` +
			`{"Sid":"AnyoneViaS3","Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*"}]}`
		k.Grants = []state.Grant{{ID: "grant-01", GranteePrincipal: "arn:aws:iam::" + UntrustedPartner + ":role/etl", Operations: []string{"Decrypt", "GenerateDataKey"}, IssuingAccount: "arn:aws:iam::" + AccountID + ":root"}}
	})
	mk("us-east-1", "5ea00000-0000-4000-8000-000000retire", func(k *state.Key) {
		k.Aliases = []string{"alias/marketing-old"}
		k.State = "PendingDeletion"
		k.DeletionDate = tp(Now.AddDate(0, 0, 6))
		k.RotationEnabled = false
	})
	mk("us-east-1", "6fb10000-0000-4000-8000-00000signing", func(k *state.Key) {
		k.Aliases = []string{"alias/jwt-signing"}
		k.Usage, k.Spec = "SIGN_VERIFY", "RSA_2048"
		k.RotationEnabled = false
	})
	for _, r := range scanned {
		for _, svc := range []string{"ebs", "s3", "rds"} {
			id := fmt.Sprintf("aaaa%s-%s", svc, r)
			k.Keys = append(k.Keys, state.Key{Meta: state.Meta{ARN: x.arn("kms", r, "key/"+id), Region: r}, ID: id, Aliases: []string{"alias/aws/" + svc},
				Manager: "AWS", Origin: "AWS_KMS", State: "Enabled", Usage: "ENCRYPT_DECRYPT", Spec: "SYMMETRIC_DEFAULT", CreationDate: days(1500), RotationEnabled: true})
		}
	}
}

func (x *b) logging() {
	x.a.CloudTrail.Trails = []state.Trail{
		{Meta: state.Meta{ARN: x.arn("cloudtrail", "eu-central-1", "trail/alpenglow-main"), Region: "eu-central-1"}, Name: "alpenglow-main", HomeRegion: "eu-central-1",
			IsMultiRegion: true, IsLogging: true, LogFileValidation: false, S3Bucket: "alpenglow-cloudtrail-logs", IncludeGlobalEvents: true,
			ManagementEvents: true, ReadWriteType: "All", OwnerAccountID: AccountID, LatestDelivery: tp(Now.Add(-600e9)),
			CloudWatchLogGroupARN: x.arn("logs", "eu-central-1", "log-group:cloudtrail:*"), LatestCloudWatchDelivery: tp(Now.Add(-300e9))},
		{Meta: state.Meta{ARN: x.arn("cloudtrail", "us-east-1", "trail/marketing-s3-data"), Region: "us-east-1"}, Name: "marketing-s3-data", HomeRegion: "us-east-1",
			IsLogging: false, S3Bucket: "alpenglow-marketing-assets", OwnerAccountID: AccountID, S3DataEventsWrite: true},
	}
	for _, r := range scanned {
		rec := state.ConfigRecorder{Meta: state.Meta{ARN: x.arn("config", r, "config-recorder/default"), Region: r}, Name: "default", RoleARN: "arn:aws:iam::" + AccountID + ":role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
			AllSupported: true, IncludeGlobalResourceTypes: r == "eu-central-1", Recording: true, LastStatus: "SUCCESS"}
		switch r {
		case "me-central-1":
			continue // never set up in the forgotten region
		case "us-east-1":
			rec.Recording = false
			rec.LastStatus = "FAILURE"
		}
		x.a.Config.Recorders = append(x.a.Config.Recorders, rec)
		x.a.Config.DeliveryChannels = append(x.a.Config.DeliveryChannels, state.DeliveryChannel{Meta: state.Meta{ARN: x.arn("config", r, "delivery-channel/default"), Region: r}, Name: "default", S3Bucket: "alpenglow-cloudtrail-logs"})
		if r == "eu-central-1" || r == "eu-west-1" {
			x.a.GuardDuty.Detectors = append(x.a.GuardDuty.Detectors, state.Detector{Meta: state.Meta{ARN: x.arn("guardduty", r, "detector/gd"+r), Region: r}, ID: "gd" + r, Status: "ENABLED",
				Features:             map[string]string{"S3_DATA_EVENTS": "ENABLED", "EBS_MALWARE_PROTECTION": "ENABLED", "RDS_LOGIN_EVENTS": map[bool]string{true: "ENABLED", false: "DISABLED"}[r == "eu-central-1"]},
				HighSeverityFindings: map[bool]int{true: 0, false: 2}[r == "eu-central-1"]})
		}
	}
}

func (x *b) databases() {
	r := &x.a.RDS
	cmk := x.arn("kms", "eu-central-1", "key/1f0c6a7e-0000-4000-8000-00000000d474")
	type db struct {
		id, region, engine, version, class        string
		public, enc, multiAZ, delProt, minor, iam bool
		retention                                 int
		key                                       string
	}
	dbs := []db{
		{"customers-prod", "eu-central-1", "postgres", "16.4", "confidential", false, true, true, true, true, true, 14, cmk},
		{"analytics-warehouse", "eu-central-1", "postgres", "15.7", "confidential", false, true, true, true, true, false, 7, x.arn("kms", "eu-central-1", "key/aaaards-eu-central-1")},
		{"partner-sync", "eu-west-1", "postgres", "13.11", "pii", true, false, false, false, false, false, 1, ""},
		{"marketing-cms", "us-east-1", "mysql", "5.7.44", "internal", true, false, false, false, false, false, 0, ""},
		{"wiki", "eu-central-1", "mariadb", "10.11.8", "internal", false, true, false, false, true, false, 7, x.arn("kms", "eu-central-1", "key/aaaards-eu-central-1")},
	}
	for _, d := range dbs {
		arn := x.arn("rds", d.region, "db:"+d.id)
		pg := "default." + d.engine + d.version[:2]
		if d.id == "customers-prod" {
			pg = "alpenglow-pg16-secure"
		}
		r.Instances = append(r.Instances, state.DBInstance{Meta: state.Meta{ARN: arn, Region: d.region, Tags: tags("data-classification", d.class)},
			ID: d.id, Engine: d.engine, EngineVersion: d.version, Class: "db.r6g.large", Status: "available", PubliclyAccessible: d.public, StorageEncrypted: d.enc, KMSKeyID: d.key,
			BackupRetentionDays: d.retention, MultiAZ: d.multiAZ, DeletionProtection: d.delProt, AutoMinorVersionUpgrade: d.minor, IAMAuth: d.iam,
			PreferredMaintenanceWindow: "sun:02:00-sun:03:00", ParameterGroups: []string{pg}, SecurityGroups: []string{map[bool]string{true: "sg-pg-partner-" + d.region, false: "sg-db-" + d.region}[d.id == "partner-sync"]},
			VPCID: vpcOf(d.region), Port: map[string]int{"postgres": 5432, "mysql": 3306, "mariadb": 3306}[d.engine], MasterUsername: map[bool]string{true: "admin", false: "alp_master"}[d.public],
			EnabledLogs: map[bool][]string{true: {"postgresql", "upgrade"}, false: nil}[d.id == "customers-prod"], CopyTagsToSnapshot: d.delProt, CACertificate: "rds-ca-rsa2048-g1"})
	}
	r.Instances[0].ReplicatedBackupRegions = []string{"eu-west-1"}
	r.Instances[1].ReplicatedBackupRegions = []string{"us-east-1"}
	r.ParameterGroups = []state.ParameterGroup{
		{Meta: state.Meta{ARN: x.arn("rds", "eu-central-1", "pg:alpenglow-pg16-secure"), Region: "eu-central-1"}, Name: "alpenglow-pg16-secure", Family: "postgres16", Parameters: map[string]string{"rds.force_ssl": "1", "log_connections": "1"}},
		{Meta: state.Meta{ARN: x.arn("rds", "eu-central-1", "pg:default.postgres15"), Region: "eu-central-1"}, Name: "default.postgres15", Family: "postgres15", Parameters: map[string]string{"rds.force_ssl": "0"}},
		{Meta: state.Meta{ARN: x.arn("rds", "eu-west-1", "pg:default.postgres13"), Region: "eu-west-1"}, Name: "default.postgres13", Family: "postgres13", Parameters: map[string]string{"rds.force_ssl": "0"}},
		{Meta: state.Meta{ARN: x.arn("rds", "us-east-1", "pg:default.mysql5."), Region: "us-east-1"}, Name: "default.mysql5.", Family: "mysql5.7", Parameters: map[string]string{"require_secure_transport": "OFF"}},
		{Meta: state.Meta{ARN: x.arn("rds", "eu-central-1", "pg:default.mariadb10"), Region: "eu-central-1"}, Name: "default.mariadb10", Family: "mariadb10.11", Parameters: map[string]string{"require_secure_transport": "ON"}},
	}
	r.Clusters = []state.DBCluster{{Meta: state.Meta{ARN: x.arn("rds", "eu-central-1", "cluster:events-aurora"), Region: "eu-central-1", Tags: tags("data-classification", "confidential")},
		ID: "events-aurora", Engine: "aurora-postgresql", EngineVersion: "15.4", StorageEncrypted: true, KMSKeyID: cmk, BackupRetentionDays: 7, DeletionProtection: true, IAMAuth: true, MultiAZ: true,
		ParameterGroup: "alpenglow-pg16-secure", EnabledLogs: []string{"postgresql"}, AutoMinorVersionUpgrade: true, CopyTagsToSnapshot: true, MasterUsername: "alp_master"}}
	r.Snapshots = []state.DBSnapshot{
		{Meta: state.Meta{ARN: x.arn("rds", "eu-central-1", "snapshot:customers-prod-2026-11-01"), Region: "eu-central-1", Tags: tags("data-classification", "confidential")}, ID: "customers-prod-2026-11-01", SourceID: "customers-prod", Engine: "postgres", Encrypted: true, KMSKeyID: cmk, Created: days(19), Type: "manual"},
		{Meta: state.Meta{ARN: x.arn("rds", "eu-west-1", "snapshot:partner-sync-export"), Region: "eu-west-1", Tags: tags("data-classification", "pii")}, ID: "partner-sync-export", SourceID: "partner-sync", Engine: "postgres", Created: days(90), Type: "manual", SharedWith: []string{"all"}},
		{Meta: state.Meta{ARN: x.arn("rds", "us-east-1", "snapshot:customers-prod-copy-us"), Region: "us-east-1", Tags: tags("data-classification", "confidential")}, ID: "customers-prod-copy-us", SourceID: "customers-prod", Engine: "postgres", Encrypted: true, KMSKeyID: x.arn("kms", "us-east-1", "key/aaaards-us-east-1"), Created: days(30), Type: "manual", SourceRegion: "eu-central-1", SharedWith: []string{TrustedPartner}},
		{Meta: state.Meta{ARN: x.arn("rds", "eu-central-1", "cluster-snapshot:events-aurora-weekly"), Region: "eu-central-1"}, ID: "events-aurora-weekly", Cluster: true, SourceID: "events-aurora", Engine: "aurora-postgresql", Encrypted: true, KMSKeyID: cmk, Created: days(5), Type: "manual"},
	}
	r.PendingMaintenance = []state.PendingMaintenance{
		{ResourceARN: x.arn("rds", "us-east-1", "db:marketing-cms"), Action: "system-update", Description: "New Operating System update is available", AutoAppliedAfter: tp(days(30))},
		{ResourceARN: x.arn("rds", "eu-west-1", "db:partner-sync"), Action: "db-upgrade", Description: "Minor version upgrade to 13.16 (security fixes)", ForcedApplyDate: tp(Now.AddDate(0, 0, 20))},
	}
	r.EventSubscriptions = []state.EventSubscription{{Meta: state.Meta{ARN: x.arn("rds", "eu-central-1", "es:critical-events"), Region: "eu-central-1"}, Name: "critical-events", SourceType: "db-instance", Categories: []string{"failure", "maintenance"}, Enabled: true}}

	x.a.Redshift.Clusters = []state.RedshiftCluster{
		{Meta: state.Meta{ARN: x.arn("redshift", "eu-central-1", "cluster:bi-warehouse"), Region: "eu-central-1", Tags: tags("data-classification", "confidential")}, ID: "bi-warehouse", NodeType: "ra3.xlplus",
			Encrypted: true, KMSKeyID: cmk, EnhancedVPCRouting: true, AllowVersionUpgrade: true, AutomatedSnapshotRetention: 7, ParameterGroups: []string{"alpenglow-redshift-secure"}, LoggingEnabled: true,
			MasterUsername: "bi_master", DBName: "bi", Port: 5439, VPCID: vpcOf("eu-central-1"), SecurityGroups: []string{"sg-db-eu-central-1"}, CrossRegionSnapshotCopyRegion: "eu-west-1"},
		{Meta: state.Meta{ARN: x.arn("redshift", "us-east-1", "cluster:marketing-dw"), Region: "us-east-1", Tags: tags("data-classification", "pii")}, ID: "marketing-dw", NodeType: "dc2.large",
			PubliclyAccessible: true, AllowVersionUpgrade: false, AutomatedSnapshotRetention: 1, ParameterGroups: []string{"default.redshift-1.0"}, MasterUsername: "awsuser", DBName: "dev", Port: 5439, VPCID: vpcOf("us-east-1")},
	}
	x.a.Redshift.ParameterGroups = []state.ParameterGroup{
		{Meta: state.Meta{ARN: x.arn("redshift", "eu-central-1", "parametergroup:alpenglow-redshift-secure"), Region: "eu-central-1"}, Name: "alpenglow-redshift-secure", Family: "redshift-1.0", Parameters: map[string]string{"require_ssl": "true", "enable_user_activity_logging": "true"}},
		{Meta: state.Meta{ARN: x.arn("redshift", "us-east-1", "parametergroup:default.redshift-1.0"), Region: "us-east-1"}, Name: "default.redshift-1.0", Family: "redshift-1.0", Parameters: map[string]string{"require_ssl": "false", "enable_user_activity_logging": "false"}},
	}
}

func (x *b) workspaces() {
	w := &x.a.WorkSpaces
	mfa, noMFA := true, false
	w.Directories = []state.WorkspaceDirectory{
		{Meta: state.Meta{ARN: x.arn("workspaces", "eu-central-1", "directory/d-alpfra0001"), Region: "eu-central-1"}, ID: "d-alpfra0001", Name: "corp.alpenglow.example", Type: "AD_CONNECTOR", IPGroups: []string{"wsipg-office"}, MFAEnabled: &mfa, MaintenanceMode: true},
		{Meta: state.Meta{ARN: x.arn("workspaces", "eu-west-1", "directory/d-alpdub0002"), Region: "eu-west-1"}, ID: "d-alpdub0002", Name: "contractors.alpenglow.example", Type: "SIMPLE_AD", MFAEnabled: &noMFA, DefaultInternetAccess: true},
	}
	w.IPGroups = []state.WorkspaceIPGroup{{Meta: state.Meta{ARN: x.arn("workspaces", "eu-central-1", "workspaceipgroup/wsipg-office"), Region: "eu-central-1"}, ID: "wsipg-office", Name: "office-and-vpn", Rules: []string{officeCIDR, vpnCIDR}}}
	w.Images = []state.WorkspaceImage{
		{Meta: state.Meta{ARN: x.arn("workspaces", "eu-central-1", "workspaceimage/wsi-analyst"), Region: "eu-central-1"}, ID: "wsi-analyst", Name: "analyst-desktop", State: "AVAILABLE"},
		{Meta: state.Meta{ARN: x.arn("workspaces", "eu-west-1", "workspaceimage/wsi-contractor"), Region: "eu-west-1"}, ID: "wsi-contractor", Name: "contractor-desktop", State: "AVAILABLE", UpdateAvailable: true},
	}
	for i := 0; i < 16; i++ {
		region, dir, img := "eu-central-1", "d-alpfra0001", "wsi-analyst"
		if i >= 10 {
			region, dir, img = "eu-west-1", "d-alpdub0002", "wsi-contractor"
		}
		id := fmt.Sprintf("ws-alp%05d", i)
		ws := state.Workspace{Meta: state.Meta{ARN: x.arn("workspaces", region, "workspace/"+id), Region: region, Tags: tags("data-classification", "confidential")},
			ID: id, DirectoryID: dir, UserName: fmt.Sprintf("user%02d", i), State: "AVAILABLE", BundleID: "wsb-standard", RunningMode: "AUTO_STOP", ImageID: img,
			RootVolumeEncryption: i < 10, UserVolumeEncryption: i < 10}
		if i < 10 {
			ws.VolumeEncryptionKey = x.arn("kms", region, "key/1f0c6a7e-0000-4000-8000-00000000d474")
		}
		w.Workspaces = append(w.Workspaces, ws)
	}
}

// gaps records what the demo's (deliberately imperfect) scanning role could
// not read, so the demo shows unknown results honestly.
func (x *b) gaps() {
	x.a.Gaps.Add(state.Gap{Service: "s3", Region: "me-central-1", Operation: "GetBucketPolicy", Resource: "arn:aws:s3:::alpenglow-tmp-uploads", Reason: state.ReasonAccessDenied,
		Message: "User: arn:aws:sts::210987654321:assumed-role/shoulder-audit/scan is not authorized to perform: s3:GetBucketPolicy with an explicit deny in a service control policy"})
	x.a.Gaps.Add(state.Gap{Service: "s3", Region: "me-central-1", Operation: "GetBucketAcl", Resource: "arn:aws:s3:::alpenglow-tmp-uploads", Reason: state.ReasonAccessDenied,
		Message: "explicit deny in a service control policy"})
	x.a.Gaps.Add(state.Gap{Service: "ec2", Region: "me-central-1", Operation: "GetEbsEncryptionByDefault", Reason: state.ReasonAccessDenied, Message: "UnauthorizedOperation"})
	x.a.Gaps.Add(state.Gap{Service: "ec2", Region: "me-central-1", Operation: "DescribeSecurityGroups", Reason: state.ReasonThrottled, Message: "RequestLimitExceeded after 10 attempts"})
	x.a.Gaps.Add(state.Gap{Service: "guardduty", Region: "me-central-1", Operation: "ListDetectors", Reason: state.ReasonAccessDenied, Message: "AccessDeniedException"})
}
