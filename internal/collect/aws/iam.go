package aws

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/account"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/shoulder-dev/shoulder/internal/collect"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func (c *collector) iamClient() *iam.Client {
	return iam.NewFromConfig(c.cfg, func(o *iam.Options) {
		o.Region = c.home()
		o.APIOptions = append(o.APIOptions, c.instrument("iam", ""))
	})
}

func iamTags(ts []types.Tag) map[string]string {
	return tagMap(ts, func(t types.Tag) (*string, *string) { return t.Key, t.Value })
}

func attached(ps []types.AttachedPolicy) []state.AttachedPolicy {
	var out []state.AttachedPolicy
	for _, p := range ps {
		out = append(out, state.AttachedPolicy{Name: str(p.PolicyName), ARN: str(p.PolicyArn)})
	}
	return out
}

func inline(ps []types.PolicyDetail) []state.InlinePolicy {
	var out []state.InlinePolicy
	for _, p := range ps {
		out = append(out, state.InlinePolicy{Name: str(p.PolicyName), Document: decodePolicy(p.PolicyDocument)})
	}
	return out
}

func boundary(p *types.AttachedPermissionsBoundary) string {
	if p == nil {
		return ""
	}
	return str(p.PermissionsBoundaryArn)
}

// iam reads the account's identities in bulk (GetAccountAuthorizationDetails
// and the credential report), then the few per-user details that exist
// nowhere in bulk, only for the users that have them.
func (c *collector) iam(ctx context.Context, _ string) {
	cl := c.iamClient()
	c.sub("iam", "", "", func(ctx context.Context) { c.iamSummary(ctx, cl) }, "GetAccountSummary")
	c.sub("iam", "", "", func(ctx context.Context) { c.iamPasswordPolicy(ctx, cl) }, "GetAccountPasswordPolicy")
	c.sub("iam", "", "", func(ctx context.Context) { c.iamServerCerts(ctx, cl) }, "ListServerCertificates")
	c.sub("iam", "", "", func(ctx context.Context) { c.iamAliases(ctx, cl) }, "ListAccountAliases")
	c.sub("iam", "", "", func(ctx context.Context) { c.iamSAML(ctx, cl) }, "ListSAMLProviders")
	c.sub("iam", "", "", func(ctx context.Context) { c.iamRoleSessions(ctx, cl) }, "ListRoles")

	var users []state.User
	var groups []state.Group
	var roles []state.Role
	var policies []state.Policy
	gaadErr := c.do(ctx, "iam", "GetAccountAuthorizationDetails", "", "", nil, func(ctx context.Context) error {
		params := iam.GetAccountAuthorizationDetailsInput{MaxItems: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.GetAccountAuthorizationDetails(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, u := range page.UserDetailList {
				users = append(users, state.User{Meta: meta(str(u.Arn), "", iamTags(u.Tags)), Name: str(u.UserName), ID: str(u.UserId),
					Path: str(u.Path), CreateDate: tm(u.CreateDate), Groups: u.GroupList, AttachedPolicies: attached(u.AttachedManagedPolicies),
					InlinePolicies: inline(u.UserPolicyList), PermissionsBoundary: boundary(u.PermissionsBoundary)})
			}
			for _, g := range page.GroupDetailList {
				groups = append(groups, state.Group{Meta: meta(str(g.Arn), "", nil), Name: str(g.GroupName), Path: str(g.Path),
					CreateDate: tm(g.CreateDate), AttachedPolicies: attached(g.AttachedManagedPolicies), InlinePolicies: inline(g.GroupPolicyList)})
			}
			for _, r := range page.RoleDetailList {
				role := state.Role{Meta: meta(str(r.Arn), "", iamTags(r.Tags)), Name: str(r.RoleName), Path: str(r.Path),
					CreateDate: tm(r.CreateDate), AssumeRolePolicyDocument: decodePolicy(r.AssumeRolePolicyDocument),
					AttachedPolicies: attached(r.AttachedManagedPolicies), InlinePolicies: inline(r.RolePolicyList),
					ServiceLinked: strings.HasPrefix(str(r.Path), "/aws-service-role/"), PermissionsBoundary: boundary(r.PermissionsBoundary)}
				if r.RoleLastUsed != nil {
					role.LastUsed = tptr(r.RoleLastUsed.LastUsedDate)
				}
				roles = append(roles, role)
			}
			for _, m := range page.Policies {
				name := str(m.PolicyName)
				if name == "" {
					// Some endpoints (moto) leave the name out; it ends the ARN.
					name = str(m.Arn)[strings.LastIndex(str(m.Arn), "/")+1:]
				}
				pol := state.Policy{Meta: meta(str(m.Arn), "", nil), Name: name, ID: str(m.PolicyId), Path: str(m.Path),
					AWSManaged: strings.Contains(str(m.Arn), ":iam::aws:policy/"), AttachmentCount: i32(m.AttachmentCount),
					DefaultVersionID: str(m.DefaultVersionId), CreateDate: tm(m.CreateDate), UpdateDate: tm(m.UpdateDate)}
				for _, v := range m.PolicyVersionList {
					if v.IsDefaultVersion {
						pol.Document = decodePolicy(v.Document)
					}
				}
				policies = append(policies, pol)
			}
			return page.Marker, nil
		})
	})

	var mfa []state.MFADevice
	mfaErr := c.do(ctx, "iam", "ListVirtualMFADevices", "", "", nil, func(ctx context.Context) error {
		params := iam.ListVirtualMFADevicesInput{MaxItems: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.ListVirtualMFADevices(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, d := range page.VirtualMFADevices {
				m := state.MFADevice{SerialNumber: str(d.SerialNumber), EnableDate: tptr(d.EnableDate)}
				if d.User != nil {
					m.User, m.UserARN = str(d.User.UserName), str(d.User.Arn)
				}
				mfa = append(mfa, m)
			}
			return page.Marker, nil
		})
	})

	report, generated, reportErr := c.credentialReport(ctx, cl)

	// Virtual MFA devices of each user.
	byUser := map[string][]string{}
	for _, m := range mfa {
		if m.User != "" {
			byUser[m.User] = append(byUser[m.User], m.SerialNumber)
		}
	}
	for i := range users {
		users[i].MFADevices = byUser[users[i].Name]
	}
	c.rec.Update(func(a *state.Account) {
		if gaadErr == nil {
			a.IAM.Groups, a.IAM.Roles, a.IAM.Policies = groups, roles, policies
		}
		if mfaErr == nil {
			a.IAM.VirtualMFADevices = mfa
		}
		if reportErr == nil {
			a.IAM.CredentialReport, a.IAM.CredentialReportGeneratedAt = report, generated
		}
	})
	if gaadErr != nil {
		return
	}
	rows := map[string]state.CredentialReportRow{}
	for _, r := range report {
		rows[r.User] = r
	}
	// Per user only where bulk data says there is something to read: access
	// keys (IDs and status exist nowhere in bulk) for users the report shows
	// with a key, and all MFA devices for users the report shows with MFA
	// but no virtual device (hardware and FIDO devices are listed nowhere else).
	// Without the report, every user is asked.
	done := c.perItem(len(users), func() {
		c.rec.Update(func(a *state.Account) { a.IAM.Users = users })
	})
	hasKeys := func(u *state.User) bool {
		row, haveRow := rows[u.Name]
		return reportErr != nil || !haveRow || row.AccessKey1LastRotated != nil || row.AccessKey2LastRotated != nil || row.AccessKey1Active || row.AccessKey2Active
	}
	hasOtherMFA := func(u *state.User) bool {
		row, haveRow := rows[u.Name]
		return reportErr != nil || mfaErr != nil || !haveRow || (row.MFAActive && len(u.MFADevices) == 0)
	}
	withKeys, withMFA := 0, 0
	for i := range users {
		if hasKeys(&users[i]) {
			withKeys++
		}
		if hasOtherMFA(&users[i]) {
			withMFA++
		}
	}
	// Both are detail reads: the checks judge keys and MFA from the
	// credential report; only key IDs and device serials come from here.
	readKeys := !c.skipDetail("iam", "ListAccessKeys", "", withKeys)
	readMFA := !c.skipDetail("iam", "ListMFADevices", "", withMFA)
	for i := range users {
		u := &users[i]
		row := rows[u.Name]
		needKeys := readKeys && hasKeys(u)
		needMFA := readMFA && hasOtherMFA(u)
		if !needKeys && !needMFA {
			done()
			continue
		}
		var actions []string
		if needKeys {
			actions = append(actions, "ListAccessKeys")
		}
		if needMFA {
			actions = append(actions, "ListMFADevices")
		}
		c.item("iam", "", u.ARN, done, func(ctx context.Context) {
			if needKeys {
				c.iamAccessKeys(ctx, cl, u, row)
			}
			if needMFA {
				_ = c.do(ctx, "iam", "ListMFADevices", "", u.ARN, nil, func(ctx context.Context) error {
					res, err := cl.ListMFADevices(ctx, &iam.ListMFADevicesInput{UserName: sdk.String(u.Name)})
					if err != nil {
						return err
					}
					have := map[string]bool{}
					for _, s := range u.MFADevices {
						have[s] = true
					}
					for _, d := range res.MFADevices {
						if s := str(d.SerialNumber); !have[s] {
							u.MFADevices = append(u.MFADevices, s)
						}
					}
					return nil
				})
			}
		}, actions...)
	}
}

