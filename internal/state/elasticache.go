package state

// ElastiCache holds the ElastiCache replication groups and cache clusters
// of every scanned region.
//
// Gaps: DescribeReplicationGroups hides a region's replication groups
// (encryption, AUTH, failover, snapshot retention); DescribeCacheClusters
// hides its cache clusters (engine, version, minor upgrades, subnet group)
// and the standalone clusters outside any replication group.
type ElastiCache struct {
	ReplicationGroups []CacheReplicationGroup `json:"replication_groups,omitempty"`
	Clusters          []CacheCluster          `json:"clusters,omitempty"`
}

// CacheReplicationGroup is an ElastiCache (Redis OSS or Valkey)
// replication group: a primary and its replicas, or the shards of a
// cluster-mode group.
type CacheReplicationGroup struct {
	Meta
	ID string `json:"id"`
	// Engine is redis or valkey (empty when the answer did not say).
	Engine string `json:"engine,omitempty"`
	// TransitEncryption is TLS between clients and nodes;
	// TransitEncryptionMode is preferred (TLS and plain text accepted) or
	// required.
	TransitEncryption     bool   `json:"transit_encryption"`
	TransitEncryptionMode string `json:"transit_encryption_mode,omitempty"`
	// AtRestEncryption is disk and snapshot encryption; KMSKeyID the
	// customer's key (empty: a key ElastiCache owns).
	AtRestEncryption bool   `json:"at_rest_encryption"`
	KMSKeyID         string `json:"kms_key_id,omitempty"`
	// AuthTokenEnabled is Redis AUTH; UserGroupIDs the RBAC user groups.
	AuthTokenEnabled bool     `json:"auth_token_enabled,omitempty"`
	UserGroupIDs     []string `json:"user_group_ids,omitempty"`
	// AutomaticFailover is enabled, disabled, enabling or disabling.
	AutomaticFailover string `json:"automatic_failover,omitempty"`
	MultiAZ           string `json:"multi_az,omitempty"`
	// SnapshotRetentionDays is how long automatic snapshots are kept (0:
	// no automatic backups).
	SnapshotRetentionDays int `json:"snapshot_retention_days"`
	// Members are the IDs of the group's cache clusters (nodes).
	Members []string `json:"members,omitempty"`
	// GlobalGroupID names the global datastore the group belongs to and
	// GlobalRole its role there (primary or secondary).
	GlobalGroupID string `json:"global_group_id,omitempty"`
	GlobalRole    string `json:"global_role,omitempty"`
}

// CacheCluster is an ElastiCache cache cluster: a node of a replication
// group, a standalone Redis OSS/Valkey node or a Memcached cluster.
type CacheCluster struct {
	Meta
	ID string `json:"id"`
	// Engine is redis, valkey or memcached; EngineVersion its version.
	Engine        string `json:"engine"`
	EngineVersion string `json:"engine_version,omitempty"`
	// ReplicationGroupID is the group the node belongs to (empty for a
	// standalone cluster).
	ReplicationGroupID      string `json:"replication_group_id,omitempty"`
	AutoMinorVersionUpgrade bool   `json:"auto_minor_version_upgrade"`
	// SubnetGroup is the cache subnet group ("default" is the one
	// ElastiCache creates in the default VPC).
	SubnetGroup           string `json:"subnet_group,omitempty"`
	SnapshotRetentionDays int    `json:"snapshot_retention_days"`
	TransitEncryption     bool   `json:"transit_encryption"`
	AtRestEncryption      bool   `json:"at_rest_encryption"`
	AuthTokenEnabled      bool   `json:"auth_token_enabled,omitempty"`
}

// Standalone reports whether the cluster belongs to no replication group:
// then it is a store of its own.
func (c CacheCluster) Standalone() bool { return c.ReplicationGroupID == "" }

// Redis reports whether the cluster runs Redis OSS or Valkey (not
// Memcached).
func (c CacheCluster) Redis() bool { return c.Engine == "redis" || c.Engine == "valkey" }
