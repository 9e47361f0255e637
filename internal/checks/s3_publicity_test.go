package checks

import (
	"fmt"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/datamap"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// The checks that judge S3 publicity through the shared rule.
const (
	pubPolicyCheck = "s3_bucket_policy_not_public"
	pubACLCheck    = "s3_bucket_acl_not_public"
	pubWriteCheck  = "s3_bucket_no_public_write"
	pubTrailCheck  = "cloudtrail_bucket_not_public"
)

// unread marks a dimension of a shape whose read failed (a gap).
const unread = "unread"

// pubShape is one bucket shape: each field is one dimension of what makes
// a bucket public, or unread.
type pubShape struct {
	policy    string // "", public-read, public-write, private, s3-public, ours-public, malformed, unread
	acl       string // "", read, write, enforced, enforced-unread, unread
	acctBPA   string // "", restrict, ignore, all, unread
	bucketBPA string // "", restrict, ignore, all, unread
}

func (s pubShape) String() string {
	return fmt.Sprintf("policy=%q acl=%q account-bpa=%q bucket-bpa=%q", s.policy, s.acl, s.acctBPA, s.bucketBPA)
}

// Readable values of each dimension: what an unread one may really hold.
var (
	pubPolicies = []string{"", "public-read", "public-write", "private", "s3-public", "ours-public"}
	pubACLs     = []string{"", "read", "write", "enforced"}
	pubBPAs     = []string{"", "restrict", "ignore", "all"}
)

const pubARN = "arn:aws:s3:::data"

func pubBPA(v string) *state.PublicAccessBlock {
	switch v {
	case "restrict":
		return &state.PublicAccessBlock{RestrictPublicBuckets: true}
	case "ignore":
		return &state.PublicAccessBlock{IgnorePublicAcls: true}
	case "all":
		return &state.PublicAccessBlock{BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true}
	}
	return nil
}

// account builds the state of the shape as the collector would record it:
// a trail delivering to bucket "data", whose unread settings are zero
// values with a gap.
func (s pubShape) account() *state.Account {
	yes, no := true, false
	denied := func(service, region, op, res string) state.Gap {
		return state.Gap{Service: service, Region: region, Operation: op, Resource: res, Reason: state.ReasonAccessDenied, Message: "denied"}
	}
	b := state.Bucket{Meta: state.Meta{ARN: pubARN, Region: "eu-west-1"}, Name: "data"}
	var gaps []state.Gap
	switch s.policy {
	case "":
		b.PolicyIsPublic = &no
	case "public-read":
		b.Policy, b.PolicyIsPublic = dsDoc(`{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"`+pubARN+`/*"}`), &yes
	case "public-write":
		b.Policy, b.PolicyIsPublic = dsDoc(`{"Sid":"Drop","Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:PutObject","Resource":"`+pubARN+`/*"}`), &yes
	case "private":
		b.Policy, b.PolicyIsPublic = dsDoc(`{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"`+pubARN+`/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}}`), &no
	case "s3-public":
		// Our analysis finds the policy private, S3 says public.
		b.Policy, b.PolicyIsPublic = dsDoc(`{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"`+pubARN+`/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}}`), &yes
	case "ours-public":
		// Our analysis finds a grant to everyone, S3 says not public.
		b.Policy, b.PolicyIsPublic = dsDoc(`{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"`+pubARN+`/*"}`), &no
	case "malformed":
		b.Policy = `{"Statement":[`
	case unread:
		gaps = append(gaps, denied("s3", "eu-west-1", "GetBucketPolicy", pubARN))
	}
	owner := state.ACLGrant{GranteeType: "CanonicalUser", GranteeID: "owner", Permission: "FULL_CONTROL"}
	switch s.acl {
	case "":
		b.ACLGrants = []state.ACLGrant{owner}
	case "read":
		b.ACLGrants = []state.ACLGrant{owner, {GranteeType: "Group", GranteeURI: state.AllUsersURI, Permission: "READ"}}
	case "write":
		b.ACLGrants = []state.ACLGrant{owner, {GranteeType: "Group", GranteeURI: state.AuthenticatedUsersURI, Permission: "WRITE"}}
	case "enforced":
		b.ObjectOwnership, b.ACLGrants = "BucketOwnerEnforced", []state.ACLGrant{owner}
	case "enforced-unread":
		b.ObjectOwnership = "BucketOwnerEnforced"
		gaps = append(gaps, denied("s3", "eu-west-1", "GetBucketAcl", pubARN))
	case unread:
		gaps = append(gaps, denied("s3", "eu-west-1", "GetBucketAcl", pubARN))
	}
	a := baseAccount(func(a *state.Account) {
		a.CloudTrail.Trails = []state.Trail{{Meta: state.Meta{ARN: "arn:aws:cloudtrail:eu-west-1:111122223333:trail/main", Region: "eu-west-1"},
			Name: "main", HomeRegion: "eu-west-1", IsMultiRegion: true, IsLogging: true, S3Bucket: "data"}}
	})
	if s.acctBPA == unread {
		gaps = append(gaps, denied("s3control", "", "GetPublicAccessBlock", ""))
	} else {
		a.S3.AccountPublicAccessBlock = pubBPA(s.acctBPA)
	}
	if s.bucketBPA == unread {
		gaps = append(gaps, denied("s3", "eu-west-1", "GetPublicAccessBlock", pubARN))
	} else {
		b.PublicAccessBlock = pubBPA(s.bucketBPA)
	}
	a.S3.Buckets = []state.Bucket{b}
	for _, g := range gaps {
		a.Gaps.Add(g)
	}
	return a
}

// pubVerdicts runs the four publicity checks on the shape; each must give
// exactly one result, for the bucket.
func pubVerdicts(t *testing.T, by map[string]check.Check, s pubShape) map[string]check.Status {
	t.Helper()
	a, p := s.account(), policy.Default()
	out := map[string]check.Status{}
	for _, id := range []string{pubPolicyCheck, pubACLCheck, pubWriteCheck, pubTrailCheck} {
		rs := by[id].Run(a, p)
		if len(rs) != 1 || rs[0].Resource != pubARN {
			t.Fatalf("%s on %v: want one result for %s, got %+v", id, s, pubARN, rs)
		}
		out[id] = rs[0].Status
	}
	return out
}

// combine is the bucket-level verdict from its two channel verdicts: public
// if either is, unknown if neither is and either is unknown.
func combine(a, b check.Status) check.Status {
	switch {
	case a == check.Fail || b == check.Fail:
		return check.Fail
	case a == check.Unknown || b == check.Unknown:
		return check.Unknown
	default:
		return check.Pass
	}
}

// TestS3PublicityShapes pins, shape by shape, what each check must answer;
// the expectations are written from the AWS rule, not read from the code.
func TestS3PublicityShapes(t *testing.T) {
	const P, F, U = check.Pass, check.Fail, check.Unknown
	by := ByID()
	for _, tc := range []struct {
		shape                   pubShape
		policy, acl, write, trl check.Status
	}{
		{pubShape{}, P, P, P, P},
		{pubShape{policy: "public-read"}, F, P, P, F},
		{pubShape{policy: "public-write"}, F, P, F, F},
		{pubShape{policy: "private"}, P, P, P, P},
		// Either verdict on the policy suffices to call it public.
		{pubShape{policy: "s3-public"}, F, P, P, F},
		{pubShape{policy: "ours-public"}, F, P, P, F},
		{pubShape{policy: "malformed"}, U, P, U, U},
		{pubShape{policy: unread}, U, P, U, U},
		{pubShape{acl: "read"}, P, F, P, F},
		{pubShape{acl: "write"}, P, F, F, F},
		{pubShape{acl: "enforced"}, P, P, P, P},
		{pubShape{acl: "enforced-unread"}, P, P, P, P},
		{pubShape{acl: unread}, P, U, U, U},
		// RestrictPublicBuckets neutralises policies, at either level;
		// IgnorePublicAcls neutralises ACLs; neither does the other's job.
		{pubShape{policy: "public-read", bucketBPA: "restrict"}, P, P, P, P},
		{pubShape{policy: "public-read", acctBPA: "restrict"}, P, P, P, P},
		{pubShape{policy: "s3-public", bucketBPA: "restrict"}, P, P, P, P},
		{pubShape{policy: "public-read", bucketBPA: "ignore"}, F, P, P, F},
		{pubShape{acl: "read", acctBPA: "ignore"}, P, P, P, P},
		{pubShape{acl: "write", bucketBPA: "ignore"}, P, P, P, P},
		{pubShape{acl: "read", bucketBPA: "restrict"}, P, F, P, F},
		{pubShape{policy: "public-write", acl: "write", acctBPA: "all"}, P, P, P, P},
		{pubShape{policy: "public-write", acl: "write", acctBPA: "restrict", bucketBPA: "ignore"}, P, P, P, P},
		// An unread Block Public Access leaves a public grant undecided...
		{pubShape{policy: "public-read", acctBPA: unread}, U, P, P, U},
		{pubShape{acl: "read", bucketBPA: unread}, P, U, P, U},
		{pubShape{policy: "public-read", acl: "read", acctBPA: unread, bucketBPA: unread}, U, U, P, U},
		// ...unless the level that was read already neutralises it.
		{pubShape{policy: "public-read", acctBPA: "restrict", bucketBPA: unread}, P, P, P, P},
		{pubShape{acl: "read", acctBPA: unread, bucketBPA: "ignore"}, P, P, P, P},
		// An unread policy or ACL is decided by a Block Public Access that
		// neutralises it whatever it holds.
		{pubShape{policy: unread, acctBPA: "restrict"}, P, P, P, P},
		{pubShape{policy: "malformed", bucketBPA: "restrict"}, P, P, P, P},
		{pubShape{acl: unread, acctBPA: "ignore"}, P, P, P, P},
		// An open channel decides the bucket whatever the unread one holds.
		{pubShape{policy: unread, acl: "read"}, U, F, U, F},
		{pubShape{policy: "public-write", acl: unread}, F, U, F, F},
		{pubShape{policy: "malformed", acl: "write"}, U, F, F, F},
	} {
		got := pubVerdicts(t, by, tc.shape)
		want := map[string]check.Status{pubPolicyCheck: tc.policy, pubACLCheck: tc.acl, pubWriteCheck: tc.write, pubTrailCheck: tc.trl}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%v:\n got  %v\n want %v", tc.shape, got, want)
		}
	}
}

