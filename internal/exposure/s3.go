package exposure

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// The one rule every part of shoulder that asks "is this S3 bucket public?"
// applies (s3_bucket_policy_not_public, s3_bucket_acl_not_public,
// s3_bucket_no_public_write, cloudtrail_bucket_not_public and the data
// map), so that two of them can never judge the same bucket differently.
//
// A bucket is public when its policy or its ACL grants access to everyone
// and Block Public Access does not neutralise that grant:
//
//   - Block Public Access is the most restrictive combination of the
//     account's settings (s3control) and the bucket's, setting by setting.
//   - Only IgnorePublicAcls neutralises an existing public ACL, and only
//     RestrictPublicBuckets neutralises an existing public policy (access is
//     then limited to the owner account and AWS services). BlockPublicAcls
//     and BlockPublicPolicy only refuse new public ACLs and policies; they
//     leave the ones in place working.
//   - An ACL is public when it grants any permission to AllUsers or
//     AuthenticatedUsers; under Object Ownership BucketOwnerEnforced ACLs
//     are disabled and grant nothing.
//   - A policy is public when Judge finds a Public grant (to everyone with
//     nothing narrowing it, or to a web identity provider with no audience),
//     or when S3's own GetBucketPolicyStatus says so: either verdict
//     suffices, so a disagreement between the two never hides a public
//     policy.
//
// Unknown is never pass: a setting that could not be read leaves the
// verdict undecided unless what was read already decides it (a Block
// Public Access setting that was read and neutralises the channel, or
// another channel that is open).

// Channel is how one way into a bucket (its policy or its ACL) stands.
type Channel int

const (
	// Closed: the channel grants nothing to everyone.
	Closed Channel = iota
	// Blocked: the channel grants to everyone (or may: it could not be
	// read) but Block Public Access neutralises it.
	Blocked
	// Open: the channel grants to everyone and nothing blocks it.
	Open
	// Undecided: data needed to decide could not be read.
	Undecided
)

// Scope selects which public grants count.
type Scope int

const (
	// AnyAccess counts every grant to everyone.
	AnyAccess Scope = iota
	// WriteAccess counts only grants that let everyone change or destroy
	// data or access rules.
	WriteAccess
)

// S3WriteActions are the actions that let a caller change or destroy a
// bucket's data or its access rules.
var S3WriteActions = []string{"s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObjectAcl", "s3:PutBucketAcl", "s3:PutBucketPolicy", "s3:DeleteBucket", "s3:DeleteBucketPolicy", "s3:PutLifecycleConfiguration"}

// isACLWrite reports whether an ACL permission lets the grantee write
// objects or rewrite the ACL.
func isACLWrite(perm string) bool {
	return perm == "WRITE" || perm == "WRITE_ACP" || perm == "FULL_CONTROL"
}

// PublicGrantee names the group an ACL grant opens a bucket to: AllUsers
// (anyone) or AuthenticatedUsers (anyone with an AWS account); "" when the
// grantee is neither.
func PublicGrantee(g state.ACLGrant) string {
	switch g.GranteeURI {
	case state.AllUsersURI:
		return "AllUsers"
	case state.AuthenticatedUsersURI:
		return "AuthenticatedUsers"
	}
	return ""
}

// EffectivePAB merges account and bucket Block Public Access: S3 applies
// the most restrictive combination, setting by setting.
func EffectivePAB(acct, bucket *state.PublicAccessBlock) *state.PublicAccessBlock {
	var e state.PublicAccessBlock
	for _, p := range []*state.PublicAccessBlock{acct, bucket} {
		if p == nil {
			continue
		}
		e.BlockPublicAcls = e.BlockPublicAcls || p.BlockPublicAcls
		e.IgnorePublicAcls = e.IgnorePublicAcls || p.IgnorePublicAcls
		e.BlockPublicPolicy = e.BlockPublicPolicy || p.BlockPublicPolicy
		e.RestrictPublicBuckets = e.RestrictPublicBuckets || p.RestrictPublicBuckets
	}
	return &e
}

// BlockPublicAccess returns the Block Public Access in effect for a bucket
// (account and bucket settings combined) and a gap when either could not be
// read; with a gap, the returned settings are a lower bound.
func BlockPublicAccess(a *state.Account, b *state.Bucket) (*state.PublicAccessBlock, *state.Gap) {
	var gap *state.Gap
	acct, bucket := a.S3.AccountPublicAccessBlock, b.PublicAccessBlock
	// The gaps are copied before their address is taken: a g whose
	// address escapes is allocated on every call, gap or not.
	if g, ok := a.Gaps.ForInput(state.InputS3AccountPublicAccessBlock, "", ""); ok {
		gc := g
		acct, gap = nil, &gc
	}
	if g, ok := a.Gaps.ForInput(state.InputS3BucketPublicAccessBlock, b.Region, b.ARN); ok {
		gc := g
		bucket, gap = nil, &gc
	}
	return EffectivePAB(acct, bucket), gap
}

