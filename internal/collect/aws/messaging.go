package aws

import (
	"context"
	"net/url"
	"strings"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// sqs lists a region's queues (1,000 URLs a page), then reads each
// queue's encryption and access policy: SQS has no bulk form for queue
// attributes. Tags come from the Tagging API (see tagging).
func (c *collector) sqs(ctx context.Context, region string) {
	cl := sqs.NewFromConfig(c.cfg, func(o *sqs.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("sqs", region))
	})
	var queues []state.Queue
	err := c.do(ctx, "sqs", "ListQueues", region, "", nil, func(ctx context.Context) error {
		params := sqs.ListQueuesInput{MaxResults: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListQueues(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, u := range page.QueueUrls {
				account, name := queueURLParts(u)
				if name == "" {
					continue
				}
				if account == "" {
					account = c.accountID
				}
				queues = append(queues, state.Queue{Meta: meta(c.arn("sqs", region, account, name), region, nil), Name: name, URL: u})
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(queues), func() {
		c.rec.Update(func(a *state.Account) { a.SQS.Queues = append(a.SQS.Queues, queues...) })
	})
	for i := range queues {
		q := &queues[i]
		c.item("sqs", region, q.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "sqs", "GetQueueAttributes", region, q.ARN, nil, func(ctx context.Context) error {
				out, err := cl.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: sdk.String(q.URL),
					AttributeNames: []sqstypes.QueueAttributeName{sqstypes.QueueAttributeNamePolicy, sqstypes.QueueAttributeNameKmsMasterKeyId,
						sqstypes.QueueAttributeNameSqsManagedSseEnabled, sqstypes.QueueAttributeNameQueueArn}})
				if err != nil {
					return err
				}
				at := out.Attributes
				if a := at[string(sqstypes.QueueAttributeNameQueueArn)]; a != "" {
					q.ARN = a
				}
				q.Policy = at[string(sqstypes.QueueAttributeNamePolicy)]
				q.KMSKeyID = at[string(sqstypes.QueueAttributeNameKmsMasterKeyId)]
				q.SQSManagedSSE = strings.EqualFold(at[string(sqstypes.QueueAttributeNameSqsManagedSseEnabled)], "true")
				return nil
			})
		}, "GetQueueAttributes")
	}
}

// queueURLParts returns the account ID and queue name of a queue URL
// (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME).
func queueURLParts(u string) (account, name string) {
	path := u
	if p, err := url.Parse(u); err == nil && p.Path != "" {
		path = p.Path
	}
	parts := strings.Split(strings.Trim(path, "/"), "/")
	if len(parts) < 2 {
		return "", parts[len(parts)-1]
	}
	return parts[len(parts)-2], parts[len(parts)-1]
}