func (c *collector) iamAccessKeys(ctx context.Context, cl *iam.Client, u *state.User, row state.CredentialReportRow) {
	_ = c.do(ctx, "iam", "ListAccessKeys", "", u.ARN, nil, func(ctx context.Context) error {
		res, err := cl.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: sdk.String(u.Name)})
		if err != nil {
			return err
		}
		var keys []state.AccessKey
		for _, k := range res.AccessKeyMetadata {
			keys = append(keys, state.AccessKey{ID: str(k.AccessKeyId), Status: string(k.Status), CreateDate: tm(k.CreateDate)})
		}
		// The report's key 1 is the older key, key 2 the newer one.
		sort.SliceStable(keys, func(i, j int) bool { return keys[i].CreateDate.Before(keys[j].CreateDate) })
		if len(keys) > 0 {
			keys[0].LastUsed = row.AccessKey1LastUsed
		}
		if len(keys) > 1 {
			keys[1].LastUsed = row.AccessKey2LastUsed
		}
		u.AccessKeys = keys
		return nil
	})
}

// credentialReport asks IAM to generate the report and waits (bounded by
// CredentialReportWait) until it is ready. IAM regenerates at most every
// 4 hours; a fresh-enough report is COMPLETE at once.
func (c *collector) credentialReport(ctx context.Context, cl *iam.Client) ([]state.CredentialReportRow, time.Time, error) {
	deadline := time.Now().Add(c.opts.CredentialReportWait)
	wait := 500 * time.Millisecond
	for {
		var st types.ReportStateType
		err := c.do(ctx, "iam", "GenerateCredentialReport", "", "", nil, func(ctx context.Context) error {
			out, err := cl.GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{})
			if err == nil {
				st = out.State
			}
			return err
		})
		if err != nil {
			// Without the right to generate, an existing report may still be readable.
			break
		}
		if st == types.ReportStateTypeComplete {
			break
		}
		if time.Now().Add(wait).After(deadline) {
			err := fmt.Errorf("the credential report was not ready after %s (state %s)", c.opts.CredentialReportWait, st)
			c.rec.Gap(state.Gap{Service: "iam", Operation: "GetCredentialReport", Reason: state.ReasonTimeout, Message: err.Error()})
			return nil, time.Time{}, err
		}
		select {
		case <-ctx.Done():
			c.rec.Gap(state.Gap{Service: "iam", Operation: "GetCredentialReport", Reason: collect.Classify(ctx, ctx.Err()), Message: ctx.Err().Error()})
			return nil, time.Time{}, ctx.Err()
		case <-time.After(wait):
		}
		if wait < 4*time.Second {
			wait *= 2
		}
	}
	var content []byte
	var generated time.Time
	err := c.do(ctx, "iam", "GetCredentialReport", "", "", nil, func(ctx context.Context) error {
		out, err := cl.GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
		if err == nil {
			content, generated = out.Content, tm(out.GeneratedTime)
		}
		return err
	})
	if err != nil {
		return nil, time.Time{}, err
	}
	rows, err := parseCredentialReport(content)
	if err != nil {
		c.stats.Failed("iam", "GetCredentialReport")
		c.rec.Gap(state.Gap{Service: "iam", Operation: "GetCredentialReport", Reason: state.ReasonError, Message: err.Error()})
		return nil, time.Time{}, err
	}
	return rows, generated, nil
}

