package checks

import (
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func daysAgo(n int) *time.Time { t := testTime.AddDate(0, 0, -n); return &t }

func iamGap(op string) func(*state.Account) {
	return withGap(state.Gap{Service: "iam", Operation: op, Reason: state.ReasonAccessDenied, Message: "not authorized"})
}

// report sets the credential report to a root row plus the given user rows.
func report(root state.CredentialReportRow, users ...state.CredentialReportRow) func(*state.Account) {
	return func(a *state.Account) {
		root.User = state.RootUserName
		root.ARN = "arn:aws:iam::" + testAccountID + ":root"
		a.IAM.CredentialReport = []state.CredentialReportRow{root}
		for _, u := range users {
			if u.ARN == "" {
				u.ARN = "arn:aws:iam::" + testAccountID + ":user/" + u.User
			}
			a.IAM.CredentialReport = append(a.IAM.CredentialReport, u)
		}
	}
}

func users(a *state.Account) { a.IAM.Users = nil }

func withUser(u state.User) func(*state.Account) {
	return func(a *state.Account) {
		u.ARN = "arn:aws:iam::" + testAccountID + ":user/" + u.Name
		a.IAM.Users = append(a.IAM.Users, u)
	}
}

func withRole(r state.Role) func(*state.Account) {
	return func(a *state.Account) {
		r.ARN = "arn:aws:iam::" + testAccountID + ":role/" + r.Name
		a.IAM.Roles = append(a.IAM.Roles, r)
	}
}

func withPasswordPolicy(pp state.PasswordPolicy) func(*state.Account) {
	return func(a *state.Account) { a.IAM.PasswordPolicy = &pp }
}

var (
	supportAccess   = state.AttachedPolicy{Name: "AWSSupportAccess", ARN: "arn:aws:iam::aws:policy/AWSSupportAccess"}
	cloudShellFull  = state.AttachedPolicy{Name: "AWSCloudShellFullAccess", ARN: "arn:aws:iam::aws:policy/AWSCloudShellFullAccess"}
	strongPasswords = state.PasswordPolicy{MinimumPasswordLength: 14, PasswordReusePrevention: 24, RequireSymbols: true, RequireNumbers: true,
		RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, AllowUsersToChangePassword: true}
)

func identityCases() map[string][]checkCase {
	summary := func(k string, v int) func(*state.Account) {
		return func(a *state.Account) { a.IAM.Summary = map[string]int{k: v} }
	}
	rootRow := func(r state.CredentialReportRow) func(*state.Account) { return report(r) }
	denied := iamGap("GetAccountSummary")
	noReport := iamGap("GetCredentialReport")
	console := func(name string, mfa bool, lastUsed *time.Time) state.CredentialReportRow {
		return state.CredentialReportRow{User: name, PasswordEnabled: true, MFAActive: mfa, PasswordLastUsed: lastUsed,
			PasswordLastChanged: daysAgo(200), UserCreationTime: daysAgo(400)}
	}
	keyUser := func(name string, rotated, used *time.Time) state.CredentialReportRow {
		return state.CredentialReportRow{User: name, AccessKey1Active: true, AccessKey1LastRotated: rotated, AccessKey1LastUsed: used, UserCreationTime: daysAgo(400)}
	}
	rootVirtual := func(a *state.Account) {
		a.IAM.VirtualMFADevices = []state.MFADevice{{SerialNumber: "arn:aws:iam::" + testAccountID + ":mfa/root-account-mfa-device", UserARN: "arn:aws:iam::" + testAccountID + ":root"}}
	}
	userVirtual := func(a *state.Account) {
		a.IAM.VirtualMFADevices = []state.MFADevice{{SerialNumber: "arn:aws:iam::" + testAccountID + ":mfa/ann", User: "ann"}}
	}
	strict45 := &policy.Policy{MaxCredentialUnusedDays: 10}
	instance := func(id, state_, profile string) func(*state.Account) {
		return func(a *state.Account) {
			a.EC2.Instances = append(a.EC2.Instances, state.Instance{Meta: state.Meta{ARN: "arn:aws:ec2:eu-west-1:" + testAccountID + ":instance/" + id, Region: "eu-west-1"},
				ID: id, State: state_, InstanceProfileARN: profile})
		}
	}
	analyzer := func(region, typ, status string) func(*state.Account) {
		return func(a *state.Account) {
			a.IAM.AccessAnalyzers = append(a.IAM.AccessAnalyzers, state.Analyzer{Meta: state.Meta{ARN: "arn:aws:access-analyzer:" + region + ":" + testAccountID + ":analyzer/a", Region: region},
				Name: "a", Type: typ, Status: status})
		}
	}
	member := func(a *state.Account) {
		a.Organization = &state.Organization{ID: "o-1", MasterAccountID: "999988887777"}
	}
	contact := func(v bool) func(*state.Account) { return func(a *state.Account) { a.IAM.SecurityContactSet = &v } }
	cert := func(name string, exp time.Time) func(*state.Account) {
		return func(a *state.Account) {
			a.IAM.ServerCertificates = append(a.IAM.ServerCertificates, state.ServerCert{Meta: state.Meta{ARN: "arn:aws:iam::" + testAccountID + ":server-certificate/" + name}, Name: name, Expiration: exp})
		}
	}
	weak := strongPasswords
	weak.MinimumPasswordLength, weak.PasswordReusePrevention, weak.RequireSymbols = 8, 5, false
	noReuse := strongPasswords
	noReuse.PasswordReusePrevention = 0

	cases := map[string][]checkCase{
		"iam_root_mfa_enabled": {
			{name: "summary on", acct: baseAccount(summary("AccountMFAEnabled", 1)), want: []check.Status{check.Pass}},
			{name: "summary off", acct: baseAccount(summary("AccountMFAEnabled", 0)), want: []check.Status{check.Fail}},
			{name: "report only, mfa", acct: baseAccount(rootRow(state.CredentialReportRow{MFAActive: true})), want: []check.Status{check.Pass}, msg: "credential report"},
			{name: "report only, no mfa", acct: baseAccount(rootRow(state.CredentialReportRow{})), want: []check.Status{check.Fail}},
			{name: "summary denied", acct: baseAccount(denied), want: []check.Status{check.Unknown}, msg: "access_denied"},
			{name: "nothing collected", acct: baseAccount(), want: []check.Status{check.Unknown}},
			{name: "report without a root row", acct: baseAccount(func(a *state.Account) {
				a.IAM.CredentialReport = []state.CredentialReportRow{{User: "alice"}}
			}), want: []check.Status{check.Unknown}, msg: "no root row"},
		},
		"iam_root_no_access_keys": {
			{name: "no keys", acct: baseAccount(summary("AccountAccessKeysPresent", 0)), want: []check.Status{check.Pass}},
			{name: "keys", acct: baseAccount(summary("AccountAccessKeysPresent", 1)), want: []check.Status{check.Fail}},
			{name: "report key 2 active", acct: baseAccount(rootRow(state.CredentialReportRow{AccessKey2Active: true})), want: []check.Status{check.Fail}},
			{name: "denied", acct: baseAccount(denied), want: []check.Status{check.Unknown}},
		},
		"iam_root_hardware_mfa_enabled": {
			{name: "mfa, no root virtual device", acct: baseAccount(summary("AccountMFAEnabled", 1), userVirtual), want: []check.Status{check.Pass}},
			{name: "root virtual device", acct: baseAccount(summary("AccountMFAEnabled", 1), rootVirtual), want: []check.Status{check.Fail}, msg: "virtual device"},
			{name: "no mfa at all", acct: baseAccount(summary("AccountMFAEnabled", 0)), want: []check.Status{check.Fail}, msg: "no MFA"},
			{name: "device list denied", acct: baseAccount(summary("AccountMFAEnabled", 1), iamGap("ListVirtualMFADevices")), want: []check.Status{check.Unknown}},
			{name: "summary denied", acct: baseAccount(denied), want: []check.Status{check.Unknown}},
		},
		"iam_root_not_used_recently": {
			{name: "never used", acct: baseAccount(report(state.CredentialReportRow{})), want: []check.Status{check.Pass}},
			{name: "used long ago", acct: baseAccount(report(state.CredentialReportRow{PasswordLastUsed: daysAgo(200)})), want: []check.Status{check.Pass}},
			{name: "signed in last week", acct: baseAccount(report(state.CredentialReportRow{PasswordLastUsed: daysAgo(7)})), want: []check.Status{check.Fail}, msg: "7 day"},
			{name: "key used yesterday", acct: baseAccount(report(state.CredentialReportRow{PasswordLastUsed: daysAgo(300), AccessKey2LastUsed: daysAgo(1)})), want: []check.Status{check.Fail}, msg: "access key 2"},
			{name: "no report", acct: baseAccount(noReport), want: []check.Status{check.Unknown}},
			{name: "report not collected", acct: baseAccount(), want: []check.Status{check.Unknown}, msg: "not in the state"},
			{name: "report without a root row", acct: baseAccount(func(a *state.Account) {
				a.IAM.CredentialReport = []state.CredentialReportRow{{User: "alice"}}
			}), want: []check.Status{check.Unknown}, msg: "no root row"},
		},
		"iam_password_policy_min_length_14": {
			{name: "14", acct: baseAccount(withPasswordPolicy(strongPasswords)), want: []check.Status{check.Pass}},
			{name: "8", acct: baseAccount(withPasswordPolicy(weak)), want: []check.Status{check.Fail}, msg: "only 8"},
			{name: "no policy", acct: baseAccount(), want: []check.Status{check.Fail}, msg: "no password policy"},
			{name: "denied", acct: baseAccount(iamGap("GetAccountPasswordPolicy")), want: []check.Status{check.Unknown}},
		},
		"iam_password_policy_reuse_24": {
			{name: "24", acct: baseAccount(withPasswordPolicy(strongPasswords)), want: []check.Status{check.Pass}},
			{name: "5", acct: baseAccount(withPasswordPolicy(weak)), want: []check.Status{check.Fail}, msg: "only the last 5"},
			{name: "off", acct: baseAccount(withPasswordPolicy(noReuse)), want: []check.Status{check.Fail}, msg: "not prevented"},
			{name: "no policy", acct: baseAccount(), want: []check.Status{check.Fail}},
			{name: "denied", acct: baseAccount(iamGap("GetAccountPasswordPolicy")), want: []check.Status{check.Unknown}},
		},
		"iam_password_policy_strong": {
			{name: "all classes", acct: baseAccount(withPasswordPolicy(strongPasswords)), want: []check.Status{check.Pass}},
			{name: "no symbols", acct: baseAccount(withPasswordPolicy(weak)), want: []check.Status{check.Fail}, msg: "symbols"},
			{name: "short", acct: baseAccount(withPasswordPolicy(state.PasswordPolicy{MinimumPasswordLength: 6, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true})), want: []check.Status{check.Fail}, msg: "length >= 8"},
			{name: "no policy", acct: baseAccount(), want: []check.Status{check.Fail}},
			{name: "denied", acct: baseAccount(iamGap("GetAccountPasswordPolicy")), want: []check.Status{check.Unknown}},
		},
		"iam_user_console_mfa_enabled": {
			{name: "mixed", acct: baseAccount(report(state.CredentialReportRow{}, console("ann", true, daysAgo(1)), console("bob", false, daysAgo(1)), keyUser("ci", daysAgo(10), daysAgo(1)))),
				want: []check.Status{check.Pass, check.Fail}},
			{name: "only programmatic users", acct: baseAccount(report(state.CredentialReportRow{}, keyUser("ci", daysAgo(10), daysAgo(1)))), want: []check.Status{check.NotApplicable}},
			{name: "no report", acct: baseAccount(noReport), want: []check.Status{check.Unknown}},
		},
		"iam_user_unused_password_disabled": {
			{name: "recent", acct: baseAccount(report(state.CredentialReportRow{}, console("ann", true, daysAgo(3)))), want: []check.Status{check.Pass}},
			{name: "stale", acct: baseAccount(report(state.CredentialReportRow{}, console("bob", true, daysAgo(60)))), want: []check.Status{check.Fail}, msg: "60 days"},
			{name: "never used, old", acct: baseAccount(report(state.CredentialReportRow{}, console("cid", true, nil))), want: []check.Status{check.Fail}, msg: "never used"},
			{name: "never used, new", acct: baseAccount(report(state.CredentialReportRow{}, state.CredentialReportRow{User: "dan", PasswordEnabled: true, PasswordLastChanged: daysAgo(2)})), want: []check.Status{check.Pass}},
			{name: "policy limit 10", acct: baseAccount(report(state.CredentialReportRow{}, console("ann", true, daysAgo(20)))), pol: strict45, want: []check.Status{check.Fail}, msg: "limit 10"},
			{name: "no dates", acct: baseAccount(report(state.CredentialReportRow{}, state.CredentialReportRow{User: "eve", PasswordEnabled: true})), want: []check.Status{check.Unknown}},
			{name: "nobody has a password", acct: baseAccount(report(state.CredentialReportRow{})), want: []check.Status{check.NotApplicable}},
			{name: "no report", acct: baseAccount(noReport), want: []check.Status{check.Unknown}},
		},
		"iam_user_unused_access_key_disabled": {
			{name: "used", acct: baseAccount(report(state.CredentialReportRow{}, keyUser("ci", daysAgo(100), daysAgo(1)))), want: []check.Status{check.Pass}},
			{name: "unused 50 days", acct: baseAccount(report(state.CredentialReportRow{}, keyUser("ci", daysAgo(100), daysAgo(50)))), want: []check.Status{check.Fail}, msg: "unused for 50"},
			{name: "never used", acct: baseAccount(report(state.CredentialReportRow{}, keyUser("ci", daysAgo(100), nil))), want: []check.Status{check.Fail}, msg: "never used"},
			{name: "no dates", acct: baseAccount(report(state.CredentialReportRow{}, keyUser("ci", nil, nil))), want: []check.Status{check.Unknown}},
			{name: "no keys", acct: baseAccount(report(state.CredentialReportRow{}, console("ann", true, daysAgo(1)))), want: []check.Status{check.NotApplicable}},
			{name: "no report", acct: baseAccount(noReport), want: []check.Status{check.Unknown}},
		},
		"iam_user_access_key_rotated": {
			{name: "young", acct: baseAccount(report(state.CredentialReportRow{}, keyUser("ci", daysAgo(30), daysAgo(1)))), want: []check.Status{check.Pass}},
			{name: "old", acct: baseAccount(report(state.CredentialReportRow{}, keyUser("ci", daysAgo(120), daysAgo(1)))), want: []check.Status{check.Fail}, msg: "120 days"},
			{name: "policy 180", acct: baseAccount(report(state.CredentialReportRow{}, keyUser("ci", daysAgo(120), daysAgo(1)))), pol: &policy.Policy{MaxAccessKeyAgeDays: 180}, want: []check.Status{check.Pass}},
			{name: "inactive old key ignored", acct: baseAccount(report(state.CredentialReportRow{}, state.CredentialReportRow{User: "x", AccessKey2LastRotated: daysAgo(900)})), want: []check.Status{check.NotApplicable}},
			{name: "no date", acct: baseAccount(report(state.CredentialReportRow{}, keyUser("ci", nil, daysAgo(1)))), want: []check.Status{check.Unknown}},
			{name: "no report", acct: baseAccount(noReport), want: []check.Status{check.Unknown}},
		},
		"iam_user_single_active_access_key": {
			{name: "one", acct: baseAccount(report(state.CredentialReportRow{}, keyUser("ci", daysAgo(30), daysAgo(1)))), want: []check.Status{check.Pass}},
			{name: "two", acct: baseAccount(report(state.CredentialReportRow{}, state.CredentialReportRow{User: "ci", AccessKey1Active: true, AccessKey2Active: true})), want: []check.Status{check.Fail}},
			{name: "none", acct: baseAccount(report(state.CredentialReportRow{})), want: []check.Status{check.NotApplicable}},
			{name: "no report", acct: baseAccount(noReport), want: []check.Status{check.Unknown}},
		},
		"iam_user_no_initial_access_key": {
			{name: "console user, used key", acct: baseAccount(report(state.CredentialReportRow{}, func() state.CredentialReportRow {
				r := console("ann", true, daysAgo(1))
				r.AccessKey1Active, r.AccessKey1LastUsed = true, daysAgo(2)
				return r
			}())), want: []check.Status{check.Pass}},
			{name: "console user, never-used key", acct: baseAccount(report(state.CredentialReportRow{}, func() state.CredentialReportRow {
				r := console("bob", true, daysAgo(1))
				r.AccessKey2Active = true
				return r
			}())), want: []check.Status{check.Fail}, msg: "key 2"},
			{name: "programmatic only", acct: baseAccount(report(state.CredentialReportRow{}, keyUser("ci", daysAgo(30), nil))), want: []check.Status{check.NotApplicable}},
			{name: "no report", acct: baseAccount(noReport), want: []check.Status{check.Unknown}},
		},
		"iam_user_no_direct_policies": {
			{name: "group only", acct: baseAccount(withUser(state.User{Name: "ann", Groups: []string{"admins"}})), want: []check.Status{check.Pass}},
			{name: "attached and inline", acct: baseAccount(withUser(state.User{Name: "ann", Groups: []string{"admins"}}),
				withUser(state.User{Name: "ci", AttachedPolicies: []state.AttachedPolicy{{Name: "AmazonS3FullAccess"}}, InlinePolicies: []state.InlinePolicy{{Name: "extra"}}})),
				want: []check.Status{check.Pass, check.Fail}},
			{name: "no users", acct: baseAccount(users), want: []check.Status{check.NotApplicable}},
			{name: "denied", acct: baseAccount(iamGap("GetAccountAuthorizationDetails")), want: []check.Status{check.Unknown}},
		},
		"iam_support_role_exists": {
			{name: "role", acct: baseAccount(withRole(state.Role{Name: "support", AttachedPolicies: []state.AttachedPolicy{supportAccess}})), want: []check.Status{check.Pass}},
			{name: "only a user", acct: baseAccount(withUser(state.User{Name: "ann", AttachedPolicies: []state.AttachedPolicy{supportAccess}})), want: []check.Status{check.Fail}, msg: "only to user ann"},
			{name: "service-linked role does not count", acct: baseAccount(withRole(state.Role{Name: "AWSServiceRoleForSupport", ServiceLinked: true,
				AttachedPolicies: []state.AttachedPolicy{supportAccess}})), want: []check.Status{check.Fail}},
			{name: "none", acct: baseAccount(), want: []check.Status{check.Fail}},
			{name: "denied", acct: baseAccount(iamGap("ListRoles")), want: []check.Status{check.Unknown}},
		},
		"iam_server_certificate_not_expired": {
			{name: "valid and expired", acct: baseAccount(cert("a", testTime.AddDate(0, 1, 0)), cert("b", testTime.AddDate(0, 0, -3))), want: []check.Status{check.Pass, check.Fail}},
			{name: "none", acct: baseAccount(), want: []check.Status{check.NotApplicable}},
			{name: "denied", acct: baseAccount(iamGap("ListServerCertificates")), want: []check.Status{check.Unknown}},
		},
		"iam_cloudshell_full_access_restricted": {
			{name: "not attached", acct: baseAccount(withUser(state.User{Name: "ann"})), want: []check.Status{check.Pass}},
			{name: "attached to a role and a user", acct: baseAccount(withUser(state.User{Name: "ann", AttachedPolicies: []state.AttachedPolicy{cloudShellFull}}),
				withRole(state.Role{Name: "ops", AttachedPolicies: []state.AttachedPolicy{cloudShellFull}})), want: []check.Status{check.Fail, check.Fail}},
			{name: "denied", acct: baseAccount(iamGap("GetAccountAuthorizationDetails")), want: []check.Status{check.Unknown}},
		},
		"ec2_instance_profile_attached": {
			{name: "with and without", acct: baseAccount(instance("i-1", "running", "arn:aws:iam::111122223333:instance-profile/app"), instance("i-2", "stopped", ""), instance("i-3", "terminated", "")),
				want: []check.Status{check.Pass, check.Fail}},
			{name: "none", acct: baseAccount(), want: []check.Status{check.NotApplicable}},
			{name: "region denied", acct: baseAccount(instance("i-1", "running", ""), withGap(state.Gap{Service: "ec2", Region: "eu-west-1", Operation: "DescribeInstances", Reason: state.ReasonAccessDenied})),
				want: []check.Status{check.Unknown}},
		},
		"accessanalyzer_enabled": {
			{name: "both regions", acct: baseAccount(analyzer("eu-west-1", "ACCOUNT", "ACTIVE"), analyzer("us-east-1", "ORGANIZATION", "ACTIVE")), want: []check.Status{check.Pass, check.Pass}},
			{name: "one region, unused-access only in other", acct: baseAccount(analyzer("eu-west-1", "ACCOUNT", "ACTIVE"), analyzer("us-east-1", "ACCOUNT_UNUSED_ACCESS", "ACTIVE")),
				want: []check.Status{check.Pass, check.Fail}},
			{name: "member account", acct: baseAccount(member, analyzer("eu-west-1", "ACCOUNT", "ACTIVE")), want: []check.Status{check.Pass, check.Fail}},
			{name: "denied in one region", acct: baseAccount(analyzer("eu-west-1", "ACCOUNT", "ACTIVE"), withGap(state.Gap{Service: "access-analyzer", Region: "us-east-1", Operation: "ListAnalyzers", Reason: state.ReasonAccessDenied})),
				want: []check.Status{check.Pass, check.Unknown}},
		},
		"account_security_contact_registered": {
			{name: "set", acct: baseAccount(contact(true)), want: []check.Status{check.Pass}},
			{name: "not set", acct: baseAccount(contact(false)), want: []check.Status{check.Fail}},
			{name: "denied", acct: baseAccount(withGap(state.Gap{Service: "account", Operation: "GetAlternateContact", Reason: state.ReasonAccessDenied})), want: []check.Status{check.Unknown}, msg: "access_denied"},
			{name: "not collected", acct: baseAccount(), want: []check.Status{check.Unknown}},
		},
	}
	for id, cs := range identityPolicyCases() {
		cases[id] = append(cases[id], cs...)
	}
	return cases
}
