package checks

import (
	"fmt"
	"strings"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func identityChecks() []check.Check {
	return append([]check.Check{
		iamRootMFAEnabled(),
		iamRootNoAccessKeys(),
		iamRootHardwareMFA(),
		iamRootNotUsedRecently(),
		iamPasswordPolicyMinLength(),
		iamPasswordPolicyReuse(),
		iamPasswordPolicyStrong(),
		iamUserConsoleMFA(),
		iamUserUnusedPassword(),
		iamUserUnusedAccessKey(),
		iamUserAccessKeyRotated(),
		iamUserSingleActiveKey(),
		iamUserNoInitialAccessKey(),
		iamUserNoDirectPolicies(),
		iamSupportRoleExists(),
		iamServerCertificateNotExpired(),
		iamCloudShellFullAccessRestricted(),
		ec2InstanceProfileAttached(),
		accessAnalyzerEnabled(),
		accountSecurityContact(),
	}, identityPolicyChecks()...)
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
	if g, ok := a.Gaps.ForInputs("", "", state.InputIAMAccountSummary, state.InputIAMCredentialReport); ok {
		return check.GapR(accountRef(a), g)
	}
	if len(a.IAM.CredentialReport) > 0 {
		return check.UnknownR(accountRef(a), "the account summary is not in the state and the credential report has no root row (%s)", state.RootUserName)
	}
	return check.UnknownR(accountRef(a), "neither the account summary nor the credential report is in the state")
}

func iamRootMFAEnabled() check.Check {
	return check.Check{
		ID: "iam_root_mfa_enabled",
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
		ID: "iam_root_no_access_keys",
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

// isRootVirtualMFA reports whether a virtual MFA device belongs to the root
// user. AWS names the root's virtual device root-account-mfa-device and
// records the root ARN (arn:aws:iam::ACCOUNT:root) as its user.
func isRootVirtualMFA(a *state.Account, d state.MFADevice) bool {
	return strings.HasSuffix(d.SerialNumber, ":mfa/root-account-mfa-device") ||
		d.UserARN == a.AccountARN() || d.User == state.RootUserName || d.User == "root"
}

func iamRootHardwareMFA() check.Check {
	return check.Check{
		ID: "iam_root_hardware_mfa_enabled",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			ref := accountRef(a)
			on, ok, src := rootFact(a, "AccountMFAEnabled", func(r state.CredentialReportRow) bool { return r.MFAActive })
			if !ok {
				return []check.Result{rootUnknown(a)}
			}
			if !on {
				return []check.Result{check.FailR(ref, "the root user has no MFA at all (%s)", src)}
			}
			if g, gapped := a.Gaps.ForInputs("", "", state.InputIAMVirtualMFADevices); gapped {
				return []check.Result{check.GapR(ref, g)}
			}
			for _, d := range a.IAM.VirtualMFADevices {
				if isRootVirtualMFA(a, d) {
					return []check.Result{check.FailR(ref, "the root user's MFA is the virtual device %s", d.SerialNumber)}
				}
			}
			return []check.Result{check.PassR(ref, "root MFA is on and is not a virtual device (hardware token or security key)")}
		},
	}
}

// rootRecentUseDays is the window in which any use of the root user counts
// as recent. CIS gives no number; root is needed only for a handful of
// account tasks, so use within a month deserves a look.
const rootRecentUseDays = 30

func iamRootNotUsedRecently() check.Check {
	return check.Check{
		ID: "iam_root_not_used_recently",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			ref := accountRef(a)
			row, ok := a.IAM.Root()
			if !ok {
				return []check.Result{rootRowUnknown(a)}
			}
			now := p.Clock(a.CollectedAt)
			var last *time.Time
			how := ""
			for _, c := range []struct {
				t    *time.Time
				what string
			}{{row.PasswordLastUsed, "console sign-in"}, {row.AccessKey1LastUsed, "access key 1"}, {row.AccessKey2LastUsed, "access key 2"}} {
				if c.t != nil && (last == nil || c.t.After(*last)) {
					last, how = c.t, c.what
				}
			}
			if last == nil {
				return []check.Result{check.PassR(ref, "the credential report shows no use of the root user")}
			}
			age := daysBetween(*last, now)
			if age < rootRecentUseDays {
				return []check.Result{check.FailR(ref, "the root user was used %d day(s) ago (%s, %s)", age, how, last.Format("2006-01-02"))}
			}
			return []check.Result{check.PassR(ref, "the root user was last used %d days ago (%s)", age, how)}
		},
	}
}

func daysBetween(from, to time.Time) int {
	return int(to.Sub(from).Hours() / 24)
}

// credentialReportUnknown is the unknown result when the credential report
// is missing; a real report always has the root row, so an empty one means
// it was not collected.
func credentialReportUnknown(a *state.Account) check.Result {
	if g, ok := a.Gaps.ForInputs("", "", state.InputIAMCredentialReport); ok {
		return check.GapR(accountRef(a), g)
	}
	return check.UnknownR(accountRef(a), "the IAM credential report is not in the state")
}

// rootRowUnknown is the unknown result when the credential report's root
// row is missing: the report was not read, or it was read without the row
// AWS always puts first (a truncated or edited report), which is not the
// same thing.
func rootRowUnknown(a *state.Account) check.Result {
	if len(a.IAM.CredentialReport) > 0 {
		return check.UnknownR(accountRef(a), "the IAM credential report has no root row (%s)", state.RootUserName)
	}
	return credentialReportUnknown(a)
}

// userRows returns the credential report's IAM user rows (root excluded);
// ok is false (with the unknown result) when the report is missing.
func userRows(a *state.Account) ([]state.CredentialReportRow, *check.Result) {
	if len(a.IAM.CredentialReport) == 0 {
		r := credentialReportUnknown(a)
		return nil, &r
	}
	// Shared by the checks of an evaluation (state.Derive): not to be changed.
	return state.Derive(a, userRowsKey{}, func() []state.CredentialReportRow {
		out := make([]state.CredentialReportRow, 0, len(a.IAM.CredentialReport))
		for _, r := range a.IAM.CredentialReport {
			if r.User != state.RootUserName {
				out = append(out, r)
			}
		}
		return out
	}), nil
}

// Keys of the lists the identity checks share per evaluation (state.Derive).
type (
	userRowsKey      struct{}
	policyHoldersKey struct{}
	inlineHoldersKey struct{}
)

func rowRef(r state.CredentialReportRow) state.Meta { return check.Ref(r.ARN, "") }

// perUserRow runs fn on every user row; fn returns false to skip a row (not
// applicable to it). When no row applies, the result says why (none).
func perUserRow(a *state.Account, none string, fn func(r state.CredentialReportRow) (check.Result, bool)) []check.Result {
	rows, unknown := userRows(a)
	if unknown != nil {
		return []check.Result{*unknown}
	}
	out := check.Results(a, len(rows))
	for _, r := range rows {
		if res, ok := fn(r); ok {
			out = append(out, res)
		}
	}
	if len(out) == 0 {
		return []check.Result{check.NotApplicableR(accountRef(a), "%s", none)}
	}
	return out
}

func passwordPolicy(a *state.Account) (*state.PasswordPolicy, *check.Result) {
	if g, ok := a.Gaps.ForInputs("", "", state.InputIAMPasswordPolicy); ok {
		r := check.GapR(accountRef(a), g)
		return nil, &r
	}
	return a.IAM.PasswordPolicy, nil
}

const noPasswordPolicy = "the account has no password policy (IAM then allows 6-character passwords with no reuse prevention)"

func iamPasswordPolicyMinLength() check.Check {
	return check.Check{
		ID: "iam_password_policy_min_length_14",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			pp, unknown := passwordPolicy(a)
			switch {
			case unknown != nil:
				return []check.Result{*unknown}
			case pp == nil:
				return []check.Result{check.FailR(accountRef(a), noPasswordPolicy)}
			case pp.MinimumPasswordLength >= 14:
				return []check.Result{check.PassR(accountRef(a), "passwords need at least %d characters", pp.MinimumPasswordLength)}
			default:
				return []check.Result{check.FailR(accountRef(a), "passwords need only %d characters (want 14 or more)", pp.MinimumPasswordLength)}
			}
		},
	}
}

