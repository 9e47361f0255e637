package aws

import (
	"context"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/codebuild"
	cbtypes "github.com/aws/aws-sdk-go-v2/service/codebuild/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// buildCodeBuild creates project "app" in the region. Secure: a GitHub
// source without credentials, a Parameter Store token, CloudWatch and
// encrypted S3 logs, encrypted artifacts, no privileged mode. Not secure:
// a Bitbucket URL carrying user:password, a plaintext AWS key, logs off,
// S3 logs and artifacts unencrypted, privileged mode.
func buildCodeBuild(ctx context.Context, cfg sdk.Config, secure bool) {
	in := &codebuild.CreateProjectInput{Name: sdk.String("app"), ServiceRole: sdk.String("arn:aws:iam::" + motoAccount + ":role/codebuild"),
		Tags: []cbtypes.Tag{{Key: sdk.String("team"), Value: sdk.String("ci")}}}
	env := &cbtypes.ProjectEnvironment{Type: cbtypes.EnvironmentTypeLinuxContainer, Image: sdk.String("aws/codebuild/standard:7.0"),
		ComputeType: cbtypes.ComputeTypeBuildGeneral1Small, PrivilegedMode: sdk.Bool(!secure)}
	if secure {
		in.Source = &cbtypes.ProjectSource{Type: cbtypes.SourceTypeGithub, Location: sdk.String("https://github.com/acme/app.git")}
		env.EnvironmentVariables = []cbtypes.EnvironmentVariable{{Name: sdk.String("GITHUB_TOKEN"), Value: sdk.String("/ci/github-token"), Type: cbtypes.EnvironmentVariableTypeParameterStore},
			{Name: sdk.String("STAGE"), Value: sdk.String("prod"), Type: cbtypes.EnvironmentVariableTypePlaintext}}
		in.LogsConfig = &cbtypes.LogsConfig{CloudWatchLogs: &cbtypes.CloudWatchLogsConfig{Status: cbtypes.LogsConfigStatusTypeEnabled},
			S3Logs: &cbtypes.S3LogsConfig{Status: cbtypes.LogsConfigStatusTypeEnabled, Location: sdk.String("ci-logs/app"), EncryptionDisabled: sdk.Bool(false)}}
		in.Artifacts = &cbtypes.ProjectArtifacts{Type: cbtypes.ArtifactsTypeS3, Location: sdk.String("ci-artifacts"), EncryptionDisabled: sdk.Bool(false)}
	} else {
		in.Source = &cbtypes.ProjectSource{Type: cbtypes.SourceTypeBitbucket, Location: sdk.String("https://ci-bot:hunter2@bitbucket.org/acme/app.git")}
		env.EnvironmentVariables = []cbtypes.EnvironmentVariable{{Name: sdk.String("AWS_ACCESS_KEY_ID"), Value: sdk.String("AKIAIOSFODNN7EXAMPLE")}}
		in.LogsConfig = &cbtypes.LogsConfig{CloudWatchLogs: &cbtypes.CloudWatchLogsConfig{Status: cbtypes.LogsConfigStatusTypeDisabled},
			S3Logs: &cbtypes.S3LogsConfig{Status: cbtypes.LogsConfigStatusTypeEnabled, Location: sdk.String("ci-logs/app"), EncryptionDisabled: sdk.Bool(true)}}
		in.Artifacts = &cbtypes.ProjectArtifacts{Type: cbtypes.ArtifactsTypeS3, Location: sdk.String("ci-artifacts"), EncryptionDisabled: sdk.Bool(true)}
	}
	in.Environment = env
	must(codebuild.NewFromConfig(cfg).CreateProject(ctx, in))
}

// TestMotoCodeBuild: each region's project is read back from ListProjects
// and BatchGetProjects with what the checks judge, and with no credential
// kept: the source URL loses its user information and the variables their
// values.
func TestMotoCodeBuild(t *testing.T) {
	_, res := collected(t)
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			p := find(t, "project", res.Account.CodeBuild.Projects, func(x state.CodeBuildProject) string { return x.Region + "/" + x.Name }, r+"/app")
			eq(t, "arn", p.ARN, "arn:aws:codebuild:"+r+":"+motoAccount+":project/app")
			eq(t, "tag", p.Tags["team"], "ci")
			eq(t, "sources", len(p.Sources), 1)
			eq(t, "location", p.Sources[0].Location, map[bool]string{true: "https://github.com/acme/app.git", false: "https://bitbucket.org/acme/app.git"}[secure])
			eq(t, "location credentials", p.Sources[0].LocationCredentials, !secure)
			eq(t, "privileged", p.PrivilegedMode, !secure)
			eq(t, "cloudwatch logs", p.CloudWatchLogs, map[bool]string{true: "ENABLED", false: "DISABLED"}[secure])
			eq(t, "s3 logs", p.S3Logs, "ENABLED")
			eq(t, "s3 logs unencrypted", p.S3LogsEncryptionDisabled, !secure)
			eq(t, "artifacts", len(p.Artifacts), 1)
			eq(t, "artifacts unencrypted", p.Artifacts[0].EncryptionDisabled, !secure)
			want := []state.CodeBuildEnvVar{{Name: "AWS_ACCESS_KEY_ID", Type: "PLAINTEXT", Shape: state.EnvCredential}}
			if secure {
				want = []state.CodeBuildEnvVar{{Name: "GITHUB_TOKEN", Type: "PARAMETER_STORE", Shape: state.EnvReference},
					{Name: "STAGE", Type: "PLAINTEXT", Shape: state.EnvLiteral}}
			}
			eq(t, "environment", len(p.Environment), len(want))
			for i := range want {
				if i < len(p.Environment) {
					eq(t, "variable", p.Environment[i], want[i])
				}
			}
		})
	}
}
