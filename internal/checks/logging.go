package checks

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/exposure"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func loggingChecks() []check.Check {
	out := []check.Check{
		cloudtrailMultiRegionEnabled(),
		cloudtrailTrailLogging(),
		cloudtrailLogFileValidation(),
		cloudtrailKMSEncryption(),
		cloudtrailCloudWatchLogs(),
		cloudtrailBucketAccessLogging(),
		cloudtrailBucketNotPublic(),
		cloudtrailS3DataEvents(true),
		cloudtrailS3DataEvents(false),
		configRecorderEnabled(),
		configRecorderGlobalResources(),
		configRecorderServiceLinkedRole(),
		guardDutyEnabled(),
		guardDutyNoHighFindings(),
		securityHubEnabled(),
	}
	out = append(out, guardDutyFeatureChecks()...)
	return append(out, monitoringChecks()...)
}

func cloudtrailMultiRegionEnabled() check.Check {
	return check.Check{
		ID:          "cloudtrail_multi_region_enabled",
		Title:       "A multi-region CloudTrail trail is logging management events",
		Description: "Without a trail that covers every region, activity in an unwatched region (often where attackers go) leaves no record.",
		Area:        check.Logging,
		Service:     "cloudtrail",
		Severity:    check.High,
		Remediation: check.Remediation{
			Console:   "CloudTrail > Trails > Create trail: apply to all regions, management events Read and Write, deliver to a dedicated S3 bucket.",
			CLI:       "aws cloudtrail create-trail --name org-trail --s3-bucket-name <BUCKET> --is-multi-region-trail\naws cloudtrail start-logging --name org-trail",
			Terraform: "resource \"aws_cloudtrail\" \"main\" {\n  name                  = \"main\"\n  s3_bucket_name        = aws_s3_bucket.trail.id\n  is_multi_region_trail = true\n  enable_log_file_validation = true\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			ref := accountRef(a)
			if ts := qualifyingTrails(a); len(ts) > 0 {
				t, kind := ts[0], "trail"
				if t.IsOrganization {
					kind = "organization trail"
				}
				return []check.Result{check.PassR(ref, "%s %s logs read and write management events in every region", kind, t.ARN)}
			}
			// An organization trail logs every member account; the
			// management account's scan read its status.
			if t, ok := orgTrailCovering(a); ok {
				return []check.Result{check.PassR(ref, "organization trail %s (read from account %s) logs read and write management events of every member account in every region", t.ARN, a.OrgFacts.SourceAccountID)}
			}
			// No qualifying trail seen: that is only a failure if we could read them all.
			if g, ok := cloudtrailGap(a); ok {
				return []check.Result{check.GapR(ref, g)}
			}
			return []check.Result{check.FailR(ref, "no multi-region trail is logging read and write management events (%d trails seen)", len(a.CloudTrail.Trails))}
		},
	}
}

// trailOwner describes who manages a trail, for messages: a member account
// sees an organization trail but cannot change it.
func trailOwner(a *state.Account, t state.Trail) string {
	if t.IsOrganization && t.OwnerAccountID != "" && t.OwnerAccountID != a.AccountID {
		return fmt.Sprintf(" (organization trail managed by account %s)", t.OwnerAccountID)
	}
	return ""
}

// perTrail evaluates every trail; with no trails the check is not
// applicable (cloudtrail_multi_region_enabled reports the missing trail),
// unless the listing failed. When the listing failed somewhere, the trails
// of that region are missing: one unknown result says so next to the
// trails that were read.
func perTrail(a *state.Account, fn func(t state.Trail) check.Result) []check.Result {
	g, gapped := trailListingGap(a)
	if len(a.CloudTrail.Trails) == 0 {
		if gapped {
			return []check.Result{check.GapR(accountRef(a), g)}
		}
		return []check.Result{check.NotApplicableR(accountRef(a), "no CloudTrail trails (cloudtrail_multi_region_enabled reports that)")}
	}
	out := make([]check.Result, 0, len(a.CloudTrail.Trails)+1)
	if gapped {
		out = append(out, check.GapR(accountRef(a), g))
	}
	for _, t := range a.CloudTrail.Trails {
		// An organization trail as the management account read it.
		if ft, ok := orgFactTrail(a, t.ARN); ok {
			t = ft
		}
		out = append(out, fn(t))
	}
	return out
}

func cloudtrailTrailLogging() check.Check {
	return check.Check{
		ID:          "cloudtrail_trail_logging",
		Title:       "Every configured CloudTrail trail is logging",
		Description: "A trail that exists but is stopped records nothing: either someone stopped it (StopLogging is a classic first move of an intruder) or the records it was set up for are silently missing.",
		Area:        check.Logging,
		Service:     "cloudtrail",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "CloudTrail > Trails > the trail: find out in CloudTrail event history who called StopLogging and why, then Start logging (or delete the trail if it is truly unused).",
			CLI:       "aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=StopLogging\naws cloudtrail start-logging --name <TRAIL>",
			Terraform: "resource \"aws_cloudtrail\" \"main\" {\n  # ...\n  enable_logging = true\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return perTrail(a, func(t state.Trail) check.Result {
				if g, ok := trailStatusGap(a, t, state.InputCloudTrailStatus); ok {
					return check.GapR(t, g)
				}
				if t.IsLogging {
					return check.PassR(t, "trail %s is logging%s", t.Name, trailOwner(a, t))
				}
				return check.FailR(t, "trail %s is stopped%s", t.Name, trailOwner(a, t))
			})
		},
	}
}

