package checks

import (
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const dsCBARN = "arn:aws:codebuild:eu-west-1:" + testAccountID + ":project/app"

// dsCB adds project "app" in eu-west-1: a GitHub source without
// credentials, a Parameter Store token and a plain stage name, CloudWatch
// and encrypted S3 logs, encrypted S3 artifacts, private and not
// privileged, edited by mut.
func dsCB(mut func(p *state.CodeBuildProject)) func(*state.Account) {
	return func(a *state.Account) {
		p := state.CodeBuildProject{Meta: state.Meta{ARN: dsCBARN, Region: "eu-west-1"}, Name: "app",
			Sources:        []state.CodeBuildSource{{Type: "GITHUB", Location: "https://github.com/acme/app.git"}},
			Environment:    []state.CodeBuildEnvVar{{Name: "GITHUB_TOKEN", Type: "PARAMETER_STORE", Shape: state.EnvReference}, {Name: "STAGE", Type: "PLAINTEXT", Shape: state.EnvLiteral}},
			CloudWatchLogs: "ENABLED", S3Logs: "ENABLED", Artifacts: []state.CodeBuildArtifact{{Type: "S3"}}, Visibility: "PRIVATE"}
		if mut != nil {
			mut(&p)
		}
		a.CodeBuild.Projects = append(a.CodeBuild.Projects, p)
	}
}

func codeBuildCases() map[string][]checkCase {
	unknowns := []checkCase{
		{name: "listing denied", acct: baseAccount(dsCB(nil), dsGap("codebuild", "eu-west-1", "ListProjects", "")), want: dsWant(dsU)},
		{name: "projects not described", acct: baseAccount(dsCB(nil), dsGap("codebuild", "eu-west-1", "BatchGetProjects", "")), want: dsWant(dsU)},
		{name: "listing denied elsewhere", acct: baseAccount(dsCB(nil), dsGap("codebuild", "us-east-1", "ListProjects", "")), want: dsWant(dsU, dsP)},
	}
	c := func(name string, mut func(*state.CodeBuildProject), want ...check.Status) checkCase {
		return checkCase{name: name, acct: baseAccount(dsCB(mut)), want: want}
	}
	cm := func(name string, mut func(*state.CodeBuildProject), msg string, want ...check.Status) checkCase {
		return checkCase{name: name, acct: baseAccount(dsCB(mut)), want: want, msg: msg}
	}
	plain := func(name string, shape state.EnvShape) func(*state.CodeBuildProject) {
		return func(p *state.CodeBuildProject) {
			p.Environment = append(p.Environment, state.CodeBuildEnvVar{Name: name, Type: "PLAINTEXT", Shape: shape})
		}
	}
	return map[string][]checkCase{
		"codebuild_project_source_no_credentials": append([]checkCase{
			c("clean url", nil, dsP),
			cm("bitbucket url with password", func(p *state.CodeBuildProject) {
				p.Sources = []state.CodeBuildSource{{Type: "BITBUCKET", Location: "https://bitbucket.org/acme/app.git", LocationCredentials: true}}
			}, "BITBUCKET https://bitbucket.org/acme/app.git", dsF),
			c("token in a secondary source", func(p *state.CodeBuildProject) {
				p.Sources = append(p.Sources, state.CodeBuildSource{Type: "GITHUB", Location: "https://github.com/acme/lib", LocationCredentials: true})
			}, dsF),
			c("no source", func(p *state.CodeBuildProject) { p.Sources = []state.CodeBuildSource{{Type: "NO_SOURCE"}} }, dsP),
		}, unknowns...),
		"codebuild_project_no_plaintext_secrets": append([]checkCase{
			c("references and a plain stage name", nil, dsP),
			cm("plaintext aws key", plain("AWS_ACCESS_KEY_ID", state.EnvLiteral), "AWS_ACCESS_KEY_ID", dsF),
			c("credential-shaped value under a bland name", plain("BUILD_FLAGS", state.EnvCredential), dsF),
			c("plaintext password", plain("DB_PASSWORD", state.EnvLiteral), dsF),
			c("name pointing to a secret", plain("DB_PASSWORD_ARN", state.EnvLiteral), dsP),
			c("empty secret-named value", plain("NPM_TOKEN", state.EnvEmpty), dsP),
			c("secrets manager variable", func(p *state.CodeBuildProject) {
				p.Environment = append(p.Environment, state.CodeBuildEnvVar{Name: "DB_PASSWORD", Type: "SECRETS_MANAGER", Shape: state.EnvReference})
			}, dsP),
		}, unknowns...),
		"codebuild_project_s3_logs_encrypted": append([]checkCase{
			c("encrypted", nil, dsP),
			c("unencrypted", func(p *state.CodeBuildProject) { p.S3LogsEncryptionDisabled = true }, dsF),
			c("no s3 logs", func(p *state.CodeBuildProject) { p.S3Logs = "DISABLED" }, dsNA),
		}, unknowns...),
		"codebuild_project_logging_enabled": append([]checkCase{
			c("both", nil, dsP),
			c("cloudwatch only", func(p *state.CodeBuildProject) { p.S3Logs = "DISABLED" }, dsP),
			c("s3 only", func(p *state.CodeBuildProject) { p.CloudWatchLogs = "DISABLED" }, dsP),
			c("none", func(p *state.CodeBuildProject) { p.CloudWatchLogs, p.S3Logs = "DISABLED", "DISABLED" }, dsF),
		}, unknowns...),
		"codebuild_project_artifacts_encrypted": append([]checkCase{
			c("encrypted", nil, dsP),
			cm("secondary unencrypted", func(p *state.CodeBuildProject) {
				p.Artifacts = append(p.Artifacts, state.CodeBuildArtifact{Type: "S3", Identifier: "reports", EncryptionDisabled: true})
			}, "reports", dsF),
			c("no artifacts", func(p *state.CodeBuildProject) { p.Artifacts = []state.CodeBuildArtifact{{Type: "NO_ARTIFACTS"}} }, dsNA),
			c("codepipeline", func(p *state.CodeBuildProject) { p.Artifacts = []state.CodeBuildArtifact{{Type: "CODEPIPELINE"}} }, dsNA),
		}, unknowns...),
		"codebuild_project_not_privileged": append([]checkCase{
			c("unprivileged", nil, dsP),
			c("privileged", func(p *state.CodeBuildProject) { p.PrivilegedMode = true }, dsF),
		}, unknowns...),
		"codebuild_project_not_public": append([]checkCase{
			c("private", nil, dsP),
			c("visibility not reported (AWS's default)", func(p *state.CodeBuildProject) { p.Visibility = "" }, dsP),
			c("public", func(p *state.CodeBuildProject) { p.Visibility = "PUBLIC_READ" }, dsF),
		}, unknowns...),
	}
}

// TestDemoCodeBuildVerdicts: Alpenglow's projects both pass and fail every
// CodeBuild check, so the demo shows each duty met and missed.
func TestDemoCodeBuildVerdicts(t *testing.T) {
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range codeBuildChecks() {
		got := map[check.Status]int{}
		for _, r := range c.Run(a, policy.Default()) {
			got[r.Status]++
		}
		if got[check.Pass] == 0 || got[check.Fail] == 0 {
			t.Errorf("%s on the demo: %v, want passes and failures", c.ID, got)
		}
	}
}
