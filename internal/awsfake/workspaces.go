package awsfake

func (s *Server) workspacesService() *service {
	return &service{name: "workspaces", proto: protoJSON, ops: map[string]handler{
		"DescribeWorkspaces":           wsDescribeWorkspaces,
		"DescribeWorkspaceDirectories": wsDescribeDirectories,
		"DescribeIpGroups":             wsDescribeIPGroups,
		"DescribeWorkspaceImages":      wsDescribeImages,
		"DescribeWorkspaceBundles":     wsDescribeBundles,
	}}
}

// wsPage pages with WorkSpaces' Limit or MaxResults (1..25) and NextToken.
func (c *call) wsPage(param string, n int) (start, end int, next string, err error) {
	limit, err := c.num(param, 0)
	if err != nil {
		return 0, 0, "", err
	}
	if limit < 0 || limit > 25 {
		return 0, 0, "", errf(400, "InvalidParameterValuesException", "%s must be between 1 and 25", param)
	}
	return page(c.action, n, c.str("NextToken"), limit, 25, 25)
}

func wsDescribeWorkspaces(c *call) (*reply, error) {
	xs := c.s.idx.workspaces[c.region]
	start, end, next, err := c.wsPage("Limit", len(xs))
	if err != nil {
		return nil, err
	}
	type props struct {
		RunningMode string `json:"RunningMode,omitempty"`
	}
	type ws struct {
		WorkspaceID                 string `json:"WorkspaceId"`
		DirectoryID                 string `json:"DirectoryId"`
		UserName                    string `json:"UserName,omitempty"`
		State                       string `json:"State,omitempty"`
		BundleID                    string `json:"BundleId,omitempty"`
		RootVolumeEncryptionEnabled bool   `json:"RootVolumeEncryptionEnabled"`
		UserVolumeEncryptionEnabled bool   `json:"UserVolumeEncryptionEnabled"`
		VolumeEncryptionKey         string `json:"VolumeEncryptionKey,omitempty"`
		WorkspaceProperties         props  `json:"WorkspaceProperties"`
	}
	out := struct {
		Workspaces []ws    `json:"Workspaces"`
		NextToken  *string `json:"NextToken,omitempty"`
	}{Workspaces: []ws{}, NextToken: sp(next)}
	for _, w := range xs[start:end] {
		out.Workspaces = append(out.Workspaces, ws{w.ID, w.DirectoryID, w.UserName, w.State, w.BundleID,
			w.RootVolumeEncryption, w.UserVolumeEncryption, w.VolumeEncryptionKey, props{w.RunningMode}})
	}
	return c.rawJSON(out)
}

func wsDescribeDirectories(c *call) (*reply, error) {
	xs := c.s.idx.directories[c.region]
	start, end, next, err := c.wsPage("Limit", len(xs))
	if err != nil {
		return nil, err
	}
	type creation struct {
		EnableInternetAccess  bool `json:"EnableInternetAccess"`
		EnableMaintenanceMode bool `json:"EnableMaintenanceMode"`
	}
	type dir struct {
		DirectoryID                 string   `json:"DirectoryId"`
		DirectoryName               string   `json:"DirectoryName,omitempty"`
		DirectoryType               string   `json:"DirectoryType,omitempty"`
		State                       string   `json:"State"`
		IPGroupIDs                  []string `json:"ipGroupIds"`
		WorkspaceCreationProperties creation `json:"WorkspaceCreationProperties"`
	}
	out := struct {
		Directories []dir   `json:"Directories"`
		NextToken   *string `json:"NextToken,omitempty"`
	}{Directories: []dir{}, NextToken: sp(next)}
	for _, d := range xs[start:end] {
		out.Directories = append(out.Directories, dir{d.ID, d.Name, d.Type, "REGISTERED", nonNil(d.IPGroups),
			creation{d.DefaultInternetAccess, d.MaintenanceMode}})
	}
	return c.rawJSON(out)
}

