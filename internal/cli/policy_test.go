package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/demo/builder"
	"github.com/shoulder-dev/shoulder/internal/policy"
)

// writeFile writes content to dir/name and returns the path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// policyCommands are the commands that read a policy; every bad policy
// must stop each of them with exit 2.
func policyCommands() [][]string {
	return [][]string{{"scan"}}
}

// TestBadPolicyThroughCLI runs every kind of bad policy input through the
// real CLI: exit 2, and a message naming file, line and key.
func TestBadPolicyThroughCLI(t *testing.T) {
	dir := t.TempDir()
	const waiver = "waivers:\n  - check: ec2_sg_no_admin_ports_from_internet\n    resource: arn:aws:ec2:*\n    reason: r\n    owner: o\n"
	tests := []struct {
		name, content, want string
	}{
		{"unknown key", "classification_tag: x\ntrusted_acounts: []\n", `:2: trusted_acounts: unknown key (did you mean trusted_accounts?)`},
		{"unknown waiver key", waiver + "    expires: 2027-01-01\n    approved: yes\n", ":7: waivers[0].approved: unknown key"},
		{"wrong type: list for scalar", "organization_id: [o-abcdefghij]\n", ":1: organization_id: want a single value, got a list"},
		{"wrong type: scalar for list", "trusted_accounts: 444455556666\n", ":1: trusted_accounts: want a list"},
		{"wrong type: word for number", "max_ami_age_days: half a year\n", `:1: max_ami_age_days: want a whole number of days, got the value "half a year"`},
		{"wrong type: map for list", "corporate_cidrs:\n  office: 198.51.100.0/24\n", ":2: corporate_cidrs: want a list"},
		{"invalid CIDR", "corporate_cidrs:\n  - 198.51.100.0/24\n  - 198.51.100.0/33\n", `:3: corporate_cidrs: "198.51.100.0/33" is not a valid CIDR`},
		{"CIDR with host bits", "corporate_cidrs: [10.200.1.1/16]\n", `:1: corporate_cidrs: "10.200.1.1/16" has host bits set`},
		{"region name", "allowed_regions:\n  - eu-central-1\n  - eu-cental-1\n", `:3: allowed_regions: unknown region "eu-cental-1" (did you mean eu-central-1?)`},
		{"jurisdiction", "allowed_jurisdictions: [Europe]\n", `:1: allowed_jurisdictions: unknown jurisdiction "Europe" (known: `},
		{"account ID", "trusted_accounts:\n  - \"44445555666\"\n", `:2: trusted_accounts: "44445555666" is not an AWS account ID`},
		{"organization ID", "organization_id: alpenglow\n", `:1: organization_id: "alpenglow" is not an AWS Organizations ID`},
		{"date", waiver + "    expires: 31.03.2027\n", `:6: waivers[0].expires: "31.03.2027" is not a date (want YYYY-MM-DD)`},
		{"impossible date", waiver + "    expires: 2027-02-30\n", `:6: waivers[0].expires: "2027-02-30" is not a date`},
		{"missing waiver field", "waivers:\n  - check: ec2_sg_no_admin_ports_from_internet\n    resource: arn:aws:ec2:*\n    owner: o\n    expires: 2027-01-01\n", ":2: waivers[0]: missing reason"},
		{"waiver check", "waivers:\n  - check: ec2_sg_admin_ports\n    resource: '*'\n    reason: r\n    owner: o\n    expires: 2027-01-01\n", `:2: waivers[0].check: unknown check "ec2_sg_admin_ports"`},
		{"override check", "severity_overrides:\n  iam_root_mfa_enable: low\n", `:2: severity_overrides: unknown check "iam_root_mfa_enable" (did you mean iam_root_mfa_enabled?)`},
		{"override severity", "severity_overrides:\n  iam_root_mfa_enabled: urgent\n", `:2: severity_overrides.iam_root_mfa_enabled: unknown severity "urgent"`},
		{"custody level", "required_custody:\n  pii: customer-managed-key\n", `:2: required_custody.pii: unknown custody level "customer-managed-key"`},
		{"custody as list", "required_custody: [customer_managed]\n", ":1: required_custody: want a mapping"},
		{"yaml syntax", "allowed_regions:\n  - eu-central-1\n - eu-west-1\n", "invalid YAML"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, dir, strings.ReplaceAll(tc.name, " ", "_")+".yaml", tc.content)
			for _, cmd := range policyCommands() {
				args := append(append([]string(nil), cmd...), "--demo", "--config", path)
				code, out, stderr := run(t, args...)
				if code != ExitError {
					t.Errorf("%v: exit %d, want 2", cmd, code)
				}
				if want := path + tc.want; !strings.Contains(stderr, want) && !(tc.want == "invalid YAML" && strings.Contains(stderr, path+":") && strings.Contains(stderr, tc.want)) {
					t.Errorf("%v: stderr %q\ndoes not contain %q", cmd, stderr, want)
				}
				if out != "" {
					t.Errorf("%v: a bad policy must stop before any output, got %q", cmd, out)
				}
			}
		})
	}
}

