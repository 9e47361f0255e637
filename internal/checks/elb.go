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
	c.Service = "elb"
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
		ID:          "elb_alb_http_redirects_to_https",
		Title:       "Application load balancers redirect every HTTP request to HTTPS",
		Description: "An HTTP listener that forwards requests sends credentials and session cookies in clear text; HTTP listeners should only redirect to HTTPS.",
		Area:        check.EncryptionInTransit,
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "EC2 > Load Balancers > select > Listeners > HTTP:80 > Edit: default action Redirect to HTTPS, port 443, status 301; remove rules that forward.",
			CLI:       "aws elbv2 modify-listener --listener-arn <LISTENER_ARN> --default-actions 'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}'",
			Terraform: "resource \"aws_lb_listener\" \"http\" {\n  load_balancer_arn = aws_lb.this.arn\n  port              = 80\n  protocol          = \"HTTP\"\n  default_action {\n    type = \"redirect\"\n    redirect {\n      protocol    = \"HTTPS\"\n      port        = \"443\"\n      status_code = \"HTTP_301\"\n    }\n  }\n}",
		},
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
		ID:          "elb_classic_acm_certificate",
		Title:       "Classic load balancers use certificates from AWS Certificate Manager",
		Description: "ACM renews its certificates automatically and keeps the private key out of anyone's hands; certificates uploaded to IAM expire silently and their keys live wherever they were generated.",
		Area:        check.EncryptionInTransit,
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "Request or import the certificate in ACM, then EC2 > Load Balancers > the classic load balancer > Listeners > Edit: choose the ACM certificate for each HTTPS/SSL listener.",
			CLI:       "aws elb set-load-balancer-listener-ssl-certificate --load-balancer-name <NAME> --load-balancer-port 443 --ssl-certificate-id <ACM_CERT_ARN>",
			Terraform: "resource \"aws_elb\" \"this\" {\n  # ...\n  listener {\n    lb_port            = 443\n    lb_protocol        = \"https\"\n    instance_port      = 443\n    instance_protocol  = \"https\"\n    ssl_certificate_id = aws_acm_certificate.this.arn\n  }\n}",
		},
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
		ID:          "elb_classic_secure_listeners",
		Title:       "Classic load balancers listen only with HTTPS or SSL",
		Description: "A classic load balancer listener on HTTP or TCP carries client traffic unencrypted across the internet.",
		Area:        check.EncryptionInTransit,
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "EC2 > Load Balancers > the classic load balancer > Listeners > Edit: replace HTTP/TCP listeners with HTTPS/SSL listeners using an ACM certificate (or migrate to an Application Load Balancer with an HTTP-to-HTTPS redirect).",
			CLI:       "aws elb create-load-balancer-listeners --load-balancer-name <NAME> --listeners Protocol=HTTPS,LoadBalancerPort=443,InstanceProtocol=HTTP,InstancePort=80,SSLCertificateId=<ACM_CERT_ARN>\naws elb delete-load-balancer-listeners --load-balancer-name <NAME> --load-balancer-ports 80",
			Terraform: "resource \"aws_elb\" \"this\" {\n  # ...\n  listener {\n    lb_port            = 443\n    lb_protocol        = \"https\"\n    instance_port      = 80\n    instance_protocol  = \"http\"\n    ssl_certificate_id = aws_acm_certificate.this.arn\n  }\n}",
		},
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
		ID:          "elb_alb_drop_invalid_headers",
		Title:       "Application load balancers drop invalid HTTP headers",
		Description: "Headers that do not match the HTTP grammar are a vehicle for request smuggling and header injection against the targets; the load balancer can strip them.",
		Area:        check.Network,
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "EC2 > Load Balancers > select > Attributes > Edit: Drop invalid header fields on.",
			CLI:       "aws elbv2 modify-load-balancer-attributes --load-balancer-arn <LB_ARN> --attributes Key=routing.http.drop_invalid_header_fields.enabled,Value=true",
			Terraform: "resource \"aws_lb\" \"this\" {\n  # ...\n  drop_invalid_header_fields = true\n}",
		},
	}, lbTypes(state.LBApplication), []state.Input{state.InputELBv2Attributes}, func(_ *state.Account, lb state.LoadBalancer) check.Result {
		if lb.DropInvalidHeaders {
			return check.PassR(lb, "%s drops invalid header fields", lb.Name)
		}
		return check.FailR(lb, "%s passes invalid header fields to its targets", lb.Name)
	})
}

