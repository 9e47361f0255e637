package state

import "time"

// RDS holds relational database resources of every scanned region.
type RDS struct {
	Instances       []DBInstance     `json:"instances,omitempty"`
	Clusters        []DBCluster      `json:"clusters,omitempty"`
	Snapshots       []DBSnapshot     `json:"snapshots,omitempty"`
	ParameterGroups []ParameterGroup `json:"parameter_groups,omitempty"`
	// PendingMaintenance lists pending maintenance actions per resource ARN.
	PendingMaintenance []PendingMaintenance `json:"pending_maintenance,omitempty"`
	EventSubscriptions []EventSubscription  `json:"event_subscriptions,omitempty"`
	// Proxies are the region's RDS Proxy endpoints (svc-gaps: RDS.43).
	Proxies []DBProxy `json:"proxies,omitempty"`
}

// DBInstance is an RDS DB instance.
type DBInstance struct {
	Meta
	ID                         string   `json:"id"`
	Engine                     string   `json:"engine"`
	EngineVersion              string   `json:"engine_version"`
	Class                      string   `json:"class,omitempty"`
	Status                     string   `json:"status,omitempty"`
	ClusterID                  string   `json:"cluster_id,omitempty"`
	PubliclyAccessible         bool     `json:"publicly_accessible"`
	StorageEncrypted           bool     `json:"storage_encrypted"`
	KMSKeyID                   string   `json:"kms_key_id,omitempty"`
	BackupRetentionDays        int      `json:"backup_retention_days"`
	MultiAZ                    bool     `json:"multi_az"`
	DeletionProtection         bool     `json:"deletion_protection"`
	AutoMinorVersionUpgrade    bool     `json:"auto_minor_version_upgrade"`
	IAMAuth                    bool     `json:"iam_auth"`
	PreferredMaintenanceWindow string   `json:"preferred_maintenance_window,omitempty"`
	ParameterGroups            []string `json:"parameter_groups,omitempty"`
	SecurityGroups             []string `json:"security_groups,omitempty"`
	SubnetGroup                string   `json:"subnet_group,omitempty"`
	VPCID                      string   `json:"vpc_id,omitempty"`
	Port                       int      `json:"port,omitempty"`
	EnabledLogs                []string `json:"enabled_logs,omitempty"`
	EnhancedMonitoring         bool     `json:"enhanced_monitoring,omitempty"`
	CopyTagsToSnapshot         bool     `json:"copy_tags_to_snapshot,omitempty"`
	MasterUsername             string   `json:"master_username,omitempty"`
	CACertificate              string   `json:"ca_certificate,omitempty"`
	// ReadReplicaSource is the source instance ARN for a read replica (possibly in another region).
	ReadReplicaSource string `json:"read_replica_source,omitempty"`
	// ReadReplicas are the ARNs of this instance's read replicas (any region).
	ReadReplicas []string `json:"read_replicas,omitempty"`
	// SubnetIDs are the subnets of the instance's DB subnet group.
	SubnetIDs []string `json:"subnet_ids,omitempty"`
	// ReplicatedBackupRegions lists regions holding replicated automated backups.
	ReplicatedBackupRegions []string `json:"replicated_backup_regions,omitempty"`
}

