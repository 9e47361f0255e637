package checks

import (
	"github.com/shoulder-dev/shoulder/internal/state"
)

func nwStrongTunnel(ip string) state.VPNTunnel {
	return state.VPNTunnel{OutsideIP: ip, Status: "UP", IKEVersions: []string{"ikev2"},
		Phase1Encryption: []string{"AES256-GCM-16"}, Phase1Integrity: []string{"SHA2-384"}, Phase1DHGroups: []int{20},
		Phase2Encryption: []string{"AES128"}, Phase2Integrity: []string{"SHA2-256"}, Phase2DHGroups: []int{14, 19}, LoggingEnabled: true}
}

// nwVPN is a VPN connection in eu-west-1 with two strong tunnels; mut edits
// the second tunnel.
func nwVPN(mut func(t *state.VPNTunnel)) func(*state.Account) {
	return func(a *state.Account) {
		t2 := nwStrongTunnel("52.0.0.2")
		if mut != nil {
			mut(&t2)
		}
		a.EC2.VPNConnections = append(a.EC2.VPNConnections, state.VPNConnection{Meta: nwEUMeta("ec2", "vpn-connection/vpn-1"), ID: "vpn-1", State: "available",
			Tunnels: []state.VPNTunnel{nwStrongTunnel("52.0.0.1"), t2}})
	}
}

func nwClientVPN(mut func(e *state.ClientVPNEndpoint)) func(*state.Account) {
	return func(a *state.Account) {
		e := state.ClientVPNEndpoint{Meta: nwEUMeta("ec2", "client-vpn-endpoint/cvpn-1"), ID: "cvpn-1", Status: "available",
			AuthenticationTypes: []string{"certificate-authentication"}, ConnectionLogging: true,
			AuthorizationRules: []state.ClientVPNAuthRule{{DestinationCIDR: "10.0.0.0/16", GroupID: "admins"}}}
		if mut != nil {
			mut(&e)
		}
		a.EC2.ClientVPNEndpoints = append(a.EC2.ClientVPNEndpoints, e)
	}
}

