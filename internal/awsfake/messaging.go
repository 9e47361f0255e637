package awsfake

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ecr"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- SQS (awsJson1.0, X-Amz-Target AmazonSQS.*, as current SDKs send it) ----

func (s *Server) sqsService() *service {
	return &service{name: "sqs", proto: protoJSON, jsonVersion: "1.0", ops: map[string]handler{
		"ListQueues":         sqsListQueues,
		"GetQueueAttributes": sqsGetQueueAttributes,
	}}
}

// queueURL is the URL SQS names a queue by.
func queueURL(q *state.Queue) string {
	if q.URL != "" {
		return q.URL
	}
	return QueueURL(q.Region, arnAccount(q.ARN), q.Name)
}

// QueueURL is the URL the fake gives a queue whose state has none.
func QueueURL(region, account, name string) string {
	return "https://sqs." + region + ".amazonaws.com/" + account + "/" + name
}

// arnAccount returns the account field of an ARN.
func arnAccount(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 {
		return ""
	}
	return parts[4]
}

// sqsListQueues pages with MaxResults (1..1000) and NextToken, as SQS does
// when MaxResults is sent.
func sqsListQueues(c *call) (*reply, error) {
	qs := c.s.idx.queues[c.region]
	start, end, next, err := c.pageOf(len(qs), 1000, 1000)
	if err != nil {
		return nil, err
	}
	out := &sqs.ListQueuesOutput{QueueUrls: []string{}, NextToken: sp(next)}
	for _, q := range qs[start:end] {
		out.QueueUrls = append(out.QueueUrls, queueURL(q))
	}
	return c.jsonReply(out), nil
}

func sqsGetQueueAttributes(c *call) (*reply, error) {
	u := c.str("QueueUrl")
	for _, q := range c.s.idx.queues[c.region] {
		if queueURL(q) != u {
			continue
		}
		attrs := map[string]string{"QueueArn": q.ARN, "SqsManagedSseEnabled": "false"}
		if q.SQSManagedSSE {
			attrs["SqsManagedSseEnabled"] = "true"
		}
		if q.KMSKeyID != "" {
			attrs["KmsMasterKeyId"] = q.KMSKeyID
		}
		if q.Policy != "" {
			attrs["Policy"] = q.Policy
		}
		return c.jsonReply(&sqs.GetQueueAttributesOutput{Attributes: attrs}), nil
	}
	return nil, errf(400, "QueueDoesNotExist", "The specified queue does not exist.")
}

// ---- Secrets Manager (awsJson1.1) ----

func (s *Server) secretsManagerService() *service {
	return &service{name: "secretsmanager", proto: protoJSON, ops: map[string]handler{
		"ListSecrets":       smListSecrets,
		"GetResourcePolicy": smGetResourcePolicy,
	}}
}

func smListSecrets(c *call) (*reply, error) {
	ss := c.s.idx.secrets[c.region]
	start, end, next, err := c.pageOf(len(ss), 100, 100)
	if err != nil {
		return nil, err
	}
	out := &secretsmanager.ListSecretsOutput{SecretList: []smtypes.SecretListEntry{}, NextToken: sp(next)}
	for _, s := range ss[start:end] {
		e := smtypes.SecretListEntry{ARN: sp(s.ARN), Name: sp(s.Name), KmsKeyId: sp(s.KMSKeyID), RotationEnabled: p(s.RotationEnabled),
			RotationLambdaARN: sp(s.RotationLambdaARN), OwningService: sp(s.OwningService), PrimaryRegion: sp(s.PrimaryRegion),
			CreatedDate: s.Created, LastRotatedDate: s.LastRotated, LastChangedDate: s.LastChanged, LastAccessedDate: s.LastAccessed,
			NextRotationDate: s.NextRotation}
		if s.RotationDays > 0 || s.RotationSchedule != "" {
			e.RotationRules = &smtypes.RotationRulesType{ScheduleExpression: sp(s.RotationSchedule)}
			if s.RotationDays > 0 {
				e.RotationRules.AutomaticallyAfterDays = p(int64(s.RotationDays))
			}
		}
		for _, k := range sortedKeys(s.Tags) {
			e.Tags = append(e.Tags, smtypes.Tag{Key: p(k), Value: p(s.Tags[k])})
		}
		out.SecretList = append(out.SecretList, e)
	}
	return c.jsonReply(out), nil
}

