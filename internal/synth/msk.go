package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// msk generates region r's MSK clusters and MSK Connect connectors (svc-msk),
// every field the collector reads drawn at random: a fifth of the clusters
// serverless; provisioned ones mostly TLS among brokers and to clients,
// rarely public, mostly authenticated (IAM, then SCRAM), a third under a
// customer managed key; connectors mostly TLS with IAM, most logging.
func (g *gen) msk(r string) {
	m := &g.a.MSK
	for k := count(g.n, "mskcluster") / len(g.regions); k > 0; k-- {
		name := g.id("kafka-")
		c := state.MSKCluster{Meta: state.Meta{ARN: g.arn("kafka", r, "cluster/"+name+"/"+g.uuid()), Region: r}, Name: name, State: "ACTIVE", Type: "PROVISIONED"}
		if g.chance(20) {
			c.Type = "SERVERLESS"
			m.Clusters = append(m.Clusters, c)
			continue
		}
		c.KafkaVersion = g.pick("3.6.0", "3.5.1", "3.7.x", "2.8.1")
		c.EncryptionReported, c.InClusterTLS = true, g.chance(95)
		c.ClientBroker = g.pick("TLS", "TLS", "TLS", "TLS_PLAINTEXT", "PLAINTEXT")
		c.PublicAccess = "DISABLED"
		if g.chance(5) {
			c.PublicAccess = "SERVICE_PROVIDED_EIPS"
		}
		switch g.pick("iam", "iam", "scram", "tls", "none") {
		case "iam":
			c.IAMAuth = true
		case "scram":
			c.SCRAMAuth = true
		case "tls":
			c.TLSAuth = true
		}
		c.Unauthenticated = !c.IAMAuth && !c.SCRAMAuth && !c.TLSAuth || g.chance(10)
		if g.chance(33) {
			c.KMSKeyID = g.arn("kms", r, "key/"+g.uuid())
		}
		m.Clusters = append(m.Clusters, c)
	}
	for k := count(g.n, "mskconnector") / len(g.regions); k > 0; k-- {
		name := g.id("connector-")
		c := state.MSKConnector{Meta: state.Meta{ARN: g.arn("kafkaconnect", r, "connector/"+name+"/"+g.uuid()), Region: r}, Name: name, State: "RUNNING",
			EncryptionInTransit: g.pick("TLS", "TLS", "TLS", "PLAINTEXT"), Authentication: g.pick("IAM", "IAM", "NONE")}
		if g.chance(70) {
			c.LogDestinations = []string{g.pick("cloudwatch-logs", "cloudwatch-logs", "s3", "firehose")}
		}
		m.Connectors = append(m.Connectors, c)
	}
}

// stepFunctions generates region r's Step Functions state machines
// (svc-msk): a fifth Express, two thirds logging at ERROR or ALL, the rest
// FATAL or off; a fifth under a customer managed key.
func (g *gen) stepFunctions(r string) {
	for k := count(g.n, "statemachine") / len(g.regions); k > 0; k-- {
		name := g.id("flow-")
		m := state.StateMachine{Meta: state.Meta{ARN: g.arn("states", r, "stateMachine:"+name), Region: r}, Name: name, Type: "STANDARD", Described: true,
			LogLevel: g.pick("ERROR", "ERROR", "ALL", "ALL", "OFF", "FATAL"), EncryptionType: "AWS_OWNED_KEY"}
		if g.chance(20) {
			m.Type = "EXPRESS"
		}
		if m.LogLevel != "OFF" {
			m.LogGroups = []string{g.arn("logs", r, "log-group:/aws/vendedlogs/states/"+name+":*")}
			m.IncludeExecutionData = g.chance(30)
		}
		m.Tracing = g.chance(25)
		if g.chance(20) {
			m.EncryptionType, m.KMSKeyID = "CUSTOMER_MANAGED_KMS_KEY", g.arn("kms", r, "key/"+g.uuid())
		}
		g.a.StepFunctions.StateMachines = append(g.a.StepFunctions.StateMachines, m)
	}
}

// redshiftServerless generates region r's Redshift Serverless namespaces,
// each with one workgroup (svc-msk): workgroups mostly private with SSL
// required, half with enhanced VPC routing; namespaces mostly with their
// own admin name, a third under a customer managed key, most exporting
// connection and user logs.
func (g *gen) redshiftServerless(r string) {
	rs := &g.a.RedshiftServerless
	for k := count(g.n, "rssnamespace") / len(g.regions); k > 0; k-- {
		name := g.id("wh-")
		n := state.ServerlessNamespace{Meta: state.Meta{ARN: g.arn("redshift-serverless", r, "namespace/"+g.uuid()), Region: r}, Name: name,
			Status: "AVAILABLE", AdminUsername: g.pick("admin", "dba", "owner_"+name, "etl_admin"), KMSKeyID: "AWS_OWNED_KMS_KEY"}
		if g.chance(33) {
			n.KMSKeyID = g.arn("kms", r, "key/"+g.uuid())
		}
		switch g.pick("all", "all", "both", "user", "none") {
		case "all":
			n.LogExports = []string{"connectionlog", "userlog", "useractivitylog"}
		case "both":
			n.LogExports = []string{"connectionlog", "userlog"}
		case "user":
			n.LogExports = []string{"userlog"}
		}
		rs.Namespaces = append(rs.Namespaces, n)
		rs.Workgroups = append(rs.Workgroups, state.ServerlessWorkgroup{Meta: state.Meta{ARN: g.arn("redshift-serverless", r, "workgroup/"+g.uuid()), Region: r},
			Name: name, Namespace: name, Status: "AVAILABLE", EnhancedVPCRouting: g.coin(), PubliclyAccessible: g.chance(10),
			Parameters: map[string]string{"require_ssl": g.pick("true", "true", "true", "false"), "enable_user_activity_logging": g.pick("true", "false")}})
	}
}
