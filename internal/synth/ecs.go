package synth

import (
	"strconv"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ecs generates region r's ECS clusters, their services and the latest
// revision of each task definition family, every field the collectors
// read drawn at random.
func (g *gen) ecs(r string) {
	a := g.a
	per := func(kind string) int { return max(1, count(g.n, kind)/len(g.regions)) }
	var defs []string
	for k := 0; k < per("taskdef"); k++ {
		family := g.id("task-")
		rev := 1 + g.rng.IntN(60)
		d := state.ECSTaskDefinition{Meta: state.Meta{ARN: g.arn("ecs", r, "task-definition/"+family+":"+strconv.Itoa(rev)), Region: r, Tags: g.tags()},
			Family: family, Revision: rev, NetworkMode: g.pick("awsvpc", "awsvpc", "awsvpc", "bridge", "host")}
		if g.chance(5) {
			d.PidMode = g.pick("host", "task")
		}
		for c := 1 + g.rng.IntN(3); c > 0; c-- {
			k := state.ECSContainer{Name: g.id("c-"), Privileged: g.chance(5), User: g.pick("", "", "root", "1000", "app:app", "0:0"),
				ReadonlyRootFilesystem: g.chance(30), LogDriver: g.pick("awslogs", "awslogs", "awsfirelens", "")}
			for e := g.rng.IntN(4); e > 0; e-- {
				k.Environment = append(k.Environment, state.ECSEnvVar{Name: g.pick("LOG_LEVEL", "DB_PASSWORD", "API_TOKEN", "DB_SECRET_ARN", "PORT", "CONFIG"),
					Shape: state.EnvShape(g.pick(string(state.EnvLiteral), string(state.EnvLiteral), string(state.EnvReference), string(state.EnvEmpty), string(state.EnvCredential)))})
			}
			if g.coin() {
				k.Secrets = []string{"DB_PASSWORD"}
			}
			d.Containers = append(d.Containers, k)
		}
		a.ECS.TaskDefinitions = append(a.ECS.TaskDefinitions, d)
		defs = append(defs, d.ARN)
	}
	clusters := per("ecscluster")
	services := per("ecsservice")
	for k := 0; k < clusters; k++ {
		name := g.id("cluster-")
		arn := g.arn("ecs", r, "cluster/"+name)
		a.ECS.Clusters = append(a.ECS.Clusters, state.ECSCluster{Meta: state.Meta{ARN: arn, Region: r, Tags: g.tags()}, Name: name,
			ContainerInsights: g.pick("enabled", "enhanced", "disabled", "disabled")})
		for s := services / clusters; s > 0; s-- {
			sn := g.id("svc-")
			x := state.ECSService{Meta: state.Meta{ARN: g.arn("ecs", r, "service/"+name+"/"+sn), Region: r, Tags: g.tags()}, Name: sn, ClusterARN: arn,
				LaunchType: g.pick("FARGATE", "FARGATE", "EC2"), TaskDefinition: defs[g.rng.IntN(len(defs))]}
			if x.LaunchType == "FARGATE" {
				x.PlatformVersion = g.pick("LATEST", "1.4.0")
				x.AssignPublicIP = g.pick("ENABLED", "DISABLED", "DISABLED")
			} else if g.coin() {
				x.AssignPublicIP = "DISABLED"
			}
			a.ECS.Services = append(a.ECS.Services, x)
		}
	}
}
