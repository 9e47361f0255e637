package checks

import "github.com/shoulder-dev/shoulder/internal/state"

// svc-gaps: RDS.14 backtracking, RDS.22 security group events, RDS.43 proxies.

func dsProxy(mut func(x *state.DBProxy)) func(*state.Account) {
	return func(a *state.Account) {
		x := state.DBProxy{Meta: state.Meta{ARN: dsRDSARN("db-proxy", "prx-1"), Region: "eu-west-1"}, Name: "app", EngineFamily: "POSTGRESQL", RequireTLS: true}
		if mut != nil {
			mut(&x)
		}
		a.RDS.Proxies = append(a.RDS.Proxies, x)
	}
}

func auroraMySQL(c *state.DBCluster) {
	c.Engine, c.EngineVersion, c.BacktrackWindow = "aurora-mysql", "8.0.mysql_aurora.3.05.2", 86400
}

func docdbPG(c *state.DBCluster) { c.ParameterGroup = "docs-pg" }

func rdsMoreCases() map[string][]checkCase {
	sub := func(subs ...state.EventSubscription) func(*state.Account) {
		return func(a *state.Account) { a.RDS.EventSubscriptions = subs }
	}
	es := func(sourceType string, enabled bool, cats ...string) state.EventSubscription {
		return state.EventSubscription{Meta: state.Meta{Region: "eu-west-1"}, Name: "s", SourceType: sourceType, Categories: cats, Enabled: enabled}
	}
	return map[string][]checkCase{
		"rds_cluster_backtracking": {
			{name: "24 hours", acct: baseAccount(dsCluster(auroraMySQL)), want: dsWant(dsP), msg: "24 hours"},
			{name: "off", acct: baseAccount(dsCluster(func(c *state.DBCluster) { auroraMySQL(c); c.BacktrackWindow = 0 })), want: dsWant(dsF)},
			{name: "aurora mysql 5.6 engine name", acct: baseAccount(dsCluster(func(c *state.DBCluster) { c.Engine = "aurora" })), want: dsWant(dsF)},
			{name: "postgres", acct: baseAccount(dsCluster(nil)), want: dsWant(dsNA), msg: "Aurora MySQL only"},
			{name: "serverless v1", acct: baseAccount(dsCluster(func(c *state.DBCluster) { auroraMySQL(c); c.BacktrackWindow, c.EngineMode = 0, "serverless" })), want: dsWant(dsNA)},
			{name: "global member", acct: baseAccount(dsCluster(func(c *state.DBCluster) { auroraMySQL(c); c.BacktrackWindow, c.GlobalClusterID = 0, "g1" })), want: dsWant(dsNA)},
			{name: "clusters denied", acct: baseAccount(dsCluster(auroraMySQL), dsGap("rds", "eu-west-1", "DescribeDBClusters", "")), want: dsWant(dsU)},
		},
		"rds_event_subscription_security_group": {
			{name: "security group events", acct: baseAccount(dsDB(nil), sub(es("db-security-group", true, "configuration change", "failure"))), want: dsWant(dsP)},
			{name: "every source and category", acct: baseAccount(dsCluster(nil), sub(es("", true))), want: dsWant(dsP)},
			{name: "failure only", acct: baseAccount(dsDB(nil), sub(es("db-security-group", true, "failure"))), want: dsWant(dsF), msg: "db-security-group"},
			{name: "instance events only", acct: baseAccount(dsDB(nil), sub(es("db-instance", true))), want: dsWant(dsF)},
			{name: "disabled", acct: baseAccount(dsDB(nil), sub(es("db-security-group", false))), want: dsWant(dsF)},
			{name: "no databases", acct: baseAccount(), want: nil},
			{name: "subscriptions denied", acct: baseAccount(dsDB(nil), dsGap("rds", "eu-west-1", "DescribeEventSubscriptions", "")), want: dsWant(dsU)},
			{name: "clusters denied", acct: baseAccount(dsGap("rds", "us-east-1", "DescribeDBClusters", "")), want: dsWant(dsU)},
		},
		"docdb_cluster_tls_enabled": {
			{name: "default group", acct: baseAccount(dsEngineCluster("docdb", func(c *state.DBCluster) { c.ParameterGroup = "default.docdb5.0" })), want: dsWant(dsP)},
			{name: "custom group, tls left at default", acct: baseAccount(dsEngineCluster("docdb", docdbPG), dsParamGroup("docs-pg", true, map[string]string{"audit_logs": "enabled"})), want: dsWant(dsP), msg: "default"},
			{name: "custom group, tls1.2+", acct: baseAccount(dsEngineCluster("docdb", docdbPG), dsParamGroup("docs-pg", true, map[string]string{"tls": "tls1.2+"})), want: dsWant(dsP), msg: "tls1.2+"},
			{name: "tls disabled", acct: baseAccount(dsEngineCluster("docdb", docdbPG), dsParamGroup("docs-pg", true, map[string]string{"tls": "disabled"})), want: dsWant(dsF), msg: "disabled"},
			{name: "group not collected", acct: baseAccount(dsEngineCluster("docdb", docdbPG)), want: dsWant(dsU)},
			{name: "parameters denied", acct: baseAccount(dsEngineCluster("docdb", docdbPG), dsParamGroup("docs-pg", true, nil),
				dsGap("rds", "eu-west-1", "DescribeDBClusterParameters", dsRDSARN("cluster-pg", "docs-pg"))), want: dsWant(dsU)},
			{name: "neptune is not judged", acct: baseAccount(dsEngineCluster("neptune", docdbPG)), want: nil},
			{name: "clusters denied", acct: baseAccount(dsEngineCluster("docdb", docdbPG), dsGap("rds", "eu-west-1", "DescribeDBClusters", "")), want: dsWant(dsU)},
		},
		"rds_proxy_tls_required": {
			{name: "required", acct: baseAccount(dsProxy(nil)), want: dsWant(dsP)},
			{name: "optional", acct: baseAccount(dsProxy(func(x *state.DBProxy) { x.RequireTLS = false })), want: dsWant(dsF), msg: "plaintext"},
			{name: "listing denied", acct: baseAccount(dsProxy(nil), dsGap("rds", "eu-west-1", "DescribeDBProxies", "")), want: dsWant(dsU)},
		},
	}
}
