package policy

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Scope overrides policy keys for part of an AWS Organization: the accounts
// it names and every account under the organizational units it names
// (scopes: in the policy file).
//
// Precedence, key by key: a scope that names the account itself wins over
// any OU scope; among OU scopes the one naming the OU nearest the account
// (the deepest) wins; the keys outside scopes apply where no scope sets the
// key. A key set by a scope replaces the base value whole (lists and
// mappings are not merged), except waivers, which add up: an account gets
// the base waivers and those of every scope that covers it.
// allowed_regions and allowed_jurisdictions are one setting (where data may
// live): a scope that sets either replaces both. Two scopes of the same
// rank, that is two scopes naming the same account or the same OU, may not
// set the same key: the file is refused at load time, so no file order
// decides a verdict.
type Scope struct {
	// Name labels the scope in reports; without one it is scopes[Index].
	Name string `json:"name,omitempty"`
	// Index is the scope's position in the file's scopes list.
	Index int `json:"index"`
	// OUs are organizational unit IDs (ou-...).
	OUs []string `json:"ous,omitempty"`
	// Accounts are account IDs (12 digits).
	Accounts []string `json:"accounts,omitempty"`
	// Keys are the policy keys the scope sets, in file order.
	Keys []string `json:"keys"`
	// Set holds the values of Keys; its other fields are unused.
	Set *Policy `json:"set"`
	// Line is where the scope is written; TargetLines where each OU and
	// account ID is.
	Line        int            `json:"line,omitempty"`
	TargetLines map[string]int `json:"-"`
}

// Label names the scope in reports and errors.
func (s *Scope) Label() string {
	if s.Name != "" {
		return s.Name
	}
	return fmt.Sprintf("scopes[%d]", s.Index)
}

// ScopeKeys lists the keys that say what a scope covers (besides the policy
// keys it overrides).
func ScopeKeys() []string { return []string{"name", "ous", "accounts"} }

// ScopableKeys lists the policy keys a scope may override: every top-level
// key but organization_id (one policy file describes one organization) and
// scopes (scopes do not nest).
func ScopableKeys() []string {
	var out []string
	for _, k := range Keys() {
		if k != "organization_id" && k != "scopes" {
			out = append(out, k)
		}
	}
	return out
}

// setting names the one setting a key belongs to: allowed_jurisdictions
// and allowed_regions together say where data may live.
func setting(key string) string {
	if key == "allowed_jurisdictions" {
		return "allowed_regions"
	}
	return key
}

var (
	// ouRe and rootRe are AWS Organizations' own ID patterns.
	ouRe   = regexp.MustCompile(`^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$`)
	rootRe = regexp.MustCompile(`^r-[0-9a-z]{4,32}$`)
)

// claim is the scope that set one setting for one account or OU.
type claim struct{ scope, line int }

