package checks

import (
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"

	"github.com/shoulder-dev/shoulder/internal/state"
)

const (
	dsClusterARN = "arn:aws:ecs:eu-west-1:" + testAccountID + ":cluster/prod"
	dsServiceARN = "arn:aws:ecs:eu-west-1:" + testAccountID + ":service/prod/api"
	dsTaskDefARN = "arn:aws:ecs:eu-west-1:" + testAccountID + ":task-definition/api:7"
)

// dsTaskDef adds the latest revision (7) of family "api" in eu-west-1 on
// awsvpc: one container "app" running as user 1000 with a read-only root,
// awslogs and its database password from Secrets Manager, edited by mut.
func dsTaskDef(mut func(d *state.ECSTaskDefinition)) func(*state.Account) {
	return func(a *state.Account) {
		d := state.ECSTaskDefinition{Meta: state.Meta{ARN: dsTaskDefARN, Region: "eu-west-1"}, Family: "api", Revision: 7, NetworkMode: "awsvpc",
			Containers: []state.ECSContainer{{Name: "app", User: "1000", ReadonlyRootFilesystem: true, LogDriver: "awslogs",
				Environment: []state.ECSEnvVar{{Name: "LOG_LEVEL", Shape: state.EnvLiteral}, {Name: "DB_PASSWORD_ARN", Shape: state.EnvReference}},
				Secrets:     []string{"DB_PASSWORD"}}}}
		if mut != nil {
			mut(&d)
		}
		a.ECS.TaskDefinitions = append(a.ECS.TaskDefinitions, d)
	}
}

// dsECSCluster adds cluster "prod" with Container Insights enabled and its
// service "api" without public IPs, edited by mut.
func dsECSCluster(mutK func(k *state.ECSCluster), mutS func(s *state.ECSService)) func(*state.Account) {
	return func(a *state.Account) {
		k := state.ECSCluster{Meta: state.Meta{ARN: dsClusterARN, Region: "eu-west-1"}, Name: "prod", ContainerInsights: "enabled"}
		s := state.ECSService{Meta: state.Meta{ARN: dsServiceARN, Region: "eu-west-1"}, Name: "api", ClusterARN: dsClusterARN,
			LaunchType: "FARGATE", AssignPublicIP: "DISABLED", TaskDefinition: dsTaskDefARN}
		if mutK != nil {
			mutK(&k)
		}
		if mutS != nil {
			mutS(&s)
		}
		a.ECS.Clusters = append(a.ECS.Clusters, k)
		a.ECS.Services = append(a.ECS.Services, s)
	}
}

// withContainer edits the task definition's first container.
func withContainer(mut func(k *state.ECSContainer)) func(*state.Account) {
	return dsTaskDef(func(d *state.ECSTaskDefinition) { mut(&d.Containers[0]) })
}

// taskDefUnknowns are the unknown cases every task definition check shares.
func taskDefUnknowns() []checkCase {
	return []checkCase{
		{name: "description denied", acct: baseAccount(dsTaskDef(nil), dsGap("ecs", "eu-west-1", "DescribeTaskDefinition", dsTaskDefARN)), want: dsWant(dsU)},
		{name: "listing denied", acct: baseAccount(dsTaskDef(nil), dsGap("ecs", "eu-west-1", "ListTaskDefinitions", "")), want: dsWant(dsU)},
		{name: "no containers reported", acct: baseAccount(dsTaskDef(func(d *state.ECSTaskDefinition) { d.Containers = nil })), want: dsWant(dsU)},
	}
}

