package checks

import (
	"sort"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
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
		ID: "efs_file_system_encrypted",
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
		ID: "efs_file_system_backup_policy",
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
		ID: "efs_file_system_in_backup_plan",
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
		ID: "efs_access_point_root_directory",
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
		ID: "efs_access_point_user_identity",
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
		ID: "efs_mount_target_public_subnet",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			// Each file system's mount targets, in the listing's order,
			// and the subnets by region and ID, indexed once: reading
			// every mount target and subnet for each file system was
			// quadratic.
			targets := make(map[[2]string][]int, len(a.EFS.FileSystems))
			for i, mt := range a.EFS.MountTargets {
				k := [2]string{mt.Region, mt.FileSystemID}
				targets[k] = append(targets[k], i)
			}
			subnets := subnetIndex(a)
			return eachFileSystem(a, func(f state.FileSystem) check.Result {
				if g, ok := a.Gaps.ForInputs(f.Region, f.ARN, state.InputEFSMountTargets); ok {
					return check.GapR(f, g)
				}
				var public, unknown []string
				n := 0
				for _, i := range targets[[2]string{f.Region, f.ID}] {
					mt := a.EFS.MountTargets[i]
					n++
					sub, ok := findSubnet(a, subnets, mt.Region, mt.SubnetID)
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

// subnetsKey is the key of the account's subnet index (state.Derive).
type subnetsKey struct{}

// subnetIndex returns the position in a.EC2.Subnets of the first subnet
// of each region and ID, built once per evaluation for findSubnet.
// Shared: not to be changed.
func subnetIndex(a *state.Account) map[[2]string]int {
	return state.Derive(a, subnetsKey{}, func() map[[2]string]int {
		m := make(map[[2]string]int, len(a.EC2.Subnets))
		for i, s := range a.EC2.Subnets {
			k := [2]string{s.Region, s.ID}
			if _, dup := m[k]; !dup {
				m[k] = i
			}
		}
		return m
	})
}

// findSubnet returns the first subnet of a with the region and ID;
// subnets is subnetIndex(a).
func findSubnet(a *state.Account, subnets map[[2]string]int, region, id string) (state.Subnet, bool) {
	i, ok := subnets[[2]string{region, id}]
	if !ok {
		return state.Subnet{}, false
	}
	return a.EC2.Subnets[i], true
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
		ID: "efs_file_system_policy_trusted",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			c := exposureContext(a, p)
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
		ID: "efs_file_system_tls_only",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachFileSystemPolicy(a, func(f state.FileSystem) check.Result {
				return tlsOnlyResult(a, f, fsName(f), f.Policy, efsService, f.ARN)
			})
		},
	}
}
