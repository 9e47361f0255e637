package awsfake

import (
	"strconv"

	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancing"
	elbtypes "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancing/types"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbv2types "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// Elastic Load Balancing: classic (elb, API 2012-06-01) and v2 (elbv2,
// 2015-12-01) share one endpoint and signing name; identify tells them
// apart by the Version parameter. Both speak awsQuery.

func (s *Server) elbv2Service() *service {
	return &service{name: state.ELBServiceV2, proto: protoQuery, xmlns: "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/", ops: map[string]handler{
		"DescribeLoadBalancers":          elbv2DescribeLoadBalancers,
		"DescribeTags":                   elbv2DescribeTags,
		"DescribeLoadBalancerAttributes": elbv2LB(elbv2DescribeAttributes),
		"DescribeListeners":              elbv2LB(elbv2DescribeListeners),
		"DescribeRules":                  elbv2DescribeRules,
	}}
}

func (s *Server) elbService() *service {
	return &service{name: state.ELBServiceClassic, proto: protoQuery, xmlns: "http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/", ops: map[string]handler{
		"DescribeLoadBalancers":          elbDescribeLoadBalancers,
		"DescribeTags":                   elbDescribeTags,
		"DescribeLoadBalancerAttributes": elbLB(elbDescribeAttributes),
		"DescribeLoadBalancerPolicies":   elbLB(elbDescribePolicies),
	}}
}

// lbs are the region's load balancers of one generation.
func (c *call) lbs(classic bool) []*state.LoadBalancer {
	var out []*state.LoadBalancer
	for _, l := range c.s.idx.loadBalancers[c.region] {
		if l.Classic() == classic {
			out = append(out, l)
		}
	}
	return out
}

func (c *call) elbPage(n int) (start, end int, next string, err error) {
	size, err := c.num("PageSize", 0)
	if err != nil {
		return 0, 0, "", err
	}
	return page(c.action, n, c.str("Marker"), size, 400, 400)
}

func elbv2DescribeLoadBalancers(c *call) (*reply, error) {
	ls := c.lbs(false)
	start, end, next, err := c.elbPage(len(ls))
	if err != nil {
		return nil, err
	}
	out := &elbv2.DescribeLoadBalancersOutput{LoadBalancers: []elbv2types.LoadBalancer{}, NextMarker: sp(next)}
	for _, l := range ls[start:end] {
		x := elbv2types.LoadBalancer{LoadBalancerArn: sp(l.ARN), LoadBalancerName: sp(l.Name), Type: elbv2types.LoadBalancerTypeEnum(l.Type),
			Scheme: elbv2types.LoadBalancerSchemeEnum(l.Scheme), VpcId: sp(l.VPCID), DNSName: sp(l.DNSName), SecurityGroups: l.SecurityGroups,
			State: &elbv2types.LoadBalancerState{Code: elbv2types.LoadBalancerStateEnumActive}, CreatedTime: p(c.s.acct.CollectedAt)}
		for _, z := range l.AvailabilityZones {
			x.AvailabilityZones = append(x.AvailabilityZones, elbv2types.AvailabilityZone{ZoneName: p(z)})
		}
		out.LoadBalancers = append(out.LoadBalancers, x)
	}
	return c.queryReply(out), nil
}

func elbv2DescribeTags(c *call) (*reply, error) {
	arns := c.strs("ResourceArns")
	if len(arns) > 20 {
		return nil, errf(400, "ValidationError", "at most 20 resource ARNs")
	}
	out := &elbv2.DescribeTagsOutput{TagDescriptions: []elbv2types.TagDescription{}}
	for _, arn := range arns {
		for _, l := range c.lbs(false) {
			if l.ARN != arn {
				continue
			}
			td := elbv2types.TagDescription{ResourceArn: p(arn), Tags: []elbv2types.Tag{}}
			for _, k := range sortedKeys(l.Tags) {
				td.Tags = append(td.Tags, elbv2types.Tag{Key: p(k), Value: p(l.Tags[k])})
			}
			out.TagDescriptions = append(out.TagDescriptions, td)
		}
	}
	return c.queryReply(out), nil
}

func elbv2LB(h func(c *call, l *state.LoadBalancer) (*reply, error)) handler {
	return func(c *call) (*reply, error) {
		arn := c.str("LoadBalancerArn")
		for _, l := range c.lbs(false) {
			if l.ARN == arn {
				return h(c, l)
			}
		}
		return nil, errf(400, "LoadBalancerNotFound", "Load balancer '%s' not found", arn)
	}
}

func boolStr(v bool) string { return strconv.FormatBool(v) }

func elbv2DescribeAttributes(c *call, l *state.LoadBalancer) (*reply, error) {
	attr := func(k, v string) elbv2types.LoadBalancerAttribute {
		return elbv2types.LoadBalancerAttribute{Key: p(k), Value: p(v)}
	}
	as := []elbv2types.LoadBalancerAttribute{
		attr("access_logs.s3.enabled", boolStr(l.AccessLogs)), attr("access_logs.s3.bucket", l.AccessLogsBucket), attr("access_logs.s3.prefix", ""),
		attr("deletion_protection.enabled", boolStr(l.DeletionProtection)),
	}
	switch l.Type {
	case state.LBApplication:
		as = append(as, attr("routing.http.drop_invalid_header_fields.enabled", boolStr(l.DropInvalidHeaders)),
			attr("routing.http.desync_mitigation_mode", orDefault(l.DesyncMitigationMode, "defensive")))
	default:
		as = append(as, attr("load_balancing.cross_zone.enabled", boolStr(l.CrossZone)))
	}
	return c.queryReply(&elbv2.DescribeLoadBalancerAttributesOutput{Attributes: as}), nil
}

func v2Actions(as []state.ListenerAction) []elbv2types.Action {
	var out []elbv2types.Action
	for i, a := range as {
		x := elbv2types.Action{Type: elbv2types.ActionTypeEnum(a.Type), Order: p(int32(i + 1))}
		if a.RedirectProtocol != "" {
			x.RedirectConfig = &elbv2types.RedirectActionConfig{Protocol: p(a.RedirectProtocol), StatusCode: elbv2types.RedirectActionStatusCodeEnumHttp301}
		}
		out = append(out, x)
	}
	return out
}

func listenerARN(l *state.LoadBalancer, i int) string {
	return l.ARN + "/listener-" + strconv.Itoa(i)
}

func elbv2DescribeListeners(c *call, l *state.LoadBalancer) (*reply, error) {
	start, end, next, err := c.elbPage(len(l.Listeners))
	if err != nil {
		return nil, err
	}
	out := &elbv2.DescribeListenersOutput{Listeners: []elbv2types.Listener{}, NextMarker: sp(next)}
	for i := start; i < end; i++ {
		li := l.Listeners[i]
		x := elbv2types.Listener{ListenerArn: p(orDefault(li.ARN, listenerARN(l, i))), LoadBalancerArn: sp(l.ARN), Protocol: elbv2types.ProtocolEnum(li.Protocol),
			Port: p(int32(li.Port)), SslPolicy: sp(li.SSLPolicy), DefaultActions: v2Actions(li.DefaultActions)}
		for _, cert := range li.Certificates {
			x.Certificates = append(x.Certificates, elbv2types.Certificate{CertificateArn: p(cert)})
		}
		out.Listeners = append(out.Listeners, x)
	}
	return c.queryReply(out), nil
}

// elbv2DescribeRules answers a listener's rules: the default rule with its
// default actions, and one rule carrying the listener's other actions.
func elbv2DescribeRules(c *call) (*reply, error) {
	arn := c.str("ListenerArn")
	for _, l := range c.lbs(false) {
		for i, li := range l.Listeners {
			if orDefault(li.ARN, listenerARN(l, i)) != arn {
				continue
			}
			rules := []elbv2types.Rule{{RuleArn: p(arn + "/rule-default"), IsDefault: p(true), Priority: p("default"), Actions: v2Actions(li.DefaultActions)}}
			if len(li.RuleActions) > 0 {
				rules = append(rules, elbv2types.Rule{RuleArn: p(arn + "/rule-1"), IsDefault: p(false), Priority: p("1"), Actions: v2Actions(li.RuleActions)})
			}
			return c.queryReply(&elbv2.DescribeRulesOutput{Rules: rules}), nil
		}
	}
	return nil, errf(400, "ListenerNotFound", "Listener '%s' not found", arn)
}

func elbDescribeLoadBalancers(c *call) (*reply, error) {
	ls := c.lbs(true)
	start, end, next, err := c.elbPage(len(ls))
	if err != nil {
		return nil, err
	}
	out := &elb.DescribeLoadBalancersOutput{LoadBalancerDescriptions: []elbtypes.LoadBalancerDescription{}, NextMarker: sp(next)}
	for _, l := range ls[start:end] {
		x := elbtypes.LoadBalancerDescription{LoadBalancerName: sp(l.Name), Scheme: sp(l.Scheme), VPCId: sp(l.VPCID), DNSName: sp(l.DNSName),
			AvailabilityZones: nonNil(l.AvailabilityZones), SecurityGroups: nonNil(l.SecurityGroups), CreatedTime: p(c.s.acct.CollectedAt)}
		for _, li := range l.Listeners {
			ld := elbtypes.ListenerDescription{Listener: &elbtypes.Listener{Protocol: p(li.Protocol), LoadBalancerPort: int32(li.Port),
				InstanceProtocol: sp(li.InstanceProtocol), InstancePort: p(int32(80))}, PolicyNames: []string{}}
			if len(li.Certificates) > 0 {
				ld.Listener.SSLCertificateId = p(li.Certificates[0])
			}
			if li.SSLPolicy != "" {
				ld.PolicyNames = []string{li.SSLPolicy}
			}
			x.ListenerDescriptions = append(x.ListenerDescriptions, ld)
		}
		out.LoadBalancerDescriptions = append(out.LoadBalancerDescriptions, x)
	}
	return c.queryReply(out), nil
}

func elbDescribeTags(c *call) (*reply, error) {
	names := c.strs("LoadBalancerNames")
	if len(names) > 20 {
		return nil, errf(400, "ValidationError", "at most 20 load balancer names")
	}
	out := &elb.DescribeTagsOutput{TagDescriptions: []elbtypes.TagDescription{}}
	for _, n := range names {
		for _, l := range c.lbs(true) {
			if l.Name != n {
				continue
			}
			td := elbtypes.TagDescription{LoadBalancerName: p(n), Tags: []elbtypes.Tag{}}
			for _, k := range sortedKeys(l.Tags) {
				td.Tags = append(td.Tags, elbtypes.Tag{Key: p(k), Value: p(l.Tags[k])})
			}
			out.TagDescriptions = append(out.TagDescriptions, td)
		}
	}
	return c.queryReply(out), nil
}

func elbLB(h func(c *call, l *state.LoadBalancer) (*reply, error)) handler {
	return func(c *call) (*reply, error) {
		name := c.str("LoadBalancerName")
		for _, l := range c.lbs(true) {
			if l.Name == name {
				return h(c, l)
			}
		}
		return nil, errf(400, "LoadBalancerNotFound", "There is no ACTIVE Load Balancer named '%s'", name)
	}
}

func elbDescribeAttributes(c *call, l *state.LoadBalancer) (*reply, error) {
	at := &elbtypes.LoadBalancerAttributes{
		AccessLog:              &elbtypes.AccessLog{Enabled: l.AccessLogs, S3BucketName: sp(l.AccessLogsBucket)},
		CrossZoneLoadBalancing: &elbtypes.CrossZoneLoadBalancing{Enabled: l.CrossZone},
		ConnectionDraining:     &elbtypes.ConnectionDraining{Enabled: l.ConnectionDraining, Timeout: p(int32(l.ConnectionDrainingTimeout))},
		ConnectionSettings:     &elbtypes.ConnectionSettings{IdleTimeout: p(int32(60))},
	}
	if l.DesyncMitigationMode != "" {
		at.AdditionalAttributes = []elbtypes.AdditionalAttribute{{Key: p("elb.http.desyncmitigationmode"), Value: p(l.DesyncMitigationMode)}}
	}
	return c.queryReply(&elb.DescribeLoadBalancerAttributesOutput{LoadBalancerAttributes: at}), nil
}

// elbDescribePolicies answers each TLS listener's negotiation policy with
// the predefined policy it references.
func elbDescribePolicies(c *call, l *state.LoadBalancer) (*reply, error) {
	out := &elb.DescribeLoadBalancerPoliciesOutput{PolicyDescriptions: []elbtypes.PolicyDescription{}}
	seen := map[string]bool{}
	for _, li := range l.Listeners {
		if li.SSLPolicy == "" || seen[li.SSLPolicy] {
			continue
		}
		seen[li.SSLPolicy] = true
		pd := elbtypes.PolicyDescription{PolicyName: p(li.SSLPolicy), PolicyTypeName: p("SSLNegotiationPolicyType")}
		if li.ReferenceSecurityPolicy != "" {
			pd.PolicyAttributeDescriptions = []elbtypes.PolicyAttributeDescription{{AttributeName: p("Reference-Security-Policy"), AttributeValue: p(li.ReferenceSecurityPolicy)}}
		}
		out.PolicyDescriptions = append(out.PolicyDescriptions, pd)
	}
	return c.queryReply(out), nil
}

// ---- WAFv2 (awsJson1.1, old codegen) ----

func (s *Server) wafv2Service() *service {
	return &service{name: "wafv2", proto: protoJSON, ops: map[string]handler{
		"GetWebACLForResource": wafGetWebACLForResource,
		// svc-api: web ACLs (internal/awsfake/waf.go)
		"ListWebACLs":               wafListWebACLs,
		"GetWebACL":                 wafGetWebACL,
		"ListLoggingConfigurations": wafListLoggingConfigurations,
	}}
}

func wafGetWebACLForResource(c *call) (*reply, error) {
	arn := c.str("ResourceArn")
	for _, l := range c.s.idx.loadBalancers[c.region] {
		if l.ARN != arn {
			continue
		}
		if l.WebACLARN == "" {
			// An unprotected resource: WAF answers with no WebACL.
			return c.rawJSON(struct{}{})
		}
		type acl struct {
			ARN  string `json:"ARN"`
			Name string `json:"Name"`
			ID   string `json:"Id"`
		}
		return c.rawJSON(struct {
			WebACL acl `json:"WebACL"`
		}{acl{l.WebACLARN, "web-acl", shortHash(l.WebACLARN)}})
	}
	return nil, errf(400, "WAFNonexistentItemException", "AWS WAF couldn't perform the operation because your resource doesn't exist.")
}