// secretsManager lists a region's secrets: ListSecrets returns each
// secret's key, rotation, dates and tags in bulk (100 a page); only the
// resource policy needs a call per secret.
func (c *collector) secretsManager(ctx context.Context, region string) {
	cl := secretsmanager.NewFromConfig(c.cfg, func(o *secretsmanager.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("secretsmanager", region))
	})
	var secrets []state.Secret
	err := c.do(ctx, "secretsmanager", "ListSecrets", region, "", nil, func(ctx context.Context) error {
		params := secretsmanager.ListSecretsInput{MaxResults: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListSecrets(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, s := range page.SecretList {
				if s.DeletedDate != nil {
					continue // scheduled for deletion: no longer in use
				}
				x := state.Secret{Name: str(s.Name), KMSKeyID: str(s.KmsKeyId), RotationEnabled: b(s.RotationEnabled),
					RotationLambdaARN: str(s.RotationLambdaARN), OwningService: str(s.OwningService), PrimaryRegion: str(s.PrimaryRegion),
					Created: tptr(s.CreatedDate), LastRotated: tptr(s.LastRotatedDate), LastChanged: tptr(s.LastChangedDate),
					LastAccessed: tptr(s.LastAccessedDate), NextRotation: tptr(s.NextRotationDate)}
				x.Meta = meta(str(s.ARN), region, nil)
				for _, t := range s.Tags {
					if x.Tags == nil {
						x.Tags = map[string]string{}
					}
					x.Tags[str(t.Key)] = str(t.Value)
				}
				if r := s.RotationRules; r != nil {
					x.RotationDays = int(sdk.ToInt64(r.AutomaticallyAfterDays))
					x.RotationSchedule = str(r.ScheduleExpression)
				}
				if x.PrimaryRegion == region {
					x.PrimaryRegion = ""
				}
				secrets = append(secrets, x)
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(secrets), func() {
		c.rec.Update(func(a *state.Account) { a.SecretsManager.Secrets = append(a.SecretsManager.Secrets, secrets...) })
	})
	for i := range secrets {
		s := &secrets[i]
		c.item("secretsmanager", region, s.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "secretsmanager", "GetResourcePolicy", region, s.ARN, nil, func(ctx context.Context) error {
				out, err := cl.GetResourcePolicy(ctx, &secretsmanager.GetResourcePolicyInput{SecretId: sdk.String(s.ARN)})
				if err == nil {
					s.Policy = str(out.ResourcePolicy)
				}
				return err
			})
		}, "GetResourcePolicy")
	}
}

// ecr lists a region's private repositories (scan on push, tag
// mutability and encryption come in bulk, 1,000 a page) and the registry's
// scanning configuration (one call), then reads each repository's
// lifecycle policy and repository policy (no bulk form).
func (c *collector) ecr(ctx context.Context, region string) {
	cl := ecr.NewFromConfig(c.cfg, func(o *ecr.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("ecr", region))
	})
	var repos []state.ECRRepository
	err := c.do(ctx, "ecr", "DescribeRepositories", region, "", nil, func(ctx context.Context) error {
		params := ecr.DescribeRepositoriesInput{MaxResults: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeRepositories(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, r := range page.Repositories {
				x := state.ECRRepository{Meta: meta(str(r.RepositoryArn), region, nil), Name: str(r.RepositoryName), URI: str(r.RepositoryUri),
					TagMutability: string(r.ImageTagMutability)}
				if s := r.ImageScanningConfiguration; s != nil {
					x.ScanOnPush = s.ScanOnPush
				}
				if e := r.EncryptionConfiguration; e != nil {
					x.EncryptionType, x.KMSKeyID = string(e.EncryptionType), str(e.KmsKey)
				}
				if x.EncryptionType == "" {
					x.EncryptionType = "AES256"
				}
				repos = append(repos, x)
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	// The registry's scanning rules matter only to repositories: a region
	// without any is spared the call.
	if len(repos) > 0 {
		c.ecrRegistry(ctx, cl, region)
	}
	done := c.perItem(len(repos), func() {
		c.rec.Update(func(a *state.Account) { a.ECR.Repositories = append(a.ECR.Repositories, repos...) })
	})
	for i := range repos {
		r := &repos[i]
		c.item("ecr", region, r.ARN, done, func(ctx context.Context) {
			// LifecyclePolicyNotFoundException / RepositoryPolicyNotFoundException: none set.
			_ = c.do(ctx, "ecr", "GetLifecyclePolicy", region, r.ARN, []string{"LifecyclePolicyNotFoundException"}, func(ctx context.Context) error {
				out, err := cl.GetLifecyclePolicy(ctx, &ecr.GetLifecyclePolicyInput{RepositoryName: sdk.String(r.Name)})
				if err == nil {
					r.LifecyclePolicy = str(out.LifecyclePolicyText)
				}
				return err
			})
			_ = c.do(ctx, "ecr", "GetRepositoryPolicy", region, r.ARN, []string{"RepositoryPolicyNotFoundException"}, func(ctx context.Context) error {
				out, err := cl.GetRepositoryPolicy(ctx, &ecr.GetRepositoryPolicyInput{RepositoryName: sdk.String(r.Name)})
				if err == nil {
					r.Policy = str(out.PolicyText)
				}
				return err
			})
		}, "GetLifecyclePolicy", "GetRepositoryPolicy")
	}
}

// eventBridge lists a region's event buses; the listing carries each
// bus's resource policy, so no per-bus call is made.
func (c *collector) eventBridge(ctx context.Context, region string) {
	cl := eventbridge.NewFromConfig(c.cfg, func(o *eventbridge.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("events", region))
	})
	var buses []state.EventBus
	err := c.do(ctx, "events", "ListEventBuses", region, "", nil, func(ctx context.Context) error {
		in := &eventbridge.ListEventBusesInput{Limit: sdk.Int32(100)}
		for {
			out, err := cl.ListEventBuses(ctx, in)
			if err != nil {
				return err
			}
			for _, e := range out.EventBuses {
				buses = append(buses, state.EventBus{Meta: meta(str(e.Arn), region, nil), Name: str(e.Name), Policy: str(e.Policy)})
			}
			if str(out.NextToken) == "" {
				return nil
			}
			in.NextToken = out.NextToken
		}
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.EventBridge.Buses = append(a.EventBridge.Buses, buses...) })
	}
}

// ecrRegistry reads the region's registry scanning configuration (one
// call) as its own task.
func (c *collector) ecrRegistry(ctx context.Context, cl *ecr.Client, region string) {
	c.sub("ecr", region, "", func(ctx context.Context) {
		_ = c.do(ctx, "ecr", "GetRegistryScanningConfiguration", region, "", nil, func(ctx context.Context) error {
			out, err := cl.GetRegistryScanningConfiguration(ctx, &ecr.GetRegistryScanningConfigurationInput{})
			if err != nil {
				return err
			}
			reg := state.ECRRegistry{Meta: meta(c.arn("ecr", region, c.accountID, "registry/"+c.accountID), region, nil), ScanType: "BASIC"}
			if sc := out.ScanningConfiguration; sc != nil {
				if sc.ScanType != "" {
					reg.ScanType = string(sc.ScanType)
				}
				for _, r := range sc.Rules {
					rule := state.ECRScanningRule{Frequency: string(r.ScanFrequency)}
					for _, f := range r.RepositoryFilters {
						rule.Filters = append(rule.Filters, str(f.Filter))
					}
					reg.Rules = append(reg.Rules, rule)
				}
			}
			c.rec.Update(func(a *state.Account) { a.ECR.Registries = append(a.ECR.Registries, reg) })
			return nil
		})
	}, "GetRegistryScanningConfiguration")
}