// parseCredentialReport reads the report's CSV by column name. Times are
// nil where the report says N/A, no_information or not_supported.
func parseCredentialReport(content []byte) ([]state.CredentialReportRow, error) {
	r := csv.NewReader(bytes.NewReader(content))
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("credential report: %w", err)
	}
	if len(recs) == 0 {
		return nil, errors.New("credential report: empty")
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, need := range []string{"user", "arn", "mfa_active", "password_enabled"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("credential report: no %q column", need)
		}
	}
	var out []state.CredentialReportRow
	for _, rec := range recs[1:] {
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return rec[i]
			}
			return ""
		}
		when := func(name string) *time.Time {
			t, err := time.Parse(time.RFC3339, get(name))
			if err != nil {
				return nil
			}
			t = t.UTC()
			return &t
		}
		yes := func(name string) bool { return get(name) == "true" }
		out = append(out, state.CredentialReportRow{
			User: get("user"), ARN: get("arn"), UserCreationTime: when("user_creation_time"),
			PasswordEnabled: yes("password_enabled"), PasswordLastUsed: when("password_last_used"), PasswordLastChanged: when("password_last_changed"),
			MFAActive:        yes("mfa_active"),
			AccessKey1Active: yes("access_key_1_active"), AccessKey1LastRotated: when("access_key_1_last_rotated"), AccessKey1LastUsed: when("access_key_1_last_used_date"),
			AccessKey2Active: yes("access_key_2_active"), AccessKey2LastRotated: when("access_key_2_last_rotated"), AccessKey2LastUsed: when("access_key_2_last_used_date"),
			Cert1Active: yes("cert_1_active"), Cert2Active: yes("cert_2_active"),
		})
	}
	return out, nil
}

