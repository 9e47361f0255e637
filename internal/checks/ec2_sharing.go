package checks

import (
	"slices"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/exposure"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// ec2SharingChecks are the access-and-sharing checks of EC2 images and
// snapshots and of SSM documents: everything starts private, and any
// sharing is a deliberate decision with a known party.
func ec2SharingChecks() []check.Check {
	return []check.Check{
		ec2SnapshotPublicNotRestorable(),
		ec2SnapshotSharedTrustedOnly(),
		ec2SnapshotPublicAccessBlocked(),
		ec2ImagePublicAccessBlocked(),
		ec2AMINotPublic(),
		ec2AMISharedTrustedOnly(),
		ssmDocumentNotPublic(),
		ssmDocumentSharedTrustedOnly(),
		ssmDocumentPublicSharingBlocked(),
	}
}

// sharedOutsideTrust returns the grantees in shared that are neither the
// account itself nor trusted by the policy; "all" (public) is reported by
// the public-sharing checks and skipped here. A grantee is an account ID or
// (AMI launch permissions) an organization or organizational unit ARN,
// trusted when it is in the policy's own organization.
func sharedOutsideTrust(a *state.Account, p *policy.Policy, shared []string) []string {
	var ids []string
	for _, id := range shared {
		if strings.EqualFold(id, "all") || trustedOrganizationARN(p, id) {
			continue
		}
		ids = append(ids, id)
	}
	return untrustedAccounts(a, p, ids)
}

// trustedOrganizationARN reports whether grantee is the ARN of the policy's
// own organization (arn:aws:organizations::MGMT:organization/o-ID) or of
// an organizational unit in it (arn:aws:organizations::MGMT:ou/o-ID/ou-ID).
// Organization IDs are unique across AWS, so the ID alone says whose it
// is. The policy's trusted_organizations are trusted too (as
// exposure.NewContext trusts them); any other organization is untrusted.
func trustedOrganizationARN(p *policy.Policy, grantee string) bool {
	if p == nil || arnPart(grantee, 2) != "organizations" {
		return false
	}
	res := arnPart(grantee, 5)
	var org string
	switch {
	case strings.HasPrefix(res, "organization/"):
		org = strings.TrimPrefix(res, "organization/")
	case strings.HasPrefix(res, "ou/"):
		org, _, _ = strings.Cut(strings.TrimPrefix(res, "ou/"), "/")
	}
	if org == "" {
		return false
	}
	return slices.Contains(exposure.TrustedOrganizations(p), org)
}

func ec2SnapshotPublicNotRestorable() check.Check {
	return check.Check{
		ID: "ec2_snapshot_public_not_restorable",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "ec2", []state.Input{state.InputEC2Snapshots}, a.EC2.Snapshots, func(s state.Snapshot) check.Result {
				// Where the public snapshots were listed in bulk, the
				// snapshot's own sharing attribute is not needed.
				if g, ok := a.Gaps.ForInput(state.InputEC2SnapshotSharing, s.Region, s.ARN); ok && !a.EC2.PublicListed(s.Region) {
					return check.GapR(s, g)
				}
				if s.Public() {
					if st, ok := a.EC2.Settings(s.Region); ok && st.SnapshotBlockPublicAccess == "block-all-sharing" {
						return check.PassR(s, "%s is marked public but block-all-sharing stops public access in %s", s.ID, s.Region)
					}
					return check.FailR(s, "%s can be restored by anyone", s.ID)
				}
				return check.PassR(s, "%s is not public", s.ID)
			})
		},
	}
}

