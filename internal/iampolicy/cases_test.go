package iampolicy

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// Accounts used throughout the cases.
const (
	own      = "111122223333"
	external = "222233334444"
	trusted  = "444455556666"
)

var testOpts = Options{
	OwnAccount:           own,
	TrustedAccounts:      []string{trusted},
	TrustedOrganizations: []string{"o-trusted1"},
}

// policyCase is one real-world policy shape and everything the package
// should say about it. Every field is asserted for every case: a zero value
// means "false" or "none".
type policyCase struct {
	name string
	doc  string
	// svc is the service passed to DeniesInsecureTransport ("s3" if empty).
	svc string

	public bool
	// restrictions are the Kind of every Restriction of every OpenGrant,
	// in order.
	restrictions []RestrictionKind
	// external summarises ExternalAccounts, see summarise.
	external []string
	tlsDeny  bool
	minTLS   string
	admin    bool
	// allows, onAll and svcWildcard map an action (service for
	// svcWildcard) to the expected AllowsActions, AllowsOnAllResources and
	// AllowsServiceWildcard answers.
	allows      map[string]bool
	onAll       map[string]bool
	svcWildcard map[string]bool
}

// summarise renders an AccountAccess as kind/who[/trusted][/protected], where
// who is the account for KindAccount and the principal otherwise.
func summarise(as []AccountAccess) []string {
	var out []string
	for _, a := range as {
		who := a.Account
		if a.Kind != KindAccount {
			who = strings.Join(a.Principals, ",")
		}
		s := string(a.Kind) + "/" + who
		if a.Trusted {
			s += "/trusted"
		}
		if a.ConfusedDeputyProtected {
			s += "/protected"
		}
		out = append(out, s)
	}
	return out
}

func restrictionKinds(e ExposureReport) []RestrictionKind {
	var out []RestrictionKind
	for _, g := range e.Grants {
		for _, r := range g.Restrictions {
			out = append(out, r.Kind)
		}
	}
	return out
}

// stmt wraps statements in a 2012-10-17 policy.
func stmt(statements ...string) string {
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(statements, ",") + `]}`
}

const bucket = `["arn:aws:s3:::example-bucket","arn:aws:s3:::example-bucket/*"]`

var tlsDenyStmt = `{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":` + bucket + `,
	"Condition":{"Bool":{"aws:SecureTransport":"false"}}}`

