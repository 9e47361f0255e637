package aws

import (
	"context"
	"strings"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/securityhub"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// logs reads a region's log groups and every metric filter of the region
// in one listing (DescribeMetricFilters without a group lists them all),
// then joins the filters to their groups.
func (c *collector) logs(ctx context.Context, region string) {
	cl := cloudwatchlogs.NewFromConfig(c.cfg, func(o *cloudwatchlogs.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("logs", region))
	})
	var groups []state.LogGroup
	err := c.do(ctx, "logs", "DescribeLogGroups", region, "", nil, func(ctx context.Context) error {
		params := cloudwatchlogs.DescribeLogGroupsInput{Limit: sdk.Int32(50)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeLogGroups(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, g := range page.LogGroups {
				arn := str(g.LogGroupArn)
				if arn == "" {
					arn = strings.TrimSuffix(str(g.Arn), ":*")
				}
				groups = append(groups, state.LogGroup{Meta: meta(arn, region, nil), Name: str(g.LogGroupName),
					RetentionDays: i32(g.RetentionInDays), KMSKeyID: str(g.KmsKeyId)})
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	byName := map[string]*state.LogGroup{}
	for i := range groups {
		byName[groups[i].Name] = &groups[i]
	}
	_ = c.do(ctx, "logs", "DescribeMetricFilters", region, "", nil, func(ctx context.Context) error {
		params := cloudwatchlogs.DescribeMetricFiltersInput{Limit: sdk.Int32(50)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeMetricFilters(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, f := range page.MetricFilters {
				g, ok := byName[str(f.LogGroupName)]
				if !ok {
					continue
				}
				mf := state.MetricFilter{Name: str(f.FilterName), Pattern: str(f.FilterPattern)}
				for _, m := range f.MetricTransformations {
					mf.Metrics = append(mf.Metrics, state.MetricTransformation{Name: str(m.MetricName), Namespace: str(m.MetricNamespace), Value: str(m.MetricValue)})
				}
				g.MetricFilters = append(g.MetricFilters, mf)
			}
			return page.NextToken, nil
		})
	})
	c.rec.Update(func(a *state.Account) { a.CloudWatchLogs.LogGroups = append(a.CloudWatchLogs.LogGroups, groups...) })
}

// cloudwatch reads a region's metric alarms.
func (c *collector) cloudwatch(ctx context.Context, region string) {
	cl := cloudwatch.NewFromConfig(c.cfg, func(o *cloudwatch.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("cloudwatch", region))
	})
	var out []state.MetricAlarm
	err := c.do(ctx, "cloudwatch", "DescribeAlarms", region, "", nil, func(ctx context.Context) error {
		params := cloudwatch.DescribeAlarmsInput{MaxRecords: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeAlarms(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, a := range page.MetricAlarms {
				out = append(out, state.MetricAlarm{Meta: meta(str(a.AlarmArn), region, nil), Name: str(a.AlarmName), MetricName: str(a.MetricName),
					Namespace: str(a.Namespace), Statistic: string(a.Statistic), ComparisonOperator: string(a.ComparisonOperator),
					Threshold: sdk.ToFloat64(a.Threshold), EvaluationPeriods: i32(a.EvaluationPeriods), ActionsEnabled: b(a.ActionsEnabled),
					AlarmActions: a.AlarmActions, State: string(a.StateValue)})
			}
			return page.NextToken, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.CloudWatch.Alarms = append(a.CloudWatch.Alarms, out...) })
	}
}

// sns lists a region's topics and all its subscriptions (one bulk
// listing, joined by topic), then reads each topic's policy and key.
func (c *collector) sns(ctx context.Context, region string) {
	cl := sns.NewFromConfig(c.cfg, func(o *sns.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("sns", region))
	})
	var topics []state.Topic
	err := c.do(ctx, "sns", "ListTopics", region, "", nil, func(ctx context.Context) error {
		params := sns.ListTopicsInput{}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListTopics(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, t := range page.Topics {
				arn := str(t.TopicArn)
				topics = append(topics, state.Topic{Meta: meta(arn, region, nil), Name: arn[strings.LastIndex(arn, ":")+1:]})
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	byARN := map[string]*state.Topic{}
	for i := range topics {
		byARN[topics[i].ARN] = &topics[i]
	}
	_ = c.do(ctx, "sns", "ListSubscriptions", region, "", nil, func(ctx context.Context) error {
		params := sns.ListSubscriptionsInput{}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListSubscriptions(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, s := range page.Subscriptions {
				t, ok := byARN[str(s.TopicArn)]
				if !ok {
					continue
				}
				t.Subscriptions = append(t.Subscriptions, state.Subscription{ARN: str(s.SubscriptionArn), Protocol: str(s.Protocol),
					Endpoint: str(s.Endpoint), PendingConfirmation: str(s.SubscriptionArn) == "PendingConfirmation"})
			}
			return page.NextToken, nil
		})
	})
	done := c.perItem(len(topics), func() {
		c.rec.Update(func(a *state.Account) { a.SNS.Topics = append(a.SNS.Topics, topics...) })
	})
	for i := range topics {
		t := &topics[i]
		c.item("sns", region, t.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "sns", "GetTopicAttributes", region, t.ARN, nil, func(ctx context.Context) error {
				out, err := cl.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: sdk.String(t.ARN)})
				if err == nil {
					t.Policy, t.KMSKeyID = out.Attributes["Policy"], out.Attributes["KmsMasterKeyId"]
				}
				return err
			})
		}, "GetTopicAttributes")
	}
}

// securityHub reads whether Security Hub is enabled in a region, its
// administrator and its enabled standards. A region where it was never
// enabled answers InvalidAccessException ("not subscribed"): no hub, no gap.
func (c *collector) securityHub(ctx context.Context, region string) {
	cl := securityhub.NewFromConfig(c.cfg, func(o *securityhub.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("securityhub", region))
	})
	var hub *state.Hub
	err := c.do(ctx, "securityhub", "DescribeHub", region, "", []string{"InvalidAccessException", "ResourceNotFoundException"}, func(ctx context.Context) error {
		out, err := cl.DescribeHub(ctx, &securityhub.DescribeHubInput{})
		if err == nil {
			hub = &state.Hub{Meta: meta(str(out.HubArn), region, nil)}
			if t := parseTime(out.SubscribedAt); !t.IsZero() {
				hub.SubscribedAt = &t
			}
		}
		return err
	})
	if err != nil || hub == nil {
		return
	}
	if hub.ARN == "" {
		hub.ARN = c.arn("securityhub", region, c.accountID, "hub/default")
	}
	c.securityHubOrg(ctx, cl, region)
	_ = c.do(ctx, "securityhub", "GetAdministratorAccount", region, hub.ARN, nil, func(ctx context.Context) error {
		out, err := cl.GetAdministratorAccount(ctx, &securityhub.GetAdministratorAccountInput{})
		if err == nil && out.Administrator != nil {
			hub.AdministratorAccountID = str(out.Administrator.AccountId)
		}
		return err
	})
	_ = c.do(ctx, "securityhub", "GetEnabledStandards", region, hub.ARN, nil, func(ctx context.Context) error {
		params := securityhub.GetEnabledStandardsInput{MaxResults: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.GetEnabledStandards(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, s := range page.StandardsSubscriptions {
				hub.Standards = append(hub.Standards, str(s.StandardsArn))
			}
			return page.NextToken, nil
		})
	})
	c.rec.Update(func(a *state.Account) { a.SecurityHub.Hubs = append(a.SecurityHub.Hubs, *hub) })
}

// securityHubOrg reads Security Hub's organization configuration in a
// region: only its delegated administrator may; a refusal (or Security Hub
// off in the region) is recorded as a gap.
func (c *collector) securityHubOrg(ctx context.Context, cl *securityhub.Client, region string) {
	_ = c.do(ctx, "securityhub", "DescribeOrganizationConfiguration", region, "", nil, func(ctx context.Context) error {
		out, err := cl.DescribeOrganizationConfiguration(ctx, &securityhub.DescribeOrganizationConfigurationInput{})
		if err != nil {
			return err
		}
		x := state.SecurityHubOrgConfig{Region: region, AutoEnable: sdk.ToBool(out.AutoEnable)}
		if oc := out.OrganizationConfiguration; oc != nil {
			x.ConfigurationType = string(oc.ConfigurationType)
		}
		c.rec.Update(func(a *state.Account) { a.SecurityHub.OrgConfigs = append(a.SecurityHub.OrgConfigs, x) })
		return nil
	})
}
