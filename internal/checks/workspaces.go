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
		ID:          "workspaces_root_volume_encrypted",
		Title:       "WorkSpaces root volumes are encrypted",
		Description: "The root volume (C: or /) holds the operating system, cached files and whatever users save outside their profile.",
		Area:        check.EncryptionAtRest,
		Service:     "workspaces",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "Encryption is chosen at launch: WorkSpaces > Launch WorkSpaces > Encryption: tick Root volume and User volume, choose a KMS key; rebuild existing desktops as new encrypted WorkSpaces and migrate users.",
			CLI:       "aws workspaces create-workspaces --workspaces 'DirectoryId=<DIR>,UserName=<USER>,BundleId=<BUNDLE>,VolumeEncryptionKey=<KEY_ARN>,RootVolumeEncryptionEnabled=true,UserVolumeEncryptionEnabled=true'",
			Terraform: "resource \"aws_workspaces_workspace\" \"this\" {\n  root_volume_encryption_enabled = true\n  user_volume_encryption_enabled = true\n  volume_encryption_key          = aws_kms_key.workspaces.arn\n}",
		},
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
		ID:          "workspaces_user_volume_encrypted",
		Title:       "WorkSpaces user volumes are encrypted",
		Description: "The user volume (D: or /home) holds the user's profile and documents.",
		Area:        check.EncryptionAtRest,
		Service:     "workspaces",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "Encryption is chosen at launch: WorkSpaces > Launch WorkSpaces > Encryption: tick User volume, choose a KMS key; rebuild existing desktops as new encrypted WorkSpaces.",
			CLI:       "aws workspaces create-workspaces --workspaces 'DirectoryId=<DIR>,UserName=<USER>,BundleId=<BUNDLE>,VolumeEncryptionKey=<KEY_ARN>,UserVolumeEncryptionEnabled=true,RootVolumeEncryptionEnabled=true'",
			Terraform: "resource \"aws_workspaces_workspace\" \"this\" {\n  user_volume_encryption_enabled = true\n  volume_encryption_key          = aws_kms_key.workspaces.arn\n}",
		},
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
		ID:          "workspaces_directory_ip_access",
		Title:       "WorkSpaces directories allow connections only from listed networks",
		Description: "Without an IP access control group, a WorkSpace accepts connections from any IP address on the internet; with one, only from the office and VPN ranges it lists.",
		Area:        check.Network,
		Service:     "workspaces",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "WorkSpaces > IP access controls > Create IP group with the office and VPN CIDRs; Directories > directory > Actions > Update details > IP access control groups > attach it.",
			CLI:       "aws workspaces create-ip-group --group-name office --user-rules ipRule=<CIDR>,ruleDesc=office\naws workspaces associate-ip-groups --directory-id <DIR> --group-ids <GROUP_ID>",
			Terraform: "resource \"aws_workspaces_ip_group\" \"office\" {\n  name = \"office\"\n  rules { source = \"<CIDR>\" }\n}\nresource \"aws_workspaces_directory\" \"this\" {\n  ip_group_ids = [aws_workspaces_ip_group.office.id]\n}",
		},
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
		ID:          "workspaces_directory_mfa",
		Title:       "WorkSpaces directories require multi-factor authentication",
		Description: "A virtual desktop is a full workstation inside the network; a password alone should not open it. WorkSpaces supports MFA through a RADIUS server on AD Connector and AWS Managed Microsoft AD directories.",
		Area:        check.Identity,
		Service:     "workspaces",
		Severity:    check.High,
		Remediation: check.Remediation{
			Console:   "Directory Service > directory > Networking & security > Multi-factor authentication > Actions > Enable: RADIUS server addresses, port, shared secret, protocol.",
			CLI:       "aws ds enable-radius --directory-id <DIR> --radius-settings 'RadiusServers=<IP>,RadiusPort=1812,RadiusTimeout=10,RadiusRetries=3,SharedSecret=<SECRET>,AuthenticationProtocol=PAP,DisplayLabel=MFA,UseSameUsername=true'",
			Terraform: "resource \"aws_directory_service_radius_settings\" \"mfa\" {\n  directory_id            = aws_directory_service_directory.this.id\n  authentication_protocol = \"PAP\"\n  display_label           = \"MFA\"\n  radius_port             = 1812\n  radius_retries          = 3\n  radius_servers          = [\"<IP>\"]\n  radius_timeout          = 10\n  shared_secret           = var.radius_secret\n}",
		},
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
