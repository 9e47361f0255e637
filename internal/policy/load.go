package policy

import (
	_ "embed"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/shoulder-dev/shoulder/internal/input"
)

// FileName is the policy file shoulder looks for in the working directory.
const FileName = "shoulder.yaml"

// Names validates the names a policy refers to that this package does not
// own: regions and jurisdictions (internal/regions), custody levels
// (internal/custody), check IDs (internal/checks) and severities
// (internal/check). Those packages import policy, so the caller passes
// their knowledge in rather than policy importing them.
//
// A nil function accepts every name of its kind; the CLI sets them all.
type Names struct {
	// Region returns an error naming the problem when name is not a region.
	Region func(name string) error
	// Jurisdiction returns the regions of a jurisdiction group (e.g. EU).
	Jurisdiction func(name string) ([]string, error)
	// CustodyLevel returns an error when name is not a key custody level.
	CustodyLevel func(name string) error
	// Check returns an error when id is not a registered check.
	Check func(id string) error
	// Severity returns an error when name is not a severity.
	Severity func(name string) error
}

// Error is one problem in a policy file. It names the file, the line and
// the key, so the customer can go straight to it.
type Error struct {
	File string
	Line int
	// Key is the path of the offending key, e.g. waivers[2].expires.
	Key string
	Msg string
}

func (e *Error) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	if e.Key == "" {
		return loc + ": " + e.Msg
	}
	return loc + ": " + e.Key + ": " + e.Msg
}

// Keys lists every top-level key a policy file may hold, in the order the
// starter file documents them.
func Keys() []string {
	return []string{
		"allowed_regions", "allowed_jurisdictions", "trusted_accounts", "organization_id",
		"organization_ous", "trusted_organizations", "corporate_cidrs", "trusted_vpc_endpoints", "classification_tag", "sensitive_values", "max_ami_age_days",
		"max_access_key_age_days", "max_credential_unused_days", "max_lambda_update_age_days", "min_backup_retention_days", "required_custody",
		"severity_overrides", "waivers", "scopes",
	}
}

// WaiverKeys lists the keys of one waiver; all are required.
func WaiverKeys() []string { return []string{"check", "resource", "reason", "owner", "expires"} }

// Find returns the path of the policy file in dir, if there is one.
func Find(dir string) (string, bool) {
	p := filepath.Join(dir, FileName)
	st, err := os.Stat(p)
	if err != nil || st.IsDir() {
		return "", false
	}
	return p, true
}

// MaxFileSize is the default cap on a policy file's size: a policy is a
// page or two of YAML; a megabyte is far more than any needs.
const MaxFileSize = 1 << 20

// Load reads and validates the policy file at path, which must be a
// regular file of at most MaxFileSize bytes.
func Load(path string, n Names) (*Policy, error) {
	return LoadLimit(path, n, input.Limit{Bytes: MaxFileSize})
}

// LoadLimit is Load with another size cap.
func LoadLimit(path string, n Names, limit input.Limit) (*Policy, error) {
	data, err := input.ReadFile(path, limit)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("policy file %s does not exist", path)
		}
		return nil, fmt.Errorf("policy file %s: %w", path, err)
	}
	return Parse(path, data, n)
}

var (
	accountRe = regexp.MustCompile(`^[0-9]{12}$`)
	orgRe     = regexp.MustCompile(`^o-[a-z0-9]{10,32}$`)
	// networkRe is a VPC endpoint or VPC ID: vpce- or vpc- and 8 or 17
	// hexadecimal digits.
	networkRe = regexp.MustCompile(`^vpce?-([0-9a-f]{8}|[0-9a-f]{17})$`)
	yamlLine  = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
)

// maxDays bounds the age settings: a hundred years is no limit at all.
const maxDays = 36500

// Parse validates a policy file's content. file names it in errors. Every
// problem found is reported (joined, ordered by line), not just the first.
func Parse(file string, data []byte, n Names) (*Policy, error) {
	p := &Policy{Source: file}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := 0, err.Error()
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		return nil, &Error{File: file, Line: line, Msg: "invalid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return p, nil // an empty (or all-comment) file states no intent: defaults
	}
	pr := &parser{file: file, names: n}
	root := resolve(doc.Content[0])
	if isNull(root) {
		return p, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, &Error{File: file, Line: root.Line, Msg: "a policy is a mapping of keys (key: value), not " + kindName(root)}
	}
	pr.top(p, root)
	if len(pr.errs) > 0 {
		sort.SliceStable(pr.errs, func(i, j int) bool { return pr.errs[i].Line < pr.errs[j].Line })
		errs := make([]error, len(pr.errs))
		for i, e := range pr.errs {
			errs[i] = e
		}
		return nil, errors.Join(errs...)
	}
	return p, nil
}

