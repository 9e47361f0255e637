package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func loggingChecks() []check.Check {
	return []check.Check{
		cloudtrailMultiRegionEnabled(),
	}
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
			for _, t := range a.CloudTrail.Trails {
				if t.IsMultiRegion && t.IsLogging && t.ManagementEvents && (t.ReadWriteType == "" || t.ReadWriteType == "All") {
					kind := "trail"
					if t.IsOrganization {
						kind = "organization trail"
					}
					return []check.Result{check.PassR(ref, "%s %s logs read and write management events in every region", kind, t.ARN)}
				}
			}
			// No qualifying trail seen: that is only a failure if we could read them all.
			for _, r := range a.ScannedRegions() {
				if g, ok := a.Gaps.FindAny("cloudtrail", r, "", "DescribeTrails", "GetTrailStatus", "GetEventSelectors"); ok {
					return []check.Result{check.GapR(ref, g)}
				}
			}
			if g, ok := a.Gaps.FindAny("cloudtrail", "", "", "DescribeTrails", "GetTrailStatus", "GetEventSelectors"); ok {
				return []check.Result{check.GapR(ref, g)}
			}
			return []check.Result{check.FailR(ref, "no multi-region trail is logging read and write management events (%d trails seen)", len(a.CloudTrail.Trails))}
		},
	}
}
