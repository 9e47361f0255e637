package checks

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/logfilter"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// CIS AWS Foundations section 4 (v3.0, v5.0) / 5 (v7.0): for each class of
// sensitive activity there must be a CloudWatch Logs metric filter on the
// log group a multi-region trail delivers to, an alarm on the filter's
// metric, and an SNS topic someone has subscribed to (confirmed).
//
// A filter is judged by what it matches, not by how it is written: each
// control carries representative CloudTrail records that the filter must
// match (every event the control names) and records of unrelated activity it
// must not match (so that a catch-all filter does not pass). Optional noise
// exclusions CIS suggests (for example delivery.logs.amazonaws.com in the
// unauthorized-calls filter) are neither required nor penalised: the
// representative records avoid them.

// monitorSpec is one monitoring control: what must be matched and what not.
type monitorSpec struct {
	id   string
	what string // "IAM policy changes", used in messages
	// pattern is the reference filter pattern, used in the remediation and
	// tested to satisfy its own spec.
	pattern string
	// must are events the filter has to match; mustNot unrelated events it
	// must not match.
	must, mustNot []map[string]any
	// orgOnly marks controls whose events only occur in an organization's
	// management (or delegated administrator) account.
	orgOnly bool
}

// cloudTrailRecord builds a representative CloudTrail record for an API call
// by an IAM user in the monitored account; mods adjust it.
func cloudTrailRecord(source, name string, mods ...func(map[string]any)) map[string]any {
	r := map[string]any{
		"eventVersion": "1.09",
		"userIdentity": map[string]any{
			"type": "IAMUser", "principalId": "AIDAEXAMPLEUSER", "arn": "arn:aws:iam::111122223333:user/operator",
			"accountId": "111122223333", "accessKeyId": "ASIAEXAMPLE", "userName": "operator",
		},
		"eventTime":          "2026-11-01T10:00:00Z",
		"eventSource":        source,
		"eventName":          name,
		"awsRegion":          "eu-west-1",
		"sourceIPAddress":    "198.51.100.23",
		"userAgent":          "aws-cli/2.17.0",
		"requestParameters":  map[string]any{},
		"responseElements":   nil,
		"requestID":          "0f4e7d1c-0000-4000-8000-000000000001",
		"eventID":            "5b1c2d3e-0000-4000-8000-000000000002",
		"readOnly":           false,
		"eventType":          "AwsApiCall",
		"managementEvent":    true,
		"recipientAccountId": "111122223333",
		"eventCategory":      "Management",
	}
	for _, m := range mods {
		m(r)
	}
	return r
}

func withField(path string, v any) func(map[string]any) {
	return func(r map[string]any) {
		parts := strings.Split(path, ".")
		cur := r
		for _, p := range parts[:len(parts)-1] {
			next, ok := cur[p].(map[string]any)
			if !ok {
				next = map[string]any{}
				cur[p] = next
			}
			cur = next
		}
		cur[parts[len(parts)-1]] = v
	}
}

func readOnly(r map[string]any) { r["readOnly"] = true }

func asRoot(r map[string]any) {
	r["userIdentity"] = map[string]any{"type": "Root", "principalId": "111122223333", "arn": "arn:aws:iam::111122223333:root", "accountId": "111122223333"}
}

func consoleLogin(mods ...func(map[string]any)) map[string]any {
	base := []func(map[string]any){
		withField("eventType", "AwsConsoleSignIn"),
		withField("userAgent", "Mozilla/5.0"),
		withField("requestParameters", nil),
		withField("responseElements", map[string]any{"ConsoleLogin": "Success"}),
		withField("additionalEventData", map[string]any{"LoginTo": "https://console.aws.amazon.com/console/home", "MobileVersion": "No", "MFAUsed": "Yes"}),
	}
	return cloudTrailRecord("signin.amazonaws.com", "ConsoleLogin", append(base, mods...)...)
}

func calls(source string, names ...string) []map[string]any {
	out := make([]map[string]any, len(names))
	for i, n := range names {
		out[i] = cloudTrailRecord(source, n)
	}
	return out
}

