package checks

import (
	"github.com/shoulder-dev/shoulder/internal/state"
)

const dsFSARN = "arn:aws:elasticfilesystem:eu-west-1:" + testAccountID + ":file-system/fs-1"

// dsFS adds an encrypted file system fs-1 in eu-west-1 with automatic backups, edited by mut.
func dsFS(mut func(f *state.FileSystem)) func(*state.Account) {
	return func(a *state.Account) {
		f := state.FileSystem{Meta: state.Meta{ARN: dsFSARN, Region: "eu-west-1"}, ID: "fs-1", Name: "shared", Encrypted: true, KMSKeyID: dsKeyARN, BackupPolicy: "ENABLED"}
		if mut != nil {
			mut(&f)
		}
		a.EFS.FileSystems = append(a.EFS.FileSystems, f)
	}
}

func dsAccessPoint(root string, user *state.PosixUser) func(*state.Account) {
	return func(a *state.Account) {
		a.EFS.AccessPoints = append(a.EFS.AccessPoints, state.EFSAccessPoint{Meta: state.Meta{ARN: "arn:aws:elasticfilesystem:eu-west-1:" + testAccountID + ":access-point/fsap-1", Region: "eu-west-1"},
			ID: "fsap-1", FileSystemID: "fs-1", RootDirectory: root, PosixUser: user})
	}
}

func dsMountTarget(subnet string, public bool) func(*state.Account) {
	return func(a *state.Account) {
		a.EFS.MountTargets = append(a.EFS.MountTargets, state.EFSMountTarget{ID: "fsmt-" + subnet, Region: "eu-west-1", FileSystemID: "fs-1", SubnetID: subnet})
		if public || subnet != "subnet-missing" {
			a.EC2.Subnets = append(a.EC2.Subnets, state.Subnet{Meta: state.Meta{Region: "eu-west-1"}, ID: subnet, MapPublicIPOnLaunch: public})
		}
	}
}

// dsPlan adds a backup plan in eu-west-1 with one rule and the given selections.
func dsPlan(name string, copies []state.CopyAction, sel ...state.BackupSelection) func(*state.Account) {
	return func(a *state.Account) {
		a.Backup.Plans = append(a.Backup.Plans, state.BackupPlan{Meta: state.Meta{ARN: "arn:aws:backup:eu-west-1:" + testAccountID + ":backup-plan:" + name, Region: "eu-west-1"},
			ID: name, Name: name, Rules: []state.BackupRule{{Name: "daily", TargetVault: "main", DeleteAfterDays: 35, CopyActions: copies}}, Selections: sel})
	}
}

var efsTLS = dsDoc(`{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"*","Resource":"` + dsFSARN + `","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`)

