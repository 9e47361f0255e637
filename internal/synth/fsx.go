package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// fsx adds the region's Amazon FSx file systems (svc-fsx), of the four
// types in roughly the mix AWS customers run (Windows and ONTAP most
// common): about half Multi-AZ where the type offers it, most with
// automatic backups (the console's default of 7 days), tags copied on
// about two in three, Windows file access audited on about a third, and a
// third of Lustre file systems scratch ones. Most name the aws/fsx key,
// the rest a customer managed key.
func (g *gen) fsx(r string) {
	for k := count(g.n, "fsxfilesystem") / len(g.regions); k > 0; k-- {
		id := g.id("fs-")
		typ := g.pick(state.FSxWindows, state.FSxWindows, state.FSxONTAP, state.FSxONTAP, state.FSxLustre, state.FSxOpenZFS)
		days, copyTags, copyVols := 7, g.chance(65), g.chance(65)
		if g.chance(15) {
			days = 0
		}
		f := state.FSxFileSystem{Meta: state.Meta{ARN: g.arn("fsx", r, "file-system/"+id), Region: r, Tags: g.tags()}, ID: id, Type: typ,
			Lifecycle: "AVAILABLE", StorageType: "SSD", KMSKeyID: "alias/aws/fsx", AutomaticBackupRetentionDays: &days}
		if g.chance(30) {
			f.KMSKeyID = g.arn("kms", r, "key/"+g.id(""))
		}
		multi := g.coin()
		switch typ {
		case state.FSxWindows:
			f.DeploymentType = map[bool]string{true: "MULTI_AZ_1", false: "SINGLE_AZ_2"}[multi]
			f.CopyTagsToBackups = &copyTags
			level := "DISABLED"
			f.Audit = &state.FSxAuditLog{FileAccess: level, FileShareAccess: level}
			if g.chance(35) {
				f.Audit = &state.FSxAuditLog{FileAccess: "SUCCESS_AND_FAILURE", FileShareAccess: "FAILURE_ONLY",
					Destination: g.arn("logs", r, "log-group:/aws/fsx/windows-"+id)}
			}
		case state.FSxONTAP:
			f.DeploymentType = map[bool]string{true: "MULTI_AZ_1", false: "SINGLE_AZ_1"}[multi]
		case state.FSxOpenZFS:
			f.DeploymentType = map[bool]string{true: "MULTI_AZ_1", false: "SINGLE_AZ_2"}[multi]
			f.CopyTagsToBackups, f.CopyTagsToVolumes = &copyTags, &copyVols
		case state.FSxLustre:
			f.DeploymentType, f.CopyTagsToBackups = "PERSISTENT_2", &copyTags
			if g.chance(33) {
				f.DeploymentType, f.KMSKeyID, f.AutomaticBackupRetentionDays = "SCRATCH_2", "", nil
			}
			if g.coin() {
				f.ImportPath = "s3://" + id + "-data/in"
			}
		}
		g.a.FSx.FileSystems = append(g.a.FSx.FileSystems, f)
	}
}
