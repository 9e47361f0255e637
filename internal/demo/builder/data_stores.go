package builder

import (
	"fmt"
	"time"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// dataStores adds Alpenglow's DynamoDB tables, EFS file systems and AWS
// Backup setup: the Frankfurt core is mostly well kept (customer managed
// keys, PITR, locked vaults copying to Ireland); the Irish contractor
// share, the US marketing stack and a "temporary" offsite copy are not.
func (x *b) dataStores() {
	x.dynamodb()
	x.efs()
	x.backup()
	x.lambda()
	// The Aurora cluster's parameter group (the instance groups live in databases()).
	x.a.RDS.ParameterGroups = append(x.a.RDS.ParameterGroups, state.ParameterGroup{
		Meta: state.Meta{ARN: x.arn("rds", "eu-central-1", "cluster-pg:alpenglow-pg16-secure"), Region: "eu-central-1"},
		Name: "alpenglow-pg16-secure", Family: "aurora-postgresql15", Cluster: true, Parameters: map[string]string{"rds.force_ssl": "1"}})
	// Settings of resources built elsewhere that the data-store checks read.
	for i := range x.a.RDS.Instances {
		d := &x.a.RDS.Instances[i]
		switch d.ID {
		case "customers-prod":
			d.EnhancedMonitoring = true
		case "marketing-cms":
			d.CACertificate = "rds-ca-2019" // never rotated off the CA that expired in 2024
		}
	}
	for i := range x.a.S3.Buckets {
		if b := &x.a.S3.Buckets[i]; b.Name == "alpenglow-crm-backup-us" {
			// Still encrypted under the marketing key someone scheduled for deletion.
			b.Encryption = &state.BucketEncryption{Algorithm: "aws:kms", KMSKeyID: x.arn("kms", "us-east-1", "key/5ea00000-0000-4000-8000-000000retire")}
		}
	}
}

// datalakeKey returns the multi-region data lake key's ARN in region.
func (x *b) datalakeKey(region string) string {
	return x.arn("kms", region, "key/1f0c6a7e-0000-4000-8000-00000000d474")
}

func (x *b) dynamodb() {
	type spec struct {
		name, region, class string
		key                 string // "" AWS owned, "aws" aws/dynamodb, "cmk" data lake key, "hsm" payroll CloudHSM key
		pitr, delProt       bool
		billing             string
		autoscale           bool
		replicas            []string
		policy              string
	}
	specs := []spec{
		{name: "customer-profiles", region: "eu-central-1", class: "pii", key: "cmk", pitr: true, delProt: true, billing: "PAY_PER_REQUEST", replicas: []string{"eu-west-1"}},
		{name: "payroll-ledger", region: "eu-central-1", class: "restricted", key: "hsm", pitr: true, delProt: true, billing: "PAY_PER_REQUEST"},
		{name: "session-cache", region: "eu-central-1", class: "internal", billing: "PROVISIONED"},
		{name: "events-ledger", region: "eu-west-1", class: "confidential", key: "aws", pitr: true, billing: "PROVISIONED", autoscale: true},
		{name: "marketing-leads", region: "us-east-1", class: "pii", billing: "PAY_PER_REQUEST", replicas: []string{"us-west-2"},
			policy: `{"Version":"2012-10-17","Statement":[{"Sid":"LeadFormWrites","Effect":"Allow","Principal":"*","Action":["dynamodb:PutItem","dynamodb:GetItem"],"Resource":"` + x.arn("dynamodb", "us-east-1", "table/marketing-leads") + `"}]}`},
		{name: "feature-flags", region: "eu-west-1", class: "internal", key: "aws", pitr: true, delProt: true, billing: "PAY_PER_REQUEST"},
	}
	for _, s := range specs {
		t := state.DynamoDBTable{Meta: state.Meta{ARN: x.arn("dynamodb", s.region, "table/"+s.name), Region: s.region, Tags: tags("data-classification", s.class, "owner", "platform")},
			Name: s.name, Status: "ACTIVE", PITR: s.pitr, DeletionProtection: s.delProt, BillingMode: s.billing, AutoScaling: s.autoscale,
			ReplicaRegions: s.replicas, ResourcePolicy: s.policy}
		switch s.key {
		case "aws":
			t.SSEType, t.KMSKeyARN = "KMS", x.arn("kms", s.region, "key/aaaadynamodb-"+s.region)
		case "cmk":
			t.SSEType, t.KMSKeyARN = "KMS", x.datalakeKey(s.region)
		case "hsm":
			t.SSEType, t.KMSKeyARN = "KMS", x.arn("kms", s.region, "key/2b7d0000-0000-4000-8000-0000000hsm01")
		}
		x.a.DynamoDB.Tables = append(x.a.DynamoDB.Tables, t)
	}
	// The AWS managed aws/dynamodb keys the tables above name.
	for _, r := range []string{"eu-west-1"} {
		id := "aaaadynamodb-" + r
		x.a.KMS.Keys = append(x.a.KMS.Keys, state.Key{Meta: state.Meta{ARN: x.arn("kms", r, "key/"+id), Region: r}, ID: id, Aliases: []string{"alias/aws/dynamodb"},
			Manager: "AWS", Origin: "AWS_KMS", State: "Enabled", Usage: "ENCRYPT_DECRYPT", Spec: "SYMMETRIC_DEFAULT", CreationDate: days(900), RotationEnabled: true})
	}
	// The scanning role may not read the marketing stack's backup settings.
	x.a.Gaps.Add(state.Gap{Service: "dynamodb", Region: "us-east-1", Operation: "DescribeContinuousBackups", Resource: x.arn("dynamodb", "us-east-1", "table/marketing-leads"),
		Reason: state.ReasonAccessDenied, Message: "AccessDeniedException: not authorized to perform dynamodb:DescribeContinuousBackups"})
}

func (x *b) efs() {
	e := &x.a.EFS
	fs := func(id, region, name, class string, encrypted bool, key, backup string) {
		e.FileSystems = append(e.FileSystems, state.FileSystem{Meta: state.Meta{ARN: x.arn("elasticfilesystem", region, "file-system/"+id), Region: region,
			Tags: tags("Name", name, "data-classification", class)}, ID: id, Name: name, LifeCycleState: "available", Encrypted: encrypted, KMSKeyID: key, BackupPolicy: backup})
	}
	fs("fs-0a1f0analytics", "eu-central-1", "analytics-shared", "confidential", true, x.datalakeKey("eu-central-1"), "ENABLED")
	fs("fs-0a1f0legacyhome", "eu-west-1", "contractor-home", "pii", false, "", "DISABLED")
	fs("fs-0a1f0mlscratch", "eu-west-1", "ml-scratch", "internal", true, x.arn("kms", "eu-west-1", "alias/aws/elasticfilesystem"), "DISABLED")
	e.FileSystems[0].Policy = `{"Version":"2012-10-17","Statement":[{"Sid":"TLSOnly","Effect":"Deny","Principal":{"AWS":"*"},"Action":"*","Resource":"` + e.FileSystems[0].ARN + `","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
	e.FileSystems[2].Tags["backup"] = "weekly"

	mt := func(fsID, region, subnet string) {
		e.MountTargets = append(e.MountTargets, state.EFSMountTarget{ID: "fsmt-" + fsID[len(fsID)-6:] + subnet[len(subnet)-4:], Region: region, FileSystemID: fsID, SubnetID: subnet})
	}
	for si := 0; si < 3; si++ {
		mt("fs-0a1f0analytics", "eu-central-1", fmt.Sprintf("subnet-0%dpri", si))
		mt("fs-0a1f0mlscratch", "eu-west-1", fmt.Sprintf("subnet-1%dpri", si))
	}
	mt("fs-0a1f0legacyhome", "eu-west-1", "subnet-10pub") // next to the contractors' public instances

	ap := func(id, fsID, region, root string, user *state.PosixUser) {
		e.AccessPoints = append(e.AccessPoints, state.EFSAccessPoint{Meta: state.Meta{ARN: x.arn("elasticfilesystem", region, "access-point/"+id), Region: region},
			ID: id, FileSystemID: fsID, RootDirectory: root, PosixUser: user})
	}
	ap("fsap-0a1f0analysts", "fs-0a1f0analytics", "eu-central-1", "/analysts", &state.PosixUser{UID: 2001, GID: 2001})
	ap("fsap-0a1f0etl", "fs-0a1f0analytics", "eu-central-1", "/etl", &state.PosixUser{UID: 2002, GID: 2002})
	ap("fsap-0a1f0contract", "fs-0a1f0legacyhome", "eu-west-1", "/", nil)
	ap("fsap-0a1f0training", "fs-0a1f0mlscratch", "eu-west-1", "/training", &state.PosixUser{UID: 0, GID: 0})
}

func (x *b) backup() {
	bk := &x.a.Backup
	vault := func(region, name, key string, mut func(*state.BackupVault)) string {
		v := state.BackupVault{Meta: state.Meta{ARN: x.arn("backup", region, "backup-vault:"+name), Region: region}, Name: name, Type: "BACKUP_VAULT", EncryptionKeyARN: key}
		if mut != nil {
			mut(&v)
		}
		bk.Vaults = append(bk.Vaults, v)
		return v.ARN
	}
	vault("eu-central-1", "alpenglow-main", x.datalakeKey("eu-central-1"), func(v *state.BackupVault) {
		v.Locked, v.LockDate, v.MinRetentionDays, v.MaxRetentionDays = true, tp(days(200)), 7, 365
		v.Policy = `{"Version":"2012-10-17","Statement":[{"Sid":"NoDeletes","Effect":"Deny","Principal":{"AWS":"*"},"Action":["backup:DeleteRecoveryPoint","backup:UpdateRecoveryPointLifecycle"],"Resource":"*"}]}`
	})
	dr := vault("eu-west-1", "alpenglow-dr", x.datalakeKey("eu-west-1"), func(v *state.BackupVault) {
		v.Locked, v.MinRetentionDays = true, 14 // governance mode: still removable by privileged users
	})
	usVault := vault("us-east-1", "Default", x.arn("kms", "us-east-1", "alias/aws/backup"), nil)
	vault("eu-west-1", "contractors", x.arn("kms", "eu-west-1", "alias/aws/backup"), func(v *state.BackupVault) {
		// Lets the contractor's own account copy its backups in, and read them back out.
		v.Policy = `{"Version":"2012-10-17","Statement":[{"Sid":"ContractorCopies","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + UntrustedPartner + `:root"},"Action":["backup:CopyIntoBackupVault","backup:DescribeRecoveryPoint","backup:StartRestoreJob"],"Resource":"*"}]}`
	})
	partnerVault := "arn:aws:backup:eu-central-1:" + UntrustedPartner + ":backup-vault:offsite"

	plan := func(region, name string, rules []state.BackupRule, sel ...state.BackupSelection) {
		id := fmt.Sprintf("%08x-plan-%s", len(bk.Plans)+1, name)
		bk.Plans = append(bk.Plans, state.BackupPlan{Meta: state.Meta{ARN: x.arn("backup", region, "backup-plan:"+id), Region: region}, ID: id, Name: name, Rules: rules, Selections: sel})
	}
	role := "arn:aws:iam::" + AccountID + ":role/backup-role"
	plan("eu-central-1", "daily-critical", []state.BackupRule{{Name: "daily", TargetVault: "alpenglow-main", Schedule: "cron(0 2 * * ? *)", DeleteAfterDays: 35,
		CopyActions: []state.CopyAction{{DestinationVaultARN: dr, DeleteAfterDays: 35}}}},
		state.BackupSelection{Name: "confidential", IAMRoleARN: role, Tags: []state.TagCondition{{Key: "data-classification", Value: "confidential"}, {Key: "data-classification", Value: "pii"}, {Key: "data-classification", Value: "restricted"}}})
	plan("eu-west-1", "ireland-weekly", []state.BackupRule{{Name: "weekly", TargetVault: "contractors", Schedule: "cron(0 4 ? * SUN *)", DeleteAfterDays: 90,
		// A "temporary" copy to the marketing account's region that outlived the migration.
		CopyActions: []state.CopyAction{{DestinationVaultARN: usVault, DeleteAfterDays: 90}}}},
		state.BackupSelection{Name: "tagged", IAMRoleARN: role, Tags: []state.TagCondition{{Key: "backup", Value: "weekly"}}})
	plan("us-east-1", "marketing-nightly", []state.BackupRule{{Name: "nightly", TargetVault: "Default", Schedule: "cron(0 5 * * ? *)", DeleteAfterDays: 7}},
		state.BackupSelection{Name: "everything", IAMRoleARN: role, Resources: []string{"*"}})
	plan("eu-central-1", "offsite-export", []state.BackupRule{{Name: "monthly", TargetVault: "alpenglow-main", Schedule: "cron(0 1 1 * ? *)", DeleteAfterDays: 365,
		CopyActions: []state.CopyAction{{DestinationVaultARN: partnerVault, DeleteAfterDays: 365}}}},
		state.BackupSelection{Name: "payroll", IAMRoleARN: role, Resources: []string{x.arn("dynamodb", "eu-central-1", "table/payroll-ledger")}})

	// What AWS Backup actually holds recovery points for.
	protect := func(arn, typ, region string, age time.Duration) {
		bk.ProtectedResources = append(bk.ProtectedResources, state.ProtectedResource{ResourceARN: arn, ResourceType: typ, Region: region, LastBackupTime: Now.Add(-age)})
	}
	day := 24 * time.Hour
	protect(x.arn("rds", "eu-central-1", "db:customers-prod"), "RDS", "eu-central-1", 8*time.Hour)
	protect(x.arn("rds", "eu-central-1", "cluster:events-aurora"), "Aurora", "eu-central-1", 8*time.Hour)
	protect(x.arn("dynamodb", "eu-central-1", "table/customer-profiles"), "DynamoDB", "eu-central-1", 8*time.Hour)
	protect(x.arn("dynamodb", "eu-central-1", "table/payroll-ledger"), "DynamoDB", "eu-central-1", 8*time.Hour)
	protect(x.arn("elasticfilesystem", "eu-central-1", "file-system/fs-0a1f0analytics"), "EFS", "eu-central-1", 8*time.Hour)
	protect("arn:aws:s3:::alpenglow-datalake-raw", "S3", "eu-central-1", 8*time.Hour)
	protect(x.arn("rds", "eu-central-1", "db:analytics-warehouse"), "RDS", "eu-central-1", 19*day) // the selection lost its tag in October
	protect(x.arn("rds", "us-east-1", "db:marketing-cms"), "RDS", "us-east-1", 20*time.Hour)
	protect(x.arn("redshift", "us-east-1", "cluster:marketing-dw"), "Redshift", "us-east-1", 20*time.Hour)

	rp := func(vaultName, vaultRegion, resARN, typ, key string, age time.Duration) {
		n := len(bk.RecoveryPoints) + 1
		bk.RecoveryPoints = append(bk.RecoveryPoints, state.RecoveryPoint{Meta: state.Meta{ARN: x.arn("backup", vaultRegion, fmt.Sprintf("recovery-point:%08x-0000-4000-8000-rp%010d", n, n)), Region: vaultRegion},
			VaultName: vaultName, ResourceARN: resARN, ResourceType: typ, Encrypted: key != "", EncryptionKeyARN: key, CreationDate: Now.Add(-age), Status: "COMPLETED"})
	}
	for i := 0; i < 3; i++ {
		age := time.Duration(i)*day + 8*time.Hour
		rp("alpenglow-main", "eu-central-1", x.arn("rds", "eu-central-1", "db:customers-prod"), "RDS", x.datalakeKey("eu-central-1"), age)
		rp("alpenglow-main", "eu-central-1", x.arn("dynamodb", "eu-central-1", "table/customer-profiles"), "DynamoDB", x.datalakeKey("eu-central-1"), age)
		rp("alpenglow-dr", "eu-west-1", x.arn("rds", "eu-central-1", "db:customers-prod"), "RDS", x.datalakeKey("eu-west-1"), age+2*time.Hour)
		// The unencrypted marketing database yields unencrypted snapshots.
		rp("Default", "us-east-1", x.arn("rds", "us-east-1", "db:marketing-cms"), "RDS", "", age+12*time.Hour)
		// Older exports still under the key that is scheduled for deletion.
		rp("Default", "us-east-1", x.arn("redshift", "us-east-1", "cluster:marketing-dw"), "Redshift", x.arn("kms", "us-east-1", "key/5ea00000-0000-4000-8000-000000retire"), age+12*time.Hour+time.Duration(30+i)*day)
	}

	// The UAE pilot region was never opened to the scanning role for Backup.
	x.a.Gaps.Add(state.Gap{Service: "backup", Region: "me-central-1", Operation: "*", Reason: state.ReasonAccessDenied,
		Message: "explicit deny in a service control policy for backup:* in me-central-1"})
}

func (x *b) lambda() {
	fn := func(region, name, runtime, mode string, mut func(*state.LambdaFunction)) {
		f := state.LambdaFunction{Meta: state.Meta{ARN: x.arn("lambda", region, "function:"+name), Region: region, Tags: tags("owner", "platform")},
			Name: name, Runtime: runtime, PackageType: "Zip", RuntimeUpdateMode: mode, LastModified: tp(days(21))}
		if mut != nil {
			mut(&f)
		}
		x.a.Lambda.Functions = append(x.a.Lambda.Functions, f)
	}
	fn("eu-central-1", "datalake-ingest", "python3.13", "Auto", func(f *state.LambdaFunction) {
		f.SubnetIDs = []string{"subnet-00pri", "subnet-01pri", "subnet-02pri"}
		f.KMSKeyARN = x.datalakeKey("eu-central-1")
		f.Policy = `{"Version":"2012-10-17","Statement":[{"Sid":"S3Invoke","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"` + f.ARN + `","Condition":{"StringEquals":{"aws:SourceAccount":"` + AccountID + `"},"ArnLike":{"aws:SourceArn":"arn:aws:s3:::alpenglow-datalake-raw"}}}]}`
	})
	fn("eu-central-1", "report-renderer", "", "", func(f *state.LambdaFunction) { f.PackageType = "Image" })
	fn("eu-west-1", "partner-sync-export", "python3.9", "Manual", func(f *state.LambdaFunction) {
		f.SubnetIDs = []string{"subnet-10pri"} // one zone: the contractor VPC was never extended
	})
	fn("us-east-1", "lead-form-webhook", "nodejs18.x", "Auto", func(f *state.LambdaFunction) {
		// A function URL-style public invoke left from a marketing campaign.
		f.Policy = `{"Version":"2012-10-17","Statement":[{"Sid":"PublicInvoke","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction","Resource":"` + f.ARN + `"}]}`
	})
	// Runtime patches reach it only on an update, and nobody has touched it
	// since the spring campaign.
	fn("us-east-1", "cms-thumbnails", "dotnet8", "FunctionUpdate", func(f *state.LambdaFunction) { f.LastModified = tp(days(140)) })
}