func iamPasswordPolicyReuse() check.Check {
	return check.Check{
		ID: "iam_password_policy_reuse_24",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			pp, unknown := passwordPolicy(a)
			switch {
			case unknown != nil:
				return []check.Result{*unknown}
			case pp == nil:
				return []check.Result{check.FailR(accountRef(a), noPasswordPolicy)}
			case pp.PasswordReusePrevention >= 24:
				return []check.Result{check.PassR(accountRef(a), "the last %d passwords cannot be reused", pp.PasswordReusePrevention)}
			case pp.PasswordReusePrevention == 0:
				return []check.Result{check.FailR(accountRef(a), "password reuse is not prevented")}
			default:
				return []check.Result{check.FailR(accountRef(a), "only the last %d passwords are remembered (want 24)", pp.PasswordReusePrevention)}
			}
		},
	}
}

func iamPasswordPolicyStrong() check.Check {
	return check.Check{
		ID: "iam_password_policy_strong",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			pp, unknown := passwordPolicy(a)
			if unknown != nil {
				return []check.Result{*unknown}
			}
			if pp == nil {
				return []check.Result{check.FailR(accountRef(a), noPasswordPolicy)}
			}
			var missing []string
			for _, c := range []struct {
				on   bool
				what string
			}{{pp.RequireUppercaseCharacters, "uppercase"}, {pp.RequireLowercaseCharacters, "lowercase"}, {pp.RequireNumbers, "numbers"}, {pp.RequireSymbols, "symbols"}} {
				if !c.on {
					missing = append(missing, c.what)
				}
			}
			if pp.MinimumPasswordLength < 8 {
				missing = append(missing, fmt.Sprintf("length >= 8 (is %d)", pp.MinimumPasswordLength))
			}
			if len(missing) > 0 {
				return []check.Result{check.FailR(accountRef(a), "the password policy does not require %s", strings.Join(missing, ", "))}
			}
			return []check.Result{check.PassR(accountRef(a), "passwords need all four character classes and %d+ characters", pp.MinimumPasswordLength)}
		},
	}
}

