package policy

import (
	"errors"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// testNames stands in for the region, custody, check and severity
// catalogues the CLI passes in.
func testNames() Names {
	regions := map[string]bool{"eu-central-1": true, "eu-west-1": true, "us-east-1": true, "me-central-1": true}
	return Names{
		Region: func(s string) error {
			if !regions[s] {
				return fmt.Errorf("unknown region %q", s)
			}
			return nil
		},
		Jurisdiction: func(s string) ([]string, error) {
			if s == "EU" {
				return []string{"eu-central-1", "eu-west-1"}, nil
			}
			return nil, fmt.Errorf("unknown jurisdiction %q", s)
		},
		CustodyLevel: func(s string) error {
			if s != "aws_managed" && s != "customer_managed" {
				return fmt.Errorf("unknown custody level %q", s)
			}
			return nil
		},
		Check: func(s string) error {
			if s != "ec2_ebs_default_encryption" && s != "s3_bucket_acl_not_public" {
				return fmt.Errorf("unknown check %q", s)
			}
			return nil
		},
		Severity: func(s string) error {
			switch strings.ToLower(s) {
			case "info", "low", "medium", "high", "critical":
				return nil
			}
			return fmt.Errorf("unknown severity %q", s)
		},
	}
}

const fullPolicy = `# a complete policy
allowed_regions: [us-east-1]
allowed_jurisdictions:
  - EU
trusted_accounts:
  - "012345678901"
  - 444455556666
organization_id: o-alpenglow01
trusted_organizations: [o-partner0001]
corporate_cidrs:
  - 198.51.100.0/24
  - 2001:db8::/32
trusted_vpc_endpoints: [vpce-0a1b2c3d4e5f60718, vpc-0a1b2c3d]
classification_tag: sensitivity
sensitive_values: [secret, pii]
max_ami_age_days: 90
max_access_key_age_days: 30
max_credential_unused_days: 60
max_lambda_update_age_days: 120
min_backup_retention_days: 14
required_custody:
  pii: customer_managed
  "*": aws_managed
severity_overrides:
  ec2_ebs_default_encryption: HIGH
waivers:
  - check: s3_bucket_acl_not_public
    resource: arn:aws:s3:::public-*
    reason: public website
    owner: web-team
    expires: 2027-01-31
`

func TestParseFull(t *testing.T) {
	p, err := Parse("full.yaml", []byte(fullPolicy), testNames())
	if err != nil {
		t.Fatal(err)
	}
	want := &Policy{
		Source:               "full.yaml",
		AllowedRegions:       []string{"us-east-1", "eu-central-1", "eu-west-1"},
		AllowedJurisdictions: []string{"EU"},
		TrustedAccounts:      []string{"012345678901", "444455556666"},
		OrganizationID:       "o-alpenglow01",
		TrustedOrganizations: []string{"o-partner0001"},
		CorporateCIDRs:       []netip.Prefix{netip.MustParsePrefix("198.51.100.0/24"), netip.MustParsePrefix("2001:db8::/32")},
		TrustedVPCEndpoints:  []string{"vpce-0a1b2c3d4e5f60718", "vpc-0a1b2c3d"},
		ClassificationTag:    "sensitivity",
		SensitiveValues:      []string{"secret", "pii"},
		MaxAMIAgeDays:        90, MaxAccessKeyAgeDays: 30, MaxCredentialUnusedDays: 60, MaxLambdaUpdateAgeDays: 120, MinBackupRetentionDays: 14,
		RequiredCustody:   map[string]string{"pii": "customer_managed", "*": "aws_managed"},
		SeverityOverrides: map[string]string{"ec2_ebs_default_encryption": "high"},
		Waivers: []Waiver{{Check: "s3_bucket_acl_not_public", Resource: "arn:aws:s3:::public-*", Reason: "public website", Owner: "web-team",
			Expires: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC), Line: 27}},
	}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("parsed\n%+v\nwant\n%+v", p, want)
	}
}

