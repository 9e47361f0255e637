package aws

import (
	"context"
	"sort"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	aatypes "github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"
	"github.com/aws/aws-sdk-go-v2/service/directoryservice"
	dstypes "github.com/aws/aws-sdk-go-v2/service/directoryservice/types"
	"github.com/aws/aws-sdk-go-v2/service/workspaces"
	wstypes "github.com/aws/aws-sdk-go-v2/service/workspaces/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// workspaces reads a region's WorkSpaces, directories, IP access groups
// and owned images. Directory MFA (RADIUS) lives in Directory Service: one
// DescribeDirectories per region (only when WorkSpaces has directories)
// says, per directory, whether RADIUS is configured.
func (c *collector) workspaces(ctx context.Context, region string) {
	cl := workspaces.NewFromConfig(c.cfg, func(o *workspaces.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("workspaces", region))
	})
	arn := func(res string) string { return c.arn("workspaces", region, c.accountID, res) }
	var ws []state.Workspace
	err := c.do(ctx, "workspaces", "DescribeWorkspaces", region, "", nil, func(ctx context.Context) error {
		in := &workspaces.DescribeWorkspacesInput{Limit: sdk.Int32(25)} // the API's maximum page
		for {
			out, err := cl.DescribeWorkspaces(ctx, in)
			if err != nil {
				return err
			}
			for _, w := range out.Workspaces {
				x := state.Workspace{Meta: meta(arn("workspace/"+str(w.WorkspaceId)), region, nil), ID: str(w.WorkspaceId),
					DirectoryID: str(w.DirectoryId), UserName: str(w.UserName), State: string(w.State), BundleID: str(w.BundleId),
					RootVolumeEncryption: b(w.RootVolumeEncryptionEnabled), UserVolumeEncryption: b(w.UserVolumeEncryptionEnabled),
					VolumeEncryptionKey: str(w.VolumeEncryptionKey)}
				if w.WorkspaceProperties != nil {
					x.RunningMode = string(w.WorkspaceProperties.RunningMode)
				}
				ws = append(ws, x)
			}
			if out.NextToken == nil || *out.NextToken == "" {
				return nil
			}
			in.NextToken = out.NextToken
		}
	})
	if err == nil {
		c.bundleImages(ctx, cl, region, ws)
		c.rec.Update(func(a *state.Account) { a.WorkSpaces.Workspaces = append(a.WorkSpaces.Workspaces, ws...) })
	}
	var dirs []state.WorkspaceDirectory
	err = c.do(ctx, "workspaces", "DescribeWorkspaceDirectories", region, "", nil, func(ctx context.Context) error {
		in := &workspaces.DescribeWorkspaceDirectoriesInput{}
		for {
			out, err := cl.DescribeWorkspaceDirectories(ctx, in)
			if err != nil {
				return err
			}
			for _, d := range out.Directories {
				x := state.WorkspaceDirectory{Meta: meta(arn("directory/"+str(d.DirectoryId)), region, nil), ID: str(d.DirectoryId),
					Name: str(d.DirectoryName), Type: string(d.DirectoryType), IPGroups: d.IpGroupIds}
				if p := d.WorkspaceCreationProperties; p != nil {
					x.DefaultInternetAccess, x.MaintenanceMode = b(p.EnableInternetAccess), b(p.EnableMaintenanceMode)
				}
				dirs = append(dirs, x)
			}
			if out.NextToken == nil || *out.NextToken == "" {
				return nil
			}
			in.NextToken = out.NextToken
		}
	})
	if err == nil {
		if len(dirs) > 0 {
			c.directoryMFA(ctx, region, dirs)
		}
		c.rec.Update(func(a *state.Account) { a.WorkSpaces.Directories = append(a.WorkSpaces.Directories, dirs...) })
	}
	var groups []state.WorkspaceIPGroup
	err = c.do(ctx, "workspaces", "DescribeIpGroups", region, "", nil, func(ctx context.Context) error {
		in := &workspaces.DescribeIpGroupsInput{}
		for {
			out, err := cl.DescribeIpGroups(ctx, in)
			if err != nil {
				return err
			}
			for _, g := range out.Result {
				x := state.WorkspaceIPGroup{Meta: meta(arn("workspaceipgroup/"+str(g.GroupId)), region, nil), ID: str(g.GroupId), Name: str(g.GroupName)}
				for _, r := range g.UserRules {
					x.Rules = append(x.Rules, str(r.IpRule))
				}
				groups = append(groups, x)
			}
			if out.NextToken == nil || *out.NextToken == "" {
				return nil
			}
			in.NextToken = out.NextToken
		}
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.WorkSpaces.IPGroups = append(a.WorkSpaces.IPGroups, groups...) })
	}
	var imgs []state.WorkspaceImage
	err = c.do(ctx, "workspaces", "DescribeWorkspaceImages", region, "", nil, func(ctx context.Context) error {
		in := &workspaces.DescribeWorkspaceImagesInput{ImageType: wstypes.ImageTypeOwned}
		for {
			out, err := cl.DescribeWorkspaceImages(ctx, in)
			if err != nil {
				return err
			}
			for _, im := range out.Images {
				x := state.WorkspaceImage{Meta: meta(arn("workspaceimage/"+str(im.ImageId)), region, nil), ID: str(im.ImageId), Name: str(im.Name), State: string(im.State)}
				if im.Updates != nil {
					x.UpdateAvailable = b(im.Updates.UpdateAvailable)
				}
				imgs = append(imgs, x)
			}
			if out.NextToken == nil || *out.NextToken == "" {
				return nil
			}
			in.NextToken = out.NextToken
		}
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.WorkSpaces.Images = append(a.WorkSpaces.Images, imgs...) })
	}
}

