package awsfake

import (
	"bytes"
	"crypto/sha1"
	"encoding/base32"
	"encoding/csv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

func (s *Server) iamService() *service {
	return &service{name: "iam", proto: protoQuery, global: true, xmlns: "https://iam.amazonaws.com/doc/2010-05-08/",
		ops: map[string]handler{
			"GetAccountAuthorizationDetails": iamGAAD,
			"GenerateCredentialReport":       iamGenerateCredentialReport,
			"GetCredentialReport":            iamGetCredentialReport,
			"GetAccountSummary":              iamGetAccountSummary,
			"GetAccountPasswordPolicy":       iamGetAccountPasswordPolicy,
			"ListVirtualMFADevices":          iamListVirtualMFADevices,
			"ListMFADevices":                 iamListMFADevices,
			"ListAccessKeys":                 iamListAccessKeys,
			"ListServerCertificates":         iamListServerCertificates,
			"ListAccountAliases":             iamListAccountAliases,
			"ListSAMLProviders":              iamListSAMLProviders,
			"ListOrganizationsFeatures":      iamListOrganizationsFeatures,
			"ListRoles":                      iamListRoles,
		}}
}

func (s *Server) stsService() *service {
	return &service{name: "sts", proto: protoQuery, global: true, xmlns: "https://sts.amazonaws.com/doc/2011-06-15/",
		ops: map[string]handler{"GetCallerIdentity": stsGetCallerIdentity, "AssumeRole": stsAssumeRole}}
}

// stsAssumeRole hands out credentials for a role of the account the fake
// serves; a role of any other account is refused (AccessDenied), as AWS does
// where the role is missing or its trust policy does not name the caller.
// With Options.AssumeRole set (an organization, StartOrg) that decides
// which role ARNs the caller may assume, and the credentials handed out
// are those of the role's account (AccessKey).
func stsAssumeRole(c *call) (*reply, error) {
	a := c.s.acct
	roleARN := c.form.Get("RoleArn")
	target := a.AccountID
	denied := &apiError{403, "AccessDenied", "User: arn:aws:sts::" + a.AccountID + ":assumed-role/shoulder-audit/scan is not authorized to perform: sts:AssumeRole on resource: " + roleARN}
	if h := c.s.opts.AssumeRole; h != nil {
		acct, ok := h(roleARN)
		if !ok {
			return nil, denied
		}
		target = acct
	} else if !strings.HasPrefix(roleARN, a.ARNPrefix()+"iam::"+a.AccountID+":role/") {
		return nil, denied
	}
	exp := time.Now().Add(time.Hour)
	role := roleARN[strings.LastIndex(roleARN, "/")+1:]
	return c.queryReply(&sts.AssumeRoleOutput{
		Credentials: &ststypes.Credentials{AccessKeyId: sp(AccessKey(target)), SecretAccessKey: sp("fake"), SessionToken: sp("fake"), Expiration: &exp},
		AssumedRoleUser: &ststypes.AssumedRoleUser{
			Arn:           sp(a.ARNPrefix() + "sts::" + target + ":assumed-role/" + role + "/" + c.form.Get("RoleSessionName")),
			AssumedRoleId: sp("AROAFAKEMEMBERROLE01:" + c.form.Get("RoleSessionName")),
		},
	}), nil
}

func stsGetCallerIdentity(c *call) (*reply, error) {
	a := c.s.acct
	return c.queryReply(&sts.GetCallerIdentityOutput{
		Account: sp(a.AccountID),
		Arn:     sp(a.ARNPrefix() + "sts::" + a.AccountID + ":assumed-role/shoulder-audit/scan"),
		UserId:  sp("AROAFAKEAUDITROLE0001:scan"),
	}), nil
}

// fakeID derives a stable IAM-style unique ID (AIDA..., AROA...) from an ARN.
func fakeID(prefix, arn string) string {
	h := sha1.Sum([]byte(arn))
	return prefix + strings.TrimRight(base32.StdEncoding.EncodeToString(h[:]), "=")[:17]
}

// urlEncodeDoc encodes a policy document the way IAM returns documents:
// RFC 3986 percent-encoding of everything but unreserved characters, which
// both url.QueryUnescape and url.PathUnescape decode back exactly.
func urlEncodeDoc(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s) * 2)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func iamTags(m map[string]string) []iamtypes.Tag {
	var out []iamtypes.Tag
	for _, k := range sortedKeys(m) {
		out = append(out, iamtypes.Tag{Key: sp(k), Value: p(m[k])})
	}
	return out
}

