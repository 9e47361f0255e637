package policy

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// scopedPolicy is an organization: base keys, an OU scope (Workloads), a
// deeper OU scope (Workloads/EU) and an account scope.
const scopedPolicy = `allowed_regions: [us-east-1]
trusted_accounts: ["999988887777"]
max_ami_age_days: 60
waivers:
  - check: s3_bucket_acl_not_public
    resource: arn:aws:s3:::base-*
    reason: base
    owner: o
    expires: 2027-01-31
scopes:
  - name: workloads
    ous: [ou-ab12-workload]
    allowed_regions: [eu-west-1, us-east-1]
    max_ami_age_days: 100
  - ous: [ou-ab12-eueueueu]
    allowed_jurisdictions: [EU]
  - name: partner
    accounts: ["111122223333"]
    trusted_accounts: ["444455556666"]
    waivers:
      - check: ec2_ebs_default_encryption
        resource: '*'
        reason: scoped
        owner: o
        expires: 2027-01-31
`

func TestScopesParse(t *testing.T) {
	p, err := Parse("org.yaml", []byte(scopedPolicy), testNames())
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Scopes) != 3 {
		t.Fatalf("%d scopes, want 3", len(p.Scopes))
	}
	s := p.Scopes[1]
	if s.Label() != "scopes[1]" || s.Line != 15 || !reflect.DeepEqual(s.OUs, []string{"ou-ab12-eueueueu"}) ||
		!reflect.DeepEqual(s.Keys, []string{"allowed_jurisdictions"}) ||
		!reflect.DeepEqual(s.Set.AllowedRegions, []string{"eu-central-1", "eu-west-1"}) || s.TargetLines["ou-ab12-eueueueu"] != 15 {
		t.Errorf("scope 1: %+v (set %+v)", s, s.Set)
	}
	if p.Scopes[2].Label() != "partner" || !reflect.DeepEqual(p.Scopes[2].Accounts, []string{"111122223333"}) || len(p.Scopes[2].Set.Waivers) != 1 {
		t.Errorf("scope 2: %+v", p.Scopes[2])
	}
	// The base is what it was without scopes.
	if !reflect.DeepEqual(p.AllowedRegions, []string{"us-east-1"}) || p.MaxAMIAgeDays != 60 || len(p.Waivers) != 1 {
		t.Errorf("base changed by scopes: %+v", p)
	}
}

