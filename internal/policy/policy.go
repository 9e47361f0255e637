// Package policy is the customer's stated intent (shoulder.yaml): where its
// data may live, whom it trusts, where administration comes from, how it
// classifies data, and which risks it accepts (waivers).
package policy

import (
	"net/netip"
	"strings"
	"time"
)

// Policy is the customer's intent as the checks read it. The zero value is
// usable: no restrictions configured, defaults for ages.
type Policy struct {
	// AllowedRegions are the region names data may live in; empty means the
	// customer has not said (residency checks then report not_applicable).
	AllowedRegions []string `json:"allowed_regions,omitempty"`
	// AllowedJurisdictions are the jurisdiction groups (e.g. EU) the policy
	// named; their regions are already included in AllowedRegions.
	AllowedJurisdictions []string `json:"allowed_jurisdictions,omitempty"`
	// TrustedAccounts are account IDs the customer knowingly shares with.
	TrustedAccounts []string `json:"trusted_accounts,omitempty"`
	// OrganizationID is the customer's AWS Organizations ID (o-...).
	OrganizationID string `json:"organization_id,omitempty"`
	// OrganizationOUs are the organizational units (ou-...) every account
	// must sit in, directly or below (organization_ous).
	OrganizationOUs []string `json:"organization_ous,omitempty"`
	// TrustedOrganizations are further AWS Organizations IDs (o-...) the
	// customer trusts: a resource policy grant to everyone pinned to one of
	// them (or to OrganizationID) is trusted sharing, any other organization
	// is not.
	TrustedOrganizations []string `json:"trusted_organizations,omitempty"`
	// CorporateCIDRs are the networks administration may come from (office, VPN).
	CorporateCIDRs []netip.Prefix `json:"corporate_cidrs,omitempty"`
	// TrustedVPCEndpoints are VPC endpoint (vpce-...) and VPC (vpc-...) IDs
	// the customer trusts besides the account's own: a resource policy grant
	// to everyone pinned by aws:SourceVpce or aws:SourceVpc to them is
	// trusted sharing.
	TrustedVPCEndpoints []string `json:"trusted_vpc_endpoints,omitempty"`
	// ClassificationTag is the tag key that carries a resource's data classification.
	ClassificationTag string `json:"classification_tag,omitempty"`
	// SensitiveValues are the classification values that mark sensitive data.
	SensitiveValues []string `json:"sensitive_values,omitempty"`
	// MaxAMIAgeDays is how old an AMI in use may be.
	MaxAMIAgeDays int `json:"max_ami_age_days,omitempty"`
	// MaxAccessKeyAgeDays is how old an active access key may be.
	MaxAccessKeyAgeDays int `json:"max_access_key_age_days,omitempty"`
	// MaxCredentialUnusedDays is how long a credential may stay unused.
	MaxCredentialUnusedDays int `json:"max_credential_unused_days,omitempty"`
	// MaxLambdaUpdateAgeDays is how long a Lambda function in FunctionUpdate
	// runtime mode may go without an update (it takes runtime patches only
	// when it is updated).
	MaxLambdaUpdateAgeDays int `json:"max_lambda_update_age_days,omitempty"`
	// MinBackupRetentionDays is the shortest automated backup retention
	// (RDS instances and clusters, Redshift snapshots) that passes.
	MinBackupRetentionDays int `json:"min_backup_retention_days,omitempty"`
	// RequiredCustody maps a classification value to the minimum key custody
	// level its stores need (a level name of internal/custody, e.g.
	// customer_managed); "*" applies to any resource.
	RequiredCustody map[string]string `json:"required_custody,omitempty"`
	// SeverityOverrides maps a check ID to a severity name.
	SeverityOverrides map[string]string `json:"severity_overrides,omitempty"`
	// Waivers are the risks the customer accepts explicitly.
	Waivers []Waiver `json:"waivers,omitempty"`
	// Scopes override keys for some OUs and accounts of the organization;
	// For applies them to one account. An effective policy (For's result)
	// has none.
	Scopes []Scope `json:"scopes,omitempty"`
	// Now is the evaluation time; zero means the state's collection time.
	Now time.Time `json:"-"`
	// Source is the file the policy came from, empty for defaults.
	Source string `json:"source,omitempty"`
}

// Waiver is an accepted risk: a check on resources matching a pattern.
type Waiver struct {
	Check string `json:"check"`
	// Resource is an ARN or a glob over ARNs (* matches any run of characters).
	Resource string `json:"resource"`
	Reason   string `json:"reason"`
	Owner    string `json:"owner"`
	// Expires is the last day (UTC) on which the waiver applies.
	Expires time.Time `json:"expires"`
	// Line is where the waiver is written in the policy file.
	Line int `json:"line,omitempty"`
}

// Expired reports whether the waiver no longer applies at now. A waiver
// written "expires: 2026-12-31" still applies on that whole day (UTC).
func (w Waiver) Expired(now time.Time) bool {
	return !w.Expires.IsZero() && !now.Before(w.Expires.AddDate(0, 0, 1))
}

