package iampolicy

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestParseStructure(t *testing.T) {
	doc := `{"Version":"2012-10-17","Id":"key-consolepolicy-3","Statement":[
	  {"Sid":"A","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::222233334444:root","*"],"Service":"ec2.amazonaws.com"},
	   "Action":"kms:Decrypt","Resource":["*"],
	   "Condition":{"StringEquals":{"kms:CallerAccount":["111122223333"],"kms:ViaService":"ec2.us-east-1.amazonaws.com"},
	                "Bool":{"kms:GrantIsForAWSResource":true},"NumericLessThan":{"s3:TlsVersion":1.20}}},
	  {"Effect":"Deny","NotPrincipal":{"Federated":"cognito-identity.amazonaws.com","CanonicalUser":["abc"]},
	   "NotAction":["iam:*"],"NotResource":"arn:aws:s3:::b"}]}`
	p, err := Parse(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := &Policy{
		Version: Version2012,
		ID:      "key-consolepolicy-3",
		Statements: []Statement{
			{
				Sid: "A", Effect: Allow,
				Principal: &Principal{AWS: []string{"arn:aws:iam::222233334444:root", "*"}, Service: []string{"ec2.amazonaws.com"}},
				Action:    []string{"kms:Decrypt"},
				Resource:  []string{"*"},
				Condition: []Condition{
					{Operator: "Bool", Key: "kms:GrantIsForAWSResource", Values: []string{"true"}},
					{Operator: "NumericLessThan", Key: "s3:TlsVersion", Values: []string{"1.20"}},
					{Operator: "StringEquals", Key: "kms:CallerAccount", Values: []string{"111122223333"}},
					{Operator: "StringEquals", Key: "kms:ViaService", Values: []string{"ec2.us-east-1.amazonaws.com"}},
				},
			},
			{
				Effect:       Deny,
				NotPrincipal: &Principal{Federated: []string{"cognito-identity.amazonaws.com"}, CanonicalUser: []string{"abc"}},
				NotAction:    []string{"iam:*"},
				NotResource:  []string{"arn:aws:s3:::b"},
			},
		},
	}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("got  %#v\nwant %#v", p, want)
	}
	if !p.Statements[0].Principal.Everyone() || !p.Statements[0].AppliesToEveryone() {
		t.Error("AWS * among other principals is everyone")
	}
	if p.Statements[1].AppliesToEveryone() {
		t.Error("Deny with NotPrincipal is not everyone")
	}
	if got := p.Statements[0].Conditions("KMS:CALLERACCOUNT"); len(got) != 1 || got[0].Values[0] != "111122223333" {
		t.Errorf("Conditions lookup = %+v", got)
	}
	checkInvariants(t, p)
}

func TestParseURLEncodedKeepsPlus(t *testing.T) {
	// IAM returns documents percent-encoded; a literal + must survive.
	doc := "%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3AGetObject%22%2C" +
		"%22Resource%22%3A%22arn%3Aaws%3As3%3A%3A%3Aa+b%2Fc%20d%22%7D%5D%7D"
	p, err := Parse(doc)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Statements[0].Resource[0]; got != "arn:aws:s3:::a+b/c d" {
		t.Errorf("Resource = %q", got)
	}
}

