package datamap

// NewOrg starts an organization's data map: AddAccount adds each
// account's stores in turn.
func NewOrg(organizationID string) *Map {
	return &Map{OrganizationID: organizationID, Stores: []Store{}, Accounts: []MapAccount{}}
}

// AddAccount moves the stores of one account's map (Build) into an
// organization's map, each naming the account and its OU path; the
// account's map is not used afterwards. The summary is counted by
// Select, once every account is in. name, when set, overrides the
// account's own name (the organization's name for it).
func (m *Map) AddAccount(part *Map, name, ouPath, read string) {
	if name == "" {
		name = part.AccountName
	}
	for i := range part.Stores {
		s := &part.Stores[i]
		s.AccountID, s.OUPath = part.AccountID, ouPath
	}
	m.Stores = append(m.Stores, part.Stores...)
	m.Accounts = append(m.Accounts, MapAccount{ID: part.AccountID, Name: name, OUPath: ouPath, Read: read, Stores: len(part.Stores), Incomplete: part.Incomplete})
	if m.Policy == "" {
		m.Policy, m.AllowedRegions = part.Policy, part.AllowedRegions
	}
	if m.Source == "" {
		m.Source = part.Source
	}
	if m.CollectedAt.IsZero() || (!part.CollectedAt.IsZero() && part.CollectedAt.Before(m.CollectedAt)) {
		m.CollectedAt = part.CollectedAt
	}
	part.Stores = nil
}

// AddUnread lists an account that could not be read.
func (m *Map) AddUnread(id, reason string) {
	m.Accounts = append(m.Accounts, MapAccount{ID: id, Read: "none", Reason: reason})
}

// IsOrg reports whether the map covers an organization.
func (m *Map) IsOrg() bool { return m.Accounts != nil }
