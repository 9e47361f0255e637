package memberrole_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"sort"
	"testing"

	"github.com/awslabs/goformation/v7"
	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/awslabs/goformation/v7/intrinsics"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/shoulder-dev/shoulder/internal/collect"
	"github.com/shoulder-dev/shoulder/internal/exposure"
	"github.com/shoulder-dev/shoulder/internal/memberrole"
)

const scanner, member = "111122223333", "444455556666"

func opts(externalID string) memberrole.Options {
	return memberrole.Options{RoleName: "ShoulderAudit", ScannerAccount: scanner, ExternalID: externalID, SessionName: "shoulder-scan"}
}

// parse reads a template with goformation, the parameters set as a
// deployment would set them (goformation knows no AWS::Partition).
func parse(t *testing.T, body []byte, params map[string]any) *cloudformation.Template {
	t.Helper()
	tmpl, err := goformation.ParseJSONWithOptions(body, &intrinsics.ProcessorOptions{
		ParameterOverrides: params,
		IntrinsicHandlerOverrides: map[string]intrinsics.IntrinsicHandler{
			"Ref": func(name string, input, template any) any {
				if input == "AWS::Partition" {
					return "aws"
				}
				return intrinsics.Ref(name, input, template)
			},
		},
	})
	if err != nil {
		t.Fatalf("goformation: %v\n%s", err, body)
	}
	return tmpl
}

// TestStackSetTemplate: the StackSet is service-managed with automatic
// deployment, and its body creates the role with the least-privilege
// policy and outputs its ARN.
func TestStackSetTemplate(t *testing.T) {
	for _, ext := range []string{"", "shoulder-ext-7f3a"} {
		t.Run("external id "+ext, func(t *testing.T) {
			out, err := memberrole.StackSetTemplate(opts(ext))
			if err != nil {
				t.Fatal(err)
			}
			tmpl := parse(t, out, nil)
			ss, err := tmpl.GetCloudFormationStackSetWithName(memberrole.StackSetLogicalID)
			if err != nil {
				t.Fatal(err)
			}
			if ss.PermissionModel != "SERVICE_MANAGED" || ss.AutoDeployment == nil || ss.AutoDeployment.Enabled == nil || !*ss.AutoDeployment.Enabled {
				t.Errorf("not service-managed with automatic deployment: %+v", ss)
			}
			if !reflect.DeepEqual(ss.Capabilities, []string{"CAPABILITY_NAMED_IAM"}) || len(ss.StackInstancesGroup) != 1 {
				t.Errorf("capabilities %v, instances %+v", ss.Capabilities, ss.StackInstancesGroup)
			}
			if _, ok := tmpl.Outputs[memberrole.OutputStackSetID]; !ok {
				t.Error("no StackSet output")
			}
			if ss.TemplateBody == nil {
				t.Fatal("no template body")
			}
			want, err := memberrole.MemberTemplate(opts(ext))
			if err != nil {
				t.Fatal(err)
			}
			if *ss.TemplateBody != string(want) {
				t.Error("the StackSet's body is not the member template")
			}
			// Every parameter the body declares is passed on by the StackSet.
			body := parse(t, []byte(*ss.TemplateBody), nil)
			var declared, passed []string
			for k := range body.Parameters {
				declared = append(declared, k)
			}
			for _, p := range ss.Parameters {
				passed = append(passed, p.ParameterKey)
			}
			sort.Strings(declared)
			sort.Strings(passed)
			if !reflect.DeepEqual(declared, passed) {
				t.Errorf("body parameters %v, passed %v", declared, passed)
			}
			role, err := body.GetIAMRoleWithName(memberrole.RoleLogicalID)
			if err != nil {
				t.Fatal(err)
			}
			if len(role.Policies) != 1 || role.Policies[0].PolicyName != memberrole.PolicyName {
				t.Fatalf("policies %+v", role.Policies)
			}
			if got := policyDoc(t, role.Policies[0].PolicyDocument); !reflect.DeepEqual(got, collect.LeastPrivilegePolicy()) {
				t.Errorf("the role's policy is not the least-privilege policy:\n%+v", got)
			}
			if _, ok := body.Outputs[memberrole.OutputRoleARN]; !ok {
				t.Error("no role ARN output")
			}
		})
	}
}