// TestForPrecedence: the account's own scope over the nearest OU over
// OUs above it over the base, key by key.
func TestForPrecedence(t *testing.T) {
	p, err := Parse("org.yaml", []byte(scopedPolicy), testNames())
	if err != nil {
		t.Fatal(err)
	}
	euAnc := []string{"ou-ab12-eueueueu", "ou-ab12-workload", "r-ab12"}
	tests := []struct {
		name      string
		account   string
		ancestors []string
		regions   []string
		trusted   []string
		amiDays   int
		waivers   int
		source    string
	}{
		{"outside every scope", "555555555555", []string{"ou-ab12-sandboxx", "r-ab12"}, []string{"us-east-1"}, []string{"999988887777"}, 60, 1,
			"org.yaml (no scope covers account 555555555555)"},
		{"directly under the root", "555555555555", []string{"r-ab12"}, []string{"us-east-1"}, []string{"999988887777"}, 60, 1,
			"org.yaml (no scope covers account 555555555555)"},
		{"OU scope", "666666666666", []string{"ou-ab12-workload", "r-ab12"}, []string{"eu-west-1", "us-east-1"}, []string{"999988887777"}, 100, 1,
			"org.yaml with scopes workloads (line 11, ou-ab12-workload)"},
		{"deeper OU wins its key, the OU above keeps the others", "777777777777", euAnc, []string{"eu-central-1", "eu-west-1"}, []string{"999988887777"}, 100, 1,
			"org.yaml with scopes workloads (line 11, ou-ab12-workload), then scopes[1] (line 15, ou-ab12-eueueueu)"},
		{"account scope over both OUs, waivers add up", "111122223333", euAnc, []string{"eu-central-1", "eu-west-1"}, []string{"444455556666"}, 100, 2,
			"org.yaml with scopes workloads (line 11, ou-ab12-workload), then scopes[1] (line 15, ou-ab12-eueueueu), then partner (line 17, account 111122223333)"},
		{"OUs unknown: the account scope still applies", "111122223333", nil, []string{"us-east-1"}, []string{"444455556666"}, 60, 2,
			"org.yaml with scopes partner (line 17, account 111122223333); OU scopes not applied: the account's OUs are unknown"},
		{"OUs unknown, no account scope", "777777777777", nil, []string{"us-east-1"}, []string{"999988887777"}, 60, 1,
			"org.yaml (no scope covers account 777777777777); OU scopes not applied: the account's OUs are unknown"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := p.For(tc.account, tc.ancestors)
			if !reflect.DeepEqual(e.AllowedRegions, tc.regions) {
				t.Errorf("regions %v, want %v", e.AllowedRegions, tc.regions)
			}
			if !reflect.DeepEqual(e.TrustedAccounts, tc.trusted) {
				t.Errorf("trusted %v, want %v", e.TrustedAccounts, tc.trusted)
			}
			if e.AMIAgeDays() != tc.amiDays {
				t.Errorf("AMI age %d, want %d", e.AMIAgeDays(), tc.amiDays)
			}
			if len(e.Waivers) != tc.waivers {
				t.Errorf("%d waivers, want %d", len(e.Waivers), tc.waivers)
			}
			if e.Source != tc.source {
				t.Errorf("source %q\nwant   %q", e.Source, tc.source)
			}
			if len(e.Scopes) != 0 {
				t.Error("an effective policy keeps scopes")
			}
		})
	}
	// For never changes the policy it is called on.
	if len(p.Waivers) != 1 || !reflect.DeepEqual(p.AllowedRegions, []string{"us-east-1"}) || p.Source != "org.yaml" {
		t.Errorf("For changed the base: %+v", p)
	}
}

func TestForWithoutScopesIsThePolicy(t *testing.T) {
	p, err := Parse("p.yaml", []byte(fullPolicy), testNames())
	if err != nil {
		t.Fatal(err)
	}
	if p.For("111122223333", nil) != p || p.HasOUScopes() {
		t.Error("a policy without scopes must be its own effective policy")
	}
	var none *Policy
	if none.For("111122223333", nil) != nil {
		t.Error("nil policy")
	}
}

// scopeSamples gives one value for every scopable key, different from
// the base in TestEveryScopableKeyApplies. A new policy key fails the test
// until it has a sample (and apply handles it).
var scopeSamples = map[string]string{
	"allowed_regions":            "[me-central-1]",
	"allowed_jurisdictions":      "[]", // the base names EU, the only one testNames knows
	"trusted_accounts":           `["444455556666"]`,
	"trusted_organizations":      "[o-partner0002]",
	"corporate_cidrs":            "[10.0.0.0/8]",
	"trusted_vpc_endpoints":      "[vpc-0a1b2c3d]",
	"classification_tag":         "level",
	"sensitive_values":           "[secret]",
	"organization_ous":           "[ou-ab12-scoped01]",
	"max_ami_age_days":           "7",
	"max_access_key_age_days":    "7",
	"max_credential_unused_days": "7",
	"max_lambda_update_age_days": "7",
	"min_backup_retention_days":  "30",
	"required_custody":           "{pii: customer_managed}",
	"severity_overrides":         "{ec2_ebs_default_encryption: critical}",
	"waivers":                    "[{check: ec2_ebs_default_encryption, resource: '*', reason: r, owner: o, expires: 2027-01-01}]",
}