func attached(ps []state.AttachedPolicy) []iamtypes.AttachedPolicy {
	var out []iamtypes.AttachedPolicy
	for _, x := range ps {
		out = append(out, iamtypes.AttachedPolicy{PolicyName: sp(x.Name), PolicyArn: sp(x.ARN)})
	}
	return out
}

func inline(ps []state.InlinePolicy) []iamtypes.PolicyDetail {
	var out []iamtypes.PolicyDetail
	for _, x := range ps {
		out = append(out, iamtypes.PolicyDetail{PolicyName: sp(x.Name), PolicyDocument: p(urlEncodeDoc(x.Document))})
	}
	return out
}

func boundary(arn string) *iamtypes.AttachedPermissionsBoundary {
	if arn == "" {
		return nil
	}
	return &iamtypes.AttachedPermissionsBoundary{PermissionsBoundaryArn: sp(arn), PermissionsBoundaryType: iamtypes.PermissionsBoundaryAttachmentTypePolicy}
}

func pathOr(p string) string {
	if p == "" {
		return "/"
	}
	return p
}

// iamGAAD serves GetAccountAuthorizationDetails: users, groups, roles and
// managed policies (with their default version's document) as one
// sequence paged by MaxItems (default 100, max 1000), filtered by Filter.
func iamGAAD(c *call) (*reply, error) {
	max, err := c.num("MaxItems", 0)
	if err != nil {
		return nil, err
	}
	filter := map[string]bool{}
	for _, f := range c.strs("Filter") {
		filter[f] = true
	}
	want := func(t string) bool { return len(filter) == 0 || filter[t] }
	key := strings.Join(c.strs("Filter"), ",") + "|" + c.str("Marker") + "|" + c.str("MaxItems")
	return c.cached(key, func() (*reply, error) {
		ia := &c.s.acct.IAM
		type entity struct {
			kind string
			i    int
		}
		var seq []entity
		if want("User") {
			for i := range ia.Users {
				seq = append(seq, entity{"u", i})
			}
		}
		if want("Group") {
			for i := range ia.Groups {
				seq = append(seq, entity{"g", i})
			}
		}
		if want("Role") {
			for i := range ia.Roles {
				seq = append(seq, entity{"r", i})
			}
		}
		for i, pol := range ia.Policies {
			if (pol.AWSManaged && want("AWSManagedPolicy")) || (!pol.AWSManaged && want("LocalManagedPolicy")) {
				seq = append(seq, entity{"p", i})
			}
		}
		start, end, next, err := page(c.action, len(seq), c.str("Marker"), max, 100, 1000)
		if err != nil {
			return nil, err
		}
		out := &iam.GetAccountAuthorizationDetailsOutput{IsTruncated: next != ""}
		if next != "" {
			out.Marker = &next
		}
		for _, e := range seq[start:end] {
			switch e.kind {
			case "u":
				u := &ia.Users[e.i]
				id := u.ID
				if id == "" {
					id = fakeID("AIDA", u.ARN)
				}
				out.UserDetailList = append(out.UserDetailList, iamtypes.UserDetail{
					Arn: sp(u.ARN), UserName: sp(u.Name), UserId: sp(id), Path: p(pathOr(u.Path)), CreateDate: tp(u.CreateDate),
					GroupList: nonNil(u.Groups), AttachedManagedPolicies: attached(u.AttachedPolicies), UserPolicyList: inline(u.InlinePolicies),
					PermissionsBoundary: boundary(u.PermissionsBoundary), Tags: iamTags(u.Tags),
				})
			case "g":
				g := &ia.Groups[e.i]
				out.GroupDetailList = append(out.GroupDetailList, iamtypes.GroupDetail{
					Arn: sp(g.ARN), GroupName: sp(g.Name), GroupId: sp(fakeID("AGPA", g.ARN)), Path: p(pathOr(g.Path)), CreateDate: tp(g.CreateDate),
					AttachedManagedPolicies: attached(g.AttachedPolicies), GroupPolicyList: inline(g.InlinePolicies),
				})
			case "r":
				r := &ia.Roles[e.i]
				rd := iamtypes.RoleDetail{
					Arn: sp(r.ARN), RoleName: sp(r.Name), RoleId: sp(fakeID("AROA", r.ARN)), Path: p(pathOr(r.Path)), CreateDate: tp(r.CreateDate),
					AssumeRolePolicyDocument: p(urlEncodeDoc(r.AssumeRolePolicyDocument)),
					AttachedManagedPolicies:  attached(r.AttachedPolicies), RolePolicyList: inline(r.InlinePolicies),
					PermissionsBoundary: boundary(r.PermissionsBoundary), Tags: iamTags(r.Tags),
					RoleLastUsed: &iamtypes.RoleLastUsed{},
				}
				if r.LastUsed != nil {
					rd.RoleLastUsed = &iamtypes.RoleLastUsed{LastUsedDate: r.LastUsed, Region: p("us-east-1")}
				}
				out.RoleDetailList = append(out.RoleDetailList, rd)
			case "p":
				pol := &ia.Policies[e.i]
				v := pol.DefaultVersionID
				if v == "" {
					v = "v1"
				}
				out.Policies = append(out.Policies, iamtypes.ManagedPolicyDetail{
					Arn: sp(pol.ARN), PolicyName: sp(pol.Name), PolicyId: sp(orDefault(pol.ID, fakeID("ANPA", pol.ARN))), Path: p(pathOr(pol.Path)),
					DefaultVersionId: p(v), AttachmentCount: p(int32(pol.AttachmentCount)), IsAttachable: true,
					PermissionsBoundaryUsageCount: p(int32(0)), CreateDate: tp(pol.CreateDate), UpdateDate: tp(pol.UpdateDate),
					PolicyVersionList: []iamtypes.PolicyVersion{{VersionId: p(v), IsDefaultVersion: true, Document: p(urlEncodeDoc(pol.Document)), CreateDate: tp(pol.UpdateDate)}},
				})
			}
		}
		return c.queryReply(out), nil
	})
}

