package state

import (
	"regexp"
	"strings"
)

// ECS holds the ECS clusters, services and task definitions of every
// scanned region.
//
// Gaps: ListClusters hides a region's clusters and DescribeClusters their
// settings (Container Insights), recorded for the region; ListServices and
// DescribeServices are recorded per cluster ARN (a cluster's services are
// listed and described together); ListTaskDefinitions hides a region's
// task definitions and DescribeTaskDefinition is recorded per task
// definition ARN (the latest ACTIVE revision of each family).
type ECS struct {
	Clusters []ECSCluster `json:"clusters,omitempty"`
	Services []ECSService `json:"services,omitempty"`
	// TaskDefinitions are the latest ACTIVE revision of each family: the
	// one new tasks and services get unless they name an older revision.
	TaskDefinitions []ECSTaskDefinition `json:"task_definitions,omitempty"`
}

// ECSCluster is an ECS cluster.
type ECSCluster struct {
	Meta
	Name string `json:"name"`
	// ContainerInsights is the cluster's containerInsights setting
	// (enabled, enhanced or disabled); empty when the cluster's settings
	// were not described.
	ContainerInsights string `json:"container_insights,omitempty"`
}

// ECSService is an ECS service.
type ECSService struct {
	Meta
	Name       string `json:"name"`
	ClusterARN string `json:"cluster_arn"`
	// LaunchType is EC2, FARGATE or EXTERNAL; empty when the service uses
	// a capacity provider strategy.
	LaunchType string `json:"launch_type,omitempty"`
	// PlatformVersion is the Fargate platform version (LATEST, 1.4.0, ...).
	PlatformVersion string `json:"platform_version,omitempty"`
	// PlatformFamily is the Fargate platform family (Linux, or a
	// WINDOWS_SERVER_... family); empty when not reported (svc-gaps: ECS.10).
	PlatformFamily string `json:"platform_family,omitempty"`
	// AssignPublicIP is the awsvpc configuration's assignPublicIp (ENABLED
	// or DISABLED); empty when the service has no awsvpc configuration.
	AssignPublicIP string `json:"assign_public_ip,omitempty"`
	// TaskDefinition is the ARN of the task definition the service runs.
	TaskDefinition string `json:"task_definition,omitempty"`
	// svc-gaps3: TaskSets are the service's task sets (services with the
	// EXTERNAL or CODE_DEPLOY deployment controller), from DescribeServices.
	TaskSets []ECSTaskSet `json:"task_sets,omitempty"`
}

// ECSTaskSet is one task set of a service (svc-gaps3, FSBP ECS.16).
type ECSTaskSet struct {
	ID  string `json:"id"`
	ARN string `json:"arn,omitempty"`
	// AssignPublicIP is the task set's awsvpc assignPublicIp (ENABLED or
	// DISABLED); empty when it has no awsvpc configuration.
	AssignPublicIP string `json:"assign_public_ip,omitempty"`
}

// ECSTaskDefinition is one revision of an ECS task definition family.
type ECSTaskDefinition struct {
	Meta
	Family   string `json:"family"`
	Revision int    `json:"revision"`
	// NetworkMode is awsvpc, bridge, host or none; empty means the
	// default (bridge on Linux EC2 instances).
	NetworkMode string `json:"network_mode,omitempty"`
	// PidMode is host or task; empty means the container's own namespace.
	PidMode string `json:"pid_mode,omitempty"`
	// Containers are the task's container definitions; nil when the
	// definition was not described.
	Containers []ECSContainer `json:"containers,omitempty"`
}

// ECSContainer is one container definition of a task definition.
type ECSContainer struct {
	Name string `json:"name"`
	// Privileged is the container's privileged parameter.
	Privileged bool `json:"privileged,omitempty"`
	// User is the user the container runs as ("" means the image's user,
	// root for most images).
	User string `json:"user,omitempty"`
	// ReadonlyRootFilesystem is the container's readonlyRootFilesystem.
	ReadonlyRootFilesystem bool `json:"readonly_root_filesystem,omitempty"`
	// LogDriver is the logConfiguration's driver (awslogs, awsfirelens,
	// splunk, ...); empty when the container has no log configuration.
	LogDriver string `json:"log_driver,omitempty"`
	// Environment are the plain environment variables. Their values are
	// never stored: only what shape each value has (see EnvValueShape),
	// so a snapshot never carries the secrets it reports.
	Environment []ECSEnvVar `json:"environment,omitempty"`
	// Secrets are the names of the variables injected from Secrets
	// Manager or Parameter Store (the container's secrets parameter).
	Secrets []string `json:"secrets,omitempty"`
}

// ECSEnvVar is one plain environment variable of a container, without its value.
type ECSEnvVar struct {
	Name string `json:"name"`
	// Shape is what the value looks like (EnvValueShape).
	Shape EnvShape `json:"shape"`
}

// EnvShape classifies an environment variable's value without keeping it.
type EnvShape string

// The shapes of an environment variable's value.
const (
	// EnvEmpty is an empty or whitespace value.
	EnvEmpty EnvShape = "empty"
	// EnvReference is a pointer to a secret, not the secret itself: an
	// ARN (Secrets Manager, SSM parameter, KMS key), a ${...}/$(...)
	// substitution, or a file path.
	EnvReference EnvShape = "reference"
	// EnvCredential is a value in a known credential format (AWS access
	// key ID, PEM private key, GitHub/Slack/Stripe-style token, JWT).
	EnvCredential EnvShape = "credential"
	// EnvLiteral is any other literal value.
	EnvLiteral EnvShape = "literal"
)

// credentialPatterns are value formats that are credentials whatever the
// variable is called. Each is a published, prefixed format, so a match
// is not a guess from entropy.
var credentialPatterns = []*regexp.Regexp{
	regexp.MustCompile(`\b(AKIA|ASIA)[0-9A-Z]{16}\b`),                    // AWS access key ID
	regexp.MustCompile(`-----BEGIN ([A-Z]+ )?PRIVATE KEY-----`),          // PEM private key
	regexp.MustCompile(`\bgh[pousr]_[A-Za-z0-9]{36,}\b`),                 // GitHub token
	regexp.MustCompile(`\bxox[abposr]-[A-Za-z0-9-]{10,}`),                // Slack token
	regexp.MustCompile(`\b[sr]k_live_[A-Za-z0-9]{16,}\b`),                // Stripe live key
	regexp.MustCompile(`\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.`), // JWT
	regexp.MustCompile(`://[^/\s:@]+:[^/\s@]+@`),                         // URL with user:password
}

// EnvValueShape classifies an environment variable's value: the one rule
// the collectors, the fake endpoint and the generators apply before the
// value is dropped.
func EnvValueShape(value string) EnvShape {
	v := strings.TrimSpace(value)
	switch {
	case v == "":
		return EnvEmpty
	case strings.HasPrefix(v, "arn:"), strings.HasPrefix(v, "${"), strings.HasPrefix(v, "$("),
		strings.HasPrefix(v, "/run/secrets/"), strings.HasPrefix(v, "file://"):
		return EnvReference
	}
	for _, re := range credentialPatterns {
		if re.MatchString(v) {
			return EnvCredential
		}
	}
	return EnvLiteral
}

// RunsAsRoot reports whether the container runs as root: no user set
// (the image's default, root for most images), or user root / UID 0 (with
// or without a group).
func (c ECSContainer) RunsAsRoot() bool {
	u := c.User
	if i := strings.IndexByte(u, ':'); i >= 0 {
		u = u[:i]
	}
	return u == "" || u == "root" || u == "0"
}
