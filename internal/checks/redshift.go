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
		ID:          "redshift_cluster_encrypted",
		Title:       "Redshift clusters are encrypted at rest",
		Description: "Encryption covers the cluster's data blocks, system metadata and snapshots.",
		Area:        check.EncryptionAtRest,
		Service:     "redshift",
		Severity:    check.High,
		Remediation: check.Remediation{
			Console:   "Redshift > cluster > Properties > Database configurations > Edit encryption > Use AWS KMS with a customer managed key > Save (the cluster is migrated in place).",
			CLI:       "aws redshift modify-cluster --cluster-identifier <CLUSTER> --encrypted --kms-key-id <KEY_ARN>",
			Terraform: "resource \"aws_redshift_cluster\" \"this\" {\n  encrypted  = true\n  kms_key_id = aws_kms_key.redshift.arn\n}",
		},
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
		ID:          "redshift_cluster_require_ssl",
		Title:       "Redshift clusters refuse unencrypted connections",
		Description: "Unless require_ssl is true in the cluster's parameter group, clients may connect without TLS.",
		Area:        check.EncryptionInTransit,
		Service:     "redshift",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "Redshift > Configurations > Workload management > create a parameter group > set require_ssl to true > cluster > Properties > Edit parameter group > reboot.",
			CLI:       "aws redshift modify-cluster-parameter-group --parameter-group-name <PG> --parameters ParameterName=require_ssl,ParameterValue=true\naws redshift modify-cluster --cluster-identifier <CLUSTER> --cluster-parameter-group-name <PG>\naws redshift reboot-cluster --cluster-identifier <CLUSTER>",
			Terraform: "resource \"aws_redshift_parameter_group\" \"tls\" {\n  family = \"redshift-1.0\"\n  parameter {\n    name  = \"require_ssl\"\n    value = \"true\"\n  }\n}",
		},
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
		ID:          "redshift_cluster_not_public",
		Title:       "Redshift clusters are not publicly accessible",
		Description: "A publicly accessible cluster has a public endpoint; only its security group then separates the warehouse from the internet.",
		Area:        check.AccessSharing,
		Service:     "redshift",
		Severity:    check.Critical,
		Remediation: check.Remediation{
			Console:   "Redshift > cluster > Actions > Modify publicly accessible setting > Disable > Save.",
			CLI:       "aws redshift modify-cluster --cluster-identifier <CLUSTER> --no-publicly-accessible",
			Terraform: "resource \"aws_redshift_cluster\" \"this\" {\n  publicly_accessible = false\n}",
		},
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
		ID:          "redshift_cluster_enhanced_vpc_routing",
		Title:       "Redshift clusters use enhanced VPC routing",
		Description: "With enhanced VPC routing, COPY and UNLOAD traffic goes through the VPC, where security groups, endpoints policies and flow logs apply.",
		Area:        check.Network,
		Service:     "redshift",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "Redshift > cluster > Properties > Network and security settings > Edit > Enhanced VPC routing: Turn on > Save; add an S3 gateway endpoint to the VPC.",
			CLI:       "aws redshift modify-cluster --cluster-identifier <CLUSTER> --enhanced-vpc-routing",
			Terraform: "resource \"aws_redshift_cluster\" \"this\" {\n  enhanced_vpc_routing = true\n}",
		},
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
		ID:          "redshift_cluster_snapshot_retention",
		Title:       "Redshift clusters keep automated snapshots for at least 7 days (policy)",
		Description: "Automated snapshots are the cluster's backups; a retention of 0 turns them off and 1 day leaves no time to notice a problem.",
		Area:        check.Backup,
		Service:     "redshift",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "Redshift > cluster > Maintenance > Backup details > Edit > Automated snapshot retention period: 7 days or more > Save.",
			CLI:       "aws redshift modify-cluster --cluster-identifier <CLUSTER> --automated-snapshot-retention-period 14",
			Terraform: "resource \"aws_redshift_cluster\" \"this\" {\n  automated_snapshot_retention_period = 14\n}",
		},
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
		ID:          "redshift_cluster_audit_logging",
		Title:       "Redshift clusters have audit logging on",
		Description: "Audit logging records connections, user changes and (with enable_user_activity_logging) every query, to S3 or CloudWatch Logs.",
		Area:        check.Logging,
		Service:     "redshift",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "Redshift > cluster > Properties > Database configurations > Edit audit logging > Turn on, destination CloudWatch or S3 > Save.",
			CLI:       "aws redshift enable-logging --cluster-identifier <CLUSTER> --log-destination-type cloudwatch --log-exports connectionlog userlog useractivitylog",
			Terraform: "resource \"aws_redshift_logging\" \"this\" {\n  cluster_identifier   = aws_redshift_cluster.this.id\n  log_destination_type = \"cloudwatch\"\n  log_exports          = [\"connectionlog\", \"userlog\", \"useractivitylog\"]\n}",
		},
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
		ID:          "redshift_cluster_version_upgrade",
		Title:       "Redshift clusters take engine version upgrades automatically",
		Description: "With version upgrades allowed, Redshift applies new engine versions (with their security fixes) in the maintenance window.",
		Area:        check.Patching,
		Service:     "redshift",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "Redshift > cluster > Maintenance > Edit > Allow version upgrade: Yes > Save.",
			CLI:       "aws redshift modify-cluster --cluster-identifier <CLUSTER> --allow-version-upgrade",
			Terraform: "resource \"aws_redshift_cluster\" \"this\" {\n  allow_version_upgrade = true\n}",
		},
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
		ID:          "redshift_cluster_default_admin_username",
		Title:       "Redshift clusters do not use the default admin user name",
		Description: "awsuser is the console's default admin name; with it, an attacker only has to guess the password.",
		Area:        check.Identity,
		Service:     "redshift",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "The admin user name cannot be changed: restore a snapshot to a new cluster with a custom admin user name, or create a new superuser and lock the default one.",
			CLI:       "aws redshift restore-from-cluster-snapshot --cluster-identifier <CLUSTER>-new --snapshot-identifier <SNAP>",
			Terraform: "resource \"aws_redshift_cluster\" \"this\" {\n  master_username = \"alp_<random>\"\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRedshift(a, func(c state.RedshiftCluster) check.Result {
				return adminNameResult(c, c.ID, c.MasterUsername)
			})
		},
	}
}

func redshiftClusterMultiAZ() check.Check {
	return check.Check{
		ID:          "redshift_cluster_multi_az",
		Title:       "Redshift clusters run Multi-AZ",
		Description: "A Multi-AZ RA3 cluster keeps compute in two Availability Zones and stays available if one fails. Rated below FSBP's medium: it guards availability, not who can read or change data.",
		Area:        check.Backup,
		Service:     "redshift",
		Severity:    check.Low,
		Remediation: check.Remediation{
			Console:   "Redshift > cluster (RA3 node type) > Actions > Activate Multi-AZ.",
			CLI:       "aws redshift modify-cluster --cluster-identifier <CLUSTER> --multi-az",
			Terraform: "resource \"aws_redshift_cluster\" \"this\" {\n  node_type = \"ra3.xlplus\"\n  multi_az  = true\n}",
		},
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