func elbAccessLogging() check.Check {
	return elbCheck(check.Check{
		ID:          "elb_access_logging",
		Title:       "Application and classic load balancers write access logs",
		Description: "Access logs record every request (client, path, status, TLS parameters): the evidence needed to investigate an attack on a public endpoint.",
		Area:        check.Logging,
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "EC2 > Load Balancers > select > Attributes > Edit: Access logs on, choose an S3 bucket whose policy lets the ELB service write.",
			CLI:       "aws elbv2 modify-load-balancer-attributes --load-balancer-arn <LB_ARN> --attributes Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=<BUCKET>\naws elb modify-load-balancer-attributes --load-balancer-name <NAME> --load-balancer-attributes 'AccessLog={Enabled=true,S3BucketName=<BUCKET>,EmitInterval=5}'",
			Terraform: "resource \"aws_lb\" \"this\" {\n  # ...\n  access_logs {\n    bucket  = aws_s3_bucket.lb_logs.id\n    enabled = true\n  }\n}",
		},
	}, lbTypes(state.LBApplication, state.LBClassic), []state.Input{state.InputELBv2Attributes, state.InputELBClassicAttributes}, func(_ *state.Account, lb state.LoadBalancer) check.Result {
		if lb.AccessLogs {
			return check.PassR(lb, "%s logs to %s", lbLabel(lb), lb.AccessLogsBucket)
		}
		return check.FailR(lb, "%s writes no access logs", lbLabel(lb))
	})
}

func elbDeletionProtection() check.Check {
	return elbCheck(check.Check{
		ID:          "elb_deletion_protection",
		Title:       "Application, network and gateway load balancers have deletion protection",
		Description: "Deleting a load balancer takes the service offline and frees its DNS name; deletion protection makes that a deliberate two-step act.",
		Area:        check.Backup,
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "EC2 > Load Balancers > select > Attributes > Edit: Deletion protection on.",
			CLI:       "aws elbv2 modify-load-balancer-attributes --load-balancer-arn <LB_ARN> --attributes Key=deletion_protection.enabled,Value=true",
			Terraform: "resource \"aws_lb\" \"this\" {\n  # ...\n  enable_deletion_protection = true\n}",
		},
	}, lbTypes(state.LBApplication, state.LBNetwork, state.LBGateway), []state.Input{state.InputELBv2Attributes}, func(_ *state.Account, lb state.LoadBalancer) check.Result {
		if lb.DeletionProtection {
			return check.PassR(lb, "%s has deletion protection", lbLabel(lb))
		}
		return check.FailR(lb, "%s can be deleted in one call", lbLabel(lb))
	})
}