// DBCluster is an Aurora (or Multi-AZ) DB cluster.
type DBCluster struct {
	Meta
	ID                      string   `json:"id"`
	Engine                  string   `json:"engine"`
	EngineVersion           string   `json:"engine_version"`
	EngineMode              string   `json:"engine_mode,omitempty"`
	StorageEncrypted        bool     `json:"storage_encrypted"`
	KMSKeyID                string   `json:"kms_key_id,omitempty"`
	BackupRetentionDays     int      `json:"backup_retention_days"`
	DeletionProtection      bool     `json:"deletion_protection"`
	IAMAuth                 bool     `json:"iam_auth"`
	MultiAZ                 bool     `json:"multi_az"`
	ParameterGroup          string   `json:"parameter_group,omitempty"`
	Members                 []string `json:"members,omitempty"`
	EnabledLogs             []string `json:"enabled_logs,omitempty"`
	AutoMinorVersionUpgrade bool     `json:"auto_minor_version_upgrade,omitempty"`
	CopyTagsToSnapshot      bool     `json:"copy_tags_to_snapshot,omitempty"`
	// GlobalClusterRegions lists the regions of a global database's other members.
	GlobalClusterRegions []string `json:"global_cluster_regions,omitempty"`
	// GlobalClusterID names the Aurora global database the cluster is a member of.
	GlobalClusterID string `json:"global_cluster_id,omitempty"`
	// ReplicationSource is the source cluster's ARN when the cluster is a
	// (cross-region) read replica of another cluster.
	ReplicationSource string `json:"replication_source,omitempty"`
	// ReadReplicas are the ARNs of the cluster's read replica clusters.
	ReadReplicas       []string `json:"read_replicas,omitempty"`
	PubliclyAccessible bool     `json:"publicly_accessible,omitempty"`
	MasterUsername     string   `json:"master_username,omitempty"`
	// BacktrackWindow is the Aurora MySQL backtrack target window in
	// seconds; 0 when backtracking is off (or the engine has none).
	BacktrackWindow int64 `json:"backtrack_window,omitempty"`
}

// DBProxy is an RDS Proxy (svc-gaps: RDS.43).
type DBProxy struct {
	Meta
	Name         string `json:"name"`
	EngineFamily string `json:"engine_family,omitempty"`
	Status       string `json:"status,omitempty"`
	VPCID        string `json:"vpc_id,omitempty"`
	// RequireTLS is true when the proxy refuses connections without TLS.
	RequireTLS bool `json:"require_tls"`
}

// DBSnapshot is a manual DB or cluster snapshot owned by the account.
type DBSnapshot struct {
	Meta
	ID        string    `json:"id"`
	Cluster   bool      `json:"cluster"`
	SourceID  string    `json:"source_id"`
	Engine    string    `json:"engine,omitempty"`
	Encrypted bool      `json:"encrypted"`
	KMSKeyID  string    `json:"kms_key_id,omitempty"`
	Created   time.Time `json:"created"`
	// SharedWith lists the restore attribute's account IDs, or "all" when public.
	SharedWith   []string `json:"shared_with,omitempty"`
	SourceRegion string   `json:"source_region,omitempty"`
	Type         string   `json:"type,omitempty"` // manual, automated
}

// Public is true when anyone can restore the snapshot.
func (s DBSnapshot) Public() bool { return containsString(s.SharedWith, "all") }

// ParameterGroup is a DB (or cluster) parameter group with the parameters
// the checks read (only user-set or security-relevant values are kept).
type ParameterGroup struct {
	Meta
	Name       string            `json:"name"`
	Family     string            `json:"family"`
	Cluster    bool              `json:"cluster,omitempty"`
	Parameters map[string]string `json:"parameters,omitempty"`
}

// PendingMaintenance is a pending maintenance action on an RDS resource.
type PendingMaintenance struct {
	ResourceARN      string     `json:"resource_arn"`
	Action           string     `json:"action"`
	Description      string     `json:"description,omitempty"`
	AutoAppliedAfter *time.Time `json:"auto_applied_after,omitempty"`
	ForcedApplyDate  *time.Time `json:"forced_apply_date,omitempty"`
	CurrentApplyDate *time.Time `json:"current_apply_date,omitempty"`
}

// EventSubscription is an RDS event notification subscription.
type EventSubscription struct {
	Meta
	Name       string   `json:"name"`
	SourceType string   `json:"source_type,omitempty"`
	Categories []string `json:"categories,omitempty"`
	Enabled    bool     `json:"enabled"`
}

// Redshift holds Redshift clusters and their parameter groups.
type Redshift struct {
	Clusters        []RedshiftCluster `json:"clusters,omitempty"`
	ParameterGroups []ParameterGroup  `json:"parameter_groups,omitempty"`
}

