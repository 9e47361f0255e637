package checks

import (
	"net/netip"

	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func workspacesCases() map[string][]checkCase {
	ws := func(root, user bool) func(*state.Account) {
		return func(a *state.Account) {
			a.WorkSpaces.Workspaces = append(a.WorkSpaces.Workspaces, state.Workspace{Meta: state.Meta{ARN: "arn:aws:workspaces:eu-west-1:" + testAccountID + ":workspace/ws-1", Region: "eu-west-1"},
				ID: "ws-1", DirectoryID: "d-1", UserName: "anna", RootVolumeEncryption: root, UserVolumeEncryption: user})
		}
	}
	yes, no := true, false
	dir := func(mfa *bool, groups ...string) func(*state.Account) {
		return func(a *state.Account) {
			a.WorkSpaces.Directories = append(a.WorkSpaces.Directories, state.WorkspaceDirectory{Meta: state.Meta{ARN: "arn:aws:workspaces:eu-west-1:" + testAccountID + ":directory/d-1", Region: "eu-west-1"},
				ID: "d-1", Type: "AD_CONNECTOR", IPGroups: groups, MFAEnabled: mfa})
		}
	}
	ipg := func(id string, rules ...string) func(*state.Account) {
		return func(a *state.Account) {
			a.WorkSpaces.IPGroups = append(a.WorkSpaces.IPGroups, state.WorkspaceIPGroup{Meta: state.Meta{ARN: "arn:aws:workspaces:eu-west-1:" + testAccountID + ":workspaceipgroup/" + id, Region: "eu-west-1"}, ID: id, Rules: rules})
		}
	}
	wsDenied := checkCase{name: "workspaces denied", acct: baseAccount(ws(true, true), dsGap("workspaces", "eu-west-1", "DescribeWorkspaces", "")), want: dsWant(dsU)}
	dirDenied := checkCase{name: "directories denied", acct: baseAccount(dir(&yes, "g1"), dsGap("workspaces", "eu-west-1", "DescribeWorkspaceDirectories", "")), want: dsWant(dsU)}
	corp := &policy.Policy{CorporateCIDRs: []netip.Prefix{netip.MustParsePrefix("198.51.100.0/24")}}
	return map[string][]checkCase{
		"workspaces_root_volume_encrypted": {
			{name: "on", acct: baseAccount(ws(true, false)), want: dsWant(dsP)},
			{name: "off", acct: baseAccount(ws(false, true)), want: dsWant(dsF)},
			wsDenied,
		},
		"workspaces_user_volume_encrypted": {
			{name: "on", acct: baseAccount(ws(false, true)), want: dsWant(dsP)},
			{name: "off", acct: baseAccount(ws(true, false)), want: dsWant(dsF)},
			wsDenied,
		},
		"workspaces_directory_ip_access": {
			{name: "office only", acct: baseAccount(dir(&yes, "g1"), ipg("g1", "198.51.100.0/24")), pol: corp, want: dsWant(dsP)},
			{name: "no policy cidrs", acct: baseAccount(dir(&yes, "g1"), ipg("g1", "203.0.113.0/24")), want: dsWant(dsP)},
			{name: "outside corporate", acct: baseAccount(dir(&yes, "g1"), ipg("g1", "203.0.113.0/24")), pol: corp, want: dsWant(dsF), msg: "outside"},
			{name: "whole internet", acct: baseAccount(dir(&yes, "g1"), ipg("g1", "0.0.0.0/0")), want: dsWant(dsF), msg: "whole internet"},
			{name: "no group", acct: baseAccount(dir(&yes)), want: dsWant(dsF), msg: "from anywhere"},
			{name: "group not collected", acct: baseAccount(dir(&yes, "g9")), want: dsWant(dsU)},
			{name: "groups denied", acct: baseAccount(dir(&yes, "g1"), dsGap("workspaces", "eu-west-1", "DescribeIpGroups", "")), want: dsWant(dsU)},
			dirDenied,
		},
		"workspaces_directory_mfa": {
			{name: "on", acct: baseAccount(dir(&yes)), want: dsWant(dsP)},
			{name: "off", acct: baseAccount(dir(&no)), want: dsWant(dsF)},
			{name: "not collected", acct: baseAccount(dir(nil)), want: dsWant(dsU)},
			{name: "directory service denied", acct: baseAccount(dir(nil), dsGap("ds", "eu-west-1", "DescribeDirectories", "")), want: dsWant(dsU), msg: "access_denied"},
			dirDenied,
		},
	}
}
