package iampolicy

import (
	"net/netip"
	"regexp"
	"strings"
)

// RestrictionKind names what a restricting condition pins callers to.
type RestrictionKind string

// The kinds of restriction Exposure recognises.
const (
	// RestrictOrganization: aws:PrincipalOrgID, aws:PrincipalOrgPaths,
	// aws:SourceOrgID, aws:SourceOrgPaths.
	RestrictOrganization RestrictionKind = "organization"
	// RestrictAccount: aws:PrincipalAccount, aws:SourceAccount,
	// aws:SourceOwner, kms:CallerAccount, s3:DataAccessPointAccount.
	RestrictAccount RestrictionKind = "account"
	// RestrictARN: aws:SourceArn, aws:PrincipalArn, s3:DataAccessPointArn.
	RestrictARN RestrictionKind = "arn"
	// RestrictVPCEndpoint: aws:SourceVpce.
	RestrictVPCEndpoint RestrictionKind = "vpc-endpoint"
	// RestrictVPC: aws:SourceVpc.
	RestrictVPC RestrictionKind = "vpc"
	// RestrictSourceIP: aws:SourceIp with IpAddress.
	RestrictSourceIP RestrictionKind = "source-ip"
	// RestrictUserID: aws:userid.
	RestrictUserID RestrictionKind = "user-id"
	// RestrictPrincipal: a Deny with NotPrincipal that denies everyone
	// except the listed principals.
	RestrictPrincipal RestrictionKind = "principal"
)

// Restriction is a condition (or a Deny with NotPrincipal) that narrows who
// can use a grant made to everyone.
type Restriction struct {
	// Statement is the index in Policy.Statements of the statement that
	// holds the condition: the grant itself, or a Deny statement that denies
	// every request outside the condition (see Exposure).
	Statement int
	Kind      RestrictionKind
	// Operator and Key are as written in the policy; both are empty for
	// RestrictPrincipal.
	Operator string
	Key      string
	// Values are the condition values, or the NotPrincipal AWS values.
	Values []string
	// Accounts are the 12-digit account IDs the values name directly or
	// inside ARNs, in order of appearance, without duplicates. A value of
	// ${aws:ResourceAccount} contributes Options.OwnAccount.
	Accounts []string
}

type valueShape int

const (
	shapeID      valueShape = iota // a fixed identifier: vpce-…, vpc-…, o-…
	shapeAccount                   // a 12-digit account ID
	shapeOrgPath                   // o-xxx/r-xxx/ou-…/
	shapeARN                       // an ARN
	shapeCIDR                      // an IP address or CIDR
	shapeUserID                    // AIDA…, AROA…:session, or an account ID
)

type keyInfo struct {
	kind  RestrictionKind
	shape valueShape
	// alwaysPresent is true when every request that could use the grant
	// carries the key, so that an ...IfExists operator still restricts.
	alwaysPresent bool
}

// restrictingKeys lists the context keys (lower-cased) whose fixed values pin
// a grant to a known scope.
//
// Why alwaysPresent is set for kms:CallerAccount only: an ...IfExists
// operator is true when the key is missing from the request, so it narrows
// nothing unless the key is in every request. aws:SourceIp is missing for
// requests through a VPC endpoint, aws:SourceVpce/SourceVpc for requests
// that do not use one, aws:SourceArn/SourceAccount for direct calls, the
// aws:Principal* keys and aws:userid for anonymous requests (which a "*"
// principal admits), aws:PrincipalOrgID for principals outside any
// organization, and s3:DataAccessPoint* for requests not made through an
// access point. KMS accepts only signed requests, so kms:CallerAccount is
// always there.
var restrictingKeys = map[string]keyInfo{
	"aws:principalorgid":        {RestrictOrganization, shapeID, false},
	"aws:principalorgpaths":     {RestrictOrganization, shapeOrgPath, false},
	"aws:sourceorgid":           {RestrictOrganization, shapeID, false},
	"aws:sourceorgpaths":        {RestrictOrganization, shapeOrgPath, false},
	"aws:principalaccount":      {RestrictAccount, shapeAccount, false},
	"aws:sourceaccount":         {RestrictAccount, shapeAccount, false},
	"aws:sourceowner":           {RestrictAccount, shapeAccount, false},
	"kms:calleraccount":         {RestrictAccount, shapeAccount, true},
	"s3:dataaccesspointaccount": {RestrictAccount, shapeAccount, false},
	"aws:sourcearn":             {RestrictARN, shapeARN, false},
	"aws:principalarn":          {RestrictARN, shapeARN, false},
	"s3:dataaccesspointarn":     {RestrictARN, shapeARN, false},
	"aws:sourcevpce":            {RestrictVPCEndpoint, shapeID, false},
	"aws:sourcevpc":             {RestrictVPC, shapeID, false},
	"aws:sourceip":              {RestrictSourceIP, shapeCIDR, false},
	"aws:userid":                {RestrictUserID, shapeUserID, false},
}

