package awsfake

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/configservice"
	cfgtypes "github.com/aws/aws-sdk-go-v2/service/configservice/types"
	"github.com/aws/aws-sdk-go-v2/service/guardduty"
	gdtypes "github.com/aws/aws-sdk-go-v2/service/guardduty/types"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
	ssmtypes "github.com/aws/aws-sdk-go-v2/service/ssm/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- AWS Config (awsJson1.1) ----

func (s *Server) configService() *service {
	return &service{name: "config", proto: protoJSON, ops: map[string]handler{
		"DescribeConfigurationRecorders":      cfgDescribeRecorders,
		"DescribeConfigurationRecorderStatus": cfgDescribeRecorderStatus,
		"DescribeDeliveryChannels":            cfgDescribeDeliveryChannels,
		"DescribeConfigurationAggregators":    cfgDescribeAggregators,
	}}
}

func cfgDescribeAggregators(c *call) (*reply, error) {
	out := &configservice.DescribeConfigurationAggregatorsOutput{ConfigurationAggregators: []cfgtypes.ConfigurationAggregator{}}
	for _, g := range c.s.acct.Config.Aggregators {
		if g.Region != c.region {
			continue
		}
		x := cfgtypes.ConfigurationAggregator{ConfigurationAggregatorArn: sp(g.ARN), ConfigurationAggregatorName: sp(g.Name)}
		if g.Organization {
			x.OrganizationAggregationSource = &cfgtypes.OrganizationAggregationSource{AllAwsRegions: g.AllRegions,
				RoleArn: p(c.s.acct.ARNPrefix() + "iam::" + c.s.acct.AccountID + ":role/config-aggregator")}
		} else {
			x.AccountAggregationSources = []cfgtypes.AccountAggregationSource{{AccountIds: []string{c.s.acct.AccountID}}}
		}
		out.ConfigurationAggregators = append(out.ConfigurationAggregators, x)
	}
	return c.jsonReply(out), nil
}

func cfgDescribeRecorders(c *call) (*reply, error) {
	out := &configservice.DescribeConfigurationRecordersOutput{ConfigurationRecorders: []cfgtypes.ConfigurationRecorder{}}
	for _, r := range c.s.idx.recorders[c.region] {
		cr := cfgtypes.ConfigurationRecorder{
			Name: sp(r.Name), Arn: sp(r.ARN), RoleARN: sp(r.RoleARN), RecordingScope: cfgtypes.RecordingScopePaid,
			RecordingGroup: &cfgtypes.RecordingGroup{AllSupported: r.AllSupported, IncludeGlobalResourceTypes: r.IncludeGlobalResourceTypes},
		}
		if r.ServiceLinked {
			// Service-linked recorders belong to another AWS service and
			// say so with their service principal.
			cr.ServicePrincipal = p("config-conforms.amazonaws.com")
			cr.RecordingScope = cfgtypes.RecordingScopeInternal
		}
		out.ConfigurationRecorders = append(out.ConfigurationRecorders, cr)
	}
	return c.jsonReply(out), nil
}

func cfgDescribeRecorderStatus(c *call) (*reply, error) {
	out := &configservice.DescribeConfigurationRecorderStatusOutput{ConfigurationRecordersStatus: []cfgtypes.ConfigurationRecorderStatus{}}
	for _, r := range c.s.idx.recorders[c.region] {
		st := cfgtypes.ConfigurationRecorderStatus{Name: sp(r.Name), Arn: sp(r.ARN), Recording: r.Recording, LastStatus: cfgtypes.RecorderStatus(r.LastStatus)}
		out.ConfigurationRecordersStatus = append(out.ConfigurationRecordersStatus, st)
	}
	return c.jsonReply(out), nil
}

func cfgDescribeDeliveryChannels(c *call) (*reply, error) {
	out := &configservice.DescribeDeliveryChannelsOutput{DeliveryChannels: []cfgtypes.DeliveryChannel{}}
	for _, d := range c.s.idx.channels[c.region] {
		out.DeliveryChannels = append(out.DeliveryChannels, cfgtypes.DeliveryChannel{Name: sp(d.Name), S3BucketName: sp(d.S3Bucket), SnsTopicARN: sp(d.SNSTopic)})
	}
	return c.jsonReply(out), nil
}

// ---- Systems Manager (awsJson1.1) ----

func (s *Server) ssmService() *service {
	return &service{name: "ssm", proto: protoJSON, ops: map[string]handler{
		"DescribeInstanceInformation":     ssmDescribeInstanceInformation,
		"ListResourceComplianceSummaries": ssmListResourceComplianceSummaries,
		"ListDocuments":                   ssmListDocuments,
		"DescribeDocumentPermission":      ssmDescribeDocumentPermission,
		"GetServiceSetting":               ssmGetServiceSetting,
	}}
}

