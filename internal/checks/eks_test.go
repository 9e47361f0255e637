package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const dsEKSARN = "arn:aws:eks:eu-west-1:" + testAccountID + ":cluster/prod"

// dsEKS adds cluster "prod" in eu-west-1: a private endpoint, Kubernetes
// 1.34, secrets under a KMS key and every control-plane log, edited by mut.
func dsEKS(mut func(k *state.EKSCluster)) func(*state.Account) {
	return func(a *state.Account) {
		k := state.EKSCluster{Meta: state.Meta{ARN: dsEKSARN, Region: "eu-west-1"}, Name: "prod", Version: "1.34", EndpointPrivateAccess: true,
			SecretsKMSKeyARN: "arn:aws:kms:eu-west-1:" + testAccountID + ":key/1234abcd-12ab-34cd-56ef-1234567890ab",
			LogTypes:         []string{"api", "audit", "authenticator", "controllerManager", "scheduler"}}
		if mut != nil {
			mut(&k)
		}
		a.EKS.Clusters = append(a.EKS.Clusters, k)
	}
}

func eksCases() map[string][]checkCase {
	unknowns := []checkCase{
		{name: "description denied", acct: baseAccount(dsEKS(nil), dsGap("eks", "eu-west-1", "DescribeCluster", dsEKSARN)), want: dsWant(dsU)},
		{name: "listing denied", acct: baseAccount(dsEKS(nil), dsGap("eks", "eu-west-1", "ListClusters", "")), want: dsWant(dsU)},
		{name: "not described", acct: baseAccount(dsEKS(func(k *state.EKSCluster) { k.Version = "" })), want: dsWant(dsU)},
	}
	c := func(name string, mut func(*state.EKSCluster), want ...check.Status) checkCase {
		return checkCase{name: name, acct: baseAccount(dsEKS(mut)), want: want}
	}
	return map[string][]checkCase{
		"eks_cluster_endpoint_not_public": append([]checkCase{
			c("private", nil, dsP),
			c("public, restricted", func(k *state.EKSCluster) {
				k.EndpointPublicAccess, k.PublicAccessCIDRs = true, []string{"203.0.113.0/24"}
			}, dsF),
			c("public to everyone", func(k *state.EKSCluster) { k.EndpointPublicAccess = true }, dsF),
		}, unknowns...),
		"eks_cluster_supported_version": append([]checkCase{
			c("standard support", nil, dsP),
			c("extended support", func(k *state.EKSCluster) { k.Version = "1.32" }, dsP),
			c("newer than the table", func(k *state.EKSCluster) { k.Version = "1.40" }, dsP),
			c("past extended support", func(k *state.EKSCluster) { k.Version = "1.27" }, dsF),
			c("long gone", func(k *state.EKSCluster) { k.Version = "1.19" }, dsF),
			c("odd version", func(k *state.EKSCluster) { k.Version = "2.x" }, dsU),
		}, unknowns...),
		"eks_cluster_secrets_encrypted": append([]checkCase{
			c("kms", nil, dsP),
			c("none", func(k *state.EKSCluster) { k.SecretsKMSKeyARN = "" }, dsF),
		}, unknowns...),
		"eks_cluster_audit_logging": append([]checkCase{
			c("all logs", nil, dsP),
			c("api only", func(k *state.EKSCluster) { k.LogTypes = []string{"api"} }, dsF),
			c("none", func(k *state.EKSCluster) { k.LogTypes = nil }, dsF),
		}, unknowns...),
	}
}
