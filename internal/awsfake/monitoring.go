package awsfake

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	snstypes "github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- CloudWatch Logs (awsJson1.1) ----

func (s *Server) logsService() *service {
	return &service{name: "logs", proto: protoJSON, ops: map[string]handler{
		"DescribeLogGroups":     logsDescribeLogGroups,
		"DescribeMetricFilters": logsDescribeMetricFilters,
	}}
}

func (c *call) logsPage(n int) (start, end int, next string, err error) {
	limit, err := c.num("limit", 0)
	if err != nil {
		return 0, 0, "", err
	}
	return page(c.action, n, c.str("nextToken"), limit, 50, 50)
}

func logsDescribeLogGroups(c *call) (*reply, error) {
	gs := c.s.idx.logGroups[c.region]
	start, end, next, err := c.logsPage(len(gs))
	if err != nil {
		return nil, err
	}
	out := &cloudwatchlogs.DescribeLogGroupsOutput{LogGroups: []logtypes.LogGroup{}, NextToken: sp(next)}
	for _, g := range gs[start:end] {
		arn := strings.TrimSuffix(g.ARN, ":*")
		lg := logtypes.LogGroup{LogGroupName: sp(g.Name), LogGroupArn: sp(arn), Arn: p(arn + ":*"), KmsKeyId: sp(g.KMSKeyID),
			CreationTime: p(c.s.acct.CollectedAt.UnixMilli()), MetricFilterCount: p(int32(len(g.MetricFilters))), StoredBytes: p(int64(0))}
		if g.RetentionDays > 0 {
			lg.RetentionInDays = p(int32(g.RetentionDays))
		}
		out.LogGroups = append(out.LogGroups, lg)
	}
	return c.jsonReply(out), nil
}

func logsDescribeMetricFilters(c *call) (*reply, error) {
	var all []logtypes.MetricFilter
	only := c.str("logGroupName")
	for _, g := range c.s.idx.logGroups[c.region] {
		if only != "" && g.Name != only {
			continue
		}
		for _, f := range g.MetricFilters {
			mf := logtypes.MetricFilter{FilterName: sp(f.Name), FilterPattern: p(f.Pattern), LogGroupName: sp(g.Name), CreationTime: p(c.s.acct.CollectedAt.UnixMilli())}
			for _, m := range f.Metrics {
				mf.MetricTransformations = append(mf.MetricTransformations, logtypes.MetricTransformation{MetricName: p(m.Name), MetricNamespace: p(m.Namespace), MetricValue: p(m.Value)})
			}
			all = append(all, mf)
		}
	}
	start, end, next, err := c.logsPage(len(all))
	if err != nil {
		return nil, err
	}
	return c.jsonReply(&cloudwatchlogs.DescribeMetricFiltersOutput{MetricFilters: append([]logtypes.MetricFilter{}, all[start:end]...), NextToken: sp(next)}), nil
}

// ---- CloudWatch (Smithy RPC v2 CBOR) ----

func (s *Server) cloudwatchService() *service {
	return &service{name: "cloudwatch", proto: protoCBOR, ops: map[string]handler{
		"DescribeAlarms": cwDescribeAlarms,
	}}
}

func cwDescribeAlarms(c *call) (*reply, error) {
	as := c.s.idx.alarms[c.region]
	mx, err := c.num("MaxRecords", 0)
	if err != nil {
		return nil, err
	}
	start, end, next, err := page(c.action, len(as), c.str("NextToken"), mx, 50, 100)
	if err != nil {
		return nil, err
	}
	out := &cloudwatch.DescribeAlarmsOutput{MetricAlarms: []cwtypes.MetricAlarm{}, CompositeAlarms: []cwtypes.CompositeAlarm{}, NextToken: sp(next)}
	for _, a := range as[start:end] {
		m := cwtypes.MetricAlarm{AlarmName: sp(a.Name), AlarmArn: sp(a.ARN), MetricName: sp(a.MetricName), Namespace: sp(a.Namespace),
			Statistic: cwtypes.Statistic(a.Statistic), ComparisonOperator: cwtypes.ComparisonOperator(a.ComparisonOperator),
			Threshold: p(a.Threshold), EvaluationPeriods: p(int32(a.EvaluationPeriods)), ActionsEnabled: p(a.ActionsEnabled),
			AlarmActions: nonNil(a.AlarmActions), StateValue: cwtypes.StateValue(a.State), Period: p(int32(300))}
		out.MetricAlarms = append(out.MetricAlarms, m)
	}
	return c.cborReply(out), nil
}