func cloudtrailLogFileValidation() check.Check {
	return check.Check{
		ID:          "cloudtrail_log_file_validation_enabled",
		Title:       "CloudTrail log file validation is enabled",
		Description: "Digest files signed by CloudTrail let you prove that delivered log files were not altered or deleted after the fact, which an investigation depends on.",
		Area:        check.Logging,
		Service:     "cloudtrail",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "CloudTrail > Trails > the trail > General details > Edit > Additional settings: enable Log file validation.",
			CLI:       "aws cloudtrail update-trail --name <TRAIL> --enable-log-file-validation",
			Terraform: "resource \"aws_cloudtrail\" \"main\" {\n  # ...\n  enable_log_file_validation = true\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return perTrail(a, func(t state.Trail) check.Result {
				if t.LogFileValidation {
					return check.PassR(t, "trail %s writes signed digest files%s", t.Name, trailOwner(a, t))
				}
				return check.FailR(t, "trail %s does not validate its log files%s", t.Name, trailOwner(a, t))
			})
		},
	}
}

// cloudtrailKMSEncryption lives with the logging checks but in the
// encryption-at-rest area: the duty it verifies is how stored logs are
// protected (CIS files it under logging, the shared catalog under A3).
func cloudtrailKMSEncryption() check.Check {
	return check.Check{
		ID:          "cloudtrail_kms_encryption_enabled",
		Title:       "CloudTrail logs are encrypted with a KMS key",
		Description: "SSE-KMS on trail logs adds a second gate: reading them needs kms:Decrypt on your key as well as S3 access, and every decryption is itself logged.",
		Area:        check.EncryptionAtRest,
		Service:     "cloudtrail",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "CloudTrail > Trails > the trail > General details > Edit: Log file SSE-KMS encryption enabled, choose a customer managed key whose policy lets cloudtrail.amazonaws.com encrypt.",
			CLI:       "aws cloudtrail update-trail --name <TRAIL> --kms-key-id <KMS_KEY_ARN>",
			Terraform: "resource \"aws_cloudtrail\" \"main\" {\n  # ...\n  kms_key_id = aws_kms_key.trail.arn\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return perTrail(a, func(t state.Trail) check.Result {
				if t.KMSKeyID != "" {
					return check.PassR(t, "trail %s encrypts its logs with %s%s", t.Name, t.KMSKeyID, trailOwner(a, t))
				}
				return check.FailR(t, "trail %s logs are only SSE-S3 encrypted, no KMS key%s", t.Name, trailOwner(a, t))
			})
		},
	}
}

// cloudWatchDeliveryMaxAge is how stale the last delivery to CloudWatch Logs
// may be before the integration counts as broken (CIS uses one day).
const cloudWatchDeliveryMaxAge = 24 * time.Hour

func cloudtrailCloudWatchLogs() check.Check {
	return check.Check{
		ID:          "cloudtrail_cloudwatch_logs_enabled",
		Title:       "CloudTrail trails deliver to CloudWatch Logs",
		Description: "Metric filters and alarms only see events that reach CloudWatch Logs; a trail that only writes to S3 cannot raise an alarm.",
		Area:        check.Logging,
		Service:     "cloudtrail",
		Severity:    check.Low,
		Remediation: check.Remediation{
			Console:   "CloudTrail > Trails > the trail > CloudWatch Logs > Edit: enable, choose or create a log group and the IAM role CloudTrail uses to write to it.",
			CLI:       "aws cloudtrail update-trail --name <TRAIL> --cloud-watch-logs-log-group-arn <LOG_GROUP_ARN> --cloud-watch-logs-role-arn <ROLE_ARN>",
			Terraform: "resource \"aws_cloudtrail\" \"main\" {\n  # ...\n  cloud_watch_logs_group_arn = \"${aws_cloudwatch_log_group.trail.arn}:*\"\n  cloud_watch_logs_role_arn  = aws_iam_role.trail_to_cwl.arn\n}",
		},
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			now := p.Clock(a.CollectedAt)
			return perTrail(a, func(t state.Trail) check.Result {
				switch {
				case t.CloudWatchLogGroupARN == "":
					return check.FailR(t, "trail %s does not deliver to CloudWatch Logs%s", t.Name, trailOwner(a, t))
				}
				// IsLogging and the last delivery come from GetTrailStatus.
				if g, ok := trailStatusGap(a, t, state.InputCloudTrailStatus); ok {
					return check.GapR(t, g)
				}
				switch {
				case t.IsLogging && t.LatestCloudWatchDelivery == nil:
					return check.FailR(t, "trail %s names log group %s but has never delivered to it", t.Name, t.CloudWatchLogGroupARN)
				case t.IsLogging && now.Sub(*t.LatestCloudWatchDelivery) > cloudWatchDeliveryMaxAge:
					return check.FailR(t, "trail %s last delivered to CloudWatch Logs %s ago (at %s)", t.Name, now.Sub(*t.LatestCloudWatchDelivery).Round(time.Hour), t.LatestCloudWatchDelivery.Format(time.RFC3339))
				}
				return check.PassR(t, "trail %s delivers to log group %s%s", t.Name, t.CloudWatchLogGroupARN, trailOwner(a, t))
			})
		},
	}
}

