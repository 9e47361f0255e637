package state

import (
	"strings"
	"time"
)

// S3Express holds the account's S3 directory buckets (S3 Express One Zone
// and S3 in Local Zones) of every scanned region (svc-s3dir).
//
// Gaps: ListDirectoryBuckets (at the region's s3express-control endpoint)
// hides a region's directory buckets; GetBucketPolicy,
// GetBucketEncryption and GetBucketLifecycleConfiguration, read per bucket
// at the same endpoint, hide one bucket's setting (recorded per bucket
// ARN). A directory bucket's Block Public Access is always on and cannot
// be turned off, so it is not read.
type S3Express struct {
	Buckets []DirectoryBucket `json:"buckets,omitempty"`
}

// DirectoryBucket is one S3 directory bucket: its data lives in one
// Availability Zone (or Local Zone) of its region, named in the bucket
// name (NAME--ZONEID--x-s3). Meta's ARN is
// arn:PARTITION:s3express:REGION:ACCOUNT:bucket/NAME.
type DirectoryBucket struct {
	Meta
	Name         string     `json:"name"`
	CreationDate *time.Time `json:"creation_date,omitempty"`
	// Policy is the bucket policy document, empty when there is none.
	Policy string `json:"policy,omitempty"`
	// Encryption is the default encryption (AES256 for SSE-S3, aws:kms
	// for SSE-KMS); nil when it was not reported. Directory buckets always
	// encrypt: SSE-S3 unless SSE-KMS is configured.
	Encryption *BucketEncryption `json:"encryption,omitempty"`
	// LifecycleRules are the bucket's lifecycle rules; none when the
	// bucket has no lifecycle configuration.
	LifecycleRules []LifecycleRule `json:"lifecycle_rules,omitempty"`
}

// Zone is the ID of the Availability Zone or Local Zone that holds the
// bucket's data, from its name (NAME--ZONEID--x-s3), e.g. euc1-az1; ""
// when the name has no zone part.
func (b DirectoryBucket) Zone() string { return DirectoryBucketZone(b.Name) }

// DirectoryBucketZone is the zone ID of a directory bucket name
// (NAME--ZONEID--x-s3), "" when the name is not a directory bucket's.
func DirectoryBucketZone(name string) string {
	rest, ok := strings.CutSuffix(name, "--x-s3")
	if !ok {
		return ""
	}
	i := strings.LastIndex(rest, "--")
	if i < 0 {
		return ""
	}
	return rest[i+2:]
}