func readCalls(source string, names ...string) []map[string]any {
	out := make([]map[string]any, len(names))
	for i, n := range names {
		out[i] = cloudTrailRecord(source, n, readOnly)
	}
	return out
}

func monitorSpecs() []monitorSpec {
	return []monitorSpec{
		{
			id: "cloudwatch_alarm_unauthorized_api_calls", what: "unauthorized API calls",
			pattern: `{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }`,
			must: []map[string]any{
				cloudTrailRecord("ec2.amazonaws.com", "RunInstances", withField("errorCode", "Client.UnauthorizedOperation"), withField("errorMessage", "You are not authorized to perform this operation.")),
				cloudTrailRecord("s3.amazonaws.com", "PutBucketPolicy", withField("errorCode", "AccessDenied"), withField("errorMessage", "Access Denied")),
				cloudTrailRecord("kms.amazonaws.com", "Decrypt", readOnly, withField("errorCode", "AccessDeniedException")),
			},
			mustNot: []map[string]any{
				cloudTrailRecord("ec2.amazonaws.com", "DescribeInstances", readOnly),
				cloudTrailRecord("dynamodb.amazonaws.com", "PutItem", withField("errorCode", "ThrottlingException")),
			},
		},
		{
			id: "cloudwatch_alarm_console_signin_without_mfa", what: "console sign-ins without MFA",
			pattern: `{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }`,
			must: []map[string]any{
				consoleLogin(withField("additionalEventData.MFAUsed", "No")),
			},
			mustNot: []map[string]any{
				consoleLogin(),
				cloudTrailRecord("ec2.amazonaws.com", "DescribeInstances", readOnly),
			},
		},
		{
			id: "cloudwatch_alarm_root_usage", what: "use of the root user",
			pattern: `{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`,
			must: []map[string]any{
				consoleLogin(asRoot, withField("additionalEventData.MFAUsed", "No")),
				cloudTrailRecord("iam.amazonaws.com", "CreateAccessKey", asRoot),
			},
			mustNot: []map[string]any{
				cloudTrailRecord("iam.amazonaws.com", "CreateAccessKey"),
				consoleLogin(),
			},
		},
		{
			id: "cloudwatch_alarm_iam_policy_changes", what: "IAM policy changes",
			pattern: `{ ($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ` +
				`($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy) }`,
			must: calls("iam.amazonaws.com", "DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy", "PutUserPolicy",
				"CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion", "AttachRolePolicy", "DetachRolePolicy",
				"AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy"),
			mustNot: append(readCalls("iam.amazonaws.com", "GetPolicy", "ListPolicies"), cloudTrailRecord("s3.amazonaws.com", "PutBucketPolicy")),
		},
		{
			id: "cloudwatch_alarm_cloudtrail_changes", what: "CloudTrail configuration changes",
			pattern: `{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }`,
			must:    calls("cloudtrail.amazonaws.com", "CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"),
			mustNot: readCalls("cloudtrail.amazonaws.com", "DescribeTrails", "LookupEvents"),
		},
		{
			id: "cloudwatch_alarm_console_auth_failures", what: "console authentication failures",
			pattern: `{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }`,
			must: []map[string]any{
				consoleLogin(withField("errorMessage", "Failed authentication"), withField("responseElements", map[string]any{"ConsoleLogin": "Failure"}),
					withField("additionalEventData.MFAUsed", "No")),
			},
			mustNot: []map[string]any{consoleLogin(), cloudTrailRecord("ec2.amazonaws.com", "DescribeInstances", readOnly)},
		},
		{
			id: "cloudwatch_alarm_cmk_disable_or_deletion", what: "disabling or scheduled deletion of customer managed keys",
			pattern: `{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }`,
			must:    calls("kms.amazonaws.com", "DisableKey", "ScheduleKeyDeletion"),
			mustNot: append(readCalls("kms.amazonaws.com", "Decrypt"), cloudTrailRecord("kms.amazonaws.com", "EnableKey")),
		},
		{
			id: "cloudwatch_alarm_s3_bucket_policy_changes", what: "S3 bucket policy changes",
			pattern: `{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ` +
				`($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }`,
			must: calls("s3.amazonaws.com", "PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle", "PutBucketReplication",
				"DeleteBucketPolicy", "DeleteBucketCors", "DeleteBucketLifecycle", "DeleteBucketReplication"),
			mustNot: append(readCalls("s3.amazonaws.com", "GetBucketPolicy", "ListBuckets"), cloudTrailRecord("iam.amazonaws.com", "PutRolePolicy")),
		},
		{
			id: "cloudwatch_alarm_config_changes", what: "AWS Config configuration changes",
			pattern: `{ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder)) }`,
			must:    calls("config.amazonaws.com", "StopConfigurationRecorder", "DeleteDeliveryChannel", "PutDeliveryChannel", "PutConfigurationRecorder"),
			mustNot: readCalls("config.amazonaws.com", "DescribeConfigurationRecorders", "DescribeDeliveryChannels"),
		},
		{
			id: "cloudwatch_alarm_security_group_changes", what: "security group changes",
			pattern: `{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }`,
			must: calls("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress",
				"RevokeSecurityGroupEgress", "CreateSecurityGroup", "DeleteSecurityGroup"),
			mustNot: append(readCalls("ec2.amazonaws.com", "DescribeSecurityGroups"), cloudTrailRecord("ec2.amazonaws.com", "RunInstances")),
		},
		{
			id: "cloudwatch_alarm_nacl_changes", what: "network ACL changes",
			pattern: `{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }`,
			must: calls("ec2.amazonaws.com", "CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl", "DeleteNetworkAclEntry",
				"ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation"),
			mustNot: append(readCalls("ec2.amazonaws.com", "DescribeNetworkAcls"), cloudTrailRecord("ec2.amazonaws.com", "CreateSecurityGroup")),
		},
		{
			id: "cloudwatch_alarm_network_gateway_changes", what: "network gateway changes",
			pattern: `{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }`,
			must: calls("ec2.amazonaws.com", "CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway", "CreateInternetGateway",
				"DeleteInternetGateway", "DetachInternetGateway"),
			mustNot: readCalls("ec2.amazonaws.com", "DescribeInternetGateways", "DescribeCustomerGateways"),
		},
		{
			id: "cloudwatch_alarm_route_table_changes", what: "route table changes",
			pattern: `{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }`,
			must: calls("ec2.amazonaws.com", "CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation",
				"DeleteRouteTable", "DeleteRoute", "DisassociateRouteTable"),
			mustNot: readCalls("ec2.amazonaws.com", "DescribeRouteTables"),
		},
		{
			// ClassicLink calls, still in the CIS pattern, were retired with
			// EC2-Classic in 2022: a filter may list them but need not.
			id: "cloudwatch_alarm_vpc_changes", what: "VPC changes",
			pattern: `{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ` +
				`($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }`,
			must: calls("ec2.amazonaws.com", "CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection",
				"CreateVpcPeeringConnection", "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection"),
			mustNot: append(readCalls("ec2.amazonaws.com", "DescribeVpcs"), cloudTrailRecord("ec2.amazonaws.com", "CreateSubnet")),
		},
		{
			id: "cloudwatch_alarm_organizations_changes", what: "AWS Organizations changes", orgOnly: true,
			pattern: `{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ` +
				`($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ` +
				`($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }`,
			must: calls("organizations.amazonaws.com", "AcceptHandshake", "AttachPolicy", "CreateAccount", "CreateOrganizationalUnit", "CreatePolicy",
				"DeclineHandshake", "DeleteOrganization", "DeleteOrganizationalUnit", "DeletePolicy", "DetachPolicy", "DisablePolicyType",
				"EnablePolicyType", "InviteAccountToOrganization", "LeaveOrganization", "MoveAccount", "RemoveAccountFromOrganization",
				"UpdatePolicy", "UpdateOrganizationalUnit"),
			mustNot: append(readCalls("organizations.amazonaws.com", "ListAccounts", "DescribeOrganization"), cloudTrailRecord("iam.amazonaws.com", "CreatePolicy")),
		},
	}
}

