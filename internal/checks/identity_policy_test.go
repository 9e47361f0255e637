package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const (
	adminPolicyDoc    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	scopedPolicyDoc   = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::data/*"}]}`
	wildcardPolicyDoc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["kms:*","s3:GetObject"],"Resource":"*"}]}`
	notActionDoc      = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}]}`
	conditionalAdmin  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}`
	// Admin in all but name: everything except one S3 action, including the
	// IAM actions that let the holder grant themselves the rest.
	tinyNotActionDoc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"s3:DeleteBucket","Resource":"*"}]}`
	// Everything on everything but one bucket.
	notResourceAdmin = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","NotResource":"arn:aws:s3:::audit-logs/*"}]}`
	// Scoped to resources carrying a tag: not everything.
	tagScopedAdmin = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"data"}}}]}`
)

// boundary makes a role use the named customer managed policy as its
// permissions boundary.
func boundary(roleName, policyName string) func(*state.Account) {
	return func(a *state.Account) {
		a.IAM.Roles = append(a.IAM.Roles, state.Role{Meta: state.Meta{ARN: "arn:aws:iam::" + testAccountID + ":role/" + roleName}, Name: roleName,
			PermissionsBoundary: "arn:aws:iam::" + testAccountID + ":policy/" + policyName})
	}
}

func managedPolicy(name, doc string, aws bool, attached int) func(*state.Account) {
	return func(a *state.Account) {
		acct := testAccountID
		if aws {
			acct = "aws"
		}
		a.IAM.Policies = append(a.IAM.Policies, state.Policy{Meta: state.Meta{ARN: "arn:aws:iam::" + acct + ":policy/" + name}, Name: name, AWSManaged: aws,
			AttachmentCount: attached, Document: doc})
	}
}

func attach(kind, name, policyName string, aws bool) func(*state.Account) {
	acct := testAccountID
	if aws {
		acct = "aws"
	}
	ap := state.AttachedPolicy{Name: policyName, ARN: "arn:aws:iam::" + acct + ":policy/" + policyName}
	return func(a *state.Account) {
		switch kind {
		case "group":
			a.IAM.Groups = append(a.IAM.Groups, state.Group{Meta: state.Meta{ARN: "arn:aws:iam::" + testAccountID + ":group/" + name}, Name: name, AttachedPolicies: []state.AttachedPolicy{ap}})
		case "role":
			a.IAM.Roles = append(a.IAM.Roles, state.Role{Meta: state.Meta{ARN: "arn:aws:iam::" + testAccountID + ":role/" + name}, Name: name, AttachedPolicies: []state.AttachedPolicy{ap}})
		default:
			a.IAM.Users = append(a.IAM.Users, state.User{Meta: state.Meta{ARN: "arn:aws:iam::" + testAccountID + ":user/" + name}, Name: name, AttachedPolicies: []state.AttachedPolicy{ap}})
		}
	}
}

func identityPolicyCases() map[string][]checkCase {
	inline := func(doc string) func(*state.Account) {
		return withUser(state.User{Name: "ci", InlinePolicies: []state.InlinePolicy{{Name: "deploy", Document: doc}}})
	}
	denied := iamGap("GetAccountAuthorizationDetails")
	return map[string][]checkCase{
		"iam_no_full_admin_policy_attached": {
			{name: "scoped only", acct: baseAccount(managedPolicy("Scoped", scopedPolicyDoc, false, 1), attach("group", "devs", "Scoped", false)), want: []check.Status{check.Pass}},
			{name: "AWS managed admin attached to a group", acct: baseAccount(managedPolicy("AdministratorAccess", adminPolicyDoc, true, 1), attach("group", "admins", "AdministratorAccess", true)),
				want: []check.Status{check.Fail}, msg: "AWS managed policy AdministratorAccess grants *:* and is attached to group admins"},
			{name: "unattached admin policy is not CIS's concern", acct: baseAccount(managedPolicy("Legacy", adminPolicyDoc, false, 0)), want: []check.Status{check.Pass}},
			{name: "inline admin", acct: baseAccount(inline(adminPolicyDoc)), want: []check.Status{check.Fail}, msg: "inline policy deploy of user ci"},
			// An MFA condition says how the holder signs in, not what they
			// may do (IAM User Guide, "AWS global condition context keys":
			// aws:MultiFactorAuthPresent). Was a pass before.
			{name: "MFA-conditioned admin is still full admin", acct: baseAccount(inline(conditionalAdmin)), want: []check.Status{check.Fail},
				msg: "grants *:* under a condition on aws:MultiFactorAuthPresent"},
			{name: "tag-scoped admin is not full admin", acct: baseAccount(inline(tagScopedAdmin)), want: []check.Status{check.Pass}},
			// IAM JSON policy elements: NotAction ("Allow ... NotAction"
			// allows every action not listed). Was a pass before.
			{name: "NotAction with a tiny exclusion is admin", acct: baseAccount(managedPolicy("AlmostAll", tinyNotActionDoc, false, 1), attach("role", "ops", "AlmostAll", false)),
				want: []check.Status{check.Fail}, msg: "AlmostAll grants every action but s3:DeleteBucket"},
			// IAM JSON policy elements: NotResource. Was a pass before.
			{name: "Allow * with NotResource is admin", acct: baseAccount(inline(notResourceAdmin)), want: []check.Status{check.Fail},
				msg: "grants *:* on every resource but arn:aws:s3:::audit-logs/*"},
			{name: "NotAction is not *:*", acct: baseAccount(managedPolicy("Power", notActionDoc, false, 1), attach("role", "ops", "Power", false)), want: []check.Status{check.Pass}},
			{name: "attached document missing", acct: baseAccount(attach("role", "ops", "Mystery", false)), want: []check.Status{check.Unknown}, msg: "not in the state"},
			{name: "unreadable inline document", acct: baseAccount(inline(`{"Statement":`)), want: []check.Status{check.Unknown}},
			{name: "denied", acct: baseAccount(denied), want: []check.Status{check.Unknown}},
		},
		"iam_customer_policy_no_full_admin": {
			{name: "scoped and admin", acct: baseAccount(managedPolicy("Scoped", scopedPolicyDoc, false, 1), managedPolicy("Legacy", adminPolicyDoc, false, 0)),
				want: []check.Status{check.Pass, check.Fail}},
			{name: "AWS managed admin is not applicable", acct: baseAccount(managedPolicy("AdministratorAccess", adminPolicyDoc, true, 2)), want: []check.Status{check.NotApplicable}},
			// Security Hub IAM.1: excludePermissionBoundaryPolicy: true.
			{name: "admin used only as a permissions boundary", acct: baseAccount(managedPolicy("Boundary", adminPolicyDoc, false, 0), boundary("dev", "Boundary")),
				want: []check.Status{check.NotApplicable}, msg: "permissions boundary"},
			{name: "admin used as a boundary and attached", acct: baseAccount(managedPolicy("Boundary", adminPolicyDoc, false, 1), boundary("dev", "Boundary")),
				want: []check.Status{check.Fail}},
			{name: "NotAction excluding one action is admin", acct: baseAccount(managedPolicy("AlmostAll", tinyNotActionDoc, false, 0)), want: []check.Status{check.Fail},
				msg: "grants full administrator access: every action but s3:DeleteBucket"},
			{name: "unreadable", acct: baseAccount(managedPolicy("Broken", `not json`, false, 1)), want: []check.Status{check.Unknown}},
			{name: "denied", acct: baseAccount(denied), want: []check.Status{check.Unknown}},
		},
		"iam_customer_policy_no_service_wildcard": {
			{name: "scoped, wildcard, NotAction", acct: baseAccount(managedPolicy("Scoped", scopedPolicyDoc, false, 1), managedPolicy("KmsAll", wildcardPolicyDoc, false, 1),
				managedPolicy("Power", notActionDoc, false, 1)), want: []check.Status{check.Pass, check.Fail, check.Fail}, msg: "names its actions"},
			{name: "deny with wildcard is fine", acct: baseAccount(managedPolicy("Guard", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}`, false, 1)),
				want: []check.Status{check.Pass}},
			{name: "only AWS managed", acct: baseAccount(managedPolicy("ReadOnlyAccess", wildcardPolicyDoc, true, 1)), want: []check.Status{check.NotApplicable}},
			{name: "denied", acct: baseAccount(denied), want: []check.Status{check.Unknown}},
		},
	}
}
