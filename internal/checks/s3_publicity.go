package checks

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// The one rule every check that asks "is this S3 bucket public?" applies
// (s3_bucket_policy_not_public, s3_bucket_acl_not_public,
// s3_bucket_no_public_write, cloudtrail_bucket_not_public), so that two
// checks can never judge the same bucket differently.
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
//   - A policy is public when our statement analysis (iampolicy.Exposure)
//     finds a grant to everyone that nothing restricts, or when S3's own
//     GetBucketPolicyStatus says so: either verdict suffices, so a
//     disagreement between the two never hides a public policy.
//
// Unknown is never pass: a setting that could not be read leaves the
// verdict undecided unless what was read already decides it (a Block
// Public Access setting that was read and neutralises the channel, or
// another channel that is open).

// exposure is how one way into a bucket (its policy or its ACL) stands.
type exposure int

const (
	// exposureClosed: the channel grants nothing to everyone.
	exposureClosed exposure = iota
	// exposureBlocked: the channel grants to everyone (or may: it could
	// not be read) but Block Public Access neutralises it.
	exposureBlocked
	// exposureOpen: the channel grants to everyone and nothing blocks it.
	exposureOpen
	// exposureUndecided: data needed to decide could not be read.
	exposureUndecided
)

// publicScope selects which public grants count.
type publicScope int

const (
	// anyPublicAccess counts every grant to everyone.
	anyPublicAccess publicScope = iota
	// publicWriteAccess counts only grants that let everyone change or
	// destroy data or access rules.
	publicWriteAccess
)

// s3WriteActions are the actions that let a caller change or destroy a
// bucket's data or its access rules.
var s3WriteActions = []string{"s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObjectAcl", "s3:PutBucketAcl", "s3:PutBucketPolicy", "s3:DeleteBucket", "s3:DeleteBucketPolicy", "s3:PutLifecycleConfiguration"}

// isACLWrite reports whether an ACL permission lets the grantee write
// objects or rewrite the ACL.
func isACLWrite(perm string) bool {
	return perm == "WRITE" || perm == "WRITE_ACP" || perm == "FULL_CONTROL"
}

// channelVerdict is the judgement of one way into a bucket.
type channelVerdict struct {
	exposure exposure
	// grants describes the grants to everyone (open or blocked).
	grants []string
	// blockedBy names what neutralises the channel when blocked.
	blockedBy string
	// gap is why the channel is undecided, when a read failed.
	gap *state.Gap
	// reason is why the channel is undecided, when no read failed (a
	// policy that cannot be parsed).
	reason string
}

// status maps the verdict to a check status: open fails, undecided is
// unknown, closed and blocked pass.
func (v channelVerdict) status() check.Status {
	switch v.exposure {
	case exposureOpen:
		return check.Fail
	case exposureUndecided:
		return check.Unknown
	default:
		return check.Pass
	}
}

// unknownResult is the unknown result of an undecided channel.
func (v channelVerdict) unknownResult(r state.Resource) check.Result {
	if v.gap != nil {
		return check.GapR(r, *v.gap)
	}
	return check.UnknownR(r, "%s", v.reason)
}

// bucketPublicity is the judgement of a whole bucket: its two channels and
// the Block Public Access in effect.
type bucketPublicity struct {
	policy, acl channelVerdict
	// bpa is the effective Block Public Access; a lower bound when bpaGap
	// is set.
	bpa    *state.PublicAccessBlock
	bpaGap *state.Gap
}

// status combines the channels: the bucket is public (fail) when either
// channel is open, unknown when neither is open and either is undecided,
// and not public (pass) otherwise.
func (bp bucketPublicity) status() check.Status {
	switch {
	case bp.policy.exposure == exposureOpen || bp.acl.exposure == exposureOpen:
		return check.Fail
	case bp.policy.exposure == exposureUndecided || bp.acl.exposure == exposureUndecided:
		return check.Unknown
	default:
		return check.Pass
	}
}

