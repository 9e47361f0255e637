package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func identityCases() map[string][]checkCase {
	summary := func(k string, v int) func(*state.Account) {
		return func(a *state.Account) { a.IAM.Summary = map[string]int{k: v} }
	}
	rootRow := func(r state.CredentialReportRow) func(*state.Account) {
		return func(a *state.Account) {
			r.User = state.RootUserName
			a.IAM.CredentialReport = []state.CredentialReportRow{r}
		}
	}
	denied := withGap(state.Gap{Service: "iam", Operation: "GetAccountSummary", Reason: state.ReasonAccessDenied, Message: "not authorized"})
	return map[string][]checkCase{
		"iam_root_mfa_enabled": {
			{name: "summary on", acct: baseAccount(summary("AccountMFAEnabled", 1)), want: []check.Status{check.Pass}},
			{name: "summary off", acct: baseAccount(summary("AccountMFAEnabled", 0)), want: []check.Status{check.Fail}},
			{name: "report only, mfa", acct: baseAccount(rootRow(state.CredentialReportRow{MFAActive: true})), want: []check.Status{check.Pass}, msg: "credential report"},
			{name: "report only, no mfa", acct: baseAccount(rootRow(state.CredentialReportRow{})), want: []check.Status{check.Fail}},
			{name: "summary denied", acct: baseAccount(denied), want: []check.Status{check.Unknown}, msg: "access_denied"},
			{name: "nothing collected", acct: baseAccount(), want: []check.Status{check.Unknown}},
		},
		"iam_root_no_access_keys": {
			{name: "no keys", acct: baseAccount(summary("AccountAccessKeysPresent", 0)), want: []check.Status{check.Pass}},
			{name: "keys", acct: baseAccount(summary("AccountAccessKeysPresent", 1)), want: []check.Status{check.Fail}},
			{name: "report key 2 active", acct: baseAccount(rootRow(state.CredentialReportRow{AccessKey2Active: true})), want: []check.Status{check.Fail}},
			{name: "denied", acct: baseAccount(denied), want: []check.Status{check.Unknown}},
		},
	}
}