// ssmPage pages with MaxResults (min..max, default def) and NextToken.
func (c *call) ssmPage(n, min, def, max int) (start, end int, next string, err error) {
	m, err := c.num("MaxResults", 0)
	if err != nil {
		return 0, 0, "", err
	}
	if m != 0 && (m < min || m > max) {
		return 0, 0, "", errf(400, "ValidationException", "1 validation error detected: Value '%d' at 'maxResults' failed to satisfy constraint: Member must have value between %d and %d", m, min, max)
	}
	return page(c.action, n, c.str("NextToken"), m, def, max)
}

func ssmDescribeInstanceInformation(c *call) (*reply, error) {
	xs := c.s.idx.managed[c.region]
	start, end, next, err := c.ssmPage(len(xs), 5, 10, 50)
	if err != nil {
		return nil, err
	}
	out := &ssm.DescribeInstanceInformationOutput{InstanceInformationList: []ssmtypes.InstanceInformation{}, NextToken: sp(next)}
	for _, m := range xs[start:end] {
		out.InstanceInformationList = append(out.InstanceInformationList, ssmtypes.InstanceInformation{
			InstanceId: sp(m.InstanceID), PingStatus: ssmtypes.PingStatus(m.PingStatus), PlatformType: ssmtypes.PlatformType(m.PlatformType),
			PlatformName: sp(m.PlatformName), AgentVersion: sp(m.AgentVersion), LastPingDateTime: tp(m.LastPingTime),
			ResourceType: ssmtypes.ResourceTypeEc2Instance,
		})
	}
	return c.jsonReply(out), nil
}

// ssmListResourceComplianceSummaries serves the patch compliance of each
// managed instance. Only the ComplianceType=Patch filter is understood.
func ssmListResourceComplianceSummaries(c *call) (*reply, error) {
	if fs, ok := c.body["Filters"].([]any); ok {
		for _, f := range fs {
			m, _ := f.(map[string]any)
			if m["Key"] != "ComplianceType" {
				return nil, errf(400, "ValidationException", "awsfake understands only the ComplianceType filter, not %v", m["Key"])
			}
		}
	}
	// Patch compliance, then association compliance, in one listing.
	var items []ssmtypes.ResourceComplianceSummaryItem
	for _, pc := range c.s.idx.compliance[c.region] {
		sev := &ssmtypes.SeveritySummary{}
		switch pc.Severity {
		case "CRITICAL":
			sev.CriticalCount = int32(pc.MissingCount)
		case "HIGH":
			sev.HighCount = int32(pc.MissingCount)
		case "MEDIUM":
			sev.MediumCount = int32(pc.MissingCount)
		case "LOW":
			sev.LowCount = int32(pc.MissingCount)
		case "INFORMATIONAL":
			sev.InformationalCount = int32(pc.MissingCount)
		default:
			sev.UnspecifiedCount = int32(pc.MissingCount)
		}
		items = append(items, ssmtypes.ResourceComplianceSummaryItem{
			ComplianceType: p("Patch"), ResourceType: p("ManagedInstance"), ResourceId: sp(pc.InstanceID),
			Status: ssmtypes.ComplianceStatus(pc.Status), OverallSeverity: ssmtypes.ComplianceSeverity(orDefault(pc.Severity, "UNSPECIFIED")),
			ExecutionSummary:    &ssmtypes.ComplianceExecutionSummary{ExecutionTime: p(pc.LastOperationTime), ExecutionType: p("Command")},
			NonCompliantSummary: &ssmtypes.NonCompliantSummary{NonCompliantCount: int32(pc.MissingCount), SeveritySummary: sev},
			CompliantSummary:    &ssmtypes.CompliantSummary{CompliantCount: 10, SeveritySummary: &ssmtypes.SeveritySummary{}},
		})
	}
	for _, ac := range c.s.idx.assocCompliance[c.region] {
		items = append(items, ssmtypes.ResourceComplianceSummaryItem{
			ComplianceType: p("Association"), ResourceType: p("ManagedInstance"), ResourceId: sp(ac.InstanceID), Status: ssmtypes.ComplianceStatus(ac.Status),
			OverallSeverity:     ssmtypes.ComplianceSeverityUnspecified,
			ExecutionSummary:    &ssmtypes.ComplianceExecutionSummary{ExecutionTime: p(c.s.acct.CollectedAt), ExecutionType: p("Command")},
			NonCompliantSummary: &ssmtypes.NonCompliantSummary{NonCompliantCount: int32(ac.NonCompliantCount), SeveritySummary: &ssmtypes.SeveritySummary{UnspecifiedCount: int32(ac.NonCompliantCount)}},
			CompliantSummary:    &ssmtypes.CompliantSummary{CompliantCount: 1, SeveritySummary: &ssmtypes.SeveritySummary{}},
		})
	}
	start, end, next, err := c.ssmPage(len(items), 1, 50, 50)
	if err != nil {
		return nil, err
	}
	return c.jsonReply(&ssm.ListResourceComplianceSummariesOutput{ResourceComplianceSummaryItems: append([]ssmtypes.ResourceComplianceSummaryItem{}, items[start:end]...), NextToken: sp(next)}), nil
}