type parser struct {
	file  string
	names Names
	errs  []*Error
}

func (pr *parser) fail(node *yaml.Node, key, format string, args ...any) {
	pr.errs = append(pr.errs, &Error{File: pr.file, Line: node.Line, Key: key, Msg: fmt.Sprintf(format, args...)})
}

func (pr *parser) top(p *Policy, root *yaml.Node) {
	known := map[string]bool{}
	for _, k := range Keys() {
		known[k] = true
	}
	seen := map[string]int{}
	var jurisdictionRegions []string
	var scopes *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		kn, v := root.Content[i], resolve(root.Content[i+1])
		key := kn.Value
		if first, dup := seen[key]; dup {
			pr.fail(kn, key, "given twice (first on line %d)", first)
			continue
		}
		seen[key] = kn.Line
		if !known[key] {
			pr.fail(kn, key, "unknown key%s (known keys: %s)", suggest(key, Keys()), strings.Join(Keys(), ", "))
			continue
		}
		if isNull(v) {
			continue // "key:" with nothing after it leaves the default
		}
		if key == "scopes" {
			scopes = v // read once the base is known
			continue
		}
		jurisdictionRegions = append(jurisdictionRegions, pr.setting(p, key, key, v)...)
	}
	for _, r := range jurisdictionRegions {
		p.AllowedRegions = appendNew(p.AllowedRegions, r)
	}
	if scopes != nil {
		pr.scopes(p, scopes)
	}
}

// setting reads the value v of the policy key name into p; key is the
// key's path in error messages (name itself at the top, scopes[i].name
// in a scope). It returns the regions of the jurisdictions named, which
// the caller adds to the allowed regions once every key is read.
func (pr *parser) setting(p *Policy, name, key string, v *yaml.Node) (jurisdictionRegions []string) {
	switch name {
	case "allowed_regions":
		for _, it := range pr.strList(v, key) {
			if err := call(pr.names.Region, it.Value); err != nil {
				pr.fail(it, key, "%v", err)
				continue
			}
			p.AllowedRegions = appendNew(p.AllowedRegions, it.Value)
		}
	case "allowed_jurisdictions":
		for _, it := range pr.strList(v, key) {
			regs := []string(nil)
			if pr.names.Jurisdiction != nil {
				var err error
				if regs, err = pr.names.Jurisdiction(it.Value); err != nil {
					pr.fail(it, key, "%v", err)
					continue
				}
			}
			p.AllowedJurisdictions = appendNew(p.AllowedJurisdictions, it.Value)
			jurisdictionRegions = append(jurisdictionRegions, regs...)
		}
	case "trusted_accounts":
		for _, it := range pr.strList(v, key) {
			if !accountRe.MatchString(it.Value) {
				pr.fail(it, key, "%q is not an AWS account ID (12 digits; quote IDs with leading zeros)", it.Value)
				continue
			}
			p.TrustedAccounts = appendNew(p.TrustedAccounts, it.Value)
		}
	case "organization_id":
		if s, ok := pr.str(v, key); ok {
			if !orgRe.MatchString(s) {
				pr.fail(v, key, "%q is not an AWS Organizations ID (o- followed by 10 to 32 lowercase letters or digits)", s)
			} else {
				p.OrganizationID = s
			}
		}
	case "organization_ous":
		for _, it := range pr.strList(v, key) {
			if !ouRe.MatchString(it.Value) {
				pr.fail(it, key, "%q is not an organizational unit ID (ou- followed by the root's 4 to 32 characters, a dash and 8 to 32 more)", it.Value)
				continue
			}
			p.OrganizationOUs = appendNew(p.OrganizationOUs, it.Value)
		}
	case "trusted_organizations":
		for _, it := range pr.strList(v, key) {
			if !orgRe.MatchString(it.Value) {
				pr.fail(it, key, "%q is not an AWS Organizations ID (o- followed by 10 to 32 lowercase letters or digits)", it.Value)
				continue
			}
			p.TrustedOrganizations = appendNew(p.TrustedOrganizations, it.Value)
		}
	case "trusted_vpc_endpoints":
		for _, it := range pr.strList(v, key) {
			if !networkRe.MatchString(it.Value) {
				pr.fail(it, key, "%q is not a VPC endpoint or VPC ID (vpce-… or vpc-… with 8 or 17 hexadecimal digits)", it.Value)
				continue
			}
			p.TrustedVPCEndpoints = appendNew(p.TrustedVPCEndpoints, it.Value)
		}
	case "corporate_cidrs":
		for _, it := range pr.strList(v, key) {
			if pf, err := parseCorporateCIDR(it.Value); err != nil {
				pr.fail(it, key, "%v", err)
			} else {
				p.CorporateCIDRs = append(p.CorporateCIDRs, pf)
			}
		}
	case "classification_tag":
		if s, ok := pr.str(v, key); ok {
			if strings.TrimSpace(s) == "" {
				pr.fail(v, key, "the tag key must not be empty")
			} else {
				p.ClassificationTag = s
			}
		}
	case "sensitive_values":
		for _, it := range pr.strList(v, key) {
			if strings.TrimSpace(it.Value) == "" {
				pr.fail(it, key, "an empty value cannot mark anything sensitive")
				continue
			}
			p.SensitiveValues = appendNew(p.SensitiveValues, it.Value)
		}
	case "max_ami_age_days":
		p.MaxAMIAgeDays = pr.days(v, key)
	case "max_access_key_age_days":
		p.MaxAccessKeyAgeDays = pr.days(v, key)
	case "max_credential_unused_days":
		p.MaxCredentialUnusedDays = pr.days(v, key)
	case "max_lambda_update_age_days":
		p.MaxLambdaUpdateAgeDays = pr.days(v, key)
	case "min_backup_retention_days":
		if d := pr.days(v, key); d > MaxBackupRetentionDays {
			pr.fail(v, key, "AWS keeps automated backups for at most %d days, so %d could never pass", MaxBackupRetentionDays, d)
		} else {
			p.MinBackupRetentionDays = d
		}
	case "required_custody":
		for _, kv := range pr.strMap(v, key) {
			if err := call(pr.names.CustodyLevel, kv.val.Value); err != nil {
				pr.fail(kv.val, key+"."+kv.key.Value, "%v", err)
				continue
			}
			if p.RequiredCustody == nil {
				p.RequiredCustody = map[string]string{}
			}
			p.RequiredCustody[kv.key.Value] = kv.val.Value
		}
	case "severity_overrides":
		for _, kv := range pr.strMap(v, key) {
			bad := false
			if err := call(pr.names.Check, kv.key.Value); err != nil {
				pr.fail(kv.key, key, "%v", err)
				bad = true
			}
			if err := call(pr.names.Severity, kv.val.Value); err != nil {
				pr.fail(kv.val, key+"."+kv.key.Value, "%v", err)
				bad = true
			}
			if bad {
				continue
			}
			if p.SeverityOverrides == nil {
				p.SeverityOverrides = map[string]string{}
			}
			p.SeverityOverrides[kv.key.Value] = strings.ToLower(kv.val.Value)
		}
	case "waivers":
		pr.waivers(p, v, key)
	}
	return jurisdictionRegions
}