func smGetResourcePolicy(c *call) (*reply, error) {
	id := c.str("SecretId")
	for _, s := range c.s.idx.secrets[c.region] {
		if s.ARN == id || s.Name == id {
			return c.jsonReply(&secretsmanager.GetResourcePolicyOutput{ARN: sp(s.ARN), Name: sp(s.Name), ResourcePolicy: sp(s.Policy)}), nil
		}
	}
	return nil, errf(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.")
}

// ---- ECR (awsJson1.1, X-Amz-Target AmazonEC2ContainerRegistry_V20150921.*) ----

func (s *Server) ecrService() *service {
	return &service{name: "ecr", proto: protoJSON, ops: map[string]handler{
		"DescribeRepositories":             ecrDescribeRepositories,
		"GetRegistryScanningConfiguration": ecrGetRegistryScanningConfiguration,
		"GetLifecyclePolicy":               ecrRepository(ecrGetLifecyclePolicy),
		"GetRepositoryPolicy":              ecrRepository(ecrGetRepositoryPolicy),
	}}
}

func ecrDescribeRepositories(c *call) (*reply, error) {
	rs := c.s.idx.repositories[c.region]
	start, end, next, err := c.pageOfLower(len(rs), 100, 1000)
	if err != nil {
		return nil, err
	}
	out := &ecr.DescribeRepositoriesOutput{Repositories: []ecrtypes.Repository{}, NextToken: sp(next)}
	for _, r := range rs[start:end] {
		x := ecrtypes.Repository{RepositoryArn: sp(r.ARN), RepositoryName: sp(r.Name), RepositoryUri: sp(r.URI), RegistryId: sp(arnAccount(r.ARN)),
			ImageTagMutability:         ecrtypes.ImageTagMutability(orDefault(r.TagMutability, "MUTABLE")),
			ImageScanningConfiguration: &ecrtypes.ImageScanningConfiguration{ScanOnPush: r.ScanOnPush},
			EncryptionConfiguration:    &ecrtypes.EncryptionConfiguration{EncryptionType: ecrtypes.EncryptionType(orDefault(r.EncryptionType, "AES256")), KmsKey: sp(r.KMSKeyID)}}
		out.Repositories = append(out.Repositories, x)
	}
	return c.jsonReply(out), nil
}

// ecrGetRegistryScanningConfiguration answers the region's configuration,
// or basic scanning without rules (AWS's default) when the state has none.
func ecrGetRegistryScanningConfiguration(c *call) (*reply, error) {
	conf := &ecrtypes.RegistryScanningConfiguration{ScanType: ecrtypes.ScanTypeBasic, Rules: []ecrtypes.RegistryScanningRule{}}
	if reg, ok := c.s.acct.ECR.Registry(c.region); ok {
		conf.ScanType = ecrtypes.ScanType(orDefault(reg.ScanType, "BASIC"))
		for _, r := range reg.Rules {
			rule := ecrtypes.RegistryScanningRule{ScanFrequency: ecrtypes.ScanFrequency(r.Frequency), RepositoryFilters: []ecrtypes.ScanningRepositoryFilter{}}
			for _, f := range r.Filters {
				rule.RepositoryFilters = append(rule.RepositoryFilters, ecrtypes.ScanningRepositoryFilter{Filter: p(f), FilterType: ecrtypes.ScanningRepositoryFilterTypeWildcard})
			}
			conf.Rules = append(conf.Rules, rule)
		}
	}
	return c.jsonReply(&ecr.GetRegistryScanningConfigurationOutput{RegistryId: p(c.s.acct.AccountID), ScanningConfiguration: conf}), nil
}

func ecrRepository(h func(c *call, r *state.ECRRepository) (*reply, error)) handler {
	return func(c *call) (*reply, error) {
		name := c.str("repositoryName")
		for _, r := range c.s.idx.repositories[c.region] {
			if r.Name == name {
				return h(c, r)
			}
		}
		return nil, errf(400, "RepositoryNotFoundException", "The repository with name '%s' does not exist in the registry", name)
	}
}

func ecrGetLifecyclePolicy(c *call, r *state.ECRRepository) (*reply, error) {
	if r.LifecyclePolicy == "" {
		return nil, errf(400, "LifecyclePolicyNotFoundException", "Lifecycle policy does not exist for the repository with name '%s'", r.Name)
	}
	return c.jsonReply(&ecr.GetLifecyclePolicyOutput{RepositoryName: sp(r.Name), RegistryId: sp(arnAccount(r.ARN)), LifecyclePolicyText: sp(r.LifecyclePolicy)}), nil
}

func ecrGetRepositoryPolicy(c *call, r *state.ECRRepository) (*reply, error) {
	if r.Policy == "" {
		return nil, errf(400, "RepositoryPolicyNotFoundException", "Repository policy does not exist for the repository with name '%s'", r.Name)
	}
	return c.jsonReply(&ecr.GetRepositoryPolicyOutput{RepositoryName: sp(r.Name), RegistryId: sp(arnAccount(r.ARN)), PolicyText: sp(r.Policy)}), nil
}

// ---- EventBridge (awsJson1.1, signing name events, X-Amz-Target AWSEvents.*) ----

func (s *Server) eventsService() *service {
	return &service{name: "events", proto: protoJSON, ops: map[string]handler{
		"ListEventBuses": ebListEventBuses,
	}}
}

func ebListEventBuses(c *call) (*reply, error) {
	bs := c.s.idx.buses[c.region]
	mx, err := c.num("Limit", 0)
	if err != nil {
		return nil, err
	}
	start, end, next, err := page(c.action, len(bs), c.str("NextToken"), mx, 100, 100)
	if err != nil {
		return nil, err
	}
	out := &eventbridge.ListEventBusesOutput{EventBuses: []ebtypes.EventBus{}, NextToken: sp(next)}
	for _, b := range bs[start:end] {
		out.EventBuses = append(out.EventBuses, ebtypes.EventBus{Arn: sp(b.ARN), Name: sp(b.Name), Policy: sp(b.Policy)})
	}
	return c.jsonReply(out), nil
}
