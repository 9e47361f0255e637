package checks

import (
	"fmt"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func elbChecks() []check.Check {
	return []check.Check{
		elbALBHTTPRedirectsToHTTPS(),
		elbClassicACMCertificate(),
		elbClassicSecureListeners(),
		elbALBDropInvalidHeaders(),
		elbAccessLogging(),
		elbDeletionProtection(),
		elbClassicConnectionDraining(),
		elbClassicStrongSSLPolicy(),
		elbClassicCrossZone(),
		elbMultiAZ(true),
		elbMultiAZ(false),
		elbDesyncMitigation(true),
		elbDesyncMitigation(false),
		elbALBWAFAttached(),
		elbV2RecommendedTLSPolicy(),
		elbV2SecureListeners(),
	}
}

// elbListing is the listing input of a load balancer generation
// (state.ELBServiceV2 or state.ELBServiceClassic).
func elbListing(generation string) state.Input {
	if generation == state.ELBServiceClassic {
		return state.InputELBClassicLoadBalancers
	}
	return state.InputELBv2LoadBalancers
}

// lbGap reports a gap hiding one of inputs for lb; only the inputs of lb's
// generation (those filled by its gap service's operations) apply.
func lbGap(a *state.Account, lb state.LoadBalancer, inputs []state.Input) (state.Gap, bool) {
	for _, in := range inputs {
		if ops := in.Operations(); len(ops) > 0 && ops[0].Service != lb.GapService() {
			continue
		}
		if g, ok := a.Gaps.ForInput(in, lb.Region, lb.ARN); ok {
			return g, true
		}
	}
	return state.Gap{}, false
}

// lbKinds selects load balancer types.
type lbKinds map[string]bool

func lbTypes(types ...string) lbKinds {
	k := lbKinds{}
	for _, t := range types {
		k[t] = true
	}
	return k
}

// elbCheck builds a check over the load balancers of the given kinds. It
// answers unknown for regions whose listing failed (per generation) and for
// load balancers whose needed data (inputs, per ARN) could not be read.
func elbCheck(c check.Check, kinds lbKinds, inputs []state.Input, f func(a *state.Account, lb state.LoadBalancer) check.Result) check.Check {
	c.Run = func(a *state.Account, _ *policy.Policy) []check.Result {
		var out []check.Result
		bad := map[string]bool{} // generation service + region
		for _, svc := range []string{state.ELBServiceV2, state.ELBServiceClassic} {
			wanted := false
			for k := range kinds {
				wanted = wanted || (svc == state.ELBServiceClassic) == (k == state.LBClassic)
			}
			if !wanted {
				continue
			}
			for _, r := range a.ScannedRegions() {
				if g, ok := listingGap(a, r, elbListing(svc)); ok {
					bad[svc+" "+r] = true
					out = append(out, check.GapR(check.Ref(a.RegionARN("elasticloadbalancing", r), r), g))
				}
			}
		}
		for _, lb := range a.ELB.LoadBalancers {
			if !kinds[lb.Type] || bad[lb.GapService()+" "+lb.Region] {
				continue
			}
			if g, ok := lbGap(a, lb, inputs); ok {
				out = append(out, check.GapR(lb, g))
				continue
			}
			out = append(out, f(a, lb))
		}
		return out
	}
	return c
}

func lbLabel(lb state.LoadBalancer) string {
	return fmt.Sprintf("%s load balancer %s", lb.Type, lb.Name)
}

// actionsRedirectToHTTPS reports whether every action only redirects to
// HTTPS or answers itself (fixed-response), so no request is served over HTTP.
func actionsRedirectToHTTPS(actions []state.ListenerAction) (bool, string) {
	for _, x := range actions {
		switch {
		case x.Type == "redirect" && strings.EqualFold(x.RedirectProtocol, "HTTPS"):
		case x.Type == "fixed-response":
		case x.Type == "redirect":
			return false, "redirects to " + x.RedirectProtocol
		default:
			return false, x.Type + "s requests"
		}
	}
	return true, ""
}

func elbALBHTTPRedirectsToHTTPS() check.Check {
	return elbCheck(check.Check{
		ID: "elb_alb_http_redirects_to_https",
	}, lbTypes(state.LBApplication), []state.Input{state.InputELBv2Listeners, state.InputELBv2Rules}, func(_ *state.Account, lb state.LoadBalancer) check.Result {
		n := 0
		for _, l := range lb.Listeners {
			if !strings.EqualFold(l.Protocol, "HTTP") {
				continue
			}
			n++
			if len(l.DefaultActions) == 0 {
				return check.UnknownR(lb, "the actions of %s's HTTP listener on %d were not collected", lb.Name, l.Port)
			}
			if ok, why := actionsRedirectToHTTPS(append(append([]state.ListenerAction(nil), l.DefaultActions...), l.RuleActions...)); !ok {
				return check.FailR(lb, "the HTTP listener of %s on port %d %s instead of redirecting to HTTPS", lb.Name, l.Port, why)
			}
		}
		if n == 0 {
			return check.PassR(lb, "%s has no HTTP listener", lb.Name)
		}
		return check.PassR(lb, "every HTTP listener of %s redirects to HTTPS", lb.Name)
	})
}

func elbClassicACMCertificate() check.Check {
	return elbCheck(check.Check{
		ID: "elb_classic_acm_certificate",
	}, lbTypes(state.LBClassic), nil, func(_ *state.Account, lb state.LoadBalancer) check.Result {
		var iam []string
		secure := 0
		for _, l := range lb.Listeners {
			if !l.Secure() {
				continue
			}
			secure++
			for _, c := range l.Certificates {
				if !strings.Contains(c, ":acm:") {
					iam = append(iam, c)
				}
			}
		}
		switch {
		case secure == 0:
			return check.NotApplicableR(lb, "%s has no HTTPS or SSL listener", lb.Name)
		case len(iam) > 0:
			return check.FailR(lb, "%s uses certificates outside ACM: %s", lb.Name, strings.Join(iam, ", "))
		}
		return check.PassR(lb, "every HTTPS/SSL listener of %s uses an ACM certificate", lb.Name)
	})
}

func elbClassicSecureListeners() check.Check {
	return elbCheck(check.Check{
		ID: "elb_classic_secure_listeners",
	}, lbTypes(state.LBClassic), nil, func(_ *state.Account, lb state.LoadBalancer) check.Result {
		if len(lb.Listeners) == 0 {
			return check.UnknownR(lb, "the listeners of %s were not collected", lb.Name)
		}
		var plain []string
		for _, l := range lb.Listeners {
			if !l.Secure() {
				plain = append(plain, fmt.Sprintf("%s:%d", l.Protocol, l.Port))
			}
		}
		if len(plain) > 0 {
			return check.FailR(lb, "%s has unencrypted listeners %s", lb.Name, strings.Join(plain, ", "))
		}
		return check.PassR(lb, "every listener of %s is HTTPS or SSL", lb.Name)
	})
}

func elbALBDropInvalidHeaders() check.Check {
	return elbCheck(check.Check{
		ID: "elb_alb_drop_invalid_headers",
	}, lbTypes(state.LBApplication), []state.Input{state.InputELBv2Attributes}, func(_ *state.Account, lb state.LoadBalancer) check.Result {
		if lb.DropInvalidHeaders {
			return check.PassR(lb, "%s drops invalid header fields", lb.Name)
		}
		return check.FailR(lb, "%s passes invalid header fields to its targets", lb.Name)
	})
}

func elbAccessLogging() check.Check {
	return elbCheck(check.Check{
		ID: "elb_access_logging",
	}, lbTypes(state.LBApplication, state.LBClassic), []state.Input{state.InputELBv2Attributes, state.InputELBClassicAttributes}, func(_ *state.Account, lb state.LoadBalancer) check.Result {
		if lb.AccessLogs {
			return check.PassR(lb, "%s logs to %s", lbLabel(lb), lb.AccessLogsBucket)
		}
		return check.FailR(lb, "%s writes no access logs", lbLabel(lb))
	})
}

func elbDeletionProtection() check.Check {
	return elbCheck(check.Check{
		ID: "elb_deletion_protection",
	}, lbTypes(state.LBApplication, state.LBNetwork, state.LBGateway), []state.Input{state.InputELBv2Attributes}, func(_ *state.Account, lb state.LoadBalancer) check.Result {
		if lb.DeletionProtection {
			return check.PassR(lb, "%s has deletion protection", lbLabel(lb))
		}
		return check.FailR(lb, "%s can be deleted in one call", lbLabel(lb))
	})
}

func elbClassicConnectionDraining() check.Check {
	return elbCheck(check.Check{
		ID: "elb_classic_connection_draining",
	}, lbTypes(state.LBClassic), []state.Input{state.InputELBClassicAttributes}, func(_ *state.Account, lb state.LoadBalancer) check.Result {
		if lb.ConnectionDraining {
			return check.PassR(lb, "%s drains connections (%ds)", lb.Name, lb.ConnectionDrainingTimeout)
		}
		return check.FailR(lb, "%s cuts in-flight requests when an instance leaves", lb.Name)
	})
}

// strongClassicPolicy is the predefined classic policy FSBP ELB.8 accepts:
// TLS 1.2 only with forward-secret ciphers.
const strongClassicPolicy = "ELBSecurityPolicy-TLS-1-2-2017-01"

func elbClassicStrongSSLPolicy() check.Check {
	return elbCheck(check.Check{
		ID: "elb_classic_strong_ssl_policy",
	}, lbTypes(state.LBClassic), []state.Input{state.InputELBClassicPolicies}, func(_ *state.Account, lb state.LoadBalancer) check.Result {
		var weak []string
		secure := 0
		for _, l := range lb.Listeners {
			if !l.Secure() {
				continue
			}
			secure++
			if l.ReferenceSecurityPolicy != strongClassicPolicy && l.SSLPolicy != strongClassicPolicy {
				p := l.ReferenceSecurityPolicy
				if p == "" {
					p = "custom policy " + l.SSLPolicy
				}
				weak = append(weak, fmt.Sprintf("%d (%s)", l.Port, p))
			}
		}
		switch {
		case secure == 0:
			return check.NotApplicableR(lb, "%s has no HTTPS or SSL listener", lb.Name)
		case len(weak) > 0:
			return check.FailR(lb, "%s listeners use weaker policies: %s", lb.Name, strings.Join(weak, ", "))
		}
		return check.PassR(lb, "every HTTPS/SSL listener of %s uses %s", lb.Name, strongClassicPolicy)
	})
}

func elbClassicCrossZone() check.Check {
	return elbCheck(check.Check{
		ID: "elb_classic_cross_zone",
	}, lbTypes(state.LBClassic), []state.Input{state.InputELBClassicAttributes}, func(_ *state.Account, lb state.LoadBalancer) check.Result {
		if lb.CrossZone {
			return check.PassR(lb, "%s balances across zones", lb.Name)
		}
		return check.FailR(lb, "%s does not balance across zones", lb.Name)
	})
}

func elbMultiAZ(classic bool) check.Check {
	id, kinds := "elb_v2_multi_az", lbTypes(state.LBApplication, state.LBNetwork, state.LBGateway)
	if classic {
		id, kinds = "elb_classic_multi_az", lbTypes(state.LBClassic)
	}
	return elbCheck(check.Check{
		ID: id,
	}, kinds, nil, func(_ *state.Account, lb state.LoadBalancer) check.Result {
		switch n := len(lb.AvailabilityZones); {
		case n == 0:
			return check.UnknownR(lb, "the Availability Zones of %s were not collected", lb.Name)
		case n < 2:
			return check.FailR(lb, "%s runs in one zone only (%s)", lbLabel(lb), lb.AvailabilityZones[0])
		default:
			return check.PassR(lb, "%s spans %d zones", lbLabel(lb), n)
		}
	})
}

func elbDesyncMitigation(classic bool) check.Check {
	id, kinds := "elb_alb_desync_mitigation", lbTypes(state.LBApplication)
	if classic {
		id, kinds = "elb_classic_desync_mitigation", lbTypes(state.LBClassic)
	}
	return elbCheck(check.Check{
		ID: id,
	}, kinds, []state.Input{state.InputELBv2Attributes, state.InputELBClassicAttributes}, func(_ *state.Account, lb state.LoadBalancer) check.Result {
		switch lb.DesyncMitigationMode {
		case "defensive", "strictest":
			return check.PassR(lb, "%s uses %s desync mitigation", lb.Name, lb.DesyncMitigationMode)
		case "":
			return check.UnknownR(lb, "the desync mitigation mode of %s was not collected", lb.Name)
		}
		return check.FailR(lb, "%s uses %s desync mitigation", lb.Name, lb.DesyncMitigationMode)
	})
}

func elbALBWAFAttached() check.Check {
	return elbCheck(check.Check{
		ID: "elb_alb_waf_attached",
	}, lbTypes(state.LBApplication), nil, func(a *state.Account, lb state.LoadBalancer) check.Result {
		if lb.Scheme != "internet-facing" {
			return check.NotApplicableR(lb, "%s is %s", lb.Name, lb.Scheme)
		}
		if g, ok := a.Gaps.ForInput(state.InputELBWebACL, lb.Region, lb.ARN); ok {
			return check.GapR(lb, g)
		}
		if lb.WebACLARN != "" {
			return check.PassR(lb, "%s is protected by %s", lb.Name, lb.WebACLARN)
		}
		return check.FailR(lb, "internet-facing %s has no WAF web ACL", lb.Name)
	})
}

// recommendedV2Policy reports whether an ALB/NLB security policy is one of
// the TLS 1.3 policies with TLS 1.2 as the minimum (ELBSecurityPolicy-TLS13-1-2-*,
// -TLS13-1-3-*, including their FIPS and post-quantum variants). The older
// TLS13-1-0/1-1 policies still accept TLS 1.0/1.1.
func recommendedV2Policy(name string) bool {
	return strings.HasPrefix(name, "ELBSecurityPolicy-TLS13-1-2-") || strings.HasPrefix(name, "ELBSecurityPolicy-TLS13-1-3-")
}

func elbV2RecommendedTLSPolicy() check.Check {
	return elbCheck(check.Check{
		ID: "elb_v2_recommended_tls_policy",
	}, lbTypes(state.LBApplication, state.LBNetwork), []state.Input{state.InputELBv2Listeners}, func(_ *state.Account, lb state.LoadBalancer) check.Result {
		var weak []string
		secure := 0
		for _, l := range lb.Listeners {
			if !l.Secure() {
				continue
			}
			secure++
			if !recommendedV2Policy(l.SSLPolicy) {
				weak = append(weak, fmt.Sprintf("%s:%d (%s)", l.Protocol, l.Port, l.SSLPolicy))
			}
		}
		switch {
		case secure == 0:
			return check.NotApplicableR(lb, "%s has no HTTPS or TLS listener", lb.Name)
		case len(weak) > 0:
			return check.FailR(lb, "%s listeners use older policies: %s", lb.Name, strings.Join(weak, ", "))
		}
		return check.PassR(lb, "every HTTPS/TLS listener of %s uses a TLS 1.3 policy", lb.Name)
	})
}

func elbV2SecureListeners() check.Check {
	return elbCheck(check.Check{
		ID: "elb_v2_secure_listeners",
	}, lbTypes(state.LBApplication, state.LBNetwork), []state.Input{state.InputELBv2Listeners}, func(_ *state.Account, lb state.LoadBalancer) check.Result {
		var plain []string
		for _, l := range lb.Listeners {
			if l.Secure() {
				continue
			}
			if strings.EqualFold(l.Protocol, "HTTP") && len(l.DefaultActions) > 0 {
				if ok, _ := actionsRedirectToHTTPS(append(append([]state.ListenerAction(nil), l.DefaultActions...), l.RuleActions...)); ok {
					continue
				}
			}
			plain = append(plain, fmt.Sprintf("%s:%d", l.Protocol, l.Port))
		}
		if len(plain) > 0 {
			return check.FailR(lb, "%s serves unencrypted listeners %s", lbLabel(lb), strings.Join(plain, ", "))
		}
		return check.PassR(lb, "every listener of %s encrypts or redirects to HTTPS", lbLabel(lb))
	})
}