func policyDoc(t *testing.T, v any) collect.PolicyDocument {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var d collect.PolicyDocument
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

// TestInlinePolicyFits: IAM refuses a role whose inline policies exceed
// 10,240 characters (whitespace excluded), CloudFormation a template body
// beyond 51,200 bytes.
func TestInlinePolicyFits(t *testing.T) {
	b, err := json.Marshal(collect.LeastPrivilegePolicy())
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > memberrole.MaxInlinePolicySize {
		t.Errorf("the policy has %d characters; IAM allows %d inline", len(b), memberrole.MaxInlinePolicySize)
	}
	// CloudFormation takes a template body of at most 51,200 bytes.
	body, err := memberrole.MemberTemplate(opts("shoulder-ext-7f3a"))
	if err != nil {
		t.Fatal(err)
	}
	if len(body) > 51200 {
		t.Errorf("the member template has %d bytes; a StackSet's TemplateBody takes 51,200", len(body))
	}
}

// TestTrustPolicyJudged: the trust policy the deployed template yields is,
// by the project's own analyzer, shared only with the scanning account:
// trusted once the scanning account is trusted, untrusted otherwise, and
// an external ID is asked of the scanner unless one is required.
func TestTrustPolicyJudged(t *testing.T) {
	tests := []struct {
		name, externalID string
		trusted          []string
		level            exposure.Level
		needsExternalID  bool
	}{
		{"scanner trusted", "", []string{scanner}, exposure.SharedTrusted, false},
		{"scanner trusted, external id", "shoulder-ext-7f3a", []string{scanner}, exposure.SharedTrusted, false},
		{"scanner not trusted", "", nil, exposure.SharedUntrusted, true},
		{"scanner not trusted, external id", "shoulder-ext-7f3a", nil, exposure.SharedUntrusted, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := memberrole.MemberTemplate(opts(tc.externalID))
			if err != nil {
				t.Fatal(err)
			}
			role, err := parse(t, out, nil).GetIAMRoleWithName(memberrole.RoleLogicalID)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := json.Marshal(role.AssumeRolePolicyDocument)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(doc, []byte(`"arn:aws:iam::`+scanner+`:root"`)) || !bytes.Contains(doc, []byte(`"sts:RoleSessionName":"shoulder-scan"`)) {
				t.Errorf("trust policy %s", doc)
			}
			if tc.externalID != "" && !bytes.Contains(doc, []byte(`"sts:ExternalId":"`+tc.externalID+`"`)) {
				t.Errorf("no external id: %s", doc)
			}
			v := exposure.JudgeTrust(string(doc), exposure.Context{OwnAccount: member, TrustedAccounts: tc.trusted})
			if v.Level != tc.level || len(v.Grants) != 1 {
				t.Fatalf("verdict %v (%d grants), want %v: %s", v.Level, len(v.Grants), tc.level, doc)
			}
			if g := v.Grants[0]; g.Level != tc.level || g.NeedsExternalID() != tc.needsExternalID {
				t.Errorf("grant %+v: needs external id %v, want %v", g, g.NeedsExternalID(), tc.needsExternalID)
			}
		})
	}
	// Overriding the parameter at deployment moves the trust: the
	// principal is the parameter, not a constant.
	out, err := memberrole.MemberTemplate(opts(""))
	if err != nil {
		t.Fatal(err)
	}
	role, err := parse(t, out, map[string]any{memberrole.ParamScanner: "999988887777"}).GetIAMRoleWithName(memberrole.RoleLogicalID)
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := json.Marshal(role.AssumeRolePolicyDocument)
	if v := exposure.JudgeTrust(string(doc), exposure.Context{OwnAccount: member, TrustedAccounts: []string{scanner}}); v.Level != exposure.SharedUntrusted {
		t.Errorf("another scanner account is judged %v: %s", v.Level, doc)
	}
}

// terraformArgs are the arguments the AWS provider documents for the two
// resources (website/docs/r/cloudformation_stack_set*.html.markdown): a
// misspelt one fails here rather than at terraform plan.
var terraformArgs = map[string][]string{
	"aws_cloudformation_stack_set": {"name", "description", "permission_model", "call_as", "capabilities", "auto_deployment",
		"managed_execution", "operation_preferences", "parameters", "template_body", "lifecycle"},
	"aws_cloudformation_stack_set_instance": {"stack_set_name", "call_as", "deployment_targets"},
}