// pubAllShapes is every combination of the dimensions, unread included.
func pubAllShapes() []pubShape {
	var out []pubShape
	for _, pol := range append(append([]string{}, pubPolicies...), "malformed", unread) {
		for _, acl := range append(append([]string{}, pubACLs...), "enforced-unread", unread) {
			for _, ab := range append(append([]string{}, pubBPAs...), unread) {
				for _, bb := range append(append([]string{}, pubBPAs...), unread) {
					out = append(out, pubShape{pol, acl, ab, bb})
				}
			}
		}
	}
	return out
}

// readings lists the shapes the shape may really be: each unread dimension
// replaced by each value it can hold.
func (s pubShape) readings() []pubShape {
	alts := func(v string, all []string) []string {
		if v == unread {
			return all
		}
		return []string{v}
	}
	acls := alts(s.acl, pubACLs)
	if s.acl == "enforced-unread" {
		acls = []string{"enforced"}
	}
	var out []pubShape
	for _, pol := range alts(s.policy, pubPolicies) {
		for _, acl := range acls {
			for _, ab := range alts(s.acctBPA, pubBPAs) {
				for _, bb := range alts(s.bucketBPA, pubBPAs) {
					out = append(out, pubShape{pol, acl, ab, bb})
				}
			}
		}
	}
	return out
}

