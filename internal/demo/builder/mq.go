package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// mq adds Alpenglow's Amazon MQ brokers (svc-mq): the Frankfurt shop's
// ActiveMQ order queue (active/standby, private, minor upgrades on, general
// and audit logs, storage under the data-lake key) and its RabbitMQ
// notification cluster (private, general log, the key Amazon MQ owns); the
// marketing agency's ActiveMQ lead intake in N. Virginia, created publicly
// accessible, pinned to its engine version, without logs, under aws/mq.
func (x *b) mq() {
	fra, iad := "eu-central-1", "us-east-1"
	broker := func(region, name, id string, t map[string]string, k state.MQBroker) state.MQBroker {
		k.Meta, k.ID, k.Name, k.State, k.Described = state.Meta{ARN: x.arn("mq", region, "broker:"+name+":"+id), Region: region, Tags: t}, id, name, "RUNNING", true
		k.AuthenticationStrategy = "SIMPLE"
		return k
	}
	x.a.MQ.Brokers = append(x.a.MQ.Brokers,
		broker(fra, "orders-queue", "b-3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f", tags("owner", "shop", "data-classification", "confidential"), state.MQBroker{
			EngineType: "ACTIVEMQ", EngineVersion: "5.18", DeploymentMode: "ACTIVE_STANDBY_MULTI_AZ", AutoMinorVersionUpgrade: true,
			KMSKeyID: x.datalakeKey(fra), GeneralLogs: true, AuditLogs: true}),
		broker(fra, "notifications", "b-4a2d3e5f-6b7c-4d8e-9f0a-1b2c3d4e5f60", tags("owner", "shop"), state.MQBroker{
			EngineType: "RABBITMQ", EngineVersion: "3.13", DeploymentMode: "CLUSTER_MULTI_AZ", AutoMinorVersionUpgrade: true, AWSOwnedKey: true, GeneralLogs: true}),
		broker(iad, "lead-intake", "b-5b3e4f60-7c8d-4e9f-8a0b-2c3d4e5f6071", tags("owner", "marketing", "data-classification", "confidential"), state.MQBroker{
			EngineType: "ACTIVEMQ", EngineVersion: "5.17", DeploymentMode: "SINGLE_INSTANCE", PubliclyAccessible: true}),
	)
}
