package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// mq generates region r's Amazon MQ brokers (svc-mq): two in three
// ActiveMQ; most private and upgrading minor versions; general logs in
// most, ActiveMQ audit logs in half; storage under the key Amazon MQ owns
// in most (RabbitMQ always), else aws/mq or a customer managed key.
func (g *gen) mq(r string) {
	for k := count(g.n, "mqbroker") / len(g.regions); k > 0; k-- {
		name, id := g.id("mq-"), "b-"+g.uuid()
		b := state.MQBroker{Meta: state.Meta{ARN: g.arn("mq", r, "broker:"+name+":"+id), Region: r}, ID: id, Name: name,
			EngineType: g.pick("ACTIVEMQ", "ACTIVEMQ", "RABBITMQ"), State: "RUNNING", Described: true, AuthenticationStrategy: "SIMPLE",
			DeploymentMode:          g.pick("SINGLE_INSTANCE", "ACTIVE_STANDBY_MULTI_AZ", "CLUSTER_MULTI_AZ"),
			AutoMinorVersionUpgrade: g.chance(75), PubliclyAccessible: g.chance(10), GeneralLogs: g.chance(70), AWSOwnedKey: true}
		if b.ActiveMQ() {
			b.EngineVersion, b.AuditLogs = g.pick("5.17", "5.18"), g.coin()
			if b.DeploymentMode == "CLUSTER_MULTI_AZ" {
				b.DeploymentMode = "ACTIVE_STANDBY_MULTI_AZ"
			}
			if g.chance(30) {
				b.AWSOwnedKey = false
				if g.coin() {
					b.KMSKeyID = g.arn("kms", r, "key/"+g.uuid())
				}
			}
		} else {
			b.EngineVersion = g.pick("3.12", "3.13")
		}
		g.a.MQ.Brokers = append(g.a.MQ.Brokers, b)
	}
}