// trailBuckets returns the distinct S3 buckets trails deliver to, with the
// trail names that use each.
func trailBuckets(a *state.Account) (names []string, users map[string][]string) {
	users = map[string][]string{}
	for _, t := range a.CloudTrail.Trails {
		if t.S3Bucket == "" {
			continue
		}
		if _, seen := users[t.S3Bucket]; !seen {
			names = append(names, t.S3Bucket)
		}
		users[t.S3Bucket] = append(users[t.S3Bucket], t.Name)
	}
	sort.Strings(names)
	return names, users
}

func findBucket(a *state.Account, name string) (*state.Bucket, bool) {
	for i := range a.S3.Buckets {
		if a.S3.Buckets[i].Name == name {
			return &a.S3.Buckets[i], true
		}
	}
	return nil, false
}

// perTrailBucket evaluates each trail bucket this account owns; a bucket in
// another account (typical for organization trails and log archive
// accounts) is unknown here, since its settings cannot be read.
func perTrailBucket(a *state.Account, inputs []state.Input, fn func(b *state.Bucket, trails string) check.Result) []check.Result {
	names, users := trailBuckets(a)
	if len(names) == 0 {
		if g, ok := cloudtrailGap(a); ok {
			return []check.Result{check.GapR(accountRef(a), g)}
		}
		return []check.Result{check.NotApplicableR(accountRef(a), "no trail delivers to an S3 bucket")}
	}
	var out []check.Result
	for _, n := range names {
		trails := strings.Join(users[n], ", ")
		b, ok := findBucket(a, n)
		if !ok {
			ref := check.Ref("arn:"+partitionOf(a)+":s3:::"+n, "")
			if g, gapped := a.Gaps.ForInputs("", "", state.InputS3Buckets); gapped {
				out = append(out, check.GapR(ref, g))
				continue
			}
			out = append(out, check.UnknownR(ref, "bucket %s (trail %s) is not in this account's state: it is likely owned by another account (a log archive), whose settings this scan cannot read", n, trails))
			continue
		}
		if g, gapped := a.Gaps.ForInputs(b.Region, b.ARN, inputs...); gapped {
			out = append(out, check.GapR(b, g))
			continue
		}
		out = append(out, fn(b, trails))
	}
	return out
}

func partitionOf(a *state.Account) string {
	if a.Partition == "" {
		return "aws"
	}
	return a.Partition
}

func cloudtrailBucketAccessLogging() check.Check {
	return check.Check{
		ID:          "cloudtrail_bucket_access_logging_enabled",
		Title:       "The CloudTrail S3 bucket has server access logging enabled",
		Description: "Access logs on the trail bucket record who read or tried to delete the audit trail itself.",
		Area:        check.Logging,
		Service:     "cloudtrail",
		Severity:    check.Low,
		Remediation: check.Remediation{
			Console:   "S3 > the trail's bucket > Properties > Server access logging > Edit: enable, target a separate logging bucket.",
			CLI:       "aws s3api put-bucket-logging --bucket <TRAIL_BUCKET> --bucket-logging-status '{\"LoggingEnabled\":{\"TargetBucket\":\"<LOG_BUCKET>\",\"TargetPrefix\":\"cloudtrail/\"}}'",
			Terraform: "resource \"aws_s3_bucket_logging\" \"trail\" {\n  bucket        = aws_s3_bucket.trail.id\n  target_bucket = aws_s3_bucket.access_logs.id\n  target_prefix = \"cloudtrail/\"\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return perTrailBucket(a, []state.Input{state.InputS3BucketLogging}, func(b *state.Bucket, trails string) check.Result {
				if b.Logging != nil && b.Logging.TargetBucket != "" {
					return check.PassR(b, "trail bucket %s (trail %s) logs access to %s", b.Name, trails, b.Logging.TargetBucket)
				}
				return check.FailR(b, "trail bucket %s (trail %s) has no server access logging", b.Name, trails)
			})
		},
	}
}

// coversBucket reports whether a logging trail records S3 data events (of
// the wanted kind) for bucket b.
func coversBucket(t state.Trail, b state.Bucket, write bool) bool {
	if !t.IsLogging || (write && !t.S3DataEventsWrite) || (!write && !t.S3DataEventsRead) {
		return false
	}
	// Data events are recorded in the bucket's region: a single-region trail
	// sees only buckets in its home region.
	if !t.IsMultiRegion && t.HomeRegion != "" && t.HomeRegion != b.Region {
		return false
	}
	if len(t.S3DataEventBuckets) == 0 {
		return true
	}
	for _, sel := range t.S3DataEventBuckets {
		if sel == "arn:aws:s3" || sel == "arn:aws:s3:::" || strings.HasPrefix(b.ARN+"/", strings.TrimSuffix(sel, "*")) || sel == b.ARN {
			return true
		}
	}
	return false
}

