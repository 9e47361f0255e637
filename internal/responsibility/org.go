package responsibility

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/textsafe"
)

// OrgMatrix is the duty matrix over an organization: per service, how many
// accounts use it and, per duty, how many accounts meet it (and how many
// do not, partly, or could not be judged).
type OrgMatrix struct {
	OrganizationID string `json:"organization_id,omitempty"`
	// Accounts are the accounts the matrix covers, in the order added.
	Accounts []OrgMatrixAccount `json:"accounts"`
	// Services are the services some account uses, in catalog order.
	Services []OrgServiceRow `json:"services"`
}

// OrgMatrixAccount is one account of an organization matrix.
type OrgMatrixAccount struct {
	ID     string `json:"id"`
	Name   string `json:"name,omitempty"`
	OUPath string `json:"ou_path,omitempty"`
	// Read is full, partial or none; an account not read counts in no
	// duty (Reason says why).
	Read   string `json:"read"`
	Reason string `json:"reason,omitempty"`
}

// OrgServiceRow is one service over the organization.
type OrgServiceRow struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Model Model  `json:"model"`
	// Accounts counts the accounts that use the service (or, for an
	// account-wide service, every account read).
	Accounts int          `json:"accounts"`
	Duties   []OrgDutyRow `json:"duties"`
}

// OrgDutyRow is one duty over the organization: the number of accounts in
// each status (of those that use the service).
type OrgDutyRow struct {
	ID       string             `json:"id"`
	Title    string             `json:"title"`
	Area     check.Area         `json:"area"`
	Accounts map[DutyStatus]int `json:"accounts"`
	// NotMetIn lists the accounts that do not meet the duty (not met or
	// partly met), for `scan --check` in that account.
	NotMetIn []string `json:"not_met_in,omitempty"`
}

// Met counts the accounts that meet the duty, and Of those judged or to
// judge (every status but not_applicable).
func (d OrgDutyRow) Met() int { return d.Accounts[Met] }

// Of counts the accounts the duty applies to.
func (d OrgDutyRow) Of() int {
	n := 0
	for s, c := range d.Accounts {
		if s != NotApplicable {
			n += c
		}
	}
	return n
}

// OrgBuilder folds one account's matrix at a time into an organization
// matrix: only the counts are kept, never the accounts' states.
type OrgBuilder struct {
	m   *OrgMatrix
	svc map[string]int
	cat *Catalog
}

// NewOrgBuilder starts an organization matrix over the catalog.
func NewOrgBuilder(c *Catalog, organizationID string) *OrgBuilder {
	b := &OrgBuilder{m: &OrgMatrix{OrganizationID: organizationID, Accounts: []OrgMatrixAccount{}, Services: []OrgServiceRow{}}, svc: map[string]int{}, cat: c}
	for _, s := range c.Services {
		row := OrgServiceRow{ID: s.ID, Name: s.Name, Model: s.Model}
		for _, d := range s.Duties {
			row.Duties = append(row.Duties, OrgDutyRow{ID: d.ID, Title: d.Title, Area: d.Area, Accounts: map[DutyStatus]int{}})
		}
		b.svc[s.ID] = len(b.m.Services)
		b.m.Services = append(b.m.Services, row)
	}
	return b
}

// Add folds in one account's matrix (built by Build with the catalog's
// services in use) under its name and OU path.
func (b *OrgBuilder) Add(m *Matrix, name, ouPath, read string) {
	if name == "" {
		name = m.AccountName
	}
	b.m.Accounts = append(b.m.Accounts, OrgMatrixAccount{ID: m.AccountID, Name: name, OUPath: ouPath, Read: read})
	for _, s := range m.Services {
		i, ok := b.svc[s.ID]
		if !ok {
			continue
		}
		row := &b.m.Services[i]
		row.Accounts++
		for j, d := range s.Duties {
			if j >= len(row.Duties) || row.Duties[j].ID != d.ID {
				continue // the catalog is the same for every account
			}
			od := &row.Duties[j]
			od.Accounts[d.Status]++
			if d.Status == NotMet || d.Status == PartlyMet {
				od.NotMetIn = append(od.NotMetIn, m.AccountID)
			}
		}
	}
}

