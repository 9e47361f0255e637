package state

import "time"

// IAM is the account's identity configuration (a global service).
type IAM struct {
	// Summary is GetAccountSummary's map (AccountMFAEnabled, AccountAccessKeysPresent, ...).
	Summary map[string]int `json:"summary,omitempty"`
	// PasswordPolicy is nil when the account has none (NoSuchEntity).
	PasswordPolicy *PasswordPolicy `json:"password_policy,omitempty"`
	// CredentialReport has one row per user, the root user first as "<root_account>".
	CredentialReport []CredentialReportRow `json:"credential_report,omitempty"`
	// CredentialReportGeneratedAt is when AWS generated the report.
	CredentialReportGeneratedAt time.Time    `json:"credential_report_generated_at,omitempty"`
	Users                       []User       `json:"users,omitempty"`
	Groups                      []Group      `json:"groups,omitempty"`
	Roles                       []Role       `json:"roles,omitempty"`
	Policies                    []Policy     `json:"policies,omitempty"`
	VirtualMFADevices           []MFADevice  `json:"virtual_mfa_devices,omitempty"`
	ServerCertificates          []ServerCert `json:"server_certificates,omitempty"`
	AccessAnalyzers             []Analyzer   `json:"access_analyzers,omitempty"`
	// AnalyzerFindings are the active findings of the external-access
	// analyzers (ListFindingsV2): evidence, for every resource type they
	// cover, of which resources principals outside the zone of trust can
	// reach. An analyzer whose findings could not be read has a
	// ListFindingsV2 gap on its ARN.
	AnalyzerFindings []AnalyzerFinding `json:"analyzer_findings,omitempty"`
	SAMLProviders    []SAMLProvider    `json:"saml_providers,omitempty"`
	// SecurityContactSet is true when the account has a SECURITY alternate contact.
	SecurityContactSet *bool `json:"security_contact_set,omitempty"`
}

// PasswordPolicy is the account password policy.
type PasswordPolicy struct {
	MinimumPasswordLength      int  `json:"minimum_password_length"`
	RequireSymbols             bool `json:"require_symbols"`
	RequireNumbers             bool `json:"require_numbers"`
	RequireUppercaseCharacters bool `json:"require_uppercase_characters"`
	RequireLowercaseCharacters bool `json:"require_lowercase_characters"`
	AllowUsersToChangePassword bool `json:"allow_users_to_change_password"`
	ExpirePasswords            bool `json:"expire_passwords"`
	MaxPasswordAge             int  `json:"max_password_age,omitempty"`
	PasswordReusePrevention    int  `json:"password_reuse_prevention,omitempty"`
	HardExpiry                 bool `json:"hard_expiry,omitempty"`
}

// CredentialReportRow is one line of the IAM credential report. Times are
// nil where the report says N/A or no_information.
type CredentialReportRow struct {
	User                  string     `json:"user"`
	ARN                   string     `json:"arn"`
	UserCreationTime      *time.Time `json:"user_creation_time,omitempty"`
	PasswordEnabled       bool       `json:"password_enabled"`
	PasswordLastUsed      *time.Time `json:"password_last_used,omitempty"`
	PasswordLastChanged   *time.Time `json:"password_last_changed,omitempty"`
	MFAActive             bool       `json:"mfa_active"`
	AccessKey1Active      bool       `json:"access_key_1_active"`
	AccessKey1LastRotated *time.Time `json:"access_key_1_last_rotated,omitempty"`
	AccessKey1LastUsed    *time.Time `json:"access_key_1_last_used_date,omitempty"`
	AccessKey2Active      bool       `json:"access_key_2_active"`
	AccessKey2LastRotated *time.Time `json:"access_key_2_last_rotated,omitempty"`
	AccessKey2LastUsed    *time.Time `json:"access_key_2_last_used_date,omitempty"`
	Cert1Active           bool       `json:"cert_1_active,omitempty"`
	Cert2Active           bool       `json:"cert_2_active,omitempty"`
}

// RootUserName is how the credential report names the root user.
const RootUserName = "<root_account>"

// Root returns the root user's credential report row, if the report has one.
func (i *IAM) Root() (CredentialReportRow, bool) {
	for _, r := range i.CredentialReport {
		if r.User == RootUserName {
			return r, true
		}
	}
	return CredentialReportRow{}, false
}

// AttachedPolicy names a managed policy attached to an identity.
type AttachedPolicy struct {
	Name string `json:"name"`
	ARN  string `json:"arn"`
}

// InlinePolicy is a policy embedded in a user, group or role.
type InlinePolicy struct {
	Name     string `json:"name"`
	Document string `json:"document"`
}