// undecided returns the first undecided channel (policy before ACL).
func (bp bucketPublicity) undecided() channelVerdict {
	if bp.policy.exposure == exposureUndecided {
		return bp.policy
	}
	return bp.acl
}

// open describes the open grants of both channels.
func (bp bucketPublicity) open() []string {
	var out []string
	if bp.policy.exposure == exposureOpen {
		out = append(out, "the bucket policy grants to everyone: "+strings.Join(bp.policy.grants, "; "))
	}
	if bp.acl.exposure == exposureOpen {
		out = append(out, "the ACL grants "+strings.Join(bp.acl.grants, ", "))
	}
	return out
}

// blocked describes the neutralised grants of both channels.
func (bp bucketPublicity) blocked() []string {
	var out []string
	for _, c := range []struct {
		name string
		v    channelVerdict
	}{{"bucket policy", bp.policy}, {"ACL", bp.acl}} {
		if c.v.exposure != exposureBlocked || len(c.v.grants) == 0 {
			continue
		}
		out = append(out, c.name+": "+strings.Join(c.v.grants, "; ")+" (neutralised by "+c.v.blockedBy+")")
	}
	return out
}

// judgeBucketPublicity applies the rule above to bucket b.
func judgeBucketPublicity(a *state.Account, b *state.Bucket, p *policy.Policy, scope publicScope) bucketPublicity {
	bpa, gap := blockPublicAccess(a, *b)
	return bucketPublicity{
		policy: judgeBucketPolicy(a, b, p, scope, bpa, gap),
		acl:    judgeBucketACL(a, b, scope, bpa, gap),
		bpa:    bpa,
		bpaGap: gap,
	}
}

// bucketPolicyVerdict judges only the policy channel of bucket b.
func bucketPolicyVerdict(a *state.Account, b *state.Bucket, p *policy.Policy, scope publicScope) channelVerdict {
	bpa, gap := blockPublicAccess(a, *b)
	return judgeBucketPolicy(a, b, p, scope, bpa, gap)
}

// bucketACLVerdict judges only the ACL channel of bucket b.
func bucketACLVerdict(a *state.Account, b *state.Bucket, scope publicScope) channelVerdict {
	bpa, gap := blockPublicAccess(a, *b)
	return judgeBucketACL(a, b, scope, bpa, gap)
}

// judgeBucketPolicy judges the bucket policy channel.
func judgeBucketPolicy(a *state.Account, b *state.Bucket, p *policy.Policy, scope publicScope, bpa *state.PublicAccessBlock, bpaGap *state.Gap) channelVerdict {
	const restrict = "RestrictPublicBuckets"
	if g, ok := a.Gaps.ForInput(state.InputS3BucketPolicy, b.Region, b.ARN); ok {
		if bpa.RestrictPublicBuckets {
			// Whatever the unread policy says, S3 limits a public one to
			// the owner account and AWS services.
			return channelVerdict{exposure: exposureBlocked, blockedBy: restrict}
		}
		return channelVerdict{exposure: exposureUndecided, gap: &g}
	}
	if strings.TrimSpace(b.Policy) == "" {
		return channelVerdict{exposure: exposureClosed}
	}
	pol, sh, err := analyseSharing(b.Policy, a, p)
	if err != nil {
		if bpa.RestrictPublicBuckets {
			return channelVerdict{exposure: exposureBlocked, blockedBy: restrict}
		}
		return channelVerdict{exposure: exposureUndecided, reason: "bucket policy of " + b.Name + ": " + err.Error()}
	}
	var grants []string
	switch scope {
	case publicWriteAccess:
		for k, i := range sh.publicStatements {
			for _, act := range s3WriteActions {
				if pol.Statements[i].CoversAction(act) {
					grants = append(grants, sh.public[k]+", which covers "+act)
					break
				}
			}
		}
	default:
		grants = append(grants, sh.public...)
		// S3's verdict is not per action, so it counts only for "any
		// access"; where our analysis found nothing it still decides.
		if len(grants) == 0 && b.PolicyIsPublic != nil && *b.PolicyIsPublic {
			grants = append(grants, "S3 itself reports the policy as public (GetBucketPolicyStatus)")
		}
	}
	switch {
	case len(grants) == 0:
		return channelVerdict{exposure: exposureClosed}
	case bpa.RestrictPublicBuckets:
		return channelVerdict{exposure: exposureBlocked, grants: grants, blockedBy: restrict}
	case bpaGap != nil:
		// The Block Public Access setting we could not read may restrict it.
		return channelVerdict{exposure: exposureUndecided, grants: grants, gap: bpaGap}
	default:
		return channelVerdict{exposure: exposureOpen, grants: grants}
	}
}

