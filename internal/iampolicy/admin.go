package iampolicy

import "strings"

// IsAdmin reports whether the policy grants full administrator access: some
// Allow statement lets whoever holds the policy do every action on every
// resource, or everything but a carve-out that still leaves them able to
// grant themselves the rest.
//
// What counts, statement by statement (Deny statements are not considered:
// the policy still hands out "*" even if it also denies some of it):
//
//   - Actions: Action "*" (or "*:*"), as CIS 1.16/2.14 and Security Hub
//     IAM.1 (Config rule iam-policy-no-statements-with-admin-access) test
//     it; or NotAction whose exclusions leave IAM itself allowed. A
//     NotAction statement is admin unless one of its patterns covers every
//     IAM action ("iam:*") and no other Allow statement hands back an IAM
//     action that raises permissions (see excludesAllIAM). Why that line:
//     IAM.1 and CIS only name the literal "Action": "*" shape, but an Allow
//     NotAction that excludes, say, only "s3:DeleteBucket" leaves every
//     other action allowed, including iam:AttachUserPolicy and
//     iam:PutRolePolicy, so the holder can attach AdministratorAccess to
//     themselves; it is full admin in effect. PowerUserAccess (NotAction
//     iam:*, organizations:*, account:*) excludes all of IAM, so it cannot
//     manage identities or their permissions; AWS documents it as not
//     administrator access and we agree. Telling which IAM actions are
//     harmless would be privilege-escalation analysis, so an exclusion list
//     that removes only part of IAM is still reported as admin (the
//     conservative answer: a false "admin" is a review, a false "not admin"
//     hides the worst grant).
//   - Resources: a Resource pattern matching every ARN ("*"), or a
//     NotResource that does not itself exclude every resource: "Allow * with
//     NotResource: one bucket" grants everything else.
//   - Conditions: a condition does not stop a statement from being admin
//     unless it narrows what can be done (see narrowsAdmin). Conditions on
//     how, when and from where the holder calls (MFA present, TLS, source IP
//     or VPC, time, region, user agent) or on who the holder is (principal
//     tags, ARN, account, organization) leave the holder with every action
//     whenever the condition holds, so Allow "*" on "*" under
//     aws:MultiFactorAuthPresent is still full admin.
func IsAdmin(p *Policy) bool {
	_, ok := AdminGrant(p)
	return ok
}

// AdminGrant is IsAdmin with the reason: it describes the first statement
// that grants full administrator access, "*:*" for the literal shape CIS
// and IAM.1 name, otherwise what makes it admin in effect ("every action
// but s3:DeleteBucket", "*:* on every resource but arn:...", "*:* under a
// condition on aws:MultiFactorAuthPresent").
func AdminGrant(p *Policy) (string, bool) {
	if p == nil {
		return "", false
	}
	for i := range p.Statements {
		s := &p.Statements[i]
		if s.Effect != Allow || !adminResources(s) || conditionNarrowsAdmin(s) {
			continue
		}
		what := ""
		if s.Action != nil {
			for _, a := range s.Action {
				// Every action name has a colon, so "*:*" is as good as "*".
				if MatchAction(a, "*:*") {
					what = "*:*"
					break
				}
			}
		} else if !excludesAllIAM(s, p) {
			what = "every action but " + strings.Join(s.NotAction, ", ")
		}
		if what == "" {
			continue
		}
		if s.NotResource != nil {
			what += " on every resource but " + strings.Join(s.NotResource, ", ")
		}
		if len(s.Condition) > 0 {
			keys := make([]string, 0, len(s.Condition))
			for _, c := range s.Condition {
				keys = appendUnique(keys, c.Key)
			}
			what += " under a condition on " + strings.Join(keys, ", ") + " (which does not narrow what can be done)"
		}
		return what, true
	}
	return "", false
}

// excludesAllIAM reports whether NotAction statement s keeps IAM out of
// reach: one of its excluded patterns covers every IAM action ("iam:*"),
// and no other Allow statement of the policy hands back an IAM action that
// lets the holder raise their own permissions (escalationActions), on any
// resource and under any condition. PowerUserAccess re-allows only
// iam:CreateServiceLinkedRole, iam:DeleteServiceLinkedRole and
// iam:ListRoles, so it stays below admin; NotAction iam:* next to
// iam:PutRolePolicy on one role is admin in effect (the holder can give
// that role every permission and make it trust them).
func excludesAllIAM(s *Statement, p *Policy) bool {
	excluded := false
	for _, n := range s.NotAction {
		if MatchAction(n, "iam:*") {
			excluded = true
			break
		}
	}
	if !excluded {
		return false
	}
	for i := range p.Statements {
		o := &p.Statements[i]
		if o == s || o.Effect != Allow {
			continue
		}
		for _, a := range escalationActions {
			if o.CoversAction(a) {
				return false
			}
		}
	}
	return true
}

