package state

import (
	"strings"
	"time"
)

// Backup holds AWS Backup vaults, plans and what they protect, for every
// scanned region.
//
// Gaps use the service prefix backup: ListBackupVaults, ListBackupPlans and
// ListProtectedResources hide a region's listing; DescribeBackupVault,
// GetBackupVaultAccessPolicy, GetBackupPlan, ListBackupSelections and
// ListRecoveryPointsByBackupVault are recorded per vault or plan ARN.
type Backup struct {
	Vaults []BackupVault `json:"vaults,omitempty"`
	Plans  []BackupPlan  `json:"plans,omitempty"`
	// ProtectedResources are the resources that have at least one recovery
	// point (ListProtectedResources), whatever plan made it.
	ProtectedResources []ProtectedResource `json:"protected_resources,omitempty"`
	// RecoveryPoints are the recovery points of the account's vaults,
	// reduced to what the checks read.
	RecoveryPoints []RecoveryPoint `json:"recovery_points,omitempty"`
}

// BackupVault is a backup vault.
type BackupVault struct {
	Meta
	Name string `json:"name"`
	// Type is BACKUP_VAULT or LOGICALLY_AIR_GAPPED_BACKUP_VAULT.
	Type string `json:"type,omitempty"`
	// EncryptionKeyARN is the KMS key that encrypts the vault's recovery
	// points (for most resource types: the ones whose backups are not
	// encrypted by the source service's own key).
	EncryptionKeyARN string `json:"encryption_key_arn,omitempty"`
	// Locked is true when a Vault Lock is configured (governance or compliance mode).
	Locked bool `json:"locked"`
	// LockDate is when a compliance-mode lock became immutable; nil while it
	// is still in its grace time, and for governance mode.
	LockDate         *time.Time `json:"lock_date,omitempty"`
	MinRetentionDays int        `json:"min_retention_days,omitempty"`
	MaxRetentionDays int        `json:"max_retention_days,omitempty"`
	// Policy is the vault access policy, empty when none.
	Policy              string `json:"policy,omitempty"`
	RecoveryPointsCount int    `json:"recovery_points_count,omitempty"`
}

// BackupPlan is a backup plan with its rules and resource selections.
type BackupPlan struct {
	Meta
	ID         string            `json:"id"`
	Name       string            `json:"name"`
	Rules      []BackupRule      `json:"rules,omitempty"`
	Selections []BackupSelection `json:"selections,omitempty"`
}

// BackupRule is one rule of a backup plan.
type BackupRule struct {
	Name string `json:"name"`
	// TargetVault is the name of the vault the rule writes to.
	TargetVault string `json:"target_vault"`
	Schedule    string `json:"schedule,omitempty"`
	// DeleteAfterDays is the retention; 0 keeps recovery points forever.
	DeleteAfterDays     int          `json:"delete_after_days,omitempty"`
	MoveToColdAfterDays int          `json:"move_to_cold_after_days,omitempty"`
	ContinuousBackup    bool         `json:"continuous_backup,omitempty"`
	CopyActions         []CopyAction `json:"copy_actions,omitempty"`
}

// CopyAction copies each recovery point to another vault, possibly in
// another region or account.
type CopyAction struct {
	DestinationVaultARN string `json:"destination_vault_arn"`
	DeleteAfterDays     int    `json:"delete_after_days,omitempty"`
}

// Region is the destination vault's region, read from its ARN.
func (c CopyAction) Region() string { return arnField(c.DestinationVaultARN, 3) }

// Account is the destination vault's account ID, read from its ARN.
func (c CopyAction) Account() string { return arnField(c.DestinationVaultARN, 4) }

// BackupSelection assigns resources to a plan: by ARN (wildcards allowed),
// by tag, minus exclusions.
type BackupSelection struct {
	Name       string `json:"name"`
	IAMRoleARN string `json:"iam_role_arn,omitempty"`
	// Resources are ARNs or ARN patterns; "*" selects every supported resource.
	Resources []string `json:"resources,omitempty"`
	// NotResources are ARNs or ARN patterns excluded from Resources.
	NotResources []string `json:"not_resources,omitempty"`
	// Tags select resources carrying any of these key/value pairs (ListOfTags).
	Tags []TagCondition `json:"tags,omitempty"`
}

// TagCondition is a backup selection's STRINGEQUALS tag condition.
type TagCondition struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Selects reports whether the selection assigns the resource with this ARN
// and tags to its plan.
func (s BackupSelection) Selects(arn string, tags map[string]string) bool {
	for _, n := range s.NotResources {
		if arnPatternMatch(n, arn) {
			return false
		}
	}
	for _, r := range s.Resources {
		if arnPatternMatch(r, arn) {
			return true
		}
	}
	for _, t := range s.Tags {
		if v, ok := tags[t.Key]; ok && v == t.Value {
			return true
		}
	}
	return false
}

// ProtectedResource is a resource AWS Backup holds recovery points for.
type ProtectedResource struct {
	ResourceARN string `json:"resource_arn"`
	// ResourceType is the AWS Backup type name: RDS, DynamoDB, EFS, EBS, S3, ...
	ResourceType   string    `json:"resource_type,omitempty"`
	Region         string    `json:"region,omitempty"`
	LastBackupTime time.Time `json:"last_backup_time"`
}

// RecoveryPoint is one backup in a vault.
type RecoveryPoint struct {
	Meta
	VaultName        string    `json:"vault_name"`
	ResourceARN      string    `json:"resource_arn"`
	ResourceType     string    `json:"resource_type,omitempty"`
	Encrypted        bool      `json:"encrypted"`
	EncryptionKeyARN string    `json:"encryption_key_arn,omitempty"`
	CreationDate     time.Time `json:"creation_date"`
	// Status is COMPLETED, PARTIAL, DELETING or EXPIRED.
	Status string `json:"status,omitempty"`
}

// arnField returns the i-th colon-separated field of an ARN
// (0 arn, 1 partition, 2 service, 3 region, 4 account, 5 resource).
func arnField(arn string, i int) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return ""
	}
	return parts[i]
}

// arnPatternMatch matches an ARN against a pattern in which * matches any
// run of characters (AWS Backup selection and IAM-style ARN patterns).
func arnPatternMatch(pattern, arn string) bool {
	if !strings.Contains(pattern, "*") {
		return pattern == arn
	}
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(arn, parts[0]) {
		return false
	}
	rest := arn[len(parts[0]):]
	for i := 1; i < len(parts)-1; i++ {
		j := strings.Index(rest, parts[i])
		if j < 0 {
			return false
		}
		rest = rest[j+len(parts[i]):]
	}
	return strings.HasSuffix(rest, parts[len(parts)-1])
}
