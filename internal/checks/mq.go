package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// mqChecks are the customer's duties on Amazon MQ (svc-mq): AWS runs,
// patches and replaces the broker instances, but whether a broker takes
// connections from the internet, streams its logs to CloudWatch and takes
// new minor engine versions are the broker owner's settings. Key custody
// is judged by kms_data_store_custody, residency by
// mq_broker_in_allowed_region.
func mqChecks() []check.Check {
	return []check.Check{
		mqBrokerCheck("mq_broker_audit_logging_enabled", mqAuditLogging),
		mqBrokerCheck("mq_broker_general_logging_enabled", mqGeneralLogging),
		mqBrokerCheck("mq_broker_auto_minor_version_upgrade", mqAutoMinorUpgrade),
		mqBrokerCheck("mq_broker_not_public", mqNotPublic),
	}
}

// mqBrokerCheck judges every described broker with judge; a description
// that was not read is unknown with its gap, a failed listing makes its
// region unknown.
func mqBrokerCheck(id string, judge func(state.MQBroker) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "mq", []state.Input{state.InputMQBrokers}, a.MQ.Brokers, func(k state.MQBroker) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputMQBrokerDetails, k.Region, k.ARN); ok {
					return check.GapR(k, g)
				}
				if !k.Described {
					return check.UnknownR(k, "broker %s's settings were not reported", k.Name)
				}
				return judge(k)
			})
		},
	}
}

// mqAuditLogging: FSBP MQ.2, an ActiveMQ broker streams its audit log
// (management actions through JMX and the web console) to CloudWatch
// Logs. RabbitMQ brokers have no audit log.
func mqAuditLogging(k state.MQBroker) check.Result {
	switch {
	case !k.ActiveMQ():
		return check.NotApplicableR(k, "broker %s runs %s, which has no audit log", k.Name, k.EngineType)
	case k.AuditLogs:
		return check.PassR(k, "broker %s streams its audit log to CloudWatch Logs", k.Name)
	}
	return check.FailR(k, "broker %s does not stream its audit log to CloudWatch Logs", k.Name)
}

// mqGeneralLogging: the broker streams its general log (connections,
// errors, configuration) to CloudWatch Logs, either engine.
func mqGeneralLogging(k state.MQBroker) check.Result {
	if k.GeneralLogs {
		return check.PassR(k, "broker %s streams its general log to CloudWatch Logs", k.Name)
	}
	return check.FailR(k, "broker %s does not stream its general log to CloudWatch Logs", k.Name)
}

// mqAutoMinorUpgrade: FSBP MQ.3, Amazon MQ applies new minor engine
// versions in the maintenance window.
func mqAutoMinorUpgrade(k state.MQBroker) check.Result {
	if k.AutoMinorVersionUpgrade {
		return check.PassR(k, "broker %s upgrades to new minor engine versions automatically", k.Name)
	}
	return check.FailR(k, "broker %s stays on %s %s until upgraded by hand", k.Name, k.EngineType, orUnreported(k.EngineVersion))
}

// mqNotPublic: the broker takes connections only from its VPC
// (MQBroker.Public, the rule the data map shows).
func mqNotPublic(k state.MQBroker) check.Result {
	if k.Public() {
		return check.FailR(k, "broker %s is publicly accessible: its endpoints take connections from the internet", k.Name)
	}
	return check.PassR(k, "broker %s is reachable only inside its VPC", k.Name)
}

// orUnreported is s, or "(version not reported)" when empty.
func orUnreported(s string) string {
	if s == "" {
		return "(version not reported)"
	}
	return s
}