// TestEveryScopableKeyApplies: each scopable key, set by an account scope,
// is the account's effective value (found by the field's JSON name).
func TestEveryScopableKeyApplies(t *testing.T) {
	base, err := Parse("p.yaml", []byte(fullPolicy), testNames())
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range ScopableKeys() {
		t.Run(key, func(t *testing.T) {
			sample, ok := scopeSamples[key]
			if !ok {
				t.Fatalf("no sample value for scopable key %s", key)
			}
			in := fullPolicy + "scopes:\n  - accounts: [\"111122223333\"]\n    " + key + ": " + sample + "\n"
			p, err := Parse("p.yaml", []byte(in), testNames())
			if err != nil {
				t.Fatal(err)
			}
			if !apply(&Policy{}, &Policy{}, key) {
				t.Fatalf("apply does not handle %s", key)
			}
			eff, other := p.For("111122223333", nil), p.For("555555555555", nil)
			field := fieldByJSON(t, key)
			got, want, was := field(eff), field(p.Scopes[0].Set), field(base)
			if key == "waivers" {
				want = reflect.ValueOf(append(append([]Waiver(nil), base.Waivers...), p.Scopes[0].Set.Waivers...))
			}
			if !reflect.DeepEqual(got.Interface(), want.Interface()) {
				t.Errorf("effective %s = %v, want %v", key, got, want)
			}
			if reflect.DeepEqual(got.Interface(), was.Interface()) {
				t.Errorf("%s: the sample equals the base; the test proves nothing", key)
			}
			if !reflect.DeepEqual(field(other).Interface(), was.Interface()) {
				t.Errorf("%s changed for an account the scope does not name: %v", key, field(other))
			}
		})
	}
}

func fieldByJSON(t *testing.T, key string) func(*Policy) reflect.Value {
	t.Helper()
	typ := reflect.TypeOf(Policy{})
	for i := 0; i < typ.NumField(); i++ {
		if strings.Split(typ.Field(i).Tag.Get("json"), ",")[0] == key {
			return func(p *Policy) reflect.Value { return reflect.ValueOf(p).Elem().Field(i) }
		}
	}
	t.Fatalf("no Policy field has the JSON name %s", key)
	return nil
}