func TestUnmarshalJSON(t *testing.T) {
	var holder struct {
		Plain   *Policy
		Encoded *Policy
		Object  *Policy
	}
	in := `{"Plain":"{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}",
	        "Encoded":"%7B%22Statement%22%3A%5B%5D%7D",
	        "Object":{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}}`
	if err := json.Unmarshal([]byte(in), &holder); err != nil {
		t.Fatal(err)
	}
	if len(holder.Plain.Statements) != 1 || holder.Plain.Statements[0].Action[0] != "s3:*" {
		t.Errorf("Plain = %+v", holder.Plain)
	}
	if holder.Encoded == nil || len(holder.Encoded.Statements) != 0 {
		t.Errorf("Encoded = %+v", holder.Encoded)
	}
	if holder.Object.Statements[0].Effect != Deny {
		t.Errorf("Object = %+v", holder.Object)
	}
	b, err := json.Marshal(holder.Object)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["*"],"Resource":["*"]}]}`
	if string(b) != want {
		t.Errorf("Marshal = %s, want %s", b, want)
	}
	var bad Policy
	if err := json.Unmarshal([]byte(`{"Statement":[{"Effect":"Maybe","Action":"*"}]}`), &bad); err == nil {
		t.Error("UnmarshalJSON accepted a bad Effect")
	}
}

func TestMatchAction(t *testing.T) {
	cases := []struct {
		pattern, action string
		want            bool
	}{
		{"*", "s3:GetObject", true},
		{"s3:*", "s3:GetObject", true},
		{"s3:*", "S3:getobject", true},
		{"S3:GET*", "s3:GetObjectAcl", true},
		{"s3:Get*", "s3:PutObject", false},
		{"s3:Get*", "s3:Get", true},
		{"kms:*", "kms:Decrypt", true},
		{"kms:*", "kmsx:Decrypt", false},
		{"kms:ReEncrypt*", "kms:ReEncryptFrom", true},
		{"ec2:Describe?pcs", "ec2:DescribeVpcs", true},
		{"ec2:Describe?pcs", "ec2:DescribeVVpcs", false},
		{"iam:*User*", "iam:CreateUser", true},
		{"iam:*User*", "iam:ListUserPolicies", true},
		{"iam:*User*", "iam:CreateRole", false},
		{"*:*", "s3:GetObject", true},
		{"s3:GetObject", "s3:GetObject*", false},
		// Pattern-to-pattern covering.
		{"s3:*", "s3:Get*", true},
		{"s3:Get*", "s3:*", false},
		{"*", "*", true},
		{"?*", "*?", true},
		{"*", "*:*", true},
		{"*:*", "*", false},
		{"s3:*Object*", "s3:Get*Object", true},
		{"", "", true},
		{"", "s3:x", false},
	}
	for _, c := range cases {
		if got := MatchAction(c.pattern, c.action); got != c.want {
			t.Errorf("MatchAction(%q, %q) = %v, want %v", c.pattern, c.action, got, c.want)
		}
	}
}

func TestCoversResourceIsCaseSensitive(t *testing.T) {
	s := Statement{Effect: Allow, Action: []string{"s3:*"}, Resource: []string{"arn:aws:s3:::Bucket/*"}}
	if s.CoversResource("arn:aws:s3:::bucket/key") {
		t.Error("resource ARNs must match case-sensitively")
	}
	if !s.CoversResource("arn:aws:s3:::Bucket/key") {
		t.Error("expected match")
	}
	n := Statement{Effect: Allow, Action: []string{"s3:*"}, NotResource: []string{"arn:aws:s3:::secret/*"}}
	if n.CoversResource("arn:aws:s3:::secret/x") || !n.CoversResource("arn:aws:s3:::public/x") {
		t.Error("NotResource semantics")
	}
}

func TestGrantsWithMatchers(t *testing.T) {
	p, err := Parse(stmt(
		`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222233334444:role/reader"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`,
		`{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::b/logs/*"}`,
		`{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::555566667777:root"},"Action":"s3:ListBucket","Resource":"arn:aws:s3:::b"}`,
		`{"Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::b/*"}`,
		`{"Effect":"Allow","Principal":"*","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::b/*"}`,
	))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		who    PrincipalMatcher
		action string
		want   bool
	}{
		{"reader account reads", MatchAccount(external), "s3:GetObject", true},
		{"reader account cannot put", MatchAccount(external), "s3:PutObject", false},
		{"other account cannot read", MatchAccount(trusted), "s3:GetObject", false},
		{"everyone cannot read", MatchEveryone(), "s3:GetObject", false},
		{"logging service puts", MatchService("LOGGING.s3.amazonaws.com"), "s3:PutObject", true},
		{"other service cannot put", MatchService("cloudtrail.amazonaws.com"), "s3:PutObject", false},
		{"everyone lists via NotPrincipal", MatchEveryone(), "s3:ListBucket", true},
		{"exempted account does not list", MatchAccount("555566667777"), "s3:ListBucket", false},
		{"other account lists", MatchAccount(external), "s3:ListBucket", true},
		{"service lists via NotPrincipal", MatchService("logging.s3.amazonaws.com"), "s3:ListBucket", true},
		{"delete is denied to everyone", MatchEveryone(), "s3:DeleteObject", false},
		{"delete is denied to accounts", MatchAccount(external), "s3:DeleteObject", false},
		{"nil matcher reads", nil, "s3:GetObject", true},
	}
	for _, c := range cases {
		if got := Grants(p, c.who, c.action); got != c.want {
			t.Errorf("%s: Grants = %v, want %v", c.name, got, c.want)
		}
	}
	if Grants(nil, nil, "s3:GetObject") || IsPublic(nil, Options{}) || IsAdmin(nil) || DeniesInsecureTransport(nil, "s3") ||
		MinTLSVersion(nil) != "" || ExternalAccounts(nil, Options{}) != nil || AllowsActions(nil, "*") {
		t.Error("nil policy must grant nothing")
	}
}

