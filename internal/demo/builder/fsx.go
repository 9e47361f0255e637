package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// fsx adds Alpenglow's Amazon FSx file systems (svc-fsx), one of each type
// that meets its duties in Frankfurt and one that does not elsewhere:
//   - Windows: the finance shares (Multi-AZ, 30 days of backups, file
//     access audited to CloudWatch Logs) and the Dublin branch office's
//     shares (single-AZ, auditing off);
//   - OpenZFS: the ML feature store (Multi-AZ, tags copied) and the render
//     cache in N. Virginia (single-AZ HA, no volume tags, backups off);
//   - ONTAP: the SAP data (Multi-AZ) and the agency's NAS (single-AZ);
//   - Lustre: the genomics file system (persistent, tags copied, importing
//     from the data lake) and a simulation scratch file system in N.
//     Virginia that exports results to the ML models bucket in Dublin and
//     keeps no backups.
//
// aws/fsx keys are added where a file system names one.
func (x *b) fsx() {
	fra, dub, iad := "eu-central-1", "eu-west-1", "us-east-1"
	awsKey := func(r string) string { return x.arn("kms", r, "key/aaaafsx-"+r) }
	yes, no := true, false
	keep := func(n int) *int { return &n }
	fs := func(region, id, name, class, typ, deploy, key string, backups *int, mut func(*state.FSxFileSystem)) {
		f := state.FSxFileSystem{Meta: state.Meta{ARN: x.arn("fsx", region, "file-system/"+id), Region: region,
			Tags: tags("Name", name, "data-classification", class)}, ID: id, Type: typ, Lifecycle: "AVAILABLE", DeploymentType: deploy,
			StorageType: "SSD", KMSKeyID: key, AutomaticBackupRetentionDays: backups, VPCID: "vpc-0a1f0000prod" + region[len(region)-1:],
			NetworkInterfaceIDs: []string{"eni-" + id[3:]}}
		if mut != nil {
			mut(&f)
		}
		x.a.FSx.FileSystems = append(x.a.FSx.FileSystems, f)
	}
	fs(fra, "fs-0f5x0finance01", "finance-shares", "confidential", state.FSxWindows, "MULTI_AZ_1", x.datalakeKey(fra), keep(30), func(f *state.FSxFileSystem) {
		f.CopyTagsToBackups = &yes
		f.Audit = &state.FSxAuditLog{FileAccess: "SUCCESS_AND_FAILURE", FileShareAccess: "SUCCESS_AND_FAILURE",
			Destination: x.arn("logs", fra, "log-group:/aws/fsx/windows-finance")}
	})
	fs(dub, "fs-0f5x0branch001", "branch-office-shares", "internal", state.FSxWindows, "SINGLE_AZ_2", awsKey(dub), keep(7), func(f *state.FSxFileSystem) {
		f.CopyTagsToBackups = &no
		f.Audit = &state.FSxAuditLog{FileAccess: "DISABLED", FileShareAccess: "DISABLED"}
	})
	fs(fra, "fs-0f5x0features1", "ml-feature-store", "confidential", state.FSxOpenZFS, "MULTI_AZ_1", x.datalakeKey(fra), keep(14), func(f *state.FSxFileSystem) {
		f.CopyTagsToBackups, f.CopyTagsToVolumes = &yes, &yes
	})
	fs(iad, "fs-0f5x0render01", "render-cache", "internal", state.FSxOpenZFS, "SINGLE_AZ_HA_2", awsKey(iad), keep(0), func(f *state.FSxFileSystem) {
		f.CopyTagsToBackups, f.CopyTagsToVolumes = &yes, &no
	})
	fs(fra, "fs-0f5x0sapdata1", "sap-data", "confidential", state.FSxONTAP, "MULTI_AZ_2", x.datalakeKey(fra), keep(30), nil)
	fs(iad, "fs-0f5x0agencynas", "agency-nas", "internal", state.FSxONTAP, "SINGLE_AZ_1", awsKey(iad), keep(7), nil)
	fs(fra, "fs-0f5x0genomics", "genomics-hpc", "confidential", state.FSxLustre, "PERSISTENT_2", x.datalakeKey(fra), keep(7), func(f *state.FSxFileSystem) {
		f.CopyTagsToBackups, f.ImportPath = &yes, "s3://alpenglow-datalake-raw/genomics"
	})
	fs(iad, "fs-0f5x0simscratch", "sim-scratch", "internal", state.FSxLustre, "SCRATCH_2", "", keep(0), func(f *state.FSxFileSystem) {
		f.CopyTagsToBackups, f.ImportPath, f.ExportPath = &no, "s3://alpenglow-ml-models/sim-input", "s3://alpenglow-ml-models/sim-results"
	})
	for _, r := range []string{dub, iad} {
		id := "aaaafsx-" + r
		x.a.KMS.Keys = append(x.a.KMS.Keys, state.Key{Meta: state.Meta{ARN: x.arn("kms", r, "key/"+id), Region: r}, ID: id, Aliases: []string{"alias/aws/fsx"},
			Manager: "AWS", Origin: "AWS_KMS", State: "Enabled", Usage: "ENCRYPT_DECRYPT", Spec: "SYMMETRIC_DEFAULT", CreationDate: days(900), RotationEnabled: true})
	}
}
