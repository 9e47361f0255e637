package state

import (
	"fmt"
	"slices"
	"strings"
)

// OrgAccount is one account of an AWS Organization as the management (or a
// delegated-administrator) account lists it.
type OrgAccount struct {
	ID    string `json:"id"`
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	// Status is Organizations' account state: ACTIVE, SUSPENDED,
	// PENDING_CLOSURE or CLOSED (the older Status field's values are mapped
	// onto these).
	Status string `json:"status"`
	// ParentID is the root (r-...) or organizational unit (ou-...) the
	// account sits in directly.
	ParentID string `json:"parent_id"`
}

// OrgUnit is one organizational unit of the OU tree.
type OrgUnit struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// ParentID is the root or OU the unit sits in.
	ParentID string `json:"parent_id"`
}

// OrgRoot is the root of the OU tree (an organization has one).
type OrgRoot struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

// OrgTree is the organization's structure: its roots, organizational
// units and accounts, each pointing at its parent. It is read once per
// organization run from the management or a delegated-administrator
// account; it is empty when the caller may not list it.
type OrgTree struct {
	Roots    []OrgRoot    `json:"roots,omitempty"`
	Units    []OrgUnit    `json:"units,omitempty"`
	Accounts []OrgAccount `json:"accounts,omitempty"`
}

// Account returns the account with the given ID.
func (t *OrgTree) Account(id string) (OrgAccount, bool) {
	if t == nil {
		return OrgAccount{}, false
	}
	for _, a := range t.Accounts {
		if a.ID == id {
			return a, true
		}
	}
	return OrgAccount{}, false
}

// Ancestors returns the IDs of the parents of a target (account or OU),
// nearest first, ending with the root: the targets whose attached policies
// (SCPs, backup and tag policies) apply to it. The result is nil when the
// target is not in the tree.
func (t *OrgTree) Ancestors(id string) []string {
	if t == nil {
		return nil
	}
	parent := map[string]string{}
	for _, a := range t.Accounts {
		parent[a.ID] = a.ParentID
	}
	for _, u := range t.Units {
		parent[u.ID] = u.ParentID
	}
	p, ok := parent[id]
	if !ok {
		return nil
	}
	var out []string
	for seen := map[string]bool{}; p != "" && !seen[p]; p = parent[p] {
		seen[p] = true
		out = append(out, p)
	}
	return out
}

// Path returns the names of the OUs from the root down to a target's
// parent, joined by "/" and starting with "Root" (for example
// "Root/Workloads/Prod"); empty when the target is not in the tree.
func (t *OrgTree) Path(id string) string {
	anc := t.Ancestors(id)
	if anc == nil {
		return ""
	}
	names := map[string]string{}
	for _, r := range t.Roots {
		names[r.ID] = "Root"
	}
	for _, u := range t.Units {
		names[u.ID] = u.Name
	}
	parts := make([]string, 0, len(anc))
	for i := len(anc) - 1; i >= 0; i-- {
		n := names[anc[i]]
		if n == "" {
			n = anc[i]
		}
		parts = append(parts, n)
	}
	return strings.Join(parts, "/")
}

// DelegatedAdmin is an account the management account registered as the
// delegated administrator of one or more AWS services
// (ListDelegatedAdministrators, ListDelegatedServicesForAccount).
type DelegatedAdmin struct {
	AccountID string `json:"account_id"`
	Name      string `json:"name,omitempty"`
	// ServicePrincipals are the services it administers, e.g.
	// guardduty.amazonaws.com.
	ServicePrincipals []string `json:"service_principals,omitempty"`
}

// GuardDutyOrgConfig is GuardDuty's organization configuration in one
// region, as the GuardDuty delegated administrator reads it
// (DescribeOrganizationConfiguration on its detector).
type GuardDutyOrgConfig struct {
	Region     string `json:"region"`
	DetectorID string `json:"detector_id"`
	// AutoEnable is AutoEnableOrganizationMembers: ALL (every member,
	// existing and new), NEW (accounts that join later) or NONE.
	AutoEnable string `json:"auto_enable"`
}

