// Package exposure is the one answer to "who outside this account can reach
// this resource through its resource-based policy?". Every sharing check in
// internal/checks, the S3 publicity rule (s3.go here) and the data map ask
// it, so two parts of shoulder can never judge the same policy differently.
//
// Judge takes a resource policy document of any service (S3 bucket, KMS
// key, Lambda function, DynamoDB table, EFS file system, Backup vault, SNS
// topic, ...) and a Context (the account and what the customer's policy
// trusts) and returns one Verdict: Public, SharedUntrusted, SharedTrusted,
// Private or Unknown (the document could not be read, with the error),
// with the grants behind it.
//
// How each kind of grantee is judged (the AWS documentation each follows
// is cited in the test cases, internal/exposure/testdata/shapes.json):
//
//   - Everyone ("*", {"AWS":"*"}, Allow with NotPrincipal) with nothing
//     that narrows it (iampolicy.Exposure) is Public. Narrowed to accounts,
//     each account is judged like a named account. Narrowed by an
//     organization (aws:PrincipalOrgID, aws:PrincipalOrgPaths,
//     aws:SourceOrgID, ...) it is trusted only when every organization is
//     the policy's organization_id or in trusted_organizations (or the
//     resource's own, ${aws:ResourceOrgID}); narrowed by aws:SourceIp it is
//     trusted only inside corporate_cidrs; narrowed by aws:SourceVpce or
//     aws:SourceVpc only when every endpoint or VPC is one of the account's
//     own (collected) or in trusted_vpc_endpoints. Anything else narrowed
//     is SharedUntrusted, never passed.
//   - A named account (or a user or role in it) is SharedTrusted when it is
//     in trusted_accounts, SharedUntrusted otherwise; the account itself is
//     not a share.
//   - A service principal whose source the statement pins with
//     aws:SourceAccount, aws:SourceOwner or aws:SourceArn to the account
//     itself lets no one outside in (not a share). It is SharedTrusted when
//     the source is pinned to own and trusted accounts, or with
//     aws:SourceOrgID / aws:SourceOrgPaths to a trusted organization;
//     otherwise any account's resource can make the
//     service act on this one (the confused deputy), which is
//     SharedUntrusted. No service is exempt: AWS documents none that acts
//     only for the resource owner.
//   - A web identity provider (graph.facebook.com, accounts.google.com,
//     www.amazon.com, cognito-identity.amazonaws.com) with no condition on
//     its audience (…:aud, …:app_id) is Public, as S3 classifies it; with
//     one it is SharedUntrusted (whose application it is cannot be read).
//     An IAM identity provider ARN is judged by its account.
//   - A canonical user other than the account's own (read from its
//     buckets' owners), an IAM unique ID (AROA…, AIDA…: what IAM leaves
//     after the role or user was deleted) and a CloudFront origin access
//     identity name no account that can be read: they are SharedUntrusted.
//     This is the conservative answer; a false pass is worse.
//   - Wildcards AWS forbids in a principal (arn:aws:iam::*:root,
//     CanonicalUser "*", "Service":"*", partial wildcards such as
//     arn:aws:iam::12345678901*:root) are rejected: the verdict is Unknown
//     with the error, never a silent pass and never a guess. AWS refuses
//     such documents, so one in a snapshot means the snapshot is not what
//     AWS holds.
//
// Role trust policies are judged by JudgeTrust (trust.go), which applies
// these rules and adds the questions of trust alone: only assume actions
// count, service principals are not a share, an OIDC provider needs its
// aud and sub pinned, and Grant.NeedsExternalID says where a third party
// lacks an sts:ExternalId condition.
package exposure