func iamUserConsoleMFA() check.Check {
	return check.Check{
		ID: "iam_user_console_mfa_enabled",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return perUserRow(a, "no IAM user has a console password", func(r state.CredentialReportRow) (check.Result, bool) {
				if !r.PasswordEnabled {
					return check.Result{}, false
				}
				if r.MFAActive {
					return check.PassR(rowRef(r), "console user %s has MFA", r.User), true
				}
				return check.FailR(rowRef(r), "console user %s has no MFA device", r.User), true
			})
		},
	}
}

// lastUse returns when a credential was last used, or when it was set up if
// it never was; never is true in the second case.
func lastUse(used, created *time.Time) (t *time.Time, never bool) {
	if used != nil {
		return used, false
	}
	return created, true
}

func iamUserUnusedPassword() check.Check {
	return check.Check{
		ID: "iam_user_unused_password_disabled",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			now, limit := p.Clock(a.CollectedAt), p.CredentialUnusedDays()
			return perUserRow(a, "no IAM user has a console password", func(r state.CredentialReportRow) (check.Result, bool) {
				if !r.PasswordEnabled {
					return check.Result{}, false
				}
				set := r.PasswordLastChanged
				if set == nil {
					set = r.UserCreationTime
				}
				t, never := lastUse(r.PasswordLastUsed, set)
				if t == nil {
					return check.UnknownR(rowRef(r), "the credential report gives no date for %s's password", r.User), true
				}
				age := daysBetween(*t, now)
				switch {
				case age < limit && never:
					return check.PassR(rowRef(r), "%s's password was set %d day(s) ago and not used yet", r.User, age), true
				case age < limit:
					return check.PassR(rowRef(r), "%s signed in %d day(s) ago", r.User, age), true
				case never:
					return check.FailR(rowRef(r), "%s's password was set %d days ago and never used (limit %d)", r.User, age, limit), true
				default:
					return check.FailR(rowRef(r), "%s has not signed in for %d days (limit %d)", r.User, age, limit), true
				}
			})
		},
	}
}

// keySlot is one of the two access key columns of the credential report.
type keySlot struct {
	n                     int
	active                bool
	lastRotated, lastUsed *time.Time
}

func keySlots(r state.CredentialReportRow) []keySlot {
	return []keySlot{
		{1, r.AccessKey1Active, r.AccessKey1LastRotated, r.AccessKey1LastUsed},
		{2, r.AccessKey2Active, r.AccessKey2LastRotated, r.AccessKey2LastUsed},
	}
}

func activeSlots(r state.CredentialReportRow) []keySlot {
	var out []keySlot
	for _, k := range keySlots(r) {
		if k.active {
			out = append(out, k)
		}
	}
	return out
}

