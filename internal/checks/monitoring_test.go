package checks

import (
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const (
	monRegion   = "eu-west-1"
	monLogGroup = "arn:aws:logs:eu-west-1:111122223333:log-group:trail-events"
	monTopic    = "arn:aws:sns:eu-west-1:111122223333:security-alerts"
)

// monitoredAccount is an account whose multi-region trail delivers to a log
// group carrying the given filters (check ID -> pattern), each with an alarm
// notifying a topic with one confirmed subscription.
func monitoredAccount(patterns map[string]string, mods ...func(*state.Account)) *state.Account {
	return baseAccount(append([]func(*state.Account){func(a *state.Account) {
		a.CloudTrail.Trails = []state.Trail{{
			Meta: state.Meta{ARN: "arn:aws:cloudtrail:eu-west-1:111122223333:trail/main", Region: monRegion}, Name: "main", HomeRegion: monRegion,
			IsMultiRegion: true, IsLogging: true, ManagementEvents: true, ReadWriteType: "All", CloudWatchLogGroupARN: monLogGroup + ":*",
		}}
		lg := state.LogGroup{Meta: state.Meta{ARN: monLogGroup, Region: monRegion}, Name: "trail-events"}
		for id, p := range patterns {
			metric := strings.TrimPrefix(id, "cloudwatch_alarm_")
			lg.MetricFilters = append(lg.MetricFilters, state.MetricFilter{Name: metric, Pattern: p, Metrics: []state.MetricTransformation{{Name: metric, Namespace: "CIS", Value: "1"}}})
			a.CloudWatch.Alarms = append(a.CloudWatch.Alarms, state.MetricAlarm{Meta: state.Meta{ARN: "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:" + metric, Region: monRegion},
				Name: metric, MetricName: metric, Namespace: "CIS", ActionsEnabled: true, AlarmActions: []string{monTopic}})
		}
		a.CloudWatchLogs.LogGroups = []state.LogGroup{lg}
		a.SNS.Topics = []state.Topic{{Meta: state.Meta{ARN: monTopic, Region: monRegion}, Name: "security-alerts",
			Subscriptions: []state.Subscription{{ARN: monTopic + ":1", Protocol: "email", Endpoint: "sec@example.com"}}}}
		a.Organization = &state.Organization{ID: "o-1", MasterAccountID: testAccountID, IsManagementAccount: true}
	}}, mods...)...)
}

func referencePatterns() map[string]string {
	m := map[string]string{}
	for _, s := range monitorSpecs() {
		m[s.id] = s.pattern
	}
	return m
}

func only(id, pattern string) map[string]string { return map[string]string{id: pattern} }

func monitoringCases() map[string][]checkCase {
	out := map[string][]checkCase{}
	pendingOnly := func(a *state.Account) {
		a.SNS.Topics[0].Subscriptions = []state.Subscription{{ARN: "PendingConfirmation", Protocol: "email", Endpoint: "sec@example.com", PendingConfirmation: true}}
	}
	noSubs := func(a *state.Account) { a.SNS.Topics[0].Subscriptions = nil }
	noTopic := func(a *state.Account) { a.SNS.Topics = nil }
	actionsOff := func(a *state.Account) {
		for i := range a.CloudWatch.Alarms {
			a.CloudWatch.Alarms[i].ActionsEnabled = false
		}
	}
	noAlarms := func(a *state.Account) { a.CloudWatch.Alarms = nil }
	noCWL := func(a *state.Account) { a.CloudTrail.Trails[0].CloudWatchLogGroupARN = "" }
	singleRegion := func(a *state.Account) { a.CloudTrail.Trails[0].IsMultiRegion = false }
	logsDenied := withGap(state.Gap{Service: "logs", Region: monRegion, Operation: "DescribeMetricFilters", Reason: state.ReasonAccessDenied})
	alarmsDenied := withGap(state.Gap{Service: "cloudwatch", Region: monRegion, Operation: "DescribeAlarms", Reason: state.ReasonAccessDenied})
	snsDenied := func(a *state.Account) {
		a.SNS.Topics = nil
		a.Gaps.Add(state.Gap{Service: "sns", Region: monRegion, Operation: "ListTopics", Reason: state.ReasonThrottled})
	}
	// The live collector lists a region's subscriptions in one
	// ListSubscriptions call; when it fails, topics carry none.
	subsDenied := func(a *state.Account) {
		a.SNS.Topics[0].Subscriptions = nil
		a.Gaps.Add(state.Gap{Service: "sns", Region: monRegion, Operation: "ListSubscriptions", Reason: state.ReasonAccessDenied})
	}
	crossAccount := func(a *state.Account) {
		a.CloudTrail.Trails[0].CloudWatchLogGroupARN = "arn:aws:logs:eu-west-1:999988887777:log-group:org-trail:*"
		a.CloudTrail.Trails[0].IsOrganization = true
	}
	noTrails := func(a *state.Account) { a.CloudTrail.Trails = nil }
	trailDenied := withGap(state.Gap{Service: "cloudtrail", Region: "us-east-1", Operation: "DescribeTrails", Reason: state.ReasonAccessDenied})

	for _, s := range monitorSpecs() {
		id, ref := s.id, s.pattern
		out[id] = []checkCase{
			{name: "reference pattern", acct: monitoredAccount(only(id, ref)), want: []check.Status{check.Pass}, msg: "confirmed subscription"},
			{name: "all filters present", acct: monitoredAccount(referencePatterns()), want: []check.Status{check.Pass}},
			{name: "filter missing", acct: monitoredAccount(nil), want: []check.Status{check.Fail}, msg: "no metric filter"},
			{name: "catch-all filter", acct: monitoredAccount(only(id, `{ $.eventName = * }`)), want: []check.Status{check.Fail}, msg: "also matches unrelated"},
			{name: "term pattern that cannot match", acct: monitoredAccount(only(id, `"NoSuchEventEver"`)), want: []check.Status{check.Fail}},
			{name: "unparsable filter", acct: monitoredAccount(only(id, `{ $.eventName = `)), want: []check.Status{check.Fail}},
			{name: "no alarm", acct: monitoredAccount(only(id, ref), noAlarms), want: []check.Status{check.Fail}, msg: "no alarm watches"},
			{name: "alarm actions disabled", acct: monitoredAccount(only(id, ref), actionsOff), want: []check.Status{check.Fail}, msg: "actions disabled"},
			{name: "only pending subscriptions", acct: monitoredAccount(only(id, ref), pendingOnly), want: []check.Status{check.Fail}, msg: "no confirmed subscription"},
			{name: "topic without subscribers", acct: monitoredAccount(only(id, ref), noSubs), want: []check.Status{check.Fail}, msg: "no confirmed subscription"},
			{name: "topic gone", acct: monitoredAccount(only(id, ref), noTopic), want: []check.Status{check.Fail}, msg: "does not exist"},
			{name: "trail not in CloudWatch Logs", acct: monitoredAccount(only(id, ref), noCWL), want: []check.Status{check.Fail}, msg: "delivers to CloudWatch Logs"},
			{name: "single-region trail", acct: monitoredAccount(only(id, ref), singleRegion), want: []check.Status{check.Fail}, msg: "no multi-region trail"},
			{name: "no trails", acct: monitoredAccount(nil, noTrails), want: []check.Status{check.Fail}},
			{name: "metric filters denied", acct: monitoredAccount(nil, logsDenied), want: []check.Status{check.Unknown}, msg: "DescribeMetricFilters"},
			{name: "alarms denied", acct: monitoredAccount(only(id, ref), noAlarms, alarmsDenied), want: []check.Status{check.Unknown}, msg: "DescribeAlarms"},
			{name: "topics throttled", acct: monitoredAccount(only(id, ref), snsDenied), want: []check.Status{check.Unknown}, msg: "throttled"},
			{name: "subscriptions denied", acct: monitoredAccount(only(id, ref), subsDenied), want: []check.Status{check.Unknown}, msg: "ListSubscriptions"},
			{name: "log group in another account", acct: monitoredAccount(nil, crossAccount), want: []check.Status{check.Unknown}, msg: "999988887777"},
			{name: "trails denied", acct: monitoredAccount(nil, noTrails, trailDenied), want: []check.Status{check.Unknown}},
		}
	}
	member := func(a *state.Account) {
		a.Organization = &state.Organization{ID: "o-1", MasterAccountID: "999988887777"}
	}
	standalone := func(a *state.Account) { a.Organization = nil }
	orgDenied := func(a *state.Account) {
		a.Organization = nil
		a.Gaps.Add(state.Gap{Service: "organizations", Operation: "DescribeOrganization", Reason: state.ReasonAccessDenied})
	}
	out["cloudwatch_alarm_organizations_changes"] = append(out["cloudwatch_alarm_organizations_changes"],
		checkCase{name: "member account", acct: monitoredAccount(nil, member), want: []check.Status{check.NotApplicable}, msg: "management account 999988887777"},
		checkCase{name: "standalone account", acct: monitoredAccount(nil, standalone), want: []check.Status{check.NotApplicable}},
		checkCase{name: "membership unknown", acct: monitoredAccount(nil, orgDenied), want: []check.Status{check.Unknown}},
	)
	// Semantically equivalent rewrites pass; near misses fail.
	add := func(id, name, pattern string, want check.Status) {
		out[id] = append(out[id], checkCase{name: name, acct: monitoredAccount(only(id, pattern)), want: []check.Status{want}})
	}
	add("cloudwatch_alarm_cloudtrail_changes", "reordered, quoted, spaced", `{($.eventName="StopLogging")||( $.eventName = "StartLogging" )||($.eventName=DeleteTrail)||($.eventName=UpdateTrail)||($.eventName=CreateTrail)}`, check.Pass)
	add("cloudwatch_alarm_cloudtrail_changes", "harmless extra clause", `{ $.eventSource = cloudtrail.amazonaws.com && ($.eventName = CreateTrail || $.eventName = UpdateTrail || $.eventName = DeleteTrail || $.eventName = StartLogging || $.eventName = StopLogging) }`, check.Pass)
	add("cloudwatch_alarm_cloudtrail_changes", "wildcards", `{ $.eventSource = cloudtrail.amazonaws.com && ($.eventName = *Trail || $.eventName = *Logging) && $.readOnly IS FALSE }`, check.Pass)
	add("cloudwatch_alarm_cloudtrail_changes", "misses StopLogging", `{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) }`, check.Fail)
	add("cloudwatch_alarm_cloudtrail_changes", "restricted to root", `{ $.userIdentity.type = Root && (($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging)) }`, check.Fail)
	add("cloudwatch_alarm_unauthorized_api_calls", "CIS v3 with exclusions, mixed && ||", `{($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket")}`, check.Pass)
	add("cloudwatch_alarm_unauthorized_api_calls", "only EC2's code", `{ $.errorCode = "*UnauthorizedOperation" }`, check.Fail)
	add("cloudwatch_alarm_console_signin_without_mfa", "short CIS form", `{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }`, check.Pass)
	add("cloudwatch_alarm_console_signin_without_mfa", "matches every sign-in", `{ $.eventName = "ConsoleLogin" }`, check.Fail)
	add("cloudwatch_alarm_root_usage", "all root activity", `{ $.userIdentity.type = "Root" }`, check.Pass)
	add("cloudwatch_alarm_root_usage", "root sign-ins only", `{ $.userIdentity.type = "Root" && $.eventName = ConsoleLogin }`, check.Fail)
	add("cloudwatch_alarm_route_table_changes", "CIS v1 precedence quirk", `{($.eventSource = ec2.amazonaws.com) && ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)}`, check.Pass)
	add("cloudwatch_alarm_vpc_changes", "without retired ClassicLink calls", `{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) }`, check.Pass)
	add("cloudwatch_alarm_cmk_disable_or_deletion", "regex form", `{ $.eventSource = kms.amazonaws.com && $.eventName = %^(DisableKey|ScheduleKeyDeletion)$% }`, check.Pass)
	add("cloudwatch_alarm_iam_policy_changes", "wildcards over names", `{ $.eventSource = iam.amazonaws.com && ($.eventName = *Policy || $.eventName = *PolicyVersion) && $.eventName != Get* && $.eventName != List* }`, check.Pass)
	add("cloudwatch_alarm_console_auth_failures", "term pattern", `"ConsoleLogin" "Failed authentication"`, check.Pass)
	return out
}

// TestMonitorReferencePatterns checks every spec's own pattern satisfies it
// and every spec has required and unrelated events.
func TestMonitorReferencePatterns(t *testing.T) {
	for _, s := range monitorSpecs() {
		c, err := compileSpec(s)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.must) == 0 || len(c.mustNot) == 0 {
			t.Errorf("%s: needs required and unrelated events", s.id)
		}
		if v := c.judge(s.pattern); !v.ok {
			t.Errorf("%s: reference pattern rejected: %s", s.id, v)
		}
		if v := c.judge(""); v.ok {
			t.Errorf("%s: the empty pattern (matches everything) was accepted", s.id)
		}
	}
}

// TestMonitorVerdictMessages checks a failing filter is explained by name.
func TestMonitorVerdictMessages(t *testing.T) {
	var spec monitorSpec
	for _, s := range monitorSpecs() {
		if s.id == "cloudwatch_alarm_cloudtrail_changes" {
			spec = s
		}
	}
	c, err := compileSpec(spec)
	if err != nil {
		t.Fatal(err)
	}
	v := c.judge(`{ $.eventName = CreateTrail || $.eventName = DescribeTrails }`)
	got := v.String()
	for _, want := range []string{"misses UpdateTrail", "DeleteTrail", "also matches unrelated DescribeTrails"} {
		if !strings.Contains(got, want) {
			t.Errorf("verdict %q does not mention %q", got, want)
		}
	}
	if v := c.judge(`{ $.x = `); v.invalid == nil || !strings.Contains(v.String(), "does not parse") {
		t.Errorf("invalid pattern verdict = %q", v.String())
	}
}
