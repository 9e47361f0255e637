package checks

import (
	"cmp"
	"sort"
	"strconv"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// ecsChecks are the customer's duties on ECS: AWS runs the control plane
// (and, on Fargate, the hosts), but what each container may do on its
// host, the user it runs as, where its logs and secrets go, whether its
// tasks get public addresses and whether clusters are monitored are set
// by the customer in task definitions, services and clusters.
func ecsChecks() []check.Check {
	return []check.Check{
		ecsTaskDefinitionCheck("ecs_task_definition_host_network_user", ecsHostNetworkUser),
		ecsTaskDefinitionCheck("ecs_task_definition_no_host_pid", ecsNoHostPID),
		ecsTaskDefinitionCheck("ecs_task_definition_not_privileged", ecsNotPrivileged),
		ecsTaskDefinitionCheck("ecs_task_definition_nonroot_user", ecsNonRootUser),
		ecsTaskDefinitionCheck("ecs_task_definition_readonly_root", ecsReadonlyRoot),
		ecsTaskDefinitionCheck("ecs_task_definition_logging", ecsLogging),
		ecsTaskDefinitionCheck("ecs_task_definition_no_env_secrets", ecsNoEnvSecrets),
		ecsServiceNoPublicIP(),
		ecsClusterContainerInsights(),
	}
}

// ecsTaskDefinitionCheck judges the latest ACTIVE revision of every task
// definition family; a revision whose description was not read is unknown.
func ecsTaskDefinitionCheck(id string, judge func(d state.ECSTaskDefinition) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "ecs", []state.Input{state.InputECSTaskDefinitions}, a.ECS.TaskDefinitions, func(d state.ECSTaskDefinition) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputECSTaskDefinitionContainers, d.Region, d.ARN); ok {
					return check.GapR(d, g)
				}
				if len(d.Containers) == 0 {
					return check.UnknownR(d, "task definition %s:%d reports no container definitions", d.Family, d.Revision)
				}
				return judge(d)
			})
		},
	}
}

// containersWhere names the containers of d for which bad holds.
func containersWhere(d state.ECSTaskDefinition, bad func(state.ECSContainer) bool) []string {
	var out []string
	for _, k := range d.Containers {
		if bad(k) {
			out = append(out, k.Name)
		}
	}
	return out
}

// tdName is how results name a task definition revision.
func tdName(d state.ECSTaskDefinition) string {
	return d.Family + ":" + strconv.Itoa(d.Revision)
}

// ecsHostNetworkUser follows FSBP ECS.1: on the host's network a
// container that is not privileged must name a non-root user (a
// privileged one is ECS.4's to fail).
func ecsHostNetworkUser(d state.ECSTaskDefinition) check.Result {
	if d.NetworkMode != "host" {
		return check.NotApplicableR(d, "task definition %s uses network mode %s, not host", tdName(d), cmp.Or(d.NetworkMode, "bridge (default)"))
	}
	if bad := containersWhere(d, func(k state.ECSContainer) bool { return !k.Privileged && k.RunsAsRoot() }); len(bad) > 0 {
		return check.FailR(d, "task definition %s shares the host's network and runs %s as root (no non-root user set)", tdName(d), strings.Join(bad, ", "))
	}
	return check.PassR(d, "task definition %s shares the host's network; every container names a non-root user", tdName(d))
}

func ecsNoHostPID(d state.ECSTaskDefinition) check.Result {
	if d.PidMode == "host" {
		return check.FailR(d, "task definition %s shares the host's process namespace (pidMode host)", tdName(d))
	}
	return check.PassR(d, "task definition %s keeps its own process namespace (pidMode %s)", tdName(d), cmp.Or(d.PidMode, "unset"))
}

func ecsNotPrivileged(d state.ECSTaskDefinition) check.Result {
	if bad := containersWhere(d, func(k state.ECSContainer) bool { return k.Privileged }); len(bad) > 0 {
		return check.FailR(d, "task definition %s runs privileged containers: %s", tdName(d), strings.Join(bad, ", "))
	}
	return check.PassR(d, "no container of task definition %s is privileged", tdName(d))
}

func ecsNonRootUser(d state.ECSTaskDefinition) check.Result {
	if bad := containersWhere(d, state.ECSContainer.RunsAsRoot); len(bad) > 0 {
		return check.FailR(d, "task definition %s runs %s as root (user unset, root or 0)", tdName(d), strings.Join(bad, ", "))
	}
	return check.PassR(d, "every container of task definition %s names a non-root user", tdName(d))
}

func ecsReadonlyRoot(d state.ECSTaskDefinition) check.Result {
	if bad := containersWhere(d, func(k state.ECSContainer) bool { return !k.ReadonlyRootFilesystem }); len(bad) > 0 {
		return check.FailR(d, "task definition %s lets %s write to the root file system", tdName(d), strings.Join(bad, ", "))
	}
	return check.PassR(d, "every container of task definition %s has a read-only root file system", tdName(d))
}

func ecsLogging(d state.ECSTaskDefinition) check.Result {
	if bad := containersWhere(d, func(k state.ECSContainer) bool { return k.LogDriver == "" }); len(bad) > 0 {
		return check.FailR(d, "task definition %s has no log configuration for %s", tdName(d), strings.Join(bad, ", "))
	}
	return check.PassR(d, "every container of task definition %s has a log configuration", tdName(d))
}

