package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// fsxChecks are the customer's duties on Amazon FSx (svc-fsx): AWS runs
// the file servers and encrypts every file system, but whether a file
// system survives the loss of an Availability Zone, keeps automatic
// backups, tags its backups and volumes, and audits file access are the
// owner's choices. A check about one file-system type is not applicable
// to the others.
func fsxChecks() []check.Check {
	return []check.Check{
		// FSx.1: OpenZFS copies tags to backups and to volumes.
		fsxTypeCheck("fsx_openzfs_copy_tags_to_backups_and_volumes", state.FSxOpenZFS, func(f state.FSxFileSystem) check.Result {
			switch {
			case f.CopyTagsToBackups == nil || f.CopyTagsToVolumes == nil:
				return check.UnknownR(f, "%s %s's copy-tags settings were not reported", f.TypeName(), f.ID)
			case *f.CopyTagsToBackups && *f.CopyTagsToVolumes:
				return check.PassR(f, "%s %s copies its tags to backups and volumes", f.TypeName(), f.ID)
			}
			return check.FailR(f, "%s %s does not copy its tags to %s", f.TypeName(), f.ID, missingTagCopies(*f.CopyTagsToBackups, *f.CopyTagsToVolumes))
		}),
		// FSx.2: Lustre copies tags to backups.
		fsxTypeCheck("fsx_lustre_copy_tags_to_backups", state.FSxLustre, func(f state.FSxFileSystem) check.Result {
			switch {
			case f.CopyTagsToBackups == nil:
				return check.UnknownR(f, "%s %s's copy-tags-to-backups setting was not reported", f.TypeName(), f.ID)
			case *f.CopyTagsToBackups:
				return check.PassR(f, "%s %s copies its tags to backups", f.TypeName(), f.ID)
			}
			return check.FailR(f, "%s %s does not copy its tags to backups", f.TypeName(), f.ID)
		}),
		// FSx.3, FSx.4, FSx.5: Multi-AZ deployments.
		fsxTypeCheck("fsx_openzfs_multi_az", state.FSxOpenZFS, fsxMultiAZ),
		fsxTypeCheck("fsx_ontap_multi_az", state.FSxONTAP, fsxMultiAZ),
		fsxTypeCheck("fsx_windows_multi_az", state.FSxWindows, fsxMultiAZ),
		// Catalog duty: automatic daily backups are on for every type.
		fsxCheck("fsx_automatic_backups_enabled", func(f state.FSxFileSystem) check.Result {
			switch {
			case f.Scratch():
				return check.FailR(f, "%s %s is a %s file system: it keeps no backups and no replica, so its data is lost with a failed server", f.TypeName(), f.ID, f.DeploymentType)
			case f.AutomaticBackupRetentionDays == nil:
				return check.UnknownR(f, "%s %s's automatic backup retention was not reported", f.TypeName(), f.ID)
			case *f.AutomaticBackupRetentionDays > 0:
				return check.PassR(f, "%s %s keeps automatic daily backups for %d days", f.TypeName(), f.ID, *f.AutomaticBackupRetentionDays)
			}
			return check.FailR(f, "%s %s has automatic daily backups off (retention 0 days)", f.TypeName(), f.ID)
		}),
		// Catalog duty: Windows file access auditing is on and delivered.
		fsxTypeCheck("fsx_windows_audit_logging_enabled", state.FSxWindows, func(f state.FSxFileSystem) check.Result {
			a := f.Audit
			switch {
			case a == nil || a.FileAccess == "":
				return check.UnknownR(f, "%s %s's audit log configuration was not reported", f.TypeName(), f.ID)
			case a.FileAccess == "DISABLED":
				return check.FailR(f, "%s %s does not audit file and folder access (file access audit log level DISABLED)", f.TypeName(), f.ID)
			case a.Destination == "":
				return check.FailR(f, "%s %s audits file access (%s) but names no log destination", f.TypeName(), f.ID, a.FileAccess)
			}
			return check.PassR(f, "%s %s audits file and folder access (%s) to %s", f.TypeName(), f.ID, a.FileAccess, a.Destination)
		}),
	}
}

// fsxMultiAZ judges a file system's deployment type (FSx.3-5).
func fsxMultiAZ(f state.FSxFileSystem) check.Result {
	multi, reported := f.MultiAZ()
	switch {
	case !reported:
		return check.UnknownR(f, "%s %s's deployment type was not reported", f.TypeName(), f.ID)
	case multi:
		return check.PassR(f, "%s %s is deployed across two Availability Zones (%s)", f.TypeName(), f.ID, f.DeploymentType)
	}
	return check.FailR(f, "%s %s is deployed in one Availability Zone (%s)", f.TypeName(), f.ID, f.DeploymentType)
}

// missingTagCopies names what an OpenZFS file system does not copy its
// tags to.
func missingTagCopies(backups, volumes bool) string {
	switch {
	case !backups && !volumes:
		return "backups or volumes"
	case !backups:
		return "backups"
	}
	return "volumes"
}

// fsxCheck judges every listed FSx file system.
func fsxCheck(id string, judge func(state.FSxFileSystem) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "fsx", []state.Input{state.InputFSxFileSystems}, a.FSx.FileSystems, judge)
		},
	}
}

// fsxTypeCheck judges the file systems of one type; the others are not
// applicable.
func fsxTypeCheck(id, typ string, judge func(state.FSxFileSystem) check.Result) check.Check {
	return fsxCheck(id, func(f state.FSxFileSystem) check.Result {
		if f.Type != typ {
			return check.NotApplicableR(f, "%s %s is not an %s file system", f.TypeName(), f.ID, state.FSxFileSystem{Type: typ}.TypeName())
		}
		return judge(f)
	})
}
