package aws

import (
	"context"
	"sync"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/resourcegroupstaggingapi"
	rgttypes "github.com/aws/aws-sdk-go-v2/service/resourcegroupstaggingapi/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// taggedTypes are the resource types whose tags the Resource Groups
// Tagging API reads for the collectors: their own listings (ListFunctions,
// DescribeWorkspaces) carry no tags. "workspaces" is the service-level
// form (every WorkSpaces resource type): AWS accepts it like
// "workspaces:workspace", and moto understands only the service-level
// form. Tags of other WorkSpaces resource types in the answer are ignored.
func taggedTypes() []string {
	return []string{"lambda:function", "workspaces", "sqs", "ecr:repository", "elasticache:replicationgroup", "elasticache:cluster",
		// svc-stream: Kinesis data streams and Firehose delivery streams
		// ("firehose" in the service-level form moto understands).
		"kinesis:stream", "firehose",
		// svc-search: OpenSearch Service domains (both engines).
		"es:domain"}
}

// joins holds what one collector reads for another collector's resources,
// applied once every task has ended (see applyJoins): the tags the
// Tagging API returns for Lambda functions and WorkSpaces, and the
// maximum session duration ListRoles returns for each role.
type joins struct {
	mu         sync.Mutex
	tags       map[string]map[string]string // by ARN
	maxSession map[string]int               // by role ARN
}

func (j *joins) addTags(arn string, tags map[string]string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.tags == nil {
		j.tags = map[string]map[string]string{}
	}
	j.tags[arn] = tags
}

func (j *joins) addMaxSession(arn string, seconds int) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.maxSession == nil {
		j.maxSession = map[string]int{}
	}
	j.maxSession[arn] = seconds
}

// tagging reads the tags of a region's Lambda functions and WorkSpaces in
// bulk: GetResources returns every tagged (or once tagged) resource of the
// requested types with all its tags, 100 a page. A resource it does not
// return has no tags. When the call fails, the gap (tagging GetResources
// in the region) tells the checks that those resources' classification is
// unknown, not "untagged".
func (c *collector) tagging(ctx context.Context, region string) {
	cl := resourcegroupstaggingapi.NewFromConfig(c.cfg, func(o *resourcegroupstaggingapi.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("tagging", region))
	})
	found := map[string]map[string]string{}
	err := c.do(ctx, "tagging", "GetResources", region, "", nil, func(ctx context.Context) error {
		params := resourcegroupstaggingapi.GetResourcesInput{
			ResourceTypeFilters: taggedTypes(), ResourcesPerPage: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.PaginationToken = token
			page, err := cl.GetResources(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, m := range page.ResourceTagMappingList {
				found[str(m.ResourceARN)] = tagMap(m.Tags, func(t rgttypes.Tag) (*string, *string) { return t.Key, t.Value })
			}
			return page.PaginationToken, nil
		})
	})
	if err != nil {
		return
	}
	for arn, tags := range found {
		c.joined.addTags(arn, tags)
	}
}

// applyJoins puts what was read for other collectors' resources in place:
// Lambda function and WorkSpace tags, role session durations. It runs
// after every task has ended, so the order the tasks ran in does not matter.
func (c *collector) applyJoins(a *state.Account) {
	j := &c.joined
	j.mu.Lock()
	defer j.mu.Unlock()
	for i := range a.Lambda.Functions {
		if t, ok := j.tags[a.Lambda.Functions[i].ARN]; ok {
			a.Lambda.Functions[i].Tags = t
		}
	}
	for i := range a.WorkSpaces.Workspaces {
		if t, ok := j.tags[a.WorkSpaces.Workspaces[i].ARN]; ok {
			a.WorkSpaces.Workspaces[i].Tags = t
		}
	}
	for i := range a.SQS.Queues {
		if t, ok := j.tags[a.SQS.Queues[i].ARN]; ok {
			a.SQS.Queues[i].Tags = t
		}
	}
	for i := range a.ECR.Repositories {
		if t, ok := j.tags[a.ECR.Repositories[i].ARN]; ok {
			a.ECR.Repositories[i].Tags = t
		}
	}
	// svc-data: ElastiCache
	for i := range a.ElastiCache.ReplicationGroups {
		if t, ok := j.tags[a.ElastiCache.ReplicationGroups[i].ARN]; ok {
			a.ElastiCache.ReplicationGroups[i].Tags = t
		}
	}
	for i := range a.ElastiCache.Clusters {
		if t, ok := j.tags[a.ElastiCache.Clusters[i].ARN]; ok {
			a.ElastiCache.Clusters[i].Tags = t
		}
	}
	// svc-stream: Kinesis and Firehose
	for i := range a.Kinesis.Streams {
		if t, ok := j.tags[a.Kinesis.Streams[i].ARN]; ok {
			a.Kinesis.Streams[i].Tags = t
		}
	}
	for i := range a.Firehose.DeliveryStreams {
		if t, ok := j.tags[a.Firehose.DeliveryStreams[i].ARN]; ok {
			a.Firehose.DeliveryStreams[i].Tags = t
		}
	}
	// svc-search: OpenSearch Service domains
	for i := range a.OpenSearch.Domains {
		if t, ok := j.tags[a.OpenSearch.Domains[i].ARN]; ok {
			a.OpenSearch.Domains[i].Tags = t
		}
	}
	for i := range a.IAM.Roles {
		if s, ok := j.maxSession[a.IAM.Roles[i].ARN]; ok {
			a.IAM.Roles[i].MaxSessionDuration = s
		}
	}
}