func TestExposureDetails(t *testing.T) {
	p, err := Parse(stmt(
		`{"Sid":"Read","Effect":"Allow","Principal":"*","NotAction":"s3:Delete*","Resource":"arn:aws:s3:::b/*",
		  "Condition":{"ArnLike":{"aws:SourceArn":["arn:aws:sns:us-east-1:222233334444:t","arn:aws:sns:*:444455556666:*"]}}}`,
		`{"Sid":"Fence","Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::222233334444:role/r"},"Action":"*","Resource":"*",
		  "Condition":{"StringNotEquals":{"aws:PrincipalAccount":"${aws:ResourceAccount}"}}}`,
		`{"Sid":"Open","Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:ListBucket","Resource":"arn:aws:s3:::b"}`,
	))
	if err != nil {
		t.Fatal(err)
	}
	e := Exposure(p, testOpts)
	if len(e.Grants) != 2 {
		t.Fatalf("grants = %+v", e.Grants)
	}
	g := e.Grants[0]
	if g.Statement != 0 || g.Sid != "Read" || !g.NotAction || g.Actions[0] != "s3:Delete*" || g.ViaNotPrincipal || g.Public {
		t.Errorf("grant 0 = %+v", g)
	}
	want := []Restriction{
		{Statement: 0, Kind: RestrictARN, Operator: "ArnLike", Key: "aws:SourceArn",
			Values:   []string{"arn:aws:sns:us-east-1:222233334444:t", "arn:aws:sns:*:444455556666:*"},
			Accounts: []string{external, trusted}},
		{Statement: 1, Kind: RestrictPrincipal, Values: []string{"arn:aws:iam::222233334444:role/r"}, Accounts: []string{external}},
		{Statement: 1, Kind: RestrictAccount, Operator: "StringNotEquals", Key: "aws:PrincipalAccount",
			Values: []string{"${aws:ResourceAccount}"}, Accounts: []string{own}},
	}
	if !reflect.DeepEqual(g.Restrictions, want) {
		t.Errorf("restrictions =\n%+v\nwant\n%+v", g.Restrictions, want)
	}
	g = e.Grants[1]
	if g.Statement != 2 || !g.ViaNotPrincipal || g.Public || len(g.Restrictions) != 2 {
		t.Errorf("grant 1 = %+v (the fence covers it too)", g)
	}
	if e.Public {
		t.Error("both grants are fenced")
	}

	ext := ExternalAccounts(p, testOpts)
	got := summarise(ext)
	// Grant 0 names 222233334444 and 444455556666, the fence admits
	// 222233334444 and the own account: only 222233334444 gets through.
	wantExt := []string{"account/222233334444", "account/222233334444"}
	if !reflect.DeepEqual(got, wantExt) {
		t.Errorf("ExternalAccounts = %q, want %q", got, wantExt)
	}
	if !ext[0].NotAction || ext[0].Actions[0] != "s3:Delete*" || ext[0].Principals[0] != "*" || len(ext[0].Restrictions) != 3 {
		t.Errorf("entry 0 = %+v", ext[0])
	}
}

