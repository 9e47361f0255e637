package checks

import (
	"fmt"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// vpnChecks are the site-to-site and Client VPN checks: the customer's
// "reach instances from the corporate site over a VPN" duty.
func vpnChecks() []check.Check {
	return []check.Check{
		ec2VPNTunnelsUp(),
		ec2VPNIKEv2Only(),
		ec2VPNStrongAlgorithms(1),
		ec2VPNStrongAlgorithms(2),
		ec2VPNTunnelLogging(),
		ec2VPNClientConnectionLogging(),
		ec2VPNClientStrongAuth(),
		ec2VPNClientAuthorizationScoped(),
	}
}

// vpnCheck builds a check over site-to-site VPN connections that are not
// deleted, in every scanned region whose listing succeeded.
func vpnCheck(c check.Check, f func(v state.VPNConnection) check.Result) check.Check {
	c.Area, c.Service = check.Network, "ec2"
	c.Run = func(a *state.Account, _ *policy.Policy) []check.Result {
		var out []check.Result
		bad := regionalListingUnknown(a, "ec2", &out, state.InputEC2VPNConnections)
		for _, v := range a.EC2.VPNConnections {
			if bad[v.Region] || v.State == "deleted" || v.State == "deleting" {
				continue
			}
			if len(v.Tunnels) == 0 {
				out = append(out, check.UnknownR(v, "the tunnels of %s were not collected", v.ID))
				continue
			}
			out = append(out, f(v))
		}
		return out
	}
	return c
}

func ec2VPNTunnelsUp() check.Check {
	return vpnCheck(check.Check{
		ID:          "ec2_vpn_tunnels_up",
		Title:       "Both tunnels of every site-to-site VPN connection are up",
		Description: "AWS gives each VPN connection two tunnels in different zones and replaces endpoints during maintenance one tunnel at a time; with one tunnel down the next maintenance cuts the site off.",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "VPC > Site-to-Site VPN connections > select > Tunnel details: for the DOWN tunnel, download the configuration and set up the second tunnel on the customer gateway device.",
			CLI:       "aws ec2 describe-vpn-connections --vpn-connection-ids <VPN_ID> --query 'VpnConnections[0].VgwTelemetry'\naws ec2 get-vpn-connection-device-sample-configuration --vpn-connection-id <VPN_ID> --vpn-connection-device-type-id <DEVICE_TYPE_ID>",
			Terraform: "# Configure both tunnel1_* and tunnel2_* of aws_vpn_connection on the customer gateway device.",
		},
	}, func(v state.VPNConnection) check.Result {
		var down []string
		for _, t := range v.Tunnels {
			if !strings.EqualFold(t.Status, "UP") {
				s := t.OutsideIP + " " + t.Status
				if t.StatusMessage != "" {
					s += " (" + t.StatusMessage + ")"
				}
				down = append(down, s)
			}
		}
		switch {
		case len(down) > 0:
			return check.FailR(v, "%s has tunnels down: %s", v.ID, strings.Join(down, ", "))
		case len(v.Tunnels) < 2:
			return check.FailR(v, "%s reports only %d tunnel", v.ID, len(v.Tunnels))
		}
		return check.PassR(v, "both tunnels of %s are up", v.ID)
	})
}

func ec2VPNIKEv2Only() check.Check {
	return vpnCheck(check.Check{
		ID:          "ec2_vpn_ikev2_only",
		Title:       "Site-to-site VPN tunnels allow only IKEv2",
		Description: "IKEv1 (aggressive mode in particular) leaks enough of the pre-shared key exchange to allow offline cracking; AWS allows both versions unless the tunnel options restrict them.",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "VPC > Site-to-Site VPN connections > select > Actions > Modify VPN tunnel options: for each tunnel, IKE version ikev2 only.",
			CLI:       "aws ec2 modify-vpn-tunnel-options --vpn-connection-id <VPN_ID> --vpn-tunnel-outside-ip-address <TUNNEL_IP> --tunnel-options 'IKEVersions=[{Value=ikev2}]'",
			Terraform: "resource \"aws_vpn_connection\" \"site\" {\n  # ...\n  tunnel1_ike_versions = [\"ikev2\"]\n  tunnel2_ike_versions = [\"ikev2\"]\n}",
		},
	}, func(v state.VPNConnection) check.Result {
		var bad []string
		for _, t := range v.Tunnels {
			switch {
			case len(t.IKEVersions) == 0:
				bad = append(bad, t.OutsideIP+" uses the default (ikev1 and ikev2)")
			case len(t.IKEVersions) != 1 || !strings.EqualFold(t.IKEVersions[0], "ikev2"):
				bad = append(bad, t.OutsideIP+" allows "+strings.Join(t.IKEVersions, ", "))
			}
		}
		if len(bad) > 0 {
			return check.FailR(v, "%s: %s", v.ID, strings.Join(bad, "; "))
		}
		return check.PassR(v, "every tunnel of %s allows only IKEv2", v.ID)
	})
}

