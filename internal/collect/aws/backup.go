package aws

import (
	"context"
	"sync"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/backup"
	bktypes "github.com/aws/aws-sdk-go-v2/service/backup/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// backup reads a region's AWS Backup vaults (the listing carries lock
// and key settings; the access policy and recovery points are per vault),
// plans (rules per plan, selections per selection: no bulk form) and the
// protected resources (one listing).
func (c *collector) backup(ctx context.Context, region string) {
	cl := backup.NewFromConfig(c.cfg, func(o *backup.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("backup", region))
	})
	c.sub("backup", region, "", func(ctx context.Context) { c.backupPlans(ctx, cl, region) }, "ListBackupPlans")
	c.sub("backup", region, "", func(ctx context.Context) { c.backupProtected(ctx, cl, region) }, "ListProtectedResources")
	var vaults []state.BackupVault
	err := c.do(ctx, "backup", "ListBackupVaults", region, "", nil, func(ctx context.Context) error {
		params := backup.ListBackupVaultsInput{MaxResults: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListBackupVaults(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, v := range page.BackupVaultList {
				vaults = append(vaults, state.BackupVault{Meta: meta(str(v.BackupVaultArn), region, nil), Name: str(v.BackupVaultName),
					Type: string(v.VaultType), EncryptionKeyARN: str(v.EncryptionKeyArn), Locked: b(v.Locked), LockDate: tptr(v.LockDate),
					MinRetentionDays: int(sdk.ToInt64(v.MinRetentionDays)), MaxRetentionDays: int(sdk.ToInt64(v.MaxRetentionDays)),
					RecoveryPointsCount: int(v.NumberOfRecoveryPoints)})
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	var mu sync.Mutex
	var points []state.RecoveryPoint
	done := c.perItem(len(vaults), func() {
		c.rec.Update(func(a *state.Account) {
			a.Backup.Vaults = append(a.Backup.Vaults, vaults...)
			a.Backup.RecoveryPoints = append(a.Backup.RecoveryPoints, points...)
		})
	})
	for i := range vaults {
		v := &vaults[i]
		c.item("backup", region, v.ARN, done, func(ctx context.Context) {
			name := sdk.String(v.Name)
			// ResourceNotFoundException: the vault has no access policy.
			_ = c.do(ctx, "backup", "GetBackupVaultAccessPolicy", region, v.ARN, []string{"ResourceNotFoundException"}, func(ctx context.Context) error {
				out, err := cl.GetBackupVaultAccessPolicy(ctx, &backup.GetBackupVaultAccessPolicyInput{BackupVaultName: name})
				if err == nil {
					v.Policy = str(out.Policy)
				}
				return err
			})
			_ = c.do(ctx, "backup", "ListRecoveryPointsByBackupVault", region, v.ARN, nil, func(ctx context.Context) error {
				params := backup.ListRecoveryPointsByBackupVaultInput{BackupVaultName: name, MaxResults: sdk.Int32(1000)}
				var got []state.RecoveryPoint
				if err := pages(ctx, func(ctx context.Context, token *string) (*string, error) {
					params.NextToken = token
					page, err := cl.ListRecoveryPointsByBackupVault(ctx, &params)
					if err != nil {
						return nil, err
					}
					for _, rp := range page.RecoveryPoints {
						got = append(got, state.RecoveryPoint{Meta: meta(str(rp.RecoveryPointArn), region, nil), VaultName: v.Name,
							ResourceARN: str(rp.ResourceArn), ResourceType: str(rp.ResourceType), Encrypted: rp.IsEncrypted,
							EncryptionKeyARN: str(rp.EncryptionKeyArn), CreationDate: tm(rp.CreationDate), Status: string(rp.Status)})
					}
					return page.NextToken, nil
				}); err != nil {
					return err
				}
				mu.Lock()
				points = append(points, got...)
				mu.Unlock()
				return nil
			})
		}, "GetBackupVaultAccessPolicy", "ListRecoveryPointsByBackupVault")
	}
}

func (c *collector) backupPlans(ctx context.Context, cl *backup.Client, region string) {
	var plans []state.BackupPlan
	err := c.do(ctx, "backup", "ListBackupPlans", region, "", nil, func(ctx context.Context) error {
		params := backup.ListBackupPlansInput{MaxResults: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListBackupPlans(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, pl := range page.BackupPlansList {
				plans = append(plans, state.BackupPlan{Meta: meta(str(pl.BackupPlanArn), region, nil), ID: str(pl.BackupPlanId), Name: str(pl.BackupPlanName)})
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(plans), func() {
		c.rec.Update(func(a *state.Account) { a.Backup.Plans = append(a.Backup.Plans, plans...) })
	})
	for i := range plans {
		pl := &plans[i]
		c.item("backup", region, pl.ARN, done, func(ctx context.Context) {
			id := sdk.String(pl.ID)
			_ = c.do(ctx, "backup", "GetBackupPlan", region, pl.ARN, nil, func(ctx context.Context) error {
				out, err := cl.GetBackupPlan(ctx, &backup.GetBackupPlanInput{BackupPlanId: id})
				if err == nil && out.BackupPlan != nil {
					for _, r := range out.BackupPlan.Rules {
						pl.Rules = append(pl.Rules, backupRule(r))
					}
				}
				return err
			})
			var ids []string
			err := c.do(ctx, "backup", "ListBackupSelections", region, pl.ARN, nil, func(ctx context.Context) error {
				params := backup.ListBackupSelectionsInput{BackupPlanId: id, MaxResults: sdk.Int32(1000)}
				return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
					params.NextToken = token
					page, err := cl.ListBackupSelections(ctx, &params)
					if err != nil {
						return nil, err
					}
					for _, s := range page.BackupSelectionsList {
						ids = append(ids, str(s.SelectionId))
					}
					return page.NextToken, nil
				})
			})
			if err != nil {
				return
			}
			for _, sid := range ids {
				_ = c.do(ctx, "backup", "GetBackupSelection", region, pl.ARN, nil, func(ctx context.Context) error {
					out, err := cl.GetBackupSelection(ctx, &backup.GetBackupSelectionInput{BackupPlanId: id, SelectionId: sdk.String(sid)})
					if err != nil || out.BackupSelection == nil {
						return err
					}
					s := out.BackupSelection
					sel := state.BackupSelection{Name: str(s.SelectionName), IAMRoleARN: str(s.IamRoleArn), Resources: s.Resources, NotResources: s.NotResources}
					for _, t := range s.ListOfTags {
						sel.Tags = append(sel.Tags, state.TagCondition{Key: str(t.ConditionKey), Value: str(t.ConditionValue)})
					}
					pl.Selections = append(pl.Selections, sel)
					return nil
				})
			}
		}, "GetBackupPlan", "ListBackupSelections")
	}
}

func backupRule(r bktypes.BackupRule) state.BackupRule {
	x := state.BackupRule{Name: str(r.RuleName), TargetVault: str(r.TargetBackupVaultName), Schedule: str(r.ScheduleExpression),
		ContinuousBackup: b(r.EnableContinuousBackup)}
	if l := r.Lifecycle; l != nil {
		x.DeleteAfterDays, x.MoveToColdAfterDays = int(sdk.ToInt64(l.DeleteAfterDays)), int(sdk.ToInt64(l.MoveToColdStorageAfterDays))
	}
	for _, ca := range r.CopyActions {
		cp := state.CopyAction{DestinationVaultARN: str(ca.DestinationBackupVaultArn)}
		if ca.Lifecycle != nil {
			cp.DeleteAfterDays = int(sdk.ToInt64(ca.Lifecycle.DeleteAfterDays))
		}
		x.CopyActions = append(x.CopyActions, cp)
	}
	return x
}

func (c *collector) backupProtected(ctx context.Context, cl *backup.Client, region string) {
	var out []state.ProtectedResource
	err := c.do(ctx, "backup", "ListProtectedResources", region, "", nil, func(ctx context.Context) error {
		params := backup.ListProtectedResourcesInput{MaxResults: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListProtectedResources(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, r := range page.Results {
				out = append(out, state.ProtectedResource{ResourceARN: str(r.ResourceArn), ResourceType: str(r.ResourceType), Region: region, LastBackupTime: tm(r.LastBackupTime)})
			}
			return page.NextToken, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.Backup.ProtectedResources = append(a.Backup.ProtectedResources, out...) })
	}
}
