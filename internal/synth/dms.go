package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// dms generates region r's DMS replication instances, endpoints and
// tasks, every field the collectors read drawn at random: instances are
// mostly private with minor upgrades, a third Multi-AZ; two endpoints and
// one task per instance, endpoints of common engines with SSL most of the
// time; tasks mostly log.
func (g *gen) dms(r string) {
	d := &g.a.DMS
	for k := count(g.n, "dmsinstance") / len(g.regions); k > 0; k-- {
		id := g.id("dms-")
		d.ReplicationInstances = append(d.ReplicationInstances, state.DMSReplicationInstance{Meta: state.Meta{ARN: g.arn("dms", r, "rep:"+g.uuid()), Region: r},
			ID: id, PubliclyAccessible: g.chance(15), AutoMinorVersionUpgrade: g.chance(70), MultiAZ: g.chance(35),
			KMSKeyID: g.arn("kms", r, "alias/aws/dms"), EngineVersion: g.pick("3.5.3", "3.5.2", "3.4.7")})
		for _, typ := range []string{"SOURCE", "TARGET"} {
			e := state.DMSEndpoint{Meta: state.Meta{ARN: g.arn("dms", r, "endpoint:"+g.uuid()), Region: r}, ID: g.id("ep-"), Type: typ,
				Engine: g.pick("mysql", "postgres", "aurora-postgresql", "oracle", "sqlserver", "s3", "mongodb", "redis", "neptune")}
			e.SSLMode = g.pick("none", "require", "require", "verify-full")
			switch e.Engine {
			case "s3", "neptune":
				e.SSLMode = "none"
				e.NeptuneIAMAuth = e.Engine == "neptune" && g.chance(60)
			case "mongodb":
				e.MongoAuthType = g.pick("password", "password", "password", "no")
			case "redis":
				e.RedisSSLProtocol = g.pick("ssl-encryption", "ssl-encryption", "plaintext")
			}
			d.Endpoints = append(d.Endpoints, e)
		}
		t := state.DMSTask{Meta: state.Meta{ARN: g.arn("dms", r, "task:"+g.uuid()), Region: r}, ID: g.id("task-"), SettingsRead: true, LoggingEnabled: g.chance(70)}
		if t.LoggingEnabled && g.coin() {
			t.LogSeverity = map[string]string{"SOURCE_CAPTURE": g.pick("LOGGER_SEVERITY_DEFAULT", "LOGGER_SEVERITY_WARNING"),
				"TARGET_APPLY": g.pick("LOGGER_SEVERITY_DEFAULT", "LOGGER_SEVERITY_INFO", "LOGGER_SEVERITY_ERROR")}
		}
		d.Tasks = append(d.Tasks, t)
	}
}