func elbClassicConnectionDraining() check.Check {
	return elbCheck(check.Check{
		ID:          "elb_classic_connection_draining",
		Title:       "Classic load balancers drain connections from deregistering instances",
		Description: "Without connection draining, in-flight requests are cut when an instance is deregistered or fails its health check (during patching, for instance). Rated below FSBP's medium: it guards availability, not who can read or change data.",
		Area:        check.Backup,
		Severity:    check.Low,
		Remediation: check.Remediation{
			Console:   "EC2 > Load Balancers > the classic load balancer > Attributes > Edit: Connection draining on, timeout 300 seconds.",
			CLI:       "aws elb modify-load-balancer-attributes --load-balancer-name <NAME> --load-balancer-attributes 'ConnectionDraining={Enabled=true,Timeout=300}'",
			Terraform: "resource \"aws_elb\" \"this\" {\n  # ...\n  connection_draining         = true\n  connection_draining_timeout = 300\n}",
		},
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
		ID:          "elb_classic_strong_ssl_policy",
		Title:       "Classic load balancer HTTPS/SSL listeners use the TLS 1.2 predefined policy",
		Description: "Older predefined and custom negotiation policies still accept TLS 1.0/1.1 and weak ciphers; " + strongClassicPolicy + " accepts only TLS 1.2 with strong ciphers.",
		Area:        check.EncryptionInTransit,
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "EC2 > Load Balancers > the classic load balancer > Listeners > Edit the HTTPS/SSL listener's security policy: Predefined, " + strongClassicPolicy + ".",
			CLI:       "aws elb create-load-balancer-policy --load-balancer-name <NAME> --policy-name tls12 --policy-type-name SSLNegotiationPolicyType --policy-attributes AttributeName=Reference-Security-Policy,AttributeValue=" + strongClassicPolicy + "\naws elb set-load-balancer-policies-of-listener --load-balancer-name <NAME> --load-balancer-port 443 --policy-names tls12",
			Terraform: "resource \"aws_load_balancer_policy\" \"tls12\" {\n  load_balancer_name = aws_elb.this.name\n  policy_name        = \"tls12\"\n  policy_type_name   = \"SSLNegotiationPolicyType\"\n  policy_attribute {\n    name  = \"Reference-Security-Policy\"\n    value = \"" + strongClassicPolicy + "\"\n  }\n}",
		},
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
		ID:          "elb_classic_cross_zone",
		Title:       "Classic load balancers balance across zones",
		Description: "Without cross-zone load balancing each zone's nodes serve only their zone's instances, so a zone with fewer healthy instances is overloaded. Rated below FSBP's medium: it guards availability, not who can read or change data.",
		Area:        check.Backup,
		Severity:    check.Low,
		Remediation: check.Remediation{
			Console:   "EC2 > Load Balancers > the classic load balancer > Attributes > Edit: Cross-zone load balancing on.",
			CLI:       "aws elb modify-load-balancer-attributes --load-balancer-name <NAME> --load-balancer-attributes 'CrossZoneLoadBalancing={Enabled=true}'",
			Terraform: "resource \"aws_elb\" \"this\" {\n  # ...\n  cross_zone_load_balancing = true\n}",
		},
	}, lbTypes(state.LBClassic), []state.Input{state.InputELBClassicAttributes}, func(_ *state.Account, lb state.LoadBalancer) check.Result {
		if lb.CrossZone {
			return check.PassR(lb, "%s balances across zones", lb.Name)
		}
		return check.FailR(lb, "%s does not balance across zones", lb.Name)
	})
}