// ssmGetServiceSetting answers the document public sharing setting
// (Disable when the state says sharing is blocked) and the Automation log
// destination (svc-last: SSM.6; None, AWS's default, when the state names
// none).
func ssmGetServiceSetting(c *call) (*reply, error) {
	id := c.str("SettingId")
	st, _ := c.s.acct.SSM.Settings(c.region)
	var v string
	switch id {
	case "/ssm/documents/console/public-sharing-permission":
		v = "Enable"
		if st.DocumentPublicSharingBlocked {
			v = "Disable"
		}
	case "/ssm/automation/customer-script-log-destination":
		v = st.AutomationLogDestination
		if v == "" {
			v = "None"
		}
	default:
		return nil, errf(400, "ServiceSettingNotFound", "awsfake serves only the document public sharing and Automation log settings, not %q", id)
	}
	return c.jsonReply(&ssm.GetServiceSettingOutput{ServiceSetting: &ssmtypes.ServiceSetting{SettingId: p(id), SettingValue: p(v), Status: p("Default"),
		ARN: p(c.s.acct.ARNPrefix() + "ssm:" + c.region + ":" + c.s.acct.AccountID + ":servicesetting" + id)}}), nil
}

func ssmListDocuments(c *call) (*reply, error) {
	self := false
	if fs, ok := c.body["Filters"].([]any); ok {
		for _, f := range fs {
			m, _ := f.(map[string]any)
			if m["Key"] == "Owner" {
				if vs, _ := m["Values"].([]any); len(vs) == 1 && vs[0] == "Self" {
					self = true
					continue
				}
			}
			return nil, errf(400, "ValidationException", "awsfake understands only the Owner=Self filter, got %v", m)
		}
	}
	if !self {
		// Without Owner=Self SSM lists every AWS-owned document too.
		return nil, errf(400, "ValidationException", "awsfake: ListDocuments without the Owner=Self filter would list AWS's own documents")
	}
	xs := c.s.idx.documents[c.region]
	start, end, next, err := c.ssmPage(len(xs), 1, 50, 50)
	if err != nil {
		return nil, err
	}
	out := &ssm.ListDocumentsOutput{DocumentIdentifiers: []ssmtypes.DocumentIdentifier{}, NextToken: sp(next)}
	for _, d := range xs[start:end] {
		out.DocumentIdentifiers = append(out.DocumentIdentifiers, ssmtypes.DocumentIdentifier{
			Name: sp(d.Name), Owner: sp(c.s.acct.AccountID), DocumentType: ssmtypes.DocumentTypeCommand, DocumentFormat: ssmtypes.DocumentFormatJson,
		})
	}
	return c.jsonReply(out), nil
}

func ssmDescribeDocumentPermission(c *call) (*reply, error) {
	name := c.str("Name")
	c.resource = name
	var doc *state.SSMDocument
	for _, d := range c.s.idx.documents[c.region] {
		if d.Name == name || d.ARN == name {
			doc = d
		}
	}
	if doc == nil {
		return nil, errf(400, "InvalidDocument", "Document %s does not exist", name)
	}
	out := &ssm.DescribeDocumentPermissionOutput{AccountIds: []string{}}
	if doc.Public {
		out.AccountIds = append(out.AccountIds, "all")
	}
	out.AccountIds = append(out.AccountIds, doc.SharedWith...)
	return c.jsonReply(out), nil
}

// ---- Directory Service (awsJson1.1, old codegen) ----

func (s *Server) dsService() *service {
	return &service{name: "ds", proto: protoJSON, ops: map[string]handler{
		"DescribeDirectories": dsDescribeDirectories,
	}}
}

// dsDescribeDirectories lists the WorkSpaces directories whose MFA the state
// knows: RADIUS Completed when MFA is on. A directory with unknown MFA is
// not one Directory Service knows (an AD Connector of another account, say).
func dsDescribeDirectories(c *call) (*reply, error) {
	type dir struct {
		DirectoryID  string `json:"DirectoryId"`
		Name         string `json:"Name,omitempty"`
		Type         string `json:"Type,omitempty"`
		Stage        string `json:"Stage"`
		RadiusStatus string `json:"RadiusStatus,omitempty"`
	}
	var all []dir
	for _, d := range c.s.idx.directories[c.region] {
		if d.MFAEnabled == nil {
			continue
		}
		x := dir{DirectoryID: d.ID, Name: d.Name, Type: orDefault(d.Type, "ADConnector"), Stage: "Active"}
		if *d.MFAEnabled {
			x.RadiusStatus = "Completed"
		}
		all = append(all, x)
	}
	limit, err := c.num("Limit", 0)
	if err != nil {
		return nil, err
	}
	start, end, next, err := page(c.action, len(all), c.str("NextToken"), limit, 100, 100)
	if err != nil {
		return nil, err
	}
	return c.rawJSON(struct {
		DirectoryDescriptions []dir   `json:"DirectoryDescriptions"`
		NextToken             *string `json:"NextToken,omitempty"`
	}{append([]dir{}, all[start:end]...), sp(next)})
}

