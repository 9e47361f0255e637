package checks

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/exposure"
	"github.com/shoulder-dev/shoulder/internal/iampolicy"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// Checks that read IAM policy documents (through internal/iampolicy).

func identityPolicyChecks() []check.Check {
	return []check.Check{
		iamNoFullAdminAttached(),
		iamCustomerPolicyNoFullAdmin(),
		iamCustomerPolicyNoServiceWildcard(),
	}
}

// attachments maps a managed policy ARN to the identities it is attached to
// ("group admins", "role ops"), service-linked roles excluded.
func attachments(a *state.Account) map[string][]string {
	m := map[string][]string{}
	for _, h := range policyHolders(a) {
		for _, p := range h.policies {
			m[p.ARN] = append(m[p.ARN], h.kind+" "+h.name)
		}
	}
	return m
}

// boundaryOnly returns the managed policies used only as permissions
// boundaries: some user or role names the policy as its boundary, and no
// identity has it attached as a permissions policy. A boundary sets the
// most an identity may do and grants nothing itself, so FSBP IAM.1 and
// KMS.1 exclude such policies (Config parameter
// excludePermissionBoundaryPolicy: true). GetAccountAuthorizationDetails
// returns every user and role with its boundary, so the usage is read here
// rather than from the policy's PermissionsBoundaryUsageCount.
func boundaryOnly(a *state.Account) map[string]bool {
	out := map[string]bool{}
	for _, u := range a.IAM.Users {
		if u.PermissionsBoundary != "" {
			out[u.PermissionsBoundary] = true
		}
	}
	for _, r := range a.IAM.Roles {
		if r.PermissionsBoundary != "" {
			out[r.PermissionsBoundary] = true
		}
	}
	if len(out) == 0 {
		return out
	}
	att := attachments(a)
	for _, p := range a.IAM.Policies {
		if out[p.ARN] && (p.AttachmentCount > 0 || len(att[p.ARN]) > 0) {
			delete(out, p.ARN)
		}
	}
	return out
}

// inlineHolder is an identity with an inline policy.
type inlineHolder struct {
	kind, name string
	ref        state.Meta
	policies   []state.InlinePolicy
}

func inlineHolders(a *state.Account) []inlineHolder {
	return state.Derive(a, inlineHoldersKey{}, func() []inlineHolder { return listInlineHolders(a) })
}

// listInlineHolders is inlineHolders, built.
func listInlineHolders(a *state.Account) []inlineHolder {
	var out []inlineHolder
	for _, u := range a.IAM.Users {
		out = append(out, inlineHolder{"user", u.Name, u.Meta, u.InlinePolicies})
	}
	for _, g := range a.IAM.Groups {
		out = append(out, inlineHolder{"group", g.Name, g.Meta, g.InlinePolicies})
	}
	for _, r := range a.IAM.Roles {
		if !r.ServiceLinked {
			out = append(out, inlineHolder{"role", r.Name, r.Meta, r.InlinePolicies})
		}
	}
	return out
}

// iamNoFullAdminAttached is CIS's test: no policy granting "*:*" is attached
// to a user, group or role. An AWS managed policy such as AdministratorAccess
// counts: AWS wrote it, but attaching it was the customer's decision.
func iamNoFullAdminAttached() check.Check {
	return check.Check{
		ID: "iam_no_full_admin_policy_attached",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			if g, ok := authDetailsGap(a); ok {
				return []check.Result{check.GapR(accountRef(a), g)}
			}
			att := attachments(a)
			var out []check.Result
			known := map[string]bool{}
			for _, p := range a.IAM.Policies {
				known[p.ARN] = true
				who := att[p.ARN]
				if len(who) == 0 && p.AttachmentCount == 0 {
					continue
				}
				doc, err := exposure.ParsePolicy(a, p.Document)
				if err != nil {
					out = append(out, check.UnknownR(p, "policy %s cannot be read: %v", p.Name, err))
					continue
				}
				grant, admin := iampolicy.AdminGrant(doc)
				if !admin {
					continue
				}
				owner := "customer managed"
				if p.AWSManaged {
					owner = "AWS managed"
				}
				if len(who) == 0 {
					who = []string{fmt.Sprintf("%d identities", p.AttachmentCount)}
				}
				out = append(out, check.FailR(p, "%s policy %s grants %s and is attached to %s", owner, p.Name, grant, strings.Join(who, ", ")))
			}
			var missing []string
			for _, arn := range sortedAttachmentARNs(att) {
				if !known[arn] {
					missing = append(missing, arn)
				}
			}
			for _, h := range inlineHolders(a) {
				for _, ip := range h.policies {
					doc, err := exposure.ParsePolicy(a, ip.Document)
					if err != nil {
						out = append(out, check.UnknownR(h.ref, "inline policy %s of %s %s cannot be read: %v", ip.Name, h.kind, h.name, err))
						continue
					}
					if grant, admin := iampolicy.AdminGrant(doc); admin {
						out = append(out, check.FailR(h.ref, "inline policy %s of %s %s grants %s", ip.Name, h.kind, h.name, grant))
					}
				}
			}
			if len(out) > 0 {
				return out
			}
			if len(missing) > 0 {
				return []check.Result{check.UnknownR(accountRef(a), "the documents of attached policies %s are not in the state", strings.Join(limitList(missing, 3), ", "))}
			}
			return []check.Result{check.PassR(accountRef(a), "no attached managed or inline policy grants *:*")}
		},
	}
}