func TestParseEmpty(t *testing.T) {
	for _, in := range []string{"", "# only comments\n", "---\n", "~\n"} {
		p, err := Parse("e.yaml", []byte(in), testNames())
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if p.RegionsConfigured() || len(p.Waivers) != 0 || p.ClassTag() != DefaultClassificationTag {
			t.Errorf("%q: not the defaults: %+v", in, p)
		}
	}
}

// TestParseErrors covers every kind of bad input: each error names the
// file, the line and the key.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"yaml syntax", "classification_tag: x\nowner: a: b\n", "p.yaml:2: invalid YAML: mapping values are not allowed"},
		{"yaml unclosed list", "allowed_regions: [eu-west-1\nfoo: 1\n", "p.yaml:1: invalid YAML"},
		{"not a mapping", "- eu-west-1\n", "p.yaml:1: a policy is a mapping"},
		{"unknown key", "classification_tag: x\nalowed_regions: [eu-west-1]\n", `p.yaml:2: alowed_regions: unknown key (did you mean allowed_regions?)`},
		{"duplicate key", "max_ami_age_days: 10\nmax_ami_age_days: 20\n", "p.yaml:2: max_ami_age_days: given twice (first on line 1)"},
		{"list wanted", "allowed_regions: eu-west-1\n", "p.yaml:1: allowed_regions: want a list"},
		{"bad region", "allowed_regions:\n  - eu-west-1\n  - eu-cental-1\n", `p.yaml:3: allowed_regions: unknown region "eu-cental-1"`},
		{"bad jurisdiction", "allowed_jurisdictions: [EUR]\n", `p.yaml:1: allowed_jurisdictions: unknown jurisdiction "EUR"`},
		{"short account", "trusted_accounts:\n  - 12345\n", `p.yaml:2: trusted_accounts: "12345" is not an AWS account ID`},
		{"account as list item map", "trusted_accounts:\n  - id: 123456789012\n", "p.yaml:2: trusted_accounts: want a single value per list item"},
		{"bad org", "organization_id: org-123\n", `p.yaml:1: organization_id: "org-123" is not an AWS Organizations ID`},
		{"bad ou", "organization_ous:\n  - ou-ab12-workload\n  - r-ab12\n", `p.yaml:3: organization_ous: "r-ab12" is not an organizational unit ID`},
		{"ou as string", "organization_ous: ou-ab12-workload\n", "p.yaml:1: organization_ous: want a list"},
		{"bad trusted org", "trusted_organizations:\n  - o-ok00000001\n  - 123456789012\n", `p.yaml:3: trusted_organizations: "123456789012" is not an AWS Organizations ID`},
		{"trusted org as string", "trusted_organizations: o-ok00000001\n", "p.yaml:1: trusted_organizations: want a list"},
		{"bad vpc endpoint", "trusted_vpc_endpoints: [vpce-xyz]\n", `p.yaml:1: trusted_vpc_endpoints: "vpce-xyz" is not a VPC endpoint or VPC ID`},
		{"subnet is no vpc", "trusted_vpc_endpoints: [subnet-0a1b2c3d]\n", `"subnet-0a1b2c3d" is not a VPC endpoint or VPC ID`},
		{"bad cidr", "corporate_cidrs:\n  - 10.0.0.300/8\n", `p.yaml:2: corporate_cidrs: "10.0.0.300/8" is not a valid CIDR`},
		{"cidr host bits", "corporate_cidrs: [10.1.2.3/16]\n", `p.yaml:1: corporate_cidrs: "10.1.2.3/16" has host bits set (did you mean 10.1.0.0/16?)`},
		{"cidr is an address", "corporate_cidrs: [10.1.2.3]\n", "write 10.1.2.3/32"},
		{"cidr whole internet", "corporate_cidrs: [0.0.0.0/0]\n", "is the whole internet"},
		{"tag as list", "classification_tag: [a, b]\n", "p.yaml:1: classification_tag: want a single value, got a list"},
		{"days as word", "max_ami_age_days: ten\n", `p.yaml:1: max_ami_age_days: want a whole number of days, got the value "ten"`},
		{"days negative", "max_access_key_age_days: -5\n", "p.yaml:1: max_access_key_age_days: want a whole number of days between 1 and"},
		{"backup retention beyond AWS's", "min_backup_retention_days: 36\n", "p.yaml:1: min_backup_retention_days: AWS keeps automated backups for at most 35 days, so 36 could never pass"},
		{"days float", "max_credential_unused_days: 4.5\n", "p.yaml:1: max_credential_unused_days: want a whole number"},
		{"lambda update age zero", "max_lambda_update_age_days: 0\n", "p.yaml:1: max_lambda_update_age_days: want a whole number of days between 1 and"},
		{"custody level", "required_custody:\n  pii: super_managed\n", `p.yaml:2: required_custody.pii: unknown custody level "super_managed"`},
		{"custody not a map", "required_custody: [customer_managed]\n", "p.yaml:1: required_custody: want a mapping"},
		{"override unknown check", "severity_overrides:\n  nope_nope: high\n", `p.yaml:2: severity_overrides: unknown check "nope_nope"`},
		{"override bad severity", "severity_overrides:\n  ec2_ebs_default_encryption: urgent\n", `p.yaml:2: severity_overrides.ec2_ebs_default_encryption: unknown severity "urgent"`},
		{"waivers not a list", "waivers:\n  check: x\n", "p.yaml:2: waivers: want a list of waivers"},
		{"waiver missing owner", "waivers:\n  - check: ec2_ebs_default_encryption\n    resource: '*'\n    reason: r\n    expires: 2027-01-01\n", "p.yaml:2: waivers[0]: missing owner"},
		{"waiver bad date", "waivers:\n  - check: ec2_ebs_default_encryption\n    resource: '*'\n    reason: r\n    owner: o\n    expires: 2027-13-01\n", `p.yaml:6: waivers[0].expires: "2027-13-01" is not a date (want YYYY-MM-DD)`},
		{"waiver datetime", "waivers:\n  - check: ec2_ebs_default_encryption\n    resource: '*'\n    reason: r\n    owner: o\n    expires: 2027-01-01T10:00:00Z\n", "is not a date (want YYYY-MM-DD)"},
		{"waiver unknown check", "waivers:\n  - check: nope_nope\n    resource: '*'\n    reason: r\n    owner: o\n    expires: 2027-01-01\n", `p.yaml:2: waivers[0].check: unknown check "nope_nope"`},
		{"waiver unknown key", "waivers:\n  - check: ec2_ebs_default_encryption\n    resource: '*'\n    reason: r\n    owner: o\n    expires: 2027-01-01\n    expiry: 2027-01-01\n", "p.yaml:7: waivers[0].expiry: unknown key (did you mean expires?)"},
		{"waiver empty reason", "waivers:\n  - check: ec2_ebs_default_encryption\n    resource: '*'\n    reason: ''\n    owner: o\n    expires: 2027-01-01\n", "p.yaml:4: waivers[0].reason: must not be empty"},
		{"waiver resource not arn", "waivers:\n  - check: ec2_ebs_default_encryption\n    resource: my-bucket\n    reason: r\n    owner: o\n    expires: 2027-01-01\n", `p.yaml:3: waivers[0].resource: "my-bucket" is neither an ARN nor a glob`},
		{"waiver not a mapping", "waivers:\n  - just a string\n", "p.yaml:2: waivers[0]: want a waiver"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Parse("p.yaml", []byte(tc.in), testNames())
			if err == nil {
				t.Fatalf("no error; parsed %+v", p)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q\ndoes not contain %q", err, tc.want)
			}
		})
	}
}

