package awsfake

import (
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- ECS (awsJson1.1, AmazonEC2ContainerServiceV20141113.*) ----

func (s *Server) ecsService() *service {
	return &service{name: "ecs", proto: protoJSON, ops: map[string]handler{
		"ListClusters":           ecsListClusters,
		"DescribeClusters":       ecsDescribeClusters,
		"ListServices":           ecsListServices,
		"DescribeServices":       ecsDescribeServices,
		"ListTaskDefinitions":    ecsListTaskDefinitions,
		"DescribeTaskDefinition": ecsDescribeTaskDefinition,
	}}
}

// EnvValueOf is a representative value of an environment variable shape:
// what the fake sends for a variable the state only knows the shape of
// (state.EnvValueShape maps it back to the same shape).
func EnvValueOf(shape state.EnvShape) string {
	switch shape {
	case state.EnvEmpty:
		return ""
	case state.EnvReference:
		return "arn:aws:secretsmanager:eu-west-1:111122223333:secret:app-AbCdEf"
	case state.EnvCredential:
		return "AKIAIOSFODNN7EXAMPLE" // AWS's documented example access key ID
	}
	return "value"
}

func ecsListClusters(c *call) (*reply, error) {
	ks := c.s.idx.ecsClusters[c.region]
	start, end, next, err := c.pageOfLower(len(ks), 100, 100)
	if err != nil {
		return nil, err
	}
	out := &ecs.ListClustersOutput{ClusterArns: []string{}, NextToken: sp(next)}
	for _, k := range ks[start:end] {
		out.ClusterArns = append(out.ClusterArns, k.ARN)
	}
	return c.jsonReply(out), nil
}

// ecsFindCluster finds a cluster of the region by ARN or name.
func ecsFindCluster(c *call, id string) *state.ECSCluster {
	for _, k := range c.s.idx.ecsClusters[c.region] {
		if k.ARN == id || k.Name == id {
			return k
		}
	}
	return nil
}

func ecsDescribeClusters(c *call) (*reply, error) {
	ids := c.strs("clusters")
	if len(ids) > 100 {
		return nil, errf(400, "InvalidParameterException", "clusters can have at most 100 items")
	}
	out := &ecs.DescribeClustersOutput{Clusters: []ecstypes.Cluster{}, Failures: []ecstypes.Failure{}}
	for _, id := range ids {
		k := ecsFindCluster(c, id)
		if k == nil {
			out.Failures = append(out.Failures, ecstypes.Failure{Arn: sp(id), Reason: sp("MISSING")})
			continue
		}
		x := ecstypes.Cluster{ClusterArn: sp(k.ARN), ClusterName: sp(k.Name), Status: sp("ACTIVE"), Tags: ecsTagList(k.Tags)}
		if k.ContainerInsights != "" {
			x.Settings = []ecstypes.ClusterSetting{{Name: ecstypes.ClusterSettingNameContainerInsights, Value: sp(k.ContainerInsights)}}
		}
		out.Clusters = append(out.Clusters, x)
	}
	return c.jsonReply(out), nil
}

func ecsListServices(c *call) (*reply, error) {
	k := ecsFindCluster(c, c.str("cluster"))
	if k == nil {
		return nil, errf(400, "ClusterNotFoundException", "Cluster not found.")
	}
	ss := c.s.idx.ecsServices[k.ARN]
	start, end, next, err := c.pageOfLower(len(ss), 10, 100)
	if err != nil {
		return nil, err
	}
	out := &ecs.ListServicesOutput{ServiceArns: []string{}, NextToken: sp(next)}
	for _, s := range ss[start:end] {
		out.ServiceArns = append(out.ServiceArns, s.ARN)
	}
	return c.jsonReply(out), nil
}

func ecsDescribeServices(c *call) (*reply, error) {
	k := ecsFindCluster(c, c.str("cluster"))
	if k == nil {
		return nil, errf(400, "ClusterNotFoundException", "Cluster not found.")
	}
	ids := c.strs("services")
	if len(ids) > 10 {
		return nil, errf(400, "InvalidParameterException", "services can have at most 10 items")
	}
	out := &ecs.DescribeServicesOutput{Services: []ecstypes.Service{}, Failures: []ecstypes.Failure{}}
	for _, id := range ids {
		var s *state.ECSService
		for _, x := range c.s.idx.ecsServices[k.ARN] {
			if x.ARN == id || x.Name == id {
				s = x
				break
			}
		}
		if s == nil {
			out.Failures = append(out.Failures, ecstypes.Failure{Arn: sp(id), Reason: sp("MISSING")})
			continue
		}
		x := ecstypes.Service{ServiceArn: sp(s.ARN), ServiceName: sp(s.Name), ClusterArn: sp(k.ARN), Status: sp("ACTIVE"),
			LaunchType: ecstypes.LaunchType(s.LaunchType), PlatformVersion: sp(s.PlatformVersion), TaskDefinition: sp(s.TaskDefinition),
			PlatformFamily: sp(s.PlatformFamily), Tags: ecsTagList(s.Tags)}
		if s.AssignPublicIP != "" {
			x.NetworkConfiguration = &ecstypes.NetworkConfiguration{AwsvpcConfiguration: &ecstypes.AwsVpcConfiguration{
				Subnets: []string{"subnet-0a1b2c3d"}, AssignPublicIp: ecstypes.AssignPublicIp(s.AssignPublicIP)}}
		}
		for _, t := range s.TaskSets { // svc-gaps3: ECS.16
			ts := ecstypes.TaskSet{Id: sp(t.ID), TaskSetArn: sp(t.ARN), ServiceArn: sp(s.ARN), ClusterArn: sp(k.ARN), Status: sp("PRIMARY")}
			if t.AssignPublicIP != "" {
				ts.NetworkConfiguration = &ecstypes.NetworkConfiguration{AwsvpcConfiguration: &ecstypes.AwsVpcConfiguration{
					Subnets: []string{"subnet-0a1b2c3d"}, AssignPublicIp: ecstypes.AssignPublicIp(t.AssignPublicIP)}}
			}
			x.TaskSets = append(x.TaskSets, ts)
		}
		out.Services = append(out.Services, x)
	}
	return c.jsonReply(out), nil
}

// ecsRevisionARNs are the ACTIVE revisions the fake lists for a task
// definition: the state's latest and, when it is not the first, the one
// before it (still active), so collectors must pick the newest.
func ecsRevisionARNs(d *state.ECSTaskDefinition) []string {
	out := []string{d.ARN}
	if d.Revision > 1 {
		if i := strings.LastIndexByte(d.ARN, ':'); i > 0 {
			out = append(out, d.ARN[:i+1]+strconv.Itoa(d.Revision-1))
		}
	}
	return out
}

func ecsListTaskDefinitions(c *call) (*reply, error) {
	if st := c.str("status"); st != "" && st != "ACTIVE" {
		return c.jsonReply(&ecs.ListTaskDefinitionsOutput{TaskDefinitionArns: []string{}}), nil
	}
	var arns []string
	for _, d := range c.s.idx.ecsTaskDefs[c.region] {
		arns = append(arns, ecsRevisionARNs(d)...)
	}
	start, end, next, err := c.pageOfLower(len(arns), 100, 100)
	if err != nil {
		return nil, err
	}
	return c.jsonReply(&ecs.ListTaskDefinitionsOutput{TaskDefinitionArns: append([]string{}, arns[start:end]...), NextToken: sp(next)}), nil
}

func ecsDescribeTaskDefinition(c *call) (*reply, error) {
	id := c.str("taskDefinition")
	for _, d := range c.s.idx.ecsTaskDefs[c.region] {
		if d.ARN != id && d.Family+":"+strconv.Itoa(d.Revision) != id {
			continue
		}
		t := &ecstypes.TaskDefinition{TaskDefinitionArn: sp(d.ARN), Family: sp(d.Family), Revision: int32(d.Revision), Status: ecstypes.TaskDefinitionStatusActive,
			NetworkMode: ecstypes.NetworkMode(d.NetworkMode), PidMode: ecstypes.PidMode(d.PidMode), ContainerDefinitions: []ecstypes.ContainerDefinition{}}
		for _, k := range d.Containers {
			x := ecstypes.ContainerDefinition{Name: sp(k.Name), Image: sp("public.ecr.aws/docker/library/nginx:latest"), Privileged: p(k.Privileged),
				User: sp(k.User), ReadonlyRootFilesystem: p(k.ReadonlyRootFilesystem)}
			if k.LogDriver != "" {
				x.LogConfiguration = &ecstypes.LogConfiguration{LogDriver: ecstypes.LogDriver(k.LogDriver)}
			}
			for _, e := range k.Environment {
				x.Environment = append(x.Environment, ecstypes.KeyValuePair{Name: p(e.Name), Value: p(EnvValueOf(e.Shape))})
			}
			for _, s := range k.Secrets {
				x.Secrets = append(x.Secrets, ecstypes.Secret{Name: p(s), ValueFrom: p("arn:aws:ssm:" + c.region + ":" + arnAccount(d.ARN) + ":parameter/" + s)})
			}
			t.ContainerDefinitions = append(t.ContainerDefinitions, x)
		}
		return c.jsonReply(&ecs.DescribeTaskDefinitionOutput{TaskDefinition: t, Tags: ecsTagList(d.Tags)}), nil
	}
	return nil, errf(400, "ClientException", "Unable to describe task definition.")
}

// ecsTagList turns a tag map into ECS tags (sorted by key).
func ecsTagList(tags map[string]string) []ecstypes.Tag {
	if len(tags) == 0 {
		return nil
	}
	out := make([]ecstypes.Tag, 0, len(tags))
	for _, k := range sortedKeys(tags) {
		out = append(out, ecstypes.Tag{Key: p(k), Value: p(tags[k])})
	}
	return out
}
