package state

// EFS holds the Elastic File System resources of every scanned region.
//
// Gaps use the service prefix elasticfilesystem: DescribeFileSystems hides
// a region's file systems; DescribeBackupPolicy and DescribeFileSystemPolicy
// are recorded per file system ARN; DescribeAccessPoints and
// DescribeMountTargets hide a region's access points and mount targets.
type EFS struct {
	FileSystems  []FileSystem     `json:"file_systems,omitempty"`
	AccessPoints []EFSAccessPoint `json:"access_points,omitempty"`
	MountTargets []EFSMountTarget `json:"mount_targets,omitempty"`
}

// FileSystem is an EFS file system.
type FileSystem struct {
	Meta
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	// LifeCycleState is available, creating, deleting, ...
	LifeCycleState string `json:"life_cycle_state,omitempty"`
	// Encrypted is fixed at creation: an unencrypted file system cannot be encrypted later.
	Encrypted bool   `json:"encrypted"`
	KMSKeyID  string `json:"kms_key_id,omitempty"`
	// BackupPolicy is ENABLED, ENABLING, DISABLED or DISABLING (EFS automatic backups).
	BackupPolicy string `json:"backup_policy,omitempty"`
	// Policy is the file system policy, empty when none (then any client
	// that can reach a mount target and has IAM permissions may mount).
	Policy string `json:"policy,omitempty"`
	// ReplicationDestinations are the regions of replica file systems.
	ReplicationDestinations []string `json:"replication_destinations,omitempty"`
}

// EFSAccessPoint is an application entry point into a file system.
type EFSAccessPoint struct {
	Meta
	ID           string `json:"id"`
	FileSystemID string `json:"file_system_id"`
	// RootDirectory is the path clients are confined to; "" or "/" means the file system root.
	RootDirectory string `json:"root_directory,omitempty"`
	// PosixUser is the identity every request through the access point is
	// forced to; nil when clients keep their own UID/GID.
	PosixUser *PosixUser `json:"posix_user,omitempty"`
}

// PosixUser is an enforced POSIX identity.
type PosixUser struct {
	UID int64 `json:"uid"`
	GID int64 `json:"gid"`
}

// EFSMountTarget is a file system's network endpoint in one subnet.
type EFSMountTarget struct {
	ID           string `json:"id"`
	Region       string `json:"region"`
	FileSystemID string `json:"file_system_id"`
	SubnetID     string `json:"subnet_id"`
	IPAddress    string `json:"ip_address,omitempty"`
}