func sortedAttachmentARNs(m map[string][]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// perCustomerPolicy evaluates every customer managed policy; AWS managed
// policies are AWS's to write and are left out.
func perCustomerPolicy(a *state.Account, fn func(p state.Policy, doc *iampolicy.Policy) check.Result) []check.Result {
	if g, ok := authDetailsGap(a); ok {
		return []check.Result{check.GapR(accountRef(a), g)}
	}
	var out []check.Result
	for _, p := range a.IAM.Policies {
		if p.AWSManaged || isAWSManagedPolicy(p.ARN, p.Name) {
			continue
		}
		doc, err := exposure.ParsePolicy(a, p.Document)
		if err != nil {
			out = append(out, check.UnknownR(p, "policy %s cannot be read: %v", p.Name, err))
			continue
		}
		out = append(out, fn(p, doc))
	}
	if len(out) == 0 {
		return []check.Result{check.NotApplicableR(accountRef(a), "no customer managed policies (AWS managed policies are AWS's to write)")}
	}
	return out
}

func attachedNote(p state.Policy) string {
	if p.AttachmentCount == 0 {
		return "not attached yet"
	}
	return fmt.Sprintf("attached %d time(s)", p.AttachmentCount)
}

func iamCustomerPolicyNoFullAdmin() check.Check {
	return check.Check{
		ID: "iam_customer_policy_no_full_admin",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			boundaries := boundaryOnly(a)
			return perCustomerPolicy(a, func(p state.Policy, doc *iampolicy.Policy) check.Result {
				if boundaries[p.ARN] {
					return check.NotApplicableR(p, "policy %s is used only as a permissions boundary: it grants nothing itself (FSBP IAM.1 excludes boundaries)", p.Name)
				}
				if grant, admin := iampolicy.AdminGrant(doc); admin {
					if grant == "*:*" {
						return check.FailR(p, "policy %s allows * on * (%s)", p.Name, attachedNote(p))
					}
					return check.FailR(p, "policy %s grants full administrator access: %s (%s)", p.Name, grant, attachedNote(p))
				}
				return check.PassR(p, "policy %s does not grant full administrator access", p.Name)
			})
		},
	}
}

// serviceWildcards lists the Allow grants of whole services in a policy:
// "svc:*" actions, "*", and Allow+NotAction (everything but a few actions).
func serviceWildcards(doc *iampolicy.Policy) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, st := range doc.Statements {
		if st.Effect != iampolicy.Allow {
			continue
		}
		if st.NotAction != nil {
			add("NotAction " + strings.Join(st.NotAction, ","))
			continue
		}
		for _, act := range st.Action {
			if act == "*" || strings.HasSuffix(act, ":*") {
				add(act)
			}
		}
	}
	return out
}

func iamCustomerPolicyNoServiceWildcard() check.Check {
	return check.Check{
		ID: "iam_customer_policy_no_service_wildcard",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return perCustomerPolicy(a, func(p state.Policy, doc *iampolicy.Policy) check.Result {
				if w := serviceWildcards(doc); len(w) > 0 {
					return check.FailR(p, "policy %s allows whole services: %s (%s)", p.Name, strings.Join(limitList(w, 4), ", "), attachedNote(p))
				}
				return check.PassR(p, "policy %s names its actions", p.Name)
			})
		},
	}
}