func TestScopeErrors(t *testing.T) {
	const keys = "    max_ami_age_days: 10\n"
	tests := []struct{ name, in, want string }{
		{"not a list", "scopes:\n  ous: [ou-ab12-cd34ef56]\n", "p.yaml:2: scopes: want a list of scopes"},
		{"item not a mapping", "scopes:\n  - ou-ab12-cd34ef56\n", "p.yaml:2: scopes[0]: want a scope"},
		{"unknown key", "scopes:\n  - ous: [ou-ab12-cd34ef56]\n    allowed_region: [eu-west-1]\n", "p.yaml:3: scopes[0].allowed_region: unknown key (did you mean allowed_regions?)"},
		{"organization_id not scopable", "scopes:\n  - ous: [ou-ab12-cd34ef56]\n    organization_id: o-abcdefghij\n", "p.yaml:3: scopes[0].organization_id: cannot be scoped"},
		{"no nesting", "scopes:\n  - ous: [ou-ab12-cd34ef56]\n    scopes: []\n", "p.yaml:3: scopes[0].scopes: scopes do not nest"},
		{"malformed OU", "scopes:\n  - ous:\n      - ou-ab12-cd34ef56\n      - ou-prod\n" + keys, `p.yaml:4: scopes[0].ous: "ou-prod" is not an organizational unit ID`},
		{"OU upper case", "scopes:\n  - ous: [OU-AB12-CD34EF56]\n" + keys, `"OU-AB12-CD34EF56" is not an organizational unit ID`},
		{"root is no scope", "scopes:\n  - ous: [r-ab12]\n" + keys, `p.yaml:2: scopes[0].ous: "r-ab12" is the organization's root`},
		{"bad account", "scopes:\n  - accounts: [1234]\n" + keys, `p.yaml:2: scopes[0].accounts: "1234" is not an AWS account ID`},
		{"account twice", "scopes:\n  - accounts:\n      - \"111122223333\"\n      - 111122223333\n" + keys, "p.yaml:4: scopes[0].accounts: 111122223333 given twice (first on line 3)"},
		{"no targets", "scopes:\n  - name: x\n" + keys, "p.yaml:2: scopes[0]: names no accounts or OUs"},
		{"empty lists", "scopes:\n  - ous: []\n    accounts: []\n" + keys, "p.yaml:2: scopes[0]: names no accounts or OUs"},
		{"no keys", "scopes:\n  - ous: [ou-ab12-cd34ef56]\n", "p.yaml:2: scopes[0]: overrides no key"},
		{"null value", "scopes:\n  - ous: [ou-ab12-cd34ef56]\n    trusted_accounts:\n", "p.yaml:3: scopes[0].trusted_accounts: sets nothing"},
		{"key twice", "scopes:\n  - ous: [ou-ab12-cd34ef56]\n" + keys + keys, "p.yaml:4: scopes[0].max_ami_age_days: given twice (first on line 3)"},
		{"bad scoped value", "scopes:\n  - ous: [ou-ab12-cd34ef56]\n    allowed_regions: [eu-cental-1]\n", `p.yaml:3: scopes[0].allowed_regions: unknown region "eu-cental-1"`},
		{"bad scoped waiver", "scopes:\n  - ous: [ou-ab12-cd34ef56]\n    waivers:\n      - check: ec2_ebs_default_encryption\n        resource: '*'\n        reason: r\n        expires: 2027-01-01\n",
			"p.yaml:4: scopes[0].waivers[0]: missing owner"},
		{"name twice", "scopes:\n  - name: eu\n    ous: [ou-ab12-cd34ef56]\n" + keys + "  - name: eu\n    ous: [ou-ab12-ffffffff]\n" + keys, `p.yaml:5: scopes[1].name: "eu" names another scope too (line 2)`},
		{"same OU, same key", "scopes:\n  - ous: [ou-ab12-cd34ef56]\n" + keys + "  - ous: [ou-ab12-ffffffff, ou-ab12-cd34ef56]\n" + keys,
			"p.yaml:5: scopes[1].max_ami_age_days: max_ami_age_days is already set for ou-ab12-cd34ef56 by scopes[0] (line 3)"},
		{"same account, regions and jurisdictions are one key", "scopes:\n  - accounts: [\"111122223333\"]\n    allowed_regions: [eu-west-1]\n  - accounts: [\"111122223333\"]\n    allowed_jurisdictions: [EU]\n",
			"p.yaml:5: scopes[1].allowed_jurisdictions: allowed_regions/allowed_jurisdictions is already set for 111122223333 by scopes[0] (line 3)"},
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

// TestScopesWithoutConflict: what two scopes may share.
func TestScopesWithoutConflict(t *testing.T) {
	for name, in := range map[string]string{
		"same OU, other keys":         "scopes:\n  - ous: [ou-ab12-cd34ef56]\n    max_ami_age_days: 10\n  - ous: [ou-ab12-cd34ef56]\n    trusted_accounts: []\n",
		"same account, waivers add":   "scopes:\n  - accounts: [\"111122223333\"]\n    waivers: []\n  - accounts: [\"111122223333\"]\n    waivers: []\n",
		"regions and jurisdictions":   "scopes:\n  - accounts: [\"111122223333\"]\n    allowed_regions: [us-east-1]\n    allowed_jurisdictions: [EU]\n",
		"an OU and an account in one": "scopes:\n  - ous: [ou-ab12-cd34ef56]\n    accounts: [\"111122223333\"]\n    max_ami_age_days: 10\n  - accounts: [\"444455556666\"]\n    max_ami_age_days: 20\n",
	} {
		if _, err := Parse("p.yaml", []byte(in), testNames()); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestUnknownOUs(t *testing.T) {
	in := "scopes:\n  - ous: [ou-ab12-cd34ef56]\n    max_ami_age_days: 10\n  - ous:\n      - ou-ab12-ffffffff\n    max_ami_age_days: 20\n"
	p, err := Parse("p.yaml", []byte(in), testNames())
	if err != nil {
		t.Fatal(err)
	}
	if err := p.UnknownOUs(func(string) bool { return true }); err != nil {
		t.Errorf("every OU known: %v", err)
	}
	err = p.UnknownOUs(func(id string) bool { return id == "ou-ab12-cd34ef56" })
	var pe *Error
	if !errors.As(err, &pe) || pe.Line != 5 || pe.Key != "scopes[1].ous" || !strings.Contains(err.Error(), "p.yaml:5: scopes[1].ous: ou-ab12-ffffffff is not an organizational unit") {
		t.Errorf("unknown OU: %v", err)
	}
}