// SecurityHubOrgConfig is Security Hub's organization configuration in
// one region (DescribeOrganizationConfiguration, read by the Security Hub
// delegated administrator).
type SecurityHubOrgConfig struct {
	Region string `json:"region"`
	// AutoEnable is true when Security Hub is turned on in accounts that
	// join the organization later (AWS documents it for new accounts only).
	AutoEnable bool `json:"auto_enable"`
	// ConfigurationType is CENTRAL (configuration policies) or LOCAL.
	ConfigurationType string `json:"configuration_type,omitempty"`
}

// ConfigAggregator is an AWS Config configuration aggregator.
type ConfigAggregator struct {
	Meta
	Name string `json:"name"`
	// Organization is true when the aggregator's source is the whole
	// organization (OrganizationAggregationSource), not a list of accounts.
	Organization bool `json:"organization,omitempty"`
	// AllRegions is true when it aggregates every current and future region.
	AllRegions bool `json:"all_regions,omitempty"`
}

// Centralised root access features (iam:ListOrganizationsFeatures).
const (
	OrgFeatureRootCredentials = "RootCredentialsManagement"
	OrgFeatureRootSessions    = "RootSessions"
)

// Security service principals whose delegated administrator matters.
const (
	PrincipalGuardDuty      = "guardduty.amazonaws.com"
	PrincipalSecurityHub    = "securityhub.amazonaws.com"
	PrincipalConfig         = "config.amazonaws.com"
	PrincipalAccessAnalyzer = "access-analyzer.amazonaws.com"
	PrincipalMacie          = "macie.amazonaws.com"
	PrincipalInspector      = "inspector2.amazonaws.com"
)

// AppliesTo reports whether an organization policy (SCP, backup or tag
// policy) attached to targets applies to the account: it is attached to
// the account itself, to the root, or to an OU the tree places above the
// account. known is false when the answer needs the tree and it was not
// read (the policy sits on an OU and the account's place is unknown).
func (t *OrgTree) AppliesTo(targets []string, accountID string) (applies, known bool) {
	anc := t.Ancestors(accountID)
	above := map[string]bool{}
	for _, x := range anc {
		above[x] = true
	}
	onOU := false
	for _, x := range targets {
		switch {
		case x == accountID, strings.HasPrefix(x, "r-"), above[x]:
			return true, true
		case strings.HasPrefix(x, "ou-"):
			onOU = true
		}
	}
	if onOU && anc == nil {
		return false, false
	}
	return false, true
}

// OrgFacts are the organization-wide facts read once, from the management
// (or a delegated-administrator) account, and attached to every member's
// state before evaluation (Account.ApplyOrgFacts): the organization's
// policies, tree, delegated administrators and org-wide service settings,
// the organization trails and organization analyzers. Gaps are the source
// account's gaps on those reads: a fact it could not read is unknown for
// every member, never absent.
type OrgFacts struct {
	// SourceAccountID is the account the facts were read from.
	SourceAccountID string       `json:"source_account_id"`
	Organization    Organization `json:"organization"`
	// Trails are the source account's organization trails
	// (IsOrganization), with their status.
	Trails []Trail `json:"trails,omitempty"`
	// Analyzers are the source account's Access Analyzer analyzers whose
	// zone of trust is the organization (type ORGANIZATION).
	Analyzers []Analyzer `json:"analyzers,omitempty"`
	// GuardDuty, SecurityHub and ConfigAggregators are the source
	// account's regional organization settings.
	GuardDuty         []GuardDutyOrgConfig   `json:"guardduty,omitempty"`
	SecurityHub       []SecurityHubOrgConfig `json:"securityhub,omitempty"`
	ConfigAggregators []ConfigAggregator     `json:"config_aggregators,omitempty"`
	Gaps              Gaps                   `json:"gaps"`
	// Sources are the accounts merged into these facts (MergeOrgFacts),
	// SourceAccountID first; empty when it is the only one.
	Sources []string `json:"sources,omitempty"`
}

// orgFactInputs are the inputs OrgFacts carry; the source account's gaps
// on the operations that fill them travel with the facts.
var orgFactInputs = []Input{
	InputOrganization, InputSCPs, InputSCPDocuments, InputSCPTargets,
	InputOrgDelegatedAdmins, InputOrgDelegatedServices, InputOrgTrustedServices,
	InputIAMOrgFeatures, InputGuardDutyOrgConfig, InputSecurityHubOrgConfig, InputConfigAggregators,
	InputCloudTrailTrails, InputCloudTrailStatus, InputCloudTrailEventSelectors, InputAccessAnalyzers,
}