func elbMultiAZ(classic bool) check.Check {
	id, title, kinds := "elb_v2_multi_az", "Application, network and gateway load balancers span at least two Availability Zones", lbTypes(state.LBApplication, state.LBNetwork, state.LBGateway)
	if classic {
		id, title, kinds = "elb_classic_multi_az", "Classic load balancers span at least two Availability Zones", lbTypes(state.LBClassic)
	}
	return elbCheck(check.Check{
		ID:          id,
		Title:       title,
		Description: "A load balancer in one zone goes down with that zone; two or more zones keep the service reachable.",
		Area:        check.Backup,
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "EC2 > Load Balancers > select > Network mapping > Edit subnets: add a subnet in a second Availability Zone.",
			CLI:       "aws elbv2 set-subnets --load-balancer-arn <LB_ARN> --subnets <SUBNET_A> <SUBNET_B>\naws elb enable-availability-zones-for-load-balancer --load-balancer-name <NAME> --availability-zones <AZ>",
			Terraform: "resource \"aws_lb\" \"this\" {\n  # ...\n  subnets = [aws_subnet.public_a.id, aws_subnet.public_b.id]\n}",
		},
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
	id, title, kinds := "elb_alb_desync_mitigation", "Application load balancers use defensive or strictest desync mitigation", lbTypes(state.LBApplication)
	cli := "aws elbv2 modify-load-balancer-attributes --load-balancer-arn <LB_ARN> --attributes Key=routing.http.desync_mitigation_mode,Value=defensive"
	tf := "resource \"aws_lb\" \"this\" {\n  # ...\n  desync_mitigation_mode = \"defensive\"\n}"
	if classic {
		id, title, kinds = "elb_classic_desync_mitigation", "Classic load balancers use defensive or strictest desync mitigation", lbTypes(state.LBClassic)
		cli = "aws elb modify-load-balancer-attributes --load-balancer-name <NAME> --load-balancer-attributes 'AdditionalAttributes=[{Key=elb.http.desyncmitigationmode,Value=defensive}]'"
		tf = "resource \"aws_elb\" \"this\" {\n  # ...\n  desync_mitigation_mode = \"defensive\"\n}"
	}
	return elbCheck(check.Check{
		ID:          id,
		Title:       title,
		Description: "HTTP desync (request smuggling) lets an attacker prepend requests to other users' connections; in monitor mode the load balancer forwards ambiguous requests anyway.",
		Area:        check.Network,
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "EC2 > Load Balancers > select > Attributes > Edit: Desync mitigation mode Defensive (or Strictest).",
			CLI:       cli,
			Terraform: tf,
		},
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
		ID:          "elb_alb_waf_attached",
		Title:       "Internet-facing application load balancers are protected by AWS WAF",
		Description: "A web ACL in front of a public application filters common exploits (SQL injection, known bad inputs, bots) before they reach it. Internal load balancers are not judged.",
		Area:        check.Network,
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "WAF & Shield > Web ACLs > select (or create with the AWS managed core rule set) > Associated AWS resources > Add: the load balancer.",
			CLI:       "aws wafv2 associate-web-acl --web-acl-arn <WEB_ACL_ARN> --resource-arn <LB_ARN>",
			Terraform: "resource \"aws_wafv2_web_acl_association\" \"alb\" {\n  resource_arn = aws_lb.this.arn\n  web_acl_arn  = aws_wafv2_web_acl.this.arn\n}",
		},
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
		ID:          "elb_v2_recommended_tls_policy",
		Title:       "HTTPS and TLS listeners of application and network load balancers use a TLS 1.3 policy with TLS 1.2 minimum",
		Description: "The security policy decides which TLS versions and ciphers clients may negotiate; the ELBSecurityPolicy-TLS13-1-2-* (and -1-3-*) policies offer TLS 1.3 and refuse TLS 1.0/1.1.",
		Area:        check.EncryptionInTransit,
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "EC2 > Load Balancers > select > Listeners > the HTTPS/TLS listener > Edit: Security policy ELBSecurityPolicy-TLS13-1-2-2021-06 (or a newer TLS13-1-2 policy).",
			CLI:       "aws elbv2 modify-listener --listener-arn <LISTENER_ARN> --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06",
			Terraform: "resource \"aws_lb_listener\" \"https\" {\n  # ...\n  protocol   = \"HTTPS\"\n  ssl_policy = \"ELBSecurityPolicy-TLS13-1-2-2021-06\"\n}",
		},
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
		ID:          "elb_v2_secure_listeners",
		Title:       "Application and network load balancer listeners encrypt traffic (HTTPS or TLS)",
		Description: "Plain HTTP or TCP listeners carry client data unencrypted. An HTTP listener that only redirects to HTTPS carries none and passes; a TCP listener whose targets terminate TLS themselves should be waived with that reason.",
		Area:        check.EncryptionInTransit,
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "EC2 > Load Balancers > select > Listeners: replace HTTP listeners with HTTPS (ALB) or TCP with TLS (NLB) using an ACM certificate, keeping an HTTP listener only to redirect.",
			CLI:       "aws elbv2 create-listener --load-balancer-arn <LB_ARN> --protocol HTTPS --port 443 --certificates CertificateArn=<ACM_CERT_ARN> --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06 --default-actions Type=forward,TargetGroupArn=<TG_ARN>",
			Terraform: "resource \"aws_lb_listener\" \"tls\" {\n  load_balancer_arn = aws_lb.this.arn\n  port              = 443\n  protocol          = \"TLS\"\n  certificate_arn   = aws_acm_certificate.this.arn\n  ssl_policy        = \"ELBSecurityPolicy-TLS13-1-2-2021-06\"\n  default_action {\n    type             = \"forward\"\n    target_group_arn = aws_lb_target_group.this.arn\n  }\n}",
		},
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
