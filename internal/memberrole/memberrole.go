// Package memberrole deploys shoulder's read-only member role to every
// account of an AWS Organization (`shoulder permissions --org`): the role's
// permissions are the collectors' least-privilege policy
// (collect.LeastPrivilegePolicy, the one source); its trust policy admits
// only the scanning account, with the session name shoulder uses and,
// when given, an sts:ExternalId. The role comes as a CloudFormation
// template, wrapped in a service-managed StackSet with automatic
// deployment (new accounts of the targeted OUs get the role, removed ones
// lose it), and as the equivalent Terraform, which deploys the same
// template through the same kind of StackSet.
package memberrole

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/collect"
)

// Options say whom the member role trusts and what it is called.
type Options struct {
	// RoleName is the member role's plain name (no path).
	RoleName string
	// ScannerAccount is the 12-digit account shoulder scans from; empty
	// leaves the template's parameter without a default.
	ScannerAccount string
	// ExternalID, when set, is required in every AssumeRole into the role
	// (sts:ExternalId; shoulder's --external-id).
	ExternalID string
	// SessionName is the role session name shoulder uses for member
	// accounts; the trust policy admits no other.
	SessionName string
}

// Names of the templates' logical IDs, parameters and outputs.
const (
	RoleLogicalID     = "ShoulderMemberRole"
	StackSetLogicalID = "ShoulderMemberRoleStackSet"
	// PolicyName is the role's inline policy.
	PolicyName       = "ShoulderReadOnly"
	ParamScanner     = "ScannerAccountId"
	ParamExternalID  = "ExternalId"
	ParamRoleName    = "MemberRoleName"
	ParamOUs         = "OrganizationalUnitIds"
	OutputRoleARN    = "MemberRoleArn"
	OutputRoleName   = "MemberRoleName"
	OutputStackSetID = "StackSetId"
	// StackSetName names the StackSet in both CloudFormation and Terraform.
	StackSetName = "shoulder-member-role"
	// MaxInlinePolicySize is IAM's limit on a role's inline policies
	// (characters, whitespace excluded).
	MaxInlinePolicySize = 10240
)

// obj keeps template keys in the order written (CloudFormation readers
// expect Parameters before Resources, and people do too).
type obj []kv

type kv struct {
	k string
	v any
}