func cloudtrailS3DataEvents(write bool) check.Check {
	kind, id, cli := "read", "cloudtrail_s3_data_events_read_enabled", "ReadOnly"
	if write {
		kind, id, cli = "write", "cloudtrail_s3_data_events_write_enabled", "WriteOnly"
	}
	return check.Check{
		ID:          id,
		Title:       fmt.Sprintf("Object-level %s events are logged for S3 buckets", kind),
		Description: fmt.Sprintf("Management events do not show who %s individual objects; only S3 data events do, which is what an investigation of a leak or tampering needs.", map[bool]string{true: "wrote or deleted", false: "read"}[write]),
		Area:        check.Logging,
		Service:     "cloudtrail",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   fmt.Sprintf("CloudTrail > Trails > the multi-region trail > Data events > Edit: add S3, all current and future buckets, %s events.", kind),
			CLI:       fmt.Sprintf("aws cloudtrail put-event-selectors --trail-name <TRAIL> --event-selectors '[{\"ReadWriteType\":\"%s\",\"IncludeManagementEvents\":true,\"DataResources\":[{\"Type\":\"AWS::S3::Object\",\"Values\":[\"arn:aws:s3\"]}]}]'", cli),
			Terraform: fmt.Sprintf("resource \"aws_cloudtrail\" \"main\" {\n  # ...\n  event_selector {\n    read_write_type           = %q\n    include_management_events = true\n    data_resource {\n      type   = \"AWS::S3::Object\"\n      values = [\"arn:aws:s3\"]\n    }\n  }\n}", cli),
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			ref := accountRef(a)
			for _, t := range a.CloudTrail.Trails {
				if t.IsMultiRegion && t.IsLogging && len(t.S3DataEventBuckets) == 0 && ((write && t.S3DataEventsWrite) || (!write && t.S3DataEventsRead)) {
					return []check.Result{check.PassR(ref, "multi-region trail %s logs S3 %s data events for all buckets", t.Name, kind)}
				}
			}
			// Beyond that one pass, every verdict needs every trail read.
			if g, ok := cloudtrailGap(a); ok {
				return []check.Result{check.GapR(ref, g)}
			}
			if len(a.S3.Buckets) == 0 {
				if g, ok := a.Gaps.ForInputs("", "", state.InputS3Buckets); ok {
					return []check.Result{check.GapR(ref, g)}
				}
				return []check.Result{check.NotApplicableR(ref, "no S3 buckets")}
			}
			var out []check.Result
			for _, b := range a.S3.Buckets {
				var by string
				for _, t := range a.CloudTrail.Trails {
					if coversBucket(t, b, write) {
						by = t.Name
						break
					}
				}
				if by != "" {
					out = append(out, check.PassR(b, "trail %s logs %s data events for bucket %s", by, kind, b.Name))
				} else {
					out = append(out, check.FailR(b, "no logging trail records object-level %s events for bucket %s", kind, b.Name))
				}
			}
			return out
		},
	}
}

// configListingGap reports a gap hiding a region's recorders.
func configListingGap(a *state.Account, region string) (state.Gap, bool) {
	return listingGap(a, region, state.InputConfigRecorders, state.InputConfigRecorderStatus)
}

// customerRecorder returns the region's recorder the customer manages. A
// service-linked recorder (created by another AWS service for its own use)
// records only what that service needs and does not count.
func customerRecorder(a *state.Account, region string) (state.ConfigRecorder, bool) {
	for _, r := range a.Config.Recorders {
		if r.Region == region && !r.ServiceLinked {
			return r, true
		}
	}
	return state.ConfigRecorder{}, false
}

func configRecorderEnabled() check.Check {
	return check.Check{
		ID:          "config_recorder_enabled",
		Title:       "AWS Config records all resource types in every scanned region",
		Description: "Config's history of resource configurations answers what changed, when and by whom; a region without a recorder is a blind spot.",
		Area:        check.Logging,
		Service:     "config",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "AWS Config > Settings (in each region): Recording strategy All resource types, Recording on, delivery channel to an S3 bucket; use the AWS Config service-linked role.",
			CLI:       "aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=arn:aws:iam::<ACCOUNT>:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig --recording-group allSupported=true,includeGlobalResourceTypes=true --region <REGION>\naws configservice put-delivery-channel --delivery-channel name=default,s3BucketName=<BUCKET> --region <REGION>\naws configservice start-configuration-recorder --configuration-recorder-name default --region <REGION>",
			Terraform: "resource \"aws_config_configuration_recorder\" \"main\" {\n  name     = \"default\"\n  role_arn = aws_iam_service_linked_role.config.arn\n  recording_group {\n    all_supported                 = true\n    include_global_resource_types = true\n  }\n}\n\nresource \"aws_config_configuration_recorder_status\" \"main\" {\n  name       = aws_config_configuration_recorder.main.name\n  is_enabled = true\n  depends_on = [aws_config_delivery_channel.main]\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var out []check.Result
			for _, region := range a.ScannedRegions() {
				ref := regionRef(a, "config", region)
				if g, ok := configListingGap(a, region); ok {
					out = append(out, check.GapR(ref, g))
					continue
				}
				rec, ok := customerRecorder(a, region)
				switch {
				case !ok:
					out = append(out, check.FailR(ref, "no configuration recorder in %s", region))
				case !rec.Recording:
					out = append(out, check.FailR(rec, "recorder %s in %s is stopped", rec.Name, region))
				case !rec.AllSupported:
					out = append(out, check.FailR(rec, "recorder %s in %s records only selected resource types", rec.Name, region))
				case rec.LastStatus == "FAILURE":
					out = append(out, check.FailR(rec, "recorder %s in %s is on but its last recording failed", rec.Name, region))
				default:
					out = append(out, check.PassR(rec, "recorder %s in %s records all supported resource types", rec.Name, region))
				}
			}
			return out
		},
	}
}

