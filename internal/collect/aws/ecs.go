package aws

import (
	"context"
	"strconv"
	"strings"
	"sync"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ecsDescribeClustersBatch and ecsDescribeServicesBatch are the most
// clusters and services one Describe call takes.
const (
	ecsDescribeClustersBatch = 100
	ecsDescribeServicesBatch = 10
)

// ecs reads a region's clusters (listed, then described 100 a call with
// their settings and tags), each cluster's services (listed, then
// described 10 a call) and the latest ACTIVE revision of every task
// definition family: ListTaskDefinitions lists every active revision in
// bulk, and only the newest of each family is described.
func (c *collector) ecs(ctx context.Context, region string) {
	cl := ecs.NewFromConfig(c.cfg, func(o *ecs.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("ecs", region))
	})
	c.sub("ecs", region, "", func(ctx context.Context) { c.ecsTaskDefinitions(ctx, cl, region) })

	var arns []string
	err := c.do(ctx, "ecs", "ListClusters", region, "", nil, func(ctx context.Context) error {
		params := ecs.ListClustersInput{MaxResults: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListClusters(ctx, &params)
			if err != nil {
				return nil, err
			}
			arns = append(arns, page.ClusterArns...)
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	clusters := make([]state.ECSCluster, len(arns))
	for i, a := range arns {
		clusters[i] = state.ECSCluster{Meta: meta(a, region, nil), Name: a[strings.LastIndexByte(a, '/')+1:]}
	}
	byARN := make(map[string]*state.ECSCluster, len(clusters))
	for i := range clusters {
		byARN[clusters[i].ARN] = &clusters[i]
	}
	for start := 0; start < len(arns); start += ecsDescribeClustersBatch {
		batch := arns[start:min(start+ecsDescribeClustersBatch, len(arns))]
		err := c.do(ctx, "ecs", "DescribeClusters", region, "", nil, func(ctx context.Context) error {
			out, err := cl.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: batch,
				Include: []ecstypes.ClusterField{ecstypes.ClusterFieldSettings, ecstypes.ClusterFieldTags}})
			if err != nil {
				return err
			}
			for _, x := range out.Clusters {
				k, ok := byARN[str(x.ClusterArn)]
				if !ok {
					continue
				}
				k.Tags = ecsTags(x.Tags)
				k.ContainerInsights = "disabled" // AWS's default when the setting is absent
				for _, s := range x.Settings {
					if s.Name == ecstypes.ClusterSettingNameContainerInsights {
						k.ContainerInsights = str(s.Value)
					}
				}
			}
			return nil
		})
		if err != nil {
			break // the region's gap is recorded; the rest would fail alike
		}
	}

	var mu sync.Mutex
	var services []state.ECSService
	done := c.perItem(len(clusters), func() {
		c.rec.Update(func(a *state.Account) {
			a.ECS.Clusters = append(a.ECS.Clusters, clusters...)
			a.ECS.Services = append(a.ECS.Services, services...)
		})
	})
	for i := range clusters {
		k := &clusters[i]
		c.item("ecs", region, k.ARN, done, func(ctx context.Context) {
			got := c.ecsServices(ctx, cl, region, k.ARN)
			mu.Lock()
			services = append(services, got...)
			mu.Unlock()
		}, "ListServices", "DescribeServices")
	}
}

// ecsServices lists one cluster's services and describes them 10 a call;
// failures are recorded against the cluster.
func (c *collector) ecsServices(ctx context.Context, cl *ecs.Client, region, cluster string) []state.ECSService {
	var arns []string
	err := c.do(ctx, "ecs", "ListServices", region, cluster, nil, func(ctx context.Context) error {
		params := ecs.ListServicesInput{Cluster: sdk.String(cluster), MaxResults: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListServices(ctx, &params)
			if err != nil {
				return nil, err
			}
			arns = append(arns, page.ServiceArns...)
			return page.NextToken, nil
		})
	})
	if err != nil {
		return nil
	}
	var out []state.ECSService
	for start := 0; start < len(arns); start += ecsDescribeServicesBatch {
		batch := arns[start:min(start+ecsDescribeServicesBatch, len(arns))]
		err := c.do(ctx, "ecs", "DescribeServices", region, cluster, nil, func(ctx context.Context) error {
			res, err := cl.DescribeServices(ctx, &ecs.DescribeServicesInput{Cluster: sdk.String(cluster), Services: batch,
				Include: []ecstypes.ServiceField{ecstypes.ServiceFieldTags}})
			if err != nil {
				return err
			}
			for _, s := range res.Services {
				x := state.ECSService{Meta: meta(str(s.ServiceArn), region, ecsTags(s.Tags)), Name: str(s.ServiceName), ClusterARN: cluster,
					LaunchType: string(s.LaunchType), PlatformVersion: str(s.PlatformVersion), TaskDefinition: str(s.TaskDefinition),
					PlatformFamily: str(s.PlatformFamily)}
				if n := s.NetworkConfiguration; n != nil && n.AwsvpcConfiguration != nil {
					x.AssignPublicIP = string(n.AwsvpcConfiguration.AssignPublicIp)
					if x.AssignPublicIP == "" {
						x.AssignPublicIP = string(ecstypes.AssignPublicIpDisabled) // AWS's default
					}
				}
				x.TaskSets = ecsTaskSets(s.TaskSets) // svc-gaps3
				out = append(out, x)
			}
			return nil
		})
		if err != nil {
			return out // the cluster's gap is recorded; checks answer unknown for it
		}
	}
	return out
}

