package awsfake

import (
	"strconv"

	"github.com/aws/aws-sdk-go-v2/service/backup"
	bktypes "github.com/aws/aws-sdk-go-v2/service/backup/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// AWS Backup speaks restJson1; its list calls take maxResults and
// nextToken as query parameters.

func (s *Server) backupService() *service {
	return &service{name: "backup", proto: protoRestJSON,
		routes: []route{
			rt("GET", "/backup-vaults", "ListBackupVaults"),
			rt("GET", "/backup-vaults/{BackupVaultName}/access-policy", "GetBackupVaultAccessPolicy"),
			rt("GET", "/backup-vaults/{BackupVaultName}/recovery-points", "ListRecoveryPointsByBackupVault"),
			rt("GET", "/backup/plans", "ListBackupPlans"),
			rt("GET", "/backup/plans/{BackupPlanId}", "GetBackupPlan"),
			rt("GET", "/backup/plans/{BackupPlanId}/selections", "ListBackupSelections"),
			rt("GET", "/backup/plans/{BackupPlanId}/selections/{SelectionId}", "GetBackupSelection"),
			rt("GET", "/resources", "ListProtectedResources"),
			rt("PUT", "/backup/plans", "CreateBackupPlan"),
			rt("DELETE", "/backup/plans/{BackupPlanId}", "DeleteBackupPlan"),
			rt("PUT", "/backup-vaults/{BackupVaultName}", "CreateBackupVault"),
			rt("DELETE", "/backup-vaults/{BackupVaultName}", "DeleteBackupVault"),
		},
		ops: map[string]handler{
			"ListBackupVaults":                backupListVaults,
			"GetBackupVaultAccessPolicy":      backupVault(backupGetVaultAccessPolicy),
			"ListRecoveryPointsByBackupVault": backupVault(backupListRecoveryPoints),
			"ListBackupPlans":                 backupListPlans,
			"GetBackupPlan":                   backupPlan(backupGetPlan),
			"ListBackupSelections":            backupPlan(backupListSelections),
			"GetBackupSelection":              backupPlan(backupGetSelection),
			"ListProtectedResources":          backupListProtected,
		}}
}

func (c *call) backupPage(n int) (start, end int, next string, err error) {
	mx, err := c.num("maxResults", 0)
	if err != nil {
		return 0, 0, "", err
	}
	return page(c.action, n, c.str("nextToken"), mx, 1000, 1000)
}

func backupListVaults(c *call) (*reply, error) {
	vs := c.s.idx.vaults[c.region]
	start, end, next, err := c.backupPage(len(vs))
	if err != nil {
		return nil, err
	}
	out := &backup.ListBackupVaultsOutput{BackupVaultList: []bktypes.BackupVaultListMember{}, NextToken: sp(next)}
	for _, v := range vs[start:end] {
		m := bktypes.BackupVaultListMember{BackupVaultArn: sp(v.ARN), BackupVaultName: sp(v.Name), VaultType: bktypes.VaultType(v.Type),
			EncryptionKeyArn: sp(v.EncryptionKeyARN), Locked: p(v.Locked), LockDate: v.LockDate, NumberOfRecoveryPoints: int64(v.RecoveryPointsCount),
			CreationDate: p(c.s.acct.CollectedAt), VaultState: bktypes.VaultStateAvailable}
		if v.MinRetentionDays > 0 {
			m.MinRetentionDays = p(int64(v.MinRetentionDays))
		}
		if v.MaxRetentionDays > 0 {
			m.MaxRetentionDays = p(int64(v.MaxRetentionDays))
		}
		out.BackupVaultList = append(out.BackupVaultList, m)
	}
	return c.jsonReply(out), nil
}

func backupVault(h func(c *call, v *state.BackupVault) (*reply, error)) handler {
	return func(c *call) (*reply, error) {
		name := c.labels["BackupVaultName"]
		for _, v := range c.s.idx.vaults[c.region] {
			if v.Name == name {
				return h(c, v)
			}
		}
		return nil, errf(404, "ResourceNotFoundException", "Backup vault %s not found", name)
	}
}

func backupGetVaultAccessPolicy(c *call, v *state.BackupVault) (*reply, error) {
	if v.Policy == "" {
		return nil, errf(404, "ResourceNotFoundException", "Backup vault %s has no access policy", v.Name)
	}
	return c.jsonReply(&backup.GetBackupVaultAccessPolicyOutput{BackupVaultArn: sp(v.ARN), BackupVaultName: sp(v.Name), Policy: p(v.Policy)}), nil
}

func backupListRecoveryPoints(c *call, v *state.BackupVault) (*reply, error) {
	var rps []*state.RecoveryPoint
	for _, rp := range c.s.idx.recoveryPoints[c.region] {
		if rp.VaultName == v.Name {
			rps = append(rps, rp)
		}
	}
	start, end, next, err := c.backupPage(len(rps))
	if err != nil {
		return nil, err
	}
	out := &backup.ListRecoveryPointsByBackupVaultOutput{RecoveryPoints: []bktypes.RecoveryPointByBackupVault{}, NextToken: sp(next)}
	for _, rp := range rps[start:end] {
		out.RecoveryPoints = append(out.RecoveryPoints, bktypes.RecoveryPointByBackupVault{RecoveryPointArn: sp(rp.ARN), BackupVaultName: sp(v.Name),
			BackupVaultArn: sp(v.ARN), ResourceArn: sp(rp.ResourceARN), ResourceType: sp(rp.ResourceType), IsEncrypted: rp.Encrypted,
			EncryptionKeyArn: sp(rp.EncryptionKeyARN), CreationDate: tp(rp.CreationDate), Status: bktypes.RecoveryPointStatus(rp.Status)})
	}
	return c.jsonReply(out), nil
}

func backupListPlans(c *call) (*reply, error) {
	ps := c.s.idx.plans[c.region]
	start, end, next, err := c.backupPage(len(ps))
	if err != nil {
		return nil, err
	}
	out := &backup.ListBackupPlansOutput{BackupPlansList: []bktypes.BackupPlansListMember{}, NextToken: sp(next)}
	for _, pl := range ps[start:end] {
		out.BackupPlansList = append(out.BackupPlansList, bktypes.BackupPlansListMember{BackupPlanArn: sp(pl.ARN), BackupPlanId: sp(pl.ID),
			BackupPlanName: sp(pl.Name), VersionId: p("v1"), CreationDate: p(c.s.acct.CollectedAt)})
	}
	return c.jsonReply(out), nil
}

func backupPlan(h func(c *call, pl *state.BackupPlan) (*reply, error)) handler {
	return func(c *call) (*reply, error) {
		id := c.labels["BackupPlanId"]
		for _, pl := range c.s.idx.plans[c.region] {
			if pl.ID == id {
				return h(c, pl)
			}
		}
		return nil, errf(404, "ResourceNotFoundException", "Backup plan %s not found", id)
	}
}

func i64(n int) *int64 {
	if n == 0 {
		return nil
	}
	v := int64(n)
	return &v
}

func backupGetPlan(c *call, pl *state.BackupPlan) (*reply, error) {
	bp := &bktypes.BackupPlan{BackupPlanName: sp(pl.Name)}
	for _, r := range pl.Rules {
		br := bktypes.BackupRule{RuleName: sp(r.Name), TargetBackupVaultName: sp(r.TargetVault), ScheduleExpression: sp(r.Schedule),
			EnableContinuousBackup: p(r.ContinuousBackup)}
		if r.DeleteAfterDays > 0 || r.MoveToColdAfterDays > 0 {
			br.Lifecycle = &bktypes.Lifecycle{DeleteAfterDays: i64(r.DeleteAfterDays), MoveToColdStorageAfterDays: i64(r.MoveToColdAfterDays)}
		}
		for _, ca := range r.CopyActions {
			a := bktypes.CopyAction{DestinationBackupVaultArn: sp(ca.DestinationVaultARN)}
			if ca.DeleteAfterDays > 0 {
				a.Lifecycle = &bktypes.Lifecycle{DeleteAfterDays: i64(ca.DeleteAfterDays)}
			}
			br.CopyActions = append(br.CopyActions, a)
		}
		bp.Rules = append(bp.Rules, br)
	}
	return c.jsonReply(&backup.GetBackupPlanOutput{BackupPlan: bp, BackupPlanArn: sp(pl.ARN), BackupPlanId: sp(pl.ID), VersionId: p("v1")}), nil
}

// selectionID names a plan's i-th selection.
func selectionID(pl *state.BackupPlan, i int) string {
	return "sel-" + shortHash(pl.ID) + "-" + strconv.Itoa(i)
}

func backupListSelections(c *call, pl *state.BackupPlan) (*reply, error) {
	start, end, next, err := c.backupPage(len(pl.Selections))
	if err != nil {
		return nil, err
	}
	out := &backup.ListBackupSelectionsOutput{BackupSelectionsList: []bktypes.BackupSelectionsListMember{}, NextToken: sp(next)}
	for i := start; i < end; i++ {
		s := pl.Selections[i]
		out.BackupSelectionsList = append(out.BackupSelectionsList, bktypes.BackupSelectionsListMember{BackupPlanId: sp(pl.ID),
			SelectionId: p(selectionID(pl, i)), SelectionName: sp(s.Name), IamRoleArn: sp(s.IAMRoleARN)})
	}
	return c.jsonReply(out), nil
}

func backupGetSelection(c *call, pl *state.BackupPlan) (*reply, error) {
	id := c.labels["SelectionId"]
	for i, s := range pl.Selections {
		if selectionID(pl, i) != id {
			continue
		}
		sel := &bktypes.BackupSelection{SelectionName: sp(s.Name), IamRoleArn: sp(s.IAMRoleARN), Resources: s.Resources, NotResources: s.NotResources}
		for _, t := range s.Tags {
			sel.ListOfTags = append(sel.ListOfTags, bktypes.Condition{ConditionKey: sp(t.Key), ConditionValue: p(t.Value), ConditionType: bktypes.ConditionTypeStringequals})
		}
		return c.jsonReply(&backup.GetBackupSelectionOutput{BackupPlanId: sp(pl.ID), SelectionId: p(id), BackupSelection: sel}), nil
	}
	return nil, errf(404, "ResourceNotFoundException", "Backup selection %s not found", id)
}

func backupListProtected(c *call) (*reply, error) {
	rs := c.s.idx.protected[c.region]
	start, end, next, err := c.backupPage(len(rs))
	if err != nil {
		return nil, err
	}
	out := &backup.ListProtectedResourcesOutput{Results: []bktypes.ProtectedResource{}, NextToken: sp(next)}
	for _, r := range rs[start:end] {
		out.Results = append(out.Results, bktypes.ProtectedResource{ResourceArn: sp(r.ResourceARN), ResourceType: sp(r.ResourceType), LastBackupTime: tp(r.LastBackupTime)})
	}
	return c.jsonReply(out), nil
}
