package state

// ECR holds the private ECR repositories and the registry scanning
// configuration of every scanned region.
//
// Gaps: DescribeRepositories hides a region's repositories (it returns
// scan on push, tag mutability and encryption in bulk);
// GetRegistryScanningConfiguration the region's registry scanning rules;
// GetLifecyclePolicy and GetRepositoryPolicy are recorded per repository
// ARN; the repositories' tags come from the Tagging API.
type ECR struct {
	Repositories []ECRRepository `json:"repositories,omitempty"`
	// Registries are the private registry's scanning configuration, one
	// per scanned region where it was read.
	Registries []ECRRegistry `json:"registries,omitempty"`
}

// ECRRepository is a private ECR repository.
type ECRRepository struct {
	Meta
	Name string `json:"name"`
	URI  string `json:"uri,omitempty"`
	// ScanOnPush is the repository's own basic scan-on-push setting (a
	// registry in enhanced scanning mode ignores it; see ECRRegistry).
	ScanOnPush bool `json:"scan_on_push,omitempty"`
	// TagMutability is MUTABLE, IMMUTABLE, MUTABLE_WITH_EXCLUSION or
	// IMMUTABLE_WITH_EXCLUSION.
	TagMutability string `json:"tag_mutability,omitempty"`
	// EncryptionType is AES256 (ECR owned key), KMS or KMS_DSSE.
	EncryptionType string `json:"encryption_type,omitempty"`
	// KMSKeyID is the key of a KMS-encrypted repository; empty means the
	// AWS managed key aws/ecr.
	KMSKeyID string `json:"kms_key_id,omitempty"`
	// LifecyclePolicy is the lifecycle policy text, empty when none.
	LifecyclePolicy string `json:"lifecycle_policy,omitempty"`
	// Policy is the repository policy, empty when none.
	Policy string `json:"policy,omitempty"`
}

// ECRRegistry is the private registry's scanning configuration in one region.
type ECRRegistry struct {
	Meta
	// ScanType is BASIC or ENHANCED (Amazon Inspector).
	ScanType string `json:"scan_type"`
	// Rules are the scanning rules; each applies its frequency to the
	// repositories its filters match.
	Rules []ECRScanningRule `json:"rules,omitempty"`
}

// ECRScanningRule applies a scan frequency to matching repositories.
type ECRScanningRule struct {
	// Frequency is SCAN_ON_PUSH, CONTINUOUS_SCAN or MANUAL.
	Frequency string `json:"frequency"`
	// Filters are repository name patterns ('*' matches any run of
	// characters); a repository matching any of them is covered.
	Filters []string `json:"filters,omitempty"`
}

// Registry returns the scanning configuration read in region, if any.
func (e *ECR) Registry(region string) (*ECRRegistry, bool) {
	for i := range e.Registries {
		if e.Registries[i].Region == region {
			return &e.Registries[i], true
		}
	}
	return nil, false
}

// ScanFrequency returns the frequency of the first rule of the registry
// whose filters match the repository name ("" when none does).
func (r *ECRRegistry) ScanFrequency(repo string) string {
	for _, rule := range r.Rules {
		for _, f := range rule.Filters {
			if WildcardMatch(f, repo) {
				return rule.Frequency
			}
		}
	}
	return ""
}

// WildcardMatch reports whether s matches pattern, where '*' matches any
// run of characters (including '/') and everything else matches itself,
// as ECR's scanning and replication filters do.
func WildcardMatch(pattern, s string) bool {
	// Iterative glob with backtracking on the last '*'.
	p, i, star, mark := 0, 0, -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, i
			p++
		case p < len(pattern) && pattern[p] == s[i]:
			p++
			i++
		case star >= 0:
			p, mark = star+1, mark+1
			i = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}