// judgeBucketACL judges the bucket ACL channel.
func judgeBucketACL(a *state.Account, b *state.Bucket, scope publicScope, bpa *state.PublicAccessBlock, bpaGap *state.Gap) channelVerdict {
	const ignore = "IgnorePublicAcls"
	if b.ObjectOwnership == "BucketOwnerEnforced" {
		return channelVerdict{exposure: exposureClosed} // ACLs are disabled
	}
	// An unread Object Ownership does not matter once the ACL is read: S3
	// refuses BucketOwnerEnforced while the bucket ACL grants to anyone but
	// the owner, and under it GetBucketAcl shows only the owner.
	if g, ok := a.Gaps.ForInput(state.InputS3BucketACL, b.Region, b.ARN); ok {
		if bpa.IgnorePublicAcls {
			return channelVerdict{exposure: exposureBlocked, blockedBy: ignore}
		}
		return channelVerdict{exposure: exposureUndecided, gap: &g}
	}
	var grants []string
	for _, gr := range b.ACLGrants {
		who := publicGrantee(gr)
		if who == "" || (scope == publicWriteAccess && !isACLWrite(gr.Permission)) {
			continue
		}
		grants = append(grants, gr.Permission+" to "+who)
	}
	switch {
	case len(grants) == 0:
		return channelVerdict{exposure: exposureClosed}
	case bpa.IgnorePublicAcls:
		return channelVerdict{exposure: exposureBlocked, grants: grants, blockedBy: ignore}
	case bpaGap != nil:
		return channelVerdict{exposure: exposureUndecided, grants: grants, gap: bpaGap}
	default:
		return channelVerdict{exposure: exposureOpen, grants: grants}
	}
}

// eachListedBucket evaluates every bucket, or answers unknown for the
// account when the bucket listing failed. Unlike eachBucket it leaves the
// per-setting gaps to judge.
func eachListedBucket(a *state.Account, judge func(b *state.Bucket) check.Result) []check.Result {
	if g, ok := listingGap(a, "", state.InputS3Buckets); ok {
		return []check.Result{check.GapR(accountRef(a), g)}
	}
	out := make([]check.Result, 0, len(a.S3.Buckets))
	for i := range a.S3.Buckets {
		out = append(out, judge(&a.S3.Buckets[i]))
	}
	return out
}

// BucketPublicity answers, for other packages (the data map), whether
// bucket b is public under the one rule above: check.Fail when it is (why
// says which grant), check.Unknown when a setting that was not read could
// decide it (why names the gap), check.Pass when it is not (why names the
// public grants Block Public Access neutralises, if any).
func BucketPublicity(a *state.Account, b *state.Bucket, p *policy.Policy) (status check.Status, why string) {
	bp := judgeBucketPublicity(a, b, p, anyPublicAccess)
	switch st := bp.status(); st {
	case check.Fail:
		return st, strings.Join(bp.open(), "; ")
	case check.Unknown:
		v := bp.undecided()
		if v.gap != nil {
			return st, "could not read " + v.gap.String()
		}
		return st, v.reason
	default:
		return st, strings.Join(bp.blocked(), "; ")
	}
}
