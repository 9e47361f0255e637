package cli

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/demo/builder"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// effectCase shows that one policy key changes a real check's result on
// the demo account: the check's verdict on resource under policy `without`
// differs from its verdict under policy `with`, which adds the key.
type effectCase struct {
	key      string
	check    string
	resource string // the result's ARN
	without  string // a policy without the key
	with     string // the same policy plus the key
	// wantWithout and wantWith are "status severity", e.g. "fail high".
	// "" means the check reports nothing on the resource (e.g. one
	// not_applicable result for the account instead).
	wantWithout, wantWith string
	// mutate, when set, changes the demo account before the scan (it is
	// then scanned as a snapshot).
	mutate func(a *state.Account)
}

const demoARN = "arn:aws:%s:%s:" + builder.AccountID + ":%s"

func demoRes(service, region, res string) string { return fmt.Sprintf(demoARN, service, region, res) }

func effectCases() []effectCase {
	const euOnly = "allowed_regions: [eu-central-1, eu-west-1]\n"
	rdp := demoRes("ec2", "us-east-1", "security-group/sg-win-rdp-us-east-1")
	return []effectCase{
		{key: "allowed_regions", check: "s3_bucket_in_allowed_region", resource: "arn:aws:s3:::alpenglow-marketing-assets",
			without: "", with: euOnly, wantWithout: "", wantWith: "fail high"}, // without: one not_applicable for the account
		{key: "allowed_jurisdictions", check: "s3_bucket_in_allowed_region", resource: "arn:aws:s3:::alpenglow-ml-models",
			without: "allowed_regions: [eu-central-1]\n", with: "allowed_regions: [eu-central-1]\nallowed_jurisdictions: [EU]\n",
			wantWithout: "fail critical", wantWith: "pass high"},
		{key: "trusted_accounts", check: "ec2_ami_shared_trusted_only", resource: demoRes("ec2", "us-east-1", "image/ami-0a1f0old0000002"),
			without: "", with: "trusted_accounts: [\"" + builder.UntrustedPartner + "\"]\n",
			wantWithout: "fail high", wantWith: "pass high"},
		// The management account's facts place the demo in
		// Root/Workloads/Analytics: under the Workloads OU the policy names.
		{key: "organization_ous", check: "organizations_account_in_policy_ou", resource: "arn:aws:iam::" + builder.AccountID + ":root",
			without: "", with: "organization_ous: [ou-alpg-workload]\n", wantWithout: "not_applicable medium", wantWith: "pass medium"},
		{key: "corporate_cidrs", check: "ec2_sg_admin_ports_corporate_only", resource: demoRes("ec2", "eu-central-1", "security-group/sg-bastion-eu-central-1"),
			without: "", with: "corporate_cidrs: [198.51.100.0/24, 10.200.0.0/16]\n", wantWithout: "", wantWith: "pass high"},
		// The marketing bucket is tagged internal: sensitive only when the
		// policy says internal data is sensitive; then its residency
		// failure is one severity higher.
		{key: "sensitive_values", check: "s3_bucket_in_allowed_region", resource: "arn:aws:s3:::alpenglow-marketing-assets",
			without: euOnly, with: euOnly + "sensitive_values: [internal]\n", wantWithout: "fail high", wantWith: "fail critical"},
		// The CRM backup is tagged data-classification: pii; read from
		// another tag key, it is not classified, so not raised.
		{key: "classification_tag", check: "s3_bucket_in_allowed_region", resource: "arn:aws:s3:::alpenglow-crm-backup-us",
			without: euOnly, with: euOnly + "classification_tag: owner\n", wantWithout: "fail critical", wantWith: "fail high"},
		// The events Aurora cluster keeps 7 days of backups: enough by
		// default, not for a policy asking 14 (and it holds confidential
		// data, so its failure is one severity higher).
		{key: "min_backup_retention_days", check: "rds_cluster_backup_retention", resource: demoRes("rds", "eu-central-1", "cluster:events-aurora"),
			without: "", with: "min_backup_retention_days: 14\n", wantWithout: "pass medium", wantWith: "fail high"},
		// Without required_custody, sensitive data needs a customer managed
		// key; the policy may accept less for a classification.
		{key: "required_custody", check: "kms_data_store_custody", resource: "arn:aws:s3:::alpenglow-customer-exports",
			without: "", with: "required_custody:\n  pii: aws_managed\n", wantWithout: "fail critical", wantWith: "pass high"},
		{key: "max_access_key_age_days", check: "iam_user_access_key_rotated", resource: "arn:aws:iam::" + builder.AccountID + ":user/clara.wagner",
			without: "", with: "max_access_key_age_days: 365\n", wantWithout: "fail medium", wantWith: "pass medium"},
		{key: "max_credential_unused_days", check: "iam_user_unused_access_key_disabled", resource: "arn:aws:iam::" + builder.AccountID + ":user/marketing-bot",
			without: "", with: "max_credential_unused_days: 120\n", wantWithout: "fail medium", wantWith: "pass medium"},
		// The demo account is in o-alpenglow01: once the policy names it,
		// membership is verified.
		{key: "organization_id", check: "organizations_account_in_policy_org", resource: "arn:aws:iam::" + builder.AccountID + ":root",
			without: "", with: "organization_id: " + builder.OrgID + "\n", wantWithout: "not_applicable medium", wantWith: "pass medium"},
		{key: "organization_id", check: "organizations_account_in_policy_org", resource: "arn:aws:iam::" + builder.AccountID + ":root",
			without: "", with: "organization_id: o-someoneelse\n", wantWithout: "not_applicable medium", wantWith: "fail medium",
			mutate: func(a *state.Account) { a.Organization = nil }},
		{key: "max_lambda_update_age_days", check: "lambda_function_runtime_update_auto", resource: demoRes("lambda", "us-east-1", "function:cms-thumbnails"),
			without: "", with: "max_lambda_update_age_days: 365\n", wantWithout: "fail medium", wantWith: "pass medium"},
		// A function policy open to everyone in a partner organization, or
		// through a partner's VPC endpoint: untrusted until the policy names
		// them.
		{key: "trusted_organizations", check: "lambda_function_policy_trusted", resource: ingestFn,
			without: "", with: "trusted_organizations: [o-partner0001]\n", wantWithout: "fail critical", wantWith: "pass critical",
			mutate: setFunctionPolicy(ingestFn, `"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-partner0001"}}`)},
		{key: "trusted_vpc_endpoints", check: "lambda_function_policy_trusted", resource: ingestFn,
			without: "", with: "trusted_vpc_endpoints: [vpce-0a1b2c3d4e5f60718]\n", wantWithout: "fail critical", wantWith: "pass critical",
			mutate: setFunctionPolicy(ingestFn, `"Condition":{"StringEquals":{"aws:SourceVpce":"vpce-0a1b2c3d4e5f60718"}}`)},
		{key: "max_ami_age_days", check: "ec2_instance_ami_age", resource: demoRes("ec2", "eu-central-1", "instance/i-0a1f000000000001"),
			without: "", with: "max_ami_age_days: 30\n", wantWithout: "pass medium", wantWith: "fail medium"},
		{key: "severity_overrides", check: "ec2_sg_no_admin_ports_from_internet", resource: rdp,
			without: "", with: "severity_overrides:\n  ec2_sg_no_admin_ports_from_internet: low\n", wantWithout: "fail high", wantWith: "fail low"},
		// A scope naming the demo account: its keys apply to it (per-OU
		// scopes: TestScopedPolicyPerAccount).
		{key: "scopes", check: "s3_bucket_in_allowed_region", resource: "arn:aws:s3:::alpenglow-marketing-assets",
			without: "", with: "scopes:\n  - accounts: [\"" + builder.AccountID + "\"]\n    " + euOnly, wantWithout: "", wantWith: "fail high"},
		{key: "waivers", check: "ec2_sg_no_admin_ports_from_internet", resource: rdp,
			without: "", with: "waivers:\n  - check: ec2_sg_no_admin_ports_from_internet\n    resource: " + rdp + "\n    reason: reporting server moves behind the VPN\n    owner: it-ops\n    expires: 2027-01-31\n",
			wantWithout: "fail high", wantWith: "waived high"},
	}
}

