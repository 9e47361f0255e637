package checks

import (
	"fmt"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// Org-aware verdicts: the organization-wide facts a member inherits from
// the management (or a delegated-administrator) account
// (state.Account.OrgFacts, attached by ApplyOrgFacts before evaluation).
// Every check that judges an organization fact asks orgView, so one rule
// decides where the facts come from; facts that were not read are unknown
// (their gaps travel with them), never a pass.

// orgFacts is where an account's organization facts come from.
type orgFacts struct {
	// org is nil when the account is standalone (or membership unknown).
	org *state.Organization
	// gaps are the gaps that go with org: the source account's when the
	// facts were applied, else the account's own.
	gaps *state.Gaps
	// applied is true when the facts come from another account's scan.
	applied bool
	// source names the accounts they were read from (OrgFacts.From), for messages.
	source string
}

// orgView returns the organization facts to judge account a by: those
// applied from the management account's scan when present, else what the
// account read itself.
func orgView(a *state.Account) orgFacts {
	if f := a.OrgFacts; f != nil {
		return orgFacts{org: &f.Organization, gaps: &f.Gaps, applied: true, source: f.From()}
	}
	return orgFacts{org: a.Organization, gaps: &a.Gaps, source: a.AccountID}
}

// from says where a fact was read, for messages (empty for the account's
// own reads).
func (v orgFacts) from() string {
	if !v.applied {
		return ""
	}
	return fmt.Sprintf(" (read from %s)", v.source)
}

// isManagement reports whether a is its organization's management account.
func isManagement(a *state.Account) bool {
	if a.Organization != nil && (a.Organization.IsManagementAccount || a.Organization.MasterAccountID == a.AccountID) {
		return true
	}
	return a.OrgFacts != nil && a.OrgFacts.Organization.MasterAccountID == a.AccountID
}

// orgFactTrail returns the applied facts' copy of an organization trail
// (same ARN): the management account reads its status and selectors,
// which a member often cannot.
func orgFactTrail(a *state.Account, arn string) (state.Trail, bool) {
	if a.OrgFacts == nil {
		return state.Trail{}, false
	}
	for _, t := range a.OrgFacts.Trails {
		if t.ARN == arn {
			return t, true
		}
	}
	return state.Trail{}, false
}

// orgTrailCovering returns an organization trail from the applied facts
// that logs read and write management events in every region, with its
// status read: AWS applies an organization trail to every member account.
func orgTrailCovering(a *state.Account) (state.Trail, bool) {
	if a.OrgFacts == nil {
		return state.Trail{}, false
	}
	for _, t := range a.OrgFacts.Trails {
		if _, gapped := a.OrgFacts.Gaps.ForInputs(t.HomeRegion, t.ARN, state.InputCloudTrailStatus, state.InputCloudTrailEventSelectors); gapped {
			continue
		}
		if t.IsOrganization && t.IsMultiRegion && t.IsLogging && t.ManagementEvents && (t.ReadWriteType == "" || t.ReadWriteType == "All") {
			return t, true
		}
	}
	return state.Trail{}, false
}

// orgGuardDutyAll returns the GuardDuty organization configuration of a
// region when it auto-enables every member (AutoEnableOrganizationMembers
// ALL: AWS documents that GuardDuty is then enabled for all member
// accounts, existing and new). NEW covers only accounts that join later
// and is not evidence for an existing account.
func orgGuardDutyAll(a *state.Account, region string) (state.GuardDutyOrgConfig, bool) {
	if a.OrgFacts == nil {
		return state.GuardDutyOrgConfig{}, false
	}
	for _, c := range a.OrgFacts.GuardDuty {
		if c.Region == region && c.AutoEnable == "ALL" {
			return c, true
		}
	}
	return state.GuardDutyOrgConfig{}, false
}

// orgAnalyzerIn returns an active analyzer whose zone of trust is the
// organization in a region, from the applied facts: it analyses every
// member account's resources in that region.
func orgAnalyzerIn(a *state.Account, region string) (state.Analyzer, bool) {
	if a.OrgFacts == nil {
		return state.Analyzer{}, false
	}
	for _, an := range a.OrgFacts.Analyzers {
		if an.Region == region && an.Type == "ORGANIZATION" && an.Status == "ACTIVE" {
			return an, true
		}
	}
	return state.Analyzer{}, false
}