// iamGenerateCredentialReport answers COMPLETE: the fake's report always
// exists, like an account whose report is younger than four hours.
func iamGenerateCredentialReport(c *call) (*reply, error) {
	return c.queryReply(&iam.GenerateCredentialReportOutput{State: iamtypes.ReportStateTypeComplete}), nil
}

func iamGetCredentialReport(c *call) (*reply, error) {
	return c.cached("", func() (*reply, error) {
		ia := &c.s.acct.IAM
		if ia.CredentialReport == nil {
			return nil, errf(410, "ReportNotPresent", "Credential report not present")
		}
		gen := ia.CredentialReportGeneratedAt
		if gen.IsZero() {
			gen = c.s.acct.CollectedAt
		}
		return c.queryReply(&iam.GetCredentialReportOutput{
			Content: credentialReportCSV(ia.CredentialReport), GeneratedTime: &gen, ReportFormat: iamtypes.ReportFormatTypeTextCsv,
		}), nil
	})
}

// credentialReportCSV writes the report as IAM does: times in ISO 8601
// with +00:00, N/A where there is no value, and not_supported in the root
// user's password columns.
func credentialReportCSV(rows []state.CredentialReportRow) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write([]string{"user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed",
		"password_next_rotation", "mfa_active", "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
		"access_key_1_last_used_region", "access_key_1_last_used_service", "access_key_2_active", "access_key_2_last_rotated",
		"access_key_2_last_used_date", "access_key_2_last_used_region", "access_key_2_last_used_service", "cert_1_active",
		"cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated"})
	t := func(v *time.Time, none string) string {
		if v == nil {
			return none
		}
		return v.UTC().Format("2006-01-02T15:04:05+00:00")
	}
	b := func(v bool) string {
		if v {
			return "true"
		}
		return "false"
	}
	for _, r := range rows {
		pwEnabled, pwChanged, pwNext := b(r.PasswordEnabled), t(r.PasswordLastChanged, "N/A"), "N/A"
		pwUsed := t(r.PasswordLastUsed, "N/A")
		if r.User == state.RootUserName {
			// IAM cannot say whether root has a password: it writes
			// not_supported for the root user's password columns.
			pwEnabled, pwChanged, pwNext = "not_supported", "not_supported", "not_supported"
		} else if r.PasswordEnabled && r.PasswordLastUsed == nil {
			pwUsed = "no_information"
		}
		used := func(v *time.Time) (string, string, string) {
			if v == nil {
				return "N/A", "N/A", "N/A"
			}
			return t(v, "N/A"), "us-east-1", "s3"
		}
		k1d, k1r, k1s := used(r.AccessKey1LastUsed)
		k2d, k2r, k2s := used(r.AccessKey2LastUsed)
		_ = w.Write([]string{r.User, r.ARN, t(r.UserCreationTime, "N/A"), pwEnabled, pwUsed, pwChanged, pwNext, b(r.MFAActive),
			b(r.AccessKey1Active), t(r.AccessKey1LastRotated, "N/A"), k1d, k1r, k1s,
			b(r.AccessKey2Active), t(r.AccessKey2LastRotated, "N/A"), k2d, k2r, k2s,
			b(r.Cert1Active), "N/A", b(r.Cert2Active), "N/A"})
	}
	w.Flush()
	return buf.Bytes()
}