func iamUserUnusedAccessKey() check.Check {
	return check.Check{
		ID: "iam_user_unused_access_key_disabled",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			now, limit := p.Clock(a.CollectedAt), p.CredentialUnusedDays()
			return perUserRow(a, "no IAM user has an active access key", func(r state.CredentialReportRow) (check.Result, bool) {
				keys := activeSlots(r)
				if len(keys) == 0 {
					return check.Result{}, false
				}
				var stale, fresh []string
				for _, k := range keys {
					t, never := lastUse(k.lastUsed, k.lastRotated)
					if t == nil {
						return check.UnknownR(rowRef(r), "the credential report gives no date for %s's access key %d", r.User, k.n), true
					}
					age := daysBetween(*t, now)
					switch {
					case age < limit:
						fresh = append(fresh, fmt.Sprintf("key %d used %d day(s) ago", k.n, age))
					case never:
						stale = append(stale, fmt.Sprintf("key %d created %d days ago, never used", k.n, age))
					default:
						stale = append(stale, fmt.Sprintf("key %d unused for %d days", k.n, age))
					}
				}
				if len(stale) > 0 {
					return check.FailR(rowRef(r), "%s: %s (limit %d days)", r.User, strings.Join(stale, "; "), limit), true
				}
				return check.PassR(rowRef(r), "%s: %s", r.User, strings.Join(fresh, "; ")), true
			})
		},
	}
}

func iamUserAccessKeyRotated() check.Check {
	return check.Check{
		ID: "iam_user_access_key_rotated",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			now, limit := p.Clock(a.CollectedAt), p.AccessKeyAgeDays()
			return perUserRow(a, "no IAM user has an active access key", func(r state.CredentialReportRow) (check.Result, bool) {
				keys := activeSlots(r)
				if len(keys) == 0 {
					return check.Result{}, false
				}
				var old, ok []string
				for _, k := range keys {
					if k.lastRotated == nil {
						return check.UnknownR(rowRef(r), "the credential report gives no creation date for %s's access key %d", r.User, k.n), true
					}
					age := daysBetween(*k.lastRotated, now)
					if age > limit {
						old = append(old, fmt.Sprintf("key %d is %d days old", k.n, age))
					} else {
						ok = append(ok, fmt.Sprintf("key %d is %d day(s) old", k.n, age))
					}
				}
				if len(old) > 0 {
					return check.FailR(rowRef(r), "%s: %s (limit %d days)", r.User, strings.Join(old, "; "), limit), true
				}
				return check.PassR(rowRef(r), "%s: %s", r.User, strings.Join(ok, "; ")), true
			})
		},
	}
}

func iamUserSingleActiveKey() check.Check {
	return check.Check{
		ID: "iam_user_single_active_access_key",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return perUserRow(a, "no IAM user has an active access key", func(r state.CredentialReportRow) (check.Result, bool) {
				switch len(activeSlots(r)) {
				case 0:
					return check.Result{}, false
				case 1:
					return check.PassR(rowRef(r), "%s has one active access key", r.User), true
				default:
					return check.FailR(rowRef(r), "%s has two active access keys", r.User), true
				}
			})
		},
	}
}

func iamUserNoInitialAccessKey() check.Check {
	return check.Check{
		ID: "iam_user_no_initial_access_key",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return perUserRow(a, "no IAM user has a console password", func(r state.CredentialReportRow) (check.Result, bool) {
				if !r.PasswordEnabled {
					return check.Result{}, false
				}
				var unused []string
				for _, k := range activeSlots(r) {
					if k.lastUsed == nil {
						unused = append(unused, fmt.Sprintf("key %d", k.n))
					}
				}
				if len(unused) > 0 {
					return check.FailR(rowRef(r), "console user %s has never-used access %s", r.User, strings.Join(unused, ", ")), true
				}
				return check.PassR(rowRef(r), "console user %s has no unused access key", r.User), true
			})
		},
	}
}

// authDetailsGap reports a gap hiding IAM users, groups, roles or policies.
func authDetailsGap(a *state.Account) (state.Gap, bool) {
	return a.Gaps.ForInputs("", "", state.InputIAMAuthorizationDetails, state.InputIAMRoleSessionDurations)
}

