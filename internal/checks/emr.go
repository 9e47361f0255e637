package checks

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// emrChecks are the customer's duties on Amazon EMR: AWS provisions and
// replaces the cluster's instances, but the subnet they run in, whether
// the account blocks clusters with open security groups, and what the
// security configurations encrypt are the customer's settings.
func emrChecks() []check.Check {
	return []check.Check{
		emrClusterMasterNoPublicIP(),
		emrBlockPublicAccessEnabled(),
		emrSecurityConfigurationCheck("emr_security_configuration_encrypted_at_rest", "at rest", func(s state.EMRSecurityConfiguration) bool { return s.AtRest }),
		emrSecurityConfigurationCheck("emr_security_configuration_encrypted_in_transit", "in transit", func(s state.EMRSecurityConfiguration) bool { return s.InTransit }),
	}
}

// emrMasterPublic says whether a primary node's DNS name is a public one
// (ec2-*.amazonaws.com, given only to instances with a public IP); known
// is false for a name of neither EC2 form (or none yet).
func emrMasterPublic(dns string) (public, known bool) {
	switch {
	case strings.HasPrefix(dns, "ec2-") && strings.HasSuffix(dns, ".amazonaws.com"):
		return true, true
	case strings.HasPrefix(dns, "ip-") && strings.HasSuffix(dns, ".internal"):
		return false, true
	}
	return false, false
}

func emrClusterMasterNoPublicIP() check.Check {
	return check.Check{
		ID: "emr_cluster_master_no_public_ip",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "elasticmapreduce", []state.Input{state.InputEMRClusters}, a.EMR.Clusters, func(k state.EMRCluster) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputEMRClusterDetails, k.Region, k.ARN); ok {
					return check.GapR(k, g)
				}
				if !k.Described {
					return check.UnknownR(k, "cluster %s (%s) was not described", k.Name, k.ID)
				}
				public, known := emrMasterPublic(k.MasterPublicDNSName)
				switch {
				case !known && k.MasterPublicDNSName == "":
					return check.UnknownR(k, "cluster %s (%s, %s) reports no primary node DNS name yet", k.Name, k.ID, k.State)
				case !known:
					return check.UnknownR(k, "cluster %s (%s)'s primary node DNS name %s is of no EC2 form", k.Name, k.ID, k.MasterPublicDNSName)
				case public:
					return check.FailR(k, "cluster %s (%s)'s primary node has a public IP address (%s, subnet %s)", k.Name, k.ID, k.MasterPublicDNSName, k.SubnetID)
				}
				return check.PassR(k, "cluster %s (%s)'s primary node has only a private address (%s)", k.Name, k.ID, k.MasterPublicDNSName)
			})
		},
	}
}

func emrBlockPublicAccessEnabled() check.Check {
	return check.Check{
		ID: "emr_block_public_access_enabled",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var out []check.Result
			for _, r := range everyRegion(a, "elasticmapreduce", &out) {
				ref := regionRef(a, "elasticmapreduce", r)
				if g, ok := a.Gaps.ForInput(state.InputEMRBlockPublicAccess, r, ""); ok {
					out = append(out, check.GapR(ref, g))
					continue
				}
				x, ok := a.EMR.BlockPublicAccessIn(r)
				var other []string
				for _, p := range x.PermittedPorts {
					if p != "22" {
						other = append(other, p)
					}
				}
				switch {
				case !ok:
					out = append(out, check.UnknownR(ref, "EMR block public access was not collected in %s", r))
				case !x.Enabled:
					out = append(out, check.FailR(ref, "EMR block public access is off in %s: clusters may start with security groups open to the internet", r))
				case len(other) > 0:
					out = append(out, check.FailR(ref, "EMR block public access in %s permits public rules on port(s) %s, beyond SSH (22)", r, strings.Join(other, ", ")))
				default:
					out = append(out, check.PassR(ref, "EMR block public access is on in %s (permitted: %s)", r, emrPorts(x.PermittedPorts)))
				}
			}
			return out
		},
	}
}

// emrPorts joins permitted port ranges, or says none.
func emrPorts(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, ", ")
}

// emrSecurityConfigurationCheck judges every described security
// configuration by on; one whose document was not read is unknown.
func emrSecurityConfigurationCheck(id, what string, on func(state.EMRSecurityConfiguration) bool) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "elasticmapreduce", []state.Input{state.InputEMRSecurityConfigurations}, a.EMR.SecurityConfigurations, func(s state.EMRSecurityConfiguration) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputEMRSecurityConfigurationDetails, s.Region, s.ARN); ok {
					return check.GapR(s, g)
				}
				if !s.Described {
					return check.UnknownR(s, "security configuration %s was not described", s.Name)
				}
				if on(s) {
					return check.PassR(s, "security configuration %s enables encryption %s", s.Name, what)
				}
				return check.FailR(s, "security configuration %s does not enable encryption %s", s.Name, what)
			})
		},
	}
}
