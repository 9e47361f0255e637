package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// dms adds Alpenglow's Database Migration Service: the Frankfurt orders
// migration (a private Multi-AZ instance taking minor upgrades, a MySQL
// source over verify-full TLS into Aurora, a task logging both sides) and
// the agency's leftover Irish instance from a 2022 MongoDB move: public,
// single-AZ, pinned to its engine version, an unauthenticated MongoDB
// source without TLS, a Redis target in plaintext, a Neptune target
// without IAM authorization, and a task with logging off.
func (x *b) dms() {
	fra, dub := "eu-central-1", "eu-west-1"
	arn := func(region, kind, id string) state.Meta {
		return state.Meta{ARN: x.arn("dms", region, kind+":"+id), Region: region}
	}
	d := &x.a.DMS
	d.ReplicationInstances = append(d.ReplicationInstances,
		state.DMSReplicationInstance{Meta: arn(fra, "rep", "ORDERSMIGRATE4Q7Z"), ID: "orders-migrate", MultiAZ: true, AutoMinorVersionUpgrade: true,
			KMSKeyID: x.arn("kms", fra, "key/5f1a0000-0000-4000-8000-0000000d0d01"), EngineVersion: "3.5.3"},
		state.DMSReplicationInstance{Meta: arn(dub, "rep", "LEGACYMONGO2022X"), ID: "legacy-mongo-move", PubliclyAccessible: true,
			KMSKeyID: x.arn("kms", dub, "alias/aws/dms"), EngineVersion: "3.4.7"},
	)
	d.Endpoints = append(d.Endpoints,
		state.DMSEndpoint{Meta: arn(fra, "endpoint", "ORDERSMYSQLSRC01"), ID: "orders-mysql", Type: "SOURCE", Engine: "mysql", SSLMode: "verify-full"},
		state.DMSEndpoint{Meta: arn(fra, "endpoint", "ORDERSAURORADST1"), ID: "orders-aurora", Type: "TARGET", Engine: "aurora-postgresql", SSLMode: "require"},
		state.DMSEndpoint{Meta: arn(dub, "endpoint", "LEGACYMONGOSRC01"), ID: "legacy-mongo", Type: "SOURCE", Engine: "mongodb", SSLMode: "none", MongoAuthType: "no"},
		state.DMSEndpoint{Meta: arn(dub, "endpoint", "LEGACYREDISDST01"), ID: "legacy-redis", Type: "TARGET", Engine: "redis", SSLMode: "none", RedisSSLProtocol: "plaintext"},
		state.DMSEndpoint{Meta: arn(dub, "endpoint", "LEGACYGRAPHDST01"), ID: "legacy-graph", Type: "TARGET", Engine: "neptune", SSLMode: "none"},
		state.DMSEndpoint{Meta: arn(fra, "endpoint", "ORDERSGRAPHDST01"), ID: "orders-graph", Type: "TARGET", Engine: "neptune", SSLMode: "none", NeptuneIAMAuth: true},
		state.DMSEndpoint{Meta: arn(fra, "endpoint", "ORDERSDOCDBDST01"), ID: "orders-catalog", Type: "TARGET", Engine: "mongodb", SSLMode: "require", MongoAuthType: "password"},
		state.DMSEndpoint{Meta: arn(fra, "endpoint", "ORDERSCACHEDST01"), ID: "orders-cache", Type: "TARGET", Engine: "redis", SSLMode: "none", RedisSSLProtocol: "ssl-encryption"},
	)
	all := map[string]string{"SOURCE_CAPTURE": "LOGGER_SEVERITY_DEFAULT", "SOURCE_UNLOAD": "LOGGER_SEVERITY_DEFAULT",
		"TARGET_APPLY": "LOGGER_SEVERITY_DEFAULT", "TARGET_LOAD": "LOGGER_SEVERITY_DEFAULT"}
	d.Tasks = append(d.Tasks,
		state.DMSTask{Meta: arn(fra, "task", "ORDERSCDCTASK001"), ID: "orders-cdc", SettingsRead: true, LoggingEnabled: true, LogSeverity: all},
		state.DMSTask{Meta: arn(dub, "task", "LEGACYCOPYTASK01"), ID: "legacy-copy", SettingsRead: true},
	)
}