func (c *collector) iamSummary(ctx context.Context, cl *iam.Client) {
	_ = c.do(ctx, "iam", "GetAccountSummary", "", "", nil, func(ctx context.Context) error {
		out, err := cl.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
		if err != nil {
			return err
		}
		m := make(map[string]int, len(out.SummaryMap))
		for k, v := range out.SummaryMap {
			m[k] = int(v)
		}
		c.rec.Update(func(a *state.Account) { a.IAM.Summary = m })
		return nil
	})
}

func (c *collector) iamPasswordPolicy(ctx context.Context, cl *iam.Client) {
	_ = c.do(ctx, "iam", "GetAccountPasswordPolicy", "", "", []string{"NoSuchEntity"}, func(ctx context.Context) error {
		out, err := cl.GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
		if err != nil {
			return err
		}
		p := out.PasswordPolicy
		if p == nil {
			return nil
		}
		pp := &state.PasswordPolicy{MinimumPasswordLength: i32(p.MinimumPasswordLength), RequireSymbols: p.RequireSymbols,
			RequireNumbers: p.RequireNumbers, RequireUppercaseCharacters: p.RequireUppercaseCharacters,
			RequireLowercaseCharacters: p.RequireLowercaseCharacters, AllowUsersToChangePassword: p.AllowUsersToChangePassword,
			ExpirePasswords: p.ExpirePasswords, MaxPasswordAge: i32(p.MaxPasswordAge), PasswordReusePrevention: i32(p.PasswordReusePrevention),
			HardExpiry: b(p.HardExpiry)}
		c.rec.Update(func(a *state.Account) { a.IAM.PasswordPolicy = pp })
		return nil
	})
}

