package checks

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// rdsMoreChecks are the RDS duties svc-gaps added (FSBP RDS.14, RDS.22,
// RDS.43): Aurora MySQL backtracking, security group event notifications
// and TLS on RDS Proxy connections. RDS.46 (instances in subnets routed to
// an internet gateway) is ec2_subnet_db_no_internet_route, one rule.
func rdsMoreChecks() []check.Check {
	return []check.Check{
		rdsClusterBacktracking(),
		rdsEventSubscriptionSecurityGroup(),
		rdsProxyTLSRequired(),
		docdbClusterTLS(),
	}
}

// backtrackUnsupported says why an Aurora MySQL cluster cannot backtrack,
// "" when it can: Aurora Serverless v1 and members of a global database
// have no backtracking (Aurora User Guide, "Backtracking an Aurora DB
// cluster", limitations).
func backtrackUnsupported(c state.DBCluster) string {
	switch {
	case c.EngineMode == "serverless":
		return "Aurora Serverless v1 has no backtracking"
	case c.GlobalClusterID != "":
		return "members of an Aurora global database cannot backtrack"
	}
	return ""
}

func rdsClusterBacktracking() check.Check {
	return check.Check{
		ID: "rds_cluster_backtracking",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachDBCluster(a, func(c state.DBCluster) check.Result {
				if engineFamily(c.Engine) != "aurora-mysql" {
					return check.NotApplicableR(c, "%s runs %s: backtracking exists for Aurora MySQL only", c.ID, c.Engine)
				}
				if why := backtrackUnsupported(c); why != "" {
					return check.NotApplicableR(c, "%s: %s", c.ID, why)
				}
				if c.BacktrackWindow > 0 {
					return check.PassR(c, "%s can backtrack %d hours", c.ID, c.BacktrackWindow/3600)
				}
				return check.FailR(c, "%s has backtracking off: a bad write can only be undone by a restore to a new cluster", c.ID)
			})
		},
	}
}

// securityGroupEvents are the DB security group event categories FSBP
// RDS.22 requires a subscription for.
var securityGroupEvents = []string{"configuration change", "failure"}

func rdsEventSubscriptionSecurityGroup() check.Check {
	return check.Check{
		ID: "rds_event_subscription_security_group",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var out []check.Result
			for _, r := range a.ScannedRegions() {
				ref := regionRef(a, "rds", r)
				if g, ok := a.Gaps.ForInputs(r, "", state.InputRDSInstances, state.InputRDSClusters); ok {
					out = append(out, check.GapR(ref, g))
					continue
				}
				if !hasDatabase(a, r) {
					continue // no databases in the region: nothing to hear about
				}
				if g, ok := a.Gaps.ForInput(state.InputRDSEventSubscriptions, r, ""); ok {
					out = append(out, check.GapR(ref, g))
					continue
				}
				if subscribed(a.RDS.EventSubscriptions, r, "db-security-group", securityGroupEvents) {
					out = append(out, check.PassR(ref, "an enabled event subscription in %s covers DB security group configuration changes and failures", r))
				} else {
					out = append(out, check.FailR(ref, "no enabled event subscription in %s for db-security-group (configuration change, failure)", r))
				}
			}
			return out
		},
	}
}

// hasDatabase reports whether the region holds an RDS instance or cluster.
func hasDatabase(a *state.Account, region string) bool {
	for _, d := range a.RDS.Instances {
		if d.Region == region {
			return true
		}
	}
	for _, c := range a.RDS.Clusters {
		if c.Region == region {
			return true
		}
	}
	return false
}

func rdsProxyTLSRequired() check.Check {
	return check.Check{
		ID: "rds_proxy_tls_required",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "rds", []state.Input{state.InputRDSProxies}, a.RDS.Proxies, func(x state.DBProxy) check.Result {
				if x.RequireTLS {
					return check.PassR(x, "proxy %s refuses connections without TLS", x.Name)
				}
				return check.FailR(x, "proxy %s accepts plaintext connections from clients", x.Name)
			})
		},
	}
}

// docdbClusterTLS judges DocumentDB.6 through the cluster parameter
// group's tls parameter: DocumentDB enables it by default (every default
// group, and a custom group that does not set it), so only a user-set
// "disabled" fails; enabled, tls1.2+, tls1.3+ and fips-140-3 all refuse
// plaintext.
func docdbClusterTLS() check.Check {
	return check.Check{
		ID: "docdb_cluster_tls_enabled",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var mine []state.DBCluster
			for _, c := range a.RDS.Clusters {
				if state.EngineService(c.Engine) == "docdb" {
					mine = append(mine, c)
				}
			}
			return eachRegional(a, "rds", []state.Input{state.InputRDSClusters}, mine, func(c state.DBCluster) check.Result {
				switch {
				case c.ParameterGroup == "":
					return check.UnknownR(c, "%s has no cluster parameter group in the state", c.ID)
				case strings.HasPrefix(c.ParameterGroup, "default."):
					return check.PassR(c, "%s uses %s, whose tls is enabled", c.ID, c.ParameterGroup)
				}
				if g, ok := paramGroupGap(a, "rds", c.Region, c.ParameterGroup, true); ok {
					return check.GapR(c, g)
				}
				pg := findParamGroup(a.RDS.ParameterGroups, c.Region, c.ParameterGroup, true)
				switch {
				case pg == nil:
					return check.UnknownR(c, "cluster parameter group %s of %s was not collected", c.ParameterGroup, c.ID)
				case pg.Parameters["tls"] == "disabled":
					return check.FailR(c, "%s: cluster parameter group %s sets tls to disabled", c.ID, pg.Name)
				case pg.Parameters["tls"] == "":
					return check.PassR(c, "%s: cluster parameter group %s leaves tls at its default, enabled", c.ID, pg.Name)
				}
				return check.PassR(c, "%s: cluster parameter group %s sets tls to %s", c.ID, pg.Name, pg.Parameters["tls"])
			})
		},
	}
}