// ---- SNS (awsQuery) ----

func (s *Server) snsService() *service {
	return &service{name: "sns", proto: protoQuery, xmlns: "http://sns.amazonaws.com/doc/2010-03-31/", ops: map[string]handler{
		"ListTopics":         snsListTopics,
		"ListSubscriptions":  snsListSubscriptions,
		"GetTopicAttributes": snsGetTopicAttributes,
	}}
}

func snsListTopics(c *call) (*reply, error) {
	ts := c.s.idx.topics[c.region]
	start, end, next, err := page(c.action, len(ts), c.str("NextToken"), 0, 100, 100)
	if err != nil {
		return nil, err
	}
	out := &sns.ListTopicsOutput{Topics: []snstypes.Topic{}, NextToken: sp(next)}
	for _, t := range ts[start:end] {
		out.Topics = append(out.Topics, snstypes.Topic{TopicArn: sp(t.ARN)})
	}
	return c.queryReply(out), nil
}

func snsListSubscriptions(c *call) (*reply, error) {
	var subs []snstypes.Subscription
	for _, t := range c.s.idx.topics[c.region] {
		for _, s := range t.Subscriptions {
			arn := s.ARN
			if s.PendingConfirmation {
				arn = "PendingConfirmation"
			}
			subs = append(subs, snstypes.Subscription{SubscriptionArn: sp(arn), TopicArn: sp(t.ARN), Protocol: sp(s.Protocol), Endpoint: sp(s.Endpoint), Owner: p(c.s.acct.AccountID)})
		}
	}
	start, end, next, err := page(c.action, len(subs), c.str("NextToken"), 0, 100, 100)
	if err != nil {
		return nil, err
	}
	return c.queryReply(&sns.ListSubscriptionsOutput{Subscriptions: append([]snstypes.Subscription{}, subs[start:end]...), NextToken: sp(next)}), nil
}

func snsGetTopicAttributes(c *call) (*reply, error) {
	arn := c.str("TopicArn")
	for _, t := range c.s.idx.topics[c.region] {
		if t.ARN != arn {
			continue
		}
		attrs := map[string]string{"TopicArn": t.ARN, "Owner": c.s.acct.AccountID, "DisplayName": "",
			"SubscriptionsConfirmed": "0", "SubscriptionsPending": "0", "SubscriptionsDeleted": "0"}
		if t.Policy != "" {
			attrs["Policy"] = t.Policy
		}
		if t.KMSKeyID != "" {
			attrs["KmsMasterKeyId"] = t.KMSKeyID
		}
		return c.queryReply(&sns.GetTopicAttributesOutput{Attributes: attrs}), nil
	}
	return nil, errf(404, "NotFound", "Topic does not exist")
}

// ---- Security Hub (restJson1, old codegen) ----

func (s *Server) securityhubService() *service {
	return &service{name: "securityhub", proto: protoRestJSON,
		routes: []route{
			rt("GET", "/accounts", "DescribeHub"),
			rt("GET", "/administrator", "GetAdministratorAccount"),
			rt("POST", "/standards/get", "GetEnabledStandards"),
			rt("GET", "/organization/configuration", "DescribeOrganizationConfiguration"),
			rt("POST", "/accounts", "EnableSecurityHub"),
			rt("DELETE", "/accounts", "DisableSecurityHub"),
		},
		ops: map[string]handler{
			"DescribeHub":             shHub(shDescribeHub),
			"GetAdministratorAccount": shHub(shGetAdministratorAccount),
			"GetEnabledStandards":     shHub(shGetEnabledStandards),

			"DescribeOrganizationConfiguration": shHub(shDescribeOrganizationConfiguration),
		}}
}