// ---- Organizations (awsJson1.1, global) ----

func (s *Server) organizationsService() *service {
	return &service{name: "organizations", proto: protoJSON, global: true, ops: map[string]handler{
		"DescribeOrganization": orgDescribeOrganization,
		"ListPolicies":         orgListPolicies,
		"DescribePolicy":       orgDescribePolicy,
		"ListTargetsForPolicy": orgListTargetsForPolicy,

		"ListDelegatedAdministrators":         orgListDelegatedAdministrators,
		"ListDelegatedServicesForAccount":     orgListDelegatedServicesForAccount,
		"ListAWSServiceAccessForOrganization": orgListAWSServiceAccess,
		"ListRoots":                           orgListRoots,
		"ListOrganizationalUnitsForParent":    orgListUnitsForParent,
		"ListAccountsForParent":               orgListAccountsForParent,
	}}
}

// orgTreePage is the fake's page size for the tree listings when the
// caller names none: AWS documents that Organizations may return fewer
// results than the maximum (20) with more to come, and a small default
// makes every organization run page.
const orgTreePage = 3

// tree is the OU tree the account may list: only the management (or a
// delegated administrator) account holds one; any other member is denied,
// as AWS denies it.
func (c *call) tree() (*state.OrgTree, error) {
	o, err := c.org()
	if err != nil {
		return nil, err
	}
	if o.Tree == nil {
		return nil, errf(400, "AccessDeniedException", "You don't have permissions to access this resource.")
	}
	return o.Tree, nil
}

// parent checks that the ParentId names a root or OU of the tree.
func (c *call) parent(t *state.OrgTree) (string, error) {
	id := c.str("ParentId")
	c.resource = id
	for _, r := range t.Roots {
		if r.ID == id {
			return id, nil
		}
	}
	for _, u := range t.Units {
		if u.ID == id {
			return id, nil
		}
	}
	return "", errf(400, "ParentNotFoundException", "We can't find a root or OU with the ParentId that you specified.")
}

func orgListRoots(c *call) (*reply, error) {
	t, err := c.tree()
	if err != nil {
		return nil, err
	}
	start, end, next, err := c.pageOf(len(t.Roots), orgTreePage, 20)
	if err != nil {
		return nil, err
	}
	out := &organizations.ListRootsOutput{Roots: []orgtypes.Root{}, NextToken: sp(next)}
	for _, r := range t.Roots[start:end] {
		out.Roots = append(out.Roots, orgtypes.Root{Id: p(r.ID), Name: sp(r.Name), Arn: c.orgARN("root", r.ID)})
	}
	return c.jsonReply(out), nil
}

// orgChildren is the page asked for of the children of one kind under the
// request's ParentId (the tree listings of units and of accounts).
func orgChildren[T any](c *call, all func(*state.OrgTree) []T, parentOf func(*T) string) (page []T, next string, err error) {
	t, err := c.tree()
	if err != nil {
		return nil, "", err
	}
	parent, err := c.parent(t)
	if err != nil {
		return nil, "", err
	}
	var kids []T
	for _, x := range all(t) {
		if parentOf(&x) == parent {
			kids = append(kids, x)
		}
	}
	start, end, next, err := c.pageOf(len(kids), orgTreePage, 20)
	if err != nil {
		return nil, "", err
	}
	return kids[start:end], next, nil
}

// orgARN is the ARN of an organization's root, OU or account.
func (c *call) orgARN(kind, id string) *string {
	o := c.s.acct.Organization
	return p(c.s.acct.ARNPrefix() + "organizations::" + o.MasterAccountID + ":" + kind + "/" + o.ID + "/" + id)
}

func orgListUnitsForParent(c *call) (*reply, error) {
	units, next, err := orgChildren(c, func(t *state.OrgTree) []state.OrgUnit { return t.Units }, func(u *state.OrgUnit) string { return u.ParentID })
	if err != nil {
		return nil, err
	}
	out := &organizations.ListOrganizationalUnitsForParentOutput{OrganizationalUnits: []orgtypes.OrganizationalUnit{}, NextToken: sp(next)}
	for _, u := range units {
		out.OrganizationalUnits = append(out.OrganizationalUnits, orgtypes.OrganizationalUnit{Id: p(u.ID), Name: p(u.Name), Arn: c.orgARN("ou", u.ID)})
	}
	return c.jsonReply(out), nil
}