// filterVerdict says whether a filter pattern satisfies a spec and, if not, why.
type filterVerdict struct {
	ok      bool
	missed  []string // names of required events the filter does not match
	extra   []string // names of unrelated events it matches
	invalid error
}

func eventLabel(r map[string]any) string {
	name, _ := r["eventName"].(string)
	if id, ok := r["userIdentity"].(map[string]any); ok && id["type"] == "Root" {
		name += " by root"
	}
	if code, ok := r["errorCode"].(string); ok {
		name += " (" + code + ")"
	}
	if ae, ok := r["additionalEventData"].(map[string]any); ok && ae["MFAUsed"] == "No" {
		name += " without MFA"
	}
	return name
}

// compiledSpec holds a spec's representative events, parsed once per run.
type compiledSpec struct {
	monitorSpec
	must, mustNot []*logfilter.Event
}

func compileSpec(s monitorSpec) (compiledSpec, error) {
	c := compiledSpec{monitorSpec: s}
	for _, r := range s.must {
		e, err := logfilter.EventFromMap(r)
		if err != nil {
			return c, fmt.Errorf("%s: %w", s.id, err)
		}
		c.must = append(c.must, e)
	}
	for _, r := range s.mustNot {
		e, err := logfilter.EventFromMap(r)
		if err != nil {
			return c, fmt.Errorf("%s: %w", s.id, err)
		}
		c.mustNot = append(c.mustNot, e)
	}
	return c, nil
}

