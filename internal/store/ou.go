package store

import (
	"context"
	"encoding/json"
	"fmt"
)

// AccountOUPaths returns each account's OU path ("Root/Workloads/Prod") as
// the latest scan that covered it recorded it (the scan's report_meta:
// its accounts list, else its results' names). An account scanned outside
// an organization has none and is left out. The dashboard resolves a
// viewer's OUs to accounts with it (internal/serve).
func (s *Store) AccountOUPaths(ctx context.Context) (map[string]string, error) {
	rs, err := s.db.QueryContext(ctx, `SELECT c.account, s.report_meta
		FROM (SELECT account, MAX(last_scan) AS scan FROM coverage GROUP BY account) c
		JOIN scans s ON s.id = c.scan ORDER BY c.account`)
	if err != nil {
		return nil, s.wrap("read the accounts' OU paths", err)
	}
	defer rs.Close()
	out := map[string]string{}
	for rs.Next() {
		var acct, text string
		if err := rs.Scan(&acct, &text); err != nil {
			return nil, s.wrap("read the accounts' OU paths", err)
		}
		var m reportMeta
		if err := json.Unmarshal([]byte(text), &m); err != nil {
			return nil, s.wrap("read the accounts' OU paths", fmt.Errorf("report meta of account %s: %w", acct, err))
		}
		p := m.Names[acct][1]
		for _, e := range m.Accounts {
			if e.ID == acct && e.OUPath != "" {
				p = e.OUPath
			}
		}
		if p != "" {
			out[acct] = p
		}
	}
	return out, s.wrap("read the accounts' OU paths", rs.Err())
}
