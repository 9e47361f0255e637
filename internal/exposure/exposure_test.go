package exposure

import (
	"errors"
	"net/netip"
	"reflect"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func TestNewContext(t *testing.T) {
	a := &state.Account{AccountID: "111122223333"}
	a.EC2.VPCEndpoints = []state.VPCEndpoint{{ID: "vpce-0own1111", VPCID: "vpc-0own1111"}, {ID: "vpce-0own2222", VPCID: "vpc-0own1111"}}
	a.EC2.VPCs = []state.VPC{{ID: "vpc-0own3333"}}
	a.S3.Buckets = []state.Bucket{{OwnerID: "canon"}, {OwnerID: "canon"}, {}}
	p := &policy.Policy{TrustedAccounts: []string{"444455556666"}, OrganizationID: "o-own1234567", TrustedOrganizations: []string{"o-partner0001"},
		CorporateCIDRs: []netip.Prefix{netip.MustParsePrefix("198.51.100.0/24")}, TrustedVPCEndpoints: []string{"vpce-0partner01"}}
	got := NewContext(a, p)
	want := Context{OwnAccount: "111122223333", TrustedAccounts: []string{"444455556666"},
		Organizations: []string{"o-own1234567", "o-partner0001"}, CorporateCIDRs: p.CorporateCIDRs,
		Networks:        []string{"vpce-0partner01", "vpce-0own1111", "vpc-0own1111", "vpce-0own2222", "vpc-0own3333"},
		OwnCanonicalIDs: []string{"canon"}, account: a}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("NewContext =\n%+v\nwant\n%+v", got, want)
	}
	// Without a policy file nothing is trusted but what the account owns.
	if c := NewContext(a, nil); len(c.TrustedAccounts)+len(c.Organizations)+len(c.CorporateCIDRs) != 0 {
		t.Errorf("NewContext(nil policy) trusts %+v", c)
	}
}

func TestForbiddenWildcardIsAnError(t *testing.T) {
	v := Judge(`{"Statement":[{"Effect":"Allow","Principal":{"CanonicalUser":"*"},"Action":"s3:GetObject","Resource":"*"}]}`, Context{OwnAccount: "111122223333"})
	if v.Level != Unknown || !errors.Is(v.Err, ErrForbiddenWildcard) {
		t.Errorf("verdict = %s, %v; want unknown with ErrForbiddenWildcard", v.Level, v.Err)
	}
}

func TestGrantString(t *testing.T) {
	c := Context{OwnAccount: "111122223333"}
	v := Judge(`{"Statement":[
		{"Sid":"Open","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},
		{"Effect":"Allow","Principal":{"AWS":"777788889999"},"Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"},
		{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"NotAction":"sqs:DeleteQueue","Resource":"*"}]}`, c)
	got := append(v.Describe(Public), v.Describe(SharedUntrusted)...)
	want := []string{"Open (s3:GetObject)", "777788889999 (s3:GetObject, s3:ListBucket)",
		"sns.amazonaws.com (all but sqs:DeleteQueue): no aws:SourceAccount, aws:SourceArn or aws:SourceOrgID condition names own or trusted accounts: any account's resource can make the service act here (confused deputy)"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("descriptions =\n%q\nwant\n%q", got, want)
	}
	if !v.Grants[0].Covers("s3:GetObject") || v.Grants[0].Covers("s3:PutObject") {
		t.Errorf("Covers does not follow the statement's actions")
	}
}

// TestBucketLevel: the bucket's level combines publicity (either channel,
// Block Public Access) with the policy's and the ACL's sharing.
func TestBucketLevel(t *testing.T) {
	const arn = "arn:aws:s3:::b"
	pub := `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`
	acct := `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"777788889999"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`
	restrict := &state.PublicAccessBlock{RestrictPublicBuckets: true}
	tests := []struct {
		name   string
		bucket state.Bucket
		gaps   []state.Gap
		want   Level
	}{
		{"no policy", state.Bucket{}, nil, Private},
		{"public policy", state.Bucket{Policy: pub}, nil, Public},
		{"public policy, RestrictPublicBuckets", state.Bucket{Policy: pub, PublicAccessBlock: restrict}, nil, Private},
		{"untrusted account", state.Bucket{Policy: acct}, nil, SharedUntrusted},
		{"public ACL", state.Bucket{ACLGrants: []state.ACLGrant{{GranteeType: "Group", GranteeURI: state.AllUsersURI, Permission: "READ"}}}, nil, Public},
		{"ACL grant to another canonical user", state.Bucket{OwnerID: "me", ACLGrants: []state.ACLGrant{{GranteeType: "CanonicalUser", GranteeID: "other", Permission: "READ"}}}, nil, SharedUntrusted},
		{"ACL grant to the owner", state.Bucket{OwnerID: "me", ACLGrants: []state.ACLGrant{{GranteeType: "CanonicalUser", GranteeID: "me", Permission: "FULL_CONTROL"}}}, nil, Private},
		{"malformed policy", state.Bucket{Policy: "{"}, nil, Unknown},
		// Not public whatever it says, but whom it shares with is unknown.
		{"malformed policy, RestrictPublicBuckets", state.Bucket{Policy: "{", PublicAccessBlock: restrict}, nil, Unknown},
		{"policy unread", state.Bucket{}, []state.Gap{{Service: "s3", Region: "eu-west-1", Operation: "GetBucketPolicy", Resource: arn, Reason: state.ReasonAccessDenied}}, Unknown},
		// IgnorePublicAcls makes an unread ACL not public, but its grants to
		// other accounts still work and are unknown.
		{"ACL unread, IgnorePublicAcls", state.Bucket{PublicAccessBlock: &state.PublicAccessBlock{IgnorePublicAcls: true}},
			[]state.Gap{{Service: "s3", Region: "eu-west-1", Operation: "GetBucketAcl", Resource: arn, Reason: state.ReasonAccessDenied}}, Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &state.Account{AccountID: "111122223333"}
			b := tt.bucket
			b.Meta = state.Meta{ARN: arn, Region: "eu-west-1"}
			b.Name = "b"
			a.S3.Buckets = []state.Bucket{b}
			for _, g := range tt.gaps {
				a.Gaps.Add(g)
			}
			bv := JudgeBucket(a, &a.S3.Buckets[0], NewContext(a, nil), AnyAccess)
			if got := bv.Level(); got != tt.want {
				t.Errorf("level = %s, want %s (%+v)", got, tt.want, bv)
			}
		})
	}
}

func TestLevelNames(t *testing.T) {
	var names []string
	for l := Private; l <= Unknown; l++ {
		names = append(names, l.String())
	}
	if got := strings.Join(names, ","); got != "private,shared-trusted,shared-untrusted,public,unknown" {
		t.Errorf("level names = %s", got)
	}
}