// waivers reads the list of waivers at key (waivers, or scopes[i].waivers).
func (pr *parser) waivers(p *Policy, v *yaml.Node, key string) {
	if v.Kind != yaml.SequenceNode {
		pr.fail(v, key, "want a list of waivers (- check: ...), got %s", kindName(v))
		return
	}
	known := map[string]bool{}
	for _, k := range WaiverKeys() {
		known[k] = true
	}
	for i, item := range v.Content {
		item = resolve(item)
		path := fmt.Sprintf("%s[%d]", key, i)
		if item.Kind != yaml.MappingNode {
			pr.fail(item, path, "want a waiver (check, resource, reason, owner, expires), got %s", kindName(item))
			continue
		}
		w := Waiver{Line: item.Line}
		got := map[string]bool{}
		ok := true
		for j := 0; j+1 < len(item.Content); j += 2 {
			kn, val := item.Content[j], resolve(item.Content[j+1])
			key := path + "." + kn.Value
			if !known[kn.Value] {
				pr.fail(kn, key, "unknown key%s (a waiver has %s)", suggest(kn.Value, WaiverKeys()), strings.Join(WaiverKeys(), ", "))
				ok = false
				continue
			}
			if got[kn.Value] {
				pr.fail(kn, key, "given twice")
				ok = false
				continue
			}
			got[kn.Value] = true
			s, isStr := pr.str(val, key)
			if !isStr {
				ok = false
				continue
			}
			if strings.TrimSpace(s) == "" {
				pr.fail(val, key, "must not be empty")
				ok = false
				continue
			}
			switch kn.Value {
			case "check":
				if err := call(pr.names.Check, s); err != nil {
					pr.fail(val, key, "%v", err)
					ok = false
				}
				w.Check = s
			case "resource":
				if s != "*" && !strings.HasPrefix(s, "arn:") {
					pr.fail(val, key, "%q is neither an ARN nor a glob over ARNs (arn:..., * matches any run of characters)", s)
					ok = false
				}
				w.Resource = s
			case "reason":
				w.Reason = s
			case "owner":
				w.Owner = s
			case "expires":
				t, err := time.Parse("2006-01-02", s)
				if err != nil {
					pr.fail(val, key, "%q is not a date (want YYYY-MM-DD)", s)
					ok = false
				}
				w.Expires = t
			}
		}
		for _, k := range WaiverKeys() {
			if !got[k] && known[k] {
				pr.fail(item, path, "missing %s (every waiver needs %s)", k, strings.Join(WaiverKeys(), ", "))
				ok = false
			}
		}
		if ok {
			p.Waivers = append(p.Waivers, w)
		}
	}
}