func ecsCases() map[string][]checkCase {
	td := func(name string, mut func(*state.ECSTaskDefinition), want ...check.Status) checkCase {
		return checkCase{name: name, acct: baseAccount(dsTaskDef(mut)), want: want}
	}
	k := func(name string, mut func(*state.ECSContainer), want ...check.Status) checkCase {
		return checkCase{name: name, acct: baseAccount(withContainer(mut)), want: want}
	}
	host := func(d *state.ECSTaskDefinition) { d.NetworkMode = "host" }
	noClusters := dsGap("ecs", "eu-west-1", "ListClusters", "")
	return map[string][]checkCase{
		"ecs_task_definition_host_network_user": append([]checkCase{
			td("awsvpc", nil, dsNA),
			td("host, non-root user", host, dsP),
			td("host, user unset", func(d *state.ECSTaskDefinition) { host(d); d.Containers[0].User = "" }, dsF),
			td("host, uid 0 with group", func(d *state.ECSTaskDefinition) { host(d); d.Containers[0].User = "0:0" }, dsF),
			td("host, privileged root is ECS.4's", func(d *state.ECSTaskDefinition) {
				host(d)
				d.Containers[0].User, d.Containers[0].Privileged = "", true
			}, dsP),
		}, taskDefUnknowns()...),
		"ecs_task_definition_no_host_pid": append([]checkCase{
			td("own namespace", nil, dsP),
			td("task", func(d *state.ECSTaskDefinition) { d.PidMode = "task" }, dsP),
			td("host", func(d *state.ECSTaskDefinition) { d.PidMode = "host" }, dsF),
		}, taskDefUnknowns()...),
		"ecs_task_definition_not_privileged": append([]checkCase{
			td("not privileged", nil, dsP),
			k("privileged", func(c *state.ECSContainer) { c.Privileged = true }, dsF),
		}, taskDefUnknowns()...),
		"ecs_task_definition_nonroot_user": append([]checkCase{
			td("uid 1000", nil, dsP),
			k("named user", func(c *state.ECSContainer) { c.User = "app:app" }, dsP),
			k("unset", func(c *state.ECSContainer) { c.User = "" }, dsF),
			k("root", func(c *state.ECSContainer) { c.User = "root" }, dsF),
		}, taskDefUnknowns()...),
		"ecs_task_definition_readonly_root": append([]checkCase{
			td("read-only", nil, dsP),
			k("writable", func(c *state.ECSContainer) { c.ReadonlyRootFilesystem = false }, dsF),
		}, taskDefUnknowns()...),
		"ecs_task_definition_logging": append([]checkCase{
			td("awslogs", nil, dsP),
			k("firelens", func(c *state.ECSContainer) { c.LogDriver = "awsfirelens" }, dsP),
			td("one of two without", func(d *state.ECSTaskDefinition) {
				d.Containers = append(d.Containers, state.ECSContainer{Name: "sidecar", User: "1000", ReadonlyRootFilesystem: true})
			}, dsF),
		}, taskDefUnknowns()...),
		"ecs_task_definition_no_env_secrets": append([]checkCase{
			td("reference and plain setting", nil, dsP),
			k("password literal", func(c *state.ECSContainer) {
				c.Environment = append(c.Environment, state.ECSEnvVar{Name: "DB_PASSWORD", Shape: state.EnvLiteral})
			}, dsF),
			k("password empty", func(c *state.ECSContainer) {
				c.Environment = append(c.Environment, state.ECSEnvVar{Name: "DB_PASSWORD", Shape: state.EnvEmpty})
			}, dsP),
			k("credential under a bland name", func(c *state.ECSContainer) {
				c.Environment = append(c.Environment, state.ECSEnvVar{Name: "CONFIG", Shape: state.EnvCredential})
			}, dsF),
			k("aws key pair", func(c *state.ECSContainer) {
				c.Environment = append(c.Environment, state.ECSEnvVar{Name: "AWS_SECRET_ACCESS_KEY", Shape: state.EnvLiteral})
			}, dsF),
		}, taskDefUnknowns()...),
		"ecs_service_no_public_ip": {
			{name: "disabled", acct: baseAccount(dsECSCluster(nil, nil)), want: dsWant(dsP)},
			{name: "enabled", acct: baseAccount(dsECSCluster(nil, func(s *state.ECSService) { s.AssignPublicIP = "ENABLED" })), want: dsWant(dsF)},
			{name: "bridge network", acct: baseAccount(dsECSCluster(nil, func(s *state.ECSService) { s.AssignPublicIP, s.LaunchType = "", "EC2" })), want: dsWant(dsNA)},
			{name: "services not listed", acct: baseAccount(dsECSCluster(nil, nil), dsGap("ecs", "eu-west-1", "ListServices", dsClusterARN)), want: dsWant(dsU)},
			{name: "services not described", acct: baseAccount(dsECSCluster(nil, nil), dsGap("ecs", "eu-west-1", "DescribeServices", dsClusterARN)), want: dsWant(dsU)},
			{name: "clusters not listed", acct: baseAccount(dsECSCluster(nil, nil), noClusters), want: dsWant(dsU)},
		},
		"ecs_cluster_container_insights": {
			{name: "enabled", acct: baseAccount(dsECSCluster(nil, nil)), want: dsWant(dsP)},
			{name: "enhanced", acct: baseAccount(dsECSCluster(func(k *state.ECSCluster) { k.ContainerInsights = "enhanced" }, nil)), want: dsWant(dsP)},
			{name: "disabled", acct: baseAccount(dsECSCluster(func(k *state.ECSCluster) { k.ContainerInsights = "disabled" }, nil)), want: dsWant(dsF)},
			{name: "not reported", acct: baseAccount(dsECSCluster(func(k *state.ECSCluster) { k.ContainerInsights = "" }, nil)), want: dsWant(dsU)},
			{name: "settings denied", acct: baseAccount(dsECSCluster(nil, nil), dsGap("ecs", "eu-west-1", "DescribeClusters", "")), want: dsWant(dsU)},
			{name: "clusters not listed", acct: baseAccount(dsECSCluster(nil, nil), noClusters), want: dsWant(dsU)},
		},
	}
}

// TestSecretLikeName pins the ECS.8 name heuristic: names that say they
// hold a secret, and names that only point to or describe one.
func TestSecretLikeName(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"DB_PASSWORD", true}, {"db-password", true}, {"MYSQL_PWD", true}, {"API_KEY", true}, {"apiKey", true},
		{"GITHUB_TOKEN", true}, {"CLIENT_SECRET", true}, {"AWS_ACCESS_KEY_ID", true}, {"AWS_SECRET_ACCESS_KEY", true},
		{"ECS_ENGINE_AUTH_DATA", true}, {"JWT_SIGNING_KEY", true}, {"SMTP_PASS", true},
		{"DB_PASSWORD_ARN", false}, {"SECRET_NAME", false}, {"TOKEN_TTL", false}, {"PASSWORD_FILE", false}, {"CLIENT_ID", false},
		{"LOG_LEVEL", false}, {"PASSENGER_COUNT", false}, {"COMPASS_URL", false}, {"BYPASS_CACHE", false},
	} {
		if got := secretLikeName(tc.name); got != tc.want {
			t.Errorf("secretLikeName(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}