func iamUserNoDirectPolicies() check.Check {
	return check.Check{
		ID: "iam_user_no_direct_policies",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			if g, ok := authDetailsGap(a); ok {
				return []check.Result{check.GapR(accountRef(a), g)}
			}
			if len(a.IAM.Users) == 0 {
				return []check.Result{check.NotApplicableR(accountRef(a), "no IAM users")}
			}
			out := make([]check.Result, 0, len(a.IAM.Users))
			for _, u := range a.IAM.Users {
				var direct []string
				for _, p := range u.AttachedPolicies {
					direct = append(direct, p.Name)
				}
				for _, p := range u.InlinePolicies {
					direct = append(direct, p.Name+" (inline)")
				}
				if len(direct) > 0 {
					out = append(out, check.FailR(u, "%s has policies attached directly: %s", u.Name, strings.Join(direct, ", ")))
				} else {
					out = append(out, check.PassR(u, "%s has no directly attached or inline policies", u.Name))
				}
			}
			return out
		},
	}
}

// holder is an IAM identity that a managed policy can be attached to.
type holder struct {
	kind, name string
	ref        state.Meta
	policies   []state.AttachedPolicy
}

// policyHolders lists the users, groups and customer-managed roles (service-
// linked roles are AWS's and skipped) with their attached managed policies;
// shared by the checks of an evaluation (not to be changed).
func policyHolders(a *state.Account) []holder {
	return state.Derive(a, policyHoldersKey{}, func() []holder { return listPolicyHolders(a) })
}

// listPolicyHolders is policyHolders, built.
func listPolicyHolders(a *state.Account) []holder {
	out := make([]holder, 0, len(a.IAM.Users)+len(a.IAM.Groups)+len(a.IAM.Roles))
	for _, u := range a.IAM.Users {
		out = append(out, holder{"user", u.Name, u.Meta, u.AttachedPolicies})
	}
	for _, g := range a.IAM.Groups {
		out = append(out, holder{"group", g.Name, g.Meta, g.AttachedPolicies})
	}
	for _, r := range a.IAM.Roles {
		if !r.ServiceLinked {
			out = append(out, holder{"role", r.Name, r.Meta, r.AttachedPolicies})
		}
	}
	return out
}

func isAWSManagedPolicy(arn, name string) bool {
	_, _, acct, res, ok := arnParts(arn)
	return ok && acct == "aws" && (res == "policy/"+name || strings.HasSuffix(res, "/"+name))
}

func iamSupportRoleExists() check.Check {
	return check.Check{
		ID: "iam_support_role_exists",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			ref := accountRef(a)
			if g, ok := authDetailsGap(a); ok {
				return []check.Result{check.GapR(ref, g)}
			}
			var others []string
			for _, h := range policyHolders(a) {
				for _, p := range h.policies {
					if !isAWSManagedPolicy(p.ARN, "AWSSupportAccess") {
						continue
					}
					if h.kind == "role" {
						return []check.Result{check.PassR(ref, "role %s has AWSSupportAccess attached", h.name)}
					}
					others = append(others, h.kind+" "+h.name)
				}
			}
			if len(others) > 0 {
				return []check.Result{check.FailR(ref, "AWSSupportAccess is attached only to %s, not to a role responders can assume", strings.Join(others, ", "))}
			}
			return []check.Result{check.FailR(ref, "no role has the AWSSupportAccess policy attached")}
		},
	}
}

func iamServerCertificateNotExpired() check.Check {
	return check.Check{
		ID: "iam_server_certificate_not_expired",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			if g, ok := a.Gaps.ForInputs("", "", state.InputIAMServerCertificates); ok {
				return []check.Result{check.GapR(accountRef(a), g)}
			}
			if len(a.IAM.ServerCertificates) == 0 {
				return []check.Result{check.NotApplicableR(accountRef(a), "no server certificates are stored in IAM")}
			}
			now := p.Clock(a.CollectedAt)
			var out []check.Result
			for _, c := range a.IAM.ServerCertificates {
				if c.Expiration.Before(now) {
					out = append(out, check.FailR(c, "certificate %s expired on %s (%d days ago)", c.Name, c.Expiration.Format("2006-01-02"), daysBetween(c.Expiration, now)))
				} else {
					out = append(out, check.PassR(c, "certificate %s is valid until %s", c.Name, c.Expiration.Format("2006-01-02")))
				}
			}
			return out
		},
	}
}

func iamCloudShellFullAccessRestricted() check.Check {
	return check.Check{
		ID: "iam_cloudshell_full_access_restricted",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			if g, ok := authDetailsGap(a); ok {
				return []check.Result{check.GapR(accountRef(a), g)}
			}
			var out []check.Result
			for _, h := range policyHolders(a) {
				for _, p := range h.policies {
					if isAWSManagedPolicy(p.ARN, "AWSCloudShellFullAccess") {
						out = append(out, check.FailR(h.ref, "%s %s has AWSCloudShellFullAccess attached", h.kind, h.name))
					}
				}
			}
			if len(out) == 0 {
				return []check.Result{check.PassR(accountRef(a), "AWSCloudShellFullAccess is not attached to any user, group or role")}
			}
			return out
		},
	}
}

