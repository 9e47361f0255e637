package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// AccountContext is what the dashboard's account page shows besides the
// findings, as a scan saw it: the resources per service (what the
// responsibility matrix decides "in use" from) and the account's data
// map. Both are JSON of the caller's types (internal/cli fills them from
// internal/responsibility and internal/datamap). A row is written only
// when it differs from the account's latest, so the store grows with
// change, not with scans.
type AccountContext struct {
	Account string
	Usage   any
	DataMap any
}

// recordContexts stores each context that differs from its account's
// latest one; within the scan's transaction.
func (s *Store) recordContexts(ctx context.Context, tx *sql.Tx, scanID int64, cs []AccountContext) error {
	for _, c := range cs {
		usage, err := jsonText(c.Usage)
		if err != nil {
			return fmt.Errorf("account %s's services: %w", c.Account, err)
		}
		dm, err := jsonText(c.DataMap)
		if err != nil {
			return fmt.Errorf("account %s's data map: %w", c.Account, err)
		}
		var lastUsage, lastMap string
		err = tx.QueryRowContext(ctx, s.q(`SELECT usage, datamap FROM account_context WHERE account = ?
			ORDER BY scan_id DESC LIMIT 1`), c.Account).Scan(&lastUsage, &lastMap)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("read account %s's context: %w", c.Account, err)
		}
		if err == nil && lastUsage == usage && lastMap == dm {
			continue
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO account_context (account, scan_id, usage, datamap) VALUES (?,?,?,?)`),
			c.Account, scanID, usage, dm); err != nil {
			return fmt.Errorf("record account %s's context: %w", c.Account, err)
		}
	}
	return nil
}

// StoredContext is an account's context as of a scan, its JSON as
// recorded.
type StoredContext struct {
	// Scan is the scan that recorded it (the latest change at or before
	// the scan asked about).
	Scan    int64
	Usage   string
	DataMap string
}

// ContextAt returns account's context as of scan id: its latest row at or
// before it (false when none: scans recorded before migration 0004, or by
// a source that keeps none).
func (s *Store) ContextAt(ctx context.Context, account string, id int64) (StoredContext, bool, error) {
	var c StoredContext
	err := s.db.QueryRowContext(ctx, s.q(`SELECT scan_id, usage, datamap FROM account_context
		WHERE account = ? AND scan_id <= ? ORDER BY scan_id DESC LIMIT 1`), account, id).Scan(&c.Scan, &c.Usage, &c.DataMap)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, nil
	}
	if err != nil {
		return c, false, s.wrap("read an account's context", err)
	}
	return c, true, nil
}