func TestParseReportsEveryError(t *testing.T) {
	in := "max_ami_age_days: x\ntrusted_accounts: [1]\nfoo: 1\n"
	_, err := Parse("p.yaml", []byte(in), testNames())
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "p.yaml:1:") || !strings.HasPrefix(lines[2], "p.yaml:3:") {
		t.Errorf("want three errors in line order, got %q", lines)
	}
	var pe *Error
	if !errors.As(err, &pe) || pe.File != "p.yaml" || pe.Line != 1 || pe.Key != "max_ami_age_days" {
		t.Errorf("errors.As: %+v", pe)
	}
}

func TestAliasesAndNulls(t *testing.T) {
	in := "sensitive_values: &s [pii]\nallowed_regions:\norganization_id: ~\nwaivers: []\n"
	p, err := Parse("p.yaml", []byte(in), testNames())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p.SensitiveValues, []string{"pii"}) || p.RegionsConfigured() || p.OrganizationID != "" {
		t.Errorf("%+v", p)
	}
}

func TestLoadAndFind(t *testing.T) {
	dir := t.TempDir()
	if _, ok := Find(dir); ok {
		t.Error("found a policy in an empty directory")
	}
	if _, err := Load(filepath.Join(dir, FileName), testNames()); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("missing file: %v", err)
	}
	path := filepath.Join(dir, FileName)
	if err := os.WriteFile(path, []byte("organization_id: o-abcdefghij\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, ok := Find(dir)
	if !ok || got != path {
		t.Fatalf("Find = %q, %v", got, ok)
	}
	p, err := Load(got, testNames())
	if err != nil || p.OrganizationID != "o-abcdefghij" || p.Source != path {
		t.Errorf("Load: %+v, %v", p, err)
	}
}

func TestStarterParsesAndDocumentsEveryKey(t *testing.T) {
	s := Starter()
	p, err := Parse("starter", s, testNames())
	if err != nil {
		t.Fatalf("the starter file does not parse: %v", err)
	}
	if p.ClassTag() != DefaultClassificationTag || p.AMIAgeDays() != DefaultMaxAMIAgeDays {
		t.Errorf("starter changes defaults: %+v", p)
	}
	for _, k := range Keys() {
		if !strings.Contains(string(s), k+":") {
			t.Errorf("starter does not document %s", k)
		}
	}
	for _, k := range WaiverKeys() {
		if !strings.Contains(string(s), k+":") {
			t.Errorf("starter does not document waiver key %s", k)
		}
	}
	// Uncommenting every example must give a valid policy too.
	var b strings.Builder
	for _, line := range strings.Split(string(s), "\n") {
		if rest, ok := strings.CutPrefix(line, "# "); ok && (isKeyLine(rest) || strings.HasPrefix(rest, "  ")) {
			line = rest
		}
		b.WriteString(line + "\n")
	}
	n := testNames()
	n.Check = nil // the example check ID is a real one, not in the test list
	n.Jurisdiction = func(string) ([]string, error) { return []string{"eu-west-1"}, nil }
	if _, err := Parse("starter-uncommented", []byte(b.String()), n); err != nil {
		t.Errorf("the starter's examples do not parse once uncommented: %v\n%s", err, b.String())
	}
}

func isKeyLine(s string) bool {
	for _, k := range Keys() {
		if strings.HasPrefix(s, k+":") {
			return true
		}
	}
	return false
}

func TestWaiverExpired(t *testing.T) {
	w := Waiver{Expires: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)}
	tests := []struct {
		now  time.Time
		want bool
	}{
		{time.Date(2026, 12, 30, 12, 0, 0, 0, time.UTC), false},
		{time.Date(2026, 12, 31, 23, 59, 0, 0, time.UTC), false}, // the expiry day itself still applies
		{time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), true},
	}
	for _, tc := range tests {
		if got := w.Expired(tc.now); got != tc.want {
			t.Errorf("Expired(%s) = %v", tc.now, got)
		}
	}
	if (Waiver{}).Expired(time.Now()) {
		t.Error("a waiver without expiry never expires")
	}
}

// TestOrganizationOUs: organization_ous reads OU IDs in order, once each.
func TestOrganizationOUs(t *testing.T) {
	p, err := Parse("p.yaml", []byte("organization_ous: [ou-ab12-workload, ou-ab12-security, ou-ab12-workload]\n"), Names{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"ou-ab12-workload", "ou-ab12-security"}; !reflect.DeepEqual(p.OrganizationOUs, want) {
		t.Errorf("OrganizationOUs = %v, want %v", p.OrganizationOUs, want)
	}
}
