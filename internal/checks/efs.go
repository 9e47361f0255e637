package checks

import (
	"sort"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/exposure"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// efsChecks are the customer's duties on EFS: encryption, backups, and how
// clients are confined when they mount.
func efsChecks() []check.Check {
	return []check.Check{
		efsFileSystemEncrypted(),
		efsFileSystemBackupPolicy(),
		efsFileSystemInBackupPlan(),
		efsAccessPointRootDirectory(),
		efsAccessPointUserIdentity(),
		efsMountTargetPublicSubnet(),
		efsFileSystemPolicyTrusted(),
		efsFileSystemTLSOnly(),
	}
}

// efsService is EFS's service prefix in ARNs, IAM and gaps.
const efsService = "elasticfilesystem"

func eachFileSystem(a *state.Account, judge func(f state.FileSystem) check.Result) []check.Result {
	return eachRegional(a, efsService, []state.Input{state.InputEFSFileSystems}, a.EFS.FileSystems, judge)
}

func fsName(f state.FileSystem) string {
	if f.Name != "" {
		return f.ID + " (" + f.Name + ")"
	}
	return f.ID
}

func efsFileSystemEncrypted() check.Check {
	return check.Check{
		ID:          "efs_file_system_encrypted",
		Title:       "EFS file systems are encrypted at rest with KMS",
		Description: "EFS encryption at rest is chosen at creation and covers file data and metadata under a KMS key.",
		Area:        check.EncryptionAtRest,
		Service:     "efs",
		Severity:    check.High,
		Remediation: check.Remediation{
			Console:   "An existing file system cannot be encrypted: EFS > Create file system > Customize > Enable encryption of data at rest with a customer managed key; copy the data over (AWS DataSync or AWS Backup restore) and repoint clients.",
			CLI:       "aws efs create-file-system --encrypted --kms-key-id <KEY_ARN> --tags Key=Name,Value=<NAME>",
			Terraform: "resource \"aws_efs_file_system\" \"this\" {\n  encrypted  = true\n  kms_key_id = aws_kms_key.efs.arn\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachFileSystem(a, func(f state.FileSystem) check.Result {
				if f.Encrypted {
					return check.PassR(f, "%s is encrypted with %s", fsName(f), orDefault(f.KMSKeyID, "the AWS managed key aws/elasticfilesystem"))
				}
				return check.FailR(f, "%s is not encrypted at rest", fsName(f))
			})
		},
	}
}

func efsFileSystemBackupPolicy() check.Check {
	return check.Check{
		ID:          "efs_file_system_backup_policy",
		Title:       "EFS file systems have automatic backups on",
		Description: "EFS automatic backups put the file system in AWS Backup's default EFS plan: daily backups kept for 35 days.",
		Area:        check.Backup,
		Service:     "efs",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "EFS > file system > General > Edit > Automatic backups: Enable > Save.",
			CLI:       "aws efs put-backup-policy --file-system-id <FS_ID> --backup-policy Status=ENABLED",
			Terraform: "resource \"aws_efs_backup_policy\" \"this\" {\n  file_system_id = aws_efs_file_system.this.id\n  backup_policy { status = \"ENABLED\" }\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachFileSystem(a, func(f state.FileSystem) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputEFSBackupPolicy, f.Region, f.ARN); ok {
					return check.GapR(f, g)
				}
				switch f.BackupPolicy {
				case "ENABLED", "ENABLING":
					return check.PassR(f, "%s has automatic backups %s", fsName(f), strings.ToLower(f.BackupPolicy))
				case "":
					return check.FailR(f, "%s has no backup policy: automatic backups are off", fsName(f))
				default:
					return check.FailR(f, "%s has automatic backups %s", fsName(f), strings.ToLower(f.BackupPolicy))
				}
			})
		},
	}
}

