package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancing"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbv2types "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
	"github.com/aws/aws-sdk-go-v2/service/wafv2"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// elbTagBatch is how many load balancers one DescribeTags call may name.
const elbTagBatch = 20

// elbv2 reads a region's application, network and gateway load balancers:
// one listing, tags in batches of 20, then per load balancer its
// attributes, listeners (and, for ALBs, their rules) and WAF web ACL.
func (c *collector) elbv2(ctx context.Context, region string) {
	cl := elbv2.NewFromConfig(c.cfg, func(o *elbv2.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument(state.ELBServiceV2, region))
	})
	var lbs []state.LoadBalancer
	err := c.do(ctx, state.ELBServiceV2, "DescribeLoadBalancers", region, "", nil, func(ctx context.Context) error {
		params := elbv2.DescribeLoadBalancersInput{PageSize: sdk.Int32(400)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.DescribeLoadBalancers(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, l := range page.LoadBalancers {
				x := state.LoadBalancer{Meta: meta(str(l.LoadBalancerArn), region, nil), Name: str(l.LoadBalancerName), Type: string(l.Type),
					Scheme: string(l.Scheme), VPCID: str(l.VpcId), DNSName: str(l.DNSName), SecurityGroups: l.SecurityGroups}
				for _, z := range l.AvailabilityZones {
					x.AvailabilityZones = append(x.AvailabilityZones, str(z.ZoneName))
				}
				lbs = append(lbs, x)
			}
			return page.NextMarker, nil
		})
	})
	if err != nil {
		return
	}
	for start := 0; start < len(lbs); start += elbTagBatch {
		batch := lbs[start:min(start+elbTagBatch, len(lbs))]
		arns := make([]string, len(batch))
		for i := range batch {
			arns[i] = batch[i].ARN
		}
		_ = c.do(ctx, state.ELBServiceV2, "DescribeTags", region, "", nil, func(ctx context.Context) error {
			out, err := cl.DescribeTags(ctx, &elbv2.DescribeTagsInput{ResourceArns: arns})
			if err != nil {
				return err
			}
			for _, td := range out.TagDescriptions {
				for i := range batch {
					if batch[i].ARN == str(td.ResourceArn) {
						batch[i].Tags = tagMap(td.Tags, func(t elbv2types.Tag) (*string, *string) { return t.Key, t.Value })
					}
				}
			}
			return nil
		})
	}
	waf := wafv2.NewFromConfig(c.cfg, func(o *wafv2.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("wafv2", region))
	})
	done := c.perItem(len(lbs), func() {
		c.rec.Update(func(a *state.Account) { a.ELB.LoadBalancers = append(a.ELB.LoadBalancers, lbs...) })
	})
	for i := range lbs {
		lb := &lbs[i]
		actions := []string{"DescribeLoadBalancerAttributes", "DescribeListeners"}
		c.item(state.ELBServiceV2, region, lb.ARN, done, func(ctx context.Context) { c.elbv2Details(ctx, cl, waf, region, lb) }, actions...)
	}
}

