package exposure

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/iampolicy"
)

// Role trust policies (the AssumeRolePolicyDocument of an IAM role) say who
// may assume the role: they are resource policies whose resource is the
// role, judged by the rules of JudgePolicy with three changes that belong
// to trust alone (see docs/exposure.md, "Role trust policies"):
//
//   - Only statements that let a principal assume the role count
//     (sts:AssumeRole, sts:AssumeRoleWithWebIdentity, sts:AssumeRoleWithSAML);
//     sts:TagSession or sts:SetSourceIdentity alone grant no session.
//   - A service principal (ec2.amazonaws.com, lambda.amazonaws.com, ...) is
//     not a share: the service hands the role only to resources of this
//     account whose creator was allowed iam:PassRole on it.
//   - An OIDC identity provider (arn:aws:iam::ACCOUNT:oidc-provider/HOST)
//     is public unless the statement pins both HOST:aud and HOST:sub, and
//     sub to more than a bare wildcard ("*", "repo:*"): otherwise anyone
//     who can get a token from HOST (any GitHub repository, for
//     token.actions.githubusercontent.com) can assume the role.

// assumeActions are the actions that give a principal a session of the
// role.
var assumeActions = []string{"sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"}

// ErrTrustNotRead marks a role whose trust policy was not collected.
var ErrTrustNotRead = errors.New("the role's trust policy was not read")

// JudgeTrust parses and judges a role trust policy. Unlike Judge, an empty
// document is Unknown: every role has a trust policy, so an empty one was
// not read.
func JudgeTrust(doc string, c Context) Verdict {
	if strings.TrimSpace(doc) == "" {
		return Verdict{Level: Unknown, Err: ErrTrustNotRead}
	}
	pol, err := ParsePolicy(c.account, doc)
	if err != nil {
		return Verdict{Level: Unknown, Err: fmt.Errorf("trust policy could not be parsed: %w", err)}
	}
	return JudgeTrustPolicy(pol, c)
}

// JudgeTrustPolicy judges a parsed role trust policy.
func JudgeTrustPolicy(pol *iampolicy.Policy, c Context) Verdict {
	v := JudgePolicy(pol, c)
	if v.Level == Unknown {
		return v
	}
	out := Verdict{Level: Private}
	for _, g := range v.Grants {
		if !assumes(g) || g.Kind == KindService {
			continue
		}
		if g.Kind == KindFederated {
			oidc(&g)
		}
		out.Grants = append(out.Grants, g)
		if g.Level > out.Level {
			out.Level = g.Level
		}
	}
	return out
}

// assumes reports whether the grant's statement gives a session.
func assumes(g Grant) bool {
	for _, a := range assumeActions {
		if g.Covers(a) {
			return true
		}
	}
	return false
}

// NeedsExternalID reports whether the grant lets another account assume
// the role without an sts:ExternalId condition: a grant to a named account
// (or to everyone narrowed to accounts) outside own and trusted_accounts
// whose statement does not require a fixed sts:ExternalId. AWS recommends
// the external ID for third parties; accounts in trusted_accounts are the
// customer's own or ones it vouches for, and are not asked for one.
func (g Grant) NeedsExternalID() bool {
	if g.Level != SharedUntrusted || (g.Kind != KindAccount && g.Kind != KindEveryone) {
		return false
	}
	return !requiresFixed(g.stmt, "sts:ExternalId", nil)
}

// requiresFixed reports whether the statement admits only requests whose
// key equals (or matches) one of its values: a positive StringEquals or
// StringLike condition, no IfExists, with no value that bare rejects (a
// nil bare rejects every wildcard).
func requiresFixed(s *iampolicy.Statement, key string, bare func(string) bool) bool {
	if s == nil {
		return false
	}
	for _, cond := range s.Conditions(key) {
		switch strings.ToLower(cond.Operator) {
		case "stringequals", "stringequalsignorecase", "stringlike", "foranyvalue:stringequals", "foranyvalue:stringlike":
		default:
			continue
		}
		ok := len(cond.Values) > 0
		for _, v := range cond.Values {
			if strings.TrimSpace(v) == "" || (bare == nil && strings.ContainsAny(v, "*?")) || (bare != nil && bare(v)) {
				ok = false
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// oidcHost returns the provider host of an IAM OIDC provider ARN
// (arn:aws:iam::ACCOUNT:oidc-provider/HOST[/PATH]).
func oidcHost(principal string) (string, bool) {
	_, res, ok := strings.Cut(principal, ":oidc-provider/")
	if !ok || !strings.HasPrefix(principal, "arn:") || res == "" {
		return "", false
	}
	return res, true
}

// bareSubject reports whether an OIDC sub pattern names no one in
// particular: nothing but wildcards and separators once its first field
// (such as GitHub's "repo:") is set aside.
func bareSubject(v string) bool {
	if _, rest, ok := strings.Cut(v, ":"); ok {
		v = rest
	}
	return strings.Trim(v, "*?:/") == ""
}

// bareAudience reports whether an aud pattern admits any audience.
func bareAudience(v string) bool { return strings.Trim(v, "*?") == "" }

// oidc turns a grant to an IAM OIDC provider whose statement does not pin
// both the audience and the subject into a grant to everyone.
func oidc(g *Grant) {
	if len(g.Principals) != 1 {
		return
	}
	host, ok := oidcHost(g.Principals[0])
	if !ok {
		return
	}
	aud := requiresFixed(g.stmt, host+":aud", bareAudience)
	sub := requiresFixed(g.stmt, host+":sub", bareSubject)
	if aud && sub {
		return
	}
	var missing []string
	if !aud {
		missing = append(missing, host+":aud")
	}
	if !sub {
		missing = append(missing, host+":sub")
	}
	g.Level = Public
	g.Why = "anyone who can get a token from " + host + " can assume it: no condition pins " + strings.Join(missing, " and ") + " (a sub of only wildcards pins no one)"
}