// shHub answers InvalidAccessException where Security Hub is not enabled,
// as AWS does.
func shHub(h func(c *call, hub *state.Hub) (*reply, error)) handler {
	return func(c *call) (*reply, error) {
		for i := range c.s.acct.SecurityHub.Hubs {
			if hub := &c.s.acct.SecurityHub.Hubs[i]; hub.Region == c.region {
				return h(c, hub)
			}
		}
		return nil, errf(401, "InvalidAccessException", "Account %s is not subscribed to AWS Security Hub", c.s.acct.AccountID)
	}
}

func shDescribeHub(c *call, hub *state.Hub) (*reply, error) {
	out := struct {
		HubArn             string `json:"HubArn"`
		SubscribedAt       string `json:"SubscribedAt,omitempty"`
		AutoEnableControls bool   `json:"AutoEnableControls"`
	}{HubArn: hub.ARN, AutoEnableControls: true}
	if hub.SubscribedAt != nil {
		out.SubscribedAt = hub.SubscribedAt.UTC().Format("2006-01-02T15:04:05.000Z")
	}
	return c.rawJSON(out)
}

func shGetAdministratorAccount(c *call, hub *state.Hub) (*reply, error) {
	type inv struct {
		AccountID    string `json:"AccountId"`
		InvitationID string `json:"InvitationId"`
		MemberStatus string `json:"MemberStatus"`
	}
	out := struct {
		Administrator *inv `json:"Administrator,omitempty"`
	}{}
	if hub.AdministratorAccountID != "" {
		out.Administrator = &inv{hub.AdministratorAccountID, "fake-invitation", "Enabled"}
	}
	return c.rawJSON(out)
}

func shGetEnabledStandards(c *call, hub *state.Hub) (*reply, error) {
	start, end, next, err := c.pageOf(len(hub.Standards), 100, 100)
	if err != nil {
		return nil, err
	}
	type sub struct {
		StandardsArn             string            `json:"StandardsArn"`
		StandardsSubscriptionArn string            `json:"StandardsSubscriptionArn"`
		StandardsStatus          string            `json:"StandardsStatus"`
		StandardsInput           map[string]string `json:"StandardsInput"`
	}
	out := struct {
		StandardsSubscriptions []sub   `json:"StandardsSubscriptions"`
		NextToken              *string `json:"NextToken,omitempty"`
	}{StandardsSubscriptions: []sub{}, NextToken: sp(next)}
	for _, a := range hub.Standards[start:end] {
		out.StandardsSubscriptions = append(out.StandardsSubscriptions, sub{a, hub.ARN + "/subscription/" + shortHash(a), "READY", map[string]string{}})
	}
	return c.rawJSON(out)
}

// shDescribeOrganizationConfiguration answers for the Security Hub
// delegated administrator (an account with an organization configuration
// in the region); any other account is refused, as AWS does.
func shDescribeOrganizationConfiguration(c *call, hub *state.Hub) (*reply, error) {
	type orgConf struct {
		ConfigurationType string `json:"ConfigurationType,omitempty"`
		Status            string `json:"Status"`
	}
	for _, oc := range c.s.acct.SecurityHub.OrgConfigs {
		if oc.Region != hub.Region {
			continue
		}
		return c.rawJSON(struct {
			AutoEnable                bool     `json:"AutoEnable"`
			MemberAccountLimitReached bool     `json:"MemberAccountLimitReached"`
			AutoEnableStandards       string   `json:"AutoEnableStandards"`
			OrganizationConfiguration *orgConf `json:"OrganizationConfiguration,omitempty"`
		}{AutoEnable: oc.AutoEnable, AutoEnableStandards: "DEFAULT", OrganizationConfiguration: &orgConf{ConfigurationType: oc.ConfigurationType, Status: "ENABLED"}})
	}
	return nil, errf(403, "AccessDeniedException", "Account %s is not an administrator for this organization", c.s.acct.AccountID)
}