func configRecorderGlobalResources() check.Check {
	return check.Check{
		ID:          "config_recorder_global_resources",
		Title:       "AWS Config records global resources (IAM) in at least one region",
		Description: "IAM users, roles and policies are global resources; unless one region's recorder includes them, their change history is lost. AWS recommends recording them in exactly one region to avoid duplicates, so one region suffices.",
		Area:        check.Logging,
		Service:     "config",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "AWS Config > Settings in your home region > Edit: Recording strategy All resource types, Include globally recorded resource types.",
			CLI:       "aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=<ROLE_ARN> --recording-group allSupported=true,includeGlobalResourceTypes=true --region <HOME_REGION>",
			Terraform: "resource \"aws_config_configuration_recorder\" \"home\" {\n  # in the home region only\n  recording_group {\n    all_supported                 = true\n    include_global_resource_types = true\n  }\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			ref := accountRef(a)
			for _, region := range a.ScannedRegions() {
				if rec, ok := customerRecorder(a, region); ok && rec.Recording && rec.AllSupported && rec.IncludeGlobalResourceTypes {
					return []check.Result{check.PassR(ref, "recorder %s in %s records global resource types", rec.Name, region)}
				}
			}
			for _, region := range a.ScannedRegions() {
				if g, ok := configListingGap(a, region); ok {
					return []check.Result{check.GapR(ref, g)}
				}
			}
			return []check.Result{check.FailR(ref, "no active recorder in a scanned region records global resource types (IAM)")}
		},
	}
}

func configRecorderServiceLinkedRole() check.Check {
	return check.Check{
		ID:          "config_recorder_service_linked_role",
		Title:       "AWS Config recorders use the AWS Config service-linked role",
		Description: "The service-linked role has exactly the permissions Config needs and cannot be edited, so recording cannot silently break or be widened by a role change.",
		Area:        check.Logging,
		Service:     "config",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "AWS Config > Settings > Edit > AWS Config role: choose Use an existing AWS Config service-linked role.",
			CLI:       "aws iam create-service-linked-role --aws-service-name config.amazonaws.com\naws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=arn:aws:iam::<ACCOUNT>:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig --recording-group allSupported=true",
			Terraform: "resource \"aws_iam_service_linked_role\" \"config\" {\n  aws_service_name = \"config.amazonaws.com\"\n}\n\nresource \"aws_config_configuration_recorder\" \"main\" {\n  role_arn = aws_iam_service_linked_role.config.arn\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var out []check.Result
			seen := false
			for _, region := range a.ScannedRegions() {
				if g, ok := configListingGap(a, region); ok {
					out = append(out, check.GapR(regionRef(a, "config", region), g))
					continue
				}
				rec, ok := customerRecorder(a, region)
				if !ok {
					continue
				}
				seen = true
				if strings.HasSuffix(rec.RoleARN, ":role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig") {
					out = append(out, check.PassR(rec, "recorder %s in %s uses the AWS Config service-linked role", rec.Name, region))
				} else {
					out = append(out, check.FailR(rec, "recorder %s in %s uses role %q instead of the service-linked role", rec.Name, region, rec.RoleARN))
				}
			}
			if !seen && len(out) == 0 {
				return []check.Result{check.NotApplicableR(accountRef(a), "no configuration recorders (config_recorder_enabled reports that)")}
			}
			return out
		},
	}
}

// guardDutyGap reports a gap hiding a region's detector: the listing
// failed, or GetDetector failed for the region's detector (the collector
// records it per detector ARN; without it the status and features are
// zero values, not facts).
func guardDutyGap(a *state.Account, region string) (state.Gap, bool) {
	if g, ok := listingGap(a, region, state.InputGuardDutyDetectors, state.InputGuardDutyDetectorSettings); ok {
		return g, true
	}
	if d, ok := detectorIn(a, region); ok {
		return a.Gaps.ForInput(state.InputGuardDutyDetectorSettings, region, d.ARN)
	}
	return state.Gap{}, false
}

func detectorIn(a *state.Account, region string) (state.Detector, bool) {
	for _, d := range a.GuardDuty.Detectors {
		if d.Region == region {
			return d, true
		}
	}
	return state.Detector{}, false
}

func detectorManager(d state.Detector) string {
	if d.AdministratorAccountID != "" {
		return fmt.Sprintf(", managed by the organization's GuardDuty administrator %s", d.AdministratorAccountID)
	}
	return ""
}

