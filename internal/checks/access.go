package checks

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/exposure"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func accessChecks() []check.Check {
	return []check.Check{
		s3BucketACLNotPublic(),
	}
}

func s3BucketACLNotPublic() check.Check {
	return check.Check{
		ID: "s3_bucket_acl_not_public",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			c := exposureContext(a, p)
			return eachListedBucket(a, func(b *state.Bucket) check.Result {
				v := exposure.BucketACL(a, b, c, exposure.AnyAccess)
				switch {
				case v.Exposure == exposure.Open:
					return check.FailR(b, "ACL grants %s", strings.Join(v.Grants, ", "))
				case v.Exposure == exposure.Undecided:
					return unknownChannel(b, v)
				case b.ObjectOwnership == "BucketOwnerEnforced":
					return check.PassR(b, "ACLs are disabled (BucketOwnerEnforced)")
				case v.Exposure == exposure.Blocked && len(v.Grants) > 0:
					return check.PassR(b, "ACL grants %s but Block Public Access ignores public ACLs (%s)", strings.Join(v.Grants, ", "), v.BlockedBy)
				case v.Exposure == exposure.Blocked:
					return check.PassR(b, "Block Public Access ignores any public ACL (%s)", v.BlockedBy)
				default:
					return check.PassR(b, "no ACL grant to AllUsers or AuthenticatedUsers")
				}
			})
		},
	}
}