// weakDHGroup reports whether a Diffie-Hellman group is below the strength
// RFC 8247 recommends: MODP groups under 2048 bits (1, 2, 5) and the MODP
// groups with small prime-order subgroups (22, 23, 24), which it marks
// SHOULD NOT.
func weakDHGroup(g int) bool { return g < 14 || (g >= 22 && g <= 24) }

// weakIntegrity reports whether an integrity algorithm is SHA-1 based.
// AES-128 ciphers are deliberately not flagged: RFC 8247 keeps AES-128
// (CBC and GCM) as a MUST, and shoulder only flags what is weak, not what is
// merely not the strongest.
func weakIntegrity(alg string) bool { return strings.EqualFold(alg, "SHA1") }

// vpnPhaseProblems lists the weak choices of one tunnel phase. Empty lists
// mean AWS's defaults, which still include SHA1 and DH groups 2 and 5.
func vpnPhaseProblems(integrity []string, groups []int) []string {
	var out []string
	if len(integrity) == 0 {
		out = append(out, "default integrity algorithms (include SHA1)")
	}
	for _, i := range integrity {
		if weakIntegrity(i) {
			out = append(out, "integrity "+i)
		}
	}
	if len(groups) == 0 {
		out = append(out, "default DH groups (include 2 and 5)")
	}
	var weak []string
	for _, g := range groups {
		if weakDHGroup(g) {
			weak = append(weak, fmt.Sprint(g))
		}
	}
	if len(weak) > 0 {
		out = append(out, "DH groups "+strings.Join(weak, ","))
	}
	return out
}

func ec2VPNStrongAlgorithms(phase int) check.Check {
	p := fmt.Sprint(phase)
	return vpnCheck(check.Check{
		ID:          "ec2_vpn_phase" + p + "_strong_algorithms",
		Title:       "Site-to-site VPN tunnels allow only strong phase " + p + " algorithms",
		Description: "A tunnel negotiates the weakest option both ends accept. AWS's defaults still accept SHA1 integrity and Diffie-Hellman groups 2 and 5 (1024/1536-bit MODP); restrict phase " + p + " to SHA2 integrity and DH groups 14-21 (RFC 8247). AES-128 is not flagged.",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "VPC > Site-to-Site VPN connections > select > Actions > Modify VPN tunnel options: for each tunnel set phase " + p + " integrity to SHA2-256/384/512 and DH group numbers to 19, 20, 21 (or 14-18), matching the customer gateway.",
			CLI:       "aws ec2 modify-vpn-tunnel-options --vpn-connection-id <VPN_ID> --vpn-tunnel-outside-ip-address <TUNNEL_IP> --tunnel-options 'Phase" + p + "IntegrityAlgorithms=[{Value=SHA2-384}],Phase" + p + "DHGroupNumbers=[{Value=20}],Phase" + p + "EncryptionAlgorithms=[{Value=AES256-GCM-16}]'",
			Terraform: "resource \"aws_vpn_connection\" \"site\" {\n  # ...\n  tunnel1_phase" + p + "_integrity_algorithms  = [\"SHA2-384\"]\n  tunnel1_phase" + p + "_dh_group_numbers      = [20]\n  tunnel1_phase" + p + "_encryption_algorithms = [\"AES256-GCM-16\"]\n  # and the same for tunnel2\n}",
		},
	}, func(v state.VPNConnection) check.Result {
		var bad []string
		for _, t := range v.Tunnels {
			integ, groups := t.Phase1Integrity, t.Phase1DHGroups
			if phase == 2 {
				integ, groups = t.Phase2Integrity, t.Phase2DHGroups
			}
			if probs := vpnPhaseProblems(integ, groups); len(probs) > 0 {
				bad = append(bad, t.OutsideIP+": "+strings.Join(probs, ", "))
			}
		}
		if len(bad) > 0 {
			return check.FailR(v, "%s phase %d allows %s", v.ID, phase, strings.Join(bad, "; "))
		}
		return check.PassR(v, "every tunnel of %s restricts phase %d to SHA2 and DH groups >= 14", v.ID, phase)
	})
}

