package checks

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/custody"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// backupChecks are the AWS Backup duties: vaults that cannot be emptied,
// encrypted under the customer's key; plans that keep a copy elsewhere,
// with trusted accounts only; sensitive resources actually backed up.
func backupChecks() []check.Check {
	return []check.Check{
		backupVaultEncryptedCMK(),
		backupVaultLocked(),
		backupPlanCopyAction(),
		backupCopyDestinationTrusted(),
		backupSensitiveResourcesProtected(),
		backupRecoveryPointEncrypted(),
		backupVaultPolicyTrusted(),
	}
}

// maxBackupAgeDays is how old the newest recovery point of a sensitive
// resource may be.
const maxBackupAgeDays = 7

func eachVault(a *state.Account, judge func(v state.BackupVault) check.Result) []check.Result {
	return eachRegional(a, "backup", []state.Input{state.InputBackupVaults}, a.Backup.Vaults, judge)
}

// eachPlan evaluates every plan whose rules could be read.
func eachPlan(a *state.Account, judge func(p state.BackupPlan) check.Result) []check.Result {
	return eachRegional(a, "backup", []state.Input{state.InputBackupPlans}, a.Backup.Plans, func(p state.BackupPlan) check.Result {
		if g, ok := a.Gaps.ForInput(state.InputBackupPlanRules, p.Region, p.ARN); ok {
			return check.GapR(p, g)
		}
		return judge(p)
	})
}

func backupVaultEncryptedCMK() check.Check {
	return check.Check{
		ID: "backup_vault_encrypted_cmk",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			ix := keyIndex(a)
			return eachVault(a, func(v state.BackupVault) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputBackupVaults, v.Region, v.ARN); ok {
					return check.GapR(v, g)
				}
				if v.EncryptionKeyARN == "" {
					return check.UnknownR(v, "vault %s reports no encryption key", v.Name)
				}
				if g, ok := ix.Gap(&a.Gaps, v.Region, v.EncryptionKeyARN); ok {
					return check.GapR(v, g)
				}
				switch l := ix.Level(v.Region, v.EncryptionKeyARN); {
				case l == custody.Unknown:
					return check.UnknownR(v, "vault %s key %s is not among the collected KMS keys", v.Name, v.EncryptionKeyARN)
				case l.Meets(custody.CustomerManaged):
					return check.PassR(v, "vault %s is encrypted with a %s key", v.Name, l)
				default:
					return check.FailR(v, "vault %s is encrypted with an %s key", v.Name, l)
				}
			})
		},
	}
}

func backupVaultLocked() check.Check {
	return check.Check{
		ID: "backup_vault_locked",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachVault(a, func(v state.BackupVault) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputBackupVaults, v.Region, v.ARN); ok {
					return check.GapR(v, g)
				}
				switch {
				case v.Type == "LOGICALLY_AIR_GAPPED_BACKUP_VAULT":
					return check.PassR(v, "vault %s is a logically air-gapped vault (always locked in compliance mode)", v.Name)
				case !v.Locked:
					return check.FailR(v, "vault %s has no Vault Lock: recovery points can be deleted by anyone with backup:DeleteRecoveryPoint", v.Name)
				case v.LockDate != nil:
					return check.PassR(v, "vault %s is locked in compliance mode since %s (minimum retention %d days)", v.Name, v.LockDate.Format("2006-01-02"), v.MinRetentionDays)
				default:
					return check.PassR(v, "vault %s is locked (minimum retention %d days; governance mode or compliance grace time)", v.Name, v.MinRetentionDays)
				}
			})
		},
	}
}

// copyTargets lists a plan's copy destinations as "region/account" pairs
// relative to the plan, deduplicated and sorted.
func copyTargets(p state.BackupPlan) []state.CopyAction {
	var out []state.CopyAction
	seen := map[string]bool{}
	for _, r := range p.Rules {
		for _, c := range r.CopyActions {
			if !seen[c.DestinationVaultARN] {
				seen[c.DestinationVaultARN] = true
				out = append(out, c)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].DestinationVaultARN < out[j].DestinationVaultARN })
	return out
}

