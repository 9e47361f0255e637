package checks

import (
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// dsRedshift adds a well-configured RA3 cluster "wh" in eu-west-1, edited by mut.
func dsRedshift(mut func(c *state.RedshiftCluster)) func(*state.Account) {
	return func(a *state.Account) {
		c := state.RedshiftCluster{Meta: state.Meta{ARN: "arn:aws:redshift:eu-west-1:" + testAccountID + ":cluster:wh", Region: "eu-west-1"}, ID: "wh", NodeType: "ra3.xlplus",
			Encrypted: true, KMSKeyID: dsKeyARN, EnhancedVPCRouting: true, AllowVersionUpgrade: true, AutomatedSnapshotRetention: 7,
			ParameterGroups: []string{"secure"}, LoggingEnabled: true, MasterUsername: "wh_admin", MultiAZ: true}
		if mut != nil {
			mut(&c)
		}
		a.Redshift.Clusters = append(a.Redshift.Clusters, c)
	}
}

func dsRedshiftPG(name, requireSSL string) func(*state.Account) {
	return func(a *state.Account) {
		pg := state.ParameterGroup{Meta: state.Meta{ARN: "arn:aws:redshift:eu-west-1:" + testAccountID + ":parametergroup:" + name, Region: "eu-west-1"}, Name: name, Family: "redshift-1.0",
			Parameters: map[string]string{}}
		if requireSSL != "" {
			pg.Parameters["require_ssl"] = requireSSL
		}
		a.Redshift.ParameterGroups = append(a.Redshift.ParameterGroups, pg)
	}
}

func redshiftCases() map[string][]checkCase {
	denied := checkCase{name: "clusters denied", acct: baseAccount(dsRedshift(nil), dsGap("redshift", "eu-west-1", "DescribeClusters", "")), want: dsWant(dsU)}
	return map[string][]checkCase{
		"redshift_cluster_encrypted": {
			{name: "on", acct: baseAccount(dsRedshift(nil)), want: dsWant(dsP)},
			{name: "off", acct: baseAccount(dsRedshift(func(c *state.RedshiftCluster) { c.Encrypted = false })), want: dsWant(dsF)},
			denied,
		},
		"redshift_cluster_require_ssl": {
			{name: "true", acct: baseAccount(dsRedshift(nil), dsRedshiftPG("secure", "true")), want: dsWant(dsP)},
			{name: "false", acct: baseAccount(dsRedshift(nil), dsRedshiftPG("secure", "false")), want: dsWant(dsF), msg: "require_ssl=false"},
			{name: "unset", acct: baseAccount(dsRedshift(nil), dsRedshiftPG("secure", "")), want: dsWant(dsF)},
			{name: "group not collected", acct: baseAccount(dsRedshift(nil)), want: dsWant(dsU)},
			{name: "parameters denied", acct: baseAccount(dsRedshift(nil), dsRedshiftPG("secure", "true"),
				dsGap("redshift", "eu-west-1", "DescribeClusterParameters", "arn:aws:redshift:eu-west-1:"+testAccountID+":parametergroup:secure")), want: dsWant(dsU)},
			denied,
		},
		"redshift_cluster_not_public": {
			{name: "private", acct: baseAccount(dsRedshift(nil)), want: dsWant(dsP)},
			{name: "public", acct: baseAccount(dsRedshift(func(c *state.RedshiftCluster) { c.PubliclyAccessible = true })), want: dsWant(dsF)},
			denied,
		},
		"redshift_cluster_enhanced_vpc_routing": {
			{name: "on", acct: baseAccount(dsRedshift(nil)), want: dsWant(dsP)},
			{name: "off", acct: baseAccount(dsRedshift(func(c *state.RedshiftCluster) { c.EnhancedVPCRouting = false })), want: dsWant(dsF)},
			denied,
		},
		"redshift_cluster_snapshot_retention": {
			{name: "7", acct: baseAccount(dsRedshift(nil)), want: dsWant(dsP)},
			{name: "1", acct: baseAccount(dsRedshift(func(c *state.RedshiftCluster) { c.AutomatedSnapshotRetention = 1 })), want: dsWant(dsF)},
			{name: "1, policy accepts 1", acct: baseAccount(dsRedshift(func(c *state.RedshiftCluster) { c.AutomatedSnapshotRetention = 1 })), pol: &policy.Policy{MinBackupRetentionDays: 1}, want: dsWant(dsP)},
			{name: "0", acct: baseAccount(dsRedshift(func(c *state.RedshiftCluster) { c.AutomatedSnapshotRetention = 0 })), want: dsWant(dsF), msg: "turned off"},
			denied,
		},
		"redshift_cluster_audit_logging": {
			{name: "on", acct: baseAccount(dsRedshift(nil)), want: dsWant(dsP)},
			{name: "off", acct: baseAccount(dsRedshift(func(c *state.RedshiftCluster) { c.LoggingEnabled = false })), want: dsWant(dsF)},
			{name: "status denied", acct: baseAccount(dsRedshift(nil), dsGap("redshift", "eu-west-1", "DescribeLoggingStatus", "arn:aws:redshift:eu-west-1:"+testAccountID+":cluster:wh")), want: dsWant(dsU)},
			denied,
		},
		"redshift_cluster_version_upgrade": {
			{name: "on", acct: baseAccount(dsRedshift(nil)), want: dsWant(dsP)},
			{name: "off", acct: baseAccount(dsRedshift(func(c *state.RedshiftCluster) { c.AllowVersionUpgrade = false })), want: dsWant(dsF)},
			denied,
		},
		"redshift_cluster_default_admin_username": {
			{name: "custom", acct: baseAccount(dsRedshift(nil)), want: dsWant(dsP)},
			{name: "awsuser", acct: baseAccount(dsRedshift(func(c *state.RedshiftCluster) { c.MasterUsername = "awsuser" })), want: dsWant(dsF)},
			denied,
		},
		"redshift_cluster_multi_az": {
			{name: "on", acct: baseAccount(dsRedshift(nil)), want: dsWant(dsP)},
			{name: "ra3 single az", acct: baseAccount(dsRedshift(func(c *state.RedshiftCluster) { c.MultiAZ = false })), want: dsWant(dsF)},
			{name: "dc2", acct: baseAccount(dsRedshift(func(c *state.RedshiftCluster) { c.MultiAZ, c.NodeType = false, "dc2.large" })), want: dsWant(dsNA)},
			denied,
		},
	}
}