// op is a parsed condition operator.
type op struct {
	set      string // "", "forallvalues" or "foranyvalue"
	base     string // lower-case base name, e.g. "stringequals"
	ifExists bool
}

func parseOperator(s string) op {
	l := strings.ToLower(s)
	var o op
	if i := strings.IndexByte(l, ':'); i >= 0 {
		o.set, l = l[:i], l[i+1:]
	}
	if strings.HasSuffix(l, "ifexists") {
		o.ifExists = true
		l = strings.TrimSuffix(l, "ifexists")
	}
	o.base = l
	return o
}

// positiveOps are the operators that, in an Allow, let through only requests
// whose key matches a value. wildcard marks those that treat * and ? in the
// values as wildcards (both ARN operators do, per the IAM reference).
var positiveOps = map[string]struct{ wildcard, ip bool }{
	"stringequals":           {false, false},
	"stringequalsignorecase": {false, false},
	"stringlike":             {true, false},
	"arnequals":              {true, false},
	"arnlike":                {true, false},
	"ipaddress":              {false, true},
}

// negatedOps are their negations, which narrow a grant only from a Deny: a
// Deny of everything outside a value admits only requests matching it.
var negatedOps = map[string]struct{ wildcard, ip bool }{
	"stringnotequals":           {false, false},
	"stringnotequalsignorecase": {false, false},
	"stringnotlike":             {true, false},
	"arnnotequals":              {true, false},
	"arnnotlike":                {true, false},
	"notipaddress":              {false, true},
}

// allowRestriction returns the restriction condition c places on an Allow
// statement, if any.
//
// ForAllValues never restricts: it is true when the request has no value for
// the key. ForAnyValue behaves like the plain operator for this purpose.
func allowRestriction(c Condition, idx int, opts Options) (Restriction, bool) {
	info, ok := restrictingKeys[strings.ToLower(c.Key)]
	if !ok {
		return Restriction{}, false
	}
	o := parseOperator(c.Operator)
	if o.set != "" && o.set != "foranyvalue" {
		return Restriction{}, false
	}
	if o.ifExists && !info.alwaysPresent {
		return Restriction{}, false
	}
	fam, ok := positiveOps[o.base]
	if !ok || fam.ip != (info.shape == shapeCIDR) {
		return Restriction{}, false
	}
	return restriction(c, idx, info, fam.wildcard, opts)
}

// denyRestriction returns the restriction that a Deny statement's condition
// c imposes on everyone it applies to: "deny unless key matches values".
// Plain negated operators are true when the key is missing, and their
// IfExists forms are true then too, so both deny requests without the key.
func denyRestriction(c Condition, idx int, opts Options) (Restriction, bool) {
	info, ok := restrictingKeys[strings.ToLower(c.Key)]
	if !ok {
		return Restriction{}, false
	}
	o := parseOperator(c.Operator)
	if o.set != "" {
		return Restriction{}, false
	}
	fam, ok := negatedOps[o.base]
	if !ok || fam.ip != (info.shape == shapeCIDR) {
		return Restriction{}, false
	}
	return restriction(c, idx, info, fam.wildcard, opts)
}

// restriction checks that every value of c is fixed enough to pin the scope
// (values are ORed, so one loose value opens the grant) and collects the
// accounts the values name.
func restriction(c Condition, idx int, info keyInfo, wildcard bool, opts Options) (Restriction, bool) {
	if len(c.Values) == 0 {
		// IAM rejects a condition without values; calling it a restriction
		// would only hide a malformed document.
		return Restriction{}, false
	}
	r := Restriction{Statement: idx, Kind: info.kind, Operator: c.Operator, Key: c.Key, Values: c.Values}
	for _, v := range c.Values {
		if !fixedValue(v, info.shape, wildcard) {
			return Restriction{}, false
		}
		if a := valueAccount(r.Kind, v, opts); a != "" {
			r.Accounts = appendUnique(r.Accounts, a)
		}
	}
	return r, true
}