func ec2VPNTunnelLogging() check.Check {
	return vpnCheck(check.Check{
		ID:          "ec2_vpn_tunnel_logging",
		Title:       "Site-to-site VPN tunnels send their logs to CloudWatch Logs",
		Description: "Tunnel activity logs (IKE negotiation, DPD, tunnel up/down) are what explain an outage or a rejected peer; they are off unless turned on per tunnel.",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "VPC > Site-to-Site VPN connections > select > Actions > Modify VPN tunnel options: turn on Tunnel activity log for each tunnel and choose a log group.",
			CLI:       "aws ec2 modify-vpn-tunnel-options --vpn-connection-id <VPN_ID> --vpn-tunnel-outside-ip-address <TUNNEL_IP> --tunnel-options 'LogOptions={CloudWatchLogOptions={LogEnabled=true,LogGroupArn=<LOG_GROUP_ARN>,LogOutputFormat=json}}'",
			Terraform: "resource \"aws_vpn_connection\" \"site\" {\n  # ...\n  tunnel1_log_options {\n    cloudwatch_log_options {\n      log_enabled       = true\n      log_group_arn     = aws_cloudwatch_log_group.vpn.arn\n      log_output_format = \"json\"\n    }\n  }\n}",
		},
	}, func(v state.VPNConnection) check.Result {
		var off []string
		for _, t := range v.Tunnels {
			if !t.LoggingEnabled {
				off = append(off, t.OutsideIP)
			}
		}
		if len(off) > 0 {
			return check.FailR(v, "%s does not log tunnels %s", v.ID, strings.Join(off, ", "))
		}
		return check.PassR(v, "every tunnel of %s logs to CloudWatch Logs", v.ID)
	})
}

// clientVPNCheck builds a check over Client VPN endpoints that exist.
func clientVPNCheck(c check.Check, f func(a *state.Account, e state.ClientVPNEndpoint) check.Result) check.Check {
	c.Area, c.Service = check.Network, "ec2"
	c.Run = func(a *state.Account, _ *policy.Policy) []check.Result {
		var out []check.Result
		bad := regionalListingUnknown(a, "ec2", &out, state.InputEC2ClientVPNEndpoints)
		for _, e := range a.EC2.ClientVPNEndpoints {
			if bad[e.Region] || e.Status == "deleted" || e.Status == "deleting" {
				continue
			}
			out = append(out, f(a, e))
		}
		return out
	}
	return c
}

func ec2VPNClientConnectionLogging() check.Check {
	return clientVPNCheck(check.Check{
		ID:          "ec2_vpn_client_connection_logging",
		Title:       "Client VPN endpoints log client connections",
		Description: "Connection logs record who connected, from where and when: the audit trail of remote access to the VPC.",
		Severity:    check.Low,
		Remediation: check.Remediation{
			Console:   "VPC > Client VPN endpoints > select > Actions > Modify client VPN endpoint: Connection logging on, choose a CloudWatch Logs group and stream.",
			CLI:       "aws ec2 modify-client-vpn-endpoint --client-vpn-endpoint-id <ENDPOINT_ID> --connection-log-options Enabled=true,CloudwatchLogGroup=<LOG_GROUP>",
			Terraform: "resource \"aws_ec2_client_vpn_endpoint\" \"this\" {\n  # ...\n  connection_log_options {\n    enabled              = true\n    cloudwatch_log_group = aws_cloudwatch_log_group.vpn.name\n  }\n}",
		},
	}, func(_ *state.Account, e state.ClientVPNEndpoint) check.Result {
		if e.ConnectionLogging {
			return check.PassR(e, "%s logs client connections", e.ID)
		}
		return check.FailR(e, "%s does not log client connections", e.ID)
	})
}