func TestExternalAccountsDetails(t *testing.T) {
	p, err := Parse(stmt(
		`{"Sid":"Use","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::222233334444:role/a","arn:aws:iam::222233334444:user/b",
		  "arn:aws:iam::111122223333:role/own","444455556666"],"Service":["delivery.logs.amazonaws.com"]},
		  "Action":["kms:Decrypt","kms:GenerateDataKey*"],"Resource":"*",
		  "Condition":{"StringEquals":{"aws:SourceAccount":["111122223333","222233334444"]},
		  "ArnLike":{"aws:SourceArn":"arn:aws:logs:us-east-1:111122223333:*"}}}`,
	))
	if err != nil {
		t.Fatal(err)
	}
	ext := ExternalAccounts(p, testOpts)
	if got, want := summarise(ext), []string{"account/222233334444", "account/444455556666/trusted", "service/delivery.logs.amazonaws.com/protected"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("ExternalAccounts = %q, want %q", got, want)
	}
	if want := []string{"arn:aws:iam::222233334444:role/a", "arn:aws:iam::222233334444:user/b"}; !reflect.DeepEqual(ext[0].Principals, want) {
		t.Errorf("principals = %q", ext[0].Principals)
	}
	if !reflect.DeepEqual(ext[0].Actions, []string{"kms:Decrypt", "kms:GenerateDataKey*"}) || ext[0].Sid != "Use" {
		t.Errorf("entry 0 = %+v", ext[0])
	}
	// Conditions are sorted by operator: ArnLike's account comes first.
	if want := []string{own, external}; !reflect.DeepEqual(ext[2].SourceAccounts, want) {
		t.Errorf("SourceAccounts = %q, want %q", ext[2].SourceAccounts, want)
	}

	// With no own account known, every account is external.
	all := summarise(ExternalAccounts(p, Options{}))
	if want := []string{"account/222233334444", "account/111122223333", "account/444455556666", "service/delivery.logs.amazonaws.com/protected"}; !reflect.DeepEqual(all, want) {
		t.Errorf("without options = %q, want %q", all, want)
	}
}

func TestRestrictionValues(t *testing.T) {
	cases := []struct {
		op, key string
		values  []string
		want    bool
	}{
		{"StringEquals", "aws:SourceVpce", []string{"vpce-1"}, true},
		{"StringEquals", "aws:SourceVpce", []string{"*"}, true}, // literal "*": matches no endpoint
		{"StringLike", "aws:SourceVpce", []string{"vpce-*"}, false},
		{"StringLike", "aws:SourceVpce", []string{"vpce-1", "*"}, false},
		{"StringEquals", "aws:SourceVpce", []string{}, false},
		{"ArnEquals", "aws:SourceArn", []string{"arn:aws:sns:us-east-1:*:t"}, false},
		{"ArnEquals", "aws:SourceArn", []string{"arn:aws:sns:us-east-1:222233334444:*"}, true},
		{"ArnLike", "aws:SourceArn", []string{"arn:aws:s3:::logs-*"}, false},
		{"StringEquals", "aws:SourceArn", []string{"arn:aws:s3:::logs-*"}, true},
		{"IpAddress", "aws:SourceIp", []string{"10.0.0.0/8"}, true},
		{"IpAddress", "aws:SourceIp", []string{"10.0.0.0/7"}, false},
		{"IpAddress", "aws:SourceIp", []string{"203.0.113.7"}, true},
		{"IpAddress", "aws:SourceIp", []string{"2001:db8::/31"}, false},
		{"IpAddress", "aws:SourceIp", []string{"not-an-ip"}, false},
		{"StringEquals", "aws:SourceIp", []string{"10.0.0.0/8"}, false},
		{"IpAddress", "aws:SourceVpce", []string{"10.0.0.0/8"}, false},
		{"IpAddressIfExists", "aws:SourceIp", []string{"10.0.0.0/8"}, false},
		{"StringEqualsIfExists", "aws:SourceAccount", []string{"222233334444"}, false},
		{"ArnLikeIfExists", "aws:SourceArn", []string{"arn:aws:sns:us-east-1:222233334444:t"}, false},
		{"StringEqualsIgnoreCase", "aws:PrincipalOrgID", []string{"o-abc"}, true},
		{"ForAnyValue:StringEquals", "aws:PrincipalOrgPaths", []string{"o-abc/r-1/*"}, true},
		{"ForAnyValue:StringLike", "aws:PrincipalOrgPaths", []string{"*/r-1/*"}, false},
		{"ForAllValues:StringLike", "aws:PrincipalOrgPaths", []string{"o-abc/*"}, false},
		{"StringLike", "aws:userid", []string{"AROA*:*"}, false},
		{"StringEquals", "aws:PrincipalAccount", []string{"${aws:username}"}, false},
		{"StringEquals", "aws:SecureTransport", []string{"true"}, false},
		{"Null", "aws:PrincipalOrgID", []string{"false"}, false},
		// aws:PrincipalAccount and aws:userid are in every request, anonymous
		// ones included, with the value "anonymous" (IAM User Guide, "AWS
		// global condition context keys").
		{"StringEqualsIfExists", "aws:PrincipalAccount", []string{own}, true},
		{"StringEqualsIfExists", "aws:userid", []string{"AIDAEXAMPLEUSERID"}, true},
		{"StringEquals", "aws:PrincipalAccount", []string{"anonymous"}, false},
		{"StringLike", "aws:PrincipalAccount", []string{"anon*"}, false},
		{"StringEquals", "aws:userid", []string{"anonymous"}, false},
		// Values that can match no 12-digit account admit no one.
		{"StringEquals", "aws:PrincipalAccount", []string{"12345"}, true},
		{"StringLike", "aws:PrincipalAccount", []string{"abc*"}, true},
		{"StringLike", "aws:PrincipalAccount", []string{"1111????????"}, false},
		// A literal account field pins a principal ARN pattern, not a
		// resource ARN one.
		{"StringLike", "aws:PrincipalArn", []string{"arn:*:222233334444:*"}, true},
		{"ArnLike", "aws:SourceArn", []string{"arn:*:222233334444:*"}, false},
		// S3 Block Public Access, "The meaning of public".
		{"StringEquals", "s3:x-amz-server-side-encryption-aws-kms-key-id", []string{"arn:aws:kms:eu-west-1:111122223333:key/k"}, true},
		{"StringLike", "s3:x-amz-server-side-encryption-aws-kms-key-id", []string{"arn:aws:kms:*"}, false},
		{"StringEqualsIfExists", "s3:x-amz-server-side-encryption-aws-kms-key-id", []string{"arn:aws:kms:eu-west-1:111122223333:key/k"}, false},
	}
	for _, c := range cases {
		_, got := allowRestriction(Condition{Operator: c.op, Key: c.key, Values: c.values}, 0, testOpts)
		if got != c.want {
			t.Errorf("%s %s %q: restricts = %v, want %v", c.op, c.key, c.values, got, c.want)
		}
	}
}