func ec2SnapshotSharedTrustedOnly() check.Check {
	return check.Check{
		ID: "ec2_snapshot_shared_trusted_only",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			return eachRegional(a, "ec2", []state.Input{state.InputEC2Snapshots}, a.EC2.Snapshots, func(s state.Snapshot) check.Result {
				// Only the snapshot's own attribute names the accounts; the
				// bulk public listing does not. Where it was not read, IAM
				// Access Analyzer's findings may answer.
				if g, ok := a.Gaps.ForInput(state.InputEC2SnapshotSharing, s.Region, s.ARN); ok {
					an, found, covered := analyzerEvidence(a, s.Region, snapshotFinding(s.ID))
					switch {
					case len(found) > 0 && (p == nil || len(p.TrustedAccounts) == 0):
						return check.FailR(s, "%s can be reached from outside the account (Access Analyzer finding %s) and the policy trusts no other account", s.ID, found[0].ID)
					case covered && len(found) == 0:
						return check.PassR(s, "%s is shared with no other account: Access Analyzer analyzer %s reports no access from outside the account (as of its last analysis; the snapshot's own sharing was not read)", s.ID, an)
					}
					return check.GapR(s, g)
				}
				if bad := sharedOutsideTrust(a, p, s.SharedWith); len(bad) > 0 {
					return check.FailR(s, "%s is shared with accounts the policy does not trust: %s", s.ID, strings.Join(bad, ", "))
				}
				return check.PassR(s, "%s is shared with no untrusted account", s.ID)
			})
		},
	}
}

// regionSettingCheck evaluates an EC2 account setting that must be on in
// every region, per scanned region (enabled regions not scanned are unknown).
func regionSettingCheck(a *state.Account, setting state.Input, f func(r string, s state.EC2RegionSettings) check.Result) []check.Result {
	var out []check.Result
	for _, r := range everyRegion(a, "ec2", &out) {
		ref := regionRef(a, "ec2", r)
		if g, ok := a.Gaps.ForInput(setting, r, ""); ok {
			out = append(out, check.GapR(ref, g))
			continue
		}
		s, ok := a.EC2.Settings(r)
		if !ok {
			out = append(out, check.UnknownR(ref, "EC2 account settings were not collected in %s", r))
			continue
		}
		out = append(out, f(r, s))
	}
	return out
}

func ec2SnapshotPublicAccessBlocked() check.Check {
	return check.Check{
		ID: "ec2_snapshot_public_access_blocked",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return regionSettingCheck(a, state.InputEC2SnapshotBlockPublicAccess, func(r string, s state.EC2RegionSettings) check.Result {
				ref := regionRef(a, "ec2", r)
				switch s.SnapshotBlockPublicAccess {
				case "block-all-sharing":
					return check.PassR(ref, "snapshot block public access is block-all-sharing in %s", r)
				case "block-new-sharing":
					for _, sn := range a.EC2.Snapshots {
						if sn.Region == r && sn.Public() {
							return check.FailR(ref, "snapshot block public access is only block-new-sharing in %s and %s is still public", r, sn.ID)
						}
					}
					if g, ok := a.Gaps.ForInput(state.InputEC2Snapshots, r, ""); ok {
						return check.GapR(ref, g)
					}
					// A snapshot whose sharing could not be read may be the
					// public one, unless the public ones were listed in bulk.
					for _, sn := range a.EC2.Snapshots {
						if sn.Region != r || a.EC2.PublicListed(r) {
							continue
						}
						if g, ok := a.Gaps.ForInput(state.InputEC2SnapshotSharing, r, sn.ARN); ok {
							return check.GapR(ref, g)
						}
					}
					return check.PassR(ref, "snapshot block public access is block-new-sharing in %s and no snapshot is public", r)
				case "":
					return check.UnknownR(ref, "snapshot block public access was not collected in %s", r)
				}
				return check.FailR(ref, "snapshot block public access is %s in %s", s.SnapshotBlockPublicAccess, r)
			})
		},
	}
}

func ec2ImagePublicAccessBlocked() check.Check {
	return check.Check{
		ID: "ec2_image_public_access_blocked",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return regionSettingCheck(a, state.InputEC2ImageBlockPublicAccess, func(r string, s state.EC2RegionSettings) check.Result {
				ref := regionRef(a, "ec2", r)
				switch s.ImageBlockPublicAccess {
				case "block-new-sharing":
					return check.PassR(ref, "AMI block public access is on in %s", r)
				case "":
					return check.UnknownR(ref, "AMI block public access was not collected in %s", r)
				}
				return check.FailR(ref, "AMI block public access is %s in %s", s.ImageBlockPublicAccess, r)
			})
		},
	}
}