// scopes reads the scopes list into p.Scopes; a scope with any error is
// left out (the errors fail the whole file).
func (pr *parser) scopes(p *Policy, v *yaml.Node) {
	if v.Kind != yaml.SequenceNode {
		pr.fail(v, "scopes", "want a list of scopes (- ous: [...] or - accounts: [...], then the keys they override), got %s", kindName(v))
		return
	}
	scopable := map[string]bool{}
	for _, k := range ScopableKeys() {
		scopable[k] = true
	}
	known := append(ScopeKeys(), ScopableKeys()...)
	claimed := map[[2]string]claim{} // {target, setting}
	names := map[string]int{}
	for i, item := range v.Content {
		item = resolve(item)
		path := fmt.Sprintf("scopes[%d]", i)
		if item.Kind != yaml.MappingNode {
			pr.fail(item, path, "want a scope (ous: and/or accounts:, then the keys it overrides), got %s", kindName(item))
			continue
		}
		before := len(pr.errs)
		s := Scope{Index: i, Line: item.Line, Set: &Policy{}, TargetLines: map[string]int{}}
		seen := map[string]int{}
		keyLines := map[string]int{}
		var regs []string
		for j := 0; j+1 < len(item.Content); j += 2 {
			kn, val := item.Content[j], resolve(item.Content[j+1])
			name, key := kn.Value, path+"."+kn.Value
			if first, dup := seen[name]; dup {
				pr.fail(kn, key, "given twice (first on line %d)", first)
				continue
			}
			seen[name] = kn.Line
			switch {
			case name == "name":
				if n, ok := pr.str(val, key); ok {
					if strings.TrimSpace(n) == "" {
						pr.fail(val, key, "must not be empty (leave the key out to name the scope by its position)")
					} else if first, dup := names[n]; dup {
						pr.fail(val, key, "%q names another scope too (line %d)", n, first)
					} else {
						names[n] = val.Line
						s.Name = n
					}
				}
			case name == "ous":
				for _, it := range pr.strList(val, key) {
					switch id := it.Value; {
					case rootRe.MatchString(id):
						pr.fail(it, key, "%q is the organization's root: the keys outside scopes already apply to every account", id)
					case !ouRe.MatchString(id):
						pr.fail(it, key, "%q is not an organizational unit ID (ou-, 4 to 32 lowercase letters or digits, -, 8 to 32 more, e.g. ou-ab12-cd34ef56)", id)
					case s.TargetLines[id] != 0:
						pr.fail(it, key, "%s given twice (first on line %d)", id, s.TargetLines[id])
					default:
						s.OUs = append(s.OUs, id)
						s.TargetLines[id] = it.Line
					}
				}
			case name == "accounts":
				for _, it := range pr.strList(val, key) {
					switch id := it.Value; {
					case !accountRe.MatchString(id):
						pr.fail(it, key, "%q is not an AWS account ID (12 digits; quote IDs with leading zeros)", id)
					case s.TargetLines[id] != 0:
						pr.fail(it, key, "%s given twice (first on line %d)", id, s.TargetLines[id])
					default:
						s.Accounts = append(s.Accounts, id)
						s.TargetLines[id] = it.Line
					}
				}
			case name == "organization_id":
				pr.fail(kn, key, "cannot be scoped: one policy file describes one organization (set it outside scopes)")
			case name == "scopes":
				pr.fail(kn, key, "scopes do not nest: write another entry in the top-level scopes list")
			case scopable[name]:
				if isNull(val) {
					pr.fail(kn, key, "sets nothing: give a value ([] for an empty list), or leave the key out to keep the base value")
					continue
				}
				regs = append(regs, pr.setting(s.Set, name, key, val)...)
				s.Keys = append(s.Keys, name)
				keyLines[name] = kn.Line
			default:
				pr.fail(kn, key, "unknown key%s (a scope has %s, and any of: %s)", suggest(name, known),
					strings.Join(ScopeKeys(), ", "), strings.Join(ScopableKeys(), ", "))
			}
		}
		for _, r := range regs {
			s.Set.AllowedRegions = appendNew(s.Set.AllowedRegions, r)
		}
		if len(s.OUs)+len(s.Accounts) == 0 && (seen["ous"] == 0 && seen["accounts"] == 0 || len(pr.errs) == before) {
			pr.fail(item, path, "names no accounts or OUs (give ous:, accounts:, or both, with at least one ID)")
		}
		if len(s.Keys) == 0 && len(pr.errs) == before {
			pr.fail(item, path, "overrides no key (a scope sets any of: %s)", strings.Join(ScopableKeys(), ", "))
		}
		pr.conflicts(&s, keyLines, claimed)
		if len(pr.errs) == before {
			p.Scopes = append(p.Scopes, s)
		}
	}
}

// conflicts refuses a setting that another scope of the same rank (one
// naming the same account or OU) sets too: neither may win by file order.
// Waivers add up, so they never conflict.
func (pr *parser) conflicts(s *Scope, keyLines map[string]int, claimed map[[2]string]claim) {
	targets := append(append([]string(nil), s.OUs...), s.Accounts...)
	for _, k := range s.Keys {
		if k == "waivers" {
			continue
		}
		for _, t := range targets {
			id := [2]string{t, setting(k)}
			prev, ok := claimed[id]
			if !ok {
				claimed[id] = claim{s.Index, keyLines[k]}
				continue
			}
			if prev.scope == s.Index {
				continue // allowed_regions and allowed_jurisdictions in one scope
			}
			what := k
			if setting(k) == "allowed_regions" {
				what = "allowed_regions/allowed_jurisdictions"
			}
			pr.errs = append(pr.errs, &Error{File: pr.file, Line: keyLines[k], Key: fmt.Sprintf("scopes[%d].%s", s.Index, k),
				Msg: fmt.Sprintf("%s is already set for %s by scopes[%d] (line %d): two scopes naming the same account or OU cannot set one key (move it into one scope)",
					what, t, prev.scope, prev.line)})
		}
	}
}

// HasOUScopes reports whether any scope names an organizational unit: only
// then does the effective policy of an account depend on its place in the
// organization.
func (p *Policy) HasOUScopes() bool {
	if p == nil {
		return false
	}
	for _, s := range p.Scopes {
		if len(s.OUs) > 0 {
			return true
		}
	}
	return false
}