// valueAccount returns the account a restriction value of the given kind
// names, or "" if it names none (an organization, an endpoint, a role's
// unique ID, an S3 bucket ARN, ...).
func valueAccount(kind RestrictionKind, v string, opts Options) string {
	switch {
	case strings.EqualFold(v, "${aws:ResourceAccount}"):
		return opts.OwnAccount
	case kind == RestrictAccount || kind == RestrictUserID:
		if isAccountID(v) {
			return v
		}
	case kind == RestrictARN || kind == RestrictPrincipal:
		return principalAccount(v)
	}
	return ""
}

// namesOnlyAccounts reports whether every value of r names an account, so
// that r.Accounts is the complete set of accounts r admits.
func namesOnlyAccounts(r Restriction, opts Options) bool {
	for _, v := range r.Values {
		if valueAccount(r.Kind, v, opts) == "" {
			return false
		}
	}
	return len(r.Values) > 0
}

// resourceVariables are the policy variables that resolve to the resource
// owner's own scope, so a condition comparing a principal key with them pins
// the grant to the owner's account or organization (the "data perimeter"
// pattern). Any other variable depends on the caller and pins nothing.
var resourceVariables = map[string]bool{
	"${aws:resourceaccount}":  true,
	"${aws:resourceorgid}":    true,
	"${aws:resourceorgpaths}": true,
}

func fixedValue(v string, shape valueShape, wildcard bool) bool {
	if strings.Contains(v, "${") {
		return resourceVariables[strings.ToLower(v)]
	}
	hasWild := func(s string) bool { return wildcard && strings.ContainsAny(s, "*?") }
	switch shape {
	case shapeCIDR:
		return narrowIPRange(v)
	case shapeOrgPath:
		org, _, _ := strings.Cut(v, "/")
		return org != "" && !hasWild(org)
	case shapeARN:
		parts := strings.SplitN(v, ":", 6)
		if len(parts) != 6 || !strings.EqualFold(parts[0], "arn") {
			return v != "" && !hasWild(v)
		}
		if parts[4] != "" {
			return !hasWild(parts[4])
		}
		// ARNs without an account (S3 buckets) are global names: fixed
		// only if neither the service nor the name is a wildcard.
		return parts[5] != "" && !hasWild(parts[2]) && !hasWild(parts[5])
	case shapeUserID:
		// "AROAEXAMPLEID:*" pins one role's sessions; the unique ID part
		// must be fixed.
		id, _, _ := strings.Cut(v, ":")
		return id != "" && !hasWild(id)
	default:
		return v != "" && !hasWild(v)
	}
}

// narrowIPRange reports whether the IP range v is narrow enough to count as
// a restriction. We follow S3 Block Public Access: ranges wider than /8 for
// IPv4 or /32 for IPv6 (0.0.0.0/0 and ::/0 above all) are public.
// Unparseable values restrict nothing.
func narrowIPRange(v string) bool {
	v = strings.TrimSpace(v)
	var pfx netip.Prefix
	if strings.Contains(v, "/") {
		p, err := netip.ParsePrefix(v)
		if err != nil {
			return false
		}
		pfx = p
	} else {
		a, err := netip.ParseAddr(v)
		if err != nil {
			return false
		}
		pfx = netip.PrefixFrom(a, a.BitLen())
	}
	if pfx.Addr().Is4() || pfx.Addr().Is4In6() {
		min := 8
		if pfx.Addr().Is4In6() {
			min += 96
		}
		return pfx.Bits() >= min
	}
	return pfx.Bits() >= 32
}

var accountIDRe = regexp.MustCompile(`^[0-9]{12}$`)

func isAccountID(s string) bool { return accountIDRe.MatchString(s) }

// arnAccount returns the account field of an ARN, "" if s is not an ARN.
func arnAccount(s string) string {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || !strings.EqualFold(parts[0], "arn") {
		return ""
	}
	return parts[4]
}

// principalAccount returns the account an AWS principal value belongs to:
// a bare account ID, or the account field of an IAM or STS ARN in any
// partition (aws, aws-cn, aws-us-gov, ...). It returns "" otherwise.
func principalAccount(v string) string {
	if isAccountID(v) {
		return v
	}
	if a := arnAccount(v); isAccountID(a) {
		return a
	}
	return ""
}

func appendUnique(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}
