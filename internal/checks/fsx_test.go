package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// dsFSx adds FSx file system fs-1 of type typ in eu-west-1, configured to
// pass every check that applies to its type (Multi-AZ where the type has
// it, persistent Lustre, 7 days of backups, tags copied, Windows file
// access audited to a log group); edited by mut.
func dsFSx(typ string, mut func(f *state.FSxFileSystem)) func(*state.Account) {
	return func(a *state.Account) {
		yes, days := true, 7
		f := state.FSxFileSystem{Meta: state.Meta{ARN: "arn:aws:fsx:eu-west-1:" + testAccountID + ":file-system/fs-1", Region: "eu-west-1"},
			ID: "fs-1", Type: typ, Lifecycle: "AVAILABLE", DeploymentType: "MULTI_AZ_1", KMSKeyID: "arn:aws:kms:eu-west-1:" + testAccountID + ":key/k1",
			AutomaticBackupRetentionDays: &days}
		switch typ {
		case state.FSxWindows:
			f.CopyTagsToBackups = &yes
			f.Audit = &state.FSxAuditLog{FileAccess: "SUCCESS_AND_FAILURE", FileShareAccess: "SUCCESS_AND_FAILURE",
				Destination: "arn:aws:logs:eu-west-1:" + testAccountID + ":log-group:/aws/fsx/windows"}
		case state.FSxLustre:
			f.DeploymentType, f.CopyTagsToBackups = "PERSISTENT_2", &yes
		case state.FSxOpenZFS:
			f.CopyTagsToBackups, f.CopyTagsToVolumes = &yes, &yes
		}
		if mut != nil {
			mut(&f)
		}
		a.FSx.FileSystems = append(a.FSx.FileSystems, f)
	}
}