func backupPlanCopyAction() check.Check {
	return check.Check{
		ID: "backup_plan_copy_action",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachPlan(a, func(p state.BackupPlan) check.Result {
				var elsewhere []string
				for _, c := range copyTargets(p) {
					region, acct := c.Region(), c.Account()
					if region != p.Region || (acct != "" && acct != a.AccountID) {
						elsewhere = append(elsewhere, fmt.Sprintf("%s/%s", acct, region))
					}
				}
				if len(elsewhere) > 0 {
					return check.PassR(p, "plan %s copies to %s", p.Name, strings.Join(elsewhere, ", "))
				}
				return check.FailR(p, "plan %s keeps every recovery point in %s of this account only", p.Name, p.Region)
			})
		},
	}
}

func backupCopyDestinationTrusted() check.Check {
	return check.Check{
		ID: "backup_copy_destination_trusted",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			return eachPlan(a, func(pl state.BackupPlan) check.Result {
				targets := copyTargets(pl)
				if len(targets) == 0 {
					return check.NotApplicableR(pl, "plan %s makes no copies", pl.Name)
				}
				var accts []string
				for _, c := range targets {
					accts = append(accts, c.Account())
				}
				if bad := untrustedAccounts(a, p, accts); len(bad) > 0 {
					return check.FailR(pl, "plan %s copies backups to untrusted account(s) %s", pl.Name, strings.Join(bad, ", "))
				}
				return check.PassR(pl, "plan %s copies only to this account or trusted accounts", pl.Name)
			})
		},
	}
}

// protectable is a resource AWS Backup can protect, as the sensitive
// resources check sees it.
type protectable struct {
	state.Meta
	// what ("EBS volume") and name are joined by label only for the
	// resources a result names: building "EBS volume vol-1" for every
	// resource allocated 0.09 GB at 1M resources, for the few sensitive ones.
	what, name string
}

// label names the resource in a result: "EBS volume vol-1".
func (r protectable) label() string { return r.what + " " + r.name }

// protectableListings are the listings protectableResources reads.
func protectableListings() []listing {
	return []listing{
		{"rds", []state.Input{state.InputRDSInstances, state.InputRDSClusters}},
		{"dynamodb", []state.Input{state.InputDynamoDBTables}},
		{efsService, []state.Input{state.InputEFSFileSystems}},
		{"ec2", []state.Input{state.InputEC2Volumes}},
		{"redshift", []state.Input{state.InputRedshiftClusters}},
	}
}

// protectableResources lists the account's databases, tables, file systems
// and volumes (those AWS Backup supports and the state holds), skipping
// Aurora members (their cluster is what is backed up).
func protectableResources(a *state.Account) []protectable {
	out := make([]protectable, 0, len(a.RDS.Instances)+len(a.RDS.Clusters)+len(a.DynamoDB.Tables)+
		len(a.EFS.FileSystems)+len(a.EC2.Volumes)+len(a.Redshift.Clusters)+len(a.S3.Buckets))
	for _, d := range a.RDS.Instances {
		if d.ClusterID == "" {
			out = append(out, protectable{d.Meta, "RDS instance", d.ID})
		}
	}
	for _, c := range a.RDS.Clusters {
		out = append(out, protectable{c.Meta, "RDS cluster", c.ID})
	}
	for _, t := range a.DynamoDB.Tables {
		out = append(out, protectable{t.Meta, "DynamoDB table", t.Name})
	}
	for _, f := range a.EFS.FileSystems {
		out = append(out, protectable{f.Meta, "EFS file system", f.ID})
	}
	for _, v := range a.EC2.Volumes {
		out = append(out, protectable{v.Meta, "EBS volume", v.ID})
	}
	for _, c := range a.Redshift.Clusters {
		out = append(out, protectable{c.Meta, "Redshift cluster", c.ID})
	}
	for _, b := range a.S3.Buckets {
		out = append(out, protectable{b.Meta, "S3 bucket", b.Name})
	}
	return out
}

