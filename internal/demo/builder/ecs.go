package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// ecs adds Alpenglow's containers: the Frankfurt platform cluster runs the
// checkout service in private subnets from a hardened task definition
// (non-root, read-only root, awslogs, its database password from Secrets
// Manager); the US marketing cluster, set up by the former agency, gives
// its landing-page tasks public IPs, runs them as root with a writable
// root file system, keeps a CMS API token in a plain environment
// variable and ships the sidecar's logs nowhere; a node-exporter daemon
// on the host network shares the host's process namespace, privileged,
// with a collector beside it running as root; the platform's
// OpenTelemetry agent on the host network runs as its own user.
func (x *b) ecs() {
	fra, iad := "eu-central-1", "us-east-1"
	platform := x.arn("ecs", fra, "cluster/platform")
	marketing := x.arn("ecs", iad, "cluster/marketing")
	checkoutTD := x.arn("ecs", fra, "task-definition/checkout:42")
	landingTD := x.arn("ecs", iad, "task-definition/landing-page:9")
	exporterTD := x.arn("ecs", iad, "task-definition/node-exporter:3")
	otelTD := x.arn("ecs", fra, "task-definition/otel-agent:5")
	x.a.ECS.Clusters = append(x.a.ECS.Clusters,
		state.ECSCluster{Meta: state.Meta{ARN: platform, Region: fra, Tags: tags("owner", "platform")}, Name: "platform", ContainerInsights: "enhanced"},
		state.ECSCluster{Meta: state.Meta{ARN: marketing, Region: iad, Tags: tags("owner", "marketing")}, Name: "marketing", ContainerInsights: "disabled"},
	)
	x.a.ECS.Services = append(x.a.ECS.Services,
		state.ECSService{Meta: state.Meta{ARN: x.arn("ecs", fra, "service/platform/checkout"), Region: fra, Tags: tags("owner", "platform")},
			Name: "checkout", ClusterARN: platform, LaunchType: "FARGATE", PlatformVersion: "LATEST", AssignPublicIP: "DISABLED", TaskDefinition: checkoutTD},
		state.ECSService{Meta: state.Meta{ARN: x.arn("ecs", iad, "service/marketing/landing-page"), Region: iad, Tags: tags("owner", "marketing")},
			Name: "landing-page", ClusterARN: marketing, LaunchType: "FARGATE", PlatformVersion: "1.4.0", AssignPublicIP: "ENABLED", TaskDefinition: landingTD},
		state.ECSService{Meta: state.Meta{ARN: x.arn("ecs", iad, "service/marketing/node-exporter"), Region: iad, Tags: tags("owner", "marketing")},
			Name: "node-exporter", ClusterARN: marketing, LaunchType: "EC2", TaskDefinition: exporterTD},
	)
	x.a.ECS.TaskDefinitions = append(x.a.ECS.TaskDefinitions,
		state.ECSTaskDefinition{Meta: state.Meta{ARN: checkoutTD, Region: fra, Tags: tags("owner", "platform")}, Family: "checkout", Revision: 42, NetworkMode: "awsvpc",
			Containers: []state.ECSContainer{{Name: "checkout", User: "10001", ReadonlyRootFilesystem: true, LogDriver: "awslogs",
				Environment: []state.ECSEnvVar{{Name: "SPRING_PROFILES_ACTIVE", Shape: state.EnvLiteral}, {Name: "DB_SECRET_ARN", Shape: state.EnvReference}},
				Secrets:     []string{"DB_PASSWORD"}}}},
		state.ECSTaskDefinition{Meta: state.Meta{ARN: landingTD, Region: iad, Tags: tags("owner", "marketing")}, Family: "landing-page", Revision: 9, NetworkMode: "awsvpc",
			Containers: []state.ECSContainer{
				{Name: "web", LogDriver: "awslogs",
					Environment: []state.ECSEnvVar{{Name: "CMS_API_TOKEN", Shape: state.EnvLiteral}, {Name: "CMS_URL", Shape: state.EnvLiteral}}},
				{Name: "analytics-sidecar", User: "nobody"},
			}},
		state.ECSTaskDefinition{Meta: state.Meta{ARN: exporterTD, Region: iad, Tags: tags("owner", "marketing")}, Family: "node-exporter", Revision: 3, NetworkMode: "host", PidMode: "host",
			Containers: []state.ECSContainer{{Name: "node-exporter", Privileged: true, ReadonlyRootFilesystem: true, LogDriver: "awslogs"},
				{Name: "textfile-collector", ReadonlyRootFilesystem: true, LogDriver: "awslogs"}}},
		state.ECSTaskDefinition{Meta: state.Meta{ARN: otelTD, Region: fra, Tags: tags("owner", "platform")}, Family: "otel-agent", Revision: 5, NetworkMode: "host",
			Containers: []state.ECSContainer{{Name: "otel-collector", User: "10001", ReadonlyRootFilesystem: true, LogDriver: "awslogs"}}},
	)
}