// escalationActions are IAM actions that let an identity grant itself (or
// a role it can use) more permissions: write a policy, attach one, make a
// new default version, join a group, change whom a role trusts, hand a role
// to a service, or mint credentials for another user.
var escalationActions = []string{
	"iam:PutUserPolicy", "iam:PutGroupPolicy", "iam:PutRolePolicy",
	"iam:AttachUserPolicy", "iam:AttachGroupPolicy", "iam:AttachRolePolicy",
	"iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:AddUserToGroup",
	"iam:UpdateAssumeRolePolicy", "iam:PassRole", "iam:CreateAccessKey",
	"iam:CreateLoginProfile", "iam:UpdateLoginProfile",
}

// adminResources reports whether the statement's resource scope is every
// resource: a Resource pattern matching every ARN, a NotResource that
// excludes less than everything, or no resource element at all is not
// enough (that is a trust policy, not an identity policy).
func adminResources(s *Statement) bool {
	switch {
	case s.NotResource != nil:
		for _, r := range s.NotResource {
			if globCovers(r, "*") {
				return false
			}
		}
		return true
	default:
		for _, r := range s.Resource {
			if globCovers(r, "*") {
				return true
			}
		}
		return false
	}
}

// conditionNarrowsAdmin reports whether some condition of the statement
// narrows it below full admin (conditions are ANDed, so one is enough).
func conditionNarrowsAdmin(s *Statement) bool {
	for _, c := range s.Condition {
		if narrowsAdmin(c) {
			return true
		}
	}
	return false
}

// callerKeys are the global condition keys that describe who calls, how,
// when and from where, never what the call does or touches (IAM User Guide,
// "AWS global condition context keys"). A condition on them leaves whoever
// satisfies it with everything the statement grants. aws:RequestedRegion is
// here too: admin in the regions it names is still admin (IAM's own
// endpoint counts as us-east-1), and aws:ResourceAccount/OrgID/OrgPaths
// only confine the statement to the own account or organization, which is
// where admin matters.
var callerKeys = map[string]bool{
	"aws:multifactorauthpresent": true, "aws:multifactorauthage": true,
	"aws:securetransport": true, "aws:sourceip": true, "aws:vpcsourceip": true,
	"aws:sourcevpc": true, "aws:sourcevpce": true, "aws:sourcevpcarn": true,
	"aws:currenttime": true, "aws:epochtime": true, "aws:tokenissuetime": true,
	"aws:useragent": true, "aws:referer": true, "aws:requestedregion": true,
	"aws:principalarn": true, "aws:principalaccount": true, "aws:principalorgid": true,
	"aws:principalorgpaths": true, "aws:principaltype": true, "aws:userid": true,
	"aws:username": true, "aws:principalisawsservice": true, "aws:viaawsservice": true,
	"aws:calledvia": true, "aws:calledviafirst": true, "aws:calledvialast": true,
	"aws:sourceidentity": true, "aws:federatedprovider": true, "aws:assumedroot": true,
	"aws:ec2instancesourcevpc": true, "aws:ec2instancesourceprivateipv4": true,
	"aws:resourceaccount": true, "aws:resourceorgid": true, "aws:resourceorgpaths": true,
	"aws:sourceaccount": true, "aws:sourcearn": true, "aws:sourceorgid": true,
	"aws:sourceorgpaths": true, "aws:sourceowner": true,
}

// callerKeyPrefixes are key families of the same kind: tags of the caller.
var callerKeyPrefixes = []string{"aws:principaltag/", "aws:principalservicename"}

// narrowsAdmin reports whether condition c confines an Allow "*" on "*" to
// less than everything: it must hold only for requests that carry a key
// describing the request or its resource (aws:ResourceTag/..., aws:RequestTag/...,
// aws:TagKeys, or a service's own key such as s3:prefix, which exists only in
// that service's requests), compared with a positive operator that is false
// when the key is missing. ...IfExists, ForAllValues, negated operators and
// Null true are all true for a request without the key, so they narrow
// nothing; Null false demands the key and does narrow. Conditions on
// caller keys (callerKeys) never narrow.
func narrowsAdmin(c Condition) bool {
	key := strings.ToLower(c.Key)
	if callerKeys[key] {
		return false
	}
	for _, pfx := range callerKeyPrefixes {
		if strings.HasPrefix(key, pfx) {
			return false
		}
	}
	o := parseOperator(c.Operator)
	if o.ifExists || o.set == "forallvalues" || len(c.Values) == 0 {
		return false
	}
	if o.base == "null" {
		// Null "false" requires the key; Null "true" requires its absence,
		// which most requests satisfy.
		for _, v := range c.Values {
			if !strings.EqualFold(v, "false") {
				return false
			}
		}
		return true
	}
	return positiveBaseOps[o.base]
}

// positiveBaseOps are the condition operators (lower case, without
// IfExists) that are false when the request lacks the key. An operator
// outside this list narrows nothing as far as IsAdmin is concerned.
var positiveBaseOps = map[string]bool{
	"stringequals": true, "stringequalsignorecase": true, "stringlike": true,
	"numericequals": true, "numericlessthan": true, "numericlessthanequals": true,
	"numericgreaterthan": true, "numericgreaterthanequals": true,
	"dateequals": true, "datelessthan": true, "datelessthanequals": true,
	"dategreaterthan": true, "dategreaterthanequals": true,
	"bool": true, "binaryequals": true, "ipaddress": true, "arnequals": true, "arnlike": true,
}
