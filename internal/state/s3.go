package state

import "time"

// S3 holds the account's buckets and account-level S3 settings.
type S3 struct {
	// AccountPublicAccessBlock is the account-level Block Public Access;
	// nil when none is configured.
	AccountPublicAccessBlock *PublicAccessBlock `json:"account_public_access_block,omitempty"`
	Buckets                  []Bucket           `json:"buckets,omitempty"`
	// AccessPoints are the account's S3 access points for general purpose
	// buckets, read region by region (an access point lives in its
	// bucket's region).
	AccessPoints []S3AccessPoint `json:"access_points,omitempty"`
	// MultiRegionAccessPoints are the account's S3 Multi-Region Access
	// Points, an account-level listing (AWS serves it from us-west-2 only).
	MultiRegionAccessPoints []S3MultiRegionAccessPoint `json:"multi_region_access_points,omitempty"`
}

// S3MultiRegionAccessPoint is one global endpoint that routes requests to
// buckets in several regions. Like an access point it has its own Block
// Public Access, chosen when it is created and never changed after; S3
// applies the strictest of it and the account's and buckets' settings.
type S3MultiRegionAccessPoint struct {
	// Meta's ARN is arn:PARTITION:s3::ACCOUNT:accesspoint/ALIAS (a
	// Multi-Region Access Point is global: its region is "").
	Meta
	Name string `json:"name"`
	// Alias is the name S3 generates (ending in .mrap) that clients and
	// the ARN use.
	Alias     string     `json:"alias"`
	CreatedAt *time.Time `json:"created_at,omitempty"`
	// Status is READY, CREATING, DELETING, INCONSISTENT_ACROSS_REGIONS,
	// PARTIALLY_CREATED or PARTIALLY_DELETED.
	Status string `json:"status,omitempty"`
	// Regions are the buckets it routes to.
	Regions []S3MultiRegionAccessPointRegion `json:"regions,omitempty"`
	// PublicAccessBlock is its own Block Public Access, read with the
	// listing; nil when the listing did not carry it.
	PublicAccessBlock *PublicAccessBlock `json:"public_access_block,omitempty"`
}

// S3MultiRegionAccessPointRegion is one bucket behind a Multi-Region Access
// Point.
type S3MultiRegionAccessPointRegion struct {
	Bucket string `json:"bucket"`
	Region string `json:"region,omitempty"`
}

// S3AccessPoint is a named network endpoint attached to a bucket, with its
// own policy and its own Block Public Access. S3 applies the most
// restrictive of the account's, the bucket's and the access point's Block
// Public Access settings to requests made through the access point; the
// access point's own settings can only be chosen when it is created.
type S3AccessPoint struct {
	Meta
	Name string `json:"name"`
	// Bucket is the name of the bucket the access point serves.
	Bucket string `json:"bucket"`
	// BucketAccountID is the account that owns the bucket, when S3 says
	// (it may differ from the access point's account).
	BucketAccountID string `json:"bucket_account_id,omitempty"`
	// NetworkOrigin is Internet, or VPC when the access point accepts
	// requests from one VPC only.
	NetworkOrigin string `json:"network_origin"`
	// VPCID is the VPC a VPC access point is restricted to.
	VPCID string `json:"vpc_id,omitempty"`
	// PublicAccessBlock is the access point's own Block Public Access
	// (GetAccessPoint); nil when it was not read, which is then a gap.
	PublicAccessBlock *PublicAccessBlock `json:"public_access_block,omitempty"`
}

// PublicAccessBlock is one of S3's Block Public Access configurations.
type PublicAccessBlock struct {
	BlockPublicAcls       bool `json:"block_public_acls"`
	IgnorePublicAcls      bool `json:"ignore_public_acls"`
	BlockPublicPolicy     bool `json:"block_public_policy"`
	RestrictPublicBuckets bool `json:"restrict_public_buckets"`
}

// All is true when all four settings are on.
func (p *PublicAccessBlock) All() bool {
	return p != nil && p.BlockPublicAcls && p.IgnorePublicAcls && p.BlockPublicPolicy && p.RestrictPublicBuckets
}