func iamGetAccountSummary(c *call) (*reply, error) {
	m := map[string]int32{}
	for k, v := range c.s.acct.IAM.Summary {
		m[k] = int32(v)
	}
	return c.queryReply(&iam.GetAccountSummaryOutput{SummaryMap: m}), nil
}

func iamGetAccountPasswordPolicy(c *call) (*reply, error) {
	pp := c.s.acct.IAM.PasswordPolicy
	if pp == nil {
		return nil, errf(404, "NoSuchEntity", "The Password Policy with domain name %s cannot be found.", c.s.acct.AccountID)
	}
	out := &iamtypes.PasswordPolicy{
		MinimumPasswordLength: p(int32(pp.MinimumPasswordLength)), RequireSymbols: pp.RequireSymbols, RequireNumbers: pp.RequireNumbers,
		RequireUppercaseCharacters: pp.RequireUppercaseCharacters, RequireLowercaseCharacters: pp.RequireLowercaseCharacters,
		AllowUsersToChangePassword: pp.AllowUsersToChangePassword, ExpirePasswords: pp.ExpirePasswords,
	}
	if pp.MaxPasswordAge > 0 {
		out.MaxPasswordAge = p(int32(pp.MaxPasswordAge))
	}
	if pp.PasswordReusePrevention > 0 {
		out.PasswordReusePrevention = p(int32(pp.PasswordReusePrevention))
	}
	if pp.HardExpiry {
		out.HardExpiry = p(true)
	}
	return c.queryReply(&iam.GetAccountPasswordPolicyOutput{PasswordPolicy: out}), nil
}

func (c *call) iamUser(name string) *state.User {
	for i := range c.s.acct.IAM.Users {
		if c.s.acct.IAM.Users[i].Name == name {
			return &c.s.acct.IAM.Users[i]
		}
	}
	return nil
}

func iamListVirtualMFADevices(c *call) (*reply, error) {
	max, err := c.num("MaxItems", 0)
	if err != nil {
		return nil, err
	}
	status := c.str("AssignmentStatus")
	var devs []state.MFADevice
	for _, d := range c.s.acct.IAM.VirtualMFADevices {
		assigned := d.User != ""
		if (status == "Assigned" && !assigned) || (status == "Unassigned" && assigned) {
			continue
		}
		devs = append(devs, d)
	}
	start, end, next, err := page(c.action, len(devs), c.str("Marker"), max, 100, 1000)
	if err != nil {
		return nil, err
	}
	out := &iam.ListVirtualMFADevicesOutput{IsTruncated: next != "", VirtualMFADevices: []iamtypes.VirtualMFADevice{}}
	if next != "" {
		out.Marker = &next
	}
	for _, d := range devs[start:end] {
		v := iamtypes.VirtualMFADevice{SerialNumber: sp(d.SerialNumber), EnableDate: d.EnableDate}
		if d.User != "" {
			arn := d.UserARN
			u := &iamtypes.User{UserName: sp(d.User), Arn: sp(arn), Path: p("/"), UserId: p(fakeID("AIDA", arn)), CreateDate: tp(time.Time{})}
			if su := c.iamUser(d.User); su != nil {
				u.CreateDate = tp(su.CreateDate)
				u.Path = p(pathOr(su.Path))
				if su.ID != "" {
					u.UserId = sp(su.ID)
				}
			}
			if u.CreateDate == nil {
				u.CreateDate = p(c.s.acct.CollectedAt)
			}
			v.User = u
		}
		out.VirtualMFADevices = append(out.VirtualMFADevices, v)
	}
	return c.queryReply(out), nil
}

func iamListMFADevices(c *call) (*reply, error) {
	name := c.str("UserName")
	c.resource = name
	u := c.iamUser(name)
	if u == nil {
		return nil, errf(404, "NoSuchEntity", "The user with name %s cannot be found.", name)
	}
	out := &iam.ListMFADevicesOutput{MFADevices: []iamtypes.MFADevice{}}
	for _, serial := range u.MFADevices {
		d := iamtypes.MFADevice{SerialNumber: sp(serial), UserName: sp(u.Name), EnableDate: p(u.CreateDate)}
		for _, v := range c.s.acct.IAM.VirtualMFADevices {
			if v.SerialNumber == serial && v.EnableDate != nil {
				d.EnableDate = v.EnableDate
			}
		}
		out.MFADevices = append(out.MFADevices, d)
	}
	return c.queryReply(out), nil
}