// ChannelVerdict is the judgement of one way into a bucket.
type ChannelVerdict struct {
	Exposure Channel
	// Grants describes the grants to everyone (open or blocked).
	Grants []string
	// BlockedBy names what neutralises the channel when blocked.
	BlockedBy string
	// Gap is why the channel is undecided (or its sharing unknown), when a
	// read failed.
	Gap *state.Gap
	// Reason is why the channel is undecided, when no read failed (a policy
	// that cannot be parsed).
	Reason string
	// Sharing is the policy's verdict (policy channel only; Unknown when
	// the policy could not be read).
	Sharing Verdict
	// Shares are the ACL's grants to other accounts' canonical users (ACL
	// channel only); Block Public Access leaves them working.
	Shares []Grant
}

// BucketVerdict is the judgement of a whole bucket: its two channels and
// the Block Public Access in effect.
type BucketVerdict struct {
	Policy, ACL ChannelVerdict
	// BPA is the effective Block Public Access; a lower bound when BPAGap
	// is set.
	BPA    *state.PublicAccessBlock
	BPAGap *state.Gap
}

// Public combines the channels: Open when either channel is open,
// Undecided when neither is open and either is undecided, Closed
// otherwise.
func (bp BucketVerdict) Public() Channel {
	switch {
	case bp.Policy.Exposure == Open || bp.ACL.Exposure == Open:
		return Open
	case bp.Policy.Exposure == Undecided || bp.ACL.Exposure == Undecided:
		return Undecided
	default:
		return Closed
	}
}

// Undecided returns the first undecided channel (policy before ACL).
func (bp BucketVerdict) Undecided() ChannelVerdict {
	if bp.Policy.Exposure == Undecided {
		return bp.Policy
	}
	return bp.ACL
}

// SharingGap returns the first read failure that leaves the bucket's
// sharing (policy or ACL) unknown.
func (bp BucketVerdict) SharingGap() *state.Gap {
	if bp.Policy.Gap != nil && bp.Policy.Sharing.Level == Unknown {
		return bp.Policy.Gap
	}
	return bp.ACL.Gap
}

// UndecidedWhy says why the first undecided channel is undecided.
func (v ChannelVerdict) UndecidedWhy() string {
	if v.Gap != nil {
		return "could not read " + v.Gap.String()
	}
	return v.Reason
}

// OpenGrants describes the open grants of both channels.
func (bp BucketVerdict) OpenGrants() []string {
	var out []string
	if bp.Policy.Exposure == Open {
		out = append(out, "the bucket policy grants to everyone: "+strings.Join(bp.Policy.Grants, "; "))
	}
	if bp.ACL.Exposure == Open {
		out = append(out, "the ACL grants "+strings.Join(bp.ACL.Grants, ", "))
	}
	return out
}

// BlockedGrants describes the neutralised grants of both channels.
func (bp BucketVerdict) BlockedGrants() []string {
	var out []string
	for _, c := range []struct {
		name string
		v    ChannelVerdict
	}{{"bucket policy", bp.Policy}, {"ACL", bp.ACL}} {
		if c.v.Exposure != Blocked || len(c.v.Grants) == 0 {
			continue
		}
		out = append(out, c.name+": "+strings.Join(c.v.Grants, "; ")+" (neutralised by "+c.v.BlockedBy+")")
	}
	return out
}

// Level is the bucket's exposure level: Public when a channel is open,
// Unknown when undecided or when the policy's or the ACL's sharing could
// not be read,
// otherwise the most exposed of the policy's other grants (grants to
// everyone that Block Public Access neutralises do not count) and the
// ACL's shares.
func (bp BucketVerdict) Level() Level {
	switch bp.Public() {
	case Open:
		return Public
	case Undecided:
		return Unknown
	}
	if bp.Policy.Sharing.Level == Unknown || bp.ACL.Gap != nil {
		return Unknown
	}
	l := Private
	for _, g := range append(bp.Policy.Sharing.Grants, bp.ACL.Shares...) {
		if g.Level != Public && g.Level > l {
			l = g.Level
		}
	}
	return l
}

// JudgeBucket applies the rule above to bucket b.
func JudgeBucket(a *state.Account, b *state.Bucket, c Context, scope Scope) BucketVerdict {
	bpa, gap := BlockPublicAccess(a, b)
	return BucketVerdict{
		Policy: judgeBucketPolicy(a, b, c, scope, bpa, gap),
		ACL:    judgeBucketACL(a, b, c, scope, bpa, gap),
		BPA:    bpa,
		BPAGap: gap,
	}
}

// BucketPolicy judges only the policy channel of bucket b.
func BucketPolicy(a *state.Account, b *state.Bucket, c Context, scope Scope) ChannelVerdict {
	bpa, gap := BlockPublicAccess(a, b)
	return judgeBucketPolicy(a, b, c, scope, bpa, gap)
}

// BucketACL judges only the ACL channel of bucket b.
func BucketACL(a *state.Account, b *state.Bucket, c Context, scope Scope) ChannelVerdict {
	bpa, gap := BlockPublicAccess(a, b)
	return judgeBucketACL(a, b, c, scope, bpa, gap)
}

