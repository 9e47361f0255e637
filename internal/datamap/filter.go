package datamap

import (
	"fmt"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/custody"
	"github.com/shoulder-dev/shoulder/internal/regions"
)

// Filter selects stores. Empty fields select everything; values within a
// field are alternatives (OR), fields combine with AND.
type Filter struct {
	// Regions match a store's region code (eu-west-1), its country's ISO
	// code (IE) or its jurisdiction group (EU), case-insensitively.
	Regions []string
	// Exposures are public, shared, private or unknown.
	Exposures []string
	// Custody is a level with an optional comparison: LEVEL or >=LEVEL
	// (at least LEVEL), =LEVEL (exactly), <LEVEL (weaker than LEVEL).
	// Unknown custody only matches =unknown.
	Custody string
	// Classes are classification values, or "untagged".
	Classes []string
	// Accounts are account IDs (an organization's map).
	Accounts []string
	// OUs match a store's OU path: the path itself ("Root/Workloads"),
	// anything under it, or one OU's name anywhere in it ("Prod").
	OUs []string
}

// Validate checks every value names something real.
func (f Filter) Validate() error {
	for _, r := range f.Regions {
		if !knownPlace(r) {
			return fmt.Errorf("--region: %q is not a region, a country code or a jurisdiction (known jurisdictions: %s)", r, strings.Join(regions.Jurisdictions(), ", "))
		}
	}
	for _, e := range f.Exposures {
		switch e {
		case Public, Shared, Private, Unknown:
		default:
			return fmt.Errorf("--exposure: %q is not public, shared, private or unknown", e)
		}
	}
	for _, a := range f.Accounts {
		if len(a) != 12 || strings.Trim(a, "0123456789") != "" {
			return fmt.Errorf("--account: %q is not an account ID (12 digits)", a)
		}
	}
	for _, o := range f.OUs {
		if strings.TrimSpace(o) == "" {
			return fmt.Errorf("--ou: empty OU name or path")
		}
	}
	if f.Custody != "" {
		if _, _, err := parseCustody(f.Custody); err != nil {
			return fmt.Errorf("--custody: %w", err)
		}
	}
	return nil
}

func knownPlace(s string) bool {
	if _, ok := regions.Lookup(s); ok {
		return true
	}
	for _, j := range regions.Jurisdictions() {
		if strings.EqualFold(j, s) {
			return true
		}
	}
	for _, r := range regions.All() {
		if strings.EqualFold(r.Country, s) {
			return true
		}
	}
	return false
}

// parseCustody reads a custody filter into an operator (">=", "=", "<")
// and a level name.
func parseCustody(s string) (op, level string, err error) {
	op = ">="
	switch {
	case strings.HasPrefix(s, ">="):
		s = s[2:]
	case strings.HasPrefix(s, "="):
		op, s = "=", s[1:]
	case strings.HasPrefix(s, "<"):
		op, s = "<", s[1:]
	}
	if op == "=" && strings.EqualFold(s, custody.Unknown.String()) {
		return op, custody.Unknown.String(), nil
	}
	l, perr := custody.Parse(s)
	if perr != nil {
		return "", "", fmt.Errorf("%w; prefix = for exactly, < for weaker than (default: at least)", perr)
	}
	return op, l.String(), nil
}

func (f Filter) matches(s *Store) bool {
	if len(f.Regions) > 0 {
		ok := false
		for _, r := range f.Regions {
			if strings.EqualFold(r, s.Region) || (s.Country != "" && strings.EqualFold(r, s.Country)) || (s.Jurisdiction != "" && strings.EqualFold(r, s.Jurisdiction)) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	if len(f.Exposures) > 0 && !contains(f.Exposures, s.Exposure.Level) {
		return false
	}
	if len(f.Accounts) > 0 && !contains(f.Accounts, s.AccountID) {
		return false
	}
	if len(f.OUs) > 0 && !UnderAnyOU(f.OUs, s.OUPath) {
		return false
	}
	if len(f.Classes) > 0 {
		c := s.Classification
		if c == "" {
			c = Untagged
		}
		ok := false
		for _, want := range f.Classes {
			if strings.EqualFold(want, c) {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	if f.Custody != "" {
		op, level, err := parseCustody(f.Custody)
		if err != nil {
			return false
		}
		have := s.Encryption.Custody
		switch op {
		case "=":
			return have == level
		case "<":
			return have != custody.Unknown.String() && custodyRank(have) < custodyRank(level)
		default:
			return have != custody.Unknown.String() && custodyRank(have) >= custodyRank(level)
		}
	}
	return true
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// Select keeps the stores f matches, orders them by sortKey and recounts
// the summary.
func (m *Map) Select(f Filter, sortKey string) {
	kept := m.Stores[:0:0]
	for i := range m.Stores {
		if f.matches(&m.Stores[i]) {
			kept = append(kept, m.Stores[i])
		}
	}
	Sort(kept, sortKey)
	m.Stores = kept
	m.Summary = summarise(kept)
}

// UnderAnyOU reports whether an OU path is one of the paths named, under
// one, or has an OU of one of the names in it.
func UnderAnyOU(ous []string, path string) bool {
	if path == "" {
		return false
	}
	for _, o := range ous {
		o = strings.TrimSuffix(o, "/")
		if strings.EqualFold(path, o) || strings.HasPrefix(strings.ToLower(path), strings.ToLower(o)+"/") {
			return true
		}
		for _, seg := range strings.Split(path, "/") {
			if strings.EqualFold(seg, o) {
				return true
			}
		}
	}
	return false
}