func orgListAccountsForParent(c *call) (*reply, error) {
	accts, next, err := orgChildren(c, func(t *state.OrgTree) []state.OrgAccount { return t.Accounts }, func(a *state.OrgAccount) string { return a.ParentID })
	if err != nil {
		return nil, err
	}
	out := &organizations.ListAccountsForParentOutput{Accounts: []orgtypes.Account{}, NextToken: sp(next)}
	for _, a := range accts {
		acc := orgtypes.Account{Id: p(a.ID), Name: sp(a.Name), Email: sp(a.Email), State: orgtypes.AccountState(a.Status), Arn: c.orgARN("account", a.ID)}
		// The older Status field carries the states it knows.
		switch a.Status {
		case "ACTIVE", "SUSPENDED", "PENDING_CLOSURE":
			acc.Status = orgtypes.AccountStatus(a.Status)
		}
		out.Accounts = append(out.Accounts, acc)
	}
	return c.jsonReply(out), nil
}

func (c *call) org() (*state.Organization, error) {
	o := c.s.acct.Organization
	if o == nil {
		return nil, errf(400, "AWSOrganizationsNotInUseException", "Your account is not a member of an organization.")
	}
	return o, nil
}

func orgDescribeOrganization(c *call) (*reply, error) {
	o, err := c.org()
	if err != nil {
		return nil, err
	}
	return c.jsonReply(&organizations.DescribeOrganizationOutput{Organization: &orgtypes.Organization{
		Id: sp(o.ID), MasterAccountId: sp(o.MasterAccountID), FeatureSet: orgtypes.OrganizationFeatureSetAll,
		Arn:              p(c.s.acct.ARNPrefix() + "organizations::" + o.MasterAccountID + ":organization/" + o.ID),
		MasterAccountArn: p(c.s.acct.ARNPrefix() + "organizations::" + o.MasterAccountID + ":account/" + o.ID + "/" + o.MasterAccountID),
	}}), nil
}

func orgPolicySummary(c *call, s *state.SCP, typ orgtypes.PolicyType) *orgtypes.PolicySummary {
	return &orgtypes.PolicySummary{Id: sp(s.ID), Arn: sp(s.ARN), Name: sp(s.Name), Type: typ, AwsManaged: s.ID == "p-FullAWSAccess"}
}

// orgPolicies returns the state's policies of one type.
func orgPolicies(o *state.Organization, typ orgtypes.PolicyType) ([]state.SCP, bool) {
	switch typ {
	case orgtypes.PolicyTypeServiceControlPolicy:
		return o.SCPs, true
	case orgtypes.PolicyTypeBackupPolicy:
		return o.BackupPolicies, true
	case orgtypes.PolicyTypeTagPolicy:
		return o.TagPolicies, true
	}
	return nil, false
}

func orgListDelegatedAdministrators(c *call) (*reply, error) {
	o, err := c.org()
	if err != nil {
		return nil, err
	}
	start, end, next, err := c.pageOf(len(o.DelegatedAdmins), 20, 20)
	if err != nil {
		return nil, err
	}
	out := &organizations.ListDelegatedAdministratorsOutput{DelegatedAdministrators: []orgtypes.DelegatedAdministrator{}, NextToken: sp(next)}
	for _, d := range o.DelegatedAdmins[start:end] {
		out.DelegatedAdministrators = append(out.DelegatedAdministrators, orgtypes.DelegatedAdministrator{Id: p(d.AccountID), Name: sp(d.Name),
			Arn: p(c.s.acct.ARNPrefix() + "organizations::" + o.MasterAccountID + ":account/" + o.ID + "/" + d.AccountID), Status: orgtypes.AccountStatusActive})
	}
	return c.jsonReply(out), nil
}

func orgListDelegatedServicesForAccount(c *call) (*reply, error) {
	o, err := c.org()
	if err != nil {
		return nil, err
	}
	id := c.str("AccountId")
	c.resource = c.s.acct.ARNPrefix() + "organizations::" + o.MasterAccountID + ":account/" + o.ID + "/" + id
	for _, d := range o.DelegatedAdmins {
		if d.AccountID != id {
			continue
		}
		start, end, next, err := c.pageOf(len(d.ServicePrincipals), 20, 20)
		if err != nil {
			return nil, err
		}
		out := &organizations.ListDelegatedServicesForAccountOutput{DelegatedServices: []orgtypes.DelegatedService{}, NextToken: sp(next)}
		for _, s := range d.ServicePrincipals[start:end] {
			out.DelegatedServices = append(out.DelegatedServices, orgtypes.DelegatedService{ServicePrincipal: p(s)})
		}
		return c.jsonReply(out), nil
	}
	return nil, errf(400, "AccountNotRegisteredException", "The provided account is not a registered delegated administrator for your organization.")
}