func (c compiledSpec) judge(pattern string) filterVerdict {
	f, err := logfilter.Parse(pattern)
	if err != nil {
		return filterVerdict{invalid: err}
	}
	var v filterVerdict
	for i, e := range c.must {
		if !f.Match(e) {
			v.missed = append(v.missed, eventLabel(c.monitorSpec.must[i]))
		}
	}
	for i, e := range c.mustNot {
		if f.Match(e) {
			v.extra = append(v.extra, eventLabel(c.monitorSpec.mustNot[i]))
		}
	}
	v.ok = len(v.missed) == 0 && len(v.extra) == 0
	return v
}

func (v filterVerdict) String() string {
	switch {
	case v.invalid != nil:
		return "pattern does not parse: " + v.invalid.Error()
	case v.ok:
		return "matches every required event"
	}
	var parts []string
	if len(v.missed) > 0 {
		parts = append(parts, "misses "+strings.Join(limitList(v.missed, 4), ", "))
	}
	if len(v.extra) > 0 {
		parts = append(parts, "also matches unrelated "+strings.Join(limitList(v.extra, 3), ", "))
	}
	return strings.Join(parts, "; ")
}

func limitList(xs []string, n int) []string {
	if len(xs) <= n {
		return xs
	}
	return append(append([]string(nil), xs[:n]...), fmt.Sprintf("and %d more", len(xs)-n))
}

// arnParts splits an ARN into its region, account and resource parts.
func arnParts(arn string) (service, region, account, resource string, ok bool) {
	p := strings.SplitN(arn, ":", 6)
	if len(p) != 6 || p[0] != "arn" {
		return "", "", "", "", false
	}
	return p[2], p[3], p[4], p[5], true
}

// monitorProgress collects how far the trail -> filter -> alarm -> topic
// chain got, so a failure names the furthest missing link.
type monitorProgress struct {
	depth   int
	notes   []string
	unknown *check.Result
}

func (m *monitorProgress) note(depth int, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	switch {
	case depth > m.depth:
		m.depth, m.notes = depth, []string{msg}
	case depth == m.depth:
		m.notes = append(m.notes, msg)
	}
}

func (m *monitorProgress) gap(r check.Result) {
	if m.unknown == nil {
		m.unknown = &r
	}
}

// qualifyingTrails are trails that record every management event in every
// region: only those see all the activity the monitoring controls watch.
func qualifyingTrails(a *state.Account) []state.Trail {
	var out []state.Trail
	for _, t := range a.CloudTrail.Trails {
		if t.IsMultiRegion && t.IsLogging && t.ManagementEvents && (t.ReadWriteType == "" || t.ReadWriteType == "All") {
			out = append(out, t)
		}
	}
	return out
}