func fsxCases() map[string][]checkCase {
	c := func(name, typ string, m func(*state.FSxFileSystem), want check.Status, msg string) checkCase {
		return checkCase{name: name, acct: baseAccount(dsFSx(typ, m)), want: dsWant(want), msg: msg}
	}
	denied := func(typ string) []checkCase {
		return []checkCase{
			{name: "listing denied", acct: baseAccount(dsFSx(typ, nil), dsGap("fsx", "eu-west-1", "DescribeFileSystems", "")), want: dsWant(dsU)},
			{name: "listing denied elsewhere", acct: baseAccount(dsFSx(typ, nil), dsGap("fsx", "us-east-1", "DescribeFileSystems", "")), want: dsWant(dsU, dsP)},
		}
	}
	f := false
	na := func(typ string) checkCase {
		return c("other type "+typ, typ, nil, dsNA, "is not an")
	}
	multiAZ := func(typ, single string) []checkCase {
		out := []checkCase{
			c("multi-AZ", typ, nil, dsP, "two Availability Zones (MULTI_AZ_1)"),
			c("single-AZ", typ, func(x *state.FSxFileSystem) { x.DeploymentType = single }, dsF, "one Availability Zone ("+single+")"),
			c("not reported", typ, func(x *state.FSxFileSystem) { x.DeploymentType = "" }, dsU, "not reported"),
		}
		for _, o := range []string{state.FSxWindows, state.FSxLustre, state.FSxONTAP, state.FSxOpenZFS} {
			if o != typ {
				out = append(out, na(o))
			}
		}
		return append(out, denied(typ)...)
	}
	return map[string][]checkCase{
		"fsx_openzfs_copy_tags_to_backups_and_volumes": append([]checkCase{
			c("both copied", state.FSxOpenZFS, nil, dsP, "backups and volumes"),
			c("volumes not copied", state.FSxOpenZFS, func(x *state.FSxFileSystem) { x.CopyTagsToVolumes = &f }, dsF, "tags to volumes"),
			c("backups not copied", state.FSxOpenZFS, func(x *state.FSxFileSystem) { x.CopyTagsToBackups = &f }, dsF, "tags to backups"),
			c("neither copied", state.FSxOpenZFS, func(x *state.FSxFileSystem) { x.CopyTagsToBackups, x.CopyTagsToVolumes = &f, &f }, dsF, "backups or volumes"),
			c("not reported", state.FSxOpenZFS, func(x *state.FSxFileSystem) { x.CopyTagsToVolumes = nil }, dsU, "not reported"),
			na(state.FSxWindows), na(state.FSxLustre), na(state.FSxONTAP),
		}, denied(state.FSxOpenZFS)...),
		"fsx_lustre_copy_tags_to_backups": append([]checkCase{
			c("copied", state.FSxLustre, nil, dsP, "copies its tags to backups"),
			c("not copied", state.FSxLustre, func(x *state.FSxFileSystem) { x.CopyTagsToBackups = &f }, dsF, "does not copy"),
			c("not reported", state.FSxLustre, func(x *state.FSxFileSystem) { x.CopyTagsToBackups = nil }, dsU, "not reported"),
			na(state.FSxWindows), na(state.FSxONTAP), na(state.FSxOpenZFS),
		}, denied(state.FSxLustre)...),
		"fsx_openzfs_multi_az": multiAZ(state.FSxOpenZFS, "SINGLE_AZ_HA_2"),
		"fsx_ontap_multi_az":   multiAZ(state.FSxONTAP, "SINGLE_AZ_2"),
		"fsx_windows_multi_az": multiAZ(state.FSxWindows, "SINGLE_AZ_2"),
		"fsx_automatic_backups_enabled": append([]checkCase{
			c("windows 7 days", state.FSxWindows, nil, dsP, "for 7 days"),
			c("ontap 1 day", state.FSxONTAP, func(x *state.FSxFileSystem) { one := 1; x.AutomaticBackupRetentionDays = &one }, dsP, "for 1 days"),
			c("openzfs off", state.FSxOpenZFS, func(x *state.FSxFileSystem) { off := 0; x.AutomaticBackupRetentionDays = &off }, dsF, "off (retention 0 days)"),
			c("lustre scratch", state.FSxLustre, func(x *state.FSxFileSystem) { x.DeploymentType, x.AutomaticBackupRetentionDays = "SCRATCH_2", nil }, dsF, "SCRATCH_2"),
			c("not reported", state.FSxLustre, func(x *state.FSxFileSystem) { x.AutomaticBackupRetentionDays = nil }, dsU, "not reported"),
		}, denied(state.FSxONTAP)...),
		"fsx_windows_audit_logging_enabled": append([]checkCase{
			c("audited", state.FSxWindows, nil, dsP, "SUCCESS_AND_FAILURE"),
			c("failures only", state.FSxWindows, func(x *state.FSxFileSystem) { x.Audit.FileAccess = "FAILURE_ONLY" }, dsP, "FAILURE_ONLY"),
			c("disabled", state.FSxWindows, func(x *state.FSxFileSystem) { x.Audit.FileAccess = "DISABLED" }, dsF, "DISABLED"),
			c("no destination", state.FSxWindows, func(x *state.FSxFileSystem) { x.Audit.Destination = "" }, dsF, "no log destination"),
			c("not reported", state.FSxWindows, func(x *state.FSxFileSystem) { x.Audit = nil }, dsU, "not reported"),
			na(state.FSxLustre), na(state.FSxONTAP), na(state.FSxOpenZFS),
		}, denied(state.FSxWindows)...),
		"fsx_file_system_in_allowed_region": storeCases("fsx", "DescribeFileSystems", func(r string) func(*state.Account) {
			return func(a *state.Account) {
				a.FSx.FileSystems = append(a.FSx.FileSystems, state.FSxFileSystem{Meta: nwMetaIn(r, "fsx", "file-system/fs-1"), ID: "fs-1", Type: state.FSxONTAP})
			}
		}),
	}
}
