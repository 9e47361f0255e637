package builder

import (
	"fmt"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// identityLogging adds what the identity and logging checks read beyond the
// base IAM and logging setup: CIS monitoring (log groups, metric filters,
// alarms, SNS topics), GuardDuty protection plans, Security Hub, and a few
// identity details. Alpenglow's monitoring is half built: some filters are
// right (one written differently from CIS's text but equivalent), one misses
// events, several are missing, one alarm notifies a topic nobody confirmed,
// and one filter has no alarm at all.
func (x *b) identityLogging() {
	x.monitoring()
	x.guardDutyPlans()
	x.securityHub()
	x.identityExtras()
}

const (
	demoTrailLogGroup = "cloudtrail"
	demoAlertsTopic   = "security-alerts"
	demoKMSTopic      = "kms-key-alerts"
)

func (x *b) monitoring() {
	const region = "eu-central-1"
	alerts := x.arn("sns", region, demoAlertsTopic)
	kmsTopic := x.arn("sns", region, demoKMSTopic)
	type filter struct {
		name, pattern string
		topic         string // "" = no alarm on the filter's metric
	}
	filters := []filter{
		// The CIS v3 text, with its optional noise exclusions.
		{"unauthorized-api-calls", `{($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket")}`, alerts},
		{"console-signin-without-mfa", `{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }`, alerts},
		{"root-usage", `{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`, alerts},
		{"iam-policy-changes", `{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}`, alerts},
		{"cloudtrail-changes", `{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }`, alerts},
		// Written by hand: reordered, quoted, an extra (harmless) source
		// clause. Equivalent to the CIS pattern, so it passes.
		{"sg-changes", `{ $.eventSource = "ec2.amazonaws.com" && ( ($.eventName = "DeleteSecurityGroup") || ($.eventName = "CreateSecurityGroup") || ($.eventName = "RevokeSecurityGroupEgress") || ($.eventName = "RevokeSecurityGroupIngress") || ($.eventName = "AuthorizeSecurityGroupEgress") || ($.eventName = "AuthorizeSecurityGroupIngress") ) }`, alerts},
		// Correct filter, but its alarm notifies a topic whose only
		// subscription was never confirmed.
		{"kms-disable-delete", `{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }`, kmsTopic},
		// Misses the Delete* calls and CORS/lifecycle/replication changes.
		{"s3-policy-changes", `{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy)) }`, alerts},
		// Correct filter nobody put an alarm on.
		{"route-table-changes", `{ ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }`, ""},
	}
	lg := state.LogGroup{Meta: state.Meta{ARN: x.arn("logs", region, "log-group:"+demoTrailLogGroup), Region: region}, Name: demoTrailLogGroup, RetentionDays: 365}
	for _, f := range filters {
		lg.MetricFilters = append(lg.MetricFilters, state.MetricFilter{Name: f.name, Pattern: f.pattern,
			Metrics: []state.MetricTransformation{{Name: f.name, Namespace: "Alpenglow/Security", Value: "1"}}})
		if f.topic == "" {
			continue
		}
		x.a.CloudWatch.Alarms = append(x.a.CloudWatch.Alarms, state.MetricAlarm{
			Meta: state.Meta{ARN: x.arn("cloudwatch", region, "alarm:"+f.name), Region: region}, Name: f.name,
			MetricName: f.name, Namespace: "Alpenglow/Security", Statistic: "Sum", ComparisonOperator: "GreaterThanOrEqualToThreshold",
			Threshold: 1, EvaluationPeriods: 1, ActionsEnabled: true, AlarmActions: []string{f.topic}, State: "OK",
		})
	}
	x.a.CloudWatchLogs.LogGroups = append(x.a.CloudWatchLogs.LogGroups, lg,
		state.LogGroup{Meta: state.Meta{ARN: x.arn("logs", region, "log-group:/aws/lambda/lambda-etl"), Region: region}, Name: "/aws/lambda/lambda-etl", RetentionDays: 30},
		state.LogGroup{Meta: state.Meta{ARN: x.arn("logs", "us-east-1", "log-group:marketing-app"), Region: "us-east-1"}, Name: "marketing-app"},
	)
	x.a.SNS.Topics = append(x.a.SNS.Topics,
		state.Topic{Meta: state.Meta{ARN: alerts, Region: region}, Name: demoAlertsTopic, Subscriptions: []state.Subscription{
			{ARN: alerts + ":5c1d0000-0000-4000-8000-000000000001", Protocol: "email", Endpoint: "secops@alpenglow.example"},
			{ARN: "PendingConfirmation", Protocol: "email", Endpoint: "ciso@alpenglow.example", PendingConfirmation: true},
		}},
		state.Topic{Meta: state.Meta{ARN: kmsTopic, Region: region}, Name: demoKMSTopic, Subscriptions: []state.Subscription{
			{ARN: "PendingConfirmation", Protocol: "email", Endpoint: "platform@alpenglow.example", PendingConfirmation: true},
		}},
	)
	// The main trail records S3 object writes everywhere, reads only for the
	// confidential data lake.
	for i := range x.a.CloudTrail.Trails {
		if t := &x.a.CloudTrail.Trails[i]; t.Name == "alpenglow-main" {
			t.S3DataEventsWrite = true
		}
	}
	x.a.CloudTrail.Trails = append(x.a.CloudTrail.Trails, state.Trail{
		Meta: state.Meta{ARN: x.arn("cloudtrail", "eu-central-1", "trail/datalake-reads"), Region: "eu-central-1"}, Name: "datalake-reads", HomeRegion: "eu-central-1",
		IsMultiRegion: true, IsLogging: true, LogFileValidation: true, KMSKeyID: x.arn("kms", "eu-central-1", "key/1f0c6a7e-0000-4000-8000-00000000d474"),
		S3Bucket: "alpenglow-cloudtrail-logs", OwnerAccountID: AccountID, LatestDelivery: tp(Now.Add(-900e9)),
		S3DataEventsRead:   true,
		S3DataEventBuckets: []string{"arn:aws:s3:::alpenglow-datalake-raw/", "arn:aws:s3:::alpenglow-datalake-raw-replica/", "arn:aws:s3:::alpenglow-ml-models/"},
	})
}

// guardDutyPlans completes the detectors' protection plans: Frankfurt has
// nearly everything on, Ireland runs without Lambda and Runtime Monitoring.
func (x *b) guardDutyPlans() {
	for i := range x.a.GuardDuty.Detectors {
		d := &x.a.GuardDuty.Detectors[i]
		home := d.Region == "eu-central-1"
		on := map[bool]string{true: "ENABLED", false: "DISABLED"}
		d.Features["EKS_AUDIT_LOGS"] = "ENABLED"
		d.Features["LAMBDA_NETWORK_LOGS"] = on[home]
		d.Features["RUNTIME_MONITORING"] = on[home]
		d.Features["RUNTIME_MONITORING/EKS_ADDON_MANAGEMENT"] = on[home]
		d.Features["RUNTIME_MONITORING/ECS_FARGATE_AGENT_MANAGEMENT"] = "DISABLED"
		d.Features["RUNTIME_MONITORING/EC2_AGENT_MANAGEMENT"] = on[home]
	}
}

func (x *b) securityHub() {
	for _, r := range []string{"eu-central-1", "eu-west-1"} {
		x.a.SecurityHub.Hubs = append(x.a.SecurityHub.Hubs, state.Hub{Meta: state.Meta{ARN: x.arn("securityhub", r, "hub/default"), Region: r},
			SubscribedAt: tp(days(500)),
			Standards:    []string{"arn:aws:securityhub:" + r + "::standards/aws-foundational-security-best-practices/v/1.0.0", "arn:aws:securityhub:" + r + "::standards/cis-aws-foundations-benchmark/v/5.0.0"}})
	}
}

// identityExtras: the data engineers were given CloudShell with file
// transfer "for debugging", and the legacy partner portal's certificate is
// long expired (set in iam()).
func (x *b) identityExtras() {
	for i := range x.a.IAM.Groups {
		if g := &x.a.IAM.Groups[i]; g.Name == "data-engineers" {
			g.AttachedPolicies = append(g.AttachedPolicies, state.AttachedPolicy{Name: "AWSCloudShellFullAccess", ARN: "arn:aws:iam::aws:policy/AWSCloudShellFullAccess"})
		}
	}
	x.a.IAM.AccessAnalyzers = append(x.a.IAM.AccessAnalyzers, state.Analyzer{
		Meta: state.Meta{ARN: x.arn("access-analyzer", "eu-west-1", "analyzer/unused-access"), Region: "eu-west-1"}, Name: "unused-access", Type: "ACCOUNT_UNUSED_ACCESS", Status: "ACTIVE"})
}

// analyzerFindings are what the account's active external-access
// analyzers report, as AWS would: one active finding per EBS or RDS
// snapshot of their region that is shared with another account.
func (x *b) analyzerFindings() {
	for _, an := range x.a.IAM.AccessAnalyzers {
		if !an.External() || an.Status != "ACTIVE" {
			continue
		}
		var shared []state.AnalyzerFinding
		for _, s := range x.a.EC2.Snapshots {
			if s.Region == an.Region && len(s.SharedWith) > 0 {
				shared = append(shared, state.AnalyzerFinding{Resource: x.arn("ec2", s.Region, "snapshot/"+s.ID), ResourceType: "AWS::EC2::Snapshot"})
			}
		}
		for _, s := range x.a.RDS.Snapshots {
			if s.Region == an.Region && len(s.SharedWith) > 0 {
				shared = append(shared, state.AnalyzerFinding{Resource: s.ARN, ResourceType: map[bool]string{false: "AWS::RDS::DBSnapshot", true: "AWS::RDS::DBClusterSnapshot"}[s.Cluster]})
			}
		}
		for i, f := range shared {
			f.ID, f.Analyzer, f.Region, f.Status = fmt.Sprintf("%08x-0000-4000-8000-%012d", i+1, i+1), an.ARN, an.Region, "ACTIVE"
			x.a.IAM.AnalyzerFindings = append(x.a.IAM.AnalyzerFindings, f)
		}
	}
}
