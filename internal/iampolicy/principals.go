package iampolicy

import "strings"

// This file narrows an Allow statement's principals by what the rest of
// the policy says about them: a Deny that names a principal takes that
// principal's access away (IAM User Guide, "Policy evaluation logic": an
// explicit deny in any policy overrides any allow), and a condition on the
// caller's account that contradicts the principal element leaves the grant
// to no one (conditions and the principal element are ANDed, "IAM JSON
// policy elements: Condition").

// callerAccountKeys are the condition keys that name the calling
// principal's account (directly or inside its ARN). aws:SourceAccount and
// friends name the resource a service acts for, not the caller, and are
// left out.
var callerAccountKeys = map[string]bool{
	"aws:principalaccount": true,
	"kms:calleraccount":    true,
	"aws:principalarn":     true,
}

// callerAccounts returns the accounts the Allow statement at idx confines
// its callers to by its own conditions on caller keys (ANDed, so the sets
// intersect), and whether it confines them at all.
func callerAccounts(s *Statement, idx int, opts Options) ([]string, bool) {
	var out []string
	bounded := false
	for _, c := range s.Condition {
		if !callerAccountKeys[strings.ToLower(c.Key)] {
			continue
		}
		r, ok := allowRestriction(c, idx, opts)
		if !ok || !namesOnlyAccounts(r, opts) {
			continue
		}
		if !bounded {
			out, bounded = append([]string(nil), r.Accounts...), true
			continue
		}
		kept := out[:0]
		for _, a := range out {
			if containsString(r.Accounts, a) {
				kept = append(kept, a)
			}
		}
		out = kept
	}
	return out, bounded
}

func containsString(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// namingDenies returns the unconditional Deny statements that name
// principals (not everyone) and cover all of allow's resources and, when
// action is "", all of allow's actions, else action.
func namingDenies(p *Policy, allow *Statement, action string) []*Statement {
	var out []*Statement
	for i := range p.Statements {
		d := &p.Statements[i]
		if d.Effect != Deny || len(d.Condition) > 0 || d.Principal == nil || d.Principal.Everyone() ||
			!denyCoversResources(d, allow) {
			continue
		}
		if action == "" && !denyCoversActions(d, allow) {
			continue
		}
		if action != "" && !d.CoversAction(action) {
			continue
		}
		out = append(out, d)
	}
	return out
}

// deniedBy reports whether one of the Deny statements names principal value
// v of type typ ("AWS", "Service", "Federated" or "CanonicalUser"). For AWS
// principals a Deny naming the account (its ID or root ARN) covers every
// principal of that account.
func deniedBy(denies []*Statement, typ, v string) bool {
	for _, d := range denies {
		dp := d.Principal
		switch typ {
		case "AWS":
			acct := principalAccount(v)
			for _, dv := range dp.AWS {
				if dv == v || (acct != "" && isAccountPrincipal(dv) && principalAccount(dv) == acct) {
					return true
				}
			}
		case "Service":
			if containsFold(dp.Service, v) {
				return true
			}
		case "Federated":
			if containsString(dp.Federated, v) {
				return true
			}
		case "CanonicalUser":
			if containsString(dp.CanonicalUser, v) {
				return true
			}
		}
	}
	return false
}

// isAccountPrincipal reports whether an AWS principal value names a whole
// account: a 12-digit ID or the account's root ARN, in any partition.
func isAccountPrincipal(v string) bool {
	if isAccountID(v) {
		return true
	}
	parts := strings.SplitN(v, ":", 6)
	return len(parts) == 6 && strings.EqualFold(parts[0], "arn") && parts[2] == "iam" &&
		isAccountID(parts[4]) && parts[5] == "root"
}

// effectiveStatement returns a copy of Allow statement s (at idx) whose
// principal element keeps only the callers the policy leaves it for action
// ("" meaning all of s's actions): principals an unconditional Deny names
// are removed (added to the NotPrincipal of a grant to everyone), and a
// condition pinning the caller's account keeps only the named principals of
// those accounts (a grant to everyone becomes a grant to those accounts).
// The second result is false when no caller is left.
func effectiveStatement(p *Policy, s *Statement, idx int, action string, opts Options) (*Statement, bool) {
	if s.Principal == nil && s.NotPrincipal == nil {
		return s, true // identity policy: the holder is the principal
	}
	denies := namingDenies(p, s, action)
	accounts, bounded := callerAccounts(s, idx, opts)
	if len(denies) == 0 && !bounded {
		return s, true
	}
	out := *s
	if bounded {
		// Only principals of the named accounts can use the grant.
		var keep []string
		if s.AppliesToEveryone() {
			for _, a := range accounts {
				if MatchAccount(a)(s) && !deniedBy(denies, "AWS", a) {
					keep = append(keep, a)
				}
			}
		} else {
			for _, v := range s.Principal.AWS {
				if containsString(accounts, principalAccount(v)) && !deniedBy(denies, "AWS", v) {
					keep = append(keep, v)
				}
			}
		}
		out.Principal, out.NotPrincipal = &Principal{AWS: keep}, nil
		return &out, len(keep) > 0
	}
	if s.AppliesToEveryone() {
		np := &Principal{}
		if s.NotPrincipal != nil {
			cp := *s.NotPrincipal
			np = &cp
		}
		for _, d := range denies {
			np.AWS = append(np.AWS, d.Principal.AWS...)
			np.Service = append(np.Service, d.Principal.Service...)
			np.Federated = append(np.Federated, d.Principal.Federated...)
			np.CanonicalUser = append(np.CanonicalUser, d.Principal.CanonicalUser...)
		}
		out.Principal, out.NotPrincipal = nil, np
		return &out, true
	}
	pr := &Principal{}
	for _, f := range []struct {
		typ      string
		src, dst *[]string
	}{
		{"AWS", &s.Principal.AWS, &pr.AWS}, {"Service", &s.Principal.Service, &pr.Service},
		{"Federated", &s.Principal.Federated, &pr.Federated}, {"CanonicalUser", &s.Principal.CanonicalUser, &pr.CanonicalUser},
	} {
		for _, v := range *f.src {
			if !deniedBy(denies, f.typ, v) {
				*f.dst = append(*f.dst, v)
			}
		}
	}
	out.Principal = pr
	return &out, len(pr.AWS)+len(pr.Service)+len(pr.Federated)+len(pr.CanonicalUser) > 0
}