func TestFenceRejectsNonNegatedDeny(t *testing.T) {
	// A Deny with a positive condition denies inside the scope, not outside:
	// it fences nothing.
	p, err := Parse(stmt(
		`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`,
		`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1"}}}`,
		`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*","Condition":{"ForAnyValue:StringNotEquals":{"aws:SourceVpce":"vpce-1"}}}`,
		`{"Effect":"Deny","Principal":"*","NotAction":"s3:PutObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}}`,
		`{"Effect":"Deny","Principal":"*","Action":"s3:*","NotResource":"arn:aws:s3:::c/*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}}`,
	))
	if err != nil {
		t.Fatal(err)
	}
	if !IsPublic(p, testOpts) {
		t.Errorf("none of the Deny statements fences the grant: %+v", Exposure(p, testOpts))
	}
}

func TestAdminGrant(t *testing.T) {
	cases := []struct{ doc, want string }{
		{stmt(`{"Effect":"Allow","Action":"*","Resource":"*"}`), "*:*"},
		{stmt(`{"Effect":"Allow","NotAction":["s3:DeleteBucket"],"Resource":"*"}`), "every action but s3:DeleteBucket"},
		{stmt(`{"Effect":"Allow","Action":"*","NotResource":"arn:aws:s3:::logs/*"}`), "*:* on every resource but arn:aws:s3:::logs/*"},
		{stmt(`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"},"Bool":{"aws:MultiFactorAuthPresent":"true"}}}`),
			"*:* under a condition on aws:MultiFactorAuthPresent, aws:SourceIp (which does not narrow what can be done)"},
		{stmt(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`), ""},
		{stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`), ""},
	}
	for _, c := range cases {
		p, err := Parse(c.doc)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := AdminGrant(p)
		if got != c.want || ok != (c.want != "") || IsAdmin(p) != ok {
			t.Errorf("AdminGrant(%s) = %q, %v; want %q", c.doc, got, ok, c.want)
		}
	}
}
