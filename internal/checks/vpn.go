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
		ID: "ec2_vpn_tunnels_up",
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
		ID: "ec2_vpn_ikev2_only",
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
		ID: "ec2_vpn_phase" + p + "_strong_algorithms",
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
		ID: "ec2_vpn_tunnel_logging",
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
		ID: "ec2_vpn_client_connection_logging",
	}, func(_ *state.Account, e state.ClientVPNEndpoint) check.Result {
		if e.ConnectionLogging {
			return check.PassR(e, "%s logs client connections", e.ID)
		}
		return check.FailR(e, "%s does not log client connections", e.ID)
	})
}

func ec2VPNClientStrongAuth() check.Check {
	return clientVPNCheck(check.Check{
		ID: "ec2_vpn_client_strong_auth",
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
		ID: "ec2_vpn_client_authorization_scoped",
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
