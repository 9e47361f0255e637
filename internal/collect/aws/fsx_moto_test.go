package aws

import (
	"context"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/fsx"
	fsxtypes "github.com/aws/aws-sdk-go-v2/service/fsx/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// buildFSx creates one FSx file system of each type in the region's
// subnet (svc-fsx): Multi-AZ, backed up for 7 days, tags copied and
// Windows file access audited when secure; otherwise single-AZ, no
// automatic backups, no tags copied and auditing off. This moto echoes the
// create configuration back in DescribeFileSystems.
func buildFSx(ctx context.Context, cfg sdk.Config, region, subnet string, secure bool) {
	c := fsx.NewFromConfig(cfg)
	days, copyTags := int32(0), false
	winDeploy, ontapDeploy, zfsDeploy, lustreDeploy := fsxtypes.WindowsDeploymentTypeSingleAz2, fsxtypes.OntapDeploymentTypeSingleAz1,
		fsxtypes.OpenZFSDeploymentTypeSingleAz1, fsxtypes.LustreDeploymentTypeScratch2
	audit := fsxtypes.WindowsAccessAuditLogLevelDisabled
	if secure {
		days, copyTags = 7, true
		winDeploy, ontapDeploy, zfsDeploy, lustreDeploy = fsxtypes.WindowsDeploymentTypeMultiAz1, fsxtypes.OntapDeploymentTypeMultiAz1,
			fsxtypes.OpenZFSDeploymentTypeMultiAz1, fsxtypes.LustreDeploymentTypePersistent2
		audit = fsxtypes.WindowsAccessAuditLogLevelSuccessAndFailure
	}
	create := func(name string, t fsxtypes.FileSystemType, set func(in *fsx.CreateFileSystemInput)) {
		in := &fsx.CreateFileSystemInput{FileSystemType: t, StorageCapacity: sdk.Int32(1200), SubnetIds: []string{subnet},
			KmsKeyId: sdk.String("arn:aws:kms:" + region + ":" + motoAccount + ":key/fsx-" + name),
			Tags:     []fsxtypes.Tag{{Key: sdk.String("Name"), Value: sdk.String(name)}}}
		set(in)
		must(c.CreateFileSystem(ctx, in))
	}
	create("windows", fsxtypes.FileSystemTypeWindows, func(in *fsx.CreateFileSystemInput) {
		in.WindowsConfiguration = &fsxtypes.CreateFileSystemWindowsConfiguration{ThroughputCapacity: sdk.Int32(32), DeploymentType: winDeploy,
			AutomaticBackupRetentionDays: sdk.Int32(days), CopyTagsToBackups: sdk.Bool(copyTags),
			AuditLogConfiguration: &fsxtypes.WindowsAuditLogCreateConfiguration{FileAccessAuditLogLevel: audit, FileShareAccessAuditLogLevel: audit}}
	})
	create("lustre", fsxtypes.FileSystemTypeLustre, func(in *fsx.CreateFileSystemInput) {
		in.LustreConfiguration = &fsxtypes.CreateFileSystemLustreConfiguration{DeploymentType: lustreDeploy,
			AutomaticBackupRetentionDays: sdk.Int32(days), CopyTagsToBackups: sdk.Bool(copyTags)}
	})
	create("ontap", fsxtypes.FileSystemTypeOntap, func(in *fsx.CreateFileSystemInput) {
		in.OntapConfiguration = &fsxtypes.CreateFileSystemOntapConfiguration{DeploymentType: ontapDeploy, ThroughputCapacity: sdk.Int32(128),
			AutomaticBackupRetentionDays: sdk.Int32(days)}
	})
	create("openzfs", fsxtypes.FileSystemTypeOpenzfs, func(in *fsx.CreateFileSystemInput) {
		in.OpenZFSConfiguration = &fsxtypes.CreateFileSystemOpenZFSConfiguration{DeploymentType: zfsDeploy, ThroughputCapacity: sdk.Int32(160),
			AutomaticBackupRetentionDays: sdk.Int32(days), CopyTagsToBackups: sdk.Bool(copyTags), CopyTagsToVolumes: sdk.Bool(copyTags)}
	})
}

// TestMotoFSx: every region's four file systems are listed with the type,
// deployment, key, backup retention, copy-tags flags and Windows audit
// levels the checks judge.
func TestMotoFSx(t *testing.T) {
	_, res := collected(t)
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		byName := map[string]state.FSxFileSystem{}
		for _, f := range res.Account.FSx.FileSystems {
			if f.Region == r {
				byName[f.Tags["Name"]] = f
			}
		}
		for _, tc := range []struct {
			name, typ      string
			deploy         [2]string // secure, not
			multi, tagsSet bool
		}{
			{"windows", state.FSxWindows, [2]string{"MULTI_AZ_1", "SINGLE_AZ_2"}, true, true},
			{"lustre", state.FSxLustre, [2]string{"PERSISTENT_2", "SCRATCH_2"}, false, true},
			{"ontap", state.FSxONTAP, [2]string{"MULTI_AZ_1", "SINGLE_AZ_1"}, true, false},
			{"openzfs", state.FSxOpenZFS, [2]string{"MULTI_AZ_1", "SINGLE_AZ_1"}, true, true},
		} {
			t.Run(r+"/"+tc.name, func(t *testing.T) {
				f, ok := byName[tc.name]
				if !ok {
					t.Fatalf("file system %s not collected in %s", tc.name, r)
				}
				eq(t, "arn", f.ARN, "arn:aws:fsx:"+r+":"+motoAccount+":file-system/"+f.ID)
				eq(t, "type", f.Type, tc.typ)
				eq(t, "key", f.KMSKeyID, "arn:aws:kms:"+r+":"+motoAccount+":key/fsx-"+tc.name)
				want := tc.deploy[1]
				if secure {
					want = tc.deploy[0]
				}
				eq(t, "deployment", f.DeploymentType, want)
				multi, reported := f.MultiAZ()
				eq(t, "multi-AZ", multi, secure && tc.multi)
				eq(t, "reported", reported, true)
				if f.AutomaticBackupRetentionDays == nil {
					t.Fatal("backup retention not collected")
				}
				eq(t, "retention", *f.AutomaticBackupRetentionDays, map[bool]int{true: 7, false: 0}[secure])
				if tc.tagsSet {
					if f.CopyTagsToBackups == nil {
						t.Fatal("copy tags to backups not collected")
					}
					eq(t, "copy tags", *f.CopyTagsToBackups, secure)
				}
				if tc.typ == state.FSxOpenZFS {
					if f.CopyTagsToVolumes == nil {
						t.Fatal("copy tags to volumes not collected")
					}
					eq(t, "copy tags to volumes", *f.CopyTagsToVolumes, secure)
				}
				if tc.typ == state.FSxWindows {
					if f.Audit == nil {
						t.Fatal("audit log configuration not collected")
					}
					eq(t, "file access audit", f.Audit.FileAccess, map[bool]string{true: "SUCCESS_AND_FAILURE", false: "DISABLED"}[secure])
				}
			})
		}
	}
}
