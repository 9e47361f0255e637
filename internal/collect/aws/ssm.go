package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
	"github.com/aws/aws-sdk-go-v2/service/ssm/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ssm reads which instances Systems Manager manages, their patch
// compliance (one bulk listing filtered to the Patch type) and the
// documents the account owns with who they are shared with.
func (c *collector) ssm(ctx context.Context, region string) {
	cl := ssm.NewFromConfig(c.cfg, func(o *ssm.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("ssm", region))
	})
	c.sub("ssm", region, "", func(ctx context.Context) { c.ssmCompliance(ctx, cl, region) }, "ListResourceComplianceSummaries")
	c.sub("ssm", region, "", func(ctx context.Context) { c.ssmDocuments(ctx, cl, region) }, "ListDocuments")
	c.sub("ssm", region, "", func(ctx context.Context) { c.ssmSettings(ctx, cl, region) }, "GetServiceSetting")
	var out []state.ManagedInstance
	err := c.do(ctx, "ssm", "DescribeInstanceInformation", region, "", nil, func(ctx context.Context) error {
		// DescribeInstanceInformation pages hold at most 50.
		params := ssm.DescribeInstanceInformationInput{MaxResults: sdk.Int32(50)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeInstanceInformation(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, i := range page.InstanceInformationList {
				id := str(i.InstanceId)
				out = append(out, state.ManagedInstance{Meta: meta(c.arn("ssm", region, c.accountID, "managed-instance/"+id), region, nil),
					InstanceID: id, PingStatus: string(i.PingStatus), PlatformType: string(i.PlatformType), PlatformName: str(i.PlatformName),
					AgentVersion: str(i.AgentVersion), LastPingTime: tm(i.LastPingDateTime)})
			}
			return page.NextToken, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.SSM.ManagedInstances = append(a.SSM.ManagedInstances, out...) })
	}
}

// ssmCompliance lists the compliance summaries of every managed instance
// once, unfiltered, and splits them by type: Patch (patch compliance) and
// Association (State Manager). One listing serves both, and a failure
// leaves both unknown, which the one gap says.
func (c *collector) ssmCompliance(ctx context.Context, cl *ssm.Client, region string) {
	var patch []state.PatchCompliance
	var assoc []state.AssociationCompliance
	err := c.do(ctx, "ssm", "ListResourceComplianceSummaries", region, "", nil, func(ctx context.Context) error {
		params := ssm.ListResourceComplianceSummariesInput{MaxResults: sdk.Int32(50)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListResourceComplianceSummaries(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, s := range page.ResourceComplianceSummaryItems {
				id := str(s.ResourceId)
				m := meta(c.arn("ssm", region, c.accountID, "managed-instance/"+id), region, nil)
				switch str(s.ComplianceType) {
				case "Patch":
					pc := state.PatchCompliance{Meta: m, InstanceID: id, Status: string(s.Status)}
					if s.ExecutionSummary != nil {
						pc.LastOperationTime = tm(s.ExecutionSummary.ExecutionTime)
					}
					if n := s.NonCompliantSummary; n != nil {
						pc.MissingCount = int(n.NonCompliantCount)
						pc.Severity = highestSeverity(n.SeveritySummary)
					}
					if pc.Severity == "" && s.Status == types.ComplianceStatusNonCompliant {
						pc.Severity = string(s.OverallSeverity)
					}
					patch = append(patch, pc)
				case "Association":
					ac := state.AssociationCompliance{Meta: m, InstanceID: id, Status: string(s.Status)}
					if n := s.NonCompliantSummary; n != nil {
						ac.NonCompliantCount = int(n.NonCompliantCount)
					}
					assoc = append(assoc, ac)
				}
			}
			return page.NextToken, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) {
			a.SSM.PatchCompliance = append(a.SSM.PatchCompliance, patch...)
			a.SSM.AssociationCompliance = append(a.SSM.AssociationCompliance, assoc...)
		})
	}
}

// publicSharingSetting is the service setting that blocks public sharing
// of SSM documents in a region when its value is Disable.
const publicSharingSetting = "/ssm/documents/console/public-sharing-permission"

// automationLogSetting is the service setting naming where SSM
// Automation sends the output of its script steps: CloudWatch, or None
// (svc-last: SSM.6).
const automationLogSetting = "/ssm/automation/customer-script-log-destination"

// ssmSettings reads the region's SSM service settings, one
// GetServiceSetting call each. The region's record is kept when either
// read answered; a failed read leaves its gap, which makes the checks
// on that setting unknown.
func (c *collector) ssmSettings(ctx context.Context, cl *ssm.Client, region string) {
	st := state.SSMRegionSettings{Region: region}
	read := false
	get := func(id string, set func(v string)) {
		_ = c.do(ctx, "ssm", "GetServiceSetting", region, "", nil, func(ctx context.Context) error {
			out, err := cl.GetServiceSetting(ctx, &ssm.GetServiceSettingInput{SettingId: sdk.String(id)})
			if err == nil && out.ServiceSetting != nil {
				set(str(out.ServiceSetting.SettingValue))
				read = true
			}
			return err
		})
	}
	get(publicSharingSetting, func(v string) { st.DocumentPublicSharingBlocked = v == "Disable" })
	get(automationLogSetting, func(v string) { st.AutomationLogDestination = v })
	if read {
		c.rec.Update(func(a *state.Account) { a.SSM.RegionSettings = append(a.SSM.RegionSettings, st) })
	}
}

// highestSeverity names the worst severity with a non-compliant item.
func highestSeverity(s *types.SeveritySummary) string {
	if s == nil {
		return ""
	}
	for _, x := range []struct {
		n    int32
		name string
	}{{s.CriticalCount, "CRITICAL"}, {s.HighCount, "HIGH"}, {s.MediumCount, "MEDIUM"}, {s.LowCount, "LOW"}, {s.InformationalCount, "INFORMATIONAL"}, {s.UnspecifiedCount, "UNSPECIFIED"}} {
		if x.n > 0 {
			return x.name
		}
	}
	return ""
}

func (c *collector) ssmDocuments(ctx context.Context, cl *ssm.Client, region string) {
	var docs []state.SSMDocument
	err := c.do(ctx, "ssm", "ListDocuments", region, "", nil, func(ctx context.Context) error {
		params := ssm.ListDocumentsInput{MaxResults: sdk.Int32(50),
			Filters: []types.DocumentKeyValuesFilter{{Key: sdk.String("Owner"), Values: []string{"Self"}}}}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListDocuments(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, d := range page.DocumentIdentifiers {
				docs = append(docs, state.SSMDocument{Meta: meta(c.arn("ssm", region, c.accountID, "document/"+str(d.Name)), region,
					tagMap(d.Tags, func(t types.Tag) (*string, *string) { return t.Key, t.Value })), Name: str(d.Name)})
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(docs), func() {
		c.rec.Update(func(a *state.Account) { a.SSM.Documents = append(a.SSM.Documents, docs...) })
	})
	for i := range docs {
		d := &docs[i]
		c.item("ssm", region, d.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "ssm", "DescribeDocumentPermission", region, d.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribeDocumentPermission(ctx, &ssm.DescribeDocumentPermissionInput{Name: sdk.String(d.Name), PermissionType: types.DocumentPermissionTypeShare})
				if err != nil {
					return err
				}
				for _, a := range out.AccountIds {
					if a == "all" {
						d.Public = true
						continue
					}
					d.SharedWith = append(d.SharedWith, a)
				}
				return nil
			})
		}, "DescribeDocumentPermission")
	}
}
