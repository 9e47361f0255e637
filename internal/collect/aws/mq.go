package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/mq"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// mqBrokers lists a region's Amazon MQ brokers (names, engines, deployment
// modes and states, 100 a page) and describes each one: logs, automatic
// minor version upgrades, public access, encryption and tags are in no
// listing (svc-mq).
func (c *collector) mqBrokers(ctx context.Context, region string) {
	cl := mq.NewFromConfig(c.cfg, func(o *mq.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("mq", region))
	})
	var brokers []state.MQBroker
	err := c.do(ctx, "mq", "ListBrokers", region, "", nil, func(ctx context.Context) error {
		params := mq.ListBrokersInput{MaxResults: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListBrokers(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, x := range page.BrokerSummaries {
				brokers = append(brokers, state.MQBroker{Meta: meta(str(x.BrokerArn), region, nil), ID: str(x.BrokerId), Name: str(x.BrokerName),
					EngineType: string(x.EngineType), DeploymentMode: string(x.DeploymentMode), State: string(x.BrokerState)})
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(brokers), func() {
		c.rec.Update(func(a *state.Account) { a.MQ.Brokers = append(a.MQ.Brokers, brokers...) })
	})
	for i := range brokers {
		k := &brokers[i]
		c.item("mq", region, k.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "mq", "DescribeBroker", region, k.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribeBroker(ctx, &mq.DescribeBrokerInput{BrokerId: sdk.String(k.ID)})
				if err != nil {
					return err
				}
				mqDescribed(k, out)
				return nil
			})
		}, "DescribeBroker")
	}
}

// mqDescribed fills k from DescribeBroker's answer.
func mqDescribed(k *state.MQBroker, out *mq.DescribeBrokerOutput) {
	k.Described = true
	k.Tags = out.Tags
	if k.EngineType == "" {
		k.EngineType = string(out.EngineType)
	}
	if k.DeploymentMode == "" {
		k.DeploymentMode = string(out.DeploymentMode)
	}
	k.EngineVersion = str(out.EngineVersion)
	k.AutoMinorVersionUpgrade = b(out.AutoMinorVersionUpgrade)
	k.PubliclyAccessible = b(out.PubliclyAccessible)
	k.AuthenticationStrategy = string(out.AuthenticationStrategy)
	// No encryption options: the key Amazon MQ owns, its default.
	k.AWSOwnedKey = true
	if e := out.EncryptionOptions; e != nil {
		k.AWSOwnedKey = e.UseAwsOwnedKey == nil || *e.UseAwsOwnedKey
		if !k.AWSOwnedKey {
			k.KMSKeyID = str(e.KmsKeyId)
		}
	}
	if l := out.Logs; l != nil {
		k.GeneralLogs, k.AuditLogs = b(l.General), b(l.Audit)
	}
}
