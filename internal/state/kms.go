package state

import "time"

// KMS holds the KMS keys of every scanned region.
type KMS struct {
	Keys []Key `json:"keys,omitempty"`
}

// Key is a KMS key with the settings that decide who controls it.
type Key struct {
	Meta
	ID          string   `json:"id"`
	Aliases     []string `json:"aliases,omitempty"`
	Description string   `json:"description,omitempty"`
	// Manager is CUSTOMER or AWS.
	Manager string `json:"manager"`
	// Origin is AWS_KMS, EXTERNAL, AWS_CLOUDHSM or EXTERNAL_KEY_STORE.
	Origin string `json:"origin"`
	// State is Enabled, Disabled, PendingDeletion, PendingImport, ...
	State string `json:"state"`
	// Usage is ENCRYPT_DECRYPT, SIGN_VERIFY, GENERATE_VERIFY_MAC, ...
	Usage string `json:"usage"`
	// Spec is SYMMETRIC_DEFAULT, RSA_2048, ...
	Spec         string     `json:"spec"`
	CreationDate time.Time  `json:"creation_date"`
	DeletionDate *time.Time `json:"deletion_date,omitempty"`
	// RotationEnabled is only meaningful for symmetric AWS_KMS keys.
	RotationEnabled    bool    `json:"rotation_enabled"`
	RotationPeriodDays int     `json:"rotation_period_days,omitempty"`
	Policy             string  `json:"policy,omitempty"`
	Grants             []Grant `json:"grants,omitempty"`
	// MultiRegion: MultiRegionType is PRIMARY or REPLICA; ReplicaRegions are the replicas of a primary.
	MultiRegion     bool     `json:"multi_region,omitempty"`
	MultiRegionType string   `json:"multi_region_type,omitempty"`
	PrimaryRegion   string   `json:"primary_region,omitempty"`
	ReplicaRegions  []string `json:"replica_regions,omitempty"`
}

// CustomerManaged is true for keys the customer created.
func (k Key) CustomerManaged() bool { return k.Manager == "CUSTOMER" }

// Grant is a KMS grant.
type Grant struct {
	ID                string   `json:"id"`
	GranteePrincipal  string   `json:"grantee_principal"`
	RetiringPrincipal string   `json:"retiring_principal,omitempty"`
	Operations        []string `json:"operations"`
	IssuingAccount    string   `json:"issuing_account,omitempty"`
}