// verdictOn runs one check on the demo under a policy and returns
// "status severity" for the resource ("" when the check says nothing
// about it).
func verdictOn(t *testing.T, dir, checkID, resource, pol string, mutate func(*state.Account)) string {
	t.Helper()
	path := writeFile(t, dir, "policy.yaml", pol)
	source := []string{"--demo"}
	if mutate != nil {
		a, err := demo.Load()
		if err != nil {
			t.Fatal(err)
		}
		mutate(a)
		snap := filepath.Join(dir, "state.json")
		if err := state.SaveSnapshot(snap, a, "test"); err != nil {
			t.Fatal(err)
		}
		source = []string{"--snapshot", snap}
	}
	args := append(append([]string{"scan"}, source...), "--config", path, "--check", checkID, "--format", "json", "--fail-on", "none")
	code, out, stderr := run(t, args...)
	if code != ExitOK {
		t.Fatalf("scan: exit %d: %s", code, stderr)
	}
	var doc struct {
		Results []struct {
			Status   string `json:"status"`
			Severity string `json:"severity"`
			Resource string `json:"resource"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	for _, r := range doc.Results {
		if r.Resource == resource {
			return r.Status + " " + r.Severity
		}
	}
	return ""
}

// TestEveryPolicyKeyChangesAResult: each key of shoulder.yaml changes what
// a real check reports on the demo account.
// ingestFn is the demo's datalake-ingest function.
var ingestFn = "arn:aws:lambda:eu-central-1:" + builder.AccountID + ":function:datalake-ingest"

// setFunctionPolicy replaces function arn's policy with a grant to everyone
// under cond.
func setFunctionPolicy(arn, cond string) func(*state.Account) {
	return func(a *state.Account) {
		for i := range a.Lambda.Functions {
			if f := &a.Lambda.Functions[i]; f.ARN == arn {
				f.Policy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction","Resource":"` + arn + `",` + cond + `}]}`
			}
		}
	}
}

func TestEveryPolicyKeyChangesAResult(t *testing.T) {
	dir := t.TempDir()
	covered := map[string]bool{}
	for _, tc := range effectCases() {
		covered[tc.key] = true
		t.Run(tc.key, func(t *testing.T) {
			if !strings.Contains(tc.with, tc.key+":") || strings.Contains(tc.without, tc.key+":") {
				t.Fatalf("the case must add %s to the policy", tc.key)
			}
			before := verdictOn(t, dir, tc.check, tc.resource, tc.without, tc.mutate)
			after := verdictOn(t, dir, tc.check, tc.resource, tc.with, tc.mutate)
			if before != tc.wantWithout || after != tc.wantWith {
				t.Errorf("%s on %s: without %s %q, with it %q; want %q then %q", tc.check, tc.resource, tc.key, before, after, tc.wantWithout, tc.wantWith)
			}
			if before == after {
				t.Errorf("%s does not change the result", tc.key)
			}
		})
	}
	for _, k := range policy.Keys() {
		if !covered[k] {
			t.Errorf("policy key %s has no test showing it changes a result", k)
		}
	}
}