func ec2VPNClientStrongAuth() check.Check {
	return clientVPNCheck(check.Check{
		ID:          "ec2_vpn_client_strong_auth",
		Title:       "Client VPN endpoints authenticate with certificates or a federated identity provider",
		Description: "Mutual certificate authentication or SAML federation (where the IdP enforces MFA) resist password spraying; Active Directory authentication alone is a password unless the directory adds MFA.",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "Client VPN endpoints cannot change their authentication in place: create an endpoint with Use mutual authentication and/or User-based authentication > Federated, move clients, delete the old endpoint.",
			CLI:       "aws ec2 create-client-vpn-endpoint --client-cidr-block <CIDR> --server-certificate-arn <CERT_ARN> --authentication-options 'Type=federated-authentication,FederatedAuthentication={SAMLProviderArn=<SAML_ARN>}' --connection-log-options Enabled=true,CloudwatchLogGroup=<LOG_GROUP>",
			Terraform: "resource \"aws_ec2_client_vpn_endpoint\" \"this\" {\n  # ...\n  authentication_options {\n    type              = \"federated-authentication\"\n    saml_provider_arn = aws_iam_saml_provider.idp.arn\n  }\n}",
		},
	}, func(_ *state.Account, e state.ClientVPNEndpoint) check.Result {
		if len(e.AuthenticationTypes) == 0 {
			return check.UnknownR(e, "the authentication options of %s were not collected", e.ID)
		}
		for _, t := range e.AuthenticationTypes {
			if t == "certificate-authentication" || t == "federated-authentication" {
				return check.PassR(e, "%s uses %s", e.ID, strings.Join(e.AuthenticationTypes, " + "))
			}
		}
		return check.FailR(e, "%s relies on %s only", e.ID, strings.Join(e.AuthenticationTypes, ", "))
	})
}

func ec2VPNClientAuthorizationScoped() check.Check {
	return clientVPNCheck(check.Check{
		ID:          "ec2_vpn_client_authorization_scoped",
		Title:       "Client VPN authorization rules do not give every user every network",
		Description: "A rule that authorizes all users for 0.0.0.0/0 turns the VPN into an open door to the VPC and the internet behind it; authorize groups for the networks they need.",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "VPC > Client VPN endpoints > select > Authorization rules: remove the rule for 0.0.0.0/0 with Allow access to all users; add rules per destination CIDR limited to directory or IdP groups.",
			CLI:       "aws ec2 revoke-client-vpn-ingress --client-vpn-endpoint-id <ENDPOINT_ID> --target-network-cidr 0.0.0.0/0 --revoke-all-groups\naws ec2 authorize-client-vpn-ingress --client-vpn-endpoint-id <ENDPOINT_ID> --target-network-cidr <VPC_CIDR> --access-group-id <GROUP_ID>",
			Terraform: "resource \"aws_ec2_client_vpn_authorization_rule\" \"admins\" {\n  client_vpn_endpoint_id = aws_ec2_client_vpn_endpoint.this.id\n  target_network_cidr    = aws_vpc.main.cidr_block\n  access_group_id        = var.admin_group_id\n}",
		},
	}, func(a *state.Account, e state.ClientVPNEndpoint) check.Result {
		if g, ok := a.Gaps.ForInput(state.InputEC2ClientVPNAuthorizationRules, e.Region, e.ARN); ok {
			return check.GapR(e, g)
		}
		for _, r := range e.AuthorizationRules {
			if r.AccessAll && isInternet(r.DestinationCIDR) {
				return check.FailR(e, "%s authorizes every user for %s", e.ID, r.DestinationCIDR)
			}
		}
		return check.PassR(e, "%s has no rule giving all users 0.0.0.0/0 (%d rules)", e.ID, len(e.AuthorizationRules))
	})
}