func wsDescribeIPGroups(c *call) (*reply, error) {
	xs := c.s.idx.ipGroups[c.region]
	start, end, next, err := c.wsPage("MaxResults", len(xs))
	if err != nil {
		return nil, err
	}
	type rule struct {
		IPRule string `json:"ipRule"`
	}
	type grp struct {
		GroupID   string `json:"groupId"`
		GroupName string `json:"groupName,omitempty"`
		UserRules []rule `json:"userRules"`
	}
	out := struct {
		Result    []grp   `json:"Result"`
		NextToken *string `json:"NextToken,omitempty"`
	}{Result: []grp{}, NextToken: sp(next)}
	for _, g := range xs[start:end] {
		rs := []rule{}
		for _, r := range g.Rules {
			rs = append(rs, rule{r})
		}
		out.Result = append(out.Result, grp{g.ID, g.Name, rs})
	}
	return c.rawJSON(out)
}

func wsDescribeImages(c *call) (*reply, error) {
	xs := c.s.idx.wsImages[c.region]
	start, end, next, err := c.wsPage("MaxResults", len(xs))
	if err != nil {
		return nil, err
	}
	type updates struct {
		UpdateAvailable bool `json:"UpdateAvailable"`
	}
	type img struct {
		ImageID        string  `json:"ImageId"`
		Name           string  `json:"Name,omitempty"`
		State          string  `json:"State,omitempty"`
		OwnerAccountID string  `json:"OwnerAccountId"`
		Updates        updates `json:"Updates"`
	}
	out := struct {
		Images    []img   `json:"Images"`
		NextToken *string `json:"NextToken,omitempty"`
	}{Images: []img{}, NextToken: sp(next)}
	for _, im := range xs[start:end] {
		out.Images = append(out.Images, img{im.ID, im.Name, im.State, c.s.acct.AccountID, updates{im.UpdateAvailable}})
	}
	return c.rawJSON(out)
}

// wsBundles derives the region's bundles from its WorkSpaces: each bundle
// ID with the image of its first WorkSpace that names one (the state keeps
// an image per WorkSpace; AWS keeps it per bundle).
func (c *call) wsBundles() (ids []string, image map[string]string) {
	image = map[string]string{}
	for _, w := range c.s.idx.workspaces[c.region] {
		if w.BundleID == "" {
			continue
		}
		if _, ok := image[w.BundleID]; !ok {
			ids = append(ids, w.BundleID)
		}
		if image[w.BundleID] == "" {
			image[w.BundleID] = w.ImageID
		}
	}
	return ids, image
}

// wsDescribeBundles serves DescribeWorkspaceBundles: the bundles named by
// BundleIds (1..25), or all of them; BundleIds and Owner exclude each
// other, as AWS says. Unknown IDs are left out of the answer.
func wsDescribeBundles(c *call) (*reply, error) {
	want := c.strs("BundleIds")
	if len(want) > 25 {
		return nil, errf(400, "InvalidParameterValuesException", "BundleIds holds at most 25 IDs")
	}
	if len(want) > 0 && c.str("Owner") != "" {
		return nil, errf(400, "InvalidParameterValuesException", "BundleIds cannot be combined with Owner")
	}
	ids, image := c.wsBundles()
	if len(want) > 0 {
		var keep []string
		for _, id := range ids {
			if containsStr(want, id) {
				keep = append(keep, id)
			}
		}
		ids = keep
	}
	start, end, next, err := page(c.action, len(ids), c.str("NextToken"), 0, 25, 25)
	if err != nil {
		return nil, err
	}
	type bundle struct {
		BundleID string `json:"BundleId"`
		Name     string `json:"Name"`
		Owner    string `json:"Owner"`
		ImageID  string `json:"ImageId,omitempty"`
		State    string `json:"State"`
	}
	out := struct {
		Bundles   []bundle `json:"Bundles"`
		NextToken *string  `json:"NextToken,omitempty"`
	}{Bundles: []bundle{}, NextToken: sp(next)}
	for _, id := range ids[start:end] {
		out.Bundles = append(out.Bundles, bundle{id, id, c.s.acct.AccountID, image[id], "AVAILABLE"})
	}
	return c.rawJSON(out)
}
