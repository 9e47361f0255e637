package iampolicy

import (
	"strconv"
	"strings"
)

// PrincipalMatcher reports whether an Allow statement's principal element
// (Principal or NotPrincipal) applies to the principal a caller asks about.
// A nil PrincipalMatcher accepts every statement, which is what identity
// policies (no principal element) need.
type PrincipalMatcher func(s *Statement) bool

// MatchEveryone matches statements that apply to every caller: Principal
// "*", {"AWS":"*"}, or an Allow with NotPrincipal.
func MatchEveryone() PrincipalMatcher {
	return func(s *Statement) bool { return s.AppliesToEveryone() }
}

// MatchAccount matches statements that apply to principals of account id:
// those that apply to everyone (unless a NotPrincipal exempts the whole
// account), and those naming the account or a user or role in it.
func MatchAccount(id string) PrincipalMatcher {
	return func(s *Statement) bool {
		if s.Principal.Everyone() {
			return true
		}
		if s.NotPrincipal != nil {
			if s.Effect != Allow {
				return false
			}
			for _, v := range s.NotPrincipal.AWS {
				if v == "*" || v == id || isRootARN(v, id) {
					return false
				}
			}
			return true
		}
		if s.Principal == nil {
			return false
		}
		for _, v := range s.Principal.AWS {
			if principalAccount(v) == id {
				return true
			}
		}
		return false
	}
}

// MatchService matches statements that apply to the service principal name
// (e.g. "logging.s3.amazonaws.com"), compared case-insensitively; a grant to
// everyone includes services.
func MatchService(name string) PrincipalMatcher {
	return func(s *Statement) bool {
		if s.Principal.Everyone() {
			return true
		}
		if s.NotPrincipal != nil {
			if s.Effect != Allow || s.NotPrincipal.Everyone() {
				return false
			}
			return !containsFold(s.NotPrincipal.Service, name)
		}
		return s.Principal != nil && containsFold(s.Principal.Service, name)
	}
}

func isRootARN(v, id string) bool {
	parts := strings.SplitN(v, ":", 6)
	return len(parts) == 6 && parts[0] == "arn" && parts[2] == "iam" && parts[4] == id && parts[5] == "root"
}

func containsFold(list []string, v string) bool {
	for _, x := range list {
		if strings.EqualFold(x, v) {
			return true
		}
	}
	return false
}

// Grants reports whether some Allow statement that who matches grants
// action (see Statement.CoversAction) and is not neutralised by a Deny.
//
// Conditions on the Allow are not evaluated (Grants answers "can this
// principal ever do this"), except one that pins the caller's account
// (aws:PrincipalAccount, kms:CallerAccount, aws:PrincipalArn with fixed
// values): the grant then reaches only principals of those accounts, and a
// principal element naming another account is left with no one. A Deny
// neutralises an Allow when it has no condition, covers the action and
// every resource the Allow names, and applies to everyone (or, in an
// identity policy, has no principal element either) or names the principal
// asked about (or its whole account). A Deny with a condition never
// neutralises: the answer errs on reporting the grant.
func Grants(p *Policy, who PrincipalMatcher, action string) bool {
	return p.allowing(who, action, false)
}

// AllowsActions reports whether the policy grants any of the actions to
// anyone (a nil PrincipalMatcher), with Grants' rules.
func AllowsActions(p *Policy, actions ...string) bool {
	for _, a := range actions {
		if p.allowing(nil, a, false) {
			return true
		}
	}
	return false
}

// AllowsOnAllResources reports whether the policy grants any of the actions
// on all resources: by an Allow whose Resource is "*" (or another pattern
// matching every ARN), or whose NotResource excludes only some resources.
// It is the test behind "no policy allows kms:Decrypt or kms:ReEncryptFrom
// on all KMS keys". Conditions are not evaluated and Deny statements count
// as in Grants.
func AllowsOnAllResources(p *Policy, actions ...string) bool {
	for _, a := range actions {
		if p.allowing(nil, a, true) {
			return true
		}
	}
	return false
}

// AllowsOnAllOf reports whether the policy grants any of the actions on
// every resource of the ARN space space, an ARN pattern such as
// "arn:aws:kms:*:*:key/*" (every KMS key of the partition). A statement
// reaches the whole space when one of its Resource patterns covers it
// ("*", "arn:aws:kms:*", "arn:*:kms:*:*:*", "arn:aws:kms:*:*:key/*", ...),
// or when it uses NotResource and none of its NotResource patterns covers
// the whole space: excluding some keys still leaves "all the others", while
// a NotResource that excludes every key of the space reaches none. A
// pattern pinned to one region or account does not cover the space.
// Conditions are not evaluated and Deny statements count as in Grants.
// This is FSBP KMS.1/KMS.2's "decryption actions on all KMS keys".
func AllowsOnAllOf(p *Policy, space string, actions ...string) bool {
	if p == nil {
		return false
	}
	for _, a := range actions {
		for i := range p.Statements {
			s := &p.Statements[i]
			if s.Effect != Allow || !s.CoversAction(a) || !reachesSpace(s, space) {
				continue
			}
			if eff, anyone := effectiveStatement(p, s, i, a, Options{}); !anyone || eff == nil {
				continue
			}
			if !p.deniesAction(s, a) {
				return true
			}
		}
	}
	return false
}