func TestMissingConfigFile(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope.yaml")
	for _, cmd := range policyCommands() {
		code, _, stderr := run(t, append(cmd, "--demo", "--config", missing)...)
		if code != ExitError || !strings.Contains(stderr, "--config: policy file "+missing+" does not exist") {
			t.Errorf("%v: exit %d, stderr %q", cmd, code, stderr)
		}
	}
}

// TestPolicyDiscovery: ./shoulder.yaml is read when present (and named as
// the user knows it); no file means the defaults; --demo brings its own
// policy unless --config is given.
func TestPolicyDiscovery(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	snap := writeFile(t, dir, "demo.json", string(demo.Bytes()))
	policyOf := func(args ...string) string {
		t.Helper()
		code, out, stderr := run(t, append(args, "--format", "json", "--fail-on", "none")...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		var doc struct {
			Policy string `json:"policy"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		return doc.Policy
	}
	if got := policyOf("scan", "--snapshot", snap); got != "" {
		t.Errorf("no shoulder.yaml: policy %q, want the defaults", got)
	}
	if got := policyOf("scan", "--demo"); got != demo.PolicyName {
		t.Errorf("--demo: policy %q", got)
	}
	writeFile(t, dir, policy.FileName, "max_ami_age_days: 30\n")
	if got := policyOf("scan", "--snapshot", snap); got != policy.FileName {
		t.Errorf("with ./shoulder.yaml: policy %q", got)
	}
	other := writeFile(t, dir, "other.yaml", "max_ami_age_days: 60\n")
	if got := policyOf("scan", "--demo", "--config", other); got != other {
		t.Errorf("--demo --config: policy %q", got)
	}
	// A broken ./shoulder.yaml is an error, named relative to the user.
	writeFile(t, dir, policy.FileName, "max_ami_age_days: often\n")
	code, _, stderr := run(t, "scan", "--snapshot", snap)
	if code != ExitError || !strings.HasPrefix(stderr, "shoulder: shoulder.yaml:1: max_ami_age_days:") {
		t.Errorf("broken ./shoulder.yaml: exit %d, stderr %q", code, stderr)
	}
}

func TestInit(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	code, out, stderr := run(t, "init")
	if code != ExitOK || !strings.Contains(out, "wrote shoulder.yaml") {
		t.Fatalf("init: exit %d, %q %q", code, out, stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, policy.FileName))
	if err != nil || string(b) != string(policy.Starter()) {
		t.Fatalf("init wrote %q (%v)", b, err)
	}
	// The starter is a valid policy for every command that reads one.
	snap := writeFile(t, dir, "demo.json", string(demo.Bytes()))
	if code, _, stderr := run(t, "scan", "--snapshot", snap, "--fail-on", "none"); code != ExitOK {
		t.Errorf("scan with the starter policy: exit %d: %s", code, stderr)
	}
	// No overwrite without --force; the file is left as it was.
	writeFile(t, dir, policy.FileName, "max_ami_age_days: 7\n")
	code, _, stderr = run(t, "init")
	if code != ExitError || !strings.Contains(stderr, "shoulder.yaml already exists; use --force") {
		t.Errorf("second init: exit %d, %q", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, policy.FileName)); string(b) != "max_ami_age_days: 7\n" {
		t.Errorf("init without --force changed the file: %q", b)
	}
	if code, _, stderr := run(t, "init", "--force"); code != ExitOK {
		t.Errorf("init --force: exit %d %s", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, policy.FileName)); string(b) != string(policy.Starter()) {
		t.Error("init --force did not rewrite the file")
	}
	other := filepath.Join(dir, "sub", "p.yaml")
	if code, _, stderr := run(t, "init", "-o", other); code != ExitError || !strings.Contains(stderr, "writing "+other) {
		t.Errorf("init into a missing directory: exit %d %q", code, stderr)
	}
}

// TestDemoPolicy: the demo's policy states what the demo account needs:
// EU residency, the trusted (not the untrusted) partner, the organization,
// the office and VPN ranges, sensitive classifications, and three waivers.
func TestDemoPolicy(t *testing.T) {
	p, err := policy.Parse(demo.PolicyName, demo.Policy(), policyNames())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []string{"eu-central-1", "eu-west-1"} {
		if !p.RegionAllowed(r) {
			t.Errorf("%s not allowed", r)
		}
	}
	for _, r := range []string{"us-east-1", "me-central-1"} {
		if p.RegionAllowed(r) {
			t.Errorf("%s allowed", r)
		}
	}
	if !p.IsTrustedAccount(builder.TrustedPartner) || p.IsTrustedAccount(builder.UntrustedPartner) {
		t.Errorf("trusted accounts %v", p.TrustedAccounts)
	}
	if p.OrganizationID != builder.OrgID {
		t.Errorf("organization %q", p.OrganizationID)
	}
	if !p.IsCorporate("198.51.100.0/24") || !p.IsCorporate("10.200.4.0/24") || p.IsCorporate("0.0.0.0/0") {
		t.Errorf("corporate CIDRs %v", p.CorporateCIDRs)
	}
	if p.ClassTag() != "data-classification" || !p.IsSensitive(map[string]string{"data-classification": "pii"}) || p.IsSensitive(map[string]string{"data-classification": "internal"}) {
		t.Errorf("classification %q %v", p.ClassificationTag, p.SensitiveValues)
	}
	if len(p.Waivers) != 3 {
		t.Errorf("%d waivers, want 3", len(p.Waivers))
	}
}

// TestDemoWaivers: the scan shows the valid waiver as waived with owner and
// reason, the expired one as no longer applying (its finding fails again)
// and reported, and the stale one reported.
func TestDemoWaivers(t *testing.T) {
	code, out, stderr := run(t, "scan", "--demo", "--format", "json")
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Results []struct {
			CheckID  string `json:"check_id"`
			Status   string `json:"status"`
			Resource string `json:"resource"`
			Message  string `json:"message"`
			Waiver   *struct {
				Owner  string `json:"owner"`
				Reason string `json:"reason"`
			} `json:"waiver"`
		} `json:"results"`
		WaiverIssues []struct {
			Waiver struct {
				Check    string `json:"check"`
				Resource string `json:"resource"`
			} `json:"waiver"`
			Problem string `json:"problem"`
		} `json:"waiver_issues"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	p, err := policy.Parse(demo.PolicyName, demo.Policy(), policyNames())
	if err != nil {
		t.Fatal(err)
	}
	valid, expired, stale := p.Waivers[0], p.Waivers[1], p.Waivers[2]
	status := map[string]string{}
	waived := 0
	for _, r := range doc.Results {
		status[r.CheckID+" "+r.Resource] = r.Status
		if r.Status == "waived" {
			waived++
			if r.Waiver == nil || r.Waiver.Owner != valid.Owner || r.Waiver.Reason != valid.Reason || !strings.Contains(r.Message, valid.Owner) {
				t.Errorf("waived result without who and why: %+v", r)
			}
		}
	}
	if got := status[valid.Check+" "+valid.Resource]; got != "waived" {
		t.Errorf("valid waiver target is %q, want waived", got)
	}
	if got := status[expired.Check+" "+expired.Resource]; got != "fail" {
		t.Errorf("expired waiver target is %q, want fail (the waiver no longer applies)", got)
	}
	if waived != 1 {
		t.Errorf("%d waived results, want exactly the valid waiver's one", waived)
	}
	issues := map[string]string{}
	for _, wi := range doc.WaiverIssues {
		issues[wi.Waiver.Check+" "+wi.Waiver.Resource] = wi.Problem
	}
	if len(issues) != 2 || issues[expired.Check+" "+expired.Resource] != "expired" || issues[stale.Check+" "+stale.Resource] != "stale" {
		t.Errorf("waiver issues %v, want the expired and the stale one", issues)
	}
	// The table says the same to a person.
	_, table, _ := run(t, "scan", "--demo")
	table = strings.ReplaceAll(table, "\n      ", " ") // evidence wraps to the width
	for _, want := range []string{"WAIVED", "waived by " + valid.Owner, "expired waiver: " + expired.Check, "stale waiver: " + stale.Check} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q", want)
		}
	}
}

// TestStarterExamplesAreReal: every example in the starter file, once
// uncommented, names real regions, jurisdictions, custody levels and checks.
func TestStarterExamplesAreReal(t *testing.T) {
	var b strings.Builder
	for _, line := range strings.Split(string(policy.Starter()), "\n") {
		if rest, ok := strings.CutPrefix(line, "# "); ok {
			for _, k := range policy.Keys() {
				if strings.HasPrefix(rest, k+":") {
					line = rest
				}
			}
			if strings.HasPrefix(rest, "  ") {
				line = rest
			}
		}
		b.WriteString(line + "\n")
	}
	p, err := policy.Parse("starter", []byte(b.String()), policyNames())
	if err != nil {
		t.Fatalf("uncommented starter: %v\n%s", err, b.String())
	}
	if len(p.Waivers) != 1 || len(p.RequiredCustody) == 0 || !p.RegionsConfigured() || len(p.SeverityOverrides) == 0 {
		t.Errorf("the starter's examples did not all parse: %+v", p)
	}
	// The jurisdiction groups and custody levels the starter lists exist.
	for _, j := range []string{"EU", "Europe-non-EEA", "US", "Americas-non-US", "APAC", "Middle-East", "Africa", "CN"} {
		if !strings.Contains(string(policy.Starter()), j) {
			continue
		}
		if _, err := policyNames().Jurisdiction(j); err != nil {
			t.Errorf("starter names jurisdiction %s: %v", j, err)
		}
	}
	for _, l := range []string{"none", "aws_owned", "aws_managed", "customer_managed", "imported", "cloudhsm", "external_key_store"} {
		if err := policyNames().CustodyLevel(l); err != nil {
			t.Errorf("starter names custody level %s: %v", l, err)
		}
	}
}
