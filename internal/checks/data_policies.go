package checks

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/exposure"
	"github.com/shoulder-dev/shoulder/internal/iampolicy"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// Resource-policy sharing is judged by internal/exposure, the one verdict
// the data map also shows; the checks here only choose which part of the
// verdict they report (exposureScope) and word the result.

// exposureScope is what part of an exposure verdict a sharing check fails on.
type exposureScope int

const (
	// scopePublic fails only on grants to everyone (exposure.Public).
	scopePublic exposureScope = iota
	// scopeTrusted fails on grants to untrusted principals; grants to
	// everyone are its sibling scopePublic check's finding.
	scopeTrusted
	// scopeSharing fails on both: grants to everyone and to untrusted
	// principals.
	scopeSharing
)

// exposureSeverity is the severity of every check that fails on a grant to
// everyone (scopePublic and scopeSharing), whatever the data store: the same
// verdict carries the same weight everywhere. TestExposureSeverity holds
// every check in the registry to it.
const exposureSeverity = check.Critical

// untrustedSeverity is the severity of the scopeTrusted checks.
const untrustedSeverity = check.High

// severityFor is the severity of a sharing check of scope s.
func severityFor(s exposureScope) check.Severity {
	if s == scopeTrusted {
		return untrustedSeverity
	}
	return exposureSeverity
}

// exposureResult words an exposure verdict on resource r as a check of
// scope s. what names the resource ("function f", "key k"); its policy is
// "<what> policy".
func exposureResult(s exposureScope, r state.Resource, what string, v exposure.Verdict) check.Result {
	public := v.Describe(exposure.Public)
	untrusted := v.Describe(exposure.SharedUntrusted)
	switch {
	case v.Level == exposure.Unknown:
		return check.UnknownR(r, "%s: %v", what, v.Err)
	case v.Empty:
		return check.PassR(r, "%s has no resource policy: only identities of this account that IAM allows can use it", what)
	case s != scopeTrusted && len(public) > 0:
		return check.FailR(r, "%s policy grants to everyone: %s", what, strings.Join(public, "; "))
	case s != scopePublic && len(untrusted) > 0:
		return check.FailR(r, "%s policy grants to untrusted principal(s): %s", what, strings.Join(untrusted, "; "))
	case s == scopePublic:
		return check.PassR(r, "%s policy grants nothing to everyone", what)
	case s == scopeTrusted && len(public) > 0:
		return check.PassR(r, "%s policy grants to no untrusted principal besides its grants to everyone (their own finding): %s", what, strings.Join(public, "; "))
	default:
		msg := what + " policy grants nothing to everyone or to untrusted principals"
		if trusted := v.Describe(exposure.SharedTrusted); len(trusted) > 0 {
			msg += "; shared with trusted: " + strings.Join(trusted, "; ")
		}
		return check.PassR(r, "%s", msg)
	}
}

// sharingResult is the verdict of a "not public, shared only with trusted
// principals" (scopeSharing) check on a resource policy.
func sharingResult(r state.Resource, what, doc string, c exposure.Context) check.Result {
	return exposureResult(scopeSharing, r, what, exposure.Judge(doc, c))
}

// tlsOnlyResult decides whether a resource policy refuses requests sent
// without TLS for service's actions on every resource in arns.
func tlsOnlyResult(a *state.Account, r state.Resource, what, doc, service string, arns ...string) check.Result {
	if strings.TrimSpace(doc) == "" {
		return check.FailR(r, "%s has no resource policy, so nothing refuses requests sent without TLS", what)
	}
	pol, err := exposure.ParsePolicy(a, doc)
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

// exposureContextKey is the key of the account's exposure context under
// one policy (state.Derive).
type exposureContextKey struct{ p *policy.Policy }

// exposureContext is exposure.NewContext(a, p), gathered once per
// evaluation and policy: sixteen checks each gathered the account's VPCs,
// endpoints and bucket owners into their own (65 MB at 1M resources).
// Shared: not to be changed.
func exposureContext(a *state.Account, p *policy.Policy) exposure.Context {
	return state.Derive(a, exposureContextKey{p}, func() exposure.Context { return exposure.NewContext(a, p) })
}