// ecsNoEnvSecrets fails a task definition whose plain environment holds a
// secret: a value in a known credential format whatever its name, or a
// literal value under a secret-like name (secretEnvVar). Empty values and
// references (ARNs, substitutions, file paths) pass: they are where the
// secret lives, not the secret.
func ecsNoEnvSecrets(d state.ECSTaskDefinition) check.Result {
	var bad []string
	for _, k := range d.Containers {
		for _, e := range k.Environment {
			if secretEnvVar(e) {
				bad = append(bad, k.Name+"/"+e.Name)
			}
		}
	}
	if len(bad) > 0 {
		sort.Strings(bad)
		return check.FailR(d, "task definition %s passes secrets as plain environment variables: %s (use the container's secrets from Secrets Manager or Parameter Store)",
			tdName(d), strings.Join(bad, ", "))
	}
	return check.PassR(d, "no plain environment variable of task definition %s looks like a secret", tdName(d))
}

// secretNameWords are the parts of a variable name that say it holds a
// secret (matched on the upper-cased name with '-' and '.' read as '_').
var secretNameWords = []string{"PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "APIKEY", "API_KEY", "PRIVATE_KEY",
	"ACCESS_KEY", "CREDENTIAL", "AUTH_DATA", "AUTH_KEY", "SIGNING_KEY", "ENCRYPTION_KEY", "CONNECTION_STRING"}

// secretNameTokens are whole name tokens that mean a password.
var secretNameTokens = []string{"PWD", "PASS", "PW"}

// referenceSuffixes end names of variables that say where a secret is or
// describe it, not hold it (DB_PASSWORD_ARN, TOKEN_TTL, SECRET_NAME).
var referenceSuffixes = []string{"_ARN", "_NAME", "_PATH", "_FILE", "_URL", "_URI", "_ENDPOINT", "_HEADER", "_TYPE", "_LENGTH",
	"_TTL", "_ENABLED", "_REGION", "_ID"}

// secretEnvVar reports whether a plain environment variable holds a
// secret: its value has a known credential format (state.EnvValueShape),
// or it is a literal under a secret-like name. The heuristic is
// documented on `shoulder checks show ecs_task_definition_no_env_secrets`.
func secretEnvVar(e state.ECSEnvVar) bool {
	switch e.Shape {
	case state.EnvCredential:
		return true
	case state.EnvLiteral:
		return secretLikeName(e.Name)
	}
	return false
}

// secretLikeName reports whether an environment variable's name says it
// holds a secret. AWS_ACCESS_KEY_ID counts (half of a key pair, named by
// FSBP ECS.8); other names ending in a reference suffix (_ARN, _ID,
// _NAME, ...) do not.
func secretLikeName(name string) bool {
	n := strings.ToUpper(strings.NewReplacer("-", "_", ".", "_").Replace(name))
	if strings.HasSuffix(n, "ACCESS_KEY_ID") {
		return true
	}
	for _, s := range referenceSuffixes {
		if strings.HasSuffix(n, s) {
			return false
		}
	}
	for _, w := range secretNameWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	for _, tok := range strings.Split(n, "_") {
		for _, t := range secretNameTokens {
			if tok == t {
				return true
			}
		}
	}
	return false
}

// eachECSService judges the services of every cluster; a cluster whose
// services were not listed or described is one unknown result.
func eachECSService(a *state.Account, judge func(s state.ECSService) check.Result) []check.Result {
	byCluster := map[string][]state.ECSService{}
	for _, s := range a.ECS.Services {
		byCluster[s.ClusterARN] = append(byCluster[s.ClusterARN], s)
	}
	var out []check.Result
	bad := regionalListingUnknown(a, "ecs", &out, state.InputECSClusters)
	for _, k := range a.ECS.Clusters {
		if bad[k.Region] {
			continue
		}
		if g, ok := a.Gaps.ForInputs(k.Region, k.ARN, state.InputECSServices, state.InputECSServiceNetwork); ok {
			out = append(out, check.GapR(k, g))
			continue
		}
		for _, s := range byCluster[k.ARN] {
			out = append(out, judge(s))
		}
	}
	return out
}

func ecsServiceNoPublicIP() check.Check {
	return check.Check{
		ID: "ecs_service_no_public_ip",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachECSService(a, func(s state.ECSService) check.Result {
				switch s.AssignPublicIP {
				case "ENABLED":
					return check.FailR(s, "service %s assigns public IP addresses to its tasks", s.Name)
				case "DISABLED":
					return check.PassR(s, "service %s does not assign public IP addresses to its tasks", s.Name)
				}
				return check.NotApplicableR(s, "service %s has no awsvpc network configuration (its tasks use the instance's network)", s.Name)
			})
		},
	}
}

func ecsClusterContainerInsights() check.Check {
	return check.Check{
		ID: "ecs_cluster_container_insights",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "ecs", []state.Input{state.InputECSClusters}, a.ECS.Clusters, func(k state.ECSCluster) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputECSClusterSettings, k.Region, k.ARN); ok {
					return check.GapR(k, g)
				}
				switch k.ContainerInsights {
				case "enabled", "enhanced":
					return check.PassR(k, "cluster %s has Container Insights %s", k.Name, k.ContainerInsights)
				case "":
					return check.UnknownR(k, "cluster %s's settings were not reported", k.Name)
				}
				return check.FailR(k, "cluster %s has Container Insights %s", k.Name, k.ContainerInsights)
			})
		},
	}
}