// AddUnread lists an account that could not be read.
func (b *OrgBuilder) AddUnread(id, reason string) {
	b.m.Accounts = append(b.m.Accounts, OrgMatrixAccount{ID: id, Read: "none", Reason: reason})
}

// Matrix returns the organization matrix: services no account uses are
// left out.
func (b *OrgBuilder) Matrix() *OrgMatrix {
	var keep []OrgServiceRow
	for _, s := range b.m.Services {
		if s.Accounts > 0 {
			keep = append(keep, s)
		}
	}
	b.m.Services = append([]OrgServiceRow{}, keep...)
	return b.m
}

// OrgJSON writes the organization matrix as indented JSON.
func OrgJSON(w io.Writer, m *OrgMatrix, version string) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	doc := struct {
		SchemaVersion int    `json:"schema_version"`
		Tool          string `json:"tool"`
		Version       string `json:"version"`
		Kind          string `json:"kind"`
		*OrgMatrix
	}{JSONSchemaVersion, "shoulder", version, "organization-responsibility-matrix", m}
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("writing matrix JSON: %w", err)
	}
	return nil
}

// OrgTable writes, per service in use somewhere, each duty with how many
// accounts meet it.
func OrgTable(w io.Writer, m *OrgMatrix, o TableOptions) error {
	p := painter(o.Color)
	width := o.Width
	if width <= 0 {
		width = 160
	}
	ew := &errWriter{w: w}
	read := 0
	for _, a := range m.Accounts {
		if a.Read != "none" {
			read++
		}
	}
	org := m.OrganizationID
	if org == "" {
		org = "of account snapshots"
	}
	ew.printf("%s\n", p.paint(ansiBold, fmt.Sprintf("shoulder matrix: organization %s, %d accounts (%d read)", textsafe.Terminal(org), len(m.Accounts), read)))
	for _, a := range m.Accounts {
		if a.Read == "none" {
			ew.printf("%s\n", p.paint(ansiYellow, fmt.Sprintf("  account %s NOT READ: %s", textsafe.Terminal(a.ID), textsafe.Terminal(a.Reason))))
		}
	}
	for _, s := range m.Services {
		ew.printf("\n%s  %s\n", p.paint(ansiBold, fmt.Sprintf("%s (%s)", s.Name, s.Model)), p.paint(ansiDim, fmt.Sprintf("used in %d of %d accounts", s.Accounts, read)))
		ew.printf("  %s\n", p.paint(ansiDim, fmt.Sprintf("%-9s  %7s  %6s  %7s  %6s  %s", "MET", "NOT MET", "PARTLY", "UNKNOWN", "MANUAL", "DUTY")))
		for _, d := range s.Duties {
			met := fmt.Sprintf("%d of %d", d.Met(), d.Of())
			color := ansiGreen
			switch {
			case d.Accounts[NotMet]+d.Accounts[PartlyMet] > 0:
				color = ansiRed
			case d.Accounts[Unknown] > 0:
				color = ansiYellow
			case d.Of() == 0:
				color = ansiDim
			}
			ew.printf("  %s  %7d  %6d  %7d  %6d  %s\n", p.paint(color, fmt.Sprintf("%-9s", met)), d.Accounts[NotMet], d.Accounts[PartlyMet],
				d.Accounts[Unknown], d.Accounts[Manual], truncate(d.Title, width-50))
			if len(d.NotMetIn) > 0 {
				ew.printf("  %s\n", p.paint(ansiDim, truncate("           not met in: "+textsafe.Terminal(strings.Join(d.NotMetIn, ", ")), width-2)))
			}
		}
	}
	return ew.err
}
