package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// codeBuild generates region r's CodeBuild projects, every field the
// collectors read drawn at random: most build from GitHub or CodeCommit
// with CloudWatch logs, a few carry a credential in the source URL or a
// secret in a PLAINTEXT variable, some run privileged to build images, S3
// logs and artifacts are sometimes unencrypted, a rare project is public.
func (g *gen) codeBuild(r string) {
	cb := &g.a.CodeBuild
	for k := count(g.n, "cbproject") / len(g.regions); k > 0; k-- {
		name := g.id("build-")
		p := state.CodeBuildProject{Meta: state.Meta{ARN: g.arn("codebuild", r, "project/"+name), Region: r, Tags: g.tags()}, Name: name,
			EnvironmentType: g.pick("LINUX_CONTAINER", "LINUX_CONTAINER", "ARM_CONTAINER"), Image: g.pick("aws/codebuild/standard:7.0", "aws/codebuild/standard:5.0"),
			PrivilegedMode: g.chance(30), CloudWatchLogs: g.pick("ENABLED", "ENABLED", "ENABLED", "DISABLED"), S3Logs: g.pick("DISABLED", "DISABLED", "ENABLED"),
			Visibility: g.pick("PRIVATE", "PRIVATE", "PRIVATE", "PRIVATE", "PRIVATE", "PRIVATE", "PRIVATE", "PRIVATE", "PRIVATE", "PUBLIC_READ")}
		if p.S3Logs == "ENABLED" {
			p.S3LogsEncryptionDisabled = g.chance(20)
		}
		typ := g.pick("GITHUB", "GITHUB", "CODECOMMIT", "BITBUCKET", "CODEPIPELINE")
		src := state.CodeBuildSource{Type: typ}
		switch typ {
		case "GITHUB":
			src.Location = "https://github.com/" + g.id("org-") + "/" + name + ".git"
		case "BITBUCKET":
			src.Location, src.LocationCredentials = "https://bitbucket.org/"+g.id("ws-")+"/"+name+".git", g.chance(30)
		case "CODECOMMIT":
			src.Location = "https://git-codecommit." + r + ".amazonaws.com/v1/repos/" + name
		}
		p.Sources = []state.CodeBuildSource{src}
		for v := g.rng.IntN(4); v > 0; v-- {
			t := g.pick("PLAINTEXT", "PLAINTEXT", "PARAMETER_STORE", "SECRETS_MANAGER")
			e := state.CodeBuildEnvVar{Name: g.pick("STAGE", "IMAGE_REPO", "NPM_TOKEN", "DB_PASSWORD", "AWS_ACCESS_KEY_ID", "BUILD_FLAGS"), Type: t, Shape: state.EnvReference}
			if t == "PLAINTEXT" {
				e.Shape = state.EnvShape(g.pick(string(state.EnvLiteral), string(state.EnvLiteral), string(state.EnvEmpty), string(state.EnvCredential)))
			}
			p.Environment = append(p.Environment, e)
		}
		switch {
		case typ == "CODEPIPELINE":
			p.Artifacts = []state.CodeBuildArtifact{{Type: "CODEPIPELINE"}}
		case g.coin():
			p.Artifacts = []state.CodeBuildArtifact{{Type: "S3", EncryptionDisabled: g.chance(15)}}
		default:
			p.Artifacts = []state.CodeBuildArtifact{{Type: "NO_ARTIFACTS"}}
		}
		cb.Projects = append(cb.Projects, p)
	}
}