// ecsTaskDefinitions lists every ACTIVE task definition revision of the
// region, keeps the latest of each family and describes those.
func (c *collector) ecsTaskDefinitions(ctx context.Context, cl *ecs.Client, region string) {
	latest := map[string]int{}
	arnOf := map[string]string{}
	var families []string
	err := c.do(ctx, "ecs", "ListTaskDefinitions", region, "", nil, func(ctx context.Context) error {
		params := ecs.ListTaskDefinitionsInput{Status: ecstypes.TaskDefinitionStatusActive, MaxResults: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListTaskDefinitions(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, a := range page.TaskDefinitionArns {
				family, rev, ok := taskDefinitionRevision(a)
				if !ok {
					continue
				}
				old, seen := latest[family]
				if !seen {
					families = append(families, family)
				}
				if !seen || rev > old {
					latest[family], arnOf[family] = rev, a
				}
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	defs := make([]state.ECSTaskDefinition, len(families))
	for i, f := range families {
		defs[i] = state.ECSTaskDefinition{Meta: meta(arnOf[f], region, nil),
			Family: f, Revision: latest[f]}
	}
	done := c.perItem(len(defs), func() {
		c.rec.Update(func(a *state.Account) { a.ECS.TaskDefinitions = append(a.ECS.TaskDefinitions, defs...) })
	})
	for i := range defs {
		d := &defs[i]
		c.item("ecs", region, d.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "ecs", "DescribeTaskDefinition", region, d.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribeTaskDefinition(ctx, &ecs.DescribeTaskDefinitionInput{TaskDefinition: sdk.String(d.ARN),
					Include: []ecstypes.TaskDefinitionField{ecstypes.TaskDefinitionFieldTags}})
				if err != nil {
					return err
				}
				d.Tags = ecsTags(out.Tags)
				if t := out.TaskDefinition; t != nil {
					d.NetworkMode, d.PidMode = string(t.NetworkMode), string(t.PidMode)
					d.Containers = make([]state.ECSContainer, 0, len(t.ContainerDefinitions))
					for _, k := range t.ContainerDefinitions {
						d.Containers = append(d.Containers, ecsContainer(k))
					}
				}
				return nil
			})
		}, "DescribeTaskDefinition")
	}
}

// ecsContainer keeps what the checks judge of a container definition;
// environment values are classified (state.EnvValueShape) and dropped.
func ecsContainer(k ecstypes.ContainerDefinition) state.ECSContainer {
	x := state.ECSContainer{Name: str(k.Name), Privileged: b(k.Privileged), User: str(k.User), ReadonlyRootFilesystem: b(k.ReadonlyRootFilesystem)}
	if l := k.LogConfiguration; l != nil {
		x.LogDriver = string(l.LogDriver)
	}
	for _, e := range k.Environment {
		x.Environment = append(x.Environment, state.ECSEnvVar{Name: str(e.Name), Shape: state.EnvValueShape(str(e.Value))})
	}
	for _, s := range k.Secrets {
		x.Secrets = append(x.Secrets, str(s.Name))
	}
	return x
}

// taskDefinitionRevision splits a task definition ARN
// (arn:...:task-definition/FAMILY:REVISION) into family and revision.
func taskDefinitionRevision(arn string) (string, int, bool) {
	rest := arn[strings.LastIndexByte(arn, '/')+1:]
	i := strings.LastIndexByte(rest, ':')
	if i <= 0 {
		return "", 0, false
	}
	rev, err := strconv.Atoi(rest[i+1:])
	if err != nil {
		return "", 0, false
	}
	return rest[:i], rev, true
}

// ecsTags turns ECS tags into a map (nil when none).
func ecsTags(tags []ecstypes.Tag) map[string]string {
	if len(tags) == 0 {
		return nil
	}
	out := make(map[string]string, len(tags))
	for _, t := range tags {
		out[str(t.Key)] = str(t.Value)
	}
	return out
}