// OrgFactsOf extracts the organization-wide facts from the state of the
// management (or a delegated-administrator) account. It returns nil when
// that account's organization is unknown (not read, or standalone): there
// are then no facts to apply.
func OrgFactsOf(src *Account) *OrgFacts {
	if src == nil || src.Organization == nil {
		return nil
	}
	f := &OrgFacts{SourceAccountID: src.AccountID, Organization: *src.Organization}
	for _, t := range src.CloudTrail.Trails {
		if t.IsOrganization {
			f.Trails = append(f.Trails, t)
		}
	}
	f.GuardDuty = src.GuardDuty.OrgConfigs
	f.SecurityHub = src.SecurityHub.OrgConfigs
	f.ConfigAggregators = src.Config.Aggregators
	for _, an := range src.IAM.AccessAnalyzers {
		if an.Type == "ORGANIZATION" {
			f.Analyzers = append(f.Analyzers, an)
		}
	}
	ops := map[OperationRef]bool{}
	for _, in := range orgFactInputs {
		for _, o := range in.Operations() {
			ops[o] = true
		}
	}
	for _, g := range src.Gaps.All() {
		if g.Service == AllOperations || ops[OperationRef{Service: g.Service, Operation: g.Operation}] ||
			(g.Operation == AllOperations && serviceFillsFacts(ops, g.Service)) {
			f.Gaps.Add(g)
		}
	}
	return f
}

func serviceFillsFacts(ops map[OperationRef]bool, service string) bool {
	for o := range ops {
		if o.Service == service {
			return true
		}
	}
	return false
}

// ApplyOrgFacts attaches the organization's facts to a member account's
// state before its checks run. Facts of another organization are refused
// (the member's own reads then stand alone); nil facts change nothing.
func (a *Account) ApplyOrgFacts(f *OrgFacts) error {
	if f == nil {
		return nil
	}
	if a.Organization != nil && a.Organization.ID != "" && f.Organization.ID != "" && a.Organization.ID != f.Organization.ID {
		return fmt.Errorf("org facts of %s cannot apply to account %s, a member of %s", f.Organization.ID, a.AccountID, a.Organization.ID)
	}
	a.OrgFacts = f
	return nil
}