func orgListAWSServiceAccess(c *call) (*reply, error) {
	o, err := c.org()
	if err != nil {
		return nil, err
	}
	start, end, next, err := c.pageOf(len(o.TrustedServices), 20, 20)
	if err != nil {
		return nil, err
	}
	out := &organizations.ListAWSServiceAccessForOrganizationOutput{EnabledServicePrincipals: []orgtypes.EnabledServicePrincipal{}, NextToken: sp(next)}
	for _, s := range o.TrustedServices[start:end] {
		out.EnabledServicePrincipals = append(out.EnabledServicePrincipals, orgtypes.EnabledServicePrincipal{ServicePrincipal: p(s)})
	}
	return c.jsonReply(out), nil
}

// orgListPolicies lists the state's SCPs. A member account that AWS would
// deny is modelled by the state itself: its SCP list is what it could read.
func orgListPolicies(c *call) (*reply, error) {
	o, err := c.org()
	if err != nil {
		return nil, err
	}
	typ := orgtypes.PolicyType(c.str("Filter"))
	list, ok := orgPolicies(o, typ)
	if !ok {
		return nil, errf(400, "InvalidInputException", "awsfake serves Filter=SERVICE_CONTROL_POLICY, BACKUP_POLICY or TAG_POLICY, not %q", typ)
	}
	start, end, next, err := c.pageOf(len(list), 20, 20)
	if err != nil {
		return nil, err
	}
	out := &organizations.ListPoliciesOutput{Policies: []orgtypes.PolicySummary{}, NextToken: sp(next)}
	for i := start; i < end; i++ {
		out.Policies = append(out.Policies, *orgPolicySummary(c, &list[i], typ))
	}
	return c.jsonReply(out), nil
}

func (c *call) scp() (*state.SCP, orgtypes.PolicyType, error) {
	o, err := c.org()
	if err != nil {
		return nil, "", err
	}
	id := c.str("PolicyId")
	c.resource = id
	for _, typ := range []orgtypes.PolicyType{orgtypes.PolicyTypeServiceControlPolicy, orgtypes.PolicyTypeBackupPolicy, orgtypes.PolicyTypeTagPolicy} {
		list, _ := orgPolicies(o, typ)
		for i := range list {
			if list[i].ID == id {
				c.resource = list[i].ARN
				return &list[i], typ, nil
			}
		}
	}
	return nil, "", errf(400, "PolicyNotFoundException", "We can't find a policy with the PolicyId that you specified.")
}

func orgDescribePolicy(c *call) (*reply, error) {
	s, typ, err := c.scp()
	if err != nil {
		return nil, err
	}
	return c.jsonReply(&organizations.DescribePolicyOutput{Policy: &orgtypes.Policy{PolicySummary: orgPolicySummary(c, s, typ), Content: p(s.Document)}}), nil
}

func orgListTargetsForPolicy(c *call) (*reply, error) {
	s, _, err := c.scp()
	if err != nil {
		return nil, err
	}
	start, end, next, err := c.pageOf(len(s.Targets), 20, 20)
	if err != nil {
		return nil, err
	}
	out := &organizations.ListTargetsForPolicyOutput{Targets: []orgtypes.PolicyTargetSummary{}, NextToken: sp(next)}
	for _, t := range s.Targets[start:end] {
		typ := orgtypes.TargetTypeAccount
		switch {
		case strings.HasPrefix(t, "r-"):
			typ = orgtypes.TargetTypeRoot
		case strings.HasPrefix(t, "ou-"):
			typ = orgtypes.TargetTypeOrganizationalUnit
		}
		out.Targets = append(out.Targets, orgtypes.PolicyTargetSummary{TargetId: p(t), Name: p(t), Type: typ,
			Arn: p(c.s.acct.ARNPrefix() + "organizations::" + c.s.acct.AccountID + ":target/" + t)})
	}
	return c.jsonReply(out), nil
}

// ---- GuardDuty (restJson1) ----

func (s *Server) guarddutyService() *service {
	return &service{name: "guardduty", proto: protoRestJSON,
		routes: []route{
			rt("GET", "/detector", "ListDetectors"),
			rt("GET", "/detector/{DetectorId}", "GetDetector"),
			rt("GET", "/detector/{DetectorId}/administrator", "GetAdministratorAccount"),
			rt("GET", "/detector/{DetectorId}/admin", "DescribeOrganizationConfiguration"),
			rt("POST", "/detector/{DetectorId}/findings/statistics", "GetFindingsStatistics"),
			rt("POST", "/detector", "CreateDetector"),
			rt("POST", "/detector/{DetectorId}", "UpdateDetector"),
			rt("DELETE", "/detector/{DetectorId}", "DeleteDetector"),
		},
		ops: map[string]handler{
			"ListDetectors":           gdListDetectors,
			"GetDetector":             gdDetector(gdGetDetector),
			"GetAdministratorAccount": gdDetector(gdGetAdministratorAccount),
			"GetFindingsStatistics":   gdDetector(gdGetFindingsStatistics),

			"DescribeOrganizationConfiguration": gdDetector(gdDescribeOrganizationConfiguration),
		}}
}