func iamListAccessKeys(c *call) (*reply, error) {
	name := c.str("UserName")
	u := c.iamUser(name)
	if u == nil {
		return nil, errf(404, "NoSuchEntity", "The user with name %s cannot be found.", name)
	}
	out := &iam.ListAccessKeysOutput{AccessKeyMetadata: []iamtypes.AccessKeyMetadata{}}
	for _, k := range u.AccessKeys {
		out.AccessKeyMetadata = append(out.AccessKeyMetadata, iamtypes.AccessKeyMetadata{
			UserName: sp(u.Name), AccessKeyId: sp(k.ID), Status: iamtypes.StatusType(k.Status), CreateDate: tp(k.CreateDate),
		})
	}
	return c.queryReply(out), nil
}

func iamListServerCertificates(c *call) (*reply, error) {
	max, err := c.num("MaxItems", 0)
	if err != nil {
		return nil, err
	}
	certs := c.s.acct.IAM.ServerCertificates
	start, end, next, err := page(c.action, len(certs), c.str("Marker"), max, 100, 1000)
	if err != nil {
		return nil, err
	}
	out := &iam.ListServerCertificatesOutput{IsTruncated: next != "", ServerCertificateMetadataList: []iamtypes.ServerCertificateMetadata{}}
	if next != "" {
		out.Marker = &next
	}
	for _, sc := range certs[start:end] {
		out.ServerCertificateMetadataList = append(out.ServerCertificateMetadataList, iamtypes.ServerCertificateMetadata{
			Arn: sp(sc.ARN), ServerCertificateName: sp(sc.Name), ServerCertificateId: sp(fakeID("ASCA", sc.ARN)), Path: p("/"),
			Expiration: tp(sc.Expiration), UploadDate: p(sc.Expiration.AddDate(-1, 0, 0)),
		})
	}
	return c.queryReply(out), nil
}

// iamListRoles serves ListRoles, paged by MaxItems (default 100, max
// 1000). Like AWS it leaves out tags, the permissions boundary and last
// use, and every role has a maximum session duration (3600 s unless set).
func iamListRoles(c *call) (*reply, error) {
	max, err := c.num("MaxItems", 0)
	if err != nil {
		return nil, err
	}
	roles := c.s.acct.IAM.Roles
	start, end, next, err := page(c.action, len(roles), c.str("Marker"), max, 100, 1000)
	if err != nil {
		return nil, err
	}
	out := &iam.ListRolesOutput{IsTruncated: next != "", Roles: []iamtypes.Role{}}
	if next != "" {
		out.Marker = &next
	}
	for i := range roles[start:end] {
		r := &roles[start+i]
		msd := r.MaxSessionDuration
		if msd == 0 {
			msd = 3600
		}
		out.Roles = append(out.Roles, iamtypes.Role{Arn: sp(r.ARN), RoleName: sp(r.Name), RoleId: sp(fakeID("AROA", r.ARN)),
			Path: p(pathOr(r.Path)), CreateDate: tp(r.CreateDate), AssumeRolePolicyDocument: p(urlEncodeDoc(r.AssumeRolePolicyDocument)),
			MaxSessionDuration: p(int32(msd))})
	}
	return c.queryReply(out), nil
}

func iamListAccountAliases(c *call) (*reply, error) {
	out := &iam.ListAccountAliasesOutput{AccountAliases: []string{}}
	if a := c.s.acct.Alias; a != "" {
		out.AccountAliases = []string{a}
	}
	return c.queryReply(out), nil
}

func iamListSAMLProviders(c *call) (*reply, error) {
	out := &iam.ListSAMLProvidersOutput{SAMLProviderList: []iamtypes.SAMLProviderListEntry{}}
	for _, sp := range c.s.acct.IAM.SAMLProviders {
		out.SAMLProviderList = append(out.SAMLProviderList, iamtypes.SAMLProviderListEntry{Arn: p(sp.ARN), ValidUntil: sp.ValidUntil, CreateDate: p(c.s.acct.CollectedAt.AddDate(-1, 0, 0))})
	}
	return c.queryReply(out), nil
}

// iamListOrganizationsFeatures lists the centralised root access features
// of the account's organization; an account outside one is refused.
func iamListOrganizationsFeatures(c *call) (*reply, error) {
	o := c.s.acct.Organization
	if o == nil {
		return nil, errf(400, "OrganizationNotFoundException", "The request failed because your account is not part of an organization.")
	}
	out := &iam.ListOrganizationsFeaturesOutput{OrganizationId: p(o.ID), EnabledFeatures: []iamtypes.FeatureType{}}
	for _, f := range o.IAMFeatures {
		out.EnabledFeatures = append(out.EnabledFeatures, iamtypes.FeatureType(f))
	}
	return c.queryReply(out), nil
}