func efsCases() map[string][]checkCase {
	listDenied := checkCase{name: "file systems denied", acct: baseAccount(dsFS(nil), dsGap("elasticfilesystem", "eu-west-1", "DescribeFileSystems", "")), want: dsWant(dsU)}
	apDenied := checkCase{name: "access points denied", acct: baseAccount(dsAccessPoint("/app", &state.PosixUser{UID: 1000, GID: 1000}),
		dsGap("elasticfilesystem", "eu-west-1", "DescribeAccessPoints", "")), want: dsWant(dsU)}
	noAuto := func(f *state.FileSystem) { f.BackupPolicy = "DISABLED" }
	return map[string][]checkCase{
		"efs_file_system_encrypted": {
			{name: "on", acct: baseAccount(dsFS(nil)), want: dsWant(dsP)},
			{name: "off", acct: baseAccount(dsFS(func(f *state.FileSystem) { f.Encrypted, f.KMSKeyID = false, "" })), want: dsWant(dsF)},
			listDenied,
		},
		"efs_file_system_backup_policy": {
			{name: "enabled", acct: baseAccount(dsFS(nil)), want: dsWant(dsP)},
			{name: "disabled", acct: baseAccount(dsFS(noAuto)), want: dsWant(dsF)},
			{name: "none", acct: baseAccount(dsFS(func(f *state.FileSystem) { f.BackupPolicy = "" })), want: dsWant(dsF)},
			{name: "policy denied", acct: baseAccount(dsFS(nil), dsGap("elasticfilesystem", "eu-west-1", "DescribeBackupPolicy", dsFSARN)), want: dsWant(dsU)},
			listDenied,
		},
		"efs_file_system_in_backup_plan": {
			{name: "automatic backups", acct: baseAccount(dsFS(nil)), want: dsWant(dsP), msg: "automatic"},
			{name: "selected by arn pattern", acct: baseAccount(dsFS(noAuto), dsPlan("p1", nil, state.BackupSelection{Resources: []string{"arn:aws:elasticfilesystem:*:*:file-system/*"}})), want: dsWant(dsP), msg: "p1"},
			{name: "selected by tag", acct: baseAccount(dsFS(func(f *state.FileSystem) { noAuto(f); f.Tags = map[string]string{"backup": "daily"} }),
				dsPlan("p1", nil, state.BackupSelection{Tags: []state.TagCondition{{Key: "backup", Value: "daily"}}})), want: dsWant(dsP)},
			{name: "excluded", acct: baseAccount(dsFS(noAuto), dsPlan("p1", nil, state.BackupSelection{Resources: []string{"*"}, NotResources: []string{dsFSARN}})), want: dsWant(dsF)},
			{name: "plan in another region", acct: baseAccount(dsFS(noAuto), func(a *state.Account) {
				dsPlan("p1", nil, state.BackupSelection{Resources: []string{"*"}})(a)
				a.Backup.Plans[0].Region = "us-east-1"
			}), want: dsWant(dsF)},
			{name: "no plans", acct: baseAccount(dsFS(noAuto)), want: dsWant(dsF)},
			{name: "selections unreadable", acct: baseAccount(dsFS(noAuto), dsPlan("p1", nil),
				dsGap("backup", "eu-west-1", "ListBackupSelections", "arn:aws:backup:eu-west-1:"+testAccountID+":backup-plan:p1")), want: dsWant(dsU)},
			{name: "plans denied", acct: baseAccount(dsFS(noAuto), dsGap("backup", "eu-west-1", "ListBackupPlans", "")), want: dsWant(dsU)},
			listDenied,
		},
		"efs_file_system_policy_trusted": {
			{name: "no policy", acct: baseAccount(dsFS(nil)), want: dsWant(dsP)},
			{name: "tls only", acct: baseAccount(dsFS(func(f *state.FileSystem) { f.Policy = efsTLS })), want: dsWant(dsP)},
			{name: "open mount", acct: baseAccount(dsFS(func(f *state.FileSystem) {
				f.Policy = dsDoc(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["elasticfilesystem:ClientMount","elasticfilesystem:ClientWrite"],"Resource":"` + dsFSARN + `"}`)
			})), want: dsWant(dsF)},
			// Pinned to the account's own VPC endpoint: trusted.
			{name: "own vpc endpoint pinned", acct: baseAccount(dsFS(func(f *state.FileSystem) {
				f.Policy = dsDoc(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"elasticfilesystem:ClientMount","Resource":"` + dsFSARN + `","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-0abc"}}}`)
			}), func(a *state.Account) {
				a.EC2.VPCEndpoints = []state.VPCEndpoint{{ID: "vpce-0abc", VPCID: "vpc-0abc"}}
			}), want: dsWant(dsP)},
			// Pinned to an endpoint that is neither the account's nor in
			// trusted_vpc_endpoints: whoever owns it reaches the file system.
			// It used to pass.
			{name: "foreign vpc endpoint pinned", acct: baseAccount(dsFS(func(f *state.FileSystem) {
				f.Policy = dsDoc(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"elasticfilesystem:ClientMount","Resource":"` + dsFSARN + `","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-0abc"}}}`)
			})), want: dsWant(dsF)},
			{name: "policy denied", acct: baseAccount(dsFS(nil), dsGap("elasticfilesystem", "eu-west-1", "DescribeFileSystemPolicy", dsFSARN)), want: dsWant(dsU)},
			listDenied,
		},
		"efs_file_system_tls_only": {
			{name: "enforced", acct: baseAccount(dsFS(func(f *state.FileSystem) { f.Policy = efsTLS })), want: dsWant(dsP)},
			{name: "no policy", acct: baseAccount(dsFS(nil)), want: dsWant(dsF)},
			{name: "other file system", acct: baseAccount(dsFS(func(f *state.FileSystem) {
				f.Policy = dsDoc(`{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"*","Resource":"arn:aws:elasticfilesystem:eu-west-1:` + testAccountID + `:file-system/fs-2","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`)
			})), want: dsWant(dsF)},
			{name: "policy denied", acct: baseAccount(dsFS(nil), dsGap("elasticfilesystem", "eu-west-1", "DescribeFileSystemPolicy", dsFSARN)), want: dsWant(dsU)},
			{name: "garbled", acct: baseAccount(dsFS(func(f *state.FileSystem) { f.Policy = "{}}" })), want: dsWant(dsU)},
			listDenied,
		},
		"efs_access_point_root_directory": {
			{name: "confined", acct: baseAccount(dsAccessPoint("/app", nil)), want: dsWant(dsP)},
			{name: "root", acct: baseAccount(dsAccessPoint("/", nil)), want: dsWant(dsF)},
			{name: "unset", acct: baseAccount(dsAccessPoint("", nil)), want: dsWant(dsF)},
			apDenied,
		},
		"efs_access_point_user_identity": {
			{name: "enforced", acct: baseAccount(dsAccessPoint("/app", &state.PosixUser{UID: 1000, GID: 1000})), want: dsWant(dsP)},
			{name: "client chooses", acct: baseAccount(dsAccessPoint("/app", nil)), want: dsWant(dsF)},
			{name: "forced root", acct: baseAccount(dsAccessPoint("/app", &state.PosixUser{})), want: dsWant(dsF), msg: "UID 0"},
			apDenied,
		},
		"efs_mount_target_public_subnet": {
			{name: "private", acct: baseAccount(dsFS(nil), dsMountTarget("subnet-a", false)), want: dsWant(dsP)},
			{name: "public", acct: baseAccount(dsFS(nil), dsMountTarget("subnet-a", false), dsMountTarget("subnet-b", true)), want: dsWant(dsF), msg: "subnet-b"},
			{name: "subnet missing", acct: baseAccount(dsFS(nil), dsMountTarget("subnet-missing", false)), want: dsWant(dsU)},
			{name: "subnets denied", acct: baseAccount(dsFS(nil), dsMountTarget("subnet-missing", false), dsGap("ec2", "eu-west-1", "DescribeSubnets", "")), want: dsWant(dsU), msg: "access_denied"},
			{name: "no mount targets", acct: baseAccount(dsFS(nil)), want: dsWant(dsNA)},
			{name: "mount targets denied", acct: baseAccount(dsFS(nil), dsGap("elasticfilesystem", "eu-west-1", "DescribeMountTargets", "")), want: dsWant(dsU)},
			listDenied,
		},
	}
}
