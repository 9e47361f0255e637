package checks

import (
	"strconv"
	"strings"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// eksChecks are the customer's duties on EKS: AWS runs the control plane,
// but who reaches the API server, which Kubernetes version it runs, how
// secrets are encrypted and whether the control plane's audit log is kept
// are the customer's settings.
func eksChecks() []check.Check {
	return []check.Check{
		eksClusterCheck("eks_cluster_endpoint_not_public", eksEndpointNotPublic),
		eksClusterCheck("eks_cluster_supported_version", eksSupportedVersion),
		eksClusterCheck("eks_cluster_secrets_encrypted", eksSecretsEncrypted),
		eksClusterCheck("eks_cluster_audit_logging", eksAuditLogging),
	}
}

// eksClusterCheck judges every described cluster; one whose description
// was not read is unknown.
func eksClusterCheck(id string, judge func(k state.EKSCluster, now time.Time) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			now := p.Clock(a.CollectedAt)
			return eachRegional(a, "eks", []state.Input{state.InputEKSClusters}, a.EKS.Clusters, func(k state.EKSCluster) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputEKSClusterDetails, k.Region, k.ARN); ok {
					return check.GapR(k, g)
				}
				if k.Version == "" {
					return check.UnknownR(k, "cluster %s's configuration was not reported", k.Name)
				}
				return judge(k, now)
			})
		},
	}
}

func eksEndpointNotPublic(k state.EKSCluster, _ time.Time) check.Result {
	if !k.EndpointPublicAccess {
		return check.PassR(k, "cluster %s's API server endpoint is private only", k.Name)
	}
	cidrs := k.PublicAccessCIDRs
	if len(cidrs) == 0 {
		cidrs = []string{"0.0.0.0/0"}
	}
	return check.FailR(k, "cluster %s's API server endpoint is public (reachable from %s)", k.Name, strings.Join(cidrs, ", "))
}

// eksSupport is when AWS ends standard and extended support of a
// Kubernetes minor version on EKS, from the Amazon EKS Kubernetes version
// calendar (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html).
// Versions older than the first row are past extended support; versions
// newer than the last are newer than this table and supported.
var eksSupport = []struct {
	minor            int
	standard, extend string
}{
	{24, "2024-01-31", "2025-01-31"},
	{25, "2024-05-01", "2025-05-01"},
	{26, "2024-06-11", "2025-06-11"},
	{27, "2024-07-24", "2025-07-24"},
	{28, "2024-11-26", "2025-11-26"},
	{29, "2025-03-23", "2026-03-23"},
	{30, "2025-07-23", "2026-07-23"},
	{31, "2025-11-26", "2026-11-26"},
	{32, "2026-03-23", "2027-03-23"},
	{33, "2026-07-29", "2027-07-29"},
	{34, "2026-12-02", "2027-12-02"},
}

// eksSupportEnd returns the ends of standard and extended support of
// Kubernetes version v (1.MINOR); known is false for versions newer than
// the table; ok is false for a version that is not 1.MINOR.
func eksSupportEnd(v string) (standard, extended time.Time, known, ok bool) {
	major, minorText, found := strings.Cut(v, ".")
	minor, err := strconv.Atoi(minorText)
	if !found || major != "1" || err != nil {
		return time.Time{}, time.Time{}, false, false
	}
	if minor < eksSupport[0].minor {
		return time.Time{}, time.Time{}, true, true // long past extended support
	}
	for _, s := range eksSupport {
		if s.minor == minor {
			std, _ := time.Parse(time.DateOnly, s.standard)
			ext, _ := time.Parse(time.DateOnly, s.extend)
			return std, ext, true, true
		}
	}
	return time.Time{}, time.Time{}, false, true
}

func eksSupportedVersion(k state.EKSCluster, now time.Time) check.Result {
	std, ext, known, ok := eksSupportEnd(k.Version)
	switch {
	case !ok:
		return check.UnknownR(k, "cluster %s reports Kubernetes version %q, which is not 1.MINOR", k.Name, k.Version)
	case !known:
		return check.PassR(k, "cluster %s runs Kubernetes %s, newer than every version in shoulder's support calendar", k.Name, k.Version)
	case !now.Before(ext):
		if ext.IsZero() {
			return check.FailR(k, "cluster %s runs Kubernetes %s, no longer supported by EKS", k.Name, k.Version)
		}
		return check.FailR(k, "cluster %s runs Kubernetes %s, out of EKS extended support since %s", k.Name, k.Version, ext.Format(time.DateOnly))
	case !now.Before(std):
		return check.PassR(k, "cluster %s runs Kubernetes %s in extended support (paid) until %s: plan the upgrade", k.Name, k.Version, ext.Format(time.DateOnly))
	}
	return check.PassR(k, "cluster %s runs Kubernetes %s, in standard support until %s", k.Name, k.Version, std.Format(time.DateOnly))
}

func eksSecretsEncrypted(k state.EKSCluster, _ time.Time) check.Result {
	if k.SecretsKMSKeyARN == "" {
		return check.FailR(k, "cluster %s does not envelope-encrypt Kubernetes secrets with a KMS key", k.Name)
	}
	return check.PassR(k, "cluster %s encrypts Kubernetes secrets with KMS key %s", k.Name, k.SecretsKMSKeyARN)
}

func eksAuditLogging(k state.EKSCluster, _ time.Time) check.Result {
	if k.Logs("audit") {
		return check.PassR(k, "cluster %s sends its audit log to CloudWatch Logs (%s)", k.Name, strings.Join(k.LogTypes, ", "))
	}
	return check.FailR(k, "cluster %s does not send its Kubernetes audit log to CloudWatch Logs", k.Name)
}
