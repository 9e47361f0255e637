package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// codeBuild adds Alpenglow's CodeBuild projects: the Frankfurt API's image
// build reads its GitHub token from Parameter Store, logs to CloudWatch
// and encrypted S3, encrypts its artifacts and runs privileged because it
// builds container images; the Irish ETL jobs build from CodeCommit for
// CodePipeline with every build log turned off (to save log costs); and the agency's marketing site in
// N. Virginia clones Bitbucket with an app password in the URL, carries
// an AWS key pair in PLAINTEXT variables, writes unencrypted S3 logs and
// artifacts with CloudWatch logs off, and is public.
func (x *b) codeBuild() {
	fra, dub, iad := "eu-central-1", "eu-west-1", "us-east-1"
	project := func(region, name string) state.Meta {
		return state.Meta{ARN: x.arn("codebuild", region, "project/"+name), Region: region, Tags: tags("owner", "platform")}
	}
	cb := &x.a.CodeBuild
	cb.Projects = append(cb.Projects,
		state.CodeBuildProject{Meta: project(fra, "api-image"), Name: "api-image",
			Sources:         []state.CodeBuildSource{{Type: "GITHUB", Location: "https://github.com/alpenglow/api.git"}},
			EnvironmentType: "LINUX_CONTAINER", Image: "aws/codebuild/standard:7.0", PrivilegedMode: true,
			Environment: []state.CodeBuildEnvVar{{Name: "GITHUB_TOKEN", Type: "PARAMETER_STORE", Shape: state.EnvReference},
				{Name: "IMAGE_REPO", Type: "PLAINTEXT", Shape: state.EnvLiteral}},
			CloudWatchLogs: "ENABLED", S3Logs: "ENABLED", Artifacts: []state.CodeBuildArtifact{{Type: "S3"}},
			EncryptionKey: x.arn("kms", fra, "alias/ci"), Visibility: "PRIVATE"},
		state.CodeBuildProject{Meta: project(dub, "etl-jobs"), Name: "etl-jobs",
			Sources:         []state.CodeBuildSource{{Type: "CODEPIPELINE"}},
			EnvironmentType: "LINUX_CONTAINER", Image: "aws/codebuild/standard:7.0",
			Environment:    []state.CodeBuildEnvVar{{Name: "STAGE", Type: "PLAINTEXT", Shape: state.EnvLiteral}},
			CloudWatchLogs: "DISABLED", S3Logs: "DISABLED", Artifacts: []state.CodeBuildArtifact{{Type: "CODEPIPELINE"}}, Visibility: "PRIVATE"},
		state.CodeBuildProject{Meta: project(iad, "marketing-site"), Name: "marketing-site",
			Sources:         []state.CodeBuildSource{{Type: "BITBUCKET", Location: "https://bitbucket.org/agency/marketing-site.git", LocationCredentials: true}},
			EnvironmentType: "LINUX_CONTAINER", Image: "aws/codebuild/standard:5.0",
			Environment: []state.CodeBuildEnvVar{{Name: "AWS_ACCESS_KEY_ID", Type: "PLAINTEXT", Shape: state.EnvCredential},
				{Name: "AWS_SECRET_ACCESS_KEY", Type: "PLAINTEXT", Shape: state.EnvLiteral}},
			CloudWatchLogs: "DISABLED", S3Logs: "ENABLED", S3LogsEncryptionDisabled: true,
			Artifacts: []state.CodeBuildArtifact{{Type: "S3", EncryptionDisabled: true}}, Visibility: "PUBLIC_READ"},
	)
}