func guardDutyEnabled() check.Check {
	return check.Check{
		ID:          "guardduty_enabled",
		Title:       "GuardDuty is enabled in every scanned region",
		Description: "GuardDuty watches CloudTrail, VPC flow and DNS logs for compromise (stolen credentials, crypto-mining, exfiltration); it only watches regions where a detector is on.",
		Area:        check.Logging,
		Service:     "guardduty",
		Severity:    check.High,
		Remediation: check.Remediation{
			Console:   "GuardDuty > Get started > Enable GuardDuty (in each region); in an organization, let the delegated administrator auto-enable it for all members.",
			CLI:       "aws guardduty create-detector --enable --region <REGION>",
			Terraform: "resource \"aws_guardduty_detector\" \"main\" {\n  enable = true\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var out []check.Result
			for _, region := range a.ScannedRegions() {
				ref := regionRef(a, "guardduty", region)
				if g, ok := guardDutyGap(a, region); ok {
					// The member's own detector is unread; the delegated
					// administrator's auto-enable for every member is
					// evidence AWS documents.
					if oc, all := orgGuardDutyAll(a, region); all {
						out = append(out, check.PassR(ref, "GuardDuty's delegated administrator (detector %s, read from account %s) auto-enables every member account in %s (AutoEnableOrganizationMembers ALL)", oc.DetectorID, a.OrgFacts.SourceAccountID, region))
						continue
					}
					out = append(out, check.GapR(ref, g))
					continue
				}
				d, ok := detectorIn(a, region)
				switch {
				case !ok:
					if _, all := orgGuardDutyAll(a, region); all {
						out = append(out, check.FailR(ref, "no GuardDuty detector in %s, although the organization auto-enables every member there: the account is not enrolled", region))
						continue
					}
					out = append(out, check.FailR(ref, "no GuardDuty detector in %s", region))
				case d.Status != "ENABLED":
					out = append(out, check.FailR(d, "GuardDuty detector %s in %s is %s%s", d.ID, region, strings.ToLower(d.Status), detectorManager(d)))
				default:
					out = append(out, check.PassR(d, "GuardDuty detector %s is enabled in %s%s", d.ID, region, detectorManager(d)))
				}
			}
			return out
		},
	}
}

func guardDutyNoHighFindings() check.Check {
	return check.Check{
		ID:          "guardduty_no_high_severity_findings",
		Title:       "No high-severity GuardDuty findings are left active",
		Description: "A high-severity finding means a resource is probably compromised; leaving it active means nobody has investigated.",
		Area:        check.Logging,
		Service:     "guardduty",
		Severity:    check.High,
		Remediation: check.Remediation{
			Console:   "GuardDuty > Findings, filter Severity High: investigate each, remediate the resource, then archive the finding (or add a suppression rule for accepted behaviour).",
			CLI:       "aws guardduty list-findings --detector-id <DETECTOR_ID> --finding-criteria '{\"Criterion\":{\"severity\":{\"Gte\":7},\"service.archived\":{\"Eq\":[\"false\"]}}}'\naws guardduty archive-findings --detector-id <DETECTOR_ID> --finding-ids <FINDING_IDS>",
			Terraform: "resource \"aws_guardduty_filter\" \"accepted\" {\n  # suppress only behaviour you have investigated and accepted\n  detector_id = aws_guardduty_detector.main.id\n  name        = \"accepted-scanner\"\n  action      = \"ARCHIVE\"\n  rank        = 1\n  finding_criteria {\n    criterion {\n      field  = \"type\"\n      equals = [\"Recon:EC2/PortProbeUnprotectedPort\"]\n    }\n  }\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var out []check.Result
			for _, region := range a.ScannedRegions() {
				if g, ok := guardDutyGap(a, region); ok {
					out = append(out, check.GapR(regionRef(a, "guardduty", region), g))
					continue
				}
				d, ok := detectorIn(a, region)
				if !ok || d.Status != "ENABLED" {
					continue
				}
				if g, ok := a.Gaps.ForInputs(region, d.ARN, state.InputGuardDutyFindingsStatistics); ok {
					out = append(out, check.GapR(d, g))
					continue
				}
				if d.HighSeverityFindings > 0 {
					out = append(out, check.FailR(d, "%d active high-severity GuardDuty finding(s) in %s", d.HighSeverityFindings, region))
				} else {
					out = append(out, check.PassR(d, "no active high-severity GuardDuty findings in %s", region))
				}
			}
			if len(out) == 0 {
				return []check.Result{check.NotApplicableR(accountRef(a), "no enabled GuardDuty detector (guardduty_enabled reports that)")}
			}
			return out
		},
	}
}

// guardDutyFeature is one GuardDuty protection plan FSBP asks for.
type guardDutyFeature struct {
	id, title, why string
	// name is the plan as messages and the console call it.
	name string
	// feature is the detector feature; sub, when set, the additional
	// configuration that must also be on (runtime monitoring agents).
	feature, sub string
	// legacy is an older feature name that also satisfies the control.
	legacy   string
	severity check.Severity
}