// trailListingGap reports a gap that hides trails: DescribeTrails (or the
// whole service) failed globally or in a scanned region.
func trailListingGap(a *state.Account) (state.Gap, bool) {
	if g, ok := a.Gaps.ForInputs("", "", state.InputCloudTrailTrails, state.InputCloudTrailStatus, state.InputCloudTrailEventSelectors); ok {
		return g, true
	}
	for _, r := range a.ScannedRegions() {
		if g, ok := a.Gaps.ForInputs(r, "", state.InputCloudTrailTrails, state.InputCloudTrailStatus, state.InputCloudTrailEventSelectors); ok {
			return g, true
		}
	}
	return state.Gap{}, false
}

// trailStatusGap reports a gap hiding one trail's status or event
// selectors, which the collector reads per trail at its home region: with
// it, IsLogging and the selector fields are zero values, not facts.
func trailStatusGap(a *state.Account, t state.Trail, inputs ...state.Input) (state.Gap, bool) {
	if len(inputs) == 0 {
		inputs = []state.Input{state.InputCloudTrailStatus, state.InputCloudTrailEventSelectors}
	}
	// An organization trail the applied facts hold was read by the
	// management account: its gaps, not the member's, decide.
	if _, ok := orgFactTrail(a, t.ARN); ok {
		return a.OrgFacts.Gaps.ForInputs(t.HomeRegion, t.ARN, inputs...)
	}
	return a.Gaps.ForInputs(t.HomeRegion, t.ARN, inputs...)
}

// cloudtrailGap reports any gap that makes "no trail does X" unproven: a
// failed listing, or a trail whose status or selectors could not be read.
func cloudtrailGap(a *state.Account) (state.Gap, bool) {
	if g, ok := trailListingGap(a); ok {
		return g, true
	}
	for _, t := range a.CloudTrail.Trails {
		if g, ok := trailStatusGap(a, t); ok {
			return g, true
		}
	}
	return state.Gap{}, false
}

func evaluateMonitor(a *state.Account, spec compiledSpec) check.Result {
	ref := accountRef(a)
	if spec.orgOnly {
		if a.Organization != nil && !a.Organization.IsManagementAccount {
			return check.NotApplicableR(ref, "%s are made in the organization's management account %s; its trail and alarms cover them", spec.what, a.Organization.MasterAccountID)
		}
		if a.Organization == nil {
			if g, ok := a.Gaps.ForInputs("", "", state.InputOrganization); ok {
				return check.GapR(ref, g)
			}
			return check.NotApplicableR(ref, "the account is not in an AWS organization")
		}
	}
	trails := qualifyingTrails(a)
	if len(trails) == 0 {
		if g, ok := cloudtrailGap(a); ok {
			return check.GapR(ref, g)
		}
		return check.FailR(ref, "no multi-region trail logs all management events, so nothing can alarm on %s", spec.what)
	}
	var prog monitorProgress
	prog.note(0, "no multi-region trail delivers to CloudWatch Logs")
	for _, t := range trails {
		if t.CloudWatchLogGroupARN == "" {
			continue
		}
		if r, done := evaluateTrailMonitor(a, spec, t, &prog); done {
			return r
		}
	}
	if prog.unknown != nil {
		return *prog.unknown
	}
	sort.Strings(prog.notes)
	return check.FailR(ref, "no alarm is raised for %s: %s", spec.what, strings.Join(limitList(prog.notes, 3), "; "))
}

