package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func identityChecks() []check.Check {
	return []check.Check{
		iamRootMFAEnabled(),
		iamRootNoAccessKeys(),
	}
}

// rootFact reads a yes/no fact about the root user from GetAccountSummary,
// falling back to the credential report; ok is false when neither was read.
func rootFact(a *state.Account, summaryKey string, fromReport func(state.CredentialReportRow) bool) (value, ok bool, why string) {
	if v, found := a.IAM.Summary[summaryKey]; found {
		return v > 0, true, "GetAccountSummary " + summaryKey
	}
	if row, found := a.IAM.Root(); found {
		return fromReport(row), true, "credential report root row"
	}
	return false, false, ""
}

func rootUnknown(a *state.Account) check.Result {
	if g, ok := a.Gaps.FindAny("iam", "", "", "GetAccountSummary", "GetCredentialReport"); ok {
		return check.GapR(accountRef(a), g)
	}
	return check.UnknownR(accountRef(a), "neither the account summary nor the credential report is in the state")
}

func iamRootMFAEnabled() check.Check {
	return check.Check{
		ID:          "iam_root_mfa_enabled",
		Title:       "The root user has MFA enabled",
		Description: "The root user can do anything, including close the account; a password alone is one phishing email away from losing it.",
		Area:        check.Identity,
		Service:     "iam",
		Severity:    check.Critical,
		Remediation: check.Remediation{
			Console:   "Sign in as the root user, open Security credentials, Multi-factor authentication (MFA), Assign MFA device; prefer a hardware key.",
			CLI:       "# MFA for the root user can only be assigned while signed in as root in the console.",
			Terraform: "# Root MFA cannot be managed by Terraform; enforce it in the console and alert on root sign-ins.",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			on, ok, src := rootFact(a, "AccountMFAEnabled", func(r state.CredentialReportRow) bool { return r.MFAActive })
			switch {
			case !ok:
				return []check.Result{rootUnknown(a)}
			case on:
				return []check.Result{check.PassR(accountRef(a), "root MFA is enabled (%s)", src)}
			default:
				return []check.Result{check.FailR(accountRef(a), "root MFA is not enabled (%s)", src)}
			}
		},
	}
}

func iamRootNoAccessKeys() check.Check {
	return check.Check{
		ID:          "iam_root_no_access_keys",
		Title:       "The root user has no access keys",
		Description: "Root access keys give unrestricted, long-lived programmatic access that no policy can limit.",
		Area:        check.Identity,
		Service:     "iam",
		Severity:    check.Critical,
		Remediation: check.Remediation{
			Console:   "Sign in as the root user, open Security credentials, Access keys, and delete every key (deactivate first if something still uses it).",
			CLI:       "# Root keys can only be deleted while signed in as root: aws iam delete-access-key --access-key-id <KEY_ID> (with root credentials)",
			Terraform: "# Root access keys are not manageable by Terraform; delete them in the console.",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			present, ok, src := rootFact(a, "AccountAccessKeysPresent", func(r state.CredentialReportRow) bool {
				return r.AccessKey1Active || r.AccessKey2Active
			})
			switch {
			case !ok:
				return []check.Result{rootUnknown(a)}
			case present:
				return []check.Result{check.FailR(accountRef(a), "the root user has access keys (%s)", src)}
			default:
				return []check.Result{check.PassR(accountRef(a), "the root user has no access keys (%s)", src)}
			}
		},
	}
}