func guardDutyFeatureChecks() []check.Check {
	specs := []guardDutyFeature{
		{id: "guardduty_s3_protection_enabled", name: "S3 Protection", title: "GuardDuty S3 Protection is enabled", why: "it watches S3 data events for suspicious object access and exfiltration", feature: "S3_DATA_EVENTS", severity: check.High},
		{id: "guardduty_eks_audit_logs_enabled", name: "EKS Audit Log Monitoring", title: "GuardDuty EKS Audit Log Monitoring is enabled", why: "it watches Kubernetes audit logs of EKS clusters for compromise", feature: "EKS_AUDIT_LOGS", severity: check.High},
		{id: "guardduty_malware_protection_enabled", name: "Malware Protection for EC2", title: "GuardDuty Malware Protection for EC2 is enabled", why: "it scans the EBS volumes of instances GuardDuty suspects for malware", feature: "EBS_MALWARE_PROTECTION", severity: check.High},
		{id: "guardduty_rds_protection_enabled", name: "RDS Protection", title: "GuardDuty RDS Protection is enabled", why: "it watches Aurora login activity for brute force and anomalous access", feature: "RDS_LOGIN_EVENTS", severity: check.High},
		{id: "guardduty_lambda_protection_enabled", name: "Lambda Protection", title: "GuardDuty Lambda Protection is enabled", why: "it watches network activity of Lambda functions for crypto-mining and callbacks", feature: "LAMBDA_NETWORK_LOGS", severity: check.High},
		{id: "guardduty_runtime_monitoring_enabled", name: "Runtime Monitoring", title: "GuardDuty Runtime Monitoring is enabled", why: "it watches process, file and network activity inside EC2, EKS and ECS workloads", feature: "RUNTIME_MONITORING", severity: check.High},
		{id: "guardduty_eks_runtime_monitoring_enabled", name: "Runtime Monitoring's EKS add-on management", title: "GuardDuty EKS Runtime Monitoring manages its agent", why: "without the managed EKS add-on, Runtime Monitoring sees nothing inside clusters", feature: "RUNTIME_MONITORING", sub: "EKS_ADDON_MANAGEMENT", legacy: "EKS_RUNTIME_MONITORING", severity: check.Medium},
		{id: "guardduty_ecs_runtime_monitoring_enabled", name: "Runtime Monitoring's ECS Fargate agent management", title: "GuardDuty ECS Runtime Monitoring manages its Fargate agent", why: "without the managed agent, Runtime Monitoring sees nothing inside Fargate tasks", feature: "RUNTIME_MONITORING", sub: "ECS_FARGATE_AGENT_MANAGEMENT", severity: check.Medium},
		{id: "guardduty_ec2_runtime_monitoring_enabled", name: "Runtime Monitoring's EC2 agent management", title: "GuardDuty EC2 Runtime Monitoring manages its agent", why: "without the managed agent, Runtime Monitoring sees nothing inside EC2 instances", feature: "RUNTIME_MONITORING", sub: "EC2_AGENT_MANAGEMENT", severity: check.Medium},
	}
	out := make([]check.Check, 0, len(specs))
	for _, s := range specs {
		out = append(out, guardDutyFeatureCheck(s))
	}
	return out
}

func (s guardDutyFeature) key() string {
	if s.sub != "" {
		return s.feature + "/" + s.sub
	}
	return s.feature
}

func guardDutyFeatureCheck(s guardDutyFeature) check.Check {
	name := s.name
	cliFeature := fmt.Sprintf("'[{\"Name\":\"%s\",\"Status\":\"ENABLED\"}]'", s.feature)
	tfSub := ""
	if s.sub != "" {
		cliFeature = fmt.Sprintf("'[{\"Name\":\"%s\",\"Status\":\"ENABLED\",\"AdditionalConfiguration\":[{\"Name\":\"%s\",\"Status\":\"ENABLED\"}]}]'", s.feature, s.sub)
		tfSub = fmt.Sprintf("\n  additional_configuration {\n    name   = %q\n    status = \"ENABLED\"\n  }", s.sub)
	}
	return check.Check{
		ID:          s.id,
		Title:       s.title,
		Description: "GuardDuty's base detector does not cover everything: " + s.why + ".",
		Area:        check.Logging,
		Service:     "guardduty",
		Severity:    s.severity,
		Remediation: check.Remediation{
			Console:   fmt.Sprintf("GuardDuty > Protection plans > %s: Enable (in each region; in an organization, the delegated administrator can enable it for all members).", name),
			CLI:       fmt.Sprintf("aws guardduty update-detector --detector-id <DETECTOR_ID> --features %s --region <REGION>", cliFeature),
			Terraform: fmt.Sprintf("resource \"aws_guardduty_detector_feature\" %q {\n  detector_id = aws_guardduty_detector.main.id\n  name        = %q\n  status      = \"ENABLED\"%s\n}", strings.ToLower(s.feature), s.feature, tfSub),
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var out []check.Result
			for _, region := range a.ScannedRegions() {
				if g, ok := guardDutyGap(a, region); ok {
					out = append(out, check.GapR(regionRef(a, "guardduty", region), g))
					continue
				}
				d, ok := detectorIn(a, region)
				if !ok || d.Status != "ENABLED" {
					continue // guardduty_enabled reports the region
				}
				if s.legacy != "" && d.Features[s.legacy] == "ENABLED" {
					out = append(out, check.PassR(d, "%s is on in %s (%s)%s", name, region, s.legacy, detectorManager(d)))
					continue
				}
				base, haveBase := d.Features[s.feature]
				status, have := d.Features[s.key()]
				switch {
				case haveBase && base != "ENABLED":
					out = append(out, check.FailR(d, "%s is off in %s (%s %s)%s", name, region, s.feature, strings.ToLower(base), detectorManager(d)))
				case !have:
					out = append(out, check.UnknownR(d, "the detector in %s does not report feature %s (not collected, or not offered in the region)", region, s.key()))
				case status == "ENABLED":
					out = append(out, check.PassR(d, "%s is on in %s%s", name, region, detectorManager(d)))
				default:
					out = append(out, check.FailR(d, "%s is off in %s (%s %s)%s", name, region, s.key(), strings.ToLower(status), detectorManager(d)))
				}
			}
			if len(out) == 0 {
				return []check.Result{check.NotApplicableR(accountRef(a), "no enabled GuardDuty detector (guardduty_enabled reports that)")}
			}
			return out
		},
	}
}

