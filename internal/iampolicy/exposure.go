package iampolicy

// Options is what the caller knows about the account that owns the policy.
type Options struct {
	// OwnAccount is the 12-digit ID of the account the policy belongs to.
	// Left empty, every account a policy names counts as external.
	OwnAccount string
	// TrustedAccounts are accounts the customer has declared trusted.
	TrustedAccounts []string
	// TrustedOrganizations are organization IDs (o-…) the customer trusts;
	// a grant to everyone pinned to one of them is marked trusted.
	TrustedOrganizations []string
}

func (o Options) trustedAccount(id string) bool {
	if id == "" {
		return false
	}
	if id == o.OwnAccount {
		return true
	}
	for _, t := range o.TrustedAccounts {
		if t == id {
			return true
		}
	}
	return false
}

func (o Options) trustedOrg(v string) bool {
	for _, t := range o.TrustedOrganizations {
		if t != "" && t == v {
			return true
		}
	}
	return false
}

// ExposureReport is the result of Exposure.
type ExposureReport struct {
	// Public is true when at least one grant to everyone has no
	// restriction.
	Public bool
	// Grants lists every Allow statement that applies to everyone, in
	// statement order, whether or not it is restricted.
	Grants []OpenGrant
}

// OpenGrant is an Allow statement whose principal is everyone.
type OpenGrant struct {
	// Statement is the index in Policy.Statements; Sid is its Sid.
	Statement int
	Sid       string
	// Actions are the statement's Action values, or its NotAction values
	// when NotAction is true.
	Actions   []string
	NotAction bool
	// ViaNotPrincipal is true when the grant reaches everyone because it is
	// an Allow with NotPrincipal.
	ViaNotPrincipal bool
	// Restrictions are the conditions that narrow who can use the grant.
	// They are ANDed in the statement and ORed across fencing Deny
	// statements; either way, any one of them bounds the grant.
	Restrictions []Restriction
	// Denied is true when an unconditional Deny for everyone covers all of
	// the grant's actions and resources, so it grants nothing.
	Denied bool
	// Public is true when the grant is neither restricted nor denied.
	Public bool
}

// IsPublic reports whether the policy grants anything to everyone without a
// restriction. It is Exposure(p, opts).Public.
func IsPublic(p *Policy, opts Options) bool {
	return Exposure(p, opts).Public
}

// Exposure describes every grant the policy makes to everyone (Principal
// "*", {"AWS":"*"}, or an Allow with NotPrincipal) and what restricts it.
//
// A grant is restricted by a condition in its own statement that pins the
// caller to an organization, account, ARN, VPC endpoint, VPC, IP range or
// user ID (see RestrictionKind) with fixed values. Negated operators,
// ForAllValues, values with wildcards where the operator honours them,
// policy variables other than ${aws:ResourceAccount}, ${aws:ResourceOrgID}
// and ${aws:ResourceOrgPaths}, IP ranges wider than /8 (IPv4) or /32 (IPv6),
// and ...IfExists on any key but kms:CallerAccount restrict nothing.
// Bool aws:SecureTransport restricts the transport, not the caller, and
// kms:ViaService restricts the path, not the caller: neither counts.
//
// A grant is also restricted by a "fence": a Deny statement that applies to
// everyone (or to everyone but the principals in its NotPrincipal), covers
// all of the grant's actions and resources, and whose conditions are all
// negated forms of the conditions above (StringNotEquals aws:SourceVpce,
// NotIpAddress aws:SourceIp, ...). Requests outside the fence are denied, so
// only requests inside it can use the grant.
func Exposure(p *Policy, opts Options) ExposureReport {
	var r ExposureReport
	if p == nil {
		return r
	}
	for i := range p.Statements {
		s := &p.Statements[i]
		if s.Effect != Allow || !s.AppliesToEveryone() {
			continue
		}
		g := OpenGrant{
			Statement:       i,
			Sid:             s.Sid,
			Actions:         s.Action,
			ViaNotPrincipal: !s.Principal.Everyone(),
		}
		if s.NotAction != nil {
			g.Actions, g.NotAction = s.NotAction, true
		}
		g.Restrictions = grantRestrictions(p, i, opts)
		g.Denied = deniedOutright(p, s)
		g.Public = len(g.Restrictions) == 0 && !g.Denied
		r.Public = r.Public || g.Public
		r.Grants = append(r.Grants, g)
	}
	return r
}