// TestS3PublicityAgreement runs the publicity checks on every shape and
// asserts that they never disagree, and that an unread setting is unknown
// exactly when it could change the answer.
func TestS3PublicityAgreement(t *testing.T) {
	by := ByID()
	shapes := pubAllShapes()
	verdicts := map[pubShape]map[string]check.Status{}
	for _, s := range shapes {
		verdicts[s] = pubVerdicts(t, by, s)
	}
	for _, s := range shapes {
		v := verdicts[s]
		// The trail bucket check is the policy and ACL checks combined.
		if want := combine(v[pubPolicyCheck], v[pubACLCheck]); v[pubTrailCheck] != want {
			t.Errorf("%v: %s = %s, but %s = %s and %s = %s make %s", s, pubTrailCheck, v[pubTrailCheck],
				pubPolicyCheck, v[pubPolicyCheck], pubACLCheck, v[pubACLCheck], want)
		}
		// Public write is a kind of public access.
		if v[pubWriteCheck] == check.Fail && v[pubTrailCheck] != check.Fail {
			t.Errorf("%v: everyone can write but the bucket is not public (%s)", s, v[pubTrailCheck])
		}
		if v[pubTrailCheck] == check.Pass && v[pubWriteCheck] != check.Pass {
			t.Errorf("%v: the bucket is not public but public write is %s", s, v[pubWriteCheck])
		}
		if s.policy != unread && s.acl != unread && s.acl != "enforced-unread" && s.acctBPA != unread && s.bucketBPA != unread {
			continue
		}
		// Unknown is never pass: a decided answer holds for every value the
		// unread settings may have; an unknown one differs between them.
		for id, got := range v {
			seen := map[check.Status]bool{}
			for _, r := range s.readings() {
				seen[verdicts[r][id]] = true
			}
			switch {
			case got != check.Unknown && (len(seen) != 1 || !seen[got]):
				t.Errorf("%v: %s = %s, but the settings it could not read may make it %v", s, id, got, seen)
			case got == check.Unknown && len(seen) == 1 && !seen[check.Unknown]:
				t.Errorf("%v: %s = unknown, but every value of the unread settings gives %v", s, id, seen)
			}
		}
	}
}

// TestS3PublicityMapAgrees holds the data map to the publicity checks on
// every shape: the bucket is public on the map exactly when the trail
// bucket check (both channels) fails, and unknown whenever that check is.
func TestS3PublicityMapAgrees(t *testing.T) {
	by := ByID()
	for _, s := range pubAllShapes() {
		v := pubVerdicts(t, by, s)
		var level string
		for _, st := range datamap.Build(s.account(), policy.Default()).Stores {
			if st.ARN == pubARN {
				level = st.Exposure.Level
			}
		}
		switch trail := v[pubTrailCheck]; {
		case trail == check.Fail && level != datamap.Public,
			trail == check.Unknown && level != datamap.Unknown,
			trail == check.Pass && (level == datamap.Public || level == ""):
			t.Errorf("%v: %s = %s but the data map says %q", s, pubTrailCheck, trail, level)
		}
	}
}
