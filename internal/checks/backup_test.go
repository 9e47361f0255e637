package checks

import (
	"time"

	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const dsVaultARN = "arn:aws:backup:eu-west-1:" + testAccountID + ":backup-vault:main"

// dsVault adds vault "main" in eu-west-1 under key, edited by mut.
func dsVault(key string, mut func(v *state.BackupVault)) func(*state.Account) {
	return func(a *state.Account) {
		v := state.BackupVault{Meta: state.Meta{ARN: dsVaultARN, Region: "eu-west-1"}, Name: "main", Type: "BACKUP_VAULT", EncryptionKeyARN: key}
		if mut != nil {
			mut(&v)
		}
		a.Backup.Vaults = append(a.Backup.Vaults, v)
	}
}

func dsProtected(arn string, age time.Duration) func(*state.Account) {
	return func(a *state.Account) {
		a.Backup.ProtectedResources = append(a.Backup.ProtectedResources, state.ProtectedResource{ResourceARN: arn, Region: "eu-west-1", LastBackupTime: testTime.Add(-age)})
	}
}

func dsRecoveryPoint(enc bool) func(*state.Account) {
	return func(a *state.Account) {
		a.Backup.RecoveryPoints = append(a.Backup.RecoveryPoints, state.RecoveryPoint{Meta: state.Meta{ARN: "arn:aws:backup:eu-west-1:" + testAccountID + ":recovery-point:rp1", Region: "eu-west-1"},
			VaultName: "main", ResourceARN: dsTableARN, Encrypted: enc, EncryptionKeyARN: map[bool]string{true: dsKeyARN}[enc]})
	}
}

func backupCases() map[string][]checkCase {
	vaultsDenied := checkCase{name: "vaults denied", acct: baseAccount(dsVault(dsKeyARN, nil), dsGap("backup", "eu-west-1", "ListBackupVaults", "")), want: dsWant(dsU)}
	describeDenied := checkCase{name: "describe denied", acct: baseAccount(dsVault(dsKeyARN, nil), dsGap("backup", "eu-west-1", "ListBackupVaults", dsVaultARN)), want: dsWant(dsU)}
	plansDenied := checkCase{name: "plans denied", acct: baseAccount(dsPlan("p1", nil), dsGap("backup", "eu-west-1", "ListBackupPlans", "")), want: dsWant(dsU)}
	planDenied := checkCase{name: "plan denied", acct: baseAccount(dsPlan("p1", nil), dsGap("backup", "eu-west-1", "GetBackupPlan", "arn:aws:backup:eu-west-1:"+testAccountID+":backup-plan:p1")), want: dsWant(dsU)}
	copyTo := func(region, acct string) []state.CopyAction {
		return []state.CopyAction{{DestinationVaultARN: "arn:aws:backup:" + region + ":" + acct + ":backup-vault:dr", DeleteAfterDays: 35}}
	}
	sensitiveTable := dsTable(func(t *state.DynamoDBTable) { t.Tags = dsSensitive })
	return map[string][]checkCase{
		"backup_vault_encrypted_cmk": {
			{name: "cmk", acct: baseAccount(dsKey(nil), dsVault(dsKeyARN, nil)), want: dsWant(dsP)},
			{name: "aws managed", acct: baseAccount(dsVault("arn:aws:kms:eu-west-1:"+testAccountID+":alias/aws/backup", nil)), want: dsWant(dsF), msg: "aws_managed"},
			{name: "key not collected", acct: baseAccount(dsVault(dsKeyARN, nil)), want: dsWant(dsU)},
			{name: "no key reported", acct: baseAccount(dsVault("", nil)), want: dsWant(dsU)},
			vaultsDenied, describeDenied,
		},
		"backup_vault_locked": {
			{name: "compliance", acct: baseAccount(dsVault(dsKeyARN, func(v *state.BackupVault) {
				d := testTime.AddDate(0, -2, 0)
				v.Locked, v.LockDate, v.MinRetentionDays = true, &d, 7
			})), want: dsWant(dsP), msg: "compliance"},
			{name: "governance", acct: baseAccount(dsVault(dsKeyARN, func(v *state.BackupVault) { v.Locked = true })), want: dsWant(dsP)},
			{name: "air gapped", acct: baseAccount(dsVault(dsKeyARN, func(v *state.BackupVault) { v.Type = "LOGICALLY_AIR_GAPPED_BACKUP_VAULT" })), want: dsWant(dsP)},
			{name: "unlocked", acct: baseAccount(dsVault(dsKeyARN, nil)), want: dsWant(dsF)},
			vaultsDenied, describeDenied,
		},
		"backup_plan_copy_action": {
			{name: "other region", acct: baseAccount(dsPlan("p1", copyTo("eu-central-1", testAccountID))), want: dsWant(dsP), msg: "eu-central-1"},
			{name: "other account same region", acct: baseAccount(dsPlan("p1", copyTo("eu-west-1", "444455556666"))), want: dsWant(dsP)},
			{name: "same region same account", acct: baseAccount(dsPlan("p1", copyTo("eu-west-1", testAccountID))), want: dsWant(dsF)},
			{name: "no copy", acct: baseAccount(dsPlan("p1", nil)), want: dsWant(dsF)},
			plansDenied, planDenied,
		},
		"backup_copy_destination_trusted": {
			{name: "own account", acct: baseAccount(dsPlan("p1", copyTo("eu-central-1", testAccountID))), want: dsWant(dsP)},
			{name: "trusted", acct: baseAccount(dsPlan("p1", copyTo("eu-west-1", "444455556666"))), pol: &policy.Policy{TrustedAccounts: []string{"444455556666"}}, want: dsWant(dsP)},
			{name: "untrusted", acct: baseAccount(dsPlan("p1", copyTo("eu-west-1", "777788889999"))), want: dsWant(dsF), msg: "777788889999"},
			{name: "no copy", acct: baseAccount(dsPlan("p1", nil)), want: dsWant(dsNA)},
			plansDenied, planDenied,
		},
		"backup_sensitive_resources_protected": {
			{name: "recent", acct: baseAccount(sensitiveTable, dsProtected(dsTableARN, 30*time.Hour)), want: dsWant(dsP)},
			{name: "stale", acct: baseAccount(sensitiveTable, dsProtected(dsTableARN, 20*24*time.Hour)), want: dsWant(dsF), msg: "20 days ago"},
			{name: "never", acct: baseAccount(sensitiveTable), want: dsWant(dsF), msg: "no AWS Backup recovery point"},
			{name: "not sensitive", acct: baseAccount(dsTable(nil)), want: nil},
			{name: "listing denied", acct: baseAccount(sensitiveTable, dsGap("backup", "eu-west-1", "ListProtectedResources", "")), want: dsWant(dsU)},
			{name: "listing denied but found", acct: baseAccount(sensitiveTable, dsProtected(dsTableARN, time.Hour), dsGap("backup", "eu-west-1", "ListProtectedResources", "")), want: dsWant(dsP)},
		},
		"backup_vault_policy_trusted": {
			{name: "no policy", acct: baseAccount(dsVault(dsKeyARN, nil)), want: dsWant(dsP)},
			{name: "deny deletes", acct: baseAccount(dsVault(dsKeyARN, func(v *state.BackupVault) {
				v.Policy = dsDoc(`{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"backup:DeleteRecoveryPoint","Resource":"*"}`)
			})), want: dsWant(dsP)},
			{name: "copy in from untrusted", acct: baseAccount(dsVault(dsKeyARN, func(v *state.BackupVault) {
				v.Policy = dsDoc(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777788889999:root"},"Action":"backup:CopyIntoBackupVault","Resource":"*"}`)
			})), want: dsWant(dsF), msg: "777788889999"},
			{name: "policy denied", acct: baseAccount(dsVault(dsKeyARN, nil), dsGap("backup", "eu-west-1", "GetBackupVaultAccessPolicy", dsVaultARN)), want: dsWant(dsU)},
			vaultsDenied,
		},
		"backup_recovery_point_encrypted": {
			{name: "encrypted", acct: baseAccount(dsVault(dsKeyARN, nil), dsRecoveryPoint(true)), want: dsWant(dsP)},
			{name: "plain", acct: baseAccount(dsVault(dsKeyARN, nil), dsRecoveryPoint(false)), want: dsWant(dsF)},
			{name: "points unreadable", acct: baseAccount(dsVault(dsKeyARN, nil), dsGap("backup", "eu-west-1", "ListRecoveryPointsByBackupVault", dsVaultARN)), want: dsWant(dsU)},
			vaultsDenied,
		},
	}
}