import (
	"errors"
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/iampolicy"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// Level is how far a resource is open, from least to most exposed; Unknown
// sorts last.
type Level int

// The levels of a Verdict and of each Grant.
const (
	// Private: the policy grants nothing outside the account.
	Private Level = iota
	// SharedTrusted: it grants only to accounts, organizations or networks
	// the customer trusts.
	SharedTrusted
	// SharedUntrusted: it grants to someone the customer does not trust, or
	// whose owner cannot be read.
	SharedUntrusted
	// Public: it grants to everyone.
	Public
	// Unknown: the policy could not be read or parsed.
	Unknown
)

// String is the level's name as reports print it.
func (l Level) String() string {
	switch l {
	case Private:
		return "private"
	case SharedTrusted:
		return "shared-trusted"
	case SharedUntrusted:
		return "shared-untrusted"
	case Public:
		return "public"
	}
	return "unknown"
}

// Kind is what sort of grantee a Grant is about.
type Kind string

// The kinds of grantee.
const (
	KindEveryone      Kind = "everyone"
	KindAccount       Kind = "account"
	KindService       Kind = "service"
	KindFederated     Kind = "federated"
	KindCanonicalUser Kind = "canonical-user"
	KindUniqueID      Kind = "unique-id"
	KindCloudFrontOAI Kind = "cloudfront-oai"
)

// Grant is one grantee outside the account that an Allow statement lets act.
type Grant struct {
	// Statement is the index in the policy's statements; Sid is its Sid.
	Statement int
	Sid       string
	Kind      Kind
	// Who names the grantee: an account ID, a service or provider name, a
	// canonical user, "*" for everyone unbounded, or the conditions that
	// bound a grant to everyone (e.g. "aws:PrincipalOrgID=o-abc").
	Who string
	// Principals are the principal values as written.
	Principals []string
	// Actions are the statement's Action values, or its NotAction values
	// when NotAction is true.
	Actions   []string
	NotAction bool
	// Level is Public, SharedUntrusted or SharedTrusted.
	Level Level
	// Why says why the grant is at its level.
	Why string

	stmt *iampolicy.Statement
}

// Covers reports whether the grant's statement applies to action (see
// iampolicy.Statement.CoversAction).
func (g Grant) Covers(action string) bool {
	return g.stmt != nil && g.stmt.CoversAction(action)
}

// Name is the statement's Sid, or "statement N".
func (g Grant) Name() string {
	if g.Sid != "" {
		return g.Sid
	}
	return fmt.Sprintf("statement %d", g.Statement+1)
}

// ActionList is the grant's actions, "all but …" for NotAction.
func (g Grant) ActionList() string {
	s := strings.Join(g.Actions, ", ")
	if g.NotAction {
		return "all but " + s
	}
	return s
}

// String describes the grant for a finding: the statement and its actions
// for a grant to everyone, the grantee and its actions otherwise, with why
// it is untrusted when that is not plain (a service, a provider, an ID).
func (g Grant) String() string {
	if g.Level == Public {
		s := g.Name() + " (" + g.ActionList() + ")"
		if g.Kind != KindEveryone {
			s += ": " + g.Why
		}
		return s
	}
	s := g.Who + " (" + g.ActionList() + ")"
	if g.Kind != KindAccount && g.Why != "" {
		s += ": " + g.Why
	}
	return s
}

// Verdict is the judgement of one policy document.
type Verdict struct {
	Level Level
	// Err is why the verdict is Unknown.
	Err error
	// Empty is true when there is no document: nothing is granted through
	// it.
	Empty bool
	// Grants are the grants outside the account, in statement order.
	Grants []Grant
}

// At returns the grants at level l.
func (v Verdict) At(l Level) []Grant {
	var out []Grant
	for _, g := range v.Grants {
		if g.Level == l {
			out = append(out, g)
		}
	}
	return out
}

// Describe lists the grants at level l, deduplicated, for a finding.
func (v Verdict) Describe(l Level) []string {
	seen := map[string]bool{}
	var out []string
	for _, g := range v.At(l) {
		d := g.String()
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	if l != Public {
		sort.Strings(out)
	}
	return out
}

// Context is what the judge knows about the account that owns the policy
// and what the customer trusts.
type Context struct {
	// OwnAccount is the 12-digit ID of the account the policy belongs to.
	OwnAccount string
	// TrustedAccounts are the policy's trusted_accounts.
	TrustedAccounts []string
	// Organizations are the trusted organizations: the policy's
	// organization_id and trusted_organizations.
	Organizations []string
	// CorporateCIDRs are the policy's corporate_cidrs.
	CorporateCIDRs []netip.Prefix
	// Networks are the trusted VPC endpoint and VPC IDs: the account's own
	// (collected) and the policy's trusted_vpc_endpoints.
	Networks []string
	// OwnCanonicalIDs are the account's S3 canonical user IDs.
	OwnCanonicalIDs []string

	// account is the account NewContext read: its documents are parsed
	// once per evaluation (ParsePolicy). Nil in a Context built by hand.
	account *state.Account
}

// NewContext gathers the Context for account a under policy p (nil p
// trusts nothing).
func NewContext(a *state.Account, p *policy.Policy) Context {
	c := Context{OwnAccount: a.AccountID, account: a}
	if p != nil {
		c.TrustedAccounts = p.TrustedAccounts
		c.Organizations = TrustedOrganizations(p)
		c.CorporateCIDRs = p.CorporateCIDRs
		c.Networks = append(c.Networks, p.TrustedVPCEndpoints...)
	}
	nets := newSet(c.Networks)
	for _, e := range a.EC2.VPCEndpoints {
		c.Networks = nets.add(c.Networks, e.ID)
		c.Networks = nets.add(c.Networks, e.VPCID)
	}
	for _, v := range a.EC2.VPCs {
		c.Networks = nets.add(c.Networks, v.ID)
	}
	owners := newSet(nil)
	for _, b := range a.S3.Buckets {
		c.OwnCanonicalIDs = owners.add(c.OwnCanonicalIDs, b.OwnerID)
	}
	return c
}

// TrustedOrganizations are the organizations policy p trusts: its
// organization_id and trusted_organizations. Every verdict that asks "is
// this organization trusted?" (resource policies, AMI launch permissions to
// an organization or OU) uses this list.
func TrustedOrganizations(p *policy.Policy) []string {
	if p == nil {
		return nil
	}
	var out []string
	if p.OrganizationID != "" {
		out = append(out, p.OrganizationID)
	}
	return append(out, p.TrustedOrganizations...)
}

// set keeps NewContext's lists free of duplicates in linear time (a large
// account has thousands of buckets and endpoints).
type set map[string]bool

func newSet(init []string) set {
	s := set{}
	for _, v := range init {
		s[v] = true
	}
	return s
}

// add appends v to list unless it is empty or already there.
func (s set) add(list []string, v string) []string {
	if v == "" || s[v] {
		return list
	}
	s[v] = true
	return append(list, v)
}

func (c Context) options() iampolicy.Options {
	return iampolicy.Options{OwnAccount: c.OwnAccount, TrustedAccounts: c.TrustedAccounts, TrustedOrganizations: c.Organizations}
}

func (c Context) trustedAccount(id string) bool {
	if id == "" {
		return false
	}
	if id == c.OwnAccount {
		return true
	}
	return contains(c.TrustedAccounts, id)
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// Judge parses a resource policy document and judges it. An empty document
// grants nothing (Private, Empty).
func Judge(doc string, c Context) Verdict {
	if strings.TrimSpace(doc) == "" {
		return Verdict{Level: Private, Empty: true}
	}
	pol, err := ParsePolicy(c.account, doc)
	if err != nil {
		return Verdict{Level: Unknown, Err: fmt.Errorf("policy could not be parsed: %w", err)}
	}
	return JudgePolicy(pol, c)
}

// parsedKey and parsed are one document's parse, remembered per
// evaluation (state.Derive).
type parsedKey struct{ doc string }

type parsed struct {
	pol *iampolicy.Policy
	err error
}

// ParsePolicy is iampolicy.Parse(doc), parsed once per evaluation of a
// (state.Derive): the checks that judge the same bucket, key or trust
// policy share one parse (each parsing it again allocated about 1 GB at
// 1M resources). The policy is shared and must not be changed. A nil a
// parses every time.
func ParsePolicy(a *state.Account, doc string) (*iampolicy.Policy, error) {
	if a == nil {
		return iampolicy.Parse(doc)
	}
	r := state.Derive(a, parsedKey{doc}, func() parsed {
		pol, err := iampolicy.Parse(doc)
		return parsed{pol, err}
	})
	return r.pol, r.err
}

// JudgePolicy judges a parsed policy.
func JudgePolicy(pol *iampolicy.Policy, c Context) Verdict {
	if err := forbiddenWildcards(pol); err != nil {
		return Verdict{Level: Unknown, Err: fmt.Errorf("policy could not be parsed: %w", err)}
	}
	v := Verdict{Level: Private}
	for _, x := range iampolicy.ExternalAccounts(pol, c.options()) {
		g := Grant{Statement: x.Statement, Sid: x.Sid, Principals: x.Principals, Actions: x.Actions,
			NotAction: x.NotAction, stmt: &pol.Statements[x.Statement]}
		if !c.judge(&g, x) {
			continue
		}
		v.Grants = append(v.Grants, g)
		if g.Level > v.Level {
			v.Level = g.Level
		}
	}
	return v
}

// whyCanonicalUser is why a grant to another S3 canonical user (in a policy
// or an ACL) is untrusted.
const whyCanonicalUser = "an S3 canonical user that is not this account's: its account cannot be read"

// ErrForbiddenWildcard marks a principal with a wildcard AWS refuses.
var ErrForbiddenWildcard = errors.New("wildcard AWS refuses in a principal (only \"*\" on its own, or {\"AWS\":\"*\"}, means everyone)")

// forbiddenWildcards rejects principal values with wildcards other than the
// whole "*" of an AWS principal.
func forbiddenWildcards(pol *iampolicy.Policy) error {
	for i := range pol.Statements {
		s := &pol.Statements[i]
		for _, p := range []*iampolicy.Principal{s.Principal, s.NotPrincipal} {
			if p == nil {
				continue
			}
			for _, f := range []struct {
				name string
				vals []string
			}{{"AWS", p.AWS}, {"Service", p.Service}, {"Federated", p.Federated}, {"CanonicalUser", p.CanonicalUser}} {
				for _, val := range f.vals {
					if f.name == "AWS" && val == "*" {
						continue
					}
					if strings.ContainsAny(val, "*?") {
						return fmt.Errorf("statement %d: principal %s %q: %w", i+1, f.name, val, ErrForbiddenWildcard)
					}
				}
			}
		}
	}
	return nil
}

// judge sets g's kind, grantee and level from x; false drops the entry
// (a principal of the account itself).
func (c Context) judge(g *Grant, x iampolicy.AccountAccess) bool {
	switch x.Kind {
	case iampolicy.KindAccount:
		if x.Account == "*" {
			g.Kind = KindEveryone
			c.everyone(g, x)
			return true
		}
		if x.Account == c.OwnAccount {
			return false
		}
		g.Kind, g.Who = KindAccount, x.Account
		if c.trustedAccount(x.Account) {
			g.Level, g.Why = SharedTrusted, "a trusted account"
		} else {
			g.Level, g.Why = SharedUntrusted, "an account outside trusted_accounts"
		}
	case iampolicy.KindService:
		g.Kind, g.Who = KindService, strings.Join(x.Principals, ",")
		if ownSource(x, c.OwnAccount) {
			// The service acts only for this account's own resources: no
			// one outside is let in, as for the account's own principals.
			return false
		}
		c.service(g, x)
	case iampolicy.KindFederated:
		g.Kind, g.Who = KindFederated, strings.Join(x.Principals, ",")
		c.federated(g, x)
	case iampolicy.KindCanonicalUser:
		g.Kind, g.Who = KindCanonicalUser, strings.Join(x.Principals, ",")
		if contains(c.OwnCanonicalIDs, g.Who) {
			return false
		}
		g.Level, g.Why = SharedUntrusted, whyCanonicalUser
	case iampolicy.KindCloudFrontOAI:
		g.Kind, g.Who = KindCloudFrontOAI, strings.Join(x.Principals, ",")
		g.Level, g.Why = SharedUntrusted, "a CloudFront origin access identity: the account that owns it cannot be read from its ARN"
	default:
		g.Kind, g.Who = KindUniqueID, strings.Join(x.Principals, ",")
		g.Level, g.Why = SharedUntrusted, "a principal whose account cannot be read (an IAM unique ID left by a deleted user or role, or an unrecognised form)"
	}
	return true
}

// everyone judges a grant to everyone that its restrictions did not bound
// to accounts.
func (c Context) everyone(g *Grant, x iampolicy.AccountAccess) {
	if len(x.Restrictions) == 0 {
		g.Who, g.Level, g.Why = "*", Public, "granted to everyone with no condition that narrows who"
		return
	}
	g.Who = restrictionName(x.Restrictions)
	// The Allow's own restrictions are ANDed: one trusted restriction bounds
	// the grant. A fencing Deny admits requests matching any of its
	// restrictions: it bounds the grant only when all of them are trusted.
	fences := map[int]bool{}
	var order []int
	for _, r := range x.Restrictions {
		ok, why := c.trustedRestriction(r)
		if r.Statement == x.Statement {
			if ok {
				g.Level, g.Why = SharedTrusted, why
				return
			}
			continue
		}
		all, seen := fences[r.Statement]
		if !seen {
			order = append(order, r.Statement)
			all = true
		}
		fences[r.Statement] = all && ok
	}
	for _, d := range order {
		if fences[d] {
			g.Level, g.Why = SharedTrusted, "fenced by a Deny of every request outside trusted accounts, organizations or networks"
			return
		}
	}
	g.Level, g.Why = SharedUntrusted, "granted to everyone within "+g.Who+", which is not (only) trusted accounts, organizations, corporate networks or VPC endpoints"
}

// resourceVariable reports whether v is a policy variable naming the
// resource's own account or organization.
func resourceVariable(v string) bool {
	switch strings.ToLower(v) {
	case "${aws:resourceaccount}", "${aws:resourceorgid}", "${aws:resourceorgpaths}":
		return true
	}
	return false
}

// trustedRestriction reports whether every value of r lies within what
// the customer trusts.
func (c Context) trustedRestriction(r iampolicy.Restriction) (bool, string) {
	if len(r.Values) == 0 {
		return false, ""
	}
	switch r.Kind {
	case iampolicy.RestrictOrganization:
		for _, v := range r.Values {
			org, _, _ := strings.Cut(v, "/")
			if !resourceVariable(v) && !contains(c.Organizations, org) {
				return false, ""
			}
		}
		return true, "pinned to trusted organizations (" + strings.Join(r.Values, ", ") + ")"
	case iampolicy.RestrictAccount, iampolicy.RestrictARN, iampolicy.RestrictPrincipal, iampolicy.RestrictUserID:
		for _, v := range r.Values {
			if resourceVariable(v) || strings.Contains(strings.ToLower(v), "${aws:resourceaccount}") {
				continue
			}
			ok := false
			for _, a := range r.Accounts {
				if strings.Contains(v, a) && c.trustedAccount(a) {
					ok = true
					break
				}
			}
			if !ok {
				return false, ""
			}
		}
		return true, "pinned to own or trusted accounts (" + strings.Join(r.Values, ", ") + ")"
	case iampolicy.RestrictVPCEndpoint, iampolicy.RestrictVPC:
		for _, v := range r.Values {
			if !contains(c.Networks, v) {
				return false, ""
			}
		}
		return true, "pinned to the account's own or trusted VPC endpoints/VPCs (" + strings.Join(r.Values, ", ") + ")"
	case iampolicy.RestrictSourceIP:
		for _, v := range r.Values {
			if !c.corporate(v) {
				return false, ""
			}
		}
		return true, "pinned to corporate networks (" + strings.Join(r.Values, ", ") + ")"
	}
	return false, ""
}

// corporate reports whether an address or CIDR lies within corporate_cidrs
// (policy.IsCorporate's rule).
func (c Context) corporate(v string) bool {
	p := policy.Policy{CorporateCIDRs: c.CorporateCIDRs}
	return p.IsCorporate(strings.TrimSpace(v))
}

// service judges a service principal: trusted only when confused-deputy
// conditions pin the source to own or trusted accounts or organizations.
func (c Context) service(g *Grant, x iampolicy.AccountAccess) {
	switch {
	case x.Trusted:
		g.Level, g.Why = SharedTrusted, "the source is pinned to own or trusted accounts ("+strings.Join(x.SourceAccounts, ", ")+")"
		return
	case len(x.SourceAccounts) > 0:
		g.Level, g.Why = SharedUntrusted, "the source is pinned to accounts outside trusted_accounts ("+strings.Join(x.SourceAccounts, ", ")+")"
		return
	}
	if orgs := sourceOrgs(g.stmt); len(orgs) > 0 {
		all := true
		for _, v := range orgs {
			org, _, _ := strings.Cut(v, "/")
			if !resourceVariable(v) && !contains(c.Organizations, org) {
				all = false
			}
		}
		if all {
			g.Level, g.Why = SharedTrusted, "the source is pinned to trusted organizations ("+strings.Join(orgs, ", ")+")"
			return
		}
		g.Level, g.Why = SharedUntrusted, "the source is pinned to organizations outside organization_id and trusted_organizations ("+strings.Join(orgs, ", ")+")"
		return
	}
	g.Level, g.Why = SharedUntrusted, "no aws:SourceAccount, aws:SourceArn or aws:SourceOrgID condition names own or trusted accounts: any account's resource can make the service act here (confused deputy)"
}

// ownSource reports whether the service grant's source is pinned to the
// owner account alone.
func ownSource(x iampolicy.AccountAccess, own string) bool {
	if !x.Trusted || len(x.SourceAccounts) == 0 {
		return false
	}
	for _, a := range x.SourceAccounts {
		if a != own {
			return false
		}
	}
	return true
}

// sourceOrgs returns the values of the statement's positive, fixed
// aws:SourceOrgID and aws:SourceOrgPaths conditions.
func sourceOrgs(s *iampolicy.Statement) []string {
	var out []string
	for _, key := range []string{"aws:SourceOrgID", "aws:SourceOrgPaths"} {
		for _, cond := range s.Conditions(key) {
			if !positiveFixed(cond) {
				continue
			}
			out = append(out, cond.Values...)
		}
	}
	return out
}

// positiveFixed reports whether the condition admits only requests whose
// key equals one of its values (no IfExists, no negation, no wildcard).
func positiveFixed(cond iampolicy.Condition) bool {
	switch strings.ToLower(cond.Operator) {
	case "stringequals", "stringequalsignorecase", "stringlike", "foranyvalue:stringequals", "foranyvalue:stringlike":
	default:
		return false
	}
	if len(cond.Values) == 0 {
		return false
	}
	for _, v := range cond.Values {
		if strings.ContainsAny(v, "*?") || strings.Contains(v, "${") || strings.TrimSpace(v) == "" {
			return false
		}
	}
	return true
}

// webIdentityAudience maps each web identity provider to the condition keys
// that pin its application.
var webIdentityAudience = map[string][]string{
	"cognito-identity.amazonaws.com": {"cognito-identity.amazonaws.com:aud"},
	"accounts.google.com":            {"accounts.google.com:aud", "accounts.google.com:oaud"},
	"graph.facebook.com":             {"graph.facebook.com:app_id"},
	"www.amazon.com":                 {"www.amazon.com:app_id"},
}

// federated judges a federated principal.
func (c Context) federated(g *Grant, x iampolicy.AccountAccess) {
	name := strings.ToLower(g.Who)
	if keys, ok := webIdentityAudience[name]; ok {
		for _, k := range keys {
			for _, cond := range g.stmt.Conditions(k) {
				if positiveFixed(cond) {
					g.Level, g.Why = SharedUntrusted, "web identity users of the application "+strings.Join(cond.Values, ", ")+" (whose owner cannot be read)"
					return
				}
			}
		}
		g.Level, g.Why = Public, "any user of the web identity provider "+g.Who+": no condition pins the application ("+strings.Join(keys, " or ")+")"
		return
	}
	if x.Account != "" && c.trustedAccount(x.Account) {
		g.Level, g.Why = SharedTrusted, "an identity provider of an own or trusted account"
		return
	}
	g.Level, g.Why = SharedUntrusted, "an identity provider outside own and trusted accounts"
}

// restrictionName names the conditions that bound a grant to everyone,
// e.g. "aws:PrincipalOrgID=o-abc & aws:SourceIp=198.51.100.0/24".
func restrictionName(rs []iampolicy.Restriction) string {
	var parts []string
	seen := map[string]bool{}
	for _, r := range rs {
		key := r.Key
		if key == "" {
			key = string(r.Kind)
		}
		p := key + "=" + strings.Join(r.Values, "|")
		if !seen[p] {
			seen[p] = true
			parts = append(parts, p)
		}
	}
	sort.Strings(parts)
	return strings.Join(parts, " & ")
}
