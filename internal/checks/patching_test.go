package checks

import (
	"time"

	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func nwManaged(id, ping string) func(*state.Account) {
	return func(a *state.Account) {
		a.SSM.ManagedInstances = append(a.SSM.ManagedInstances, state.ManagedInstance{Meta: nwEUMeta("ssm", "managed-instance/"+id), InstanceID: id, PingStatus: ping, AgentVersion: "3.3", LastPingTime: testTime.Add(-time.Hour)})
	}
}

func nwPatch(id, status string, scannedDaysAgo int) func(*state.Account) {
	return func(a *state.Account) {
		pc := state.PatchCompliance{Meta: nwEUMeta("ssm", "managed-instance/"+id), InstanceID: id, Status: status, LastOperationTime: testTime.AddDate(0, 0, -scannedDaysAgo)}
		if status != "COMPLIANT" {
			pc.Severity, pc.MissingCount = "CRITICAL", 4
		}
		a.SSM.PatchCompliance = append(a.SSM.PatchCompliance, pc)
	}
}

func nwImage(id string, ageDays int, deprecatedDaysAgo int) func(*state.Account) {
	return func(a *state.Account) {
		im := state.Image{Meta: nwEUMeta("ec2", "image/"+id), ID: id, Name: "golden", OwnerID: testAccountID, CreationDate: testTime.AddDate(0, 0, -ageDays)}
		if deprecatedDaysAgo != 0 {
			t := testTime.AddDate(0, 0, -deprecatedDaysAgo)
			im.DeprecationTime = &t
		}
		a.EC2.Images = append(a.EC2.Images, im)
	}
}

func patchingCases() map[string][]checkCase {
	running := nwInstance("i-1", nil)
	instGap := nwUSGap("ec2", "DescribeInstances")
	ssmGap := nwEUGap("ssm", "DescribeInstanceInformation")
	complianceGap := nwEUGap("ssm", "ListResourceComplianceSummaries")
	stoppedFor := func(days int) func(*state.Account) {
		return nwInstance("i-1", func(i *state.Instance) {
			i.State = "stopped"
			if days >= 0 {
				t := testTime.AddDate(0, 0, -days)
				i.StateTransitionTime = &t
			}
		})
	}
	assoc := func(status string, n int) func(*state.Account) {
		return func(a *state.Account) {
			a.SSM.AssociationCompliance = append(a.SSM.AssociationCompliance, state.AssociationCompliance{Meta: nwEUMeta("ssm", "managed-instance/i-1"), InstanceID: "i-1", Status: status, NonCompliantCount: n})
		}
	}
	rdsDB := func(a *state.Account) {
		a.RDS.Instances = append(a.RDS.Instances, state.DBInstance{Meta: nwEUMeta("rds", "db:db1"), ID: "db1"})
		a.RDS.Clusters = append(a.RDS.Clusters, state.DBCluster{Meta: nwEUMeta("rds", "cluster:c1"), ID: "c1"})
	}
	pending := func(arn string) func(*state.Account) {
		return func(a *state.Account) {
			forced := testTime.AddDate(0, 0, 14)
			a.RDS.PendingMaintenance = append(a.RDS.PendingMaintenance, state.PendingMaintenance{ResourceARN: arn, Action: "system-update", Description: "OS patches", ForcedApplyDate: &forced})
		}
	}
	wsImage := func(update bool) func(*state.Account) {
		return func(a *state.Account) {
			a.WorkSpaces.Images = append(a.WorkSpaces.Images, state.WorkspaceImage{Meta: nwEUMeta("workspaces", "workspaceimage/wsi-1"), ID: "wsi-1", Name: "desk", UpdateAvailable: update})
		}
	}
	wsDir := func(maint bool) func(*state.Account) {
		return func(a *state.Account) {
			a.WorkSpaces.Directories = append(a.WorkSpaces.Directories, state.WorkspaceDirectory{Meta: nwEUMeta("workspaces", "directory/d-1"), ID: "d-1", Name: "corp", MaintenanceMode: maint})
		}
	}
	strict := &policy.Policy{MaxAMIAgeDays: 30}
	return map[string][]checkCase{
		"ssm_instance_managed": {
			{name: "online", acct: baseAccount(running, nwManaged("i-1", "Online")), want: sts(stP)},
			{name: "not managed", acct: baseAccount(running), want: sts(stF), msg: "not managed"},
			{name: "agent lost", acct: baseAccount(running, nwManaged("i-1", "ConnectionLost")), want: sts(stF), msg: "ConnectionLost"},
			{name: "stopped instances not judged", acct: baseAccount(nwInstance("i-1", func(i *state.Instance) { i.State = "stopped" })), want: nil},
			{name: "ssm denied", acct: baseAccount(running, ssmGap), want: sts(stU)},
			{name: "instances denied", acct: baseAccount(instGap), want: sts(stU)},
		},
		"ssm_instance_patch_compliant": {
			{name: "compliant", acct: baseAccount(running, nwManaged("i-1", "Online"), nwPatch("i-1", "COMPLIANT", 1)), want: sts(stP)},
			{name: "missing patches", acct: baseAccount(running, nwManaged("i-1", "Online"), nwPatch("i-1", "NON_COMPLIANT", 1)), want: sts(stF), msg: "4 missing patches, highest severity CRITICAL"},
			{name: "never scanned", acct: baseAccount(running, nwManaged("i-1", "Online")), want: sts(stF), msg: "never scanned"},
			{name: "unmanaged is unknown, not pass", acct: baseAccount(running), want: sts(stU), msg: "not managed by Systems Manager"},
			{name: "compliance denied", acct: baseAccount(running, nwManaged("i-1", "Online"), complianceGap), want: sts(stU)},
		},
		"ssm_instance_patch_scan_recent": {
			{name: "scanned yesterday", acct: baseAccount(running, nwPatch("i-1", "COMPLIANT", 1)), want: sts(stP)},
			{name: "scanned 90 days ago", acct: baseAccount(running, nwPatch("i-1", "COMPLIANT", 90)), want: sts(stF), msg: "90 days ago"},
			{name: "never scanned", acct: baseAccount(running), want: sts(stNA)},
			{name: "scan time missing", acct: baseAccount(running, nwPatch("i-1", "COMPLIANT", 0), func(a *state.Account) { a.SSM.PatchCompliance[0].LastOperationTime = time.Time{} }), want: sts(stU)},
			{name: "compliance denied", acct: baseAccount(running, complianceGap), want: sts(stU)},
		},
		"ssm_instance_association_compliant": {
			{name: "compliant", acct: baseAccount(running, nwManaged("i-1", "Online"), assoc("COMPLIANT", 0)), want: sts(stP)},
			{name: "failed", acct: baseAccount(running, nwManaged("i-1", "Online"), assoc("NON_COMPLIANT", 2)), want: sts(stF), msg: "2 failed"},
			{name: "no association", acct: baseAccount(running, nwManaged("i-1", "Online")), want: sts(stNA)},
			{name: "unmanaged", acct: baseAccount(running), want: sts(stNA)},
			{name: "denied", acct: baseAccount(running, complianceGap), want: sts(stU)},
		},
		"ec2_instance_ami_age": {
			{name: "fresh", acct: baseAccount(running, nwImage("ami-1", 40, 0)), want: sts(stP)},
			{name: "old under default limit", acct: baseAccount(running, nwImage("ami-1", 400, 0)), want: sts(stF), msg: "400 days old (limit 180)"},
			{name: "policy limit", acct: baseAccount(running, nwImage("ami-1", 40, 0)), pol: strict, want: sts(stF), msg: "limit 30"},
			{name: "ami gone", acct: baseAccount(running), want: sts(stU), msg: "not visible"},
			{name: "images denied", acct: baseAccount(running, nwImage("ami-1", 40, 0), nwEUGap("ec2", "DescribeImages")), want: sts(stU)},
		},
		"ec2_instance_ami_not_deprecated": {
			{name: "current", acct: baseAccount(running, nwImage("ami-1", 40, 0)), want: sts(stP)},
			{name: "deprecation in the future", acct: baseAccount(running, nwImage("ami-1", 40, -30)), want: sts(stP)},
			{name: "deprecated", acct: baseAccount(running, nwImage("ami-1", 700, 200)), want: sts(stF), msg: "deprecated since"},
			{name: "ami gone", acct: baseAccount(running), want: sts(stU)},
		},
		"ec2_instance_stopped_under_30_days": {
			{name: "stopped last week", acct: baseAccount(stoppedFor(7)), want: sts(stP)},
			{name: "stopped for months", acct: baseAccount(stoppedFor(120)), want: sts(stF), msg: "120 days"},
			{name: "running not judged", acct: baseAccount(running), want: nil},
			{name: "stop time unknown", acct: baseAccount(stoppedFor(-1)), want: sts(stU)},
			{name: "denied", acct: baseAccount(instGap), want: sts(stU)},
		},
		"rds_pending_maintenance_applied": {
			{name: "nothing pending", acct: baseAccount(rdsDB), want: sts(stP, stP)},
			{name: "instance pending", acct: baseAccount(rdsDB, pending("arn:aws:rds:eu-west-1:"+testAccountID+":db:db1")), want: sts(stF, stP), msg: "system-update (OS patches), forced on"},
			{name: "cluster pending", acct: baseAccount(rdsDB, pending("arn:aws:rds:eu-west-1:"+testAccountID+":cluster:c1")), want: sts(stP, stF)},
			{name: "denied", acct: baseAccount(rdsDB, nwEUGap("rds", "DescribePendingMaintenanceActions")), want: sts(stU)},
		},
		"workspaces_image_up_to_date": {
			{name: "current", acct: baseAccount(wsImage(false)), want: sts(stP)},
			{name: "update available", acct: baseAccount(wsImage(true)), want: sts(stF)},
			{name: "denied", acct: baseAccount(wsImage(true), nwEUGap("workspaces", "DescribeWorkspaceImages")), want: sts(stU)},
		},
		"workspaces_directory_maintenance_mode": {
			{name: "on", acct: baseAccount(wsDir(true)), want: sts(stP)},
			{name: "off", acct: baseAccount(wsDir(false)), want: sts(stF)},
			{name: "denied", acct: baseAccount(nwUSGap("workspaces", "DescribeWorkspaceDirectories"), wsDir(true)), want: sts(stU, stP)},
		},
	}
}
