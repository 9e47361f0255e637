package checks

import (
	"slices"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// redshiftServerlessChecks are the customer's duties on Amazon Redshift
// Serverless: AWS runs and scales the compute, but how the workgroup's
// endpoint is reached (public access, TLS, VPC routing) and how the
// namespace's users and logs are set up are the owner's settings.
func redshiftServerlessChecks() []check.Check {
	return []check.Check{
		serverlessWorkgroupCheck("redshiftserverless_workgroup_enhanced_vpc_routing", func(w state.ServerlessWorkgroup) check.Result {
			if w.EnhancedVPCRouting {
				return check.PassR(w, "workgroup %s routes COPY and UNLOAD traffic through its VPC", w.Name)
			}
			return check.FailR(w, "workgroup %s sends COPY and UNLOAD traffic outside its VPC (enhanced VPC routing off)", w.Name)
		}),
		serverlessWorkgroupCheck("redshiftserverless_workgroup_require_ssl", func(w state.ServerlessWorkgroup) check.Result {
			on, reported := w.RequireSSL()
			switch {
			case !reported:
				return check.UnknownR(w, "workgroup %s's require_ssl parameter was not reported", w.Name)
			case on:
				return check.PassR(w, "workgroup %s requires SSL for every connection", w.Name)
			}
			return check.FailR(w, "workgroup %s accepts connections without SSL (require_ssl %s)", w.Name, w.Parameters["require_ssl"])
		}),
		serverlessWorkgroupCheck("redshiftserverless_workgroup_not_public", func(w state.ServerlessWorkgroup) check.Result {
			if w.PubliclyAccessible {
				return check.FailR(w, "workgroup %s's endpoint is publicly accessible", w.Name)
			}
			return check.PassR(w, "workgroup %s's endpoint is reachable only from its VPC", w.Name)
		}),
		serverlessNamespaceCheck("redshiftserverless_namespace_not_default_admin", func(n state.ServerlessNamespace) check.Result {
			switch n.AdminUsername {
			case "":
				return check.UnknownR(n, "namespace %s's admin user name was not reported", n.Name)
			case "admin":
				return check.FailR(n, "namespace %s keeps the default admin user name \"admin\"", n.Name)
			}
			return check.PassR(n, "namespace %s's admin user is %q, not the default", n.Name, n.AdminUsername)
		}),
		serverlessNamespaceCheck("redshiftserverless_namespace_log_exports", func(n state.ServerlessNamespace) check.Result {
			var missing []string
			for _, l := range serverlessRequiredLogs {
				if !slices.Contains(n.LogExports, l) {
					missing = append(missing, l)
				}
			}
			if len(missing) > 0 {
				return check.FailR(n, "namespace %s does not export %s to CloudWatch Logs", n.Name, strings.Join(missing, ", "))
			}
			return check.PassR(n, "namespace %s exports %s to CloudWatch Logs", n.Name, strings.Join(n.LogExports, ", "))
		}),
	}
}

// serverlessRequiredLogs are the logs FSBP RedshiftServerless.6 expects a
// namespace to export (its expectedLogExports default).
var serverlessRequiredLogs = []string{"connectionlog", "userlog"}

// serverlessWorkgroupCheck judges every listed workgroup.
func serverlessWorkgroupCheck(id string, judge func(state.ServerlessWorkgroup) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "redshift-serverless", []state.Input{state.InputServerlessWorkgroups}, a.RedshiftServerless.Workgroups, judge)
		},
	}
}

// serverlessNamespaceCheck judges every listed namespace.
func serverlessNamespaceCheck(id string, judge func(state.ServerlessNamespace) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "redshift-serverless", []state.Input{state.InputServerlessNamespaces}, a.RedshiftServerless.Namespaces, judge)
		},
	}
}