// TestTerraform: the configuration parses with HCL, names the real
// resource types with documented arguments only, and deploys exactly the
// member template with every one of its parameters.
func TestTerraform(t *testing.T) {
	for _, ext := range []string{"", "shoulder-ext-7f3a"} {
		t.Run("external id "+ext, func(t *testing.T) {
			src, err := memberrole.Terraform(opts(ext))
			if err != nil {
				t.Fatal(err)
			}
			f, diags := hclsyntax.ParseConfig(src, "main.tf", hcl.InitialPos)
			if diags.HasErrors() {
				t.Fatalf("HCL: %s\n%s", diags.Error(), src)
			}
			resources := map[string]*hclsyntax.Body{}
			variables := map[string]bool{}
			for _, b := range f.Body.(*hclsyntax.Body).Blocks {
				switch b.Type {
				case "resource":
					resources[b.Labels[0]] = b.Body
				case "variable":
					variables[b.Labels[0]] = true
				default:
					t.Errorf("unexpected block %s", b.Type)
				}
			}
			for typ, args := range terraformArgs {
				body, ok := resources[typ]
				if !ok {
					t.Fatalf("no %s", typ)
				}
				for name := range body.Attributes {
					if !contains(args, name) {
						t.Errorf("%s.%s is no argument of %s", typ, name, typ)
					}
				}
				for _, b := range body.Blocks {
					if !contains(args, b.Type) {
						t.Errorf("%s block %s is no argument of %s", typ, b.Type, typ)
					}
				}
			}
			if len(resources) != len(terraformArgs) {
				t.Errorf("resources %v", resources)
			}
			ss := resources["aws_cloudformation_stack_set"]
			if s := eval(t, ss.Attributes["permission_model"]); s.AsString() != "SERVICE_MANAGED" {
				t.Errorf("permission_model %v", s)
			}
			body, _ := memberrole.MemberTemplate(opts(ext))
			if got := eval(t, ss.Attributes["template_body"]).AsString(); got != string(body) {
				t.Errorf("template_body is not the member template:\n%s", got)
			}
			auto := block(t, ss, "auto_deployment")
			if v := eval(t, auto.Attributes["enabled"]); !v.True() {
				t.Error("auto_deployment is not enabled")
			}
			// Every template parameter is passed from a declared variable.
			var keys []string
			for _, item := range ss.Attributes["parameters"].Expr.(*hclsyntax.ObjectConsExpr).Items {
				k, _ := item.KeyExpr.Value(nil)
				keys = append(keys, k.AsString())
				for _, tr := range item.ValueExpr.Variables() {
					if tr.RootName() != "var" || !variables[tr[1].(hcl.TraverseAttr).Name] {
						t.Errorf("parameter %s from an undeclared variable", k.AsString())
					}
				}
			}
			tmpl := parse(t, body, nil)
			var declared []string
			for k := range tmpl.Parameters {
				declared = append(declared, k)
			}
			sort.Strings(keys)
			sort.Strings(declared)
			if !reflect.DeepEqual(keys, declared) {
				t.Errorf("parameters passed %v, declared %v", keys, declared)
			}
			inst := resources["aws_cloudformation_stack_set_instance"]
			refs := inst.Attributes["stack_set_name"].Expr.Variables()
			if len(refs) != 1 || refs[0].RootName() != "aws_cloudformation_stack_set" {
				t.Errorf("the instance does not name the stack set: %v", refs)
			}
			if dt := block(t, inst, "deployment_targets"); dt.Attributes["organizational_unit_ids"] == nil {
				t.Error("no organizational_unit_ids")
			}
		})
	}
}

func eval(t *testing.T, a *hclsyntax.Attribute) cty.Value {
	t.Helper()
	if a == nil {
		t.Fatal("missing attribute")
	}
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() {
		t.Fatalf("%s: %s", a.Name, diags.Error())
	}
	return v
}

func block(t *testing.T, b *hclsyntax.Body, typ string) *hclsyntax.Body {
	t.Helper()
	for _, bl := range b.Blocks {
		if bl.Type == typ {
			return bl.Body
		}
	}
	t.Fatalf("no %s block", typ)
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestOptionsRefused(t *testing.T) {
	for _, o := range []memberrole.Options{
		{RoleName: "ShoulderAudit", ScannerAccount: "1234", SessionName: "s"},
		{RoleName: "", ScannerAccount: scanner, SessionName: "s"},
	} {
		if _, err := memberrole.StackSetTemplate(o); err == nil {
			t.Errorf("%+v accepted", o)
		}
		if _, err := memberrole.Terraform(o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
}