// backupPlanCoverage says which plans of the resource's region select it,
// and which plans' selections could not be read (the plan, its selection
// list, or one of its selections: an unread selection may be the one that
// selects the resource).
func backupPlanCoverage(a *state.Account, m state.Meta) (plans, unreadable []string) {
	for _, p := range a.Backup.Plans {
		if p.Region != m.Region {
			continue
		}
		selected := false
		for _, s := range p.Selections {
			if s.Selects(m.ARN, m.Tags) {
				selected = true
				break
			}
		}
		if g, ok := a.Gaps.ForInputs(p.Region, p.ARN, state.InputBackupPlanRules, state.InputBackupSelections); ok && !selected {
			unreadable = append(unreadable, p.Name+" ("+g.Operation+": "+string(g.Reason)+")")
			continue
		}
		if selected {
			plans = append(plans, p.Name)
		}
	}
	sort.Strings(plans)
	sort.Strings(unreadable)
	return plans, unreadable
}

func efsFileSystemInBackupPlan() check.Check {
	return check.Check{
		ID:          "efs_file_system_in_backup_plan",
		Title:       "EFS file systems are in an AWS Backup plan",
		Description: "A backup plan (or EFS automatic backups, which use AWS Backup's default EFS plan) gives scheduled, retained recovery points.",
		Area:        check.Backup,
		Service:     "efs",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "AWS Backup > Backup plans > plan > Assign resources > Resource type EFS, the file system (or a tag such as backup=daily) > Assign; or turn on EFS automatic backups.",
			CLI:       "aws backup create-backup-selection --backup-plan-id <PLAN_ID> --backup-selection 'SelectionName=efs,IamRoleArn=<ROLE_ARN>,Resources=<FS_ARN>'",
			Terraform: "resource \"aws_backup_selection\" \"efs\" {\n  plan_id      = aws_backup_plan.this.id\n  name         = \"efs\"\n  iam_role_arn = aws_iam_role.backup.arn\n  resources    = [aws_efs_file_system.this.arn]\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachFileSystem(a, func(f state.FileSystem) check.Result {
				if f.BackupPolicy == "ENABLED" {
					return check.PassR(f, "%s is in the EFS automatic backup plan", fsName(f))
				}
				if g, ok := a.Gaps.ForInput(state.InputBackupPlans, f.Region, ""); ok {
					return check.GapR(f, g)
				}
				plans, unreadable := backupPlanCoverage(a, f.Meta)
				switch {
				case len(plans) > 0:
					return check.PassR(f, "%s is selected by backup plan(s) %s", fsName(f), strings.Join(plans, ", "))
				case len(unreadable) > 0:
					return check.UnknownR(f, "%s is in no readable backup plan; the selections of %s could not be read", fsName(f), strings.Join(unreadable, ", "))
				default:
					return check.FailR(f, "%s is in no backup plan", fsName(f))
				}
			})
		},
	}
}

func eachAccessPoint(a *state.Account, judge func(ap state.EFSAccessPoint) check.Result) []check.Result {
	return eachRegional(a, efsService, []state.Input{state.InputEFSAccessPoints}, a.EFS.AccessPoints, judge)
}

func efsAccessPointRootDirectory() check.Check {
	return check.Check{
		ID:          "efs_access_point_root_directory",
		Title:       "EFS access points confine clients to a directory",
		Description: "An access point whose root is / exposes the whole file system to every application using it; a dedicated root directory confines each application to its own tree.",
		Area:        check.AccessSharing,
		Service:     "efs",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "Access points cannot be edited: EFS > Access points > Create access point with Root directory path /<app> (and creation info for owner and permissions); move clients to it and delete the old one.",
			CLI:       "aws efs create-access-point --file-system-id <FS_ID> --root-directory 'Path=/<app>,CreationInfo={OwnerUid=1000,OwnerGid=1000,Permissions=750}'",
			Terraform: "resource \"aws_efs_access_point\" \"app\" {\n  file_system_id = aws_efs_file_system.this.id\n  root_directory {\n    path = \"/app\"\n    creation_info {\n      owner_uid   = 1000\n      owner_gid   = 1000\n      permissions = \"750\"\n    }\n  }\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachAccessPoint(a, func(ap state.EFSAccessPoint) check.Result {
				if ap.RootDirectory == "" || ap.RootDirectory == "/" {
					return check.FailR(ap, "access point %s on %s exposes the file system root", ap.ID, ap.FileSystemID)
				}
				return check.PassR(ap, "access point %s confines clients to %s", ap.ID, ap.RootDirectory)
			})
		},
	}
}