// For returns the policy in effect for one account: the base keys with
// the scopes that cover the account applied by precedence (see Scope).
// ancestors are the IDs of the OUs and root above the account, nearest
// first (state.OrgTree.Ancestors); nil means they are unknown, and then
// only the scopes naming the account apply, which the result's Source
// says. Without scopes For returns p itself. The result has no scopes of
// its own; its Source names the file and the scopes applied, least
// specific first.
func (p *Policy) For(accountID string, ancestors []string) *Policy {
	if p == nil || len(p.Scopes) == 0 {
		return p
	}
	type hit struct {
		s    *Scope
		rank int // 0 the account itself, 1 its parent OU, 2 the OU above, ...
		via  string
	}
	var hits []hit
	for i := range p.Scopes {
		s := &p.Scopes[i]
		if slices.Contains(s.Accounts, accountID) {
			hits = append(hits, hit{s, 0, "account " + accountID})
			continue
		}
		for d, anc := range ancestors {
			if slices.Contains(s.OUs, anc) {
				hits = append(hits, hit{s, d + 1, anc})
				break
			}
		}
	}
	// Least specific first: the most specific is applied last and wins.
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].rank > hits[j].rank })
	eff := *p
	eff.Scopes = nil
	var applied []string
	for _, h := range hits {
		for _, k := range h.s.Keys {
			apply(&eff, h.s.Set, k)
		}
		applied = append(applied, fmt.Sprintf("%s (line %d, %s)", h.s.Label(), h.s.Line, h.via))
	}
	desc := eff.Source
	if len(applied) > 0 {
		desc += " with scopes " + strings.Join(applied, ", then ")
	} else {
		desc += " (no scope covers account " + accountID + ")"
	}
	if ancestors == nil && p.HasOUScopes() {
		desc += "; OU scopes not applied: the account's OUs are unknown"
	}
	eff.Source = desc
	return &eff
}

// apply copies the setting of key from a scope's values into dst.
// Waivers add up; every other key replaces the value in dst.
func apply(dst, src *Policy, key string) bool {
	switch key {
	case "allowed_regions", "allowed_jurisdictions":
		dst.AllowedRegions, dst.AllowedJurisdictions = src.AllowedRegions, src.AllowedJurisdictions
	case "trusted_accounts":
		dst.TrustedAccounts = src.TrustedAccounts
	case "organization_ous":
		dst.OrganizationOUs = src.OrganizationOUs
	case "trusted_organizations":
		dst.TrustedOrganizations = src.TrustedOrganizations
	case "corporate_cidrs":
		dst.CorporateCIDRs = src.CorporateCIDRs
	case "trusted_vpc_endpoints":
		dst.TrustedVPCEndpoints = src.TrustedVPCEndpoints
	case "classification_tag":
		dst.ClassificationTag = src.ClassificationTag
	case "sensitive_values":
		dst.SensitiveValues = src.SensitiveValues
	case "max_ami_age_days":
		dst.MaxAMIAgeDays = src.MaxAMIAgeDays
	case "max_access_key_age_days":
		dst.MaxAccessKeyAgeDays = src.MaxAccessKeyAgeDays
	case "max_credential_unused_days":
		dst.MaxCredentialUnusedDays = src.MaxCredentialUnusedDays
	case "max_lambda_update_age_days":
		dst.MaxLambdaUpdateAgeDays = src.MaxLambdaUpdateAgeDays
	case "min_backup_retention_days":
		dst.MinBackupRetentionDays = src.MinBackupRetentionDays
	case "required_custody":
		dst.RequiredCustody = src.RequiredCustody
	case "severity_overrides":
		dst.SeverityOverrides = src.SeverityOverrides
	case "waivers":
		dst.Waivers = slices.Concat(dst.Waivers, src.Waivers)
	default:
		return false
	}
	return true
}

// UnknownOUs checks the OUs the scopes name against the organization's
// units (known reports whether an ID is one): a scope naming an OU that
// does not exist would silently cover nothing. Each unknown OU is an
// *Error with its file and line.
func (p *Policy) UnknownOUs(known func(id string) bool) error {
	if p == nil {
		return nil
	}
	var errs []error
	for _, s := range p.Scopes {
		for _, ou := range s.OUs {
			if !known(ou) {
				errs = append(errs, &Error{File: p.Source, Line: s.TargetLines[ou], Key: fmt.Sprintf("scopes[%d].ous", s.Index),
					Msg: fmt.Sprintf("%s is not an organizational unit of the organization read", ou)})
			}
		}
	}
	return errors.Join(errs...)
}