func gdListDetectors(c *call) (*reply, error) {
	ds := c.s.idx.detectors[c.region]
	start, end, next, err := c.pageOfLower(len(ds), 50, 50)
	if err != nil {
		return nil, err
	}
	out := &guardduty.ListDetectorsOutput{DetectorIds: []string{}, NextToken: sp(next)}
	for _, d := range ds[start:end] {
		out.DetectorIds = append(out.DetectorIds, d.ID)
	}
	return c.jsonReply(out), nil
}

func gdDetector(h func(c *call, d *state.Detector) (*reply, error)) handler {
	return func(c *call) (*reply, error) {
		id := c.labels["DetectorId"]
		c.resource = id
		for _, d := range c.s.idx.detectors[c.region] {
			if d.ID == id {
				return h(c, d)
			}
		}
		return nil, errf(400, "BadRequestException", "The request is rejected because the input detectorId is not owned by the current account.")
	}
}

func gdGetDetector(c *call, d *state.Detector) (*reply, error) {
	out := &guardduty.GetDetectorOutput{Status: gdtypes.DetectorStatus(d.Status), ServiceRole: p("arn:aws:iam::" + c.s.acct.AccountID + ":role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty"),
		FindingPublishingFrequency: gdtypes.FindingPublishingFrequencySixHours, Tags: d.Tags}
	for _, name := range sortedKeys(d.Features) {
		out.Features = append(out.Features, gdtypes.DetectorFeatureConfigurationResult{Name: gdtypes.DetectorFeatureResult(name), Status: gdtypes.FeatureStatus(d.Features[name])})
	}
	return c.jsonReply(out), nil
}

// gdDescribeOrganizationConfiguration answers for a detector of the
// GuardDuty delegated administrator (one with an organization
// configuration in the state); any other account is refused, as AWS does.
func gdDescribeOrganizationConfiguration(c *call, d *state.Detector) (*reply, error) {
	for _, oc := range c.s.acct.GuardDuty.OrgConfigs {
		if oc.Region == d.Region && oc.DetectorID == d.ID {
			return c.jsonReply(&guardduty.DescribeOrganizationConfigurationOutput{AutoEnableOrganizationMembers: gdtypes.AutoEnableMembers(oc.AutoEnable),
				MemberAccountLimitReached: p(false), AutoEnable: p(oc.AutoEnable != "NONE")}), nil
		}
	}
	return nil, errf(400, "BadRequestException", "The request is rejected because the current account is not the GuardDuty delegated administrator.")
}

func gdGetAdministratorAccount(c *call, d *state.Detector) (*reply, error) {
	out := &guardduty.GetAdministratorAccountOutput{}
	if d.AdministratorAccountID != "" {
		out.Administrator = &gdtypes.Administrator{AccountId: p(d.AdministratorAccountID), RelationshipStatus: p("Enabled"), InvitationId: p("fake-invitation")}
	}
	return c.jsonReply(out), nil
}

// gdGetFindingsStatistics reports the detector's active high-severity
// findings, as counts by severity (severity 8.0 stands for "high").
func gdGetFindingsStatistics(c *call, d *state.Detector) (*reply, error) {
	stats := &gdtypes.FindingStatistics{CountBySeverity: map[string]int32{}}
	if n := d.HighSeverityFindings; n > 0 {
		stats.CountBySeverity["8.0"] = int32(n)
		stats.GroupedBySeverity = []gdtypes.SeverityStatistics{{Severity: p(8.0), TotalFindings: p(int32(n))}}
	}
	return c.jsonReply(&guardduty.GetFindingsStatisticsOutput{FindingStatistics: stats}), nil
}

// ---- IAM Access Analyzer (restJson1, old codegen) ----

func (s *Server) accessAnalyzerService() *service {
	return &service{name: "access-analyzer", proto: protoRestJSON,
		routes: []route{
			rt("GET", "/analyzer", "ListAnalyzers"),
			rt("PUT", "/analyzer", "CreateAnalyzer"),
			rt("POST", "/findingv2", "ListFindingsV2"),
		},
		ops: map[string]handler{"ListAnalyzers": aaListAnalyzers, "ListFindingsV2": aaListFindingsV2}}
}

// aaPage pages an Access Analyzer listing (maxResults up to 1000, default
// 100; nextToken).
func (c *call) aaPage(n int) (start, end int, next string, err error) {
	mx, err := c.num("maxResults", 0)
	if err != nil {
		return 0, 0, "", err
	}
	return page(c.action, n, c.str("nextToken"), mx, 100, 1000)
}