func efsAccessPointUserIdentity() check.Check {
	return check.Check{
		ID:          "efs_access_point_user_identity",
		Title:       "EFS access points enforce a POSIX user identity",
		Description: "Without an enforced POSIX user, each client asserts its own UID and GID (root included); with one, every request through the access point runs as that identity.",
		Area:        check.AccessSharing,
		Service:     "efs",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "Access points cannot be edited: EFS > Access points > Create access point with POSIX user (user ID, group ID); move clients to it and delete the old one.",
			CLI:       "aws efs create-access-point --file-system-id <FS_ID> --posix-user Uid=1000,Gid=1000 --root-directory Path=/<app>",
			Terraform: "resource \"aws_efs_access_point\" \"app\" {\n  file_system_id = aws_efs_file_system.this.id\n  posix_user {\n    uid = 1000\n    gid = 1000\n  }\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachAccessPoint(a, func(ap state.EFSAccessPoint) check.Result {
				switch {
				case ap.PosixUser == nil:
					return check.FailR(ap, "access point %s lets clients assert their own UID/GID", ap.ID)
				case ap.PosixUser.UID == 0:
					return check.FailR(ap, "access point %s forces every client to run as root (UID 0)", ap.ID)
				default:
					return check.PassR(ap, "access point %s enforces UID %d, GID %d", ap.ID, ap.PosixUser.UID, ap.PosixUser.GID)
				}
			})
		},
	}
}

func efsMountTargetPublicSubnet() check.Check {
	return check.Check{
		ID:          "efs_mount_target_public_subnet",
		Title:       "EFS mount targets are not in subnets that give public IPs",
		Description: "A mount target in a subnet that assigns public IPs on launch sits with internet-facing instances; file systems belong in private subnets.",
		Area:        check.Network,
		Service:     "efs",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "EFS > file system > Network > Manage > remove the mount target in the public subnet and add one in a private subnet of the same Availability Zone.",
			CLI:       "aws efs delete-mount-target --mount-target-id <MT_ID>\naws efs create-mount-target --file-system-id <FS_ID> --subnet-id <PRIVATE_SUBNET_ID> --security-groups <SG_ID>",
			Terraform: "resource \"aws_efs_mount_target\" \"this\" {\n  file_system_id = aws_efs_file_system.this.id\n  subnet_id      = aws_subnet.private.id\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachFileSystem(a, func(f state.FileSystem) check.Result {
				if g, ok := a.Gaps.ForInputs(f.Region, f.ARN, state.InputEFSMountTargets); ok {
					return check.GapR(f, g)
				}
				var public, unknown []string
				n := 0
				for _, mt := range a.EFS.MountTargets {
					if mt.FileSystemID != f.ID || mt.Region != f.Region {
						continue
					}
					n++
					sub, ok := findSubnet(a.EC2.Subnets, mt.Region, mt.SubnetID)
					switch {
					case !ok:
						unknown = append(unknown, mt.SubnetID)
					case sub.MapPublicIPOnLaunch:
						public = append(public, mt.SubnetID)
					}
				}
				switch {
				case len(public) > 0:
					return check.FailR(f, "%s has mount targets in public subnet(s) %s", fsName(f), strings.Join(public, ", "))
				case len(unknown) > 0:
					if g, ok := a.Gaps.ForInput(state.InputEC2Subnets, f.Region, ""); ok {
						return check.GapR(f, g)
					}
					return check.UnknownR(f, "%s has mount targets in subnet(s) %s, which were not collected", fsName(f), strings.Join(unknown, ", "))
				case n == 0:
					return check.NotApplicableR(f, "%s has no mount targets", fsName(f))
				default:
					return check.PassR(f, "%s's %d mount target(s) are in private subnets", fsName(f), n)
				}
			})
		},
	}
}

