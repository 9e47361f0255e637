package state

import "strings"

// FSx holds the Amazon FSx file systems of every scanned region (svc-fsx):
// Windows File Server, Lustre, NetApp ONTAP and OpenZFS.
//
// Gaps use the service prefix fsx: DescribeFileSystems hides a region's
// file systems. The listing carries every setting the checks judge
// (deployment type, automatic backups, copy-tags flags, audit logging,
// the KMS key); nothing is read per item.
type FSx struct {
	FileSystems []FSxFileSystem `json:"file_systems,omitempty"`
}

// The FSx file-system types, as FileSystemType names them.
const (
	FSxWindows = "WINDOWS"
	FSxLustre  = "LUSTRE"
	FSxONTAP   = "ONTAP"
	FSxOpenZFS = "OPENZFS"
)

// FSxFileSystem is one Amazon FSx file system. Settings that belong to
// one file-system type are left empty (nil) on the others; a pointer that
// is nil on its own type means the listing did not report it.
type FSxFileSystem struct {
	Meta
	ID string `json:"id"`
	// Type is WINDOWS, LUSTRE, ONTAP or OPENZFS.
	Type      string `json:"type"`
	Lifecycle string `json:"lifecycle,omitempty"`
	// DeploymentType is the type's deployment: MULTI_AZ_1, SINGLE_AZ_1,
	// SINGLE_AZ_2 (Windows, ONTAP, OpenZFS; ONTAP and OpenZFS add
	// MULTI_AZ_2 and SINGLE_AZ_HA_*), SCRATCH_1, SCRATCH_2, PERSISTENT_1,
	// PERSISTENT_2 (Lustre).
	DeploymentType string `json:"deployment_type,omitempty"`
	StorageType    string `json:"storage_type,omitempty"`
	// KMSKeyID is the key encrypting the file system's data at rest. FSx
	// always encrypts; Lustre scratch file systems (and any that report
	// none) use a key FSx owns.
	KMSKeyID  string   `json:"kms_key_id,omitempty"`
	VPCID     string   `json:"vpc_id,omitempty"`
	SubnetIDs []string `json:"subnet_ids,omitempty"`
	// NetworkInterfaceIDs are the file system's elastic network
	// interfaces: their security groups decide who reaches it.
	NetworkInterfaceIDs []string `json:"network_interface_ids,omitempty"`
	// AutomaticBackupRetentionDays is the automatic daily backups'
	// retention (0 = off); nil when not reported.
	AutomaticBackupRetentionDays *int `json:"automatic_backup_retention_days,omitempty"`
	// CopyTagsToBackups (Windows, Lustre, OpenZFS) and CopyTagsToVolumes
	// (OpenZFS); nil when not reported.
	CopyTagsToBackups *bool `json:"copy_tags_to_backups,omitempty"`
	CopyTagsToVolumes *bool `json:"copy_tags_to_volumes,omitempty"`
	// Audit is a Windows file system's audit log configuration; nil when
	// not reported.
	Audit *FSxAuditLog `json:"audit,omitempty"`
	// ImportPath and ExportPath are a Lustre file system's linked S3 data
	// repository (s3://bucket/prefix), empty when none.
	ImportPath string `json:"import_path,omitempty"`
	ExportPath string `json:"export_path,omitempty"`
}

// FSxAuditLog is a Windows file system's audit log configuration:
// file and folder access auditing and file share access auditing, each
// DISABLED, SUCCESS_ONLY, FAILURE_ONLY or SUCCESS_AND_FAILURE, and where
// the events go (a CloudWatch Logs log group or Firehose stream ARN).
type FSxAuditLog struct {
	FileAccess      string `json:"file_access,omitempty"`
	FileShareAccess string `json:"file_share_access,omitempty"`
	Destination     string `json:"destination,omitempty"`
}

// MultiAZ reports whether the file system's deployment spans two
// Availability Zones, and whether its deployment type was reported.
func (f FSxFileSystem) MultiAZ() (multi, reported bool) {
	return strings.HasPrefix(f.DeploymentType, "MULTI_AZ"), f.DeploymentType != ""
}

// Scratch reports whether f is a Lustre scratch file system: temporary
// storage with no replication and no backups.
func (f FSxFileSystem) Scratch() bool {
	return f.Type == FSxLustre && strings.HasPrefix(f.DeploymentType, "SCRATCH")
}

// TypeName is the file-system type as AWS names the product.
func (f FSxFileSystem) TypeName() string {
	switch f.Type {
	case FSxWindows:
		return "FSx for Windows File Server"
	case FSxLustre:
		return "FSx for Lustre"
	case FSxONTAP:
		return "FSx for NetApp ONTAP"
	case FSxOpenZFS:
		return "FSx for OpenZFS"
	}
	return "FSx (" + f.Type + ")"
}
