package checks

import (
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const (
	publicReadPolicy      = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::trail-logs/*"}]}`
	cloudtrailWritePolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::trail-logs/AWSLogs/111122223333/*","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}]}`
)

func loggingCases() map[string][]checkCase {
	trail := func(t state.Trail) func(*state.Account) {
		return func(a *state.Account) {
			if t.Name == "" {
				t.Name = "main"
			}
			t.Meta = state.Meta{ARN: "arn:aws:cloudtrail:eu-west-1:111122223333:trail/" + t.Name, Region: "eu-west-1"}
			if t.HomeRegion == "" {
				t.HomeRegion = "eu-west-1"
			}
			a.CloudTrail.Trails = append(a.CloudTrail.Trails, t)
		}
	}
	recent := testTime.Add(-time.Hour)
	good := state.Trail{Name: "main", IsMultiRegion: true, IsLogging: true, ManagementEvents: true, ReadWriteType: "All",
		LogFileValidation: true, KMSKeyID: "arn:aws:kms:eu-west-1:111122223333:key/k", S3Bucket: "trail-logs",
		CloudWatchLogGroupARN: "arn:aws:logs:eu-west-1:111122223333:log-group:trail:*", LatestCloudWatchDelivery: &recent}
	bare := state.Trail{Name: "bare", IsMultiRegion: true, IsLogging: true, ManagementEvents: true, S3Bucket: "other-logs"}
	stopped := good
	stopped.IsLogging = false
	writeOnly := good
	writeOnly.ReadWriteType = "WriteOnly"
	org := good
	org.IsOrganization = true
	org.OwnerAccountID = "999988887777"
	stale := good
	old := testTime.AddDate(0, 0, -3)
	stale.LatestCloudWatchDelivery = &old
	never := good
	never.LatestCloudWatchDelivery = nil
	trailDenied := withGap(state.Gap{Service: "cloudtrail", Region: "us-east-1", Operation: "DescribeTrails", Reason: state.ReasonAccessDenied})

	bucket := func(name, region string, mut func(*state.Bucket)) func(*state.Account) {
		return func(a *state.Account) {
			b := state.Bucket{Meta: state.Meta{ARN: "arn:aws:s3:::" + name, Region: region}, Name: name}
			if mut != nil {
				mut(&b)
			}
			a.S3.Buckets = append(a.S3.Buckets, b)
		}
	}
	logged := func(b *state.Bucket) { b.Logging = &state.BucketLogging{TargetBucket: "access-logs"} }
	dataAll := func(write bool) state.Trail {
		t := good
		t.Name = "data"
		t.S3DataEventsWrite, t.S3DataEventsRead = write, !write
		return t
	}
	dataOne := func(write bool, arns ...string) state.Trail {
		t := dataAll(write)
		t.S3DataEventBuckets = arns
		return t
	}
	regionalData := dataAll(true)
	regionalData.IsMultiRegion = false

	recorder := func(region string, mut func(*state.ConfigRecorder)) func(*state.Account) {
		return func(a *state.Account) {
			r := state.ConfigRecorder{Meta: state.Meta{ARN: "arn:aws:config:" + region + ":111122223333:config-recorder/default", Region: region}, Name: "default",
				RoleARN:      "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
				AllSupported: true, Recording: true, LastStatus: "SUCCESS"}
			if mut != nil {
				mut(&r)
			}
			a.Config.Recorders = append(a.Config.Recorders, r)
		}
	}
	global := func(r *state.ConfigRecorder) { r.IncludeGlobalResourceTypes = true }
	configDenied := withGap(state.Gap{Service: "config", Region: "us-east-1", Operation: "DescribeConfigurationRecorders", Reason: state.ReasonAccessDenied})

	detector := func(region string, mut func(*state.Detector)) func(*state.Account) {
		return func(a *state.Account) {
			d := state.Detector{Meta: state.Meta{ARN: "arn:aws:guardduty:" + region + ":111122223333:detector/d", Region: region}, ID: "d" + region, Status: "ENABLED",
				Features: map[string]string{"S3_DATA_EVENTS": "ENABLED", "EKS_AUDIT_LOGS": "ENABLED", "EBS_MALWARE_PROTECTION": "ENABLED", "RDS_LOGIN_EVENTS": "ENABLED",
					"LAMBDA_NETWORK_LOGS": "ENABLED", "RUNTIME_MONITORING": "ENABLED", "RUNTIME_MONITORING/EKS_ADDON_MANAGEMENT": "ENABLED",
					"RUNTIME_MONITORING/ECS_FARGATE_AGENT_MANAGEMENT": "ENABLED", "RUNTIME_MONITORING/EC2_AGENT_MANAGEMENT": "ENABLED"}}
			if mut != nil {
				mut(&d)
			}
			a.GuardDuty.Detectors = append(a.GuardDuty.Detectors, d)
		}
	}
	gdDenied := withGap(state.Gap{Service: "guardduty", Region: "us-east-1", Operation: "ListDetectors", Reason: state.ReasonAccessDenied})
	hub := func(region, admin string) func(*state.Account) {
		return func(a *state.Account) {
			a.SecurityHub.Hubs = append(a.SecurityHub.Hubs, state.Hub{Meta: state.Meta{ARN: "arn:aws:securityhub:" + region + ":111122223333:hub/default", Region: region}, AdministratorAccountID: admin})
		}
	}

	cases := map[string][]checkCase{
		"cloudtrail_multi_region_enabled": {
			{name: "good trail", acct: baseAccount(trail(good)), want: []check.Status{check.Pass}},
			{name: "organization trail covers member", acct: baseAccount(trail(org)), want: []check.Status{check.Pass}, msg: "organization trail"},
			{name: "no trails", acct: baseAccount(), want: []check.Status{check.Fail}},
			{name: "stopped", acct: baseAccount(trail(stopped)), want: []check.Status{check.Fail}},
			{name: "write only", acct: baseAccount(trail(writeOnly)), want: []check.Status{check.Fail}},
			{name: "denied", acct: baseAccount(trailDenied), want: []check.Status{check.Unknown}},
		},
		"cloudtrail_trail_logging": {
			{name: "logging and stopped", acct: baseAccount(trail(good), trail(func() state.Trail { t := stopped; t.Name = "old"; return t }())), want: []check.Status{check.Pass, check.Fail}},
			{name: "status unreadable", acct: baseAccount(trail(good), withGap(state.Gap{Service: "cloudtrail", Region: "eu-west-1", Operation: "GetTrailStatus",
				Resource: "arn:aws:cloudtrail:eu-west-1:111122223333:trail/main", Reason: state.ReasonAccessDenied})), want: []check.Status{check.Unknown}},
			{name: "no trails", acct: baseAccount(), want: []check.Status{check.NotApplicable}},
			{name: "listing denied", acct: baseAccount(trailDenied), want: []check.Status{check.Unknown}},
		},
		"cloudtrail_log_file_validation_enabled": {
			{name: "on and off", acct: baseAccount(trail(good), trail(bare)), want: []check.Status{check.Pass, check.Fail}},
			{name: "org trail off names its owner", acct: baseAccount(trail(func() state.Trail { t := org; t.LogFileValidation = false; return t }())), want: []check.Status{check.Fail}, msg: "999988887777"},
			{name: "no trails", acct: baseAccount(), want: []check.Status{check.NotApplicable}},
			{name: "denied", acct: baseAccount(trailDenied), want: []check.Status{check.Unknown}},
		},
		"cloudtrail_kms_encryption_enabled": {
			{name: "on and off", acct: baseAccount(trail(good), trail(bare)), want: []check.Status{check.Pass, check.Fail}},
			{name: "no trails", acct: baseAccount(), want: []check.Status{check.NotApplicable}},
			{name: "denied", acct: baseAccount(trailDenied), want: []check.Status{check.Unknown}},
		},
		"cloudtrail_cloudwatch_logs_enabled": {
			{name: "delivering", acct: baseAccount(trail(good)), want: []check.Status{check.Pass}},
			{name: "not configured", acct: baseAccount(trail(bare)), want: []check.Status{check.Fail}},
			{name: "stale delivery", acct: baseAccount(trail(stale)), want: []check.Status{check.Fail}, msg: "ago"},
			{name: "never delivered", acct: baseAccount(trail(never)), want: []check.Status{check.Fail}, msg: "never delivered"},
			{name: "denied", acct: baseAccount(trailDenied), want: []check.Status{check.Unknown}},
		},
		"cloudtrail_bucket_access_logging_enabled": {
			{name: "logged and not", acct: baseAccount(trail(good), trail(bare), bucket("trail-logs", "eu-west-1", logged), bucket("other-logs", "eu-west-1", nil)),
				want: []check.Status{check.Fail, check.Pass}},
			{name: "bucket in another account", acct: baseAccount(trail(good)), want: []check.Status{check.Unknown}, msg: "another account"},
			{name: "logging config denied", acct: baseAccount(trail(good), bucket("trail-logs", "eu-west-1", nil),
				withGap(state.Gap{Service: "s3", Region: "eu-west-1", Operation: "GetBucketLogging", Resource: "arn:aws:s3:::trail-logs", Reason: state.ReasonAccessDenied})),
				want: []check.Status{check.Unknown}},
			{name: "no trail buckets", acct: baseAccount(), want: []check.Status{check.NotApplicable}},
		},
		"cloudtrail_bucket_not_public": {
			{name: "private with BPA", acct: baseAccount(trail(good), bucket("trail-logs", "eu-west-1", func(b *state.Bucket) {
				b.PublicAccessBlock = &state.PublicAccessBlock{BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true}
				b.Policy = publicReadPolicy
			})), want: []check.Status{check.Pass}, msg: "Block Public Access fully on"},
			{name: "service-only policy", acct: baseAccount(trail(good), bucket("trail-logs", "eu-west-1", func(b *state.Bucket) { b.Policy = cloudtrailWritePolicy })),
				want: []check.Status{check.Pass}, msg: "no public ACL grant"},
			{name: "public policy", acct: baseAccount(trail(good), bucket("trail-logs", "eu-west-1", func(b *state.Bucket) { b.Policy = publicReadPolicy })),
				want: []check.Status{check.Fail}, msg: "everyone"},
			{name: "S3 says public", acct: baseAccount(trail(good), bucket("trail-logs", "eu-west-1", func(b *state.Bucket) { yes := true; b.Policy = cloudtrailWritePolicy; b.PolicyIsPublic = &yes })),
				want: []check.Status{check.Fail}},
			{name: "public ACL", acct: baseAccount(trail(good), bucket("trail-logs", "eu-west-1", func(b *state.Bucket) {
				b.ObjectOwnership = "ObjectWriter"
				b.ACLGrants = []state.ACLGrant{{GranteeType: "Group", GranteeURI: state.AllUsersURI, Permission: "READ"}}
			})), want: []check.Status{check.Fail}, msg: "READ to AllUsers"},
			{name: "ACL neutralised by account BPA", acct: baseAccount(trail(good), func(a *state.Account) {
				a.S3.AccountPublicAccessBlock = &state.PublicAccessBlock{IgnorePublicAcls: true}
			}, bucket("trail-logs", "eu-west-1", func(b *state.Bucket) {
				b.ObjectOwnership = "ObjectWriter"
				b.ACLGrants = []state.ACLGrant{{GranteeType: "Group", GranteeURI: state.AuthenticatedUsersURI, Permission: "READ"}}
			})), want: []check.Status{check.Pass}},
			{name: "public policy, account BPA unreadable", acct: baseAccount(trail(good), bucket("trail-logs", "eu-west-1", func(b *state.Bucket) { b.Policy = publicReadPolicy }),
				withGap(state.Gap{Service: "s3control", Operation: "GetPublicAccessBlock", Reason: state.ReasonAccessDenied})), want: []check.Status{check.Unknown}},
			{name: "policy unreadable", acct: baseAccount(trail(good), bucket("trail-logs", "eu-west-1", nil),
				withGap(state.Gap{Service: "s3", Region: "eu-west-1", Operation: "GetBucketPolicy", Resource: "arn:aws:s3:::trail-logs", Reason: state.ReasonAccessDenied})),
				want: []check.Status{check.Unknown}},
			{name: "malformed policy", acct: baseAccount(trail(good), bucket("trail-logs", "eu-west-1", func(b *state.Bucket) { b.Policy = `{"Statement":[` })), want: []check.Status{check.Unknown}},
			{name: "no trails", acct: baseAccount(), want: []check.Status{check.NotApplicable}},
		},
		"config_recorder_enabled": {
			{name: "both regions", acct: baseAccount(recorder("eu-west-1", global), recorder("us-east-1", nil)), want: []check.Status{check.Pass, check.Pass}},
			{name: "missing, stopped", acct: baseAccount(recorder("us-east-1", func(r *state.ConfigRecorder) { r.Recording = false })), want: []check.Status{check.Fail, check.Fail}, msg: "no configuration recorder in eu-west-1"},
			{name: "selected types, failing", acct: baseAccount(recorder("eu-west-1", func(r *state.ConfigRecorder) { r.AllSupported = false }),
				recorder("us-east-1", func(r *state.ConfigRecorder) { r.LastStatus = "FAILURE" })), want: []check.Status{check.Fail, check.Fail}},
			{name: "service-linked recorder does not count", acct: baseAccount(recorder("eu-west-1", func(r *state.ConfigRecorder) { r.ServiceLinked = true }), recorder("us-east-1", nil)),
				want: []check.Status{check.Fail, check.Pass}},
			{name: "denied in one region", acct: baseAccount(recorder("eu-west-1", nil), configDenied), want: []check.Status{check.Pass, check.Unknown}},
		},
		"config_recorder_global_resources": {
			{name: "in one region", acct: baseAccount(recorder("eu-west-1", global), recorder("us-east-1", nil)), want: []check.Status{check.Pass}},
			{name: "nowhere", acct: baseAccount(recorder("eu-west-1", nil), recorder("us-east-1", nil)), want: []check.Status{check.Fail}},
			{name: "only on a stopped recorder", acct: baseAccount(recorder("eu-west-1", func(r *state.ConfigRecorder) { global(r); r.Recording = false })), want: []check.Status{check.Fail}},
			{name: "unknown region could hold it", acct: baseAccount(recorder("eu-west-1", nil), configDenied), want: []check.Status{check.Unknown}},
		},
		"config_recorder_service_linked_role": {
			{name: "slr and custom", acct: baseAccount(recorder("eu-west-1", nil), recorder("us-east-1", func(r *state.ConfigRecorder) { r.RoleARN = "arn:aws:iam::111122223333:role/config-role" })),
				want: []check.Status{check.Pass, check.Fail}},
			{name: "no recorders", acct: baseAccount(), want: []check.Status{check.NotApplicable}},
			{name: "denied", acct: baseAccount(recorder("eu-west-1", nil), configDenied), want: []check.Status{check.Pass, check.Unknown}},
		},
		"guardduty_enabled": {
			{name: "both, one via administrator", acct: baseAccount(detector("eu-west-1", nil), detector("us-east-1", func(d *state.Detector) { d.AdministratorAccountID = "999988887777" })),
				want: []check.Status{check.Pass, check.Pass}},
			{name: "missing and disabled", acct: baseAccount(detector("us-east-1", func(d *state.Detector) { d.Status = "DISABLED" })), want: []check.Status{check.Fail, check.Fail}},
			{name: "denied", acct: baseAccount(detector("eu-west-1", nil), gdDenied), want: []check.Status{check.Pass, check.Unknown}},
		},
		"guardduty_no_high_severity_findings": {
			{name: "clean and dirty", acct: baseAccount(detector("eu-west-1", nil), detector("us-east-1", func(d *state.Detector) { d.HighSeverityFindings = 3 })),
				want: []check.Status{check.Pass, check.Fail}},
			{name: "findings denied", acct: baseAccount(detector("eu-west-1", nil), withGap(state.Gap{Service: "guardduty", Region: "eu-west-1", Operation: "GetFindingsStatistics", Reason: state.ReasonAccessDenied})),
				want: []check.Status{check.Unknown}},
			{name: "no detectors", acct: baseAccount(), want: []check.Status{check.NotApplicable}},
		},
		"securityhub_enabled": {
			{name: "both", acct: baseAccount(hub("eu-west-1", ""), hub("us-east-1", "999988887777")), want: []check.Status{check.Pass, check.Pass}},
			{name: "one missing", acct: baseAccount(hub("eu-west-1", "")), want: []check.Status{check.Pass, check.Fail}},
			{name: "denied", acct: baseAccount(hub("eu-west-1", ""), withGap(state.Gap{Service: "securityhub", Region: "us-east-1", Operation: "DescribeHub", Reason: state.ReasonAccessDenied})),
				want: []check.Status{check.Pass, check.Unknown}},
		},
	}
	for _, write := range []bool{true, false} {
		id := "cloudtrail_s3_data_events_read_enabled"
		if write {
			id = "cloudtrail_s3_data_events_write_enabled"
		}
		cases[id] = []checkCase{
			{name: "all buckets", acct: baseAccount(trail(dataAll(write)), bucket("b1", "eu-west-1", nil)), want: []check.Status{check.Pass}, msg: "all buckets"},
			{name: "selected bucket", acct: baseAccount(trail(dataOne(write, "arn:aws:s3:::b1/")), bucket("b1", "eu-west-1", nil), bucket("b2", "eu-west-1", nil)),
				want: []check.Status{check.Pass, check.Fail}},
			{name: "other kind only", acct: baseAccount(trail(dataAll(!write)), bucket("b1", "eu-west-1", nil)), want: []check.Status{check.Fail}},
			{name: "no data events", acct: baseAccount(trail(good), bucket("b1", "eu-west-1", nil)), want: []check.Status{check.Fail}},
			{name: "no buckets", acct: baseAccount(trail(good)), want: []check.Status{check.NotApplicable}},
			{name: "denied", acct: baseAccount(trailDenied, bucket("b1", "eu-west-1", nil)), want: []check.Status{check.Unknown}},
		}
	}
	cases["cloudtrail_s3_data_events_write_enabled"] = append(cases["cloudtrail_s3_data_events_write_enabled"],
		checkCase{name: "single-region trail sees its region only", acct: baseAccount(trail(regionalData), bucket("b1", "eu-west-1", nil), bucket("b2", "us-east-1", nil)),
			want: []check.Status{check.Pass, check.Fail}})
	for _, c := range guardDutyFeatureChecks() {
		id := c.ID
		var off func(*state.Detector)
		switch id {
		case "guardduty_s3_protection_enabled":
			off = func(d *state.Detector) { d.Features["S3_DATA_EVENTS"] = "DISABLED" }
		case "guardduty_eks_audit_logs_enabled":
			off = func(d *state.Detector) { d.Features["EKS_AUDIT_LOGS"] = "DISABLED" }
		case "guardduty_malware_protection_enabled":
			off = func(d *state.Detector) { d.Features["EBS_MALWARE_PROTECTION"] = "DISABLED" }
		case "guardduty_rds_protection_enabled":
			off = func(d *state.Detector) { d.Features["RDS_LOGIN_EVENTS"] = "DISABLED" }
		case "guardduty_lambda_protection_enabled":
			off = func(d *state.Detector) { d.Features["LAMBDA_NETWORK_LOGS"] = "DISABLED" }
		case "guardduty_runtime_monitoring_enabled":
			off = func(d *state.Detector) { d.Features["RUNTIME_MONITORING"] = "DISABLED" }
		case "guardduty_eks_runtime_monitoring_enabled":
			off = func(d *state.Detector) { d.Features["RUNTIME_MONITORING/EKS_ADDON_MANAGEMENT"] = "DISABLED" }
		case "guardduty_ecs_runtime_monitoring_enabled":
			off = func(d *state.Detector) { d.Features["RUNTIME_MONITORING/ECS_FARGATE_AGENT_MANAGEMENT"] = "DISABLED" }
		case "guardduty_ec2_runtime_monitoring_enabled":
			off = func(d *state.Detector) { d.Features["RUNTIME_MONITORING/EC2_AGENT_MANAGEMENT"] = "DISABLED" }
		}
		cases[id] = []checkCase{
			{name: "on", acct: baseAccount(detector("eu-west-1", nil)), want: []check.Status{check.Pass}},
			{name: "off in one region, detector missing in the other", acct: baseAccount(detector("eu-west-1", nil), detector("us-east-1", off)), want: []check.Status{check.Pass, check.Fail}},
			{name: "feature not reported", acct: baseAccount(detector("eu-west-1", func(d *state.Detector) { d.Features = nil })), want: []check.Status{check.Unknown}},
			{name: "no detectors", acct: baseAccount(), want: []check.Status{check.NotApplicable}},
			{name: "denied", acct: baseAccount(gdDenied, detector("eu-west-1", nil)), want: []check.Status{check.Pass, check.Unknown}},
		}
	}
	cases["guardduty_eks_runtime_monitoring_enabled"] = append(cases["guardduty_eks_runtime_monitoring_enabled"],
		checkCase{name: "legacy EKS runtime feature", acct: baseAccount(detector("eu-west-1", func(d *state.Detector) {
			d.Features = map[string]string{"EKS_RUNTIME_MONITORING": "ENABLED"}
		})), want: []check.Status{check.Pass}},
		checkCase{name: "runtime monitoring off overrides the agent setting", acct: baseAccount(detector("eu-west-1", func(d *state.Detector) {
			d.Features["RUNTIME_MONITORING"] = "DISABLED"
		})), want: []check.Status{check.Fail}})
	for id, cs := range monitoringCases() {
		cases[id] = append(cases[id], cs...)
	}
	return cases
}
