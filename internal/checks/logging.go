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
		ID: "cloudtrail_multi_region_enabled",
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
				return []check.Result{check.PassR(ref, "organization trail %s (read from %s) logs read and write management events of every member account in every region", t.ARN, a.OrgFacts.From())}
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
		ID: "cloudtrail_trail_logging",
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
		ID: "cloudtrail_log_file_validation_enabled",
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
		ID: "cloudtrail_kms_encryption_enabled",
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
		ID: "cloudtrail_cloudwatch_logs_enabled",
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
		ID: "cloudtrail_bucket_access_logging_enabled",
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
	kind, id := "read", "cloudtrail_s3_data_events_read_enabled"
	if write {
		kind, id = "write", "cloudtrail_s3_data_events_write_enabled"
	}
	return check.Check{
		ID: id,
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
			out := check.Results(a, len(a.S3.Buckets)) // at most one per bucket
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
		ID: "config_recorder_enabled",
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
		ID: "config_recorder_global_resources",
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
		ID: "config_recorder_service_linked_role",
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
		ID: "guardduty_enabled",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var out []check.Result
			for _, region := range a.ScannedRegions() {
				ref := regionRef(a, "guardduty", region)
				if g, ok := guardDutyGap(a, region); ok {
					// The member's own detector is unread; the delegated
					// administrator's auto-enable for every member is
					// evidence AWS documents.
					if oc, all := orgGuardDutyAll(a, region); all {
						out = append(out, check.PassR(ref, "GuardDuty's delegated administrator (detector %s, read from %s) auto-enables every member account in %s (AutoEnableOrganizationMembers ALL)", oc.DetectorID, a.OrgFacts.From(), region))
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
		ID: "guardduty_no_high_severity_findings",
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
	id string
	// name is the plan as messages and the console call it.
	name string
	// feature is the detector feature; sub, when set, the additional
	// configuration that must also be on (runtime monitoring agents).
	feature, sub string
	// legacy is an older feature name that also satisfies the control.
	legacy string
}

func guardDutyFeatureChecks() []check.Check {
	specs := []guardDutyFeature{
		{id: "guardduty_s3_protection_enabled", name: "S3 Protection", feature: "S3_DATA_EVENTS"},
		{id: "guardduty_eks_audit_logs_enabled", name: "EKS Audit Log Monitoring", feature: "EKS_AUDIT_LOGS"},
		{id: "guardduty_malware_protection_enabled", name: "Malware Protection for EC2", feature: "EBS_MALWARE_PROTECTION"},
		{id: "guardduty_rds_protection_enabled", name: "RDS Protection", feature: "RDS_LOGIN_EVENTS"},
		{id: "guardduty_lambda_protection_enabled", name: "Lambda Protection", feature: "LAMBDA_NETWORK_LOGS"},
		{id: "guardduty_runtime_monitoring_enabled", name: "Runtime Monitoring", feature: "RUNTIME_MONITORING"},
		{id: "guardduty_eks_runtime_monitoring_enabled", name: "Runtime Monitoring's EKS add-on management", feature: "RUNTIME_MONITORING", sub: "EKS_ADDON_MANAGEMENT", legacy: "EKS_RUNTIME_MONITORING"},
		{id: "guardduty_ecs_runtime_monitoring_enabled", name: "Runtime Monitoring's ECS Fargate agent management", feature: "RUNTIME_MONITORING", sub: "ECS_FARGATE_AGENT_MANAGEMENT"},
		{id: "guardduty_ec2_runtime_monitoring_enabled", name: "Runtime Monitoring's EC2 agent management", feature: "RUNTIME_MONITORING", sub: "EC2_AGENT_MANAGEMENT"},
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
	return check.Check{
		ID: s.id,
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
		ID: "securityhub_enabled",
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
		ID: "cloudtrail_bucket_not_public",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			// The bucket's unreadable settings are weighed by the shared
			// publicity rule (s3_publicity.go), not turned into unknown up
			// front: a public ACL is a finding whatever the unread policy says.
			c := exposureContext(a, p)
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
