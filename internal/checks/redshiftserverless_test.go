package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const (
	dsRSSWorkgroupARN = "arn:aws:redshift-serverless:eu-west-1:" + testAccountID + ":workgroup/0a1b"
	dsRSSNamespaceARN = "arn:aws:redshift-serverless:eu-west-1:" + testAccountID + ":namespace/2c3d"
)

// dsRSSWorkgroup adds workgroup "bi" in eu-west-1: private, enhanced VPC
// routing, SSL required; edited by mut.
func dsRSSWorkgroup(mut func(w *state.ServerlessWorkgroup)) func(*state.Account) {
	return func(a *state.Account) {
		w := state.ServerlessWorkgroup{Meta: state.Meta{ARN: dsRSSWorkgroupARN, Region: "eu-west-1"}, Name: "bi", Namespace: "bi-data", Status: "AVAILABLE",
			EnhancedVPCRouting: true, Parameters: map[string]string{"require_ssl": "true", "enable_user_activity_logging": "true"}}
		if mut != nil {
			mut(&w)
		}
		a.RedshiftServerless.Workgroups = append(a.RedshiftServerless.Workgroups, w)
	}
}

// dsRSSNamespace adds namespace "bi-data" in eu-west-1: admin "bi_owner",
// a customer managed key, every log exported; edited by mut.
func dsRSSNamespace(mut func(n *state.ServerlessNamespace)) func(*state.Account) {
	return func(a *state.Account) {
		n := state.ServerlessNamespace{Meta: state.Meta{ARN: dsRSSNamespaceARN, Region: "eu-west-1"}, Name: "bi-data", Status: "AVAILABLE",
			AdminUsername: "bi_owner", KMSKeyID: "arn:aws:kms:eu-west-1:" + testAccountID + ":key/bi",
			LogExports: []string{"useractivitylog", "userlog", "connectionlog"}}
		if mut != nil {
			mut(&n)
		}
		a.RedshiftServerless.Namespaces = append(a.RedshiftServerless.Namespaces, n)
	}
}

func redshiftServerlessCases() map[string][]checkCase {
	w := func(name string, m func(*state.ServerlessWorkgroup), want check.Status, msg string) checkCase {
		return checkCase{name: name, acct: baseAccount(dsRSSWorkgroup(m)), want: dsWant(want), msg: msg}
	}
	n := func(name string, m func(*state.ServerlessNamespace), want check.Status, msg string) checkCase {
		return checkCase{name: name, acct: baseAccount(dsRSSNamespace(m)), want: dsWant(want), msg: msg}
	}
	wDenied := []checkCase{
		{name: "listing denied", acct: baseAccount(dsRSSWorkgroup(nil), dsGap("redshift-serverless", "eu-west-1", "ListWorkgroups", "")), want: dsWant(dsU)},
		{name: "listing denied elsewhere", acct: baseAccount(dsRSSWorkgroup(nil), dsGap("redshift-serverless", "us-east-1", "ListWorkgroups", "")), want: dsWant(dsU, dsP)},
	}
	nDenied := []checkCase{
		{name: "listing denied", acct: baseAccount(dsRSSNamespace(nil), dsGap("redshift-serverless", "eu-west-1", "ListNamespaces", "")), want: dsWant(dsU)},
		{name: "listing denied elsewhere", acct: baseAccount(dsRSSNamespace(nil), dsGap("redshift-serverless", "us-east-1", "ListNamespaces", "")), want: dsWant(dsU, dsP)},
	}
	return map[string][]checkCase{
		"redshiftserverless_workgroup_enhanced_vpc_routing": append([]checkCase{
			w("on", nil, dsP, "through its VPC"),
			w("off", func(w *state.ServerlessWorkgroup) { w.EnhancedVPCRouting = false }, dsF, "enhanced VPC routing off"),
		}, wDenied...),
		"redshiftserverless_workgroup_require_ssl": append([]checkCase{
			w("required", nil, dsP, "requires SSL"),
			w("not required", func(w *state.ServerlessWorkgroup) { w.Parameters["require_ssl"] = "false" }, dsF, "require_ssl false"),
			w("not reported", func(w *state.ServerlessWorkgroup) { w.Parameters = nil }, dsU, "not reported"),
		}, wDenied...),
		"redshiftserverless_workgroup_not_public": append([]checkCase{
			w("private", nil, dsP, "only from its VPC"),
			w("public", func(w *state.ServerlessWorkgroup) { w.PubliclyAccessible = true }, dsF, "publicly accessible"),
		}, wDenied...),
		"redshiftserverless_namespace_not_default_admin": append([]checkCase{
			n("own name", nil, dsP, "bi_owner"),
			n("admin", func(n *state.ServerlessNamespace) { n.AdminUsername = "admin" }, dsF, "default admin"),
			n("not reported", func(n *state.ServerlessNamespace) { n.AdminUsername = "" }, dsU, "not reported"),
		}, nDenied...),
		"redshiftserverless_namespace_log_exports": append([]checkCase{
			n("all three", nil, dsP, "connectionlog"),
			n("connection and user logs", func(n *state.ServerlessNamespace) { n.LogExports = []string{"connectionlog", "userlog"} }, dsP, "userlog"),
			n("user log only", func(n *state.ServerlessNamespace) { n.LogExports = []string{"userlog"} }, dsF, "does not export connectionlog"),
			n("none", func(n *state.ServerlessNamespace) { n.LogExports = nil }, dsF, "connectionlog, userlog"),
		}, nDenied...),
		"redshiftserverless_namespace_in_allowed_region": storeCases("redshift-serverless", "ListNamespaces", func(r string) func(*state.Account) {
			return func(a *state.Account) {
				a.RedshiftServerless.Namespaces = append(a.RedshiftServerless.Namespaces,
					state.ServerlessNamespace{Meta: nwMetaIn(r, "redshift-serverless", "namespace/n1"), Name: "n1"})
			}
		}),
	}
}