// evaluateTrailMonitor follows one trail's chain; done is true on a pass.
func evaluateTrailMonitor(a *state.Account, spec compiledSpec, t state.Trail, prog *monitorProgress) (check.Result, bool) {
	ref := accountRef(a)
	_, region, acct, _, ok := arnParts(t.CloudWatchLogGroupARN)
	if !ok {
		prog.note(1, "trail %s names a malformed log group ARN %q", t.Name, t.CloudWatchLogGroupARN)
		return check.Result{}, false
	}
	if acct != a.AccountID {
		prog.gap(check.UnknownR(ref, "trail %s delivers to a log group in account %s; its metric filters and alarms cannot be read from this account", t.Name, acct))
		return check.Result{}, false
	}
	lg, found := a.CloudWatchLogs.LogGroup(t.CloudWatchLogGroupARN)
	if g, gapped := a.Gaps.ForInputs(region, strings.TrimSuffix(t.CloudWatchLogGroupARN, ":*"), state.InputMetricFilters, state.InputLogGroups); gapped && (!found || len(lg.MetricFilters) == 0) {
		prog.gap(check.GapR(ref, g))
		return check.Result{}, false
	}
	if !found {
		prog.note(1, "trail %s delivers to log group %s, which does not exist", t.Name, t.CloudWatchLogGroupARN)
		return check.Result{}, false
	}
	prog.note(1, "no metric filter on log group %s matches %s", lg.Name, spec.what)
	for _, mf := range lg.MetricFilters {
		v := spec.judge(mf.Pattern)
		if !v.ok {
			if v.invalid == nil && len(v.missed) < len(spec.must) {
				prog.note(2, "filter %s on %s %s", mf.Name, lg.Name, v)
			}
			continue
		}
		prog.note(3, "filter %s on %s matches %s but no alarm watches its metric", mf.Name, lg.Name, spec.what)
		for _, m := range mf.Metrics {
			if r, done := evaluateAlarms(a, spec, t, lg, mf, m, region, prog); done {
				return r, true
			}
		}
	}
	return check.Result{}, false
}

func evaluateAlarms(a *state.Account, spec compiledSpec, t state.Trail, lg *state.LogGroup, mf state.MetricFilter, m state.MetricTransformation, region string, prog *monitorProgress) (check.Result, bool) {
	ref := accountRef(a)
	if g, gapped := a.Gaps.ForInputs(region, "", state.InputAlarms); gapped {
		prog.gap(check.GapR(ref, g))
		return check.Result{}, false
	}
	for _, al := range a.CloudWatch.Alarms {
		if al.Region != region || al.MetricName != m.Name || al.Namespace != m.Namespace {
			continue
		}
		if !al.ActionsEnabled {
			prog.note(4, "alarm %s on %s/%s has its actions disabled", al.Name, m.Namespace, m.Name)
			continue
		}
		prog.note(4, "alarm %s on %s/%s notifies no SNS topic", al.Name, m.Namespace, m.Name)
		for _, action := range al.AlarmActions {
			svc, _, topicAcct, _, ok := arnParts(action)
			if !ok || svc != "sns" {
				continue
			}
			topic, found := a.SNS.Topic(action)
			if !found {
				if g, gapped := a.Gaps.ForInputs(region, action, state.InputSNSTopics, state.InputSNSSubscriptions); gapped {
					prog.gap(check.GapR(ref, g))
				} else if topicAcct != a.AccountID {
					prog.gap(check.UnknownR(ref, "alarm %s notifies topic %s in account %s, whose subscriptions cannot be read from this account", al.Name, action, topicAcct))
				} else {
					prog.note(5, "alarm %s notifies topic %s, which does not exist", al.Name, action)
				}
				continue
			}
			if n := topic.Confirmed(); n > 0 {
				return check.PassR(ref, "trail %s -> log group %s -> filter %s -> alarm %s -> topic %s (%d confirmed subscription(s))",
					t.Name, lg.Name, mf.Name, al.Name, topic.Name, n), true
			}
			if g, gapped := a.Gaps.ForInputs(region, action, state.InputSNSSubscriptions); gapped {
				prog.gap(check.GapR(ref, g))
				continue
			}
			prog.note(5, "alarm %s notifies topic %s, which has no confirmed subscription (%d pending)", al.Name, topic.Name, len(topic.Subscriptions))
		}
	}
	return check.Result{}, false
}

func monitoringChecks() []check.Check {
	var out []check.Check
	for _, s := range monitorSpecs() {
		spec := s
		out = append(out, check.Check{
			ID: spec.id,
			Run: func(a *state.Account, _ *policy.Policy) []check.Result {
				c, err := compileSpec(spec)
				if err != nil {
					return []check.Result{check.UnknownR(accountRef(a), "internal error preparing representative events: %v", err)}
				}
				return []check.Result{evaluateMonitor(a, c)}
			},
		})
	}
	return out
}