// bundleImages sets each WorkSpace's ImageID to the image of its bundle:
// AWS names no image per WorkSpace, but every bundle names the image it
// launches. DescribeWorkspaceBundles takes up to 25 bundle IDs a call,
// whoever owns the bundle (the account or AMAZON), so a region costs one
// call per 25 bundles in use and none without WorkSpaces. A bundle that no
// longer exists leaves its WorkSpaces' image empty (unknown); a failed
// call is a gap for the region.
//
// The image is the bundle's current one: a WorkSpace launched before its
// bundle was updated runs the earlier image until it is rebuilt, and AWS
// offers no API that says which.
func (c *collector) bundleImages(ctx context.Context, cl *workspaces.Client, region string, ws []state.Workspace) {
	seen := map[string]bool{}
	var ids []string
	for _, w := range ws {
		if w.BundleID != "" && !seen[w.BundleID] {
			seen[w.BundleID] = true
			ids = append(ids, w.BundleID)
		}
	}
	sort.Strings(ids)
	image := map[string]string{}
	for len(ids) > 0 {
		batch := ids[:min(25, len(ids))] // the API's maximum
		ids = ids[len(batch):]
		_ = c.do(ctx, "workspaces", "DescribeWorkspaceBundles", region, "", nil, func(ctx context.Context) error {
			in := &workspaces.DescribeWorkspaceBundlesInput{BundleIds: batch}
			for {
				out, err := cl.DescribeWorkspaceBundles(ctx, in)
				if err != nil {
					return err
				}
				for _, b := range out.Bundles {
					image[str(b.BundleId)] = str(b.ImageId)
				}
				if out.NextToken == nil || *out.NextToken == "" {
					return nil
				}
				in.NextToken = out.NextToken
			}
		})
	}
	for i := range ws {
		ws[i].ImageID = image[ws[i].BundleID]
	}
}

// directoryMFA sets MFAEnabled on each directory Directory Service knows:
// true when its RADIUS (MFA) configuration is complete. A directory it does
// not list keeps nil (unknown); a failed call is a gap for the region.
func (c *collector) directoryMFA(ctx context.Context, region string, dirs []state.WorkspaceDirectory) {
	cl := directoryservice.NewFromConfig(c.cfg, func(o *directoryservice.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("ds", region))
	})
	mfa := map[string]bool{}
	err := c.do(ctx, "ds", "DescribeDirectories", region, "", nil, func(ctx context.Context) error {
		params := directoryservice.DescribeDirectoriesInput{}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeDirectories(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, d := range page.DirectoryDescriptions {
				mfa[str(d.DirectoryId)] = d.RadiusStatus == dstypes.RadiusStatusCompleted
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	for i := range dirs {
		if v, ok := mfa[dirs[i].ID]; ok {
			dirs[i].MFAEnabled = sdk.Bool(v)
		}
	}
}

// accessAnalyzer lists a region's IAM Access Analyzer analyzers (they are
// regional; the state keeps them with IAM).
func (c *collector) accessAnalyzer(ctx context.Context, region string) {
	cl := accessanalyzer.NewFromConfig(c.cfg, func(o *accessanalyzer.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("access-analyzer", region))
	})
	var out []state.Analyzer
	err := c.do(ctx, "access-analyzer", "ListAnalyzers", region, "", nil, func(ctx context.Context) error {
		params := accessanalyzer.ListAnalyzersInput{MaxResults: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListAnalyzers(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, a := range page.Analyzers {
				out = append(out, state.Analyzer{Meta: meta(str(a.Arn), region, a.Tags), Name: str(a.Name), Type: string(a.Type), Status: string(a.Status)})
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	c.rec.Update(func(a *state.Account) { a.IAM.AccessAnalyzers = append(a.IAM.AccessAnalyzers, out...) })
	for _, an := range out {
		if an.External() && an.Status == "ACTIVE" {
			c.analyzerFindings(ctx, cl, region, an.ARN)
		}
	}
}

// analyzerFindings reads an external-access analyzer's active findings in
// bulk: one listing answers, for every resource type the analyzer covers,
// which resources are reachable from outside its zone of trust (where
// reading each resource's sharing would take one call per resource). A
// failure is a ListFindingsV2 gap on the analyzer's ARN.
func (c *collector) analyzerFindings(ctx context.Context, cl *accessanalyzer.Client, region, analyzer string) {
	var out []state.AnalyzerFinding
	err := c.do(ctx, "access-analyzer", "ListFindingsV2", region, analyzer, nil, func(ctx context.Context) error {
		params := accessanalyzer.ListFindingsV2Input{AnalyzerArn: sdk.String(analyzer), MaxResults: sdk.Int32(100),
			Filter: map[string]aatypes.Criterion{"status": {Eq: []string{"ACTIVE"}}}}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListFindingsV2(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, f := range page.Findings {
				// An endpoint that ignores the filter must not turn
				// archived or resolved findings into evidence.
				if f.Status != aatypes.FindingStatusActive {
					continue
				}
				out = append(out, state.AnalyzerFinding{ID: str(f.Id), Analyzer: analyzer, Region: region, Resource: str(f.Resource),
					ResourceType: string(f.ResourceType), Status: string(f.Status)})
			}
			return page.NextToken, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.IAM.AnalyzerFindings = append(a.IAM.AnalyzerFindings, out...) })
	}
}
