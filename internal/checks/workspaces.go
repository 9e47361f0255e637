package checks

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// workspacesChecks are the customer's duties on WorkSpaces: encrypted
// volumes, who may connect from where, and with which factors.
func workspacesChecks() []check.Check {
	return []check.Check{
		workspacesRootVolumeEncrypted(),
		workspacesUserVolumeEncrypted(),
		workspacesDirectoryIPAccess(),
		workspacesDirectoryMFA(),
	}
}

func eachWorkspace(a *state.Account, judge func(w state.Workspace) check.Result) []check.Result {
	return eachRegional(a, "workspaces", []state.Input{state.InputWorkSpaces}, a.WorkSpaces.Workspaces, judge)
}

func eachWorkspaceDirectory(a *state.Account, judge func(d state.WorkspaceDirectory) check.Result) []check.Result {
	return eachRegional(a, "workspaces", []state.Input{state.InputWorkSpacesDirectories}, a.WorkSpaces.Directories, judge)
}

func workspacesRootVolumeEncrypted() check.Check {
	return check.Check{
		ID: "workspaces_root_volume_encrypted",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachWorkspace(a, func(w state.Workspace) check.Result {
				if w.RootVolumeEncryption {
					return check.PassR(w, "%s root volume is encrypted", w.ID)
				}
				return check.FailR(w, "%s (%s) root volume is not encrypted", w.ID, w.UserName)
			})
		},
	}
}

func workspacesUserVolumeEncrypted() check.Check {
	return check.Check{
		ID: "workspaces_user_volume_encrypted",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachWorkspace(a, func(w state.Workspace) check.Result {
				if w.UserVolumeEncryption {
					return check.PassR(w, "%s user volume is encrypted", w.ID)
				}
				return check.FailR(w, "%s (%s) user volume is not encrypted", w.ID, w.UserName)
			})
		},
	}
}

func workspacesDirectoryIPAccess() check.Check {
	return check.Check{
		ID: "workspaces_directory_ip_access",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			return eachWorkspaceDirectory(a, func(d state.WorkspaceDirectory) check.Result {
				if len(d.IPGroups) == 0 {
					return check.FailR(d, "directory %s has no IP access control group: connections are accepted from anywhere", d.ID)
				}
				if g, ok := a.Gaps.ForInput(state.InputWorkSpacesIPGroups, d.Region, ""); ok {
					return check.GapR(d, g)
				}
				var open, outside, missing []string
				for _, id := range d.IPGroups {
					grp, ok := findIPGroup(a.WorkSpaces.IPGroups, d.Region, id)
					if !ok {
						missing = append(missing, id)
						continue
					}
					for _, cidr := range grp.Rules {
						switch {
						case cidr == "0.0.0.0/0" || cidr == "::/0":
							open = append(open, id+" "+cidr)
						case len(p.CorporateCIDRs) > 0 && !p.IsCorporate(cidr):
							outside = append(outside, id+" "+cidr)
						}
					}
				}
				switch {
				case len(open) > 0:
					return check.FailR(d, "directory %s admits the whole internet: %s", d.ID, strings.Join(open, ", "))
				case len(outside) > 0:
					return check.FailR(d, "directory %s admits networks outside the policy's corporate CIDRs: %s", d.ID, strings.Join(outside, ", "))
				case len(missing) > 0:
					return check.UnknownR(d, "directory %s uses IP group(s) %s, which were not collected", d.ID, strings.Join(missing, ", "))
				default:
					return check.PassR(d, "directory %s admits only the networks of IP group(s) %s", d.ID, strings.Join(d.IPGroups, ", "))
				}
			})
		},
	}
}

func findIPGroup(groups []state.WorkspaceIPGroup, region, id string) (state.WorkspaceIPGroup, bool) {
	for _, g := range groups {
		if g.ID == id && g.Region == region {
			return g, true
		}
	}
	return state.WorkspaceIPGroup{}, false
}

func workspacesDirectoryMFA() check.Check {
	return check.Check{
		ID: "workspaces_directory_mfa",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachWorkspaceDirectory(a, func(d state.WorkspaceDirectory) check.Result {
				switch {
				case d.MFAEnabled == nil:
					if g, ok := a.Gaps.ForInput(state.InputDirectoryServiceDirectories, d.Region, ""); ok {
						return check.GapR(d, g)
					}
					return check.UnknownR(d, "directory %s: MFA (RADIUS) settings were not collected", d.ID)
				case *d.MFAEnabled:
					return check.PassR(d, "directory %s requires MFA through RADIUS", d.ID)
				default:
					return check.FailR(d, "directory %s (%s) signs users in with a password only", d.ID, d.Type)
				}
			})
		},
	}
}