func (c *collector) iamServerCerts(ctx context.Context, cl *iam.Client) {
	var out []state.ServerCert
	err := c.do(ctx, "iam", "ListServerCertificates", "", "", nil, func(ctx context.Context) error {
		params := iam.ListServerCertificatesInput{MaxItems: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.ListServerCertificates(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, s := range page.ServerCertificateMetadataList {
				out = append(out, state.ServerCert{Meta: meta(str(s.Arn), "", nil), Name: str(s.ServerCertificateName), Expiration: tm(s.Expiration)})
			}
			return page.Marker, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.IAM.ServerCertificates = out })
	}
}

func (c *collector) iamAliases(ctx context.Context, cl *iam.Client) {
	_ = c.do(ctx, "iam", "ListAccountAliases", "", "", nil, func(ctx context.Context) error {
		out, err := cl.ListAccountAliases(ctx, &iam.ListAccountAliasesInput{})
		if err == nil && len(out.AccountAliases) > 0 {
			c.rec.Update(func(a *state.Account) { a.Alias = out.AccountAliases[0] })
		}
		return err
	})
}

func (c *collector) iamSAML(ctx context.Context, cl *iam.Client) {
	_ = c.do(ctx, "iam", "ListSAMLProviders", "", "", nil, func(ctx context.Context) error {
		out, err := cl.ListSAMLProviders(ctx, &iam.ListSAMLProvidersInput{})
		if err != nil {
			return err
		}
		var ps []state.SAMLProvider
		for _, p := range out.SAMLProviderList {
			ps = append(ps, state.SAMLProvider{Meta: meta(str(p.Arn), "", nil), ValidUntil: tptr(p.ValidUntil)})
		}
		c.rec.Update(func(a *state.Account) { a.IAM.SAMLProviders = ps })
		return nil
	})
}

// iamRoleSessions reads each role's maximum session duration, which
// GetAccountAuthorizationDetails leaves out: ListRoles has it, 1,000 roles
// a page. The values are put on the roles once every task has ended
// (applyJoins); when the call fails, the roles keep 0 (unknown) and the
// gap says why.
func (c *collector) iamRoleSessions(ctx context.Context, cl *iam.Client) {
	got := map[string]int{}
	err := c.do(ctx, "iam", "ListRoles", "", "", nil, func(ctx context.Context) error {
		params := iam.ListRolesInput{MaxItems: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.ListRoles(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, r := range page.Roles {
				got[str(r.Arn)] = i32(r.MaxSessionDuration)
			}
			return page.Marker, nil
		})
	})
	if err != nil {
		return
	}
	for arn, s := range got {
		c.joined.addMaxSession(arn, s)
	}
}

// alternateContact reads whether the account has a SECURITY alternate
// contact. ResourceNotFoundException means none is set.
func (c *collector) alternateContact(ctx context.Context, _ string) {
	cl := account.NewFromConfig(c.cfg, func(o *account.Options) {
		o.Region = c.home()
		o.APIOptions = append(o.APIOptions, c.instrument("account", ""))
	})
	err := c.do(ctx, "account", "GetAlternateContact", "", "", []string{"ResourceNotFoundException"}, func(ctx context.Context) error {
		_, err := cl.GetAlternateContact(ctx, &account.GetAlternateContactInput{AlternateContactType: "SECURITY"})
		return err
	})
	switch {
	case err == nil:
		c.rec.Update(func(a *state.Account) { a.IAM.SecurityContactSet = sdk.Bool(true) })
	case errors.Is(err, errAbsent):
		c.rec.Update(func(a *state.Account) { a.IAM.SecurityContactSet = sdk.Bool(false) })
	}
}
