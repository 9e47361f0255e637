package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/fsx"
	fsxtypes "github.com/aws/aws-sdk-go-v2/service/fsx/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// fsx reads a region's Amazon FSx file systems of all four types in one
// paginated listing (svc-fsx): DescribeFileSystems carries the deployment
// type, the KMS key, automatic backups, the copy-tags flags, Windows audit
// logging and Lustre's S3 data repository, so nothing is read per item.
func (c *collector) fsx(ctx context.Context, region string) {
	cl := fsx.NewFromConfig(c.cfg, func(o *fsx.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("fsx", region))
	})
	var fss []state.FSxFileSystem
	err := c.do(ctx, "fsx", "DescribeFileSystems", region, "", nil, func(ctx context.Context) error {
		params := fsx.DescribeFileSystemsInput{MaxResults: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeFileSystems(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, x := range page.FileSystems {
				fss = append(fss, fsxFileSystem(x, region))
			}
			return page.NextToken, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.FSx.FileSystems = append(a.FSx.FileSystems, fss...) })
	}
}

// fsxFileSystem keeps what the checks and the data map read of x.
func fsxFileSystem(x fsxtypes.FileSystem, region string) state.FSxFileSystem {
	tags := tagMap(x.Tags, func(t fsxtypes.Tag) (*string, *string) { return t.Key, t.Value })
	f := state.FSxFileSystem{Meta: meta(str(x.ResourceARN), region, tags), ID: str(x.FileSystemId), Type: string(x.FileSystemType),
		Lifecycle: string(x.Lifecycle), StorageType: string(x.StorageType), KMSKeyID: str(x.KmsKeyId), VPCID: str(x.VpcId),
		SubnetIDs: x.SubnetIds, NetworkInterfaceIDs: x.NetworkInterfaceIds}
	days := func(n *int32) *int {
		if n == nil {
			return nil
		}
		v := int(*n)
		return &v
	}
	switch {
	case x.WindowsConfiguration != nil:
		w := x.WindowsConfiguration
		f.DeploymentType, f.AutomaticBackupRetentionDays, f.CopyTagsToBackups = string(w.DeploymentType), days(w.AutomaticBackupRetentionDays), w.CopyTagsToBackups
		if l := w.AuditLogConfiguration; l != nil {
			f.Audit = &state.FSxAuditLog{FileAccess: string(l.FileAccessAuditLogLevel), FileShareAccess: string(l.FileShareAccessAuditLogLevel),
				Destination: str(l.AuditLogDestination)}
		}
	case x.LustreConfiguration != nil:
		l := x.LustreConfiguration
		f.DeploymentType, f.AutomaticBackupRetentionDays, f.CopyTagsToBackups = string(l.DeploymentType), days(l.AutomaticBackupRetentionDays), l.CopyTagsToBackups
		if r := l.DataRepositoryConfiguration; r != nil {
			f.ImportPath, f.ExportPath = str(r.ImportPath), str(r.ExportPath)
		}
	case x.OntapConfiguration != nil:
		o := x.OntapConfiguration
		f.DeploymentType, f.AutomaticBackupRetentionDays = string(o.DeploymentType), days(o.AutomaticBackupRetentionDays)
	case x.OpenZFSConfiguration != nil:
		z := x.OpenZFSConfiguration
		f.DeploymentType, f.AutomaticBackupRetentionDays = string(z.DeploymentType), days(z.AutomaticBackupRetentionDays)
		f.CopyTagsToBackups, f.CopyTagsToVolumes = z.CopyTagsToBackups, z.CopyTagsToVolumes
	}
	return f
}