// ownedImages are the AMIs the account owns (not the foreign AMIs recorded
// only because instances use them).
func ownedImages(a *state.Account) []state.Image {
	var out []state.Image
	for _, im := range a.EC2.Images {
		if !im.InUseOnly && (im.OwnerID == "" || im.OwnerID == a.AccountID) {
			out = append(out, im)
		}
	}
	return out
}

func ec2AMINotPublic() check.Check {
	return check.Check{
		ID: "ec2_ami_not_public",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "ec2", []state.Input{state.InputEC2Images}, ownedImages(a), func(im state.Image) check.Result {
				if im.Public {
					return check.FailR(im, "AMI %s (%s) is public", im.ID, im.Name)
				}
				return check.PassR(im, "AMI %s is not public", im.ID)
			})
		},
	}
}

func ec2AMISharedTrustedOnly() check.Check {
	return check.Check{
		ID: "ec2_ami_shared_trusted_only",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			return eachRegional(a, "ec2", []state.Input{state.InputEC2Images}, ownedImages(a), func(im state.Image) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputEC2ImageSharing, im.Region, im.ARN); ok {
					return check.GapR(im, g)
				}
				if bad := sharedOutsideTrust(a, p, im.SharedWith); len(bad) > 0 {
					return check.FailR(im, "AMI %s is shared with accounts the policy does not trust: %s", im.ID, strings.Join(bad, ", "))
				}
				return check.PassR(im, "AMI %s is shared with no untrusted account", im.ID)
			})
		},
	}
}

func ssmDocumentNotPublic() check.Check {
	return check.Check{
		ID: "ssm_document_not_public",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "ssm", []state.Input{state.InputSSMDocuments}, a.SSM.Documents, func(d state.SSMDocument) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputSSMDocumentSharing, d.Region, d.ARN); ok {
					return check.GapR(d, g)
				}
				if d.Public {
					return check.FailR(d, "document %s is public", d.Name)
				}
				return check.PassR(d, "document %s is not public", d.Name)
			})
		},
	}
}

func ssmDocumentSharedTrustedOnly() check.Check {
	return check.Check{
		ID: "ssm_document_shared_trusted_only",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			return eachRegional(a, "ssm", []state.Input{state.InputSSMDocuments}, a.SSM.Documents, func(d state.SSMDocument) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputSSMDocumentSharing, d.Region, d.ARN); ok {
					return check.GapR(d, g)
				}
				if bad := sharedOutsideTrust(a, p, d.SharedWith); len(bad) > 0 {
					return check.FailR(d, "document %s is shared with accounts the policy does not trust: %s", d.Name, strings.Join(bad, ", "))
				}
				return check.PassR(d, "document %s is shared with no untrusted account", d.Name)
			})
		},
	}
}

func ssmDocumentPublicSharingBlocked() check.Check {
	return check.Check{
		ID: "ssm_document_public_sharing_blocked",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var out []check.Result
			for _, r := range everyRegion(a, "ssm", &out) {
				ref := regionRef(a, "ssm", r)
				if g, ok := a.Gaps.ForInput(state.InputSSMDocumentSharingSetting, r, ""); ok {
					out = append(out, check.GapR(ref, g))
					continue
				}
				s, ok := a.SSM.Settings(r)
				switch {
				case !ok:
					out = append(out, check.UnknownR(ref, "SSM service settings were not collected in %s", r))
				case s.DocumentPublicSharingBlocked:
					out = append(out, check.PassR(ref, "public sharing of SSM documents is blocked in %s", r))
				default:
					out = append(out, check.FailR(ref, "public sharing of SSM documents is allowed in %s", r))
				}
			}
			return out
		},
	}
}
