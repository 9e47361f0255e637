package awsfake

import (
	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- Amazon MQ (restJson1, signing name mq; the SDK client has no schema
// serializers, so bodies are built by hand with the member names its
// deserializers read) ---- svc-mq

func (s *Server) mqService() *service {
	return &service{name: "mq", proto: protoRestJSON,
		routes: []route{
			rt("GET", "/v1/brokers", "ListBrokers"),
			rt("GET", "/v1/brokers/{BrokerId}", "DescribeBroker"),
			rt("POST", "/v1/brokers", "CreateBroker"),
			rt("PUT", "/v1/brokers/{BrokerId}", "UpdateBroker"),
			rt("DELETE", "/v1/brokers/{BrokerId}", "DeleteBroker"),
		},
		ops: map[string]handler{"ListBrokers": mqListBrokers, "DescribeBroker": mqDescribeBroker}}
}

// mqListBrokers pages with maxResults (1..100, default 20) and nextToken.
func mqListBrokers(c *call) (*reply, error) {
	bs := c.s.idx.mqBrokers[c.region]
	start, end, next, err := c.pageOfLower(len(bs), 20, 100)
	if err != nil {
		return nil, err
	}
	sums := make([]map[string]any, 0, end-start)
	for _, k := range bs[start:end] {
		sums = append(sums, map[string]any{"brokerArn": k.ARN, "brokerId": k.ID, "brokerName": k.Name,
			"brokerState": orDefault(k.State, "RUNNING"), "created": "2026-01-01T00:00:00Z", "deploymentMode": orDefault(k.DeploymentMode, "SINGLE_INSTANCE"),
			"engineType": k.EngineType, "hostInstanceType": "mq.m5.large"})
	}
	out := map[string]any{"brokerSummaries": sums}
	if next != "" {
		out["nextToken"] = next
	}
	return c.rawJSON(out)
}

// mqDescribeBroker finds the broker by the BrokerId in its path.
func mqDescribeBroker(c *call) (*reply, error) {
	id := c.str("BrokerId")
	for _, k := range c.s.idx.mqBrokers[c.region] {
		if k.ID == id {
			return c.rawJSON(mqBroker(k))
		}
	}
	return nil, errf(404, "NotFoundException", "Can't find requested broker [%s].", id)
}

// mqBroker is what DescribeBroker answers for k.
func mqBroker(k *state.MQBroker) map[string]any {
	enc := map[string]any{"useAwsOwnedKey": k.AWSOwnedKey}
	if !k.AWSOwnedKey && k.KMSKeyID != "" {
		enc["kmsKeyId"] = k.KMSKeyID
	}
	logs := map[string]any{"general": k.GeneralLogs}
	if k.GeneralLogs {
		logs["generalLogGroup"] = "/aws/amazonmq/broker/" + k.ID + "/general"
	}
	if k.ActiveMQ() {
		logs["audit"] = k.AuditLogs
		if k.AuditLogs {
			logs["auditLogGroup"] = "/aws/amazonmq/broker/" + k.ID + "/audit"
		}
	}
	x := map[string]any{"brokerArn": k.ARN, "brokerId": k.ID, "brokerName": k.Name, "brokerState": orDefault(k.State, "RUNNING"),
		"created": "2026-01-01T00:00:00Z", "deploymentMode": orDefault(k.DeploymentMode, "SINGLE_INSTANCE"), "engineType": k.EngineType,
		"engineVersion": k.EngineVersion, "hostInstanceType": "mq.m5.large", "autoMinorVersionUpgrade": k.AutoMinorVersionUpgrade,
		"publiclyAccessible": k.PubliclyAccessible, "authenticationStrategy": orDefault(k.AuthenticationStrategy, "SIMPLE"),
		"encryptionOptions": enc, "logs": logs, "subnetIds": []string{"subnet-0a1b2c3d"}, "securityGroups": []string{"sg-0a1b2c3d"},
		"storageType": "EBS", "users": []map[string]any{}}
	if len(k.Tags) > 0 {
		x["tags"] = k.Tags
	}
	return x
}

// expressibleMQ is what collecting the fake's Amazon MQ answers gives back
// for c's brokers: the defaults the fake fills in, a key ID only where the
// broker does not use the key Amazon MQ owns, audit logs for ActiveMQ only,
// and nothing DescribeBroker tells where that call is refused.
func expressibleMQ(c *state.Account) {
	for i := range c.MQ.Brokers {
		k := &c.MQ.Brokers[i]
		k.State, k.DeploymentMode = orDefault(k.State, "RUNNING"), orDefault(k.DeploymentMode, "SINGLE_INSTANCE")
		if _, unread := c.Gaps.Find("mq", k.Region, "DescribeBroker", k.ARN); unread {
			*k = state.MQBroker{Meta: state.Meta{ARN: k.ARN, Region: k.Region}, ID: k.ID, Name: k.Name, EngineType: k.EngineType,
				DeploymentMode: k.DeploymentMode, State: k.State}
			continue
		}
		k.Described = true
		k.AuthenticationStrategy = orDefault(k.AuthenticationStrategy, "SIMPLE")
		if k.AWSOwnedKey {
			k.KMSKeyID = ""
		}
		if !k.ActiveMQ() {
			k.AuditLogs = false
		}
		if len(k.Tags) == 0 {
			k.Tags = nil
		}
	}
}
