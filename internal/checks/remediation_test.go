package checks

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/shoulder-dev/shoulder/internal/frameworks"
)

// providerTypes reads testdata/aws-provider-types.txt: the resource and
// data source type names of the Terraform AWS provider (provenance and how
// to refresh it in the file's header).
func providerTypes(t *testing.T) (resources, data map[string]bool) {
	t.Helper()
	f, err := os.Open("testdata/aws-provider-types.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	resources, data = map[string]bool{}, map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		kind, name, ok := strings.Cut(line, " ")
		switch {
		case ok && kind == "resource":
			resources[name] = true
		case ok && kind == "data":
			data[name] = true
		default:
			t.Fatalf("aws-provider-types.txt: bad line %q", line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(resources) < 1000 || len(data) < 400 {
		t.Fatalf("aws-provider-types.txt lists %d resources and %d data sources: truncated?", len(resources), len(data))
	}
	return resources, data
}

// terraformProblems parses one snippet as HCL and names every problem: a
// syntax error, a resource or data block whose type the AWS provider does
// not have, and a reference (aws_x.name.attr, data.aws_x.name.attr) to such
// a type.
func terraformProblems(src string, resources, data map[string]bool) []string {
	f, diags := hclsyntax.ParseConfig([]byte(src), "snippet.tf", hcl.InitialPos)
	if diags.HasErrors() {
		return []string{diags.Error()}
	}
	var probs []string
	body := f.Body.(*hclsyntax.Body)
	for _, b := range body.Blocks {
		switch b.Type {
		case "resource", "data":
			if len(b.Labels) != 2 {
				probs = append(probs, b.Type+" block needs a type and a name label")
				continue
			}
			known := resources
			if b.Type == "data" {
				known = data
			}
			if strings.HasPrefix(b.Labels[0], "aws_") && !known[b.Labels[0]] {
				probs = append(probs, b.Type+` "`+b.Labels[0]+`" is not a type of the AWS provider`)
			}
		}
	}
	_ = hclsyntax.VisitAll(body, func(n hclsyntax.Node) hcl.Diagnostics {
		e, ok := n.(*hclsyntax.ScopeTraversalExpr)
		if !ok {
			return nil
		}
		tr := e.Traversal
		root := tr.RootName()
		switch {
		case strings.HasPrefix(root, "aws_") && len(tr) >= 2 && !resources[root]:
			probs = append(probs, "reference "+root+".… names no resource type of the AWS provider")
		case root == "data" && len(tr) >= 2:
			if a, ok := tr[1].(hcl.TraverseAttr); ok && strings.HasPrefix(a.Name, "aws_") && !data[a.Name] {
				probs = append(probs, "reference data."+a.Name+".… names no data source of the AWS provider")
			}
		}
		return nil
	})
	return probs
}

// TestRemediationTerraform: every check's Terraform snippet parses as HCL
// and names only real AWS provider resource and data source types.
func TestRemediationTerraform(t *testing.T) {
	resources, data := providerTypes(t)
	blocks := 0
	for _, c := range All() {
		for _, p := range terraformProblems(c.Remediation.Terraform, resources, data) {
			t.Errorf("%s: Terraform: %s\n%s", c.ID, p, c.Remediation.Terraform)
		}
		blocks += strings.Count(c.Remediation.Terraform, "resource \"") + strings.Count(c.Remediation.Terraform, "data \"")
	}
	if blocks < len(All())*9/10 {
		t.Errorf("only %d resource/data blocks in %d snippets: are the snippets read?", blocks, len(All()))
	}
}

// TestTerraformValidatorRejects: the validator catches what it claims to.
func TestTerraformValidatorRejects(t *testing.T) {
	resources, data := providerTypes(t)
	cases := []struct{ name, src, want string }{
		{"good", "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = true\n}\ndata \"aws_caller_identity\" \"me\" {}\n", ""},
		{"syntax", "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = true\n", "Unclosed configuration block"},
		{"escaped one-liner", `resource \"aws_kms_key\" \"k\" {}`, "Invalid"},
		{"placeholder outside a string", "resource \"aws_kms_key\" \"k\" {\n  key_id = <KEY_ID>\n}", "Invalid expression"},
		{"unknown resource", "resource \"aws_kms_keys\" \"k\" {}", `resource "aws_kms_keys" is not a type`},
		{"data source used as resource", "resource \"aws_caller_identity\" \"me\" {}", `resource "aws_caller_identity" is not a type`},
		{"unknown data source", "data \"aws_kms_keyz\" \"k\" {}", `data "aws_kms_keyz" is not a type`},
		{"unknown reference", "resource \"aws_kms_alias\" \"a\" {\n  target_key_id = aws_kms_kee.k.id\n}", "reference aws_kms_kee"},
		{"unknown data reference", "resource \"aws_kms_alias\" \"a\" {\n  target_key_id = data.aws_kms_kee.k.id\n}", "reference data.aws_kms_kee"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			probs := strings.Join(terraformProblems(tc.src, resources, data), "; ")
			if tc.want == "" && probs != "" || !strings.Contains(probs, tc.want) {
				t.Fatalf("problems %q, want %q", probs, tc.want)
			}
		})
	}
}

type cliReport struct {
	Errors []struct {
		Check string `json:"check"`
		Line  string `json:"line"`
		Error string `json:"error"`
	} `json:"errors"`
	Commands int    `json:"commands"`
	AWSCLI   string `json:"awscli"`
	Botocore string `json:"botocore"`
}

// validateCLI runs testdata/validate_cli.py (the AWS CLI's own command
// table over botocore's service models) on CLI texts by name. Without
// python3 and awscli the test is skipped, except where
// SHOULDER_REQUIRE_AWSCLI is set (CI), where it fails.
func validateCLI(t *testing.T, texts map[string]string) cliReport {
	t.Helper()
	probe := exec.Command("python3", "-c", "import awscli.clidriver, botocore")
	if out, err := probe.CombinedOutput(); err != nil {
		msg := "python3 cannot import awscli and botocore (the AWS CLI the remediation lines are checked against): " + string(out)
		if os.Getenv("SHOULDER_REQUIRE_AWSCLI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	in, err := json.Marshal(texts)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("python3", "testdata/validate_cli.py")
	cmd.Stdin = bytes.NewReader(in)
	// No AWS configuration is read that could change the command table.
	cmd.Env = append(os.Environ(), "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null", "AWS_DATA_PATH=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("validate_cli.py: %v\n%s", err, stderr.String())
	}
	var r cliReport
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("validate_cli.py output: %v\n%s", err, out)
	}
	return r
}

// TestRemediationCLI: every AWS CLI line of every check names a real
// command, operation and parameters, with every required parameter.
func TestRemediationCLI(t *testing.T) {
	texts := map[string]string{}
	for _, c := range All() {
		texts[c.ID] = c.Remediation.CLI
	}
	r := validateCLI(t, texts)
	t.Logf("%d commands checked against aws-cli %s, botocore %s", r.Commands, r.AWSCLI, r.Botocore)
	if r.Commands < len(texts) {
		t.Errorf("only %d commands in %d checks' CLI text", r.Commands, len(texts))
	}
	for _, e := range r.Errors {
		t.Errorf("%s: %s\n  %s", e.Check, e.Error, e.Line)
	}
}

// TestCLIValidatorRejects: the CLI validator catches what it claims to and
// accepts the CLI's customisations.
func TestCLIValidatorRejects(t *testing.T) {
	cases := map[string]struct{ cli, want string }{
		"ok":                  {"aws kms enable-key-rotation --key-id <KEY_ID> --rotation-period-in-days 365", ""},
		"ok s3 high-level":    {"aws s3 sync s3://<OLD> s3://<NEW>\naws s3 rb s3://<OLD> --force", ""},
		"ok continuation":     {"aws ec2 create-network-acl-entry --network-acl-id <ACL> --ingress \\\n  --rule-number 90 --protocol tcp --cidr-block 0.0.0.0/0 --rule-action deny", ""},
		"ok boolean negation": {"aws rds modify-db-instance --db-instance-identifier <DB> --no-multi-az --apply-immediately", ""},
		"ok input json":       {"aws kms enable-key-rotation --cli-input-json file://rotation.json", ""},
		"ok comment":          {"# only in the console", ""},
		"ok substitution":     {`aws ec2 revoke-security-group-ingress --group-id <SG> --ip-permissions "$(aws ec2 describe-security-groups --group-ids <SG> --query 'SecurityGroups[0].IpPermissions')"`, ""},
		"not aws":             {"kubectl get pods", "not an AWS CLI command"},
		"unknown service":     {"aws kmss list-keys", "unknown service command"},
		"botocore name":       {"aws config describe-config-rules", "unknown service command"},
		"unknown operation":   {"aws kms enable-rotation --key-id <K>", "has no command"},
		"unknown parameter":   {"aws kms enable-key-rotation --key <K>", "has no parameter --key"},
		"missing required":    {"aws kms enable-key-rotation --rotation-period-in-days 365", "required parameter --key-id"},
		"bad enum":            {"aws ec2 create-network-acl-entry --network-acl-id <A> --ingress --rule-number 1 --protocol tcp --cidr-block 0.0.0.0/0 --rule-action block", "is not one of"},
		"not an integer":      {"aws kms enable-key-rotation --key-id <K> --rotation-period-in-days yearly", "wants an integer"},
		"flag with value":     {"aws rds modify-db-instance --db-instance-identifier <DB> --multi-az true", "takes no value"},
		"stray argument":      {"aws ec2 modify-instance-attribute ... --instance-id <I>", "unexpected argument"},
		"bad substitution":    {`aws ec2 revoke-security-group-ingress --group-id <SG> --ip-permissions "$(aws ec2 describe-security-group --group-ids <SG>)"`, "has no command"},
		"s3 extra positional": {"aws s3 rb s3://<A> s3://<B>", "unexpected argument"},
	}
	texts := map[string]string{}
	for name, tc := range cases {
		texts[name] = tc.cli
	}
	r := validateCLI(t, texts)
	got := map[string][]string{}
	for _, e := range r.Errors {
		got[e.Check] = append(got[e.Check], e.Error)
	}
	names := make([]string, 0, len(cases))
	for name := range cases {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		tc, errs := cases[name], strings.Join(got[name], "; ")
		if tc.want == "" && errs != "" || !strings.Contains(errs, tc.want) {
			t.Errorf("%s: errors %q, want %q", name, errs, tc.want)
		}
	}
}

// controlMention finds framework controls cited in check text, e.g.
// "FSBP KMS.3" or "CIS 1.4".
var controlMention = regexp.MustCompile(`\b(FSBP|CIS) ([A-Za-z0-9]+\.[0-9]+(?:\.[0-9]+)*)\b`)

// TestMetadataControlsExist: every framework control a check's text cites
// exists in the framework data (internal/frameworks), so the text and the
// mapping cannot drift apart by a typo.
func TestMetadataControlsExist(t *testing.T) {
	fws, err := frameworks.All()
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, fw := range fws {
		kind := "FSBP"
		if strings.HasPrefix(fw.ID, "cis-") {
			kind = "CIS"
		}
		for _, c := range fw.Controls {
			known[kind+" "+c.ID] = true
		}
	}
	cited := 0
	for _, c := range All() {
		text := strings.Join([]string{c.Title, c.Description, c.Rationale, c.Remediation.Console, c.Remediation.CLI, c.Remediation.Terraform}, "\n")
		for _, m := range controlMention.FindAllStringSubmatch(text, -1) {
			cited++
			if !known[m[1]+" "+m[2]] {
				t.Errorf("%s cites %s %s, which no framework in internal/frameworks/data has", c.ID, m[1], m[2])
			}
		}
	}
	if cited == 0 {
		t.Error("no check cites a control: the pattern is broken")
	}
	for _, bad := range []string{"FSBP KMS.99", "CIS 99.1"} {
		if m := controlMention.FindStringSubmatch(bad); m == nil || known[m[1]+" "+m[2]] {
			t.Errorf("%s is not caught", bad)
		}
	}
}
