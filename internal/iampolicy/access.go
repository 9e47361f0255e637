package iampolicy

import "strings"

// PrincipalKind says what sort of principal an AccountAccess describes.
type PrincipalKind string

// The kinds of principal ExternalAccounts reports.
const (
	// KindAccount: an AWS account, or a user or role in it. Account is the
	// account ID, or "*" for a grant to everyone.
	KindAccount PrincipalKind = "account"
	// KindService: an AWS service principal such as
	// "cloudtrail.amazonaws.com".
	KindService PrincipalKind = "service"
	// KindFederated: a SAML or OIDC identity provider, or a web identity
	// provider such as "cognito-identity.amazonaws.com".
	KindFederated PrincipalKind = "federated"
	// KindCanonicalUser: an S3 canonical user ID.
	KindCanonicalUser PrincipalKind = "canonical-user"
	// KindCloudFrontOAI: a legacy CloudFront origin access identity
	// (arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity …).
	KindCloudFrontOAI PrincipalKind = "cloudfront-oai"
	// KindUnknown: an AWS principal whose account cannot be read from it,
	// such as the unique ID (AROA…, AIDA…) IAM leaves in a policy after the
	// role or user it named was deleted.
	KindUnknown PrincipalKind = "unknown"
)

// AccountAccess is one principal outside the owner's account that an Allow
// statement lets act.
type AccountAccess struct {
	// Statement is the index in Policy.Statements; Sid is its Sid.
	Statement int
	Sid       string
	Kind      PrincipalKind
	// Account is the 12-digit account ID for KindAccount ("*" when the
	// grant is to everyone and no condition names accounts), the provider's
	// account for a federated provider ARN, and "" otherwise.
	Account string
	// Principals are the principal values as written ("*" for everyone).
	Principals []string
	// Actions are the statement's Action values, or its NotAction values
	// when NotAction is true.
	Actions   []string
	NotAction bool
	// Trusted is true when the account is in Options.TrustedAccounts; for
	// "*" when a restriction pins the grant to trusted organizations; for a service when confused-deputy
	// conditions pin it to source accounts that are all own or trusted;
	// for a federated provider ARN when its account is own or trusted.
	Trusted bool
	// Restrictions bound a grant to everyone (see Exposure).
	Restrictions []Restriction
	// SourceAccounts, for a service, are the accounts named by the
	// statement's aws:SourceAccount, aws:SourceOwner and aws:SourceArn
	// conditions.
	SourceAccounts []string
	// ConfusedDeputyProtected is true, for a service, when the statement
	// pins the source with aws:SourceAccount, aws:SourceOwner, aws:SourceArn,
	// aws:SourceOrgID or aws:SourceOrgPaths; for an account, when it
	// requires an sts:ExternalId.
	ConfusedDeputyProtected bool
}

// sourceKeys are the confused-deputy keys: they name the resource on whose
// behalf a service acts.
var sourceKeys = map[string]bool{
	"aws:sourceaccount":  true,
	"aws:sourceowner":    true,
	"aws:sourcearn":      true,
	"aws:sourceorgid":    true,
	"aws:sourceorgpaths": true,
}

// ExternalAccounts lists who, outside Options.OwnAccount, the policy's Allow
// statements let act, in statement order: other accounts (from 12-digit IDs
// and IAM/STS ARNs in any partition), everyone ("*"), service principals,
// federated providers, canonical users and CloudFront OAIs. Trusted accounts
// are listed and marked Trusted. Principals in the own account are left out;
// service principals and federated providers are always listed.
//
// For a grant to everyone, restrictions that name only accounts
// (aws:PrincipalAccount, kms:CallerAccount, aws:SourceAccount, ARNs with an
// account in aws:PrincipalArn or aws:SourceArn, a fencing NotPrincipal, ...;
// see Exposure) narrow "*" to those accounts, one entry per account other
// than the owner; other restrictions leave it "*" with its Restrictions. Conditions do not narrow explicit
// principals, and Deny statements are otherwise not applied (beyond dropping
// an Allow that an unconditional Deny for everyone cancels outright): the
// answer is who the Allow statements name.
func ExternalAccounts(p *Policy, opts Options) []AccountAccess {
	if p == nil {
		return nil
	}
	var out []AccountAccess
	for i := range p.Statements {
		s := &p.Statements[i]
		if s.Effect != Allow || deniedOutright(p, s) {
			continue
		}
		base := AccountAccess{Statement: i, Sid: s.Sid, Actions: s.Action}
		if s.NotAction != nil {
			base.Actions, base.NotAction = s.NotAction, true
		}
		if s.AppliesToEveryone() {
			out = append(out, everyoneAccess(p, i, base, opts)...)
		}
		if s.Principal == nil {
			continue
		}
		src := s.Principal
		if !s.Principal.Everyone() {
			// Principals a Deny names, or that a condition on the caller's
			// account rules out, are left out (see effectiveStatement).
			eff, anyone := effectiveStatement(p, s, i, "", opts)
			if !anyone {
				continue
			}
			src = eff.Principal
			out = append(out, awsAccess(eff, base, opts)...)
		}
		for _, v := range src.Service {
			out = append(out, serviceAccess(s, i, v, base, opts))
		}
		for _, v := range src.Federated {
			a := base
			a.Kind, a.Principals = KindFederated, []string{v}
			if acct := arnAccount(v); isAccountID(acct) {
				a.Account = acct
				a.Trusted = opts.trustedAccount(acct)
			}
			out = append(out, a)
		}
		for _, v := range src.CanonicalUser {
			a := base
			a.Kind, a.Principals = KindCanonicalUser, []string{v}
			out = append(out, a)
		}
	}
	return out
}