// MergeOrgFacts joins the organization-wide facts read from two accounts
// of one organization (the caller's, and the management account's or a
// delegated administrator's: only GuardDuty's and Security Hub's delegated
// administrators read their organization configuration, only the
// management account or Organizations' delegated administrator the
// policies and delegated administrators) into new facts; f and g are not
// changed (members already judged by f keep it whole). A fact either
// account read is known: regional settings, trails, analyzers and
// aggregators are joined (the copy read without a gap wins); an
// organization-level list f's source could not read is g's when g's
// source could. A gap stays only where neither read the fact. Facts of
// two organizations are refused. SourceAccountID stays f's; Sources lists
// every account merged.
func MergeOrgFacts(f, g *OrgFacts) (*OrgFacts, error) {
	switch {
	case f == nil:
		return g, nil
	case g == nil:
		return f, nil
	case f.Organization.ID != "" && g.Organization.ID != "" && f.Organization.ID != g.Organization.ID:
		return nil, fmt.Errorf("org facts of %s and %s cannot be merged", f.Organization.ID, g.Organization.ID)
	}
	m := &OrgFacts{SourceAccountID: f.SourceAccountID, Organization: f.Organization}
	m.Sources = appendNew(appendNew(append([]string(nil), f.sources()...), g.sources()...))
	if m.Organization.ID == "" {
		m.Organization.ID = g.Organization.ID
	}
	if m.Organization.MasterAccountID == "" {
		m.Organization.MasterAccountID = g.Organization.MasterAccountID
	}
	if m.Organization.Tree == nil {
		m.Organization.Tree = g.Organization.Tree
	}
	// Organization-level lists: f's unless f could not read them and g could.
	missing := func(x *OrgFacts, ins ...Input) bool { _, gap := x.Gaps.ForInputs("", "", ins...); return gap }
	take := func(ins ...Input) bool { return missing(f, ins...) && !missing(g, ins...) }
	if take(InputSCPs, InputSCPDocuments, InputSCPTargets) {
		m.Organization.SCPs, m.Organization.BackupPolicies, m.Organization.TagPolicies = g.Organization.SCPs, g.Organization.BackupPolicies, g.Organization.TagPolicies
	}
	if take(InputOrgDelegatedAdmins, InputOrgDelegatedServices) {
		m.Organization.DelegatedAdmins = g.Organization.DelegatedAdmins
	}
	if take(InputOrgTrustedServices) {
		m.Organization.TrustedServices = g.Organization.TrustedServices
	}
	if take(InputIAMOrgFeatures) {
		m.Organization.IAMFeatures = g.Organization.IAMFeatures
	}
	// Per region or resource: every copy either read, f's first unless
	// only g's was read without a gap.
	m.GuardDuty = joinFacts(f.GuardDuty, g.GuardDuty, func(c GuardDutyOrgConfig) string { return c.Region })
	m.SecurityHub = joinFacts(f.SecurityHub, g.SecurityHub, func(c SecurityHubOrgConfig) string { return c.Region })
	m.ConfigAggregators = joinFacts(f.ConfigAggregators, g.ConfigAggregators, func(c ConfigAggregator) string { return c.Region + "\x00" + c.Name })
	m.Analyzers = joinFacts(f.Analyzers, g.Analyzers, func(a Analyzer) string { return a.ARN })
	trailGap := func(x *OrgFacts, t Trail) bool {
		_, gap := x.Gaps.ForInputs(t.HomeRegion, t.ARN, InputCloudTrailStatus, InputCloudTrailEventSelectors)
		return gap
	}
	m.Trails = append([]Trail(nil), f.Trails...)
	for _, t := range g.Trails {
		i := slices.IndexFunc(m.Trails, func(x Trail) bool { return x.ARN == t.ARN })
		switch {
		case i < 0:
			m.Trails = append(m.Trails, t)
		case trailGap(f, m.Trails[i]) && !trailGap(g, t):
			m.Trails[i] = t
		}
	}
	// A gap of one source stays when the other did not read the fact
	// either: a gap on the same call, or, for one resource, the resource
	// not among its facts or read with a gap too.
	readBy := func(x *OrgFacts, gp Gap) bool {
		if _, gap := x.Gaps.find(gp.Service, gp.Region, gp.Operation, gp.Resource); gap {
			return false
		}
		if gp.Resource == "" {
			return true
		}
		return slices.ContainsFunc(x.Trails, func(t Trail) bool { return t.ARN == gp.Resource })
	}
	for _, gp := range f.Gaps.All() {
		if !readBy(g, gp) {
			m.Gaps.Add(gp)
		}
	}
	for _, gp := range g.Gaps.All() {
		if !readBy(f, gp) {
			m.Gaps.Add(gp)
		}
	}
	return m, nil
}

// sources lists the accounts the facts were read from.
func (f *OrgFacts) sources() []string {
	if len(f.Sources) > 0 {
		return f.Sources
	}
	return []string{f.SourceAccountID}
}

func appendNew(xs []string, ys ...string) []string {
	for _, y := range ys {
		if y != "" && !slices.Contains(xs, y) {
			xs = append(xs, y)
		}
	}
	return xs
}

// joinFacts is xs and the ys whose key is not among xs.
func joinFacts[T any](xs, ys []T, key func(T) string) []T {
	out := append([]T(nil), xs...)
	seen := map[string]bool{}
	for _, x := range xs {
		seen[key(x)] = true
	}
	for _, y := range ys {
		if !seen[key(y)] {
			seen[key(y)] = true
			out = append(out, y)
		}
	}
	return out
}

// From names the accounts the facts were read from, for messages:
// "account ID", or "accounts ID, ID" for merged facts.
func (f *OrgFacts) From() string {
	if s := f.sources(); len(s) > 1 {
		return "accounts " + strings.Join(s, ", ")
	}
	return "account " + f.SourceAccountID
}
