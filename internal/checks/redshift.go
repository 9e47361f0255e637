package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// redshiftChecks are the customer's duties on provisioned Redshift clusters.
func redshiftChecks() []check.Check {
	return []check.Check{
		redshiftClusterEncrypted(),
		redshiftClusterRequireSSL(),
		redshiftClusterNotPublic(),
		redshiftClusterEnhancedVPCRouting(),
		redshiftClusterSnapshotRetention(),
		redshiftClusterAuditLogging(),
		redshiftClusterVersionUpgrade(),
		redshiftClusterDefaultAdminUsername(),
		redshiftClusterMultiAZ(),
	}
}

func eachRedshift(a *state.Account, judge func(c state.RedshiftCluster) check.Result) []check.Result {
	return eachRegional(a, "redshift", []state.Input{state.InputRedshiftClusters}, a.Redshift.Clusters, judge)
}

func redshiftClusterEncrypted() check.Check {
	return check.Check{
		ID: "redshift_cluster_encrypted",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRedshift(a, func(c state.RedshiftCluster) check.Result {
				if c.Encrypted {
					return check.PassR(c, "%s is encrypted with %s", c.ID, orDefault(c.KMSKeyID, "the AWS managed key aws/redshift"))
				}
				return check.FailR(c, "%s is not encrypted", c.ID)
			})
		},
	}
}

func redshiftClusterRequireSSL() check.Check {
	return check.Check{
		ID: "redshift_cluster_require_ssl",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRedshift(a, func(c state.RedshiftCluster) check.Result {
				if len(c.ParameterGroups) == 0 {
					return check.UnknownR(c, "%s: parameter group was not reported", c.ID)
				}
				name := c.ParameterGroups[0]
				if g, ok := paramGroupGap(a, "redshift", c.Region, name, false); ok {
					return check.GapR(c, g)
				}
				pg := findParamGroup(a.Redshift.ParameterGroups, c.Region, name, false)
				if pg == nil {
					// The default group's require_ssl changed for new clusters in
					// 2025; without the group's values the answer is not known.
					return check.UnknownR(c, "parameter group %s of %s was not collected", name, c.ID)
				}
				switch v := pg.Parameters["require_ssl"]; v {
				case "true", "TRUE", "True":
					return check.PassR(c, "%s: require_ssl=true in %s", c.ID, name)
				case "":
					return check.FailR(c, "%s: require_ssl is not set in %s, unencrypted connections are accepted", c.ID, name)
				default:
					return check.FailR(c, "%s: require_ssl=%s in %s, unencrypted connections are accepted", c.ID, v, name)
				}
			})
		},
	}
}

func redshiftClusterNotPublic() check.Check {
	return check.Check{
		ID: "redshift_cluster_not_public",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRedshift(a, func(c state.RedshiftCluster) check.Result {
				if c.PubliclyAccessible {
					return check.FailR(c, "%s is publicly accessible", c.ID)
				}
				return check.PassR(c, "%s is private", c.ID)
			})
		},
	}
}

func redshiftClusterEnhancedVPCRouting() check.Check {
	return check.Check{
		ID: "redshift_cluster_enhanced_vpc_routing",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRedshift(a, func(c state.RedshiftCluster) check.Result {
				if c.EnhancedVPCRouting {
					return check.PassR(c, "%s uses enhanced VPC routing", c.ID)
				}
				return check.FailR(c, "%s sends COPY/UNLOAD traffic outside the VPC", c.ID)
			})
		},
	}
}

func redshiftClusterSnapshotRetention() check.Check {
	return check.Check{
		ID: "redshift_cluster_snapshot_retention",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			minDays := p.BackupRetentionDays()
			return eachRedshift(a, func(c state.RedshiftCluster) check.Result {
				switch {
				case c.AutomatedSnapshotRetention == 0:
					return check.FailR(c, "%s has automated snapshots turned off", c.ID)
				case c.AutomatedSnapshotRetention < minDays:
					return check.FailR(c, "%s keeps automated snapshots for %d day(s), less than %d", c.ID, c.AutomatedSnapshotRetention, minDays)
				default:
					return check.PassR(c, "%s keeps automated snapshots for %d days", c.ID, c.AutomatedSnapshotRetention)
				}
			})
		},
	}
}

func redshiftClusterAuditLogging() check.Check {
	return check.Check{
		ID: "redshift_cluster_audit_logging",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRedshift(a, func(c state.RedshiftCluster) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputRedshiftLogging, c.Region, c.ARN); ok {
					return check.GapR(c, g)
				}
				if c.LoggingEnabled {
					return check.PassR(c, "%s has audit logging on", c.ID)
				}
				return check.FailR(c, "%s has audit logging off", c.ID)
			})
		},
	}
}

func redshiftClusterVersionUpgrade() check.Check {
	return check.Check{
		ID: "redshift_cluster_version_upgrade",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRedshift(a, func(c state.RedshiftCluster) check.Result {
				if c.AllowVersionUpgrade {
					return check.PassR(c, "%s takes version upgrades", c.ID)
				}
				return check.FailR(c, "%s does not take version upgrades", c.ID)
			})
		},
	}
}

func redshiftClusterDefaultAdminUsername() check.Check {
	return check.Check{
		ID: "redshift_cluster_default_admin_username",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRedshift(a, func(c state.RedshiftCluster) check.Result {
				return adminNameResult(c, c.ID, c.MasterUsername)
			})
		},
	}
}

func redshiftClusterMultiAZ() check.Check {
	return check.Check{
		ID: "redshift_cluster_multi_az",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRedshift(a, func(c state.RedshiftCluster) check.Result {
				switch {
				case c.MultiAZ:
					return check.PassR(c, "%s is Multi-AZ", c.ID)
				case c.NodeType != "" && len(c.NodeType) >= 3 && c.NodeType[:3] != "ra3":
					return check.NotApplicableR(c, "%s runs %s nodes; Multi-AZ needs RA3", c.ID, c.NodeType)
				default:
					return check.FailR(c, "%s runs in a single Availability Zone", c.ID)
				}
			})
		},
	}
}