func (c *collector) elbv2Details(ctx context.Context, cl *elbv2.Client, waf *wafv2.Client, region string, lb *state.LoadBalancer) {
	arn := sdk.String(lb.ARN)
	_ = c.do(ctx, state.ELBServiceV2, "DescribeLoadBalancerAttributes", region, lb.ARN, nil, func(ctx context.Context) error {
		out, err := cl.DescribeLoadBalancerAttributes(ctx, &elbv2.DescribeLoadBalancerAttributesInput{LoadBalancerArn: arn})
		if err != nil {
			return err
		}
		for _, at := range out.Attributes {
			v := str(at.Value)
			switch str(at.Key) {
			case "access_logs.s3.enabled":
				lb.AccessLogs = v == "true"
			case "access_logs.s3.bucket":
				lb.AccessLogsBucket = v
			case "deletion_protection.enabled":
				lb.DeletionProtection = v == "true"
			case "routing.http.drop_invalid_header_fields.enabled":
				lb.DropInvalidHeaders = v == "true"
			case "routing.http.desync_mitigation_mode":
				lb.DesyncMitigationMode = v
			case "load_balancing.cross_zone.enabled":
				lb.CrossZone = v == "true"
			}
		}
		return nil
	})
	if lb.Type == state.LBApplication {
		lb.CrossZone = true // always on for ALBs
	}
	err := c.do(ctx, state.ELBServiceV2, "DescribeListeners", region, lb.ARN, nil, func(ctx context.Context) error {
		params := elbv2.DescribeListenersInput{LoadBalancerArn: arn, PageSize: sdk.Int32(400)}
		var ls []state.Listener
		if err := pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.DescribeListeners(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, l := range page.Listeners {
				x := state.Listener{ARN: str(l.ListenerArn), Protocol: string(l.Protocol), Port: i32(l.Port), SSLPolicy: str(l.SslPolicy),
					DefaultActions: listenerActions(l.DefaultActions)}
				for _, cert := range l.Certificates {
					x.Certificates = append(x.Certificates, str(cert.CertificateArn))
				}
				ls = append(ls, x)
			}
			return page.NextMarker, nil
		}); err != nil {
			return err
		}
		lb.Listeners = ls
		return nil
	})
	if err == nil && lb.Type == state.LBApplication {
		for i := range lb.Listeners {
			l := &lb.Listeners[i]
			_ = c.do(ctx, state.ELBServiceV2, "DescribeRules", region, lb.ARN, nil, func(ctx context.Context) error {
				params := elbv2.DescribeRulesInput{ListenerArn: sdk.String(l.ARN), PageSize: sdk.Int32(400)}
				return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
					params.Marker = token
					page, err := cl.DescribeRules(ctx, &params)
					if err != nil {
						return nil, err
					}
					for _, r := range page.Rules {
						if !b(r.IsDefault) {
							l.RuleActions = append(l.RuleActions, listenerActions(r.Actions)...)
						}
					}
					return page.NextMarker, nil
				})
			})
		}
	}
	if lb.Type == state.LBApplication {
		// WAFNonexistentItemException: no web ACL is associated.
		_ = c.do(ctx, "wafv2", "GetWebACLForResource", region, lb.ARN, []string{"WAFNonexistentItemException"}, func(ctx context.Context) error {
			out, err := waf.GetWebACLForResource(ctx, &wafv2.GetWebACLForResourceInput{ResourceArn: arn})
			if err == nil && out.WebACL != nil {
				lb.WebACLARN = str(out.WebACL.ARN)
			}
			return err
		})
	}
}

func listenerActions(as []elbv2types.Action) []state.ListenerAction {
	var out []state.ListenerAction
	for _, a := range as {
		x := state.ListenerAction{Type: string(a.Type)}
		if a.RedirectConfig != nil {
			x.RedirectProtocol = str(a.RedirectConfig.Protocol)
		}
		out = append(out, x)
	}
	return out
}