func securityHubEnabled() check.Check {
	return check.Check{
		ID:          "securityhub_enabled",
		Title:       "Security Hub is enabled in every scanned region",
		Description: "Security Hub gathers findings from GuardDuty, Inspector, Macie and Config rules and scores the account against standards; each region needs it on.",
		Area:        check.Logging,
		Service:     "securityhub",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "Security Hub > Go to Security Hub > Enable Security Hub (in each region, or centrally from the delegated administrator with auto-enable).",
			CLI:       "aws securityhub enable-security-hub --enable-default-standards --region <REGION>",
			Terraform: "resource \"aws_securityhub_account\" \"main\" {\n  enable_default_standards = true\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var out []check.Result
			for _, region := range a.ScannedRegions() {
				ref := regionRef(a, "securityhub", region)
				if g, ok := listingGap(a, region, state.InputSecurityHubs); ok {
					out = append(out, check.GapR(ref, g))
					continue
				}
				var hub *state.Hub
				for i := range a.SecurityHub.Hubs {
					if a.SecurityHub.Hubs[i].Region == region {
						hub = &a.SecurityHub.Hubs[i]
					}
				}
				switch {
				case hub == nil:
					out = append(out, check.FailR(ref, "Security Hub is not enabled in %s", region))
				case hub.AdministratorAccountID != "":
					out = append(out, check.PassR(*hub, "Security Hub is enabled in %s, managed by administrator account %s", region, hub.AdministratorAccountID))
				default:
					out = append(out, check.PassR(*hub, "Security Hub is enabled in %s (%d standard(s))", region, len(hub.Standards)))
				}
			}
			return out
		},
	}
}

func cloudtrailBucketNotPublic() check.Check {
	return check.Check{
		ID:          "cloudtrail_bucket_not_public",
		Title:       "The CloudTrail S3 bucket is not publicly accessible",
		Description: "Trail logs map your whole account: users, roles, IPs, resources. A public trail bucket hands that map to anyone, and a writable one lets them forge it.",
		Area:        check.Logging,
		Service:     "cloudtrail",
		Severity:    severityFor(scopePublic),
		Remediation: check.Remediation{
			Console:   "S3 > the trail's bucket > Permissions: turn on all four Block public access settings, remove ACL grants to Everyone / Authenticated users, and remove policy statements with Principal \"*\" that are not bound to your organization or the CloudTrail service.",
			CLI:       "aws s3api put-public-access-block --bucket <TRAIL_BUCKET> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true\naws s3api put-bucket-ownership-controls --bucket <TRAIL_BUCKET> --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'",
			Terraform: "resource \"aws_s3_bucket_public_access_block\" \"trail\" {\n  bucket                  = aws_s3_bucket.trail.id\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}",
		},
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			// The bucket's unreadable settings are weighed by the shared
			// publicity rule (s3_publicity.go), not turned into unknown up
			// front: a public ACL is a finding whatever the unread policy says.
			c := exposure.NewContext(a, p)
			return perTrailBucket(a, nil, func(b *state.Bucket, trails string) check.Result {
				bp := exposure.JudgeBucket(a, b, c, exposure.AnyAccess)
				switch bp.Public() {
				case exposure.Open:
					return check.FailR(b, "trail bucket %s (trail %s) is public: %s", b.Name, trails, strings.Join(bp.OpenGrants(), "; "))
				case exposure.Undecided:
					return unknownChannel(b, bp.Undecided())
				}
				blocked := bp.BlockedGrants()
				switch {
				case bp.BPA.All():
					return check.PassR(b, "trail bucket %s (trail %s) has Block Public Access fully on", b.Name, trails)
				case len(blocked) > 0:
					return check.PassR(b, "trail bucket %s (trail %s): its grants to everyone are neutralised: %s", b.Name, trails, strings.Join(blocked, "; "))
				default:
					return check.PassR(b, "trail bucket %s (trail %s): no public ACL grant or policy statement", b.Name, trails)
				}
			})
		},
	}
}
