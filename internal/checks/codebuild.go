package checks

import (
	"sort"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// codeBuildChecks are the customer's duties on AWS CodeBuild: AWS runs
// each build in a fresh, isolated container, but where the source and its
// credentials come from, which secrets the build sees, where its logs and
// output go and how they are encrypted, whether the build may drive
// Docker, and who may read the results, the customer configures.
func codeBuildChecks() []check.Check {
	return []check.Check{
		cbProjectCheck("codebuild_project_source_no_credentials", cbSourceNoCredentials),
		cbProjectCheck("codebuild_project_no_plaintext_secrets", cbNoPlaintextSecrets),
		cbProjectCheck("codebuild_project_s3_logs_encrypted", cbS3LogsEncrypted),
		cbProjectCheck("codebuild_project_logging_enabled", cbLoggingEnabled),
		cbProjectCheck("codebuild_project_artifacts_encrypted", cbArtifactsEncrypted),
		cbProjectCheck("codebuild_project_not_privileged", cbNotPrivileged),
		cbProjectCheck("codebuild_project_not_public", cbNotPublic),
	}
}

// cbProjectCheck judges every project of the regions whose projects were
// listed and described: both reads are regional (BatchGetProjects takes
// 100 names a call), so a failure of either makes the region unknown.
func cbProjectCheck(id string, judge func(p state.CodeBuildProject) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "codebuild", []state.Input{state.InputCodeBuildProjects, state.InputCodeBuildProjectConfig}, a.CodeBuild.Projects, judge)
		},
	}
}

// cbSourceNoCredentials fails a project whose primary or secondary source
// URL carried credentials (state.SourceLocation: a password, or a user
// name in a published token format). FSBP CodeBuild.1 names Bitbucket; a
// token in a GitHub, GitLab or CodeCommit URL leaks the same way, so every
// source type is judged.
func cbSourceNoCredentials(p state.CodeBuildProject) check.Result {
	var bad []string
	for _, s := range p.Sources {
		if s.LocationCredentials {
			bad = append(bad, s.Type+" "+s.Location)
		}
	}
	if len(bad) > 0 {
		return check.FailR(p, "project %s has credentials in its source URL: %s (connect the source with a CodeBuild source credential or CodeConnections instead)",
			p.Name, strings.Join(bad, ", "))
	}
	return check.PassR(p, "no source URL of project %s carries credentials", p.Name)
}

// cbNoPlaintextSecrets fails a project with a PLAINTEXT environment
// variable that holds a secret, by the one rule ECS task definitions are
// judged by (secretEnvVar: a value in a published credential format
// whatever its name, or a literal under a secret-like name).
// PARAMETER_STORE and SECRETS_MANAGER variables name where the secret is.
func cbNoPlaintextSecrets(p state.CodeBuildProject) check.Result {
	var bad []string
	for _, v := range p.Environment {
		if v.Type == "PLAINTEXT" && secretEnvVar(state.ECSEnvVar{Name: v.Name, Shape: v.Shape}) {
			bad = append(bad, v.Name)
		}
	}
	if len(bad) > 0 {
		sort.Strings(bad)
		return check.FailR(p, "project %s passes secrets as PLAINTEXT environment variables: %s (use PARAMETER_STORE or SECRETS_MANAGER variables)",
			p.Name, strings.Join(bad, ", "))
	}
	return check.PassR(p, "no PLAINTEXT environment variable of project %s looks like a secret", p.Name)
}

func cbS3LogsEncrypted(p state.CodeBuildProject) check.Result {
	switch {
	case p.S3Logs != "ENABLED":
		return check.NotApplicableR(p, "project %s writes no build logs to S3", p.Name)
	case p.S3LogsEncryptionDisabled:
		return check.FailR(p, "project %s writes its build logs to S3 unencrypted", p.Name)
	}
	return check.PassR(p, "project %s encrypts the build logs it writes to S3", p.Name)
}

func cbLoggingEnabled(p state.CodeBuildProject) check.Result {
	var on []string
	if p.CloudWatchLogs == "ENABLED" {
		on = append(on, "CloudWatch Logs")
	}
	if p.S3Logs == "ENABLED" {
		on = append(on, "S3")
	}
	if len(on) == 0 {
		return check.FailR(p, "project %s keeps no build logs (CloudWatch Logs and S3 logs are both disabled)", p.Name)
	}
	return check.PassR(p, "project %s logs its builds to %s", p.Name, strings.Join(on, " and "))
}

// cbArtifactsEncrypted judges the S3 build output artifacts (AWS applies
// encryptionDisabled to S3 artifacts only; CodePipeline encrypts its own
// artifact store).
func cbArtifactsEncrypted(p state.CodeBuildProject) check.Result {
	var s3, bad []string
	for _, a := range p.Artifacts {
		if a.Type != "S3" {
			continue
		}
		name := orDefault(a.Identifier, "primary")
		s3 = append(s3, name)
		if a.EncryptionDisabled {
			bad = append(bad, name)
		}
	}
	switch {
	case len(s3) == 0:
		return check.NotApplicableR(p, "project %s stores no build output artifacts in S3", p.Name)
	case len(bad) > 0:
		return check.FailR(p, "project %s stores build output artifacts in S3 unencrypted: %s", p.Name, strings.Join(bad, ", "))
	}
	return check.PassR(p, "project %s encrypts its S3 build output artifacts (%s)", p.Name, strings.Join(s3, ", "))
}

func cbNotPrivileged(p state.CodeBuildProject) check.Result {
	if p.PrivilegedMode {
		return check.FailR(p, "project %s runs its builds in privileged mode (the build can drive the Docker daemon; turn it off unless the project builds images)", p.Name)
	}
	return check.PassR(p, "project %s does not run its builds in privileged mode", p.Name)
}

// cbNotPublic fails a project whose build results are public; an absent
// visibility is AWS's default, PRIVATE.
func cbNotPublic(p state.CodeBuildProject) check.Result {
	if p.Visibility == "PUBLIC_READ" {
		return check.FailR(p, "project %s makes its build results, logs and artifacts readable by anyone (PUBLIC_READ)", p.Name)
	}
	return check.PassR(p, "project %s's build results are private", p.Name)
}
