package aws

import (
	"context"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/mq"
	mqtypes "github.com/aws/aws-sdk-go-v2/service/mq/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// buildMQ creates ActiveMQ broker "orders" in the region: when secure
// private, with automatic minor version upgrades, general and audit logs
// and a customer managed key; otherwise public, without upgrades or logs,
// under the key Amazon MQ owns. Every region also gets RabbitMQ broker
// "events" with general logs only.
func buildMQ(ctx context.Context, cfg sdk.Config, r string, secure bool) {
	c := mq.NewFromConfig(cfg)
	users := []mqtypes.User{{Username: sdk.String("app"), Password: sdk.String("correct-horse-battery")}}
	in := &mq.CreateBrokerInput{BrokerName: sdk.String("orders"), EngineType: mqtypes.EngineTypeActivemq, EngineVersion: sdk.String("5.18"),
		HostInstanceType: sdk.String("mq.m5.large"), DeploymentMode: mqtypes.DeploymentModeSingleInstance, Users: users,
		AutoMinorVersionUpgrade: sdk.Bool(secure), PubliclyAccessible: sdk.Bool(!secure), Tags: map[string]string{"owner": "orders"},
		Logs: &mqtypes.Logs{General: sdk.Bool(secure), Audit: sdk.Bool(secure)}}
	if secure {
		in.EncryptionOptions = &mqtypes.EncryptionOptions{UseAwsOwnedKey: sdk.Bool(false), KmsKeyId: sdk.String("arn:aws:kms:" + r + ":" + motoAccount + ":key/orders")}
	}
	must(c.CreateBroker(ctx, in))
	must(c.CreateBroker(ctx, &mq.CreateBrokerInput{BrokerName: sdk.String("events"), EngineType: mqtypes.EngineTypeRabbitmq, EngineVersion: sdk.String("3.13"),
		HostInstanceType: sdk.String("mq.m5.large"), DeploymentMode: mqtypes.DeploymentModeClusterMultiAz, Users: users,
		AutoMinorVersionUpgrade: sdk.Bool(true), PubliclyAccessible: sdk.Bool(false), Logs: &mqtypes.Logs{General: sdk.Bool(true)}}))
}

// TestMotoMQ: the listing and each broker's description are read back with
// what the checks and the data map judge, for both engines, in every
// region.
func TestMotoMQ(t *testing.T) {
	_, res := collected(t)
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			k := find(t, "broker", res.Account.MQ.Brokers, func(x state.MQBroker) string { return x.Region + "/" + x.Name }, r+"/orders")
			eq(t, "described", k.Described, true)
			eq(t, "engine", k.EngineType, "ACTIVEMQ")
			eq(t, "version", k.EngineVersion, "5.18")
			eq(t, "deployment", k.DeploymentMode, "SINGLE_INSTANCE")
			eq(t, "owner tag", k.Tags["owner"], "orders")
			eq(t, "auto minor upgrade", k.AutoMinorVersionUpgrade, secure)
			eq(t, "public", k.Public(), !secure)
			eq(t, "general logs", k.GeneralLogs, secure)
			eq(t, "audit logs", k.AuditLogs, secure)
			eq(t, "AWS owned key", k.AWSOwnedKey, !secure)
			eq(t, "key", k.KMSKeyID, map[bool]string{true: "arn:aws:kms:" + r + ":" + motoAccount + ":key/orders", false: ""}[secure])
			e := find(t, "broker", res.Account.MQ.Brokers, func(x state.MQBroker) string { return x.Region + "/" + x.Name }, r+"/events")
			eq(t, "engine", e.EngineType, "RABBITMQ")
			eq(t, "deployment", e.DeploymentMode, "CLUSTER_MULTI_AZ")
			eq(t, "general logs", e.GeneralLogs, true)
			eq(t, "audit logs", e.AuditLogs, false)
			eq(t, "public", e.Public(), false)
			eq(t, "AWS owned key", e.AWSOwnedKey, true)
		})
	}
}
