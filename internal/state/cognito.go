package state

// Cognito holds the account's Amazon Cognito identity pools
// (cognito-identity) and user pools (cognito-idp) of every scanned region.
//
// Gaps: cognito-identity ListIdentityPools and cognito-idp ListUserPools
// hide a region's pools; DescribeIdentityPool (guest access) and
// DescribeUserPool (password policy) are recorded per pool ARN.
type Cognito struct {
	IdentityPools []IdentityPool `json:"identity_pools,omitempty"`
	UserPools     []UserPool     `json:"user_pools,omitempty"`
}

// IdentityPool is an Amazon Cognito identity pool.
type IdentityPool struct {
	Meta
	ID   string `json:"id"`
	Name string `json:"name"`
	// AllowUnauthenticated is true when the pool hands AWS credentials to
	// guests (unauthenticated identities) (DescribeIdentityPool).
	AllowUnauthenticated bool `json:"allow_unauthenticated"`
}

// UserPool is an Amazon Cognito user pool.
type UserPool struct {
	Meta
	ID   string `json:"id"`
	Name string `json:"name"`
	// PasswordPolicy is the pool's password policy (DescribeUserPool); nil
	// when the pool reports none.
	PasswordPolicy *UserPoolPasswordPolicy `json:"password_policy,omitempty"`
}

// UserPoolPasswordPolicy is a user pool's password policy.
type UserPoolPasswordPolicy struct {
	MinimumLength    int  `json:"minimum_length"`
	RequireUppercase bool `json:"require_uppercase"`
	RequireLowercase bool `json:"require_lowercase"`
	RequireNumbers   bool `json:"require_numbers"`
	RequireSymbols   bool `json:"require_symbols"`
	// TemporaryPasswordValidityDays is how long an administrator-set
	// temporary password stays valid.
	TemporaryPasswordValidityDays int `json:"temporary_password_validity_days"`
}