// reachesSpace reports whether the statement's resource scope includes
// every resource the ARN pattern space matches.
func reachesSpace(s *Statement, space string) bool {
	switch {
	case s.NotResource != nil:
		for _, r := range s.NotResource {
			if globCovers(r, space) {
				return false
			}
		}
		return true
	case s.Resource != nil:
		for _, r := range s.Resource {
			if globCovers(r, space) {
				return true
			}
		}
		return false
	default:
		return false
	}
}

// AllowsServiceWildcard reports whether the policy grants every action of
// service (e.g. "kms", meaning "kms:*", or any pattern covering it such as
// "*") on all resources, as AllowsOnAllResources decides.
func AllowsServiceWildcard(p *Policy, service string) bool {
	return p.allowing(nil, service+":*", true)
}

func (p *Policy) allowing(who PrincipalMatcher, action string, allResources bool) bool {
	if p == nil {
		return false
	}
	for i := range p.Statements {
		s := &p.Statements[i]
		if s.Effect != Allow || !s.CoversAction(action) {
			continue
		}
		eff, anyone := effectiveStatement(p, s, i, action, Options{})
		if !anyone || (who != nil && !who(eff)) {
			continue
		}
		if allResources && !onAllResources(s) {
			continue
		}
		if !p.deniesAction(s, action) {
			return true
		}
	}
	return false
}

// deniesAction reports whether an unconditional Deny neutralises allow for
// action.
func (p *Policy) deniesAction(allow *Statement, action string) bool {
	for i := range p.Statements {
		d := &p.Statements[i]
		if d.Effect == Deny && len(d.Condition) == 0 && denyHitsAll(d, allow) &&
			d.CoversAction(action) && denyCoversResources(d, allow) {
			return true
		}
	}
	return false
}

// onAllResources reports whether the statement's resource scope is every
// resource: a Resource pattern matching every ARN, or a NotResource that
// does not itself exclude everything.
func onAllResources(s *Statement) bool {
	if s.NotResource != nil {
		for _, r := range s.NotResource {
			if globCovers(r, "*") {
				return false
			}
		}
		return true
	}
	for _, r := range s.Resource {
		if globCovers(r, "*") {
			return true
		}
	}
	return false
}

// DeniesInsecureTransport reports whether the policy denies every request
// sent without TLS for service's actions (e.g. "s3"): a Deny statement with
// Principal "*" or {"AWS":"*"}, whose Action (or NotAction) covers
// "<service>:*" ("*" when service is ""), and whose only conditions are
// Bool or BoolIfExists aws:SecureTransport including "false". An extra
// condition would narrow the Deny (conditions are ANDed), so it does not
// count. The Resource element is not checked: the caller knows which ARNs
// the policy must cover, the package does not.
func DeniesInsecureTransport(p *Policy, service string) bool {
	if p == nil {
		return false
	}
	want := "*"
	if service != "" {
		want = service + ":*"
	}
	for i := range p.Statements {
		s := &p.Statements[i]
		if s.Effect != Deny || !s.Principal.Everyone() || !s.CoversAction(want) || len(s.Condition) == 0 {
			continue
		}
		ok := true
		for _, c := range s.Condition {
			if !insecureTransportCondition(c) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func insecureTransportCondition(c Condition) bool {
	o := parseOperator(c.Operator)
	if o.set != "" || o.base != "bool" || !strings.EqualFold(c.Key, "aws:SecureTransport") {
		return false
	}
	for _, v := range c.Values {
		if strings.EqualFold(v, "false") {
			return true
		}
	}
	return false
}

// MinTLSVersion returns the lowest TLS version the policy lets through, as
// written in the policy (e.g. "1.2"), or "" if it sets none. It looks for
// Deny statements with Principal "*" or {"AWS":"*"} whose only condition is
// NumericLessThan (or NumericLessThanIfExists) on a <service>:TlsVersion key
// such as s3:TlsVersion, and whose actions cover "<service>:*". With several
// such statements or values, the highest version wins.
func MinTLSVersion(p *Policy) string {
	if p == nil {
		return ""
	}
	best, bestV := "", 0.0
	for i := range p.Statements {
		s := &p.Statements[i]
		if s.Effect != Deny || !s.Principal.Everyone() || len(s.Condition) != 1 {
			continue
		}
		c := s.Condition[0]
		o := parseOperator(c.Operator)
		svc, name, ok := strings.Cut(c.Key, ":")
		if !ok || o.set != "" || o.base != "numericlessthan" || !strings.EqualFold(name, "TlsVersion") ||
			svc == "" || !s.CoversAction(svc+":*") {
			continue
		}
		for _, v := range c.Values {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil || f <= 0 || f > 100 {
				continue
			}
			if best == "" || f > bestV {
				best, bestV = v, f
			}
		}
	}
	return best
}