// parseCorporateCIDR reads one corporate network. It refuses what would
// silently make every address "corporate" or that AWS itself would refuse.
func parseCorporateCIDR(s string) (netip.Prefix, error) {
	pf, err := netip.ParsePrefix(s)
	if err != nil {
		if a, aerr := netip.ParseAddr(s); aerr == nil {
			return netip.Prefix{}, fmt.Errorf("%q is an address, not a CIDR (write %s/%d for one host)", s, a, a.BitLen())
		}
		return netip.Prefix{}, fmt.Errorf("%q is not a valid CIDR (want e.g. 198.51.100.0/24)", s)
	}
	if pf.Masked() != pf {
		return netip.Prefix{}, fmt.Errorf("%q has host bits set (did you mean %s?)", s, pf.Masked())
	}
	if pf.Bits() == 0 {
		return netip.Prefix{}, fmt.Errorf("%q is the whole internet, not a corporate network", s)
	}
	return pf, nil
}

func call(f func(string) error, s string) error {
	if f == nil {
		return nil
	}
	return f(s)
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// resolve follows YAML aliases (*anchor) to the node they name.
func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("the value %q", n.Value)
	}
	return "something else"
}

// str reads a scalar. Numbers and dates are taken as their text, so that
// an account ID or a date written unquoted keeps its exact digits.
func (pr *parser) str(v *yaml.Node, key string) (string, bool) {
	if v.Kind != yaml.ScalarNode || isNull(v) {
		pr.fail(v, key, "want a single value, got %s", kindName(v))
		return "", false
	}
	return v.Value, true
}

func (pr *parser) strList(v *yaml.Node, key string) []*yaml.Node {
	if v.Kind != yaml.SequenceNode {
		pr.fail(v, key, "want a list (- item per line, or [a, b]), got %s", kindName(v))
		return nil
	}
	var out []*yaml.Node
	for _, it := range v.Content {
		it = resolve(it)
		if it.Kind != yaml.ScalarNode || isNull(it) {
			pr.fail(it, key, "want a single value per list item, got %s", kindName(it))
			continue
		}
		out = append(out, it)
	}
	return out
}

type pair struct{ key, val *yaml.Node }

func (pr *parser) strMap(v *yaml.Node, key string) []pair {
	if v.Kind != yaml.MappingNode {
		pr.fail(v, key, "want a mapping (name: value per line), got %s", kindName(v))
		return nil
	}
	var out []pair
	seen := map[string]bool{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := resolve(v.Content[i]), resolve(v.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			pr.fail(k, key, "want a name as key, got %s", kindName(k))
			continue
		}
		if seen[k.Value] {
			pr.fail(k, key+"."+k.Value, "given twice")
			continue
		}
		seen[k.Value] = true
		if val.Kind != yaml.ScalarNode || isNull(val) {
			pr.fail(val, key+"."+k.Value, "want a single value, got %s", kindName(val))
			continue
		}
		out = append(out, pair{k, val})
	}
	return out
}

func (pr *parser) days(v *yaml.Node, key string) int {
	if v.Kind != yaml.ScalarNode || v.Tag != "!!int" {
		pr.fail(v, key, "want a whole number of days, got %s", kindName(v))
		return 0
	}
	d, err := strconv.Atoi(v.Value)
	if err != nil || d < 1 || d > maxDays {
		pr.fail(v, key, "want a whole number of days between 1 and %d, got %s", maxDays, v.Value)
		return 0
	}
	return d
}

// suggest renders " (did you mean X?)" for a misspelt name, or "".
func suggest(s string, known []string) string {
	if best, ok := Closest(s, known); ok {
		return fmt.Sprintf(" (did you mean %s?)", best)
	}
	return ""
}

// Closest returns the known name nearest to a misspelt s (at most three
// edits away), for "did you mean" hints in validation messages.
func Closest(s string, known []string) (string, bool) {
	best, bestD := "", 4
	for _, k := range known {
		if d := editDistance(strings.ToLower(s), strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	return best, best != ""
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

//go:embed starter.yaml
var starter []byte

// Starter returns the commented starter policy `shoulder init` writes.
func Starter() []byte { return append([]byte(nil), starter...) }
