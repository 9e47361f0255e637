package aws

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/codebuild"
	cbtypes "github.com/aws/aws-sdk-go-v2/service/codebuild/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// codeBuildBatch is the most projects BatchGetProjects describes a call.
const codeBuildBatch = 100

// codeBuild reads a region's CodeBuild projects: ListProjects (names, 100
// a page), then BatchGetProjects 100 names a call. Source locations are
// stored without user information and environment values are classified
// and dropped (state.SourceLocation, state.CodeBuildEnv), so no
// credential reaches the state.
func (c *collector) codeBuild(ctx context.Context, region string) {
	cl := codebuild.NewFromConfig(c.cfg, func(o *codebuild.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("codebuild", region))
	})
	c.codeBuildReportGroups(ctx, region, cl) // svc-gaps3
	var names []string
	err := c.do(ctx, "codebuild", "ListProjects", region, "", nil, func(ctx context.Context) error {
		params := codebuild.ListProjectsInput{}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListProjects(ctx, &params)
			if err != nil {
				return nil, err
			}
			names = append(names, page.Projects...)
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	var out []state.CodeBuildProject
	for start := 0; start < len(names); start += codeBuildBatch {
		batch := names[start:min(start+codeBuildBatch, len(names))]
		err := c.do(ctx, "codebuild", "BatchGetProjects", region, "", nil, func(ctx context.Context) error {
			res, err := cl.BatchGetProjects(ctx, &codebuild.BatchGetProjectsInput{Names: batch})
			if err != nil {
				return err
			}
			for _, p := range res.Projects {
				out = append(out, codeBuildProject(p, region))
			}
			return nil
		})
		if err != nil {
			break // the region's gap is recorded; the rest would fail alike
		}
	}
	c.rec.Update(func(a *state.Account) { a.CodeBuild.Projects = append(a.CodeBuild.Projects, out...) })
}

// codeBuildProject is the state of one described project.
func codeBuildProject(p cbtypes.Project, region string) state.CodeBuildProject {
	tags := tagMap(p.Tags, func(t cbtypes.Tag) (*string, *string) { return t.Key, t.Value })
	x := state.CodeBuildProject{Meta: meta(str(p.Arn), region, tags), Name: str(p.Name), EncryptionKey: str(p.EncryptionKey),
		Visibility: string(p.ProjectVisibility)}
	addSource := func(s *cbtypes.ProjectSource) {
		if s == nil {
			return
		}
		loc, creds := state.SourceLocation(str(s.Location))
		x.Sources = append(x.Sources, state.CodeBuildSource{Type: string(s.Type), Location: loc, LocationCredentials: creds})
	}
	addSource(p.Source)
	for i := range p.SecondarySources {
		addSource(&p.SecondarySources[i])
	}
	if e := p.Environment; e != nil {
		x.EnvironmentType, x.Image, x.PrivilegedMode = string(e.Type), str(e.Image), b(e.PrivilegedMode)
		for _, v := range e.EnvironmentVariables {
			x.Environment = append(x.Environment, state.CodeBuildEnv(str(v.Name), string(v.Type), str(v.Value)))
		}
	}
	// AWS's defaults when logsConfig or one of its parts is absent.
	x.CloudWatchLogs, x.S3Logs = "ENABLED", "DISABLED"
	if l := p.LogsConfig; l != nil {
		if l.CloudWatchLogs != nil && l.CloudWatchLogs.Status != "" {
			x.CloudWatchLogs = string(l.CloudWatchLogs.Status)
		}
		if l.S3Logs != nil {
			if l.S3Logs.Status != "" {
				x.S3Logs = string(l.S3Logs.Status)
			}
			x.S3LogsEncryptionDisabled = b(l.S3Logs.EncryptionDisabled)
		}
	}
	addArtifact := func(a *cbtypes.ProjectArtifacts) {
		if a == nil {
			return
		}
		x.Artifacts = append(x.Artifacts, state.CodeBuildArtifact{Type: string(a.Type), Identifier: str(a.ArtifactIdentifier),
			EncryptionDisabled: b(a.EncryptionDisabled)})
	}
	addArtifact(p.Artifacts)
	for i := range p.SecondaryArtifacts {
		addArtifact(&p.SecondaryArtifacts[i])
	}
	return x
}