// grantRestrictions returns the restrictions on the Allow statement at idx:
// its own restricting conditions followed by those of fencing Deny
// statements.
func grantRestrictions(p *Policy, idx int, opts Options) []Restriction {
	s := &p.Statements[idx]
	var out []Restriction
	for _, c := range s.Condition {
		if r, ok := allowRestriction(c, idx, opts); ok {
			out = append(out, r)
		}
	}
	for j := range p.Statements {
		out = append(out, fence(&p.Statements[j], j, s, opts)...)
	}
	return out
}

// fence returns the restrictions that Deny statement d (at index idx)
// places on allow, or nil if d does not fence it.
func fence(d *Statement, idx int, allow *Statement, opts Options) []Restriction {
	if d.Effect != Deny || !denyCoversActions(d, allow) || !denyCoversResources(d, allow) {
		return nil
	}
	var out []Restriction
	switch {
	case d.Principal.Everyone():
	case d.NotPrincipal != nil && !d.NotPrincipal.Everyone():
		r := Restriction{Statement: idx, Kind: RestrictPrincipal}
		np := d.NotPrincipal
		for _, list := range [][]string{np.AWS, np.Service, np.Federated, np.CanonicalUser} {
			r.Values = append(r.Values, list...)
		}
		for _, v := range np.AWS {
			if a := valueAccount(RestrictPrincipal, "", v, opts); a != "" {
				r.Accounts = appendUnique(r.Accounts, a)
			}
		}
		out = append(out, r)
	default:
		return nil
	}
	// The Deny's conditions are ANDed: it denies a request only when the
	// request is outside every one of them, so each must be a restriction
	// for the fence to hold.
	for _, c := range d.Condition {
		r, ok := denyRestriction(c, idx, opts)
		if !ok {
			return nil
		}
		out = append(out, r)
	}
	return out
}

// deniedOutright reports whether an unconditional Deny that applies to
// everyone allow applies to covers all of allow's actions and resources.
func deniedOutright(p *Policy, allow *Statement) bool {
	for i := range p.Statements {
		d := &p.Statements[i]
		if d.Effect == Deny && len(d.Condition) == 0 && denyHitsAll(d, allow) &&
			denyCoversActions(d, allow) && denyCoversResources(d, allow) {
			return true
		}
	}
	return false
}

// denyHitsAll reports whether Deny d applies to every principal that allow
// applies to: d names everyone, or both are identity-policy statements with
// no principal element.
func denyHitsAll(d, allow *Statement) bool {
	if d.NotPrincipal != nil {
		return false
	}
	if d.Principal == nil {
		return allow.Principal == nil && allow.NotPrincipal == nil
	}
	return d.Principal.Everyone()
}

// denyCoversActions reports whether Deny d covers every action allow
// grants. A Deny with NotAction is not considered, to keep this simple.
func denyCoversActions(d, allow *Statement) bool {
	if d.NotAction != nil {
		return false
	}
	wanted := allow.Action
	if allow.NotAction != nil {
		wanted = []string{"*"}
	}
	for _, a := range wanted {
		if !d.CoversAction(a) {
			return false
		}
	}
	return true
}

// denyCoversResources reports whether Deny d covers every resource allow
// applies to.
func denyCoversResources(d, allow *Statement) bool {
	if d.Resource == nil && d.NotResource == nil {
		return true
	}
	if d.NotResource != nil {
		return false
	}
	wanted := allow.Resource
	if wanted == nil {
		wanted = []string{"*"}
	}
	for _, r := range wanted {
		if !d.CoversResource(r) {
			return false
		}
	}
	return true
}