// User is an IAM user.
type User struct {
	Meta
	Name             string           `json:"name"`
	ID               string           `json:"id,omitempty"`
	Path             string           `json:"path,omitempty"`
	CreateDate       time.Time        `json:"create_date"`
	Groups           []string         `json:"groups,omitempty"`
	AttachedPolicies []AttachedPolicy `json:"attached_policies,omitempty"`
	InlinePolicies   []InlinePolicy   `json:"inline_policies,omitempty"`
	AccessKeys       []AccessKey      `json:"access_keys,omitempty"`
	MFADevices       []string         `json:"mfa_devices,omitempty"`
	// PermissionsBoundary is the ARN of the boundary policy, if any.
	PermissionsBoundary string `json:"permissions_boundary,omitempty"`
}

// AccessKey is an IAM user's access key.
type AccessKey struct {
	ID         string     `json:"id"`
	Status     string     `json:"status"`
	CreateDate time.Time  `json:"create_date"`
	LastUsed   *time.Time `json:"last_used,omitempty"`
}

// Group is an IAM group.
type Group struct {
	Meta
	Name             string           `json:"name"`
	Path             string           `json:"path,omitempty"`
	CreateDate       time.Time        `json:"create_date"`
	AttachedPolicies []AttachedPolicy `json:"attached_policies,omitempty"`
	InlinePolicies   []InlinePolicy   `json:"inline_policies,omitempty"`
}

// Role is an IAM role.
type Role struct {
	Meta
	Name                     string           `json:"name"`
	Path                     string           `json:"path,omitempty"`
	CreateDate               time.Time        `json:"create_date"`
	AssumeRolePolicyDocument string           `json:"assume_role_policy_document,omitempty"`
	AttachedPolicies         []AttachedPolicy `json:"attached_policies,omitempty"`
	InlinePolicies           []InlinePolicy   `json:"inline_policies,omitempty"`
	// LastUsed is when the role was last assumed, if ever.
	LastUsed *time.Time `json:"last_used,omitempty"`
	// ServiceLinked is true for roles under /aws-service-role/ that AWS manages.
	ServiceLinked       bool   `json:"service_linked,omitempty"`
	PermissionsBoundary string `json:"permissions_boundary,omitempty"`
	// MaxSessionDuration is the longest session (seconds, 3600..43200) the
	// role's credentials may last; 0 when it was not read.
	MaxSessionDuration int `json:"max_session_duration,omitempty"`
}

// Policy is a managed IAM policy with its default version document.
type Policy struct {
	Meta
	Name string `json:"name"`
	ID   string `json:"id,omitempty"`
	Path string `json:"path,omitempty"`
	// AWSManaged is true for policies AWS owns (arn:aws:iam::aws:policy/...).
	AWSManaged       bool      `json:"aws_managed,omitempty"`
	AttachmentCount  int       `json:"attachment_count"`
	DefaultVersionID string    `json:"default_version_id,omitempty"`
	Document         string    `json:"document"`
	CreateDate       time.Time `json:"create_date"`
	UpdateDate       time.Time `json:"update_date"`
}

// MFADevice is a virtual MFA device; User is empty when it is unassigned.
type MFADevice struct {
	SerialNumber string     `json:"serial_number"`
	User         string     `json:"user,omitempty"`
	UserARN      string     `json:"user_arn,omitempty"`
	EnableDate   *time.Time `json:"enable_date,omitempty"`
}

// ServerCert is an IAM server certificate.
type ServerCert struct {
	Meta
	Name       string    `json:"name"`
	Expiration time.Time `json:"expiration"`
}

// Analyzer is an IAM Access Analyzer analyzer.
type Analyzer struct {
	Meta
	Name   string `json:"name"`
	Type   string `json:"type"` // ACCOUNT, ORGANIZATION, ...
	Status string `json:"status"`
}

// External reports whether the analyzer looks for external access (its
// zone of trust is the account or the organization), as opposed to unused
// or internal access.
func (a Analyzer) External() bool { return a.Type == "ACCOUNT" || a.Type == "ORGANIZATION" }

// AnalyzerFinding is one active external-access finding of an analyzer.
type AnalyzerFinding struct {
	ID string `json:"id"`
	// Analyzer is the ARN of the analyzer that reported it.
	Analyzer string `json:"analyzer"`
	Region   string `json:"region"`
	// Resource is the ARN of the resource that can be reached from outside
	// the zone of trust; ResourceType is AWS's type (AWS::EC2::Snapshot, ...).
	Resource     string `json:"resource"`
	ResourceType string `json:"resource_type"`
	Status       string `json:"status"`
}

// SAMLProvider is an IAM SAML identity provider (federation).
type SAMLProvider struct {
	Meta
	ValidUntil *time.Time `json:"valid_until,omitempty"`
}