func judgeBucketPolicy(a *state.Account, b *state.Bucket, c Context, scope Scope, bpa *state.PublicAccessBlock, bpaGap *state.Gap) ChannelVerdict {
	const restrict = "RestrictPublicBuckets"
	if gv, ok := a.Gaps.ForInput(state.InputS3BucketPolicy, b.Region, b.ARN); ok {
		g := gv // copied: a gv whose address escapes is allocated on every call
		unread := Verdict{Level: Unknown, Err: gapError{g}}
		if bpa.RestrictPublicBuckets {
			// Whatever the unread policy says, S3 limits a public one to
			// the owner account and AWS services.
			return ChannelVerdict{Exposure: Blocked, BlockedBy: restrict, Gap: &g, Sharing: unread}
		}
		return ChannelVerdict{Exposure: Undecided, Gap: &g, Sharing: unread}
	}
	sh := Judge(b.Policy, c)
	if sh.Empty {
		return ChannelVerdict{Exposure: Closed, Sharing: sh}
	}
	if sh.Err != nil {
		if bpa.RestrictPublicBuckets {
			return ChannelVerdict{Exposure: Blocked, BlockedBy: restrict, Sharing: sh, Reason: "bucket policy of " + b.Name + ": " + sh.Err.Error()}
		}
		return ChannelVerdict{Exposure: Undecided, Reason: "bucket policy of " + b.Name + ": " + sh.Err.Error(), Sharing: sh}
	}
	var grants []string
	switch scope {
	case WriteAccess:
		for _, g := range sh.At(Public) {
			for _, act := range S3WriteActions {
				if g.Covers(act) {
					grants = append(grants, g.String()+", which covers "+act)
					break
				}
			}
		}
	default:
		grants = append(grants, sh.Describe(Public)...)
		// S3's verdict is not per action, so it counts only for "any
		// access"; where our analysis found nothing it still decides.
		if len(grants) == 0 && b.PolicyIsPublic != nil && *b.PolicyIsPublic {
			grants = append(grants, "S3 itself reports the policy as public (GetBucketPolicyStatus)")
		}
	}
	v := channel(grants, bpa.RestrictPublicBuckets, restrict, bpaGap)
	v.Sharing = sh
	return v
}

// channel decides a channel whose grants to everyone are grants: closed
// when there are none, blocked when the Block Public Access setting that
// neutralises this channel (blockedBy) is on, undecided when some setting
// could not be read (it may be the one that neutralises it), open
// otherwise.
func channel(grants []string, blocked bool, blockedBy string, bpaGap *state.Gap) ChannelVerdict {
	switch {
	case len(grants) == 0:
		return ChannelVerdict{Exposure: Closed}
	case blocked:
		return ChannelVerdict{Exposure: Blocked, Grants: grants, BlockedBy: blockedBy}
	case bpaGap != nil:
		return ChannelVerdict{Exposure: Undecided, Grants: grants, Gap: bpaGap}
	default:
		return ChannelVerdict{Exposure: Open, Grants: grants}
	}
}

func judgeBucketACL(a *state.Account, b *state.Bucket, c Context, scope Scope, bpa *state.PublicAccessBlock, bpaGap *state.Gap) ChannelVerdict {
	const ignore = "IgnorePublicAcls"
	if b.ObjectOwnership == "BucketOwnerEnforced" {
		return ChannelVerdict{Exposure: Closed} // ACLs are disabled
	}
	// An unread Object Ownership does not matter once the ACL is read: S3
	// refuses BucketOwnerEnforced while the bucket ACL grants to anyone but
	// the owner, and under it GetBucketAcl shows only the owner.
	if gv, ok := a.Gaps.ForInput(state.InputS3BucketACL, b.Region, b.ARN); ok {
		g := gv // copied: a gv whose address escapes is allocated on every call
		if bpa.IgnorePublicAcls {
			// Not public, but its grants to other accounts (which Block
			// Public Access leaves working) are unknown.
			return ChannelVerdict{Exposure: Blocked, BlockedBy: ignore, Gap: &g}
		}
		return ChannelVerdict{Exposure: Undecided, Gap: &g}
	}
	var grants []string
	var shares []Grant
	for _, gr := range b.ACLGrants {
		if gr.GranteeType == "CanonicalUser" && gr.GranteeID != "" && gr.GranteeID != b.OwnerID && !contains(c.OwnCanonicalIDs, gr.GranteeID) {
			// Grants to other accounts work whatever Block Public Access says.
			shares = append(shares, Grant{Kind: KindCanonicalUser, Who: gr.GranteeID, Principals: []string{gr.GranteeID},
				Actions: []string{gr.Permission}, Level: SharedUntrusted,
				Why: whyCanonicalUser})
		}
		who := PublicGrantee(gr)
		if who == "" || (scope == WriteAccess && !isACLWrite(gr.Permission)) {
			continue
		}
		grants = append(grants, gr.Permission+" to "+who)
	}
	v := channel(grants, bpa.IgnorePublicAcls, ignore, bpaGap)
	v.Shares = shares
	return v
}

// gapError is a read failure as an error.
type gapError struct{ g state.Gap }

func (e gapError) Error() string { return "could not read " + e.g.String() }