func ec2InstanceProfileAttached() check.Check {
	return check.Check{
		ID: "ec2_instance_profile_attached",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			out := check.Results(a, len(a.EC2.Instances)) // at most one per instance, sized once
			bad := regionalListingUnknown(a, "ec2", &out, state.InputEC2Instances)
			n := 0
			for _, i := range a.EC2.Instances {
				if bad[i.Region] || i.State == "terminated" || i.State == "shutting-down" {
					continue
				}
				n++
				if i.InstanceProfileARN != "" {
					out = append(out, check.PassR(i, "instance %s uses instance profile %s", i.ID, i.InstanceProfileARN))
				} else {
					out = append(out, check.FailR(i, "instance %s (%s) has no instance profile", i.ID, i.State))
				}
			}
			if n == 0 && len(out) == 0 {
				return []check.Result{check.NotApplicableR(accountRef(a), "no EC2 instances")}
			}
			return out
		},
	}
}

// externalAccessAnalyzer reports whether an analyzer looks for external
// access (ACCOUNT or ORGANIZATION zone of trust); the unused-access kinds do
// not.
func externalAccessAnalyzer(an state.Analyzer) bool {
	return (an.Type == "ACCOUNT" || an.Type == "ORGANIZATION") && an.Status == "ACTIVE"
}

func accessAnalyzerEnabled() check.Check {
	return check.Check{
		ID: "accessanalyzer_enabled",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var out []check.Result
			for _, region := range a.ScannedRegions() {
				ref := regionRef(a, "access-analyzer", region)
				// An organization analyzer (zone of trust the organization)
				// analyses every member's resources in its region.
				orgAn, byOrg := orgAnalyzerIn(a, region)
				if g, ok := listingGap(a, region, state.InputAccessAnalyzers); ok {
					if byOrg {
						out = append(out, check.PassR(ref, "organization analyzer %s (read from %s) is active in %s and covers this account", orgAn.Name, a.OrgFacts.From(), region))
						continue
					}
					out = append(out, check.GapR(ref, g))
					continue
				}
				var found *state.Analyzer
				var inactive []string
				for i, an := range a.IAM.AccessAnalyzers {
					if an.Region != region {
						continue
					}
					if externalAccessAnalyzer(an) {
						found = &a.IAM.AccessAnalyzers[i]
						break
					}
					inactive = append(inactive, fmt.Sprintf("%s (%s, %s)", an.Name, an.Type, an.Status))
				}
				switch {
				case found != nil:
					out = append(out, check.PassR(*found, "analyzer %s (%s) is active in %s", found.Name, strings.ToLower(found.Type), region))
				case byOrg:
					out = append(out, check.PassR(ref, "organization analyzer %s (read from %s) is active in %s and covers this account", orgAn.Name, a.OrgFacts.From(), region))
				case len(inactive) > 0:
					out = append(out, check.FailR(ref, "no active external-access analyzer in %s; present: %s", region, strings.Join(inactive, ", ")))
				case a.OrgFacts != nil:
					out = append(out, check.FailR(ref, "no analyzer in %s, and the organization runs no organization analyzer there (read from %s)", region, a.OrgFacts.From()))
				case a.Organization != nil && !a.Organization.IsManagementAccount:
					out = append(out, check.FailR(ref, "no analyzer in %s (an organization analyzer run by a delegated administrator is invisible here; waive if one covers this account)", region))
				default:
					out = append(out, check.FailR(ref, "no analyzer in %s", region))
				}
			}
			return out
		},
	}
}

func accountSecurityContact() check.Check {
	return check.Check{
		ID: "account_security_contact_registered",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			ref := accountRef(a)
			set := a.IAM.SecurityContactSet
			switch {
			case set == nil:
				if g, ok := a.Gaps.ForInputs("", "", state.InputSecurityContact); ok {
					return []check.Result{check.GapR(ref, g)}
				}
				return []check.Result{check.UnknownR(ref, "the security alternate contact was not collected")}
			case *set:
				return []check.Result{check.PassR(ref, "a SECURITY alternate contact is registered")}
			default:
				return []check.Result{check.FailR(ref, "no SECURITY alternate contact is registered")}
			}
		},
	}
}
