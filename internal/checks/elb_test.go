package checks

import (
	"github.com/shoulder-dev/shoulder/internal/state"
)

// nwLB is a well-configured load balancer of type typ in eu-west-1; mut
// edits it.
func nwLB(typ string, mut func(lb *state.LoadBalancer)) func(*state.Account) {
	return func(a *state.Account) {
		svc := "loadbalancer/app/lb1/1"
		if typ == state.LBClassic {
			svc = "loadbalancer/lb1"
		}
		lb := state.LoadBalancer{Meta: nwEUMeta("elasticloadbalancing", svc), Name: "lb1", Type: typ, Scheme: "internet-facing", VPCID: "vpc-1",
			AvailabilityZones: []string{"eu-west-1a", "eu-west-1b"}, AccessLogs: true, AccessLogsBucket: "logs", DeletionProtection: true,
			DropInvalidHeaders: true, DesyncMitigationMode: "defensive", CrossZone: true, ConnectionDraining: true, ConnectionDrainingTimeout: 300,
			WebACLARN: "arn:aws:wafv2:eu-west-1:" + testAccountID + ":regional/webacl/main/1"}
		acm := "arn:aws:acm:eu-west-1:" + testAccountID + ":certificate/c1"
		switch typ {
		case state.LBClassic:
			lb.Listeners = []state.Listener{{Protocol: "HTTPS", Port: 443, InstanceProtocol: "HTTP", SSLPolicy: "tls12", ReferenceSecurityPolicy: "ELBSecurityPolicy-TLS-1-2-2017-01", Certificates: []string{acm}}}
		case state.LBApplication:
			lb.Listeners = []state.Listener{
				{Protocol: "HTTPS", Port: 443, SSLPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", Certificates: []string{acm}, DefaultActions: []state.ListenerAction{{Type: "forward"}}},
				{Protocol: "HTTP", Port: 80, DefaultActions: []state.ListenerAction{{Type: "redirect", RedirectProtocol: "HTTPS"}}},
			}
		case state.LBNetwork:
			lb.Listeners = []state.Listener{{Protocol: "TLS", Port: 443, SSLPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06", Certificates: []string{acm}}}
		}
		if mut != nil {
			mut(&lb)
		}
		a.ELB.LoadBalancers = append(a.ELB.LoadBalancers, lb)
	}
}

func nwLBGap(typ, op string) func(*state.Account) {
	svc := state.ELBServiceV2
	if typ == state.LBClassic {
		svc = state.ELBServiceClassic
	}
	res := "arn:aws:elasticloadbalancing:eu-west-1:" + testAccountID + ":loadbalancer/app/lb1/1"
	if typ == state.LBClassic {
		res = "arn:aws:elasticloadbalancing:eu-west-1:" + testAccountID + ":loadbalancer/lb1"
	}
	return withGap(state.Gap{Service: svc, Region: "eu-west-1", Operation: op, Resource: res, Reason: state.ReasonAccessDenied})
}

func elbCases() map[string][]checkCase {
	alb := func(mut func(*state.LoadBalancer)) func(*state.Account) { return nwLB(state.LBApplication, mut) }
	clb := func(mut func(*state.LoadBalancer)) func(*state.Account) { return nwLB(state.LBClassic, mut) }
	nlb := func(mut func(*state.LoadBalancer)) func(*state.Account) { return nwLB(state.LBNetwork, mut) }
	v2Listing := nwUSGap(state.ELBServiceV2, "DescribeLoadBalancers")
	classicListing := nwUSGap(state.ELBServiceClassic, "DescribeLoadBalancers")
	attrs := "DescribeLoadBalancerAttributes"
	httpForward := func(lb *state.LoadBalancer) {
		lb.Listeners[1].DefaultActions = []state.ListenerAction{{Type: "forward"}}
	}
	return map[string][]checkCase{
		"elb_alb_http_redirects_to_https": {
			{name: "redirects", acct: baseAccount(alb(nil)), want: sts(stP)},
			{name: "forwards", acct: baseAccount(alb(httpForward)), want: sts(stF), msg: "forwards requests"},
			{name: "a rule forwards", acct: baseAccount(alb(func(lb *state.LoadBalancer) {
				lb.Listeners[1].RuleActions = []state.ListenerAction{{Type: "fixed-response"}, {Type: "forward"}}
			})), want: sts(stF)},
			{name: "https only", acct: baseAccount(alb(func(lb *state.LoadBalancer) { lb.Listeners = lb.Listeners[:1] })), want: sts(stP), msg: "no HTTP listener"},
			{name: "classic not judged", acct: baseAccount(clb(nil)), want: nil},
			{name: "actions not collected", acct: baseAccount(alb(func(lb *state.LoadBalancer) { lb.Listeners[1].DefaultActions = nil })), want: sts(stU)},
			{name: "listeners denied", acct: baseAccount(alb(nil), nwLBGap(state.LBApplication, "DescribeListeners")), want: sts(stU)},
			{name: "classic listing denied does not hide albs", acct: baseAccount(alb(nil), classicListing), want: sts(stP)},
			{name: "v2 listing denied", acct: baseAccount(v2Listing, alb(nil)), want: sts(stU, stP)},
		},
		"elb_classic_acm_certificate": {
			{name: "acm", acct: baseAccount(clb(nil)), want: sts(stP)},
			{name: "iam certificate", acct: baseAccount(clb(func(lb *state.LoadBalancer) {
				lb.Listeners[0].Certificates = []string{"arn:aws:iam::" + testAccountID + ":server-certificate/legacy"}
			})), want: sts(stF), msg: "server-certificate/legacy"},
			{name: "no secure listener", acct: baseAccount(clb(func(lb *state.LoadBalancer) { lb.Listeners = []state.Listener{{Protocol: "HTTP", Port: 80}} })), want: sts(stNA)},
			{name: "denied", acct: baseAccount(classicListing), want: sts(stU)},
		},
		"elb_classic_secure_listeners": {
			{name: "https", acct: baseAccount(clb(nil)), want: sts(stP)},
			{name: "http and tcp", acct: baseAccount(clb(func(lb *state.LoadBalancer) {
				lb.Listeners = append(lb.Listeners, state.Listener{Protocol: "HTTP", Port: 80}, state.Listener{Protocol: "TCP", Port: 25})
			})), want: sts(stF), msg: "HTTP:80, TCP:25"},
			{name: "listeners not collected", acct: baseAccount(clb(func(lb *state.LoadBalancer) { lb.Listeners = nil })), want: sts(stU)},
			{name: "denied", acct: baseAccount(classicListing), want: sts(stU)},
		},
		"elb_alb_drop_invalid_headers": {
			{name: "drops", acct: baseAccount(alb(nil)), want: sts(stP)},
			{name: "passes them on", acct: baseAccount(alb(func(lb *state.LoadBalancer) { lb.DropInvalidHeaders = false })), want: sts(stF)},
			{name: "nlb not judged", acct: baseAccount(nlb(func(lb *state.LoadBalancer) { lb.DropInvalidHeaders = false })), want: nil},
			{name: "attributes denied", acct: baseAccount(alb(nil), nwLBGap(state.LBApplication, attrs)), want: sts(stU)},
		},
		"elb_access_logging": {
			{name: "alb and classic log", acct: baseAccount(alb(nil), clb(nil)), want: sts(stP, stP)},
			{name: "classic silent", acct: baseAccount(clb(func(lb *state.LoadBalancer) { lb.AccessLogs = false })), want: sts(stF), msg: "classic load balancer lb1"},
			{name: "nlb not judged", acct: baseAccount(nlb(func(lb *state.LoadBalancer) { lb.AccessLogs = false })), want: nil},
			{name: "attributes denied", acct: baseAccount(clb(nil), nwLBGap(state.LBClassic, attrs)), want: sts(stU)},
		},
		"elb_deletion_protection": {
			{name: "protected", acct: baseAccount(alb(nil), nlb(nil)), want: sts(stP, stP)},
			{name: "nlb unprotected", acct: baseAccount(nlb(func(lb *state.LoadBalancer) { lb.DeletionProtection = false })), want: sts(stF)},
			{name: "classic has no such attribute", acct: baseAccount(clb(nil)), want: nil},
			{name: "denied", acct: baseAccount(alb(nil), nwLBGap(state.LBApplication, attrs)), want: sts(stU)},
		},
		"elb_classic_connection_draining": {
			{name: "drains", acct: baseAccount(clb(nil)), want: sts(stP)},
			{name: "cuts", acct: baseAccount(clb(func(lb *state.LoadBalancer) { lb.ConnectionDraining = false })), want: sts(stF)},
			{name: "denied", acct: baseAccount(clb(nil), nwLBGap(state.LBClassic, attrs)), want: sts(stU)},
		},
		"elb_classic_strong_ssl_policy": {
			{name: "tls 1.2 reference policy", acct: baseAccount(clb(nil)), want: sts(stP)},
			{name: "predefined policy applied directly", acct: baseAccount(clb(func(lb *state.LoadBalancer) {
				lb.Listeners[0].SSLPolicy, lb.Listeners[0].ReferenceSecurityPolicy = "ELBSecurityPolicy-TLS-1-2-2017-01", ""
			})), want: sts(stP)},
			{name: "2016-08", acct: baseAccount(clb(func(lb *state.LoadBalancer) { lb.Listeners[0].ReferenceSecurityPolicy = "ELBSecurityPolicy-2016-08" })), want: sts(stF), msg: "443 (ELBSecurityPolicy-2016-08)"},
			{name: "custom", acct: baseAccount(clb(func(lb *state.LoadBalancer) { lb.Listeners[0].ReferenceSecurityPolicy = "" })), want: sts(stF), msg: "custom policy tls12"},
			{name: "no secure listener", acct: baseAccount(clb(func(lb *state.LoadBalancer) { lb.Listeners = []state.Listener{{Protocol: "TCP", Port: 25}} })), want: sts(stNA)},
			{name: "policies denied", acct: baseAccount(clb(nil), nwLBGap(state.LBClassic, "DescribeLoadBalancerPolicies")), want: sts(stU)},
		},
		"elb_classic_cross_zone": {
			{name: "on", acct: baseAccount(clb(nil)), want: sts(stP)},
			{name: "off", acct: baseAccount(clb(func(lb *state.LoadBalancer) { lb.CrossZone = false })), want: sts(stF)},
			{name: "denied", acct: baseAccount(clb(nil), nwLBGap(state.LBClassic, attrs)), want: sts(stU)},
		},
		"elb_classic_multi_az": {
			{name: "two zones", acct: baseAccount(clb(nil)), want: sts(stP)},
			{name: "one zone", acct: baseAccount(clb(func(lb *state.LoadBalancer) { lb.AvailabilityZones = lb.AvailabilityZones[:1] })), want: sts(stF), msg: "eu-west-1a"},
			{name: "zones not collected", acct: baseAccount(clb(func(lb *state.LoadBalancer) { lb.AvailabilityZones = nil })), want: sts(stU)},
			{name: "denied", acct: baseAccount(classicListing), want: sts(stU)},
		},
		"elb_v2_multi_az": {
			{name: "two zones", acct: baseAccount(alb(nil), nlb(nil)), want: sts(stP, stP)},
			{name: "one zone", acct: baseAccount(nlb(func(lb *state.LoadBalancer) { lb.AvailabilityZones = []string{"eu-west-1c"} })), want: sts(stF)},
			{name: "denied", acct: baseAccount(v2Listing), want: sts(stU)},
		},
		"elb_alb_desync_mitigation": {
			{name: "defensive", acct: baseAccount(alb(nil)), want: sts(stP)},
			{name: "strictest", acct: baseAccount(alb(func(lb *state.LoadBalancer) { lb.DesyncMitigationMode = "strictest" })), want: sts(stP)},
			{name: "monitor", acct: baseAccount(alb(func(lb *state.LoadBalancer) { lb.DesyncMitigationMode = "monitor" })), want: sts(stF), msg: "monitor"},
			{name: "not collected", acct: baseAccount(alb(func(lb *state.LoadBalancer) { lb.DesyncMitigationMode = "" })), want: sts(stU)},
			{name: "denied", acct: baseAccount(alb(nil), nwLBGap(state.LBApplication, attrs)), want: sts(stU)},
		},
		"elb_classic_desync_mitigation": {
			{name: "defensive", acct: baseAccount(clb(nil)), want: sts(stP)},
			{name: "monitor", acct: baseAccount(clb(func(lb *state.LoadBalancer) { lb.DesyncMitigationMode = "monitor" })), want: sts(stF)},
			{name: "denied", acct: baseAccount(clb(nil), nwLBGap(state.LBClassic, attrs)), want: sts(stU)},
		},
		"elb_alb_waf_attached": {
			{name: "protected", acct: baseAccount(alb(nil)), want: sts(stP)},
			{name: "public without waf", acct: baseAccount(alb(func(lb *state.LoadBalancer) { lb.WebACLARN = "" })), want: sts(stF)},
			{name: "internal", acct: baseAccount(alb(func(lb *state.LoadBalancer) { lb.WebACLARN, lb.Scheme = "", "internal" })), want: sts(stNA)},
			{name: "waf not read", acct: baseAccount(alb(func(lb *state.LoadBalancer) { lb.WebACLARN = "" }), withGap(state.Gap{Service: "wafv2", Region: "eu-west-1", Operation: "GetWebACLForResource", Reason: state.ReasonAccessDenied})), want: sts(stU)},
		},
		"elb_v2_recommended_tls_policy": {
			{name: "tls13 policies", acct: baseAccount(alb(nil), nlb(nil)), want: sts(stP, stP)},
			{name: "2016-08", acct: baseAccount(alb(func(lb *state.LoadBalancer) { lb.Listeners[0].SSLPolicy = "ELBSecurityPolicy-2016-08" })), want: sts(stF), msg: "HTTPS:443 (ELBSecurityPolicy-2016-08)"},
			{name: "tls13 with tls 1.0 minimum", acct: baseAccount(nlb(func(lb *state.LoadBalancer) { lb.Listeners[0].SSLPolicy = "ELBSecurityPolicy-TLS13-1-0-2021-06" })), want: sts(stF)},
			{name: "no secure listener", acct: baseAccount(nlb(func(lb *state.LoadBalancer) { lb.Listeners = []state.Listener{{Protocol: "TCP", Port: 5432}} })), want: sts(stNA)},
			{name: "listeners denied", acct: baseAccount(nlb(nil), nwLBGap(state.LBNetwork, "DescribeListeners")), want: sts(stU)},
		},
		"elb_v2_secure_listeners": {
			{name: "https plus redirect", acct: baseAccount(alb(nil)), want: sts(stP)},
			{name: "http forwarding", acct: baseAccount(alb(httpForward)), want: sts(stF), msg: "HTTP:80"},
			{name: "nlb tcp", acct: baseAccount(nlb(func(lb *state.LoadBalancer) {
				lb.Listeners = append(lb.Listeners, state.Listener{Protocol: "TCP", Port: 5432})
			})), want: sts(stF), msg: "TCP:5432"},
			{name: "denied", acct: baseAccount(v2Listing, nlb(nil)), want: sts(stU, stP)},
		},
	}
}