func everyoneAccess(p *Policy, idx int, base AccountAccess, opts Options) []AccountAccess {
	base.Kind = KindAccount
	base.Principals = []string{"*"}
	base.Restrictions = grantRestrictions(p, idx, opts)
	accounts, bounded := boundAccounts(idx, base.Restrictions, opts)
	if !bounded {
		a := base
		a.Account = "*"
		a.Trusted = trustedByOrg(base.Restrictions, opts)
		return []AccountAccess{a}
	}
	var out []AccountAccess
	denies := namingDenies(p, &p.Statements[idx], "")
	for _, acct := range accounts {
		if acct == opts.OwnAccount || deniedBy(denies, "AWS", acct) {
			continue
		}
		a := base
		a.Account = acct
		a.Trusted = opts.trustedAccount(acct)
		out = append(out, a)
	}
	return out
}

// boundAccounts works out which accounts a grant to everyone (the Allow at
// index allow) is confined to by its restrictions, and whether it is confined
// at all. The Allow's own restrictions are ANDed, so each one that names only
// accounts bounds the grant. A fencing Deny admits a request matching any of
// its restrictions, so it bounds the grant only if all of them name only
// accounts, and then to their union. Several bounds intersect.
func boundAccounts(allow int, rs []Restriction, opts Options) ([]string, bool) {
	var sets [][]string
	fences := map[int][]string{}
	open := map[int]bool{} // fences with a restriction that is not account-only
	var order []int
	for _, r := range rs {
		only := namesOnlyAccounts(r, opts)
		if r.Statement == allow {
			if only {
				sets = append(sets, r.Accounts)
			}
			continue
		}
		if _, seen := fences[r.Statement]; !seen {
			order = append(order, r.Statement)
			fences[r.Statement] = nil
		}
		if !only {
			open[r.Statement] = true
		}
		for _, a := range r.Accounts {
			fences[r.Statement] = appendUnique(fences[r.Statement], a)
		}
	}
	for _, d := range order {
		if !open[d] {
			sets = append(sets, fences[d])
		}
	}
	if len(sets) == 0 {
		return nil, false
	}
	out := append([]string(nil), sets[0]...)
	for _, s := range sets[1:] {
		kept := out[:0]
		for _, a := range out {
			for _, b := range s {
				if a == b {
					kept = append(kept, a)
					break
				}
			}
		}
		out = kept
	}
	return out, true
}

// trustedByOrg reports whether some organization restriction pins the grant
// to trusted organizations only.
func trustedByOrg(rs []Restriction, opts Options) bool {
	for _, r := range rs {
		if r.Kind != RestrictOrganization {
			continue
		}
		all := true
		for _, v := range r.Values {
			org, _, _ := strings.Cut(v, "/")
			// The resource's own organization is trusted by definition.
			if !opts.trustedOrg(org) && !resourceVariables[strings.ToLower(v)] {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// awsAccess groups the statement's AWS principal values by account,
// dropping the owner's.
func awsAccess(s *Statement, base AccountAccess, opts Options) []AccountAccess {
	base.ConfusedDeputyProtected = requiresExternalID(s)
	var out []AccountAccess
	index := map[string]int{} // kind+account -> position in out
	for _, v := range s.Principal.AWS {
		kind, acct := KindAccount, principalAccount(v)
		switch {
		case acct == opts.OwnAccount && acct != "":
			continue
		case acct == "" && isCloudFrontOAI(v):
			kind = KindCloudFrontOAI
		case acct == "":
			kind = KindUnknown
		}
		key := string(kind) + "/" + acct
		if kind != KindAccount {
			key += "/" + v // each OAI or unknown ID is its own entry
		}
		if j, ok := index[key]; ok {
			out[j].Principals = append(out[j].Principals, v)
			continue
		}
		a := base
		a.Kind, a.Account, a.Principals = kind, acct, []string{v}
		a.Trusted = kind == KindAccount && opts.trustedAccount(acct)
		index[key] = len(out)
		out = append(out, a)
	}
	return out
}

func isCloudFrontOAI(v string) bool {
	return strings.HasPrefix(v, "arn:") && arnAccount(v) == "cloudfront" &&
		strings.Contains(v, ":user/CloudFront Origin Access Identity ")
}

func serviceAccess(s *Statement, idx int, svc string, base AccountAccess, opts Options) AccountAccess {
	a := base
	a.Kind, a.Principals = KindService, []string{svc}
	for _, c := range s.Condition {
		if !sourceKeys[strings.ToLower(c.Key)] {
			continue
		}
		r, ok := allowRestriction(c, idx, opts)
		if !ok {
			continue
		}
		a.ConfusedDeputyProtected = true
		for _, acct := range r.Accounts {
			a.SourceAccounts = appendUnique(a.SourceAccounts, acct)
		}
	}
	if a.ConfusedDeputyProtected && len(a.SourceAccounts) > 0 {
		a.Trusted = true
		for _, acct := range a.SourceAccounts {
			if !opts.trustedAccount(acct) {
				a.Trusted = false
			}
		}
	}
	return a
}

// requiresExternalID reports whether the statement requires an
// sts:ExternalId, the confused-deputy guard for roles third parties assume.
func requiresExternalID(s *Statement) bool {
	for _, c := range s.Conditions("sts:ExternalId") {
		o := parseOperator(c.Operator)
		if o.set == "" && !o.ifExists && (o.base == "stringequals" || o.base == "stringlike") && len(c.Values) > 0 {
			return true
		}
	}
	return false
}