func findSubnet(subnets []state.Subnet, region, id string) (state.Subnet, bool) {
	for _, s := range subnets {
		if s.ID == id && s.Region == region {
			return s, true
		}
	}
	return state.Subnet{}, false
}

// eachFileSystemPolicy evaluates file systems whose policy could be read.
func eachFileSystemPolicy(a *state.Account, judge func(f state.FileSystem) check.Result) []check.Result {
	return eachFileSystem(a, func(f state.FileSystem) check.Result {
		if g, ok := a.Gaps.ForInput(state.InputEFSFileSystemPolicy, f.Region, f.ARN); ok {
			return check.GapR(f, g)
		}
		return judge(f)
	})
}

func efsFileSystemPolicyTrusted() check.Check {
	return check.Check{
		ID:          "efs_file_system_policy_trusted",
		Title:       "EFS file system policies grant nothing to everyone or to untrusted accounts",
		Description: "A file system policy that allows Principal \"*\" without a condition, or names another account, lets those callers mount and read or write the file system wherever they reach a mount target.",
		Area:        check.AccessSharing,
		Service:     "efs",
		Severity:    severityFor(scopeSharing),
		Remediation: check.Remediation{
			Console:   "EFS > file system > File system policy > Edit: remove statements for Principal \"*\" without conditions and for untrusted accounts > Save.",
			CLI:       "aws efs put-file-system-policy --file-system-id <FS_ID> --policy file://trusted-only.json",
			Terraform: "resource \"aws_efs_file_system_policy\" \"this\" {\n  file_system_id = aws_efs_file_system.this.id\n  policy         = data.aws_iam_policy_document.trusted_only.json\n}",
		},
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			c := exposure.NewContext(a, p)
			return eachFileSystemPolicy(a, func(f state.FileSystem) check.Result {
				if strings.TrimSpace(f.Policy) == "" {
					// Without a policy EFS lets any client that reaches a mount
					// target in; the network and IAM decide (see the mount
					// target check).
					return check.PassR(f, "%s has no file system policy: access is decided by IAM and by who can reach its mount targets", fsName(f))
				}
				return sharingResult(f, fsName(f), f.Policy, c)
			})
		},
	}
}

func efsFileSystemTLSOnly() check.Check {
	return check.Check{
		ID:          "efs_file_system_tls_only",
		Title:       "EFS file systems refuse clients that mount without TLS",
		Description: "NFS traffic is clear text unless the client mounts with TLS (the EFS mount helper's -o tls); a file system policy denying aws:SecureTransport=false makes TLS mandatory.",
		Area:        check.EncryptionInTransit,
		Service:     "efs",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "EFS > file system > File system policy > Edit > tick Enforce in-transit encryption for all clients > Save; mount with `mount -t efs -o tls`.",
			CLI:       "aws efs put-file-system-policy --file-system-id <FS_ID> --policy '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"*\",\"Resource\":\"<FS_ARN>\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}'",
			Terraform: "data \"aws_iam_policy_document\" \"efs_tls\" {\n  statement {\n    effect    = \"Deny\"\n    actions   = [\"*\"]\n    resources = [aws_efs_file_system.this.arn]\n    principals {\n      type        = \"AWS\"\n      identifiers = [\"*\"]\n    }\n    condition {\n      test     = \"Bool\"\n      variable = \"aws:SecureTransport\"\n      values   = [\"false\"]\n    }\n  }\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachFileSystemPolicy(a, func(f state.FileSystem) check.Result {
				return tlsOnlyResult(f, fsName(f), f.Policy, efsService, f.ARN)
			})
		},
	}
}
