package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const dsMQARN = "arn:aws:mq:eu-west-1:" + testAccountID + ":broker:orders:b-1111"

// dsMQ adds ActiveMQ broker "orders" in eu-west-1, described: private,
// upgrading minor versions, streaming general and audit logs, under a
// customer managed key; edited by mut.
func dsMQ(mut func(k *state.MQBroker)) func(*state.Account) {
	return func(a *state.Account) {
		k := state.MQBroker{Meta: state.Meta{ARN: dsMQARN, Region: "eu-west-1"}, ID: "b-1111", Name: "orders", EngineType: "ACTIVEMQ",
			DeploymentMode: "ACTIVE_STANDBY_MULTI_AZ", State: "RUNNING", Described: true, EngineVersion: "5.18", AutoMinorVersionUpgrade: true,
			KMSKeyID: dsKeyARN, GeneralLogs: true, AuditLogs: true, AuthenticationStrategy: "SIMPLE"}
		if mut != nil {
			mut(&k)
		}
		a.MQ.Brokers = append(a.MQ.Brokers, k)
	}
}

// rabbit turns the broker into a RabbitMQ broker (no audit log).
func rabbit(k *state.MQBroker) { k.EngineType, k.AuditLogs = "RABBITMQ", false }

func mqCases() map[string][]checkCase {
	c := func(name string, m func(*state.MQBroker), want check.Status, msg string) checkCase {
		return checkCase{name: name, acct: baseAccount(dsMQ(m)), want: dsWant(want), msg: msg}
	}
	undescribed := func(k *state.MQBroker) {
		*k = state.MQBroker{Meta: k.Meta, ID: k.ID, Name: k.Name, EngineType: k.EngineType, DeploymentMode: k.DeploymentMode, State: k.State}
	}
	common := []checkCase{
		c("not described", undescribed, dsU, "not reported"),
		{name: "description denied", acct: baseAccount(dsMQ(undescribed), dsGap("mq", "eu-west-1", "DescribeBroker", dsMQARN)), want: dsWant(dsU), msg: "DescribeBroker"},
		{name: "listing denied", acct: baseAccount(dsMQ(nil), dsGap("mq", "eu-west-1", "ListBrokers", "")), want: dsWant(dsU)},
		{name: "listing denied elsewhere", acct: baseAccount(dsMQ(nil), dsGap("mq", "us-east-1", "ListBrokers", "")), want: dsWant(dsU, dsP)},
	}
	return map[string][]checkCase{
		"mq_broker_audit_logging_enabled": append([]checkCase{
			c("audit log", nil, dsP, "audit log"),
			c("no audit log", func(k *state.MQBroker) { k.AuditLogs = false }, dsF, "does not stream its audit log"),
			c("general only", func(k *state.MQBroker) { k.AuditLogs = false; k.GeneralLogs = true }, dsF, "audit log"),
			c("rabbitmq", rabbit, dsNA, "RABBITMQ"),
		}, common...),
		"mq_broker_general_logging_enabled": append([]checkCase{
			c("general log", nil, dsP, "general log"),
			c("audit only", func(k *state.MQBroker) { k.GeneralLogs = false }, dsF, "does not stream its general log"),
			c("rabbitmq with general log", rabbit, dsP, "general log"),
			c("rabbitmq without", func(k *state.MQBroker) { rabbit(k); k.GeneralLogs = false }, dsF, "general log"),
		}, common...),
		"mq_broker_auto_minor_version_upgrade": append([]checkCase{
			c("on", nil, dsP, "automatically"),
			c("off", func(k *state.MQBroker) { k.AutoMinorVersionUpgrade = false }, dsF, "ACTIVEMQ 5.18"),
			c("off, rabbitmq", func(k *state.MQBroker) { rabbit(k); k.AutoMinorVersionUpgrade = false }, dsF, "RABBITMQ"),
		}, common...),
		"mq_broker_not_public": append([]checkCase{
			c("private", nil, dsP, "inside its VPC"),
			c("public", func(k *state.MQBroker) { k.PubliclyAccessible = true }, dsF, "publicly accessible"),
			c("public rabbitmq", func(k *state.MQBroker) { rabbit(k); k.PubliclyAccessible = true }, dsF, "internet"),
		}, common...),
		// A broker's tags come with DescribeBroker: denied, its
		// classification, so its custody requirement, is unknown, not
		// "untagged" (TestAccessDeniedMakesOnlyItsChecksUnknown caught the
		// not_applicable).
		"kms_data_store_custody": {
			{name: "broker description denied", acct: baseAccount(dsKey(nil), dsMQ(undescribed), dsGap("mq", "eu-west-1", "DescribeBroker", dsMQARN)),
				want: dsWant(dsU), msg: "DescribeBroker"},
			{name: "broker confidential under aws/mq", acct: baseAccount(dsKey(nil), dsMQ(func(k *state.MQBroker) {
				k.KMSKeyID, k.Tags = "", map[string]string{"data-classification": "confidential"}
			})), want: dsWant(dsF), msg: "aws_managed"},
		},
		"mq_broker_in_allowed_region": storeCases("mq", "ListBrokers", func(r string) func(*state.Account) {
			return func(a *state.Account) {
				a.MQ.Brokers = append(a.MQ.Brokers, state.MQBroker{Meta: nwMetaIn(r, "mq", "broker:b1:b-1"), ID: "b-1", Name: "b1", EngineType: "ACTIVEMQ"})
			}
		}),
	}
}
