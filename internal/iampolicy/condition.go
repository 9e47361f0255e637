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
	// RestrictKMSKey: s3:x-amz-server-side-encryption-aws-kms-key-id. S3
	// Block Public Access counts a fixed key as non-public ("The meaning of
	// public"): only callers the key's own policy lets use the key can
	// write with it.
	RestrictKMSKey RestrictionKind = "kms-key"
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
// Why alwaysPresent is set for kms:CallerAccount, aws:PrincipalAccount and
// aws:userid only: an ...IfExists operator is true when the key is missing
// from the request, so it narrows nothing unless the key is in every
// request. The IAM User Guide ("AWS global condition context keys") says
// aws:PrincipalAccount and aws:userid are "included in the request context
// for all requests, including anonymous requests" (their value is then
// "anonymous", see anonymousKeys). aws:SourceIp is missing for requests
// through a VPC endpoint, aws:SourceVpce/SourceVpc for requests that do not
// use one, aws:SourceArn/SourceAccount for direct calls, aws:PrincipalArn
// and aws:PrincipalOrgID for anonymous requests (which a "*" principal
// admits) and the latter for principals outside any organization, and
// s3:DataAccessPoint* for requests not made through an access point. KMS
// accepts only signed requests, so kms:CallerAccount is always there.
var restrictingKeys = map[string]keyInfo{
	"aws:principalorgid":        {RestrictOrganization, shapeID, false},
	"aws:principalorgpaths":     {RestrictOrganization, shapeOrgPath, false},
	"aws:sourceorgid":           {RestrictOrganization, shapeID, false},
	"aws:sourceorgpaths":        {RestrictOrganization, shapeOrgPath, false},
	"aws:principalaccount":      {RestrictAccount, shapeAccount, true},
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
	"aws:userid":                {RestrictUserID, shapeUserID, true},
	// Present only when the request asks for SSE-KMS, so IfExists forms
	// restrict nothing.
	"s3:x-amz-server-side-encryption-aws-kms-key-id": {RestrictKMSKey, shapeID, false},
}

// anonymousKeys are the keys whose value is "anonymous" for an anonymous
// request (IAM User Guide, "AWS global condition context keys":
// aws:PrincipalAccount; "Principal key values": aws:userid). A condition
// value that matches "anonymous" admits anonymous callers, so it restricts
// nothing.
var anonymousKeys = map[string]bool{
	"aws:principalaccount": true,
	"aws:userid":           true,
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
	key := strings.ToLower(c.Key)
	for _, v := range c.Values {
		if anonymousKeys[key] && matchesAnonymous(v, wildcard) {
			return Restriction{}, false
		}
		if !fixedValue(v, info.shape, wildcard) && !pinsPrincipalAccount(key, v, wildcard) && !matchesNoAccount(info.shape, v, wildcard) {
			return Restriction{}, false
		}
		if a := valueAccount(r.Kind, r.Key, v, opts); a != "" {
			r.Accounts = appendUnique(r.Accounts, a)
		}
	}
	return r, true
}

// matchesAnonymous reports whether condition value v (a pattern when
// wildcard) matches "anonymous". Letter case is ignored, which can only
// make more values count as admitting anonymous callers.
func matchesAnonymous(v string, wildcard bool) bool {
	v = strings.ToLower(v)
	if wildcard {
		return globCovers(v, "anonymous")
	}
	return v == "anonymous"
}

// matchesNoAccount reports whether v, a value of an account key, can match
// no account ID at all (such as "12345", or "abc*" under StringLike): it
// admits no one, so it is as fixed as a value can be.
func matchesNoAccount(shape valueShape, v string, wildcard bool) bool {
	if shape != shapeAccount || strings.Contains(v, "${") {
		return false
	}
	if wildcard {
		return !canMatchAccountID(v)
	}
	return !isAccountID(v)
}

// canMatchAccountID reports whether the pattern v (with * and ? wildcards)
// matches some 12-digit account ID.
func canMatchAccountID(v string) bool {
	fixed, star := 0, false
	for _, r := range v {
		switch {
		case r == '*':
			star = true
		case r == '?' || (r >= '0' && r <= '9'):
			fixed++
		default:
			return false
		}
	}
	return fixed == 12 || (star && fixed < 12)
}

// principalARNAccountRe finds a literal account field in an ARN pattern.
var principalARNAccountRe = regexp.MustCompile(`:([0-9]{12}):`)

// pinsPrincipalAccount reports whether v, a value of key, is a wildcard
// pattern that still pins the caller's account: for aws:PrincipalArn a
// pattern such as "arn:*:123456789012:*" (StringLike or ArnLike). Principal
// ARNs (IAM users, roles, the root user, STS federated users) have colons
// only between their first five fields and no 12-digit partition, service
// or region, so a literal ":<12 digits>:" can only be the account field.
// Resource ARNs (aws:SourceArn) do not have that property: a Lambda alias
// ARN has a colon in its resource part.
func pinsPrincipalAccount(key, v string, wildcard bool) bool {
	return key == "aws:principalarn" && wildcard && principalARNAccountRe.MatchString(v)
}

// valueAccount returns the account a restriction value of the given kind
// (on the given key) names, or "" if it names none (an organization, an
// endpoint, a role's unique ID, an S3 bucket ARN, an account pattern that
// matches no account, ...).
func valueAccount(kind RestrictionKind, key, v string, opts Options) string {
	switch {
	case strings.EqualFold(v, "${aws:ResourceAccount}"):
		return opts.OwnAccount
	case kind == RestrictAccount || kind == RestrictUserID:
		if isAccountID(v) {
			return v
		}
	case kind == RestrictARN || kind == RestrictPrincipal:
		if a := principalAccount(v); a != "" {
			return a
		}
		if m := principalARNAccountRe.FindStringSubmatch(v); m != nil && strings.EqualFold(key, "aws:PrincipalArn") {
			return m[1]
		}
	}
	return ""
}

// namesOnlyAccounts reports whether every value of r names an account or
// matches no caller at all, so that r.Accounts is the complete set of
// accounts r admits. An account key (aws:PrincipalAccount, ...) only ever
// holds a 12-digit ID (or "anonymous", which restriction refuses), so a
// value that cannot match one, such as "12345" or the literal "1234*" under
// StringEquals, admits no one and adds no account.
func namesOnlyAccounts(r Restriction, opts Options) bool {
	if len(r.Values) == 0 {
		return false
	}
	for _, v := range r.Values {
		if valueAccount(r.Kind, r.Key, v, opts) != "" {
			continue
		}
		if r.Kind == RestrictAccount && !strings.Contains(v, "${") && !accountPatternOpen(r.Operator, v) {
			continue
		}
		return false
	}
	return true
}

// accountPatternOpen reports whether an account-key value, under operator,
// could match some account ID: exactly an ID, or a wildcard pattern (for
// operators that honour wildcards) that matches one.
func accountPatternOpen(operator, v string) bool {
	o := parseOperator(operator)
	fam, ok := positiveOps[o.base]
	if !ok {
		fam, ok = negatedOps[o.base]
	}
	if ok && fam.wildcard {
		return canMatchAccountID(v)
	}
	return isAccountID(v)
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