// RedshiftCluster is a provisioned Redshift cluster.
type RedshiftCluster struct {
	Meta
	ID                         string   `json:"id"`
	NodeType                   string   `json:"node_type,omitempty"`
	PubliclyAccessible         bool     `json:"publicly_accessible"`
	Encrypted                  bool     `json:"encrypted"`
	KMSKeyID                   string   `json:"kms_key_id,omitempty"`
	EnhancedVPCRouting         bool     `json:"enhanced_vpc_routing"`
	AllowVersionUpgrade        bool     `json:"allow_version_upgrade"`
	AutomatedSnapshotRetention int      `json:"automated_snapshot_retention_days"`
	ParameterGroups            []string `json:"parameter_groups,omitempty"`
	LoggingEnabled             bool     `json:"logging_enabled"`
	MasterUsername             string   `json:"master_username,omitempty"`
	DBName                     string   `json:"db_name,omitempty"`
	Port                       int      `json:"port,omitempty"`
	VPCID                      string   `json:"vpc_id,omitempty"`
	SecurityGroups             []string `json:"security_groups,omitempty"`
	// CrossRegionSnapshotCopyRegion is the destination of automatic snapshot copies.
	CrossRegionSnapshotCopyRegion string `json:"cross_region_snapshot_copy_region,omitempty"`
	MaintenanceTrackName          string `json:"maintenance_track,omitempty"`
	// MultiAZ is true for an RA3 cluster deployed across two Availability Zones.
	MultiAZ bool `json:"multi_az,omitempty"`
}

// WorkSpaces holds virtual desktops, their directories and IP access groups.
type WorkSpaces struct {
	Workspaces  []Workspace          `json:"workspaces,omitempty"`
	Directories []WorkspaceDirectory `json:"directories,omitempty"`
	IPGroups    []WorkspaceIPGroup   `json:"ip_groups,omitempty"`
	Images      []WorkspaceImage     `json:"images,omitempty"`
}

// Workspace is one virtual desktop.
type Workspace struct {
	Meta
	ID                   string `json:"id"`
	DirectoryID          string `json:"directory_id"`
	UserName             string `json:"user_name,omitempty"`
	State                string `json:"state,omitempty"`
	BundleID             string `json:"bundle_id,omitempty"`
	RootVolumeEncryption bool   `json:"root_volume_encryption"`
	UserVolumeEncryption bool   `json:"user_volume_encryption"`
	VolumeEncryptionKey  string `json:"volume_encryption_key,omitempty"`
	RunningMode          string `json:"running_mode,omitempty"`
	// ImageID is the image of the WorkSpace's bundle as AWS names it now
	// (DescribeWorkspaceBundles); a WorkSpace launched before its bundle's
	// image changed runs the earlier image until it is rebuilt.
	ImageID string `json:"image_id,omitempty"`
}

// WorkspaceDirectory is a directory registered with WorkSpaces.
type WorkspaceDirectory struct {
	Meta
	ID       string   `json:"id"`
	Name     string   `json:"name,omitempty"`
	Type     string   `json:"type,omitempty"`
	IPGroups []string `json:"ip_groups,omitempty"`
	// MFAEnabled is true when RADIUS-based MFA is configured for the directory.
	MFAEnabled *bool `json:"mfa_enabled,omitempty"`
	// DefaultInternetAccess is true when new WorkSpaces get direct internet access.
	DefaultInternetAccess bool `json:"default_internet_access,omitempty"`
	// MaintenanceMode is true when automatic maintenance (patching) is on.
	MaintenanceMode bool `json:"maintenance_mode,omitempty"`
}

// WorkspaceIPGroup is an IP access control group.
type WorkspaceIPGroup struct {
	Meta
	ID    string   `json:"id"`
	Name  string   `json:"name,omitempty"`
	Rules []string `json:"rules,omitempty"` // CIDRs
}

// WorkspaceImage is a WorkSpaces image the account owns.
type WorkspaceImage struct {
	Meta
	ID              string `json:"id"`
	Name            string `json:"name,omitempty"`
	UpdateAvailable bool   `json:"update_available"`
	State           string `json:"state,omitempty"`
}
