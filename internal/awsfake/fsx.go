package awsfake

import (
	"github.com/aws/aws-sdk-go-v2/service/fsx"
	fsxtypes "github.com/aws/aws-sdk-go-v2/service/fsx/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- Amazon FSx (awsJson1.1, X-Amz-Target AWSSimbaAPIService_v20180301.*,
// signing name fsx; bodies from the SDK's own output types and schema
// serializers) ---- svc-fsx

func (s *Server) fsxService() *service {
	return &service{name: "fsx", proto: protoJSON, ops: map[string]handler{
		"DescribeFileSystems": fsxDescribeFileSystems,
	}}
}

// fsxPageMax stands for the service's internal maximum page size, which
// AWS does not publish: a larger MaxResults is not an error, FSx answers
// "the minimum of the MaxResults parameter ... and the service's internal
// maximum number of items per page" (DescribeFileSystems API reference).
const fsxPageMax = 1000

// fsxDescribeFileSystems pages with MaxResults (at least 1) and NextToken;
// FileSystemIds narrows the answer, and an ID that matches none is
// FileSystemNotFound, as AWS answers.
func fsxDescribeFileSystems(c *call) (*reply, error) {
	fss := c.s.idx.fsxFileSystems[c.region]
	if ids := c.strs("FileSystemIds"); len(ids) > 0 {
		var picked []*state.FSxFileSystem
		for _, id := range ids {
			found := false
			for _, f := range fss {
				if f.ID == id {
					picked, found = append(picked, f), true
				}
			}
			if !found {
				return nil, errf(400, "FileSystemNotFound", "File system '%s' does not exist.", id)
			}
		}
		fss = picked
	}
	mx, err := c.num("MaxResults", fsxPageMax)
	if err != nil {
		return nil, err
	}
	if mx < 1 {
		return nil, errf(400, "BadRequest", "1 validation error detected: Value '%d' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1", mx)
	}
	start, end, next, err := page(c.action, len(fss), c.str("NextToken"), min(mx, fsxPageMax), fsxPageMax, fsxPageMax)
	if err != nil {
		return nil, err
	}
	out := &fsx.DescribeFileSystemsOutput{FileSystems: make([]fsxtypes.FileSystem, 0, end-start), NextToken: sp(next)}
	for _, f := range fss[start:end] {
		out.FileSystems = append(out.FileSystems, fsxFileSystem(f))
	}
	return c.jsonReply(out), nil
}

// fsxFileSystem is what DescribeFileSystems answers for f.
func fsxFileSystem(f *state.FSxFileSystem) fsxtypes.FileSystem {
	x := fsxtypes.FileSystem{FileSystemId: p(f.ID), FileSystemType: fsxtypes.FileSystemType(f.Type), ResourceARN: p(f.ARN),
		OwnerId: p(arnAccount(f.ARN)), Lifecycle: fsxtypes.FileSystemLifecycle(orDefault(f.Lifecycle, "AVAILABLE")),
		StorageType: fsxtypes.StorageType(orDefault(f.StorageType, "SSD")), StorageCapacity: p(int32(1200)), KmsKeyId: sp(f.KMSKeyID),
		VpcId: sp(f.VPCID), SubnetIds: f.SubnetIDs, NetworkInterfaceIds: f.NetworkInterfaceIDs,
		DNSName: p(f.ID + ".fsx." + f.Region + ".amazonaws.com")}
	for _, k := range sortedKeys(f.Tags) {
		x.Tags = append(x.Tags, fsxtypes.Tag{Key: p(k), Value: p(f.Tags[k])})
	}
	var days *int32
	if f.AutomaticBackupRetentionDays != nil {
		days = p(int32(*f.AutomaticBackupRetentionDays))
	}
	switch f.Type {
	case state.FSxWindows:
		w := &fsxtypes.WindowsFileSystemConfiguration{DeploymentType: fsxtypes.WindowsDeploymentType(f.DeploymentType),
			AutomaticBackupRetentionDays: days, CopyTagsToBackups: f.CopyTagsToBackups, ThroughputCapacity: p(int32(32))}
		if a := f.Audit; a != nil {
			w.AuditLogConfiguration = &fsxtypes.WindowsAuditLogConfiguration{FileAccessAuditLogLevel: fsxtypes.WindowsAccessAuditLogLevel(a.FileAccess),
				FileShareAccessAuditLogLevel: fsxtypes.WindowsAccessAuditLogLevel(a.FileShareAccess), AuditLogDestination: sp(a.Destination)}
		}
		x.WindowsConfiguration = w
	case state.FSxLustre:
		l := &fsxtypes.LustreFileSystemConfiguration{DeploymentType: fsxtypes.LustreDeploymentType(f.DeploymentType),
			AutomaticBackupRetentionDays: days, CopyTagsToBackups: f.CopyTagsToBackups, MountName: p("fsx")}
		if f.ImportPath != "" || f.ExportPath != "" {
			l.DataRepositoryConfiguration = &fsxtypes.DataRepositoryConfiguration{ImportPath: sp(f.ImportPath), ExportPath: sp(f.ExportPath),
				Lifecycle: fsxtypes.DataRepositoryLifecycleAvailable}
		}
		x.LustreConfiguration = l
	case state.FSxONTAP:
		x.OntapConfiguration = &fsxtypes.OntapFileSystemConfiguration{DeploymentType: fsxtypes.OntapDeploymentType(f.DeploymentType),
			AutomaticBackupRetentionDays: days, ThroughputCapacity: p(int32(128))}
	case state.FSxOpenZFS:
		x.OpenZFSConfiguration = &fsxtypes.OpenZFSFileSystemConfiguration{DeploymentType: fsxtypes.OpenZFSDeploymentType(f.DeploymentType),
			AutomaticBackupRetentionDays: days, CopyTagsToBackups: f.CopyTagsToBackups, CopyTagsToVolumes: f.CopyTagsToVolumes,
			RootVolumeId: p("fsvol-" + f.ID)}
	}
	return x
}
