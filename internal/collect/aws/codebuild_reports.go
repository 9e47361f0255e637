package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/codebuild"
	cbtypes "github.com/aws/aws-sdk-go-v2/service/codebuild/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// codeBuildReportGroups reads a region's report groups (svc-gaps3, FSBP
// CodeBuild.7): ListReportGroups (ARNs, 100 a page), then
// BatchGetReportGroups 100 ARNs a call for their export configuration.
func (c *collector) codeBuildReportGroups(ctx context.Context, region string, cl *codebuild.Client) {
	var arns []string
	err := c.do(ctx, "codebuild", "ListReportGroups", region, "", nil, func(ctx context.Context) error {
		params := codebuild.ListReportGroupsInput{MaxResults: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListReportGroups(ctx, &params)
			if err != nil {
				return nil, err
			}
			arns = append(arns, page.ReportGroups...)
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	var out []state.CodeBuildReportGroup
	for start := 0; start < len(arns); start += codeBuildBatch {
		batch := arns[start:min(start+codeBuildBatch, len(arns))]
		err := c.do(ctx, "codebuild", "BatchGetReportGroups", region, "", nil, func(ctx context.Context) error {
			res, err := cl.BatchGetReportGroups(ctx, &codebuild.BatchGetReportGroupsInput{ReportGroupArns: batch})
			if err != nil {
				return err
			}
			for _, g := range res.ReportGroups {
				out = append(out, codeBuildReportGroup(g, region))
			}
			return nil
		})
		if err != nil {
			break // the region's gap is recorded; the rest would fail alike
		}
	}
	c.rec.Update(func(a *state.Account) { a.CodeBuild.ReportGroups = append(a.CodeBuild.ReportGroups, out...) })
}

// codeBuildReportGroup is the state of one described report group.
func codeBuildReportGroup(g cbtypes.ReportGroup, region string) state.CodeBuildReportGroup {
	tags := tagMap(g.Tags, func(t cbtypes.Tag) (*string, *string) { return t.Key, t.Value })
	x := state.CodeBuildReportGroup{Meta: meta(str(g.Arn), region, tags), Name: str(g.Name), Type: string(g.Type)}
	if e := g.ExportConfig; e != nil {
		x.ExportType = string(e.ExportConfigType)
		if d := e.S3Destination; d != nil {
			x.ExportBucket, x.ExportEncryptionDisabled, x.ExportEncryptionKey = str(d.Bucket), b(d.EncryptionDisabled), str(d.EncryptionKey)
		}
	}
	return x
}