var policyCases = []policyCase{
	// ---------------------------------------------------------------- S3
	{
		name: "s3 CloudFront legacy OAI read",
		doc: stmt(`{"Sid":"AllowCloudFrontOAI","Effect":"Allow",
			"Principal":{"AWS":"arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2EXAMPLE1234"},
			"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}`),
		external: []string{"cloudfront-oai/arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2EXAMPLE1234"},
		allows:   map[string]bool{"s3:GetObject": true, "s3:PutObject": false},
	},
	{
		name: "s3 CloudFront OAC with SourceArn of own distribution",
		doc: stmt(`{"Sid":"AllowCloudFrontServicePrincipalReadOnly","Effect":"Allow",
			"Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject",
			"Resource":"arn:aws:s3:::example-bucket/*",
			"Condition":{"StringEquals":{"AWS:SourceArn":"arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE"}}}`),
		external: []string{"service/cloudfront.amazonaws.com/trusted/protected"},
		allows:   map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 CloudFront OAC without confused-deputy condition",
		doc: stmt(`{"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},
			"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}`),
		external: []string{"service/cloudfront.amazonaws.com"},
		allows:   map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 ELB access logs to the regional ELB account (legacy)",
		doc: stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::127311923021:root"},
			"Action":"s3:PutObject","Resource":"arn:aws:s3:::elb-logs/AWSLogs/111122223333/*"}`),
		external: []string{"account/127311923021"},
		allows:   map[string]bool{"s3:PutObject": true, "s3:GetObject": false},
	},
	{
		name: "s3 ELB access logs to the log delivery service",
		doc: stmt(`{"Effect":"Allow","Principal":{"Service":"logdelivery.elasticloadbalancing.amazonaws.com"},
			"Action":"s3:PutObject","Resource":"arn:aws:s3:::elb-logs/AWSLogs/111122223333/*"}`),
		external: []string{"service/logdelivery.elasticloadbalancing.amazonaws.com"},
		allows:   map[string]bool{"s3:PutObject": true},
	},
	{
		name: "s3 cross-account replication destination",
		doc: stmt(`{"Sid":"ReplicationPermissions","Effect":"Allow",
			"Principal":{"AWS":"arn:aws:iam::222233334444:role/s3-replication-role"},
			"Action":["s3:ReplicateObject","s3:ReplicateDelete","s3:ReplicateTags","s3:ObjectOwnerOverrideToBucketOwner"],
			"Resource":"arn:aws:s3:::dest-bucket/*"},
			{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222233334444:role/s3-replication-role"},
			"Action":["s3:List*","s3:GetBucketVersioning","s3:PutBucketVersioning"],"Resource":"arn:aws:s3:::dest-bucket"}`),
		external: []string{"account/222233334444", "account/222233334444"},
		allows:   map[string]bool{"s3:ReplicateObject": true, "s3:ListBucket": true, "s3:DeleteObject": false},
	},
	{
		name:    "s3 TLS-only deny",
		doc:     stmt(tlsDenyStmt),
		tlsDeny: true,
		allows:  map[string]bool{"s3:GetObject": false},
	},
	{
		name: "s3 TLS-only deny with AWS:* principal and JSON boolean",
		doc: stmt(`{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"*","Resource":` + bucket + `,
			"Condition":{"Bool":{"aws:SecureTransport":false}}}`),
		tlsDeny: true,
	},
	{
		name: "s3 TLS deny with BoolIfExists",
		doc: stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":` + bucket + `,
			"Condition":{"BoolIfExists":{"aws:SecureTransport":"false"}}}`),
		tlsDeny: true,
	},
	{
		name: "s3 TLS deny that covers only GetObject",
		doc: stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":` + bucket + `,
			"Condition":{"Bool":{"aws:SecureTransport":"false"}}}`),
	},
	{
		name: "s3 TLS deny with the value inverted",
		doc: stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":` + bucket + `,
			"Condition":{"Bool":{"aws:SecureTransport":"true"}}}`),
	},
	{
		name: "s3 TLS deny narrowed by an extra condition",
		doc: stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":` + bucket + `,
			"Condition":{"Bool":{"aws:SecureTransport":"false"},"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}`),
	},
	{
		name: "s3 TLS deny limited to one principal",
		doc: stmt(`{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:role/app"},"Action":"s3:*",
			"Resource":` + bucket + `,"Condition":{"Bool":{"aws:SecureTransport":"false"}}}`),
	},
	{
		name: "s3 TLS deny plus minimum TLS 1.2",
		doc: stmt(tlsDenyStmt, `{"Sid":"EnforceTLSv12orHigher","Effect":"Deny","Principal":{"AWS":"*"},"Action":["s3:*"],
			"Resource":`+bucket+`,"Condition":{"NumericLessThan":{"s3:TlsVersion":1.2}}}`),
		tlsDeny: true,
		minTLS:  "1.2",
	},
	{
		name: "s3 minimum TLS 1.3 only",
		doc: stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":` + bucket + `,
			"Condition":{"NumericLessThan":{"s3:TlsVersion":"1.3"}}}`),
		minTLS: "1.3",
	},
	{
		name: "s3 public website read",
		doc: stmt(`{"Sid":"PublicReadGetObject","Effect":"Allow","Principal":"*","Action":"s3:GetObject",
			"Resource":"arn:aws:s3:::www.example.com/*"}`),
		public:   true,
		external: []string{"account/*"},
		allows:   map[string]bool{"s3:GetObject": true, "s3:PutObject": false},
	},
	{
		name: "s3 public read with Principal AWS list",
		doc: stmt(`{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":["s3:GetObject","s3:ListBucket"],
			"Resource":` + bucket + `}`),
		public:   true,
		external: []string{"account/*"},
		allows:   map[string]bool{"s3:ListBucket": true},
	},
	{
		name: "s3 public website with TLS deny",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}`,
			tlsDenyStmt),
		public:   true,
		external: []string{"account/*"},
		tlsDeny:  true,
		allows:   map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 org-restricted read for a trusted organization",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:ListBucket"],"Resource":` + bucket + `,
			"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-trusted1"}}}`),
		restrictions: []RestrictionKind{RestrictOrganization},
		external:     []string{"account/*/trusted"},
		allows:       map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 org-restricted read for another organization",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*",
			"Condition":{"StringEquals":{"aws:PrincipalOrgID":["o-other12345"]}}}`),
		restrictions: []RestrictionKind{RestrictOrganization},
		external:     []string{"account/*"},
		allows:       map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 org-paths restricted with ForAnyValue:StringLike",
		doc: stmt(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*",
			"Condition":{"ForAnyValue:StringLike":{"aws:PrincipalOrgPaths":["o-trusted1/r-ab12/ou-ab12-11111111/*"]}}}`),
		restrictions: []RestrictionKind{RestrictOrganization},
		external:     []string{"account/*/trusted"},
		allows:       map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 org ID with a wildcard is no restriction",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*",
			"Condition":{"StringLike":{"aws:PrincipalOrgID":"o-*"}}}`),
		public:   true,
		external: []string{"account/*"},
		allows:   map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 org ID with IfExists is no restriction",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*",
			"Condition":{"StringEqualsIfExists":{"aws:PrincipalOrgID":"o-trusted1"}}}`),
		public:   true,
		external: []string{"account/*"},
		allows:   map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 org ID with ForAllValues is no restriction",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*",
			"Condition":{"ForAllValues:StringEquals":{"aws:PrincipalOrgID":"o-trusted1"}}}`),
		public:   true,
		external: []string{"account/*"},
		allows:   map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 org ID negated in an Allow is no restriction",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*",
			"Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-trusted1"}}}`),
		public:   true,
		external: []string{"account/*"},
		allows:   map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 VPC endpoint restricted allow",
		doc: stmt(`{"Sid":"Access-to-specific-VPCE-only","Effect":"Allow","Principal":"*","Action":"s3:*","Resource":` + bucket + `,
			"Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}`),
		restrictions: []RestrictionKind{RestrictVPCEndpoint},
		external:     []string{"account/*"},
		allows:       map[string]bool{"s3:DeleteObject": true},
	},
	{
		name: "s3 VPC endpoint with IfExists is no restriction",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*",
			"Condition":{"StringEqualsIfExists":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}`),
		public:   true,
		external: []string{"account/*"},
		allows:   map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 public allow fenced by a Deny outside the VPC endpoint",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}`,
			`{"Sid":"DenyOutsideVpce","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":`+bucket+`,
			"Condition":{"StringNotEquals":{"aws:SourceVpce":["vpce-1a2b3c4d","vpce-5e6f7a8b"]}}}`),
		restrictions: []RestrictionKind{RestrictVPCEndpoint},
		external:     []string{"account/*"},
		allows:       map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 public allow fenced by a Deny outside the VPC (IfExists)",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}`,
			`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":`+bucket+`,
			"Condition":{"StringNotEqualsIfExists":{"aws:SourceVpc":"vpc-111bbb22"}}}`),
		restrictions: []RestrictionKind{RestrictVPC},
		external:     []string{"account/*"},
		allows:       map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 Deny fence that misses the granted action does not restrict",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}`,
			`{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":`+bucket+`,
			"Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}`),
		public:   true,
		external: []string{"account/*"},
		allows:   map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 corporate CIDR restriction",
		doc: stmt(`{"Sid":"IPAllow","Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::example-bucket/*",
			"Condition":{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:db8::/32"]},
			"NotIpAddress":{"aws:SourceIp":"203.0.113.188/32"}}}`),
		restrictions: []RestrictionKind{RestrictSourceIP},
		external:     []string{"account/*"},
		allows:       map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 SourceIp 0.0.0.0/0 is no restriction",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*",
			"Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}}`),
		public:   true,
		external: []string{"account/*"},
		allows:   map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 SourceIp list with ::/0 is no restriction",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*",
			"Condition":{"IpAddress":{"aws:SourceIp":["198.51.100.0/24","::/0"]}}}`),
		public:   true,
		external: []string{"account/*"},
		allows:   map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 SourceIp /1 is too wide to restrict",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*",
			"Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/1"}}}`),
		public:   true,
		external: []string{"account/*"},
		allows:   map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 public allow fenced by NotIpAddress Deny",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::example-bucket/*"}`,
			`{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*",
			"Condition":{"NotIpAddress":{"aws:SourceIp":"192.0.2.0/24"}}}`),
		restrictions: []RestrictionKind{RestrictSourceIP},
		external:     []string{"account/*"},
		allows:       map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 Allow with NotPrincipal is public",
		doc: stmt(`{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:user/Bob"},"Action":"s3:*",
			"Resource":` + bucket + `}`),
		public:   true,
		external: []string{"account/*"},
		allows:   map[string]bool{"s3:PutObject": true},
	},
	{
		name: "s3 Deny NotPrincipal fence keeps access to one role",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}`,
			`{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::111122223333:role/app","arn:aws:sts::111122223333:assumed-role/app/session"]},
			"Action":"s3:*","Resource":`+bucket+`}`),
		restrictions: []RestrictionKind{RestrictPrincipal},
		allows:       map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 canonical user grant",
		doc: stmt(`{"Effect":"Allow","Principal":{"CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},
			"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}`),
		external: []string{"canonical-user/79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},
		allows:   map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 SourceArn * is no restriction",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::example-bucket/*",
			"Condition":{"StringLike":{"aws:SourceArn":"*"}}}`),
		public:   true,
		external: []string{"account/*"},
		allows:   map[string]bool{"s3:PutObject": true},
	},
	{
		name: "s3 PrincipalAccount pins an external account",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*",
			"Condition":{"StringEquals":{"aws:PrincipalAccount":"222233334444"}}}`),
		restrictions: []RestrictionKind{RestrictAccount},
		external:     []string{"account/222233334444"},
		allows:       map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 two accounts within the organization",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*",
			"Condition":{"StringEquals":{"aws:PrincipalAccount":["222233334444","444455556666"],"aws:PrincipalOrgID":"o-other12345"}}}`),
		restrictions: []RestrictionKind{RestrictAccount, RestrictOrganization},
		external:     []string{"account/222233334444", "account/444455556666/trusted"},
		allows:       map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 Deny fence exempting a service as well as a role",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}`,
			`{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::222233334444:role/app","Service":"cloudtrail.amazonaws.com"},
			"Action":"s3:*","Resource":`+bucket+`}`),
		restrictions: []RestrictionKind{RestrictPrincipal},
		// The exempted service belongs to no account: "*" stays, bounded.
		external: []string{"account/*"},
		allows:   map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 PrincipalAccount pins the own account",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*",
			"Condition":{"StringEquals":{"aws:PrincipalAccount":["111122223333"]}}}`),
		restrictions: []RestrictionKind{RestrictAccount},
		allows:       map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 public allow cancelled by an unconditional Deny",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}`,
			`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::example-bucket/*"}`),
		allows: map[string]bool{"s3:GetObject": false},
	},
	{
		name: "s3 SecureTransport true in an Allow does not restrict who",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*",
			"Condition":{"Bool":{"aws:SecureTransport":"true"}}}`),
		public:   true,
		external: []string{"account/*"},
		allows:   map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 one restricted and one open statement",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::example-bucket/*",
			"Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}`,
			`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}`),
		public:       true,
		restrictions: []RestrictionKind{RestrictVPCEndpoint},
		external:     []string{"account/*", "account/*"},
		allows:       map[string]bool{"s3:GetObject": true, "s3:PutObject": true},
	},
	{
		name: "s3 role sessions pinned by aws:userid",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":` + bucket + `,
			"Condition":{"StringLike":{"aws:userid":["AROAEXAMPLEID:*","111122223333"]}}}`),
		restrictions: []RestrictionKind{RestrictUserID},
		// The role's unique ID does not say which account it is in.
		external: []string{"account/*"},
		allows:   map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 aws:userid wildcard is no restriction",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*",
			"Condition":{"StringLike":{"aws:userid":"*:*"}}}`),
		public:   true,
		external: []string{"account/*"},
		allows:   map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 data perimeter with ${aws:ResourceOrgID}",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*",
			"Condition":{"StringEquals":{"aws:PrincipalOrgID":"${aws:ResourceOrgID}"}}}`),
		restrictions: []RestrictionKind{RestrictOrganization},
		external:     []string{"account/*/trusted"},
		allows:       map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 caller-dependent policy variable is no restriction",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*",
			"Condition":{"StringEquals":{"aws:SourceAccount":"${aws:PrincipalAccount}"}}}`),
		public:   true,
		external: []string{"account/*"},
		allows:   map[string]bool{"s3:GetObject": true},
	},
	{
		name: "s3 access point delegation by DataAccessPointAccount",
		doc: stmt(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"*","Resource":` + bucket + `,
			"Condition":{"StringEquals":{"s3:DataAccessPointAccount":"111122223333"}}}`),
		restrictions: []RestrictionKind{RestrictAccount},
		allows:       map[string]bool{"s3:GetObject": true},
		onAll:        map[string]bool{"s3:GetObject": false},
	},
	// ---------------------------------------------------------------- KMS
	{
		name: "kms default key policy",
		doc: `{"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow",
			"Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}`,
		svc:         "kms",
		allows:      map[string]bool{"kms:Decrypt": true, "s3:GetObject": false},
		onAll:       map[string]bool{"kms:Decrypt": true},
		svcWildcard: map[string]bool{"kms": true, "s3": false},
	},
	{
		name: "kms key administrators",
		doc: stmt(`{"Sid":"Allow access for Key Administrators","Effect":"Allow",
			"Principal":{"AWS":["arn:aws:iam::111122223333:role/KeyAdmin","arn:aws:iam::111122223333:user/alice"]},
			"Action":["kms:Create*","kms:Describe*","kms:Enable*","kms:List*","kms:Put*","kms:Update*","kms:Revoke*",
			"kms:Disable*","kms:Get*","kms:Delete*","kms:TagResource","kms:UntagResource","kms:ScheduleKeyDeletion","kms:CancelKeyDeletion"],
			"Resource":"*"}`),
		svc:    "kms",
		allows: map[string]bool{"kms:ScheduleKeyDeletion": true, "kms:Decrypt": false},
		onAll:  map[string]bool{"kms:Decrypt": false, "kms:ReEncryptFrom": false, "kms:DisableKey": true},
	},
	{
		name: "kms cross-account key use",
		doc: stmt(`{"Sid":"Allow use of the key","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222233334444:root"},
			"Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKey*","kms:DescribeKey"],"Resource":"*"}`),
		svc:      "kms",
		external: []string{"account/222233334444"},
		allows:   map[string]bool{"kms:ReEncryptFrom": true, "kms:CreateGrant": false},
		onAll:    map[string]bool{"kms:Decrypt": true},
	},
	{
		name: "kms key use by a trusted account role",
		doc: stmt(`{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::444455556666:role/analytics","arn:aws:iam::444455556666:role/etl"]},
			"Action":"kms:Decrypt","Resource":"*"}`),
		svc:      "kms",
		external: []string{"account/444455556666/trusted"},
		allows:   map[string]bool{"kms:Decrypt": true},
		onAll:    map[string]bool{"kms:Decrypt": true},
	},
	{
		name: "kms grant to * narrowed by kms:CallerAccount",
		doc: stmt(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["kms:Decrypt","kms:DescribeKey"],"Resource":"*",
			"Condition":{"StringEquals":{"kms:CallerAccount":"222233334444"}}}`),
		svc:          "kms",
		restrictions: []RestrictionKind{RestrictAccount},
		external:     []string{"account/222233334444"},
		allows:       map[string]bool{"kms:Decrypt": true},
		onAll:        map[string]bool{"kms:Decrypt": true},
	},
	{
		name: "kms AWS-managed style: CallerAccount with ViaService",
		doc: stmt(`{"Sid":"Allow access through EBS for all principals in the account that are authorized to use EBS",
			"Effect":"Allow","Principal":{"AWS":"*"},
			"Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKey*","kms:CreateGrant","kms:DescribeKey"],
			"Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"111122223333","kms:ViaService":"ec2.us-east-1.amazonaws.com"}}}`),
		svc:          "kms",
		restrictions: []RestrictionKind{RestrictAccount},
		allows:       map[string]bool{"kms:CreateGrant": true},
		onAll:        map[string]bool{"kms:Decrypt": true},
	},
	{
		name: "kms ViaService alone does not restrict",
		doc: stmt(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*",
			"Condition":{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}}`),
		svc:      "kms",
		public:   true,
		external: []string{"account/*"},
		allows:   map[string]bool{"kms:Decrypt": true},
		onAll:    map[string]bool{"kms:Decrypt": true},
	},
	{
		name: "kms CallerAccount with IfExists still restricts",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*",
			"Condition":{"StringEqualsIfExists":{"kms:CallerAccount":"444455556666"}}}`),
		svc:          "kms",
		restrictions: []RestrictionKind{RestrictAccount},
		external:     []string{"account/444455556666/trusted"},
		allows:       map[string]bool{"kms:Decrypt": true},
		onAll:        map[string]bool{"kms:Decrypt": true},
	},
	{
		name: "kms grant to * for AWS resources only is still public",
		doc: stmt(`{"Sid":"Allow attachment of persistent resources","Effect":"Allow","Principal":"*",
			"Action":["kms:CreateGrant","kms:ListGrants","kms:RevokeGrant"],"Resource":"*",
			"Condition":{"Bool":{"kms:GrantIsForAWSResource":"true"}}}`),
		svc:      "kms",
		public:   true,
		external: []string{"account/*"},
		allows:   map[string]bool{"kms:CreateGrant": true, "kms:Decrypt": false},
	},
	{
		name:        "kms bare account ID principal",
		doc:         stmt(`{"Effect":"Allow","Principal":{"AWS":"222233334444"},"Action":"kms:*","Resource":"*"}`),
		svc:         "kms",
		external:    []string{"account/222233334444"},
		allows:      map[string]bool{"kms:Decrypt": true},
		onAll:       map[string]bool{"kms:Decrypt": true},
		svcWildcard: map[string]bool{"kms": true},
	},
	{
		name: "kms principals in the aws-us-gov and aws-cn partitions",
		doc: stmt(`{"Effect":"Allow","Principal":{"AWS":["arn:aws-us-gov:iam::222233334444:root","arn:aws-cn:iam::555566667777:role/x",
			"arn:aws-us-gov:iam::111122223333:role/own"]},"Action":"kms:Decrypt","Resource":"*"}`),
		svc:      "kms",
		external: []string{"account/222233334444", "account/555566667777"},
		allows:   map[string]bool{"kms:Decrypt": true},
		onAll:    map[string]bool{"kms:Decrypt": true},
	},
	{
		name:     "kms principal of a deleted role (unique ID)",
		doc:      stmt(`{"Effect":"Allow","Principal":{"AWS":"AROAJ2EXAMPLE7ZTGABC"},"Action":"kms:Decrypt","Resource":"*"}`),
		svc:      "kms",
		external: []string{"unknown/AROAJ2EXAMPLE7ZTGABC"},
		allows:   map[string]bool{"kms:Decrypt": true},
		onAll:    map[string]bool{"kms:Decrypt": true},
	},
	{
		name:    "kms key policy TLS deny with kms:*",
		doc:     stmt(`{"Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`),
		svc:     "kms",
		tlsDeny: true,
	},
	// ------------------------------------------------------------ SNS/SQS
	{
		name: "sns default topic policy with AWS:SourceOwner",
		doc: `{"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[{"Sid":"__default_statement_ID","Effect":"Allow",
			"Principal":{"AWS":"*"},"Action":["SNS:GetTopicAttributes","SNS:SetTopicAttributes","SNS:AddPermission",
			"SNS:RemovePermission","SNS:DeleteTopic","SNS:Subscribe","SNS:ListSubscriptionsByTopic","SNS:Publish"],
			"Resource":"arn:aws:sns:us-east-1:111122223333:alerts","Condition":{"StringEquals":{"AWS:SourceOwner":"111122223333"}}}]}`,
		svc:          "sns",
		restrictions: []RestrictionKind{RestrictAccount},
		allows:       map[string]bool{"sns:Publish": true, "sns:CreateTopic": false},
	},
	{
		name: "sqs queue fed by S3 event notifications",
		doc: stmt(`{"Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"SQS:SendMessage",
			"Resource":"arn:aws:sqs:us-east-1:111122223333:events",
			"Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::example-bucket"},"StringEquals":{"aws:SourceAccount":"111122223333"}}}`),
		svc:      "sqs",
		external: []string{"service/s3.amazonaws.com/trusted/protected"},
		allows:   map[string]bool{"sqs:SendMessage": true},
	},
	{
		name: "sqs queue subscribed to a topic in another account",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:111122223333:q",
			"Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:222233334444:topic"}}}`),
		svc:          "sqs",
		restrictions: []RestrictionKind{RestrictARN},
		external:     []string{"account/222233334444"},
		allows:       map[string]bool{"sqs:SendMessage": true},
	},
	{
		name:     "sns topic open to everyone",
		doc:      stmt(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sns:Publish","Resource":"arn:aws:sns:us-east-1:111122223333:t"}`),
		svc:      "sns",
		public:   true,
		external: []string{"account/*"},
		allows:   map[string]bool{"SNS:Publish": true},
	},
	{
		name: "sns SourceArn with wildcard account is no restriction",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"sns:Publish","Resource":"arn:aws:sns:us-east-1:111122223333:t",
			"Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:*:*:*"}}}`),
		svc:      "sns",
		public:   true,
		external: []string{"account/*"},
		allows:   map[string]bool{"sns:Publish": true},
	},
	{
		name: "sns S3 bucket SourceArn without account",
		doc: stmt(`{"Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"SNS:Publish",
			"Resource":"arn:aws:sns:us-east-1:111122223333:t","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::example-bucket"}}}`),
		svc:      "sns",
		external: []string{"service/s3.amazonaws.com/protected"},
		allows:   map[string]bool{"sns:Publish": true},
	},
	{
		name: "sqs SourceArn with IfExists gives no confused-deputy protection",
		doc: stmt(`{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage",
			"Resource":"arn:aws:sqs:us-east-1:111122223333:q","Condition":{"ArnEqualsIfExists":{"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:t"}}}`),
		svc:      "sqs",
		external: []string{"service/sns.amazonaws.com"},
		allows:   map[string]bool{"sqs:SendMessage": true},
	},
	// ------------------------------------------------------------- Lambda
	{
		name: "lambda invoked by S3 from another account",
		doc: `{"Version":"2012-10-17","Id":"default","Statement":[{"Sid":"s3-invoke","Effect":"Allow",
			"Principal":{"Service":"s3.amazonaws.com"},"Action":"lambda:InvokeFunction",
			"Resource":"arn:aws:lambda:us-east-1:111122223333:function:thumbnail",
			"Condition":{"StringEquals":{"AWS:SourceAccount":"222233334444"},"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::uploads"}}}]}`,
		svc:      "lambda",
		external: []string{"service/s3.amazonaws.com/protected"},
		allows:   map[string]bool{"lambda:InvokeFunction": true},
	},
	{
		name: "lambda invoked by API Gateway in the own account",
		doc: stmt(`{"Effect":"Allow","Principal":{"Service":"apigateway.amazonaws.com"},"Action":"lambda:InvokeFunction",
			"Resource":"arn:aws:lambda:us-east-1:111122223333:function:api",
			"Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5/*/GET/items"}}}`),
		svc:      "lambda",
		external: []string{"service/apigateway.amazonaws.com/trusted/protected"},
		allows:   map[string]bool{"lambda:InvokeFunction": true},
	},
	{
		name: "lambda public function URL",
		doc: stmt(`{"Sid":"FunctionURLAllowPublicAccess","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunctionUrl",
			"Resource":"arn:aws:lambda:us-east-1:111122223333:function:web",
			"Condition":{"StringEquals":{"lambda:FunctionUrlAuthType":"NONE"}}}`),
		svc:      "lambda",
		public:   true,
		external: []string{"account/*"},
		allows:   map[string]bool{"lambda:InvokeFunctionUrl": true, "lambda:InvokeFunction": false},
	},
	{
		name: "lambda invoked by EventBridge without source condition",
		doc: stmt(`{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"lambda:InvokeFunction",
			"Resource":"arn:aws:lambda:us-east-1:111122223333:function:cron"}`),
		svc:      "lambda",
		external: []string{"service/events.amazonaws.com"},
		allows:   map[string]bool{"lambda:InvokeFunction": true},
	},
	// ------------------------------------------------------- trust policies
	{
		name:     "iam role trust for EC2",
		doc:      stmt(`{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}`),
		svc:      "sts",
		external: []string{"service/ec2.amazonaws.com"},
		allows:   map[string]bool{"sts:AssumeRole": true},
		onAll:    map[string]bool{"sts:AssumeRole": false},
	},
	{
		name: "iam role trust for a third party with ExternalId",
		doc: stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222233334444:root"},"Action":"sts:AssumeRole",
			"Condition":{"StringEquals":{"sts:ExternalId":"7f1c2e9a-5b8d"}}}`),
		svc:      "sts",
		external: []string{"account/222233334444/protected"},
		allows:   map[string]bool{"sts:AssumeRole": true},
	},
	{
		name: "iam role trust for another account requiring MFA",
		doc: stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222233334444:root"},"Action":"sts:AssumeRole",
			"Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}`),
		svc:      "sts",
		external: []string{"account/222233334444"},
		allows:   map[string]bool{"sts:AssumeRole": true},
	},
	{
		name: "iam role trust for SAML federation",
		doc: stmt(`{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:saml-provider/Okta"},
			"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}`),
		svc:      "sts",
		external: []string{"federated/arn:aws:iam::111122223333:saml-provider/Okta/trusted"},
		allows:   map[string]bool{"sts:AssumeRoleWithSAML": true, "sts:AssumeRole": false},
	},
	{
		name: "iam role trust for GitHub Actions OIDC",
		doc: stmt(`{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
			"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},
			"StringLike":{"token.actions.githubusercontent.com:sub":"repo:example-org/*"}}}`),
		svc:      "sts",
		external: []string{"federated/arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com/trusted"},
		allows:   map[string]bool{"sts:AssumeRoleWithWebIdentity": true},
	},
	{
		name: "iam role trust for Cognito identity pools",
		doc: stmt(`{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity",
			"Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"us-east-1:12345678-abcd"},
			"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"authenticated"}}}`),
		svc:      "sts",
		external: []string{"federated/cognito-identity.amazonaws.com"},
		allows:   map[string]bool{"sts:AssumeRoleWithWebIdentity": true},
	},
	{
		name: "iam role trust for the whole organization",
		doc: stmt(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole",
			"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-trusted1"}}}`),
		svc:          "sts",
		restrictions: []RestrictionKind{RestrictOrganization},
		external:     []string{"account/*/trusted"},
		allows:       map[string]bool{"sts:AssumeRole": true},
	},
	{
		name:     "iam role trust open to everyone",
		doc:      stmt(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}`),
		svc:      "sts",
		public:   true,
		external: []string{"account/*"},
		allows:   map[string]bool{"sts:AssumeRole": true},
	},
	{
		name: "iam role trust with PrincipalArn pattern in another account",
		doc: stmt(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole",
			"Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::222233334444:role/deploy-*"}}}`),
		svc:          "sts",
		restrictions: []RestrictionKind{RestrictARN},
		external:     []string{"account/222233334444"},
		allows:       map[string]bool{"sts:AssumeRole": true},
	},
	// ----------------------------------------------------- identity policies
	{
		name:        "identity AdministratorAccess",
		doc:         stmt(`{"Effect":"Allow","Action":"*","Resource":"*"}`),
		admin:       true,
		allows:      map[string]bool{"iam:CreateUser": true},
		onAll:       map[string]bool{"kms:Decrypt": true},
		svcWildcard: map[string]bool{"kms": true, "iam": true},
	},
	{
		name:        "identity *:* on *",
		doc:         stmt(`{"Sid":"FullAccess","Effect":"Allow","Action":["*:*"],"Resource":["*"]}`),
		admin:       true,
		allows:      map[string]bool{"ec2:RunInstances": true},
		onAll:       map[string]bool{"kms:ReEncryptFrom": true},
		svcWildcard: map[string]bool{"kms": true},
	},
	{
		// An MFA condition says how the holder signs in, not what they may
		// do: whoever holds the policy still has every action (IsAdmin).
		name: "identity * with an MFA condition is still full admin",
		doc: stmt(`{"Effect":"Allow","Action":"*","Resource":"*",
			"Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}`),
		admin:       true,
		allows:      map[string]bool{"iam:CreateUser": true},
		onAll:       map[string]bool{"kms:Decrypt": true},
		svcWildcard: map[string]bool{"kms": true},
	},
	{
		name:   "identity * on one bucket is not full admin",
		doc:    stmt(`{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::example-bucket/*"}`),
		allows: map[string]bool{"s3:GetObject": true},
		onAll:  map[string]bool{"kms:Decrypt": false},
	},
	{
		name: "identity PowerUserAccess (Allow NotAction)",
		doc: stmt(`{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"}`,
			`{"Effect":"Allow","Action":["iam:CreateServiceLinkedRole","iam:DeleteServiceLinkedRole","iam:ListRoles",
			"organizations:DescribeOrganization","account:ListRegions"],"Resource":"*"}`),
		allows:      map[string]bool{"s3:GetObject": true, "iam:CreateUser": false, "iam:ListRoles": true},
		onAll:       map[string]bool{"kms:Decrypt": true, "iam:CreateAccessKey": false},
		svcWildcard: map[string]bool{"kms": true, "iam": false},
	},
	{
		name: "identity Allow NotAction with NotResource",
		doc:  stmt(`{"Effect":"Allow","NotAction":"iam:*","NotResource":"arn:aws:s3:::secret-bucket/*"}`),
		allows: map[string]bool{
			"s3:GetObject": true, "iam:PassRole": false,
		},
		onAll:       map[string]bool{"kms:Decrypt": true},
		svcWildcard: map[string]bool{"kms": true},
	},
	{
		name:        "identity admin with a blanket Deny",
		doc:         stmt(`{"Effect":"Allow","Action":"*","Resource":"*"}`, `{"Effect":"Deny","Action":"*","Resource":"*"}`),
		admin:       true,
		allows:      map[string]bool{"s3:GetObject": false},
		onAll:       map[string]bool{"kms:Decrypt": false},
		svcWildcard: map[string]bool{"kms": false},
	},
	{
		name: "identity admin with a conditional Deny still allows",
		doc: stmt(`{"Effect":"Allow","Action":"*","Resource":"*"}`,
			`{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}`),
		admin:       true,
		allows:      map[string]bool{"s3:GetObject": true},
		onAll:       map[string]bool{"kms:Decrypt": true},
		svcWildcard: map[string]bool{"kms": true},
	},
	{
		name:   "identity read-only S3",
		doc:    stmt(`{"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"*"}`),
		allows: map[string]bool{"s3:GetObject": true, "s3:ListAllMyBuckets": true, "s3:PutObject": false},
		onAll:  map[string]bool{"s3:GetObject": true, "kms:Decrypt": false},
	},
	{
		name:   "identity kms:Decrypt on all keys (FSBP KMS.1)",
		doc:    stmt(`{"Effect":"Allow","Action":["kms:Decrypt","kms:GenerateDataKey"],"Resource":"*"}`),
		allows: map[string]bool{"kms:Decrypt": true, "kms:ReEncryptFrom": false},
		onAll:  map[string]bool{"kms:Decrypt": true, "kms:ReEncryptFrom": false},
	},
	{
		name: "identity kms:Decrypt on one key",
		doc: stmt(`{"Effect":"Allow","Action":"kms:Decrypt",
			"Resource":"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}`),
		allows: map[string]bool{"kms:Decrypt": true},
		onAll:  map[string]bool{"kms:Decrypt": false},
	},
	{
		name:        "identity kms:* on all keys",
		doc:         stmt(`{"Effect":"Allow","Action":"kms:*","Resource":"*"}`),
		allows:      map[string]bool{"kms:ReEncryptFrom": true},
		onAll:       map[string]bool{"kms:ReEncryptFrom": true},
		svcWildcard: map[string]bool{"kms": true, "s3": false},
	},
	{
		name:   "identity kms:Decrypt on all keys cancelled by Deny",
		doc:    stmt(`{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}`, `{"Effect":"Deny","Action":"kms:*","Resource":"*"}`),
		allows: map[string]bool{"kms:Decrypt": false},
		onAll:  map[string]bool{"kms:Decrypt": false},
	},
	{
		name:        "identity Deny on a narrower resource does not cancel",
		doc:         stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`, `{"Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::secret/*"}`),
		allows:      map[string]bool{"s3:GetObject": true},
		onAll:       map[string]bool{"s3:GetObject": true},
		svcWildcard: map[string]bool{"s3": true},
	},
	{
		name:   "identity mixed-case action names and ? wildcard",
		doc:    stmt(`{"Effect":"Allow","Action":["KMS:decrypt","s3:GetObjec?"],"Resource":"*"}`),
		allows: map[string]bool{"kms:Decrypt": true, "s3:GetObject": true, "s3:GetObjectAcl": false},
		onAll:  map[string]bool{"kms:Decrypt": true},
	},
	{
		name:   "identity single Statement object and lower-case element names",
		doc:    `{"version":"2012-10-17","statement":{"effect":"allow","action":"ec2:Describe*","resource":"*"}}`,
		allows: map[string]bool{"ec2:DescribeInstances": true, "ec2:RunInstances": false},
		onAll:  map[string]bool{"ec2:DescribeVpcs": true},
	},
	{
		name:        "identity URL-encoded document from GetAccountAuthorizationDetails",
		doc:         url.PathEscape(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`),
		admin:       true,
		allows:      map[string]bool{"s3:GetObject": true},
		onAll:       map[string]bool{"kms:Decrypt": true},
		svcWildcard: map[string]bool{"kms": true},
	},
	{
		name:   "identity policy without Version",
		doc:    `{"Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"arn:aws:s3:::*"}]}`,
		allows: map[string]bool{"s3:ListAllMyBuckets": true},
		onAll:  map[string]bool{"s3:ListAllMyBuckets": false},
	},
	{
		name: "identity lenient condition key and operator case",
		doc: stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*",
			"Condition":{"ipaddress":{"AWS:SOURCEIP":"10.0.0.0/8"}}}`),
		restrictions: []RestrictionKind{RestrictSourceIP},
		external:     []string{"account/*"},
		allows:       map[string]bool{"s3:GetObject": true},
	},
	{
		name:   "empty statement list",
		doc:    `{"Version":"2012-10-17","Statement":[]}`,
		allows: map[string]bool{"s3:GetObject": false},
	},
}

func TestPolicyCases(t *testing.T) {
	for _, tc := range policyCases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Parse(tc.doc)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			svc := tc.svc
			if svc == "" {
				svc = "s3"
			}
			e := Exposure(p, testOpts)
			if e.Public != tc.public || IsPublic(p, testOpts) != tc.public {
				t.Errorf("public = %v, want %v (grants %+v)", e.Public, tc.public, e.Grants)
			}
			if got := restrictionKinds(e); !reflect.DeepEqual(got, tc.restrictions) {
				t.Errorf("restrictions = %v, want %v", got, tc.restrictions)
			}
			if got := summarise(ExternalAccounts(p, testOpts)); !reflect.DeepEqual(got, tc.external) {
				t.Errorf("ExternalAccounts = %q, want %q", got, tc.external)
			}
			if got := DeniesInsecureTransport(p, svc); got != tc.tlsDeny {
				t.Errorf("DeniesInsecureTransport(%q) = %v, want %v", svc, got, tc.tlsDeny)
			}
			if got := MinTLSVersion(p); got != tc.minTLS {
				t.Errorf("MinTLSVersion = %q, want %q", got, tc.minTLS)
			}
			if got := IsAdmin(p); got != tc.admin {
				t.Errorf("IsAdmin = %v, want %v", got, tc.admin)
			}
			for a, want := range tc.allows {
				if got := AllowsActions(p, a); got != want {
					t.Errorf("AllowsActions(%q) = %v, want %v", a, got, want)
				}
			}
			for a, want := range tc.onAll {
				if got := AllowsOnAllResources(p, a); got != want {
					t.Errorf("AllowsOnAllResources(%q) = %v, want %v", a, got, want)
				}
			}
			for s, want := range tc.svcWildcard {
				if got := AllowsServiceWildcard(p, s); got != want {
					t.Errorf("AllowsServiceWildcard(%q) = %v, want %v", s, got, want)
				}
			}
			checkInvariants(t, p)
		})
	}
}

// malformedCases are documents Parse must reject, with a fragment of the
// error it must give.
var malformedCases = []struct {
	name, doc, err string
}{
	{"effect with trailing space", stmt(`{"Effect":"allow ","Action":"s3:*","Resource":"*"}`),
		`statement 1: Effect "allow " is not Allow or Deny`},
	{"bad effect in second statement", stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`, `{"Effect":"Permit","Action":"s3:*","Resource":"*"}`),
		`statement 2: Effect "Permit" is not Allow or Deny`},
	{"missing effect", stmt(`{"Action":"s3:*","Resource":"*"}`), "statement 1: has no Effect"},
	{"no Statement", `{"Version":"2012-10-17"}`, "no Statement element"},
	{"invalid JSON", `{"Version":"2012-10-17","Statement":[}`, "not a JSON object"},
	{"truncated JSON", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow"`, "not a JSON object"},
	{"top-level list", `[{"Effect":"Allow"}]`, "not a JSON object"},
	{"trailing data", `{"Statement":[]} {}`, "unexpected data"},
	{"trailing brace", `{"Statement":[]} }`, "unexpected data"},
	{"null document", `null`, "policy is null"},
	{"empty document", "  ", "empty policy document"},
	{"principal ARN string", stmt(`{"Effect":"Allow","Principal":"arn:aws:iam::111122223333:root","Action":"s3:*","Resource":"*"}`),
		`statement 1: Principal: string value "arn:aws:iam::111122223333:root" is not "*"`},
	{"principal unknown type", stmt(`{"Effect":"Allow","Principal":{"IAM":"x"},"Action":"s3:*","Resource":"*"}`),
		`statement 1: Principal: unknown element "IAM"`},
	{"principal number list", stmt(`{"Effect":"Allow","Principal":{"AWS":[123456789012]},"Action":"s3:*","Resource":"*"}`),
		"statement 1: Principal: AWS: item 1 is a number, not a string"},
	{"both Principal and NotPrincipal", stmt(`{"Effect":"Allow","Principal":"*","NotPrincipal":{"AWS":"*"},"Action":"s3:*","Resource":"*"}`),
		"has both Principal and NotPrincipal"},
	{"action number", stmt(`{"Effect":"Allow","Action":5,"Resource":"*"}`), "statement 1: Action: is a number, not a string or a list of strings"},
	{"empty action list", stmt(`{"Effect":"Allow","Action":[],"Resource":"*"}`), "statement 1: Action is empty"},
	{"Action and NotAction", stmt(`{"Effect":"Allow","Action":"s3:*","NotAction":"iam:*","Resource":"*"}`), "has both Action and NotAction"},
	{"no Action", stmt(`{"Effect":"Allow","Resource":"*"}`), "has neither Action nor NotAction"},
	{"Resource and NotResource", stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"*","NotResource":"x"}`), "has both Resource and NotResource"},
	{"misspelt Condition", stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Conditon":{}}`), `statement 1: unknown element "Conditon"`},
	{"condition value object", stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":{"a":1}}}}`),
		"statement 1: Condition: StringEquals: aws:SourceVpce: an object is not a string, boolean or number"},
	{"condition value null in list", stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"k":["a",null]}}}`),
		"value 2: null is not a string, boolean or number"},
	{"condition body not a map", stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":"x"}}`),
		"StringEquals: is not a map of key to value"},
	{"condition not a map", stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":["x"]}`), "Condition: is not a map"},
	{"bad Version", `{"Version":"2012-10-18","Statement":[]}`, `Version "2012-10-18" is not 2012-10-17 or 2008-10-17`},
	{"Version number", `{"Version":2012,"Statement":[]}`, "Version is not a string"},
	{"Statement string", `{"Statement":"Allow everything"}`, "Statement is neither an object nor a list"},
	{"statement list item string", `{"Statement":["x"]}`, "statement 1: is not a JSON object"},
	{"duplicate element by case", stmt(`{"Effect":"Allow","effect":"Deny","Action":"s3:*","Resource":"*"}`), "element Effect appears twice"},
	{"bad URL encoding", "%7B%ZZ", "URL-decoding policy document"},
	{"Sid number", stmt(`{"Sid":1,"Effect":"Allow","Action":"s3:*","Resource":"*"}`), "Sid is not a string"},
	{"unknown top-level element", `{"Version":"2012-10-17","Statment":[]}`, `unknown element "Statment"`},
}

func TestParseMalformed(t *testing.T) {
	for _, tc := range malformedCases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Parse(tc.doc)
			if err == nil {
				t.Fatalf("Parse succeeded: %+v", p)
			}
			if !strings.Contains(err.Error(), tc.err) {
				t.Errorf("error %q does not contain %q", err, tc.err)
			}
		})
	}
}

func TestCaseCount(t *testing.T) {
	if n := len(policyCases) + len(malformedCases); n < 60 {
		t.Errorf("only %d policy shapes", n)
	}
	t.Logf("%d valid policy shapes, %d malformed documents", len(policyCases), len(malformedCases))
}
