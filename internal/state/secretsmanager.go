package state

import "time"

// SecretsManager holds the Secrets Manager secrets of every scanned region.
//
// Gaps: ListSecrets hides a region's secrets (it returns each secret's key,
// rotation, dates and tags in bulk); GetResourcePolicy is recorded per
// secret ARN.
type SecretsManager struct {
	Secrets []Secret `json:"secrets,omitempty"`
}

// Secret is a Secrets Manager secret (a replica is listed in its own
// region, with PrimaryRegion naming where the primary lives).
type Secret struct {
	Meta
	Name string `json:"name"`
	// KMSKeyID is the key that encrypts the secret's values; empty means
	// the AWS managed key aws/secretsmanager.
	KMSKeyID string `json:"kms_key_id,omitempty"`
	// RotationEnabled is true when automatic rotation is on.
	RotationEnabled bool `json:"rotation_enabled,omitempty"`
	// RotationLambdaARN is the function that rotates the secret.
	RotationLambdaARN string `json:"rotation_lambda_arn,omitempty"`
	// RotationDays is the rotation interval (AutomaticallyAfterDays); 0
	// when the schedule is only an expression (RotationSchedule).
	RotationDays int `json:"rotation_days,omitempty"`
	// RotationSchedule is the rotation's cron() or rate() expression.
	RotationSchedule string `json:"rotation_schedule,omitempty"`
	// OwningService is set for secrets a service manages (e.g. RDS master
	// user passwords); that service rotates them.
	OwningService string `json:"owning_service,omitempty"`
	// PrimaryRegion is set on a replica: the region of its primary secret.
	PrimaryRegion string     `json:"primary_region,omitempty"`
	Created       *time.Time `json:"created,omitempty"`
	// LastRotated is the last successful rotation; nil when never rotated.
	LastRotated *time.Time `json:"last_rotated,omitempty"`
	LastChanged *time.Time `json:"last_changed,omitempty"`
	// LastAccessed is the day the secret was last read (Secrets Manager
	// keeps it to the day); nil when never read.
	LastAccessed *time.Time `json:"last_accessed,omitempty"`
	// NextRotation is when the next rotation is due; nil without rotation.
	NextRotation *time.Time `json:"next_rotation,omitempty"`
	// Policy is the secret's resource policy, empty when none.
	Policy string `json:"policy,omitempty"`
}