// MarshalJSON writes the pairs in order.
func (o obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, p := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(p.k)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(p.v)
		if err != nil {
			return nil, fmt.Errorf("template key %s: %w", p.k, err)
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func ref(name string) obj { return obj{{"Ref", name}} }

// param is a template parameter; def is its default when not empty.
func param(description, def, pattern string) obj {
	p := obj{{"Type", "String"}, {"Description", description}}
	if pattern != "" {
		p = append(p, kv{"AllowedPattern", pattern})
	}
	if def != "" {
		p = append(p, kv{"Default", def})
	}
	return p
}

// trustPolicy is the role's AssumeRolePolicyDocument, with the scanning
// account (and external ID) as template parameters.
func (o Options) trustPolicy() obj {
	cond := obj{{"sts:RoleSessionName", o.SessionName}}
	if o.ExternalID != "" {
		cond = obj{{"sts:ExternalId", ref(ParamExternalID)}, {"sts:RoleSessionName", o.SessionName}}
	}
	return obj{
		{"Version", "2012-10-17"},
		{"Statement", []obj{{
			{"Sid", "ShoulderScannerOnly"},
			{"Effect", "Allow"},
			{"Principal", obj{{"AWS", obj{{"Fn::Join", []any{"", []any{"arn:", ref("AWS::Partition"), ":iam::", ref(ParamScanner), ":root"}}}}}}},
			{"Action", "sts:AssumeRole"},
			{"Condition", obj{{"StringEquals", cond}}},
		}}},
	}
}

// memberParams are the parameters of the member template, which the
// StackSet passes on.
func (o Options) memberParams() obj {
	ps := obj{
		{ParamScanner, param("The account shoulder scans from: only its principals may assume the role.", o.ScannerAccount, "^[0-9]{12}$")},
		{ParamRoleName, param("The member role's name (shoulder --member-role).", o.RoleName, "^[A-Za-z0-9+=,.@_-]{1,64}$")},
	}
	if o.ExternalID != "" {
		p := param("The external ID shoulder passes (--external-id); the role refuses sessions without it.", o.ExternalID, "")
		ps = append(ps, kv{ParamExternalID, append(p, kv{"NoEcho", true})})
	}
	return ps
}

// MemberTemplate is the CloudFormation template (JSON) that creates the
// member role in one account: the StackSet deploys it to every account.
func MemberTemplate(o Options) ([]byte, error) {
	if err := o.validate(); err != nil {
		return nil, err
	}
	return indent(o.memberTemplate())
}

func (o Options) memberTemplate() obj {
	return obj{
		{"AWSTemplateFormatVersion", "2010-09-09"},
		{"Description", "shoulder member role: read-only access for shoulder scans from the scanning account (shoulder permissions --org)."},
		{"Parameters", o.memberParams()},
		{"Resources", obj{{RoleLogicalID, obj{
			{"Type", "AWS::IAM::Role"},
			{"Properties", obj{
				{"RoleName", ref(ParamRoleName)},
				{"Description", "Read-only role shoulder assumes to check this account (session " + o.SessionName + ")."},
				{"MaxSessionDuration", 3600},
				{"AssumeRolePolicyDocument", o.trustPolicy()},
				{"Policies", []obj{{{"PolicyName", PolicyName}, {"PolicyDocument", collect.LeastPrivilegePolicy()}}}},
				{"Tags", []obj{{{"Key", "managed-by"}, {"Value", "shoulder"}}}},
			}},
		}}}},
		{"Outputs", obj{
			{OutputRoleARN, obj{{"Description", "The member role's ARN."}, {"Value", obj{{"Fn::GetAtt", []string{RoleLogicalID, "Arn"}}}}}},
			{OutputRoleName, obj{{"Description", "The member role's name."}, {"Value", ref(RoleLogicalID)}}},
		}},
	}
}

// StackSetTemplate is the CloudFormation template (JSON) to deploy once,
// in the management account (or as a delegated administrator, with
// CallAs DELEGATED_ADMIN): a service-managed StackSet with automatic
// deployment whose body is MemberTemplate, instantiated in the OUs given
// as a parameter (the root ID for the whole organization), in the stack's
// own region only (IAM is global). StackSets never deploy to the
// management account itself: shoulder reads it with the caller's
// credentials.
func StackSetTemplate(o Options) ([]byte, error) {
	if err := o.validate(); err != nil {
		return nil, err
	}
	body, err := indent(o.memberTemplate())
	if err != nil {
		return nil, err
	}
	var pass []obj
	for _, p := range o.memberParams() {
		pass = append(pass, obj{{"ParameterKey", p.k}, {"ParameterValue", ref(p.k)}})
	}
	params := append(o.memberParams(), kv{ParamOUs, obj{
		{"Type", "CommaDelimitedList"},
		{"Description", "The OUs (ou-...) or the root (r-...) whose accounts get the role; accounts that join them later get it too."},
	}})
	t := obj{
		{"AWSTemplateFormatVersion", "2010-09-09"},
		{"Description", "shoulder member role in every account of the organization: a service-managed StackSet with automatic deployment (shoulder permissions --org)."},
		{"Parameters", params},
		{"Resources", obj{{StackSetLogicalID, obj{
			{"Type", "AWS::CloudFormation::StackSet"},
			{"Properties", obj{
				{"StackSetName", StackSetName},
				{"Description", "shoulder's read-only member role (" + PolicyName + ")"},
				{"PermissionModel", "SERVICE_MANAGED"},
				{"AutoDeployment", obj{{"Enabled", true}, {"RetainStacksOnAccountRemoval", false}}},
				{"CallAs", "SELF"},
				{"Capabilities", []string{"CAPABILITY_NAMED_IAM"}},
				{"ManagedExecution", obj{{"Active", true}}},
				{"OperationPreferences", obj{{"FailureTolerancePercentage", 10}, {"MaxConcurrentPercentage", 25}, {"RegionConcurrencyType", "PARALLEL"}}},
				{"Parameters", pass},
				{"StackInstancesGroup", []obj{{
					{"DeploymentTargets", obj{{"OrganizationalUnitIds", ref(ParamOUs)}}},
					{"Regions", []any{ref("AWS::Region")}},
				}}},
				{"TemplateBody", string(body)},
			}},
		}}}},
		{"Outputs", obj{
			{OutputStackSetID, obj{{"Description", "The StackSet's ID."}, {"Value", ref(StackSetLogicalID)}}},
		}},
	}
	return indent(t)
}

// Terraform is the equivalent Terraform configuration: the same member
// template deployed by an aws_cloudformation_stack_set (service-managed,
// automatic deployment) and one aws_cloudformation_stack_set_instance
// targeting the OUs of var.organizational_unit_ids, in the provider's region.
func Terraform(o Options) ([]byte, error) {
	if err := o.validate(); err != nil {
		return nil, err
	}
	body, err := indent(o.memberTemplate())
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString("# shoulder member role in every account of the organization (shoulder permissions --org).\n")
	b.WriteString("# Apply in the management account. StackSets never deploy to the management account\n")
	b.WriteString("# itself: shoulder reads it with the caller's credentials.\n\n")
	variable := func(name, typ, desc, def string, sensitive bool) {
		fmt.Fprintf(&b, "variable %q {\n  type        = %s\n  description = %s\n", name, typ, hclString(desc))
		if def != "" {
			fmt.Fprintf(&b, "  default     = %s\n", hclString(def))
		}
		if sensitive {
			b.WriteString("  sensitive   = true\n")
		}
		b.WriteString("}\n\n")
	}
	variable("scanner_account_id", "string", "The account shoulder scans from: only its principals may assume the role.", o.ScannerAccount, false)
	variable("member_role_name", "string", "The member role's name (shoulder --member-role).", o.RoleName, false)
	if o.ExternalID != "" {
		variable("external_id", "string", "The external ID shoulder passes (--external-id).", o.ExternalID, true)
	}
	variable("organizational_unit_ids", "list(string)", "The OUs (ou-...) or the root (r-...) whose accounts get the role.", "", false)

	fmt.Fprintf(&b, "resource \"aws_cloudformation_stack_set\" \"shoulder_member_role\" {\n")
	fmt.Fprintf(&b, "  name             = %s\n", hclString(StackSetName))
	fmt.Fprintf(&b, "  description      = %s\n", hclString("shoulder's read-only member role ("+PolicyName+")"))
	b.WriteString("  permission_model = \"SERVICE_MANAGED\"\n")
	b.WriteString("  call_as          = \"SELF\"\n")
	b.WriteString("  capabilities     = [\"CAPABILITY_NAMED_IAM\"]\n\n")
	b.WriteString("  auto_deployment {\n    enabled                          = true\n    retain_stacks_on_account_removal = false\n  }\n\n")
	b.WriteString("  managed_execution {\n    active = true\n  }\n\n")
	b.WriteString("  operation_preferences {\n    failure_tolerance_percentage = 10\n    max_concurrent_percentage    = 25\n    region_concurrency_type      = \"PARALLEL\"\n  }\n\n")
	b.WriteString("  parameters = {\n")
	fmt.Fprintf(&b, "    %s = var.scanner_account_id\n", ParamScanner)
	fmt.Fprintf(&b, "    %s = var.member_role_name\n", ParamRoleName)
	if o.ExternalID != "" {
		fmt.Fprintf(&b, "    %s = var.external_id\n", ParamExternalID)
	}
	b.WriteString("  }\n\n")
	b.WriteString("  # The member template, the same as `shoulder permissions --org --format cloudformation` embeds.\n")
	b.WriteString("  template_body = <<-EOT\n")
	for _, line := range strings.Split(strings.TrimRight(string(body), "\n"), "\n") {
		b.WriteString("    " + hclTemplateEscape(line) + "\n")
	}
	b.WriteString("  EOT\n\n")
	b.WriteString("  # AWS sets the administration role of a service-managed StackSet.\n")
	b.WriteString("  lifecycle {\n    ignore_changes = [administration_role_arn]\n  }\n}\n\n")
	b.WriteString("resource \"aws_cloudformation_stack_set_instance\" \"shoulder_member_role\" {\n")
	b.WriteString("  stack_set_name = aws_cloudformation_stack_set.shoulder_member_role.name\n")
	b.WriteString("  call_as        = \"SELF\"\n\n")
	b.WriteString("  deployment_targets {\n    organizational_unit_ids = var.organizational_unit_ids\n  }\n}\n")
	return []byte(b.String()), nil
}

// validate refuses options that would give a template AWS rejects.
func (o Options) validate() error {
	if o.RoleName == "" || o.SessionName == "" {
		return fmt.Errorf("member role: a role name and a session name are needed")
	}
	if o.ScannerAccount != "" && !isAccountID(o.ScannerAccount) {
		return fmt.Errorf("scanner account %q: want 12 digits", o.ScannerAccount)
	}
	return nil
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func indent(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("rendering the template: %w", err)
	}
	return append(b, '\n'), nil
}

// hclString quotes s as an HCL string literal (JSON escaping, with
// template sequences escaped).
func hclString(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return hclTemplateEscape(string(b))
}

// hclTemplateEscape keeps HCL from reading ${ and %{ as template
// sequences.
func hclTemplateEscape(s string) string {
	s = strings.ReplaceAll(s, "${", "$${")
	return strings.ReplaceAll(s, "%{", "%%{")
}