// Bucket is an S3 bucket and the settings the checks read. A setting the
// collector could not read is recorded as a Gap for the bucket's ARN and the
// Get* operation; the field then holds its zero value.
type Bucket struct {
	Meta
	Name         string    `json:"name"`
	CreationDate time.Time `json:"creation_date"`
	// Policy is the bucket policy document, empty when there is none.
	Policy string `json:"policy,omitempty"`
	// PolicyIsPublic is S3's own GetBucketPolicyStatus verdict, when read.
	PolicyIsPublic *bool `json:"policy_is_public,omitempty"`
	// ACLGrants are the bucket ACL's grants.
	ACLGrants []ACLGrant `json:"acl_grants,omitempty"`
	// OwnerID is the canonical ID of the bucket owner.
	OwnerID string `json:"owner_id,omitempty"`
	// ObjectOwnership is BucketOwnerEnforced, BucketOwnerPreferred or
	// ObjectWriter; empty when no ownership controls are set.
	ObjectOwnership   string             `json:"object_ownership,omitempty"`
	PublicAccessBlock *PublicAccessBlock `json:"public_access_block,omitempty"`
	// Encryption is the default encryption rule; nil when none is set
	// (since January 2023 AWS applies SSE-S3 to new objects regardless).
	Encryption *BucketEncryption `json:"encryption,omitempty"`
	// Versioning is Enabled, Suspended or "" (never enabled).
	Versioning string      `json:"versioning,omitempty"`
	MFADelete  bool        `json:"mfa_delete,omitempty"`
	ObjectLock *ObjectLock `json:"object_lock,omitempty"`
	// Logging is the server access logging target; nil when off.
	Logging        *BucketLogging    `json:"logging,omitempty"`
	LifecycleRules []LifecycleRule   `json:"lifecycle_rules,omitempty"`
	Replication    []ReplicationRule `json:"replication,omitempty"`
	// EventNotifications is true when any event notification is configured.
	EventNotifications bool `json:"event_notifications,omitempty"`
	// Website is true when static website hosting is on.
	Website bool `json:"website,omitempty"`
}

// ACLGrant is one grant of a bucket ACL.
type ACLGrant struct {
	// GranteeType is CanonicalUser, Group or AmazonCustomerByEmail.
	GranteeType string `json:"grantee_type"`
	// GranteeURI for groups, e.g. http://acs.amazonaws.com/groups/global/AllUsers.
	GranteeURI string `json:"grantee_uri,omitempty"`
	GranteeID  string `json:"grantee_id,omitempty"`
	// Permission is READ, WRITE, READ_ACP, WRITE_ACP or FULL_CONTROL.
	Permission string `json:"permission"`
}

// S3 ACL group URIs that make a grant public.
const (
	AllUsersURI           = "http://acs.amazonaws.com/groups/global/AllUsers"
	AuthenticatedUsersURI = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
	LogDeliveryURI        = "http://acs.amazonaws.com/groups/s3/LogDelivery"
)

// BucketEncryption is a bucket's default encryption.
type BucketEncryption struct {
	// Algorithm is AES256, aws:kms or aws:kms:dsse.
	Algorithm        string `json:"algorithm"`
	KMSKeyID         string `json:"kms_key_id,omitempty"`
	BucketKeyEnabled bool   `json:"bucket_key_enabled,omitempty"`
}

// ObjectLock is a bucket's Object Lock configuration.
type ObjectLock struct {
	Enabled bool `json:"enabled"`
	// Mode is GOVERNANCE or COMPLIANCE for the default retention, if any.
	Mode  string `json:"mode,omitempty"`
	Days  int    `json:"days,omitempty"`
	Years int    `json:"years,omitempty"`
}

// BucketLogging is a bucket's server access logging target.
type BucketLogging struct {
	TargetBucket string `json:"target_bucket"`
	TargetPrefix string `json:"target_prefix,omitempty"`
}

// LifecycleRule is one lifecycle rule, reduced to what the checks read.
type LifecycleRule struct {
	ID                  string `json:"id,omitempty"`
	Enabled             bool   `json:"enabled"`
	ExpirationDays      int    `json:"expiration_days,omitempty"`
	TransitionDays      int    `json:"transition_days,omitempty"`
	TransitionClass     string `json:"transition_class,omitempty"`
	NoncurrentExpDays   int    `json:"noncurrent_expiration_days,omitempty"`
	AbortIncompleteDays int    `json:"abort_incomplete_days,omitempty"`
}

// ReplicationRule is one replication rule and where it copies data.
type ReplicationRule struct {
	ID      string `json:"id,omitempty"`
	Enabled bool   `json:"enabled"`
	// DestinationBucket is the destination bucket ARN.
	DestinationBucket string `json:"destination_bucket"`
	// DestinationRegion is the destination bucket's region when known.
	DestinationRegion  string `json:"destination_region,omitempty"`
	DestinationAccount string `json:"destination_account,omitempty"`
	ReplicaKMSKeyID    string `json:"replica_kms_key_id,omitempty"`
}