// elbClassic reads a region's Classic Load Balancers: one listing (which
// carries the listeners), tags in batches of 20, then per load balancer
// its attributes and its listener policies.
func (c *collector) elbClassic(ctx context.Context, region string) {
	cl := elb.NewFromConfig(c.cfg, func(o *elb.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument(state.ELBServiceClassic, region))
	})
	var lbs []state.LoadBalancer
	err := c.do(ctx, state.ELBServiceClassic, "DescribeLoadBalancers", region, "", nil, func(ctx context.Context) error {
		params := elb.DescribeLoadBalancersInput{PageSize: sdk.Int32(400)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.DescribeLoadBalancers(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, l := range page.LoadBalancerDescriptions {
				name := str(l.LoadBalancerName)
				x := state.LoadBalancer{Meta: meta(c.arn("elasticloadbalancing", region, c.accountID, "loadbalancer/"+name), region, nil),
					Name: name, Type: state.LBClassic, Scheme: str(l.Scheme), VPCID: str(l.VPCId), DNSName: str(l.DNSName),
					AvailabilityZones: l.AvailabilityZones, SecurityGroups: l.SecurityGroups}
				for _, ld := range l.ListenerDescriptions {
					if ld.Listener == nil {
						continue
					}
					li := state.Listener{Protocol: str(ld.Listener.Protocol), Port: int(ld.Listener.LoadBalancerPort), InstanceProtocol: str(ld.Listener.InstanceProtocol)}
					if id := str(ld.Listener.SSLCertificateId); id != "" {
						li.Certificates = []string{id}
					}
					if li.Secure() && len(ld.PolicyNames) > 0 {
						li.SSLPolicy = ld.PolicyNames[0]
					}
					x.Listeners = append(x.Listeners, li)
				}
				lbs = append(lbs, x)
			}
			return page.NextMarker, nil
		})
	})
	if err != nil {
		return
	}
	for start := 0; start < len(lbs); start += elbTagBatch {
		batch := lbs[start:min(start+elbTagBatch, len(lbs))]
		names := make([]string, len(batch))
		for i := range batch {
			names[i] = batch[i].Name
		}
		_ = c.do(ctx, state.ELBServiceClassic, "DescribeTags", region, "", nil, func(ctx context.Context) error {
			out, err := cl.DescribeTags(ctx, &elb.DescribeTagsInput{LoadBalancerNames: names})
			if err != nil {
				return err
			}
			for _, td := range out.TagDescriptions {
				for i := range batch {
					if batch[i].Name == str(td.LoadBalancerName) {
						for _, t := range td.Tags {
							if batch[i].Tags == nil {
								batch[i].Tags = map[string]string{}
							}
							batch[i].Tags[str(t.Key)] = str(t.Value)
						}
					}
				}
			}
			return nil
		})
	}
	done := c.perItem(len(lbs), func() {
		c.rec.Update(func(a *state.Account) { a.ELB.LoadBalancers = append(a.ELB.LoadBalancers, lbs...) })
	})
	for i := range lbs {
		lb := &lbs[i]
		c.item(state.ELBServiceClassic, region, lb.ARN, done, func(ctx context.Context) {
			name := sdk.String(lb.Name)
			_ = c.do(ctx, state.ELBServiceClassic, "DescribeLoadBalancerAttributes", region, lb.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribeLoadBalancerAttributes(ctx, &elb.DescribeLoadBalancerAttributesInput{LoadBalancerName: name})
				if err != nil || out.LoadBalancerAttributes == nil {
					return err
				}
				at := out.LoadBalancerAttributes
				if at.AccessLog != nil {
					lb.AccessLogs, lb.AccessLogsBucket = at.AccessLog.Enabled, str(at.AccessLog.S3BucketName)
				}
				if at.CrossZoneLoadBalancing != nil {
					lb.CrossZone = at.CrossZoneLoadBalancing.Enabled
				}
				if at.ConnectionDraining != nil {
					lb.ConnectionDraining, lb.ConnectionDrainingTimeout = at.ConnectionDraining.Enabled, i32(at.ConnectionDraining.Timeout)
				}
				for _, ad := range at.AdditionalAttributes {
					if str(ad.Key) == "elb.http.desyncmitigationmode" {
						lb.DesyncMitigationMode = str(ad.Value)
					}
				}
				return nil
			})
			// The predefined policy each TLS listener's policy was built from.
			hasTLS := false
			for _, l := range lb.Listeners {
				hasTLS = hasTLS || l.Secure()
			}
			if !hasTLS {
				return
			}
			_ = c.do(ctx, state.ELBServiceClassic, "DescribeLoadBalancerPolicies", region, lb.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribeLoadBalancerPolicies(ctx, &elb.DescribeLoadBalancerPoliciesInput{LoadBalancerName: name})
				if err != nil {
					return err
				}
				ref := map[string]string{}
				for _, p := range out.PolicyDescriptions {
					for _, a := range p.PolicyAttributeDescriptions {
						if str(a.AttributeName) == "Reference-Security-Policy" {
							ref[str(p.PolicyName)] = str(a.AttributeValue)
						}
					}
				}
				for j := range lb.Listeners {
					lb.Listeners[j].ReferenceSecurityPolicy = ref[lb.Listeners[j].SSLPolicy]
				}
				return nil
			})
		}, "DescribeLoadBalancerAttributes", "DescribeLoadBalancerPolicies")
	}
}