// aaListFindingsV2 lists the account's findings of one analyzer, honouring
// a status filter (the collector asks for ACTIVE ones).
func aaListFindingsV2(c *call) (*reply, error) {
	arn := c.str("analyzerArn")
	var xs []*state.AnalyzerFinding
	known := false
	for i := range c.s.acct.IAM.AccessAnalyzers {
		known = known || c.s.acct.IAM.AccessAnalyzers[i].ARN == arn
	}
	if !known {
		return nil, errf(404, "ResourceNotFoundException", "Analyzer %s not found", arn)
	}
	var want []string
	if f, ok := c.body["filter"].(map[string]any); ok {
		if st, ok := f["status"].(map[string]any); ok {
			if eq, ok := st["eq"].([]any); ok {
				for _, v := range eq {
					if s, ok := v.(string); ok {
						want = append(want, s)
					}
				}
			}
		}
	}
	for i := range c.s.acct.IAM.AnalyzerFindings {
		f := &c.s.acct.IAM.AnalyzerFindings[i]
		if f.Analyzer == arn && (len(want) == 0 || containsStr(want, f.Status)) {
			xs = append(xs, f)
		}
	}
	start, end, next, err := c.aaPage(len(xs))
	if err != nil {
		return nil, err
	}
	type finding struct {
		ID                   string `json:"id"`
		Resource             string `json:"resource"`
		ResourceType         string `json:"resourceType"`
		ResourceOwnerAccount string `json:"resourceOwnerAccount"`
		Status               string `json:"status"`
		FindingType          string `json:"findingType"`
		AnalyzedAt           string `json:"analyzedAt"`
		CreatedAt            string `json:"createdAt"`
		UpdatedAt            string `json:"updatedAt"`
	}
	out := struct {
		Findings  []finding `json:"findings"`
		NextToken *string   `json:"nextToken,omitempty"`
	}{Findings: []finding{}, NextToken: sp(next)}
	at := c.s.acct.CollectedAt.UTC().Format("2006-01-02T15:04:05Z")
	for _, f := range xs[start:end] {
		out.Findings = append(out.Findings, finding{f.ID, f.Resource, f.ResourceType, c.s.acct.AccountID, f.Status, "ExternalAccess", at, at, at})
	}
	return c.rawJSON(out)
}

func aaListAnalyzers(c *call) (*reply, error) {
	xs := c.s.idx.analyzer[c.region]
	if t := c.str("type"); t != "" {
		var f []*state.Analyzer
		for _, a := range xs {
			if a.Type == t {
				f = append(f, a)
			}
		}
		xs = f
	}
	start, end, next, err := c.aaPage(len(xs))
	if err != nil {
		return nil, err
	}
	type analyzer struct {
		Arn       string            `json:"arn"`
		Name      string            `json:"name"`
		Type      string            `json:"type"`
		Status    string            `json:"status"`
		CreatedAt string            `json:"createdAt"`
		Tags      map[string]string `json:"tags,omitempty"`
	}
	out := struct {
		Analyzers []analyzer `json:"analyzers"`
		NextToken *string    `json:"nextToken,omitempty"`
	}{Analyzers: []analyzer{}, NextToken: sp(next)}
	for _, a := range xs[start:end] {
		out.Analyzers = append(out.Analyzers, analyzer{a.ARN, a.Name, a.Type, a.Status, c.s.acct.CollectedAt.UTC().Format("2006-01-02T15:04:05Z"), a.Tags})
	}
	return c.rawJSON(out)
}

// ---- Account (restJson1, old codegen, global) ----

func (s *Server) accountService() *service {
	return &service{name: "account", proto: protoRestJSON, global: true,
		routes: []route{
			rt("POST", "/getAlternateContact", "GetAlternateContact"),
			rt("POST", "/putAlternateContact", "PutAlternateContact"),
			rt("POST", "/deleteAlternateContact", "DeleteAlternateContact"),
		},
		ops: map[string]handler{"GetAlternateContact": acctGetAlternateContact}}
}

// acctGetAlternateContact answers the SECURITY contact: present when the
// state says it is set, ResourceNotFoundException when it says it is not.
func acctGetAlternateContact(c *call) (*reply, error) {
	if t := c.str("AlternateContactType"); t != "SECURITY" {
		return nil, errf(400, "ValidationException", "awsfake serves only the SECURITY contact, not %q", t)
	}
	set := c.s.acct.IAM.SecurityContactSet
	if set == nil || !*set {
		return nil, errf(404, "ResourceNotFoundException", "No contact of the inputted alternate contact type found.")
	}
	type contact struct {
		AlternateContactType string `json:"AlternateContactType"`
		EmailAddress         string `json:"EmailAddress"`
		Name                 string `json:"Name"`
		PhoneNumber          string `json:"PhoneNumber"`
		Title                string `json:"Title"`
	}
	return c.rawJSON(struct {
		AlternateContact contact `json:"AlternateContact"`
	}{contact{"SECURITY", "security@example.com", "Security Team", "+1 555 0100", "CISO"}})
}