func backupSensitiveResourcesProtected() check.Check {
	return check.Check{
		ID: "backup_sensitive_resources_protected",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			now := p.Clock(a.CollectedAt)
			last := map[string]state.ProtectedResource{}
			for _, pr := range a.Backup.ProtectedResources {
				if cur, ok := last[pr.ResourceARN]; !ok || pr.LastBackupTime.After(cur.LastBackupTime) {
					last[pr.ResourceARN] = pr
				}
			}
			// A sensitive resource of a listing that failed is absent from
			// the state, so its missing backup would go unseen: say so.
			var out []check.Result
			if g, ok := listingGap(a, "", state.InputS3Buckets); ok {
				out = append(out, check.GapR(accountRef(a), g))
			}
			for _, l := range protectableListings() {
				regionalListingUnknown(a, l.service, &out, l.inputs...)
			}
			for _, r := range protectableResources(a) {
				if g, ok := tagsGap(a, r.Meta); ok {
					out = append(out, check.GapR(r, g)) // classification unknown
					continue
				}
				if !p.IsSensitive(r.Tags) {
					continue // the duty is for sensitive data; others are not listed
				}
				pr, ok := last[r.ARN]
				switch {
				case ok && now.Sub(pr.LastBackupTime).Hours() <= 24*maxBackupAgeDays:
					out = append(out, check.PassR(r, "%s was last backed up on %s", r.label(), pr.LastBackupTime.Format("2006-01-02")))
					continue
				case ok:
					out = append(out, check.FailR(r, "%s holds %s data; its last AWS Backup recovery point is from %s, %d days ago", r.label(), p.Classification(r.Tags), pr.LastBackupTime.Format("2006-01-02"), int(now.Sub(pr.LastBackupTime).Hours()/24)))
					continue
				}
				if g, ok := a.Gaps.ForInput(state.InputBackupProtectedResources, r.Region, ""); ok {
					out = append(out, check.GapR(r, g))
					continue
				}
				out = append(out, check.FailR(r, "%s holds %s data but has no AWS Backup recovery point", r.label(), p.Classification(r.Tags)))
			}
			return out
		},
	}
}

func backupRecoveryPointEncrypted() check.Check {
	return check.Check{
		ID: "backup_recovery_point_encrypted",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var out []check.Result
			bad := regionalListingUnknown(a, "backup", &out, state.InputBackupVaults)
			for _, v := range a.Backup.Vaults {
				if bad[v.Region] {
					continue
				}
				if g, ok := a.Gaps.ForInput(state.InputBackupRecoveryPoints, v.Region, v.ARN); ok {
					out = append(out, check.GapR(v, g))
				}
			}
			for _, rp := range a.Backup.RecoveryPoints {
				if bad[rp.Region] {
					continue
				}
				if rp.Encrypted {
					out = append(out, check.PassR(rp, "recovery point of %s is encrypted with %s", rp.ResourceARN, orDefault(rp.EncryptionKeyARN, "the source's key")))
				} else {
					out = append(out, check.FailR(rp, "recovery point of %s in vault %s is not encrypted", rp.ResourceARN, rp.VaultName))
				}
			}
			return out
		},
	}
}

func backupVaultPolicyTrusted() check.Check {
	return check.Check{
		ID: "backup_vault_policy_trusted",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			c := exposureContext(a, p)
			return eachVault(a, func(v state.BackupVault) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputBackupVaultPolicy, v.Region, v.ARN); ok {
					return check.GapR(v, g)
				}
				return sharingResult(v, "vault "+v.Name, v.Policy, c)
			})
		},
	}
}
