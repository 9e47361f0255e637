package checks

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/iampolicy"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// Resource-policy analysis shared by the data-store checks (S3 bucket, KMS
// key, DynamoDB table, EFS file system and Backup vault policies).

// policyOptions tells iampolicy whose policy it reads and whom the customer trusts.
func policyOptions(a *state.Account, p *policy.Policy) iampolicy.Options {
	o := iampolicy.Options{OwnAccount: a.AccountID}
	if p != nil {
		o.TrustedAccounts = p.TrustedAccounts
		if p.OrganizationID != "" {
			o.TrustedOrganizations = []string{p.OrganizationID}
		}
	}
	return o
}

// sharing is what a resource policy opens to others.
type sharing struct {
	// public lists the grants to everyone that nothing restricts, by Sid
	// (or statement number) with their actions.
	public []string
	// untrusted lists the accounts outside the account and the policy's
	// trusted accounts that the policy names, with their actions.
	untrusted []string
	// publicStatements are the indexes of the unrestricted grants.
	publicStatements []int
}

// analyseSharing parses a resource policy and reports its public grants and
// the untrusted accounts it names. An empty document shares nothing.
func analyseSharing(doc string, a *state.Account, p *policy.Policy) (*iampolicy.Policy, sharing, error) {
	var sh sharing
	if strings.TrimSpace(doc) == "" {
		return nil, sh, nil
	}
	pol, err := iampolicy.Parse(doc)
	if err != nil {
		return nil, sh, fmt.Errorf("policy could not be parsed: %w", err)
	}
	opts := policyOptions(a, p)
	for _, g := range iampolicy.Exposure(pol, opts).Grants {
		if g.Public {
			sh.public = append(sh.public, describeGrant(g.Sid, g.Statement, g.Actions, g.NotAction))
			sh.publicStatements = append(sh.publicStatements, g.Statement)
		}
	}
	seen := map[string]bool{}
	for _, x := range iampolicy.ExternalAccounts(pol, opts) {
		if x.Kind != iampolicy.KindAccount || x.Account == "*" || x.Trusted {
			continue
		}
		d := x.Account + " (" + actionList(x.Actions, x.NotAction) + ")"
		if !seen[d] {
			seen[d] = true
			sh.untrusted = append(sh.untrusted, d)
		}
	}
	sort.Strings(sh.untrusted)
	return pol, sh, nil
}

func describeGrant(sid string, idx int, actions []string, not bool) string {
	name := sid
	if name == "" {
		name = fmt.Sprintf("statement %d", idx+1)
	}
	return name + " (" + actionList(actions, not) + ")"
}

func actionList(actions []string, not bool) string {
	s := strings.Join(actions, ", ")
	if not {
		return "all but " + s
	}
	return s
}

// sharingResult is the verdict of a "not public, shared only with trusted
// accounts" check on a resource policy.
func sharingResult(r state.Resource, what, doc string, a *state.Account, p *policy.Policy) check.Result {
	_, sh, err := analyseSharing(doc, a, p)
	switch {
	case err != nil:
		return check.UnknownR(r, "%s: %v", what, err)
	case strings.TrimSpace(doc) == "":
		return check.PassR(r, "%s has no resource policy: only identities of this account that IAM allows can use it", what)
	case len(sh.public) > 0:
		return check.FailR(r, "%s policy grants to everyone: %s", what, strings.Join(sh.public, "; "))
	case len(sh.untrusted) > 0:
		return check.FailR(r, "%s policy grants to untrusted account(s): %s", what, strings.Join(sh.untrusted, "; "))
	default:
		return check.PassR(r, "%s policy grants nothing to everyone or to untrusted accounts", what)
	}
}

// tlsOnlyResult decides whether a resource policy refuses requests sent
// without TLS for service's actions on every resource in arns.
func tlsOnlyResult(r state.Resource, what, doc, service string, arns ...string) check.Result {
	if strings.TrimSpace(doc) == "" {
		return check.FailR(r, "%s has no resource policy, so nothing refuses requests sent without TLS", what)
	}
	pol, err := iampolicy.Parse(doc)
	if err != nil {
		return check.UnknownR(r, "%s: policy could not be parsed: %v", what, err)
	}
	if !iampolicy.DeniesInsecureTransport(pol, service) {
		return check.FailR(r, "%s policy has no Deny for everyone on aws:SecureTransport=false covering %s:*", what, service)
	}
	// DeniesInsecureTransport leaves the Resource element to the caller.
	for _, arn := range arns {
		covered := false
		for i := range pol.Statements {
			s := &pol.Statements[i]
			if s.Effect == iampolicy.Deny && len(s.Conditions("aws:SecureTransport")) > 0 && s.CoversResource(arn) {
				covered = true
				break
			}
		}
		if !covered {
			return check.FailR(r, "%s policy denies requests without TLS, but not on %s", what, arn)
		}
	}
	return check.PassR(r, "%s policy denies every request sent without TLS", what)
}