// Default values used when the policy does not set them.
const (
	DefaultClassificationTag       = "data-classification"
	DefaultMaxAMIAgeDays           = 180
	DefaultMaxAccessKeyAgeDays     = 90
	DefaultMaxCredentialUnusedDays = 45
	DefaultMinBackupRetentionDays  = 7
	DefaultMaxLambdaUpdateAgeDays  = 90
	// MaxBackupRetentionDays is the longest automated backup retention AWS
	// allows (RDS and Redshift: 35 days); a policy asking more can never pass.
	MaxBackupRetentionDays = 35
)

// DefaultSensitiveValues are the classification values treated as sensitive
// when the policy does not list its own.
var DefaultSensitiveValues = []string{"confidential", "restricted", "secret", "pii", "sensitive"}

// Default returns the policy shoulder uses when no shoulder.yaml is given.
func Default() *Policy { return &Policy{} }

// ClassTag is the classification tag key in effect.
func (p *Policy) ClassTag() string {
	if p == nil || p.ClassificationTag == "" {
		return DefaultClassificationTag
	}
	return p.ClassificationTag
}

// Classification returns the resource's classification value, "" if untagged.
func (p *Policy) Classification(tags map[string]string) string {
	key := p.ClassTag()
	if v, ok := tags[key]; ok {
		return v
	}
	for k, v := range tags { // tag keys are case-sensitive in AWS, but people are not
		if strings.EqualFold(k, key) {
			return v
		}
	}
	return ""
}

// IsSensitive reports whether tags classify the resource as sensitive.
func (p *Policy) IsSensitive(tags map[string]string) bool {
	c := p.Classification(tags)
	if c == "" {
		return false
	}
	vals := DefaultSensitiveValues
	if p != nil && len(p.SensitiveValues) > 0 {
		vals = p.SensitiveValues
	}
	for _, v := range vals {
		if strings.EqualFold(v, c) {
			return true
		}
	}
	return false
}

// RegionsConfigured reports whether the customer stated allowed regions.
func (p *Policy) RegionsConfigured() bool { return p != nil && len(p.AllowedRegions) > 0 }

// RegionAllowed reports whether data may live in region. Without a stated
// set every region is allowed.
func (p *Policy) RegionAllowed(region string) bool {
	if !p.RegionsConfigured() {
		return true
	}
	for _, r := range p.AllowedRegions {
		if r == region {
			return true
		}
	}
	return false
}

// IsTrustedAccount reports whether the account ID is one the customer trusts.
func (p *Policy) IsTrustedAccount(id string) bool {
	if p == nil {
		return false
	}
	for _, t := range p.TrustedAccounts {
		if t == id {
			return true
		}
	}
	return false
}

// IsCorporate reports whether a CIDR lies entirely within the corporate networks.
func (p *Policy) IsCorporate(cidr string) bool {
	if p == nil {
		return false
	}
	pf, err := netip.ParsePrefix(cidr)
	if err != nil {
		a, err2 := netip.ParseAddr(cidr)
		if err2 != nil {
			return false
		}
		pf = netip.PrefixFrom(a, a.BitLen())
	}
	for _, c := range p.CorporateCIDRs {
		if c.Bits() <= pf.Bits() && c.Contains(pf.Addr()) {
			return true
		}
	}
	return false
}

// AMIAgeDays is the maximum AMI age in effect.
func (p *Policy) AMIAgeDays() int {
	if p == nil || p.MaxAMIAgeDays <= 0 {
		return DefaultMaxAMIAgeDays
	}
	return p.MaxAMIAgeDays
}

// AccessKeyAgeDays is the maximum access key age in effect.
func (p *Policy) AccessKeyAgeDays() int {
	if p == nil || p.MaxAccessKeyAgeDays <= 0 {
		return DefaultMaxAccessKeyAgeDays
	}
	return p.MaxAccessKeyAgeDays
}

// CredentialUnusedDays is the maximum credential idle time in effect.
func (p *Policy) CredentialUnusedDays() int {
	if p == nil || p.MaxCredentialUnusedDays <= 0 {
		return DefaultMaxCredentialUnusedDays
	}
	return p.MaxCredentialUnusedDays
}

// LambdaUpdateAgeDays is the longest time without an update in effect for
// Lambda functions in FunctionUpdate runtime mode.
func (p *Policy) LambdaUpdateAgeDays() int {
	if p == nil || p.MaxLambdaUpdateAgeDays <= 0 {
		return DefaultMaxLambdaUpdateAgeDays
	}
	return p.MaxLambdaUpdateAgeDays
}

// BackupRetentionDays is the minimum automated backup retention in effect.
func (p *Policy) BackupRetentionDays() int {
	if p == nil || p.MinBackupRetentionDays <= 0 {
		return DefaultMinBackupRetentionDays
	}
	return p.MinBackupRetentionDays
}

// Clock returns the evaluation time: p.Now if set, otherwise fallback
// (the state's collection time), so that checks stay pure.
func (p *Policy) Clock(fallback time.Time) time.Time {
	if p != nil && !p.Now.IsZero() {
		return p.Now
	}
	return fallback
}
