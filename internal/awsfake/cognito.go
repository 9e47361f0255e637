package awsfake

import "github.com/shoulder-dev/shoulder/internal/state"

// ---- Amazon Cognito (awsJson1.1, bodies by hand; svc-classic): identity
// pools (signing name cognito-identity, AWSCognitoIdentityService.*) and
// user pools (cognito-idp, AWSCognitoIdentityProviderService.*). Both
// listings need MaxResults (1-60) and page with NextToken. ----

func (s *Server) cognitoIdentityService() *service {
	return &service{name: "cognito-identity", proto: protoJSON, ops: map[string]handler{
		"ListIdentityPools":    cgListIdentityPools,
		"DescribeIdentityPool": cgDescribeIdentityPool,
	}}
}

func (s *Server) cognitoIDPService() *service {
	return &service{name: "cognito-idp", proto: protoJSON, ops: map[string]handler{
		"ListUserPools":    cgListUserPools,
		"DescribeUserPool": cgDescribeUserPool,
	}}
}

// cgPage is the page MaxResults (required, 1-60) and NextToken ask for.
func cgPage(c *call, n int) (int, int, string, error) {
	mx, err := c.num("MaxResults", 0)
	if err != nil {
		return 0, 0, "", err
	}
	if mx < 1 || mx > 60 {
		return 0, 0, "", errf(400, "InvalidParameterException", "MaxResults must be between 1 and 60")
	}
	return page(c.action, n, c.str("NextToken"), mx, 60, 60)
}

func cgListIdentityPools(c *call) (*reply, error) {
	xs := c.s.idx.identityPools[c.region]
	start, end, next, err := cgPage(c, len(xs))
	if err != nil {
		return nil, err
	}
	items := []map[string]any{}
	for _, x := range xs[start:end] {
		items = append(items, map[string]any{"IdentityPoolId": x.ID, "IdentityPoolName": x.Name})
	}
	out := map[string]any{"IdentityPools": items}
	if next != "" {
		out["NextToken"] = next
	}
	return c.rawJSON(out)
}

func cgDescribeIdentityPool(c *call) (*reply, error) {
	for _, x := range c.s.idx.identityPools[c.region] {
		if x.ID == c.str("IdentityPoolId") {
			out := map[string]any{"IdentityPoolId": x.ID, "IdentityPoolName": x.Name, "AllowUnauthenticatedIdentities": x.AllowUnauthenticated,
				"AllowClassicFlow": false}
			if len(x.Tags) > 0 {
				out["IdentityPoolTags"] = x.Tags
			}
			return c.rawJSON(out)
		}
	}
	return nil, errf(400, "ResourceNotFoundException", "IdentityPool '%s' not found.", c.str("IdentityPoolId"))
}

func cgListUserPools(c *call) (*reply, error) {
	xs := c.s.idx.userPools[c.region]
	start, end, next, err := cgPage(c, len(xs))
	if err != nil {
		return nil, err
	}
	items := []map[string]any{}
	for _, x := range xs[start:end] {
		items = append(items, map[string]any{"Id": x.ID, "Name": x.Name, "Status": "Enabled", "LastModifiedDate": 1700000000, "CreationDate": 1700000000})
	}
	out := map[string]any{"UserPools": items}
	if next != "" {
		out["NextToken"] = next
	}
	return c.rawJSON(out)
}

func cgDescribeUserPool(c *call) (*reply, error) {
	for _, x := range c.s.idx.userPools[c.region] {
		if x.ID != c.str("UserPoolId") {
			continue
		}
		u := map[string]any{"Id": x.ID, "Name": x.Name, "Arn": x.ARN, "Status": "Enabled", "MfaConfiguration": "OFF",
			"LastModifiedDate": 1700000000, "CreationDate": 1700000000}
		if p := x.PasswordPolicy; p != nil {
			u["Policies"] = map[string]any{"PasswordPolicy": map[string]any{"MinimumLength": p.MinimumLength, "RequireUppercase": p.RequireUppercase,
				"RequireLowercase": p.RequireLowercase, "RequireNumbers": p.RequireNumbers, "RequireSymbols": p.RequireSymbols,
				"TemporaryPasswordValidityDays": p.TemporaryPasswordValidityDays}}
		}
		if len(x.Tags) > 0 {
			u["UserPoolTags"] = x.Tags
		}
		return c.rawJSON(map[string]any{"UserPool": u})
	}
	return nil, errf(400, "ResourceNotFoundException", "User pool %s does not exist.", c.str("UserPoolId"))
}

// expressibleCognito: identity pool and user pool ARNs are built from the
// region, account and ID (the listings carry none); tags come with the
// describe calls.
func expressibleCognito(a *state.Account) {
	p := orDefault(a.Partition, "aws")
	for i := range a.Cognito.IdentityPools {
		x := &a.Cognito.IdentityPools[i]
		x.ARN = "arn:" + p + ":cognito-identity:" + x.Region + ":" + a.AccountID + ":identitypool/" + x.ID
		if len(x.Tags) == 0 {
			x.Tags = nil
		}
	}
	for i := range a.Cognito.UserPools {
		x := &a.Cognito.UserPools[i]
		x.ARN = "arn:" + p + ":cognito-idp:" + x.Region + ":" + a.AccountID + ":userpool/" + x.ID
		if len(x.Tags) == 0 {
			x.Tags = nil
		}
	}
}