func vpnCases() map[string][]checkCase {
	vpnGap := nwUSGap("ec2", "DescribeVpnConnections")
	noTunnels := func(a *state.Account) {
		a.EC2.VPNConnections = []state.VPNConnection{{Meta: nwEUMeta("ec2", "vpn-connection/vpn-1"), ID: "vpn-1", State: "available"}}
	}
	deleted := func(a *state.Account) { a.EC2.VPNConnections[0].State = "deleted" }
	cvpnGap := nwUSGap("ec2", "DescribeClientVpnEndpoints")
	return map[string][]checkCase{
		"ec2_vpn_tunnels_up": {
			{name: "both up", acct: baseAccount(nwVPN(nil)), want: sts(stP)},
			{name: "one down", acct: baseAccount(nwVPN(func(t *state.VPNTunnel) { t.Status, t.StatusMessage = "DOWN", "IPSEC IS DOWN" })), want: sts(stF), msg: "52.0.0.2 DOWN (IPSEC IS DOWN)"},
			{name: "deleted connection ignored", acct: baseAccount(nwVPN(func(t *state.VPNTunnel) { t.Status = "DOWN" }), deleted), want: nil},
			{name: "tunnels not collected", acct: baseAccount(noTunnels), want: sts(stU)},
			{name: "denied", acct: baseAccount(vpnGap, nwVPN(nil)), want: sts(stU, stP)},
		},
		"ec2_vpn_ikev2_only": {
			{name: "ikev2", acct: baseAccount(nwVPN(nil)), want: sts(stP)},
			{name: "default versions", acct: baseAccount(nwVPN(func(t *state.VPNTunnel) { t.IKEVersions = nil })), want: sts(stF), msg: "default (ikev1 and ikev2)"},
			{name: "both versions", acct: baseAccount(nwVPN(func(t *state.VPNTunnel) { t.IKEVersions = []string{"ikev1", "ikev2"} })), want: sts(stF), msg: "ikev1, ikev2"},
			{name: "denied", acct: baseAccount(vpnGap), want: sts(stU)},
		},
		"ec2_vpn_phase1_strong_algorithms": {
			{name: "strong", acct: baseAccount(nwVPN(nil)), want: sts(stP)},
			{name: "aes128 cbc is not weak", acct: baseAccount(nwVPN(func(t *state.VPNTunnel) { t.Phase1Encryption = []string{"AES128"} })), want: sts(stP)},
			{name: "defaults", acct: baseAccount(nwVPN(func(t *state.VPNTunnel) { t.Phase1Integrity, t.Phase1DHGroups = nil, nil })), want: sts(stF), msg: "phase 1 allows 52.0.0.2: default integrity"},
			{name: "sha1", acct: baseAccount(nwVPN(func(t *state.VPNTunnel) { t.Phase1Integrity = []string{"SHA2-256", "SHA1"} })), want: sts(stF), msg: "integrity SHA1"},
			{name: "dh group 2 and 24", acct: baseAccount(nwVPN(func(t *state.VPNTunnel) { t.Phase1DHGroups = []int{2, 14, 24} })), want: sts(stF), msg: "DH groups 2,24"},
			{name: "phase 2 weakness does not fail phase 1", acct: baseAccount(nwVPN(func(t *state.VPNTunnel) { t.Phase2DHGroups = []int{2} })), want: sts(stP)},
			{name: "denied", acct: baseAccount(vpnGap), want: sts(stU)},
		},
		"ec2_vpn_phase2_strong_algorithms": {
			{name: "strong", acct: baseAccount(nwVPN(nil)), want: sts(stP)},
			{name: "dh 5", acct: baseAccount(nwVPN(func(t *state.VPNTunnel) { t.Phase2DHGroups = []int{5} })), want: sts(stF), msg: "phase 2 allows 52.0.0.2: DH groups 5"},
			{name: "defaults", acct: baseAccount(nwVPN(func(t *state.VPNTunnel) { t.Phase2Integrity = nil })), want: sts(stF), msg: "default integrity"},
			{name: "tunnels not collected", acct: baseAccount(noTunnels), want: sts(stU)},
		},
		"ec2_vpn_tunnel_logging": {
			{name: "both log", acct: baseAccount(nwVPN(nil)), want: sts(stP)},
			{name: "one silent", acct: baseAccount(nwVPN(func(t *state.VPNTunnel) { t.LoggingEnabled = false })), want: sts(stF), msg: "52.0.0.2"},
			{name: "denied", acct: baseAccount(vpnGap), want: sts(stU)},
		},
		"ec2_vpn_client_connection_logging": {
			{name: "logging", acct: baseAccount(nwClientVPN(nil)), want: sts(stP)},
			{name: "no logging", acct: baseAccount(nwClientVPN(func(e *state.ClientVPNEndpoint) { e.ConnectionLogging = false })), want: sts(stF)},
			{name: "deleted ignored", acct: baseAccount(nwClientVPN(func(e *state.ClientVPNEndpoint) { e.ConnectionLogging, e.Status = false, "deleted" })), want: nil},
			{name: "denied", acct: baseAccount(cvpnGap, nwClientVPN(nil)), want: sts(stU, stP)},
		},
		"ec2_vpn_client_strong_auth": {
			{name: "mutual certificates", acct: baseAccount(nwClientVPN(nil)), want: sts(stP)},
			{name: "federated plus directory", acct: baseAccount(nwClientVPN(func(e *state.ClientVPNEndpoint) {
				e.AuthenticationTypes = []string{"directory-service-authentication", "federated-authentication"}
			})), want: sts(stP)},
			{name: "directory only", acct: baseAccount(nwClientVPN(func(e *state.ClientVPNEndpoint) { e.AuthenticationTypes = []string{"directory-service-authentication"} })), want: sts(stF), msg: "directory-service-authentication only"},
			{name: "not collected", acct: baseAccount(nwClientVPN(func(e *state.ClientVPNEndpoint) { e.AuthenticationTypes = nil })), want: sts(stU)},
			{name: "denied", acct: baseAccount(cvpnGap), want: sts(stU)},
		},
		"ec2_vpn_client_authorization_scoped": {
			{name: "group scoped", acct: baseAccount(nwClientVPN(nil)), want: sts(stP)},
			{name: "everyone everywhere", acct: baseAccount(nwClientVPN(func(e *state.ClientVPNEndpoint) {
				e.AuthorizationRules = append(e.AuthorizationRules, state.ClientVPNAuthRule{DestinationCIDR: "0.0.0.0/0", AccessAll: true})
			})), want: sts(stF), msg: "every user for 0.0.0.0/0"},
			{name: "everyone to the vpc only", acct: baseAccount(nwClientVPN(func(e *state.ClientVPNEndpoint) {
				e.AuthorizationRules = []state.ClientVPNAuthRule{{DestinationCIDR: "10.0.0.0/16", AccessAll: true}}
			})), want: sts(stP)},
			{name: "rules not read", acct: baseAccount(nwClientVPN(nil), withGap(state.Gap{Service: "ec2", Region: "eu-west-1", Operation: "DescribeClientVpnAuthorizationRules",
				Resource: "arn:aws:ec2:eu-west-1:" + testAccountID + ":client-vpn-endpoint/cvpn-1", Reason: state.ReasonAccessDenied})), want: sts(stU)},
		},
	}
}
